/* fullscr.c — a bare guest that owns its user's display by DIAGNOSE X'58'
 * (cp/diag58.c), run by tests/cli/cp_fullscreen.sh in ALICE's machine.
 *
 * First it checks, on its console, that bad requests end as CP documents
 * them (cc 3 for a device that is not the console; a channel program check
 * for a CCW or data outside the machine; unit check for a data stream with
 * a buffer address beyond the screen or an order cut short, and for Write
 * Structured Field; X'8E' for a Write or Read before any Erase/Write) and
 * writes "Fnn name: OK" or "Fnn name: WRONG ..." and a total.  Then it
 * computes for 4 seconds without reading (RUNNING: a line typed now is NOT
 * ACCEPTED), reads one console line and shows it.  Then the full screen: a
 * title, a NAME field, an ECHO line, a key line; each Enter echoes the
 * field's text (and whether a Read Buffer finds the title); X'8E' (CP took the screen: a message, PA1) makes it write
 * the screen anew; PF3 gives the display back to CP (X'19' X'FE') and the
 * guest ends in its disabled wait after a line of totals.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

#define LOW_CSW ((volatile uint8_t *)64)
#define STORAGE (1u << 20) /* ALICE's machine: 1M */

enum { CONS = 0x009 };
enum { SF = 0x1D, SBA = 0x11, IC = 0x13, WCC = 0xC3 /* keyboard restore, reset MDT */ };
enum { PROT = 0x60, PROT_HIGH = 0xE8, UNPROT = 0x40 }; /* attributes as graphic codes */
enum { NAME_ROW = 2, NAME_COL = 11, ECHO_ROW = 4, ECHO_COL = 7 };

static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};



/* A console channel program (START I/O), to its end. */
static void console(const struct ccw *c)
{
	CAW = (uint32_t)(uintptr_t)c;
	G_IODONE = 0;
	if (g_sio(CONS) == 0)
		g_wait_io();
}


/* DIAGNOSE X'58': Rx the CCW's address, Ry the device.  The CC; its
 * ending's CSW in csw (the interruption's, or the one stored with cc 1). */
static int d58(const void *ccw, uint32_t dev, uint8_t csw[8])
{
	int cc;
	G_IODONE = 0;
	__asm__ volatile("lr %%r2,%1\n\tlr %%r3,%2\n\t.insn rs,0x83000000,%%r2,%%r3,0x58(%%r0)\n\tipm %0\n\tsrl %0,28"
	                 : "=d"(cc)
	                 : "d"((uint32_t)(uintptr_t)ccw), "d"(dev)
	                 : "r2", "r3", "cc", "memory");
	if (cc == 0) {
		g_wait_io();
		for (int k = 0; k < 8; k++)
			csw[k] = G_CSW[k];
	} else if (cc == 1) {
		for (int k = 0; k < 8; k++)
			csw[k] = LOW_CSW[k];
	}
	return cc;
}

/* A full-screen CCW: command, data, CONTROL (byte 5), count. */
static void fs_ccw(struct ccw *c, uint8_t cmd, uint32_t addr, uint8_t ctl, uint16_t count)
{
	ccw_set(c, cmd, (const void *)(uintptr_t)addr, CCW_SLI, count);
	c->zero = ctl;
}

static uint32_t passed, total;
static char seen[60];

static void check(const char *name, int ok)
{
	total++;
	passed += ok != 0;
	g_say("F%02u %s: %s%s", total, name, ok ? "OK" : "WRONG ", ok ? "" : seen);
}

static int tried(int cc, const uint8_t *c)
{
	cp_format(seen, sizeof seen, "cc %d, CSW %02X%02X%02X%02X %02X%02X %02X%02X", cc, c[0], c[1], c[2], c[3], c[4],
	          c[5], c[6], c[7]);
	return cc;
}

/* ---- the screen ---- */

static uint8_t ds[512];
static unsigned dn;

static void put(uint8_t b)
{
	if (dn < sizeof ds)
		ds[dn++] = b;
}

