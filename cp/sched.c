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
 * first; only when no Q1 machine can run does a Q2 machine get the turn.
 * So a user who types a command is answered after at most one slice of a
 * CPU-bound machine, however many of those there are.
 *
 * Among Q2 machines the CPU is shared by their shares (SET SHARE userid n,
 * class A; 100 each at LOGON), by stride scheduling: each machine's pass
 * grows by the CPU time it used divided by its share, and the runnable one
 * with the smallest pass goes next.  Two CPU-bound machines of shares 300
 * and 100 get three quarters and one quarter of what Q1 leaves.  A machine
 * that waited (for its user, a timer) comes back with at most one slice of
 * credit: waiting is not saved up to be spent in a burst.
 *
 * SET FAVORED userid [n] (class A) puts a machine before the other Q2
 * machines for as long as it has used less than n percent of the CPU in
 * the current second (100 when n is left out: always first) -- VM/370's
 * way of keeping a production guest responsive on a busy system.
 *
 * The dispatch list and the eligible list (VM/370's thrashing control): a
 * machine runs only while it is in the dispatch list.  Interactive (Q1)
 * machines always enter it.  A Q2 machine enters when its projected working
 * set -- the pages it had resident when it last left, and those it faulted
 * in during that stay -- fits in real
 * storage beside those of the machines already there; otherwise it waits
 * in the eligible list, and its pages are not stolen from under the others
 * by its faults.  A machine leaves when it waits (for its user, a timer) or
 * when its stay (STAY_MS of CPU in Q2) is over, so the held ones get their
 * turn: on an overcommitted system big machines run one after another, each
 * with its pages, instead of all at once taking each other's.
 *
 * INDICATE USER shows a machine's queue, CPU time, share and pass, its list
 * and how often it was held; INDICATE LOAD how many are in each queue and list.
 */
#include "cp.h"

enum { Q1_TIME_US = 50000 };
enum { SLICE_CREDIT = 10000 };  /* a returning machine's credit at most: one 10 ms slice at share 100 */
enum { WINDOW = 977 };          /* FAVORED's second, in units of 1.024 ms (TOD bit 41) */
static int next_user;
static uint32_t vt;             /* the pass of the Q2 machine run last: Q2's time */
enum { STAY_MS = 200 };         /* a Q2 machine's stay in the dispatch list, in CPU time */
static uint32_t dispatch_ws, ndispatched; /* the dispatch list: working sets, machines */

static uint32_t resident(const struct vm *v)
{
	uint32_t n = 0;
	for (uint32_t p = 0; p < v->pages; p++)
		n += !(v->pt[p] & 0x0008);
	return n;
}

/* Its working set, projected for next time: the pages it has now and the
 * ones it had to fault in during its stay (taken from others, or from it by
 * others: either way pages it needed). */
static void leave(struct vm *v)
{
	v->dispatched = false;
	dispatch_ws -= v->ws;
	ndispatched--;
	uint32_t ws = resident(v) + (v->count.faults - v->faults_in);
	v->ws = ws < v->pages ? ws : v->pages;
}

/* Into the dispatch list: false when it must wait (eligible). */
static bool enter(struct vm *v)
{
	if (v->queue != 1 && ndispatched && dispatch_ws + v->ws > frames_total()) {
		v->held++;
		return false;
	}
	v->dispatched = true;
	dispatch_ws += v->ws;
	ndispatched++;
	v->stay = (uint64_t)STAY_MS * 1000u << 12;
	v->faults_in = v->count.faults;
	return true;
}

static uint32_t now_units(void) { return (uint32_t)(cp_tod() >> 22); }

void sched_logon(struct vm *v)
{
	v->share = 100;
	v->favored = 0;
	v->pass = vt;
	v->fav_used = 0;
	v->fav_window = now_units();
	v->ws = 1; /* page 0 */
}

void sched_logoff(struct vm *v)
{
	if (v->dispatched)
		leave(v);
}

void sched_lists(uint32_t *dispatched, uint32_t *eligible)
{
	*dispatched = ndispatched;
	*eligible = 0;
	for (int k = 0; k < MAX_USERS; k++) {
		struct user *u = &cp_users[k];
		*eligible += u->used && u->vm && !u->vm->dispatched && u->vm->state == VM_RUNNING && vm_runnable(u);
	}
}

void sched_interactive(struct vm *v)
{
	v->count.to_q1++;
	v->queue = 1;
	v->q1_left = (uint64_t)Q1_TIME_US << 12;
}

void sched_ran(struct vm *v, uint64_t tod)
{
	uint64_t us64 = tod >> 12;
	uint32_t us = us64 > 0x7FFFFFFF ? 0x7FFFFFFF : (uint32_t)us64;
	uint32_t share = v->share ? v->share : 100;
	v->pass += us / share * 100 + us % share * 100 / share;
	uint32_t now = now_units();
	if (now - v->fav_window >= WINDOW) { /* a new second for FAVORED */
		v->fav_window = now;
		v->fav_used = 0;
	}
	v->fav_used += us;
	if (v->queue != 1) {
		if (v->dispatched && (v->stay = v->stay > tod ? v->stay - tod : 0) == 0)
			leave(v); /* its stay is over: the eligible get their turn */
		return;
	}
	if (tod < v->q1_left) {
		v->q1_left -= tod;
		return;
	}
	v->queue = 2; /* computed its Q1 time away: CPU-bound for now */
	v->q1_left = 0;
}

/* A favored machine still under its percentage of this second. */
static bool favored_now(struct vm *v)
{
	if (!v->favored)
		return false;
	uint32_t now = now_units();
	if (now - v->fav_window >= WINDOW)
		return true; /* (its second is over: a new one begins when it runs) */
	return v->fav_used < (uint32_t)v->favored * 10000u; /* n% of 1 s, in microseconds */
}

struct user *sched_next(void)
{
	struct user *q2 = NULL, *fav = NULL;
	for (int k = 0; k < MAX_USERS; k++) {
		struct user *u = &cp_users[(next_user + k) % MAX_USERS];
		if (!u->used || !u->vm)
			continue;
		struct vm *v = u->vm;
		if (v->state != VM_RUNNING || !vm_runnable(u)) {
			if (v->dispatched) /* it waits: out of the dispatch list, its working set measured */
				leave(v);
			continue;
		}
		if (!v->dispatched && !enter(v))
			continue; /* eligible: real storage is full of the dispatched machines' pages */
		if (v->queue == 1) {
			next_user = (int)(u - cp_users) + 1;
			return u;
		}
		if (!fav && favored_now(v))
			fav = u;
		if ((int32_t)(vt - SLICE_CREDIT - v->pass) > 0) /* waited: one slice of credit at most */
			v->pass = vt - SLICE_CREDIT;
		if (!q2 || (int32_t)(v->pass - q2->vm->pass) < 0)
			q2 = u;
	}
	if (fav)
		q2 = fav;
	if (q2) {
		next_user = (int)(q2 - cp_users) + 1;
		if ((int32_t)(q2->vm->pass - vt) > 0)
			vt = q2->vm->pass;
	}
	return q2;
}

/* SET SHARE userid n | SET FAVORED userid [n|OFF] (class A). */
void sched_set(struct user *u, const char *what, char *rest)
{
	bool share = what[0] == 'S';
	char *id = cmd_word(&rest), *n = cmd_word(&rest);
	if (!cmd_allowed(u, share ? "SET SHARE" : "SET FAVORED", "A"))
		return;
	if (!id || cmd_word(&rest) || (share && !n)) {
		user_printf(u, "S37CST026E Operand missing or invalid (SET %s)",
		            share ? "SHARE userid 1-10000" : "FAVORED userid [1-100|OFF]");
		return;
	}
	cp_upper(id);
	struct user *of = user_find(id);
	if (!of || !of->vm) {
		user_printf(u, "S37CST045E %s not logged on", id);
		return;
	}
	uint32_t val = 0;
	bool off = n && !strcmp(n, "OFF");
	for (const char *p = n; p && *p && !off; p++)
		val = *p >= '0' && *p <= '9' && val < 100000 ? val * 10 + (uint32_t)(*p - '0') : 100001;
	if (share && (val < 1 || val > 10000)) {
		user_printf(u, "S37CST026E Operand missing or invalid (SET SHARE %s 1-10000)", id);
		return;
	}
	if (!share && n && !off && (val < 1 || val > 100)) {
		user_printf(u, "S37CST026E Operand missing or invalid (SET FAVORED %s 1-100|OFF)", id);
		return;
	}
	if (share)
		of->vm->share = (uint16_t)val;
	else
		of->vm->favored = (uint8_t)(off ? 0 : n ? val : 100);
	con_printf("SET %s %s %s BY %s", share ? "SHARE" : "FAVORED", id, n ? n : "100", u->id);
}

void sched_indicate(struct user *u, const struct vm *v)
{
	uint64_t eighths = v->cpu_tod >> 15; /* units of 8 microseconds: 125 a millisecond */
	uint32_t ms = eighths > 0xFFFFFFFFu ? 0xFFFFFFFFu : (uint32_t)eighths / 125;
	char fav[24] = "";
	if (v->favored)
		cp_format(fav, sizeof fav, ", FAVORED %u%%", v->favored);
	user_printf(u, "CPU TIME=%u MS, SHARE=%u%s, PASS=%u", ms, v->share, fav, v->pass);
	user_printf(u, "LIST=%s, WORKING SET=%u PAGES, HELD ELIGIBLE %u TIMES", v->dispatched ? "DISPATCH" : "NONE",
	            v->ws, v->held);
}
