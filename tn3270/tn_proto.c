/* tn_proto.c — one connection's TN3270 protocol (RFC 1576): option
 * negotiation and records (see tn3270.h).
 *
 * The client has told its terminal type already (a 3270 display).
 *
 * TN3270E (RFC 2355), when offered: DO TN3270E; a client that answers WILL
 * is sent SEND DEVICE-TYPE and asks for its device type, with CONNECT and an
 * LU name or without; the listener's lu callback picks the device and we
 * answer DEVICE-TYPE IS type CONNECT name, or REJECT REASON code (the
 * client may ask again; TYPE-NAME-ERROR when the name it CONNECTs to is a
 * device of another kind than its type: lu_kind).  Then FUNCTIONS (RFC
 * 2355 section 7.2): of those
 * the client asks for we agree to RESPONSES only (BIND-IMAGE and SYSREQ
 * belong to SNA sessions, which a local non-SNA display does not have;
 * DATA-STREAM-CTL and SCS-CTL-CODES to printers).  A request we accept
 * whole gets FUNCTIONS IS with the same list; any other gets our FUNCTIONS
 * REQUEST with the part we accept, and the client's FUNCTIONS IS (naming
 * no function we did not) settles it.  The data is 3270 data behind the
 * 5-byte header; inbound, data-type 3270-DATA (0) is a record for the
 * display and RESPONSE (2, RESPONSES agreed) the client's answer to one of
 * our requests (cb.response); other data types are dropped.
 * TN3270E mode needs neither BINARY nor EOR negotiated (records still end
 * with IAC EOR).  A client that answers WONT TN3270E goes on in TN3270:
 *
 * We ask for END-OF-RECORD and BINARY in both directions (DO EOR, WILL EOR, DO
 * BINARY, WILL BINARY, the order tn3270 servers use); the session is in
 * 3270 mode when the client has granted all four (WILL for our DO, DO for
 * our WILL), on this path only: grants that come while TN3270E is pending
 * or agreed do not make a TN3270 session (a TN3270E one is ready by its own
 * negotiation), though they count once the client has refused TN3270E.
 * A WONT or DONT for one of them is a refusal: a 3270 session
 * cannot run without them.  Every other option is refused (WILL gets DONT,
 * DO gets WONT), and an option that is off and stays off is not answered,
 * which keeps RFC 854's rule against negotiation loops.  A grant repeated
 * for an option already on is not answered either.  TN3270E (RFC 2355) is
 * only ever asked for by us: an unsolicited WILL TN3270E gets DONT.
 *
 * Records: data bytes up to IAC EOR form one inbound record; an empty one
 * is ignored.  A record longer than TN_RECORD_MAX is malformed input.  An
 * option turned off after the session is in 3270 mode ends the session.
 */
#include <stddef.h> /* before libtelnet.h, which needs size_t */
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include <libtelnet.h>

#include "tn3270.h"

enum {
	ACK_DO_EOR = 1,   /* client WILL EOR */
	ACK_WILL_EOR = 2, /* client DO EOR */
	ACK_DO_BIN = 4,   /* client WILL BINARY */
	ACK_WILL_BIN = 8, /* client DO BINARY */
	ACK_ALL = 15,
};

static const telnet_telopt_t telopts[] = {
    {-1, 0, 0}, /* unused in proxy mode */
};

static uint8_t ack_bit(unsigned char telopt, bool will)
{
	if (telopt == TELNET_TELOPT_EOR)
		return will ? ACK_DO_EOR : ACK_WILL_EOR;
	if (telopt == TELNET_TELOPT_BINARY)
		return will ? ACK_DO_BIN : ACK_WILL_BIN;
	return 0;
}

static void refuse(struct tn_proto *p)
{
	if (p->refused)
		return;
	p->refused = true;
	if (p->cb.refused)
		p->cb.refused(p->ctx);
}

/* TN3270 mode when the four are granted, and only on the TN3270 path (we
 * asked for them: TN3270E was not offered or was refused).  A client may
 * grant them unasked while TN3270E is pending or agreed; that is noted,
 * but a TN3270E session is ready by its own negotiation only. */
static void grant(struct tn_proto *p, uint8_t bit)
{
	p->acked |= bit;
	if (!p->ready && p->acked == ACK_ALL && !p->refused && !p->offer_e && !p->e_mode) {
		p->ready = true;
		if (p->cb.ready)
			p->cb.ready(p->ctx);
	}
}

