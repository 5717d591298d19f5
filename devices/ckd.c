/* ckd.c — count-key-data DASD: 2311, 2314, 3330, 3330-11, 3340, 3350,
 * 3375, 3380 on Hercules CKD and CCKD images (ckdimg.h).
 *
 * The device keeps the seek address (cylinder, head), the current track
 * (taken from the track cache, ckd_cache.c, or read from the image when the
 * head moves; written through to the image by every write command) and the
 * orientation: where the head is on the track — at index,
 * after the home address, or after the count, key or data area of a record.
 * Commands (IBM 3830 / 3880 Storage Control reference; the 2841 and 2314
 * storage controls have the same command set without Sense ID):
 *
 *   07 Seek, 0B Seek Cylinder, 1B Seek Head, 13 Recalibrate
 *   1F Set File Mask (once per channel program)
 *   31 51 71 Search ID Equal / High / High or Equal, 29 49 69 Search Key
 *   Equal / High / High or Equal, 39 Search Home Address Equal: a satisfied
 *   search ends with status modifier (the channel then skips the next CCW,
 *   normally the TIC back to the search)
 *   06 Read Data, 0E Read Key and Data, 1E Read Count Key and Data,
 *   12 Read Count, 16 Read R0, 1A Read Home Address, 02 Read IPL,
 *   5E Read Multiple Count Key and Data
 *   63 Define Extent, 47 Locate Record, DE Read Track: 3880 devices only
 *   (3375, 3380), the subset described before the command table
 *   05 Write Data, 0D Write Key and Data, 1D Write Count Key and Data,
 *   15 Write R0, 19 Write Home Address, 11 Erase
 *   04 Sense, E4 Sense ID, 03 No Operation, 23 Set Sector, 22 Read Sector
 * Space Count (0F) is rejected, as Hercules 3.13 rejects it.
 * X'80' on a search or read (B1, 86, 9E ...) is multitrack: at the end of
 * a track the operation goes on with the next head of the cylinder; past
 * the last head it ends with unit check, end of cylinder.  A search or read
 * that passes index twice on one track finds no record (unit check, no
 * record found).
 *
 * Track capacity, as Hercules 3.13 counts it: the records fit when the track
 * image (home address, counts, keys, data, end of track) fits its slot in
 * the image file; the gaps of the real device are not counted, so a track
 * takes somewhat more small records than the real one did.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "ckd.h"
#include "ckd_cache.h"
#include "ckdimg.h"

/* Sense byte 7 of a command reject on the 3830: why (as Hercules 3.13
 * reports it). */
enum {
	REJ_UNSUP = 0x01, /* a command this device does not have (Space Count) */
	REJ_SEQ = 0x02,   /* invalid sequence: a write without its search, a second file mask */
	REJ_CMD = 0x03,   /* invalid command code */
	REJ_SEEK = 0x04,  /* invalid seek address */
};

/* Sense byte 1 (3830/3880 24-byte sense; 2841 six-byte sense). */
enum {
	SNS1_TRK_OVERRUN = 0x40, /* invalid track format: record past the end of the track */
	SNS1_EOC = 0x20,         /* end of cylinder */
	SNS1_NRF = 0x08,         /* no record found */
	SNS1_FILEPROT = 0x04,    /* file protected: the file mask forbids the command */
};

/* File mask (Set File Mask byte): bits 0-1 write, bits 3-4 seek control. */
enum {
	FM_WRITE = 0xC0,
	FM_INH_WHA_WR0 = 0x00, /* Write HA and Write R0 inhibited */
	FM_INH_ALL = 0x40,     /* every write inhibited */
	FM_INH_WHA = 0x80,     /* Write HA inhibited */
	FM_SEEK = 0x18,
	FM_SEEK_NO07 = 0x08, /* Seek inhibited; Seek Cylinder and Seek Head allowed */
	FM_SEEK_HEAD = 0x10, /* only Seek Head */
	FM_SEEK_NONE = 0x18, /* no seeks, no multitrack head switching */
	FM_RESERVED = 0x27,
};

enum orient { OR_INDEX, OR_HA, OR_COUNT, OR_KEY, OR_DATA };

struct ckd {
	struct ckd_img img;
	const struct ckd_geom *g;
	char *path;
	struct ckd_cache cache; /* recently used tracks (ckd_cache.h) */
	uint8_t *trk;           /* the current track: its slot in the cache */
	bool trk_valid;
	uint32_t trk_no;
	uint32_t nrec;      /* records on it, R0 included */
	uint32_t *off;      /* offset of each record's count (trksize/8 entries) */
	uint32_t used;      /* bytes through the end-of-track marker */
	uint32_t cyl, head; /* seek address */
	enum orient orient;
	uint32_t rec; /* record of the orientation (OR_COUNT..OR_DATA) */
	/* channel-program state */
	uint8_t mask;
	bool mask_set;
	int index_passes;
	uint8_t last_cmd; /* previous command of this program (0: none) */
	bool last_sm;     /* it was a search that was satisfied */
	/* Define Extent and Locate Record (3880 devices: ckd_eckd.c) */
	bool de_set;                 /* a Define Extent ran in this program */
	uint32_t de_first, de_last;  /* its extent: first and last track */
	uint8_t lr_op;               /* the Locate Record operation byte */
	uint8_t lr_left;             /* records or tracks left in its domain (0: none) */
	unsigned long reads, writes; /* host reads (cache misses) and writes of tracks */
};

static struct ckd *ckd_of(struct device *d)
{
	return d->priv;
}

