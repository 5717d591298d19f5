/* spooltest.c — a bare guest that uses its spooled unit record devices
 * (cp/spool_dev.c, cp/diag14.c): reader 00C, punch 00D, printer 00E.
 *
 * It reads commands from its console (009), one per line, and answers on it:
 *
 *   PUNCH n [text]  punches n cards in one channel program (Write CCWs
 *                   command-chained): "text nn" (default SPOOLTEST CARD);
 *                   "PUNCHED n CARDS"
 *   PRINT           two lines and a skip to channel 1 on 00E: "PRINTED 2 LINES"
 *   READ            reads cards from 00C until the end of the file (unit
 *                   exception): "CARD: text" each, then "END OF FILE AFTER n CARDS";
 *                   an empty reader: "READER EMPTY: STATUS 0E SENSE 40"
 *   DIAG            reads the reader's next file with DIAGNOSE X'14' subcode
 *                   0000, block by block: "DIAG CARD: text" per record, then
 *                   "DIAG END CC 1 AFTER n RECORDS" (CC 2: "DIAG NO FILE")
 *   CHECKS          the devices' answers to wrong use, each "Snn what: OK" or
 *                   what was wrong, then "SPOOL CHECKS: n OF n OK"
 *   LOOP n          n files of five cards "LOOP nnnn kk", each closed at once
 *                   (DIAGNOSE 8: CLOSE D), then "LOOP DONE"
 *   END             a disabled wait
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

enum { RDR = 0x00C, PUN = 0x00D, PRT = 0x00E };

static struct ccw prog[16] __attribute__((aligned(8)));
static uint8_t cards[10][80];
static char line[100];

/* The console's next line (upper case), "" when none. */
static void read_line(void)
{
	static uint8_t in[80];
	ccw_set(&prog[0], 0x0A, in, CCW_SLI, sizeof in);
	memset(in, 0, sizeof in);
	if (g_start(G_CONS, &prog[0])) {
		line[0] = 0;
		return;
	}
	int n = (int)sizeof in - (G_CSW[6] << 8 | G_CSW[7]);
	for (int k = 0; k < n; k++)
		line[k] = cp_toupper((char)cp_e2a[in[k]]);
	line[n > 0 ? n : 0] = 0;
}

/* An EBCDIC card as text without its trailing blanks. */
static void text_of(const uint8_t *card, int n, char *out)
{
	while (n && card[n - 1] == 0x40)
		n--;
	for (int k = 0; k < n; k++)
		out[k] = (char)cp_e2a[card[k]];
	out[n] = 0;
}

static uint16_t status(void) { return (uint16_t)(G_CSW[4] << 8 | G_CSW[5]); }

static bool quiet; /* LOOP: no PUNCHED line */

static void punch(int n, const char *text)
{
	if (n < 1 || n > 10)
		n = 1;
	char t[80];
	for (int k = 0; k < n; k++) {
		int len = cp_format(t, sizeof t, "%s %02d", text, k + 1);
		memset(cards[k], 0x40, 80);
		cp_to_ebcdic(cards[k], t, (size_t)len);
		ccw_set(&prog[k], 0x01, cards[k], k + 1 < n ? CCW_CC : 0, 80);
	}
	int cc = g_start(PUN, prog);
	if (cc || status() != 0x0C00) {
		g_say("PUNCH FAILED: CC %d STATUS %04X", cc, status());
		return;
	}
	if (!quiet)
		g_say("PUNCHED %d CARDS", n);
}

/* A CP command by DIAGNOSE 8 (its response goes to the terminal). */
static void cp_command(const char *cmd)
{
	static uint8_t t[80];
	size_t n = strlen(cmd);
	cp_to_ebcdic(t, cmd, n);
	register uint32_t rx __asm__("4") = (uint32_t)(uintptr_t)t;
	register uint32_t ry __asm__("5") = (uint32_t)n;
	__asm__ volatile(".insn rs,0x83000000,%0,%1,0x08(%%r0)" : "+d"(rx), "+d"(ry) : : "cc", "memory");
}

/* LOOP n: n files of five cards, each closed by CLOSE D at once, so that CP
 * writes checkpoints all the time (cp_spool_crash.sh kills s370 meanwhile). */
static void loop(int n)
{
	char text[20];
	quiet = true;
	for (int k = 1; k <= n; k++) {
		cp_format(text, sizeof text, "LOOP %04d", k);
		punch(5, text);
		cp_command("CLOSE D");
	}
	quiet = false;
	g_say("LOOP DONE");
}

