/* cmsfs.h — the CMS file system: its format on a minidisk and the calls the
 * rest of CMS makes.  ONE header for the nucleus (cms/fs*.c running in the
 * virtual machine) and the host (tools/cmsfs.c, tests/cms): the same code,
 * compiled twice, reads and writes the same format.  docs/cms-format.md
 * describes the format for people.
 *
 * (The on-disk structures are defined by the file system's author below the
 * API; the API is what commands, the editor and EXEC call.)
 */
#ifndef CMS_CMSFS_H
#define CMS_CMSFS_H

#include "cmslib.h"

enum { CMS_BLKSIZE = 4096 };

/* ---- a minidisk as numbered 4K blocks ----
 * In the nucleus cms/blk.c makes one for a virtual device (CKD: its 4K
 * records, DIAGNOSE X'18'; FBA: 8 blocks of 512, DIAGNOSE X'20'); on the
 * host, tools/cmsfs.c for an extent of a CKD or FBA image.  read and write
 * return 0, or nonzero on an I/O error (the caller reports it). */
struct cms_blkdev {
	void *ctx;
	uint32_t nblocks;  /* blocks the disk holds (formatted or not) */
	bool readonly;
	uint16_t devtype;  /* 0x3350, 0x3370 ...: shown by QUERY DISK */
	uint16_t vaddr;    /* the virtual device (0 on the host) */
	int (*read)(struct cms_blkdev *b, uint32_t blk, void *buf);
	int (*write)(struct cms_blkdev *b, uint32_t blk, const void *buf);
	/* A block's record must first be made (CKD tracks formatted): called
	 * by FORMAT for every block before anything else is written. */
	int (*format)(struct cms_blkdev *b, uint32_t blk);
};

/* A file's identifier: fn ft fm, upper case, blank-free, terminated. fm is
 * the mode letter and an optional digit ("A1"); "" when not yet known. */
struct cms_fileid {
	char fn[9], ft[9], fm[3];
};

/* What the directory says of a file (LISTFILE's columns). */
struct cms_fst {
	struct cms_fileid id;
	char recfm;           /* 'F' or 'V' */
	uint32_t lrecl;       /* F: every record's length; V: the longest */
	uint32_t records;
	uint32_t blocks;      /* data blocks (4K) the file occupies */
	uint16_t year;        /* when last written (local time of the guest's TOD) */
	uint8_t month, day, hour, minute, second;
};

struct cms_file; /* an open file (opaque) */
struct cms_vol;  /* an accessed minidisk (opaque) */

/* ---- accessed disks: modes A-Z and the search order (fs_access.c) ----
 * The nucleus keeps a table of accessed disks by mode letter; the search
 * order for a file named without a mode (or with '*') is A, B, ... Z, with a
 * read-only extension looked at right after its parent (ACCESS 192 B/A). */
int fs_access(struct cms_blkdev *b, char mode, char parent, bool readonly); /* rc: 0, or RC_ as cms.h */
/* (FS_RC_NOTCMS: never FORMATted, or not this format; FS_RC_IO.  An
 * extension (parent set) is always read-only.  A disk accessed under
 * another mode, or another disk under this mode, is released first.) */
int fs_release(char mode);
/* (Files still open on a released disk go on working until they are
 * closed: its cms_blkdev must stay until then.) */
struct cms_vol *fs_vol(char mode);            /* NULL when not accessed */
struct cms_blkdev *fs_vol_dev(struct cms_vol *v);
/* QUERY DISK's facts: label, blocks total and used, files, read-only. */
struct cms_volinfo {
	char label[7];
	char mode, parent;
	bool readonly;
	uint32_t blocks, used, files;
};
int fs_volinfo(char mode, struct cms_volinfo *out);

/* FORMAT: a new, empty file system on the whole disk (its label: 1-6
 * characters).  Everything there before is gone. */
/* (A mode the disk is accessed under is released first: ACCESS it again
 * after; RC_BADOPT while files are open on it.) */
int fs_format(struct cms_blkdev *b, const char *label);

/* Find a file: fm may be "" or "*" (the search order), "A", or "A1".  The
 * full identifier (with the mode where it was found) goes to out. */
int fs_state(const struct cms_fileid *id, struct cms_fst *out);
/* Every file matching the pattern (fn and ft may be '*' or end in '*'; fm
 * '*' is every disk), in search order, then directory order.  fn returns
 * nonzero to stop (that value is returned).  RC_NOTFOUND when nothing
 * matches, RC_DISKRO when fm names a disk not accessed. */
int fs_list(const struct cms_fileid *pattern, int (*fn)(const struct cms_fst *f, void *arg), void *arg);

