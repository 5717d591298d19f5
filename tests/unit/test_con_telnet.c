/* test_con_telnet.c — telnet consoles: the protocol layer fed byte by byte
 * (RFC 854 line ends and editing, RFC 855 refusals, RFC 1091 terminal type,
 * malformed input), then a 3215 on a real listener driven by channel
 * programs and a socket client (not ready without a client, device end on
 * connection, write and read in both code pages, a Read ended by the
 * client's going). */
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "chantest.h"
#include "con_telnet.h"

/* ---- the protocol layer ---- */

struct cap {
	char sent[8192];
	size_t nsent;
	char lines[16][TEL_LINE_MAX];
	size_t lens[16];
	int nlines;
	int requests;
	char ttype[TEL_TTYPE_MAX];
	int nttype;
};

static void cap_send(void *ctx, const char *buf, size_t n)
{
	struct cap *c = ctx;
	assert_true(c->nsent + n <= sizeof c->sent);
	memcpy(c->sent + c->nsent, buf, n);
	c->nsent += n;
}

static void cap_line(void *ctx, const char *text, size_t n)
{
	struct cap *c = ctx;
	assert_true(c->nlines < 16);
	memcpy(c->lines[c->nlines], text, n + 1);
	c->lens[c->nlines++] = n;
}

static void cap_request(void *ctx)
{
	((struct cap *)ctx)->requests++;
}

static void cap_ttype(void *ctx, const char *name)
{
	struct cap *c = ctx;
	snprintf(c->ttype, sizeof c->ttype, "%s", name);
	c->nttype++;
}

static const struct tel_proto_cb cap_cb = {
    .send = cap_send, .line = cap_line, .request = cap_request, .ttype = cap_ttype};

static void proto_start(struct tel_proto *p, struct cap *c)
{
	memset(c, 0, sizeof *c);
	assert_int_equal(tel_proto_init(p, &cap_cb, c), 0);
	/* the only option the server asks for: IAC DO TERMINAL-TYPE */
	assert_int_equal(c->nsent, 3);
	assert_memory_equal(c->sent, "\xff\xfd\x18", 3);
	c->nsent = 0;
}

static void feed(struct tel_proto *p, const char *bytes, size_t n)
{
	assert_int_equal(tel_proto_recv(p, bytes, n), 0);
}
#define FEED(p, lit) feed(p, lit, sizeof lit - 1)

static void line_ends_and_editing(void **state)
{
	(void)state;
	static const struct {
		const char *in;
		size_t n;
		const char *lines[4];
	} cases[] = {
	    {"abc\r\n", 5, {"abc"}},                /* CR LF */
	    {"abc\r\0def\r\n", 10, {"abc", "def"}}, /* CR NUL */
	    {"abc\ndef\n", 8, {"abc", "def"}},      /* bare LF */
	    {"abc\rdef\r", 8, {"abc", "def"}},      /* bare CR */
	    {"\r\n\r\n", 4, {"", ""}},              /* Enter with no data */
	    {"abx\bc\r\n", 7, {"abc"}},             /* BS */
	    {"abxy\x7f\x7f"
	     "c\r\n",
	     9,
	     {"abc"}},                 /* DEL */
	    {"\b\bab\r\n", 6, {"ab"}}, /* BS on an empty line */
	    {"a\x01"
	     "b\x1b"
	     "c\td\r\n",
	     9,
	     {"abc\td"}}, /* controls dropped, tab kept */
	    {"abx\xff\xf7"
	     "c\r\n",
	     8,
	     {"abc"}}, /* IAC EC */
	    {"junk\xff\xf8"
	     "abc\r\n",
	     11,
	     {"abc"}}, /* IAC EL */
	    {"a\xff\xff"
	     "b\r\n",
	     6,
	     {"a\xff"
	      "b"}}, /* IAC IAC is data */
	    {"a\xff\xf1"
	     "b\r\n",
	     6,
	     {"ab"}}, /* IAC NOP */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tel_proto p;
		struct cap c;
		proto_start(&p, &c);
		feed(&p, cases[k].in, cases[k].n);
		int want = 0;
		while (want < 4 && cases[k].lines[want])
			want++;
		assert_int_equal(c.nlines, want);
		for (int j = 0; j < want; j++)
			assert_string_equal(c.lines[j], cases[k].lines[j]);
		assert_int_equal(c.nsent, 0);
		tel_proto_free(&p);
	}
}

