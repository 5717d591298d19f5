/* ckdimg.h — CKD DASD image files: Hercules CKD (one file or several) and
 * CCKD compressed images, read and written a track at a time.
 *
 * The device header (first 512 bytes of every CKD and CCKD file; counts in
 * little-endian order):
 *   +0  devid[8]   "CKD_P370" (CKD), "CKD_C370" (CCKD)
 *   +8  heads[4]   tracks per cylinder
 *   +12 trksize[4] size of one track slot
 *   +16 devtype    low byte of the device type (X'50' for a 3350)
 *   +17 fileseq    0: the only file; 1, 2, ...: the files of one volume
 *   +18 highcyl[2] the last cylinder in this file (0 in the last file)
 *   +20 reserved
 * A CKD file then holds whole cylinders of fixed-size track slots; the
 * files of a multi-file volume are named by replacing the character before
 * the first dot after the last slash (or the last character) by 2, 3, ...
 * A CCKD file is described in dasd_cckd.c.
 */
#ifndef DEVICES_CKDIMG_H
#define DEVICES_CKDIMG_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum { CKD_MAX_FILES = 27 };

struct cckd;

struct ckd_img {
	uint32_t heads, trksize, cyls, tracks;
	uint8_t code; /* device-type byte of the header */
	bool ro;
	struct cckd *cckd; /* compressed image, or NULL */
	int nfiles;
	struct {
		int fd;
		uint32_t first_trk, ntrk;
		char *path;
	} file[CKD_MAX_FILES];
};

/* Open the image at path (CKD, multi-file CKD or CCKD).  0, or -1 with the
 * reason in err (missing, not a CKD image, truncated, inconsistent). */
int ckd_img_open(struct ckd_img *img, const char *path, bool ro, char *err, size_t errlen);
/* Read track trk into buf (trksize bytes).  0, or -1 (host I/O error or a
 * malformed track image; err tells). */
int ckd_img_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen);
/* Write track trk from buf (len bytes used, through the end-of-track
 * marker).  0 or -1 with err. */
int ckd_img_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err,
                  size_t errlen);
/* Make written tracks durable (headers and free space of a CCKD image). */
int ckd_img_flush(struct ckd_img *img);
void ckd_img_close(struct ckd_img *img);

/* ---- dasd_cckd.c: the compressed format behind ckd_img ---- */
int cckd_open(struct ckd_img *img, int fd, const uint8_t *devhdr, char *err, size_t errlen);
int cckd_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen);
int cckd_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err, size_t errlen);
int cckd_flush(struct ckd_img *img);
void cckd_close(struct ckd_img *img);

#endif
