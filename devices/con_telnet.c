/* con_telnet.c — the listener for telnet consoles, its sessions, and the
 * register of devices that clients may reach (see con_telnet.h).
 *
 * Threads and locks.  The listener is one thread for every session (poll
 * over the listening socket, a wake-up pipe and the clients).  Devices run
 * on the CPU thread with the channel lock held (device.h rule 1); the two
 * sides meet only here:
 *   - listener -> device: chan_post(), never the channel lock;
 *   - device -> listener: tel_dev_output() appends text to the session's
 *     queue under reg_lock and writes a byte to the wake-up pipe.
 * reg_lock guards the register (devices, which session each has) and the
 * text queues.  The lock order is channel lock, then reg_lock; the listener
 * holds reg_lock only for short copies and never calls out while holding it.
 *
 * 3270 displays share the port: a client whose terminal type names a 3270
 * is given a free 3270 device (same rules as the consoles) and its
 * connection's telnet events go to a TN3270 protocol instance (tn3270/):
 * it negotiates TN3270E or TN3270, then the listener sends the connection
 * screen, the device hears TEL_EV_CONNECT, and inbound records reach it as
 * TEL_EV_RECORD.  The device's output to such a session is records already
 * encoded (tel_dev_send), copied to the socket as they are, and only once
 * the session is in 3270 mode (live): a record the device wrote for the
 * previous client before it heard of its going is dropped.
 *
 * Bounds: TEL_SESSIONS_MAX connections; a line is TEL_LINE_MAX bytes (the
 * rest is discarded); a client that lets TEL_OUT_MAX bytes of output pile
 * up, or sends malformed telnet, loses its session (the others run on).
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
#include <sys/socket.h>
#include <time.h>
#include <unistd.h>

#include "channel.h"
#include "con_telnet.h"
#include "tn3270.h"

enum { TTYPE_WAIT_MS = 1000 }; /* a client that never answers DO TERMINAL-TYPE */

struct tel_conn;

struct tel_dev {
	struct chan_subsys *cs;
	uint16_t devnum;
	char type[16];
	struct tel_bind bind;
	bool is3270; /* a 3270 display: TN3270 clients only */
	void (*fn)(struct device *, long, const char *, size_t);
	struct tel_conn *conn; /* the session that owns the device, or NULL */
	struct tel_dev *next;  /* the register, by (cs, devnum) */
};

struct tel_conn {
	struct tel_server *srv;
	int fd;
	struct sockaddr_in addr;
	char peer[32];
	struct tel_proto proto;
	struct tn_proto *tn; /* a TN3270 session: the protocol that took over */
	bool raw;            /* the device's output is encoded already (3270) */
	bool live;           /* under reg_lock: 3270 mode, the device may send */
	char ttype[TEL_TTYPE_MAX];
	struct tel_dev *dev; /* under reg_lock */
	char *text;          /* device output not yet encoded (under reg_lock) */
	size_t text_len;
	bool kill; /* under reg_lock: close it (detached, overflow) */
	char *out; /* encoded bytes for the socket (listener only) */
	size_t out_len;
	bool closing; /* close when out is written */
	uint64_t born_ms;
	struct tel_conn *next;
};

struct tel_server {
	struct chan_subsys *cs;
	int lfd, port;
	int wake[2];
	bool stop;
	pthread_t thread;
	struct tel_conn *conns;
	int nconns;
};

static pthread_mutex_t reg_lock = PTHREAD_MUTEX_INITIALIZER;
static struct tel_dev *reg;

static uint64_t now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (uint64_t)ts.tv_sec * 1000 + (uint64_t)ts.tv_nsec / 1000000;
}

/* ---- the register ---- */

