/* fs_ipl.c — the nucleus area: a CMS disk that can also be IPLed (the
 * system disk, 190).
 *
 * IPL reads 24 bytes of record 1 of cylinder 0 head 0 (PoO, "Initial
 * Program Loading"): here the first bytes of block 0, IPL1:
 *   +0  PSW  BC mode, disabled, key 0, instruction address FS_NUC_ORIGIN
 *   +8  CCW  Read Data multitrack (X'86'), 4096 bytes to FS_IPL2_AT,
 *            command chained, SLI: the next record, block 1 (IPL2), which
 *            is on the next track of a 2314 (one 4K record a track)
 *   +16 CCW  TIC to FS_IPL2_AT + FS_IPL2_CCWS
 * IPL2 (block 1, at FS_IPL2_AT when read):
 *   +16i     seek argument 00 00 CC CC HH HH of segment i, +16i+8 its
 *            search argument CC CC HH HH R
 *   +512     for each segment (the area's blocks on one cylinder): Seek,
 *            Search ID Equal, TIC back to the search, Read Data of the first
 *            block, then multitrack Read Data (X'86') of each next record,
 *            4096 bytes each to consecutive addresses from FS_NUC_ORIGIN
 *            (the last one its remaining bytes, SLI), all command-chained
 *            but the last.
 * A multitrack read goes on with the next head but not the next cylinder,
 * hence a new Seek at each cylinder.  The cylinders are the minidisk's own:
 * CP relocates a minidisk's seeks (cp/vio.c vm_ipl).  The program's blocks
 * are a run of blocks free in the committed state, reserved by the label
 * (FSL_NUC_*), so files never use them; they are written first, then the
 * label reserves them, then IPL2 and IPL1 point to them.
 */
#include "fs_int.h"

enum { IPL2_CCWS = 512, IPL2_MAXSEG = 32, IPL2_MAXCCW = 250, CC = 0x40, SLI = 0x20 };

static void put_ccw(uint8_t *p, uint8_t cmd, uint32_t addr, uint8_t flags, uint16_t count)
{
	p[0] = cmd;
	p[1] = (uint8_t)(addr >> 16);
	p[2] = (uint8_t)(addr >> 8);
	p[3] = (uint8_t)addr;
	p[4] = flags;
	p[5] = 0;
	fs_put16(p + 6, count);
}

/* The first block of a run of n blocks free now (0: none). */
static uint32_t free_run(struct cms_vol *v, uint32_t n)
{
	uint32_t run = 0;
	for (uint32_t b = FS_RESERVED; b < v->nblocks; b++) {
		bool used = fs_bit(v->cmap, b) || fs_bit(v->lmap, b) || fs_bit(v->hmap, b);
		run = used ? 0 : run + 1;
		if (run == n)
			return b + 1 - n;
	}
	return 0;
}

/* IPL2 for the blocks [first, first+n) holding len bytes: false when the
 * channel program would be too long. */
static bool build_ipl2(uint8_t *p, uint32_t first, uint32_t n, uint32_t len, uint32_t heads, uint32_t per)
{
	memset(p, 0, CMS_BLKSIZE);
	uint32_t seg = 0, ccw = 0, percyl = heads * per;
	for (uint32_t i = 0; i < n; i++) {
		uint32_t b = first + i, trk = b / per, rec = b % per + 1;
		uint32_t cnt = len - i * CMS_BLKSIZE < CMS_BLKSIZE ? len - i * CMS_BLKSIZE : CMS_BLKSIZE;
		uint8_t flags = (uint8_t)(i + 1 < n ? CC | SLI : SLI);
		uint32_t at = FS_NUC_ORIGIN + i * CMS_BLKSIZE;
		if (i == 0 || b % percyl == 0) { /* a new cylinder: seek and search */
			if (seg == IPL2_MAXSEG || ccw + 4 > IPL2_MAXCCW)
				return false;
			uint8_t *arg = p + 16 * seg;
			fs_put16(arg + 2, (uint16_t)(trk / heads));
			fs_put16(arg + 4, (uint16_t)(trk % heads));
			fs_put16(arg + 8, (uint16_t)(trk / heads));
			fs_put16(arg + 10, (uint16_t)(trk % heads));
			arg[12] = (uint8_t)rec;
			uint32_t argat = FS_IPL2_AT + 16 * seg,
			         search = FS_IPL2_AT + IPL2_CCWS + 8 * (ccw + 1);
			put_ccw(p + IPL2_CCWS + 8 * ccw++, 0x07, argat, CC, 6);
			put_ccw(p + IPL2_CCWS + 8 * ccw++, 0x31, argat + 8, CC, 5);
			put_ccw(p + IPL2_CCWS + 8 * ccw++, 0x08, search, 0, 1);
			put_ccw(p + IPL2_CCWS + 8 * ccw++, 0x06, at, flags, (uint16_t)cnt);
			seg++;
		} else {
			if (ccw + 1 > IPL2_MAXCCW)
				return false;
			put_ccw(p + IPL2_CCWS + 8 * ccw++, 0x86, at, flags, (uint16_t)cnt);
		}
	}
	return true;
}

