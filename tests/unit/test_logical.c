/* test_logical.c — logical instructions (s370/insn_logical.c).
 * Register operands: R1 = 2, R2 = 4; storage operand at X'800'. */
#include "insnvec.h"

/* clang-format off */
static const struct vec rr_rx_vectors[] = {
    /* NR, OR, XR: CC 0 zero, 1 not zero */
    {"1424", {0xF0F0, 0, 0x0FF0}, .x2 = 0x00F0, .cc = 1},
    {"1424", {0xF000, 0, 0x0F00}, .x2 = 0, .cc = 0},
    {"1624", {0xF000, 0, 0x000F}, .x2 = 0xF00F, .cc = 1},
    {"1624", {0, 0, 0}, .x2 = 0, .cc = 0},
    {"1724", {0xFF, 0, 0x0F}, .x2 = 0xF0, .cc = 1},
    {"1722", {0x12345678}, .x2 = 0, .cc = 0},
    /* CLR: unsigned */
    {"1524", {1, 0, 1}, .x2 = 1, .cc = 0},
    {"1524", {1, 0, 0xFFFFFFFF}, .x2 = 1, .cc = 1},
    {"1524", {0xFFFFFFFF, 0, 1}, .x2 = 0xFFFFFFFF, .cc = 2},
    /* N, O, X, CL with the word at X'800' */
    {"5420 0800", {0x80FF00FF}, .mem = 0x8000FFFF, .x2 = 0x800000FF, .cc = 1},
    {"5420 0800", {0x0F0F0F0F}, .mem = 0xF0F0F0F0, .x2 = 0, .cc = 0},
    {"5620 0800", {0x0F0F0F0F}, .mem = 0xF0F0F0F0, .x2 = 0xFFFFFFFF, .cc = 1},
    {"5620 0800", {0}, .mem = 0, .x2 = 0, .cc = 0},
    {"5720 0800", {0xAAAA5555}, .mem = 0xFFFF0000, .x2 = 0x55555555, .cc = 1},
    {"5720 0800", {0xAAAA5555}, .mem = 0xAAAA5555, .x2 = 0, .cc = 0},
    {"5520 0800", {0x80000000}, .mem = 0x80000000, .x2 = 0x80000000, .cc = 0},
    {"5520 0800", {0x7FFFFFFF}, .mem = 0x80000000, .x2 = 0x7FFFFFFF, .cc = 1},
    {"5520 0800", {0x80000000}, .mem = 0x7FFFFFFF, .x2 = 0x80000000, .cc = 2},
    {"5424 0000", {5, 0, 0x30000}, .x2 = 5, .cc = CC_KEEP, .pgm = PGM_ADDRESSING},
};
/* clang-format on */

#define M(v) .chkmem = true, .memx = (v)

/* clang-format off */
static const struct vec si_vectors[] = {
    /* TM: CC 0 selected all zero or mask zero, 1 mixed, 3 all one */
    {"91C3 0800", .mem = 0x00FFFFFF, .cc = 0},
    {"91C3 0800", .mem = 0xC3000000, .cc = 3},
    {"91C3 0800", .mem = 0xFF000000, .cc = 3},
    {"91C3 0800", .mem = 0x41000000, .cc = 1},
    {"9100 0800", .mem = 0xFF000000, .cc = 0},
    {"9180 0800", .mem = 0x80000000, .cc = 3},
    {"9101 0801", .mem = 0x00010000, .cc = 3},
    /* MVI */
    {"92AB 0800", .mem = 0x11223344, .cc = CC_KEEP, M(0xAB223344)},
    {"92AB 0803", .mem = 0x11223344, .cc = CC_KEEP, M(0x112233AB)},
    /* NI, OI, XI */
    {"94F0 0800", .mem = 0x3C000000, .cc = 1, M(0x30000000)},
    {"940F 0800", .mem = 0xF0FFFFFF, .cc = 0, M(0x00FFFFFF)},
    {"960F 0800", .mem = 0x30000000, .cc = 1, M(0x3F000000)},
    {"9600 0800", .mem = 0x00FFFFFF, .cc = 0, M(0x00FFFFFF)},
    {"97FF 0800", .mem = 0xFF000000, .cc = 0, M(0x00000000)},
    {"97FF 0800", .mem = 0x0F000000, .cc = 1, M(0xF0000000)},
    /* CLI: the storage byte is the first operand */
    {"9580 0800", .mem = 0x80000000, .cc = 0},
    {"9580 0800", .mem = 0x7F000000, .cc = 1},
    {"9580 0800", .mem = 0x81000000, .cc = 2},
    {"9500 0800", .mem = 0x00000000, .cc = 0},
};
/* clang-format on */

static void register_and_word_operands(void **state)
{
	(void)state;
	VEC_RUN(rr_rx_vectors);
}
static void storage_immediate(void **state)
{
	(void)state;
	VEC_RUN(si_vectors);
}

/* NI/OI/XI/MVI store: protected storage is left as it was; CLI and TM of a
 * fetch-protected byte are protection exceptions too. */
static void si_protection(void **state)
{
	(void)state;
	static const char *const stores[] = {"92FF 0800", "94F0 0800", "960F 0800", "97FF 0800"};
	static const char *const fetches[] = {"95AA 0800", "91FF 0800"};
	struct tmach *t = tm_new();
	t->st.keys[VEC_MEM >> 11] = 0x50; /* key 5, not fetch-protected */
	t->c.psw.key = 3;
	cpu_update_ctx(&t->c);
	*tm_mem(t, VEC_MEM) = 0x5A;
	for (size_t k = 0; k < 4; k++) {
		assert_int_equal(tm_exec_hex(t, stores[k]), PGM_PROTECTION);
		assert_int_equal(*tm_mem(t, VEC_MEM), 0x5A);
		t->c.psw.key = 3; /* the program new PSW loaded key 0 */
		cpu_update_ctx(&t->c);
	}
	assert_int_equal(tm_exec_hex(t, "95AA 0800"), 0); /* fetch allowed */
	t->st.keys[VEC_MEM >> 11] = 0x50 | SK_F;
	cpu_purge_tlb(&t->c);
	for (size_t k = 0; k < 2; k++) {
		assert_int_equal(tm_exec_hex(t, fetches[k]), PGM_PROTECTION);
		t->c.psw.key = 3;
		cpu_update_ctx(&t->c);
	}
	tm_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(register_and_word_operands),
	    cmocka_unit_test(storage_immediate),
	    cmocka_unit_test(si_protection),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
