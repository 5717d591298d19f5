/* dasd.c — CP's own use of real CKD disks: reading a record, and the volume
 * serial of every disk, read from its label at IPL.
 *
 * One record is read with the classic CKD channel program of every S/370
 * operating system:
 *
 *     Seek            BBCCHH          position the access arm and head
 *     Search ID Equal CCHHR           compare each count field as it passes;
 *     TIC *-8                         until it matches, go back and search again
 *     Read Data       the record      (status modifier on the match skips the TIC)
 *
 * The volume label VOL1 is record 3 of cylinder 0 track 0 (GC26-3840 "OS/VS
 * DASD labels"): after "VOL1", six characters of volume serial.
 *
 * A fixed-block volume (3310, 3370) has it at the start of block 1, where
 * DOS/VSE's and Hercules' `dasdinit` (and our `dasd init`) put it.  A block
 * is read with the FBA channel program (IBM 3370 reference):
 *
 *     Define Extent   mask X'40' (no writes), extent = the block
 *     Locate          operation X'06' read, 1 block, block 0 of the extent
 *     Read            512 bytes
 */
#include "cp.h"

void dasd_read_ccws(struct ccw prog[4], uint8_t seek[6], uint8_t search[5], uint16_t cyl, uint16_t head,
                    uint16_t count_cyl, uint8_t r, void *buf, uint16_t len, uint8_t flags)
{
	seek[0] = seek[1] = 0;
	seek[2] = (uint8_t)(cyl >> 8);
	seek[3] = (uint8_t)cyl;
	seek[4] = (uint8_t)(head >> 8);
	seek[5] = (uint8_t)head;
	search[0] = (uint8_t)(count_cyl >> 8);
	search[1] = (uint8_t)count_cyl;
	search[2] = seek[4];
	search[3] = seek[5];
	search[4] = r;
	ccw_set(&prog[0], 0x07, seek, CCW_CC, 6);
	ccw_set(&prog[1], 0x31, search, CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x06, buf, flags, len);
}

int dasd_read(struct rdev *d, uint16_t cyl, uint16_t head, uint8_t r, void *buf, uint16_t len)
{
	static uint8_t seek[6], search[5];
	static struct ccw prog[4];
	if (!d)
		return -1;
	dasd_read_ccws(prog, seek, search, cyl, head, cyl, r, buf, len, CCW_SLI);
	int st = io_run(d, prog);
	return st < 0 || (st & (US_UC | US_UX)) || d->chan ? -1 : 0;
}

/* Block blk of an FBA volume (512 bytes into buf): 0, or -1. */
static int fba_read(struct rdev *d, uint32_t blk, void *buf)
{
	static uint8_t dx[16], loc[8];
	static struct ccw prog[3];
	memset(dx, 0, sizeof dx);
	dx[0] = 0x40; /* inhibit all writes */
	for (int b = 0; b < 4; b++)
		dx[4 + b] = (uint8_t)(blk >> (24 - 8 * b)); /* origin: the block; first = last = 0 */
	memset(loc, 0, sizeof loc);
	loc[0] = 0x06;
	loc[3] = 1;
	ccw_set(&prog[0], 0x63, dx, CCW_CC, 16);
	ccw_set(&prog[1], 0x43, loc, CCW_CC, 8);
	ccw_set(&prog[2], 0x42, buf, 0, 512);
	int st = io_run(d, prog);
	return st < 0 || (st & (US_UC | US_UX)) || d->chan ? -1 : 0;
}

void dasd_init_volumes(void)
{
	static uint8_t vol1[512];
	for (int k = 0; k < cp_nrdevs; k++) {
		struct rdev *d = &cp_rdevs[k];
		if (d->cls != RDEV_DASD)
			continue;
		memset(vol1, 0, sizeof vol1);
		if (dasd_fba(d->type) ? fba_read(d, 1, vol1) : dasd_read(d, 0, 0, 3, vol1, 80))
			continue;
		static const uint8_t vol1_ebcdic[4] = {0xE5, 0xD6, 0xD3, 0xF1};
		if (memcmp(vol1, vol1_ebcdic, 4))
			continue;
		for (int j = 0; j < 6; j++)
			d->volser[j] = (char)cp_e2a[vol1[4 + j]];
		d->volser[6] = 0;
	}
}

