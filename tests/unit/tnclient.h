/* tnclient.h — a socket client that plays a tn3270 client byte by byte,
 * for the TN3270 server tests (test_tn_*.c). */
#ifndef TNCLIENT_H
#define TNCLIENT_H

#include <arpa/inet.h>
#include <poll.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "chantest.h"
#include "con_telnet.h"
#include "tn3270.h"

/* DO EOR, WILL EOR, DO BINARY, WILL BINARY; the client's four grants */
#define TNC_ASKS "\xff\xfd\x19\xff\xfb\x19\xff\xfd\x00\xff\xfb\x00"
#define TNC_GRANTS "\xff\xfb\x19\xff\xfd\x19\xff\xfb\x00\xff\xfd\x00"

static inline uint64_t tnc_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

static inline int tnc_connect(int port)
{
	int fd = socket(AF_INET, SOCK_STREAM, 0);
	assert_true(fd >= 0);
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
	assert_int_equal(connect(fd, (struct sockaddr *)&a, sizeof a), 0);
	return fd;
}

/* Read until the bytes so far end with want (n bytes) or ms pass; the
 * length read (asserted to end with want). */
static inline size_t tnc_until(int fd, const void *want, size_t n, uint8_t *got, size_t max, int ms)
{
	size_t len = 0;
	uint64_t end = tnc_ms() + (uint64_t)ms;
	while (tnc_ms() < end) {
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

static inline void tnc_expect(int fd, const void *want, size_t n)
{
	uint8_t got[4096];
	size_t len = tnc_until(fd, want, n, got, sizeof got, 4000);
	assert_int_equal(len, n);
	assert_memory_equal(got, want, n);
}
#define TNC_EXPECT(fd, lit) tnc_expect(fd, lit, sizeof lit - 1)
#define TNC_SEND(fd, lit) assert_int_equal(write(fd, lit, sizeof lit - 1), (ssize_t)(sizeof lit - 1))

/* Nothing arrives within ms. */
static inline void tnc_quiet(int fd, int ms)
{
	struct pollfd pf = {.fd = fd, .events = POLLIN};
	assert_int_equal(poll(&pf, 1, ms), 0);
}

/* The server closes the connection within ms: what came before, in got. */
static inline size_t tnc_closed(int fd, uint8_t *got, size_t max, int ms)
{
	size_t len = 0;
	uint64_t end = tnc_ms() + (uint64_t)ms;
	while (tnc_ms() < end) {
		struct pollfd pf = {.fd = fd, .events = POLLIN};
		if (poll(&pf, 1, 50) <= 0)
			continue;
		ssize_t r = read(fd, got + len, max - len);
		if (r == 0)
			return len;
		assert_true(r > 0);
		len += (size_t)r;
	}
	fail_msg("the connection stays open");
	return 0;
}

/* A TN3270 (not TN3270E) client with terminal type ttype, up to the
 * connection screen (its record is read and dropped). */
static inline int tnc_3270(int port, const char *ttype)
{
	int fd = tnc_connect(port);
	TNC_EXPECT(fd, "\xff\xfd\x18");
	TNC_SEND(fd, "\xff\xfb\x18");
	TNC_EXPECT(fd, "\xff\xfa\x18\x01\xff\xf0");
	char sb[80];
	int n = snprintf(sb, sizeof sb, "\xff\xfa\x18%c%s\xff\xf0", 0, ttype);
	assert_int_equal(write(fd, sb, (size_t)n), n);
	TNC_EXPECT(fd, "\xff\xfd\x28");
	TNC_SEND(fd, "\xff\xfc\x28");
	TNC_EXPECT(fd, TNC_ASKS);
	TNC_SEND(fd, TNC_GRANTS);
	uint8_t raw[1024];
	size_t len = tnc_until(fd, "\xff\xef", 2, raw, sizeof raw, 4000);
	assert_true(len > 2);
	assert_int_equal(raw[0], TN_CMD_EW);
	return fd;
}

/* Run posted work and the events due by now (ctm_service runs every
 * event at once, time-outs too early). */
static inline void tnc_service(struct ctm *m)
{
	chan_service(m->cs, timer_host_us());
}

/* Run posted work until TIO finds status (CC 1), or ms pass. */
static inline int tnc_status(struct ctm *m, const char *tio, int ms)
{
	int cc = 0;
	uint64_t end = tnc_ms() + (uint64_t)ms;
	while (tnc_ms() < end) {
		tnc_service(m);
		cc = io_insn(m, tio);
		if (cc == 1 || cc == 3)
			return cc;
		usleep(10000);
	}
	return cc;
}

#endif
