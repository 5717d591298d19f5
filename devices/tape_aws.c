/* tape_aws.c — AWS and HET tape images (the formats Hercules uses).
 *
 * Both are a plain file of chunks, each after a 6-byte header:
 *     bytes 0-1  length of this chunk's data (little-endian)
 *     bytes 2-3  length of the previous chunk's data (0 for the first)
 *     byte  4    flags: X'80' a block begins here, X'20' the block ends
 *                here, X'40' a tape mark (no data); HET only: X'03' the
 *                block's data is compressed, 1 zlib, 2 bzip2
 *     byte  5    reserved, 0
 * A block is one chunk or several (the first has X'80', the last X'20').
 * HET compresses the whole block and cuts the result into chunks of at
 * most `chunksize` bytes; a block that does not shrink is stored as it is.
 *
 * At open the whole file is walked and every header checked (lengths that
 * chain, flags, a block that ends, data that is in the file), so a damaged
 * image is refused with the reason instead of failing later; the walk
 * leaves an index of the items (blocks and tape marks) so that moving in
 * either direction is one lookup.  A write cuts the file after the new
 * item: what followed on the tape is gone, as on a real tape.
 */
#include <bzlib.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "tape.h"

enum {
	HDR = 6,
	F_BOR = 0x80,  /* new record: a block begins */
	F_TM = 0x40,   /* tape mark */
	F_EOR = 0x20,  /* end of record: the block ends */
	F_COMP = 0x03, /* HET: compression method of the block */
	M_ZLIB = 1,
	M_BZIP2 = 2,
};

struct item {
	uint64_t off, end; /* first header, and the byte after the last chunk */
	uint16_t last;     /* data length of the last chunk (the next "previous") */
	bool tm;
};

struct tape_img {
	int fd;
	bool het;
	struct tape_opts o;
	struct item *it;
	uint32_t n, cap; /* items */
	uint32_t cur;    /* position: items before it */
	char msg[160];
};

static uint16_t le16(const uint8_t *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

static void put_hdr(uint8_t *h, uint16_t len, uint16_t prev, uint8_t flags)
{
	h[0] = (uint8_t)len;
	h[1] = (uint8_t)(len >> 8);
	h[2] = (uint8_t)prev;
	h[3] = (uint8_t)(prev >> 8);
	h[4] = flags;
	h[5] = 0;
}

static int add_item(struct tape_img *t, struct item it)
{
	if (t->n == t->cap) {
		uint32_t cap = t->cap ? t->cap * 2 : 256;
		struct item *p = realloc(t->it, cap * sizeof *p);
		if (!p)
			return -1;
		t->it = p;
		t->cap = cap;
	}
	t->it[t->n++] = it;
	return 0;
}

/* Walk every header; 0, or -1 with the reason. */
static int scan(struct tape_img *t, uint64_t size, char *err, size_t errlen)
{
	uint64_t off = 0;
	uint16_t prev = 0;
	struct item blk = {0};
	bool inblk = false;
	uint8_t comp = 0;
	while (off < size) {
		uint8_t h[HDR];
		if (size - off < HDR) {
			snprintf(err, errlen, "truncated block header at offset %llu",
			         (unsigned long long)off);
			return -1;
		}
		if (pread(t->fd, h, HDR, (off_t)off) != HDR) {
			snprintf(err, errlen, "read error at offset %llu: %s", (unsigned long long)off,
			         strerror(errno));
			return -1;
		}
		uint16_t len = le16(h), prv = le16(h + 2);
		uint8_t f = h[4];
		uint8_t bad = (uint8_t)(f & ~(F_BOR | F_TM | F_EOR | (t->het ? F_COMP : 0)));
		const char *why = NULL;
		if (prv != prev)
			why = "previous-length field does not match the chunk before";
		else if (bad)
			why = (bad & F_COMP) ? "compressed block in an AWS image (name it .het)"
			                     : "unknown flag bits";
		else if ((f & F_COMP) == F_COMP)
			why = "unknown compression method 3";
		else if ((f & F_TM) && (f & ~F_TM || len))
			why = "tape mark with data or other flags";
		else if ((f & F_TM) && inblk)
			why = "tape mark inside a block";
		else if (!(f & F_TM) && (f & F_BOR) && inblk)
			why = "new block inside a block";
		else if (!(f & F_TM) && !(f & F_BOR) && !inblk)
			why = "chunk that continues no block";
		else if (!(f & F_TM) && !(f & F_BOR) && (f & F_COMP) != comp)
			why = "chunks of one block with different compression";
		else if (size - off - HDR < len)
			why = "block data runs past the end of the file (truncated)";
		if (why) {
			snprintf(err, errlen, "block header at offset %llu: %s", (unsigned long long)off,
			         why);
			return -1;
		}
		uint64_t next = off + HDR + len;
		if (f & F_TM) {
			if (add_item(t, (struct item){.off = off, .end = next, .last = 0, .tm = true}))
				goto nomem;
		} else {
			if (f & F_BOR) {
				blk = (struct item){.off = off};
				comp = f & F_COMP;
				inblk = true;
			}
			if (f & F_EOR) {
				blk.end = next;
				blk.last = len;
				inblk = false;
				if (add_item(t, blk))
					goto nomem;
			}
		}
		prev = len;
		off = next;
	}
	if (inblk) {
		snprintf(err, errlen, "the last block at offset %llu has no end (truncated)",
		         (unsigned long long)blk.off);
		return -1;
	}
	return 0;
nomem:
	snprintf(err, errlen, "out of memory");
	return -1;
}

static struct tape_img *img_open(const char *path, const struct tape_opts *o, bool het, char *err,
                                 size_t errlen)
{
	struct tape_img *t = calloc(1, sizeof *t);
	if (!t) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	t->het = het;
	t->o = *o;
	if (!t->o.chunk || t->o.chunk > 65535)
		t->o.chunk = 65535;
	t->fd = open(path, o->ro ? O_RDONLY : O_RDWR | O_CREAT, 0666);
	struct stat st;
	if (t->fd < 0 || fstat(t->fd, &st)) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		free(t);
		return NULL;
	}
	if (scan(t, (uint64_t)st.st_size, err, errlen)) {
		close(t->fd);
		free(t->it);
		free(t);
		return NULL;
	}
	return t;
}

