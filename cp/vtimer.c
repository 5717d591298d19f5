/* vtimer.c — the virtual machine's timers: its clock comparator, CPU timer
 * and interval timer, and the external interruptions they make.
 *
 * GA22-7000, "Timing Facilities":
 *   clock comparator  64 bits like the TOD clock; an interruption condition
 *                     (X'1004', CR0 bit 20) while the TOD clock is above it.
 *   CPU timer         64 bits signed, bit 51 a microsecond, counting down;
 *                     a condition (X'1005', CR0 bit 21) while it is negative.
 *   interval timer    the word at real location 80, signed, counting down:
 *                     bit 23 every 1/300 s, so bit 31 is 1/76800 s (13.02
 *                     us); a request (X'0080', CR0 bit 24) when it goes from
 *                     positive or zero to negative, pending until taken or
 *                     until a CPU reset.
 * All three are enabled by PSW bit 7 as well.
 *
 * The guest's SCKC, STCKC, SPT, STPT (and SCK) are privileged, so they come
 * here through vmrun.c; its location 80 is its own storage, which CP brings
 * up to date.  Whose time counts (VM/370's rules):
 *   - the clock comparator compares with the real TOD clock;
 *   - the CPU timer counts the machine's own time: it goes down only while
 *     the machine is dispatched (vtimer_ran), not while it waits or CP works
 *     for it.  v->cpu_tod is that time; the timer is the value set less
 *     what cpu_tod grew by since;
 *   - the interval timer follows the user's SET TIMER: ON (the default)
 *     counts the time the machine runs, REAL the time of day, in a wait
 *     too, OFF nothing.  Location 80 is updated at the end of each dispatch
 *     and, under REAL, whenever CP looks at the machine's interruptions
 *     (vtimer_pending), so before any interruption is reflected.  (A value
 *     the guest stores there during a dispatch is counted down by the whole
 *     dispatch: up to one time slice too much.)
 *
 * Dispatching: the real CPU timer ends each dispatch after vtimer_slice, at
 * most 10 ms and no later than the guest's nearest deadline it is enabled
 * for, so its interruptions come on time.  A waiting guest is woken by a CP
 * timer (timer.c) at its clock comparator, or its interval timer under
 * REAL; its CPU timer does not count in a wait, so it wakes nothing.
 *
 * Priority among pending requests (GA22-7000-4, "External Interruption"):
 * the interval timer first, then the interrupt key (EXTERNAL, cmd_oper.c;
 * external signals a virtual machine has none of), then the clock
 * comparator, then the CPU timer.
 */
#include "cp.h"

#define TOD_MS ((uint64_t)1000 << 12) /* TOD clock units in a millisecond: bit 51 is a microsecond */
enum { SLICE_MS = 10 };
/* An interval-timer unit (1/76800 s) is 4,096,000,000 / 76800 = 53,333 1/3
 * TOD units: counted exactly in thirds of a TOD unit. */
enum { IT_THIRDS = 160000 };
enum { EXT_ITIMER = 0x0080, EXT_KEY = 0x0040, EXT_CKC = 0x1004, EXT_CPT = 0x1005 };
enum { CR0_CKC = 0x800, CR0_CPT = 0x400, CR0_ITIMER = 0x80, CR0_KEY = 0x40 };

/* DIVIDE LOGICAL (64 by 32 bits, a quotient that fits in 32). */
static void dlr(uint64_t n, uint32_t d, uint32_t *q, uint32_t *r)
{
	__asm__("dlr %0,%1" : "+d"(n) : "d"(d));
	*q = (uint32_t)n;         /* the odd register */
	*r = (uint32_t)(n >> 32); /* the even one */
}

/* n / d for any 64-bit n (CP has no libgcc): the high word first. */
static uint64_t divide(uint64_t n, uint32_t d, uint32_t *rem)
{
	uint32_t qh, ql, r;
	dlr(n >> 32, d, &qh, &r);
	dlr((uint64_t)r << 32 | (uint32_t)n, d, &ql, &r);
	if (rem)
		*rem = r;
	return (uint64_t)qh << 32 | ql;
}

/* What the machine's user has SET TIMER to. */
static uint8_t timer_mode(const struct vm *v)
{
	return v->user ? v->user->set.timer : TIMER_ON;
}

static bool ext_enabled(const struct vm *v, uint32_t cr0_bit)
{
	return (v->psw[0] & 0x01) && (v->cr[0] & cr0_bit);
}

static int64_t cpu_timer(const struct vm *v)
{
	return (int64_t)(v->cpt - (v->cpu_tod - v->cpt_set));
}

static bool it_fetch(struct vm *v, uint32_t *val)
{
	uint8_t p[4];
	if (!vm_fetch(v, 80, p, 4))
		return false;
	*val = cp_get32(p);
	return true;
}

/* Count elapsed (TOD units) off the interval timer.  It goes from positive
 * or zero to negative when more units pass than its value (taken
 * unsigned, which also covers a wrap from negative through positive). */
static void it_count(struct vm *v, uint64_t elapsed)
{
	uint32_t rem, val;
	uint64_t units = divide((elapsed << 1) + elapsed + v->it_rem, IT_THIRDS, &rem);
	v->it_rem = rem;
	if (!units || !it_fetch(v, &val))
		return;
	if (units > val)
		v->it_pending = true;
	uint8_t p[4];
	cp_put32(p, val - (uint32_t)units);
	vm_store(v, 80, p, 4);
}

/* Bring the interval timer up to date: under REAL with the time of day
 * since the last update (it_tod); otherwise it_tod is cleared, so that a
 * change to REAL starts counting from then. */
