/* paging.c — virtual storage larger than real storage: demand paging.
 *
 * A virtual machine's page is in one of three places, and its page table
 * entry (vm.c, vmrun.c) says which:
 *
 *   - in a frame: the entry valid, the frame's address in it;
 *   - in a slot of the paging area on disk: the entry invalid, v->slot[page]
 *     names the slot;
 *   - nowhere yet: the entry invalid and no slot: the page is all zeros
 *     ("demand zero"), so a machine of 4M that has touched 200K of its
 *     storage holds 200K of frames.
 *
 * When the guest touches a page that is not in a frame, the hardware
 * translating its address finds the entry invalid: a page-translation
 * exception, which comes to CP like any program interruption (vmrun.c).
 * The instruction was nullified (its PSW still points at it): CP brings the
 * page in (page_in) and runs the guest again, which repeats the instruction
 * and never knows.  CP's own references to guest storage (vm_addr) bring
 * pages in the same way.
 *
 * A frame for the page comes from the free frames (frames.c) or, when there
 * are none, is taken from another page: replacement is a *global clock*
 * (second chance).  A hand goes round the frames that hold guests' pages;
 * at each it asks the frame's storage key (RESET REFERENCE BIT, two 2K
 * blocks per frame) whether the page was referenced since the hand last
 * passed, and clears the bit.  A referenced page gets another turn; the first
 * unreferenced one is taken.  Its contents go to its slot first if the
 * change bit (INSERT STORAGE KEY) says it differs from the slot's copy, or
 * it has none.  Pages fixed for a channel program (v->fixed) and every
 * machine's page 0 (where CP reflects interruptions) are never taken.  The
 * clock approximates "least recently used" at the cost of one key test per
 * frame passed, which is why VM/370 and most systems since chose it.
 *
 * The paging area is a range of cylinders of a CKD volume (the directory's
 * PAGING statement), 4K records, as many to a track as the device holds.
 * A track is formatted (its records written after R0) the first time one of
 * its slots is written; CP reads and writes a slot with the channel program
 * of dasd.c (seek, search ID equal, TIC, read or write data), and waits for
 * it: the guest whose page it is waits anyway, and CP's own I/O is serial.
 */
#include "cp.h"
#include "dirfmt.h"
#include "lowcore.h"

enum { MAX_SLOTS = 65535 };
static struct rdev *dev;                 /* the paging volume, or NULL: no paging */
static uint16_t first_cyl, ncyl, heads, per_track;
static uint32_t nslots, nfree_slots, slot_rover;
static uint8_t slot_used[MAX_SLOTS / 8 + 1];
static uint8_t *track_formatted;         /* one bit per track of the area */
static uint32_t hand;                    /* the clock's hand: a frame number */
static struct paging_stats stats;

const char *paging_init(struct rdev *d, uint16_t start, uint16_t count)
{
	if (!d)
		return "S37PAG001E The paging volume is not mounted: no paging";
	heads = (uint16_t)dasd_heads(d->type);
	per_track = (uint16_t)dasd_pages_per_track(d->type);
	if (!heads || !per_track)
		return "S37PAG002E The paging volume is not a CKD disk CP knows: no paging";
	uint32_t n = (uint32_t)count * heads * per_track;
	if (n > MAX_SLOTS)
		n = MAX_SLOTS;
	uint32_t tracks = (uint32_t)count * heads;
	uint32_t bytes = (tracks + 7) / 8, nfr = (bytes + 4095) / 4096;
	uint32_t f = frames_alloc(nfr);
	if (!f)
		return "S37PAG003E No storage for the paging area's map: no paging";
	track_formatted = (uint8_t *)(uintptr_t)f;
	memset(track_formatted, 0, nfr * 4096);
	dev = d;
	first_cyl = start;
	ncyl = count;
	nslots = nfree_slots = n;
	frames_reserve(frames_total() / 32 + 8); /* guests' pages are stolen before CP runs short */
	return NULL;
}

void paging_stats(struct paging_stats *out)
{
	*out = stats;
	out->slots = nslots;
	out->slots_free = nfree_slots;
}

/* ---- slots ---- */

static uint32_t slot_get(void)
{
	for (uint32_t k = 0; k < nslots && nfree_slots; k++) {
		uint32_t s = slot_rover++ % nslots;
		if (!(slot_used[s >> 3] & (1u << (s & 7)))) {
			slot_used[s >> 3] |= (uint8_t)(1u << (s & 7));
			nfree_slots--;
			return s + 1; /* 0 means none */
		}
	}
	return 0;
}

