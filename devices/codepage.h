/* codepage.h — EBCDIC code pages for devices that talk to the host in text
 * (consoles, card files, printers).
 *
 * Each code page is a pair of 256-byte tables between EBCDIC and ISO 8859-1
 * (Latin-1); both directions are bijections, so text survives a round trip.
 * The host side of a console is UTF-8: codepage_to_utf8() and
 * codepage_from_utf8() convert whole lines, with control characters shown
 * as '.' and characters outside Latin-1 read as EBCDIC '?'.
 */
#ifndef DEVICES_CODEPAGE_H
#define DEVICES_CODEPAGE_H

#include <stddef.h>
#include <stdint.h>

struct codepage {
	const char *name; /* "037", "1047" */
	uint8_t e2a[256]; /* EBCDIC -> Latin-1 */
	uint8_t a2e[256]; /* Latin-1 -> EBCDIC */
};

/* "037", "1047", "default" (037), or Hercules' "ascii/ebcdic" pair form
 * such as "819/1047" or "437/037" (the EBCDIC half decides); NULL if unknown. */
const struct codepage *codepage_find(const char *name);

/* EBCDIC bytes to a NUL-terminated UTF-8 line (out needs 2*n+1 bytes). */
void codepage_to_utf8(const struct codepage *cp, const uint8_t *in, size_t n, char *out);
/* UTF-8 text to EBCDIC; returns the number of bytes written (at most max). */
size_t codepage_from_utf8(const struct codepage *cp, const char *in, uint8_t *out, size_t max);

#endif
