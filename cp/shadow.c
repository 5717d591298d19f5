/* shadow.c — shadow page tables: a guest that turns DAT on.
 *
 * A virtual machine's "real" storage is already virtual to CP: its page n is
 * wherever the machine's page table (v->pt, vm.c and paging.c) says.  A guest
 * that turns DAT on (EC mode, PSW bit 5) has tables of its own, in that
 * storage, which take its virtual addresses to its real ones.  The machine
 * has one DAT, so CP gives it tables that make both steps at once:
 *
 *     guest virtual --(the guest's tables)--> guest real --(v->pt)--> real frame
 *
 * The shadow tables (GA22-7000 "Dynamic Address Translation") are CP's own,
 * in frames of CP's, and the real CR1 names them while such a guest runs.
 * They start empty (every segment invalid).  A translation exception in the
 * real machine comes to CP (vmrun.c), which walks the guest's tables as the
 * hardware would (shadow_translate): a guest entry invalid is the guest's own
 * segment- or page-translation exception, reflected with its
 * translation-exception address; otherwise the guest's real page is brought
 * in (paging.c) and its frame goes into the shadow entry, and the
 * instruction, nullified, runs again.
 *
 * So the shadow is a translation-lookaside buffer: it holds translations the
 * guest's tables gave, and may hold them after the guest changed its tables,
 * until something says they are stale.  What does:
 *   - the guest's PURGE TLB (as on the machine: the guest must issue it
 *     after it changes a valid entry), shadow_purge;
 *   - a frame that stops holding a guest page (paging.c steals it, or the
 *     page is released): shadow_frame_gone drops every shadow entry naming it;
 *   - the machine's storage going away (LOGOFF, DEFINE STORAGE): shadow_free.
 * A change of the guest's CR0 or CR1 (LCTL) needs nothing: the shadows are
 * kept per address space, by the guest's segment-table designation and
 * translation format, SH_SPACES of them per machine, the least recently used
 * one cleared for a new space.  An operating system switches spaces often
 * (our own CP, run as a guest, switches between its V=R space and each of its
 * guests'), and each comes back to the shadow it had.
 *
 * The shadow's format: 64K segments always (a guest's 1M segment is 16 of
 * them), pages of the guest's size: 4K, or 2K, where a guest page is half a
 * frame and the real CR0 says 2K while that guest runs (vmrun.c).  A space
 * is SH_FRAMES contiguous frames: the segment table (256 entries, 1K) and a
 * page table for each segment after it (16 entries of 4K pages, or 32 of 2K).
 * The 370 has no page-protection bit (bits 13-14 of a 4K entry must be
 * zero): there is no protection to copy into the shadow.
 */
#include "cp.h"

enum {
	SH_SPACES = 4, /* shadow spaces per machine */
	SH_VMS = 16,   /* machines with shadows at once (the least recently run one gives its own up) */
	SH_SEGS = 256, /* 64K segments in 16M */
	SH_FRAMES = 5, /* a space: segment table (1K) + 256 page tables of up to 64 bytes */
	SH_PT = 1024,  /* the page tables' offset in the space */
};

struct space {
	uint32_t at;                  /* the real address of its frames, 0: none */
	uint32_t cr1;                 /* the guest's segment-table designation ... */
	uint8_t fmt;                  /* ... and CR0 bits 8-12 it shadows */
	uint32_t used;                /* when last chosen (a stamp) */
	uint32_t valid[SH_SEGS / 32]; /* the segments whose entries are valid */
};

struct shvm {
	struct vm *v;
	uint32_t used;
	struct space sp[SH_SPACES];
	struct shadow_counts n;
};

static struct shvm tab[SH_VMS];
static uint32_t stamp;

static struct shvm *find(const struct vm *v)
{
	for (int k = 0; k < SH_VMS; k++)
		if (tab[k].v == v)
			return &tab[k];
	return NULL;
}

static void space_drop(struct space *s)
{
	if (s->at)
		frames_free(s->at, SH_FRAMES);
	memset(s, 0, sizeof *s);
}

