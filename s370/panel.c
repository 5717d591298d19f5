/* panel.c — the operator panel: life cycle, the input loop and the key map
 * (see panel.h; the screen itself is drawn by panel_draw.c).
 *
 * Key map:
 *   Enter       run the command line          Tab        complete a command name
 *   Up/Down     command history               ^F         search the log (Enter: older match)
 *   PgUp/PgDn   scroll the log                Esc        back to the newest output
 *   F1 help     F2 GPR/CR/FPR   F3 devices/virtualization view
 *   F5 start    F6 stop   F7 restart   F8 ipl (proposes "ipl DEV")   F9 interrupt key
 *   F10 quit (proposes "quit")   ^L redraw
 */
#include <curses.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "commands.h"
#include "console.h"
#include "panel_ctl.h"
#include "panel_int.h"

enum { CTRL_F = 6, CTRL_L = 12, KEY_ESC = 27, TICK_MS = 250, SAMPLE_US = 1000000, DEVS_US = 250000 };

static const char *const help_lines[] = {
    "Panel keys:",
    "  Enter      run the command line        Tab        complete a command name",
    "  Up/Down    command history             ^F         search the log (Enter again: older match)",
    "  PgUp/PgDn  scroll the log              Esc        back to the newest output",
    "  F1 help    F2 GPR/CR/FPR               F3 devices / virtualization view / both",
    "  F5 start   F6 stop   F7 restart   F8 ipl   F9 interrupt key   F10 quit   ^L redraw",
    "  Commands as in line mode: help lists them; /TEXT types on the integrated console.",
    NULL,
};

bool panel_wanted(void)
{
	const char *term = getenv("TERM");
	return isatty(STDIN_FILENO) && isatty(STDOUT_FILENO) && term && *term && strcmp(term, "dumb");
}

struct panel *panel_create(const struct panel_env *env)
{
	struct panel *p = calloc(1, sizeof *p);
	if (!p)
		return NULL;
	p->env = *env;
	int fds[2];
	if (panel_log_init(&p->log) || pipe2(fds, O_CLOEXEC | O_NONBLOCK)) {
		panel_log_free(&p->log);
		free(p);
		return NULL;
	}
	p->wake_rd = fds[0];
	p->wake_wr = fds[1];
	panel_edit_init(&p->ed);
	panel_edit_init(&p->sed);
	p->match = -1;
	int n = 0;
	while (cmd_table[n].name)
		n++;
	p->names = calloc((size_t)n + 1, sizeof *p->names);
	for (int k = 0; p->names && k < n; k++)
		p->names[k] = cmd_table[k].name;
	return p;
}

void panel_destroy(struct panel *p)
{
	if (!p)
		return;
	close(p->wake_rd);
	close(p->wake_wr);
	panel_edit_free(&p->ed);
	panel_edit_free(&p->sed);
	panel_log_free(&p->log);
	free(p->names);
	free(p);
}

void panel_wake(struct panel *p)
{
	if (!p)
		return;
	ssize_t r = write(p->wake_wr, "w", 1); /* a full pipe is awake already */
	(void)r;
}

void panel_sink(void *ctx, const char *text, size_t len)
{
	struct panel *p = ctx;
	panel_log_add(&p->log, text, len);
	panel_wake(p);
}

void panel_dump(struct panel *p)
{
	panel_log_dump(&p->log, stdout);
}

static void message(struct panel *p, const char *text)
{
	snprintf(p->msg, sizeof p->msg, "%s", text);
	p->msg_until = timer_host_us() + 4000000;
}

/* A command line for the command thread (never run here). */
static void submit(struct panel *p, const char *line)
{
	const char *s = line + strspn(line, " \t");
	if (!strncasecmp(s, "ipl ", 4))
		snprintf(p->last_ipl, sizeof p->last_ipl, "%s", s);
	if (panel_cmdq_push(p->env.q, line, -1, false))
		message(p, "commands are still running: try again when they have ended");
	p->scroll = 0; /* show what it prints */
}

static void sample(struct panel *p, uint64_t now)
{
	if (now >= p->next_sample) {
		struct panel_rate_mark m;
		panel_rate_mark(p->env.m, &m);
		if (p->mark.us)
			panel_rates(&p->mark, &m, &p->mips, &p->siops); /* as maxrates computes them */
		p->mark = m;
		p->prev = p->now;
		panel_counts_take(p->env.m, &p->now);
		if (!p->prev.us)
			panel_counts_start(p->env.m, &p->prev);
		p->next_sample = now + SAMPLE_US;
	}
	if (now >= p->next_devs) {
		panel_refresh_devices(p);
		p->next_devs = now + DEVS_US;
	}
}

/* ^F search: from the line above the last match (or the bottom of the view). */
static void search(struct panel *p)
{
	if (p->sed.buf[0])
		snprintf(p->needle, sizeof p->needle, "%s", p->sed.buf);
	if (!p->needle[0])
		return;
	long n = (long)panel_log_count(&p->log);
	long from = p->match >= 0 ? p->match : n - p->scroll;
	long m = panel_log_search(&p->log, p->needle, (size_t)(from < 0 ? 0 : from));
	char text[PANEL_MSG];
	if (m < 0) {
		snprintf(text, sizeof text, "search: \"%s\" not found%s", p->needle,
		         p->match >= 0 ? " above this match" : "");
		message(p, text);
		return;
	}
	p->match = m;
	long scroll = n - (m + 1) - (p->log_rows - 1) / 2; /* the match mid-log */
	p->scroll = scroll > 0 ? scroll : 0;
	snprintf(text, sizeof text, "search: \"%s\" at line %ld of %ld (Enter: older, Esc: back)", p->needle,
	         m + 1, n);
	message(p, text);
}

