/* tel_proto.c — one telnet console connection's protocol: negotiation and
 * input lines (see con_telnet.h).
 *
 * Line mode, as RFC 854's Network Virtual Terminal defines it by default:
 * the client edits and echoes the line itself and sends it when the user
 * presses Return.  So we leave ECHO (but see "Hidden input" below) and
 * SUPPRESS-GO-AHEAD off (a client that sees both turn on switches to
 * character mode) and refuse BINARY and every other option: each WILL gets
 * DONT, each DO gets WONT, and WONT and
 * DONT (for options that are off and stay off) get no answer, which keeps
 * RFC 854's rule against negotiation loops.
 *
 * The one option asked for is TERMINAL-TYPE (RFC 1091): its "@0009" or
 * "@GROUP" suffix chooses the device, and a tn3270 client (type IBM-3...)
 * is recognised: the listener then diverts the connection's events to the
 * TN3270 protocol (tel_proto_divert, tn3270/tn_proto.c).  libtelnet runs in
 * proxy mode so that the client's WONT to our DO reaches us (its RFC 1143
 * tracker keeps that refusal to itself), and the answers above are ours.
 *
 * Line ends (RFC 854 "The NVT printer and keyboard"): CR LF and CR NUL end a
 * line; a bare CR or a bare LF (sent by clients that ignore the rule) does
 * too.  BS and DEL erase the last character, IAC EC (erase character) and
 * IAC EL (erase line) act as RFC 854 says.  IAC BREAK and IAC IP press the
 * console's REQUEST key.  Other control characters are dropped.
 *
 * The listener may probe a quiet client with IAC DO TIMING-MARK (RFC 860);
 * its WILL or WONT TIMING-MARK is the answer and gets none itself.
 *
 * Hidden input (tel_proto_conceal: the device's Read, no echo, X'1A').  A
 * line-mode client stops echoing when the server says WILL ECHO (RFC 857)
 * and keeps editing the line locally (no SUPPRESS-GO-AHEAD); so for one
 * line we offer WILL ECHO, and when the line is in we echo only its end
 * (CR LF, so the next output starts on a line of its own) and take the echo
 * back with WONT ECHO.  Echoing every line ourselves instead would leave
 * such clients typing blind: they send nothing before Return.  A DONT ECHO
 * answer is a refusal (cb.noecho, and no more offers to that client); a
 * client that does not answer at all is assumed to echo, as before.  A DO
 * ECHO when we are not hiding a line gets WONT, as every other option.
 */
#include <stddef.h> /* before libtelnet.h, which needs size_t */
#include <stdio.h>
#include <string.h>

#include <libtelnet.h>

#include "con_telnet.h"

static const telnet_telopt_t telopts[] = {
    {-1, 0, 0}, /* unused in proxy mode */
};

static void end_line(struct tel_proto *p)
{
	if (p->concealing) { /* one line only: the client echoes again from here on */
		if (p->echo == TEL_ECHO_ON)
			telnet_send(p->t, "\r\n", 2);
		tel_proto_conceal(p, false);
	}
	p->line[p->len] = 0;
	if (p->cb.line)
		p->cb.line(p->ctx, p->line, p->len);
	p->len = 0;
}

static void settle_ttype(struct tel_proto *p, const char *name)
{
	if (p->ttype_done)
		return;
	p->ttype_done = true;
	snprintf(p->ttype, sizeof p->ttype, "%s", name);
	if (p->cb.ttype)
		p->cb.ttype(p->ctx, p->ttype);
}

/* Data bytes (IAC sequences already removed by libtelnet). */
static void data(struct tel_proto *p, const unsigned char *b, size_t n)
{
	for (size_t k = 0; k < n; k++) {
		unsigned char c = b[k];
		if (p->after_cr) {
			p->after_cr = false;
			if (c == '\n' || c == 0)
				continue; /* CR LF, CR NUL: the line has ended already */
		}
		if (c == '\r') {
			p->after_cr = true;
			end_line(p);
		} else if (c == '\n') {
			end_line(p);
		} else if (c == 0x08 || c == 0x7F) {
			if (p->len)
				p->len--;
		} else if (c < 0x20 && c != '\t') {
			/* other controls: not part of a console line */
		} else if (p->len < TEL_LINE_MAX - 1) {
			p->line[p->len++] = (char)c;
		} /* else: past the end of the line, discarded */
	}
}

static void iac(struct tel_proto *p, unsigned char cmd)
{
	switch (cmd) {
	case TELNET_EC:
		if (p->len)
			p->len--;
		break;
	case TELNET_EL:
		p->len = 0;
		break;
	case TELNET_BREAK:
	case TELNET_IP:
		if (p->cb.request)
			p->cb.request(p->ctx);
		break;
	case TELNET_AYT:
		tel_proto_text(p, "\n[s370: yes]\n", 13);
		break;
	default: /* NOP, DM, AO, GA: nothing to do in line mode */
		break;
	}
}

