/* insn_float.c — floating-point instructions with short and long operands
 * (GA22-7000, chapter "Floating-Point Instructions"); the extended-precision
 * ones and LOAD ROUNDED are in insn_float_ext.c, the arithmetic in hfp.c.
 *
 * Each RR handler takes operand 2 from FPR R2, each RX handler from storage
 * at the effective address (no alignment is required: the byte-oriented-
 * operand facility is standard on System/370 and covers these operands).
 * R1 and R2 are checked first, so a bad register number suppresses the
 * instruction before storage is touched.
 *
 * Results: a short result replaces the left half of FPR R1 and leaves the
 * right half unchanged; MULTIPLY of short operands gives a long product.
 * Exponent overflow, exponent underflow and significance complete the
 * operation: the result and condition code are set first, then the
 * interruption is taken.  Floating-point divide suppresses.
 */
#include "access.h"
#include "hfp.h"
#include "ops.h"

/* Arithmetic performed by the shared bodies below. */
enum fop { FOP_ADD, FOP_SUB, FOP_ADDU, FOP_SUBU, FOP_MUL, FOP_DIV, FOP_CMP };

/* Sign handling of the load family. */
enum fsign { SIGN_KEEP, SIGN_FLIP, SIGN_PLUS, SIGN_MINUS };

/* ---- Operand 2 (R1 is validated first) ---- */

static uint32_t short_rr(struct cpu *c, const struct insn *i)
{
	hfp_reg(c, i->r1);
	return hfp_get_short(c, hfp_reg(c, i->r2));
}

static uint32_t short_rx(struct cpu *c, const struct insn *i)
{
	hfp_reg(c, i->r1);
	return vfetch32(c, i->ea2);
}

static uint64_t long_rr(struct cpu *c, const struct insn *i)
{
	hfp_reg(c, i->r1);
	return c->fpr[hfp_reg(c, i->r2)];
}

static uint64_t long_rx(struct cpu *c, const struct insn *i)
{
	hfp_reg(c, i->r1);
	return vfetch64(c, i->ea2);
}

/* ---- Shared bodies ---- */

/* Add, subtract, multiply, divide or compare into FPR r1 (a valid number). */
static void arith(struct cpu *c, unsigned r1, struct hfp b, enum fop op, int digits)
{
	unsigned k = r1 >> 1;
	struct hfp a = digits == HFP_SHORT ? hfp_from_short(hfp_get_short(c, k)) : hfp_from_long(c->fpr[k]);
	struct hfp r;
	int code;
	switch (op) {
	case FOP_CMP:
		cpu_set_cc(c, hfp_compare(a, b, digits));
		return;
	case FOP_MUL:
		/* Short operands give a long product (ME, MER). */
		code = hfp_mul(&r, a, b, digits, HFP_LONG, c->psw.pmask);
		c->fpr[k] = hfp_to_long(&r);
		hfp_raise(c, code);
		return;
	case FOP_DIV:
		code = hfp_div(&r, a, b, digits, c->psw.pmask);
		if (code == PGM_FLOAT_DIVIDE)
			cpu_program_check(c, code);
		break;
	default: /* add and subtract set the condition code */
		if (op == FOP_SUB || op == FOP_SUBU)
			b.neg = !b.neg;
		code = hfp_add(&r, a, b, digits, op == FOP_ADD || op == FOP_SUB, c->psw.pmask);
		cpu_set_cc(c, hfp_cc(&r));
		break;
	}
	if (digits == HFP_SHORT)
		hfp_set_short(c, k, hfp_to_short(&r));
	else
		c->fpr[k] = hfp_to_long(&r);
	hfp_raise(c, code);
}

static void arith_short(struct cpu *c, unsigned r1, uint32_t op2, enum fop op)
{
	arith(c, r1, hfp_from_short(op2), op, HFP_SHORT);
}

static void arith_long(struct cpu *c, unsigned r1, uint64_t op2, enum fop op)
{
	arith(c, r1, hfp_from_long(op2), op, HFP_LONG);
}

