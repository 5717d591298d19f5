/* test_dasd_shadow.c — shadow files (sf=, sf+, sf-, sfc, sfd, the names),
 * sync, crash recovery of CCKD files (free space rebuilt; a damaged file
 * refused) and fault injection (faultwrite=K) on CKD and FBA DASD
 * (devices/dasd_shadow.c, dasd_cckd.c, ckd.c, fba.c; docs/dasd.md).
 * Images are made by Hercules' dasdinit; Hercules' cckdcdsk must accept
 * every CCKD and shadow file written.  Skipped when dasdinit is not
 * installed.  The scratch directory is removed at the end. */
#include <sys/stat.h>

#include "ckdimg.h"
#include "urtest.h"

enum { DEV = 0x190, BUF = 0x2000 };

/* A 3350 volume of 20 cylinders (small: the scratch directory stays small). */
static void make_image(const char *opts, const char *file)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -f %s; dasdinit %s %s 3350 SHD001 20 >/dev/null 2>&1", file, opts,
	         file);
	assert_int_equal(system(cmd), 0);
}

/* cckdcdsk -3 (read-only) says nothing but its note on a track of HA, R0
 * and end of track (29 bytes, as on a fresh dasdinit image). */
static void assert_cdsk_ok(const char *file)
{
	if (system("command -v cckdcdsk >/dev/null 2>&1") != 0)
		return;
	char cmd[400];
	snprintf(cmd, sizeof cmd,
	         "cckdcdsk -ro -3 %s 2>&1 | grep -v 'len 29 validation error\\|HHCCU30[01]I\\|HHCCU500W' "
	         ">cdsk.out; ! test -s cdsk.out",
	         file);
	if (system(cmd) != 0) {
		char out[1000];
		ur_read_file("cdsk.out", out, sizeof out);
		fail_msg("cckdcdsk on %s: %s", file, out);
	}
}

static bool same_file(const char *a, const char *b)
{
	char cmd[300];
	snprintf(cmd, sizeof cmd, "cmp -s %s %s", a, b);
	return system(cmd) == 0;
}

static bool exists(const char *f)
{
	struct stat st;
	return stat(f, &st) == 0;
}

/* Seek cc/hh, Search ID Equal R0/R1 (TIC loop), then cmd on BUF. */
static const char *search_then(struct ctm *m, uint16_t cc, uint16_t hh, uint8_t r, uint8_t cmd,
                               uint16_t count)
{
	return ur_search_then(m, DEV, BUF, cc, hh, r, cmd, CCW_SLI, count);
}

/* R1 of cc/hh: n bytes of pattern seed. */
static const char *write_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	char rec[32];
	snprintf(rec, sizeof rec, "%04X%04X0100%04X", cc, hh, n);
	ur_put_bytes(m, BUF, rec);
	for (int k = 0; k < n; k++)
		*tm_mem(m->t, BUF + 8 + k) = (uint8_t)(k * 7 + seed + (k >> 6));
	return search_then(m, cc, hh, 0, 0x1D, (uint16_t)(8 + n));
}

/* R1 of cc/hh holds pattern seed (n bytes); seed -1: the track has only
 * the end-of-file R1 of a fresh dasdinit -z volume; -2: only R0 (dasdinit
 * without -z). */
static void check_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	if (seed == -2) { /* a plain dasdinit track: R0 only, the search finds no R1 */
		assert_string_equal(search_then(m, cc, hh, 1, 0x06, n), "00000210 0E00 0005");
		return;
	}
	if (seed < 0) { /* Read Data of an end-of-file record: unit exception, nothing moved */
		char want[32];
		snprintf(want, sizeof want, "00000220 0D00 %04X", n);
		assert_string_equal(search_then(m, cc, hh, 1, 0x06, n), want);
		return;
	}
	memset(tm_mem(m->t, BUF), 0xEE, n);
	assert_string_equal(search_then(m, cc, hh, 1, 0x06, n), "00000220 0C00 0000");
	for (int k = 0; k < n; k++)
		if (*tm_mem(m->t, BUF + k) != (uint8_t)(k * 7 + seed + (k >> 6)))
			fail_msg("track %u/%u byte %d: %02X, pattern %d", cc, hh, k, *tm_mem(m->t, BUF + k),
			         seed);
}