static void shvm_drop(struct shvm *m)
{
	for (int k = 0; k < SH_SPACES; k++)
		space_drop(&m->sp[k]);
	memset(m, 0, sizeof *m);
}

/* The guest's translation format from its CR0 (bits 8-9 page size: 01 2K,
 * 10 4K; bits 11-12 segment size: 00 64K, 10 1M); false: invalid. */
static bool format(uint32_t cr0, unsigned *page_shift, unsigned *seg_shift)
{
	unsigned ps = (cr0 >> 22) & 3, ss = (cr0 >> 19) & 7;
	if ((ps != 1 && ps != 2) || (ss != 0 && ss != 2))
		return false;
	*page_shift = ps == 1 ? 11 : 12;
	*seg_shift = ss == 0 ? 16 : 20;
	return true;
}

/* A guest table entry of n bytes at guest real address a; false: outside its storage. */
static bool entry(struct vm *v, uint32_t a, uint32_t n, uint32_t *out)
{
	uint8_t b[4];
	if (!vm_fetch(v, a, b, n))
		return false;
	*out = n == 4 ? cp_get32(b) : (uint32_t)(b[0] << 8 | b[1]);
	return true;
}

static int lra_fail(bool for_lra, uint32_t *ra, uint32_t at, bool length, int code)
{
	if (for_lra)
		*ra = (at & 0xFFFFFF) | (length ? 0x80000000u : 0);
	return code;
}

int shadow_translate(struct vm *v, uint32_t va, uint32_t *ra, bool for_lra)
{
	unsigned ps, ss;
	if (!format(v->cr[0], &ps, &ss))
		return 0x12; /* translation specification */
	va &= 0xFFFFFF;
	uint32_t cr1 = v->cr[1], sx = va >> ss, sto = cr1 & 0x00FFFFC0u;
	if ((sx >> 4) > cr1 >> 24) /* the segment-table length, in units of 16 entries */
		return lra_fail(for_lra, ra, sto + 4 * sx, true, 0x10);
	uint32_t ste;
	if (!entry(v, sto + 4 * sx, 4, &ste))
		return 0x05; /* a table outside the machine: addressing */
	if (ste & 1)
		return lra_fail(for_lra, ra, sto + 4 * sx, false, 0x10);
	if (ste & 0x0F000000u)
		return 0x12;
	unsigned pxbits = ss - ps;
	uint32_t px = (va >> ps) & ((1u << pxbits) - 1), pto = ste & 0x00FFFFF8u;
	if ((px >> (pxbits - 4)) > ste >> 28) /* the page-table length, in sixteenths */
		return lra_fail(for_lra, ra, pto + 2 * px, true, 0x11);
	uint32_t pte;
	if (!entry(v, pto + 2 * px, 2, &pte))
		return 0x05;
	uint32_t frame;
	if (ps == 12) {
		if (pte & 0x0008)
			return lra_fail(for_lra, ra, pto + 2 * px, false, 0x11);
		if (pte & 0x0006)
			return 0x12;
		frame = (pte & 0xFFF0u) << 8;
	} else {
		if (pte & 0x0004)
			return lra_fail(for_lra, ra, pto + 2 * px, false, 0x11);
		if (pte & 0x0003)
			return 0x12;
		frame = (pte & 0xFFF8u) << 8;
	}
	*ra = frame | (va & ((1u << ps) - 1));
	return 0;
}

static uint16_t *space_pt(const struct space *s, uint32_t seg, bool two_k)
{
	return (uint16_t *)(uintptr_t)(s->at + SH_PT + seg * (two_k ? 64 : 32));
}

static bool two_k(const struct space *s)
{
	return ((s->fmt >> 3) & 3) == 1;
}

/* Every segment of the space invalid again (the page tables are cleared
 * when a segment is next made valid). */
