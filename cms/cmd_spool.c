/* cmd_spool.c — PRINT, PUNCH and READCARD (VM/370 CMS Command and Macro
 * Reference): files to the virtual printer and punch, cards from the
 * virtual reader back into files.
 *
 *   PRINT fn ft [fm] [(CC|NOCC UPCASE HEADER]
 *       the records to the printer 00E, a line each (a 1403 prints 132
 *       characters of it); CC: the first character is ASA carriage control
 *       (blank one line, 0 two, - three, + none, 1 a new page) and is not
 *       printed; UPCASE: in capitals; HEADER: a :READ line first (as PUNCH)
 *   PUNCH fn ft [fm] [(HEADER|NOHEADER]
 *       the records to the punch 00D as 80-byte cards (shorter ones padded
 *       with blanks; a file with longer records is refused); HEADER, the
 *       default, punches VM/370's :READ control card first (":READ  fn ft fm
 *       label date time") from which READCARD names the file again
 *   READCARD fn ft [fm]  |  READCARD * [* [fm]]
 *       the next reader file into files of 80-byte F records: a :READ card
 *       starts a new file (named by it with *; cards before the first go
 *       to READCARD CMSUT1).  A DISK DUMP deck (cmd_spool_send.c) is loaded
 *       as DISK LOAD would.  Existing files are replaced, as VM/370's did.
 *
 * PRINT and PUNCH CLOSE the device at the end (CP names the spool file fn
 * ft and says where it went: "PUN FILE 0012 TO SYSTEM COPY 01 NOHOLD").
 */
#include "cmd_spool.h"
#include "cmds.h"
#include "nucleus.h"

/* ---- helpers of all the spool commands ---- */


void sp_read_error(const struct cms_fst *f, const char *pfx)
{
	char msgid[12];
	cms_format(msgid, sizeof msgid, "%s104E", pfx);
	cms_msg(msgid, "Error reading '%s %s %s': %s", f->id.fn, f->id.ft, f->id.fm, fs_errtext());
}

int sp_open_file(const struct cms_fst *f, const char *pfx, struct cms_file **in)
{
	int rc = fs_open_read(&f->id, in);
	if (rc)
		sp_read_error(f, pfx);
	return rc;
}

int sp_bad_option(const char *pfx, const char *opt)
{
	char msgid[12];
	cms_format(msgid, sizeof msgid, "%s003E", pfx);
	cms_msg(msgid, "Invalid option '%s'", opt);
	return RC_BADOPT;
}

uint16_t sp_spoolid(const char *w)
{
	uint32_t n = 0;
	if (!*w || strlen(w) > 4)
		return 0;
	for (; *w; w++) {
		if (*w < '0' || *w > '9')
			return 0;
		n = n * 10 + (uint32_t)(*w - '0');
	}
	return (uint16_t)n;
}

bool sp_read_card(const uint8_t *card, struct cms_fileid *id)
{
	char line[81], *w[4];
	cms_e2a(line, card, 80);
	line[80] = 0;
	if (memcmp(line, ":READ ", 6))
		return false;
	cms_upper(line);
	int n = cms_words(line + 6, w, 4);
	if (n < 2)
		return false;
	if (fs_fileid(id, w[0], w[1], n > 2 && strlen(w[2]) <= 2 ? w[2] : "A1"))
		return false;
	if (n < 3 || strlen(w[2]) > 2)
		id->fm[0] = 0;
	return true;
}

void sp_make_read_card(uint8_t *card, const struct cms_fst *f, const char *label)
{
	char line[96];
	int n =
	    cms_format(line, sizeof line, ":READ  %-8s %-8s %-2s %-6s %02u/%02u/%02u  %02u:%02u", f->id.fn,
	               f->id.ft, f->id.fm, label, f->month, f->day, f->year % 100, f->hour, f->minute);
	for (int k = n; k < 80; k++)
		line[k] = ' ';
	cms_a2e(card, line, 80);
}

/* fn ft [fm] of a file that must exist (fm: the search order when absent);
 * the message said otherwise: RC_BADNAME, RC_NOTFOUND. */
