/* dasd_cckd.c — one Hercules CCKD file: a compressed CKD base image or a
 * shadow file (ckdimg.h).
 *
 * Layout (Hercules cckd(4) and cckddasd.html):
 *   +0     device header, as a CKD file but "CKD_C370" ("CKD_S370": shadow)
 *   +512   compressed device header (CDEVHDR), counts in the byte order of
 *          options bit X'02' (1: big-endian):
 *            +0 vrm[3] +3 options +4 numl1tab +8 numl2tab (256) +12 size
 *            +16 used +20 free (first free space) +24 free_total
 *            +28 free_largest +32 free_number +36 free_imbed +40 cyls
 *            +44 nullfmt +45 compress (0 none, 1 zlib, 2 bzip2) +46 parm[2]
 *   +1024  L1 table: numl1tab 4-byte offsets of L2 tables (0: none, all
 *          its tracks empty; X'FFFFFFFF' in a shadow: none in this file,
 *          the tracks are in the files below)
 *   then, in any order, L2 tables (256 entries of pos[4] len[2] size[2]),
 *   track images and free spaces.  A track image is the 5-byte track
 *   header (flag: compression in the low 2 bits; CC; HH) and the rest of the
 *   track through its end-of-track marker, compressed or not.  An L2 entry
 *   with pos 0 is an empty track whose length field gives its format: 0 HA,
 *   R0 and an end-of-file R1 (what Hercules presents for the tracks of a new
 *   dasdinit -z volume), 1 HA and R0 only.  In a shadow, pos X'FFFFFFFF'
 *   means "not in this file".  A free space starts with the offset of the
 *   next (0 ends the chain) and its length; the chain is in file order.
 *
 * Crash safety (docs/dasd.md "Crash safety").  The L1 and L2 tables and
 * the track images are the truth; the free chain and the counts in the
 * CDEVHDR are a summary, valid only while the OPENED bit (X'80' of options)
 * is off.  The order of the writes keeps the tables right after a kill at
 * any instant:
 *   1. before the first change after an open or a sync, OPENED goes on
 *      (and is made durable: the free chain on disk may then be stale);
 *   2. a track image goes to space no table points to (a free space or
 *      the end of the file), then its L2 entry is written; a new L2 table
 *      (at the end, 8-byte aligned: no entry straddles a page) is written
 *      whole before the L1 entry that points to it; whatever extends the
 *      file raises the size in the CDEVHDR before an entry points to it;
 *   3. the space of the old image is only "pending": it is not reused
 *      before an fdatasync has made the new L2 entry durable, so a host
 *      crash cannot leave a durable entry pointing at overwritten data;
 *   4. sync: fdatasync, pending space becomes free, the free chain is
 *      written, fdatasync, then the CDEVHDR with OPENED off, fdatasync.
 * A file opened for writing with OPENED on gets its free space rebuilt from
 * the tables (the gaps between the header, the tables and the images).
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "ckd.h"
#include "ckdimg.h"

enum {
	CDEV_OFF = 512,
	L1_OFF = 1024,
	L2_ENTS = 256,
	L2_SIZE = L2_ENTS * 8,
	OPT_BIGENDIAN = 0x02,
	OPT_OPENED = 0x80,
	OPT_NOFUDGE = 0x01,
	OPT_ORDWR = 0x40,
	COMP_NONE = 0,
	COMP_ZLIB = 1,
	COMP_BZIP2 = 2,
	/* pending space is released (after an fdatasync) when it grows past this */
	PENDING_MAX = 4 << 20,
};
#define NOT_HERE 0xFFFFFFFFu

struct fspace {
	uint32_t pos, len;
};
struct spaces {
	struct fspace *v;
	int n, max;
};

struct cckd {
	int fd;
	char *path;
	bool ro, shadow;
	bool be; /* counts are big-endian */
	uint8_t cdev[512];
	uint32_t numl1;
	uint32_t *l1;
	uint8_t **l2;       /* loaded L2 tables (raw bytes), by L1 index */
	uint32_t size;      /* end of the used part of the file */
	uint32_t disk_size; /* the size the CDEVHDR on disk says */
	uint32_t heads, trksize, tracks, cyls;
	struct spaces free; /* available */
	struct spaces pend; /* freed since the last fdatasync */
	uint32_t pend_bytes;
	uint8_t compress;
	bool dirty;    /* OPENED is on in the file */
	uint8_t *cbuf; /* compression buffer */
	uint32_t cbuf_len;
	struct ckd_fault *fault;
};

static uint32_t get32(const struct cckd *z, const uint8_t *p)
{
	return z->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	             : (uint32_t)p[3] << 24 | (uint32_t)p[2] << 16 | (uint32_t)p[1] << 8 | p[0];
}
static uint16_t get16(const struct cckd *z, const uint8_t *p)
{
	return z->be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}
