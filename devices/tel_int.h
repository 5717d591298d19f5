/* tel_int.h — what con_telnet.c (the listener, its sessions, the device
 * register) and tel_tn3270.c (its TN3270 sessions) share.  Not for other
 * files: con_telnet.h is the interface.
 *
 * Locking (con_telnet.c, "Threads and locks"): tel_reg_lock guards the
 * register, each device's session, the sessions' device and text queues;
 * the listener thread owns everything else of a session.
 */
#ifndef DEVICES_TEL_INT_H
#define DEVICES_TEL_INT_H

#include <netinet/in.h>
#include <poll.h>
#include <pthread.h>
#include <stdbool.h>
#include <stdint.h>

#include "con_telnet.h"

struct tn_proto;
struct tel_tls;

struct tel_conn;

enum { TEL_CONCEAL_NONE, TEL_CONCEAL_ON, TEL_CONCEAL_OFF };

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
	struct sockaddr_storage addr; /* IPv4 or IPv6 */
	char peer[64];                /* "127.0.0.1:40312", "[::1]:40312" */
	struct tel_proto proto;
	struct tn_proto *tn; /* a TN3270 session: the protocol that took over */
	bool raw;            /* the device's output is encoded already (3270) */
	bool live;           /* under tel_reg_lock: 3270 mode, the device may send */
	char ttype[TEL_TTYPE_MAX];
	struct tel_dev *dev; /* under tel_reg_lock */
	char *text;          /* device output not yet encoded (under tel_reg_lock) */
	size_t text_len;
	bool kill; /* under tel_reg_lock: close it (detached, overflow) */
	int conceal_req; /* under tel_reg_lock: TEL_CONCEAL_*, the device's latest wish (tel_dev_conceal) */
	char *out; /* encoded bytes for the socket (listener only) */
	size_t out_len;
	bool closing;        /* close when out is written */
	uint64_t closing_ms; /* when it began closing (the listener's timers) */
	uint64_t born_ms;
	uint64_t rx_ms;     /* the last byte from the client */
	uint64_t input_ms;  /* the last line, record or key (TN3270IDLE) */
	uint64_t probe_ms;  /* a TIMING-MARK probe went out then; 0: none */
	void *ssl;          /* TLS: the connection's SSL, or NULL */
	bool handshaking;   /* TLS: the handshake is not done yet */
	bool tls_wants_out; /* TLS: OpenSSL waits for the socket to be writable */
	bool tls_started;   /* TLS: the handshake has read from the socket */
	bool refusing;      /* TLS, over the session limit: not a session, told so and closed */
	struct tel_conn *next;
};

struct tel_server {
	struct chan_subsys *cs;
	struct tel_opts opts;
	int lfd, port;       /* plain port, or lfd -1 */
	int tlsfd, tls_port; /* TLS port, or tlsfd -1 */
	struct tel_tls *tls;
	int wake[2];
	bool stop;
	pthread_t thread;
	struct tel_conn *conns;
	int nconns;           /* under tel_reg_lock for tel_server_sessions */
	int nrefusing;        /* TLS clients over the limit being told so (not in nconns) */
	struct pollfd *pf;    /* poll set: wake, the two listeners, every connection */
	struct tel_conn **pc; /* the session of pf[k + 3] */
};

extern pthread_mutex_t tel_reg_lock;
extern struct tel_dev *tel_reg; /* the register: every device clients may reach */

uint64_t tel_now_ms(void); /* CLOCK_MONOTONIC */
/* Text for a session's client ('\n' becomes CR LF). */
void tel_conn_say(struct tel_conn *c, const char *text);
/* A free device for this client and terminal type ("@0009", "@GROUP",
 * none: the devices without a group); tel_reg_lock held. */
struct tel_dev *tel_choose(struct tel_conn *c, const char *ttype, bool is3270);
/* Post an event to the session's device, if it still has one. */
void tel_conn_post(struct tel_conn *c, long ev, const char *text, size_t n);
/* A client whose terminal type begins "IBM-3" (tel_tn3270.c). */
void tel_conn_3270(struct tel_conn *c, const char *ttype);

#endif
