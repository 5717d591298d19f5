/* test_xedit.c — the editor's core (cms/xedit*.c) on the host: commands,
 * targets, prefix commands and the file, each checked by the exact lines
 * that result.  The file system is the real one on an in-memory disk. */
#include "edit_host.h"
#include "fs_testutil.h"
#include "xedit.h"

static struct memdev *disk;

static int setup(void **state)
{
	(void)state;
	fs_reset();
	disk = fresh(64, 'A', "EDT191");
	con_log[0] = cmd_log[0] = 0;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	fs_release('A');
	memdev_free(disk);
	return 0;
}

/* An editor on the lines given ("a|b|c"), current line at the top. */
static struct xed *ed(const char *lines)
{
	struct xed *e = calloc(1, sizeof *e);
	struct cms_fileid id = fid("TEST", "DATA", "A1");
	xed_init(e, &id, 'V', 0);
	const char *p = lines;
	while (*lines && *p) {
		const char *q = strchr(p, '|');
		size_t n = q ? (size_t)(q - p) : strlen(p);
		assert_true(xed_insert_raw(e, e->n, p, n) > 0);
		if (!q)
			break;
		p = q + 1;
	}
	e->changed = false;
	e->cur = 0;
	return e;
}

static void done(struct xed *e)
{
	xed_free(e);
	free(e);
}

/* The buffer's lines joined by '|'. */
static const char *text(const struct xed *e)
{
	static char out[4096];
	out[0] = 0;
	for (int k = 1; k <= e->n; k++) {
		if (k > 1)
			strcat(out, "|");
		strcat(out, e->line[k]);
	}
	return out;
}

static const char *msg(struct xed *e)
{
	static char out[200];
	out[0] = 0;
	for (int m = 0; m < e->nmsg; m++) {
		if (m)
			strcat(out, " / ");
		strcat(out, e->msg[m]);
	}
	e->nmsg = 0;
	return out;
}

static void moving(void **state)
{
	(void)state;
	struct xed *e = ed("one|two|three|four|five");
	assert_int_equal(e->cur, 0);
	assert_int_equal(xed_command(e, "DOWN 2"), 0);
	assert_int_equal(e->cur, 2);
	assert_int_equal(xed_command(e, "next"), 0);
	assert_int_equal(e->cur, 3);
	assert_int_equal(xed_command(e, "UP"), 0);
	assert_int_equal(e->cur, 2);
	assert_int_equal(xed_command(e, "BOTTOM"), 0);
	assert_int_equal(e->cur, 5);
	assert_int_equal(xed_command(e, "DOWN 3"), 2);
	assert_int_equal(e->cur, 6);
	assert_string_equal(msg(e), "DMSXED586I End of file reached");
	assert_int_equal(xed_command(e, "TOP"), 0);
	assert_int_equal(e->cur, 0);
	assert_int_equal(xed_command(e, "UP 1"), 2);
	assert_string_equal(msg(e), "DMSXED585I Top of file reached");
	assert_int_equal(xed_command(e, ":4"), 0);
	assert_int_equal(e->cur, 4);
	assert_int_equal(xed_command(e, "-3"), 0);
	assert_int_equal(e->cur, 1);
	assert_int_equal(xed_command(e, "+2"), 0);
	assert_int_equal(e->cur, 3);
	assert_int_equal(xed_command(e, "DOWN x"), 5);
	assert_string_equal(msg(e), "DMSXED520E Invalid operand: x");
	assert_int_equal(xed_command(e, "HELP"), 0);
	e->fullscreen = true;
	assert_int_equal(xed_command(e, "help"), 0);
	e->fullscreen = false;
	assert_string_equal(cmd_log, "HELP EDIT\nHELP XEDIT\n");
	assert_int_equal(xed_command(e, "FROB"), -1);
	assert_string_equal(msg(e), "DMSXED001E Unknown subcommand: FROB");
	assert_int_equal(xed_command(e, "="), -1); /* the last command again: FROB */
	e->page = 2;
	e->cur = 0;
	assert_int_equal(xed_command(e, "FORWARD"), 0);
	assert_int_equal(e->cur, 2);
	assert_int_equal(xed_command(e, "FORWARD 2"), 0);
	assert_int_equal(e->cur, 6);
	assert_int_equal(xed_command(e, "FORWARD"), 0); /* at the end: the top */
	assert_int_equal(e->cur, 0);
	assert_int_equal(xed_command(e, "BACKWARD"), 0); /* at the top: the end */
	assert_int_equal(e->cur, 6);
	assert_false(e->changed);
	done(e);
}

