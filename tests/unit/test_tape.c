/* test_tape.c — the 3420 tape drive (devices/tape.c) on AWS and HET images
 * (devices/tape_aws.c) through channel programs: write blocks and tape
 * marks, rewind and read back, read backward, spacing by block and by
 * file, unit exceptions, load point, blank tape, file protection, an empty
 * drive and devinit, Rewind Unload, sense and Sense ID, HET compressed with
 * zlib and bzip2 (and an image made by Hercules' hetinit), damaged images
 * refused at mount with the reason. */
#include "urtest.h"

enum { DEV = 0x580, BUF = 0xD000 };

/* One CCW at X'200' on the tape; the CSW. */
static const char *ccw(struct ctm *m, uint8_t cmd, uint32_t data, uint8_t flags, uint16_t count)
{
	put_ccw(m, 0x200, cmd, data, flags, count);
	return ur_run(m, DEV);
}

/* A command refused at once (initial status): SIO sets CC 1 and stores
 * the CSW with unit check alone. */
static const char *refused(struct ctm *m, uint8_t cmd)
{
	put_ccw(m, 0x200, cmd, 0x2000, CCW_SLI, 1);
	fill_csw(m);
	assert_int_equal(io_insn(m, "9C00 0580"), 1);
	return csw_text(m);
}

/* Write a block of n bytes, byte k = (seed + k) & 0xFF. */
static const char *write_block(struct ctm *m, uint8_t seed, uint16_t n)
{
	for (uint16_t k = 0; k < n; k++)
		tm_mem(m->t, BUF)[k] = (uint8_t)(seed + k);
	return ccw(m, 0x01, BUF, 0, n);
}

static void assert_block(struct ctm *m, uint32_t at, uint8_t seed, uint16_t n)
{
	for (uint16_t k = 0; k < n; k++)
		if (tm_mem(m->t, at)[k] != (uint8_t)(seed + k))
			fail_msg("byte %u of the block is %02X, not %02X", k, tm_mem(m->t, at)[k],
			         (uint8_t)(seed + k));
}

/* Sense bytes 0, 1 and 4 as hex. */
static const char *sense(struct ctm *m)
{
	static char hex[16];
	assert_string_equal(ccw(m, 0x04, 0x400, 0, 24), "00000208 0C00 0000");
	const uint8_t *p = tm_mem(m->t, 0x400);
	snprintf(hex, sizeof hex, "%02X%02X%02X", p[0], p[1], p[4]);
	return hex;
}

#define OK "00000208 0C00 0000"
#define UE "00000208 0D00 0000"
#define UC "00000208 0E00 0000"
/* control commands move no data: the count of 1 stays */
#define C_OK "00000208 0C00 0001"
#define C_UE "00000208 0D00 0001"
#define C_UC "00000208 0E00 0001"

/* A tape with three files: 100 50 TM 10 TM TM. */
static struct ctm *three_files(const char *name, const char *opts)
{
	ur_chdir();
	remove(name);
	char o[128];
	snprintf(o, sizeof o, "%s %s", name, opts);
	struct ctm *m = ur_setup(DEV, "3420", o);
	assert_string_equal(write_block(m, 1, 100), OK);
	assert_string_equal(write_block(m, 2, 50), OK);
	assert_string_equal(ccw(m, 0x1F, 0, 0, 1), C_OK);
	assert_string_equal(write_block(m, 3, 10), OK);
	assert_string_equal(ccw(m, 0x1F, 0, 0, 1), C_OK);
	assert_string_equal(ccw(m, 0x1F, 0, 0, 1), C_OK);
	assert_string_equal(ccw(m, 0x07, 0, 0, 1), C_OK);
	return m;
}

