/* fs_memdev.c — the tests' in-memory disk and the host's fs_now. */
#include <setjmp.h>
#include <stdarg.h>
#include <stddef.h>
#include <cmocka.h>
#include <stdlib.h>
#include <string.h>

#include "fs_memdev.h"

static int md_read(struct cms_blkdev *b, uint32_t blk, void *buf)
{
	struct memdev *m = b->ctx;
	if (blk >= b->nblocks)
		return -1;
	memcpy(buf, m->data + (size_t)blk * CMS_BLKSIZE, CMS_BLKSIZE);
	return 0;
}

static int md_write(struct cms_blkdev *b, uint32_t blk, const void *buf)
{
	struct memdev *m = b->ctx;
	if (blk >= b->nblocks)
		return -1;
	if (m->stop_after == 0) {
		if (m->torn && !m->stopped)
			memcpy(m->data + (size_t)blk * CMS_BLKSIZE, buf, CMS_BLKSIZE / 2);
		m->stopped = true;
		return -1;
	}
	if (m->stop_after > 0)
		m->stop_after--;
	m->writes++;
	memcpy(m->data + (size_t)blk * CMS_BLKSIZE, buf, CMS_BLKSIZE);
	return 0;
}

static int md_format(struct cms_blkdev *b, uint32_t blk)
{
	struct memdev *m = b->ctx;
	memset(m->data + (size_t)blk * CMS_BLKSIZE, 0xE5, CMS_BLKSIZE);
	return 0;
}

struct memdev *memdev_new(uint32_t nblocks, uint16_t devtype)
{
	struct memdev *m = calloc(1, sizeof *m);
	m->data = calloc(nblocks, CMS_BLKSIZE);
	m->b.ctx = m;
	m->b.nblocks = nblocks;
	m->b.devtype = devtype;
	m->b.read = md_read;
	m->b.write = md_write;
	m->b.format = md_format;
	m->stop_after = -1;
	return m;
}

struct memdev *memdev_clone(const struct memdev *m)
{
	struct memdev *c = memdev_new(m->b.nblocks, m->b.devtype);
	memcpy(c->data, m->data, (size_t)m->b.nblocks * CMS_BLKSIZE);
	return c;
}

void memdev_free(struct memdev *m)
{
	if (m) {
		free(m->data);
		free(m);
	}
}

void memdev_assert_consistent(struct memdev *m)
{
	char report[200];
	uint32_t problems = 0;
	int rc = fs_check(&m->b, report, sizeof report, &problems);
	if (rc)
		fail_msg("fs_check: rc %d, %u problems: %s", rc, (unsigned)problems, report);
}

/* Files written by the tests carry one fixed date. */
void fs_now(struct cms_fst *stamp)
{
	stamp->year = 2026;
	stamp->month = 11;
	stamp->day = 26;
	stamp->hour = 12;
	stamp->minute = 34;
	stamp->second = 56;
}
