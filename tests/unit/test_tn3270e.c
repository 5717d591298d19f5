/* test_tn3270e.c — TN3270E (RFC 2355) byte by byte: the FUNCTIONS
 * negotiation (RESPONSES agreed; BIND-IMAGE, SYSREQ, DATA-STREAM-CTL,
 * SCS-CTL-CODES and unknown codes declined by a counter-REQUEST; the
 * client's IS confirming; malformed lists and out-of-turn messages ending
 * the session), the REJECT reasons of DEVICE-TYPE REQUEST (TYPE-NAME-ERROR
 * also from a real listener's register), RESPONSE
 * messages from the client, the header with its sequence number doubled
 * where it holds X'FF'; then a 3270 at 00C0 on a real listener whose writes
 * wait for the client's response: positive, negative (command reject,
 * operation check, intervention required), none (the client goes). */
#include "tnclient.h"

struct cap {
	char sent[4096];
	size_t nsent;
	int ready;
	int nresp;
	uint16_t seq[4];
	bool pos[4];
	uint8_t reason[4];
};

static void cap_send(void *ctx, const char *buf, size_t n)
{
	struct cap *c = ctx;
	assert_true(c->nsent + n <= sizeof c->sent);
	memcpy(c->sent + c->nsent, buf, n);
	c->nsent += n;
}

static void cap_ready(void *ctx)
{
	((struct cap *)ctx)->ready++;
}

static int cap_lu(void *ctx, const char *type, const char *lu, char *out, size_t n)
{
	(void)ctx, (void)type;
	if (!strcmp(lu, "00C1"))
		return TN_E_DEVICE_IN_USE;
	if (*lu && strcmp(lu, "00C0"))
		return TN_E_INV_NAME;
	snprintf(out, n, "00C0");
	return -1;
}

/* 00C0 and 00C1 are displays, 0009 a console, nothing else exists. */
static int cap_lu_kind(void *ctx, const char *lu)
{
	(void)ctx;
	if (!strcmp(lu, "00C0") || !strcmp(lu, "00C1"))
		return TN_LU_DISPLAY;
	return strcmp(lu, "0009") ? TN_LU_NONE : TN_LU_OTHER;
}

static void cap_response(void *ctx, uint16_t seq, bool positive, uint8_t reason)
{
	struct cap *c = ctx;
	assert_true(c->nresp < 4);
	c->seq[c->nresp] = seq;
	c->pos[c->nresp] = positive;
	c->reason[c->nresp++] = reason;
}

static const struct tn_proto_cb cb = {
    .send = cap_send, .ready = cap_ready, .lu = cap_lu, .lu_kind = cap_lu_kind, .response = cap_response};

#define SB_E(lit) "\xff\xfa\x28" lit "\xff\xf0"
#define FEED(p, lit) assert_int_equal(tn_proto_recv(p, lit, sizeof lit - 1), 0)
#define SENT(c, lit)                                                                                         \
	do {                                                                                                 \
		assert_int_equal((c)->nsent, sizeof lit - 1);                                                \
		assert_memory_equal((c)->sent, lit, sizeof lit - 1);                                         \
		(c)->nsent = 0;                                                                              \
	} while (0)

/* Up to DEVICE-TYPE IS: the functions are next. */
static struct tn_proto *device_typed(struct cap *c)
{
	memset(c, 0, sizeof *c);
	struct tn_proto *p = malloc(sizeof *p);
	assert_non_null(p);
	assert_int_equal(tn_proto_init_own(p, &cb, c, true), 0);
	SENT(c, "\xff\xfd\x28");
	FEED(p, "\xff\xfb\x28");
	SENT(c, SB_E("\x08\x02"));
	FEED(p, SB_E("\x02\x07IBM-3279-2-E"));
	SENT(c, SB_E("\x02\x04IBM-3279-2-E\x01"
	             "00C0"));
	return p;
}

static void end(struct tn_proto *p)
{
	tn_proto_free(p);
	free(p);
}

