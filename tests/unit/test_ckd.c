/* test_ckd.c — CKD DASD (devices/ckd.c) on images freshly made by
 * Hercules' dasdinit: golden channel programs for seeks, searches with TIC
 * loops, reads of HA/R0/count/key/data, writes, erase, Set File Mask rules,
 * sense and Sense ID, end of cylinder, no record found, invalid track;
 * CKD and CCKD (zlib, bzip2) images, multi-file CKD, and attach errors.
 * Skipped when dasdinit is not installed. */
#include <sys/stat.h>

#include "urtest.h"

enum { DEV = 0x190, BUF = 0x2000 };

static bool have_dasdinit(void)
{
	return system("command -v dasdinit >/dev/null 2>&1") == 0;
}

/* dasdinit OPTS FILE TYPE VOLSER in the scratch directory, quietly. */
static void make_image(const char *opts, const char *file, const char *type, const char *vol)
{
	char cmd[512];
	snprintf(cmd, sizeof cmd, "rm -f %s; dasdinit %s %s %s %s >/dev/null 2>&1", file, opts, file, type,
	         vol);
	assert_int_equal(system(cmd), 0);
}

/* Hercules' cckdcdsk accepts the image: silent at level 2 and, at level 3,
 * nothing but its complaint about a track image of HA, R0 and end of track
 * (29 bytes), which it makes about the track 1 of a fresh dasdinit image
 * too. */
static void assert_cdsk_ok(const char *file)
{
	if (system("command -v cckdcdsk >/dev/null 2>&1") != 0)
		return;
	char cmd[300];
	snprintf(cmd, sizeof cmd,
	         "cckdcdsk -ro -2 %s >cdsk.out 2>&1 && ! test -s cdsk.out && cckdcdsk -ro -3 %s 2>&1 | "
	         "grep -v 'len 29 validation error\\|HHCCU30[01]I\\|HHCCU500W' >cdsk.out; ! test -s cdsk.out",
	         file, file);
	if (system(cmd) != 0) {
		char out[1000];
		ur_read_file("cdsk.out", out, sizeof out);
		fail_msg("cckdcdsk on %s: %s", file, out);
	}
}

static struct ctm *attach(const char *type, const char *opts)
{
	return ur_setup(DEV, type, opts);
}

/* Hex of n bytes at a. */
static const char *hex_at(struct ctm *m, uint32_t a, int n)
{
	static char buf[600];
	for (int k = 0; k < n && k < 290; k++)
		snprintf(buf + 2 * k, 3, "%02X", *tm_mem(m->t, a + k));
	buf[2 * n] = 0;
	return buf;
}

/* The seek argument for cylinder cc head hh at a. */
static void put_seek(struct ctm *m, uint32_t a, uint16_t cc, uint16_t hh)
{
	char h[16];
	snprintf(h, sizeof h, "0000%04X%04X", cc, hh);
	ur_put_bytes(m, a, h);
}

/* Sense: the CSW must be 24 bytes; the bytes as hex. */
static const char *sense(struct ctm *m)
{
	static char s[64];
	put_ccw(m, 0x200, 0x04, 0x3000, CCW_SLI, 32);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0008");
	snprintf(s, sizeof s, "%.48s", hex_at(m, 0x3000, 24));
	return s;
}

/* Seek (cc,hh), Search ID Equal CCHHR with a TIC loop, then cmd at BUF:
 * the usual OS channel program.  The CSW. */
static const char *search_then(struct ctm *m, uint16_t cc, uint16_t hh, uint8_t r, uint8_t cmd, uint8_t flags,
                               uint16_t count)
{
	return ur_search_then(m, DEV, BUF, cc, hh, r, cmd, flags, count);
}

