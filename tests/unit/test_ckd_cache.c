/* test_ckd_cache.c — the track cache of CKD devices (devices/ckd_cache.c
 * and its use in ckd.c): least-recently-used replacement, and that the
 * device never serves a stale track: after a write (through the cache,
 * and through the image behind the device's back), a failed write, sf+,
 * sf- nomerge, sf- merge, sfc, devinit, and with more tracks in use than
 * the cache holds.  Images are made by Hercules' dasdinit; skipped when it
 * is not installed. */
#include <sys/stat.h>

#include "ckd.h"
#include "ckd_cache.h"
#include "ckdimg.h"
#include "urtest.h"

enum { DEV = 0x190, BUF = 0x2000 };

/* ---- the cache alone ---- */

static void lru_order(void **state)
{
	(void)state;
	struct ckd_cache c;
	/* a track size that leaves room for exactly 3 slots */
	assert_int_equal(ckd_cache_init(&c, CKD_CACHE_BYTES / 3, 100), 0);
	assert_int_equal(c.nslots, 3);
	assert_null(ckd_cache_get(&c, 5));
	uint8_t *a = ckd_cache_claim(&c, 5), *b = ckd_cache_claim(&c, 6), *d = ckd_cache_claim(&c, 7);
	assert_non_null(a);
	assert_ptr_not_equal(a, b);
	assert_ptr_not_equal(b, d);
	a[0] = 55;
	assert_ptr_equal(ckd_cache_get(&c, 5), a); /* 5 is now the most recent: 6 goes first */
	uint8_t *e = ckd_cache_claim(&c, 8);
	assert_ptr_equal(e, b);
	assert_null(ckd_cache_get(&c, 6));
	assert_ptr_equal(ckd_cache_get(&c, 5), a);
	assert_int_equal(a[0], 55);
	/* a dropped track is gone, and its slot is the next reused */
	ckd_cache_drop(&c, 7);
	assert_null(ckd_cache_get(&c, 7));
	assert_ptr_equal(ckd_cache_claim(&c, 9), d);
	assert_ptr_equal(ckd_cache_get(&c, 8), e);
	/* claiming a cached track again gives one slot, not two */
	uint8_t *again = ckd_cache_claim(&c, 8);
	assert_ptr_equal(ckd_cache_get(&c, 8), again);
	ckd_cache_clear(&c);
	for (uint32_t t = 0; t < 100; t++)
		assert_null(ckd_cache_get(&c, t));
	assert_null(ckd_cache_claim(&c, 100)); /* past the volume */
	ckd_cache_free(&c);
	/* a volume smaller than the budget: one slot per track, at least two */
	assert_int_equal(ckd_cache_init(&c, 4096, 1), 0);
	assert_int_equal(c.nslots, 2);
	ckd_cache_free(&c);
	assert_int_equal(ckd_cache_init(&c, 19456, 60000), 0);
	assert_int_equal(c.nslots, CKD_CACHE_BYTES / 19456);
	ckd_cache_free(&c);
}

/* ---- the device ---- */

static void make_image(const char *opts, const char *file, const char *type, int cyls)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -f %s; dasdinit %s %s %s CCH001 %d >/dev/null 2>&1", file, opts, file,
	         type, cyls);
	assert_int_equal(system(cmd), 0);
}

/* Seek cc/hh, Search ID Equal R (TIC loop), then cmd on BUF. */
static const char *search_then(struct ctm *m, uint16_t cc, uint16_t hh, uint8_t r, uint8_t cmd,
                               uint16_t count)
{
	return ur_search_then(m, DEV, BUF, cc, hh, r, cmd, CCW_SLI, count);
}

static uint8_t pattern(int k, int seed)
{
	return (uint8_t)(k * 13 + seed * 101 + (k >> 5));
}

/* Write CKD of R1 after R0: n bytes of pattern seed. */
static const char *write_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	char rec[32];
	snprintf(rec, sizeof rec, "%04X%04X0100%04X", cc, hh, n);
	ur_put_bytes(m, BUF, rec);
	for (int k = 0; k < n; k++)
		*tm_mem(m->t, BUF + 8 + k) = pattern(k, seed);
	return search_then(m, cc, hh, 0, 0x1D, (uint16_t)(8 + n));
}

