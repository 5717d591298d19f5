/* module_fs.c — a program's files through SVC 202 (module.c): RDBUF,
 * WRBUF and FINIS with VM/370's file system control block (the FSREAD,
 * FSWRITE and FSCLOSE macros build it; docs/cms-programs.md):
 *
 *   +0  CL8 function      +26 H  item number (0: the next)
 *   +8  CL8 file name     +28 A  buffer
 *   +16 CL8 file type     +32 F  buffer length (WRBUF: the record's)
 *   +24 CL2 file mode     +36 CL1 record format (WRBUF: F or V)
 *                         +37 X  flags (not used)
 *                         +38 H  number of items (1)
 *                         +40 F  bytes read (RDBUF sets it)
 *
 * A file stays open between calls, as in VM/370: RDBUF reads on from the
 * record before, WRBUF adds a record after the last; FINIS closes it (the
 * records written are kept then), and so does the end of the program.
 * Return codes, VM/370's: 1 file not found, 2 bad buffer address, 5 number
 * of items not 1, 6 not open (FINIS), 7 item number past the end, 8 a
 * record cut to the buffer, 12 end of file, 13 disk full, 20 bad file name,
 * 24 bad parameters, 36 disk not accessed or read-only.
 */
#include "cmsfs.h"
#include "nucleus.h"

enum { OPEN_MAX = 8 };

static struct open {
	bool used, write;
	struct cms_fileid id;
	struct cms_file *f;
	uint32_t next; /* the item a read without a number gets */
} open_files[OPEN_MAX];

static void field(char *out, const uint8_t *p, int n)
{
	cms_e2a(out, p, (size_t)n);
	out[n] = 0;
	for (int k = n - 1; k >= 0 && (out[k] == ' ' || out[k] == 0); k--)
		out[k] = 0;
}

static int fileid(const uint8_t *p, struct cms_fileid *id, const char *fm_default)
{
	char fn[9], ft[9], fm[3];
	field(fn, p + 8, 8);
	field(ft, p + 16, 8);
	field(fm, p + 24, 2);
	cms_upper(fn);
	cms_upper(ft);
	cms_upper(fm);
	return fs_fileid(id, fn, ft, fm[0] ? fm : fm_default) ? RC_BADNAME : 0;
}

static bool same(const struct cms_fileid *a, const struct cms_fileid *b)
{
	return !strcmp(a->fn, b->fn) && !strcmp(a->ft, b->ft) && a->fm[0] == b->fm[0];
}

static void close_one(struct open *o, bool keep)
{
	if (keep)
		fs_close(o->f);
	else
		fs_abandon(o->f);
	o->used = false;
}

static struct open *find(const struct cms_fileid *id, bool write)
{
	for (int k = 0; k < OPEN_MAX; k++)
		if (open_files[k].used && open_files[k].write == write && same(&open_files[k].id, id))
			return &open_files[k];
	return NULL;
}

static struct open *slot(void)
{
	for (int k = 0; k < OPEN_MAX; k++)
		if (!open_files[k].used)
			return &open_files[k];
	return NULL;
}

static int rdbuf(uint8_t *p)
{
	struct cms_fileid id;
	struct cms_fst st;
	uint32_t item = (uint32_t)(p[26] << 8 | p[27]), buf = cms_get32(p + 28) & 0xFFFFFF, size = cms_get32(p + 32);
	if (fileid(p, &id, "*"))
		return RC_BADNAME;
	if (!size || !cms_in_storage(buf, size))
		return 2;
	if (fs_state(&id, &st))
		return 1; /* not found */
	id = st.id; /* (the mode it was found on) */
	struct open *o = find(&id, false);
	if (o && item && item < o->next) { /* back: read again from the start */
		close_one(o, false);
		o = NULL;
	}
	if (!o) {
		if (!(o = slot()))
			return 24;
		if (fs_open_read(&id, &o->f))
			return 1;
		o->used = true;
		o->write = false;
		o->id = id;
		o->next = 1;
	}
	uint32_t len = 0;
	int rc;
	do { /* to the item asked for */
		rc = fs_read(o->f, (uint8_t *)(uintptr_t)buf, size, &len);
		if (rc == 0 || rc == RC_WARN)
			o->next++;
	} while ((rc == 0 || rc == RC_WARN) && item && o->next <= item);
	cms_put32(p + 40, len);
	if (rc == RC_EOF) {
		close_one(o, false);
		return 12;
	}
	return rc == RC_WARN ? 8 : rc ? 3 : 0;
}

static int wrbuf(uint8_t *p)
{
	struct cms_fileid id;
	uint32_t buf = cms_get32(p + 28) & 0xFFFFFF, size = cms_get32(p + 32);
	char recfm = (char)cp_e2a[p[36]];
	if (recfm != 'F' && recfm != 'V')
		recfm = 'F';
	if (fileid(p, &id, "A1"))
		return RC_BADNAME;
	if (!size || !cms_in_storage(buf, size))
		return 2;
	struct open *o = find(&id, true);
	if (!o) {
		if (!(o = slot()))
			return 24;
		int rc = fs_open_append(&id, recfm, recfm == 'F' ? size : 0, &o->f);
		if (rc)
			return rc == RC_DISKRO ? RC_DISKRO : rc == RC_BADNAME ? RC_BADNAME : 24;
		o->used = true;
		o->write = true;
		o->id = id;
	}
	int rc = fs_write(o->f, (const uint8_t *)(uintptr_t)buf, size);
	return rc == RC_DISKFULL ? 13 : rc ? 24 : 0;
}

static int finis(uint8_t *p)
{
	struct cms_fileid id;
	char fn[9];
	field(fn, p + 8, 8);
	bool all = !strcmp(fn, "*");
	if (!all && fileid(p, &id, "*"))
		return RC_BADNAME;
	int n = 0;
	for (int k = 0; k < OPEN_MAX; k++) {
		struct open *o = &open_files[k];
		if (o->used && (all || (!strcmp(o->id.fn, id.fn) && !strcmp(o->id.ft, id.ft) &&
		                        (id.fm[0] == '*' || id.fm[0] == o->id.fm[0])))) {
			close_one(o, true);
			n++;
		}
	}
	return n ? 0 : 6;
}

int cms_fscb(const char *fn, uint8_t *p)
{
	if (strcmp(fn, "FINIS") && (p[38] << 8 | p[39]) > 1)
		return 5; /* one item at a time */
	if (!strcmp(fn, "RDBUF"))
		return rdbuf(p);
	if (!strcmp(fn, "WRBUF"))
		return wrbuf(p);
	return finis(p);
}

void cms_fscb_close_all(void)
{
	for (int k = 0; k < OPEN_MAX; k++)
		if (open_files[k].used)
			close_one(&open_files[k], true);
}

void cms_fscb_forget(void)
{
	memset(open_files, 0, sizeof open_files); /* (fs_abandon_all has closed them unkept) */
}
