/* dasd_check.c — `dasd check`: is an image what its headers say it is?
 *
 * Every image: the device header (devices/ckdimg.h) names a known device
 * type whose heads and track slot size it repeats; a CKD file holds whole
 * cylinders (several files: each but the last up to the cylinder its header
 * names); every track is well-formed: the home address names its own
 * cylinder and head, R0 follows, every record's key and data lie inside the
 * slot, and the end-of-track marker (eight X'FF') closes it.  A compressed
 * image is checked further in dasd_cckdchk.c.  An FBA image (no header, a
 * whole number of 512-byte blocks) is checked for its size only.
 *
 * Output: one line describing the image, one line per problem ("damaged:
 * ..."; the first few of each kind, then a count), and a last line
 * "consistent" or "damaged: N problem(s)".  Exit 0, 1 or 2 (dasd.h).
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "dasd.h"

void dasd_problem(struct dasd_chk *c, const char *fmt, ...)
{
	c->problems++;
	if (c->problems > c->max_reports) {
		if (c->problems == c->max_reports + 1)
			printf("damaged: (more problems not listed)\n");
		return;
	}
	va_list ap;
	va_start(ap, fmt);
	printf("damaged: ");
	vprintf(fmt, ap);
	printf("\n");
	va_end(ap);
}

const char *dasd_track_problem(const uint8_t *buf, uint32_t len, uint32_t cc, uint32_t hh)
{
	static const uint8_t eot[CKD_EOT_LEN] = {0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF};
	if (len < CKD_HA_LEN + CKD_EOT_LEN)
		return "shorter than a home address and an end-of-track marker";
	if (ckd_be16(buf + 1) != cc || ckd_be16(buf + 3) != hh)
		return "its home address names another track";
	uint32_t off = CKD_HA_LEN;
	if (off + CKD_COUNT_LEN <= len && !memcmp(buf + off, eot, CKD_EOT_LEN))
		return "no R0 after the home address";
	if (off + CKD_COUNT_LEN <= len && buf[off + 4] != 0)
		return "the first record is not R0";
	while (off + CKD_COUNT_LEN <= len) {
		if (!memcmp(buf + off, eot, CKD_EOT_LEN))
			return "";
		off += CKD_COUNT_LEN + buf[off + 5] + ckd_be16(buf + off + 6);
	}
	return "a record runs past the end of the track (no end-of-track marker)";
}

/* The name of file seq (2, 3, ...) of a multi-file volume whose first file
 * is path (devices/ckdimg.h: the character before the first dot of the last
 * path component, or the last character, is the sequence). */
static void seq_name(const char *path, int seq, char *out, size_t n)
{
	snprintf(out, n, "%s", path);
	char *base = strrchr(out, '/');
	base = base ? base + 1 : out;
	char *dot = strchr(base, '.');
	char *c = dot && dot > base ? dot - 1 : out + strlen(out) - 1;
	*c = (char)(seq < 10 ? '0' + seq : 'A' + seq - 10);
}