static void data(struct tn_proto *p, const unsigned char *b, size_t n)
{
	if (!p->ready)
		return; /* NVT bytes before 3270 mode: nothing for a display */
	if (p->overflow || p->len + n > TN_RECORD_MAX) {
		p->overflow = true;
		return;
	}
	memcpy(p->rec + p->len, b, n);
	p->len += n;
}

/* A RESPONSE message (RFC 2355 section 10.4): the header's sequence
 * number names our request; response-flag POSITIVE-RESPONSE with
 * DEVICE-END, or NEGATIVE-RESPONSE with the reason. */
static void response(struct tn_proto *p, const uint8_t *rec, size_t n)
{
	if (!(p->e_funcs & 1 << TN_F_RESPONSES) || n != TN_E_HEADER + 1)
		return; /* not asked for, or not a response */
	uint16_t seq = (uint16_t)(rec[3] << 8 | rec[4]);
	if (p->cb.response)
		p->cb.response(p->ctx, seq, rec[2] == TN_RF_POSITIVE, rec[5]);
}

static void end_of_record(struct tn_proto *p)
{
	if (p->overflow) {
		p->error = true;
		return;
	}
	const uint8_t *rec = p->rec;
	size_t n = p->len;
	p->len = 0;
	if (p->e_mode) { /* the header: only 3270-DATA is for the display */
		if (p->ready && n >= TN_E_HEADER && rec[0] == TN_DT_RESPONSE)
			response(p, rec, n);
		if (n < TN_E_HEADER || rec[0] != TN_DT_3270_DATA)
			return;
		rec += TN_E_HEADER;
		n -= TN_E_HEADER;
	}
	if (p->ready && n) {
		p->records_in++;
		if (p->cb.record)
			p->cb.record(p->ctx, rec, n);
	}
}

static void start_tn3270(struct tn_proto *p)
{
	telnet_negotiate(p->t, TELNET_DO, TELNET_TELOPT_EOR);
	telnet_negotiate(p->t, TELNET_WILL, TELNET_TELOPT_EOR);
	telnet_negotiate(p->t, TELNET_DO, TELNET_TELOPT_BINARY);
	telnet_negotiate(p->t, TELNET_WILL, TELNET_TELOPT_BINARY);
	grant(p, 0); /* granted before we asked (while TN3270E was pending): ready now */
}

static void e_send(struct tn_proto *p, const uint8_t *b, size_t n)
{
	telnet_subnegotiation(p->t, TN_TELOPT_TN3270E, (const char *)b, n);
}

static void e_reject(struct tn_proto *p, uint8_t reason)
{
	const uint8_t b[] = {TN_E_DEVICE_TYPE, TN_E_REJECT, TN_E_REASON, reason};
	e_send(p, b, sizeof b);
}

/* DEVICE-TYPE REQUEST type [CONNECT lu | ASSOCIATE name] */
static void e_device_type(struct tn_proto *p, const uint8_t *b, size_t n)
{
	char type[sizeof p->e_type], lu[TN_LU_MAX + 1] = "";
	size_t k = 0;
	while (k < n && b[k] != TN_E_CONNECT && b[k] != 0 && k < sizeof type - 1)
		type[k] = (char)b[k], k++;
	type[k] = 0;
	struct tn_term term;
	if (k < n && b[k] == 0) { /* ASSOCIATE: printers only */
		e_reject(p, TN_E_UNSUPPORTED_REQ);
		return;
	}
	if (k < n && b[k] == TN_E_CONNECT) {
		size_t l = n - k - 1;
		if (l > TN_LU_MAX) {
			e_reject(p, TN_E_INV_NAME);
			return;
		}
		memcpy(lu, b + k + 1, l);
		lu[l] = 0;
	}
	/* RFC 2355's reasons: INV-DEVICE-TYPE for a type we do not serve at
	 * all (printers, other terminals, an "@" suffix, which belongs to
	 * TERMINAL-TYPE only); TYPE-NAME-ERROR when the name is known but
	 * "incompatible with the requested device-type": a printer type for a
	 * display, a display type for a line-mode console. */
	bool display = tn_ttype_parse(type, &term) && !strchr(type, '@');
	int kind = *lu && p->cb.lu_kind ? p->cb.lu_kind(p->ctx, lu) : TN_LU_NONE;
	if (!display) {
		bool printer = !strcasecmp(type, TN_PRINTER_TYPE);
		e_reject(p, printer && kind == TN_LU_DISPLAY ? TN_E_TYPE_NAME_ERROR : TN_E_INV_DEVICE_TYPE);
		return;
	}
	if (kind == TN_LU_OTHER) {
		e_reject(p, TN_E_TYPE_NAME_ERROR);
		return;
	}
	char name[TN_LU_MAX + 1] = "";
	int rc = p->cb.lu ? p->cb.lu(p->ctx, type, lu, name, sizeof name) : TN_E_INV_NAME;
	if (rc >= 0) {
		e_reject(p, (uint8_t)rc);
		return;
	}
	uint8_t out[2 + sizeof type + 1 + TN_LU_MAX];
	size_t o = 0;
	out[o++] = TN_E_DEVICE_TYPE;
	out[o++] = TN_E_IS;
	memcpy(out + o, type, strlen(type));
	o += strlen(type);
	out[o++] = TN_E_CONNECT;
	memcpy(out + o, name, strlen(name));
	o += strlen(name);
	e_send(p, out, o);
	memcpy(p->e_type, type, sizeof type);
	p->e_device = true;
}

