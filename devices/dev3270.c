/* dev3270.c — local non-SNA 3270 displays on the channel (3277, 3278,
 * 3279, and Hercules' "3270"), whose screen and keyboard are a TN3270
 * client on the CNSLPORT port (con_telnet.c carries the bytes, tn3270/ the
 * protocol).  In a TN3270E session every record also carries the 5-byte
 * TN3270E header (RFC 2355, 3270-DATA).
 *
 * The program owns the 3270 data stream; the device only carries it.
 * Commands (3274 Control Unit Description and Programmer's Guide,
 * GA23-0061; the data streams in GA23-0059), and what each becomes on the
 * network (RFC 1576: the remote command codes):
 *
 *   X'01' Write                       record F1 + data (WCC, orders, text)
 *   X'05' Erase/Write                 record F5 + data
 *   X'0D' Erase/Write Alternate       record 7E + data (the client's
 *                                      alternate size: its model, 3..5)
 *   X'0F' Erase All Unprotected       record 6F (no data)
 *   X'11' Write Structured Field      record F3 + data
 *   X'02' Read Buffer                 record F2: the client answers with its
 *                                      whole buffer, which is the data
 *   X'06' Read Modified               the AID record kept from the last
 *                                      attention; without one, record F6 and
 *                                      the client's answer is the data
 *   X'03' No operation, X'0B' Select  channel end and device end
 *   X'04' Sense                       one byte
 *   X'E4' Sense ID                    FF 3274 1D tttt mm: a 3278 (or the
 *                                      3277/3279 configured) model mm on a
 *                                      3274 model 1D, as Hercules reports
 * Anything else is a command reject (unit check, sense X'80').  A Read
 * ends when the client's answer arrives: more data than the count is
 * incorrect length unless SLI, as is less.
 *
 * Attention: an inbound record that arrives while no Read is outstanding
 * (the operator pressed Enter, a PF or PA key, Clear) is kept and the
 * device presents attention; the next Read Modified takes it at once.  A
 * newer record replaces it; an Erase/Write, Erase/Write Alternate or Erase
 * All Unprotected discards it (the screen it described is gone).  A record
 * with AID X'60' (no AID: a late answer to a Read that was halted) raises
 * no attention and is dropped.
 *
 * No client: a 3270 that is powered off.  Every command but Sense and Sense
 * ID ends at once with unit check alone (initial status: not executed),
 * sense X'40' intervention required; a Read outstanding when the client goes
 * ends with channel end, device end and unit check, sense X'40'.  A client
 * that reaches 3270 mode makes the device ready: the connection screen
 * (which device it got) is shown and the device presents device end
 * (GA22-7000 "Device End": not ready to ready); a new client takes a device
 * over whose client has gone.
 *
 * TN3270E with RESPONSES agreed (RFC 2355 section 10.4): a write is sent
 * with ALWAYS-RESPONSE and a sequence number, and the command ends when the
 * client's response arrives, as a local 3274 ends a write once the display
 * has taken the data: a positive response gives channel end and device
 * end; a negative one unit check with the sense its reason names (GA23-0061
 * sense byte 0: COMMAND-REJECT command reject X'80', INTERVENTION-REQUIRED
 * and COMPONENT-DISCONNECTED intervention required X'40', OPERATION-CHECK
 * operation check X'01').  A client that does not answer within
 * RESPONSE_WAIT_US is taken to have taken the data (channel end, device
 * end); one that goes meanwhile leaves unit check, intervention required.
 *
 * Statement (Hercules' 3270 operands, plus a model): ADDR 3270|3277|3278|3279
 * [model=2..5] [group|*] [ipaddr [mask]].
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "con_telnet.h"
#include "tn3270.h"

enum {
	WRITE_MAX = 65536,          /* longest outbound data stream carried */
	RESPONSE_WAIT_US = 5000000, /* a TN3270E response that never comes */
	SNS0_OPCHECK = 0x01,        /* sense byte 0 bit 7: operation check (GA23-0061) */
};

