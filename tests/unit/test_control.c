/* test_control.c — control instructions (insn_control.c): PSW masks, LPSW,
 * storage keys, control registers, LRA, prefix, CPU identity, SIGP, MC,
 * DIAGNOSE and TPROT.  Operands are placed in low storage (0x100...) and
 * the instruction at TM_IA; results are checked against GA22-7000. */
#include "testcpu.h"

/* The opcode table refers to handlers weakly (S370_WEAK_HANDLERS), and a weak
 * reference does not pull a member out of the static core library.  These
 * strong references do, and the first test fails if a handler is missing. */
op_fn op_ssm, op_lpsw, op_stnsm, op_stosm, op_ssk, op_isk, op_rrb, op_lctl, op_stctl, op_ptlb, op_lra, op_spx,
    op_stpx, op_stap, op_stidp, op_sigp, op_mc, op_diag, op_tprot;
static op_fn *const handlers[] = {op_ssm,   op_lpsw,  op_stnsm, op_stosm, op_ssk,  op_isk,  op_rrb,
                                  op_lctl,  op_stctl, op_ptlb,  op_lra,   op_spx,  op_stpx, op_stap,
                                  op_stidp, op_sigp,  op_mc,    op_diag,  op_tprot};

static void handlers_present(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof handlers / sizeof handlers[0]; k++)
		assert_non_null(handlers[k]);
}

/* Tests that enable external interruptions turn off the interval-timer
 * subclass mask (on after reset): a timer running out between two
 * instructions would otherwise interrupt them. */
static void quiet_timers(struct tmach *t)
{
	t->c.cr[0] &= ~CR0_ITIMER_MASK;
}

static void set_ec(struct tmach *t)
{
	t->c.psw.flags |= PSW_EC;
	cpu_update_ctx(&t->c);
}

/* ---- privileged operation and specification, table-driven ---------------- */

static const struct {
	const char *name, *hex;
} privileged[] = {
    {"SSM", "8000 0100"},   {"LPSW", "8200 0100"}, {"STNSM", "ACFF 0100"},
    {"STOSM", "AD00 0100"}, {"SSK", "0812"},       {"ISK", "0912"},
    {"RRB", "B213 0100"},   {"LCTL", "B700 0100"}, {"STCTL", "B600 0100"},
    {"PTLB", "B20D 0000"},  {"LRA", "B110 0100"},  {"SPX", "B210 0100"},
    {"STPX", "B211 0100"},  {"STAP", "B212 0100"}, {"STIDP", "B202 0100"},
    {"SIGP", "AE13 0001"},  {"DIAG", "8300 0000"}, {"TPROT", "E501 0100 0000"},
};

static void privileged_in_problem_state(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof privileged / sizeof privileged[0]; k++) {
		struct tmach *t = tm_new();
		t->c.psw.flags |= PSW_P;
		int code = tm_exec_hex(t, privileged[k].hex);
		if (code != PGM_PRIVILEGED)
			fail_msg("%s: code %#x, want privileged-operation", privileged[k].name, code);
		tm_free(t);
	}
}

static const struct {
	const char *name, *hex;
} misaligned[] = {
    {"LPSW", "8200 0104"},    {"LCTL", "B700 0102"},           {"STCTL", "B600 0101"},
    {"SPX", "B210 0102"},     {"STPX", "B211 0106"},           {"STAP", "B212 0101"},
    {"STIDP", "B202 0104"},   {"MC I2 0-3", "AF15 0000"},      {"SSK R2 28-31", "0813"},
    {"ISK R2 28-31", "0913"}, {"DIAG unclaimed", "8300 0000"},
};

static void specification_exceptions(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof misaligned / sizeof misaligned[0]; k++) {
		struct tmach *t = tm_new();
		t->c.gpr[3] = 0x2001; /* SSK/ISK: bit 31 of R2 set */
		int code = tm_exec_hex(t, misaligned[k].hex);
		if (code != PGM_SPECIFICATION)
			fail_msg("%s: code %#x, want specification", misaligned[k].name, code);
		tm_free(t);
	}
}

/* ---- SSM, STNSM, STOSM, LPSW --------------------------------------------- */