static void e_ready(struct tn_proto *p)
{
	if (p->ready)
		return;
	p->ready = true;
	if (p->cb.ready)
		p->cb.ready(p->ctx);
}

/* FUNCTIONS op list (RFC 2355 section 7.2), op REQUEST or IS.  The set of
 * functions named, or -1 when a code is repeated (malformed). */
static int e_func_set(const uint8_t *list, size_t n)
{
	int set = 0;
	for (size_t k = 0; k < n; k++) {
		if (list[k] >= 8) { /* a code RFC 2355 does not define: never agreed */
			set |= 0x100;
			continue;
		}
		if (set & 1 << list[k])
			return -1;
		set |= 1 << list[k];
	}
	return set;
}

static void e_functions(struct tn_proto *p, uint8_t op, const uint8_t *list, size_t n)
{
	int asked = e_func_set(list, n);
	if (asked < 0) {
		p->error = true;
		return;
	}
	uint8_t out[2 + 8] = {TN_E_FUNCTIONS, 0};
	size_t o = 2;
	if (op == TN_E_REQUEST) {
		int ok = asked & TN_F_SUPPORTED;
		for (uint8_t f = 0; f < 8; f++)
			if (ok & 1 << f)
				out[o++] = f;
		if (ok == asked) { /* all of them: agreed */
			out[1] = TN_E_IS;
			e_send(p, out, o);
			p->e_funcs = (uint8_t)ok;
			e_ready(p);
		} else { /* the part we accept, for the client to confirm */
			out[1] = TN_E_REQUEST;
			e_send(p, out, o);
			p->e_asked = (uint8_t)ok;
		}
	} else if (op == TN_E_IS && !(asked & ~p->e_asked)) {
		p->e_funcs = (uint8_t)asked;
		e_ready(p);
	} else {
		p->error = true; /* functions we did not offer */
	}
}

/* One TN3270E subnegotiation from the client. */
static void e_sub(struct tn_proto *p, const uint8_t *b, size_t n)
{
	if (!p->e_mode || n < 2 || p->ready) {
		p->error = !p->e_mode || n < 2; /* out of turn: malformed */
		return;
	}
	if (b[0] == TN_E_DEVICE_TYPE && b[1] == TN_E_REQUEST)
		e_device_type(p, b + 2, n - 2);
	else if (b[0] == TN_E_FUNCTIONS && p->e_device)
		e_functions(p, b[1], b + 2, n - 2);
	else
		p->error = true;
}

