/* test_commands.c — operator commands: address parsing, storage display
 * format, and commands run against a machine (no CPU thread needed). */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "testcpu.h"
#include "commands.h"

static void parse_hex(void **state)
{
	(void)state;
	uint32_t v;
	assert_int_equal(cmd_parse_hex("0", &v), 0);
	assert_int_equal(v, 0);
	assert_int_equal(cmd_parse_hex("fFfFfFfF", &v), 0);
	assert_true(v == 0xFFFFFFFFu);
	static const char *const bad[] = {"", "123456789", "12 ", "0x10", "-1", "G", "1.5"};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++)
		if (cmd_parse_hex(bad[k], &v) == 0)
			fail_msg("\"%s\" accepted", bad[k]);
}

static void parse_range(void **state)
{
	(void)state;
	const uint32_t M16 = 16u << 20;
	static const struct {
		const char *s;
		uint32_t size, start, len;
		const char *err;
	} cases[] = {
	    {"100", 16u << 20, 0x100, 64, NULL},
	    {"100-1FF", 16u << 20, 0x100, 0x100, NULL},
	    {"100.20", 16u << 20, 0x100, 0x20, NULL},
	    {"0-0", 16u << 20, 0, 1, NULL},
	    {"FFFFF0", 16u << 20, 0xFFFFF0, 16, NULL}, /* default length ends at the end of storage */
	    {"FFFFF0.10", 16u << 20, 0xFFFFF0, 16, NULL},
	    {"1000000", 16u << 20, 0, 0, "address 1000000 is beyond main storage (16M)"},
	    {"100000", 1u << 20, 0, 0, "address 100000 is beyond main storage (1M)"},
	    {"FFFFF0.11", 16u << 20, 0, 0, "address 1000000 is beyond main storage (16M)"},
	    {"100-1000000", 16u << 20, 0, 0, "address 1000000 is beyond main storage (16M)"},
	    {"200-100", 16u << 20, 0, 0, "end address 100 is below start address 200"},
	    {"100.0", 16u << 20, 0, 0, "length must not be zero"},
	    {"zz", 16u << 20, 0, 0, "zz is not a hexadecimal address"},
	    {"", 16u << 20, 0, 0, "(nothing) is not a hexadecimal address"},
	    {"100-", 16u << 20, 0, 0, "(nothing) is not a hexadecimal address"},
	    {"100.x", 16u << 20, 0, 0, "x is not a hexadecimal length"},
	    {"123456789", 16u << 20, 0, 0, "123456789 is not a hexadecimal address"},
	};
	(void)M16;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		uint32_t start = 0xDEAD, len = 0xBEEF;
		char err[128] = "";
		int rc = cmd_parse_range(cases[k].s, cases[k].size, 64, &start, &len, err, sizeof err);
		if (cases[k].err) {
			if (rc != -1 || strcmp(err, cases[k].err))
				fail_msg("\"%s\": rc %d, \"%s\", expected \"%s\"", cases[k].s, rc, err,
				         cases[k].err);
		} else {
			if (rc != 0 || start != cases[k].start || len != cases[k].len)
				fail_msg("\"%s\": rc %d (%s) start %X len %X", cases[k].s, rc, err, start,
				         len);
		}
	}
}

static void format_line(void **state)
{
	(void)state;
	const uint8_t b[16] = {0xC8, 0x85, 0x93, 0x93, 0x96, 0x40, 0xE6, 0xF0,
	                       0x4B, 0x00, 0xFF, 0x81, 0xC1, 0x5B, 0x7C, 0x61};
	char out[100];
	cmd_format_line('R', 0x100, b, 16, out, sizeof out);
	assert_string_equal(out, "R:00000100  C8859393 9640E6F0 4B00FF81 C15B7C61  *Hello W0...aA$@/*");
	cmd_format_line('V', 0xFFFFF0, b, 5, out, sizeof out);
	assert_string_equal(out, "V:00FFFFF0  C8859393 96                          *Hello*");
}

