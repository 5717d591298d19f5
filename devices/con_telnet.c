/* con_telnet.c — the listener for telnet consoles, its sessions, and the
 * register of devices that clients may reach (see con_telnet.h).
 *
 * Threads and locks.  The listener is one thread for every session (poll
 * over the listening socket, a wake-up pipe and the clients).  Devices run
 * on the CPU thread with the channel lock held (device.h rule 1); the two
 * sides meet only here:
 *   - listener -> device: chan_post(), never the channel lock;
 *   - device -> listener: tel_dev_output() appends text to the session's
 *     queue under tel_reg_lock and writes a byte to the wake-up pipe
 *     (tel_dev_conceal() sets its wish about echo the same way).
 * tel_reg_lock guards the register (devices, which session each has) and the
 * text queues.  The lock order is channel lock, then tel_reg_lock; the listener
 * holds tel_reg_lock only for short copies and never calls out while holding it.
 *
 * 3270 displays share the port: a client whose terminal type names a 3270
 * is given a free 3270 device (same rules as the consoles) and its
 * connection's telnet events go to a TN3270 protocol instance (tn3270/;
 * the session side is in tel_tn3270.c): it negotiates TN3270E or TN3270,
 * then the listener sends the connection screen, the device hears
 * TEL_EV_CONNECT, and inbound records reach it as TEL_EV_RECORD.  The
 * device's output to such a session is records already
 * encoded (tel_dev_send), copied to the socket as they are, and only once
 * the session is in 3270 mode (live): a record the device wrote for the
 * previous client before it heard of its going is dropped.
 *
 * Bounds: opts.max_sessions connections (TN3270MAX); a line is
 * TEL_LINE_MAX bytes (the rest is discarded); a client that lets
 * TEL_OUT_MAX bytes of output pile up, or sends malformed telnet, loses its
 * session (the others run on).
 *
 * Liveness (docs/tn3270.md).  Every accepted socket has TCP keepalive
 * (CONKPALV idle, interval, count: tcp(7) TCP_KEEPIDLE, TCP_KEEPINTVL,
 * TCP_KEEPCNT), so a client whose machine vanished is noticed by the
 * kernel.  TN3270PROBE adds a telnet probe that also crosses proxies and
 * NAT boxes that answer keepalives themselves: after that many seconds
 * without a byte from the client, IAC DO TIMING-MARK (RFC 860), which every
 * client must answer (WILL or WONT); no byte within as long again and the
 * session is dead.  TN3270IDLE closes a session whose operator has sent no
 * line, record or key for that long (probe answers do not count); a 3270
 * is told so on its screen first.  Every way a session ends is the same
 * for the device: TEL_EV_DISCONNECT, a terminal switched off.
 *
 * TLS (tel_tls.c): a second listening socket whose connections first do a
 * TLS handshake (TLS_WAIT_MS at most) and then carry the same telnet
 * stream.  A client that opens with something other than a TLS handshake
 * record (a plain telnet client on the TLS port) is told so in plain text
 * and disconnected; it costs nobody else anything.  A TLS client over the
 * session limit is told so as a plain one is, inside TLS once the
 * handshake is done (REFUSE_MAX such clients at once; not sessions).
 */
#include <arpa/inet.h>
#include <ctype.h>
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include <libtelnet.h>

#include "channel.h"
#include "con_telnet.h"
#include "config.h"
#include "tel_int.h"
#include "tel_tls.h"
#include "tn3270.h"

enum {
	TTYPE_WAIT_MS = 1000,       /* a client that never answers DO TERMINAL-TYPE */
	TLS_WAIT_MS = 10000,        /* a TLS handshake that never ends */
	CLOSE_WAIT_MS = 5000,       /* a closing session's last output that is never read */
	REFUSE_MAX = 16,            /* TLS clients over the session limit being told so at once */
	TLS_RECORD_HANDSHAKE = 0x16 /* the first byte a TLS client sends (RFC 8446 5.1) */
};

pthread_mutex_t tel_reg_lock = PTHREAD_MUTEX_INITIALIZER;
struct tel_dev *tel_reg;

uint64_t tel_now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- the register ---- */

/* An IPv4 or IPv6 address (brackets allowed around IPv6): its family and
 * bytes, or 0. */
static int parse_ip(const char *text, uint8_t out[16])
{
	char buf[INET6_ADDRSTRLEN + 2];
	size_t n = strlen(text);
	if (n >= 2 && text[0] == '[' && text[n - 1] == ']' && n - 2 < sizeof buf) {
		memcpy(buf, text + 1, n - 2);
		buf[n - 2] = 0;
		return inet_pton(AF_INET6, buf, out) == 1 ? AF_INET6 : 0;
	}
	memset(out, 0, 16);
	if (inet_pton(AF_INET, text, out) == 1)
		return AF_INET;
	return inet_pton(AF_INET6, text, out) == 1 ? AF_INET6 : 0;
}

