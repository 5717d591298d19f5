/* dasd_cckd.c — Hercules CCKD compressed CKD images (ckdimg.h).
 *
 * Layout (Hercules cckd(4) and cckddasd.html):
 *   +0     device header, as a CKD file but "CKD_C370"
 *   +512   compressed device header (CDEVHDR), counts in the byte order of
 *          options bit X'02' (1: big-endian):
 *            +0 vrm[3] +3 options +4 numl1tab +8 numl2tab (256) +12 size
 *            +16 used +20 free (first free space) +24 free_total
 *            +28 free_largest +32 free_number +36 free_imbed +40 cyls
 *            +44 nullfmt +45 compress (0 none, 1 zlib, 2 bzip2) +46 parm[2]
 *   +1024  L1 table: numl1tab 4-byte offsets of L2 tables (0: none, all
 *          its tracks empty)
 *   then, in any order, L2 tables (256 entries of pos[4] len[2] size[2]),
 *   track images and free spaces.  A track image is the 5-byte track
 *   header (flag: compression in the low 2 bits; CC; HH) and the rest of the
 *   track through its end-of-track marker, compressed or not.  An L2 entry
 *   with pos 0 is an empty track whose length field gives its format: 0 HA,
 *   R0 and an end-of-file R1 (what Hercules presents for the tracks of a new
 *   dasdinit -z volume), 1 HA and R0 only.  A free space
 *   starts with the offset of the next (0 ends the chain) and its length;
 *   the chain is in file order and is written when the file is closed.
 *
 * Writing: a track image goes into the first free space that holds it, or
 * at the end of the file; its L2 entry is then updated and its old space
 * freed.  The header and free chain are written by flush and close; the
 * OPENED option bit is on while the image has unwritten header changes, so
 * Hercules' cckdcdsk checks an image that was not closed.
 */
#include <bzlib.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
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
};

struct fspace {
	uint32_t pos, len;
};

