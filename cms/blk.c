/* blk.c — a minidisk as numbered 4K blocks (struct cms_blkdev, cmsfs.h),
 * the way the file system sees every disk.
 *
 * CKD: each track holds `per` records of 4096 bytes, R1 to Rper; block b is
 * record b % per + 1 of track b / per, counted from the minidisk's cylinder
 * 0 head 0 (CP moves the seeks to where the minidisk really is).  Reading
 * and writing a block is VM/370's CMS disk interface, DIAGNOSE X'18': a
 * Seek, a Search ID Equal, a TIC back to it and a Read or Write Data, which
 * CP checks and runs synchronously (cp/diag_io.c).  Formatting a track
 * writes its records anew (Write Count, Key and Data for
 * each record) by START I/O, since DIAGNOSE X'18' only reads and writes
 * records that are there.  (Format is called for every block; blocks of a
 * track after its first cost nothing.)
 *
 * How big is the minidisk?  Nothing in the architecture says; CP refuses a
 * seek beyond its last cylinder (DIAGNOSE X'18' condition code 1, R15 4),
 * so the cylinders are counted by a binary search of such probes.
 *
 * FBA (3310, 3370: DIAGNOSE X'24' class X'01' type X'01', told apart by
 * Sense ID): 512-byte blocks, eight to a 4K block, so CMS block b is blocks
 * 8b .. 8b+7 of the minidisk (as tools/cmsfs.c lays them out).  Each is read
 * or written by one channel program through DIAGNOSE X'20' (VM/370's
 * X'18' is for CKD only):
 *
 *     Define Extent   file mask, origin 0, blocks 0 .. last of the minidisk
 *     Locate          X'06' read or X'01' write, 8 blocks from 8b
 *     Read / Write    4096 bytes
 *
 * CP moves the extent to where the minidisk lies and keeps it within
 * (cp/ccwtrans.c).  The size is Read Device Characteristics' block count
 * (bytes 14-17), which CP makes the minidisk's.  The blocks need no
 * formatting: format is a no-op.
 */
#include "cmds.h"
#include "cmsfs.h"
#include "nucleus.h"

static const struct geom {
	uint16_t type, heads, per;
} geoms[] = {
    {0x2314, 20, 1}, {0x3330, 19, 3}, {0x3340, 12, 2}, {0x3350, 30, 4}, {0x3375, 12, 8}, {0x3380, 15, 10},
};

struct ckd {
	struct cms_blkdev b;
	const struct geom *g;
	uint32_t cyls;
};

/* One DIAGNOSE X'18' string: seek, search, TIC, read or write a record. */
static struct {
	struct ccw ccw[4];
	uint8_t seek[8], search[8];
} d18 __attribute__((aligned(8)));

static int diag18(uint16_t vaddr, uint32_t cyl, uint32_t head, uint32_t rec, uint8_t cmd, const void *buf)
{
	uint8_t *s = d18.seek, *c = d18.search;
	s[0] = s[1] = 0;
	s[2] = (uint8_t)(cyl >> 8);
	s[3] = (uint8_t)cyl;
	s[4] = (uint8_t)(head >> 8);
	s[5] = (uint8_t)head;
	memcpy(c, s + 2, 4);
	c[4] = (uint8_t)rec;
	ccw_set(&d18.ccw[0], 0x07, s, CCW_CC, 6);
	ccw_set(&d18.ccw[1], 0x31, c, CCW_CC, 5);
	ccw_set(&d18.ccw[2], 0x08, &d18.ccw[1], 0, 0);
	ccw_set(&d18.ccw[3], cmd, buf, 0, CMS_BLKSIZE);
	struct cms_dregs d = {.r2 = vaddr, .r4 = (uint32_t)(uintptr_t)d18.ccw, .r15 = 1};
	int cc = cms_diag18(&d);
	return cc ? (cc << 8 | (int)(d.r15 & 0xFF)) : 0;
}

static void locate(const struct ckd *k, uint32_t blk, uint32_t *cyl, uint32_t *head, uint32_t *rec)
{
	uint32_t t = blk / k->g->per;
	*rec = blk % k->g->per + 1;
	*cyl = t / k->g->heads;
	*head = t % k->g->heads;
}

static int ckd_read(struct cms_blkdev *b, uint32_t blk, void *buf)
{
	struct ckd *k = (struct ckd *)b;
	uint32_t cyl, head, rec;
	if (blk >= b->nblocks)
		return -1;
	locate(k, blk, &cyl, &head, &rec);
	return diag18(b->vaddr, cyl, head, rec, 0x06, buf);
}

