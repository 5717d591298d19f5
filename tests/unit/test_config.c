/* test_config.c — configuration statements: values, STIDP, TOD offset, and
 * that every bad line is refused with its file and line. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testcpu.h"
#include "config.h"
#include "tcfg.h"

static void defaults(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(t->cfg.mainsize_mb, 16);
	assert_true(t->cfg.s37x);
	assert_int_equal(t->cfg.numcpu, 1);
	assert_int_equal(t->cfg.sysepoch, 1900);
	assert_int_equal(t->cfg.cnslport, 3270);
	assert_true(config_tod_offset(&t->cfg) == 0);
	assert_true(config_cpuid(&t->cfg, 0x0000014531680000ull) == 0x0000014531680000ull);
	tc_free(t);
}

static void good_statements(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	static const char *const ok[] = {
	    "ARCHMODE S/370",
	    "archmode s370",
	    "  MAINSIZE 4   # four megabytes",
	    "mainsize 8M",
	    "NUMCPU 1",
	    "CPUSERIAL 0A1B2C",
	    "CPUMODEL 3033",
	    "CPUVERID fd",
	    "CNSLPORT 3280",
	    "S37X OFF",
	    "LOADPARM vm370a",
	    "# comment",
	    "* comment",
	    "",
	    "   ",
	    "\t",
	    "TIMERINT DEFAULT",
	    "CODEPAGE 037/500",
	    "DIAG8CMD ENABLE ECHO",
	};
	for (size_t k = 0; k < sizeof ok / sizeof ok[0]; k++) {
		if (line(t, ok[k]))
			fail_msg("\"%s\" refused: %s", ok[k], tc_msg(t));
	}
	assert_string_equal(tc_msg(t), "");
	assert_int_equal(t->cfg.mainsize_mb, 8);
	assert_false(t->cfg.s37x);
	assert_int_equal(t->cfg.cnslport, 3280);
	assert_string_equal(t->cfg.cnslhost, "");
	assert_string_equal(t->cfg.loadparm, "VM370A");
	assert_string_equal(t->cfg.codepage, "037/500");
	assert_string_equal(t->cfg.diag8cmd, "ENABLE ECHO");
	/* STIDP: version FD, serial 0A1B2C, model 3033, 0000 */
	assert_true(config_cpuid(&t->cfg, 0) == 0xFD0A1B2C30330000ull);
	assert_int_equal(line(t, "CNSLPORT 127.0.0.1:3271"), 0);
	assert_string_equal(t->cfg.cnslhost, "127.0.0.1");
	assert_int_equal(t->cfg.cnslport, 3271);
	tc_free(t);
}

static void cpuid_keeps_unset_fields(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "CPUSERIAL 12"), 0);
	assert_true(config_cpuid(&t->cfg, 0xAB00014531680000ull) == 0xAB00001231680000ull);
	tc_free(t);
}