static void ssm_sets_system_mask(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	quiet_timers(t);
	*tm_mem(t, 0x100) = 0x03;
	assert_int_equal(tm_exec_hex(t, "8000 0100"), 0);
	assert_int_equal(t->c.psw.sysmask, 0x03);
	tm_free(t);
}

static void ssm_suppressed_by_cr0(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.cr[0] |= CR0_SSM_SUPPRESS;
	*tm_mem(t, 0x100) = 0x03;
	assert_int_equal(tm_exec_hex(t, "8000 0100"), PGM_SPECIAL_OPERATION);
	/* suppressed: the old PSW still has the old mask, and points past SSM */
	uint8_t *old = tm_mem(t, LOC_PGM_OLD);
	assert_int_equal(old[0], 0x00);
	assert_int_equal(be32(old + 4) & AMASK, TM_IA + 4);
	tm_free(t);
}

/* EC mode: a one in mask bit 0 or 2-4 makes the PSW invalid; the exception
 * is recognised before the next instruction, with ILC 0. */
static void ssm_ec_invalid_bits_early_specification(void **state)
{
	(void)state;
	static const uint8_t bad[] = {0x80, 0x20, 0x10, 0x08};
	for (size_t k = 0; k < sizeof bad; k++) {
		struct tmach *t = tm_new();
		set_ec(t);
		*tm_mem(t, 0x100) = bad[k];
		assert_int_equal(tm_exec_hex(t, "8000 0100"), PGM_SPECIFICATION);
		/* introduced by SSM: ILC 2 (GA22-7000 "Specification Exception") */
		assert_int_equal(*tm_mem(t, LOC_PGM_ILC), 0x04);
		uint8_t *old = tm_mem(t, LOC_PGM_OLD);
		assert_int_equal(old[0], bad[k]); /* the invalid mask was loaded */
		assert_int_equal(be32(old + 4) & AMASK, TM_IA + 4);
		tm_free(t);
	}
	struct tmach *t = tm_new();
	quiet_timers(t);
	set_ec(t);
	*tm_mem(t, 0x100) = 0x43; /* PER, I/O, external: all valid */
	assert_int_equal(tm_exec_hex(t, "8000 0100"), 0);
	assert_int_equal(t->c.psw.sysmask, 0x43);
	tm_free(t);
}

static void stnsm_stosm(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	quiet_timers(t);
	t->c.psw.sysmask = 0xFF;
	assert_int_equal(tm_exec_hex(t, "AC0F 0100"), 0); /* STNSM X'0F' */
	assert_int_equal(*tm_mem(t, 0x100), 0xFF);
	assert_int_equal(t->c.psw.sysmask, 0x0F);
	assert_int_equal(tm_exec_hex(t, "AD80 0101"), 0); /* STOSM X'80' */
	assert_int_equal(*tm_mem(t, 0x101), 0x0F);
	assert_int_equal(t->c.psw.sysmask, 0x8F);
	/* no SSM suppression for these */
	t->c.cr[0] |= CR0_SSM_SUPPRESS;
	assert_int_equal(tm_exec_hex(t, "AC00 0102"), 0);
	assert_int_equal(t->c.psw.sysmask, 0x00);
	/* EC mode: OR-ing in bit 4 gives an invalid PSW */
	set_ec(t);
	assert_int_equal(tm_exec_hex(t, "AD08 0103"), PGM_SPECIFICATION);
	assert_int_equal(*tm_mem(t, LOC_PGM_ILC), 0x04); /* introduced by STOSM: ILC 2 */
	tm_free(t);
}

static void lpsw_loads_psw(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	const uint8_t psw[8] = {0x00, 0x30, 0x00, 0x00, 0x2C, 0x00, 0x20, 0x00};
	memcpy(tm_mem(t, 0x100), psw, 8);
	assert_int_equal(tm_exec_hex(t, "8200 0100"), 0);
	assert_int_equal(t->c.psw.key, 3);
	assert_int_equal(t->c.psw.cc, 2);
	assert_int_equal(t->c.psw.pmask, 0xC);
	assert_int_equal(t->c.psw.ia, 0x2000);
	tm_free(t);
}