struct cckd {
	int fd;
	bool be; /* counts are big-endian */
	uint8_t cdev[512];
	uint32_t numl1;
	uint32_t *l1;
	uint8_t **l2; /* loaded L2 tables (raw bytes), by L1 index */
	uint32_t size;
	struct fspace *free;
	int nfree, maxfree;
	uint8_t compress;
	bool dirty;    /* header or free chain not yet written */
	uint8_t *cbuf; /* compression buffer */
	uint32_t cbuf_len;
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

static int pread_all(int fd, void *buf, size_t n, off_t off)
{
	return pread(fd, buf, n, off) == (ssize_t)n ? 0 : -1;
}
static int pwrite_all(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite(fd, buf, n, off) == (ssize_t)n ? 0 : -1;
}

static int add_free(struct cckd *z, uint32_t pos, uint32_t len, uint32_t *prev_end, char *err, size_t errlen)
{
	if (len < 8 || pos < *prev_end || (uint64_t)pos + len > z->size) {
		snprintf(err, errlen, "free space at %u (length %u) is not inside the file, or out of order",
		         pos, len);
		return -1;
	}
	if (z->nfree == z->maxfree) {
		z->maxfree = z->maxfree ? z->maxfree * 2 : 64;
		struct fspace *n = realloc(z->free, (size_t)z->maxfree * sizeof *n);
		if (!n) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		z->free = n;
	}
	z->free[z->nfree++] = (struct fspace){pos, len};
	*prev_end = pos + len;
	return 0;
}

/* Read the free spaces into storage; -1 when they are not sane.  Two
 * forms: the chain of cckd(4) (each space starts with the offset of the
 * next and its length), or, as Hercules 3.13 writes it on close, the
 * eye-catcher "FREE_BLK" at the first free space followed by free_number
 * entries of offset and length. */
static int load_free(struct cckd *z, char *err, size_t errlen)
{
	uint32_t pos = get32(z, z->cdev + 20);
	uint32_t prev_end = 0;
	uint8_t fb[8];
	if (pos && pos + 8 <= z->size && !pread_all(z->fd, fb, 8, pos) && !memcmp(fb, "FREE_BLK", 8)) {
		uint32_t n = get32(z, z->cdev + 32);
		uint8_t *tab = malloc((size_t)n * 8 + 1);
		if (!tab || (uint64_t)pos + 8 + (uint64_t)n * 8 > z->size ||
		    pread_all(z->fd, tab, (size_t)n * 8, pos + 8)) {
			free(tab);
			snprintf(err, errlen, "cannot read the free space table at %u", pos);
			return -1;
		}
		for (uint32_t k = 0; k < n; k++)
			if (add_free(z, get32(z, tab + 8 * k), get32(z, tab + 8 * k + 4), &prev_end, err,
			             errlen)) {
				free(tab);
				return -1;
			}
		free(tab);
		return 0;
	}
	while (pos) {
		if (pos < prev_end || pos + 8 > z->size || pread_all(z->fd, fb, 8, pos)) {
			snprintf(err, errlen, "free space chain broken at offset %u", pos);
			return -1;
		}
		if (add_free(z, pos, get32(z, fb + 4), &prev_end, err, errlen))
			return -1;
		pos = get32(z, fb);
	}
	return 0;
}

int cckd_open(struct ckd_img *img, int fd, const uint8_t *devhdr, char *err, size_t errlen)
{
	(void)devhdr;
	struct cckd *z = calloc(1, sizeof *z);
	if (!z) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	img->cckd = z;
	z->fd = fd;
	off_t end = lseek(fd, 0, SEEK_END);
	if (pread_all(fd, z->cdev, 512, CDEV_OFF)) {
		snprintf(err, errlen, "truncated: no compressed device header");
		return -1;
	}
	z->be = z->cdev[3] & OPT_BIGENDIAN;
	z->numl1 = get32(z, z->cdev + 4);
	uint32_t numl2 = get32(z, z->cdev + 8);
	z->size = get32(z, z->cdev + 12);
	img->cyls = get32(z, z->cdev + 40);
	z->compress = z->cdev[45];
	img->tracks = img->cyls * img->heads;
	if (numl2 != L2_ENTS || img->cyls == 0 || img->cyls > 65536 ||
	    (uint64_t)z->numl1 * L2_ENTS < img->tracks || z->numl1 > 65536) {
		snprintf(err, errlen, "bad compressed header (%u L1 entries of %u for %u cylinders)",
		         z->numl1, numl2, img->cyls);
		return -1;
	}
	/* not closed cleanly (a crash): the size in the header is stale; the
	 * file's end counts (tracks written since may lie beyond that size) */
	if ((z->cdev[3] & OPT_OPENED) && end > (off_t)z->size && end <= (off_t)0xFFFFFFFF)
		z->size = (uint32_t)end;
	if (end < 0 || (uint64_t)end < z->size || z->size < L1_OFF + 4 * z->numl1) {
		snprintf(err, errlen, "truncated: the file has %lld bytes, its header says %u",
		         (long long)end, z->size);
		return -1;
	}
	z->l1 = calloc(z->numl1, 4);
	z->l2 = calloc(z->numl1, sizeof *z->l2);
	uint8_t *raw = malloc((size_t)z->numl1 * 4);
	if (!z->l1 || !z->l2 || !raw || pread_all(fd, raw, (size_t)z->numl1 * 4, L1_OFF)) {
		free(raw);
		snprintf(err, errlen, "cannot read the L1 table");
		return -1;
	}
	for (uint32_t k = 0; k < z->numl1; k++) {
		z->l1[k] = get32(z, raw + 4 * k);
		if (z->l1[k] && z->l1[k] != 0xFFFFFFFF && (uint64_t)z->l1[k] + L2_SIZE > z->size) {
			snprintf(err, errlen, "L1 entry %u points past the end of the file", k);
			free(raw);
			return -1;
		}
	}
	free(raw);
	if (img->ro)
		return 0;
	/* not closed cleanly: the free spaces recorded may hold tracks now.
	 * Use none (new space goes after the end; cckdcdsk recovers the rest). */
	if (z->cdev[3] & OPT_OPENED)
		return 0;
	return load_free(z, err, errlen);
}

/* The L2 table for L1 index k (loaded on first use); NULL when there is none. */
static uint8_t *l2_of(struct cckd *z, uint32_t k)
{
	if (z->l2[k] || !z->l1[k] || z->l1[k] == 0xFFFFFFFF)
		return z->l2[k];
	uint8_t *t = malloc(L2_SIZE);
	if (!t || pread_all(z->fd, t, L2_SIZE, z->l1[k])) {
		free(t);
		return NULL;
	}
	return z->l2[k] = t;
}

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

int cckd_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen)
{
	struct cckd *z = img->cckd;
	uint32_t cc = trk / img->heads, hh = trk % img->heads;
	memset(buf, 0, img->trksize);
	if (trk >= img->tracks) {
		snprintf(err, errlen, "track %u beyond the image", trk);
		return -1;
	}
	uint32_t k = trk / L2_ENTS;
	if (!z->l1[k] || z->l1[k] == 0xFFFFFFFF) {
		ckd_null_track(buf, cc, hh, true);
		return 0;
	}
	uint8_t *l2 = l2_of(z, k);
	if (!l2) {
		snprintf(err, errlen, "track %u: cannot read its L2 table", trk);
		return -1;
	}
	const uint8_t *e = l2 + 8 * (trk % L2_ENTS);
	uint32_t pos = get32(z, e);
	uint32_t len = get16(z, e + 4);
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
	int rc = decompress(raw[0] & 3, raw + CKD_HA_LEN, len - CKD_HA_LEN, buf + CKD_HA_LEN,
	                    img->trksize - CKD_HA_LEN, &n);
	memcpy(buf, raw, CKD_HA_LEN);
	buf[0] = 0;
	free(raw);
	if (rc || ckd_be16(buf + 1) != cc || ckd_be16(buf + 3) != hh ||
	    !ckd_track_used(buf, CKD_HA_LEN + n)) {
		memset(buf, 0, img->trksize);
		snprintf(err, errlen, "track %u: bad track image", trk);
		return -1;
	}
	return 0;
}