/* Reading: records one at a time, EBCDIC bytes as stored. */
int fs_open_read(const struct cms_fileid *id, struct cms_file **out);
int fs_read(struct cms_file *f, void *rec, uint32_t max, uint32_t *len); /* RC_EOF at the end */
/* (A record longer than max: its first max bytes, *len = max, RC_WARN.) */
/* Writing: a new file (replacing one of that name on the same disk when it
 * is closed: until then the old one is still there, whole).  recfm 'F'
 * needs lrecl; 'V' takes records of 1..65535 bytes (lrecl 0: any).
 * fs_open_append: records added at the end of an existing file (or a new
 * one), recfm and lrecl as the file's. */
int fs_open_write(const struct cms_fileid *id, char recfm, uint32_t lrecl, struct cms_file **out);
int fs_open_append(const struct cms_fileid *id, char recfm, uint32_t lrecl, struct cms_file **out);
int fs_write(struct cms_file *f, const void *rec, uint32_t len);
/* (F: a shorter record is padded with EBCDIC blanks, a longer one is
 * RC_BADOPT; V: 1..65535 bytes, at most lrecl when lrecl was given.
 * RC_DISKFULL leaves the file open without that record: close keeps what
 * was written before, fs_abandon drops it.) */
/* Close: for a written file, the directory and allocation map are written
 * so that the disk holds either the old state or the new, whole, whatever
 * moment the machine stops at.  fs_abandon drops a written file unkept. */
int fs_close(struct cms_file *f);
void fs_abandon(struct cms_file *f);
void fs_abandon_all(void); /* every open file of every accessed disk (HX, an abend) */

int fs_erase(const struct cms_fileid *id);                                 /* fm needed (or found by search) */
int fs_rename(const struct cms_fileid *from, const struct cms_fileid *to); /* same disk */
/* (No patterns: RC_BADNAME.  A file found on a read-only disk or extension:
 * RC_DISKRO.  RENAME: to's fm "" or "*" is from's disk, a digit there sets
 * the mode number; FS_RC_EXISTS when to exists already.) */

/* Parse "fn ft [fm]" words into an identifier (upper-cased); RC_BADNAME
 * when a name is too long or has a bad character. */
int fs_fileid(struct cms_fileid *id, const char *fn, const char *ft, const char *fm);

/* The clock the file system stamps files with (the nucleus: the TOD clock;
 * the host: time()).  Not in fs*.c: the nucleus defines it, as do
 * tools/cmsfs.c and tests/cms/fs_memdev.c. */
void fs_now(struct cms_fst *stamp);

/* ---- additions by the file system (fs_*.c) ---- */

/* Return codes of its own, beside cms.h's: the disk has no valid label
 * (never FORMATted, another format, or damaged), a RENAME's new name exists
 * already, the device reported an I/O error. */
enum { FS_RC_NOTCMS = 40, FS_RC_EXISTS = 44, FS_RC_IO = 100 };

/* The detail of the last failure of an fs_ call (ASCII, no message id):
 * what a command adds to its DMS message. */
const char *fs_errtext(void);

/* The consistency check (fs_check.c) of the newest state on b (accessed or
 * not): 0 when it is consistent, else RC_ERR with the first problem in
 * report (and how many problems in *problems). */
int fs_check(struct cms_blkdev *b, char *report, size_t size, uint32_t *problems);

/* How the blocks of a CKD minidisk lie on its tracks (cms/blk.c and the
 * host tool both follow it): false for a type that holds no 4K record. */
bool fs_ckd_geometry(uint16_t devtype, uint32_t *heads, uint32_t *per_track);

/* The nucleus area (fs_ipl.c): put an IPL-able program of len bytes (a flat
 * binary loaded at FS_NUC_ORIGIN and started there) on the disk accessed
 * as mode, a CKD one: blocks 0-1 become its IPL records, the program goes
 * to contiguous free blocks that the label then reserves (an earlier
 * nucleus's area becomes free).  RC_DISKFULL when no run of free blocks is
 * long enough, RC_BADOPT for FBA or a program too long. */
enum { FS_NUC_ORIGIN = 0x10000, FS_IPL2_AT = 0x1000, FS_NUC_MAXBLK = 200 };
int fs_nucleus(char mode, const void *prog, uint32_t len);

/* Forget every accessed disk (the nucleus's start: nothing survives IPL). */
void fs_reset(void);

