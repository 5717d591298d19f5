/* dasd_ckdimg.c — Hercules CKD image files (ckdimg.h): open and check the
 * device header, find the files of a multi-file volume, read and write
 * fixed-size track slots; the volume's track reads and writes through its
 * shadow files.  Compressed files go to dasd_cckd.c, the shadow chain to
 * dasd_shadow.c.
 *
 * A plain CKD track is written in place by one pwrite, from its home
 * address through its end-of-track marker (bytes after the marker are never
 * read): a killed process leaves either the old or the new track, unless
 * the kernel was copying that very write when the kill came; the copy may
 * then stop at a page boundary of the file: a torn track, the one risk of
 * the format (docs/dasd.md "Crash safety"). */
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
void ckd_file_name(const char *path, int seq, char *out, size_t n)
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

int ckd_pwrite(struct ckd_fault *f, int fd, const void *buf, size_t n, off_t off)
{
	if (f && ++f->writes == f->fail_at) {
		errno = EIO; /* injected: nothing is written */
		return -1;
	}
	ssize_t w = pwrite(fd, buf, n, off);
	if (w == (ssize_t)n)
		return 0;
	if (w >= 0)
		errno = ENOSPC;
	return -1;
}

static int open_file(struct ckd_img *img, int k, const char *path, bool rw, char *err, size_t errlen)
{
	int fd = open(path, rw ? O_RDWR : O_RDONLY);
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
	return ckd_img_open_sf(img, path, ro, NULL, err, errlen);
}

int ckd_img_open_sf(struct ckd_img *img, const char *path, bool ro, const char *sf, char *err, size_t errlen)
{
	memset(img, 0, sizeof *img);
	img->ro = ro;
	img->base_rw = !ro && !sf;
	if (sf && !(img->sf = strdup(sf))) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	int fd = open_file(img, 0, path, img->base_rw, err, errlen);
	if (fd < 0)
		goto fail;
	uint8_t *h = img->devhdr;
	if (read_hdr(fd, h, path, err, errlen))
		goto fail;
	bool compressed = !memcmp(h, "CKD_C370", 8);
	if (!memcmp(h, "CKD_S370", 8)) {
		snprintf(err, errlen,
		         "%s: a shadow file, not a base image (name the base, and the shadow with sf=)",
		         path);
		goto fail;
	}
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
		img->file[0].fd = -1;
		img->cckd = cckd_open(fd, path, h, !img->base_rw, &img->fault, why, sizeof why);
		if (!img->cckd) {
			snprintf(err, errlen, "%s: %s", path, why);
			goto fail;
		}
		img->cyls = cckd_cyls(img->cckd);
		img->tracks = img->cyls * img->heads;
		if (sf && ckd_sf_open_chain(img, err, errlen))
			goto fail;
		return 0;
	}
	if (h[17] > 1) {
		snprintf(err, errlen, "%s: file %u of a multi-file volume: name the first file", path, h[17]);
		goto fail;
	}
	uint8_t hk[CKD_DEVHDR_LEN]; /* the header of file k + 1 */
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
		ckd_file_name(path, k + 2, name, sizeof name);
		fd = open_file(img, k + 1, name, img->base_rw, err, errlen);
		if (fd < 0 || read_hdr(fd, hk, name, err, errlen))
			goto fail;
		if (memcmp(hk, "CKD_P370", 8) || hk[17] != k + 2) {
			snprintf(err, errlen, "%s: not file %d of the volume", name, k + 2);
			goto fail;
		}
		h = hk;
	}
	img->cyls = img->tracks / img->heads;
	if (sf && ckd_sf_open_chain(img, err, errlen))
		goto fail;
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

int ckd_base_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen)
{
	if (img->cckd)
		return cckd_read(img->cckd, trk, buf, err, errlen);
	off_t off;
	int fd = locate(img, trk, &off);
	if (fd < 0 || pread(fd, buf, img->trksize, off) != (ssize_t)img->trksize) {
		snprintf(err, errlen, "track %u: %s", trk, fd < 0 ? "beyond the image" : strerror(errno));
		return -1;
	}
	return 0;
}

