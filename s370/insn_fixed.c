/* insn_fixed.c — fixed-point instructions (GA22-7000 chapter 7, "General
 * Instructions": load, store, add, subtract, compare, multiply, divide,
 * insert/store characters, load/store multiple, SET PROGRAM MASK).
 *
 * Register operands are 32-bit two's-complement integers; halfword storage
 * operands are sign-extended first.  Storage operands need no alignment.
 * Arithmetic helpers and the overflow rule live in insn_fixed.h.
 */
#include "insn_fixed.h"
#include "ops.h"

static inline uint32_t fetch_half(struct cpu *c, uint32_t ea)
{
	return (uint32_t)(int32_t)(int16_t)vfetch16(c, ea);
}

void fix_overflow(struct cpu *c)
{
	cpu_set_cc(c, 3);
	if (c->psw.pmask & PM_FIXOVF)
		cpu_program_check(c, PGM_FIXED_OVERFLOW);
}

/* ---- Load and test family (RR) ---- */

/* 10 LPR — Load Positive [RR] */
void op_lpr(struct cpu *c, const struct insn *i)
{
	uint32_t v = c->gpr[i->r2];
	if (v == 0x80000000u) { /* the maximum negative number stays as it is */
		c->gpr[i->r1] = v;
		fix_overflow(c);
		return;
	}
	if (v & 0x80000000u)
		v = -v;
	c->gpr[i->r1] = v;
	cpu_set_cc(c, v ? 2 : 0);
}

/* 11 LNR — Load Negative [RR] */
void op_lnr(struct cpu *c, const struct insn *i)
{
	uint32_t v = c->gpr[i->r2];
	if (!(v & 0x80000000u))
		v = -v;
	c->gpr[i->r1] = v;
	cpu_set_cc(c, v ? 1 : 0);
}

/* 12 LTR — Load and Test [RR] */
void op_ltr(struct cpu *c, const struct insn *i)
{
	uint32_t v = c->gpr[i->r2];
	c->gpr[i->r1] = v;
	cpu_set_cc(c, fix_cc_sign(v));
}

/* 13 LCR — Load Complement [RR] */
void op_lcr(struct cpu *c, const struct insn *i)
{
	fix_sub(c, &c->gpr[i->r1], 0, c->gpr[i->r2]);
}

/* 18 LR — Load [RR] */
void op_lr(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = c->gpr[i->r2];
}

/* ---- Add, subtract, compare (RR) ---- */

/* 19 CR — Compare [RR] */
void op_cr(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_signed(c->gpr[i->r1], c->gpr[i->r2]));
}

/* 1A AR — Add [RR] */
void op_ar(struct cpu *c, const struct insn *i)
{
	fix_add(c, &c->gpr[i->r1], c->gpr[i->r1], c->gpr[i->r2]);
}

/* 1B SR — Subtract [RR] */
void op_sr(struct cpu *c, const struct insn *i)
{
	fix_sub(c, &c->gpr[i->r1], c->gpr[i->r1], c->gpr[i->r2]);
}

/* 1E ALR — Add Logical [RR] */
void op_alr(struct cpu *c, const struct insn *i)
{
	fix_add_logical(c, &c->gpr[i->r1], c->gpr[i->r1], c->gpr[i->r2], 0);
}

/* 1F SLR — Subtract Logical [RR] */
void op_slr(struct cpu *c, const struct insn *i)
{
	fix_sub_logical(c, &c->gpr[i->r1], c->gpr[i->r1], c->gpr[i->r2], 0);
}

/* ---- Multiply and divide ---- */

/* MULTIPLY: the multiplicand is the odd register R1+1; the 64-bit signed
 * product replaces the pair.  No overflow is possible. */
static void multiply(struct cpu *c, unsigned r1, uint32_t m)
{
	int64_t p = (int64_t)(int32_t)c->gpr[r1 + 1] * (int32_t)m;
	fix_set_pair(c, r1, (uint64_t)p);
}

/* DIVIDE: the 64-bit dividend in R1,R1+1 is divided by m; the remainder
 * (sign of the dividend) goes to R1, the quotient to R1+1.  A zero divisor
 * or a quotient that does not fit in 32 bits is a fixed-point-divide
 * exception and the operation is suppressed. */
