/* decode.h — split instruction bytes into fields, once, by format.
 *
 *   RR   | op | R1 R2 |
 *   RRE  | op  op2 | //// | R1 R2 |
 *   RX   | op | R1 X2 | B2 D2 (12) |
 *   RS   | op | R1 R3 | B2 D2 |           RSI | op | R1 R3 | I2 (16) |
 *   RI   | op | R1 op2 | I2 (16) |        RIL | op | R1 op2 | I2 (32) |
 *   SI   | op | I2 | B1 D1 |
 *   S    | op  op2 | B2 D2 |
 *   SS   | op | L1 L2 | B1 D1 | B2 D2 |
 *
 * Decoding happens in two steps.  decode_pre() depends only on the bytes and
 * may be done once and kept (icache.c keeps whole blocks of decoded
 * instructions).  decode_ea() forms the effective addresses (base + index +
 * displacement, GA22-7000 "Address Generation"), which depend on register
 * contents and so are computed each time the instruction runs.
 */
#ifndef S370_DECODE_H
#define S370_DECODE_H

#include <string.h>

#include "cpu.h"

/* A pre-decoded instruction.  Address registers are kept as indexes into
 * cpu.gpr[], where REG_NONE (gpr[16], always zero) stands for register 0
 * used as base or index and for "no such register in this format", so that
 * decode_ea() needs no branch on the format. */
struct dinsn {
	_Alignas(64) struct insn in; /* what the handler sees (64: a power of two, one cache line) */
	op_fn *fn;
	uint32_t next;  /* address of the sequential next instruction */
	uint8_t flags;  /* OPF_* of the table row */
	uint16_t op;    /* the first opcode byte, or DI_END after a block's last (cpu_fast.c) */
	uint8_t b1, x2, b2;
	uint16_t d1, d2;
};

enum { REG_NONE = 16, DI_END = 256 };

static inline uint8_t decode_areg(uint32_t r) { return (uint8_t)(r ? r : REG_NONE); }

op_fn decode_invalid; /* an unassigned opcode: operation exception */

/* Split the instruction at b (six bytes readable) found at addr. */
static inline void decode_pre(const struct opdef *d, const uint8_t *b, uint32_t addr, struct dinsn *di)
{
	uint32_t b1 = b[1];
	uint32_t h2 = (uint32_t)b[2] << 8 | b[3];
	uint32_t h4 = (uint32_t)b[4] << 8 | b[5];
	struct insn *i = &di->in;
	memset(di, 0, sizeof *di);
	di->fn = d->fn;
	di->flags = d->flags;
	di->op = b[0];
	i->ilc = (uint8_t)cpu_insn_length(b[0]);
	di->next = (addr + i->ilc) & 0x00FFFFFFu;
	di->b1 = di->x2 = di->b2 = REG_NONE;
	i->addr = addr;
	i->r1 = (uint8_t)(b1 >> 4);
	i->r2 = (uint8_t)(b1 & 0x0F);
	switch (d->fmt) {
	case F_NONE:
		di->fn = decode_invalid;
		break;
	case F_RR:
	case F_E:
		break;
	case F_RX:
		di->x2 = decode_areg(b1 & 0x0F);
		di->b2 = decode_areg(h2 >> 12);
		di->d2 = (uint16_t)(h2 & 0x0FFF);
		break;
	case F_RS:
		i->r3 = (uint8_t)(b1 & 0x0F);
		di->b2 = decode_areg(h2 >> 12);
		di->d2 = (uint16_t)(h2 & 0x0FFF);
		break;
	case F_RSI:
		i->r3 = (uint8_t)(b1 & 0x0F);
		i->imm = (int16_t)h2;
		break;
	case F_SI:
		i->imm8 = (uint8_t)b1;
		di->b1 = decode_areg(h2 >> 12);
		di->d1 = (uint16_t)(h2 & 0x0FFF);
		break;
	case F_S:
		i->op2 = (uint8_t)b1;
		di->b2 = decode_areg(h2 >> 12);
		di->d2 = (uint16_t)(h2 & 0x0FFF);
		break;
	case F_SS:
		i->len1 = (uint8_t)b1; /* L for one-length SS; L1 = r1, L2 = r2 for two */
		di->b1 = decode_areg(h2 >> 12);
		di->d1 = (uint16_t)(h2 & 0x0FFF);
		di->b2 = decode_areg(h4 >> 12);
		di->d2 = (uint16_t)(h4 & 0x0FFF);
		break;
	case F_RI:
		i->op2 = (uint8_t)(b1 & 0x0F);
		i->imm = (int16_t)h2;
		break;
	case F_RIL:
		i->op2 = (uint8_t)(b1 & 0x0F);
		i->imm = (int32_t)(h2 << 16 | h4);
		break;
	case F_RRE:
		i->op2 = (uint8_t)b1;
		i->r1 = (uint8_t)(b[3] >> 4);
		i->r2 = (uint8_t)(b[3] & 0x0F);
		break;
	case F_RXE: /* op R1 X2 B2 D2 -- op2 */
		i->op2 = b[5];
		di->x2 = decode_areg(b1 & 0x0F);
		di->b2 = decode_areg(h2 >> 12);
		di->d2 = (uint16_t)(h2 & 0x0FFF);
		break;
	case F_RSE: /* op R1 R3 B2 D2 -- op2 */
		i->op2 = b[5];
		i->r3 = (uint8_t)(b1 & 0x0F);
		di->b2 = decode_areg(h2 >> 12);
		di->d2 = (uint16_t)(h2 & 0x0FFF);
		break;
	}
}

/* Effective addresses, 24 bits, for both operands whatever the format:
 * cheaper than a branch on it. */
static inline void decode_ea(const struct cpu *c, struct dinsn *di)
{
	di->in.ea1 = (c->gpr[di->b1] + di->d1) & 0x00FFFFFFu;
	di->in.ea2 = (c->gpr[di->x2] + c->gpr[di->b2] + di->d2) & 0x00FFFFFFu;
}

/* Run a decoded instruction the opcode table's way: the S37X and privileged
 * checks, the effective addresses, the handler.  c->cur and c->psw.ia are
 * set. */
static inline __attribute__((always_inline)) void decode_run(struct cpu *c, struct dinsn *di)
{
	if (__builtin_expect(di->flags & c->deny, 0)) {
		if (di->flags & c->deny & OPF_S37X)
			cpu_program_check(c, PGM_OPERATION);
		cpu_program_check(c, PGM_PRIVILEGED);
	}
	decode_ea(c, di);
	di->fn(c, &di->in);
}

#endif
