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
 *   mksysvol --minidisk CYL IMAGE PROGRAM
 *
 * makes cylinder CYL of IMAGE an IPL-able minidisk of its own: IPL1 and IPL2
 * on its track 0, the program (a flat binary, loaded at NUC_ORIGIN too, or at
 * the address --origin HEX gives, where it is started) on
 * the tracks after it.  Its count fields say cylinder 0, as on any minidisk
 * (the guest's own numbering; CP moves only the seeks).
 *
 * Errors name what was wrong; the image is written only when everything has
 * been checked, and flushed before exit.
 */
#include <stdarg.h>
#include <stdbool.h>
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

static int fail(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static int fail(const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fprintf(stderr, "mksysvol: ");
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
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

/* Append record r (key kl bytes, data len bytes) with count cylinder cc at *pp. */
static void put_rec(uint8_t **pp, uint16_t cc, uint16_t head, uint8_t r, const char *key, const uint8_t *data,
                    uint32_t len)
{
	uint8_t *p = *pp;
	ckd_put16(p, cc);
	ckd_put16(p + 2, head);
	p[4] = r;
	p[5] = (uint8_t)(key ? 4 : 0);
	ckd_put16(p + 6, (uint16_t)len);
	p += CKD_COUNT_LEN;
	if (key) { /* the IPL records' keys, "IPL1" and "IPL2" in EBCDIC */
		static const uint8_t e[] = {0xC9, 0xD7, 0xD3};
		memcpy(p, e, 3);
		p[3] = (uint8_t)(key[3] == '1' ? 0xF1 : 0xF2);
		p += 4;
	}
	memcpy(p, data, len);
	*pp = p + len;
}

/* A track holding R0 (8 bytes of zeros) and one record R1 of len bytes;
 * the home address has the real cylinder, the counts cyl_in_count (a
 * minidisk's own cylinder numbers). */
static uint32_t build_track(uint8_t *t, uint32_t size, uint16_t cyl, uint16_t head, const uint8_t *data,
                            uint32_t len, uint16_t cyl_in_count)
{
	memset(t, 0, size);
	uint8_t *p = t;
	*p++ = 0;
	ckd_put16(p, cyl);
	ckd_put16(p + 2, head);
	p += 4;
	static const uint8_t zeros[8];
	put_rec(&p, cyl_in_count, head, 0, NULL, zeros, 8);
	put_rec(&p, cyl_in_count, head, 1, NULL, data, len);
	memset(p, 0xFF, CKD_EOT_LEN);
	return (uint32_t)(p + CKD_EOT_LEN - t);
}

/* A minidisk's track 0: R0, IPL1, IPL2. */
static uint32_t build_ipl_track(uint8_t *t, uint32_t size, uint16_t cyl, const uint8_t *ipl1, const uint8_t *ipl2)
{
	memset(t, 0, size);
	uint8_t *p = t;
	*p++ = 0;
	ckd_put16(p, cyl);
	ckd_put16(p + 2, 0);
	p += 4;
	static const uint8_t zeros[8];
	put_rec(&p, 0, 0, 0, NULL, zeros, 8);
	put_rec(&p, 0, 0, 1, "IPL1", ipl1, 24);
	put_rec(&p, 0, 0, 2, "IPL2", ipl2, IPL2_LEN);
	memset(p, 0xFF, CKD_EOT_LEN);
	return (uint32_t)(p + CKD_EOT_LEN - t);
}

int main(int argc, char **argv)
{
	/* Where things go: the system volume's IPL records are on its track 0,
	 * the nucleus on cylinder 1; a minidisk's are on its own cylinder 0
	 * (real cylinder mcyl), with the program on the tracks after. */
	long mcyl = -1;
	uint32_t origin = NUC_ORIGIN;
	if (argc >= 3 && !strcmp(argv[1], "--origin")) { /* another load address (a guest's program) */
		char *end;
		unsigned long o = strtoul(argv[2], &end, 16);
		if (*end || o < 0x200 || o > 0xFF0000 || (o & 7))
			return fail("--origin %s: expected a hexadecimal address of a doubleword from 200 to FF0000", argv[2]);
		origin = (uint32_t)o;
		argv += 2;
		argc -= 2;
	}
	if (argc == 5 && !strcmp(argv[1], "--minidisk")) {
		char *end;
		mcyl = strtol(argv[2], &end, 10);
		if (*end || mcyl < 1 || mcyl > 65535)
			return fail("--minidisk %s: expected a cylinder number of 1 or more", argv[2]);
		argv += 2;
		argc -= 2;
	}
	if (argc != 3) {
		fprintf(stderr, "usage: mksysvol IMAGE NUCLEUS\n"
		                "       mksysvol [--origin HEX] --minidisk CYL IMAGE PROGRAM\n");
		return 2;
	}
	const char *path = argv[1], *nucpath = argv[2];
	uint16_t prog_cyl = (uint16_t)(mcyl < 0 ? NUC_CYL : mcyl), first_head = mcyl < 0 ? 0 : 1;
	uint16_t count_cyl = mcyl < 0 ? NUC_CYL : 0; /* what the counts and the seek say */
	FILE *f = fopen(nucpath, "rb");
	if (!f)
		return fail("%s: cannot open the nucleus", nucpath);
	static uint8_t nuc[1 << 20];
	size_t nlen = fread(nuc, 1, sizeof nuc, f);
	int toobig = !feof(f);
	fclose(f);
	if (nlen == 0 || toobig)
		return fail("%s: the nucleus is empty or larger than 1M", nucpath);

	struct ckd_img img;
	char err[512];
	if (ckd_img_open(&img, path, false, err, sizeof err))
		return fail("%s", err);
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
	if (mcyl >= (long)img.cyls) {
		fail("%s: there is no cylinder %ld", path, mcyl);
		goto out;
	}
	if (ntrk > maxtrk || ntrk + first_head > g->heads) {
		fail("%s: the nucleus has %zu bytes, more than the %u bytes the IPL records can load", nucpath, nlen,
		     per * (maxtrk < g->heads ? maxtrk : g->heads));
		goto out;
	}

	/* Track 0 must be what `dasd init` makes: IPL1 of 24 bytes, IPL2 of 144
	 * (a minidisk's track 0 is made here). */
	static uint8_t ipl_own[24 + IPL2_LEN];
	uint32_t dl1 = 24, dl2 = IPL2_LEN;
	uint8_t kl1, kl2;
	long o1 = -1, o2 = -1;
	if (mcyl < 0) {
		if (ckd_img_read(&img, 0, trk, err, sizeof err)) {
			fail("%s", err);
			goto out;
		}
		o1 = find_data(trk, img.trksize, 1, &dl1, &kl1);
		o2 = find_data(trk, img.trksize, 2, &dl2, &kl2);
	}
	if (mcyl < 0 && (o1 < 0 || o2 < 0 || dl1 != 24 || dl2 != IPL2_LEN)) {
		fail("%s: cylinder 0 track 0 has no IPL1 (24 bytes) and IPL2 (144 bytes) records: make the volume with "
		     "`dasd init`",
		     path);
		goto out;
	}
	/* The cylinder must be free: nothing but R0 on the tracks the program
	 * takes (a rerun replaces an earlier program: its tracks have exactly an
	 * R1 without a key, or the IPL records). */
	static uint8_t probe[65536];
	for (uint32_t t = 0; t < ntrk + first_head; t++) {
		uint32_t dl;
		uint8_t kl;
		if (ckd_img_read(&img, prog_cyl * img.heads + t, probe, err, sizeof err)) {
			fail("%s", err);
			goto out;
		}
		bool ipl_track = mcyl >= 0 && t == 0;
		if ((!ipl_track && find_data(probe, img.trksize, 2, &dl, &kl) >= 0) ||
		    (find_data(probe, img.trksize, 1, &dl, &kl) >= 0 && kl != (ipl_track ? 4 : 0))) {
			fail("%s: cylinder %u is in use (the VTOC or data sets are there)", path, prog_cyl);
			goto out;
		}
	}

	uint8_t *ipl1 = mcyl < 0 ? trk + o1 : ipl_own, *ipl2 = mcyl < 0 ? trk + o2 : ipl_own + 24;
	memset(ipl1, 0, 24);
	ipl1[5] = (uint8_t)(origin >> 16); /* PSW 00000000 00001000 (the origin) */
	ipl1[6] = (uint8_t)(origin >> 8);
	ipl1[7] = (uint8_t)origin;
	put_ccw(ipl1 + 8, 0x06, IPL2_AT, CC | SLI, IPL2_LEN);
	put_ccw(ipl1 + 16, 0x08, IPL2_AT + 16, 0, 1);
	memset(ipl2, 0, IPL2_LEN);
	ckd_put16(ipl2 + 2, count_cyl); /* seek BBCCHH */
	ckd_put16(ipl2 + 4, first_head);
	ckd_put16(ipl2 + 6, count_cyl); /* search CCHHR: record 1 */
	ckd_put16(ipl2 + 8, first_head);
	ipl2[10] = 1;
	uint8_t *ccw = ipl2 + 16;
	put_ccw(ccw, 0x07, IPL2_AT, CC, 6);
	put_ccw(ccw + 8, 0x31, IPL2_AT + 6, CC, 5);
	put_ccw(ccw + 16, 0x08, IPL2_AT + 24, 0, 1);
	for (uint32_t t = 0; t < ntrk; t++) {
		uint32_t len = t + 1 < ntrk ? per : (uint32_t)(nlen - (size_t)t * per);
		put_ccw(ccw + 24 + 8 * t, t ? 0x86 : 0x06, origin + t * per,
		        (uint8_t)(SLI | (t + 1 < ntrk ? CC : 0)), (uint16_t)len);
	}
	uint32_t used0 = mcyl < 0 ? img.trksize : build_ipl_track(trk, img.trksize, prog_cyl, ipl1, ipl2);
	if (ckd_img_write(&img, mcyl < 0 ? 0 : prog_cyl * img.heads, trk, used0, err, sizeof err)) {
		fail("%s", err);
		goto out;
	}
	for (uint32_t t = 0; t < ntrk; t++) {
		uint32_t len = t + 1 < ntrk ? per : (uint32_t)(nlen - (size_t)t * per);
		uint16_t head = (uint16_t)(t + first_head);
		uint32_t used = build_track(probe, img.trksize, prog_cyl, head, nuc + (size_t)t * per, len, count_cyl);
		if (ckd_img_write(&img, prog_cyl * img.heads + head, probe, used, err, sizeof err)) {
			fail("%s", err);
			goto out;
		}
	}
	if (ckd_img_flush(&img)) {
		fail("%s: cannot flush the image", path);
		goto out;
	}
	printf("mksysvol: %s: %s of %zu bytes on cylinder %u, tracks %u-%u; IPL records written\n", path,
	       mcyl < 0 ? "nucleus" : "minidisk program", nlen, prog_cyl, first_head, ntrk + first_head - 1);
	rc = 0;
out:
	free(trk);
	ckd_img_close(&img);
	return rc;
}
