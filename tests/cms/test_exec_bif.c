/* test_exec_bif.c — the EXEC interpreter's built-in functions: each row an
 * expression and the exact string it must give (or the REXX error it must
 * raise).  The clock reads 26 Nov 2026 20:35:06.123456 (exec_testio.h). */
#include "exec_testio.h"

struct fcase {
	const char *expr;
	const char *result; /* NULL: an error */
	int error;
};

static const struct fcase strings[] = {
    {"LENGTH('abc')", "3", 0},
    {"LENGTH('')", "0", 0},
    {"SUBSTR('abcdef', 2, 3)", "bcd", 0},
    {"SUBSTR('abc', 2)", "bc", 0},
    {"SUBSTR('abc', 2, 4, '*')", "bc**", 0},
    {"SUBSTR('abc', 5, 2)", "  ", 0},
    {"SUBSTR('abc', 0)", NULL, 40},
    {"LEFT('abc', 2)", "ab", 0},
    {"LEFT('ab', 4, '*')", "ab**", 0},
    {"RIGHT('abc', 2)", "bc", 0},
    {"RIGHT(12, 5, 0)", "00012", 0},
    {"LEFT('abc', -1)", NULL, 40},
    {"LEFT('abc', 1, 'xy')", NULL, 40},
    {"POS('b', 'abcb')", "2", 0},
    {"POS('b', 'abcb', 3)", "4", 0},
    {"POS('x', 'abc')", "0", 0},
    {"POS('', 'abc')", "0", 0},
    {"LASTPOS('b', 'abcb')", "4", 0},
    {"LASTPOS('b', 'abcb', 3)", "2", 0},
    {"LASTPOS('ab', 'ab')", "1", 0},
    {"INDEX('abcb', 'b')", "2", 0},
    {"INDEX('abcb', 'b', 3)", "4", 0},
    {"WORD('a b  c', 3)", "c", 0},
    {"WORD('a b', 3)", "", 0},
    {"WORDS('  a b  c ')", "3", 0},
    {"WORDS('')", "0", 0},
    {"SUBWORD('a b c d', 2, 2)", "b c", 0},
    {"SUBWORD('a b  c  ', 2)", "b  c", 0},
    {"SUBWORD('a b', 5)", "", 0},
    {"WORDINDEX('ab  cd', 2)", "5", 0},
    {"WORDINDEX('ab', 2)", "0", 0},
    {"WORDLENGTH('ab cde', 2)", "3", 0},
    {"WORDPOS('b c', 'a b c d')", "2", 0},
    {"WORDPOS('x', 'a b')", "0", 0},
    {"FIND('a b c', 'c')", "3", 0},
    {"STRIP('  x y  ')", "x y", 0},
    {"STRIP('  x  ', 'L')", "x  ", 0},
    {"STRIP('  x  ', 't')", "  x", 0},
    {"STRIP('00100', 'B', '0')", "1", 0},
    {"STRIP('x', 'Q')", NULL, 40},
    {"SPACE(' a   b c ')", "a b c", 0},
    {"SPACE('a b', 3, '-')", "a---b", 0},
    {"SPACE('a  b', 0)", "ab", 0},
    {"TRANSLATE('abc')", "ABC", 0},
    {"TRANSLATE('abc', 'xy', 'ab')", "xyc", 0},
    {"TRANSLATE('a-b', ' ', '-')", "a b", 0},
    {"TRANSLATE('abc', 'x', 'abc', '.')", "x..", 0},
    {"REVERSE('abc')", "cba", 0},
    {"REVERSE('')", "", 0},
    {"COPIES('ab', 3)", "ababab", 0},
    {"COPIES('ab', 0)", "", 0},
    {"COPIES('x', 99999999)", NULL, 5},
    {"INSERT('XY', 'abc', 1)", "aXYbc", 0},
    {"INSERT('XY', 'abc')", "XYabc", 0},
    {"INSERT('X', 'ab', 4, 2, '.')", "ab..X.", 0},
    {"OVERLAY('XY', 'abcde', 2)", "aXYde", 0},
    {"OVERLAY('XY', 'ab', 4)", "ab XY", 0},
    {"OVERLAY('X', 'abc', 1, 2)", "X c", 0},
    {"DELSTR('abcdef', 2, 3)", "aef", 0},
    {"DELSTR('abcdef', 3)", "ab", 0},
    {"DELSTR('abc', 5)", "abc", 0},
    {"DELWORD('a b c d', 2, 1)", "a c d", 0},
    {"DELWORD('a b c d', 2)", "a ", 0},
    {"DELWORD('a b', 5)", "a b", 0},
    {"CENTER('abc', 7, '*')", "**abc**", 0},
    {"CENTER('abc', 6)", " abc  ", 0},
    {"CENTRE('abcdefgh', 4)", "cdef", 0},
    {"VERIFY('123a', '0123456789')", "4", 0},
    {"VERIFY('123', '0123456789')", "0", 0},
    {"VERIFY('ab12', '0123456789', 'M')", "3", 0},
    {"VERIFY('a1b2', '12', 'N', 3)", "3", 0},
    {"COMPARE('abc', 'abc')", "0", 0},
    {"COMPARE('abc', 'abd')", "3", 0},
    {"COMPARE('ab ', 'ab')", "0", 0},
    {"COMPARE('ab-', 'ab', '-')", "0", 0},
    {"ABBREV('PRINT', 'PRI')", "1", 0},
    {"ABBREV('PRINT', 'PRX')", "0", 0},
    {"ABBREV('PRINT', 'P', 2)", "0", 0},
    {"ABBREV('PRINT', '')", "1", 0},
    {"UPPER('MiXed')", "MIXED", 0},
    {"XRANGE('a', 'e')", "abcde", 0},
};

