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
 * Effective addresses (base + index + displacement, GA22-7000 "Address
 * Generation") are formed here, wrapped to 24 bits; register 0 as base or
 * index means zero.
 */
#ifndef S370_DECODE_H
#define S370_DECODE_H

#include "cpu.h"

/* Base + displacement from the halfword B D D D; base register 0 means 0. */
static inline uint32_t bd(const struct cpu *c, uint32_t h)
{
	uint32_t b = h >> 12, d = h & 0x0FFF;
	return (b ? c->gpr[b] + d : d) & 0x00FFFFFFu;
}

/* The instruction bytes are read into locals first: stores into *i could
 * otherwise alias them and force reloads. */
static inline __attribute__((always_inline)) void decode_insn(const struct cpu *c, const struct opdef *d,
							      const uint8_t *b, struct insn *i)
{
	uint32_t b1 = b[1];
	uint32_t h2 = (uint32_t)b[2] << 8 | b[3];
	i->r1 = (uint8_t)(b1 >> 4);
	i->r2 = (uint8_t)(b1 & 0x0F);
	switch (d->fmt) {
	case F_RR:
	case F_E:
		break;
	case F_NONE: /* an unassigned opcode */
		cpu_program_check((struct cpu *)c, PGM_OPERATION);
	case F_RX: {
		uint32_t ea = bd(c, h2);
		if (b1 & 0x0F)
			ea = (ea + c->gpr[b1 & 0x0F]) & 0x00FFFFFFu;
		i->ea2 = ea;
		break;
	}
	case F_RS:
		i->r3 = (uint8_t)(b1 & 0x0F);
		i->ea2 = bd(c, h2);
		break;
	case F_RSI:
		i->r3 = (uint8_t)(b1 & 0x0F);
		i->imm = (int16_t)h2;
		break;
	case F_SI:
		i->imm8 = (uint8_t)b1;
		i->ea1 = bd(c, h2);
		break;
	case F_S:
		i->op2 = (uint8_t)b1;
		i->ea2 = bd(c, h2);
		break;
	case F_SS:
		i->len1 = (uint8_t)b1; /* L for one-length SS; L1 = r1, L2 = r2 for two */
		i->ea1 = bd(c, h2);
		i->ea2 = bd(c, (uint32_t)b[4] << 8 | b[5]);
		break;
	case F_RI:
		i->op2 = (uint8_t)(b1 & 0x0F);
		i->imm = (int16_t)h2;
		break;
	case F_RIL:
		i->op2 = (uint8_t)(b1 & 0x0F);
		i->imm = (int32_t)(h2 << 16 | (uint32_t)b[4] << 8 | b[5]);
		break;
	case F_RRE: {
		uint32_t b3 = b[3];
		i->op2 = (uint8_t)b1;
		i->r1 = (uint8_t)(b3 >> 4);
		i->r2 = (uint8_t)(b3 & 0x0F);
		break;
	}
	}
}

#endif