/* Write Data of R1 (after a Search ID Equal on R1): an update in place. */
static const char *update_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	for (int k = 0; k < n; k++)
		*tm_mem(m->t, BUF + k) = pattern(k, seed);
	return search_then(m, cc, hh, 1, 0x05, n);
}

/* R1 of cc/hh holds n bytes of pattern seed. */
static void check_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	memset(tm_mem(m->t, BUF), 0xEE, n);
	assert_string_equal(search_then(m, cc, hh, 1, 0x06, n), "00000220 0C00 0000");
	for (int k = 0; k < n; k++)
		if (*tm_mem(m->t, BUF + k) != pattern(k, seed))
			fail_msg("track %u/%u byte %d: %02X, expected pattern %d", cc, hh, k,
			         *tm_mem(m->t, BUF + k), seed);
}

static struct device *the_dev;
static void find_dev(struct device *d, void *ctx)
{
	(void)ctx;
	if (d->devnum == DEV)
		the_dev = d;
}
static struct device *dev_of(struct ctm *m)
{
	the_dev = NULL;
	chan_each_device(m->cs, find_dev, NULL);
	assert_non_null(the_dev);
	return the_dev;
}

/* The device's count of host track reads (its devlist line: "N reads"). */
static char query[200];
static void get_query(void *ctx, const char *line)
{
	char want[8];
	(void)ctx;
	snprintf(want, sizeof want, "%04X ", DEV);
	if (!strncmp(line, want, 5))
		snprintf(query, sizeof query, "%s", line);
}
static unsigned long host_reads(struct ctm *m)
{
	query[0] = 0;
	chan_devlist(m->cs, get_query, NULL);
	const char *p = strstr(query, " reads");
	assert_non_null(p);
	while (p > query && p[-1] >= '0' && p[-1] <= '9')
		p--;
	return strtoul(p, NULL, 10);
}

static char cmd_out[4096];
static void out_line(void *ctx, const char *line)
{
	(void)ctx;
	size_t n = strlen(cmd_out);
	snprintf(cmd_out + n, sizeof cmd_out - n, "%s\n", line);
}
static int dasd(struct ctm *m, const char *line)
{
	char copy[256], *argv[8];
	int argc = 0;
	snprintf(copy, sizeof copy, "%s", line);
	for (char *t = strtok(copy, " "); t && argc < 8; t = strtok(NULL, " "))
		argv[argc++] = t;
	cmd_out[0] = 0;
	return dasd_command(m->cs, argc, argv, out_line, NULL);
}

/* Tracks read again come from memory: no host read.  A write goes through
 * to the image (another attach sees it) and the cached copy is the written
 * one. */
static void hits_and_write_through(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "c.cckd", "3350", 10);
	struct ctm *m = ur_setup(DEV, "3350", "c.cckd");
	for (int h = 0; h < 5; h++)
		assert_string_equal(write_r1(m, 2, (uint16_t)h, 4000, h), "00000220 0C00 0000");
	unsigned long r0 = host_reads(m);
	for (int pass = 0; pass < 3; pass++)
		for (int h = 0; h < 5; h++)
			check_r1(m, 2, (uint16_t)h, 4000, h);
	assert_int_equal(host_reads(m), r0); /* all five tracks were cached */
	/* an update in place, then read back from the cache and from a new attach */
	assert_string_equal(update_r1(m, 2, 3, 4000, 9), "00000220 0C00 0000");
	check_r1(m, 2, 3, 4000, 9);
	check_r1(m, 2, 4, 4000, 4);
	assert_int_equal(host_reads(m), r0);
	ctm_free(m);
	m = ur_setup(DEV, "3350", "c.cckd");
	check_r1(m, 2, 3, 4000, 9);
	check_r1(m, 2, 0, 4000, 0);
	ctm_free(m);
}

/* More tracks in use than the cache holds (a 3380 keeps 176): every
 * track still reads back what was written last, and a second pass reads
 * the image again for the tracks that were replaced. */
