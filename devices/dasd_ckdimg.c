/* dasd_ckdimg.c — Hercules CKD image files (ckdimg.h): open and check the
 * device header, find the files of a multi-file volume, read and write
 * fixed-size track slots.  Compressed images go to dasd_cckd.c. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ckd.h"
#include "ckdimg.h"

static uint32_t le32(const uint8_t *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 | (uint32_t)p[3] << 24;
}

/* The name of file seq (2, 3, ...) of a volume whose first file is path:
 * the character before the first dot after the last slash, or the last
 * character, becomes the sequence digit. */
static void seq_name(const char *path, int seq, char *out, size_t n)
{
	snprintf(out, n, "%s", path);
	char *base = strrchr(out, '/');
	base = base ? base + 1 : out;
	char *dot = strchr(base, '.');
	char *c = dot && dot > base ? dot - 1 : out + strlen(out) - 1;
	*c = (char)(seq < 10 ? '0' + seq : 'A' + seq - 10);
}

static int read_hdr(int fd, uint8_t *h, const char *path, char *err, size_t errlen)
{
	ssize_t n = pread(fd, h, CKD_DEVHDR_LEN, 0);
	if (n != CKD_DEVHDR_LEN) {
		snprintf(err, errlen, "%s: %s", path, n < 0 ? strerror(errno) : "too short for a CKD header");
		return -1;
	}
	return 0;
}

static int open_file(struct ckd_img *img, int k, const char *path, char *err, size_t errlen)
{
	int fd = open(path, img->ro ? O_RDONLY : O_RDWR);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", path, strerror(errno));
		return -1;
	}
	img->file[k].fd = fd;
	img->file[k].path = strdup(path);
	img->nfiles = k + 1;
	return fd;
}

/* One CKD file k: its header must agree with the first; it holds whole
 * cylinders.  Sets first_trk/ntrk; *last when this is the volume's last. */
static int add_ckd_file(struct ckd_img *img, int k, const uint8_t *h, const char *path, bool *last, char *err,
                        size_t errlen)
{
	struct stat st;
	if (fstat(img->file[k].fd, &st)) {
		snprintf(err, errlen, "%s: %s", path, strerror(errno));
		return -1;
	}
	if (le32(h + 8) != img->heads || le32(h + 12) != img->trksize || h[16] != img->code) {
		snprintf(err, errlen, "%s: its header does not match the volume's first file", path);
		return -1;
	}
	uint64_t cyl_bytes = (uint64_t)img->trksize * img->heads;
	uint64_t body = st.st_size > CKD_DEVHDR_LEN ? (uint64_t)st.st_size - CKD_DEVHDR_LEN : 0;
	uint32_t first_cyl = img->tracks / img->heads;
	uint32_t highcyl = (uint32_t)h[18] | (uint32_t)h[19] << 8;
	uint32_t ncyl;
	*last = h[17] == 0 || highcyl == 0;
	if (!*last) {
		if (highcyl < first_cyl) {
			snprintf(err, errlen, "%s: last cylinder %u is before its first %u", path, highcyl,
			         first_cyl);
			return -1;
		}
		ncyl = highcyl - first_cyl + 1;
		if (body < ncyl * cyl_bytes) {
			snprintf(err, errlen, "%s: truncated (%llu bytes for %u cylinders)", path,
			         (unsigned long long)st.st_size, ncyl);
			return -1;
		}
	} else {
		ncyl = (uint32_t)(body / cyl_bytes);
		if (body % cyl_bytes || ncyl == 0) {
			snprintf(err, errlen, "%s: truncated (%llu bytes is not a whole number of cylinders)",
			         path, (unsigned long long)st.st_size);
			return -1;
		}
	}
	img->file[k].first_trk = img->tracks;
	img->file[k].ntrk = ncyl * img->heads;
	img->tracks += ncyl * img->heads;
	return 0;
}