void tn_proto_event(struct tn_proto *p, void *evp)
{
	telnet_event_t *ev = evp;
	uint8_t bit;
	/* A session that must end (malformed input, a refusal) acts on nothing
	 * more, even what follows in the same buffer: no answer, no record. */
	if ((p->error || p->refused) && ev->type != TELNET_EV_SEND)
		return;
	switch (ev->type) {
	case TELNET_EV_DATA:
		data(p, (const unsigned char *)ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_SEND:
		if (p->cb.send)
			p->cb.send(p->ctx, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_IAC:
		if (ev->iac.cmd == TELNET_EOR)
			end_of_record(p);
		break;
	case TELNET_EV_WILL:
	case TELNET_EV_DO: {
		bool will = ev->type == TELNET_EV_WILL;
		if (will && ev->neg.telopt == TELNET_TELOPT_TM)
			break; /* the answer to the listener's probe (RFC 860) */
		if (will && ev->neg.telopt == TN_TELOPT_TN3270E && p->offer_e) {
			if (!p->e_mode) { /* agreed: what device type? */
				const uint8_t b[] = {TN_E_SEND, TN_E_DEVICE_TYPE}; /* RFC 2355 order */
				p->e_mode = true;
				e_send(p, b, sizeof b);
			}
			break;
		}
		bit = ack_bit(ev->neg.telopt, will);
		if (bit)
			grant(p, bit); /* asked for already: no answer */
		else if (will && ev->neg.telopt != TELNET_TELOPT_TTYPE)
			telnet_negotiate(p->t, TELNET_DONT, ev->neg.telopt);
		else if (!will)
			telnet_negotiate(p->t, TELNET_WONT, ev->neg.telopt);
		break;
	}
	case TELNET_EV_WONT:
	case TELNET_EV_DONT:
		if (ev->type == TELNET_EV_WONT && ev->neg.telopt == TN_TELOPT_TN3270E && p->offer_e) {
			p->offer_e = false;
			if (p->e_mode)
				p->error = true; /* TN3270E left: the session ends */
			else
				start_tn3270(p); /* plain TN3270 then */
			break;
		}
		if (p->e_mode)
			break; /* BINARY and EOR are not needed in TN3270E */
		if (ack_bit(ev->neg.telopt, ev->type == TELNET_EV_WONT)) {
			if (p->ready)
				p->error = true; /* 3270 mode left: the session ends */
			else
				refuse(p);
		}
		break;
	case TELNET_EV_ERROR:
	case TELNET_EV_WARNING:
		p->error = true;
		break;
	case TELNET_EV_SUBNEGOTIATION:
		if (ev->sub.telopt == TN_TELOPT_TN3270E)
			e_sub(p, (const uint8_t *)ev->sub.buffer, ev->sub.size);
		break;
	default: /* other subnegotiations (a late terminal type): ignored */
		break;
	}
}

static void own_event(telnet_t *t, telnet_event_t *ev, void *ud)
{
	(void)t;
	tn_proto_event(ud, ev);
}

static void start(struct tn_proto *p)
{
	if (p->offer_e)
		telnet_negotiate(p->t, TELNET_DO, TN_TELOPT_TN3270E);
	else
		start_tn3270(p);
}

void tn_proto_start(struct tn_proto *p, void *t, const struct tn_proto_cb *cb, void *ctx, bool offer_e)
{
	memset(p, 0, offsetof(struct tn_proto, rec));
	p->len = 0;
	p->records_in = 0;
	p->t = t;
	p->cb = *cb;
	p->ctx = ctx;
	p->offer_e = offer_e;
	start(p);
}

int tn_proto_init_own(struct tn_proto *p, const struct tn_proto_cb *cb, void *ctx, bool offer_e)
{
	memset(p, 0, offsetof(struct tn_proto, rec));
	p->len = 0;
	p->records_in = 0;
	p->cb = *cb;
	p->ctx = ctx;
	p->offer_e = offer_e;
	p->t = telnet_init(telopts, own_event, TELNET_FLAG_PROXY, p);
	if (!p->t)
		return -1;
	p->own = true;
	start(p);
	return 0;
}

void tn_proto_free(struct tn_proto *p)
{
	if (p->own && p->t)
		telnet_free(p->t);
	p->t = NULL;
}

int tn_proto_recv(struct tn_proto *p, const char *buf, size_t n)
{
	if (!p->error && !p->refused)
		telnet_recv(p->t, buf, n);
	return p->error || p->refused ? -1 : 0;
}

void tn_proto_send_record(struct tn_proto *p, uint8_t cmd, const uint8_t *data, size_t n)
{
	static const char header[TN_E_HEADER] = {0}; /* 3270-DATA, NO-RESPONSE, sequence 0 */
	if (p->e_mode)
		telnet_send(p->t, header, sizeof header);
	telnet_send(p->t, (const char *)&cmd, 1); /* doubles IAC */
	if (n)
		telnet_send(p->t, (const char *)data, n);
	telnet_iac(p->t, TELNET_EOR);
}
