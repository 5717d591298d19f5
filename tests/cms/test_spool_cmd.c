/* test_spool_cmd.c — the spool commands (cms/cmd_spool.c, cmd_spool_send.c)
 * on the host: the real file system on an in-memory disk, and in place of
 * cmd_spool_io.c a fake punch and printer that keep what they are given and
 * a fake reader that serves a deck.  SENDFILE's deck, given to RECEIVE,
 * makes the same file byte for byte (F and V); a damaged or cut deck, or an
 * existing file without REPLACE, writes nothing and leaves the reader file
 * where it was; PUNCH's cards come back by READCARD *; PRINT's carriage
 * control becomes the right CCWs. */
#include "edit_host.h"
#include "fs_testutil.h"

#include "cmd_spool.h"
#include "cmds.h"

/* ---- the fake devices (cmd_spool_io.c's calls) ---- */
enum { MAXCARDS = 3000 };
static uint8_t punched[MAXCARDS][80];
static int npunched;
static char cplog[2048];
static uint8_t printed[64][2]; /* the carriage command before each line and the Write */
static char lines[64][140];
static int nprinted;
/* the reader: a deck, its spool id; what the command did with it */
static uint8_t (*deck)[80];
static int ndeck, atcard;
static bool rdr_open, kept, taken;

int sp_cp(char *resp, size_t rmax, const char *fmt, ...)
{
	char cmd[160];
	va_list ap;
	va_start(ap, fmt);
	vsnprintf(cmd, sizeof cmd, fmt, ap);
	va_end(ap);
	size_t at = strlen(cplog);
	snprintf(cplog + at, sizeof cplog - at, "%s\n", cmd);
	if (resp && rmax)
		resp[0] = 0;
	return strstr(cmd, " TO ZORK ") ? 53 : 0;
}
/* SENDFILE says when the punch goes to another user (cmd_spool_io.c keeps it for HX) */
void sp_redirected(bool on)
{
	(void)on;
}

int sp_punch(const uint8_t *card, const char *msgid)
{
	(void)msgid;
	assert_true(npunched < MAXCARDS);
	memcpy(punched[npunched++], card, 80);
	return 0;
}
int sp_print(uint8_t pre, uint8_t ccw, const uint8_t *line, uint32_t len, const char *msgid)
{
	(void)msgid;
	assert_true(nprinted < 64 && len < 140);
	printed[nprinted][0] = pre;
	printed[nprinted][1] = ccw;
	cms_e2a(lines[nprinted], line, len);
	lines[nprinted++][len] = 0;
	return 0;
}
uint16_t sp_close_quiet(uint16_t dev, const char *fn, const char *ft, char *resp, size_t rmax)
{
	sp_cp(NULL, 0, "CLOSE %03X NAME %s %s", dev, fn ? fn : "-", ft ? ft : "-");
	snprintf(resp, rmax, "PUN FILE 0007 TO SOMEONE COPY 01 NOHOLD");
	return 7;
}
void sp_show(char *resp)
{
	cms_puts(resp);
}
uint16_t sp_close(uint16_t dev, const char *fn, const char *ft)
{
	char resp[80];
	uint16_t id = sp_close_quiet(dev, fn, ft, resp, sizeof resp);
	sp_show(resp);
	return id;
}
int sp_rdr_open(struct sp_rdr *r, uint16_t want, const char *msgid)
{
	(void)msgid;
	memset(r, 0, sizeof *r);
	if (!deck)
		return want ? SP_RDR_NOFILE : SP_RDR_EMPTY;
	if (want && want != 7)
		return SP_RDR_NOFILE;
	r->spoolid = 7;
	atcard = 0;
	rdr_open = true;
	return 0;
}
int sp_rdr_next(struct sp_rdr *r, uint8_t *card, uint32_t *len, uint8_t *cmd)
{
	(void)r;
	assert_true(rdr_open);
	if (atcard == ndeck)
		return RC_EOF;
	memcpy(card, deck[atcard++], 80);
	*len = 80;
	*cmd = 0x01;
	return 0;
}
void sp_rdr_close(struct sp_rdr *r, bool keep)
{
	(void)r;
	assert_true(rdr_open);
	rdr_open = false;
	kept = keep;
	taken = !keep;
}
int sp_rdr_find(uint16_t id, struct sp_desc *out)
{
	memset(out, 0, sizeof *out);
	out->id = id;
	strcpy(out->origin, "ALICE");
	strcpy(out->fn, "SPOOLED");
	strcpy(out->ft, "FILE");
	return id == 7 ? 0 : 1;
}

