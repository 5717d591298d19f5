/* fs_dir.c — file identifiers and the directory: parsing "fn ft fm",
 * patterns, STATE, the listing LISTFILE uses, ERASE and RENAME.
 *
 * A file is known on its disk by fn and ft; the mode number (the digit of
 * "A1") is kept in its directory entry and shown with the mode letter, as
 * LISTFILE shows it (CMS User's Guide, "File Mode Numbers").  ERASE and
 * RENAME make a new state and commit it (fs_disk.c): the directory of the
 * disk is never written in place.
 */
#include "fs_int.h"

/* Characters of a file name or type (CMS Command and Macro Reference,
 * "fileid"): letters, digits and $ # @ + - : _ ; '*' and '%' only in
 * patterns. */
static bool name_char(char c)
{
	return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '$' || c == '#' || c == '@' ||
	       c == '+' || c == '-' || c == ':' || c == '_' || c == '*' || c == '%';
}

static int name_in(char *out, const char *in, const char *what)
{
	size_t n = in ? strlen(in) : 0;
	if (n < 1 || n > 8)
		return fs_fail(RC_BADNAME, "a file %s has 1 to 8 characters", what);
	for (size_t i = 0; i < n; i++) {
		out[i] = cms_toupper(in[i]);
		if (!name_char(out[i]))
			return fs_fail(RC_BADNAME, "'%c' cannot be in a file %s", in[i], what);
	}
	out[n] = 0;
	return 0;
}

int fs_fileid(struct cms_fileid *id, const char *fn, const char *ft, const char *fm)
{
	memset(id, 0, sizeof *id);
	int rc = name_in(id->fn, fn, "name");
	if (!rc)
		rc = name_in(id->ft, ft, "type");
	if (rc)
		return rc;
	size_t n = fm ? strlen(fm) : 0;
	if (n > 2)
		return fs_fail(RC_BADNAME, "a file mode is a letter and a digit at most");
	for (size_t i = 0; i < n; i++)
		id->fm[i] = cms_toupper(fm[i]);
	if (n && !(id->fm[0] == '*' && n == 1) && !(id->fm[0] >= 'A' && id->fm[0] <= 'Z'))
		return fs_fail(RC_BADNAME, "a file mode starts with a letter A-Z");
	if (n == 2 && !(id->fm[1] >= '0' && id->fm[1] <= '9'))
		return fs_fail(RC_BADNAME, "a file mode's second character is a digit");
	return 0;
}

/* '*' any characters (none too), '%' one; the rest must be equal. */
bool fs_match(const char *p, const char *s)
{
	const char *star = NULL, *back = NULL;
	while (*s) {
		if (*p == '*') {
			star = ++p;
			back = s;
		} else if (*p == '%' || *p == *s) {
			p++;
			s++;
		} else if (star) {
			p = star;
			s = ++back;
		} else {
			return false;
		}
	}
	while (*p == '*')
		p++;
	return !*p;
}

bool fs_is_pattern(const struct cms_fileid *id)
{
	for (int i = 0; id->fn[i]; i++)
		if (id->fn[i] == '*' || id->fn[i] == '%')
			return true;
	for (int i = 0; id->ft[i]; i++)
		if (id->ft[i] == '*' || id->ft[i] == '%')
			return true;
	return false;
}

int fs_find(struct cms_vol *v, const char *fn, const char *ft)
{
	for (uint32_t i = 0; i < v->nfiles; i++)
		if (!strcmp(v->dir[i].fn, fn) && !strcmp(v->dir[i].ft, ft))
			return (int)i;
	return -1;
}

void fs_dent_fst(const struct cms_vol *v, const struct fs_dent *d, struct cms_fst *out)
{
	memset(out, 0, sizeof *out);
	memcpy(out->id.fn, d->fn, sizeof out->id.fn);
	memcpy(out->id.ft, d->ft, sizeof out->id.ft);
	out->id.fm[0] = v->mode ? v->mode : '?';
	out->id.fm[1] = d->digit;
	out->recfm = d->recfm;
	out->lrecl = d->lrecl;
	out->records = d->records;
	out->blocks = d->blocks + d->nindex;
	out->year = d->year;
	out->month = d->month;
	out->day = d->day;
	out->hour = d->hour;
	out->minute = d->minute;
	out->second = d->second;
}

/* Every file matching pat, in search order: a snapshot, so that the
 * caller's function may change the directory (ERASE of a pattern). */
