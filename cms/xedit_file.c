/* xedit_file.c — the editor's file: read into the buffer, written back
 * (cmsfs.h).  Records are EBCDIC on disk and ASCII in the buffer; a recfm
 * F file's records are padded with blanks to the record length when
 * written, and lose their trailing blanks when read. */
#include "xedit.h"

/* File types whose new files are variable-length records: text that people
 * write in paragraphs.  Everything else is F 80, the card image that most of
 * CMS's files were (CMS User's Guide, "Creating Files"). */
static const char *const v_types[] = {"EXEC", "SCRIPT", "MEMO", "NOTE", "NOTEBOOK"};

void xed_defaults(const char *ft, char *recfm, uint32_t *lrecl)
{
	*recfm = 'F';
	*lrecl = 80;
	for (size_t k = 0; k < sizeof v_types / sizeof v_types[0]; k++)
		if (!strcmp(ft, v_types[k])) {
			*recfm = 'V';
			*lrecl = 255;
		}
}

static void say_rc(struct xed *e, int rc, const struct cms_fileid *id, const char *what)
{
	const char *fm = id->fm[0] && id->fm[0] != '*' ? id->fm : "*";
	switch (rc) {
	case RC_NOTFOUND:
		xed_msg(e, "DMSXED002E File %s %s %s not found", id->fn, id->ft, fm);
		break;
	case RC_DISKRO:
		xed_msg(e, "DMSXED037E Disk %c is read-only or not accessed", id->fm[0] ? id->fm[0] : 'A');
		break;
	case RC_DISKFULL:
		xed_msg(e, "DMSXED105E Disk %c is full: the file was not %s", id->fm[0] ? id->fm[0] : 'A',
		        what);
		break;
	case RC_NOSTORE:
		xed_msg(e, "DMSXED132S Not enough storage to %s the file", what);
		break;
	case RC_BADNAME:
		xed_msg(e, "DMSXED048E Invalid file identifier %s %s %s", id->fn, id->ft, fm);
		break;
	default:
		xed_msg(e, "DMSXED104S Error %d: the file %s %s %s was not %s", rc, id->fn, id->ft, fm, what);
	}
}

/* Every record of file id after line `after`: the number read, or -1 with
 * a message. */
static int read_into(struct xed *e, const struct cms_fileid *id, char recfm, uint32_t lrecl, int after)
{
	struct cms_file *f;
	int rc = fs_open_read(id, &f);
	if (rc) {
		say_rc(e, rc, id, "read");
		return -1;
	}
	uint32_t max = lrecl ? lrecl : XED_MAXLINE;
	uint8_t *rec = cms_alloc(max);
	char *text = cms_alloc(max + 1);
	int count = 0;
	if (!rec || !text)
		rc = RC_NOSTORE;
	uint32_t len;
	while (!rc && (rc = fs_read(f, rec, max, &len)) == 0) {
		cms_e2a(text, rec, len);
		if (recfm == 'F') /* the padding of a fixed-length record is not text */
			while (len && text[len - 1] == ' ')
				len--;
		if (xed_insert_raw(e, after + count, text, len) < 0) {
			rc = RC_NOSTORE;
			break;
		}
		count++;
	}
	fs_close(f);
	cms_free(rec);
	cms_free(text);
	if (rc != RC_EOF) {
		say_rc(e, rc, id, "read");
		return -1;
	}
	return count;
}