/* LOAD, LOAD AND TEST, LOAD COMPLEMENT, LOAD POSITIVE, LOAD NEGATIVE: the
 * characteristic and fraction are not changed; the sign as told (even with
 * a zero fraction).  The condition code, when set, reflects the fraction
 * and the new sign. */
static uint64_t with_sign(uint64_t v, uint64_t sign_bit, enum fsign s)
{
	switch (s) {
	case SIGN_FLIP:
		return v ^ sign_bit;
	case SIGN_PLUS:
		return v & ~sign_bit;
	case SIGN_MINUS:
		return v | sign_bit;
	default:
		return v;
	}
}

static void load_short(struct cpu *c, unsigned r1, uint32_t v, enum fsign s, bool setcc)
{
	v = (uint32_t)with_sign(v, 0x80000000u, s);
	hfp_set_short(c, r1 >> 1, v);
	if (setcc) {
		struct hfp x = hfp_from_short(v);
		cpu_set_cc(c, hfp_cc(&x));
	}
}

static void load_long(struct cpu *c, unsigned r1, uint64_t v, enum fsign s, bool setcc)
{
	v = with_sign(v, 1ull << 63, s);
	c->fpr[r1 >> 1] = v;
	if (setcc) {
		struct hfp x = hfp_from_long(v);
		cpu_set_cc(c, hfp_cc(&x));
	}
}

/* ---- Long operands, RR (20-2F; 25-27 are in insn_float_ext.c) ---- */

/* 20 LPDR — Load Positive [RR, long] */
void op_lpdr(struct cpu *c, const struct insn *i)
{
	load_long(c, i->r1, long_rr(c, i), SIGN_PLUS, true);
}

/* 21 LNDR — Load Negative [RR, long] */
void op_lndr(struct cpu *c, const struct insn *i)
{
	load_long(c, i->r1, long_rr(c, i), SIGN_MINUS, true);
}

/* 22 LTDR — Load and Test [RR, long] */
void op_ltdr(struct cpu *c, const struct insn *i)
{
	load_long(c, i->r1, long_rr(c, i), SIGN_KEEP, true);
}

/* 23 LCDR — Load Complement [RR, long] */
void op_lcdr(struct cpu *c, const struct insn *i)
{
	load_long(c, i->r1, long_rr(c, i), SIGN_FLIP, true);
}

/* 24 HDR — Halve [RR, long] (condition code unchanged) */
void op_hdr(struct cpu *c, const struct insn *i)
{
	struct hfp r;
	int code = hfp_halve(&r, hfp_from_long(long_rr(c, i)), HFP_LONG, c->psw.pmask);
	c->fpr[i->r1 >> 1] = hfp_to_long(&r);
	hfp_raise(c, code);
}

/* 28 LDR — Load [RR, long] */
void op_ldr(struct cpu *c, const struct insn *i)
{
	load_long(c, i->r1, long_rr(c, i), SIGN_KEEP, false);
}

/* 29 CDR — Compare [RR, long] */
void op_cdr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_CMP);
}

/* 2A ADR — Add Normalized [RR, long] */
void op_adr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_ADD);
}

/* 2B SDR — Subtract Normalized [RR, long] */
void op_sdr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_SUB);
}

/* 2C MDR — Multiply [RR, long] */
void op_mdr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_MUL);
}

/* 2D DDR — Divide [RR, long] */
void op_ddr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_DIV);
}

/* 2E AWR — Add Unnormalized [RR, long] */
void op_awr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_ADDU);
}

/* 2F SWR — Subtract Unnormalized [RR, long] */
void op_swr(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rr(c, i), FOP_SUBU);
}

/* ---- Short operands, RR (30-3F; 35-37 are in insn_float_ext.c) ---- */

/* 30 LPER — Load Positive [RR, short] */
void op_lper(struct cpu *c, const struct insn *i)
{
	load_short(c, i->r1, short_rr(c, i), SIGN_PLUS, true);
}

/* 31 LNER — Load Negative [RR, short] */
void op_lner(struct cpu *c, const struct insn *i)
{
	load_short(c, i->r1, short_rr(c, i), SIGN_MINUS, true);
}

/* 32 LTER — Load and Test [RR, short] */
void op_lter(struct cpu *c, const struct insn *i)
{
	load_short(c, i->r1, short_rr(c, i), SIGN_KEEP, true);
}

