/* panel_ctl.h — commands from elsewhere than the terminal: the command
 * queue, the control socket of --control PATH, and the client of --send.
 *
 * The queue holds command lines for the one thread that executes commands
 * (the main thread in line and daemon mode; the command thread under the
 * ncurses panel), so that commands never run two at a time.
 *
 * The control socket is a Unix stream socket.  A client writes command
 * lines; each is executed in turn and the console output produced while it
 * runs (its own result, and whatever else the machine prints meanwhile) is
 * sent back on the same connection.  The server closes the connection when
 * the client has shut down its side and the last command has ended; after
 * `quit` it holds the connection open until the machine has shut down
 * (images synced, sessions closed), so that `s370 --send PATH quit` returns
 * only then.  Any line-oriented client works: `s370 --send`, socat, nc -U.
 */
#ifndef S370_PANEL_CTL_H
#define S370_PANEL_CTL_H

#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

struct console;

enum { PANEL_CMD_LINE = 1024, PANEL_CMDQ_SIZE = 64 };

struct panel_cmd {
	char line[PANEL_CMD_LINE];
	int reply_fd; /* control client to tee the output to, -1 = none */
	uint64_t ticket;
};

struct panel_cmdq {
	pthread_mutex_t lock;
	pthread_cond_t cond;
	struct panel_cmd items[PANEL_CMDQ_SIZE];
	int head, n;
	uint64_t next_ticket, taken_upto, done_upto, quit_ticket;
	bool closed;
	void (*notify)(void *ctx); /* wake the executing thread (console_wake) */
	void *notify_ctx;
};

void panel_cmdq_init(struct panel_cmdq *q, void (*notify)(void *ctx), void *ctx);
/* Queue a line; with wait, return when it has run: 1 if it was quit, else 0.
 * -1: the queue is closed (shutting down) or full. */
int panel_cmdq_push(struct panel_cmdq *q, const char *line, int reply_fd, bool wait);
/* Take the next line; block says whether to wait for one (false when closed). */
bool panel_cmdq_pop(struct panel_cmdq *q, struct panel_cmd *c, bool block);
void panel_cmdq_done(struct panel_cmdq *q, uint64_t ticket, bool quit);
void panel_cmdq_close(struct panel_cmdq *q); /* waiters return -1, pop returns false */

struct panel_ctl {
	int listen_fd;
	char path[108];
	pthread_t thread;
	bool started;
	int stop_rd, stop_wr;
	struct panel_cmdq *q;
	int linger_fd; /* the client that sent quit, closed by panel_ctl_finish */
};

/* Listen on PATH (a stale socket left by a dead s370 is replaced; a live
 * one, or any other file, is an error).  0, or -1 with a reason in err. */
int panel_ctl_start(struct panel_ctl *ctl, const char *path, struct panel_cmdq *q, char *err, size_t errlen);
/* Stop listening and remove the socket (the queue must be closed first). */
void panel_ctl_stop(struct panel_ctl *ctl);
/* The client that sent quit, if any: -1 or its descriptor (to tee shutdown
 * messages to); panel_ctl_finish() closes it. */
int panel_ctl_linger(struct panel_ctl *ctl);
void panel_ctl_finish(struct panel_ctl *ctl);

/* --send PATH [COMMAND...]: the commands (or stdin's lines when none) to the
 * control socket, the replies to stdout.  The program's exit status. */
int panel_ctl_send(const char *path, int argc, char **argv);

#endif