struct d3270 {
	struct tel_dev *tel;
	uint8_t model;   /* configured model (2..5) */
	bool connected;  /* a client in 3270 mode owns the device */
	bool tn3270e;    /* its session is TN3270E: records carry the header */
	bool responses;  /* TN3270E RESPONSES agreed: writes wait for the client's answer */
	bool tls;        /* the session came over the TLS port */
	bool write_wait; /* a write waits for the response to write_seq */
	uint16_t seq, write_seq;
	char peer[64]; /* "127.0.0.1:40312", "[::1]:40312" */
	char ttype[TEL_TTYPE_MAX];
	uint8_t read_cmd;  /* a Read waiting for the client's answer (X'02', X'06'), or 0 */
	bool have_inbound; /* an AID record kept for the next Read Modified */
	uint8_t inbound[TN_RECORD_MAX];
	size_t inbound_len;
	unsigned long writes, reads, attns;
};

static struct d3270 *d3270_of(struct device *d)
{
	return d->priv;
}

/* No response to a write: the client is taken to have the data. */
static void response_timeout(struct device *d, long arg)
{
	(void)arg;
	struct d3270 *k = d3270_of(d);
	if (!k->write_wait)
		return;
	k->write_wait = false;
	chan_end(d, US_CE | US_DE);
}

/* The client's response to a write (TEL_EV_RESPONSE). */
static void take_response(struct device *d, const uint8_t *b, size_t n)
{
	struct d3270 *k = d3270_of(d);
	if (n != 4 || !k->write_wait || (uint16_t)(b[0] << 8 | b[1]) != k->write_seq)
		return; /* late (timed out), or not ours */
	k->write_wait = false;
	chan_cancel(d, response_timeout);
	if (b[2]) {
		chan_end(d, US_CE | US_DE);
		return;
	}
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = b[3] == TN_NEG_COMMAND_REJECT    ? SNS0_CMDREJ
	              : b[3] == TN_NEG_OPERATION_CHECK ? SNS0_OPCHECK
	                                               : SNS0_INTREQ;
	chan_end(d, US_CE | US_DE | US_UC);
}

/* Sense ID: FF, control unit 3274 model 1D, the device and its model. */
static void set_senseid(struct device *d, uint8_t model)
{
	static const uint8_t cu[4] = {0xFF, 0x32, 0x74, 0x1D};
	memcpy(d->senseid, cu, 4);
	d->senseid[4] = (uint8_t)(d->devtype >> 8);
	d->senseid[5] = (uint8_t)d->devtype;
	d->senseid[6] = model;
	d->senseid_len = 7;
	d->devmodel = model;
}

static int not_ready(struct device *d)
{
	memset(d->sense, 0, sizeof d->sense);
	d->sense[0] = SNS0_INTREQ;
	return US_UC;
}

/* Send one record: the command code and (for writes) the program's data.
 * A write with RESPONSES asks for the client's answer (DEV_LATER: the
 * command ends when it comes); everything else ends now. */
static int send_record(struct device *d, uint8_t cmd, const uint8_t *data, size_t n, bool write)
{
	struct d3270 *k = d3270_of(d);
	uint8_t *rec = malloc(2 * n + 4 + TN_E_HEADER * 2);
	if (!rec)
		return US_CE | US_DE;
	bool wait = write && k->responses;
	size_t len;
	if (wait)
		len = tn_encode_record_er(cmd, data, n, TN_RF_ALWAYS_RESPONSE, ++k->seq, rec);
	else if (k->tn3270e)
		len = tn_encode_record_e(cmd, data, n, rec);
	else
		len = tn_encode_record(cmd, data, n, rec);
	tel_dev_send(k->tel, rec, len);
	free(rec);
	if (!wait)
		return US_CE | US_DE;
	k->write_wait = true;
	k->write_seq = k->seq;
	chan_schedule(d, RESPONSE_WAIT_US, response_timeout, 0);
	return DEV_LATER;
}

/* A write command: all the data the CCW (and its data chain) holds. */
static int write_cmd(struct device *d, uint8_t tncmd)
{
	uint8_t *buf = malloc(WRITE_MAX);
	if (!buf)
		return US_CE | US_DE;
	uint32_t n = 0;
	for (;;) {
		uint32_t want = WRITE_MAX - n < 4096 ? WRITE_MAX - n : 4096;
		uint32_t got = want ? chan_read_avail(d, buf + n, want) : 0;
		n += got;
		if (got < want || !want)
			break;
	}
	int rc = send_record(d, tncmd, buf, n, true);
	free(buf);
	d3270_of(d)->writes++;
	return rc;
}

