/* test_packed.c — AP SP ZAP CP MP DP SRP. */
#include "sstest.h"

op_fn op_ap;
op_fn *const packed_link_anchors[] = {op_ap};

#define KEEP (-1) /* CC unchanged: preset 2, expected 2 */
#define OVF PM_DECOVF

/* m1 at 0x800 and m2 at 0x900, program mask pm; after: x at 0x800, CC cc
 * (read from the old PSW when an interruption was taken), code pgm. */
struct pkcase {
	const char *name;
	const char *insn;
	const char *m1, *m2;
	uint8_t pm;
	const char *x;
	int cc;
	int pgm;
};

static void run_pk(const struct pkcase *v, size_t n)
{
	for (size_t k = 0; k < n; k++, v++) {
		struct tmach *t = tm_new();
		st_put(t, 0x800, v->m1);
		st_put(t, 0x900, v->m2);
		t->c.psw.pmask = v->pm;
		int want_cc = v->cc == KEEP ? 2 : v->cc;
		int pgm = st_exec(t, v->insn, v->cc == KEEP ? 2 : st_other_cc(v->cc));
		if (pgm != v->pgm)
			fail_msg("%s: program interruption %02X, expected %02X", v->name, pgm, v->pgm);
		st_expect(t, 0x800, v->x, v->name);
		if (st_cc(t, pgm) != want_cc)
			fail_msg("%s: CC %d, expected %d", v->name, st_cc(t, pgm), want_cc);
		tm_free(t);
	}
}

// clang-format off
static const struct pkcase add[] = {
    {"AP carry", "FA22 0800 0900", "00123C", "00877C", 0, "01000C", 2, 0},
    {"AP unlike signs", "FA11 0800 0900", "123C", "877D", 0, "754D", 1, 0},
    {"AP zero sum is positive", "FA11 0800 0900", "123D", "123C", 0, "000C", 0, 0},
    {"AP shorter second", "FA20 0800 0900", "09999C", "1C", 0, "10000C", 2, 0},
    {"AP preferred signs", "FA11 0800 0900", "123F", "001A", 0, "124C", 2, 0},
    {"AP overflow, mask off", "FA10 0800 0900", "999C", "1C", 0, "000C", 3, 0},
    {"AP overflow, mask on", "FA10 0800 0900", "999C", "1C", OVF, "000C", 3, PGM_DECIMAL_OVERFLOW},
    {"AP overflow keeps the sign", "FA10 0800 0900", "999D", "2D", 0, "001D", 3, 0},
    {"AP to itself", "FA11 0800 0800", "250C", "", 0, "500C", 2, 0},
    {"AP coincident rightmost bytes", "FA21 0800 0801", "00150C", "", 0, "00300C", 2, 0},
    {"AP invalid digit in op1", "FA11 0800 0900", "1A3C", "001C", 0, "1A3C", KEEP, PGM_DATA},
    {"AP invalid sign in op2", "FA11 0800 0900", "123C", "0012", 0, "123C", KEEP, PGM_DATA},
    {"AP invalid digit in op2", "FA11 0800 0900", "123C", "F01C", 0, "123C", KEEP, PGM_DATA},
    {"SP", "FB22 0800 0900", "00100C", "00001C", 0, "00099C", 2, 0},
    {"SP to negative", "FB11 0800 0900", "001C", "002C", 0, "001D", 1, 0},
    {"SP from itself", "FB22 0800 0800", "12345D", "", 0, "00000C", 0, 0},
    {"SP negative zeros", "FB00 0800 0900", "0D", "0C", 0, "0C", 0, 0},
    {"SP overflow", "FB10 0800 0900", "999C", "1D", OVF, "000C", 3, PGM_DECIMAL_OVERFLOW},
    {"ZAP", "F831 0800 0900", "FFFFFFFF", "123D", 0, "0000123D", 1, 0},
    {"ZAP minus zero becomes plus", "F811 0800 0900", "FFFF", "000D", 0, "000C", 0, 0},
    {"ZAP overflow", "F801 0800 0900", "FF", "123C", 0, "3C", 3, 0},
    {"ZAP overflow to zero keeps sign", "F801 0800 0900", "FF", "100D", 0, "0D", 3, 0},
    {"ZAP overflow, mask on", "F801 0800 0900", "FF", "123C", OVF, "3C", 3, PGM_DECIMAL_OVERFLOW},
    {"ZAP first operand not checked", "F810 0800 0900", "ABCD", "5C", 0, "005C", 2, 0},
    {"ZAP invalid second", "F811 0800 0900", "ABCD", "5A5A", 0, "ABCD", KEEP, PGM_DATA},
    {"ZAP in place right-aligned", "F821 0800 0801", "00123C", "", 0, "00123C", 2, 0},
};
// clang-format on