static void it_real(struct vm *v, uint64_t now)
{
	if (timer_mode(v) != TIMER_REAL) {
		v->it_tod = 0;
		return;
	}
	if (v->it_tod && now > v->it_tod)
		it_count(v, now - v->it_tod);
	v->it_tod = now;
}

/* TOD units until the interval timer goes negative (0: it is negative). */
static uint64_t it_due(struct vm *v)
{
	uint32_t val;
	if (!it_fetch(v, &val) || (int32_t)val < 0)
		return 0;
	uint64_t thirds = ((uint64_t)val + 1) * IT_THIRDS - v->it_rem;
	return divide(thirds + 2, 3, NULL);
}

/* ---- the instructions ---- */

bool vtimer_simulate(struct user *u, const uint8_t *b, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t a = ((b[2] >> 4 ? v->g.gpr[b[2] >> 4] : 0) + ((uint32_t)(b[2] & 0x0F) << 8 | b[3])) & 0xFFFFFF;
	uint8_t p[8];
	if (a & 7) {
		vm_reflect_program(v, 0x06, ilc);
		return true;
	}
	if (!vm_fetch(v, a, p, 8)) {
		vm_reflect_program(v, 0x05, ilc);
		return true;
	}
	uint64_t x = 0;
	for (int k = 0; k < 8; k++)
		x = x << 8 | p[k];
	switch (b[1]) {
	case 0x04: /* SCK: the guest may not set the real clock; it is told it did */
		vm_set_cc(v, 0);
		break;
	case 0x06: /* SCKC */
		v->ckc = x;
		break;
	case 0x07: /* STCKC */
		x = v->ckc;
		break;
	case 0x08: /* SPT: counts down with the machine's own time from now on */
		v->cpt = x;
		v->cpt_set = v->cpu_tod;
		break;
	case 0x09: /* STPT: the dispatch that ended at this instruction is counted */
		x = (uint64_t)cpu_timer(v);
		break;
	}
	if (b[1] == 0x07 || b[1] == 0x09) {
		for (int k = 7; k >= 0; k--, x >>= 8)
			p[k] = (uint8_t)x;
		vm_store(v, a, p, 8);
	}
	return true;
}

/* ---- what vmrun.c asks ---- */

uint16_t vtimer_pending(struct vm *v)
{
	uint64_t now = cp_tod();
	it_real(v, now);
	if (v->it_pending && ext_enabled(v, CR0_ITIMER))
		return EXT_ITIMER;
	if (v->ext_key && ext_enabled(v, CR0_KEY)) /* EXTERNAL (cmd_oper.c): the interrupt key */
		return EXT_KEY;
	if (ext_enabled(v, CR0_CKC) && now > v->ckc)
		return EXT_CKC;
	if (ext_enabled(v, CR0_CPT) && cpu_timer(v) < 0)
		return EXT_CPT;
	return 0;
}

/* The clock comparator and CPU timer are conditions: they stay while they
 * last.  The interval timer's request is cleared by its interruption. */
uint16_t vtimer_take(struct vm *v)
{
	uint16_t code = vtimer_pending(v);
	if (code == EXT_ITIMER)
		v->it_pending = false;
	if (code == EXT_KEY)
		v->ext_key = false;
	return code;
}

void vtimer_ran(struct vm *v, uint64_t tod)
{
	v->cpu_tod += tod;
	if (timer_mode(v) == TIMER_ON)
		it_count(v, tod);
	it_real(v, cp_tod());
}

static void shorten(uint64_t *slice, uint64_t t)
{
	if (t && t < *slice)
		*slice = t;
}

uint64_t vtimer_slice(struct vm *v)
{
	uint64_t slice = SLICE_MS * TOD_MS;
	uint64_t now = cp_tod();
	if (ext_enabled(v, CR0_CKC) && v->ckc > now)
		shorten(&slice, v->ckc - now);
	if (ext_enabled(v, CR0_CPT) && cpu_timer(v) > 0)
		shorten(&slice, (uint64_t)cpu_timer(v));
	if (ext_enabled(v, CR0_ITIMER) && !v->it_pending && timer_mode(v) != TIMER_OFF)
		shorten(&slice, it_due(v));
	return slice;
}

/* A waiting guest is woken by a timer of CP's own (the loop does the rest). */
static void wake(void *arg)
{
	((struct vm *)arg)->timer_id = -1;
}

void vtimer_arm(struct vm *v)
{
	uint64_t at = ~0ull;
	if (ext_enabled(v, CR0_CKC))
		at = v->ckc;
	if (ext_enabled(v, CR0_ITIMER) && !v->it_pending && timer_mode(v) == TIMER_REAL) {
		uint64_t d = it_due(v);
		if (d && cp_tod() + d < at)
			at = cp_tod() + d;
	}
	if (at == ~0ull)
		return;
	if (v->timer_id >= 0) {
		if (v->timer_at <= at)
			return; /* one that is due sooner wakes it: the loop asks again then */
		timer_cancel(v->timer_id);
	}
	v->timer_at = at;
	v->timer_id = timer_add(cp_ms_until(at), wake, v);
}

/* Initial CPU reset (GA22-7000, "Resets"): the clock comparator and CPU
 * timer are zero, a pending interval-timer request is cleared. */
void vtimer_reset(struct vm *v)
{
	v->ckc = 0;
	v->cpt = 0;
	v->cpt_set = v->cpu_tod;
	v->it_pending = false;
	v->it_rem = 0;
	v->it_tod = 0;
}
