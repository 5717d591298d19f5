/* printer.c — line printers 1403 and 3211 printing to a host text file.
 *
 * Commands (IBM 2821 Control Unit component description for the 1403;
 * IBM 3211 Printer component description).  Bits 0-4 of a write or control
 * command say how the form moves: after the line is printed (write,
 * X'x1') or at once without printing (control, X'x3'):
 *   X'01'                write, no space     X'03'  no operation
 *   X'09' X'11' X'19'    write, space 1-3    X'0B' X'13' X'1B'  space 1-3
 *   X'89' ... X'E1'      write, skip to      X'8B' ... X'E3'    skip to
 *                        channel 1-12 (X'81' + 8*n)             channel 1-12
 *   X'04' Sense (one byte)   X'E4' Sense ID (FF 2821 01 tttt 01, as Hercules)
 * The UCS and diagnostic commands (X'06' X'0A'-type check reads, X'23'
 * X'43' fold/unfold, X'73' X'7B' block/allow data check, X'EB' UCS gate
 * load, X'F3' X'FB' load UCS buffer) are accepted and do nothing, as in
 * Hercules; X'63' Load FCB loads the forms-control buffer on the 3211.
 * Anything else is a command reject.
 *
 * The form: a page of `lpp` lines (66) and an FCB that puts channels 1-12
 * on lines (Hercules' `fcb=` operand; default channel 1 on line 1, channel
 * 9 on 63, channel 12 on 61).  A skip to a channel whose line is at or
 * above the current line starts a new page: a form feed, then line feeds
 * down to it; spacing writes line feeds.  The text written follows
 * Hercules 3.13 byte for byte: a line is its text with trailing blanks
 * removed, and a carriage return ends a line after which the paper moves
 * no line (write without spacing: the next line overprints it).
 *
 * Unit exception (our choice of the real device over Hercules, which never
 * gives it): a space operation that moves the form onto a line punched in
 * channel 9 or channel 12 ends with unit exception, as the 2821 and 3211
 * report the carriage-tape / FCB channel 9 and 12 (overflow) signals; a
 * skip does not.  With fcbcheck (the default) a skip to a channel on no
 * line is a command reject; with nofcbcheck it spaces one line.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "codepage.h"

enum { LPP_DEFAULT = 66, LPP_MAX = 255 };

struct prt {
	FILE *f;
	bool pipe;       /* "|command": print to a pipe */
	bool sockdev;    /* Hercules' socket printer: accepted, output discarded */
	bool crlf;       /* lines end in CR LF */
	bool fcbcheck;   /* skip to an unset channel is rejected */
	int width;       /* print positions: 132 (1403) or 150 (3211) */
	int lpp;         /* lines per page */
	int line;        /* current line, 1 = top of form (not wrapped, as Hercules) */
	uint8_t fcb[13]; /* fcb[n]: line of channel n, 0 = none */
	char name[256];
	unsigned long lines;
};

static struct prt *prt_of(struct device *d)
{
	return d->priv;
}

/* The channel punched on line n of the page (0..12, 9 and 12 matter). */
static bool line_has(const struct prt *p, int line, int chan)
{
	int inpage = (line - 1) % p->lpp + 1;
	return p->fcb[chan] && p->fcb[chan] == inpage;
}

static void put_newlines(struct prt *p, int n)
{
	for (int k = 0; k < n; k++)
		fputs(p->crlf ? "\r\n" : "\n", p->f);
}

/* Space n lines; true when the form passed onto channel 9 or 12. */
static bool space(struct prt *p, int n)
{
	bool ue = false;
	put_newlines(p, n);
	for (int k = 0; k < n; k++) {
		p->line++;
		if (line_has(p, p->line, 9) || line_has(p, p->line, 12))
			ue = true;
	}
	return ue;
}

/* The text written for a skip to the line of channel n. */
static void skip(struct prt *p, int target, bool printed)
{
	if (target == p->line) {
		if (printed)
			fputc('\r', p->f);
		return;
	}
	if (target < p->line) {
		if (printed && target == 1)
			fputc('\r', p->f); /* Hercules: "text\r\f" */
		fputc('\f', p->f);
		p->line = 1;
	}
	put_newlines(p, target - p->line);
	p->line = target;
}

static void print_text(struct device *d, struct prt *p, const uint8_t *buf, uint32_t n)
{
	while (n && buf[n - 1] == 0x40)
		n--;
	char *text = malloc(2 * (size_t)n + 1);
	if (!text)
		return;
	codepage_to_utf8(chan_codepage(d->cs), buf, n, text);
	fputs(text, p->f);
	free(text);
	p->lines++;
}

/* Carriage motion of command cmd (write or control); returns the unit
 * status, or -1 for a skip to a channel the FCB lacks under fcbcheck. */
