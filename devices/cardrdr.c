/* cardrdr.c — card readers 2540R and 3505 reading host files.
 *
 * Commands (IBM 2540 / 2821 and IBM 3505 component descriptions):
 *   X'02' Read, feed, select stacker; X'x2' the same with the other
 *         stacker-select and mode bits: one card, 80 bytes.  A count other
 *         than 80 is incorrect length (unless SLI), as on the real reader.
 *   X'03' No operation; X'x3' Feed, select stacker: a card passes unread.
 *   X'04' Sense (four bytes, as Hercules)
 *   X'E4' Sense ID (FF 2821 01 tttt 01, as Hercules reports)
 * Anything else is a command reject.
 *
 * The statement (Hercules): ADDR 3505 FILE... [ascii|ebcdic] [eof|intrq]
 * [multifile] [trunc] [autopad]; `*` alone is an empty hopper.
 *   ascii:  text lines become cards through the code page, padded with
 *           blanks; tabs stop every 8 columns; a line longer than 80 is a
 *           data check unless `trunc` cuts it.
 *   ebcdic: 80-byte binary cards; a short last card is a data check unless
 *           `autopad` fills it with X'00'.
 *   Neither: each file's first bytes decide (all printable ASCII: ascii).
 * At the end of a file the next file follows at once with `multifile`.
 * Otherwise the Read that finds the file's end ends with unit exception
 * (`eof`) or unit check with intervention required (`intrq`, the default):
 * the operator's end-of-file or an empty hopper; the next Read goes on with
 * the next file.  After the last file the hopper is empty: every Read is
 * intervention required until `devinit` loads new cards, and the reader,
 * being ready again, presents device end.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "codepage.h"

enum { COLS = 80, LINE_MAX = 4096 };
enum fmt { FMT_AUTO, FMT_ASCII, FMT_EBCDIC };

/* Sense byte 1 given with intervention required (Hercules 3.13 reports
 * X'40' X'10' for a reader that is out of cards). */
#define SNS1_RDR_NOTREADY 0x10

struct rdr {
	char **files;
	int nfiles;
	int cur;        /* index of the file being read (nfiles: hopper empty) */
	FILE *f;        /* open file cur, NULL before its first card */
	bool ascii;     /* the open file's format */
	enum fmt fmt;   /* as configured */
	bool eof;       /* unit exception at a file's end (else intervention required) */
	bool multifile; /* the files run on as one deck */
	bool trunc;     /* ascii: cut long lines */
	bool autopad;   /* ebcdic: pad a short last card */
	bool sockdev;   /* Hercules' socket reader: accepted, not emulated */
	unsigned long cards;
};

static struct rdr *rdr_of(struct device *d)
{
	return d->priv;
}

static bool looks_ascii(FILE *f)
{
	uint8_t buf[160];
	size_t n = fread(buf, 1, sizeof buf, f);
	rewind(f);
	for (size_t k = 0; k < n; k++)
		if ((buf[k] < 0x20 || buf[k] > 0x7E) && !strchr("\n\r\t\f", buf[k]))
			return false;
	return true;
}

/* Open file cur.  0, or -1 (host error, reported on the console). */
static int open_current(struct device *d, struct rdr *r)
{
	r->f = fopen(r->files[r->cur], "rb");
	if (!r->f) {
		char msg[400];
		snprintf(msg, sizeof msg, "%04X: cannot open %s: %s", d->devnum, r->files[r->cur],
		         strerror(errno));
		chan_print(d->cs, msg);
		return -1;
	}
	r->ascii = r->fmt == FMT_ASCII || (r->fmt == FMT_AUTO && looks_ascii(r->f));
	return 0;
}

/* One text line as a card.  1 card, 0 end of file, -1 data check. */
static int ascii_card(struct device *d, struct rdr *r, uint8_t *card)
{
	char line[LINE_MAX];
	size_t n = 0;
	int ch;
	bool any = false;
	while ((ch = getc(r->f)) != EOF && ch != '\n') {
		any = true;
		if (ch == '\t') {
			do
				if (n < sizeof line - 1)
					line[n++] = ' ';
			while (n % 8);
		} else if (n < sizeof line - 1) {
			line[n++] = (char)ch;
		}
	}
	if (ch == EOF && !any)
		return 0;
	if (n && line[n - 1] == '\r')
		n--;
	line[n] = 0;
	uint8_t ebc[LINE_MAX];
	size_t len = codepage_from_utf8(chan_codepage(d->cs), line, ebc, sizeof ebc);
	if (len > COLS && !r->trunc)
		return -1;
	memset(card, 0x40, COLS);
	memcpy(card, ebc, len < COLS ? len : COLS);
	return 1;
}

static int ebcdic_card(struct rdr *r, uint8_t *card)
{
	size_t n = fread(card, 1, COLS, r->f);
	if (n == 0)
		return 0;
	if (n < COLS) {
		if (!r->autopad)
			return -1;
		memset(card + n, 0x00, COLS - n);
	}
	return 1;
}

static int not_ready(struct device *d)
{
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = SNS0_INTREQ;
	d->sense[1] = SNS1_RDR_NOTREADY;
	return US_CE | US_DE | US_UC;
}

/* Take the next card (into card, or only past the read station when
 * card is NULL) and return the ending status of the Read or Feed. */
