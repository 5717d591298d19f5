/* test_s37x.c — the S/370 instruction extension (s370/insn_s37x.c).
 * R1 = 2 (pair 2,3), R2 = 4; storage operand at X'800'; the instruction at
 * X'1000', so relative targets are X'1000' + 2 * I2. */
#include "insnvec.h"

#define MAXNEG 0x80000000u
#define MAXPOS 0x7FFFFFFFu
#define NEG(x) ((uint32_t) - (x))
#define CCIN(v) .setcc = true, .ccin = (v)

/* clang-format off */
static const struct vec arith_vectors[] = {
    /* MS, MSR, MHI: low 32 bits of the product, no CC, no overflow */
    {"7120 0800", {3}, .mem = NEG(4), .x2 = NEG(12), .cc = CC_KEEP},
    {"7120 0800", {0x10000}, .mem = 0x10000, .pmask = PM_FIXOVF, .x2 = 0, .cc = CC_KEEP},
    {"B252 0024", {NEG(3), 0, 7}, .x2 = NEG(21), .cc = CC_KEEP},
    {"B252 0022", {0x10001}, .x2 = 0x00020001, .cc = CC_KEEP},
    {"A72C FFFE", {3}, .x2 = NEG(6), .cc = CC_KEEP},
    {"A72C 4000", {0x20000}, .pmask = PM_FIXOVF, .x2 = MAXNEG, .cc = CC_KEEP},
    /* LHI */
    {"A728 FFFF", {5}, .x2 = 0xFFFFFFFF, .cc = CC_KEEP},
    {"A728 7FFF", {5}, .x2 = 0x7FFF, .cc = CC_KEEP},
    /* AHI */
    {"A72A 0001", {5}, .x2 = 6, .cc = 2},
    {"A72A 0001", {NEG(1)}, .x2 = 0, .cc = 0},
    {"A72A FFFF", {0}, .x2 = NEG(1), .cc = 1},
    {"A72A 0001", {MAXPOS}, .x2 = MAXNEG, .cc = 3},
    {"A72A FFFF", {MAXNEG}, .pmask = PM_FIXOVF, .x2 = MAXPOS, .cc = 3, .pgm = PGM_FIXED_OVERFLOW},
    /* CHI */
    {"A72E 0005", {5}, .x2 = 5, .cc = 0},
    {"A72E 0005", {4}, .x2 = 4, .cc = 1},
    {"A72E 0005", {6}, .x2 = 6, .cc = 2},
    {"A72E FFFF", {0}, .x2 = 0, .cc = 2},
    {"A72E 8000", {NEG(40000)}, .x2 = NEG(40000), .cc = 1},
    /* TMH, TML: CC 2 when mixed and the leftmost selected bit is one */
    {"A720 8001", {0x8001FFFF}, .x2 = 0x8001FFFF, .cc = 3},
    {"A720 C000", {0x8001FFFF}, .x2 = 0x8001FFFF, .cc = 2},
    {"A720 4001", {0x8001FFFF}, .x2 = 0x8001FFFF, .cc = 1},
    {"A720 7FFE", {0x8001FFFF}, .x2 = 0x8001FFFF, .cc = 0},
    {"A720 0000", {0xFFFFFFFF}, .x2 = 0xFFFFFFFF, .cc = 0},
    {"A721 0003", {0xFFFF0001}, .x2 = 0xFFFF0001, .cc = 1},
    {"A721 0003", {0xFFFF0002}, .x2 = 0xFFFF0002, .cc = 2},
    {"A721 FFFF", {0x0000FFFF}, .x2 = 0x0000FFFF, .cc = 3},
    {"A721 FFFF", {0xFFFF0000}, .x2 = 0xFFFF0000, .cc = 0},
    /* LARL: 24-bit address, bits 0-7 zero */
    {"C020 0000 0010", {0xFFFFFFFF}, .x2 = 0x1020, .cc = CC_KEEP},
    {"C020 FFFF F800", {0xFFFFFFFF}, .x2 = 0, .cc = CC_KEEP},
    {"C020 FFFF F7FF", {0}, .x2 = 0xFFFFFE, .cc = CC_KEEP},
    {"C020 7FFF FFFF", {0}, .x2 = 0xFFE, .cc = CC_KEEP},
};
/* clang-format on */

