/* tn_stream.c — 3270 records on the network and the few data streams the
 * server writes itself (the connection screen), plus terminal-type parsing.
 *
 * A TN3270 record (RFC 1576) is a 3270 command code followed by its data,
 * with every X'FF' doubled (it is IAC in telnet's BINARY mode) and IAC EOR
 * at the end.  Buffer addresses follow the 3270 Data Stream Programmer's
 * Reference (GA23-0059), "Buffer Addressing": a 12-bit address is sent as
 * two 6-bit halves, each turned into a graphic byte by the code table
 * below; a 14-bit address has the top two bits of its first byte 00.
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>

#include "codepage.h"
#include "tn3270.h"

size_t tn_encode_record(int cmd, const uint8_t *data, size_t n, uint8_t *out)
{
	size_t k = 0;
	if (cmd >= 0) {
		out[k++] = (uint8_t)cmd;
		if (cmd == 0xFF)
			out[k++] = 0xFF;
	}
	for (size_t j = 0; j < n; j++) {
		out[k++] = data[j];
		if (data[j] == 0xFF) /* IAC: doubled (RFC 854) */
			out[k++] = 0xFF;
	}
	out[k++] = 0xFF; /* IAC EOR (RFC 885) */
	out[k++] = 0xEF;
	return k;
}

size_t tn_encode_record_e(int cmd, const uint8_t *data, size_t n, uint8_t *out)
{
	return tn_encode_record_er(cmd, data, n, TN_RF_NO_RESPONSE, 0, out);
}

size_t tn_encode_record_er(int cmd, const uint8_t *data, size_t n, uint8_t rflag, uint16_t seq, uint8_t *out)
{
	/* data-type 3270-DATA, request-flag 0, response-flag, sequence number
	 * (RFC 2355 section 8.1); a sequence byte X'FF' is doubled too */
	const uint8_t hdr[TN_E_HEADER] = {TN_DT_3270_DATA, 0, rflag, (uint8_t)(seq >> 8), (uint8_t)seq};
	size_t k = 0;
	for (int j = 0; j < TN_E_HEADER; j++) {
		out[k++] = hdr[j];
		if (hdr[j] == 0xFF)
			out[k++] = 0xFF;
	}
	if (cmd >= 0) {
		out[k++] = (uint8_t)cmd;
		if (cmd == 0xFF)
			out[k++] = 0xFF;
	}
	return k + tn_encode_record(-1, data, n, out + k);
}

/* The 6-bit code table: value 0..63 -> its graphic byte. */
static const uint8_t code6[64] = {
    0x40, 0xC1, 0xC2, 0xC3, 0xC4, 0xC5, 0xC6, 0xC7, 0xC8, 0xC9, 0x4A, 0x4B, 0x4C, 0x4D, 0x4E, 0x4F,
    0x50, 0xD1, 0xD2, 0xD3, 0xD4, 0xD5, 0xD6, 0xD7, 0xD8, 0xD9, 0x5A, 0x5B, 0x5C, 0x5D, 0x5E, 0x5F,
    0x60, 0x61, 0xE2, 0xE3, 0xE4, 0xE5, 0xE6, 0xE7, 0xE8, 0xE9, 0x6A, 0x6B, 0x6C, 0x6D, 0x6E, 0x6F,
    0xF0, 0xF1, 0xF2, 0xF3, 0xF4, 0xF5, 0xF6, 0xF7, 0xF8, 0xF9, 0x7A, 0x7B, 0x7C, 0x7D, 0x7E, 0x7F,
};

void tn_encode_addr(unsigned addr, uint8_t out[2])
{
	out[0] = code6[(addr >> 6) & 63];
	out[1] = code6[addr & 63];
}

unsigned tn_decode_addr(const uint8_t in[2])
{
	if ((in[0] & 0xC0) == 0) /* 14-bit binary address */
		return (unsigned)(in[0] & 0x3F) << 8 | in[1];
	return (unsigned)(in[0] & 0x3F) << 6 | (in[1] & 0x3F);
}

size_t tn_screen(const char *const *lines, int nlines, uint8_t *out, size_t max)
{
	const struct codepage *cp = codepage_find("037");
	size_t k = 0;
	if (max < 1)
		return 0;
	/* WCC: reset MDT bits only.  The keyboard stays locked: this screen
	 * takes no input, the program's first write unlocks it. */
	out[k++] = 0xC1;
	for (int l = 0; l < nlines && l < 24; l++) {
		if (k + 3 > max)
			break;
		out[k++] = 0x11; /* SBA: row l+1, column 2 */
		tn_encode_addr((unsigned)(l * 80 + 1), out + k);
		k += 2;
		k += codepage_from_utf8(cp, lines[l], out + k, max - k < 78 ? max - k : 78);
	}
	return k;
}

bool tn_ttype_parse(const char *name, struct tn_term *t)
{
	char buf[64];
	snprintf(buf, sizeof buf, "%s", name);
	char *at = strchr(buf, '@');
	if (at)
		*at = 0;
	struct tn_term r = {0};
	if (!strcasecmp(buf, "IBM-DYNAMIC")) {
		r.model = 2;
		r.dynamic = true;
		r.ext = true;
		*t = r;
		return true;
	}
	/* IBM-327x-m[-E] */
	if (strncasecmp(buf, "IBM-327", 7) || !buf[7] || buf[8] != '-')
		return false;
	char x = buf[7];
	char m = buf[9];
	const char *rest = buf + 10;
	if (x != '7' && x != '8' && x != '9')
		return false;
	if (m < '2' || m > '5' || (x == '7' && m != '2'))
		return false;
	if (*rest && strcasecmp(rest, "-E"))
		return false;
	r.type = (uint16_t)(0x3270 + (x - '0'));
	r.model = (uint8_t)(m - '0');
	r.ext = *rest != 0;
	*t = r;
	return true;
}