/* ---- helpers ---- */
static struct memdev *disk;

static int setup(void **state)
{
	(void)state;
	fs_reset();
	disk = fresh(200, 'A', "SPL191");
	con_log[0] = cplog[0] = 0;
	npunched = nprinted = 0;
	deck = NULL;
	ndeck = 0;
	kept = taken = rdr_open = false;
	return 0;
}

static int teardown(void **state)
{
	(void)state;
	memdev_assert_consistent(disk);
	fs_release('A');
	memdev_free(disk);
	return 0;
}

static bool said(const char *line)
{
	char want[300];
	snprintf(want, sizeof want, "%s\n", line);
	return strstr(con_log, want) != NULL;
}
#define assert_said(l)                                                                                       \
	do {                                                                                                 \
		if (!said(l))                                                                                \
			fail_msg("the console lacks '%s'; it has:\n%s", l, con_log);                         \
	} while (0)

/* A file of binary records: record k of length len(k), bytes from the seed. */
static void make_file(const char *fn, const char *ft, char recfm, uint32_t lrecl, int n, uint32_t (*len)(int))
{
	struct cms_fileid id = fid(fn, ft, "A1");
	struct cms_file *f;
	assert_int_equal(fs_open_write(&id, recfm, lrecl, &f), 0);
	static uint8_t rec[65536];
	for (int k = 0; k < n; k++) {
		uint32_t l = len(k);
		for (uint32_t j = 0; j < l; j++)
			rec[j] = (uint8_t)(j * 13 + (uint32_t)k * 7);
		assert_int_equal(fs_write(f, rec, l), 0);
	}
	assert_int_equal(fs_close(f), 0);
}

static void check_file(const char *fn, const char *ft, char recfm, uint32_t lrecl, int n,
                       uint32_t (*len)(int))
{
	struct cms_fileid id = fid(fn, ft, "A");
	struct cms_fst st;
	assert_int_equal(fs_state(&id, &st), 0);
	assert_int_equal(st.recfm, recfm);
	assert_int_equal(st.lrecl, lrecl);
	assert_int_equal(st.records, (uint32_t)n);
	struct cms_file *f;
	assert_int_equal(fs_open_read(&id, &f), 0);
	static uint8_t rec[65536];
	uint32_t l;
	for (int k = 0; k < n; k++) {
		assert_int_equal(fs_read(f, rec, sizeof rec, &l), 0);
		assert_int_equal(l, len(k));
		for (uint32_t j = 0; j < l; j++)
			if (rec[j] != (uint8_t)(j * 13 + (uint32_t)k * 7))
				fail_msg("record %d byte %u differs", k + 1, j);
	}
	assert_int_equal(fs_read(f, rec, sizeof rec, &l), RC_EOF);
	fs_close(f);
}

static uint32_t len80(int k)
{
	(void)k;
	return 80;
}
static uint32_t len300(int k)
{
	(void)k;
	return 300;
}
static uint32_t vlen(int k)
{
	static const uint32_t l[] = {1, 68, 69, 200, 3, 4000, 2, 66, 67, 135};
	return l[k % 10];
}

static bool exists(const char *fn, const char *ft)
{
	struct cms_fileid id = fid(fn, ft, "A");
	struct cms_fst st;
	return fs_state(&id, &st) == 0;
}

/* SENDFILE's deck to the fake reader, the file erased: ready for RECEIVE. */
static void send_and_erase(const char *cmd, const char *fn, const char *ft)
{
	assert_int_equal(run(cms_cmd_sendfile, cmd), 0);
	deck = punched;
	ndeck = npunched;
	struct cms_fileid id = fid(fn, ft, "A1");
	assert_int_equal(fs_erase(&id), 0);
}

/* ---- the tests ---- */