static void sense_id_and_sense(void **state)
{
	(void)state;
	static const struct {
		const char *type, *dtype, *sid, *sns;
	} cases[] = {
	    /* sense byte 4 at unit 0: the 3350's drive bit, the 3330's base (Hercules 3.13) */
	    {"3350", "3350", "FF38300233500000", "000000008000000000"},
	    {"3330", "3330", "FF38300233300100", "000000002800000000"},
	    {"3330-11", "3330-11", "FF38300233301100", "000000002000000000"},
	    {"3380", "3380", "FF38800533800200", "000000000000000000"},
	    {"3375", "3375", "FF38800533750200", "000000000000000000"},
	};
	ur_chdir();
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		make_image("-z", "s.cckd", cases[c].dtype, "SID001");
		struct ctm *m = attach(cases[c].type, "s.cckd");
		memset(tm_mem(m->t, BUF), 0, 16);
		put_ccw(m, 0x200, 0xE4, BUF, CCW_SLI, 32);
		assert_string_equal(ur_run(m, DEV), "00000208 0C00 0019"); /* 7 bytes */
		assert_string_equal(hex_at(m, BUF, 8), cases[c].sid);
		const char *s = sense(m);
		if (strncmp(s, cases[c].sns, strlen(cases[c].sns)))
			fail_msg("%s: sense %s", cases[c].type, s);
		ctm_free(m);
	}
	/* 2311: no Sense ID (command reject), six sense bytes */
	make_image("-z", "s.cckd", "2311", "SID001");
	struct ctm *m = attach("2311", "s.cckd");
	put_ccw(m, 0x200, 0xE4, BUF, CCW_SLI, 32);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0020");
	put_ccw(m, 0x200, 0x04, BUF, CCW_SLI, 32);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 001A");
	assert_string_equal(hex_at(m, BUF, 6), "800000C80000");
	ctm_free(m);
}

/* Track 0 as dasdinit writes it: R1 IPL1 (key 4, data 24), R2 IPL2 (key 4,
 * data 144), R3 VOL1 (key 4, data 80). */
static void reads_on_track0(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "r.cckd", "3350", "VOL001");
	struct ctm *m = attach("3350", "r.cckd");
	/* Search ID Equal R3 in a TIC loop (fails on R0..R2), Read Key and Data */
	assert_string_equal(search_then(m, 0, 0, 3, 0x0E, 0, 84), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 10), "E5D6D3F1E5D6D3F1E5D6"); /* VOL1VOL1VO */
	assert_string_equal(hex_at(m, BUF + 8, 6), "E5D6D3F0F0F1");      /* volser VOL001 */
	/* Read Data of R1: 24 bytes; a count of 20 is incorrect length */
	assert_string_equal(search_then(m, 0, 0, 1, 0x06, 0, 24), "00000220 0C00 0000");
	assert_string_equal(search_then(m, 0, 0, 1, 0x06, 0, 20), "00000220 0C40 0000");
	assert_string_equal(search_then(m, 0, 0, 1, 0x06, CCW_SLI, 20), "00000220 0C00 0000");
	/* Read CKD after the search for R1: the next record, R2 */
	assert_string_equal(search_then(m, 0, 0, 1, 0x1E, 0, 8 + 4 + 144), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 12), "0000000002040090C9D7D3F2");
	ctm_free(m);
}

