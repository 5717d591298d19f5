/* test_tn_config.c — the TN3270 server's configuration statements
 * (TN3270TLS, CONKPALV, TN3270PROBE, TN3270IDLE, TN3270MAX, LOGOFILE /
 * HERCLOGO), their defaults, each bad operand refused with its file, line
 * and what was expected, and the listener options they give. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>

#include "testcpu.h"
#include "con_telnet.h"
#include "config.h"
#include "tcfg.h"

static void defaults(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	struct tel_opts o;
	tel_opts_from_config(&o, &t->cfg);
	assert_int_equal(o.port, 3270);
	assert_string_equal(o.host, "");
	assert_int_equal(o.tls_port, -1);
	assert_int_equal(o.ka_idle, 60);
	assert_int_equal(o.ka_intv, 10);
	assert_int_equal(o.ka_cnt, 6);
	assert_int_equal(o.probe_s, 0);
	assert_int_equal(o.idle_s, 0);
	assert_int_equal(o.max_sessions, 256);
	assert_string_equal(o.logo, "");
	tc_free(t);
}

static void statements(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "TN3270TLS 0.0.0.0:992 /etc/s370/cert.pem /etc/s370/key.pem"), 0);
	assert_int_equal(line(t, "CONKPALV (3,1,10)"), 0);
	assert_int_equal(line(t, "tn3270probe 30"), 0);
	assert_int_equal(line(t, "TN3270IDLE 3600"), 0);
	assert_int_equal(line(t, "TN3270MAX 600"), 0);
	assert_int_equal(line(t, "LOGOFILE herclogo.txt"), 0);
	assert_int_equal(line(t, "CNSLPORT 0"), 0);
	assert_string_equal(tc_msg(t), "");
	struct tel_opts o;
	tel_opts_from_config(&o, &t->cfg);
	assert_int_equal(o.port, -1); /* CNSLPORT 0: no plain port */
	assert_string_equal(o.tls_host, "0.0.0.0");
	assert_int_equal(o.tls_port, 992);
	assert_string_equal(o.tls_cert, "/etc/s370/cert.pem");
	assert_string_equal(o.tls_key, "/etc/s370/key.pem");
	assert_int_equal(o.ka_idle, 3);
	assert_int_equal(o.ka_intv, 1);
	assert_int_equal(o.ka_cnt, 10);
	assert_int_equal(o.probe_s, 30);
	assert_int_equal(o.idle_s, 3600);
	assert_int_equal(o.max_sessions, 600);
	assert_string_equal(o.logo, "herclogo.txt");
	/* the other spellings */
	assert_int_equal(line(t, "CONKPALV 0 5 5"), 0); /* keepalive off */
	assert_int_equal(t->cfg.kpalv_idle, 0);
	assert_int_equal(line(t, "TN3270TLS 9923 c.pem k.pem"), 0);
	assert_string_equal(t->cfg.tlshost, "");
	assert_int_equal(t->cfg.tlsport, 9923);
	assert_int_equal(line(t, "HERCLOGO other.txt"), 0);
	assert_string_equal(t->cfg.logo, "other.txt");
	assert_string_equal(tc_msg(t), "");
	tc_free(t);
}

static void bad_statements(void **state)
{
	(void)state;
	static const struct {
		const char *text, *msg;
	} bad[] = {
	    {"TN3270TLS 992 cert.pem", "t.cnf:7: TN3270TLS: expected [host:]port certfile keyfile\n"},
	    {"TN3270TLS 0 c k", "t.cnf:7: TN3270TLS 0: expected a port number 1-65535 or host:port\n"},
	    {"TN3270TLS host:x c k",
	     "t.cnf:7: TN3270TLS host:x: expected a port number 1-65535 or host:port\n"},
	    {"CONKPALV (3,1)",
	     "t.cnf:7: CONKPALV: expected (idle,intv,count): idle 0-32767 seconds (0: off), "
	     "intv 1-32767 seconds, count 1-127\n"},
	    {"CONKPALV (3,1,10,4)", "t.cnf:7: CONKPALV: expected (idle,intv,count): idle 0-32767 seconds (0: "
	                            "off), intv 1-32767 seconds, count 1-127\n"},
	    {"CONKPALV 3,1,10", "t.cnf:7: CONKPALV 3,1,10: expected (idle,intv,count)\n"},
	    {"CONKPALV (3,0,10)",
	     "t.cnf:7: CONKPALV: expected (idle,intv,count): idle 0-32767 seconds (0: off), "
	     "intv 1-32767 seconds, count 1-127\n"},
	    {"CONKPALV 1 2", "t.cnf:7: CONKPALV: expected (idle,intv,count)\n"},
	    {"TN3270PROBE -1", "t.cnf:7: TN3270PROBE -1: expected a number of seconds (0: off)\n"},
	    {"TN3270IDLE soon", "t.cnf:7: TN3270IDLE soon: expected a number of seconds (0: off)\n"},
	    {"TN3270MAX 0", "t.cnf:7: TN3270MAX 0: expected a number of sessions 1-4096\n"},
	    {"TN3270MAX 5000", "t.cnf:7: TN3270MAX 5000: expected a number of sessions 1-4096\n"},
	    {"LOGOFILE", "t.cnf:7: LOGOFILE: expected filename\n"},
	};
	for (size_t k = 0; k < sizeof bad / sizeof bad[0]; k++) {
		struct tcfg *t = tc_new();
		assert_int_equal(line(t, bad[k].text), -1);
		assert_string_equal(tc_msg(t), bad[k].msg);
		tc_free(t);
	}
}

