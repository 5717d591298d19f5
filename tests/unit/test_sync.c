/* test_sync.c — TS, CS, CDS. */
#include "sstest.h"

op_fn op_ts;
op_fn *const sync_link_anchors[] = {op_ts};

struct tscase {
	uint8_t before;
	int cc;
};

/* TS 0x800: CC from the leftmost bit, byte set to all ones. */
static void test_and_set(void **state)
{
	(void)state;
	static const struct tscase v[] = {{0x00, 0}, {0x7F, 0}, {0x80, 1}, {0xFF, 1}};
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		struct tmach *t = tm_new();
		*tm_mem(t, 0x800) = v[k].before;
		assert_int_equal(st_exec(t, "9300 0800", st_other_cc(v[k].cc)), 0);
		assert_int_equal(t->c.psw.cc, v[k].cc);
		assert_int_equal(*tm_mem(t, 0x800), 0xFF);
		assert_int_equal(*tm_mem(t, 0x801), 0x00);
		tm_free(t);
	}
}

/* One CS or CDS with GR2-5 and the doubleword at 0x800 preset. */
struct cscase {
	const char *name;
	const char *insn;
	uint32_t g[4];
	const char *mem;
	uint32_t x[4];
	const char *xmem;
	int cc;
	int pgm;
};

// clang-format off
static const struct cscase cs[] = {
    {"CS equal", "BA23 0800", {5, 9, 0, 0}, "00000005 EEEEEEEE", {5, 9, 0, 0}, "00000009 EEEEEEEE", 0, 0},
    {"CS unequal", "BA23 0800", {5, 9, 0, 0}, "00000007 EEEEEEEE", {7, 9, 0, 0}, "00000007 EEEEEEEE", 1, 0},
    {"CS R1 = R3", "BA22 0804", {0xEEEEEEEE, 0, 0, 0}, "00000000 EEEEEEEE", {0xEEEEEEEE, 0, 0, 0},
     "00000000 EEEEEEEE", 0, 0},
    {"CS unaligned", "BA23 0802", {5, 9, 0, 0}, "00000005 EEEEEEEE", {5, 9, 0, 0}, "00000005 EEEEEEEE", 2,
     PGM_SPECIFICATION},
    {"CDS equal", "BB24 0800", {1, 2, 3, 4}, "00000001 00000002", {1, 2, 3, 4}, "00000003 00000004", 0, 0},
    {"CDS unequal in the odd word", "BB24 0800", {1, 2, 3, 4}, "00000001 00000005", {1, 5, 3, 4},
     "00000001 00000005", 1, 0},
    {"CDS odd R1", "BB34 0800", {1, 2, 3, 4}, "00000002 00000003", {1, 2, 3, 4}, "00000002 00000003", 2,
     PGM_SPECIFICATION},
    {"CDS odd R3", "BB25 0800", {1, 2, 3, 4}, "00000001 00000002", {1, 2, 3, 4}, "00000001 00000002", 2,
     PGM_SPECIFICATION},
    {"CDS word aligned only", "BB24 0804", {1, 2, 3, 4}, "00000001 00000002", {1, 2, 3, 4},
     "00000001 00000002", 2, PGM_SPECIFICATION},
};
// clang-format on

static void compare_and_swap(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cs / sizeof cs[0]; k++) {
		const struct cscase *v = &cs[k];
		struct tmach *t = tm_new();
		for (int r = 0; r < 4; r++)
			t->c.gpr[2 + r] = v->g[r];
		st_put(t, 0x800, v->mem);
		int pgm = st_exec(t, v->insn, v->pgm ? 2 : st_other_cc(v->cc));
		if (pgm != v->pgm)
			fail_msg("%s: program interruption %02X, expected %02X", v->name, pgm, v->pgm);
		if (st_cc(t, pgm) != v->cc)
			fail_msg("%s: CC %d, expected %d", v->name, st_cc(t, pgm), v->cc);
		for (int r = 0; r < 4; r++)
			if (t->c.gpr[2 + r] != v->x[r])
				fail_msg("%s: GR%d = %08X, expected %08X", v->name, 2 + r, t->c.gpr[2 + r],
				         v->x[r]);
		st_expect(t, 0x800, v->xmem, v->name);
		tm_free(t);
	}
}

/* The operand is accessed for store even when the comparison fails. */
static void cs_needs_store_access(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x2000, 0x50); /* key 5, not fetch-protected */
	st_put(t, 0x2000, "00000007");
	t->c.gpr[2] = 5;
	t->c.gpr[6] = 0x2000;
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "BA23 6000", 0), PGM_PROTECTION); /* unequal */
	assert_int_equal(t->c.gpr[2], 5);
	t->c.gpr[2] = 7;
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "BA23 6000", 0), PGM_PROTECTION); /* equal */
	st_expect(t, 0x2000, "00000007", "CS protected");
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "9300 6000", 0), PGM_PROTECTION); /* TS */
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "BB24 6000", 0), PGM_PROTECTION); /* CDS */
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_and_set),
	    cmocka_unit_test(compare_and_swap),
	    cmocka_unit_test(cs_needs_store_access),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
