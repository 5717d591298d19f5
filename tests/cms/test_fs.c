/* test_fs.c — the CMS file system on an in-memory disk (cms/fs*.c):
 * FORMAT and ACCESS, F and V records back byte for byte, files of many
 * blocks, replacement that keeps the old file until close, APPEND, ERASE
 * and RENAME, a full disk, read-only disks, and disks that are not CMS's. */
#include "fs_testutil.h"

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void format_access(void **state)
{
	(void)state;
	struct memdev *m = fresh(200, 'A', "MYDISK");
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_string_equal(vi.label, "MYDISK");
	assert_int_equal(vi.blocks, 200);
	assert_int_equal(vi.used, 5); /* blocks 0-3 and one map block */
	assert_int_equal(vi.files, 0);
	assert_false(vi.readonly);
	assert_ptr_equal(fs_vol_dev(fs_vol('a')), &m->b);
	memdev_assert_consistent(m);
	/* the label's bytes: magic, sequence 1 in block 3 (2 + (1 & 1)) */
	assert_memory_equal(m->data + 3 * CMS_BLKSIZE, "CMS370FS", 8);
	assert_memory_equal(m->data + 3 * CMS_BLKSIZE + 16, "\xD4\xE8\xC4\xC9\xE2\xD2", 6);
	/* a bad label */
	/* FORMAT of an accessed disk: refused while a file is open, else the
	 * access goes */
	struct cms_fileid id = fid("OPEN", "FILE", "A");
	struct cms_file *f;
	assert_int_equal(fs_open_write(&id, 'V', 0, &f), 0);
	assert_int_equal(fs_format(&m->b, "AGAIN"), RC_BADOPT);
	fs_abandon(f);
	assert_int_equal(fs_format(&m->b, "AGAIN"), 0);
	assert_null(fs_vol('A'));
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_string_equal(vi.label, "AGAIN");
	assert_int_equal(fs_format(&m->b, ""), RC_BADOPT);
	assert_int_equal(fs_format(&m->b, "SEVENCH"), RC_BADOPT);
	assert_int_equal(fs_format(&m->b, "A B"), RC_BADOPT);
	assert_int_equal(fs_access(&m->b, '1', 0, false), RC_BADOPT);
	assert_int_equal(fs_release('Q'), RC_DISKRO);
	release_all(NULL);
	memdev_free(m);
}