static void functions(void **state)
{
	(void)state;
	struct cap c;
	/* all of them acceptable: IS with the same list, ready */
	struct tn_proto *p = device_typed(&c);
	FEED(p, SB_E("\x03\x07\x02"));
	SENT(&c, SB_E("\x03\x04\x02"));
	assert_int_equal(c.ready, 1);
	assert_int_equal(p->e_funcs, 1 << TN_F_RESPONSES);
	end(p);
	/* none asked: IS with none */
	p = device_typed(&c);
	FEED(p, SB_E("\x03\x07"));
	SENT(&c, SB_E("\x03\x04"));
	assert_int_equal(c.ready, 1);
	assert_int_equal(p->e_funcs, 0);
	end(p);
	/* BIND-IMAGE DATA-STREAM-CTL RESPONSES SCS-CTL-CODES SYSREQ and an
	 * unknown code: our REQUEST with RESPONSES; the client's IS settles it */
	p = device_typed(&c);
	FEED(p, SB_E("\x03\x07\x00\x01\x02\x03\x04\x09"));
	SENT(&c, SB_E("\x03\x07\x02"));
	assert_int_equal(c.ready, 0);
	FEED(p, SB_E("\x03\x04\x02"));
	assert_int_equal(c.nsent, 0);
	assert_int_equal(c.ready, 1);
	assert_int_equal(p->e_funcs, 1 << TN_F_RESPONSES);
	end(p);
	/* only declined ones: our empty REQUEST; the client may ask again */
	p = device_typed(&c);
	FEED(p, SB_E("\x03\x07\x00\x04"));
	SENT(&c, SB_E("\x03\x07"));
	FEED(p, SB_E("\x03\x07"));
	SENT(&c, SB_E("\x03\x04"));
	assert_int_equal(c.ready, 1);
	end(p);
	/* malformed: a function twice; an IS naming one we did not offer;
	 * FUNCTIONS before DEVICE-TYPE; a subnegotiation of one byte */
	static const struct {
		const char *in;
		size_t n;
		bool typed;
	} bad[] = {
	    {SB_E("\x03\x07\x02\x02"), 9, true}, {SB_E("\x03\x04\x00"), 8, true},
	    {SB_E("\x03\x07"), 7, false},        {SB_E("\x03"), 6, true},
	    {SB_E("\x09\x07"), 7, true},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		if (bad[k].typed) {
			p = device_typed(&c);
		} else {
			memset(&c, 0, sizeof c);
			p = malloc(sizeof *p);
			assert_int_equal(tn_proto_init_own(p, &cb, &c, true), 0);
			FEED(p, "\xff\xfb\x28");
		}
		assert_int_equal(tn_proto_recv(p, bad[k].in, bad[k].n), -1);
		assert_int_equal(c.ready, 0);
		end(p);
	}
}

static void reasons(void **state)
{
	(void)state;
	struct cap c;
	memset(&c, 0, sizeof c);
	struct tn_proto *p = malloc(sizeof *p);
	assert_int_equal(tn_proto_init_own(p, &cb, &c, true), 0);
	FEED(p, "\xff\xfb\x28");
	c.nsent = 0;
	static const struct {
		const char *in, *out;
		size_t nin, nout;
	} asks[] = {
#define ASK(i, o) {SB_E(i), SB_E(o), sizeof SB_E(i) - 1, sizeof SB_E(o) - 1}
	    ASK("\x02\x07IBM-3278-2\x01"
	        "00C1",
	        "\x02\x06\x05\x01"), /* DEVICE-IN-USE */
	    ASK("\x02\x07IBM-3278-2\x01"
	        "NOSUCH",
	        "\x02\x06\x05\x03"), /* INV-NAME */
	    ASK("\x02\x07IBM-3278-2\x01"
	        "LUNAMEFARTOOLONGFORANY",
	        "\x02\x06\x05\x03"),                            /* INV-NAME */
	    ASK("\x02\x07IBM-3287-1", "\x02\x06\x05\x04"),      /* INV-DEVICE-TYPE */
	    ASK("\x02\x07IBM-3278-2@00C0", "\x02\x06\x05\x04"), /* INV-DEVICE-TYPE */
	    ASK("\x02\x07IBM-3287-1\x00"
	        "00C0",
	        "\x02\x06\x05\x07"), /* ASSOCIATE: UNSUPPORTED-REQ */
	    /* TYPE-NAME-ERROR: a known name of another kind than the type */
	    ASK("\x02\x07IBM-3287-1\x01"
	        "00C0",
	        "\x02\x06\x05\x05"), /* a printer type, a display's name */
	    ASK("\x02\x07IBM-3278-2-E\x01"
	        "0009",
	        "\x02\x06\x05\x05"), /* a display type, a console's name */
	    ASK("\x02\x07IBM-3287-1\x01"
	        "NOSUCH",
	        "\x02\x06\x05\x04"), /* a printer type, no such name: INV-DEVICE-TYPE */
	    ASK("\x02\x07VT100\x01"
	        "00C0",
	        "\x02\x06\x05\x04"), /* not a 3270 type at all: INV-DEVICE-TYPE */
	    ASK("\x02\x07IBM-3278-5-E", "\x02\x04IBM-3278-5-E\x01"
	                                "00C0"),
#undef ASK
	};
	for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
		assert_int_equal(tn_proto_recv(p, asks[k].in, asks[k].nin), 0);
		assert_int_equal(c.nsent, asks[k].nout);
		assert_memory_equal(c.sent, asks[k].out, asks[k].nout);
		c.nsent = 0;
	}
	end(p);
}