/* The mask operand for an address of family fam. */
static int parse_mask(const char *text, int fam, uint8_t mask[16], char *err, size_t errlen)
{
	uint8_t m[16];
	char *end;
	const char *num = text[0] == '/' ? text + 1 : text;
	long bits = fam == AF_INET6 && *num ? strtol(num, &end, 10) : -1;
	if (fam == AF_INET6 && bits >= 0 && bits <= 128 && !*end) { /* a prefix length */
		memset(mask, 0, 16);
		for (long k = 0; k < bits; k++)
			mask[k / 8] |= (uint8_t)(0x80 >> (k % 8));
		return 0;
	}
	int mf = parse_ip(text, m);
	if (mf == fam) {
		memcpy(mask, m, 16);
		return 0;
	}
	if (fam == AF_INET)
		snprintf(err, errlen, "bad subnet mask %s (an IPv4 address takes a dotted IPv4 mask)", text);
	else
		snprintf(err, errlen,
		         "bad subnet mask %s (an IPv6 address takes an IPv6 mask such as "
		         "ffff:ffff:ffff:ffff:: or a prefix length 0-128)",
		         text);
	return -1;
}

int tel_parse_bind(struct tel_bind *b, int argc, char **argv, char *err, size_t errlen)
{
	memset(b, 0, sizeof *b);
	uint8_t ip[16];
	int a = 0;
	if (a < argc && !parse_ip(argv[a], ip)) {
		const char *g = argv[a];
		size_t n = strlen(g);
		bool ok = n >= 1 && n <= 8;
		for (size_t k = 0; ok && k < n; k++)
			ok = (k == 0 ? isalpha((unsigned char)g[k]) : isalnum((unsigned char)g[k])) ||
			     (n == 1 && g[k] == '*');
		if (!ok) {
			snprintf(err, errlen,
			         "bad operand %s (expected a group name of 1-8 letters and "
			         "digits, '*', or an IP address)",
			         g);
			return -1;
		}
		if (strcmp(g, "*"))
			snprintf(b->group, sizeof b->group, "%s", g);
		a++;
	}
	if (a < argc) {
		b->family = parse_ip(argv[a], b->ip);
		if (!b->family) {
			snprintf(err, errlen, "bad IP address %s", argv[a]);
			return -1;
		}
		b->has_ip = true;
		memset(b->mask, 0xFF, b->family == AF_INET ? 4 : 16); /* this address alone */
		a++;
	}
	if (a < argc) {
		if (parse_mask(argv[a], b->family, b->mask, err, errlen))
			return -1;
		a++;
	}
	if (a < argc) {
		snprintf(err, errlen, "unexpected operand %s", argv[a]);
		return -1;
	}
	return 0;
}

static struct tel_dev *dev_register(struct device *d, const struct tel_bind *b, bool is3270,
                                    void (*fn)(struct device *, long, const char *, size_t))
{
	struct tel_dev *t = calloc(1, sizeof *t);
	if (!t)
		return NULL;
	t->is3270 = is3270;
	t->cs = d->cs;
	t->devnum = d->devnum;
	snprintf(t->type, sizeof t->type, "%s", d->type);
	t->bind = *b;
	t->fn = fn;
	pthread_mutex_lock(&tel_reg_lock);
	struct tel_dev **p = &tel_reg;
	while (*p && ((*p)->cs != t->cs || (*p)->devnum < t->devnum))
		p = &(*p)->next;
	t->next = *p;
	*p = t;
	pthread_mutex_unlock(&tel_reg_lock);
	return t;
}

struct tel_dev *tel_dev_register(struct device *d, const struct tel_bind *b,
                                 void (*fn)(struct device *, long, const char *, size_t))
{
	return dev_register(d, b, false, fn);
}

struct tel_dev *tel_dev_register_3270(struct device *d, const struct tel_bind *b,
                                      void (*fn)(struct device *, long, const char *, size_t))
{
	return dev_register(d, b, true, fn);
}

static void wake(struct tel_server *s)
{
	char b = 1;
	if (write(s->wake[1], &b, 1) < 0) {
		/* full pipe: the listener is awake anyway */
	}
}

void tel_dev_unregister(struct tel_dev *t)
{
	if (!t)
		return;
	pthread_mutex_lock(&tel_reg_lock);
	for (struct tel_dev **p = &tel_reg; *p; p = &(*p)->next) {
		if (*p == t) {
			*p = t->next;
			break;
		}
	}
	if (t->conn) {
		t->conn->dev = NULL;
		t->conn->kill = true;
		wake(t->conn->srv);
	}
	pthread_mutex_unlock(&tel_reg_lock);
	free(t);
}

/* Append to a session's text queue (tel_reg_lock held). */
static void queue_text(struct tel_conn *c, const char *text, size_t n)
{
	if (c->kill)
		return;
	if (c->text_len + n > TEL_OUT_MAX) {
		c->kill = true; /* the client stopped reading */
	} else {
		char *q = realloc(c->text, c->text_len + n);
		if (!q) {
			c->kill = true;
		} else {
			memcpy(q + c->text_len, text, n);
			c->text = q;
			c->text_len += n;
		}
	}
	wake(c->srv);
}

