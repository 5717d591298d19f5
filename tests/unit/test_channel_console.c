/* test_channel_console.c — the integrated console (3215-C, 1052-C) through
 * channel programs: write text, read the operator's line, attention, sense,
 * sense ID, command reject, code pages; and the IPL sequence on a test
 * device (GA22-7000 "Initial Program Loading"). */
#include "chantest.h"
#include "codepage.h"

#define SIO "9C00 0009"
#define TIO "9D00 0009"

static struct ctm *setup(const char *type)
{
	struct ctm *m = ctm_new();
	char err[100];
	assert_int_equal(chan_attach(m->cs, 0x009, type, 0, NULL, err, sizeof err), 0);
	put_caw(m, 0, 0x200);
	return m;
}

static void put_ebcdic(struct ctm *m, uint32_t a, const char *text)
{
	codepage_from_utf8(codepage_find("037"), text, tm_mem(m->t, a), strlen(text));
}

static void write_prints_lines(void **state)
{
	(void)state;
	struct ctm *m = setup("3215-C");
	put_ebcdic(m, 0x400, "HELLO FROM S370");
	put_ccw(m, 0x200, 0x09, 0x400, CCW_CC, 15); /* write, carrier return */
	put_ccw(m, 0x208, 0x01, 0x400, 0, 5);       /* write, no carrier return */
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000210 0C00 0000");
	assert_string_equal(m->out, "HELLO FROM S370\nHELLO\n");
	ctm_free(m);
}

static void nop_alarm_and_reject(void **state)
{
	(void)state;
	static const struct {
		uint8_t cmd;
		int cc;
		const char *csw;
	} cases[] = {
	    {0x03, 0, "00000208 0C00 0001"}, /* NOP: immediate */
	    {0x0B, 0, "00000208 0C00 0001"}, /* alarm */
	    {0x02, 0, "00000208 0E00 0001"}, /* not a 3215 command: reject */
	    {0x07, 0, "00000208 0E00 0001"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup("1052-C");
		put_ccw(m, 0x200, cases[k].cmd, 0x400, 0, 1);
		assert_int_equal(io_insn(m, SIO), cases[k].cc);
		assert_int_equal(io_insn(m, TIO), 1);
		assert_string_equal(csw_text(m), cases[k].csw);
		ctm_free(m);
	}
}

static void sense_after_reject_and_sense_id(void **state)
{
	(void)state;
	struct ctm *m = setup("3215-C");
	put_ccw(m, 0x200, 0x27, 0x400, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	put_ccw(m, 0x200, 0x04, 0x400, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x400), 0x80); /* command reject */
	/* sense again: reset */
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_int_equal(*tm_mem(m->t, 0x400), 0x00);
	put_ccw(m, 0x200, 0xE4, 0x400, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0009");
	static const uint8_t id[7] = {0xFF, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00};
	assert_memory_equal(tm_mem(m->t, 0x400), id, 7);
	ctm_free(m);
}

static void read_waits_for_operator(void **state)
{
	(void)state;
	static const struct {
		const char *typed;
		uint8_t flags;
		uint16_t count;
		const char *csw;
		const char *stored;
	} cases[] = {
	    {"logon", 0, 5, "00000208 0C00 0000", "logon"},
	    {"hi", 0, 10, "00000208 0C40 0008", "hi"}, /* short line: IL */
	    {"hi", CCW_SLI, 10, "00000208 0C00 0008", "hi"},
	    {"too long", 0, 3, "00000208 0C40 0000", "too"}, /* truncated: IL */
	    {"", 0, 10, "00000208 0C00 000A", ""},           /* Enter alone */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = setup("3215-C");
		put_ccw(m, 0x200, 0x0A, 0x400, cases[k].flags, cases[k].count);
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 2); /* waiting for the operator */
		assert_int_equal(chan_console_line(m->cs, cases[k].typed), 0);
		ctm_service(m);
		assert_int_equal(io_insn(m, TIO), 1);
		if (strcmp(csw_text(m), cases[k].csw))
			fail_msg("case %zu: CSW %s, expected %s", k, csw_text(m), cases[k].csw);
		uint8_t want[16] = {0};
		put_ebcdic(m, 0x800, cases[k].stored);
		memcpy(want, tm_mem(m->t, 0x800), strlen(cases[k].stored));
		assert_memory_equal(tm_mem(m->t, 0x400), want, strlen(cases[k].stored) + 1);
		ctm_free(m);
	}
}

static void typing_without_read_is_attention(void **state)
{
	(void)state;
	struct ctm *m = setup("3215-C");
	assert_int_equal(chan_console_line(m->cs, "CP Q T"), 0);
	ctm_service(m);
	/* the attention interruption */
	m->t->c.psw.sysmask = 0x80;
	put16(tm_mem(m->t, TM_IA), 0x0700);
	tm_run(m->t, 1);
	assert_int_equal(m->t->c.psw.ia, 0x100);
	assert_int_equal(be16(tm_mem(m->t, LOC_IO_OLD + 2)), 0x0009);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	/* the program reads the kept line at once */
	m->t->c.psw.sysmask = 0;
	put_ccw(m, 0x200, 0x0A, 0x400, CCW_SLI, 80);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 004A");
	static const uint8_t want[6] = {0xC3, 0xD7, 0x40, 0xD8, 0x40, 0xE3};
	assert_memory_equal(tm_mem(m->t, 0x400), want, 6);
	ctm_free(m);
}

static void halt_ends_read(void **state)
{
	(void)state;
	struct ctm *m = setup("3215-C");
	put_ccw(m, 0x200, 0x0A, 0x400, 0, 10);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, "9E00 0009"), 1);
	assert_int_equal(io_insn(m, TIO), 1);
	/* halted before the area was filled: incorrect length (no SLI) */
	assert_string_equal(csw_text(m), "00000208 0C40 000A");
	/* the next line is no longer for that read: attention */
	assert_int_equal(chan_console_line(m->cs, "x"), 0);
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	ctm_free(m);
}

