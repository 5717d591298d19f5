/* cmd_spool_send.c — files from user to user through the spool: SENDFILE,
 * RECEIVE and DISK DUMP/LOAD (VM/370 CMS Command and Macro Reference
 * "DISK"; SENDFILE and RECEIVE as VM/SP's CMS had them, without a network).
 *
 *   DISK DUMP fn ft [fm]        the file in the DISK DUMP format
 *                               (cmd_spool_dd.c) to the punch, then CLOSE
 *   DISK LOAD [(REPLACE]        the next reader file, a DISK DUMP deck, back
 *                               into the file it was (on A)
 *   SENDFILE fn ft [fm] [TO] userid [AT node]
 *                               DISK DUMP to userid's reader: SPOOL 00D TO
 *                               userid CLASS A, the deck, CLOSE, SPOOL 00D
 *                               OFF (the punch goes to the real punch again,
 *                               as the directory leaves it)
 *   RECEIVE [spoolid|*] [fn ft [fm]] [(REPLACE]
 *                               the reader file (the next one, or spoolid)
 *                               into a file: a DISK DUMP deck exactly as it
 *                               was sent, a deck of cards (PUNCH's) as
 *                               READCARD; '=' or '*' keeps the deck's name
 *
 * Whatever cannot be loaded (a damaged deck, an existing file without
 * REPLACE, a full disk) leaves the reader file where it was and writes
 * nothing: the file being written is abandoned (cmsfs.h).  The file's
 * date is not carried over: the new file has the date it was loaded.
 */
#include "cmd_spool.h"
#include "cmds.h"
#include "nucleus.h"

/* ---- dumping ---- */

static int put_card(void *ctx, const uint8_t *card)
{
	return sp_punch(card, ctx);
}

/* The file as a DISK DUMP deck to the punch: 0, or a message (and the
 * punch's file purged). */
static int dump(const struct cms_fst *f, const char *pfx)
{
	char m_io[12];
	cms_format(m_io, sizeof m_io, "%s105E", pfx);
	struct cms_file *in;
	int rc = sp_open_file(f, pfx, &in);
	if (rc)
		return rc;
	struct dd_file h = {.id = f->id,
	                    .recfm = f->recfm,
	                    .lrecl = f->lrecl,
	                    .records = f->records,
	                    .year = f->year,
	                    .month = f->month,
	                    .day = f->day,
	                    .hour = f->hour,
	                    .minute = f->minute,
	                    .second = f->second};
	uint8_t *rec = sp_rec;
	uint32_t len;
	struct dd_enc e;
	rc = dd_enc_begin(&e, &h, put_card, m_io);
	while (!rc && (rc = fs_read(in, rec, SP_RECMAX, &len)) == 0) {
		if (f->recfm == 'F' && len < f->lrecl) /* (the file system gives whole records) */
			memset(rec + len, 0x40, f->lrecl - len);
		rc = dd_enc_record(&e, rec, f->recfm == 'F' ? f->lrecl : len);
	}
	fs_close(in);
	if (rc == RC_EOF)
		rc = dd_enc_end(&e);
	else if (rc != DD_PUTERR)
		sp_read_error(f, pfx);
	if (rc) {
		sp_cp(NULL, 0, "CLOSE %03X PURGE", SP_PUNCH);
		return RC_ERR;
	}
	return 0;
}

/* ---- loading ---- */

static int put_rec(void *ctx, const uint8_t *rec, uint32_t len)
{
	return fs_write(ctx, rec, len);
}

