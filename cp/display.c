/* display.c — local 3270 displays: the logo screen and what a terminal user
 * types on it.
 *
 * The 3270 is driven by its data stream (IBM 3270 Information Display System
 * Data Stream Programmer's Reference): CP writes a screen with Erase/Write
 * (X'05') — a write control character, then orders and text — and when the
 * user presses Enter, a PA or PF key, the display presents attention; CP
 * then reads the changed fields with Read Modified (X'06'): the AID byte
 * (which key), the cursor address, and for each modified field Set Buffer
 * Address with its address and the text typed.
 *
 * A display presents device end when it is switched on, which for a display
 * reached over TN3270 is when a client connects: that is when CP paints the
 * logo.
 */
#include "cp.h"

enum { COLS = 80, ROWS = 24 };
enum { ORD_SF = 0x1D, ORD_SBA = 0x11, ORD_IC = 0x13 };
enum { WCC_RESTORE_RESET = 0xC3 };  /* keyboard restore, reset modified bits */
enum { AID_ENTER = 0x7D, AID_CLEAR = 0x6D, AID_PA1 = 0x6C };
/* Field attributes (bits 2-7 of the attribute byte, sent as a graphic). */
enum { FA_PROT = 0x20, FA_HIGH = 0x08, FA_HIDDEN = 0x0C };

/* Buffer addresses and attributes travel as 6-bit values in graphic codes. */
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

/* A data stream being built. */
struct ds {
	uint8_t b[2048];
	uint16_t n;
};

static void ds_byte(struct ds *s, uint8_t v)
{
	if (s->n < sizeof s->b)
		s->b[s->n++] = v;
}

static void ds_sba(struct ds *s, int row, int col)
{
	unsigned a = (unsigned)(row * COLS + col);
	ds_byte(s, ORD_SBA);
	ds_byte(s, code6[(a >> 6) & 0x3F]);
	ds_byte(s, code6[a & 0x3F]);
}

static void ds_sf(struct ds *s, uint8_t attr)
{
	ds_byte(s, ORD_SF);
	ds_byte(s, code6[attr & 0x3F]);
}

static void ds_text(struct ds *s, const char *t)
{
	while (*t)
		ds_byte(s, cp_a2e[(uint8_t)*t++]);
}

/* Protected text at row, col (the attribute byte takes the column before). */
static void ds_label(struct ds *s, int row, int col, uint8_t attr, const char *t)
{
	ds_sba(s, row, col - 1);
	ds_sf(s, (uint8_t)(FA_PROT | attr));
	ds_text(s, t);
}

static int write_ds(struct rdev *d, uint8_t cmd, const struct ds *s)
{
	static struct ccw w;
	ccw_set(&w, cmd, s->b, CCW_SLI, s->n);
	return io_run(d, &w);
}

static const char *const logo[] = {
    "        sssss   333333   77777777    000000",
    "       ss   ss       33        77   00   000",
    "        sss       3333        77    00  0 00",
    "          sss        33      77     00 0  00",
    "       ss   ss       33     77      000   00",
    "        sssss   333333     77        000000",
};

void disp_logo(struct rdev *d)
{
	static struct ds s;
	s.n = 0;
	ds_byte(&s, WCC_RESTORE_RESET);
	for (int k = 0; k < 6; k++)
		ds_label(&s, 3 + k, 12, 0, logo[k]);
	ds_label(&s, 11, 12, FA_HIGH, "s370 CP " CP_VERSION " - a System/370 virtual machine system");
	ds_label(&s, 18, 1, 0, "Fill in your USERID and PASSWORD and press ENTER");
	ds_label(&s, 20, 1, 0, "USERID   ===>");
	ds_sba(&s, 20, 15);
	ds_sf(&s, 0); /* unprotected: the user id */
	ds_byte(&s, ORD_IC);
	ds_sba(&s, 20, 24);
	ds_sf(&s, FA_PROT);
	ds_label(&s, 21, 1, 0, "PASSWORD ===>");
	ds_sba(&s, 21, 15);
	ds_sf(&s, FA_HIDDEN); /* unprotected, not displayed: the password */
	ds_sba(&s, 21, 24);
	ds_sf(&s, FA_PROT);
	char line[80];
	cp_format(line, sizeof line, "RUNNING   display %03X", d->addr);
	ds_label(&s, 23, 58, 0, line);
	write_ds(d, 0x05, &s); /* Erase/Write */
}

/* One message on the line above the input fields, keyboard restored. */
static void disp_message(struct rdev *d, const char *text)
{
	static struct ds s;
	s.n = 0;
	ds_byte(&s, WCC_RESTORE_RESET & ~1); /* keep what was typed */
	ds_label(&s, 16, 1, FA_HIGH, text);
	ds_byte(&s, ORD_SF);
	ds_byte(&s, code6[FA_PROT]);
	write_ds(d, 0x01, &s); /* Write */
}

/* The user id typed in the first field, from a Read Modified answer. */
static void userid_of(const uint8_t *in, int n, char *out, int outlen)
{
	out[0] = 0;
	for (int k = 3; k + 2 < n; k++) {
		if (in[k] != ORD_SBA)
			continue;
		unsigned a = (unsigned)((in[k + 1] & 0x3F) << 6 | (in[k + 2] & 0x3F));
		if (a != 20 * COLS + 16)
			continue;
		int m = 0;
		for (int j = k + 3; j < n && in[j] != ORD_SBA && m + 1 < outlen; j++)
			if (in[j] != 0x40 && in[j] != 0x00)
				out[m++] = (char)cp_e2a[in[j]];
		out[m] = 0;
		return;
	}
}

/* Status a display presented by itself. */
void disp_event(struct rdev *d, uint8_t status)
{
	if (status & US_DE) /* switched on: a new user */
		disp_logo(d);
	if (!(status & US_ATTN))
		return;
	static uint8_t in[256];
	static struct ccw rm;
	memset(in, 0, sizeof in);
	ccw_set(&rm, 0x06, in, CCW_SLI, sizeof in);
	int st = io_run(d, &rm);
	if (st < 0 || (st & US_UC))
		return;
	int n = (int)sizeof in; /* the residual count is in the CSW; the scan stops at zeros */
	while (n > 0 && in[n - 1] == 0)
		n--;
	if (in[0] == AID_CLEAR) {
		disp_logo(d);
		return;
	}
	char user[9], msg[80];
	userid_of(in, n, user, sizeof user);
	if (!user[0])
		cp_format(msg, sizeof msg, "Enter a user id first.");
	else
		cp_format(msg, sizeof msg, "LOGON %s: no user directory yet; CP is still being built.", user);
	disp_message(d, msg);
	con_printf("display %03X: logon attempt by %s", d->addr, user[0] ? user : "(no user id)");
}
