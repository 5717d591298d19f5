/* test_per.c — program-event recording (per.c), GA22-7000 chapter 4
 * "Program-Event Recording".  Each test builds an EC-mode machine with the
 * PER mask on, sets CR9-CR11, runs one instruction at TM_IA (X'1000') and
 * checks the program-interruption code (X'80' alone or or'ed into another
 * exception's), the PER code at X'96', the PER address at X'98' and the
 * instruction address of the program old PSW. */
#include <stdlib.h>

#include "testcpu.h"

/* Strong references pull the handlers out of the core library (see
 * test_control.c). */
op_fn op_st, op_lr, op_ar, op_bc, op_bcr, op_bal, op_balr, op_bct, op_bxh, op_bxle, op_brc, op_bras, op_brct,
    op_mvc, op_stcm, op_cs, op_mvcl, op_ap, op_mc, op_d, op_ex, op_svc, op_lpsw, op_lctl, op_ssm, op_l, op_lm,
    op_stm, op_xc, op_la, op_icm;
static op_fn *const handlers[] = {op_st,   op_lr,   op_ar,  op_bc,   op_bcr,  op_bal, op_balr, op_bct,
                                  op_bxh,  op_bxle, op_brc, op_bras, op_brct, op_mvc, op_stcm, op_cs,
                                  op_mvcl, op_ap,   op_mc,  op_d,    op_ex,   op_svc, op_lpsw, op_lctl,
                                  op_ssm,  op_l,    op_lm,  op_stm,  op_xc,   op_la,  op_icm};

static void handlers_present(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof handlers / sizeof handlers[0]; k++)
		assert_non_null(handlers[k]);
}

enum { BR = 0x80000000u, IF = 0x40000000u, SA = 0x20000000u, GR = 0x10000000u };
#define GPRMASK(n) (0x8000u >> (n))

/* EC mode, PER mask on, key 0, supervisor state, IA X'1000'; GR5 = X'2000'
 * as a base for operands. */
static struct tmach *per_new(uint32_t cr9, uint32_t start, uint32_t end)
{
	struct tmach *t = tm_new();
	t->c.cr[9] = cr9;
	t->c.cr[10] = start;
	t->c.cr[11] = end;
	t->c.gpr[5] = 0x2000;
	const uint8_t psw[8] = {0x40, 0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00};
	assert_true(cpu_psw_load(&t->c, psw));
	return t;
}

static uint8_t perc(struct tmach *t)
{
	return *tm_mem(t, LOC_PER_CODE);
}
static uint32_t peraddr(struct tmach *t)
{
	return be32(tm_mem(t, LOC_PER_ADDR));
}
static uint32_t old_ia(struct tmach *t)
{
	return be32(tm_mem(t, LOC_PGM_OLD + 4)) & AMASK;
}

/* Run hex at X'1000'; expect code (0 = no interruption) and, with PER, the
 * PER code and the old-PSW address. */
static void expect(const char *what, struct tmach *t, const char *hex, int code, uint8_t pc, uint32_t ia)
{
	int got = tm_exec_hex(t, hex);
	if (got != code)
		fail_msg("%s: code %#x, want %#x", what, got, code);
	if (!(code & PGM_PER))
		return;
	if (perc(t) != pc)
		fail_msg("%s: PER code %#x, want %#x", what, perc(t), pc);
	if (*tm_mem(t, LOC_PER_CODE + 1) != 0)
		fail_msg("%s: location 151 not zero", what);
	if (peraddr(t) != TM_IA)
		fail_msg("%s: PER address %#x, want %#x", what, peraddr(t), TM_IA);
	if (old_ia(t) != ia)
		fail_msg("%s: old PSW IA %#x, want %#x", what, old_ia(t), ia);
}

/* ---- instruction fetching, the area, wrap-around ------------------------- */

