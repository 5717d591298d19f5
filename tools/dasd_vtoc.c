/* dasd_vtoc.c — the volume as an OS sees it, and `dasd ls`.
 *
 * The VOL1 label (cylinder 0, head 0, the record with key "VOL1", R3 on an
 * OS volume) gives the CCHHR of the VTOC's first DSCB, the format-4 DSCB,
 * whose DS4VTOCE is the VTOC's extent.  Every DSCB is a record of a 44-byte
 * key and 96 bytes of data; the first data byte says the format (z/OS
 * DFSMSdfp Advanced Services, "DSCB formats"; offsets below are from the
 * start of the data, i.e. the DSCB offset less 44):
 *   format 1 (X'F1', key = data set name): +15 DS1NOEPV extents, +38 DS1DSORG,
 *       +40 DS1RECFM, +42 DS1BLKL, +44 DS1LRECL, +46 DS1KEYL, +54 DS1LSTAR
 *       (TTR of the last block), +61 three 10-byte extents, +91 DS1PTRDS (CCHHR
 *       of a format-2 or -3 DSCB)
 *   format 3 (key X'03030303' + 4 extents; X'F3', 9 extents, +91 pointer)
 *   format 5 (key X'05050505' + 8 free extents; X'F5', 18 extents, +91 next)
 * An extent: type, sequence, lower CCHH, upper CCHH.  A free extent: relative
 * track, cylinders, tracks.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dasd.h"

int dasd_fba_label(const char *path, char *volser, uint64_t *blocks)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0)
		return 0;
	uint8_t b[1024];
	struct stat st;
	bool fba = !fstat(fd, &st) && st.st_size >= 1024 && st.st_size % 512 == 0 &&
	           pread(fd, b, sizeof b, 0) == (ssize_t)sizeof b && memcmp(b, "CKD_", 4);
	close(fd);
	uint8_t vol1[4];
	dasd_a2e("VOL1", vol1, 4);
	if (!fba || memcmp(b + 512, vol1, 4)) /* the label is block 1 (docs/tools.md) */
		return 0;
	char vs[13];
	dasd_e2a(b + 512 + 4, 6, vs);
	vs[6] = 0;
	strcpy(volser, vs);
	*blocks = (uint64_t)st.st_size / 512;
	return 1;
}

int dasd_vol_open(struct dasd_vol *v, const char *path)
{
	memset(v, 0, sizeof *v);
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		dasd_err("%s: %s", path, strerror(errno));
		return DASD_USAGE;
	}
	char magic[8] = {0};
	ssize_t n = read(fd, magic, sizeof magic);
	close(fd);
	if (n != (ssize_t)sizeof magic || (memcmp(magic, "CKD_P370", 8) && memcmp(magic, "CKD_C370", 8))) {
		dasd_err("%s: not a CKD image (no CKD_P370 or CKD_C370 header)", path);
		return DASD_BAD;
	}
	char err[400];
	if (ckd_img_open(&v->img, path, true, err, sizeof err)) {
		dasd_err("%s", err);
		return DASD_BAD;
	}
	v->geom = ckd_geom_by_code(v->img.code, v->img.cyls);
	v->trk = malloc(v->img.trksize);
	if (!v->trk) {
		dasd_err("out of memory");
		ckd_img_close(&v->img);
		return DASD_USAGE;
	}
	return 0;
}

void dasd_vol_close(struct dasd_vol *v)
{
	ckd_img_close(&v->img);
	free(v->trk);
	v->trk = NULL;
}

int dasd_vol_read(struct dasd_vol *v, uint32_t trk)
{
	char err[300];
	if (trk >= v->img.tracks) {
		dasd_err("track %u is beyond the volume (%u tracks)", trk, v->img.tracks);
		return -1;
	}
	if (ckd_img_read(&v->img, trk, v->trk, err, sizeof err)) {
		dasd_err("%s", err);
		return -1;
	}
	return 0;
}

