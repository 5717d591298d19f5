/* fs_disk.c — the file system's blocks: checksums, the two labels, FORMAT,
 * loading the newest state of a disk, allocation, and the commit that makes
 * a new state (cmsfs.h describes the format, fs_int.h the maps).
 *
 * The commit is the only place that writes a label.  Everything it writes
 * before the label goes to blocks free in the committed state, so the label
 * in the other slot — with its directory, map and files — stays whole until
 * the new label has been written in one block write.
 */
#include "fs_int.h"

static char fs_why[120];

const char *fs_errtext(void)
{
	return fs_why;
}

int fs_fail(int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	cms_vformat(fs_why, sizeof fs_why, fmt, ap);
	va_end(ap);
	return rc;
}

void fs_name_out(uint8_t *p, const char *name, int n)
{
	int i = 0;
	for (; i < n && name[i]; i++)
		p[i] = cp_a2e[(uint8_t)name[i]];
	for (; i < n; i++)
		p[i] = 0x40;
}

void fs_name_in(char *name, const uint8_t *p, int n)
{
	int len = 0;
	for (int i = 0; i < n; i++) {
		name[i] = (char)cp_e2a[p[i]];
		if (p[i] != 0x40)
			len = i + 1;
	}
	name[len] = 0;
}

/* Rotate left 5 and add each big-endian word: cheap on the guest, and a
 * block of zeros (an unwritten label) or a torn write never passes. */
uint32_t fs_sum(const uint8_t *blk)
{
	uint32_t c = 0x43D4E2F1; /* "CMS1" in EBCDIC: zeros do not sum to zero */
	for (uint32_t i = 0; i < FS_SUM_AT; i += 4)
		c = ((c << 5) | (c >> 27)) + fs_get32(blk + i);
	return c;
}

void fs_seal(uint8_t *blk)
{
	fs_put32(blk + FS_SUM_AT, fs_sum(blk));
}

bool fs_sealed(const uint8_t *blk, const char *magic)
{
	return !memcmp(blk, magic, strlen(magic)) && fs_get32(blk + FS_SUM_AT) == fs_sum(blk);
}

int fs_rd(struct cms_blkdev *b, uint32_t blk, void *buf)
{
	if (blk >= b->nblocks || b->read(b, blk, buf))
		return fs_fail(FS_RC_IO, "I/O error reading block %u", (unsigned)blk);
	return 0;
}

int fs_wr(struct cms_blkdev *b, uint32_t blk, const void *buf)
{
	if (blk >= b->nblocks || b->write(b, blk, buf))
		return fs_fail(FS_RC_IO, "I/O error writing block %u", (unsigned)blk);
	return 0;
}

/* 4K records a track and tracks a cylinder: the 4K records that fit the
 * device's track (IBM's capacity tables: a 3330 track takes three, a 3350
 * track four, a 3380 track ten). */
bool fs_ckd_geometry(uint16_t devtype, uint32_t *heads, uint32_t *per_track)
{
	static const struct {
		uint16_t type;
		uint8_t heads, per;
	} t[] = {{0x2314, 20, 1}, {0x3330, 19, 3}, {0x3340, 12, 2},
	         {0x3350, 30, 4}, {0x3375, 12, 8}, {0x3380, 15, 10}};
	for (size_t i = 0; i < sizeof t / sizeof t[0]; i++)
		if (t[i].type == devtype) {
			*heads = t[i].heads;
			*per_track = t[i].per;
			return true;
		}
	return false;
}

static uint32_t map_blocks(uint32_t nblocks)
{
	return (nblocks + FS_MAPBYTES * 8 - 1) / (FS_MAPBYTES * 8);
}

static uint32_t popcount_used(const uint32_t *m, uint32_t nblocks)
{
	uint32_t n = 0;
	for (uint32_t b = 0; b < nblocks; b++)
		n += fs_bit(m, b);
	return n;
}

