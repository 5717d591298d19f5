/* test_long.c — MVCL and CLCL. */
#include "sstest.h"

op_fn op_mvcl;
op_fn *const long_link_anchors[] = {op_mvcl};

/* Registers 2-5 before and after one MVCL 2,4 (0E24) or CLCL 2,4 (0F24). */
struct longcase {
	const char *name;
	const char *insn;
	uint32_t g[4];
	uint32_t x[4];
	int cc;
	int pgm;
};

static void run_long(const struct longcase *v, size_t n, void (*setup)(struct tmach *),
                     void (*check)(struct tmach *, const struct longcase *))
{
	for (size_t k = 0; k < n; k++, v++) {
		struct tmach *t = tm_new();
		if (setup)
			setup(t);
		for (int r = 0; r < 4; r++)
			t->c.gpr[2 + r] = v->g[r];
		int pgm = st_exec(t, v->insn, st_other_cc(v->cc));
		if (pgm != v->pgm)
			fail_msg("%s: program interruption %02X, expected %02X", v->name, pgm, v->pgm);
		if (!pgm && st_cc(t, pgm) != v->cc)
			fail_msg("%s: CC %d, expected %d", v->name, st_cc(t, pgm), v->cc);
		for (int r = 0; r < 4; r++)
			if (t->c.gpr[2 + r] != v->x[r])
				fail_msg("%s: GR%d = %08X, expected %08X", v->name, 2 + r, t->c.gpr[2 + r],
				         v->x[r]);
		if (check)
			check(t, v);
		tm_free(t);
	}
}

/* Source at 0x800: 00 01 02 ... FF, twice; destination area 0x900 cleared to EE. */
static void mvcl_setup(struct tmach *t)
{
	for (uint32_t k = 0; k < 0x200; k++)
		*tm_mem(t, 0x800 + k) = (uint8_t)k;
	st_fill(t, 0xA00, 0xEE, 0x100);
}

// clang-format off
static const struct longcase mvcl[] = {
    {"equal lengths", "0E24", {0xFF000A00, 8, 0xFF000800, 8}, {0x000A08, 8 - 8, 0x000808, 0}, 0, 0},
    {"pad", "0E24", {0xA00, 8, 0x800, 0x40000003}, {0xA08, 0, 0x803, 0x40000000}, 2, 0},
    {"first shorter", "0E24", {0xA00, 2, 0x800, 5}, {0xA02, 0, 0x802, 3}, 1, 0},
    {"first length zero", "0E24", {0xFFFFF0, 0, 0x800, 5}, {0xFFFFF0, 0, 0x800, 5}, 1, 0},
    {"destructive overlap", "0E24", {0x801, 8, 0x800, 8}, {0x801, 8, 0x800, 8}, 3, 0},
    {"overlap wrapping at 16M", "0E24", {0x000001, 4, 0xFFFFFE, 4}, {1, 4, 0xFFFFFE, 4}, 3, 0},
    {"overlap but second length 1", "0E24", {0x801, 8, 0x800, 0x5C000001}, {0x809, 0, 0x801, 0x5C000000},
     2, 0},
    {"first to the left", "0E24", {0x800, 8, 0x801, 8}, {0x808, 0, 0x809, 0}, 0, 0},
    {"odd R1", "0E34", {0, 0, 0, 0}, {0, 0, 0, 0}, 0, PGM_SPECIFICATION},
    {"odd R2", "0E25", {0, 0, 0, 0}, {0, 0, 0, 0}, 0, PGM_SPECIFICATION},
};
// clang-format on

static void mvcl_check(struct tmach *t, const struct longcase *v)
{
	if (!strcmp(v->name, "equal lengths"))
		st_expect(t, 0xA00, "0001020304050607 EE", v->name);
	else if (!strcmp(v->name, "pad"))
		st_expect(t, 0xA00, "000102 4040404040 EE", v->name);
	else if (!strcmp(v->name, "first shorter"))
		st_expect(t, 0xA00, "0001 EE", v->name);
	else if (!strcmp(v->name, "destructive overlap"))
		st_expect(t, 0x800, "0001020304050607", v->name);
	else if (!strcmp(v->name, "overlap but second length 1"))
		st_expect(t, 0x800, "00 00 5C5C5C5C5C5C5C 09", v->name);
	else if (!strcmp(v->name, "first to the left"))
		st_expect(t, 0x800, "0102030405060708 08", v->name);
}

static void mvcl_cases(void **state)
{
	(void)state;
	run_long(mvcl, sizeof mvcl / sizeof mvcl[0], mvcl_setup, mvcl_check);
}

