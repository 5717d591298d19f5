/* dasd_cckdchk.c — `dasd check` of a CCKD (compressed CKD) image, and
 * `--repair`.
 *
 * The layout is described in devices/dasd_cckd.c (Hercules cckd(4)).  What
 * must hold in a consistent image:
 *   - the compressed device header: 256 entries per L2 table, cylinders, an
 *     L1 table that covers every track, a known compression, the file size
 *   - every L1 entry is 0 (no table) or an L2 table inside the file; every L2
 *     entry is empty (offset 0, length 0-2: the null-track formats) or a
 *     track image inside the file, of a plausible length, for a track of
 *     the volume
 *   - no two of header, L1 table, L2 tables, track images and free spaces
 *     overlap, and together they cover the file (no lost space)
 *   - the free spaces (the chain of cckd(4), or Hercules 3.13's FREE_BLK
 *     table) are in file order, inside the file, and add up to the counts
 *     in the header
 *   - in a shadow file ("CKD_S370", devices/dasd_cckd.c) an L1 or L2 entry
 *     X'FFFFFFFF' leaves the track to the base image
 *   - every track image has its own cylinder and head in its 5-byte header,
 *     decompresses, and is a well-formed track (dasd_check.c)
 * An image whose OPENED bit is on was not closed (the emulator was killed):
 * its free-space chain and size are stale by design, and tracks may lie
 * past the size in the header; that is "needs recovery", not damage.
 * --repair then rebuilds the free space from what the L2 tables use, cuts
 * the file after the last used byte and clears the bit; it refuses (and
 * writes nothing) when the tables or tracks themselves are damaged.
 */
#include <bzlib.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "dasd.h"

enum { SP_HDR, SP_L2, SP_TRK, SP_FREE, SP_FREETAB };

struct space {
	uint32_t pos, len;
	uint8_t kind;
	uint32_t id;   /* L1 index or track */
	uint16_t ilen; /* track image: its length (len is the space it holds) */
};

struct cchk {
	struct dasd_chk *c;
	int fd;
	bool be, shadow;
	uint8_t cdev[512];
	uint32_t numl1, *l1, heads, trksize, tracks, limit, data_start;
	struct space *sp;
	size_t nsp, capsp;
};

static uint32_t g32(const struct cchk *k, const uint8_t *p)
{
	return k->be ? (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3]
	             : dasd_le32(p);
}
static uint16_t g16(const struct cchk *k, const uint8_t *p)
{
	return k->be ? (uint16_t)(p[0] << 8 | p[1]) : (uint16_t)(p[1] << 8 | p[0]);
}
static void p32(const struct cchk *k, uint8_t *p, uint32_t v)
{
	for (int i = 0; i < 4; i++)
		p[k->be ? 3 - i : i] = (uint8_t)(v >> 8 * i);
}
static void p16(const struct cchk *k, uint8_t *p, uint16_t v)
{
	p[k->be ? 1 : 0] = (uint8_t)v;
	p[k->be ? 0 : 1] = (uint8_t)(v >> 8);
}

static int add_space(struct cchk *k, struct space s)
{
	if (k->nsp == k->capsp) {
		size_t cap = k->capsp ? k->capsp * 2 : 1024;
		struct space *n = realloc(k->sp, cap * sizeof *n);
		if (!n)
			return -1;
		k->sp = n;
		k->capsp = cap;
	}
	k->sp[k->nsp++] = s;
	return 0;
}

static int by_pos(const void *a, const void *b)
{
	const struct space *x = a, *y = b;
	return x->pos < y->pos ? -1 : x->pos > y->pos ? 1 : x->kind - y->kind;
}

static void describe(const struct space *s, char *out, size_t n)
{
	switch (s->kind) {
	case SP_HDR:
		snprintf(out, n, "the headers and L1 table");
		break;
	case SP_L2:
		snprintf(out, n, "L2 table %u (offset %u)", s->id, s->pos);
		break;
	case SP_TRK:
		snprintf(out, n, "track %u's image (offset %u, %u bytes)", s->id, s->pos, s->len);
		break;
	case SP_FREE:
		snprintf(out, n, "free space at %u (%u bytes)", s->pos, s->len);
		break;
	default:
		snprintf(out, n, "the free-space table at %u", s->pos);
	}
}