static void responses(void **state)
{
	(void)state;
	struct cap c;
	struct tn_proto *p = device_typed(&c);
	/* before RESPONSES is agreed a RESPONSE message means nothing */
	FEED(p, SB_E("\x03\x07\x02"));
	c.nsent = 0;
	FEED(p, "\x02\x00\x00\x00\x07\x00\xff\xef"           /* positive, seq 7, DEVICE-END */
	        "\x02\x00\x01\x01\x00\x02\xff\xef"           /* negative, seq 256, OPERATION-CHECK */
	        "\x02\x00\x01\xff\xff\xff\xff\x01\xff\xef"   /* negative, seq X'FFFF', IR */
	        "\x02\x00\x00\x00\x08\xff\xef"               /* no reason byte: dropped */
	        "\x00\x00\x00\x00\x00\x7d\x40\x40\xff\xef"); /* 3270-DATA: a record */
	assert_int_equal(c.nresp, 3);
	assert_int_equal(c.seq[0], 7);
	assert_true(c.pos[0]);
	assert_int_equal(c.reason[0], 0);
	assert_int_equal(c.seq[1], 256);
	assert_false(c.pos[1]);
	assert_int_equal(c.reason[1], TN_NEG_OPERATION_CHECK);
	assert_int_equal(c.seq[2], 0xFFFF);
	assert_int_equal(c.reason[2], TN_NEG_INTERVENTION_REQUIRED);
	end(p);
	/* without RESPONSES: ignored */
	p = device_typed(&c);
	FEED(p, SB_E("\x03\x07"));
	FEED(p, "\x02\x00\x00\x00\x07\x00\xff\xef");
	assert_int_equal(c.nresp, 0);
	end(p);
	/* the header: ALWAYS-RESPONSE, the sequence number, X'FF' doubled */
	uint8_t out[32];
	size_t n =
	    tn_encode_record_er(TN_CMD_W, (const uint8_t *)"\xc3", 1, TN_RF_ALWAYS_RESPONSE, 0x12FF, out);
	assert_int_equal(n, 10);
	assert_memory_equal(out, "\x00\x00\x02\x12\xff\xff\xf1\xc3\xff\xef", 10);
}

/* ---- a display whose writes wait for the client's response ---- */

#define SIO "9C00 00C0"
#define TIO "9D00 00C0"

static int client_e(int port)
{
	int fd = tnc_connect(port);
	TNC_EXPECT(fd, "\xff\xfd\x18");
	TNC_SEND(fd, "\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2-E\xff\xf0");
	TNC_EXPECT(fd, "\xff\xfa\x18\x01\xff\xf0\xff\xfd\x28");
	TNC_SEND(fd, "\xff\xfb\x28");
	TNC_EXPECT(fd, SB_E("\x08\x02"));
	TNC_SEND(fd, SB_E("\x02\x07IBM-3278-2-E"));
	TNC_EXPECT(fd, SB_E("\x02\x04IBM-3278-2-E\x01"
	                    "00C0"));
	TNC_SEND(fd, SB_E("\x03\x07\x00\x02\x04"));
	TNC_EXPECT(fd, SB_E("\x03\x07\x02"));
	TNC_SEND(fd, SB_E("\x03\x04\x02"));
	uint8_t raw[1024];
	size_t len = tnc_until(fd, "\xff\xef", 2, raw, sizeof raw, 4000);
	assert_true(len > 7);
	assert_memory_equal(raw, "\0\0\0\0\0\xf5", 6); /* the connection screen: no response asked */
	return fd;
}