/* The map blocks for bitmap m: block i covers blocks i*32608 and on. */
static void map_block(uint8_t *blk, const uint32_t *m, uint32_t nblocks, uint32_t i, uint32_t seq)
{
	memset(blk, 0, CMS_BLKSIZE);
	memcpy(blk, "CMSM", 4);
	fs_put32(blk + 4, seq);
	uint32_t first = i * FS_MAPBYTES * 8;
	fs_put32(blk + 8, first);
	/* past the disk's end all 1; the disk's own blocks bit by bit */
	memset(blk + FS_HDR, 0xFF, FS_MAPBYTES);
	uint32_t n = nblocks - first < FS_MAPBYTES * 8 ? nblocks - first : FS_MAPBYTES * 8;
	for (uint32_t k = 0; k < n; k++)
		if (!fs_bit(m, first + k))
			blk[FS_HDR + (k >> 3)] &= (uint8_t) ~(0x80 >> (k & 7));
	fs_seal(blk);
}

static void date_out(uint8_t *p, const struct fs_dent *d)
{
	fs_put16(p, d->year);
	p[2] = d->month;
	p[3] = d->day;
	p[4] = d->hour;
	p[5] = d->minute;
	p[6] = d->second;
}

static void label_block(uint8_t *blk, const struct cms_vol *v, uint32_t seq, uint32_t files, uint32_t used,
                        uint32_t ndir, uint32_t nmap, const uint32_t *meta)
{
	memset(blk, 0, CMS_BLKSIZE);
	memcpy(blk, FS_LABEL_MAGIC, 8);
	fs_put32(blk + FSL_VERSION, FS_VERSION);
	fs_put32(blk + FSL_SEQ, seq);
	fs_name_out(blk + FSL_LABEL, v->label, 8);
	fs_put32(blk + FSL_BLKSIZE, CMS_BLKSIZE);
	fs_put32(blk + FSL_NBLOCKS, v->nblocks);
	fs_put32(blk + FSL_NUC_FIRST, v->nuc_first);
	fs_put32(blk + FSL_NUC_COUNT, v->nuc_count);
	fs_put32(blk + FSL_NUC_BYTES, v->nuc_bytes);
	fs_put32(blk + FSL_FILES, files);
	fs_put32(blk + FSL_USED, used);
	fs_put32(blk + FSL_NDIR, ndir);
	fs_put32(blk + FSL_NMAP, nmap);
	fs_put16(blk + FSL_DEVTYPE, v->dev->devtype);
	fs_put16(blk + FSL_FMTDATE, v->fmt_year);
	blk[FSL_FMTDATE + 2] = v->fmt_month;
	blk[FSL_FMTDATE + 3] = v->fmt_day;
	for (uint32_t i = 0; i < ndir + nmap; i++)
		fs_put32(blk + FSL_META + 4 * i, meta[i]);
	fs_seal(blk);
}

/* Block 0 of a disk without a nucleus: IPL ends in a disabled wait (the PSW
 * at 0 with the wait bit, its chain a single No Operation). */
static void ipl1_wait(uint8_t *blk)
{
	static const uint8_t ipl1[24] = {
	    0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x0C, 0x5F,  /* wait, X'C5F' "CMS" */
	    0x03, 0x00, 0x00, 0x00, 0x20, 0x00, 0x00, 0x01}; /* NOP, SLI */
	memset(blk, 0, CMS_BLKSIZE);
	memcpy(blk, ipl1, sizeof ipl1);
}