static void divide(struct cpu *c, unsigned r1, uint32_t m)
{
	int64_t dividend = (int64_t)fix_pair(c, r1);
	int32_t divisor = (int32_t)m;
	int64_t q, rem;
	if (divisor == 0)
		cpu_program_check(c, PGM_FIXED_DIVIDE);
	if (divisor == -1) { /* avoid the host trap on INT64_MIN / -1 */
		if (dividend == INT64_MIN)
			cpu_program_check(c, PGM_FIXED_DIVIDE);
		q = -dividend;
		rem = 0;
	} else {
		q = dividend / divisor;
		rem = dividend % divisor;
	}
	if (q < INT32_MIN || q > INT32_MAX)
		cpu_program_check(c, PGM_FIXED_DIVIDE);
	c->gpr[r1] = (uint32_t)rem;
	c->gpr[r1 + 1] = (uint32_t)q;
}

/* 1C MR — Multiply [RR] */
void op_mr(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	multiply(c, i->r1, c->gpr[i->r2]);
}

/* 1D DR — Divide [RR] */
void op_dr(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	divide(c, i->r1, c->gpr[i->r2]);
}

/* 5C M — Multiply [RX] */
void op_m(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	multiply(c, i->r1, vfetch32(c, i->ea2));
}

/* 5D D — Divide [RX] */
void op_d(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	divide(c, i->r1, vfetch32(c, i->ea2));
}

/* 4C MH — Multiply Halfword [RX]: low 32 bits of the product, no overflow. */
void op_mh(struct cpu *c, const struct insn *i)
{
	int64_t p = (int64_t)(int32_t)c->gpr[i->r1] * (int32_t)fetch_half(c, i->ea2);
	c->gpr[i->r1] = (uint32_t)p;
}

/* ---- Halfword storage operands (RX) ---- */

/* 48 LH — Load Halfword [RX] */
OP_INLINE void op_lh(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = fetch_half(c, i->ea2);
}

/* 49 CH — Compare Halfword [RX] */
OP_INLINE void op_ch(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_signed(c->gpr[i->r1], fetch_half(c, i->ea2)));
}

/* 4A AH — Add Halfword [RX] */
OP_INLINE void op_ah(struct cpu *c, const struct insn *i)
{
	fix_add(c, &c->gpr[i->r1], c->gpr[i->r1], fetch_half(c, i->ea2));
}

/* 4B SH — Subtract Halfword [RX] */
OP_INLINE void op_sh(struct cpu *c, const struct insn *i)
{
	fix_sub(c, &c->gpr[i->r1], c->gpr[i->r1], fetch_half(c, i->ea2));
}

/* 40 STH — Store Halfword [RX] */
OP_INLINE void op_sth(struct cpu *c, const struct insn *i)
{
	vstore16(c, i->ea2, (uint16_t)c->gpr[i->r1]);
}

/* ---- Fullword storage operands (RX) ---- */

/* 50 ST — Store [RX] */
void op_st(struct cpu *c, const struct insn *i)
{
	vstore32(c, i->ea2, c->gpr[i->r1]);
}

/* 58 L — Load [RX] */
void op_l(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = vfetch32(c, i->ea2);
}

/* 59 C — Compare [RX] */
void op_c(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_signed(c->gpr[i->r1], vfetch32(c, i->ea2)));
}

/* 5A A — Add [RX] */
OP_INLINE void op_a(struct cpu *c, const struct insn *i)
{
	fix_add(c, &c->gpr[i->r1], c->gpr[i->r1], vfetch32(c, i->ea2));
}

/* 5B S — Subtract [RX] */
OP_INLINE void op_s(struct cpu *c, const struct insn *i)
{
	fix_sub(c, &c->gpr[i->r1], c->gpr[i->r1], vfetch32(c, i->ea2));
}

/* 5E AL — Add Logical [RX] */
void op_al(struct cpu *c, const struct insn *i)
{
	fix_add_logical(c, &c->gpr[i->r1], c->gpr[i->r1], vfetch32(c, i->ea2), 0);
}

/* 5F SL — Subtract Logical [RX] */
void op_sl(struct cpu *c, const struct insn *i)
{
	fix_sub_logical(c, &c->gpr[i->r1], c->gpr[i->r1], vfetch32(c, i->ea2), 0);
}

/* ---- Addresses and characters ---- */

/* 41 LA — Load Address [RX]: the 24-bit address with bits 0-7 zero. */
void op_la(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = i->ea2 & AMASK;
}

/* 43 IC — Insert Character [RX]: bits 24-31; bits 0-23 unchanged. */
OP_INLINE void op_ic(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = (c->gpr[i->r1] & 0xFFFFFF00u) | vfetch8(c, i->ea2);
}

/* 42 STC — Store Character [RX] */
void op_stc(struct cpu *c, const struct insn *i)
{
	vstore8(c, i->ea2, (uint8_t)c->gpr[i->r1]);
}

