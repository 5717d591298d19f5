/* test_printer.c — the 1403 and 3211 printers (devices/printer.c) through
 * channel programs: every write and immediate carriage command with the
 * CSW and the text it leaves in the host file, FCB skips and the fcb=
 * operand, unit exception on channels 9 and 12, fcbcheck, crlf, sense,
 * Sense ID, the UCS commands and Load FCB, option errors. */
#include "urtest.h"

enum { DEV = 0x00E };

/* One program of up to four CCWs; text for each write (data at X'400'+k*X'100'). */
struct pcase {
	const char *opts;
	struct {
		uint8_t cmd, flags;
		const char *text; /* NULL: an immediate command, count 1 */
	} ccw[4];
	const char *csw;
	const char *file;
};

static void run_cases(const char *type, const struct pcase *cases, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		const struct pcase *c = &cases[k];
		struct ctm *m = ur_setup(DEV, type, c->opts);
		for (int j = 0; j < 4 && c->ccw[j].cmd; j++) {
			uint32_t data = 0x400 + 0x100 * (uint32_t)j;
			const char *t = c->ccw[j].text;
			if (t)
				ur_put_ebcdic(m, data, t);
			put_ccw(m, 0x200 + 8 * (uint32_t)j, c->ccw[j].cmd, data, c->ccw[j].flags,
			        t ? (uint16_t)strlen(t) : 1);
		}
		const char *csw = ur_run(m, DEV);
		if (strcmp(csw, c->csw))
			fail_msg("case %zu: CSW %s, expected %s", k, csw, c->csw);
		char buf[512];
		ur_read_file("p.txt", buf, sizeof buf);
		if (strcmp(buf, c->file))
			fail_msg("case %zu: file \"%s\", expected \"%s\"", k, buf, c->file);
		ctm_free(m);
	}
}

#define CC CCW_CC
static const struct pcase carriage[] = {
    {"p.txt", {{0x09, 0, "HELLO"}}, "00000208 0C00 0000", "HELLO\n"},
    {"p.txt", {{0x09, 0, "TRIM   "}}, "00000208 0C00 0000", "TRIM\n"},
    {"p.txt", {{0x01, 0, "OVER"}}, "00000208 0C00 0000", "OVER\r"},
    {"p.txt", {{0x11, 0, "TWO"}}, "00000208 0C00 0000", "TWO\n\n"},
    {"p.txt", {{0x19, 0, "THREE"}}, "00000208 0C00 0000", "THREE\n\n\n"},
    {"p.txt", {{0x01, CC, "OVER"}, {0x09, 0, "____"}}, "00000210 0C00 0000", "OVER\r____\n"},
    {"p.txt", {{0x0B, 0, NULL}}, "00000208 0C00 0001", "\n"},
    {"p.txt", {{0x13, 0, NULL}}, "00000208 0C00 0001", "\n\n"},
    {"p.txt", {{0x1B, 0, NULL}}, "00000208 0C00 0001", "\n\n\n"},
    {"p.txt", {{0x03, 0, NULL}}, "00000208 0C00 0001", ""},
    /* skips: channel 2 is line 7; at line 1 a skip to channel 1 moves nothing */
    {"p.txt", {{0x93, 0, NULL}}, "00000208 0C00 0001", "\n\n\n\n\n\n"},
    {"p.txt", {{0x91, 0, "S"}}, "00000208 0C00 0000", "S\n\n\n\n\n\n"},
    {"p.txt", {{0x8B, 0, NULL}}, "00000208 0C00 0001", ""},
    {"p.txt", {{0x89, 0, "TOP"}}, "00000208 0C00 0000", "TOP\r"},
    /* a skip to a line above starts a new page */
    {"p.txt", {{0x09, CC, "A"}, {0x8B, 0, NULL}}, "00000210 0C00 0001", "A\n\f"},
    {"p.txt", {{0x09, CC, "A"}, {0x89, 0, "B"}}, "00000210 0C00 0000", "A\nB\r\f"},
    {"p.txt",
     {{0x93, CC, NULL}, {0x19, CC, "A"}, {0x91, 0, "B"}},
     "00000218 0C00 0000",
     "\n\n\n\n\n\nA\n\n\nB\f\n\n\n\n\n\n"},
    /* fcb= operand: channel 3 on line 2, 12 on line 4, 9 on line 5 */
    {"p.txt fcb=1:1,2:3,4:12,5:9", {{0x9B, 0, NULL}}, "00000208 0C00 0001", "\n"},
    {"p.txt fcb=1,0,0,0,0,0,0,0,5,0,0,4", {{0x1B, 0, NULL}}, "00000208 0D00 0001", "\n\n\n"},
    {"p.txt fcb=1,0,0,0,0,0,0,0,5,0,0,4", {{0x19, 0, "X"}}, "00000208 0D00 0000", "X\n\n\n"},
    {"p.txt fcb=1,0,0,0,0,0,0,0,5,0,0,4", {{0x13, 0, NULL}}, "00000208 0C00 0001", "\n\n"},
    {"p.txt fcb=1,0,0,0,0,0,0,0,5,0,0,4",
     {{0x13, CC, NULL}, {0x13, 0, NULL}},
     "00000210 0D00 0001",
     "\n\n\n\n"},
    /* unit exception ends the chain */
    {"p.txt fcb=1,0,0,0,0,0,0,0,5,0,0,4",
     {{0x1B, CC, NULL}, {0x09, 0, "NO"}},
     "00000208 0D00 0001",
     "\n\n\n"},
    /* a skip onto channel 12 is no unit exception */
    {"p.txt fcb=1,0,0,0,0,0,0,0,5,0,0,4", {{0xE3, 0, NULL}}, "00000208 0C00 0001", "\n\n\n"},
    /* fcbcheck (default) rejects a skip to an unset channel; nofcbcheck spaces */
    {"p.txt fcb=1:1", {{0x9B, 0, NULL}}, "00000208 0E00 0001", ""},
    {"p.txt fcb=1:1 nofcbcheck", {{0x9B, 0, NULL}}, "00000208 0C00 0001", "\n"},
    {"p.txt crlf", {{0x11, 0, "CR"}}, "00000208 0C00 0000", "CR\r\n\r\n"},
    /* data chaining joins one line */
    {"p.txt", {{0x09, CCW_CD, "AB"}, {0x01, 0, "CD"}}, "00000210 0C00 0000", "ABCD\n"},
    /* UCS commands: accepted, nothing printed */
    {"p.txt",
     {{0xFB, CC, "UCSIMAGE"}, {0xEB, CC, NULL}, {0x73, CC, NULL}, {0x7B, 0, NULL}},
     "00000220 0C00 0001",
     ""},
    /* diagnostic check read, UCS gate and Load UCS buffer: accepted, nothing printed */
    {"p.txt",
     {{0x06, CC, NULL}, {0x23, CC, NULL}, {0x43, CC, NULL}, {0xF3, 0, "UCS"}},
     "00000220 0C00 0000",
     ""},
    /* not a printer command */
    {"p.txt", {{0x02, 0, NULL}}, "00000208 0E00 0001", ""},
    {"p.txt", {{0x0F, 0, NULL}}, "00000208 0E00 0001", ""},
    {"p.txt", {{0x63, 0, "X"}}, "00000208 0E00 0001", ""}, /* Load FCB: 3211 only */
};

