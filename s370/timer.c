/* timer.c — TOD clock, clock comparator, CPU timer and interval timer, all
 * driven by one host time source (GA22-7000 "Timing").
 *
 * TOD clock and CPU timer are 64-bit values whose bit 51 counts microseconds.
 * The interval timer is the word at real location 80: bit 23 is decremented
 * 300 times a second, so one unit of bit 31 is 1/76800 s.  We apply the
 * elapsed time at each service point, which the architecture allows: a
 * model may update the interval timer at lower resolution.
 */
#include <time.h>

#include "access.h"

/* Seconds from 1900-01-01 (TOD epoch) to 1970-01-01 (Unix epoch). */
#define EPOCH_1900_TO_1970 2208988800ull

uint64_t timer_host_us(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	return (uint64_t)ts.tv_sec * 1000000u + (uint64_t)ts.tv_nsec / 1000u;
}

static uint64_t tod_at(uint64_t host_us)
{
	return (host_us + EPOCH_1900_TO_1970 * 1000000u) << 12;
}

static uint64_t host_tod(void) { return tod_at(timer_host_us()); }

/* The TOD clock value, unique per call: bits beyond bit 51 make successive
 * STCKs differ even within one microsecond. */
uint64_t timer_tod(struct cpu *c)
{
	uint64_t t = host_tod() + (uint64_t)c->tod_offset;
	if (t <= c->tod_last)
		t = c->tod_last + 1;
	c->tod_last = t;
	return t;
}

void timer_set_tod(struct cpu *c, uint64_t tod)
{
	c->tod_offset = (int64_t)(tod - host_tod());
	c->tod_last = 0;
}

static int64_t cputimer_at(const struct cpu *c, uint64_t host_us)
{
	return c->cputimer - (int64_t)((host_us - c->cputimer_host) << 12);
}

int64_t timer_cputimer(struct cpu *c) { return cputimer_at(c, timer_host_us()); }

void timer_set_cputimer(struct cpu *c, int64_t v)
{
	c->cputimer = v;
	c->cputimer_host = timer_host_us();
	__atomic_fetch_and(&c->ext_pending, ~(uint32_t)EXTP_CPUTIMER, __ATOMIC_SEQ_CST);
}

static void set_pending(struct cpu *c, uint32_t bit, bool on)
{
	if (on)
		__atomic_fetch_or(&c->ext_pending, bit, __ATOMIC_SEQ_CST);
	else
		__atomic_fetch_and(&c->ext_pending, ~bit, __ATOMIC_SEQ_CST);
}

/* Interval timer units (1/76800 s) elapsed since the last update. */
static void update_interval_timer(struct cpu *c, uint64_t host_us)
{
	uint64_t now = host_us * 768 / 10000;
	if (c->itimer_host == 0 || now < c->itimer_host) {
		c->itimer_host = now;
		return;
	}
	uint64_t units = now - c->itimer_host;
	if (!units)
		return;
	c->itimer_host = now;
	uint32_t aa = real_to_abs(c, LOC_TIMER);
	if (!abs_valid(c->st, aa, 4))
		return;
	uint8_t *p = c->st->mem + aa;
	int32_t old = (int32_t)be32(p);
	int32_t new = (int32_t)((uint32_t)old - (uint32_t)units);
	put32(p, (uint32_t)new);
	if (old >= 0 && new < 0)
		set_pending(c, EXTP_ITIMER, true);
}

void timer_update(struct cpu *c)
{
	uint64_t now = timer_host_us(); /* one reading of the host clock serves all three */
	update_interval_timer(c, now);
	/* Clock comparator and CPU timer are conditions: pending while they last. */
	set_pending(c, EXTP_CLKCMP, (tod_at(now) + (uint64_t)c->tod_offset) > c->clkcmp);
	set_pending(c, EXTP_CPUTIMER, cputimer_at(c, now) < 0);
}

uint64_t timer_next_event_us(struct cpu *c)
{
	uint64_t best = UINT64_MAX;
	if (c->cr[0] & CR0_CC_MASK) {
		uint64_t tod = host_tod() + (uint64_t)c->tod_offset;
		best = c->clkcmp > tod ? (c->clkcmp - tod) >> 12 : 0;
	}
	if (c->cr[0] & CR0_CPT_MASK) {
		int64_t t = timer_cputimer(c);
		uint64_t us = t > 0 ? (uint64_t)t >> 12 : 0;
		if (us < best)
			best = us;
	}
	if (c->cr[0] & CR0_ITIMER_MASK) {
		uint32_t aa = real_to_abs(c, LOC_TIMER);
		if (abs_valid(c->st, aa, 4)) {
			int32_t v = (int32_t)be32(c->st->mem + aa);
			uint64_t us = v >= 0 ? ((uint64_t)v + 1) * 10000 / 768 : UINT64_MAX;
			if (us < best)
				best = us;
		}
	}
	return best;
}
