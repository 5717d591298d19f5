/* panel.h — the operator panel: an ncurses screen for a terminal.
 *
 *  s370  RUNNING  PSW=070E0000 00012345  instr 123456789  12.345 MIPS  56.0 SIO/s
 *  GR00=...  (general, control or floating-point registers: F2)
 *  -- devices | virtualization view (F3) --
 *  -- log (PgUp/PgDn, ^F search) --
 *  ==> command line (history, Tab completes command names)
 *  F1 help  F2 regs  F3 view  F5 start  F6 stop  F7 restart  F8 ipl ...
 *
 * The panel runs on the main thread and is the only code that calls
 * ncurses.  It never executes a command itself: lines typed and keys pressed
 * become command lines on the queue (panel_ctl.h) that the command thread
 * executes, so a long command (pause, a script) never freezes the screen.
 * Console output from any thread reaches the panel through panel_sink(),
 * which appends to the log (panel_log.h) and wakes the panel.
 *
 * The CPU is never stopped or slowed for the display: registers and the PSW
 * are read as they are (a sample while the CPU runs, exact while it is
 * stopped) and counters as panel_stats.h says.
 */
#ifndef S370_PANEL_H
#define S370_PANEL_H

#include <stdbool.h>
#include <stddef.h>

struct machine;
struct console;
struct panel_cmdq;
struct panel;

struct panel_env {
	struct machine *m;
	struct console *con;
	struct panel_cmdq *q;
	bool (*done)(void *ctx); /* true: leave panel_run() (quit, signal) */
	void *ctx;
};

/* Should s370 come up with the panel?  stdin and stdout are terminals and
 * TERM names a terminal that ncurses knows. */
bool panel_wanted(void);

/* The panel object with its log; the screen is not touched yet.  NULL: no memory. */
struct panel *panel_create(const struct panel_env *env);
void panel_destroy(struct panel *p);
/* console.h sink: one piece of console output from any thread. */
void panel_sink(void *ctx, const char *text, size_t len);
/* Any thread: redraw soon (a command has ended, the machine changed). */
void panel_wake(struct panel *p);
/* The panel never came up (a start-up error): its log to stderr. */
void panel_dump(struct panel *p);
/* Take the terminal (ncurses); -1 when it cannot be used (the caller goes
 * on in line mode).  Then run the screen until env.done() says so and give
 * the terminal back. */
int panel_open(struct panel *p);
int panel_run(struct panel *p);

#endif
