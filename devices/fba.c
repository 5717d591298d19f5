/* fba.c — fixed-block DASD 3310 and 3370 on Hercules FBA images.
 *
 * The image is a plain file of 512-byte blocks, block 0 first, no header
 * (Hercules' `dasdinit file.fba 3370 VOLSER [blocks]` makes one).
 *
 * Commands (IBM 3370 / 3310 FBA reference; the results as Hercules 3.13
 * gives them, seen with the same channel programs on both):
 *   X'63' Define Extent  16 bytes: byte 0 file mask, bytes 4-7 extent
 *         origin (the physical block of the extent's first block), 8-11
 *         and 12-15 the first and last block numbers of the extent.  At
 *         most one per channel program; a count under 16 is rejected.
 *   X'43' Locate         8 bytes: byte 0 operation (X'01' write data,
 *         X'05' write and check, X'04' format write, X'06' read), bytes
 *         2-3 block count (not 0), 4-7 first block number; the blocks must
 *         lie in the extent.  Block b is physical block origin + b - first.
 *   X'42' Read, X'41' Write  the located blocks (what is left of them),
 *         512 bytes each; a Write ending inside a block fills it with
 *         zeros.  Either needs a Locate of its kind before it.
 *   X'02' Read IPL       block 0
 *   X'64' Read Device Characteristics (32 bytes)
 *   X'04' Sense (24 bytes), X'E4' Sense ID, X'03' No operation.
 * Every violation is a command reject (unit check, sense byte 0 X'80').
 *
 * The file mask, bits 0-1: 00 data writes allowed, format writes not;
 * 11 every write allowed; 01 no writes; 10 is invalid.  Bits 2-7 must be
 * zero.  Define Extent and Locate take their parameter bytes before they
 * check them (a rejected one has a residual count of 0, as in Hercules).
 *
 * The statement: ADDR 3370|3310 FILE [ro] [faultwrite=K].  A file that is
 * not a whole number of blocks, or a compressed (CFBA) image, is refused
 * at attach.  Blocks are written in place, one pwrite each (512 bytes: a
 * kill cannot tear one); faultwrite=K makes the K-th host write fail, an
 * equipment check for the program.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <unistd.h>

#include "channel.h"
#include "ckdimg.h"

enum { BLK = 512, SENSE_LEN = 24 };

/* Define Extent file mask (byte 0). */
enum {
	FM_WRITES = 0xC0, /* bits 0-1: write controls */
	FM_ALLOW_DATA = 0x00,
	FM_ALLOW_ALL = 0xC0,
	FM_INVALID = 0x80,
	FM_RESERVED = 0x3F,
};

/* Locate operations (byte 0). */
enum { OP_WRITE = 0x01, OP_FORMAT = 0x04, OP_WRITE_CHECK = 0x05, OP_READ = 0x06 };

struct fba_model {
	const char *type;
	uint16_t cu; /* control unit in Sense ID */
	uint8_t cu_model, dev_model;
	uint8_t rdc_unit;                 /* RDC byte 3 */
	uint32_t per_group, per_position; /* blocks per cyclical group, per access position */
};

static const struct fba_model models[] = {
    {"3370", 0x3880, 0x01, 0x00, 0x02, 62, 744},
    {"3310", 0x4331, 0x01, 0x01, 0x01, 32, 352},
};

struct fba {
	const struct fba_model *m;
	int fd;
	char *path;
	bool ro;
	uint32_t blocks;
	struct ckd_fault fault; /* faultwrite=K: the K-th host write fails */
	/* the channel program's state */
	bool have_dx, have_loc;
	uint8_t mask;
	uint32_t origin, first, last;
	uint8_t op;
	uint32_t next, left; /* located blocks still to transfer */
};

static struct fba *fba_of(struct device *d)
{
	return d->priv;
}

static uint32_t be32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

static void fba_start(struct device *d)
{
	struct fba *f = fba_of(d);
	f->have_dx = f->have_loc = false;
}

static int host_error(struct device *d, struct fba *f, const char *what, uint32_t blk)
{
	char msg[400];
	snprintf(msg, sizeof msg, "%04X: %s error at block %u of %s: %s", d->devnum, what, blk, f->path,
	         errno ? strerror(errno) : "short transfer");
	chan_print(d->cs, msg);
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = SNS0_EQUIP;
	return US_CE | US_DE | US_UC;
}

