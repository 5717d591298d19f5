/* diagtest.c — a bare guest that calls CP with every DIAGNOSE code CP
 * offers (cp/diag.c, cp/diag_io.c) and checks what comes back.
 *
 * Run by tests/cli/cp_diag.sh in ALICE's machine (1M; console 009 on a
 * line-mode terminal; minidisk 19F read-only; 194 read/write, two
 * cylinders of S37U01 that nothing else uses; readers and punch spooled).
 * One line per check on the console, "Dnn what: OK" or "Dnn what: WRONG"
 * with what it saw, then "DIAGNOSE: n OF m OK"; then DIAGNOSE 8 with no
 * command, which leaves it in CP READ until BEGIN, and a disabled wait.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

#define LOW_CSW ((volatile uint8_t *)64)
#define STORAGE (1u << 20)

enum { CONS = 0x009, MD_RO = 0x19F, MD_RW = 0x194, RDR = 0x00C, NODEV = 0x2FF };

static uint32_t passed, total;
static char seen[100];

/* ---- console output (START I/O, as isolate.c) ---- */


static int tio(uint16_t dev)
{
	int cc;
	__asm__ volatile(".insn s,0x9d000000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"((uint32_t)dev) : "cc", "memory");
	return cc;
}


static int run(uint16_t dev, const struct ccw *ccw)
{
	CAW = (uint32_t)(uintptr_t)ccw;
	G_IODONE = 0;
	int cc = g_sio(dev);
	if (cc == 0)
		g_wait_io();
	return cc;
}


static void check(const char *name, int ok)
{
	total++;
	passed += ok != 0;
	g_say("D%02u %s: %s%s", total, name, ok ? "OK" : "WRONG ", ok ? "" : seen);
}

/* ---- DIAGNOSE with chosen registers ----
 * The block: the registers to load (r2-r5 and r15), the registers after,
 * the condition code, and a save area: the instruction runs with r2-r5 and
 * r15 as given (r15 is the stack pointer, so everything is saved and
 * restored around it).  A program interruption lands in gstart.S's handler,
 * which notes the code and goes on after the instruction. */
struct dcall {
	uint32_t in[16], out[16];
	uint32_t cc;
	uint32_t save[16];
};
static struct dcall dc __attribute__((aligned(8)));

#define DIAG(rx, ry, code)                                                                                           \
	do {                                                                                                         \
		G_PGMCODE = 0;                                                                                       \
		__asm__ volatile("lr %%r1,%0\n\t"                                                                    \
		                 "stm %%r2,%%r15,140(%%r1)\n\t"                                                       \
		                 "lm %%r2,%%r5,8(%%r1)\n\t"                                                           \
		                 "l %%r15,60(%%r1)\n\t"                                                               \
		                 ".insn rs,0x83000000,%%r" #rx ",%%r" #ry "," #code "(%%r0)\n\t"                       \
		                 "ipm %%r0\n\t"                                                                       \
		                 "stm %%r2,%%r5,72(%%r1)\n\t"                                                         \
		                 "st %%r15,124(%%r1)\n\t"                                                             \
		                 "st %%r0,128(%%r1)\n\t"                                                              \
		                 "lm %%r2,%%r15,140(%%r1)"                                                            \
		                 :                                                                                    \
		                 : "a"(&dc)                                                                           \
		                 : "r0", "r1", "cc", "memory");                                                       \
		dc.cc = dc.cc >> 28 & 3;                                                                             \
	} while (0)

static void regs(uint32_t r2, uint32_t r3, uint32_t r4, uint32_t r5, uint32_t r15)
{
	for (int k = 0; k < 16; k++)
		dc.in[k] = dc.out[k] = 0;
	dc.in[2] = r2;
	dc.in[3] = r3;
	dc.in[4] = r4;
	dc.in[5] = r5;
	dc.in[15] = r15;
}

static uint32_t A(const volatile void *p) { return (uint32_t)(uintptr_t)p; }

