/* insn_long.c — MOVE LONG and COMPARE LOGICAL LONG (GA22-7000 chapter 7).
 *
 * Both are RR instructions naming two even/odd register pairs:
 *
 *     R1    | //////// | first-operand address (8-31)  |
 *     R1+1  | //////// | first-operand length (8-31)   |
 *     R2    | //////// | second-operand address (8-31) |
 *     R2+1  |   pad    | second-operand length (8-31)  |
 *
 * The shorter operand is extended on the right with the pad byte.  Both
 * instructions are interruptible: we work in units that stay inside one 2K
 * block of each operand and put the registers up to date after every unit,
 * so that an exception in a later unit leaves them describing the work that
 * remains ("Interruptible Instructions", chapter 5).  Where the old PSW then
 * points follows the exception's own rule (chapter 5, "Types of Instruction
 * Ending"): a segment- or page-translation exception nullifies the unit and the
 * PSW designates the instruction (at EXECUTE when executed), so re-executing it
 * resumes; protection, addressing and translation specification suppress or
 * terminate, and the PSW designates the next instruction like any other such
 * ending (cpu_interrupt_program decides).  An interruption taken between units
 * (cpu.attention) also points the PSW back at the instruction.
 * Bits 0-7 of R1 and R2 are set to zero; those of R1+1 and R2+1 are kept.
 */
#include "access.h"
#include "ops.h"

struct longop {
	uint32_t a1, l1, a2, l2;
	uint8_t pad;
};

static void long_load(const struct cpu *c, const struct insn *i, struct longop *o)
{
	o->a1 = c->gpr[i->r1] & AMASK;
	o->l1 = c->gpr[i->r1 + 1] & AMASK;
	o->a2 = c->gpr[i->r2] & AMASK;
	o->l2 = c->gpr[i->r2 + 1] & AMASK;
	o->pad = (uint8_t)(c->gpr[i->r2 + 1] >> 24);
}

static void long_store(struct cpu *c, const struct insn *i, const struct longop *o)
{
	c->gpr[i->r1] = o->a1;
	c->gpr[i->r1 + 1] = (c->gpr[i->r1 + 1] & 0xFF000000u) | o->l1;
	c->gpr[i->r2] = o->a2;
	c->gpr[i->r2 + 1] = (c->gpr[i->r2 + 1] & 0xFF000000u) | o->l2;
}

static inline uint32_t block_left(uint32_t va)
{
	return BLOCK_SIZE - (va & (BLOCK_SIZE - 1));
}
static inline uint32_t min32(uint32_t a, uint32_t b)
{
	return a < b ? a : b;
}

static void check_pairs(struct cpu *c, const struct insn *i)
{
	if ((i->r1 | i->r2) & 1)
		cpu_program_check(c, PGM_SPECIFICATION);
}

/* Called after each unit: put the registers up to date, and if something
 * wants the CPU's attention with work left, stop with the PSW at the
 * instruction so that the interruption resumes it.  Returns true to stop. */
static bool unit_done(struct cpu *c, const struct insn *i, const struct longop *o, bool more)
{
	long_store(c, i, o);
	if (!more || !c->attention)
		return false;
	c->psw.ia = cpu_ia_insn(c);
	return true;
}

/* 0E MVCL — Move Long [RR]
 * CC 0 lengths equal, 1 first shorter, 2 first longer, 3 destructive overlap
 * (no movement).  Overlap is destructive when the leftmost first-operand byte
 * coincides with a participating second-operand byte other than the leftmost
 * (addresses compared modulo 2^24, so wrap-around is taken into account). */
void op_mvcl(struct cpu *c, const struct insn *i)
{
	check_pairs(c, i);
	struct longop o;
	long_load(c, i, &o);
	int cc = o.l1 == o.l2 ? 0 : o.l1 < o.l2 ? 1 : 2;
	uint32_t used = min32(o.l1, o.l2);
	uint32_t dist = (o.a1 - o.a2) & AMASK;
	if (dist != 0 && dist < used) {
		long_store(c, i, &o); /* only bits 0-7 of R1 and R2 change */
		cpu_set_cc(c, 3);
		return;
	}
	cpu_set_cc(c, cc);
	while (o.l1) {
		uint32_t n = min32(o.l1, block_left(o.a1));
		if (o.l2) {
			n = min32(n, min32(o.l2, block_left(o.a2)));
			const uint8_t *s = vrange(c, o.a2, n, ACC_FETCH);
			uint8_t *d = vrange(c, o.a1, n, ACC_STORE);
			/* Logically non-overlapping; a DAT alias could still overlap on
			 * the host, so keep the left-to-right rule. */
			if (d > s && d < s + n)
				for (uint32_t k = 0; k < n; k++)
					d[k] = s[k];
			else
				memmove(d, s, n);
			o.a2 = (o.a2 + n) & AMASK;
			o.l2 -= n;
		} else {
			memset(vrange(c, o.a1, n, ACC_STORE), o.pad, n);
		}
		o.a1 = (o.a1 + n) & AMASK;
		o.l1 -= n;
		if (unit_done(c, i, &o, o.l1 != 0))
			return; /* interrupted: resumed by re-execution */
	}
	long_store(c, i, &o);
}

/* 0F CLCL — Compare Logical Long [RR]
 * Unsigned comparison left to right, the shorter operand extended with the
 * pad.  CC 0 equal (or both lengths zero), 1 first low, 2 first high.  On
 * inequality the registers designate the first unequal bytes: lengths are
 * reduced and addresses advanced by the number of equal bytes (an exhausted
 * operand keeps length 0 and its end address). */
void op_clcl(struct cpu *c, const struct insn *i)
{
	check_pairs(c, i);
	struct longop o;
	long_load(c, i, &o);
	int cc = 0;
	while (o.l1 || o.l2) {
		uint32_t n = o.l1 > o.l2 ? o.l1 : o.l2;
		const uint8_t *p1 = NULL, *p2 = NULL;
		if (o.l1)
			n = min32(n, min32(o.l1, block_left(o.a1)));
		if (o.l2)
			n = min32(n, min32(o.l2, block_left(o.a2)));
		if (o.l1)
			p1 = vrange(c, o.a1, n, ACC_FETCH);
		if (o.l2)
			p2 = vrange(c, o.a2, n, ACC_FETCH);
		uint32_t k = 0;
		if (p1 && p2 && memcmp(p1, p2, n) == 0) {
			k = n;
		} else {
			for (; k < n; k++) {
				uint8_t x = p1 ? p1[k] : o.pad, y = p2 ? p2[k] : o.pad;
				if (x != y) {
					cc = x < y ? 1 : 2;
					break;
				}
			}
		}
		if (o.l1) {
			o.a1 = (o.a1 + k) & AMASK;
			o.l1 -= k;
		}
		if (o.l2) {
			o.a2 = (o.a2 + k) & AMASK;
			o.l2 -= k;
		}
		if (cc)
			break;
		if (unit_done(c, i, &o, o.l1 || o.l2))
			return;
	}
	long_store(c, i, &o);
	cpu_set_cc(c, cc);
}