static void line_end_split_across_reads(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	proto_start(&p, &c);
	FEED(&p, "abc\r");
	assert_int_equal(c.nlines, 1);
	FEED(&p, "\n"); /* the LF of CR LF: no second, empty line */
	FEED(&p, "de");
	FEED(&p, "f\r");
	FEED(&p, "\0");
	FEED(&p, "g\xff");
	FEED(&p, "\xff\r\n"); /* IAC IAC split too */
	assert_int_equal(c.nlines, 3);
	assert_string_equal(c.lines[0], "abc");
	assert_string_equal(c.lines[1], "def");
	assert_string_equal(c.lines[2], "g\xff");
	tel_proto_free(&p);
}

static void long_line_is_cut(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	proto_start(&p, &c);
	char big[3000];
	memset(big, 'x', sizeof big);
	feed(&p, big, sizeof big);
	FEED(&p, "\r\nok\r\n");
	assert_int_equal(c.nlines, 2);
	assert_int_equal(c.lens[0], TEL_LINE_MAX - 1);
	assert_string_equal(c.lines[1], "ok");
	tel_proto_free(&p);
}

static void negotiation(void **state)
{
	(void)state;
	static const struct {
		const char *in, *out; /* 3 bytes each: what the client asks, the answer */
	} cases[] = {
	    {"\xff\xfd\x01", "\xff\xfc\x01"}, /* DO ECHO: WONT (the client echoes) */
	    {"\xff\xfb\x01", "\xff\xfe\x01"}, /* WILL ECHO: DONT */
	    {"\xff\xfd\x03", "\xff\xfc\x03"}, /* DO SUPPRESS-GO-AHEAD: WONT (line mode) */
	    {"\xff\xfb\x03", "\xff\xfe\x03"}, /* WILL SGA: DONT */
	    {"\xff\xfd\x00", "\xff\xfc\x00"}, /* DO BINARY: WONT */
	    {"\xff\xfb\x00", "\xff\xfe\x00"}, /* WILL BINARY: DONT */
	    {"\xff\xfb\x19", "\xff\xfe\x19"}, /* WILL END-OF-RECORD: DONT (no 3270) */
	    {"\xff\xfb\x1f", "\xff\xfe\x1f"}, /* WILL NAWS: DONT */
	    {"\xff\xfb\x22", "\xff\xfe\x22"}, /* WILL LINEMODE: DONT */
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		struct tel_proto p;
		struct cap c;
		proto_start(&p, &c);
		feed(&p, cases[k].in, 3);
		assert_int_equal(c.nsent, 3);
		assert_memory_equal(c.sent, cases[k].out, 3);
		/* a DONT/WONT for an option already off is not answered */
		c.nsent = 0;
		char off[3] = {(char)0xff, cases[k].in[1] == (char)0xfd ? (char)0xfe : (char)0xfc,
		               cases[k].in[2]};
		feed(&p, off, 3);
		assert_int_equal(c.nsent, 0);
		assert_int_equal(c.nttype, 0);
		tel_proto_free(&p);
	}
}

static void terminal_type(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	/* WILL TTYPE: the server asks SEND, the client says IS name */
	proto_start(&p, &c);
	FEED(&p, "\xff\xfb\x18");
	assert_int_equal(c.nsent, 6);
	assert_memory_equal(c.sent, "\xff\xfa\x18\x01\xff\xf0", 6);
	assert_int_equal(c.nttype, 0);
	FEED(&p, "\xff\xfa\x18\x00"
	         "ansi@0009\xff\xf0"
	         "hi\r\n");
	assert_int_equal(c.nttype, 1);
	assert_string_equal(c.ttype, "ansi@0009");
	assert_int_equal(c.nlines, 1);
	assert_string_equal(c.lines[0], "hi");
	tel_proto_free(&p);
	/* WONT TTYPE: settled with no name */
	proto_start(&p, &c);
	FEED(&p, "\xff\xfc\x18");
	assert_int_equal(c.nttype, 1);
	assert_string_equal(c.ttype, "");
	assert_int_equal(c.nsent, 0);
	tel_proto_free(&p);
	/* no answer at all: the listener's time-out settles it once */
	proto_start(&p, &c);
	tel_proto_ttype_timeout(&p);
	FEED(&p, "\xff\xfc\x18");
	assert_int_equal(c.nttype, 1);
	assert_string_equal(c.ttype, "");
	tel_proto_free(&p);
}

