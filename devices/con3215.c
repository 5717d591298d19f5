/* con3215.c — the integrated console: 3215-C and 1052-C (Hercules' names
 * for a 3215 or 1052 printer-keyboard that is the operator's own console:
 * output lines appear among the console messages, input is a console line
 * starting with '/').
 *
 * Commands (IBM 3215 Console Printer-Keyboard component description):
 *   X'01' Write, no carrier return     X'09' Write, automatic carrier return
 *   X'0A' Read inquiry                 X'0B' Audible alarm
 *   X'03' No operation                 X'04' Sense (one byte)
 *   X'E4' Sense ID (as Hercules gives it; a real 3215 has none)
 * Anything else is a command reject: unit check, sense X'80'.
 *
 * Both writes print one line: a line-mode host console has no carrier to
 * leave in mid-line.  The line is as long as the program's count (no
 * incorrect length for short or long lines, up to LINE_MAX bytes).
 *
 * Read: the operator's next "/text" line is the data, ended by channel end
 * and device end; a bare "/" is Enter with no data.  Fewer characters than
 * the count, or more, is incorrect length unless SLI (as on the 3215,
 * where the count is the longest line the program accepts).
 *
 * Request key (our choice, as the 3215's REQUEST key): a line typed while
 * no Read is outstanding is kept and the device presents attention; the
 * next Read takes the kept line at once.  A newer line replaces it.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "codepage.h"

enum { LINE_MAX = 4096, INPUT_MAX = 1024 };

struct con {
	bool read_waiting; /* a Read waits for the operator */
	bool have_input;   /* a line typed with no Read outstanding */
	uint8_t input[INPUT_MAX];
	size_t input_len;
	unsigned long lines_out, lines_in;
};

static struct con *con_of(struct device *d)
{
	return d->priv;
}

static void print_line(struct device *d, const uint8_t *buf, uint32_t n)
{
	char *text = malloc(2 * (size_t)n + 1);
	if (!text)
		return;
	codepage_to_utf8(chan_codepage(d->cs), buf, n, text);
	chan_print(d->cs, text);
	free(text);
	con_of(d)->lines_out++;
}

/* Give a line to the Read in progress and end it. */
static int complete_read(struct device *d, const uint8_t *ebc, size_t n)
{
	chan_write(d, ebc, (uint32_t)n);
	con_of(d)->lines_in++;
	return US_CE | US_DE;
}

static int con_ccw(struct device *d, uint8_t cmd)
{
	struct con *k = con_of(d);
	switch (cmd) {
	case 0x01: /* Write, no carrier return */
	case 0x09: /* Write, automatic carrier return */
	{
		static uint8_t buf[LINE_MAX];
		uint32_t n = chan_read_avail(d, buf, LINE_MAX);
		print_line(d, buf, n);
		return US_CE | US_DE;
	}
	case 0x0A: /* Read inquiry */
		if (k->have_input) {
			k->have_input = false;
			return complete_read(d, k->input, k->input_len);
		}
		k->read_waiting = true;
		return DEV_LATER;
	case 0x03: /* No operation */
	case 0x0B: /* Audible alarm: the host console has no bell worth ringing */
		return US_CE | US_DE;
	case 0x04:
		return dev_sense(d);
	case 0xE4:
		return dev_sense_id(d);
	default:
		return dev_reject(d);
	}
}

/* The operator's line (posted by chan_console_line). */
static void con_input(struct device *d, long arg, const char *text, size_t len)
{
	(void)arg, (void)len;
	struct con *k = con_of(d);
	uint8_t ebc[INPUT_MAX];
	size_t n = codepage_from_utf8(chan_codepage(d->cs), text, ebc, sizeof ebc);
	if (k->read_waiting) {
		k->read_waiting = false;
		chan_end(d, (uint8_t)complete_read(d, ebc, n));
		return;
	}
	memcpy(k->input, ebc, n);
	k->input_len = n;
	k->have_input = true;
	chan_unsolicited(d, US_ATTN);
}

static uint8_t con_halt(struct device *d)
{
	con_of(d)->read_waiting = false;
	return US_CE | US_DE;
}

static void con_reset(struct device *d)
{
	struct con *k = con_of(d);
	k->read_waiting = false;
	k->have_input = false;
}

static void con_query(struct device *d, char *buf, size_t n)
{
	struct con *k = con_of(d);
	snprintf(buf, n, "*syscons cmdpref(/)%s%s lines out %lu in %lu",
	         k->read_waiting ? " read-pending" : "", k->have_input ? " input-waiting" : "", k->lines_out,
	         k->lines_in);
}

static int con_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	/* Hercules accepts "noprompt" and a one-character command prefix;
	 * here input is always the console's '/' lines. */
	for (int a = 0; a < argc; a++) {
		if (strcasecmp(argv[a], "noprompt") && strlen(argv[a]) != 1) {
			snprintf(err, errlen, "unknown option %s (expected noprompt or a prefix character)",
			         argv[a]);
			return -1;
		}
	}
	struct con *k = calloc(1, sizeof *k);
	if (!k) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	d->priv = k;
	d->sense_len = 1;
	bool is1052 = !strncasecmp(d->type, "1052", 4);
	dev_set_senseid(d, is1052 ? 0x1052 : 0x3215, 0x00);
	chan_set_console(d->cs, d, con_input);
	return 0;
}

static void con_close(struct device *d)
{
	free(d->priv);
	d->priv = NULL;
}

static const char *const con_types[] = {"3215-C", "1052-C", NULL};

const struct dev_ops con3215_ops = {
    .types = con_types,
    .desc = "integrated console printer-keyboard (input: /text)",
    .init = con_init,
    .close = con_close,
    .ccw = con_ccw,
    .halt = con_halt,
    .reset = con_reset,
    .query = con_query,
};