int fs_format(struct cms_blkdev *b, const char *label)
{
	size_t ll = strlen(label);
	if (ll < 1 || ll > 6)
		return fs_fail(RC_BADOPT, "a label has 1 to 6 characters");
	for (size_t i = 0; i < ll; i++)
		if ((uint8_t)label[i] <= ' ' || (uint8_t)label[i] >= 0x7F)
			return fs_fail(RC_BADOPT,
			               "the label has a blank or a character that is not printable");
	if (b->readonly)
		return fs_fail(RC_DISKRO, "the disk is read-only");
	/* Its access (if any) would describe a state that is gone. */
	for (char m = 'A'; m <= 'Z'; m++) {
		struct cms_vol *o = fs_vol(m);
		if (o && o->dev == b && o->files)
			return fs_fail(RC_BADOPT, "files are open on disk %c", m);
		if (o && o->dev == b)
			fs_release(m);
	}
	uint32_t n = b->nblocks;
	if (n > FS_MAPBYTES * 8 * 64)
		n = FS_MAPBYTES * 8 * 64; /* what 64 map blocks describe; the rest stays unused */
	uint32_t nmap = map_blocks(n);
	if (n < FS_RESERVED + nmap + 4)
		return fs_fail(RC_BADOPT, "the disk has %u blocks of 4K, too few for a file system",
		               (unsigned)b->nblocks);
	for (uint32_t i = 0; i < b->nblocks && b->format; i++)
		if (b->format(b, i))
			return fs_fail(FS_RC_IO, "I/O error formatting block %u", (unsigned)i);

	struct cms_vol v;
	memset(&v, 0, sizeof v);
	v.dev = b;
	v.nblocks = n;
	memcpy(v.label, label, ll + 1);
	struct cms_fst now;
	fs_now(&now);
	v.fmt_year = now.year;
	v.fmt_month = now.month;
	v.fmt_day = now.day;
	uint32_t words = (n + 31) / 32;
	uint8_t *blk = cms_alloc(CMS_BLKSIZE);
	uint32_t *m = cms_alloc(words * 4);
	uint32_t meta[64];
	int rc = RC_NOSTORE;
	if (!blk || !m)
		goto out;
	for (uint32_t i = 0; i < FS_RESERVED + nmap; i++)
		fs_set(m, i);
	for (uint32_t i = 0; i < nmap; i++)
		meta[i] = FS_RESERVED + i;
	/* Both labels first: an older file system's label must not outlive it. */
	memset(blk, 0, CMS_BLKSIZE);
	if ((rc = fs_wr(b, FS_BLK_LABEL, blk)) || (rc = fs_wr(b, FS_BLK_LABEL + 1, blk)) ||
	    (rc = fs_wr(b, FS_BLK_IPL2, blk)))
		goto out;
	ipl1_wait(blk);
	if ((rc = fs_wr(b, FS_BLK_IPL1, blk)))
		goto out;
	for (uint32_t i = 0; i < nmap; i++) {
		map_block(blk, m, n, i, 1);
		if ((rc = fs_wr(b, meta[i], blk)))
			goto out;
	}
	label_block(blk, &v, 1, 0, FS_RESERVED + nmap, 0, nmap, meta);
	rc = fs_wr(b, FS_BLK_LABEL + 1, blk);
out:
	cms_free(blk);
	cms_free(m);
	return rc ? rc : 0;
}

/* ---- loading a state ---- */

/* Whether blk is a label this disk can have: the reason it is not, or NULL. */
static const char *label_problem(const uint8_t *blk, uint32_t slot, const struct cms_blkdev *b)
{
	if (!fs_sealed(blk, FS_LABEL_MAGIC))
		return "no valid label";
	uint32_t seq = fs_get32(blk + FSL_SEQ), n = fs_get32(blk + FSL_NBLOCKS);
	uint32_t ndir = fs_get32(blk + FSL_NDIR), nmap = fs_get32(blk + FSL_NMAP);
	if (fs_get32(blk + FSL_VERSION) != FS_VERSION || fs_get32(blk + FSL_BLKSIZE) != CMS_BLKSIZE)
		return "a label of another version";
	if (FS_BLK_LABEL + (seq & 1) != slot)
		return "a label in the wrong slot";
	if (n > b->nblocks || n < FS_RESERVED + 1)
		return "a label for a larger disk";
	if (nmap != map_blocks(n) || ndir + nmap > FS_MAX_META)
		return "a label with a bad block count";
	uint32_t nf = fs_get32(blk + FSL_NUC_FIRST), nc = fs_get32(blk + FSL_NUC_COUNT);
	if (nc && (nf < FS_RESERVED || nf >= n || nc > n - nf))
		return "a label with a bad nucleus area";
	for (uint32_t i = 0; i < ndir + nmap; i++) {
		uint32_t p = fs_get32(blk + FSL_META + 4 * i);
		if (p < FS_RESERVED || p >= n)
			return "a label pointing outside the disk";
	}
	return NULL;
}

