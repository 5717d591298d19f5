/* main.c — CP's start-up and its main loop.
 *
 * Start-up: find the devices (io.c), choose the operator's console, say who
 * we are, note where the user directory is (the IPL volume), and paint the
 * logo on every display that is switched on.  Then
 * the loop: handle what the devices presented by themselves, and wait — an
 * enabled wait, so that with nothing to do the machine is idle.
 */
#include "cp.h"
#include "lowcore.h"

static const char *class_name(enum rdev_class c)
{
	static const char *const names[] = {"unknown", "console", "display", "DASD", "tape",
	                                    "reader", "punch", "printer", "other"};
	return names[c];
}

void cp_program_check(void)
{
	uint16_t code = LC16(LC_PGM_CODE);
	uint32_t ia = LC32(LC_PGM_OLD + 4) & 0xFFFFFF;
	con_printf("CP program check %04X at %06X: CP stops", code, ia);
	cp_halt(0xC00000 | code);
}


void cp_main(void)
{
	load_stack_paint(); /* INDICATE LOAD shows how deep the stack went (load.c) */
	uint16_t ipldev = LC16(LC_IPL_PSW + 2);
	uint32_t storage = cp_storage_size();
	frames_init(storage);
	io_probe();
	dasd_init_volumes();
	con_init(0x009);
	con_printf("s370 CP %s: IPL from %03X, %uK real storage, %d devices", CP_VERSION, ipldev,
	           storage >> 10, cp_nrdevs);
	for (int k = 0; k < cp_nrdevs; k++) {
		struct rdev *d = &cp_rdevs[k];
		con_printf("  %03X  %04X  %s%s%s", d->addr, d->type, class_name(d->cls), d->volser[0] ? " " : "",
		           d->volser);
	}
	timer_init();
	vm_init();
	/* CP's CR0 as it stays: the interruption stubs load it back after a
	 * guest ran with its own translation format (start.S, TO_CP) */
	__asm__ volatile("stctl 0,0,%0" : "=Q"(LC32(LC_CP_CR0)));
	dir_init(io_find(ipldev));
	dir_warn_defaults();
	paging_start();
	spool_start(); /* spool.c: the spool files, warm start */
	disp_init();
	line_init();
	con_printf("%uK of real storage in %u frames for virtual machines", frames_total() * 4, frames_total());
	con_printf("CP ready");
	for (;;) {
		bool any = timer_run();
		for (struct rdev *d; (d = io_next_pending());) {
			uint8_t st = d->pending;
			d->pending = 0;
			any = true;
			if (d->cls == RDEV_DISPLAY)
				disp_event(d, st);
			else if (d->cls == RDEV_CONSOLE)
				line_event(d, st);
			else if (d->cls == RDEV_READER)
				spool_real_event(d, st); /* cards in the real reader: spool_real.c */
		}
		/* a virtual machine gets a turn (a time slice at most): the one
		 * the scheduler picks, interactive ones first (sched.c) */
		struct user *u = sched_next();
		if (u) {
			vm_run(u);
			any = true;
			if (u->vm && u->vm->state != VM_RUNNING && u->term)
				term_status(u->term);
		}
		disp_update();
		if (!any) { /* nothing to do: the CPU waits, and the host sleeps (INDICATE LOAD counts it) */
			uint64_t t0 = cp_tod();
			cp_wait();
			load_idle(cp_tod() - t0);
		}
	}
}