/* Decompress and check one track image. */
static void check_image(struct cchk *k, const struct space *s, uint8_t *raw, uint8_t *buf)
{
	struct dasd_chk *c = k->c;
	uint32_t trk = s->id, cc = trk / k->heads, hh = trk % k->heads;
	if (pread(k->fd, raw, s->ilen, s->pos) != s->ilen) {
		dasd_problem(c, "track %u: cannot read its image at offset %u", trk, s->pos);
		return;
	}
	if (ckd_be16(raw + 1) != cc || ckd_be16(raw + 3) != hh) {
		dasd_problem(c, "track %u: its image at offset %u is for cyl %u head %u", trk, s->pos,
		             ckd_be16(raw + 1), ckd_be16(raw + 3));
		return;
	}
	uint8_t m = raw[0] & 3;
	uint32_t in = s->ilen - CKD_HA_LEN, out = k->trksize - CKD_HA_LEN;
	bool ok = false;
	if (m == 0) {
		ok = in <= out;
		if (ok)
			memcpy(buf + CKD_HA_LEN, raw + CKD_HA_LEN, in), out = in;
	} else if (m == 1) {
		uLongf zn = out;
		ok = uncompress(buf + CKD_HA_LEN, &zn, raw + CKD_HA_LEN, in) == Z_OK;
		out = (uint32_t)zn;
	} else if (m == 2) {
		unsigned bn = out;
		ok = BZ2_bzBuffToBuffDecompress((char *)buf + CKD_HA_LEN, &bn, (char *)raw + CKD_HA_LEN, in,
		                                0, 0) == BZ_OK;
		out = bn;
	}
	static const char *const mname[] = {"stored", "zlib", "bzip2", "method 3"};
	if (!ok) {
		dasd_problem(c, "track %u: its image at offset %u (%u bytes, %s) does not %s", trk, s->pos,
		             s->ilen, mname[m],
		             m == 0   ? "fit a track"
		             : m == 3 ? "name a known compression"
		                      : "decompress");
		return;
	}
	memcpy(buf, raw, CKD_HA_LEN);
	buf[0] = 0;
	const char *why = dasd_track_problem(buf, CKD_HA_LEN + out, cc, hh);
	if (*why)
		dasd_problem(c, "track %u (cyl %u head %u), image at offset %u: %s", trk, cc, hh, s->pos,
		             why);
}

/* The L1 and L2 tables: spaces of tables and images. */
static int load_tables(struct cchk *k)
{
	struct dasd_chk *c = k->c;
	uint8_t *raw = malloc((size_t)k->numl1 * 4), l2[2048];
	k->l1 = calloc(k->numl1, 4);
	if (!raw || !k->l1 || pread(k->fd, raw, (size_t)k->numl1 * 4, 1024) != (ssize_t)k->numl1 * 4) {
		free(raw);
		dasd_err("%s: cannot read the L1 table", c->path);
		return DASD_USAGE;
	}
	if (add_space(k, (struct space){.pos = 0, .len = k->data_start, .kind = SP_HDR}))
		goto nomem;
	for (uint32_t i = 0; i < k->numl1; i++) {
		uint32_t v = k->l1[i] = g32(k, raw + 4 * i);
		if (v == 0 || v == 0xFFFFFFFF)
			continue;
		if (v < k->data_start || (uint64_t)v + sizeof l2 > k->limit) {
			dasd_problem(
			    c,
			    "L1 entry %u (tracks %u-%u): its L2 table at offset %u is outside the data "
			    "(%u to %u)",
			    i, i * 256, i * 256 + 255, v, k->data_start, k->limit);
			k->l1[i] = 0xFFFFFFFE; /* unusable: skipped below */
			continue;
		}
		if (pread(k->fd, l2, sizeof l2, v) != (ssize_t)sizeof l2) {
			dasd_err("%s: read error at offset %u: %s", c->path, v, strerror(errno));
			free(raw);
			return DASD_USAGE;
		}
		if (add_space(k, (struct space){.pos = v, .len = sizeof l2, .kind = SP_L2, .id = i}))
			goto nomem;
		for (uint32_t e = 0; e < 256; e++) {
			const uint8_t *p = l2 + 8 * e;
			uint32_t trk = i * 256 + e, pos = g32(k, p), len = g16(k, p + 4),
			         size = g16(k, p + 6);
			if (pos == 0xFFFFFFFF && k->shadow)
				continue; /* a shadow file: the track is in the base */
			if (pos == 0) {
				if (len > 2)
					dasd_problem(c, "track %u: its L2 entry has no image but length %u",
					             trk, len);
				continue;
			}
			if (trk >= k->tracks)
				dasd_problem(
				    c,
				    "L2 table %u entry %u: an image for track %u, past the volume's %u "
				    "tracks",
				    i, e, trk, k->tracks);
			else if (len <= CKD_HA_LEN || size < len)
				dasd_problem(c,
				             "track %u: implausible L2 entry (offset %u, length %u, size %u)",
				             trk, pos, len, size);
			else if (pos < k->data_start || (uint64_t)pos + size > k->limit)
				dasd_problem(
				    c,
				    "track %u: its image at offset %u (%u bytes) is outside the data (%u "
				    "to %u)",
				    trk, pos, size, k->data_start, k->limit);
			else if (add_space(k, (struct space){.pos = pos,
			                                     .len = size,
			                                     .kind = SP_TRK,
			                                     .id = trk,
			                                     .ilen = (uint16_t)len}))
				goto nomem;
		}
	}
	free(raw);
	return 0;
nomem:
	free(raw);
	dasd_err("out of memory");
	return DASD_USAGE;
}

