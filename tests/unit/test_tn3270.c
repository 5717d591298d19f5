/* test_tn3270.c — the TN3270 server and local 3270 displays.
 *
 * First the protocol layer fed byte sequences (RFC 1576 negotiation of
 * BINARY and EOR in both directions, refusals, records cut at IAC EOR with
 * IAC doubled, malformed input), terminal types, record and address
 * encoding.  Then a 3270 on a real listener (sharing the console port with a
 * 3215) driven by channel programs and a socket client playing the tn3270
 * client: powered off without a client, the connection screen and device
 * end, each CCW's TN3270 command code, Read Buffer and Read Modified asking
 * the client, an AID giving attention and the next Read Modified taking it,
 * the client going during a Read, and the port's choice between line-mode
 * and 3270 clients. */
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "chantest.h"
#include "codepage.h"
#include "con_telnet.h"
#include "tn3270.h"

/* ---- the protocol layer ---- */

struct cap {
	char sent[8192];
	size_t nsent;
	int ready, refused;
	uint8_t recs[8][256];
	size_t lens[8];
	int nrecs;
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

static void cap_refused(void *ctx)
{
	((struct cap *)ctx)->refused++;
}

static void cap_record(void *ctx, const uint8_t *rec, size_t n)
{
	struct cap *c = ctx;
	assert_true(c->nrecs < 8 && n <= 256);
	memcpy(c->recs[c->nrecs], rec, n);
	c->lens[c->nrecs++] = n;
}

/* LU names: "00C0" (free) and "", any, give 00C0; "00C1" is in use; others unknown */
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

static const struct tn_proto_cb cap_cb = {cap_send, cap_ready, cap_refused, cap_record, cap_lu, NULL, NULL};

/* DO EOR, WILL EOR, DO BINARY, WILL BINARY */
#define ASKS "\xff\xfd\x19\xff\xfb\x19\xff\xfd\x00\xff\xfb\x00"
/* the client's grants: WILL EOR, DO EOR, WILL BINARY, DO BINARY */
#define GRANTS "\xff\xfb\x19\xff\xfd\x19\xff\xfb\x00\xff\xfd\x00"

static struct tn_proto *proto_start(struct cap *c)
{
	struct tn_proto *p = malloc(sizeof *p);
	assert_non_null(p);
	memset(c, 0, sizeof *c);
	assert_int_equal(tn_proto_init_own(p, &cap_cb, c, false), 0);
	assert_int_equal(c->nsent, 12);
	assert_memory_equal(c->sent, ASKS, 12);
	c->nsent = 0;
	return p;
}

static void proto_end(struct tn_proto *p)
{
	tn_proto_free(p);
	free(p);
}

#define FEED(p, lit) assert_int_equal(tn_proto_recv(p, lit, sizeof lit - 1), 0)

static void negotiation(void **state)
{
	(void)state;
	/* the four grants in any order and split anywhere: ready once */
	static const char *const orders[] = {
	    GRANTS,
	    "\xff\xfd\x00\xff\xfb\x00\xff\xfd\x19\xff\xfb\x19",
	    "\xff\xfb\x00\xff\xfd\x19\xff\xfd\x00\xff\xfb\x19",
	};
	for (size_t k = 0; k < 3; k++) {
		for (size_t split = 0; split <= 12; split += 4) {
			struct cap c;
			struct tn_proto *p = proto_start(&c);
			assert_int_equal(tn_proto_recv(p, orders[k], split), 0);
			assert_int_equal(c.ready, split == 12);
			assert_int_equal(tn_proto_recv(p, orders[k] + split, 12 - split), 0);
			assert_int_equal(c.ready, 1);
			assert_int_equal(c.nsent, 0); /* grants are not answered */
			FEED(p, "\xff\xfb\x00");      /* a repeated grant: no answer, no new ready */
			assert_int_equal(c.ready, 1);
			assert_int_equal(c.nsent, 0);
			proto_end(p);
		}
	}
	/* other options are refused; a refusal of one that is off is not answered */
	static const struct {
		const char *in, *out;
	} others[] = {
	    {"\xff\xfb\x1f", "\xff\xfe\x1f"}, /* WILL NAWS: DONT */
	    {"\xff\xfd\x01", "\xff\xfc\x01"}, /* DO ECHO: WONT */
	    {"\xff\xfb\x28", "\xff\xfe\x28"}, /* WILL TN3270E: DONT (not offered) */
	    {"\xff\xfd\x28", "\xff\xfc\x28"}, /* DO TN3270E: WONT */
	    {"\xff\xfc\x1f", ""},             /* WONT NAWS: nothing */
	    {"\xff\xfe\x01", ""},             /* DONT ECHO: nothing */
	};
	for (size_t k = 0; k < sizeof others / sizeof others[0]; k++) {
		struct cap c;
		struct tn_proto *p = proto_start(&c);
		assert_int_equal(tn_proto_recv(p, others[k].in, 3), 0);
		assert_int_equal(c.nsent, strlen(others[k].out));
		assert_memory_equal(c.sent, others[k].out, c.nsent);
		assert_int_equal(c.ready + c.refused, 0);
		proto_end(p);
	}
	/* a refusal of BINARY or EOR in either direction ends the session */
	static const char *const refusals[] = {"\xff\xfc\x00", "\xff\xfe\x00", "\xff\xfc\x19",
	                                       "\xff\xfe\x19"};
	for (size_t k = 0; k < 4; k++) {
		struct cap c;
		struct tn_proto *p = proto_start(&c);
		FEED(p, "\xff\xfb\x19");
		assert_int_equal(tn_proto_recv(p, refusals[k], 3), -1);
		assert_int_equal(c.refused, 1);
		assert_int_equal(c.ready, 0);
		assert_int_equal(tn_proto_recv(p, GRANTS, 12), -1); /* stays refused */
		assert_int_equal(c.ready, 0);
		proto_end(p);
	}
	/* leaving 3270 mode after it began ends the session */
	struct cap c;
	struct tn_proto *p = proto_start(&c);
	FEED(p, GRANTS);
	assert_int_equal(tn_proto_recv(p, "\xff\xfc\x00", 3), -1);
	proto_end(p);
}

#define SB_E(lit) "\xff\xfa\x28" lit "\xff\xf0"

static void tn3270e_negotiation(void **state)
{
	(void)state;
	struct cap c;
	memset(&c, 0, sizeof c);
	struct tn_proto *p = malloc(sizeof *p);
	assert_non_null(p);
	assert_int_equal(tn_proto_init_own(p, &cap_cb, &c, true), 0);
	assert_int_equal(c.nsent, 3);
	assert_memory_equal(c.sent, "\xff\xfd\x28", 3); /* DO TN3270E */
	c.nsent = 0;
	FEED(p, "\xff\xfb\x28"); /* WILL: SEND DEVICE-TYPE */
	assert_int_equal(c.nsent, 7);
	assert_memory_equal(c.sent, SB_E("\x08\x02"), 7);
	/* DEVICE-TYPE REQUEST type [CONNECT lu]: the answers */
	static const struct {
		const char *in, *out;
		size_t nin, nout;
	} asks[] = {
#define ASK(i, o) {SB_E(i), SB_E(o), sizeof SB_E(i) - 1, sizeof SB_E(o) - 1}
	    ASK("\x02\x07IBM-3278-2-E\x01"
	        "00C1",
	        "\x02\x06\x05\x01"), /* DEVICE-IN-USE */
	    ASK("\x02\x07IBM-3278-2-E\x01"
	        "XYZ",
	        "\x02\x06\x05\x03"),                              /* INV-NAME */
	    ASK("\x02\x07VT100", "\x02\x06\x05\x04"),             /* INV-DEVICE-TYPE */
	    ASK("\x02\x07IBM-3287-1\x00PRT", "\x02\x06\x05\x07"), /* ASSOCIATE: UNSUPPORTED-REQ */
	    ASK("\x02\x07IBM-3278-2-E\x01"
	        "00C0",
	        "\x02\x04IBM-3278-2-E\x01"
	        "00C0"),
#undef ASK
	};
	for (size_t k = 0; k < sizeof asks / sizeof asks[0]; k++) {
		c.nsent = 0;
		assert_int_equal(tn_proto_recv(p, asks[k].in, asks[k].nin), 0);
		assert_int_equal(c.nsent, asks[k].nout);
		assert_memory_equal(c.sent, asks[k].out, asks[k].nout);
	}
	assert_string_equal(p->e_type, "IBM-3278-2-E");
	/* FUNCTIONS REQUEST with functions: we ask for RESPONSES only; the
	 * client may settle for none (IS, empty): ready */
	c.nsent = 0;
	FEED(p, SB_E("\x03\x07\x00\x02\x04"));
	assert_int_equal(c.nsent, 8);
	assert_memory_equal(c.sent, SB_E("\x03\x07\x02"), 8); /* RESPONSES only */
	assert_int_equal(c.ready, 0);
	FEED(p, SB_E("\x03\x04"));
	assert_int_equal(c.ready, 1);
	/* records: the header is taken off; only 3270-DATA counts */
	FEED(p, "\x00\x00\x00\x00\x01\x7d\x40\x40\xff\xef"
	        "\x01\x00\x00\x00\x02\x40\xff\xef" /* SCS-DATA: dropped */
	        "\x00\x00\xff\xef");               /* shorter than a header */
	assert_int_equal(c.nrecs, 1);
	assert_int_equal(c.lens[0], 3);
	assert_memory_equal(c.recs[0], "\x7d\x40\x40", 3);
	c.nsent = 0;
	tn_proto_send_record(p, TN_CMD_W, (const uint8_t *)"\xc3", 1);
	assert_int_equal(c.nsent, 9);
	assert_memory_equal(c.sent, "\0\0\0\0\0\xf1\xc3\xff\xef", 9);
	uint8_t out[32];
	assert_int_equal(tn_encode_record_e(TN_CMD_EW, (const uint8_t *)"\xff", 1, out), 10);
	assert_memory_equal(out, "\0\0\0\0\0\xf5\xff\xff\xff\xef", 10);
	/* leaving TN3270E ends the session */
	assert_int_equal(tn_proto_recv(p, "\xff\xfc\x28", 3), -1);
	proto_end(p);

	/* FUNCTIONS REQUEST with none: IS at once, ready */
	memset(&c, 0, sizeof c);
	p = malloc(sizeof *p);
	assert_int_equal(tn_proto_init_own(p, &cap_cb, &c, true), 0);
	FEED(p, "\xff\xfb\x28" SB_E("\x02\x07IBM-3279-2-E"));
	c.nsent = 0;
	FEED(p, SB_E("\x03\x07"));
	assert_memory_equal(c.sent, SB_E("\x03\x04"), 7);
	assert_int_equal(c.ready, 1);
	proto_end(p);

	/* WONT TN3270E: TN3270 (BINARY and EOR) instead */
	memset(&c, 0, sizeof c);
	p = malloc(sizeof *p);
	assert_int_equal(tn_proto_init_own(p, &cap_cb, &c, true), 0);
	c.nsent = 0;
	FEED(p, "\xff\xfc\x28");
	assert_int_equal(c.nsent, 12);
	assert_memory_equal(c.sent, ASKS, 12);
	FEED(p, GRANTS);
	assert_int_equal(c.ready, 1);
	assert_false(p->e_mode);
	proto_end(p);

	/* a TN3270E subnegotiation out of turn: malformed */
	memset(&c, 0, sizeof c);
	p = malloc(sizeof *p);
	assert_int_equal(tn_proto_init_own(p, &cap_cb, &c, true), 0);
	assert_int_equal(tn_proto_recv(p, SB_E("\x03\x07"), 7), -1);
	proto_end(p);
}

static void records(void **state)
{
	(void)state;
	struct cap c;
	struct tn_proto *p = proto_start(&c);
	FEED(p, "\x7d\x40\x40\xff\xef"); /* before 3270 mode: not a record */
	assert_int_equal(c.nrecs, 0);
	FEED(p, GRANTS);
	/* AID, cursor, SBA, text with an X'FF' (doubled), split across reads */
	FEED(p, "\x7d\x40\xc1\x11\x40");
	FEED(p, "\xc1\xc8\xff");
	assert_int_equal(c.nrecs, 0);
	FEED(p, "\xff\xc9\xff\xef\xff\xef" /* an empty record: ignored */
	        "\x6d\xff\xef");           /* Clear: a short read */
	assert_int_equal(c.nrecs, 2);
	assert_int_equal(c.lens[0], 9);
	assert_memory_equal(c.recs[0], "\x7d\x40\xc1\x11\x40\xc1\xc8\xff\xc9", 9);
	assert_int_equal(c.lens[1], 1);
	assert_int_equal(c.recs[1][0], TN_AID_CLEAR);
	assert_int_equal(p->records_in, 2);
	/* sending: the command code, IAC doubled, IAC EOR */
	c.nsent = 0;
	tn_proto_send_record(p, TN_CMD_EW, (const uint8_t *)"\xc3\xff\x40", 3);
	assert_int_equal(c.nsent, 7);
	assert_memory_equal(c.sent, "\xf5\xc3\xff\xff\x40\xff\xef", 7);
	proto_end(p);

	/* a record longer than TN_RECORD_MAX: malformed */
	p = proto_start(&c);
	FEED(p, GRANTS);
	static char big[TN_RECORD_MAX + 10];
	memset(big, 0x40, sizeof big);
	assert_int_equal(tn_proto_recv(p, big, sizeof big), 0);
	assert_int_equal(tn_proto_recv(p, "\xff\xef", 2), -1);
	assert_int_equal(c.nrecs, 0);
	proto_end(p);
	/* a subnegotiation that never ends: malformed */
	p = proto_start(&c);
	FEED(p, GRANTS);
	static char sb[20000];
	memset(sb, 'x', sizeof sb);
	memcpy(sb, "\xff\xfa\x18\x00", 4);
	assert_int_equal(tn_proto_recv(p, sb, sizeof sb), -1);
	proto_end(p);
}

static void terminal_types(void **state)
{
	(void)state;
	static const struct {
		const char *name;
		bool ok;
		uint16_t type;
		uint8_t model;
		bool ext, dynamic;
	} cases[] = {
	    {"IBM-3278-2", true, 0x3278, 2, false, false},
	    {"IBM-3278-5-E", true, 0x3278, 5, true, false},
	    {"ibm-3279-3-e@00C0", true, 0x3279, 3, true, false},
	    {"IBM-3277-2", true, 0x3277, 2, false, false},
	    {"IBM-3278-4@GRP", true, 0x3278, 4, false, false},
	    {"IBM-DYNAMIC", true, 0, 2, true, true},
	    {"IBM-3277-3", false, 0, 0, false, false},
	    {"IBM-3278-6", false, 0, 0, false, false},
	    {"IBM-3278-1", false, 0, 0, false, false},
	    {"IBM-3278-2-X", false, 0, 0, false, false},
	    {"IBM-3287-1", false, 0, 0, false, false},
	    {"IBM-3278", false, 0, 0, false, false},
	    {"ansi", false, 0, 0, false, false},
	    {"", false, 0, 0, false, false},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tn_term t = {0};
		assert_int_equal(tn_ttype_parse(cases[k].name, &t), cases[k].ok);
		if (!cases[k].ok)
			continue;
		assert_int_equal(t.type, cases[k].type);
		assert_int_equal(t.model, cases[k].model);
		assert_int_equal(t.ext, cases[k].ext);
		assert_int_equal(t.dynamic, cases[k].dynamic);
	}
}

static void addresses_and_records(void **state)
{
	(void)state;
	/* GA23-0059 12-bit addresses: row 1 col 1 = 0 -> 40 40; 80 -> C1 50;
	 * 1919 (last of 24x80) -> 5D 7F; 14-bit 0x0F00 -> 0F 00 */
	static const struct {
		unsigned a;
		uint8_t b[2];
	} addrs[] = {{0, {0x40, 0x40}},   {1, {0x40, 0xC1}},    {80, {0xC1, 0x50}},
	             {327, {0xC5, 0xC7}}, {1919, {0x5D, 0x7F}}, {4095, {0x7F, 0x7F}}};
	for (size_t k = 0; k < sizeof addrs / sizeof addrs[0]; k++) {
		uint8_t b[2];
		tn_encode_addr(addrs[k].a, b);
		assert_memory_equal(b, addrs[k].b, 2);
		assert_int_equal(tn_decode_addr(b), addrs[k].a);
	}
	assert_int_equal(tn_decode_addr((const uint8_t *)"\x0f\x00"), 0x0F00);
	uint8_t out[16];
	assert_int_equal(tn_encode_record(TN_CMD_EAU, NULL, 0, out), 3);
	assert_memory_equal(out, "\x6f\xff\xef", 3);
	assert_int_equal(tn_encode_record(-1, (const uint8_t *)"\xff", 1, out), 4);
	assert_memory_equal(out, "\xff\xff\xff\xef", 4);
}

/* ---- a 3270 on a real listener ---- */

#define SIO "9C00 00C0"
#define TIO "9D00 00C0"

static int client_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* Read until the bytes so far end with want (n bytes); return the length. */
static size_t client_until(int fd, const char *want, size_t n, uint8_t *got, size_t max)
{
	size_t len = 0;
	for (int tries = 0; tries < 200; tries++) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		if (poll(&pf, 1, 20) > 0) {
			ssize_t r = read(fd, got + len, max - len);
			assert_true(r > 0);
			len += (size_t)r;
		}
		if (len >= n && !memcmp(got + len - n, want, n))
			return len;
	}
	fail_msg("client got %zu bytes, not ending as expected", len);
	return 0;
}