/* The lines a DASD command prints. */
static char cmd_out[8192];
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

static void expect_out(const char *want)
{
	if (!strstr(cmd_out, want))
		fail_msg("expected \"%s\" in:\n%s", want, cmd_out);
}

/* sf= on a CCKD base: shadow 1 is made at attach and takes every write; the
 * base is not changed by a byte.  sf+ makes shadow 2; sf- nomerge drops
 * its tracks; sf- merges shadow 1 into the base. */
static void chain_on_cckd(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "base.cckd");
	assert_int_equal(system("cp base.cckd base.orig; rm -f sh_*.cckd"), 0);
	struct ctm *m = ur_setup(DEV, "3350", "base.cckd sf=sh_*.cckd");
	assert_true(exists("sh_1.cckd"));
	assert_string_equal(write_r1(m, 3, 2, 3000, 1), "00000220 0C00 0000");
	check_r1(m, 3, 2, 3000, 1);
	ctm_free(m);
	assert_true(same_file("base.cckd", "base.orig"));
	assert_cdsk_ok("sh_1.cckd");

	/* reattached: the shadow is found again; a snapshot, then more writes */
	m = ur_setup(DEV, "3350", "base.cckd sf=sh_*.cckd");
	check_r1(m, 3, 2, 3000, 1);
	assert_int_equal(dasd(m, "sf+ 190"), 0);
	expect_out("sf+: 0190: shadow file [2] sh_2.cckd added");
	assert_string_equal(write_r1(m, 3, 2, 2000, 2), "00000220 0C00 0000");
	assert_string_equal(write_r1(m, 7, 0, 500, 3), "00000220 0C00 0000");
	check_r1(m, 3, 2, 2000, 2);
	assert_int_equal(dasd(m, "sfd 190"), 0);
	expect_out("0190 [0] base.cckd ro,");
	expect_out("0190 [1] sh_1.cckd ro,");
	expect_out("0190 [2] sh_2.cckd rw,");
	expect_out(", 2 tracks\n"); /* shadow 2 holds two tracks */
	/* nomerge: back to the snapshot */
	assert_int_equal(dasd(m, "sf- 190 nomerge"), 0);
	expect_out("sf-: 0190: shadow file [2] sh_2.cckd removed: its tracks dropped");
	assert_false(exists("sh_2.cckd"));
	check_r1(m, 3, 2, 3000, 1);
	check_r1(m, 7, 0, 8, -1);
	/* merge shadow 1 into the base: writes then go to the base */
	assert_int_equal(dasd(m, "sf- 190"), 0);
	expect_out("removed: 1 tracks merged");
	assert_false(exists("sh_1.cckd"));
	check_r1(m, 3, 2, 3000, 1);
	assert_string_equal(write_r1(m, 9, 9, 100, 4), "00000220 0C00 0000");
	assert_int_equal(dasd(m, "sf- 190"), -1);
	expect_out("sf-: 0190: no shadow file to remove");
	ctm_free(m);
	assert_false(same_file("base.cckd", "base.orig"));
	assert_cdsk_ok("base.cckd");
	m = ur_setup(DEV, "3350", "base.cckd");
	check_r1(m, 3, 2, 3000, 1);
	check_r1(m, 9, 9, 100, 4);
	ctm_free(m);
}

/* A plain CKD base with ro: shadows take the writes; sf- merge into the
 * base needs force; nomerge of the last shadow makes a new empty one. */
