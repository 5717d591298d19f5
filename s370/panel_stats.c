/* panel_stats.c — counter snapshots, rates and the virtualization view
 * (see panel_stats.h); the `stats` command. */
#include <stdio.h>
#include <string.h>

#include "chansys.h"
#include "commands.h"
#include "machine.h"
#include "panel_stats.h"

static uint64_t get(const uint64_t *p)
{
	return __atomic_load_n(p, __ATOMIC_RELAXED);
}

void panel_rate_mark(struct machine *m, struct panel_rate_mark *r)
{
	r->us = timer_host_us();
	r->icount = get(&m->cpu.icount);
	r->sio = get(&m->cpu.sio_count);
}

void panel_rates(const struct panel_rate_mark *from, const struct panel_rate_mark *to, double *mips,
                 double *siops)
{
	uint64_t us = to->us - from->us;
	*mips = us ? (double)(to->icount - from->icount) / (double)us : 0.0;
	*siops = us ? (double)(to->sio - from->sio) * 1e6 / (double)us : 0.0;
}

static void add_dev(void *ctx, const struct chan_devinfo *di)
{
	struct panel_counts *c = ctx;
	if ((!di->sios && !di->io_interrupts) || c->ndevs == PANEL_MAX_DEVS)
		return;
	struct panel_dev_count *d = &c->devs[c->ndevs++];
	d->devnum = di->devnum;
	snprintf(d->type, sizeof d->type, "%s", di->type);
	d->sios = di->sios;
	d->io_interrupts = di->io_interrupts;
}

void panel_counts_take(struct machine *m, struct panel_counts *c)
{
	struct cpu *p = &m->cpu;
	memset(c, 0, sizeof *c);
	pthread_mutex_lock(&m->lock);
	c->us = timer_host_us();
	c->start_us = m->start_us;
	c->running = m->running;
	c->run_us = m->run_us + (m->running ? c->us - m->run_since : 0);
	pthread_mutex_unlock(&m->lock);
	c->icount = get(&p->icount);
	c->sio = get(&p->sio_count);
	for (int k = 0; k < PANEL_PGM_CODES; k++)
		c->pgm[k] = get(&p->pgm_count[k]);
	c->svc = get(&p->svc_count);
	c->ext = get(&p->ext_count);
	c->io = get(&p->io_count);
	c->tlb_purges = get(&p->tlb_purges);
	c->dat_walks = get(&p->dat_walks);
	/* The wait in progress counts too: wait_us, then wait_since, then
	 * wait_us again; a wait that ended meanwhile is read again (cpu.c
	 * clears wait_since before it adds to wait_us). */
	for (;;) {
		uint64_t w = __atomic_load_n(&p->wait_us, __ATOMIC_SEQ_CST);
		uint64_t since = __atomic_load_n(&p->wait_since, __ATOMIC_SEQ_CST);
		uint64_t now = timer_host_us();
		if (__atomic_load_n(&p->wait_us, __ATOMIC_SEQ_CST) != w)
			continue;
		c->wait_us = w + (since && now > since ? now - since : 0);
		break;
	}
	if (c->wait_us > c->run_us)
		c->wait_us = c->run_us;
	if (m->chs)
		chan_devinfo_each(m->chs, add_dev, c);
}

void panel_counts_start(struct machine *m, struct panel_counts *c)
{
	memset(c, 0, sizeof *c);
	c->us = c->start_us = m->start_us;
}

const char *panel_pgm_name(int code)
{
	static const char *const names[PANEL_PGM_CODES] = {
	    [0x01] = "operation",
	    [0x02] = "privileged operation",
	    [0x03] = "execute",
	    [0x04] = "protection",
	    [0x05] = "addressing",
	    [0x06] = "specification",
	    [0x07] = "data",
	    [0x08] = "fixed-point overflow",
	    [0x09] = "fixed-point divide",
	    [0x0A] = "decimal overflow",
	    [0x0B] = "decimal divide",
	    [0x0C] = "exponent overflow",
	    [0x0D] = "exponent underflow",
	    [0x0E] = "significance",
	    [0x0F] = "floating divide",
	    [0x10] = "segment translation",
	    [0x11] = "page translation",
	    [0x12] = "translation spec.",
	    [0x13] = "special operation",
	};
	return code > 0 && code < PANEL_PGM_CODES && names[code] ? names[code] : "?";
}

struct emitter {
	void (*out)(void *ctx, const char *line);
	void *ctx;
	double secs; /* length of the rate interval */
	int n;
};

static void line(struct emitter *e, const char *text)
{
	e->out(e->ctx, text);
	e->n++;
}