static void lpsw_invalid_ec_psw(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	const uint8_t psw[8] = {0x80, 0x08, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00}; /* bit 0 on */
	memcpy(tm_mem(t, 0x100), psw, 8);
	assert_int_equal(tm_exec_hex(t, "8200 0100"), PGM_SPECIFICATION);
	assert_int_equal(*tm_mem(t, LOC_PGM_ILC), 0);
	assert_int_equal(be32(tm_mem(t, LOC_PGM_OLD + 4)) & AMASK, 0x2000);
	tm_free(t);
}

/* ---- storage keys ---------------------------------------------------------- */

static void ssk_isk_rrb_round_trip(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.gpr[1] = 0xABCDEF5F;             /* key 5, F, R, C; bit 31 ignored */
	t->c.gpr[2] = 0xFF002C00;             /* bits 8-20: block 5 (0x2800) */
	(void)vptr(&t->c, 0x2800, ACC_STORE); /* a TLB entry that SSK must purge */
	assert_non_null(tlb_lookup(&t->c, t->c.tlb_store, 0x2800));
	assert_int_equal(tm_exec_hex(t, "0812"), 0);
	assert_int_equal(t->st.keys[5], 0x5E);
	assert_null(tlb_lookup(&t->c, t->c.tlb_store, 0x2800)); /* purged */

	t->c.gpr[3] = 0x11223344;
	assert_int_equal(tm_exec_hex(t, "0932"), 0); /* BC: bits 0-4 of the key */
	assert_int_equal(t->c.gpr[3], 0x11223358);
	set_ec(t);
	assert_int_equal(tm_exec_hex(t, "0932"), 0); /* EC: all seven bits */
	assert_int_equal(t->c.gpr[3], 0x1122335E);

	t->c.gpr[4] = 0x2FFF; /* RRB: bits 21-31 ignored */
	assert_int_equal(tm_exec_hex(t, "B213 4000"), 0);
	assert_int_equal(t->c.psw.cc, 3); /* R=1, C=1 */
	assert_int_equal(t->st.keys[5], 0x5A);
	assert_int_equal(tm_exec_hex(t, "B213 4000"), 0);
	assert_int_equal(t->c.psw.cc, 1); /* R=0, C=1 */
	t->st.keys[5] = 0x54;
	assert_int_equal(tm_exec_hex(t, "B213 4000"), 0);
	assert_int_equal(t->c.psw.cc, 2);
	assert_int_equal(tm_exec_hex(t, "B213 4000"), 0);
	assert_int_equal(t->c.psw.cc, 0);
	tm_free(t);
}

static void storage_key_addresses_are_real(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.prefix = 0x8000;
	t->c.gpr[1] = 0x30;
	t->c.gpr[2] = 0x0800; /* real 0x800 = absolute 0x8800 */
	assert_int_equal(tm_exec_hex(t, "0812"), 0);
	assert_int_equal(t->st.keys[0x8800 >> 11], 0x30);
	assert_int_equal(t->st.keys[1], 0);
	t->c.gpr[2] = 0x8800; /* real 0x8800 = absolute 0x0800 */
	assert_int_equal(tm_exec_hex(t, "0812"), 0);
	assert_int_equal(t->st.keys[1], 0x30);
	/* (prefix back to 0 so that the program old PSW is at absolute 40) */
	t->c.prefix = 0;
	t->c.gpr[2] = TM_MEM; /* beyond storage */
	assert_int_equal(tm_exec_hex(t, "0812"), PGM_ADDRESSING);
	assert_int_equal(tm_exec_hex(t, "0912"), PGM_ADDRESSING);
	t->c.gpr[4] = TM_MEM;
	assert_int_equal(tm_exec_hex(t, "B213 4000"), PGM_ADDRESSING);
	tm_free(t);
}

/* ---- control registers ------------------------------------------------------ */