static int next_card(struct device *d, struct rdr *r, uint8_t *card)
{
	uint8_t buf[COLS];
	for (;;) {
		if (r->cur >= r->nfiles)
			return not_ready(d);
		if (!r->f && open_current(d, r))
			return not_ready(d);
		int rc = r->ascii ? ascii_card(d, r, buf) : ebcdic_card(r, buf);
		if (rc > 0) {
			r->cards++;
			if (card)
				memcpy(card, buf, COLS);
			return US_CE | US_DE;
		}
		if (rc < 0) {
			memset(d->sense, 0, sizeof d->sense);
			d->sense[0] = SNS0_DATA;
			return US_CE | US_DE | US_UC;
		}
		fclose(r->f); /* end of this file */
		r->f = NULL;
		r->cur++;
		if (r->multifile && r->cur < r->nfiles)
			continue;
		if (r->eof)
			return US_CE | US_DE | US_UE;
		return not_ready(d);
	}
}

static int rdr_ccw(struct device *d, uint8_t cmd)
{
	struct rdr *r = rdr_of(d);
	if ((cmd & 0x0F) == 0x02) {
		uint8_t card[COLS];
		int st = next_card(d, r, card);
		if (st == (US_CE | US_DE))
			chan_write(d, card, COLS);
		return st;
	}
	if (cmd == 0x03)
		return US_CE | US_DE;
	if ((cmd & 0x0F) == 0x03) /* feed, select stacker */
		return next_card(d, r, NULL);
	if (cmd == 0x04)
		return dev_sense(d);
	if (cmd == 0xE4)
		return dev_sense_id(d);
	return dev_reject(d);
}

static void rdr_query(struct device *d, char *buf, size_t n)
{
	struct rdr *r = rdr_of(d);
	const char *fmt = r->fmt == FMT_AUTO ? "" : r->fmt == FMT_ASCII ? " ascii" : " ebcdic";
	if (r->cur >= r->nfiles)
		snprintf(buf, n, "*%s %s empty, cards %lu", fmt, r->eof ? "eof" : "intrq", r->cards);
	else
		snprintf(buf, n, "%s [%d/%d]%s %s%s cards %lu", r->files[r->cur], r->cur + 1, r->nfiles, fmt,
		         r->eof ? "eof" : "intrq", r->multifile ? " multifile" : "", r->cards);
}

static void free_rdr(struct rdr *r)
{
	if (r->f)
		fclose(r->f);
	for (int k = 0; k < r->nfiles; k++)
		free(r->files[k]);
	free(r->files);
	free(r);
}

static void rdr_close(struct device *d)
{
	if (d->priv)
		free_rdr(d->priv);
	d->priv = NULL;
}

static bool has_sockdev(int argc, char **argv)
{
	for (int a = 0; a < argc; a++)
		if (!strcasecmp(argv[a], "sockdev"))
			return true;
	return false;
}

/* Options and file names, in any order; 0 or -1 with err.  Hercules'
 * sockdev (cards arrive on a socket named instead of a file) is accepted
 * with a warning in err: the hopper stays empty until a devinit names files. */
static int parse_args(struct rdr *r, int argc, char **argv, char *err, size_t errlen)
{
	err[0] = 0;
	r->sockdev = has_sockdev(argc, argv);
	if (r->sockdev)
		snprintf(err, errlen, "option sockdev is not emulated: the hopper is empty");
	for (int a = 0; a < argc; a++) {
		const char *o = argv[a];
		if (!strcasecmp(o, "eof"))
			r->eof = true;
		else if (!strcasecmp(o, "intrq"))
			r->eof = false;
		else if (!strcasecmp(o, "ascii"))
			r->fmt = FMT_ASCII;
		else if (!strcasecmp(o, "ebcdic"))
			r->fmt = FMT_EBCDIC;
		else if (!strcasecmp(o, "multifile"))
			r->multifile = true;
		else if (!strcasecmp(o, "trunc"))
			r->trunc = true;
		else if (!strcasecmp(o, "autopad"))
			r->autopad = true;
		else if (!strcasecmp(o, "sockdev"))
			; /* seen by has_sockdev() */
		else if (!strcmp(o, "*") || r->sockdev) {
			/* an empty hopper, or (sockdev) the socket's name */
			; /* empty hopper */
		} else if (strchr(o, '=')) {
			snprintf(err, errlen,
			         "unknown option %s (expected file names and eof, intrq, ascii, ebcdic, "
			         "multifile, "
			         "trunc, autopad)",
			         o);
			return -1;
		} else {
			FILE *f = fopen(o, "rb");
			if (!f) {
				snprintf(err, errlen, "cannot open %s: %s", o, strerror(errno));
				return -1;
			}
			fclose(f);
			r->files[r->nfiles] = strdup(o);
			if (!r->files[r->nfiles]) {
				snprintf(err, errlen, "out of memory");
				return -1;
			}
			r->nfiles++;
		}
	}
	return 0;
}

static int rdr_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	struct rdr *r = calloc(1, sizeof *r);
	if (r)
		r->files = calloc((size_t)argc + 1, sizeof *r->files);
	if (!r || !r->files) {
		free(r);
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	if (parse_args(r, argc, argv, err, errlen)) {
		free_rdr(r);
		return -1;
	}
	d->priv = r;
	d->sense_len = 4;
	bool is2540 = !strncasecmp(d->type, "2540", 4);
	dev_set_senseid(d, 0x2821, 0x01); /* control unit 2821-1, as Hercules reports */
	d->senseid[4] = is2540 ? 0x25 : 0x35;
	d->senseid[5] = is2540 ? 0x40 : 0x05;
	d->senseid[6] = 0x01;
	d->devtype = is2540 ? 0x2540 : 0x3505;
	d->devmodel = 0x01;
	return 0;
}

static const char *const rdr_types[] = {"2540R", "3505", NULL};

const struct dev_ops cardrdr_ops = {
    .types = rdr_types,
    .desc = "card reader from host files (FILE... [ascii|ebcdic] [eof|intrq] [multifile] [trunc] [autopad])",
    .init = rdr_init,
    .close = rdr_close,
    .ccw = rdr_ccw,
    .query = rdr_query,
};
