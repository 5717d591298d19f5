/* fs_file.c — open files: reading records, writing a new file, appending,
 * and the close that puts a written file in the directory.
 *
 * A file's data is a byte stream cut into 4K blocks (cmsfs.h): F records of
 * lrecl bytes, V records with a 2-byte length before them.  A written file
 * goes to free blocks only; its index follows at close, then a commit makes
 * it part of the disk, replacing a file of that name, whose blocks become
 * free once the new label is written.  Until then the old file is whole on
 * disk, and a reader that has it open keeps its blocks held (hmap) until it
 * closes, so nothing written meanwhile lands on them.
 */
#include "fs_int.h"

enum { FS_MAXREC = 65535 };

static struct cms_file *new_file(struct cms_vol *v, bool writing)
{
	struct cms_file *f = cms_alloc(sizeof *f);
	if (!f)
		return NULL;
	f->buf = cms_alloc(CMS_BLKSIZE);
	if (!f->buf) {
		cms_free(f);
		return NULL;
	}
	f->vol = v;
	f->writing = writing;
	f->cur = UINT32_MAX;
	f->next = v->files;
	v->files = f;
	return f;
}

/* Unlink f from its disk, give back what it held, free it (and the disk,
 * when it was released and this was its last file). */
static void drop(struct cms_file *f)
{
	struct cms_vol *v = f->vol;
	for (struct cms_file **p = &v->files; *p; p = &(*p)->next)
		if (*p == f) {
			*p = f->next;
			break;
		}
	fs_rehold(v);
	cms_free(f->blocks);
	cms_free(f->extra);
	cms_free(f->buf);
	cms_free(f);
	if (v->released && !v->files)
		fs_vol_free(v);
}

/* ---- reading ---- */

int fs_open_read(const struct cms_fileid *id, struct cms_file **out)
{
	*out = NULL;
	struct cms_vol *v;
	int at;
	int rc = fs_locate(id, false, &v, &at);
	if (rc)
		return rc;
	struct cms_file *f = new_file(v, false);
	if (!f)
		return fs_fail(RC_NOSTORE, "no storage to open a file");
	f->d = v->dir[at];
	if ((rc = fs_file_blocks(v, &f->d, &f->blocks, &f->nblk, &f->extra, &f->nextra))) {
		drop(f);
		return rc;
	}
	fs_rehold(v);
	*out = f;
	return 0;
}

/* n bytes at the reading position to dst (NULL: skip them). */
static int get_bytes(struct cms_file *f, uint8_t *dst, uint32_t n)
{
	while (n) {
		uint32_t blk = f->pos / CMS_BLKSIZE, off = f->pos % CMS_BLKSIZE;
		uint32_t take = CMS_BLKSIZE - off < n ? CMS_BLKSIZE - off : n;
		if (blk >= f->nblk)
			return fs_fail(RC_ERR, "%s %s: its data ends early", f->d.fn, f->d.ft);
		if (dst) {
			if (f->cur != blk) {
				int rc = fs_rd(f->vol->dev, f->blocks[blk], f->buf);
				if (rc)
					return rc;
				f->cur = blk;
			}
			memcpy(dst, f->buf + off, take);
			dst += take;
		}
		f->pos += take;
		n -= take;
	}
	return 0;
}

int fs_read(struct cms_file *f, void *rec, uint32_t max, uint32_t *len)
{
	*len = 0;
	if (f->writing)
		return fs_fail(RC_BADOPT, "the file is open for writing");
	if (f->recno >= f->d.records || f->pos >= f->d.bytes)
		return RC_EOF;
	uint32_t n = f->d.lrecl;
	int rc;
	if (f->d.recfm == 'V') {
		uint8_t l[2];
		if ((rc = get_bytes(f, l, 2)))
			return rc;
		n = fs_get16(l);
	}
	if (!n || n > f->d.bytes - f->pos)
		return fs_fail(RC_ERR, "%s %s: record %u is damaged", f->d.fn, f->d.ft,
		               (unsigned)f->recno + 1);
	uint32_t got = n < max ? n : max;
	if ((rc = get_bytes(f, rec, got)) || (rc = get_bytes(f, NULL, n - got)))
		return rc;
	f->recno++;
	*len = got;
	if (got < n)
		return fs_fail(RC_WARN, "a record of %u bytes was cut to %u", (unsigned)n, (unsigned)max);
	return 0;
}

