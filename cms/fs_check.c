/* fs_check.c — the consistency check of a CMS disk's newest state: the
 * label, the directory, every file's index and records, and the map, which
 * must say "in use" for exactly the blocks the state uses (the four
 * reserved blocks, the nucleus area, the directory and map blocks, every
 * file's index and data blocks), each used once.
 *
 * It reads; it never writes.  The host tool's `check` and the crash tests
 * run it after every simulated stop.
 */
#include "fs_int.h"

struct chk {
	char *report;
	size_t size;
	uint32_t problems;
};

static void problem(struct chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static void problem(struct chk *c, const char *fmt, ...)
{
	if (!c->problems++ && c->report) {
		va_list ap;
		va_start(ap, fmt);
		cms_vformat(c->report, c->size, fmt, ap);
		va_end(ap);
	}
}

/* Mark block b used by what; a second use is a problem. */
static void use(struct chk *c, uint32_t *u, const struct cms_vol *v, uint32_t b, const char *what)
{
	if (b >= v->nblocks) {
		problem(c, "%s: block %u is outside the disk", what, (unsigned)b);
		return;
	}
	if (fs_bit(u, b))
		problem(c, "%s: block %u is used twice", what, (unsigned)b);
	fs_set(u, b);
}

/* Walk a V file's records: their count, the longest, the bytes they take. */
static void walk_v(struct chk *c, struct cms_vol *v, const struct fs_dent *d, const uint32_t *data,
                   uint8_t *blk)
{
	uint32_t pos = 0, recs = 0, longest = 0, cur = UINT32_MAX;
	while (pos < d->bytes) {
		uint8_t l[2];
		for (int i = 0; i < 2; i++, pos++) {
			uint32_t k = pos / CMS_BLKSIZE;
			if (pos >= d->bytes || k >= d->blocks) {
				problem(c, "%s %s: a record length runs past its data", d->fn, d->ft);
				return;
			}
			if (k != cur && fs_rd(v->dev, data[k], blk)) {
				problem(c, "%s %s: %s", d->fn, d->ft, fs_errtext());
				return;
			}
			cur = k;
			l[i] = blk[pos % CMS_BLKSIZE];
		}
		uint32_t n = fs_get16(l);
		if (!n || n > d->bytes - pos) {
			problem(c, "%s %s: record %u has a bad length (%u)", d->fn, d->ft, (unsigned)recs + 1,
			        (unsigned)n);
			return;
		}
		pos += n;
		recs++;
		if (n > longest)
			longest = n;
	}
	if (recs != d->records || longest != d->lrecl)
		problem(c, "%s %s: %u records of at most %u bytes, the directory says %u of %u", d->fn, d->ft,
		        (unsigned)recs, (unsigned)longest, (unsigned)d->records, (unsigned)d->lrecl);
}

static bool good_name(const char *s)
{
	if (!*s)
		return false;
	for (; *s; s++)
		if (!((*s >= 'A' && *s <= 'Z') || (*s >= '0' && *s <= '9') || *s == '$' || *s == '#' ||
		      *s == '@' || *s == '+' || *s == '-' || *s == ':' || *s == '_'))
			return false;
	return true;
}

static void check_file(struct chk *c, struct cms_vol *v, const struct fs_dent *d, uint32_t *u, uint8_t *blk)
{
	if (!good_name(d->fn) || !good_name(d->ft))
		problem(c, "a directory entry with a bad name (%s %s)", d->fn, d->ft);
	if (d->digit < '0' || d->digit > '9' || (d->recfm != 'F' && d->recfm != 'V'))
		problem(c, "%s %s: a bad mode number or record format", d->fn, d->ft);
	if (d->blocks != (d->bytes + CMS_BLKSIZE - 1) / CMS_BLKSIZE ||
	    d->nindex != (d->blocks + FS_IDX - 1) / FS_IDX)
		problem(c, "%s %s: %u bytes in %u blocks with %u index blocks", d->fn, d->ft,
		        (unsigned)d->bytes, (unsigned)d->blocks, (unsigned)d->nindex);
	if (d->recfm == 'F' && (!d->lrecl || d->bytes / d->lrecl != d->records || d->bytes % d->lrecl))
		problem(c, "%s %s: %u bytes are not %u records of %u", d->fn, d->ft, (unsigned)d->bytes,
		        (unsigned)d->records, (unsigned)d->lrecl);
	uint32_t *data, *index, nd, ni;
	if (fs_file_blocks(v, d, &data, &nd, &index, &ni)) {
		problem(c, "%s", fs_errtext());
		return;
	}
	char what[24];
	cms_format(what, sizeof what, "%s %s", d->fn, d->ft);
	for (uint32_t i = 0; i < ni; i++)
		use(c, u, v, index[i], what);
	for (uint32_t i = 0; i < nd; i++)
		use(c, u, v, data[i], what);
	if (d->recfm == 'V' && nd == d->blocks)
		walk_v(c, v, d, data, blk);
	cms_free(data);
	cms_free(index);
}

int fs_check(struct cms_blkdev *b, char *report, size_t size, uint32_t *problems)
{
	struct chk c = {report, size, 0};
	if (report && size)
		report[0] = 0;
	struct cms_vol *v;
	int rc = fs_load(b, &v);
	if (rc) {
		problem(&c, "%s", fs_errtext());
		if (problems)
			*problems = c.problems;
		return rc;
	}
	uint8_t *blk = cms_alloc(CMS_BLKSIZE);
	uint32_t *u = cms_alloc(4 * v->mapwords);
	if (!blk || !u) {
		problem(&c, "no storage for the check");
		goto out;
	}
	/* The newest valid label must be the state that was loaded. */
	for (uint32_t s = 0; s < 2; s++)
		if (!fs_rd(b, FS_BLK_LABEL + s, blk) && fs_sealed(blk, FS_LABEL_MAGIC) &&
		    fs_get32(blk + FSL_SEQ) > v->seq &&
		    FS_BLK_LABEL + (fs_get32(blk + FSL_SEQ) & 1) == FS_BLK_LABEL + s)
			problem(&c, "the newest label (%u) describes a damaged state",
			        (unsigned)fs_get32(blk + FSL_SEQ));
	for (uint32_t i = 0; i < FS_RESERVED; i++)
		use(&c, u, v, i, "reserved");
	for (uint32_t i = 0; i < v->nuc_count; i++)
		use(&c, u, v, v->nuc_first + i, "the nucleus area");
	if (v->nuc_bytes > v->nuc_count * CMS_BLKSIZE)
		problem(&c, "a nucleus of %u bytes in %u blocks", (unsigned)v->nuc_bytes,
		        (unsigned)v->nuc_count);
	for (uint32_t i = 0; i < v->ndir + v->nmap; i++)
		use(&c, u, v, v->meta[i], i < v->ndir ? "the directory" : "the map");
	for (uint32_t i = 0; i < v->nfiles; i++) {
		check_file(&c, v, &v->dir[i], u, blk);
		for (uint32_t k = 0; k < i; k++)
			if (!strcmp(v->dir[k].fn, v->dir[i].fn) && !strcmp(v->dir[k].ft, v->dir[i].ft))
				problem(&c, "%s %s is in the directory twice", v->dir[i].fn, v->dir[i].ft);
	}
	uint32_t used = 0;
	for (uint32_t bb = 0; bb < v->nblocks; bb++) {
		bool want = fs_bit(u, bb), have = fs_bit(v->cmap, bb);
		used += have;
		if (want && !have)
			problem(&c, "block %u is in use but the map says free", (unsigned)bb);
		else if (!want && have)
			problem(&c, "block %u is marked in use but nothing uses it", (unsigned)bb);
	}
	if (!fs_rd(b, FS_BLK_LABEL + (v->seq & 1), blk) && fs_get32(blk + FSL_USED) != used)
		problem(&c, "the label says %u blocks in use, the map %u", (unsigned)fs_get32(blk + FSL_USED),
		        (unsigned)used);
out:
	cms_free(blk);
	cms_free(u);
	fs_vol_free(v);
	if (problems)
		*problems = c.problems;
	return c.problems ? RC_ERR : 0;
}
