/* test_ss.c — MVC MVN MVZ NC OC XC CLC TR TRT MVCIN. */
#include "sstest.h"

op_fn op_mvc;
op_fn *const ss_link_anchors[] = {op_mvc};

/* One instruction on storage: m1 at a1 and m2 at a2 before (GR5 = X'F000'
 * serves as base for addresses above 4K); after it, the storage at ax must
 * read x, the CC be cc (-1: not checked) and the
 * program-interruption code pgm. */
struct sscase {
	const char *name;
	const char *insn;
	uint32_t a1;
	const char *m1;
	uint32_t a2;
	const char *m2;
	uint32_t ax;
	const char *x;
	int cc;
	int pgm;
};

static void run_cases(const struct sscase *v, size_t n)
{
	for (size_t k = 0; k < n; k++, v++) {
		struct tmach *t = tm_new();
		t->c.gpr[5] = 0xF000; /* base for the high addresses */
		st_put(t, v->a1, v->m1);
		st_put(t, v->a2, v->m2);
		int pgm = st_exec(t, v->insn, v->cc >= 0 ? st_other_cc(v->cc) : 2);
		if (pgm != v->pgm)
			fail_msg("%s: program interruption %02X, expected %02X", v->name, pgm, v->pgm);
		st_expect(t, v->ax, v->x, v->name);
		if (v->cc >= 0 && st_cc(t, pgm) != v->cc)
			fail_msg("%s: CC %d, expected %d", v->name, st_cc(t, pgm), v->cc);
		tm_free(t);
	}
}

// clang-format off
static const struct sscase moves[] = {
    {"MVC simple", "D203 0900 0800", 0x900, "00000000", 0x800, "C1C2C3C4", 0x900, "C1C2C3C4", -1, 0},
    /* The short path (every byte read before any is stored) where that is the architected result. */
    {"MVC 3 bytes shift left", "D202 0800 0801", 0x800, "C1C2C3C4", 0x800, "", 0x800, "C2C3C4C4", -1, 0},
    {"MVC 2 bytes", "D201 0900 0800", 0x900, "000000", 0x800, "C1C2", 0x900, "C1C200", -1, 0},
    {"MVC 12 bytes shift left by 5", "D20B 0800 0805", 0x800, "000102030405060708090A0B0C0D0E0F10", 0x800, "",
     0x800, "05060708090A0B0C0D0E0F100C0D0E0F10", -1, 0},
    {"MVC 16 bytes", "D20F 0900 0800", 0x900, "", 0x800, "0102030405060708090A0B0C0D0E0F10", 0x900,
     "0102030405060708090A0B0C0D0E0F10", -1, 0},
    {"MVC 9 bytes overlap right by 4", "D208 0804 0800", 0x800, "0102030405060708090A0B0C0D", 0x800, "",
     0x800, "01020304010203040102030401", -1, 0},
    {"MVC propagates one byte", "D207 0801 0800", 0x800, "5C C1C2C3C4C5C6C7C8", 0x800, "",
     0x800, "5C5C5C5C5C5C5C5C5C", -1, 0},
    {"MVC overlap by two", "D205 0802 0800", 0x800, "C1C2 0000 0000 0000", 0x800, "", 0x800,
     "C1C2C1C2C1C2C1C2", -1, 0},
    {"MVC shift left", "D206 0800 0801", 0x800, "00C1C2C3C4C5C6C7", 0x800, "", 0x800,
     "C1C2C3C4C5C6C7C7", -1, 0},
    {"MVC both across a block", "D207 57FC 07FC", 0xF7FC, "0000000000000000", 0x7FC,
     "0102030405060708", 0xF7FC, "0102030405060708", -1, 0},
    {"MVC propagate across a block", "D207 07FD 07FC", 0x7FC, "AB00000000000000 00", 0x7FC, "",
     0x7FC, "ABABABABABABABABAB", -1, 0},
    {"MVC 256 bytes", "D2FF 0A00 0800", 0xA00, "", 0x800, "11", 0xA00, "11", -1, 0},
    {"MVC source beyond storage", "D207 0800 5FFC", 0x800, "0000000000000000", 0xFFFC, "01020304",
     0x800, "0000000000000000", -1, PGM_ADDRESSING},
    {"MVC destination beyond storage", "D207 5FFC 0800", 0xFFFC, "00000000", 0x800,
     "0102030405060708", 0xFFFC, "00000000", -1, PGM_ADDRESSING},
    {"MVN", "D102 0800 0900", 0x800, "C1C2C3", 0x900, "F7F8F9", 0x800, "C7C8C9", -1, 0},
    {"MVZ", "D302 0800 0900", 0x800, "C1C2C3", 0x900, "F7F8F9", 0x800, "F1F2F3", -1, 0},
    {"MVN overlap", "D102 0801 0800", 0x800, "F1C2C3C4", 0x800, "", 0x800, "F1C1C1C1", -1, 0},
    {"MVCIN", "E803 0800 0903", 0x800, "00000000", 0x900, "C1C2C3C4", 0x800, "C4C3C2C1", -1, 0},
};
// clang-format on

