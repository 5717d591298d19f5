/* test_edit.c — ED and EDMK with the classic EBCDIC amount patterns. */
#include "sstest.h"

op_fn op_ed;
op_fn *const edit_link_anchors[] = {op_ed};

/* Pattern at 0x800, source at 0x900; GR1 preset to X'AA000000'. */
struct edcase {
	const char *name;
	const char *insn;
	const char *pattern;
	const char *source;
	const char *x;
	int cc;
	uint32_t gr1;
	int pgm;
};

/* b dd , ddS . dd  — fill blank, comma and period kept only after significance */
#define AMOUNT "4020206B2020214B2020"
#define AMOUNT_CR "4020206B2020214B2020C3D9"

// clang-format off
static const struct edcase v[] = {
    {"ED 1,234.56", "DE09 0800 0900", AMOUNT, "0123456C", "4040F16BF2F3F44BF5F6", 2, 0xAA000000, 0},
    {"ED zero", "DE09 0800 0900", AMOUNT, "0000000C", "404040404040404BF0F0", 0, 0xAA000000, 0},
    {"ED small forces significance", "DE09 0800 0900", AMOUNT, "0000005C", "404040404040404BF0F5", 2,
     0xAA000000, 0},
    {"ED negative keeps CR", "DE0B 0800 0900", AMOUNT_CR, "0123456D", "4040F16BF2F3F44BF5F6C3D9", 1,
     0xAA000000, 0},
    {"ED positive blanks CR", "DE0B 0800 0900", AMOUNT_CR, "0123456C", "4040F16BF2F3F44BF5F64040", 2,
     0xAA000000, 0},
    {"ED negative zero", "DE0B 0800 0900", AMOUNT_CR, "0000000D", "404040404040404BF0F0C3D9", 0,
     0xAA000000, 0},
    {"ED asterisk fill", "DE09 0800 0900", "5C20206B2020214B2020", "0000123C", "5C5C5C5C5C5CF14BF2F3", 2,
     0xAA000000, 0},
    {"ED field separator, last field zero", "DE03 0800 0900", "40202220", "1C0C", "40F14040", 0, 0xAA000000,
     0},
    {"ED field separator, last field nonzero", "DE03 0800 0900", "40202220", "0C2D", "404040F2", 1,
     0xAA000000, 0},
    {"ED both digits of a byte, no sign: minus", "DE04 0800 0900", "4020202020", "12345C", "40F1F2F3F4", 1, 0xAA000000, 0},
    {"ED invalid digit", "DE09 0800 0900", AMOUNT, "A123456C", AMOUNT, 2, 0xAA000000, PGM_DATA},
    {"EDMK marks the first significant digit", "DF09 0800 0900", AMOUNT, "0123456C",
     "4040F16BF2F3F44BF5F6", 2, 0xAA000802, 0},
    {"EDMK forced significance leaves GR1", "DF09 0800 0900", AMOUNT, "0000056C",
     "404040404040404BF5F6", 2, 0xAA000000, 0},
    {"EDMK digit after a separator marks again", "DF03 0800 0900", "40202220", "1C2C", "40F140F2", 2,
     0xAA000803, 0},
};
// clang-format on

static void edit_cases(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		struct tmach *t = tm_new();
		st_put(t, 0x800, v[k].pattern);
		st_put(t, 0x900, v[k].source);
		t->c.gpr[1] = 0xAA000000u;
		int pgm = st_exec(t, v[k].insn, v[k].pgm ? 2 : st_other_cc(v[k].cc));
		if (pgm != v[k].pgm)
			fail_msg("%s: program interruption %02X, expected %02X", v[k].name, pgm, v[k].pgm);
		st_expect(t, 0x800, v[k].x, v[k].name);
		if (st_cc(t, pgm) != v[k].cc)
			fail_msg("%s: CC %d, expected %d", v[k].name, st_cc(t, pgm), v[k].cc);
		if (t->c.gpr[1] != v[k].gr1)
			fail_msg("%s: GR1 %08X, expected %08X", v[k].name, t->c.gpr[1], v[k].gr1);
		tm_free(t);
	}
}

/* The source is read only as far as the pattern asks: a source that ends at
 * the end of storage is fine. */
static void source_length_from_pattern(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_put(t, 0x800, "40202020");
	st_put(t, TM_MEM - 2, "123C");
	t->c.gpr[5] = TM_MEM - 2;
	assert_int_equal(st_exec(t, "DE03 0800 5000", 0), 0);
	st_expect(t, 0x800, "40F1F2F3", "ED at the end of storage");
	assert_int_equal(t->c.psw.cc, 2);
	tm_free(t);
}

static void pattern_protection(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x2000, 0x50);
	st_psw_key(t, 3);
	st_put(t, 0x2000, AMOUNT);
	st_put(t, 0x900, "0123456C");
	t->c.gpr[6] = 0x2000;
	assert_int_equal(st_exec(t, "DE09 6000 0900", 0), PGM_PROTECTION);
	st_expect(t, 0x2000, AMOUNT, "ED protected");
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(edit_cases),
	    cmocka_unit_test(source_length_from_pattern),
	    cmocka_unit_test(pattern_protection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