static int unit_check(struct device *d, uint8_t s0, uint8_t s1)
{
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = s0;
	d->sense[1] = s1;
	return US_CE | US_DE | US_UC;
}

/* Command reject; why goes to sense byte 7 */
static int reject(struct device *d, uint8_t why)
{
	int st = unit_check(d, SNS0_CMDREJ, 0);
	d->sense[7] = why;
	return st;
}

/* The file mask forbids the command: unit check, file protected. */
static int protected(struct device *d)
{
	return unit_check(d, 0, SNS1_FILEPROT);
}

/* A host I/O error: equipment check, and a line on the console. */
static int host_error(struct device *d, const char *what)
{
	char msg[400];
	snprintf(msg, sizeof msg, "%04X: %s: %s", d->devnum, ckd_of(d)->path, what);
	chan_print(d->cs, msg);
	return unit_check(d, SNS0_EQUIP, 0);
}

/* ---- the current track ---- */

static int parse_track(struct ckd *k)
{
	k->used = ckd_track_used(k->trk, k->img.trksize);
	k->nrec = 0;
	if (!k->used)
		return -1;
	for (uint32_t off = CKD_HA_LEN; off + CKD_EOT_LEN < k->used;) {
		if (k->nrec >= k->img.trksize / CKD_COUNT_LEN)
			return -1;
		k->off[k->nrec++] = off;
		off += CKD_COUNT_LEN + k->trk[off + 5] + ckd_be16(k->trk + off + 6);
	}
	return 0;
}

/* Make the track under the head current: from the cache, else read from
 * the image into a cache slot.  0 or a unit-check status. */
static int load_track(struct device *d, struct ckd *k)
{
	uint32_t t = k->cyl * k->img.heads + k->head;
	if (k->trk_valid && k->trk_no == t)
		return 0;
	char err[256];
	k->trk_valid = false;
	if (t >= k->img.tracks)
		return reject(d, REJ_SEEK);
	bool hit = (k->trk = ckd_cache_get(&k->cache, t)) != NULL;
	if (!hit) {
		if (!(k->trk = ckd_cache_claim(&k->cache, t)))
			return host_error(d, "out of memory for the track cache");
		if (ckd_img_read(&k->img, t, k->trk, err, sizeof err)) {
			ckd_cache_drop(&k->cache, t);
			return host_error(d, err);
		}
		k->reads++;
	}
	if (parse_track(k)) {
		ckd_cache_drop(&k->cache, t);
		snprintf(err, sizeof err, "track %u: bad track format", t);
		return host_error(d, err);
	}
	k->trk_no = t;
	k->trk_valid = true;
	return 0;
}

/* Write the current track (changed in place, in its cache slot) through to
 * the image.  When that fails the image keeps the previous contents, so the
 * changed copy is dropped from the cache: the next use reads the image. */
static int store_track(struct device *d, struct ckd *k)
{
	char err[256];
	if (parse_track(k) || ckd_img_write(&k->img, k->trk_no, k->trk, k->used, err, sizeof err)) {
		k->trk_valid = false;
		ckd_cache_drop(&k->cache, k->trk_no);
		return host_error(d, k->used ? err : "track format lost");
	}
	k->writes++;
	return 0;
}

static const uint8_t *count_of(struct ckd *k, uint32_t r)
{
	return k->trk + k->off[r];
}
static uint8_t kl_of(struct ckd *k, uint32_t r)
{
	return count_of(k, r)[5];
}
static uint16_t dl_of(struct ckd *k, uint32_t r)
{
	return ckd_be16(count_of(k, r) + 6);
}

/* Outside the extent of the program's Define Extent (none: inside). */
static bool off_extent(struct ckd *k, uint32_t cyl, uint32_t head)
{
	uint32_t t = cyl * k->img.heads + head;
	return k->de_set && (t < k->de_first || t > k->de_last);
}

/* ---- moving over the track ---- */

/* Index passes under the head.  Multitrack: the next head of the cylinder.
 * 0, or the ending status (no record found, end of cylinder). */
static int pass_index(struct device *d, struct ckd *k, bool mt)
{
	k->orient = OR_INDEX;
	if (!mt) {
		if (++k->index_passes >= 2)
			return unit_check(d, 0, SNS1_NRF);
		return 0;
	}
	if ((k->mask & FM_SEEK) == FM_SEEK_NONE)
		return protected(d);
	if (k->head + 1 >= k->img.heads)
		return unit_check(d, 0, SNS1_EOC);
	if (off_extent(k, k->cyl, k->head + 1))
		return protected(d);
	k->head++;
	k->index_passes = 0;
	return load_track(d, k);
}

/* Move to the next count area; from index or the home address R0 counts
 * only when want_r0 (the ID searches; Read Count skips it, as on Hercules). */
static int next_count(struct device *d, struct ckd *k, bool want_r0, bool mt)
{
	int st = load_track(d, k);
	if (st)
		return st;
	for (;;) {
		uint32_t next = k->orient <= OR_HA ? (want_r0 ? 0 : 1) : k->rec + 1;
		if (next < k->nrec) {
			k->rec = next;
			k->orient = OR_COUNT;
			return 0;
		}
		st = pass_index(d, k, mt);
		if (st)
			return st;
	}
}

/* The record whose key or data the command handles: the one whose count
 * (or, for data, key) was just passed, else the next one. */
static int to_record(struct device *d, struct ckd *k, bool for_data, bool mt)
{
	int st = load_track(d, k);
	if (st)
		return st;
	if (k->orient == OR_COUNT || (for_data && k->orient == OR_KEY))
		return 0;
	return next_count(d, k, false, mt);
}

