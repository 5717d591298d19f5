/* dasd_init.c — `dasd init`: a new, initialized volume image.
 *
 * A CKD volume as an OS volume initialization leaves it (IBM Device Support
 * Facilities: INIT; the layouts are those of z/OS DFSMSdfp Advanced Services,
 * "VTOC" and "Volume label"):
 *
 *   cyl 0 head 0   R0, R1 key "IPL1" (24 bytes: a PSW and two CCWs, here a
 *                  disabled wait), R2 key "IPL2" (144 bytes of zeros, room
 *                  for a bootstrap), R3 key "VOL1" (the 80-byte volume label
 *                  with the VTOC's CCHHR)
 *   cyl 0 head 1   the VTOC, TRACKS tracks of 44+96-byte DSCBs: the format-4
 *                  (VTOC and device description), a format-5 (free space),
 *                  then empty format-0 DSCBs to the end of the VTOC
 *   every other    home address and R0 only (what Hercules' dasdinit writes)
 *   track
 *
 * Files: a Hercules CKD image (a 512-byte device header, then fixed-size
 * track slots), or a CCKD image (devices/dasd_cckd.c gives the layout) in
 * which only the tracks with records are stored and every other track is an
 * empty L2 entry, as in the images `dasdinit -z` makes.  An FBA volume is a
 * file of 512-byte blocks with the VOL1 label in block 1 (as dasdinit).
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>
#include <zlib.h>

#include "dasd.h"

/* The device description of the format-4 DSCB (DS4DEVTK .. DS4DEVDB): track
 * length, record overheads, flags, tolerance, DSCBs and directory blocks per
 * track — the values Hercules 3.13's dasdload writes for each type (on the
 * 3350 the keyed-block overhead, 267, does not fit its byte: dasdload writes
 * the low byte, X'0B', and so does this table) — and the alternate
 * cylinders of a full-size volume per model. */
struct f4dev {
	uint16_t type;
	bool alt_scaled; /* alternates: one per base-model size (3340, 3380) */
	uint16_t devtk;
	uint8_t devi, devl, devk, devfg;
	uint16_t devtl;
	uint8_t devdt, devdb;
	uint8_t alt; /* alternate cylinders of the first model */
};

static const struct f4dev f4devs[] = {
    {0x2311, false, 3625, 81, 20, 20, 0x01, 537, 16, 10, 3},
    {0x2314, false, 7294, 146, 45, 45, 0x01, 534, 25, 17, 3},
    {0x3330, false, 13165, 191, 191, 56, 0x01, 512, 39, 28, 7},
    {0x3340, true, 8535, 242, 242, 75, 0x01, 512, 22, 16, 1},
    {0x3350, false, 19254, 11, 11, 82, 0x01, 512, 47, 36, 5},
    {0x3375, false, 36000, 0, 0, 0, 0x30, 0, 51, 43, 3},
    {0x3380, true, 47968, 0, 0, 0, 0x30, 0, 53, 46, 1},
};

static const struct f4dev *f4dev_of(uint16_t type)
{
	for (size_t k = 0; k < sizeof f4devs / sizeof f4devs[0]; k++)
		if (f4devs[k].type == type)
			return &f4devs[k];
	return NULL;
}

/* The largest cylinder count a volume of this model may have: its primary
 * cylinders and the alternates dasdinit -a adds (3340 and 3380: one per
 * base-model size, so 2 for a 3340-2 and 3 for a 3380-K). */
static uint32_t max_cyls(const struct ckd_geom *g, const struct f4dev *d)
{
	if (d->alt_scaled) {
		uint32_t base = g->type == 0x3340 ? 348 : 885;
		return g->cyls + g->cyls / base;
	}
	return g->cyls + d->alt;
}

/* ---- building tracks ---- */

struct trk {
	uint8_t *buf;
	uint32_t len, size;
};

static void trk_begin(struct trk *t, uint32_t cc, uint32_t hh)
{
	memset(t->buf, 0, t->size);
	t->buf[0] = 0;
	ckd_put16(t->buf + 1, (uint16_t)cc);
	ckd_put16(t->buf + 3, (uint16_t)hh);
	t->len = CKD_HA_LEN;
}