/* ---- writing ---- */

static int check_fileid(const struct cms_fileid *id)
{
	if (fs_is_pattern(id))
		return fs_fail(RC_BADNAME, "a pattern (%s %s) cannot name a new file", id->fn, id->ft);
	if (!id->fn[0] || !id->ft[0])
		return fs_fail(RC_BADNAME, "a file needs a name and a type");
	return 0;
}

static int start_write(struct cms_vol *v, const struct cms_fileid *id, char recfm, uint32_t lrecl,
                       struct cms_file **out)
{
	struct cms_file *f = new_file(v, true);
	if (!f)
		return fs_fail(RC_NOSTORE, "no storage to open a file");
	memcpy(f->d.fn, id->fn, sizeof f->d.fn);
	memcpy(f->d.ft, id->ft, sizeof f->d.ft);
	f->d.digit = fs_digit(id->fm);
	f->digit_given = f->d.digit != 0;
	f->d.recfm = recfm;
	f->d.lrecl = recfm == 'F' ? lrecl : 0;
	f->limit = recfm == 'V' ? lrecl : 0;
	*out = f;
	return 0;
}

int fs_open_write(const struct cms_fileid *id, char recfm, uint32_t lrecl, struct cms_file **out)
{
	*out = NULL;
	int rc = check_fileid(id);
	if (rc)
		return rc;
	recfm = cms_toupper(recfm);
	if (recfm != 'F' && recfm != 'V')
		return fs_fail(RC_BADOPT, "the record format is F or V");
	if (lrecl > FS_MAXREC || (recfm == 'F' && !lrecl))
		return fs_fail(RC_BADOPT, "a record length is 1 to %u", (unsigned)FS_MAXREC);
	struct cms_vol *v;
	if ((rc = fs_target(id->fm, &v)))
		return rc;
	return start_write(v, id, recfm, lrecl, out);
}

int fs_open_append(const struct cms_fileid *id, char recfm, uint32_t lrecl, struct cms_file **out)
{
	*out = NULL;
	int rc = check_fileid(id);
	struct cms_vol *v;
	if (rc || (rc = fs_target(id->fm, &v)))
		return rc;
	int at = fs_find(v, id->fn, id->ft);
	if (at < 0)
		return fs_open_write(id, recfm, lrecl, out);
	const struct fs_dent *old = &v->dir[at];
	if ((rc = start_write(v, id, old->recfm, old->lrecl, out)))
		return rc;
	struct cms_file *f = *out;
	uint32_t *index, nindex;
	if ((rc = fs_file_blocks(v, old, &f->blocks, &f->nblk, &index, &nindex))) {
		drop(f);
		*out = NULL;
		return rc;
	}
	cms_free(index); /* a new index is written at close */
	f->blkcap = f->nblk;
	f->d = *old;
	f->d.blocks = f->d.index = f->d.nindex = 0;
	f->limit = 0;
	if (f->digit_given)
		f->d.digit = fs_digit(id->fm);
	/* The last block, when partly filled, is copied: the new file gets a
	 * new one, the old file keeps its own until the commit. */
	f->pos = old->bytes % CMS_BLKSIZE;
	if (f->pos) {
		if ((rc = fs_rd(v->dev, f->blocks[f->nblk - 1], f->buf))) {
			drop(f);
			*out = NULL;
			return rc;
		}
		f->nblk--;
	}
	fs_rehold(v);
	return 0;
}

static bool grow(struct cms_file *f, uint32_t more)
{
	if (f->nblk + more <= f->blkcap)
		return true;
	uint32_t cap = f->blkcap ? f->blkcap * 2 : 16;
	while (cap < f->nblk + more)
		cap *= 2;
	uint32_t *n = cms_alloc(4 * cap);
	if (!n)
		return false;
	if (f->nblk)
		memcpy(n, f->blocks, 4 * f->nblk);
	cms_free(f->blocks);
	f->blocks = n;
	f->blkcap = cap;
	return true;
}

/* Room for what close needs once the data is out: the index, the
 * directory (one more entry) and the map. */
