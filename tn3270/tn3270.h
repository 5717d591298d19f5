/* tn3270.h — the TN3270 server's protocol layer: what turns a telnet
 * connection into a 3270 session and carries 3270 data-stream records.
 *
 * The console port serves both kinds of client (devices/con_telnet.c owns
 * the listener, one thread for every session): it asks every client for its
 * terminal type (RFC 1091), and a client whose type names a 3270
 * (tn_ttype_parse) is handed to this layer, which
 *
 *   - offers TN3270E (RFC 2355): DEVICE-TYPE with CONNECT to an LU name
 *     (a device number or group, as the "@" suffix of a terminal type),
 *     FUNCTIONS (none agreed: plain 3270 data), records with the 5-byte
 *     TN3270E header;
 *   - or, when the client refuses TN3270E, negotiates TN3270 as RFC 1576
 *     describes it: BINARY (RFC 856) and END-OF-RECORD (RFC 885) in both
 *     directions;
 *   - cuts the client's data into records at IAC EOR (an inbound record is
 *     an AID, a cursor address and the modified fields: 3270 Data Stream
 *     Programmer's Reference GA23-0059, "Inbound Data Stream");
 *   - encodes outbound records: the 3270 command code, its data with IAC
 *     doubled, then IAC EOR.
 *
 * No sockets and no threads here: bytes in, callbacks out, so that the
 * unit tests feed it byte sequences.  It rides on the connection's
 * libtelnet instance (proxy mode, the answers are ours).
 */
#ifndef TN3270_TN3270_H
#define TN3270_TN3270_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

enum {
	TN_RECORD_MAX = 16384, /* longest inbound record (a model 5 Read Buffer is < 8K) */
};

/* Remote (TN3270) command codes, RFC 1576 / GA23-0059 "Commands": what the
 * channel command codes of a local 3270 become on the network. */
enum {
	TN_CMD_W = 0xF1,   /* Write                        (CCW X'01') */
	TN_CMD_EW = 0xF5,  /* Erase/Write                  (CCW X'05') */
	TN_CMD_EWA = 0x7E, /* Erase/Write Alternate        (CCW X'0D') */
	TN_CMD_EAU = 0x6F, /* Erase All Unprotected        (CCW X'0F') */
	TN_CMD_WSF = 0xF3, /* Write Structured Field       (CCW X'11') */
	TN_CMD_RB = 0xF2,  /* Read Buffer                  (CCW X'02') */
	TN_CMD_RM = 0xF6,  /* Read Modified                (CCW X'06') */
};

/* Attention identifiers (GA23-0059 "Attention Identification"). */
enum {
	TN_AID_NONE = 0x60,  /* no AID: the answer to a Read command */
	TN_AID_SF = 0x88,    /* structured field (query reply) */
	TN_AID_ENTER = 0x7D, /* Enter */
	TN_AID_CLEAR = 0x6D, /* Clear */
	TN_AID_PA1 = 0x6C,
	TN_AID_PF1 = 0xF1,
	TN_AID_PF3 = 0xF3,
};

/* RFC 2355 TN3270E: the option, its subnegotiation codes and reasons. */
enum {
	TN_TELOPT_TN3270E = 40,
	TN_E_CONNECT = 1,
	TN_E_DEVICE_TYPE = 2,
	TN_E_FUNCTIONS = 3,
	TN_E_IS = 4,
	TN_E_REASON = 5,
	TN_E_REJECT = 6,
	TN_E_REQUEST = 7,
	TN_E_SEND = 8,
	/* REJECT REASON codes (RFC 2355 section 8) */
	TN_E_CONN_PARTNER = 0,    /* (for printers: no such display) */
	TN_E_DEVICE_IN_USE = 1,   /* the LU has a client */
	TN_E_INV_ASSOCIATE = 2,   /* (printers) */
	TN_E_INV_NAME = 3,        /* no such LU */
	TN_E_INV_DEVICE_TYPE = 4, /* not a 3270 display type */
	TN_E_TYPE_NAME_ERROR = 5, /* the LU named is of another kind than the type */
	TN_E_UNKNOWN_ERROR = 6,
	TN_E_UNSUPPORTED_REQ = 7, /* ASSOCIATE: there are no printers */
};
/* FUNCTIONS (RFC 2355 section 8): what each bit of tn_proto.e_funcs means. */
enum {
	TN_F_BIND_IMAGE = 0,      /* declined: a local non-SNA display has no BIND */
	TN_F_DATA_STREAM_CTL = 1, /* declined: printers */
	TN_F_RESPONSES = 2,       /* agreed: a write ends when the client has taken it */
	TN_F_SCS_CTL_CODES = 3,   /* declined: printers */
	TN_F_SYSREQ = 4,          /* declined: there is no SSCP-LU session */
	TN_F_SUPPORTED = 1 << TN_F_RESPONSES,
};
/* The header's data-type, request-flag and response-flag values (RFC 2355
 * sections 8.1, 10.4). */
