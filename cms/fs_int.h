/* fs_int.h — what the file system's files (cms/fs*.c) share and nobody else
 * sees: an accessed disk in storage, an open file, the helpers for the
 * on-disk structures that cmsfs.h describes.
 *
 *   fs_disk.c    blocks, checksums, the label, FORMAT, loading a state, commit, allocation
 *   fs_dir.c     file identifiers, patterns, the directory: STATE, LISTFILE, ERASE, RENAME
 *   fs_file.c    open files: records in and out, replace on close
 *   fs_access.c  the mode table A-Z, read-only extensions, the search order
 *   fs_check.c   the consistency check
 *   fs_ipl.c     the nucleus area and the IPL records
 *
 * Three sets of blocks are never handed out (fs_alloc): the committed state
 * (cmap: what the label on disk describes, its directory and map blocks
 * included), the live directory's files (lmap: equal to cmap but for the
 * committed metadata between commits) and the blocks open files hold (hmap:
 * data written but not yet in the directory, and the blocks readers and
 * appenders are using).  A block freed by ERASE or a replacement leaves lmap
 * at once, cmap only when the next label is written: until then the old
 * state is still whole on disk.
 */
#ifndef CMS_FS_INT_H
#define CMS_FS_INT_H

#include "cms.h"
#include "cmsfs.h"

/* A directory entry as kept in storage (FS_DENT_LEN bytes on disk). */
struct fs_dent {
	char fn[9], ft[9];
	char digit; /* the mode number '0'-'9' ('1' when none was given) */
	char recfm; /* 'F' or 'V' */
	uint32_t lrecl, records, blocks, bytes;
	uint32_t index;  /* the first index block (0: no data) */
	uint32_t nindex; /* index blocks in the chain */
	uint16_t year;
	uint8_t month, day, hour, minute, second;
};

struct fs_openf;

struct cms_vol {
	struct cms_blkdev *dev;
	char mode, parent;
	bool readonly;
	bool released; /* out of the mode table; freed when its last file closes */
	char label[7];
	uint32_t nblocks; /* as formatted (<= dev->nblocks) */
	uint32_t seq;     /* the committed label's sequence number */
	uint32_t nuc_first, nuc_count, nuc_bytes;
	uint16_t fmt_year;
	uint8_t fmt_month, fmt_day;
	uint32_t ndir, nmap; /* the committed state's metadata blocks */
	uint32_t *meta;      /* their numbers: ndir directory blocks, then nmap map blocks */
	struct fs_dent *dir; /* the live directory */
	uint32_t nfiles;
	uint32_t *cmap, *lmap, *hmap; /* bitmaps of nblocks bits (words of 32) */
	uint32_t mapwords;
	uint32_t hint;          /* where the next allocation starts looking */
	struct cms_file *files; /* open files (a list through cms_file.next) */
};

/* An open file: reading (blocks[] the file's data blocks and index blocks,
 * held) or writing (blocks[] the data blocks written so far). */
struct cms_file {
	struct cms_file *next;
	struct cms_vol *vol;
	bool writing, failed;
	struct fs_dent d; /* reading: the file's entry; writing: the new entry */
	uint32_t *blocks; /* data blocks in file order */
	uint32_t nblk, blkcap;
	uint32_t *extra; /* reading: the index blocks (held too) */
	uint32_t nextra;
	uint32_t pos;     /* reading: byte offset in the file; writing: bytes in buf */
	uint32_t cur;     /* reading: which data block is in buf (UINT32_MAX none) */
	uint32_t recno;   /* records read */
	uint32_t limit;   /* writing V: the longest record allowed (0: 65535) */
	bool digit_given; /* writing: the mode number was named (else the old file's, or 1) */
	uint8_t *buf;     /* one block */
};