static bool same(const uint8_t *a, const char *ascii, size_t n)
{
	for (size_t k = 0; k < n; k++)
		if (a[k] != cp_a2e[(uint8_t)ascii[k]])
			return false;
	return true;
}

static void note_regs(void)
{
	cp_format(seen, sizeof seen, "cc %u code %04X r2-r5 %08X %08X %08X %08X r15 %08X", dc.cc, (unsigned)G_PGMCODE,
	          dc.out[2], dc.out[3], dc.out[4], dc.out[5], dc.out[15]);
}

/* ---- X'00' ---- */

static void test_diag00(void)
{
	static uint8_t id[40] __attribute__((aligned(8)));
	for (int k = 0; k < 40; k++)
		id[k] = 0xEE;
	regs(A(id), 0, 40, 0, 0);
	DIAG(2, 4, 0x00);
	bool zero = true;
	for (int k = 24; k < 32; k++)
		zero = zero && !id[k];
	cp_format(seen, sizeof seen, "code %04X %02X%02X%02X%02X %02X%02X%02X %02X%02X", (unsigned)G_PGMCODE, id[0],
	          id[1], id[2], id[3], id[8], id[9], id[10], id[16], id[17]);
	check("DIAG 00 SYSTEM NAME, VERSION, USERID", !G_PGMCODE && same(id, "S370CP  ", 8) && id[8] == 0 &&
	                                                  id[9] == 1 && id[10] == 0 && same(id + 16, "ALICE   ", 8) &&
	                                                  zero && id[32] == 0xEE);
	for (int k = 0; k < 40; k++)
		id[k] = 0xEE;
	regs(A(id), 0, 10, 0, 0);
	DIAG(2, 4, 0x00);
	cp_format(seen, sizeof seen, "code %04X bytes 9-10 %02X %02X", (unsigned)G_PGMCODE, id[9], id[10]);
	check("DIAG 00 TRUNCATED TO THE LENGTH ASKED", !G_PGMCODE && id[9] == 1 && id[10] == 0xEE && dc.out[4] == 10);
	regs(A(id) + 4, 0, 8, 0, 0);
	DIAG(2, 4, 0x00);
	note_regs();
	check("DIAG 00 NOT ON A DOUBLEWORD: SPECIFICATION", G_PGMCODE == 6);
	regs(STORAGE - 8, 0, 32, 0, 0);
	DIAG(2, 4, 0x00);
	note_regs();
	check("DIAG 00 BEYOND THE MACHINE: ADDRESSING", G_PGMCODE == 5);
}

/* ---- X'08' ---- */

static uint8_t cmd[300], resp[300];

static uint32_t ebcdic(uint8_t *out, const char *s)
{
	uint32_t n = 0;
	for (; s[n]; n++)
		out[n] = s[n] == '\n' ? 0x15 : cp_a2e[(uint8_t)s[n]];
	return n;
}

/* A command with a response buffer of size bytes: Rx=2 (r3 the buffer),
 * Ry=4 (flag X'40', r5 its length). */
static void diag8_buffer(const char *text, uint32_t size)
{
	uint32_t n = ebcdic(cmd, text);
	for (int k = 0; k < (int)sizeof resp; k++)
		resp[k] = 0xEE;
	regs(A(cmd), A(resp), 0x40000000u | n, size, 0);
	DIAG(2, 4, 0x08);
}

