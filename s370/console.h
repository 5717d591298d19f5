/* console.h — the operator's line-mode console: output, log, command input.
 *
 * Output from any thread goes through console_printf(): one mutex keeps lines
 * whole, every line is flushed at once (no buffering that delays it) and,
 * with --log, also written to the log file.  With the ncurses panel on, the
 * lines go to the panel's log instead of stdout/stderr (panel.h); while a
 * control-socket command runs they are also sent to its client (panel_ctl.c).
 *
 * Input is read by the main thread from a file descriptor (stdin) with
 * poll(), together with a wake-up pipe: another thread or a signal handler
 * calls console_wake() to make a waiting reader look at the world.
 */
#ifndef S370_CONSOLE_H
#define S370_CONSOLE_H

#include <pthread.h>
#include <stdbool.h>
#include <stdio.h>

struct console {
	FILE *out; /* stdout; stderr under --exit-on-wait, whose stdout carries only the PSW */
	FILE *log; /* --log FILE, or NULL */
	pthread_mutex_t lock;
	int wake_rd, wake_wr; /* self-pipe */
	int in_fd;            /* command input, -1 = none */
	char buf[4096];       /* partial input line */
	size_t len;
	/* The operator panel takes every line instead of the streams (the log
	 * file still gets it); called under the console lock. */
	void (*sink)(void *ctx, const char *text, size_t len);
	void *sink_ctx;
	int tee_fd; /* a control-socket client that also gets the output, -1 = none */
};

enum con_read { CON_LINE, CON_WAKE, CON_EOF, CON_TIMEOUT };

int console_init(struct console *con, FILE *out); /* 0 or -1 (no pipe) */
void console_close(struct console *con);
int console_open_log(struct console *con, const char *path); /* 0 or -1 */

void console_printf(struct console *con, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Write a line to a stream other than con->out (the --exit-on-wait PSW) and to the log. */
void console_print_to(struct console *con, FILE *f, const char *line);

/* Route output to a panel (NULL: back to the streams); set the tee (-1: none). */
void console_set_sink(struct console *con, void (*sink)(void *ctx, const char *text, size_t len), void *ctx);
void console_set_tee(struct console *con, int fd);

/* Async-signal-safe: make console_read()/console_sleep() return CON_WAKE. */
void console_wake(struct console *con);

/* Read one command line (without newline) into line.  timeout_ms < 0 waits
 * for ever; input -1 only waits for a wake-up or the timeout. */
enum con_read console_read(struct console *con, char *line, size_t n, int timeout_ms);
/* Sleep up to ms milliseconds; true if woken early. */
bool console_sleep(struct console *con, int ms);

#endif