/* X'63' Define Extent */
static int define_extent(struct device *d, struct fba *f)
{
	uint8_t p[16];
	if (chan_read_avail(d, p, sizeof p) < sizeof p || f->have_dx)
		return dev_reject(d);
	uint32_t origin = be32(p + 4), first = be32(p + 8), last = be32(p + 12);
	if ((p[0] & FM_RESERVED) || (p[0] & FM_WRITES) == FM_INVALID || last < first || origin >= f->blocks ||
	    last - first >= f->blocks - origin)
		return dev_reject(d);
	f->mask = p[0];
	f->origin = origin;
	f->first = first;
	f->last = last;
	f->have_dx = true;
	return US_CE | US_DE;
}

static bool write_allowed(const struct fba *f, uint8_t op)
{
	uint8_t w = f->mask & FM_WRITES;
	if (f->ro)
		return false;
	return op == OP_FORMAT ? w == FM_ALLOW_ALL : w == FM_ALLOW_DATA || w == FM_ALLOW_ALL;
}

/* X'43' Locate */
static int locate(struct device *d, struct fba *f)
{
	uint8_t p[8];
	if (chan_read_avail(d, p, sizeof p) < sizeof p || !f->have_dx)
		return dev_reject(d);
	uint8_t op = p[0];
	uint32_t count = (uint32_t)p[2] << 8 | p[3], blk = be32(p + 4);
	bool known = op == OP_READ || op == OP_WRITE || op == OP_WRITE_CHECK || op == OP_FORMAT;
	if (!known || count == 0 || blk < f->first || blk > f->last || count - 1 > f->last - blk)
		return dev_reject(d);
	if (op != OP_READ && !write_allowed(f, op))
		return dev_reject(d);
	f->op = op;
	f->next = f->origin + (blk - f->first);
	f->left = count;
	f->have_loc = true;
	return US_CE | US_DE;
}

/* Read `n` blocks from physical block `blk` into the program's storage. */
static int read_blocks(struct device *d, struct fba *f, uint32_t blk, uint32_t n, bool located)
{
	uint8_t buf[BLK];
	for (; n; n--, blk++) {
		errno = 0;
		if (pread(f->fd, buf, BLK, (off_t)blk * BLK) != BLK)
			return host_error(d, f, "read", blk);
		if (located) {
			f->next++;
			f->left--;
		}
		if (chan_write(d, buf, BLK) < BLK)
			break; /* the count ran out: incorrect length unless SLI */
	}
	return US_CE | US_DE;
}

static int write_blocks(struct device *d, struct fba *f)
{
	uint8_t buf[BLK];
	while (f->left) {
		uint32_t n = chan_read(d, buf, BLK);
		memset(buf + n, 0, BLK - n);
		errno = 0;
		if (ckd_pwrite(&f->fault, f->fd, buf, BLK, (off_t)f->next * BLK))
			return host_error(d, f, "write", f->next);
		f->next++;
		f->left--;
		if (n < BLK)
			break;
	}
	return US_CE | US_DE;
}

/* X'64' Read Device Characteristics */
static int read_characteristics(struct device *d, struct fba *f)
{
	uint8_t r[32] = {0x30, 0x08, 0x21, f->m->rdc_unit, BLK >> 8, BLK & 0xFF};
	const uint32_t v[3] = {f->m->per_group, f->m->per_position, f->blocks};
	for (int k = 0; k < 3; k++)
		for (int b = 0; b < 4; b++)
			r[6 + 4 * k + b] = (uint8_t)(v[k] >> (24 - 8 * b));
	chan_write(d, r, sizeof r);
	return US_CE | US_DE;
}

static int fba_ccw(struct device *d, uint8_t cmd)
{
	struct fba *f = fba_of(d);
	switch (cmd) {
	case 0x63:
		return define_extent(d, f);
	case 0x43:
		return locate(d, f);
	case 0x42:
		if (!f->have_loc || f->op != OP_READ || !f->left)
			return dev_reject(d);
		return read_blocks(d, f, f->next, f->left, true);
	case 0x41:
		if (!f->have_loc || f->op == OP_READ || !f->left)
			return dev_reject(d);
		return write_blocks(d, f);
	case 0x02: /* Read IPL */
		return read_blocks(d, f, 0, 1, false);
	case 0x64:
		return read_characteristics(d, f);
	case 0x03:
		return US_CE | US_DE;
	case 0x04:
		return dev_sense(d);
	case 0xE4:
		return dev_sense_id(d);
	}
	return dev_reject(d);
}

