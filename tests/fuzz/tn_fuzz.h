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
 */
#ifndef TN_FUZZ_H
#define TN_FUZZ_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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
	bool offer_e, diverted;
	size_t sent;    /* bytes the server sent */
	unsigned lines; /* line-mode input lines */
	unsigned records;
	int ready; /* the 3270 session's ready callbacks (at most 1) */
};

enum tn_fuzz_result {
	TN_FUZZ_CLOSED = -1, /* the server would close the session */
	TN_FUZZ_OPEN = 0,    /* still negotiating, or a line-mode session */
	TN_FUZZ_READY = 1,   /* a 3270 session in 3270 mode */
};

static void tn_fuzz_send(void *ctx, const char *buf, size_t n)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(buf != NULL || n == 0);
	f->sent += n;
}

static void tn_fuzz_line(void *ctx, const char *text, size_t n)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(n < TEL_LINE_MAX && text[n] == 0);
	f->lines++;
}

static void tn_fuzz_ready(void *ctx)
{
	struct tn_fuzz *f = ctx;
	f->ready++;
	tn_fuzz_check(f->ready == 1);
	static const uint8_t screen[] = {0xC1, 0x11, 0x40, 0xC1, 0xFF, 0xC8};
	tn_proto_send_record(&f->tn, TN_CMD_EW, screen, sizeof screen);
}

static void tn_fuzz_refused(void *ctx)
{
	(void)ctx;
}

static void tn_fuzz_record(void *ctx, const uint8_t *rec, size_t n)
{
	struct tn_fuzz *f = ctx;
	tn_fuzz_check(n > 0 && n <= TN_RECORD_MAX && rec != NULL);
	tn_fuzz_check(f->tn.ready);
	f->records++;
	if (rec[0] == TN_AID_ENTER) /* the program answers */
		tn_proto_send_record(&f->tn, TN_CMD_W, rec, n > 64 ? 64 : n);
}

/* LU names: "" and 00C0 free, 00C1 in use, anything else unknown. */
static int tn_fuzz_lu(void *ctx, const char *type, const char *lu, char *out, size_t n)
{
	(void)ctx;
	tn_fuzz_check(strlen(type) < TN_LU_MAX * 2 && strlen(lu) <= TN_LU_MAX);
	if (!strcmp(lu, "00C1"))
		return TN_E_DEVICE_IN_USE;
	if (*lu && strcmp(lu, "00C0"))
		return TN_E_INV_NAME;
	snprintf(out, n, "00C0");
	return -1;
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
	tn_fuzz_check(strlen(name) < TEL_TTYPE_MAX);
	if (strncmp(name, "IBM-3", 5) || !tn_ttype_parse(name, &term))
		return; /* a line-mode console */
	static const struct tn_proto_cb cb = {
	    .ready = tn_fuzz_ready, .refused = tn_fuzz_refused, .record = tn_fuzz_record, .lu = tn_fuzz_lu};
	f->diverted = true;
	tel_proto_divert(&f->tp, tn_fuzz_divert, f);
	tn_proto_start(&f->tn, f->tp.t, &cb, f, f->offer_e);
}

/* Run one input (see above); f is filled in for the caller's checks. */
static inline enum tn_fuzz_result tn_fuzz_run(struct tn_fuzz *f, const uint8_t *data, size_t n)
{
	memset(f, 0, sizeof *f);
	if (n == 0)
		return TN_FUZZ_OPEN;
	f->offer_e = data[0] & 1;
	size_t chunk = (size_t)(data[0] >> 1) + 1;
	static const struct tel_proto_cb cb = {
	    .send = tn_fuzz_send, .line = tn_fuzz_line, .ttype = tn_fuzz_ttype};
	if (tel_proto_init(&f->tp, &cb, f))
		return TN_FUZZ_CLOSED;
	enum tn_fuzz_result r = TN_FUZZ_OPEN;
	for (size_t k = 1; k < n; k += chunk) {
		size_t len = n - k < chunk ? n - k : chunk;
		bool bad = tel_proto_recv(&f->tp, (const char *)data + k, len) != 0;
		if (f->diverted)
			bad = bad || f->tn.error || f->tn.refused;
		if (bad) {
			r = TN_FUZZ_CLOSED; /* the listener closes it here */
			break;
		}
	}
	if (r == TN_FUZZ_OPEN && f->diverted && f->tn.ready)
		r = TN_FUZZ_READY;
	tn_fuzz_check(f->ready <= 1);
	tn_fuzz_check(!f->records || f->tn.ready);
	tel_proto_free(&f->tp);
	return r;
}

#endif