static void locating(void **state)
{
	(void)state;
	struct xed *e = ed("alpha|beta|gamma|beta two|delta");
	assert_int_equal(xed_command(e, "/beta/"), 0);
	assert_int_equal(e->cur, 2);
	assert_int_equal(xed_command(e, "LOCATE /beta"), 0); /* the closing delimiter may be left off */
	assert_int_equal(e->cur, 4);
	assert_int_equal(xed_command(e, "L /beta/"), 1); /* not below: WRAP OFF stays */
	assert_string_equal(msg(e), "DMSXED546E Target not found");
	assert_int_equal(e->cur, 4);
	assert_int_equal(xed_command(e, "-/alpha/"), 0);
	assert_int_equal(e->cur, 1);
	assert_int_equal(xed_command(e, "/nowhere/"), 1);
	assert_int_equal(e->cur, 1);
	assert_string_equal(msg(e), "DMSXED546E Target not found");
	assert_int_equal(xed_command(e, "SET WRAP ON"), 0);
	e->cur = 4;
	assert_int_equal(xed_command(e, "/beta/"), 0);
	assert_int_equal(e->cur, 2);
	assert_string_equal(msg(e), "DMSXED541I Wrapped: the search went on from the top");
	assert_int_equal(xed_command(e, "/Beta/"), 1);   /* case counts */
	assert_int_equal(xed_command(e, "CASE M I"), 0); /* ... unless told not to */
	assert_int_equal(xed_command(e, "/BETA T/"), 0);
	assert_int_equal(e->cur, 4);
	assert_int_equal(xed_command(e, "c/TWO/2/"), 0);
	assert_string_equal(e->line[4], "beta 2");
	assert_int_equal(xed_command(e, "CASE MIXED RESPECT"), 0);
	assert_int_equal(xed_command(e, "/DELTA/"), 1);
	assert_int_equal(xed_command(e, "CASE M X"), 5);
	assert_int_equal(xed_command(e, "CASE M R X"), 5);
	assert_int_equal(xed_command(e, "L"), 5);
	e->cur = 0;
	assert_int_equal(xed_command(e, "FIND be"), 0); /* a line that starts so */
	assert_int_equal(e->cur, 2);
	assert_int_equal(xed_command(e, "FIND b    2"), 0); /* blanks match anything */
	assert_int_equal(e->cur, 4);
	assert_int_equal(xed_command(e, "FI gamma"), 1);
	done(e);
}

static void changing(void **state)
{
	(void)state;
	struct xed *e = ed("a cat and a cat|no pets|cat cat cat|the end");
	e->cur = 1;
	assert_int_equal(xed_command(e, "CHANGE /cat/dog/"), 0); /* the first on the current line */
	assert_string_equal(text(e), "a dog and a cat|no pets|cat cat cat|the end");
	assert_string_equal(msg(e), "");
	assert_int_equal(xed_command(e, "c/cat/cow/ * *"), 0); /* every one, to the end */
	assert_string_equal(text(e), "a dog and a cow|no pets|cow cow cow|the end");
	assert_string_equal(msg(e), "DMSXED517I 4 occurrence(s) changed on 2 line(s)");
	assert_int_equal(e->cur, 3); /* the last line changed */
	e->cur = 1;
	assert_int_equal(xed_command(e, "CHANGE /cow/ox/ 3 1 2"), 0); /* the second on each line */
	assert_string_equal(text(e), "a dog and a cow|no pets|cow ox cow|the end");
	assert_string_equal(msg(e), "DMSXED517I 1 occurrence(s) changed on 1 line(s)");
	assert_int_equal(xed_command(e, "CHANGE /zebra/horse/ *"), 4);
	assert_string_equal(msg(e), "DMSXED520E No occurrence of 'zebra' found");
	assert_int_equal(xed_command(e, "CHANGE /x"), 5); /* no new string */
	assert_string_equal(msg(e), "DMSXED520E Invalid operand: /x");
	e->cur = 4;
	assert_int_equal(xed_command(e, "CHANGE //>> /"), 0); /* an empty old string: in front */
	assert_string_equal(e->line[4], ">> the end");
	assert_int_equal(xed_command(e, "C/ end//"), 0); /* to nothing */
	assert_string_equal(e->line[4], ">> the");
	assert_true(e->changed);
	e->cur = 0;
	assert_int_equal(xed_command(e, "CHANGE /a/b/"), 2); /* on the Top of File line */
	assert_string_equal(msg(e), "DMSXED586I Top of file reached");
	assert_int_equal(xed_command(e, "CHANGE /the/The/ *"), 0); /* from it, to the end */
	assert_string_equal(e->line[4], ">> The");
	assert_int_equal(e->cur, 4);
	done(e);
}

