/* tnload.c — a TN3270 load generator: N clients on one s370 console port,
 * each negotiating TN3270 (RFC 1576) or TN3270E (RFC 2355, RESPONSES), then
 * pressing Enter and timing the round trip until the program's answer
 * restores its keyboard, again and again, for a while.  One thread, non-
 * blocking sockets, poll(2).  The guest program is bench/tnecho.s.
 *
 *   tnload -p PORT [-h HOST] [-n CLIENTS] [-d SECONDS] [-e] [-P PID] [-t MS] [-T MS]
 *
 *   -e      TN3270E (asking for RESPONSES, answering the server's requests)
 *   -P PID  report the host CPU time that process used meanwhile (s370)
 *   -t MS   a round trip longer than this is a time-out: Enter again
 *   -T MS   think time: wait so long after an answer before the next Enter
 *           (0: at once, which saturates the machine; operators think)
 *
 * Output: one line, "clients N connected C ready R round-trips K p50 X ms
 * p99 Y ms max Z ms timeouts T cpu U%", and exit status 0 when every
 * client reached 3270 mode and had at least one answer.
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

enum { IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240, EOR_CMD = 239 };
enum { O_BINARY = 0, O_TM = 6, O_TTYPE = 24, O_EOR = 25, O_TN3270E = 40 };
enum { REC_MAX = 16384 };

struct client {
	int fd;
	bool connected, ready, waiting;
	bool e;          /* TN3270E agreed */
	int iac;         /* telnet parser: 0 data, 1 after IAC, 2 option verb, 3 in SB, 4 SB IAC */
	uint8_t verb;    /* the verb awaiting its option */
	uint8_t sb[256]; /* subnegotiation being gathered */
	size_t sblen;
	uint8_t rec[REC_MAX]; /* record being gathered */
	size_t reclen;
	bool overflow;
	uint8_t out[4096]; /* not yet sent */
	size_t outlen;
	uint64_t sent_ns; /* when Enter went */
	uint64_t next_ns; /* think time: the next Enter goes then (0: none due) */
	unsigned answers;
};

static uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

static void put(struct client *c, const void *b, size_t n)
{
	if (c->outlen + n > sizeof c->out)
		return; /* the server stopped reading: the run shows it */
	memcpy(c->out + c->outlen, b, n);
	c->outlen += n;
}

static void flush(struct client *c)
{
	while (c->outlen) {
		ssize_t w = send(c->fd, c->out, c->outlen, MSG_NOSIGNAL);
		if (w <= 0)
			return;
		memmove(c->out, c->out + w, c->outlen - (size_t)w);
		c->outlen -= (size_t)w;
	}
}

static void neg(struct client *c, uint8_t verb, uint8_t opt)
{
	const uint8_t b[3] = {IAC, verb, opt};
	put(c, b, 3);
}

static void sub(struct client *c, const uint8_t *body, size_t n)
{
	const uint8_t a[2] = {IAC, SB}, z[2] = {IAC, SE};
	put(c, a, 2);
	put(c, body, n);
	put(c, z, 2);
}

static bool use_e;
static const char *ttype(void)
{
	return use_e ? "IBM-3278-2-E" : "IBM-3278-2";
}

/* The server's option verbs: TN3270 wants BINARY, EOR both ways; TN3270E
 * (when -e) is granted; the probe (DO TIMING-MARK) is answered WONT. */
static void option(struct client *c, uint8_t verb, uint8_t opt)
{
	bool ours = opt == O_BINARY || opt == O_EOR || opt == O_TTYPE || (opt == O_TN3270E && use_e);
	if (verb == DO)
		neg(c, ours ? WILL : WONT, opt);
	else if (verb == WILL)
		neg(c, ours && opt != O_TTYPE ? DO : DONT, opt);
}

static void subneg(struct client *c)
{
	uint8_t *b = c->sb;
	uint8_t out[64];
	size_t n = 0;
	if (c->sblen >= 2 && b[0] == O_TTYPE && b[1] == 1) { /* SEND */
		out[n++] = O_TTYPE;
		out[n++] = 0; /* IS */
		memcpy(out + n, ttype(), strlen(ttype()));
		n += strlen(ttype());
		sub(c, out, n);
	} else if (c->sblen >= 3 && b[0] == O_TN3270E && b[1] == 8 && b[2] == 2) { /* SEND DEVICE-TYPE */
		out[n++] = O_TN3270E;
		out[n++] = 2; /* DEVICE-TYPE */
		out[n++] = 7; /* REQUEST */
		memcpy(out + n, ttype(), strlen(ttype()));
		n += strlen(ttype());
		sub(c, out, n);
	} else if (c->sblen >= 3 && b[0] == O_TN3270E && b[1] == 2 && b[2] == 4) { /* DEVICE-TYPE IS */
		const uint8_t req[] = {O_TN3270E, 3, 7, 2}; /* FUNCTIONS REQUEST RESPONSES */
		sub(c, req, sizeof req);
	} else if (c->sblen >= 3 && b[0] == O_TN3270E && b[1] == 3 && b[2] == 7) { /* FUNCTIONS REQUEST */
		b[2] = 4; /* IS: whatever the server settles for */
		sub(c, b, c->sblen);
		c->e = true;
	} else if (c->sblen >= 3 && b[0] == O_TN3270E && b[1] == 3 && b[2] == 4) { /* FUNCTIONS IS */
		c->e = true;
	}
}