/* A long move over several blocks, with the pad finishing it. */
static void mvcl_many_blocks(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	for (uint32_t k = 0; k < 0x3000; k++)
		*tm_mem(t, 0x8123 + k) = (uint8_t)(k * 7);
	t->c.gpr[2] = 0x2001;
	t->c.gpr[3] = 0x4000;
	t->c.gpr[4] = 0x8123;
	t->c.gpr[5] = 0x00003000;
	assert_int_equal(st_exec(t, "0E24", 3), 0);
	assert_int_equal(t->c.psw.cc, 2);
	for (uint32_t k = 0; k < 0x3000; k++)
		if (*tm_mem(t, 0x2001 + k) != (uint8_t)(k * 7))
			fail_msg("byte %X", k);
	for (uint32_t k = 0x3000; k < 0x4000; k++)
		assert_int_equal(*tm_mem(t, 0x2001 + k), 0);
	assert_int_equal(t->c.gpr[2], 0x6001);
	assert_int_equal(t->c.gpr[3], 0);
	assert_int_equal(t->c.gpr[4], 0xB123);
	assert_int_equal(t->c.gpr[5], 0);
	assert_int_equal(t->c.psw.ia, TM_IA + 2);
	tm_free(t);
}

/* Protection met after some units: the registers describe what is left, and
 * the old PSW, as after any suppression or termination, points past the MVCL
 * (GA22-7000 chapter 5: only the translation exceptions nullify).  A program
 * that backs up by the ILC and re-executes it finishes the move. */
static void mvcl_interrupted_and_resumed(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x3000, 0x30);
	st_key(t, 0x3800, 0x50);
	st_psw_key(t, 3);
	st_fill(t, 0x8000, 0xA5, 0x1000);
	t->c.gpr[2] = 0x3000;
	t->c.gpr[3] = 0x1000;
	t->c.gpr[4] = 0x8000;
	t->c.gpr[5] = 0x1000;
	assert_int_equal(st_exec(t, "0E24", 0), PGM_PROTECTION);
	assert_int_equal(st_old_ia(t), TM_IA + 2);
	assert_int_equal(tm_mem(t, LOC_PGM_OLD)[4] >> 6, 1); /* ILC: one halfword */
	assert_int_equal(t->c.gpr[2], 0x3800);
	assert_int_equal(t->c.gpr[3], 0x0800);
	assert_int_equal(t->c.gpr[4], 0x8800);
	assert_int_equal(t->c.gpr[5], 0x0800);
	assert_int_equal(*tm_mem(t, 0x37FF), 0xA5);
	assert_int_equal(*tm_mem(t, 0x3800), 0x00);
	/* The program fixes the key and re-executes the MVCL. */
	st_key(t, 0x3800, 0x30);
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "0E24", 3), 0);
	assert_int_equal(t->c.psw.cc, 0);
	assert_int_equal(*tm_mem(t, 0x3FFF), 0xA5);
	assert_int_equal(t->c.gpr[2], 0x4000);
	assert_int_equal(t->c.gpr[3], 0);
	assert_int_equal(t->c.psw.ia, TM_IA + 2);
	tm_free(t);
}

/* An exception in the very first unit: nothing moved, registers unchanged,
 * the old PSW past the instruction (suppression). */
static void mvcl_protection_first_unit(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x3000, 0x50);
	st_psw_key(t, 3);
	t->c.gpr[2] = 0x3000;
	t->c.gpr[3] = 0x10;
	t->c.gpr[4] = 0x800;
	t->c.gpr[5] = 0x10;
	assert_int_equal(st_exec(t, "0E24", 0), PGM_PROTECTION);
	assert_int_equal(st_old_ia(t), TM_IA + 2);
	assert_int_equal(t->c.gpr[2], 0x3000);
	assert_int_equal(t->c.gpr[3], 0x10);
	tm_free(t);
}

/* DAT on, 4K pages, 64K segments; virtual pages 0-15 map to the same real
 * frames except page 5, which is invalid. */
static void dat_identity_but_page5(struct tmach *t)
{
	t->c.cr[0] = (t->c.cr[0] & ~CR0_TF_MASK) | 0x00800000u;
	t->c.cr[1] = 0x00002000u; /* STL 0, STO 0x2000 */
	put32(tm_mem(t, 0x2000), 0xF0003000u);
	for (uint32_t p = 0; p < 16; p++)
		put16(tm_mem(t, 0x3000 + 2 * p), p == 5 ? 0x0008 : (uint16_t)(p << 4));
}

static void dat_on(struct tmach *t)
{
	t->c.psw.flags |= PSW_EC;
	t->c.psw.sysmask = SM_DAT;
	cpu_update_ctx(&t->c);
	cpu_purge_tlb(&t->c);
}

/* A page-translation exception after the first unit nullifies the unit:
 * the registers show the 2K already moved and the old PSW points at MVCL. */