static void put32(const struct cckd *z, uint8_t *p, uint32_t v)
{
	for (int k = 0; k < 4; k++)
		p[z->be ? 3 - k : k] = (uint8_t)(v >> 8 * k);
}
static void put16(const struct cckd *z, uint8_t *p, uint16_t v)
{
	p[z->be ? 1 : 0] = (uint8_t)v;
	p[z->be ? 0 : 1] = (uint8_t)(v >> 8);
}
static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

static int pread_all(int fd, void *buf, size_t n, off_t off)
{
	return pread(fd, buf, n, off) == (ssize_t)n ? 0 : -1;
}
static int pwrite_z(struct cckd *z, const void *buf, size_t n, off_t off)
{
	return ckd_pwrite(z->fault, z->fd, buf, n, off);
}

/* ---- space lists: ordered by offset, neighbours merged ---- */

static int spaces_add(struct spaces *s, uint32_t pos, uint32_t len)
{
	if (!len)
		return 0;
	int k = 0;
	while (k < s->n && s->v[k].pos < pos)
		k++;
	if (k > 0 && s->v[k - 1].pos + s->v[k - 1].len == pos) {
		s->v[k - 1].len += len;
		if (k < s->n && pos + len == s->v[k].pos) {
			s->v[k - 1].len += s->v[k].len;
			memmove(&s->v[k], &s->v[k + 1], (size_t)(s->n - k - 1) * sizeof *s->v);
			s->n--;
		}
		return 0;
	}
	if (k < s->n && pos + len == s->v[k].pos) {
		s->v[k].pos = pos;
		s->v[k].len += len;
		return 0;
	}
	if (s->n == s->max) {
		int m = s->max ? s->max * 2 : 64;
		struct fspace *n = realloc(s->v, (size_t)m * sizeof *n);
		if (!n)
			return -1;
		s->v = n;
		s->max = m;
	}
	memmove(&s->v[k + 1], &s->v[k], (size_t)(s->n - k) * sizeof *s->v);
	s->v[k] = (struct fspace){pos, len};
	s->n++;
	return 0;
}

static void spaces_drop(struct spaces *s, int k)
{
	memmove(&s->v[k], &s->v[k + 1], (size_t)(s->n - k - 1) * sizeof *s->v);
	s->n--;
}

/* Read the free spaces recorded in the file; -1 when they are not sane.
 * Two forms: the chain of cckd(4), or, as Hercules 3.13 writes it on
 * close, the eye-catcher "FREE_BLK" at the first free space followed by
 * free_number entries of offset and length. */
static int load_free(struct cckd *z)
{
	uint32_t pos = get32(z, z->cdev + 20), prev_end = 0;
	uint8_t fb[8];
	if (pos && pos + 8 <= z->size && !pread_all(z->fd, fb, 8, pos) && !memcmp(fb, "FREE_BLK", 8)) {
		uint32_t n = get32(z, z->cdev + 32);
		uint8_t *tab = malloc((size_t)n * 8 + 1);
		if (!tab || (uint64_t)pos + 8 + (uint64_t)n * 8 > z->size ||
		    pread_all(z->fd, tab, (size_t)n * 8, pos + 8)) {
			free(tab);
			return -1;
		}
		for (uint32_t k = 0; k < n; k++) {
			uint32_t p = get32(z, tab + 8 * k), l = get32(z, tab + 8 * k + 4);
			if (l < 8 || p < prev_end || (uint64_t)p + l > z->size ||
			    spaces_add(&z->free, p, l)) {
				free(tab);
				return -1;
			}
			prev_end = p + l;
		}
		free(tab);
		return 0;
	}
	for (int guard = 0; pos; guard++) {
		if (pos < prev_end || pos < L1_OFF || pos + 8 > z->size || pread_all(z->fd, fb, 8, pos) ||
		    guard > 1 << 22)
			return -1;
		uint32_t l = get32(z, fb + 4);
		if (l < 8 || (uint64_t)pos + l > z->size || spaces_add(&z->free, pos, l))
			return -1;
		prev_end = pos + l;
		pos = get32(z, fb);
	}
	return 0;
}

/* The L2 table for L1 index k (loaded on first use); NULL when there is
 * none in this file or it cannot be read (*bad then). */
static uint8_t *l2_of(struct cckd *z, uint32_t k, bool *bad)
{
	*bad = false;
	if (z->l2[k] || !z->l1[k] || z->l1[k] == NOT_HERE)
		return z->l2[k];
	uint8_t *t = malloc(L2_SIZE);
	if (!t || pread_all(z->fd, t, L2_SIZE, z->l1[k])) {
		free(t);
		*bad = true;
		return NULL;
	}
	return z->l2[k] = t;
}

static int mark_opened(struct cckd *z);

/* ---- open: the free space rebuilt from the tables after a crash ---- */

static int cmp_space(const void *a, const void *b)
{
	const struct fspace *x = a, *y = b;
	return x->pos < y->pos ? -1 : x->pos > y->pos;
}

/* Every space the tables use, sorted; the gaps between them are free.
 * -1 with err when a table or image lies outside the file or two overlap. */
