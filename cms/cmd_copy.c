/* cmd_copy.c — COPYFILE and RENAME (CMS Command Reference).
 *
 *   COPYFILE fn ft fm [fn2 ft2 fm2] [(options]
 *       '=' in the new identifier keeps that part of the old; fn and ft
 *       of the old may be patterns ('*'), copying every file that matches.
 *       Options: REPLACE (an existing file is replaced), APPEND (records
 *       added to it), RECFM F|V (the new file's format: F pads each record
 *       with blanks to LRECL, or cuts it; V drops the blanks at the end of
 *       each record), LRECL n, TYPE (each copy named on the console).
 *   RENAME fn ft fm fn2 ft2 fm2      '=' as above; the same disk
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

static void resolve(struct cms_fileid *to, const struct cms_fileid *pat, const struct cms_fileid *from)
{
	*to = *pat;
	if (!strcmp(pat->fn, "="))
		memcpy(to->fn, from->fn, sizeof to->fn);
	if (!strcmp(pat->ft, "="))
		memcpy(to->ft, from->ft, sizeof to->ft);
	if (!strcmp(pat->fm, "=") || !pat->fm[0])
		memcpy(to->fm, from->fm, sizeof to->fm);
}

/* fs_fileid with '=' allowed in any part. */
static int target_id(struct cms_fileid *id, char **w, const char *msgid)
{
	for (int k = 0; k < 3; k++)
		if (strlen(w[k]) > 8 || !w[k][0]) {
			cms_msg(msgid, "Invalid file identifier '%s %s %s'", w[0], w[1], w[2]);
			return RC_BADNAME;
		}
	struct cms_fileid t;
	if (fs_fileid(&t, strcmp(w[0], "=") ? w[0] : "X", strcmp(w[1], "=") ? w[1] : "X",
	              strcmp(w[2], "=") ? w[2] : "A")) {
		cms_msg(msgid, "Invalid file identifier '%s %s %s'", w[0], w[1], w[2]);
		return RC_BADNAME;
	}
	*id = t;
	if (!strcmp(w[0], "="))
		cms_format(id->fn, sizeof id->fn, "=");
	if (!strcmp(w[1], "="))
		cms_format(id->ft, sizeof id->ft, "=");
	if (!strcmp(w[2], "="))
		cms_format(id->fm, sizeof id->fm, "=");
	return 0;
}

struct copyopt {
	bool replace, append, type;
	char recfm;     /* 0: as the input */
	uint32_t lrecl; /* 0: as the input */
};

static int copy_one(const struct cms_fst *in, const struct cms_fileid *out, const struct copyopt *o)
{
	struct cms_fst old;
	bool exists = fs_state(out, &old) == 0 && old.id.fm[0] == out->fm[0];
	bool itself = exists && !strcmp(old.id.fn, in->id.fn) && !strcmp(old.id.ft, in->id.ft) &&
	              old.id.fm[0] == in->id.fm[0]; /* a format change in place: replaced when closed */
	if (exists && !itself && !o->replace && !o->append) {
		cms_msg("DMSCPY024E", "File '%s %s %s' already exists; specify REPLACE or APPEND", out->fn, out->ft,
		        out->fm);
		return RC_NOTFOUND; /* 28, as VM/370's COPYFILE */
	}
	char recfm = o->recfm ? o->recfm : in->recfm;
	uint32_t lrecl = o->lrecl ? o->lrecl : in->lrecl;
	if (o->append && exists) {
		recfm = old.recfm;
		lrecl = old.lrecl;
	}
	if (recfm == 'F' && lrecl == 0)
		lrecl = 80;
	struct cms_file *fi, *fo;
	int rc = fs_open_read(&in->id, &fi);
	if (rc)
		return rc;
	rc = o->append ? fs_open_append(out, recfm, lrecl, &fo) : fs_open_write(out, recfm, lrecl, &fo);
	if (rc) {
		fs_close(fi);
		if (rc == RC_DISKRO)
			cms_msg("DMSCPY037E", "Disk '%c' is read-only or not accessed", out->fm[0]);
		return rc;
	}
	uint8_t *rec = cms_rec;
	uint32_t len;
	bool cut = false;
	while ((rc = fs_read(fi, rec, CMS_RECMAX, &len)) == 0) {
		if (recfm == 'F') {
			if (len > lrecl)
				cut = true;
			for (uint32_t k = len; k < lrecl; k++)
				rec[k] = 0x40; /* an EBCDIC blank */
			len = lrecl;
		} else if (in->recfm == 'F') {
			while (len > 1 && rec[len - 1] == 0x40)
				len--;
		}
		if ((rc = fs_write(fo, rec, len)) != 0)
			break;
	}
	fs_close(fi);
	if (rc != RC_EOF) {
		fs_abandon(fo);
		if (rc == RC_DISKFULL)
			cms_msg("DMSCPY157E", "Disk '%c' is full", out->fm[0]);
		return rc;
	}
	rc = fs_close(fo);
	if (rc == 0 && cut)
		cms_say("DMSCPY714W Records longer than %u were cut", lrecl);
	if (rc == 0 && o->type)
		cms_say("COPY '%s %s %s' TO '%s %s %s'", in->id.fn, in->id.ft, in->id.fm, out->fn, out->ft, out->fm);
	return rc;
}