static void write_rewind_read(void **state)
{
	(void)state;
	struct ctm *m = three_files("t.aws", "");
	assert_string_equal(sense(m), "004800"); /* ready, at load point */
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 200), "00000208 0C00 0064");
	assert_block(m, 0x2000, 1, 100);
	assert_string_equal(sense(m), "004000");
	/* a short count: incorrect length, the block's first bytes */
	assert_string_equal(ccw(m, 0x02, 0x2000, 0, 20), "00000208 0C40 0000");
	assert_block(m, 0x2000, 2, 20);
	memset(tm_mem(m->t, 0x2000), 0xEE, 8);
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 200), "00000208 0D00 00C8"); /* tape mark */
	assert_int_equal(*tm_mem(m->t, 0x2000), 0xEE);
	assert_string_equal(ccw(m, 0x02, 0x2000, 0, 10), OK);
	assert_block(m, 0x2000, 3, 10);
	assert_string_equal(ccw(m, 0x02, 0x2000, 0, 10), "00000208 0D00 000A");
	assert_string_equal(ccw(m, 0x02, 0x2000, 0, 10), "00000208 0D00 000A");
	/* past the recorded data: blank tape, data check */
	assert_string_equal(ccw(m, 0x02, 0x2000, 0, 10), "00000208 0E00 000A");
	assert_string_equal(sense(m), "104000");
	ctm_free(m);

	/* the image, byte for byte: headers cur, prev, flags */
	static const uint8_t hdrs[][6] = {
	    {100, 0, 0, 0, 0xA0, 0}, {50, 0, 100, 0, 0xA0, 0}, {0, 0, 50, 0, 0x40, 0},
	    {10, 0, 0, 0, 0xA0, 0},  {0, 0, 10, 0, 0x40, 0},   {0, 0, 0, 0, 0x40, 0},
	};
	static const long offs[] = {0, 106, 162, 168, 184, 190};
	char img[300];
	assert_int_equal(ur_read_file("t.aws", img, sizeof img), 196);
	for (int k = 0; k < 6; k++)
		assert_memory_equal(img + offs[k], hdrs[k], 6);
}

static void read_backward_and_spacing(void **state)
{
	(void)state;
	struct ctm *m = three_files("s.aws", "");
	static const struct {
		uint8_t cmd;
		const char *csw;
		const char *sense; /* after the command, NULL: not asked */
	} steps[] = {
	    {0x27, C_UC, "004800"}, /* backspace at load point: unit check, load point */
	    {0x2F, C_UC, "004800"}, /* backspace file at load point */
	    {0x3F, C_OK, "004000"}, /* forward space file: past the first tape mark */
	    {0x37, C_OK, NULL},     /* the 10-byte block */
	    {0x37, C_UE, NULL},     /* the second tape mark */
	    {0x27, C_UE, NULL},     /* back over it */
	    {0x27, C_OK, NULL},     /* back over the 10-byte block */
	    {0x2F, C_OK, NULL},     /* back over the first tape mark */
	    {0x27, C_OK, NULL},     /* the 50-byte block */
	    {0x2F, C_UC, "004800"}, /* no tape mark before: stops at load point */
	    {0x3F, C_OK, NULL},     {0x3F, C_OK, NULL}, {0x3F, C_OK, NULL}, /* past all three tape marks */
	    {0x3F, C_UC, "104000"},                                         /* blank tape: equipment check */
	    {0xC3, C_OK, NULL},     {0xCB, C_OK, NULL}, {0xD3, C_OK, NULL}, /* Mode Set: accepted */
	    {0x03, C_OK, NULL},
	};
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		const char *csw = ccw(m, steps[k].cmd, 0x2000, CCW_SLI, 1);
		if (strcmp(csw, steps[k].csw))
			fail_msg("step %zu (command %02X): CSW %s, expected %s", k, steps[k].cmd, csw,
			         steps[k].csw);
		if (steps[k].sense && strcmp(sense(m), steps[k].sense))
			fail_msg("step %zu (command %02X): sense %s, expected %s", k, steps[k].cmd, sense(m),
			         steps[k].sense);
	}
	assert_string_equal(refused(m, 0x12), "00000208 0200 0001"); /* not a 3420 command */
	assert_string_equal(sense(m), "804001");
	assert_string_equal(refused(m, 0xE4), "00000208 0200 0001"); /* no Sense ID */
	/* Read Backward: the block lands in order, ending at the CCW's address */
	assert_string_equal(ccw(m, 0x07, 0, 0, 1), C_OK);
	assert_string_equal(ccw(m, 0x37, 0, CCW_SLI, 1), C_OK);
	assert_string_equal(ccw(m, 0x37, 0, CCW_SLI, 1), C_OK);
	memset(tm_mem(m->t, 0x2000), 0xEE, 0x100);
	assert_string_equal(ccw(m, 0x0C, 0x2000 + 49, 0, 50), OK);
	assert_block(m, 0x2000, 2, 50);
	/* a shorter count gets the block's last bytes */
	assert_string_equal(ccw(m, 0x0C, 0x2000 + 9, 0, 10), "00000208 0C40 0000");
	assert_block(m, 0x2000, 1 + 90, 10);
	assert_string_equal(ccw(m, 0x0C, 0x2000, CCW_SLI, 10), "00000208 0E00 000A"); /* load point */
	/* backward over a tape mark: unit exception */
	assert_string_equal(ccw(m, 0x3F, 0, 0, 1), C_OK);
	assert_string_equal(ccw(m, 0x0C, 0x2000, CCW_SLI, 10), "00000208 0D00 000A");
	ctm_free(m);
}

