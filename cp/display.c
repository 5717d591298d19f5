/* display.c — local 3270 displays: the logo screen and what a terminal user
 * types on it.
 *
 * The 3270 is driven by its data stream (IBM 3270 Information Display System
 * Data Stream Programmer's Reference): CP writes a screen with Erase/Write
 * (X'05') — a write control character, then orders and text — and when the
 * user presses Enter, a PA or PF key, the display presents attention; CP
 * then reads the changed fields with Read Modified (X'06'): the AID byte
 * (which key), the cursor address, and for each modified field Set Buffer
 * Address with its address and the text typed.
 *
 * CP never waits for a display.  Behind each one is a TN3270 client across
 * a network, which may be slow, stopped or gone: a write ends when the
 * client has acknowledged it (TN3270E responses, up to five seconds), a
 * Read Buffer when the client has sent its screen.  So every I/O CP does on
 * a display -- its own screen writes, the Read Modified after a key, the
 * guest's full-screen I/O -- is started (io_start), one at a time, and its
 * ending is taken in disp_event when it comes; whatever wants the display
 * meanwhile waits its turn (again, attn_waits, fsio_next).
 *
 * A display presents device end when it is switched on, which for a display
 * reached over TN3270 is when a client connects: that is when CP paints the
 * logo.  After LOGON the display is the user's console, laid out as VM/370's:
 *
 *     rows 1-22   output area: CP's messages, oldest first, scrolling
 *     rows 23-24  input area (unprotected), then the status area at the
 *                 bottom right: CP READ (CP waits for a command), MORE...
 *                 (the output area is full and more output waits: it is
 *                 cleared after TERMINAL MORE seconds, or at once by PA2 or
 *                 Clear), HOLDING (Enter on an empty line during MORE...:
 *                 kept until PA2 or Clear), VM READ and RUNNING (the
 *                 virtual machine's), SLEEP (cmd_set.c), NOT ACCEPTED (a
 *                 line typed while the machine runs without reading: it
 *                 stays in the input area for Enter to send again)
 *
 * PF keys enter what SET PFnn gave them (IMMED: at once; DELAYED: into the
 * input area).  A guest may own the whole display by DIAGNOSE X'58'
 * (diag58.c): its data stream goes to the display, checked first, and the
 * keys are its attentions, until CP needs the display back (the end of
 * this file).
 *
 * CP keeps the lines of the output area and writes the whole screen with
 * Erase/Write whenever it changes: at most 2K bytes, and no state to get out
 * of step with the display.
 */
#include "cp.h"

enum { COLS = 80, ROWS = 24 };
enum { ORD_SF = 0x1D, ORD_SBA = 0x11, ORD_IC = 0x13, ORD_RA = 0x3C };
enum { WCC_RESTORE_RESET = 0xC3, WCC_RESTORE = 0xC2 };  /* keyboard restore (and reset modified bits) */
enum { AID_ENTER = 0x7D, AID_CLEAR = 0x6D, AID_PA1 = 0x6C, AID_PA2 = 0x6E };
/* Field attributes (bits 2-7 of the attribute byte, sent as a graphic). */
enum { FA_PROT = 0x20, FA_HIGH = 0x08, FA_HIDDEN = 0x0C, FA_MDT = 0x01 };

/* Buffer addresses and attributes travel as 6-bit values in graphic codes. */
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

/* A data stream being built. */
struct ds {
	uint8_t b[2048];
	uint16_t n;
};

static void ds_byte(struct ds *s, uint8_t v)
{
	if (s->n < sizeof s->b)
		s->b[s->n++] = v;
}

static void ds_sba(struct ds *s, int row, int col)
{
	unsigned a = (unsigned)(row * COLS + col);
	ds_byte(s, ORD_SBA);
	ds_byte(s, code6[(a >> 6) & 0x3F]);
	ds_byte(s, code6[a & 0x3F]);
}

static void ds_sf(struct ds *s, uint8_t attr)
{
	ds_byte(s, ORD_SF);
	ds_byte(s, code6[attr & 0x3F]);
}

static void ds_text(struct ds *s, const char *t)
{
	while (*t)
		ds_byte(s, cp_a2e[(uint8_t)*t++]);
}

/* Protected text at row, col (the attribute byte takes the column before). */
static void ds_label(struct ds *s, int row, int col, uint8_t attr, const char *t)
{
	ds_sba(s, row, col - 1);
	ds_sf(s, (uint8_t)(FA_PROT | attr));
	ds_text(s, t);
}


enum { OUT_ROWS = 22, IN_ADDR = 22 * COLS, STATUS_COL = 61, QUEUE = 100 };
enum tstate { T_LOGO, T_CONSOLE };
/* The output area's state: when it is full and more output waits, MORE...
 * for some seconds, then it is cleared and the output goes on; Enter on an
 * empty input line holds it (HOLDING) until PA2 or Clear. */
enum more { M_NONE, M_MORE, M_HOLD };
/* The guest's full screen (DIAGNOSE X'58', diag58.c): FS_ON while its
 * screen is on the display; FS_CP when CP took the display back (a message,
 * PA1, the machine stopped or reading its console) — the guest's next
 * full-screen I/O then ends with X'8E' and an Erase/Write gives it the
 * screen again. */
