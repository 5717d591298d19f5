/* isolate.c — a bare guest that tries to get out of its virtual machine.
 *
 * Run by tests/cli/cp_isolation.sh in ALICE's machine (1M; console 009;
 * minidisk 19F read-only, one cylinder; minidisk 191 read/write, five
 * cylinders).  Each attack is something a guest might do to reach storage
 * or disk that is not its own; each must end the way the architecture says
 * it ends on a real machine of that size with those devices, and CP must
 * still be serving afterwards.  The guest checks each result itself and
 * writes one line per attack on its console, "Tnn name: OK" or "Tnn name:
 * WRONG ..." with what it saw, then a total.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

#define STORAGE (1u << 20) /* the machine's size: ALICE has 1M */

enum { CONS = 0x009, MD_RO = 0x19F, MD_RW = 0x191, NODEV = 0x2FF };

static uint32_t passed, total;


/* Enabled waits (gstart.S's handlers resume them) until *flag is set: mask
 * 0xFE enables the channels, 0x01 external interruptions. */
static void wait_until(volatile const uint16_t *flag, uint8_t mask)
{
	static volatile uint32_t psw[2] __attribute__((aligned(8)));
	psw[0] = (uint32_t)mask << 24 | 0x00020000u; /* BC mode, the wait bit */
	while (!*flag)
		__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:" : : "a"(psw) : "r1", "memory");
}


/* Start the channel program at ccw on dev; the CC, and the CSW of its end
 * (or the one SIO stored) in csw. */
static int run(uint16_t dev, const struct ccw *ccw, uint8_t csw[8])
{
	CAW = (uint32_t)(uintptr_t)ccw;
	G_IODONE = 0;
	int cc = g_sio(dev);
	if (cc == 0) {
		g_wait_io();
		for (int k = 0; k < 8; k++)
			csw[k] = G_CSW[k];
	} else if (cc == 1) {
		for (int k = 0; k < 8; k++)
			csw[k] = ((volatile uint8_t *)64)[k];
	}
	return cc;
}


static void check(const char *name, int ok, const char *seen)
{
	total++;
	passed += ok != 0;
	g_say("T%02u %s: %s%s", total, name, ok ? "OK" : "WRONG ", ok ? "" : seen);
}

static char seen[100];
static void csw_text(int cc, const uint8_t *c)
{
	cp_format(seen, sizeof seen, "cc %d, CSW %02X%02X%02X%02X %02X%02X %02X%02X", cc, c[0], c[1], c[2], c[3], c[4],
	          c[5], c[6], c[7]);
}

/* A CCW whose data address may lie anywhere (ccw_set takes a pointer). */
static void ccw_at(struct ccw *c, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
	ccw_set(c, cmd, (const void *)(uintptr_t)addr, flags, count);
}

/* The sense byte 0 of dev's last unit check (a Sense CCW). */
static uint8_t sense0(uint16_t dev)
{
	static uint8_t s[24];
	static struct ccw c;
	ccw_set(&c, 0x04, s, CCW_SLI, sizeof s);
	uint8_t csw[8];
	s[0] = 0xEE;
	run(dev, &c, csw);
	return s[0];
}

static struct ccw prog[8] __attribute__((aligned(8)));
static uint8_t seekarg[6], search[5], buf[512];
static uint8_t csw[8];