/* ---- seeks and control ---- */

/* 07 Seek, 0B Seek Cylinder, 1B Seek Head: six bytes 00 00 CC CC HH HH */
static int cmd_seek(struct device *d, struct ckd *k, uint8_t cmd)
{
	uint8_t b[6] = {0};
	uint8_t sm = k->mask & FM_SEEK;
	if ((cmd == 0x07 && sm != 0) || (cmd == 0x0B && sm >= FM_SEEK_HEAD) || sm == FM_SEEK_NONE)
		return protected(d);
	if (chan_read(d, b, 6) < 6)
		return reject(d, REJ_SEEK);
	uint32_t cc = ckd_be16(b + 2), hh = ckd_be16(b + 4);
	if (b[0] || b[1] || cc >= k->img.cyls || hh >= k->img.heads || (cmd == 0x1B && cc != k->cyl))
		return reject(d, REJ_SEEK);
	if (off_extent(k, cc, hh))
		return protected(d);
	k->cyl = cc;
	k->head = hh;
	k->orient = OR_INDEX;
	k->index_passes = 0;
	return US_CE | US_DE;
}

/* 13 Recalibrate: to cylinder 0, head 0 */
static int cmd_recal(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	if ((k->mask & FM_SEEK) != 0)
		return protected(d);
	k->cyl = k->head = 0;
	k->orient = OR_INDEX;
	k->index_passes = 0;
	return US_CE | US_DE;
}

/* 1F Set File Mask: one byte; a second one in the program is rejected */
static int cmd_setmask(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	uint8_t m = 0;
	if (k->mask_set)
		return reject(d, REJ_SEQ);
	if (chan_read(d, &m, 1) < 1 || (m & FM_RESERVED))
		return reject(d, REJ_CMD);
	k->mask = m;
	k->mask_set = true;
	return US_CE | US_DE;
}

/* 03 No Operation, 23 Set Sector (one byte, accepted: no rotation here) */
static int cmd_nop(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)k;
	if (cmd == 0x23) {
		uint8_t s;
		chan_read(d, &s, 1);
	}
	return US_CE | US_DE;
}

/* 22 Read Sector: one byte, the sector at the current orientation (0) */
static int cmd_rdsector(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)k;
	(void)cmd;
	uint8_t s = 0;
	chan_write(d, &s, 1);
	return US_CE | US_DE;
}

/* 04 Sense: 24 bytes (6 on the 2311 and 2314).  As Hercules 3.13 makes
 * them: byte 4 names the drive (3330: base + unit; 3340, 3350: one bit per
 * unit; 3375, 3380: the unit), bytes 5-6 the cylinder (low byte) and head
 * under the arm (3375, 3380: the cylinder's high bits in the left half of
 * byte 6), byte 7 why a command was rejected. */
static int cmd_sense(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	uint8_t unit = d->devnum & 7;
	d->sense[2] |= k->g->sense2;
	d->sense[3] |= k->g->sense3;
	if (k->g->family == CKD_3830) {
		d->sense[4] = k->g->type == 0x3330 ? (uint8_t)(k->g->sense4 | unit) : (uint8_t)(0x80 >> unit);
		d->sense[5] = (uint8_t)k->cyl;
		d->sense[6] = (uint8_t)k->head;
	} else if (k->g->family == CKD_3880) {
		d->sense[4] = unit;
		d->sense[5] = (uint8_t)k->cyl;
		d->sense[6] = (uint8_t)((k->cyl >> 8) << 4 | (k->head & 0x0F));
	} else {
		d->sense[7] = 0;
	}
	chan_write(d, d->sense, k->g->sense_len);
	memset(d->sense, 0, sizeof d->sense);
	return US_CE | US_DE;
}

/* E4 Sense ID: FF, control unit type and model, device type and model */
static int cmd_senseid(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)k;
	(void)cmd;
	return dev_sense_id(d);
}

/* ---- searches ---- */

static int compare(const uint8_t *a, const uint8_t *b, uint32_t n)
{
	return n ? memcmp(a, b, n) : 0;
}

/* Satisfied: field (the record's) equal, high, or high or equal to the
 * program's argument, by the command's bits 1-2 (X'20' equal, X'40' high). */
static bool satisfied(uint8_t cmd, int c)
{
	switch (cmd & 0x60) {
	case 0x20:
		return c == 0;
	case 0x40:
		return c > 0;
	default:
		return c >= 0;
	}
}

/* 31 51 71 Search ID, 29 49 69 Search Key, 39 Search HA Equal (+X'80' multitrack) */
static int cmd_search(struct device *d, struct ckd *k, uint8_t cmd)
{
	bool mt = cmd & 0x80;
	uint8_t op = cmd & 0x1F;
	uint8_t arg[256];
	int st;
	const uint8_t *field;
	uint32_t flen;
	if (op == 0x19) { /* home address: CCHH */
		st = load_track(d, k);
		if (!st && k->orient != OR_INDEX)
			st = pass_index(d, k, mt);
		if (st)
			return st;
		k->orient = OR_HA;
		field = k->trk + 1;
		flen = 4;
	} else if (op == 0x11) { /* ID: CCHHR */
		if ((st = next_count(d, k, true, mt)))
			return st;
		field = count_of(k, k->rec);
		flen = 5;
	} else { /* key: of the next record that has one */
		do
			if ((st = to_record(d, k, false, mt)))
				return st;
		while (kl_of(k, k->rec) == 0 && (k->orient = OR_DATA));
		field = count_of(k, k->rec) + CKD_COUNT_LEN;
		flen = kl_of(k, k->rec);
		k->orient = OR_KEY;
	}
	uint32_t n = chan_read(d, arg, flen);
	if (satisfied(cmd, compare(field, arg, n))) {
		k->index_passes = 0;
		return US_CE | US_DE | US_SM;
	}
	return US_CE | US_DE;
}