enum fs { FS_OFF, FS_ON, FS_CP };
enum { FS_IN = 3840 }; /* an inbound record kept for the guest: a model 4 screen read whole */
struct disp {
	struct term t;                /* first: a struct term * is a struct disp * */
	enum tstate state;
	char out[OUT_ROWS][COLS + 1]; /* the output area */
	uint32_t rows_changed;        /* bit r: row r changed since the last paint (a plain Write sends only those) */
	int nout;
	struct qline *qfirst, *qlast; /* output waiting for room (qn lines, QUEUE at most), oldest first */
	int qn;
	enum more more;
	int more_secs;                /* TERMINAL MORE */
	int more_timer;               /* timer id, or -1 */
	bool dirty;                   /* the console needs painting: on the list of dirty ones */
	struct disp *next_dirty;
	int refuse_timer;             /* a refused LOGON's answer, due later; or -1 */
	char msg[COLS + 1];           /* on the logo: the last message */
	bool not_accepted;            /* NOT ACCEPTED in the status area until the next key */
	char keep[2 * COLS];          /* painted back into the input area (NOT ACCEPTED, a DELAYED PF key) */
	enum fs fs;
	bool fs_pa1;                  /* the guest's Erase/Write asked for PA1 (CONTROL X'10') */
	uint16_t fs_size;             /* positions of the guest's screen (Erase/Write: 1920; Alternate: the model's) */
	bool fs_have_in;              /* fs_in holds the record of the last attention, for the guest's Read Modified */
	uint16_t fs_in_n;
	uint8_t *fs_in;               /* FS_IN bytes while the guest has the screen (heap.c), else NULL */
	/* CP's screen write under way (send_screen): its data and CCW */
	bool writing, again;          /* ... and paint again when it ends (the screen changed meanwhile) */
	bool cp_screen;               /* the display shows CP's console layout (not the logo, not the guest's) */
	bool erase_input;             /* the input area must be emptied: the next paint is an Erase/Write */
	bool attn_waits;              /* an attention came while it was under way: read when it ends */
	bool logo_again;              /* the logo was painted again after a write that found no client */
	struct ds *wbuf;
	struct ccw wccw;
	/* CP's Read Modified after a key, under way: into rbuf (FS_IN bytes),
	 * for the screen it was pressed on (read_fs: the guest's; read_state,
	 * read_user: the logo's or the user's console) */
	bool reading, read_fs;
	enum tstate read_state;
	struct user *read_user;
	uint8_t *rbuf;
	struct ccw rccw;
	struct fsio *fsio;            /* the guest's full-screen I/O under way (its ending not yet come) */
	struct fsio *fsio_next;       /* ... and one waiting until the display is free */
};
/* The guest's full-screen I/O (DIAGNOSE X'58', diag58.c) on the real
 * display.  CP starts it and goes on with everyone else: over TN3270E a
 * write ends when the client has answered it, a Read Buffer when the
 * client has sent its buffer, and a client that does not answer must stop
 * no one but its own machine.  The ending comes to disp_event like any
 * status, which gives it to diag58_io_end.  One operation at a time on a
 * display: the guest's waits in fsio_next while CP's own screen write (or
 * an operation nobody waits for any more: u NULL) is under way. */
enum { FSIO_BUF = 4096 };
struct fsio {
	struct user *u;               /* whose machine waits for it; NULL: nobody now */
	uint8_t cmd;                  /* the display's command */
	bool read, erase, pa1;        /* a Read; an Erase/Write (Alternate), PA1 the guest's */
	uint16_t size;                /* the screen an Erase/Write makes */
	uint32_t n;                   /* a write's data in buf */
	struct ccw ccw;
	uint8_t buf[FSIO_BUF];        /* a write's data stream; a read's answer */
};
/* A line of output waiting for room on the screen. */
struct qline {
	struct qline *next;
	char text[COLS];
};
/* Each display's state comes from the heap at IPL (about 2K: a system of
 * 500 displays needs 1M for them), its waiting lines and the guest's
 * full-screen record only while they are in use. */
static struct pool disp_pool = POOL(struct disp), qline_pool = POOL(struct qline),
                   fs_pool = POOL(uint8_t[FS_IN]), ds_pool = POOL(struct ds), fsio_pool = POOL(struct fsio);
static struct disp *dirty_first; /* the consoles disp_update must paint */
static void fsio_ended(struct disp *t, uint8_t *status);
static void fsio_next(struct disp *t);
static void fsio_drop(struct disp *t, bool tell);
static uint8_t sense_now(struct disp *t);
static struct disp *as_disp(struct term *tt);

static struct disp *disp_of(struct rdev *d)
{
	return d->cls == RDEV_DISPLAY ? (struct disp *)d->term : NULL;
}

/* The display runs an I/O of CP's or of the guest's (one at a time): what
 * else comes waits for its ending (disp_event). */
static bool disp_busy(const struct disp *t)
{
	return t->writing || t->fsio || t->reading;
}

/* The console changed: disp_update paints it (once, however many lines came). */
static void mark_dirty(struct disp *t)
{
	if (t->dirty)
		return;
	t->dirty = true;
	t->next_dirty = dirty_first;
	dirty_first = t;
}

enum { ALL_ROWS = (1u << OUT_ROWS) - 1 };

/* The output area is emptied: every row must be painted blank. */
static void clear_output(struct disp *t)
{
	t->nout = 0;
	t->rows_changed = ALL_ROWS;
}

/* CP's screen write ended (or never started): its buffer goes back. */
static void write_done(struct disp *t)
{
	t->writing = false;
	pool_put(&ds_pool, t->wbuf);
	t->wbuf = NULL;
}

static const char *const logo[] = {
    "        sssss   333333   77777777    000000",
    "       ss   ss       33        77   00   000",
    "        sss       3333        77    00  0 00",
    "          sss        33      77     00 0  00",
    "       ss   ss       33     77      000   00",
    "        sssss   333333     77        000000",
};

/* Write a screen (cmd: Erase/Write or Write) and do not wait for its end.  Over TN3270E
 * with responses the display ends a write only when the client has
 * answered it (devices/dev3270.c): a round trip over the network, up to
 * five seconds for a client that does not answer.  CP must not stand still
 * for that, so the write is started (io_start) and its ending comes to
 * disp_event like any status; a screen that changes meanwhile is painted
 * again then, once, as it is by then. */
static void send_screen(struct disp *t, uint8_t cmd, const struct ds *s)
{
	if (disp_busy(t)) {
		t->again = true;
		return;
	}
	if (!t->wbuf && !(t->wbuf = pool_get(&ds_pool)))
		return; /* no storage now: the next change paints it */
	memcpy(t->wbuf, s, sizeof *s);
	ccw_set(&t->wccw, cmd, t->wbuf->b, CCW_SLI, t->wbuf->n);
	int st = io_start(t->t.d, &t->wccw);
	if (st == 0) {
		t->writing = true;
		return;
	}
	write_done(t); /* refused: no client (intervention required), or busy */
	if ((st & US_UC) && t->t.u && t->state == T_CONSOLE && (sense_now(t) & 0x40))
		user_disconnect(t->t.u); /* its client went without a word */
}