static void chain_on_ckd_ro(void **state)
{
	(void)state;
	ur_chdir();
	make_image("", "base.ckd");
	assert_int_equal(system("cp base.ckd base.korig; rm -f s?.ck"), 0);
	struct ctm *m = ur_setup(DEV, "3350", "base.ckd ro sf=s*.ck");
	assert_string_equal(write_r1(m, 1, 1, 4000, 5), "00000220 0C00 0000");
	assert_int_equal(dasd(m, "sf- 190"), -1);
	expect_out("attached read-only (ro): sf- ... force");
	assert_int_equal(dasd(m, "sf- 190 nomerge"), 0);
	expect_out("its tracks dropped, a new empty shadow made");
	assert_true(exists("s1.ck"));
	check_r1(m, 1, 1, 8, -2);
	assert_string_equal(write_r1(m, 1, 1, 4000, 6), "00000220 0C00 0000");
	assert_true(same_file("base.ckd", "base.korig"));
	assert_int_equal(dasd(m, "sf- 190 force"), 0);
	expect_out("1 tracks merged");
	check_r1(m, 1, 1, 4000, 6);
	ctm_free(m);
	m = ur_setup(DEV, "3350", "base.ckd ro");
	check_r1(m, 1, 1, 4000, 6);
	ctm_free(m);
}

/* sfc: a shadow rewritten without free space keeps its tracks. */
static void compress_shadow(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "c.cckd");
	assert_int_equal(system("rm -f cs_*.cckd"), 0);
	struct ctm *m = ur_setup(DEV, "3350", "c.cckd sf=cs_*.cckd");
	for (int k = 0; k < 6; k++)
		assert_string_equal(write_r1(m, 2, (uint16_t)k, 3000, k), "00000220 0C00 0000");
	for (int k = 0; k < 6; k += 2) /* smaller: the old images leave free space */
		assert_string_equal(write_r1(m, 2, (uint16_t)k, 100, 10 + k), "00000220 0C00 0000");
	assert_int_equal(dasd(m, "sync 190"), 0);
	expect_out("sync: 0190 durable, 9 track writes since attach");
	struct stat before, after;
	assert_int_equal(stat("cs_1.cckd", &before), 0);
	assert_int_equal(dasd(m, "sfc 190"), 0);
	expect_out("sfc: 0190: cs_1.cckd compressed");
	assert_int_equal(stat("cs_1.cckd", &after), 0);
	if (after.st_size >= before.st_size)
		fail_msg("sfc: %lld bytes, was %lld", (long long)after.st_size, (long long)before.st_size);
	assert_int_equal(dasd(m, "sfd 190"), 0);
	expect_out("0 free in 0 spaces, 6 tracks");
	for (int k = 0; k < 6; k++)
		check_r1(m, 2, (uint16_t)k, k % 2 ? 3000 : 100, k % 2 ? k : 10 + k);
	assert_string_equal(write_r1(m, 2, 1, 50, 20), "00000220 0C00 0000");
	ctm_free(m);
	assert_cdsk_ok("cs_1.cckd");
	m = ur_setup(DEV, "3350", "c.cckd sf=cs_*.cckd");
	check_r1(m, 2, 1, 50, 20);
	check_r1(m, 2, 4, 100, 14);
	ctm_free(m);
}