static void test_diag08(void)
{
	diag8_buffer("QUERY USERID", 200);
	cp_format(seen, sizeof seen, "cc %u rc %u len %u, %02X%02X%02X %02X at 15", dc.cc, dc.out[4], dc.out[5],
	          resp[0], resp[1], resp[2], resp[15]);
	check("DIAG 08 RESPONSE IN A BUFFER", !G_PGMCODE && dc.cc == 0 && dc.out[4] == 0 && dc.out[5] == 16 &&
	                                          same(resp, "ALICE AT S370CP", 15) && resp[15] == 0x15 &&
	                                          resp[16] == 0xEE);

	diag8_buffer("Q USERID\nQ USERID", 200);
	cp_format(seen, sizeof seen, "cc %u rc %u len %u", dc.cc, dc.out[4], dc.out[5]);
	check("DIAG 08 TWO COMMANDS, TWO LINES", dc.cc == 0 && dc.out[5] == 32 && same(resp + 16, "ALICE AT S370CP", 15) &&
	                                             resp[31] == 0x15 && resp[32] == 0xEE);

	diag8_buffer("QUERY USERID", 10);
	cp_format(seen, sizeof seen, "cc %u rc %u Ry+1 %u byte 0 %02X", dc.cc, dc.out[4], dc.out[5], resp[0]);
	check("DIAG 08 RESPONSE TOO LONG: CC 1, BYTES LEFT", dc.cc == 1 && dc.out[5] == 16 && resp[0] == 0xEE);

	diag8_buffer("NOSUCHCOMMAND", 200);
	cp_format(seen, sizeof seen, "cc %u rc %u len %u %02X%02X", dc.cc, dc.out[4], dc.out[5], resp[0], resp[7]);
	check("DIAG 08 ERROR: COMPLETION CODE OF ITS MESSAGE", dc.cc == 0 && dc.out[4] == 1 &&
	                                                          same(resp, "S37CFC001E", 10));

	uint32_t n = ebcdic(cmd, "QUERY USERID");
	regs(A(cmd), A(resp), n, 0, 0);
	DIAG(2, 4, 0x08);
	note_regs();
	check("DIAG 08 TO THE TERMINAL: CC 0, RY 0", !G_PGMCODE && dc.cc == 0 && dc.out[4] == 0);

	regs(A(cmd), n | 0x40000000u, A(resp), 100, 0);
	DIAG(2, 3, 0x08);
	note_regs();
	check("DIAG 08 BUFFER WITH RX, RY CONSECUTIVE: SPECIFICATION", G_PGMCODE == 6);

	regs(A(cmd), A(resp), 241, 0, 0);
	DIAG(2, 4, 0x08);
	note_regs();
	check("DIAG 08 COMMAND OF 241 BYTES: SPECIFICATION", G_PGMCODE == 6);

	regs(A(cmd), STORAGE - 50, 0x40000000u | n, 100, 0);
	DIAG(2, 4, 0x08);
	note_regs();
	check("DIAG 08 BUFFER BEYOND THE MACHINE: ADDRESSING", G_PGMCODE == 5);

	regs(A(cmd), A(resp), 0x40000000u | n, 8193, 0);
	DIAG(2, 4, 0x08);
	note_regs();
	check("DIAG 08 BUFFER OVER 8192 BYTES: SPECIFICATION", G_PGMCODE == 6);
}

/* ---- X'10' ---- */

static void test_diag10(void)
{
	volatile uint8_t *p = (volatile uint8_t *)0x80000;
	for (uint32_t k = 0; k < 3 * 4096; k += 512)
		p[k] = 0x5A;
	regs(0x80000, 0, 0x81000, 0, 0);
	DIAG(2, 4, 0x10);
	bool zero = true;
	for (uint32_t k = 0; k < 2 * 4096; k++)
		zero = zero && !p[k];
	cp_format(seen, sizeof seen, "code %04X zero %d next page %02X", (unsigned)G_PGMCODE, zero, p[0x2000]);
	check("DIAG 10 RELEASED PAGES READ AS ZEROS", !G_PGMCODE && zero && p[0x2000] == 0x5A);
	regs(0x80800, 0, 0x81000, 0, 0);
	DIAG(2, 4, 0x10);
	note_regs();
	check("DIAG 10 NOT ON A PAGE BOUNDARY: SPECIFICATION", G_PGMCODE == 6);
	regs(0x82000, 0, 0x81000, 0, 0);
	DIAG(2, 4, 0x10);
	note_regs();
	check("DIAG 10 FIRST AFTER LAST: SPECIFICATION", G_PGMCODE == 6);
	regs(0xFF000, 0, STORAGE, 0, 0);
	DIAG(2, 4, 0x10);
	note_regs();
	check("DIAG 10 BEYOND THE MACHINE: ADDRESSING", G_PGMCODE == 5 && p[0x2000] == 0x5A);
}