static void request_key_and_ayt(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	proto_start(&p, &c);
	FEED(&p, "\xff\xf3"); /* BREAK */
	FEED(&p, "ab\xff\xf4"
	         "c"); /* IP in the middle of a line keeps the line */
	assert_int_equal(c.requests, 2);
	assert_int_equal(c.nsent, 0);
	FEED(&p, "\xff\xf6"); /* AYT */
	assert_int_equal(c.nsent, 15);
	assert_memory_equal(c.sent, "\r\n[s370: yes]\r\n", 15);
	FEED(&p, "\r\n");
	assert_string_equal(c.lines[0], "abc");
	tel_proto_free(&p);
}

static void output_text(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	proto_start(&p, &c);
	tel_proto_text(&p,
	               "A\nB\xff"
	               "C\n",
	               6);
	assert_int_equal(c.nsent, 9);
	assert_memory_equal(c.sent,
	                    "A\r\nB\xff\xff"
	                    "C\r\n",
	                    9);
	tel_proto_free(&p);
}

static void malformed_input(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	/* a subnegotiation that never ends */
	proto_start(&p, &c);
	char sb[20000];
	memset(sb, 'x', sizeof sb);
	memcpy(sb, "\xff\xfa\x18\x00", 4);
	assert_int_equal(tel_proto_recv(&p, sb, sizeof sb), -1);
	assert_int_equal(tel_proto_recv(&p, "ok\r\n", 4), -1); /* stays closed */
	assert_int_equal(c.nlines, 0);
	tel_proto_free(&p);
	/* IAC followed by a command inside a subnegotiation */
	proto_start(&p, &c);
	assert_int_equal(tel_proto_recv(&p,
	                                "\xff\xfa\x18\x00"
	                                "ab\xff\xf1",
	                                8),
	                 -1);
	tel_proto_free(&p);
}

static void bind_operands(void **state)
{
	(void)state;
	static const struct {
		const char *argv[4];
		int rc;
		const char *group;
		bool has_ip;
	} cases[] = {
	    {{NULL}, 0, "", false},
	    {{"GRP1"}, 0, "GRP1", false},
	    {{"*"}, 0, "", false},
	    {{"*", "10.1.2.3"}, 0, "", true},
	    {{"10.1.2.3", "255.255.0.0"}, 0, "", true},
	    {{"G", "10.1.2.3", "255.0.0.0"}, 0, "G", true},
	    {{"1GRP"}, -1, "", false},
	    {{"TOOLONGNAME"}, -1, "", false},
	    {{"G", "10.1.2"}, -1, "", false},
	    {{"G", "10.1.2.3", "bad"}, -1, "", false},
	    {{"G", "10.1.2.3", "255.0.0.0", "x"}, -1, "", false},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int argc = 0;
		while (argc < 4 && cases[k].argv[argc])
			argc++;
		struct tel_bind b;
		char err[160];
		assert_int_equal(tel_parse_bind(&b, argc, (char **)cases[k].argv, err, sizeof err),
		                 cases[k].rc);
		if (!cases[k].rc) {
			assert_string_equal(b.group, cases[k].group);
			assert_int_equal(b.has_ip, cases[k].has_ip);
		}
	}
}

/* ---- a 3215 on a real listener ---- */

#define SIO "9C00 0009"
#define TIO "9D00 0009"
#include "telclient.h"