static void enter(struct client *c)
{
	static const uint8_t hdr[5] = {0, 0, 0, 0, 0};
	static const uint8_t aid[] = {0x7D, 0x40, 0x40, IAC, EOR_CMD};
	if (c->e)
		put(c, hdr, sizeof hdr);
	put(c, aid, sizeof aid);
	c->sent_ns = now_ns();
	c->waiting = true;
}

static uint64_t think_ns;
static uint64_t *samples;
static size_t nsamples, maxsamples;
static unsigned timeouts;

/* A record from the server: a write that restores the keyboard (WCC bit
 * X'02') is the program's answer. */
static void record(struct client *c)
{
	uint8_t *r = c->rec;
	size_t n = c->reclen;
	if (c->e) {
		if (n < 5)
			return;
		if (r[0] == 0 && r[2] == 2) { /* ALWAYS-RESPONSE: positive, DEVICE-END */
			const uint8_t resp[] = {2, 0, 0, r[3], r[4], 0};
			for (size_t k = 0; k < sizeof resp; k++) {
				put(c, &resp[k], 1);
				if (resp[k] == IAC)
					put(c, &resp[k], 1);
			}
			const uint8_t eor[2] = {IAC, EOR_CMD};
			put(c, eor, 2);
		}
		r += 5;
		n -= 5;
	}
	if (n < 2)
		return;
	bool write = r[0] == 0xF1 || r[0] == 0xF5 || r[0] == 0x7E || r[0] == 0x01 || r[0] == 0x05;
	if (!write || !(r[1] & 0x02))
		return;
	c->ready = true;
	if (c->waiting) {
		c->waiting = false;
		c->answers++;
		if (nsamples < maxsamples)
			samples[nsamples++] = now_ns() - c->sent_ns;
	}
	if (think_ns)
		c->next_ns = now_ns() + think_ns;
	else
		enter(c);
}

static void input(struct client *c, const uint8_t *b, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		uint8_t x = b[k];
		switch (c->iac) {
		case 0:
			if (x == IAC)
				c->iac = 1;
			else if (c->reclen < REC_MAX)
				c->rec[c->reclen++] = x;
			break;
		case 1:
			c->iac = 0;
			if (x == IAC && c->reclen < REC_MAX) {
				c->rec[c->reclen++] = IAC;
			} else if (x == EOR_CMD) {
				record(c);
				c->reclen = 0;
			} else if (x >= WILL && x <= DONT) {
				c->verb = x;
				c->iac = 2;
			} else if (x == SB) {
				c->sblen = 0;
				c->iac = 3;
			}
			break;
		case 2:
			option(c, c->verb, x);
			c->iac = 0;
			break;
		case 3:
			if (x == IAC)
				c->iac = 4;
			else if (c->sblen < sizeof c->sb)
				c->sb[c->sblen++] = x;
			break;
		case 4:
			if (x == SE) {
				subneg(c);
				c->iac = 0;
			} else {
				if (c->sblen < sizeof c->sb)
					c->sb[c->sblen++] = x;
				c->iac = 3;
			}
			break;
		}
	}
}

static int cmp_u64(const void *a, const void *b)
{
	uint64_t x = *(const uint64_t *)a, y = *(const uint64_t *)b;
	return x < y ? -1 : x > y;
}