/* ---- space ---- */

/* Take len bytes: the first free space that holds them exactly or with 8
 * or more to spare, else the end of the file.  *size gets the space taken
 * (more than len when a remainder under 8 bytes stays with the image). */
static uint32_t alloc_space(struct cckd *z, uint32_t len, uint32_t *size)
{
	for (int k = 0; k < z->nfree; k++) {
		struct fspace *f = &z->free[k];
		if (f->len == len || f->len >= len + 8) {
			uint32_t pos = f->pos;
			*size = len;
			f->pos += len;
			f->len -= len;
			if (f->len == 0) {
				memmove(f, f + 1, (size_t)(z->nfree - k - 1) * sizeof *f);
				z->nfree--;
			}
			return pos;
		}
		if (f->len > len && f->len < len + 8) {
			uint32_t pos = f->pos;
			*size = f->len;
			memmove(f, f + 1, (size_t)(z->nfree - k - 1) * sizeof *f);
			z->nfree--;
			return pos;
		}
	}
	uint32_t pos = z->size;
	z->size += len;
	*size = len;
	return pos;
}

/* Give back [pos, pos+len): into the ordered chain, merged with neighbours. */
static int free_space(struct cckd *z, uint32_t pos, uint32_t len)
{
	if (!len)
		return 0;
	int k = 0;
	while (k < z->nfree && z->free[k].pos < pos)
		k++;
	if (k > 0 && z->free[k - 1].pos + z->free[k - 1].len == pos) {
		z->free[k - 1].len += len;
		if (k < z->nfree && pos + len == z->free[k].pos) {
			z->free[k - 1].len += z->free[k].len;
			memmove(&z->free[k], &z->free[k + 1], (size_t)(z->nfree - k - 1) * sizeof *z->free);
			z->nfree--;
		}
		return 0;
	}
	if (k < z->nfree && pos + len == z->free[k].pos) {
		z->free[k].pos = pos;
		z->free[k].len += len;
		return 0;
	}
	if (z->nfree == z->maxfree) {
		int m = z->maxfree ? z->maxfree * 2 : 64;
		struct fspace *n = realloc(z->free, (size_t)m * sizeof *n);
		if (!n)
			return -1;
		z->free = n;
		z->maxfree = m;
	}
	memmove(&z->free[k + 1], &z->free[k], (size_t)(z->nfree - k) * sizeof *z->free);
	z->free[k] = (struct fspace){pos, len};
	z->nfree++;
	return 0;
}

