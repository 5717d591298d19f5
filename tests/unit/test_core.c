/* test_core.c — PSW formats, DAT translation, keys and the interruption mechanism. */
#include "testcpu.h"

static void psw_bc_roundtrip(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	const uint8_t in[8] = {0xFF, 0x35, 0x12, 0x34, 0xB7, 0x01, 0x23, 0x45};
	assert_true(cpu_psw_load(&t->c, in));
	assert_int_equal(t->c.psw.key, 3);
	assert_int_equal(t->c.psw.cc, 3);
	assert_int_equal(t->c.psw.pmask, 7);
	assert_int_equal(t->c.psw.ilc, 4);
	assert_int_equal(t->c.psw.ia, 0x012345);
	uint8_t out[8];
	cpu_psw_store(&t->c, out);
	assert_memory_equal(in, out, 8);
	tm_free(t);
}

static void psw_ec_invalid_bits(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	const uint8_t good[8] = {0x07, 0x0C, 0x2F, 0x00, 0x00, 0x01, 0x00, 0x00};
	assert_true(cpu_psw_load(&t->c, good));
	assert_int_equal(t->c.psw.cc, 2);
	assert_true(cpu_dat_on(&t->c));
	const uint8_t bad[8] = {0x07, 0x0C, 0x00, 0x01, 0x00, 0x01, 0x00, 0x00};
	assert_false(cpu_psw_load(&t->c, bad));
	tm_free(t);
}

static void unassigned_opcode_is_operation_exception(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	assert_int_equal(tm_exec_hex(t, "0000"), PGM_OPERATION);
	/* old PSW: BC mode, ILC 1 (2 bytes), IA past the instruction */
	uint8_t *old = tm_mem(t, LOC_PGM_OLD);
	assert_int_equal(old[4] >> 6, 1);
	assert_int_equal(be32(old + 4) & AMASK, TM_IA + 2);
	tm_free(t);
}

/* GA22-7000 "ILC on Instruction Fetch Exceptions": an exception in fetching
 * the instruction stores ILC 1, 2 or 3 (never 0) and the PSW advanced by that
 * many halfwords; s370 chooses 1.  A branch to an odd address
 * (specification) and a branch beyond storage (addressing). */
static void instruction_fetch_exception_ilc(void **state)
{
	(void)state;
	static const struct {
		uint32_t target;
		int code;
	} v[] = {{0x3001, PGM_SPECIFICATION}, {0x20000, PGM_ADDRESSING}};
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		struct tmach *t = tm_new();
		t->c.gpr[5] = v[k].target;
		assert_int_equal(tm_exec_hex(t, "07F5"), 0); /* BR 5 */
		assert_int_equal(tm_run(t, 1), v[k].code);
		uint8_t *old = tm_mem(t, LOC_PGM_OLD);
		assert_int_equal(old[4] >> 6, 1);                         /* ILC 1 halfword */
		assert_int_equal(be32(old + 4) & AMASK, v[k].target + 2); /* advanced by it */
		assert_int_equal(be16(old + 2), v[k].code);
		tm_free(t);
	}
}

static void s37x_off_is_operation_exception(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.s37x = false;
	assert_int_equal(tm_exec_hex(t, "A718 0005"), PGM_OPERATION); /* LHI */
	tm_free(t);
}

/* Build DAT tables: 64K segments, 4K pages; map virtual page vp -> real frame rf. */
static void dat_setup(struct tmach *t, uint32_t cr0_format)
{
	t->c.cr[0] = (t->c.cr[0] & ~CR0_TF_MASK) | cr0_format;
	t->c.cr[1] = 0x00002000; /* STL 0 (16 entries), STO 0x2000 */
	for (int s = 0; s < 16; s++)
		put32(tm_mem(t, 0x2000 + 4 * (uint32_t)s), 1); /* invalid */
	put32(tm_mem(t, 0x2000), 0xF0003000); /* seg 0: PTL 15, PTO 0x3000 */
	for (int p = 0; p < 32; p++)
		put16(tm_mem(t, 0x3000 + 2 * (uint32_t)p), 0x0008); /* invalid */
}

static void dat_translates_and_faults(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	dat_setup(t, 0x00800000); /* bits 8-9 = 10 (4K), bits 11-12 = 00 (64K) */
	put16(tm_mem(t, 0x3000 + 2 * 5), 0x0070); /* page 5 -> frame 0x7000 */
	uint32_t ra = 0;
	assert_int_equal(dat_translate(&t->c, 0x5123, &ra, false), 0);
	assert_int_equal(ra, 0x7123);
	assert_int_equal(dat_translate(&t->c, 0x6000, &ra, false), PGM_PAGE_TRANSLATION);
	assert_int_equal(dat_translate(&t->c, 0x10000, &ra, false), PGM_SEGMENT_TRANSLATION);
	put16(tm_mem(t, 0x3000 + 2 * 6), 0x0082); /* bit 14 set: format error */
	assert_int_equal(dat_translate(&t->c, 0x6000, &ra, false), PGM_TRANSLATION_SPEC);
	t->c.cr[0] = (t->c.cr[0] & ~CR0_TF_MASK) | 0x00C00000; /* page size 11: invalid */
	assert_int_equal(dat_translate(&t->c, 0x5000, &ra, false), PGM_TRANSLATION_SPEC);
	tm_free(t);
}

static void key_protection(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->st.keys[0x8000 >> 11] = 0x50 | SK_F; /* key 5, fetch-protected */
	t->c.psw.key = 3;
	cpu_update_ctx(&t->c);
	/* ST 1,0(0,2) with R2 -> 0x8000: protection exception */
	t->c.gpr[2] = 0x8000;
	assert_int_equal(tm_exec_hex(t, "5010 2000"), PGM_PROTECTION);
	t->c.psw.key = 5;
	cpu_update_ctx(&t->c);
	t->c.gpr[1] = 0xCAFEBABE;
	assert_int_equal(tm_exec_hex(t, "5010 2000"), 0);
	assert_int_equal(be32(tm_mem(t, 0x8000)), 0xCAFEBABE);
	assert_true(t->st.keys[0x8000 >> 11] & SK_C);
	tm_free(t);
}

/* A TLB purge is a generation step; after 512 of them the generation wraps
 * and the arrays are cleared, so an old entry can never match again. */
static void tlb_purge_generations(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	(void)vptr(&t->c, 0x4000, ACC_FETCH);
	assert_non_null(tlb_lookup(&t->c, t->c.tlb_fetch, 0x4000));
	for (int k = 0; k < 1100; k++) {
		cpu_purge_tlb(&t->c);
		assert_null(tlb_lookup(&t->c, t->c.tlb_fetch, 0x4000));
	}
	(void)vptr(&t->c, 0x4000, ACC_FETCH);
	assert_non_null(tlb_lookup(&t->c, t->c.tlb_fetch, 0x4000));
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(psw_bc_roundtrip),
	    cmocka_unit_test(psw_ec_invalid_bits),
	    cmocka_unit_test(unassigned_opcode_is_operation_exception),
	    cmocka_unit_test(s37x_off_is_operation_exception),
	    cmocka_unit_test(dat_translates_and_faults),
	    cmocka_unit_test(key_protection),
	    cmocka_unit_test(tlb_purge_generations),
	    cmocka_unit_test(instruction_fetch_exception_ilc),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