static void inserting_deleting(void **state)
{
	(void)state;
	struct xed *e = ed("1|2|3|4|5|6");
	e->cur = 2;
	assert_int_equal(xed_command(e, "INPUT two and a half"), 0);
	assert_string_equal(text(e), "1|2|two and a half|3|4|5|6");
	assert_int_equal(e->cur, 3);
	assert_int_equal(xed_command(e, "INPUT"), 0); /* input mode: lines after the current one */
	assert_true(e->input);
	assert_int_equal(xed_input_line(e, "x"), 0);
	assert_int_equal(xed_input_line(e, "y"), 0);
	e->input = false;
	assert_string_equal(text(e), "1|2|two and a half|x|y|3|4|5|6");
	assert_int_equal(e->cur, 5);
	assert_int_equal(xed_command(e, "DELETE 2"), 0);
	assert_string_equal(text(e), "1|2|two and a half|x|4|5|6");
	assert_int_equal(e->cur, 5);                       /* the line after them */
	assert_int_equal(xed_command(e, "DELETE /6/"), 0); /* up to the line with 6 */
	assert_string_equal(text(e), "1|2|two and a half|x|6");
	assert_int_equal(xed_command(e, "DELETE"), 0);
	assert_string_equal(text(e), "1|2|two and a half|x");
	assert_int_equal(e->cur, 5);
	assert_int_equal(xed_command(e, "DELETE"), 2); /* at the End of File line */
	e->cur = 2;
	assert_int_equal(xed_command(e, "DEL *"), 0);
	assert_string_equal(text(e), "1");
	assert_int_equal(xed_command(e, "REPLACE uno"), 0); /* at EOF: a new line */
	assert_string_equal(text(e), "1|uno");
	e->cur = 1;
	assert_int_equal(xed_command(e, "REPLACE one"), 0);
	assert_string_equal(text(e), "one|uno");
	e->cur = 0;
	assert_int_equal(xed_command(e, "INPUT zero"), 0); /* at the top */
	assert_string_equal(text(e), "zero|one|uno");
	done(e);
}

static void case_and_copy(void **state)
{
	(void)state;
	struct xed *e = ed("a|b|c|d");
	assert_int_equal(xed_command(e, "CASE U"), 0);
	e->cur = 1;
	assert_int_equal(xed_command(e, "INPUT new line"), 0);
	assert_string_equal(text(e), "a|NEW LINE|b|c|d");
	assert_int_equal(xed_command(e, "CASE M"), 0);
	assert_int_equal(xed_command(e, "CASE X"), 5);
	e->cur = 3;
	assert_int_equal(xed_command(e, "COPY 2 :1"), 0); /* b and c after line 1 */
	assert_string_equal(text(e), "a|b|c|NEW LINE|b|c|d");
	e->cur = 1;
	assert_int_equal(xed_command(e, "MOVE 1 *"), 0); /* a to the end */
	assert_string_equal(text(e), "b|c|NEW LINE|b|c|d|a");
	assert_int_equal(e->cur, 7);
	done(e);
}

static void quitting(void **state)
{
	(void)state;
	struct xed *e = ed("x");
	assert_int_equal(xed_command(e, "QUIT"), 0);
	assert_true(e->done);
	done(e);
	e = ed("x");
	e->cur = 1;
	xed_command(e, "REPLACE y");
	assert_int_equal(xed_command(e, "QUIT"), 12);
	assert_false(e->done);
	assert_string_equal(msg(e), "DMSXED577E File has been changed; type QQUIT to quit anyway");
	assert_int_equal(xed_command(e, "QQUIT"), 0);
	assert_true(e->done);
	done(e);
}

