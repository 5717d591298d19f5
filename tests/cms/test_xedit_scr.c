/* test_xedit_scr.c — the full screen (cms/scr.c) and the editor on it
 * (cms/xedit_scr.c, edit.c, filelist.c): the data stream's exact bytes, a
 * Read Modified answer parsed, and whole sessions against a simulated
 * display (fake3270.h) whose results are checked on the disk (the real
 * file system on an in-memory disk). */
#include "edit_host.h"
#include "fake3270.h"
#include "fs_testutil.h"
#include "xedit.h"

static struct memdev *disk;

static int setup(void **state)
{
	(void)state;
	fs_reset();
	disk = fresh(64, 'A', "SCR191");
	con_log[0] = cmd_log[0] = 0;
	con_in = stack_in = NULL;
	host_display = true;
	scr_reset(); /* (a test that failed in the middle of a screen leaves it open, as an abend would) */
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fs_release('A');
	memdev_free(disk);
	return 0;
}

static void building(void **state)
{
	(void)state;
	uint8_t buf[64];
	struct scr_ds d;
	scr_ds_init(&d, buf, sizeof buf, 24, 80);
	scr_byte(&d, SCR_WCC);
	scr_field(&d, 0, 0, SCR_PROT | SCR_HIGH, "Ab");
	scr_field(&d, 1, 10, 0, NULL);
	scr_ic(&d);
	scr_field(&d, 23, 79, SCR_PROT | SCR_NUM | SCR_MDT, "\x01");
	const uint8_t want[] = {0xC3, 0x11, 0x40, 0x40, 0x1D, 0xE8,
	                        0xC1, 0x82,                          /* row 0: protected, intensified */
	                        0x11, 0xC1, 0x5A, 0x1D, 0x40, 0x13,  /* row 1 col 10 = 90: unprotected, IC */
	                        0x11, 0x5D, 0x7F, 0x1D, 0xF1, 0x40}; /* 1919, a control character: blank */
	assert_int_equal(d.n, sizeof want);
	assert_memory_equal(buf, want, sizeof want);
	assert_false(d.overflow);
	scr_ds_init(&d, buf, 4, 24, 80);
	scr_text(&d, "hello");
	assert_true(d.overflow);
	assert_int_equal(d.n, 4);

	uint8_t a[2];
	const uint16_t addrs[] = {0, 63, 64, 80, 1919, 2559, 3439};
	for (size_t k = 0; k < sizeof addrs / sizeof addrs[0]; k++) {
		scr_addr(a, addrs[k]);
		assert_true(a[0] >= 0x40 && a[1] >= 0x40);
		assert_int_equal(scr_unaddr(a), addrs[k]);
	}
	const uint8_t b14[2] = {0x0D, 0x6F}; /* 14-bit form: 0x0D6F */
	assert_int_equal(scr_unaddr(b14), 0x0D6F);
	assert_int_equal(scr_pf(3), 0xF3);
	assert_int_equal(scr_pf(12), 0x7C);
	assert_int_equal(scr_pf(24), 0x4C);
	assert_int_equal(scr_pfkey(0x7C), 12);
	assert_int_equal(scr_pfkey(0xC1), 13);
	assert_int_equal(scr_pfkey(SCR_ENTER), 0);
}