// clang-format off
static const struct pkcase cmp[] = {
    {"CP equal", "F911 0800 0900", "123C", "123F", 0, "123C", 0, 0},
    {"CP zeros of both signs", "F900 0800 0900", "0D", "0C", 0, "0D", 0, 0},
    {"CP low", "F910 0800 0900", "005D", "3C", 0, "005D", 1, 0},
    {"CP high", "F901 0800 0900", "5C", "003D", 0, "5C", 2, 0},
    {"CP magnitudes, negative", "F911 0800 0900", "100D", "099D", 0, "100D", 1, 0},
    {"CP invalid", "F911 0800 0900", "100C", "0990", 0, "100C", KEEP, PGM_DATA},
};
// clang-format on

// clang-format off
static const struct pkcase muldiv[] = {
    {"MP", "FC31 0800 0900", "0000012C", "025D", 0, "0000300D", KEEP, 0},
    {"MP zero keeps algebraic sign", "FC30 0800 0900", "0000000C", "5D", 0, "0000000D", KEEP, 0},
    {"MP largest", "FC10 0800 0900", "009C", "9C", 0, "081C", KEEP, 0},
    {"MP multiplicand too long", "FC31 0800 0900", "0001234C", "025C", 0, "0001234C", KEEP, PGM_DATA},
    {"MP L2 = L1", "FC11 0800 0900", "001C", "001C", 0, "001C", KEEP, PGM_SPECIFICATION},
    {"MP L2 > 7", "FCF8 0800 0900", "00", "00", 0, "00", KEEP, PGM_SPECIFICATION},
    {"DP", "FD41 0800 0900", "000012345C", "025C", 0, "00493C020C", KEEP, 0},
    {"DP signs", "FD41 0800 0900", "000012345D", "025C", 0, "00493D020D", KEEP, 0},
    {"DP negative divisor", "FD41 0800 0900", "000012345C", "025D", 0, "00493D020C", KEEP, 0},
    {"DP zero quotient keeps sign", "FD21 0800 0900", "00010D", "025C", 0, "0D010D", KEEP, 0},
    {"DP divisor zero", "FD41 0800 0900", "000012345C", "000C", 0, "000012345C", KEEP,
     PGM_DECIMAL_DIVIDE},
    {"DP quotient too large", "FD41 0800 0900", "999999999C", "001C", 0, "999999999C", KEEP,
     PGM_DECIMAL_DIVIDE},
    {"DP quotient just fits", "FD41 0800 0900", "009999999C", "100C", 0, "99999C099C", KEEP, 0},
    {"DP L2 >= L1", "FD22 0800 0900", "00001C", "00001C", 0, "00001C", KEEP, PGM_SPECIFICATION},
    {"DP invalid before divide check", "FD41 0800 0900", "0000123450", "000C", 0, "0000123450", KEEP,
     PGM_DATA},
};
// clang-format on

