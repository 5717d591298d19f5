/* dattest.c — a bare guest that turns DAT on and checks what translation
 * does (GA22-7000 "Dynamic Address Translation"), with results written in
 * the program: the same on the bare machine and in a virtual machine of our
 * CP, which must shadow the guest's tables (cp/shadow.c).
 * tests/cli/cp_shadow.sh IPLs it both ways.
 *
 * It builds its own tables in its storage: the first 512K mapped to itself
 * (V=R: the program, its data and stack, page 0), and test mappings above
 * 1M onto pages at X'60000'-X'7FFFF'.  Then, one check a line ("Dnn NAME:
 * OK" or what was wrong): stores and fetches through the mapping,
 * segment- and page-translation exceptions (invalid entries and lengths
 * exceeded) with their translation-exception address, translation
 * specification, LOAD REAL ADDRESS's four condition codes, PURGE TLB after
 * a remapping, two address spaces switched by LCTL, privileged instructions
 * with virtual operands, 2K pages, 1M segments, and the storage keys'
 * reference and change bits (ISK, RRB, SSK), all its storage through the
 * tables, the timer instructions' operands.  Then "DAT: n OF n OK" and a
 * disabled wait.
 *
 * Program interruptions come to dat_pgm (below, EC mode, DAT off): it keeps
 * the code, ILC and translation-exception address at X'820'-X'82B' and
 * resumes at the address the check put at X'82C'.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

#define PGM_CODE (*(volatile uint16_t *)0x820)
#define PGM_TEA (*(volatile uint32_t *)0x824)
#define RESUME (*(volatile uint32_t *)0x82C)
#define R32(a) (*(volatile uint32_t *)(uintptr_t)(a))
#define R16(a) (*(volatile uint16_t *)(uintptr_t)(a))

enum {
	STO1 = 0x40000,    /* segment table, 64K segments (256 entries) */
	STO2 = 0x40400,    /* a second address space */
	STO3 = 0x40800,    /* 1M segments */
	PT_ID = 0x41000,   /* identity page tables of segments 0-7, 4K pages */
	PT_16 = 0x41100,   /* segment 16 (X'100000'), 4K pages */
	PT_16B = 0x41140,  /* segment 16 in the second space */
	PT_ID2K = 0x42000, /* identity, 2K pages: 8 x 64 bytes */
	PT_16_2K = 0x42200,
	PT_1M0 = 0x43000, /* 1M segment 0: 256 entries */
	PT_1M1 = 0x43200, /* 1M segment 1 */
	STO4 = 0x40C00,   /* the big space: V=R, and virtual X'800000' up onto real X'80000' up */
	PT_BIG = 0x44000, /* its page tables for X'800000' up: 32 bytes a segment */
	BIG = 0x800000,
	BIG_REAL = 0x80000,
	DATA = 0x60000, /* the test pages */
	KEYPAGE = 0x70000,
	CR0_FMT = 0x00F80000u,
	FMT_4K64K = 0x00800000u,
	FMT_2K64K = 0x00400000u,
	FMT_4K1M = 0x00900000u,
};

/* The program-interruption handler, and its new PSW (EC mode, DAT off). */
__asm__(".text\n"
        "dat_pgm:\n"
        "\tmvc 0x820(2,0),142(0)\n"
        "\tmvc 0x822(1,0),141(0)\n"
        "\tmvc 0x824(4,0),144(0)\n"
        "\tmvc 45(3,0),0x82D(0)\n" /* resume where the check said */
        "\tlpsw 40(0)\n"
        ".section .rodata\n"
        ".align 8\n"
        "dat_pgm_psw:\n"
        "\t.long 0x00080000, dat_pgm\n"
        ".text\n");
extern const uint32_t dat_pgm_psw[2];

static uint32_t ok, total;

