/* ckdimg.h — CKD DASD image files: Hercules CKD (one file or several) and
 * CCKD compressed images, with shadow files, read and written a track at a
 * time.
 *
 * The device header (first 512 bytes of every CKD and CCKD file; counts in
 * little-endian order):
 *   +0  devid[8]   "CKD_P370" (CKD), "CKD_C370" (CCKD), "CKD_S370" (shadow)
 *   +8  heads[4]   tracks per cylinder
 *   +12 trksize[4] size of one track slot
 *   +16 devtype    low byte of the device type (X'50' for a 3350)
 *   +17 fileseq    0: the only file; 1, 2, ...: the files of one volume
 *   +18 highcyl[2] the last cylinder in this file (0 in the last file)
 *   +20 reserved
 * A CKD file then holds whole cylinders of fixed-size track slots; the
 * files of a multi-file volume are named by replacing the character before
 * the first dot after the last slash (or the last character) by 2, 3, ...
 * A CCKD file (base or shadow) is described in dasd_cckd.c, the shadow
 * chain in dasd_shadow.c.
 *
 * A volume is its base (plain CKD files or one CCKD file) and, with the
 * sf= operand, up to CKD_MAX_SHADOWS shadow files.  Reads take a track from
 * the newest file that holds it; writes go to the newest file (the
 * "current" one); every file below it is only read.
 */
#ifndef DEVICES_CKDIMG_H
#define DEVICES_CKDIMG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>

enum { CKD_MAX_FILES = 27, CKD_MAX_SHADOWS = 8 };

struct cckd;

/* Fault injection (faultwrite=k, S370_FAULT_WRITE=k): the k-th host write
 * of the image fails with EIO (1 = the first; 0 = never).  Every pwrite of
 * every file of the volume counts. */
struct ckd_fault {
	unsigned long writes, fail_at;
};
/* pwrite all n bytes or fail (-1, errno set); counts for fault injection. */
int ckd_pwrite(struct ckd_fault *f, int fd, const void *buf, size_t n, off_t off);

struct ckd_img {
	uint32_t heads, trksize, cyls, tracks;
	uint8_t code;        /* device-type byte of the header */
	bool ro;             /* the ro operand: the base is never written */
	bool base_rw;        /* the base files are open for writing (it is the current file) */
	uint8_t devhdr[512]; /* the base's device header */
	struct cckd *cckd;   /* compressed base, or NULL */
	int nfiles;          /* plain base: its files */
	struct {
		int fd;
		uint32_t first_trk, ntrk;
		char *path;
	} file[CKD_MAX_FILES];
	char *sf; /* shadow file name template (sf=), or NULL */
	int nsf;  /* shadow files open: shadow[nsf-1] is the current file */
	struct cckd *shadow[CKD_MAX_SHADOWS];
	struct ckd_fault fault;
	unsigned long writes; /* track writes that succeeded since the open */
};

/* Open the image at path (CKD, multi-file CKD or CCKD).  0, or -1 with the
 * reason in err (missing, not a CKD image, truncated, inconsistent). */
int ckd_img_open(struct ckd_img *img, const char *path, bool ro, char *err, size_t errlen);
/* The same with shadow files named by the template sf (NULL: none): the
 * base is opened read-only, the existing shadows 1, 2, ... are opened and
 * the newest takes the writes; when none exists shadow 1 is made. */
int ckd_img_open_sf(struct ckd_img *img, const char *path, bool ro, const char *sf, char *err, size_t errlen);
/* Read track trk into buf (trksize bytes).  0, or -1 (host I/O error or a
 * malformed track image; err tells). */
int ckd_img_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen);
/* Write track trk from buf (len bytes used, through the end-of-track
 * marker) to the current file.  0 or -1 with err; after -1 the image is
 * still consistent and holds the track's previous contents. */
int ckd_img_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err,
                  size_t errlen);
/* Make every write so far durable (fdatasync) and leave the files in a
 * state that needs no recovery.  0 or -1. */
int ckd_img_flush(struct ckd_img *img);
void ckd_img_close(struct ckd_img *img);

/* The name of file seq (2, 3, ... 27) of a multi-file CKD volume whose
 * first file is path (the rule in the comment at the top). */
void ckd_file_name(const char *path, int seq, char *out, size_t n);
/* The files of the base (dasd_ckdimg.c, used by dasd_shadow.c). */
int ckd_base_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen);
int ckd_base_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err,
                   size_t errlen);