static void space_clear(struct space *s)
{
	uint32_t *st = (uint32_t *)(uintptr_t)s->at;
	for (uint32_t w = 0; w < SH_SEGS / 32; w++)
		for (uint32_t b = 0; s->valid[w] && b < 32; b++)
			if (s->valid[w] & (1u << b)) {
				st[w * 32 + b] = 0x00000001u;
				s->valid[w] &= ~(1u << b);
			}
}

static struct shvm *get_shvm(struct vm *v)
{
	struct shvm *m = find(v), *old = NULL;
	if (m)
		return m;
	for (int k = 0; k < SH_VMS; k++) {
		if (!tab[k].v) {
			old = &tab[k];
			break;
		}
		if (!old || tab[k].used < old->used)
			old = &tab[k];
	}
	shvm_drop(old); /* (its machine rebuilds its shadows when it runs next) */
	old->v = v;
	return old;
}

/* Frames for a new space: free ones, else a space of this machine's or
 * another's, least recently used. */
static uint32_t space_frames(struct shvm *m)
{
	uint32_t a = frames_alloc(SH_FRAMES);
	if (a)
		return a;
	struct space *lru = NULL;
	for (int k = 0; k < SH_VMS; k++)
		for (int j = 0; j < SH_SPACES; j++) {
			struct space *s = &tab[k].sp[j];
			if (s->at && (!lru || s->used < lru->used))
				lru = s;
		}
	(void)m;
	if (!lru)
		return 0;
	a = lru->at;
	lru->at = 0; /* the frames change hands, not freed */
	space_drop(lru);
	return a;
}

uint32_t shadow_cr1(struct vm *v)
{
	struct shvm *m = get_shvm(v);
	m->used = ++stamp;
	uint32_t cr1 = v->cr[1] & 0xFFFFFFC0u;
	uint8_t fmt = (uint8_t)((v->cr[0] >> 19) & 0x1F);
	struct space *s = NULL, *lru = NULL;
	for (int k = 0; k < SH_SPACES; k++) {
		struct space *t = &m->sp[k];
		if (t->at && t->cr1 == cr1 && t->fmt == fmt) {
			s = t;
			break;
		}
		if (!lru || !t->at || (lru->at && t->used < lru->used))
			lru = t;
	}
	if (!s) {
		s = lru;
		if (!s->at) {
			uint32_t a = space_frames(m);
			if (!a)
				return 0;
			memset(s, 0, sizeof *s);
			s->at = a;
			uint32_t *st = (uint32_t *)(uintptr_t)a;
			for (uint32_t k = 0; k < SH_SEGS; k++)
				st[k] = 0x00000001u;
			m->n.spaces++;
		} else {
			space_clear(s);
			m->n.reused++;
		}
		s->cr1 = cr1;
		s->fmt = fmt;
	}
	s->used = stamp;
	return 0x0F000000u | s->at; /* STL 15: all 256 segments; STO */
}

bool shadow_two_k(struct vm *v)
{
	return ((v->cr[0] >> 22) & 3) == 1;
}