static const struct {
	const char *name;
	uint32_t start, end;
	bool event;
} ifetch_areas[] = {
    {"exactly the first byte", 0x1000, 0x1000, true},
    {"last byte only (not the first)", 0x1001, 0x1001, false},
    {"area below", 0x0000, 0x0FFF, false},
    {"area above", 0x1002, 0x5000, false},
    {"wrap-around covering", 0xFFF000, 0x001000, true},
    {"wrap-around ending just before", 0xFFF000, 0x000FFF, false},
    {"wrap-around starting at it", 0x001000, 0x000010, true},
    {"whole storage", 0x000000, 0xFFFFFF, true},
    {"bits 0-7 of CR10/CR11 ignored", 0xFF001000, 0xFF001000, true},
};

static void ifetch_event(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof ifetch_areas / sizeof ifetch_areas[0]; k++) {
		struct tmach *t = per_new(IF, ifetch_areas[k].start, ifetch_areas[k].end);
		t->c.gpr[2] = 7;
		if (ifetch_areas[k].event)
			expect(ifetch_areas[k].name, t, "1812", PGM_PER, 0x40, 0x1002);
		else
			expect(ifetch_areas[k].name, t, "1812", 0, 0, 0);
		assert_int_equal(t->c.gpr[1], 7); /* the instruction is completed */
		tm_free(t);
	}
}

/* ---- storage alteration --------------------------------------------------- */

static const struct {
	const char *name, *hex;
	uint32_t start, end;
	bool event;
} store_cases[] = {
    {"ST into area", "5010 5000", 0x2000, 0x2003, true},
    {"ST last byte in area", "5010 5000", 0x2003, 0x2100, true},
    {"ST just below area", "5010 5000", 0x2004, 0x2100, false},
    {"ST just above area", "5010 5000", 0x1000, 0x1FFF, false},
    {"ST, wrapped area covers it", "5010 5000", 0x3000, 0x2000, true},
    {"ST, wrapped area misses it", "5010 5000", 0x3000, 0x1FFF, false},
    {"MVC 16 bytes, last in area", "D20F 5000 5100", 0x200F, 0x200F, true},
    {"MVC 16 bytes, area after", "D20F 5000 5100", 0x2010, 0x3000, false},
    {"XC 256 bytes, middle byte", "D7FF 5000 5000", 0x2080, 0x2080, true},
    {"STM R1-R3, third word", "9013 5000", 0x2008, 0x2008, true},
    {"STCM mask 0 alters nothing", "BE10 5000", 0x2000, 0x2003, false},
    {"CS equal: stored", "BA12 5000", 0x2002, 0x2002, true},
    {"CS unequal: not stored", "BA32 5000", 0x2000, 0x2003, false},
    {"MVCL 256 bytes, last one", "0E68", 0x20FF, 0x20FF, true},
    {"MVCL 256 bytes, area after", "0E68", 0x2100, 0x2100, false},
    {"L (fetch) is no alteration", "5810 5000", 0x2000, 0x2003, false},
};

/* Length of the instruction written as hex, from its first byte. */
static uint32_t hexlen(const char *hex)
{
	char op[3] = {hex[0], hex[1], 0};
	return (uint32_t)cpu_insn_length((uint8_t)strtoul(op, NULL, 16));
}

static void store_event(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof store_cases / sizeof store_cases[0]; k++) {
		struct tmach *t = per_new(SA, store_cases[k].start, store_cases[k].end);
		t->c.gpr[1] = 0;      /* CS R1: equals the zero word at X'2000' */
		t->c.gpr[3] = 1;      /* CS R1: does not */
		t->c.gpr[6] = 0x2000; /* MVCL 6,8: 256 bytes to X'2000' from X'3000' */
		t->c.gpr[7] = 0x100;
		t->c.gpr[8] = 0x3000;
		t->c.gpr[9] = 0x100;
		if (store_cases[k].event)
			expect(store_cases[k].name, t, store_cases[k].hex, PGM_PER, 0x20,
			       TM_IA + hexlen(store_cases[k].hex));
		else
			expect(store_cases[k].name, t, store_cases[k].hex, 0, 0, 0);
		tm_free(t);
	}
}