static void ebcdic(void **state)
{
	(void)state;
	const char *want = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";
	const uint8_t codes[] = {0x81, 0x82, 0x83, 0x84, 0x85, 0x86, 0x87, 0x88, 0x89, 0x91, 0x92, 0x93, 0x94,
	                         0x95, 0x96, 0x97, 0x98, 0x99, 0xA2, 0xA3, 0xA4, 0xA5, 0xA6, 0xA7, 0xA8, 0xA9,
	                         0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0xD1, 0xD2, 0xD3, 0xD4,
	                         0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9,
	                         0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9};
	for (size_t k = 0; k < sizeof codes; k++)
		assert_int_equal(cmd_ebcdic_char(codes[k]), want[k]);
	assert_int_equal(cmd_ebcdic_char(0x40), ' ');
	assert_int_equal(cmd_ebcdic_char(0x00), '.');
	assert_int_equal(cmd_ebcdic_char(0xFF), '.');
	assert_int_equal(cmd_ebcdic_char(0x7D), '\'');
}

/* ---- commands against a machine ---- */

struct tcon {
	struct machine m;
	struct console con;
	struct cmd_ctx x;
	FILE *f;
	char *buf;
	size_t len, seen;
};

static struct tcon *tcon_new(void)
{
	struct tcon *t = calloc(1, sizeof *t);
	struct config cfg;
	config_defaults(&cfg);
	cfg.mainsize_mb = 1;
	assert_int_equal(machine_init(&t->m, &cfg), 0);
	t->f = open_memstream(&t->buf, &t->len);
	assert_int_equal(console_init(&t->con, t->f), 0);
	cmd_init(&t->x, &t->m, &t->con);
	return t;
}

static void tcon_free(struct tcon *t)
{
	machine_shutdown(&t->m);
	console_close(&t->con);
	fclose(t->f);
	free(t->buf);
	free(t);
}

/* Run one command; return what it printed. */
static const char *run(struct tcon *t, const char *cmd, int want_rc)
{
	int rc = cmd_execute(&t->x, cmd);
	fflush(t->f);
	const char *out = t->buf + t->seen;
	t->seen = t->len;
	if (rc != want_rc)
		fail_msg("\"%s\": rc %d, output: %s", cmd, rc, out);
	return out;
}

static void gpr_and_cr(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	t->m.cpu.gpr[15] = 0x00012345;
	assert_string_equal(run(t, "gpr 1=DEADBEEF", 0),
	                    "GR00=00000000 GR01=DEADBEEF GR02=00000000 GR03=00000000\n"
	                    "GR04=00000000 GR05=00000000 GR06=00000000 GR07=00000000\n"
	                    "GR08=00000000 GR09=00000000 GR10=00000000 GR11=00000000\n"
	                    "GR12=00000000 GR13=00000000 GR14=00000000 GR15=00012345\n");
	assert_true(t->m.cpu.gpr[1] == 0xDEADBEEF);
	run(t, "GPR 15 = 7", 0);
	assert_int_equal(t->m.cpu.gpr[15], 7);
	assert_string_equal(run(t, "gpr 16=1", -1), "gpr: 16 is not a register number 0-15\n");
	assert_string_equal(run(t, "gpr 1=123456789", -1),
	                    "gpr: 123456789 is not a hexadecimal value of at most 8 digits\n");
	assert_string_equal(run(t, "gpr 1", -1), "gpr: expected N=hex to set register N (0-15)\n");
	const char *out = run(t, "cr 1=00FFF000", 0);
	assert_non_null(strstr(out, "CR00=000000E0 CR01=00FFF000 CR02=FFFFFFFF CR03=00000000\n"));
	assert_true(t->m.cpu.cr[1] == 0x00FFF000);
	run(t, "fpr 4=4110000000000000", 0);
	assert_true(t->m.cpu.fpr[2] == 0x4110000000000000ull);
	assert_string_equal(run(t, "fpr", 0), "FPR0=0000000000000000 FPR2=0000000000000000\n"
	                                      "FPR4=4110000000000000 FPR6=0000000000000000\n");
	assert_string_equal(run(t, "fpr 1=0", -1), "fpr: expected N=hex with N = 0, 2, 4 or 6\n");
	tcon_free(t);
}