bool dasd_next_record(const struct dasd_vol *v, uint32_t *off, struct dasd_rec *rec, bool with_r0)
{
	const uint8_t *t = v->trk;
	uint32_t size = v->img.trksize;
	if (*off == 0)
		*off = CKD_HA_LEN;
	for (;;) {
		uint32_t o = *off;
		if (o + CKD_COUNT_LEN > size)
			return false;
		const uint8_t *c = t + o;
		static const uint8_t eot[8] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
		if (!memcmp(c, eot, 8))
			return false;
		uint32_t n = CKD_COUNT_LEN + c[5] + ckd_be16(c + 6);
		if (o + n > size)
			return false;
		*off = o + n;
		*rec = (struct dasd_rec){.cc = ckd_be16(c),
		                         .hh = ckd_be16(c + 2),
		                         .r = c[4],
		                         .kl = c[5],
		                         .dl = ckd_be16(c + 6),
		                         .key = c + 8,
		                         .data = c + 8 + c[5]};
		if (rec->r != 0 || with_r0 || o != CKD_HA_LEN)
			return true;
	}
}

/* The track of a CCHH (big-endian in p), or UINT32_MAX off the volume. */
static uint32_t cchh_track(const struct dasd_vol *v, const uint8_t *p)
{
	uint32_t cc = ckd_be16(p), hh = ckd_be16(p + 2);
	if (hh >= v->img.heads || cc >= v->img.cyls)
		return UINT32_MAX;
	return cc * v->img.heads + hh;
}

/* Read the DSCB at CCHHR p into key/data; 0 or -1. */
static int read_dscb(struct dasd_vol *v, const uint8_t *p, uint8_t *key, uint8_t *data)
{
	uint32_t trk = cchh_track(v, p);
	if (trk == UINT32_MAX || dasd_vol_read(v, trk))
		return -1;
	uint32_t off = 0;
	struct dasd_rec r;
	while (dasd_next_record(v, &off, &r, false))
		if (r.r == p[4] && r.kl == 44 && r.dl == 96) {
			memcpy(key, r.key, 44);
			memcpy(data, r.data, 96);
			return 0;
		}
	return -1;
}

int dasd_vol_label(struct dasd_vol *v)
{
	if (dasd_vol_read(v, 0))
		return DASD_BAD;
	uint32_t off = 0;
	struct dasd_rec r;
	uint8_t vol1[4];
	dasd_a2e("VOL1", vol1, 4);
	bool found = false;
	while (!found && dasd_next_record(v, &off, &r, false))
		found = r.kl == 4 && !memcmp(r.key, vol1, 4) && r.dl >= 20 && !memcmp(r.data, vol1, 4);
	if (!found) {
		dasd_err("no VOL1 label on cylinder 0 head 0 (not an OS volume)");
		return DASD_BAD;
	}
	char vs[13];
	dasd_e2a(r.data + 4, 6, vs);
	vs[6] = 0; /* six characters at most (a non-ASCII one takes two bytes) */
	memcpy(v->volser, vs, 7);
	uint8_t ptr[5], key[44];
	memcpy(ptr, r.data + 11, 5);
	v->vtoc_cchhr_c = ckd_be16(ptr);
	v->vtoc_cchhr_h = ckd_be16(ptr + 2);
	v->vtoc_r = ptr[4];
	if (read_dscb(v, ptr, key, v->f4) || v->f4[0] != 0xF4)
		return 0; /* a label without a VTOC (what dasdinit makes): has_f4 false */
	v->has_f4 = true;
	v->vtoc_first = cchh_track(v, v->f4 + 63);
	v->vtoc_last = cchh_track(v, v->f4 + 67);
	if (v->vtoc_first == UINT32_MAX || v->vtoc_last == UINT32_MAX || v->vtoc_last < v->vtoc_first) {
		dasd_err("volume %s: the VTOC extent in the format-4 DSCB is not on the volume", v->volser);
		return DASD_BAD;
	}
	return 0;
}

static void add_extent(struct dasd_vol *v, struct dasd_dscb *d, const uint8_t *e)
{
	if (e[0] == 0 || d->n_ext >= DASD_MAX_EXTENTS)
		return;
	uint32_t a = cchh_track(v, e + 2), b = cchh_track(v, e + 6);
	if (a == UINT32_MAX || b == UINT32_MAX || b < a)
		return; /* not on this volume: left out */
	d->ext[d->n_ext++] = (struct dasd_extent){.first = a, .last = b, .type = e[0]};
}

/* A format-1 DSCB's extents, and those of its format-3 DSCBs. */
static void load_extents(struct dasd_vol *v, struct dasd_dscb *d)
{
	d->n_ext = 0;
	for (int k = 0; k < 3; k++)
		add_extent(v, d, d->f1 + 61 + 10 * k);
	uint8_t ptr[5], key[44], data[96];
	memcpy(ptr, d->f1 + 91, 5);
	for (int hops = 0; hops < 8 && memcmp(ptr, "\0\0\0\0\0", 5); hops++) {
		if (read_dscb(v, ptr, key, data))
			return;
		if (data[0] == 0xF3) {
			for (int k = 0; k < 4; k++)
				add_extent(v, d, key + 4 + 10 * k);
			for (int k = 0; k < 9; k++)
				add_extent(v, d, data + 1 + 10 * k);
		} else if (data[0] != 0xF2) {
			return;
		}
		memcpy(ptr, data + 91, 5);
	}
}