enum {
	TN_DT_3270_DATA = 0,
	TN_DT_RESPONSE = 2,
	TN_RF_NO_RESPONSE = 0, /* server requests */
	TN_RF_ERROR_RESPONSE = 1,
	TN_RF_ALWAYS_RESPONSE = 2,
	TN_RF_POSITIVE = 0, /* client responses */
	TN_RF_NEGATIVE = 1,
	TN_NEG_COMMAND_REJECT = 0, /* a negative response's reason byte */
	TN_NEG_INTERVENTION_REQUIRED = 1,
	TN_NEG_OPERATION_CHECK = 2,
	TN_NEG_COMPONENT_DISCONNECTED = 3,
};
enum { TN_E_HEADER = 5, TN_LU_MAX = 16 }; /* data-type, request, response, sequence (2) */

/* What an LU name names (tn_proto_cb.lu_kind): RFC 2355's TYPE-NAME-ERROR
 * is for a name that is known but "incompatible with the requested
 * device-type" (a terminal/printer mismatch). */
enum tn_lu_kind {
	TN_LU_NONE,    /* no device has that number or group */
	TN_LU_DISPLAY, /* a 3270 display has it */
	TN_LU_OTHER,   /* only devices of another kind (3215/1052 consoles) */
};
/* The one printer device-type of RFC 2355 (s370 has no 3270 printers). */
#define TN_PRINTER_TYPE "IBM-3287-1"

/* What a terminal type says about the client's display. */
struct tn_term {
	uint16_t type; /* 0x3277, 0x3278, 0x3279; 0 for IBM-DYNAMIC */
	uint8_t model; /* 2..5 (IBM-DYNAMIC: 2) */
	bool ext;      /* "-E": extended data stream */
	bool dynamic;  /* IBM-DYNAMIC: screen size from a query reply */
};

/* Is name (an RFC 1091 terminal type, "@..." suffix allowed) a 3270
 * display: IBM-3277-2, IBM-3278-2..5, IBM-3279-2..5 (each with or without
 * "-E") or IBM-DYNAMIC?  Fills *t when it is. */
bool tn_ttype_parse(const char *name, struct tn_term *t);

/* ---- one connection's TN3270 protocol (tn_proto.c) ---- */

struct tn_proto_cb {
	void (*send)(void *ctx, const char *buf, size_t n);      /* own telnet only (tests) */
	void (*ready)(void *ctx);                                /* 3270 mode in both directions */
	void (*refused)(void *ctx);                              /* the client will not do 3270 */
	void (*record)(void *ctx, const uint8_t *rec, size_t n); /* an inbound record */
	/* TN3270E DEVICE-TYPE REQUEST: the client's type and the LU it asks
	 * for ("" = any).  -1 and the LU name given in lu_out, or a reason
	 * code (TN_E_DEVICE_IN_USE, TN_E_INV_NAME). */
	int (*lu)(void *ctx, const char *type, const char *lu, char *lu_out, size_t n);
	/* TN3270E with RESPONSES: the client's response to our request seq:
	 * positive (reason: DEVICE-END) or not (reason TN_NEG_*). */
	void (*response)(void *ctx, uint16_t seq, bool positive, uint8_t reason);
	/* TN3270E DEVICE-TYPE REQUEST ... CONNECT lu: what lu names (enum
	 * tn_lu_kind), asked before lu; NULL: TN_LU_NONE. */
	int (*lu_kind)(void *ctx, const char *lu);
};