void fs_vol_free(struct cms_vol *v)
{
	if (!v)
		return;
	cms_free(v->meta);
	cms_free(v->dir);
	cms_free(v->cmap);
	cms_free(v->lmap);
	cms_free(v->hmap);
	cms_free(v);
}

static void dent_in(struct fs_dent *d, const uint8_t *p)
{
	fs_name_in(d->fn, p + FSD_FN, 8);
	fs_name_in(d->ft, p + FSD_FT, 8);
	d->digit = (char)cp_e2a[p[FSD_DIGIT]];
	d->recfm = (char)cp_e2a[p[FSD_RECFM]];
	d->lrecl = fs_get32(p + FSD_LRECL);
	d->records = fs_get32(p + FSD_RECORDS);
	d->blocks = fs_get32(p + FSD_BLOCKS);
	d->bytes = fs_get32(p + FSD_BYTES);
	d->index = fs_get32(p + FSD_INDEX);
	d->nindex = fs_get32(p + FSD_NINDEX);
	d->year = fs_get16(p + FSD_DATE);
	d->month = p[FSD_DATE + 2];
	d->day = p[FSD_DATE + 3];
	d->hour = p[FSD_DATE + 4];
	d->minute = p[FSD_DATE + 5];
	d->second = p[FSD_DATE + 6];
}

static void dent_out(uint8_t *p, const struct fs_dent *d)
{
	memset(p, 0, FS_DENT_LEN);
	fs_name_out(p + FSD_FN, d->fn, 8);
	fs_name_out(p + FSD_FT, d->ft, 8);
	p[FSD_DIGIT] = cp_a2e[(uint8_t)d->digit];
	p[FSD_RECFM] = cp_a2e[(uint8_t)d->recfm];
	fs_put32(p + FSD_LRECL, d->lrecl);
	fs_put32(p + FSD_RECORDS, d->records);
	fs_put32(p + FSD_BLOCKS, d->blocks);
	fs_put32(p + FSD_BYTES, d->bytes);
	fs_put32(p + FSD_INDEX, d->index);
	fs_put32(p + FSD_NINDEX, d->nindex);
	date_out(p + FSD_DATE, d);
}