/* ---- numbers and names on disk (big-endian, names EBCDIC) ---- */
#define fs_get32 cms_get32 /* (cmslib.h) */
#define fs_put32 cms_put32
static inline uint16_t fs_get16(const uint8_t *p)
{
	return (uint16_t)(p[0] << 8 | p[1]);
}
static inline void fs_put16(uint8_t *p, uint16_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}
/* An ASCII name of up to n characters into n EBCDIC bytes, blank-padded;
 * and back (terminated, blanks dropped). */
void fs_name_out(uint8_t *p, const char *name, int n);
void fs_name_in(char *name, const uint8_t *p, int n);

/* ---- bitmaps ---- */
static inline bool fs_bit(const uint32_t *m, uint32_t b)
{
	return (m[b >> 5] >> (b & 31)) & 1;
}
static inline void fs_set(uint32_t *m, uint32_t b)
{
	m[b >> 5] |= 1u << (b & 31);
}
static inline void fs_clr(uint32_t *m, uint32_t b)
{
	m[b >> 5] &= ~(1u << (b & 31));
}

/* ---- fs_disk.c ---- */
/* The detail of the last failure (fs_errtext) and the return code. */
int fs_fail(int rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
uint32_t fs_sum(const uint8_t *blk); /* the checksum of bytes 0-4091 */
void fs_seal(uint8_t *blk);          /* put it at 4092 */
bool fs_sealed(const uint8_t *blk, const char *magic);
int fs_rd(struct cms_blkdev *b, uint32_t blk, void *buf);
int fs_wr(struct cms_blkdev *b, uint32_t blk, const void *buf);
/* Load the newest valid state of b into a new vol (mode etc. unset). */
int fs_load(struct cms_blkdev *b, struct cms_vol **out);
void fs_vol_free(struct cms_vol *v);
/* A free block (held in hmap from now on), or 0 when the disk is full. */
uint32_t fs_alloc(struct cms_vol *v);
/* hmap again from the open files (after one closed). */
void fs_rehold(struct cms_vol *v);
/* Make dir[0..n) the new state: lmap' is the live map it implies (files and
 * reserved blocks).  Writes the directory and map to free blocks, then the
 * label; on success the vol takes dir and lmap2 (and frees the old ones),
 * on failure the caller still owns them and nothing changed. */
int fs_commit(struct cms_vol *v, struct fs_dent *dir, uint32_t n, uint32_t *lmap2);
/* A copy of v's live directory with room for one more, and of lmap. */
int fs_copy_state(struct cms_vol *v, struct fs_dent **dir, uint32_t **lmap);
/* A file's blocks: its data blocks and index blocks (read from its index
 * chain), each array from cms_alloc (NULL when there are none). */
int fs_file_blocks(struct cms_vol *v, const struct fs_dent *d, uint32_t **data, uint32_t *ndata,
                   uint32_t **index, uint32_t *nindex);

/* ---- fs_dir.c ---- */
int fs_find(struct cms_vol *v, const char *fn, const char *ft); /* the index in v->dir, or -1 */
bool fs_match(const char *pattern, const char *name);
bool fs_is_pattern(const struct cms_fileid *id); /* a * or % in its name or type */
/* The disk and the directory index of an existing file named exactly by id
 * (found by the search order when fm is "" or "*"); for write, a disk that
 * may be written, or RC_DISKRO. */
int fs_locate(const struct cms_fileid *id, bool write, struct cms_vol **vp, int *ip);
void fs_dent_fst(const struct cms_vol *v, const struct fs_dent *d, struct cms_fst *out);

/* ---- fs_access.c ---- */
/* The disks to look at for fm ("", "*", "A", "A1"), in search order; n of
 * them.  A letter gives that disk and its read-only extensions. */
int fs_search(const char *fm, struct cms_vol **out, int max);
/* The disk a file is written on for fm ("" → A); RC_DISKRO when it is not
 * accessed or read-only. */
int fs_target(const char *fm, struct cms_vol **out);
char fs_digit(const char *fm); /* the mode number of fm, or 0 */

#endif
