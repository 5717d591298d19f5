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
#include "cmds.h"
#include "scr.h"
#include "xedit.h"

enum { LINE_MAX = 160 };

struct flist {
	struct cms_fileid pattern;
	struct cms_fst *f;
	int n;
};

/* The files the pattern matches now (none: an empty list). */
static int load(struct flist *l)
{
	cms_free(l->f);
	return cms_match(&l->pattern, &l->f, &l->n);
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
static void expand(void *arg, int k, const char *cmd, char *out, size_t size)
{
	const struct cms_fst *f = &((struct flist *)arg)->f[k];
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

/* ---- the full screen (scr_list.c) ---- */

static void title(void *arg, char *out, size_t size)
{
	const struct flist *l = arg;
	cms_format(out, size, "FILELIST  %s %s %s", l->pattern.fn, l->pattern.ft,
	           l->pattern.fm[0] ? l->pattern.fm : "A");
}

static void row(void *arg, int k, char *out, size_t size)
{
	describe(out, size, &((struct flist *)arg)->f[k]);
}

static int reload(void *arg)
{
	struct flist *l = arg;
	load(l);
	return l->n;
}

static const char *pf_row(int pf)
{
	return pf == 11 ? "XEDIT /" : NULL; /* XEDIT the file on the cursor's row */
}

static const struct scr_list_ops ops = {
    .heading = HEADING,
    .pfkeys = "2= Refresh  3= Quit  7= Backward  8= Forward  11= Xedit",
    .title = title,
    .row = row,
    .expand = expand,
    .reload = reload,
    .pf_row = pf_row,
};

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
	} else if (!rc && (!cms_fullscreen() || scr_list(&ops, l, l->n) != SCR_OK)) {
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
