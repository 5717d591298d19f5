/* test_tn_session.c — the TN3270 server's sessions on a real listener,
 * with a 3270 at 00C0 driven by channel programs and socket clients playing
 * the tn3270 client: the idle timeout (TN3270IDLE: the operator told on the
 * screen, the connection closed, the display powered off for the program:
 * the next command not executed, unit check, intervention required), the
 * telnet probe (TN3270PROBE: IAC DO TIMING-MARK after a quiet second, an
 * answer keeps the session, none ends it, and a Read in progress then ends
 * with unit check), the session limit (TN3270MAX: the client over it told
 * in plain text; room again when one leaves), the connection screen from
 * a logo file (LOGOFILE), byte by byte, and IPv6 (a listener on "[::]",
 * the IP filter of the display statement for IPv6 and IPv4 clients). */
#include "tnclient.h"

#include "codepage.h"

#define SIO "9C00 00C0"
#define TIO "9D00 00C0"

static struct tel_server *setup(struct ctm **mp, const struct tel_opts *o)
{
	struct ctm *m = ctm_new();
	char err[200];
	assert_int_equal(chan_attach(m->cs, 0x0C0, "3270", 0, NULL, err, sizeof err), 0);
	struct tel_server *s = tel_server_start_opts(m->cs, o, err, sizeof err);
	if (!s)
		fail_msg("%s", err);
	put_caw(m, 0, 0x200);
	*mp = m;
	return s;
}

static struct tel_opts opts(void)
{
	struct tel_opts o;
	tel_opts_default(&o);
	o.port = 0; /* the system's choice */
	return o;
}

/* A client on 00C0 and the device end that makes the display ready. */
static int ready_client(struct ctm *m, struct tel_server *s)
{
	int fd = tnc_3270(tel_server_port(s), "IBM-3278-2");
	assert_int_equal(tnc_status(m, TIO, 4000), 1);
	assert_string_equal(csw_text(m), "00000000 0400 0000");
	return fd;
}

/* The display is powered off: a Write is not executed (CC 1, unit check
 * alone) and the sense is intervention required. */
