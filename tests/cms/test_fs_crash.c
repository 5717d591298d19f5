/* test_fs_crash.c — "survives abrupt logoff without damage": a series of
 * changes (new files, a replacement, an append, ERASE, RENAME, a file of
 * many blocks, a full disk) is run once to learn how many block writes each
 * step ends at, then again from the same starting disk once for every k,
 * with the disk refusing every write after the k-th (the machine stopped;
 * every other run the refused write puts half its block down, a torn
 * write).  Each time a fresh ACCESS must find exactly the state after the
 * last step whose writes all happened, and the check must pass. */
#include "fs_testutil.h"

enum { STEPS = 9 };

/* The files of mode A and their records, as one number. */
static int fold(const struct cms_fst *f, void *arg)
{
	uint64_t *h = arg;
	char line[80];
	snprintf(line, sizeof line, "%s %s %s %c %u %u|", f->id.fn, f->id.ft, f->id.fm, f->recfm,
	         (unsigned)f->lrecl, (unsigned)f->records);
	for (char *p = line; *p; p++)
		*h = (*h ^ (uint8_t)*p) * 1099511628211ull;
	struct cms_file *r;
	if (fs_open_read(&f->id, &r))
		fail_msg("%s %s: cannot open: %s", f->id.fn, f->id.ft, fs_errtext());
	static uint8_t rec[65536];
	uint32_t len;
	int rc;
	while (!(rc = fs_read(r, rec, sizeof rec, &len)))
		for (uint32_t i = 0; i < len; i++)
			*h = (*h ^ rec[i]) * 1099511628211ull;
	fs_close(r);
	if (rc != RC_EOF)
		fail_msg("%s %s: read rc %d: %s", f->id.fn, f->id.ft, rc, fs_errtext());
	return 0;
}

static uint64_t fingerprint(void)
{
	uint64_t h = 14695981039346656037ull;
	struct cms_fileid all = fid("*", "*", "A");
	int rc = fs_list(&all, fold, &h);
	if (rc && rc != RC_NOTFOUND)
		fail_msg("fs_list: %d", rc);
	return h;
}

static int write_recs(const char *fn, const char *ft, char recfm, uint32_t lrecl, int n, int seed,
                      bool append)
{
	struct cms_fileid id = fid(fn, ft, "A");
	struct cms_file *f;
	int rc = append ? fs_open_append(&id, recfm, lrecl, &f) : fs_open_write(&id, recfm, lrecl, &f);
	if (rc)
		return rc;
	uint8_t rec[700];
	for (int i = 0; i < n; i++) {
		uint32_t len = recfm == 'F' ? lrecl : (uint32_t)(1 + (i * 37 + seed) % 600);
		memset(rec, 0xC1 + (i + seed) % 9, len);
		rec[0] = (uint8_t)i;
		if ((rc = fs_write(f, rec, len))) {
			fs_abandon(f);
			return rc;
		}
	}
	return fs_close(f);
}

/* Step s of the series: its rc (RC_DISKFULL is the expected end of 8). */
static int step(int s)
{
	struct cms_fileid a = fid("FIRST", "DATA", "A"), b = fid("SECOND", "FILE", "A"),
	                  c = fid("RENAMED", "FILE", "A");
	switch (s) {
	case 0:
		return write_recs("FIRST", "DATA", 'V', 0, 40, 1, false);
	case 1:
		return write_recs("SECOND", "FILE", 'F', 80, 100, 2, false);
	case 2:
		return write_recs("FIRST", "DATA", 'V', 0, 25, 3, false); /* replaced */
	case 3:
		return write_recs("SECOND", "FILE", 'F', 80, 70, 4, true); /* appended */
	case 4:
		return fs_rename(&b, &c);
	case 5:
		return write_recs("BIG", "FILE", 'F', 600, 200, 5, false);
	case 6:
		return fs_erase(&a);
	case 7:
		return write_recs("SMALL", "ONE", 'V', 0, 3, 6, false);
	case 8: { /* until the disk is full: the file is not kept */
		int rc = write_recs("HUGE", "FILE", 'F', 600, 100000, 7, false);
		return rc == RC_DISKFULL ? 0 : (rc ? rc : -1);
	}
	}
	return -1;
}

static void series(void **state)
{
	(void)state;
	struct memdev *base = memdev_new(120, 0x3350);
	assert_int_equal(fs_format(&base->b, "CRASH"), 0);
	/* the run without a stop: writes at the end of each step, states */
	struct memdev *m = memdev_clone(base);
	uint32_t ends[STEPS];
	uint64_t states[STEPS + 1];
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	states[0] = fingerprint();
	for (int s = 0; s < STEPS; s++) {
		int rc = step(s);
		if (rc)
			fail_msg("step %d: rc %d %s", s, rc, fs_errtext());
		ends[s] = m->writes;
		states[s + 1] = fingerprint();
		assert_true(states[s + 1] != states[s] ||
		            s == 8); /* each step changes something (8: nothing kept) */
		memdev_assert_consistent(m);
	}
	fs_release('A');
	memdev_free(m);
	uint32_t total = ends[STEPS - 1], checked = 0;
	assert_true(total > 60);

	for (uint32_t k = 0; k <= total; k++) {
		m = memdev_clone(base);
		m->stop_after = k;
		m->torn = k & 1;
		assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
		for (int s = 0; s < STEPS && !step(s); s++)
			;
		for (char md = 'A'; md <= 'Z'; md++)
			if (fs_vol(md))
				fs_release(md);
		/* the machine is gone; the disk is IPLed again */
		m->stop_after = -1;
		int want = 0;
		while (want < STEPS && ends[want] <= k)
			want++;
		memdev_assert_consistent(m);
		assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
		uint64_t got = fingerprint();
		if (got != states[want])
			fail_msg("stopped after %u writes: not the state after step %d", (unsigned)k, want);
		/* and the disk works on from there */
		assert_int_equal(write_recs("AFTER", "CRASH", 'V', 0, 5, 9, false), 0);
		memdev_assert_consistent(m);
		fs_release('A');
		memdev_free(m);
		checked++;
	}
	assert_int_equal(checked, total + 1);
	print_message("stopped after each of 0..%u block writes: the right state every time\n",
	              (unsigned)total);
	memdev_free(base);
}

/* A label slot that is garbage and one that is fine: the fine one is used;
 * both sequence numbers valid: the higher. */
static void labels(void **state)
{
	(void)state;
	struct memdev *m = fresh(50, 'A', "LBL");
	static const char *const l[] = {"V1"};
	assert_int_equal(put_lines("F", "ONE", "A", 'V', 0, l, 1), 0); /* sequence 2, block 2 */
	assert_int_equal(put_lines("F", "TWO", "A", 'V', 0, l, 1), 0); /* sequence 3, block 3 */
	fs_release('A');
	memdev_assert_consistent(m);
	m->data[3 * CMS_BLKSIZE + 200] ^= 1; /* the newest label damaged: sequence 2 */
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_int_equal(vi.files, 1);
	memdev_assert_consistent(m);
	/* and the next commit goes to block 3 again, sequence 3 */
	assert_int_equal(put_lines("F", "THREE", "A", 'V', 0, l, 1), 0);
	fs_release('A');
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_int_equal(vi.files, 2);
	fs_release('A');
	memdev_assert_consistent(m);
	memdev_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(series), cmocka_unit_test(labels)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
