/* hfp.c — System/370 hexadecimal floating-point arithmetic; see hfp.h.
 *
 * Section references are to GA22-7000 (IBM System/370 Principles of
 * Operation), chapter "Floating-Point Instructions".
 */
#include "hfp.h"

#include "cpu.h"

#define DIGIT_BITS 4

/* 16^n as a fraction bound: a `digits`-digit fraction is below ONE(digits). */
static inline hfp_u128 one(int digits)
{
	return (hfp_u128)1 << (DIGIT_BITS * digits);
}

/* The leftmost digit of a `digits`-digit fraction. */
static inline unsigned top_digit(hfp_u128 f, int digits)
{
	return (unsigned)(f >> (DIGIT_BITS * (digits - 1))) & 15;
}

static const uint64_t FRAC56 = 0x00FFFFFFFFFFFFFFull;

struct hfp hfp_from_short(uint32_t w)
{
	return (struct hfp){.neg = w >> 31, .ch = (w >> 24) & 127, .frac = w & 0x00FFFFFFu};
}

struct hfp hfp_from_long(uint64_t d)
{
	return (struct hfp){.neg = d >> 63, .ch = (d >> 56) & 127, .frac = d & FRAC56};
}

/* "The sign and characteristic of the low-order part of an extended operand
 * are ignored." */
struct hfp hfp_from_ext(uint64_t hi, uint64_t lo)
{
	struct hfp x = hfp_from_long(hi);
	x.frac = x.frac << 56 | (lo & FRAC56);
	return x;
}

uint32_t hfp_to_short(const struct hfp *x)
{
	return (uint32_t)x->neg << 31 | (uint32_t)(x->ch & 127) << 24 | ((uint32_t)x->frac & 0x00FFFFFFu);
}

uint64_t hfp_to_long(const struct hfp *x)
{
	return (uint64_t)x->neg << 63 | (uint64_t)(x->ch & 127) << 56 | ((uint64_t)x->frac & FRAC56);
}

/* "When a result in the extended format is placed in a register pair, the
 * sign of the low-order part is made the same as that of the high-order part,
 * and, unless the result is a true zero, the low-order characteristic is made
 * 14 less than the high-order characteristic.  When the subtraction of 14
 * would cause the low-order characteristic to become less than zero, the
 * characteristic is made 128 greater than its correct value."  The high-order
 * characteristic may itself have been wrapped by 128 on overflow or
 * underflow; taken modulo 128 the low-order one comes out the same. */
void hfp_to_ext(const struct hfp *x, uint64_t *hi, uint64_t *lo)
{
	struct hfp h = {.neg = x->neg, .ch = x->ch, .frac = x->frac >> 56};
	struct hfp l = {.neg = x->neg, .ch = x->ch - 14, .frac = x->frac & FRAC56};
	bool true_zero = x->frac == 0 && (x->ch & 127) == 0 && !x->neg;
	*hi = hfp_to_long(&h);
	*lo = true_zero ? 0 : hfp_to_long(&l);
}

int hfp_cc(const struct hfp *x)
{
	return x->frac == 0 ? 0 : x->neg ? 1 : 2;
}

static inline void true_zero(struct hfp *r)
{
	*r = (struct hfp){0};
}

/* Shift leading zero digits out of a nonzero fraction, lowering the
 * characteristic by one for each digit. */
static void normalize(struct hfp *x, int digits)
{
	while (top_digit(x->frac, digits) == 0) {
		x->frac <<= DIGIT_BITS;
		x->ch--;
	}
}

/* Exponent overflow and underflow of a final, nonzero result (the common
 * rule of every arithmetic instruction):
 *   overflow  (characteristic > 127): the characteristic is made 128 smaller,
 *             sign and fraction stay correct, the interruption always occurs;
 *   underflow (characteristic < 0): with the exponent-underflow mask bit one,
 *             the characteristic is made 128 larger and the interruption
 *             occurs; with it zero, the result is made a true zero. */
static int range_check(struct hfp *r, unsigned pmask)
{
	if (r->ch > 127) {
		r->ch -= 128;
		return PGM_EXPONENT_OVERFLOW;
	}
	if (r->ch < 0) {
		if (pmask & PM_EXPUNF) {
			r->ch += 128;
			return PGM_EXPONENT_UNDERFLOW;
		}
		true_zero(r);
	}
	return 0;
}