/* Seek to (cyl, head), Search ID Equal R1, TIC, then `then` with its data. */
static int seek_then(uint16_t dev, uint16_t cyl, uint16_t head, uint8_t cmd, uint32_t addr, uint16_t count)
{
	for (int k = 0; k < 6; k++)
		seekarg[k] = 0;
	seekarg[2] = (uint8_t)(cyl >> 8);
	seekarg[3] = (uint8_t)cyl;
	seekarg[4] = (uint8_t)(head >> 8);
	seekarg[5] = (uint8_t)head;
	for (int k = 0; k < 4; k++)
		search[k] = seekarg[2 + k];
	search[4] = 1;
	ccw_set(&prog[0], 0x07, seekarg, CCW_CC, 6);
	ccw_set(&prog[1], 0x31, search, CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_at(&prog[3], cmd, addr, CCW_SLI, count);
	int cc = run(dev, prog, csw);
	csw_text(cc, csw);
	return cc;
}

/* Run fn's instruction; the program interruption code it caused (0: none). */
#define PGM(stmt)                                                                                                    \
	({                                                                                                           \
		G_PGMCODE = 0;                                                                                       \
		__asm__ volatile("" ::: "memory");                                                                   \
		stmt;                                                                                                \
		__asm__ volatile("" ::: "memory");                                                                   \
		(unsigned)G_PGMCODE;                                                                                 \
	})

int main(void)
{
	g_say("ISOLATION CHECKS BEGIN");
	int cc;

	/* ---- channel programs that point outside the machine ---- */
	cc = seek_then(MD_RW, 0, 1, 0x06, STORAGE + 0x1000, 100);
	check("READ DATA INTO STORAGE BEYOND THE MACHINE", cc == 0 && (csw[5] & 0x20), seen);

	CAW = STORAGE + 0x100;
	G_IODONE = 0;
	cc = g_sio(MD_RW);
	cp_format(seen, sizeof seen, "cc %d, channel status %02X", cc, ((volatile uint8_t *)64)[5]);
	check("CAW POINTING BEYOND THE MACHINE", cc == 1 && (((volatile uint8_t *)64)[5] & 0x20), seen);

	ccw_set(&prog[0], 0x08, (const void *)(uintptr_t)(STORAGE + 0x800), 0, 1);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("CAW NAMING A TIC", cc == 1 && (csw[5] & 0x20), seen);

	ccw_set(&prog[0], 0x07, seekarg, CCW_CC, 6);
	ccw_at(&prog[1], 0x08, STORAGE + 0x800, 0, 1);
	for (int k = 0; k < 6; k++)
		seekarg[k] = 0;
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("TIC BEYOND THE MACHINE", (cc == 0 || cc == 1) && (csw[5] & 0x20), seen);

	cc = seek_then(MD_RW, 0, 1, 0x06, (uint32_t)(uintptr_t)buf, 0);
	check("CCW WITH A COUNT OF ZERO", (csw[5] & 0x20) != 0, seen);

	static uint32_t idaws[8] __attribute__((aligned(8)));
	ccw_set(&prog[0], 0x07, (uint8_t *)idaws + 2, CCW_CC | 0x04, 6); /* IDA, its list not on a word */
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("IDAW LIST NOT ON A WORD BOUNDARY", (csw[5] & 0x20) != 0, seen);

	static struct ccw w;
	ccw_at(&w, 0x09, STORAGE - 10, CCW_SLI, 40);
	cc = run(CONS, &w, csw);
	csw_text(cc, csw);
	check("CONSOLE WRITE FROM BEYOND THE MACHINE", (csw[5] & 0x20) != 0, seen);

	/* a TIC to a TIC (architected: program check), on a minidisk and on the console */
	ccw_set(&prog[0], 0x07, seekarg, CCW_CC, 6);
	ccw_set(&prog[1], 0x08, &prog[2], 0, 1);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	for (int k = 0; k < 6; k++)
		seekarg[k] = 0;
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("TIC TO A TIC ON A MINIDISK", (csw[5] & 0x20) != 0, seen);

	static struct ccw loop[2] __attribute__((aligned(8)));
	ccw_set(&loop[0], 0x03, NULL, CCW_CC | CCW_SLI, 1);
	ccw_set(&loop[1], 0x08, &loop[0], 0, 1);
	cc = run(CONS, loop, csw);
	csw_text(cc, csw);
	check("ENDLESS CHANNEL PROGRAM ON THE CONSOLE", (csw[5] & 0x20) != 0, seen);

	/* ---- minidisk extents and links ---- */
	cc = seek_then(MD_RO, 1, 0, 0x06, (uint32_t)(uintptr_t)buf, 100);
	check("SEEK PAST THE END OF A 1-CYLINDER MINIDISK", (csw[4] & US_UC) && sense0(MD_RO) == 0x80, seen);

	cc = seek_then(MD_RW, 5, 0, 0x06, (uint32_t)(uintptr_t)buf, 100);
	check("SEEK PAST THE END OF A 5-CYLINDER MINIDISK", (csw[4] & US_UC) && sense0(MD_RW) == 0x80, seen);

	cc = seek_then(MD_RW, 0xFFFF, 0, 0x06, (uint32_t)(uintptr_t)buf, 100);
	check("SEEK TO CYLINDER 65535", (csw[4] & US_UC) != 0, seen);

	cc = seek_then(MD_RO, 0, 1, 0x05, (uint32_t)(uintptr_t)buf, 100);
	check("WRITE DATA ON A READ-ONLY LINK", (csw[4] & US_UC) && sense0(MD_RO) == 0x80, seen);

	static uint8_t ha[5];
	ccw_set(&prog[0], 0x19, ha, CCW_SLI, 5);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("WRITE HOME ADDRESS ON A MINIDISK", (csw[4] & US_UC) != 0, seen);

	ccw_set(&prog[0], 0x02, buf, CCW_SLI, 24);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("READ IPL ON A MINIDISK", (csw[4] & US_UC) != 0, seen);

	cc = run(NODEV, prog, csw);
	cp_format(seen, sizeof seen, "cc %d", cc);
	check("START I/O TO A DEVICE NOT IN THE DIRECTORY", cc == 3, seen);

	cc = seek_then(MD_RO, 0, 1, 0x06, (uint32_t)(uintptr_t)buf, 4);
	cp_format(seen + 30, sizeof seen - 30, " data %02X%02X", buf[0], buf[1]);
	uint32_t next = (uint32_t)csw[1] << 16 | csw[2] << 8 | csw[3];
	check("READ OF THE MINIDISK'S OWN RECORD STILL WORKS",
	      cc == 0 && !(csw[4] & US_UC) && buf[0] == 0x0D && buf[1] == 0xC0 &&
	          next == (uint32_t)(uintptr_t)&prog[4], /* the CSW names the guest's own CCW */
	      seen);

	/* a channel program that reads over its own next CCW: CP runs the
	 * copies it made, so what it read cannot send the channel elsewhere;
	 * the data lands in the guest's own storage */
	for (int k = 0; k < 6; k++)
		seekarg[k] = 0;
	seekarg[5] = 1;
	for (int k = 0; k < 4; k++)
		search[k] = seekarg[2 + k];
	search[4] = 1;
	ccw_set(&prog[0], 0x07, seekarg, CCW_CC, 6);
	ccw_set(&prog[1], 0x31, search, CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x06, &prog[4], CCW_CC | CCW_SLI, 16);
	ccw_set(&prog[4], 0x03, NULL, CCW_SLI, 1);
	cc = run(MD_RO, prog, csw);
	csw_text(cc, csw);
	const uint8_t *over = (const uint8_t *)&prog[4];
	check("CHANNEL PROGRAM THAT OVERWRITES ITS NEXT CCW",
	      cc == 0 && !(csw[4] & US_UC) && !(csw[5] & 0x20) && over[0] == 0x0D && over[1] == 0xC0, seen);

	/* ---- data areas across pages, and IDAWs (CP's own and the guest's) ----
	 * The machine's pages are not neighbours in real storage (CP takes
	 * frames from the top down), so each of these fails unless CP splits
	 * the data at page boundaries with IDAWs and translates the guest's. */
	uint8_t *wbuf = (uint8_t *)0x40F00, *rbuf = (uint8_t *)0x48C00; /* 6000 bytes: three pages each */
	static uint8_t count8[8] = {0, 0, 0, 2, 1, 0, 0x17, 0x70}; /* cylinder 0 head 2 R1, 6000 bytes */
	for (int k = 0; k < 6000; k++)
		wbuf[k] = (uint8_t)(k * 7 + k / 256);
	for (int k = 0; k < 6; k++)
		seekarg[k] = 0;
	seekarg[5] = 2;
	/* the track formatted as a guest formats its minidisk: R0 written after
	 * a Search Home Address (whose argument CP relocates), then R1 */
	static uint8_t ha2[4] = {0, 0, 0, 2}, r0[16] = {0, 0, 0, 2, 0, 0, 0, 8}, fmask = 0x80;
	static struct ccw fmt[8] __attribute__((aligned(8)));
	ccw_set(&fmt[0], 0x1F, &fmask, CCW_CC, 1);      /* file mask: all writes but Write HA */
	ccw_set(&fmt[1], 0x07, seekarg, CCW_CC, 6);
	ccw_set(&fmt[2], 0x39, ha2, CCW_CC, 4);
	ccw_set(&fmt[3], 0x08, &fmt[2], 0, 1);
	ccw_set(&fmt[4], 0x15, r0, CCW_CC, 16);     /* Write R0 */
	ccw_set(&fmt[5], 0x1D, count8, CCW_CD, 8); /* Write CKD: the count, data-chained to the data */
	ccw_set(&fmt[6], 0x00, wbuf, 0, 6000);
	cc = run(MD_RW, fmt, csw);
	csw_text(cc, csw);
	int wrote = cc == 0 && csw[4] == (US_CE | US_DE) && !csw[5];
	char wseen[40];
	cp_format(wseen, sizeof wseen, "; write %s", seen);
	cc = seek_then(MD_RW, 0, 2, 0x06, (uint32_t)(uintptr_t)rbuf, 6000);
	int same = 1;
	for (int k = 0; k < 6000; k++)
		same &= rbuf[k] == wbuf[k];
	cp_format(seen + strlen(seen), sizeof seen - strlen(seen), "%s", wseen);
	check("WRITE AND READ BACK 6000 BYTES ACROSS PAGES", wrote && cc == 0 && csw[4] == (US_CE | US_DE) && same,
	      seen);

	/* the guest's own IDAWs: 16 bytes, then 2048 in another page, 2048 in a third, the rest in a fourth */
	idaws[0] = 0x507F0;
	idaws[1] = 0x53000;
	idaws[2] = 0x51800;
	idaws[3] = 0x56000;
	memset((void *)0x50000, 0, 0x7000);
	ccw_set(&prog[3], 0x06, idaws, CCW_SLI | 0x04, 6000);
	cc = run(MD_RW, prog, csw); /* prog[0-2] seek and search R1 still */
	csw_text(cc, csw);
	same = !memcmp((void *)0x507F0, wbuf, 16) && !memcmp((void *)0x53000, wbuf + 16, 2048) &&
	       !memcmp((void *)0x51800, wbuf + 2064, 2048) && !memcmp((void *)0x56000, wbuf + 4112, 1888) &&
	       ((uint8_t *)0x56000)[1888] == 0;
	check("READ THROUGH THE GUEST'S OWN IDAWS", cc == 0 && csw[4] == (US_CE | US_DE) && !csw[5] && same, seen);

	idaws[0] = STORAGE + 0x800;
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("IDAW POINTING BEYOND THE MACHINE", (csw[5] & 0x20) != 0, seen);

	idaws[0] = 0x01050000;
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("IDAW WITH HIGH-ORDER BITS SET", (csw[5] & 0x20) != 0, seen);

	idaws[0] = 0x507F8;
	idaws[1] = 0x53004;
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("SECOND IDAW NOT ON A 2K BOUNDARY", (csw[5] & 0x20) != 0, seen);

	volatile uint32_t *last = (uint32_t *)(STORAGE - 4); /* the list runs off the end of the machine */
	*last = 0x507F8;
	ccw_at(&prog[3], 0x06, STORAGE - 4, CCW_SLI | 0x04, 100);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("IDAW LIST RUNNING BEYOND THE MACHINE", (csw[5] & 0x20) != 0, seen);

	/* RECALIBRATE goes to cylinder 0: the minidisk's, not the volume's */
	memset(rbuf, 0, 6000);
	static uint8_t headarg[6] = {0, 0, 0, 0, 0, 2}, r1id[5] = {0, 0, 0, 2, 1};
	ccw_set(&prog[0], 0x13, NULL, CCW_CC | CCW_SLI, 1);
	ccw_set(&prog[1], 0x1B, headarg, CCW_CC, 6);
	ccw_set(&prog[2], 0x31, r1id, CCW_CC, 5);
	ccw_set(&prog[3], 0x08, &prog[2], 0, 1);
	ccw_set(&prog[4], 0x06, rbuf, CCW_SLI, 6000);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("RECALIBRATE, THEN READ: STILL THE MINIDISK",
	      cc == 0 && csw[4] == (US_CE | US_DE) && !memcmp(rbuf, wbuf, 6000), seen);

	/* the home address of the minidisk's track 0,2 says the real cylinder: CP
	 * relocates what a Search Home Address compares, as it does a seek, and
	 * one for a cylinder beyond the minidisk finds nothing */
	static uint8_t hafar[4] = {0, 5, 0, 2};
	ccw_set(&prog[0], 0x07, seekarg, CCW_CC, 6);
	ccw_set(&prog[1], 0x39, hafar, CCW_CC, 4);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x03, NULL, CCW_SLI, 1);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("SEARCH HOME ADDRESS OF A CYLINDER BEYOND THE MINIDISK", (csw[4] & US_UC) != 0, seen);

	/* a read-only link whose guest asks for a file mask that permits writing */
	fmask = 0xC0;
	ccw_set(&fmt[1], 0x07, seekarg, CCW_CC, 6);
	cc = run(MD_RO, fmt, csw); /* the Write R0 on the 19F must be refused */
	csw_text(cc, csw);
	check("FILE MASK PERMITTING WRITES ON A READ-ONLY LINK", (csw[4] & US_UC) != 0, seen);

	/* a PCI flag: the guest learns of it in the CSW of the ending (CP runs
	 * the whole program before the guest runs again) */
	ccw_set(&prog[0], 0x07, seekarg, CCW_CC | CCW_PCI, 6);
	ccw_set(&prog[1], 0x31, r1id, CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x06, rbuf, CCW_SLI, 100);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("PROGRAM-CONTROLLED INTERRUPTION", cc == 0 && csw[4] == (US_CE | US_DE) && csw[5] == 0x80, seen);

	static uint8_t extent[16];
	ccw_set(&prog[0], 0x63, extent, 0, 16);
	cc = run(MD_RW, prog, csw);
	csw_text(cc, csw);
	check("DEFINE EXTENT ON A MINIDISK", (csw[4] & US_UC) && sense0(MD_RW) == 0x80, seen);

	/* ---- instructions ---- */
	unsigned code = PGM(__asm__ volatile("l %%r0,0(%0)" : : "a"(STORAGE + 0x100) : "r0"));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("LOAD FROM BEYOND THE MACHINE", code == 5, seen);

	code = PGM(__asm__ volatile("st %%r0,0(%0)" : : "a"(STORAGE + 0x100)));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("STORE BEYOND THE MACHINE", code == 5, seen);

	static volatile uint32_t oddpsw[3] __attribute__((aligned(8)));
	code = PGM(__asm__ volatile("lpsw 0(%0)" : : "a"((uintptr_t)oddpsw + 4)));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("LPSW FROM AN ADDRESS NOT ON A DOUBLEWORD", code == 6, seen);

	code = PGM(__asm__ volatile("lpsw 0(%0)" : : "a"(STORAGE + 0x100)));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("LPSW FROM BEYOND THE MACHINE", code == 5, seen);

	uint32_t key = 0;
	code = PGM(__asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(key) : "d"(STORAGE + 0x100)));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("INSERT STORAGE KEY BEYOND THE MACHINE", code == 5, seen);

	code = PGM(__asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"(0x50), "d"(STORAGE + 0x100)));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("SET STORAGE KEY BEYOND THE MACHINE", code == 5, seen);

	key = 0;
	code = PGM(__asm__ volatile(".insn rr,0x0800,%1,%2\n\t.insn rr,0x0900,%0,%2" : "+d"(key) : "d"(0x30), "d"(0x20000)));
	cp_format(seen, sizeof seen, "code %04X key %02X", code, key & 0xFF);
	check("STORAGE KEYS OF ITS OWN STORAGE", code == 0 && (key & 0xFF) == 0x30, seen);

	code = PGM(__asm__ volatile(".insn rs,0x83000000,%%r0,%%r0,0x7FC(%%r0)" ::: "r0", "cc"));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("DIAGNOSE CODE CP DOES NOT OFFER", code == 6, seen);

	code = PGM(__asm__ volatile("lr %%r2,%0\n\tlhi %%r3,100\n\t.insn rs,0x83000000,%%r2,%%r3,8(%%r0)"
	                            : : "d"(STORAGE - 10) : "r2", "r3", "cc"));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("DIAGNOSE 8 WITH ITS COMMAND BEYOND THE MACHINE", code == 5, seen);

	static uint8_t id[8] __attribute__((aligned(8)));
	code = PGM(__asm__ volatile(".insn s,0xb2020000,0(%0)" : : "a"(id) : "memory"));
	cp_format(seen, sizeof seen, "code %04X version %02X", code, id[0]);
	check("STIDP SAYS A VIRTUAL MACHINE", code == 0 && id[0] == 0xFF, seen);

	code = PGM(__asm__ volatile("lctl 1,1,0(%0)" : : "a"(id)));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("LCTL OF THE SEGMENT TABLE REGISTER", code == 0, seen);

	code = PGM(__asm__ volatile("l %%r0,0(%0)" : : "a"(STORAGE + 0x100) : "r0"));
	cp_format(seen, sizeof seen, "code %04X", code);
	check("STORAGE STAYS ITS OWN AFTER LCTL 1", code == 5, seen);

	g_say("ISOLATION: %u OF %u OK", passed, total);

	/* ---- the machine's own timers (not attacks: what a guest relies on) ---- */
	uint32_t vok = 0, vtotal = 0;
#define VCHECK(name, ok, ...)                                                                                        \
	do {                                                                                                         \
		vtotal++;                                                                                            \
		vok += (ok) != 0;                                                                                    \
		cp_format(seen, sizeof seen, __VA_ARGS__);                                                           \
		g_say("V%02u %s: %s%s", vtotal, name, (ok) ? "OK" : "WRONG ", (ok) ? "" : seen);                      \
	} while (0)
	static uint64_t t1, t2, t3, now;
	t1 = 0x0123456789ABCDE0ull;
	__asm__ volatile(".insn s,0xb2060000,0(%0)\n\t.insn s,0xb2070000,0(%1)" : : "a"(&t1), "a"(&t2) : "memory");
	VCHECK("SCKC AND STCKC", t2 == t1, "%08X%08X", (uint32_t)(t2 >> 32), (uint32_t)t2);
	t1 = (uint64_t)1000000 << 12; /* a second */
	__asm__ volatile(".insn s,0xb2080000,0(%0)\n\t.insn s,0xb2090000,0(%1)\n\t.insn s,0xb2090000,0(%2)"
	                 : : "a"(&t1), "a"(&t2), "a"(&t3) : "memory");
	VCHECK("SPT, STPT COUNTS DOWN", t2 <= t1 && t3 <= t2 && t2 > t1 - ((uint64_t)500000 << 12), "%08X %08X",
	       (uint32_t)(t2 >> 32), (uint32_t)t2);
	/* clock comparator 20 ms ahead, CR0 bit 20, an enabled wait: X'1004' */
	static uint32_t cr0 __attribute__((aligned(4)));
	cr0 = 0x00000800;
	__asm__ volatile("stck 0(%0)" : : "a"(&now) : "memory", "cc");
	t1 = now + ((uint64_t)20000 << 12);
	G_EXTCODE = 0;
	__asm__ volatile(".insn s,0xb2060000,0(%0)\n\tlctl 0,0,0(%1)" : : "a"(&t1), "a"(&cr0) : "memory");
	wait_until(&G_EXTCODE, 0x01);
	__asm__ volatile("stck 0(%0)" : : "a"(&t2) : "memory", "cc");
	VCHECK("CLOCK COMPARATOR INTERRUPTION", G_EXTCODE == 0x1004 && t2 >= t1, "code %04X", (unsigned)G_EXTCODE);
	/* CPU timer 20 ms, CR0 bit 21: X'1005'.  It counts the machine's own
	 * time (VM/370), not a wait: the guest loops, enabled, until it comes. */
	cr0 = 0x00000400;
	t1 = (uint64_t)20000 << 12;
	G_EXTCODE = 0;
	static uint8_t sysmask;
	__asm__ volatile("lctl 0,0,0(%1)\n\t.insn s,0xb2080000,0(%0)\n\tstosm 0(%2),0x01"
	                 : : "a"(&t1), "a"(&cr0), "a"(&sysmask) : "memory");
	while (!G_EXTCODE)
		;
	cr0 = 0;
	__asm__ volatile("lctl 0,0,0(%0)" : : "a"(&cr0) : "memory");
	VCHECK("CPU TIMER INTERRUPTION", G_EXTCODE == 0x1005, "code %04X", (unsigned)G_EXTCODE);
	/* DIAGNOSE 60: the storage size; DIAGNOSE 0C: date and time in EBCDIC */
	uint32_t size = 0;
	code = PGM(__asm__ volatile("lr %%r4,%1\n\t.insn rs,0x83000000,%%r4,%%r0,0x60(%%r0)\n\tlr %0,%%r4"
	                            : "=d"(size) : "d"(0) : "r4", "cc"));
	VCHECK("DIAGNOSE 60 STORAGE SIZE", code == 0 && size == STORAGE, "code %04X size %08X", code, size);
	static uint8_t pt[32] __attribute__((aligned(8)));
	code = PGM(__asm__ volatile("lr %%r5,%0\n\t.insn rs,0x83000000,%%r5,%%r0,0x0C(%%r0)" : : "a"(pt) : "r5", "cc", "memory"));
	/* "MM/DD/YY" and "HH:MM:SS": slashes X'61' and colons X'7A' where they belong, digits elsewhere */
	bool shape = pt[2] == 0x61 && pt[5] == 0x61 && pt[10] == 0x7A && pt[13] == 0x7A;
	for (int k = 0; k < 16; k++)
		if (k != 2 && k != 5 && k != 10 && k != 13)
			shape = shape && pt[k] >= 0xF0 && pt[k] <= 0xF9;
	VCHECK("DIAGNOSE 0C DATE AND TIME", code == 0 && shape, "code %04X %02X%02X%02X", code, pt[0], pt[1], pt[2]);

	/* the system mask instructions, simulated: each stores the mask it found */
	static uint8_t m1, m2, m3, m4, zero;
	__asm__ volatile("stnsm 0(%0),0x7F\n\tstosm 0(%1),0x80\n\tstnsm 0(%2),0xFF\n\tssm 0(%4)\n\tstnsm 0(%3),0xFF"
	                 : : "a"(&m1), "a"(&m2), "a"(&m3), "a"(&m4), "a"(&zero) : "memory");
	VCHECK("STNSM, STOSM AND SSM", m2 == (m1 & 0x7F) && m3 == (m2 | 0x80) && m4 == 0, "%02X %02X %02X %02X", m1,
	       m2, m3, m4);
	/* control registers: what LCTL loads, STCTL gives back (CR14-15 and CR2 here) */
	static uint32_t crs[3] __attribute__((aligned(4))) = {0xC2000000u, 0x00000200u, 0x12345678u}, back[3];
	__asm__ volatile("lctl 14,15,0(%0)\n\tlctl 2,2,8(%0)\n\tstctl 14,15,0(%1)\n\tstctl 2,2,8(%1)"
	                 : : "a"(crs), "a"(back) : "memory");
	VCHECK("LCTL AND STCTL", !memcmp(crs, back, sizeof crs), "%08X %08X %08X", back[0], back[1], back[2]);
	/* an unaligned STCTL: specification, as on the real machine */
	code = PGM(__asm__ volatile("stctl 0,0,2(%0)" : : "a"(back) : "memory"));
	VCHECK("STCTL NOT ON A WORD BOUNDARY", code == 6, "code %04X", code);
	g_say("MACHINE: %u OF %u OK", vok, vtotal);
	return 0;
}