int ckd_base_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err,
                   size_t errlen)
{
	if (!img->base_rw) {
		snprintf(err, errlen, "read-only image");
		return -1;
	}
	if (img->cckd)
		return cckd_write(img->cckd, trk, buf, len, err, errlen);
	off_t off;
	int fd = locate(img, trk, &off);
	uint8_t *slot = calloc(1, img->trksize);
	if (fd < 0 || !slot || len > img->trksize) {
		free(slot);
		snprintf(err, errlen, "track %u: cannot write", trk);
		return -1;
	}
	memcpy(slot, buf, len);
	/* one write, through the end-of-track marker (what follows it is never
	 * read): the shorter the copy, the smaller the window for a tear */
	int rc = ckd_pwrite(&img->fault, fd, slot, len, off);
	free(slot);
	if (rc) {
		snprintf(err, errlen, "track %u: %s", trk, strerror(errno));
		return -1;
	}
	return 0;
}

const char *ckd_base_path(const struct ckd_img *img)
{
	return img->cckd ? cckd_path(img->cckd) : img->nfiles ? img->file[0].path : "";
}

int ckd_base_reopen(struct ckd_img *img, bool rw, char *err, size_t errlen)
{
	if (rw == img->base_rw)
		return 0;
	if (img->cckd) {
		char *path = strdup(cckd_path(img->cckd));
		int fd = path ? open(path, rw ? O_RDWR : O_RDONLY) : -1;
		if (fd < 0) {
			snprintf(err, errlen, "cannot open %s %s: %s", path ? path : "the base",
			         rw ? "for writing" : "", strerror(errno));
			free(path);
			return -1;
		}
		char why[300];
		struct cckd *z = cckd_open(fd, path, img->devhdr, !rw, &img->fault, why, sizeof why);
		if (!z) {
			snprintf(err, errlen, "%s: %s", path, why);
			free(path);
			return -1;
		}
		free(path);
		cckd_close(img->cckd);
		img->cckd = z;
	} else {
		int fds[CKD_MAX_FILES];
		for (int k = 0; k < img->nfiles; k++) {
			fds[k] = open(img->file[k].path, rw ? O_RDWR : O_RDONLY);
			if (fds[k] < 0) {
				snprintf(err, errlen, "cannot open %s: %s", img->file[k].path,
				         strerror(errno));
				while (k--)
					close(fds[k]);
				return -1;
			}
		}
		for (int k = 0; k < img->nfiles; k++) {
			if (img->base_rw)
				fdatasync(img->file[k].fd);
			close(img->file[k].fd);
			img->file[k].fd = fds[k];
		}
	}
	img->base_rw = rw;
	return 0;
}

int ckd_img_read(struct ckd_img *img, uint32_t trk, uint8_t *buf, char *err, size_t errlen)
{
	for (int s = img->nsf - 1; s >= 0; s--) {
		int rc = cckd_read(img->shadow[s], trk, buf, err, errlen);
		if (rc != CCKD_ABSENT)
			return rc;
	}
	return ckd_base_read(img, trk, buf, err, errlen);
}

int ckd_img_write(struct ckd_img *img, uint32_t trk, const uint8_t *buf, uint32_t len, char *err,
                  size_t errlen)
{
	int rc = img->nsf ? cckd_write(img->shadow[img->nsf - 1], trk, buf, len, err, errlen)
	                  : ckd_base_write(img, trk, buf, len, err, errlen);
	if (rc == 0)
		img->writes++;
	return rc;
}

int ckd_img_flush(struct ckd_img *img)
{
	int rc = 0;
	for (int s = 0; s < img->nsf; s++)
		if (cckd_sync(img->shadow[s]))
			rc = -1;
	if (img->cckd)
		return cckd_sync(img->cckd) ? -1 : rc;
	for (int k = 0; k < img->nfiles; k++)
		if (img->base_rw && fdatasync(img->file[k].fd))
			rc = -1;
	return rc;
}

void ckd_img_close(struct ckd_img *img)
{
	for (int s = img->nsf - 1; s >= 0; s--)
		cckd_close(img->shadow[s]);
	img->nsf = 0;
	cckd_close(img->cckd); /* syncs when written */
	img->cckd = NULL;
	for (int k = 0; k < img->nfiles; k++) {
		if (img->file[k].fd >= 0) {
			if (img->base_rw)
				fdatasync(img->file[k].fd);
			close(img->file[k].fd);
		}
		free(img->file[k].path);
	}
	img->nfiles = 0;
	free(img->sf);
	img->sf = NULL;
}
