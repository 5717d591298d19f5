/* fbatest.c — a bare guest on FBA minidisks (cp/ccwtrans.c: Define Extent
 * relocated and kept within the minidisk, the file mask of a read link,
 * Read Device Characteristics made the minidisk's; cp/diag_io.c: DIAGNOSE
 * X'20' on FBA, X'18' refused; cp/diag.c: X'24' codes).
 *
 * Run by tests/cli/cp_fba.sh in ALICE's machine, with minidisks on a 3370
 * whose blocks 100, 105, 199, 200 begin with "BLK00100" ... (ASCII, put
 * there by the host):
 *   1A0  blocks 100-199, read/write      1A1  blocks 200-299, read/write
 *   1A2  blocks 100-199 again, read-only
 * One line per check on the console, "Fnn name: OK" or "Fnn name: WRONG
 * ...", then "FBA: n OF m OK".  The block it writes (5 of 1A0: 105 of the
 * volume) the host checks afterwards, and that 200 and 99 are untouched.
 */
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

enum { MD = 0x1A0, NEXT = 0x1A1, RO = 0x1A2 };

static uint32_t passed, total;
static char seen[100];

static void check(const char *name, int ok)
{
	total++;
	passed += ok != 0;
	g_say("F%02u %s: %s%s", total, name, ok ? "OK" : "WRONG ", ok ? "" : seen);
}

static struct ccw prog[4] __attribute__((aligned(8)));
static uint8_t dx[16] __attribute__((aligned(8))), loc[8], buf[512], rdc[32], sid[8], sense[24];
static uint8_t csw[8];

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}
static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]; }

/* Run prog on dev: the CC; the CSW of the end in csw. */
static int run(uint16_t dev)
{
	int cc = g_start(dev, prog);
	for (int k = 0; k < 8; k++)
		csw[k] = cc == 0 ? G_CSW[k] : ((volatile uint8_t *)64)[k];
	cp_format(seen, sizeof seen, "cc %d, CSW %02X%02X%02X%02X %02X%02X %02X%02X", cc, csw[0], csw[1], csw[2],
	          csw[3], csw[4], csw[5], csw[6], csw[7]);
	return cc;
}

static bool ended_ok(int cc) { return cc == 0 && csw[4] == (US_CE | US_DE) && csw[5] == 0; }

/* The device's sense byte 0 after a unit check. */
static uint8_t sense0(uint16_t dev)
{
	ccw_set(&prog[0], 0x04, sense, CCW_SLI, sizeof sense);
	sense[0] = 0xEE;
	run(dev);
	return sense[0];
}

/* Define Extent (mask, origin, first, last), Locate (op, 1 block, blk), then
 * cmd on buf. */
static void block_prog(uint8_t mask, uint32_t origin, uint32_t first, uint32_t last, uint8_t op, uint32_t blk,
                       uint8_t cmd)
{
	for (int k = 0; k < 16; k++)
		dx[k] = 0;
	dx[0] = mask;
	put32(dx + 4, origin);
	put32(dx + 8, first);
	put32(dx + 12, last);
	for (int k = 0; k < 8; k++)
		loc[k] = 0;
	loc[0] = op;
	loc[3] = 1;
	put32(loc + 4, blk);
	ccw_set(&prog[0], 0x63, dx, CCW_CC, 16);
	ccw_set(&prog[1], 0x43, loc, CCW_CC, 8);
	ccw_set(&prog[2], cmd, buf, 0, 512);
}

static void fill(uint8_t v)
{
	for (int k = 0; k < 512; k++)
		buf[k] = v;
}

/* buf starts with the ASCII text s (as the host wrote it) */
static bool starts(const char *s)
{
	for (int k = 0; s[k]; k++)
		if (buf[k] != (uint8_t)s[k])
			return false;
	return true;
}

static int read_block(uint16_t dev, uint32_t blk)
{
	fill(0xEE);
	block_prog(0x40, 0, 0, 99, 0x06, blk, 0x42);
	return run(dev);
}

