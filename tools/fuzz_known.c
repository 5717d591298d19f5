/* fuzz_known.c — recognising the divergences that docs/divergences.md explains.  Each
 * explanation is a step that, when its condition holds, makes the two result slots equal
 * in the one respect it explains; the stream is "known" when the slots are equal after
 * the steps, and anything else that differs still fails.
 */
#include <string.h>

#include "fuzz370.h"

/* Each documented divergence (docs/divergences.md) is recognised by making the two
 * result slots equal in the one respect it explains; what else differs still fails. */

static bool slot_ec(const uint8_t *x)
{
	return x[S_PSW + 1] & PSW_EC;
}
static int slot_code(const uint8_t *x)
{
	return slot_ec(x) ? x[S_INFO + 6] << 8 | x[S_INFO + 7] : x[S_PSW + 2] << 8 | x[S_PSW + 3];
}
static int slot_ilc(const uint8_t *x) /* in bytes */
{
	return slot_ec(x) ? (x[S_INFO + 5] >> 1 & 3) * 2 : (x[S_PSW + 4] >> 6) * 2;
}
static void set_ilc(uint8_t *x, int ilc)
{
	if (slot_ec(x))
		x[S_INFO + 5] = (uint8_t)(ilc / 2 << 1);
	else
		x[S_PSW + 4] = (uint8_t)((x[S_PSW + 4] & 0x3F) | (ilc / 2) << 6);
}
/* The instruction the program interruption is about (ours), or NULL. */
static const uint8_t *slot_insn(const struct stream *s, const uint8_t *x, int back)
{
	uint32_t ia = (r32(x + S_PSW + 4) & 0xFFFFFF) - (uint32_t)back;
	if (x[S_TAG + 3] != 2 || ia < CODE_V || ia >= CODE_V + CODE_LEN - 6)
		return NULL;
	return s->code + (ia - CODE_V);
}
static bool access_code(int code)
{
	code &= 0x3F;
	return code == PGM_PROTECTION || code == PGM_ADDRESSING || code == PGM_SEGMENT_TRANSLATION ||
	       code == PGM_PAGE_TRANSLATION || code == PGM_TRANSLATION_SPEC;
}

/* The EXECUTE that ends 4 bytes before the slot's instruction address, or NULL.  (Only an
 * instruction of the stream counts: a byte X'44' inside another instruction does not.) */
static const uint8_t *slot_ex(const struct stream *s, const uint8_t *x)
{
	const uint8_t *p = slot_insn(s, x, 4);
	if (!p || p[0] != 0x44)
		return NULL;
	uint32_t a = CODE_V + (uint32_t)(p - s->code);
	for (int k = 0; k < s->n; k++)
		if (s->off[k] == a)
			return p;
	return NULL;
}

/* The target of the EXECUTE at ex (its D2; the generator gives it no base), or NULL. */
static const uint8_t *ex_target(const struct stream *s, const uint8_t *ex)
{
	uint32_t t = (uint32_t)(ex[2] & 15) << 8 | ex[3];
	return t >= CODE_V && t < CODE_V + CODE_LEN - 6 ? s->code + (t - CODE_V) : NULL;
}
static bool nullified(int code)
{
	code &= 0x3F;
	return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION;
}
static void clear_change_bits(uint8_t *x, uint8_t *y)
{
	for (int k = 0; k < 2; k++)
		x[S_KEYS + k] &= 0xFD, y[S_KEYS + k] &= 0xFD;
}
static void set_cc(uint8_t *x, int cc)
{
	if (slot_ec(x))
		x[S_PSW + 2] = (uint8_t)((x[S_PSW + 2] & 0xCF) | cc << 4);
	else
		x[S_PSW + 4] = (uint8_t)((x[S_PSW + 4] & 0xCF) | cc << 4);
}

/* D2: drop the change bits that ours has and Hercules has not. */
static void d2_change_bits(uint8_t *x, const uint8_t *y)
{
	for (int k = 0; k < 2; k++)
		if ((x[S_KEYS + k] & 0x02) && !(y[S_KEYS + k] & 0x02))
			x[S_KEYS + k] &= 0xFD;
}

