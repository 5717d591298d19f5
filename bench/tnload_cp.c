/* tnload_cp.c — tnload's CP mode (-L): each client is a user of our CP at a
 * 3270 display, as a person would be:
 *
 *   the logo (USERID ===>)   -> LOGON: user id and password in the logo's fields, Enter
 *   CP READ                  -> TERMINAL MORE 0 (a full output area is cleared at once, not held
 *                               for a minute), then IPL of the echo guest's minidisk
 *   ECHO READY, VM READ      -> a user that types: a line "SEQ PAYLOAD", the time until the
 *                               guest's answer "ANS SEQ DAOLYAP XXXX" is on the screen (checked
 *                               character for character: tests/guest/echoguest.c), think
 *                               time, again
 *                            -> a CPU-bound user: SPIN (the guest loops for ever); at the end
 *                               PA1 stops it (CP READ), so that the idle phase is idle
 *
 * The screen is kept the way a 3270 keeps its buffer (GA23-0059, "3270 Data
 * Stream"): each Write or Erase/Write is applied with its orders (SBA, SF,
 * SFE, SA, MF, IC, PT, RA, EUA, GE), and the rows are then read as text. CP
 * (cp/display.c) paints its console with Erase/Write: the output area is
 * rows 1-22, the input field starts at row 23 column 1 (buffer address 1760),
 * the status at row 24 column 62 ("CP READ", "VM READ", "RUNNING", "NOT
 * ACCEPTED", ...).  A line typed goes in as a Read Modified answer would:
 * AID Enter, the cursor address, SBA 1760 and the text in EBCDIC (code page 037).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "tnload.h"

struct cpl_conf cpl;
struct cpl_stats cpls;

enum { IAC = 255, EOR_CMD = 239 };
enum { AID_ENTER = 0x7D, AID_PA1 = 0x6C };
enum {
	IN_ADDR = 22 * TNL_COLS,
	USERID_ADDR = 20 * TNL_COLS + 16,
	PW_ADDR = 21 * TNL_COLS + 16,
	STATUS_COL = 61
};
enum { SCR = TNL_ROWS * TNL_COLS };

/* ---- EBCDIC, code page 037: the characters CP and the guest use ---- */

static uint8_t a2e[256], e2a[256];

static void tables(void)
{
	static const struct {
		char a;
		uint8_t e;
	} punct[] = {{' ', 0x40}, {'.', 0x4B}, {'<', 0x4C},  {'(', 0x4D}, {'+', 0x4E},
	             {'|', 0x4F}, {'&', 0x50}, {'!', 0x5A},  {'$', 0x5B}, {'*', 0x5C},
	             {')', 0x5D}, {';', 0x5E}, {'-', 0x60},  {'/', 0x61}, {',', 0x6B},
	             {'%', 0x6C}, {'_', 0x6D}, {'>', 0x6E},  {'?', 0x6F}, {':', 0x7A},
	             {'#', 0x7B}, {'@', 0x7C}, {'\'', 0x7D}, {'=', 0x7E}, {'"', 0x7F}};
	if (a2e['A'])
		return;
	memset(a2e, 0x6F, sizeof a2e); /* '?' */
	memset(e2a, '?', sizeof e2a);
	e2a[0] = ' ';
	for (size_t k = 0; k < sizeof punct / sizeof punct[0]; k++) {
		a2e[(uint8_t)punct[k].a] = punct[k].e;
		e2a[punct[k].e] = punct[k].a;
	}
	/* letters in three runs of nine, eight and eight; digits at F0 */
	static const uint8_t run[3] = {0xC1, 0xD1, 0xE2};
	static const int len[3] = {9, 9, 8};
	char ch = 'A';
	for (int r = 0; r < 3; r++)
		for (int k = 0; k < len[r]; k++, ch++) {
			a2e[(uint8_t)ch] = (uint8_t)(run[r] + k);
			e2a[run[r] + k] = ch;
			a2e[(uint8_t)(ch + 32)] = (uint8_t)(run[r] + k - 0x40);
			e2a[run[r] + k - 0x40] = (char)(ch + 32);
		}
	for (int k = 0; k < 10; k++) {
		a2e['0' + k] = (uint8_t)(0xF0 + k);
		e2a[0xF0 + k] = (char)('0' + k);
	}
}

/* ---- the screen ---- */

static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