static void lctl_stctl_wrap(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	const uint32_t v[4] = {0x0E0E0E0E, 0x0F0F0F0F, 0x00000AE0, 0x00012340};
	for (int k = 0; k < 4; k++)
		put32(tm_mem(t, 0x100 + 4 * (uint32_t)k), v[k]);
	(void)vptr(&t->c, 0x2800, ACC_FETCH);
	assert_int_equal(tm_exec_hex(t, "B7E1 0100"), 0); /* LCTL 14,1 */
	assert_int_equal(t->c.cr[14], v[0]);
	assert_int_equal(t->c.cr[15], v[1]);
	assert_int_equal(t->c.cr[0], v[2]);
	assert_int_equal(t->c.cr[1], v[3]);
	assert_int_equal(t->c.cr[2], 0xFFFFFFFF); /* untouched: its reset value */
	assert_null(tlb_lookup(&t->c, t->c.tlb_fetch, 0x2800)); /* CR0/CR1 changed: purged */
	assert_int_equal(tm_exec_hex(t, "B6E1 0200"), 0);           /* STCTL 14,1 */
	assert_memory_equal(tm_mem(t, 0x100), tm_mem(t, 0x200), 16);
	assert_int_equal(tm_exec_hex(t, "B688 0300"), 0); /* one register */
	assert_int_equal(be32(tm_mem(t, 0x300)), t->c.cr[8]);
	tm_free(t);
}

static void lctl_suppressed_on_access_exception(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.gpr[2] = TM_MEM - 8; /* words 3 and 4 lie outside storage */
	assert_int_equal(tm_exec_hex(t, "B703 2000"), PGM_ADDRESSING);
	assert_int_equal(t->c.cr[0], 0x000000E0); /* unchanged */
	tm_free(t);
}

/* ---- LOAD REAL ADDRESS --------------------------------------------------- */

/* 4K pages, 64K segments; segment table at 0x2000 with 16 entries (STL 0):
 *   segment 0: PTL 15, page table at 0x3000; page 5 -> frame 0x7000
 *   segment 1: PTL 1, page table at 0x4000; page 0 -> 0x9000, page 1 invalid
 *   segments 2-15 invalid. */
static void lra_tables(struct tmach *t)
{
	t->c.cr[0] = (t->c.cr[0] & ~CR0_TF_MASK) | 0x00800000;
	t->c.cr[1] = 0x00002000;
	for (uint32_t s = 0; s < 16; s++)
		put32(tm_mem(t, 0x2000 + 4 * s), 1);
	put32(tm_mem(t, 0x2000), 0xF0003000);
	put32(tm_mem(t, 0x2004), 0x10004000);
	for (uint32_t p = 0; p < 16; p++)
		put16(tm_mem(t, 0x3000 + 2 * p), 0x0008);
	put16(tm_mem(t, 0x3000 + 2 * 5), 0x0070);
	put16(tm_mem(t, 0x3000 + 2 * 1), 0x0010); /* page 1 -> 0x1000 (the code) */
	put16(tm_mem(t, 0x4000), 0x0090);
	put16(tm_mem(t, 0x4002), 0x0008);
}

static const struct {
	uint32_t va;
	int cc;
	uint32_t r1;
} lra_cases[] = {
    {0x005123, 0, 0x007123},                          /* translated */
    {0x010010, 0, 0x009010}, {0x006000, 2, 0x00300C}, /* page-table entry invalid: its address */
    {0x011000, 2, 0x004002}, {0x012000, 3, 0x004004}, /* page-table length exceeded */
    {0x020000, 1, 0x002008},                          /* segment-table entry invalid */
    {0x100000, 3, 0x002040},                          /* segment-table length exceeded */
};

static void lra_condition_codes(void **state)
{
	(void)state;
	for (int ec = 0; ec < 2; ec++) {
		for (size_t k = 0; k < sizeof lra_cases / sizeof lra_cases[0]; k++) {
			struct tmach *t = tm_new();
			lra_tables(t);
			if (ec) { /* EC mode with DAT on gives the same answers */
				t->c.psw.sysmask = SM_DAT;
				set_ec(t);
			}
			t->c.gpr[1] = 0xFFFFFFFF;
			t->c.gpr[2] = lra_cases[k].va;
			assert_int_equal(tm_exec_hex(t, "B110 2000"), 0);
			if (t->c.psw.cc != lra_cases[k].cc || t->c.gpr[1] != lra_cases[k].r1)
				fail_msg("LRA %06X (ec %d): cc %d r1 %08X, want cc %d r1 %08X",
				         lra_cases[k].va, ec, t->c.psw.cc, t->c.gpr[1], lra_cases[k].cc,
				         lra_cases[k].r1);
			tm_free(t);
		}
	}
}