/* The free spaces recorded in the image: chain or FREE_BLK table. */
static void load_free(struct cchk *k)
{
	struct dasd_chk *c = k->c;
	uint32_t pos = g32(k, k->cdev + 20), want_n = g32(k, k->cdev + 32), want_total = g32(k, k->cdev + 24);
	uint32_t n = 0, total = 0, prev_end = k->data_start;
	uint8_t fb[8];
	if (pos && (uint64_t)pos + 8 <= k->limit && pread(k->fd, fb, 8, pos) == 8 &&
	    !memcmp(fb, "FREE_BLK", 8)) {
		if ((uint64_t)pos + 8 + (uint64_t)want_n * 8 > k->limit) {
			dasd_problem(c,
			             "free space: the FREE_BLK table at %u (%u entries) runs past the data",
			             pos, want_n);
			return;
		}
		add_space(k, (struct space){.pos = pos, .len = 8 + want_n * 8, .kind = SP_FREETAB});
		for (uint32_t i = 0; i < want_n; i++) {
			uint8_t e[8];
			if (pread(k->fd, e, 8, pos + 8 + 8 * i) != 8)
				return;
			uint32_t p = g32(k, e), l = g32(k, e + 4);
			if (p < prev_end || l == 0 || (uint64_t)p + l > k->limit) {
				dasd_problem(
				    c,
				    "free space %u in the FREE_BLK table (offset %u, %u bytes) is out of "
				    "order or outside the data",
				    i, p, l);
				return;
			}
			add_space(k, (struct space){.pos = p, .len = l, .kind = SP_FREE});
			prev_end = p + l;
		}
		return;
	}
	while (pos) {
		if (pos < prev_end || (uint64_t)pos + 8 > k->limit || pread(k->fd, fb, 8, pos) != 8) {
			dasd_problem(
			    c,
			    "free space chain: entry %u at offset %u is out of order or outside the data "
			    "(%u to %u)",
			    n + 1, pos, prev_end, k->limit);
			return;
		}
		uint32_t len = g32(k, fb + 4);
		if (len < 8 || (uint64_t)pos + len > k->limit) {
			dasd_problem(c, "free space chain: the space at %u has length %u", pos, len);
			return;
		}
		add_space(k, (struct space){.pos = pos, .len = len, .kind = SP_FREE});
		n++;
		total += len;
		prev_end = pos + len;
		pos = g32(k, fb);
	}
	/* Hercules counts in free_total also the "imbedded" free space: what
	 * track images leave unused of the space they hold (L2 size - length),
	 * and keeps that part in free_imbed.  Either count is sound. */
	uint64_t imbed = 0;
	for (size_t i = 0; i < k->nsp; i++)
		if (k->sp[i].kind == SP_TRK)
			imbed += k->sp[i].len - k->sp[i].ilen;
	bool with_imbed = imbed && total + imbed == want_total;
	if (n != want_n || (total != want_total && !with_imbed))
		dasd_problem(c,
		             "free space: the header counts %u spaces of %u bytes, the chain has %u of %u "
		             "(and track images leave %llu bytes unused)",
		             want_n, want_total, n, total, (unsigned long long)imbed);
}