/* ---- reads ---- */

/* Send count, key and/or data of record r; orientation after the last. */
static void send_record(struct device *d, struct ckd *k, uint32_t r, bool count, bool key, bool data)
{
	const uint8_t *p = count_of(k, r);
	uint32_t kl = kl_of(k, r), dl = dl_of(k, r);
	uint32_t from = count ? 0 : key ? CKD_COUNT_LEN : CKD_COUNT_LEN + kl;
	uint32_t to = data    ? CKD_COUNT_LEN + kl + dl
	              : key   ? CKD_COUNT_LEN + kl
	              : count ? CKD_COUNT_LEN
	                      : from;
	if (to > from)
		chan_write(d, p + from, to - from);
	k->rec = r;
	k->orient = data ? OR_DATA : key ? OR_KEY : OR_COUNT;
	k->index_passes = 0;
}

/* 06 Read Data, 0E Read Key and Data, 1E Read CKD, 12 Read Count (+X'80') */
static int cmd_read(struct device *d, struct ckd *k, uint8_t cmd)
{
	bool mt = cmd & 0x80;
	uint8_t op = cmd & 0x7F;
	int st;
	if (op == 0x12 || op == 0x1E)
		st = next_count(d, k, false, mt);
	else
		st = to_record(d, k, op == 0x06, mt);
	if (st)
		return st;
	/* an end-of-file record (data length 0): its count and key go, then unit exception */
	bool eof = op != 0x12 && dl_of(k, k->rec) == 0;
	send_record(d, k, k->rec, op == 0x12 || op == 0x1E, op == 0x0E || op == 0x1E, op != 0x12 && !eof);
	if (eof) {
		k->orient = OR_DATA;
		return US_CE | US_DE | US_UE;
	}
	return US_CE | US_DE;
}

/* 02 Read IPL: seek to cylinder 0 head 0, read the data of R1 */
static int cmd_readipl(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	k->cyl = k->head = 0;
	k->orient = OR_INDEX;
	k->index_passes = 0;
	int st = next_count(d, k, false, false);
	if (st)
		return st;
	send_record(d, k, k->rec, false, false, true);
	return US_CE | US_DE;
}

/* 1A Read Home Address: flag, CC, HH */
static int cmd_readha(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = load_track(d, k);
	if (!st && k->orient != OR_INDEX)
		st = pass_index(d, k, cmd & 0x80);
	if (st)
		return st;
	chan_write(d, k->trk, CKD_HA_LEN);
	k->orient = OR_HA;
	return US_CE | US_DE;
}

/* 16 Read R0: count, key and data of record 0 */
static int cmd_readr0(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = load_track(d, k);
	if (!st && k->orient != OR_INDEX && k->orient != OR_HA)
		st = pass_index(d, k, cmd & 0x80);
	if (st)
		return st;
	if (k->nrec == 0)
		return unit_check(d, 0, SNS1_NRF);
	send_record(d, k, 0, true, true, true);
	return US_CE | US_DE;
}

/* 5E Read Multiple CKD: every record from the next to the end of the track */
static int cmd_readmulti(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = load_track(d, k);
	if (st)
		return st;
	uint32_t first;
	(void)cmd;
	if (k->orient == OR_INDEX)
		first = 1;
	else
		first = k->orient == OR_HA ? 0 : k->rec + 1;
	uint32_t end = first < k->nrec ? k->off[k->nrec - 1] + CKD_COUNT_LEN + kl_of(k, k->nrec - 1) +
	                                     dl_of(k, k->nrec - 1)
	                               : 0;
	if (first < k->nrec) {
		chan_write(d, k->trk + k->off[first], end - k->off[first]);
		k->rec = k->nrec - 1;
		k->orient = OR_DATA;
	}
	k->index_passes = 0;
	return US_CE | US_DE;
}

/* ---- writes ---- */

/* Write permission by the file mask: 0 or the reject status.  (Seeks the
 * mask forbids end in file protected; writes in command reject.) */
static int may_write(struct device *d, struct ckd *k, uint8_t cmd)
{
	uint8_t w = k->mask & FM_WRITE;
	bool ro = !k->img.nsf && !k->img.base_rw; /* with shadow files, ro protects only the base */
	if (ro || w == FM_INH_ALL || ((cmd == 0x15 || cmd == 0x19) && w == FM_INH_WHA_WR0) ||
	    (cmd == 0x19 && w == FM_INH_WHA))
		return reject(d, REJ_SEQ); /* Hercules 3.13: a reject, not file protected */
	return 0;
}

static bool after_search_eq(struct ckd *k, uint8_t want)
{
	return k->last_sm && (k->last_cmd & 0x7F) == want;
}

