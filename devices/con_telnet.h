/* con_telnet.h — 3215 and 1052 consoles reached by line-mode telnet
 * clients on the CNSLPORT port (Hercules' "0009 3215" without -C).
 *
 * Three layers, each usable alone:
 *
 *  tel_proto (tel_proto.c): one connection's telnet protocol over libtelnet
 *    (RFC 854 NVT, RFC 855 option negotiation, RFC 1091 terminal type),
 *    and the assembly of input lines.  No sockets, no threads: bytes in,
 *    callbacks out, so the unit tests feed it byte sequences.
 *
 *  tel_server (con_telnet.c): one listener thread for all telnet consoles
 *    of a channel subsystem.  It accepts clients, gives each the first free
 *    eligible device, and hands completed lines to the device with
 *    chan_post() (device.h rule 1).  It never takes the channel lock.
 *
 *  tel_dev (con_telnet.c): the device side, called from con3215.c under the
 *    channel lock: register a device, send it a line of output.
 *
 * Device choice follows Hercules: a device statement may carry a group name
 * ("*" for none) and an IP address with an optional mask; a client whose
 * terminal type ends in "@0009" asks for that device, "@GROUP" for a device
 * of that group; a client without a suffix gets the first free device that
 * has no group.  The client's address, and-ed with the mask, must equal the
 * device's address.
 *
 * The port serves 3270 displays as well (Hercules does the same): a client
 * whose terminal type names a 3270 display is given a free 3270 device by
 * the same rules and its connection is handed to the TN3270 protocol
 * (tn3270/); every other client gets a line-mode console.
 */
#ifndef DEVICES_CON_TELNET_H
#define DEVICES_CON_TELNET_H

#include <netinet/in.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct chan_subsys;
struct device;

enum {
	TEL_LINE_MAX = 1024,    /* longest input line kept (the rest is discarded) */
	TEL_TTYPE_MAX = 64,     /* longest terminal type kept */
	TEL_OUT_MAX = 65536,    /* output queued for a client that does not read */
	TEL_SESSIONS_MAX = 256, /* default limit of connections at once, waiting ones included */
	TEL_SESSIONS_CAP = 4096 /* the highest limit TN3270MAX may set */
};

/* ---- one connection's protocol (tel_proto.c) ---- */

struct tel_proto_cb {
	void (*send)(void *ctx, const char *buf, size_t n);  /* bytes for the client */
	void (*line)(void *ctx, const char *text, size_t n); /* a completed input line */
	void (*request)(void *ctx);                          /* IAC BREAK / IAC IP */
	void (*ttype)(void *ctx, const char *name);          /* terminal type known ("" = none) */
	void (*noecho)(void *ctx);                           /* the client will not let us echo */
};

/* Our side of ECHO (RFC 857), offered only to hide one line (tel_proto_conceal). */
enum tel_echo { TEL_ECHO_OFF, TEL_ECHO_ASKED, TEL_ECHO_ON, TEL_ECHO_REFUSED };

struct tel_proto {
	void *t; /* telnet_t */
	struct tel_proto_cb cb;
	void *ctx;
	char line[TEL_LINE_MAX];
	size_t len;
	bool after_cr;    /* the last data byte was CR: a LF or NUL after it is part of the end */
	bool ttype_asked; /* the client said WILL TERMINAL-TYPE; SEND went out */
	bool ttype_done;  /* the terminal type question is settled */
	bool error;       /* malformed input: the session must be closed */
	char ttype[TEL_TTYPE_MAX];
	enum tel_echo echo; /* WILL ECHO sent (ASKED), agreed by DO (ON), refused by DONT */
	bool concealing;    /* the next line is not shown: the client does not echo it, nor we */
	/* Set (by the ttype callback) when a tn3270 session takes the
	 * connection over: every libtelnet event but the bytes to send goes
	 * to divert from then on (tn3270/tn3270.h). */
	void (*divert)(void *dctx, void *ev);
	void *dctx;
};

/* Start the protocol: sends IAC DO TERMINAL-TYPE.  0, or -1 (no memory). */
int tel_proto_init(struct tel_proto *p, const struct tel_proto_cb *cb, void *ctx);
void tel_proto_free(struct tel_proto *p);
/* Bytes from the client.  0, or -1 when the input was malformed. */
int tel_proto_recv(struct tel_proto *p, const char *buf, size_t n);
/* Text for the client: '\n' becomes CR LF, IAC is doubled. */
void tel_proto_text(struct tel_proto *p, const char *text, size_t n);
/* Hide the next input line (on), or stop trying (off): WILL ECHO so that
 * the client stops echoing, and WONT ECHO when the line is in (or when
 * off).  false: the client has refused (DONT ECHO), what it types shows;
 * a refusal that comes later calls cb.noecho. */
bool tel_proto_conceal(struct tel_proto *p, bool on);
/* The client did not answer DO TERMINAL-TYPE in time: go on without. */
void tel_proto_ttype_timeout(struct tel_proto *p);
/* Hand the connection's telnet events to another protocol (see divert). */
void tel_proto_divert(struct tel_proto *p, void (*fn)(void *dctx, void *ev), void *dctx);

/* ---- the listener (con_telnet.c) ---- */