/* Give an inbound record to the Read in progress: its ending status. */
static int complete_read(struct device *d, const uint8_t *rec, size_t n)
{
	chan_write(d, rec, (uint32_t)n);
	d3270_of(d)->reads++;
	return US_CE | US_DE;
}

static int d3270_ccw(struct device *d, uint8_t cmd)
{
	struct d3270 *k = d3270_of(d);
	if (!k->connected && cmd != 0x04 && cmd != 0xE4)
		return not_ready(d);
	switch (cmd) {
	case 0x01: /* Write */
		return write_cmd(d, TN_CMD_W);
	case 0x05: /* Erase/Write */
		k->have_inbound = false;
		return write_cmd(d, TN_CMD_EW);
	case 0x0D: /* Erase/Write Alternate */
		k->have_inbound = false;
		return write_cmd(d, TN_CMD_EWA);
	case 0x0F: /* Erase All Unprotected: no data */
		k->have_inbound = false;
		k->writes++;
		return send_record(d, TN_CMD_EAU, NULL, 0, true);
	case 0x11: /* Write Structured Field */
		return write_cmd(d, TN_CMD_WSF);
	case 0x06: /* Read Modified */
		if (k->have_inbound) {
			k->have_inbound = false;
			return complete_read(d, k->inbound, k->inbound_len);
		}
		send_record(d, TN_CMD_RM, NULL, 0, false);
		k->read_cmd = cmd;
		return DEV_LATER;
	case 0x02: /* Read Buffer: the client's whole buffer */
		send_record(d, TN_CMD_RB, NULL, 0, false);
		k->read_cmd = cmd;
		return DEV_LATER;
	case 0x03: /* No operation */
	case 0x0B: /* Select: nothing to select on a local display */
		return US_CE | US_DE;
	case 0x04:
		return dev_sense(d);
	case 0xE4:
		return dev_sense_id(d);
	default:
		return dev_reject(d);
	}
}

/* An inbound record: the answer to a Read, or an AID (attention). */
static void take_record(struct device *d, const uint8_t *rec, size_t n)
{
	struct d3270 *k = d3270_of(d);
	if (k->read_cmd) {
		k->read_cmd = 0;
		chan_end(d, (uint8_t)complete_read(d, rec, n));
		return;
	}
	if (!n || rec[0] == TN_AID_NONE)
		return;
	if (n > sizeof k->inbound)
		n = sizeof k->inbound;
	memcpy(k->inbound, rec, n);
	k->inbound_len = n;
	k->have_inbound = true;
	k->attns++;
	chan_unsolicited(d, US_ATTN);
}

/* What the listener reports (posted by con_telnet.c). */
static void d3270_event(struct device *d, long ev, const char *text, size_t len)
{
	struct d3270 *k = d3270_of(d);
	switch (ev) {
	case TEL_EV_CONNECT: { /* "peer ttype [tn3270e [responses]] [tls]": switched on */
		const char *sp = strchr(text, ' ');
		size_t pl = sp ? (size_t)(sp - text) : strlen(text);
		snprintf(k->peer, sizeof k->peer, "%.*s", (int)pl, text);
		snprintf(k->ttype, sizeof k->ttype, "%s", sp ? sp + 1 : "");
		char *e = strchr(k->ttype, ' '); /* " tn3270e [responses] [tls]" */
		k->tn3270e = e && !strncmp(e, " tn3270e", 8);
		k->responses = k->tn3270e && strstr(e, " responses");
		k->tls = e && strstr(e, " tls");
		if (e)
			*e = 0;
		struct tn_term term;
		set_senseid(d, tn_ttype_parse(k->ttype, &term) && !term.dynamic ? term.model : k->model);
		k->connected = true;
		k->have_inbound = false;
		chan_unsolicited(d, US_DE);
		break;
	}
	case TEL_EV_DISCONNECT: /* switched off */
		if (!k->connected)
			break; /* a client that never reached 3270 mode */
		k->connected = false;
		k->have_inbound = false;
		k->peer[0] = k->ttype[0] = 0;
		set_senseid(d, k->model);
		if (k->read_cmd || k->write_wait) {
			k->read_cmd = 0;
			k->write_wait = false;
			chan_cancel(d, response_timeout);
			not_ready(d);
			chan_end(d, US_CE | US_DE | US_UC);
		}
		k->responses = k->tls = false;
		break;
	case TEL_EV_RECORD:
		if (k->connected)
			take_record(d, (const uint8_t *)text, len);
		break;
	case TEL_EV_RESPONSE:
		if (k->connected)
			take_response(d, (const uint8_t *)text, len);
		break;
	default:
		break;
	}
}