/* ---- prefix commands ---- */

static void prefix(struct xed *e, int k, const char *t)
{
	xed_prefix_set(e, k, t);
}

static void prefix_single(void **state)
{
	(void)state;
	struct xed *e = ed("a|b|c|d|e");
	prefix(e, 2, "d====");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "a|c|d|e");
	prefix(e, 1, "i");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "a||c|d|e");
	assert_int_equal(e->focus, 2);
	prefix(e, 0, "I2");    /* on Top of File: at the top */
	prefix(e, 6, "====i"); /* on End of File: at the end */
	assert_int_equal(xed_prefix_run(e), 2);
	assert_string_equal(text(e), "||a||c|d|e|");
	e = (done(e), ed("a|b|c|d|e"));
	prefix(e, 2, "3D");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "a|e");
	e = (done(e), ed("a|b|c"));
	prefix(e, 2, "\"2");
	prefix(e, 3, "/");
	assert_int_equal(xed_prefix_run(e), 2);
	assert_string_equal(text(e), "a|b|b|b|c");
	assert_int_equal(e->cur, 5);
	prefix(e, 1, "Z");
	assert_int_equal(xed_prefix_run(e), -1);
	assert_string_equal(msg(e), "DMSXED523E Invalid prefix subcommand: Z");
	assert_string_equal(xed_prefix_of(e, 1), "Z"); /* it stays, for the user to fix */
	prefix(e, 1, "=====");
	assert_null(xed_prefix_of(e, 1));
	done(e);
}

static void prefix_blocks(void **state)
{
	(void)state;
	struct xed *e = ed("1|2|3|4|5|6|7");
	prefix(e, 2, "dd");
	assert_int_equal(xed_prefix_run(e), 0); /* its other end not yet given: pending */
	assert_string_equal(xed_prefix_of(e, 2), "DD");
	prefix(e, 4, "DD");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "1|5|6|7");
	assert_int_equal(e->npend, 0);

	e = (done(e), ed("1|2|3|4|5|6|7"));
	prefix(e, 2, "CC");
	prefix(e, 3, "cc");
	prefix(e, 6, "f");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "1|2|3|4|5|6|2|3|7");

	e = (done(e), ed("1|2|3|4|5|6|7"));
	prefix(e, 5, "MM");
	prefix(e, 6, "MM");
	prefix(e, 2, "P");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "1|5|6|2|3|4|7");

	e = (done(e), ed("1|2|3|4|5|6|7"));
	prefix(e, 1, "M3");
	prefix(e, 7, "F");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "4|5|6|7|1|2|3");

	e = (done(e), ed("1|2|3|4|5"));
	prefix(e, 2, "C");
	assert_int_equal(xed_prefix_run(e), 0); /* no F or P yet */
	prefix(e, 4, "====c");                  /* another line typed on meanwhile */
	xed_replace(e, 2, "two", 3);            /* the line changes: its command stays with it */
	assert_string_equal(xed_prefix_of(e, 2), "C");
	prefix(e, 0, "F"); /* after Top of File */
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "two|1|two|3|4|5");
	assert_string_equal(xed_prefix_of(e, 5), "C"); /* the second C follows its line */

	e = (done(e), ed("1|2|3|4|5"));
	prefix(e, 2, "\"\"");
	prefix(e, 3, "\"\"");
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(text(e), "1|2|3|2|3|4|5");

	e = (done(e), ed("1|2|3|4|5"));
	prefix(e, 2, "MM");
	prefix(e, 4, "MM");
	prefix(e, 3, "F"); /* inside the block */
	assert_int_equal(xed_prefix_run(e), 1);
	assert_string_equal(msg(e), "DMSXED522E A block cannot move into itself");
	assert_string_equal(text(e), "1|2|3|4|5");
	done(e);
}

/* ---- the file ---- */