static void count_ha_r0_ipl(void **state)
{
	(void)state;
	ur_chdir();
	make_image("", "c.ckd", "3330", "VOL002");
	struct ctm *m = attach("3330", "c.ckd");
	/* Seek, Read HA, Read Count, Read Count: R1 and R2 (Read Count skips R0
	 * even after the home address, as on Hercules 3.13) */
	put_seek(m, 0x100, 0, 0);
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x1A, BUF, CCW_CC, 5);
	put_ccw(m, 0x210, 0x12, BUF + 8, CCW_CC, 8);
	put_ccw(m, 0x218, 0x12, BUF + 16, 0, 8);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 5), "0000000000");
	assert_string_equal(hex_at(m, BUF + 8, 8), "0000000001040018");
	assert_string_equal(hex_at(m, BUF + 16, 8), "0000000002040090");
	/* Read R0 on cylinder 2 head 5: count and 8 zero bytes */
	put_seek(m, 0x100, 2, 5);
	put_ccw(m, 0x208, 0x16, BUF, 0, 16);
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	assert_string_equal(ur_run(m, DEV), "00000210 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 16), "00020005000000080000000000000000");
	/* Read IPL: R1's data from cylinder 0 head 0, wherever the arm was */
	put_ccw(m, 0x200, 0x02, BUF, CCW_SLI, 100);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 004C"); /* 24 bytes */
	/* Recalibrate then Read Multiple CKD of track 0: R1 R2 R3 */
	put_ccw(m, 0x200, 0x13, 0, CCW_CC, 1);
	put_ccw(m, 0x208, 0x5E, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000210 0C00 02CC"); /* 1000 - (36+156+92) = 716 */
	assert_string_equal(hex_at(m, BUF, 8), "0000000001040018");
	assert_string_equal(hex_at(m, BUF + 36, 8), "0000000002040090");
	assert_string_equal(hex_at(m, BUF + 36 + 156, 8), "0000000003040050");
	ctm_free(m);
}

/* Write CKD R1 and R2 on cylinder 5 head 1, read them back after a new
 * attach, Write Data over R1, Erase after R1. */
static void writes(void **state)
{
	(void)state;
	static const char *const images[][2] = {{"", "w.ckd"}, {"-z", "w.cckd"}, {"-bz2", "w.cckd"}};
	ur_chdir();
	for (size_t i = 0; i < 3; i++) {
		make_image(images[i][0], images[i][1], "3350", "VOL003");
		struct ctm *m = attach("3350", images[i][1]);
		ur_put_bytes(m, BUF, "0005000101030010C1C2C3");
		for (int k = 0; k < 16; k++)
			*tm_mem(m->t, BUF + 11 + k) = (uint8_t)(0xF0 + k % 10);
		assert_string_equal(search_then(m, 5, 1, 0, 0x1D, 0, 8 + 3 + 16), "00000220 0C00 0000");
		/* chained Write CKD: R2 with no key, 300 bytes */
		ur_put_bytes(m, 0x2100, "000500010200012C");
		put_ccw(m, 0x218, 0x1D, BUF, CCW_CC, 27);
		put_ccw(m, 0x220, 0x1D, 0x2100, CCW_SLI, 8); /* data short: zeros follow */
		assert_string_equal(search_then(m, 5, 1, 0, 0x1D, CCW_CC, 27), "00000228 0C00 0000");
		ctm_free(m);
		m = attach("3350", images[i][1]);
		memset(tm_mem(m->t, BUF), 0xEE, 400);
		assert_string_equal(search_then(m, 5, 1, 1, 0x0E, 0, 19), "00000220 0C00 0000");
		assert_string_equal(hex_at(m, BUF, 5), "C1C2C3F0F1");
		assert_string_equal(search_then(m, 5, 1, 2, 0x06, 0, 300), "00000220 0C00 0000");
		assert_int_equal(*tm_mem(m->t, BUF + 299), 0);
		/* Write Data over R1 after its search */
		ur_put_bytes(m, BUF, "11223344");
		assert_string_equal(search_then(m, 5, 1, 1, 0x05, 0, 16), "00000220 0C00 0000");
		assert_string_equal(search_then(m, 5, 1, 1, 0x06, 0, 16), "00000220 0C00 0000");
		assert_string_equal(hex_at(m, BUF, 4), "11223344");
		/* Erase after R1: R2 is gone, its search finds no record */
		assert_string_equal(search_then(m, 5, 1, 1, 0x11, CCW_SLI, 8), "00000220 0C00 0000");
		assert_string_equal(search_then(m, 5, 1, 2, 0x06, 0, 300), "00000210 0E00 0005");
		/* no record found; drive bit, cylinder 5, head 1 */
		assert_string_equal(sense(m), "000800008005010000000000000000000000000000000000");
		ctm_free(m);
		if (i)
			assert_cdsk_ok(images[i][1]);
	}
}

/* Write Data without a search, Set File Mask rules, R0 and HA writes. */
static void write_rules(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "m.cckd", "3350", "VOL004");
	struct ctm *m = attach("3350", "m.cckd");
	/* Write Data after a Seek only: command reject */
	put_seek(m, 0x100, 1, 0);
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x05, BUF, 0, 8);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0008");
	/* command reject, byte 7 X'02' (invalid sequence), as Hercules 3.13 */
	assert_string_equal(sense(m), "800000008001000200000000000000000000000000000000");
	/* file mask X'40' inhibits all writes: command reject as well (Hercules
	 * 3.13; a Seek the mask forbids is file protected instead, below) */
	*tm_mem(m->t, 0x120) = 0x40;
	put_ccw(m, 0x200, 0x1F, 0x120, CCW_CC, 1);
	put_ccw(m, 0x208, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x210, 0x31, 0x108, CCW_CC, 5);
	put_ccw(m, 0x218, 0x08, 0x210, 0, 0);
	put_ccw(m, 0x220, 0x05, BUF, 0, 8);
	ur_put_bytes(m, 0x108, "0001000000");
	assert_string_equal(ur_run(m, DEV), "00000228 0E00 0008");
	assert_string_equal(sense(m), "800000008001000200000000000000000000000000000000");
	/* two Set File Masks in one program */
	put_ccw(m, 0x200, 0x1F, 0x120, CCW_CC, 1);
	put_ccw(m, 0x208, 0x1F, 0x120, 0, 1);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0001");
	/* mask X'18' (no seeks): a Seek is file protected; X'10': Seek Head only */
	*tm_mem(m->t, 0x120) = 0x18;
	put_ccw(m, 0x208, 0x07, 0x100, 0, 6);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0006");
	put_ccw(m, 0x200, 0x04, 0x3000, CCW_SLI, 32);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 0008");
	assert_string_equal(hex_at(m, 0x3000, 2), "0004"); /* file protected, no command reject */
	put_ccw(m, 0x200, 0x1F, 0x120, CCW_CC, 1);
	*tm_mem(m->t, 0x120) = 0x10;
	put_seek(m, 0x100, 1, 3);
	put_ccw(m, 0x208, 0x1B, 0x100, 0, 6);
	assert_string_equal(ur_run(m, DEV), "00000210 0C00 0000");
	/* Write HA then Write R0 with mask X'C0' on cylinder 7 head 2; Read R0 */
	*tm_mem(m->t, 0x120) = 0xC0;
	put_seek(m, 0x100, 7, 2);
	ur_put_bytes(m, 0x130, "0000070002");
	ur_put_bytes(m, 0x140, "0007000200000008AABBCCDD11223344");
	put_ccw(m, 0x200, 0x1F, 0x120, CCW_CC, 1);
	put_ccw(m, 0x208, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x210, 0x19, 0x130, CCW_CC, 5);
	put_ccw(m, 0x218, 0x15, 0x140, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x16, BUF, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000210 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 16), "0007000200000008AABBCCDD11223344");
	/* Write R0 without the mask: file protected */
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x39, 0x131, CCW_CC, 4);
	put_ccw(m, 0x210, 0x08, 0x208, 0, 0);
	put_ccw(m, 0x218, 0x15, 0x140, 0, 16);
	assert_string_equal(ur_run(m, DEV), "00000220 0E00 0010");
	ctm_free(m);
	assert_cdsk_ok("m.cckd");
}