/* Whether the display's client has gone: a No Operation finds it without a
 * client (intervention required) -- the display answers that itself, CP
 * does not wait for a client.  A display whose client goes presents no
 * status (a real one switched off does not either): CP learns it so, or by
 * the next I/O it starts there. */
bool disp_client_gone(struct term *tt)
{
	struct disp *t = as_disp(tt);
	if (!t || disp_busy(t))
		return false;
	static uint8_t byte;
	static struct ccw nop;
	ccw_set(&nop, 0x03, &byte, CCW_SLI, 1);
	int st = io_run(t->t.d, &nop);
	return st > 0 && (st & US_UC) && (t->t.d->sense[0] & 0x40);
}

static void paint_logo(struct disp *t)
{
	t->cp_screen = false;
	static struct ds s;
	s.n = 0;
	ds_byte(&s, WCC_RESTORE_RESET);
	for (int k = 0; k < 6; k++)
		ds_label(&s, 3 + k, 12, 0, logo[k]);
	ds_label(&s, 11, 12, FA_HIGH, "s370 CP " CP_VERSION " - a System/370 virtual machine system");
	if (t->msg[0])
		ds_label(&s, 16, 1, FA_HIGH, t->msg);
	ds_label(&s, 18, 1, 0, "Fill in your USERID and PASSWORD and press ENTER");
	ds_label(&s, 20, 1, 0, "USERID   ===>");
	ds_sba(&s, 20, 15);
	ds_sf(&s, 0); /* unprotected: the user id */
	ds_byte(&s, ORD_IC);
	ds_sba(&s, 20, 24);
	ds_sf(&s, FA_PROT);
	ds_label(&s, 21, 1, 0, "PASSWORD ===>");
	ds_sba(&s, 21, 15);
	ds_sf(&s, FA_HIDDEN); /* unprotected, not displayed: the password */
	ds_sba(&s, 21, 24);
	ds_sf(&s, FA_PROT);
	char line[COLS];
	cp_format(line, sizeof line, "RUNNING   display %03X", t->t.d->addr);
	ds_label(&s, 23, 58, 0, line);
	send_screen(t, 0x05, &s); /* Erase/Write */
}

/* The console screen.  Erase/Write when its fields must be laid out anew
 * (the first time, after a guest's full screen, after CP took the line in
 * the input area): that empties the input area.  Otherwise a plain Write
 * of the output area and the status, and the input area is left alone: a
 * user who has begun typing the next line while output arrives keeps it. */
static void paint_console(struct disp *t)
{
	if (disp_busy(t)) { /* painted when the display is free, with all that changed by then */
		t->again = true;
		return;
	}
	static struct ds s;
	bool erase = !t->cp_screen || t->erase_input;
	t->cp_screen = true;
	t->erase_input = false;
	s.n = 0;
	ds_byte(&s, erase ? WCC_RESTORE_RESET : WCC_RESTORE);
	uint32_t changed = t->rows_changed;
	t->rows_changed = 0;
	for (int r = 0; r < OUT_ROWS; r++) {
		size_t n = r < t->nout ? strlen(t->out[r]) : 0;
		if (erase ? !n : !(changed >> r & 1)) /* (a plain Write: the rows that changed only) */
			continue;
		ds_sba(&s, r, 0);
		ds_text(&s, r < t->nout ? t->out[r] : "");
		if (!erase && n < COLS - 1) { /* blanks to column 79 (80 is the input field's attribute on row 22) */
			unsigned stop = (unsigned)(r * COLS + COLS - 1);
			ds_byte(&s, ORD_RA);
			ds_byte(&s, code6[(stop >> 6) & 0x3F]);
			ds_byte(&s, code6[stop & 0x3F]);
			ds_byte(&s, 0x40);
		}
	}
	if (erase) {
		ds_sba(&s, OUT_ROWS - 1, COLS - 1); /* the input field's attribute ends row 22 */
		/* a line kept for the input area goes back there, modified: Enter sends it */
		ds_sf(&s, t->keep[0] ? FA_MDT : 0);
		ds_text(&s, t->keep);
		ds_byte(&s, ORD_IC);
		ds_sba(&s, 23, STATUS_COL - 2);
		ds_sf(&s, FA_PROT);
	}
	ds_sba(&s, 23, STATUS_COL);
	char status[COLS];
	static const char *const state[] = {"CP READ", "MORE...", "HOLDING"};
	const char *st = state[t->more];
	struct user *u = t->t.u;
	if (t->not_accepted)
		st = "NOT ACCEPTED";
	else if (t->more == M_NONE && u && set_asleep(u))
		st = "SLEEP";
	else if (t->more == M_NONE && u && u->vm && !set_cp_read(u))
		st = u->vm->state == VM_READING ? "VM READ" : u->vm->state == VM_RUNNING ? "RUNNING" : st;
	cp_format(status, sizeof status, strlen(st) > 10 ? "%s %s" : "%-10s%-8s", st, u ? u->id : "");
	for (size_t k = strlen(status); k < COLS - STATUS_COL; k++) /* blanks to the end of the screen */
		status[k] = ' ';
	status[COLS - STATUS_COL] = 0;
	ds_text(&s, status);
	send_screen(t, erase ? 0x05 : 0x01, &s); /* Erase/Write, Write */
}

static void flush(struct disp *t);

static void drop_oldest(struct disp *t)
{
	struct qline *l = t->qfirst;
	t->qfirst = l->next;
	if (!t->qfirst)
		t->qlast = NULL;
	t->qn--;
	pool_put(&qline_pool, l);
}

/* MORE... has lasted its time: clear the output area, go on. */
static void more_timeout(void *arg)
{
	struct disp *t = arg;
	t->more_timer = -1;
	if (t->more != M_MORE)
		return;
	clear_output(t);
	t->more = M_NONE;
	flush(t);
}

static void more_end(struct disp *t)
{
	if (t->more_timer >= 0)
		timer_cancel(t->more_timer);
	t->more_timer = -1;
	clear_output(t);
	t->more = M_NONE;
	flush(t);
}

