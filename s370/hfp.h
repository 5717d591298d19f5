/* hfp.h — System/370 hexadecimal floating-point arithmetic
 * (GA22-7000, chapter "Floating-Point Instructions").
 *
 * A floating-point number is a sign, a 7-bit characteristic (the exponent of
 * 16 in excess-64 notation) and a fraction of hexadecimal digits with the
 * radix point at its left:
 *
 *   short     |S| char |  6-digit fraction |                         bits 0-31
 *   long      |S| char | 14-digit fraction                     |     bits 0-63
 *   extended  |S| char | leftmost 14 digits | |s| c-14 | rightmost 14 digits |
 *
 * The core works on an unpacked form, struct hfp, whose fraction is an
 * integer of `digits` hexadecimal digits (6, 14 or 28) and whose
 * characteristic is a plain int that may leave 0..127 while an operation is
 * under way.  It knows nothing of the CPU: each operation takes the PSW
 * program mask, produces the result the architecture places in the register
 * and returns the program-interruption code that the result raises (0 for
 * none).  The caller stores the result, sets the condition code and only then
 * takes the interruption: exponent overflow, exponent underflow and
 * significance all complete the operation.  Floating-point divide is the one
 * exception that suppresses: hfp_div then leaves *r untouched.
 */
#ifndef S370_HFP_H
#define S370_HFP_H

#include <stdbool.h>
#include <stdint.h>

#include "cpu.h"

__extension__ typedef unsigned __int128 hfp_u128;

/* Fraction lengths in hexadecimal digits. */
enum { HFP_SHORT = 6, HFP_LONG = 14, HFP_EXT = 28 };

struct hfp {
	bool neg;      /* sign bit */
	int ch;        /* characteristic (exponent + 64) */
	hfp_u128 frac; /* fraction, an integer of `digits` hex digits */
};

/* Unpack and pack the register/storage formats.  Packing uses ch & 127; the
 * low-order part of an extended result gets the high-order sign and a
 * characteristic 14 smaller (modulo 128), except that a true zero is all
 * zero in both parts. */
struct hfp hfp_from_short(uint32_t w);
struct hfp hfp_from_long(uint64_t d);
struct hfp hfp_from_ext(uint64_t hi, uint64_t lo);
uint32_t hfp_to_short(const struct hfp *x);
uint64_t hfp_to_long(const struct hfp *x);
void hfp_to_ext(const struct hfp *x, uint64_t *hi, uint64_t *lo);

/* Condition code of a result: 0 fraction zero, 1 less than zero, 2 greater. */
int hfp_cc(const struct hfp *x);

/* ADD NORMALIZED / ADD UNNORMALIZED (a SUBTRACT passes b with its sign
 * inverted).  pmask: PSW program mask (PM_EXPUNF, PM_SIGNIF). */
int hfp_add(struct hfp *r, struct hfp a, struct hfp b, int digits, bool normalize, unsigned pmask);

/* COMPARE: condition code 0 equal, 1 a low, 2 a high. */
int hfp_compare(struct hfp a, struct hfp b, int digits);

/* MULTIPLY: operands of `digits`, product of `rdigits` (>= digits). */
int hfp_mul(struct hfp *r, struct hfp a, struct hfp b, int digits, int rdigits, unsigned pmask);

/* DIVIDE: a / b; PGM_FLOAT_DIVIDE (and *r unchanged) for a zero divisor fraction. */
int hfp_div(struct hfp *r, struct hfp a, struct hfp b, int digits, unsigned pmask);

/* HALVE. */
int hfp_halve(struct hfp *r, struct hfp a, int digits, unsigned pmask);

/* LOAD ROUNDED from `digits` to `rdigits` (14 -> 6 or 28 -> 14). */
int hfp_round(struct hfp *r, struct hfp a, int digits, int rdigits);

/* ---- Floating-point registers, for the handlers (insn_float*.c) ----
 * c->fpr[0..3] hold FPR 0, 2, 4, 6.  "The R1 and R2 fields must designate
 * register 0, 2, 4, or 6" (pairs 0,2 and 4,6 for extended operands: R must be
 * 0 or 4); any other number is a specification exception, recognized before
 * the storage operand is accessed.  A short operand is the left half of a
 * register; a short result leaves the right half unchanged. */

/* Index into c->fpr of FPR r, or the specification exception. */
static inline unsigned hfp_reg(struct cpu *c, unsigned r)
{
	if (r & 9) /* odd or above 6 */
		cpu_program_check(c, PGM_SPECIFICATION);
	return r >> 1;
}

/* Index of the high-order register of the pair r, r+2 (r = 0 or 4). */
static inline unsigned hfp_pair(struct cpu *c, unsigned r)
{
	if (r & 11) /* not 0 or 4 */
		cpu_program_check(c, PGM_SPECIFICATION);
	return r >> 1;
}

static inline uint32_t hfp_get_short(const struct cpu *c, unsigned k)
{
	return (uint32_t)(c->fpr[k] >> 32);
}

static inline void hfp_set_short(struct cpu *c, unsigned k, uint32_t v)
{
	c->fpr[k] = (uint64_t)v << 32 | (uint32_t)c->fpr[k];
}

/* Leave by the program interruption that a completed operation raised. */
static inline void hfp_raise(struct cpu *c, int code)
{
	if (code)
		cpu_program_check(c, code);
}

#endif
