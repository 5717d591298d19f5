/* test_fba.c — the 3370 and 3310 FBA DASD (devices/fba.c) through channel
 * programs: Define Extent, Locate, Read, Write with the extent origin, the
 * rules that reject (table), file-mask write controls, Read IPL, Read
 * Device Characteristics, Sense ID, read-only images and images refused
 * at attach.  The CSWs and sense bytes are those Hercules 3.13 gives for
 * the same programs (except that Hercules adds incorrect length to a
 * rejected command). */
#include "urtest.h"

enum { DEV = 0x120, BLOCKS = 100, DXP = 0x3000, LOCP = 0x3100, BUF = 0x4000, SRC = 0x6000 };

/* An image of BLOCKS blocks: block b filled with b, block 1 a VOL1 label. */
static void make_image(const char *name, uint32_t blocks)
{
	FILE *f = fopen(name, "wb");
	assert_non_null(f);
	uint8_t b[512];
	for (uint32_t k = 0; k < blocks; k++) {
		memset(b, (int)k, sizeof b);
		if (k == 1)
			memcpy(b, "\xE5\xD6\xD3\xF1\xE5\xD6\xD3\xF0\xF0\xF1", 10);
		assert_int_equal(fwrite(b, 1, sizeof b, f), sizeof b);
	}
	fclose(f);
}

static struct ctm *setup(const char *type, const char *opts)
{
	ur_chdir();
	make_image("a.fba", BLOCKS);
	struct ctm *m = ur_setup(DEV, type, opts);
	for (int k = 0; k < 2048; k++)
		tm_mem(m->t, SRC)[k] = (uint8_t)(k * 7 + 3);
	return m;
}

static void put_be32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static void put_dx(struct ctm *m, uint8_t mask, uint32_t origin, uint32_t first, uint32_t last)
{
	uint8_t *p = tm_mem(m->t, DXP);
	memset(p, 0, 16);
	p[0] = mask;
	put_be32(p + 4, origin);
	put_be32(p + 8, first);
	put_be32(p + 12, last);
}

static void put_loc(struct ctm *m, uint8_t op, uint16_t count, uint32_t block)
{
	uint8_t *p = tm_mem(m->t, LOCP);
	p[0] = op;
	p[1] = 0;
	p[2] = (uint8_t)(count >> 8);
	p[3] = (uint8_t)count;
	put_be32(p + 4, block);
}

/* Define Extent, Locate, then one Read (X'42') or Write (X'41'). */
static const char *dx_loc_io(struct ctm *m, uint8_t cmd, uint32_t data, uint16_t count)
{
	put_ccw(m, 0x200, 0x63, DXP, CCW_CC, 16);
	put_ccw(m, 0x208, 0x43, LOCP, CCW_CC, 8);
	put_ccw(m, 0x210, cmd, data, 0, count);
	return ur_run(m, DEV);
}

static const char *sense0(struct ctm *m)
{
	static char hex[8];
	put_ccw(m, 0x200, 0x04, 0x500, 0, 24);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
	snprintf(hex, sizeof hex, "%02X", *tm_mem(m->t, 0x500));
	return hex;
}

static void image_block(uint32_t blk, uint8_t *out)
{
	FILE *f = fopen("a.fba", "rb");
	assert_non_null(f);
	assert_int_equal(fseek(f, (long)blk * 512, SEEK_SET), 0);
	assert_int_equal(fread(out, 1, 512, f), 512);
	fclose(f);
}