static struct tape_img *aws_open(const char *path, const struct tape_opts *o, char *err, size_t errlen)
{
	return img_open(path, o, false, err, errlen);
}

static struct tape_img *het_open(const char *path, const struct tape_opts *o, char *err, size_t errlen)
{
	return img_open(path, o, true, err, errlen);
}

static void img_close(struct tape_img *t)
{
	fsync(t->fd);
	close(t->fd);
	free(t->it);
	free(t);
}

static int host_error(struct tape_img *t, const char *what, uint64_t off)
{
	snprintf(t->msg, sizeof t->msg, "%s error at offset %llu: %s", what, (unsigned long long)off,
	         errno ? strerror(errno) : "short transfer");
	return TAPE_IOERR;
}

/* Item k's data (decompressed) into buf: its length, TAPE_BAD or TAPE_IOERR. */
static long load(struct tape_img *t, const struct item *it, uint8_t *buf)
{
	uint64_t stored = it->end - it->off;
	uint8_t *raw = malloc(stored);
	if (!raw)
		return TAPE_IOERR;
	size_t have = 0;
	uint8_t comp = 0;
	for (uint64_t off = it->off; off < it->end;) {
		uint8_t h[HDR];
		errno = 0;
		if (pread(t->fd, h, HDR, (off_t)off) != HDR) {
			free(raw);
			return host_error(t, "read", off);
		}
		uint16_t len = le16(h);
		comp = h[4] & F_COMP;
		if (pread(t->fd, raw + have, len, (off_t)(off + HDR)) != len) {
			free(raw);
			return host_error(t, "read", off);
		}
		have += len;
		off += HDR + len;
	}
	long n;
	if (comp == M_ZLIB) {
		uLongf out = TAPE_MAXBLK;
		n = uncompress(buf, &out, raw, have) == Z_OK ? (long)out : TAPE_BAD;
	} else if (comp == M_BZIP2) {
		unsigned out = TAPE_MAXBLK;
		n = BZ2_bzBuffToBuffDecompress((char *)buf, &out, (char *)raw, (unsigned)have, 0, 0) == BZ_OK
		        ? (long)out
		        : TAPE_BAD;
	} else if (have > TAPE_MAXBLK) {
		n = TAPE_BAD;
	} else {
		memcpy(buf, raw, have);
		n = (long)have;
	}
	free(raw);
	return n;
}

static long img_read(struct tape_img *t, uint8_t *buf)
{
	if (t->cur >= t->n)
		return TAPE_EOD;
	const struct item *it = &t->it[t->cur++];
	if (it->tm)
		return TAPE_TM;
	return buf ? load(t, it, buf) : (long)(it->end - it->off);
}

