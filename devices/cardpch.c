/* cardpch.c — card punches 2540P and 3525 punching to a host file.
 *
 * Commands (IBM 2540 / 2821 and IBM 3525 component descriptions):
 *   X'01' Write (punch), feed, select stacker 1; X'41' and X'81' (and the
 *         other X'x1' modifier bits) the same with another stacker or mode:
 *         one card of 80 columns.  A count under 80 punches the columns
 *         given, blank after them; the channel reports incorrect length
 *         (unless SLI) for a count other than 80.
 *   X'03' No operation; X'x3' Feed, select stacker: no card is punched.
 *   X'04' Sense (one byte)    X'E4' Sense ID (FF 2821 01 tttt 01, as Hercules)
 * Anything else is a command reject.
 *
 * The host file holds either 80-byte EBCDIC records (the default, as in
 * Hercules, or `ebcdic`) or, with `ascii`, one text line per card through
 * the code page with trailing blanks removed, ended by LF (CR LF with
 * `crlf`).  Each card is written and flushed as it is punched.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "codepage.h"

enum { COLS = 80 };

struct pch {
	FILE *f;
	bool ascii, crlf;
	char name[256];
	unsigned long cards;
};

static struct pch *pch_of(struct device *d)
{
	return d->priv;
}

/* Punch one card; the ending status (a host write error is logged and
 * shown to the program as an equipment check). */
static int punch(struct device *d, struct pch *p, const uint8_t *card)
{
	if (p->ascii) {
		int n = COLS;
		while (n && card[n - 1] == 0x40)
			n--;
		char text[2 * COLS + 1];
		codepage_to_utf8(chan_codepage(d->cs), card, (size_t)n, text);
		fputs(text, p->f);
		fputs(p->crlf ? "\r\n" : "\n", p->f);
	} else {
		fwrite(card, 1, COLS, p->f);
	}
	if (fflush(p->f) || ferror(p->f)) {
		char msg[400];
		snprintf(msg, sizeof msg, "%04X: cannot write %s: %s", d->devnum, p->name, strerror(errno));
		chan_print(d->cs, msg);
		clearerr(p->f);
		memset(d->sense, 0, sizeof d->sense);
		d->sense[0] = SNS0_EQUIP;
		return US_CE | US_DE | US_UC;
	}
	p->cards++;
	return US_CE | US_DE;
}

static int pch_ccw(struct device *d, uint8_t cmd)
{
	struct pch *p = pch_of(d);
	if ((cmd & 0x0F) == 0x01) {
		uint8_t card[COLS];
		memset(card, 0x40, sizeof card);
		chan_read(d, card, COLS);
		return punch(d, p, card);
	}
	if ((cmd & 0x0F) == 0x03) /* no operation; feed, select stacker */
		return US_CE | US_DE;
	if (cmd == 0x04)
		return dev_sense(d);
	if (cmd == 0xE4)
		return dev_sense_id(d);
	return dev_reject(d);
}

static void pch_query(struct device *d, char *buf, size_t n)
{
	struct pch *p = pch_of(d);
	snprintf(buf, n, "%s %s%s cards %lu", p->name, p->ascii ? "ascii" : "ebcdic", p->crlf ? " crlf" : "",
	         p->cards);
}

static void pch_close(struct device *d)
{
	struct pch *p = pch_of(d);
	if (!p)
		return;
	if (p->f)
		fclose(p->f);
	free(p);
	d->priv = NULL;
}

static int pch_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	if (argc < 1) {
		snprintf(err, errlen, "missing output file name");
		return -1;
	}
	struct pch *p = calloc(1, sizeof *p);
	if (!p) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	bool noclear = false;
	for (int a = 1; a < argc; a++) {
		if (!strcasecmp(argv[a], "ascii"))
			p->ascii = true;
		else if (!strcasecmp(argv[a], "ebcdic"))
			p->ascii = false;
		else if (!strcasecmp(argv[a], "crlf"))
			p->crlf = true;
		else if (!strcasecmp(argv[a], "noclear"))
			noclear = true;
		else {
			snprintf(err, errlen, "unknown option %s (expected ascii, ebcdic, crlf or noclear)",
			         argv[a]);
			free(p);
			return -1;
		}
	}
	snprintf(p->name, sizeof p->name, "%s", argv[0]);
	p->f = fopen(argv[0], noclear ? "ab" : "wb");
	if (!p->f) {
		snprintf(err, errlen, "cannot open %s: %s", argv[0], strerror(errno));
		free(p);
		return -1;
	}
	d->priv = p;
	d->sense_len = 1;
	bool is2540 = !strncasecmp(d->type, "2540", 4);
	dev_set_senseid(d, 0x2821, 0x01); /* control unit 2821-1, as Hercules reports */
	d->senseid[4] = is2540 ? 0x25 : 0x35;
	d->senseid[5] = is2540 ? 0x40 : 0x25;
	d->senseid[6] = 0x01;
	d->devtype = is2540 ? 0x2540 : 0x3525;
	d->devmodel = 0x01;
	return 0;
}

static const char *const pch_types[] = {"2540P", "3525", NULL};

const struct dev_ops cardpch_ops = {
    .types = pch_types,
    .desc = "card punch to a host file (FILE [ascii|ebcdic] [crlf] [noclear])",
    .init = pch_init,
    .close = pch_close,
    .ccw = pch_ccw,
    .query = pch_query,
};