static void f_and_v_records(void **state)
{
	(void)state;
	struct memdev *m = fresh(300, 'A', "RECS");
	struct cms_fileid id = fid("fixed", "data", "a");
	assert_string_equal(id.fn, "FIXED");
	struct cms_file *f;
	assert_int_equal(fs_open_write(&id, 'F', 80, &f), 0);
	assert_int_equal(fs_write(f, "\xC8\xC9", 2), 0); /* "HI", padded with blanks */
	uint8_t full[80];
	for (int i = 0; i < 80; i++)
		full[i] = (uint8_t)(i * 3);
	assert_int_equal(fs_write(f, full, 80), 0);
	assert_int_equal(fs_write(f, full, 81), RC_BADOPT);
	assert_int_equal(fs_close(f), 0);

	id = fid("VAR", "DATA", "A");
	assert_int_equal(fs_open_write(&id, 'V', 0, &f), 0);
	static uint8_t big[65535];
	for (size_t i = 0; i < sizeof big; i++)
		big[i] = (uint8_t)(i * 7 + 1);
	uint32_t lens[] = {1, 5, 300, 65535, 4094, 2};
	for (int i = 0; i < 6; i++)
		assert_int_equal(fs_write(f, big + i, lens[i]), 0);
	assert_int_equal(fs_write(f, big, 0), RC_BADOPT);
	assert_int_equal(fs_write(f, big, 65536), RC_BADOPT);
	assert_int_equal(fs_close(f), 0);

	struct cms_fst st;
	assert_int_equal(fs_state(&id, &st), 0);
	assert_string_equal(st.id.fm, "A1");
	assert_int_equal(st.recfm, 'V');
	assert_int_equal(st.lrecl, 65535);
	assert_int_equal(st.records, 6);
	/* 6 records: 69937 data bytes + 12 length bytes = 18 blocks, 1 index */
	assert_int_equal(st.blocks, 19);
	assert_int_equal(st.year, 2026);
	assert_int_equal(st.second, 56);

	static uint8_t rec[65536];
	uint32_t len;
	assert_int_equal(fs_open_read(&id, &f), 0);
	for (int i = 0; i < 6; i++) {
		assert_int_equal(fs_read(f, rec, sizeof rec, &len), 0);
		assert_int_equal(len, lens[i]);
		assert_memory_equal(rec, big + i, lens[i]);
	}
	assert_int_equal(fs_read(f, rec, sizeof rec, &len), RC_EOF);
	assert_int_equal(fs_write(f, rec, 1), RC_BADOPT);
	assert_int_equal(fs_close(f), 0);

	id = fid("FIXED", "DATA", "");
	assert_int_equal(fs_open_read(&id, &f), 0);
	assert_int_equal(fs_read(f, rec, sizeof rec, &len), 0);
	assert_int_equal(len, 80);
	assert_memory_equal(rec, "\xC8\xC9\x40\x40", 4);
	assert_int_equal(rec[79], 0x40);
	assert_int_equal(fs_read(f, rec, 10, &len), RC_WARN); /* cut to the buffer */
	assert_int_equal(len, 10);
	assert_memory_equal(rec, full, 10);
	assert_int_equal(fs_read(f, rec, sizeof rec, &len), RC_EOF);
	fs_close(f);
	assert_int_equal(fs_state(&id, &st), 0);
	assert_int_equal(st.lrecl, 80);
	assert_int_equal(st.records, 2);
	assert_int_equal(st.blocks, 2);
	memdev_assert_consistent(m);
	release_all(NULL);
	memdev_free(m);
}

/* 1,500 blocks of F 4096 records: two index blocks; every byte back. */
static void large_file(void **state)
{
	(void)state;
	struct memdev *m = fresh(1700, 'A', "BIG");
	struct cms_fileid id = fid("BIG", "FILE", "A");
	struct cms_file *f;
	static uint8_t rec[CMS_BLKSIZE];
	assert_int_equal(fs_open_write(&id, 'F', CMS_BLKSIZE, &f), 0);
	for (uint32_t r = 0; r < 1500; r++) {
		for (int i = 0; i < CMS_BLKSIZE; i += 4)
			memcpy(rec + i, &r, 4);
		rec[5] = (uint8_t)(r * 13);
		assert_int_equal(fs_write(f, rec, CMS_BLKSIZE), 0);
	}
	assert_int_equal(fs_close(f), 0);
	struct cms_fst st;
	assert_int_equal(fs_state(&id, &st), 0);
	assert_int_equal(st.records, 1500);
	assert_int_equal(st.blocks, 1502);
	memdev_assert_consistent(m);
	/* again, after a fresh ACCESS */
	assert_int_equal(fs_release('A'), 0);
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	assert_int_equal(fs_open_read(&id, &f), 0);
	uint32_t len;
	for (uint32_t r = 0; r < 1500; r++) {
		assert_int_equal(fs_read(f, rec, sizeof rec, &len), 0);
		uint32_t got;
		memcpy(&got, rec + 8, 4);
		assert_int_equal(got, r);
		assert_int_equal(rec[5], (uint8_t)(r * 13));
	}
	assert_int_equal(fs_read(f, rec, sizeof rec, &len), RC_EOF);
	fs_close(f);
	release_all(NULL);
	memdev_free(m);
}

static const char *const three[] = {"ONE", "TWO", "THREE"};
static const char *const two[] = {"alpha", "beta"};

