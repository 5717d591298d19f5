/* test_ckd_eckd.c — Define Extent (63), Locate Record (47) and Read Track
 * (DE) on the 3880-attached 3380 and 3375 (devices/ckd.c, docs/dasd.md
 * "Commands"): Read Tracks domains oriented to the home address or to a
 * record, the pseudo count at the end of the track, the next track (over a
 * cylinder boundary), the extent (file protected), Read Data, Write Data
 * and Format Write domains, and every command reject with its sense byte 7
 * (format 0 message 2, 3 or 4); and that a 3350 (3830) has none of them.
 * Images are made by Hercules' dasdinit; skipped when it is missing. */
#include "urtest.h"

enum { DEV = 0x190, BUF = 0x2000, PARM = 0x100 };

static void make_image(const char *file, const char *type)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -f %s; dasdinit -z %s %s ECK001 4 >/dev/null 2>&1", file, file, type);
	assert_int_equal(system(cmd), 0);
}

static const char *hex_at(struct ctm *m, uint32_t a, int n)
{
	static char buf[600];
	for (int k = 0; k < n && k < 290; k++)
		snprintf(buf + 2 * k, 3, "%02X", *tm_mem(m->t, a + k));
	buf[2 * n] = 0;
	return buf;
}

/* Sense bytes 0, 1 and 7 after the last program, as "s0 s1 s7". */
static const char *sense017(struct ctm *m)
{
	static char s[16];
	put_ccw(m, 0x400, 0x04, 0x3000, CCW_SLI, 32); /* apart from the program at X'200' */
	put_caw(m, 0, 0x400);
	assert_string_equal(ur_run(m, DEV), "00000408 0C00 0008");
	put_caw(m, 0, 0x200);
	const uint8_t *p = tm_mem(m->t, 0x3000);
	snprintf(s, sizeof s, "%02X %02X %02X", p[0], p[1], p[7]);
	return s;
}

/* Define Extent at 0x200 with mask and the extent c1/h1-c2/h2; then
 * Locate Record at 0x208 (op, count, seek cc/hh, search CCHHR id). */
static void put_de(struct ctm *m, uint8_t mask, int c1, int h1, int c2, int h2)
{
	char p[40];
	snprintf(p, sizeof p, "%02X00000000000000%04X%04X%04X%04X", mask, c1, h1, c2, h2);
	ur_put_bytes(m, PARM, p);
	put_ccw(m, 0x200, 0x63, PARM, CCW_CC, 16);
}
static void put_lr(struct ctm *m, uint8_t op, uint8_t count, int cc, int hh, int r)
{
	char p[40];
	snprintf(p, sizeof p, "%02X0000%02X%04X%04X%04X%04X%02X000000", op, count, cc, hh, cc, hh, r);
	ur_put_bytes(m, PARM + 16, p);
	put_ccw(m, 0x208, 0x47, PARM + 16, CCW_CC, 16);
}

static struct ctm *attach80(void)
{
	ur_chdir();
	make_image("e.cckd", "3380");
	return ur_setup(DEV, "3380", "e.cckd");
}

/* The usual dump program: Locate Record Read Tracks oriented to the home
 * address, then one Read Track per track: R0 ... Rn and eight X'FF'. */