/* A store TLB entry made before monitoring started must not hide a store. */
static void store_event_after_tlb_entry(void **state)
{
	(void)state;
	struct tmach *t = per_new(SA, 0x2000, 0x2003);
	uint8_t off[8] = {0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00};
	cpu_psw_load(&t->c, off); /* PER mask off: the store is cached */
	expect("ST, PER off", t, "5010 5000", 0, 0, 0);
	/* SSM X'40' from X'2100', then ST again: must be seen. */
	*tm_mem(t, 0x2100) = 0x40;
	memcpy(tm_mem(t, 0x1000), "\x80\x00\x51\x00\x50\x10\x50\x00", 8);
	t->c.psw.ia = 0x1000;
	assert_int_equal(tm_run(t, 2), PGM_PER);
	assert_int_equal(perc(t), 0x20);
	assert_int_equal(peraddr(t), 0x1004);
	tm_free(t);
}

/* Stores the CPU makes by real address in an interruption (old PSW,
 * interruption code) are not monitored: SVC with the area over low storage
 * causes no PER interruption. */
static void implied_stores_not_monitored(void **state)
{
	(void)state;
	struct tmach *t = per_new(SA, 0x0000, 0x0FFF);
	expect("SVC with low storage monitored", t, "0A07", 0, 0, 0);
	assert_int_equal(be32(tm_mem(t, LOC_SVC_OLD + 4)) & AMASK, 0x1002);
	assert_int_equal(be16(tm_mem(t, LOC_SVC_CODE)), 7);
	tm_free(t);
}

/* With DAT on, the area is in virtual addresses: virtual page 5 is real
 * frame X'7000'.  A nullified store (page-translation exception) alters
 * nothing; its fetch event still comes, with the old PSW at the instruction. */
static void store_event_with_dat(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		uint32_t start, end, va;
		int code;
	} cases[] = {
	    {"virtual area hit", 0x5120, 0x5127, 0x5123, PGM_PER},
	    {"real area not used", 0x7120, 0x7127, 0x5123, 0},
	    {"invalid page: nullified", 0x6000, 0x6FFF, 0x6000, PGM_PAGE_TRANSLATION},
	    {"invalid page with fetch event", 0x1000, 0x6FFF, 0x6000, PGM_PER | PGM_PAGE_TRANSLATION},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tmach *t = per_new(SA | IF, cases[k].start, cases[k].end);
		t->c.cr[0] = (t->c.cr[0] & ~CR0_TF_MASK) | 0x00800000; /* 4K pages, 64K segments */
		t->c.cr[1] = 0x00002000;
		for (uint32_t s = 0; s < 16; s++)
			put32(tm_mem(t, 0x2000 + 4 * s), 1);
		put32(tm_mem(t, 0x2000), 0xF0003000);
		for (uint32_t p = 0; p < 16; p++)
			put16(tm_mem(t, 0x3000 + 2 * p), 0x0008);
		put16(tm_mem(t, 0x3000 + 2 * 1), 0x0010); /* page 1 -> 0x1000 (the instruction) */
		put16(tm_mem(t, 0x3000 + 2 * 5), 0x0070); /* page 5 -> 0x7000 */
		const uint8_t psw[8] = {0x44, 0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00};
		assert_true(cpu_psw_load(&t->c, psw));
		t->c.gpr[5] = cases[k].va;
		t->c.gpr[1] = 0x01020304;
		int code = tm_exec_hex(t, "5010 5000");
		if (code != cases[k].code)
			fail_msg("%s: code %#x, want %#x", cases[k].name, code, cases[k].code);
		if (k == 0) {
			assert_int_equal(perc(t), 0x20);
			assert_int_equal(be32(tm_mem(t, 0x7123)), 0x01020304);
		}
		if (k == 3) {
			assert_int_equal(perc(t), 0x40);
			assert_int_equal(old_ia(t), TM_IA);
		}
		tm_free(t);
	}
}

