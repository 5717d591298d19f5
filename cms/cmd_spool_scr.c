/* cmd_spool_scr.c — RDRLIST on a 3270: the reader's files one a row, with a
 * command area in front of each (as VM/SP's RDRLIST; the screen the same
 * way as FILELIST's, through scr.h).
 *
 * A command typed on a file's row runs for that file when ENTER is pressed:
 * "/" stands for its spool id ("RECEIVE /", "PEEK /", "RECEIVE / = = B"); a
 * command without "/" gets the id after it.  PURGE, ORDER, CHANGE and
 * TRANSFER are CP's reader commands: "PURGE /" becomes CP PURGE RDR id.
 * The ====> line takes any CMS command.  PF3 ends, PF2 lists anew, PF7 and
 * PF8 page.  A command's return code, when not 0, shows on the top line.
 */
#include "cmd_spool.h"
#include "scr.h"

enum { DS_MAX = 4096, FIRST_ROW = 2, CMD_W = 12, INFO_COL = CMD_W + 2, LINE_MAX = 160, MAXFILES = 500 };

struct rlist {
	struct sp_desc f[MAXFILES];
	int n, first;
	char msg[81];
	struct scr s;
	struct scr_input in;
	uint8_t ds[DS_MAX];
};

static void load(struct rlist *l)
{
	l->n = 0;
	for (uint16_t after = 0; l->n < MAXFILES && !sp_rdr_desc(after, &l->f[l->n]); after = l->f[l->n++].id)
		;
	if (l->first >= l->n)
		l->first = l->n ? l->n - 1 : 0;
}

/* The command typed for file id: '/' replaced, or the id after it; CP's
 * reader commands made CP commands. */
static void expand(char *out, size_t size, const char *cmd, uint16_t id)
{
	static const char *const cp[] = {"PURGE", "ORDER", "CHANGE", "TRANSFER"};
	static const int min[] = {3, 2, 2, 4};
	char word[16];
	size_t o = 0, k = 0;
	while (cmd[k] && cmd[k] != ' ' && k + 1 < sizeof word) {
		word[k] = cms_toupper(cmd[k]);
		k++;
	}
	word[k] = 0;
	for (unsigned j = 0; j < sizeof cp / sizeof cp[0]; j++)
		if (cms_abbrev(word, cp[j], min[j])) {
			o = (size_t)cms_format(out, size, "CP %s RDR", cp[j]);
			cmd += k;
			break;
		}
	bool slash = false;
	for (const char *p = cmd; *p && o + 6 < size; p++) {
		if (*p == '/') {
			o += (size_t)cms_format(out + o, size - o, "%04u", id);
			slash = true;
		} else {
			out[o++] = *p;
		}
	}
	out[o] = 0;
	if (!slash)
		cms_format(out + o, size - o, " %04u", id);
}

static void run(struct rlist *l, const char *cmd)
{
	int rc = cms_command(cmd);
	if (rc)
		cms_format(l->msg, sizeof l->msg, "%.60s: RC=%d", cmd, rc);
}

static uint32_t build(struct rlist *l, int nrows)
{
	struct scr_ds d;
	char t[LINE_MAX];
	int rows = l->s.rows;
	scr_ds_init(&d, l->ds, DS_MAX, (uint16_t)rows, l->s.cols);
	scr_byte(&d, SCR_WCC);
	cms_format(t, sizeof t, "RDRLIST   Files: %d   %s", l->n, l->msg);
	scr_field(&d, 0, 0, SCR_PROT | SCR_HIGH, t);
	scr_field(&d, 1, 0, SCR_PROT, "Cmd");
	scr_field(&d, 1, INFO_COL - 1, SCR_PROT | SCR_HIGH, sp_desc_title);
	for (int r = 0; r < nrows; r++) {
		int k = l->first + r;
		if (k >= l->n) {
			scr_field(&d, FIRST_ROW + r, 0, SCR_PROT, NULL);
			continue;
		}
		scr_field(&d, FIRST_ROW + r, 0, 0, NULL);
		sp_desc_line(t, sizeof t, &l->f[k]);
		scr_field(&d, FIRST_ROW + r, INFO_COL - 1, SCR_PROT, t);
	}
	scr_field(&d, rows - 2, 0, SCR_PROT | SCR_HIGH, "====>");
	scr_field(&d, rows - 2, 6, 0, NULL);
	scr_ic(&d);
	scr_field(&d, rows - 1, 0, SCR_PROT, NULL);
	scr_field(&d, rows - 1, 1, SCR_PROT | SCR_HIGH, "2= Refresh  3= Quit  7= Backward  8= Forward");
	return d.overflow ? 0 : d.n;
}

/* The commands typed, then the key: false when RDRLIST ends. */
static bool handle(struct rlist *l, int nrows)
{
	struct scr_input *in = &l->in;
	uint16_t cols = l->s.cols;
	int pf = scr_pfkey(in->aid);
	if (in->aid == SCR_CLEAR || in->aid == SCR_PA2)
		return true;
	char line[LINE_MAX];
	bool ran = false;
	uint16_t shown[64]; /* the ids as the rows showed them (the list changes as commands run) */
	int nshown = nrows < 64 ? nrows : 64;
	for (int r = 0; r < nshown; r++)
		shown[r] = l->first + r < l->n ? l->f[l->first + r].id : 0;
	for (int f = 0; f < in->nf; f++) {
		int r = in->f[f].addr / cols - FIRST_ROW, c = in->f[f].addr % cols;
		if (c != 1 || r < 0 || r >= nshown || !shown[r])
			continue;
		const char *cmd = in->f[f].text;
		while (*cmd == ' ')
			cmd++;
		if (!*cmd)
			continue;
		expand(line, sizeof line, cmd, shown[r]);
		run(l, line);
		ran = true;
	}
	const struct scr_field *c = scr_find(in, cols, l->s.rows - 2, 7);
	if (c && c->text[0]) {
		cms_format(line, sizeof line, "%s", c->text);
		run(l, line);
		ran = true;
	}
	if (ran || pf == 2)
		load(l);
	if (pf == 3)
		return false;
	if (pf == 7)
		l->first = l->first > nrows ? l->first - nrows : 0;
	if (pf == 8 && l->first + nrows < l->n)
		l->first += nrows;
	return true;
}

int sp_rdrlist_screen(void)
{
	struct rlist *l = cms_alloc(sizeof *l);
	if (!l)
		return SCR_ERROR;
	load(l);
	if (!l->n || scr_open(&l->s) != SCR_OK) { /* nothing to show: the line-mode answer says so */
		cms_free(l);
		return SCR_ERROR;
	}
	int rc;
	for (;;) {
		int nrows = l->s.rows - FIRST_ROW - 2;
		uint32_t n = build(l, nrows);
		if (!n) {
			rc = SCR_ERROR;
			break;
		}
		rc = scr_show(&l->s, l->ds, n);
		if (rc == SCR_REDRAW)
			continue;
		if (rc != SCR_OK)
			break;
		l->msg[0] = 0;
		rc = scr_get(&l->s, &l->in);
		if (rc == SCR_REDRAW)
			continue;
		if (rc != SCR_OK || !handle(l, nrows))
			break;
	}
	scr_close(&l->s);
	cms_free(l);
	return rc == SCR_ERROR ? SCR_ERROR : SCR_OK;
}
