/* test_decimal.c — PACK UNPK MVO CVB CVD. */
#include "sstest.h"

op_fn op_pack;
op_fn *const decimal_link_anchors[] = {op_pack};

/* m1 at 0x800 and m2 at 0x900 before; x at 0x800 after. */
struct fmtcase {
	const char *name;
	const char *insn;
	const char *m1, *m2, *x;
};

// clang-format off
static const struct fmtcase fmt[] = {
    {"PACK 5 zoned into 3", "F224 0800 0900", "FFFFFF", "F1F2F3F4C5", "12345C"},
    {"PACK zeros on the left", "F232 0800 0900", "FFFFFFFF", "F1F2D3", "0000123D"},
    {"PACK digits lost on the left", "F213 0800 0900", "FFFF", "F1F2F3F4", "234F"},
    {"PACK does not check codes", "F211 0800 0900", "FFFF", "ABCD", "0BDC"},
    {"PACK in place", "F233 0800 0800", "F1F2F3C4", "", "0001234C"},
    {"UNPK 3 into 5", "F342 0800 0900", "FFFFFFFFFF", "01234C", "F0F1F2F3C4"},
    {"UNPK zones F0 on the left", "F361 0800 0900", "FFFFFFFFFFFFFF", "123D", "F0F0F0F0F1F2D3"},
    {"UNPK truncates", "F312 0800 0900", "FFFF", "01234C", "F3C4"},
    {"MVO", "F132 0800 0900", "7788990C", "123456", "0123456C"},
    {"MVO truncates", "F112 0800 0900", "770D", "123456", "456D"},
    {"MVO zero fill", "F130 0800 0900", "FFFFFF0F", "12", "0000012F"},
};
// clang-format on

static void pack_unpk_mvo(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof fmt / sizeof fmt[0]; k++) {
		const struct fmtcase *v = &fmt[k];
		struct tmach *t = tm_new();
		st_put(t, 0x800, v->m1);
		st_put(t, 0x900, v->m2);
		assert_int_equal(st_exec(t, v->insn, 2), 0);
		st_expect(t, 0x800, v->x, v->name);
		assert_int_equal(t->c.psw.cc, 2);
		tm_free(t);
	}
}

/* PACK with the fields overlapping one byte apart, processed right to left
 * with each result byte stored as soon as its operand bytes are fetched. */
static void pack_overlap(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_put(t, 0x800, "F1F2F3F4F5");
	/* PACK 0x800(3),0x800(5): 0x802 = swap(F5) = 5F; 0x801 from 0x803 (F4)
	 * and 0x802 (now 5F) = F4; 0x800 from 0x801 (now F4) and 0x800 (F1) = 14. */
	assert_int_equal(st_exec(t, "F224 0800 0800", 0), 0);
	st_expect(t, 0x800, "14F45F F4F5", "PACK overlapped");
	tm_free(t);
}

struct cvbcase {
	const char *name;
	const char *packed;
	uint32_t r1;
	int pgm;
};

// clang-format off
static const struct cvbcase cvb[] = {
    {"zero", "000000000000000C", 0, 0},
    {"positive", "000000000012345C", 12345, 0},
    {"negative", "000000000012345D", (uint32_t)-12345, 0},
    {"plus sign F", "000000000000099F", 99, 0},
    {"minus sign B", "000000000000001B", 0xFFFFFFFF, 0},
    {"largest", "000002147483647C", 0x7FFFFFFF, 0},
    {"most negative", "000002147483648D", 0x80000000, 0},
    {"too large: completed, low 32 bits", "000002147483648C", 0x80000000, PGM_FIXED_DIVIDE},
    {"too large negative", "000004294967297D", 0xFFFFFFFF, PGM_FIXED_DIVIDE},
    {"invalid digit", "00000000000A123C", 0x5A5A5A5A, PGM_DATA},
    {"invalid sign", "0000000000001234", 0x5A5A5A5A, PGM_DATA},
};
// clang-format on

static void cvb_cases(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cvb / sizeof cvb[0]; k++) {
		struct tmach *t = tm_new();
		st_put(t, 0x800, cvb[k].packed);
		t->c.gpr[3] = 0x5A5A5A5A;
		int pgm = st_exec(t, "4F30 0800", 1);
		if (pgm != cvb[k].pgm || t->c.gpr[3] != cvb[k].r1)
			fail_msg("CVB %s: pgm %02X R3 %08X", cvb[k].name, pgm, t->c.gpr[3]);
		assert_int_equal(st_cc(t, pgm), 1);
		tm_free(t);
	}
}

static void cvb_fixed_divide_is_completion(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_put(t, 0x800, "000000009999999C");
	assert_int_equal(st_exec(t, "4F30 0800", 0), 0);
	assert_int_equal(t->c.gpr[3], 9999999);
	st_put(t, 0x800, "999999999999999C");
	assert_int_equal(st_exec(t, "4F30 0800", 0), PGM_FIXED_DIVIDE);
	assert_int_equal(t->c.gpr[3], (uint32_t)999999999999999ull);
	assert_int_equal(st_old_ia(t), TM_IA + 4);
	tm_free(t);
}

struct cvdcase {
	uint32_t r1;
	const char *packed;
};

static void cvd_cases(void **state)
{
	(void)state;
	// clang-format off
	static const struct cvdcase v[] = {
	    {0, "000000000000000C"},
	    {12345, "000000000012345C"},
	    {(uint32_t)-1, "000000000000001D"},
	    {0x7FFFFFFF, "000002147483647C"},
	    {0x80000000, "000002147483648D"},
	};
	// clang-format on
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		struct tmach *t = tm_new();
		st_fill(t, 0x800, 0xEE, 9);
		t->c.gpr[3] = v[k].r1;
		assert_int_equal(st_exec(t, "4E30 0800", 2), 0);
		st_expect(t, 0x800, v[k].packed, "CVD");
		assert_int_equal(*tm_mem(t, 0x808), 0xEE);
		tm_free(t);
	}
}

static void cvd_protection(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x2000, 0x50);
	st_psw_key(t, 3);
	t->c.gpr[3] = 5;
	t->c.gpr[6] = 0x2000;
	assert_int_equal(st_exec(t, "4E30 6000", 0), PGM_PROTECTION);
	st_expect(t, 0x2000, "0000000000000000", "CVD protected");
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(pack_unpk_mvo), cmocka_unit_test(pack_overlap),
	    cmocka_unit_test(cvb_cases),     cmocka_unit_test(cvb_fixed_divide_is_completion),
	    cmocka_unit_test(cvd_cases),     cmocka_unit_test(cvd_protection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