static void slot_put(uint32_t slot)
{
	uint32_t s = slot - 1;
	slot_used[s >> 3] &= (uint8_t)~(1u << (s & 7));
	nfree_slots++;
}

/* Read or write slot's 4K at buf (a real address). */
static bool slot_io(uint32_t slot, void *buf, bool write)
{
	uint32_t i = slot - 1, track = i / per_track;
	uint16_t cyl = (uint16_t)(first_cyl + track / heads), head = (uint16_t)(track % heads);
	uint8_t r = (uint8_t)(i % per_track + 1);
	bool format = write && !(track_formatted[track >> 3] & (1u << (track & 7)));
	int st = dasd_page_io(dev, cyl, head, r, per_track, buf, write, format);
	bool ok = st >= 0 && !(st & (US_UC | US_UX)) && !dev->chan;
	if (ok && format)
		track_formatted[track >> 3] |= (uint8_t)(1u << (track & 7));
	if (!ok)
		con_printf("S37PAG010E Paging I/O error on %03X: slot %u, status %02X%02X, sense %02X%02X", dev->addr,
		           slot, st < 0 ? 0xFF : st, dev->chan, dev->sense[0], dev->sense[1]);
	return ok;
}

/* ---- frames: the clock ---- */

static uint8_t key_of(uint32_t a)
{
	uint32_t k = 0;
	__asm__ volatile(".insn rr,0x0900,%0,%1" : "+d"(k) : "a"(a));
	return (uint8_t)k;
}

static void set_key(uint32_t a, uint8_t key)
{
	__asm__ volatile(".insn rr,0x0800,%0,%1" : : "d"((uint32_t)key), "a"(a) : "memory");
}

/* RESET REFERENCE BIT of the 2K block at a: was it referenced? */
static bool referenced(uint32_t a)
{
	int cc;
	__asm__ volatile(".insn s,0xb2130000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"(a) : "cc");
	return cc >= 2;
}

/* v's page in the frame at a leaves it: written to its slot first when it
 * changed (or never was written), its page table entry made invalid (the
 * guest's next touch is a page fault), the frame cleared and no one's.
 * false: it cannot go now (the paging area is full, or its write failed). */
static bool evict(struct vm *v, uint32_t page, uint32_t a)
{
	uint8_t k0 = key_of(a), k1 = key_of(a + 2048);
	bool changed = (k0 | k1) & 0x02;
	/* the guest's change bits (ISK) outlive the frame: kept with its keys */
	v->keys[2 * page] |= (uint8_t)(k0 & 0x02);
	v->keys[2 * page + 1] |= (uint8_t)(k1 & 0x02);
	if (changed || !v->slot[page]) {
		if (!v->slot[page] && !(v->slot[page] = (uint16_t)slot_get()))
			return false; /* the paging area is full: a clean page, perhaps */
		if (!slot_io(v->slot[page], (void *)(uintptr_t)a, true))
			return false;
		stats.pageouts++;
		v->count.pageouts++;
	}
	v->pt[page] = 0x0008;
	shadow_frame_gone(v, a); /* a shadow entry naming the frame would reach another's page */
	__asm__ volatile(".insn s,0xb20d0000,0" : : : "memory"); /* PTLB */
	frames_set_owner(a >> 12, NULL, 0);
	stats.steals++;
	memset((void *)(uintptr_t)a, 0, 4096);
	return true;
}

/* Take a frame from some page: the clock.  0: none can be taken. */
static uint32_t steal(void)
{
	uint32_t lo = frames_first(), hi = frames_limit();
	if (hand < lo || hand >= hi)
		hand = lo;
	for (uint32_t passes = 0; passes < 2 * (hi - lo); passes++) {
		uint32_t f = hand;
		hand = hand + 1 < hi ? hand + 1 : lo;
		struct vm *v;
		uint32_t page;
		if (!frames_owner(f, &v, &page) || v->fixed[page] || page == 0)
			continue;
		uint32_t a = f << 12;
		bool r0 = referenced(a), r1 = referenced(a + 2048), ref = r0 || r1;
		/* the guest's reference bits (ISK, RRB) keep what the clock resets */
		v->keys[2 * page] |= r0 ? 0x04 : 0;
		v->keys[2 * page + 1] |= r1 ? 0x04 : 0;
		if (ref)
			continue; /* a second chance */
		if (evict(v, page, a))
			return a;
	}
	return 0;
}

/* CP wants frame f for itself (frames.c, for its own structures): the
 * guest page in it goes out, and the frame is free.  false: it holds no
 * guest page that may leave (free already, CP's, page 0, fixed for I/O),
 * there is no paging area, or the page-out failed. */