/* ---- X'24' ---- */

static void test_diag24(void)
{
	regs(0xFFFFFFFFu, 0, 0x11111111u, 0x22222222u, 0);
	DIAG(2, 4, 0x24);
	note_regs();
	check("DIAG 24 -1: THE CONSOLE, A 3215 ON A LINE OF 130",
	      dc.cc == 0 && dc.out[2] == CONS && dc.out[4] == 0x80000000u && dc.out[5] == 0x80000082u);
	regs(CONS, 0, 0, 0, 0);
	DIAG(2, 4, 0x24);
	note_regs();
	check("DIAG 24 009 BY ADDRESS", dc.cc == 0 && dc.out[2] == CONS && dc.out[4] == 0x80000000u);
	regs(MD_RW, 0, 0, 0, 0);
	DIAG(2, 4, 0x24);
	note_regs();
	check("DIAG 24 READ/WRITE MINIDISK: 3350 ON A 3350", dc.cc == 0 && dc.out[4] == 0x04080000u &&
	                                                        dc.out[5] == 0x04080000u);
	regs(MD_RO, 0, 0, 0, 0);
	DIAG(2, 4, 0x24);
	note_regs();
	check("DIAG 24 READ-ONLY MINIDISK: ITS FLAG", dc.cc == 0 && dc.out[4] == 0x04080080u);
	regs(RDR, 0, 0, 0x33333333u, 0);
	DIAG(2, 4, 0x24);
	note_regs();
	check("DIAG 24 SPOOLED READER: CC 2, NO REAL DEVICE", dc.cc == 2 && dc.out[4] == 0x20820000u &&
	                                                         dc.out[5] == 0x33333333u);
	regs(NODEV, 0, 0x44444444u, 0, 0);
	DIAG(2, 4, 0x24);
	note_regs();
	check("DIAG 24 NO SUCH DEVICE: CC 3", dc.cc == 3 && dc.out[4] == 0x44444444u);
}

/* ---- X'5C' ---- */

static void test_diag5c(void)
{
	static const struct {
		const char *set, *name;
		uint32_t off, len;
	} emsg[] = {
		{"SET EMSG ON", "DIAG 5C EMSG ON: ALL OF IT", 0, 30},
		{"SET EMSG CODE", "DIAG 5C EMSG CODE: THE CODE", 0, 10},
		{"SET EMSG TEXT", "DIAG 5C EMSG TEXT: THE TEXT", 11, 19},
		{"SET EMSG OFF", "DIAG 5C EMSG OFF: NOTHING", 0, 0},
	};
	const uint32_t msg = 0x9000;
	for (size_t k = 0; k < sizeof emsg / sizeof emsg[0]; k++) {
		diag8_buffer(emsg[k].set, 200);
		uint32_t rc = dc.out[4];
		regs(msg, 0, 30, 0, 0);
		DIAG(2, 4, 0x5C);
		cp_format(seen, sizeof seen, "SET rc %u, Rx %08X Ry %u", rc, dc.out[2], dc.out[4]);
		check(emsg[k].name, rc == 0 && dc.out[2] == msg + emsg[k].off && dc.out[4] == emsg[k].len);
	}
	diag8_buffer("SET EMSG ON", 200);
}

/* ---- X'18' and X'20' on the minidisk ---- */

static struct ccw prog[16] __attribute__((aligned(8)));
static uint8_t seekarg[2][6], srch[2][5], r0[16], ckd[2][520], data[2][512];

