/* timer.c — things CP must do later: a list of deadlines on the TOD clock,
 * and the clock comparator set to the nearest one.
 *
 * The clock comparator (GA22-7000, "Clock Comparator") makes an external
 * interruption, code X'1004', when the TOD clock passes the value CP set
 * with SET CLOCK COMPARATOR, if CR0 bit 20 allows it.  The interruption
 * only notes that a deadline passed; timer_run, in CP's main loop, calls
 * what is due and sets the comparator to the next deadline (or to the end
 * of time, so that no interruption stays pending).
 */
#include "cp.h"
#include "lowcore.h"

/* Deadlines wait in a heap ordered by time (the nearest at heap[0]), so
 * adding, cancelling and running one costs a few steps however many there
 * are: with hundreds of users each may have one (MORE..., SLEEP, a guest's
 * clock comparator).  A timer's id is its slot, which knows its place in
 * the heap for timer_cancel. */
enum { MAX_TIMERS = 2048 };
static struct {
	uint64_t at;
	void (*fn)(void *);
	void *arg;
	int pos; /* in heap[], or -1: the slot is free */
} timers[MAX_TIMERS];
static uint16_t heap[MAX_TIMERS];
static int nheap;
static int slots_used;             /* slots 0 .. slots_used-1 have been used ... */
static uint16_t free_ids[MAX_TIMERS]; /* ... those of them free again */
static int nfree_ids;
static volatile bool fired;

static void set_comparator(uint64_t at)
{
	__asm__ volatile("sckc %0" : : "Q"(at) : "memory");
}

void timer_init(void)
{
	uint32_t cr0;
	__asm__ volatile("stctl 0,0,%0" : "=Q"(cr0));
	cr0 = (cr0 & ~0xE0u) | 0xC00u; /* clock comparator and CPU timer on; interval timer, key, signal off */
	__asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
	set_comparator(~0ull);
	uint64_t far = 0x7FFFFFFFFFFFFFFFull;
	__asm__ volatile("spt %0" : : "Q"(far));
}

/* TOD clock units (bit 51 = 1 microsecond) in ms milliseconds. */
static uint64_t tod_ms(uint32_t ms)
{
	return ((uint64_t)ms * 1000u) << 12;
}

static void place(int pos, uint16_t id)
{
	heap[pos] = id;
	timers[id].pos = pos;
}

static void sift_up(int pos)
{
	uint16_t id = heap[pos];
	while (pos > 0 && timers[heap[(pos - 1) / 2]].at > timers[id].at) {
		place(pos, heap[(pos - 1) / 2]);
		pos = (pos - 1) / 2;
	}
	place(pos, id);
}

static void sift_down(int pos)
{
	uint16_t id = heap[pos];
	for (;;) {
		int c = 2 * pos + 1;
		if (c >= nheap)
			break;
		if (c + 1 < nheap && timers[heap[c + 1]].at < timers[heap[c]].at)
			c++;
		if (timers[heap[c]].at >= timers[id].at)
			break;
		place(pos, heap[c]);
		pos = c;
	}
	place(pos, id);
}

/* Take the timer at heap position pos out of the heap; its slot is free. */
static void remove_at(int pos)
{
	uint16_t id = heap[pos];
	timers[id].pos = -1;
	free_ids[nfree_ids++] = id;
	if (--nheap > pos) {
		place(pos, heap[nheap]);
		sift_up(pos);
		sift_down(timers[heap[pos]].pos);
	}
}

static void arm(void)
{
	set_comparator(nheap ? timers[heap[0]].at : ~0ull);
}

int timer_add(uint32_t ms, void (*fn)(void *), void *arg)
{
	int id;
	if (nfree_ids)
		id = free_ids[--nfree_ids];
	else if (slots_used < MAX_TIMERS)
		id = slots_used++;
	else
		return -1;
	timers[id].at = cp_tod() + tod_ms(ms);
	timers[id].fn = fn;
	timers[id].arg = arg;
	place(nheap++, (uint16_t)id);
	sift_up(nheap - 1);
	arm();
	return id;
}

void timer_cancel(int id)
{
	if (id >= 0 && id < slots_used && timers[id].pos >= 0)
		remove_at(timers[id].pos);
	arm();
}

/* From the external stub: which interruption is in the old PSW's code. */
void cp_ext_interrupt(void)
{
	uint16_t code = LC16(LC_EXT_CODE);
	if (code == 0x1004) { /* clock comparator: quiet it; timer_run sets it again */
		set_comparator(~0ull);
		fired = true;
	} else if (code == 0x1005) { /* CPU timer: a guest's time slice ended (vmrun.c); quiet it */
		uint64_t far = 0x7FFFFFFFFFFFFFFFull;
		__asm__ volatile("spt %0" : : "Q"(far));
	}
}

bool timer_run(void)
{
	if (!fired)
		return false;
	fired = false;
	uint64_t now = cp_tod();
	bool any = false;
	while (nheap && timers[heap[0]].at <= now) {
		uint16_t id = heap[0];
		remove_at(0);
		timers[id].fn(timers[id].arg); /* (it may add or cancel timers) */
		any = true;
	}
	arm();
	return any;
}
