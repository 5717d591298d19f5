/* heap.c — CMS's free storage: from the end of the nucleus to the top of
 * the virtual machine's storage (DIAGNOSE X'60' said how much there is).
 * First fit over a list of blocks kept in address order; neighbours merge
 * when freed.  Every block carries its size in the 8 bytes before it, and,
 * while in use, a mark with the zone it was taken in.
 *
 * Zones.  What the EXEC interpreter takes for itself (its program,
 * variables, routines' frames: exec_alloc) and the lines of the EXEC files
 * it runs are zone 1, taken with cms_alloc_in; everything else, cms_alloc,
 * zone 0.  The interpreter gives its storage back when it returns; after HX
 * or an abend it never returns, and main.c frees every block of zone 1
 * instead (nothing of zone 1 is ever linked from a structure of zone 0).
 * The blocks tile the heap from its start, free or not, so they are found
 * by walking it from size to size. */
#include "nucleus.h"

struct blk {
	uint32_t size; /* bytes, this header included; a multiple of 8 */
	struct blk *next;
};
static struct blk *free_list;
static uint32_t heap_from, heap_to;

enum { MARK = 0xC3D4E200u }; /* "CMS" and the zone in the low byte: a block in use */

static bool in_use(const struct blk *b, uint8_t *z)
{
	uint32_t m = ((const uint32_t *)b)[1];
	if ((m & ~0xFFu) != MARK)
		return false; /* free: this word is its next pointer, below 16M */
	*z = (uint8_t)m;
	return true;
}

void cms_heap_init(uint32_t from, uint32_t to)
{
	from = (from + 7) & ~7u;
	heap_from = from;
	heap_to = from + ((to - from) & ~7u);
	free_list = (struct blk *)(uintptr_t)from;
	free_list->size = heap_to - from;
	free_list->next = NULL;
}

void *cms_alloc(size_t n)
{
	return cms_alloc_in(n, CMS_ZONE_CMS);
}

void *cms_alloc_in(size_t n, int zone)
{
	uint32_t need = ((uint32_t)n + 8 + 7) & ~7u;
	if (need < sizeof(struct blk))
		need = sizeof(struct blk);
	for (struct blk **pp = &free_list; *pp; pp = &(*pp)->next) {
		struct blk *b = *pp;
		if (b->size < need)
			continue;
		if (b->size - need >= 32) { /* split: the front part goes */
			struct blk *rest = (struct blk *)((char *)b + need);
			rest->size = b->size - need;
			rest->next = b->next;
			*pp = rest;
			b->size = need;
		} else {
			*pp = b->next;
		}
		uint32_t *h = (uint32_t *)b;
		h[1] = MARK | (uint8_t)zone;
		memset(h + 2, 0, b->size - 8);
		return h + 2;
	}
	return NULL;
}

void cms_free(void *p)
{
	if (!p)
		return;
	struct blk *b = (struct blk *)((char *)p - 8);
	uint8_t z;
	if ((uint32_t)(uintptr_t)b < heap_from || (uint32_t)(uintptr_t)b >= heap_to || !in_use(b, &z))
		return; /* not ours, or freed twice: leave it */
	struct blk **pp = &free_list;
	while (*pp && *pp < b)
		pp = &(*pp)->next;
	b->next = *pp;
	*pp = b;
	if (b->next && (char *)b + b->size == (char *)b->next) {
		b->size += b->next->size;
		b->next = b->next->next;
	}
	/* merge with the one before */
	for (struct blk *q = free_list; q && q != b; q = q->next)
		if (q->next == b && (char *)q + q->size == (char *)b) {
			q->size += b->size;
			q->next = b->next;
			break;
		}
}

/* Every block in use of zone z given back.  The walk takes each block's
 * successor before freeing it: a merge leaves the headers inside the merged
 * block as they were, so the walk goes on through them as through free
 * blocks. */
void cms_heap_free_zone(uint8_t z)
{
	for (uint32_t at = heap_from; at < heap_to;) {
		struct blk *b = (struct blk *)(uintptr_t)at;
		uint8_t bz;
		if (b->size < sizeof(struct blk) || b->size > heap_to - at)
			return; /* (cannot be: the heap is damaged, leave it) */
		at += b->size;
		if (in_use(b, &bz) && bz == z)
			cms_free((char *)b + 8);
	}
}

uint32_t cms_heap_free(void)
{
	uint32_t n = 0;
	for (struct blk *b = free_list; b; b = b->next)
		n += b->size;
	return n;
}