bool page_evict(uint32_t f)
{
	struct vm *v;
	uint32_t page;
	if (!dev || !frames_owner(f, &v, &page) || v->fixed[page] || page == 0)
		return false;
	if (!evict(v, page, f << 12))
		return false;
	frames_free(f << 12, 1);
	return true;
}

bool page_in(struct vm *v, uint32_t page)
{
	if (page >= v->pages)
		return false;
	if (!(v->pt[page] & 0x0008))
		return true;
	uint32_t a = frames_get();
	if (!a && dev)
		a = steal();
	if (!a) {
		con_printf("S37PAG020E No frame for a page: real storage and paging area are full");
		return false;
	}
	if (v->slot[page]) {
		if (!slot_io(v->slot[page], (void *)(uintptr_t)a, false)) {
			frames_free(a, 1);
			return false;
		}
		stats.pageins++;
		v->count.pageins++;
	}
	/* key 0, not changed: the slot's copy (or zeros) is what the frame
	 * holds; not referenced either, as the guest sees it (ISK), until the
	 * access that brought the page in runs again -- which comes before CP
	 * looks for another frame */
	set_key(a, 0);
	set_key(a + 2048, 0);
	frames_set_owner(a >> 12, v, page);
	v->pt[page] = (uint16_t)(a >> 8);
	return true;
}

void page_release(struct vm *v, uint32_t page)
{
	if (page == 0)
		shadow_free(v); /* page 0 goes only with the whole storage (vm.c) */
	if (!(v->pt[page] & 0x0008)) {
		uint32_t a = (uint32_t)(v->pt[page] >> 4) << 12;
		shadow_frame_gone(v, a);
		frames_set_owner(a >> 12, NULL, 0);
		frames_free(a, 1);
		v->pt[page] = 0x0008;
	}
	if (v->slot[page]) {
		slot_put(v->slot[page]);
		v->slot[page] = 0;
	}
}

/* ---- the guest's storage keys (ISK, SSK, RRB: vmrun.c) ----
 *
 * A guest's key for each 2K block is v->keys[block] (CP keeps the access
 * key and fetch bit there; the real frames all have key 0).  Its reference
 * and change bits are the real frame's (GA22-7000 "Storage Key"), which the
 * hardware sets as the guest runs, with what CP kept of them when the clock
 * reset the frame's reference bit or the page left its frame (evict): the
 * two ORed are what the guest would see on a machine of its own. */

static uint32_t block_frame(struct vm *v, uint32_t block)
{
	uint16_t e = v->pt[block >> 1];
	return e & 0x0008 ? 0 : ((uint32_t)(e >> 4) << 12) + (block & 1) * 2048;
}

uint8_t page_key(struct vm *v, uint32_t block)
{
	uint32_t a = block_frame(v, block);
	return (uint8_t)(v->keys[block] | (a ? key_of(a) & 0x06 : 0));
}

void page_set_key(struct vm *v, uint32_t block, uint8_t key)
{
	uint32_t a = block_frame(v, block);
	if (a) {
		/* the frame's change bit goes: the slot's copy may be older than the
		 * page, so it goes too, and the clock writes the page when it takes it */
		if ((key_of(a) & 0x02) && v->slot[block >> 1]) {
			slot_put(v->slot[block >> 1]);
			v->slot[block >> 1] = 0;
		}
		set_key(a, 0);
	}
	v->keys[block] = (uint8_t)(key & 0xFE);
}

uint8_t page_rrb(struct vm *v, uint32_t block)
{
	uint8_t k = page_key(v, block);
	uint32_t a = block_frame(v, block);
	if (a)
		referenced(a);
	v->keys[block] &= (uint8_t)~0x04;
	return (uint8_t)((k & 0x04 ? 2 : 0) | (k & 0x02 ? 1 : 0));
}

/* At IPL: the directory's PAGING area, or a message why there is none. */
void paging_start(void)
{
	struct dir_tdisk pa;
	const char *why = "S37PAG000W No PAGING area in the directory: virtual machines must fit in real storage";
	if (dir_paging(&pa)) {
		char vol[7];
		cp_field(vol, pa.volser, 6);
		why = paging_init(dasd_find_volume(vol), pa.start, pa.count);
		if (!why)
			con_printf("Paging area: %s cylinders %u-%u, %u pages", vol, pa.start, pa.start + pa.count - 1,
			           nslots);
	}
	if (why)
		con_printf("%s", why);
}
