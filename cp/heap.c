/* heap.c — CP's own structures, allocated as users come and go.
 *
 * A system for five hundred users cannot hold a console, a virtual machine
 * and a terminal for each of them in its nucleus from IPL on: a small
 * machine would have no storage left for pages, a large one would waste
 * most of it.  So CP takes what a user or a terminal needs from the page
 * frames when it is needed, and gives it back after.
 *
 * Each kind of structure has a pool (cp.h: struct pool) of objects of one
 * size.  A pool takes a slab of one or a few contiguous frames
 * (frames_alloc: first fit from the bottom of storage, while the pages of
 * virtual machines are taken from the top) and cuts it into objects, which
 * wait on a free list when not in use.  Slabs stay with their pool: a pool
 * holds as many objects as were ever in use at once, and LOGON after a
 * LOGOFF finds one ready.  A slab is as many frames as leaves at most an
 * eighth of it unused (a 2,300-byte structure: 5 frames hold 8).
 *
 * frames_get keeps a reserve of free frames for this when paging can make
 * room (frames.c), so a LOGON does not fail merely because the guests'
 * pages fill real storage: their pages are stolen instead.
 */
#include "cp.h"

static void carve(struct pool *p)
{
	if (!p->slab_frames) { /* first use: the slab size for this object size */
		p->size = (p->size + 7) & ~7u; /* each object on a doubleword */
		uint32_t k = 1;
		while (k < 8 && (k * 4096 < p->size || (k * 4096) % p->size > k * 4096 / 8))
			k++;
		p->slab_frames = (uint16_t)k;
	}
	uint32_t a = frames_alloc(p->slab_frames);
	if (!a)
		return;
	uint32_t n = p->slab_frames * 4096u / p->size;
	for (uint32_t k = 0; k < n; k++) {
		void **obj = (void **)(uintptr_t)(a + k * p->size);
		*obj = p->free;
		p->free = obj;
	}
	p->slabs++;
}

void *pool_get(struct pool *p)
{
	if (!p->free)
		carve(p);
	void **obj = p->free;
	if (!obj)
		return NULL;
	p->free = *obj;
	memset(obj, 0, p->size);
	p->in_use++;
	return obj;
}

void pool_put(struct pool *p, void *obj)
{
	if (!obj)
		return;
	*(void **)obj = p->free;
	p->free = obj;
	p->in_use--;
}