static void print(void)
{
	static uint8_t l1[20], l2[20];
	cp_to_ebcdic(l1, "PRINTED LINE 1", 14);
	cp_to_ebcdic(l2, "PRINTED LINE 2", 14);
	ccw_set(&prog[0], 0x09, l1, CCW_CC, 14); /* write, space 1 */
	ccw_set(&prog[1], 0x11, l2, CCW_CC, 14); /* write, space 2 */
	ccw_set(&prog[2], 0x8B, NULL, 0, 1);     /* skip to channel 1 */
	int cc = g_start(PRT, prog);
	if (cc || status() != 0x0C00) {
		g_say("PRINT FAILED: CC %d STATUS %04X", cc, status());
		return;
	}
	g_say("PRINTED 2 LINES");
}

static int read_card(uint8_t *buf)
{
	ccw_set(&prog[0], 0x02, buf, 0, 80);
	int cc = g_start(RDR, prog);
	return cc ? -1 : G_CSW[4];
}

static void read_file(void)
{
	static uint8_t buf[80];
	char t[81];
	int n = 0;
	for (;;) {
		int st = read_card(buf);
		if (st == 0x0C && !G_CSW[5]) {
			text_of(buf, 80, t);
			g_say("CARD: %s", t);
			n++;
			continue;
		}
		if (st == 0x0D) {
			g_say("END OF FILE AFTER %d CARDS", n);
			return;
		}
		if (st == 0x0E) {
			static uint8_t sense;
			ccw_set(&prog[0], 0x04, &sense, 0, 1);
			g_start(RDR, prog);
			g_say("READER EMPTY: STATUS %02X SENSE %02X", st, sense);
			return;
		}
		g_say("READ FAILED: STATUS %04X", st < 0 ? 0xFFFF : status());
		return;
	}
}

static int g_diag14(uint32_t rx, uint32_t dev, uint32_t sub, uint32_t *r3)
{
	register uint32_t r2 __asm__("2") = dev;
	register uint32_t r3r __asm__("3") = sub;
	int cc;
	__asm__ volatile(".insn rs,0x83000000,%2,%1,0x14(%%r0)\n\tipm %0\n\tsrl %0,28"
	                 : "=d"(cc), "+d"(r2)
	                 : "d"(rx), "d"(r3r)
	                 : "cc", "memory");
	(void)r3;
	return cc;
}

static void diag_file(void)
{
	static uint8_t page[4096] __attribute__((aligned(4096)));
	uint32_t recs = 0, dummy;
	char t[100];
	for (;;) {
		int cc = g_diag14((uint32_t)(uintptr_t)page, RDR, 0, &dummy);
		if (cc == 2 && !recs) {
			g_say("DIAG NO FILE");
			return;
		}
		if (cc) {
			g_say("DIAG END CC %d AFTER %u RECORDS", cc, recs);
			return;
		}
		uint32_t used = (uint32_t)(page[4] << 8 | page[5]);
		for (uint32_t off = 8; off + 3 <= used;) {
			uint32_t n = (uint32_t)(page[off] << 8 | page[off + 1]);
			text_of(page + off + 3, (int)(n < 80 ? n : 80), t);
			g_say("DIAG CARD: %s", t);
			off += 3 + n;
			recs++;
		}
	}
}

/* DIAGNOSE X'14' beyond reading: the files' descriptions (X'0FFF'), a file
 * to the front (X'000C'), copies (X'0010'), a restart (X'0014') and a
 * backspace (X'0018') of the open file. */
static void diag_more(void)
{
	static uint8_t page[4096] __attribute__((aligned(4096)));
	static uint8_t desc[252];
	uint32_t d, id = 0, first = 0, last = 0;
	int n = 0, cc;
	/* the reader's files, in order: X'0FFF' from spool id 0, then after each */
	while ((cc = g_diag14((uint32_t)(uintptr_t)desc, id, 0x0FFF, &d)) == 0) {
		id = (uint32_t)(desc[0] << 8 | desc[1]);
		char origin[9];
		text_of(desc + 12, 8, origin);
		g_say("DIAG 0FFF: FILE %04u CLASS %c TYPE %c RECS %u FROM %s", id, cp_e2a[desc[2]], cp_e2a[desc[3]],
		      (uint32_t)(desc[8] << 24 | desc[9] << 16 | desc[10] << 8 | desc[11]), origin);
		if (!n++)
			first = id;
		last = id;
	}
	g_say("DIAG 0FFF: %d FILES, THEN CC %d", n, cc);
	if (n < 2)
		return;
	/* the last to the front: X'0FFF' from 0 finds it first */
	cc = g_diag14(last, RDR, 0x000C, &d);
	int cc2 = g_diag14((uint32_t)(uintptr_t)desc, 0, 0x0FFF, &d);
	g_say("DIAG 000C: CC %d, FIRST NOW %04u (WAS %04u)", cc, desc[0] << 8 | desc[1], first);
	(void)cc2;
	/* read its first block, start again, read it again: the same; back one: CC 1 at the first block */
	cc = g_diag14((uint32_t)(uintptr_t)page, RDR, 0, &d);
	char t1[81], t2[81], t3[81];
	text_of(page + 11, 80, t1);
	int cc14 = g_diag14(0, RDR, 0x0014, &d);
	cc2 = g_diag14((uint32_t)(uintptr_t)page, RDR, 0, &d);
	text_of(page + 11, 80, t2);
	int cc18 = g_diag14((uint32_t)(uintptr_t)page, RDR, 0x0018, &d);
	text_of(page + 11, 80, t3);
	g_say("DIAG 0014 0018: CC %d %d %d %d, %s / %s / %s", cc, cc14, cc2, cc18, t1, t2, t3);
	cc = g_diag14(3, RDR, 0x0010, &d);
	g_say("DIAG 0010: CC %d", cc);
}