struct tn_proto {
	void *t;  /* telnet_t */
	bool own; /* t is ours (tn_proto_init_own) */
	struct tn_proto_cb cb;
	void *ctx;
	uint8_t acked;              /* TN_ACK_*: which of our four requests the client granted */
	bool offer_e;               /* offer TN3270E first */
	bool e_mode;                /* TN3270E agreed: records carry the 5-byte header */
	bool e_device;              /* TN3270E: the device type is settled */
	uint8_t e_funcs;            /* TN3270E: the functions agreed (1 << TN_F_*) */
	uint8_t e_asked;            /* TN3270E: the functions our last REQUEST named */
	char e_type[TN_LU_MAX * 2]; /* TN3270E: the client's device type */
	bool ready;                 /* all four granted: records flow */
	bool refused;               /* the client said no: the session must end */
	bool error;                 /* malformed input: the session must be closed */
	bool overflow;              /* the record being gathered is too long */
	uint8_t rec[TN_RECORD_MAX];
	size_t len;
	unsigned long records_in;
};

/* Start on the connection's libtelnet instance t (the events reach us by
 * tn_proto_event): sends DO TN3270E when offer_e (cb->lu needed), else DO
 * EOR, WILL EOR, DO BINARY, WILL BINARY. */
void tn_proto_start(struct tn_proto *p, void *t, const struct tn_proto_cb *cb, void *ctx, bool offer_e);
/* The same on a telnet instance of its own (the client has been asked for
 * its terminal type already): bytes in by tn_proto_recv, out by cb->send.
 * 0, or -1 (no memory). */
int tn_proto_init_own(struct tn_proto *p, const struct tn_proto_cb *cb, void *ctx, bool offer_e);
void tn_proto_free(struct tn_proto *p); /* frees an own telnet instance */
/* Bytes from the client (own instance).  0, or -1 when the session must end. */
int tn_proto_recv(struct tn_proto *p, const char *buf, size_t n);
/* One libtelnet event (a telnet_event_t *) of the shared instance. */
void tn_proto_event(struct tn_proto *p, void *ev);
/* Send one record (own or shared instance; listener thread only). */
void tn_proto_send_record(struct tn_proto *p, uint8_t cmd, const uint8_t *data, size_t n);

/* ---- records and screens (tn_stream.c), usable from any thread ---- */

/* Encode cmd + data as a record: IAC doubled, IAC EOR at the end.  out
 * needs 2 * n + 4 bytes; returns the length.  cmd < 0: no command byte. */
size_t tn_encode_record(int cmd, const uint8_t *data, size_t n, uint8_t *out);
/* The same with a TN3270E header (3270-DATA, no response, sequence 0)
 * before the command: out needs 2 * n + 14 bytes. */
size_t tn_encode_record_e(int cmd, const uint8_t *data, size_t n, uint8_t *out);
/* The same with the response-flag (TN_RF_*) and sequence number given
 * (RESPONSES agreed). */
size_t tn_encode_record_er(int cmd, const uint8_t *data, size_t n, uint8_t rflag, uint16_t seq, uint8_t *out);
/* A 12-bit buffer address in the two bytes of a SBA order (GA23-0059
 * "Buffer Addressing", 6-bit code table). */
void tn_encode_addr(unsigned addr, uint8_t out[2]);
/* Decode a buffer address (12-bit or 14-bit form). */
unsigned tn_decode_addr(const uint8_t in[2]);
/* Build an Erase/Write data stream (WCC and orders, no command byte) that
 * shows lines of text (Latin-1, through EBCDIC code page 037) from row 1,
 * column 2 on an 80-column screen.  Returns the length (at most max). */
size_t tn_screen(const char *const *lines, int nlines, uint8_t *out, size_t max);

/* ---- the connection screen from a logo file (tn_logo.c) ---- */

struct tn_logo_vars {
	const char *cuu, *ccuu; /* "0C0", "00C0" */
	const char *lu;         /* the LU name */
	const char *devtype;    /* "3270", "3278" ... */
	const char *peer;       /* "127.0.0.1:40312" */
};
/* Build the Erase/Write data stream (WCC and orders, no command byte) of
 * the logo file path (Hercules 4's format, see tn_logo.c) with v's values.
 * Returns the length; 0 with a reason in err when the file cannot be read.
 * An unknown order is skipped and named in err (the screen is still built). */
size_t tn_logo(const char *path, const struct tn_logo_vars *v, uint8_t *out, size_t max, char *err,
               size_t errlen);

#endif
