/* cmsfs — the CMS file system of a minidisk in a DASD image, from the host
 * (docs/cms-format.md, tools/README.md).  The same cms/fs*.c the nucleus
 * runs do the work; this file makes a minidisk extent of a CKD, CCKD or FBA
 * image into a struct cms_blkdev of 4K blocks and reads the command line.
 *
 *   cmsfs [-r] IMAGE [-x FIRST,COUNT] COMMAND [ARGS]
 *
 * CKD: the extent is cylinders (FIRST the minidisk's first real cylinder);
 * its blocks lie on its tracks as cmsfs.h says (4K records R1..Rk, counts
 * with the minidisk's own cylinder numbers).  FBA: 512-byte blocks, eight
 * to a 4K block.  Without -x: the whole image.
 *
 * Exit status: 0 done (check: consistent), 1 what the file system refused
 * or found (not a CMS disk, no such file, disk full, damage), 2 a usage
 * error or a host I/O error, named.
 */
#define _POSIX_C_SOURCE 200809L
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "ckd.h"
#include "ckdimg.h"
#include "cms.h"
#include "cmsfs.h"
#include "cmsmod.h"

enum { OK = 0, BAD = 1, USAGE = 2 };

static const char usage_text[] =
    "usage: cmsfs [-r] IMAGE [-x FIRST,COUNT] COMMAND [ARGS]\n"
    "  format LABEL [--force]         a new, empty CMS file system (LABEL: 1-6 characters)\n"
    "  info                           label, size, blocks in use, files, nucleus\n"
    "  ls                             the files: fn ft fm recfm lrecl records blocks date\n"
    "  cat FN FT [--ebcdic]           a file's records as ASCII lines (--ebcdic: as stored)\n"
    "  get FN FT HOSTFILE [--ebcdic]  the same into a host file\n"
    "  put HOSTFILE FN FT [FM] [--recfm F|V] [--lrecl N] [--ebcdic]\n"
    "                                 a host text file in, one line a record (F 80 unless told)\n"
    "  rm FN FT                       erase a file\n"
    "  rename FN FT FN2 FT2           rename a file\n"
    "  check                          the consistency check: exit 0 when consistent\n"
    "  nucleus FILE                   make the minidisk IPL FILE (a flat binary) at X'10000' (CKD)\n"
    "  module ELF FN [FM]             a CMS program (cms/prog/: linked at 0, ld -q) in as FN MODULE\n"
    "IMAGE: a CKD, CCKD or FBA image; -x the minidisk: cylinders FIRST.. (CKD) or 512-byte\n"
    "blocks FIRST.. (FBA), COUNT of them (default: the whole image); -r: open read-only.\n"
    "exit status: 0 done, 1 refused by the file system (or damage found), 2 usage or I/O error\n";

