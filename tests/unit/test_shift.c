/* test_shift.c — shift instructions (s370/insn_shift.c).
 * R1 = 2 (pair 2,3); the amount is the low six bits of D2(B2). */
#include "insnvec.h"

/* clang-format off */
static const struct vec single_vectors[] = {
    /* SRL, SLL: no CC */
    {"8820 0004", {0x80000010}, .x2 = 0x08000001, .cc = CC_KEEP},
    {"8820 0020", {0xFFFFFFFF}, .x2 = 0, .cc = CC_KEEP},
    {"8820 003F", {0xFFFFFFFF}, .x2 = 0, .cc = CC_KEEP},
    {"8820 0040", {0xFFFFFFFF}, .x2 = 0xFFFFFFFF, .cc = CC_KEEP}, /* 64 -> amount 0 */
    {"8920 0004", {0x80000011}, .x2 = 0x00000110, .cc = CC_KEEP},
    {"8920 4000", {0x80000011, 0, 0xFFFFFF04}, .x2 = 0x00000110, .cc = CC_KEEP},
    {"8920 001F", {3}, .x2 = 0x80000000, .cc = CC_KEEP},
    {"8920 0020", {3}, .x2 = 0, .cc = CC_KEEP},
    /* SRA: CC 0/1/2 */
    {"8A20 0004", {0x80000010}, .x2 = 0xF8000001, .cc = 1},
    {"8A20 0004", {0x10}, .x2 = 1, .cc = 2},
    {"8A20 0004", {0x0F}, .x2 = 0, .cc = 0},
    {"8A20 003F", {0x80000000}, .x2 = 0xFFFFFFFF, .cc = 1},
    {"8A20 0028", {0x7FFFFFFF}, .x2 = 0, .cc = 0},
    /* SLA: numeric bits only, sign kept; overflow when a bit unlike the sign leaves */
    {"8B20 0004", {1}, .x2 = 16, .cc = 2},
    {"8B20 0004", {0xFFFFFFFF}, .x2 = 0xFFFFFFF0, .cc = 1},
    {"8B20 0004", {0}, .x2 = 0, .cc = 0},
    {"8B20 0001", {0xC0000000}, .x2 = 0x80000000, .cc = 1},
    {"8B20 001E", {1}, .x2 = 0x40000000, .cc = 2},
    {"8B20 0028", {0xFFFFFFFF}, .x2 = 0x80000000, .cc = 3}, /* zeros reach bit 1 after 31 places */
    {"8B20 0004", {0x08000000}, .x2 = 0, .cc = 3},
    {"8B20 0001", {0x40000000}, .x2 = 0, .cc = 3},
    {"8B20 0001", {0x80000001}, .x2 = 0x80000002, .cc = 3},
    {"8B20 001F", {1}, .x2 = 0, .cc = 3},
    {"8B20 0030", {1}, .x2 = 0, .cc = 3},
    {"8B20 0001", {0x80000001}, .pmask = PM_FIXOVF, .x2 = 0x80000002, .cc = 3,
     .pgm = PGM_FIXED_OVERFLOW},
    {"8B20 0004", {1}, .pmask = PM_FIXOVF, .x2 = 16, .cc = 2},
};
/* clang-format on */

/* clang-format off */
static const struct vec double_vectors[] = {
    /* SRDL, SLDL */
    {"8C20 0004", {0x12345678, 0x9ABCDEF0}, .x2 = 0x01234567, .x3 = 0x89ABCDEF, .cc = CC_KEEP},
    {"8C20 0024", {0x12345678, 0x9ABCDEF0}, .x2 = 0, .x3 = 0x01234567, .cc = CC_KEEP},
    {"8C30 0004", {0x12345678, 0x9ABCDEF0}, .x2 = 0x12345678, .x3 = 0x9ABCDEF0, .cc = CC_KEEP,
     .pgm = PGM_SPECIFICATION},
    {"8D20 0008", {0x12345678, 0x9ABCDEF0}, .x2 = 0x3456789A, .x3 = 0xBCDEF000, .cc = CC_KEEP},
    {"8D20 003F", {0, 1}, .x2 = 0x80000000, .x3 = 0, .cc = CC_KEEP},
    {"8D30 0008", {1, 2}, .x2 = 1, .x3 = 2, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* SRDA */
    {"8E20 0004", {0x80000000, 0}, .x2 = 0xF8000000, .x3 = 0, .cc = 1},
    {"8E20 0004", {0, 0x10}, .x2 = 0, .x3 = 1, .cc = 2},
    {"8E20 0004", {0, 0x0F}, .x2 = 0, .x3 = 0, .cc = 0},
    {"8E20 003F", {0x80000000, 0}, .x2 = 0xFFFFFFFF, .x3 = 0xFFFFFFFF, .cc = 1},
    {"8E20 0020", {0x00000001, 0}, .x2 = 0, .x3 = 1, .cc = 2},
    {"8E30 0004", {1, 2}, .x2 = 1, .x3 = 2, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* SLDA */
    {"8F20 0004", {0, 1}, .x2 = 0, .x3 = 0x10, .cc = 2},
    {"8F20 0004", {0xFFFFFFFF, 0xFFFFFFFF}, .x2 = 0xFFFFFFFF, .x3 = 0xFFFFFFF0, .cc = 1},
    {"8F20 0004", {0, 0}, .x2 = 0, .x3 = 0, .cc = 0},
    {"8F20 0020", {0, 0x40000000}, .x2 = 0x40000000, .x3 = 0, .cc = 2},
    {"8F20 0020", {0, 0x80000000}, .x2 = 0, .x3 = 0, .cc = 3},
    {"8F20 0004", {0x08000000, 0}, .x2 = 0, .x3 = 0, .cc = 3},
    {"8F20 0001", {0x80000000, 1}, .x2 = 0x80000000, .x3 = 2, .cc = 3},
    {"8F20 0001", {0x80000000, 1}, .pmask = PM_FIXOVF, .x2 = 0x80000000, .x3 = 2, .cc = 3,
     .pgm = PGM_FIXED_OVERFLOW},
    {"8F30 0004", {1, 2}, .x2 = 1, .x3 = 2, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
};
/* clang-format on */

static void single_shifts(void **state)
{
	(void)state;
	VEC_RUN(single_vectors);
}
static void double_shifts(void **state)
{
	(void)state;
	VEC_RUN(double_vectors);
}

/* SLDA moves the numeric bits across the register pair; spelled out here
 * with its operands and results rather than through a vector table. */
static void slda_across_the_pair(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.gpr[2] = 0x00000001;
	t->c.gpr[3] = 0x80000000;
	assert_int_equal(tm_exec_hex(t, "8F20 0004"), 0); /* SLDA 2,4 */
	assert_int_equal(t->c.gpr[2], 0x00000018);
	assert_int_equal(t->c.gpr[3], 0x00000000);
	assert_int_equal(t->c.psw.cc, 2);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(single_shifts),
	    cmocka_unit_test(double_shifts),
	    cmocka_unit_test(slda_across_the_pair),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
