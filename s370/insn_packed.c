/* insn_packed.c — packed-decimal arithmetic: AP SP ZAP CP MP DP SRP
 * (GA22-7000 chapter 8, "Decimal Instructions").  ED and EDMK are in
 * insn_edit.c.
 *
 * SS format with two lengths: | op | L1 L2 | B1 D1 | B2 D2 |, operands of
 * L1+1 and L2+1 bytes.  Both operands are fetched into local buffers before
 * anything is stored, which gives the architected result for the permitted
 * overlaps (coincident rightmost bytes; for ZAP also a first operand whose
 * rightmost byte lies to the right of the second's).
 *
 * Order of exceptions: specification (MP, DP), access (second operand fetch,
 * first operand fetch/store), data (invalid digit or sign: the operation is
 * suppressed), decimal divide (suppressed), decimal overflow (completed: the
 * truncated result is stored, CC 3, and the interruption occurs only if the
 * decimal-overflow mask PSW bit 37 BC / 21 EC is one).
 */
#include "access.h"
#include "ops.h"
#include "packed.h"

struct pk {
	int l1, l2;
	uint8_t b1[DEC_MAXLEN], b2[DEC_MAXLEN];
	struct dec d1, d2;
};

enum { OP1_NONE = 0, OP1_FETCH = 1, OP1_STORE = 2 };

/* Fetch the operands, check store access to the first, then the codes. */
static void pk_fetch(struct cpu *c, const struct insn *i, struct pk *p, int op1)
{
	p->l1 = i->r1 + 1;
	p->l2 = i->r2 + 1;
	vfetch_bytes(c, i->ea2, p->b2, (uint32_t)p->l2);
	if (op1 & OP1_STORE)
		vcheck(c, i->ea1, (uint32_t)p->l1, ACC_STORE);
	bool ok = dec_decode(p->b2, p->l2, &p->d2);
	if (op1 & OP1_FETCH) {
		vfetch_bytes(c, i->ea1, p->b1, (uint32_t)p->l1);
		ok &= dec_decode(p->b1, p->l1, &p->d1);
	}
	if (!ok)
		cpu_program_check(c, PGM_DATA);
}

/* Store a result in the first operand; set the CC for the add group. */
static void pk_store_result(struct cpu *c, const struct insn *i, int l1, dec_u128 mag, bool neg)
{
	if (mag == 0)
		neg = false; /* a zero result is positive unless digits were lost */
	uint8_t out[DEC_MAXLEN];
	bool lost = dec_encode(mag, neg, out, l1);
	vstore_bytes(c, i->ea1, out, (uint32_t)l1);
	if (lost) {
		cpu_set_cc(c, 3);
		if (c->psw.pmask & PM_DECOVF)
			cpu_program_check(c, PGM_DECIMAL_OVERFLOW);
		return;
	}
	/* The stored value is the exact value here. */
	cpu_set_cc(c, mag == 0 ? 0 : neg ? 1 : 2);
}

/* Signed addition of magnitudes. */
static void dec_add(const struct dec *a, const struct dec *b, bool negate_b, struct dec *r)
{
	bool bneg = b->neg != negate_b;
	if (a->neg == bneg) {
		r->mag = a->mag + b->mag;
		r->neg = a->neg;
	} else if (a->mag >= b->mag) {
		r->mag = a->mag - b->mag;
		r->neg = a->neg;
	} else {
		r->mag = b->mag - a->mag;
		r->neg = bneg;
	}
}

static void add_sub(struct cpu *c, const struct insn *i, bool sub)
{
	struct pk p;
	pk_fetch(c, i, &p, OP1_FETCH | OP1_STORE);
	struct dec r;
	dec_add(&p.d1, &p.d2, sub, &r);
	pk_store_result(c, i, p.l1, r.mag, r.neg);
}

/* FA AP — Add Decimal [SS] */
void op_ap(struct cpu *c, const struct insn *i)
{
	add_sub(c, i, false);
}

/* FB SP — Subtract Decimal [SS] */
void op_sp(struct cpu *c, const struct insn *i)
{
	add_sub(c, i, true);
}

/* F8 ZAP — Zero and Add [SS]
 * Only the second operand is checked; the first is not fetched. */
void op_zap(struct cpu *c, const struct insn *i)
{
	struct pk p;
	pk_fetch(c, i, &p, OP1_STORE);
	pk_store_result(c, i, p.l1, p.d2.mag, p.d2.neg);
}

/* F9 CP — Compare Decimal [SS]
 * Algebraic comparison; a negative zero equals a positive zero. */
void op_cp(struct cpu *c, const struct insn *i)
{
	struct pk p;
	pk_fetch(c, i, &p, OP1_FETCH);
	struct dec r;
	dec_add(&p.d1, &p.d2, true, &r);
	cpu_set_cc(c, r.mag == 0 ? 0 : r.neg ? 1 : 2);
}