/* H8: drop the change bits that Hercules has and ours has not. */
static void h8_change_bits(const uint8_t *x, uint8_t *y)
{
	for (int k = 0; k < 2; k++)
		if ((y[S_KEYS + k] & 0x02) && !(x[S_KEYS + k] & 0x02))
			y[S_KEYS + k] &= 0xFD;
}

/* H5: where ours has a zero low-order part and Hercules X'72000000 00000000' (either
 * sign), take ours. */
static void h5_low_parts(const uint8_t *x, uint8_t *y)
{
	for (int k = 0; k < 4; k++) {
		const uint8_t *fx = x + 0x50 + 8 * k;
		uint8_t *fy = y + 0x50 + 8 * k;
		if (!r32(fx) && !r32(fx + 4) && (r32(fy) & 0x7FFFFFFF) == 0x72000000 && !r32(fy + 4))
			memcpy(fy, fx, 8);
	}
}

static size_t ndiff(const uint8_t *x, const uint8_t *y)
{
	size_t n = 0;
	for (size_t k = 0; k < SLOT_SIZE; k++)
		n += x[k] != y[k];
	return n;
}

/* Apply each documented explanation whose condition holds, in turn; the slots are
 * "known" when they are then equal.  The labels of the steps that changed something
 * are returned in buf. */
