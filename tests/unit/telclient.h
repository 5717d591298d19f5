/* telclient.h — a raw telnet client for the unit tests of the 3215 telnet
 * console (test_con_telnet.c, test_con_noecho.c), and waiting for the
 * device's status.  Include after chantest.h, with TIO defined (the TEST
 * I/O instruction for the device under test). */
#ifndef TELCLIENT_H
#define TELCLIENT_H

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

static inline int client_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* Read from the client socket until the bytes so far are exactly want. */
static inline void client_expect(int fd, const char *want, size_t n)
{
	char got[4096];
	size_t len = 0;
	for (int tries = 0; tries < 200; tries++) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		if (poll(&pf, 1, 20) > 0) {
			ssize_t r = read(fd, got + len, sizeof got - len);
			assert_true(r > 0);
			len += (size_t)r;
		}
		if (len >= n && !memcmp(got + len - n, want, n)) {
			assert_int_equal(len, n);
			assert_memory_equal(got, want, n);
			return;
		}
	}
	fail_msg("client got %zu bytes, not the %zu expected", len, n);
}
#define EXPECT(fd, lit) client_expect(fd, lit, sizeof lit - 1)

/* Run posted work until TIO finds status (CC 1), or give up: CC 0 (no
 * status) or 2 (the Read still works). */
static inline int wait_status(struct ctm *m)
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

#endif
