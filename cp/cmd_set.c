/* cmd_set.c — SET (what a user's console and machine do) and SLEEP, as in
 * VM/370's CP (Command Reference for General Users, "SET", "SLEEP").
 *
 *   SET MSG ON|OFF        messages from other users (MSG) are shown, or
 *                         refused: the sender is told "not receiving; MSG OFF"
 *   SET WNG ON|OFF        the same for warnings (WARNING, the operator's)
 *   SET EMSG ON|CODE|TEXT|OFF
 *                         CP's error messages (S37xxxnnnE text: severity E,
 *                         W, S or T) shown whole, by their code only, by their
 *                         text only, or not at all (set_emsg_filter, which
 *                         user_printf applies; DIAGNOSE X'5C' uses the field)
 *   SET RUN ON|OFF        ON: PA1 (or #CP alone) gives a CP READ while the
 *                         machine goes on running; after the command the
 *                         console is the machine's again.  OFF: PA1 stops it
 *                         (CP READ until BEGIN)
 *   SET TIMER ON|OFF|REAL the interval timer at location 80 counts the
 *                         machine's own time, does not count, or counts real
 *                         time (vtimer.c honours it)
 *   SET PFnn [IMMed|DELayed] [text]   (nn 1-24) what PF key nn enters on a
 *                         display: IMMED (the default) enters the text at
 *                         once, as if typed and Enter pressed; DELAYED puts it
 *                         in the input area, to be changed and entered.  No
 *                         text: the key enters nothing again.
 *   QUERY SET, QUERY PF[nn]  the settings
 *
 *   SLEEP [n [SEC|MIN|HR]]   (n 0-99, minutes when no unit is named) the
 *                         session sleeps: the machine does not run, messages
 *                         are still shown, the status area says SLEEP.  Any
 *                         attention (Enter, PA1, a PF key, Clear) wakes it, or
 *                         the time.  Asleep from CP READ or from VM READ (#CP
 *                         SLEEP) it wakes to CP READ; asleep from the running
 *                         machine (its DIAGNOSE 8 "SLEEP") it wakes running.
 *
 * Abbreviations as VM/370's: capitals in the names below are the shortest
 * form.  The settings live in u->set (cp.h); the console's state that SLEEP
 * and RUN ON need lives here, one per user slot, reset at LOGON.
 */
#include "cp.h"

static struct session {
	bool asleep, cp_read;
	int timer;            /* the SLEEP's end, or -1 */
	enum vm_state before; /* the machine's state when it fell asleep */
} sess[MAX_USERS];

/* The texts of a user's PF keys, taken at the first SET PFnn (most users
 * set none): 24 of 64 bytes (heap.c). */
static struct pool pf_pool = POOL(char[24][64]);

const char *set_pf_text(const struct user *u, int n)
{
	return u->set.pf ? u->set.pf[n - 1] : "";
}

void set_logoff(struct user *u)
{
	pool_put(&pf_pool, u->set.pf);
	u->set.pf = NULL;
}

static struct session *session(const struct user *u)
{
	return &sess[u - cp_users];
}

void set_logon(struct user *u)
{
	struct session *s = session(u);
	if (s->asleep && s->timer >= 0)
		timer_cancel(s->timer);
	s->asleep = s->cp_read = false;
	s->timer = -1;
	set_logoff(u); /* (a fresh slot has none) */
	memset(&u->set, 0, sizeof u->set);
	u->set.msg = u->set.wng = true; /* VM/370's defaults: MSG ON, WNG ON, EMSG ON, RUN OFF, TIMER ON */
	u->set.emsg = EMSG_ON;
	u->set.timer = TIMER_ON;
}

/* ---- SET ---- */

static void bad(struct user *u, const char *form)
{
	user_printf(u, "S37CST026E Operand missing or invalid (SET %s)", form);
}

/* ON or OFF: 1, 0; -1 otherwise */
static int on_off(const char *w)
{
	return !w ? -1 : !strcmp(w, "ON") ? 1 : !strcmp(w, "OFF") ? 0 : -1;
}

/* PFnn, nn 1-24 (PF1 or PF01): nn, or 0 */
static int pf_number(const char *w)
{
	if (w[0] != 'P' || w[1] != 'F' || !w[2])
		return 0;
	int n = 0;
	for (const char *p = w + 2; *p; p++) {
		if (*p < '0' || *p > '9' || p - w > 3)
			return 0;
		n = n * 10 + (*p - '0');
	}
	return n >= 1 && n <= 24 ? n : 0;
}

