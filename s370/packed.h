/* packed.h — packed-decimal operands (GA22-7000 chapter 8, "Decimal
 * Instructions").
 *
 * A packed field of 1..16 bytes holds 1..31 decimal digits and a sign in the
 * rightmost four bits:
 *
 *     | d d | d d | ... | d d | d s |
 *
 * Digit codes 0-9 are valid; sign codes A, C, E, F are plus and B, D minus
 * (C and D are preferred and are what results carry).  31 digits are less
 * than 2^104, so a magnitude fits an unsigned 128-bit integer.
 */
#ifndef S370_PACKED_H
#define S370_PACKED_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

__extension__ typedef unsigned __int128 dec_u128;

enum { DEC_PLUS = 0x0C, DEC_MINUS = 0x0D, DEC_MAXLEN = 16 };

static inline bool dec_sign_valid(uint8_t s)
{
	return s >= 0x0A;
}
static inline bool dec_sign_minus(uint8_t s)
{
	return s == 0x0B || s == 0x0D;
}

/* A decoded operand. */
struct dec {
	dec_u128 mag;
	bool neg;
};

/* Decode len bytes; false if a digit or the sign is invalid. */
bool dec_decode(const uint8_t *b, int len, struct dec *d);
/* Encode mag with the preferred sign into len bytes; returns true if nonzero
 * digits were lost (the field keeps the rightmost 2*len-1 digits). */
bool dec_encode(dec_u128 mag, bool neg, uint8_t *b, int len);
/* 10^n for 0 <= n <= 38. */
dec_u128 dec_pow10(int n);

#endif