static void carriage_commands(void **state)
{
	(void)state;
	run_cases("1403", carriage, sizeof carriage / sizeof carriage[0]);
}

/* The 3211's Load FCB: a line per byte, channel in the low bits, X'10'
 * on the last line. */
static void load_fcb_3211(void **state)
{
	(void)state;
	struct ctm *m = ur_setup(DEV, "3211", "p.txt");
	static const uint8_t img[6] = {0x01, 0x00, 0x05, 0x00, 0x0C, 0x10};
	memcpy(tm_mem(m->t, 0x400), img, sizeof img);
	put_ccw(m, 0x200, 0x63, 0x400, CCW_CC, sizeof img);
	put_ccw(m, 0x208, 0xAB, 0x400, CCW_CC, 1); /* skip to channel 5: line 3 */
	put_ccw(m, 0x210, 0x13, 0x400, 0, 1);      /* space 2 onto line 5: channel 12 */
	assert_string_equal(ur_run(m, DEV), "00000218 0D00 0001");
	put_ccw(m, 0x200, 0x8B, 0x400, 0, 1); /* skip to channel 1: new page */
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0001");
	char buf[64];
	ur_read_file("p.txt", buf, sizeof buf);
	assert_string_equal(buf, "\n\n\n\n\f");
	ctm_free(m);
}

static void long_lines(void **state)
{
	(void)state;
	static const struct {
		const char *type;
		uint16_t count;
		uint8_t flags;
		const char *csw;
		size_t printed;
	} cases[] = {
	    {"1403", 132, 0, "00000208 0C00 0000", 132},
	    {"1403", 140, 0, "00000208 0C40 0008", 132}, /* 132 print positions */
	    {"1403", 140, CCW_SLI, "00000208 0C00 0008", 132},
	    {"3211", 150, 0, "00000208 0C00 0000", 150},
	    {"3211", 151, 0, "00000208 0C40 0001", 150},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = ur_setup(DEV, cases[k].type, "p.txt");
		memset(tm_mem(m->t, 0x400), 0xC1, 200); /* 'A' */
		put_ccw(m, 0x200, 0x09, 0x400, cases[k].flags, cases[k].count);
		assert_string_equal(ur_run(m, DEV), cases[k].csw);
		char buf[512];
		assert_int_equal(ur_read_file("p.txt", buf, sizeof buf), cases[k].printed + 1);
		ctm_free(m);
	}
}