int xed_load(struct xed *e, const struct cms_fileid *id)
{
	struct cms_fst st;
	int rc = fs_state(id, &st);
	if (rc == RC_NOTFOUND) {
		char recfm;
		uint32_t lrecl;
		xed_defaults(id->ft, &recfm, &lrecl);
		e->id = *id;
		if (!e->id.fm[0] || e->id.fm[0] == '*')
			cms_format(e->id.fm, sizeof e->id.fm, "A1");
		else if (!e->id.fm[1])
			e->id.fm[1] = '1'; /* (a mode without its digit gets 1, as the file system gives it) */
		e->recfm = recfm;
		e->lrecl = lrecl;
		e->newfile = true;
		e->changed = false;
		xed_msg(e, "NEW FILE");
		return 0;
	}
	if (rc) {
		say_rc(e, rc, id, "read");
		return rc;
	}
	e->id = st.id;
	e->recfm = st.recfm;
	e->lrecl = st.lrecl;
	if (read_into(e, &st.id, st.recfm, st.lrecl, 0) < 0)
		return RC_ERR;
	e->cur = 0;
	e->changed = false;
	return 0;
}

int xed_write(struct xed *e, const struct cms_fileid *id)
{
	if (e->n == 0) { /* a CMS file has one record at least */
		xed_msg(e, "DMSXED587W The file has no lines: it was not written");
		return 0;
	}
	uint32_t longest = 1;
	for (int k = 1; k <= e->n; k++) {
		uint32_t l = (uint32_t)strlen(e->line[k]);
		if (l > longest)
			longest = l;
	}
	uint32_t lrecl = e->recfm == 'F' ? e->lrecl : longest;
	uint8_t *rec = cms_alloc(lrecl > longest ? lrecl : longest);
	if (!rec) {
		say_rc(e, RC_NOSTORE, id, "written");
		return RC_NOSTORE;
	}
	struct cms_fileid to = *id;
	if (!to.fm[0] || to.fm[0] == '*')
		cms_format(to.fm, sizeof to.fm, "%s", e->id.fm[0] && e->id.fm[0] != '*' ? e->id.fm : "A1");
	struct cms_file *f;
	int rc = fs_open_write(&to, e->recfm, e->recfm == 'F' ? e->lrecl : 0, &f);
	for (int k = 1; !rc && k <= e->n; k++) {
		uint32_t l = (uint32_t)strlen(e->line[k]);
		if (e->recfm == 'F' && l > lrecl)
			l = lrecl;
		cms_a2e(rec, e->line[k], l);
		uint32_t len = l;
		if (e->recfm == 'F') {
			memset(rec + l, 0x40, lrecl - l); /* EBCDIC blanks */
			len = lrecl;
		} else if (!len) {
			rec[0] = 0x40; /* an empty line: a record of one blank */
			len = 1;
		}
		rc = fs_write(f, rec, len);
	}
	cms_free(rec);
	if (rc) {
		if (f)
			fs_abandon(f);
		say_rc(e, rc, &to, "written");
		return rc;
	}
	if ((rc = fs_close(f)) != 0) {
		say_rc(e, rc, &to, "written");
		return rc;
	}
	e->changed = false;
	e->newfile = false;
	return 0;
}

int xed_get(struct xed *e, const char *args)
{
	char buf[XED_MSGLEN + 1];
	size_t l = strlen(args);
	char *w[4];
	int nw = 0;
	if (l <= XED_MSGLEN) {
		memcpy(buf, args, l + 1);
		nw = cms_words(buf, w, 4);
	}
	struct cms_fileid id;
	if (nw < 1 || nw > 3 || fs_fileid(&id, w[0], nw > 1 ? w[1] : e->id.ft, nw > 2 ? w[2] : "*")) {
		while (*args == ' ')
			args++;
		xed_msg(e, "DMSXED048E Invalid file identifier: %s", args);
		return RC_BADNAME;
	}
	struct cms_fst st;
	int rc = fs_state(&id, &st);
	if (rc) {
		say_rc(e, rc, &id, "read");
		return rc;
	}
	int after = e->cur > e->n ? e->n : e->cur;
	int got = read_into(e, &st.id, st.recfm, st.lrecl, after);
	if (got < 0)
		return RC_ERR;
	e->cur = after + got;
	xed_msg(e, "DMSXED560I %d line(s) added from %s %s %s", got, st.id.fn, st.id.ft, st.id.fm);
	return 0;
}