int cms_cmd_copyfile(struct cms_args *a)
{
	char *w[CMS_MAX_WORDS];
	int no, nw = cms_split_options(a, w, CMS_MAX_WORDS, &no, "DMSCPY003E");
	if (nw != 4 && nw != 7) {
		cms_msg("DMSCPY054E", "Incomplete fileid specified: COPYFILE fn ft fm fn2 ft2 fm2");
		return RC_BADOPT;
	}
	struct cms_fileid from, pat;
	if (cms_parse_fileid(&from, a->w + 1, 3, "*", "DMSCPY048E"))
		return RC_BADNAME;
	if (nw == 7) {
		if (target_id(&pat, a->w + 4, "DMSCPY048E"))
			return RC_BADNAME;
	} else {
		cms_format(pat.fn, sizeof pat.fn, "=");
		cms_format(pat.ft, sizeof pat.ft, "=");
		cms_format(pat.fm, sizeof pat.fm, "=");
	}
	struct copyopt o = {0};
	for (int k = 0; k < no; k++) {
		if (cms_abbrev(w[k], "REPLACE", 3))
			o.replace = true;
		else if (cms_abbrev(w[k], "APPEND", 3))
			o.append = true;
		else if (cms_abbrev(w[k], "TYPE", 2))
			o.type = true;
		else if (cms_abbrev(w[k], "NOTYPE", 3) || cms_abbrev(w[k], "NEWDATE", 3) || cms_abbrev(w[k], "OLDDATE", 3))
			;
		else if (cms_abbrev(w[k], "RECFM", 3) && k + 1 < no && (!strcmp(w[k + 1], "F") || !strcmp(w[k + 1], "V")))
			o.recfm = w[++k][0];
		else if (cms_abbrev(w[k], "LRECL", 3) && k + 1 < no) {
			uint32_t v = 0;
			for (const char *p = w[++k]; *p; p++)
				v = (*p >= '0' && *p <= '9' && v < 100000) ? v * 10 + (uint32_t)(*p - '0') : 0xFFFFFFFFu;
			if (v == 0 || v > 65535) {
				cms_msg("DMSCPY070E", "Invalid LRECL '%s'", w[k]);
				return RC_BADOPT;
			}
			o.lrecl = v;
		} else {
			cms_msg("DMSCPY003E", "Invalid option '%s'", w[k]);
			return RC_BADOPT;
		}
	}
	if (o.replace && o.append) {
		cms_msg("DMSCPY066E", "REPLACE and APPEND are conflicting options");
		return RC_BADOPT;
	}
	struct cms_fst *f;
	int n, rc = cms_match(&from, &f, &n);
	if (rc == 0 && n == 0) {
		cms_msg("DMSCPY002E", "File '%s %s %s' not found", from.fn, from.ft, from.fm);
		rc = RC_NOTFOUND;
	}
	for (int k = 0; k < n && rc == 0; k++) {
		struct cms_fileid to;
		resolve(&to, &pat, &f[k].id);
		if (!strcmp(to.fn, f[k].id.fn) && !strcmp(to.ft, f[k].id.ft) && to.fm[0] == f[k].id.fm[0] && !o.recfm &&
		    !o.lrecl) {
			cms_msg("DMSCPY019E", "Input and output files are the same");
			rc = RC_BADOPT;
			break;
		}
		rc = copy_one(&f[k], &to, &o);
	}
	cms_free(f);
	return rc;
}

int cms_cmd_rename(struct cms_args *a)
{
	if (a->n != 7) {
		cms_msg("DMSRNM054E", "Incomplete fileid specified: RENAME fn ft fm fn2 ft2 fm2");
		return RC_BADOPT;
	}
	struct cms_fileid from, pat, to;
	if (cms_parse_fileid(&from, a->w + 1, 3, "A", "DMSRNM048E") || target_id(&pat, a->w + 4, "DMSRNM048E"))
		return RC_BADNAME;
	struct cms_fst f;
	if (fs_state(&from, &f)) {
		cms_msg("DMSRNM002E", "File '%s %s %s' not found", from.fn, from.ft, from.fm);
		return RC_NOTFOUND;
	}
	resolve(&to, &pat, &f.id);
	if (to.fm[0] != f.id.fm[0]) {
		cms_msg("DMSRNM030E", "Files must be on the same disk");
		return RC_BADOPT;
	}
	struct cms_fst exists;
	if (fs_state(&to, &exists) == 0 && exists.id.fm[0] == to.fm[0]) {
		cms_msg("DMSRNM024E", "File '%s %s %s' already exists", to.fn, to.ft, to.fm);
		return RC_NOTFOUND;
	}
	int rc = fs_rename(&f.id, &to);
	if (rc == RC_DISKRO)
		cms_msg("DMSRNM037E", "Disk '%c' is read-only", to.fm[0]);
	return rc;
}
