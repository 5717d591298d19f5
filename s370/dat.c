/* dat.c — Dynamic Address Translation (GA22-7000 "Dynamic Address Translation").
 *
 * CR0 bits 8-12 choose the translation format:
 *
 *     bits 8-9   page size      01 = 2K     10 = 4K      (others invalid)
 *     bits 11-12 segment size   00 = 64K    10 = 1M      (others invalid)
 *
 * CR1 is the segment-table designation:
 *
 *     | STL (0-7) | segment-table origin (8-25) | (26-31) |
 *
 * A virtual address splits into segment index (SX), page index (PX) and byte
 * index.  The segment-table entry (4 bytes) and page-table entry (2 bytes) are
 *
 *     STE: | PTL (0-3) | 0000 | page-table origin (8-28) | 00 | I (31) |
 *     PTE 4K: | page-frame real address (0-11) | I (12) | 00 (13-14) | (15) |
 *     PTE 2K: | page-frame real address (0-12) | I (13) | 00 (14-15) |
 *
 * Exceptions, in the order recognised: translation specification (bad CR0
 * format), segment translation (SX beyond STL, or STE invalid), page
 * translation (PX beyond PTL, or PTE invalid), translation specification (bad
 * PTE format bits), addressing (a table outside storage).  Tables are at real
 * addresses.
 */
#include "access.h"

struct dat_format {
	uint32_t page_shift; /* 11 or 12 */
	uint32_t seg_shift;  /* 16 or 20 */
};

static bool dat_format(uint32_t cr0, struct dat_format *f)
{
	uint32_t ps = (cr0 >> 22) & 3; /* bits 8-9 */
	uint32_t ss = (cr0 >> 19) & 7; /* bits 10-12 */
	if (ps == 1)
		f->page_shift = 11;
	else if (ps == 2)
		f->page_shift = 12;
	else
		return false;
	if (ss == 0)
		f->seg_shift = 16;
	else if (ss == 2)
		f->seg_shift = 20;
	else
		return false;
	return true;
}

/* Fetch a table entry of n bytes at real address ra; false = addressing. */
static bool table_fetch(struct cpu *c, uint32_t ra, int n, uint32_t *v)
{
	uint32_t aa = real_to_abs(c, ra & AMASK);
	if (!abs_valid(c->st, aa, (uint32_t)n))
		return false;
	*v = n == 4 ? be32(c->st->mem + aa) : be16(c->st->mem + aa);
	return true;
}

/* LOAD REAL ADDRESS needs more than the exception code (GA22-7000 "LOAD REAL
 * ADDRESS"): with for_lra, a segment- or page-translation result leaves in *ra
 * the real address of the table entry concerned (for a length violation, the
 * one that would have been fetched), with bit 0 (X'80000000') set when a
 * table length was exceeded.  Other callers pass false and see only the code. */
static int lra_fail(bool for_lra, uint32_t *ra, uint32_t entry, bool length, int code)
{
	if (for_lra)
		*ra = (entry & AMASK) | (length ? 0x80000000u : 0);
	return code;
}

int dat_translate(struct cpu *c, uint32_t va, uint32_t *ra, bool for_lra)
{
	struct dat_format f;
	c->dat_walks++;
	if (!dat_format(c->cr[0], &f))
		return PGM_TRANSLATION_SPEC;

	uint32_t sx = (va & AMASK) >> f.seg_shift;
	uint32_t stl = c->cr[1] >> 24;
	uint32_t sto = c->cr[1] & 0x00FFFFC0u;
	/* The table length is in units of 16 entries (64 bytes). */
	if ((sx >> 4) > stl)
		return lra_fail(for_lra, ra, sto + sx * 4, true, PGM_SEGMENT_TRANSLATION);
	uint32_t ste;
	if (!table_fetch(c, sto + sx * 4, 4, &ste))
		return PGM_ADDRESSING;
	if (ste & 1)
		return lra_fail(for_lra, ra, sto + sx * 4, false, PGM_SEGMENT_TRANSLATION);
	if (ste & 0x0F000000u) /* bits 4-7 must be zero */
		return PGM_TRANSLATION_SPEC;

	uint32_t px_bits = f.seg_shift - f.page_shift;
	uint32_t px = (va >> f.page_shift) & ((1u << px_bits) - 1);
	uint32_t ptl = ste >> 28;
	/* The page-table length is in units of 1/16 of the largest page table:
	 * compare the leftmost four bits of the page index. */
	uint32_t pto = ste & 0x00FFFFF8u;
	if ((px >> (px_bits - 4)) > ptl)
		return lra_fail(for_lra, ra, pto + px * 2, true, PGM_PAGE_TRANSLATION);
	uint32_t pte;
	if (!table_fetch(c, pto + px * 2, 2, &pte))
		return PGM_ADDRESSING;

	uint32_t frame;
	if (f.page_shift == 12) {
		if (pte & 0x0008)
			return lra_fail(for_lra, ra, pto + px * 2, false, PGM_PAGE_TRANSLATION);
		if (pte & 0x0006)
			return PGM_TRANSLATION_SPEC;
		frame = (pte & 0xFFF0u) << 8;
	} else {
		if (pte & 0x0004)
			return lra_fail(for_lra, ra, pto + px * 2, false, PGM_PAGE_TRANSLATION);
		if (pte & 0x0003)
			return PGM_TRANSLATION_SPEC;
		frame = (pte & 0xFFF8u) << 8;
	}
	*ra = frame | (va & ((1u << f.page_shift) - 1));
	return 0;
}