int tel_parse_bind(struct tel_bind *b, int argc, char **argv, char *err, size_t errlen)
{
	memset(b, 0, sizeof *b);
	int a = 0;
	if (a < argc && inet_pton(AF_INET, argv[a], &b->ip) != 1) {
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
		if (inet_pton(AF_INET, argv[a], &b->ip) != 1) {
			snprintf(err, errlen, "bad IP address %s", argv[a]);
			return -1;
		}
		b->has_ip = true;
		b->mask.s_addr = 0xFFFFFFFFu;
		a++;
	}
	if (a < argc) {
		if (inet_pton(AF_INET, argv[a], &b->mask) != 1) {
			snprintf(err, errlen, "bad subnet mask %s", argv[a]);
			return -1;
		}
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
	pthread_mutex_lock(&reg_lock);
	struct tel_dev **p = &reg;
	while (*p && ((*p)->cs != t->cs || (*p)->devnum < t->devnum))
		p = &(*p)->next;
	t->next = *p;
	*p = t;
	pthread_mutex_unlock(&reg_lock);
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
	pthread_mutex_lock(&reg_lock);
	for (struct tel_dev **p = &reg; *p; p = &(*p)->next) {
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
	pthread_mutex_unlock(&reg_lock);
	free(t);
}

/* Append to a session's text queue (reg_lock held). */
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
	pthread_mutex_lock(&reg_lock);
	if (t && t->conn)
		queue_text(t->conn, text, strlen(text));
	pthread_mutex_unlock(&reg_lock);
}

void tel_dev_send(struct tel_dev *t, const void *bytes, size_t n)
{
	pthread_mutex_lock(&reg_lock);
	if (t && t->conn && t->conn->live)
		queue_text(t->conn, bytes, n);
	pthread_mutex_unlock(&reg_lock);
}

void tel_dev_peer(struct tel_dev *t, char *buf, size_t n)
{
	pthread_mutex_lock(&reg_lock);
	snprintf(buf, n, "%s", t && t->conn ? t->conn->peer : "");
	pthread_mutex_unlock(&reg_lock);
}

bool tel_have_devices(struct chan_subsys *cs)
{
	pthread_mutex_lock(&reg_lock);
	bool any = false;
	for (struct tel_dev *t = reg; t && !any; t = t->next)
		any = t->cs == cs;
	pthread_mutex_unlock(&reg_lock);
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

static void conn_say(struct tel_conn *c, const char *text)
{
	tel_proto_text(&c->proto, text, strlen(text));
}

static bool eligible(const struct tel_dev *t, const struct tel_conn *c)
{
	if (!t->bind.has_ip)
		return true;
	return (c->addr.sin_addr.s_addr & t->bind.mask.s_addr) == (t->bind.ip.s_addr & t->bind.mask.s_addr);
}

/* Hercules' rule for the terminal-type suffix: "@0009" a device, "@NAME" a
 * group, none: the devices without a group.  reg_lock held. */
static struct tel_dev *choose(struct tel_conn *c, const char *ttype, bool is3270)
{
	const char *at = strchr(ttype, '@');
	const char *want = at ? at + 1 : "";
	char *end;
	unsigned long num = *want ? strtoul(want, &end, 16) : 0;
	bool by_num = *want && !*end && strlen(want) <= 4;
	for (struct tel_dev *t = reg; t; t = t->next) {
		if (t->cs != c->srv->cs || t->conn || t->is3270 != is3270 || !eligible(t, c))
			continue;
		if (by_num && t->devnum == num)
			return t;
		if (!by_num && !strcasecmp(t->bind.group, want))
			return t;
	}
	return NULL;
}

static void conn_3270(struct tel_conn *c, const char *ttype);

static void conn_ttype(void *ctx, const char *ttype)
{
	struct tel_conn *c = ctx;
	if (!strncasecmp(ttype, "IBM-3", 5)) {
		conn_3270(c, ttype);
		return;
	}
	pthread_mutex_lock(&reg_lock);
	struct tel_dev *t = choose(c, ttype, false);
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
	pthread_mutex_unlock(&reg_lock);
	if (!t) {
		conn_say(c, "s370: no 3215 or 1052 console device is free for you; connection closed\n");
		c->closing = true;
		return;
	}
	char banner[80];
	snprintf(banner, sizeof banner, "s370: connected to %s console device %04X\n", type, devnum);
	conn_say(c, banner);
	chan_post(c->srv->cs, devnum, fn, TEL_EV_CONNECT, c->peer, strlen(c->peer));
}

/* Post an event to the session's device, if it still has one. */
static void conn_post(struct tel_conn *c, long ev, const char *text, size_t n)
{
	pthread_mutex_lock(&reg_lock);
	struct tel_dev *t = c->dev;
	uint16_t devnum = t ? t->devnum : 0;
	void (*fn)(struct device *, long, const char *, size_t) = t ? t->fn : NULL;
	pthread_mutex_unlock(&reg_lock);
	if (fn)
		chan_post(c->srv->cs, devnum, fn, ev, text, n);
}

static void conn_line(void *ctx, const char *text, size_t n)
{
	conn_post(ctx, TEL_EV_LINE, text, n);
}

static void conn_request(void *ctx)
{
	conn_post(ctx, TEL_EV_REQUEST, "", 0);
}

static void conn_send(void *ctx, const char *buf, size_t n)
{
	conn_bytes(ctx, buf, n);
}

/* ---- TN3270 sessions ---- */

static void tn_event(void *ctx, void *ev)
{
	struct tel_conn *c = ctx;
	tn_proto_event(c->tn, ev);
}

/* 3270 mode in both directions: the connection screen, then the device
 * becomes ready (it hears of the client). */
static void tn_ready(void *ctx)
{
	struct tel_conn *c = ctx;
	pthread_mutex_lock(&reg_lock);
	struct tel_dev *t = c->dev;
	uint16_t devnum = t ? t->devnum : 0;
	void (*fn)(struct device *, long, const char *, size_t) = t ? t->fn : NULL;
	char type[16] = "";
	if (t)
		snprintf(type, sizeof type, "%s", t->type);
	c->live = t != NULL;
	pthread_mutex_unlock(&reg_lock);
	if (!fn)
		return;
	char l1[80], l3[80];
	snprintf(l1, sizeof l1, "s370: connected to %s display device %04X", type, devnum);
	snprintf(l3, sizeof l3, "Waiting for the system to write to this display.");
	const char *const lines[] = {l1, "", l3};
	uint8_t scr[512];
	size_t n = tn_screen(lines, 3, scr, sizeof scr);
	tn_proto_send_record(c->tn, TN_CMD_EW, scr, n);
	char what[TEL_TTYPE_MAX + 80];
	if (c->tn->e_mode)
		snprintf(what, sizeof what, "%s %s tn3270e", c->peer, c->tn->e_type);
	else
		snprintf(what, sizeof what, "%s %s", c->peer, c->ttype);
	chan_post(c->srv->cs, devnum, fn, TEL_EV_CONNECT, what, strlen(what));
}

static void tn_refused(void *ctx)
{
	struct tel_conn *c = ctx;
	conn_say(c, "s370: a 3270 session needs BINARY and END-OF-RECORD; connection closed\n");
	c->closing = true;
}

static void tn_record(void *ctx, const uint8_t *rec, size_t n)
{
	conn_post(ctx, TEL_EV_RECORD, (const char *)rec, n);
}

/* TN3270E DEVICE-TYPE REQUEST: the LU name is a device number or a group
 * (the "@" suffix of a terminal type); none: the device chosen already. */
static int tn_lu(void *ctx, const char *type, const char *lu, char *out, size_t n)
{
	(void)type;
	struct tel_conn *c = ctx;
	int rc = -1;
	pthread_mutex_lock(&reg_lock);
	struct tel_dev *cur = c->dev;
	char want[TN_LU_MAX + 2];
	snprintf(want, sizeof want, "@%s", lu);
	char *end;
	unsigned long num = strtoul(lu, &end, 16);
	bool is_cur = cur && (!*lu || (!*end && strlen(lu) <= 4 && cur->devnum == num) ||
	                      (cur->bind.group[0] && !strcasecmp(cur->bind.group, lu)));
	if (!is_cur) {
		struct tel_dev *t = choose(c, want, true);
		if (t) {
			if (cur)
				cur->conn = NULL;
			t->conn = c;
			c->dev = cur = t;
		} else {
			rc = TN_E_INV_NAME; /* in use, or no such device */
			for (struct tel_dev *x = reg; x; x = x->next)
				if (x->cs == c->srv->cs && x->is3270 && x->conn &&
				    ((!*end && x->devnum == num) || !strcasecmp(x->bind.group, lu)))
					rc = TN_E_DEVICE_IN_USE;
		}
	}
	if (rc < 0)
		snprintf(out, n, "%04X", cur->devnum);
	pthread_mutex_unlock(&reg_lock);
	return rc;
}

/* A client whose terminal type names a 3270 (IBM-3...): a 3270 device for
 * it, or a plain-text refusal (it is still a plain NVT at this point). */
static void conn_3270(struct tel_conn *c, const char *ttype)
{
	struct tn_term term;
	pthread_mutex_lock(&reg_lock);
	bool any = false;
	for (struct tel_dev *t = reg; t && !any; t = t->next)
		any = t->cs == c->srv->cs && t->is3270;
	struct tel_dev *t = any && tn_ttype_parse(ttype, &term) ? choose(c, ttype, true) : NULL;
	if (t) {
		t->conn = c;
		c->dev = t;
	}
	pthread_mutex_unlock(&reg_lock);
	if (!any) {
		conn_say(c, "s370: this port serves 3215 and 1052 line-mode consoles, not 3270 terminals\n");
		c->closing = true;
		return;
	}
	if (!tn_ttype_parse(ttype, &term)) {
		conn_say(c, "s370: terminal type not supported (expected IBM-3277-2, IBM-3278-2..5, "
		            "IBM-3279-2..5 or IBM-DYNAMIC); connection closed\n");
		c->closing = true;
		return;
	}
	if (!t) {
		conn_say(c, "s370: no 3270 display device is free for you; connection closed\n");
		c->closing = true;
		return;
	}
	c->tn = malloc(sizeof *c->tn);
	if (!c->tn) {
		c->closing = true;
		return;
	}
	snprintf(c->ttype, sizeof c->ttype, "%s", ttype);
	c->raw = true;
	static const struct tn_proto_cb cb = {
	    .ready = tn_ready, .refused = tn_refused, .record = tn_record, .lu = tn_lu};
	tel_proto_divert(&c->proto, tn_event, c);
	tn_proto_start(c->tn, c->proto.t, &cb, c, true);
}

static void conn_open(struct tel_server *s, int fd, const struct sockaddr_in *addr)
{
	struct tel_conn *c = calloc(1, sizeof *c);
	if (!c) {
		close(fd);
		return;
	}
	c->srv = s;
	c->fd = fd;
	c->addr = *addr;
	char ip[INET_ADDRSTRLEN] = "?";
	inet_ntop(AF_INET, &addr->sin_addr, ip, sizeof ip);
	snprintf(c->peer, sizeof c->peer, "%s:%u", ip, ntohs(addr->sin_port));
	c->born_ms = now_ms();
	fcntl(fd, F_SETFL, fcntl(fd, F_GETFL) | O_NONBLOCK);
	static const struct tel_proto_cb cb = {
	    .send = conn_send, .line = conn_line, .request = conn_request, .ttype = conn_ttype};
	if (tel_proto_init(&c->proto, &cb, c)) {
		close(fd);
		free(c);
		return;
	}
	c->next = s->conns;
	s->conns = c;
	s->nconns++;
}

/* Free a session; the device, if any, sees the client go. */
static void conn_close(struct tel_server *s, struct tel_conn *c, bool tell_device)
{
	pthread_mutex_lock(&reg_lock);
	struct tel_dev *t = c->dev;
	uint16_t devnum = t ? t->devnum : 0;
	void (*fn)(struct device *, long, const char *, size_t) = t ? t->fn : NULL;
	if (t)
		t->conn = NULL;
	c->dev = NULL;
	free(c->text);
	pthread_mutex_unlock(&reg_lock);
	if (fn && tell_device)
		chan_post(s->cs, devnum, fn, TEL_EV_DISCONNECT, "", 0);
	tel_proto_free(&c->proto);
	free(c->tn);
	close(c->fd);
	free(c->out);
	for (struct tel_conn **p = &s->conns; *p; p = &(*p)->next) {
		if (*p == c) {
			*p = c->next;
			break;
		}
	}
	s->nconns--;
	free(c);
}

/* Encode the device's queued text; false if the session must go. */
static bool conn_flush_text(struct tel_conn *c)
{
	pthread_mutex_lock(&reg_lock);
	char *text = c->text;
	size_t n = c->text_len;
	bool kill = c->kill;
	c->text = NULL;
	c->text_len = 0;
	pthread_mutex_unlock(&reg_lock);
	if (n && c->raw)
		conn_bytes(c, text, n);
	else if (n)
		tel_proto_text(&c->proto, text, n);
	free(text);
	return !kill;
}

static bool conn_write(struct tel_conn *c)
{
	while (c->out_len) {
		ssize_t w = send(c->fd, c->out, c->out_len, MSG_NOSIGNAL);
		if (w < 0 && (errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR))
			return true;
		if (w < 0) {
			c->out_len = 0;
			return false;
		}
		memmove(c->out, c->out + w, c->out_len - (size_t)w);
		c->out_len -= (size_t)w;
	}
	return !c->closing;
}

static bool conn_read(struct tel_conn *c)
{
	char buf[4096];
	ssize_t r = recv(c->fd, buf, sizeof buf, 0);
	if (r == 0)
		return false;
	if (r < 0)
		return errno == EAGAIN || errno == EWOULDBLOCK || errno == EINTR;
	if (tel_proto_recv(&c->proto, buf, (size_t)r))
		return false;
	return !c->tn || !c->tn->error;
}

static void do_accept(struct tel_server *s)
{
	struct sockaddr_in addr;
	socklen_t alen = sizeof addr;
	int fd = accept(s->lfd, (struct sockaddr *)&addr, &alen);
	if (fd < 0)
		return;
	if (s->nconns >= TEL_SESSIONS_MAX) {
		static const char msg[] = "s370: too many console sessions; connection closed\r\n";
		if (send(fd, msg, sizeof msg - 1, MSG_NOSIGNAL | MSG_DONTWAIT) < 0) {
			/* nothing more to tell it */
		}
		close(fd);
		return;
	}
	conn_open(s, fd, &addr);
}

static void *listener(void *arg)
{
	struct tel_server *s = arg;
	struct pollfd pf[TEL_SESSIONS_MAX + 2];
	struct tel_conn *pc[TEL_SESSIONS_MAX];
	while (!__atomic_load_n(&s->stop, __ATOMIC_ACQUIRE)) {
		/* Encode what the devices wrote; settle overdue terminal types. */
		uint64_t now = now_ms();
		int timeout = -1;
		for (struct tel_conn *c = s->conns, *next; c; c = next) {
			next = c->next;
			if (!c->proto.ttype_done) {
				if (now - c->born_ms >= TTYPE_WAIT_MS)
					tel_proto_ttype_timeout(&c->proto);
				else if (timeout < 0 || (int)(TTYPE_WAIT_MS - (now - c->born_ms)) < timeout)
					timeout = (int)(TTYPE_WAIT_MS - (now - c->born_ms));
			}
			if (!conn_flush_text(c) || !conn_write(c))
				conn_close(s, c, true);
		}
		int n = 0;
		pf[n++] = (struct pollfd){.fd = s->wake[0], .events = POLLIN};
		pf[n++] = (struct pollfd){.fd = s->lfd, .events = POLLIN};
		int k = 0;
		for (struct tel_conn *c = s->conns; c; c = c->next) {
			pc[k++] = c;
			pf[n++] = (struct pollfd){
			    .fd = c->fd,
			    .events = (short)((c->closing ? 0 : POLLIN) | (c->out_len ? POLLOUT : 0))};
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
			short ev = pf[j + 2].revents;
			bool ok = true;
			if (ev & (POLLIN | POLLHUP | POLLERR))
				ok = conn_read(c);
			if (ok && (ev & POLLOUT))
				ok = conn_write(c);
			if (!ok)
				conn_close(s, c, true);
		}
		if (pf[1].revents & POLLIN)
			do_accept(s);
	}
	/* Shutting down: what the devices wrote last still goes out (for half
	 * a second at most), then every session closes. */
	uint64_t until = now_ms() + 500;
	for (struct tel_conn *c = s->conns; c; c = c->next) {
		conn_flush_text(c);
		while (conn_write(c) && c->out_len && now_ms() < until) {
			struct pollfd p1 = {.fd = c->fd, .events = POLLOUT};
			poll(&p1, 1, 50);
		}
	}
	while (s->conns)
		conn_close(s, s->conns, false);
	return NULL;
}

struct tel_server *tel_server_start(struct chan_subsys *cs, const char *host, int port, char *err,
                                    size_t errlen)
{
	struct sockaddr_in a = {.sin_family = AF_INET, .sin_port = htons((uint16_t)port)};
	const char *h = host && *host ? host : "127.0.0.1";
	if (inet_pton(AF_INET, h, &a.sin_addr) != 1) {
		snprintf(err, errlen, "CNSLPORT host %s: expected an IPv4 address", h);
		return NULL;
	}
	struct tel_server *s = calloc(1, sizeof *s);
	if (!s) {
		snprintf(err, errlen, "out of memory");
		return NULL;
	}
	s->cs = cs;
	s->lfd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
	int one = 1;
	if (s->lfd >= 0)
		setsockopt(s->lfd, SOL_SOCKET, SO_REUSEADDR, &one, sizeof one);
	if (s->lfd < 0 || bind(s->lfd, (struct sockaddr *)&a, sizeof a) || listen(s->lfd, 16) ||
	    pipe2(s->wake, O_NONBLOCK | O_CLOEXEC)) {
		snprintf(err, errlen, "console port %s:%d: %s", h, port, strerror(errno));
		if (s->lfd >= 0)
			close(s->lfd);
		free(s);
		return NULL;
	}
	socklen_t alen = sizeof a;
	getsockname(s->lfd, (struct sockaddr *)&a, &alen);
	s->port = ntohs(a.sin_port);
	if (pthread_create(&s->thread, NULL, listener, s)) {
		snprintf(err, errlen, "cannot create the console listener thread");
		close(s->lfd);
		close(s->wake[0]);
		close(s->wake[1]);
		free(s);
		return NULL;
	}
	return s;
}

int tel_server_port(const struct tel_server *s)
{
	return s ? s->port : 0;
}

void tel_server_stop(struct tel_server *s)
{
	if (!s)
		return;
	__atomic_store_n(&s->stop, true, __ATOMIC_RELEASE);
	wake(s);
	pthread_join(s->thread, NULL);
	close(s->lfd);
	close(s->wake[0]);
	close(s->wake[1]);
	free(s);
}