static void mvcl_page_fault_midway(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	dat_identity_but_page5(t);
	st_fill(t, 0x8000, 0x3C, 0x1000);
	t->c.gpr[2] = 0x4800;
	t->c.gpr[3] = 0x1000;
	t->c.gpr[4] = 0x8000;
	t->c.gpr[5] = 0x1000;
	dat_on(t);
	assert_int_equal(st_exec(t, "0E24", 0), PGM_PAGE_TRANSLATION);
	assert_int_equal(st_old_ia(t), TM_IA);
	assert_int_equal(be32(tm_mem(t, LOC_TEA)) & AMASK, 0x5000);
	assert_int_equal(t->c.gpr[2], 0x5000);
	assert_int_equal(t->c.gpr[3], 0x0800);
	assert_int_equal(t->c.gpr[4], 0x8800);
	assert_int_equal(t->c.gpr[5], 0x0800);
	assert_int_equal(*tm_mem(t, 0x4FFF), 0x3C);
	/* The pager brings page 5 in (at frame 0xC000) and the MVCL resumes. */
	put16(tm_mem(t, 0x3000 + 2 * 5), 0x00C0);
	dat_on(t);
	assert_int_equal(st_exec(t, "0E24", 3), 0);
	assert_int_equal(t->c.psw.cc, 0);
	assert_int_equal(*tm_mem(t, 0xC000), 0x3C);
	assert_int_equal(*tm_mem(t, 0xC7FF), 0x3C);
	assert_int_equal(*tm_mem(t, 0xC800), 0x00);
	assert_int_equal(t->c.gpr[2], 0x5800);
	assert_int_equal(t->c.gpr[5], 0);
	tm_free(t);
}

static void clcl_setup(struct tmach *t)
{
	st_put(t, 0x800, "C1C2C3 4040");
	st_put(t, 0x900, "C1C2C3 40 41");
}

// clang-format off
static const struct longcase clcl[] = {
    {"equal, pad extends the second", "0F24", {0x800, 5, 0x900, 0x40000003}, {0x805, 0, 0x903, 0x40000000}, 0,
     0},
    {"both lengths zero", "0F24", {0xFF000800, 0, 0xFF000900, 0}, {0x800, 0, 0x900, 0}, 0, 0},
    {"first low at byte 4", "0F24", {0x800, 5, 0x900, 5}, {0x804, 1, 0x904, 1}, 1, 0},
    {"first high against the pad", "0F24", {0x800, 5, 0x900, 0x00000004}, {0x804, 1, 0x904, 0}, 2, 0},
    {"first exhausted, zero pad low", "0F24", {0x800, 3, 0x900, 0x00000004}, {0x803, 0, 0x903, 1}, 1, 0},
    {"first exhausted, pad 39 low", "0F24", {0x800, 3, 0x900, 0x39000004}, {0x803, 0, 0x903, 0x39000001},
     1, 0},
    {"first exhausted, pad 41 high", "0F24", {0x800, 3, 0x900, 0x41000004}, {0x803, 0, 0x903, 0x41000001},
     2, 0},
    {"odd R1", "0F34", {0, 0, 0, 0}, {0, 0, 0, 0}, 0, PGM_SPECIFICATION},
};
// clang-format on

static void clcl_cases(void **state)
{
	(void)state;
	run_long(clcl, sizeof clcl / sizeof clcl[0], clcl_setup, NULL);
}

/* A long compare across blocks that differs near the end. */
static void clcl_long_unequal(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_fill(t, 0x2000, 0x77, 0x2000);
	st_fill(t, 0x6000, 0x77, 0x2000);
	*tm_mem(t, 0x6000 + 0x1ABC) = 0x78;
	t->c.gpr[2] = 0x2000;
	t->c.gpr[3] = 0x2000;
	t->c.gpr[4] = 0x6000;
	t->c.gpr[5] = 0x2000;
	assert_int_equal(st_exec(t, "0F24", 0), 0);
	assert_int_equal(t->c.psw.cc, 1);
	assert_int_equal(t->c.gpr[2], 0x3ABC);
	assert_int_equal(t->c.gpr[3], 0x2000 - 0x1ABC);
	assert_int_equal(t->c.gpr[4], 0x7ABC);
	assert_int_equal(t->c.gpr[5], 0x2000 - 0x1ABC);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mvcl_cases),
	    cmocka_unit_test(mvcl_many_blocks),
	    cmocka_unit_test(mvcl_interrupted_and_resumed),
	    cmocka_unit_test(mvcl_protection_first_unit),
	    cmocka_unit_test(mvcl_page_fault_midway),
	    cmocka_unit_test(clcl_cases),
	    cmocka_unit_test(clcl_long_unequal),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
