/* tel_tn3270.c — the listener's TN3270 sessions (see con_telnet.c for the
 * listener, tn3270/ for the protocol).
 *
 * A client whose terminal type names a 3270 display is given a free 3270
 * device (the rules of the consoles: "@devnum", "@GROUP", IP filter) and
 * its connection's telnet events go to a TN3270 protocol instance: it
 * negotiates TN3270E or TN3270; in 3270 mode the listener sends the
 * connection screen (LOGOFILE, or the built-in one), the device hears
 * TEL_EV_CONNECT, inbound records reach it as TEL_EV_RECORD and TN3270E
 * responses as TEL_EV_RESPONSE.  Listener thread only.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "channel.h"
#include "con_telnet.h"
#include "tel_int.h"
#include "tn3270.h"

static void tn_event(void *ctx, void *ev)
{
	struct tel_conn *c = ctx;
	tn_proto_event(c->tn, ev);
}

/* The connection screen: the LOGOFILE, or else (or when it cannot be
 * read: the reason on row 5) the built-in one naming the device. */
static size_t connection_screen(struct tel_conn *c, const char *type, uint16_t devnum, uint8_t *scr,
                                size_t max)
{
	char cuu[8], ccuu[8], why[160] = "";
	snprintf(cuu, sizeof cuu, "%03X", devnum);
	snprintf(ccuu, sizeof ccuu, "%04X", devnum);
	if (c->srv->opts.logo[0]) {
		const struct tn_logo_vars v = {
		    .cuu = cuu, .ccuu = ccuu, .lu = ccuu, .devtype = type, .peer = c->peer};
		size_t n = tn_logo(c->srv->opts.logo, &v, scr, max, why, sizeof why);
		if (n)
			return n;
	}
	char l1[80], l3[80], l5[200];
	snprintf(l1, sizeof l1, "s370: connected to %s display device %s", type, ccuu);
	snprintf(l3, sizeof l3, "Waiting for the system to write to this display.");
	snprintf(l5, sizeof l5, "LOGOFILE: %.70s", why);
	const char *const lines[] = {l1, "", l3, "", l5};
	return tn_screen(lines, why[0] ? 5 : 3, scr, max);
}

/* 3270 mode in both directions: the connection screen, then the device
 * becomes ready (it hears of the client). */
static void tn_ready(void *ctx)
{
	struct tel_conn *c = ctx;
	pthread_mutex_lock(&tel_reg_lock);
	struct tel_dev *t = c->dev;
	uint16_t devnum = t ? t->devnum : 0;
	void (*fn)(struct device *, long, const char *, size_t) = t ? t->fn : NULL;
	char type[16] = "";
	if (t)
		snprintf(type, sizeof type, "%s", t->type);
	c->live = t != NULL;
	pthread_mutex_unlock(&tel_reg_lock);
	if (!fn)
		return;
	c->input_ms = tel_now_ms();
	uint8_t scr[4096];
	size_t n = connection_screen(c, type, devnum, scr, sizeof scr);
	tn_proto_send_record(c->tn, TN_CMD_EW, scr, n);
	char what[TEL_TTYPE_MAX + 80];
	if (c->tn->e_mode)
		snprintf(what, sizeof what, "%s %s tn3270e%s%s", c->peer, c->tn->e_type,
		         c->tn->e_funcs & 1 << TN_F_RESPONSES ? " responses" : "", c->ssl ? " tls" : "");
	else
		snprintf(what, sizeof what, "%s %s%s", c->peer, c->ttype, c->ssl ? " tls" : "");
	chan_post(c->srv->cs, devnum, fn, TEL_EV_CONNECT, what, strlen(what));
}

static void tn_refused(void *ctx)
{
	struct tel_conn *c = ctx;
	tel_conn_say(c, "s370: a 3270 session needs BINARY and END-OF-RECORD; connection closed\n");
	c->closing = true;
}

/* TN3270E RESPONSES: the client's answer to one of the device's writes. */
static void tn_response(void *ctx, uint16_t seq, bool positive, uint8_t reason)
{
	const char b[4] = {(char)(seq >> 8), (char)seq, (char)positive, (char)reason};
	tel_conn_post(ctx, TEL_EV_RESPONSE, b, sizeof b);
}

static void tn_record(void *ctx, const uint8_t *rec, size_t n)
{
	((struct tel_conn *)ctx)->input_ms = tel_now_ms();
	tel_conn_post(ctx, TEL_EV_RECORD, (const char *)rec, n);
}