static void no_record_eoc_invalid(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "n.cckd", "3350", "VOL005");
	struct ctm *m = attach("3350", "n.cckd");
	/* no R9 on track 0: the TIC loop ends in no record found */
	assert_string_equal(search_then(m, 0, 0, 9, 0x06, 0, 8), "00000210 0E00 0005");
	assert_string_equal(sense(m), "000800008000000000000000000000000000000000000000");
	/* multitrack Search ID from head 28: passes to head 29, then end of cylinder */
	put_seek(m, 0x100, 3, 28);
	ur_put_bytes(m, 0x108, "0003001D09");
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0xB1, 0x108, CCW_CC, 5);
	put_ccw(m, 0x210, 0x08, 0x208, 0, 0);
	put_ccw(m, 0x218, 0x06, BUF, 0, 8);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0005");
	assert_string_equal(sense(m), "0020000080031D0000000000000000000000000000000000");
	/* multitrack search that finds R0 of the next head */
	ur_put_bytes(m, 0x108, "0003001D00");
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x218, 0x06, BUF, CCW_SLI, 8);
	put_ccw(m, 0x208, 0xB1, 0x108, CCW_CC, 5);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	/* Seek beyond the last cylinder, and a bad seek argument */
	put_seek(m, 0x100, 555, 0);
	put_ccw(m, 0x200, 0x07, 0x100, 0, 6);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	assert_string_equal(sense(m), "8000000080031D0400000000000000000000000000000000"); /* invalid seek */
	put_seek(m, 0x100, 0, 30);
	put_ccw(m, 0x200, 0x07, 0x100, 0, 6);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0000");
	/* an unknown command */
	put_ccw(m, 0x200, 0x27, BUF, 0, 1);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 0001");
	ctm_free(m);
}

