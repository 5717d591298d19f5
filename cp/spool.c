/* spool.c — spool files on the system volume: the area, the files, the
 * checkpoint, and the warm start that finds them again after an IPL.
 *
 * A spool file is what a virtual punch or printer wrote between two CLOSEs
 * (or what the real reader read: spool_real.c): a chain of 4K blocks in the
 * spool area, a range of cylinders of the system volume (the directory's
 * system statement SPOOL volser start count, before the first USER).  A
 * block holds whole records, each a halfword length, the CCW command code
 * that wrote it (a printer's carriage control) and the data:
 *
 *     0  spool id   2  block number in the file   4  bytes used   6  records
 *     8  len(2) cmd(1) data ... len(2) cmd(1) data ...
 *
 * CP keeps the files' descriptions (struct spool_file) in storage, and what
 * follows which block (the chains) in spool_link.  Both would be lost when
 * the machine stops, so after every change to a closed file (CLOSE, PURGE,
 * TRANSFER, CHANGE, ORDER, TAG) CP writes a **checkpoint**: the tables, in
 * the first blocks of the area.  There are two copies, A and B, written in
 * turn, each with a sequence number and a checksum.  A checkpoint is written
 * only after the data blocks it names are on disk, so whichever copy is the
 * newest valid one describes files that are complete.  An abrupt stop in the
 * middle of writing a copy leaves that copy's checksum wrong: the warm start
 * takes the other, one change older.  Blocks a purged file gave back are
 * used again only after the checkpoint that no longer names that file is
 * written, so no valid copy ever names a block that holds something else.
 *
 * At IPL (spool_start) the newest valid copy is read: its files are there
 * again ("warm start"); a file still open when the machine stopped was in no
 * checkpoint, so it is gone, and its blocks are free (the allocation is
 * rebuilt from the chains, not trusted).  With no valid copy, the area
 * starts empty ("cold start").
 *
 * A track of the area is formatted (its four 4K records written after R0)
 * the first time one of its blocks is written; the checkpoint remembers
 * which tracks are, like the chains.
 */
#include "cp.h"
#include "dirfmt.h"

enum {
	MAX_BLOCKS = 8192,       /* of the area; more cylinders are not used */
	NBUF = 8,                /* blocks CP keeps in storage */
	CK_HDR = 40,
	LINK_END = 0xFFFF,
};
#define CK_MAGIC "S37SPCK1"

static struct rdev *dev;                   /* the spool volume; NULL: no spooling */
static uint16_t first_cyl, heads, per_track;
static uint32_t nblocks, ck_blocks;        /* blocks of the area; of one checkpoint copy */
static uint16_t spool_link[MAX_BLOCKS];    /* the block after each (+1), LINK_END the last, 0 free */
static uint8_t formatted[MAX_BLOCKS / 8];  /* one bit per track */
static uint32_t nfree, rover;
static uint32_t ck_seq;                    /* of the last checkpoint written */
static uint16_t next_id = 1;
static uint32_t next_seq = 1;
static uint16_t freed[SPOOL_MAX_FILES];    /* chains to free once the next checkpoint is written */
static uint16_t lk[MAX_BLOCKS];            /* the links as a checkpoint holds them */
static uint32_t nfreed;
struct spool_file spool_files[SPOOL_MAX_FILES];

static struct buf {
	uint32_t block; /* +1; 0: empty */
	bool dirty;
	uint32_t used;  /* for the replacement: a counter */
	uint8_t data[4096] __attribute__((aligned(8)));
} bufs[NBUF];
static uint32_t buf_clock;

bool spool_ready(void) { return dev != NULL; }

/* A string of at most n characters into dst (n + 1 bytes), zeros after it:
 * a file's fields go into the checkpoint as they are. */
void spool_copy(char *dst, const char *src, size_t n)
{
	size_t k = 0;
	for (; k < n && src[k]; k++)
		dst[k] = src[k];
	memset(dst + k, 0, n + 1 - k);
}

