/* packed.c — conversion between packed-decimal fields and binary magnitudes;
 * see packed.h. */
#include "packed.h"

dec_u128 dec_pow10(int n)
{
	dec_u128 v = 1;
	while (n-- > 0)
		v *= 10;
	return v;
}

bool dec_decode(const uint8_t *b, int len, struct dec *d)
{
	dec_u128 v = 0;
	bool ok = true;
	for (int k = 0; k < len; k++) {
		uint8_t hi = b[k] >> 4, lo = b[k] & 0x0F;
		ok &= hi <= 9;
		v = v * 10 + hi;
		if (k < len - 1) {
			ok &= lo <= 9;
			v = v * 10 + lo;
		}
	}
	uint8_t s = b[len - 1] & 0x0F;
	d->mag = v;
	d->neg = dec_sign_minus(s);
	return ok && dec_sign_valid(s);
}

bool dec_encode(dec_u128 mag, bool neg, uint8_t *b, int len)
{
	/* Peel digits in groups of 10^18 so that most divisions are 64-bit. */
	const uint64_t e18 = 1000000000000000000ull;
	uint64_t part[3];
	part[0] = (uint64_t)(mag % e18);
	dec_u128 rest = mag / e18;
	part[1] = (uint64_t)(rest % e18);
	part[2] = (uint64_t)(rest / e18);
	int digits = 2 * len - 1;
	uint8_t dig[32];
	for (int k = 0; k < digits; k++) {
		uint64_t *p = &part[k / 18];
		dig[k] = (uint8_t)(*p % 10);
		*p /= 10;
	}
	/* Digits beyond the field: anything left in the parts is lost. */
	bool lost = part[0] || part[1] || part[2];
	b[len - 1] = (uint8_t)(dig[0] << 4 | (neg ? DEC_MINUS : DEC_PLUS));
	for (int k = 1, pos = len - 2; pos >= 0; pos--, k += 2)
		b[pos] = (uint8_t)(dig[k + 1] << 4 | dig[k]);
	return lost;
}
