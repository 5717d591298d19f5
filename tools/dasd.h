/* dasd.h — the `dasd` host tool: shared by its subcommands.
 *
 *   dasd.c         command line, usage, small helpers (EBCDIC text, numbers)
 *   dasd_init.c    `dasd init`: a new CKD, CCKD or FBA volume
 *   dasd_vtoc.c    the OS VTOC: VOL1 label, DSCBs, extents; `dasd ls`
 *   dasd_cat.c     `dasd cat`: a sequential data set or a PDS member
 *   dasd_check.c   `dasd check`: device header, geometry, every track
 *   dasd_cckdchk.c `dasd check` of a compressed image: L1/L2, free space, repair
 *
 * Exit status of every subcommand: 0 done (or the image is consistent), 1 the
 * image is damaged or lacks what was asked for, 2 a usage or host I/O error.
 */
#ifndef TOOLS_DASD_H
#define TOOLS_DASD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>

#include "ckd.h"
#include "ckdimg.h"

enum { DASD_OK = 0, DASD_BAD = 1, DASD_USAGE = 2 };

/* ---- dasd.c ---- */
/* Print "dasd: " and the message on stderr (no newline needed). */
void dasd_err(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
/* Parse a decimal number in [lo, hi]; false (and no message) when it is not. */
bool dasd_number(const char *s, unsigned long lo, unsigned long hi, unsigned long *out);
/* EBCDIC (code page 037) of n bytes into a NUL-terminated ASCII/UTF-8 string,
 * trailing blanks dropped; out holds 2n+1. */
void dasd_e2a(const uint8_t *in, size_t n, char *out);
/* ASCII text into n bytes of EBCDIC, padded with EBCDIC blanks. */
void dasd_a2e(const char *in, uint8_t *out, size_t n);
/* Little-endian 32 and 16 bits (image headers). */
uint32_t dasd_le32(const uint8_t *p);
void dasd_put_le32(uint8_t *p, uint32_t v);

/* ---- subcommands ---- */
int dasd_init_main(int argc, char **argv);
int dasd_ls_main(int argc, char **argv);
int dasd_cat_main(int argc, char **argv);
int dasd_check_main(int argc, char **argv);

/* ---- dasd_vtoc.c: the volume as an OS sees it ---- */

/* One extent of a data set: tracks [first, last] (absolute track numbers). */
struct dasd_extent {
	uint32_t first, last;
	uint8_t type; /* X'01' data, X'81' sharing cylinders, ... (DS1EXT1 byte 0) */
};

enum { DASD_MAX_EXTENTS = 16 }; /* 3 in the format-1 DSCB, 13 in a format-3 */

/* A format-1 DSCB, decoded. */
struct dasd_dscb {
	char name[45];
	uint8_t f1[96]; /* the data part as recorded */
	struct dasd_extent ext[DASD_MAX_EXTENTS];
	int n_ext; /* extents in ext[] */
};

struct dasd_vol {
	struct ckd_img img;
	const struct ckd_geom *geom; /* NULL when the device-type byte is unknown */
	uint8_t *trk;                /* one track buffer */
	char volser[7];
	uint32_t vtoc_cchhr_c, vtoc_cchhr_h; /* VOL1's VTOC pointer */
	uint8_t vtoc_r;
	uint32_t vtoc_first, vtoc_last; /* the VTOC extent (tracks), from the format-4 DSCB */
	uint8_t f4[96];
	bool has_f4;
};

/* One record of a track, as found by dasd_next_record(). */
struct dasd_rec {
	uint16_t cc, hh;
	uint8_t r, kl;
	uint16_t dl;
	const uint8_t *key, *data;
};

/* An FBA image (no CKD header, whole 512-byte blocks) with a VOL1 label in
 * block 1: 1, with its volser and size; else 0. */
int dasd_fba_label(const char *path, char *volser, uint64_t *blocks);
/* Open an image read-only for ls/cat: 0, or DASD_BAD/DASD_USAGE with a message. */
int dasd_vol_open(struct dasd_vol *v, const char *path);
void dasd_vol_close(struct dasd_vol *v);
/* Read track trk into v->trk: 0 or -1 (message printed). */
int dasd_vol_read(struct dasd_vol *v, uint32_t trk);
/* Walk the records of v->trk: *off starts at 0 (R0 is skipped unless with_r0);
 * false at the end of the track or when the track is malformed. */
bool dasd_next_record(const struct dasd_vol *v, uint32_t *off, struct dasd_rec *rec, bool with_r0);
/* Read VOL1 and the format-4 DSCB; 0, or DASD_BAD with a message. */
int dasd_vol_label(struct dasd_vol *v);
/* Find the format-1 DSCB of name (ASCII); 0, 1 when there is none, -1 on error. */
int dasd_find_dscb(struct dasd_vol *v, const char *name, struct dasd_dscb *d);
/* Relative track tt of a data set → absolute track, or UINT32_MAX past its extents. */
uint32_t dasd_rel_track(const struct dasd_dscb *d, uint32_t tt);
/* Tracks in all the extents of a data set. */
uint32_t dasd_dscb_tracks(const struct dasd_dscb *d);

/* ---- dasd_check.c / dasd_cckdchk.c ---- */
struct dasd_chk {
	const char *path;
	int problems;    /* damage found */
	int max_reports; /* print at most this many problem lines per kind */
	bool repair;
	bool quiet;
	bool recovery; /* consistent, but not closed: needs recovery */
};
void dasd_problem(struct dasd_chk *c, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
/* Check one track image of trksize bytes for (cc, hh): "" when well-formed,
 * else the reason (static text). */
const char *dasd_track_problem(const uint8_t *buf, uint32_t len, uint32_t cc, uint32_t hh);
/* The compressed-image checks (after the device header was read). */
int dasd_check_cckd(struct dasd_chk *c, int fd, const uint8_t *devhdr, const struct ckd_geom *g);

#endif