/* Move waiting output into the output area while it has room; when it is
 * full and output still waits: MORE... (or, with TERMINAL MORE 0, clear at
 * once).  Then paint the console. */
static void flush(struct disp *t)
{
	for (;;) {
		while (t->qn && t->nout < OUT_ROWS && t->more == M_NONE) {
			memcpy(t->out[t->nout], t->qfirst->text, COLS);
			t->rows_changed |= 1u << t->nout;
			t->out[t->nout++][COLS - 1] = 0;
			drop_oldest(t);
		}
		if (!t->qn || t->more != M_NONE)
			break;
		if (t->more_secs) {
			t->more = M_MORE;
			t->more_timer = timer_add((uint32_t)t->more_secs * 1000u, more_timeout, t);
			break;
		}
		clear_output(t);
	}
	mark_dirty(t); /* painted by disp_update, once for all of it */
}

void disp_update(void)
{
	while (dirty_first) {
		struct disp *t = dirty_first;
		dirty_first = t->next_dirty;
		t->dirty = false;
		if (t->state == T_CONSOLE && t->fs != FS_ON)
			paint_console(t);
	}
}

static void disp_line(struct term *tt, const char *text)
{
	struct disp *t = (struct disp *)tt;
	if (t->fs == FS_ON) /* output for the user: CP takes the screen back (the guest's own comes by Erase/Write) */
		t->fs = FS_CP;
	/* long lines wrap at 79 columns (the last column of row 22 is the
	 * input field's attribute) */
	size_t n = strlen(text), off = 0;
	do {
		size_t take = n - off > (size_t)(COLS - 1) ? (size_t)(COLS - 1) : n - off;
		if (t->qn == QUEUE) /* far behind: the oldest waiting line goes */
			drop_oldest(t);
		struct qline *l = pool_get(&qline_pool);
		if (!l) /* no storage for it now: the line is lost, not CP */
			break;
		memcpy(l->text, text + off, take);
		l->text[take] = 0;
		if (t->qlast)
			t->qlast->next = l;
		else
			t->qfirst = l;
		t->qlast = l;
		t->qn++;
		off += take;
	} while (off < n);
	flush(t);
}

static void disp_set_more(struct term *t, int seconds)
{
	((struct disp *)t)->more_secs = seconds;
}

/* Empty output area and queue, no MORE... */
static void term_reset(struct disp *t)
{
	if (t->more_timer >= 0)
		timer_cancel(t->more_timer);
	t->more_timer = -1;
	t->more = M_NONE;
	while (t->qn)
		drop_oldest(t);
	clear_output(t);
	t->more_secs = 60;
	t->not_accepted = false;
	t->keep[0] = 0;
	t->fs = FS_OFF;
	t->fs_have_in = false;
	pool_put(&fs_pool, t->fs_in);
	t->fs_in = NULL;
}

static void disp_attach(struct term *tt, struct user *u)
{
	struct disp *t = (struct disp *)tt;
	term_reset(t);
	t->t.u = u;
	u->term = tt;
	t->state = T_CONSOLE;
	t->msg[0] = 0;
	mark_dirty(t);
}

static void disp_detach(struct term *tt, const char *msg)
{
	struct disp *t = (struct disp *)tt;
	fsio_drop(t, true);
	term_reset(t);
	t->t.u = NULL;
	t->state = T_LOGO;
	cp_format(t->msg, sizeof t->msg, "%s", msg ? msg : "");
	paint_logo(t);
}

/* The machine's state changed.  A guest that had the screen loses it when
 * CP must show the state: the machine stopped, reading its console, a CP
 * READ, asleep. */
static void disp_status(struct term *tt)
{
	struct disp *t = (struct disp *)tt;
	struct user *u = t->t.u;
	t->not_accepted = false;
	if (t->fs == FS_ON && u && (!u->vm || u->vm->state != VM_RUNNING || set_cp_read(u) || set_asleep(u)))
		t->fs = FS_CP;
	mark_dirty(t);
}

static const struct term_ops disp_ops = {disp_line, disp_attach, disp_detach, disp_set_more, disp_status};

void disp_init(void)
{
	for (int k = 0; k < cp_nrdevs; k++) {
		if (cp_rdevs[k].cls != RDEV_DISPLAY)
			continue;
		struct disp *t = pool_get(&disp_pool);
		if (!t) {
			con_printf("S37DSP001E No storage for display %03X: it stays dark", cp_rdevs[k].addr);
			continue;
		}
		cp_rdevs[k].term = &t->t;
		t->t.ops = &disp_ops;
		t->t.d = &cp_rdevs[k];
		t->more_timer = -1;
		t->refuse_timer = -1;
		paint_logo(t); /* one that is switched off just refuses */
	}
}

/* The text of the field that starts at buffer address addr, from a Read
 * Modified answer (AID, cursor, then SBA address text ...). */
static void field_text(const uint8_t *in, int n, unsigned addr, char *out, int outlen)
{
	out[0] = 0;
	for (int k = 3; k + 2 < n; k++) {
		if (in[k] != ORD_SBA)
			continue;
		unsigned a = (unsigned)((in[k + 1] & 0x3F) << 6 | (in[k + 2] & 0x3F));
		if (a != addr)
			continue;
		int m = 0;
		for (int j = k + 3; j < n && in[j] != ORD_SBA && m + 1 < outlen; j++)
			if (in[j] != 0x00)
				out[m++] = (char)cp_e2a[in[j]];
		while (m > 0 && out[m - 1] == ' ')
			m--;
		out[m] = 0;
		return;
	}
}


static void refuse_later(void *arg)
{
	struct disp *t = arg;
	t->refuse_timer = -1;
	if (t->state == T_LOGO)
		paint_logo(t);
}