static void sba(int row, int col)
{
	unsigned a = (unsigned)(row * 80 + col);
	put(SBA);
	put(code6[a >> 6 & 0x3F]);
	put(code6[a & 0x3F]);
}

static void text(const char *s)
{
	while (*s)
		put(cp_a2e[(uint8_t)*s++]);
}

static void label(int row, int col, uint8_t attr, const char *s)
{
	sba(row, col);
	put(SF);
	put(attr);
	text(s);
}

static uint8_t csw[8];
static struct ccw ccw;
static char line[101]; /* the console line read before the full screen */

/* The whole screen, by Erase/Write (PA1 stays CP's). */
static int draw(void)
{
	dn = 0;
	put(WCC);
	label(0, 0, PROT_HIGH, "FULLSCREEN DEMO - DIAGNOSE X'58'");
	label(NAME_ROW, 0, PROT, "NAME ===>");
	sba(NAME_ROW, NAME_COL - 1);
	put(SF);
	put(UNPROT);
	put(IC);
	sba(NAME_ROW, NAME_COL + 20);
	put(SF);
	put(PROT);
	label(ECHO_ROW, 0, PROT, "ECHO:");
	label(21, 0, PROT, "CONSOLE LINE: ");
	text(line);
	label(23, 0, PROT, "ENTER: ECHO   PF3: END");
	fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)ds, 0x80, (uint16_t)dn);
	return d58(&ccw, CONS, csw);
}

/* The NAME field's text from a Read Modified answer (AID, cursor, then SBA
 * address and text for each modified field). */
static void name_of(const uint8_t *in, unsigned n, char *out, unsigned size)
{
	unsigned want = NAME_ROW * 80 + NAME_COL, m = 0;
	out[0] = 0;
	for (unsigned k = 3; k + 2 < n; k++) {
		if (in[k] != SBA)
			continue;
		unsigned a = (unsigned)(in[k + 1] & 0x3F) << 6 | (in[k + 2] & 0x3F);
		if (a != want)
			continue;
		for (unsigned j = k + 3; j < n && in[j] != SBA && m + 1 < size; j++)
			if (in[j])
				out[m++] = (char)cp_e2a[in[j]];
		out[m] = 0;
		return;
	}
}

/* The STCK clock advanced by seconds s (bit 51 is a microsecond). */
static void compute(unsigned s)
{
	uint64_t t0, t;
	__asm__ volatile("stck %0" : "=Q"(t0) : : "cc");
	do
		__asm__ volatile("stck %0" : "=Q"(t) : : "cc");
	while (t - t0 < ((uint64_t)s * 1000000u << 12));
}