static void write_then_read(void **state)
{
	(void)state;
	struct ctm *m = setup("3370", "a.fba");
	put_dx(m, 0x00, 0, 0, BLOCKS - 1);
	put_loc(m, 0x01, 2, 2);
	assert_string_equal(dx_loc_io(m, 0x41, SRC, 1024), "00000218 0C00 0000");
	uint8_t b[512];
	image_block(3, b);
	assert_memory_equal(b, tm_mem(m->t, SRC + 512), 512);
	put_loc(m, 0x06, 2, 2);
	memset(tm_mem(m->t, BUF), 0xEE, 1024);
	assert_string_equal(dx_loc_io(m, 0x42, BUF, 1024), "00000218 0C00 0000");
	assert_memory_equal(tm_mem(m->t, BUF), tm_mem(m->t, SRC), 1024);
	/* a count shorter than the located blocks: incorrect length */
	assert_string_equal(dx_loc_io(m, 0x42, BUF, 512), "00000218 0C40 0000");
	/* SLI, part of a block */
	put_loc(m, 0x06, 1, 1);
	put_ccw(m, 0x210, 0x42, BUF, CCW_SLI, 100);
	assert_string_equal(ur_run(m, DEV), "00000218 0C00 0000");
	assert_memory_equal(tm_mem(m->t, BUF), "\xE5\xD6\xD3\xF1", 4);
	/* a short write fills the rest of the block with zeros */
	put_loc(m, 0x05, 1, 7); /* write and check */
	assert_string_equal(dx_loc_io(m, 0x41, SRC, 10), "00000218 0C40 0000");
	image_block(7, b);
	assert_memory_equal(b, tm_mem(m->t, SRC), 10);
	assert_int_equal(b[10], 0);
	assert_int_equal(b[511], 0);
	ctm_free(m);
}

static void extent_origin(void **state)
{
	(void)state;
	struct ctm *m = setup("3370", "a.fba");
	put_dx(m, 0x00, 10, 5, 20); /* blocks 5-20 of the data set are 10-25 */
	put_loc(m, 0x06, 1, 6);
	assert_string_equal(dx_loc_io(m, 0x42, BUF, 512), "00000218 0C00 0000");
	assert_int_equal(*tm_mem(m->t, BUF), 11);
	assert_int_equal(*tm_mem(m->t, BUF + 511), 11);
	put_loc(m, 0x01, 1, 20);
	assert_string_equal(dx_loc_io(m, 0x41, SRC, 512), "00000218 0C00 0000");
	uint8_t b[512];
	image_block(25, b);
	assert_memory_equal(b, tm_mem(m->t, SRC), 512);
	/* a NOP between, and a second Locate replacing the first */
	put_ccw(m, 0x200, 0x63, DXP, CCW_CC, 16);
	put_ccw(m, 0x208, 0x03, 0, CCW_CC | CCW_SLI, 1);
	put_ccw(m, 0x210, 0x43, LOCP, CCW_CC, 8);
	put_ccw(m, 0x218, 0x43, LOCP + 8, CCW_CC, 8);
	put_ccw(m, 0x220, 0x42, BUF, 0, 512);
	put_loc(m, 0x01, 1, 5);
	memcpy(tm_mem(m->t, LOCP + 8), "\x06\x00\x00\x01\x00\x00\x00\x07", 8);
	assert_string_equal(ur_run(m, DEV), "00000228 0C00 0000");
	assert_int_equal(*tm_mem(m->t, BUF), 12);
	ctm_free(m);
}

/* Channel programs that end in a command reject: where the CSW points
 * tells which CCW was rejected. */