/* A buffer address: 12 bits in two 6-bit graphics, or 14 bits when the
 * first byte's top two bits are zero. */
static unsigned baddr(uint8_t a, uint8_t b)
{
	unsigned v =
	    (a & 0xC0) ? (unsigned)((a & 0x3F) << 6 | (b & 0x3F)) : (unsigned)((a << 8 | b) & 0x3FFF);
	return v % SCR;
}

/* Apply a write command's record to the screen.  Non-write records (none
 * come from CP) are ignored. */
static void apply(struct client *c, const uint8_t *r, size_t n)
{
	if (n < 1)
		return;
	uint8_t cmd = r[0];
	bool erase = cmd == 0xF5 || cmd == 0x05 || cmd == 0x7E || cmd == 0x0D;
	bool write = erase || cmd == 0xF1 || cmd == 0x01;
	if (!write)
		return;
	if (erase)
		memset(c->scr, ' ', SCR);
	unsigned a = 0;
	for (size_t k = 2; k < n; k++) {
		uint8_t b = r[k];
		switch (b) {
		case 0x11: /* SBA */
			if (k + 2 < n)
				a = baddr(r[k + 1], r[k + 2]);
			k += 2;
			break;
		case 0x1D: /* SF: the attribute takes a position */
			c->scr[a] = ' ';
			a = (a + 1) % SCR;
			k += 1;
			break;
		case 0x29: /* SFE: count, then pairs */
			if (k + 1 < n) {
				c->scr[a] = ' ';
				a = (a + 1) % SCR;
				k += 1 + 2u * r[k + 1];
			}
			break;
		case 0x2C: /* MF */
			if (k + 1 < n)
				k += 1 + 2u * r[k + 1];
			break;
		case 0x28: /* SA */
			k += 2;
			break;
		case 0x13: /* IC */
		case 0x05: /* PT: only moves the address; the screen's text is what counts here */
			break;
		case 0x12: /* EUA: blanks to the address (protection not modelled) */
			if (k + 2 < n) {
				unsigned to = baddr(r[k + 1], r[k + 2]);
				while (a != to) {
					c->scr[a] = ' ';
					a = (a + 1) % SCR;
				}
			}
			k += 2;
			break;
		case 0x3C: /* RA: address, character (GE and its character) */
			if (k + 3 < n) {
				unsigned to = baddr(r[k + 1], r[k + 2]);
				uint8_t ch = r[k + 3];
				if (ch == 0x08 && k + 4 < n) {
					ch = r[k + 4];
					k++;
				}
				do {
					c->scr[a] = e2a[ch];
					a = (a + 1) % SCR;
				} while (a != to);
			}
			k += 3;
			break;
		case 0x08: /* GE */
			if (k + 1 < n)
				c->scr[a] = e2a[r[k + 1]];
			a = (a + 1) % SCR;
			k += 1;
			break;
		default:
			c->scr[a] = e2a[b];
			a = (a + 1) % SCR;
		}
	}
}

/* Row r (0-23) is exactly text, trailing blanks aside. */
static bool row_is(const struct client *c, int r, const char *text)
{
	const char *p = c->scr + r * TNL_COLS;
	size_t n = strlen(text);
	if (n > TNL_COLS || memcmp(p, text, n))
		return false;
	for (size_t k = n; k < TNL_COLS; k++)
		if (p[k] != ' ')
			return false;
	return true;
}

/* Some row of the output area (rows 1-22) is text; its number, or -1. */
static int out_row(const struct client *c, const char *text)
{
	for (int r = 0; r < 22; r++)
		if (row_is(c, r, text))
			return r;
	return -1;
}

/* The status area (row 24, column 62) starts with st. */
static bool status_is(const struct client *c, const char *st)
{
	return !memcmp(c->scr + 23 * TNL_COLS + STATUS_COL, st, strlen(st));
}

static void print_screen(const struct client *c)
{
	for (int r = 0; r < TNL_ROWS; r++) {
		int n = TNL_COLS;
		while (n > 0 && c->scr[r * TNL_COLS + n - 1] == ' ')
			n--;
		if (n)
			fprintf(stderr, "  %2d|%.*s\n", r + 1, n, c->scr + r * TNL_COLS);
	}
}

/* ---- input ---- */

/* A record to the server: the TN3270E header (3270-DATA) when agreed,
 * the data with IACs doubled, IAC EOR. */