static struct tel_server *tel_setup(struct ctm **mp, const char *cp)
{
	struct ctm *m = ctm_new();
	char err[160];
	assert_int_equal(chan_set_codepage(m->cs, cp, err, sizeof err), 0);
	assert_int_equal(chan_attach(m->cs, 0x009, "3215", 0, NULL, err, sizeof err), 0);
	assert_true(tel_have_devices(m->cs));
	struct tel_server *s = tel_server_start(m->cs, "127.0.0.1", 0, err, sizeof err);
	assert_non_null(s);
	put_caw(m, 0, 0x200);
	*mp = m;
	return s;
}

static void sense_is(struct ctm *m, uint8_t want)
{
	put_ccw(m, 0x208, 0x04, 0x500, 0, 1);
	put_caw(m, 0, 0x208);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_int_equal(*tm_mem(m->t, 0x500), want);
	put_caw(m, 0, 0x200);
}

static void console_over_telnet(void **state)
{
	(void)state;
	static const struct {
		const char *cp;
		uint8_t lb, rb; /* '[' and ']' in EBCDIC */
	} pages[] = {{"037", 0xBA, 0xBB}, {"1047", 0xAD, 0xBD}};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m;
		struct tel_server *s = tel_setup(&m, pages[k].cp);

		/* no client: not ready, the Write not executed (initial status) */
		uint8_t *out = tm_mem(m->t, 0x400);
		out[0] = pages[k].lb, out[1] = 0xC1, out[2] = pages[k].rb; /* [A] */
		put_ccw(m, 0x200, 0x09, 0x400, 0, 3);
		assert_int_equal(io_insn(m, SIO), 1);
		assert_memory_equal(csw_text(m) + 9, "0200", 4); /* unit check alone */
		sense_is(m, SNS0_INTREQ);

		/* a client: the device becomes ready (device end) */
		int fd = client_connect(tel_server_port(s));
		EXPECT(fd, "\xff\xfd\x18");
		assert_int_equal(write(fd, "\xff\xfc\x18", 3), 3);
		EXPECT(fd, "s370: connected to 3215 console device 0009\r\n");
		assert_int_equal(wait_status(m), 1);
		assert_string_equal(csw_text(m), "00000000 0400 0000");

		/* Write: EBCDIC in the code page to the client, with CR LF */
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		assert_string_equal(csw_text(m), "00000208 0C00 0000");
		EXPECT(fd, "[A]\r\n");
		put_ccw(m, 0x200, 0x01, 0x400, 0, 1); /* no carrier return */
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		EXPECT(fd, "[");
		put_ccw(m, 0x200, 0x0B, 0x400, 0, 1); /* audible alarm: BEL */
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		EXPECT(fd, "\a");

		/* Read: the prompt, then the client's line into storage */
		put_ccw(m, 0x200, 0x0A, 0x600, CCW_SLI, 16);
		assert_int_equal(io_insn(m, SIO), 0);
		EXPECT(fd, "Enter input for console device 0009\r\n");
		assert_int_equal(write(fd, "[b]\r\n", 5), 5);
		assert_int_equal(wait_status(m), 1);
		assert_string_equal(csw_text(m), "00000208 0C00 000D");
		assert_memory_equal(tm_mem(m->t, 0x600), ((uint8_t[]){pages[k].lb, 0x82, pages[k].rb}), 3);

		/* a line with no Read: attention; the next Read takes it at once */
		assert_int_equal(write(fd, "x\r\n", 3), 3);
		assert_int_equal(wait_status(m), 1);
		assert_string_equal(csw_text(m), "00000000 8000 0000");
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		assert_string_equal(csw_text(m), "00000208 0C00 000F");
		assert_int_equal(*tm_mem(m->t, 0x600), 0xA7);

		/* the client goes during a Read: CE DE UC, intervention required */
		assert_int_equal(io_insn(m, SIO), 0);
		EXPECT(fd, "Enter input for console device 0009\r\n");
		close(fd);
		assert_int_equal(wait_status(m), 1);
		assert_string_equal(csw_text(m), "00000208 0E00 0010");
		sense_is(m, SNS0_INTREQ);
		put_ccw(m, 0x200, 0x03, 0x400, 0, 1); /* even a NOP: not ready */
		assert_int_equal(io_insn(m, SIO), 1);
		assert_memory_equal(csw_text(m) + 9, "0200", 4);

		tel_server_stop(s);
		ctm_free(m);
	}
}