static uint8_t d3270_halt(struct device *d)
{
	struct d3270 *k = d3270_of(d);
	k->read_cmd = 0;
	k->write_wait = false;
	chan_cancel(d, response_timeout);
	return US_CE | US_DE;
}

static void d3270_reset(struct device *d)
{
	struct d3270 *k = d3270_of(d);
	k->read_cmd = 0;
	k->write_wait = false;
	chan_cancel(d, response_timeout);
	k->have_inbound = false;
}

static void d3270_query(struct device *d, char *buf, size_t n)
{
	struct d3270 *k = d3270_of(d);
	if (k->connected)
		snprintf(buf, n, "%s%s %s %s%s%s%s writes %lu reads %lu attentions %lu",
		         k->tn3270e ? "tn3270e" : "tn3270", k->tls ? "/tls" : "", k->peer, k->ttype,
		         k->responses ? " responses" : "", k->read_cmd ? " read-pending" : "",
		         k->have_inbound ? " attention-pending" : "", k->writes, k->reads, k->attns);
	else
		snprintf(buf, n, "tn3270 (no client) model %u writes %lu reads %lu attentions %lu", k->model,
		         k->writes, k->reads, k->attns);
}

static int d3270_init(struct device *d, int argc, char **argv, char *err, size_t errlen)
{
	struct d3270 *k = calloc(1, sizeof *k);
	if (!k) {
		snprintf(err, errlen, "out of memory");
		return -1;
	}
	k->model = 2;
	char *rest[8];
	int nrest = 0;
	for (int a = 0; a < argc; a++) {
		if (!strncasecmp(argv[a], "model=", 6)) {
			const char *m = argv[a] + 6;
			if (strlen(m) != 1 || m[0] < '2' || m[0] > '5' ||
			    (d->type[3] == '7' && m[0] != '2')) {
				snprintf(err, errlen, "bad %s (expected model=2..5; a 3277 is a model 2)",
				         argv[a]);
				free(k);
				return -1;
			}
			k->model = (uint8_t)(m[0] - '0');
		} else if (nrest < 8) {
			rest[nrest++] = argv[a];
		} else {
			snprintf(err, errlen, "unexpected operand %s", argv[a]);
			free(k);
			return -1;
		}
	}
	struct tel_bind b;
	if (tel_parse_bind(&b, nrest, rest, err, errlen)) {
		free(k);
		return -1;
	}
	/* Hercules' "3270" is a 3278; 3277, 3278, 3279 are themselves. */
	d->devtype = !strcmp(d->type, "3270") ? 0x3278 : (uint16_t)strtoul(d->type, NULL, 16);
	d->sense_len = 1;
	d->priv = k;
	set_senseid(d, k->model);
	k->tel = tel_dev_register_3270(d, &b, d3270_event);
	if (!k->tel) {
		snprintf(err, errlen, "out of memory");
		free(k);
		d->priv = NULL;
		return -1;
	}
	return 0;
}

static void d3270_close(struct device *d)
{
	struct d3270 *k = d3270_of(d);
	if (k)
		tel_dev_unregister(k->tel);
	free(d->priv);
	d->priv = NULL;
}

static const char *const d3270_types[] = {"3270", "3277", "3278", "3279", NULL};

const struct dev_ops dev3270_ops = {
    .types = d3270_types,
    .desc = "3270 display (local, non-SNA) reached by a TN3270 client on CNSLPORT",
    .init = d3270_init,
    .close = d3270_close,
    .ccw = d3270_ccw,
    .halt = d3270_halt,
    .reset = d3270_reset,
    .query = d3270_query,
};