/* ---- the blocks on disk ---- */

/* Read or write block b (0-based) from or to buf (a real address). */
static bool block_io(uint32_t b, void *buf, bool write)
{
	uint32_t track = b / per_track;
	uint16_t cyl = (uint16_t)(first_cyl + track / heads), head = (uint16_t)(track % heads);
	uint8_t r = (uint8_t)(b % per_track + 1);
	bool format = write && !(formatted[track >> 3] & (1u << (track & 7)));
	int st = dasd_page_io(dev, cyl, head, r, per_track, buf, write, format);
	bool ok = st >= 0 && !(st & (US_UC | US_UX)) && !dev->chan;
	if (ok && format)
		formatted[track >> 3] |= (uint8_t)(1u << (track & 7));
	if (!ok && (write || (formatted[track >> 3] & (1u << (track & 7)))))
		con_printf("S37SPL090E Spool I/O error on %03X: block %u, status %02X%02X, sense %02X%02X", dev->addr, b,
		           st < 0 ? 0xFF : st, dev->chan, dev->sense[0], dev->sense[1]);
	return ok;
}

static bool buf_write(struct buf *x)
{
	if (x->dirty && x->block && !block_io(x->block - 1, x->data, true))
		return false;
	x->dirty = false;
	return true;
}

/* Block b in a buffer: read from disk, or (fresh) a new one, zeros. */
static struct buf *buf_get(uint32_t b, bool fresh)
{
	struct buf *x = NULL;
	for (int k = 0; k < NBUF; k++)
		if (bufs[k].block == b + 1)
			x = &bufs[k];
	if (!x) {
		x = &bufs[0];
		for (int k = 1; k < NBUF; k++)
			if (bufs[k].used < x->used)
				x = &bufs[k];
		buf_write(x);
		x->block = 0;
		if (fresh)
			memset(x->data, 0, 4096);
		else if (!block_io(b, x->data, false))
			return NULL;
		x->block = b + 1;
	}
	x->used = ++buf_clock;
	return x;
}

static void bufs_flush(void)
{
	for (int k = 0; k < NBUF; k++)
		buf_write(&bufs[k]);
}

static uint32_t block_alloc(void)
{
	for (uint32_t n = 0; n < nblocks && nfree; n++) {
		uint32_t b = rover++ % nblocks;
		if (b >= 2 * ck_blocks && !spool_link[b]) {
			spool_link[b] = LINK_END;
			nfree--;
			return b + 1;
		}
	}
	return 0;
}

/* The blocks of a chain from first (+1) are free now. */
static void chain_free(uint16_t first)
{
	for (uint32_t b = first, n = 0; b && b != LINK_END && n < nblocks; n++) {
		uint32_t next = spool_link[b - 1];
		spool_link[b - 1] = 0;
		nfree++;
		for (int k = 0; k < NBUF; k++)
			if (bufs[k].block == b)
				bufs[k].block = 0, bufs[k].dirty = false;
		b = next;
	}
}

/* ---- the checkpoint ---- */

/* The checkpoint is a stream of bytes cut into blocks: its header, the
 * formatted tracks, the links, the files in use. */
struct ck_stream {
	uint32_t copy, pos, block; /* which copy; bytes so far; blocks written or read */
	uint32_t sum1, sum2;
	uint8_t buf[4096] __attribute__((aligned(8)));
	bool ok;
};
static struct ck_stream ck;

static void ck_sum(struct ck_stream *s, const uint8_t *p, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		s->sum1 += p[k];
		s->sum2 += s->sum1;
	}
}

static void ck_put(struct ck_stream *s, const void *data, uint32_t n)
{
	const uint8_t *p = data;
	ck_sum(s, p, n);
	while (n) {
		uint32_t off = s->pos % 4096, k = 4096 - off < n ? 4096 - off : n;
		memcpy(s->buf + off, p, k);
		s->pos += k, p += k, n -= k;
		if (s->pos % 4096 == 0) {
			s->ok = s->ok && s->block < ck_blocks && block_io(s->copy * ck_blocks + s->block, s->buf, true);
			s->block++;
		}
	}
}

