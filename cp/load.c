/* load.c — INDICATE LOAD: how busy the system is.
 *
 * CP knows when the (emulated) CPU has nothing to do: the main loop then
 * waits (main.c calls load_idle with the time it waited).  INDICATE LOAD
 * reports, over the time since the previous INDICATE LOAD (or CP's first
 * wait after IPL), the share of that time the CPU was busy (CP and the
 * virtual machines), the paging rate (page-ins and page-outs a second,
 * paging.c), the users logged on and how many of their machines are
 * running, and how full real storage and the paging area are.
 */
#include "cp.h"

/* How deep CP's stack has been (INDICATE LOAD): at start-up the unused
 * part is filled with a pattern; the lowest word no longer holding it is
 * the deepest the stack went.  A stack that overflowed would write over
 * whatever lies below it, silently: this shows how close it came. */
extern char cp_stack_bottom[], cp_stack_top[];
enum { STACK_PATTERN = 0x5A };

void load_stack_paint(void)
{
	uintptr_t sp = (uintptr_t)__builtin_frame_address(0) - 512; /* below this function's frame, with room */
	for (char *p = cp_stack_bottom; (uintptr_t)p < sp; p++)
		*p = STACK_PATTERN;
}

static uint32_t stack_used(void)
{
	const char *p = cp_stack_bottom;
	while (p < cp_stack_top && *p == STACK_PATTERN)
		p++;
	return (uint32_t)(cp_stack_top - p);
}

static uint64_t idle_tod, last_tod, last_idle;
static uint32_t last_pages;

void load_idle(uint64_t tod)
{
	if (!last_tod) /* the first wait, right after IPL: the measuring starts */
		last_tod = cp_tod() - tod;
	idle_tod += tod;
}

void indicate_load(struct user *u)
{
	uint64_t now = cp_tod();
	if (!last_tod)
		last_tod = now - 1;
	struct paging_stats ps;
	paging_stats(&ps);
	/* in milliseconds, 32 bits (CP has no 64-bit division) */
	uint32_t ms = (uint32_t)((now - last_tod) >> 12) / 1000, idle = (uint32_t)((idle_tod - last_idle) >> 12) / 1000;
	uint32_t busy_ms = idle >= ms ? 0 : ms - idle, pages = ps.pageins + ps.pageouts, d = pages - last_pages;
	uint32_t busy = !ms ? 0 : busy_ms < 40000000u ? busy_ms * 100 / ms : busy_ms / (ms / 100);
	uint32_t rate = !ms ? 0 : d < 4000000u ? d * 1000 / ms : d / (ms / 1000 + 1);
	int users = 0, running = 0, q1 = 0;
	for (int k = 0; k < MAX_USERS; k++)
		if (cp_users[k].used) {
			users++;
			if (cp_users[k].vm && cp_users[k].vm->state == VM_RUNNING) {
				running++;
				q1 += cp_users[k].vm->queue == 1;
			}
		}
	uint32_t total = frames_total(), used = total - frames_free_count();
	user_printf(u, "CPU-%03u%% PAGING-%u/SEC USERS-%u RUNNING-%u Q1-%u Q2-%u OVER %u.%03u SEC", busy, rate, users,
	            running, q1, running - q1, ms / 1000, ms % 1000);
	user_printf(u, "STORAGE-%03u%% OF %uK, PAGING AREA-%03u%% OF %u PAGES, PAGE-INS %u, PAGE-OUTS %u",
	            total ? used * 100 / total : 0, total * 4, ps.slots ? (ps.slots - ps.slots_free) * 100 / ps.slots : 0,
	            ps.slots, ps.pageins, ps.pageouts);
	uint32_t ndisp, nelig;
	sched_lists(&ndisp, &nelig);
	user_printf(u, "DISPATCH LIST-%u, ELIGIBLE LIST-%u", ndisp, nelig);
	user_printf(u, "CP STACK-%u OF %u BYTES AT MOST", stack_used(), (uint32_t)(cp_stack_top - cp_stack_bottom));
	last_tod = now;
	last_idle = idle_tod;
	last_pages = pages;
}
