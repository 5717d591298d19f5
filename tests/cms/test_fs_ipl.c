/* test_fs_ipl.c — the nucleus area (cms/fs_ipl.c): the IPL records of a
 * CKD disk are run here by a small model of the channel and a CKD
 * minidisk (Seek, Search ID Equal, TIC, Read Data and multitrack Read
 * Data over the block layout cmsfs.h gives), and what they load must be
 * the program, byte for byte, at X'10000'. */
#include "fs_testutil.h"

static uint32_t be(const uint8_t *p, int n)
{
	uint32_t v = 0;
	while (n--)
		v = v << 8 | *p++;
	return v;
}

/* IPL of m (heads, per 4K records a track): storage after it, and the PSW. */
static int ipl(struct memdev *m, uint32_t heads, uint32_t per, uint8_t *mem, uint32_t size)
{
	uint32_t cyl = 0, head = 0, rec = 1;
	const uint8_t *blk = m->data; /* block 0: R1 of cylinder 0 head 0 */
	memcpy(mem, blk, 24);         /* Read IPL: 24 bytes, SLI */
	uint32_t at = 8;
	bool oriented = true; /* after R1 */
	for (int n = 0; n < 1000; n++) {
		const uint8_t *c = mem + at;
		uint8_t cmd = c[0], flags = c[4];
		uint32_t addr = be(c + 1, 3), count = be(c + 6, 2);
		if (cmd == 0x08) {
			at = addr;
			continue;
		}
		switch (cmd) {
		case 0x07:
			cyl = be(mem + addr + 2, 2);
			head = be(mem + addr + 4, 2);
			rec = 0;
			oriented = true;
			break;
		case 0x31: /* Search ID Equal: satisfied on the record, skipping the TIC */
			if (be(mem + addr, 2) != cyl || be(mem + addr + 2, 2) != head || mem[addr + 4] < 1 ||
			    mem[addr + 4] > per)
				return -1;
			rec = mem[addr + 4];
			at += 8;
			oriented = false;
			break;
		case 0x06:
		case 0x86:
			if (oriented)
				rec++;
			if (rec > per) {
				if (!(cmd & 0x80) || ++head >= heads)
					return -2; /* no record found / end of cylinder */
				rec = 1;
			}
			if (count > CMS_BLKSIZE || addr + count > size)
				return -3;
			memcpy(mem + addr,
			       m->data + (size_t)(((cyl * heads + head) * per) + rec - 1) * CMS_BLKSIZE,
			       count);
			oriented = true;
			break;
		default:
			return -4;
		}
		if (!(flags & 0x40))
			return 0;
		at += 8;
	}
	return -5;
}

static void nucleus(void **state)
{
	(void)state;
	/* a 3350 minidisk of 5 cylinders: 120 blocks a cylinder */
	struct memdev *m = memdev_new(600, 0x3350);
	assert_int_equal(fs_format(&m->b, "S190"), 0);
	assert_int_equal(fs_access(&m->b, 'S', 0, false), 0);
	static const char *const l[] = {"HELP"};
	assert_int_equal(put_lines("HELP", "HELP", "S", 'V', 0, l, 1), 0);
	/* a data disk: IPL1 is a disabled wait */
	assert_memory_equal(m->data, "\x00\x02\x00\x00\x00\x00\x0C\x5F\x03", 9);
	enum { LEN = 150 * 4096 + 123 };
	uint8_t *prog = malloc(LEN);
	for (uint32_t i = 0; i < LEN; i++)
		prog[i] = (uint8_t)(i * 31 + i / 4096);
	assert_int_equal(fs_nucleus('S', prog, LEN), 0);
	memdev_assert_consistent(m);
	/* PSW: BC mode, disabled, key 0, at X'10000' */
	assert_memory_equal(m->data, "\x00\x00\x00\x00\x00\x01\x00\x00", 8);
	uint8_t *mem = calloc(1, 1 << 20);
	assert_int_equal(ipl(m, 30, 4, mem, 1 << 20), 0);
	assert_memory_equal(mem + 0x10000, prog, LEN);
	assert_int_equal(mem[0x10000 + LEN], 0); /* the last record read for its length only */
	/* files written later stay out of the area (the check would say a
	 * block is used twice) and the area survives them */
	static uint8_t rec[4096];
	struct cms_fileid id = fid("FILL", "DATA", "S");
	struct cms_file *f;
	assert_int_equal(fs_open_write(&id, 'F', 4096, &f), 0);
	while (!fs_write(f, rec, sizeof rec))
		;
	assert_int_equal(fs_close(f), 0);
	memdev_assert_consistent(m);
	memset(mem, 0, 1 << 20);
	assert_int_equal(ipl(m, 30, 4, mem, 1 << 20), 0);
	assert_memory_equal(mem + 0x10000, prog, LEN);
	/* no room for a second nucleus now; after an ERASE there is */
	assert_int_equal(fs_nucleus('S', prog, 20 * 4096), RC_DISKFULL);
	assert_int_equal(fs_erase(&id), 0);
	for (uint32_t i = 0; i < 5000; i++)
		prog[i] ^= 0xFF;
	assert_int_equal(fs_nucleus('S', prog, 5000), 0);
	memdev_assert_consistent(m);
	memset(mem, 0, 1 << 20);
	assert_int_equal(ipl(m, 30, 4, mem, 1 << 20), 0);
	assert_memory_equal(mem + 0x10000, prog, 5000);
	/* too big, empty, FBA, read-only */
	assert_int_equal(fs_nucleus('S', prog, FS_NUC_MAXBLK * 4096 + 1), RC_BADOPT);
	assert_int_equal(fs_nucleus('S', prog, 0), RC_BADOPT);
	assert_int_equal(fs_nucleus('T', prog, 10), RC_DISKRO);
	fs_release('S');
	m->b.devtype = 0x3370;
	assert_int_equal(fs_access(&m->b, 'S', 0, false), 0);
	assert_int_equal(fs_nucleus('S', prog, 10), RC_BADOPT);
	fs_release('S');
	assert_int_equal(fs_access(&m->b, 'S', 0, true), 0);
	assert_int_equal(fs_nucleus('S', prog, 10), RC_DISKRO);
	fs_release('S');
	free(prog);
	free(mem);
	memdev_free(m);
}

/* A 2314 (one 4K record a track, 20 a cylinder): a nucleus over several
 * cylinders, a seek for each. */
static void many_cylinders(void **state)
{
	(void)state;
	uint32_t heads, per;
	assert_true(fs_ckd_geometry(0x2314, &heads, &per));
	assert_int_equal(heads, 20);
	assert_int_equal(per, 1);
	assert_false(fs_ckd_geometry(0x3370, &heads, &per));
	struct memdev *m = memdev_new(400, 0x2314);
	assert_int_equal(fs_format(&m->b, "S2314"), 0);
	assert_int_equal(fs_access(&m->b, 'S', 0, false), 0);
	enum { LEN = 90 * 4096 };
	uint8_t *prog = malloc(LEN), *mem = calloc(1, 1 << 20);
	for (uint32_t i = 0; i < LEN; i++)
		prog[i] = (uint8_t)(i ^ (i >> 12));
	assert_int_equal(fs_nucleus('S', prog, LEN), 0);
	assert_int_equal(ipl(m, 20, 1, mem, 1 << 20), 0);
	assert_memory_equal(mem + 0x10000, prog, LEN);
	memdev_assert_consistent(m);
	fs_release('S');
	free(prog);
	free(mem);
	memdev_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {cmocka_unit_test(nucleus), cmocka_unit_test(many_cylinders)};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