static bool ck_get(struct ck_stream *s, void *data, uint32_t n)
{
	uint8_t *p = data;
	while (n) {
		uint32_t off = s->pos % 4096, k = 4096 - off < n ? 4096 - off : n;
		if (off == 0) {
			if (s->block >= ck_blocks || !block_io(s->copy * ck_blocks + s->block, s->buf, false))
				return false;
			s->block++;
		}
		if (p)
			memcpy(p, s->buf + off, k);
		ck_sum(s, s->buf + off, k);
		s->pos += k, n -= k;
		if (p)
			p += k;
	}
	return true;
}

struct ck_header {
	char magic[8];
	uint32_t sum1, sum2;     /* of everything after them */
	uint32_t seq, length;    /* bytes of the stream */
	uint32_t nblocks, nfiles;
	uint32_t next_seq;
	uint16_t next_id, pad;
};
_Static_assert(sizeof(struct ck_header) == CK_HDR, "the checkpoint header");

static uint32_t files_used(void)
{
	uint32_t n = 0;
	for (int k = 0; k < SPOOL_MAX_FILES; k++)
		if (spool_files[k].id && !(spool_files[k].flags & SPF_OPEN))
			n++;
	return n;
}

/* Write the next checkpoint; then the blocks purged files left are free. */
bool spool_checkpoint(void)
{
	if (!dev)
		return false;
	bufs_flush(); /* the data first */
	struct ck_stream *s = &ck;
	memset(s, 0, sizeof *s);
	s->ok = true;
	s->copy = (ck_seq + 1) & 1;
	struct ck_header h;
	memset(&h, 0, sizeof h);
	memcpy(h.magic, CK_MAGIC, 8);
	h.seq = ck_seq + 1;
	h.nblocks = nblocks;
	h.nfiles = files_used();
	h.next_seq = next_seq;
	h.next_id = next_id;
	h.length = CK_HDR + (nblocks / per_track + 7) / 8 + nblocks * 2 + h.nfiles * sizeof(struct spool_file);
	/* the sums cover what follows them: computed over the stream first */
	struct ck_stream t;
	memset(&t, 0, sizeof t);
	ck_sum(&t, (uint8_t *)&h.seq, CK_HDR - 16);
	ck_sum(&t, formatted, (nblocks / per_track + 7) / 8);
	/* an open file's blocks are in no file of this checkpoint: links 0 */
	memcpy(lk, spool_link, nblocks * 2);
	for (int k = 0; k < SPOOL_MAX_FILES; k++)
		if (spool_files[k].id && (spool_files[k].flags & SPF_OPEN))
			for (uint32_t b = spool_files[k].first, n = 0; b && b != LINK_END && n < nblocks; n++) {
				uint32_t next = lk[b - 1];
				lk[b - 1] = 0;
				b = next;
			}
	ck_sum(&t, (uint8_t *)lk, nblocks * 2);
	for (int k = 0; k < SPOOL_MAX_FILES; k++)
		if (spool_files[k].id && !(spool_files[k].flags & SPF_OPEN))
			ck_sum(&t, (uint8_t *)&spool_files[k], sizeof(struct spool_file));
	h.sum1 = t.sum1;
	h.sum2 = t.sum2;
	ck_put(s, &h, CK_HDR);
	ck_put(s, formatted, (nblocks / per_track + 7) / 8);
	ck_put(s, lk, nblocks * 2);
	for (int k = 0; k < SPOOL_MAX_FILES; k++)
		if (spool_files[k].id && !(spool_files[k].flags & SPF_OPEN))
			ck_put(s, &spool_files[k], sizeof(struct spool_file));
	if (s->pos % 4096) {
		static const uint8_t pad[1];
		uint32_t n = 4096 - s->pos % 4096;
		while (n--)
			ck_put(s, pad, 1);
	}
	if (!s->ok) {
		con_printf("S37SPL091E The spool checkpoint could not be written: files may be lost at the next IPL");
		return false;
	}
	ck_seq = h.seq;
	for (uint32_t k = 0; k < nfreed; k++)
		chain_free(freed[k]);
	nfreed = 0;
	return true;
}