int sp_load_dd(struct sp_rdr *r, const uint8_t *first, const struct sp_target *t)
{
	char msgid[12], err[100];
	struct dd_file h;
	cms_format(msgid, sizeof msgid, "%s078E", t->pfx);
	if (dd_parse_header(first, &h, err)) {
		cms_msg(msgid, "Reader file %04u not loaded: %s", t->spoolid, err);
		return RC_ERR;
	}
	struct cms_fileid id;
	sp_name_file(&id, t, &h.id);
	struct cms_file *out;
	int rc = sp_open_out(&id, t, h.recfm, h.recfm == 'F' ? h.lrecl : 0, &out);
	if (rc)
		return rc;
	struct dd_dec d;
	if (dd_dec_begin(&d, &h, put_rec, out)) {
		fs_abandon(out);
		cms_msg("DMSSPL104S", "Not enough storage for a record of %u bytes", (unsigned)h.lrecl);
		return RC_NOSTORE;
	}
	static uint8_t card[256];
	uint32_t len;
	uint8_t cmd;
	int k;
	for (k = DD_OK; k == DD_OK;) {
		rc = sp_rdr_next(r, card, &len, &cmd);
		if (rc == RC_EOF)
			k = dd_dec_eof(&d);
		else if (rc)
			k = DD_ERR, cms_format(d.err, sizeof d.err, "the reader failed");
		else if (len != DD_CARD)
			k = DD_ERR,
			cms_format(d.err, sizeof d.err, "a record of %u bytes in the deck", (unsigned)len);
		else
			k = dd_dec_card(&d, card);
	}
	dd_dec_free(&d);
	if (k == DD_PUTERR) {
		fs_abandon(out);
		cms_format(msgid, sizeof msgid, "%s105E", t->pfx);
		cms_msg(msgid, "Error writing '%s %s %s': %s", id.fn, id.ft, id.fm, fs_errtext());
		return d.putrc;
	}
	if (k != DD_DONE) {
		fs_abandon(out);
		cms_msg(msgid, "Reader file %04u not loaded: %s; nothing was written", t->spoolid, d.err);
		return RC_ERR;
	}
	if ((rc = fs_close(out)) != 0) {
		cms_format(msgid, sizeof msgid, "%s105E", t->pfx);
		cms_msg(msgid, "Error writing '%s %s %s': %s", id.fn, id.ft, id.fm, fs_errtext());
		return rc;
	}
	if (t->origin[0])
		cms_say("File '%s %s %s' received from %s", id.fn, id.ft, id.fm, t->origin);
	else
		cms_say("File '%s %s %s' loaded", id.fn, id.ft, id.fm);
	return 0;
}

int sp_receive(uint16_t want, struct sp_target *t, bool dd_only)
{
	char msgid[12];
	cms_format(msgid, sizeof msgid, "%s008E", t->pfx);
	struct sp_rdr r;
	int rc = sp_rdr_open(&r, want, msgid);
	if (rc == SP_RDR_EMPTY) {
		cms_format(msgid, sizeof msgid, "%s702E", t->pfx);
		cms_msg(msgid, "No file in your reader");
		return RC_NOTFOUND;
	}
	if (rc == SP_RDR_NOFILE) {
		cms_format(msgid, sizeof msgid, "%s002E", t->pfx);
		cms_msg(msgid, "Reader file %04u not found", want);
		return RC_NOTFOUND;
	}
	if (rc)
		return rc;
	t->spoolid = r.spoolid;
	struct sp_desc d;
	if (r.spoolid && !sp_rdr_find(r.spoolid, &d)) {
		cms_format(t->origin, sizeof t->origin, "%s", d.origin);
		struct cms_fileid named;
		if (!t->dflt.fn[0] && d.fn[0] && d.ft[0] && !fs_fileid(&named, d.fn, d.ft, "A1"))
			t->dflt = named;
	}
	if (!t->dflt.fn[0])
		t->dflt = (struct cms_fileid){"READCARD", "CMSUT1", ""};
	static uint8_t card[256];
	uint32_t len;
	uint8_t cmd;
	rc = sp_rdr_next(&r, card, &len, &cmd);
	if (rc == RC_EOF) {
		cms_format(msgid, sizeof msgid, "%s701I", t->pfx);
		cms_msg(msgid, "Null file");
		sp_rdr_close(&r, false);
		return 0;
	}
	if (rc == 0) {
		if (dd_is_header(card)) {
			rc = sp_load_dd(&r, card, t);
		} else if (dd_only) {
			cms_format(msgid, sizeof msgid, "%s078E", t->pfx);
			cms_msg(msgid, "Reader file %04u is not a DISK DUMP deck (READCARD reads it)",
			        r.spoolid);
			rc = RC_ERR;
		} else {
			rc = sp_load_cards(&r, card, t);
		}
	}
	sp_rdr_close(&r, rc != 0);
	return rc;
}

/* ---- the commands ---- */

static bool replace_option(char **o, int no, const char *pfx, int *rc)
{
	bool replace = false;
	*rc = 0;
	for (int k = 0; k < no; k++) {
		if (cms_abbrev(o[k], "REPLACE", 3)) {
			replace = true;
		} else if (cms_abbrev(o[k], "NOREPLACE", 5)) {
			replace = false;
		} else {
			*rc = sp_bad_option(pfx, o[k]);
		}
	}
	return replace;
}

