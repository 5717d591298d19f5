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
 *                 kept until PA2 or Clear)
 *
 * CP keeps the lines of the output area and writes the whole screen with
 * Erase/Write whenever it changes: at most 2K bytes, and no state to get out
 * of step with the display.
 */
#include "cp.h"

enum { COLS = 80, ROWS = 24 };
enum { ORD_SF = 0x1D, ORD_SBA = 0x11, ORD_IC = 0x13 };
enum { WCC_RESTORE_RESET = 0xC3 };  /* keyboard restore, reset modified bits */
enum { AID_ENTER = 0x7D, AID_CLEAR = 0x6D, AID_PA1 = 0x6C, AID_PA2 = 0x6E };
/* Field attributes (bits 2-7 of the attribute byte, sent as a graphic). */
enum { FA_PROT = 0x20, FA_HIGH = 0x08, FA_HIDDEN = 0x0C };

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

static int write_ds(struct rdev *d, uint8_t cmd, const struct ds *s)
{
	static struct ccw w;
	ccw_set(&w, cmd, s->b, CCW_SLI, s->n);
	return io_run(d, &w);
}

enum { OUT_ROWS = 22, IN_ADDR = 22 * COLS, STATUS_COL = 61, QUEUE = 100 };
enum tstate { T_LOGO, T_CONSOLE };
/* The output area's state: when it is full and more output waits, MORE...
 * for some seconds, then it is cleared and the output goes on; Enter on an
 * empty input line holds it (HOLDING) until PA2 or Clear. */
enum more { M_NONE, M_MORE, M_HOLD };
struct disp {
	struct term t;                /* first: a struct term * is a struct disp * */
	enum tstate state;
	char out[OUT_ROWS][COLS + 1]; /* the output area */
	int nout;
	char q[QUEUE][COLS];          /* output waiting for room: a ring */
	int qhead, qn;
	enum more more;
	int more_secs;                /* TERMINAL MORE */
	int more_timer;               /* timer id, or -1 */
	bool dirty;                   /* the console needs painting */
	int refuse_timer;             /* a refused LOGON's answer, due later; or -1 */
	char msg[COLS + 1];           /* on the logo: the last message */
};
static struct disp terms[32];
static int nterms;

static struct disp *disp_of(struct rdev *d)
{
	for (int k = 0; k < nterms; k++)
		if (terms[k].t.d == d)
			return &terms[k];
	return NULL;
}

static const char *const logo[] = {
    "        sssss   333333   77777777    000000",
    "       ss   ss       33        77   00   000",
    "        sss       3333        77    00  0 00",
    "          sss        33      77     00 0  00",
    "       ss   ss       33     77      000   00",
    "        sssss   333333     77        000000",
};

static void paint_logo(struct disp *t)
{
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
	write_ds(t->t.d, 0x05, &s); /* Erase/Write */
}

static void paint_console(struct disp *t)
{
	static struct ds s;
	s.n = 0;
	ds_byte(&s, WCC_RESTORE_RESET);
	for (int r = 0; r < t->nout; r++) {
		ds_sba(&s, r, 0);
		ds_text(&s, t->out[r]);
	}
	ds_sba(&s, OUT_ROWS - 1, COLS - 1); /* the input field's attribute ends row 22 */
	ds_sf(&s, 0);
	ds_byte(&s, ORD_IC);
	ds_sba(&s, 23, STATUS_COL - 2);
	ds_sf(&s, FA_PROT);
	ds_sba(&s, 23, STATUS_COL);
	char status[COLS];
	static const char *const state[] = {"CP READ", "MORE...", "HOLDING"};
	const char *st = state[t->more];
	if (t->more == M_NONE && t->t.u && t->t.u->vm)
		st = t->t.u->vm->state == VM_READING ? "VM READ" : t->t.u->vm->state == VM_RUNNING ? "RUNNING" : st;
	cp_format(status, sizeof status, "%-10s%-8s", st, t->t.u ? t->t.u->id : "");
	ds_text(&s, status);
	write_ds(t->t.d, 0x05, &s);
}

static void flush(struct disp *t);

/* MORE... has lasted its time: clear the output area, go on. */
static void more_timeout(void *arg)
{
	struct disp *t = arg;
	t->more_timer = -1;
	if (t->more != M_MORE)
		return;
	t->nout = 0;
	t->more = M_NONE;
	flush(t);
}

