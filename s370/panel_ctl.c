/* panel_ctl.c — the command queue, the control socket and --send (see
 * panel_ctl.h). */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdio.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include "panel_ctl.h"

/* ---- the queue ---- */

void panel_cmdq_init(struct panel_cmdq *q, void (*notify)(void *ctx), void *ctx)
{
	memset(q, 0, sizeof *q);
	pthread_mutex_init(&q->lock, NULL);
	pthread_cond_init(&q->cond, NULL);
	q->notify = notify;
	q->notify_ctx = ctx;
}

int panel_cmdq_push(struct panel_cmdq *q, const char *line, int reply_fd, bool wait)
{
	pthread_mutex_lock(&q->lock);
	if (q->closed || q->n == PANEL_CMDQ_SIZE) {
		pthread_mutex_unlock(&q->lock);
		return -1;
	}
	struct panel_cmd *c = &q->items[(q->head + q->n++) % PANEL_CMDQ_SIZE];
	snprintf(c->line, sizeof c->line, "%s", line);
	c->reply_fd = reply_fd;
	c->ticket = ++q->next_ticket;
	uint64_t mine = c->ticket;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
	if (q->notify)
		q->notify(q->notify_ctx);
	if (!wait)
		return 0;
	pthread_mutex_lock(&q->lock);
	/* Closed: a line not taken yet will never run, but one that is
	 * running still has its output teed to the caller's connection. */
	while (q->done_upto < mine && !(q->closed && q->taken_upto < mine))
		pthread_cond_wait(&q->cond, &q->lock);
	int rc = q->done_upto < mine ? -1 : q->quit_ticket == mine ? 1 : 0;
	pthread_mutex_unlock(&q->lock);
	return rc;
}

bool panel_cmdq_pop(struct panel_cmdq *q, struct panel_cmd *c, bool block)
{
	pthread_mutex_lock(&q->lock);
	while (block && !q->n && !q->closed)
		pthread_cond_wait(&q->cond, &q->lock);
	bool got = q->n && !q->closed;
	if (got) {
		*c = q->items[q->head];
		q->taken_upto = c->ticket;
		q->head = (q->head + 1) % PANEL_CMDQ_SIZE;
		q->n--;
	}
	pthread_mutex_unlock(&q->lock);
	return got;
}

void panel_cmdq_done(struct panel_cmdq *q, uint64_t ticket, bool quit)
{
	pthread_mutex_lock(&q->lock);
	q->done_upto = ticket;
	if (quit)
		q->quit_ticket = ticket;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

void panel_cmdq_close(struct panel_cmdq *q)
{
	pthread_mutex_lock(&q->lock);
	q->closed = true;
	pthread_cond_broadcast(&q->cond);
	pthread_mutex_unlock(&q->lock);
}

/* ---- the server ---- */

static int unix_address(const char *path, struct sockaddr_un *a, char *err, size_t errlen)
{
	memset(a, 0, sizeof *a);
	a->sun_family = AF_UNIX;
	if (!path[0] || strlen(path) >= sizeof a->sun_path) {
		snprintf(err, errlen, "%s: a socket path must have 1-%zu characters", path,
		         sizeof a->sun_path - 1);
		return -1;
	}
	strcpy(a->sun_path, path);
	return 0;
}

/* Is something listening on the socket at a? */
static bool socket_alive(const struct sockaddr_un *a)
{
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0)
		return false;
	bool alive = connect(fd, (const struct sockaddr *)a, sizeof *a) == 0;
	close(fd);
	return alive;
}

/* Read the client's lines and run each; returns true when one was quit. */
static bool serve_client(struct panel_ctl *ctl, int fd)
{
	char buf[PANEL_CMD_LINE * 4];
	size_t len = 0;
	for (;;) {
		char *nl;
		while ((nl = memchr(buf, '\n', len))) {
			*nl = 0;
			if (nl > buf && nl[-1] == '\r')
				nl[-1] = 0;
			int rc = panel_cmdq_push(ctl->q, buf, fd, true);
			if (rc == 1)
				return true;
			if (rc < 0)
				return false;
			len -= (size_t)(nl + 1 - buf);
			memmove(buf, nl + 1, len);
		}
		if (len == sizeof buf) { /* an overlong line: cut it */
			buf[len - 1] = '\n';
			continue;
		}
		struct pollfd p[2] = {{fd, POLLIN, 0}, {ctl->stop_rd, POLLIN, 0}};
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			return false;
		}
		if (p[1].revents)
			return false;
		ssize_t got = read(fd, buf + len, sizeof buf - len);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0) {
			if (len) { /* a last line without newline */
				buf[len++] = '\n';
				continue;
			}
			return false;
		}
		len += (size_t)got;
	}
}

