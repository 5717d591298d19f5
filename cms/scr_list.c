/* scr_list.c — the full-screen list that FILELIST and RDRLIST show (see
 * scr.h, struct scr_list_ops): a title row, a heading row, then one item a
 * row with a command area ("Cmd") in front of it, the ====> command line
 * and the PF key line at the bottom.
 *
 * When ENTER (or a PF key) is pressed, the commands typed on the rows run
 * top to bottom, each for its row's item as the owner expands it ("/" and
 * the like), then the command typed on the ====> line, then a row command
 * the key itself stands for (FILELIST's PF11).  The list is read anew only
 * after all of them, so each row's command acts on the item the row showed.
 * PF2 reads the list anew, PF3 ends, PF7 and PF8 page.  A command's return
 * code, when not 0, shows on the top line until the next key.
 */
#include "cms.h"
#include "scr.h"

enum { DS_MAX = 4096, FIRST_ROW = 2, CMD_W = 12, INFO_COL = CMD_W + 2, LINE_MAX = 160 };

struct slist {
	const struct scr_list_ops *ops;
	void *arg;
	int n, first; /* the items; the one on the first row */
	char msg[81];
	struct scr s;
	struct scr_input in;
	uint8_t ds[DS_MAX];
};

static void reload(struct slist *l)
{
	l->n = l->ops->reload(l->arg);
	if (l->first >= l->n)
		l->first = l->n ? l->n - 1 : 0;
}

static void run(struct slist *l, const char *cmd)
{
	int rc = cms_command(cmd);
	if (rc)
		cms_format(l->msg, sizeof l->msg, "%.60s: RC=%d", cmd, rc);
}

/* Row r's command for its item: the owner's expansion of it, then run. */
static void run_row(struct slist *l, int r, const char *cmd)
{
	char line[LINE_MAX];
	l->ops->expand(l->arg, l->first + r, cmd, line, sizeof line);
	run(l, line);
}

static uint32_t build(struct slist *l, int nrows)
{
	struct scr_ds d;
	char t[LINE_MAX];
	int rows = l->s.rows;
	size_t o;
	scr_ds_init(&d, l->ds, DS_MAX, (uint16_t)rows, l->s.cols);
	scr_byte(&d, SCR_WCC);
	l->ops->title(l->arg, t, sizeof t);
	o = strlen(t);
	cms_format(t + o, sizeof t - o, "   Files: %d   %s", l->n, l->msg);
	scr_field(&d, 0, 0, SCR_PROT | SCR_HIGH, t);
	scr_field(&d, 1, 0, SCR_PROT, "Cmd");
	scr_field(&d, 1, INFO_COL - 1, SCR_PROT | SCR_HIGH, l->ops->heading);
	for (int r = 0; r < nrows; r++) {
		int k = l->first + r;
		if (k >= l->n) {
			scr_field(&d, FIRST_ROW + r, 0, SCR_PROT, NULL);
			continue;
		}
		scr_field(&d, FIRST_ROW + r, 0, 0, NULL);
		l->ops->row(l->arg, k, t, sizeof t);
		scr_field(&d, FIRST_ROW + r, INFO_COL - 1, SCR_PROT, t);
	}
	scr_field(&d, rows - 2, 0, SCR_PROT | SCR_HIGH, "====>");
	scr_field(&d, rows - 2, 6, 0, NULL);
	scr_ic(&d);
	scr_field(&d, rows - 1, 0, SCR_PROT, NULL);
	scr_field(&d, rows - 1, 1, SCR_PROT | SCR_HIGH, l->ops->pfkeys);
	return d.overflow ? 0 : d.n;
}

/* The commands typed, then the key: false when the list ends. */
static bool handle(struct slist *l, int nrows)
{
	struct scr_input *in = &l->in;
	uint16_t cols = l->s.cols;
	int pf = scr_pfkey(in->aid);
	if (in->aid == SCR_CLEAR || in->aid == SCR_PA2)
		return true;
	bool ran = false;
	int nshown = l->n - l->first < nrows ? l->n - l->first : nrows; /* the rows with an item */
	for (int f = 0; f < in->nf; f++) {
		int r = in->f[f].addr / cols - FIRST_ROW, c = in->f[f].addr % cols;
		if (c != 1 || r < 0 || r >= nshown)
			continue;
		const char *cmd = in->f[f].text;
		while (*cmd == ' ')
			cmd++;
		if (!*cmd)
			continue;
		run_row(l, r, cmd);
		ran = true;
	}
	const struct scr_field *c = scr_find(in, cols, l->s.rows - 2, 7);
	if (c && c->text[0]) {
		char line[LINE_MAX];
		cms_format(line, sizeof line, "%s", c->text);
		run(l, line);
		ran = true;
	}
	const char *key = pf && l->ops->pf_row ? l->ops->pf_row(pf) : NULL;
	if (key) { /* the key's command, for the item on the cursor's row */
		int r = in->cursor / cols - FIRST_ROW;
		if (r >= 0 && r < nshown) {
			run_row(l, r, key);
			ran = true;
		}
	}
	if (ran || pf == 2)
		reload(l);
	if (pf == 3)
		return false;
	if (pf == 7)
		l->first = l->first > nrows ? l->first - nrows : 0;
	if (pf == 8 && l->first + nrows < l->n)
		l->first += nrows;
	return true;
}

int scr_list(const struct scr_list_ops *ops, void *arg, int n)
{
	struct slist *l = cms_alloc(sizeof *l);
	if (!l)
		return SCR_ERROR;
	l->ops = ops; /* cms_alloc zeroes the rest */
	l->arg = arg;
	l->n = n;
	if (scr_open(&l->s) != SCR_OK) {
		cms_free(l);
		return SCR_ERROR;
	}
	int rc;
	for (;;) {
		int nrows = l->s.rows - FIRST_ROW - 2;
		uint32_t len = build(l, nrows);
		if (!len) {
			rc = SCR_ERROR;
			break;
		}
		rc = scr_show(&l->s, l->ds, len);
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