static void write_cuts_the_tape(void **state)
{
	(void)state;
	struct ctm *m = three_files("c.aws", "");
	assert_string_equal(ccw(m, 0x37, 0, CCW_SLI, 1), C_OK);
	assert_string_equal(write_block(m, 9, 30), OK); /* replaces the 50-byte block and what followed */
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 100), "00000208 0E00 0064"); /* blank: data check */
	ctm_free(m);
	char img[300];
	assert_int_equal(ur_read_file("c.aws", img, sizeof img), 106 + 36);
	static const uint8_t h[6] = {30, 0, 100, 0, 0xA0, 0};
	assert_memory_equal(img + 106, h, 6);
}

static void data_chaining_writes_one_block(void **state)
{
	(void)state;
	struct ctm *m = three_files("d.aws", "");
	memcpy(tm_mem(m->t, 0x3000), "ABCD", 4);
	memcpy(tm_mem(m->t, 0x3100), "EFG", 3);
	put_ccw(m, 0x200, 0x01, 0x3000, CCW_CD, 4);
	put_ccw(m, 0x208, 0x00, 0x3100, 0, 3);
	assert_string_equal(ur_run(m, DEV), "00000210 0C00 0000");
	assert_string_equal(ccw(m, 0x27, 0, CCW_SLI, 1), C_OK);
	assert_string_equal(ccw(m, 0x02, 0x2000, 0, 7), OK);
	assert_memory_equal(tm_mem(m->t, 0x2000), "ABCDEFG", 7);
	ctm_free(m);
}

static void file_protect(void **state)
{
	(void)state;
	struct ctm *m = three_files("p.aws", "");
	ctm_free(m);
	static const char *const opts[] = {"p.aws ro", "p.aws noring", "p.aws readonly=1"};
	for (size_t k = 0; k < 3; k++) {
		m = ur_setup(DEV, "3420", opts[k]);
		assert_string_equal(sense(m), "004A00"); /* ready, load point, file protected */
		assert_string_equal(write_block(m, 0, 10), "00000208 0E00 000A"); /* nothing moved */
		assert_string_equal(sense(m), "804A00");
		assert_string_equal(ccw(m, 0x1F, 0, 0, 1), C_UC);
		assert_string_equal(ccw(m, 0x17, 0, 0, 1), C_UC);
		assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 200),
		                    "00000208 0C00 0064"); /* reads work */
		ctm_free(m);
	}
	char img[300];
	assert_int_equal(ur_read_file("p.aws", img, sizeof img), 196); /* untouched */
}

static void empty_drive_devinit_unload(void **state)
{
	(void)state;
	struct ctm *m = three_files("e.aws", "");
	ctm_free(m);
	m = ur_setup(DEV, "3420", "*");
	assert_string_equal(refused(m, 0x03), "00000208 0200 0001");
	assert_string_equal(sense(m), "402200"); /* intervention required, not ready, no ring */
	assert_string_equal(refused(m, 0x02), "00000208 0200 0001");
	char *argv[] = {"e.aws"};
	char err[200];
	assert_int_equal(chan_devinit(m->cs, DEV, 1, argv, err, sizeof err), 0);
	fill_csw(m);
	assert_int_equal(io_insn(m, "9D00 0580"), 1); /* the device end of becoming ready */
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 200), "00000208 0C00 0064");
	assert_string_equal(ccw(m, 0x0F, 0, 0, 1), C_OK); /* rewind unload */
	assert_string_equal(refused(m, 0x07), "00000208 0200 0001");
	assert_string_equal(sense(m), "402200");
	ctm_free(m);
}