uint32_t dasd_dscb_tracks(const struct dasd_dscb *d)
{
	uint32_t n = 0;
	for (int k = 0; k < d->n_ext; k++)
		n += d->ext[k].last - d->ext[k].first + 1;
	return n;
}

uint32_t dasd_rel_track(const struct dasd_dscb *d, uint32_t tt)
{
	for (int k = 0; k < d->n_ext; k++) {
		uint32_t n = d->ext[k].last - d->ext[k].first + 1;
		if (tt < n)
			return d->ext[k].first + tt;
		tt -= n;
	}
	return UINT32_MAX;
}

/* Call fn for every format-1 DSCB of the VTOC; counts DSCBs and free ones. */
static int each_dscb(struct dasd_vol *v, int (*fn)(struct dasd_vol *, struct dasd_dscb *, void *), void *arg,
                     uint32_t *ndscb, uint32_t *nfree)
{
	struct dasd_dscb d;
	*ndscb = *nfree = 0;
	for (uint32_t t = v->vtoc_first; t <= v->vtoc_last; t++) {
		if (dasd_vol_read(v, t))
			return -1;
		/* records of this track, copied: fn may read other tracks */
		uint8_t keys[128][44], datas[128][96];
		int n = 0;
		uint32_t off = 0;
		struct dasd_rec r;
		while (n < 128 && dasd_next_record(v, &off, &r, false)) {
			if (r.kl != 44 || r.dl != 96)
				continue;
			memcpy(keys[n], r.key, 44);
			memcpy(datas[n], r.data, 96);
			n++;
		}
		for (int k = 0; k < n; k++) {
			(*ndscb)++;
			if (datas[k][0] == 0 && keys[k][0] == 0)
				(*nfree)++;
			if (datas[k][0] != 0xF1)
				continue;
			memset(&d, 0, sizeof d);
			dasd_e2a(keys[k], 44, d.name);
			memcpy(d.f1, datas[k], 96);
			load_extents(v, &d);
			int rc = fn(v, &d, arg);
			if (rc)
				return rc;
		}
	}
	return 0;
}

struct find_arg {
	const char *name;
	struct dasd_dscb *out;
};

static int find_fn(struct dasd_vol *v, struct dasd_dscb *d, void *arg)
{
	(void)v;
	struct find_arg *f = arg;
	if (strcasecmp(d->name, f->name))
		return 0;
	*f->out = *d;
	return 2;
}

int dasd_find_dscb(struct dasd_vol *v, const char *name, struct dasd_dscb *d)
{
	struct find_arg f = {name, d};
	uint32_t n, nf;
	int rc = each_dscb(v, find_fn, &f, &n, &nf);
	return rc == 2 ? 0 : rc < 0 ? -1 : 1;
}

/* ---- dasd ls ---- */

static const char *dsorg_name(const uint8_t *f1)
{
	uint8_t o = f1[38];
	if (f1[39] & 0x08)
		return "VS";
	return o & 0x80 ? "IS" : o & 0x40 ? "PS" : o & 0x20 ? "DA" : o & 0x02 ? "PO" : o ? "??" : "";
}

static void recfm_name(uint8_t r, char *out)
{
	static const char *const kind[] = {"", "V", "F", "U"};
	strcpy(out, kind[r >> 6]);
	if (r & 0x20)
		strcat(out, "T");
	if (r & 0x10)
		strcat(out, "B");
	if (r & 0x08)
		strcat(out, "S");
	if (r & 0x04)
		strcat(out, "A");
	if (r & 0x02)
		strcat(out, "M");
}

