/* insn_s37x.c — the S/370 instruction extension (DESIGN.md rule 3): the
 * ESA/390 problem-state general instructions that gcc -m31 -march=z900
 * emits, defined as in the ESA/390 Principles of Operation (SA22-7201,
 * chapter 7) but operating on 32-bit registers with 24-bit addressing.
 *
 * Relative branches and LARL form their address from the instruction's own
 * address (the execute target's address under EX) plus twice the signed
 * halfword count, wrapped at 24 bits.  BRAS/BRASL link like BAS: the 24-bit
 * updated instruction address with bits 0-7 zero.  The string instructions
 * (MVST, CLST, SRST) update their address registers in the 24-bit way: bits
 * 8-31 take the new address, bits 0-7 become zero.
 *
 * The dispatcher raises the operation exception for all of these when S37X
 * is off, as a real System/370 would.
 */
#include "insn_fixed.h"
#include "ops.h"

static inline uint32_t relative(const struct insn *i)
{
	return (i->addr + ((uint32_t)i->imm << 1)) & AMASK;
}

static inline uint32_t mul_low(uint32_t a, uint32_t b)
{
	return (uint32_t)((int64_t)(int32_t)a * (int32_t)b);
}

/* ---- Multiply single (no overflow indication, low 32 bits kept) ---- */

/* 71 MS — Multiply Single [RX] */
void op_ms(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = mul_low(c->gpr[i->r1], vfetch32(c, i->ea2));
}

/* B252 MSR — Multiply Single [RRE] */
void op_msr(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = mul_low(c->gpr[i->r1], c->gpr[i->r2]);
}

/* ---- Halfword immediate (RI) ---- */

/* A78 LHI — Load Halfword Immediate [RI] */
void op_lhi(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = (uint32_t)i->imm;
}

/* A7A AHI — Add Halfword Immediate [RI] */
void op_ahi(struct cpu *c, const struct insn *i)
{
	fix_add(c, &c->gpr[i->r1], c->gpr[i->r1], (uint32_t)i->imm);
}

/* A7C MHI — Multiply Halfword Immediate [RI] */
void op_mhi(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = mul_low(c->gpr[i->r1], (uint32_t)i->imm);
}

/* A7E CHI — Compare Halfword Immediate [RI] */
void op_chi(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_signed(c->gpr[i->r1], (uint32_t)i->imm));
}

/* TEST UNDER MASK HIGH/LOW: CC 0 selected bits all zero (or mask zero),
 * 1 mixed with the leftmost selected bit zero, 2 mixed with it one, 3 all
 * ones.  Unlike TM, the mixed case tells the leftmost bit. */
static int tm_halfword(uint16_t v, uint16_t mask)
{
	uint16_t sel = v & mask;
	if (sel == 0)
		return 0;
	if (sel == mask)
		return 3;
	uint16_t leftmost = (uint16_t)(0x8000u >> (__builtin_clz(mask) - 16));
	return (v & leftmost) ? 2 : 1;
}

/* A70 TMH — Test under Mask High [RI]: bits 0-15 of R1. */
void op_tmh(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, tm_halfword((uint16_t)(c->gpr[i->r1] >> 16), (uint16_t)i->imm));
}

/* A71 TML — Test under Mask Low [RI]: bits 16-31 of R1. */
void op_tml(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, tm_halfword((uint16_t)c->gpr[i->r1], (uint16_t)i->imm));
}

/* ---- Relative branches ---- */

/* A74 BRC — Branch Relative on Condition [RI] */
void op_brc(struct cpu *c, const struct insn *i)
{
	if (fix_cc_selected(c, i->r1))
		c->psw.ia = relative(i);
}

/* A75 BRAS — Branch Relative and Save [RI] */
void op_bras(struct cpu *c, const struct insn *i)
{
	uint32_t target = relative(i);
	c->gpr[i->r1] = c->psw.ia & AMASK;
	c->psw.ia = target;
}

/* A76 BRCT — Branch Relative on Count [RI] */
void op_brct(struct cpu *c, const struct insn *i)
{
	if (--c->gpr[i->r1] != 0)
		c->psw.ia = relative(i);
}

/* 84 BRXH — Branch Relative on Index High [RSI] */
void op_brxh(struct cpu *c, const struct insn *i)
{
	if (fix_index_high(c, i->r1, i->r3))
		c->psw.ia = relative(i);
}