static int rebuild_free(struct cckd *z, uint64_t file_end, char *err, size_t errlen)
{
	size_t n = 0, max = 1 + z->numl1;
	struct fspace *u = malloc(max * sizeof *u);
	if (!u)
		goto nomem;
	u[n++] = (struct fspace){0, L1_OFF + 4 * z->numl1};
	for (uint32_t k = 0; k < z->numl1; k++) {
		bool bad;
		uint8_t *t = l2_of(z, k, &bad);
		if (bad) {
			snprintf(err, errlen, "cannot read the L2 table at %u", z->l1[k]);
			goto fail;
		}
		if (!t)
			continue;
		if (n + 1 + L2_ENTS > max) {
			max = 2 * max + 1 + L2_ENTS;
			struct fspace *nu = realloc(u, max * sizeof *u);
			if (!nu)
				goto nomem;
			u = nu;
		}
		u[n++] = (struct fspace){z->l1[k], L2_SIZE};
		for (int e = 0; e < L2_ENTS; e++) {
			uint32_t pos = get32(z, t + 8 * e), len = get16(z, t + 8 * e + 4),
			         size = get16(z, t + 8 * e + 6);
			if (pos && pos != NOT_HERE)
				u[n++] = (struct fspace){pos, size > len ? size : len};
		}
	}
	qsort(u, n, sizeof *u, cmp_space);
	uint32_t end = 0;
	for (size_t k = 0; k < n; k++) {
		if (u[k].pos < end || (uint64_t)u[k].pos + u[k].len > file_end) {
			snprintf(err, errlen, "%s at offset %u (length %u): the image needs repair",
			         u[k].pos < end ? "overlapping spaces"
			                        : "a table or track past the end of the file",
			         u[k].pos, u[k].len);
			goto fail;
		}
		if (u[k].pos - end >= 8 && spaces_add(&z->free, end, u[k].pos - end))
			goto nomem;
		end = u[k].pos + u[k].len;
	}
	z->size = end; /* anything after the last space in use is a write that never got its entry */
	free(u);
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
fail:
	free(u);
	return -1;
}

