/* machine.h — one System/370 machine: storage, CPU, the CPU thread, settings.
 *
 * The CPU runs in its own thread.  While the CPU is stopped the thread sleeps
 * on a condition variable; start, restart and IPL wake it to call cpu_run(),
 * which returns when the CPU stops again (stop request, disabled wait).
 * Operator functions (commands) run on the main thread and only change CPU
 * state while the CPU is stopped, except those the architecture lets an
 * operator do at any time (restart, interrupt key, storage alter).
 */
#ifndef S370_MACHINE_H
#define S370_MACHINE_H

#include <pthread.h>
#include <stdbool.h>

#include "config.h"
#include "cpu.h"

struct machine;
struct chan_subsys;

/* Called on the CPU thread when the CPU stops by itself (not by stop,
 * sysreset or shutdown): cpu.waiting tells a disabled wait. */
typedef void machine_stop_fn(struct machine *m, void *ctx);

/* The channel subsystem plugs IPL in here (GA22-7000 "Initial Program
 * Loading"): run the IPL channel program on devnum (read 24 bytes to
 * location 0, then the chained CCWs), store the I/O address where the
 * architecture says, and leave the IPL PSW at absolute 0, which
 * machine_ipl() then loads.  Returns 0, or -1 with a reason in err ("no
 * device 0190", "unit check ..."); the CPU is then left stopped. */
typedef int machine_ipl_fn(struct machine *m, uint16_t devnum, const char *loadparm, char *err,
                           size_t errlen);

struct machine {
	struct config cfg;
	struct storage st;
	struct cpu cpu;

	pthread_t thread;
	bool thread_started;
	pthread_mutex_t lock; /* guards the flags below */
	pthread_cond_t cond;
	bool run;           /* the CPU thread should call cpu_run() */
	bool running;       /* the CPU thread is inside cpu_run() */
	bool operator_stop; /* the current stop was asked for by the operator */
	bool shutdown;
	uint64_t run_us;    /* host time spent inside cpu_run() before run_since (operator panel) */
	uint64_t run_since; /* host time the current cpu_run() began */

	machine_stop_fn *on_stop;
	void *on_stop_ctx;
	machine_ipl_fn *ipl;
	void *ipl_ctx;
	void (*io_reset)(struct machine *m); /* I/O system reset, part of system reset */
	struct chan_subsys *chs;             /* the channel subsystem (devices/chansys.h) */
	char loadparm[9];

	uint64_t start_us; /* host time the machine was built */
};

/* Build the machine from a configuration (the machine takes over its
 * allocations; cfg is left empty).  0, or -1 (no memory for storage). */
int machine_init(struct machine *m, struct config *cfg);
int machine_start_thread(struct machine *m); /* 0 or -1 */
void machine_shutdown(struct machine *m);    /* stop the CPU, end the thread, free storage */

bool machine_running(struct machine *m);
int machine_start(struct machine *m);              /* -1 if already running */
void machine_stop(struct machine *m);              /* returns when the CPU has stopped */
void machine_restart(struct machine *m);           /* restart key: interruption at the next boundary */
void machine_ext_key(struct machine *m);           /* interrupt key */
void machine_reset(struct machine *m, bool clear); /* system reset (normal or clear) */
int machine_ipl(struct machine *m, uint16_t devnum, char *err, size_t errlen);

#endif
