/* test_cardpch.c — the 2540P and 3525 card punches (devices/cardpch.c)
 * through channel programs: EBCDIC and ASCII files, short and long counts,
 * stacker-select variants, feed, crlf, noclear, sense, Sense ID, option
 * errors. */
#include "urtest.h"

enum { DEV = 0x00D };

struct pcase {
	const char *opts;
	uint8_t cmd, flags;
	const char *text;
	uint16_t count;
	const char *csw;
	const char *file; /* ascii: the text; ebcdic: NULL, checked apart */
};

static const struct pcase cases[] = {
    {"c.txt ascii", 0x01, 0, "HELLO CARD", 80, "00000208 0C00 0000", "HELLO CARD\n"}, /* blanks trimmed */
    {"c.txt ascii", 0x01, CCW_SLI, "SHORT", 5, "00000208 0C00 0000", "SHORT\n"},
    {"c.txt ascii", 0x01, 0, "SHORT", 5, "00000208 0C40 0000", "SHORT\n"}, /* under 80: IL */
    {"c.txt ascii", 0x41, CCW_SLI, "STACKER 2   ", 12, "00000208 0C00 0000", "STACKER 2\n"},
    {"c.txt ascii", 0x81, CCW_SLI, "RP3", 3, "00000208 0C00 0000", "RP3\n"},
    {"c.txt ascii crlf", 0x01, CCW_SLI, "CRLF", 4, "00000208 0C00 0000", "CRLF\r\n"},
    {"c.txt ascii", 0x03, 0, NULL, 1, "00000208 0C00 0001", ""},
    {"c.txt ascii", 0x23, 0, NULL, 1, "00000208 0C00 0001", ""}, /* feed, select stacker */
    {"c.txt ascii", 0x02, 0, NULL, 1, "00000208 0E00 0001", ""}, /* read: reject */
    {"c.txt ascii", 0x09, 0, NULL, 1, "00000208 0E00 0001", ""},
};

static void punch_commands(void **state)
{
	(void)state;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		const struct pcase *c = &cases[k];
		struct ctm *m = ur_setup(DEV, "3525", c->opts);
		memset(tm_mem(m->t, 0x400), 0x40, 100);
		if (c->text)
			ur_put_ebcdic(m, 0x400, c->text);
		put_ccw(m, 0x200, c->cmd, 0x400, c->flags, c->count);
		const char *csw = ur_run(m, DEV);
		char buf[256];
		ur_read_file("c.txt", buf, sizeof buf);
		if (strcmp(csw, c->csw) || strcmp(buf, c->file))
			fail_msg("case %zu: CSW %s file \"%s\", expected %s \"%s\"", k, csw, buf, c->csw,
			         c->file);
		ctm_free(m);
	}
}

static void ebcdic_cards(void **state)
{
	(void)state;
	struct ctm *m = ur_setup(DEV, "2540P", "c.bin"); /* ebcdic is the default */
	uint8_t *p = tm_mem(m->t, 0x400);
	for (int k = 0; k < 80; k++)
		p[k] = (uint8_t)(0x80 + k);
	put_ccw(m, 0x200, 0x01, 0x400, CCW_CC, 80);
	put_ccw(m, 0x208, 0x41, 0x400, 0, 10); /* ten columns: IL, the rest blank */
	assert_string_equal(ur_run(m, DEV), "00000210 0C40 0000");
	char buf[256];
	assert_int_equal(ur_read_file("c.bin", buf, sizeof buf), 160);
	assert_memory_equal(buf, p, 80);
	assert_memory_equal(buf + 80, p, 10);
	for (int k = 90; k < 160; k++)
		assert_int_equal((uint8_t)buf[k], 0x40);
	ctm_free(m);
	/* noclear appends, ebcdic said */
	m = ur_setup(DEV, "3525", "c.bin ebcdic noclear");
	put_ccw(m, 0x200, 0x01, 0x400, CCW_SLI, 1);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
	assert_int_equal(ur_read_file("c.bin", buf, sizeof buf), 240);
	ctm_free(m);
}

static void sense_and_sense_id(void **state)
{
	(void)state;
	static const struct {
		const char *type;
		uint8_t id[7];
	} ids[] = {
	    {"3525", {0xFF, 0x28, 0x21, 0x01, 0x35, 0x25, 0x01}},
	    {"2540P", {0xFF, 0x28, 0x21, 0x01, 0x25, 0x40, 0x01}},
	};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m = ur_setup(DEV, ids[k].type, "c.bin");
		put_ccw(m, 0x200, 0xE4, 0x400, CCW_SLI, 16);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0009");
		assert_memory_equal(tm_mem(m->t, 0x400), ids[k].id, 7);
		put_ccw(m, 0x200, 0x06, 0x400, 0, 1);
		assert_string_equal(ur_run(m, DEV), "00000208 0E00 0001");
		put_ccw(m, 0x200, 0x04, 0x400, CCW_SLI, 4); /* one sense byte */
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0003");
		assert_int_equal(*tm_mem(m->t, 0x400), SNS0_CMDREJ);
		ctm_free(m);
	}
}

static void option_errors(void **state)
{
	(void)state;
	static const struct {
		const char *opts, *err;
	} errs[] = {
	    {"", "missing output file name"},
	    {"c.txt bogus", "unknown option bogus (expected ascii, ebcdic, crlf or noclear)"},
	    {"/nonexistent/dir/c", "cannot open /nonexistent/dir/c"},
	};
	ur_chdir();
	for (size_t k = 0; k < sizeof errs / sizeof errs[0]; k++) {
		struct ctm *m = ctm_new();
		char err[200] = "";
		assert_int_equal(ur_attach(m, DEV, "3525", errs[k].opts, err, sizeof err), -1);
		if (strncmp(err, errs[k].err, strlen(errs[k].err)))
			fail_msg("%s: \"%s\", expected \"%s\"", errs[k].opts, err, errs[k].err);
		ctm_free(m);
	}
}

/* A host write error (/dev/full): equipment check, and a console message. */
static void host_write_error(void **state)
{
	(void)state;
	struct ctm *m = ur_setup(DEV, "3525", "/dev/full");
	put_ccw(m, 0x200, 0x01, 0x400, 0, 80);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	assert_non_null(strstr(m->out, "000D: cannot write /dev/full"));
	put_ccw(m, 0x200, 0x04, 0x400, 0, 1);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x400), SNS0_EQUIP);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(punch_commands),     cmocka_unit_test(ebcdic_cards),
	    cmocka_unit_test(sense_and_sense_id), cmocka_unit_test(option_errors),
	    cmocka_unit_test(host_write_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