static void parsing(void **state)
{
	(void)state;
	static struct scr_input in;
	/* Enter, the cursor at 1919; a field at 8 "AB"; a field at 87 "X<null>Y"; an empty one at 100 */
	const uint8_t rm[] = {0x7D, 0x5D, 0x7F, 0x11, 0x40, 0xC8, 0xC1, 0xC2, 0x11,
	                      0xC1, 0xD7, 0xE7, 0x00, 0xE8, 0x11, 0xC1, 0xE4};
	assert_int_equal(scr_parse(rm, sizeof rm, &in), 0);
	assert_int_equal(in.aid, SCR_ENTER);
	assert_int_equal(in.cursor, 1919);
	assert_int_equal(in.nf, 3);
	assert_int_equal(in.f[0].addr, 8);
	assert_string_equal(in.f[0].text, "AB");
	assert_int_equal(in.f[1].addr, 87);
	assert_string_equal(in.f[1].text, "XY");
	assert_int_equal(in.f[1].len, 2);
	assert_int_equal(in.f[2].addr, 100);
	assert_string_equal(in.f[2].text, "");
	assert_ptr_equal(scr_find(&in, 80, 1, 7), &in.f[1]);
	assert_null(scr_find(&in, 80, 1, 8));
	const uint8_t clear[] = {0x6D};
	assert_int_equal(scr_parse(clear, 1, &in), 0);
	assert_int_equal(in.aid, SCR_CLEAR);
	assert_int_equal(in.nf, 0);
	const uint8_t cut[] = {0x7D, 0x40};
	assert_int_equal(scr_parse(cut, 2, &in), -1);
	const uint8_t junk[] = {0x7D, 0x40, 0x40, 0xC1};
	assert_int_equal(scr_parse(junk, 4, &in), -1);
	const uint8_t sba_cut[] = {0x7D, 0x40, 0x40, 0x11, 0x40};
	assert_int_equal(scr_parse(sba_cut, 5, &in), -1);
	/* anything at all: 0 or -1, the texts inside their storage */
	static uint8_t junkbuf[5000];
	srand(3270);
	for (int round = 0; round < 2000; round++) {
		int n = rand() % (int)sizeof junkbuf;
		for (int k = 0; k < n; k++)
			junkbuf[k] = rand() % 4 ? (uint8_t)rand() : SCR_SBA;
		int rc = scr_parse(junkbuf, (uint32_t)n, &in);
		assert_true(rc == 0 || rc == -1);
		for (int f = 0; rc == 0 && f < in.nf; f++)
			assert_true(in.f[f].text >= in.text &&
			            in.f[f].text + in.f[f].len < in.text + sizeof in.text);
	}
}

static void write_file(const char *fn, const char *ft, char recfm, const char *const *lines, int n)
{
	assert_int_equal(put_lines(fn, ft, "A1", recfm, recfm == 'F' ? 80 : 0, lines, n), 0);
}

#define SCALE "       |...+....1....+....2....+....3....+....4....+....5....+....6....+....7..."

