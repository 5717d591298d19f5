/* cmd_file.c — LISTFILE, TYPE, STATE, ERASE: looking at files and getting
 * rid of them (CMS Command Reference).
 *
 *   LISTFILE [fn [ft [fm]]] [(options]   files matching, * for any; options
 *            LABEL|DATE (all the directory says), FORMAT (recfm, lrecl,
 *            records, blocks), HEADER, NOHEADER
 *   TYPE fn ft [fm] [rec1 [rec2|*]] [(HEX]   the records on the console
 *   STATE fn ft [fm]                      rc 0 if the file exists, 28 not
 *   ERASE fn ft fm                        fn and ft may be * (fm: a mode or *)
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

int cms_split_options(struct cms_args *a, char **o, int max, int *nopt, const char *msgid)
{
	int nw = a->n;
	for (int k = 1; k < a->n; k++)
		if (a->w[k][0] == '(') {
			nw = k;
			break;
		}
	*nopt = 0;
	for (int k = nw; k < a->n; k++) {
		char *w = a->w[k];
		if (*w == '(')
			w++;
		size_t len = strlen(w);
		if (len && w[len - 1] == ')')
			w[--len] = 0;
		if (!*w)
			continue;
		if (*nopt == max) {
			cms_msg(msgid, "Too many options");
			return -1;
		}
		o[(*nopt)++] = w;
	}
	return nw;
}

int cms_parse_fileid(struct cms_fileid *id, char **w, int n, const char *def, const char *msgid)
{
	const char *fn = n > 0 ? w[0] : "*", *ft = n > 1 ? w[1] : "*", *fm = n > 2 ? w[2] : def;
	if (fs_fileid(id, fn, ft, fm)) {
		cms_msg(msgid, "Invalid file identifier '%s %s %s'", fn, ft, fm);
		return RC_BADNAME;
	}
	return 0;
}

static void say_notfound(const char *msgid, const struct cms_fileid *id)
{
	cms_msg(msgid, "File '%s %s %s' not found", id->fn, id->ft, *id->fm ? id->fm : "*");
}

/* ---- LISTFILE ---- */

struct lst {
	int mode; /* 0 names, 1 FORMAT, 2 LABEL/DATE */
	bool header;
	int count;
};

static int list_one(const struct cms_fst *f, void *arg)
{
	struct lst *l = arg;
	if (l->header && l->count == 0) {
		if (l->mode == 1)
			cms_puts("FILENAME FILETYPE FM FORMAT LRECL   RECS  BLOCKS");
		else if (l->mode == 2)
			cms_puts("FILENAME FILETYPE FM FORMAT LRECL   RECS  BLOCKS   DATE     TIME   LABEL");
	}
	l->count++;
	if (l->mode == 0) {
		cms_say("%-8s %-8s %s", f->id.fn, f->id.ft, f->id.fm);
		return 0;
	}
	char line[132];
	int n = cms_format(line, sizeof line, "%-8s %-8s %-2s %c    %6u %6u %7u", f->id.fn, f->id.ft, f->id.fm, f->recfm,
	                   f->lrecl, f->records, f->blocks);
	if (l->mode == 2) {
		struct cms_volinfo vi;
		fs_volinfo(f->id.fm[0], &vi);
		cms_format(line + n, sizeof line - (size_t)n, " %02u/%02u/%02u %02u:%02u:%02u %s", f->month, f->day,
		           f->year % 100, f->hour, f->minute, f->second, vi.label);
	}
	cms_puts(line);
	return 0;
}

int cms_cmd_listfile(struct cms_args *a)
{
	char *o[CMS_MAX_WORDS];
	int no, nw = cms_split_options(a, o, CMS_MAX_WORDS, &no, "DMSLST003E");
	struct cms_fileid id;
	if (cms_parse_fileid(&id, a->w + 1, nw - 1, "A", "DMSLST048E"))
		return RC_BADNAME;
	if (nw < 4 && nw > 1 && !*id.fm)
		cms_format(id.fm, sizeof id.fm, "A");
	struct lst l = {0, true, 0};
	for (int k = 0; k < no; k++) {
		if (cms_abbrev(o[k], "FORMAT", 1))
			l.mode = 1;
		else if (cms_abbrev(o[k], "LABEL", 1) || cms_abbrev(o[k], "DATE", 1) || cms_abbrev(o[k], "ALLOC", 1))
			l.mode = 2;
		else if (cms_abbrev(o[k], "HEADER", 1))
			l.header = true;
		else if (cms_abbrev(o[k], "NOHEADER", 3))
			l.header = false;
		else {
			cms_msg("DMSLST003E", "Invalid option '%s'", o[k]);
			return RC_BADOPT;
		}
	}
	if (id.fm[0] != '*' && !fs_vol(id.fm[0])) {
		cms_msg("DMSLST069E", "Disk '%c' not accessed", id.fm[0]);
		return RC_DISKRO;
	}
	fs_list(&id, list_one, &l);
	if (l.count == 0) {
		cms_msg("DMSLST002E", "File not found");
		return RC_NOTFOUND;
	}
	return 0;
}

/* ---- STATE ---- */

int cms_cmd_state(struct cms_args *a)
{
	struct cms_fileid id;
	struct cms_fst f;
	if (a->n < 3) {
		cms_msg("DMSSTT054E", "Incomplete fileid specified");
		return RC_BADOPT;
	}
	if (cms_parse_fileid(&id, a->w + 1, a->n - 1, "*", "DMSSTT048E"))
		return RC_BADNAME;
	if (fs_state(&id, &f)) {
		say_notfound("DMSSTT002E", &id);
		return RC_NOTFOUND;
	}
	return 0;
}