static int fail(int rc, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
static int fail(int rc, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	fputs("cmsfs: ", stderr);
	vfprintf(stderr, fmt, ap);
	fputc('\n', stderr);
	va_end(ap);
	return rc;
}

/* ---- what the nucleus gives the file system, on the host (and cms/hostlib.c) ---- */
void fs_now(struct cms_fst *s)
{
	time_t t = time(NULL);
	struct tm tm;
	localtime_r(&t, &tm);
	s->year = (uint16_t)(tm.tm_year + 1900);
	s->month = (uint8_t)(tm.tm_mon + 1);
	s->day = (uint8_t)tm.tm_mday;
	s->hour = (uint8_t)tm.tm_hour;
	s->minute = (uint8_t)tm.tm_min;
	s->second = (uint8_t)tm.tm_sec;
}

/* ---- the minidisk as 4K blocks ---- */
struct hostdev {
	struct cms_blkdev b;
	const char *path;
	bool fba;
	int fd;             /* FBA */
	off_t base;         /* FBA: the extent's first byte */
	struct ckd_img img; /* CKD */
	uint32_t cyl0, heads, per;
	uint8_t *trk;
	uint32_t trkno; /* the track in trk, or UINT32_MAX */
	char err[300];
};

/* The data of record r (key 0, 4096 bytes) on the track in h->trk, or NULL. */
static uint8_t *find_rec(struct hostdev *h, uint32_t r)
{
	uint32_t off = CKD_HA_LEN;
	while (off + CKD_COUNT_LEN <= h->img.trksize) {
		const uint8_t *c = h->trk + off;
		if (!memcmp(c, "\xFF\xFF\xFF\xFF\xFF\xFF\xFF\xFF", 8))
			return NULL;
		uint32_t kl = c[5], dl = ckd_be16(c + 6);
		if (c[4] == r)
			return kl == 0 && dl == CMS_BLKSIZE && off + CKD_COUNT_LEN + dl <= h->img.trksize
			           ? h->trk + off + CKD_COUNT_LEN
			           : NULL;
		off += CKD_COUNT_LEN + kl + dl;
	}
	return NULL;
}

static uint8_t *ckd_block(struct hostdev *h, uint32_t blk)
{
	uint32_t t = h->cyl0 * h->heads + blk / h->per;
	if (h->trkno != t) {
		h->trkno = UINT32_MAX;
		if (ckd_img_read(&h->img, t, h->trk, h->err, sizeof h->err))
			return NULL;
		h->trkno = t;
	}
	uint8_t *d = find_rec(h, blk % h->per + 1);
	if (!d)
		snprintf(h->err, sizeof h->err, "block %u: track %u has no 4K record %u (not formatted)",
		         (unsigned)blk, (unsigned)t, (unsigned)(blk % h->per + 1));
	return d;
}

static int dev_read(struct cms_blkdev *b, uint32_t blk, void *buf)
{
	struct hostdev *h = b->ctx;
	if (h->fba) {
		if (pread(h->fd, buf, CMS_BLKSIZE, h->base + (off_t)blk * CMS_BLKSIZE) != CMS_BLKSIZE) {
			snprintf(h->err, sizeof h->err, "block %u: %s", (unsigned)blk, strerror(errno));
			return -1;
		}
		return 0;
	}
	const uint8_t *d = ckd_block(h, blk);
	if (!d)
		return -1;
	memcpy(buf, d, CMS_BLKSIZE);
	return 0;
}

static int dev_write(struct cms_blkdev *b, uint32_t blk, const void *buf)
{
	struct hostdev *h = b->ctx;
	if (b->readonly)
		return -1;
	if (h->fba) {
		if (pwrite(h->fd, buf, CMS_BLKSIZE, h->base + (off_t)blk * CMS_BLKSIZE) != CMS_BLKSIZE) {
			snprintf(h->err, sizeof h->err, "block %u: %s", (unsigned)blk, strerror(errno));
			return -1;
		}
		return 0;
	}
	uint8_t *d = ckd_block(h, blk);
	if (!d)
		return -1;
	memcpy(d, buf, CMS_BLKSIZE);
	if (ckd_img_write(&h->img, h->trkno, h->trk, ckd_track_used(h->trk, h->img.trksize), h->err,
	                  sizeof h->err)) {
		h->trkno = UINT32_MAX;
		return -1;
	}
	return 0;
}

/* CKD: the track of blk made anew (at its first block): home address and
 * R0 with the real cylinder, R1..Rk of 4096 bytes with the minidisk's. */
static int dev_format(struct cms_blkdev *b, uint32_t blk)
{
	struct hostdev *h = b->ctx;
	if (h->fba || blk % h->per)
		return 0;
	uint32_t t = blk / h->per, real = h->cyl0 * h->heads + t;
	uint16_t cyl = (uint16_t)(real / h->heads), head = (uint16_t)(real % h->heads);
	memset(h->trk, 0, h->img.trksize);
	uint32_t used = ckd_null_track(h->trk, cyl, head, false) - CKD_EOT_LEN;
	uint8_t *p = h->trk + used;
	for (uint32_t r = 1; r <= h->per; r++) {
		ckd_put16(p, (uint16_t)(t / h->heads));
		ckd_put16(p + 2, head);
		p[4] = (uint8_t)r;
		p[5] = 0;
		ckd_put16(p + 6, CMS_BLKSIZE);
		p += CKD_COUNT_LEN + CMS_BLKSIZE;
	}
	memset(p, 0xFF, CKD_EOT_LEN);
	h->trkno = UINT32_MAX;
	if (ckd_img_write(&h->img, real, h->trk, (uint32_t)(p + CKD_EOT_LEN - h->trk), h->err, sizeof h->err))
		return -1;
	return 0;
}

static bool parse_extent(const char *s, unsigned long *first, unsigned long *count)
{
	char *e;
	errno = 0;
	*first = strtoul(s, &e, 10);
	if (e == s || *e != ',' || errno || s[0] == '-')
		return false;
	const char *c = e + 1;
	*count = strtoul(c, &e, 10);
	return e != c && !*e && !errno && *count > 0 && c[0] != '-';
}

/* Open the image and the extent: 0, or USAGE with a message. */
static int dev_open(struct hostdev *h, const char *path, const char *extent, bool ro)
{
	memset(h, 0, sizeof *h);
	h->path = path;
	h->trkno = UINT32_MAX;
	h->fd = -1;
	h->b.ctx = h;
	h->b.read = dev_read;
	h->b.write = dev_write;
	h->b.format = dev_format;
	h->b.readonly = ro;
	unsigned long first = 0, count = 0;
	if (extent && !parse_extent(extent, &first, &count))
		return fail(USAGE, "-x %s: expected FIRST,COUNT (two numbers, COUNT at least 1)", extent);
	int fd = open(path, ro ? O_RDONLY : O_RDWR);
	if (fd < 0)
		return fail(USAGE, "%s: %s%s", path, strerror(errno),
		            !ro && errno == EACCES ? " (use -r to read it)" : "");
	char magic[4] = {0};
	struct stat st;
	if (fstat(fd, &st) || pread(fd, magic, 4, 0) != 4) {
		close(fd);
		return fail(USAGE, "%s: not a DASD image (too short)", path);
	}
	if (memcmp(magic, "CKD_", 4)) { /* FBA: whole 512-byte blocks, no header */
		if (st.st_size % 512 || st.st_size < 512 * 16) {
			close(fd);
			return fail(USAGE,
			            "%s: not a DASD image (no CKD header, and not whole 512-byte blocks)",
			            path);
		}
		uint64_t total = (uint64_t)st.st_size / 512;
		if (!extent)
			count = (unsigned long)total;
		if (first >= total || count > total - first) {
			close(fd);
			return fail(USAGE, "-x %lu,%lu: the FBA image has %llu blocks", first, count,
			            (unsigned long long)total);
		}
		h->fba = true;
		h->fd = fd;
		h->base = (off_t)first * 512;
		h->b.nblocks = (uint32_t)(count / 8);
		h->b.devtype = total == 125664 ? 0x3310 : 0x3370;
		return 0;
	}
	close(fd);
	if (ckd_img_open(&h->img, path, ro, h->err, sizeof h->err))
		return fail(USAGE, "%s", h->err);
	const struct ckd_geom *g = ckd_geom_by_code(h->img.code, h->img.cyls);
	if (!g || !fs_ckd_geometry(g->type, &h->heads, &h->per) || h->heads != h->img.heads) {
		ckd_img_close(&h->img);
		return fail(USAGE, "%s: a %s; CMS's 4K blocks need a 2314, 3330, 3340, 3350, 3375 or 3380",
		            path, g ? g->name : "device type this tool does not know");
	}
	if (!extent)
		count = h->img.cyls;
	if (first >= h->img.cyls || count > h->img.cyls - first) {
		ckd_img_close(&h->img);
		return fail(USAGE, "-x %lu,%lu: the volume has cylinders 0-%u", first, count,
		            h->img.cyls - 1);
	}
	h->trk = calloc(1, h->img.trksize);
	h->cyl0 = (uint32_t)first;
	h->b.nblocks = (uint32_t)count * h->heads * h->per;
	h->b.devtype = g->type;
	return 0;
}

static int dev_close(struct hostdev *h)
{
	int rc = 0;
	if (h->fba) {
		if (!h->b.readonly && fsync(h->fd))
			rc = fail(USAGE, "%s: %s", h->path, strerror(errno));
		close(h->fd);
	} else {
		if (!h->b.readonly && ckd_img_flush(&h->img))
			rc = fail(USAGE, "%s: cannot flush the image", h->path);
		ckd_img_close(&h->img);
		free(h->trk);
	}
	return rc;
}

/* A volume label (VOL1, EBCDIC) inside the extent: formatting would lose it. */
static bool has_vol1(struct hostdev *h)
{
	static const uint8_t vol1[4] = {0xE5, 0xD6, 0xD3, 0xF1};
	if (h->fba) {
		uint8_t b[512];
		return h->base == 0 && pread(h->fd, b, 512, 512) == 512 && !memcmp(b, vol1, 4);
	}
	if (h->cyl0 != 0 || ckd_img_read(&h->img, 0, h->trk, h->err, sizeof h->err))
		return false;
	h->trkno = UINT32_MAX;
	for (uint32_t off = 0; off + 4 <= h->img.trksize; off++)
		if (!memcmp(h->trk + off, vol1, 4))
			return true;
	return false;
}

/* ---- the commands ---- */

/* The fs's answer as a message and an exit status. */
static int fs_err(struct hostdev *h, int rc, const char *what)
{
	const char *io = rc == FS_RC_IO && h->err[0] ? h->err : NULL;
	fail(rc == FS_RC_IO ? USAGE : BAD, "%s: %s (rc %d)%s%s", h->path, fs_errtext(), rc, io ? ": " : "",
	     io ? io : "");
	(void)what;
	return rc == FS_RC_IO ? USAGE : BAD;
}

static int show(const struct cms_fst *f, void *arg)
{
	(void)arg;
	printf("%-8s %-8s %-2s %c %5u %8u %6u %04u-%02u-%02u %02u:%02u:%02u\n", f->id.fn, f->id.ft, f->id.fm,
	       f->recfm, (unsigned)f->lrecl, (unsigned)f->records, (unsigned)f->blocks, f->year, f->month,
	       f->day, f->hour, f->minute, f->second);
	return 0;
}

static bool flag(int *argc, char **argv, const char *name)
{
	for (int i = 0; i < *argc; i++)
		if (!strcmp(argv[i], name)) {
			memmove(argv + i, argv + i + 1, sizeof *argv * (size_t)(*argc - i - 1));
			(*argc)--;
			return true;
		}
	return false;
}

static const char *option(int *argc, char **argv, const char *name, bool *bad)
{
	for (int i = 0; i < *argc; i++)
		if (!strcmp(argv[i], name)) {
			if (i + 1 >= *argc) {
				*bad = true;
				return NULL;
			}
			const char *v = argv[i + 1];
			memmove(argv + i, argv + i + 2, sizeof *argv * (size_t)(*argc - i - 2));
			*argc -= 2;
			return v;
		}
	return NULL;
}

static int fileid(struct cms_fileid *id, const char *fn, const char *ft, const char *fm)
{
	if (fs_fileid(id, fn, ft, fm))
		return fail(USAGE, "'%s %s%s%s': %s", fn, ft, fm[0] ? " " : "", fm, fs_errtext());
	for (const char *p = id->fn; *p; p++)
		if (*p == '*' || *p == '%')
			return fail(USAGE, "'%s %s': a pattern where one file is meant", fn, ft);
	for (const char *p = id->ft; *p; p++)
		if (*p == '*' || *p == '%')
			return fail(USAGE, "'%s %s': a pattern where one file is meant", fn, ft);
	return 0;
}

/* Records out: ASCII lines, or the bytes as stored. */
static int export(struct hostdev *h, struct cms_fileid *id, FILE *out, bool ebcdic)
{
	struct cms_file *f;
	int rc = fs_open_read(id, &f);
	if (rc)
		return fs_err(h, rc, "cat");
	struct cms_fst st;
	fs_state(id, &st);
	static uint8_t rec[65536];
	static char line[65537];
	uint32_t len;
	while (!(rc = fs_read(f, rec, sizeof rec, &len))) {
		if (ebcdic) {
			fwrite(rec, 1, len, out);
			continue;
		}
		cms_e2a(line, rec, len);
		if (st.recfm == 'F')
			while (len && line[len - 1] == ' ')
				len--;
		line[len] = '\n';
		fwrite(line, 1, len + 1, out);
	}
	fs_close(f);
	if (rc != RC_EOF)
		return fs_err(h, rc, "cat");
	return ferror(out) ? fail(USAGE, "write error: %s", strerror(errno)) : OK;
}

static int import(struct hostdev *h, const char *host, struct cms_fileid *id, char recfm, unsigned long lrecl,
                  bool ebcdic)
{
	FILE *in = fopen(host, "rb");
	if (!in)
		return fail(USAGE, "%s: %s", host, strerror(errno));
	struct cms_file *f;
	int rc = fs_open_write(id, recfm, (uint32_t)lrecl, &f);
	if (rc) {
		fclose(in);
		return fs_err(h, rc, "put");
	}
	static char line[65540];
	static uint8_t rec[65536];
	unsigned long n = 0;
	int out = OK;
	if (ebcdic) {
		size_t got;
		while ((got = fread(rec, 1, lrecl, in)) > 0) {
			n++;
			if (got < lrecl) {
				out = fail(USAGE, "%s: %lu bytes are not a whole number of %lu-byte records",
				           host, (n - 1) * lrecl + (unsigned long)got, lrecl);
				break;
			}
			if ((rc = fs_write(f, rec, (uint32_t)lrecl))) {
				out = fs_err(h, rc, "put");
				break;
			}
		}
	} else {
		while (fgets(line, sizeof line, in)) {
			size_t l = strlen(line);
			n++;
			if (l && line[l - 1] == '\n')
				line[--l] = 0;
			else if (!feof(in)) {
				out = fail(USAGE, "%s: line %lu is longer than 65535 characters", host, n);
				break;
			}
			if (l && line[l - 1] == '\r')
				line[--l] = 0;
			if (recfm == 'F' && l > lrecl) {
				out = fail(USAGE,
				           "%s: line %lu has %zu characters, more than the record length %lu",
				           host, n, l, lrecl);
				break;
			}
			if (!l && recfm == 'V') /* a variable record has a byte at least: a blank */
				line[l++] = ' ';
			cms_a2e(rec, line, l);
			if ((rc = fs_write(f, rec, (uint32_t)l))) {
				out = fs_err(h, rc, "put");
				break;
			}
		}
	}
	if (!out && ferror(in))
		out = fail(USAGE, "%s: %s", host, strerror(errno));
	fclose(in);
	if (out) {
		fs_abandon(f);
		return out;
	}
	if ((rc = fs_close(f)))
		return fs_err(h, rc, "put");
	return OK;
}

static bool writes(const char *cmd)
{
	return !strcmp(cmd, "format") || !strcmp(cmd, "put") || !strcmp(cmd, "rm") ||
	       !strcmp(cmd, "rename") || !strcmp(cmd, "nucleus") || !strcmp(cmd, "module");
}

static int run(struct hostdev *h, const char *cmd, int argc, char **argv)
{
	int rc;
	if (!strcmp(cmd, "format")) {
		bool force = flag(&argc, argv, "--force");
		if (argc != 1)
			return fail(USAGE, "format: expected LABEL");
		if (!force && has_vol1(h))
			return fail(
			    USAGE,
			    "%s: the extent holds the volume's VOL1 label: give the minidisk with -x, or "
			    "--force",
			    h->path);
		char label[8];
		snprintf(label, sizeof label, "%s", argv[0]);
		for (char *p = label; *p; p++)
			*p = cms_toupper(*p);
		if (strlen(argv[0]) > 6)
			return fail(USAGE, "format: label '%s': 1 to 6 characters", argv[0]);
		if ((rc = fs_format(&h->b, label)))
			return fs_err(h, rc, "format");
		printf("%s: CMS file system %s, %u blocks of 4K\n", h->path, label, (unsigned)h->b.nblocks);
		return OK;
	}
	if ((rc = fs_access(&h->b, 'A', 0, h->b.readonly)))
		return fs_err(h, rc, cmd);
	struct cms_fileid id, to;
	if (!strcmp(cmd, "info")) {
		struct cms_volinfo vi;
		fs_volinfo('A', &vi);
		printf("label %s, %u blocks of 4K, %u in use, %u files\n", vi.label, (unsigned)vi.blocks,
		       (unsigned)vi.used, (unsigned)vi.files);
		return argc ? fail(USAGE, "info: no arguments expected") : OK;
	}
	if (!strcmp(cmd, "ls")) {
		if (argc)
			return fail(USAGE, "ls: no arguments expected");
		struct cms_fileid all;
		fs_fileid(&all, "*", "*", "A");
		rc = fs_list(&all, show, NULL);
		return rc && rc != RC_NOTFOUND ? fs_err(h, rc, cmd) : OK;
	}
	if (!strcmp(cmd, "cat") || !strcmp(cmd, "get")) {
		bool ebcdic = flag(&argc, argv, "--ebcdic");
		bool get = cmd[0] == 'g';
		if (argc != (get ? 3 : 2))
			return fail(USAGE, "%s: expected FN FT%s", cmd, get ? " HOSTFILE" : "");
		if ((rc = fileid(&id, argv[0], argv[1], "A")))
			return rc;
		if (!get)
			return export(h, &id, stdout, ebcdic);
		FILE *out = fopen(argv[2], "wb");
		if (!out)
			return fail(USAGE, "%s: %s", argv[2], strerror(errno));
		rc = export(h, &id, out, ebcdic);
		if (fclose(out) && !rc)
			rc = fail(USAGE, "%s: %s", argv[2], strerror(errno));
		if (rc)
			remove(argv[2]);
		return rc;
	}
	if (!strcmp(cmd, "put")) {
		bool bad = false, ebcdic = flag(&argc, argv, "--ebcdic");
		const char *rf = option(&argc, argv, "--recfm", &bad),
		           *lr = option(&argc, argv, "--lrecl", &bad);
		if (bad)
			return fail(USAGE, "put: --recfm and --lrecl need a value");
		if (argc != 3 && argc != 4)
			return fail(USAGE, "put: expected HOSTFILE FN FT [FM]");
		char recfm = rf ? (char)cms_toupper(rf[0]) : 'F';
		if (rf && (strlen(rf) != 1 || (recfm != 'F' && recfm != 'V')))
			return fail(USAGE, "put: --recfm %s: F or V", rf);
		unsigned long lrecl = recfm == 'F' ? 80 : 0;
		char *e;
		if (lr && ((lrecl = strtoul(lr, &e, 10)) < 1 || lrecl > 65535 || *e || lr[0] == '-'))
			return fail(USAGE, "put: --lrecl %s: 1 to 65535", lr);
		if (ebcdic && recfm != 'F')
			return fail(USAGE, "put: --ebcdic takes fixed records (--recfm F)");
		char fm[3] = "A";
		if (argc == 4) {
			if (strlen(argv[3]) != 2 || cms_toupper(argv[3][0]) != 'A' || argv[3][1] < '0' ||
			    argv[3][1] > '9')
				return fail(USAGE, "put: FM '%s': A and a digit (A1, A2 ...)", argv[3]);
			fm[1] = argv[3][1];
		}
		if ((rc = fileid(&id, argv[1], argv[2], fm)))
			return rc;
		return import(h, argv[0], &id, recfm, lrecl, ebcdic);
	}
	if (!strcmp(cmd, "rm")) {
		if (argc != 2)
			return fail(USAGE, "rm: expected FN FT");
		if ((rc = fileid(&id, argv[0], argv[1], "A")))
			return rc;
		return (rc = fs_erase(&id)) ? fs_err(h, rc, cmd) : OK;
	}
	if (!strcmp(cmd, "rename")) {
		if (argc != 4)
			return fail(USAGE, "rename: expected FN FT FN2 FT2");
		if ((rc = fileid(&id, argv[0], argv[1], "A")) || (rc = fileid(&to, argv[2], argv[3], "A")))
			return rc;
		return (rc = fs_rename(&id, &to)) ? fs_err(h, rc, cmd) : OK;
	}
	if (!strcmp(cmd, "nucleus")) {
		if (argc != 1)
			return fail(USAGE, "nucleus: expected FILE");
		FILE *in = fopen(argv[0], "rb");
		if (!in)
			return fail(USAGE, "%s: %s", argv[0], strerror(errno));
		static uint8_t prog[FS_NUC_MAXBLK * CMS_BLKSIZE + 1];
		size_t len = fread(prog, 1, sizeof prog, in);
		fclose(in);
		if (len == 0 || len > FS_NUC_MAXBLK * CMS_BLKSIZE)
			return fail(USAGE, "%s: %s; a nucleus has 1 to %u bytes", argv[0],
			            len ? "too large" : "empty", (unsigned)FS_NUC_MAXBLK * CMS_BLKSIZE);
		if ((rc = fs_nucleus('A', prog, (uint32_t)len)))
			return fs_err(h, rc, cmd);
		struct cms_volinfo vi;
		fs_volinfo('A', &vi);
		printf("%s: nucleus of %zu bytes; IPL loads it at X'%X'\n", h->path, len,
		       (unsigned)FS_NUC_ORIGIN);
		return OK;
	}
	if (!strcmp(cmd, "module")) {
		if (argc != 2 && argc != 3)
			return fail(USAGE, "module: expected ELF FN [FM]");
		FILE *in = fopen(argv[0], "rb");
		if (!in)
			return fail(USAGE, "%s: %s", argv[0], strerror(errno));
		static uint8_t elf[16 << 20];
		size_t len = fread(elf, 1, sizeof elf, in);
		fclose(in);
		uint8_t *mod;
		size_t mlen;
		char why[160];
		if (cmsmod_make(elf, len, &mod, &mlen, why, sizeof why))
			return fail(USAGE, "%s: %s", argv[0], why);
		if ((rc = fileid(&id, argv[1], "MODULE", argc == 3 ? argv[2] : "A"))) {
			free(mod);
			return rc;
		}
		struct cms_file *f;
		if ((rc = fs_open_write(&id, 'F', CMSMOD_LRECL, &f))) {
			free(mod);
			return fs_err(h, rc, cmd);
		}
		for (size_t k = 0; k < mlen && !rc; k += CMSMOD_LRECL)
			rc = fs_write(f, mod + k, CMSMOD_LRECL);
		free(mod);
		if (rc) {
			fs_abandon(f);
			return fs_err(h, rc, cmd);
		}
		return (rc = fs_close(f)) ? fs_err(h, rc, cmd) : OK;
	}
	return fail(USAGE, "unknown command '%s' (cmsfs --help)", cmd);
}

int main(int argc, char **argv)
{
	const char *image = NULL, *extent = NULL, *cmd = NULL;
	bool ro = false;
	int a = 1;
	for (; a < argc && !cmd; a++) {
		if (!strcmp(argv[a], "-h") || !strcmp(argv[a], "--help")) {
			fputs(usage_text, stdout);
			return OK;
		} else if (!strcmp(argv[a], "-r")) {
			ro = true;
		} else if (!strcmp(argv[a], "-x")) {
			if (++a >= argc)
				return fail(USAGE, "-x needs FIRST,COUNT");
			extent = argv[a];
		} else if (argv[a][0] == '-' && argv[a][1]) {
			return fail(USAGE, "unknown option '%s' (cmsfs --help)", argv[a]);
		} else if (!image) {
			image = argv[a];
		} else {
			cmd = argv[a];
		}
	}
	if (!image || !cmd) {
		fputs(usage_text, stderr);
		return USAGE;
	}
	static const char *const known[] = {"format", "info", "ls",      "cat",   "get",   "put",
	                                    "rm",     "rename", "nucleus", "check", "module"};
	bool found = false;
	for (size_t i = 0; i < sizeof known / sizeof known[0]; i++)
		found = found || !strcmp(cmd, known[i]);
	if (!found)
		return fail(USAGE, "unknown command '%s' (cmsfs --help)", cmd);
	if (!strcmp(cmd, "check")) {
		if (a != argc)
			return fail(USAGE, "check: no arguments expected");
		ro = true;
	} else if (ro && writes(cmd)) {
		return fail(USAGE, "%s: opened read-only (-r): '%s' writes, not done", image, cmd);
	}
	struct hostdev h;
	int rc = dev_open(&h, image, extent, ro || !writes(cmd));
	if (rc)
		return rc;
	if (!strcmp(cmd, "check")) {
		char report[300];
		uint32_t problems = 0;
		rc = fs_check(&h.b, report, sizeof report, &problems);
		if (rc)
			printf("%s: %u problem%s; the first: %s\n", image, (unsigned)problems,
			       problems == 1 ? "" : "s", report);
		else
			printf("%s: consistent\n", image);
		rc = rc ? BAD : OK;
	} else {
		rc = run(&h, cmd, argc - a, argv + a);
	}
	for (char m = 'A'; m <= 'Z'; m++)
		if (fs_vol(m))
			fs_release(m);
	int crc = dev_close(&h);
	return rc ? rc : crc;
}
