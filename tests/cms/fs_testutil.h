/* fs_testutil.h — small helpers the file system's tests share (static
 * inline: each test is one executable). */
#ifndef TESTS_CMS_FS_TESTUTIL_H
#define TESTS_CMS_FS_TESTUTIL_H

#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "cms.h"
#include "fs_memdev.h"

static inline struct cms_fileid fid(const char *fn, const char *ft, const char *fm)
{
	struct cms_fileid id;
	int rc = fs_fileid(&id, fn, ft, fm);
	if (rc)
		fail_msg("fs_fileid %s %s %s: %d %s", fn, ft, fm, rc, fs_errtext());
	return id;
}

/* A file of ASCII lines (EBCDIC records): rc of the first failing call. */
static inline int put_lines(const char *fn, const char *ft, const char *fm, char recfm, uint32_t lrecl,
                            const char *const *lines, int n)
{
	struct cms_fileid id = fid(fn, ft, fm);
	struct cms_file *f;
	int rc = fs_open_write(&id, recfm, lrecl, &f);
	if (rc)
		return rc;
	for (int i = 0; i < n; i++) {
		uint8_t rec[256];
		size_t l = strlen(lines[i]);
		cms_a2e(rec, lines[i], l);
		if ((rc = fs_write(f, rec, (uint32_t)l))) {
			fs_abandon(f);
			return rc;
		}
	}
	return fs_close(f);
}

/* The file's records as ASCII lines joined by '\n' (trailing blanks of each
 * kept), into out; the rc. */
static inline int get_text(const char *fn, const char *ft, const char *fm, char *out, size_t size)
{
	struct cms_fileid id = fid(fn, ft, fm);
	struct cms_file *f;
	int rc = fs_open_read(&id, &f);
	if (rc)
		return rc;
	size_t at = 0;
	out[0] = 0;
	static uint8_t rec[65536];
	uint32_t len;
	while (!(rc = fs_read(f, rec, sizeof rec, &len))) {
		if (at + len + 2 > size)
			fail_msg("get_text: too long");
		cms_e2a(out + at, rec, len);
		at += len;
		out[at++] = '\n';
		out[at] = 0;
	}
	fs_close(f);
	return rc == RC_EOF ? 0 : rc;
}

/* A fresh formatted disk of n blocks accessed as mode. */
static inline struct memdev *fresh(uint32_t n, char mode, const char *label)
{
	struct memdev *m = memdev_new(n, 0x3350);
	assert_int_equal(fs_format(&m->b, label), 0);
	assert_int_equal(fs_access(&m->b, mode, 0, false), 0);
	return m;
}

/* Every disk released (a cmocka teardown, or called at a test's end). */
static inline int release_all(void **state)
{
	(void)state;
	for (char m = 'A'; m <= 'Z'; m++)
		if (fs_vol(m))
			fs_release(m);
	return 0;
}

#endif