/* DIAGNOSE with Rx = r2, Ry = r4 (and r15): the registers in a block, as
 * tests/guest/diagtest.c does it (r15 is the stack pointer: everything is
 * saved around the instruction). */
static struct {
	uint32_t in[16], out[16], cc, save[16];
} dc __attribute__((aligned(8)));
static uint32_t d_r4, d_r5, d_r15;

#define DIAG_CODE(code)                                                                                              \
	__asm__ volatile("lr %%r1,%0\n\t"                                                                              \
	                 "stm %%r2,%%r15,140(%%r1)\n\t"                                                                 \
	                 "lm %%r2,%%r5,8(%%r1)\n\t"                                                                     \
	                 "l %%r15,60(%%r1)\n\t"                                                                         \
	                 ".insn rs,0x83000000,%%r2,%%r4," #code "(%%r0)\n\t"                                            \
	                 "ipm %%r0\n\t"                                                                                 \
	                 "stm %%r2,%%r5,72(%%r1)\n\t"                                                                   \
	                 "st %%r15,124(%%r1)\n\t"                                                                       \
	                 "st %%r0,128(%%r1)\n\t"                                                                        \
	                 "lm %%r2,%%r15,140(%%r1)"                                                                      \
	                 :                                                                                              \
	                 : "a"(&dc)                                                                                     \
	                 : "r0", "r1", "cc", "memory")

static int diag(uint32_t r2, uint32_t r4, uint32_t r15, int code)
{
	for (int k = 0; k < 16; k++)
		dc.in[k] = dc.out[k] = 0;
	dc.in[2] = r2;
	dc.in[4] = r4;
	dc.in[15] = r15;
	if (code == 0x18)
		DIAG_CODE(0x18);
	else if (code == 0x20)
		DIAG_CODE(0x20);
	else
		DIAG_CODE(0x24);
	int cc = (int)(dc.cc >> 28 & 3);
	d_r4 = dc.out[4];
	d_r5 = dc.out[5];
	d_r15 = dc.out[15];
	cp_format(seen, sizeof seen, "cc %d r2 %08X r4 %08X r5 %08X r15 %08X", cc, dc.out[2], d_r4, d_r5, d_r15);
	return cc;
}

