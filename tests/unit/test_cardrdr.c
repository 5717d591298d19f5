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

/* One card through data chaining, skip, IDAWs and PCI (GA22-7000 "Chaining",
 * "Skipping", "Channel Indirect Data Addressing"): each program reads the
 * 80 columns of "0123456789" x 8 in pieces; the table gives where each
 * piece lands (0: skipped) and the CSW. */
static void chaining_and_idaws(void **state)
{
	(void)state;
	enum { CD = CCW_CD, CC = CCW_CC };
	static const struct {
		const char *what;
		struct {
			uint8_t cmd, flags;
			uint32_t data; /* or the IDAW list with CCW_IDA */
			uint16_t count;
		} ccw[3];
		uint32_t idaws[3];
		struct {
			uint32_t at; /* where column col lands */
			uint8_t col; /* 0-based */
			uint8_t n;
		} lands[3];
		const char *csw;
	} cases[] = {
	    {"data chaining",
	     {{0x02, CD, 0x3000, 10}, {0x00, 0, 0x4000, 70}},
	     {0},
	     {{0x3000, 0, 10}, {0x4000, 10, 70}},
	     "00000210 0C00 0000"},
	    {"data chaining, three pieces",
	     {{0x02, CD, 0x3000, 1}, {0x00, CD, 0x3100, 1}, {0x00, 0, 0x3200, 78}},
	     {0},
	     {{0x3000, 0, 1}, {0x3100, 1, 1}, {0x3200, 2, 78}},
	     "00000218 0C00 0000"},
	    {"skip, then store",
	     {{0x02, CD | CCW_SKIP, 0x3000, 40}, {0x00, 0, 0x4000, 40}},
	     {0},
	     {{0x3000, 0, 0}, {0x4000, 40, 40}},
	     "00000210 0C00 0000"},
	    {"data chaining runs short: incorrect length",
	     {{0x02, CD, 0x3000, 10}, {0x00, 0, 0x4000, 60}},
	     {0},
	     {{0x3000, 0, 10}, {0x4000, 10, 60}},
	     "00000210 0C40 0000"},
	    {"SLI in the last piece",
	     {{0x02, CD, 0x3000, 10}, {0x00, CCW_SLI, 0x4000, 60}},
	     {0},
	     {{0x3000, 0, 10}, {0x4000, 10, 60}},
	     "00000210 0C00 0000"},
	    {"IDAWs across a 2K boundary",
	     {{0x02, CCW_IDA, 0x600, 80}},
	     {0x37F8, 0x5000},
	     {{0x37F8, 0, 8}, {0x5000, 8, 72}},
	     "00000208 0C00 0000"},
	    {"IDAWs after data chaining",
	     {{0x02, CD, 0x3000, 20}, {0x00, CCW_IDA, 0x600, 60}},
	     {0x47FC, 0x6000},
	     {{0x3000, 0, 20}, {0x47FC, 20, 4}, {0x6000, 24, 56}},
	     "00000210 0C00 0000"},
	    {"PCI in a data-chained CCW",
	     {{0x02, CD, 0x3000, 10}, {0x00, CCW_PCI, 0x4000, 70}},
	     {0},
	     {{0x3000, 0, 10}, {0x4000, 10, 70}},
	     "00000210 0C80 0000"},
	    {"command chaining after it",
	     {{0x02, CC, 0x3000, 80}, {0x03, 0, 0, 1}},
	     {0},
	     {{0x3000, 0, 80}},
	     "00000210 0C00 0001"},
	};
	char text[82];
	for (int k = 0; k < 80; k++)
		text[k] = (char)('0' + k % 10);
	text[80] = '\n';
	text[81] = 0;
	uint8_t card[80];
	codepage_from_utf8(codepage_find("037"), text, card, 80);
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		ur_chdir();
		ur_write_file("d.txt", text, 81);
		struct ctm *m = ur_setup(DEV, "3505", "d.txt");
		for (int j = 0; j < 3 && cases[k].ccw[j].count; j++)
			put_ccw(m, 0x200 + 8 * (uint32_t)j, cases[k].ccw[j].cmd, cases[k].ccw[j].data,
			        cases[k].ccw[j].flags, cases[k].ccw[j].count);
		for (int j = 0; j < 3; j++)
			put32(tm_mem(m->t, 0x600 + 4 * (uint32_t)j), cases[k].idaws[j]);
		const char *csw = ur_run(m, DEV);
		if (strcmp(csw, cases[k].csw))
			fail_msg("%s: CSW %s, expected %s", cases[k].what, csw, cases[k].csw);
		for (int j = 0; j < 3 && cases[k].lands[j].at; j++) {
			uint32_t at = cases[k].lands[j].at;
			if (!cases[k].lands[j].n) { /* skipped: storage untouched */
				assert_int_equal(*tm_mem(m->t, at), 0);
				continue;
			}
			if (memcmp(tm_mem(m->t, at), card + cases[k].lands[j].col, cases[k].lands[j].n))
				fail_msg("%s: piece %d at %X", cases[k].what, j, at);
			assert_int_equal(*tm_mem(m->t, at + cases[k].lands[j].n), 0); /* no more */
		}
		ctm_free(m);
	}
}

/* Hercules' socket reader: accepted with a warning, the hopper empty
 * (a Read finds the reader not ready), the socket name not opened. */
static void sockdev_warning(void **state)
{
	(void)state;
	ur_chdir();
	struct ctm *m = ctm_new();
	char err[200] = "";
	assert_int_equal(ur_attach(m, DEV, "3505", "localhost:3505 sockdev ascii trunc eof", err, sizeof err),
	                 0);
	assert_string_equal(err, "option sockdev is not emulated: the hopper is empty");
	put_caw(m, 0, 0x200);
	assert_string_equal(read_card(m, 80, 0), "00000208 0E00 0050"); /* not ready */
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(ascii_deck_then_intrq), cmocka_unit_test(eof_option),
	    cmocka_unit_test(count_and_chaining),    cmocka_unit_test(long_lines_and_trunc),
	    cmocka_unit_test(ebcdic_and_autopad),    cmocka_unit_test(several_files),
	    cmocka_unit_test(empty_then_devinit),    cmocka_unit_test(sense_id_and_reject),
	    cmocka_unit_test(option_errors),         cmocka_unit_test(sockdev_warning),
	    cmocka_unit_test(chaining_and_idaws),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
