/* dirfmt.h — the user directory as it lies on the system volume.
 *
 * Written by the host tool tools/direct.c from a text source
 * (dasd-images/user.direct, the statements of VM/370's directory), read by
 * CP at LOGON (cp/userdir.c).  One header, so the two cannot disagree.
 *
 * Place: cylinder DIR_CYL of the system volume, records of DIR_RECLEN bytes,
 * R1, R2, ... on each track as many as fit, track after track (on over the
 * next cylinders when one is not enough: 419 users fill a 3350's).  Record 0 of
 * the directory (cylinder DIR_CYL, head 0, R1) is the header; then one
 * record per user.  Numbers are big-endian, as the S/370 stores them; text
 * is ASCII, upper case, padded with blanks (CP's messages are composed in
 * ASCII and translated at the device).
 *
 * Passwords are not kept: only SHA-256(salt, userid, password) (cp/sha256.c),
 * with a salt of its own for every user.
 */
#ifndef CP_DIRFMT_H
#define CP_DIRFMT_H

#include <stdint.h>

enum {
	DIR_CYL = 2,        /* cylinders 0 (IPL, label, VTOC) and 1 (nucleus) come first */
	DIR_RECLEN = 1024,  /* one user: its statements fit */
	DIR_MAX_MDISK = 16,
	DIR_MAX_LINK = 8,
	DIR_MAX_DEDICATE = 4,
	DIR_MAX_SPOOL = 6,
	DIR_MAX_TDISK = 8,
};
#define DIR_MAGIC "S37DIR01"

/* Space for temporary disks (DEFINE T3350 ...), for paging (paging.c) and
 * for spool files (spool.c): the source's system statements TDISK, PAGING
 * and SPOOL volser start count, before
 * the first USER.  CP hands out cylinders of T-disk areas and takes them
 * back at DETACH and LOGOFF; no MDISK may lie in an area, nor two areas over
 * each other (direct checks it). */
struct dir_tdisk {
	char volser[6];
	uint16_t start, count;     /* cylinders */
};

struct dir_header {            /* record 0 */
	char magic[8];             /* DIR_MAGIC */
	uint32_t users;            /* user records that follow */
	uint32_t per_track;        /* records per track */
	uint32_t generation;       /* counts rewrites of the directory */
	uint32_t n_tdisk;          /* T-disk areas (0 in a directory written before they existed) */
	struct dir_tdisk tdisk[DIR_MAX_TDISK];
	struct dir_tdisk paging;   /* the paging area: PAGING volser start count (count 0: none) */
	struct dir_tdisk spool;    /* the spool area: SPOOL volser start count, before the first USER (count 0: none) */
};

struct dir_mdisk {
	uint16_t vaddr;            /* the virtual device address */
	uint16_t devtype;          /* X'3350' ... */
	uint16_t start, count;     /* cylinders (CKD); FBA: bits 0-15 of 512-byte blocks (dir_user.mdisk_hi) */
	char volser[6];
	char mode[4];              /* R, RR, W, WR, M, MR, MW */
	uint8_t pw_hash[3][8];     /* read, write, multiple link passwords: the first 8 bytes of their
	                            * hash; all zero: no link in that mode; all X'FF': ALL (none needed) */
};

struct dir_link {
	char userid[8];
	uint16_t their_vaddr, my_vaddr;
	char mode[4];
};

struct dir_dev {               /* SPOOL or DEDICATE */
	uint16_t vaddr;
	uint16_t devtype;          /* SPOOL: X'2540', X'1403' ...; DEDICATE: 0 */
	uint16_t raddr;            /* DEDICATE: the real device */
	char cls;                  /* SPOOL: the spool class */
	char kind;                 /* SPOOL: R reader, P punch, L printer */
};

struct dir_user {              /* one record of DIR_RECLEN bytes */
	char userid[8];
	uint8_t salt[8];
	uint8_t pw_hash[32];       /* SHA-256 of salt, userid, password; all zero: NOLOG */
	uint32_t storage_kb, max_storage_kb;
	char classes[8];           /* privilege classes A-G, blank padded */
	char account[8];
	uint32_t options;          /* DIR_OPT_* */
	uint16_t console_vaddr, console_type;
	uint8_t n_mdisk, n_link, n_spool, n_dedicate;
	struct dir_mdisk mdisk[DIR_MAX_MDISK];
	struct dir_link link[DIR_MAX_LINK];
	struct dir_dev spool[DIR_MAX_SPOOL];
	struct dir_dev dedicate[DIR_MAX_DEDICATE];
	/* FBA minidisks (MDISK vaddr 3310|3370 ...): bits 16-23 of mdisk[k]'s
	 * start and count, which are blocks (a 3370 has 558,000 and more).  At
	 * the end, so that a record written before FBA existed reads as zeros. */
	uint8_t mdisk_hi[DIR_MAX_MDISK][2];
};
enum { DIR_OPT_REALTIMER = 1, DIR_OPT_ECMODE = 2, DIR_OPT_BMX = 4, DIR_OPT_ISAM = 8 };

/* An MDISK's first block (FBA) or cylinder (CKD), and how many. */
static inline uint32_t dir_mdisk_start(const struct dir_user *u, int k)
{
	const uint8_t *p = (const uint8_t *)&u->mdisk[k].start;
	return (uint32_t)u->mdisk_hi[k][0] << 16 | (uint32_t)p[0] << 8 | p[1];
}
static inline uint32_t dir_mdisk_count(const struct dir_user *u, int k)
{
	const uint8_t *p = (const uint8_t *)&u->mdisk[k].count;
	return (uint32_t)u->mdisk_hi[k][1] << 16 | (uint32_t)p[0] << 8 | p[1];
}
/* The fixed-block types: their MDISK extents are 512-byte blocks. */
static inline int dir_type_fba(uint16_t type)
{
	return type == 0x3310 || type == 0x3370;
}

_Static_assert(sizeof(struct dir_user) <= DIR_RECLEN, "a user fits in one directory record");
_Static_assert(sizeof(struct dir_header) <= DIR_RECLEN, "the header fits in one directory record");

/* The password hash stored above (dirhash.c, in CP and in tools/direct.c). */
void dir_hash_password(const uint8_t salt[8], const char userid[8], const char *pw, uint8_t out[32]);

#endif