/* A 3330 image split into two files (cylinders 0-199, 200-403) as dasdinit
 * splits big volumes: file 1 says fileseq 1, highcyl 199; file 2 fileseq 2. */
static void multi_file(void **state)
{
	(void)state;
	ur_chdir();
	make_image("", "whole.ckd", "3330", "MULTI1");
	assert_int_equal(
	    system("f=whole.ckd; ts=$((13312*19*200)); "
	           "head -c $((512+ts)) $f > mf_1.ckd && "
	           "{ head -c 512 $f; tail -c +$((513+ts)) $f; } > mf_2.ckd && "
	           "printf '\\001\\307\\000' | dd of=mf_1.ckd bs=1 seek=17 conv=notrunc 2>/dev/null && "
	           "printf '\\002' | dd of=mf_2.ckd bs=1 seek=17 conv=notrunc 2>/dev/null"),
	    0);
	struct ctm *m = attach("3330", "mf_1.ckd");
	ur_put_bytes(m, BUF, "0190000A01000004C1C2C3C4");
	assert_string_equal(search_then(m, 400, 10, 0, 0x1D, 0, 12), "00000220 0C00 0000");
	ctm_free(m);
	/* the record is in the second file: at track (400-200)*19+10 */
	FILE *f = fopen("mf_2.ckd", "rb");
	assert_non_null(f);
	uint8_t b[64];
	assert_int_equal(fseek(f, 512 + (long)(200 * 19 + 10) * 13312, SEEK_SET), 0);
	assert_int_equal(fread(b, 1, 64, f), 64);
	fclose(f);
	static const uint8_t r1[] = {0x01, 0x90, 0x00, 0x0A, 0x01, 0x00, 0x00, 0x04, 0xC1, 0xC2};
	assert_memory_equal(b + 5 + 16, r1, sizeof r1);
	/* the first file alone is refused: its partner is missing */
	assert_int_equal(system("mv mf_2.ckd mf_x.ckd"), 0);
	struct ctm *m2 = ctm_new();
	char err[300] = "";
	assert_int_equal(ur_attach(m2, DEV, "3330", "mf_1.ckd", err, sizeof err), -1);
	assert_non_null(strstr(err, "mf_2.ckd"));
	ctm_free(m2);
}

/* Empty tracks: a new CCKD volume's tracks hold an end-of-file R1 (as
 * Hercules presents them), a new CKD volume's only R0. */