/* 05 Write Data, 0D Write Key and Data: after a satisfied Search ID or Key Equal */
static int cmd_write(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = may_write(d, k, cmd);
	if (st)
		return st;
	bool ok = after_search_eq(k, 0x31) || (after_search_eq(k, 0x29) && cmd == 0x05);
	if (k->lr_left) { /* Locate Record Write Data: this record, then the next ones */
		ok = true;
		if (k->orient != OR_COUNT && (st = next_count(d, k, false, true)))
			return st;
	}
	if (!ok || (k->orient != OR_COUNT && k->orient != OR_KEY))
		return reject(d, REJ_SEQ);
	uint32_t r = k->rec, kl = kl_of(k, r), dl = dl_of(k, r);
	uint32_t from = k->off[r] + CKD_COUNT_LEN + (cmd == 0x05 ? kl : 0);
	uint32_t len = (cmd == 0x05 ? 0 : kl) + dl;
	uint32_t n = chan_read(d, k->trk + from, len);
	memset(k->trk + from + n, 0, len - n);
	k->orient = OR_DATA;
	return (st = store_track(d, k)) ? st : US_CE | US_DE;
}

/* The records after index r are gone; a new one of count c goes in. */
static int put_record(struct device *d, struct ckd *k, uint32_t at, const uint8_t *c, bool erase)
{
	uint32_t kl = c[5], dl = ckd_be16(c + 6);
	uint32_t need = CKD_COUNT_LEN + kl + dl;
	uint32_t end = at;
	if (erase) { /* Erase takes key and data from the program and writes nothing */
		uint8_t junk[256];
		for (uint32_t left = kl + dl, n; left; left -= n) {
			n = left < sizeof junk ? left : sizeof junk;
			if (chan_read(d, junk, n) < n)
				break;
		}
	} else {
		if (at + need + CKD_EOT_LEN > k->img.trksize)
			return unit_check(d, 0, SNS1_TRK_OVERRUN);
		memcpy(k->trk + at, c, CKD_COUNT_LEN);
		uint32_t n = chan_read(d, k->trk + at + CKD_COUNT_LEN, kl + dl);
		memset(k->trk + at + CKD_COUNT_LEN + n, 0, kl + dl - n);
		end = at + need;
	}
	memset(k->trk + end, 0xFF, CKD_EOT_LEN);
	memset(k->trk + end + CKD_EOT_LEN, 0, k->img.trksize - end - CKD_EOT_LEN);
	int st = store_track(d, k);
	if (st)
		return st;
	if (erase) {
		k->orient = k->nrec && at > k->off[0] ? OR_DATA : OR_HA;
		k->rec = k->nrec ? k->nrec - 1 : 0;
	} else {
		k->rec = k->nrec - 1;
		k->orient = OR_DATA;
	}
	return US_CE | US_DE;
}

/* 1D Write CKD, 11 Erase: after a satisfied Search ID/Key Equal, a Write R0
 * or Write CKD; the record goes after the current one and the rest of the
 * track is erased */
static int cmd_writeckd(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = may_write(d, k, cmd);
	if (st)
		return st;
	bool ok = after_search_eq(k, 0x31) || after_search_eq(k, 0x29) || k->last_cmd == 0x15 ||
	          k->last_cmd == 0x1D || (k->lr_left && k->last_cmd == 0x47);
	if (!ok || k->orient < OR_COUNT)
		return reject(d, REJ_SEQ);
	uint8_t c[CKD_COUNT_LEN] = {0};
	if (chan_read(d, c, CKD_COUNT_LEN) < CKD_COUNT_LEN)
		return reject(d, REJ_CMD);
	uint32_t r = k->rec;
	uint32_t at = k->off[r] + CKD_COUNT_LEN + kl_of(k, r) + dl_of(k, r);
	return put_record(d, k, at, c, cmd == 0x11);
}

/* 15 Write R0: after a satisfied Search HA Equal or a Write HA */
static int cmd_writer0(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = may_write(d, k, cmd);
	if (st)
		return st;
	if (!(after_search_eq(k, 0x39) || k->last_cmd == 0x19 || (k->lr_left && k->last_cmd == 0x47)) ||
	    k->orient != OR_HA)
		return reject(d, REJ_SEQ);
	uint8_t c[CKD_COUNT_LEN] = {0};
	if (chan_read(d, c, CKD_COUNT_LEN) < CKD_COUNT_LEN)
		return reject(d, REJ_CMD);
	return put_record(d, k, CKD_HA_LEN, c, false);
}

/* 19 Write Home Address: at index; the track is left with no records */
static int cmd_writeha(struct device *d, struct ckd *k, uint8_t cmd)
{
	int st = may_write(d, k, cmd);
	if (st || (st = load_track(d, k)))
		return st;
	uint8_t ha[CKD_HA_LEN];
	uint32_t n = chan_read(d, ha, CKD_HA_LEN);
	memset(ha + n, 0, CKD_HA_LEN - n);
	memset(k->trk, 0, k->img.trksize);
	/* the flag byte is the image's own: only CC HH are the program's */
	ckd_put16(k->trk + 1, (uint16_t)k->cyl);
	ckd_put16(k->trk + 3, (uint16_t)k->head);
	memset(k->trk + CKD_HA_LEN, 0xFF, CKD_EOT_LEN);
	if ((st = store_track(d, k)))
		return st;
	k->orient = OR_HA;
	return US_CE | US_DE;
}

/* ---- Define Extent, Locate Record, Read Track (3880: 3375, 3380) ----
 *
 * As the IBM Multiprise 3000 Internal Disk Subsystem Reference Guide
 * (SA22-1025), chapter 4, describes them for the 3380 track format; the
 * 3880 has the subset below.  Command reject reasons in sense byte 7 are
 * its format 0 messages: 2 invalid sequence, 3 too few parameter bytes,
 * 4 invalid parameter. */
enum { REJ_COUNT = 0x03, REJ_PARM = 0x04 };