static void set_pf(struct user *u, int n, char *rest)
{
	bool delayed = false;
	char *p = rest;
	while (*p == ' ')
		p++;
	char up[9];
	size_t k = 0;
	while (p[k] && p[k] != ' ' && k < sizeof up - 1) {
		up[k] = cp_toupper(p[k]);
		k++;
	}
	up[k] = 0;
	if (k && (!p[k] || p[k] == ' ') && (cmd_abbrev(up, "IMMed") || cmd_abbrev(up, "DELayed"))) {
		delayed = up[0] == 'D';
		p += k;
		while (*p == ' ')
			p++;
	}
	size_t len = strlen(p);
	while (len && p[len - 1] == ' ')
		p[--len] = 0;
	if (len >= 64) {
		user_printf(u,
		            "S37CST026E Operand missing or invalid (SET PF%02d: the text is longer than %u "
		            "characters)",
		            n, 63u);
		return;
	}
	if (!u->set.pf && !(u->set.pf = pool_get(&pf_pool))) {
		user_printf(u, "S37CST067E Not enough real storage for PF key texts now");
		return;
	}
	memcpy(u->set.pf[n - 1], p, len + 1);
	if (delayed && len)
		u->set.pf_delayed |= 1u << (n - 1);
	else
		u->set.pf_delayed &= ~(1u << (n - 1));
}

void set_cmd(struct user *u, char *rest)
{
	char *w = cmd_word(&rest);
	if (!w) {
		bad(u, "MSG|WNG|EMSG|RUN|TIMER|PFnn ...");
		return;
	}
	cp_upper(w);
	int pf = pf_number(w);
	if (pf) {
		set_pf(u, pf, rest);
		return;
	}
	cp_upper(rest);
	if (cmd_abbrev(w, "SHARE") || cmd_abbrev(w, "FAVored")) { /* the operator's, for a user: sched.c */
		sched_set(u, w, rest);
		return;
	}
	char *v = cmd_word(&rest), *extra = cmd_word(&rest);
	int onoff = extra ? -1 : on_off(v);
	if (cmd_abbrev(w, "MSG")) {
		if (onoff < 0)
			bad(u, "MSG ON|OFF");
		else
			u->set.msg = onoff;
	} else if (cmd_abbrev(w, "WNG")) {
		if (onoff < 0)
			bad(u, "WNG ON|OFF");
		else
			u->set.wng = onoff;
	} else if (cmd_abbrev(w, "RUN")) {
		if (onoff < 0)
			bad(u, "RUN ON|OFF");
		else
			u->set.run = onoff;
	} else if (cmd_abbrev(w, "EMSG")) {
		if (extra || !v)
			bad(u, "EMSG ON|CODE|TEXT|OFF");
		else if (!strcmp(v, "ON"))
			u->set.emsg = EMSG_ON;
		else if (!strcmp(v, "OFF"))
			u->set.emsg = EMSG_OFF;
		else if (!strcmp(v, "CODE"))
			u->set.emsg = EMSG_CODE;
		else if (!strcmp(v, "TEXT"))
			u->set.emsg = EMSG_TEXT;
		else
			bad(u, "EMSG ON|CODE|TEXT|OFF");
	} else if (cmd_abbrev(w, "TIMer")) {
		if (extra || !v)
			bad(u, "TIMER ON|OFF|REAL");
		else if (!strcmp(v, "ON"))
			u->set.timer = TIMER_ON;
		else if (!strcmp(v, "OFF"))
			u->set.timer = TIMER_OFF;
		else if (!strcmp(v, "REAL"))
			u->set.timer = TIMER_REAL;
		else
			bad(u, "TIMER ON|OFF|REAL");
	} else {
		user_printf(u, "S37CST003E Invalid option - %s", w);
	}
}

void set_query(struct user *u)
{
	static const char *const emsg[] = {"ON", "CODE", "TEXT", "OFF"}, *const timer[] = {"ON", "OFF",
	                                                                                   "REAL"};
	user_printf(u, "MSG %s, WNG %s, EMSG %s, RUN %s, TIMER %s", u->set.msg ? "ON" : "OFF",
	            u->set.wng ? "ON" : "OFF", emsg[u->set.emsg & 3], u->set.run ? "ON" : "OFF",
	            timer[u->set.timer % 3]);
}

