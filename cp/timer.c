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

enum { MAX_TIMERS = 64 };
static struct {
	bool used;
	uint64_t at;
	void (*fn)(void *);
	void *arg;
} timers[MAX_TIMERS];
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

static void arm(void)
{
	uint64_t next = ~0ull;
	for (int k = 0; k < MAX_TIMERS; k++)
		if (timers[k].used && timers[k].at < next)
			next = timers[k].at;
	set_comparator(next);
}

int timer_add(uint32_t ms, void (*fn)(void *), void *arg)
{
	for (int k = 0; k < MAX_TIMERS; k++)
		if (!timers[k].used) {
			timers[k].used = true;
			timers[k].at = cp_tod() + tod_ms(ms);
			timers[k].fn = fn;
			timers[k].arg = arg;
			arm();
			return k;
		}
	return -1;
}

void timer_cancel(int id)
{
	if (id >= 0 && id < MAX_TIMERS)
		timers[id].used = false;
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
	for (int k = 0; k < MAX_TIMERS; k++)
		if (timers[k].used && timers[k].at <= now) {
			timers[k].used = false;
			timers[k].fn(timers[k].arg);
			any = true;
		}
	arm();
	return any;
}