static void lra_exceptions(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	lra_tables(t);
	t->c.gpr[1] = 0x12345678;
	t->c.gpr[2] = 0x005000;
	put16(tm_mem(t, 0x3000 + 2 * 5), 0x0072); /* bit 14 on: format error */
	assert_int_equal(tm_exec_hex(t, "B110 2000"), PGM_TRANSLATION_SPEC);
	assert_int_equal(t->c.gpr[1], 0x12345678);
	lra_tables(t);
	t->c.cr[0] = (t->c.cr[0] & ~CR0_TF_MASK) | 0x00400000 | 0x00080000; /* segment size 01 */
	assert_int_equal(tm_exec_hex(t, "B110 2000"), PGM_TRANSLATION_SPEC);
	lra_tables(t);
	put32(tm_mem(t, 0x2008), 0x00F00000); /* segment 2's page table beyond storage */
	t->c.gpr[2] = 0x020000;
	assert_int_equal(tm_exec_hex(t, "B110 2000"), PGM_ADDRESSING);
	tm_free(t);
}

/* ---- prefix, CPU address, CPU ID ------------------------------------------- */

static void spx_stpx(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	/* a prefix area outside storage: addressing, prefix unchanged */
	put32(tm_mem(t, 0x100), 0x00FFF000);
	assert_int_equal(tm_exec_hex(t, "B210 0100"), PGM_ADDRESSING);
	assert_int_equal(t->c.prefix, 0);
	put32(tm_mem(t, 0x100), 0xFF008ABC); /* only bits 8-19 count */
	assert_int_equal(tm_exec_hex(t, "B210 0100"), 0);
	assert_int_equal(t->c.prefix, 0x8000);
	/* real 0x200 is now absolute 0x8200 */
	assert_int_equal(tm_exec_hex(t, "B211 0200"), 0);
	assert_int_equal(be32(tm_mem(t, 0x8200)), 0x00008000);
	assert_int_equal(be32(tm_mem(t, 0x0200)), 0);
	tm_free(t);
}

static void stap_stidp(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.cpuaddr = 0x0102;
	assert_int_equal(tm_exec_hex(t, "B212 0100"), 0);
	assert_int_equal(be16(tm_mem(t, 0x100)), 0x0102);
	assert_int_equal(tm_exec_hex(t, "B202 0108"), 0);
	assert_true(be64(tm_mem(t, 0x108)) == t->c.cpuid);
	tm_free(t);
}

/* ---- SIGNAL PROCESSOR ------------------------------------------------------- */

static const struct {
	const char *what;
	uint16_t cpu;
	uint8_t order;
	int cc;
	uint32_t r1; /* expected R1 (preset 0xAAAAAAAA) */
} sigp_cases[] = {
    {"sense other CPU", 1, 0x01, 3, 0xAAAAAAAA},     {"stop other CPU", 0x10, 0x05, 3, 0xAAAAAAAA},
    {"sense self", 0, 0x01, 0, 0xAAAAAAAA},          {"start self", 0, 0x04, 0, 0xAAAAAAAA},
    {"unassigned order 00", 0, 0x00, 1, 0x00000002}, {"unassigned order 0D", 0, 0x0D, 1, 0x00000002},
};

static void sigp_orders(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof sigp_cases / sizeof sigp_cases[0]; k++) {
		struct tmach *t = tm_new();
		t->c.gpr[1] = 0xAAAAAAAA;
		t->c.gpr[3] = 0xFFFF0000u | sigp_cases[k].cpu; /* bits 16-31 count */
		t->c.gpr[4] = sigp_cases[k].order;
		assert_int_equal(tm_exec_hex(t, "AE13 4000"), 0);
		if (t->c.psw.cc != sigp_cases[k].cc || t->c.gpr[1] != sigp_cases[k].r1)
			fail_msg("SIGP %s: cc %d r1 %08X", sigp_cases[k].what, t->c.psw.cc, t->c.gpr[1]);
		tm_free(t);
	}
}