/* The state of the label in lab: its directory and map read and checked. */
static int load_state(struct cms_blkdev *b, const uint8_t *lab, uint8_t *blk, struct cms_vol **out)
{
	struct cms_vol *v = cms_alloc(sizeof *v);
	if (!v)
		return fs_fail(RC_NOSTORE, "no storage for the disk's directory");
	v->dev = b;
	v->seq = fs_get32(lab + FSL_SEQ);
	v->nblocks = fs_get32(lab + FSL_NBLOCKS);
	fs_name_in(v->label, lab + FSL_LABEL, 6);
	v->nuc_first = fs_get32(lab + FSL_NUC_FIRST);
	v->nuc_count = fs_get32(lab + FSL_NUC_COUNT);
	v->nuc_bytes = fs_get32(lab + FSL_NUC_BYTES);
	v->fmt_year = fs_get16(lab + FSL_FMTDATE);
	v->fmt_month = lab[FSL_FMTDATE + 2];
	v->fmt_day = lab[FSL_FMTDATE + 3];
	v->ndir = fs_get32(lab + FSL_NDIR);
	v->nmap = fs_get32(lab + FSL_NMAP);
	uint32_t files = fs_get32(lab + FSL_FILES);
	v->mapwords = (v->nblocks + 31) / 32;
	v->meta = cms_alloc(4 * (v->ndir + v->nmap + 1));
	v->dir = cms_alloc(sizeof(struct fs_dent) * (files + 1));
	v->cmap = cms_alloc(4 * v->mapwords);
	v->lmap = cms_alloc(4 * v->mapwords);
	v->hmap = cms_alloc(4 * v->mapwords);
	int rc = 0;
	if (!v->meta || !v->dir || !v->cmap || !v->lmap || !v->hmap) {
		rc = fs_fail(RC_NOSTORE, "no storage for the disk's directory");
		goto bad;
	}
	for (uint32_t i = 0; i < v->ndir + v->nmap; i++)
		v->meta[i] = fs_get32(lab + FSL_META + 4 * i);
	for (uint32_t i = 0; i < v->ndir; i++) {
		if ((rc = fs_rd(b, v->meta[i], blk)))
			goto bad;
		uint32_t n = fs_get32(blk + 8);
		if (!fs_sealed(blk, "CMSD") || fs_get32(blk + 4) != v->seq || n > FS_DENTS ||
		    v->nfiles + n > files) {
			rc = fs_fail(RC_ERR, "directory block %u is damaged", (unsigned)v->meta[i]);
			goto bad;
		}
		for (uint32_t k = 0; k < n; k++)
			dent_in(&v->dir[v->nfiles++], blk + FS_HDR + k * FS_DENT_LEN);
	}
	if (v->nfiles != files) {
		rc = fs_fail(RC_ERR, "the directory has %u files, the label says %u", (unsigned)v->nfiles,
		             (unsigned)files);
		goto bad;
	}
	for (uint32_t i = 0; i < v->nmap; i++) {
		uint32_t at = v->meta[v->ndir + i];
		if ((rc = fs_rd(b, at, blk)))
			goto bad;
		uint32_t first = i * FS_MAPBYTES * 8;
		if (!fs_sealed(blk, "CMSM") || fs_get32(blk + 4) != v->seq || fs_get32(blk + 8) != first) {
			rc = fs_fail(RC_ERR, "map block %u is damaged", (unsigned)at);
			goto bad;
		}
		for (uint32_t k = 0; k < FS_MAPBYTES * 8 && first + k < v->nblocks; k++)
			if (blk[FS_HDR + (k >> 3)] & (0x80 >> (k & 7)))
				fs_set(v->cmap, first + k);
	}
	/* Blocks past the end never get allocated: they are "in use". */
	for (uint32_t bb = v->nblocks; bb < v->mapwords * 32; bb++) {
		fs_set(v->cmap, bb);
		fs_set(v->lmap, bb);
	}
	for (uint32_t bb = 0; bb < FS_RESERVED; bb++)
		fs_set(v->cmap, bb);
	memcpy(v->lmap, v->cmap, 4 * v->mapwords);
	for (uint32_t i = 0; i < v->ndir + v->nmap; i++)
		fs_clr(v->lmap, v->meta[i]);
	*out = v;
	return 0;
bad:
	fs_vol_free(v);
	return rc;
}

int fs_load(struct cms_blkdev *b, struct cms_vol **out)
{
	if (b->nblocks < FS_RESERVED)
		return fs_fail(RC_ERR, "the disk is too small to be a CMS disk");
	uint8_t *lab[2] = {cms_alloc(CMS_BLKSIZE), cms_alloc(CMS_BLKSIZE)};
	uint8_t *blk = cms_alloc(CMS_BLKSIZE);
	int rc = RC_NOSTORE;
	const char *why[2] = {"", ""};
	bool ok[2] = {false, false};
	if (!lab[0] || !lab[1] || !blk) {
		fs_fail(rc, "no storage to read the label");
		goto out;
	}
	for (int i = 0; i < 2; i++) {
		/* (a never-formatted CKD minidisk has no 4K records to read) */
		if (fs_rd(b, FS_BLK_LABEL + (uint32_t)i, lab[i]))
			why[i] = "its label cannot be read";
		else
			why[i] = label_problem(lab[i], FS_BLK_LABEL + (uint32_t)i, b);
		ok[i] = !why[i];
	}
	if (!ok[0] && !ok[1]) {
		rc = fs_fail(FS_RC_NOTCMS, "not a CMS disk (%s): FORMAT it first", why[0] ? why[0] : why[1]);
		goto out;
	}
	/* The newer state first; the older when the newer's blocks are bad. */
	int first = !ok[0] || (ok[1] && fs_get32(lab[1] + FSL_SEQ) > fs_get32(lab[0] + FSL_SEQ));
	rc = load_state(b, lab[first], blk, out);
	if (rc && rc != RC_NOSTORE && ok[!first])
		rc = load_state(b, lab[!first], blk, out);
out:
	cms_free(lab[0]);
	cms_free(lab[1]);
	cms_free(blk);
	return rc;
}