static void screen_layout(void **state)
{
	(void)state;
	const char *lines[] = {"alpha", "beta", "gamma"};
	write_file("TEST", "DATA", 'F', lines, 3);
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER,
	     .check_row = 12,
	     .check = " ===== * * * Top of File * * *",
	     .cursor_row = 22,
	     .t = {{22, 7, "set scale off", true}}},
	    {.aid = 0xF3, .check_row = 13, .check = " ===== alpha"}, /* without the scale */
	};
	fk_reset(steps, 2, 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit test data"), 0);
	assert_int_equal(fk.done_steps, 2);
	assert_true(fk.closed);
	assert_false(fk.ewa); /* 24 lines: Erase/Write */
	/* the screen as it was when PF3 was pressed (SCALE OFF) */
	assert_string_equal(fk_row(14), " ===== beta");
	static const struct fk_step quit[] = {{.aid = 0xF3}};
	fk_reset(quit, 1, 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit test data"), 0);
	/* the screen as it first is */
	assert_string_equal(fk_row(0), " TEST     DATA     A1  F 80  Trunc=80 Size=3 Line=0 Col=1 Alt=0");
	assert_string_equal(fk_row(1), "");
	assert_string_equal(fk_row(11), "");
	assert_string_equal(fk_row(12), " ===== * * * Top of File * * *");
	assert_string_equal(fk_row(13), SCALE);
	assert_string_equal(fk_row(14), " ===== alpha");
	assert_string_equal(fk_row(15), " ===== beta");
	assert_string_equal(fk_row(16), " ===== gamma");
	assert_string_equal(fk_row(17), " ===== * * * End of File * * *");
	assert_string_equal(fk_row(18), "");
	assert_string_equal(fk_row(22), " ====>");
	assert_non_null(strstr(fk_row(23), "X E D I T  1 File"));
	assert_int_equal(fk.cursor, 22 * 80 + 7); /* on the command line */
	/* the current line is intensified, the others not; the scale is protected */
	assert_true(fk.attr[12 * 80 + 6] & SCR_HIGH);
	assert_false(fk.attr[14 * 80 + 6] & SCR_HIGH);
	assert_false(fk.attr[14 * 80 + 6] & SCR_PROT);
	assert_true(fk.attr[12 * 80 + 6] & SCR_PROT);
	assert_false(fk.attr[14 * 80 + 0] & SCR_PROT);
	assert_true(fk.attr[13 * 80 + 0] & SCR_PROT);
	assert_true(fk.attr[13 * 80 + 6] & SCR_PROT);
}

static void editing_session(void **state)
{
	(void)state;
	const char *lines[] = {"a", "b", "c"};
	write_file("TEST", "DATA", 'F', lines, 3);
	/* the Top of File line current at row 12, the scale under it, the file from row 14 */
	static const struct fk_step steps[] = {
	    {.aid = 0}, /* CP had the display when XEDIT started: the user gives it back */
	    {.aid = SCR_ENTER,
	     .check_row = 15,
	     .check = " ===== b",
	     .t = {{15, 7, "BEE", true}, {16, 1, "d", false}}},
	    {.aid = SCR_ENTER,
	     .check_row = 16,
	     .check = " ===== * * * End of File * * *",
	     .t = {{22, 7, "input", true}}},
	    {.aid = SCR_ENTER,
	     .check_row = 14,
	     .check = "",
	     .t = {{14, 7, "new1", false}, {15, 7, "new2", false}}},
	    {.aid = SCR_ENTER,
	     .check_row = 23,
	     .check = "                                                           "
	              "   Input-mode 1 File"},
	    {.aid = SCR_ENTER, .check_row = 12, .check = " ===== new2", .t = {{22, 7, "c/BEE/bee/ *", true}}},
	    {.aid = 0xF3, .check_row = 1, .check = " DMSXED517I 1 occurrence(s) changed on 1 line(s)"},
	    {.aid = SCR_ENTER,
	     .check_row = 1,
	     .check = " DMSXED577E File has been changed; type QQUIT to quit anyway",
	     .t = {{22, 7, "FILE", true}},
	     .switched = true,
	     .cp_takes = 1},
	    {.aid = 0}, /* CP's screen read: the display back */
	    {.aid = SCR_ENTER, .check_row = 1, .check = "", .t = {{22, 7, "file", true}}},
	};
	fk_reset(steps, sizeof steps / sizeof steps[0], 24);
	fk.cp_takes = 1;
	assert_int_equal(run(cms_cmd_xedit, "x test data a"), 0);
	assert_int_equal(fk.done_steps, sizeof steps / sizeof steps[0]);
	assert_true(fk.closed);
	char got[1024], want[1024];
	assert_int_equal(get_text("TEST", "DATA", "A1", got, sizeof got), 0);
	snprintf(want, sizeof want, "%-80s\n%-80s\n%-80s\n%-80s\n", "new1", "new2", "a", "bee");
	assert_string_equal(got, want);
	assert_string_equal(con_log, ""); /* nothing on the console */
	memdev_assert_consistent(disk);
}

static void prefix_session(void **state)
{
	(void)state;
	const char *lines[] = {"1", "2", "3", "4", "5"};
	write_file("NUM", "DATA", 'F', lines, 5);
	/* the file at rows 14-18 (the scale at 13); pages are 17 lines */
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER, .t = {{14, 1, "cc", true}, {15, 1, "cc", true}}},
	    {.aid = SCR_ENTER, .check_row = 14, .check = " CC    1", .t = {{18, 1, "f", false}}},
	    {.aid = SCR_ENTER,
	     .check_row = 20,
	     .check = " ===== 2",
	     .t = {{16, 1, "/", false}, {17, 1, "i2", false}}},
	    /* line 3 current (row 12); the new lines after 4 at rows 15, 16: the cursor on the first */
	    {.aid = 0xF8, .check_row = 15, .check = " =====", .cursor_row = 15, .t = {{15, 7, "new", false}}},
	    {.aid = 0xF7,
	     .check_row = 12,
	     .check = " ===== * * * End of File * * *"}, /* PF8 went to the end */
	    {.aid = SCR_ENTER, .check_row = 18, .check = " ===== new", .t = {{22, 7, "top", true}}},
	    /* SET NUMBER ON: numbers in the prefix area; a D typed over one deletes that line */
	    {.aid = SCR_ENTER, .t = {{22, 7, "set number on", true}}},
	    {.aid = SCR_ENTER, .check_row = 14, .check = " 00001 1", .t = {{19, 1, "d", false}}},
	    {.aid = SCR_ENTER, .check_row = 19, .check = " 00006 5", .t = {{22, 7, "set num off", true}}},
	    /* PF2 with the cursor on line 2 (row 15): an empty line after it, the cursor there */
	    {.aid = 0xF2, .t = {{15, 9, "", false}}},
	    {.aid = SCR_ENTER,
	     .check_row = 16,
	     .check = " =====",
	     .cursor_row = 16,
	     .t = {{16, 7, "two and a half", false}}},
	    {.aid = SCR_ENTER, .check_row = 17, .check = " ===== 3", .t = {{22, 7, "qquit", true}}},
	};
	fk_reset(steps, sizeof steps / sizeof steps[0], 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit num data"), 0);
	assert_string_equal(fk_row(16), " ===== two and a half");
	assert_int_equal(fk.done_steps, sizeof steps / sizeof steps[0]);
	/* QQUIT: the disk has the old file */
	char got[1024], want[1024];
	assert_int_equal(get_text("NUM", "DATA", "A1", got, sizeof got), 0);
	snprintf(want, sizeof want, "%-80s\n%-80s\n%-80s\n%-80s\n%-80s\n", "1", "2", "3", "4", "5");
	assert_string_equal(got, want);
}