/* Enter on the logo: LOGON. */
static void logo_input(struct disp *t, const uint8_t *in, int n)
{
	char user[16], pw[16];
	field_text(in, n, 20 * COLS + 16, user, sizeof user);
	field_text(in, n, 21 * COLS + 16, pw, sizeof pw);
	cp_upper(user);
	const char *bad = NULL;
	if (!user[0])
		bad = "Enter a user id first.";
	else
		bad = user_logon(&t->t, user, pw);
	if (bad) {
		cp_format(t->msg, sizeof t->msg, "%s", bad);
		if (user[0]) /* a refused LOGON is answered late: guessing passwords is slow */
			t->refuse_timer = timer_add(LOGON_DELAY_MS, refuse_later, t);
		else
			paint_logo(t);
	}
}

/* The machine runs and nothing of CP's waits for the user. */
static bool machine_running(const struct user *u)
{
	return u->vm && u->vm->state == VM_RUNNING && !set_cp_read(u) && !set_asleep(u);
}

/* A line entered (typed, or a PF key's IMMED text).  NOT ACCEPTED: a line
 * that is not for CP (#CP, or a CP READ up) while the machine runs without
 * reading its console cannot be taken now; it stays in the input area, and
 * Enter sends it again (once the machine reads: VM READ). */
static void take_line(struct disp *t, const char *p)
{
	struct user *u = t->t.u;
	bool for_cp = (p[0] == '#') && (p[1] == 'C' || p[1] == 'c') && (p[2] == 'P' || p[2] == 'p');
	if (!for_cp && machine_running(u)) {
		char held[2 * COLS];
		cp_format(held, sizeof held, "%s", p);
		if (vio_console_attention(u, held)) { /* a guest in an enabled wait: an attention, the line held */
			disp_line(&t->t, held);
			return;
		}
		t->not_accepted = true;
		cp_format(t->keep, sizeof t->keep, "%s", p);
		mark_dirty(t);
		return;
	}
	char line[2 * COLS];
	cp_format(line, sizeof line, "%s", p); /* CP's commands work on a copy of their own */
	disp_line(&t->t, line); /* the line, as typed, into the output area */
	user_input(u, line);
}

/* Enter on a console: the line is a CP command (CP READ), or the machine's. */
static void console_input(struct disp *t, const uint8_t *in, int n)
{
	char line[COLS * 2];
	field_text(in, n, IN_ADDR, line, sizeof line);
	char *p = line;
	while (*p == ' ')
		p++;
	struct user *u = t->t.u;
	if (!*p && t->more == M_NONE && u->vm && (set_cp_read(u) || (u->vm->state == VM_READING))) {
		user_input(u, p); /* a null line: the end of RUN ON's CP READ, or an answer to the machine's Read */
		return;
	}
	if (!*p && t->more == M_NONE && t->fs == FS_CP && machine_running(u)) {
		t->fs = FS_OFF;
		diag58_attention(u); /* the screen goes back to the guest: it reads (X'8E') and writes it anew */
		mark_dirty(t);
		return;
	}
	if (!*p) { /* an empty line: holds the screen in MORE... */
		if (t->more == M_MORE) {
			timer_cancel(t->more_timer);
			t->more_timer = -1;
			t->more = M_HOLD;
		}
		mark_dirty(t); /* every attention gets a write: it unlocks the keyboard */
		return;
	}
	take_line(t, p);
}

/* PF1-PF24's AIDs (3270 data stream: F1-F9, 7A-7C, C1-C9, 4A-4C); 0 for others. */
static int aid_pf(uint8_t aid)
{
	static const uint8_t pf[24] = {0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C,
	                               0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C};
	for (int k = 0; k < 24; k++)
		if (pf[k] == aid)
			return k + 1;
	return 0;
}

/* A PF key on the console: what SET PFnn gave it (cmd_set.c). */
static void pf_key(struct disp *t, int n)
{
	struct user *u = t->t.u;
	const char *text = set_pf_text(u, n);
	mark_dirty(t);
	if (!*text)
		return; /* a key with no text enters nothing */
	if (u->set.pf_delayed >> (n - 1) & 1)
		cp_format(t->keep, sizeof t->keep, "%s", text); /* DELAYED: into the input area */
	else
		take_line(t, text); /* IMMED: entered at once */
}

/* A key pressed on the guest's screen: CP looks at its record (so that it
 * sees PA1) and keeps it for the guest's Read Modified. */
static void fs_key(struct disp *t, const uint8_t *in, uint32_t n)
{
	if (!t->fs_in)
		return;
	memcpy(t->fs_in, in, n);
	t->fs_in_n = (uint16_t)n;
	if (t->fs_in_n && t->fs_in[0] == AID_PA1 && !t->fs_pa1) {
		t->fs = FS_CP; /* PA1 is CP's: the machine stops, CP READ (RUN ON: it goes on) */
		t->fs_have_in = false;
		user_attention(t->t.u);
		mark_dirty(t);
		return;
	}
	t->fs_have_in = t->fs_in_n != 0;
	diag58_attention(t->t.u);
}

static void disp_input(struct disp *t, uint8_t status);
static void start_read(struct disp *t);
static void read_ended(struct disp *t, uint8_t st);
static void cp_key(struct disp *t, const uint8_t *in, uint32_t n);

/* Status a display presented by itself: the ending of CP's screen write or
 * of the guest's full-screen I/O, a new client, a key. */
void disp_event(struct rdev *d, uint8_t status)
{
	struct disp *t = disp_of(d);
	if (!t)
		return;
	bool free = false; /* an I/O ended: the display is free for the next */
	if (t->fsio && (status & (US_CE | US_UC))) { /* the guest's full-screen I/O ended */
		fsio_ended(t, &status);
		free = true;
	} else if (t->reading && (status & (US_CE | US_UC))) { /* CP's read of a key's record ended */
		uint8_t st = status;
		status &= (uint8_t) ~(US_CE | US_DE | US_UC);
		if ((st & US_UC) && (sense_now(t) & 0x40))
			status |= US_DE; /* the client went: told on as fsio_ended does */
		read_ended(t, st);
		free = true;
	} else if (t->writing && (status & (US_CE | US_UC))) { /* CP's screen write ended */
		/* Its device end is not told apart from a client's switching on
		 * (that is device end alone): after a write that found no client
		 * (unit check), a device end may be one that came meanwhile, so
		 * the logo is painted once more -- once: that write's own ending
		 * must not start another. */
		bool maybe_new = (status & US_UC) && (status & US_DE) && !t->logo_again;
		t->logo_again = maybe_new;
		status &= (uint8_t) ~(US_CE | US_DE | US_UC);
		if (maybe_new)
			status |= US_DE;
		write_done(t);
		free = true;
	}
	if (free && t->attn_waits) { /* a key pressed while it was under way: its turn now */
		t->attn_waits = false;
		status |= US_ATTN;
	}
	disp_input(t, status);
	if (free) { /* then what waited for the display */
		fsio_next(t); /* the guest's I/O, first */
		if (t->again && !disp_busy(t)) { /* the screen changed while it was written */
			t->again = false;
			if (t->state == T_LOGO)
				paint_logo(t);
			else
				mark_dirty(t);
		}
	}
}