static void send_rec(struct client *c, const uint8_t *b, size_t n)
{
	static const uint8_t hdr[5] = {0, 0, 0, 0, 0}, eor[2] = {IAC, EOR_CMD};
	if (c->e)
		tnl_put(c, hdr, sizeof hdr);
	for (size_t k = 0; k < n; k++) {
		tnl_put(c, &b[k], 1);
		if (b[k] == IAC)
			tnl_put(c, &b[k], 1);
	}
	tnl_put(c, eor, 2);
}

static size_t put_addr(uint8_t *p, unsigned a)
{
	p[0] = code6[(a >> 6) & 0x3F];
	p[1] = code6[a & 0x3F];
	return 2;
}

static size_t put_text(uint8_t *p, const char *t)
{
	size_t n = 0;
	while (*t)
		p[n++] = a2e[(uint8_t)*t++];
	return n;
}

/* Enter with fields: pairs of (buffer address, text), the cursor after the last. */
static void enter_fields(struct client *c, int nf, const unsigned *addr, const char *const *text)
{
	uint8_t b[256];
	size_t n = 0;
	b[n++] = AID_ENTER;
	n += put_addr(b + n, addr[nf - 1] + (unsigned)strlen(text[nf - 1]));
	for (int k = 0; k < nf; k++) {
		b[n++] = 0x11; /* SBA */
		n += put_addr(b + n, addr[k]);
		n += put_text(b + n, text[k]);
	}
	send_rec(c, b, n);
}

/* A line typed into the input area, Enter. */
static void type_line(struct client *c, const char *line)
{
	const unsigned a = IN_ADDR;
	enter_fields(c, 1, &a, &line);
}

static void set_state(struct client *c, enum cpl_state s)
{
	c->st = s;
	c->state_ns = now_ns();
}

void cpl_fail(struct client *c, const char *why)
{
	char user[16];
	snprintf(user, sizeof user, cpl.user_fmt, c->index + cpl.first);
	fprintf(stderr, "tnload: client %d (%s): %s; its screen:\n", c->index, user, why);
	print_screen(c);
	set_state(c, CPL_FAILED);
	cpls.failed++;
}

/* ---- the script ---- */

static uint32_t rnd(struct client *c)
{
	uint32_t x = c->rnd; /* xorshift32 */
	x ^= x << 13;
	x ^= x >> 17;
	x ^= x << 5;
	return c->rnd = x;
}

static uint64_t think(struct client *c)
{
	return cpl.think_ns / 2 + (cpl.think_ns ? (uint64_t)rnd(c) % cpl.think_ns : 0);
}

