/* heap.c — CMS's free storage: from the end of the nucleus to the top of
 * the virtual machine's storage (DIAGNOSE X'60' said how much there is).
 * First fit over a list of blocks kept in address order; neighbours merge
 * when freed.  Every block carries its size in the 8 bytes before it. */
#include "nucleus.h"

struct blk {
	uint32_t size; /* bytes, this header included; a multiple of 8 */
	struct blk *next;
};
static struct blk *free_list;

void cms_heap_init(uint32_t from, uint32_t to)
{
	from = (from + 7) & ~7u;
	free_list = (struct blk *)(uintptr_t)from;
	free_list->size = (to - from) & ~7u;
	free_list->next = NULL;
}

void *cms_alloc(size_t n)
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
		h[1] = 0xC3D4E2C8u; /* "CMSH": a block in use */
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
	if (((uint32_t *)b)[1] != 0xC3D4E2C8u)
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

uint32_t cms_heap_free(void)
{
	uint32_t n = 0;
	for (struct blk *b = free_list; b; b = b->next)
		n += b->size;
	return n;
}