/* Command errors name what was wrong. */
static void command_errors(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "e.cckd");
	struct ctm *m = ur_setup(DEV, "3350", "e.cckd");
	assert_int_equal(dasd(m, "sf+ 190"), -1);
	expect_out("sf+: 0190: no shadow files (the device has no sf= operand)");
	assert_int_equal(dasd(m, "sf+ 191"), -1);
	expect_out("sf+: device 0191 does not exist");
	assert_int_equal(dasd(m, "sf+ xyz"), -1);
	expect_out("sf+: xyz is not a device address");
	assert_int_equal(dasd(m, "sf- 190 sideways"), -1);
	expect_out("sf-: sideways: expected merge, nomerge or force");
	assert_int_equal(dasd(m, "sfd"), -1);
	expect_out("sfd: expected sfd ADDR|*");
	assert_int_equal(dasd(m, "sync"), 0);
	expect_out("sync: 0190 durable, 0 track writes since attach");
	ctm_free(m);
	/* a shadow file named as the base, and a shadow of another volume */
	char err[300] = "";
	m = ctm_new();
	assert_int_equal(system("rm -f x_1.cckd"), 0);
	assert_int_equal(ur_attach(m, DEV, "3350", "e.cckd sf=x_*.cckd", err, sizeof err), 0);
	assert_int_equal(chan_detach(m->cs, DEV, err, sizeof err), 0);
	assert_int_equal(ur_attach(m, DEV, "3350", "x_1.cckd", err, sizeof err), -1);
	assert_non_null(strstr(err, "a shadow file, not a base image"));
	assert_int_equal(system("dasdinit -z y.cckd 3330 SHD002 20 >/dev/null 2>&1; cp x_1.cckd z_1.cckd"),
	                 0);
	assert_int_equal(ur_attach(m, DEV, "3330", "y.cckd sf=z_*.cckd", err, sizeof err), -1);
	assert_non_null(strstr(err, "z_1.cckd: not a shadow file of y.cckd"));
	assert_int_equal(ur_attach(m, DEV, "3350", "e.cckd faultwrite=0", err, sizeof err), -1);
	assert_non_null(strstr(err, "faultwrite=0: expected faultwrite=K"));
	ctm_free(m);
}

/* A CCKD file copied while written (the opened bit on, its free chain and
 * counts stale: what kill -9 leaves) is attached again: the free space is
 * rebuilt from the tables, space is reused, cckdcdsk accepts the result. */
static void crash_rebuilds_free_space(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "k.cckd");
	struct ctm *m = ur_setup(DEV, "3350", "k.cckd");
	for (int k = 0; k < 10; k++)
		assert_string_equal(write_r1(m, 4, (uint16_t)k, 3000, k), "00000220 0C00 0000");
	assert_int_equal(dasd(m, "sync 190"), 0);
	for (int k = 0; k < 10; k++) /* rewritten: the old images are pending free */
		assert_string_equal(write_r1(m, 4, (uint16_t)k, 2000, 30 + k), "00000220 0C00 0000");
	assert_int_equal(system("cp k.cckd kc.cckd"), 0);
	ctm_free(m);
	char opt = 0;
	FILE *f = fopen("kc.cckd", "rb");
	assert_non_null(f);
	fseek(f, 515, SEEK_SET);
	assert_int_equal(fread(&opt, 1, 1, f), 1);
	fclose(f);
	assert_int_equal(opt & 0x80, 0x80); /* the copy was not closed */
	struct stat st0, st1;
	assert_int_equal(stat("kc.cckd", &st0), 0);
	m = ur_setup(DEV, "3350", "kc.cckd");
	for (int k = 0; k < 10; k++)
		check_r1(m, 4, (uint16_t)k, 2000, 30 + k);
	for (int k = 0; k < 10; k++) /* into the 3000-byte holes */
		assert_string_equal(write_r1(m, 5, (uint16_t)k, 2000, 50 + k), "00000220 0C00 0000");
	ctm_free(m);
	assert_int_equal(stat("kc.cckd", &st1), 0);
	if (st1.st_size > st0.st_size)
		fail_msg("the free space was not reused: %lld bytes, was %lld", (long long)st1.st_size,
		         (long long)st0.st_size);
	assert_cdsk_ok("kc.cckd");
	m = ur_setup(DEV, "3350", "kc.cckd");
	check_r1(m, 4, 9, 2000, 39);
	check_r1(m, 5, 9, 2000, 59);
	ctm_free(m);
}

/* faultwrite=K: the K-th host write fails.  For every K the guest sees
 * unit check with equipment check (sense byte 0 X'10'), the track keeps
 * its old contents, and the image stays consistent; the next write works. */
