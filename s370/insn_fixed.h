/* insn_fixed.h — binary-integer arithmetic and branch conditions shared by the
 * fixed-point, logical, shift, branch and S37X handlers (insn_fixed.c,
 * insn_logical.c, insn_shift.c, insn_branch.c, insn_s37x.c).
 *
 * GA22-7000 "Fixed-Point Arithmetic": signed operands are 32-bit two's
 * complement; an overflowing sum or difference sets condition code 3 and
 * causes a fixed-point-overflow exception when program-mask bit 36 (BC) /
 * 20 (EC) is one.  The result is stored first and the instruction
 * completes, so the interruption's old PSW points past it.
 *
 * Logical (unsigned) addition reports carry in CC bit 1 (value 2) and a
 * nonzero result in CC bit 0 (value 1); subtraction is the addition of the
 * one's complement plus one, so "carry" there means "no borrow".
 */
#ifndef S370_INSN_FIXED_H
#define S370_INSN_FIXED_H

#include "access.h"

/* CC 0 zero, 1 negative, 2 positive. */
static inline int fix_cc_sign(uint32_t v)
{
	return v == 0 ? 0 : (v & 0x80000000u) ? 1 : 2;
}

/* CC 0 equal, 1 first low, 2 first high. */
static inline int fix_cc_cmp_signed(uint32_t a, uint32_t b)
{
	return a == b ? 0 : (int32_t)a < (int32_t)b ? 1 : 2;
}
static inline int fix_cc_cmp_logical(uint32_t a, uint32_t b)
{
	return a == b ? 0 : a < b ? 1 : 2;
}

/* Fixed-point overflow: CC 3, and the interruption if the mask allows it.
 * Called after the result has been stored.  Out of line and cold, so that
 * the handlers that may call it stay small enough to be inlined into the
 * block loop (cpu_fast.c). */
void fix_overflow(struct cpu *c) __attribute__((cold));

/* *dst = a + b, signed, with CC and overflow. */
static inline void fix_add(struct cpu *c, uint32_t *dst, uint32_t a, uint32_t b)
{
	uint32_t r = a + b;
	*dst = r;
	if (((a ^ r) & (b ^ r)) >> 31)
		fix_overflow(c);
	else
		cpu_set_cc(c, fix_cc_sign(r));
}

/* *dst = a - b, signed, with CC and overflow. */
static inline void fix_sub(struct cpu *c, uint32_t *dst, uint32_t a, uint32_t b)
{
	uint32_t r = a - b;
	*dst = r;
	if (((a ^ b) & (a ^ r)) >> 31)
		fix_overflow(c);
	else
		cpu_set_cc(c, fix_cc_sign(r));
}

/* *dst = a + b + carry_in, logical: CC = (carry ? 2 : 0) | (nonzero ? 1 : 0). */
static inline void fix_add_logical(struct cpu *c, uint32_t *dst, uint32_t a, uint32_t b, uint32_t carry_in)
{
	uint64_t s = (uint64_t)a + b + carry_in;
	uint32_t r = (uint32_t)s;
	*dst = r;
	cpu_set_cc(c, (int)((s >> 32) << 1) | (r != 0));
}

/* *dst = a - b - borrow_in as a + ~b + (1 - borrow_in). */
static inline void fix_sub_logical(struct cpu *c, uint32_t *dst, uint32_t a, uint32_t b, uint32_t borrow_in)
{
	fix_add_logical(c, dst, a, ~b, 1 - borrow_in);
}

/* Arithmetic right shifts without relying on the host's signed >>. */
static inline uint32_t fix_sra32(uint32_t v, unsigned n)
{
	if (n > 31)
		n = 31;
	uint32_t r = v >> n;
	return (v & 0x80000000u) ? r | ~(UINT32_MAX >> n) : r;
}
static inline uint64_t fix_sra64(uint64_t v, unsigned n)
{
	if (n > 63)
		n = 63;
	uint64_t r = v >> n;
	return (v >> 63) ? r | ~(UINT64_MAX >> n) : r;
}

/* Even-odd register pair operands (MR, DR, M, D, SRDL..., MLR, DLR): an odd
 * R1 is a specification exception. */
static inline void fix_even_pair(struct cpu *c, unsigned r1)
{
	if (r1 & 1)
		cpu_program_check(c, PGM_SPECIFICATION);
}

static inline uint64_t fix_pair(const struct cpu *c, unsigned r1)
{
	return (uint64_t)c->gpr[r1] << 32 | c->gpr[r1 + 1];
}
static inline void fix_set_pair(struct cpu *c, unsigned r1, uint64_t v)
{
	c->gpr[r1] = (uint32_t)(v >> 32);
	c->gpr[r1 + 1] = (uint32_t)v;
}

/* Branch helpers shared by insn_branch.c and insn_s37x.c. */

/* The condition-code mask M1 selects CC 0, 1, 2, 3 with bits 8, 4, 2, 1. */
static inline bool fix_cc_selected(const struct cpu *c, unsigned m1)
{
	return (m1 >> (3 - c->psw.cc)) & 1;
}

/* BRANCH ON INDEX (BXH, BXLE, BRXH, BRXLE): R1 += R3, and the sum is
 * compared (signed) with the odd register of the R3 pair (R3 itself when R3
 * is odd).  Both are read before R1 changes.  True when the sum is high. */
static inline bool fix_index_high(struct cpu *c, unsigned r1, unsigned r3)
{
	uint32_t incr = c->gpr[r3];
	int32_t comparand = (int32_t)c->gpr[r3 | 1];
	uint32_t sum = c->gpr[r1] + incr;
	c->gpr[r1] = sum;
	return (int32_t)sum > comparand;
}

#endif