static void sigp_stop_and_store_status_self(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	for (int k = 0; k < 16; k++)
		t->c.gpr[k] = 0x01010101u * (uint32_t)k;
	t->c.gpr[3] = 0;
	t->c.gpr[4] = 0x09;
	assert_int_equal(tm_exec_hex(t, "AE13 4000"), 0);
	assert_int_equal(t->c.psw.cc, 0);
	assert_int_equal(t->c.state, CPU_STOPPED);
	assert_int_equal(be32(tm_mem(t, 384 + 4 * 5)), 0x05050505);
	assert_int_equal(be32(tm_mem(t, 448)), t->c.cr[0]);
	assert_int_equal(be32(tm_mem(t, 256 + 4)) & AMASK, TM_IA + 4); /* current PSW */
	tm_free(t);
}

static void sigp_restart_self(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	const uint8_t newpsw[8] = {0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xBE, 0xEE};
	memcpy(tm_mem(t, LOC_RESTART_NEW), newpsw, 8);
	t->c.gpr[4] = 0x06;
	assert_int_equal(tm_exec_hex(t, "AE13 4000"), 0);
	assert_int_equal(be32(tm_mem(t, LOC_RESTART_OLD + 4)) & AMASK, TM_IA + 4);
	assert_int_equal(t->c.psw.ia, 0xBEEE);
	tm_free(t);
}

/* ---- MONITOR CALL, DIAGNOSE --------------------------------------------------- */

static void mc_masked_and_enabled(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.psw.flags |= PSW_P; /* MC is not privileged */
	t->c.cr[8] = 0x0000FBFF; /* every class but 5 */
	assert_int_equal(tm_exec_hex(t, "AF05 0123"), 0);
	t->c.cr[8] = 0x00000400; /* class 5 only */
	t->c.gpr[6] = 0x00FF0000;
	assert_int_equal(tm_exec_hex(t, "AF05 6123"), PGM_MONITOR);
	assert_int_equal(*tm_mem(t, LOC_MON_CLASS - 1), 0);
	assert_int_equal(*tm_mem(t, LOC_MON_CLASS), 5);
	assert_int_equal(be32(tm_mem(t, LOC_MON_CODE)), 0x00FF0123);
	/* completed: the old PSW points past MC */
	assert_int_equal(be32(tm_mem(t, LOC_PGM_OLD + 4)) & AMASK, TM_IA + 4);
	tm_free(t);
}

static int diag_calls;
static bool diag_claims_code_8(struct cpu *c, const struct insn *i)
{
	(void)c;
	diag_calls++;
	return (i->ea2 & 0xFFFF) == 8;
}

static void diag_hook(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.diagnose = diag_claims_code_8;
	diag_calls = 0;
	assert_int_equal(tm_exec_hex(t, "8312 0008"), 0);
	assert_int_equal(tm_exec_hex(t, "8312 0010"), PGM_SPECIFICATION);
	assert_int_equal(diag_calls, 2);
	tm_free(t);
}

/* ---- TEST PROTECTION ---------------------------------------------------------- */

static const struct {
	uint8_t skey; /* storage key of block 0x2800 */
	uint8_t key;  /* access key tested */
	uint32_t addr;
	bool lap;
	int cc;
} tprot_cases[] = {
    {0x50, 5, 0x2800, false, 0}, {0x50, 0, 0x2800, false, 0}, {0x50, 3, 0x2800, false, 1},
    {0x58, 3, 0x2FFF, false, 2}, {0x58, 5, 0x2FFF, false, 0}, {0x58, 0, 0x2800, false, 0},
    {0x00, 0, 0x01FF, true, 1}, /* low-address protection: store not permitted */
    {0x00, 0, 0x0200, true, 0},  {0x00, 0, 0x01FF, false, 0},
};