static void seek_at(int g, uint16_t cyl, uint16_t head, uint8_t rec)
{
	for (int k = 0; k < 6; k++)
		seekarg[g][k] = 0;
	seekarg[g][2] = (uint8_t)(cyl >> 8);
	seekarg[g][3] = (uint8_t)cyl;
	seekarg[g][5] = (uint8_t)head;
	for (int k = 0; k < 4; k++)
		srch[g][k] = seekarg[g][2 + k];
	srch[g][4] = rec;
}

/* One DIAG 18 group at prog[i]: Seek (or Seek Head), Search ID Equal, TIC,
 * Read or Write Data; returns the next index. */
static int group(int i, int g, uint8_t seek_cmd, uint8_t rw, void *buf, uint16_t count, bool more)
{
	ccw_set(&prog[i], seek_cmd, seekarg[g], CCW_CC, 6);
	ccw_set(&prog[i + 1], 0x31, srch[g], CCW_CC, 5);
	ccw_set(&prog[i + 2], 0x08, &prog[i + 1], 0, 1);
	ccw_set(&prog[i + 3], rw, buf, (uint8_t)(CCW_SLI | (more ? CCW_CC : 0)), count);
	return i + 4;
}

static void fill(uint8_t *p, uint32_t n, uint8_t seed)
{
	for (uint32_t k = 0; k < n; k++)
		p[k] = (uint8_t)(seed + k * 7);
}

static bool filled(const uint8_t *p, uint32_t n, uint8_t seed)
{
	for (uint32_t k = 0; k < n; k++)
		if (p[k] != (uint8_t)(seed + k * 7))
			return false;
	return true;
}

static void note_io(void)
{
	cp_format(seen, sizeof seen, "cc %u r15 %u Ry %08X CSW %02X%02X%02X%02X %02X%02X", dc.cc, dc.out[15], dc.out[4],
	          LOW_CSW[0], LOW_CSW[1], LOW_CSW[2], LOW_CSW[3], LOW_CSW[4], LOW_CSW[5]);
}

static uint8_t sense[24];
static uint8_t sense_of(uint16_t dev, int byte)
{
	static struct ccw c __attribute__((aligned(8)));
	ccw_set(&c, 0x04, sense, CCW_SLI, sizeof sense);
	sense[byte] = 0xEE;
	run(dev, &c);
	return sense[byte];
}