static void replace_keeps_old(void **state)
{
	(void)state;
	struct memdev *m = fresh(100, 'A', "REPL");
	assert_int_equal(put_lines("PROG", "EXEC", "A", 'V', 0, three, 3), 0);
	char text[4096];
	/* a reader opened before the replacement */
	struct cms_fileid id = fid("PROG", "EXEC", "A");
	struct cms_file *r, *w;
	assert_int_equal(fs_open_read(&id, &r), 0);
	assert_int_equal(fs_open_write(&id, 'V', 0, &w), 0);
	assert_int_equal(fs_write(w, "\x81", 1), 0);
	/* not closed: the disk and the directory still have the old file */
	assert_int_equal(get_text("PROG", "EXEC", "A", text, sizeof text), 0);
	assert_string_equal(text, "ONE\nTWO\nTHREE\n");
	struct memdev *copy = memdev_clone(m);
	assert_int_equal(fs_access(&copy->b, 'B', 0, true), 0);
	assert_int_equal(get_text("PROG", "EXEC", "B", text, sizeof text), 0);
	assert_string_equal(text, "ONE\nTWO\nTHREE\n");
	assert_int_equal(fs_release('B'), 0);
	memdev_free(copy);
	assert_int_equal(fs_close(w), 0);
	assert_int_equal(get_text("PROG", "EXEC", "A", text, sizeof text), 0);
	assert_string_equal(text, "a\n");
	/* the old blocks stay the reader's while it is open: fill the disk */
	static const char *const line[] = {
	    "XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX"};
	for (int i = 0; i < 40; i++) {
		char fn[9];
		snprintf(fn, sizeof fn, "F%d", i);
		if (put_lines(fn, "FILL", "A", 'F', 4096, line, 1))
			break;
	}
	uint8_t rec[100];
	uint32_t len;
	for (int i = 0; i < 3; i++) {
		assert_int_equal(fs_read(r, rec, sizeof rec, &len), 0);
		char a[8] = {0};
		cms_e2a(a, rec, len);
		assert_string_equal(a, three[i]);
	}
	assert_int_equal(fs_read(r, rec, sizeof rec, &len), RC_EOF);
	fs_close(r);
	memdev_assert_consistent(m);
	/* abandoned: the old one stays */
	assert_int_equal(fs_open_write(&id, 'V', 0, &w), 0);
	assert_int_equal(fs_write(w, "\x82", 1), 0);
	fs_abandon(w);
	assert_int_equal(get_text("PROG", "EXEC", "A", text, sizeof text), 0);
	assert_string_equal(text, "a\n");
	release_all(NULL);
	memdev_free(m);
}

static void append(void **state)
{
	(void)state;
	struct memdev *m = fresh(100, 'A', "APP");
	assert_int_equal(put_lines("LOG", "DATA", "A", 'F', 3000, two, 2), 0);
	struct cms_fileid id = fid("LOG", "DATA", "A");
	struct cms_file *f;
	assert_int_equal(fs_open_append(&id, 'V', 0, &f), 0); /* the file's F 3000 */
	uint8_t rec[3000];
	memset(rec, 0xC7, sizeof rec);
	assert_int_equal(fs_write(f, rec, 3000), 0);
	assert_int_equal(fs_close(f), 0);
	struct cms_fst st;
	assert_int_equal(fs_state(&id, &st), 0);
	assert_int_equal(st.recfm, 'F');
	assert_int_equal(st.lrecl, 3000);
	assert_int_equal(st.records, 3);
	assert_int_equal(st.blocks, 4); /* 9000 bytes: 3 blocks and an index */
	assert_int_equal(fs_open_read(&id, &f), 0);
	uint32_t len;
	uint8_t got[3000];
	assert_int_equal(fs_read(f, got, sizeof got, &len), 0);
	assert_memory_equal(got, "\x81\x93\x97\x88\x81\x40", 6);
	assert_int_equal(fs_read(f, got, sizeof got, &len), 0);
	assert_memory_equal(got, "\x82\x85\xA3\x81\x40", 5);
	assert_int_equal(fs_read(f, got, sizeof got, &len), 0);
	assert_memory_equal(got, rec, 3000);
	fs_close(f);
	/* append to a file that is not there: a new one */
	struct cms_fileid nid = fid("NEW", "LOG", "A");
	assert_int_equal(fs_open_append(&nid, 'V', 0, &f), 0);
	assert_int_equal(fs_write(f, "\xF1", 1), 0);
	assert_int_equal(fs_close(f), 0);
	assert_int_equal(fs_state(&nid, &st), 0);
	assert_int_equal(st.recfm, 'V');
	memdev_assert_consistent(m);
	release_all(NULL);
	memdev_free(m);
}