static void more_end(struct disp *t)
{
	if (t->more_timer >= 0)
		timer_cancel(t->more_timer);
	t->more_timer = -1;
	t->nout = 0;
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
			memcpy(t->out[t->nout], t->q[t->qhead], COLS);
			t->out[t->nout++][COLS - 1] = 0;
			t->qhead = (t->qhead + 1) % QUEUE;
			t->qn--;
		}
		if (!t->qn || t->more != M_NONE)
			break;
		if (t->more_secs) {
			t->more = M_MORE;
			t->more_timer = timer_add((uint32_t)t->more_secs * 1000u, more_timeout, t);
			break;
		}
		t->nout = 0;
	}
	t->dirty = true; /* painted by disp_update, once for all of it */
}

void disp_update(void)
{
	for (int k = 0; k < nterms; k++)
		if (terms[k].dirty) {
			terms[k].dirty = false;
			if (terms[k].state == T_CONSOLE)
				paint_console(&terms[k]);
		}
}

static void disp_line(struct term *tt, const char *text)
{
	struct disp *t = (struct disp *)tt;
	/* long lines wrap at 79 columns (the last column of row 22 is the
	 * input field's attribute) */
	size_t n = strlen(text), off = 0;
	do {
		size_t take = n - off > (size_t)(COLS - 1) ? (size_t)(COLS - 1) : n - off;
		if (t->qn == QUEUE) { /* far behind: the oldest waiting line goes */
			t->qhead = (t->qhead + 1) % QUEUE;
			t->qn--;
		}
		char *slot = t->q[(t->qhead + t->qn) % QUEUE];
		memcpy(slot, text + off, take);
		slot[take] = 0;
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
	t->nout = t->qn = t->qhead = 0;
	t->more_secs = 60;
}

static void disp_attach(struct term *tt, struct user *u)
{
	struct disp *t = (struct disp *)tt;
	term_reset(t);
	t->t.u = u;
	u->term = tt;
	t->state = T_CONSOLE;
	t->msg[0] = 0;
	t->dirty = true;
}

static void disp_detach(struct term *tt, const char *msg)
{
	struct disp *t = (struct disp *)tt;
	term_reset(t);
	t->t.u = NULL;
	t->state = T_LOGO;
	cp_format(t->msg, sizeof t->msg, "%s", msg ? msg : "");
	paint_logo(t);
}

static void disp_status(struct term *t)
{
	((struct disp *)t)->dirty = true;
}

static const struct term_ops disp_ops = {disp_line, disp_attach, disp_detach, disp_set_more, disp_status};

void disp_init(void)
{
	for (int k = 0; k < cp_nrdevs && nterms < (int)(sizeof terms / sizeof terms[0]); k++) {
		if (cp_rdevs[k].cls != RDEV_DISPLAY)
			continue;
		struct disp *t = &terms[nterms++];
		memset(t, 0, sizeof *t);
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

/* Enter on a console: the line is a CP command (CP READ). */
static void console_input(struct disp *t, const uint8_t *in, int n)
{
	char line[COLS * 2];
	field_text(in, n, IN_ADDR, line, sizeof line);
	char *p = line;
	while (*p == ' ')
		p++;
	if (!*p && t->more == M_NONE && t->t.u && t->t.u->vm && t->t.u->vm->state == VM_READING) {
		user_input(t->t.u, p); /* a null line is an answer to the machine's Read */
		return;
	}
	if (!*p) { /* an empty line: holds the screen in MORE... */
		if (t->more == M_MORE) {
			timer_cancel(t->more_timer);
			t->more_timer = -1;
			t->more = M_HOLD;
		}
		t->dirty = true; /* every attention gets a write: it unlocks the keyboard */
		return;
	}
	disp_line(&t->t, p); /* the line, as typed, into the output area */
	user_input(t->t.u, p);
}

/* Status a display presented by itself. */
void disp_event(struct rdev *d, uint8_t status)
{
	struct disp *t = disp_of(d);
	if (!t)
		return;
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
	static uint8_t in[512];
	static struct ccw rm;
	memset(in, 0, sizeof in);
	ccw_set(&rm, 0x06, in, CCW_SLI, sizeof in);
	int st = io_run(d, &rm);
	if (st < 0 || (st & US_UC))
		return;
	int n = (int)sizeof in; /* the scan stops at the zeros after the answer */
	while (n > 0 && in[n - 1] == 0)
		n--;
	if (t->state == T_LOGO) {
		if (in[0] == AID_CLEAR)
			t->msg[0] = 0;
		if (in[0] == AID_ENTER)
			logo_input(t, in, n);
		else
			paint_logo(t);
		return;
	}
	if (in[0] == AID_PA1 && t->t.u) { /* attention to CP: the machine stops, CP READ */
		user_attention(t->t.u);
		t->dirty = true;
	} else if (in[0] == AID_CLEAR || in[0] == AID_PA2) { /* clear the output area; waiting output follows */
		more_end(t);
	} else if (in[0] == AID_ENTER) {
		console_input(t, in, n);
	} else {
		t->dirty = true;
	}
}