// clang-format off
static const struct sscase logic[] = {
    {"NC nonzero", "D403 0800 0900", 0x800, "F0F00F0F", 0x900, "FF00FF00", 0x800, "F0000F00", 1, 0},
    {"NC zero", "D401 0800 0900", 0x800, "F00F", 0x900, "0FF0", 0x800, "0000", 0, 0},
    {"OC", "D601 0800 0900", 0x800, "F000", 0x900, "000F", 0x800, "F00F", 1, 0},
    {"OC zero", "D601 0800 0900", 0x800, "0000", 0x900, "0000", 0x800, "0000", 0, 0},
    {"XC", "D701 0800 0900", 0x800, "FF0F", 0x900, "0F0F", 0x800, "F000", 1, 0},
    {"XC clears itself", "D707 0800 0800", 0x800, "0102030405060708", 0x800, "", 0x800,
     "0000000000000000", 0, 0},
    {"XC across a block", "D707 07FC 0900", 0x7FC, "FFFFFFFFFFFFFFFF", 0x900, "FFFFFFFFFFFFFFFE", 0x7FC,
     "0000000000000001", 1, 0},
    {"XC overlap one byte right", "D702 0801 0800", 0x800, "01010101", 0x800, "", 0x800, "01000100", 1,
     0},
    {"CLC equal", "D503 0800 0900", 0x800, "C1C2C3C4", 0x900, "C1C2C3C4", 0x800, "C1C2C3C4", 0, 0},
    /* The short paths (1-16 bytes: words, then bytes) against the first difference. */
    {"CLC 5 bytes, last low", "D504 0800 0900", 0x800, "0102030405", 0x900, "0102030406", 0x800, "", 1, 0},
    {"CLC 12 bytes, 9th high", "D50B 0800 0900", 0x800, "000000000000000090000000", 0x900,
     "000000000000000080FFFFFF", 0x800, "", 2, 0},
    {"CLC 16 bytes, first low", "D50F 0800 0900", 0x800, "00FFFFFFFFFFFFFFFFFFFFFFFFFFFFFF", 0x900,
     "01000000000000000000000000000000", 0x800, "", 1, 0},
    {"CLC 16 bytes equal", "D50F 0800 0900", 0x800, "0102030405060708090A0B0C0D0E0F10", 0x900,
     "0102030405060708090A0B0C0D0E0F10", 0x800, "", 0, 0},
    {"CLC 17 bytes, last high", "D510 0800 0900", 0x800, "0000000000000000000000000000000002", 0x900,
     "0000000000000000000000000000000001", 0x800, "", 2, 0},
    {"CLC 3 bytes, middle low", "D502 0800 0900", 0x800, "017F03", 0x900, "018003", 0x800, "", 1, 0},
    {"CLC low (unsigned)", "D501 0800 0900", 0x800, "7FFF", 0x900, "80FF", 0x800, "7FFF", 1, 0},
    {"CLC high", "D502 0800 0900", 0x800, "C1C2C4", 0x900, "C1C2C3", 0x800, "C1C2C4", 2, 0},
    {"CLC across blocks", "D507 07FC 57FC", 0x7FC, "0102030405060709", 0xF7FC, "0102030405060708", 0x7FC,
     "01", 2, 0},
};
// clang-format on

static void mvc_and_moves(void **state)
{
	(void)state;
	run_cases(moves, sizeof moves / sizeof moves[0]);
}

static void and_or_xor_compare(void **state)
{
	(void)state;
	run_cases(logic, sizeof logic / sizeof logic[0]);
}

static void mvc_256_propagates(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_fill(t, 0x800, 0x00, 0x200);
	*tm_mem(t, 0x800) = 0x40;
	assert_int_equal(st_exec(t, "D2FF 0801 0800", 0), 0); /* MVC 1(256),0 */
	for (uint32_t k = 0; k <= 256; k++)
		assert_int_equal(*tm_mem(t, 0x800 + k), 0x40);
	assert_int_equal(*tm_mem(t, 0x902), 0x00);
	tm_free(t);
}

/* Protection on the second block of a store operand: nothing is stored,
 * not even into the first, unprotected block. */
static void mvc_protection_stores_nothing(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x2000, 0x30);
	st_key(t, 0x2800, 0x50);
	st_psw_key(t, 3);
	st_put(t, 0x800, "0102030405060708");
	t->c.gpr[6] = 0x2000;
	assert_int_equal(st_exec(t, "D207 67FC 0800", 0), PGM_PROTECTION);
	st_expect(t, 0x27FC, "0000000000000000", "MVC protected");
	assert_int_equal(st_old_ia(t), TM_IA + 6);
	/* XC likewise (the interruption loaded key 0 from the new PSW) */
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "D707 67FC 0800", 0), PGM_PROTECTION);
	st_expect(t, 0x27FC, "0000000000000000", "XC protected");
	tm_free(t);
}

