/* test_spool_scr.c — RDRLIST (cms/cmd_spool_list.c, cmd_spool_scr.c) on the
 * host: on a simulated 3270 (fake3270.h) the reader's files a row each,
 * the commands typed in the rows' command areas given to CMS with '/' made
 * the spool id (CP's reader commands made CP PURGE RDR ...), the command
 * line's too, PF3 ending; on a typewriter console the list typed. */
#include "edit_host.h"
#include "fake3270.h"
#include "fs_testutil.h"

#include "cmd_spool.h"
#include "cmds.h"

/* ---- the reader's files (DIAGNOSE X'14' X'0FFF' as cmd_spool_io.c gives it) ---- */
static struct sp_desc files[3];
static int nfiles;

int sp_rdr_desc(uint16_t after, struct sp_desc *out)
{
	int k = 0;
	if (after) {
		while (k < nfiles && files[k].id != after)
			k++;
		k++;
	}
	if (k >= nfiles)
		return 1;
	*out = files[k];
	return 0;
}
int sp_rdr_find(uint16_t id, struct sp_desc *out)
{
	for (int k = 0; k < nfiles; k++)
		if (files[k].id == id) {
			*out = files[k];
			return 0;
		}
	return 1;
}

/* ---- the rest of cmd_spool_io.c: not used here ---- */
int sp_cp(char *resp, size_t rmax, const char *fmt, ...)
{
	(void)fmt;
	if (resp && rmax)
		resp[0] = 0;
	return 0;
}
/* SENDFILE says when the punch goes to another user (cmd_spool_io.c keeps it for HX) */
void sp_redirected(bool on)
{
	(void)on;
}

int sp_punch(const uint8_t *card, const char *msgid)
{
	(void)card;
	(void)msgid;
	return 0;
}
int sp_print(uint8_t pre, uint8_t ccw, const uint8_t *line, uint32_t len, const char *msgid)
{
	(void)pre, (void)ccw, (void)line, (void)len, (void)msgid;
	return 0;
}
uint16_t sp_close_quiet(uint16_t dev, const char *fn, const char *ft, char *resp, size_t rmax)
{
	(void)dev, (void)fn, (void)ft;
	if (rmax)
		resp[0] = 0;
	return 0;
}
void sp_show(char *resp)
{
	(void)resp;
}
uint16_t sp_close(uint16_t dev, const char *fn, const char *ft)
{
	(void)dev, (void)fn, (void)ft;
	return 0;
}
int sp_rdr_open(struct sp_rdr *r, uint16_t want, const char *msgid)
{
	(void)r, (void)want, (void)msgid;
	return SP_RDR_EMPTY;
}
int sp_rdr_next(struct sp_rdr *r, uint8_t *card, uint32_t *len, uint8_t *cmd)
{
	(void)r, (void)card, (void)len, (void)cmd;
	return RC_EOF;
}
void sp_rdr_close(struct sp_rdr *r, bool keep)
{
	(void)r, (void)keep;
}

static struct sp_desc file(uint16_t id, const char *origin, char devtype, uint32_t records, bool held,
                           const char *fn, const char *ft)
{
	struct sp_desc d;
	memset(&d, 0, sizeof d);
	d.id = id;
	d.cls = 'A';
	d.devtype = devtype;
	d.records = records;
	d.held = held;
	d.copies = 1;
	snprintf(d.origin, sizeof d.origin, "%s", origin);
	snprintf(d.fn, sizeof d.fn, "%s", fn);
	snprintf(d.ft, sizeof d.ft, "%s", ft);
	snprintf(d.date, sizeof d.date, "11/26 21:25");
	return d;
}

static int setup(void **state)
{
	(void)state;
	con_log[0] = cmd_log[0] = 0;
	nfiles = 3;
	files[0] = file(5, "ALICE", 'P', 27, false, "PLAN", "MEMO");
	files[1] = file(6, "BOB", 'L', 120, true, "REPORT", "LISTING");
	files[2] = file(12, "ALICE", 'P', 3, false, "", "");
	host_display = true;
	return 0;
}

static void full_screen(void **state)
{
	(void)state;
	static const struct fk_step steps[] = {
	    {.aid = SCR_ENTER,
	     .check_row = 1,
	     .check = " Cmd          ORIGINID FILE CL TYPE  RECORDS HOLD DATE  TIME  NAME     TYPE",
	     .t = {{2, 1, "receive /", false}, {3, 1, "purge", false}, {4, 1, "rec / x y", false}}},
	    {.aid = SCR_ENTER,
	     .check_row = 0,
	     .check = " RDRLIST   Files: 3*",
	     .t = {{22, 7, "query disk", false}}},
	    {.aid = 0xF3},
	};
	fk_reset(steps, 3, 24);
	assert_int_equal(run(cms_cmd_rdrlist, "rdrlist"), 0);
	assert_int_equal(fk.done_steps, 3);
	assert_true(fk.closed);
	assert_string_equal(cmd_log, "receive 0005\nCP PURGE RDR 0006\nrec 0012 x y\nquery disk\n");
	assert_string_equal(fk_row(2),
	                    "              ALICE    0005 A  PUN        27 NONE 11/26 21:25 PLAN     MEMO");
	assert_string_equal(fk_row(3),
	                    "              BOB      0006 A  PRT       120 USER 11/26 21:25 REPORT   LISTING");
	assert_string_equal(fk_row(4), "              ALICE    0012 A  PUN         3 NONE 11/26 21:25");
	assert_string_equal(fk_row(5), "");
	assert_string_equal(fk_row(23), "  2= Refresh  3= Quit  7= Backward  8= Forward");
}

static void typewriter(void **state)
{
	(void)state;
	host_display = false;
	assert_int_equal(run(cms_cmd_rdrlist, "rdrlist"), 0);
	assert_string_equal(con_log, "ORIGINID FILE CL TYPE  RECORDS HOLD DATE  TIME  NAME     TYPE\n"
	                             "ALICE    0005 A  PUN        27 NONE 11/26 21:25 PLAN     MEMO\n"
	                             "BOB      0006 A  PRT       120 USER 11/26 21:25 REPORT   LISTING\n"
	                             "ALICE    0012 A  PUN         3 NONE 11/26 21:25\n");
	con_log[0] = 0;
	nfiles = 0;
	assert_int_equal(run(cms_cmd_rdrlist, "rdrlist"), RC_WARN);
	assert_string_equal(con_log, "DMSRDL702I No files in your reader\n");
	con_log[0] = 0;
	host_display = true; /* no files: no screen either */
	assert_int_equal(run(cms_cmd_rdrlist, "rdrlist"), RC_WARN);
	assert_string_equal(con_log, "DMSRDL702I No files in your reader\n");
	assert_int_equal(run(cms_cmd_rdrlist, "rdrlist x"), RC_BADOPT);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup(full_screen, setup),
	    cmocka_unit_test_setup(typewriter, setup),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