static void end_of_tape(void **state)
{
	(void)state;
	ur_chdir();
	remove("m.aws");
	struct ctm *m = ur_setup(DEV, "3420", "m.aws maxsize=300");
	assert_string_equal(write_block(m, 0, 200), OK);
	assert_string_equal(write_block(m, 0, 200), UE); /* past the end-of-tape reflector */
	assert_string_equal(sense(m), "004020");
	assert_string_equal(ccw(m, 0x1F, 0, 0, 1), C_UE);
	assert_string_equal(ccw(m, 0x07, 0, 0, 1), C_OK);
	assert_string_equal(sense(m), "004800");
	ctm_free(m);
}

/* hetinit -i (compressed, zlib) t.het VOL001 ME, as Hercules 3.13 made it. */
static const uint8_t hetinit_img[] = {
    0x1c, 0x00, 0x00, 0x00, 0xa1, 0x00, 0x78, 0x5e, 0x7b, 0x7a, 0xed, 0xf2, 0xc7, 0xa7, 0xd7, 0x2e,
    0x7f, 0xf8, 0xf0, 0xd1, 0x01, 0x3f, 0xb8, 0x72, 0x14, 0x5d, 0x04, 0x2b, 0x00, 0x00, 0x34, 0xf9,
    0x1b, 0x78, 0x0f, 0x00, 0x1c, 0x00, 0xa1, 0x00, 0x78, 0x5e, 0x3b, 0x71, 0xe4, 0xe6, 0xc7, 0x0f,
    0x54, 0x04, 0x00, 0xbd, 0xac, 0x4a, 0x97, 0x00, 0x00, 0x0f, 0x00, 0x40, 0x00,
};

static void het_from_hetinit(void **state)
{
	(void)state;
	ur_chdir();
	ur_write_file("h.het", hetinit_img, sizeof hetinit_img);
	struct ctm *m = ur_setup(DEV, "3420", "h.het");
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 100), "00000208 0C00 0014");
	assert_memory_equal(tm_mem(m->t, 0x2000), "\xE5\xD6\xD3\xF1\xE5\xD6\xD3\xF0\xF0\xF1",
	                    10); /* VOL1VOL001 */
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 100), "00000208 0C00 0014");
	assert_memory_equal(tm_mem(m->t, 0x2000), "\xC8\xC4\xD9\xF1", 4); /* HDR1 */
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 100), "00000208 0D00 0064");
	assert_string_equal(ccw(m, 0x0C, 0x2000, CCW_SLI, 100), "00000208 0D00 0064");
	assert_string_equal(ccw(m, 0x0C, 0x2000 + 79, 0, 80), OK);
	assert_memory_equal(tm_mem(m->t, 0x2000), "\xC8\xC4\xD9\xF1", 4);
	ctm_free(m);
}