static long img_read_back(struct tape_img *t, uint8_t *buf)
{
	if (t->cur == 0)
		return TAPE_BOT;
	const struct item *it = &t->it[--t->cur];
	if (it->tm)
		return TAPE_TM;
	return buf ? load(t, it, buf) : (long)(it->end - it->off);
}

/* Append the chunks of one item at the position and cut the file after. */
static int put_item(struct tape_img *t, const uint8_t *data, uint32_t len, uint8_t flags, bool tm)
{
	uint64_t off = t->cur ? t->it[t->cur - 1].end : 0;
	uint16_t prev = t->cur ? t->it[t->cur - 1].last : 0;
	t->n = t->cur;
	struct item it = {.off = off, .tm = tm};
	uint32_t chunk = t->het ? t->o.chunk : 65535;
	uint8_t *out = malloc(len + HDR * (len / chunk + 2));
	if (!out)
		return TAPE_IOERR;
	size_t o = 0;
	uint32_t done = 0;
	do {
		uint32_t n = len - done < chunk ? len - done : chunk;
		uint8_t f =
		    tm ? F_TM : (uint8_t)(flags | (done == 0 ? F_BOR : 0) | (done + n == len ? F_EOR : 0));
		put_hdr(out + o, (uint16_t)n, prev, f);
		if (n)
			memcpy(out + o + HDR, data + done, n);
		o += HDR + n;
		done += n;
		prev = (uint16_t)n;
	} while (done < len);
	it.last = prev;
	it.end = off + o;
	errno = 0;
	ssize_t w = pwrite(t->fd, out, o, (off_t)off);
	free(out);
	if (w != (ssize_t)o || ftruncate(t->fd, (off_t)it.end))
		return host_error(t, "write", off);
	if (add_item(t, it))
		return TAPE_IOERR;
	t->cur = t->n;
	return 0;
}

static int img_write(struct tape_img *t, const uint8_t *buf, uint32_t len)
{
	if (!t->het || !t->o.compress || len == 0)
		return put_item(t, buf, len, 0, false);
	uint8_t *z = malloc(len + len / 50 + 1024);
	if (!z)
		return TAPE_IOERR;
	int rc;
	if (t->o.method == M_BZIP2) {
		unsigned zl = len + len / 50 + 1024;
		int lvl = t->o.level < 1 ? 1 : t->o.level > 9 ? 9 : t->o.level;
		if (BZ2_bzBuffToBuffCompress((char *)z, &zl, (char *)buf, len, lvl, 0, 0) == BZ_OK &&
		    zl < len)
			rc = put_item(t, z, zl, M_BZIP2, false);
		else
			rc = put_item(t, buf, len, 0, false);
	} else {
		uLongf zl = len + len / 50 + 1024;
		if (compress2(z, &zl, buf, len,
		              t->o.level < 1   ? 1
		              : t->o.level > 9 ? 9
		                               : t->o.level) == Z_OK &&
		    zl < len)
			rc = put_item(t, z, (uint32_t)zl, M_ZLIB, false);
		else
			rc = put_item(t, buf, len, 0, false);
	}
	free(z);
	return rc;
}

static int img_write_tm(struct tape_img *t)
{
	return put_item(t, NULL, 0, 0, true);
}

static void img_rewind(struct tape_img *t)
{
	t->cur = 0;
}

static uint32_t img_position(const struct tape_img *t)
{
	return t->cur;
}

static uint64_t img_used(const struct tape_img *t)
{
	return t->cur ? t->it[t->cur - 1].end : 0;
}

static const char *img_message(const struct tape_img *t)
{
	return t->msg;
}

const struct tape_fmt tape_aws_fmt = {
    .name = "AWS",
    .open = aws_open,
    .close = img_close,
    .read = img_read,
    .read_back = img_read_back,
    .write = img_write,
    .write_tm = img_write_tm,
    .rewind = img_rewind,
    .position = img_position,
    .used = img_used,
    .message = img_message,
};

const struct tape_fmt tape_het_fmt = {
    .name = "HET",
    .open = het_open,
    .close = img_close,
    .read = img_read,
    .read_back = img_read_back,
    .write = img_write,
    .write_tm = img_write_tm,
    .rewind = img_rewind,
    .position = img_position,
    .used = img_used,
    .message = img_message,
};