/* MP and DP: the multiplier/divisor is at most 15 digits and shorter than
 * the first operand, else specification (suppressed). */
static void md_spec(struct cpu *c, const struct insn *i)
{
	if (i->r2 > 7 || i->r2 >= i->r1)
		cpu_program_check(c, PGM_SPECIFICATION);
}

/* FC MP — Multiply Decimal [SS]
 * The multiplicand must have at least L2+1 bytes of leftmost zeros (else data
 * exception), so the product always fits.  Its sign follows the rules of
 * algebra even when it is zero.  CC unchanged. */
void op_mp(struct cpu *c, const struct insn *i)
{
	md_spec(c, i);
	struct pk p;
	pk_fetch(c, i, &p, OP1_FETCH | OP1_STORE);
	for (int k = 0; k < p.l2; k++)
		if (p.b1[k])
			cpu_program_check(c, PGM_DATA);
	uint8_t out[DEC_MAXLEN];
	dec_encode(p.d1.mag * p.d2.mag, p.d1.neg != p.d2.neg, out, p.l1);
	vstore_bytes(c, i->ea1, out, (uint32_t)p.l1);
}

/* FD DP — Divide Decimal [SS]
 * The dividend (L1+1 bytes) is replaced by the quotient in its leftmost L1-L2
 * bytes and the remainder in its rightmost L2+1 bytes.  Quotient sign by the
 * rules of algebra, remainder sign that of the dividend, both even when zero.
 * A zero divisor or a quotient that does not fit its 2*(L1-L2)-1 digits is a
 * decimal-divide exception (suppressed).  CC unchanged. */
void op_dp(struct cpu *c, const struct insn *i)
{
	md_spec(c, i);
	struct pk p;
	pk_fetch(c, i, &p, OP1_FETCH | OP1_STORE);
	if (p.d2.mag == 0)
		cpu_program_check(c, PGM_DECIMAL_DIVIDE);
	dec_u128 q = p.d1.mag / p.d2.mag, r = p.d1.mag % p.d2.mag;
	int qlen = p.l1 - p.l2;
	if (q >= dec_pow10(2 * qlen - 1))
		cpu_program_check(c, PGM_DECIMAL_DIVIDE);
	uint8_t out[DEC_MAXLEN];
	dec_encode(q, p.d1.neg != p.d2.neg, out, qlen);
	dec_encode(r, p.d1.neg, out + qlen, p.l2);
	vstore_bytes(c, i->ea1, out, (uint32_t)p.l1);
}

/* F0 SRP — Shift and Round Decimal [SS]
 * | F0 | L1 I3 | B1 D1 | B2 D2 |: bits 26-31 of the second-operand address
 * are a signed shift count (positive left, negative right, -32..31).  A right
 * shift first adds the rounding digit I3 to the leftmost digit shifted out.
 * Nonzero digits shifted out on the left are a decimal overflow (CC 3,
 * completed).  I3 must be a valid digit even when unused (data exception). */
void op_srp(struct cpu *c, const struct insn *i)
{
	int l1 = i->r1 + 1, round = i->r2;
	int shift = (int)(i->ea2 & 0x3F);
	if (shift >= 32)
		shift -= 64;
	uint8_t b[DEC_MAXLEN];
	vcheck(c, i->ea1, (uint32_t)l1, ACC_STORE);
	vfetch_bytes(c, i->ea1, b, (uint32_t)l1);
	struct dec d;
	if (!dec_decode(b, l1, &d) || round > 9)
		cpu_program_check(c, PGM_DATA);
	int digits = 2 * l1 - 1;
	dec_u128 mag = d.mag;
	bool lost = false;
	if (shift > 0) {
		if (shift >= digits) {
			lost = mag != 0;
			mag = 0;
		} else {
			dec_u128 keep = dec_pow10(digits - shift);
			lost = mag >= keep;
			mag = (mag % keep) * dec_pow10(shift);
		}
	} else if (shift < 0) {
		int n = -shift;
		dec_u128 out_digit = (mag / dec_pow10(n - 1)) % 10;
		mag = mag / dec_pow10(n) + (out_digit + (unsigned)round >= 10 ? 1 : 0);
	}
	uint8_t out[DEC_MAXLEN];
	bool neg = d.neg && (mag != 0 || lost);
	dec_encode(mag, neg, out, l1);
	vstore_bytes(c, i->ea1, out, (uint32_t)l1);
	if (lost) {
		cpu_set_cc(c, 3);
		if (c->psw.pmask & PM_DECOVF)
			cpu_program_check(c, PGM_DECIMAL_OVERFLOW);
		return;
	}
	cpu_set_cc(c, mag == 0 ? 0 : neg ? 1 : 2);
}