static int ckd_write(struct cms_blkdev *b, uint32_t blk, const void *buf)
{
	struct ckd *k = (struct ckd *)b;
	uint32_t cyl, head, rec;
	if (blk >= b->nblocks || b->readonly)
		return -1;
	locate(k, blk, &cyl, &head, &rec);
	return diag18(b->vaddr, cyl, head, rec, 0x05, buf);
}

/* Format the track of block blk (once per track: at its first block).
 * Write Count, Key and Data must follow a satisfied Search ID Equal; the
 * record searched for is R0, whose count says the real cylinder (written
 * when the volume was made: CP moves seeks, not search arguments), so R0 is
 * read first and its own identifier searched for. */
static int ckd_format(struct cms_blkdev *b, uint32_t blk)
{
	struct ckd *k = (struct ckd *)b;
	if (blk % k->g->per)
		return 0;
	uint32_t cyl, head, rec;
	locate(k, blk, &cyl, &head, &rec);
	static struct ccw prog[3 + 2 * 10];
	static uint8_t seek[8], r0[16], counts[10][8];
	static uint8_t zeros[CMS_BLKSIZE] __attribute__((aligned(8)));
	seek[0] = seek[1] = 0;
	seek[2] = (uint8_t)(cyl >> 8);
	seek[3] = (uint8_t)cyl;
	seek[4] = (uint8_t)(head >> 8);
	seek[5] = (uint8_t)head;
	ccw_set(&prog[0], 0x07, seek, CCW_CC, 6);
	ccw_set(&prog[1], 0x16, r0, CCW_SLI, 16); /* Read R0: its count and data */
	uint8_t csw[8];
	if (cms_io(b->vaddr, prog, csw) != 0 || csw[4] != (US_CE | US_DE) || csw[5])
		return -1;
	ccw_set(&prog[1], 0x31, r0, CCW_CC, 5); /* Search ID Equal: R0 */
	ccw_set(&prog[2], 0x08, &prog[1], 0, 0);
	for (uint32_t r = 0; r < k->g->per; r++) {
		uint8_t *c = counts[r];
		memcpy(c, seek + 2, 4); /* the minidisk's own cylinder, as the IPL records and CP's searches expect */
		c[4] = (uint8_t)(r + 1);
		c[5] = 0;
		c[6] = CMS_BLKSIZE >> 8;
		c[7] = 0;
		ccw_set(&prog[3 + 2 * r], 0x1D, c, CCW_CD, 8); /* Write Count, Key and Data */
		ccw_set(&prog[4 + 2 * r], 0x00, zeros, r + 1 < k->g->per ? CCW_CC : 0, CMS_BLKSIZE);
	}
	if (cms_io(b->vaddr, prog, csw) == 0 && csw[4] == (US_CE | US_DE) && csw[5] == 0)
		return 0;
	return -1;
}

/* ---- FBA ---- */

enum { FBA_BLK = 512, FBA_PER = CMS_BLKSIZE / FBA_BLK };

struct fba {
	struct cms_blkdev b;
	uint32_t blocks; /* 512-byte blocks of the minidisk */
};

static struct {
	struct ccw ccw[3];
	uint8_t dx[16], loc[8], rdc[32], sid[8];
} fio __attribute__((aligned(8)));

/* DIAGNOSE X'20' of the program in fio.ccw: 0, or cc << 8 | R15. */
static int diag20(uint16_t vaddr)
{
	struct cms_dregs d = {.r2 = vaddr, .r4 = (uint32_t)(uintptr_t)fio.ccw};
	int cc = cms_diag20(&d);
	return cc ? (cc << 8 | (int)(d.r15 & 0xFF)) : 0;
}

static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

/* CMS block blk: Locate operation op (X'06' read, X'01' write), then cmd. */
static int fba_io(struct cms_blkdev *b, uint32_t blk, uint8_t op, uint8_t cmd, const void *buf)
{
	struct fba *f = (struct fba *)b;
	if (blk >= b->nblocks)
		return -1;
	memset(fio.dx, 0, sizeof fio.dx);
	fio.dx[0] = b->readonly ? 0x40 : 0x00; /* inhibit all writes, or allow data writes */
	put32(fio.dx + 12, f->blocks - 1);     /* origin 0, blocks 0 .. last */
	memset(fio.loc, 0, sizeof fio.loc);
	fio.loc[0] = op;
	fio.loc[3] = FBA_PER;
	put32(fio.loc + 4, blk * FBA_PER);
	ccw_set(&fio.ccw[0], 0x63, fio.dx, CCW_CC, sizeof fio.dx);
	ccw_set(&fio.ccw[1], 0x43, fio.loc, CCW_CC, sizeof fio.loc);
	ccw_set(&fio.ccw[2], cmd, buf, 0, CMS_BLKSIZE);
	return diag20(b->vaddr);
}

