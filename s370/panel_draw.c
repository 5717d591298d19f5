/* panel_draw.c — one frame of the operator panel (see panel.h for the
 * layout).  ncurses compares the frame with the screen and sends only what
 * changed, so the whole frame is drawn every time. */
#include <curses.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "machine.h"
#include "panel_int.h"

enum { PAIR_STATUS = 1, PAIR_HEAD = 2, PAIR_HOT = 3, FIXED_ROWS = 9, MIN_LOG = 3 };

static void put(int y, int x, int width, const char *s)
{
	if (y < 0 || y >= LINES || x >= COLS || width <= 0)
		return;
	if (x + width > COLS)
		width = COLS - x;
	mvaddnstr(y, x, s, width);
}

static void attr(struct panel *p, int pair, attr_t mono, bool on)
{
	attr_t a = p->color ? (attr_t)COLOR_PAIR(pair) | (pair == PAIR_STATUS ? A_BOLD : 0) : mono;
	if (on)
		attron(a);
	else
		attroff(a);
}

/* "-- Title -------" across width columns. */
static void rule(struct panel *p, int y, int x, int width, const char *title)
{
	char buf[512];
	int n = snprintf(buf, sizeof buf, "-- %s ", title);
	while (n < width && n < (int)sizeof buf - 1)
		buf[n++] = '-';
	buf[n < (int)sizeof buf ? n : (int)sizeof buf - 1] = 0;
	attr(p, PAIR_HEAD, A_BOLD, true);
	put(y, x, width, buf);
	attr(p, PAIR_HEAD, A_BOLD, false);
}

static const char *cpu_state(struct panel *p)
{
	struct machine *m = p->env.m;
	bool waiting = m->cpu.waiting;
	if (machine_running(m)) /* now, not at the last sample */
		return waiting ? "WAIT" : "RUNNING";
	return waiting ? "DISABLED WAIT" : "STOPPED";
}

static void status_line(struct panel *p)
{
	uint8_t psw[8];
	cpu_psw_current(&p->env.m->cpu, psw);
	unsigned long long icount = __atomic_load_n(&p->env.m->cpu.icount, __ATOMIC_RELAXED);
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	char buf[512];
	snprintf(buf, sizeof buf,
	         " s370  %-13s PSW=%02X%02X%02X%02X %02X%02X%02X%02X  instr %llu  %.3f MIPS  %.1f SIO/s  "
	         "%02d:%02d:%02d",
	         cpu_state(p), psw[0], psw[1], psw[2], psw[3], psw[4], psw[5], psw[6], psw[7], icount,
	         p->mips, p->siops, tm.tm_hour, tm.tm_min, tm.tm_sec);
	attr(p, PAIR_STATUS, A_REVERSE, true);
	move(0, 0);
	for (int x = 0; x < COLS; x++)
		addch(' ');
	put(0, 0, COLS, buf);
	attr(p, PAIR_STATUS, A_REVERSE, false);
}

/* Rows 1-4: the registers chosen with F2; a copy, taken without stopping the CPU. */
static void registers(struct panel *p)
{
	struct cpu *c = &p->env.m->cpu;
	char buf[160];
	static const char *const names[] = {"GPR", "CR", "FPR"};
	if (p->regs == PANEL_FPR) {
		uint64_t f[4];
		memcpy(f, c->fpr, sizeof f);
		for (int r = 0; r < 2; r++) {
			snprintf(buf, sizeof buf, "FPR%d=%016llX FPR%d=%016llX", r * 4,
			         (unsigned long long)f[r * 2], r * 4 + 2, (unsigned long long)f[r * 2 + 1]);
			put(1 + r, 1, 60, buf);
		}
	} else {
		uint32_t v[16];
		memcpy(v, p->regs == PANEL_GPR ? c->gpr : c->cr, sizeof v);
		const char *l = p->regs == PANEL_GPR ? "GR" : "CR";
		for (int r = 0; r < 16; r += 4) {
			snprintf(buf, sizeof buf, "%s%02d=%08X %s%02d=%08X %s%02d=%08X %s%02d=%08X", l, r,
			         v[r], l, r + 1, v[r + 1], l, r + 2, v[r + 2], l, r + 3, v[r + 3]);
			put(1 + r / 4, 1, 60, buf);
		}
	}
	if (COLS >= 80) {
		snprintf(buf, sizeof buf, "[%s] F2", names[p->regs]);
		put(1, 64, 16, buf);
		snprintf(buf, sizeof buf, "prefix %06X", c->prefix);
		put(2, 64, 16, buf);
		snprintf(buf, sizeof buf, "key %X %s", c->psw.key,
		         (c->psw.flags & 1) ? "problem" : "superv.");
		put(3, 64, 16, buf);
		snprintf(buf, sizeof buf, "DAT %s", cpu_dat_on(c) ? "on" : "off");
		put(4, 64, 16, buf);
	}
}

static void add_devline(void *ctx, const struct chan_devinfo *di)
{
	struct panel *p = ctx;
	if (p->ndevlines == PANEL_MAX_DEVLINES)
		return;
	struct panel_devline *l = &p->devlines[p->ndevlines++];
	const char *st = !strcmp(di->state, "busy")                   ? "busy"
	                 : !strcmp(di->state, "interruption-pending") ? "int-pend"
	                 : !strcmp(di->state, "device-working")       ? "dev-work"
	                                                              : "";
	snprintf(l->text, sizeof l->text, "%04X %-8s %-8s %s", di->devnum, di->type, st, di->query);
	l->busy = st[0] != 0;
}

void panel_refresh_devices(struct panel *p)
{
	p->ndevlines = 0;
	if (p->env.m->chs)
		chan_devinfo_each(p->env.m->chs, add_devline, p);
}

