/* tn_fuzz.h — one telnet/TN3270 input run through the server's protocol
 * layers the way the listener runs them (devices/con_telnet.c): the
 * console protocol (devices/tel_proto.c) asks for the terminal type, a
 * 3270 type diverts the connection to the TN3270 protocol (tn3270/), whose
 * records, LU requests and answers go to stand-ins for the devices.
 * Shared by the cmocka test (tests/unit/test_tn_fuzz.c) and the AFL++
 * harness (tests/fuzz/tn_afl.c).
 *
 * Input: byte 0 chooses the way the bytes arrive (bit 0: offer TN3270E;
 * bits 1-7: the chunk size, 1..128), the rest is what the client sends.
 * The result says how far the session got; a crash, a sanitizer report or
 * a broken invariant (checked with tn_fuzz_check, abort by default) is a
 * finding.
 *
 * The invariants (tn_fuzz_invariants after every chunk, and in the
 * callbacks), so that a fuzzer finds logic errors and not only crashes:
 *   - bounds: an input line shorter than TEL_LINE_MAX, a terminal type
 *     shorter than TEL_TTYPE_MAX, a record of 1..TN_RECORD_MAX bytes, the
 *     record being gathered within TN_RECORD_MAX, LU names within
 *     TN_LU_MAX, every buffer handed over non-NULL;
 *   - state: the protocol's flags agree with each other and with what the
 *     callbacks saw (ready once at most, and only with all four TN3270
 *     options granted or a TN3270E device type settled; never ready and
 *     refused; TN3270E only when offered; functions agreed only among
 *     those supported and only once ready; records counted alike on both
 *     sides; no line-mode lines after the TN3270 protocol took over);
 *   - output: everything the server sends parses as telnet (a client-side
 *     libtelnet reports no error), its TN3270E subnegotiations are well
 *     formed (SEND DEVICE-TYPE; DEVICE-TYPE IS a 3270 display type CONNECT
 *     a name of 1..TN_LU_MAX; REJECT REASON with a defined code; FUNCTIONS
 *     IS or REQUEST naming supported functions once each), and no 3270 data
 *     goes out before the session is in 3270 mode;
 *   - after close: once the layers say the session must end, the rest of
 *     the input is fed as well and must produce nothing at all (no byte
 *     sent, no line, record, response or ready).
 */
#ifndef TN_FUZZ_H
#define TN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <libtelnet.h>

#include "con_telnet.h"
#include "tn3270.h"

#ifndef tn_fuzz_check
#define tn_fuzz_check(cond)                                                                                  \
	do {                                                                                                 \
		if (!(cond)) {                                                                               \
			fprintf(stderr, "tn_fuzz: %s broken at %s:%d\n", #cond, __FILE__, __LINE__);         \
			abort();                                                                             \
		}                                                                                            \
	} while (0)
#endif

struct tn_fuzz {
	struct tel_proto tp;
	struct tn_proto tn;
	telnet_t *peer; /* a client-side parser of what the server sends */
	bool offer_e, diverted;
	bool closed;    /* the listener would have closed the session */
	size_t sent;    /* bytes the server sent */
	unsigned lines; /* line-mode input lines */
	unsigned lines_at_divert;
	unsigned records;
	unsigned responses;
	int ready; /* the 3270 session's ready callbacks (at most 1) */
};

enum tn_fuzz_result {
	TN_FUZZ_CLOSED = -1, /* the server would close the session */
	TN_FUZZ_OPEN = 0,    /* still negotiating, or a line-mode session */
	TN_FUZZ_READY = 1,   /* a 3270 session in 3270 mode */
};

/* Has a layer said that the session must end (or has the listener closed
 * it)?  From then on nothing may come out of the layers. */
static inline bool tn_fuzz_dead(const struct tn_fuzz *f)
{
	return f->closed || f->tp.error || (f->diverted && (f->tn.error || f->tn.refused));
}

/* A function list of a FUNCTIONS message the server sent: supported
 * functions, each once. */
static inline void tn_fuzz_check_funcs(const uint8_t *list, size_t n)
{
	unsigned seen = 0;
	for (size_t k = 0; k < n; k++) {
		tn_fuzz_check(list[k] < 8 && (TN_F_SUPPORTED & 1 << list[k]));
		tn_fuzz_check(!(seen & 1u << list[k]));
		seen |= 1u << list[k];
	}
}

/* One TN3270E subnegotiation the server sent (RFC 2355 section 7). */
static inline void tn_fuzz_check_e_sub(const uint8_t *b, size_t n)
{
	tn_fuzz_check(n >= 2);
	if (b[0] == TN_E_SEND) {
		tn_fuzz_check(n == 2 && b[1] == TN_E_DEVICE_TYPE);
	} else if (b[0] == TN_E_DEVICE_TYPE && b[1] == TN_E_REJECT) {
		tn_fuzz_check(n == 4 && b[2] == TN_E_REASON && b[3] <= TN_E_UNSUPPORTED_REQ);
	} else if (b[0] == TN_E_DEVICE_TYPE) {
		tn_fuzz_check(b[1] == TN_E_IS);
		const uint8_t *c = memchr(b + 2, TN_E_CONNECT, n - 2);
		tn_fuzz_check(c != NULL);
		size_t tl = (size_t)(c - (b + 2)), nl = n - 2 - tl - 1;
		char type[TN_LU_MAX * 2];
		struct tn_term term;
		tn_fuzz_check(tl > 0 && tl < sizeof type);
		memcpy(type, b + 2, tl);
		type[tl] = 0;
		tn_fuzz_check(tn_ttype_parse(type, &term) && !strchr(type, '@'));
		tn_fuzz_check(nl >= 1 && nl <= TN_LU_MAX);
	} else {
		tn_fuzz_check(b[0] == TN_E_FUNCTIONS && (b[1] == TN_E_IS || b[1] == TN_E_REQUEST));
		tn_fuzz_check_funcs(b + 2, n - 2);
	}
}

/* What the client-side parser makes of the server's bytes. */
static void tn_fuzz_peer_event(telnet_t *t, telnet_event_t *ev, void *ud)
{
	(void)t;
	struct tn_fuzz *f = ud;
	switch (ev->type) {
	case TELNET_EV_ERROR:
	case TELNET_EV_WARNING:
		tn_fuzz_check(!"the server sent malformed telnet");
		break;
	case TELNET_EV_DATA: /* after the TN3270 protocol took over: records only */
		tn_fuzz_check(!f->diverted || f->tn.ready);
		break;
	case TELNET_EV_SUBNEGOTIATION:
		if (ev->sub.telopt == TN_TELOPT_TN3270E)
			tn_fuzz_check_e_sub((const uint8_t *)ev->sub.buffer, ev->sub.size);
		break;
	default:
		break;
	}
}

static void tn_fuzz_send(void *ctx, const char *buf, size_t n)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(!tn_fuzz_dead(f));
	tn_fuzz_check(buf != NULL && n > 0);
	f->sent += n;
	if (f->peer)
		telnet_recv(f->peer, buf, n);
}

