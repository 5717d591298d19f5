/* cmd_spool_list.c — looking at the reader: RDRLIST and PEEK (as VM/SP's
 * CMS had them; the descriptions come from DIAGNOSE X'14' X'0FFF',
 * cp/diag14.c).
 *
 *   RDRLIST             the reader's files, a line each; on a 3270 a full
 *                       screen (cmd_spool_scr.c) with a command column
 *                       where RECEIVE /, PURGE /, PEEK / ... may be typed,
 *                       '/' standing for the spool id
 *   PEEK [spoolid] [(FOR n]
 *                       the first n records (20) of a reader file on the
 *                       console; the file stays in the reader as it was.
 *                       A DISK DUMP deck shows the records of the file it
 *                       holds.
 */
#include "cmd_spool.h"
#include "cmds.h"
#include "nucleus.h"

void sp_desc_line(char *out, size_t n, const struct sp_desc *d)
{
	size_t k =
	    (size_t)cms_format(out, n, "%-8s %04u %c  %s  %8u %-4s %-11s %-8s %s", d->origin, d->id, d->cls,
	                       d->devtype == 'P'   ? "PUN"
	                       : d->devtype == 'L' ? "PRT"
	                                           : "RDR",
	                       (unsigned)d->records, d->held ? "USER" : "NONE", d->date, d->fn, d->ft);
	if (k >= n)
		k = n - 1;
	while (k && out[k - 1] == ' ')
		out[--k] = 0;
}

const char sp_desc_title[] = "ORIGINID FILE CL TYPE  RECORDS HOLD DATE  TIME  NAME     TYPE";

int cms_cmd_rdrlist(struct cms_args *a)
{
	if (a->n > 1) {
		cms_msg("DMSRDL003E", "Invalid operand '%s'", a->w[1]);
		return RC_BADOPT;
	}
	if (cms_fullscreen() && sp_rdrlist_screen() == 0)
		return 0;
	struct sp_desc d;
	uint32_t n = 0;
	for (uint16_t after = 0; !sp_rdr_desc(after, &d) && n < 10000; after = d.id) {
		char line[132];
		if (!n++)
			cms_puts(sp_desc_title);
		sp_desc_line(line, sizeof line, &d);
		cms_puts(line);
	}
	if (!n) {
		cms_msg("DMSRDL702I", "No files in your reader");
		return RC_WARN;
	}
	return 0;
}

/* ---- PEEK ---- */

/* A record on the console as text: characters that have no picture as '.',
 * blanks at the end dropped. */
static void show_record(const uint8_t *rec, uint32_t len)
{
	char line[131];
	if (len > 130)
		len = 130;
	cms_e2a(line, rec, len);
	for (uint32_t k = 0; k < len; k++)
		if ((uint8_t)line[k] < 0x20 || (uint8_t)line[k] > 0x7E)
			line[k] = '.';
	while (len && line[len - 1] == ' ')
		len--;
	line[len] = 0;
	cms_puts(line);
}

struct peek {
	uint32_t shown, max;
};

static int peek_rec(void *ctx, const uint8_t *rec, uint32_t len)
{
	struct peek *p = ctx;
	if (p->shown == p->max)
		return 1; /* enough: the decoding stops */
	show_record(rec, len);
	p->shown++;
	return 0;
}

int cms_cmd_peek(struct cms_args *a)
{
	char *o[4];
	int no, nw = cms_split_options(a, o, 4, &no, "DMSSPL003E");
	if (nw < 0)
		return RC_BADOPT;
	uint32_t max = 20;
	for (int k = 0; k < no; k++) {
		uint16_t v;
		if (cms_abbrev(o[k], "FOR", 3) && k + 1 < no && (v = sp_spoolid(o[k + 1])) != 0) {
			max = v;
			k++;
		} else {
			return sp_bad_option("DMSPEK", o[k]);
		}
	}
	uint16_t want = 0;
	if (nw > 2 || (nw == 2 && !(want = sp_spoolid(a->w[1])) && strcmp(a->w[1], "*"))) {
		cms_msg("DMSPEK049E", "Invalid spool id '%s'", a->w[1]);
		return RC_BADOPT;
	}
	struct sp_rdr r;
	int rc = sp_rdr_open(&r, want, "DMSPEK008E");
	if (rc == SP_RDR_EMPTY) {
		cms_msg("DMSPEK702E", "No file in your reader");
		return RC_NOTFOUND;
	}
	if (rc == SP_RDR_NOFILE) {
		cms_msg("DMSPEK002E", "Reader file %04u not found", want);
		return RC_NOTFOUND;
	}
	if (rc)
		return rc;
	struct sp_desc d;
	if (r.spoolid && !sp_rdr_find(r.spoolid, &d))
		cms_say("Reader file %04u from %s: %s %s, %u records", d.id, d.origin,
		        d.devtype == 'P'   ? "PUN"
		        : d.devtype == 'L' ? "PRT"
		                           : "RDR",
		        d.fn, (unsigned)d.records);
	static uint8_t card[256];
	uint32_t len, shown = 0;
	uint8_t cmd;
	rc = sp_rdr_next(&r, card, &len, &cmd);
	if (rc == 0 && dd_is_header(card)) {
		struct dd_file h;
		struct dd_dec dd;
		struct peek pk = {0, max};
		char err[100];
		if (dd_parse_header(card, &h, err)) {
			cms_say("A damaged DISK DUMP deck: %s", err);
		} else if (dd_dec_begin(&dd, &h, peek_rec, &pk) == DD_OK) {
			cms_say("DISK DUMP of '%s %s %s' (%c %u, %u records):", h.id.fn, h.id.ft, h.id.fm,
			        h.recfm, (unsigned)h.lrecl, (unsigned)h.records);
			int k = DD_OK;
			while (k == DD_OK && sp_rdr_next(&r, card, &len, &cmd) == 0)
				k = len == DD_CARD ? dd_dec_card(&dd, card) : DD_ERR;
			if (k == DD_ERR && len != DD_CARD)
				cms_format(dd.err, sizeof dd.err, "a record of %u bytes in the deck",
				           (unsigned)len);
			if (k == DD_ERR)
				cms_say("(the deck is damaged: %s)", dd.err);
			dd_dec_free(&dd);
		}
		rc = 0;
	} else {
		for (; rc == 0 && shown < max; shown++) {
			show_record(card, len);
			rc = sp_rdr_next(&r, card, &len, &cmd);
		}
		if (rc == RC_EOF && !shown)
			cms_say("(no records)");
		rc = rc == RC_ERR ? RC_ERR : 0;
	}
	sp_rdr_close(&r, true);
	return rc;
}
