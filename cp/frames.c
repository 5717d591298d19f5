/* frames.c — real storage: CP's nucleus at the bottom, page frames (4K)
 * above it, given to virtual machines.
 *
 * Each virtual machine gets its storage as one run of contiguous frames for
 * now, found first-fit in a map of one bit per frame.  (Paging, which lets
 * virtual storage exceed real storage, comes with issue 8/9; the map is
 * where page frames will be taken and given back one at a time.)
 */
#include "cp.h"

enum { MAX_FRAMES = 4096 }; /* 16M of 4K frames: all a 24-bit address reaches */
static uint8_t used[MAX_FRAMES / 8];
static uint32_t first_frame, nframes, nfree;
extern char _end[];

static bool is_used(uint32_t f) { return used[f >> 3] & (1u << (f & 7)); }
static void mark(uint32_t f, bool on)
{
	if (on)
		used[f >> 3] |= (uint8_t)(1u << (f & 7));
	else
		used[f >> 3] &= (uint8_t)~(1u << (f & 7));
}

void frames_init(uint32_t storage_bytes)
{
	first_frame = ((uint32_t)(uintptr_t)_end + 4095) >> 12;
	nframes = storage_bytes >> 12;
	if (nframes > MAX_FRAMES)
		nframes = MAX_FRAMES;
	nfree = nframes > first_frame ? nframes - first_frame : 0;
}

uint32_t frames_alloc(uint32_t n)
{
	for (uint32_t f = first_frame; f + n <= nframes; f++) {
		uint32_t k = 0;
		while (k < n && !is_used(f + k))
			k++;
		if (k == n) {
			for (k = 0; k < n; k++)
				mark(f + k, true);
			nfree -= n;
			return f << 12;
		}
		f += k; /* skip past the used frame */
	}
	return 0;
}

void frames_free(uint32_t addr, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++)
		mark((addr >> 12) + k, false);
	nfree += n;
}

uint32_t frames_free_count(void) { return nfree; }
uint32_t frames_total(void) { return nframes > first_frame ? nframes - first_frame : 0; }