/* Append a record (count, key, data); key or data NULL: zeros. */
static void trk_rec(struct trk *t, uint32_t cc, uint32_t hh, uint8_t r, const uint8_t *key, uint8_t kl,
                    const uint8_t *data, uint16_t dl)
{
	uint8_t *p = t->buf + t->len;
	ckd_put16(p, (uint16_t)cc);
	ckd_put16(p + 2, (uint16_t)hh);
	p[4] = r;
	p[5] = kl;
	ckd_put16(p + 6, dl);
	p += CKD_COUNT_LEN;
	if (key)
		memcpy(p, key, kl);
	p += kl;
	if (data)
		memcpy(p, data, dl);
	t->len += CKD_COUNT_LEN + kl + dl;
}

static void trk_end(struct trk *t)
{
	memset(t->buf + t->len, 0xFF, CKD_EOT_LEN);
	t->len += CKD_EOT_LEN;
}

static void put_cchh(uint8_t *p, uint32_t trk, uint32_t heads)
{
	ckd_put16(p, (uint16_t)(trk / heads));
	ckd_put16(p + 2, (uint16_t)(trk % heads));
}

/* A free-space extent of the format-5 DSCB: relative track, cylinders, tracks. */
static void put_f5ext(uint8_t *p, uint32_t first, uint32_t count, uint32_t heads)
{
	ckd_put16(p, (uint16_t)first);
	ckd_put16(p + 2, (uint16_t)(count / heads));
	p[4] = (uint8_t)(count % heads);
}

struct vol {
	const struct ckd_geom *g;
	const struct f4dev *d;
	uint32_t cyls, heads, tracks, trksize;
	uint32_t vtoc; /* VTOC tracks (0: no label, -r) */
	char volser[7];
};

/* Track 0: R0, IPL1, IPL2, VOL1. */
static void build_track0(const struct vol *v, struct trk *t)
{
	static const uint8_t ipl1[24] = {
	    0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x00, 0x0F, /* PSW: disabled wait, code X'F' */
	    0x03, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x01, /* CCW: no-operation, end of IPL */
	};
	uint8_t key[4], vol1[80];
	trk_begin(t, 0, 0);
	trk_rec(t, 0, 0, 0, NULL, 0, NULL, 8);
	dasd_a2e("IPL1", key, 4);
	trk_rec(t, 0, 0, 1, key, 4, ipl1, sizeof ipl1);
	dasd_a2e("IPL2", key, 4);
	trk_rec(t, 0, 0, 2, key, 4, NULL, 144);
	/* VOL1: label id, volser, security byte, VTOC CCHHR, blanks (owner at 41) */
	dasd_a2e("", vol1, sizeof vol1);
	dasd_a2e("VOL1", vol1, 4);
	dasd_a2e(v->volser, vol1 + 4, 6);
	put_cchh(vol1 + 11, 1, v->heads);
	vol1[15] = 1;
	dasd_a2e("VOL1", key, 4);
	trk_rec(t, 0, 0, 3, key, 4, vol1, sizeof vol1);
	trk_end(t);
}