int main(void)
{
	g_say("FULLSCREEN GUEST READY");
	int cc;
	static uint8_t bad[8];

	fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)ds, 0x80, 1);
	cc = tried(d58(&ccw, 0x191, csw), csw);
	check("A DEVICE THAT IS NOT THE CONSOLE", cc == 3);

	cc = tried(d58((const void *)(uintptr_t)(STORAGE + 0x100), CONS, csw), csw);
	check("A CCW BEYOND THE MACHINE", cc == 1 && csw[5] == 0x20);

	fs_ccw(&ccw, 0x29, STORAGE - 10, 0x80, 40);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("DATA BEYOND THE MACHINE", cc == 1 && csw[5] == 0x20);

	bad[0] = WCC; /* SBA to 4095 (12-bit): beyond a screen of 1920 */
	bad[1] = SBA;
	bad[2] = 0x7F;
	bad[3] = 0x7F;
	fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)bad, 0x80, 4);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("AN ADDRESS BEYOND THE SCREEN", cc == 1 && csw[4] == (US_CE | US_DE | US_UC) && !csw[5]);

	bad[1] = SF; /* the attribute missing */
	fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)bad, 0x80, 2);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("AN ORDER CUT SHORT", cc == 1 && csw[4] == (US_CE | US_DE | US_UC));

	bad[1] = 0xC1;
	fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)bad, 0x00, 2);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("A WRITE BEFORE ANY ERASE/WRITE", cc == 1 && csw[4] == 0x8E);

	fs_ccw(&ccw, 0x2A, (uint32_t)(uintptr_t)bad, 0x80, sizeof bad);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("A READ BEFORE ANY ERASE/WRITE", cc == 1 && csw[4] == 0x8E);

	fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)bad, 0x20, 2);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("WRITE STRUCTURED FIELD", cc == 1 && (csw[4] & US_UC));

	fs_ccw(&ccw, 0x05, (uint32_t)(uintptr_t)bad, 0, 2);
	cc = tried(d58(&ccw, CONS, csw), csw);
	check("A COMMAND THAT IS NOT DIAGNOSE 58'S", cc == 1 && (csw[4] & US_UC));

	g_say("FULLSCREEN CHECKS: %u OF %u OK", passed, total);

	compute(4); /* RUNNING, not reading: a line typed now is not accepted */
	static uint8_t in[1024];
	static struct ccw rd;
	ccw_set(&rd, 0x0A, in, CCW_SLI, 100);
	g_say("TYPE A LINE");
	console(&rd);
	unsigned n = 100 - (unsigned)(G_CSW[6] << 8 | G_CSW[7]);
	for (unsigned k = 0; k < n; k++)
		line[k] = (char)cp_e2a[in[k]];
	line[n] = 0;
	g_say("CONSOLE LINE: %s", line);

	unsigned echoed = 0, redrawn = 0;
	if (draw() != 0) /* CP shows the user something first: wait for a key */
		csw[4] = 0;
	for (;;) {
		if (!(csw[4] & US_ATTN)) { /* the user's key: an attention */
			G_IODONE = 0;
			g_wait_io();
			for (int k = 0; k < 8; k++)
				csw[k] = G_CSW[k];
			if (!(csw[4] & US_ATTN))
				continue;
		}
		fs_ccw(&rd, 0x2A, (uint32_t)(uintptr_t)in, 0x80, sizeof in);
		cc = d58(&rd, CONS, csw);
		if (cc == 1 && csw[4] == 0x8E) { /* CP took the screen: write it anew */
			redrawn++;
			if (draw() != 0) /* not yet (CP still shows the user something): the next key */
				csw[4] = 0;
			continue;
		}
		if (cc != 0)
			break;
		n = sizeof in - (unsigned)(csw[6] << 8 | csw[7]);
		if (n && in[0] == 0xF3) /* PF3 */
			break;
		char name[24];
		name_of(in, n, name, sizeof name);
		/* Read Buffer: the screen as the display has it, the title in it */
		static uint8_t rb[2600];
		fs_ccw(&rd, 0x2A, (uint32_t)(uintptr_t)rb, 0x00, sizeof rb);
		cc = d58(&rd, CONS, csw);
		unsigned rn = sizeof rb - (unsigned)(csw[6] << 8 | csw[7]);
		static uint8_t title[15];
		cp_to_ebcdic(title, "FULLSCREEN DEMO", 15);
		bool found = false;
		for (unsigned k = 0; cc == 0 && !found && k + 15 <= rn; k++)
			found = !memcmp(rb + k, title, 15);
		dn = 0;
		put(WCC);
		sba(ECHO_ROW, ECHO_COL);
		text("YOU TYPED: ");
		text(name);
		for (size_t k = strlen(name); k < 20; k++)
			put(0x40); /* blanks over a longer name before */
		sba(ECHO_ROW + 2, 1);
		text(found ? "READ BUFFER: TITLE FOUND" : "READ BUFFER: NO TITLE  ");
		fs_ccw(&ccw, 0x29, (uint32_t)(uintptr_t)ds, 0x00, (uint16_t)dn);
		cc = d58(&ccw, CONS, csw);
		if (cc == 1 && csw[4] == 0x8E) {
			redrawn++;
			if (draw() != 0)
				csw[4] = 0;
			continue;
		}
		echoed++;
	}
	fs_ccw(&ccw, 0x19, (uint32_t)(uintptr_t)ds, 0xFE, 1); /* the display back to CP */
	d58(&ccw, CONS, csw);
	g_say("FULLSCREEN DONE: %u ECHOED, %u REDRAWN", echoed, redrawn);
	return 0;
}
