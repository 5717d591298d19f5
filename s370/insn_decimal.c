/* insn_decimal.c — format conversions: PACK UNPK MVO (GA22-7000 chapter 8)
 * and CVB CVD (chapter 7).
 *
 * PACK, UNPACK and MOVE WITH OFFSET never check digit or sign codes.  They
 * work right to left, and when the operands overlap the result is as if each
 * result byte were stored as soon as the operand bytes it needs have been
 * fetched; we do exactly that, after proving both operands accessible.
 */
#include "access.h"
#include "ops.h"
#include "packed.h"

/* Right-to-left byte access to an operand whose accessibility is proven. */
static inline uint8_t get_b(struct cpu *c, uint32_t va, uint32_t k)
{
	return *vptr(c, va + k, ACC_FETCH);
}
static inline void put_b(struct cpu *c, uint32_t va, uint32_t k, uint8_t v)
{
	*vptr(c, va + k, ACC_STORE) = v;
}

static void check_ops(struct cpu *c, const struct insn *i, uint32_t l1, uint32_t l2, bool fetch1)
{
	vcheck(c, i->ea2, l2, ACC_FETCH);
	if (fetch1)
		vcheck(c, i->ea1, l1, ACC_FETCH);
	vcheck(c, i->ea1, l1, ACC_STORE);
}

/* F2 PACK — Pack [SS]
 * Zoned to packed: the rightmost byte has its halves swapped; going left,
 * each result byte takes the numeric halves of the next two second-operand
 * bytes; zeros once the second operand is exhausted. */
void op_pack(struct cpu *c, const struct insn *i)
{
	uint32_t l1 = i->r1 + 1u, l2 = i->r2 + 1u;
	check_ops(c, i, l1, l2, false);
	uint32_t a1 = i->ea1, a2 = i->ea2;
	int j = (int)l2 - 1; /* next second-operand byte, right to left */
	uint8_t b = get_b(c, a2, (uint32_t)j--);
	put_b(c, a1, l1 - 1, (uint8_t)(b << 4 | b >> 4));
	for (int k = (int)l1 - 2; k >= 0; k--) {
		uint8_t lo = j >= 0 ? get_b(c, a2, (uint32_t)j--) & 0x0F : 0;
		uint8_t hi = j >= 0 ? get_b(c, a2, (uint32_t)j--) & 0x0F : 0;
		put_b(c, a1, (uint32_t)k, (uint8_t)(hi << 4 | lo));
	}
}

/* F3 UNPK — Unpack [SS]
 * Packed to zoned: the rightmost byte has its halves swapped; going left,
 * each second-operand byte gives two result bytes with zone F; X'F0' once
 * the second operand is exhausted. */
void op_unpk(struct cpu *c, const struct insn *i)
{
	uint32_t l1 = i->r1 + 1u, l2 = i->r2 + 1u;
	check_ops(c, i, l1, l2, false);
	uint32_t a1 = i->ea1, a2 = i->ea2;
	int j = (int)l2 - 1;
	uint8_t b = get_b(c, a2, (uint32_t)j--);
	put_b(c, a1, l1 - 1, (uint8_t)(b << 4 | b >> 4));
	for (int k = (int)l1 - 2; k >= 0;) {
		b = j >= 0 ? get_b(c, a2, (uint32_t)j--) : 0;
		put_b(c, a1, (uint32_t)k--, (uint8_t)(0xF0 | (b & 0x0F)));
		if (k >= 0)
			put_b(c, a1, (uint32_t)k--, (uint8_t)(0xF0 | b >> 4));
	}
}

/* F1 MVO — Move with Offset [SS]
 * The second operand is placed to the left of the rightmost four bits of the
 * first, which are kept; leftmost digits that do not fit are lost, and
 * missing ones are zeros. */
void op_mvo(struct cpu *c, const struct insn *i)
{
	uint32_t l1 = i->r1 + 1u, l2 = i->r2 + 1u;
	check_ops(c, i, l1, l2, true);
	uint32_t a1 = i->ea1, a2 = i->ea2;
	int j = (int)l2 - 1;
	uint8_t b = get_b(c, a2, (uint32_t)j--);
	uint8_t sign = get_b(c, a1, l1 - 1) & 0x0F;
	put_b(c, a1, l1 - 1, (uint8_t)(b << 4 | sign));
	uint8_t carry = b >> 4; /* the left digit of the byte last fetched */
	for (int k = (int)l1 - 2; k >= 0; k--) {
		b = j >= 0 ? get_b(c, a2, (uint32_t)j--) : 0;
		put_b(c, a1, (uint32_t)k, (uint8_t)(b << 4 | carry));
		carry = b >> 4;
	}
}

/* 4F CVB — Convert to Binary [RX]
 * The 8-byte packed second operand (checked: data exception) becomes a 32-bit
 * signed integer in R1.  Outside -2^31..2^31-1 the operation is COMPLETED
 * with the rightmost 32 bits of the result in R1, and a fixed-point-divide
 * exception is recognised (GA22-7000-10, CONVERT TO BINARY). */
void op_cvb(struct cpu *c, const struct insn *i)
{
	uint8_t b[8];
	vfetch_bytes(c, i->ea2, b, 8);
	struct dec d;
	if (!dec_decode(b, 8, &d))
		cpu_program_check(c, PGM_DATA);
	uint64_t mag = (uint64_t)d.mag; /* 15 digits fit comfortably */
	uint64_t v = d.neg ? 0 - mag : mag;
	c->gpr[i->r1] = (uint32_t)v;
	if (d.neg ? mag > 0x80000000ull : mag > 0x7FFFFFFFull)
		cpu_program_check(c, PGM_FIXED_DIVIDE);
}

/* 4E CVD — Convert to Decimal [RX]
 * R1 as a signed integer becomes 8 bytes of packed decimal, sign C or D. */
void op_cvd(struct cpu *c, const struct insn *i)
{
	int32_t v = (int32_t)c->gpr[i->r1];
	uint64_t mag = v < 0 ? 0 - (uint64_t)(int64_t)v : (uint64_t)v;
	uint8_t b[8];
	dec_encode(mag, v < 0, b, 8);
	vstore_bytes(c, i->ea2, b, 8);
}