int main(void)
{
	g_say("FBA CHECKS BEGIN");
	int cc;

	/* what the device says of itself: the minidisk's size */
	ccw_set(&prog[0], 0x64, rdc, 0, sizeof rdc);
	cc = run(MD);
	check("READ DEVICE CHARACTERISTICS: THE MINIDISK'S BLOCKS",
	      ended_ok(cc) && rdc[4] == 0x02 && rdc[5] == 0 && get32(rdc + 14) == 100);
	ccw_set(&prog[0], 0xE4, sid, CCW_SLI, 7);
	cc = run(MD);
	check("SENSE ID: A 3370", ended_ok(cc) && sid[0] == 0xFF && sid[4] == 0x33 && sid[5] == 0x70);

	/* its own blocks, where the minidisk lies */
	cc = read_block(MD, 0);
	check("BLOCK 0 IS THE VOLUME'S 100", ended_ok(cc) && starts("BLK00100"));
	cc = read_block(MD, 99);
	check("BLOCK 99 IS THE VOLUME'S 199", ended_ok(cc) && starts("BLK00199"));
	cc = read_block(NEXT, 0);
	check("THE NEIGHBOUR'S BLOCK 0 IS THE VOLUME'S 200", ended_ok(cc) && starts("BLK00200"));

	/* extents beyond the minidisk: command reject, nothing read */
	static const uint32_t bad[][3] = {{0, 0, 100}, {100, 0, 0}, {99, 0, 1}, {0xFFFFFFFFu, 0, 0}, {50, 10, 9}};
	for (unsigned k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		fill(0xEE);
		block_prog(0x40, bad[k][0], bad[k][1], bad[k][2], 0x06, bad[k][1], 0x42);
		cc = run(MD);
		uint8_t unit = csw[4];
		bool uc = cc == 0 && (unit & US_UC) && buf[0] == 0xEE;
		uint8_t s0 = uc ? sense0(MD) : 0xEE;
		cp_format(seen, sizeof seen, "extent %u: cc %d unit %02X sense %02X data %02X", k, cc, unit, s0, buf[0]);
		check("AN EXTENT BEYOND THE MINIDISK: COMMAND REJECT", uc && s0 == 0x80);
	}
	/* a Locate beyond a (good) extent: the device's own reject */
	fill(0xEE);
	block_prog(0x40, 0, 0, 99, 0x06, 100, 0x42);
	cc = run(MD);
	check("A LOCATE BEYOND THE EXTENT: UNIT CHECK", cc == 0 && (csw[4] & US_UC) && buf[0] == 0xEE && sense0(MD) == 0x80);

	/* writing: its own block 5 */
	fill(0x5A);
	block_prog(0x00, 0, 0, 99, 0x01, 5, 0x41);
	cc = run(MD);
	check("WRITE BLOCK 5", ended_ok(cc));
	cc = read_block(MD, 5);
	check("BLOCK 5 READ BACK", ended_ok(cc) && buf[0] == 0x5A && buf[511] == 0x5A);

	/* the read link: the extent's mask is made "inhibit writes" */
	fill(0xA5);
	ccw_set(&prog[0], 0x04, sense, CCW_SLI, sizeof sense); /* no unit check kept from before */
	run(RO);
	block_prog(0xC0, 0, 0, 99, 0x01, 5, 0x41);
	cc = run(RO);
	uint8_t unit = csw[4], s0 = sense0(RO);
	cp_format(seen, sizeof seen, "cc %d unit %02X sense %02X", cc, unit, s0);
	check("WRITE ON THE READ LINK: REFUSED BY THE DEVICE", cc == 0 && (unit & US_UC) && s0 == 0x80);
	cc = read_block(RO, 5);
	check("THE READ LINK READS BLOCK 5 AS WRITTEN", ended_ok(cc) && buf[0] == 0x5A && buf[511] == 0x5A);

	/* Read IPL would read block 0 of the volume */
	ccw_set(&prog[0], 0x02, buf, CCW_SLI, 512);
	cc = run(MD);
	check("READ IPL ON A MINIDISK: COMMAND REJECT", cc == 0 && (csw[4] & US_UC) && sense0(MD) == 0x80);

	/* DIAGNOSE X'20': the same translation */
	fill(0xEE);
	block_prog(0x40, 0, 0, 99, 0x06, 99, 0x42);
	cc = diag(MD, (uint32_t)(uintptr_t)prog, 0, 0x20);
	check("DIAGNOSE 20 READS BLOCK 99", cc == 0 && starts("BLK00199"));
	fill(0xEE);
	block_prog(0x40, 0, 0, 100, 0x06, 0, 0x42);
	cc = diag(MD, (uint32_t)(uintptr_t)prog, 0, 0x20);
	check("DIAGNOSE 20, EXTENT BEYOND: CC 3, R15 13, SENSE 80", cc == 3 && d_r15 == 13 && (d_r4 & 0xFFFF) == 0x8000 &&
	                                                           buf[0] == 0xEE);
	/* DIAGNOSE X'18' is CKD's */
	cc = diag(MD, (uint32_t)(uintptr_t)prog, 1, 0x18);
	check("DIAGNOSE 18 ON FBA: CC 1, R15 2", cc == 1 && d_r15 == 2);
	/* DIAGNOSE X'24': class DASD, type FBA-512; the read link's flag */
	cc = diag(MD, 0, 0, 0x24);
	check("DIAGNOSE 24: X'0101', READ/WRITE", cc == 0 && d_r4 >> 16 == 0x0101 && !(d_r4 & 0x80) && d_r5 >> 16 == 0x0101);
	cc = diag(RO, 0, 0, 0x24);
	check("DIAGNOSE 24 OF THE READ LINK: READ-ONLY", cc == 0 && d_r4 >> 16 == 0x0101 && (d_r4 & 0x80));

	g_say("FBA: %u OF %u OK", passed, total);
	return 0;
}