/* A client switched on (device end), a key pressed (attention).  The key's
 * record is read at once: the display keeps it from the attention until
 * an Erase/Write, which is why nothing is written between the two (an
 * attention while the display is busy waits for its end, attn_waits) --
 * and why CP need not wait for the client here. */
static void disp_input(struct disp *t, uint8_t status)
{
	if (status & US_DE) { /* switched on: a new client */
		if (t->refuse_timer >= 0)
			timer_cancel(t->refuse_timer);
		t->refuse_timer = -1;
		if (t->t.u) /* the one before dropped the connection: disconnected */
			user_disconnect(t->t.u);
		t->msg[0] = 0;
		paint_logo(t);
	}
	if (!(status & US_ATTN))
		return;
	if (disp_busy(t)) { /* read when the display is free */
		t->attn_waits = true;
		return;
	}
	start_read(t);
}

/* The bytes a Read of FS_IN that just ended on the display gave: its CSW's
 * residual count says. */
static uint32_t read_got(const struct disp *t)
{
	uint16_t resid = (uint16_t)(t->t.d->csw[6] << 8 | t->t.d->csw[7]);
	return resid < FS_IN ? FS_IN - resid : 0;
}

/* CP reads the record of the key pressed (Read Modified): the display has
 * kept it since the attention, so the read ends at once, but it is started
 * and its ending taken in disp_event like any other, so that CP never
 * waits for a client. */
static void start_read(struct disp *t)
{
	if (!(t->rbuf = pool_get(&fs_pool)))
		return; /* no storage now: the key is lost, as on a busy system */
	t->read_fs = t->state == T_CONSOLE && t->fs == FS_ON && t->t.u;
	t->read_state = t->state;
	t->read_user = t->t.u;
	ccw_set(&t->rccw, 0x06, t->rbuf, CCW_SLI, FS_IN);
	if (io_start(t->t.d, &t->rccw) == 0) {
		t->reading = true;
		return;
	}
	pool_put(&fs_pool, t->rbuf);
	t->rbuf = NULL;
}

/* CP's read of a key's record ended with unit status st: the key goes to
 * the screen it was pressed on, if that is still on the display. */
static void read_ended(struct disp *t, uint8_t st)
{
	uint8_t *in = t->rbuf;
	t->rbuf = NULL;
	t->reading = false;
	uint32_t n = read_got(t);
	bool fs_now = t->state == T_CONSOLE && t->fs == FS_ON && t->t.u;
	if (!(st & US_UC)) {
		if (t->state != t->read_state || t->t.u != t->read_user || fs_now != t->read_fs) {
			if (t->state == T_LOGO) /* the screen changed meanwhile: the key is dropped */
				paint_logo(t);
			else
				mark_dirty(t);
		} else if (fs_now) {
			fs_key(t, in, n);
		} else {
			cp_key(t, in, n);
		}
	}
	pool_put(&fs_pool, in);
}

/* A key pressed on the logo or on CP's console screen: its record (the AID,
 * the cursor address, the fields typed in), n bytes at in. */
static void cp_key(struct disp *t, const uint8_t *in, uint32_t n_in)
{
	int n = (int)n_in;
	if (t->state == T_LOGO) {
		if (in[0] == AID_CLEAR)
			t->msg[0] = 0;
		if (in[0] == AID_ENTER)
			logo_input(t, in, n);
		else
			paint_logo(t);
		return;
	}
	struct user *u = t->t.u;
	t->not_accepted = false; /* whatever the key: the input area is taken afresh */
	t->keep[0] = 0;
	t->erase_input = true;
	if (u && set_wake(u)) { /* SLEEP: any key wakes the session, and does nothing else */
		mark_dirty(t);
		return;
	}
	if (in[0] == AID_PA1 && t->t.u) { /* attention to CP: the machine stops, CP READ */
		user_attention(t->t.u);
		mark_dirty(t);
	} else if (in[0] == AID_CLEAR || in[0] == AID_PA2) { /* clear the output area; waiting output follows */
		more_end(t);
		if (t->fs == FS_CP && u && machine_running(u) && t->more == M_NONE) {
			t->fs = FS_OFF;
			diag58_attention(u); /* the screen goes back to the guest */
		}
	} else if (in[0] == AID_ENTER && u) {
		console_input(t, in, n);
	} else if (aid_pf(in[0]) && u) {
		pf_key(t, aid_pf(in[0]));
	} else {
		mark_dirty(t);
	}
}

/* ---- the guest's full screen: DIAGNOSE X'58' (diag58.c) ----
 *
 * The guest's data stream goes to the display as the guest wrote it, after
 * CP has checked it the way a 3274 checks one (GA23-0059, "Write
 * Operations"): a buffer address beyond the screen (SBA, EUA, RA) or an
 * order cut short by the end of the data is an operation check (unit
 * check, sense X'01') and nothing is written.  So a guest can put anything
 * on its user's screen, but nothing that leaves the display or CP in an
 * undefined state. */

static struct disp *as_disp(struct term *tt)
{
	return tt && tt->ops == &disp_ops ? (struct disp *)tt : NULL;
}

/* A buffer address (12-bit: two 6-bit codes; 14-bit: the first byte's top
 * bits 00) within size positions. */
