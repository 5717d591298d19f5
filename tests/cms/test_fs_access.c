/* test_fs_access.c — modes A-Z, the search order, a read-only extension
 * (ACCESS 192 Z/A: Z's files are seen when A is searched), patterns and
 * mode numbers (cms/fs_access.c, cms/fs_dir.c). */
#include "fs_testutil.h"

static const char *const one[] = {"X"};

/* fs_list's files as "FN FT FM" lines. */
static int add_line(const struct cms_fst *f, void *arg)
{
	char *out = arg;
	sprintf(out + strlen(out), "%s %s %s\n", f->id.fn, f->id.ft, f->id.fm);
	return 0;
}

static const char *list(const char *fn, const char *ft, const char *fm)
{
	static char out[2000];
	out[0] = 0;
	struct cms_fileid p = fid(fn, ft, fm);
	int rc = fs_list(&p, add_line, out);
	if (rc)
		sprintf(out, "rc %d", rc);
	return out;
}

static struct memdev *disks[4];

static int setup(void **state)
{
	(void)state;
	/* A (191): PROFILE EXEC, X DATA A2, ALPHA SCRIPT; Z (192): X DATA, Y
	 * DATA, ZED SCRIPT; C: X DATA, ALL SCRIPT; D: nothing */
	const char *labels[] = {"A191", "Z192", "C193", "D194"};
	for (int i = 0; i < 4; i++) {
		disks[i] = memdev_new(80, 0x3350);
		disks[i]->b.vaddr = (uint16_t)(0x191 + i);
		assert_int_equal(fs_format(&disks[i]->b, labels[i]), 0);
	}
	assert_int_equal(fs_access(&disks[1]->b, 'Z', 0, false), 0);
	assert_int_equal(put_lines("X", "DATA", "Z", 'V', 0, one, 1), 0);
	assert_int_equal(put_lines("Y", "DATA", "Z", 'V', 0, one, 1), 0);
	assert_int_equal(put_lines("ZED", "SCRIPT", "Z", 'V', 0, one, 1), 0);
	assert_int_equal(fs_access(&disks[0]->b, 'A', 0, false), 0);
	assert_int_equal(put_lines("PROFILE", "EXEC", "A", 'V', 0, one, 1), 0);
	assert_int_equal(put_lines("X", "DATA", "A2", 'V', 0, one, 1), 0);
	assert_int_equal(put_lines("ALPHA", "SCRIPT", "A", 'V', 0, one, 1), 0);
	assert_int_equal(fs_access(&disks[2]->b, 'C', 0, false), 0);
	assert_int_equal(put_lines("X", "DATA", "C", 'V', 0, one, 1), 0);
	assert_int_equal(put_lines("ALL", "SCRIPT", "C", 'V', 0, one, 1), 0);
	assert_int_equal(fs_access(&disks[3]->b, 'D', 0, false), 0);
	/* Z again, now as A's read-only extension */
	assert_int_equal(fs_access(&disks[1]->b, 'Z', 'A', false), 0);
	return 0;
}

static int teardown(void **state)
{
	release_all(state);
	for (int i = 0; i < 4; i++)
		memdev_free(disks[i]);
	return 0;
}

static void search_order(void **state)
{
	(void)state;
	assert_string_equal(list("*", "*", "*"), "PROFILE EXEC A1\nX DATA A2\nALPHA SCRIPT A1\n"
	                                         "X DATA Z1\nY DATA Z1\nZED SCRIPT Z1\n"
	                                         "X DATA C1\nALL SCRIPT C1\n");
	assert_string_equal(list("*", "*", ""), list("*", "*", "*"));
	struct cms_fst st;
	struct cms_fileid id = fid("X", "DATA", "");
	assert_int_equal(fs_state(&id, &st), 0);
	assert_string_equal(st.id.fm, "A2");
	id = fid("Y", "DATA", "");
	assert_int_equal(fs_state(&id, &st), 0);
	assert_string_equal(st.id.fm, "Z1");
	id = fid("Y", "DATA", "A"); /* A's extension is searched with A */
	assert_int_equal(fs_state(&id, &st), 0);
	assert_string_equal(st.id.fm, "Z1");
	id = fid("Y", "DATA", "C");
	assert_int_equal(fs_state(&id, &st), RC_NOTFOUND);
	id = fid("Y", "DATA", "Q");
	assert_int_equal(fs_state(&id, &st), RC_DISKRO);
	assert_string_equal(list("*", "*", "D"), "rc 28");
	assert_string_equal(list("*", "*", "Z"), "X DATA Z1\nY DATA Z1\nZED SCRIPT Z1\n");
	char text[50];
	assert_int_equal(get_text("ZED", "SCRIPT", "", text, sizeof text), 0);
	assert_string_equal(text, "X\n");
	struct cms_volinfo vi;
	assert_int_equal(fs_volinfo('Z', &vi), 0);
	assert_true(vi.readonly);
	assert_int_equal(vi.parent, 'A');
	assert_string_equal(vi.label, "Z192");
}