static void sendfile_receive_fixed_and_variable(void **state)
{
	(void)state;
	make_file("FIX", "DATA", 'F', 300, 40, len300);
	send_and_erase("SENDFILE FIX DATA A TO BOB", "FIX", "DATA");
	assert_string_equal(
	    cplog, "CLOSE 00D NAME - -\nSPOOL 00D TO BOB CLASS A\nCLOSE 00D NAME FIX DATA\nSPOOL 00D OFF\n");
	assert_said("PUN FILE 0007 TO SOMEONE COPY 01 NOHOLD\nFile 'FIX DATA A1' sent to BOB");
	assert_int_equal(npunched, 1 + (40 * 300 + 67) / 68 + 1);
	assert_int_equal(run(cms_cmd_receive, "RECEIVE"), 0);
	assert_said("File 'FIX DATA A1' received from ALICE");
	assert_true(taken);
	check_file("FIX", "DATA", 'F', 300, 40, len300);

	npunched = 0;
	make_file("VAR", "DATA", 'V', 0, 25, vlen);
	send_and_erase("SENDFILE VAR DATA BOB", "VAR", "DATA");
	assert_int_equal(run(cms_cmd_receive, "RECEIVE 7 = = A"), 0);
	check_file("VAR", "DATA", 'V', 4000, 25, vlen);
	/* another name, and a second time: refused without REPLACE, the file kept */
	assert_int_equal(run(cms_cmd_receive, "RECEIVE * NEW NAME"), 0);
	check_file("NEW", "NAME", 'V', 4000, 25, vlen);
	con_log[0] = 0;
	taken = false;
	assert_int_equal(run(cms_cmd_receive, "RECEIVE * NEW NAME"), RC_NOTFOUND);
	assert_said("DMSRCV024E File 'NEW NAME A1' already exists; specify REPLACE");
	assert_true(kept);
	assert_int_equal(run(cms_cmd_receive, "RECEIVE * NEW NAME (REPLACE"), 0);
	assert_true(taken);
	check_file("NEW", "NAME", 'V', 4000, 25, vlen);
}

/* A damaged or cut deck: nothing written (not even a replaced file is
 * touched), the reader file kept. */
static void damaged_deck_writes_nothing(void **state)
{
	(void)state;
	make_file("VAR", "DATA", 'V', 0, 30, vlen);
	assert_int_equal(run(cms_cmd_sendfile, "SENDFILE VAR DATA A BOB"), 0);
	deck = punched;
	ndeck = npunched;
	uint32_t used = 0;
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('A', &vi), 0);
	used = vi.used;

	punched[5][40] ^= 0x10; /* a data byte */
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_receive, "RECEIVE * COPY DATA"), RC_ERR);
	assert_said(
	    "DMSRCV078E Reader file 0007 not loaded: data card 5 is damaged (its CRC is wrong); nothing "
	    "was written");
	assert_true(kept);
	assert_false(exists("COPY", "DATA"));
	punched[5][40] ^= 0x10;

	ndeck = npunched - 1; /* the end card lost */
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_receive, "RECEIVE (REPLACE"), RC_ERR);
	assert_true(kept);
	check_file("VAR", "DATA", 'V', 4000, 30, vlen); /* the old file, as it was */

	ndeck = npunched; /* a data card lost in the middle */
	deck = punched;
	memmove(punched[9], punched[10], (size_t)(npunched - 10) * 80);
	ndeck = npunched - 1;
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_disk, "DISK LOAD * * A (REPLACE"), RC_ERR);
	assert_said(
	    "DMSDSK078E Reader file 0007 not loaded: data card 10 came where 9 was expected; nothing was "
	    "written");
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_int_equal(vi.used, used);
	check_file("VAR", "DATA", 'V', 4000, 30, vlen);
}

static void punch_readcard(void **state)
{
	(void)state;
	make_file("CARDS", "TEXT", 'F', 80, 12, len80);
	assert_int_equal(run(cms_cmd_punch, "PUNCH CARDS TEXT"), 0);
	assert_int_equal(npunched, 13);
	char hdr[81];
	cms_e2a(hdr, punched[0], 80);
	hdr[80] = 0;
	assert_memory_equal(hdr, ":READ  CARDS    TEXT     A1 SPL191 ", 35);
	assert_string_equal(cplog, "CLOSE 00D NAME CARDS TEXT\n");
	assert_int_equal(fs_erase(&(struct cms_fileid){"CARDS", "TEXT", "A1"}), 0);
	deck = punched;
	ndeck = npunched;
	assert_int_equal(run(cms_cmd_readcard, "READCARD *"), 0);
	assert_said("File 'CARDS TEXT A1' created from reader file 0007 (12 records)");
	assert_true(taken);
	check_file("CARDS", "TEXT", 'F', 80, 12, len80);
	/* a DISK DUMP deck given to READCARD is loaded as DISK LOAD would */
	npunched = 0;
	make_file("WIDE", "DATA", 'F', 300, 3, len300);
	assert_int_equal(run(cms_cmd_disk, "DISK DUMP WIDE DATA A"), 0);
	deck = punched;
	ndeck = npunched;
	assert_int_equal(run(cms_cmd_readcard, "READCARD OTHER NAME"), 0);
	check_file("OTHER", "NAME", 'F', 300, 3, len300);
	/* PUNCH refuses records over 80 */
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_punch, "PUNCH WIDE DATA"), 32);
	assert_said("DMSPUN033E File 'WIDE DATA A1' has records over 80 (LRECL 300): use DISK DUMP");
}

