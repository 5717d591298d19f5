/* sched.c — which virtual machine runs next.
 *
 * CP gives the CPU to one machine at a time, for a time slice at most
 * (vtimer_slice: 10 ms, or less when the machine's own timer is due
 * sooner).  Which one: as VM/370 did, CP tells interactive machines from
 * CPU-bound ones and serves the interactive first.
 *
 *   Q1, interactive: a machine that has just been given a line its user
 *       typed (vio.c).  It keeps Q1 for Q1_TIME of CPU: enough to answer a
 *       command, not enough to compute for long.
 *   Q2, non-interactive: every other machine, and one that used up its Q1
 *       time without waiting for its user again.
 *
 * Each turn, the next runnable Q1 machine after the last one run goes
 * first; only when no Q1 machine can run does a Q2 machine get the turn,
 * round robin too.  So a user who types a command is answered after at
 * most one slice of a CPU-bound machine, however many of those there are,
 * and the CPU-bound ones share what is left evenly.  INDICATE USER shows a
 * machine's queue, INDICATE LOAD how many are in each.
 */
#include "cp.h"

enum { Q1_TIME_US = 50000 };
static int next_user;

void sched_interactive(struct vm *v)
{
	v->count.to_q1++;
	v->queue = 1;
	v->q1_left = (uint64_t)Q1_TIME_US << 12;
}

void sched_ran(struct vm *v, uint64_t tod)
{
	if (v->queue != 1)
		return;
	if (tod < v->q1_left) {
		v->q1_left -= tod;
		return;
	}
	v->queue = 2; /* computed its Q1 time away: CPU-bound for now */
	v->q1_left = 0;
}

struct user *sched_next(void)
{
	struct user *q2 = NULL;
	for (int k = 0; k < MAX_USERS; k++) {
		struct user *u = &cp_users[(next_user + k) % MAX_USERS];
		if (!u->used || !u->vm || u->vm->state != VM_RUNNING || !vm_runnable(u))
			continue;
		if (u->vm->queue == 1) {
			next_user = (int)(u - cp_users) + 1;
			return u;
		}
		if (!q2)
			q2 = u;
	}
	if (q2)
		next_user = (int)(q2 - cp_users) + 1;
	return q2;
}