static int collect(const struct cms_fileid *pat, struct cms_fst **out, uint32_t *n, uint32_t stop_at)
{
	*out = NULL;
	*n = 0;
	struct cms_vol *vols[26];
	char m = pat->fm[0];
	if (m >= 'A' && m <= 'Z' && !fs_vol(m))
		return fs_fail(RC_DISKRO, "disk %c is not accessed", m);
	int nv = fs_search(pat->fm, vols, 26);
	uint32_t total = 0;
	for (int i = 0; i < nv; i++)
		total += vols[i]->nfiles;
	*n = 0;
	*out = cms_alloc(sizeof(struct cms_fst) * (total + 1));
	if (!*out)
		return fs_fail(RC_NOSTORE, "no storage for the file list");
	char digit = fs_digit(pat->fm);
	for (int i = 0; i < nv && *n < stop_at; i++)
		for (uint32_t k = 0; k < vols[i]->nfiles && *n < stop_at; k++) {
			const struct fs_dent *d = &vols[i]->dir[k];
			if (fs_match(pat->fn, d->fn) && fs_match(pat->ft, d->ft) &&
			    (!digit || d->digit == digit))
				fs_dent_fst(vols[i], d, &(*out)[(*n)++]);
		}
	return 0;
}

int fs_list(const struct cms_fileid *pattern, int (*fn)(const struct cms_fst *f, void *arg), void *arg)
{
	struct cms_fst *all;
	uint32_t n;
	int rc = collect(pattern, &all, &n, UINT32_MAX);
	if (!rc && !n)
		rc = fs_fail(RC_NOTFOUND, "no file %s %s %s", pattern->fn, pattern->ft,
		             pattern->fm[0] ? pattern->fm : "*");
	for (uint32_t i = 0; !rc && i < n; i++)
		rc = fn(&all[i], arg);
	if (all)
		cms_free(all);
	return rc;
}

int fs_state(const struct cms_fileid *id, struct cms_fst *out)
{
	struct cms_fst *all;
	uint32_t n;
	int rc = collect(id, &all, &n, 1);
	if (!rc && !n)
		rc =
		    fs_fail(RC_NOTFOUND, "file %s %s %s not found", id->fn, id->ft, id->fm[0] ? id->fm : "*");
	if (!rc)
		*out = all[0];
	if (all)
		cms_free(all);
	return rc;
}

int fs_locate(const struct cms_fileid *id, bool write, struct cms_vol **vp, int *ip)
{
	if (fs_is_pattern(id))
		return fs_fail(RC_BADNAME, "a pattern (%s %s) where one file is meant", id->fn, id->ft);
	struct cms_fst st;
	int rc = fs_state(id, &st);
	if (rc)
		return rc;
	struct cms_vol *v = fs_vol(st.id.fm[0]);
	if (write && (!v || v->readonly || v->dev->readonly))
		return fs_fail(RC_DISKRO, "disk %c is read-only", st.id.fm[0]);
	*vp = v;
	*ip = v ? fs_find(v, st.id.fn, st.id.ft) : -1;
	return *ip < 0 ? fs_fail(RC_NOTFOUND, "file %s %s not found", id->fn, id->ft) : 0;
}

int fs_erase(const struct cms_fileid *id)
{
	struct cms_vol *v;
	int at;
	int rc = fs_locate(id, true, &v, &at);
	if (rc)
		return rc;
	struct fs_dent *dir;
	uint32_t *lmap, *data, *index, nd, ni;
	if ((rc = fs_file_blocks(v, &v->dir[at], &data, &nd, &index, &ni)))
		return rc;
	if ((rc = fs_copy_state(v, &dir, &lmap)))
		goto out;
	for (uint32_t i = 0; i < nd; i++)
		fs_clr(lmap, data[i]);
	for (uint32_t i = 0; i < ni; i++)
		fs_clr(lmap, index[i]);
	memmove(&dir[at], &dir[at + 1], sizeof *dir * (v->nfiles - (uint32_t)at - 1));
	if ((rc = fs_commit(v, dir, v->nfiles - 1, lmap))) {
		cms_free(dir);
		cms_free(lmap);
	}
out:
	cms_free(data);
	cms_free(index);
	return rc;
}

int fs_rename(const struct cms_fileid *from, const struct cms_fileid *to)
{
	struct cms_vol *v;
	int at;
	int rc = fs_locate(from, true, &v, &at);
	if (rc)
		return rc;
	if (fs_is_pattern(to))
		return fs_fail(RC_BADNAME, "a pattern (%s %s) as the new name", to->fn, to->ft);
	if (to->fm[0] && to->fm[0] != '*' && to->fm[0] != '=' && to->fm[0] != v->mode)
		return fs_fail(RC_BADOPT, "RENAME stays on one disk (%c, not %c)", v->mode, to->fm[0]);
	int there = fs_find(v, to->fn, to->ft);
	if (there >= 0 && there != at)
		return fs_fail(FS_RC_EXISTS, "file %s %s %c already exists", to->fn, to->ft, v->mode);
	struct fs_dent *dir;
	uint32_t *lmap;
	if ((rc = fs_copy_state(v, &dir, &lmap)))
		return rc;
	memcpy(dir[at].fn, to->fn, sizeof dir[at].fn);
	memcpy(dir[at].ft, to->ft, sizeof dir[at].ft);
	char digit = fs_digit(to->fm);
	if (digit)
		dir[at].digit = digit;
	if ((rc = fs_commit(v, dir, v->nfiles, lmap))) {
		cms_free(dir);
		cms_free(lmap);
	}
	return rc;
}