/* VTOC track k (0 = the first, with the format-4 and format-5 DSCBs). */
static void build_vtoc_track(const struct vol *v, uint32_t k, struct trk *t)
{
	uint32_t trk = 1 + k, cc = trk / v->heads, hh = trk % v->heads;
	uint8_t key[44], data[96];
	trk_begin(t, cc, hh);
	trk_rec(t, cc, hh, 0, NULL, 0, NULL, 8);
	for (uint32_t r = 1; r <= v->d->devdt; r++) {
		memset(key, 0, sizeof key);
		memset(data, 0, sizeof data);
		if (k == 0 && r == 1) {          /* format 4: the VTOC itself */
			uint32_t last = v->vtoc; /* the VTOC's last track */
			memset(key, 0x04, sizeof key);
			data[0] = 0xF4;
			put_cchh(data + 1, 1, v->heads); /* DS4HPCHR: no format-1 yet, itself */
			data[5] = 1;
			ckd_put16(data + 6, (uint16_t)(v->vtoc * v->d->devdt - 2)); /* DS4DSREC */
			ckd_put16(data + 8, (uint16_t)v->cyls);                     /* DS4HCCHH */
			data[15] = 1;                                               /* DS4NOEXT */
			ckd_put16(data + 18, (uint16_t)v->cyls);                    /* DS4DEVSZ */
			ckd_put16(data + 20, (uint16_t)v->heads);
			ckd_put16(data + 22, v->d->devtk);
			data[24] = v->d->devi;
			data[25] = v->d->devl;
			data[26] = v->d->devk;
			data[27] = v->d->devfg;
			ckd_put16(data + 28, v->d->devtl);
			data[30] = v->d->devdt;
			data[31] = v->d->devdb;
			data[61] = 0x01; /* DS4VTOCE: extent type, sequence, from, to */
			put_cchh(data + 63, 1, v->heads);
			put_cchh(data + 67, last, v->heads);
		} else if (k == 0 && r == 2) { /* format 5: the free space after the VTOC */
			memset(key, 0x05, 4);
			uint32_t first = v->vtoc + 1;
			if (first < v->tracks)
				put_f5ext(key + 4, first, v->tracks - first, v->heads);
			data[0] = 0xF5;
		}
		trk_rec(t, cc, hh, (uint8_t)r, key, 44, data, 96);
	}
	trk_end(t);
}

/* The content of track trk: a labelled track, or HA and R0 only. */
static void build_track(const struct vol *v, uint32_t trk, struct trk *t)
{
	if (v->vtoc && trk == 0) {
		build_track0(v, t);
	} else if (v->vtoc && trk <= v->vtoc) {
		build_vtoc_track(v, trk - 1, t);
	} else {
		trk_begin(t, trk / v->heads, trk % v->heads);
		trk_rec(t, trk / v->heads, trk % v->heads, 0, NULL, 0, NULL, 8);
		trk_end(t);
	}
}

static void devhdr(const struct vol *v, uint8_t *h, bool compressed)
{
	memset(h, 0, CKD_DEVHDR_LEN);
	memcpy(h, compressed ? "CKD_C370" : "CKD_P370", 8);
	dasd_put_le32(h + 8, v->heads);
	dasd_put_le32(h + 12, v->trksize);
	h[16] = v->g->code;
}

static int write_all(int fd, const void *buf, size_t n, off_t off)
{
	return pwrite(fd, buf, n, off) == (ssize_t)n ? 0 : -1;
}

/* File seq (0: the only one; 1, 2, ...: of several) of a plain CKD volume,
 * cylinders first .. first + ncyl - 1.  Its header names its sequence and,
 * but in the last file, its last cylinder (docs/dasd.md "Image formats"). */
static int write_ckd(const struct vol *v, int fd, struct trk *t, uint32_t first, uint32_t ncyl, int seq)
{
	uint8_t h[CKD_DEVHDR_LEN];
	devhdr(v, h, false);
	bool last = first + ncyl >= v->cyls;
	h[17] = (uint8_t)seq;
	if (seq && !last) {
		h[18] = (uint8_t)(first + ncyl - 1);
		h[19] = (uint8_t)((first + ncyl - 1) >> 8);
	}
	if (write_all(fd, h, sizeof h, 0))
		return -1;
	for (uint32_t k = 0; k < ncyl * v->heads; k++) {
		build_track(v, first * v->heads + k, t);
		if (write_all(fd, t->buf, v->trksize, CKD_DEVHDR_LEN + (off_t)k * v->trksize))
			return -1;
	}
	return 0;
}

/* Hercules' rule for a plain CKD volume: each file holds as many whole
 * cylinders as fit in 2 GB with its header. */
static uint32_t cyls_per_file(const struct vol *v)
{
	return (uint32_t)((0x80000000u - CKD_DEVHDR_LEN) / ((uint64_t)v->heads * v->trksize));
}

/* The files of a plain CKD volume of more than per_file cylinders: the
 * first is file, the others named as s370 and Hercules look for them. */