/* ---- allocation ---- */

/* A block free in cmap, live and hmap, marked in hmap; 0 when none. */
static uint32_t alloc_from(struct cms_vol *v, const uint32_t *live)
{
	uint32_t w0 = v->hint < v->mapwords ? v->hint : 0;
	for (uint32_t i = 0; i < v->mapwords; i++) {
		uint32_t w = w0 + i;
		if (w >= v->mapwords)
			w -= v->mapwords;
		uint32_t used = v->cmap[w] | live[w] | v->hmap[w];
		if (used == 0xFFFFFFFFu)
			continue;
		uint32_t bit = 0;
		while ((used >> bit) & 1)
			bit++;
		uint32_t b = w * 32 + bit;
		if (b >= v->nblocks)
			continue;
		fs_set(v->hmap, b);
		v->hint = w;
		return b;
	}
	return 0;
}

uint32_t fs_alloc(struct cms_vol *v)
{
	return alloc_from(v, v->lmap);
}

void fs_rehold(struct cms_vol *v)
{
	memset(v->hmap, 0, 4 * v->mapwords);
	for (struct cms_file *f = v->files; f; f = f->next) {
		for (uint32_t i = 0; i < f->nblk; i++)
			fs_set(v->hmap, f->blocks[i]);
		for (uint32_t i = 0; i < f->nextra; i++)
			fs_set(v->hmap, f->extra[i]);
	}
}

int fs_copy_state(struct cms_vol *v, struct fs_dent **dir, uint32_t **lmap)
{
	*dir = cms_alloc(sizeof(struct fs_dent) * (v->nfiles + 1));
	*lmap = cms_alloc(4 * v->mapwords);
	if (!*dir || !*lmap) {
		cms_free(*dir);
		cms_free(*lmap);
		return fs_fail(RC_NOSTORE, "no storage for the directory");
	}
	memcpy(*dir, v->dir, sizeof(struct fs_dent) * v->nfiles);
	memcpy(*lmap, v->lmap, 4 * v->mapwords);
	return 0;
}