static void fault_injection(void **state)
{
	(void)state;
	ur_chdir();
	static const char *const cases[][2] = {
	    {"-z", "f.cckd"}, {"", "f.ckd"}, {"-z", "f.cckd sf=fs_*.cckd"}};
	for (size_t c = 0; c < 3; c++) {
		for (int k = 1; k <= 6; k++) {
			make_image(cases[c][0], c == 1 ? "f.ckd" : "f.cckd");
			assert_int_equal(system("rm -f fs_*.cckd"), 0);
			struct ctm *m = ur_setup(DEV, "3350", cases[c][1]);
			assert_string_equal(write_r1(m, 6, 0, 1500, 1), "00000220 0C00 0000");
			ctm_free(m);
			char opts[100];
			snprintf(opts, sizeof opts, "%s faultwrite=%d", cases[c][1], k);
			m = ur_setup(DEV, "3350", opts);
			/* writes of 1 track each; one of them meets the fault */
			int failed = -1;
			for (int w = 0; w < 4; w++) {
				const char *csw = write_r1(m, 6, (uint16_t)w, 1500, 10 + w);
				if (!strcmp(csw, "00000220 0E00 0000")) {
					assert_int_equal(failed, -1);
					failed = w;
					put_ccw(m, 0x200, 0x04, 0x3000, CCW_SLI, 32);
					assert_string_equal(ur_run(m, DEV), "00000208 0C00 0008");
					assert_int_equal(*tm_mem(m->t, 0x3000), 0x10);
				} else {
					assert_string_equal(csw, "00000220 0C00 0000");
				}
			}
			/* the plain image writes once a track: write k fails; CCKD makes more writes */
			if (c == 1)
				assert_int_equal(failed, k <= 4 ? k - 1 : -1);
			else if (k == 1)
				assert_int_equal(failed, 0);
			for (int w = 0; w < 4; w++)
				if (w == failed)
					check_r1(m, 6, (uint16_t)w, w ? 8 : 1500, w ? (c == 1 ? -2 : -1) : 1);
				else
					check_r1(m, 6, (uint16_t)w, 1500, 10 + w);
			ctm_free(m);
			if (c != 1)
				assert_cdsk_ok(c == 2 ? "fs_1.cckd" : "f.cckd");
		}
	}
}

/* Shadow names, Hercules' rule: the '*', else the character before the
 * last dot after the last slash, else the last character. */
static void shadow_names(void **state)
{
	(void)state;
	static const char *const cases[][2] = {
	    {"sh_*.cckd", "sh_3.cckd"},
	    {"dir.d/base.cckd", "dir.d/bas3.cckd"},
	    {"shadow", "shado3"},
	    {"a.b/c*d.e.f", "a.b/c3d.e.f"},
	    {"*", "3"},
	    {"x/.hidden", "x/.hidde3"},
	};
	char out[64];
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		assert_int_equal(ckd_sf_name(cases[k][0], 3, out, sizeof out), 0);
		assert_string_equal(out, cases[k][1]);
	}
	assert_int_equal(ckd_sf_name("sh_*.cckd", 9, out, sizeof out), -1);
	assert_int_equal(ckd_sf_name("", 1, out, sizeof out), -1);
}

/* A file left open (the opened bit on) whose tables point two tracks at
 * the same space is refused at attach with the reason, not "repaired". */
static void overlap_refused(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "o.cckd");
	struct ctm *m = ur_setup(DEV, "3350", "o.cckd");
	assert_string_equal(write_r1(m, 4, 0, 3000, 1), "00000220 0C00 0000");
	assert_string_equal(write_r1(m, 4, 1, 3000, 2), "00000220 0C00 0000");
	ctm_free(m);
	FILE *f = fopen("o.cckd", "r+b");
	assert_non_null(f);
	uint8_t opt, l1[4], e[8];
	assert_int_equal(fseek(f, 515, SEEK_SET), 0);
	assert_int_equal(fread(&opt, 1, 1, f), 1);
	opt |= 0x80; /* opened: as a kill leaves it */
	assert_int_equal(fseek(f, 515, SEEK_SET), 0);
	assert_int_equal(fwrite(&opt, 1, 1, f), 1);
	assert_int_equal(fseek(f, 1024, SEEK_SET), 0);
	assert_int_equal(fread(l1, 1, 4, f), 4);
	long l2 = l1[0] | l1[1] << 8 | l1[2] << 16 | (long)l1[3] << 24;
	assert_int_equal(fseek(f, l2 + 8 * 120, SEEK_SET), 0); /* track 120: cylinder 4 head 0 */
	assert_int_equal(fread(e, 1, 8, f), 8);
	assert_int_equal(fseek(f, l2 + 8 * 121, SEEK_SET), 0);
	assert_int_equal(fwrite(e, 1, 8, f), 8);
	fclose(f);
	m = ctm_new();
	char err[300] = "";
	assert_int_equal(ur_attach(m, DEV, "3350", "o.cckd", err, sizeof err), -1);
	if (!strstr(err, "o.cckd: overlapping spaces at offset") || !strstr(err, "the image needs repair"))
		fail_msg("%s", err);
	ctm_free(m);
}