static int motion(struct prt *p, uint8_t cmd, bool printed)
{
	int chan = cmd >> 3 & 0x1F;
	if (cmd & 0x80) { /* skip to channel 1-12 */
		chan &= 0x0F;
		if (!p->fcb[chan]) {
			if (p->fcbcheck)
				return -1;
			return US_CE | US_DE | (space(p, 1) ? US_UE : 0);
		}
		skip(p, p->fcb[chan], printed);
		return US_CE | US_DE;
	}
	if (chan == 0) { /* write without spacing */
		if (printed)
			fputc('\r', p->f);
		return US_CE | US_DE;
	}
	return US_CE | US_DE | (space(p, chan) ? US_UE : 0);
}

/* The command codes of carriage motion: X'01', X'09'-X'19', X'89'-X'E1'
 * (and the same +2 for immediate control). */
static bool is_motion(uint8_t cmd)
{
	uint8_t n = cmd >> 3;
	if ((cmd & 0x07) != 1 && (cmd & 0x07) != 3)
		return false;
	if (cmd & 0x80)
		return (n & 0x0F) >= 1 && (n & 0x0F) <= 12;
	return n <= 3;
}

/* A host write error: logged, and an equipment check for the program. */
static int host_error(struct device *d, struct prt *p)
{
	char msg[400];
	snprintf(msg, sizeof msg, "%04X: cannot write %s: %s", d->devnum, p->name, strerror(errno));
	chan_print(d->cs, msg);
	clearerr(p->f);
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = SNS0_EQUIP;
	return US_CE | US_DE | US_UC;
}

static int load_fcb(struct device *d, struct prt *p)
{
	uint8_t img[LPP_MAX];
	uint32_t n = chan_read_avail(d, img, sizeof img);
	if (n == 0)
		return dev_reject(d);
	memset(p->fcb, 0, sizeof p->fcb);
	int lines = 0;
	for (uint32_t k = 0; k < n; k++) {
		lines = (int)k + 1;
		int ch = img[k] & 0x0F;
		if (ch >= 1 && ch <= 12 && !p->fcb[ch])
			p->fcb[ch] = (uint8_t)lines;
		if (img[k] & 0x10) /* last line of the form */
			break;
	}
	p->lpp = lines;
	return US_CE | US_DE;
}

static int prt_ccw(struct device *d, uint8_t cmd)
{
	struct prt *p = prt_of(d);
	int st;
	if (cmd == 0x03)
		return US_CE | US_DE;
	if (is_motion(cmd)) {
		bool write = (cmd & 0x07) == 1;
		if (write) {
			uint8_t buf[160];
			uint32_t n = chan_read_avail(d, buf, (uint32_t)p->width);
			print_text(d, p, buf, n);
		}
		st = motion(p, cmd, write);
		if (fflush(p->f) || ferror(p->f))
			return host_error(d, p);
		return st < 0 ? dev_reject(d) : st;
	}
	switch (cmd) {
	case 0x04:
		return dev_sense(d);
	case 0xE4:
		return dev_sense_id(d);
	case 0x63: /* Load FCB (3211) */
		if (d->devtype == 0x3211)
			return load_fcb(d, p);
		return dev_reject(d);
	case 0x06: /* check reads and UCS commands: accepted, no effect */
	case 0x23:
	case 0x43:
	case 0x73:
	case 0x7B:
	case 0xEB:
		return US_CE | US_DE;
	case 0xF3: /* load UCS buffer: the image is taken and set aside */
	case 0xFB: {
		uint8_t buf[512];
		chan_read_avail(d, buf, sizeof buf);
		return US_CE | US_DE;
	}
	default:
		return dev_reject(d);
	}
}

static void prt_query(struct device *d, char *buf, size_t n)
{
	struct prt *p = prt_of(d);
	snprintf(buf, n, "%s%s line %d lines %lu", p->name, p->crlf ? " crlf" : "", p->line, p->lines);
}

static void prt_close(struct device *d)
{
	struct prt *p = prt_of(d);
	if (!p)
		return;
	if (p->f) {
		if (p->pipe)
			pclose(p->f);
		else
			fclose(p->f);
	}
	free(p);
	d->priv = NULL;
}

/* fcb=1,7,13,...  (lines of channels 1-12) or fcb=1:1,7:2,... (line:channel). */
static int parse_fcb(struct prt *p, const char *s, char *err, size_t errlen)
{
	uint8_t fcb[13] = {0};
	bool pairs = strchr(s, ':') != NULL;
	int chan = 1;
	for (const char *q = s; *q;) {
		char *end;
		long line = strtol(q, &end, 10), c = chan;
		if (end == q)
			goto bad;
		if (pairs) {
			if (*end != ':')
				goto bad;
			q = end + 1;
			c = strtol(q, &end, 10);
			if (end == q)
				goto bad;
		}
		if (line < 0 || line > LPP_MAX || c < 1 || c > 12)
			goto bad;
		fcb[c] = (uint8_t)line;
		chan++;
		q = end;
		if (*q == ',')
			q++;
		else if (*q)
			goto bad;
	}
	if (!pairs && chan != 13)
		goto bad;
	memcpy(p->fcb, fcb, sizeof fcb);
	return 0;
bad:
	snprintf(err, errlen, "bad option fcb=%s (expected 12 line numbers, or line:channel pairs)", s);
	return -1;
}