/* Fetch protection on the second operand. */
static void clc_fetch_protection(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	st_key(t, 0x2000, 0x58); /* key 5, fetch-protected */
	st_psw_key(t, 3);
	t->c.gpr[6] = 0x2000;
	assert_int_equal(st_exec(t, "D503 0800 6000", 0), PGM_PROTECTION);
	st_psw_key(t, 3);
	assert_int_equal(st_exec(t, "D203 0800 6000", 0), PGM_PROTECTION);
	tm_free(t);
}

static void tr_translates(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	for (int k = 0; k < 256; k++)
		*tm_mem(t, 0x900 + (uint32_t)k) = (uint8_t)(255 - k);
	st_put(t, 0x800, "00 01 7F 80 FF");
	assert_int_equal(st_exec(t, "DC04 0800 0900", 1), 0);
	st_expect(t, 0x800, "FF FE 80 7F 00", "TR");
	assert_int_equal(t->c.psw.cc, 1); /* unchanged */
	tm_free(t);
}

/* Only the table bytes actually used are accessed: a table running off the
 * end of storage is fine while the arguments stay low. */
static void tr_table_bytes_used_only(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	uint32_t tab = TM_MEM - 0x80; /* 0xFF80: bytes 0x80-0xFF lie beyond storage */
	for (int k = 0; k < 0x80; k++)
		*tm_mem(t, tab + (uint32_t)k) = (uint8_t)(0xC0 + k);
	st_put(t, 0x800, "00 01 7F");
	t->c.gpr[5] = tab;
	assert_int_equal(st_exec(t, "DC02 0800 5000", 0), 0);
	st_expect(t, 0x800, "C0 C1 3F", "TR low arguments");
	st_put(t, 0x800, "00 01 80");
	assert_int_equal(st_exec(t, "DC02 0800 5000", 0), PGM_ADDRESSING);
	st_expect(t, 0x800, "00 01 80", "TR unchanged after exception");
	tm_free(t);
}

static void tr_overlapping_table(void **state)
{
	(void)state;
	struct tmach *t = tm_new();
	/* Table at 0x800 whose first bytes are also the argument: byte-at-a-time
	 * semantics means the second argument byte sees the translated first. */
	for (int k = 0; k < 256; k++)
		*tm_mem(t, 0x800 + (uint32_t)k) = (uint8_t)k;
	st_put(t, 0x800, "01 05");
	/* TR 0(2),0: byte 0 (01) -> table[1] = 05; byte 1 (05) -> table[5] = 05 */
	assert_int_equal(st_exec(t, "DC01 0800 0800", 0), 0);
	st_expect(t, 0x800, "05 05", "TR overlapping");
	tm_free(t);
}

struct trtcase {
	const char *name;
	const char *arg;
	int cc;
	uint32_t g1, g2;
};

static void trt_cases(void **state)
{
	(void)state;
	// clang-format off
	static const struct trtcase v[] = {
	    {"no hit", "C1C2C3", 0, 0xAA000000u, 0xBBBBBBBBu},
	    {"hit in the middle", "C1 40 C3", 1, 0xAA000801u, 0xBBBBBB04u},
	    {"hit on the last byte", "C1 C2 6B", 2, 0xAA000802u, 0xBBBBBB08u},
	    {"hit on the first byte", "40 6B C3", 1, 0xAA000800u, 0xBBBBBB04u},
	};
	// clang-format on
	for (size_t k = 0; k < sizeof v / sizeof v[0]; k++) {
		struct tmach *t = tm_new();
		*tm_mem(t, 0x900 + 0x40) = 0x04; /* blank */
		*tm_mem(t, 0x900 + 0x6B) = 0x08; /* comma */
		st_put(t, 0x800, v[k].arg);
		t->c.gpr[1] = 0xAA000000u;
		t->c.gpr[2] = 0xBBBBBBBBu;
		assert_int_equal(st_exec(t, "DD02 0800 0900", st_other_cc(v[k].cc)), 0);
		if (t->c.psw.cc != v[k].cc || t->c.gpr[1] != v[k].g1 || t->c.gpr[2] != v[k].g2)
			fail_msg("TRT %s: CC %d GR1 %08X GR2 %08X", v[k].name, t->c.psw.cc, t->c.gpr[1],
			         t->c.gpr[2]);
		st_expect(t, 0x800, v[k].arg, "TRT stores nothing");
		tm_free(t);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(mvc_and_moves),
	    cmocka_unit_test(and_or_xor_compare),
	    cmocka_unit_test(mvc_256_propagates),
	    cmocka_unit_test(mvc_protection_stores_nothing),
	    cmocka_unit_test(clc_fetch_protection),
	    cmocka_unit_test(tr_translates),
	    cmocka_unit_test(tr_table_bytes_used_only),
	    cmocka_unit_test(tr_overlapping_table),
	    cmocka_unit_test(trt_cases),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