/* Locate Record operation codes (byte 0 bits 2-7) and orientations (bits 0-1). */
enum {
	LR_WRITE_DATA = 0x01,
	LR_FORMAT_WRITE = 0x03,
	LR_READ_DATA = 0x06,
	LR_READ_TRACKS = 0x0C,
	LR_READ = 0x16,
	LR_OR_COUNT = 0x00,
	LR_OR_HA = 0x40,
	LR_OR_DATA = 0x80,
	LR_OR_INDEX = 0xC0,
};

/* The operation bytes s370 takes (orientation and code together), as the
 * valid combinations of SA22-1025 table 4-13 for these codes. */
static bool lr_valid_op(uint8_t op)
{
	static const uint8_t valid[] = {
	    0x01, 0x81,             /* Write Data: count, data orientation */
	    0x03, 0x43,             /* Format Write: count, home address */
	    0x06, 0x46, 0x86,       /* Read Data: count, home address, data */
	    0x0C, 0x4C,             /* Read Tracks: count, home address */
	    0x16, 0x56, 0x96, 0xD6, /* Read: count, home address, data, index */
	};
	return memchr(valid, op, sizeof valid) != NULL;
}

/* May cmd run in the domain of the Locate Record (lr_left > 0)? */
static bool lr_allows(const struct ckd *k, uint8_t cmd)
{
	uint8_t c = cmd == 0xDE ? cmd : cmd & 0x7F;
	switch (k->lr_op & 0x3F) {
	case LR_READ_TRACKS:
		return c == 0xDE;
	case LR_READ:
		if (c == 0x16 || c == 0x1A)
			return true;
		/* fall through */
	case LR_READ_DATA:
		return c == 0x06 || c == 0x0E || c == 0x1E || c == 0x12;
	case LR_WRITE_DATA:
		return cmd == 0x05;
	case LR_FORMAT_WRITE:
		return cmd == 0x1D || cmd == 0x15;
	default:
		return false;
	}
}

/* 63 Define Extent: 16 bytes — mask (as the file mask), global attributes,
 * blocksize, 3 reserved zero bytes, global attributes extended, first and
 * last track of the extent (CCHH each).  Once per program, not after Set
 * File Mask. */
static int cmd_defext(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	uint8_t p[16] = {0};
	if (k->de_set || k->mask_set)
		return reject(d, REJ_SEQ);
	if (chan_read(d, p, 16) < 16)
		return reject(d, REJ_COUNT);
	uint32_t c1 = ckd_be16(p + 8), h1 = ckd_be16(p + 10), c2 = ckd_be16(p + 12), h2 = ckd_be16(p + 14);
	uint32_t first = c1 * k->img.heads + h1, last = c2 * k->img.heads + h2;
	if ((p[0] & 0x20) || p[4] || p[5] || p[6] || c1 >= k->img.cyls || c2 >= k->img.cyls ||
	    h1 >= k->img.heads || h2 >= k->img.heads || first > last)
		return reject(d, REJ_PARM);
	k->mask = p[0] & (FM_WRITE | FM_SEEK);
	k->mask_set = true;
	k->de_set = true;
	k->de_first = first;
	k->de_last = last;
	k->orient = OR_INDEX;
	k->index_passes = 0;
	return US_CE | US_DE;
}

/* Orient as Locate Record asks on the track under the head: at index,
 * after the home address, or after the count or data area of the record
 * whose CCHHR is id (searched on this track only, R0 included). */
static int lr_orient(struct device *d, struct ckd *k, uint8_t orient, const uint8_t *id)
{
	int st = load_track(d, k);
	if (st)
		return st;
	k->index_passes = 0;
	if (orient == LR_OR_INDEX) {
		k->orient = OR_INDEX;
		return 0;
	}
	k->orient = OR_HA;
	if (orient == LR_OR_HA)
		return 0;
	for (uint32_t r = 0; r < k->nrec; r++)
		if (!memcmp(count_of(k, r), id, 5)) {
			k->rec = r;
			k->orient = orient == LR_OR_DATA ? OR_DATA : OR_COUNT;
			return 0;
		}
	return unit_check(d, 0, SNS1_NRF);
}

/* 47 Locate Record: 16 bytes — operation, auxiliary, 0, count, seek
 * address CCHH, search argument CCHHR, sector, transfer length factor.
 * After a Define Extent, outside another Locate Record's domain. */
static int cmd_locate(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	uint8_t p[16] = {0};
	uint32_t n = chan_read(d, p, 16); /* the parameters come first, as on Hercules 3.13 */
	if (!k->de_set)
		return reject(d, REJ_SEQ);
	if (n < 16)
		return reject(d, REJ_COUNT);
	uint32_t cc = ckd_be16(p + 4), hh = ckd_be16(p + 6);
	uint8_t code = p[0] & 0x3F;
	if (!lr_valid_op(p[0]) || (p[1] & 0x7F) || p[2] || !p[3] || cc >= k->img.cyls || hh >= k->img.heads)
		return reject(d, REJ_PARM);
	bool write = code == LR_WRITE_DATA || code == LR_FORMAT_WRITE;
	if (write && (k->mask & FM_WRITE) == FM_INH_ALL)
		return reject(d, REJ_SEQ);
	if (off_extent(k, cc, hh))
		return protected(d);
	k->cyl = cc;
	k->head = hh;
	int st = lr_orient(d, k, p[0] & 0xC0, p + 8);
	if (st)
		return st;
	k->lr_op = p[0];
	k->lr_left = p[3];
	return US_CE | US_DE;
}

