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

static inline uint32_t bd(const struct cpu *c, const uint8_t *p)
{
	uint8_t b = p[0] >> 4;
	uint32_t d = (uint32_t)(p[0] & 0x0F) << 8 | p[1];
	return (b ? c->gpr[b] + d : d) & 0x00FFFFFFu;
}

static inline __attribute__((always_inline)) void decode_insn(const struct cpu *c, const struct opdef *d,
							      const uint8_t *b, struct insn *i)
{
	i->op = b[0];
	i->r1 = b[1] >> 4;
	i->r2 = b[1] & 0x0F;
	switch (d->fmt) {
	case F_RR:
	case F_E:
	case F_NONE:
		break;
	case F_RX:
		i->b2 = b[2] >> 4;
		i->ea2 = bd(c, b + 2);
		if (i->r2)
			i->ea2 = (i->ea2 + c->gpr[i->r2]) & 0x00FFFFFFu;
		break;
	case F_RS:
		i->r3 = i->r2;
		i->b2 = b[2] >> 4;
		i->d2 = (uint16_t)((b[2] & 0x0F) << 8 | b[3]);
		i->ea2 = bd(c, b + 2);
		break;
	case F_RSI:
		i->r3 = i->r2;
		i->imm = (int16_t)(b[2] << 8 | b[3]);
		break;
	case F_SI:
		i->imm8 = b[1];
		i->b1 = b[2] >> 4;
		i->ea1 = bd(c, b + 2);
		break;
	case F_S:
		i->op2 = b[1];
		i->b2 = b[2] >> 4;
		i->d2 = (uint16_t)((b[2] & 0x0F) << 8 | b[3]);
		i->ea2 = bd(c, b + 2);
		break;
	case F_SS:
		i->op2 = b[1];
		i->len1 = b[1];      /* L for one-length SS; L1 = r1, L2 = r2 for two */
		i->len2 = b[1] & 0x0F;
		i->b1 = b[2] >> 4;
		i->ea1 = bd(c, b + 2);
		i->b2 = b[4] >> 4;
		i->ea2 = bd(c, b + 4);
		break;
	case F_RI:
		i->op2 = b[1] & 0x0F;
		i->imm = (int16_t)(b[2] << 8 | b[3]);
		break;
	case F_RIL:
		i->op2 = b[1] & 0x0F;
		i->imm = (int32_t)((uint32_t)b[2] << 24 | (uint32_t)b[3] << 16 | (uint32_t)b[4] << 8 | b[5]);
		break;
	case F_RRE:
		i->op2 = b[1];
		i->r1 = b[3] >> 4;
		i->r2 = b[3] & 0x0F;
		break;
	}
}

#endif