/* SRP L1,shift(B2 D2),I3 — F0 | L1 I3 | B1 D1 | B2 D2 | */
// clang-format off
static const struct pkcase srp[] = {
    {"SRP left 3", "F030 0800 0003", "0001234C", "", 0, "1234000C", 2, 0},
    {"SRP right 1 rounded up", "F035 0800 003F", "0001235C", "", 0, "0000124C", 2, 0},
    {"SRP right 1 not rounded", "F035 0800 003F", "0001234D", "", 0, "0000123D", 1, 0},
    {"SRP right 2 negative", "F035 0800 003E", "0012345D", "", 0, "0000123D", 1, 0},
    {"SRP right carries", "F035 0800 003F", "0999995C", "", 0, "0100000C", 2, 0},
    {"SRP right to zero is positive", "F020 0800 003F", "00004D", "", 0, "00000C", 0, 0},
    {"SRP right 32", "F039 0800 0020", "9999999C", "", 0, "0000000C", 0, 0},
    {"SRP no shift checks and prefers sign", "F030 0800 0000", "0012345F", "", 0, "0012345C", 2, 0},
    {"SRP left overflow", "F030 0800 0005", "0012345D", "", 0, "4500000D", 3, 0},
    {"SRP left overflow, mask on", "F030 0800 0005", "0012345C", "", OVF, "4500000C", 3,
     PGM_DECIMAL_OVERFLOW},
    {"SRP left overflow to zero keeps sign", "F010 0800 0003", "100D", "", 0, "000D", 3, 0},
    {"SRP shift ignores high address bits", "F030 0800 0FC1", "0001234C", "", 0, "0012340C", 2, 0},
    {"SRP invalid rounding digit", "F03A 0800 0000", "0001234C", "", 0, "0001234C", KEEP, PGM_DATA},
    {"SRP invalid operand", "F030 0800 0001", "00012B4C", "", 0, "00012B4C", KEEP, PGM_DATA},
};
// clang-format on

static void add_subtract_zap(void **state)
{
	(void)state;
	run_pk(add, sizeof add / sizeof add[0]);
}

static void compare(void **state)
{
	(void)state;
	run_pk(cmp, sizeof cmp / sizeof cmp[0]);
}

static void multiply_divide(void **state)
{
	(void)state;
	run_pk(muldiv, sizeof muldiv / sizeof muldiv[0]);
}

static void shift_and_round(void **state)
{
	(void)state;
	run_pk(srp, sizeof srp / sizeof srp[0]);
}

/* A 31-digit operand: the largest field. */
static void thirty_one_digits(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_put(t, 0x800, "0999999999999999 999999999999999C");
	st_put(t, 0x900, "1C");
	assert_int_equal(st_exec(t, "FAF0 0800 0900", 0), 0);
	st_expect(t, 0x800, "1000000000000000 000000000000000C", "AP 31 digits");
	assert_int_equal(t->c.psw.cc, 2);
	/* DP of 31 digits by 15 digits */
	st_put(t, 0x800, "0000000000000000 123456789012345C");
	st_put(t, 0x900, "000000000000001C");
	assert_int_equal(st_exec(t, "FDF7 0800 0900", 0), 0);
	st_expect(t, 0x800, "123456789012345C 000000000000000C", "DP 31/15");
	tm_free(t);
}

/* Protection on the result: nothing stored, CC unchanged. */
static void store_protection(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x2000, 0x50);
	st_psw_key(t, 3);
	st_put(t, 0x2000, "001C");
	st_put(t, 0x900, "001C");
	t->c.gpr[6] = 0x2000;
	assert_int_equal(st_exec(t, "FA11 6000 0900", 1), PGM_PROTECTION);
	st_expect(t, 0x2000, "001C", "AP protected");
	assert_int_equal(st_cc(t, PGM_PROTECTION), 1);
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "F811 6000 0900", 1), PGM_PROTECTION); /* ZAP: store only */
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(add_subtract_zap),  cmocka_unit_test(compare),
	    cmocka_unit_test(multiply_divide),   cmocka_unit_test(shift_and_round),
	    cmocka_unit_test(thirty_one_digits), cmocka_unit_test(store_protection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
