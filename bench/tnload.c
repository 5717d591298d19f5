/* tnload.c — a TN3270 load generator: N clients on one s370 console port,
 * each negotiating TN3270 (RFC 1576) or TN3270E (RFC 2355, RESPONSES).  One
 * thread, non-blocking sockets, poll(2).  Two workloads:
 *
 * The echo workload (bench/tnecho.s on the bare machine): press Enter and
 * time the round trip until the program's answer restores the keyboard,
 * again and again, for a while.
 *
 *   tnload -p PORT [-h HOST] [-n CLIENTS] [-d SECONDS] [-e] [-P PID] [-t MS] [-T MS]
 *
 *   -e      TN3270E (asking for RESPONSES, answering the server's requests)
 *   -P PID  report the host CPU time that process used meanwhile (s370)
 *   -t MS   a round trip longer than this is a time-out: Enter again (2000)
 *   -T MS   think time: wait so long after an answer before the next Enter
 *           (0, the default: at once, which saturates the machine)
 *
 * Output: one line, "clients N connected C ready R round-trips K p50 X ms
 * p99 Y ms max Z ms timeouts T cpu U%", and exit status 0 when every
 * client reached 3270 mode and had at least one answer.
 *
 * CP mode, -L (tnload_cp.c): each client is a user of our CP who logs on,
 * IPLs tests/guest/echoguest.c and types lines at it, each answer checked.
 * Phases: all log on (-W SECONDS at most; 60 + N/5 by default), then the
 * run (-d SECONDS) with the response times, then the idle phase (-I
 * SECONDS, 5): all logged on, nothing typed, the CPU-bound users stopped.
 *
 *   tnload -L -p PORT [-n USERS] [-S SPINNERS] [-d SECONDS] [-I SECONDS] [-W SECONDS]
 *          [-u USERFMT] [-w PWFMT] [-f FIRST] [-i VADDR] [-e] [-P PID] [-t MS] [-T MS] [-v]
 *
 *   -u, -w  the user ids and passwords, printf formats of the user's number
 *           (USER%03d, PW%03d); -f the first number (1)
 *   -i      what to IPL (192)
 *   -S K    the last K users are CPU-bound (their guest loops: SPIN)
 *   -T MS   mean think time (1000); each is 0.5-1.5 times it
 *   -t MS   no answer so long is a time-out (5000)
 *   -v      print a timed-out user's screen
 *
 * Output: "load: users=N spinners=K logged_on=.. ready=.. logon_s=..
 * answers=.. (../s) wrong=.. timeouts=.. not_accepted=.. p50=..ms p99=..ms
 * max=..ms cpu=..% idle_cpu=..%" (CPU: s370's, a share of one core, over
 * the run and over the idle phase).  Exit status 0 when every user logged
 * on and got its machine going, every interactive one had answers, none
 * wrong, and every CPU-bound one spun and stopped.
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

#include "tnload.h"

enum { IAC = 255, DONT = 254, DO = 253, WONT = 252, WILL = 251, SB = 250, SE = 240, EOR_CMD = 239 };
enum { O_BINARY = 0, O_TM = 6, O_TTYPE = 24, O_EOR = 25, O_TN3270E = 40 };

uint64_t now_ns(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

void tnl_put(struct client *c, const void *b, size_t n)
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
	tnl_put(c, b, 3);
}

static void sub(struct client *c, const uint8_t *body, size_t n)
{
	const uint8_t a[2] = {IAC, SB}, z[2] = {IAC, SE};
	tnl_put(c, a, 2);
	tnl_put(c, body, n);
	tnl_put(c, z, 2);
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
		tnl_put(c, hdr, sizeof hdr);
	tnl_put(c, aid, sizeof aid);
	c->sent_ns = now_ns();
	c->waiting = true;
}

static bool cp_mode; /* -L */
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
				tnl_put(c, &resp[k], 1);
				if (resp[k] == IAC)
					tnl_put(c, &resp[k], 1);
			}
			const uint8_t eor[2] = {IAC, EOR_CMD};
			tnl_put(c, eor, 2);
		}
		r += 5;
		n -= 5;
	}
	if (cp_mode) {
		if (!c->e || c->rec[0] == 0) /* TN3270E: 3270-DATA only */
			cpl_record(c, r, n);
		return;
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
			else if (c->reclen < TNL_REC_MAX)
				c->rec[c->reclen++] = x;
			break;
		case 1:
			c->iac = 0;
			if (x == IAC && c->reclen < TNL_REC_MAX) {
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

/* The clients' sockets, and one pass of the loop: poll (at most wait_ms),
 * read what came, send what waits.  The number of connections still open. */
static struct client *cl;
static struct pollfd *pf;
static int nclients, open_clients;

static int connect_all(const char *host, int port)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	if (inet_pton(AF_INET, host, &a.sin_addr) != 1) {
		fprintf(stderr, "tnload: bad host %s\n", host);
		return -1;
	}
	for (int k = 0; k < nclients; k++) {
		cl[k].index = k;
		cl[k].fd = socket(AF_INET, SOCK_STREAM | SOCK_NONBLOCK, 0);
		int one = 1; /* what is measured is the server, not Nagle's algorithm */
		setsockopt(cl[k].fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
		if (cl[k].fd < 0 ||
		    (connect(cl[k].fd, (struct sockaddr *)&a, sizeof a) && errno != EINPROGRESS)) {
			perror("tnload: connect");
			return -1;
		}
	}
	open_clients = nclients;
	return 0;
}

static void pass(int wait_ms)
{
	for (int k = 0; k < nclients; k++) {
		struct client *c = &cl[k];
		pf[k] = (struct pollfd){
		    .fd = c->fd, .events = (short)(POLLIN | (c->outlen || !c->connected ? POLLOUT : 0))};
	}
	if (poll(pf, (nfds_t)nclients, wait_ms) < 0)
		return;
	for (int k = 0; k < nclients; k++) {
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
				open_clients--;
				if (cp_mode)
					fprintf(stderr,
					        "tnload: client %d: the server closed the connection\n", k);
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

static void percentiles(double *p50, double *p99, double *mx)
{
	qsort(samples, nsamples, sizeof *samples, cmp_u64);
	*p50 = nsamples ? (double)samples[nsamples / 2] / 1e6 : 0;
	*p99 = nsamples ? (double)samples[nsamples * 99 / 100] / 1e6 : 0;
	*mx = nsamples ? (double)samples[nsamples - 1] / 1e6 : 0;
}

/* The echo workload (bench/tnecho.s): Enter, the answer, again. */
static int run_echo(int secs, int pid, int tmo_ms, int think_ms)
{
	double cpu0 = pid ? cpu_seconds(pid) : 0;
	uint64_t t0 = now_ns(), end = t0 + (uint64_t)secs * 1000000000u;
	uint64_t tmo = (uint64_t)tmo_ms * 1000000u;
	think_ns = (uint64_t)think_ms * 1000000u;
	while (now_ns() < end && open_clients) {
		for (int k = 0; k < nclients; k++) {
			struct client *c = &cl[k];
			if (c->waiting && now_ns() - c->sent_ns > tmo) {
				timeouts++;
				enter(c); /* lost somewhere: press it again */
			}
			if (c->next_ns && now_ns() >= c->next_ns) {
				c->next_ns = 0;
				enter(c);
			}
		}
		pass(think_ns ? 1 : 50);
	}
	double wall = (double)(now_ns() - t0) / 1e9;
	double cpu1 = pid ? cpu_seconds(pid) : 0;
	int connected = 0, ready = 0, answered = 0;
	for (int k = 0; k < nclients; k++) {
		connected += cl[k].connected;
		ready += cl[k].ready;
		answered += cl[k].answers > 0;
	}
	double p50, p99, mx;
	percentiles(&p50, &p99, &mx);
	printf(
	    "clients %d connected %d ready %d answered %d round-trips %zu (%.0f/s) p50 %.2f ms p99 %.2f ms "
	    "max %.2f ms timeouts %u",
	    nclients, connected, ready, answered, nsamples, (double)nsamples / wall, p50, p99, mx, timeouts);
	if (pid && cpu0 >= 0 && cpu1 >= 0)
		printf(" cpu %.0f%%", 100 * (cpu1 - cpu0) / wall);
	printf("\n");
	return ready == nclients && answered == nclients ? 0 : 1;
}

/* Passes until done() or the time; the loop's poll waits for the nearest
 * of the clients' deadlines (cpl_tick), at most 50 ms. */
static void cp_loop(uint64_t until, bool (*done)(void))
{
	while (open_clients && now_ns() < until && !(done && done())) {
		uint64_t now = now_ns(), next = until;
		for (int k = 0; k < nclients; k++) {
			uint64_t d = cl[k].fd >= 0 ? cpl_tick(&cl[k], now) : 0;
			if (d && d < next)
				next = d;
		}
		now = now_ns();
		int ms = next > now ? (int)((next - now + 999999) / 1000000) : 0;
		pass(ms > 50 ? 50 : ms);
	}
}

static int n_spin;
static bool all_up(void)
{
	return cpls.ready + cpls.failed >= (unsigned)nclients &&
	       cpls.spinning + cpls.failed >= (unsigned)n_spin;
}
static bool none_busy(void)
{
	for (int k = 0; k < nclients; k++)
		if (cl[k].fd >= 0 && cpl_busy(&cl[k]))
			return false;
	return true;
}
static bool spinners_stopped(void)
{
	return cpls.stopped >= cpls.spinning;
}

/* CP mode (-L): log every client on, then the run phase (secs), then the
 * idle phase (idle_secs, nothing typed, the spinners stopped). */
static int run_cp(int secs, int pid, int idle_secs, int logon_secs)
{
	for (int k = 0; k < nclients; k++)
		cpl_start(&cl[k], k >= nclients - n_spin);
	cpls.samples = samples;
	cpls.maxsamples = maxsamples;
	uint64_t t0 = now_ns();
	cp_loop(t0 + (uint64_t)logon_secs * 1000000000u, all_up);
	double logon_s = (double)(now_ns() - t0) / 1e9;
	for (int k = 0; k < nclients; k++)
		if (cl[k].st < CPL_THINK && cl[k].st != CPL_SPINNING && cl[k].st != CPL_FAILED) {
			char why[64];
			snprintf(why, sizeof why, "not ready after %.0f s", logon_s);
			cpl_fail(&cl[k], why);
		}

	cpl.typing = true;
	double cpu0 = pid ? cpu_seconds(pid) : 0;
	double gen0 = cpu_seconds(getpid());
	uint64_t t1 = now_ns();
	cp_loop(t1 + (uint64_t)secs * 1000000000u, NULL);
	cpl.typing = false;
	double run_s = (double)(now_ns() - t1) / 1e9;
	double cpu1 = pid ? cpu_seconds(pid) : 0;
	double gen1 = cpu_seconds(getpid());
	cp_loop(now_ns() + cpl.tmo_ns, none_busy); /* the last answers */

	for (int k = 0; k < nclients; k++)
		if (cl[k].fd >= 0)
			cpl_stop_spinner(&cl[k]);
	cp_loop(now_ns() + 10000000000u, spinners_stopped);
	cp_loop(now_ns() + 500000000u, NULL); /* the last screens are painted */
	double cpu2 = pid ? cpu_seconds(pid) : 0;
	uint64_t t2 = now_ns();
	cp_loop(t2 + (uint64_t)idle_secs * 1000000000u, NULL);
	double idle_s = (double)(now_ns() - t2) / 1e9;
	double cpu3 = pid ? cpu_seconds(pid) : 0;

	nsamples = cpls.nsamples;
	double p50, p99, mx;
	percentiles(&p50, &p99, &mx);
	unsigned inter_answered = 0, inter = 0;
	for (int k = 0; k < nclients; k++)
		if (!cl[k].spinner) {
			inter++;
			inter_answered += cl[k].answers > 0;
		}
	printf("load: users=%d spinners=%d logged_on=%u ready=%u logon_s=%.1f answers=%u (%.0f/s) wrong=%u "
	       "timeouts=%u not_accepted=%u p50=%.2fms p99=%.2fms max=%.2fms",
	       nclients, n_spin, cpls.logged_on, cpls.ready, logon_s, cpls.answers, cpls.answers / run_s,
	       cpls.wrong, cpls.timeouts, cpls.rejected, p50, p99, mx);
	printf(" gen_cpu=%.1f%%", 100 * (gen1 - gen0) / run_s); /* tnload's own, on the same cores */
	if (pid && cpu0 >= 0 && cpu3 >= 0)
		printf(" cpu=%.1f%% idle_cpu=%.1f%%", 100 * (cpu1 - cpu0) / run_s,
		       100 * (cpu3 - cpu2) / idle_s);
	printf("\n");
	bool ok = cpls.failed == 0 && cpls.ready == (unsigned)nclients && cpls.spinning == (unsigned)n_spin &&
	          cpls.stopped == (unsigned)n_spin && cpls.wrong == 0 && inter_answered == inter &&
	          open_clients == nclients;
	if (!ok)
		fprintf(stderr,
		        "tnload: failed: %u failed, %u of %d ready, %u of %d spinning, %u stopped, %u of %u "
		        "users "
		        "answered, %u wrong, %d of %d connections open\n",
		        cpls.failed, cpls.ready, nclients, cpls.spinning, n_spin, cpls.stopped,
		        inter_answered, inter, cpls.wrong, open_clients, nclients);
	return ok ? 0 : 1;
}

static void usage(void)
{
	fprintf(stderr,
	        "usage: tnload -p PORT [-h HOST] [-n CLIENTS] [-d SECONDS] [-e] [-P PID] [-t MS] [-T MS]\n"
	        "       tnload -L -p PORT [-n USERS] [-S SPINNERS] [-d SECONDS] [-I SECONDS] [-W SECONDS]\n"
	        "              [-u USERFMT] [-w PWFMT] [-f FIRST] [-i VADDR] [-e] [-P PID] [-t MS] [-T MS] "
	        "[-v]\n");
}

int main(int argc, char **argv)
{
	const char *host = "127.0.0.1";
	int port = 0, n = 10, secs = 5, pid = 0, tmo_ms = -1, think_ms = -1;
	int idle_secs = 5, logon_secs = 0, opt;
	cpl = (struct cpl_conf){.user_fmt = "USER%03d", .pw_fmt = "PW%03d", .first = 1, .ipl = "192"};
	while ((opt = getopt(argc, argv, "h:p:n:d:eP:t:T:LS:I:W:u:w:f:i:v")) != -1) {
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
		case 'L':
			cp_mode = true;
			break;
		case 'S':
			n_spin = atoi(optarg);
			break;
		case 'I':
			idle_secs = atoi(optarg);
			break;
		case 'W':
			logon_secs = atoi(optarg);
			break;
		case 'u':
			cpl.user_fmt = optarg;
			break;
		case 'w':
			cpl.pw_fmt = optarg;
			break;
		case 'f':
			cpl.first = atoi(optarg);
			break;
		case 'i':
			cpl.ipl = optarg;
			break;
		case 'v':
			cpl.verbose = true;
			break;
		default:
			usage();
			return 2;
		}
	}
	if (port <= 0 || n <= 0 || secs <= 0 || n_spin < 0 || n_spin >= n || idle_secs < 0 ||
	    logon_secs < 0) {
		fprintf(
		    stderr,
		    "tnload: expected -p PORT, -n CLIENTS > 0, -d SECONDS > 0, 0 <= -S SPINNERS < CLIENTS\n");
		usage();
		return 2;
	}
	nclients = n;
	cl = calloc((size_t)n, sizeof *cl);
	pf = calloc((size_t)n, sizeof *pf);
	maxsamples = 1u << 22;
	samples = malloc(maxsamples * sizeof *samples);
	if (!cl || !pf || !samples) {
		fprintf(stderr, "tnload: out of memory\n");
		return 2;
	}
	if (connect_all(host, port))
		return 1;
	int rc;
	if (cp_mode) {
		cpl.think_ns = (uint64_t)(think_ms < 0 ? 1000 : think_ms) * 1000000u;
		cpl.tmo_ns = (uint64_t)(tmo_ms < 0 ? 5000 : tmo_ms) * 1000000u;
		rc = run_cp(secs, pid, idle_secs, logon_secs ? logon_secs : 60 + n / 5);
	} else {
		rc = run_echo(secs, pid, tmo_ms < 0 ? 2000 : tmo_ms, think_ms < 0 ? 0 : think_ms);
	}
	for (int k = 0; k < n; k++)
		if (cl[k].fd >= 0)
			close(cl[k].fd);
	free(cl);
	free(pf);
	free(samples);
	return rc;
}