/* Check the tracks of one CKD file; *first_cyl advances past its cylinders. */
static int check_ckd_file(struct dasd_chk *c, int fd, const char *name, const uint8_t *h, uint32_t heads,
                          uint32_t trksize, uint32_t *first_cyl, bool *last)
{
	struct stat st;
	if (fstat(fd, &st)) {
		dasd_err("%s: %s", name, strerror(errno));
		return DASD_USAGE;
	}
	uint64_t cylb = (uint64_t)heads * trksize;
	uint64_t body = st.st_size > CKD_DEVHDR_LEN ? (uint64_t)st.st_size - CKD_DEVHDR_LEN : 0;
	uint32_t highcyl = (uint32_t)h[18] | (uint32_t)h[19] << 8;
	*last = h[17] == 0 || highcyl == 0;
	uint64_t ncyl = body / cylb;
	if (!*last) {
		if (highcyl < *first_cyl) {
			dasd_problem(c, "%s: its last cylinder %u is before its first %u", name, highcyl,
			             *first_cyl);
			return 0;
		}
		if (ncyl < highcyl - *first_cyl + 1)
			dasd_problem(c, "%s: truncated: %llu bytes hold %llu cylinders, its header says %u",
			             name, (unsigned long long)st.st_size, (unsigned long long)ncyl,
			             highcyl - *first_cyl + 1);
		else
			ncyl = highcyl - *first_cyl + 1;
	} else if (body % cylb || ncyl == 0) {
		dasd_problem(c,
		             "%s: truncated: %llu bytes is not a whole number of cylinders (%llu bytes each "
		             "after the 512-byte header; the last has %llu)",
		             name, (unsigned long long)st.st_size, (unsigned long long)cylb,
		             (unsigned long long)(body % cylb));
	}
	uint8_t *buf = malloc(trksize);
	if (!buf) {
		dasd_err("out of memory");
		return DASD_USAGE;
	}
	int bad = 0;
	for (uint64_t t = 0; t < ncyl * heads; t++) {
		uint32_t cc = *first_cyl + (uint32_t)(t / heads), hh = (uint32_t)(t % heads);
		if (pread(fd, buf, trksize, CKD_DEVHDR_LEN + (off_t)t * trksize) != (ssize_t)trksize) {
			dasd_err("%s: read error at track %llu: %s", name, (unsigned long long)t,
			         strerror(errno));
			free(buf);
			return DASD_USAGE;
		}
		const char *why = dasd_track_problem(buf, trksize, cc, hh);
		if (*why) {
			bad++;
			dasd_problem(c, "track %u (cyl %u head %u): %s", cc * heads + hh, cc, hh, why);
		}
	}
	free(buf);
	*first_cyl += (uint32_t)ncyl;
	return 0;
}

static int check_ckd(struct dasd_chk *c, int fd, const uint8_t *h, const struct ckd_geom *g)
{
	uint32_t heads = dasd_le32(h + 8), trksize = dasd_le32(h + 12);
	uint32_t cyls = 0;
	int fds[CKD_MAX_FILES];
	int nf = 0;
	uint8_t hdr[CKD_DEVHDR_LEN];
	memcpy(hdr, h, sizeof hdr);
	const char *name = c->path;
	char next[4096];
	for (;;) {
		bool last;
		int rc = check_ckd_file(c, fd, name, hdr, heads, trksize, &cyls, &last);
		if (rc || last)
			break;
		if (nf + 1 >= CKD_MAX_FILES) {
			dasd_problem(c, "more than %d files in the volume", CKD_MAX_FILES);
			break;
		}
		seq_name(c->path, nf + 2, next, sizeof next);
		name = next;
		fd = fds[nf++] = open(next, O_RDONLY);
		if (fd < 0 || pread(fd, hdr, sizeof hdr, 0) != (ssize_t)sizeof hdr) {
			dasd_problem(c, "file %d of the volume, %s: %s", nf + 1, next,
			             fd < 0 ? strerror(errno) : "too short for a header");
			break;
		}
		if (memcmp(hdr, "CKD_P370", 8) || hdr[17] != nf + 1 || dasd_le32(hdr + 8) != heads ||
		    dasd_le32(hdr + 12) != trksize || hdr[16] != h[16]) {
			dasd_problem(c, "%s: its header does not continue the volume (file %d)", next,
			             nf + 1);
			break;
		}
	}
	for (int k = 0; k < nf; k++)
		if (fds[k] >= 0)
			close(fds[k]);
	const struct ckd_geom *m = g ? ckd_geom_by_code(g->code, cyls) : NULL;
	if (!c->quiet)
		printf("%s%s%u cylinder%s, %u tracks checked\n", m ? m->name : "", m ? ": " : "", cyls,
		       cyls == 1 ? "" : "s", cyls * heads);
	return 0;
}

/* An FBA image has no header: a whole number of 512-byte blocks. */
static int check_fba(struct dasd_chk *c, uint64_t size)
{
	if (!c->quiet)
		printf("%s: FBA image, %llu blocks of 512 bytes\n", c->path,
		       (unsigned long long)(size / 512));
	if (size % 512)
		dasd_problem(c, "%llu bytes is not a whole number of 512-byte blocks",
		             (unsigned long long)size);
	return 0;
}