static void bigger_screen(void **state)
{
	(void)state;
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER, .check_row = 30, .check = " ====>", .t = {{30, 7, "input hello", true}}},
	    {.aid = SCR_ENTER, .check_row = 16, .check = " ===== hello", .t = {{30, 7, "file", true}}},
	};
	fk_reset(steps, 2, 32);
	assert_int_equal(run(cms_cmd_xedit, "xedit big exec"), 0);
	assert_int_equal(fk.done_steps, 2);
	assert_true(fk.ewa); /* the alternate size: Erase/Write Alternate */
	assert_int_equal(fk.rows, 32);
	char got[200];
	assert_int_equal(get_text("BIG", "EXEC", "A1", got, sizeof got), 0);
	assert_string_equal(got, "hello\n");
}

/* PF12 brings the last command back, and Enter sends it again; PF9 repeats it. */
static void recall(void **state)
{
	(void)state;
	const char *lines[] = {"1", "2", "3", "4", "5", "6", "7"};
	write_file("R", "DATA", 'F', lines, 7);
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER, .t = {{22, 7, "down 2", false}}},
	    {.aid = 0x7C, .check_row = 12, .check = " ===== 2"},
	    {.aid = SCR_ENTER, .check_row = 22, .check = " ====> down 2"},
	    {.aid = 0xF9, .check_row = 12, .check = " ===== 4"},
	    {.aid = 0xF3, .check_row = 12, .check = " ===== 6"},
	};
	fk_reset(steps, sizeof steps / sizeof steps[0], 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit r data"), 0);
	assert_int_equal(fk.done_steps, sizeof steps / sizeof steps[0]);
}

/* Subcommands in the program stack run before the screen: an EXEC that
 * QUEUEs INPUT lines and FILE never shows it. */