/* ---- general-register alteration ------------------------------------------ */

static const struct {
	const char *name, *hex;
	uint16_t mask;
	bool event;
} gpr_cases[] = {
    {"LR 1,1: same value counts", "1811", GPRMASK(1), true},
    {"LR 2,1: GR2 not selected", "1821", GPRMASK(1), false},
    {"LR 2,1: GR2 selected", "1821", GPRMASK(2), true},
    {"ST 1: no register altered", "5010 5000", 0xFFFF, false},
    {"LA 15,0: zero into zero", "41F0 0000", GPRMASK(15), true},
    {"LM 14,1 wraps to GR0", "98E1 5000", GPRMASK(0), true},
    {"LM 14,1 leaves GR2", "98E1 5000", GPRMASK(2), false},
    {"MVCL writes R1+1 even unchanged", "0E24", GPRMASK(3), true},
    {"BCTR 6,0: R1 written, no branch", "0660", GPRMASK(6), true},
    {"ICM mask 0 inserts nothing", "BF10 5000", GPRMASK(1), false},
    {"CS equal: R1 not replaced", "BA12 5000", GPRMASK(1), false},
};

static void gpr_event(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof gpr_cases / sizeof gpr_cases[0]; k++) {
		struct tmach *t = per_new(GR | gpr_cases[k].mask, 0, 0);
		t->c.gpr[1] = 0;
		t->c.gpr[2] = 0x2000; /* MVCL with length 0: nothing moves */
		t->c.gpr[3] = 0;
		t->c.gpr[4] = 0x3000;
		t->c.gpr[5] = 0x2000;
		t->c.gpr[15] = 0;
		t->c.gpr[6] = 5;
		if (gpr_cases[k].event)
			expect(gpr_cases[k].name, t, gpr_cases[k].hex, PGM_PER, 0x10,
			       TM_IA + hexlen(gpr_cases[k].hex));
		else
			expect(gpr_cases[k].name, t, gpr_cases[k].hex, 0, 0, 0);
		tm_free(t);
	}
}

/* ---- successful branching -------------------------------------------------- */

static const struct {
	const char *name, *hex;
	uint8_t cc;
	uint32_t r3;     /* GR3 before (count or increment) */
	uint32_t target; /* 0: no branch expected */
} branch_cases[] = {
    {"BC 15 taken", "47F0 0200", 0, 0, 0x200},
    {"BC 0 not taken", "4700 0200", 0, 0, 0},
    {"BC 8 with CC 0", "4780 0200", 0, 0, 0x200},
    {"BC 8 with CC 1", "4780 0200", 1, 0, 0},
    {"BC to the next instruction still branches", "47F0 A004", 0, 0, 0x1004},
    {"BCR 15,7", "07F7", 0, 0, 0x300},
    {"BCR 15,0 does not branch", "07F0", 0, 0, 0},
    {"BAL", "45E0 0200", 0, 0, 0x200},
    {"BALR 14,0 does not branch", "05E0", 0, 0, 0},
    {"BCT count 2", "4630 0200", 0, 2, 0x200},
    {"BCT count 1", "4630 0200", 0, 1, 0},
    {"BXH 3,8: 1+1 > 1", "8638 0200", 0, 1, 0x200},
    {"BXH 3,8: 0+1 > 1 fails", "8638 0200", 0, 0, 0},
    {"BXLE 3,8: 0+1 <= 1", "8738 0200", 0, 0, 0x200},
    {"BRC 15 relative", "A7F4 0010", 0, 0, 0x1020},
    {"BRC 0 relative not taken", "A704 0010", 0, 0, 0},
    {"BRAS", "A7E5 FFF0", 0, 0, 0x0FE0},
    {"BRCT count 1", "A736 0010", 0, 1, 0},
};