/* Exactly these bytes arrive. */
static void client_expect(int fd, const char *want, size_t n)
{
	uint8_t got[4096];
	size_t len = client_until(fd, want, n, got, sizeof got);
	assert_int_equal(len, n);
	assert_memory_equal(got, want, n);
}
#define EXPECT(fd, lit) client_expect(fd, lit, sizeof lit - 1)
#define SEND(fd, lit) assert_int_equal(write(fd, lit, sizeof lit - 1), (ssize_t)(sizeof lit - 1))

/* Nothing arrives within 100 ms. */
static void client_quiet(int fd)
{
	struct pollfd pf = {.fd = fd, .events = POLLIN};
	assert_int_equal(poll(&pf, 1, 100), 0);
}

/* The server closes the connection. */
static void client_closed(int fd)
{
	char x[256];
	struct pollfd pf = {.fd = fd, .events = POLLIN};
	for (int k = 0; k < 20; k++) {
		assert_int_equal(poll(&pf, 1, 2000), 1);
		ssize_t r = read(fd, x, sizeof x);
		if (r == 0)
			return;
		assert_true(r > 0);
	}
	fail_msg("the connection stays open");
}

/* A tn3270 client with terminal type ttype, up to 3270 mode; the
 * connection screen must name the device. */
static int client_3270(int port, const char *ttype, const char *devname, bool e)
{
	size_t n_lu = strlen(devname) - 4; /* the LU name: the device number at the end */
	int fd = client_connect(port);
	EXPECT(fd, "\xff\xfd\x18");
	SEND(fd, "\xff\xfb\x18");
	EXPECT(fd, "\xff\xfa\x18\x01\xff\xf0");
	char sb[80];
	int n = snprintf(sb, sizeof sb, "\xff\xfa\x18%c%s\xff\xf0", 0, ttype);
	assert_int_equal(write(fd, sb, (size_t)n), n);
	EXPECT(fd, "\xff\xfd\x28"); /* DO TN3270E */
	if (e) {
		SEND(fd, "\xff\xfb\x28");
		EXPECT(fd, "\xff\xfa\x28\x08\x02\xff\xf0"); /* SEND DEVICE-TYPE */
		n = snprintf(sb, sizeof sb, "\xff\xfa\x28\x02\x07%s\xff\xf0", ttype);
		assert_int_equal(write(fd, sb, (size_t)n), n);
		n = snprintf(sb, sizeof sb, "\xff\xfa\x28\x02\x04%s\x01%s\xff\xf0", ttype, devname + n_lu);
		client_expect(fd, sb, (size_t)n);
		SEND(fd, "\xff\xfa\x28\x03\x07\x02\x04\xff\xf0"); /* FUNCTIONS REQUEST RESPONSES SYSREQ */
		EXPECT(fd, "\xff\xfa\x28\x03\x07\x02\xff\xf0");   /* RESPONSES only */
		SEND(fd, "\xff\xfa\x28\x03\x04\xff\xf0");
	} else {
		SEND(fd, "\xff\xfc\x28"); /* WONT TN3270E: TN3270 */
		EXPECT(fd, ASKS);
		SEND(fd, GRANTS);
	}
	uint8_t raw[1024], *scr = raw;
	size_t len = client_until(fd, "\xff\xef", 2, raw, sizeof raw);
	if (e) { /* the TN3270E header: 3270-DATA, no response, sequence 0 */
		assert_memory_equal(raw, "\0\0\0\0\0", 5);
		scr += 5;
		len -= 5;
	}
	/* Erase/Write, WCC, SBA row 1 column 2, then the text in EBCDIC 037 */
	assert_memory_equal(scr, "\xf5\xc1\x11\x40\xc1", 5);
	char want[80];
	snprintf(want, sizeof want, "s370: connected to %s", devname);
	uint8_t ebc[80];
	size_t el = codepage_from_utf8(codepage_find("037"), want, ebc, sizeof ebc);
	assert_true(len > 5 + el);
	assert_memory_equal(scr + 5, ebc, el);
	return fd;
}

