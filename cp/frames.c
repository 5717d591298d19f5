/* frames.c — real storage: CP's nucleus at the bottom, page frames (4K)
 * above it, given to virtual machines.
 *
 * A map of one bit per frame says which are in use.  A virtual machine's
 * pages are single frames anywhere (frames_get: the search goes on from
 * where the last one was found, so taking a whole machine's pages is one
 * pass over the map); its tables are a few contiguous frames (frames_alloc,
 * first fit).  frames_get goes from the top of storage down, so a machine's
 * page n+1 is normally *below* its page n: anything in CP that forgot that
 * a guest's storage is contiguous only page by page (a channel program's
 * data area across a page boundary, say) goes wrong at once, in the tests,
 * not one day by chance.  Paging, which lets virtual storage exceed real storage, will
 * take and give back frames here one at a time too.
 */
#include "cp.h"

enum { MAX_FRAMES = 4096 }; /* 16M of 4K frames: all a 24-bit address reaches */
static uint8_t used[MAX_FRAMES / 8];
static uint32_t first_frame, nframes, nfree, rover;
static uint32_t reserve; /* frames_get leaves these for CP's own structures (heap.c) */
/* Whose page each frame holds (paging.c's clock goes round them): NULL for a
 * free frame and for the frames of CP's own tables. */
static struct {
	struct vm *vm;
	uint16_t page;
} owner[MAX_FRAMES];
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

/* n contiguous free frames, first fit from the bottom (CP's own tables and
 * structures collect there, the guests' pages come from the top). */
static uint32_t first_fit(uint32_t n)
{
	for (uint32_t f = first_frame; f + n <= nframes; f++) {
		uint32_t k = 0;
		while (k < n && !is_used(f + k))
			k++;
		if (k == n)
			return f;
		f += k; /* skip past the used frame */
	}
	return 0;
}

/* Frame f is free, or holds a guest page that paging.c could move out. */
static bool movable(uint32_t f)
{
	return !is_used(f) || (owner[f].vm && owner[f].page && !owner[f].vm->fixed[owner[f].page]);
}

uint32_t frames_alloc(uint32_t n)
{
	uint32_t f = first_fit(n);
	if (!f) { /* storage is full of guests' pages: page out a run of them */
		for (uint32_t g = first_frame; !f && g + n <= nframes; g++) {
			uint32_t k = 0;
			while (k < n && movable(g + k))
				k++;
			if (k < n) {
				g += k;
				continue;
			}
			for (k = 0; k < n && (!is_used(g + k) || page_evict(g + k)); k++)
				;
			if (k == n)
				f = g;
		}
		if (!f)
			return 0;
	}
	for (uint32_t k = 0; k < n; k++)
		mark(f + k, true);
	nfree -= n;
	return f << 12;
}

void frames_free(uint32_t addr, uint32_t n)
{
	for (uint32_t k = 0; k < n; k++) {
		mark((addr >> 12) + k, false);
		owner[(addr >> 12) + k].vm = NULL;
	}
	nfree += n;
}

void frames_set_owner(uint32_t frame, struct vm *v, uint32_t page)
{
	owner[frame].vm = v;
	owner[frame].page = (uint16_t)page;
}

bool frames_owner(uint32_t frame, struct vm **v, uint32_t *page)
{
	*v = owner[frame].vm;
	*page = owner[frame].page;
	return *v != NULL;
}

/* With a paging area, a guest's page fault can always be served by stealing
 * a frame (paging.c); CP's own structures cannot be paged.  So frames_get
 * stops short of the last n free frames, and a LOGON finds storage for its
 * console and machine even when guests' pages fill the rest. */
void frames_reserve(uint32_t n) { reserve = n; }

uint32_t frames_first(void) { return first_frame; }
uint32_t frames_limit(void) { return nframes; }

uint32_t frames_free_count(void) { return nfree; }
uint32_t frames_total(void) { return nframes > first_frame ? nframes - first_frame : 0; }

uint32_t frames_get(void)
{
	if (nfree <= reserve)
		return 0;
	if (rover <= first_frame || rover >= nframes)
		rover = nframes - 1;
	while (is_used(rover))
		rover = rover > first_frame ? rover - 1 : nframes - 1;
	mark(rover, true);
	nfree--;
	uint32_t a = rover << 12;
	memset((void *)(uintptr_t)a, 0, 4096);
	return a;
}