/* IPv6 listen addresses (CNSLPORT, TN3270TLS [v6]:port) and the IP filter
 * of a display statement (ADDR 3270 [group] [ip [mask]]) with IPv6. */
static void ipv6(void **state)
{
	(void)state;
	struct tcfg *t = tc_new();
	assert_int_equal(line(t, "CNSLPORT [::1]:3271"), 0);
	assert_int_equal(line(t, "TN3270TLS [::]:992 c.pem k.pem"), 0);
	assert_string_equal(tc_msg(t), "");
	struct tel_opts o;
	tel_opts_from_config(&o, &t->cfg);
	assert_string_equal(o.host, "[::1]");
	assert_int_equal(o.port, 3271);
	assert_string_equal(o.tls_host, "[::]");
	assert_int_equal(o.tls_port, 992);
	tc_free(t);
	static const struct {
		const char *argv[4];
		int rc;
		int family;
		const char *ip, *mask; /* hex, 16 bytes */
		const char *err;
	} cases[] = {
	    {{"*", "::1"},
	     0,
	     AF_INET6,
	     "00000000000000000000000000000001",
	     "ffffffffffffffffffffffffffffffff",
	     NULL},
	    {{"[::1]"},
	     0,
	     AF_INET6,
	     "00000000000000000000000000000001",
	     "ffffffffffffffffffffffffffffffff",
	     NULL},
	    {{"TSO", "2001:db8::", "32"},
	     0,
	     AF_INET6,
	     "20010db8000000000000000000000000",
	     "ffffffff000000000000000000000000",
	     NULL},
	    {{"*", "2001:db8::", "/36"},
	     0,
	     AF_INET6,
	     "20010db8000000000000000000000000",
	     "fffffffff00000000000000000000000",
	     NULL},
	    {{"*", "fd00::", "ffff:ffff:ffff:ffff::"},
	     0,
	     AF_INET6,
	     "fd000000000000000000000000000000",
	     "ffffffffffffffff0000000000000000",
	     NULL},
	    {{"*", "10.1.2.3", "255.255.0.0"},
	     0,
	     AF_INET,
	     "0a010203000000000000000000000000",
	     "ffff0000000000000000000000000000",
	     NULL},
	    {{"*", "::1", "255.255.255.0"},
	     -1,
	     0,
	     NULL,
	     NULL,
	     "bad subnet mask 255.255.255.0 (an IPv6 address takes an IPv6 mask such as "
	     "ffff:ffff:ffff:ffff:: or a prefix length 0-128)"},
	    {{"*", "::1", "129"},
	     -1,
	     0,
	     NULL,
	     NULL,
	     "bad subnet mask 129 (an IPv6 address takes an IPv6 mask such as "
	     "ffff:ffff:ffff:ffff:: or a prefix length 0-128)"},
	    {{"*", "10.1.2.3", "ffff::"},
	     -1,
	     0,
	     NULL,
	     NULL,
	     "bad subnet mask ffff:: (an IPv4 address takes a dotted IPv4 mask)"},
	    {{"*", "10.1.2.3", "24"},
	     -1,
	     0,
	     NULL,
	     NULL,
	     "bad subnet mask 24 (an IPv4 address takes a dotted IPv4 mask)"},
	    {{"*", "2001:db8::g"}, -1, 0, NULL, NULL, "bad IP address 2001:db8::g"},
	};
	for (size_t k = 0; k < sizeof cases / sizeof cases[0]; k++) {
		int argc = 0;
		while (argc < 4 && cases[k].argv[argc])
			argc++;
		struct tel_bind b;
		char err[200] = "";
		int rc = tel_parse_bind(&b, argc, (char **)cases[k].argv, err, sizeof err);
		if (rc != cases[k].rc)
			fail_msg("case %zu: %d (%s)", k, rc, err);
		if (rc) {
			assert_string_equal(err, cases[k].err);
			continue;
		}
		char ip[33], mask[33];
		for (int j = 0; j < 16; j++) {
			snprintf(ip + 2 * j, 3, "%02x", b.ip[j]);
			snprintf(mask + 2 * j, 3, "%02x", b.mask[j]);
		}
		assert_true(b.has_ip);
		assert_int_equal(b.family, cases[k].family);
		assert_string_equal(ip, cases[k].ip);
		assert_string_equal(mask, cases[k].mask);
	}
}

int main(void)
{
	const struct CMUnitTest tests[] = {
	    cmocka_unit_test(defaults),
	    cmocka_unit_test(statements),
	    cmocka_unit_test(bad_statements),
	    cmocka_unit_test(ipv6),
	};
	return cmocka_run_group_tests(tests, NULL, NULL);
}