void tel_dev_output(struct tel_dev *t, const char *text)
{
	pthread_mutex_lock(&tel_reg_lock);
	if (t && t->conn)
		queue_text(t->conn, text, strlen(text));
	pthread_mutex_unlock(&tel_reg_lock);
}

void tel_dev_conceal(struct tel_dev *t, bool on)
{
	pthread_mutex_lock(&tel_reg_lock);
	if (t && t->conn && !t->conn->kill) {
		t->conn->conceal_req = on ? TEL_CONCEAL_ON : TEL_CONCEAL_OFF; /* the latest wins */
		wake(t->conn->srv);
	}
	pthread_mutex_unlock(&tel_reg_lock);
}

void tel_dev_send(struct tel_dev *t, const void *bytes, size_t n)
{
	pthread_mutex_lock(&tel_reg_lock);
	if (t && t->conn && t->conn->live)
		queue_text(t->conn, bytes, n);
	pthread_mutex_unlock(&tel_reg_lock);
}

void tel_dev_peer(struct tel_dev *t, char *buf, size_t n)
{
	pthread_mutex_lock(&tel_reg_lock);
	snprintf(buf, n, "%s", t && t->conn ? t->conn->peer : "");
	pthread_mutex_unlock(&tel_reg_lock);
}

bool tel_have_devices(struct chan_subsys *cs)
{
	pthread_mutex_lock(&tel_reg_lock);
	bool any = false;
	for (struct tel_dev *t = tel_reg; t && !any; t = t->next)
		any = t->cs == cs;
	pthread_mutex_unlock(&tel_reg_lock);
	return any;
}

/* ---- sessions (listener thread only) ---- */

static void conn_bytes(struct tel_conn *c, const char *buf, size_t n)
{
	if (c->out_len + n > 2 * TEL_OUT_MAX) {
		c->closing = true;
		c->out_len = 0; /* beyond saving: drop it */
		shutdown(c->fd, SHUT_RDWR);
		return;
	}
	char *q = realloc(c->out, c->out_len + n);
	if (!q)
		return;
	memcpy(q + c->out_len, buf, n);
	c->out = q;
	c->out_len += n;
}

void tel_conn_say(struct tel_conn *c, const char *text)
{
	tel_proto_text(&c->proto, text, strlen(text));
}

/* The client's address as the IP filter sees it: an IPv4 client reaching
 * a dual-stack socket ("::") as ::ffff:a.b.c.d (RFC 4291 2.5.5.2) is
 * IPv4.  Its family; the bytes in out. */
static int client_ip(const struct tel_conn *c, uint8_t out[16])
{
	memset(out, 0, 16);
	if (c->addr.ss_family == AF_INET) {
		memcpy(out, &((const struct sockaddr_in *)&c->addr)->sin_addr, 4);
		return AF_INET;
	}
	const struct in6_addr *a6 = &((const struct sockaddr_in6 *)&c->addr)->sin6_addr;
	if (IN6_IS_ADDR_V4MAPPED(a6)) {
		memcpy(out, a6->s6_addr + 12, 4);
		return AF_INET;
	}
	memcpy(out, a6->s6_addr, 16);
	return AF_INET6;
}

static bool eligible(const struct tel_dev *t, const struct tel_conn *c)
{
	if (!t->bind.has_ip)
		return true;
	uint8_t ip[16];
	if (client_ip(c, ip) != t->bind.family)
		return false; /* an IPv4 filter takes no IPv6 client, and the reverse */
	for (int k = 0; k < 16; k++)
		if ((ip[k] & t->bind.mask[k]) != (t->bind.ip[k] & t->bind.mask[k]))
			return false;
	return true;
}

/* Hercules' rule for the terminal-type suffix: "@0009" a device, "@NAME" a
 * group, none: the devices without a group.  tel_reg_lock held. */
struct tel_dev *tel_choose(struct tel_conn *c, const char *ttype, bool is3270)
{
	const char *at = strchr(ttype, '@');
	const char *want = at ? at + 1 : "";
	char *end;
	unsigned long num = *want ? strtoul(want, &end, 16) : 0;
	bool by_num = *want && !*end && strlen(want) <= 4;
	for (struct tel_dev *t = tel_reg; t; t = t->next) {
		if (t->cs != c->srv->cs || t->conn || t->is3270 != is3270 || !eligible(t, c))
			continue;
		if (by_num && t->devnum == num)
			return t;
		if (!by_num && !strcasecmp(t->bind.group, want))
			return t;
	}
	return NULL;
}