/* FBA: faultwrite=2 fails the second block of a three-block Write
 * (equipment check; the first block is written, the others not); sync
 * answers for the FBA device too. */
static void fba_fault(void **state)
{
	(void)state;
	ur_chdir();
	uint8_t blk[512] = {0};
	FILE *f = fopen("ff.fba", "wb");
	assert_non_null(f);
	for (int k = 0; k < 16; k++)
		assert_int_equal(fwrite(blk, 1, sizeof blk, f), sizeof blk);
	fclose(f);
	struct ctm *m = ctm_new();
	char err[300] = "";
	assert_int_equal(ur_attach(m, 0x120, "3370", "ff.fba faultwrite=2", err, sizeof err), 0);
	put_caw(m, 0, 0x200);
	/* Define Extent: mask 0, extent 0..15; Locate: write 3 blocks from 4 */
	ur_put_bytes(m, 0x3000,
	          "000000000000000000000000"
	          "0000000F");
	ur_put_bytes(m, 0x3100, "0100000300000004");
	memset(tm_mem(m->t, 0x4000), 0xAB, 3 * 512);
	put_ccw(m, 0x200, 0x63, 0x3000, CCW_CC, 16);
	put_ccw(m, 0x208, 0x43, 0x3100, CCW_CC, 8);
	put_ccw(m, 0x210, 0x41, 0x4000, 0, 3 * 512);
	assert_string_equal(ur_run(m, 0x120),
	                    "00000218 0E40 0200"); /* the third block not taken: incorrect length */
	put_ccw(m, 0x200, 0x04, 0x5000, 0, 24);
	assert_string_equal(ur_run(m, 0x120), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x5000), 0x10);
	assert_int_equal(dasd(m, "sync"), 0);
	expect_out("sync: 0120 durable");
	ctm_free(m);
	f = fopen("ff.fba", "rb");
	assert_non_null(f);
	uint8_t img[16 * 512];
	assert_int_equal(fread(img, 1, sizeof img, f), sizeof img);
	fclose(f);
	assert_int_equal(img[4 * 512], 0xAB);
	assert_int_equal(img[4 * 512 + 511], 0xAB);
	assert_int_equal(img[5 * 512], 0);
	assert_int_equal(img[6 * 512], 0);
}

int main(void)
{
	if (system("command -v dasdinit >/dev/null 2>&1") != 0) {
		printf("dasdinit (Debian package hercules) is not installed: skipped\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(chain_on_cckd),
	    cmocka_unit_test(chain_on_ckd_ro),
	    cmocka_unit_test(compress_shadow),
	    cmocka_unit_test(command_errors),
	    cmocka_unit_test(crash_rebuilds_free_space),
	    cmocka_unit_test(fault_injection),
	    cmocka_unit_test(fba_fault),
	    cmocka_unit_test(shadow_names),
	    cmocka_unit_test(overlap_refused),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	char dir[256];
	if (getcwd(dir, sizeof dir) && !strncmp(dir, "/tmp/s370ur.", 12) && chdir("/") == 0) {
		char cmd[300];
		snprintf(cmd, sizeof cmd, "rm -rf %s", dir);
		if (system(cmd) != 0)
			rc = rc ? rc : 1;
	}
	return rc;
}