static bool addr_ok(uint8_t a, uint8_t b, unsigned size)
{
	unsigned v;
	if ((a & 0xC0) == 0x80)
		return false; /* reserved */
	v = (a & 0xC0) ? (unsigned)(a & 0x3F) << 6 | (b & 0x3F) : (unsigned)(a & 0x3F) << 8 | b;
	return v < size;
}

/* A Write's data: the WCC, then orders and data. */
static bool ds_valid(const uint8_t *ds, uint32_t n, unsigned size)
{
	uint32_t k = 1;
	if (!n)
		return false;
	while (k < n) {
		uint8_t o = ds[k++];
		uint32_t need = 0;
		switch (o) {
		case 0x1D: /* SF: the attribute */
		case 0x08: /* GE: the character */
			need = 1;
			break;
		case 0x28: /* SA: type and value */
			need = 2;
			break;
		case 0x11: /* SBA */
		case 0x12: /* EUA */
		case 0x3C: /* RA: the address, then the character (GE and one, perhaps) */
			if (k + 2 > n || !addr_ok(ds[k], ds[k + 1], size))
				return false;
			need = o == 0x3C ? (k + 2 < n && ds[k + 2] == 0x08 ? 4 : 3) : 2;
			break;
		case 0x29: /* SFE, MF: a count of type-value pairs */
		case 0x2C:
			if (k >= n)
				return false;
			need = 1 + 2u * ds[k];
			break;
		default: /* IC, PT, and data */
			break;
		}
		if (need > n - k)
			return false;
		k += need;
	}
	return true;
}

/* Positions of the screen an Erase/Write Alternate makes: the model's. */
static uint16_t alt_size(const struct rdev *d)
{
	switch (d->model) {
	case 3: return 32 * 80;
	case 4: return 43 * 80;
	case 5: return 27 * 132;
	default: return 24 * 80;
	}
}

/* Not a display (a line-mode terminal: command reject), or no terminal
 * (disconnected: intervention required). */
static int no_display(struct term *tt, uint8_t *sense)
{
	*sense = tt ? 0x80 : 0x40;
	return US_CE | US_DE | US_UC;
}

/* Sense byte 0 of the display now (after a unit check). */
static uint8_t sense_now(struct disp *t)
{
	static uint8_t b[4];
	static struct ccw c;
	b[0] = 0;
	ccw_set(&c, 0x04, b, CCW_SLI, sizeof b);
	return io_run(t->t.d, &c) < 0 ? 0x40 : b[0];
}

/* Whether the screen is CP's now, for the guest's I/O f: only an
 * Erase/Write takes it back, and not while CP has the display for the user
 * (FS_CP: until the user gives it back) or has something for him (output
 * waiting, a CP READ).  FS_SWITCHED then, else 0. */
static int fsio_switched(struct disp *t, const struct fsio *f)
{
	if (!f->erase)
		return t->fs == FS_ON ? 0 : FS_SWITCHED;
	struct user *u = t->t.u;
	return t->fs == FS_CP || t->qn || t->more != M_NONE || !machine_running(u) ? FS_SWITCHED : 0;
}

/* The guest's I/O f goes to the display now: FS_LATER when started (its
 * ending comes to disp_event), else the status it ended with at once
 * (sense byte 0 in *sense after a unit check). */
static int fsio_start(struct disp *t, struct fsio *f, uint8_t *sense)
{
	*sense = 0;
	if (!f->u || f->u != t->t.u || t->state != T_CONSOLE) {
		*sense = 0x40; /* its user left the display meanwhile */
		return US_CE | US_DE | US_UC;
	}
	int sw = fsio_switched(t, f);
	if (sw)
		return sw;
	ccw_set(&f->ccw, f->cmd, f->buf, CCW_SLI, (uint16_t)(f->read ? FS_IN : f->n));
	int st = io_start(t->t.d, &f->ccw);
	if (st < 0) {
		*sense = 0x40;
		return US_CE | US_DE | US_UC;
	}
	if (st) { /* refused at once: no client (unit check, intervention required), busy */
		if (st & US_UC)
			*sense = sense_now(t);
		if ((st & US_UC) && (*sense & 0x40))
			user_disconnect(t->t.u); /* the client went: its user is disconnected */
		return st & (uint8_t)~US_ATTN;
	}
	t->fsio = f;
	if (f->erase) { /* the screen is the guest's from now on */
		t->cp_screen = false;
		t->fs = FS_ON;
		t->fs_pa1 = f->pa1;
		t->fs_size = f->size;
		t->fs_have_in = false;
	}
	if (f->read)
		t->fs_have_in = false;
	return FS_LATER;
}

/* f is over: its machine learns how it ended, unless nobody waits for it. */
static void fsio_done(struct disp *t, struct fsio *f, int st, uint8_t sense, uint32_t got)
{
	if (f->u) {
		if (f->erase && (st & US_UC) && f->u == t->t.u && t->fs == FS_ON) {
			t->fs = FS_OFF; /* what the screen shows is not known: CP's screen anew */
			t->rows_changed = ALL_ROWS;
			mark_dirty(t);
		}
		diag58_io_end(f->u, st, sense, f->buf, got);
	}
	pool_put(&fsio_pool, f);
}

/* The guest's I/O under way ended with *status (disp_event): taken out of
 * it.  A unit check with intervention required is a client that went: that
 * is told on as a device end, as a new client's is (the user disconnected,
 * the logo painted). */
static void fsio_ended(struct disp *t, uint8_t *status)
{
	struct fsio *f = t->fsio;
	t->fsio = NULL;
	uint8_t st = *status & (uint8_t)(US_CE | US_DE | US_UC | US_UX), sense = 0;
	*status &= (uint8_t) ~(US_CE | US_DE | US_UC | US_UX);
	uint32_t got = 0;
	if (st & US_UC) {
		sense = sense_now(t);
		if (sense & 0x40)
			*status |= US_DE;
	} else if (f->read) {
		got = read_got(t);
	}
	fsio_done(t, f, st, sense, got);
}