static void conn_ttype(void *ctx, const char *ttype)
{
	struct tel_conn *c = ctx;
	if (!strncasecmp(ttype, "IBM-3", 5)) {
		tel_conn_3270(c, ttype);
		return;
	}
	pthread_mutex_lock(&tel_reg_lock);
	struct tel_dev *t = tel_choose(c, ttype, false);
	uint16_t devnum = 0;
	char type[16] = "";
	void (*fn)(struct device *, long, const char *, size_t) = NULL;
	if (t) {
		t->conn = c;
		c->dev = t;
		devnum = t->devnum;
		fn = t->fn;
		snprintf(type, sizeof type, "%s", t->type);
	}
	pthread_mutex_unlock(&tel_reg_lock);
	if (!t) {
		tel_conn_say(c, "s370: no 3215 or 1052 console device is free for you; connection closed\n");
		c->closing = true;
		return;
	}
	char banner[80];
	snprintf(banner, sizeof banner, "s370: connected to %s console device %04X\n", type, devnum);
	tel_conn_say(c, banner);
	chan_post(c->srv->cs, devnum, fn, TEL_EV_CONNECT, c->peer, strlen(c->peer));
}

/* Post an event to the session's device, if it still has one. */
void tel_conn_post(struct tel_conn *c, long ev, const char *text, size_t n)
{
	pthread_mutex_lock(&tel_reg_lock);
	struct tel_dev *t = c->dev;
	uint16_t devnum = t ? t->devnum : 0;
	void (*fn)(struct device *, long, const char *, size_t) = t ? t->fn : NULL;
	pthread_mutex_unlock(&tel_reg_lock);
	if (fn)
		chan_post(c->srv->cs, devnum, fn, ev, text, n);
}

static void conn_line(void *ctx, const char *text, size_t n)
{
	((struct tel_conn *)ctx)->input_ms = tel_now_ms();
	tel_conn_post(ctx, TEL_EV_LINE, text, n);
}

static void conn_request(void *ctx)
{
	((struct tel_conn *)ctx)->input_ms = tel_now_ms();
	tel_conn_post(ctx, TEL_EV_REQUEST, "", 0);
}

static void conn_noecho(void *ctx)
{
	tel_conn_post(ctx, TEL_EV_NOECHO, "", 0);
}

static void conn_send(void *ctx, const char *buf, size_t n)
{
	conn_bytes(ctx, buf, n);
}

/* TCP keepalive on a client's socket (tcp(7)): probes after ka_idle
 * seconds of silence, every ka_intv seconds, ka_cnt unanswered ones and the
 * kernel reports the connection dead (the next poll sees POLLERR). */
static void keepalive(const struct tel_opts *o, int fd)
{
	/* Records go out whole: no Nagle delay behind an unacknowledged small
	 * segment (RFC 896), which with delayed ACKs costs up to 40 ms a turn. */
	int one = 1;
	setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof one);
	int on = o->ka_idle > 0;
	setsockopt(fd, SOL_SOCKET, SO_KEEPALIVE, &on, sizeof on);
	if (!on)
		return;
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPIDLE, &o->ka_idle, sizeof o->ka_idle);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPINTVL, &o->ka_intv, sizeof o->ka_intv);
	setsockopt(fd, IPPROTO_TCP, TCP_KEEPCNT, &o->ka_cnt, sizeof o->ka_cnt);
}

/* A connection from addr on fd.  refusal: a TLS client over the session
 * limit, which is not a session: after the handshake it reads refusal and
 * the connection closes (REFUSE_MAX of them at once). */
static void conn_open(struct tel_server *s, int fd, const struct sockaddr_storage *addr, bool tls,
                      const char *refusal)
{
	struct tel_conn *c = calloc(1, sizeof *c);
	if (!c) {
		close(fd);
		return;
	}
	c->srv = s;
	c->fd = fd;
	c->addr = *addr;
	/* "a.b.c.d:port" (an IPv4-mapped client too), "[v6]:port" (RFC 5952 6) */
	uint8_t b[16];
	char ip[INET6_ADDRSTRLEN] = "?";
	int fam = client_ip(c, b);
	inet_ntop(fam, b, ip, sizeof ip);
	unsigned port = ntohs(addr->ss_family == AF_INET ? ((const struct sockaddr_in *)addr)->sin_port
	                                                 : ((const struct sockaddr_in6 *)addr)->sin6_port);
	snprintf(c->peer, sizeof c->peer, fam == AF_INET6 ? "[%s]:%u" : "%s:%u", ip, port);
	c->born_ms = c->rx_ms = c->input_ms = tel_now_ms();
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	keepalive(&s->opts, fd);
	if (tls) {
		c->ssl = tel_tls_conn(s->tls, fd);
		c->handshaking = true;
	}
	static const struct tel_proto_cb cb = {
	    .send = conn_send, .line = conn_line, .request = conn_request, .ttype = conn_ttype,
	    .noecho = conn_noecho};
	if ((tls && !c->ssl) || tel_proto_init(&c->proto, &cb, c)) {
		tel_tls_conn_free(c->ssl);
		close(fd);
		free(c);
		return;
	}
	c->next = s->conns;
	s->conns = c;
	if (refusal) { /* no telnet: just the words, as on the plain port */
		c->refusing = true;
		c->closing = true;
		c->out_len = 0;
		conn_bytes(c, refusal, strlen(refusal));
		s->nrefusing++;
		return;
	}
	pthread_mutex_lock(&tel_reg_lock);
	s->nconns++;
	pthread_mutex_unlock(&tel_reg_lock);
}