/* Run posted work until TIO finds status (CC 1), or give up. */
static int wait_status(struct ctm *m)
{
	int cc = 0;
	for (int tries = 0; tries < 200; tries++) {
		ctm_service(m);
		cc = io_insn(m, TIO);
		if (cc == 1 || cc == 3)
			return cc;
		usleep(10000);
	}
	return cc;
}

static struct tel_server *setup(struct ctm **mp)
{
	struct ctm *m = ctm_new();
	char err[160];
	assert_int_equal(chan_attach(m->cs, 0x0C0, "3270", 0, NULL, err, sizeof err), 0);
	assert_int_equal(chan_attach(m->cs, 0x009, "3215", 0, NULL, err, sizeof err), 0);
	assert_true(tel_have_devices(m->cs));
	struct tel_server *s = tel_server_start(m->cs, "127.0.0.1", 0, err, sizeof err);
	assert_non_null(s);
	put_caw(m, 0, 0x200);
	*mp = m;
	return s;
}

/* Run the one-CCW program at 0x200 to its end; the CSW. */
static const char *run_ccw(struct ctm *m, uint8_t cmd, uint32_t data, uint8_t flags, uint16_t count)
{
	put_ccw(m, 0x200, cmd, data, flags, count);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(wait_status(m), 1);
	return csw_text(m);
}