static void tn_fuzz_line(void *ctx, const char *text, size_t n)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(!tn_fuzz_dead(f));
	tn_fuzz_check(n < TEL_LINE_MAX && text[n] == 0);
	f->lines++;
}

static void tn_fuzz_ready(void *ctx)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(!tn_fuzz_dead(f) && f->diverted);
	f->ready++;
	tn_fuzz_check(f->ready == 1);
	tn_fuzz_check(f->tn.ready && !f->tn.refused);
	static const uint8_t screen[] = {0xC1, 0x11, 0x40, 0xC1, 0xFF, 0xC8};
	tn_proto_send_record(&f->tn, TN_CMD_EW, screen, sizeof screen);
}

static void tn_fuzz_refused(void *ctx)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(!f->closed && f->tn.refused && !f->tn.ready);
}

static void tn_fuzz_record(void *ctx, const uint8_t *rec, size_t n)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(!tn_fuzz_dead(f));
	tn_fuzz_check(n > 0 && n <= TN_RECORD_MAX && rec != NULL);
	tn_fuzz_check(f->tn.ready);
	f->records++;
	if (rec[0] == TN_AID_ENTER) /* the program answers */
		tn_proto_send_record(&f->tn, TN_CMD_W, rec, n > 64 ? 64 : n);
}

static void tn_fuzz_response(void *ctx, uint16_t seq, bool positive, uint8_t reason)
{
	struct tn_fuzz *f = ctx;
	(void)seq, (void)positive, (void)reason;
	tn_fuzz_check(!tn_fuzz_dead(f) && f->tn.ready && f->tn.e_mode);
	tn_fuzz_check(f->tn.e_funcs & 1 << TN_F_RESPONSES);
	f->responses++;
}

/* LU names: "" and 00C0 free, 00C1 in use, 0009 a console, anything else
 * unknown. */
static int tn_fuzz_lu(void *ctx, const char *type, const char *lu, char *out, size_t n)
{
	struct tn_fuzz *f = ctx;
	struct tn_term term;
	tn_fuzz_check(!tn_fuzz_dead(f) && f->tn.e_mode && !f->tn.ready);
	tn_fuzz_check(strlen(type) < TN_LU_MAX * 2 && strlen(lu) <= TN_LU_MAX);
	tn_fuzz_check(tn_ttype_parse(type, &term) && !strchr(type, '@')); /* displays only */
	tn_fuzz_check(out != NULL && n > TN_LU_MAX);
	if (!strcmp(lu, "00C1"))
		return TN_E_DEVICE_IN_USE;
	if (*lu && strcmp(lu, "00C0"))
		return TN_E_INV_NAME;
	snprintf(out, n, "00C0");
	return -1;
}

static int tn_fuzz_lu_kind(void *ctx, const char *lu)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(!tn_fuzz_dead(f) && *lu && strlen(lu) <= TN_LU_MAX);
	if (!strcmp(lu, "00C0") || !strcmp(lu, "00C1"))
		return TN_LU_DISPLAY;
	return strcmp(lu, "0009") ? TN_LU_NONE : TN_LU_OTHER;
}

