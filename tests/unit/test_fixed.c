/* test_fixed.c — fixed-point instructions (s370/insn_fixed.c).
 * Register operands: R1 = 2 (pair 2,3), R2 = 4; storage operand at X'800'. */
#include "insnvec.h"

#define MAXNEG 0x80000000u
#define MAXPOS 0x7FFFFFFFu
#define NEG(x) ((uint32_t) - (x))

/* clang-format off */
static const struct vec load_vectors[] = {
    /* LPR */
    {"1024", {0, 0, 5}, .x2 = 5, .cc = 2},
    {"1024", {0, 0, NEG(5)}, .x2 = 5, .cc = 2},
    {"1024", {9, 0, 0}, .x2 = 0, .cc = 0},
    {"1024", {0, 0, MAXNEG}, .x2 = MAXNEG, .cc = 3},
    {"1024", {0, 0, MAXNEG}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 3, .pgm = PGM_FIXED_OVERFLOW},
    /* LNR */
    {"1124", {0, 0, 5}, .x2 = NEG(5), .cc = 1},
    {"1124", {0, 0, NEG(5)}, .x2 = NEG(5), .cc = 1},
    {"1124", {9, 0, 0}, .x2 = 0, .cc = 0},
    {"1124", {0, 0, MAXNEG}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 1},
    /* LTR */
    {"1224", {9, 0, 0}, .x2 = 0, .cc = 0},
    {"1224", {0, 0, NEG(1)}, .x2 = NEG(1), .cc = 1},
    {"1224", {0, 0, 7}, .x2 = 7, .cc = 2},
    {"1222", {NEG(3)}, .x2 = NEG(3), .cc = 1},
    /* LCR */
    {"1324", {0, 0, 5}, .x2 = NEG(5), .cc = 1},
    {"1324", {0, 0, NEG(5)}, .x2 = 5, .cc = 2},
    {"1324", {9, 0, 0}, .x2 = 0, .cc = 0},
    {"1324", {0, 0, MAXNEG}, .x2 = MAXNEG, .cc = 3},
    {"1324", {0, 0, MAXNEG}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 3, .pgm = PGM_FIXED_OVERFLOW},
    /* LR */
    {"1824", {1, 0, 0xDEADBEEF}, .x2 = 0xDEADBEEF, .cc = CC_KEEP},
};
/* clang-format on */

/* clang-format off */
static const struct vec add_sub_vectors[] = {
    /* CR */
    {"1924", {1, 0, 1}, .x2 = 1, .cc = 0},
    {"1924", {NEG(1), 0, 1}, .x2 = NEG(1), .cc = 1},
    {"1924", {1, 0, NEG(1)}, .x2 = 1, .cc = 2},
    /* AR */
    {"1A24", {5, 0, 7}, .x2 = 12, .cc = 2},
    {"1A24", {5, 0, NEG(5)}, .x2 = 0, .cc = 0},
    {"1A24", {NEG(7), 0, 2}, .x2 = NEG(5), .cc = 1},
    {"1A24", {MAXPOS, 0, 1}, .x2 = MAXNEG, .cc = 3},
    {"1A24", {MAXNEG, 0, MAXNEG}, .x2 = 0, .cc = 3},
    {"1A24", {MAXPOS, 0, 1}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 3, .pgm = PGM_FIXED_OVERFLOW},
    /* SR */
    {"1B24", {5, 0, 7}, .x2 = NEG(2), .cc = 1},
    {"1B24", {7, 0, 7}, .x2 = 0, .cc = 0},
    {"1B24", {7, 0, 5}, .x2 = 2, .cc = 2},
    {"1B24", {MAXNEG, 0, 1}, .x2 = MAXPOS, .cc = 3},
    {"1B24", {0, 0, MAXNEG}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 3, .pgm = PGM_FIXED_OVERFLOW},
    /* ALR: CC 0 zero no carry, 1 nonzero no carry, 2 zero carry, 3 nonzero carry */
    {"1E24", {0, 0, 0}, .x2 = 0, .cc = 0},
    {"1E24", {1, 0, 1}, .x2 = 2, .cc = 1},
    {"1E24", {NEG(1), 0, 1}, .x2 = 0, .cc = 2},
    {"1E24", {NEG(1), 0, 2}, .x2 = 1, .cc = 3},
    {"1E24", {MAXPOS, 0, 1}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 1},
    /* SLR: CC 1 nonzero borrow, 2 zero no borrow, 3 nonzero no borrow */
    {"1F24", {3, 0, 5}, .x2 = NEG(2), .cc = 1},
    {"1F24", {3, 0, 3}, .x2 = 0, .cc = 2},
    {"1F24", {0, 0, 0}, .x2 = 0, .cc = 2},
    {"1F24", {5, 0, 3}, .x2 = 2, .cc = 3},
};
/* clang-format on */