static void psw(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	assert_string_equal(run(t, "psw", 0), "PSW=00000000 00000000\n");
	assert_string_equal(run(t, "psw sm=FF key=3 cmwp=2 cc=2 pm=F ia=123456", 0),
	                    "PSW=FF320000 2F123456\n");
	assert_int_equal(t->m.cpu.psw.key, 3);
	assert_int_equal(t->m.cpu.psw.cc, 2);
	assert_true(t->m.cpu.psw.ia == 0x123456);
	/* EC mode: CC and program mask move to byte 2 */
	assert_string_equal(run(t, "psw sm=04 cmwp=8", 0), "PSW=04382F00 00123456\n");
	assert_true(cpu_dat_on(&t->m.cpu));
	assert_string_equal(run(t, "psw ia=1000000", -1),
	                    "psw: ia=1000000 is out of range (at most FFFFFF)\n");
	assert_string_equal(run(t, "psw cc=4", -1), "psw: cc=4 is out of range (at most 3)\n");
	assert_string_equal(run(t, "psw xx=1", -1), "psw: unknown field xx (sm, key, cmwp, cc, pm, ia)\n");
	assert_string_equal(run(t, "psw ia", -1),
	                    "psw: ia: expected FIELD=hex (sm, key, cmwp, cc, pm, ia)\n");
	tcon_free(t);
}

static void real_storage(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	assert_string_equal(run(t, "r 100=C1C2C3 40F1", 0),
	                    "R:00000100  C1C2C340 F1                          *ABC 1*\n");
	assert_int_equal(t->m.st.mem[0x104], 0xF1);
	assert_string_equal(run(t, "r 0F8-107", 0),
	                    "R:000000F8  00000000 00000000 C1C2C340 F1000000  *........ABC 1...*\n");
	assert_string_equal(run(t, "r 100.4", 0),
	                    "R:00000100  C1C2C340                             *ABC *\n");
	const char *out = run(t, "r 0", 0); /* default: 64 bytes */
	int lines = 0;
	for (const char *p = out; *p; p++)
		lines += *p == '\n';
	assert_int_equal(lines, 4);
	assert_string_equal(run(t, "r 100000", -1), "r: address 100000 is beyond main storage (1M)\n");
	assert_string_equal(run(t, "r 1000000", -1), "r: address 1000000 is beyond main storage (1M)\n");
	assert_string_equal(run(t, "r FFFFF=0102", -1), "r: 00100000: addressing exception\n");
	assert_int_equal(t->m.st.mem[0xFFFFF], 0); /* all or nothing */
	assert_string_equal(run(t, "r 100=ABC", -1),
	                    "r: expected an even number of hexadecimal digits (at most 256 bytes) after =\n");
	assert_string_equal(run(t, "r", -1), "r: expected ADDR[-END|.LEN][=hexbytes]\n");
	/* prefixing: real 0-FFF is the prefix area */
	t->m.cpu.prefix = 0x2000;
	run(t, "r 0=FE", 0);
	assert_int_equal(t->m.st.mem[0x2000], 0xFE);
	assert_int_equal(t->m.st.mem[0], 0);
	tcon_free(t);
}