static void more_tracks_than_slots(void **state)
{
	(void)state;
	ur_chdir();
	make_image("", "big.ckd", "3380", 20); /* 300 tracks */
	struct ctm *m = ur_setup(DEV, "3380", "big.ckd");
	for (int t = 0; t < 300; t++)
		assert_string_equal(write_r1(m, (uint16_t)(t / 15), (uint16_t)(t % 15), 300, t),
		                    "00000220 0C00 0000");
	for (int t = 299; t >= 0; t -= 7) /* rewrite some, in another order */
		assert_string_equal(update_r1(m, (uint16_t)(t / 15), (uint16_t)(t % 15), 300, t + 1000),
		                    "00000220 0C00 0000");
	unsigned long r0 = host_reads(m);
	for (int t = 0; t < 300; t++)
		check_r1(m, (uint16_t)(t / 15), (uint16_t)(t % 15), 300, (299 - t) % 7 ? t : t + 1000);
	assert_true(host_reads(m) > r0); /* some had been replaced */
	ctm_free(m);
}

/* A change of the image behind the device (as sf- makes one) is served
 * from the cache until ckd_dev_forget_track: that shows the cache is in
 * use, and that forgetting empties it. */
static void forget(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "f.cckd", "3350", 10);
	struct ctm *m = ur_setup(DEV, "3350", "f.cckd");
	assert_string_equal(write_r1(m, 1, 1, 2000, 1), "00000220 0C00 0000");
	assert_string_equal(write_r1(m, 1, 2, 2000, 2), "00000220 0C00 0000");
	check_r1(m, 1, 1, 2000, 1);
	struct device *d = dev_of(m);
	struct ckd_img *img = ckd_dev_img(d);
	assert_non_null(img);
	/* copy track 1/2 over 1/1 (track 31) in the image, fixing its CCHH */
	uint8_t *trk = malloc(img->trksize);
	char err[200];
	assert_int_equal(ckd_img_read(img, 32, trk, err, sizeof err), 0);
	ckd_put16(trk + 3, 1);             /* home address HH */
	ckd_put16(trk + 5 + 2, 1);         /* R0 count HH */
	ckd_put16(trk + 5 + 8 + 8 + 2, 1); /* R1 count HH */
	uint32_t used = ckd_track_used(trk, img->trksize);
	assert_true(used > 0);
	assert_int_equal(ckd_img_write(img, 31, trk, used, err, sizeof err), 0);
	free(trk);
	check_r1(m, 1, 2, 2000, 2); /* head elsewhere: 1/1 is not the current track */
	check_r1(m, 1, 1, 2000, 1); /* the cached copy: the image changed behind the device */
	ckd_dev_forget_track(d);
	check_r1(m, 1, 1, 2000, 2); /* now from the image */
	ctm_free(m);
}

/* A write that fails on the host leaves the previous track in the image;
 * the device must not keep the changed copy it made in memory. */
static void failed_write(void **state)
{
	(void)state;
	ur_chdir();
	static const char *const kinds[] = {"-z", ""};
	for (int i = 0; i < 2; i++) {
		make_image(kinds[i], "w.img", "3350", 10);
		/* plain CKD: one host write per track write; CCKD: more (the opened
		 * bit, the image, its L2 entry): one of the first updates fails */
		struct ctm *m = ur_setup(DEV, "3350", i ? "w.img faultwrite=3" : "w.img faultwrite=8");
		const char *st;
		assert_string_equal(write_r1(m, 3, 3, 3000, 1), "00000220 0C00 0000");
		check_r1(m, 3, 3, 3000, 1);
		for (int n = 0;; n++) {
			if (n == 8)
				fail_msg("no write failed (%s)", kinds[i]);
			st = update_r1(m, 3, 3, 3000, 2 + n);
			if (!strcmp(st, "00000220 0E00 0000"))
				break;
			assert_string_equal(st, "00000220 0C00 0000");
			check_r1(m, 3, 3, 3000, 2 + n);
		}
		/* the failed update: equipment check; the track keeps the previous pattern */
		uint8_t seed = 0;
		memset(tm_mem(m->t, BUF), 0xEE, 3000);
		assert_string_equal(search_then(m, 3, 3, 1, 0x06, 3000), "00000220 0C00 0000");
		for (int s = 1; s < 10; s++)
			if (*tm_mem(m->t, BUF + 100) == pattern(100, s) &&
			    *tm_mem(m->t, BUF + 2999) == pattern(2999, s))
				seed = (uint8_t)s;
		assert_true(seed > 0);
		check_r1(m, 3, 3, 3000, seed);
		ctm_free(m);
		m = ur_setup(DEV, "3350", "w.img");
		check_r1(m, 3, 3, 3000, seed); /* the image agrees with what the device read */
		ctm_free(m);
	}
}