static void rejects(void **state)
{
	(void)state;
	static const struct {
		const char *what;
		uint8_t mask;
		uint32_t origin, first, last; /* extent */
		uint8_t op;
		uint16_t count;
		uint32_t block; /* locate */
		uint8_t io;     /* third CCW */
		uint16_t dxlen; /* Define Extent count */
		const char *csw;
	} cases[] = {
	    {"end before begin", 0, 0, 10, 5, 6, 1, 0, 0x42, 16, "00000208 0E00 0000"},
	    {"extent past the device", 0, 0, 0, BLOCKS, 6, 1, 0, 0x42, 16, "00000208 0E00 0000"},
	    {"origin past the device", 0, BLOCKS, 0, 0, 6, 1, 0, 0x42, 16, "00000208 0E00 0000"},
	    {"extent runs past the device", 0, 50, 0, 50, 6, 1, 0, 0x42, 16, "00000208 0E00 0000"},
	    {"mask 10", 0x80, 0, 0, 99, 6, 1, 0, 0x42, 16, "00000208 0E00 0000"},
	    {"mask reserved bit", 0x20, 0, 0, 99, 6, 1, 0, 0x42, 16, "00000208 0E00 0000"},
	    {"short Define Extent", 0, 0, 0, 99, 6, 1, 0, 0x42, 8, "00000208 0E00 0000"},
	    {"block before the extent", 0, 0, 5, 20, 6, 1, 4, 0x42, 16, "00000210 0E00 0000"},
	    {"block after the extent", 0, 0, 5, 20, 6, 1, 21, 0x42, 16, "00000210 0E00 0000"},
	    {"count past the extent", 0, 0, 5, 20, 6, 2, 20, 0x42, 16, "00000210 0E00 0000"},
	    {"count 0", 0, 0, 0, 99, 6, 0, 0, 0x42, 16, "00000210 0E00 0000"},
	    {"operation 02", 0, 0, 0, 99, 2, 1, 0, 0x42, 16, "00000210 0E00 0000"},
	    {"operation 0F", 0, 0, 0, 99, 0x0F, 1, 0, 0x42, 16, "00000210 0E00 0000"},
	    {"write inhibited", 0x40, 0, 0, 99, 1, 1, 0, 0x41, 16, "00000210 0E00 0000"},
	    {"format write inhibited", 0x00, 0, 0, 99, 4, 1, 0, 0x41, 16, "00000210 0E00 0000"},
	    {"write after a read Locate", 0, 0, 0, 99, 6, 1, 0, 0x41, 16, "00000218 0E00 0200"},
	    {"read after a write Locate", 0, 0, 0, 99, 1, 1, 0, 0x42, 16, "00000218 0E00 0200"},
	    /* allowed */
	    {"read, writes inhibited", 0x40, 0, 0, 99, 6, 1, 0, 0x42, 16, "00000218 0C00 0000"},
	    {"format write, all allowed", 0xC0, 0, 0, 99, 4, 1, 0, 0x41, 16, "00000218 0C00 0000"},
	    {"Define Extent longer than 16", 0, 0, 0, 99, 6, 1, 0, 0x42, 32, "00000208 0C40 0010"},
	};
	struct ctm *m = setup("3370", "a.fba");
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		put_dx(m, cases[k].mask, cases[k].origin, cases[k].first, cases[k].last);
		put_loc(m, cases[k].op, cases[k].count, cases[k].block);
		put_ccw(m, 0x200, 0x63, DXP, CCW_CC, cases[k].dxlen);
		put_ccw(m, 0x208, 0x43, LOCP, CCW_CC, 8);
		put_ccw(m, 0x210, cases[k].io, cases[k].io == 0x41 ? SRC : BUF, 0, 512);
		const char *csw = ur_run(m, DEV);
		if (strcmp(csw, cases[k].csw))
			fail_msg("%s: CSW %s, expected %s", cases[k].what, csw, cases[k].csw);
		const char *s = sense0(m);
		if (strcmp(s, cases[k].csw[10] == 'E' ? "80" : "00"))
			fail_msg("%s: sense %s", cases[k].what, s);
	}
	/* without Define Extent; twice; the located blocks used up; alone */
	put_dx(m, 0, 0, 0, 99);
	put_loc(m, 6, 1, 1);
	put_ccw(m, 0x200, 0x43, LOCP, CCW_CC, 8);
	put_ccw(m, 0x208, 0x42, BUF, 0, 512);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	put_ccw(m, 0x200, 0x63, DXP, CCW_CC, 16);
	put_ccw(m, 0x208, 0x63, DXP, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0000");
	put_ccw(m, 0x208, 0x43, LOCP, CCW_CC, 8);
	put_ccw(m, 0x210, 0x42, BUF, CCW_CC, 512);
	put_ccw(m, 0x218, 0x42, BUF, 0, 512);
	assert_string_equal(ur_run(m, DEV), "00000220 0E00 0200");
	put_ccw(m, 0x200, 0x42, BUF, 0, 512);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0200");
	put_ccw(m, 0x200, 0x13, 0, CCW_SLI, 1);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0001");
	assert_string_equal(sense0(m), "80");
	ctm_free(m);
}