static void test_diag20(void)
{
	/* R0 of cylinder 0 head 1 as it is (dasd init wrote it), for its CCHH */
	seek_at(0, 0, 1, 0);
	ccw_set(&prog[0], 0x07, seekarg[0], CCW_CC, 6);
	ccw_set(&prog[1], 0x16, r0, CCW_SLI, 16);
	regs(MD_RW, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 READ R0: CC 0, CSW AT 64", dc.cc == 0 && r0[4] == 0 && r0[5] == 0 && r0[7] == 8 &&
	                                              LOW_CSW[4] == (US_CE | US_DE) && LOW_CSW[5] == 0);
	check("DIAG 20 NO I/O INTERRUPTION AFTERWARDS", tio(MD_RW) == 0);
	/* write R1 and R2, 512 bytes each, after a search for R0 (its own CCHH) */
	for (int k = 0; k < 4; k++)
		srch[0][k] = r0[k];
	srch[0][4] = 0;
	for (int r = 0; r < 2; r++) {
		uint8_t *c = ckd[r];
		c[0] = c[1] = c[2] = 0;
		c[3] = 1; /* cylinder 0 head 1 of the minidisk */
		c[4] = (uint8_t)(r + 1);
		c[5] = 0;
		c[6] = 0x02; /* 512 */
		c[7] = 0;
		fill(c + 8, 512, (uint8_t)(0x10 * (r + 1)));
	}
	ccw_set(&prog[0], 0x07, seekarg[0], CCW_CC, 6);
	ccw_set(&prog[1], 0x31, srch[0], CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x1D, ckd[0], CCW_CC, 520);
	ccw_set(&prog[4], 0x1D, ckd[1], 0, 520);
	regs(MD_RW, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 WRITE COUNT, KEY AND DATA R1 AND R2", dc.cc == 0);
	seek_at(0, 0, 1, 2);
	int n = group(0, 0, 0x07, 0x06, data[1], 512, false);
	(void)n;
	for (int k = 0; k < 512; k++)
		data[1][k] = 0;
	regs(MD_RW, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 READ BACK R2: THE SAME 512 BYTES", dc.cc == 0 && filled(data[1], 512, 0x20));
	group(0, 0, 0x07, 0x06, data[1], 100, false);
	prog[3].flags = 0; /* no SLI: 100 of 512 is incorrect length */
	regs(MD_RW, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 INCORRECT LENGTH: CC 2, R15 3", dc.cc == 2 && dc.out[15] == 3);
	seek_at(0, 2, 0, 1); /* cylinder 2 of a 2-cylinder minidisk */
	group(0, 0, 0x07, 0x06, data[1], 512, false);
	uint32_t ry = 0x10000000u | A(prog); /* key 1 */
	regs(MD_RW, 0, ry, 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 SEEK BEYOND THE MINIDISK: CC 3, R15 13, SENSE IN RY",
	      dc.cc == 3 && dc.out[15] == 13 && dc.out[4] == ((ry & 0xFFFF0000u) | 0x8000u) && LOW_CSW[0] == 0x10 &&
	          (LOW_CSW[4] & US_UC));
	check("DIAG 20 THE SENSE STAYS FOR A SENSE CCW", sense_of(MD_RW, 0) == 0x80);
	ccw_set(&prog[0], 0x08, &prog[2], 0, 1);
	regs(MD_RW, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 FIRST CCW A TIC: CC 3, PROGRAM CHECK", dc.cc == 3 && dc.out[15] == 13 && LOW_CSW[5] == 0x20);
	regs(CONS, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 ON THE CONSOLE: CC 3, R15 13", dc.cc == 3 && dc.out[15] == 13);
	regs(NODEV, 0, A(prog), 0, 0);
	DIAG(2, 4, 0x20);
	note_io();
	check("DIAG 20 NO SUCH DEVICE: CC 1, R15 1", dc.cc == 1 && dc.out[15] == 1);
}

static void test_diag18(void)
{
	/* write R1 anew (Read/Write Data: the record is there) */
	seek_at(0, 0, 1, 1);
	fill(data[0], 512, 0x77);
	group(0, 0, 0x07, 0x05, data[0], 512, false);
	regs(MD_RW, 0, A(prog), 0, 1);
	DIAG(2, 4, 0x18);
	note_io();
	check("DIAG 18 WRITE R1", dc.cc == 0);
	/* read R1 and R2 with one string: the second group's Seek Head */
	for (int k = 0; k < 512; k++)
		data[0][k] = data[1][k] = 0;
	seek_at(1, 0, 1, 2);
	int i = group(0, 0, 0x07, 0x06, data[0], 512, true);
	group(i, 1, 0x1B, 0x06, data[1], 512, false);
	regs(MD_RW, 0, A(prog), 0, 2);
	DIAG(2, 4, 0x18);
	note_io();
	check("DIAG 18 READ R1 AND R2: EXACT DATA", dc.cc == 0 && filled(data[0], 512, 0x77) && filled(data[1], 512, 0x20));
	check("DIAG 18 NO I/O INTERRUPTION AFTERWARDS", tio(MD_RW) == 0);

	static const struct {
		const char *name;
		int cc, r15;
	} bad[] = {
		{"DIAG 18 R15 SMALLER THAN THE STRING: CC 2, R15 11", 2, 11},
		{"DIAG 18 R15 OF 0: CC 2, R15 11", 2, 11},
		{"DIAG 18 STRING NOT ON A DOUBLEWORD: CC 2, R15 5", 2, 5},
		{"DIAG 18 CYLINDER BEYOND THE MINIDISK: CC 1, R15 4", 1, 4},
		{"DIAG 18 SEEK HEAD TO ANOTHER CYLINDER: CC 2, R15 12", 2, 12},
		{"DIAG 18 READ KEY AND DATA: CC 2, R15 7", 2, 7},
		{"DIAG 18 COUNT OF 0: CC 2, R15 8", 2, 8},
		{"DIAG 18 COUNT OF 5000: CC 2, R15 9", 2, 9},
		{"DIAG 18 BUFFER BEYOND THE MACHINE: CC 2, R15 10", 2, 10},
		{"DIAG 18 WRITE ON A READ-ONLY LINK: CC 1, R15 3", 1, 3},
		{"DIAG 18 ON THE CONSOLE: CC 1, R15 2", 1, 2},
		{"DIAG 18 NO SUCH DEVICE: CC 1, R15 1", 1, 1},
		{"DIAG 18 RECORD NOT THERE: CC 3, R15 13", 3, 13},
	};
	for (int k = 0; k < (int)(sizeof bad / sizeof bad[0]); k++) {
		uint16_t dev = MD_RW;
		uint32_t at = A(prog), n = 1;
		seek_at(0, 0, 1, 1);
		seek_at(1, 0, 1, 2);
		i = group(0, 0, 0x07, 0x06, data[0], 512, false);
		switch (k) {
		case 0: /* two Reads, R15 1 */
			prog[3].flags |= CCW_CC;
			group(i, 1, 0x1B, 0x06, data[1], 512, false);
			break;
		case 1:
			n = 0;
			break;
		case 2:
			at += 4;
			break;
		case 3:
			seek_at(0, 2, 1, 1);
			break;
		case 4:
			prog[3].flags |= CCW_CC;
			seek_at(1, 1, 1, 2);
			group(i, 1, 0x1B, 0x06, data[1], 512, false);
			n = 2;
			break;
		case 5:
			prog[3].cmd = 0x0E;
			break;
		case 6:
			prog[3].count = 0;
			break;
		case 7:
			prog[3].count = 5000;
			break;
		case 8:
			ccw_set(&prog[3], 0x06, (const void *)(uintptr_t)(STORAGE - 100), CCW_SLI, 512);
			break;
		case 9:
			dev = MD_RO;
			prog[3].cmd = 0x05;
			break;
		case 10:
			dev = CONS;
			break;
		case 11:
			dev = NODEV;
			break;
		case 12:
			seek_at(0, 0, 1, 9);
			break;
		}
		for (int r = 0; r < 8; r++)
			LOW_CSW[r] = 0;
		regs(dev, 0, at, 0, n);
		DIAG(2, 4, 0x18);
		note_io();
		bool ok = dc.cc == (uint32_t)bad[k].cc && dc.out[15] == (uint32_t)bad[k].r15;
		if (k == 12)
			ok = ok && (LOW_CSW[4] & US_UC) && sense_of(MD_RW, 1) == 0x08; /* no record found */
		check(bad[k].name, ok);
	}
}

int main(void)
{
	g_say("DIAGNOSE CHECKS BEGIN");
	test_diag00();
	test_diag08();
	test_diag10();
	test_diag24();
	test_diag5c();
	test_diag20();
	test_diag18();
	regs(0, 0, 0, 0, 0);
	DIAG(2, 4, 0x7FC);
	note_regs();
	check("DIAG 7FC, A CODE CP DOES NOT OFFER: SPECIFICATION", G_PGMCODE == 6);
	g_say("DIAGNOSE: %u OF %u OK", passed, total);
	/* DIAGNOSE 8 with Ry zero: no command, the machine goes to CP READ;
	 * BEGIN (the test types it) lets it go on */
	regs(0, 0, 0, 0, 0);
	DIAG(2, 4, 0x08);
	g_say("RESUMED AFTER CP READ");
	return 0;
}