/* Mark the image open for update in its header, once, before the first write. */
static int mark_opened(struct cckd *z)
{
	if (z->dirty)
		return 0;
	z->dirty = true;
	z->cdev[3] |= OPT_OPENED;
	return pwrite_all(z->fd, z->cdev + 3, 1, CDEV_OFF + 3);
}

/* The L2 table for L1 index k, made (empty) when there is none. */
static uint8_t *l2_for_write(struct cckd *z, uint32_t k)
{
	uint8_t *t = l2_of(z, k);
	if (t)
		return t;
	if (z->l1[k] && z->l1[k] != 0xFFFFFFFF)
		return NULL; /* exists but unreadable */
	t = calloc(1, L2_SIZE);
	if (!t)
		return NULL;
	uint32_t size;
	uint32_t pos = alloc_space(z, L2_SIZE, &size);
	uint8_t ent[4];
	put32(z, ent, pos);
	if (size != L2_SIZE || pwrite_all(z->fd, t, L2_SIZE, pos) ||
	    pwrite_all(z->fd, ent, 4, L1_OFF + 4 * k)) {
		free(t);
		return NULL;
	}
	z->l1[k] = pos;
	z->l2[k] = t;
	return t;
}

/* Compress the track (after its 5-byte header) into z->cbuf; the length of
 * the image with its header and the method used. */
static uint32_t compress_track(struct cckd *z, const uint8_t *buf, uint32_t len, uint8_t *method)
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
	*method = COMP_NONE;
	uint32_t n = body;
	if (z->compress == COMP_ZLIB) {
		uLongf zn = room;
		if (compress2(z->cbuf + CKD_HA_LEN, &zn, buf + CKD_HA_LEN, body, Z_DEFAULT_COMPRESSION) ==
		        Z_OK &&
		    zn < body) {
			*method = COMP_ZLIB;
			n = (uint32_t)zn;
		}
	} else if (z->compress == COMP_BZIP2) {
		unsigned int bn = room;
		if (BZ2_bzBuffToBuffCompress((char *)z->cbuf + CKD_HA_LEN, &bn,
		                             (char *)(uintptr_t)buf + CKD_HA_LEN, body, 5, 0, 0) == BZ_OK &&
		    bn < body) {
			*method = COMP_BZIP2;
			n = bn;
		}
	}
	if (*method == COMP_NONE)
		memcpy(z->cbuf + CKD_HA_LEN, buf + CKD_HA_LEN, body);
	memcpy(z->cbuf, buf, CKD_HA_LEN);
	z->cbuf[0] = *method;
	return CKD_HA_LEN + n;
}