static void sense_and_sense_id(void **state)
{
	(void)state;
	static const struct {
		const char *type;
		uint8_t id[7];
	} cases[] = {
	    {"1403", {0xFF, 0x28, 0x21, 0x01, 0x14, 0x03, 0x01}},
	    {"3211", {0xFF, 0x28, 0x21, 0x01, 0x32, 0x11, 0x01}},
	};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m = ur_setup(DEV, cases[k].type, "p.txt");
		put_ccw(m, 0x200, 0xE4, 0x400, CCW_SLI, 16);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0009");
		assert_memory_equal(tm_mem(m->t, 0x400), cases[k].id, 7);
		/* a reject, then sense: one byte, command reject, then reset */
		put_ccw(m, 0x200, 0x02, 0x400, 0, 1);
		assert_string_equal(ur_run(m, DEV), "00000208 0E00 0001");
		put_ccw(m, 0x200, 0x04, 0x400, CCW_SLI, 4);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0003");
		assert_int_equal(*tm_mem(m->t, 0x400), SNS0_CMDREJ);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0003");
		assert_int_equal(*tm_mem(m->t, 0x400), 0);
		ctm_free(m);
	}
}

static void option_errors(void **state)
{
	(void)state;
	static const struct {
		const char *opts, *err;
	} cases[] = {
	    {"", "missing output file name"},
	    {"p.txt bogus", "unknown option bogus"},
	    {"p.txt fcb=1,2", "bad option fcb=1,2 (expected 12 line numbers, or line:channel pairs)"},
	    {"p.txt fcb=1:13", "bad option fcb=1:13"},
	    {"p.txt fcb=70:1", "fcb channel 1 on line 70 is beyond the 66 lines of a page"},
	    {"p.txt lpp=0", "bad option lpp=0"},
	    {"p.txt lpi=7", "bad option lpi=7"},
	    {"p.txt index=32", "bad option index=32"},
	    {"/nonexistent/dir/p.txt", "cannot open /nonexistent/dir/p.txt"},
	};
	ur_chdir();
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = ctm_new();
		char err[200] = "";
		assert_int_equal(ur_attach(m, DEV, "1403", cases[k].opts, err, sizeof err), -1);
		if (strncmp(err, cases[k].err, strlen(cases[k].err)))
			fail_msg("%s: \"%s\", expected \"%s\"", cases[k].opts, err, cases[k].err);
		ctm_free(m);
	}
	/* accepted Hercules operands */
	struct ctm *m = ctm_new();
	char err[200] = "";
	assert_int_equal(ur_attach(m, DEV, "1403", "p.txt crlf noclear browse print lpi=8 index=3 lpp=70",
	                           err, sizeof err),
	                 0);
	assert_string_equal(err, "");
	/* Hercules options we do not emulate: accepted, one warning naming them */
	assert_int_equal(ur_attach(m, DEV + 1, "1403", "p2.txt rawcc", err, sizeof err), 0);
	assert_string_equal(err, "option rawcc is not emulated");
	assert_int_equal(ur_attach(m, DEV + 2, "3211", "localhost:1403 sockdev crlf", err, sizeof err), 0);
	assert_string_equal(err, "option sockdev is not emulated: the output is discarded");
	assert_int_equal(access("localhost:1403", F_OK), -1); /* no file by the socket's name */
	ctm_free(m);
}

/* noclear appends; detach flushes and closes. */
static void noclear_and_detach(void **state)
{
	(void)state;
	struct ctm *m = ur_setup(DEV, "1403", "p.txt");
	ur_put_ebcdic(m, 0x400, "ONE");
	put_ccw(m, 0x200, 0x09, 0x400, 0, 3);
	ur_run(m, DEV);
	char err[100];
	assert_int_equal(chan_detach(m->cs, DEV, err, sizeof err), 0);
	assert_int_equal(ur_attach(m, DEV, "1403", "p.txt noclear", err, sizeof err), 0);
	ur_run(m, DEV);
	assert_int_equal(chan_detach(m->cs, DEV, err, sizeof err), 0);
	char buf[64];
	ur_read_file("p.txt", buf, sizeof buf);
	assert_string_equal(buf, "ONE\nONE\n");
	ctm_free(m);
}

/* A host write error (/dev/full): equipment check, and a console message. */
static void host_write_error(void **state)
{
	(void)state;
	struct ctm *m = ur_setup(DEV, "1403", "/dev/full");
	ur_put_ebcdic(m, 0x400, "LOST");
	put_ccw(m, 0x200, 0x09, 0x400, 0, 4);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	assert_non_null(strstr(m->out, "000E: cannot write /dev/full"));
	put_ccw(m, 0x200, 0x04, 0x400, 0, 1);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x400), SNS0_EQUIP);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(carriage_commands), cmocka_unit_test(load_fcb_3211),
	    cmocka_unit_test(long_lines),        cmocka_unit_test(sense_and_sense_id),
	    cmocka_unit_test(option_errors),     cmocka_unit_test(noclear_and_detach),
	    cmocka_unit_test(host_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