/* 85 BRXLE — Branch Relative on Index Low or Equal [RSI] */
void op_brxle(struct cpu *c, const struct insn *i)
{
	if (!fix_index_high(c, i->r1, i->r3))
		c->psw.ia = relative(i);
}

/* C00 LARL — Load Address Relative Long [RIL]: 24-bit, bits 0-7 zero. */
void op_larl(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = relative(i);
}

/* C04 BRCL — Branch Relative on Condition Long [RIL] */
void op_brcl(struct cpu *c, const struct insn *i)
{
	if (fix_cc_selected(c, i->r1))
		c->psw.ia = relative(i);
}

/* C05 BRASL — Branch Relative and Save Long [RIL] */
void op_brasl(struct cpu *c, const struct insn *i)
{
	uint32_t target = relative(i);
	c->gpr[i->r1] = c->psw.ia & AMASK;
	c->psw.ia = target;
}

/* ---- Logical multiply/divide and add/subtract with carry (RRE) ---- */

/* B996 MLR — Multiply Logical [RRE]: R1,R1+1 = R1+1 * R2, unsigned. */
void op_mlr(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	fix_set_pair(c, i->r1, (uint64_t)c->gpr[i->r1 + 1] * c->gpr[i->r2]);
}

/* B997 DLR — Divide Logical [RRE]: the unsigned 64-bit pair divided by R2;
 * remainder to R1, quotient to R1+1.  Zero divisor or a quotient wider than
 * 32 bits: fixed-point-divide exception, operation suppressed. */
void op_dlr(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	uint64_t dividend = fix_pair(c, i->r1);
	uint32_t divisor = c->gpr[i->r2];
	if (divisor == 0 || dividend / divisor > UINT32_MAX)
		cpu_program_check(c, PGM_FIXED_DIVIDE);
	c->gpr[i->r1] = (uint32_t)(dividend % divisor);
	c->gpr[i->r1 + 1] = (uint32_t)(dividend / divisor);
}

/* B998 ALCR — Add Logical with Carry [RRE]: the carry is CC bit 1 (CC 2, 3). */
void op_alcr(struct cpu *c, const struct insn *i)
{
	uint32_t carry = (c->psw.cc >> 1) & 1;
	fix_add_logical(c, &c->gpr[i->r1], c->gpr[i->r1], c->gpr[i->r2], carry);
}

/* B999 SLBR — Subtract Logical with Borrow [RRE]: a borrow is pending when
 * CC bit 1 is zero (CC 0, 1). */
void op_slbr(struct cpu *c, const struct insn *i)
{
	uint32_t borrow = !((c->psw.cc >> 1) & 1);
	fix_sub_logical(c, &c->gpr[i->r1], c->gpr[i->r1], c->gpr[i->r2], borrow);
}

/* The same four with a storage operand: E396 ML, E397 DL, E398 ALC, E399 SLB
 * [RXE].  A fullword at the second-operand address (no alignment rule). */
void op_ml(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	uint32_t m = vfetch32(c, i->ea2);
	fix_set_pair(c, i->r1, (uint64_t)c->gpr[i->r1 + 1] * m);
}

void op_dl(struct cpu *c, const struct insn *i)
{
	fix_even_pair(c, i->r1);
	uint32_t divisor = vfetch32(c, i->ea2);
	uint64_t dividend = fix_pair(c, i->r1);
	if (divisor == 0 || dividend / divisor > UINT32_MAX)
		cpu_program_check(c, PGM_FIXED_DIVIDE);
	c->gpr[i->r1] = (uint32_t)(dividend % divisor);
	c->gpr[i->r1 + 1] = (uint32_t)(dividend / divisor);
}

void op_alc(struct cpu *c, const struct insn *i)
{
	uint32_t v = vfetch32(c, i->ea2), carry = (c->psw.cc >> 1) & 1;
	fix_add_logical(c, &c->gpr[i->r1], c->gpr[i->r1], v, carry);
}

void op_slb(struct cpu *c, const struct insn *i)
{
	uint32_t v = vfetch32(c, i->ea2), borrow = !((c->psw.cc >> 1) & 1);
	fix_sub_logical(c, &c->gpr[i->r1], c->gpr[i->r1], v, borrow);
}

/* EB1D RLL — Rotate Left Single Logical [RSE]: R3 rotated left by the
 * rightmost six bits of the second-operand address (mod 32) into R1; the
 * CC is unchanged. */
void op_rll(struct cpu *c, const struct insn *i)
{
	uint32_t n = i->ea2 & 31, v = c->gpr[i->r3];
	c->gpr[i->r1] = n ? v << n | v >> (32 - n) : v;
}