int cckd_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err, size_t errlen)
{
	struct cckd *z = img->cckd;
	uint8_t null0[64], null1[64];
	uint32_t n0 = ckd_null_track(null0, trk / img->heads, trk % img->heads, true);
	uint32_t n1 = ckd_null_track(null1, trk / img->heads, trk % img->heads, false);
	if (trk >= img->tracks || len < CKD_HA_LEN || mark_opened(z)) {
		snprintf(err, errlen, "track %u: cannot write", trk);
		return -1;
	}
	uint8_t *l2 = l2_for_write(z, trk / L2_ENTS);
	if (!l2) {
		snprintf(err, errlen, "track %u: cannot make its L2 table", trk);
		return -1;
	}
	uint8_t *e = l2 + 8 * (trk % L2_ENTS);
	uint32_t old_pos = get32(z, e), old_size = get16(z, e + 6), old_len = get16(z, e + 4);
	uint8_t ent[8] = {0};
	if (len == n1 && !memcmp(buf, null1, n1)) { /* an empty track needs no image */
		put16(z, ent + 4, 1);
		put16(z, ent + 6, 1);
	} else if (!(len == n0 && !memcmp(buf, null0, n0))) {
		uint8_t method;
		uint32_t ilen = compress_track(z, buf, len, &method);
		if (!ilen || ilen > 0xFFFF) {
			snprintf(err, errlen, "track %u: cannot compress", trk);
			return -1;
		}
		uint32_t size;
		uint32_t pos = alloc_space(z, ilen, &size);
		if (pwrite_all(z->fd, z->cbuf, ilen, pos)) {
			snprintf(err, errlen, "track %u: %s", trk, strerror(errno));
			free_space(z, pos, size);
			return -1;
		}
		put32(z, ent, pos);
		put16(z, ent + 4, (uint16_t)ilen);
		put16(z, ent + 6, (uint16_t)size);
	}
	if (pwrite_all(z->fd, ent, 8, z->l1[trk / L2_ENTS] + 8 * (trk % L2_ENTS))) {
		snprintf(err, errlen, "track %u: L2 entry: %s", trk, strerror(errno));
		return -1;
	}
	memcpy(e, ent, 8);
	if (old_pos)
		free_space(z, old_pos, old_size > old_len ? old_size : old_len);
	return 0;
}

/* Write the free chain and the header: the file is consistent after this. */
static int write_meta(struct ckd_img *img, bool closing)
{
	struct cckd *z = img->cckd;
	/* free space at the end of the file falls off */
	while (z->nfree && z->free[z->nfree - 1].pos + z->free[z->nfree - 1].len == z->size) {
		z->size = z->free[z->nfree - 1].pos;
		z->nfree--;
	}
	uint32_t total = 0, largest = 0;
	for (int k = 0; k < z->nfree; k++) {
		uint8_t fb[8];
		put32(z, fb, k + 1 < z->nfree ? z->free[k + 1].pos : 0);
		put32(z, fb + 4, z->free[k].len);
		if (pwrite_all(z->fd, fb, 8, z->free[k].pos))
			return -1;
		total += z->free[k].len;
		if (z->free[k].len > largest)
			largest = z->free[k].len;
	}
	if (ftruncate(z->fd, z->size))
		return -1;
	put32(z, z->cdev + 12, z->size);
	put32(z, z->cdev + 16, z->size - total);
	put32(z, z->cdev + 20, z->nfree ? z->free[0].pos : 0);
	put32(z, z->cdev + 24, total);
	put32(z, z->cdev + 28, largest);
	put32(z, z->cdev + 32, (uint32_t)z->nfree);
	if (closing)
		z->cdev[3] &= (uint8_t)~OPT_OPENED;
	if (pwrite_all(z->fd, z->cdev, 512, CDEV_OFF) || fdatasync(z->fd))
		return -1;
	if (closing)
		z->dirty = false;
	return 0;
}

int cckd_flush(struct ckd_img *img)
{
	struct cckd *z = img->cckd;
	if (img->ro || !z->dirty)
		return 0;
	return write_meta(img, false);
}

void cckd_close(struct ckd_img *img)
{
	struct cckd *z = img->cckd;
	if (!z)
		return;
	if (!img->ro && z->dirty)
		write_meta(img, true);
	for (uint32_t k = 0; z->l2 && k < z->numl1; k++)
		free(z->l2[k]);
	free(z->l2);
	free(z->l1);
	free(z->free);
	free(z->cbuf);
	free(z);
	img->cckd = NULL;
}