int cms_cmd_disk(struct cms_args *a)
{
	char *o[4];
	int no, nw = cms_split_options(a, o, 4, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	if (nw < 2) {
		cms_msg("DMSDSK014E", "Invalid function: DISK DUMP fn ft fm, or DISK LOAD");
		return RC_BADOPT;
	}
	if (cms_abbrev(a->w[1], "DUMP", 4)) {
		if (no)
			return sp_bad_option("DMSDSK", o[0]);
		struct cms_fst f;
		int rc = sp_find_file(a->w + 2, nw - 2, "DMSDSK", &f);
		if (rc)
			return rc;
		if ((rc = dump(&f, "DMSDSK")) != 0)
			return rc;
		sp_close(SP_PUNCH, f.id.fn, f.id.ft);
		return 0;
	}
	if (cms_abbrev(a->w[1], "LOAD", 4)) {
		int rc;
		struct sp_target t = {.pfx = "DMSDSK"};
		t.replace = replace_option(o, no, "DMSDSK", &rc);
		if (rc)
			return rc;
		if (sp_target_of(&t, a->w + 2, nw - 2, "DMSDSK"))
			return RC_BADNAME;
		return sp_receive(0, &t, true);
	}
	cms_msg("DMSDSK014E", "Invalid function '%s': DUMP or LOAD", a->w[1]);
	return RC_BADOPT;
}

static bool valid_userid(const char *u)
{
	size_t n = strlen(u);
	if (!n || n > 8)
		return false;
	for (; *u; u++)
		if (!((*u >= 'A' && *u <= 'Z') || (*u >= '0' && *u <= '9') || *u == '$' || *u == '#' ||
		      *u == '@'))
			return false;
	return true;
}

int cms_cmd_sendfile(struct cms_args *a)
{
	char *o[4];
	int no, nw = cms_split_options(a, o, 4, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	if (no)
		return sp_bad_option("DMSSND", o[0]);
	/* fn ft [fm] [TO] userid [AT node] */
	char **w = a->w + 1;
	int n = nw - 1;
	if (n >= 2 && !strcmp(w[n - 2], "AT")) {
		cms_msg("DMSSND060E", "Node '%s' is not known: only users of this system", w[n - 1]);
		return RC_BADOPT;
	}
	int to = -1;
	for (int k = 2; k < n; k++)
		if (!strcmp(w[k], "TO"))
			to = k;
	const char *user = NULL;
	int nf = 0; /* words of the fileid */
	if (to >= 0 && to == n - 2 && to <= 3) {
		user = w[n - 1];
		nf = to;
	} else if (to < 0 && (n == 3 || n == 4)) {
		user = w[n - 1];
		nf = n - 1;
	}
	if (!user) {
		cms_msg("DMSSND054E", "Incomplete operands: SENDFILE fn ft fm TO userid");
		return RC_BADOPT;
	}
	if (!valid_userid(user)) {
		cms_msg("DMSSND045E", "Invalid userid '%s'", user);
		return RC_BADOPT;
	}
	struct cms_fst f;
	int rc = sp_find_file(w, nf, "DMSSND", &f);
	if (rc)
		return rc;
	static char resp[512];
	sp_close(SP_PUNCH, NULL, NULL); /* what the punch held before goes where it was going */
	if ((rc = sp_cp(resp, sizeof resp, "SPOOL %03X TO %s CLASS A", SP_PUNCH, user)) != 0) {
		cms_puts(resp);
		cms_msg("DMSSND046E", "File '%s %s %s' not sent to %s", f.id.fn, f.id.ft, f.id.fm, user);
		return rc;
	}
	sp_redirected(true);
	rc = dump(&f, "DMSSND");
	resp[0] = 0;
	if (!rc)
		sp_close_quiet(SP_PUNCH, f.id.fn, f.id.ft, resp, sizeof resp);
	sp_cp(NULL, 0, "SPOOL %03X OFF", SP_PUNCH);
	sp_redirected(false);
	if (rc)
		return rc;
	sp_show(resp);
	cms_say("File '%s %s %s' sent to %s", f.id.fn, f.id.ft, f.id.fm, user);
	return 0;
}

int cms_cmd_receive(struct cms_args *a)
{
	char *o[4];
	int no, nw = cms_split_options(a, o, 4, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	int rc;
	struct sp_target t = {.pfx = "DMSRCV"};
	t.replace = replace_option(o, no, "DMSRCV", &rc);
	if (rc)
		return rc;
	char **w = a->w + 1;
	int n = nw - 1;
	uint16_t id = 0;
	if (n && (sp_spoolid(w[0]) || !strcmp(w[0], "*"))) {
		id = sp_spoolid(w[0]);
		w++;
		n--;
	} else if (n && w[0][0] >= '0' && w[0][0] <= '9') {
		cms_msg("DMSRCV049E", "Invalid spool id '%s'", w[0]);
		return RC_BADOPT;
	}
	if (n == 1) {
		cms_msg("DMSRCV054E", "Incomplete fileid specified: RECEIVE spoolid fn ft fm");
		return RC_BADOPT;
	}
	if (sp_target_of(&t, w, n, "DMSRCV"))
		return RC_BADNAME;
	return sp_receive(id, &t, false);
}