/* The signed intermediate sum of ADD (also used by COMPARE): "the fraction
 * with the smaller characteristic is shifted right; its characteristic is
 * increased by one for each hexadecimal digit of shift ...  the rightmost
 * digit shifted out is retained as a guard digit; the fraction that is not
 * shifted is considered extended with a zero guard digit."  The result
 * fraction has digits+1 digits (the last one the guard digit); a carry out of
 * the leftmost digit shifts it right one digit and raises the characteristic. */
static struct hfp intermediate_sum(struct hfp a, struct hfp b, int digits)
{
	if (a.ch < b.ch) {
		struct hfp t = a;
		a = b;
		b = t;
	}
	hfp_u128 fa = a.frac << DIGIT_BITS, fb = b.frac << DIGIT_BITS;
	int shift = a.ch - b.ch;
	fb = shift > digits ? 0 : fb >> (DIGIT_BITS * shift);

	struct hfp s = {.ch = a.ch};
	if (a.neg == b.neg) {
		s.frac = fa + fb;
		s.neg = a.neg;
	} else if (fa >= fb) {
		s.frac = fa - fb;
		s.neg = a.neg;
	} else {
		s.frac = fb - fa;
		s.neg = b.neg;
	}
	if (s.frac >= one(digits + 1)) {
		s.frac >>= DIGIT_BITS;
		s.ch++;
	}
	return s;
}

/* ADD NORMALIZED, ADD UNNORMALIZED, SUBTRACT (short, long, extended). */
int hfp_add(struct hfp *r, struct hfp a, struct hfp b, int digits, bool normalize_sum, unsigned pmask)
{
	struct hfp s = intermediate_sum(a, b, digits);

	/* The result fraction is zero when the intermediate sum, including the
	 * guard digit, is zero; for ADD UNNORMALIZED "the guard digit does not
	 * participate in the recognition of a zero result fraction".  A zero
	 * sum is not normalized; with the significance mask bit one it keeps the
	 * intermediate characteristic (sign plus), else it is a true zero. */
	bool zero = normalize_sum ? s.frac == 0 : (s.frac >> DIGIT_BITS) == 0;
	if (zero) {
		if (pmask & PM_SIGNIF) {
			*r = (struct hfp){.ch = s.ch};
			return PGM_SIGNIFICANCE;
		}
		true_zero(r);
		return 0;
	}
	if (normalize_sum)
		normalize(&s, digits + 1); /* the guard digit takes part */
	s.frac >>= DIGIT_BITS;             /* then the sum is truncated */
	*r = s;
	/* Without normalization the characteristic can only grow (by a carry):
	 * exponent underflow cannot occur. */
	return range_check(r, pmask);
}

/* COMPARE follows normalized subtraction, the difference (with its guard
 * digit) being discarded; numbers with zero fractions compare equal. */
int hfp_compare(struct hfp a, struct hfp b, int digits)
{
	b.neg = !b.neg;
	struct hfp d = intermediate_sum(a, b, digits);
	return hfp_cc(&d);
}

/* The 224-bit product of two 112-bit integers as hi * 2^112 + lo. */
static void mul_112(hfp_u128 a, hfp_u128 b, hfp_u128 *hi, hfp_u128 *lo)
{
	const hfp_u128 m56 = ((hfp_u128)1 << 56) - 1;
	hfp_u128 ah = a >> 56, al = a & m56, bh = b >> 56, bl = b & m56;
	hfp_u128 ll = al * bl, mid = ah * bl + al * bh, hh = ah * bh;
	/* Sum at weight 2^56: mid (<= 2^113) plus the carry part of ll. */
	hfp_u128 t = mid + (ll >> 56);
	*lo = ((t & m56) << 56) | (ll & m56);
	*hi = hh + (t >> 56);
}

/* MULTIPLY.  "The multiplication of two floating-point numbers consists in
 * characteristic addition and fraction multiplication.  The operands are
 * first normalized ... the sum of the characteristics of the normalized
 * operands, less 64, is used as the characteristic of the intermediate
 * product."  The intermediate product of two normalized fractions has at
 * most one leading zero digit; it is normalized and then truncated to the
 * result length.  A zero operand fraction gives a true zero and no exponent
 * exception; exponent underflow is not recognized during prenormalization. */