static void empty_tracks_eof(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "e.cckd", "3350", "EOF001");
	make_image("", "e.ckd", "3350", "EOF002");
	struct ctm *m = attach("3350", "e.cckd");
	put_seek(m, 0x100, 0, 3);
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x12, BUF, CCW_CC, 8);
	put_ccw(m, 0x210, 0x06, BUF + 8, CCW_SLI, 8);
	assert_string_equal(ur_run(m, DEV), "00000218 0D00 0008"); /* Read Data of R1: unit exception */
	assert_string_equal(hex_at(m, BUF, 8), "0000000301000000");
	/* a keyed end-of-file record: Read Data sends nothing, Read Key and Data the key */
	ur_put_bytes(m, BUF, "0007000001040000C1C2C3C4");
	assert_string_equal(search_then(m, 7, 0, 0, 0x1D, 0, 12), "00000220 0C00 0000");
	memset(tm_mem(m->t, BUF), 0xEE, 16);
	assert_string_equal(search_then(m, 7, 0, 1, 0x06, CCW_SLI, 16), "00000220 0D00 0010");
	assert_int_equal(*tm_mem(m->t, BUF), 0xEE);
	assert_string_equal(search_then(m, 7, 0, 1, 0x0E, CCW_SLI, 16), "00000220 0D00 000C");
	assert_string_equal(hex_at(m, BUF, 5), "C1C2C3C4EE");
	ctm_free(m);
	m = attach("3350", "e.ckd");
	put_seek(m, 0x100, 0, 3);
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x12, BUF, 0, 8);
	assert_string_equal(ur_run(m, DEV), "00000210 0E00 0008"); /* no R1: no record found */
	assert_string_equal(sense(m), "000800008000030000000000000000000000000000000000");
	ctm_free(m);
}

/* Search Key Equal in a TIC loop; Read Track rejected; sense
 * byte 4 by unit. */
static void search_key_read_track(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "k.cckd", "3350", "KEY001");
	struct ctm *m = attach("3350", "k.cckd");
	put_seek(m, 0x100, 0, 0);
	ur_put_bytes(m, 0x108, "E5D6D3F1"); /* VOL1 */
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x29, 0x108, CCW_CC, 4);
	put_ccw(m, 0x210, 0x08, 0x208, 0, 0);
	put_ccw(m, 0x218, 0x06, BUF, 0, 80);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 4), "E5D6D3F1");
	assert_string_equal(hex_at(m, BUF + 4, 6), "D2C5E8F0F0F1"); /* the volser KEY001 */
	/* Search Key High on "VOL0": IPL1 and IPL2 are lower, VOL1 is higher */
	ur_put_bytes(m, 0x108, "E5D6D3F0");
	put_ccw(m, 0x208, 0x49, 0x108, CCW_CC, 4);
	put_ccw(m, 0x218, 0x06, BUF, CCW_SLI, 256);
	assert_string_equal(ur_run(m, DEV), "00000220 0C00 00B0"); /* R3's 80 bytes */
	put_ccw(m, 0x200, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 03E8"); /* no Read Track on a 3830 */
	ctm_free(m);
	make_image("-z", "k80.cckd", "3380", "KEY002");
	m = attach("3380", "k80.cckd");
	put_ccw(m, 0x200, 0xDE, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000208 0E00 03E8"); /* nor without Locate Record */
	/* Read Multiple CKD from index: R1 R2 R3 */
	put_ccw(m, 0x200, 0x5E, BUF, CCW_SLI, 1000);
	assert_string_equal(ur_run(m, DEV), "00000208 0C00 02CC");
	assert_string_equal(hex_at(m, BUF, 8), "0000000001040018");
	ctm_free(m);
	/* sense byte 4 of a 3350 at unit 5: X'04' (Hercules 3.13) */
	m = ctm_new();
	char err[200] = "";
	assert_int_equal(ur_attach(m, 0x195, "3350", "k.cckd", err, sizeof err), 0);
	put_caw(m, 0, 0x200);
	put_ccw(m, 0x200, 0x04, BUF, CCW_SLI, 32);
	assert_string_equal(ur_run(m, 0x195), "00000208 0C00 0008");
	assert_string_equal(hex_at(m, BUF, 8), "0000000004000000");
	ctm_free(m);
}

/* The same track written over and over: the CCKD file reuses its free
 * space instead of growing, and stays valid. */
static void rewrite_reuses_space(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "g.cckd", "3350", "GROW01");
	struct stat st0, st1;
	for (int round = 0; round < 40; round++) {
		struct ctm *m = attach("3350", "g.cckd");
		char rec[64];
		snprintf(rec, sizeof rec, "000A000101000%03X", 100 + round * 37);
		ur_put_bytes(m, BUF, rec);
		for (int k = 0; k < 100 + round * 37; k++)
			*tm_mem(m->t, BUF + 8 + k) = (uint8_t)(k * 7 + round);
		assert_string_equal(search_then(m, 10, 1, 0, 0x1D, CCW_SLI, 8 + 100 + round * 37),
		                    "00000220 0C00 0000");
		ctm_free(m);
		if (round == 0)
			assert_int_equal(stat("g.cckd", &st0), 0);
	}
	assert_int_equal(stat("g.cckd", &st1), 0);
	/* the last image is 39*37 bytes longer at most (barely compressible data) */
	if (st1.st_size > st0.st_size + 39 * 37 + 2048)
		fail_msg("the file grew from %lld to %lld", (long long)st0.st_size, (long long)st1.st_size);
	struct ctm *m = attach("3350", "g.cckd");
	assert_string_equal(search_then(m, 10, 1, 1, 0x06, 0, 100 + 39 * 37), "00000220 0C00 0000");
	assert_int_equal(*tm_mem(m->t, BUF + 5), (uint8_t)(5 * 7 + 39));
	ctm_free(m);
	assert_cdsk_ok("g.cckd");
}

