/* fs_memdev.h — an in-memory disk of 4K blocks for the file system's tests
 * (tests/cms/test_fs*.c), which can be told to stop writing after k more
 * writes: the machine stopping in the middle of a change. */
#ifndef TESTS_CMS_FS_MEMDEV_H
#define TESTS_CMS_FS_MEMDEV_H

#include "cmsfs.h"

struct memdev {
	struct cms_blkdev b;
	uint8_t *data;
	uint32_t writes; /* block writes done */
	long stop_after; /* writes still allowed (-1: no limit) */
	bool torn;       /* the first refused write puts half its block down */
	bool stopped;    /* a write was refused */
};

struct memdev *memdev_new(uint32_t nblocks, uint16_t devtype);
void memdev_free(struct memdev *m);
/* A copy of the disk's bytes (for a second device of the same contents). */
struct memdev *memdev_clone(const struct memdev *m);
/* The file system's check of m: 0 when consistent; on a problem, the test
 * fails with its report. */
void memdev_assert_consistent(struct memdev *m);

#endif
