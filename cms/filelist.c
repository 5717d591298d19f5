/* filelist.c — FILELIST [fn [ft [fm]]]: the files a pattern matches, one
 * per row of a full screen, with a command area on each row (CMS Command
 * Reference, FILELIST).  A command typed there runs on that file: "/"
 * stands for "fn ft fm" (and /n, /t, /m for the name, type or mode alone);
 * a command without "/" gets the file id after it (TYPE, X, ERASE ...).
 * The ====> line takes any CMS command.  PF3 ends, PF7/PF8 page, PF11
 * edits the file the cursor is on, PF2 lists the files anew.  On a
 * typewriter console FILELIST lists the files, as LISTFILE's FORMAT and
 * DATE options do.
 */
#include "scr.h"
#include "xedit.h"

enum { DS_MAX = 4096, FIRST_ROW = 2, CMD_W = 12, INFO_COL = CMD_W + 2, LINE_MAX = 160 };

struct flist {
	struct cms_fileid pattern;
	struct cms_fst *f;
	int n, cap;
	int first; /* the file on the first row */
	char msg[2][81];
	int nmsg;
};

static int add_file(const struct cms_fst *f, void *arg)
{
	struct flist *l = arg;
	if (l->n == l->cap) {
		int cap = l->cap ? l->cap * 2 : 32;
		struct cms_fst *a = cms_alloc((size_t)cap * sizeof *a);
		if (!a)
			return RC_NOSTORE;
		if (l->f)
			memcpy(a, l->f, (size_t)l->n * sizeof *a);
		cms_free(l->f);
		l->f = a;
		l->cap = cap;
	}
	l->f[l->n++] = *f;
	return 0;
}

static int load(struct flist *l)
{
	l->n = 0;
	int rc = fs_list(&l->pattern, add_file, l);
	if (rc == RC_NOTFOUND) /* none (any more): an empty list */
		rc = 0;
	if (l->first >= l->n)
		l->first = l->n ? l->n - 1 : 0;
	return rc;
}

static void describe(char *out, size_t size, const struct cms_fst *f)
{
	cms_format(out, size, "%-8s %-8s %-2s %c      %5u %7u %6u %02u/%02u/%02u %02u:%02u:%02u", f->id.fn,
	           f->id.ft, f->id.fm, f->recfm, (unsigned)f->lrecl, (unsigned)f->records,
	           (unsigned)f->blocks, f->month, f->day, (unsigned)(f->year % 100), f->hour, f->minute,
	           f->second);
}

static const char HEADING[] = "Filename Filetype Fm Format Lrecl Records Blocks Date     Time";

/* The command for a file: "/" and /n /t /m replaced, or the id after it. */
static void expand(char *out, size_t size, const char *cmd, const struct cms_fst *f)
{
	size_t o = 0;
	bool slash = false;
	for (const char *p = cmd; *p && o + 1 < size; p++) {
		char piece[32];
		if (*p != '/') {
			out[o++] = *p;
			continue;
		}
		slash = true;
		char c = cms_toupper(p[1]);
		if (c == 'N' || c == 'T' || c == 'M') {
			cms_format(piece, sizeof piece, "%s",
			           c == 'N'   ? f->id.fn
			           : c == 'T' ? f->id.ft
			                      : f->id.fm);
			p++;
		} else {
			cms_format(piece, sizeof piece, "%s %s %s", f->id.fn, f->id.ft, f->id.fm);
		}
		for (const char *q = piece; *q && o + 1 < size; q++)
			out[o++] = *q;
	}
	out[o] = 0;
	if (!slash)
		cms_format(out + o, size - o, " %s %s %s", f->id.fn, f->id.ft, f->id.fm);
}

