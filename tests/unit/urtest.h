/* urtest.h — helpers for the unit-record device tests (card reader, punch,
 * printer): a scratch directory for the host files, attaching a device by
 * its statement operands, running one channel program and reading back
 * what the device wrote.  Built on chantest.h. */
#ifndef URTEST_H
#define URTEST_H

#include <ftw.h>
#include <stdlib.h>
#include <unistd.h>

#include "chantest.h"
#include "codepage.h"

static char ur_dir[256];

static inline int ur_remove_one(const char *path, const struct stat *st, int flag, struct FTW *ftw)
{
	(void)st, (void)flag, (void)ftw;
	return remove(path);
}

/* At exit: the scratch directory and everything in it (images can be big). */
static inline void ur_cleanup(void)
{
	if (ur_dir[0] && chdir("/") == 0)
		nftw(ur_dir, ur_remove_one, 16, FTW_DEPTH | FTW_PHYS);
}

/* Work in a fresh scratch directory, so that operands name files simply. */
static inline void ur_chdir(void)
{
	if (!ur_dir[0]) {
		snprintf(ur_dir, sizeof ur_dir, "%s/s370ur.XXXXXX", getenv("TMPDIR") ? getenv("TMPDIR") : "/tmp");
		assert_non_null(mkdtemp(ur_dir));
		atexit(ur_cleanup);
	}
	assert_int_equal(chdir(ur_dir), 0);
}

static inline void ur_write_file(const char *name, const void *data, size_t n)
{
	FILE *f = fopen(name, "wb");
	assert_non_null(f);
	assert_int_equal(fwrite(data, 1, n, f), n);
	fclose(f);
}

/* The file's bytes, NUL-terminated; returns the length. */
static inline size_t ur_read_file(const char *name, char *buf, size_t max)
{
	FILE *f = fopen(name, "rb");
	assert_non_null(f);
	size_t n = fread(buf, 1, max - 1, f);
	buf[n] = 0;
	fclose(f);
	return n;
}

/* Attach TYPE at dev with the blank-separated operands; 0 or -1 (err). */
static inline int ur_attach(struct ctm *m, uint16_t dev, const char *type, const char *opts, char *err,
                            size_t errlen)
{
	char copy[256], *argv[16];
	int argc = 0;
	snprintf(copy, sizeof copy, "%s", opts);
	for (char *tok = strtok(copy, " "); tok && argc < 16; tok = strtok(NULL, " "))
		argv[argc++] = tok;
	return chan_attach(m->cs, dev, type, argc, argv, err, errlen);
}

static inline struct ctm *ur_setup(uint16_t dev, const char *type, const char *opts)
{
	ur_chdir();
	struct ctm *m = ctm_new();
	char err[200] = "";
	if (ur_attach(m, dev, type, opts, err, sizeof err))
		fail_msg("attach %s %s: %s", type, opts, err);
	put_caw(m, 0, 0x200);
	return m;
}

/* START I/O of the program at X'200' on dev, then TEST I/O: the CSW. */
static inline const char *ur_run(struct ctm *m, uint16_t dev)
{
	char sio[16], tio[16];
	snprintf(sio, sizeof sio, "9C00 %04X", dev);
	snprintf(tio, sizeof tio, "9D00 %04X", dev);
	fill_csw(m);
	assert_int_equal(io_insn(m, sio), 0);
	ctm_service(m);
	assert_int_equal(io_insn(m, tio), 1);
	return csw_text(m);
}

/* EBCDIC (code page 037) of text at a. */
static inline void ur_put_ebcdic(struct ctm *m, uint32_t a, const char *text)
{
	codepage_from_utf8(codepage_find("037"), text, tm_mem(m->t, a), strlen(text));
}

/* Bytes given in hex into the test machine's storage at a. */
static inline void ur_put_bytes(struct ctm *m, uint32_t a, const char *hex)
{
	for (int k = 0; hex[2 * k]; k++) {
		unsigned v;
		sscanf(hex + 2 * k, "%2x", &v);
		*tm_mem(m->t, a + k) = (uint8_t)v;
	}
}

/* The CKD tests' channel program: Seek cc/hh (argument at X'100'), Search ID
 * Equal R (at X'108', TIC loop at X'208'), then cmd on buf with flags and
 * count; run on dev, the CSW as ur_run gives it. */
static inline const char *ur_search_then(struct ctm *m, uint16_t dev, uint32_t buf, uint16_t cc, uint16_t hh,
                                         uint8_t r, uint8_t cmd, uint8_t flags, uint16_t count)
{
	char s[32];
	snprintf(s, sizeof s, "0000%04X%04X", cc, hh);
	ur_put_bytes(m, 0x100, s);
	snprintf(s, sizeof s, "%04X%04X%02X", cc, hh, r);
	ur_put_bytes(m, 0x108, s);
	put_ccw(m, 0x200, 0x07, 0x100, CCW_CC, 6);
	put_ccw(m, 0x208, 0x31, 0x108, CCW_CC, 5);
	put_ccw(m, 0x210, 0x08, 0x208, 0, 0);
	put_ccw(m, 0x218, cmd, buf, flags, count);
	return ur_run(m, dev);
}

#endif
