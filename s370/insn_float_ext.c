/* insn_float_ext.c — extended-precision floating-point instructions and
 * LOAD ROUNDED (GA22-7000, chapter "Floating-Point Instructions": ADD
 * NORMALIZED and SUBTRACT NORMALIZED AXR/SXR, MULTIPLY MXR/MXDR/MXD, LOAD
 * ROUNDED LRDR/LRER).
 *
 * An extended operand is the register pair 0,2 or 4,6: the high-order part
 * (sign, characteristic, leftmost 14 fraction digits) in the first register,
 * the rightmost 14 digits in the fraction of the second.  R fields naming a
 * pair must be 0 or 4.  Results are packed by hfp_to_ext(): low-order sign
 * equal to the high-order sign, low-order characteristic 14 less (modulo
 * 128), and both parts zero for a true zero.  "For AXR, no exponent
 * underflow is recognized when the characteristic of the low-order part
 * would be less than zero but the characteristic of the high-order part is
 * zero or greater": only the high-order characteristic is range-checked.
 */
#include "access.h"
#include "hfp.h"
#include "ops.h"

static struct hfp get_ext(const struct cpu *c, unsigned k)
{
	return hfp_from_ext(c->fpr[k], c->fpr[k + 1]);
}

static void set_ext(struct cpu *c, unsigned k, const struct hfp *r)
{
	hfp_to_ext(r, &c->fpr[k], &c->fpr[k + 1]);
}

/* AXR, SXR: the sum with its guard digit, normalized, condition code set. */
static void add_ext(struct cpu *c, const struct insn *i, bool subtract)
{
	unsigned k1 = hfp_pair(c, i->r1), k2 = hfp_pair(c, i->r2);
	struct hfp b = get_ext(c, k2), r;
	if (subtract)
		b.neg = !b.neg;
	int code = hfp_add(&r, get_ext(c, k1), b, HFP_EXT, true, c->psw.pmask);
	set_ext(c, k1, &r);
	cpu_set_cc(c, hfp_cc(&r));
	hfp_raise(c, code);
}

/* MXDR, MXD: the long multiplicand in the high-order register of the R1 pair
 * times a long multiplier gives an extended product (condition code kept). */
static void mul_long_ext(struct cpu *c, unsigned k1, uint64_t op2)
{
	struct hfp r;
	int code =
	    hfp_mul(&r, hfp_from_long(c->fpr[k1]), hfp_from_long(op2), HFP_LONG, HFP_EXT, c->psw.pmask);
	set_ext(c, k1, &r);
	hfp_raise(c, code);
}

/* 25 LRDR — Load Rounded [RR, extended operand 2, long operand 1] */
void op_lrdr(struct cpu *c, const struct insn *i)
{
	unsigned k1 = hfp_reg(c, i->r1), k2 = hfp_pair(c, i->r2);
	struct hfp r;
	int code = hfp_round(&r, get_ext(c, k2), HFP_EXT, HFP_LONG);
	c->fpr[k1] = hfp_to_long(&r);
	hfp_raise(c, code);
}

/* 26 MXR — Multiply [RR, extended] */
void op_mxr(struct cpu *c, const struct insn *i)
{
	unsigned k1 = hfp_pair(c, i->r1), k2 = hfp_pair(c, i->r2);
	struct hfp r;
	int code = hfp_mul(&r, get_ext(c, k1), get_ext(c, k2), HFP_EXT, HFP_EXT, c->psw.pmask);
	set_ext(c, k1, &r);
	hfp_raise(c, code);
}

/* 27 MXDR — Multiply [RR, long operands, extended result] */
void op_mxdr(struct cpu *c, const struct insn *i)
{
	unsigned k1 = hfp_pair(c, i->r1), k2 = hfp_reg(c, i->r2);
	mul_long_ext(c, k1, c->fpr[k2]);
}

/* 35 LRER — Load Rounded [RR, long operand 2, short operand 1] */
void op_lrer(struct cpu *c, const struct insn *i)
{
	unsigned k1 = hfp_reg(c, i->r1), k2 = hfp_reg(c, i->r2);
	struct hfp r;
	int code = hfp_round(&r, hfp_from_long(c->fpr[k2]), HFP_LONG, HFP_SHORT);
	hfp_set_short(c, k1, hfp_to_short(&r));
	hfp_raise(c, code);
}

/* 36 AXR — Add Normalized [RR, extended] */
void op_axr(struct cpu *c, const struct insn *i)
{
	add_ext(c, i, false);
}

/* 37 SXR — Subtract Normalized [RR, extended] */
void op_sxr(struct cpu *c, const struct insn *i)
{
	add_ext(c, i, true);
}

/* 67 MXD — Multiply [RX, long operands, extended result] */
void op_mxd(struct cpu *c, const struct insn *i)
{
	unsigned k1 = hfp_pair(c, i->r1);
	mul_long_ext(c, k1, vfetch64(c, i->ea2));
}
