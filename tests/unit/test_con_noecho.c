/* test_con_noecho.c — Read, no echo (X'1A'), s370's extension of the 3215
 * for a line that must not show (devices/con3215.c, docs/devices.md):
 *   - the protocol layer: WILL ECHO for one line (RFC 857), the line end
 *     echoed and WONT ECHO when it is in; a refusal (DONT ECHO) reported
 *     and remembered; a client that never answers is left to echo;
 *   - the integrated 3215-C and 1052-C reject it (command reject), as a
 *     real 3215 rejects an unassigned command;
 *   - a telnet 3215 driven by channel programs and a socket client: the
 *     Read waits without the "Enter input" prompt, the client is offered
 *     ECHO, the line is stored and not sent back; a refusal ends the Read
 *     with unit check, command reject, and the next X'1A' is rejected at
 *     once; a line typed before the Read is taken at once.
 */
#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include "chantest.h"
#include "con_telnet.h"

/* ---- the protocol layer ---- */

struct cap {
	char sent[1024];
	size_t nsent;
	char line[TEL_LINE_MAX];
	int nlines, noecho;
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
	memcpy(c->line, text, n + 1);
	c->nlines++;
}

static void cap_noecho(void *ctx)
{
	((struct cap *)ctx)->noecho++;
}

static const struct tel_proto_cb cap_cb = {.send = cap_send, .line = cap_line, .noecho = cap_noecho};

static void start(struct tel_proto *p, struct cap *c)
{
	memset(c, 0, sizeof *c);
	assert_int_equal(tel_proto_init(p, &cap_cb, c), 0);
	assert_int_equal(tel_proto_recv(p, "\xff\xfc\x18", 3), 0); /* WONT TERMINAL-TYPE */
	c->nsent = 0;
}

/* feed bytes; the server's answer must be exactly want */
static void exchange(struct tel_proto *p, struct cap *c, const char *in, size_t nin, const char *want,
                     size_t nwant)
{
	c->nsent = 0;
	assert_int_equal(tel_proto_recv(p, in, nin), 0);
	assert_int_equal(c->nsent, nwant);
	assert_memory_equal(c->sent, want, nwant);
}
#define EXCHANGE(p, c, in, want) exchange(p, c, in, sizeof in - 1, want, sizeof want - 1)

static void proto_hides_one_line(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	start(&p, &c);
	assert_true(tel_proto_conceal(&p, true));
	assert_int_equal(c.nsent, 3);
	assert_memory_equal(c.sent, "\xff\xfb\x01", 3);     /* WILL ECHO */
	EXCHANGE(&p, &c, "\xff\xfd\x01", "");               /* DO ECHO: agreed, no answer */
	EXCHANGE(&p, &c, "secret\r\n", "\r\n\xff\xfc\x01"); /* the line end, WONT ECHO */
	assert_int_equal(c.nlines, 1);
	assert_string_equal(c.line, "secret");
	EXCHANGE(&p, &c, "\xff\xfe\x01", "");             /* DONT ECHO: the answer, none */
	EXCHANGE(&p, &c, "next\r\n", "");                 /* not hidden: nothing echoed */
	EXCHANGE(&p, &c, "\xff\xfd\x01", "\xff\xfc\x01"); /* DO ECHO now: refused */
	/* a second hidden line: offered again */
	c.nsent = 0;
	assert_true(tel_proto_conceal(&p, true));
	assert_memory_equal(c.sent, "\xff\xfb\x01", 3);
	/* stopped before the line (the device's Read was halted): WONT at once once agreed */
	EXCHANGE(&p, &c, "\xff\xfd\x01", "");
	c.nsent = 0;
	assert_true(tel_proto_conceal(&p, false));
	assert_int_equal(c.nsent, 3);
	assert_memory_equal(c.sent, "\xff\xfc\x01", 3);
	assert_int_equal(c.noecho, 0);
	tel_proto_free(&p);
}

static void proto_refusal_and_silence(void **state)
{
	(void)state;
	struct tel_proto p;
	struct cap c;
	/* DONT ECHO: the refusal is reported, not answered, and no more offers */
	start(&p, &c);
	assert_true(tel_proto_conceal(&p, true));
	EXCHANGE(&p, &c, "\xff\xfe\x01", "");
	assert_int_equal(c.noecho, 1);
	EXCHANGE(&p, &c, "shown\r\n", ""); /* the client echoed it itself */
	c.nsent = 0;
	assert_false(tel_proto_conceal(&p, true));
	assert_int_equal(c.nsent, 0);
	tel_proto_free(&p);
	/* no answer at all: the line is not echoed, no WONT; a late DO is refused */
	start(&p, &c);
	assert_true(tel_proto_conceal(&p, true));
	EXCHANGE(&p, &c, "pw\r\n", "");
	assert_string_equal(c.line, "pw");
	EXCHANGE(&p, &c, "\xff\xfd\x01", "\xff\xfc\x01");
	EXCHANGE(&p, &c, "\xff\xfe\x01", ""); /* its answer to our WONT */
	assert_int_equal(c.noecho, 0);
	tel_proto_free(&p);
}

