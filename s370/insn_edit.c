/* insn_edit.c — EDIT and EDIT AND MARK (GA22-7000 chapter 8, "Decimal
 * Instructions").
 *
 * The pattern (first operand, L+1 bytes) is replaced, left to right, under
 * control of its own bytes; the source (second operand) supplies packed
 * digits as they are asked for, two per byte, its length following from the
 * pattern.  The first pattern byte is the fill byte.  Pattern bytes:
 *
 *   X'20' digit selector       } take the next source digit: stored zoned
 *   X'21' significance starter } (X'Fd') if nonzero or the significance
 *                                indicator is on, else the fill byte; a
 *                                nonzero digit turns the indicator on, and a
 *                                starter turns it on after its digit.
 *   X'22' field separator        fill byte; indicator off; a new field starts
 *   anything else                message byte: kept if the indicator is on,
 *                                else replaced by the fill byte.
 *
 * When a source byte's left digit is taken, its right four bits are examined:
 * a sign code (A-F) ends the number — a plus sign (A, C, E, F) turns the
 * indicator off after this digit, a minus sign leaves it — and the next digit
 * comes from the next source byte; otherwise they are the next digit.  A digit
 * code above 9 is a data exception.
 *
 * CC: 0 the last field is zero (or has no digits), 1 it is nonzero and the
 * indicator is on at the end (minus), 2 nonzero and the indicator off (plus).
 * EDMK also puts into GR1 bits 8-31 the address of the rightmost result byte
 * that received a source digit while the indicator was off beforehand.
 */
#include "access.h"
#include "ops.h"

enum { ED_DIGIT = 0x20, ED_START = 0x21, ED_FIELD = 0x22 };

struct edit {
	uint32_t src;    /* next source byte address */
	bool have_right; /* a right digit of the current source byte is pending */
	uint8_t right;
	bool sig;     /* significance indicator */
	bool nonzero; /* the current field has a nonzero digit */
	bool mark;    /* EDMK: a mark address was found */
	uint32_t mark_addr;
};

static void edit(struct cpu *c, const struct insn *i, bool edmk)
{
	uint32_t n = (uint32_t)i->len1 + 1;
	uint8_t pat[256];
	vfetch_bytes(c, i->ea1, pat, n);
	vcheck(c, i->ea1, n, ACC_STORE);
	uint8_t fill = pat[0];
	struct edit e = {.src = i->ea2 & AMASK};
	for (uint32_t k = 0; k < n; k++) {
		uint8_t p = pat[k];
		if (p == ED_FIELD) {
			pat[k] = fill;
			e.sig = false;
			e.nonzero = false;
			continue;
		}
		if (p != ED_DIGIT && p != ED_START) {
			if (!e.sig)
				pat[k] = fill;
			continue;
		}
		/* Take a digit. */
		uint8_t d;
		bool plus = false;
		if (e.have_right) {
			d = e.right;
			e.have_right = false;
		} else {
			uint8_t b = vfetch8(c, e.src);
			e.src = (e.src + 1) & AMASK;
			d = b >> 4;
			if (d > 9)
				cpu_program_check(c, PGM_DATA);
			uint8_t r = b & 0x0F;
			if (r >= 0x0A)
				plus = r != 0x0B && r != 0x0D;
			else {
				e.right = r;
				e.have_right = true;
			}
		}
		if (d || e.sig) {
			if (edmk && !e.sig) {
				e.mark = true;
				e.mark_addr = (i->ea1 + k) & AMASK;
			}
			pat[k] = (uint8_t)(0xF0 | d);
			e.sig = true;
		} else {
			pat[k] = fill;
		}
		e.nonzero |= d != 0;
		if (p == ED_START)
			e.sig = true;
		if (plus)
			e.sig = false;
	}
	vstore_bytes(c, i->ea1, pat, n);
	if (e.mark)
		c->gpr[1] = (c->gpr[1] & 0xFF000000u) | e.mark_addr;
	cpu_set_cc(c, !e.nonzero ? 0 : e.sig ? 1 : 2);
}

/* DE ED — Edit [SS] */
void op_ed(struct cpu *c, const struct insn *i)
{
	edit(c, i, false);
}

/* DF EDMK — Edit and Mark [SS] */
void op_edmk(struct cpu *c, const struct insn *i)
{
	edit(c, i, true);
}