/* Reopen the base for writing (true) or reading only (false).  0 or -1. */
int ckd_base_reopen(struct ckd_img *img, bool rw, char *err, size_t errlen);
const char *ckd_base_path(const struct ckd_img *img);

/* ---- dasd_cckd.c: one CCKD file, a compressed base or a shadow ---- */
enum { CCKD_ABSENT = 1 }; /* cckd_read: a shadow that does not hold the track */

/* Take over fd (open on path) and read its headers and L1 table.  A file
 * opened for writing whose "opened" bit is on (not closed: a crash) gets
 * its free space rebuilt from its tables.  NULL with err. */
struct cckd *cckd_open(int fd, const char *path, const uint8_t *devhdr, bool ro, struct ckd_fault *fault,
                       char *err, size_t errlen);
uint32_t cckd_cyls(const struct cckd *z);
const char *cckd_path(const struct cckd *z);
bool cckd_is_ro(const struct cckd *z);
/* Track trk into buf (trksize bytes): 0, CCKD_ABSENT, or -1 with err. */
int cckd_read(struct cckd *z, uint32_t trk, uint8_t *buf, char *err, size_t errlen);
/* Whether the file holds track trk (a shadow may not): 1, 0, or -1. */
int cckd_holds(struct cckd *z, uint32_t trk);
int cckd_write(struct cckd *z, uint32_t trk, const uint8_t *buf, uint32_t len, char *err, size_t errlen);
/* Durable and clean: the "opened" bit is off after it.  0 or -1. */
int cckd_sync(struct cckd *z);
/* Sync (when open for writing), close the file and free z. */
void cckd_close(struct cckd *z);
/* Make an empty shadow file at path for the volume of device header
 * devhdr with cyls cylinders: its L1 table says "not here" for every track.
 * 0 or -1 with err (the file exists already, or cannot be written). */
int cckd_create_shadow(const char *path, const uint8_t *devhdr, uint32_t cyls, uint8_t compress,
                       struct ckd_fault *fault, char *err, size_t errlen);
uint8_t cckd_compression(const struct cckd *z);
struct cckd_stats {
	uint64_t size, free_bytes;
	uint32_t nfree, tracks; /* tracks: the tracks the file holds */
};
int cckd_stats(struct cckd *z, struct cckd_stats *s);
/* sfc: rewrite the file without free space (a new file renamed over the
 * old one, so that a crash leaves one or the other).  0 or -1 with err. */
int cckd_compact(struct cckd *z, char *err, size_t errlen);

/* ---- dasd_shadow.c: the shadow chain ---- */
/* The name of shadow n (1-8) by the template: the last '*' after the last
 * slash, else the character before the last dot after the last slash, else
 * the last character, becomes the digit (Hercules' rule). */
int ckd_sf_name(const char *tmpl, int n, char *out, size_t outlen);
int ckd_sf_open_chain(struct ckd_img *img, char *err, size_t errlen);
int ckd_sf_add(struct ckd_img *img, char *msg, size_t msglen);
enum ckd_sf_mode { CKD_SF_MERGE, CKD_SF_NOMERGE, CKD_SF_FORCE };
int ckd_sf_remove(struct ckd_img *img, enum ckd_sf_mode mode, char *msg, size_t msglen);
int ckd_sf_compact(struct ckd_img *img, char *msg, size_t msglen);
/* sfd: one line per file of the chain, base first. */
void ckd_sf_display(struct ckd_img *img, uint16_t devnum, void (*out)(void *ctx, const char *line),
                    void *ctx);

/* ---- the devices behind the commands (ckd.c, fba.c) ---- */
struct device;
struct ckd_img *ckd_dev_img(struct device *d); /* NULL: not a CKD device */
void ckd_dev_forget_track(struct device *d);   /* the image changed under the device */
int fba_dev_sync(struct device *d);            /* 1: not an FBA device; 0; -1 */

/* ---- dasd_shadow_cmd.c: the operator's DASD commands ---- */
struct chan_subsys;
/* sync [ADDR|*], sf+ ADDR|*, sf- ADDR|* [merge|nomerge|force], sfc ADDR|*,
 * sfd ADDR|* (argv[0] is the command).  0, or -1 after an error line. */
int dasd_command(struct chan_subsys *cs, int argc, char **argv, void (*out)(void *ctx, const char *line),
                 void *ctx);

#endif
