/* con3215.c — the 3215 and 1052 console printer-keyboards, one device
 * family with two transports:
 *
 *   3215-C, 1052-C  the integrated console (Hercules' names for a 3215 or
 *                   1052 that is the operator's own console): output lines
 *                   appear among the console messages, input is a console
 *                   line starting with '/'.
 *   3215, 1052      a line-mode telnet client on the CNSLPORT port
 *                   (con_telnet.c carries the bytes).
 *
 * Commands (IBM 3215 Console Printer-Keyboard component description):
 *   X'01' Write, no carrier return     X'09' Write, automatic carrier return
 *   X'0A' Read inquiry                 X'0B' Audible alarm
 *   X'03' No operation                 X'04' Sense (one byte)
 *   X'E4' Sense ID (as Hercules gives it; a real 3215 has none)
 *   X'1A' Read, no echo: s370's extension, telnet consoles only (below)
 * Anything else is a command reject: unit check, sense X'80'.
 *
 * Read, no echo (X'1A') is Read inquiry for a line that must not show, a
 * password: like S37X for the CPU, a device extension of our own, which a
 * real 3215 would reject (an unassigned command) and so does the integrated
 * console here.  The telnet client is asked to stop echoing while the Read
 * waits (tel_proto_conceal: WILL ECHO, RFC 857); the device sends no
 * "Enter input" prompt, which would come between the program's own
 * question and the answer.  A line typed before the Read (kept with
 * attention) is taken at once: it has shown already.  A client that refuses
 * (DONT ECHO) makes the waiting Read end with channel end, device end and
 * unit check, sense X'80' command reject, and every later X'1A' until the
 * next client is rejected at once: the program then reads with X'0A' and can
 * say that the line will show.  The integrated console stays without: its
 * input line is the s370 command line, which the panel keeps in its history
 * and its log, and whose user has the whole machine anyway.
 *
 * On the integrated console both writes print one line: a line-mode host
 * console has no carrier to leave in mid-line.  A telnet client gets CR LF
 * after X'09' only, so a prompt written by X'01' stays on the line the
 * operator then types on.  The line is as long as the program's count (no
 * incorrect length for short or long lines, up to LINE_MAX bytes).
 *
 * Read: the operator's next line is the data, ended by channel end and
 * device end; an empty line is Enter with no data.  Fewer characters than
 * the count, or more, is incorrect length unless SLI (as on the 3215,
 * where the count is the longest line the program accepts).
 *
 * Request key (our choice, as the 3215's REQUEST key): a line typed while
 * no Read is outstanding is kept and the device presents attention; the
 * next Read takes the kept line at once.  A newer line replaces it.  A
 * telnet client's IAC BREAK or IAC IP presses REQUEST without a line.
 *
 * A telnet console without a client is a console that is switched off:
 * every command but Sense and Sense ID is refused with unit check as initial
 * status (the command is not executed) and sense X'40', intervention
 * required; a Read waiting when the client goes ends with channel end,
 * device end and unit check, sense X'40'.  A client that connects makes the
 * device ready: it presents device end (GA22-7000 "Device End": the device
 * changed from not ready to ready).  Unless "noprompt" was given, a Read
 * that has to wait sends the client "Enter input for console device NNNN".
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "codepage.h"
#include "con_telnet.h"

enum { LINE_MAX = 4096, INPUT_MAX = 1024 };

struct con {
	bool telnet;    /* 3215/1052: the operator is a telnet client */
	bool noprompt;  /* telnet: no "Enter input" line when a Read waits */
	bool connected; /* telnet: a client owns the device */
	struct tel_dev *tel;
	char peer[32];
	bool read_waiting; /* a Read waits for the operator */
	bool concealed;    /* ... a Read, no echo (X'1A') */
	bool echo_refused; /* telnet: this client refused to stop echoing (TEL_EV_NOECHO) */
	bool have_input;   /* a line typed with no Read outstanding */
	uint8_t input[INPUT_MAX];
	size_t input_len;
	unsigned long lines_out, lines_in;
};

