/* dasd_shadow.c — shadow files of a CKD volume (ckdimg.h), as Hercules
 * keeps them (cckddasd.html, "Shadow Files").
 *
 * A volume is its base image (CKD or CCKD) and up to eight shadow files,
 * named by the sf= template: file 1, 2, ... 8 replace its '*' (or, as in
 * Hercules, the character before the last dot after the last slash).  A
 * shadow is a CCKD file ("CKD_S370") holding the tracks written since it
 * was made; its L1 entries and L2 entries X'FFFFFFFF' pass the other
 * tracks down to the file below.  Only the newest file (the current one)
 * is written; the base and the older shadows are open read-only.
 *
 * sf+ makes a new empty shadow over the current file (a snapshot: the
 * file below is synced and not written again); sf- removes the current
 * shadow, by default merging its tracks into the file below first (merge),
 * or dropping them (nomerge); merging into a base attached with ro needs
 * force.  A merge that is killed half-way leaves the shadow in place with
 * every track it had, over a lower file holding some of them already: the
 * volume reads the same; the merge is simply done again.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "ckd.h"
#include "ckdimg.h"

int ckd_sf_name(const char *tmpl, int n, char *out, size_t outlen)
{
	size_t len = strlen(tmpl);
	if (n < 1 || n > CKD_MAX_SHADOWS || len == 0 || len >= outlen)
		return -1;
	memcpy(out, tmpl, len + 1);
	char *base = strrchr(out, '/');
	base = base ? base + 1 : out;
	char *spot = strrchr(base, '*');
	if (!spot) {
		char *dot = strrchr(base, '.');
		spot = dot && dot > base ? dot - 1 : out + len - 1;
	}
	if (spot < base)
		return -1;
	*spot = (char)('0' + n);
	return 0;
}

/* Open shadow n; it must be a shadow of this volume. */
static struct cckd *open_shadow(struct ckd_img *img, int n, bool rw, char *err, size_t errlen)
{
	char name[4096];
	if (ckd_sf_name(img->sf, n, name, sizeof name)) {
		snprintf(err, errlen, "sf=%s: not a usable shadow file name", img->sf);
		return NULL;
	}
	int fd = open(name, rw ? O_RDWR : O_RDONLY);
	if (fd < 0) {
		snprintf(err, errlen, "cannot open %s: %s", name, strerror(errno));
		return NULL;
	}
	uint8_t h[512];
	if (pread(fd, h, sizeof h, 0) != (ssize_t)sizeof h || memcmp(h, "CKD_S370", 8) ||
	    memcmp(h + 8, img->devhdr + 8, 9)) {
		snprintf(err, errlen, "%s: not a shadow file of %s (header)", name, ckd_base_path(img));
		close(fd);
		return NULL;
	}
	char why[300];
	struct cckd *z = cckd_open(fd, name, h, !rw, &img->fault, why, sizeof why);
	if (!z) {
		snprintf(err, errlen, "%s: %s", name, why);
		return NULL;
	}
	if (cckd_cyls(z) != img->cyls) {
		snprintf(err, errlen, "%s: %u cylinders, the base has %u", name, cckd_cyls(z), img->cyls);
		cckd_close(z);
		return NULL;
	}
	return z;
}

static uint8_t base_compression(struct ckd_img *img)
{
	return img->cckd ? cckd_compression(img->cckd) : 1;
}

/* Make shadow nsf+1 and open it as the current file. */
static int new_shadow(struct ckd_img *img, char *err, size_t errlen)
{
	char name[4096];
	int n = img->nsf + 1;
	if (n > CKD_MAX_SHADOWS) {
		snprintf(err, errlen, "already %d shadow files", CKD_MAX_SHADOWS);
		return -1;
	}
	if (ckd_sf_name(img->sf, n, name, sizeof name)) {
		snprintf(err, errlen, "sf=%s: not a usable shadow file name", img->sf);
		return -1;
	}
	uint8_t comp = img->nsf ? cckd_compression(img->shadow[img->nsf - 1]) : base_compression(img);
	if (cckd_create_shadow(name, img->devhdr, img->cyls, comp, &img->fault, err, errlen))
		return -1;
	struct cckd *z = open_shadow(img, n, true, err, errlen);
	if (!z) {
		unlink(name);
		return -1;
	}
	img->shadow[img->nsf++] = z;
	return 0;
}

