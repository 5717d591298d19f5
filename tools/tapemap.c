/* tapemap.c — `tape map`: what is on an AWS or HET tape image.
 *
 * The image is read through the emulator's own tape formats (devices/tape.h),
 * so what the map shows is what a tape drive of s370 would read: blocks and
 * tape marks, in order.  Per file (the blocks between two tape marks) the
 * block sizes are summarised by runs ("10 x 800, 1 x 400").  Standard labels
 * (IBM Tape Labels, SC26-4118 / z/OS DFSMS Using Magnetic Tapes, "IBM
 * standard labels") are 80-byte blocks that begin VOL1, HDR1, HDR2, EOF1,
 * EOF2, EOV1 or EOV2, in EBCDIC (ASCII labels too); for those the map names
 * the volume serial (VOL1 +4), the data set (HDR1/EOF1 +4, 17 characters),
 * its file sequence (+31, 4 digits) and block count (EOF1 +54, 6 digits), and
 * the record format, block and record length (HDR2 +4, +5, +10).
 *
 * Exit status: 0 mapped, 1 damaged image (the reason is printed), 2 usage
 * or I/O error.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <unistd.h>

#include "codepage.h"
#include "tape.h"

static const char usage_text[] = "usage: tape map FILE\n"
                                 "\n"
                                 "  map   list an AWS or HET tape image: per file the blocks and their\n"
                                 "        sizes (runs of equal sizes summarised), the tape marks, and the\n"
                                 "        names in standard labels (VOL1, HDR1/HDR2, EOF1/EOF2)\n"
                                 "\n"
                                 "exit status: 0 mapped, 1 damaged image, 2 usage or I/O error\n";

struct run {
	long size;
	unsigned long count;
};

struct file {
	struct run *runs;
	size_t nruns, cap;
	unsigned long blocks;
	char labels[2048];
};

/* The label text of an 80-byte block, or "" when it is not a label. */
static void label_text(const uint8_t *b, long n, char *out, size_t outlen)
{
	static const char *const ids[] = {"VOL1", "HDR1", "HDR2", "EOF1", "EOF2", "EOV1", "EOV2"};
	char t[81];
	out[0] = 0;
	if (n != 80)
		return;
	const struct codepage *cp = codepage_find("037");
	bool ascii =
	    !memcmp(b, "VOL", 3) || !memcmp(b, "HDR", 3) || !memcmp(b, "EOF", 3) || !memcmp(b, "EOV", 3);
	for (int k = 0; k < 80; k++) {
		uint8_t c = ascii ? b[k] : cp->e2a[b[k]];
		t[k] = c >= 0x20 && c < 0x7F ? (char)c : '.';
	}
	t[80] = 0;
	size_t k;
	for (k = 0; k < sizeof ids / sizeof ids[0]; k++)
		if (!memcmp(t, ids[k], 4))
			break;
	if (k == sizeof ids / sizeof ids[0])
		return;
	char f1[20], f2[20];
	if (k == 0) {
		snprintf(out, outlen, "VOL1 volume %.6s", t + 4);
	} else if (t[3] == '1') {
		memcpy(f1, t + 4, 17);
		f1[17] = 0;
		for (int e = 16; e >= 0 && f1[e] == ' '; e--)
			f1[e] = 0;
		snprintf(out, outlen, "%.4s %s, file %.4s", t, f1, t + 31);
		if (t[0] != 'H') {
			size_t l = strlen(out);
			snprintf(out + l, outlen - l, ", %.6s blocks", t + 54);
		}
	} else {
		memcpy(f2, t + 5, 5);
		f2[5] = 0;
		snprintf(out, outlen, "%.4s recfm %c, block %s, lrecl %.5s", t, t[4], f2, t + 10);
	}
}

static int add_block(struct file *f, long size)
{
	f->blocks++;
	if (f->nruns && f->runs[f->nruns - 1].size == size) {
		f->runs[f->nruns - 1].count++;
		return 0;
	}
	if (f->nruns == f->cap) {
		size_t cap = f->cap ? f->cap * 2 : 16;
		struct run *r = realloc(f->runs, cap * sizeof *r);
		if (!r)
			return -1;
		f->runs = r;
		f->cap = cap;
	}
	f->runs[f->nruns++] = (struct run){size, 1};
	return 0;
}

