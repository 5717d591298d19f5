/* tdisk.c — temporary disks: cylinders of the T-disk areas, handed out by
 * DEFINE T3350 vaddr CYL n (cmd_define.c) and taken back when the device
 * leaves the machine (DETACH, LOGOFF).
 *
 * The areas are the directory's TDISK statements (dirfmt.h, dir_tdisks).
 * What is in use is not kept in a table of its own: it is the T-disk
 * devices of the machines logged on (vdev.tdisk, with their real volume and
 * cylinders), so a DETACH or a LOGOFF gives the cylinders back by the mere
 * removal of the device.
 *
 * VM/370 handed T-disk space out as the last user left it (its manual told
 * users to clear it themselves).  Here CP clears every track before the
 * user gets it, with the channel program that formats a CKD track (IBM 3350
 * reference, "Write R0"; GA26-1638 for the 3830's file mask):
 *
 *     Set File Mask   X'C0'       permit every write (Write R0 included)
 *     Seek            BBCCHH      the track
 *     Search HA Equal CCHH        wait for its home address, which is kept
 *     TIC *-8
 *     Write R0        count, data R0 anew; the rest of the track is erased
 *
 * one such group per track, chained, one channel program per cylinder.  R0's
 * count carries the T-disk's own cylinder number (0 for its first), as a
 * minidisk's records do (vio.c): the guest's searches find it there.
 */
#include "cp.h"
#include "dirfmt.h"

/* The first cylinder c >= from with [c, c+n) clear of every T-disk on vol. */
static uint32_t first_free(const struct rdev *vol, uint32_t from, uint32_t n)
{
	for (bool moved = true; moved;) {
		moved = false;
		for (int k = 0; k < MAX_USERS; k++) {
			struct vm *v = cp_users[k].used ? cp_users[k].vm : NULL;
			for (int j = 0; v && j < v->ndev; j++) {
				const struct vdev *d = &v->dev[j];
				if (d->kind == VDEV_MDISK && d->tdisk && d->real == vol &&
				    from < (uint32_t)d->start + d->count && d->start < from + n) {
					from = (uint32_t)d->start + d->count;
					moved = true;
				}
			}
		}
	}
	return from;
}

/* Cylinders of the area in use by T-disks. */
static uint32_t used_in(const struct rdev *vol, uint32_t start, uint32_t count)
{
	uint32_t used = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct vm *v = cp_users[k].used ? cp_users[k].vm : NULL;
		for (int j = 0; v && j < v->ndev; j++) {
			const struct vdev *d = &v->dev[j];
			if (d->kind != VDEV_MDISK || !d->tdisk || d->real != vol)
				continue;
			uint32_t a = d->start > start ? d->start : start;
			uint32_t e = (uint32_t)d->start + d->count < start + count
			                 ? (uint32_t)d->start + d->count
			                 : start + count;
			used += e > a ? e - a : 0;
		}
	}
	return used;
}

/* Clear cylinder cyl of d (the T-disk's own cylinder number rel): every
 * track's R0 written anew, the rest erased.  The unit status, or -1. */
static int clear_cylinder(struct rdev *d, uint16_t cyl, uint16_t rel, int heads)
{
	enum { MAXH = 30 };
	static struct ccw prog[1 + 4 * MAXH];
	static uint8_t mask = 0xC0, seek[MAXH][6], search[MAXH][4], r0[MAXH][16];
	ccw_set(&prog[0], 0x1F, &mask, CCW_CC, 1);
	for (int h = 0; h < heads && h < MAXH; h++) {
		struct ccw *c = &prog[1 + 4 * h];
		memset(seek[h], 0, 6);
		seek[h][2] = (uint8_t)(cyl >> 8);
		seek[h][3] = (uint8_t)cyl;
		seek[h][5] = (uint8_t)h;
		memcpy(search[h], seek[h] + 2, 4);
		memset(r0[h], 0, 16);
		r0[h][0] = (uint8_t)(rel >> 8); /* count: CC HH R KL DL, then 8 bytes of data */
		r0[h][1] = (uint8_t)rel;
		r0[h][3] = (uint8_t)h;
		r0[h][7] = 8;
		ccw_set(&c[0], 0x07, seek[h], CCW_CC, 6);
		ccw_set(&c[1], 0x39, search[h], CCW_CC, 4);
		ccw_set(&c[2], 0x08, &c[1], 0, 1);
		ccw_set(&c[3], 0x15, r0[h], h + 1 < heads ? CCW_CC : 0, 16);
	}
	return io_run(d, prog);
}

const char *tdisk_get(uint16_t type, uint16_t cyls, struct rdev **real, uint16_t *start)
{
	static struct dir_tdisk area[DIR_MAX_TDISK];
	static char msg[100];
	int n = dir_tdisks(area, DIR_MAX_TDISK);
	if (n < 0)
		return "the user directory cannot be read";
	for (int k = 0; k < n; k++) {
		char volser[7];
		cp_field(volser, area[k].volser, 6);
		struct rdev *vol = dasd_find_volume(volser);
		uint32_t from = area[k].start, end = (uint32_t)area[k].start + area[k].count;
		if (!vol || vol->type != type || vol->owner)
			continue;
		uint32_t c = first_free(vol, from, cyls);
		if (c + cyls > end)
			continue;
		int heads = dasd_heads(type);
		if (!heads)
			return "temp space not available";
		for (uint32_t j = 0; j < cyls; j++) {
			int st = clear_cylinder(vol, (uint16_t)(c + j), (uint16_t)j, heads);
			if (st < 0 || (st & (US_UC | US_UX)) || vol->chan) {
				con_printf(
				    "T-DISK %s CYL %u: cannot be cleared (status %02X%02X sense %02X%02X)",
				    volser, c + j, st < 0 ? 0xFF : st, vol->chan, vol->sense[0],
				    vol->sense[1]);
				cp_format(msg, sizeof msg,
				          "T-disk space on %s cannot be cleared (unit status %02X)", volser,
				          st < 0 ? 0xFF : st);
				return msg;
			}
		}
		*real = vol;
		*start = (uint16_t)c;
		return NULL;
	}
	return "temp space not available";
}

bool tdisk_volume(const struct rdev *d)
{
	static struct dir_tdisk area[DIR_MAX_TDISK];
	int n = dir_tdisks(area, DIR_MAX_TDISK);
	for (int k = 0; k < n; k++) {
		char volser[7];
		cp_field(volser, area[k].volser, 6);
		if (d->volser[0] && !strcmp(volser, d->volser))
			return true;
	}
	return false;
}

void tdisk_query(struct user *u)
{
	static struct dir_tdisk area[DIR_MAX_TDISK];
	int n = dir_tdisks(area, DIR_MAX_TDISK);
	for (int k = 0; k < n; k++) {
		char volser[7];
		cp_field(volser, area[k].volser, 6);
		struct rdev *vol = dasd_find_volume(volser);
		uint32_t s = area[k].start, c = area[k].count;
		if (vol)
			user_printf(u, "T-DISK SPACE %s CYL %u-%u ON %03X: %u CYL FREE", volser, s, s + c - 1,
			            vol->addr, c - used_in(vol, s, c));
		else
			user_printf(u, "T-DISK SPACE %s CYL %u-%u: VOLUME NOT MOUNTED", volser, s, s + c - 1);
	}
}