static int checks, ok;

static void check(const char *what, bool good, uint32_t got)
{
	checks++;
	ok += good;
	if (good)
		g_say("S%02d %s: OK", checks, what);
	else
		g_say("S%02d %s: WRONG (%08X)", checks, what, got);
}

static void run_checks(void)
{
	static uint8_t buf[80], sense;
	checks = ok = 0;
	/* a Read on the punch: command reject */
	ccw_set(&prog[0], 0x02, buf, 0, 80);
	int cc = g_start(PUN, prog);
	check("READ ON THE PUNCH: UNIT CHECK", cc == 0 && status() == 0x0E00, (uint32_t)cc << 16 | status());
	ccw_set(&prog[0], 0x04, &sense, 0, 1);
	cc = g_start(PUN, prog);
	check("ITS SENSE: COMMAND REJECT", cc == 0 && status() == 0x0C00 && sense == 0x80, status() << 8 | sense);
	/* a short card without SLI: incorrect length, the card punched */
	memset(buf, 0xC1, sizeof buf);
	ccw_set(&prog[0], 0x01, buf, 0, 70);
	cc = g_start(PUN, prog);
	check("SHORT CARD: INCORRECT LENGTH", cc == 0 && status() == 0x0C40, (uint32_t)cc << 16 | status());
	ccw_set(&prog[0], 0x01, buf, CCW_SLI, 70);
	cc = g_start(PUN, prog);
	check("SHORT CARD WITH SLI", cc == 0 && status() == 0x0C00, (uint32_t)cc << 16 | status());
	/* a Write on the reader: command reject */
	ccw_set(&prog[0], 0x01, buf, 0, 80);
	cc = g_start(RDR, prog);
	check("WRITE ON THE READER: UNIT CHECK", cc == 0 && status() == 0x0E00, (uint32_t)cc << 16 | status());
	/* a CCW outside the machine: program check */
	ccw_set(&prog[0], 0x01, (void *)0xFFFFF0, 0, 80);
	cc = g_start(PUN, prog);
	check("DATA OUTSIDE THE MACHINE: PROGRAM CHECK", cc == 0 && status() == 0x0C20, (uint32_t)cc << 16 | status());
	/* No Operation, and TIO */
	ccw_set(&prog[0], 0x03, NULL, 0, 1);
	cc = g_start(PRT, prog);
	check("NO OPERATION", cc == 0 && status() == 0x0C00, (uint32_t)cc << 16 | status());
	/* DIAGNOSE X'14' on the punch: CC 3, code 8 */
	uint32_t d;
	cc = g_diag14(0, PUN, 0, &d);
	check("DIAG 14 ON THE PUNCH: CC 3", cc == 3, (uint32_t)cc);
	cc = g_diag14(0, 0x0AB, 0, &d);
	check("DIAG 14 ON NO DEVICE: CC 3", cc == 3, (uint32_t)cc);
	g_say("SPOOL CHECKS: %d OF %d OK", ok, checks);
}

int main(void)
{
	g_say("SPOOLTEST READY");
	for (;;) {
		read_line();
		if (!strcmp(line, "END"))
			break;
		if (!memcmp(line, "PUNCH ", 6)) {
			int n = 0;
			const char *p = line + 6;
			while (*p >= '0' && *p <= '9')
				n = n * 10 + (*p++ - '0');
			while (*p == ' ')
				p++;
			punch(n, *p ? p : "SPOOLTEST CARD");
		} else if (!memcmp(line, "LOOP ", 5)) {
			int n = 0;
			for (const char *p = line + 5; *p >= '0' && *p <= '9'; p++)
				n = n * 10 + (*p - '0');
			loop(n);
		} else if (!strcmp(line, "PRINT")) {
			print();
		} else if (!strcmp(line, "READ")) {
			read_file();
		} else if (!strcmp(line, "DIAGX")) {
			diag_more();
		} else if (!strcmp(line, "DIAG")) {
			diag_file();
		} else if (!strcmp(line, "CHECKS")) {
			run_checks();
		} else if (line[0]) {
			g_say("WHAT? %s", line);
		}
	}
	g_say("SPOOLTEST DONE");
	return 0;
}
