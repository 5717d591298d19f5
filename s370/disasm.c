/* disasm.c — one instruction to assembler text, from the opcode table.
 *
 * The mnemonic is padded to six columns and the operands follow in the form
 * an assembler programmer writes them (decimal displacements and registers):
 *
 *   RR   LR    1,2              RX   L     1,4(0,12)      RS   STM   14,12,12(13)
 *   SI   MVI   0(1),X'40'       S    LPSW  0(1)           SS   MVC   16(8,10),0(10)
 *   SS2  PACK  0(8,1),8(3,1)    RI   LHI   1,-5           RI   BRC   8,*+12
 *   RIL  LARL  1,*+4096         RRE  MSR   1,2            RSI  BRXH  1,3,*-8
 *
 * Lengths are shown as the operand length (coded value + 1).  A base (and
 * index) of 0 is left out: "4" rather than "4(0,0)".  Relative operands are
 * shown relative to the instruction ("*+12"; halfwords times two).  An
 * unassigned opcode is shown as DC X'...'.
 */
#include <stdarg.h>
#include <stdio.h>
#include <string.h>

#include "cpu.h"

/* Operand text builder. */
struct out {
	char *p;
	size_t n, len;
};

static void add(struct out *o, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void add(struct out *o, const char *fmt, ...)
{
	va_list ap;
	va_start(ap, fmt);
	size_t room = o->len < o->n ? o->n - o->len : 0;
	int k = vsnprintf(o->p + (o->len < o->n ? o->len : 0), room, fmt, ap);
	va_end(ap);
	if (k > 0)
		o->len += (size_t)k;
}

static unsigned disp(const uint8_t *p)
{
	return (unsigned)(p[0] & 0x0F) << 8 | p[1];
}

/* D(B) or D: a base-displacement operand. */
static void db(struct out *o, const uint8_t *p)
{
	unsigned b = p[0] >> 4;
	if (b)
		add(o, "%u(%u)", disp(p), b);
	else
		add(o, "%u", disp(p));
}

/* D(L,B): an SS operand with its length (coded value + 1). */
static void dlb(struct out *o, const uint8_t *p, unsigned coded)
{
	add(o, "%u(%u,%u)", disp(p), coded + 1, p[0] >> 4);
}

static void rel(struct out *o, int64_t halfwords)
{
	int64_t bytes = halfwords * 2;
	if (bytes == 0)
		add(o, "*");
	else
		add(o, "*%+lld", (long long)bytes);
}

/* RS instructions whose R3 field is not used: the shifts. */
static bool rs_no_r3(uint8_t op)
{
	return op >= 0x88 && op <= 0x8F;
}
/* SS instructions with two lengths (packed decimal, MVO, PACK, UNPK). */
static bool ss_two_lengths(uint8_t op)
{
	return (op >= 0xF1 && op <= 0xF3) || (op >= 0xF8 && op <= 0xFD);
}

static void operands(struct out *o, const struct opdef *d, const uint8_t *b)
{
	unsigned r1 = b[1] >> 4, r2 = b[1] & 0x0F;
	switch (d->fmt) {
	case F_NONE:
	case F_E:
		break;
	case F_RR:
		if (b[0] == 0x0A) /* SVC: an interruption code */
			add(o, "%u", b[1]);
		else if (b[0] == 0x04) /* SPM: R1 only */
			add(o, "%u", r1);
		else
			add(o, "%u,%u", r1, r2);
		break;
	case F_RRE:
		if (b[0] == 0xB2 && b[1] == 0x22) /* IPM: R1 only */
			add(o, "%u", b[3] >> 4);
		else
			add(o, "%u,%u", b[3] >> 4, b[3] & 0x0F);
		break;
	case F_RX:
		if (r2 == 0 && (b[2] >> 4) == 0)
			add(o, "%u,%u", r1, disp(b + 2));
		else
			add(o, "%u,%u(%u,%u)", r1, disp(b + 2), r2, b[2] >> 4);
		break;
	case F_RS:
		if (rs_no_r3(b[0]))
			add(o, "%u,", r1);
		else
			add(o, "%u,%u,", r1, r2);
		db(o, b + 2);
		break;
	case F_RSI:
		add(o, "%u,%u,", r1, r2);
		rel(o, (int16_t)be16(b + 2));
		break;
	case F_SI:
		db(o, b + 2);
		add(o, ",X'%02X'", b[1]);
		break;
	case F_S:
		db(o, b + 2);
		break;
	case F_SS:
		if (b[0] == 0xE5) { /* SSE: TPROT */
			db(o, b + 2);
			add(o, ",");
			db(o, b + 4);
		} else if (b[0] == 0xF0) { /* SRP: D1(L1,B1),D2(B2),I3 */
			dlb(o, b + 2, r1);
			add(o, ",");
			db(o, b + 4);
			add(o, ",%u", r2);
		} else if (ss_two_lengths(b[0])) {
			dlb(o, b + 2, r1);
			add(o, ",");
			dlb(o, b + 4, r2);
		} else {
			dlb(o, b + 2, b[1]);
			add(o, ",");
			db(o, b + 4);
		}
		break;
	case F_RI: {
		uint8_t x = b[1] & 0x0F;
		int16_t imm = (int16_t)be16(b + 2);
		if (b[0] == 0xA7 && (x == 0x4 || x == 0x5 || x == 0x6)) { /* BRC, BRAS, BRCT */
			add(o, "%u,", r1);
			rel(o, imm);
		} else if (b[0] == 0xA7 && (x == 0x0 || x == 0x1)) { /* TMH, TML: a mask */
			add(o, "%u,X'%04X'", r1, (unsigned)(uint16_t)imm);
		} else {
			add(o, "%u,%d", r1, imm);
		}
		break;
	}
	case F_RIL:
		add(o, "%u,", r1);
		rel(o, (int32_t)be32(b + 2));
		break;
	case F_RXE:
		if (r2 == 0 && (b[2] >> 4) == 0)
			add(o, "%u,%u", r1, disp(b + 2));
		else
			add(o, "%u,%u(%u,%u)", r1, disp(b + 2), r2, b[2] >> 4);
		break;
	case F_RSE:
		add(o, "%u,%u,", r1, r2);
		db(o, b + 2);
		break;
	}
}

/* S/370 I/O instructions that share an opcode and differ in bit 15
 * (GA22-7000 "Input/Output Instructions"). */
static const char *io_variant(const uint8_t *b)
{
	if (!(b[1] & 1))
		return NULL;
	switch (b[0]) {
	case 0x9C:
		return "SIOF";
	case 0x9D:
		return "CLRIO";
	case 0x9E:
		return "HDV";
	default:
		return NULL;
	}
}

int cpu_disasm(const uint8_t *b, uint32_t addr, char *out, int outlen)
{
	(void)addr; /* relative operands are shown as *+n */
	struct out o = {out, outlen > 0 ? (size_t)outlen : 0, 0};
	if (o.n)
		out[0] = 0;
	const struct opdef *d = cpu_opdef_at(b);
	if (!d->mnem || !d->mnem[0]) {
		add(&o, "%-5s X'", "DC");
		for (int k = 0; k < cpu_insn_length(b[0]); k++)
			add(&o, "%02X", b[k]);
		add(&o, "'");
		return (int)o.len;
	}
	const char *mnem = io_variant(b);
	add(&o, "%-5s ", mnem ? mnem : d->mnem);
	size_t before = o.len;
	operands(&o, d, b);
	if (o.len == before) { /* no operands: no trailing blanks */
		while (o.len && o.len <= o.n && out[o.len - 1] == ' ')
			out[--o.len] = 0;
	}
	return (int)o.len;
}