struct rdev *dasd_find_volume(const char *volser)
{
	for (int k = 0; k < cp_nrdevs; k++)
		if (cp_rdevs[k].cls == RDEV_DASD && !cp_rdevs[k].owner && !cp_rdevs[k].offline && /* VARY (cmd_oper.c) */
		    !strcmp(cp_rdevs[k].volser, volser))
			return &cp_rdevs[k];
	return NULL;
}

/* Tracks per cylinder of the CKD types CP knows (the devices' reference
 * manuals; the 2319 is a 2314). */
int dasd_heads(uint16_t type)
{
	switch (type) {
	case 0x2311:
		return 10;
	case 0x2314:
		return 20;
	case 0x3330:
		return 19;
	case 0x3340:
		return 12;
	case 0x3350:
		return 30;
	case 0x3375:
		return 12;
	case 0x3380:
		return 15;
	default:
		return 0;
	}
}

/* ---- 4K records: CP's paging and spool areas ---- */

enum { PAGES_PER_TRACK_MAX = 10 }; /* a 3380's track */

int dasd_pages_per_track(uint16_t type)
{
	static const struct { uint16_t type, recs; } g[] = {
	    {0x2314, 1}, {0x3330, 3}, {0x3340, 2}, {0x3350, 4}, {0x3375, 8}, {0x3380, 10},
	};
	for (unsigned k = 0; k < sizeof g / sizeof g[0]; k++)
		if (g[k].type == type)
			return g[k].recs;
	return 0;
}

/* Record r (from 1) of per_track 4K records on cyl/head: read into buf, or
 * written from it.  A track not yet formatted (format) is written whole
 * after R0, Write Count, Key and Data for every record, this one with buf,
 * the others zeros: the records' counts exist from then on.  The return is
 * io_run's unit status (-1 not operational); the channel status is in
 * d->chan.  One channel program at a time (its CCWs are static). */
int dasd_page_io(struct rdev *d, uint16_t cyl, uint16_t head, uint8_t r, int per_track, void *buf, bool write,
                 bool format)
{
	static struct ccw prog[3 + 2 * PAGES_PER_TRACK_MAX]; /* seek, search, TIC, then a count and data per record */
	static uint8_t seek[6], search[5], counts[PAGES_PER_TRACK_MAX][8];
	static uint8_t zeros[4096] __attribute__((aligned(8)));
	if (per_track < 1 || per_track > PAGES_PER_TRACK_MAX)
		return -1;
	if (write && format) {
		dasd_read_ccws(prog, seek, search, cyl, head, cyl, 0, NULL, 0, 0);
		for (int k = 0; k < per_track; k++) {
			uint8_t *c = counts[k];
			c[0] = (uint8_t)(cyl >> 8);
			c[1] = (uint8_t)cyl;
			c[2] = (uint8_t)(head >> 8);
			c[3] = (uint8_t)head;
			c[4] = (uint8_t)(k + 1);
			c[5] = 0;
			c[6] = 0x10; /* data length 4096 */
			c[7] = 0;
			ccw_set(&prog[3 + 2 * k], 0x1D, c, CCW_CD, 8);
			ccw_set(&prog[4 + 2 * k], 0x00, k + 1 == r ? buf : zeros, k + 1 < per_track ? CCW_CC : 0, 4096);
		}
		/* (prog[3..] replaced dasd_read_ccws' read; the last flags end the chain) */
	} else {
		dasd_read_ccws(prog, seek, search, cyl, head, cyl, r, buf, 4096, 0);
		if (write)
			prog[3].cmd = 0x05; /* Write Data */
	}
	return io_run(d, prog);
}