static void read_tracks_from_ha(void **state)
{
	(void)state;
	struct ctm *m = attach80();
	put_de(m, 0x00, 0, 0, 3, 14);
	put_lr(m, 0x4C, 3, 0, 14, 0); /* the last track of cylinder 0, then two more */
	put_ccw(m, 0x210, 0xDE, BUF, CCW_CC | CCW_SLI, 1000);
	put_ccw(m, 0x218, 0xDE, BUF + 1000, CCW_CC | CCW_SLI, 1000);
	put_ccw(m, 0x220, 0xDE, BUF + 2000, CCW_SLI, 1000);
	/* an empty track of dasdinit -z: R0 (8 + 8 bytes), R1 end of file (8), pseudo count: 32 bytes */
	assert_string_equal(ur_run(m, DEV), "00000228 0C00 03C8");
	assert_string_equal(hex_at(m, BUF, 32),
	                    "0000000E0000000800000000000000000000000E01000000FFFFFFFFFFFFFFFF");
	/* the second moved to cylinder 1 head 0 */
	assert_string_equal(hex_at(m, BUF + 1000, 32),
	                    "000100000000000800000000000000000001000001000000FFFFFFFFFFFFFFFF");
	assert_string_equal(hex_at(m, BUF + 2000, 8), "0001000100000008");
	/* track 0: R0, the IPL records R1 R2 and VOL1 in R3 (284 bytes, as Read
	 * Multiple CKD sends them), the pseudo count: 308 bytes */
	put_lr(m, 0x4C, 1, 0, 0, 0);
	put_ccw(m, 0x210, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000218 0C00 02B4");
	assert_string_equal(hex_at(m, BUF, 24), "000000000000000800000000000000000000000001040018");
	assert_string_equal(hex_at(m, BUF + 300, 8), "FFFFFFFFFFFFFFFF");
	/* a count too short: no pseudo count (the data stop at the count) */
	memset(tm_mem(m->t, BUF), 0, 64);
	put_ccw(m, 0x210, 0xDE, BUF, CCW_SLI, 21);
	assert_string_equal(ur_run(m, DEV), "00000218 0C00 0000");
	assert_string_equal(hex_at(m, BUF + 16, 8), "0000000001000000");
	ctm_free(m);
}

/* Oriented to a record (count orientation): the first Read Track starts
 * with the record after it. */
static void read_tracks_from_record(void **state)
{
	(void)state;
	struct ctm *m = attach80();
	put_de(m, 0x00, 0, 0, 0, 14);
	put_lr(m, 0x0C, 1, 0, 0, 2); /* after R2: R3 (VOL1) and the pseudo count */
	put_ccw(m, 0x210, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000218 0C00 0384"); /* 92 + 8 bytes */
	assert_string_equal(hex_at(m, BUF, 12), "0000000003040050E5D6D3F1");
	assert_string_equal(hex_at(m, BUF + 8 + 4 + 80, 8), "FFFFFFFFFFFFFFFF");
	/* after the last record: only the pseudo count */
	put_lr(m, 0x0C, 1, 0, 0, 3);
	assert_string_equal(ur_run(m, DEV), "00000218 0C00 03E0");
	assert_string_equal(hex_at(m, BUF, 8), "FFFFFFFFFFFFFFFF");
	/* a record the track does not have: no record found */
	put_lr(m, 0x0C, 1, 0, 0, 9);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0000");
	assert_string_equal(sense017(m), "00 08 00");
	ctm_free(m);
}

/* Read Track outside its domain, and every reject of Define Extent and
 * Locate Record: sense byte 0 X'80', byte 7 the format 0 message. */
static void rejects(void **state)
{
	(void)state;
	struct ctm *m = attach80();
	static const struct {
		const char *why, *de, *lr, *csw, *sense;
		int lr_count; /* CCW count of the Locate Record (16) */
	} cases[] = {
	    /* Read Track with no Locate Record: message 2 */
	    {"DE only", "00", NULL, "00000210 0E00 03E8", "80 00 02", 16},
	    /* Locate Record with no Define Extent */
	    {"no DE", NULL, "4C01", "00000208 0E00 0000", "80 00 02", 16},
	    /* too few parameter bytes: message 3 */
	    {"short LR", "00", "4C01", "00000210 0E40 0000", "80 00 03", 15},
	    /* invalid parameters: message 4 (Write Track, count 0, byte 1 bits) */
	    {"op 0B", "00", "0B01", "00000210 0E00 0000", "80 00 04", 16},
	    {"count 0", "00", "4C00", "00000210 0E00 0000", "80 00 04", 16},
	    {"orient", "00", "CC01", "00000210 0E00 0000", "80 00 04", 16},
	    /* a write operation under a mask that inhibits writes: message 2 */
	    {"mask", "40", "0301", "00000210 0E00 0000", "80 00 02", 16},
	};
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		uint32_t at = 0x200;
		if (cases[c].de) {
			put_de(m, 0, 0, 0, 0, 14);
			ur_put_bytes(m, PARM, cases[c].de);
			at += 8;
		}
		if (cases[c].lr) {
			char p[40];
			snprintf(p, sizeof p, "%.2s0000%.2s000000000000000000000000", cases[c].lr,
			         cases[c].lr + 2);
			ur_put_bytes(m, PARM + 16, p);
			put_ccw(m, at, 0x47, PARM + 16, CCW_CC, (uint16_t)cases[c].lr_count);
			at += 8;
		}
		put_ccw(m, at, 0xDE, BUF, CCW_SLI, 1000);
		const char *csw = ur_run(m, DEV);
		if (strcmp(csw, cases[c].csw))
			fail_msg("%s: CSW %s, expected %s", cases[c].why, csw, cases[c].csw);
		const char *s = sense017(m);
		if (strcmp(s, cases[c].sense))
			fail_msg("%s: sense %s, expected %s", cases[c].why, s, cases[c].sense);
	}
	/* a second Define Extent, Set File Mask after it, a short one */
	put_de(m, 0, 0, 0, 0, 14);
	put_ccw(m, 0x208, 0x63, PARM, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0010");
	assert_string_equal(sense017(m), "80 00 02");
	put_ccw(m, 0x208, 0x1F, PARM, 0, 1);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0001");
	assert_string_equal(sense017(m), "80 00 02");
	put_ccw(m, 0x200, 0x63, PARM, CCW_SLI, 12);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	assert_string_equal(sense017(m), "80 00 03");
	/* an extent that ends before it begins, a reserved byte */
	put_de(m, 0, 1, 0, 0, 14);
	put_ccw(m, 0x200, 0x63, PARM, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	assert_string_equal(sense017(m), "80 00 04");
	/* a third Read Track in a domain of two: message 2 */
	put_de(m, 0, 0, 0, 3, 14);
	put_lr(m, 0x4C, 2, 1, 0, 0);
	put_ccw(m, 0x210, 0xDE, BUF, CCW_CC | CCW_SLI, 1000);
	put_ccw(m, 0x218, 0xDE, BUF, CCW_CC | CCW_SLI, 1000);
	put_ccw(m, 0x220, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000228 0E00 03E8");
	assert_string_equal(sense017(m), "80 00 02");
	/* another command in a Read Tracks domain: message 2 */
	put_lr(m, 0x4C, 2, 1, 0, 0);
	put_ccw(m, 0x210, 0x06, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000218 0E00 03E8");
	assert_string_equal(sense017(m), "80 00 02");
	ctm_free(m);
}

/* The extent: a Locate Record or a Read Track outside it, a Seek outside
 * it: unit check, file protected (sense byte 1 X'04'). */
static void extent(void **state)
{
	(void)state;
	struct ctm *m = attach80();
	put_de(m, 0, 1, 0, 1, 1); /* cylinder 1, heads 0 and 1 */
	put_lr(m, 0x4C, 1, 1, 2, 0);
	put_ccw(m, 0x210, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0000");
	assert_string_equal(sense017(m), "00 04 00");
	put_lr(m, 0x4C, 3, 1, 0, 0);
	put_ccw(m, 0x210, 0xDE, BUF, CCW_CC | CCW_SLI, 1000);
	put_ccw(m, 0x218, 0xDE, BUF, CCW_CC | CCW_SLI, 1000);
	put_ccw(m, 0x220, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000228 0E00 03E8"); /* the third: head 2 */
	assert_string_equal(sense017(m), "00 04 00");
	ur_put_bytes(m, PARM + 32, "000000010002");
	put_ccw(m, 0x208, 0x07, PARM + 32, 0, 6);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0000");
	assert_string_equal(sense017(m), "00 04 00");
	ur_put_bytes(m, PARM + 32, "000000010001");
	assert_string_equal(ur_run(m, DEV), "00000210 0C00 0000");
	ctm_free(m);
}

/* Read Data, Write Data and Format Write domains: the records the domain
 * names, read back by the classic Search ID Equal chain. */
static void read_write_domains(void **state)
{
	(void)state;
	struct ctm *m = attach80();
	/* Format Write after R0 of 2/3: R1 and R2 */
	put_de(m, 0xC0, 2, 0, 2, 14);
	put_lr(m, 0x03, 2, 2, 3, 0);
	ur_put_bytes(m, BUF, "0002000301000004C1C2C3C4");
	ur_put_bytes(m, BUF + 16, "0002000302000003C5C6C7");
	put_ccw(m, 0x210, 0x1D, BUF, CCW_CC, 12);
	put_ccw(m, 0x218, 0x1D, BUF + 16, 0, 11);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	/* Read Data of R1 and R2 (count orientation on R1) */
	put_lr(m, 0x06, 2, 2, 3, 1);
	put_ccw(m, 0x210, 0x06, 0x3100, CCW_CC, 4);
	put_ccw(m, 0x218, 0x06, 0x3104, 0, 3);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, 0x3100, 7), "C1C2C3C4C5C6C7");
	/* Write Data of R1 and R2 */
	put_lr(m, 0x01, 2, 2, 3, 1);
	ur_put_bytes(m, BUF, "F1F2F3F4F5F6F7");
	put_ccw(m, 0x210, 0x05, BUF, CCW_CC, 4);
	put_ccw(m, 0x218, 0x05, BUF + 4, 0, 3);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	/* Read, data orientation on R1: the Read Count gives R2's count */
	put_lr(m, 0x96, 2, 2, 3, 1);
	put_ccw(m, 0x210, 0x12, 0x3100, CCW_CC, 8);
	put_ccw(m, 0x218, 0x06, 0x3108, 0, 3);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, 0x3100, 11), "0002000302000003F5F6F7");
	/* the classic chain sees the same */
	ur_put_bytes(m, PARM,
	          "000000020003"
	          "0002000301");
	put_ccw(m, 0x200, 0x07, PARM, CCW_CC, 6);
	put_ccw(m, 0x208, 0x31, PARM + 6, CCW_CC, 5);
	put_ccw(m, 0x210, 0x08, 0x208, 0, 0);
	put_ccw(m, 0x218, 0x06, 0x3100, 0, 4);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, 0x3100, 4), "F1F2F3F4");
	/* Write Data in a Read Data domain: message 2 */
	put_de(m, 0xC0, 2, 0, 2, 14);
	put_lr(m, 0x06, 1, 2, 3, 1);
	put_ccw(m, 0x210, 0x05, BUF, 0, 4);
	assert_string_equal(ur_run(m, DEV), "00000218 0E00 0004");
	assert_string_equal(sense017(m), "80 00 02");
	ctm_free(m);
}

/* The 3375 has them too; the 3350 (3830) has none: invalid command. */
static void other_devices(void **state)
{
	(void)state;
	ur_chdir();
	make_image("e75.cckd", "3375");
	struct ctm *m = ur_setup(DEV, "3375", "e75.cckd");
	put_de(m, 0x00, 0, 0, 0, 11);
	put_lr(m, 0x4C, 1, 0, 5, 0);
	put_ccw(m, 0x210, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000218 0C00 03C8");
	assert_string_equal(hex_at(m, BUF, 8), "0000000500000008");
	ctm_free(m);
	make_image("e50.cckd", "3350");
	m = ur_setup(DEV, "3350", "e50.cckd");
	put_de(m, 0x00, 0, 0, 0, 29);
	put_ccw(m, 0x200, 0x63, PARM, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0010");
	assert_string_equal(sense017(m), "80 00 03");
	put_ccw(m, 0x200, 0x47, PARM, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0010");
	assert_string_equal(sense017(m), "80 00 03");
	ctm_free(m);
}

int main(void)
{
	if (system("command -v dasdinit >/dev/null 2>&1") != 0) {
		printf("dasdinit (Debian package hercules) is not installed: skipped\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(read_tracks_from_ha),
	    cmocka_unit_test(read_tracks_from_record),
	    cmocka_unit_test(rejects),
	    cmocka_unit_test(extent),
	    cmocka_unit_test(read_write_domains),
	    cmocka_unit_test(other_devices),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