static int fba_read(struct cms_blkdev *b, uint32_t blk, void *buf)
{
	return fba_io(b, blk, 0x06, 0x42, buf);
}

static int fba_write(struct cms_blkdev *b, uint32_t blk, const void *buf)
{
	if (b->readonly)
		return -1;
	return fba_io(b, blk, 0x01, 0x41, buf);
}

static int fba_format(struct cms_blkdev *b, uint32_t blk)
{
	(void)b;
	(void)blk;
	return 0; /* fixed blocks: nothing to lay out */
}

static struct cms_blkdev *fba_open(uint16_t vaddr, bool ro)
{
	/* the type: Sense ID bytes 4-5 (X'3310' or X'3370') */
	uint16_t type = 0x3370;
	memset(fio.sid, 0, sizeof fio.sid);
	ccw_set(&fio.ccw[0], 0xE4, fio.sid, CCW_SLI, 7);
	if (!diag20(vaddr) && fio.sid[0] == 0xFF)
		type = (uint16_t)(fio.sid[4] << 8 | fio.sid[5]);
	/* the size: Read Device Characteristics' block count, the minidisk's */
	memset(fio.rdc, 0, sizeof fio.rdc);
	ccw_set(&fio.ccw[0], 0x64, fio.rdc, CCW_SLI, sizeof fio.rdc);
	int rc = diag20(vaddr);
	uint32_t blocks = (uint32_t)fio.rdc[14] << 24 | (uint32_t)fio.rdc[15] << 16 | (uint32_t)fio.rdc[16] << 8 | fio.rdc[17];
	if (rc || (fio.rdc[4] << 8 | fio.rdc[5]) != FBA_BLK || blocks < FBA_PER) {
		cms_msg("DMSACC113S", "Disk %03X cannot be read", vaddr);
		return NULL;
	}
	struct fba *f = cms_alloc(sizeof *f);
	if (!f)
		return NULL;
	f->blocks = blocks;
	f->b.ctx = f;
	f->b.nblocks = blocks / FBA_PER;
	f->b.readonly = ro;
	f->b.devtype = type;
	f->b.vaddr = vaddr;
	f->b.read = fba_read;
	f->b.write = fba_write;
	f->b.format = fba_format;
	return &f->b;
}

struct cms_blkdev *cms_blk_open(uint16_t vaddr)
{
	uint16_t type = cms_dev_type(vaddr);
	if (!type) {
		cms_msg("DMSACC113S", "Disk %03X does not exist", vaddr);
		return NULL;
	}
	if (type == 0x3370 || type == 0x3310) { /* FBA, read-only as DIAGNOSE X'24' says */
		struct cms_dregs d = {.r2 = vaddr};
		cms_diag24(&d);
		return fba_open(vaddr, (d.r4 & 0x80) != 0);
	}
	const struct geom *g = NULL;
	for (unsigned k = 0; k < sizeof geoms / sizeof geoms[0]; k++)
		if (geoms[k].type == type)
			g = &geoms[k];
	if (!g) {
		cms_msg("DMSACC114S", "Device %03X is not a disk CMS can use", vaddr);
		return NULL;
	}
	/* read-only? DIAGNOSE X'24' says it of a minidisk link */
	struct cms_dregs d = {.r2 = vaddr};
	cms_diag24(&d);
	bool ro = (d.r4 & 0x80) != 0;
	/* cylinders: the first that CP refuses (cc 1, R15 4), by halving */
	static uint8_t probe[CMS_BLKSIZE] __attribute__((aligned(8)));
	uint32_t lo = 1, hi = 65536; /* lo exists, hi does not */
	int rc = diag18(vaddr, 0, 0, 1, 0x06, probe);
	if (rc == (1 << 8 | 4) || rc == (1 << 8 | 1) || rc == (1 << 8 | 2)) {
		cms_msg("DMSACC113S", "Disk %03X cannot be read", vaddr);
		return NULL;
	}
	while (hi - lo > 1) {
		uint32_t mid = lo + (hi - lo) / 2;
		if (diag18(vaddr, mid - 1, 0, 1, 0x06, probe) == (1 << 8 | 4))
			hi = mid;
		else
			lo = mid;
	}
	struct ckd *k = cms_alloc(sizeof *k);
	if (!k)
		return NULL;
	k->g = g;
	k->cyls = lo;
	k->b.ctx = k;
	k->b.nblocks = lo * g->heads * g->per;
	k->b.readonly = ro;
	k->b.devtype = type;
	k->b.vaddr = vaddr;
	k->b.read = ckd_read;
	k->b.write = ckd_write;
	k->b.format = ckd_format;
	return &k->b;
}