static void stacked_commands(void **state)
{
	(void)state;
	static const char *const queued[] = {"input", "line one",   "line two", "",
	                                     "top",   "c/one/1/ *", "file",     NULL};
	stack_in = queued;
	fk_reset(NULL, 0, 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit q exec"), 0);
	assert_int_equal(fk.writes, 0);
	assert_null(*stack_in);
	char got[200];
	assert_int_equal(get_text("Q", "EXEC", "A1", got, sizeof got), 0);
	assert_string_equal(got, "line 1\nline two\n");
	/* some, then the screen */
	static const char *const some[] = {"bottom", NULL};
	stack_in = some;
	static const struct fk_step steps[] = {
	    {.aid = 0xF3, .check_row = 12, .check = " ===== line two"},
	};
	fk_reset(steps, 1, 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit q exec"), 0);
	assert_int_equal(fk.done_steps, 1);
}

/* The ring: XEDIT of another file from the command line, back to the
 * first, QUIT of it brings the other back. */
static void ring(void **state)
{
	(void)state;
	static const char one[] = "                                                              X E D I T  1 File";
	static const char two[] = "                                                             X E D I T  2 Files";
	static const char other[] = " OTHER    FILE     A1  F 80  Trunc=80 Size=0 Line=0 Col=1 Alt=0";
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER, .check_row = 23, .check = one, .t = {{22, 7, "xedit other file", true}}},
	    {.aid = SCR_ENTER, .check_row = 0, .check = other, .t = {{22, 7, "x test data", true}}},
	    {.aid = SCR_ENTER, .check_row = 23, .check = two, .t = {{22, 7, "quit", true}}},
	    {.aid = SCR_ENTER, .check_row = 0, .check = other, .t = {{22, 7, "qquit", true}}},
	};
	fk_reset(steps, 4, 24);
	assert_int_equal(run(cms_cmd_xedit, "xedit test data"), 0);
	assert_int_equal(fk.done_steps, 4);
	assert_true(fk.closed);
}

static void alternate_refused(void **state)
{
	(void)state;
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER, .check_row = 22, .check = " ====>", .t = {{22, 7, "qquit", true}}},
	};
	fk_reset(steps, 1, 43);
	fk.reject_alt = true;
	assert_int_equal(run(cms_cmd_xedit, "xedit any thing"), 0);
	assert_int_equal(fk.done_steps, 1);
	assert_false(fk.ewa); /* back to Erase/Write, 24 lines */
	assert_int_equal(fk.rows, 24);
}

static void line_mode(void **state)
{
	(void)state;
	host_display = false;
	fk_reset(NULL, 0, 24);
	static const char *const typed[] = {"",       "hello", "world", "",  "TOP", "NEXT", "c/hello/HELLO/",
	                                    "TYPE 2", "QUIT",  "FILE",  NULL};
	con_in = typed;
	assert_int_equal(run(cms_cmd_xedit, "xedit line exec"), 0);
	assert_string_equal(con_log, "NEW FILE\nEDIT:\nINPUT:\nEDIT:\nTOF:\nhello\nHELLO\nHELLO\nworld\n"
	                             "DMSXED577E File has been changed; type QQUIT to quit anyway\n");
	assert_null(*con_in);
	char got[200];
	assert_int_equal(get_text("LINE", "EXEC", "A1", got, sizeof got), 0);
	assert_string_equal(got, "HELLO\nworld\n");

	con_log[0] = 0;
	static const char *const again[] = {"bottom", "input !", "/nothing/", "up 9", "qq", NULL};
	con_in = again;
	host_display = true; /* EDIT is line mode on a display too */
	assert_int_equal(run(cms_cmd_edit, "edit line exec a"), 0);
	assert_string_equal(con_log, "EDIT:\nworld\nDMSXED546E Target not found\n"
	                             "DMSXED585I Top of file reached\nTOF:\n");
	assert_int_equal(fk.writes, 0);

	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_xedit, "xedit onlyname"), RC_BADOPT);
	assert_string_equal(con_log, "DMSXED054E Incomplete fileid specified: XEDIT fn ft fm (fm may be left out)\n");
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_xedit, "xedit a b c ( noprof"), RC_BADOPT);
	assert_int_equal(run(cms_cmd_xedit, "xedit a b c d e"), RC_BADOPT);
	assert_string_equal(con_log, "DMSXED003E Invalid option: NOPROF\nDMSXED003E Invalid option: D\n");
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_edit, "edit toolongname exec"), RC_BADNAME);
	assert_string_equal(con_log, "DMSXED048E Invalid fileid: TOOLONGNAME EXEC \n");
}

