/* machine.c — the machine object and its CPU thread (see machine.h). */
#include <signal.h>
#include <string.h>

#include "machine.h"

int machine_init(struct machine *m, struct config *cfg)
{
	memset(m, 0, sizeof *m);
	m->cfg = *cfg;
	cfg->devs = NULL;
	cfg->ndevs = 0;
	cfg->syms = NULL;
	cfg->nsyms = 0;
	if (storage_init(&m->st, (uint32_t)m->cfg.mainsize_mb << 20))
		return -1;
	cpu_init(&m->cpu, &m->st);
	m->cpu.s37x = m->cfg.s37x;
	cpu_update_ctx(&m->cpu); /* the CPU's own checks depend on S37X */
	m->cpu.cpuid = config_cpuid(&m->cfg, m->cpu.cpuid);
	m->cpu.tod_offset = config_tod_offset(&m->cfg);
	memcpy(m->loadparm, m->cfg.loadparm, sizeof m->loadparm);
	pthread_mutex_init(&m->lock, NULL);
	pthread_cond_init(&m->cond, NULL);
	m->start_us = timer_host_us();
	return 0;
}

static void *cpu_thread(void *arg)
{
	struct machine *m = arg;
	pthread_mutex_lock(&m->lock);
	for (;;) {
		while (!m->run && !m->shutdown)
			pthread_cond_wait(&m->cond, &m->lock);
		if (m->shutdown)
			break;
		m->run = false;
		m->running = true;
		m->run_since = timer_host_us();
		m->operator_stop = false;
		m->cpu.stop_request = false;
		pthread_mutex_unlock(&m->lock);

		cpu_run(&m->cpu, 0);

		pthread_mutex_lock(&m->lock);
		m->running = false;
		m->run_us += timer_host_us() - m->run_since;
		bool report = !m->shutdown && (!m->operator_stop || m->cpu.waiting);
		pthread_cond_broadcast(&m->cond);
		if (report && m->on_stop) {
			pthread_mutex_unlock(&m->lock);
			m->on_stop(m, m->on_stop_ctx);
			pthread_mutex_lock(&m->lock);
		}
	}
	pthread_mutex_unlock(&m->lock);
	return NULL;
}

int machine_start_thread(struct machine *m)
{
	/* Signals are for the main thread: the CPU thread never sees them. */
	sigset_t all, old;
	sigfillset(&all);
	pthread_sigmask(SIG_BLOCK, &all, &old);
	int rc = pthread_create(&m->thread, NULL, cpu_thread, m);
	pthread_sigmask(SIG_SETMASK, &old, NULL);
	if (rc)
		return -1;
	m->thread_started = true;
	return 0;
}

bool machine_running(struct machine *m)
{
	pthread_mutex_lock(&m->lock);
	bool r = m->running || m->run;
	pthread_mutex_unlock(&m->lock);
	return r;
}

/* Caller holds m->lock. */
static void go(struct machine *m)
{
	m->run = true;
	pthread_cond_broadcast(&m->cond);
}

int machine_start(struct machine *m)
{
	pthread_mutex_lock(&m->lock);
	int rc = -1;
	if (!m->running && !m->run) {
		go(m);
		rc = 0;
	}
	pthread_mutex_unlock(&m->lock);
	return rc;
}

void machine_stop(struct machine *m)
{
	pthread_mutex_lock(&m->lock);
	m->run = false;
	if (m->running) {
		m->operator_stop = true;
		m->cpu.stop_request = true;
		cpu_wake(&m->cpu);
		while (m->running)
			pthread_cond_wait(&m->cond, &m->lock);
	}
	pthread_mutex_unlock(&m->lock);
}

/* GA22-7000 "Restart": on an operating CPU the interruption is taken at the
 * next boundary; a stopped CPU is made operating first. */
void machine_restart(struct machine *m)
{
	pthread_mutex_lock(&m->lock);
	m->cpu.restart_request = true;
	if (m->running)
		cpu_wake(&m->cpu);
	else
		go(m);
	pthread_mutex_unlock(&m->lock);
}

void machine_ext_key(struct machine *m)
{
	__atomic_fetch_or(&m->cpu.ext_pending, EXTP_INTKEY, __ATOMIC_SEQ_CST);
	cpu_wake(&m->cpu);
}

/* System reset: initial CPU reset; the clear form also zeroes storage and
 * storage keys (GA22-7000 "Resets", "Clear Reset"). */
void machine_reset(struct machine *m, bool clear)
{
	machine_stop(m);
	cpu_initial_reset(&m->cpu);
	m->cpu.restart_request = false;
	__atomic_store_n(&m->cpu.ext_pending, 0, __ATOMIC_SEQ_CST);
	if (m->io_reset)
		m->io_reset(m);
	if (clear) {
		memset(m->st.mem, 0, m->st.size);
		memset(m->st.keys, 0, (m->st.size + BLOCK_SIZE - 1) / BLOCK_SIZE);
	}
}

/* Initial program loading (GA22-7000 "Initial Program Loading"): reset,
 * read the IPL record through the channel, load the PSW from location 0 and
 * start.  The channel part is the ipl hook's; without it no device exists. */
int machine_ipl(struct machine *m, uint16_t devnum, char *err, size_t errlen)
{
	if (!m->ipl) {
		snprintf(err, errlen, "no device %04X", devnum);
		return -1;
	}
	machine_reset(m, false);
	if (m->ipl(m, devnum, m->loadparm, err, errlen))
		return -1;
	uint8_t psw[8];
	memcpy(psw, m->st.mem, 8); /* absolute 0: prefix is 0 after reset */
	cpu_psw_load(&m->cpu, psw);
	machine_start(m);
	return 0;
}

void machine_shutdown(struct machine *m)
{
	if (m->thread_started) {
		machine_stop(m);
		pthread_mutex_lock(&m->lock);
		m->shutdown = true;
		pthread_cond_broadcast(&m->cond);
		pthread_mutex_unlock(&m->lock);
		pthread_join(m->thread, NULL);
		m->thread_started = false;
	}
	storage_free(&m->st);
	cpu_free(&m->cpu);
	config_free(&m->cfg);
}
