/* vtimer.c — the virtual machine's timers: its clock comparator and CPU
 * timer, and the external interruptions they make.
 *
 * The guest's SET CLOCK COMPARATOR, SET CPU TIMER and their STOREs are
 * privileged, so they come to CP (vmrun.c passes them here), which keeps the
 * values in struct vm.  The clock comparator compares with the real TOD
 * clock; the CPU timer decrements with the TOD clock from when it was set
 * (as VM/370's REALTIMER option).  Before each dispatch vmrun.c asks
 * vtimer_pending whether one of them wants an external interruption the
 * guest is enabled for; when the guest waits, vtimer_arm sets a deadline of
 * CP's own (timer.c) so that CP wakes when the guest's timer is due.
 */
#include "cp.h"

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
	uint64_t now = cp_tod();
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
	case 0x08: /* SPT: decrements with the TOD clock from now on */
		v->cpt = x;
		v->cpt_set = now;
		break;
	case 0x09: /* STPT */
		x = v->cpt - (now - v->cpt_set);
		break;
	}
	if (b[1] == 0x07 || b[1] == 0x09) {
		for (int k = 7; k >= 0; k--, x >>= 8)
			p[k] = (uint8_t)x;
		vm_store(v, a, p, 8);
	}
	return true;
}

/* The external interruption the guest's timers have pending and it is
 * enabled for: X'1004' clock comparator, X'1005' CPU timer; 0: none.  PSW
 * bit 7 and CR0 bits 20 and 21 enable them. */
uint16_t vtimer_pending(const struct vm *v)
{
	if (!(v->psw[0] & 0x01))
		return 0;
	uint64_t now = cp_tod();
	if ((v->cr[0] & 0x800) && v->ckc && now >= v->ckc)
		return 0x1004;
	if ((v->cr[0] & 0x400) && (int64_t)(v->cpt - (now - v->cpt_set)) < 0)
		return 0x1005;
	return 0;
}

/* When the guest waits for its clock comparator or CPU timer, CP must wake
 * then: a timer of CP's own at the nearest deadline (the loop does the rest). */
static void wake(void *arg)
{
	((struct vm *)arg)->timer_id = -1;
}

void vtimer_arm(struct vm *v)
{
	if (v->timer_id >= 0 || !(v->psw[0] & 0x01))
		return;
	uint64_t at = ~0ull;
	if ((v->cr[0] & 0x800) && v->ckc)
		at = v->ckc;
	if (v->cr[0] & 0x400) {
		uint64_t t = v->cpt_set + v->cpt;
		if ((int64_t)v->cpt < 0)
			t = v->cpt_set;
		if (t < at)
			at = t;
	}
	if (at != ~0ull)
		v->timer_id = timer_add(cp_ms_until(at), wake, v);
}

void vtimer_ran(struct vm *v, uint64_t tod)
{
	v->cpu_tod += tod;
}

uint64_t vtimer_slice(struct vm *v)
{
	(void)v;
	return (uint64_t)10000 << 12; /* 10 ms: bit 51 is a microsecond */
}