static const struct fcase numbers[] = {
    {"ABS(-5)", "5", 0},
    {"ABS('  -1.50')", "1.50", 0},
    {"ABS('x')", NULL, 41},
    {"MAX(1, 7, 3)", "7", 0},
    {"MAX(-1, '-0.5')", "-0.5", 0},
    {"MIN(4, -2, 3)", "-2", 0},
    {"MIN(1, 'a')", NULL, 41},
    {"SIGN(-3)", "-1", 0},
    {"SIGN(0.0)", "0", 0},
    {"SIGN(12)", "1", 0},
    {"TRUNC(3.789)", "3", 0},
    {"TRUNC(3.789, 2)", "3.78", 0},
    {"TRUNC(-3.7)", "-3", 0},
    {"TRUNC(5, 2)", "5.00", 0},
    {"TRUNC(1E3)", "1000", 0},
    {"TRUNC(0.001, 1)", "0.0", 0},
    {"FORMAT(3.14159, 3, 2)", "  3.14", 0},
    {"FORMAT(2, , 2)", "2.00", 0},
    {"FORMAT(2.5)", "2.5", 0},
    {"FORMAT(0.999, , 2)", "1.00", 0},
    {"FORMAT(-1.5, 4, 0)", "  -2", 0},
    {"FORMAT(123, 2)", NULL, 40},
    {"DATATYPE(123)", "NUM", 0},
    {"DATATYPE('1 2')", "CHAR", 0},
    {"DATATYPE(' -1.5E2 ')", "NUM", 0},
    {"DATATYPE('12.5', 'W')", "0", 0},
    {"DATATYPE('12.0', 'W')", "1", 0},
    {"DATATYPE('12', 'N')", "1", 0},
    {"DATATYPE('FF 0a', 'X')", "1", 0},
    {"DATATYPE('FG', 'X')", "0", 0},
    {"DATATYPE('0101', 'B')", "1", 0},
    {"DATATYPE('abc', 'L')", "1", 0},
    {"DATATYPE('aBc', 'L')", "0", 0},
    {"DATATYPE('ABC', 'U')", "1", 0},
    {"DATATYPE('aBc', 'M')", "1", 0},
    {"DATATYPE('a1', 'A')", "1", 0},
    {"DATATYPE('a.b', 'S')", "1", 0},
    {"DATATYPE('a+b', 'S')", "0", 0},
    {"DATATYPE('x', 'Z')", NULL, 40},
};

static const struct fcase conversions[] = {
    {"C2D('A')", "65", 0},
    {"C2D('0102'x)", "258", 0},
    {"C2D('FF'x, 1)", "-1", 0},
    {"C2D('FF80'x, 2)", "-128", 0},
    {"C2D('')", "0", 0},
    {"D2C(65)", "A", 0},
    {"D2C(16706)", "AB", 0},
    {"C2X(D2C(-1, 2))", "FFFF", 0},
    {"C2X(D2C(1, 3))", "000001", 0},
    {"D2C(-1)", NULL, 40},
    {"C2X('AB')", "4142", 0},
    {"C2X('')", "", 0},
    {"X2C('4142')", "AB", 0},
    {"X2C('41 42')", "AB", 0},
    {"X2C('141')", "\001A", 0},
    {"X2C('4G')", NULL, 40},
    {"D2X(255)", "FF", 0},
    {"D2X(10)", "A", 0},
    {"D2X(0)", "0", 0},
    {"D2X(255, 4)", "00FF", 0},
    {"D2X(-1, 4)", "FFFF", 0},
    {"D2X(1.5)", NULL, 40},
    {"X2D('FF')", "255", 0},
    {"X2D('ff')", "255", 0},
    {"X2D('FF', 2)", "-1", 0},
    {"X2D('81', 2)", "-127", 0},
    {"X2D('0F', 4)", "15", 0},
    {"X2D('')", "0", 0},
    {"B2X('11110000')", "F0", 0},
    {"B2X('1')", "1", 0},
    {"X2B('F0')", "11110000", 0},
    {"X2B('1')", "0001", 0},
};