/* Read copy c: its header in *h when it is whole and its sums agree. */
static bool ck_valid(uint32_t c, struct ck_header *h)
{
	struct ck_stream *s = &ck;
	memset(s, 0, sizeof *s);
	s->copy = c;
	if (!ck_get(s, h, CK_HDR) || memcmp(h->magic, CK_MAGIC, 8) || h->nblocks != nblocks ||
	    h->nfiles > SPOOL_MAX_FILES || h->length > ck_blocks * 4096 || h->length < CK_HDR)
		return false;
	s->sum1 = s->sum2 = 0;
	ck_sum(s, (uint8_t *)&h->seq, CK_HDR - 16);
	if (!ck_get(s, NULL, h->length - CK_HDR))
		return false;
	return s->sum1 == h->sum1 && s->sum2 == h->sum2;
}

/* Load copy c (valid): the tables; the allocation rebuilt from the chains. */
static uint32_t ck_load(uint32_t c)
{
	struct ck_stream *s = &ck;
	struct ck_header h;
	memset(s, 0, sizeof *s);
	s->copy = c;
	ck_get(s, &h, CK_HDR);
	ck_get(s, formatted, (nblocks / per_track + 7) / 8);
	ck_get(s, lk, nblocks * 2);
	memset(spool_files, 0, sizeof spool_files);
	for (uint32_t k = 0; k < h.nfiles; k++)
		ck_get(s, &spool_files[k], sizeof(struct spool_file));
	ck_seq = h.seq;
	next_seq = h.next_seq;
	next_id = h.next_id ? h.next_id : 1;
	memset(spool_link, 0, sizeof spool_link);
	uint32_t n = 0;
	for (uint32_t k = 0; k < h.nfiles; k++) {
		struct spool_file *f = &spool_files[k];
		f->flags &= (uint8_t)~(SPF_OPEN | SPF_READING); /* no reader has it now */
		uint32_t count = 0, b = f->first;
		bool good = true;
		while (b && b != LINK_END && good) {
			good = b <= nblocks && b > 2 * ck_blocks && !spool_link[b - 1] && count < f->nblocks;
			if (good) {
				spool_link[b - 1] = lk[b - 1] ? lk[b - 1] : LINK_END;
				count++;
				b = lk[b - 1];
			}
		}
		if (!good || count != f->nblocks) { /* a broken chain: the file is dropped, said on the console */
			con_printf("S37SPL092W Spool file %04u of %s is damaged: purged", f->id, f->origin);
			for (uint32_t j = f->first; j && j <= nblocks && spool_link[j - 1] && count--;) {
				uint32_t next = spool_link[j - 1];
				spool_link[j - 1] = 0;
				j = next;
			}
			memset(f, 0, sizeof *f);
			continue;
		}
		n++;
	}
	nfree = 0;
	for (uint32_t b = 2 * ck_blocks; b < nblocks; b++)
		nfree += !spool_link[b];
	return n;
}