/* DE Read Track: in a Read Tracks domain, right after the Locate Record or
 * another Read Track.  The first sends every count, key and data area
 * after the Locate Record's orientation (from R0 when oriented to the
 * home address) to the end of the track, then eight X'FF' (a pseudo
 * count); each later one moves to the next track (over a cylinder
 * boundary too, inside the extent) and sends all of it from R0. */
static int cmd_readtrack(struct device *d, struct ckd *k, uint8_t cmd)
{
	(void)cmd;
	if (!k->lr_left || (k->lr_op & 0x3F) != LR_READ_TRACKS ||
	    (k->last_cmd != 0x47 && k->last_cmd != 0xDE))
		return reject(d, REJ_SEQ);
	int st;
	uint32_t first;
	if (k->last_cmd == 0xDE) {
		uint32_t cyl = k->cyl, head = k->head + 1;
		if (head >= k->img.heads) {
			head = 0;
			cyl++;
		}
		if (cyl >= k->img.cyls)
			return unit_check(d, 0, SNS1_EOC);
		if (off_extent(k, cyl, head))
			return protected(d);
		k->cyl = cyl;
		k->head = head;
		k->orient = OR_HA;
	}
	if ((st = load_track(d, k)))
		return st;
	if (k->orient == OR_HA) {
		if (k->nrec == 0)
			return unit_check(d, 0, SNS1_NRF);
		first = 0;
	} else {
		first = k->orient == OR_INDEX ? 0 : k->rec + 1;
	}
	uint32_t from = first < k->nrec ? k->off[first] : k->used - CKD_EOT_LEN;
	/* the image's end-of-track marker is the pseudo count */
	chan_write(d, k->trk + from, k->used - from);
	k->orient = OR_INDEX;
	k->index_passes = 0;
	return US_CE | US_DE;
}

/* ---- the command table ---- */

typedef int ckd_cmd_fn(struct device *d, struct ckd *k, uint8_t cmd);
static ckd_cmd_fn *const cmds[256] = {
    [0x02] = cmd_readipl, [0x03] = cmd_nop,     [0x04] = cmd_sense,     [0x05] = cmd_write,
    [0x06] = cmd_read,    [0x86] = cmd_read,    [0x07] = cmd_seek,      [0x0B] = cmd_seek,
    [0x0D] = cmd_write,   [0x0E] = cmd_read,    [0x8E] = cmd_read,      [0x11] = cmd_writeckd,
    [0x12] = cmd_read,    [0x92] = cmd_read,    [0x13] = cmd_recal,     [0x15] = cmd_writer0,
    [0x16] = cmd_readr0,  [0x96] = cmd_readr0,  [0x19] = cmd_writeha,   [0x1A] = cmd_readha,
    [0x9A] = cmd_readha,  [0x1B] = cmd_seek,    [0x1D] = cmd_writeckd,  [0x1E] = cmd_read,
    [0x9E] = cmd_read,    [0x1F] = cmd_setmask, [0x22] = cmd_rdsector,  [0x23] = cmd_nop,
    [0x29] = cmd_search,  [0xA9] = cmd_search,  [0x31] = cmd_search,    [0xB1] = cmd_search,
    [0x39] = cmd_search,  [0xB9] = cmd_search,  [0x49] = cmd_search,    [0xC9] = cmd_search,
    [0x51] = cmd_search,  [0xD1] = cmd_search,  [0x69] = cmd_search,    [0xE9] = cmd_search,
    [0x71] = cmd_search,  [0xF1] = cmd_search,  [0x5E] = cmd_readmulti, [0xDE] = cmd_readtrack,
    [0xE4] = cmd_senseid, [0x47] = cmd_locate,  [0x63] = cmd_defext,
};

static int ckd_ccw(struct device *d, uint8_t cmd)
{
	struct ckd *k = ckd_of(d);
	if (chan_is_ipl_read(d))
		cmd = 0x02;
	ckd_cmd_fn *fn = cmds[cmd];
	bool eckd = cmd == 0x47 || cmd == 0x63 || cmd == 0xDE;
	if ((cmd == 0xE4 && !k->g->cu_type) || (eckd && k->g->family != CKD_3880))
		fn = NULL;
	int st;
	if (cmd == 0xDE && !fn) /* no Read Track on the 3830 and 2841 (as Hercules 3.13 reports it) */
		st = reject(d, REJ_SEQ);
	else if (cmd == 0x0F) /* Space Count: rejected, as Hercules 3.13 does (docs/dasd.md) */
		st = reject(d, REJ_UNSUP);
	else if (k->lr_left && !lr_allows(k, cmd)) /* the Locate Record's domain */
		st = reject(d, REJ_SEQ);
	else
		st = fn ? fn(d, k, cmd) : reject(d, REJ_CMD);
	if (k->lr_left && cmd != 0x47 && !(st & US_UC))
		k->lr_left--;
	k->last_cmd = cmd;
	k->last_sm = (st & US_SM) != 0;
	return st;
}

/* A new channel program: the file mask and the chain's history start over;
 * the disk has turned meanwhile, so orientation is lost. */
static void ckd_start(struct device *d)
{
	struct ckd *k = ckd_of(d);
	k->mask = 0;
	k->mask_set = false;
	k->index_passes = 0;
	k->last_cmd = 0;
	k->last_sm = false;
	k->de_set = false;
	k->lr_left = 0;
	k->orient = OR_INDEX;
}