/* QUERY PF: the keys that enter something; QUERY PFnn: that key. */
void set_query_pf(struct user *u, const char *w)
{
	int one = w[2] ? pf_number(w) : 0;
	if (w[2] && !one) {
		user_printf(u, "S37CQR003E Invalid option - %s", w);
		return;
	}
	int shown = 0;
	for (int n = one ? one : 1; n <= (one ? one : 24); n++) {
		const char *text = set_pf_text(u, n);
		if (!*text && !one)
			continue;
		if (*text)
			user_printf(u, "PF%02d %s %s", n,
			            u->set.pf_delayed >> (n - 1) & 1 ? "DELAYED" : "IMMED", text);
		else
			user_printf(u, "PF%02d UNDEFINED", n);
		shown++;
	}
	if (!shown)
		user_printf(u, "PF KEYS UNDEFINED");
}

/* ---- SET EMSG ---- */

static bool is_upper(char c)
{
	return c >= 'A' && c <= 'Z';
}
static bool is_digit(char c)
{
	return c >= '0' && c <= '9';
}

bool set_emsg_filter(uint8_t emsg, const char *line, char *out, size_t size)
{
	/* S37 + three letters (the module) + three digits + the severity */
	bool code = line[0] == 'S' && line[1] == '3' && line[2] == '7';
	for (int k = 3; code && k < 6; k++)
		code = is_upper(line[k]);
	for (int k = 6; code && k < 9; k++)
		code = is_digit(line[k]);
	code = code && (line[9] == 'E' || line[9] == 'W' || line[9] == 'S' || line[9] == 'T') &&
	       (line[10] == ' ' || !line[10]);
	if (!code || emsg == EMSG_ON) {
		cp_format(out, size, "%s", line);
		return true;
	}
	if (emsg == EMSG_OFF)
		return false;
	if (emsg == EMSG_CODE) {
		size_t k = 0;
		for (; k < 10 && k + 1 < size; k++)
			out[k] = line[k];
		out[k] = 0;
		return true;
	}
	const char *text = line + 10;
	while (*text == ' ')
		text++;
	cp_format(out, size, "%s", text);
	return true;
}

/* ---- SLEEP, and RUN ON's CP READ ---- */

bool set_asleep(const struct user *u)
{
	return session(u)->asleep;
}

bool set_wake(struct user *u)
{
	struct session *s = session(u);
	if (!s->asleep)
		return false;
	if (s->timer >= 0)
		timer_cancel(s->timer);
	s->timer = -1;
	s->asleep = false;
	struct vm *v = u->vm;
	if (v) {
		if (s->before == VM_READING) { /* #CP SLEEP from VM READ: back to CP; BEGIN reads on */
			v->state = VM_STOPPED;
			v->resume = VM_READING;
		} else {
			v->state = s->before;
		}
	}
	if (u->term)
		term_status(u->term);
	return true;
}

static void sleep_over(void *arg)
{
	struct user *u = arg;
	struct session *s = session(u);
	s->timer = -1;
	if (u->used && s->asleep)
		set_wake(u);
}

void sleep_cmd(struct user *u, char *rest)
{
	cp_upper(rest);
	char *n = cmd_word(&rest), *unit = cmd_word(&rest);
	uint32_t v = 0, scale = 60;
	bool ok = !cmd_word(&rest) && (n || !unit);
	for (const char *p = n; ok && p && *p; p++) {
		ok = is_digit(*p) && p - n < 2;
		v = v * 10 + (uint32_t)(*p - '0');
	}
	if (ok && unit) {
		if (cmd_abbrev(unit, "SEC"))
			scale = 1;
		else if (cmd_abbrev(unit, "MIN"))
			scale = 60;
		else if (cmd_abbrev(unit, "HR") || cmd_abbrev(unit, "HRS"))
			scale = 3600;
		else
			ok = false;
	}
	if (!ok) {
		user_printf(u, "S37CSL026E Operand missing or invalid (SLEEP n SEC|MIN|HR, n 0-99)");
		return;
	}
	struct session *s = session(u);
	if (s->asleep)
		set_wake(u);
	if (n && !v)
		return; /* no time at all */
	s->asleep = true;
	s->cp_read = false;
	s->before = u->vm ? u->vm->state : VM_STOPPED;
	if (u->vm)
		u->vm->state = VM_STOPPED; /* the machine does not run while the session sleeps */
	s->timer = n ? timer_add(v * scale * 1000u, sleep_over, u) : -1;
	if (u->term)
		term_status(u->term);
}

bool set_cp_read(const struct user *u)
{
	return session(u)->cp_read;
}

void set_enter_cp_read(struct user *u)
{
	session(u)->cp_read = true;
	if (u->term)
		term_status(u->term);
}

bool set_take_cp_read(struct user *u)
{
	struct session *s = session(u);
	if (!s->cp_read)
		return false;
	s->cp_read = false;
	return true;
}