static void put_file(struct file *f, unsigned long fileno)
{
	if (!f->blocks)
		return;
	printf("file %lu: %lu block%s:", fileno, f->blocks, f->blocks == 1 ? "" : "s");
	for (size_t k = 0; k < f->nruns; k++)
		printf("%s %lu x %ld", k ? "," : "", f->runs[k].count, f->runs[k].size);
	printf("\n%s", f->labels);
	f->blocks = 0;
	f->nruns = 0;
	f->labels[0] = 0;
}

static int map(const char *path)
{
	int fd = open(path, O_RDONLY);
	if (fd < 0) {
		fprintf(stderr, "tape: %s: %s\n", path, strerror(errno));
		return 2;
	}
	close(fd);
	size_t l = strlen(path);
	bool het = l > 4 && !strcasecmp(path + l - 4, ".het");
	struct tape_opts o = {.ro = true};
	char err[300];
	/* the HET reader also reads every AWS image (no compressed blocks) */
	struct tape_img *t = tape_het_fmt.open(path, &o, err, sizeof err);
	if (!t) {
		fprintf(stderr, "tape: %s: %s\n", path, err);
		return 1;
	}
	uint8_t *buf = malloc(TAPE_MAXBLK);
	struct file f = {0};
	unsigned long fileno = 1, blocks = 0, marks = 0, bad = 0;
	unsigned long long bytes = 0;
	int rc = 0;
	printf("%s: %s tape image\n", path, het ? "HET" : "AWS");
	for (;;) {
		long n = buf ? tape_het_fmt.read(t, buf) : TAPE_IOERR;
		if (n == TAPE_EOD)
			break;
		if (n == TAPE_TM) {
			put_file(&f, fileno);
			printf("tape mark\n");
			marks++;
			fileno++;
			continue;
		}
		if (n < 0) {
			put_file(&f, fileno);
			if (n == TAPE_BAD) {
				printf("block %lu of file %lu: its data cannot be decompressed\n",
				       f.blocks + 1, fileno);
				bad++;
				continue;
			}
			fprintf(stderr, "tape: %s: %s\n", path, tape_het_fmt.message(t));
			rc = 2;
			break;
		}
		char lab[160];
		label_text(buf, n, lab, sizeof lab);
		size_t ll = strlen(f.labels);
		if (*lab && ll + strlen(lab) + 4 < sizeof f.labels)
			snprintf(f.labels + ll, sizeof f.labels - ll, "  %s\n", lab);
		if (add_block(&f, n)) {
			fprintf(stderr, "tape: out of memory\n");
			rc = 2;
			break;
		}
		blocks++;
		bytes += (unsigned long long)n;
	}
	put_file(&f, fileno);
	printf("end of data: %lu block%s (%llu bytes), %lu tape mark%s\n", blocks, blocks == 1 ? "" : "s",
	       bytes, marks, marks == 1 ? "" : "s");
	if (bad && !rc) {
		printf("damaged: %lu block%s cannot be read\n", bad, bad == 1 ? "" : "s");
		rc = 1;
	}
	free(f.runs);
	free(buf);
	tape_het_fmt.close(t);
	return rc;
}

int main(int argc, char **argv)
{
	for (int a = 1; a < argc; a++)
		if (!strcmp(argv[a], "--help") || !strcmp(argv[a], "-h")) {
			fputs(usage_text, stdout);
			return 0;
		}
	if (argc != 3 || strcmp(argv[1], "map")) {
		if (argc >= 2 && strcmp(argv[1], "map"))
			fprintf(stderr, "tape: unknown subcommand '%s' (map)\n", argv[1]);
		else
			fprintf(stderr, "tape: map: expected one FILE\n");
		fputs(usage_text, stderr);
		return 2;
	}
	return map(argv[2]);
}