/* ---- TYPE ---- */

static bool number(const char *s, uint32_t *out)
{
	uint32_t v = 0;
	if (!*s)
		return false;
	for (; *s; s++) {
		if (*s < '0' || *s > '9' || v > 100000000)
			return false;
		v = v * 10 + (uint32_t)(*s - '0');
	}
	*out = v;
	return true;
}

int cms_cmd_type(struct cms_args *a)
{
	char *o[CMS_MAX_WORDS];
	int no, nw = cms_split_options(a, o, CMS_MAX_WORDS, &no, "DMSTYP003E");
	if (nw < 3) {
		cms_msg("DMSTYP054E", "Incomplete fileid specified");
		return RC_BADOPT;
	}
	struct cms_fileid id;
	if (cms_parse_fileid(&id, a->w + 1, nw > 4 ? 3 : nw - 1, "*", "DMSTYP048E"))
		return RC_BADNAME;
	uint32_t from = 1, to = 0xFFFFFFFFu;
	if (nw > 4 && !number(a->w[4], &from)) {
		cms_msg("DMSTYP070E", "Invalid record number '%s'", a->w[4]);
		return RC_BADOPT;
	}
	if (nw > 5 && strcmp(a->w[5], "*") && !number(a->w[5], &to)) {
		cms_msg("DMSTYP070E", "Invalid record number '%s'", a->w[5]);
		return RC_BADOPT;
	}
	bool hex = false;
	for (int k = 0; k < no; k++) {
		if (cms_abbrev(o[k], "HEX", 3)) {
			hex = true;
		} else {
			cms_msg("DMSTYP003E", "Invalid option '%s'", o[k]);
			return RC_BADOPT;
		}
	}
	struct cms_file *f;
	int rc = fs_open_read(&id, &f);
	if (rc) {
		if (rc == RC_NOTFOUND)
			say_notfound("DMSTYP002E", &id);
		return rc;
	}
	uint8_t *rec = cms_rec;
	uint32_t len, n = 0;
	while ((rc = fs_read(f, rec, CMS_RECMAX, &len)) == 0) {
		if (++n < from)
			continue;
		if (n > to)
			break;
		char line[512];
		if (hex) {
			for (uint32_t k = 0; k < len; k += 32) {
				int p = 0;
				for (uint32_t j = k; j < len && j < k + 32; j++)
					p += cms_format(line + p, sizeof line - (size_t)p, "%02X%s", rec[j], (j & 3) == 3 ? " " : "");
				cms_puts(line);
			}
			continue;
		}
		uint32_t m = len < sizeof line - 1 ? len : sizeof line - 1;
		cms_e2a(line, rec, m);
		while (m && line[m - 1] == ' ') /* VM/370 TYPE drops the blanks at the end */
			m--;
		line[m] = 0;
		cms_puts(line);
	}
	fs_close(f);
	return rc == RC_EOF ? 0 : rc;
}

/* ---- the files a pattern matches ---- */

struct matches {
	struct cms_fst *f;
	int n, cap;
};

static int add_match(const struct cms_fst *f, void *arg)
{
	struct matches *m = arg;
	if (m->n == m->cap) {
		int cap = m->cap ? 2 * m->cap : 16;
		struct cms_fst *nf = cms_alloc((size_t)cap * sizeof *nf);
		if (!nf)
			return RC_NOSTORE;
		if (m->n)
			memcpy(nf, m->f, (size_t)m->n * sizeof *nf);
		cms_free(m->f);
		m->f = nf;
		m->cap = cap;
	}
	m->f[m->n++] = *f;
	return 0;
}

int cms_match(const struct cms_fileid *pattern, struct cms_fst **out, int *n)
{
	struct matches m = {NULL, 0, 0};
	int rc = fs_list(pattern, add_match, &m);
	*out = m.f;
	*n = m.n;
	return rc == RC_NOTFOUND ? 0 : rc; /* nothing matched: n is 0 */
}

/* ---- ERASE ---- */

int cms_cmd_erase(struct cms_args *a)
{
	if (a->n < 3) {
		cms_msg("DMSERS054E", "Incomplete fileid specified");
		return RC_BADOPT;
	}
	struct cms_fileid id;
	if (cms_parse_fileid(&id, a->w + 1, a->n - 1, "A", "DMSERS048E"))
		return RC_BADNAME;
	char m = id.fm[0];
	if (m != '*' && !fs_vol(m)) {
		cms_msg("DMSERS069E", "Disk '%c' not accessed", m);
		return RC_DISKRO;
	}
	/* the matching files first, then the erasing: the directory changes */
	struct cms_fst *f;
	int n, rc = cms_match(&id, &f, &n);
	if (rc == 0 && n == 0) {
		say_notfound("DMSERS002E", &id);
		rc = RC_NOTFOUND;
	}
	for (int k = 0; k < n && rc == 0; k++) {
		struct cms_volinfo vi;
		fs_volinfo(f[k].id.fm[0], &vi);
		if (vi.readonly) {
			cms_msg("DMSERS037E", "Disk '%c' is read-only", f[k].id.fm[0]);
			rc = RC_DISKRO;
			break;
		}
		rc = fs_erase(&f[k].id);
	}
	cms_free(f);
	return rc;
}