static void erase_rename(void **state)
{
	(void)state;
	struct memdev *m = fresh(100, 'A', "ER");
	assert_int_equal(put_lines("A", "ONE", "A", 'V', 0, three, 3), 0);
	assert_int_equal(put_lines("B", "TWO", "A3", 'V', 0, two, 2), 0);
	struct cms_fileid a = fid("A", "ONE", "A"), b = fid("B", "TWO", ""), c = fid("C", "THREE", "");
	struct cms_fst st;
	assert_int_equal(fs_rename(&a, &b), FS_RC_EXISTS);
	assert_int_equal(fs_rename(&a, &c), 0);
	assert_int_equal(fs_state(&a, &st), RC_NOTFOUND);
	assert_int_equal(fs_state(&c, &st), 0);
	assert_string_equal(st.id.fm, "A1");
	assert_int_equal(st.records, 3);
	struct cms_fileid d = fid("D", "X", "B");
	assert_int_equal(fs_rename(&c, &d), RC_BADOPT); /* another disk */
	struct cms_fileid pat = fid("*", "X", "A");
	assert_int_equal(fs_rename(&c, &pat), RC_BADNAME);
	assert_int_equal(fs_erase(&b), 0);
	assert_int_equal(fs_state(&b, &st), RC_NOTFOUND);
	assert_int_equal(fs_erase(&b), RC_NOTFOUND);
	char text[100];
	assert_int_equal(get_text("C", "THREE", "A", text, sizeof text), 0);
	assert_string_equal(text, "ONE\nTWO\nTHREE\n");
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_int_equal(vi.files, 1);
	assert_int_equal(vi.used, 4 + 1 + 1 + 2); /* reserved, map, directory, the file */
	memdev_assert_consistent(m);
	release_all(NULL);
	memdev_free(m);
}

static void disk_full(void **state)
{
	(void)state;
	struct memdev *m = fresh(40, 'A', "FULL");
	assert_int_equal(put_lines("KEEP", "ME", "A", 'V', 0, three, 3), 0);
	struct cms_volinfo before;
	assert_int_equal(fs_volinfo('A', &before), 0);
	struct cms_fileid id = fid("HUGE", "FILE", "A");
	struct cms_file *f;
	static uint8_t rec[CMS_BLKSIZE];
	assert_int_equal(fs_open_write(&id, 'F', CMS_BLKSIZE, &f), 0);
	int rc = 0, n = 0;
	while (!(rc = fs_write(f, rec, CMS_BLKSIZE)))
		n++;
	assert_int_equal(rc, RC_DISKFULL);
	assert_true(n > 20 && n < 36);
	/* what was written can still be kept: there was room for the index */
	assert_int_equal(fs_close(f), 0);
	memdev_assert_consistent(m);
	struct cms_fst st;
	assert_int_equal(fs_state(&id, &st), 0);
	assert_int_equal(st.records, n);
	/* a second file: full at once, abandoned, nothing changed */
	struct cms_fileid id2 = fid("MORE", "FILE", "A");
	assert_int_equal(fs_open_write(&id2, 'F', CMS_BLKSIZE, &f), 0);
	while (!(rc = fs_write(f, rec, CMS_BLKSIZE)))
		;
	assert_int_equal(rc, RC_DISKFULL);
	fs_abandon(f);
	assert_int_equal(fs_state(&id2, &st), RC_NOTFOUND);
	memdev_assert_consistent(m);
	assert_int_equal(fs_erase(&id), 0);
	struct cms_volinfo after;
	assert_int_equal(fs_volinfo('A', &after), 0);
	assert_int_equal(after.used, before.used);
	char text[100];
	assert_int_equal(get_text("KEEP", "ME", "A", text, sizeof text), 0);
	assert_string_equal(text, "ONE\nTWO\nTHREE\n");
	memdev_assert_consistent(m);
	release_all(NULL);
	memdev_free(m);
}