struct tel_server;
struct config;

/* How the listener serves its sessions (docs/tn3270.md).  The statements
 * that set each field are named. */
struct tel_opts {
	char host[64]; /* CNSLPORT [host:]port; "" = 127.0.0.1 */
	int port;      /* -1: no plain port; 0: one of the system's choice */
	char tls_host[64];
	int tls_port; /* TN3270TLS [host:]port cert key; -1: no TLS port, 0: any */
	char tls_cert[256], tls_key[256];
	int ka_idle, ka_intv, ka_cnt; /* CONKPALV (idle,intv,count), seconds; idle 0: off */
	int probe_s;                  /* TN3270PROBE: TIMING-MARK after so long quiet; 0: off */
	int idle_s;                   /* TN3270IDLE: close a session without input; 0: never */
	int max_sessions;             /* TN3270MAX (1..TEL_SESSIONS_CAP) */
	char logo[256];               /* LOGOFILE: the 3270 connection screen; "": built in */
	int tls_wait_ms;              /* a TLS handshake not done by then fails (default 10 s) */
};
/* The defaults: 127.0.0.1:3270, no TLS, keepalive (60,10,6), 256 sessions. */
void tel_opts_default(struct tel_opts *o);
/* The options a configuration file gives. */
void tel_opts_from_config(struct tel_opts *o, const struct config *cfg);

/* Listen on the ports of o for the telnet consoles and 3270 displays of
 * cs.  NULL with a reason in err; a server with a reason in err when the
 * TLS port failed but the plain port serves (tel_server_tls_port: 0). */
struct tel_server *tel_server_start_opts(struct chan_subsys *cs, const struct tel_opts *o, char *err,
                                         size_t errlen);
/* The same with the defaults on host:port (host "" = 127.0.0.1), no TLS. */
struct tel_server *tel_server_start(struct chan_subsys *cs, const char *host, int port, char *err,
                                    size_t errlen);
/* The TLS port actually bound, or 0. */
int tel_server_tls_port(const struct tel_server *s);
/* Sessions open now (waiting ones included). */
int tel_server_sessions(struct tel_server *s);
/* Close every session and the listener, join the thread.  NULL is fine. */
void tel_server_stop(struct tel_server *s);
/* The port actually bound (port 0 asks the system for one: tests). */
int tel_server_port(const struct tel_server *s);
/* Does cs have a telnet console (is a listener worth starting)? */
bool tel_have_devices(struct chan_subsys *cs);

/* ---- the device side (con_telnet.c), under the channel lock ---- */

struct tel_dev;
struct tel_bind {
	char group[16];           /* "" = none */
	bool has_ip;              /* clients restricted by address */
	int family;               /* AF_INET or AF_INET6: the address's */
	uint8_t ip[16], mask[16]; /* network order; IPv4 in the first 4 bytes */
};
/* Parse Hercules' "[groupname|*] [ipaddr [mask]]" operands.  ipaddr is
 * IPv4 (mask dotted, as in Hercules) or IPv6 (mask an IPv6 address such
 * as ffff:ffff:ffff:ffff:: or a prefix length 0-128).  0, or -1. */
int tel_parse_bind(struct tel_bind *b, int argc, char **argv, char *err, size_t errlen);

/* Events the listener posts to the device (chan_post arg). */
enum tel_event {
	TEL_EV_LINE,       /* a line-mode input line */
	TEL_EV_CONNECT,    /* a client: "peer" (3270: "peer terminal-type") */
	TEL_EV_DISCONNECT, /* the client went */
	TEL_EV_REQUEST,    /* IAC BREAK / IAC IP */
	TEL_EV_RECORD,     /* 3270: an inbound record (AID, cursor, fields) */
	TEL_EV_RESPONSE,   /* 3270, TN3270E RESPONSES: seq (2 bytes), positive (1), reason (1) */
	TEL_EV_NOECHO,     /* the client refused to stop echoing: a line cannot be hidden */
};

/* Make d reachable by clients; input arrives as fn(d, TEL_EV_*, text). */
struct tel_dev *tel_dev_register(struct device *d, const struct tel_bind *b,
                                 void (*fn)(struct device *, long, const char *, size_t));
/* The same for a 3270 display: clients whose terminal type names a 3270
 * (tn3270/tn3270.h) reach it as TN3270 sessions. */
struct tel_dev *tel_dev_register_3270(struct device *d, const struct tel_bind *b,
                                      void (*fn)(struct device *, long, const char *, size_t));
void tel_dev_unregister(struct tel_dev *t); /* closes its session, if any */
/* Queue bytes already encoded for the wire (a 3270 record) for the client. */
void tel_dev_send(struct tel_dev *t, const void *bytes, size_t n);
/* Queue text (UTF-8, '\n' for new line) for the device's client. */
void tel_dev_output(struct tel_dev *t, const char *text);
/* Hide the client's next line (on) or no longer (off): tel_proto_conceal,
 * in order with the text queued; a refusal comes back as TEL_EV_NOECHO. */
void tel_dev_conceal(struct tel_dev *t, bool on);
/* "127.0.0.1:40312" of the client, or "" (devlist). */
void tel_dev_peer(struct tel_dev *t, char *buf, size_t n);

#endif