static void het_compression_methods(void **state)
{
	(void)state;
	static const struct {
		const char *opts;
		uint8_t flags; /* of the 20000-byte block's header */
	} cases[] = {
	    {"", 0xA1},
	    {"method=2", 0xA2},
	    {"compress=0", 0xA0},
	    {"method=1 level=9 chunksize=4096", 0xA1},
	};
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		struct ctm *m = three_files("z.het", cases[k].opts);
		for (int f = 0; f < 3; f++) /* after the three files */
			assert_string_equal(ccw(m, 0x3F, 0, 0, 1), C_OK);
		/* a long, compressible block and one that does not compress */
		memset(tm_mem(m->t, 0x4000), 0x40, 20000);
		assert_string_equal(ccw(m, 0x01, 0x4000, 0, 20000), OK);
		for (int j = 0; j < 7000; j++)
			tm_mem(m->t, 0x9000)[j] = (uint8_t)(j * 7919 >> 3 ^ j * 31);
		assert_string_equal(ccw(m, 0x01, 0x9000, 0, 7000), OK);
		assert_string_equal(ccw(m, 0x07, 0, 0, 1), C_OK);
		assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 200), "00000208 0C00 0064");
		assert_block(m, 0x2000, 1, 100);
		assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 200), "00000208 0C00 0096");
		assert_block(m, 0x2000, 2, 50);
		for (int f = 0; f < 3; f++)
			assert_string_equal(ccw(m, 0x3F, 0, 0, 1), C_OK);
		memset(tm_mem(m->t, 0x4000), 0, 20000);
		assert_string_equal(ccw(m, 0x02, 0x4000, 0, 20000), OK);
		for (int j = 0; j < 20000; j++)
			if (tm_mem(m->t, 0x4000)[j] != 0x40)
				fail_msg("case %zu: byte %d", k, j);
		assert_string_equal(ccw(m, 0x02, 0xB000, 0, 7000), OK);
		assert_memory_equal(tm_mem(m->t, 0xB000), tm_mem(m->t, 0x9000), 7000);
		assert_string_equal(ccw(m, 0x02, 0x2000, 0, 1), "00000208 0E00 0001"); /* blank tape */
		assert_int_equal(sense(m)[0], '1');                                    /* equipment check */
		ctm_free(m);
		static char img[40000];
		ur_read_file("z.het", img, sizeof img);
		size_t off = 0; /* the seventh header: the 20000-byte block */
		for (int h = 0; h < 6; h++)
			off += 6 + ((uint8_t)img[off] | (uint8_t)img[off + 1] << 8);
		if ((uint8_t)img[off + 4] != cases[k].flags)
			fail_msg("case %zu (%s): flags %02X", k, cases[k].opts, (uint8_t)img[off + 4]);
	}
}

static void damaged_images_refused(void **state)
{
	(void)state;
	ur_chdir();
	static const struct {
		const char *name;
		const uint8_t *data;
		size_t len;
		const char *why;
	} cases[] = {
	    {"a.aws",
	     (const uint8_t *)"\x0a\x00\x00\x00\xa0\x00"
	                      "12345",
	     11, "block header at offset 0: block data runs past the end of the file (truncated)"},
	    {"b.aws",
	     (const uint8_t *)"\x01\x00\x00\x00\xa0\x00"
	                      "1"
	                      "\x00\x00",
	     9, "truncated block header at offset 7"},
	    {"c.aws",
	     (const uint8_t *)"\x01\x00\x00\x00\xa0\x00"
	                      "1"
	                      "\x00\x00\x05\x00\x40\x00",
	     13, "block header at offset 7: previous-length field does not match the chunk before"},
	    {"d.aws",
	     (const uint8_t *)"\x01\x00\x00\x00\xa1\x00"
	                      "1",
	     7, "block header at offset 0: compressed block in an AWS image (name it .het)"},
	    {"e.aws",
	     (const uint8_t *)"\x01\x00\x00\x00\x80\x00"
	                      "1",
	     7, "the last block at offset 0 has no end (truncated)"},
	    {"f.het",
	     (const uint8_t *)"\x01\x00\x00\x00\x20\x00"
	                      "1",
	     7, "block header at offset 0: chunk that continues no block"},
	    {"g.het", hetinit_img, sizeof hetinit_img - 3, "truncated block header at offset 55"},
	};
	struct ctm *m = ctm_new();
	for (size_t k = 0; k < sizeof cases / sizeof *cases; k++) {
		ur_write_file(cases[k].name, cases[k].data, cases[k].len);
		char err[300] = "", want[300];
		assert_int_equal(ur_attach(m, DEV, "3420", cases[k].name, err, sizeof err), -1);
		snprintf(want, sizeof want, "%s: %s", cases[k].name, cases[k].why);
		assert_string_equal(err, want);
	}
	char err[300] = "";
	assert_int_equal(ur_attach(m, DEV, "3420", "x.aws compress=5", err, sizeof err), -1);
	assert_non_null(strstr(err, "bad operand compress=5"));
	ctm_free(m);
}

/* The 3480: Sense ID, error recovery action codes in sense byte 3, Read
 * Block ID and Locate Block, Read Device Characteristics, and commands the
 * 3480 does not have. */