static int write_ckd_files(const struct vol *v, const char *file, int fd, struct trk *t, uint32_t per_file,
                           bool force, int *made)
{
	int nfiles = (int)((v->cyls + per_file - 1) / per_file);
	*made = 1;
	if (nfiles == 1)
		return write_ckd(v, fd, t, 0, v->cyls, 0);
	for (int f = 0; f < nfiles; f++) {
		char name[4096];
		int ffd = fd;
		if (f) {
			ckd_file_name(file, f + 1, name, sizeof name);
			ffd = open(name, O_RDWR | O_CREAT | (force ? O_TRUNC : O_EXCL), 0644);
			if (ffd < 0) {
				dasd_err("init: %s: %s%s", name, strerror(errno),
				         errno == EEXIST ? " (-f replaces it)" : "");
				return -1;
			}
			(*made)++;
		}
		uint32_t first = (uint32_t)f * per_file;
		uint32_t n = v->cyls - first < per_file ? v->cyls - first : per_file;
		int rc = write_ckd(v, ffd, t, first, n, f + 1) || fsync(ffd);
		if (f)
			close(ffd);
		if (rc)
			return -1;
	}
	return 0;
}

/* The track image of a CCKD file: 5-byte header (compression, CC, HH), then
 * the rest compressed when that makes it shorter. */
static uint32_t cckd_image(const struct trk *t, int method, uint8_t *out, uint32_t room)
{
	uint32_t body = t->len - CKD_HA_LEN;
	uint8_t m = 0;
	uint32_t n = body;
	if (method == 1) {
		uLongf zn = room - CKD_HA_LEN;
		if (compress2(out + CKD_HA_LEN, &zn, t->buf + CKD_HA_LEN, body, Z_DEFAULT_COMPRESSION) ==
		        Z_OK &&
		    zn < body) {
			m = 1;
			n = (uint32_t)zn;
		}
	} else if (method == 2) {
		unsigned bn = room - CKD_HA_LEN;
		if (BZ2_bzBuffToBuffCompress((char *)out + CKD_HA_LEN, &bn, (char *)t->buf + CKD_HA_LEN, body,
		                             9, 0, 0) == BZ_OK &&
		    bn < body) {
			m = 2;
			n = bn;
		}
	}
	if (!m)
		memcpy(out + CKD_HA_LEN, t->buf + CKD_HA_LEN, body);
	memcpy(out, t->buf, CKD_HA_LEN);
	out[0] = m;
	return CKD_HA_LEN + n;
}

/* A CCKD file: headers, the L1 table, an L2 table for each group of 256
 * tracks that holds a labelled track, then those tracks' images. */
static int write_cckd(const struct vol *v, int fd, struct trk *t, int method)
{
	uint32_t stored = v->vtoc ? v->vtoc + 1 : 0; /* tracks 0..vtoc have records */
	uint32_t numl1 = (v->tracks + 255) / 256, nl2 = stored ? (stored - 1) / 256 + 1 : 0;
	uint32_t room = t->size * 2 + 1024;
	uint8_t *img = malloc(room), *l1 = calloc(numl1, 4), *l2 = calloc(nl2 ? nl2 : 1, 2048);
	uint8_t h[1024] = {0};
	int rc = -1;
	if (!img || !l1 || !l2)
		goto out;
	uint32_t pos = 1024 + numl1 * 4;
	for (uint32_t k = 0; k < nl2; k++) {
		dasd_put_le32(l1 + 4 * k, pos);
		pos += 2048;
	}
	for (uint32_t k = 0; k < stored; k++) {
		build_track(v, k, t);
		uint32_t n = cckd_image(t, method, img, room);
		if (write_all(fd, img, n, pos))
			goto out;
		uint8_t *e = l2 + 8 * k;
		dasd_put_le32(e, pos);
		e[4] = (uint8_t)n, e[5] = (uint8_t)(n >> 8);
		e[6] = (uint8_t)n, e[7] = (uint8_t)(n >> 8);
		pos += n;
	}
	devhdr(v, h, true);
	uint8_t *c = h + 512; /* the compressed device header, little-endian */
	c[0] = 0, c[1] = 3, c[2] = 1;
	c[3] = 0x40 | 0x01; /* options: written read-write, "no fudge" (as dasdinit) */
	dasd_put_le32(c + 4, numl1);
	dasd_put_le32(c + 8, 256);
	dasd_put_le32(c + 12, pos); /* size */
	dasd_put_le32(c + 16, pos); /* used: no free space */
	dasd_put_le32(c + 40, v->cyls);
	c[44] = 0; /* null track format 0 */
	c[45] = (uint8_t)method;
	c[46] = c[47] = 0xFF; /* compression parameter: default */
	if (write_all(fd, h, sizeof h, 0) || write_all(fd, l1, numl1 * 4, 1024) ||
	    write_all(fd, l2, nl2 * 2048, 1024 + numl1 * 4))
		goto out;
	rc = 0;
out:
	free(img);
	free(l1);
	free(l2);
	return rc;
}