static void check(const char *name, bool good, const char *fmt, uint32_t a, uint32_t b, uint32_t c)
{
	total++;
	ok += good;
	if (good) {
		g_say("D%02u %s: OK", total, name);
	} else {
		char why[80];
		cp_format(why, sizeof why, fmt, a, b, c);
		g_say("D%02u %s: FAILED (%s)", total, name, why);
	}
}

/* Load a PSW whose first word is w0 and go on here. */
static void psw_to(uint32_t w0)
{
	static volatile uint32_t psw[2] __attribute__((aligned(8)));
	psw[0] = w0;
	__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:" : : "a"(psw) : "r1", "memory");
}
static void dat_on(void)
{
	psw_to(0x04080000u);
} /* EC mode, DAT on, disabled */
static void dat_off(void)
{
	psw_to(0x00000000u);
} /* BC mode, disabled (g_say's I/O waits enabled) */
static void ec_mode(void)
{
	psw_to(0x00080000u);
} /* EC mode, DAT off: ISK shows R and C only here */

static uint32_t get_cr(int n)
{
	uint32_t cr[16];
	__asm__ volatile("stctl 0,15,%0" : "=Q"(cr));
	return cr[n];
}
static void set_cr0_fmt(uint32_t fmt)
{
	uint32_t cr0 = (get_cr(0) & ~CR0_FMT) | fmt;
	__asm__ volatile("lctl 0,0,%0" : : "Q"(cr0) : "memory");
}
static void set_cr1(uint32_t cr1)
{
	__asm__ volatile("lctl 1,1,%0" : : "Q"(cr1) : "memory");
}
static void ptlb(void)
{
	__asm__ volatile(".insn s,0xb20d0000,0" : : : "memory");
}

/* Fetch (or store) a word at va; the program interruption code it caused, 0 none. */
static uint16_t fetch(uint32_t va, uint32_t *out)
{
	uint32_t v = 0xDEADBEEF;
	PGM_CODE = 0;
	PGM_TEA = 0;
	__asm__ volatile("larl %%r1,1f\n\tst %%r1,0x82C\n\tl %0,0(%1)\n1:"
	                 : "+d"(v)
	                 : "a"(va)
	                 : "r1", "memory");
	*out = v;
	return PGM_CODE;
}
static uint16_t store(uint32_t va, uint32_t v)
{
	PGM_CODE = 0;
	PGM_TEA = 0;
	__asm__ volatile("larl %%r1,1f\n\tst %%r1,0x82C\n\tst %0,0(%1)\n1:"
	                 :
	                 : "d"(v), "a"(va)
	                 : "r1", "memory");
	return PGM_CODE;
}
/* MVC of 8 bytes from src to va */
static uint16_t move8(uint32_t va, const void *src)
{
	PGM_CODE = 0;
	PGM_TEA = 0;
	__asm__ volatile("larl %%r1,1f\n\tst %%r1,0x82C\n\tmvc 0(8,%0),0(%1)\n1:"
	                 :
	                 : "a"(va), "a"(src)
	                 : "r1", "memory");
	return PGM_CODE;
}
/* LRA: the condition code, R1 in *ra; 0xFF after a program interruption */
static int lra(uint32_t va, uint32_t *ra)
{
	int cc = 0xFF;
	uint32_t r = 0xDEADBEEF;
	PGM_CODE = 0;
	__asm__ volatile(
	    "larl %%r1,1f\n\tst %%r1,0x82C\n\t.insn rx,0xb1000000,%0,0(%2)\n\tipm %1\n\tsrl %1,28\n1:"
	    : "+d"(r), "+d"(cc)
	    : "a"(va)
	    : "r1", "cc", "memory");
	*ra = r;
	return PGM_CODE ? 0xFF : cc;
}
static uint8_t isk(uint32_t a)
{
	uint32_t k = 0xFFFFFF00u;
	__asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(k) : "a"(a));
	return (uint8_t)k;
}
static void ssk(uint32_t a, uint8_t key)
{
	__asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"((uint32_t)key), "a"(a) : "memory");
}
static int rrb(uint32_t a)
{
	int cc;
	__asm__ volatile(".insn s,0xb2130000,0(%1)\n\tipm %0\n\tsrl %0,28"
	                 : "=d"(cc)
	                 : "a"(a)
	                 : "cc", "memory");
	return cc;
}