static void branch_event(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof branch_cases / sizeof branch_cases[0]; k++) {
		struct tmach *t = per_new(BR, 0, 0);
		t->c.psw.cc = branch_cases[k].cc;
		t->c.gpr[3] = branch_cases[k].r3;
		t->c.gpr[7] = 0x300;
		t->c.gpr[8] = 1; /* BXH/BXLE increment (R3 = 8) */
		t->c.gpr[9] = 1; /* ... and comparand (R3|1 = 9) */
		t->c.gpr[10] = TM_IA;
		if (branch_cases[k].target)
			expect(branch_cases[k].name, t, branch_cases[k].hex, PGM_PER, 0x80,
			       branch_cases[k].target);
		else
			expect(branch_cases[k].name, t, branch_cases[k].hex, 0, 0, 0);
		tm_free(t);
	}
}

/* LPSW and SVC are not branches; their PER events (here instruction
 * fetching) interrupt after the new PSW is in: the old PSW is the new one. */
static void lpsw_svc_not_branches(void **state)
{
	(void)state;
	static const uint8_t newpsw[8] = {0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00};
	struct tmach *t = per_new(BR, 0, 0);
	memcpy(tm_mem(t, 0x2100), newpsw, 8);
	expect("LPSW with branch monitoring", t, "8200 5100", 0, 0, 0);
	assert_int_equal(t->c.psw.ia, 0x3000);
	tm_free(t);

	t = per_new(BR | IF, 0x1000, 0x1000);
	memcpy(tm_mem(t, 0x2100), newpsw, 8);
	expect("LPSW fetched in area", t, "8200 5100", PGM_PER, 0x40, 0x3000);
	tm_free(t);

	t = per_new(BR | IF, 0x1000, 0x1000);
	memcpy(tm_mem(t, LOC_SVC_NEW), newpsw, 8);
	expect("SVC fetched in area", t, "0A05", PGM_PER, 0x40, 0x3000);
	assert_int_equal(be32(tm_mem(t, LOC_SVC_OLD + 4)) & AMASK, 0x1002); /* SVC first */
	assert_int_equal(be16(tm_mem(t, LOC_SVC_CODE)), 5);
	tm_free(t);

	/* LPSW of an invalid EC PSW (bit 0 on) with an event: X'0086', ILC 0. */
	static const uint8_t badpsw[8] = {0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x30, 0x00};
	t = per_new(IF, 0x1000, 0x1000);
	memcpy(tm_mem(t, 0x2100), badpsw, 8);
	expect("LPSW invalid PSW", t, "8200 5100", PGM_PER | PGM_SPECIFICATION, 0x40, 0x3000);
	assert_int_equal(*tm_mem(t, LOC_PGM_ILC), 0);
	tm_free(t);
}

/* ---- EXECUTE --------------------------------------------------------------- */

static void execute_events(void **state)
{
	(void)state;
	/* EX at X'1000' of LR 1,2 at X'2100': fetch event for the target; the
	 * PER address is that of EXECUTE. */
	struct tmach *t = per_new(IF, 0x2100, 0x2101);
	memcpy(tm_mem(t, 0x2100), "\x18\x12", 2);
	expect("EX target in area", t, "4400 5100", PGM_PER, 0x40, 0x1004);
	tm_free(t);

	t = per_new(BR, 0, 0);
	memcpy(tm_mem(t, 0x2100), "\x47\xF0\x02\x00", 4);
	expect("EX of BC 15", t, "4400 5100", PGM_PER, 0x80, 0x200);
	tm_free(t);

	t = per_new(GR | GPRMASK(1), 0, 0);
	memcpy(tm_mem(t, 0x2100), "\x18\x00", 2); /* LR 0,0 with R1 field from GR2: LR 1,1 */
	t->c.gpr[2] = 0x11;
	expect("EX of LR 1,1 (R1 or'ed)", t, "4420 5100", PGM_PER, 0x10, 0x1004);
	tm_free(t);
}