/* The display is free: the guest's I/O that waited for it goes now. */
static void fsio_next(struct disp *t)
{
	while (t->fsio_next && !disp_busy(t)) {
		struct fsio *f = t->fsio_next;
		t->fsio_next = NULL;
		if (f->read && f->cmd == 0x06 && t->fs_have_in && t->fs == FS_ON && f->u == t->t.u) {
			t->fs_have_in = false; /* the record of the key, kept while it waited */
			memcpy(f->buf, t->fs_in, t->fs_in_n);
			fsio_done(t, f, US_CE | US_DE, 0, t->fs_in_n);
			continue;
		}
		uint8_t sense;
		int st = fsio_start(t, f, &sense);
		if (st != FS_LATER)
			fsio_done(t, f, st, sense, 0);
	}
}

/* Give f to the display: started, or waiting for the I/O under way. */
static int fsio_go(struct disp *t, struct fsio *f, uint8_t *sense)
{
	*sense = 0;
	if (disp_busy(t)) {
		if (t->fsio_next) { /* (the console is busy meanwhile: a second cannot come) */
			pool_put(&fsio_pool, f);
			return US_BUSY;
		}
		t->fsio_next = f;
		return FS_LATER;
	}
	int st = fsio_start(t, f, sense);
	if (st != FS_LATER)
		pool_put(&fsio_pool, f);
	return st;
}

/* Nobody waits for the guest's I/O on the display any more: its machine
 * was reset (tell false), or its user leaves the display (tell: the machine
 * learns at once that its I/O ended with intervention required).  An
 * operation under way runs to its end, for no one. */
static void fsio_drop(struct disp *t, bool tell)
{
	if (t->fsio && t->fsio->u) {
		if (tell)
			diag58_io_end(t->fsio->u, US_CE | US_DE | US_UC, 0x40, NULL, 0);
		t->fsio->u = NULL;
	}
	struct fsio *f = t->fsio_next;
	t->fsio_next = NULL;
	if (f) {
		if (tell && f->u)
			diag58_io_end(f->u, US_CE | US_DE | US_UC, 0x40, NULL, 0);
		pool_put(&fsio_pool, f);
	}
}

void disp_fs_cancel(struct term *tt)
{
	struct disp *t = as_disp(tt);
	if (t)
		fsio_drop(t, false);
}

int disp_fs_write(struct term *tt, uint8_t cmd, const uint8_t *ds, uint32_t n, bool pa1_to_guest, uint8_t *sense)
{
	struct disp *t = as_disp(tt);
	*sense = 0;
	if (!t || t->state != T_CONSOLE || !t->t.u)
		return no_display(tt, sense);
	bool erase = cmd == 0x05 || cmd == 0x0D;
	struct fsio probe = {.erase = erase};
	int sw = fsio_switched(t, &probe);
	if (sw)
		return sw;
	uint16_t size = cmd == 0x0D ? alt_size(t->t.d) : cmd == 0x05 ? 24 * 80 : t->fs_size;
	if (!ds_valid(ds, n, size)) {
		*sense = 0x01; /* operation check */
		return US_CE | US_DE | US_UC;
	}
	struct fsio *f = n <= FSIO_BUF ? pool_get(&fsio_pool) : NULL;
	if (!f || (!t->fs_in && !(t->fs_in = pool_get(&fs_pool)))) { /* no storage for it now */
		pool_put(&fsio_pool, f);
		*sense = 0x40; /* intervention required: the guest may try again */
		return US_CE | US_DE | US_UC;
	}
	f->u = t->t.u;
	f->cmd = cmd;
	f->erase = erase;
	f->pa1 = pa1_to_guest;
	f->size = size;
	f->n = n;
	memcpy(f->buf, ds, n);
	return fsio_go(t, f, sense);
}

int disp_fs_read(struct term *tt, uint8_t cmd, uint8_t *buf, uint32_t size, uint32_t *got, uint8_t *sense)
{
	struct disp *t = as_disp(tt);
	*sense = 0;
	*got = 0;
	if (!t || t->state != T_CONSOLE || !t->t.u)
		return no_display(tt, sense);
	if (t->fs != FS_ON)
		return FS_SWITCHED;
	if (cmd == 0x06 && t->fs_have_in) { /* the record of the last attention, kept */
		t->fs_have_in = false;
		*got = t->fs_in_n;
		memcpy(buf, t->fs_in, t->fs_in_n < size ? t->fs_in_n : size);
		return US_CE | US_DE;
	}
	struct fsio *f = pool_get(&fsio_pool); /* nothing kept: the display answers */
	if (!f) {
		*sense = 0x40;
		return US_CE | US_DE | US_UC;
	}
	f->u = t->t.u;
	f->cmd = cmd;
	f->read = true;
	return fsio_go(t, f, sense);
}

/* X'19': lines of text into CP's output area from row (ctl & X'3F'); ctl
 * X'FF' clears the output area, X'FE' gives the display back to CP's screen
 * (VM/370's CP screen format anew, the cursor in the input area).  Each
 * brings CP's screen back. */
int disp_fs_lines(struct term *tt, uint8_t ctl, const uint8_t *data, uint32_t n)
{
	struct disp *t = as_disp(tt);
	if (!t || t->state != T_CONSOLE)
		return -1;
	t->fs = FS_OFF;
	t->fs_have_in = false;
	t->rows_changed = ALL_ROWS;
	mark_dirty(t);
	if (ctl == 0xFE)
		return US_CE | US_DE;
	if (ctl == 0xFF) {
		clear_output(t);
		return US_CE | US_DE;
	}
	int row = ctl & 0x3F;
	for (uint32_t k = 0; k < n && row < OUT_ROWS; row++) {
		int c = 0;
		for (; c < COLS - 1 && k < n; c++, k++) {
			uint8_t b = data[k];
			if (b == 0x1D && k + 1 < n) { /* a start field and its attribute: two blanks */
				t->out[row][c++] = ' ';
				k++;
				if (c == COLS - 1)
					break;
				b = 0x40;
			}
			char ch = (char)cp_e2a[b];
			t->out[row][c] = ch >= ' ' && ch <= '~' ? ch : ' ';
		}
		t->out[row][c] = 0;
		if (row >= t->nout) {
			for (int r = t->nout; r < row; r++)
				t->out[r][0] = 0;
			t->nout = row + 1;
		}
	}
	return US_CE | US_DE;
}
