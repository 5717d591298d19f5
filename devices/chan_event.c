/* chan_event.c — the one event queue that gives devices time, and the
 * queue through which other threads hand work to devices.
 *
 * Events are kept sorted by due time (host microseconds).  They run at the
 * CPU's service points (cpu.io_service), which come at least every 64K
 * instructions and at once when something calls cpu_wake(); an enabled
 * wait sleeps until the next event is due.  While the CPU is stopped,
 * whoever needs progress (the IPL, the console command loop) calls
 * chan_service() itself.
 */
#include <stdlib.h>
#include <string.h>

#include "chan_int.h"

void chan_schedule(struct device *d, uint64_t delay_us, chan_event_fn *fn, long arg)
{
	struct chan_subsys *cs = d->cs;
	struct chan_event *e = malloc(sizeof *e);
	if (!e)
		abort(); /* a few bytes: out of memory is fatal */
	e->due = timer_host_us() + delay_us;
	e->d = d;
	e->fn = fn;
	e->arg = arg;
	struct chan_event **p = &cs->events;
	while (*p && (*p)->due <= e->due)
		p = &(*p)->next;
	e->next = *p;
	*p = e;
	__atomic_add_fetch(&cs->nevents_hint, 1, __ATOMIC_RELEASE);
	if (cs->cpu)
		cpu_wake(cs->cpu); /* the CPU may sleep in a wait: recompute its timeout */
}

void chan_cancel(struct device *d, chan_event_fn *fn)
{
	struct chan_event **p = &d->cs->events;
	while (*p) {
		struct chan_event *e = *p;
		if (e->d == d && (!fn || e->fn == fn)) {
			*p = e->next;
			free(e);
			__atomic_sub_fetch(&d->cs->nevents_hint, 1, __ATOMIC_RELEASE);
		} else {
			p = &e->next;
		}
	}
}

void chan_events_drop(struct chan_subsys *cs, struct device *d)
{
	(void)cs;
	chan_cancel(d, NULL);
}

void chan_post(struct chan_subsys *cs, uint16_t devnum, chan_post_fn *fn, long arg, const void *data,
               size_t len)
{
	struct chan_postmsg *m = malloc(sizeof *m + len + 1);
	if (!m)
		abort();
	m->devnum = devnum;
	m->fn = fn;
	m->arg = arg;
	m->len = len;
	m->next = NULL;
	if (len)
		memcpy(m->data, data, len);
	m->data[len] = 0;
	pthread_mutex_lock(&cs->post_lock);
	*cs->posts_tail = m;
	cs->posts_tail = &m->next;
	__atomic_store_n(&cs->nposts_hint, 1, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&cs->post_lock);
	if (cs->cpu)
		cpu_wake(cs->cpu);
}

/* Caller holds cs->lock. */
static void run_posts(struct chan_subsys *cs)
{
	if (!__atomic_load_n(&cs->nposts_hint, __ATOMIC_ACQUIRE))
		return;
	pthread_mutex_lock(&cs->post_lock);
	struct chan_postmsg *m = cs->posts;
	cs->posts = NULL;
	cs->posts_tail = &cs->posts;
	__atomic_store_n(&cs->nposts_hint, 0, __ATOMIC_RELEASE);
	pthread_mutex_unlock(&cs->post_lock);
	while (m) {
		struct chan_postmsg *next = m->next;
		struct device *d = cs->tab[m->devnum];
		if (d) /* detached meanwhile: dropped */
			m->fn(d, m->arg, m->data, m->len);
		free(m);
		m = next;
	}
}

uint64_t chan_service(struct chan_subsys *cs, uint64_t now)
{
	if (!__atomic_load_n(&cs->nposts_hint, __ATOMIC_ACQUIRE)) {
		/* Fast path without the lock: nothing posted, no event. */
		if (!__atomic_load_n(&cs->nevents_hint, __ATOMIC_ACQUIRE))
			return UINT64_MAX;
	}
	pthread_mutex_lock(&cs->lock);
	run_posts(cs);
	while (cs->events && cs->events->due <= now) {
		struct chan_event *e = cs->events;
		cs->events = e->next;
		__atomic_sub_fetch(&cs->nevents_hint, 1, __ATOMIC_RELEASE);
		struct device *d = e->d;
		chan_event_fn *fn = e->fn;
		long arg = e->arg;
		free(e);
		fn(d, arg);
	}
	uint64_t next = cs->events ? (cs->events->due > now ? cs->events->due - now : 0) : UINT64_MAX;
	pthread_mutex_unlock(&cs->lock);
	return next;
}