static void no_free_device_and_takeover(void **state)
{
	(void)state;
	struct ctm *m;
	struct tel_server *s = tel_setup(&m, "037");
	int a = client_connect(tel_server_port(s));
	EXPECT(a, "\xff\xfd\x18");
	assert_int_equal(write(a, "\xff\xfc\x18", 3), 3);
	EXPECT(a, "s370: connected to 3215 console device 0009\r\n");
	/* a second client: refused, closed */
	int b = client_connect(tel_server_port(s));
	EXPECT(b, "\xff\xfd\x18");
	assert_int_equal(write(b, "\xff\xfc\x18", 3), 3);
	EXPECT(b, "s370: no 3215 or 1052 console device is free for you; connection closed\r\n");
	char x;
	struct pollfd pf = {.fd = b, .events = POLLIN};
	assert_int_equal(poll(&pf, 1, 2000), 1);
	assert_int_equal(read(b, &x, 1), 0);
	close(b);
	/* a tn3270 client: turned away */
	int t = client_connect(tel_server_port(s));
	EXPECT(t, "\xff\xfd\x18");
	assert_int_equal(write(t, "\xff\xfb\x18", 3), 3);
	EXPECT(t, "\xff\xfa\x18\x01\xff\xf0");
	assert_int_equal(write(t, "\xff\xfa\x18\x00IBM-3278-2\xff\xf0", 16), 16);
	EXPECT(t, "s370: this port serves 3215 and 1052 line-mode consoles, not 3270 terminals\r\n");
	close(t);
	/* a terminal type naming a group the device is not in: refused */
	int g = client_connect(tel_server_port(s));
	EXPECT(g, "\xff\xfd\x18");
	close(a); /* the device is free now */
	assert_int_equal(write(g, "\xff\xfb\x18", 3), 3);
	EXPECT(g, "\xff\xfa\x18\x01\xff\xf0");
	assert_int_equal(write(g, "\xff\xfa\x18\x00vt100@OTHER\xff\xf0", 17), 17);
	EXPECT(g, "s370: no 3215 or 1052 console device is free for you; connection closed\r\n");
	close(g);
	/* malformed telnet closes that session; the next client gets the device */
	int bad = client_connect(tel_server_port(s));
	EXPECT(bad, "\xff\xfd\x18");
	assert_int_equal(write(bad, "\xff\xfc\x18", 3), 3);
	EXPECT(bad, "s370: connected to 3215 console device 0009\r\n");
	assert_int_equal(write(bad,
	                       "\xff\xfa\x18\x00"
	                       "ab\xff\xf1",
	                       8),
	                 8);
	pf.fd = bad;
	assert_int_equal(poll(&pf, 1, 2000), 1);
	assert_int_equal(read(bad, &x, 1), 0);
	close(bad);
	int c = client_connect(tel_server_port(s));
	EXPECT(c, "\xff\xfd\x18");
	assert_int_equal(write(c, "\xff\xfc\x18", 3), 3);
	EXPECT(c, "s370: connected to 3215 console device 0009\r\n");
	/* detach: the session ends */
	ctm_service(m);
	char err[100];
	assert_int_equal(chan_detach(m->cs, 0x009, err, sizeof err), 0);
	pf.fd = c;
	assert_int_equal(poll(&pf, 1, 2000), 1);
	assert_int_equal(read(c, &x, 1), 0);
	close(c);
	assert_false(tel_have_devices(m->cs));
	tel_server_stop(s);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(line_ends_and_editing),
	    cmocka_unit_test(line_end_split_across_reads),
	    cmocka_unit_test(long_line_is_cut),
	    cmocka_unit_test(negotiation),
	    cmocka_unit_test(terminal_type),
	    cmocka_unit_test(request_key_and_ayt),
	    cmocka_unit_test(output_text),
	    cmocka_unit_test(malformed_input),
	    cmocka_unit_test(bind_operands),
	    cmocka_unit_test(console_over_telnet),
	    cmocka_unit_test(no_free_device_and_takeover),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