/* ---- the tables ---- */

static void pte4(uint32_t pt, uint32_t px, uint32_t real)
{
	R16(pt + 2 * px) = (uint16_t)(real >> 8);
}
static void pte4_invalid(uint32_t pt, uint32_t px)
{
	R16(pt + 2 * px) = 0x0008;
}
static void pte2(uint32_t pt, uint32_t px, uint32_t real)
{
	R16(pt + 2 * px) = (uint16_t)(real >> 8);
}
static void pte2_invalid(uint32_t pt, uint32_t px)
{
	R16(pt + 2 * px) = 0x0004;
}
static void ste(uint32_t st, uint32_t sx, uint32_t ptl, uint32_t pt)
{
	R32(st + 4 * sx) = ptl << 28 | pt;
}
static void ste_invalid(uint32_t st, uint32_t sx)
{
	R32(st + 4 * sx) = 1;
}

/* The 4K/64K space: segments 0-7 V=R, 16 onto DATA (pages 0-1; 2
 * invalid; 3 the key page; PTL 7), 17 invalid, STL 1 (segments 0-31). */
static void build_4k(void)
{
	for (uint32_t s = 0; s < 64; s++) {
		ste_invalid(STO1, s);
		ste_invalid(STO2, s);
	}
	for (uint32_t s = 0; s < 8; s++) {
		for (uint32_t p = 0; p < 16; p++)
			pte4(PT_ID + 32 * s, p, s << 16 | p << 12);
		ste(STO1, s, 15, PT_ID + 32 * s);
		ste(STO2, s, 15, PT_ID + 32 * s);
	}
	for (uint32_t p = 0; p < 16; p++) {
		pte4_invalid(PT_16, p);
		pte4_invalid(PT_16B, p);
	}
	pte4(PT_16, 0, DATA);
	pte4(PT_16, 1, DATA + 0x1000);
	pte4(PT_16, 3, KEYPAGE);
	ste(STO1, 16, 7, PT_16);
	pte4(PT_16B, 0, DATA + 0x3000);
	ste(STO2, 16, 15, PT_16B);
	set_cr0_fmt(FMT_4K64K);
	set_cr1(1u << 24 | STO1);
	ptlb();
}

