/* insn_clock.c — TOD clock, clock comparator and CPU timer instructions
 * (GA22-7000 "Timing", and the instruction descriptions in "Control
 * Instructions" / "General Instructions" for STCK).
 *
 * The values are kept by timer.c; these handlers only move them between
 * storage and the CPU.  Every operand is a doubleword: SCK, SCKC, STCKC, SPT
 * and STPT require doubleword alignment (specification exception,
 * suppressing), while STORE CLOCK has no alignment requirement — its only
 * program exception is the access exception for the operand.
 *
 * Our TOD clock is always in the set state (it runs from the host clock
 * plus the offset SCK establishes), so STCK and SCK set condition code 0; a
 * TOD-clock security switch is not modelled (SCK never gives CC 1).
 */
#include "access.h"
#include "ops.h"

static void dw_aligned(struct cpu *c, uint32_t ea)
{
	if (ea & 7)
		cpu_program_check(c, PGM_SPECIFICATION);
}

/* B204 SCK — Set Clock [S] */
void op_sck(struct cpu *c, const struct insn *i)
{
	dw_aligned(c, i->ea2);
	uint64_t v = vfetch64(c, i->ea2);
	timer_set_tod(c, v);
	cpu_set_cc(c, 0);
	c->attention = 1; /* the clock-comparator condition may have changed */
	c->timers_due = true;
}

/* B205 STCK — Store Clock [S] */
void op_stck(struct cpu *c, const struct insn *i)
{
	vcheck(c, i->ea2, 8, ACC_STORE); /* read the clock only once the store can complete */
	vstore64(c, i->ea2, timer_tod(c));
	cpu_set_cc(c, 0);
}

/* B206 SCKC — Set Clock Comparator [S] */
void op_sckc(struct cpu *c, const struct insn *i)
{
	dw_aligned(c, i->ea2);
	c->clkcmp = vfetch64(c, i->ea2);
	c->attention = 1; /* a comparator in the past is a pending condition now */
	c->timers_due = true;
}

/* B207 STCKC — Store Clock Comparator [S] */
void op_stckc(struct cpu *c, const struct insn *i)
{
	dw_aligned(c, i->ea2);
	vstore64(c, i->ea2, c->clkcmp);
}

/* B208 SPT — Set CPU Timer [S] */
void op_spt(struct cpu *c, const struct insn *i)
{
	dw_aligned(c, i->ea2);
	timer_set_cputimer(c, (int64_t)vfetch64(c, i->ea2));
	c->attention = 1; /* a negative value is a pending condition now */
	c->timers_due = true;
}

/* B209 STPT — Store CPU Timer [S] */
void op_stpt(struct cpu *c, const struct insn *i)
{
	dw_aligned(c, i->ea2);
	vcheck(c, i->ea2, 8, ACC_STORE);
	vstore64(c, i->ea2, (uint64_t)timer_cputimer(c));
}
