/* console.c — line-mode console output, log tee and command input. */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/uio.h>
#include <time.h>
#include <unistd.h>

#include "console.h"

int console_init(struct console *con, FILE *out)
{
	memset(con, 0, sizeof *con);
	con->out = out;
	con->in_fd = -1;
	con->tee_fd = -1;
	pthread_mutex_init(&con->lock, NULL);
	int fds[2];
	if (pipe(fds))
		return -1;
	for (int k = 0; k < 2; k++) {
		fcntl(fds[k], F_SETFL, fcntl(fds[k], F_GETFL) | O_NONBLOCK);
		fcntl(fds[k], F_SETFD, FD_CLOEXEC);
	}
	con->wake_rd = fds[0];
	con->wake_wr = fds[1];
	return 0;
}

void console_close(struct console *con)
{
	pthread_mutex_lock(&con->lock);
	if (con->log)
		fclose(con->log);
	con->log = NULL;
	if (con->out)
		fflush(con->out);
	pthread_mutex_unlock(&con->lock);
	close(con->wake_rd);
	close(con->wake_wr);
}

int console_open_log(struct console *con, const char *path)
{
	FILE *f = fopen(path, "a");
	if (!f)
		return -1;
	setvbuf(f, NULL, _IONBF, 0);
	pthread_mutex_lock(&con->lock);
	con->log = f;
	pthread_mutex_unlock(&con->lock);
	return 0;
}

void console_set_sink(struct console *con, void (*sink)(void *ctx, const char *text, size_t len), void *ctx)
{
	pthread_mutex_lock(&con->lock);
	con->sink = sink;
	con->sink_ctx = ctx;
	pthread_mutex_unlock(&con->lock);
}

void console_set_tee(struct console *con, int fd)
{
	pthread_mutex_lock(&con->lock);
	con->tee_fd = fd;
	pthread_mutex_unlock(&con->lock);
}

/* A control client that does not read loses output rather than stall the
 * machine: the socket is written without blocking. */
static void tee_line(int fd, const char *text, size_t len)
{
	if (len && text[len - 1] == '\n')
		len--;
	struct iovec v[2] = {{(void *)text, len}, {"\n", 1}};
	struct msghdr msg = {.msg_iov = v, .msg_iovlen = 2};
	ssize_t r = sendmsg(fd, &msg, MSG_DONTWAIT | MSG_NOSIGNAL);
	(void)r;
}

static void emit(struct console *con, FILE *f, const char *text, size_t len)
{
	pthread_mutex_lock(&con->lock);
	if (con->sink) {
		con->sink(con->sink_ctx, text, len);
	} else {
		fwrite(text, 1, len, f);
		if (len == 0 || text[len - 1] != '\n')
			fputc('\n', f);
		fflush(f);
	}
	if (con->tee_fd >= 0)
		tee_line(con->tee_fd, text, len);
	if (con->log) {
		fwrite(text, 1, len, con->log);
		if (len == 0 || text[len - 1] != '\n')
			fputc('\n', con->log);
	}
	pthread_mutex_unlock(&con->lock);
}

void console_printf(struct console *con, const char *fmt, ...)
{
	char small[1024];
	va_list ap;
	va_start(ap, fmt);
	int n = vsnprintf(small, sizeof small, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n < sizeof small) {
		emit(con, con->out, small, (size_t)n);
		return;
	}
	char *big = malloc((size_t)n + 1);
	if (!big)
		return;
	va_start(ap, fmt);
	vsnprintf(big, (size_t)n + 1, fmt, ap);
	va_end(ap);
	emit(con, con->out, big, (size_t)n);
	free(big);
}

void console_print_to(struct console *con, FILE *f, const char *line)
{
	emit(con, f, line, strlen(line));
}

void console_wake(struct console *con)
{
	char b = 1;
	ssize_t r = write(con->wake_wr, &b, 1); /* a full pipe is awake already */
	(void)r;
}

static void drain(int fd)
{
	char b[64];
	while (read(fd, b, sizeof b) > 0)
		;
}

/* Take one line out of the buffer if there is one. */
static bool take_line(struct console *con, char *line, size_t n)
{
	char *nl = memchr(con->buf, '\n', con->len);
	if (!nl)
		return false;
	size_t len = (size_t)(nl - con->buf);
	size_t copy = len < n - 1 ? len : n - 1;
	memcpy(line, con->buf, copy);
	line[copy] = 0;
	if (copy && line[copy - 1] == '\r')
		line[copy - 1] = 0;
	memmove(con->buf, nl + 1, con->len - len - 1);
	con->len -= len + 1;
	return true;
}

enum con_read console_read(struct console *con, char *line, size_t n, int timeout_ms)
{
	for (;;) {
		if (con->in_fd >= 0 && take_line(con, line, n))
			return CON_LINE;
		struct pollfd p[2] = {{con->wake_rd, POLLIN, 0}, {con->in_fd, POLLIN, 0}};
		int r = poll(p, con->in_fd >= 0 ? 2 : 1, timeout_ms);
		if (r < 0 && errno == EINTR)
			continue; /* a signal handler has written to the pipe */
		if (r <= 0)
			return CON_TIMEOUT;
		if (p[0].revents) {
			drain(con->wake_rd);
			return CON_WAKE;
		}
		if (con->len == sizeof con->buf) { /* an overlong line: cut it */
			con->buf[con->len - 1] = '\n';
			continue;
		}
		ssize_t got = read(con->in_fd, con->buf + con->len, sizeof con->buf - con->len);
		if (got < 0 && (errno == EINTR || errno == EAGAIN))
			continue;
		if (got <= 0) {
			if (con->len) { /* last line without a newline */
				con->buf[con->len++] = '\n';
				take_line(con, line, n);
				return CON_LINE;
			}
			return CON_EOF;
		}
		con->len += (size_t)got;
	}
}

bool console_sleep(struct console *con, int ms)
{
	struct timespec t0, t1;
	clock_gettime(CLOCK_MONOTONIC, &t0);
	for (;;) {
		clock_gettime(CLOCK_MONOTONIC, &t1);
		long done = (t1.tv_sec - t0.tv_sec) * 1000 + (t1.tv_nsec - t0.tv_nsec) / 1000000;
		if (done >= ms)
			return false;
		struct pollfd p = {con->wake_rd, POLLIN, 0};
		int r = poll(&p, 1, (int)(ms - done));
		if (r > 0) {
			drain(con->wake_rd);
			return true;
		}
	}
}