static void on_event(telnet_t *t, telnet_event_t *ev, void *ud)
{
	(void)t;
	struct tel_proto *p = ud;
	/* Malformed input ends the session: whatever libtelnet still finds
	 * in the same buffer is not acted upon (no answer, no line). */
	if (p->error && ev->type != TELNET_EV_SEND)
		return;
	if (p->divert && ev->type != TELNET_EV_SEND) {
		p->divert(p->dctx, ev);
		return;
	}
	switch (ev->type) {
	case TELNET_EV_DATA:
		data(p, (const unsigned char *)ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_SEND:
		if (p->cb.send)
			p->cb.send(p->ctx, ev->data.buffer, ev->data.size);
		break;
	case TELNET_EV_IAC:
		iac(p, ev->iac.cmd);
		break;
	case TELNET_EV_WILL:
		if (ev->neg.telopt == TELNET_TELOPT_TM)
			break; /* the answer to the listener's probe (RFC 860): no reply */
		if (ev->neg.telopt != TELNET_TELOPT_TTYPE)
			telnet_negotiate(p->t, TELNET_DONT, ev->neg.telopt);
		else if (!p->ttype_done && !p->ttype_asked) /* the answer to our DO */
			p->ttype_asked = true, telnet_ttype_send(p->t);
		break;
	case TELNET_EV_DO:
		if (ev->neg.telopt == TELNET_TELOPT_ECHO && p->echo == TEL_ECHO_ASKED && p->concealing) {
			p->echo = TEL_ECHO_ON; /* the answer to our WILL: the client stops echoing */
			break;
		}
		if (ev->neg.telopt == TELNET_TELOPT_ECHO && p->echo == TEL_ECHO_ON)
			break; /* on already */
		if (ev->neg.telopt == TELNET_TELOPT_ECHO && p->echo == TEL_ECHO_ASKED)
			p->echo = TEL_ECHO_OFF; /* too late: the line went by */
		telnet_negotiate(p->t, TELNET_WONT, ev->neg.telopt);
		break;
	case TELNET_EV_DONT:
		if (ev->neg.telopt != TELNET_TELOPT_ECHO || p->echo == TEL_ECHO_OFF ||
		    p->echo == TEL_ECHO_REFUSED)
			break; /* already off: no answer (RFC 854) */
		if (p->echo == TEL_ECHO_ON) /* the client takes the echo back: we agree */
			telnet_negotiate(p->t, TELNET_WONT, TELNET_TELOPT_ECHO);
		p->echo = TEL_ECHO_REFUSED;
		if (p->concealing) {
			p->concealing = false;
			if (p->cb.noecho)
				p->cb.noecho(p->ctx);
		}
		break;
	case TELNET_EV_WONT:
		if (ev->neg.telopt == TELNET_TELOPT_TTYPE)
			settle_ttype(p, "");
		break;
	case TELNET_EV_TTYPE:
		if (ev->ttype.cmd == TELNET_TTYPE_IS)
			settle_ttype(p, ev->ttype.name ? ev->ttype.name : "");
		break;
	case TELNET_EV_ERROR:
	case TELNET_EV_WARNING: /* an SB too long, a stray byte after IAC in an SB: malformed */
		p->error = true;
		break;
	default: /* other subnegotiations: ignored */
		break;
	}
}

int tel_proto_init(struct tel_proto *p, const struct tel_proto_cb *cb, void *ctx)
{
	memset(p, 0, sizeof *p);
	p->cb = *cb;
	p->ctx = ctx;
	p->t = telnet_init(telopts, on_event, TELNET_FLAG_PROXY, p);
	if (!p->t)
		return -1;
	telnet_negotiate(p->t, TELNET_DO, TELNET_TELOPT_TTYPE);
	return 0;
}

void tel_proto_free(struct tel_proto *p)
{
	if (p->t)
		telnet_free(p->t);
	p->t = NULL;
}

int tel_proto_recv(struct tel_proto *p, const char *buf, size_t n)
{
	if (p->error)
		return -1;
	telnet_recv(p->t, buf, n);
	return p->error ? -1 : 0;
}

void tel_proto_text(struct tel_proto *p, const char *text, size_t n)
{
	size_t from = 0;
	for (size_t k = 0; k <= n; k++) {
		if (k < n && text[k] != '\n')
			continue;
		if (k > from)
			telnet_send(p->t, text + from, k - from); /* doubles IAC */
		if (k < n)
			telnet_send(p->t, "\r\n", 2);
		from = k + 1;
	}
}

bool tel_proto_conceal(struct tel_proto *p, bool on)
{
	if (!on) {
		p->concealing = false;
		if (p->echo == TEL_ECHO_ON) {
			p->echo = TEL_ECHO_OFF; /* its DONT in answer gets none */
			telnet_negotiate(p->t, TELNET_WONT, TELNET_TELOPT_ECHO);
		}
		return true;
	}
	if (p->echo == TEL_ECHO_REFUSED || p->divert)
		return false;
	p->concealing = true;
	if (p->echo == TEL_ECHO_OFF) { /* ASKED: once is enough, the answer may come yet */
		p->echo = TEL_ECHO_ASKED;
		telnet_negotiate(p->t, TELNET_WILL, TELNET_TELOPT_ECHO);
	}
	return true;
}

void tel_proto_ttype_timeout(struct tel_proto *p)
{
	settle_ttype(p, "");
}

void tel_proto_divert(struct tel_proto *p, void (*fn)(void *dctx, void *ev), void *dctx)
{
	p->divert = fn;
	p->dctx = dctx;
}