/* TN3270E DEVICE-TYPE REQUEST: the LU name is a device number or a group
 * (the "@" suffix of a terminal type); none: the device chosen already. */
static int tn_lu(void *ctx, const char *type, const char *lu, char *out, size_t n)
{
	(void)type;
	struct tel_conn *c = ctx;
	int rc = -1;
	pthread_mutex_lock(&tel_reg_lock);
	struct tel_dev *cur = c->dev;
	char want[TN_LU_MAX + 2];
	snprintf(want, sizeof want, "@%s", lu);
	char *end;
	unsigned long num = strtoul(lu, &end, 16);
	bool is_cur = cur && (!*lu || (!*end && strlen(lu) <= 4 && cur->devnum == num) ||
	                      (cur->bind.group[0] && !strcasecmp(cur->bind.group, lu)));
	if (!is_cur) {
		struct tel_dev *t = tel_choose(c, want, true);
		if (t) {
			if (cur)
				cur->conn = NULL;
			t->conn = c;
			c->dev = cur = t;
		} else {
			rc = TN_E_INV_NAME; /* in use, or no such device */
			for (struct tel_dev *x = tel_reg; x; x = x->next)
				if (x->cs == c->srv->cs && x->is3270 && x->conn &&
				    ((!*end && x->devnum == num) || !strcasecmp(x->bind.group, lu)))
					rc = TN_E_DEVICE_IN_USE;
		}
	}
	if (rc < 0)
		snprintf(out, n, "%04X", cur->devnum);
	pthread_mutex_unlock(&tel_reg_lock);
	return rc;
}

/* TN3270E CONNECT lu: does lu (a device number or group) name a 3270
 * display, only consoles, or nothing?  Taken or free alike: whether it is
 * in use is tn_lu's question. */
static int tn_lu_kind(void *ctx, const char *lu)
{
	struct tel_conn *c = ctx;
	char *end;
	unsigned long num = strtoul(lu, &end, 16);
	bool by_num = *lu && !*end && strlen(lu) <= 4;
	int kind = TN_LU_NONE;
	pthread_mutex_lock(&tel_reg_lock);
	for (struct tel_dev *x = tel_reg; x && kind != TN_LU_DISPLAY; x = x->next) {
		if (x->cs != c->srv->cs)
			continue;
		if ((by_num && x->devnum == num) || (!by_num && !strcasecmp(x->bind.group, lu)))
			kind = x->is3270 ? TN_LU_DISPLAY : TN_LU_OTHER;
	}
	pthread_mutex_unlock(&tel_reg_lock);
	return kind;
}

/* A client whose terminal type names a 3270 (IBM-3...): a 3270 device for
 * it, or a plain-text refusal (it is still a plain NVT at this point). */
void tel_conn_3270(struct tel_conn *c, const char *ttype)
{
	struct tn_term term;
	pthread_mutex_lock(&tel_reg_lock);
	bool any = false;
	for (struct tel_dev *t = tel_reg; t && !any; t = t->next)
		any = t->cs == c->srv->cs && t->is3270;
	struct tel_dev *t = any && tn_ttype_parse(ttype, &term) ? tel_choose(c, ttype, true) : NULL;
	if (t) {
		t->conn = c;
		c->dev = t;
	}
	pthread_mutex_unlock(&tel_reg_lock);
	if (!any) {
		tel_conn_say(c,
		             "s370: this port serves 3215 and 1052 line-mode consoles, not 3270 terminals\n");
		c->closing = true;
		return;
	}
	if (!tn_ttype_parse(ttype, &term)) {
		tel_conn_say(c, "s370: terminal type not supported (expected IBM-3277-2, IBM-3278-2..5, "
		                "IBM-3279-2..5 or IBM-DYNAMIC); connection closed\n");
		c->closing = true;
		return;
	}
	if (!t) {
		tel_conn_say(c, "s370: no 3270 display device is free for you; connection closed\n");
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
	static const struct tn_proto_cb cb = {.ready = tn_ready,
	                                      .refused = tn_refused,
	                                      .record = tn_record,
	                                      .lu = tn_lu,
	                                      .lu_kind = tn_lu_kind,
	                                      .response = tn_response};
	tel_proto_divert(&c->proto, tn_event, c);
	tn_proto_start(c->tn, c->proto.t, &cb, c, true);
}