int ckd_sf_open_chain(struct ckd_img *img, char *err, size_t errlen)
{
	for (int n = 1; n <= CKD_MAX_SHADOWS; n++) {
		char name[4096];
		struct stat st;
		if (ckd_sf_name(img->sf, n, name, sizeof name)) {
			snprintf(err, errlen, "sf=%s: not a usable shadow file name", img->sf);
			return -1;
		}
		if (stat(name, &st))
			break;
		/* the newest opens for writing: look one ahead */
		char next[4096];
		bool newest = n == CKD_MAX_SHADOWS || ckd_sf_name(img->sf, n + 1, next, sizeof next) ||
		              stat(next, &st) != 0;
		struct cckd *z = open_shadow(img, n, newest, err, errlen);
		if (!z)
			return -1;
		img->shadow[img->nsf++] = z;
	}
	/* the base is not written while there are shadows: the first is made now */
	return img->nsf ? 0 : new_shadow(img, err, errlen);
}

int ckd_sf_add(struct ckd_img *img, char *msg, size_t msglen)
{
	if (!img->sf) {
		snprintf(msg, msglen, "no shadow files (the device has no sf= operand)");
		return -1;
	}
	if (img->nsf >= CKD_MAX_SHADOWS) {
		snprintf(msg, msglen, "already %d shadow files", CKD_MAX_SHADOWS);
		return -1;
	}
	/* the snapshot: the current file made durable and read-only */
	struct cckd *cur = img->nsf ? img->shadow[img->nsf - 1] : NULL;
	if (ckd_img_flush(img)) {
		snprintf(msg, msglen, "sync before the new shadow failed: %s", strerror(errno));
		return -1;
	}
	if (new_shadow(img, msg, msglen))
		return -1;
	char err[300];
	if (cur) { /* reopen the old current file read-only */
		struct cckd *old = open_shadow(img, img->nsf - 1, false, err, sizeof err);
		if (old) {
			cckd_close(cur);
			img->shadow[img->nsf - 2] = old;
		}
	} else if (ckd_base_reopen(img, false, err, sizeof err)) {
		snprintf(msg, msglen, "%s", err);
		return -1;
	}
	snprintf(msg, msglen, "shadow file [%d] %s added", img->nsf, cckd_path(img->shadow[img->nsf - 1]));
	return 0;
}

/* Copy every track the top shadow holds into the file below it. */
static int merge_down(struct ckd_img *img, char *msg, size_t msglen)
{
	struct cckd *top = img->shadow[img->nsf - 1];
	struct cckd *below = img->nsf > 1 ? img->shadow[img->nsf - 2] : NULL;
	uint8_t *buf = malloc(img->trksize);
	char err[300];
	int rc = 0;
	uint32_t moved = 0;
	for (uint32_t t = 0; buf && t < img->tracks && !rc; t++) {
		int h = cckd_holds(top, t);
		if (h <= 0) {
			rc = h;
			continue;
		}
		uint32_t used;
		if (cckd_read(top, t, buf, err, sizeof err) || !(used = ckd_track_used(buf, img->trksize)))
			rc = -1;
		else if (below ? cckd_write(below, t, buf, used, err, sizeof err)
		               : ckd_base_write(img, t, buf, used, err, sizeof err))
			rc = -1;
		else
			moved++;
	}
	free(buf);
	if (rc || !buf) {
		snprintf(msg, msglen, "merge failed: %s", buf ? err : "out of memory");
		return -1;
	}
	/* durable below before the shadow goes */
	if (below ? cckd_sync(below) : ckd_img_flush(img)) {
		snprintf(msg, msglen, "merge: sync failed: %s", strerror(errno));
		return -1;
	}
	snprintf(msg, msglen, "%u tracks merged", moved);
	return 0;
}

/* Make file n-1 (0: the base) writable. */
static int lower_rw(struct ckd_img *img, char *msg, size_t msglen)
{
	if (img->nsf == 1)
		return ckd_base_reopen(img, true, msg, msglen);
	struct cckd *z = open_shadow(img, img->nsf - 1, true, msg, msglen);
	if (!z)
		return -1;
	cckd_close(img->shadow[img->nsf - 2]);
	img->shadow[img->nsf - 2] = z;
	return 0;
}

