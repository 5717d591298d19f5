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

void dasd_init_volumes(void)
{
	static uint8_t vol1[80];
	for (int k = 0; k < cp_nrdevs; k++) {
		struct rdev *d = &cp_rdevs[k];
		if (d->cls != RDEV_DASD || d->type == 0x3310 || d->type == 0x3370)
			continue; /* FBA volumes have their label elsewhere */
		memset(vol1, 0, sizeof vol1);
		if (dasd_read(d, 0, 0, 3, vol1, sizeof vol1))
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
