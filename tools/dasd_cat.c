/* dasd_cat.c — `dasd cat`: a data set's records as text, or its blocks.
 *
 * A sequential data set is read from its first track, record 1, track after
 * track through its extents, up to the end-of-file record (data length 0).
 * A partitioned data set begins with its directory: 256-byte blocks with an
 * 8-byte key, each starting with the count of bytes used (2 bytes), then
 * entries of member name (8), TTR (3: relative track and record of the
 * member's first block) and C (1: X'80' alias, X'1F' the number of halfwords
 * of user data that follow); the name X'FF..FF' ends the directory (z/OS
 * DFSMS Using Data Sets, "PDS directory").  Records are cut from blocks by
 * the record format: F by LRECL, V by their record descriptor words, U one
 * per block (DS1RECFM in dasd_vtoc.c).
 */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "dasd.h"

struct reader {
	struct dasd_vol *v;
	const struct dasd_dscb *d;
	uint32_t tt, off; /* relative track; offset in it (0: not read yet) */
	uint8_t first_r;  /* skip records below this on the first track */
	bool eof;
};

/* The next block of the data set; false at its end (EOF record or extents). */
static bool next_block(struct reader *rd, struct dasd_rec *rec)
{
	while (!rd->eof) {
		if (rd->off == 0) {
			uint32_t trk = dasd_rel_track(rd->d, rd->tt);
			if (trk == UINT32_MAX || dasd_vol_read(rd->v, trk)) {
				rd->eof = true;
				return false;
			}
		}
		if (!dasd_next_record(rd->v, &rd->off, rec, false)) {
			rd->tt++;
			rd->off = 0;
			rd->first_r = 0;
			continue;
		}
		if (rec->r < rd->first_r)
			continue;
		if (rec->dl == 0) {
			rd->eof = true;
			return false;
		}
		return true;
	}
	return false;
}

static void put_line(const uint8_t *p, size_t n)
{
	char *s = malloc(2 * n + 1);
	if (!s)
		return;
	dasd_e2a(p, n, s);
	puts(s);
	free(s);
}

/* One block as lines, by the record format. */
static void put_block(const struct dasd_dscb *d, const uint8_t *p, uint32_t n)
{
	uint8_t recfm = d->f1[40];
	uint32_t lrecl = ckd_be16(d->f1 + 44);
	if ((recfm & 0xC0) == 0x80) { /* F */
		if (!lrecl || lrecl > n)
			lrecl = n;
		for (uint32_t o = 0; o + lrecl <= n; o += lrecl)
			put_line(p + o, lrecl);
	} else if ((recfm & 0xC0) == 0x40) { /* V: block descriptor, then records */
		uint32_t bl = n >= 4 ? ckd_be16(p) : 0;
		if (bl > n || bl < 4)
			bl = n;
		for (uint32_t o = 4; o + 4 <= bl;) {
			uint32_t rl = ckd_be16(p + o);
			if (rl < 4 || o + rl > bl)
				break;
			put_line(p + o + 4, rl - 4);
			o += rl;
		}
	} else {
		put_line(p, n);
	}
}

static void dump(struct reader *rd, bool binary)
{
	struct dasd_rec rec;
	while (next_block(rd, &rec)) {
		if (binary)
			fwrite(rec.data, 1, rec.dl, stdout);
		else
			put_block(rd->d, rec.data, rec.dl);
	}
}

/* Walk the directory: list the members, or find one (its TTR in *ttr). */
static bool directory(struct dasd_vol *v, const struct dasd_dscb *d, const char *member, uint8_t *ttr)
{
	struct reader rd = {.v = v, .d = d};
	struct dasd_rec rec;
	while (next_block(&rd, &rec)) {
		if (rec.dl < 2)
			continue;
		uint32_t used = ckd_be16(rec.data);
		if (used > rec.dl)
			used = rec.dl;
		for (uint32_t o = 2; o + 12 <= used;) {
			const uint8_t *e = rec.data + o;
			if (!memcmp(e, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))
				return false;
			char name[17];
			dasd_e2a(e, 8, name);
			if (member && !strcasecmp(name, member)) {
				memcpy(ttr, e + 8, 3);
				return true;
			}
			if (!member)
				printf(e[11] & 0x80 ? "%-8s alias\n" : "%s\n", name);
			o += 12 + 2 * (e[11] & 0x1F);
		}
	}
	return false;
}

int dasd_cat_main(int argc, char **argv)
{
	bool binary = false;
	int a = 1;
	if (a < argc && !strcmp(argv[a], "-b")) {
		binary = true;
		a++;
	}
	if (argc - a != 2) {
		dasd_err("cat: expected FILE DSNAME[(MEMBER)]  (dasd --help)");
		return DASD_USAGE;
	}
	char name[64], member[16] = "";
	snprintf(name, sizeof name, "%s", argv[a + 1]);
	char *par = strchr(name, '(');
	if (par) {
		char *end = strchr(par, ')');
		if (!end || end[1] || end - par - 1 < 1 || end - par - 1 > 8) {
			dasd_err("cat: bad member name in '%s' (1 to 8 characters in parentheses)",
			         argv[a + 1]);
			return DASD_USAGE;
		}
		*end = 0;
		snprintf(member, sizeof member, "%s", par + 1);
		*par = 0;
	}
	if (!*name || strlen(name) > 44) {
		dasd_err("cat: bad data set name '%s' (1 to 44 characters)", argv[a + 1]);
		return DASD_USAGE;
	}
	struct dasd_vol v;
	char fvs[13];
	uint64_t blocks;
	if (dasd_fba_label(argv[a], fvs, &blocks)) {
		dasd_err("cat: %s is an FBA volume (%s): dasd reads data sets of CKD volumes only", argv[a],
		         fvs);
		return DASD_BAD;
	}
	int rc = dasd_vol_open(&v, argv[a]);
	if (rc)
		return rc;
	struct dasd_dscb d;
	if ((rc = dasd_vol_label(&v)) == 0 && !v.has_f4) {
		dasd_err("cat: volume %s has no VTOC", v.volser);
		rc = DASD_BAD;
	} else if (rc == 0) {
		int f = dasd_find_dscb(&v, name, &d);
		if (f) {
			if (f > 0)
				dasd_err("cat: no data set %s on volume %s", name, v.volser);
			rc = DASD_BAD;
		}
	}
	if (rc) {
		dasd_vol_close(&v);
		return rc;
	}
	bool pds = d.f1[38] & 0x02;
	if (*member && !pds) {
		dasd_err("cat: %s is not partitioned: no member %s", name, member);
		rc = DASD_BAD;
	} else if (*member) {
		uint8_t ttr[3];
		if (!directory(&v, &d, member, ttr)) {
			dasd_err("cat: no member %s in %s", member, name);
			rc = DASD_BAD;
		} else {
			struct reader rd = {.v = &v, .d = &d, .tt = ckd_be16(ttr), .first_r = ttr[2]};
			dump(&rd, binary);
		}
	} else if (pds && !binary) {
		directory(&v, &d, NULL, NULL);
	} else {
		struct reader rd = {.v = &v, .d = &d};
		dump(&rd, binary);
	}
	dasd_vol_close(&v);
	return rc;
}