int main(void)
{
	*(volatile uint32_t *)104 = dat_pgm_psw[0];
	*(volatile uint32_t *)108 = dat_pgm_psw[1];
	g_say("DAT TEST");
	for (uint32_t a = DATA; a < DATA + 0x8000; a += 4)
		R32(a) = 0;
	R32(DATA + 0x2000) = 0xBBBBBBBB;
	R32(DATA + 0x3000) = 0xCCCCCCCC;
	build_4k();

	/* 1: V=R through the tables */
	static volatile uint32_t here = 0x12345678;
	dat_on();
	uint32_t v1 = here;
	here = 0x87654321;
	uint32_t v2 = here;
	dat_off();
	check("V=R FETCH AND STORE", v1 == 0x12345678 && v2 == 0x87654321 && here == 0x87654321, "%08X %08X",
	      v1, v2, 0);

	/* 2: a store through the mapping lands in the real page */
	dat_on();
	uint16_t c1 = store(0x100000, 0x11111111), c2 = store(0x101004, 0x22222222);
	uint32_t f1 = 0;
	uint16_t c3 = fetch(0x101004, &f1);
	dat_off();
	check("STORE AND FETCH THROUGH THE TABLES",
	      !c1 && !c2 && !c3 && f1 == 0x22222222 && R32(DATA) == 0x11111111 &&
	          R32(DATA + 0x1004) == 0x22222222,
	      "codes %X %X, real %08X", c1 | c2 | c3, f1, R32(DATA + 0x1004));

	/* 3: an MVC across two virtual pages, to two real pages */
	static const uint8_t eight[8] = {1, 2, 3, 4, 5, 6, 7, 8};
	dat_on();
	c1 = move8(0x100FFC, eight);
	dat_off();
	check("MVC ACROSS A PAGE BOUNDARY",
	      !c1 && R32(DATA + 0xFFC) == 0x01020304 && R32(DATA + 0x1000) == 0x05060708,
	      "code %X, %08X %08X", c1, R32(DATA + 0xFFC), R32(DATA + 0x1000));

	/* 4-7: translation exceptions and their addresses */
	uint32_t f;
	dat_on();
	c1 = fetch(0x110010, &f);
	uint32_t t1 = PGM_TEA;
	c2 = fetch(0x200004, &f);
	uint32_t t2 = PGM_TEA;
	c3 = fetch(0x102ABC, &f);
	uint32_t t3 = PGM_TEA;
	uint16_t c4 = fetch(0x108000, &f);
	uint32_t t4 = PGM_TEA;
	dat_off();
	check("SEGMENT INVALID", c1 == 0x10 && t1 == 0x110010, "code %X TEA %06X", c1, t1, 0);
	check("SEGMENT TABLE LENGTH", c2 == 0x10 && t2 == 0x200004, "code %X TEA %06X", c2, t2, 0);
	check("PAGE INVALID", c3 == 0x11 && t3 == 0x102ABC, "code %X TEA %06X", c3, t3, 0);
	check("PAGE TABLE LENGTH", c4 == 0x11 && t4 == 0x108000, "code %X TEA %06X", c4, t4, 0);

	/* 8: an MVC into a valid and an invalid page is nullified: nothing stored */
	R32(DATA + 0x1FFC) = 0x5A5A5A5A;
	dat_on();
	c1 = move8(0x101FFC, eight);
	t1 = PGM_TEA;
	dat_off();
	check("MVC INTO AN INVALID PAGE NULLIFIED",
	      c1 == 0x11 && (t1 & 0xFFF000) == 0x102000 && R32(DATA + 0x1FFC) == 0x5A5A5A5A,
	      "code %X TEA %06X, %08X", c1, t1, R32(DATA + 0x1FFC));

	/* 9-13: LOAD REAL ADDRESS */
	uint32_t ra;
	int cc = lra(0x101234, &ra);
	check("LRA CC 0", cc == 0 && ra == DATA + 0x1234, "cc %u R1 %08X", (uint32_t)cc, ra, 0);
	cc = lra(0x110000, &ra);
	check("LRA CC 1 SEGMENT INVALID", cc == 1 && ra == STO1 + 4 * 17, "cc %u R1 %08X", (uint32_t)cc, ra,
	      0);
	cc = lra(0x102000, &ra);
	check("LRA CC 2 PAGE INVALID", cc == 2 && ra == PT_16 + 4, "cc %u R1 %08X", (uint32_t)cc, ra, 0);
	cc = lra(0x200000, &ra);
	check("LRA CC 3 SEGMENT TABLE LENGTH", cc == 3 && ra == STO1 + 4 * 32, "cc %u R1 %08X", (uint32_t)cc,
	      ra, 0);
	dat_on(); /* (LRA with DAT on: the same) */
	cc = lra(0x109000, &ra);
	dat_off();
	check("LRA CC 3 PAGE TABLE LENGTH", cc == 3 && ra == PT_16 + 18, "cc %u R1 %08X", (uint32_t)cc, ra,
	      0);

	/* 14: PTLB after a remapping; then the page made invalid */
	dat_on();
	fetch(0x100000, &v1);
	dat_off();
	pte4(PT_16, 0, DATA + 0x2000);
	ptlb();
	dat_on();
	c1 = fetch(0x100000, &v2);
	dat_off();
	pte4_invalid(PT_16, 0);
	ptlb();
	dat_on();
	c2 = fetch(0x100000, &f);
	dat_off();
	pte4(PT_16, 0, DATA);
	ptlb();
	check("PTLB AFTER REMAPPING", v1 == 0x11111111 && !c1 && v2 == 0xBBBBBBBB && c2 == 0x11,
	      "%08X %08X code %X", v1, v2, c2);

	/* 15: two address spaces, LCTL between them (the shadows stay per space) */
	dat_on();
	c1 = fetch(0x100000, &v1);
	set_cr1(15u << 24 | STO2);
	c2 = fetch(0x100000, &v2);
	c3 = fetch(0x101000, &f);
	set_cr1(1u << 24 | STO1);
	c4 = fetch(0x100000, &f1);
	dat_off();
	check("LCTL SWITCHES ADDRESS SPACES",
	      !c1 && v1 == 0x11111111 && !c2 && v2 == 0xCCCCCCCC && c3 == 0x11 && !c4 && f1 == 0x11111111,
	      "%08X %08X %08X", v1, v2, f1);

	/* 16: translation specification: a page-table entry with bit 14 on */
	R16(PT_16 + 2) |= 0x0002;
	ptlb();
	dat_on();
	c1 = fetch(0x101000, &f);
	dat_off();
	R16(PT_16 + 2) &= (uint16_t)~0x0002;
	ptlb();
	check("TRANSLATION SPECIFICATION", c1 == 0x12, "code %X", c1, 0, 0);

	/* 17: privileged instructions with virtual operands: STCTL, LCTL, STOSM, LPSW */
	dat_on();
	uint32_t cr8 = 0x00ABCD00u;
	__asm__ volatile("lctl 8,8,%0\n\tstctl 8,8,0(%1)\n\tstctl 1,1,4(%1)"
	                 :
	                 : "Q"(cr8), "a"(0x100100)
	                 : "memory");
	R32(0x100200) = 0x00001234;
	__asm__ volatile("lctl 9,9,0(%0)" : : "a"(0x100200) : "memory");
	uint32_t cr9 = get_cr(9);
	__asm__ volatile("stosm 0(%0),0x00" : : "a"(0x100300) : "memory");
	static volatile uint32_t after_lpsw;
	R32(0x100400) = 0x04080000u;
	__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:\tmvi 0(%1),1"
	                 :
	                 : "a"(0x100400), "a"(&after_lpsw)
	                 : "r1", "memory");
	dat_off();
	check("PRIVILEGED OPERANDS ARE VIRTUAL",
	      R32(DATA + 0x100) == 0x00ABCD00u && R32(DATA + 0x104) == (1u << 24 | STO1) && cr9 == 0x1234 &&
	          *(volatile uint8_t *)(DATA + 0x300) == 0x04 && *(volatile uint8_t *)&after_lpsw == 1,
	      "%08X %08X %08X", R32(DATA + 0x100), cr9, *(volatile uint8_t *)(DATA + 0x300));

	/* 18-19: 2K pages: segment 16's two halves of DATA+4000 swapped */
	for (uint32_t s = 0; s < 8; s++) {
		for (uint32_t p = 0; p < 32; p++)
			pte2(PT_ID2K + 64 * s, p, s << 16 | p << 11);
		ste(STO1, s, 15, PT_ID2K + 64 * s);
	}
	for (uint32_t p = 0; p < 32; p++)
		pte2_invalid(PT_16_2K, p);
	pte2(PT_16_2K, 0, DATA + 0x4800);
	pte2(PT_16_2K, 1, DATA + 0x4000);
	ste(STO1, 16, 15, PT_16_2K);
	set_cr0_fmt(FMT_2K64K);
	ptlb();
	dat_on();
	c1 = store(0x100000, 0x2222AAAA);
	c2 = store(0x100804, 0x2222BBBB);
	c3 = fetch(0x101000, &f);
	t1 = PGM_TEA;
	dat_off();
	check("2K PAGES",
	      !c1 && !c2 && R32(DATA + 0x4800) == 0x2222AAAA && R32(DATA + 0x4004) == 0x2222BBBB &&
	          c3 == 0x11 && t1 == 0x101000,
	      "%08X %08X code %X", R32(DATA + 0x4800), R32(DATA + 0x4004), c3);
	cc = lra(0x100808, &ra);
	check("2K PAGES: LRA", cc == 0 && ra == DATA + 0x4008, "cc %u R1 %08X", (uint32_t)cc, ra, 0);

	/* 20: 1M segments: segment 0 V=R, segment 1's first page onto DATA+5000, PTL 0 */
	for (uint32_t s = 0; s < 16; s++)
		ste_invalid(STO3, s);
	for (uint32_t p = 0; p < 256; p++) {
		pte4(PT_1M0, p, p << 12);
		pte4_invalid(PT_1M1, p);
	}
	pte4(PT_1M1, 0, DATA + 0x5000);
	ste(STO3, 0, 15, PT_1M0);
	ste(STO3, 1, 0, PT_1M1);
	set_cr0_fmt(FMT_4K1M);
	set_cr1(0u << 24 | STO3);
	ptlb();
	dat_on();
	c1 = store(0x100010, 0x11223344);
	c2 = fetch(0x110000, &f); /* page 16: beyond PTL 0 */
	t1 = PGM_TEA;
	c3 = fetch(0x200000, &f); /* segment 2 invalid */
	t2 = PGM_TEA;
	dat_off();
	check("1M SEGMENTS",
	      !c1 && R32(DATA + 0x5010) == 0x11223344 && c2 == 0x11 && t1 == 0x110000 && c3 == 0x10 &&
	          t2 == 0x200000,
	      "%08X codes %X %X", R32(DATA + 0x5010), c2, c3);

	/* 21-23: reference and change bits seen by ISK and RRB, with SSK */
	build_4k();
	ec_mode();
	ssk(KEYPAGE, 0);
	ssk(KEYPAGE + 0x800, 0);
	uint8_t k0 = isk(KEYPAGE);
	dat_on();
	fetch(0x103010, &f);
	uint8_t k1 = isk(KEYPAGE);
	store(0x103020, 1);
	uint8_t k2 = isk(KEYPAGE), k3 = isk(KEYPAGE + 0x800);
	dat_off();
	check("ISK: REFERENCE AND CHANGE BITS", k0 == 0 && k1 == 0x04 && k2 == 0x06 && k3 == 0,
	      "%02X %02X %02X", k0, k1, (uint32_t)(k2 << 8 | k3));
	ec_mode();
	int r1 = rrb(KEYPAGE), r2 = rrb(KEYPAGE);
	uint8_t k4 = isk(KEYPAGE);
	int r3 = rrb(KEYPAGE + 0x800);
	dat_off();
	uint8_t kbc = isk(KEYPAGE); /* the BC mode: no R and C */
	check("RRB", r1 == 3 && r2 == 1 && k4 == 0x02 && r3 == 0 && kbc == 0, "cc %X %X, key %02X",
	      (uint32_t)(r1 << 4 | r2), (uint32_t)(r3 << 8 | kbc), k4);
	ec_mode();
	ssk(KEYPAGE, 0x30);
	uint8_t k5 = isk(KEYPAGE);
	ssk(KEYPAGE, 0x26);
	uint8_t k6 = isk(KEYPAGE);
	ssk(KEYPAGE, 0);
	dat_off();
	check("SSK SETS KEY, R AND C", k5 == 0x30 && k6 == 0x26, "%02X %02X", k5, k6, 0);

	/* 24: STNSM turns DAT off: the real page again */
	dat_on();
	uint8_t mask;
	__asm__ volatile("stnsm %0,0xFB" : "=Q"(mask) : : "memory");
	c1 = fetch(DATA, &v1);
	dat_off();
	check("STNSM TURNS DAT OFF", mask == 0x04 && !c1 && v1 == 0x11111111, "mask %02X %08X", mask, v1, 0);

	/* 25: all the storage above 512K through the tables, a pattern written
	 * and checked: in a virtual machine as large as the real machine's free
	 * storage, CP must take frames from this very machine while its shadow
	 * entries point at them (paging.c, shadow_frame_gone) */
	uint32_t size = 0x80000;
	ec_mode();
	while (size < 0x1000000 && !fetch(size, &f))
		size += 0x10000;
	dat_off();
	uint32_t nseg = (size - BIG_REAL) >> 16;
	for (uint32_t s = 0; s < 256; s++)
		ste_invalid(STO4, s);
	for (uint32_t s = 0; s < 8; s++) {
		for (uint32_t p = 0; p < 16; p++)
			pte4(PT_ID + 32 * s, p, s << 16 | p << 12);
		ste(STO4, s, 15, PT_ID + 32 * s);
	}
	for (uint32_t s = 0; s < nseg; s++) {
		for (uint32_t p = 0; p < 16; p++)
			pte4(PT_BIG + 32 * s, p, BIG_REAL + (s << 16) + (p << 12));
		ste(STO4, (BIG >> 16) + s, 15, PT_BIG + 32 * s);
	}
	set_cr0_fmt(FMT_4K64K);
	set_cr1(15u << 24 | STO4);
	ptlb();
	uint32_t bad = 0, first = 0;
	dat_on();
	for (uint32_t round = 0; round < 2; round++) {
		uint32_t end = BIG + (nseg << 16);
		for (uint32_t a = BIG; a < end; a += 512)
			R32(a) = a * 2654435761u ^ round;
		for (uint32_t a = BIG; a < end; a += 512)
			if (R32(a) != (a * 2654435761u ^ round) && !bad++)
				first = a;
	}
	dat_off();
	for (uint32_t a = BIG_REAL; a < size && !bad; a += 512) /* and the real pages hold it */
		if (R32(a) != ((a - BIG_REAL + BIG) * 2654435761u ^ 1) && !bad++)
			first = a;
	check("ALL STORAGE THROUGH THE TABLES", nseg >= 8 && !bad, "%u segments, %u wrong, first %06X", nseg,
	      bad, first);

	/* 26: the timer instructions' operands are virtual too: SCKC and SPT
	 * from X'100500' and X'100510', STCKC and STPT to X'100508' and X'100518' */
	build_4k();
	R32(DATA + 0x500) = 0x7FFF1234;
	R32(DATA + 0x504) = 0x56789ABC;
	R32(DATA + 0x510) = 0x00001000;
	R32(DATA + 0x514) = 0;
	dat_on();
	__asm__ volatile(".insn s,0xb2060000,0(%0)\n\t.insn s,0xb2070000,8(%0)\n\t"
	                 ".insn s,0xb2080000,16(%0)\n\t.insn s,0xb2090000,24(%0)"
	                 :
	                 : "a"(0x100500)
	                 : "memory");
	dat_off();
	uint32_t pt_hi = R32(DATA + 0x518);
	check("TIMER OPERANDS ARE VIRTUAL",
	      R32(DATA + 0x508) == 0x7FFF1234 && R32(DATA + 0x50C) == 0x56789ABC && pt_hi <= 0x1000 &&
	          pt_hi >= 0xF00,
	      "%08X %08X %08X", R32(DATA + 0x508), R32(DATA + 0x50C), pt_hi);

	g_say("DAT: %u OF %u OK", ok, total);
	return 0;
}
