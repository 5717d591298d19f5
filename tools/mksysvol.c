/* mksysvol — make a CKD volume IPL our CP.
 *
 *   mksysvol IMAGE NUCLEUS
 *
 * IMAGE is a labelled CKD volume made by `dasd init` (IPL1, IPL2 and VOL1 on
 * cylinder 0 track 0, the VTOC after them on cylinder 0).  NUCLEUS is CP's
 * nucleus as a flat binary (cp/, linked at NUC_ORIGIN).  The nucleus goes on
 * cylinder 1, one record R1 per track as long as the track holds; the two IPL
 * records get the channel programs that load it:
 *
 *   IPL1 (24 bytes, read to location 0 by the IPL's Read IPL command)
 *     PSW   BC mode, disabled, key 0, instruction address NUC_ORIGIN
 *     CCW1  Read Data, 144 bytes to IPL2_AT (the next record: IPL2), chained
 *     CCW2  TIC to the channel program in IPL2
 *   IPL2 (144 bytes at IPL2_AT)
 *     +0    seek argument BBCCHH (cylinder 1, head 0), +6 search argument CCHHR
 *     +16   Seek; Search ID Equal R1; TIC back to the search;
 *           Read Data of R1 to NUC_ORIGIN; then multitrack Read Data (X'86')
 *           of R1 of each following track to the next addresses
 *
 * When the channel program ends, the IPL loads the PSW from location 0 and
 * CP's first instruction runs; the IPL device's address is in the PSW's
 * interruption code (locations 2-3), which is how CP finds its system volume.
 * 16 CCWs fit in IPL2, so 13 tracks are read: about 240K on a 3350.  A bigger
 * nucleus is refused here, by name and size (CP would load the rest itself).
 *
 * Errors name what was wrong; the image is written only when everything has
 * been checked, and flushed before exit.
 */
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ckd.h"
#include "ckdimg.h"

enum {
	NUC_ORIGIN = 0x1000, /* cp/cp.ld */
	IPL2_AT = 0x400,     /* free low storage, below the nucleus */
	IPL2_LEN = 144,      /* the IPL2 record `dasd init` writes */
	IPL2_CCWS = (IPL2_LEN - 16) / 8,
	NUC_CYL = 1,
};

static int fail(const char *fmt, const char *a, const char *b)
{
	fprintf(stderr, "mksysvol: ");
	fprintf(stderr, fmt, a, b);
	fputc('\n', stderr);
	return 1;
}

static void put_ccw(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
	p[0] = cmd;
	p[1] = (uint8_t)(addr >> 16);
	p[2] = (uint8_t)(addr >> 8);
	p[3] = (uint8_t)addr;
	p[4] = flags;
	p[5] = 0;
	ckd_put16(p + 6, count);
}

enum { CC = 0x40, SLI = 0x20 };

/* Offset of the data of record r on a track image, and its length; -1 when
 * the track has no such record (or is malformed). */
static long find_data(const uint8_t *trk, uint32_t size, uint8_t r, uint32_t *dl, uint8_t *kl)
{
	uint32_t off = CKD_HA_LEN;
	while (off + CKD_COUNT_LEN <= size) {
		const uint8_t *c = trk + off;
		if (!memcmp(c, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))
			return -1;
		uint32_t k = c[5], d = ckd_be16(c + 6);
		if (c[4] == r) {
			*dl = d;
			*kl = (uint8_t)k;
			return (long)(off + CKD_COUNT_LEN + k);
		}
		off += CKD_COUNT_LEN + k + d;
	}
	return -1;
}

/* A track holding R0 (8 bytes of zeros) and one record R1 of len bytes. */
static uint32_t build_track(uint8_t *t, uint32_t size, uint16_t cyl, uint16_t head, const uint8_t *data,
                            uint32_t len)
{
	memset(t, 0, size);
	uint8_t *p = t;
	*p++ = 0;
	ckd_put16(p, cyl);
	ckd_put16(p + 2, head);
	p += 4;
	ckd_put16(p, cyl); /* R0 count: CC HH R=0 KL=0 DL=8 */
	ckd_put16(p + 2, head);
	p[4] = 0;
	p[5] = 0;
	ckd_put16(p + 6, 8);
	p += CKD_COUNT_LEN + 8;
	ckd_put16(p, cyl);
	ckd_put16(p + 2, head);
	p[4] = 1;
	p[5] = 0;
	ckd_put16(p + 6, (uint16_t)len);
	p += CKD_COUNT_LEN;
	memcpy(p, data, len);
	p += len;
	memset(p, 0xFF, CKD_EOT_LEN);
	return (uint32_t)(p + CKD_EOT_LEN - t);
}