int fs_nucleus(char mode, const void *prog, uint32_t len)
{
	struct cms_vol *v = fs_vol(mode);
	int rc;
	if (!v)
		return fs_fail(RC_DISKRO, "disk %c is not accessed", mode);
	if (v->readonly || v->dev->readonly)
		return fs_fail(RC_DISKRO, "disk %c is read-only", mode);
	uint32_t heads, per;
	if (!fs_ckd_geometry(v->dev->devtype, &heads, &per))
		return fs_fail(RC_BADOPT,
		               "an IPL-able disk must be CKD (2314, 3330, 3340, 3350, 3375, 3380), not %04X",
		               v->dev->devtype);
	uint32_t n = (len + CMS_BLKSIZE - 1) / CMS_BLKSIZE;
	if (!len || n > FS_NUC_MAXBLK)
		return fs_fail(RC_BADOPT, "a nucleus has 1 to %u bytes, not %u",
		               (unsigned)FS_NUC_MAXBLK * CMS_BLKSIZE, (unsigned)len);
	uint32_t first = free_run(v, n);
	if (!first)
		return fs_fail(RC_DISKFULL, "no %u free blocks in a row for the nucleus on disk %c",
		               (unsigned)n, mode);
	uint8_t *blk = cms_alloc(CMS_BLKSIZE);
	if (!blk)
		return fs_fail(RC_NOSTORE, "no storage");
	if (!build_ipl2(blk, first, n, len, heads, per)) {
		cms_free(blk);
		return fs_fail(RC_BADOPT, "the nucleus's blocks span too many cylinders for IPL2");
	}
	for (uint32_t i = 0; i < n; i++) { /* the program, into free blocks */
		uint32_t k = len - i * CMS_BLKSIZE < CMS_BLKSIZE ? len - i * CMS_BLKSIZE : CMS_BLKSIZE;
		uint8_t *page = cms_alloc(CMS_BLKSIZE);
		if (!page) {
			cms_free(blk);
			return fs_fail(RC_NOSTORE, "no storage");
		}
		memcpy(page, (const uint8_t *)prog + i * CMS_BLKSIZE, k);
		rc = fs_wr(v->dev, first + i, page);
		cms_free(page);
		if (rc) {
			cms_free(blk);
			return rc;
		}
	}
	/* The label reserves the new area and frees the old one. */
	struct fs_dent *dir;
	uint32_t *lmap;
	if ((rc = fs_copy_state(v, &dir, &lmap))) {
		cms_free(blk);
		return rc;
	}
	for (uint32_t i = 0; i < v->nuc_count; i++)
		fs_clr(lmap, v->nuc_first + i);
	for (uint32_t i = 0; i < n; i++) {
		fs_set(lmap, first + i);
		fs_set(v->hmap, first + i); /* not for the directory and map */
	}
	uint32_t of = v->nuc_first, oc = v->nuc_count, ob = v->nuc_bytes;
	v->nuc_first = first;
	v->nuc_count = n;
	v->nuc_bytes = len;
	if ((rc = fs_commit(v, dir, v->nfiles, lmap))) {
		v->nuc_first = of;
		v->nuc_count = oc;
		v->nuc_bytes = ob;
		cms_free(dir);
		cms_free(lmap);
		fs_rehold(v);
		cms_free(blk);
		return rc;
	}
	rc = fs_wr(v->dev, FS_BLK_IPL2, blk);
	if (!rc) {
		memset(blk, 0, CMS_BLKSIZE);
		put_ccw(blk + 8, 0x86, FS_IPL2_AT, CC | SLI, CMS_BLKSIZE);
		put_ccw(blk + 16, 0x08, FS_IPL2_AT + IPL2_CCWS, 0, 1);
		blk[5] = (uint8_t)(FS_NUC_ORIGIN >> 16); /* PSW 00000000 00010000 */
		blk[6] = (uint8_t)(FS_NUC_ORIGIN >> 8);
		blk[7] = (uint8_t)FS_NUC_ORIGIN;
		rc = fs_wr(v->dev, FS_BLK_IPL1, blk);
	}
	cms_free(blk);
	return rc;
}