/* ==== The format on disk (docs/cms-format.md tells the same) ====
 *
 * The disk is numbered 4K blocks.  On a CKD minidisk block b is record
 * (b mod k) + 1 of track (b div k), tracks counted from the minidisk's own
 * cylinder 0 head 0 (cylinder = track div heads), k 4K records a track as
 * fs_ckd_geometry gives it: 2314 1, 3330 3, 3340 2, 3350 4, 3375 8, 3380
 * 10.  The records have no key and 4096 data bytes; their count fields say
 * the minidisk's cylinder (CP relocates only the seeks).  On FBA block b is
 * the 512-byte blocks 8b..8b+7 of the minidisk.  Numbers are big-endian,
 * names EBCDIC padded with blanks.  Every metadata block ends with a
 * checksum (bytes 4092-4095, fs_sum: rotate left 5 and add, word by word,
 * over bytes 0-4091) and starts with a 4-byte magic.
 *
 *   block 0   IPL1: a BC-mode PSW and two CCWs in bytes 0-23 (a disk
 *             without a nucleus: a disabled-wait PSW and a NOP)
 *   block 1   IPL2: the channel program that reads the nucleus (zeros
 *             without one)
 *   block 2,3 the labels: the state with sequence number s is in block
 *             2 + (s & 1); the valid one (magic, checksum, its directory
 *             and map blocks valid) with the higher s is the disk's state
 *   others    directory, map, index and data blocks, the nucleus area:
 *             wherever they were free when they were written
 *
 * A change is never written over the committed state: new data, index,
 * directory and map blocks go to blocks free in it, and the new label,
 * written last into the other label block, is the commit.  A stop at any
 * moment leaves the old label (and its state) or the new one valid.
 */
enum {
	FS_BLK_IPL1 = 0, FS_BLK_IPL2 = 1, FS_BLK_LABEL = 2, /* and 3 */
	FS_RESERVED = 4,          /* blocks 0-3 */
	FS_SUM_AT = 4092,         /* the checksum of a metadata block */
	FS_VERSION = 1,
	FS_MAX_META = 991,        /* directory + map block numbers a label holds */
};
/* The label (block 2 or 3):
 *   0 "CMS370FS" (ASCII)    8 version    12 sequence number
 *  16 label (6, EBCDIC) and 2 blanks     24 block size (4096)
 *  28 blocks formatted      32 nucleus: first block, 36 blocks, 40 bytes
 *  44 files                 48 blocks in use (this state, all of it)
 *  52 directory blocks      56 map blocks   60 device type when formatted
 *  62 reserved              64 FORMAT's date: year (2) month day
 *  68 reserved to 128       128 block numbers: the directory's, then the map's
 */
#define FS_LABEL_MAGIC "CMS370FS"
enum {
	FSL_VERSION = 8, FSL_SEQ = 12, FSL_LABEL = 16, FSL_BLKSIZE = 24, FSL_NBLOCKS = 28, FSL_NUC_FIRST = 32,
	FSL_NUC_COUNT = 36, FSL_NUC_BYTES = 40, FSL_FILES = 44, FSL_USED = 48, FSL_NDIR = 52, FSL_NMAP = 56,
	FSL_DEVTYPE = 60, FSL_FMTDATE = 64, FSL_META = 128,
};
/* A directory block: "CMSD", the label's sequence number, entries in this
 * block, 4 reserved; then FS_DENTS entries of 64 bytes:
 *   0 fn (8)  8 ft (8)  16 mode number (EBCDIC digit)  17 recfm (EBCDIC F/V)
 *  18 reserved (2)      20 lrecl   24 records   28 data blocks   32 bytes of data
 *  36 first index block (0: none)  40 index blocks
 *  44 year (2) month day hour minute second   51 reserved to 64
 * A map block: "CMSM", sequence number, its first block number, reserved;
 * then FS_MAPBYTES bytes, one bit a block (X'80' of the first byte is its
 * first block), 1 in use.  Blocks past the formatted size are 1.
 * An index block: "CMSI", the next index block (0: the last), the data
 * block numbers in this one, reserved; then FS_IDX data block numbers.
 * A file's data is a stream of bytes cut into its data blocks in order:
 * F records are lrecl bytes each, packed; V records are a 2-byte length
 * and that many bytes, packed; both run across block boundaries. */
enum {
	FS_DENT_LEN = 64, FS_DENTS = 63, FS_HDR = 16,
	FS_MAPBYTES = FS_SUM_AT - FS_HDR, /* 4076: 32608 blocks a map block */
	FS_IDX = (FS_SUM_AT - FS_HDR) / 4, /* 1019 */
	FSD_FN = 0, FSD_FT = 8, FSD_DIGIT = 16, FSD_RECFM = 17, FSD_LRECL = 20, FSD_RECORDS = 24, FSD_BLOCKS = 28,
	FSD_BYTES = 32, FSD_INDEX = 36, FSD_NINDEX = 40, FSD_DATE = 44,
};

#endif
