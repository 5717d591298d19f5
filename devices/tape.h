/* tape.h — tape images behind one small ops struct, so that the tape drive
 * (tape.c) runs the same on every image format (tape_aws.c: AWS and HET).
 *
 * An image is a sequence of blocks and tape marks with a position between
 * two of them (0 = load point).  Every call moves the position the way the
 * real tape moves: a read, forward space or tape mark passes one item
 * forward; a backward read or backspace passes one item back.  A write or
 * tape mark erases everything after the position, as on a real tape.
 */
#ifndef DEVICES_TAPE_H
#define DEVICES_TAPE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { TAPE_MAXBLK = 65535 }; /* the longest block: a CCW count */

/* What a move finds (negative), or a block's length (0 or more). */
enum {
	TAPE_TM = -1,    /* a tape mark was passed */
	TAPE_EOD = -2,   /* forward: no more recorded data (blank tape) */
	TAPE_BOT = -3,   /* backward: already at load point, nothing moved */
	TAPE_IOERR = -4, /* host read/write failed (reported in the image's message) */
	TAPE_BAD = -5,   /* the block cannot be decoded (bad compressed data) */
};

struct tape_img;

/* Options from the device statement (Hercules names). */
struct tape_opts {
	bool ro;          /* no write ring: file protected */
	bool compress;    /* HET: compress written blocks (compress=1) */
	int method;       /* HET: 1 zlib, 2 bzip2 (method=) */
	int level;        /* HET: 1..9 (level=) */
	uint32_t chunk;   /* HET: largest chunk (chunksize=) */
	uint64_t maxsize; /* end-of-tape reflector after this many bytes, 0: none (maxsize=) */
};

struct tape_fmt {
	const char *name; /* "AWS", "HET" */
	/* Open and check the whole image: NULL with the reason in err. */
	struct tape_img *(*open)(const char *path, const struct tape_opts *o, char *err, size_t errlen);
	void (*close)(struct tape_img *t);
	/* Read the next block into buf (TAPE_MAXBLK bytes), or what was found. */
	long (*read)(struct tape_img *t, uint8_t *buf);
	/* Move back over the previous block (into buf if not NULL). */
	long (*read_back)(struct tape_img *t, uint8_t *buf);
	/* Write a block or a tape mark here: 0 or TAPE_IOERR. */
	int (*write)(struct tape_img *t, const uint8_t *buf, uint32_t len);
	int (*write_tm)(struct tape_img *t);
	void (*rewind)(struct tape_img *t);
	uint32_t (*position)(const struct tape_img *t);   /* items before the position */
	uint64_t (*used)(const struct tape_img *t);       /* image bytes before the position */
	const char *(*message)(const struct tape_img *t); /* the last host error */
};

extern const struct tape_fmt tape_aws_fmt, tape_het_fmt;

#endif