int hfp_mul(struct hfp *r, struct hfp a, struct hfp b, int digits, int rdigits, unsigned pmask)
{
	if (a.frac == 0 || b.frac == 0) {
		true_zero(r);
		return 0;
	}
	normalize(&a, digits);
	normalize(&b, digits);
	struct hfp p = {.neg = a.neg != b.neg, .ch = a.ch + b.ch - 64};

	if (digits == HFP_EXT) {
		hfp_u128 hi, lo; /* the 56-digit product is hi:lo, 28 digits each */
		mul_112(a.frac, b.frac, &hi, &lo);
		if (top_digit(hi, HFP_EXT) == 0) {
			hi = hi << DIGIT_BITS | lo >> (DIGIT_BITS * (HFP_EXT - 1));
			p.ch--;
		}
		p.frac = hi;
	} else {
		hfp_u128 f = a.frac * b.frac; /* 2 * digits digits, exact */
		if (top_digit(f, 2 * digits) == 0) {
			f <<= DIGIT_BITS;
			p.ch--;
		}
		int extra = 2 * digits - rdigits;
		p.frac = extra >= 0 ? f >> (DIGIT_BITS * extra) : f << (DIGIT_BITS * -extra);
	}
	*r = p;
	return range_check(r, pmask);
}

/* DIVIDE.  The operands are normalized; the intermediate quotient takes its
 * characteristic from the difference of theirs plus 64, "can have no
 * leading hexadecimal zeros, but a right shift of one digit position may be
 * necessary", and is truncated to the result length. */
int hfp_div(struct hfp *r, struct hfp a, struct hfp b, int digits, unsigned pmask)
{
	if (b.frac == 0)
		return PGM_FLOAT_DIVIDE; /* suppressed, zero dividend included */
	if (a.frac == 0) {
		true_zero(r);
		return 0;
	}
	normalize(&a, digits);
	normalize(&b, digits);
	struct hfp q = {.neg = a.neg != b.neg, .ch = a.ch - b.ch + 64};
	if (a.frac >= b.frac) { /* quotient >= 1: one digit right */
		q.frac = (a.frac << (DIGIT_BITS * (digits - 1))) / b.frac;
		q.ch++;
	} else {
		q.frac = (a.frac << (DIGIT_BITS * digits)) / b.frac;
	}
	*r = q;
	return range_check(r, pmask);
}

/* HALVE.  "The fraction of the second operand is shifted right one bit
 * position, placing the contents of the rightmost bit position in the
 * leftmost bit position of the guard digit"; the intermediate result,
 * guard digit included, is then normalized and truncated.  A zero fraction
 * gives a true zero; exponent overflow cannot occur. */
int hfp_halve(struct hfp *r, struct hfp a, int digits, unsigned pmask)
{
	if (a.frac == 0) {
		true_zero(r);
		return 0;
	}
	struct hfp h = {.neg = a.neg, .ch = a.ch, .frac = (a.frac << DIGIT_BITS) >> 1};
	normalize(&h, digits + 1);
	h.frac >>= DIGIT_BITS;
	*r = h;
	return range_check(r, pmask);
}

/* LOAD ROUNDED.  "Rounding consists in adding a one in the leftmost bit
 * position of the discarded part of the fraction and propagating any carry
 * to the left."  A carry out of the leftmost digit shifts the fraction right
 * one digit and raises the characteristic by one; overflow of the
 * characteristic is an exponent-overflow exception (characteristic made 128
 * smaller).  There is no normalization, no zero test and no underflow. */
int hfp_round(struct hfp *r, struct hfp a, int digits, int rdigits)
{
	int drop = DIGIT_BITS * (digits - rdigits);
	struct hfp x = {.neg = a.neg, .ch = a.ch};
	x.frac = (a.frac + ((hfp_u128)1 << (drop - 1))) >> drop;
	if (x.frac >= one(rdigits)) {
		x.frac >>= DIGIT_BITS;
		x.ch++;
	}
	*r = x;
	if (x.ch > 127) {
		r->ch -= 128;
		return PGM_EXPONENT_OVERFLOW;
	}
	return 0;
}