static const struct fcase others[] = {
    {"DATE()", "26 Nov 2026", 0},
    {"DATE('U')", "11/26/26", 0},
    {"DATE('E')", "26/11/26", 0},
    {"DATE('O')", "26/11/26", 0},
    {"DATE('S')", "20261126", 0},
    {"DATE('J')", "26330", 0},
    {"DATE('D')", "330", 0},
    {"DATE('M')", "November", 0},
    {"DATE('W')", "Thursday", 0},
    {"DATE('B')", "739945", 0},
    {"DATE('C')", "9827", 0},
    {"DATE('X')", NULL, 40},
    {"TIME()", "20:35:06", 0},
    {"TIME('L')", "20:35:06.123456", 0},
    {"TIME('H')", "20", 0},
    {"TIME('M')", "1235", 0},
    {"TIME('S')", "74106", 0},
    {"TIME('C')", "8:35pm", 0},
    {"TIME('E')", "0.000000", 0},
    {"USERID()", "MAINT", 0},
    {"QUEUED()", "0", 0},
    {"DIGITS()", "9", 0},
    {"ERRORTEXT(41)", "Bad arithmetic conversion", 0},
    {"ERRORTEXT(1)", "", 0},
    {"SOURCELINE()", "1", 0},
    {"SOURCELINE(1)", "say '[' || (SOURCELINE(1)) || ']'", 0},
    {"RANDOM(5, 5)", "5", 0},
    {"RANDOM(1, 0)", NULL, 40},
    {"RANDOM(0, 200000)", NULL, 40},
    {"SYMBOL('abc')", "LIT", 0},
    {"SYMBOL('1abc')", "LIT", 0},
    {"SYMBOL('a b')", "BAD", 0},
    {"VALUE('abc')", "ABC", 0},
    {"VALUE('a b')", NULL, 40},
    {"ARG()", "0", 0},
    {"ARG(1)", "", 0},
    {"ARG(0)", NULL, 40},
    {"LENGTH()", NULL, 40},
    {"LENGTH('a', 'b')", NULL, 40},
    {"NOSUCHFN(1)", NULL, 43},
    {"'LENGTH'('abc')", "3", 0},
    {"length('ab')", "2", 0},
};

static void run_table(const struct fcase *c, size_t n)
{
	for (size_t i = 0; i < n; i++) {
		char src[300], want[400];
		snprintf(src, sizeof src, "say '[' || (%s) || ']'", c[i].expr);
		if (c[i].result)
			snprintf(want, sizeof want, "[%s]\n",
			         strcmp(c[i].expr, "SOURCELINE(1)") == 0 ? src : c[i].result);
		else
			snprintf(want, sizeof want,
			         "DMSREX460E Error %d running TEST EXEC, line 1: ", c[i].error);
		struct tio t = {0};
		int rc = t_run(&t, src, "");
		bool ok = c[i].result ? strcmp(t.out, want) == 0 && rc == 0
		                      : strstr(t.out, want) != NULL && rc == 20000 + c[i].error;
		if (!ok) {
			print_error("%s: want %s (rc %d), got rc %d:\n%s", c[i].expr, want,
			            c[i].result ? 0 : 20000 + c[i].error, rc, t.out);
			fail();
		}
	}
}

static void test_strings(void **s)
{
	(void)s;
	run_table(strings, sizeof strings / sizeof strings[0]);
}
static void test_numbers(void **s)
{
	(void)s;
	run_table(numbers, sizeof numbers / sizeof numbers[0]);
}
static void test_conversions(void **s)
{
	(void)s;
	run_table(conversions, sizeof conversions / sizeof conversions[0]);
}
static void test_others(void **s)
{
	(void)s;
	run_table(others, sizeof others / sizeof others[0]);
}

/* RANDOM: the same seed, the same numbers; all within the bounds. */
static void test_random(void **s)
{
	(void)s;
	struct tio a = {0}, b = {0};
	const char *src = "x = random(1, 6, 42); do 20; x = x random(1, 6); end; say x\n"
	                  "do 200; r = random(10, 20); if r < 10 | r > 20 then say 'out' r; end";
	t_run(&a, src, "");
	t_run(&b, src, "");
	assert_string_equal(a.out, b.out);
	assert_int_equal(strlen(a.out), 21 * 2);
	for (size_t i = 0; i + 1 < strlen(a.out); i += 2)
		assert_true(a.out[i] >= '1' && a.out[i] <= '6');
}

/* QUEUED and the stack seen from built-ins. */
static void test_queued(void **s)
{
	(void)s;
	struct tio t = {0};
	int rc = t_run(&t, "queue 'a'; push 'b'; say queued(); pull x; say x queued()", "");
	assert_int_equal(rc, 0);
	assert_string_equal(t.out, "2\nB 1\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(test_strings),     cmocka_unit_test(test_numbers),
	    cmocka_unit_test(test_conversions), cmocka_unit_test(test_others),
	    cmocka_unit_test(test_random),      cmocka_unit_test(test_queued),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