static void print_carriage_control(void **state)
{
	(void)state;
	static const char *const text[] = {"1TITLE", " ONE", "0TWO", "-THREE", "+OVER", "xother"};
	assert_int_equal(put_lines("REPORT", "LISTING", "A1", 'V', 0, text, 6), 0);
	assert_int_equal(run(cms_cmd_print, "PRINT REPORT LISTING (CC"), 0);
	assert_int_equal(nprinted, 6);
	static const uint8_t want[6][2] = {{0x8B, 0x01}, {0x0B, 0x01}, {0x13, 0x01},
	                                   {0x1B, 0x01}, {0x00, 0x01}, {0x0B, 0x01}};
	for (int k = 0; k < 6; k++) {
		assert_memory_equal(printed[k], want[k], 2);
		assert_string_equal(lines[k], text[k] + 1);
	}
	nprinted = 0;
	assert_int_equal(run(cms_cmd_print, "PRINT REPORT LISTING A (UPCASE"), 0);
	assert_int_equal(printed[5][0], 0);
	assert_int_equal(printed[5][1], 0x09);
	assert_string_equal(lines[5], "XOTHER");
	con_log[0] = 0;
	assert_int_equal(run(cms_cmd_print, "PRINT NO SUCH"), RC_NOTFOUND);
	assert_said("DMSPRT002E File 'NO SUCH *' not found");
	assert_int_equal(run(cms_cmd_print, "PRINT REPORT LISTING (BAD"), RC_BADOPT);
	assert_said("DMSPRT003E Invalid option 'BAD'");
}

static void wrong_operands(void **state)
{
	(void)state;
	make_file("A", "B", 'F', 80, 1, len80);
	assert_int_equal(run(cms_cmd_sendfile, "SENDFILE A B A ZORK"), 53);
	assert_said("DMSSND046E File 'A B A1' not sent to ZORK");
	assert_int_equal(run(cms_cmd_sendfile, "SENDFILE A B AT X"), RC_BADOPT);
	assert_int_equal(run(cms_cmd_sendfile, "SENDFILE A B"), RC_BADOPT);
	assert_int_equal(run(cms_cmd_sendfile, "SENDFILE A B A TOOLONGID"), RC_BADOPT);
	assert_said("DMSSND045E Invalid userid 'TOOLONGID'");
	assert_int_equal(run(cms_cmd_receive, "RECEIVE"), RC_NOTFOUND);
	assert_said("DMSRCV702E No file in your reader");
	assert_int_equal(run(cms_cmd_receive, "RECEIVE 12"), RC_NOTFOUND);
	assert_said("DMSRCV002E Reader file 0012 not found");
	assert_int_equal(run(cms_cmd_receive, "RECEIVE 12X"), RC_BADOPT);
	assert_int_equal(run(cms_cmd_readcard, "READCARD A"), RC_BADOPT);
	assert_int_equal(run(cms_cmd_disk, "DISK FOO"), RC_BADOPT);
	/* a deck that is not DISK DUMP: DISK LOAD leaves it */
	static uint8_t plain[2][80];
	memset(plain, 0x40, sizeof plain);
	deck = plain;
	ndeck = 2;
	assert_int_equal(run(cms_cmd_disk, "DISK LOAD"), RC_ERR);
	assert_said("DMSDSK078E Reader file 0007 is not a DISK DUMP deck (READCARD reads it)");
	assert_true(kept);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(sendfile_receive_fixed_and_variable, setup, teardown),
	    cmocka_unit_test_setup_teardown(damaged_deck_writes_nothing, setup, teardown),
	    cmocka_unit_test_setup_teardown(punch_readcard, setup, teardown),
	    cmocka_unit_test_setup_teardown(print_carriage_control, setup, teardown),
	    cmocka_unit_test_setup_teardown(wrong_operands, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