static int ls_fn(struct dasd_vol *v, struct dasd_dscb *d, void *arg)
{
	int *count = arg;
	char recfm[8];
	recfm_name(d->f1[40], recfm);
	const uint8_t *lst = d->f1 + 54;
	uint32_t used = (lst[0] | lst[1] | lst[2]) ? ckd_be16(lst) + 1u : 0;
	printf("%-44s %-3s %-5s %5u %7u %5u %5u ", d->name, dsorg_name(d->f1), recfm, ckd_be16(d->f1 + 44),
	       ckd_be16(d->f1 + 42), dasd_dscb_tracks(d), used);
	for (int k = 0; k < d->n_ext; k++)
		printf("%s%u/%u-%u/%u", k ? "," : "", d->ext[k].first / v->img.heads,
		       d->ext[k].first % v->img.heads, d->ext[k].last / v->img.heads,
		       d->ext[k].last % v->img.heads);
	printf("\n");
	(*count)++;
	return 0;
}

/* The free space of the format-5 DSCBs: extents and tracks. */
static void free_space(struct dasd_vol *v, uint32_t *next, uint32_t *ntrk)
{
	uint8_t ptr[5], key[44], data[96];
	*next = *ntrk = 0;
	/* the first format-5 DSCB is the one after the format-4 */
	ckd_put16(ptr, (uint16_t)v->vtoc_cchhr_c);
	ckd_put16(ptr + 2, (uint16_t)v->vtoc_cchhr_h);
	ptr[4] = (uint8_t)(v->vtoc_r + 1);
	for (int hops = 0; hops < 1000; hops++) {
		if (read_dscb(v, ptr, key, data) || data[0] != 0xF5)
			return;
		const uint8_t *e[26];
		for (int k = 0; k < 8; k++)
			e[k] = key + 4 + 5 * k;
		for (int k = 0; k < 18; k++)
			e[8 + k] = data + 1 + 5 * k;
		for (int k = 0; k < 26; k++) {
			uint32_t n = ckd_be16(e[k] + 2) * v->img.heads + e[k][4];
			if (n) {
				(*next)++;
				*ntrk += n;
			}
		}
		memcpy(ptr, data + 91, 5);
		if (!memcmp(ptr, "\0\0\0\0\0", 5))
			return;
	}
}

int dasd_ls_main(int argc, char **argv)
{
	if (argc != 2) {
		dasd_err("ls: expected one FILE  (dasd --help)");
		return DASD_USAGE;
	}
	struct dasd_vol v;
	char fvs[13];
	uint64_t blocks;
	if (dasd_fba_label(argv[1], fvs, &blocks)) {
		printf("volume %s: FBA, %llu blocks of 512 bytes\n", fvs, (unsigned long long)blocks);
		printf("no VTOC: dasd lists the VTOCs of CKD volumes only\n");
		return DASD_OK;
	}
	int rc = dasd_vol_open(&v, argv[1]);
	if (rc)
		return rc;
	if ((rc = dasd_vol_label(&v))) {
		dasd_vol_close(&v);
		return rc;
	}
	uint32_t h = v.img.heads;
	printf("volume %s: %s, %u cylinders of %u tracks\n", v.volser, v.geom ? v.geom->name : "unknown type",
	       v.img.cyls, h);
	if (!v.has_f4) {
		printf("no VTOC: no format-4 DSCB at cyl %u head %u record %u\n", v.vtoc_cchhr_c,
		       v.vtoc_cchhr_h, v.vtoc_r);
		dasd_vol_close(&v);
		return DASD_OK;
	}
	printf("%-44s %-3s %-5s %5s %7s %5s %5s %s\n", "data set", "org", "recfm", "lrecl", "blksize", "trks",
	       "used", "extents (cyl/head)");
	int count = 0;
	uint32_t ndscb, nfree;
	if (each_dscb(&v, ls_fn, &count, &ndscb, &nfree) < 0) {
		dasd_vol_close(&v);
		return DASD_BAD;
	}
	printf("%d data set%s\n", count, count == 1 ? "" : "s");
	printf("VTOC %u/%u-%u/%u: %u track%s, %u DSCBs, %u free\n", v.vtoc_first / h, v.vtoc_first % h,
	       v.vtoc_last / h, v.vtoc_last % h, v.vtoc_last - v.vtoc_first + 1,
	       v.vtoc_last == v.vtoc_first ? "" : "s", ndscb, nfree);
	if (v.f4[14] & 0x80) {
		printf("free space: not recorded (DOS VTOC bit in DS4VTOCI)\n");
	} else {
		uint32_t next, ntrk;
		free_space(&v, &next, &ntrk);
		printf("free space: %u track%s in %u extent%s\n", ntrk, ntrk == 1 ? "" : "s", next,
		       next == 1 ? "" : "s");
	}
	dasd_vol_close(&v);
	return DASD_OK;
}