static void ckd_query(struct device *d, char *buf, size_t n)
{
	struct ckd *k = ckd_of(d);
	char sf[32] = "";
	if (k->img.nsf)
		snprintf(sf, sizeof sf, " shadow %d", k->img.nsf);
	snprintf(buf, n, "%s [%u cyls]%s%s%s cyl %u head %u, %lu reads %lu writes", k->path, k->img.cyls,
	         k->img.cckd ? " compressed" : "", k->img.ro ? " ro" : "", sf, k->cyl, k->head, k->reads,
	         k->writes);
}

static void ckd_close(struct device *d)
{
	struct ckd *k = ckd_of(d);
	if (!k)
		return;
	ckd_img_close(&k->img);
	ckd_cache_free(&k->cache);
	free(k->off);
	free(k->path);
	free(k);
	d->priv = NULL;
}

/* faultwrite=K or S370_FAULT_WRITE=K: K decimal, 1 or more.  0 or -1. */
static int parse_fault(const char *s, unsigned long *k)
{
	char *end;
	errno = 0;
	unsigned long v = strtoul(s, &end, 10);
	if (!*s || *end || errno || v == 0 || *s == '-')
		return -1;
	*k = v;
	return 0;
}

static int ckd_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	const struct ckd_geom *g = ckd_geom_find(d->type);
	const char *path = NULL, *sf = NULL, *env = getenv("S370_FAULT_WRITE");
	bool ro = false;
	unsigned long fault = 0;
	if (env && *env && parse_fault(env, &fault)) {
		snprintf(err, errlen, "S370_FAULT_WRITE=%s: expected a count of 1 or more", env);
		return -1;
	}
	for (int a = 0; a < argc; a++) {
		if (!strcasecmp(argv[a], "ro") || !strcasecmp(argv[a], "readonly") ||
		    !strcasecmp(argv[a], "rdonly"))
			ro = true;
		else if (!strncasecmp(argv[a], "sf=", 3) && argv[a][3])
			sf = argv[a] + 3;
		else if (!strncasecmp(argv[a], "faultwrite=", 11)) {
			if (parse_fault(argv[a] + 11, &fault)) {
				snprintf(err, errlen, "%s: expected faultwrite=K, K a count of 1 or more",
				         argv[a]);
				return -1;
			}
		} else if (!strcasecmp(argv[a], "nosyncio") || !strcasecmp(argv[a], "syncio") ||
		           !strncasecmp(argv[a], "cu=", 3))
			snprintf(err, errlen, "option %s accepted, not emulated", argv[a]);
		else if (!path && !strchr(argv[a], '='))
			path = argv[a];
		else {
			snprintf(err, errlen,
			         "unknown operand %s (expected FILE [ro] [sf=SHADOW] [faultwrite=K])",
			         argv[a]);
			return -1;
		}
	}
	if (!g || !path) {
		snprintf(err, errlen, g ? "no image file named" : "unknown CKD type %s", d->type);
		return -1;
	}
	struct ckd *k = calloc(1, sizeof *k);
	if (!k || !(k->path = strdup(path))) {
		free(k);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	char why[512];
	if (ckd_img_open_sf(&k->img, path, ro, sf, why, sizeof why)) {
		snprintf(err, errlen, "%s", why);
		free(k->path);
		free(k);
		return -1;
	}
	d->priv = k;
	k->img.fault.fail_at = fault; /* counted from the first write after the attach */
	k->img.fault.writes = 0;
	/* the image decides the model within the family (a 3330 of 808 cylinders is a 3330-11) */
	const struct ckd_geom *ig = ckd_geom_by_code(k->img.code, k->img.cyls);
	if (!ig || ig->type != g->type || k->img.heads != g->heads || k->img.trksize != ckd_track_size(g)) {
		snprintf(err, errlen, "%s: the image is not a %s (device code %02X, %u heads, track size %u)",
		         path, d->type, k->img.code, k->img.heads, k->img.trksize);
		ckd_close(d);
		return -1;
	}
	k->g = ig;
	k->off = calloc(k->img.trksize / CKD_COUNT_LEN, sizeof *k->off);
	if (!k->off || ckd_cache_init(&k->cache, k->img.trksize, k->img.tracks)) {
		snprintf(err, errlen, "out of memory");
		ckd_close(d);
		return -1;
	}
	d->sense_len = ig->sense_len;
	if (ig->cu_type) {
		dev_set_senseid(d, ig->cu_type, ig->cu_model);
		d->senseid[4] = (uint8_t)(ig->type >> 8);
		d->senseid[5] = (uint8_t)ig->type;
		d->senseid[6] = ig->model;
	}
	d->devtype = ig->type;
	d->devmodel = ig->model;
	return 0;
}

extern const struct dev_ops ckd_ops;

struct ckd_img *ckd_dev_img(struct device *d)
{
	return d->ops == &ckd_ops && d->priv ? &ckd_of(d)->img : NULL;
}

void ckd_dev_forget_track(struct device *d)
{
	if (d->ops == &ckd_ops && d->priv) {
		ckd_of(d)->trk_valid = false;
		ckd_cache_clear(&ckd_of(d)->cache);
	}
}

static const char *const ckd_types[] = {"2311",   "2314",   "3330",   "3330-1", "3330-11", "3330-2",
                                        "3340",   "3340-1", "3340-2", "3350",   "3375",    "3380",
                                        "3380-1", "3380-E", "3380-K", NULL};

const struct dev_ops ckd_ops = {
    .types = ckd_types,
    .desc = "CKD DASD on a Hercules CKD or CCKD image (FILE [ro] [sf=SHADOW] [faultwrite=K])",
    .init = ckd_init,
    .close = ckd_close,
    .start = ckd_start,
    .ccw = ckd_ccw,
    .query = ckd_query,
};