int main(int argc, char **argv)
{
	if (argc != 3) {
		fprintf(stderr, "usage: mksysvol IMAGE NUCLEUS\n");
		return 2;
	}
	const char *path = argv[1], *nucpath = argv[2];
	FILE *f = fopen(nucpath, "rb");
	if (!f)
		return fail("%s: cannot open the nucleus%s", nucpath, "");
	static uint8_t nuc[1 << 20];
	size_t nlen = fread(nuc, 1, sizeof nuc, f);
	int toobig = !feof(f);
	fclose(f);
	if (nlen == 0 || toobig)
		return fail("%s: the nucleus is empty or larger than 1M%s", nucpath, "");

	struct ckd_img img;
	char err[512];
	if (ckd_img_open(&img, path, false, err, sizeof err))
		return fail("%s%s", err, "");
	const struct ckd_geom *g = ckd_geom_by_code(img.code, img.cyls);
	int rc = 1;
	uint8_t *trk = calloc(1, img.trksize);
	if (!g || !trk) {
		fail("%s: %s", path, g ? "out of memory" : "not a CKD device type this tool knows");
		goto out;
	}
	/* R1 must leave room for R0 and the end marker in the image's track slot. */
	uint32_t per = g->r1max;
	if (per > img.trksize - CKD_HA_LEN - 2 * CKD_COUNT_LEN - 8 - CKD_EOT_LEN)
		per = img.trksize - CKD_HA_LEN - 2 * CKD_COUNT_LEN - 8 - CKD_EOT_LEN;
	per &= ~7u;
	uint32_t ntrk = (uint32_t)((nlen + per - 1) / per);
	uint32_t maxtrk = IPL2_CCWS - 3;
	if (ntrk > maxtrk || ntrk > g->heads) {
		char sz[64];
		snprintf(sz, sizeof sz, "%zu bytes, more than the %u", nlen, per * (maxtrk < g->heads ? maxtrk : g->heads));
		fail("%s: the nucleus has %s bytes the IPL records can load", nucpath, sz);
		goto out;
	}

	/* Track 0 must be what `dasd init` makes: IPL1 of 24 bytes, IPL2 of 144. */
	if (ckd_img_read(&img, 0, trk, err, sizeof err)) {
		fail("%s%s", err, "");
		goto out;
	}
	uint32_t dl1, dl2;
	uint8_t kl1, kl2;
	long o1 = find_data(trk, img.trksize, 1, &dl1, &kl1), o2 = find_data(trk, img.trksize, 2, &dl2, &kl2);
	if (o1 < 0 || o2 < 0 || dl1 != 24 || dl2 != IPL2_LEN) {
		fail("%s: cylinder 0 track 0 has no IPL1 (24 bytes) and IPL2 (144 bytes) records: make the volume with "
		     "`dasd init`%s",
		     path, "");
		goto out;
	}
	/* Cylinder 1 must be free: nothing but R0 on the tracks the nucleus takes
	 * (a rerun replaces an earlier nucleus: its tracks have exactly R1). */
	static uint8_t probe[65536];
	for (uint32_t t = 0; t < ntrk; t++) {
		uint32_t dl;
		uint8_t kl;
		if (ckd_img_read(&img, NUC_CYL * img.heads + t, probe, err, sizeof err)) {
			fail("%s%s", err, "");
			goto out;
		}
		if (find_data(probe, img.trksize, 2, &dl, &kl) >= 0 ||
		    (find_data(probe, img.trksize, 1, &dl, &kl) >= 0 && kl != 0)) {
			fail("%s: cylinder 1 is in use (the VTOC or data sets are there)%s", path, "");
			goto out;
		}
	}

	uint8_t *ipl1 = trk + o1, *ipl2 = trk + o2;
	memset(ipl1, 0, 24);
	ipl1[6] = (uint8_t)(NUC_ORIGIN >> 8); /* PSW 00000000 00001000 */
	ipl1[7] = (uint8_t)NUC_ORIGIN;
	put_ccw(ipl1 + 8, 0x06, IPL2_AT, CC | SLI, IPL2_LEN);
	put_ccw(ipl1 + 16, 0x08, IPL2_AT + 16, 0, 1);
	memset(ipl2, 0, IPL2_LEN);
	ckd_put16(ipl2 + 2, NUC_CYL); /* seek BBCCHH */
	ckd_put16(ipl2 + 6, NUC_CYL); /* search CCHHR: head 0, record 1 */
	ipl2[10] = 1;
	uint8_t *ccw = ipl2 + 16;
	put_ccw(ccw, 0x07, IPL2_AT, CC, 6);
	put_ccw(ccw + 8, 0x31, IPL2_AT + 6, CC, 5);
	put_ccw(ccw + 16, 0x08, IPL2_AT + 24, 0, 1);
	for (uint32_t t = 0; t < ntrk; t++) {
		uint32_t len = t + 1 < ntrk ? per : (uint32_t)(nlen - (size_t)t * per);
		put_ccw(ccw + 24 + 8 * t, t ? 0x86 : 0x06, NUC_ORIGIN + t * per,
		        (uint8_t)(SLI | (t + 1 < ntrk ? CC : 0)), (uint16_t)len);
	}
	if (ckd_img_write(&img, 0, trk, img.trksize, err, sizeof err)) {
		fail("%s%s", err, "");
		goto out;
	}
	for (uint32_t t = 0; t < ntrk; t++) {
		uint32_t len = t + 1 < ntrk ? per : (uint32_t)(nlen - (size_t)t * per);
		uint32_t used = build_track(probe, img.trksize, NUC_CYL, (uint16_t)t, nuc + (size_t)t * per, len);
		if (ckd_img_write(&img, NUC_CYL * img.heads + t, probe, used, err, sizeof err)) {
			fail("%s%s", err, "");
			goto out;
		}
	}
	if (ckd_img_flush(&img)) {
		fail("%s: cannot flush the image%s", path, "");
		goto out;
	}
	printf("mksysvol: %s: nucleus of %zu bytes on cylinder %d, tracks 0-%u; IPL records written\n", path, nlen,
	       NUC_CYL, ntrk - 1);
	rc = 0;
out:
	free(trk);
	ckd_img_close(&img);
	return rc;
}
