/* linemode.c — line-mode terminals: a 3215 console reached by a telnet
 * client (s370's `001F 3215` statement), worked a line at a time as VM/370
 * worked its typewriter terminals.
 *
 * The 3215 presents device end when a client connects (switched on): CP
 * writes its greeting.  A line the user types while no Read is waiting is
 * kept by the device, which presents attention; CP then reads it with Read
 * Inquiry (X'0A').  Before LOGON, CP expects `LOGON userid` and then asks
 * for the password on a line of its own; after it, each line is a CP
 * command and each message a line written with Write and carrier return
 * (X'09').
 *
 * The password must not show.  A telnet client echoes what it types, so CP
 * reads the password with s370's Read, no echo (X'1A', docs/devices.md),
 * started right after the prompt and left waiting while the user types
 * (io_start): the device asks its client to stop echoing for that line.
 * Where the device cannot hide it (command reject: a real 3215, the
 * integrated console, a client that refuses) CP says so and takes the
 * password as any other line.  On the operator's own console CP does not
 * try: its messages there must not wait behind a Read.
 */
#include "cp.h"

enum { LINE_LEN = 130 };
enum lstep { L_IDLE, L_PASSWORD, L_REFUSING, L_CONSOLE };
struct lterm {
	struct term t; /* first: a struct term * is a struct lterm * */
	enum lstep step;
	char id[9];   /* LOGON userid, while the password is asked for */
	char msg[80]; /* a refused LOGON's answer, written LOGON_DELAY_MS later */
	int timer;
	bool reading; /* the password's Read, no echo, is under way (into pw) */
	struct ccw pw_ccw;
	uint8_t pw[LINE_LEN];
};
/* One for each typewriter console, from the heap at IPL (heap.c). */
static struct pool lterm_pool = POOL(struct lterm);

static void write_line(struct lterm *l, const char *text)
{
	static uint8_t out[LINE_LEN];
	static struct ccw w;
	size_t n = strlen(text);
	if (n > LINE_LEN)
		n = LINE_LEN;
	cp_to_ebcdic(out, text, n);
	if (!n)
		out[n++] = 0x40;
	ccw_set(&w, 0x09, out, CCW_SLI, (uint16_t)n);
	io_run(l->t.d, &w);
}

static void greet(struct lterm *l)
{
	write_line(l, "s370 CP " CP_VERSION " ONLINE -- enter LOGON userid");
}

static void l_line(struct term *t, const char *text)
{
	write_line((struct lterm *)t, text);
}

static void l_attach(struct term *t, struct user *u)
{
	struct lterm *l = (struct lterm *)t;
	l->t.u = u;
	u->term = t;
	l->step = L_CONSOLE;
}

static void l_detach(struct term *t, const char *msg)
{
	struct lterm *l = (struct lterm *)t;
	l->t.u = NULL;
	l->step = L_IDLE;
	if (msg && *msg)
		write_line(l, msg);
	greet(l);
}

static const struct term_ops line_ops = {l_line, l_attach, l_detach, NULL, NULL};

static struct lterm *lterm_of(struct rdev *d)
{
	return d->cls == RDEV_CONSOLE ? (struct lterm *)d->term : NULL;
}

/* Every typewriter console is a terminal, the operator's own too: the
 * operator logs on there (as OPERATOR, say) and types CP commands, among
 * CP's messages. */
void line_init(void)
{
	for (int k = 0; k < cp_nrdevs; k++) {
		struct rdev *d = &cp_rdevs[k];
		if (d->cls != RDEV_CONSOLE)
			continue;
		struct lterm *l = pool_get(&lterm_pool);
		if (!l) {
			con_printf("S37LIN001E No storage for console %03X: no logon there", d->addr);
			continue;
		}
		d->term = &l->t;
		l->t.ops = &line_ops;
		l->t.d = d;
		greet(l); /* one that is switched off just refuses */
	}
}

/* EBCDIC input (ended by X'00' or the buffer's end) in ASCII, trailing
 * blanks gone. */
static void to_ascii(const uint8_t *in, size_t len, char *out, size_t size)
{
	size_t n = 0;
	for (size_t k = 0; k < len && in[k] && n + 1 < size; k++)
		out[n++] = (char)cp_e2a[in[k]];
	while (n && out[n - 1] == ' ')
		n--;
	out[n] = 0;
}

/* The line the user typed (Read Inquiry), in ASCII, trailing blanks gone;
 * false when there is none. */
static bool read_line(struct lterm *l, char *out, size_t size)
{
	static uint8_t in[LINE_LEN];
	static struct ccw r;
	memset(in, 0, sizeof in);
	ccw_set(&r, 0x0A, in, CCW_SLI, sizeof in);
	int st = io_run(l->t.d, &r);
	if (st < 0 || (st & US_UC))
		return false;
	to_ascii(in, sizeof in, out, size);
	return true;
}