static void search_key(struct panel *p, int key)
{
	if (key == KEY_ESC) {
		p->searching = false;
		p->match = -1;
		p->scroll = 0;
		return;
	}
	if (panel_edit_key(&p->sed, key))
		search(p);
}

static void scroll_log(struct panel *p, long by)
{
	long n = (long)panel_log_count(&p->log);
	p->scroll += by;
	if (p->scroll > n - 1)
		p->scroll = n > 0 ? n - 1 : 0;
	if (p->scroll < 0)
		p->scroll = 0;
}

static void help(struct panel *p)
{
	for (int k = 0; help_lines[k]; k++)
		panel_log_add(&p->log, help_lines[k], strlen(help_lines[k]));
	p->scroll = 0;
}

static void propose(struct panel *p, const char *text)
{
	panel_edit_set(&p->ed, text);
	message(p, "Enter runs it, Esc or ^U clears it");
}

static void key(struct panel *p, int k)
{
	int page = LINES / 3 > 2 ? LINES / 3 - 1 : 1;
	switch (k) {
	case KEY_RESIZE:
		return; /* LINES and COLS are new: the next frame is drawn to them */
	case CTRL_L:
		clearok(curscr, TRUE);
		return;
	case KEY_PPAGE:
		scroll_log(p, page);
		return;
	case KEY_NPAGE:
		scroll_log(p, -page);
		return;
	case KEY_F(1):
		help(p);
		return;
	case KEY_F(2):
		p->regs = (enum panel_regs)((p->regs + 1) % 3);
		return;
	case KEY_F(3): /* side by side only where both fit */
		p->view = (enum panel_view)((p->view + 1) % (COLS >= PANEL_BOTH_COLS ? 3 : 2));
		return;
	case KEY_F(5):
		submit(p, "start");
		return;
	case KEY_F(6):
		submit(p, "stop");
		return;
	case KEY_F(7):
		submit(p, "restart");
		return;
	case KEY_F(8):
		propose(p, p->last_ipl[0] ? p->last_ipl : "ipl ");
		return;
	case KEY_F(9):
		submit(p, "ext");
		return;
	case KEY_F(10):
		propose(p, "quit");
		return;
	case CTRL_F:
		p->searching = true;
		p->match = -1;
		panel_edit_set(&p->sed, "");
		return;
	case KEY_ESC:
		panel_edit_set(&p->ed, "");
		p->scroll = 0;
		p->match = -1;
		return;
	case '\t': {
		char msg[PANEL_MSG];
		if (p->names && panel_edit_complete(&p->ed, p->names, msg, sizeof msg) != 1 && msg[0])
			message(p, msg);
		return;
	}
	default:
		if (panel_edit_key(&p->ed, k)) {
			char line[PANEL_EDIT_MAX + 1];
			snprintf(line, sizeof line, "%s", p->ed.buf);
			panel_edit_accept(&p->ed);
			submit(p, line);
		}
	}
}

static int open_screen(struct panel *p)
{
	if (!newterm(NULL, stdout, stdin))
		return -1;
	p->open = true;
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	nodelay(stdscr, TRUE);
	set_escdelay(25);
	if (has_colors() && start_color() == OK) {
		use_default_colors();
		init_pair(1, COLOR_WHITE, COLOR_BLUE); /* status line */
		init_pair(2, COLOR_CYAN, -1);          /* headings */
		init_pair(3, COLOR_YELLOW, -1);        /* traps, busy devices */
		p->color = true;
	}
	p->view = COLS >= PANEL_BOTH_COLS ? PANEL_BOTH : PANEL_DEVICES;
	return 0;
}

int panel_open(struct panel *p)
{
	return open_screen(p);
}

int panel_run(struct panel *p)
{
	if (!p->open && open_screen(p))
		return -1;
	while (!p->env.done(p->env.ctx)) {
		sample(p, timer_host_us());
		panel_draw(p);
		struct pollfd f[2] = {{STDIN_FILENO, POLLIN, 0}, {p->wake_rd, POLLIN, 0}};
		int r = poll(f, 2, TICK_MS);
		if (r > 0 && f[1].revents) {
			char b[256];
			while (read(p->wake_rd, b, sizeof b) > 0)
				;
			/* Output may come in floods (a trace): at most ~30 frames a second. */
			struct pollfd in = {STDIN_FILENO, POLLIN, 0};
			poll(&in, 1, 30);
		}
		int k;
		while ((k = getch()) != ERR) {
			if (p->searching && k != KEY_RESIZE && k != KEY_PPAGE && k != KEY_NPAGE)
				search_key(p, k);
			else
				key(p, k);
		}
	}
	endwin();
	p->open = false;
	return 0;
}