int fs_commit(struct cms_vol *v, struct fs_dent *dir, uint32_t n, uint32_t *lmap2)
{
	if (v->dev->readonly || v->readonly)
		return fs_fail(RC_DISKRO, "the disk is read-only");
	uint32_t ndir = (n + FS_DENTS - 1) / FS_DENTS, nmap = v->nmap, nmeta = ndir + nmap;
	if (nmeta > FS_MAX_META)
		return fs_fail(RC_DISKFULL, "the directory is full (%u files)", (unsigned)n);
	uint32_t *meta = cms_alloc(4 * (nmeta + 1));
	uint32_t *newmap = cms_alloc(4 * v->mapwords);
	uint8_t *blk = cms_alloc(CMS_BLKSIZE);
	uint32_t got = 0, seq = v->seq + 1;
	int rc = 0;
	if (!meta || !newmap || !blk) {
		rc = fs_fail(RC_NOSTORE, "no storage to write the directory");
		goto out;
	}
	for (; got < nmeta; got++)
		if (!(meta[got] = alloc_from(v, lmap2))) {
			rc = fs_fail(RC_DISKFULL, "no room for the directory");
			goto out;
		}
	memcpy(newmap, lmap2, 4 * v->mapwords);
	for (uint32_t i = 0; i < nmeta; i++)
		fs_set(newmap, meta[i]);
	for (uint32_t i = 0; i < ndir; i++) {
		uint32_t k0 = i * FS_DENTS, cnt = n - k0 < FS_DENTS ? n - k0 : FS_DENTS;
		memset(blk, 0, CMS_BLKSIZE);
		memcpy(blk, "CMSD", 4);
		fs_put32(blk + 4, seq);
		fs_put32(blk + 8, cnt);
		for (uint32_t k = 0; k < cnt; k++)
			dent_out(blk + FS_HDR + k * FS_DENT_LEN, &dir[k0 + k]);
		fs_seal(blk);
		if ((rc = fs_wr(v->dev, meta[i], blk)))
			goto out;
	}
	for (uint32_t i = 0; i < nmap; i++) {
		map_block(blk, newmap, v->nblocks, i, seq);
		if ((rc = fs_wr(v->dev, meta[ndir + i], blk)))
			goto out;
	}
	label_block(blk, v, seq, n, popcount_used(newmap, v->nblocks), ndir, nmap, meta);
	if ((rc = fs_wr(v->dev, FS_BLK_LABEL + (seq & 1), blk)))
		goto out;
	/* Committed: the new state is the vol's. */
	v->seq = seq;
	v->ndir = ndir;
	cms_free(v->meta);
	v->meta = meta;
	meta = NULL;
	cms_free(v->cmap);
	v->cmap = newmap;
	newmap = NULL;
	cms_free(v->lmap);
	v->lmap = lmap2;
	cms_free(v->dir);
	v->dir = dir;
	v->nfiles = n;
out:
	if (meta)
		for (uint32_t i = 0; i < got; i++)
			fs_clr(v->hmap, meta[i]);
	else
		fs_rehold(v);
	cms_free(meta);
	cms_free(newmap);
	cms_free(blk);
	return rc;
}

int fs_file_blocks(struct cms_vol *v, const struct fs_dent *d, uint32_t **data, uint32_t *ndata,
                   uint32_t **index, uint32_t *nindex)
{
	*data = *index = NULL;
	*ndata = *nindex = 0;
	if (!d->blocks)
		return 0;
	uint32_t *dl = cms_alloc(4 * d->blocks), *il = cms_alloc(4 * (d->nindex + 1));
	uint8_t *blk = cms_alloc(CMS_BLKSIZE);
	int rc = 0;
	uint32_t nd = 0, ni = 0;
	if (!dl || !il || !blk) {
		rc = fs_fail(RC_NOSTORE, "no storage for the file's block list");
		goto out;
	}
	for (uint32_t at = d->index; at; ni++) {
		if (ni >= d->nindex || at < FS_RESERVED || at >= v->nblocks) {
			rc = fs_fail(RC_ERR, "%s %s: its index chain is damaged", d->fn, d->ft);
			goto out;
		}
		il[ni] = at;
		if ((rc = fs_rd(v->dev, at, blk)))
			goto out;
		uint32_t cnt = fs_get32(blk + 8);
		if (!fs_sealed(blk, "CMSI") || cnt > FS_IDX || cnt > d->blocks - nd) {
			rc = fs_fail(RC_ERR, "%s %s: index block %u is damaged", d->fn, d->ft, (unsigned)at);
			goto out;
		}
		for (uint32_t k = 0; k < cnt; k++) {
			uint32_t p = fs_get32(blk + FS_HDR + 4 * k);
			if (p < FS_RESERVED || p >= v->nblocks) {
				rc = fs_fail(RC_ERR, "%s %s: a data block outside the disk", d->fn, d->ft);
				goto out;
			}
			dl[nd++] = p;
		}
		at = fs_get32(blk + 4);
	}
	if (nd != d->blocks || ni != d->nindex)
		rc = fs_fail(RC_ERR, "%s %s: its index lists %u blocks, the directory says %u", d->fn, d->ft,
		             (unsigned)nd, (unsigned)d->blocks);
out:
	cms_free(blk);
	if (rc) {
		cms_free(dl);
		cms_free(il);
		return rc;
	}
	*data = dl;
	*ndata = nd;
	*index = il;
	*nindex = ni;
	return 0;
}