/* 33 LCER — Load Complement [RR, short] */
void op_lcer(struct cpu *c, const struct insn *i)
{
	load_short(c, i->r1, short_rr(c, i), SIGN_FLIP, true);
}

/* 34 HER — Halve [RR, short] (condition code unchanged) */
void op_her(struct cpu *c, const struct insn *i)
{
	struct hfp r;
	int code = hfp_halve(&r, hfp_from_short(short_rr(c, i)), HFP_SHORT, c->psw.pmask);
	hfp_set_short(c, i->r1 >> 1, hfp_to_short(&r));
	hfp_raise(c, code);
}

/* 38 LER — Load [RR, short] */
void op_ler(struct cpu *c, const struct insn *i)
{
	load_short(c, i->r1, short_rr(c, i), SIGN_KEEP, false);
}

/* 39 CER — Compare [RR, short] */
void op_cer(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_CMP);
}

/* 3A AER — Add Normalized [RR, short] */
void op_aer(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_ADD);
}

/* 3B SER — Subtract Normalized [RR, short] */
void op_ser(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_SUB);
}

/* 3C MER — Multiply [RR, short operands, long result] */
void op_mer(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_MUL);
}

/* 3D DER — Divide [RR, short] */
void op_der(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_DIV);
}

/* 3E AUR — Add Unnormalized [RR, short] */
void op_aur(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_ADDU);
}

/* 3F SUR — Subtract Unnormalized [RR, short] */
void op_sur(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rr(c, i), FOP_SUBU);
}

/* ---- Long operands, RX (60-6F; 67 MXD is in insn_float_ext.c) ---- */

/* 60 STD — Store [RX, long] */
void op_std(struct cpu *c, const struct insn *i)
{
	vstore64(c, i->ea2, c->fpr[hfp_reg(c, i->r1)]);
}

/* 68 LD — Load [RX, long] */
void op_ld(struct cpu *c, const struct insn *i)
{
	load_long(c, i->r1, long_rx(c, i), SIGN_KEEP, false);
}

/* 69 CD — Compare [RX, long] */
void op_cd(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_CMP);
}

/* 6A AD — Add Normalized [RX, long] */
void op_ad(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_ADD);
}

/* 6B SD — Subtract Normalized [RX, long] */
void op_sd(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_SUB);
}

/* 6C MD — Multiply [RX, long] */
void op_md(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_MUL);
}

/* 6D DD — Divide [RX, long] */
void op_dd(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_DIV);
}

/* 6E AW — Add Unnormalized [RX, long] */
void op_aw(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_ADDU);
}

/* 6F SW — Subtract Unnormalized [RX, long] */
void op_sw(struct cpu *c, const struct insn *i)
{
	arith_long(c, i->r1, long_rx(c, i), FOP_SUBU);
}

/* ---- Short operands, RX (70-7F; 71 is MS, a general instruction) ---- */

/* 70 STE — Store [RX, short] */
void op_ste(struct cpu *c, const struct insn *i)
{
	vstore32(c, i->ea2, hfp_get_short(c, hfp_reg(c, i->r1)));
}

/* 78 LE — Load [RX, short] */
void op_le(struct cpu *c, const struct insn *i)
{
	load_short(c, i->r1, short_rx(c, i), SIGN_KEEP, false);
}

/* 79 CE — Compare [RX, short] */
void op_ce(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_CMP);
}

/* 7A AE — Add Normalized [RX, short] */
void op_ae(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_ADD);
}

/* 7B SE — Subtract Normalized [RX, short] */
void op_se(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_SUB);
}

/* 7C ME — Multiply [RX, short operands, long result] */
void op_me(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_MUL);
}

/* 7D DE — Divide [RX, short] */
void op_de(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_DIV);
}

/* 7E AU — Add Unnormalized [RX, short] */
void op_au(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_ADDU);
}

/* 7F SU — Subtract Unnormalized [RX, short] */
void op_su(struct cpu *c, const struct insn *i)
{
	arith_short(c, i->r1, short_rx(c, i), FOP_SUBU);
}