static int bad_option(const char *opt, char *err, size_t errlen)
{
	snprintf(err, errlen,
	         "unknown option %s (expected crlf, noclear, fcbcheck, nofcbcheck, fcb=, lpp=, lpi=, index=, "
	         "browse, print)",
	         opt);
	return -1;
}

static int parse_options(struct prt *p, int argc, char **argv, bool *noclear, char *err, size_t errlen)
{
	static const uint8_t fcb_default[13] = {0, 1, 7, 13, 19, 25, 31, 37, 43, 63, 49, 55, 61};
	memcpy(p->fcb, fcb_default, sizeof p->fcb);
	for (int a = 1; a < argc; a++) {
		const char *o = argv[a];
		if (!strcasecmp(o, "crlf"))
			p->crlf = true;
		else if (!strcasecmp(o, "noclear"))
			*noclear = true;
		else if (!strcasecmp(o, "fcbcheck"))
			p->fcbcheck = true;
		else if (!strcasecmp(o, "nofcbcheck"))
			p->fcbcheck = false;
		else if (!strcasecmp(o, "browse") || !strcasecmp(o, "print"))
			; /* Hercules' output tidying choice: no effect here */
		else if (!strncasecmp(o, "fcb=", 4)) {
			if (parse_fcb(p, o + 4, err, errlen))
				return -1;
		} else if (!strncasecmp(o, "lpp=", 4)) {
			char *end;
			long v = strtol(o + 4, &end, 10);
			if (*end || v < 1 || v > LPP_MAX) {
				snprintf(err, errlen, "bad option %s (lines per page 1-%d)", o, LPP_MAX);
				return -1;
			}
			p->lpp = (int)v;
		} else if (!strncasecmp(o, "lpi=", 4)) {
			if (strcmp(o + 4, "6") && strcmp(o + 4, "8")) {
				snprintf(err, errlen, "bad option %s (expected lpi=6 or lpi=8)", o);
				return -1;
			}
		} else if (!strncasecmp(o, "index=", 6)) {
			char *end;
			long v = strtol(o + 6, &end, 10);
			if (*end || v < 0 || v > 31) {
				snprintf(err, errlen, "bad option %s (expected index=0 to 31)", o);
				return -1;
			}
		} else if (!strcasecmp(o, "sockdev") || !strcasecmp(o, "rawcc") ||
		           !strncasecmp(o, "ffchan=", 7)) {
			/* Hercules options we do not emulate: a warning, not an error */
			p->sockdev |= !strcasecmp(o, "sockdev");
			size_t n = strlen(err);
			snprintf(err + n, errlen - n, "%soption %s is not emulated%s", n ? "; " : "", o,
			         !strcasecmp(o, "sockdev") ? ": the output is discarded" : "");
		} else
			return bad_option(o, err, errlen);
	}
	for (int c = 1; c <= 12; c++)
		if (p->fcb[c] > p->lpp) {
			snprintf(err, errlen, "fcb channel %d on line %d is beyond the %d lines of a page", c,
			         p->fcb[c], p->lpp);
			return -1;
		}
	return 0;
}

static int prt_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	if (argc < 1) {
		snprintf(err, errlen, "missing output file name");
		return -1;
	}
	struct prt *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	bool is3211 = !strcasecmp(d->type, "3211");
	p->width = is3211 ? 150 : 132;
	p->lpp = LPP_DEFAULT;
	p->line = 1;
	p->fcbcheck = true;
	bool noclear = false;
	snprintf(p->name, sizeof p->name, "%s", argv[0]);
	err[0] = 0; /* warnings gather here */
	if (parse_options(p, argc, argv, &noclear, err, errlen)) {
		free(p);
		return -1;
	}
	if (p->sockdev) {
		p->f = fopen("/dev/null", "w"); /* argv[0] names a socket */
	} else if (argv[0][0] == '|') {
		p->pipe = true;
		p->f = popen(argv[0] + 1, "w");
	} else {
		p->f = fopen(argv[0], noclear ? "a" : "w");
	}
	if (!p->f) {
		snprintf(err, errlen, "cannot open %s: %s", argv[0], strerror(errno));
		free(p);
		return -1;
	}
	d->priv = p;
	d->sense_len = 1;
	dev_set_senseid(d, 0x2821, 0x01); /* control unit 2821-1, as Hercules reports */
	d->senseid[4] = is3211 ? 0x32 : 0x14;
	d->senseid[5] = is3211 ? 0x11 : 0x03;
	d->senseid[6] = 0x01;
	d->devtype = is3211 ? 0x3211 : 0x1403;
	d->devmodel = 0x01;
	return 0;
}

static const char *const prt_types[] = {"1403", "3211", NULL};

const struct dev_ops printer_ops = {
    .types = prt_types,
    .desc = "line printer to a host text file (FILE [crlf] [noclear] [fcb=...])",
    .init = prt_init,
    .close = prt_close,
    .ccw = prt_ccw,
    .query = prt_query,
};
