/* insn_branch.c — branching instructions, EXECUTE and SUPERVISOR CALL
 * (GA22-7000 chapter 7, "General Instructions", and "Branching").
 *
 * The branch address is formed before anything is changed, so a register
 * used both as link (or count) register and as branch address gives its old
 * value to the address.  With 24-bit addressing every branch address and
 * link address is a 24-bit value.
 *
 * The instruction address in the PSW already points past this instruction
 * (past EXECUTE when the instruction is an execute target), which is the
 * "updated instruction address" the link information holds.
 */
#include "insn_fixed.h"
#include "ops.h"

static inline void branch_to(struct cpu *c, uint32_t addr)
{
	c->psw.ia = addr & AMASK;
}

/* BRANCH AND LINK link information (GA22-7000 "Branch and Link"): bits 0-1
 * ILC, 2-3 CC, 4-7 program mask, 8-31 the updated instruction address.  The
 * ILC is that of EXECUTE when BAL/BALR is its target (c->cur is EXECUTE). */
static inline uint32_t bal_link(const struct cpu *c)
{
	return (uint32_t)(cpu_ilc(c) / 2) << 30 | (uint32_t)c->psw.cc << 28 | (uint32_t)c->psw.pmask << 24 |
	       (c->psw.ia & AMASK);
}

/* BRANCH AND SAVE link information: the 24-bit address, bits 0-7 zero. */
static inline uint32_t bas_link(const struct cpu *c)
{
	return c->psw.ia & AMASK;
}

/* 05 BALR — Branch and Link [RR]: no branch when R2 is 0. */
void op_balr(struct cpu *c, const struct insn *i)
{
	uint32_t target = c->gpr[i->r2];
	c->gpr[i->r1] = bal_link(c);
	if (i->r2)
		branch_to(c, target);
}

/* 0D BASR — Branch and Save [RR] */
void op_basr(struct cpu *c, const struct insn *i)
{
	uint32_t target = c->gpr[i->r2];
	c->gpr[i->r1] = bas_link(c);
	if (i->r2)
		branch_to(c, target);
}

/* 06 BCTR — Branch on Count [RR]: R1 is decremented even when R2 is 0. */
void op_bctr(struct cpu *c, const struct insn *i)
{
	uint32_t target = c->gpr[i->r2];
	if (--c->gpr[i->r1] != 0 && i->r2)
		branch_to(c, target);
}

/* 07 BCR — Branch on Condition [RR].  R2 = 0 never branches; BCR 15,0 is
 * the serialization idiom, which needs no action on one CPU with storage
 * updated in program order. */
void op_bcr(struct cpu *c, const struct insn *i)
{
	if (i->r2 && fix_cc_selected(c, i->r1))
		branch_to(c, c->gpr[i->r2]);
}

/* 45 BAL — Branch and Link [RX] */
void op_bal(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = bal_link(c);
	branch_to(c, i->ea2);
}

/* 4D BAS — Branch and Save [RX] */
void op_bas(struct cpu *c, const struct insn *i)
{
	c->gpr[i->r1] = bas_link(c);
	branch_to(c, i->ea2);
}

/* 46 BCT — Branch on Count [RX] */
void op_bct(struct cpu *c, const struct insn *i)
{
	if (--c->gpr[i->r1] != 0)
		branch_to(c, i->ea2);
}

/* 47 BC — Branch on Condition [RX] */
void op_bc(struct cpu *c, const struct insn *i)
{
	if (fix_cc_selected(c, i->r1))
		branch_to(c, i->ea2);
}

/* 86 BXH — Branch on Index High [RS] */
void op_bxh(struct cpu *c, const struct insn *i)
{
	if (fix_index_high(c, i->r1, i->r3))
		branch_to(c, i->ea2);
}

/* 87 BXLE — Branch on Index Low or Equal [RS] */
void op_bxle(struct cpu *c, const struct insn *i)
{
	if (!fix_index_high(c, i->r1, i->r3))
		branch_to(c, i->ea2);
}

/* 44 EX — Execute [RX] (GA22-7000 "Execute").  The target instruction at
 * the second-operand address (even, else specification exception) is
 * fetched as an instruction, bits 8-15 of it are ORed with bits 24-31 of R1
 * unless R1 is 0, and it is executed.  The ILC and the instruction address
 * stay those of EXECUTE unless the target branches; an EXECUTE target is an
 * execute exception. */
void op_ex(struct cpu *c, const struct insn *i)
{
	uint32_t ta = i->ea2;
	if (ta & 1)
		cpu_program_check(c, PGM_SPECIFICATION);
	uint8_t b[6];
	b[0] = *vptr(c, ta, ACC_IFETCH);
	b[1] = *vptr(c, ta + 1, ACC_IFETCH);
	int len = cpu_insn_length(b[0]);
	for (int k = 2; k < len; k++)
		b[k] = *vptr(c, ta + (uint32_t)k, ACC_IFETCH);
	if (b[0] == 0x44)
		cpu_program_check(c, PGM_EXECUTE);
	if (i->r1)
		b[1] |= (uint8_t)c->gpr[i->r1];
	c->in_execute = true;
	cpu_dispatch(c, b, ta);
	c->in_execute = false;
}

/* 0A SVC — Supervisor Call [RR]: the I field (byte 1) is the interruption
 * code.  Under EXECUTE the ILC stored is that of EXECUTE (c->cur). */
void op_svc(struct cpu *c, const struct insn *i)
{
	cpu_interrupt_svc(c, (uint8_t)(i->r1 << 4 | i->r2));
}