/* Free a session; the device, if any, sees the client go. */
static void conn_close(struct tel_server *s, struct tel_conn *c, bool tell_device)
{
	pthread_mutex_lock(&tel_reg_lock);
	struct tel_dev *t = c->dev;
	uint16_t devnum = t ? t->devnum : 0;
	void (*fn)(struct device *, long, const char *, size_t) = t ? t->fn : NULL;
	if (t)
		t->conn = NULL;
	c->dev = NULL;
	free(c->text);
	if (c->refusing)
		s->nrefusing--;
	else
		s->nconns--;
	pthread_mutex_unlock(&tel_reg_lock);
	if (fn && tell_device)
		chan_post(s->cs, devnum, fn, TEL_EV_DISCONNECT, "", 0);
	tel_proto_free(&c->proto);
	free(c->tn);
	tel_tls_conn_free(c->ssl);
	/* what the client sent and nobody read would make close() a reset,
	 * which can overtake our last words (RFC 1122 4.2.2.13) */
	char drain[4096];
	for (int k = 0; k < 16 && recv(c->fd, drain, sizeof drain, MSG_DONTWAIT) > 0; k++) {
	}
	close(c->fd);
	free(c->out);
	for (struct tel_conn **p = &s->conns; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	free(c);
}

/* Encode the device's queued text; false if the session must go.  A
 * request to hide the next line comes after the text queued before it (the
 * program's prompt), one to stop hiding before the text after it. */
static bool conn_flush_text(struct tel_conn *c)
{
	pthread_mutex_lock(&tel_reg_lock);
	char *text = c->text;
	size_t n = c->text_len;
	bool kill = c->kill;
	int conceal = c->conceal_req;
	c->text = NULL;
	c->text_len = 0;
	c->conceal_req = TEL_CONCEAL_NONE;
	pthread_mutex_unlock(&tel_reg_lock);
	if (conceal == TEL_CONCEAL_OFF && !c->raw)
		tel_proto_conceal(&c->proto, false);
	if (n && c->raw)
		conn_bytes(c, text, n);
	else if (n)
		tel_proto_text(&c->proto, text, n);
	free(text);
	if (conceal == TEL_CONCEAL_ON && !c->raw && !tel_proto_conceal(&c->proto, true))
		tel_conn_post(c, TEL_EV_NOECHO, "", 0);
	return !kill;
}

/* Send what is queued; false if the session must go. */
static bool conn_write(struct tel_conn *c)
{
	if (c->handshaking)
		return true; /* the queue waits for the TLS session */
	while (c->out_len) {
		ssize_t w;
		if (c->ssl) {
			w = tel_tls_write(c->ssl, c->out, c->out_len, &c->tls_wants_out);
			if (w == TEL_TLS_AGAIN)
				return true;
		} else {
			w = send(c->fd, c->out, c->out_len, MSG_NOSIGNAL);
			if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
				return true;
		}
		if (w < 0) {
			c->out_len = 0;
			return false;
		}
		memmove(c->out, c->out + w, c->out_len - (size_t)w);
		c->out_len -= (size_t)w;
	}
	return !c->closing;
}

/* Bytes from the client to the protocol; false if the session must go. */
static bool conn_input(struct tel_conn *c, const char *buf, size_t n)
{
	if (c->refusing)
		return true; /* it is being shown the door: nothing it says matters */
	c->rx_ms = tel_now_ms();
	c->probe_ms = 0; /* it is alive */
	if (tel_proto_recv(&c->proto, buf, n))
		return false;
	return !c->tn || !c->tn->error;
}

static bool conn_read(struct tel_conn *c);

/* The TLS port: a first byte that does not start a TLS handshake is a
 * plain client, told so in its own terms.  Then the handshake; when it is
 * done, the telnet conversation (queued already) begins. */
static bool conn_handshake(struct tel_conn *c)
{
	uint8_t first;
	ssize_t r = c->tls_started ? 1 : recv(c->fd, &first, 1, MSG_PEEK);
	if (r == 0)
		return false;
	if (r < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR; /* nothing yet */
	if (!c->tls_started && first != TLS_RECORD_HANDSHAKE) {
		static const char msg[] = "s370: this port speaks TLS only (tn3270 clients: the L: prefix, "
		                          "c3270 L:host:port); connection closed\r\n";
		if (send(c->fd, msg, sizeof msg - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
			/* nothing more to tell it */
		}
		return false;
	}
	char err[200];
	int h = tel_tls_handshake(c->ssl, &c->tls_wants_out, err, sizeof err);
	c->tls_started = true;
	if (h == TEL_TLS_AGAIN)
		return true;
	if (h != 1)
		return false;
	c->handshaking = false;
	c->born_ms = tel_now_ms();            /* the terminal-type question starts now */
	return conn_write(c) && conn_read(c); /* the client's first bytes may be in already */
}

static bool conn_read(struct tel_conn *c)
{
	char buf[4096];
	if (c->handshaking)
		return conn_handshake(c);
	if (c->ssl) {
		/* everything OpenSSL can decrypt now: poll does not see its buffer */
		for (;;) {
			ssize_t r = tel_tls_read(c->ssl, buf, sizeof buf, &c->tls_wants_out);
			if (r == TEL_TLS_AGAIN)
				return true;
			if (r <= 0)
				return false;
			if (!conn_input(c, buf, (size_t)r))
				return false;
		}
	}
	ssize_t r = recv(c->fd, buf, sizeof buf, 0);
	if (r == 0)
		return false;
	if (r < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
	return conn_input(c, buf, (size_t)r);
}

/* One client from the listening socket lfd; false when none waits. */
static bool do_accept(struct tel_server *s, int lfd, bool tls)
{
	struct sockaddr_storage addr;
	socklen_t alen = sizeof addr;
	int fd = accept4(lfd, (struct sockaddr *)&addr, &alen, SOCK_CLOEXEC);
	if (fd < 0)
		return false;
	if (s->nconns >= s->opts.max_sessions) {
		char msg[120];
		int n =
		    snprintf(msg, sizeof msg, "s370: too many sessions (at most %d); connection closed\r\n",
		             s->opts.max_sessions);
		/* a TLS client can only read it inside TLS: a handshake first, so
		 * it is kept (not as a session) until it has read the words; past
		 * REFUSE_MAX such clients at once (a flood) it is just closed */
		if (tls && s->nrefusing < REFUSE_MAX) {
			conn_open(s, fd, &addr, true, msg);
			return true;
		}
		if (!tls && send(fd, msg, (size_t)n, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
			/* nothing more to tell it */
		}
		close(fd);
		return true;
	}
	conn_open(s, fd, &addr, tls, NULL);
	return true;
}

/* An idle session is closed with a word to its operator. */
static void conn_idle_out(struct tel_conn *c)
{
	char msg[120];
	snprintf(msg, sizeof msg, "s370: session closed after %d seconds without input", c->srv->opts.idle_s);
	if (c->tn && c->tn->ready) {
		const char *const lines[] = {msg};
		uint8_t scr[256];
		size_t n = tn_screen(lines, 1, scr, sizeof scr);
		tn_proto_send_record(c->tn, TN_CMD_EW, scr, n);
	} else if (!c->tn) {
		strcat(msg, "\n");
		tel_conn_say(c, msg);
	}
	c->closing = true;
}

/* Timers of one session at time now: false if it must go now.  *timeout
 * becomes the poll time-out until the session's next deadline. */
static bool conn_timers(struct tel_conn *c, uint64_t now, int *timeout)
{
	const struct tel_opts *o = &c->srv->opts;
	uint64_t next = UINT64_MAX;
	if (c->closing) { /* last words that the client does not take: CLOSE_WAIT_MS */
		if (!c->closing_ms)
			c->closing_ms = now;
		if (now >= c->closing_ms + CLOSE_WAIT_MS)
			return false;
		next = c->closing_ms + CLOSE_WAIT_MS;
	}
	if (c->handshaking) {
		uint64_t due = c->born_ms + (uint64_t)o->tls_wait_ms;
		if (now >= due)
			return false;
		next = due;
	} else if (!c->proto.ttype_done && !c->refusing) {
		uint64_t due = c->born_ms + TTYPE_WAIT_MS;
		if (now >= due)
			tel_proto_ttype_timeout(&c->proto);
		else
			next = due;
	}
	if (o->idle_s && !c->closing) {
		uint64_t due = c->input_ms + (uint64_t)o->idle_s * 1000;
		if (now >= due)
			conn_idle_out(c);
		else if (due < next)
			next = due;
	}
	if (o->probe_s && !c->handshaking && !c->closing) {
		uint64_t quiet = (uint64_t)o->probe_s * 1000;
		if (c->probe_ms && now >= c->probe_ms + quiet)
			return false; /* no answer: the client is gone */
		if (!c->probe_ms && now >= c->rx_ms + quiet) {
			c->probe_ms = now;
			telnet_negotiate(c->proto.t, TELNET_DO, TELNET_TELOPT_TM);
		}
		uint64_t due = c->probe_ms ? c->probe_ms + quiet : c->rx_ms + quiet;
		if (due < next)
			next = due;
	}
	if (next != UINT64_MAX) {
		int ms = next > now ? (int)(next - now < 3600000 ? next - now : 3600000) : 0;
		if (*timeout < 0 || ms < *timeout)
			*timeout = ms;
	}
	return true;
}

static void *listener(void *arg)
{
	struct tel_server *s = arg;
	struct pollfd *pf = s->pf;
	struct tel_conn **pc = s->pc;
	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		/* Encode what the devices wrote; run the sessions' timers. */
		uint64_t now = tel_now_ms();
		int timeout = -1;
		for (struct tel_conn *c = s->conns, *next; c; c = next) {
			next = c->next;
			if (!conn_timers(c, now, &timeout) || !conn_flush_text(c) || !conn_write(c))
				conn_close(s, c, true);
		}
		int n = 0;
		pf[n++] = (struct pollfd){.fd = s->wake[0], .events = POLLIN};
		pf[n++] = (struct pollfd){.fd = s->lfd, .events = POLLIN};
		pf[n++] = (struct pollfd){.fd = s->tlsfd, .events = POLLIN};
		int k = 0;
		for (struct tel_conn *c = s->conns; c; c = c->next) {
			bool out = c->tls_wants_out || (c->out_len && !c->handshaking);
			pc[k++] = c;
			/* a closing session reads no more, unless its last words
			 * wait for a TLS handshake (a refusal) */
			bool in = !c->closing || c->handshaking;
			pf[n++] = (struct pollfd){.fd = c->fd,
			                          .events = (short)((in ? POLLIN : 0) | (out ? POLLOUT : 0))};
		}
		if (poll(pf, (nfds_t)n, timeout) < 0)
			continue;
		if (pf[0].revents) {
			char b[64];
			while (read(s->wake[0], b, sizeof b) > 0) {
			}
		}
		for (int j = 0; j < k; j++) {
			struct tel_conn *c = pc[j];
			short ev = pf[j + 3].revents;
			bool ok = true;
			/* OpenSSL may read when it writes and the reverse: either way
			 * of readiness lets both go on */
			if (ev & (POLLIN | POLLHUP | POLLERR) || (c->ssl && ev))
				ok = conn_read(c);
			if (ok && (ev & POLLOUT))
				ok = conn_write(c);
			if (!ok)
				conn_close(s, c, true);
		}
		/* every client waiting (the listening sockets do not block) */
		for (int j = 0; j < 64 && pf[1].revents & POLLIN && do_accept(s, s->lfd, false); j++) {
		}
		for (int j = 0; j < 64 && pf[2].revents & POLLIN && do_accept(s, s->tlsfd, true); j++) {
		}
	}
	/* Shutting down: what the devices wrote last still goes out (for half
	 * a second at most), then every session closes. */
	uint64_t until = tel_now_ms() + 500;
	for (struct tel_conn *c = s->conns; c; c = c->next) {
		conn_flush_text(c);
		while (conn_write(c) && c->out_len && !c->handshaking && tel_now_ms() < until) {
			struct pollfd p1 = {.fd = c->fd, .events = POLLOUT};
			poll(&p1, 1, 50);
		}
	}
	while (s->conns)
		conn_close(s, s->conns, false);
	return NULL;
}

void tel_opts_default(struct tel_opts *o)
{
	memset(o, 0, sizeof *o);
	o->port = 3270;
	o->tls_port = -1;
	o->ka_idle = 60;
	o->ka_intv = 10;
	o->ka_cnt = 6;
	o->max_sessions = TEL_SESSIONS_MAX;
	o->tls_wait_ms = TLS_WAIT_MS;
}

void tel_opts_from_config(struct tel_opts *o, const struct config *cfg)
{
	tel_opts_default(o);
	snprintf(o->host, sizeof o->host, "%s", cfg->cnslhost);
	o->port = cfg->cnslport ? cfg->cnslport : -1;
	snprintf(o->tls_host, sizeof o->tls_host, "%s", cfg->tlshost);
	o->tls_port = cfg->tlsport ? cfg->tlsport : -1;
	snprintf(o->tls_cert, sizeof o->tls_cert, "%s", cfg->tlscert);
	snprintf(o->tls_key, sizeof o->tls_key, "%s", cfg->tlskey);
	o->ka_idle = cfg->kpalv_idle;
	o->ka_intv = cfg->kpalv_intv;
	o->ka_cnt = cfg->kpalv_cnt;
	o->probe_s = cfg->tnprobe;
	o->idle_s = cfg->tnidle;
	o->max_sessions = cfg->tnmax;
	snprintf(o->logo, sizeof o->logo, "%s", cfg->logo);
}

/* A listening socket on host:port (host: IPv4, IPv6 with or without
 * brackets, "" = 127.0.0.1); the port bound in *bound.  -1 with a reason. */
static int listen_on(const char *what, const char *host, int port, int *bound, char *err, size_t errlen)
{
	const char *h = host && *host ? host : "127.0.0.1";
	uint8_t ip[16];
	int fam = parse_ip(h, ip);
	if (!fam) {
		snprintf(err, errlen, "%s host %s: expected an IPv4 or IPv6 address ([::1], [::])", what, h);
		return -1;
	}
	struct sockaddr_storage a = {0};
	socklen_t alen;
	if (fam == AF_INET) {
		struct sockaddr_in *a4 = (struct sockaddr_in *)&a;
		a4->sin_family = AF_INET;
		a4->sin_port = htons((uint16_t)port);
		memcpy(&a4->sin_addr, ip, 4);
		alen = sizeof *a4;
	} else {
		struct sockaddr_in6 *a6 = (struct sockaddr_in6 *)&a;
		a6->sin6_family = AF_INET6;
		a6->sin6_port = htons((uint16_t)port);
		memcpy(&a6->sin6_addr, ip, 16);
		alen = sizeof *a6;
	}
	int fd = socket(fam, SOCK_STREAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
	int one = 1, zero = 0;
	if (fd >= 0)
		setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	/* "::" is every interface, IPv4 ones too (IPv4 clients arrive as
	 * ::ffff:a.b.c.d), whatever the host's net.ipv6.bindv6only says */
	if (fd >= 0 && fam == AF_INET6)
		setsockopt(fd, IPPROTO_IPV6, IPV6_V6ONLY, &zero, sizeof zero);
	/* a deep backlog: hundreds of clients may come at once (bench/tnload.c) */
	if (fd < 0 || bind(fd, (struct sockaddr *)&a, alen) || listen(fd, SOMAXCONN)) {
		snprintf(err, errlen, "%s %s:%d: %s", what, h, port, strerror(errno));
		if (fd >= 0)
			close(fd);
		return -1;
	}
	alen = sizeof a;
	getsockname(fd, (struct sockaddr *)&a, &alen);
	*bound = ntohs(fam == AF_INET ? ((struct sockaddr_in *)&a)->sin_port
	                              : ((struct sockaddr_in6 *)&a)->sin6_port);
	return fd;
}

static void server_free(struct tel_server *s)
{
	if (s->lfd >= 0)
		close(s->lfd);
	if (s->tlsfd >= 0)
		close(s->tlsfd);
	if (s->wake[0] >= 0)
		close(s->wake[0]);
	if (s->wake[1] >= 0)
		close(s->wake[1]);
	tel_tls_free(s->tls);
	free(s->pf);
	free(s->pc);
	free(s);
}

struct tel_server *tel_server_start_opts(struct chan_subsys *cs, const struct tel_opts *o, char *err,
                                         size_t errlen)
{
	struct tel_server *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->cs = cs;
	s->opts = *o;
	if (s->opts.max_sessions < 1 || s->opts.max_sessions > TEL_SESSIONS_CAP)
		s->opts.max_sessions = TEL_SESSIONS_MAX;
	if (s->opts.tls_wait_ms <= 0)
		s->opts.tls_wait_ms = TLS_WAIT_MS;
	s->lfd = s->tlsfd = s->wake[0] = s->wake[1] = -1;
	if (errlen)
		err[0] = 0;
	s->pf = calloc((size_t)s->opts.max_sessions + REFUSE_MAX + 3, sizeof *s->pf);
	s->pc = calloc((size_t)s->opts.max_sessions + REFUSE_MAX, sizeof *s->pc);
	if (!s->pf || !s->pc || pipe2(s->wake, O_NONBLOCK | O_CLOEXEC)) {
		snprintf(err, errlen, "out of memory");
		server_free(s);
		return NULL;
	}
	if (o->port >= 0 &&
	    (s->lfd = listen_on("console port", o->host, o->port, &s->port, err, errlen)) < 0) {
		server_free(s);
		return NULL;
	}
	/* A TLS port that cannot be opened (a bad certificate, the port in
	 * use) leaves the plain port serving: the reason stays in err. */
	if (o->tls_port >= 0) {
		s->tls = tel_tls_new(o->tls_cert, o->tls_key, err, errlen);
		if (s->tls)
			s->tlsfd = listen_on("TLS port", o->tls_host, o->tls_port, &s->tls_port, err, errlen);
		if (s->tlsfd < 0 && s->lfd < 0) {
			server_free(s);
			return NULL;
		}
	}
	if (pthread_create(&s->thread, NULL, listener, s)) {
		snprintf(err, errlen, "cannot create the console listener thread");
		server_free(s);
		return NULL;
	}
	return s;
}

struct tel_server *tel_server_start(struct chan_subsys *cs, const char *host, int port, char *err,
                                    size_t errlen)
{
	struct tel_opts o;
	tel_opts_default(&o);
	snprintf(o.host, sizeof o.host, "%s", host ? host : "");
	o.port = port; /* 0: a port of the system's choice (tests) */
	return tel_server_start_opts(cs, &o, err, errlen);
}

int tel_server_port(const struct tel_server *s)
{
	return s ? s->port : 0;
}

int tel_server_tls_port(const struct tel_server *s)
{
	return s ? s->tls_port : 0;
}

int tel_server_sessions(struct tel_server *s)
{
	pthread_mutex_lock(&tel_reg_lock);
	int n = s ? s->nconns : 0;
	pthread_mutex_unlock(&tel_reg_lock);
	return n;
}

void tel_server_stop(struct tel_server *s)
{
	if (!s)
		return;
	__atomic_store_n(&s->stop, true, __ATOMIC_RELEASE);
	wake(s);
	pthread_join(s->thread, NULL);
	server_free(s);
}