/* Overlaps; in the second pass (free spaces added) only those that involve
 * a free space, and the bytes that nothing accounts for (lost space). */
static void check_layout(struct cchk *k, bool second)
{
	struct dasd_chk *c = k->c;
	qsort(k->sp, k->nsp, sizeof *k->sp, by_pos);
	uint64_t end = 0, gaps = 0, gapn = 0;
	size_t last = 0;
	for (size_t i = 0; i < k->nsp; i++) {
		const struct space *s = &k->sp[i];
		if (i && s->pos < end) {
			const struct space *p = &k->sp[last];
			bool pf = p->kind >= SP_FREE, sf = s->kind >= SP_FREE;
			bool table_in_free = pf && sf && p->kind != s->kind;
			if (!table_in_free && (second ? pf || sf : true)) {
				char a[100], b[100];
				describe(p, a, sizeof a);
				describe(s, b, sizeof b);
				dasd_problem(c, "%s overlaps %s", b, a);
			}
		} else if (s->pos > end) {
			gaps += s->pos - end;
			gapn++;
		}
		if (s->pos + (uint64_t)s->len > end) {
			end = s->pos + (uint64_t)s->len;
			last = i;
		}
	}
	if (end < k->limit) {
		gaps += k->limit - end;
		gapn++;
	}
	if (second && gaps)
		dasd_problem(c, "%llu bytes in %llu place%s are neither in use nor free space",
		             (unsigned long long)gaps, (unsigned long long)gapn, gapn == 1 ? "" : "s");
}

/* Rebuild the free space from the spaces in use (sorted); 0 or -1. */
static int repair(struct cchk *k)
{
	struct dasd_chk *c = k->c;
	size_t n = 0;
	for (size_t i = 0; i < k->nsp; i++)
		if (k->sp[i].kind <= SP_TRK)
			k->sp[n++] = k->sp[i];
	k->nsp = n;
	qsort(k->sp, n, sizeof *k->sp, by_pos);
	uint32_t end = 0, total = 0, largest = 0, count = 0, first = 0, prev = 0, lost = 0;
	size_t last = 0;
	for (size_t i = 0; i <= n; i++) {
		uint32_t pos = i < n ? k->sp[i].pos : UINT32_MAX;
		if (i < n && pos > end && pos - end >= 8) {
			uint8_t fb[8];
			p32(k, fb, 0);
			p32(k, fb + 4, pos - end);
			if (pwrite(k->fd, fb, 8, end) != 8)
				return -1;
			if (prev) {
				p32(k, fb, end);
				if (pwrite(k->fd, fb, 4, prev) != 4)
					return -1;
			} else {
				first = end;
			}
			prev = end;
			total += pos - end;
			largest = pos - end > largest ? pos - end : largest;
			count++;
		} else if (i < n && pos > end) {
			/* too small to chain: it stays with the track image before it */
			const struct space *b = i ? &k->sp[last] : NULL;
			uint32_t grow = pos - end;
			uint8_t sz[2];
			if (b && b->kind == SP_TRK && b->pos + b->len == end && b->len + grow <= 0xFFFF) {
				p16(k, sz, (uint16_t)(b->len + grow));
				if (pwrite(k->fd, sz, 2, k->l1[b->id / 256] + 8 * (b->id % 256) + 6) != 2)
					return -1;
			} else {
				lost += grow;
			}
		}
		if (i < n && pos + k->sp[i].len > end) {
			end = pos + k->sp[i].len;
			last = i;
		}
	}
	uint8_t *h = k->cdev;
	p32(k, h + 12, end);
	p32(k, h + 16, end - total);
	p32(k, h + 20, first);
	p32(k, h + 24, total);
	p32(k, h + 28, largest);
	p32(k, h + 32, count);
	h[3] &= (uint8_t)~0x80;
	if (ftruncate(k->fd, end) || pwrite(k->fd, h, 512, 512) != 512 || fsync(k->fd))
		return -1;
	printf("repaired: free space rebuilt (%u spaces, %u bytes%s), file size %u, opened bit off\n", count,
	       total, lost ? ", a few bytes too small to chain left out" : "", end);
	(void)c;
	return 0;
}

