/* insn_shift.c — single and double shifts (GA22-7000 chapter 7, "General
 * Instructions": SHIFT LEFT/RIGHT SINGLE/DOUBLE [LOGICAL]).
 *
 * All are RS format with R3 ignored; the shift amount is the low six bits of
 * the second-operand address (0-63).  Double shifts work on the even/odd
 * pair R1,R1+1 (odd R1: specification exception).  Logical shifts set no CC.
 *
 * Arithmetic left shifts move only the numeric bits (31 or 63) and keep the
 * sign; if a bit unlike the sign leaves bit position 1, the result overflows:
 * CC 3 and, when the program mask allows, a fixed-point-overflow exception
 * after the result is stored.
 */
#include "insn_fixed.h"
#include "ops.h"

static inline unsigned shift_amount(const struct insn *i)
{
	return i->ea2 & 63;
}

/* 88 SRL — Shift Right Single Logical [RS] */
void op_srl(struct cpu *c, const struct insn *i)
{
	unsigned n = shift_amount(i);
	c->gpr[i->r1] = n > 31 ? 0 : c->gpr[i->r1] >> n;
}

/* 89 SLL — Shift Left Single Logical [RS] */
void op_sll(struct cpu *c, const struct insn *i)
{
	unsigned n = shift_amount(i);
	c->gpr[i->r1] = n > 31 ? 0 : c->gpr[i->r1] << n;
}

/* 8A SRA — Shift Right Single [RS]: CC 0/1/2 for zero/negative/positive. */
void op_sra(struct cpu *c, const struct insn *i)
{
	uint32_t r = fix_sra32(c->gpr[i->r1], shift_amount(i));
	c->gpr[i->r1] = r;
	cpu_set_cc(c, fix_cc_sign(r));
}

/* 8B SLA — Shift Left Single [RS] */
void op_sla(struct cpu *c, const struct insn *i)
{
	uint32_t v = c->gpr[i->r1];
	unsigned n = shift_amount(i);
	uint32_t sign = v & 0x80000000u;
	/* Bits 0..n (all 32 once n >= 31) must equal the sign, else overflow.
	 * Beyond 31 places the zeros shifted in from the right reach bit 1 and
	 * leave it, unlike a minus sign: a negative value always overflows
	 * (GA22-7000 SHIFT LEFT SINGLE: overflow when a bit unlike the sign is
	 * shifted out of bit position 1). */
	uint32_t top = fix_sra32(v, 31 - (n > 31 ? 31 : n));
	bool ovf = (top != 0 && top != UINT32_MAX) || (n > 31 && sign);
	uint32_t r = sign | (n > 31 ? 0 : (v << n) & 0x7FFFFFFFu);
	c->gpr[i->r1] = r;
	if (ovf)
		fix_overflow(c);
	else
		cpu_set_cc(c, fix_cc_sign(r));
}

/* 8C SRDL — Shift Right Double Logical [RS] */
void op_srdl(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	fix_set_pair(c, i->r1, fix_pair(c, i->r1) >> shift_amount(i));
}

/* 8D SLDL — Shift Left Double Logical [RS] */
void op_sldl(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	fix_set_pair(c, i->r1, fix_pair(c, i->r1) << shift_amount(i));
}

/* 8E SRDA — Shift Right Double [RS]: CC on the 64-bit result. */
void op_srda(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	uint64_t r = fix_sra64(fix_pair(c, i->r1), shift_amount(i));
	fix_set_pair(c, i->r1, r);
	cpu_set_cc(c, r == 0 ? 0 : (r >> 63) ? 1 : 2);
}

/* 8F SLDA — Shift Left Double [RS] */
void op_slda(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	uint64_t v = fix_pair(c, i->r1);
	unsigned n = shift_amount(i); /* at most 63: all numeric bits */
	uint64_t sign = v & 0x8000000000000000ull;
	uint64_t top = fix_sra64(v, 63 - n);
	bool ovf = top != 0 && top != UINT64_MAX;
	uint64_t r = sign | ((v << n) & 0x7FFFFFFFFFFFFFFFull);
	fix_set_pair(c, i->r1, r);
	if (ovf)
		fix_overflow(c);
	else
		cpu_set_cc(c, r == 0 ? 0 : sign ? 1 : 2);
}