static void cartridge_3480(void **state)
{
	(void)state;
	ur_chdir();
	remove("c.aws");
	struct ctm *m = ur_setup(DEV, "3480", "c.aws");
	assert_string_equal(ccw(m, 0xE4, 0x400, CCW_SLI, 16), "00000208 0C00 0009");
	assert_memory_equal(tm_mem(m->t, 0x400), "\xFF\x34\x80\x31\x34\x80\x31", 7);
	static const struct {
		uint8_t cmd;
		uint16_t count;
		const char *csw, *sense; /* sense bytes 0-3 */
	} steps[] = {
	    {0x03, 1, C_OK, "00482000"},                  /* ready, at load point */
	    {0x02, 80, "00000208 0E00 0050", "08482031"}, /* blank tape: data check, ERA 31 */
	    {0x27, 1, C_UC, "00482039"},                  /* backward at load point: ERA 39 */
	    {0x01, 80, OK, NULL},
	    {0x01, 40, OK, NULL},
	    {0x1F, 1, C_OK, NULL},
	    {0x01, 20, OK, "00402000"},
	    {0x43, 1, C_OK, NULL}, /* Synchronize */
	    {0xDB, 1, OK, NULL},   /* Mode Set takes its byte */
	};
	for (int k = 0; k < 80; k++)
		tm_mem(m->t, BUF)[k] = (uint8_t)(3 + k);
	for (size_t k = 0; k < sizeof steps / sizeof *steps; k++) {
		const char *csw = ccw(m, steps[k].cmd, BUF, CCW_SLI, steps[k].count);
		if (strcmp(csw, steps[k].csw))
			fail_msg("step %zu (command %02X): CSW %s, expected %s", k, steps[k].cmd, csw,
			         steps[k].csw);
		if (steps[k].sense) {
			assert_string_equal(ccw(m, 0x04, 0x400, 0, 24), OK);
			char hex[16];
			const uint8_t *p = tm_mem(m->t, 0x400);
			snprintf(hex, sizeof hex, "%02X%02X%02X%02X", p[0], p[1], p[2], p[3]);
			if (strcmp(hex, steps[k].sense))
				fail_msg("step %zu: sense %s, expected %s", k, hex, steps[k].sense);
		}
	}
	/* Read Block ID after four items; Locate Block 3 (the 20-byte block) */
	assert_string_equal(ccw(m, 0x22, 0x400, 0, 8), OK);
	assert_memory_equal(tm_mem(m->t, 0x400), "\x01\x00\x00\x04\x01\x00\x00\x04", 8);
	memcpy(tm_mem(m->t, 0x500), "\x01\x00\x00\x03", 4);
	assert_string_equal(ccw(m, 0x4F, 0x500, 0, 4), OK);
	assert_string_equal(ccw(m, 0x02, 0x2000, CCW_SLI, 100), "00000208 0C00 0050");
	assert_block(m, 0x2000, 3, 20);
	memcpy(tm_mem(m->t, 0x500), "\x01\x00\x00\x09", 4);
	assert_string_equal(ccw(m, 0x4F, 0x500, 0, 4), UC); /* past the data */
	/* RDC */
	assert_string_equal(ccw(m, 0x64, 0x400, 0, 64), OK);
	assert_memory_equal(tm_mem(m->t, 0x400), "\x34\x80\x31\x34\x80\x31\x00\x00\x02\xC0\x80\x80", 12);
	assert_int_equal(tm_mem(m->t, 0x400)[40], 0x41);
	/* not 3480 commands: refused at once, ERA 27 */
	assert_string_equal(refused(m, 0x97), "00000208 0200 0001");
	assert_string_equal(ccw(m, 0x04, 0x400, 0, 24), OK);
	assert_memory_equal(tm_mem(m->t, 0x400), "\x80\x40\x20\x27", 4);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(write_rewind_read),
	    cmocka_unit_test(read_backward_and_spacing),
	    cmocka_unit_test(write_cuts_the_tape),
	    cmocka_unit_test(data_chaining_writes_one_block),
	    cmocka_unit_test(file_protect),
	    cmocka_unit_test(empty_drive_devinit_unload),
	    cmocka_unit_test(end_of_tape),
	    cmocka_unit_test(het_from_hetinit),
	    cmocka_unit_test(het_compression_methods),
	    cmocka_unit_test(damaged_images_refused),
	    cmocka_unit_test(cartridge_3480),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
