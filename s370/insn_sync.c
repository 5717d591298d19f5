/* insn_sync.c — interlocked-update instructions: TS, CS, CDS (GA22-7000
 * chapter 7).
 *
 * Each is one interlocked fetch-and-store reference to its storage operand,
 * so other CPUs and channel threads see either the old or the new value.  We
 * use the host's atomic operations on the (big-endian) storage bytes.  The
 * operand is accessed for store even when the comparison of CS/CDS fails and
 * nothing is stored: GA22-7000 lists "Access (fetch and store, operand 2)"
 * unconditionally, so a store-protected operand gives a protection exception
 * in either case.
 */
#include "access.h"
#include "ops.h"

/* 93 TS — Test and Set [S]
 * CC from the leftmost bit of the byte, which is then set to all ones. */
void op_ts(struct cpu *c, const struct insn *i)
{
	uint8_t *p = vptr(c, i->ea2, ACC_STORE);
	uint8_t old = __atomic_exchange_n(p, (uint8_t)0xFF, __ATOMIC_SEQ_CST);
	cpu_set_cc(c, old >> 7);
}

/* BA CS — Compare and Swap [RS]
 * The word at D2(B2) (word boundary, else specification) is compared with R1:
 * equal — R3 is stored there, CC 0; unequal — it is loaded into R1, CC 1. */
void op_cs(struct cpu *c, const struct insn *i)
{
	if (i->ea2 & 3)
		cpu_program_check(c, PGM_SPECIFICATION);
	uint32_t *p = (uint32_t *)(void *)vptr(c, i->ea2, ACC_STORE);
	uint32_t expect = __builtin_bswap32(c->gpr[i->r1]);
	uint32_t repl = __builtin_bswap32(c->gpr[i->r3]);
	if (__atomic_compare_exchange_n(p, &expect, repl, false, __ATOMIC_SEQ_CST, __ATOMIC_SEQ_CST)) {
		cpu_set_cc(c, 0);
	} else {
		c->gpr[i->r1] = __builtin_bswap32(expect);
		cpu_set_cc(c, 1);
	}
}

/* BB CDS — Compare Double and Swap [RS]
 * As CS on a doubleword (doubleword boundary) with the even/odd pairs R1 and
 * R3 (both even, else specification). */
void op_cds(struct cpu *c, const struct insn *i)
{
	if ((i->r1 | i->r3) & 1 || (i->ea2 & 7))
		cpu_program_check(c, PGM_SPECIFICATION);
	uint64_t *p = (uint64_t *)(void *)vptr(c, i->ea2, ACC_STORE);
	uint64_t cmp = (uint64_t)c->gpr[i->r1] << 32 | c->gpr[i->r1 + 1];
	uint64_t rep = (uint64_t)c->gpr[i->r3] << 32 | c->gpr[i->r3 + 1];
	uint64_t expect = __builtin_bswap64(cmp);
	if (__atomic_compare_exchange_n(p, &expect, __builtin_bswap64(rep), false, __ATOMIC_SEQ_CST,
	                                __ATOMIC_SEQ_CST)) {
		cpu_set_cc(c, 0);
	} else {
		uint64_t v = __builtin_bswap64(expect);
		c->gpr[i->r1] = (uint32_t)(v >> 32);
		c->gpr[i->r1 + 1] = (uint32_t)v;
		cpu_set_cc(c, 1);
	}
}