static struct con *con_of(struct device *d)
{
	return d->priv;
}

static void print_line(struct device *d, const uint8_t *buf, uint32_t n, bool newline)
{
	struct con *k = con_of(d);
	char *text = malloc(2 * (size_t)n + 2);
	if (!text)
		return;
	codepage_to_utf8(chan_codepage(d->cs), buf, n, text);
	if (k->telnet) {
		if (newline)
			strcat(text, "\n");
		tel_dev_output(k->tel, text);
	} else {
		chan_print(d->cs, text);
	}
	free(text);
	k->lines_out++;
}

/* A telnet console without its client: not ready (see the top). */
static int not_ready(struct device *d)
{
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = SNS0_INTREQ;
	return US_UC;
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
	if (k->telnet && !k->connected && cmd != 0x04 && cmd != 0xE4)
		return not_ready(d);
	switch (cmd) {
	case 0x01: /* Write, no carrier return */
	case 0x09: /* Write, automatic carrier return */
	{
		static uint8_t buf[LINE_MAX];
		uint32_t n = chan_read_avail(d, buf, LINE_MAX);
		print_line(d, buf, n, cmd == 0x09);
		return US_CE | US_DE;
	}
	case 0x0A: /* Read inquiry */
		if (k->have_input) {
			k->have_input = false;
			return complete_read(d, k->input, k->input_len);
		}
		k->read_waiting = true;
		if (k->telnet && !k->noprompt) {
			char prompt[48];
			snprintf(prompt, sizeof prompt, "Enter input for console device %04X\n", d->devnum);
			tel_dev_output(k->tel, prompt);
		}
		return DEV_LATER;
	case 0x1A: /* Read, no echo */
		if (!k->telnet || k->echo_refused)
			return dev_reject(d);
		if (k->have_input) {
			k->have_input = false;
			return complete_read(d, k->input, k->input_len);
		}
		k->read_waiting = k->concealed = true;
		tel_dev_conceal(k->tel, true);
		return DEV_LATER;
	case 0x0B: /* Audible alarm: a telnet client hears BEL (NVT, RFC 854); the
	            * host console has no bell worth ringing */
		if (k->telnet)
			tel_dev_output(k->tel, "\a");
		return US_CE | US_DE;
	case 0x03: /* No operation */
		return US_CE | US_DE;
	case 0x04:
		return dev_sense(d);
	case 0xE4:
		return dev_sense_id(d);
	default:
		return dev_reject(d);
	}
}

/* A Read, no echo, is over: the client may echo again (a line it sent
 * before the request reached it must not leave the next one hidden). */
static void end_conceal(struct con *k)
{
	if (k->concealed)
		tel_dev_conceal(k->tel, false);
	k->concealed = false;
}

/* An operator's line (UTF-8): completes the Read, or is kept with attention. */
static void take_line(struct device *d, const char *text)
{
	struct con *k = con_of(d);
	uint8_t ebc[INPUT_MAX];
	size_t n = codepage_from_utf8(chan_codepage(d->cs), text, ebc, sizeof ebc);
	if (k->read_waiting) {
		k->read_waiting = false;
		end_conceal(k);
		chan_end(d, (uint8_t)complete_read(d, ebc, n));
		return;
	}
	memcpy(k->input, ebc, n);
	k->input_len = n;
	k->have_input = true;
	chan_unsolicited(d, US_ATTN);
}

/* The operator's line (posted by chan_console_line). */
static void con_input(struct device *d, long arg, const char *text, size_t len)
{
	(void)arg, (void)len;
	take_line(d, text);
}