static void *server(void *arg)
{
	struct panel_ctl *ctl = arg;
	for (;;) {
		struct pollfd p[2] = {{ctl->listen_fd, POLLIN, 0}, {ctl->stop_rd, POLLIN, 0}};
		if (poll(p, 2, -1) < 0) {
			if (errno == EINTR)
				continue;
			break;
		}
		if (p[1].revents)
			break;
		int fd = accept4(ctl->listen_fd, NULL, NULL, SOCK_CLOEXEC);
		if (fd < 0)
			continue;
		if (serve_client(ctl, fd)) {
			ctl->linger_fd = fd; /* closed when the machine is down */
			break;
		}
		close(fd);
	}
	return NULL;
}

int panel_ctl_start(struct panel_ctl *ctl, const char *path, struct panel_cmdq *q, char *err, size_t errlen)
{
	memset(ctl, 0, sizeof *ctl);
	ctl->listen_fd = ctl->stop_rd = ctl->stop_wr = ctl->linger_fd = -1;
	ctl->q = q;
	struct sockaddr_un a;
	if (unix_address(path, &a, err, errlen))
		return -1;
	struct stat st;
	if (lstat(path, &st) == 0) {
		if (!S_ISSOCK(st.st_mode)) {
			snprintf(err, errlen, "%s exists and is not a socket", path);
			return -1;
		}
		if (socket_alive(&a)) {
			snprintf(err, errlen, "%s: another program is listening there", path);
			return -1;
		}
		unlink(path); /* left behind by an s370 that ended without removing it */
	}
	int fds[2];
	if (pipe2(fds, O_CLOEXEC)) {
		snprintf(err, errlen, "pipe: %s", strerror(errno));
		return -1;
	}
	ctl->stop_rd = fds[0];
	ctl->stop_wr = fds[1];
	ctl->listen_fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	/* Only the owner may command the machine. */
	mode_t old = umask(077);
	int rc = ctl->listen_fd < 0 ? -1 : bind(ctl->listen_fd, (struct sockaddr *)&a, sizeof a);
	umask(old);
	if (rc || listen(ctl->listen_fd, 8)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		panel_ctl_stop(ctl);
		return -1;
	}
	snprintf(ctl->path, sizeof ctl->path, "%s", path);
	if (pthread_create(&ctl->thread, NULL, server, ctl)) {
		snprintf(err, errlen, "cannot create the control thread");
		panel_ctl_stop(ctl);
		return -1;
	}
	ctl->started = true;
	return 0;
}

void panel_ctl_stop(struct panel_ctl *ctl)
{
	if (ctl->started) {
		ssize_t r = write(ctl->stop_wr, "x", 1);
		(void)r;
		pthread_join(ctl->thread, NULL);
		ctl->started = false;
	}
	if (ctl->listen_fd >= 0) {
		close(ctl->listen_fd);
		if (ctl->path[0])
			unlink(ctl->path);
	}
	if (ctl->stop_rd >= 0)
		close(ctl->stop_rd);
	if (ctl->stop_wr >= 0)
		close(ctl->stop_wr);
	ctl->listen_fd = ctl->stop_rd = ctl->stop_wr = -1;
	ctl->path[0] = 0;
}

int panel_ctl_linger(struct panel_ctl *ctl)
{
	return ctl->linger_fd;
}

void panel_ctl_finish(struct panel_ctl *ctl)
{
	if (ctl->linger_fd >= 0)
		close(ctl->linger_fd);
	ctl->linger_fd = -1;
}

/* ---- the client ---- */

static int write_all(int fd, const char *p, size_t n)
{
	while (n) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w <= 0)
			return -1;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}

int panel_ctl_send(const char *path, int argc, char **argv)
{
	char err[200];
	struct sockaddr_un a;
	if (unix_address(path, &a, err, sizeof err)) {
		fprintf(stderr, "s370: --send %s\n", err);
		return 1;
	}
	int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
	if (fd < 0 || connect(fd, (struct sockaddr *)&a, sizeof a)) {
		fprintf(stderr, "s370: --send %s: %s\n", path, strerror(errno));
		if (fd >= 0)
			close(fd);
		return 1;
	}
	int rc = 0;
	if (argc) {
		for (int k = 0; k < argc && !rc; k++)
			rc = write_all(fd, argv[k], strlen(argv[k])) || write_all(fd, "\n", 1);
	} else {
		char buf[4096];
		ssize_t n;
		while (!rc && (n = read(STDIN_FILENO, buf, sizeof buf)) > 0)
			rc = write_all(fd, buf, (size_t)n);
	}
	shutdown(fd, SHUT_WR); /* the end of the commands */
	char buf[4096];
	ssize_t n;
	while ((n = read(fd, buf, sizeof buf)) > 0 || (n < 0 && errno == EINTR))
		if (n > 0 && write_all(STDOUT_FILENO, buf, (size_t)n))
			break;
	close(fd);
	if (rc)
		fprintf(stderr, "s370: --send %s: the connection was closed early\n", path);
	return rc ? 1 : 0;
}