struct cckd *cckd_open(int fd, const char *path, const uint8_t *devhdr, bool ro, struct ckd_fault *fault,
                       char *err, size_t errlen)
{
	struct cckd *z = calloc(1, sizeof *z);
	if (!z || !(z->path = strdup(path))) {
		free(z);
		close(fd);
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	z->fd = fd;
	z->ro = ro;
	z->fault = fault;
	z->shadow = !memcmp(devhdr, "CKD_S370", 8);
	z->heads = le32(devhdr + 8);
	z->trksize = le32(devhdr + 12);
	struct stat st;
	if (fstat(fd, &st) || pread_all(fd, z->cdev, 512, CDEV_OFF)) {
		snprintf(err, errlen, "truncated: no compressed device header");
		goto fail;
	}
	z->be = z->cdev[3] & OPT_BIGENDIAN;
	z->numl1 = get32(z, z->cdev + 4);
	uint32_t numl2 = get32(z, z->cdev + 8);
	z->size = z->disk_size = get32(z, z->cdev + 12);
	z->cyls = get32(z, z->cdev + 40);
	z->compress = z->cdev[45];
	z->tracks = z->cyls * z->heads;
	if (numl2 != L2_ENTS || z->cyls == 0 || z->cyls > 65536 || z->numl1 > 65536 ||
	    (uint64_t)z->numl1 * L2_ENTS < z->tracks || z->compress > COMP_BZIP2) {
		snprintf(err, errlen, "bad compressed header (%u L1 entries of %u for %u cylinders)",
		         z->numl1, numl2, z->cyls);
		goto fail;
	}
	bool opened = z->cdev[3] & OPT_OPENED;
	/* not closed (a crash): the size in the header is stale, larger (a sync
	 * cut free space off the end and was killed before its header) or
	 * smaller (tracks written after it); the file's end counts, and the
	 * tables are checked against it */
	if (opened && st.st_size <= (off_t)0xFFFFFFFF)
		z->size = (uint32_t)st.st_size;
	if ((uint64_t)st.st_size < z->size || z->size < L1_OFF + 4 * z->numl1) {
		snprintf(err, errlen, "truncated: the file has %lld bytes, its header says %u",
		         (long long)st.st_size, z->size);
		goto fail;
	}
	z->l1 = calloc(z->numl1, 4);
	z->l2 = calloc(z->numl1, sizeof *z->l2);
	uint8_t *raw = malloc((size_t)z->numl1 * 4 + 1);
	if (!z->l1 || !z->l2 || !raw || pread_all(fd, raw, (size_t)z->numl1 * 4, L1_OFF)) {
		free(raw);
		snprintf(err, errlen, "cannot read the L1 table");
		goto fail;
	}
	for (uint32_t k = 0; k < z->numl1; k++) {
		z->l1[k] = get32(z, raw + 4 * k);
		if (z->l1[k] && z->l1[k] != NOT_HERE &&
		    (z->l1[k] < L1_OFF + 4 * z->numl1 || (uint64_t)z->l1[k] + L2_SIZE > z->size)) {
			snprintf(err, errlen, "L1 entry %u points outside the file (%u)", k, z->l1[k]);
			free(raw);
			goto fail;
		}
	}
	free(raw);
	if (ro)
		return z;
	if (opened || load_free(z)) {
		/* not closed, or a free chain that is not sane: the tables decide */
		z->free.n = 0;
		if (rebuild_free(z, (uint64_t)st.st_size, err, errlen))
			goto fail;
		/* the summary on disk is wrong: OPENED stays (or goes) on until the next sync */
		z->dirty = opened;
		if (mark_opened(z)) {
			snprintf(err, errlen, "cannot mark the image open: %s", strerror(errno));
			goto fail;
		}
	}
	return z;
fail:
	cckd_close(z);
	return NULL;
}

uint32_t cckd_cyls(const struct cckd *z)
{
	return z->cyls;
}
const char *cckd_path(const struct cckd *z)
{
	return z->path;
}
bool cckd_is_ro(const struct cckd *z)
{
	return z->ro;
}
uint8_t cckd_compression(const struct cckd *z)
{
	return z->compress;
}

/* ---- reading ---- */

static int decompress(uint8_t method, const uint8_t *in, uint32_t inlen, uint8_t *out, uint32_t outmax,
                      uint32_t *outlen)
{
	if (method == COMP_NONE) {
		if (inlen > outmax)
			return -1;
		memcpy(out, in, inlen);
		*outlen = inlen;
		return 0;
	}
	if (method == COMP_ZLIB) {
		uLongf n = outmax;
		if (uncompress(out, &n, in, inlen) != Z_OK)
			return -1;
		*outlen = (uint32_t)n;
		return 0;
	}
	if (method == COMP_BZIP2) {
		unsigned int n = outmax;
		if (BZ2_bzBuffToBuffDecompress((char *)out, &n, (char *)(uintptr_t)in, inlen, 0, 0) != BZ_OK)
			return -1;
		*outlen = n;
		return 0;
	}
	return -1;
}

/* The L2 entry of trk: 0 (e points to it; NULL for a table that is all
 * empty tracks), CCKD_ABSENT, or -1. */
static int entry_of(struct cckd *z, uint32_t trk, const uint8_t **e)
{
	uint32_t k = trk / L2_ENTS;
	*e = NULL;
	if (z->l1[k] == NOT_HERE)
		return z->shadow ? CCKD_ABSENT : 0;
	if (!z->l1[k])
		return 0;
	bool bad;
	uint8_t *l2 = l2_of(z, k, &bad);
	if (!l2)
		return -1;
	*e = l2 + 8 * (trk % L2_ENTS);
	if (get32(z, *e) == NOT_HERE) {
		*e = NULL;
		return z->shadow ? CCKD_ABSENT : 0;
	}
	return 0;
}

int cckd_holds(struct cckd *z, uint32_t trk)
{
	const uint8_t *e;
	if (trk >= z->tracks)
		return 0;
	int rc = entry_of(z, trk, &e);
	return rc < 0 ? -1 : rc == 0;
}

int cckd_read(struct cckd *z, uint32_t trk, uint8_t *buf, char *err, size_t errlen)
{
	uint32_t cc = trk / z->heads, hh = trk % z->heads;
	memset(buf, 0, z->trksize);
	if (trk >= z->tracks) {
		snprintf(err, errlen, "track %u beyond the image", trk);
		return -1;
	}
	const uint8_t *e;
	int rc = entry_of(z, trk, &e);
	if (rc) {
		if (rc < 0)
			snprintf(err, errlen, "track %u: cannot read its L2 table", trk);
		return rc;
	}
	uint32_t pos = e ? get32(z, e) : 0, len = e ? get16(z, e + 4) : 0;
	if (pos == 0) {
		ckd_null_track(buf, cc, hh, len == 0);
		return 0;
	}
	uint8_t *raw = malloc(len ? len : 1);
	if (!raw || len < CKD_HA_LEN || (uint64_t)pos + len > z->size || pread_all(z->fd, raw, len, pos)) {
		free(raw);
		snprintf(err, errlen, "track %u: cannot read its image (offset %u, length %u)", trk, pos,
		         len);
		return -1;
	}
	uint32_t n = 0;
	rc = decompress(raw[0] & 3, raw + CKD_HA_LEN, len - CKD_HA_LEN, buf + CKD_HA_LEN,
	                z->trksize - CKD_HA_LEN, &n);
	memcpy(buf, raw, CKD_HA_LEN);
	buf[0] = 0;
	free(raw);
	if (rc || ckd_be16(buf + 1) != cc || ckd_be16(buf + 3) != hh ||
	    !ckd_track_used(buf, CKD_HA_LEN + n)) {
		memset(buf, 0, z->trksize);
		snprintf(err, errlen, "track %u: bad track image", trk);
		return -1;
	}
	return 0;
}

/* ---- space ---- */

/* Take len bytes: the first free space that holds them exactly or with 8
 * or more to spare (a free space is at least 8 bytes), else the end of the
 * file.  *size gets the space taken: always len.  (Hercules may give an
 * image a space up to 7 bytes longer, "imbedded" free space; s370 reads
 * such files and counts it, but makes none.) */
static uint32_t alloc_space(struct cckd *z, uint32_t len, uint32_t *size)
{
	*size = len;
	for (int k = 0; k < z->free.n; k++) {
		struct fspace *f = &z->free.v[k];
		if (f->len != len && f->len < len + 8)
			continue;
		uint32_t pos = f->pos;
		f->pos += len;
		f->len -= len;
		if (f->len == 0)
			spaces_drop(&z->free, k);
		return pos;
	}
	z->size += len;
	return z->size - len;
}

/* Give back space that no table on disk points to (a write that failed). */
static void unalloc_space(struct cckd *z, uint32_t pos, uint32_t size)
{
	if (pos + size == z->size)
		z->size = pos;
	else
		spaces_add(&z->free, pos, size);
}

/* Space the tables pointed to until the entry just written: reusable only
 * after an fdatasync (rule 3 above). */
static void release_later(struct cckd *z, uint32_t pos, uint32_t size)
{
	if (spaces_add(&z->pend, pos, size))
		return; /* out of memory: the space is lost until the next rebuild */
	z->pend_bytes += size;
}

/* fdatasync, then the pending spaces become free. */
static int barrier(struct cckd *z)
{
	if (fdatasync(z->fd))
		return -1;
	for (int k = 0; k < z->pend.n; k++)
		spaces_add(&z->free, z->pend.v[k].pos, z->pend.v[k].len);
	z->pend.n = 0;
	z->pend_bytes = 0;
	return 0;
}

/* Rule 2 (continued): an image or table written past the size the CDEVHDR
 * gives has that size raised before an entry points to it, so that a
 * checker bounding the file by the header (Hercules' cckdcdsk does) finds
 * every track a killed process left inside the file. */
static int cover_end(struct cckd *z)
{
	if (z->size <= z->disk_size)
		return 0;
	uint8_t v[4];
	put32(z, v, z->size);
	if (pwrite_z(z, v, 4, CDEV_OFF + 12))
		return -1;
	z->disk_size = z->size;
	return 0;
}

/* Rule 1: OPENED on, durably, before the first change. */
static int mark_opened(struct cckd *z)
{
	if (z->dirty)
		return 0;
	z->cdev[3] |= OPT_OPENED;
	if (pwrite_z(z, z->cdev + 3, 1, CDEV_OFF + 3) || fdatasync(z->fd)) {
		z->cdev[3] &= (uint8_t)~OPT_OPENED;
		return -1;
	}
	z->dirty = true;
	return 0;
}

/* Space for a new L2 table: at the end of the file, on an 8-byte boundary,
 * so that no entry of the table straddles a page and a kill cannot tear
 * the 8-byte write of one (the kernel may stop a write between two pages,
 * never inside one).  The bytes skipped to get there (9 to 15, or none)
 * are a free space. */
static uint32_t reserve_l2(struct cckd *z)
{
	uint32_t pad = (8 - z->size % 8) % 8;
	if (pad) {
		spaces_add(&z->free, z->size, pad + 8);
		z->size += pad + 8;
	}
	z->size += L2_SIZE;
	return z->size - L2_SIZE;
}

/* The L2 table for L1 index k as it will be after entry ent of track trk,
 * written at pos, then the L1 entry that points to it (rule 2). */
static int new_l2(struct cckd *z, uint32_t trk, const uint8_t *ent, uint32_t pos)
{
	uint32_t k = trk / L2_ENTS;
	uint8_t *t = malloc(L2_SIZE);
	if (!t)
		return -1;
	/* a shadow's new table passes every other track down; a base's holds empty tracks */
	memset(t, z->shadow && z->l1[k] == NOT_HERE ? 0xFF : 0, L2_SIZE);
	memcpy(t + 8 * (trk % L2_ENTS), ent, 8);
	uint8_t l1e[4];
	put32(z, l1e, pos);
	if (pwrite_z(z, t, L2_SIZE, pos) || cover_end(z) || pwrite_z(z, l1e, 4, L1_OFF + 4 * k)) {
		free(t);
		return -1;
	}
	z->l1[k] = pos;
	z->l2[k] = t;
	return 0;
}

/* Compress the track (after its 5-byte header) into z->cbuf; the length of
 * the image with its header (0: out of memory). */
static uint32_t compress_track(struct cckd *z, const uint8_t *buf, uint32_t len)
{
	uint32_t body = len - CKD_HA_LEN;
	uint32_t room = body + body / 100 + 700;
	if (z->cbuf_len < room + CKD_HA_LEN) {
		free(z->cbuf);
		z->cbuf = malloc(room + CKD_HA_LEN);
		z->cbuf_len = z->cbuf ? room + CKD_HA_LEN : 0;
		if (!z->cbuf)
			return 0;
	}
	uint8_t method = COMP_NONE;
	uint32_t n = body;
	if (z->compress == COMP_ZLIB) {
		uLongf zn = room;
		if (compress2(z->cbuf + CKD_HA_LEN, &zn, buf + CKD_HA_LEN, body, Z_DEFAULT_COMPRESSION) ==
		        Z_OK &&
		    zn < body) {
			method = COMP_ZLIB;
			n = (uint32_t)zn;
		}
	} else if (z->compress == COMP_BZIP2) {
		unsigned int bn = room;
		if (BZ2_bzBuffToBuffCompress((char *)z->cbuf + CKD_HA_LEN, &bn,
		                             (char *)(uintptr_t)buf + CKD_HA_LEN, body, 5, 0, 0) == BZ_OK &&
		    bn < body) {
			method = COMP_BZIP2;
			n = bn;
		}
	}
	if (method == COMP_NONE)
		memcpy(z->cbuf + CKD_HA_LEN, buf + CKD_HA_LEN, body);
	memcpy(z->cbuf, buf, CKD_HA_LEN);
	z->cbuf[0] = method;
	return CKD_HA_LEN + n;
}

int cckd_write(struct cckd *z, uint32_t trk, const uint8_t *buf, uint32_t len, char *err, size_t errlen)
{
	uint8_t null0[64], null1[64];
	uint32_t cc = trk / z->heads, hh = trk % z->heads;
	uint32_t n0 = ckd_null_track(null0, cc, hh, true), n1 = ckd_null_track(null1, cc, hh, false);
	if (z->ro || trk >= z->tracks || len < CKD_HA_LEN || len > z->trksize) {
		snprintf(err, errlen, "track %u: cannot write%s", trk, z->ro ? " (read-only file)" : "");
		return -1;
	}
	if (mark_opened(z)) {
		snprintf(err, errlen, "track %u: cannot mark the image open: %s", trk, strerror(errno));
		return -1;
	}
	const uint8_t *e;
	if (entry_of(z, trk, &e) < 0) {
		snprintf(err, errlen, "track %u: cannot read its L2 table", trk);
		return -1;
	}
	uint32_t old_pos = e ? get32(z, e) : 0, old_len = e ? get16(z, e + 4) : 0,
	         old_size = e ? get16(z, e + 6) : 0;
	uint8_t ent[8] = {0};
	uint32_t pos = 0, size = 0, k = trk / L2_ENTS;
	/* a track of a table not in the file yet: the table's space first, so
	 * that it is aligned without a gap when the file's end is */
	bool need_l2 = !z->l2[k] && (!z->l1[k] || z->l1[k] == NOT_HERE);
	uint32_t l2pos = need_l2 ? reserve_l2(z) : 0;
	if (len == n1 && !memcmp(buf, null1, n1)) { /* an empty track needs no image */
		put16(z, ent + 4, 1);
		put16(z, ent + 6, 1);
	} else if (!(len == n0 && !memcmp(buf, null0, n0))) {
		uint32_t ilen = compress_track(z, buf, len);
		if (!ilen || ilen > 0xFFFF) {
			snprintf(err, errlen, "track %u: cannot compress", trk);
			if (need_l2)
				unalloc_space(z, l2pos, L2_SIZE);
			return -1;
		}
		pos = alloc_space(z, ilen, &size);
		if (pwrite_z(z, z->cbuf, ilen, pos) || cover_end(z)) {
			snprintf(err, errlen, "track %u: %s", trk, strerror(errno));
			unalloc_space(z, pos, size);
			if (need_l2)
				unalloc_space(z, l2pos, L2_SIZE);
			return -1;
		}
		put32(z, ent, pos);
		put16(z, ent + 4, (uint16_t)ilen);
		put16(z, ent + 6, (uint16_t)size);
	}
	int rc = need_l2 ? new_l2(z, trk, ent, l2pos) : pwrite_z(z, ent, 8, z->l1[k] + 8 * (trk % L2_ENTS));
	if (rc) {
		snprintf(err, errlen, "track %u: L2 entry: %s", trk, strerror(errno));
		if (pos)
			unalloc_space(z, pos, size);
		if (need_l2)
			unalloc_space(z, l2pos, L2_SIZE);
		return -1;
	}
	if (z->l2[k])
		memcpy(z->l2[k] + 8 * (trk % L2_ENTS), ent, 8);
	if (old_pos && old_pos != NOT_HERE)
		release_later(z, old_pos, old_size > old_len ? old_size : old_len);
	if (z->pend_bytes > PENDING_MAX)
		barrier(z); /* when it fails the space just stays pending */
	return 0;
}

/* ---- sync and close ---- */

int cckd_sync(struct cckd *z)
{
	if (z->ro || !z->dirty)
		return 0;
	if (barrier(z))
		return -1;
	/* free space at the end of the file falls off */
	while (z->free.n && z->free.v[z->free.n - 1].pos + z->free.v[z->free.n - 1].len >= z->size) {
		z->size = z->free.v[z->free.n - 1].pos;
		z->free.n--;
	}
	if (ftruncate(z->fd, z->size))
		return -1;
	/* Hercules' accounting (cckdcdsk compares it): used counts each image's
	 * length, free_total the gaps and the "imbedded" ends of images whose
	 * space is longer than they are, free_imbed those ends alone */
	uint32_t total = 0, largest = 0, imbed = 0;
	for (uint32_t k = 0; k < z->numl1; k++) {
		bool bad;
		const uint8_t *t = l2_of(z, k, &bad);
		if (bad)
			return -1;
		for (int e = 0; t && e < L2_ENTS; e++) {
			uint32_t pos = get32(z, t + 8 * e), len = get16(z, t + 8 * e + 4),
			         size = get16(z, t + 8 * e + 6);
			if (pos && pos != NOT_HERE && size > len)
				imbed += size - len;
		}
	}
	for (int k = 0; k < z->free.n; k++) {
		uint8_t fb[8];
		put32(z, fb, k + 1 < z->free.n ? z->free.v[k + 1].pos : 0);
		put32(z, fb + 4, z->free.v[k].len);
		if (pwrite_z(z, fb, 8, z->free.v[k].pos))
			return -1;
		total += z->free.v[k].len;
		if (z->free.v[k].len > largest)
			largest = z->free.v[k].len;
	}
	if (fdatasync(z->fd))
		return -1;
	uint8_t h[512];
	memcpy(h, z->cdev, sizeof h);
	put32(z, h + 12, z->size);
	put32(z, h + 16, z->size - total - imbed);
	put32(z, h + 20, z->free.n ? z->free.v[0].pos : 0);
	put32(z, h + 24, total + imbed);
	put32(z, h + 28, largest);
	put32(z, h + 32, (uint32_t)z->free.n);
	put32(z, h + 36, imbed);
	h[3] &= (uint8_t)~OPT_OPENED;
	if (pwrite_z(z, h, sizeof h, CDEV_OFF) || fdatasync(z->fd))
		return -1;
	memcpy(z->cdev, h, sizeof h);
	z->disk_size = z->size;
	z->dirty = false;
	return 0;
}

void cckd_close(struct cckd *z)
{
	if (!z)
		return;
	if (!z->ro && z->dirty)
		cckd_sync(z);
	if (z->fd >= 0)
		close(z->fd);
	for (uint32_t k = 0; z->l2 && k < z->numl1; k++)
		free(z->l2[k]);
	free(z->l2);
	free(z->l1);
	free(z->free.v);
	free(z->pend.v);
	free(z->cbuf);
	free(z->path);
	free(z);
}

/* ---- shadow files: make, count, compact ---- */

int cckd_create_shadow(const char *path, const uint8_t *devhdr, uint32_t cyls, uint8_t compress,
                       struct ckd_fault *fault, char *err, size_t errlen)
{
	uint32_t heads = le32(devhdr + 8);
	uint32_t numl1 = (cyls * heads + L2_ENTS - 1) / L2_ENTS;
	size_t n = L1_OFF + 4 * (size_t)numl1;
	uint8_t *f = malloc(n);
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	struct cckd hz = {.be = false};
	memcpy(f, devhdr, CDEV_OFF);
	memcpy(f, "CKD_S370", 8);
	f[17] = f[18] = f[19] = 0; /* one file, whatever the base is */
	memset(f + CDEV_OFF, 0, 512);
	f[CDEV_OFF + 0] = 0; /* version 0.3.1, as dasdinit writes it */
	f[CDEV_OFF + 1] = 3;
	f[CDEV_OFF + 2] = 1;
	f[CDEV_OFF + 3] = OPT_NOFUDGE | OPT_ORDWR;
	put32(&hz, f + CDEV_OFF + 4, numl1);
	put32(&hz, f + CDEV_OFF + 8, L2_ENTS);
	put32(&hz, f + CDEV_OFF + 12, (uint32_t)n);
	put32(&hz, f + CDEV_OFF + 16, (uint32_t)n);
	put32(&hz, f + CDEV_OFF + 40, cyls);
	f[CDEV_OFF + 44] = 1;
	f[CDEV_OFF + 45] = compress ? compress : COMP_ZLIB;
	f[CDEV_OFF + 46] = f[CDEV_OFF + 47] = 0xFF;
	memset(f + L1_OFF, 0xFF, 4 * (size_t)numl1);
	int fd = open(path, O_RDWR | O_CREAT | O_EXCL, 0644);
	if (fd < 0) {
		snprintf(err, errlen, "cannot create %s: %s", path, strerror(errno));
		free(f);
		return -1;
	}
	int rc = ckd_pwrite(fault, fd, f, n, 0);
	if (rc == 0)
		rc = fsync(fd);
	free(f);
	close(fd);
	if (rc) {
		snprintf(err, errlen, "cannot write %s: %s", path, strerror(errno));
		unlink(path);
	}
	return rc;
}

int cckd_stats(struct cckd *z, struct cckd_stats *s)
{
	memset(s, 0, sizeof *s);
	s->size = z->size;
	for (int k = 0; k < z->free.n; k++)
		s->free_bytes += z->free.v[k].len;
	for (int k = 0; k < z->pend.n; k++)
		s->free_bytes += z->pend.v[k].len;
	s->nfree = (uint32_t)(z->free.n + z->pend.n);
	for (uint32_t t = 0; t < z->tracks; t++) {
		const uint8_t *e;
		int rc = entry_of(z, t, &e);
		if (rc < 0)
			return -1;
		/* a shadow holds what it has an entry for; a base, the tracks with an image */
		if (rc == 0 && (z->shadow || (e && get32(z, e))))
			s->tracks++;
	}
	return 0;
}

/* Copy z's tables and images, packed, into the new file nfd; the L1 table
 * in nl1.  Size of the new file, or 0. */
static uint32_t copy_packed(struct cckd *z, int nfd, uint8_t *nl1)
{
	uint32_t pos = L1_OFF + 4 * z->numl1;
	uint8_t *img = malloc(0x10000), t[L2_SIZE];
	if (!img)
		return 0;
	for (uint32_t k = 0; k < z->numl1; k++) {
		bool bad;
		uint8_t *l2 = l2_of(z, k, &bad);
		put32(z, nl1 + 4 * k, z->l1[k]);
		if (bad)
			goto fail;
		if (!l2)
			continue;
		uint32_t tpos = pos;
		pos += L2_SIZE;
		memcpy(t, l2, L2_SIZE);
		for (int e = 0; e < L2_ENTS; e++) {
			uint32_t p = get32(z, t + 8 * e), len = get16(z, t + 8 * e + 4);
			if (!p || p == NOT_HERE)
				continue;
			if (pread_all(z->fd, img, len, p) || ckd_pwrite(z->fault, nfd, img, len, pos))
				goto fail;
			put32(z, t + 8 * e, pos);
			put16(z, t + 8 * e + 6, (uint16_t)len);
			pos += len;
		}
		if (ckd_pwrite(z->fault, nfd, t, L2_SIZE, tpos))
			goto fail;
		put32(z, nl1 + 4 * k, tpos);
	}
	free(img);
	return pos;
fail:
	free(img);
	return 0;
}

int cckd_compact(struct cckd *z, char *err, size_t errlen)
{
	char tmp[4200];
	snprintf(tmp, sizeof tmp, "%s.sfc-new", z->path);
	if (z->ro) {
		snprintf(err, errlen, "%s is read-only", z->path);
		return -1;
	}
	if (cckd_sync(z)) {
		snprintf(err, errlen, "%s: sync: %s", z->path, strerror(errno));
		return -1;
	}
	unlink(tmp);
	int nfd = open(tmp, O_RDWR | O_CREAT | O_EXCL, 0644);
	uint8_t dev[512], h[512], *nl1 = malloc(4 * (size_t)z->numl1);
	if (nfd < 0 || !nl1 || pread_all(z->fd, dev, 512, 0)) {
		snprintf(err, errlen, "cannot make %s: %s", tmp, strerror(errno));
		goto fail;
	}
	uint32_t size = copy_packed(z, nfd, nl1);
	memcpy(h, z->cdev, 512);
	put32(z, h + 12, size);
	put32(z, h + 16, size);
	for (int o = 20; o < 36; o += 4)
		put32(z, h + o, 0);
	h[3] &= (uint8_t)~OPT_OPENED;
	if (!size || ckd_pwrite(z->fault, nfd, dev, 512, 0) || ckd_pwrite(z->fault, nfd, h, 512, CDEV_OFF) ||
	    ckd_pwrite(z->fault, nfd, nl1, 4 * (size_t)z->numl1, L1_OFF) || fsync(nfd) ||
	    rename(tmp, z->path)) {
		snprintf(err, errlen, "cannot write %s: %s", tmp, strerror(errno));
		goto fail;
	}
	/* the new file is in place: the directory entry made durable, then use it */
	char dir[4200] = ".";
	const char *slash = strrchr(z->path, '/');
	if (slash)
		snprintf(dir, sizeof dir, "%.*s", (int)(slash - z->path + 1), z->path);
	int dfd = open(dir, O_RDONLY | O_DIRECTORY);
	if (dfd >= 0) {
		fsync(dfd);
		close(dfd);
	}
	close(z->fd);
	z->fd = nfd;
	memcpy(z->cdev, h, 512);
	for (uint32_t k = 0; k < z->numl1; k++) {
		z->l1[k] = get32(z, nl1 + 4 * k);
		free(z->l2[k]);
		z->l2[k] = NULL;
	}
	z->size = z->disk_size = size;
	z->free.n = z->pend.n = 0;
	z->pend_bytes = 0;
	z->dirty = false;
	free(nl1);
	return 0;
fail:
	free(nl1);
	if (nfd >= 0) {
		close(nfd);
		unlink(tmp);
	}
	return -1;
}
