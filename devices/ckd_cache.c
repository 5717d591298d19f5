/* ckd_cache.c — the recently used tracks of a CKD device (ckd_cache.h).
 *
 * A table from track number to slot makes a lookup one array access; a
 * miss scans the slots for the least recently used one, which costs far
 * less than the host read that follows it. */
#include <stdlib.h>

#include "ckd_cache.h"

int ckd_cache_init(struct ckd_cache *c, uint32_t trksize, uint32_t tracks)
{
	*c = (struct ckd_cache){.trksize = trksize, .tracks = tracks};
	uint32_t n = trksize ? CKD_CACHE_BYTES / trksize : 0;
	if (n > tracks)
		n = tracks;
	if (n < CKD_CACHE_MIN_SLOTS)
		n = CKD_CACHE_MIN_SLOTS; /* the current track and the one being loaded */
	c->nslots = n;
	c->slot_of = malloc((size_t)tracks * sizeof *c->slot_of);
	c->slot = calloc(n, sizeof *c->slot);
	if (!c->slot_of || !c->slot) {
		ckd_cache_free(c);
		return -1;
	}
	for (uint32_t t = 0; t < tracks; t++)
		c->slot_of[t] = -1;
	return 0;
}

void ckd_cache_free(struct ckd_cache *c)
{
	if (c->slot)
		for (uint32_t s = 0; s < c->nalloc; s++)
			free(c->slot[s].buf);
	free(c->slot);
	free(c->slot_of);
	*c = (struct ckd_cache){0};
}

uint8_t *ckd_cache_get(struct ckd_cache *c, uint32_t trk)
{
	if (trk >= c->tracks || c->slot_of[trk] < 0) {
		c->misses++;
		return NULL;
	}
	struct ckd_cache_slot *s = &c->slot[c->slot_of[trk]];
	s->stamp = ++c->clock;
	c->hits++;
	return s->buf;
}

uint8_t *ckd_cache_claim(struct ckd_cache *c, uint32_t trk)
{
	if (trk >= c->tracks)
		return NULL;
	ckd_cache_drop(c, trk);
	uint32_t i;
	if (c->nalloc < c->nslots) {
		i = c->nalloc;
		if (!(c->slot[i].buf = malloc(c->trksize)))
			return NULL;
		c->nalloc++;
	} else {
		i = 0;
		for (uint32_t s = 1; s < c->nalloc; s++)
			if (c->slot[s].stamp < c->slot[i].stamp)
				i = s;
		if (c->slot_of[c->slot[i].trk] == (int32_t)i)
			c->slot_of[c->slot[i].trk] = -1;
	}
	c->slot[i].trk = trk;
	c->slot[i].stamp = ++c->clock;
	c->slot_of[trk] = (int32_t)i;
	return c->slot[i].buf;
}

void ckd_cache_drop(struct ckd_cache *c, uint32_t trk)
{
	if (trk < c->tracks && c->slot_of[trk] >= 0) {
		c->slot[c->slot_of[trk]].stamp = 0; /* first to be reused */
		c->slot_of[trk] = -1;
	}
}

void ckd_cache_clear(struct ckd_cache *c)
{
	for (uint32_t s = 0; s < c->nalloc; s++) {
		if (c->slot_of[c->slot[s].trk] == (int32_t)s)
			c->slot_of[c->slot[s].trk] = -1;
		c->slot[s].stamp = 0;
	}
}