int dasd_check_cckd(struct dasd_chk *c, int fd, const uint8_t *devhdr, const struct ckd_geom *g)
{
	(void)g;
	struct cchk k = {.c = c, .fd = fd, .heads = dasd_le32(devhdr + 8), .trksize = dasd_le32(devhdr + 12)};
	struct stat st;
	if (fstat(fd, &st) || pread(fd, k.cdev, 512, 512) != 512) {
		dasd_problem(c, "truncated: no compressed device header after the device header");
		return 0;
	}
	k.be = k.cdev[3] & 0x02;
	k.shadow = !memcmp(devhdr, "CKD_S370", 8);
	bool opened = k.cdev[3] & 0x80;
	k.numl1 = g32(&k, k.cdev + 4);
	uint32_t numl2 = g32(&k, k.cdev + 8), size = g32(&k, k.cdev + 12), cyls = g32(&k, k.cdev + 40);
	uint8_t comp = k.cdev[45];
	static const char *const cname[] = {"not compressed", "zlib", "bzip2"};
	if (!c->quiet)
		printf("compressed header: version %u.%u.%u, %s, %u cylinders, %u L1 entries, size %u, file "
		       "%lld "
		       "bytes%s\n",
		       k.cdev[0], k.cdev[1], k.cdev[2], comp <= 2 ? cname[comp] : "unknown compression", cyls,
		       k.numl1, size, (long long)st.st_size, opened ? ", opened" : "");
	k.tracks = cyls * k.heads;
	if (numl2 != 256 || cyls == 0 || cyls > 65536 || k.numl1 > 65536 ||
	    (uint64_t)k.numl1 * 256 < (uint64_t)k.tracks) {
		dasd_problem(c, "bad compressed header: %u cylinders, %u L1 entries of %u L2 entries", cyls,
		             k.numl1, numl2);
		return 0;
	}
	if (comp > 2)
		dasd_problem(c, "unknown compression %u in the compressed header", comp);
	if (st.st_size > 0xFFFFFFFFll) {
		dasd_problem(c, "file of %lld bytes: larger than a CCKD image can be", (long long)st.st_size);
		return 0;
	}
	k.limit = (uint32_t)st.st_size;
	if (!opened && size != k.limit)
		dasd_problem(c, "%s: the header says %u bytes, the file has %u",
		             size > k.limit ? "truncated" : "size", size, k.limit);
	if (!opened && size < k.limit)
		k.limit = size;
	k.data_start = 1024 + 4 * k.numl1;
	if (k.data_start > k.limit) {
		dasd_problem(c, "truncated: the L1 table (%u entries) runs past the end of the file",
		             k.numl1);
		return 0;
	}
	int rc = load_tables(&k);
	if (rc)
		goto out;
	uint8_t *raw = malloc(65536), *buf = malloc(k.trksize);
	if (!raw || !buf) {
		free(raw);
		free(buf);
		dasd_err("out of memory");
		rc = DASD_USAGE;
		goto out;
	}
	uint32_t images = 0;
	for (size_t i = 0; i < k.nsp; i++)
		if (k.sp[i].kind == SP_TRK) {
			check_image(&k, &k.sp[i], raw, buf);
			images++;
		}
	free(raw);
	free(buf);
	check_layout(&k, false);
	int damage = c->problems;
	if (!c->quiet)
		printf("%u tracks, %u track image%s checked\n", k.tracks, images, images == 1 ? "" : "s");
	if (opened) {
		printf("needs recovery: not closed (the opened bit is on), its free space is stale\n");
		c->recovery = true;
	} else {
		load_free(&k);
		check_layout(&k, true);
	}
	if (c->repair && (opened || c->problems > damage)) {
		if (damage) {
			printf("not repaired: the tables or tracks are damaged (above); nothing written\n");
		} else if (repair(&k)) {
			dasd_err("%s: repair failed: %s", c->path, strerror(errno));
			rc = DASD_USAGE;
		} else {
			c->problems = 0;
			c->recovery = false;
		}
	}
out:
	free(k.l1);
	free(k.sp);
	return rc;
}