/* "  label   total   rate/s  note" */
static void count_line(struct emitter *e, const char *label, uint64_t total, uint64_t before,
                       const char *note)
{
	char buf[160];
	double rate = e->secs > 0 ? (double)(total - before) / e->secs : 0.0;
	snprintf(buf, sizeof buf, "  %-28s %12llu %10.1f%s%s", label, (unsigned long long)total, rate,
	         note[0] ? "  " : "", note);
	line(e, buf);
}

static void time_line(struct emitter *e, const char *label, uint64_t total_us, uint64_t d_us)
{
	char buf[160];
	double pct = e->secs > 0 ? 100.0 * (double)d_us / (e->secs * 1e6) : 0.0;
	if (pct > 100.0)
		pct = 100.0;
	snprintf(buf, sizeof buf, "  %-28s %10.1f s %9.1f%%", label, (double)total_us / 1e6, pct);
	line(e, buf);
}

static const struct panel_dev_count *find_dev(const struct panel_counts *c, uint16_t devnum)
{
	for (int k = 0; k < c->ndevs; k++)
		if (c->devs[k].devnum == devnum)
			return &c->devs[k];
	return NULL;
}

int panel_stats_lines(const struct panel_counts *prev, const struct panel_counts *now,
                      void (*out)(void *ctx, const char *line), void *ctx)
{
	struct emitter e = {out, ctx, (double)(now->us - prev->us) / 1e6, 0};
	char buf[160];
	snprintf(buf, sizeof buf, "%-30s %12s %10s  (rates over the last %.1f s)", "Virtualization view",
	         "total", "/s", e.secs);
	line(&e, buf);
	/* Time: operating (executing or waiting) versus stopped. */
	uint64_t d_run = now->run_us - prev->run_us, d_wait = now->wait_us - prev->wait_us;
	uint64_t d_all = now->us - prev->us;
	time_line(&e, "CPU executing", now->run_us - now->wait_us, d_run > d_wait ? d_run - d_wait : 0);
	time_line(&e, "CPU in wait state", now->wait_us, d_wait);
	uint64_t age = now->us - now->start_us;
	time_line(&e, "CPU stopped", age > now->run_us ? age - now->run_us : 0,
	          d_all > d_run ? d_all - d_run : 0);
	line(&e, "Interruptions");
	uint64_t pgm = 0, pgm0 = 0;
	for (int k = 0; k < PANEL_PGM_CODES; k++) {
		pgm += now->pgm[k];
		pgm0 += prev->pgm[k];
	}
	count_line(&e, "program", pgm, pgm0, "");
	for (int k = 1; k < PANEL_PGM_CODES; k++) {
		bool always = k == PGM_OPERATION || k == PGM_PRIVILEGED || k == PGM_SEGMENT_TRANSLATION ||
		              k == PGM_PAGE_TRANSLATION;
		if (!always && !now->pgm[k])
			continue;
		char label[64];
		snprintf(label, sizeof label, "  %02X %s", k, panel_pgm_name(k));
		count_line(&e, label, now->pgm[k], prev->pgm[k],
		           k == PGM_PRIVILEGED ? "trapped: trap-and-emulate"
		           : k == PGM_SEGMENT_TRANSLATION || k == PGM_PAGE_TRANSLATION ? "DAT exception"
		                                                                       : "");
	}
	count_line(&e, "SVC", now->svc, prev->svc, "");
	count_line(&e, "external", now->ext, prev->ext, "");
	count_line(&e, "I/O", now->io, prev->io, "");
	for (int k = 0; k < now->ndevs; k++) {
		const struct panel_dev_count *d = &now->devs[k], *p = find_dev(prev, d->devnum);
		char label[64], note[48];
		snprintf(label, sizeof label, "  %04X %s", d->devnum, d->type);
		snprintf(note, sizeof note, "SIO %llu", (unsigned long long)d->sios);
		count_line(&e, label, d->io_interrupts,
		           p && p->io_interrupts <= d->io_interrupts ? p->io_interrupts : 0, note);
	}
	line(&e, "Machine");
	count_line(&e, "SIO instructions", now->sio, prev->sio, "");
	count_line(&e, "TLB purges", now->tlb_purges, prev->tlb_purges, "PTLB, SSK, LCTL, SPX ...");
	count_line(&e, "DAT table walks", now->dat_walks, prev->dat_walks, "TLB misses");
	count_line(&e, "instructions", now->icount, prev->icount, "");
	return e.n;
}

static void say_line(void *ctx, const char *text)
{
	console_printf(ctx, "%s", text);
}

/* stats: the view, with rates since the previous stats (or the start). */
int panel_stats_cmd(struct cmd_ctx *x, int argc, char **argv, const char *rest)
{
	(void)argv, (void)rest;
	if (argc > 1) {
		console_printf(x->con, "stats: expected no operands");
		return -1;
	}
	struct panel_counts now;
	panel_counts_take(x->m, &now);
	panel_stats_lines(&x->stats_mark, &now, say_line, x->con);
	x->stats_mark = now;
	return 0;
}