static void file_roundtrip(void **state)
{
	(void)state;
	const char *lines[] = {"first line", "   indented   ", "", "last"};
	assert_int_equal(put_lines("OLD", "DATA", "A1", 'F', 80, lines, 4), 0);
	struct xed *e = calloc(1, sizeof *e);
	xed_init(e, NULL, 'F', 80);
	struct cms_fileid id = fid("OLD", "DATA", "*");
	assert_int_equal(xed_load(e, &id), 0);
	assert_int_equal(e->n, 4);
	assert_int_equal(e->recfm, 'F');
	assert_int_equal(e->lrecl, 80);
	assert_string_equal(e->id.fm, "A1");
	assert_string_equal(text(e), "first line|   indented||last"); /* F: trailing blanks are padding */
	e->cur = 4;
	assert_int_equal(xed_command(e, "INPUT added"), 0);
	assert_int_equal(xed_command(e, "FILE"), 0);
	assert_true(e->done);
	char got[1024];
	assert_int_equal(get_text("OLD", "DATA", "A1", got, sizeof got), 0);
	char want[1024];
	snprintf(want, sizeof want, "%-80s\n%-80s\n%-80s\n%-80s\n%-80s\n", "first line", "   indented", "",
	         "last", "added");
	assert_string_equal(got, want);
	done(e);

	/* a new file: its defaults, "NEW FILE", SAVE under another name */
	e = calloc(1, sizeof *e);
	xed_init(e, NULL, 'F', 80);
	id = fid("NEW", "EXEC", "*");
	assert_int_equal(xed_load(e, &id), 0);
	assert_string_equal(msg(e), "NEW FILE");
	assert_true(e->newfile);
	assert_int_equal(e->recfm, 'V');
	assert_string_equal(e->id.fm, "A1");
	struct xed *e2 = calloc(1, sizeof *e2); /* a mode without its digit: 1, as the file system gives it */
	xed_init(e2, NULL, 'F', 80);
	struct cms_fileid id2 = fid("NEW", "DATA", "A");
	assert_int_equal(xed_load(e2, &id2), 0);
	assert_string_equal(e2->id.fm, "A1");
	done(e2);
	assert_int_equal(xed_command(e, "INPUT say 'hi'"), 0);
	assert_int_equal(xed_command(e, "INPUT"), 0);
	assert_int_equal(xed_input_line(e, ""), 0);
	assert_int_equal(xed_input_line(e, "exit"), 0);
	assert_int_equal(xed_command(e, "SAVE"), 0);
	assert_false(e->changed);
	assert_int_equal(get_text("NEW", "EXEC", "A1", got, sizeof got), 0);
	assert_string_equal(got, "say 'hi'\n \nexit\n"); /* V: an empty line is a record of one blank */
	assert_int_equal(xed_command(e, "SAVE OTHER"), 0);
	assert_string_equal(e->id.fn, "OTHER");
	assert_int_equal(get_text("OTHER", "EXEC", "A1", got, sizeof got), 0);
	assert_string_equal(got, "say 'hi'\n \nexit\n");
	assert_int_equal(xed_command(e, "SAVE TOO.LONG.NAME"), RC_BADNAME);
	assert_int_equal(xed_command(e, "SAVE = DATA ="), 0);
	assert_string_equal(e->id.fn, "OTHER");
	assert_string_equal(e->id.ft, "DATA");
	assert_int_equal(get_text("OTHER", "DATA", "A1", got, sizeof got), 0);
	assert_int_equal(xed_command(e, "SAVE = = A"), 0);
	assert_string_equal(e->id.fm, "A1");
	assert_int_equal(xed_command(e, "SAVE = = B"), RC_DISKRO);
	assert_string_equal(msg(e), "DMSXED048E Invalid file identifier: TOO.LONG.NAME / DMSXED037E Disk B "
	                            "is read-only or not accessed");
	/* GET: another file's lines after the current one */
	e->cur = 1;
	assert_int_equal(xed_command(e, "GET OLD DATA"), 0);
	assert_int_equal(e->n, 8);
	assert_string_equal(e->line[2], "first line");
	assert_int_equal(e->cur, 6);
	assert_int_equal(xed_command(e, "GET NOSUCH DATA"), RC_NOTFOUND);
	assert_string_equal(
	    msg(e), "DMSXED560I 5 line(s) added from OLD DATA A1 / DMSXED002E File NOSUCH DATA * not found");
	done(e);

	/* nothing is written for an empty file */
	e = calloc(1, sizeof *e);
	xed_init(e, NULL, 'F', 80);
	id = fid("EMPTY", "DATA", "A");
	assert_int_equal(xed_load(e, &id), 0);
	msg(e);
	assert_int_equal(xed_command(e, "FILE"), 0);
	assert_string_equal(msg(e), "DMSXED587W The file has no lines: it was not written");
	assert_int_equal(get_text("EMPTY", "DATA", "A1", got, sizeof got), RC_NOTFOUND);
	done(e);
	memdev_assert_consistent(disk);
}