/* B222 IPM — Insert Program Mask [RRE]: bits 0-1 zero, 2-3 CC, 4-7 program
 * mask; bits 8-31 unchanged. */
void op_ipm(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] =
	    (c->gpr[i->r1] & 0x00FFFFFFu) | (uint32_t)c->psw.cc << 28 | (uint32_t)c->psw.pmask << 24;
}

/* ---- String instructions (RRE) ----
 * GR0 bits 24-31 hold the ending (MVST, CLST) or search (SRST) character;
 * bits 0-23 must be zero, else specification exception.  Each execution
 * processes at most STRING_CHUNK bytes (the CPU-determined amount) and sets
 * CC 3 when it stops short; the program branches back to resume. */
enum { STRING_CHUNK = 256 };

static uint8_t string_char(struct cpu *c)
{
	if (c->gpr[0] & 0xFFFFFF00u)
		cpu_program_check(c, PGM_SPECIFICATION);
	return (uint8_t)c->gpr[0];
}

/* B255 MVST — Move String [RRE]: second operand (R2) to first (R1) up to and
 * including the ending character.  CC 1: done, R1 = address of the ending
 * character in the first operand, R2 unchanged.  CC 3: R1, R2 advanced. */
void op_mvst(struct cpu *c, const struct insn *i)
{
	uint8_t end = string_char(c);
	uint32_t dst = c->gpr[i->r1] & AMASK, src = c->gpr[i->r2] & AMASK;
	uint8_t buf[STRING_CHUNK];
	uint32_t n = 0;
	bool found = false;
	while (n < STRING_CHUNK && !found) {
		buf[n] = vfetch8(c, src + n);
		found = buf[n++] == end;
	}
	vstore_bytes(c, dst, buf, n);
	if (found) {
		c->gpr[i->r1] = (dst + n - 1) & AMASK;
		cpu_set_cc(c, 1);
	} else {
		c->gpr[i->r1] = (dst + n) & AMASK;
		c->gpr[i->r2] = (src + n) & AMASK;
		cpu_set_cc(c, 3);
	}
}

/* B25D CLST — Compare Logical String [RRE].  The ending character is lower
 * than any other byte.  CC 0: equal through both ending characters,
 * registers unchanged.  CC 1/2: first operand low/high; R1, R2 address the
 * unequal bytes.  CC 3: equal so far, R1, R2 advanced. */
void op_clst(struct cpu *c, const struct insn *i)
{
	uint8_t end = string_char(c);
	uint32_t a1 = c->gpr[i->r1] & AMASK, a2 = c->gpr[i->r2] & AMASK;
	for (uint32_t n = 0; n < STRING_CHUNK; n++) {
		uint8_t b1 = vfetch8(c, a1 + n), b2 = vfetch8(c, a2 + n);
		int cc;
		if (b1 == end && b2 == end) {
			cpu_set_cc(c, 0);
			return;
		} else if (b1 == end) {
			cc = 1;
		} else if (b2 == end) {
			cc = 2;
		} else if (b1 != b2) {
			cc = b1 < b2 ? 1 : 2;
		} else {
			continue;
		}
		c->gpr[i->r1] = (a1 + n) & AMASK;
		c->gpr[i->r2] = (a2 + n) & AMASK;
		cpu_set_cc(c, cc);
		return;
	}
	c->gpr[i->r1] = (a1 + STRING_CHUNK) & AMASK;
	c->gpr[i->r2] = (a2 + STRING_CHUNK) & AMASK;
	cpu_set_cc(c, 3);
}

/* B25E SRST — Search String [RRE]: search from the address in R2 up to, not
 * including, the address in R1.  CC 1: found, R1 = its address, R2
 * unchanged.  CC 2: not found, registers unchanged.  CC 3: R2 advanced. */
void op_srst(struct cpu *c, const struct insn *i)
{
	uint8_t ch = string_char(c);
	uint32_t stop = c->gpr[i->r1] & AMASK, a = c->gpr[i->r2] & AMASK;
	for (uint32_t n = 0; n < STRING_CHUNK; n++, a = (a + 1) & AMASK) {
		if (a == stop) {
			cpu_set_cc(c, 2);
			return;
		}
		if (vfetch8(c, a) == ch) {
			c->gpr[i->r1] = a;
			cpu_set_cc(c, 1);
			return;
		}
	}
	c->gpr[i->r2] = a;
	cpu_set_cc(c, 3);
}