/* At IPL: the directory's spool area, and the files that were in it. */
void spool_start(void)
{
	struct dir_tdisk a;
	if (!dir_spool(&a)) {
		con_printf("S37SPL000W No SPOOL area in the directory: no spooling");
		return;
	}
	char vol[7];
	cp_field(vol, a.volser, 6);
	struct rdev *d = dasd_find_volume(vol);
	heads = d ? (uint16_t)dasd_heads(d->type) : 0;
	per_track = d && (d->type == 0x3330 || d->type == 0x3350 || d->type == 0x3380) ? (uint16_t)dasd_pages_per_track(d->type) : 0;
	if (!d || !heads || !per_track) {
		con_printf("S37SPL001E The spool volume %s is not mounted, or not a 3330, 3350 or 3380: no spooling", vol);
		return;
	}
	dev = d;
	first_cyl = a.start;
	nblocks = (uint32_t)a.count * heads * per_track;
	if (nblocks > MAX_BLOCKS)
		nblocks = MAX_BLOCKS - MAX_BLOCKS % per_track;
	uint32_t bytes = CK_HDR + (nblocks / per_track + 7) / 8 + nblocks * 2 + SPOOL_MAX_FILES * sizeof(struct spool_file);
	ck_blocks = (bytes + 4095) / 4096;
	ck_blocks = (ck_blocks + per_track - 1) / per_track * per_track; /* the copies share no track */
	struct ck_header h0, h1;
	bool v0 = ck_valid(0, &h0), v1 = ck_valid(1, &h1);
	uint32_t files = 0;
	const char *how = "cold start";
	if (v0 || v1) {
		files = ck_load(v0 && (!v1 || h0.seq > h1.seq) ? 0 : 1);
		how = "warm start";
	} else {
		memset(formatted, 0, sizeof formatted);
		nfree = nblocks - 2 * ck_blocks;
		spool_checkpoint();
	}
	con_printf("Spool area: %s cylinders %u-%u, %u blocks of 4K, %s: %u files", vol, a.start,
	           a.start + a.count - 1, nblocks, how, files);
}

/* ---- files ---- */

struct spool_file *spool_find(uint16_t id)
{
	for (int k = 0; id && k < SPOOL_MAX_FILES; k++)
		if (spool_files[k].id == id)
			return &spool_files[k];
	return NULL;
}

uint32_t spool_new_seq(void) { return next_seq++; }

/* f first in its owner's queue: the others keep their order after it. */
void spool_to_front(struct spool_file *f)
{
	uint32_t low = f->seq;
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *x = &spool_files[k];
		if (x->id && x->queue == f->queue && !strcmp(x->owner, f->owner) && x->seq < low)
			low = x->seq;
	}
	if (low == f->seq)
		return;
	/* every file of the queue one place on, in order; f takes the first */
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *x = &spool_files[k];
		if (x->id && x->queue == f->queue && !strcmp(x->owner, f->owner) && x->seq < f->seq)
			x->seq++;
	}
	f->seq = low;
	spool_checkpoint();
}

struct spool_file *spool_create(const char *origin, char devtype, char cls)
{
	if (!dev)
		return NULL;
	struct spool_file *f = NULL;
	for (int k = 0; k < SPOOL_MAX_FILES && !f; k++)
		if (!spool_files[k].id)
			f = &spool_files[k];
	if (!f)
		return NULL;
	for (int n = 0; n < 9999 && spool_find(next_id); n++)
		next_id = next_id % 9999 + 1;
	memset(f, 0, sizeof *f);
	f->id = next_id;
	next_id = next_id % 9999 + 1;
	f->flags = SPF_OPEN;
	f->devtype = devtype;
	f->cls = cls;
	f->queue = devtype;
	f->copies = 1;
	f->seq = next_seq++;
	spool_copy(f->origin, origin, 8);
	spool_copy(f->owner, origin, 8);
	struct cp_time t;
	cp_time(&t);
	cp_format(f->date, sizeof f->date, "%02u/%02u %02u:%02u", t.month, t.day, t.hour, t.min);
	return f;
}