/* clang-format off */
static const struct vec logical_vectors[] = {
    /* MLR 2,4: GPR 3 * GPR 4 unsigned -> 2,3 */
    {"B996 0024", {0, 0xFFFFFFFF, 0xFFFFFFFF}, .x2 = 0xFFFFFFFE, .x3 = 1, .cc = CC_KEEP},
    {"B996 0024", {7, 6, 7}, .x2 = 0, .x3 = 42, .cc = CC_KEEP},
    {"B996 0034", {1, 2, 3}, .x2 = 1, .x3 = 2, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* DLR 2,4 */
    {"B997 0024", {0, 100, 7}, .x2 = 2, .x3 = 14, .cc = CC_KEEP},
    {"B997 0024", {1, 0, 2}, .x2 = 0, .x3 = MAXNEG, .cc = CC_KEEP},
    {"B997 0024", {1, 5, 0xFFFFFFFF}, .x2 = 6, .x3 = 1, .cc = CC_KEEP},
    {"B997 0024", {0, 7, 0}, .x2 = 0, .x3 = 7, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"B997 0024", {2, 0, 2}, .x2 = 2, .x3 = 0, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"B997 0034", {0, 100, 7}, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    /* ALCR 2,4: carry in from CC 2, 3 */
    {"B998 0024", {1, 0, 1}, .x2 = 2, .cc = 1, CCIN(0)},
    {"B998 0024", {1, 0, 1}, .x2 = 3, .cc = 1, CCIN(2)},
    {"B998 0024", {0, 0, 0}, .x2 = 0, .cc = 0, CCIN(1)},
    {"B998 0024", {0xFFFFFFFF, 0, 0}, .x2 = 0, .cc = 2, CCIN(3)},
    {"B998 0024", {0xFFFFFFFF, 0, 1}, .x2 = 0, .cc = 2, CCIN(1)},
    {"B998 0024", {0xFFFFFFFF, 0, 0xFFFFFFFF}, .x2 = 0xFFFFFFFF, .cc = 3, CCIN(2)},
    /* SLBR 2,4: borrow in from CC 0, 1 */
    {"B999 0024", {5, 0, 3}, .x2 = 2, .cc = 3, CCIN(2)},
    {"B999 0024", {5, 0, 3}, .x2 = 1, .cc = 3, CCIN(1)},
    {"B999 0024", {3, 0, 3}, .x2 = 0, .cc = 2, CCIN(3)},
    {"B999 0024", {3, 0, 3}, .x2 = 0xFFFFFFFF, .cc = 1, CCIN(0)},
    {"B999 0024", {0, 0, 0xFFFFFFFF}, .x2 = 0, .cc = 0, CCIN(0)},
    /* ML, DL, ALC, SLB 2,X'800' [RXE]: the same with the fullword at X'800' */
    {"E320 0800 0096", {0, 0xFFFFFFFF}, .mem = 0xFFFFFFFF, .x2 = 0xFFFFFFFE, .x3 = 1, .cc = CC_KEEP},
    {"E320 0800 0097", {0, 100}, .mem = 7, .x2 = 2, .x3 = 14, .cc = CC_KEEP},
    {"E320 0800 0097", {0, 100}, .mem = 0, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_FIXED_DIVIDE},
    {"E330 0800 0097", {0, 100}, .mem = 7, .x2 = 0, .x3 = 100, .cc = CC_KEEP, .pgm = PGM_SPECIFICATION},
    {"E320 0800 0098", {1}, .mem = 1, .x2 = 3, .cc = 1, CCIN(2)},
    {"E320 0800 0098", {0xFFFFFFFF}, .mem = 1, .x2 = 0, .cc = 2, CCIN(0)},
    {"E320 0800 0099", {5}, .mem = 3, .x2 = 1, .cc = 3, CCIN(1)},
    {"E320 0800 0099", {3}, .mem = 3, .x2 = 0, .cc = 2, CCIN(2)},
    /* RLL 2,4,n [RSE]: GPR 4 rotated left by n mod 32, the CC kept */
    {"EB24 0004 001D", {0, 0, 0x12345678}, .x2 = 0x23456781, .cc = CC_KEEP, CCIN(1)},
    {"EB24 0024 001D", {0, 0, 0x80000001}, .x2 = 0x00000018, .cc = CC_KEEP},
    {"EB24 0000 001D", {7, 0, 0xCAFE}, .x2 = 0xCAFE, .cc = CC_KEEP},
    /* IPM 2: bits 0-1 zero, 2-3 CC, 4-7 program mask, 8-31 unchanged */
    {"B222 0020", {0xFFFFFFFF}, .pmask = 0x5, .x2 = 0x25FFFFFF, .cc = CC_KEEP, CCIN(2)},
    {"B222 0020", {0x00123456}, .pmask = 0xF, .x2 = 0x3F123456, .cc = CC_KEEP, CCIN(3)},
};
/* clang-format on */

static void arithmetic_and_immediates(void **state)
{
	(void)state;
	VEC_RUN(arith_vectors);
}
static void logical_and_carry(void **state)
{
	(void)state;
	VEC_RUN(logical_vectors);
}

/* clang-format off */
static const struct bvec branch_vectors[] = {
    /* BRC */
    {"A7F4 0010", {0}, 0, .ia = 0x1020},
    {"A784 0010", {0}, 0, .ia = 0x1020},
    {"A784 0010", {0}, 1, .ia = 0x1004},
    {"A714 0010", {0}, 3, .ia = 0x1020},
    {"A704 0010", {0}, 0, .ia = 0x1004},
    {"A7F4 FFF0", {0}, 2, .ia = 0xFE0},
    {"A7F4 8000", {0}, 2, .ia = 0xFF1000}, /* wraps at 24 bits */
    /* BRAS: 24-bit link, high byte zero */
    {"A725 0010", {0xFFFFFFFF}, 3, 0xF, .ia = 0x1020, .x2 = 0x1004},
    /* BRCT */
    {"A726 0010", {2}, 0, .ia = 0x1020, .x2 = 1},
    {"A726 0010", {1}, 0, .ia = 0x1004, .x2 = 0},
    /* BRXH, BRXLE 2,4 */
    {"8424 0010", {10, 0, 1, 10}, 0, .ia = 0x1020, .x2 = 11},
    {"8424 0010", {9, 0, 1, 10}, 0, .ia = 0x1004, .x2 = 10},
    {"8524 0010", {9, 0, 1, 10}, 0, .ia = 0x1020, .x2 = 10},
    {"8524 0010", {10, 0, 1, 10}, 0, .ia = 0x1004, .x2 = 11},
    /* BRCL, BRASL */
    {"C0F4 0000 0010", {0}, 1, .ia = 0x1020},
    {"C084 0000 0010", {0}, 1, .ia = 0x1006},
    {"C0F4 0080 0000", {0}, 1, .ia = 0x1000},
    {"C0F4 FFFF F800", {0}, 1, .ia = 0},
    {"C025 0000 0010", {0xFF000000}, 2, .ia = 0x1020, .x2 = 0x1006},
};
/* clang-format on */

static void relative_branches(void **state)
{
	(void)state;
	BVEC_RUN(branch_vectors);
}

/* With S37X off every extension opcode is an operation exception and
 * nothing changes. */
static void s37x_off(void **state)
{
	(void)state;
	static const char *const ops[] = {"A72A 0001", "A725 0010",      "B996 0024",     "B255 0024",
	                                  "C020 0000 0010", "7120 0800", "8424 0010", "E320 0800 0097",
	                                  "EB24 0004 001D"};
	struct tmach *t = tm_new();
	t->c.s37x = false;
	for (size_t k = 0; k < sizeof ops / sizeof ops[0]; k++) {
		t->c.gpr[2] = 5;
		assert_int_equal(tm_exec_hex(t, ops[k]), PGM_OPERATION);
		assert_int_equal(t->c.gpr[2], 5);
	}
	tm_free(t);
}

static void put_str(struct tmach *t, uint32_t a, const char *s)
{
	memcpy(tm_mem(t, a), s, strlen(s) + 1);
}

/* MVST 2,4: GPR 4 source, GPR 2 destination, GPR 0 ending character. */
static void move_string(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	put_str(t, 0x900, "HELLO");
	t->c.gpr[2] = 0xFF000A00;
	t->c.gpr[4] = 0x900;
	assert_int_equal(tm_exec_hex(t, "B255 0024"), 0);
	assert_int_equal(t->c.psw.cc, 1);
	assert_string_equal((char *)tm_mem(t, 0xA00), "HELLO");
	assert_int_equal(t->c.gpr[2], 0xA05);
	assert_int_equal(t->c.gpr[4], 0x900);
	/* A 300-byte string: the first execution stops after 256 with CC 3. */
	memset(tm_mem(t, 0x2000), 'x', 300);
	*tm_mem(t, 0x2000 + 300) = '$';
	t->c.gpr[0] = '$';
	t->c.gpr[2] = 0x3000;
	t->c.gpr[4] = 0x2000;
	assert_int_equal(tm_exec_hex(t, "B255 0024"), 0);
	assert_int_equal(t->c.psw.cc, 3);
	assert_int_equal(t->c.gpr[2], 0x3100);
	assert_int_equal(t->c.gpr[4], 0x2100);
	assert_int_equal(tm_exec_hex(t, "B255 0024"), 0);
	assert_int_equal(t->c.psw.cc, 1);
	assert_int_equal(t->c.gpr[2], 0x3000 + 300);
	assert_int_equal(t->c.gpr[4], 0x2100);
	assert_memory_equal(tm_mem(t, 0x3000), tm_mem(t, 0x2000), 301);
	/* GPR 0 bits 0-23 must be zero. */
	t->c.gpr[0] = 0x100;
	t->c.gpr[2] = 0x4000;
	assert_int_equal(tm_exec_hex(t, "B255 0024"), PGM_SPECIFICATION);
	assert_int_equal(t->c.gpr[2], 0x4000);
	assert_int_equal(*tm_mem(t, 0x4000), 0);
	tm_free(t);
}

struct clst_case {
	const char *a, *b;
	int cc;
	uint32_t off; /* offset of the unequal bytes (CC 1, 2) */
};

/* CLST 2,4: the ending character is lower than any other byte. */
static void compare_string(void **state)
{
	(void)state;
	static const struct clst_case cases[] = {
	    {"ABC", "ABC", 0, 0}, {"ABC", "ABD", 1, 2}, {"ABD", "ABC", 2, 2},   {"AB", "ABC", 1, 2},
	    {"ABC", "AB", 2, 2},  {"", "", 0, 0},       {"\x80", "\x01", 2, 0}, {"A\x01", "A\x80", 1, 1},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tmach *t = tm_new();
		put_str(t, 0x900, cases[k].a);
		put_str(t, 0xA00, cases[k].b);
		t->c.gpr[2] = 0x900;
		t->c.gpr[4] = 0xA00;
		assert_int_equal(tm_exec_hex(t, "B25D 0024"), 0);
		assert_int_equal(t->c.psw.cc, cases[k].cc);
		assert_int_equal(t->c.gpr[2], 0x900 + cases[k].off);
		assert_int_equal(t->c.gpr[4], 0xA00 + cases[k].off);
		tm_free(t);
	}
	struct tmach *t = tm_new();
	memset(tm_mem(t, 0x2000), 'q', 300);
	memset(tm_mem(t, 0x3000), 'q', 300);
	t->c.gpr[2] = 0x2000;
	t->c.gpr[4] = 0x3000;
	assert_int_equal(tm_exec_hex(t, "B25D 0024"), 0);
	assert_int_equal(t->c.psw.cc, 3);
	assert_int_equal(t->c.gpr[2], 0x2100);
	assert_int_equal(t->c.gpr[4], 0x3100);
	t->c.gpr[0] = 'q'; /* both end at once: equal */
	assert_int_equal(tm_exec_hex(t, "B25D 0024"), 0);
	assert_int_equal(t->c.psw.cc, 0);
	t->c.gpr[0] = 0xFFFFFF00;
	assert_int_equal(tm_exec_hex(t, "B25D 0024"), PGM_SPECIFICATION);
	tm_free(t);
}

/* SRST 2,4: search from GPR 4 up to (not including) the address in GPR 2. */
static void search_string(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	put_str(t, 0x900, "abcXdef");
	t->c.gpr[0] = 'X';
	t->c.gpr[2] = 0x907;
	t->c.gpr[4] = 0x900;
	assert_int_equal(tm_exec_hex(t, "B25E 0024"), 0);
	assert_int_equal(t->c.psw.cc, 1);
	assert_int_equal(t->c.gpr[2], 0x903);
	assert_int_equal(t->c.gpr[4], 0x900);
	t->c.gpr[2] = 0x903; /* the end comes first */
	assert_int_equal(tm_exec_hex(t, "B25E 0024"), 0);
	assert_int_equal(t->c.psw.cc, 2);
	assert_int_equal(t->c.gpr[2], 0x903);
	assert_int_equal(t->c.gpr[4], 0x900);
	t->c.gpr[2] = 0x900; /* empty operand */
	assert_int_equal(tm_exec_hex(t, "B25E 0024"), 0);
	assert_int_equal(t->c.psw.cc, 2);
	t->c.gpr[2] = 0x2000; /* more than 256 bytes to search: CC 3 */
	t->c.gpr[4] = 0x1100;
	assert_int_equal(tm_exec_hex(t, "B25E 0024"), 0);
	assert_int_equal(t->c.psw.cc, 3);
	assert_int_equal(t->c.gpr[2], 0x2000);
	assert_int_equal(t->c.gpr[4], 0x1200);
	t->c.gpr[0] = 0x80000058;
	assert_int_equal(tm_exec_hex(t, "B25E 0024"), PGM_SPECIFICATION);
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(arithmetic_and_immediates),
	    cmocka_unit_test(logical_and_carry),
	    cmocka_unit_test(relative_branches),
	    cmocka_unit_test(s37x_off),
	    cmocka_unit_test(move_string),
	    cmocka_unit_test(compare_string),
	    cmocka_unit_test(search_string),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