/* The next line and the answer echoguest.c must give. */
static void next_line(struct client *c)
{
	static const char set[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	char pay[16], rev[16];
	int n = 8 + (int)(rnd(c) % 8);
	unsigned sum = 0;
	for (int k = 0; k < n; k++)
		pay[k] = set[rnd(c) % (sizeof set - 1)];
	for (int k = 0; k < n; k++) {
		sum += (unsigned)(uint8_t)pay[k] * (unsigned)(k + 1);
		rev[k] = pay[n - 1 - k];
	}
	pay[n] = rev[n] = 0;
	c->seq++;
	snprintf(c->line, sizeof c->line, "%u %s", c->seq, pay);
	snprintf(c->expect, sizeof c->expect, "ANS %u %s %04X", c->seq, rev, sum & 0xFFFF);
}

static void send_line(struct client *c)
{
	next_line(c);
	type_line(c, c->line);
	c->sent_ns = now_ns();
	c->resend = false;
	set_state(c, CPL_WAIT);
}

void cpl_start(struct client *c, bool spinner)
{
	tables();
	c->spinner = spinner;
	c->rnd = 2654435761u * (uint32_t)(c->index + 1) | 1;
	memset(c->scr, ' ', SCR);
	set_state(c, CPL_LOGO);
}

bool cpl_busy(const struct client *c)
{
	return c->st == CPL_WAIT;
}

void cpl_stop_spinner(struct client *c)
{
	if (c->st != CPL_SPINNING)
		return;
	const uint8_t pa1 = AID_PA1;
	send_rec(c, &pa1, 1);
	set_state(c, CPL_STOP);
}

/* The answer to the line waited for, among the rows: seen (right or wrong). */
static bool answered(struct client *c)
{
	if (out_row(c, c->expect) >= 0) {
		cpls.answers++;
		c->answers++;
		if (cpls.nsamples < cpls.maxsamples)
			cpls.samples[cpls.nsamples++] = now_ns() - c->sent_ns;
		return true;
	}
	char pre[24];
	int pn = snprintf(pre, sizeof pre, "ANS %u ", c->seq);
	for (int r = 0; r < 22; r++)
		if (!memcmp(c->scr + r * TNL_COLS, pre, (size_t)pn)) {
			cpls.wrong++;
			fprintf(stderr, "tnload: client %d: line '%s' answered '%.*s', expected '%s'\n",
			        c->index, c->line, TNL_COLS, c->scr + r * TNL_COLS, c->expect);
			return true;
		}
	return false;
}

void cpl_record(struct client *c, const uint8_t *r, size_t n)
{
	apply(c, r, n);
	char buf[64];
	switch (c->st) {
	case CPL_LOGO:
		if (!row_is(c, 20, " USERID   ===>"))
			break;
		{
			char user[16], pw[16];
			snprintf(user, sizeof user, cpl.user_fmt, c->index + cpl.first);
			snprintf(pw, sizeof pw, cpl.pw_fmt, c->index + cpl.first);
			const unsigned addr[2] = {USERID_ADDR, PW_ADDR};
			const char *const text[2] = {user, pw};
			enter_fields(c, 2, addr, text);
		}
		set_state(c, CPL_LOGON);
		break;
	case CPL_LOGON:
		if (status_is(c, "CP READ")) {
			cpls.logged_on++;
			type_line(c, "TERMINAL MORE 0");
			set_state(c, CPL_MORE);
		} else if (row_is(c, 20, " USERID   ===>") && !row_is(c, 16, "")) {
			cpl_fail(c, "LOGON refused");
		}
		break;
	case CPL_MORE:
		if (status_is(c, "CP READ") && out_row(c, "TERMINAL MORE 0") >= 0) {
			snprintf(buf, sizeof buf, "IPL %s", cpl.ipl);
			type_line(c, buf);
			set_state(c, CPL_IPL);
		}
		break;
	case CPL_IPL:
		if (status_is(c, "VM READ") && out_row(c, "ECHO READY") >= 0) {
			cpls.ready++;
			c->ready = true;
			if (c->spinner) {
				type_line(c, "SPIN");
				set_state(c, CPL_SPIN);
			} else {
				c->next_ns = now_ns() + think(c);
				set_state(c, CPL_THINK);
			}
		}
		break;
	case CPL_SPIN:
		if (out_row(c, "SPINNING") >= 0) {
			cpls.spinning++;
			set_state(c, CPL_SPINNING);
		}
		break;
	case CPL_STOP:
		if (status_is(c, "CP READ")) {
			cpls.stopped++;
			set_state(c, CPL_STOPPED);
		}
		break;
	case CPL_WAIT:
		if (answered(c)) {
			c->next_ns = now_ns() + think(c);
			set_state(c, CPL_THINK);
		} else if (status_is(c, "NOT ACCEPTED")) {
			cpls.rejected++; /* typed while the machine ran: again once it reads */
			c->resend = true;
		} else if (c->resend && status_is(c, "VM READ")) {
			type_line(c, c->line);
			c->resend = false;
		}
		break;
	case CPL_THINK:
	case CPL_SPINNING:
	case CPL_STOPPED:
	case CPL_FAILED:
		break;
	}
}

uint64_t cpl_tick(struct client *c, uint64_t now)
{
	switch (c->st) {
	case CPL_THINK:
		if (!cpl.typing)
			return 0;
		if (now < c->next_ns)
			return c->next_ns;
		if (!status_is(c, "VM READ"))
			return 0; /* the machine has not read yet: the next screen says when */
		send_line(c);
		return c->sent_ns + cpl.tmo_ns;
	case CPL_WAIT:
		if (now - c->sent_ns < cpl.tmo_ns)
			return c->sent_ns + cpl.tmo_ns;
		cpls.timeouts++;
		if (cpl.verbose) {
			fprintf(stderr, "tnload: client %d: no answer to '%s' in %llu ms\n", c->index,
			        c->line, (unsigned long long)(cpl.tmo_ns / 1000000));
			print_screen(c);
		}
		c->next_ns = now;
		set_state(c, CPL_THINK); /* a late answer is told apart by its sequence number */
		return 0;
	default:
		return 0;
	}
}