/* Write record R1 of n bytes (pattern seed) on cylinder cc head hh. */
static void write_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	char rec[32];
	snprintf(rec, sizeof rec, "%04X%04X0100%04X", cc, hh, n);
	ur_put_bytes(m, BUF, rec);
	for (int k = 0; k < n; k++)
		*tm_mem(m->t, BUF + 8 + k) = (uint8_t)(k * 13 + seed + (k >> 5));
	assert_string_equal(search_then(m, cc, hh, 0, 0x1D, 0, 8 + n), "00000220 0C00 0000");
}

static void check_r1(struct ctm *m, uint16_t cc, uint16_t hh, uint16_t n, int seed)
{
	assert_string_equal(search_then(m, cc, hh, 1, 0x06, 0, n), "00000220 0C00 0000");
	for (int k = 0; k < n; k++)
		if (*tm_mem(m->t, BUF + k) != (uint8_t)(k * 13 + seed + (k >> 5)))
			fail_msg("track %u/%u byte %d differs", cc, hh, k);
}

/* A CCKD image copied while attached (as a crash leaves it: the opened bit
 * on, the size and free space in its header stale) is attached again and
 * written: the tracks written before the "crash" must survive. */
static void reopen_after_crash(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "c0.cckd", "3350", "CRASH1");
	struct ctm *m = attach("3350", "c0.cckd");
	write_r1(m, 20, 0, 3000, 1);
	write_r1(m, 20, 1, 4000, 2);
	assert_int_equal(system("cp c0.cckd crash.cckd"), 0);
	ctm_free(m);
	m = attach("3350", "crash.cckd");
	write_r1(m, 20, 0, 5000, 3); /* moves: new space */
	write_r1(m, 21, 0, 2000, 4);
	ctm_free(m);
	m = attach("3350", "crash.cckd");
	check_r1(m, 20, 0, 5000, 3);
	check_r1(m, 20, 1, 4000, 2);
	check_r1(m, 21, 0, 2000, 4);
	ctm_free(m);
}