int sp_find_file(char **w, int n, const char *pfx, struct cms_fst *out)
{
	char msgid[12];
	cms_format(msgid, sizeof msgid, "%s048E", pfx);
	if (n < 2) {
		cms_format(msgid, sizeof msgid, "%s054E", pfx);
		cms_msg(msgid, "Incomplete fileid specified");
		return RC_BADOPT;
	}
	if (n > 3)
		return sp_bad_option(pfx, w[3]);
	struct cms_fileid id;
	for (int k = 0; k < n; k++)
		for (const char *p = w[k]; *p; p++)
			if (*p == '*' && (k < 2 || p != w[k] || p[1])) {
				cms_msg(msgid, "Invalid file identifier '%s %s %s'", w[0], w[1],
				        n > 2 ? w[2] : "");
				return RC_BADNAME;
			}
	if (cms_parse_fileid(&id, w, n, "*", msgid))
		return RC_BADNAME;
	if (fs_state(&id, out)) {
		cms_format(msgid, sizeof msgid, "%s002E", pfx);
		cms_msg(msgid, "File '%s %s %s' not found", id.fn, id.ft, id.fm[0] ? id.fm : "*");
		return RC_NOTFOUND;
	}
	return 0;
}

static const char *label_of(char mode)
{
	static struct cms_volinfo vi;
	if (fs_volinfo(mode, &vi))
		return "";
	return vi.label;
}

/* ---- PRINT ---- */

/* ASA carriage control (the first byte, EBCDIC) to the immediate carriage
 * command before the line: space 1, 2, 3 lines, none, skip to channel 1. */
static uint8_t asa(uint8_t c)
{
	switch (c) {
	case 0xF0:
		return 0x13; /* '0' */
	case 0x60:
		return 0x1B; /* '-' */
	case 0x4E:
		return 0; /* '+' overprint */
	case 0xF1:
		return 0x8B; /* '1' a new page */
	default:
		return 0x0B; /* ' ' (and anything else) */
	}
}

