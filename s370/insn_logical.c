/* insn_logical.c — logical (unsigned, bit-wise) instructions on registers and
 * single storage bytes: AND, OR, EXCLUSIVE OR, COMPARE LOGICAL, TEST UNDER
 * MASK, MOVE IMMEDIATE (GA22-7000 chapter 7, "General Instructions").
 *
 * The connectives set CC 0 for a zero result and CC 1 otherwise; the logical
 * compares set CC 0 equal, 1 first operand low, 2 first operand high.  The
 * SI forms that change storage (MVI, NI, OI, XI) access the byte as a store,
 * which also proves it may be fetched (a store-permitted key always permits
 * fetching), and so read and write it through one host pointer.
 */
#include "insn_fixed.h"
#include "ops.h"

enum logic_op { LOG_AND, LOG_OR, LOG_XOR };

static inline uint32_t logic(enum logic_op op, uint32_t a, uint32_t b)
{
	switch (op) {
	case LOG_AND:
		return a & b;
	case LOG_OR:
		return a | b;
	default:
		return a ^ b;
	}
}

/* R1 = R1 op v; CC 0 result zero, 1 not zero. */
static inline void logic_reg(struct cpu *c, unsigned r1, enum logic_op op, uint32_t v)
{
	uint32_t r = logic(op, c->gpr[r1], v);
	c->gpr[r1] = r;
	cpu_set_cc(c, r != 0);
}

/* Storage byte = byte op I2; same CC rule. */
static inline void logic_imm(struct cpu *c, const struct insn *i, enum logic_op op)
{
	uint8_t *p = vptr(c, i->ea1, ACC_STORE);
	uint8_t r = (uint8_t)logic(op, *p, i->imm8);
	*p = r;
	cpu_set_cc(c, r != 0);
}

/* 14 NR — And [RR] */
void op_nr(struct cpu *c, const struct insn *i)
{
	logic_reg(c, i->r1, LOG_AND, c->gpr[i->r2]);
}

/* 16 OR — Or [RR] */
void op_or(struct cpu *c, const struct insn *i)
{
	logic_reg(c, i->r1, LOG_OR, c->gpr[i->r2]);
}

/* 17 XR — Exclusive Or [RR] */
void op_xr(struct cpu *c, const struct insn *i)
{
	logic_reg(c, i->r1, LOG_XOR, c->gpr[i->r2]);
}

/* 15 CLR — Compare Logical [RR] */
void op_clr(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_logical(c->gpr[i->r1], c->gpr[i->r2]));
}

/* 54 N — And [RX] */
void op_n(struct cpu *c, const struct insn *i)
{
	logic_reg(c, i->r1, LOG_AND, vfetch32(c, i->ea2));
}

/* 56 O — Or [RX] */
void op_o(struct cpu *c, const struct insn *i)
{
	logic_reg(c, i->r1, LOG_OR, vfetch32(c, i->ea2));
}

/* 57 X — Exclusive Or [RX] */
void op_x(struct cpu *c, const struct insn *i)
{
	logic_reg(c, i->r1, LOG_XOR, vfetch32(c, i->ea2));
}

/* 55 CL — Compare Logical [RX] */
void op_cl(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_logical(c->gpr[i->r1], vfetch32(c, i->ea2)));
}

/* 91 TM — Test under Mask [SI]: CC 0 selected bits all zero (or mask zero),
 * 1 mixed, 3 all one.  The byte is fetched even when the mask is zero. */
OP_INLINE void op_tm(struct cpu *c, const struct insn *i)
{
	uint8_t sel = vfetch8(c, i->ea1) & i->imm8;
	cpu_set_cc(c, sel == 0 ? 0 : sel == i->imm8 ? 3 : 1);
}

/* 92 MVI — Move Immediate [SI] */
void op_mvi(struct cpu *c, const struct insn *i)
{
	vstore8(c, i->ea1, i->imm8);
}

/* 94 NI — And Immediate [SI] */
void op_ni(struct cpu *c, const struct insn *i)
{
	logic_imm(c, i, LOG_AND);
}

/* 96 OI — Or Immediate [SI] */
void op_oi(struct cpu *c, const struct insn *i)
{
	logic_imm(c, i, LOG_OR);
}

/* 97 XI — Exclusive Or Immediate [SI] */
void op_xi(struct cpu *c, const struct insn *i)
{
	logic_imm(c, i, LOG_XOR);
}

/* 95 CLI — Compare Logical Immediate [SI]: the storage byte is the first operand. */
OP_INLINE void op_cli(struct cpu *c, const struct insn *i)
{
	cpu_set_cc(c, fix_cc_cmp_logical(vfetch8(c, i->ea1), i->imm8));
}