/* What the telnet listener reports (posted by con_telnet.c). */
static void con_tel_event(struct device *d, long ev, const char *text, size_t len)
{
	(void)len;
	struct con *k = con_of(d);
	switch (ev) {
	case TEL_EV_CONNECT: /* a new client: the console is switched on */
		k->connected = true;
		k->have_input = false;
		k->echo_refused = false;
		snprintf(k->peer, sizeof k->peer, "%s", text);
		chan_unsolicited(d, US_DE);
		break;
	case TEL_EV_DISCONNECT: /* switched off */
		k->connected = false;
		k->have_input = false;
		k->peer[0] = 0;
		k->concealed = false;
		if (k->read_waiting) {
			k->read_waiting = false;
			not_ready(d);
			chan_end(d, US_CE | US_DE | US_UC);
		}
		break;
	case TEL_EV_NOECHO: /* see the top: Read, no echo */
		k->echo_refused = true;
		if (k->read_waiting && k->concealed) {
			k->read_waiting = k->concealed = false;
			chan_end(d, (uint8_t)dev_reject(d));
		}
		break;
	case TEL_EV_LINE:
		if (k->connected)
			take_line(d, text);
		break;
	case TEL_EV_REQUEST:
		if (k->connected && !k->read_waiting)
			chan_unsolicited(d, US_ATTN);
		break;
	}
}

static uint8_t con_halt(struct device *d)
{
	con_of(d)->read_waiting = false;
	end_conceal(con_of(d));
	return US_CE | US_DE;
}

static void con_reset(struct device *d)
{
	struct con *k = con_of(d);
	k->read_waiting = false;
	k->have_input = false;
	end_conceal(k);
}

static void con_query(struct device *d, char *buf, size_t n)
{
	struct con *k = con_of(d);
	char where[48];
	if (!k->telnet)
		snprintf(where, sizeof where, "*syscons cmdpref(/)");
	else
		snprintf(where, sizeof where, "telnet %s", k->connected ? k->peer : "(no client)");
	snprintf(buf, n, "%s%s%s lines out %lu in %lu", where,
	         k->read_waiting ? (k->concealed ? " read-pending(no echo)" : " read-pending") : "",
	         k->have_input ? " input-waiting" : "", k->lines_out, k->lines_in);
}

/* 3215, 1052: Hercules' "[noprompt] [groupname|*] [ipaddr [mask]]". */
static int tel_init(struct device *d, struct con *k, int argc, char **argv, char *err, size_t errlen)
{
	k->telnet = true;
	if (argc && !strcasecmp(argv[0], "noprompt")) {
		k->noprompt = true;
		argc--, argv++;
	}
	struct tel_bind b;
	if (tel_parse_bind(&b, argc, argv, err, errlen))
		return -1;
	k->tel = tel_dev_register(d, &b, con_tel_event);
	if (!k->tel) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	return 0;
}

static int con_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	bool is1052 = !strncasecmp(d->type, "1052", 4);
	if (!strchr(d->type, '-')) { /* 3215, 1052: telnet */
		struct con *k = calloc(1, sizeof *k);
		if (!k) {
			snprintf(err, errlen, "out of memory");
			return -1;
		}
		if (tel_init(d, k, argc, argv, err, errlen)) {
			free(k);
			return -1;
		}
		d->priv = k;
		d->sense_len = 1;
		dev_set_senseid(d, is1052 ? 0x1052 : 0x3215, 0x00);
		return 0;
	}
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
	dev_set_senseid(d, is1052 ? 0x1052 : 0x3215, 0x00);
	chan_set_console(d->cs, d, con_input);
	return 0;
}

static void con_close(struct device *d)
{
	struct con *k = con_of(d);
	if (k && k->telnet)
		tel_dev_unregister(k->tel);
	free(d->priv);
	d->priv = NULL;
}

static const char *const con_types[] = {"3215-C", "1052-C", "3215", "1052", NULL};

const struct dev_ops con3215_ops = {
    .types = con_types,
    .desc = "console printer-keyboard: integrated (-C, input: /text) or telnet (CNSLPORT)",
    .init = con_init,
    .close = con_close,
    .ccw = con_ccw,
    .halt = con_halt,
    .reset = con_reset,
    .query = con_query,
};