static void patterns(void **state)
{
	(void)state;
	assert_string_equal(list("X*", "*", "*"), "X DATA A2\nX DATA Z1\nX DATA C1\n");
	assert_string_equal(list("*", "SCRIPT", "*"), "ALPHA SCRIPT A1\nZED SCRIPT Z1\nALL SCRIPT C1\n");
	assert_string_equal(list("A*", "S*", "*"), "ALPHA SCRIPT A1\nALL SCRIPT C1\n");
	assert_string_equal(list("%", "DATA", "C"), "X DATA C1\n");
	assert_string_equal(list("*", "*", "A2"), "X DATA A2\n");
	assert_string_equal(list("*", "*", "A1"),
	                    "PROFILE EXEC A1\nALPHA SCRIPT A1\nX DATA Z1\nY DATA Z1\nZED SCRIPT Z1\n");
	assert_string_equal(list("NONE*", "*", "*"), "rc 28");
	struct cms_fst st;
	struct cms_fileid id = fid("*", "SCRIPT", "*");
	assert_int_equal(fs_state(&id, &st), 0); /* the first in the search order */
	assert_string_equal(st.id.fn, "ALPHA");
	struct cms_file *f;
	assert_int_equal(fs_open_read(&id, &f), RC_BADNAME);
	assert_int_equal(fs_open_write(&id, 'V', 0, &f), RC_BADNAME);
	assert_int_equal(fs_erase(&id), RC_BADNAME);
	/* the mode number is kept by a replacement unless another is named */
	assert_int_equal(put_lines("X", "DATA", "A", 'V', 0, one, 1), 0);
	assert_string_equal(list("X", "DATA", "A"), "X DATA A2\nX DATA Z1\n");
	assert_int_equal(put_lines("X", "DATA", "A5", 'V', 0, one, 1), 0);
	assert_string_equal(list("X", "DATA", "A"), "X DATA A5\nX DATA Z1\n");
	struct cms_fileid from = fid("X", "DATA", "A"), to = fid("X", "DATA", "A0");
	assert_int_equal(fs_rename(&from, &to), 0);
	assert_string_equal(list("X", "DATA", "A0"), "X DATA A0\n");
}

static void extension_read_only(void **state)
{
	(void)state;
	struct cms_fileid id = fid("Y", "DATA", ""), z = fid("NEW", "FILE", "Z");
	struct cms_file *f;
	assert_int_equal(fs_erase(&id), RC_DISKRO); /* found on Z, read-only */
	assert_int_equal(fs_open_write(&z, 'V', 0, &f), RC_DISKRO);
	/* a file named without a mode is written on A */
	struct cms_fileid n = fid("NEW", "FILE", "");
	assert_int_equal(fs_open_write(&n, 'V', 0, &f), 0);
	assert_int_equal(fs_write(f, "\xC1", 1), 0);
	assert_int_equal(fs_close(f), 0);
	struct cms_fst st;
	assert_int_equal(fs_state(&n, &st), 0);
	assert_string_equal(st.id.fm, "A1");
	/* A released: Z is searched in its own place, after C and D */
	assert_int_equal(fs_release('A'), 0);
	assert_string_equal(list("*", "*", "*"), "X DATA C1\nALL SCRIPT C1\n"
	                                         "X DATA Z1\nY DATA Z1\nZED SCRIPT Z1\n");
	assert_int_equal(fs_state(&n, &st), RC_NOTFOUND);
	/* the same disk under another mode: the earlier access goes */
	assert_int_equal(fs_access(&disks[2]->b, 'B', 0, false), 0);
	assert_null(fs_vol('C'));
	assert_string_equal(list("*", "*", "B"), "X DATA B1\nALL SCRIPT B1\n");
	/* a mode in use given to another disk */
	assert_int_equal(fs_access(&disks[3]->b, 'B', 0, false), 0);
	assert_null(fs_vol('D'));
	assert_string_equal(list("*", "*", "B"), "rc 28");
	assert_int_equal(fs_access(&disks[0]->b, 'A', 'A', false), RC_BADOPT);
}

/* A disk released while a file is open on it: the file still works. */
static void release_while_open(void **state)
{
	(void)state;
	struct cms_fileid id = fid("PROFILE", "EXEC", "A"), w = fid("OUT", "FILE", "A");
	struct cms_file *r, *o;
	assert_int_equal(fs_open_read(&id, &r), 0);
	assert_int_equal(fs_open_write(&w, 'V', 0, &o), 0);
	assert_int_equal(fs_release('A'), 0);
	uint8_t rec[10];
	uint32_t len;
	assert_int_equal(fs_read(r, rec, sizeof rec, &len), 0);
	assert_int_equal(len, 1);
	assert_int_equal(fs_write(o, "\xC1", 1), 0);
	assert_int_equal(fs_close(r), 0);
	assert_int_equal(fs_close(o), 0);
	assert_int_equal(fs_access(&disks[0]->b, 'A', 0, false), 0);
	struct cms_fst st;
	assert_int_equal(fs_state(&w, &st), 0);
	memdev_assert_consistent(disks[0]);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test_setup_teardown(search_order, setup, teardown),
	    cmocka_unit_test_setup_teardown(patterns, setup, teardown),
	    cmocka_unit_test_setup_teardown(extension_read_only, setup, teardown),
	    cmocka_unit_test_setup_teardown(release_while_open, setup, teardown),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