int cms_cmd_print(struct cms_args *a)
{
	char *o[8];
	int no, nw = cms_split_options(a, o, 8, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	bool cc = false, upcase = false, header = false;
	for (int k = 0; k < no; k++) {
		if (!strcmp(o[k], "CC"))
			cc = true;
		else if (cms_abbrev(o[k], "NOCC", 4))
			cc = false;
		else if (cms_abbrev(o[k], "UPCASE", 2))
			upcase = true;
		else if (cms_abbrev(o[k], "HEADER", 3))
			header = true;
		else if (cms_abbrev(o[k], "NOHEADER", 3))
			header = false;
		else
			return sp_bad_option("DMSPRT", o[k]);
	}
	struct cms_fst f;
	int rc = sp_find_file(a->w + 1, nw - 1, "DMSPRT", &f);
	if (rc)
		return rc;
	struct cms_file *in;
	if ((rc = sp_open_file(&f, "DMSPRT", &in)) != 0)
		return rc;
	uint8_t *rec = sp_rec;
	uint32_t len;
	if (header) {
		sp_make_read_card(rec, &f, label_of(f.id.fm[0]));
		if ((rc = sp_print(0, 0x09, rec, 80, "DMSPRT105E")) != 0)
			goto out;
	}
	while ((rc = fs_read(in, rec, SP_RECMAX, &len)) == 0) {
		uint8_t *p = rec, pre = 0, ccw = 0x09;
		if (cc && len) {
			pre = asa(rec[0]);
			ccw = 0x01; /* the carriage moved before the line */
			p++;
			len--;
		}
		if (len > 132)
			len = 132;
		if (upcase)
			for (uint32_t k = 0; k < len; k++)
				p[k] = cp_a2e[(uint8_t)cms_toupper((char)cp_e2a[p[k]])];
		if ((rc = sp_print(pre, ccw, p, len, "DMSPRT105E")) != 0)
			goto out;
	}
	if (rc == RC_EOF)
		rc = 0;
	else
		sp_read_error(&f, "DMSPRT");
out:
	fs_close(in);
	if (rc) {
		sp_cp(NULL, 0, "CLOSE %03X PURGE", SP_PRINTER);
		return 100; /* an I/O error, as VM/370's */
	}
	sp_close(SP_PRINTER, f.id.fn, f.id.ft);
	return 0;
}

/* ---- PUNCH ---- */

/* The file's records as cards to the punch (the :READ card first when
 * header): 0, or nonzero after a message; the punch's file is then purged. */
int sp_punch_file(const struct cms_fst *f, bool header, const char *pfx)
{
	char m_io[12], m_rd[12];
	cms_format(m_io, sizeof m_io, "%s105E", pfx);
	cms_format(m_rd, sizeof m_rd, "%s104E", pfx);
	struct cms_file *in;
	int rc = sp_open_file(f, pfx, &in);
	if (rc)
		return rc;
	uint8_t *rec = sp_rec;
	uint32_t len;
	if (header) {
		sp_make_read_card(rec, f, label_of(f->id.fm[0]));
		rc = sp_punch(rec, m_io);
	}
	while (!rc && (rc = fs_read(in, rec, SP_RECMAX, &len)) == 0) {
		if (len > 80) { /* (the directory said no record is longer) */
			cms_msg(m_rd, "A record of %u bytes in '%s %s %s'", (unsigned)len, f->id.fn, f->id.ft,
			        f->id.fm);
			rc = RC_ERR;
			break;
		}
		memset(rec + len, 0x40, 80 - len);
		rc = sp_punch(rec, m_io);
	}
	fs_close(in);
	if (rc == RC_EOF)
		return 0;
	if (rc != RC_ERR)
		sp_read_error(f, pfx);
	sp_cp(NULL, 0, "CLOSE %03X PURGE", SP_PUNCH);
	return RC_ERR;
}

int cms_cmd_punch(struct cms_args *a)
{
	char *o[8];
	int no, nw = cms_split_options(a, o, 8, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	bool header = true;
	for (int k = 0; k < no; k++) {
		if (cms_abbrev(o[k], "HEADER", 1))
			header = true;
		else if (cms_abbrev(o[k], "NOHEADER", 3))
			header = false;
		else
			return sp_bad_option("DMSPUN", o[k]);
	}
	struct cms_fst f;
	int rc = sp_find_file(a->w + 1, nw - 1, "DMSPUN", &f);
	if (rc)
		return rc;
	if (f.lrecl > 80) {
		cms_msg("DMSPUN033E", "File '%s %s %s' has records over 80 (LRECL %u): use DISK DUMP",
		        f.id.fn, f.id.ft, f.id.fm, (unsigned)f.lrecl);
		return 32;
	}
	if ((rc = sp_punch_file(&f, header, "DMSPUN")) != 0)
		return rc;
	sp_close(SP_PUNCH, f.id.fn, f.id.ft);
	return 0;
}

/* ---- READCARD, and the card decks RECEIVE takes ---- */

/* The file id for a deck's file: the target's parts where it has them, the
 * :READ card's (from) where not; fm: the target's letter and digit, or A
 * with the card's digit (CMS Command Reference, READCARD). */
void sp_name_file(struct cms_fileid *out, const struct sp_target *t, const struct cms_fileid *from)
{
	cms_format(out->fn, sizeof out->fn, "%s", t->fn[0] ? t->fn : from->fn);
	cms_format(out->ft, sizeof out->ft, "%s", t->ft[0] ? t->ft : from->ft);
	char digit = t->fm[1] ? t->fm[1] : from->fm[1] ? from->fm[1] : '1';
	out->fm[0] = t->fm[0] ? t->fm[0] : 'A';
	out->fm[1] = digit;
	out->fm[2] = 0;
}

/* A file of the deck about to be written: refused when it exists and
 * REPLACE was not given. */
int sp_open_out(const struct cms_fileid *id, const struct sp_target *t, char recfm, uint32_t lrecl,
                struct cms_file **out)
{
	struct cms_fst old;
	char msgid[12];
	if (!t->replace && fs_state(id, &old) == 0 && old.id.fm[0] == id->fm[0]) {
		cms_format(msgid, sizeof msgid, "%s024E", t->pfx);
		cms_msg(msgid, "File '%s %s %s' already exists; specify REPLACE", id->fn, id->ft, id->fm);
		return RC_NOTFOUND;
	}
	int rc = fs_open_write(id, recfm, lrecl, out);
	if (rc) {
		cms_format(msgid, sizeof msgid, "%s037E", t->pfx);
		if (rc == RC_DISKRO)
			cms_msg(msgid, "Disk '%c' is read-only or not accessed", id->fm[0]);
		else
			cms_msg(msgid, "Cannot write '%s %s %s': %s", id->fn, id->ft, id->fm, fs_errtext());
	}
	return rc;
}

/* Close a file of the deck: a file that got no card is not made. */
static int close_out(struct cms_file *f, const struct cms_fileid *id, uint32_t cards,
                     const struct sp_target *t)
{
	char msgid[12];
	if (!cards) {
		fs_abandon(f);
		cms_format(msgid, sizeof msgid, "%s701I", t->pfx);
		cms_msg(msgid, "Null file '%s %s %s'", id->fn, id->ft, id->fm);
		return 0;
	}
	int rc = fs_close(f);
	if (rc) {
		cms_format(msgid, sizeof msgid, "%s105E", t->pfx);
		cms_msg(msgid, "Error writing '%s %s %s': %s", id->fn, id->ft, id->fm, fs_errtext());
		return rc;
	}
	cms_say("File '%s %s %s' created from reader file %04u (%u records)", id->fn, id->ft, id->fm,
	        t->spoolid, (unsigned)cards);
	return 0;
}

int sp_load_cards(struct sp_rdr *r, const uint8_t *first, const struct sp_target *t)
{
	static uint8_t card[256];
	struct cms_fileid from, id;
	struct cms_file *out = NULL;
	uint32_t cards = 0, len;
	uint8_t cmd;
	int rc = 0;
	memcpy(card, first, 80);
	bool named = t->fn[0] != 0; /* the first file's name is the command's */
	for (bool have = true; have;) {
		bool ctl = sp_read_card(card, &from);
		if (ctl && out) {
			rc = close_out(out, &id, cards, t);
			out = NULL; /* (closed, or dropped when that failed) */
			if (rc)
				break;
		}
		if (ctl || !out) {
			if (named) { /* READCARD fn ft: the first file, whatever a :READ card says */
				struct cms_fileid none = {"", "", ""};
				sp_name_file(&id, t, ctl ? &from : &none);
				named = false;
			} else {
				struct sp_target any = *t;
				any.fn[0] = any.ft[0] = 0;
				sp_name_file(&id, &any, ctl ? &from : &t->dflt);
			}
			out = NULL;
			cards = 0;
			if ((rc = sp_open_out(&id, t, 'F', 80, &out)) != 0)
				break;
		}
		if (!ctl) {
			if ((rc = fs_write(out, card, 80)) != 0) {
				char msgid[12];
				cms_format(msgid, sizeof msgid, "%s105E", t->pfx);
				cms_msg(msgid, "Error writing '%s %s %s': %s", id.fn, id.ft, id.fm,
				        fs_errtext());
				break;
			}
			cards++;
		}
		rc = sp_rdr_next(r, card, &len, &cmd);
		have = rc == 0;
		if (rc == RC_EOF)
			rc = 0;
	}
	if (rc) {
		if (out)
			fs_abandon(out);
		return rc;
	}
	return out ? close_out(out, &id, cards, t) : 0;
}

/* A fileid word list: fn ft [fm] with '*' or '=' for "from the deck"; into
 * t.  The message said otherwise. */
int sp_target_of(struct sp_target *t, char **w, int n, const char *pfx)
{
	char msgid[12];
	cms_format(msgid, sizeof msgid, "%s048E", pfx);
	const char *part[3] = {n > 0 ? w[0] : "*", n > 1 ? w[1] : "*", n > 2 ? w[2] : "*"};
	if (n > 3) {
		cms_msg(msgid, "Invalid file identifier: '%s' is one word too many", w[3]);
		return RC_BADNAME;
	}
	struct cms_fileid id;
	bool any[3];
	for (int k = 0; k < 3; k++)
		any[k] = !strcmp(part[k], "*") || !strcmp(part[k], "=");
	if (fs_fileid(&id, any[0] ? "X" : part[0], any[1] ? "X" : part[1], any[2] ? "A" : part[2]) ||
	    (!any[2] && (part[2][0] < 'A' || part[2][0] > 'Z'))) {
		cms_msg(msgid, "Invalid file identifier '%s %s %s'", part[0], part[1], part[2]);
		return RC_BADNAME;
	}
	cms_format(t->fn, sizeof t->fn, "%s", any[0] ? "" : id.fn);
	cms_format(t->ft, sizeof t->ft, "%s", any[1] ? "" : id.ft);
	t->fm[0] = any[2] ? 0 : part[2][0];
	t->fm[1] = any[2] ? 0 : part[2][1];
	t->fm[2] = 0;
	if (t->fm[1] && (t->fm[1] < '0' || t->fm[1] > '6')) {
		cms_msg(msgid, "Invalid file mode '%s'", part[2]);
		return RC_BADNAME;
	}
	return 0;
}

int cms_cmd_readcard(struct cms_args *a)
{
	char *o[4];
	int no, nw = cms_split_options(a, o, 4, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	if (no)
		return sp_bad_option("DMSRDC", o[0]);
	if (nw < 2) {
		cms_msg("DMSRDC054E", "Incomplete fileid specified: READCARD fn ft fm, or READCARD *");
		return RC_BADOPT;
	}
	struct sp_target t = {.replace = true, .pfx = "DMSRDC", .dflt = {"READCARD", "CMSUT1", ""}};
	if (nw == 2 && strcmp(a->w[1], "*")) {
		cms_msg("DMSRDC054E", "Incomplete fileid specified: READCARD fn ft fm, or READCARD *");
		return RC_BADOPT;
	}
	if (sp_target_of(&t, a->w + 1, nw - 1, "DMSRDC"))
		return RC_BADNAME;
	if (t.fn[0] && !t.ft[0]) {
		cms_msg("DMSRDC054E", "Incomplete fileid specified: a file name needs a file type");
		return RC_BADOPT;
	}
	return sp_receive(0, &t, false);
}