static void code_pages(void **state)
{
	(void)state;
	const struct codepage *c037 = codepage_find("037"), *c1047 = codepage_find("819/1047");
	assert_non_null(c037);
	assert_non_null(c1047);
	assert_null(codepage_find("500x"));
	assert_ptr_equal(codepage_find("default"), c037);
	static const struct {
		char ch;
		uint8_t e037, e1047;
	} cases[] = {
	    {'A', 0xC1, 0xC1}, {'a', 0x81, 0x81}, {'0', 0xF0, 0xF0}, {' ', 0x40, 0x40}, {'[', 0xBA, 0xAD},
	    {']', 0xBB, 0xBD}, {'^', 0xB0, 0x5F}, {'|', 0x4F, 0x4F}, {'!', 0x5A, 0x5A}, {'{', 0xC0, 0xC0},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		char in[2] = {cases[k].ch, 0};
		uint8_t e;
		assert_int_equal(codepage_from_utf8(c037, in, &e, 1), 1);
		assert_int_equal(e, cases[k].e037);
		assert_int_equal(codepage_from_utf8(c1047, in, &e, 1), 1);
		assert_int_equal(e, cases[k].e1047);
		char out[4];
		codepage_to_utf8(c1047, &cases[k].e1047, 1, out);
		assert_string_equal(out, in);
	}
	/* every byte survives a round trip */
	for (int b = 0; b < 256; b++) {
		assert_int_equal(c037->a2e[c037->e2a[b]], b);
		assert_int_equal(c1047->a2e[c1047->e2a[b]], b);
	}
	/* Latin-1 beyond ASCII: UTF-8 both ways; control characters show as '.' */
	uint8_t e[3] = {0x43, 0x25, 0xC1}; /* a-umlaut, LF, A */
	char out[8];
	codepage_to_utf8(c037, e, 3, out);
	assert_string_equal(out, "\xC3\xA4.A");
	uint8_t back[2];
	assert_int_equal(codepage_from_utf8(c037, "\xC3\xA4", back, 2), 1);
	assert_int_equal(back[0], 0x43);
	/* a console on 1047 */
	struct ctm *m = setup("3215-C");
	char err[100];
	assert_int_equal(chan_set_codepage(m->cs, "1047", err, sizeof err), 0);
	tm_mem(m->t, 0x400)[0] = 0xAD;
	tm_mem(m->t, 0x400)[1] = 0xBD;
	put_ccw(m, 0x200, 0x09, 0x400, 0, 2);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_string_equal(m->out, "[]\n");
	assert_int_equal(chan_set_codepage(m->cs, "1234", err, sizeof err), -1);
	ctm_free(m);
}