/* Shadow files: every command that changes the files under the device
 * leaves it reading the volume as it now is. */
static void shadows(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "sb.cckd", "3350", 10);
	assert_int_equal(system("rm -f ss_*.cckd"), 0);
	struct ctm *m = ur_setup(DEV, "3350", "sb.cckd sf=ss_*.cckd");
	assert_string_equal(write_r1(m, 4, 4, 3000, 1), "00000220 0C00 0000");
	check_r1(m, 4, 4, 3000, 1);
	assert_int_equal(dasd(m, "sf+ 190"), 0);
	check_r1(m, 4, 4, 3000, 1);
	assert_string_equal(update_r1(m, 4, 4, 3000, 2), "00000220 0C00 0000");
	check_r1(m, 4, 4, 3000, 2);
	assert_int_equal(dasd(m, "sf- 190 nomerge"), 0); /* back to the snapshot */
	check_r1(m, 4, 4, 3000, 1);
	assert_int_equal(dasd(m, "sf+ 190"), 0);
	assert_string_equal(update_r1(m, 4, 4, 3000, 3), "00000220 0C00 0000");
	assert_int_equal(dasd(m, "sfc 190"), 0);
	check_r1(m, 4, 4, 3000, 3);
	assert_int_equal(dasd(m, "sf- 190 merge"), 0);
	check_r1(m, 4, 4, 3000, 3);
	assert_string_equal(update_r1(m, 4, 4, 3000, 4), "00000220 0C00 0000");
	check_r1(m, 4, 4, 3000, 4);
	assert_int_equal(dasd(m, "sf- 190 nomerge"), 0); /* shadow 1 dropped: the base is current */
	/* the base's track: the end-of-file R1 of dasdinit -z (unit exception) */
	assert_string_equal(search_then(m, 4, 4, 1, 0x06, 3000), "00000220 0D00 0BB8");
	ctm_free(m);
}

/* devinit to another image: nothing of the first one is served. */
static void devinit(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "d1.cckd", "3350", 10);
	make_image("-z", "d2.cckd", "3350", 10);
	struct ctm *m = ur_setup(DEV, "3350", "d2.cckd");
	assert_string_equal(write_r1(m, 5, 5, 1000, 2), "00000220 0C00 0000");
	ctm_free(m);
	m = ur_setup(DEV, "3350", "d1.cckd");
	assert_string_equal(write_r1(m, 5, 5, 1000, 1), "00000220 0C00 0000");
	check_r1(m, 5, 5, 1000, 1);
	char err[200] = "", *argv[] = {"d2.cckd"};
	assert_int_equal(chan_devinit(m->cs, DEV, 1, argv, err, sizeof err), 0);
	fill_csw(m);
	assert_int_equal(io_insn(m, "9D00 0190"), 1); /* the device end of the new volume */
	check_r1(m, 5, 5, 1000, 2);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest unit[] = {cmocka_unit_test(lru_order)};
	int rc = cmocka_run_group_tests_name("cache", unit, NULL, NULL);
	if (system("command -v dasdinit >/dev/null 2>&1") != 0) {
		printf("dasdinit (Debian package hercules) is not installed: device tests skipped\n");
		return rc;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(hits_and_write_through),
	    cmocka_unit_test(more_tracks_than_slots),
	    cmocka_unit_test(forget),
	    cmocka_unit_test(failed_write),
	    cmocka_unit_test(shadows),
	    cmocka_unit_test(devinit),
	};
	return rc | cmocka_run_group_tests_name("device", tests, NULL, NULL);
}