static void virtual_storage(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	run(t, "r 3010=CAFEBABE", 0);
	/* DAT off: v is real */
	assert_string_equal(run(t, "v 3010.4", 0),
	                    "V:00003010  CAFEBABE                             *..[.*\n");
	/* 64K segments, 4K pages; segment table at 1000, one page table at 2000 */
	run(t, "cr 0=00800000", 0);
	run(t, "cr 1=00001000", 0);
	run(t, "r 1000=00000001", 0); /* segment 0 invalid */
	run(t, "psw sm=04 cmwp=8", 0);
	assert_string_equal(run(t, "v 10.4", -1), "V:00000010  segment-translation exception\n");
	run(t, "r 1000=00002000", 0); /* valid, PTL 0: one sixteenth of a page table */
	run(t, "r 2000=0030", 0);     /* page 0 -> frame 3000 */
	assert_string_equal(run(t, "v 10.4", 0), "V:00000010  CAFEBABE                             *..[.*\n");
	assert_string_equal(run(t, "v 5000", -1), "V:00005000  page-translation exception\n");
	run(t, "v 14=0102", 0);
	assert_int_equal(t->m.st.mem[0x3014], 0x01);
	assert_string_equal(run(t, "v 1000000", -1), "v: address 1000000 is beyond main storage (16M)\n");
	tcon_free(t);
}

static void files(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	char path[] = "/tmp/s370cmdXXXXXX";
	int fd = mkstemp(path);
	assert_true(fd >= 0);
	assert_int_equal(write(fd, "\x01\x02\x03\x04\x05", 5), 5);
	close(fd);
	char cmd[128], want[160];
	snprintf(cmd, sizeof cmd, "loadcore %s 200", path);
	snprintf(want, sizeof want, "loadcore: 5 bytes loaded at 00000200 from %s\n", path);
	assert_string_equal(run(t, cmd, 0), want);
	assert_memory_equal(t->m.st.mem + 0x200, "\x01\x02\x03\x04\x05", 5);
	snprintf(cmd, sizeof cmd, "savecore %s 201 203", path);
	snprintf(want, sizeof want, "savecore: 3 bytes saved from 00000201-00000203 to %s\n", path);
	assert_string_equal(run(t, cmd, 0), want);
	memset(t->m.st.mem + 0x200, 0, 8);
	snprintf(cmd, sizeof cmd, "loadcore %s", path);
	run(t, cmd, 0);
	assert_memory_equal(t->m.st.mem, "\x02\x03\x04", 3);
	/* near the end of storage: truncated */
	snprintf(cmd, sizeof cmd, "loadcore %s FFFFE", path);
	snprintf(want, sizeof want,
	         "loadcore: 2 bytes loaded at 000FFFFE from %s (truncated at the end of storage)\n", path);
	assert_string_equal(run(t, cmd, 0), want);
	snprintf(cmd, sizeof cmd, "savecore %s 300 200", path);
	assert_string_equal(run(t, cmd, -1), "savecore: end address 200 is below start address 300\n");
	assert_string_equal(run(t, "loadcore /nonexistent/file", -1),
	                    "loadcore: /nonexistent/file: No such file or directory\n");
	assert_string_equal(run(t, "loadcore", -1), "loadcore: expected loadcore FILE [ADDR]\n");

	/* scripts: commands echoed, nested scripts, comments skipped */
	FILE *f = fopen(path, "w");
	fputs("# comment\ngpr 2=5\n\npause 0\n", f);
	fclose(f);
	snprintf(cmd, sizeof cmd, "script %s", path);
	const char *out = run(t, cmd, 0);
	assert_non_null(strstr(out, "> gpr 2=5\n"));
	assert_non_null(strstr(out, "> pause 0\n"));
	assert_null(strstr(out, "comment"));
	assert_int_equal(t->m.cpu.gpr[2], 5);
	f = fopen(path, "w");
	fprintf(f, "script %s\n", path); /* itself: stops at the nesting limit */
	fclose(f);
	out = run(t, cmd, -1);
	assert_non_null(strstr(out, "scripts nested more than 8 deep"));
	unlink(path);
	tcon_free(t);
}