static void sense_is(struct ctm *m, uint8_t want)
{
	assert_string_equal(run_ccw(m, 0x04, 0x500, 0, 1), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x500), want);
}

static void display_over_tn3270(void **state)
{
	(void)state;
	struct ctm *m;
	struct tel_server *s = setup(&m);

	/* Sense ID without a client: 3274-1D, 3278 model 2 */
	assert_string_equal(run_ccw(m, 0xE4, 0x500, 0, 7), "00000208 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x500), "\xff\x32\x74\x1d\x32\x78\x02", 7);
	/* no client: powered off, the command not executed */
	uint8_t *out = tm_mem(m->t, 0x400);
	memcpy(out, "\xc3\x11\x40\x40\xff\xc1", 6); /* WCC, SBA 0, X'FF', A */
	put_ccw(m, 0x200, 0x05, 0x400, 0, 6);
	assert_int_equal(io_insn(m, SIO), 1);
	assert_memory_equal(csw_text(m) + 9, "0200", 4);
	sense_is(m, SNS0_INTREQ);

	/* a client: connection screen, then device end */
	int fd = client_3270(tel_server_port(s), "IBM-3278-4-E", "3270 display device 00C0", false);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	/* its model is the Sense ID model now */
	assert_string_equal(run_ccw(m, 0xE4, 0x500, 0, 7), "00000208 0C00 0000");
	assert_memory_equal(tm_mem(m->t, 0x500), "\xff\x32\x74\x1d\x32\x78\x04", 7);

	/* each write command: its TN3270 command code and the data, IAC doubled */
	static const struct {
		uint8_t ccw;
		const char *rec;
	} writes[] = {
	    {0x01, "\xf1\xc3\x11\x40\x40\xff\xff\xc1\xff\xef"},
	    {0x05, "\xf5\xc3\x11\x40\x40\xff\xff\xc1\xff\xef"},
	    {0x0D, "\x7e\xc3\x11\x40\x40\xff\xff\xc1\xff\xef"},
	    {0x11, "\xf3\xc3\x11\x40\x40\xff\xff\xc1\xff\xef"},
	};
	for (size_t k = 0; k < 4; k++) {
		assert_string_equal(run_ccw(m, writes[k].ccw, 0x400, 0, 6), "00000208 0C00 0000");
		client_expect(fd, writes[k].rec, 10);
	}
	/* data chaining: one record */
	put_ccw(m, 0x200, 0x05, 0x400, CCW_CD, 2);
	put_ccw(m, 0x208, 0x00, 0x404, 0, 2);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000210 0C00 0000");
	EXPECT(fd, "\xf5\xc3\x11\xff\xff\xc1\xff\xef");
	/* Erase All Unprotected: no data; NOP and Select: nothing sent */
	assert_string_equal(run_ccw(m, 0x0F, 0x400, CCW_SLI, 1), "00000208 0C00 0001");
	EXPECT(fd, "\x6f\xff\xef");
	assert_string_equal(run_ccw(m, 0x03, 0x400, 0, 1), "00000208 0C00 0001");
	assert_string_equal(run_ccw(m, 0x0B, 0x400, 0, 1), "00000208 0C00 0001");
	client_quiet(fd);
	/* an unknown command: command reject */
	assert_string_equal(run_ccw(m, 0x09, 0x400, 0, 1), "00000208 0E00 0001");
	sense_is(m, SNS0_CMDREJ);

	/* Read Buffer asks the client; its answer is the data */
	put_ccw(m, 0x200, 0x02, 0x600, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "\xf2\xff\xef");
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 2); /* still working */
	SEND(fd, "\x60\x40\x40\xc1\xff\xff\xff\xef");
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 000B");
	assert_memory_equal(tm_mem(m->t, 0x600), "\x60\x40\x40\xc1\xff", 5);

	/* an AID with no Read: attention; Read Modified takes it at once */
	SEND(fd, "\x7d\x40\xc1\x11\x40\xc1\xc8\xc9\xff\xef");
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	assert_string_equal(run_ccw(m, 0x06, 0x600, CCW_SLI, 16), "00000208 0C00 0008");
	assert_memory_equal(tm_mem(m->t, 0x600), "\x7d\x40\xc1\x11\x40\xc1\xc8\xc9", 8);
	client_quiet(fd); /* the client was not asked */
	/* a longer answer than the count, without SLI: incorrect length */
	SEND(fd, "\x6c\xff\xef"); /* PA1: a short read */
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	assert_string_equal(run_ccw(m, 0x06, 0x600, 0, 4), "00000208 0C40 0003");
	assert_int_equal(*tm_mem(m->t, 0x600), TN_AID_PA1);

	/* Read Modified with nothing kept asks the client */
	put_ccw(m, 0x200, 0x06, 0x600, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "\xf6\xff\xef");
	SEND(fd, "\x60\x40\x40\xff\xef");
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 000D");

	/* a no-AID record with no Read: no attention */
	SEND(fd, "\x60\x40\x40\xff\xef");
	usleep(50000);
	ctm_service(m);
	assert_int_equal(io_insn(m, TIO), 0);
	/* Erase/Write discards a kept AID: the next Read Modified asks */
	SEND(fd, "\xf1\x40\x40\xff\xef"); /* PF1 */
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	assert_string_equal(run_ccw(m, 0x05, 0x400, 0, 1), "00000208 0C00 0000");
	EXPECT(fd, "\xf5\xc3\xff\xef");
	put_ccw(m, 0x200, 0x06, 0x600, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "\xf6\xff\xef");

	/* the client goes during the Read: CE DE UC, intervention required */
	close(fd);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0010");
	sense_is(m, SNS0_INTREQ);
	put_ccw(m, 0x200, 0x03, 0x400, 0, 1); /* even a NOP: not ready */
	assert_int_equal(io_insn(m, SIO), 1);
	assert_memory_equal(csw_text(m) + 9, "0200", 4);

	/* a new client takes the device over: device end again */
	fd = client_3270(tel_server_port(s), "IBM-3278-2@00C0", "3270 display device 00C0", false);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_string_equal(run_ccw(m, 0x01, 0x400, 0, 1), "00000208 0C00 0000");
	EXPECT(fd, "\xf1\xc3\xff\xef");
	close(fd);
	usleep(50000);
	ctm_service(m);

	/* a TN3270E client: the records carry the header, both ways */
	fd = client_3270(tel_server_port(s), "IBM-3278-2-E", "3270 display device 00C0", true);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	assert_string_equal(run_ccw(m, 0x01, 0x400, 0, 1), "00000208 0C00 0000");
	EXPECT(fd, "\0\0\0\0\0\xf1\xc3\xff\xef");
	SEND(fd, "\0\0\0\0\0\x7d\x40\x40\xff\xef");
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	assert_string_equal(run_ccw(m, 0x06, 0x600, CCW_SLI, 16), "00000208 0C00 000D");
	assert_memory_equal(tm_mem(m->t, 0x600), "\x7d\x40\x40", 3);
	close(fd);

	tel_server_stop(s);
	ctm_free(m);
}