static void tprot_keys(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof tprot_cases / sizeof tprot_cases[0]; k++) {
		struct tmach *t = tm_new();
		t->st.keys[tprot_cases[k].addr >> 11] = tprot_cases[k].skey;
		if (tprot_cases[k].lap)
			t->c.cr[0] |= CR0_LAP;
		t->c.gpr[2] = tprot_cases[k].addr;
		t->c.gpr[3] = 0xFFFFFF0Fu | (uint32_t)tprot_cases[k].key << 4; /* bits 24-27 */
		assert_int_equal(tm_exec_hex(t, "E501 2000 3000"), 0);
		if (t->c.psw.cc != tprot_cases[k].cc)
			fail_msg("TPROT case %zu: cc %d want %d", k, t->c.psw.cc, tprot_cases[k].cc);
		assert_int_equal(t->st.keys[tprot_cases[k].addr >> 11] & (SK_R | SK_C),
		                 tprot_cases[k].skey & (SK_R | SK_C)); /* untouched */
		tm_free(t);
	}
	struct tmach *t = tm_new();
	t->c.gpr[2] = TM_MEM;
	assert_int_equal(tm_exec_hex(t, "E501 2000 0000"), PGM_ADDRESSING);
	tm_free(t);
}

static void tprot_with_dat(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	lra_tables(t);
	put16(tm_mem(t, 0x3000), 0x0000); /* page 0 -> frame 0 (interruption code) */
	t->c.psw.sysmask = SM_DAT;
	set_ec(t);
	t->st.keys[0x7000 >> 11] = 0x58; /* the frame behind virtual 0x5000 */
	t->c.gpr[3] = 0x30;
	t->c.gpr[2] = 0x5000;
	assert_int_equal(tm_exec_hex(t, "E501 2000 3000"), 0);
	assert_int_equal(t->c.psw.cc, 2);
	t->c.gpr[2] = 0x6000; /* page invalid */
	assert_int_equal(tm_exec_hex(t, "E501 2000 3000"), 0);
	assert_int_equal(t->c.psw.cc, 3);
	t->c.gpr[2] = 0x30000; /* segment invalid */
	assert_int_equal(tm_exec_hex(t, "E501 2000 3000"), 0);
	assert_int_equal(t->c.psw.cc, 3);
	t->c.gpr[2] = 0x200000; /* segment-table length */
	assert_int_equal(tm_exec_hex(t, "E501 2000 3000"), 0);
	assert_int_equal(t->c.psw.cc, 3);
	tm_free(t);
}

static void ptlb_purges(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	(void)vptr(&t->c, 0x2800, ACC_FETCH);
	(void)vptr(&t->c, 0x3000, ACC_STORE);
	assert_int_equal(tm_exec_hex(t, "B20D 0000"), 0);
	assert_null(tlb_lookup(&t->c, t->c.tlb_fetch, 0x2800));
	assert_null(tlb_lookup(&t->c, t->c.tlb_store, 0x3000));
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(handlers_present),
	    cmocka_unit_test(privileged_in_problem_state),
	    cmocka_unit_test(specification_exceptions),
	    cmocka_unit_test(ssm_sets_system_mask),
	    cmocka_unit_test(ssm_suppressed_by_cr0),
	    cmocka_unit_test(ssm_ec_invalid_bits_early_specification),
	    cmocka_unit_test(stnsm_stosm),
	    cmocka_unit_test(lpsw_loads_psw),
	    cmocka_unit_test(lpsw_invalid_ec_psw),
	    cmocka_unit_test(ssk_isk_rrb_round_trip),
	    cmocka_unit_test(storage_key_addresses_are_real),
	    cmocka_unit_test(lctl_stctl_wrap),
	    cmocka_unit_test(lctl_suppressed_on_access_exception),
	    cmocka_unit_test(lra_condition_codes),
	    cmocka_unit_test(lra_exceptions),
	    cmocka_unit_test(spx_stpx),
	    cmocka_unit_test(stap_stidp),
	    cmocka_unit_test(sigp_orders),
	    cmocka_unit_test(sigp_stop_and_store_status_self),
	    cmocka_unit_test(sigp_restart_self),
	    cmocka_unit_test(mc_masked_and_enabled),
	    cmocka_unit_test(diag_hook),
	    cmocka_unit_test(tprot_keys),
	    cmocka_unit_test(tprot_with_dat),
	    cmocka_unit_test(ptlb_purges),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