/* Track capacity as Hercules 3.13 counts it (the track image must fit its
 * slot): nineteen 1000-byte records fit on a 3350 track, the twentieth is a
 * track overrun (unit check, sense byte 1 X'40'); nothing is written. */
static void track_overrun(void **state)
{
	(void)state;
	ur_chdir();
	make_image("-z", "o.cckd", "3350", "OVER01");
	struct ctm *m = attach("3350", "o.cckd");
	for (int r = 1; r <= 20; r++) {
		char rec[32];
		snprintf(rec, sizeof rec, "00020003%02X0003E8", r);
		ur_put_bytes(m, BUF, rec);
		const char *csw = search_then(m, 2, 3, (uint8_t)(r - 1), 0x1D, CCW_SLI, 8 + 1000);
		if (r <= 19 && strcmp(csw, "00000220 0C00 0000"))
			fail_msg("record %d: %s", r, csw);
		if (r == 20) {
			assert_string_equal(csw, "00000220 0E00 03E8");
			assert_string_equal(sense(m), "004000008002030000000000000000000000000000000000");
		}
	}
	/* R19 is the last record: the Read Count after it passes index and reads R1 */
	assert_string_equal(search_then(m, 2, 3, 19, 0x12, 0, 8), "00000220 0C00 0000");
	assert_string_equal(hex_at(m, BUF, 8), "00020003010003E8");
	ctm_free(m);
}

static void attach_errors(void **state)
{
	(void)state;
	static const struct {
		const char *type, *opts, *why;
	} cases[] = {
	    {"3350", "missing.cckd", "cannot open missing.cckd"},
	    {"3350", "garbage.bin", "not a CKD image"},
	    {"3350", "trunc.cckd", "truncated"},
	    {"3350", "trunc.ckd", "truncated"},
	    {"3350", "a3330.ckd", "not a 3350"},
	    {"3350", "", "no image file"},
	    {"3350", "a3350.cckd bogus=1", "unknown operand"},
	};
	ur_chdir();
	char junk[1024];
	memset(junk, 'x', sizeof junk);
	ur_write_file("garbage.bin", junk, sizeof junk);
	make_image("-z", "a3350.cckd", "3350", "ERR001");
	make_image("", "a3330.ckd", "3330", "ERR002");
	assert_int_equal(system("head -c 1000 a3350.cckd > trunc.cckd; head -c 100000 a3330.ckd > trunc.ckd"),
	                 0);
	struct ctm *m = ctm_new();
	for (size_t c = 0; c < sizeof cases / sizeof cases[0]; c++) {
		char err[300] = "";
		if (ur_attach(m, DEV, cases[c].type, cases[c].opts, err, sizeof err) != -1)
			fail_msg("%s attached", cases[c].opts);
		if (!strstr(err, cases[c].why))
			fail_msg("%s: \"%s\", expected \"%s\"", cases[c].opts, err, cases[c].why);
	}
	/* read-only: reads work, writes are file protected */
	char err[300] = "";
	assert_int_equal(ur_attach(m, DEV, "3350", "a3350.cckd ro", err, sizeof err), 0);
	ctm_free(m);
}

int main(void)
{
	if (!have_dasdinit()) {
		printf("dasdinit (Debian package hercules) is not installed: skipped\n");
		return 77;
	}
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(sense_id_and_sense),   cmocka_unit_test(reads_on_track0),
	    cmocka_unit_test(count_ha_r0_ipl),      cmocka_unit_test(writes),
	    cmocka_unit_test(write_rules),          cmocka_unit_test(no_record_eoc_invalid),
	    cmocka_unit_test(multi_file),           cmocka_unit_test(attach_errors),
	    cmocka_unit_test(empty_tracks_eof),     cmocka_unit_test(search_key_read_track),
	    cmocka_unit_test(rewrite_reuses_space), cmocka_unit_test(reopen_after_crash),
	    cmocka_unit_test(track_overrun),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
