/* chan_int.h — shared by the channel subsystem's own files (chan_*.c);
 * devices never include it. */
#ifndef DEVICES_CHAN_INT_H
#define DEVICES_CHAN_INT_H

#include <pthread.h>

#include "channel.h"
#include "chansys.h"
#include "codepage.h"

struct chan_event {
	uint64_t due; /* host microseconds */
	struct device *d;
	chan_event_fn *fn;
	long arg;
	struct chan_event *next;
};

struct chan_postmsg {
	uint16_t devnum;
	chan_post_fn *fn;
	long arg;
	size_t len;
	struct chan_postmsg *next;
	char data[]; /* len bytes and a NUL */
};

struct chan_subsys {
	pthread_mutex_t lock; /* everything below but the post queue */
	struct cpu *cpu;
	struct device **tab; /* 65536 entries, by device number */
	int ndevs;
	uint8_t chtype[256]; /* enum chan_type of each channel */

	/* Devices with an interruption condition (subchannel status, PCI, or
	 * device status), in no order; pend_seq orders them. */
	struct device **pend;
	int npend, pend_cap;
	int npend_hint; /* read without the lock by io_pending */
	uint64_t seq;

	struct chan_event *events; /* sorted by due */
	int nevents_hint;          /* read without the lock by chan_service */

	pthread_mutex_t post_lock;
	struct chan_postmsg *posts, **posts_tail;
	int nposts_hint;

	void (*print)(void *ctx, const char *line);
	void *print_ctx;
	const struct codepage *cp;
	struct device *console;
	chan_post_fn *console_input;
};

/* chan_ccw.c */
void chan_exec(struct device *d, bool loaded); /* run commands from sub.ccw_addr */
void chan_end_program(struct device *d, uint8_t unit_status);
void chan_pending_update(struct device *d); /* (un)list d as interruption-pending */
bool chan_has_interrupt(const struct device *d);
void chan_build_csw(const struct device *d, uint8_t unit, uint8_t chst, uint8_t csw[8]);
/* chan_insn.c */
void chan_install(struct chan_subsys *cs);
/* chan_event.c */
void chan_events_drop(struct chan_subsys *cs, struct device *d);

static inline struct chan_subsys *cs_of(struct cpu *c)
{
	return c->chan_ctx;
}

#endif