/* ---- IPL on a device that reads prepared records ---- */

static struct {
	uint8_t rec[4][64];
	uint16_t len[4];
	int n, next;
	uint8_t end_status;
} ipl;

static int ipl_ccw(struct device *d, uint8_t cmd)
{
	if (cmd != 0x02)
		return dev_reject(d);
	if (chan_is_ipl_read(d) != (ipl.next == 0) || chan_chained(d) != (ipl.next != 0))
		return US_CE | US_DE | US_UC; /* the IPL test then fails */
	if (ipl.next >= ipl.n)
		return US_CE | US_DE | US_UE;
	int k = ipl.next++;
	chan_write(d, ipl.rec[k], ipl.len[k]);
	return ipl.next == ipl.n ? ipl.end_status : US_CE | US_DE;
}
static const char *const ipl_types[] = {"IPLTEST", NULL};
static const struct dev_ops ipl_ops = {.types = ipl_types, .ccw = ipl_ccw};

static void ipl_sequence(void **state)
{
	(void)state;
	static const struct {
		uint8_t psw1; /* byte 1 of the IPL PSW: 00 BC, 08 EC */
		uint8_t end_status;
		int rc;
	} cases[] = {
	    {0x00, US_CE | US_DE, 0},
	    {0x08, US_CE | US_DE, 0},
	    {0x00, US_CE | US_DE | US_UC, -1},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct ctm *m = ctm_new();
		char err[160];
		memset(&ipl, 0, sizeof ipl);
		assert_int_equal(chan_attach_ops(m->cs, 0x00C, &ipl_ops, "IPLTEST", 0, NULL, err, sizeof err),
		                 0);
		/* record 1: PSW, CCW read 8 bytes to X'1000' chained, CCW TIC to X'1000'... */
		static const uint8_t r1[24] = {
		    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x20, 0x00, /* PSW: IA X'2000' */
		    0x02, 0x00, 0x30, 0x00, 0x40, 0x00, 0x00, 0x08, /* read 8 to X'3000', CC */
		    0x08, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, /* TIC to X'3000' */
		};
		memcpy(ipl.rec[0], r1, 24);
		ipl.rec[0][1] = cases[k].psw1;
		ipl.len[0] = 24;
		/* record 2, read to X'3000': one more CCW, read 4 bytes to X'2000' */
		static const uint8_t r2[8] = {0x02, 0x00, 0x20, 0x00, 0x00, 0x00, 0x00, 0x04};
		memcpy(ipl.rec[1], r2, 8);
		ipl.len[1] = 8;
		static const uint8_t r3[4] = {0x47, 0xF0, 0x00, 0x00};
		memcpy(ipl.rec[2], r3, 4);
		ipl.len[2] = 4;
		ipl.n = 3;
		ipl.end_status = cases[k].end_status;
		assert_int_equal(chan_ipl(m->cs, 0x00C, err, sizeof err), cases[k].rc);
		if (cases[k].rc == 0) {
			assert_memory_equal(tm_mem(m->t, 0x2000), r3, 4);
			if (cases[k].psw1 & 0x08) {
				assert_int_equal(be16(tm_mem(m->t, 2)), 0);
				assert_int_equal(be16(tm_mem(m->t, LOC_IO_ADDR)), 0x000C);
			} else {
				assert_int_equal(be16(tm_mem(m->t, 2)), 0x000C);
			}
			/* no interruption is left from the IPL */
			assert_int_equal(io_insn(m, "9D00 000C"), 0);
		} else {
			assert_string_equal(err, "device 000C: IPL failed, CSW 00003008 0E000000");
			assert_int_equal(be16(tm_mem(m->t, 2)), 0);
		}
		assert_int_equal(chan_ipl(m->cs, 0x0123, err, sizeof err), -1);
		assert_string_equal(err, "no device 0123");
		ctm_free(m);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(write_prints_lines),
	    cmocka_unit_test(nop_alarm_and_reject),
	    cmocka_unit_test(sense_after_reject_and_sense_id),
	    cmocka_unit_test(read_waits_for_operator),
	    cmocka_unit_test(typing_without_read_is_attention),
	    cmocka_unit_test(halt_ends_read),
	    cmocka_unit_test(code_pages),
	    cmocka_unit_test(ipl_sequence),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