static bool room_to_close(struct cms_vol *v, uint32_t data_blocks)
{
	uint32_t need =
	    (data_blocks + FS_IDX - 1) / FS_IDX + (v->nfiles + 1 + FS_DENTS - 1) / FS_DENTS + v->nmap + 1;
	uint32_t got[80], n = 0;
	bool ok = true;
	for (uint32_t i = 0; i < need && ok; i++) {
		uint32_t b = fs_alloc(v);
		if (!b)
			ok = false;
		else if (n < 80)
			got[n++] = b;
		else
			need = 0; /* plenty */
	}
	for (uint32_t i = 0; i < n; i++)
		fs_clr(v->hmap, got[i]);
	return ok;
}

/* Write the full buffer to the next block. */
static int put_block(struct cms_file *f, uint32_t blk)
{
	int rc = fs_wr(f->vol->dev, blk, f->buf);
	if (rc) {
		f->failed = true;
		return rc;
	}
	f->blocks[f->nblk++] = blk;
	f->pos = 0;
	return 0;
}

int fs_write(struct cms_file *f, const void *rec, uint32_t len)
{
	if (!f->writing)
		return fs_fail(RC_BADOPT, "the file is open for reading");
	if (f->failed)
		return fs_fail(RC_ERR, "an earlier write to %s %s failed", f->d.fn, f->d.ft);
	uint32_t total;
	if (f->d.recfm == 'F') {
		if (len > f->d.lrecl)
			return fs_fail(RC_BADOPT, "a record of %u bytes in a file of %u", (unsigned)len,
			               (unsigned)f->d.lrecl);
		total = f->d.lrecl;
	} else {
		if (!len || len > FS_MAXREC || (f->limit && len > f->limit))
			return fs_fail(RC_BADOPT, "a variable record has 1 to %u bytes",
			               (unsigned)(f->limit ? f->limit : FS_MAXREC));
		total = len + 2;
	}
	if (f->d.bytes > UINT32_MAX - total - CMS_BLKSIZE)
		return fs_fail(RC_DISKFULL, "%s %s is as long as a file can be", f->d.fn, f->d.ft);
	/* The blocks this record fills, all found before a byte moves. */
	uint32_t fill = (f->pos + total) / CMS_BLKSIZE, got[FS_MAXREC / CMS_BLKSIZE + 3];
	if (!grow(f, fill))
		return fs_fail(RC_NOSTORE, "no storage for the file's block list");
	for (uint32_t i = 0; i < fill; i++)
		if (!(got[i] = fs_alloc(f->vol))) {
			for (uint32_t k = 0; k < i; k++)
				fs_clr(f->vol->hmap, got[k]);
			return fs_fail(RC_DISKFULL, "disk %c is full", f->vol->mode);
		}
	if (fill && !room_to_close(f->vol, f->nblk + fill + 1)) {
		for (uint32_t k = 0; k < fill; k++)
			fs_clr(f->vol->hmap, got[k]);
		return fs_fail(RC_DISKFULL, "disk %c is full", f->vol->mode);
	}
	uint8_t l[2];
	const uint8_t *src = rec;
	uint32_t n = len, g = 0;
	int part = 0;
	if (f->d.recfm == 'V') {
		fs_put16(l, (uint16_t)len);
		src = l;
		n = 2;
	}
	for (uint32_t left = total; left;) {
		if (!n) { /* the next piece: the record after its length, or F padding */
			if (part == 0 && f->d.recfm == 'V') {
				src = rec;
				n = len;
			} else {
				src = NULL;
				n = left;
			}
			part++;
			continue;
		}
		uint32_t take = CMS_BLKSIZE - f->pos < n ? CMS_BLKSIZE - f->pos : n;
		if (src) {
			memcpy(f->buf + f->pos, src, take);
			src += take;
		} else {
			memset(f->buf + f->pos, 0x40, take); /* EBCDIC blanks */
		}
		f->pos += take;
		n -= take;
		left -= take;
		if (f->pos == CMS_BLKSIZE) {
			int rc = put_block(f, got[g++]);
			if (rc) {
				while (g < fill)
					fs_clr(f->vol->hmap, got[g++]);
				return rc;
			}
		}
	}
	f->d.records++;
	f->d.bytes += total;
	if (f->d.recfm == 'V' && len > f->d.lrecl)
		f->d.lrecl = len;
	return 0;
}

void fs_abandon(struct cms_file *f)
{
	if (f)
		drop(f);
}

/* After HX or an abend the command that had files open is gone: files being
 * written are dropped unkept (the disk keeps its committed state), readers
 * let go of what they held. */