int ckd_img_open(struct ckd_img *img, const char *path, bool ro, char *err, size_t errlen)
{
	memset(img, 0, sizeof *img);
	img->ro = ro;
	int fd = open_file(img, 0, path, err, errlen);
	if (fd < 0)
		return -1;
	uint8_t h[CKD_DEVHDR_LEN];
	if (read_hdr(fd, h, path, err, errlen))
		goto fail;
	bool compressed = !memcmp(h, "CKD_C370", 8);
	if (memcmp(h, "CKD_P370", 8) && !compressed) {
		snprintf(err, errlen, "%s: not a CKD image (no CKD_P370 or CKD_C370 header)", path);
		goto fail;
	}
	img->heads = le32(h + 8);
	img->trksize = le32(h + 12);
	img->code = h[16];
	if (img->heads == 0 || img->heads > 255 || img->trksize < 512 || img->trksize > 65536 ||
	    img->trksize % 512) {
		snprintf(err, errlen, "%s: bad header (heads %u, track size %u)", path, img->heads,
		         img->trksize);
		goto fail;
	}
	if (compressed) {
		char why[300];
		if (cckd_open(img, fd, h, why, sizeof why)) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto fail;
		}
		return 0;
	}
	if (h[17] > 1) {
		snprintf(err, errlen, "%s: file %u of a multi-file volume: name the first file", path, h[17]);
		goto fail;
	}
	for (int k = 0;; k++) {
		bool last;
		if (add_ckd_file(img, k, h, img->file[k].path, &last, err, errlen))
			goto fail;
		if (last)
			break;
		if (k + 1 >= CKD_MAX_FILES) {
			snprintf(err, errlen, "%s: more than %d files", path, CKD_MAX_FILES);
			goto fail;
		}
		char name[4096];
		seq_name(path, k + 2, name, sizeof name);
		fd = open_file(img, k + 1, name, err, errlen);
		if (fd < 0 || read_hdr(fd, h, name, err, errlen))
			goto fail;
		if (memcmp(h, "CKD_P370", 8) || h[17] != k + 2) {
			snprintf(err, errlen, "%s: not file %d of the volume", name, k + 2);
			goto fail;
		}
	}
	img->cyls = img->tracks / img->heads;
	return 0;
fail:
	ckd_img_close(img);
	return -1;
}

/* The file holding trk and the track's byte offset in it. */
static int locate(struct ckd_img *img, uint32_t trk, off_t *off)
{
	for (int k = 0; k < img->nfiles; k++)
		if (trk >= img->file[k].first_trk && trk - img->file[k].first_trk < img->file[k].ntrk) {
			*off = CKD_DEVHDR_LEN + (off_t)(trk - img->file[k].first_trk) * img->trksize;
			return img->file[k].fd;
		}
	return -1;
}

int ckd_img_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen)
{
	if (img->cckd)
		return cckd_read(img, trk, buf, err, errlen);
	off_t off;
	int fd = locate(img, trk, &off);
	if (fd < 0 || pread(fd, buf, img->trksize, off) != (ssize_t)img->trksize) {
		snprintf(err, errlen, "track %u: %s", trk, fd < 0 ? "beyond the image" : strerror(errno));
		return -1;
	}
	return 0;
}

int ckd_img_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err,
                  size_t errlen)
{
	if (img->ro) {
		snprintf(err, errlen, "read-only image");
		return -1;
	}
	if (img->cckd)
		return cckd_write(img, trk, buf, len, err, errlen);
	off_t off;
	int fd = locate(img, trk, &off);
	uint8_t *slot = calloc(1, img->trksize);
	if (fd < 0 || !slot || len > img->trksize) {
		free(slot);
		snprintf(err, errlen, "track %u: cannot write", trk);
		return -1;
	}
	memcpy(slot, buf, len);
	ssize_t n = pwrite(fd, slot, img->trksize, off);
	free(slot);
	if (n != (ssize_t)img->trksize) {
		snprintf(err, errlen, "track %u: %s", trk, n < 0 ? strerror(errno) : "short write");
		return -1;
	}
	return 0;
}

int ckd_img_flush(struct ckd_img *img)
{
	if (img->cckd)
		return cckd_flush(img);
	int rc = 0;
	for (int k = 0; k < img->nfiles; k++)
		if (!img->ro && fdatasync(img->file[k].fd))
			rc = -1;
	return rc;
}

void ckd_img_close(struct ckd_img *img)
{
	if (img->cckd)
		cckd_close(img);
	for (int k = 0; k < img->nfiles; k++) {
		if (img->file[k].fd >= 0)
			close(img->file[k].fd);
		free(img->file[k].path);
	}
	img->nfiles = 0;
}