static void write_and_wait(struct ctm *m, int fd, const char *want_hdr)
{
	put_ccw(m, 0x200, 0x01, 0x400, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	char want[16];
	memcpy(want, want_hdr, 5);
	memcpy(want + 5, "\xf1\xc3\xff\xef", 4);
	tnc_expect(fd, want, 9);
	tnc_service(m);
	int cc = io_insn(m, TIO);
	if (cc != 2)
		fail_msg("TIO cc %d, CSW %s", cc, csw_text(m));
}

static void writes_wait_for_responses(void **state)
{
	(void)state;
	struct ctm *m = ctm_new();
	char err[200];
	assert_int_equal(chan_attach(m->cs, 0x0C0, "3270", 0, NULL, err, sizeof err), 0);
	struct tel_server *s = tel_server_start(m->cs, "127.0.0.1", 0, err, sizeof err);
	assert_non_null(s);
	put_caw(m, 0, 0x200);
	memcpy(tm_mem(m->t, 0x400), "\xc3", 1);
	int fd = client_e(tel_server_port(s));
	assert_int_equal(tnc_status(m, TIO, 4000), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000"); /* device end: ready */
	/* positive: channel end, device end */
	write_and_wait(m, fd, "\x00\x00\x02\x00\x01");
	TNC_SEND(fd, "\x02\x00\x00\x00\x01\x00\xff\xef");
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	/* negative, each reason: unit check with its sense */
	static const struct {
		const char *hdr, *resp;
		uint8_t sense;
	} neg[] = {
	    {"\x00\x00\x02\x00\x02", "\x02\x00\x01\x00\x02\x00\xff\xef", SNS0_CMDREJ},
	    {"\x00\x00\x02\x00\x03", "\x02\x00\x01\x00\x03\x02\xff\xef", 0x01},
	    {"\x00\x00\x02\x00\x04", "\x02\x00\x01\x00\x04\x01\xff\xef", SNS0_INTREQ},
	    {"\x00\x00\x02\x00\x05", "\x02\x00\x01\x00\x05\x03\xff\xef", SNS0_INTREQ},
	};
	for (size_t k = 0; k < 4; k++) {
		write_and_wait(m, fd, neg[k].hdr);
		TNC_SEND(fd, "\x02\x00\x00\x00\x63\x00\xff\xef"); /* another sequence number: not ours */
		usleep(50000);
		tnc_service(m);
		assert_int_equal(io_insn(m, TIO), 2);
		assert_int_equal(write(fd, neg[k].resp, 8), 8);
		assert_int_equal(tnc_status(m, TIO, 2000), 1);
		assert_string_equal(csw_text(m), "00000208 0E00 0000");
		put_ccw(m, 0x200, 0x04, 0x500, 0, 1);
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(tnc_status(m, TIO, 2000), 1);
		assert_int_equal(*tm_mem(m->t, 0x500), neg[k].sense);
	}
	/* the client goes while a write waits: unit check, intervention required */
	write_and_wait(m, fd, "\x00\x00\x02\x00\x06");
	close(fd);
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0000");
	put_ccw(m, 0x200, 0x04, 0x500, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	assert_int_equal(*tm_mem(m->t, 0x500), SNS0_INTREQ);
	tel_server_stop(s);
	ctm_free(m);
}

/* TYPE-NAME-ERROR from the listener's register: 0009 is a 3215, 00C0 a
 * 3270; after the rejections the client may still ask for the display. */
static void type_name_error(void **state)
{
	(void)state;
	struct ctm *m = ctm_new();
	char err[200];
	assert_int_equal(chan_attach(m->cs, 0x0C0, "3270", 0, NULL, err, sizeof err), 0);
	assert_int_equal(chan_attach(m->cs, 0x009, "3215", 0, NULL, err, sizeof err), 0);
	struct tel_server *s = tel_server_start(m->cs, "127.0.0.1", 0, err, sizeof err);
	assert_non_null(s);
	int fd = tnc_connect(tel_server_port(s));
	TNC_EXPECT(fd, "\xff\xfd\x18");
	TNC_SEND(fd, "\xff\xfb\x18\xff\xfa\x18\x00IBM-3278-2-E\xff\xf0");
	TNC_EXPECT(fd, "\xff\xfa\x18\x01\xff\xf0\xff\xfd\x28");
	TNC_SEND(fd, "\xff\xfb\x28");
	TNC_EXPECT(fd, SB_E("\x08\x02"));
	TNC_SEND(fd, SB_E("\x02\x07IBM-3278-2-E\x01"
	                  "0009"));
	TNC_EXPECT(fd, SB_E("\x02\x06\x05\x05"));
	TNC_SEND(fd, SB_E("\x02\x07IBM-3287-1\x01"
	                  "00C0"));
	TNC_EXPECT(fd, SB_E("\x02\x06\x05\x05"));
	TNC_SEND(fd, SB_E("\x02\x07IBM-3287-1\x01"
	                  "00C7"));
	TNC_EXPECT(fd, SB_E("\x02\x06\x05\x04"));
	TNC_SEND(fd, SB_E("\x02\x07IBM-3278-2-E\x01"
	                  "00C7"));
	TNC_EXPECT(fd, SB_E("\x02\x06\x05\x03"));
	TNC_SEND(fd, SB_E("\x02\x07IBM-3278-2-E\x01"
	                  "00C0"));
	TNC_EXPECT(fd, SB_E("\x02\x04IBM-3278-2-E\x01"
	                    "00C0"));
	close(fd);
	tel_server_stop(s);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(functions),       cmocka_unit_test(reasons),
	    cmocka_unit_test(responses),       cmocka_unit_test(writes_wait_for_responses),
	    cmocka_unit_test(type_name_error),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
