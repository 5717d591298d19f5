/* ckd_cache.h — the recently used tracks of one CKD device, kept in
 * memory so that a program going back to a track it read lately (an OS
 * reading a VTOC, a directory, or a data set again) costs no host read.
 *
 * The cache holds the volume as the device sees it (base and shadow files
 * together), above the image formats: it knows nothing of files.  It is
 * exact because every change of a track goes through the device, which
 * writes through to the image first and keeps the cached copy equal to
 * what it wrote; whatever changes the image from outside the device's
 * commands (sf-, sf+, sfc, a failed write) clears it (ckd_cache_clear,
 * ckd_cache_drop).
 */
#ifndef DEVICES_CKD_CACHE_H
#define DEVICES_CKD_CACHE_H

#include <stdint.h>

/* The memory budget per device.  8 MB is 431 tracks of a 3350 (14
 * cylinders), 176 of a 3380: the working set of a CMS minidisk or an OS
 * catalog and VTOC with its busiest data sets, while a system of twenty
 * volumes still spends only what a 1980 machine had as main storage.
 * Slots are allocated as they are first used: a device that reads few
 * tracks costs few. */
enum { CKD_CACHE_BYTES = 8 << 20, CKD_CACHE_MIN_SLOTS = 2 };

struct ckd_cache_slot {
	uint8_t *buf;   /* trksize bytes, or NULL until first used */
	uint32_t trk;   /* the track it holds (valid when slot_of[trk] names it) */
	uint64_t stamp; /* last use: the slot with the smallest goes first */
};

struct ckd_cache {
	uint32_t trksize, tracks;
	uint32_t nslots;  /* capacity */
	uint32_t nalloc;  /* slots whose buffer exists */
	int32_t *slot_of; /* per track: its slot, or -1 */
	struct ckd_cache_slot *slot;
	uint64_t clock;
	unsigned long hits, misses;
};

/* 0, or -1 (out of memory). */
int ckd_cache_init(struct ckd_cache *c, uint32_t trksize, uint32_t tracks);
void ckd_cache_free(struct ckd_cache *c);
/* The cached image of track trk (trksize bytes, the caller may change it
 * in place when it writes the same bytes to the image), or NULL. */
uint8_t *ckd_cache_get(struct ckd_cache *c, uint32_t trk);
/* A buffer that now stands for track trk, for the caller to fill: a free
 * slot or the least recently used one.  The caller drops it when the fill
 * fails.  NULL: out of memory. */
uint8_t *ckd_cache_claim(struct ckd_cache *c, uint32_t trk);
/* Forget track trk (its copy may differ from the image). */
void ckd_cache_drop(struct ckd_cache *c, uint32_t trk);
/* Forget every track. */
void ckd_cache_clear(struct ckd_cache *c);

#endif