/* The bytes of R1 selected by a 4-bit mask (M3, left to right), packed. */
static unsigned mask_bytes(uint32_t r, unsigned mask, uint8_t *out)
{
	unsigned n = 0;
	for (unsigned k = 0; k < 4; k++)
		if (mask & (8u >> k))
			out[n++] = (uint8_t)(r >> (24 - 8 * k));
	return n;
}

/* BF ICM — Insert Characters under Mask [RS].  CC 0 all inserted bits zero
 * or mask zero, 1 leftmost inserted bit one, 2 otherwise.  With a zero mask
 * no storage is accessed (GA22-7000: no access exceptions are recognised). */
void op_icm(struct cpu *c, const struct insn *i)
{
	unsigned mask = i->r3;
	unsigned n = (unsigned)__builtin_popcount(mask);
	uint8_t b[4] = {0};
	if (n)
		vfetch_bytes(c, i->ea2, b, n);
	uint32_t r = c->gpr[i->r1];
	unsigned k = 0;
	for (unsigned pos = 0; pos < 4; pos++) {
		if (mask & (8u >> pos)) {
			unsigned sh = 24 - 8 * pos;
			r = (r & ~(0xFFu << sh)) | (uint32_t)b[k++] << sh;
		}
	}
	c->gpr[i->r1] = r;
	int cc = 0;
	if (n) {
		bool zero = true;
		for (k = 0; k < n; k++)
			zero &= b[k] == 0;
		cc = zero ? 0 : (b[0] & 0x80) ? 1 : 2;
	}
	cpu_set_cc(c, cc);
}

/* BE STCM — Store Characters under Mask [RS] */
void op_stcm(struct cpu *c, const struct insn *i)
{
	uint8_t b[4];
	unsigned n = mask_bytes(c->gpr[i->r1], i->r3, b);
	vstore_bytes(c, i->ea2, b, n); /* checks every byte before storing any */
}

/* BD CLM — Compare Logical Characters under Mask [RS] */
void op_clm(struct cpu *c, const struct insn *i)
{
	uint8_t reg[4], mem[4];
	unsigned n = mask_bytes(c->gpr[i->r1], i->r3, reg);
	int cc = 0;
	if (n) {
		vfetch_bytes(c, i->ea2, mem, n);
		int d = memcmp(reg, mem, n);
		cc = d == 0 ? 0 : d < 0 ? 1 : 2;
	}
	cpu_set_cc(c, cc);
}

/* ---- Multiple registers ---- */

/* Registers R1 through R3, wrapping from 15 to 0. */
static unsigned reg_count(const struct insn *i)
{
	return ((unsigned)(i->r3 - i->r1) & 15) + 1;
}

/* 98 LM — Load Multiple [RS].  The whole operand is fetched before any
 * register changes, so an access exception leaves all of them intact. */
void op_lm(struct cpu *c, const struct insn *i)
{
	unsigned n = reg_count(i);
	const uint8_t *p = vrange_quick(c, i->ea2, 4 * n, ACC_FETCH);
	if (p) { /* in one block, in the TLB: no exception possible */
		for (unsigned k = 0; k < n; k++)
			c->gpr[(i->r1 + k) & 15] = be32(p + 4 * k);
		return;
	}
	uint8_t buf[64];
	vcheck(c, i->ea2, 4 * n, ACC_FETCH);
	vfetch_bytes(c, i->ea2, buf, 4 * n);
	for (unsigned k = 0; k < n; k++)
		c->gpr[(i->r1 + k) & 15] = be32(buf + 4 * k);
}

/* 90 STM — Store Multiple [RS] */
void op_stm(struct cpu *c, const struct insn *i)
{
	unsigned n = reg_count(i);
	uint8_t *p = vrange_quick(c, i->ea2, 4 * n, ACC_STORE);
	if (p) { /* in one block, in the TLB, not over trusted code */
		for (unsigned k = 0; k < n; k++)
			put32(p + 4 * k, c->gpr[(i->r1 + k) & 15]);
		return;
	}
	uint8_t buf[64];
	for (unsigned k = 0; k < n; k++)
		put32(buf + 4 * k, c->gpr[(i->r1 + k) & 15]);
	vcheck(c, i->ea2, 4 * n, ACC_STORE);
	vstore_bytes(c, i->ea2, buf, 4 * n);
}

/* ---- Program mask ---- */

/* 04 SPM — Set Program Mask [RR]: R1 bits 2-3 become the CC, bits 4-7 the
 * program mask; R2 is ignored. */
void op_spm(struct cpu *c, const struct insn *i)
{
	uint32_t r = c->gpr[i->r1];
	cpu_set_cc(c, (int)(r >> 28) & 3);
	c->psw.pmask = (uint8_t)((r >> 24) & 0x0F);
}