int ckd_sf_remove(struct ckd_img *img, enum ckd_sf_mode mode, char *msg, size_t msglen)
{
	if (!img->nsf) {
		snprintf(msg, msglen, "no shadow file to remove");
		return -1;
	}
	bool to_base = img->nsf == 1;
	bool merge = mode != CKD_SF_NOMERGE;
	if (to_base && img->ro && mode == CKD_SF_MERGE) {
		snprintf(msg, msglen, "the base %s is attached read-only (ro): sf- ... force merges into it",
		         ckd_base_path(img));
		return -1;
	}
	char done[400] = "";
	struct cckd *top = img->shadow[img->nsf - 1];
	char *path = strdup(cckd_path(top));
	if (!path) {
		snprintf(msg, msglen, "out of memory");
		return -1;
	}
	/* nomerge onto a read-only base: the shadow is emptied (re-added), as Hercules does */
	bool readd = !merge && to_base && img->ro;
	if (!readd && lower_rw(img, msg, msglen))
		goto fail;
	if (merge && merge_down(img, done, sizeof done)) {
		snprintf(msg, msglen, "%s", done);
		goto fail;
	}
	cckd_close(top);
	img->nsf--;
	if (unlink(path)) {
		snprintf(msg, msglen, "cannot remove %s: %s", path, strerror(errno));
		goto fail;
	}
	if (readd && new_shadow(img, msg, msglen))
		goto fail;
	if (readd)
		snprintf(done, sizeof done, "its tracks dropped, a new empty shadow made");
	else if (!merge)
		snprintf(done, sizeof done, "its tracks dropped");
	snprintf(msg, msglen, "shadow file [%d] %s removed: %s", img->nsf + (readd ? 0 : 1), path, done);
	free(path);
	return 0;
fail:
	free(path);
	return -1;
}

int ckd_sf_compact(struct ckd_img *img, char *msg, size_t msglen)
{
	struct cckd *z = img->nsf ? img->shadow[img->nsf - 1] : img->base_rw ? img->cckd : NULL;
	if (!z) {
		snprintf(msg, msglen, "the current file is not a compressed file open for writing");
		return -1;
	}
	struct cckd_stats before, after;
	char err[300];
	if (cckd_stats(z, &before) || cckd_compact(z, err, sizeof err) || cckd_stats(z, &after)) {
		snprintf(msg, msglen, "compress failed: %s", err);
		return -1;
	}
	snprintf(msg, msglen, "%s compressed: %llu bytes, was %llu", cckd_path(z),
	         (unsigned long long)after.size, (unsigned long long)before.size);
	return 0;
}

void ckd_sf_display(struct ckd_img *img, uint16_t devnum, void (*out)(void *ctx, const char *line), void *ctx)
{
	char line[4400];
	struct stat st;
	if (img->cckd) {
		struct cckd_stats s;
		if (cckd_stats(img->cckd, &s) == 0)
			snprintf(line, sizeof line,
			         "%04X [0] %s %s, %llu bytes, %llu free in %u spaces, %u tracks stored",
			         devnum, cckd_path(img->cckd), img->base_rw ? "rw" : "ro",
			         (unsigned long long)s.size, (unsigned long long)s.free_bytes, s.nfree,
			         s.tracks);
		else
			snprintf(line, sizeof line, "%04X [0] %s: cannot read its tables", devnum,
			         cckd_path(img->cckd));
	} else {
		uint64_t size = 0;
		for (int k = 0; k < img->nfiles; k++)
			if (!fstat(img->file[k].fd, &st))
				size += (uint64_t)st.st_size;
		snprintf(line, sizeof line, "%04X [0] %s %s, CKD, %d file%s, %llu bytes, %u tracks", devnum,
		         ckd_base_path(img), img->base_rw ? "rw" : "ro", img->nfiles,
		         img->nfiles > 1 ? "s" : "", (unsigned long long)size, img->tracks);
	}
	out(ctx, line);
	for (int n = 0; n < img->nsf; n++) {
		struct cckd_stats s;
		struct cckd *z = img->shadow[n];
		if (cckd_stats(z, &s) == 0)
			snprintf(line, sizeof line,
			         "%04X [%d] %s %s, %llu bytes, %llu free in %u spaces, %u tracks", devnum,
			         n + 1, cckd_path(z), cckd_is_ro(z) ? "ro" : "rw", (unsigned long long)s.size,
			         (unsigned long long)s.free_bytes, s.nfree, s.tracks);
		else
			snprintf(line, sizeof line, "%04X [%d] %s: cannot read its tables", devnum, n + 1,
			         cckd_path(z));
		out(ctx, line);
	}
	if (!img->sf)
		out(ctx, "  (no sf= operand: no shadow files)");
}