static void tn_fuzz_divert(void *ctx, void *ev)
{
	struct tn_fuzz *f = ctx;
	tn_proto_event(&f->tn, ev);
}

static void tn_fuzz_ttype(void *ctx, const char *name)
{
	struct tn_fuzz *f = ctx;
	struct tn_term term;
	tn_fuzz_check(!tn_fuzz_dead(f) && !f->diverted);
	tn_fuzz_check(strlen(name) < TEL_TTYPE_MAX);
	if (strncmp(name, "IBM-3", 5) || !tn_ttype_parse(name, &term))
		return; /* a line-mode console */
	static const struct tn_proto_cb cb = {.ready = tn_fuzz_ready,
	                                      .refused = tn_fuzz_refused,
	                                      .record = tn_fuzz_record,
	                                      .lu = tn_fuzz_lu,
	                                      .lu_kind = tn_fuzz_lu_kind,
	                                      .response = tn_fuzz_response};
	f->diverted = true;
	f->lines_at_divert = f->lines;
	tel_proto_divert(&f->tp, tn_fuzz_divert, f);
	tn_proto_start(&f->tn, f->tp.t, &cb, f, f->offer_e);
}

/* The layers' state after a piece of input (see the list above). */
static inline void tn_fuzz_invariants(const struct tn_fuzz *f)
{
	const struct tel_proto *tp = &f->tp;
	tn_fuzz_check(tp->len < TEL_LINE_MAX);
	tn_fuzz_check(memchr(tp->ttype, 0, sizeof tp->ttype) != NULL);
	tn_fuzz_check(f->ready <= 1);
	if (!f->diverted) {
		tn_fuzz_check(!f->ready && !f->records && !f->responses);
		return;
	}
	const struct tn_proto *p = &f->tn;
	tn_fuzz_check(tp->ttype_done && tp->divert != NULL);
	tn_fuzz_check(f->lines == f->lines_at_divert);
	tn_fuzz_check(p->len <= TN_RECORD_MAX);
	tn_fuzz_check(p->ready || p->len == 0); /* data is gathered in 3270 mode only */
	tn_fuzz_check(p->ready == (f->ready == 1));
	tn_fuzz_check(!(p->ready && p->refused));
	tn_fuzz_check(p->records_in == f->records);
	tn_fuzz_check(!p->e_mode || f->offer_e);
	tn_fuzz_check(!p->e_device || p->e_mode);
	tn_fuzz_check(!(p->e_funcs & ~TN_F_SUPPORTED) && !(p->e_asked & ~TN_F_SUPPORTED));
	tn_fuzz_check(!p->e_funcs || p->ready);
	tn_fuzz_check(!f->responses || (p->e_funcs & 1 << TN_F_RESPONSES));
	if (p->e_device) {
		struct tn_term term;
		tn_fuzz_check(memchr(p->e_type, 0, sizeof p->e_type) != NULL);
		tn_fuzz_check(tn_ttype_parse(p->e_type, &term) && !strchr(p->e_type, '@'));
	}
	if (p->ready && p->e_mode)
		tn_fuzz_check(p->e_device);
	if (p->ready && !p->e_mode)
		tn_fuzz_check(p->acked == 15); /* DO and WILL, EOR and BINARY */
}

/* Run one input (see above); f is filled in for the caller's checks. */
static inline enum tn_fuzz_result tn_fuzz_run(struct tn_fuzz *f, const uint8_t *data, size_t n)
{
	static const telnet_telopt_t none[] = {{-1, 0, 0}};
	memset(f, 0, sizeof *f);
	if (n == 0)
		return TN_FUZZ_OPEN;
	f->offer_e = data[0] & 1;
	size_t chunk = (size_t)(data[0] >> 1) + 1;
	static const struct tel_proto_cb cb = {
	    .send = tn_fuzz_send, .line = tn_fuzz_line, .ttype = tn_fuzz_ttype};
	f->peer = telnet_init(none, tn_fuzz_peer_event, TELNET_FLAG_PROXY, f);
	if (!f->peer || tel_proto_init(&f->tp, &cb, f)) {
		if (f->peer)
			telnet_free(f->peer);
		return TN_FUZZ_CLOSED;
	}
	enum tn_fuzz_result r = TN_FUZZ_OPEN;
	tn_fuzz_invariants(f);
	for (size_t k = 1; k < n; k += chunk) {
		size_t len = n - k < chunk ? n - k : chunk;
		bool bad = tel_proto_recv(&f->tp, (const char *)data + k, len) != 0;
		if (f->diverted)
			bad = bad || f->tn.error || f->tn.refused;
		tn_fuzz_invariants(f);
		if (bad && !f->closed) {
			/* the listener closes it here; the rest goes in all the
			 * same and must get nothing out of the layers */
			r = TN_FUZZ_CLOSED;
			f->closed = true;
		}
	}
	if (r == TN_FUZZ_OPEN && f->diverted && f->tn.ready)
		r = TN_FUZZ_READY;
	tel_proto_free(&f->tp);
	telnet_free(f->peer);
	f->peer = NULL;
	return r;
}

#endif