/* clang-format off */
static const struct vec muldiv_vectors[] = {
    /* MR 2,4: GPR 3 * GPR 4 -> 2,3 */
    {"1C24", {0, 6, 7}, .x2 = 0, .x3 = 42, .cc = CC_KEEP},
    {"1C24", {0, NEG(2), 3}, .x2 = 0xFFFFFFFF, .x3 = NEG(6), .cc = CC_KEEP},
    {"1C24", {0, MAXNEG, MAXNEG}, .x2 = 0x40000000, .x3 = 0, .cc = CC_KEEP},
    {"1C34", {1, 2, 3}, .x2 = 1, .x3 = 2, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* DR 2,4: remainder -> 2, quotient -> 3 */
    {"1D24", {0, 100, 7}, .x2 = 2, .x3 = 14, .cc = CC_KEEP},
    {"1D24", {0xFFFFFFFF, NEG(100), 7}, .x2 = NEG(2), .x3 = NEG(14), .cc = CC_KEEP},
    {"1D24", {0, 100, NEG(7)}, .x2 = 2, .x3 = NEG(14), .cc = CC_KEEP},
    {"1D24", {0xFFFFFFFF, MAXNEG, 1}, .x2 = 0, .x3 = MAXNEG, .cc = CC_KEEP},
    {"1D24", {0, 100, 0}, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"1D24", {0, MAXNEG, 1}, .x2 = 0, .x3 = MAXNEG, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"1D24", {1, 0, 2}, .x2 = 1, .x3 = 0, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"1D24", {MAXNEG, 0, NEG(1)}, .x2 = MAXNEG, .x3 = 0, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"1D34", {0, 100, 7}, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* M 2,X'800' */
    {"5C20 0800", {0, NEG(3)}, .mem = MAXPOS, .x2 = 0xFFFFFFFE, .x3 = 0x80000003, .cc = CC_KEEP},
    {"5C30 0800", {0, 3}, .mem = 2, .x2 = 0, .x3 = 3, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* D 2,X'800' */
    {"5D20 0800", {0, 100}, .mem = NEG(7), .x2 = 2, .x3 = NEG(14), .cc = CC_KEEP},
    {"5D20 0800", {0, 100}, .mem = 0, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"5D30 0800", {0, 100}, .mem = 7, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* MH 2,X'800': low 32 bits, no overflow indication */
    {"4C20 0800", {3}, .mem = 0xFFFE0000, .x2 = NEG(6), .cc = CC_KEEP},
    {"4C20 0800", {0x00020000}, .mem = 0x40000000, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = CC_KEEP},
    {"4C20 0800", {0x00040000}, .mem = 0x40000000, .pmask = PM_FIXOVF, .x2 = 0, .cc = CC_KEEP},
};
/* clang-format on */

/* clang-format off */
static const struct vec rx_vectors[] = {
    /* LH, CH, AH, SH: halfword at X'800' sign-extended */
    {"4820 0800", {1}, .mem = 0x8001FFFF, .x2 = 0xFFFF8001, .cc = CC_KEEP},
    {"4820 0800", {1}, .mem = 0x7FFF0000, .x2 = 0x7FFF, .cc = CC_KEEP},
    {"4920 0800", {0xFFFF8001}, .mem = 0x80010000, .x2 = 0xFFFF8001, .cc = 0},
    {"4920 0800", {NEG(40000)}, .mem = 0x80010000, .x2 = NEG(40000), .cc = 1},
    {"4920 0800", {0}, .mem = 0x80010000, .x2 = 0, .cc = 2},
    {"4A20 0800", {5}, .mem = 0xFFFF0000, .x2 = 4, .cc = 2},
    {"4A20 0800", {1}, .mem = 0xFFFF0000, .x2 = 0, .cc = 0},
    {"4A20 0800", {1}, .mem = 0xFFFE0000, .x2 = NEG(1), .cc = 1},
    {"4A20 0800", {MAXPOS}, .mem = 0x00010000, .x2 = MAXNEG, .cc = 3},
    {"4A20 0800", {MAXPOS}, .mem = 0x00010000, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 3,
     .pgm = PGM_FIXED_OVERFLOW},
    {"4B20 0800", {5}, .mem = 0xFFFE0000, .x2 = 7, .cc = 2},
    {"4B20 0800", {5}, .mem = 0x00050000, .x2 = 0, .cc = 0},
    {"4B20 0800", {5}, .mem = 0x00060000, .x2 = NEG(1), .cc = 1},
    {"4B20 0800", {MAXNEG}, .mem = 0x00010000, .x2 = MAXPOS, .cc = 3},
    /* L, C, A, S, AL, SL */
    {"5820 0800", {1}, .mem = 0xCAFEBABE, .x2 = 0xCAFEBABE, .cc = CC_KEEP},
    {"5920 0800", {5}, .mem = 5, .x2 = 5, .cc = 0},
    {"5920 0800", {NEG(5)}, .mem = 5, .x2 = NEG(5), .cc = 1},
    {"5920 0800", {5}, .mem = NEG(5), .x2 = 5, .cc = 2},
    {"5A20 0800", {5}, .mem = 7, .x2 = 12, .cc = 2},
    {"5A20 0800", {5}, .mem = NEG(5), .x2 = 0, .cc = 0},
    {"5A20 0800", {5}, .mem = NEG(7), .x2 = NEG(2), .cc = 1},
    {"5A20 0800", {MAXNEG}, .mem = NEG(1), .x2 = MAXPOS, .cc = 3},
    {"5A20 0800", {MAXNEG}, .mem = NEG(1), .pmask = PM_FIXOVF, .x2 = MAXPOS, .cc = 3,
     .pgm = PGM_FIXED_OVERFLOW},
    {"5B20 0800", {5}, .mem = 7, .x2 = NEG(2), .cc = 1},
    {"5B20 0800", {5}, .mem = 5, .x2 = 0, .cc = 0},
    {"5B20 0800", {7}, .mem = 5, .x2 = 2, .cc = 2},
    {"5B20 0800", {MAXPOS}, .mem = NEG(1), .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = 3,
     .pgm = PGM_FIXED_OVERFLOW},
    {"5E20 0800", {0}, .mem = 0, .x2 = 0, .cc = 0},
    {"5E20 0800", {1}, .mem = 2, .x2 = 3, .cc = 1},
    {"5E20 0800", {MAXNEG}, .mem = MAXNEG, .x2 = 0, .cc = 2},
    {"5E20 0800", {0xFFFFFFFF}, .mem = 0xFFFFFFFF, .x2 = 0xFFFFFFFE, .cc = 3},
    {"5F20 0800", {1}, .mem = 2, .x2 = 0xFFFFFFFF, .cc = 1},
    {"5F20 0800", {2}, .mem = 2, .x2 = 0, .cc = 2},
    {"5F20 0800", {MAXNEG}, .mem = 1, .x2 = MAXPOS, .cc = 3},
    /* Operand outside the 64K of storage: addressing exception, R1 unchanged */
    {"5A24 0000", {5, 0, 0x20000}, .x2 = 5, .cc = CC_KEEP, .pgm = PGM_ADDRESSING},
};
/* clang-format on */

/* clang-format off */
static const struct vec store_vectors[] = {
    {"5020 0800", {0x12345678}, .mem = 0xFFFFFFFF, .x2 = 0x12345678, .cc = CC_KEEP, .chkmem = true,
     .memx = 0x12345678},
    {"4020 0800", {0xAABBCCDD}, .mem = 0x11223344, .x2 = 0xAABBCCDD, .cc = CC_KEEP, .chkmem = true,
     .memx = 0xCCDD3344},
    {"4220 0801", {0xAABBCC99}, .mem = 0x11223344, .x2 = 0xAABBCC99, .cc = CC_KEEP, .chkmem = true,
     .memx = 0x11993344},
    {"4320 0802", {0x11223344}, .mem = 0x00ABCD00, .x2 = 0x112233CD, .cc = CC_KEEP},
    /* LA: 24-bit address, bits 0-7 zero; index and base added with wrap */
    {"4120 4010", {1, 0, 0xFF123456}, .x2 = 0x123466, .cc = CC_KEEP},
    {"4124 5000", {1, 0, 0x00FFFFFF, 1}, .x2 = 0, .cc = CC_KEEP},
    {"4120 0FFF", {0xFFFFFFFF}, .x2 = 0xFFF, .cc = CC_KEEP},
};
/* clang-format on */

/* clang-format off */
static const struct vec mask_vectors[] = {
    /* ICM 2,M,X'800' */
    {"BF2A 0800", {0x11223344}, .mem = 0x8122FFFF, .x2 = 0x81222244, .cc = 1},
    {"BF2F 0800", {0x11223344}, .mem = 0, .x2 = 0, .cc = 0},
    {"BF23 0800", {0x11223344}, .mem = 0x0102FFFF, .x2 = 0x11220102, .cc = 2},
    {"BF21 0800", {0x11223344}, .mem = 0x80000000, .x2 = 0x11223380, .cc = 1},
    {"BF20 4000", {0x11223344, 0, 0x100000}, .x2 = 0x11223344, .cc = 0}, /* mask 0: no access */
    {"BF21 4000", {0x11223344, 0, 0x100000}, .x2 = 0x11223344, .cc = CC_KEEP, .pgm = PGM_ADDRESSING},
    /* STCM 2,M,X'800' */
    {"BE25 0800", {0x11223344}, .mem = 0xAAAAAAAA, .x2 = 0x11223344, .cc = CC_KEEP, .chkmem = true,
     .memx = 0x2244AAAA},
    {"BE2F 0800", {0x11223344}, .mem = 0, .x2 = 0x11223344, .cc = CC_KEEP, .chkmem = true,
     .memx = 0x11223344},
    {"BE20 0800", {0x11223344}, .mem = 0xAAAAAAAA, .x2 = 0x11223344, .cc = CC_KEEP, .chkmem = true,
     .memx = 0xAAAAAAAA},
    /* CLM 2,M,X'800' */
    {"BD29 0800", {0x11223344}, .mem = 0x1144FFFF, .x2 = 0x11223344, .cc = 0},
    {"BD29 0800", {0x11223344}, .mem = 0x1145FFFF, .x2 = 0x11223344, .cc = 1},
    {"BD29 0800", {0x11223344}, .mem = 0x1043FFFF, .x2 = 0x11223344, .cc = 2},
    {"BD20 4000", {0x11223344, 0, 0x100000}, .x2 = 0x11223344, .cc = 0},
};
/* clang-format on */

static void load_and_test(void **state)
{
	(void)state;
	VEC_RUN(load_vectors);
}
static void add_subtract_compare(void **state)
{
	(void)state;
	VEC_RUN(add_sub_vectors);
}
static void multiply_divide(void **state)
{
	(void)state;
	VEC_RUN(muldiv_vectors);
}
static void rx_operands(void **state)
{
	(void)state;
	VEC_RUN(rx_vectors);
}
static void store_la_ic(void **state)
{
	(void)state;
	VEC_RUN(store_vectors);
}
static void characters_under_mask(void **state)
{
	(void)state;
	VEC_RUN(mask_vectors);
}

/* LM/STM register ranges wrap from 15 to 0. */
static void load_store_multiple(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	for (uint32_t k = 0; k < 16; k++)
		put32(tm_mem(t, VEC_MEM + 4 * k), 0x1000 + k);
	assert_int_equal(tm_exec_hex(t, "98E1 0800"), 0); /* LM 14,1 */
	assert_int_equal(t->c.gpr[14], 0x1000);
	assert_int_equal(t->c.gpr[15], 0x1001);
	assert_int_equal(t->c.gpr[0], 0x1002);
	assert_int_equal(t->c.gpr[1], 0x1003);
	assert_int_equal(t->c.gpr[2], 0);
	for (uint32_t k = 0; k < 16; k++)
		t->c.gpr[k] = 0xA0 + k;
	assert_int_equal(tm_exec_hex(t, "90F1 0900"), 0); /* STM 15,1,X'900' */
	assert_int_equal(be32(tm_mem(t, 0x900)), 0xAF);
	assert_int_equal(be32(tm_mem(t, 0x904)), 0xA0);
	assert_int_equal(be32(tm_mem(t, 0x908)), 0xA1);
	assert_int_equal(be32(tm_mem(t, 0x90C)), 0);
	assert_int_equal(tm_exec_hex(t, "9822 0800"), 0); /* LM 2,2: one register */
	assert_int_equal(t->c.gpr[2], 0x1000);
	tm_free(t);
}

/* An operand running off the end of storage: nothing changes. */
static void multiple_is_all_or_nothing(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	for (uint32_t k = 0; k < 16; k++)
		t->c.gpr[k] = 0x50 + k;
	t->c.gpr[6] = TM_MEM - 8;
	memset(tm_mem(t, TM_MEM - 8), 0xEE, 8);
	assert_int_equal(tm_exec_hex(t, "9825 6000"), PGM_ADDRESSING); /* LM 2,5,0(6) */
	for (int r = 2; r <= 5; r++)
		assert_int_equal(t->c.gpr[r], 0x50 + (uint32_t)r);
	assert_int_equal(tm_exec_hex(t, "9025 6000"), PGM_ADDRESSING); /* STM 2,5,0(6) */
	for (uint32_t k = 0; k < 8; k++)
		assert_int_equal(*tm_mem(t, TM_MEM - 8 + k), 0xEE);
	/* ST, STH and STCM straddling the end of storage store nothing. */
	t->c.gpr[6] = TM_MEM - 2;
	assert_int_equal(tm_exec_hex(t, "5020 6000"), PGM_ADDRESSING);
	assert_int_equal(tm_exec_hex(t, "BE2F 6000"), PGM_ADDRESSING);
	t->c.gpr[6] = TM_MEM - 1;
	assert_int_equal(tm_exec_hex(t, "4020 6000"), PGM_ADDRESSING);
	for (uint32_t k = 0; k < 8; k++)
		assert_int_equal(*tm_mem(t, TM_MEM - 8 + k), 0xEE);
	/* Protected second block: key 5 at X'2800', PSW key 3 owns X'2000'. */
	t->st.keys[0x2000 >> 11] = 0x30;
	t->st.keys[0x2800 >> 11] = 0x50;
	t->c.psw.key = 3;
	cpu_update_ctx(&t->c);
	t->c.gpr[6] = 0x27F8;
	memset(tm_mem(t, 0x27F8), 0xEE, 8);
	assert_int_equal(tm_exec_hex(t, "9025 6000"), PGM_PROTECTION);
	for (uint32_t k = 0; k < 8; k++)
		assert_int_equal(*tm_mem(t, 0x27F8 + k), 0xEE);
	tm_free(t);
}

/* SPM: R1 bits 2-3 -> CC, 4-7 -> program mask. */
static void set_program_mask(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	t->c.gpr[2] = 0xEB123456; /* 11 10 1011: CC 2, mask B */
	assert_int_equal(tm_exec_hex(t, "0420"), 0);
	assert_int_equal(t->c.psw.cc, 2);
	assert_int_equal(t->c.psw.pmask, 0xB);
	assert_int_equal(t->c.gpr[2], 0xEB123456);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(load_and_test),       cmocka_unit_test(add_subtract_compare),
	    cmocka_unit_test(multiply_divide),     cmocka_unit_test(rx_operands),
	    cmocka_unit_test(store_la_ic),         cmocka_unit_test(characters_under_mask),
	    cmocka_unit_test(load_store_multiple), cmocka_unit_test(multiple_is_all_or_nothing),
	    cmocka_unit_test(set_program_mask),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