void fs_abandon_all(void)
{
	for (char m = 'A'; m <= 'Z'; m++) {
		struct cms_vol *v = fs_vol(m);
		while (v && v->files)
			drop(v->files);
	}
}

/* The index blocks for f's data blocks, written to free blocks. */
static int write_index(struct cms_file *f)
{
	struct cms_vol *v = f->vol;
	uint32_t n = (f->nblk + FS_IDX - 1) / FS_IDX;
	f->extra = cms_alloc(4 * (n + 1));
	if (!f->extra)
		return fs_fail(RC_NOSTORE, "no storage for the file's index");
	for (uint32_t i = 0; i < n; i++)
		if (!(f->extra[f->nextra++] = fs_alloc(v)))
			return fs_fail(RC_DISKFULL, "disk %c is full", v->mode);
	for (uint32_t i = 0; i < n; i++) {
		uint32_t k0 = i * FS_IDX, cnt = f->nblk - k0 < FS_IDX ? f->nblk - k0 : FS_IDX;
		memset(f->buf, 0, CMS_BLKSIZE);
		memcpy(f->buf, "CMSI", 4);
		fs_put32(f->buf + 4, i + 1 < n ? f->extra[i + 1] : 0);
		fs_put32(f->buf + 8, cnt);
		for (uint32_t k = 0; k < cnt; k++)
			fs_put32(f->buf + FS_HDR + 4 * k, f->blocks[k0 + k]);
		fs_seal(f->buf);
		int rc = fs_wr(v->dev, f->extra[i], f->buf);
		if (rc)
			return rc;
	}
	f->d.blocks = f->nblk;
	f->d.index = n ? f->extra[0] : 0;
	f->d.nindex = n;
	return 0;
}

/* The new state with f in the directory (replacing its namesake). */
static int install(struct cms_file *f)
{
	struct cms_vol *v = f->vol;
	struct fs_dent *dir;
	uint32_t *lmap, *data = NULL, *index = NULL, nd = 0, ni = 0;
	int rc = fs_copy_state(v, &dir, &lmap);
	if (rc)
		return rc;
	uint32_t n = v->nfiles;
	int at = fs_find(v, f->d.fn, f->d.ft);
	if (at >= 0) {
		if ((rc = fs_file_blocks(v, &v->dir[at], &data, &nd, &index, &ni)))
			goto bad;
		for (uint32_t i = 0; i < nd; i++)
			fs_clr(lmap, data[i]);
		for (uint32_t i = 0; i < ni; i++)
			fs_clr(lmap, index[i]);
		if (!f->digit_given)
			f->d.digit = v->dir[at].digit;
	} else {
		at = (int)n++;
	}
	if (!f->d.digit)
		f->d.digit = '1';
	struct cms_fst now;
	fs_now(&now);
	f->d.year = now.year;
	f->d.month = now.month;
	f->d.day = now.day;
	f->d.hour = now.hour;
	f->d.minute = now.minute;
	f->d.second = now.second;
	dir[at] = f->d;
	for (uint32_t i = 0; i < f->nblk; i++)
		fs_set(lmap, f->blocks[i]);
	for (uint32_t i = 0; i < f->nextra; i++)
		fs_set(lmap, f->extra[i]);
	if ((rc = fs_commit(v, dir, n, lmap)))
		goto bad;
	cms_free(data);
	cms_free(index);
	return 0;
bad:
	cms_free(data);
	cms_free(index);
	cms_free(dir);
	cms_free(lmap);
	return rc;
}

int fs_close(struct cms_file *f)
{
	if (!f)
		return 0;
	int rc = 0;
	if (f->writing) {
		if (f->failed)
			rc = fs_fail(RC_ERR, "%s %s was not kept: a write failed", f->d.fn, f->d.ft);
		if (!rc && f->pos) {
			uint32_t b = fs_alloc(f->vol);
			memset(f->buf + f->pos, 0, CMS_BLKSIZE - f->pos);
			if (!b || !grow(f, 1))
				rc = fs_fail(RC_DISKFULL, "disk %c is full", f->vol->mode);
			else
				rc = put_block(f, b);
		}
		if (!rc)
			rc = write_index(f);
		if (!rc)
			rc = install(f);
	}
	drop(f);
	return rc;
}