bool spool_put(struct spool_file *f, uint8_t cmd, const uint8_t *data, uint16_t n)
{
	if (n > 4096 - 8 - 3)
		n = 4096 - 8 - 3;
	struct buf *x = f->last ? buf_get(f->last - 1, false) : NULL;
	if (f->last && !x)
		return false;
	uint32_t used = x ? (uint32_t)(x->data[4] << 8 | x->data[5]) : 0;
	if (!x || used + 3u + n > 4096) {
		uint32_t b = block_alloc();
		if (!b)
			return false;
		struct buf *y = buf_get(b - 1, true);
		if (x)
			spool_link[f->last - 1] = (uint16_t)b;
		else
			f->first = (uint16_t)b;
		f->last = (uint16_t)b;
		y->data[0] = (uint8_t)(f->id >> 8);
		y->data[1] = (uint8_t)f->id;
		y->data[2] = (uint8_t)(f->nblocks >> 8);
		y->data[3] = (uint8_t)f->nblocks;
		f->nblocks++;
		used = 8;
		x = y;
	}
	uint8_t *p = x->data + used;
	p[0] = (uint8_t)(n >> 8);
	p[1] = (uint8_t)n;
	p[2] = cmd;
	memcpy(p + 3, data, n);
	used += 3u + n;
	x->data[4] = (uint8_t)(used >> 8);
	x->data[5] = (uint8_t)used;
	uint16_t recs = (uint16_t)(x->data[6] << 8 | x->data[7]) + 1;
	x->data[6] = (uint8_t)(recs >> 8);
	x->data[7] = (uint8_t)recs;
	x->dirty = true;
	f->records++;
	return true;
}

void spool_close(struct spool_file *f)
{
	f->flags &= (uint8_t)~SPF_OPEN;
	spool_checkpoint();
}

void spool_purge(struct spool_file *f)
{
	bool open = f->flags & SPF_OPEN;
	uint16_t first = f->first;
	memset(f, 0, sizeof *f);
	if (open) { /* in no checkpoint: its blocks are free at once */
		chain_free(first);
		return;
	}
	if (first && nfreed < SPOOL_MAX_FILES) /* (else lost until the next IPL's warm start finds them free) */
		freed[nfreed++] = first;
	spool_checkpoint();
}

/* The record at the cursor: its command code in *cmd, up to max bytes of it
 * into data; its length, or -1 at the end of the file (or an I/O error). */
int spool_get(struct spool_cursor *c, uint8_t *cmd, uint8_t *data, uint16_t max)
{
	const struct spool_file *f = c->f;
	if (!c->block) {
		if (!f->first || f->first == LINK_END)
			return -1;
		c->block = f->first;
		c->off = 8;
	}
	for (;;) {
		struct buf *x = buf_get(c->block - 1, false);
		if (!x)
			return -1;
		uint32_t used = (uint32_t)(x->data[4] << 8 | x->data[5]);
		if (c->off + 3 <= used) {
			const uint8_t *p = x->data + c->off;
			uint16_t n = (uint16_t)(p[0] << 8 | p[1]);
			*cmd = p[2];
			memcpy(data, p + 3, n < max ? n : max);
			c->off += 3u + n;
			c->recno++;
			return n;
		}
		uint16_t next = spool_link[c->block - 1];
		if (!next || next == LINK_END)
			return -1;
		c->block = next;
		c->off = 8;
	}
}

/* The whole block a cursor is at, or the next one (DIAGNOSE X'14'): false at the end. */
bool spool_get_block(struct spool_cursor *c, uint8_t *out)
{
	uint16_t b = !c->block ? c->f->first : spool_link[c->block - 1];
	if (!b || b == LINK_END)
		return false;
	struct buf *x = buf_get(b - 1, false);
	if (!x)
		return false;
	memcpy(out, x->data, 4096);
	c->block = b;
	c->off = (uint32_t)(x->data[4] << 8 | x->data[5]);
	c->recno += (uint32_t)(x->data[6] << 8 | x->data[7]);
	return true;
}

void spool_space(uint32_t *blocks, uint32_t *free_blocks)
{
	*blocks = dev ? nblocks - 2 * ck_blocks : 0;
	*free_blocks = nfree;
}