static void misc(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	assert_string_equal(run(t, "frobnicate 1", -1), "frobnicate: unknown command (help lists them)\n");
	assert_string_equal(run(t, "", 0), "");
	assert_string_equal(run(t, "# comment", 0), "");
	assert_string_equal(run(t, "ipl 190", -1), "ipl: no device 0190\n");
	assert_string_equal(run(t, "ipl xyz", -1),
	                    "ipl: expected a device address (1-4 hexadecimal digits)\n");
	assert_string_equal(run(t, "archmode", 0), "ARCHMODE S/370 (S37X ON)\n");
	assert_string_equal(run(t, "archmode ESA/390", -1),
	                    "archmode: ESA/390 is not supported: s370 emulates System/370 only\n");
	assert_string_equal(run(t, "pause x", -1), "pause: expected a number of seconds (0-86400)\n");
	run(t, "ext", 0);
	assert_true(t->m.cpu.ext_pending & EXTP_INTKEY);
	run(t, "t+ 10", 0);
	assert_true(t->m.cpu.trace);
	assert_int_equal(t->m.cpu.tracemax, 0x10);
	run(t, "t-", 0);
	assert_false(t->m.cpu.trace);
	t->m.cpu.psw.ia = 0x1234;
	t->m.st.mem[5] = 0x77;
	run(t, "sysclear", 0);
	assert_int_equal(t->m.cpu.psw.ia, 0);
	assert_int_equal(t->m.st.mem[5], 0);
	assert_false(t->m.cpu.ext_pending & EXTP_INTKEY);
	const char *out = run(t, "help", 0);
	for (const struct cmd *c = cmd_table; c->name; c++) {
		char name[32];
		snprintf(name, sizeof name, "  %s ", c->name);
		if (!strstr(out, name))
			fail_msg("help lacks %s", c->name);
	}
	assert_false(t->x.quit);
	run(t, "quit", 0);
	assert_true(t->x.quit);
	tcon_free(t);
}

/* The CPU thread: restart into a disabled-wait PSW reports the stop. */
static int stops;
static void count_stop(struct machine *m, void *ctx)
{
	(void)ctx;
	if (m->cpu.waiting)
		__atomic_fetch_add(&stops, 1, __ATOMIC_SEQ_CST);
}

static void cpu_thread_disabled_wait(void **state)
{
	(void)state;
	struct tcon *t = tcon_new();
	t->m.on_stop = count_stop;
	assert_int_equal(machine_start_thread(&t->m), 0);
	run(t, "r 0=00020000 00000BAD", 0);
	run(t, "restart", 0);
	for (int k = 0; k < 200 && !__atomic_load_n(&stops, __ATOMIC_SEQ_CST); k++)
		usleep(10000);
	assert_int_equal(stops, 1);
	assert_false(machine_running(&t->m));
	assert_string_equal(run(t, "psw", 0), "PSW=00020000 00000BAD\n");
	/* restart old PSW stored at 8 */
	assert_memory_equal(t->m.st.mem + 8, "\x00\x00\x00\x00\x00\x00\x00\x00", 8);
	/* an enabled wait keeps running until stop */
	run(t, "r 0=02020000 00000000", 0); /* I/O-enabled wait: nothing comes */
	run(t, "restart", 0);
	usleep(20000);
	assert_true(machine_running(&t->m));
	assert_string_equal(run(t, "gpr 1=1", -1), "gpr: the CPU must be stopped first (stop)\n");
	const char *out = run(t, "stop", 0);
	assert_string_equal(out, "CPU0000: stopped\nPSW=02020000 00000000\n");
	assert_false(machine_running(&t->m));
	assert_int_equal(stops, 1);
	tcon_free(t);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(parse_hex),
	    cmocka_unit_test(parse_range),
	    cmocka_unit_test(format_line),
	    cmocka_unit_test(ebcdic),
	    cmocka_unit_test(gpr_and_cr),
	    cmocka_unit_test(psw),
	    cmocka_unit_test(real_storage),
	    cmocka_unit_test(virtual_storage),
	    cmocka_unit_test(files),
	    cmocka_unit_test(misc),
	    cmocka_unit_test(cpu_thread_disabled_wait),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