static void identify_and_ipl(void **state)
{
	(void)state;
	static const struct {
		const char *type;
		const char *senseid;
		const char *rdc;
	} cases[] = {
	    {"3370", "\xFF\x38\x80\x01\x33\x70\x00",
	     "\x30\x08\x21\x02\x02\x00\x00\x00\x00\x3E\x00\x00\x02\xE8\x00\x00\x00\x64"},
	    {"3310", "\xFF\x43\x31\x01\x33\x10\x01",
	     "\x30\x08\x21\x01\x02\x00\x00\x00\x00\x20\x00\x00\x01\x60\x00\x00\x00\x64"},
	};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m = setup(cases[k].type, "a.fba");
		put_ccw(m, 0x200, 0xE4, BUF, CCW_SLI, 16);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0009");
		assert_memory_equal(tm_mem(m->t, BUF), cases[k].senseid, 7);
		memset(tm_mem(m->t, BUF), 0xEE, 64);
		put_ccw(m, 0x200, 0x64, BUF, 0, 32);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
		assert_memory_equal(tm_mem(m->t, BUF), cases[k].rdc, 18);
		for (int b = 18; b < 32; b++)
			assert_int_equal(tm_mem(m->t, BUF)[b], 0);
		put_ccw(m, 0x200, 0x04, BUF, 0, 24);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
		/* Read IPL: block 0 */
		memset(tm_mem(m->t, BUF), 0xEE, 512);
		put_ccw(m, 0x200, 0x02, BUF, 0, 512);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0000");
		assert_int_equal(*tm_mem(m->t, BUF), 0);
		put_ccw(m, 0x200, 0x02, BUF, CCW_CC, 24);
		put_ccw(m, 0x208, 0x02, BUF, 0, 24);
		assert_string_equal(ur_run(m, DEV), "00000208 0C40 0000");
		ctm_free(m);
	}
}

static void read_only(void **state)
{
	(void)state;
	struct ctm *m = setup("3370", "a.fba ro");
	put_dx(m, 0xC0, 0, 0, 99);
	put_loc(m, 0x01, 1, 3);
	assert_string_equal(dx_loc_io(m, 0x41, SRC, 512), "00000210 0E00 0000");
	put_loc(m, 0x06, 1, 3);
	assert_string_equal(dx_loc_io(m, 0x42, BUF, 512), "00000218 0C00 0000");
	assert_int_equal(*tm_mem(m->t, BUF), 3);
	ctm_free(m);
}

static void images_refused(void **state)
{
	(void)state;
	ur_chdir();
	ur_write_file("short.fba", "abc", 3);
	make_image("odd.fba", 3);
	FILE *f = fopen("odd.fba", "ab");
	fputc(0, f);
	fclose(f);
	ur_write_file("c.fba", "FBA_C370xxxxxxxxxxxxxxxxxxxxxxxx", 32);
	ur_write_file("empty.fba", "", 0);
	static const struct {
		const char *opts, *err;
	} cases[] = {
	    {"short.fba", "short.fba: size 3 is not a whole number of 512-byte blocks (truncated?)"},
	    {"odd.fba", "odd.fba: size 1537 is not a whole number of 512-byte blocks (truncated?)"},
	    {"empty.fba", "empty.fba: size 0 is not a whole number of 512-byte blocks (truncated?)"},
	    {"c.fba", "c.fba: compressed FBA (CFBA) images are not supported"},
	    {"none.fba", "cannot open none.fba: No such file or directory"},
	    {"", "an FBA device needs an image file"},
	    {"odd.fba sf=x", "bad operand sf=x (expected FILE [ro])"},
	};
	struct ctm *m = ctm_new();
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		char err[300] = "";
		assert_int_equal(ur_attach(m, DEV, "3370", cases[k].opts, err, sizeof err), -1);
		assert_string_equal(err, cases[k].err);
	}
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(write_then_read), cmocka_unit_test(extent_origin),
	    cmocka_unit_test(rejects),         cmocka_unit_test(identify_and_ipl),
	    cmocka_unit_test(read_only),       cmocka_unit_test(images_refused),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