static bool volser_ok(const char *s, char *out)
{
	size_t n = strlen(s);
	if (n < 1 || n > 6)
		return false;
	for (size_t k = 0; k < n; k++) {
		char ch = s[k] >= 'a' && s[k] <= 'z' ? (char)(s[k] - 32) : s[k];
		if (!((ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '@' || ch == '#' ||
		      ch == '$' || ch == '-'))
			return false;
		out[k] = ch;
	}
	out[n] = 0;
	return true;
}

static int init_fba(const char *file, const char *type, const char *volser, const char *size, bool raw,
                    int fd)
{
	unsigned long blocks = !strcmp(type, "3310") ? 125664 : 558000;
	if (!strcasecmp(type, "3370-2"))
		blocks = 712752;
	if (size && !dasd_number(size, 2, 4194304, &blocks)) {
		dasd_err("blocks '%s' out of range (2-4194304)", size);
		return DASD_USAGE;
	}
	uint8_t blk[512] = {0};
	if (ftruncate(fd, (off_t)blocks * 512) || write_all(fd, blk, 512, 0))
		goto ioerr;
	if (!raw) {
		char vs[7] = "";
		volser_ok(volser, vs);
		dasd_a2e("VOL1", blk, 4);
		dasd_a2e(vs, blk + 4, 6);
	}
	if (write_all(fd, blk, 512, 512) || fsync(fd))
		goto ioerr;
	printf("%s: %s volume %s, %lu blocks of 512 bytes\n", file, type, raw ? "(no label)" : volser,
	       blocks);
	return DASD_OK;
ioerr:
	dasd_err("%s: %s", file, strerror(errno));
	return DASD_USAGE;
}

static bool is_fba(const char *type)
{
	return !strcmp(type, "3310") || !strcmp(type, "3370") || !strcasecmp(type, "3370-2");
}

int dasd_init_main(int argc, char **argv)
{
	int method = -1; /* -1: plain CKD; 0, 1, 2: CCKD none, zlib, bzip2 */
	bool raw = false, force = false;
	const char *vtoc_arg = NULL, *per_arg = NULL;
	int a = 1;
	for (; a < argc && argv[a][0] == '-' && argv[a][1]; a++) {
		if (!strcmp(argv[a], "-z"))
			method = 1;
		else if (!strcmp(argv[a], "-bz2"))
			method = 2;
		else if (!strcmp(argv[a], "-0"))
			method = 0;
		else if (!strcmp(argv[a], "-r"))
			raw = true;
		else if (!strcmp(argv[a], "-f"))
			force = true;
		else if (!strcmp(argv[a], "-v") && a + 1 < argc)
			vtoc_arg = argv[++a];
		else if (!strcmp(argv[a], "-m") && a + 1 < argc)
			per_arg = argv[++a];
		else {
			dasd_err("init: unknown option '%s'", argv[a]);
			return DASD_USAGE;
		}
	}
	int npos = argc - a;
	if (npos < (raw ? 2 : 3) || npos > (raw ? 3 : 4)) {
		dasd_err("init: expected FILE TYPE %s[CYLINDERS]  (dasd --help)", raw ? "" : "VOLSER ");
		return DASD_USAGE;
	}
	const char *file = argv[a], *type = argv[a + 1];
	const char *volser = raw ? "" : argv[a + 2];
	const char *size = npos > (raw ? 2 : 3) ? argv[argc - 1] : NULL;
	struct vol v = {0};
	if (!raw && !volser_ok(volser, v.volser)) {
		dasd_err("init: bad volser '%s': 1 to 6 letters, digits, @, #, $ or -", volser);
		return DASD_USAGE;
	}
	bool fba = is_fba(type);
	if (!fba) {
		v.g = ckd_geom_find(type);
		v.d = v.g ? f4dev_of(v.g->type) : NULL;
		if (!v.d) {
			dasd_err("init: unknown device type '%s' (2311, 2314, 3330, 3330-11, 3340, 3340-2, "
			         "3350, 3375, 3380, 3380-E, 3380-K, 3310, 3370)",
			         type);
			return DASD_USAGE;
		}
		unsigned long cyls = v.g->cyls, hi = max_cyls(v.g, v.d);
		if (size && !dasd_number(size, 1, hi, &cyls)) {
			dasd_err("init: cylinders '%s' out of range (1-%lu for a %s)", size, hi, v.g->name);
			return DASD_USAGE;
		}
		v.cyls = (uint32_t)cyls;
		v.heads = v.g->heads;
		v.tracks = v.cyls * v.heads;
		v.trksize = ckd_track_size(v.g);
		unsigned long vt = v.heads - 1, vmax = v.tracks - 1;
		if (vmax > 65535u / v.d->devdt)
			vmax = 65535u / v.d->devdt; /* DS4DSREC counts the DSCBs in 16 bits */
		if (vtoc_arg && !dasd_number(vtoc_arg, 1, vmax, &vt)) {
			dasd_err("init: VTOC tracks '%s' out of range (1-%lu)", vtoc_arg, vmax);
			return DASD_USAGE;
		}
		if (vt > v.tracks - 1)
			vt = v.tracks - 1;
		v.vtoc = raw ? 0 : (uint32_t)vt;
	} else if (method >= 0) {
		dasd_err("init: compressed FBA images are not supported; leave out -z/-bz2");
		return DASD_USAGE;
	}
	uint32_t per_file = fba ? 0 : cyls_per_file(&v);
	if (per_arg) {
		unsigned long pf;
		if (fba || method >= 0) {
			dasd_err("init: -m (cylinders per file) is for plain CKD volumes only");
			return DASD_USAGE;
		}
		if (!dasd_number(per_arg, 1, per_file, &pf)) {
			dasd_err("init: cylinders per file '%s' out of range (1-%u for a %s)", per_arg,
			         per_file, v.g->name);
			return DASD_USAGE;
		}
		per_file = (uint32_t)pf;
	}
	if (!fba && (v.cyls + per_file - 1) / per_file > CKD_MAX_FILES) {
		dasd_err("init: %u cylinders of %u per file need more than %d files", v.cyls, per_file,
		         CKD_MAX_FILES);
		return DASD_USAGE;
	}
	int fd = open(file, O_RDWR | O_CREAT | (force ? O_TRUNC : O_EXCL), 0644);
	if (fd < 0) {
		dasd_err("init: %s: %s%s", file, strerror(errno), errno == EEXIST ? " (-f replaces it)" : "");
		return DASD_USAGE;
	}
	int rc, made = 1;
	if (fba) {
		rc = init_fba(file, type, volser, size, raw, fd);
	} else {
		struct trk t = {.size = v.trksize};
		t.buf = malloc(t.size);
		rc = !t.buf ||
		     (method < 0 ? write_ckd_files(&v, file, fd, &t, per_file, force, &made)
		                 : write_cckd(&v, fd, &t, method)) ||
		     fsync(fd);
		free(t.buf);
		if (rc) {
			dasd_err("init: %s: %s", file, strerror(errno));
			rc = DASD_USAGE;
		} else {
			static const char *const how[] = {"CCKD, not compressed", "CCKD, zlib",
			                                  "CCKD, bzip2"};
			printf("%s: %s volume %s, %u cylinders of %u tracks, %u bytes/track (%s)\n", file,
			       v.g->name, raw ? "(no label)" : v.volser, v.cyls, v.heads, v.trksize,
			       method < 0 ? "CKD" : how[method]);
			if (made > 1)
				printf("%s: %d files of at most %u cylinders each\n", file, made, per_file);
		}
	}
	close(fd);
	if (rc) {
		unlink(file);
		for (int f = 2; f <= made; f++) {
			char name[4096];
			ckd_file_name(file, f, name, sizeof name);
			unlink(name);
		}
	}
	return rc;
}
