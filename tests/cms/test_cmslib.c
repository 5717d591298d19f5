/* test_cmslib.c — the helpers every CMS command parser uses (cms/fmt.c). */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <string.h>

#include "cmslib.h"

static void abbreviations(void **state)
{
	(void)state;
	assert_true(cms_abbrev("LISTF", "LISTFILE", 5));
	assert_true(cms_abbrev("listfile", "LISTFILE", 5));
	assert_false(cms_abbrev("LIST", "LISTFILE", 5));
	assert_false(cms_abbrev("LISTFILES", "LISTFILE", 5));
	assert_true(cms_abbrev("Q", "QUERY", 1));
	assert_false(cms_abbrev("QX", "QUERY", 1));
}

static void words(void **state)
{
	(void)state;
	char line[] = "  copyfile  a b   c ";
	char *w[8];
	assert_int_equal(cms_words(line, w, 8), 4);
	assert_string_equal(w[0], "copyfile");
	assert_string_equal(w[3], "c");
	char two[] = "a b c";
	assert_int_equal(cms_words(two, w, 2), 2);
}

static void ebcdic(void **state)
{
	(void)state;
	uint8_t e[5];
	cms_a2e(e, "Az 9.", 5);
	assert_memory_equal(e, "\xC1\xA9\x40\xF9\x4B", 5);
	char a[6] = {0};
	cms_e2a(a, e, 5);
	assert_string_equal(a, "Az 9.");
	char u[] = "Profile exec";
	cms_upper(u);
	assert_string_equal(u, "PROFILE EXEC");
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(abbreviations), cmocka_unit_test(words),
	                                   cmocka_unit_test(ebcdic)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