static void long_lines(void **state)
{
	(void)state;
	struct xed *e = calloc(1, sizeof *e);
	xed_init(e, NULL, 'F', 80);
	struct cms_fileid id = fid("CARD", "DATA", "A");
	assert_int_equal(xed_load(e, &id), 0);
	msg(e);
	char l[100];
	memset(l, 'x', 99);
	l[99] = 0;
	assert_int_equal(xed_command(e, "INPUT short"), 0);
	assert_int_equal(xed_input_line(e, l), 0); /* cut at the record length */
	assert_int_equal(strlen(e->line[2]), 80);
	assert_string_equal(msg(e), "DMSXED504W Line truncated at column 80");
	e->cur = 1;
	assert_int_equal(xed_command(e, "CHANGE /short/much longer/"), 0);
	assert_string_equal(e->line[1], "much longer");
	done(e);
}

/* Random commands and prefix commands: nothing crashes (the sanitizers
 * watch in a debug build), the buffer stays consistent. */
static void robustness(void **state)
{
	(void)state;
	static const char *const words[] = {
	    "TOP",  "BOTTOM",  "UP",       "DOWN", "NEXT", "LOCATE", "CHANGE",    "INPUT", "DELETE",
	    "COPY", "MOVE",    "REPLACE",  "CASE", "SET",  "LEFT",   "RIGHT",     "=",     "/",
	    ":",    "-",       "*",        "+",    "3",    "0",      "999999999", "/a/",   "/b/c/",
	    "//",   "-/x/",    "U",        "M",    "WRAP", "ON",     "c/",        "x",     "\"",
	    "",     "FORWARD", "BACKWARD", "-*",   ":0"};
	static const char *const pfx[] = {
	    "I",  "D",  "DD", "C", "CC", "M",     "MM",           "F",   "P", "/", "\"", "\"\"", "3D",
	    "I3", "C2", "M9", "Q", "",   "=====", "99999999999D", "DD5", "/2"};
	srand(370);
	struct xed *e = ed("a|b|c|d|e|f|g|h");
	for (int round = 0; round < 3000; round++) {
		char line[200] = "";
		int nw = rand() % 5;
		for (int k = 0; k < nw; k++) {
			strcat(line, words[rand() % (int)(sizeof words / sizeof words[0])]);
			if (rand() % 2)
				strcat(line, " ");
		}
		xed_command(e, line);
		e->input = false;
		e->done = false;
		for (int k = rand() % 3; k > 0; k--)
			xed_prefix_set(e, rand() % (e->n + 2),
			               pfx[rand() % (int)(sizeof pfx / sizeof pfx[0])]);
		xed_prefix_run(e);
		e->nmsg = 0;
		assert_true(e->cur >= 0 && e->cur <= e->n + 1);
		for (int k = 1; k <= e->n; k++)
			assert_non_null(e->line[k]);
		if (e->n > 400) { /* keep it small */
			e->cur = 1;
			xed_command(e, "DELETE *");
		}
		if (e->n == 0)
			xed_insert_raw(e, 0, "abc", 3);
	}
	done(e);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(moving, setup, teardown),
	    cmocka_unit_test_setup_teardown(locating, setup, teardown),
	    cmocka_unit_test_setup_teardown(changing, setup, teardown),
	    cmocka_unit_test_setup_teardown(inserting_deleting, setup, teardown),
	    cmocka_unit_test_setup_teardown(case_and_copy, setup, teardown),
	    cmocka_unit_test_setup_teardown(quitting, setup, teardown),
	    cmocka_unit_test_setup_teardown(prefix_single, setup, teardown),
	    cmocka_unit_test_setup_teardown(prefix_blocks, setup, teardown),
	    cmocka_unit_test_setup_teardown(file_roundtrip, setup, teardown),
	    cmocka_unit_test_setup_teardown(long_lines, setup, teardown),
	    cmocka_unit_test_setup_teardown(robustness, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
