/* test_cardrdr.c — the 2540R and 3505 card readers (devices/cardrdr.c)
 * through channel programs: ASCII and EBCDIC decks, trunc and autopad,
 * eof and intrq at the end, several files with and without multifile,
 * incorrect length, feed, sense, Sense ID, devinit's device end, option
 * errors. */
#include "urtest.h"

enum { DEV = 0x00C };

/* Read one card into X'400' (count, flags); the CSW. */
static const char *read_card(struct ctm *m, uint16_t count, uint8_t flags)
{
	memset(tm_mem(m->t, 0x400), 0xEE, 100);
	put_ccw(m, 0x200, 0x02, 0x400, flags, count);
	return ur_run(m, DEV);
}

/* The card at X'400' is text padded with EBCDIC blanks. */
static void assert_card(struct ctm *m, const char *text)
{
	uint8_t want[80];
	memset(want, 0x40, sizeof want);
	codepage_from_utf8(codepage_find("037"), text, want, 80);
	if (memcmp(tm_mem(m->t, 0x400), want, 80))
		fail_msg("card is not \"%s\"", text);
}

static const char *sense(struct ctm *m)
{
	static char hex[16];
	put_ccw(m, 0x200, 0x04, 0x400, CCW_SLI, 16);
	const char *csw = ur_run(m, DEV);
	assert_string_equal(csw, "00000208 0C00 000C"); /* four sense bytes */
	const uint8_t *p = tm_mem(m->t, 0x400);
	snprintf(hex, sizeof hex, "%02X%02X%02X%02X", p[0], p[1], p[2], p[3]);
	return hex;
}

static void ascii_deck_then_intrq(void **state)
{
	(void)state;
	ur_chdir();
	ur_write_file("a.txt", "HELLO\r\n\tTAB\nlast line, no newline", 34);
	struct ctm *m = ur_setup(DEV, "3505", "a.txt");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "HELLO");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "        TAB");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "last line, no newline");
	/* intrq (default): unit check, intervention required, no data */
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050");
	assert_int_equal(*tm_mem(m->t, 0x400), 0xEE);
	assert_string_equal(sense(m), "40100000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050");
	ctm_free(m);
}

static void eof_option(void **state)
{
	(void)state;
	ur_chdir();
	ur_write_file("a.txt", "ONE\n", 4);
	struct ctm *m = ur_setup(DEV, "3505", "a.txt eof");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0D00 0050"); /* unit exception */
	assert_string_equal(sense(m), "00000000");
	/* then the hopper is empty */
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050");
	assert_string_equal(sense(m), "40100000");
	ctm_free(m);
}

static void count_and_chaining(void **state)
{
	(void)state;
	static const struct {
		uint16_t count;
		uint8_t flags;
		const char *csw;
	} cases[] = {
	    {80, 0, "00000208 0C00 0000"},        {40, 0, "00000208 0C40 0000"}, /* card longer: IL */
	    {40, CCW_SLI, "00000208 0C00 0000"},  {100, 0, "00000208 0C40 0014"},
	    {100, CCW_SLI, "00000208 0C00 0014"},
	};
	ur_chdir();
	ur_write_file("a.txt", "ABC\n", 4);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = ur_setup(DEV, "2540R", "a.txt ascii");
		const char *csw = read_card(m, cases[k].count, cases[k].flags);
		if (strcmp(csw, cases[k].csw))
			fail_msg("count %u: CSW %s, expected %s", cases[k].count, csw, cases[k].csw);
		assert_int_equal(*tm_mem(m->t, 0x400), 0xC1);
		ctm_free(m);
	}
	/* command chaining: two cards by two Reads (X'02', X'42': stacker 2), then feed X'23', NOP */
	ur_write_file("b.txt", "1\n2\n3\n4\n", 8);
	struct ctm *m = ur_setup(DEV, "3505", "b.txt");
	put_ccw(m, 0x200, 0x02, 0x400, CCW_CC, 80);
	put_ccw(m, 0x208, 0x42, 0x450, CCW_CC, 80);
	put_ccw(m, 0x210, 0x23, 0x400, CCW_CC, 1);
	put_ccw(m, 0x218, 0x03, 0x400, 0, 1);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0001");
	assert_int_equal(*tm_mem(m->t, 0x400), 0xF1);
	assert_int_equal(*tm_mem(m->t, 0x450), 0xF2);
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000"); /* card 3 was fed past */
	assert_card(m, "4");
	ctm_free(m);
}