static void devices(struct panel *p, int y, int x, int width, int rows)
{
	for (int k = 0; k < rows && k < p->ndevlines; k++) {
		if (p->devlines[k].busy)
			attr(p, PAIR_HOT, A_BOLD, true);
		put(y + k, x, width, p->devlines[k].text);
		if (p->devlines[k].busy)
			attr(p, PAIR_HOT, A_BOLD, false);
	}
	if (!p->ndevlines && rows > 0)
		put(y, x, width, "(no devices)");
}

struct vlines {
	char text[40][100];
	int n;
};

static void collect(void *ctx, const char *line)
{
	struct vlines *v = ctx;
	if (v->n < 40)
		snprintf(v->text[v->n++], sizeof v->text[0], "%s", line);
}

static void virt_view(struct panel *p, struct vlines *v, int y, int x, int width, int rows)
{
	for (int k = 0; k < rows && k < v->n; k++) {
		const char *s = v->text[k];
		bool head = s[0] != ' ';
		bool hot = strstr(s, "trap-and-emulate") && !strstr(s, "       0.0");
		if (head)
			attr(p, PAIR_HEAD, A_BOLD, true);
		else if (hot)
			attr(p, PAIR_HOT, A_BOLD, true);
		put(y + k, x, width, s);
		if (head)
			attr(p, PAIR_HEAD, A_BOLD, false);
		else if (hot)
			attr(p, PAIR_HOT, A_BOLD, false);
	}
}

static void log_pane(struct panel *p, int y, int rows)
{
	long n = (long)panel_log_count(&p->log);
	long bottom = n - p->scroll;
	char title[128];
	if (p->scroll)
		snprintf(title, sizeof title, "Log: lines %ld-%ld of %ld (PgUp/PgDn, Esc: newest)",
		         bottom - rows + 1 > 1 ? bottom - rows + 1 : 1, bottom, n);
	else
		snprintf(title, sizeof title, "Log (PgUp/PgDn scroll, ^F search)");
	rule(p, y, 0, COLS, title);
	char buf[PANEL_LOG_WIDTH];
	for (int r = 0; r < rows; r++) {
		long k = bottom - rows + r;
		if (k < 0 || !panel_log_get(&p->log, (size_t)k, buf, sizeof buf))
			continue;
		bool m = k == p->match;
		if (m)
			attron(A_REVERSE);
		put(y + 1 + r, 0, COLS, buf);
		if (m)
			attroff(A_REVERSE);
	}
}

static void bottom_lines(struct panel *p)
{
	int y = LINES - 2;
	const char *keys =
	    "F1 help F2 regs F3 view F5 start F6 stop F7 restart F8 ipl F9 ext F10 quit ^F find";
	bool msg = p->msg[0] && timer_host_us() < p->msg_until;
	if (msg)
		attr(p, PAIR_HOT, A_BOLD, true);
	put(y, 0, COLS, msg ? p->msg : keys);
	if (msg)
		attr(p, PAIR_HOT, A_BOLD, false);
	const char *prompt = p->searching ? "Search: " : "==> ";
	struct panel_edit *e = p->searching ? &p->sed : &p->ed;
	int plen = (int)strlen(prompt);
	int room = COLS - plen - 1;
	size_t first =
	    room > 0 && e->cur > (size_t)room ? e->cur - (size_t)room : 0; /* keep the cursor visible */
	attron(A_BOLD);
	put(LINES - 1, 0, plen, prompt);
	attroff(A_BOLD);
	put(LINES - 1, plen, room + 1, e->buf + first);
	move(LINES - 1, plen + (int)(e->cur - first));
}

void panel_draw(struct panel *p)
{
	erase();
	if (LINES < 8 || COLS < 40) {
		put(0, 0, COLS, "s370: the terminal is too small for the panel (40x8 at least)");
		refresh();
		return;
	}
	status_line(p);
	registers(p);
	int avail = LINES - FIXED_ROWS; /* rows for the middle pane and the log */
	struct vlines v = {.n = 0};
	panel_stats_lines(&p->prev, &p->now, collect, &v);
	bool both = p->view == PANEL_BOTH && COLS >= PANEL_BOTH_COLS;
	enum panel_view view = p->view == PANEL_BOTH && !both ? PANEL_DEVICES : p->view;
	int want = view == PANEL_VIRT ? v.n : both ? (v.n > p->ndevlines ? v.n : p->ndevlines) : p->ndevlines;
	if (want < 1)
		want = 1;
	int min_log = avail / 3 > MIN_LOG ? avail / 3 : MIN_LOG; /* the log keeps a third */
	int mid = avail - min_log;
	if (mid > want)
		mid = want;
	if (view == PANEL_DEVICES && !both && mid > avail / 2)
		mid = avail / 2 > 1 ? avail / 2 : 1;
	if (mid < 0)
		mid = 0;
	int y = 5;
	if (both) {
		int left = COLS - 84; /* the view's lines are 82 wide */
		rule(p, y, 0, left, "Devices (F3)");
		rule(p, y, left, COLS - left, "Virtualization view (F3)");
		devices(p, y + 1, 0, left - 1, mid);
		virt_view(p, &v, y + 1, left + 1, COLS - left - 1, mid);
	} else if (view == PANEL_VIRT) {
		rule(p, y, 0, COLS, "Virtualization view: what the running system makes the machine do (F3)");
		virt_view(p, &v, y + 1, 1, COLS - 1, mid);
	} else {
		rule(p, y, 0, COLS, "Devices: state and image or session (F3: virtualization view)");
		devices(p, y + 1, 1, COLS - 1, mid);
	}
	y += 1 + mid;
	p->log_rows = LINES - 2 - y - 1;
	log_pane(p, y, p->log_rows);
	bottom_lines(p);
	refresh();
}