/* ---- nothing when PER is off ------------------------------------------------ */

static void no_event_when_off(void **state)
{
	(void)state;
	/* PER mask off in the PSW, all events selected. */
	struct tmach *t = per_new(BR | IF | SA | GR | 0xFFFF, 0, 0xFFFFFF);
	const uint8_t psw[8] = {0x00, 0x08, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00};
	cpu_psw_load(&t->c, psw);
	expect("PER mask off", t, "47F0 0200", 0, 0, 0);
	tm_free(t);

	/* Mask on and the area all of storage, but the CR9 bit of the one event
	 * the instruction would cause is off. */
	static const struct {
		const char *name, *hex;
		uint32_t cr9;
	} off[] = {
	    {"branch, CR9 bit 0 off", "47F0 0200", SA | GR | 0xFFFF},
	    {"fetch, CR9 bit 1 off", "1812", BR | SA},
	    {"store, CR9 bit 2 off", "5010 5000", BR | GR | 0xFFFF},
	    {"GPR, CR9 bit 3 off", "1811", BR | SA | 0xFFFF},
	    {"GPR, no register selected", "1811", GR},
	};
	for (size_t k = 0; k < sizeof off / sizeof off[0]; k++) {
		t = per_new(off[k].cr9, 0, 0xFFFFFF);
		expect(off[k].name, t, off[k].hex, 0, 0, 0);
		tm_free(t);
	}

	/* BC mode: bit 1 is a channel mask, there is no PER. */
	t = tm_new();
	t->c.cr[9] = BR;
	t->c.psw.sysmask = 0x40;
	expect("BC mode", t, "47F0 0200", 0, 0, 0);
	tm_free(t);
}

/* ---- with other program-interruption conditions ----------------------------- */

static void with_exceptions(void **state)
{
	(void)state;
	/* AR overflow with the program mask bit on: completed, GR1 altered. */
	struct tmach *t = per_new(GR | GPRMASK(1), 0, 0);
	t->c.psw.pmask = PM_FIXOVF;
	t->c.gpr[1] = 0x7FFFFFFF;
	t->c.gpr[2] = 1;
	expect("AR overflow + GR alteration", t, "1A12", PGM_PER | PGM_FIXED_OVERFLOW, 0x10, 0x1002);
	assert_int_equal(t->c.gpr[1], 0x80000000u);
	tm_free(t);

	/* AP overflow: 999 + 1 into 2 bytes; completed, storage altered. */
	t = per_new(SA | IF, 0x2000, 0x2001);
	t->c.psw.pmask = PM_DECOVF;
	memcpy(tm_mem(t, 0x2000), "\x99\x9C", 2);
	memcpy(tm_mem(t, 0x2010), "\x00\x1C", 2);
	expect("AP overflow + storage alteration", t, "FA11 5000 5010", PGM_PER | PGM_DECIMAL_OVERFLOW, 0x20,
	       0x1006);
	tm_free(t);

	/* Divide by zero is suppressed: the fetch event only. */
	t = per_new(IF | GR | 0xFFFF, 0x1000, 0x1000);
	expect("D by zero + fetch", t, "5D20 5100", PGM_PER | PGM_FIXED_DIVIDE, 0x40, 0x1004);
	tm_free(t);

	/* Specification (odd R1 for D) is suppressed: no register event. */
	t = per_new(GR | 0xFFFF, 0, 0);
	expect("D odd R1, GR only", t, "5D10 5100", PGM_SPECIFICATION, 0, 0);
	tm_free(t);

	/* MONITOR CALL with class 1 enabled and a fetch event: X'00C0'. */
	t = per_new(IF, 0x1000, 0x1000);
	t->c.cr[8] = 0x4000;
	expect("MC + fetch", t, "AF01 0123", PGM_PER | PGM_MONITOR, 0x40, 0x1004);
	assert_int_equal(*tm_mem(t, LOC_MON_CLASS), 1);
	assert_int_equal(be32(tm_mem(t, LOC_MON_CODE)), 0x123);
	tm_free(t);

	/* Addressing exception on the store (beyond 64K): terminated; the
	 * fetch event is indicated with it, no storage event for the store
	 * that could not be made. */
	t = per_new(IF | SA, 0x1000, 0x1000);
	t->c.gpr[5] = 0x20000;
	expect("ST addressing + fetch", t, "5010 5000", PGM_PER | PGM_ADDRESSING, 0x40, 0x1004);
	tm_free(t);

	/* MVCL running off the end of storage (64K): the units moved before the
	 * addressing exception keep their storage and register events. */
	t = per_new(SA | GR | GPRMASK(6), 0xF900, 0xF900);
	t->c.gpr[6] = 0xF800;
	t->c.gpr[7] = 0x1000;
	t->c.gpr[8] = 0x3000;
	t->c.gpr[9] = 0x1000;
	assert_int_equal(tm_exec_hex(t, "0E68"), PGM_PER | PGM_ADDRESSING);
	assert_int_equal(perc(t), 0x30);
	assert_int_equal(peraddr(t), TM_IA);
	assert_int_equal(t->c.gpr[6], 0x10000);
	tm_free(t);

	/* Several events at once. */
	t = per_new(BR | IF | GR | GPRMASK(14), 0x1000, 0x1000);
	expect("BAL: branch + fetch + GR", t, "45E0 0200", PGM_PER, 0xD0, 0x200);
	assert_int_equal(t->c.gpr[14] & AMASK, 0x1004);
	tm_free(t);
}