int dasd_check_main(int argc, char **argv)
{
	struct dasd_chk c = {.max_reports = 20};
	int a = 1;
	for (; a < argc && argv[a][0] == '-'; a++) {
		if (!strcmp(argv[a], "--repair"))
			c.repair = true;
		else if (!strcmp(argv[a], "-q"))
			c.quiet = true;
		else {
			dasd_err("check: unknown option '%s'", argv[a]);
			return DASD_USAGE;
		}
	}
	if (argc - a != 1) {
		dasd_err("check: expected one FILE  (dasd --help)");
		return DASD_USAGE;
	}
	c.path = argv[a];
	int fd = open(c.path, c.repair ? O_RDWR : O_RDONLY);
	struct stat st;
	if (fd < 0 || fstat(fd, &st)) {
		dasd_err("%s: %s", c.path, strerror(errno));
		return DASD_USAGE;
	}
	if (!S_ISREG(st.st_mode)) {
		dasd_err("%s: not a regular file", c.path);
		close(fd);
		return DASD_USAGE;
	}
	uint8_t h[CKD_DEVHDR_LEN] = {0};
	ssize_t n = pread(fd, h, sizeof h, 0);
	bool ckd = n == (ssize_t)sizeof h && !memcmp(h, "CKD_P370", 8);
	bool shadow = n == (ssize_t)sizeof h && !memcmp(h, "CKD_S370", 8);
	bool cckd = shadow || (n == (ssize_t)sizeof h && !memcmp(h, "CKD_C370", 8));
	int rc = 0;
	if (ckd && h[17] > 1) {
		dasd_err("%s is file %u of a multi-file volume: check the first file", c.path, h[17]);
		close(fd);
		return DASD_USAGE;
	}
	if (!ckd && !cckd) {
		if (n >= 8 && (!memcmp(h, "FBA_C370", 8) || !memcmp(h, "FBA_S370", 8))) {
			dasd_err("%s: a compressed FBA image: not supported", c.path);
			close(fd);
			return DASD_USAGE;
		}
		if (st.st_size < 1024 || st.st_size % 512) {
			dasd_err(
			    "%s: not a DASD image (no CKD_P370 or CKD_C370 header, and not a whole number "
			    "of 512-byte FBA blocks)",
			    c.path);
			close(fd);
			return DASD_BAD;
		}
		rc = check_fba(&c, (uint64_t)st.st_size);
	} else {
		uint32_t heads = dasd_le32(h + 8), trksize = dasd_le32(h + 12);
		const struct ckd_geom *g = ckd_geom_by_code(h[16], 1);
		if (!c.quiet)
			printf("%s: %s image, %s, %u heads, %u bytes/track\n", c.path,
			       ckd      ? "CKD"
			       : shadow ? "CCKD shadow"
			                : "CCKD",
			       g ? g->name : "unknown device type", heads, trksize);
		if (!g)
			printf("note: device type byte X'%02X' is none that s370 emulates: structure checked only\n",
			       h[16]);
		if (heads == 0 || heads > 255 || trksize < 512 || trksize > 65536 || trksize % 512) {
			dasd_problem(&c, "bad device header: %u heads, %u bytes/track", heads, trksize);
		} else {
			if (g && heads != g->heads)
				dasd_problem(&c, "a %s has %u heads, the header says %u", g->name, g->heads,
				             heads);
			if (g && trksize != ckd_track_size(g))
				dasd_problem(&c, "a %s track slot is %u bytes, the header says %u", g->name,
				             ckd_track_size(g), trksize);
			if (!c.problems)
				rc = ckd ? check_ckd(&c, fd, h, g) : dasd_check_cckd(&c, fd, h, g);
		}
	}
	close(fd);
	if (rc)
		return rc;
	if (c.problems) {
		printf("damaged: %d problem%s\n", c.problems, c.problems == 1 ? "" : "s");
		return DASD_BAD;
	}
	printf(c.recovery ? "consistent, needs recovery (dasd check --repair)\n" : "consistent\n");
	return DASD_OK;
}