/* ---- the integrated console: command reject ---- */

#define SIO "9C00 0009"
#define TIO "9D00 0009"
#include "telclient.h"

static void sense_is(struct ctm *m, uint8_t want)
{
	put_ccw(m, 0x208, 0x04, 0x500, 0, 1);
	put_caw(m, 0, 0x208);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_int_equal(*tm_mem(m->t, 0x500), want);
	put_caw(m, 0, 0x200);
}

static void integrated_console_rejects(void **state)
{
	(void)state;
	static const char *const types[] = {"3215-C", "1052-C"};
	for (size_t k = 0; k < 2; k++) {
		struct ctm *m = ctm_new();
		char err[100];
		assert_int_equal(chan_attach(m->cs, 0x009, types[k], 0, NULL, err, sizeof err), 0);
		put_caw(m, 0, 0x200);
		put_ccw(m, 0x200, 0x1A, 0x400, CCW_SLI, 80);
		assert_int_equal(io_insn(m, SIO), 0);
		assert_int_equal(io_insn(m, TIO), 1);
		assert_string_equal(csw_text(m), "00000208 0E00 0050"); /* CE DE UC, nothing read */
		sense_is(m, SNS0_CMDREJ);
		ctm_free(m);
	}
}

/* ---- a telnet 3215 ---- */

/* Nothing more arrives for the client within a fifth of a second. */
static void client_quiet(int fd)
{
	struct pollfd pf = {.fd = fd, .events = POLLIN};
	assert_int_equal(poll(&pf, 1, 200), 0);
}

static void telnet_console_hides(void **state)
{
	(void)state;
	struct ctm *m = ctm_new();
	char err[160];
	assert_int_equal(chan_attach(m->cs, 0x009, "3215", 0, NULL, err, sizeof err), 0);
	struct tel_server *s = tel_server_start(m->cs, "127.0.0.1", 0, err, sizeof err);
	assert_non_null(s);
	put_caw(m, 0, 0x200);
	int fd = client_connect(tel_server_port(s));
	EXPECT(fd, "\xff\xfd\x18");
	assert_int_equal(write(fd, "\xff\xfc\x18", 3), 3);
	EXPECT(fd, "s370: connected to 3215 console device 0009\r\n");
	assert_int_equal(wait_status(m), 1); /* device end: switched on */

	/* the Read waits, no prompt; the client is offered ECHO */
	put_ccw(m, 0x200, 0x1A, 0x600, CCW_SLI, 16);
	memset(tm_mem(m->t, 0x600), 0, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "\xff\xfb\x01");
	assert_int_equal(io_insn(m, TIO), 2); /* still working */
	assert_int_equal(write(fd,
	                       "\xff\xfd\x01"
	                       "Pw1\r\n",
	                       8),
	                 8);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 000D");
	assert_memory_equal(tm_mem(m->t, 0x600), "\xD7\xA6\xF1", 3); /* "Pw1" in 037 */
	EXPECT(fd, "\r\n\xff\xfc\x01"); /* the line end, WONT ECHO: never the line */
	assert_int_equal(write(fd, "\xff\xfe\x01", 3), 3);

	/* a line typed before the Read: attention; X'1A' takes it at once */
	assert_int_equal(write(fd, "early\r\n", 7), 7);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 000B");
	client_quiet(fd); /* no offer: it has shown already */

	/* a client that refuses: the Read ends with command reject */
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "\xff\xfb\x01");
	assert_int_equal(write(fd, "\xff\xfe\x01", 3), 3);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0010");
	sense_is(m, SNS0_CMDREJ);
	/* ... and the next X'1A' at once, with nothing sent */
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(io_insn(m, TIO), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0010");
	sense_is(m, SNS0_CMDREJ);
	client_quiet(fd);
	/* Read inquiry still works, with its prompt */
	put_ccw(m, 0x200, 0x0A, 0x600, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "Enter input for console device 0009\r\n");
	assert_int_equal(write(fd, "x\r\n", 3), 3);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 000F");

	/* a new client: offered again; its going ends the Read as for X'0A' */
	close(fd);
	for (int k = 0; k < 20; k++) {
		ctm_service(m);
		usleep(10000);
	}
	fd = client_connect(tel_server_port(s));
	EXPECT(fd, "\xff\xfd\x18");
	assert_int_equal(write(fd, "\xff\xfc\x18", 3), 3);
	EXPECT(fd, "s370: connected to 3215 console device 0009\r\n");
	assert_int_equal(wait_status(m), 1);
	put_ccw(m, 0x200, 0x1A, 0x600, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	EXPECT(fd, "\xff\xfb\x01");
	close(fd);
	assert_int_equal(wait_status(m), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0010");
	sense_is(m, SNS0_INTREQ);

	tel_server_stop(s);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(proto_hides_one_line),
	    cmocka_unit_test(proto_refusal_and_silence),
	    cmocka_unit_test(integrated_console_rejects),
	    cmocka_unit_test(telnet_console_hides),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