static void long_lines_and_trunc(void **state)
{
	(void)state;
	char line[100];
	memset(line, 'X', 90);
	line[90] = '\n';
	ur_chdir();
	ur_write_file("long.txt", line, 91);
	struct ctm *m = ur_setup(DEV, "3505", "long.txt");
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050"); /* data check */
	assert_string_equal(sense(m), "08000000");
	ctm_free(m);
	m = ur_setup(DEV, "3505", "long.txt trunc");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX");
	ctm_free(m);
}

static void ebcdic_and_autopad(void **state)
{
	(void)state;
	uint8_t deck[100];
	for (int k = 0; k < 100; k++)
		deck[k] = (uint8_t)(k + 1);
	ur_chdir();
	ur_write_file("deck.bin", deck, sizeof deck);
	struct ctm *m = ur_setup(DEV, "3505", "deck.bin ebcdic");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x400), deck, 80);
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050"); /* short card: data check */
	assert_string_equal(sense(m), "08000000");
	ctm_free(m);
	/* autopad, and the format found by looking (binary: ebcdic) */
	m = ur_setup(DEV, "3505", "deck.bin autopad");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x400), deck + 80, 20);
	static const uint8_t zeros[60];
	assert_memory_equal(tm_mem(m->t, 0x400 + 20), zeros, 60);
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050");
	ctm_free(m);
}

static void several_files(void **state)
{
	(void)state;
	ur_chdir();
	ur_write_file("a.txt", "A1\nA2\n", 6);
	ur_write_file("b.txt", "B1\n", 3);
	/* without multifile: each file ends with the end condition */
	struct ctm *m = ur_setup(DEV, "3505", "a.txt b.txt eof");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0D00 0050");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "B1");
	assert_string_equal(read_card(m, 80, 0), "00000208 0D00 0050");
	ctm_free(m);
	/* multifile: one deck */
	m = ur_setup(DEV, "3505", "a.txt b.txt multifile");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "A2");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "B1");
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050");
	ctm_free(m);
}

/* An empty reader, then devinit: device end as it becomes ready. */
static void empty_then_devinit(void **state)
{
	(void)state;
	ur_chdir();
	ur_write_file("new.txt", "NEW CARD\n", 9);
	struct ctm *m = ur_setup(DEV, "3505", "*");
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050");
	char *argv[] = {"new.txt"};
	char err[100];
	assert_int_equal(chan_devinit(m->cs, DEV, 1, argv, err, sizeof err), 0);
	fill_csw(m);
	assert_int_equal(io_insn(m, "9D00 000C"), 1); /* TIO: the device end */
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_string_equal(read_card(m, 80, 0), "00000208 0C00 0000");
	assert_card(m, "NEW CARD");
	ctm_free(m);
}

static void sense_id_and_reject(void **state)
{
	(void)state;
	static const struct {
		const char *type;
		uint8_t id[7];
	} cases[] = {
	    {"3505", {0xFF, 0x28, 0x21, 0x01, 0x35, 0x05, 0x01}},
	    {"2540R", {0xFF, 0x28, 0x21, 0x01, 0x25, 0x40, 0x01}},
	};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m = ur_setup(DEV, cases[k].type, "*");
		put_ccw(m, 0x200, 0xE4, 0x400, CCW_SLI, 16);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0009");
		assert_memory_equal(tm_mem(m->t, 0x400), cases[k].id, 7);
		put_ccw(m, 0x200, 0x01, 0x400, 0, 1); /* write: not a reader command */
		assert_string_equal(ur_run(m, DEV), "00000208 0E00 0001");
		assert_string_equal(sense(m), "80000000");
		assert_string_equal(sense(m), "00000000");
		ctm_free(m);
	}
}

static void option_errors(void **state)
{
	(void)state;
	static const struct {
		const char *opts, *err;
	} cases[] = {
	    {"nosuch.txt", "cannot open nosuch.txt"},
	    {"* bogus=1", "unknown option bogus=1"},
	    {"* sockdev", "option sockdev is not supported"},
	};
	ur_chdir();
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = ctm_new();
		char err[200] = "";
		assert_int_equal(ur_attach(m, DEV, "3505", cases[k].opts, err, sizeof err), -1);
		if (strncmp(err, cases[k].err, strlen(cases[k].err)))
			fail_msg("%s: \"%s\", expected \"%s\"", cases[k].opts, err, cases[k].err);
		ctm_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ascii_deck_then_intrq), cmocka_unit_test(eof_option),
	    cmocka_unit_test(count_and_chaining),    cmocka_unit_test(long_lines_and_trunc),
	    cmocka_unit_test(ebcdic_and_autopad),    cmocka_unit_test(several_files),
	    cmocka_unit_test(empty_then_devinit),    cmocka_unit_test(sense_id_and_reject),
	    cmocka_unit_test(option_errors),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