static void powered_off(struct ctm *m)
{
	memcpy(tm_mem(m->t, 0x400), "\xc3", 1);
	put_ccw(m, 0x200, 0x01, 0x400, 0, 1);
	assert_int_equal(io_insn(m, SIO), 1);
	assert_memory_equal(csw_text(m) + 9, "0200", 4);
	put_ccw(m, 0x200, 0x04, 0x500, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	assert_string_equal(csw_text(m), "00000208 0C00 0000");
	assert_int_equal(*tm_mem(m->t, 0x500), SNS0_INTREQ);
}

static void idle_timeout(void **state)
{
	(void)state;
	struct tel_opts o = opts();
	o.idle_s = 1;
	struct ctm *m;
	struct tel_server *s = setup(&m, &o);
	int fd = ready_client(m, s);
	uint64_t t0 = tnc_ms();
	/* a write from the program keeps nobody alive: only the operator does */
	memcpy(tm_mem(m->t, 0x400), "\xc3", 1);
	put_ccw(m, 0x200, 0x01, 0x400, 0, 1);
	assert_int_equal(io_insn(m, SIO), 0);
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	TNC_EXPECT(fd, "\xf1\xc3\xff\xef");
	/* the operator's Enter: the idle clock starts again */
	usleep(600000);
	TNC_SEND(fd, "\x7d\x40\x40\xff\xef");
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	assert_string_equal(csw_text(m), "00000000 8000 0000");
	uint64_t t1 = tnc_ms();
	/* then nothing: Erase/Write of the message, and the end */
	uint8_t got[1024];
	size_t n = tnc_closed(fd, got, sizeof got, 4000);
	uint64_t t2 = tnc_ms();
	assert_true(t2 - t1 >= 900 && t2 - t0 >= 1500);
	const char *msg = "s370: session closed after 1 seconds without input";
	uint8_t ebc[80];
	size_t el = codepage_from_utf8(codepage_find("037"), msg, ebc, sizeof ebc);
	assert_int_equal(n, 5 + el + 2);
	assert_memory_equal(got, "\xf5\xc1\x11\x40\xc1", 5);
	assert_memory_equal(got + 5, ebc, el);
	assert_memory_equal(got + 5 + el, "\xff\xef", 2);
	close(fd);
	usleep(50000);
	ctm_service(m);
	powered_off(m);
	tel_server_stop(s);
	ctm_free(m);
}

static void probe(void **state)
{
	(void)state;
	struct tel_opts o = opts();
	o.probe_s = 1;
	struct ctm *m;
	struct tel_server *s = setup(&m, &o);
	int fd = ready_client(m, s);
	/* a quiet second: DO TIMING-MARK; the answer gets none */
	uint64_t t0 = tnc_ms();
	TNC_EXPECT(fd, "\xff\xfd\x06");
	assert_true(tnc_ms() - t0 >= 800);
	TNC_SEND(fd, "\xff\xfc\x06"); /* WONT TIMING-MARK is an answer too */
	tnc_quiet(fd, 700);
	/* a Read waits for the client, which no longer answers anything */
	put_ccw(m, 0x200, 0x02, 0x600, CCW_SLI, 16);
	assert_int_equal(io_insn(m, SIO), 0);
	uint8_t got[64];
	size_t n = tnc_closed(fd, got, sizeof got, 4000);
	assert_int_equal(n, 6);
	assert_memory_equal(got, "\xf2\xff\xef\xff\xfd\x06", 6); /* Read Buffer, the probe */
	close(fd);
	/* the Read ends with unit check: the display went off */
	assert_int_equal(tnc_status(m, TIO, 2000), 1);
	assert_string_equal(csw_text(m), "00000208 0E00 0010");
	powered_off(m);
	tel_server_stop(s);
	ctm_free(m);
}

static void session_limit(void **state)
{
	(void)state;
	struct tel_opts o = opts();
	o.max_sessions = 2;
	struct ctm *m;
	struct tel_server *s = setup(&m, &o);
	int a = ready_client(m, s);
	int b = tnc_connect(tel_server_port(s)); /* a line-mode client, waiting */
	TNC_EXPECT(b, "\xff\xfd\x18");
	assert_int_equal(tel_server_sessions(s), 2);
	int c = tnc_connect(tel_server_port(s));
	uint8_t got[128];
	size_t n = tnc_closed(c, got, sizeof got, 2000);
	static const char msg[] = "s370: too many sessions (at most 2); connection closed\r\n";
	assert_int_equal(n, sizeof msg - 1);
	assert_memory_equal(got, msg, n);
	close(c);
	/* one leaves: room for another */
	close(b);
	for (int k = 0; k < 100 && tel_server_sessions(s) != 1; k++)
		usleep(10000);
	assert_int_equal(tel_server_sessions(s), 1);
	c = tnc_connect(tel_server_port(s));
	TNC_EXPECT(c, "\xff\xfd\x18");
	close(c);
	close(a);
	tel_server_stop(s);
	ctm_free(m);
}

static void logo_file(void **state)
{
	(void)state;
	char path[] = "/tmp/tnlogoXXXXXX";
	int lfd = mkstemp(path);
	assert_true(lfd >= 0);
	static const char logo[] = "@ALIGN RIGHT\n"
	                           "$(CUU)\n"
	                           "@ALIGN NONE\n"
	                           "@SBA 2,5\n"
	                           "@SF P\n"
	                           "LU $(LUNAME)$(NO_SUCH_VARIABLE_HERE).\n"
	                           "@BOGUS\n";
	assert_int_equal(write(lfd, logo, sizeof logo - 1), (ssize_t)(sizeof logo - 1));
	close(lfd);
	struct tn_logo_vars v = {.cuu = "0C0", .ccuu = "00C0", .lu = "00C0", .devtype = "3270", .peer = "p"};
	uint8_t out[256];
	char err[200];
	size_t n = tn_logo(path, &v, out, sizeof out, err, sizeof err);
	/* WCC; SBA row 0 col 77, "0C0"; SBA row 2 col 5, SF protected; SBA
	 * row 2 col 6, "LU 00C0." */
	static const uint8_t want[] = {0xC1, 0x11, 0xC1, 0x4D, 0xF0, 0xC3, 0xF0, 0x11, 0xC2, 0xE5, 0x1D, 0x60,
	                               0x11, 0xC2, 0xE6, 0xD3, 0xE4, 0x40, 0xF0, 0xF0, 0xC3, 0xF0, 0x4B};
	assert_int_equal(n, sizeof want);
	assert_memory_equal(out, want, n);
	assert_string_equal(err, "line 7: unknown order @BOGUS (expected @SBA x,y, @SF, @NL, @ALIGN)");
	/* on a listener: the client's connection screen is that */
	struct tel_opts o = opts();
	snprintf(o.logo, sizeof o.logo, "%s", path);
	struct ctm *m;
	struct tel_server *s = setup(&m, &o);
	int fd = tnc_connect(tel_server_port(s));
	TNC_EXPECT(fd, "\xff\xfd\x18");
	TNC_SEND(fd, "\xff\xfb\x18");
	TNC_EXPECT(fd, "\xff\xfa\x18\x01\xff\xf0");
	TNC_SEND(fd, "\xff\xfa\x18\x00IBM-3278-2\xff\xf0");
	TNC_EXPECT(fd, "\xff\xfd\x28");
	TNC_SEND(fd, "\xff\xfc\x28");
	TNC_EXPECT(fd, TNC_ASKS);
	TNC_SEND(fd, TNC_GRANTS);
	uint8_t rec[sizeof want + 3];
	rec[0] = TN_CMD_EW;
	memcpy(rec + 1, want, sizeof want);
	memcpy(rec + 1 + sizeof want, "\xff\xef", 2);
	tnc_expect(fd, rec, sizeof rec);
	close(fd);
	/* a file that cannot be read: the built-in screen, with the reason */
	unlink(path);
	assert_int_equal(tn_logo(path, &v, out, sizeof out, err, sizeof err), 0);
	char why[100];
	snprintf(why, sizeof why, "cannot read %s", path);
	assert_string_equal(err, why);
	tel_server_stop(s);
	ctm_free(m);
}

/* ---- IPv6: the listener on "[::]" and the IP filter ---- */

/* A client of family fam (AF_INET: 127.0.0.1, AF_INET6: ::1) that has
 * given terminal type ttype. */
static int ask(int fam, int port, const char *ttype)
{
	int fd = socket(fam, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_storage a = {0};
	socklen_t alen;
	if (fam == AF_INET6) {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&a;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		a6->sin6_addr = in6addr_loopback;
		alen = sizeof *a6;
	} else {
		struct sockaddr_in *a4 = (struct sockaddr_in *)&a;
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		a4->sin_addr.s_addr = htonl(INADDR_LOOPBACK);
		alen = sizeof *a4;
	}
	assert_int_equal(connect(fd, (struct sockaddr *)&a, alen), 0);
	TNC_EXPECT(fd, "\xff\xfd\x18");
	TNC_SEND(fd, "\xff\xfb\x18");
	TNC_EXPECT(fd, "\xff\xfa\x18\x01\xff\xf0");
	char sb[80];
	int n = snprintf(sb, sizeof sb, "\xff\xfa\x18%c%s\xff\xf0", 0, ttype);
	assert_int_equal(write(fd, sb, (size_t)n), n);
	return fd;
}

static bool have_ipv6_loopback(void)
{
	int fd = socket(AF_INET6, SOCK_STREAM, 0);
	if (fd < 0)
		return false;
	struct sockaddr_in6 a = {.sin6_family = AF_INET6, .sin6_addr = IN6ADDR_LOOPBACK_INIT};
	bool ok = bind(fd, (struct sockaddr *)&a, sizeof a) == 0;
	close(fd);
	return ok;
}

/* Displays for ::1 (00C0), 127.0.0.1 (00C1) and 2001:db8::/32 (00C2) on a
 * listener on "[::]": each client gets only the displays its address
 * passes, an IPv4 client (::ffff:127.0.0.1 on the socket) by the IPv4
 * filter; the others read the plain-text refusal.  A host that is not an
 * address is refused with the reason. */
static void ipv6(void **state)
{
	(void)state;
	if (!have_ipv6_loopback()) {
		print_message("no IPv6 loopback: skipped\n");
		skip();
	}
	struct ctm *m = ctm_new();
	char err[200];
	char *v6[] = {"*", "::1"}, *v4[] = {"*", "127.0.0.1"}, *net[] = {"*", "2001:db8::", "32"};
	assert_int_equal(chan_attach(m->cs, 0x0C0, "3270", 2, v6, err, sizeof err), 0);
	assert_int_equal(chan_attach(m->cs, 0x0C1, "3270", 2, v4, err, sizeof err), 0);
	assert_int_equal(chan_attach(m->cs, 0x0C2, "3270", 3, net, err, sizeof err), 0);
	struct tel_opts o = opts();
	snprintf(o.host, sizeof o.host, "[::1");
	assert_null(tel_server_start_opts(m->cs, &o, err, sizeof err));
	assert_string_equal(err, "console port host [::1: expected an IPv4 or IPv6 address ([::1], [::])");
	snprintf(o.host, sizeof o.host, "[::]");
	struct tel_server *s = tel_server_start_opts(m->cs, &o, err, sizeof err);
	if (!s)
		fail_msg("%s", err);
	int port = tel_server_port(s);
	static const char no[] = "s370: no 3270 display device is free for you; connection closed\r\n";
	static const struct {
		int fam;
		const char *ttype;
		bool ok;
	} cases[] = {
	    {AF_INET6, "IBM-3278-2@00C1", false}, /* an IPv4 filter, an IPv6 client */
	    {AF_INET6, "IBM-3278-2@00C2", false}, /* not in 2001:db8::/32 */
	    {AF_INET, "IBM-3278-2@00C0", false},  /* an IPv6 filter, an IPv4 client */
	    {AF_INET, "IBM-3278-2@00C2", false},  {AF_INET6, "IBM-3278-2@00C0", true}, /* ::1 */
	    {AF_INET, "IBM-3278-2@00C1", true}, /* 127.0.0.1, as ::ffff:127.0.0.1 */
	};
	int keep[2], nkeep = 0;
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int fd = ask(cases[k].fam, port, cases[k].ttype);
		if (cases[k].ok) {
			TNC_EXPECT(fd, "\xff\xfd\x28"); /* DO TN3270E: a display is its */
			keep[nkeep++] = fd;
			continue;
		}
		uint8_t got[512];
		size_t len = tnc_closed(fd, got, sizeof got, 2000);
		if (len != sizeof no - 1 || memcmp(got, no, len))
			fail_msg("case %zu: got %zu bytes: %.*s", k, len, (int)len, (const char *)got);
		close(fd);
	}
	for (int k = 0; k < nkeep; k++)
		close(keep[k]);
	tel_server_stop(s);
	ctm_free(m);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(idle_timeout), cmocka_unit_test(probe), cmocka_unit_test(session_limit),
	    cmocka_unit_test(logo_file),    cmocka_unit_test(ipv6),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