const char *fz_known(const struct stream *s, const uint8_t *x0, const uint8_t *y0, char *buf, size_t n)
{
	static uint8_t x[SLOT_SIZE], y[SLOT_SIZE];
	int cx = slot_code(x0), cy = slot_code(y0);
	int dx = cx & 0x3F, dy = cy & 0x3F;
	bool both_pgm = x0[S_TAG + 3] == 2 && y0[S_TAG + 3] == 2;
	/* The instruction each machine's interruption is about: nullified ones leave the
	 * PSW at it; for EXECUTE, its target. */
	const uint8_t *ix = slot_insn(s, x0, nullified(cx) ? 0 : slot_ilc(x0));
	const uint8_t *ex = slot_ex(s, x0);
	bool under_ex = ex && slot_ilc(x0) == 4;
	/* Hercules' ILC under EXECUTE is the target's (H4): find its instruction by EX's. */
	bool under_ex_y = !nullified(cy) && slot_ex(s, y0);
	const uint8_t *iy = slot_insn(s, y0, nullified(cy) ? 0 : under_ex_y ? 4 : slot_ilc(y0));
	const uint8_t *in = under_ex ? ex : ix;
	if (in && in[0] == 0x44)
		in = ex_target(s, in);
	bool ss = in && (in[0] >= 0xD0 || in[0] == 0x0E || in[0] == 0x0F); /* two storage operands */
	bool dec = in && (in[0] >= 0xF0 || in[0] == 0xDE || in[0] == 0xDF);
	memcpy(x, x0, SLOT_SIZE), memcpy(y, y0, SLOT_SIZE);
	buf[0] = 0;
	/* A step's label is kept when it made the slots differ in fewer bytes. */
#define STEP(cond, label, ...)                                                                               \
	do {                                                                                                 \
		if (cond) {                                                                                  \
			size_t before = ndiff(x, y);                                                         \
			__VA_ARGS__;                                                                         \
			if (ndiff(x, y) < before)                                                            \
				snprintf(buf + strlen(buf), n - strlen(buf), "%s%s", *buf ? "; " : "",       \
				         label);                                                             \
		}                                                                                            \
	} while (0)
	/* H1: MONITOR CALL in the BC mode: Hercules stores no class and code at X'94'-X'9F'. */
	STEP(both_pgm && !slot_ec(x) && (cx & 0x40) && cx == cy, "H1 monitor class and code in the BC mode",
	     memset(x + S_INFO + 0x0C, 0, 12), memset(y + S_INFO + 0x0C, 0, 12));
	/* H4: exception in the target of EXECUTE: Hercules gives the target's ILC, not 2. */
	STEP(both_pgm && under_ex, "H4 ILC of an exception in an EXECUTE target", set_ilc(y, slot_ilc(x)));
	/* D2: ours sets the change bit when it checks store access, so an operation
	 * suppressed (or terminated) after the check leaves it set without a store. */
	STEP(both_pgm, "D2 change bit without a store (ours)", d2_change_bits(x, y));
	/* H8: a store operand over two blocks whose second raises an access exception:
	 * the instruction is suppressed or nullified, nothing is stored, yet Hercules has
	 * set the change bit of the first block. */
	STEP(both_pgm && cx == cy && access_code(cx), "H8 change bit without a store (Hercules)",
	     h8_change_bits(x, y));
	/* M3: decimal instruction with both an operand access exception and a data (or
	 * decimal-divide) exception: which one is indicated is unpredictable. */
	bool dd_x = dx == PGM_DATA || dx == PGM_DECIMAL_DIVIDE,
	     dd_y = dy == PGM_DATA || dy == PGM_DECIMAL_DIVIDE;
	STEP(both_pgm && dec && ix == iy && ((dd_x && access_code(cy)) || (dd_y && access_code(cx))),
	     "M3 access or data exception first (decimal)", memcpy(y + S_PSW, x + S_PSW, 8),
	     memcpy(y + S_INFO, x + S_INFO, 24), clear_change_bits(x, y));
	/* M6: access exceptions for both operands of an SS (or MVCL/CLCL) instruction: which
	 * one is indicated is unpredictable. */
	STEP(both_pgm && ss && ix == iy && access_code(cx) && access_code(cy),
	     "M6 which operand's access exception (SS)", memcpy(y + S_PSW, x + S_PSW, 8),
	     memcpy(y + S_INFO, x + S_INFO, 24), memcpy(y + S_DATA, x + S_DATA, DATA_LEN),
	     clear_change_bits(x, y));
	/* The instruction of the stream's first slot (EXECUTE's target, if it is one). */
	const uint8_t *at = slot_insn(s, x0, 0);
	if (at && at[0] == 0x44)
		at = ex_target(s, at);
	uint32_t iax = r32(x0 + S_PSW + 4) & 0xFFFFFF, iay = r32(y0 + S_PSW + 4) & 0xFFFFFF;
	/* M7: MVCL or CLCL ended by an access exception: the CC is unpredictable. */
	STEP(both_pgm &&
	         ((in && (in[0] == 0x0E || in[0] == 0x0F)) || (at && (at[0] == 0x0E || at[0] == 0x0F))) &&
	         access_code(cx) && cx == cy,
	     "M7 CC of an interrupted MVCL/CLCL", set_cc(x, 0), set_cc(y, 0));
	/* M4: storage-to-storage instruction ended by an access or data exception: the
	 * operation is terminated and how much was stored is unpredictable (for EDMK also
	 * the address in GR1, and the CC of ED/EDMK). */
	STEP(both_pgm && ss && cx == cy && (access_code(cx) || dx == PGM_DATA),
	     "M4 partial result of a terminated SS instruction", memcpy(y + S_DATA, x + S_DATA, DATA_LEN),
	     clear_change_bits(x, y), (in[0] == 0xDF ? memcpy(y + S_GR + 4, x + S_GR + 4, 4) : NULL),
	     (in[0] == 0xDE || in[0] == 0xDF ? (set_cc(x, 0), set_cc(y, 0)) : (void)0));
	/* H7: ICM, CLM, STCM with a zero mask: whether access exceptions are recognized for
	 * the operand is unpredictable (the machine that took the exception names it). */
	const uint8_t *im = access_code(cy) && (!access_code(cx) || ix != iy) ? iy : ix;
	if (im && im[0] == 0x44) /* under EXECUTE: its target */
		im = ex_target(s, im);
	STEP(im && (im[0] == 0xBD || im[0] == 0xBE || im[0] == 0xBF) && (im[1] & 15) == 0 &&
	         (access_code(cx) || access_code(cy)) && ix != iy,
	     "H7 zero mask, access exception or not (ICM/CLM/STCM)", memcpy(y, x, SLOT_SIZE));
	/* H5: an extended result with a zero fraction and characteristic (significance
	 * exception): Hercules makes the low-order characteristic X'72', not a true zero. */
	STEP(both_pgm && dx == PGM_SIGNIFICANCE && cx == cy, "H5 low-order part of a zero extended result",
	     h5_low_parts(x, y));
	/* M11: a comparison (CLC, CLCL, CLM, TRT) decided before the end of its operands: whether
	 * access exceptions are recognized for the bytes not needed is unpredictable. */
	const uint8_t *cmp_x = access_code(cx) ? ix : NULL, *cmp_y = access_code(cy) ? iy : NULL;
	if (cmp_x && cmp_x[0] == 0x44)
		cmp_x = ex_target(s, cmp_x);
	if (cmp_y && cmp_y[0] == 0x44)
		cmp_y = ex_target(s, cmp_y);
	bool decided_x =
	    cmp_x && (cmp_x[0] == 0xD5 || cmp_x[0] == 0x0F || cmp_x[0] == 0xBD || cmp_x[0] == 0xDD);
	bool decided_y =
	    cmp_y && (cmp_y[0] == 0xD5 || cmp_y[0] == 0x0F || cmp_y[0] == 0xBD || cmp_y[0] == 0xDD);
	STEP((decided_x || decided_y) && ix != iy,
	     "M11 access exception beyond a decided comparison (CLC/CLCL/CLM/TRT)", memcpy(y, x, SLOT_SIZE));
	/* M13: MVCL whose first operand covers the instruction itself: after an interruption
	 * the new contents may be executed (GA22-7000-10 MOVE LONG, programming note 8). */
	bool over_self = false; /* Hercules stopped in MVCL having moved past the instruction */
	/* (ours may then have run the moved bytes to another interruption, an SVC say) */
	if (y0[S_TAG + 3] == 2 && iy && iy[0] == 0x0E && (ix != iy || x0[S_TAG + 3] != 2) && nullified(cy)) {
		uint32_t at_va = CODE_V + (uint32_t)(iy - s->code),
		         r1 = r32(y0 + S_GR + 4 * (iy[1] >> 4)) & 0xFFFFFF;
		over_self = r1 > at_va && r1 - at_va <= 0x1000;
	}
	STEP((both_pgm && ix && ix == iy && ix[0] == 0x0E && cx != cy) || over_self,
	     "M13 MVCL over its own instruction", memcpy(y, x, SLOT_SIZE));
	/* M10: EXECUTE made an opcode that our table lacks (an optional facility such as
	 * dual address space, which Hercules has in S/370 mode): ours gives the operation
	 * exception.  The registers are those at the EXECUTE. */
	bool unassigned = false;
	if (under_ex && (cx & 0x3F) == PGM_OPERATION && in) {
		uint8_t b1 = (uint8_t)(in[1] | (ex[1] >> 4 ? r32(x0 + S_GR + 4 * (ex[1] >> 4)) : 0));
		const uint8_t built[6] = {in[0], b1, in[2], in[3], in[4], in[5]};
		const struct opdef *d = cpu_opdef_at(built);
		unassigned = !d->mnem || !d->mnem[0] || (d->flags & OPF_S37X); /* S37X is off here */
	}
	STEP(unassigned, "M10 EXECUTE made an instruction of an optional facility",
	     memcpy(y, x, SLOT_SIZE));
	/* D1: a branch to an odd address (specification in instruction fetch): the ILC,
	 * and so how far the PSW was advanced, is the model's choice of 1, 2 or 3; both
	 * must point back to the same odd address. */
	uint32_t back_x = iax - (uint32_t)slot_ilc(x0), back_y = iay - (uint32_t)slot_ilc(y0);
	STEP(both_pgm && cx == cy && dx == PGM_SPECIFICATION && (back_x & 1) && back_x == back_y,
	     "D1 ILC of an instruction-fetch exception (model-dependent)", memcpy(y + S_PSW, x + S_PSW, 8));
	/* M14: MVCL or CLCL as the target of an EXECUTE whose R1 register the instruction
	 * changes: where it may be interrupted is model-dependent, and an interruption
	 * re-executes the EXECUTE, which then builds another instruction (Hercules: an odd
	 * register, specification).  GA22-7000-10 MOVE LONG, programming note 7. */
	const uint8_t *ex0 = slot_insn(s, x0, 0), *tg0 = NULL;
	if (ex0 && ex0[0] == 0x44 && (ex0[1] >> 4))
		tg0 = ex_target(s, ex0);
	STEP(both_pgm && tg0 && (tg0[0] == 0x0E || tg0[0] == 0x0F) && dy == PGM_SPECIFICATION && cx != cy,
	     "M14 interrupted MVCL/CLCL re-executed by EXECUTE", memcpy(y, x, SLOT_SIZE));
#undef STEP
	return memcmp(x, y, SLOT_SIZE) ? NULL : buf;
}