/* Each bad line: the exact "t.cnf:7: ..." message, nothing else. */
static void errors_name_file_and_line(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} bad[] = {
	    {"ARCHMODE ESA/390",
	     "t.cnf:7: ARCHMODE ESA/390 is not supported: s370 emulates System/370 only\n"},
	    {"ARCHMODE z/Arch", "t.cnf:7: ARCHMODE z/Arch is not supported: s370 emulates System/370 only\n"},
	    {"ARCHMODE S/360", "t.cnf:7: ARCHMODE S/360: expected S/370\n"},
	    {"ARCHMODE", "t.cnf:7: ARCHMODE: expected S/370\n"},
	    {"MAINSIZE 0", "t.cnf:7: MAINSIZE 0: expected a number of megabytes from 1 to 16\n"},
	    {"MAINSIZE 17", "t.cnf:7: MAINSIZE 17: expected a number of megabytes from 1 to 16\n"},
	    {"MAINSIZE 1x", "t.cnf:7: MAINSIZE 1x: expected a number of megabytes from 1 to 16\n"},
	    {"MAINSIZE 4 5", "t.cnf:7: MAINSIZE 4: unexpected operand '5' (expected megabytes)\n"},
	    {"NUMCPU 2", "t.cnf:7: NUMCPU 2: s370 emulates one CPU: expected 1\n"},
	    {"CPUSERIAL 1234567", "t.cnf:7: CPUSERIAL 1234567: expected 1 to 6 hexadecimal digits\n"},
	    {"CPUSERIAL 12G4", "t.cnf:7: CPUSERIAL 12G4: expected 1 to 6 hexadecimal digits\n"},
	    {"CPUMODEL 31680", "t.cnf:7: CPUMODEL 31680: expected 1 to 4 hexadecimal digits\n"},
	    {"CPUVERID 100", "t.cnf:7: CPUVERID 100: expected 1 or 2 hexadecimal digits\n"},
	    {"CNSLPORT 70000", "t.cnf:7: CNSLPORT 70000: expected a port number 0-65535 or host:port\n"},
	    {"CNSLPORT host:", "t.cnf:7: CNSLPORT host:: expected a port number 0-65535 or host:port\n"},
	    {"S37X MAYBE", "t.cnf:7: S37X MAYBE: expected ON or OFF\n"},
	    {"LOADPARM 123456789", "t.cnf:7: LOADPARM 123456789: expected at most 8 characters\n"},
	    {"SYSEPOCH 1700", "t.cnf:7: SYSEPOCH 1700: expected a year such as 1900 or 1960\n"},
	    {"YROFFSET 200", "t.cnf:7: YROFFSET 200: expected a number of years from -142 to +142\n"},
	    {"TZOFFSET +2500", "t.cnf:7: TZOFFSET +2500: expected +hhmm or -hhmm\n"},
	    {"TZOFFSET +0560", "t.cnf:7: TZOFFSET +0560: expected +hhmm or -hhmm\n"},
	    {"TZOFFSET 5", "t.cnf:7: TZOFFSET 5: expected +hhmm or -hhmm\n"},
	    {"TIMERINT fast", "t.cnf:7: TIMERINT fast: expected DEFAULT or a number of microseconds\n"},
	    {"DIAG8CMD MAYBE", "t.cnf:7: DIAG8CMD MAYBE: expected ENABLE or DISABLE, then ECHO or NOECHO\n"},
	    {"FROBNICATE 1", "t.cnf:7: unknown statement FROBNICATE\n"},
	    {"0009", "t.cnf:7: device 0009: expected a device type after the address\n"},
	    {"0191-0190 3330 x",
	     "t.cnf:7: 0191-0190: expected a device address such as 0009, 00C0.8 or 0190-0191\n"},
	    {"00C0.0 3270", "t.cnf:7: 00C0.0: expected a device address such as 0009, 00C0.8 or 0190-0191\n"},
	    {"12345 3270", "t.cnf:7: 12345: expected a device address such as 0009, 00C0.8 or 0190-0191\n"},
	    {"MAINSIZE\x01 4", "t.cnf:7: expected text, found control character X'01' in column 9\n"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		struct tcfg *t = tc_new();
		if (line(t, bad[k].text) != -1)
			fail_msg("\"%s\" accepted", bad[k].text);
		if (strcmp(tc_msg(t), bad[k].msg))
			fail_msg("\"%s\": got \"%s\", expected \"%s\"", bad[k].text, tc_msg(t), bad[k].msg);
		tc_free(t);
	}
}

static void warnings_for_known_statements(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "panrate 50"), 0);
	assert_int_equal(line(t, "ECPSVM YES TRAP"), 0);
	assert_string_equal(tc_msg(t), "t.cnf:7: warning: PANRATE is accepted but has no effect in s370\n"
	                               "t.cnf:7: warning: ECPSVM is accepted but has no effect in s370\n");
	tc_free(t);
}

static void device_statements(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "DEFSYM DIR /images"), 0);
	assert_int_equal(line(t, "0009 3215"), 0);
	assert_int_equal(line(t, "00C0.8 3270"), 0);
	assert_int_equal(line(t, "0190-0191,0A0 3330 $(DIR)/d.$(CUU) \"two words\" # comment"), 0);
	assert_int_equal(t->cfg.ndevs, 3);
	/* the parser only records them: devices/ builds them */
	assert_string_equal(tc_msg(t), "");
	const struct config_dev *d = &t->cfg.devs[1];
	assert_int_equal(d->nranges, 1);
	assert_int_equal(d->ranges[0].first, 0xC0);
	assert_int_equal(d->ranges[0].last, 0xC7);
	assert_string_equal(d->type, "3270");
	d = &t->cfg.devs[2];
	assert_int_equal(d->nranges, 2);
	assert_int_equal(d->ranges[0].first, 0x190);
	assert_int_equal(d->ranges[0].last, 0x191);
	assert_int_equal(d->ranges[1].first, 0xA0);
	assert_int_equal(d->nargs, 2);
	assert_string_equal(d->args[0], "/images/d.$(CUU)");
	assert_string_equal(d->args[1], "two words");
	char arg[64];
	config_dev_arg(d, 0, 0x191, arg, sizeof arg);
	assert_string_equal(arg, "/images/d.191");
	tc_free(t);
}