static void one_port_for_both(void **state)
{
	(void)state;
	struct ctm *m;
	struct tel_server *s = setup(&m);
	int port = tel_server_port(s);
	/* a line-mode client gets the 3215 */
	int a = client_connect(port);
	EXPECT(a, "\xff\xfd\x18");
	SEND(a, "\xff\xfc\x18");
	EXPECT(a, "s370: connected to 3215 console device 0009\r\n");
	/* a 3270 client gets the 3270 */
	int b = client_3270(port, "IBM-3279-2", "3270 display device 00C0", false);
	/* another 3270 client: none free, told in plain text */
	int c = client_connect(port);
	EXPECT(c, "\xff\xfd\x18");
	SEND(c, "\xff\xfb\x18");
	EXPECT(c, "\xff\xfa\x18\x01\xff\xf0");
	SEND(c, "\xff\xfa\x18\x00IBM-3278-2\xff\xf0");
	EXPECT(c, "s370: no 3270 display device is free for you; connection closed\r\n");
	client_closed(c);
	close(c);
	/* a 3287 printer or another IBM-3 type: not supported */
	c = client_connect(port);
	EXPECT(c, "\xff\xfd\x18");
	SEND(c, "\xff\xfb\x18");
	EXPECT(c, "\xff\xfa\x18\x01\xff\xf0");
	SEND(c, "\xff\xfa\x18\x00IBM-3287-1\xff\xf0");
	EXPECT(c, "s370: terminal type not supported (expected IBM-3277-2, IBM-3278-2..5, "
	          "IBM-3279-2..5 or IBM-DYNAMIC); connection closed\r\n");
	client_closed(c);
	close(c);
	/* a client that refuses BINARY: told so, the device stays free */
	close(b);
	usleep(50000);
	c = client_connect(port);
	EXPECT(c, "\xff\xfd\x18");
	SEND(c, "\xff\xfb\x18");
	EXPECT(c, "\xff\xfa\x18\x01\xff\xf0");
	SEND(c, "\xff\xfa\x18\x00IBM-3278-2@00C0\xff\xf0");
	EXPECT(c, "\xff\xfd\x28");
	SEND(c, "\xff\xfc\x28");
	EXPECT(c, ASKS);
	SEND(c, "\xff\xfb\x19\xff\xfc\x00");
	EXPECT(c, "s370: a 3270 session needs BINARY and END-OF-RECORD; connection closed\r\n");
	client_closed(c);
	close(c);
	/* malformed input in 3270 mode closes that session only */
	b = client_3270(port, "IBM-3278-2", "3270 display device 00C0", false);
	SEND(b, "\xff\xfa\x18\x00"
	        "ab\xff\xf1");
	client_closed(b);
	close(b);
	b = client_3270(port, "IBM-3278-2", "3270 display device 00C0", false);
	close(b);
	/* the line-mode client still works */
	ctm_service(m);
	put_caw(m, 0, 0x200);
	uint8_t *out = tm_mem(m->t, 0x400);
	out[0] = 0xC1;
	put_ccw(m, 0x200, 0x09, 0x400, 0, 1);
	assert_int_equal(io_insn(m, "9D00 0009"), 1); /* its device end of connection */
	assert_int_equal(io_insn(m, "9C00 0009"), 0);
	EXPECT(a, "A\r\n");
	close(a);
	tel_server_stop(s);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(negotiation),
	    cmocka_unit_test(tn3270e_negotiation),
	    cmocka_unit_test(records),
	    cmocka_unit_test(terminal_types),
	    cmocka_unit_test(addresses_and_records),
	    cmocka_unit_test(display_over_tn3270),
	    cmocka_unit_test(one_port_for_both),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