static void say(struct flist *l, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void say(struct flist *l, const char *fmt, ...)
{
	if (l->nmsg == 2) {
		memcpy(l->msg[0], l->msg[1], sizeof l->msg[0]);
		l->nmsg = 1;
	}
	va_list ap;
	va_start(ap, fmt);
	cms_vformat(l->msg[l->nmsg++], sizeof l->msg[0], fmt, ap);
	va_end(ap);
}

static int run(struct flist *l, const char *cmd)
{
	int rc = cms_command(cmd);
	if (rc)
		say(l, "%.60s: RC=%d", cmd, rc);
	return rc;
}

/* ---- the full screen ---- */

struct fscr {
	struct scr s;
	struct scr_input in;
	uint8_t ds[DS_MAX];
};

static uint32_t build(struct fscr *x, struct flist *l, int rows_for_files)
{
	struct scr_ds d;
	char t[LINE_MAX];
	int rows = x->s.rows;
	scr_ds_init(&d, x->ds, DS_MAX, (uint16_t)rows, x->s.cols);
	scr_byte(&d, SCR_WCC);
	cms_format(t, sizeof t, "FILELIST  %s %s %s   Files: %d   %s", l->pattern.fn, l->pattern.ft,
	           l->pattern.fm[0] ? l->pattern.fm : "A", l->n, l->nmsg ? l->msg[l->nmsg - 1] : "");
	scr_field(&d, 0, 0, SCR_PROT | SCR_HIGH, t);
	scr_field(&d, 1, 0, SCR_PROT, "Cmd");
	scr_field(&d, 1, INFO_COL - 1, SCR_PROT | SCR_HIGH, HEADING);
	for (int r = 0; r < rows_for_files; r++) {
		int k = l->first + r;
		if (k >= l->n) {
			scr_field(&d, FIRST_ROW + r, 0, SCR_PROT, NULL);
			continue;
		}
		scr_field(&d, FIRST_ROW + r, 0, 0, NULL);
		describe(t, sizeof t, &l->f[k]);
		scr_field(&d, FIRST_ROW + r, INFO_COL - 1, SCR_PROT, t);
	}
	scr_field(&d, rows - 2, 0, SCR_PROT | SCR_HIGH, "====>");
	scr_field(&d, rows - 2, 6, 0, NULL);
	scr_ic(&d);
	scr_field(&d, rows - 1, 0, SCR_PROT, NULL);
	scr_field(&d, rows - 1, 1, SCR_PROT | SCR_HIGH,
	          "2= Refresh  3= Quit  7= Backward  8= Forward  11= Xedit");
	return d.overflow ? 0 : d.n;
}

/* The typed commands, the command line, the key: false when FILELIST ends. */
static bool handle(struct fscr *x, struct flist *l, int rows_for_files)
{
	struct scr_input *in = &x->in;
	uint16_t cols = x->s.cols;
	int pf = scr_pfkey(in->aid);
	if (in->aid == SCR_CLEAR || in->aid == SCR_PA2)
		return true;
	char line[LINE_MAX];
	bool ran = false;
	/* The rows' commands, top to bottom, on the files as they were shown. */
	struct cms_fst shown[64];
	int nshown = rows_for_files < 64 ? rows_for_files : 64;
	for (int r = 0; r < nshown && l->first + r < l->n; r++)
		shown[r] = l->f[l->first + r];
	for (int f = 0; f < in->nf; f++) {
		int r = in->f[f].addr / cols - FIRST_ROW, c = in->f[f].addr % cols;
		if (c != 1 || r < 0 || r >= nshown || l->first + r >= l->n)
			continue;
		const char *cmd = in->f[f].text;
		while (*cmd == ' ')
			cmd++;
		if (!*cmd)
			continue;
		expand(line, sizeof line, cmd, &shown[r]);
		run(l, line);
		ran = true;
	}
	const struct scr_field *c = scr_find(in, cols, x->s.rows - 2, 7);
	if (c && c->text[0]) {
		cms_format(line, sizeof line, "%s", c->text);
		run(l, line);
		ran = true;
	}
	if (pf == 11) { /* XEDIT the file on the cursor's row */
		int r = in->cursor / cols - FIRST_ROW;
		if (r >= 0 && r < nshown && l->first + r < l->n) {
			expand(line, sizeof line, "XEDIT /", &shown[r]);
			run(l, line);
			ran = true;
		}
	}
	if (ran || pf == 2)
		load(l);
	switch (pf) {
	case 3:
		return false;
	case 7:
		l->first = l->first > rows_for_files ? l->first - rows_for_files : 0;
		break;
	case 8:
		if (l->first + rows_for_files < l->n)
			l->first += rows_for_files;
		break;
	default:
		break;
	}
	return true;
}

static int fullscreen(struct flist *l)
{
	struct fscr *x = cms_alloc(sizeof *x);
	if (!x)
		return SCR_ERROR;
	if (scr_open(&x->s) != SCR_OK) {
		cms_free(x);
		return SCR_ERROR;
	}
	int rc;
	for (;;) {
		int rows_for_files = x->s.rows - FIRST_ROW - 2;
		uint32_t n = build(x, l, rows_for_files);
		if (!n) {
			rc = SCR_ERROR;
			break;
		}
		rc = scr_show(&x->s, x->ds, n);
		if (rc == SCR_REDRAW)
			continue;
		if (rc != SCR_OK)
			break;
		l->nmsg = 0;
		rc = scr_get(&x->s, &x->in);
		if (rc == SCR_REDRAW)
			continue;
		if (rc != SCR_OK || !handle(x, l, rows_for_files))
			break;
	}
	scr_close(&x->s);
	cms_free(x);
	return rc == SCR_ERROR ? SCR_ERROR : SCR_OK;
}

int cms_cmd_filelist(struct cms_args *a)
{
	if (a->n > 4) {
		cms_msg("DMSFLS003E", "Invalid option: %s", a->w[4]);
		return RC_BADOPT;
	}
	struct flist *l = cms_alloc(sizeof *l);
	if (!l) {
		cms_msg("DMSFLS132S", "Not enough storage");
		return RC_NOSTORE;
	}
	int rc = fs_fileid(&l->pattern, a->n > 1 ? a->w[1] : "*", a->n > 2 ? a->w[2] : "*",
	                   a->n > 3 ? a->w[3] : "A");
	if (rc) {
		cms_msg("DMSFLS048E", "Invalid file identifier: %s %s %s", a->n > 1 ? a->w[1] : "*",
		        a->n > 2 ? a->w[2] : "*", a->n > 3 ? a->w[3] : "A");
		cms_free(l);
		return RC_BADNAME;
	}
	rc = load(l);
	if (!rc && !l->n) {
		cms_msg("DMSFLS002E", "File %s %s %s not found", l->pattern.fn, l->pattern.ft, l->pattern.fm);
		rc = RC_NOTFOUND;
	} else if (!rc && (!cms_fullscreen() || fullscreen(l) != SCR_OK)) {
		char t[LINE_MAX];
		cms_puts(HEADING);
		for (int k = 0; k < l->n && !cms_hx_pending; k++) {
			describe(t, sizeof t, &l->f[k]);
			cms_puts(t);
		}
	} else if (rc) {
		cms_msg("DMSFLS104S", "Error %d reading the directory", rc);
	}
	cms_free(l->f);
	cms_free(l);
	return rc;
}