static void fba_query(struct device *d, char *buf, size_t n)
{
	struct fba *f = fba_of(d);
	snprintf(buf, n, "%s [FBA] %u blocks%s", f->path, f->blocks, f->ro ? " ro" : "");
}

static void free_fba(struct fba *f)
{
	if (f->fd >= 0) {
		fsync(f->fd);
		close(f->fd);
	}
	free(f->path);
	free(f);
}

static void fba_close(struct device *d)
{
	if (d->priv)
		free_fba(d->priv);
	d->priv = NULL;
}

/* Open and check the image; 0 or -1 with err. */
static int open_image(struct fba *f, char *err, size_t errlen)
{
	f->fd = open(f->path, f->ro ? O_RDONLY : O_RDWR);
	struct stat st;
	if (f->fd < 0 || fstat(f->fd, &st)) {
		snprintf(err, errlen, "cannot open %s: %s", f->path, strerror(errno));
		return -1;
	}
	char magic[8];
	if (st.st_size >= 8 && pread(f->fd, magic, 8, 0) == 8 && !memcmp(magic, "FBA_C370", 8)) {
		snprintf(err, errlen, "%s: compressed FBA (CFBA) images are not supported", f->path);
		return -1;
	}
	if (st.st_size == 0 || st.st_size % BLK) {
		snprintf(err, errlen, "%s: size %lld is not a whole number of 512-byte blocks (truncated?)",
		         f->path, (long long)st.st_size);
		return -1;
	}
	if (st.st_size / BLK > UINT32_MAX) {
		snprintf(err, errlen, "%s: too large for an FBA device", f->path);
		return -1;
	}
	f->blocks = (uint32_t)(st.st_size / BLK);
	return 0;
}

static int fba_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	struct fba *f = calloc(1, sizeof *f);
	if (!f) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	f->fd = -1;
	f->m = &models[0];
	for (size_t k = 0; k < sizeof models / sizeof *models; k++)
		if (!strcasecmp(d->type, models[k].type))
			f->m = &models[k];
	for (int a = 0; a < argc; a++) {
		if (!strcasecmp(argv[a], "ro") || !strcasecmp(argv[a], "readonly")) {
			f->ro = true;
		} else if (!strncasecmp(argv[a], "faultwrite=", 11)) {
			char *end;
			f->fault.fail_at = strtoul(argv[a] + 11, &end, 10);
			if (!argv[a][11] || *end || argv[a][11] == '-' || f->fault.fail_at == 0) {
				snprintf(err, errlen, "%s: expected faultwrite=K, K a count of 1 or more",
				         argv[a]);
				free_fba(f);
				return -1;
			}
		} else if (a == 0) {
			f->path = strdup(argv[a]);
		} else {
			snprintf(err, errlen, "bad operand %s (expected FILE [ro])", argv[a]);
			free_fba(f);
			return -1;
		}
	}
	if (!f->path) {
		snprintf(err, errlen, "an FBA device needs an image file");
		free_fba(f);
		return -1;
	}
	if (open_image(f, err, errlen)) {
		free_fba(f);
		return -1;
	}
	d->priv = f;
	d->sense_len = SENSE_LEN;
	dev_set_senseid(d, f->m->cu, f->m->cu_model);
	d->senseid[4] = (uint8_t)(strtoul(f->m->type, NULL, 16) >> 8);
	d->senseid[5] = (uint8_t)strtoul(f->m->type, NULL, 16);
	d->senseid[6] = f->m->dev_model;
	d->devtype = (uint16_t)strtoul(f->m->type, NULL, 16);
	d->devmodel = f->m->dev_model;
	return 0;
}

extern const struct dev_ops fba_ops;

int fba_dev_sync(struct device *d)
{
	if (d->ops != &fba_ops || !d->priv)
		return 1;
	struct fba *f = fba_of(d);
	return f->ro || fdatasync(f->fd) == 0 ? 0 : -1;
}

static const char *const fba_types[] = {"3370", "3310", NULL};

const struct dev_ops fba_ops = {
    .types = fba_types,
    .desc = "fixed-block DASD on a Hercules FBA image (FILE [ro])",
    .init = fba_init,
    .close = fba_close,
    .start = fba_start,
    .ccw = fba_ccw,
    .query = fba_query,
};