/* ---- turning PER on through LCTL and SSM -------------------------------------- */

static void mode_changes(void **state)
{
	(void)state;
	/* LCTL 9,11 then LR: the LR is monitored. */
	struct tmach *t = per_new(0, 0, 0);
	put32(tm_mem(t, 0x2100), IF);
	put32(tm_mem(t, 0x2104), 0x1000);
	put32(tm_mem(t, 0x2108), 0x1FFF);
	memcpy(tm_mem(t, 0x1000), "\xB7\x9B\x51\x00\x18\x12", 6);
	t->c.psw.ia = 0x1000;
	assert_int_equal(tm_run(t, 2), PGM_PER);
	assert_int_equal(perc(t), 0x40);
	assert_int_equal(peraddr(t), 0x1004);
	tm_free(t);

	/* SSM turning the PER mask off: its own fetch still counts (the mask in
	 * effect when it was executed); the next instruction is not monitored. */
	t = per_new(IF, 0x1000, 0x1FFF);
	*tm_mem(t, 0x2100) = 0x00;
	memcpy(tm_mem(t, 0x1000), "\x80\x00\x51\x00", 4);
	t->c.psw.ia = 0x1000;
	assert_int_equal(tm_run(t, 1), PGM_PER);
	assert_int_equal(peraddr(t), 0x1000);
	/* The old PSW has the PER mask off. */
	assert_int_equal(*tm_mem(t, LOC_PGM_OLD), 0x00);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(handlers_present),
	    cmocka_unit_test(ifetch_event),
	    cmocka_unit_test(store_event),
	    cmocka_unit_test(store_event_after_tlb_entry),
	    cmocka_unit_test(store_event_with_dat),
	    cmocka_unit_test(implied_stores_not_monitored),
	    cmocka_unit_test(gpr_event),
	    cmocka_unit_test(branch_event),
	    cmocka_unit_test(lpsw_svc_not_branches),
	    cmocka_unit_test(execute_events),
	    cmocka_unit_test(no_event_when_off),
	    cmocka_unit_test(with_exceptions),
	    cmocka_unit_test(mode_changes),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