/* Sense byte 0 of the terminal after a unit check (X'80' command reject,
 * X'40' intervention required: no client). */
static uint8_t sense0(struct lterm *l)
{
	static uint8_t sense;
	static struct ccw s;
	sense = 0;
	ccw_set(&s, 0x04, &sense, CCW_SLI, 1);
	io_run(l->t.d, &s);
	return sense;
}

static void cannot_hide(struct lterm *l)
{
	write_line(l, "S37LGN055W This terminal cannot hide the password: it shows as you type it");
}

/* After ENTER PASSWORD: the Read, no echo, left waiting (see the top). */
static void ask_password(struct lterm *l)
{
	if (l->t.d != con_device()) {
		memset(l->pw, 0, sizeof l->pw);
		ccw_set(&l->pw_ccw, 0x1A, l->pw, CCW_SLI, sizeof l->pw);
		int st = io_start(l->t.d, &l->pw_ccw);
		if (!st) {
			l->reading = true;
			return;
		}
		if (st < 0 || ((st & US_UC) && (sense0(l) & 0x40)))
			return; /* not there: the next client starts afresh (device end) */
	}
	cannot_hide(l);
}

/* The Read, no echo, ended: false when it brought no password (refused: the
 * password comes as a line with attention then; or the client went). */
static bool password_read(struct lterm *l, uint8_t status, char *out, size_t size)
{
	l->reading = false;
	if (!(status & US_UC)) {
		to_ascii(l->pw, sizeof l->pw, out, size);
		memset(l->pw, 0, sizeof l->pw); /* not left lying in storage */
		return true;
	}
	if (sense0(l) & 0x80) { /* command reject: it cannot hide the line */
		cannot_hide(l);
		return false;
	}
	l->step = L_IDLE; /* intervention required: the client went */
	greet(l);         /* (a new one may be there already) */
	return false;
}

static char *skip(char *p)
{
	while (*p == ' ')
		p++;
	return p;
}

static void logon_line(struct lterm *l, char *p)
{
	char w[16];
	size_t n = 0;
	while (*p && *p != ' ' && n + 1 < sizeof w) {
		char c = *p++;
		w[n++] = cp_toupper(c);
	}
	w[n] = 0;
	p = skip(p);
	bool logon = !strcmp(w, "L") || !strcmp(w, "LOG") || !strcmp(w, "LOGO") || !strcmp(w, "LOGON") ||
	             !strcmp(w, "LOGIN");
	if (!logon || !*p) {
		write_line(l, "S37LGN001E Enter LOGON userid");
		return;
	}
	n = 0;
	while (*p && *p != ' ' && n < 8) {
		char c = *p++;
		l->id[n++] = cp_toupper(c);
	}
	l->id[n] = 0;
	l->step = L_PASSWORD;
	write_line(l, "ENTER PASSWORD:");
	ask_password(l);
}

static void refuse_later(void *arg)
{
	struct lterm *l = arg;
	l->timer = -1;
	if (l->step != L_REFUSING)
		return;
	l->step = L_IDLE;
	write_line(l, l->msg);
	greet(l);
}

/* The password typed after ENTER PASSWORD: */
static void password_line(struct lterm *l, const char *p)
{
	l->step = L_IDLE;
	const char *bad = user_logon(&l->t, l->id, p);
	if (bad) { /* answered late: guessing passwords is slow */
		cp_format(l->msg, sizeof l->msg, "%s", bad);
		l->step = L_REFUSING;
		l->timer = timer_add(LOGON_DELAY_MS, refuse_later, l);
	}
}

void line_event(struct rdev *d, uint8_t status)
{
	struct lterm *l = lterm_of(d);
	if (!l)
		return;
	char line[LINE_LEN + 1];
	if (l->reading && (status & US_CE)) { /* the password's Read ended */
		if (password_read(l, status, line, sizeof line) && l->step == L_PASSWORD)
			password_line(l, skip(line));
		status &= (uint8_t)~(US_CE | US_DE | US_UC);
	}
	if (status & US_DE) { /* switched on: a new client */
		if (l->step == L_REFUSING)
			timer_cancel(l->timer);
		if (l->t.u)
			user_disconnect(l->t.u); /* the one before dropped the connection */
		l->step = L_IDLE;
		greet(l);
	}
	if (!(status & US_ATTN) || l->reading)
		return;
	if (!read_line(l, line, sizeof line))
		return;
	char *p = skip(line);
	switch (l->step) {
	case L_IDLE:
		logon_line(l, p);
		break;
	case L_PASSWORD:
		password_line(l, p);
		break;
	case L_REFUSING: /* lines typed meanwhile are dropped */
		break;
	case L_CONSOLE:
		user_input(l->t.u, p);
		break;
	}
}