static void filelist(void **state)
{
	(void)state;
	const char *lines[] = {"x"};
	write_file("ONE", "DATA", 'F', lines, 1);
	write_file("TWO", "EXEC", 'V', lines, 1);
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER,
	     .check_row = 1,
	     .check = " Cmd          Filename Filetype Fm Format Lrecl Records Blocks Date     Time",
	     .t = {{2, 1, "type", false}, {3, 1, "copy / = old", false}}},
	    {.aid = SCR_ENTER, .t = {{22, 7, "query disk", false}}},
	    {.aid = 0xFB}, /* PF11 with the cursor on the command line: nothing */
	    {.aid = 0xF3},
	};
	fk_reset(steps, sizeof steps / sizeof steps[0], 24);
	assert_int_equal(run(cms_cmd_filelist, "filelist"), 0);
	assert_int_equal(fk.done_steps, 4);
	assert_true(fk.closed);
	assert_string_equal(cmd_log, "type ONE DATA A1\ncopy TWO EXEC A1 = old\nquery disk\n");
	assert_int_equal(strncmp(fk_row(2), "              ONE      DATA     A1 F         80       1 ", 56),
	                 0);
	assert_int_equal(strncmp(fk_row(3), "              TWO      EXEC     A1 V          1       1 ", 56),
	                 0);
	assert_string_equal(fk_row(4), "");

	/* paging: 24 DATA files, 20 rows a page */
	for (int k = 0; k < 23; k++) {
		char fn[16];
		snprintf(fn, sizeof fn, "F%02d", k);
		write_file(fn, "DATA", 'F', lines, 1);
	}
#define FROW(fn) "              " fn "      DATA     A1 F         80       1 *"
	static const struct fk_step pages[] = {
	    {.aid = 0xF8, .check_row = 21, .check = FROW("F18")}, /* rows 2-21: ONE, F00 ... F18 */
	    {.aid = 0xF8, .check_row = 2, .check = FROW("F19")},
	    {.aid = 0xF7, .check_row = 5, .check = FROW("F22")}, /* (the last page: no further) */
	    {.aid = 0xF3,
	     .check_row = 2,
	     .check = "              ONE      DATA     A1 F         80       1 *"},
	};
	fk_reset(pages, 4, 24);
	cmd_log[0] = 0;
	assert_int_equal(run(cms_cmd_filelist, "filelist * data"), 0);
	assert_int_equal(fk.done_steps, 4);
	assert_string_equal(cmd_log, "");

	/* on a typewriter console: the list */
	host_display = false;
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_filelist, "filelist * exec"), 0);
	assert_int_equal(strncmp(con_log,
	                         "Filename Filetype Fm Format Lrecl Records Blocks Date     Time\n"
	                         "TWO      EXEC     A1 V          1       1 ",
	                         104),
	                 0);
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_filelist, "filelist nosuch"), RC_NOTFOUND);
	assert_string_equal(con_log, "DMSFLS002E File NOSUCH * A not found\n");
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(building),
	    cmocka_unit_test(parsing),
	    cmocka_unit_test_setup_teardown(screen_layout, setup, teardown),
	    cmocka_unit_test_setup_teardown(editing_session, setup, teardown),
	    cmocka_unit_test_setup_teardown(prefix_session, setup, teardown),
	    cmocka_unit_test_setup_teardown(bigger_screen, setup, teardown),
	    cmocka_unit_test_setup_teardown(recall, setup, teardown),
	    cmocka_unit_test_setup_teardown(stacked_commands, setup, teardown),
	    cmocka_unit_test_setup_teardown(ring, setup, teardown),
	    cmocka_unit_test_setup_teardown(alternate_refused, setup, teardown),
	    cmocka_unit_test_setup_teardown(line_mode, setup, teardown),
	    cmocka_unit_test_setup_teardown(filelist, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