int shadow_fault(struct vm *v, uint32_t va)
{
	struct shvm *m = get_shvm(v);
	uint32_t ra;
	va &= 0xFFFFFF;
	int code = shadow_translate(v, va, &ra, false);
	if (code) {
		m->n.reflected++;
		return code;
	}
	if (ra >= v->pages * 4096u)
		return 0x05; /* the guest's table names real storage it does not have */
	/* the space running (found again: vm_run chose it), then the page: a
	 * frame for the page never comes from a space, while a new space's
	 * frames could come from the page */
	if (!shadow_cr1(v))
		return -1;
	struct space *s = NULL;
	uint32_t cr1 = v->cr[1] & 0xFFFFFFC0u;
	uint8_t fmt = (uint8_t)((v->cr[0] >> 19) & 0x1F);
	for (int k = 0; k < SH_SPACES && !s; k++)
		if (m->sp[k].at && m->sp[k].cr1 == cr1 && m->sp[k].fmt == fmt)
			s = &m->sp[k];
	if (!s || !page_in(v, ra >> 12) || (v->pt[ra >> 12] & 0x0008))
		return -1;
	bool k2 = two_k(s);
	uint32_t seg = va >> 16, *st = (uint32_t *)(uintptr_t)s->at;
	uint16_t *pt = space_pt(s, seg, k2);
	if (!(s->valid[seg / 32] & (1u << (seg % 32)))) {
		for (unsigned k = 0; k < (k2 ? 32u : 16u); k++)
			pt[k] = k2 ? 0x0004 : 0x0008;
		st[seg] = 0xF0000000u | (uint32_t)(uintptr_t)pt; /* PTL 15: the whole page table */
		s->valid[seg / 32] |= 1u << (seg % 32);
	}
	uint32_t real = (uint32_t)(v->pt[ra >> 12] >> 4) << 12;
	if (k2)
		pt[(va >> 11) & 31] = (uint16_t)(((real | (ra & 0x800)) >> 8) & 0xFFF8);
	else
		pt[(va >> 12) & 15] = (uint16_t)((real >> 8) & 0xFFF0);
	m->n.filled++;
	return 0;
}

void shadow_purge(struct vm *v)
{
	struct shvm *m = find(v);
	if (!m)
		return;
	m->n.purges++;
	for (int k = 0; k < SH_SPACES; k++)
		if (m->sp[k].at)
			space_clear(&m->sp[k]);
}

void shadow_frame_gone(struct vm *v, uint32_t frame)
{
	struct shvm *m = find(v);
	if (!m)
		return;
	for (int k = 0; k < SH_SPACES; k++) {
		struct space *s = &m->sp[k];
		if (!s->at)
			continue;
		bool k2 = two_k(s);
		for (uint32_t seg = 0; seg < SH_SEGS; seg++) {
			if (!(s->valid[seg / 32] & (1u << (seg % 32))))
				continue;
			uint16_t *pt = space_pt(s, seg, k2);
			for (unsigned j = 0; j < (k2 ? 32u : 16u); j++) {
				uint16_t e = pt[j];
				bool valid = !(e & (k2 ? 0x0004 : 0x0008));
				if (valid && ((uint32_t)(e >> 4) << 12) == (frame & 0xFFF000)) {
					pt[j] = k2 ? 0x0004 : 0x0008;
					m->n.dropped++;
				}
			}
		}
	}
}

void shadow_free(struct vm *v)
{
	struct shvm *m = find(v);
	if (m)
		shvm_drop(m);
}

void shadow_counts(const struct vm *v, struct shadow_counts *out, uint32_t *entries)
{
	const struct shvm *m = find(v);
	memset(out, 0, sizeof *out);
	*entries = 0;
	if (!m)
		return;
	*out = m->n;
	for (int k = 0; k < SH_SPACES; k++) {
		const struct space *s = &m->sp[k];
		if (!s->at)
			continue;
		out->now++;
		bool k2 = two_k(s);
		for (uint32_t seg = 0; seg < SH_SEGS; seg++) {
			if (!(s->valid[seg / 32] & (1u << (seg % 32))))
				continue;
			const uint16_t *pt = space_pt(s, seg, k2);
			for (unsigned j = 0; j < (k2 ? 32u : 16u); j++)
				*entries += !(pt[j] & (k2 ? 0x0004 : 0x0008));
		}
	}
}

void shadow_indicate(struct user *u, const struct vm *v)
{
	struct shadow_counts n;
	uint32_t entries;
	if (!find(v))
		return; /* it never turned DAT on (or its shadows were given up) */
	shadow_counts(v, &n, &entries);
	user_printf(u, "SHADOW TABLES: SPACES=%u (MADE %u, REUSED %u), ENTRIES=%u, FILLED=%u", n.now,
	            n.spaces, n.reused, entries, n.filled);
	user_printf(u, "SHADOW PURGES=%u, DROPPED=%u, GUEST TRANSLATION EXCEPTIONS=%u", n.purges, n.dropped,
	            n.reflected);
}
