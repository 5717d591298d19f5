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
 * FBA minidisks are not offered by our CP yet (cp/ccwtrans.c refuses
 * Define Extent); the host tool writes FBA images (tools/cmsfs.c).
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

struct cms_blkdev *cms_blk_open(uint16_t vaddr)
{
	uint16_t type = cms_dev_type(vaddr);
	if (!type) {
		cms_msg("DMSACC113S", "Disk %03X does not exist", vaddr);
		return NULL;
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