static void symbols(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "DEFSYM SIZE 2"), 0);
	assert_int_equal(line(t, "MAINSIZE $(SIZE)"), 0);
	assert_int_equal(t->cfg.mainsize_mb, 2);
	char out[64];
	setenv("S370_TEST_SYM", "env", 1);
	assert_true(
	    config_substitute(&t->cfg, "a$(S370_TEST_SYM)b$(UNDEFINED_XYZ)c$$(SIZE)", out, sizeof out));
	assert_string_equal(out, "aenvbc$$(SIZE)");
	assert_true(config_substitute(&t->cfg, "$$$(SIZE)", out, sizeof out));
	assert_string_equal(out, "$2");
	tc_free(t);
}

/* TOD offsets in TOD units (bit 51 = 1 us). */
static void tod_offset(void **state)
{
	(void)state;
	const int64_t sec = 1000000LL * 4096;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "SYSEPOCH 1960"), 0);
	/* 1900-1960: 60 years with 14 leap days (1904..1956) */
	assert_true(config_tod_offset(&t->cfg) == -(int64_t)(60 * 365 + 14) * 86400 * sec);
	tc_free(t);

	t = tc_new();
	assert_int_equal(line(t, "YROFFSET -28"), 0);
	assert_true(config_tod_offset(&t->cfg) == -(int64_t)10227 * 86400 * sec);
	assert_int_equal(line(t, "TZOFFSET +0130"), 0);
	assert_true(config_tod_offset(&t->cfg) == (-(int64_t)10227 * 86400 + 5400) * sec);
	tc_free(t);

	t = tc_new();
	assert_int_equal(line(t, "SYSEPOCH 1900 +28"), 0);
	assert_int_equal(t->cfg.yroffset, 28);
	assert_int_equal(line(t, "TZOFFSET -0500"), 0);
	assert_true(config_tod_offset(&t->cfg) == ((int64_t)10227 * 86400 - 18000) * sec);
	tc_free(t);
}

/* Files: INCLUDE, line numbers inside included files, missing files. */
static void files_and_include(void **state)
{
	(void)state;
	char dir[] = "/tmp/s370cfgXXXXXX";
	assert_non_null(mkdtemp(dir));
	char main_path[64], inc_path[64], bad_path[64];
	snprintf(main_path, sizeof main_path, "%s/main.cnf", dir);
	snprintf(inc_path, sizeof inc_path, "%s/inc.cnf", dir);
	snprintf(bad_path, sizeof bad_path, "%s/bad.cnf", dir);
	FILE *f = fopen(inc_path, "w");
	fputs("# included\nMAINSIZE 3\n", f);
	fclose(f);
	f = fopen(main_path, "w");
	fputs("ARCHMODE S/370\r\nINCLUDE inc.cnf\nS37X OFF\n", f); /* relative to main.cnf */
	fclose(f);
	f = fopen(bad_path, "w");
	fputs("ARCHMODE S/370\nINCLUDE inc.cnf\n\nMAINSIZE lots\n", f);
	fclose(f);

	struct tcfg *t = tc_new();
	assert_int_equal(config_load(&t->cfg, main_path), 0);
	assert_int_equal(t->cfg.mainsize_mb, 3);
	assert_false(t->cfg.s37x);
	tc_free(t);

	t = tc_new();
	assert_int_equal(config_load(&t->cfg, bad_path), -1);
	char want[128];
	snprintf(want, sizeof want, "%s:4: MAINSIZE lots: expected a number of megabytes from 1 to 16\n",
	         bad_path);
	assert_string_equal(tc_msg(t), want);
	tc_free(t);

	/* An INCLUDE of itself ends at the nesting limit, with a message. */
	f = fopen(bad_path, "w");
	fputs("INCLUDE bad.cnf\n", f);
	fclose(f);
	t = tc_new();
	assert_int_equal(config_load(&t->cfg, bad_path), -1);
	assert_non_null(strstr(tc_msg(t), "nested more than 8 levels deep"));
	tc_free(t);

	t = tc_new();
	assert_int_equal(config_load(&t->cfg, "/nonexistent/x.cnf"), -1);
	assert_string_equal(tc_msg(t), "/nonexistent/x.cnf: No such file or directory\n");
	tc_free(t);

	unlink(main_path);
	unlink(inc_path);
	unlink(bad_path);
	rmdir(dir);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults),
	    cmocka_unit_test(good_statements),
	    cmocka_unit_test(cpuid_keeps_unset_fields),
	    cmocka_unit_test(errors_name_file_and_line),
	    cmocka_unit_test(warnings_for_known_statements),
	    cmocka_unit_test(device_statements),
	    cmocka_unit_test(symbols),
	    cmocka_unit_test(tod_offset),
	    cmocka_unit_test(files_and_include),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