static double cpu_seconds(int pid)
{
	char path[64], buf[1024];
	snprintf(path, sizeof path, "/proc/%d/stat", pid);
	FILE *f = fopen(path, "r");
	if (!f)
		return -1;
	size_t n = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[n] = 0;
	char *p = strrchr(buf, ')'); /* fields after the command name */
	unsigned long ut = 0, st = 0;
	if (!p || sscanf(p + 2, "%*c %*d %*d %*d %*d %*d %*u %*u %*u %*u %*u %lu %lu", &ut, &st) != 2)
		return -1;
	return (double)(ut + st) / (double)sysconf(_SC_CLK_TCK);
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 0, n = 10, secs = 5, pid = 0, tmo_ms = 2000;
	int opt;
	int think_ms = 0;
	while ((opt = getopt(argc, argv, "h:p:n:d:eP:t:T:")) != -1) {
		switch (opt) {
		case 'h':
			host = optarg;
			break;
		case 'p':
			port = atoi(optarg);
			break;
		case 'n':
			n = atoi(optarg);
			break;
		case 'd':
			secs = atoi(optarg);
			break;
		case 'e':
			use_e = true;
			break;
		case 'P':
			pid = atoi(optarg);
			break;
		case 't':
			tmo_ms = atoi(optarg);
			break;
		case 'T':
			think_ms = atoi(optarg);
			break;
		default:
			fprintf(
			    stderr,
			    "usage: tnload -p PORT [-h HOST] [-n CLIENTS] [-d SECONDS] [-e] [-P PID] [-t MS] "
			    "[-T MS]\n");
			return 2;
		}
	}
	if (port <= 0 || n <= 0 || secs <= 0) {
		fprintf(stderr, "tnload: expected -p PORT, -n CLIENTS > 0, -d SECONDS > 0\n");
		return 2;
	}
	struct client *cl = calloc((size_t)n, sizeof *cl);
	struct pollfd *pf = calloc((size_t)n, sizeof *pf);
	maxsamples = 1u << 22;
	samples = malloc(maxsamples * sizeof *samples);
	if (!cl || !pf || !samples) {
		fprintf(stderr, "tnload: out of memory\n");
		return 2;
	}
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &a.sin_addr) != 1) {
		fprintf(stderr, "tnload: bad host %s\n", host);
		return 2;
	}
	for (int k = 0; k < n; k++) {
		cl[k].fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int one = 1; /* what is measured is the server, not Nagle's algorithm */
		setsockopt(cl[k].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (cl[k].fd < 0 ||
		    (connect(cl[k].fd, (struct sockaddr *)&a, sizeof a) && errno != EINPROGRESS)) {
			perror("tnload: connect");
			return 1;
		}
	}
	double cpu0 = pid ? cpu_seconds(pid) : 0;
	uint64_t t0 = now_ns(), end = t0 + (uint64_t)secs * 1000000000u;
	uint64_t tmo = (uint64_t)tmo_ms * 1000000u;
	think_ns = (uint64_t)think_ms * 1000000u;
	int open = n;
	while (now_ns() < end && open) {
		for (int k = 0; k < n; k++) {
			struct client *c = &cl[k];
			if (c->waiting && now_ns() - c->sent_ns > tmo) {
				timeouts++;
				enter(c); /* lost somewhere: press it again */
			}
			if (c->next_ns && now_ns() >= c->next_ns) {
				c->next_ns = 0;
				enter(c);
			}
			pf[k] = (struct pollfd){
			    .fd = c->fd,
			    .events = (short)(POLLIN | (c->outlen || !c->connected ? POLLOUT : 0))};
		}
		if (poll(pf, (nfds_t)n, think_ns ? 1 : 50) < 0)
			continue;
		for (int k = 0; k < n; k++) {
			struct client *c = &cl[k];
			if (c->fd < 0)
				continue;
			if (pf[k].revents & POLLOUT)
				c->connected = true;
			if (pf[k].revents & (POLLIN | POLLHUP | POLLERR)) {
				uint8_t buf[8192];
				ssize_t r = recv(c->fd, buf, sizeof buf, 0);
				if (r == 0 || (r < 0 && errno != EAGAIN && errno != EINTR)) {
					close(c->fd);
					c->fd = -1;
					pf[k].fd = -1;
					open--;
					continue;
				}
				if (r > 0) {
					c->connected = true;
					input(c, buf, (size_t)r);
				}
			}
			flush(c);
		}
	}
	double wall = (double)(now_ns() - t0) / 1e9;
	double cpu1 = pid ? cpu_seconds(pid) : 0;
	int connected = 0, ready = 0, answered = 0;
	for (int k = 0; k < n; k++) {
		connected += cl[k].connected;
		ready += cl[k].ready;
		answered += cl[k].answers > 0;
		if (cl[k].fd >= 0)
			close(cl[k].fd);
	}
	qsort(samples, nsamples, sizeof *samples, cmp_u64);
	double p50 = nsamples ? (double)samples[nsamples / 2] / 1e6 : 0;
	double p99 = nsamples ? (double)samples[nsamples * 99 / 100] / 1e6 : 0;
	double mx = nsamples ? (double)samples[nsamples - 1] / 1e6 : 0;
	printf(
	    "clients %d connected %d ready %d answered %d round-trips %zu (%.0f/s) p50 %.2f ms p99 %.2f ms "
	    "max %.2f ms timeouts %u",
	    n, connected, ready, answered, nsamples, (double)nsamples / wall, p50, p99, mx, timeouts);
	if (pid && cpu0 >= 0 && cpu1 >= 0)
		printf(" cpu %.0f%%", 100 * (cpu1 - cpu0) / wall);
	printf("\n");
	free(cl);
	free(pf);
	free(samples);
	return ready == n && answered == n ? 0 : 1;
}