static void read_only(void **state)
{
	(void)state;
	struct memdev *m = fresh(60, 'A', "RO");
	assert_int_equal(put_lines("F", "G", "A", 'V', 0, two, 2), 0);
	assert_int_equal(fs_access(&m->b, 'C', 0, true), 0); /* A is released: one disk, one mode */
	assert_null(fs_vol('A'));
	struct cms_fileid id = fid("F", "G", "C"), nid = fid("N", "G", "C"), other = fid("X", "Y", "A");
	struct cms_file *f;
	assert_int_equal(fs_open_write(&nid, 'V', 0, &f), RC_DISKRO);
	assert_int_equal(fs_open_append(&id, 'V', 0, &f), RC_DISKRO);
	assert_int_equal(fs_erase(&id), RC_DISKRO);
	assert_int_equal(fs_rename(&id, &nid), RC_DISKRO);
	assert_int_equal(fs_open_write(&other, 'V', 0, &f), RC_DISKRO); /* A not accessed */
	char text[100];
	assert_int_equal(get_text("F", "G", "C", text, sizeof text), 0);
	assert_string_equal(text, "alpha\nbeta\n");
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('C', &vi), 0);
	assert_true(vi.readonly);
	/* a read-only device: nothing is written, FORMAT refused */
	release_all(NULL);
	m->b.readonly = true;
	assert_int_equal(fs_format(&m->b, "NEW"), RC_DISKRO);
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	struct cms_volinfo ro;
	assert_int_equal(fs_volinfo('A', &ro), 0);
	assert_true(ro.readonly);
	struct cms_fileid ida = fid("F", "G", "A");
	assert_int_equal(fs_erase(&ida), RC_DISKRO);
	assert_int_equal(fs_erase(&id), RC_DISKRO); /* C is not accessed */
	release_all(NULL);
	memdev_free(m);
}

static void not_cms(void **state)
{
	(void)state;
	struct memdev *m = memdev_new(64, 0x3350);
	assert_int_equal(fs_access(&m->b, 'A', 0, false), FS_RC_NOTCMS);
	assert_non_null(strstr(fs_errtext(), "not a CMS disk"));
	char report[200];
	uint32_t problems;
	assert_int_not_equal(fs_check(&m->b, report, sizeof report, &problems), 0);
	assert_non_null(strstr(report, "FORMAT it"));
	/* garbage, with the magic where a label is */
	srand(7);
	for (size_t i = 0; i < 64 * (size_t)CMS_BLKSIZE; i++)
		m->data[i] = (uint8_t)rand();
	memcpy(m->data + 2 * CMS_BLKSIZE, "CMS370FS", 8);
	assert_int_equal(fs_access(&m->b, 'A', 0, false), FS_RC_NOTCMS);
	assert_int_not_equal(fs_check(&m->b, report, sizeof report, &problems), 0);
	/* a disk too small */
	struct memdev *s = memdev_new(6, 0x3350);
	assert_int_equal(fs_format(&s->b, "TINY"), RC_BADOPT);
	memdev_free(s);
	/* a valid label whose directory was overwritten: the older state is
	 * used; with no older one, refused */
	assert_int_equal(fs_format(&m->b, "OK"), 0);
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	assert_int_equal(put_lines("A", "B", "A", 'V', 0, two, 2), 0);
	release_all(NULL);
	uint32_t seq2lab = 2; /* sequence 2 is in block 2 */
	uint32_t dirblk = be32(m->data + seq2lab * CMS_BLKSIZE + FSL_META);
	memset(m->data + (size_t)dirblk * CMS_BLKSIZE + 100, 0x55, 8);
	assert_int_equal(fs_access(&m->b, 'A', 0, false), 0);
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('A', &vi), 0);
	assert_int_equal(vi.files, 0); /* the state FORMAT left */
	assert_int_equal(fs_check(&m->b, report, sizeof report, &problems), RC_ERR);
	assert_non_null(strstr(report, "damaged"));
	release_all(NULL);
	memdev_free(m);
}

static void fileids(void **state)
{
	(void)state;
	struct cms_fileid id;
	assert_int_equal(fs_fileid(&id, "profile", "exec", "a1"), 0);
	assert_string_equal(id.fn, "PROFILE");
	assert_string_equal(id.fm, "A1");
	assert_int_equal(fs_fileid(&id, "NINECHARS", "X", ""), RC_BADNAME);
	assert_int_equal(fs_fileid(&id, "A.B", "X", ""), RC_BADNAME);
	assert_int_equal(fs_fileid(&id, "A", "", ""), RC_BADNAME);
	assert_int_equal(fs_fileid(&id, "A", "B", "1A"), RC_BADNAME);
	assert_int_equal(fs_fileid(&id, "A", "B", "AX"), RC_BADNAME);
	assert_int_equal(fs_fileid(&id, "A", "B", "A12"), RC_BADNAME);
	assert_int_equal(fs_fileid(&id, "$#@+-:_", "X*", "*"), 0);
	assert_int_equal(fs_fileid(&id, "A", "B", NULL), 0);
	assert_string_equal(id.fm, "");
}

/* Several files open at once on one disk: reading one while writing two. */
static void many_open(void **state)
{
	(void)state;
	struct memdev *m = fresh(200, 'A', "MANY");
	assert_int_equal(put_lines("IN", "FILE", "A", 'V', 0, three, 3), 0);
	struct cms_fileid in = fid("IN", "FILE", "A"), o1 = fid("OUT", "ONE", "A"),
	                  o2 = fid("OUT", "TWO", "A");
	struct cms_file *r, *w1, *w2;
	assert_int_equal(fs_open_read(&in, &r), 0);
	assert_int_equal(fs_open_write(&o1, 'F', 10, &w1), 0);
	assert_int_equal(fs_open_write(&o2, 'V', 0, &w2), 0);
	uint8_t rec[100];
	uint32_t len;
	int n = 0;
	while (!fs_read(r, rec, sizeof rec, &len)) {
		assert_int_equal(fs_write(w1, rec, len), 0);
		for (int k = 0; k < 2000; k++)
			assert_int_equal(fs_write(w2, rec, len), 0);
		n++;
	}
	assert_int_equal(n, 3);
	assert_int_equal(fs_close(w2), 0);
	assert_int_equal(fs_close(w1), 0);
	assert_int_equal(fs_close(r), 0);
	char text[100];
	assert_int_equal(get_text("OUT", "ONE", "A", text, sizeof text), 0);
	assert_string_equal(text, "ONE       \nTWO       \nTHREE     \n");
	struct cms_fst st;
	assert_int_equal(fs_state(&o2, &st), 0);
	assert_int_equal(st.records, 6000);
	memdev_assert_consistent(m);
	release_all(NULL);
	memdev_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_teardown(format_access, release_all),
	    cmocka_unit_test_teardown(f_and_v_records, release_all),
	    cmocka_unit_test_teardown(large_file, release_all),
	    cmocka_unit_test_teardown(replace_keeps_old, release_all),
	    cmocka_unit_test_teardown(append, release_all),
	    cmocka_unit_test_teardown(erase_rename, release_all),
	    cmocka_unit_test_teardown(disk_full, release_all),
	    cmocka_unit_test_teardown(read_only, release_all),
	    cmocka_unit_test_teardown(not_cms, release_all),
	    cmocka_unit_test(fileids),
	    cmocka_unit_test_teardown(many_open, release_all),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
