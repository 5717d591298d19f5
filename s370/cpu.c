/* cpu.c — the instruction cycle: fetch, decode, dispatch, and the service
 * points between instructions where timers, interruptions, stop and wait are
 * handled.
 *
 * The fast loop runs straight-line code from blocks of decoded instructions
 * (icache.c) and only tests cpu.attention between instructions.  Whatever
 * may make an interruption deliverable (a mask change, a timer, another
 * thread posting an event) sets attention, so the loop leaves at the next
 * instruction boundary and cpu_service() takes over.  Every CHUNK
 * instructions of CPU time the host clock is read and the timers and
 * devices are serviced; in between, a service point only looks at what is
 * already pending.
 *
 * Program exceptions leave an instruction by siglongjmp() to cpu_run(), which
 * performs the program interruption and resumes (GA22-7000 "Program
 * Interruption": the old PSW points past the instruction, or back at it for
 * the nullifying translation exceptions).
 */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "access.h"
#include "decode.h"
#include "icache.h"

enum { CHUNK = 65536 };

void cpu_init(struct cpu *c, struct storage *st)
{
	memset(c, 0, sizeof *c);
	c->st = st;
	c->cpuid = 0x0000014531680000ull; /* version 00, serial 000145, model 3168 */
	pthread_mutex_init(&c->wake_lock, NULL);
	pthread_cond_init(&c->wake_cond, NULL);
	c->cur = &c->one;
	c->icache = icache_new();
	if (!c->icache) {
		fprintf(stderr, "s370: no memory for the instruction cache\n");
		abort();
	}
	cpu_initial_reset(c);
}

void cpu_free(struct cpu *c)
{
	free(c->icache);
	c->icache = NULL;
}

/* Purging the TLB (PTLB, SSK, RRB, LCTL of CR0/CR1, SPX) is frequent in an
 * operating system, so it costs one increment: the purge generation is part
 * of every tag (cpu_update_ctx), and entries of an older generation no longer
 * match.  Only when the 9-bit generation wraps are the arrays cleared. */
void cpu_purge_tlb(struct cpu *c)
{
	c->tlb_purges++;
	c->tlb_gen = (c->tlb_gen + 1) & 0x1FF;
	if (c->tlb_gen == 0) {
		memset(c->tlb_fetch, 0, sizeof c->tlb_fetch);
		memset(c->tlb_store, 0, sizeof c->tlb_store);
	}
	cpu_update_ctx(c);
}

/* The TLB context: entries made under one PSW key, DAT mode and purge
 * generation never serve another.  Tag layout: bits 0-12 the 2K block of the
 * virtual address, 16-19 key, 20 DAT, 21 PER storage alteration, 22-30 purge
 * generation, 31 always one so that every valid tag is nonzero. */
void cpu_update_ctx(struct cpu *c)
{
	c->iblk_va = 0x80000000u; /* matches no instruction address */
	c->deny = (c->s37x ? 0 : OPF_S37X) | ((c->psw.flags & PSW_P) ? OPF_PRIV : 0);
	/* PER storage-alteration monitoring (per.c) must see every store: its
	 * own context bit keeps store TLB entries made without it from being
	 * used, and vaddr_slow() makes none while it is on. */
	c->per.sa = cpu_per_sa(c);
	c->tlb_ctx = 0x80000000u | (uint32_t)c->psw.key << 16 | (cpu_dat_on(c) ? 1u << 20 : 0) |
		     (c->per.sa ? 1u << 21 : 0) | (uint32_t)c->tlb_gen << 22;
}

/* CPU reset (GA22-7000 "Resets"): stop, clear pending interruptions; registers kept. */
void cpu_reset(struct cpu *c)
{
	c->state = CPU_STOPPED;
	c->ext_pending = 0;
	c->mck_pending = 0;
	c->psw_invalid = false;
	c->waiting = false;
	cpu_purge_tlb(c);
	cpu_update_ctx(c);
}

/* Initial CPU reset: also PSW, prefix, CPU timer, clock comparator and the
 * control registers' reset values (CR0 = X'000000E0': interval-timer,
 * interrupt-key and external-signal masks on; CR2 = all ones: every channel
 * enabled; CR14 = X'C2000000'; CR15 = 512). */
void cpu_initial_reset(struct cpu *c)
{
	cpu_reset(c);
	memset(&c->psw, 0, sizeof c->psw);
	memset(c->cr, 0, sizeof c->cr);
	c->cr[0] = 0x000000E0u;
	c->cr[2] = 0xFFFFFFFFu; /* channel masks: all channels enabled */
	c->cr[14] = 0xC2000000u;
	c->cr[15] = 0x00000200u;
	c->prefix = 0;
	c->clkcmp = 0;
	timer_set_cputimer(c, 0);
	cpu_update_ctx(c);
}

void cpu_wake(struct cpu *c)
{
	pthread_mutex_lock(&c->wake_lock);
	c->timers_due = true; /* e.g. a device posted work: run the device service */
	c->attention = 1;
	pthread_cond_broadcast(&c->wake_cond);
	pthread_mutex_unlock(&c->wake_lock);
}

/* PSW formats: see cpu.h. */
void cpu_psw_store(const struct cpu *c, uint8_t out[8])
{
	const struct psw *p = &c->psw;
	out[0] = p->sysmask;
	out[1] = (uint8_t)(p->key << 4 | p->flags);
	if (p->flags & PSW_EC) {
		out[2] = (uint8_t)(p->cc << 4 | p->pmask);
		out[3] = 0;
		out[4] = 0;
	} else {
		out[2] = (uint8_t)(p->intcode >> 8);
		out[3] = (uint8_t)p->intcode;
		out[4] = (uint8_t)((p->ilc / 2) << 6 | p->cc << 4 | p->pmask);
	}
	out[5] = (uint8_t)(p->ia >> 16);
	out[6] = (uint8_t)(p->ia >> 8);
	out[7] = (uint8_t)p->ia;
}

/* The current PSW as the operator sees it.  In BC mode the ILC field of the
 * current PSW is only defined once an interruption stores it; the display
 * shows the length of the last instruction there, as Hercules does, so a
 * wait PSW loaded by LPSW reads 00020000 80000000 on both machines. */
void cpu_psw_current(const struct cpu *c, uint8_t out[8])
{
	cpu_psw_store(c, out);
	if (!(c->psw.flags & PSW_EC))
		out[4] = (uint8_t)((out[4] & 0x3F) | (cpu_ilc(c) / 2) << 6);
}

/* Load a PSW.  An EC-mode PSW with nonzero bits 0, 2-4, 16-17 or 24-39 is
 * invalid: it is loaded, and a specification exception is recognised before
 * the next instruction is fetched ("early" exception, ILC 0). */
bool cpu_psw_load(struct cpu *c, const uint8_t in[8])
{
	struct psw *p = &c->psw;
	p->sysmask = in[0];
	p->key = in[1] >> 4;
	p->flags = in[1] & 0x0F;
	bool valid = true;
	if (p->flags & PSW_EC) {
		p->cc = (in[2] >> 4) & 3;
		p->pmask = in[2] & 0x0F;
		p->intcode = 0;
		p->ilc = 0;
		if ((in[0] & 0xB8) || (in[2] & 0xC0) || in[3] || in[4])
			valid = false;
	} else {
		p->intcode = (uint16_t)(in[2] << 8 | in[3]);
		p->ilc = (uint8_t)((in[4] >> 6) * 2);
		p->cc = (in[4] >> 4) & 3;
		p->pmask = in[4] & 0x0F;
	}
	p->ia = (uint32_t)in[5] << 16 | (uint32_t)in[6] << 8 | in[7];
	c->psw_invalid = !valid;
	cpu_update_ctx(c);
	c->attention = 1;
	return valid;
}

_Noreturn void cpu_program_check(struct cpu *c, int code)
{
	siglongjmp(c->pgm_jmp, code);
}

int cpu_insn_length(uint8_t op)
{
	static const uint8_t len[4] = {2, 4, 4, 6};
	return len[op >> 6];
}

/* Decode and run one instruction whose bytes are in hand (six readable). */
static void dispatch(struct cpu *c, const uint8_t *b, uint32_t addr)
{
	struct dinsn di;
	decode_pre(cpu_opdef_at(b), b, addr, &di);
	decode_run(c, &di);
}

void cpu_dispatch(struct cpu *c, const uint8_t *b, uint32_t addr)
{
	if (c->per.insn && c->in_execute) /* PER: the target of EXECUTE (per.c) */
		per_execute_target(c, b, addr);
	dispatch(c, b, addr);
}

/* Instruction fetch.  The host address of the 2K block holding the current
 * instruction is kept in c->iblk_va/iblk_host, so that sequential
 * instructions need neither TLB lookup nor translation; anything that could
 * change the block's translation or protection (TLB purge, PSW key or DAT
 * change) clears it.  An odd address never matches iblk_va (bit 0 is zero
 * there) and so reaches the specification check on the slow path. */
static const uint8_t *fetch_slow(struct cpu *c, uint32_t ia, uint8_t *buf)
{
	c->ifetching = true;
	if (ia & 1)
		cpu_program_check(c, PGM_SPECIFICATION);
	uint8_t *p = vptr(c, ia, ACC_IFETCH);
	if ((ia & (BLOCK_SIZE - 1)) <= BLOCK_SIZE - 6) {
		c->ifetching = false;
		if (tlb_lookup(c, c->tlb_fetch, ia)) { /* block is cacheable */
			c->iblk_va = ia & ~(BLOCK_SIZE - 1);
			c->iblk_host = p - (ia & (BLOCK_SIZE - 1));
		}
		return p;
	}
	memset(buf, 0, 6);
	buf[0] = p[0];
	buf[1] = p[1];
	int len = cpu_insn_length(buf[0]);
	for (int k = 2; k < len; k++)
		buf[k] = *vptr(c, ia + (uint32_t)k, ACC_IFETCH);
	c->ifetching = false;
	return buf;
}

/* Instruction fetch for the slower paths outside the fast loop (per.c). */
const uint8_t *cpu_fetch(struct cpu *c, uint32_t ia, uint8_t buf[6])
{
	uint32_t off = ia - c->iblk_va;
	if (off <= BLOCK_SIZE - 6 && !(ia & 1))
		return c->iblk_host + off;
	return fetch_slow(c, ia, buf);
}

/* One instruction the plain way: fetch, decode, run.  For what the block
 * cache does not cover (an instruction crossing a 2K block, the first
 * fetch from a new block), and for the instruction trace. */
void cpu_one(struct cpu *c, bool trace)
{
	uint8_t buf[6];
	uint32_t ia = c->psw.ia;
	cpu_set_cur(c, ia, 0);
	const uint8_t *b = cpu_fetch(c, ia, buf);
	if (trace)
		cpu_trace_insn(c, b, ia);
	uint8_t ilc = (uint8_t)cpu_insn_length(b[0]);
	c->one.ilc = ilc;
	c->psw.ia = (ia + ilc) & AMASK;
	dispatch(c, b, ia);
}

/* One trace line for the instruction b at ia (also used by per.c). */
void cpu_trace_insn(struct cpu *c, const uint8_t *b, uint32_t ia)
{
	char line[160];
	int n = snprintf(line, sizeof line, "%06X ", ia);
	cpu_disasm(b, ia, line + n, (int)sizeof line - n);
	if (c->trace_out)
		c->trace_out(c, line);
	if (c->tracemax && --c->tracemax == 0)
		c->trace = false;
}


static void wait_for_event(struct cpu *c, uint64_t io_us)
{
	uint64_t us = timer_next_event_us(c);
	if (io_us < us) /* the next device event (channel subsystem) */
		us = io_us;
	if (us > 1000000)
		us = 1000000;
	uint64_t t0 = timer_host_us();
	__atomic_store_n(&c->wait_since, t0, __ATOMIC_SEQ_CST);
	struct timespec ts;
	clock_gettime(CLOCK_REALTIME, &ts);
	uint64_t ns = (uint64_t)ts.tv_nsec + us * 1000;
	ts.tv_sec += (time_t)(ns / 1000000000);
	ts.tv_nsec = (long)(ns % 1000000000);
	pthread_mutex_lock(&c->wake_lock);
	while (!c->attention && !c->stop_request) {
		if (pthread_cond_timedwait(&c->wake_cond, &c->wake_lock, &ts))
			break;
	}
	pthread_mutex_unlock(&c->wake_lock);
	uint64_t t1 = timer_host_us();
	/* wait_since first: a reader never counts this wait twice (panel_stats.c) */
	__atomic_store_n(&c->wait_since, 0, __ATOMIC_SEQ_CST);
	__atomic_store_n(&c->wait_us, c->wait_us + t1 - t0, __ATOMIC_SEQ_CST);
}

/* Between instructions: stop requests, timers, interruptions, the wait state.
 * Returns false when the CPU must leave cpu_run(). */
static bool cpu_service(struct cpu *c)
{
	for (;;) {
		c->attention = 0;
		/* Interruptions, channel data and the operator may have written
		 * storage: decoded blocks compare their bytes again.  (This
		 * also keeps the trusted range (icache.c) narrow, which matters
		 * more than the comparisons it costs.) */
		cpu_distrust_code(c);
		if (c->stop_request) {
			c->stop_request = false;
			c->state = CPU_STOPPED;
			return false;
		}
		if (c->restart_request) {
			c->restart_request = false;
			cpu_interrupt_restart(c);
		}
		/* The host clock is read only when a run chunk has ended, a timer
		 * was set, or the CPU is about to wait: an LPSW or SVC also asks
		 * for service (interruptions may have become enabled), and reading
		 * the clock each time cost more than the instructions. */
		bool waiting = c->psw.flags & PSW_W;
		if (c->timers_due || waiting) {
			c->timers_due = false;
			timer_update(c);
			c->io_us = c->io_service ? c->io_service(c) : UINT64_MAX;
		}
		uint64_t io_us = c->io_us;
		if (c->psw_invalid) /* taken from within cpu_run's exception path */
			return true;
		if (cpu_interrupt_pending(c))
			continue; /* the new PSW may enable more, or be a wait */
		if (!(c->psw.flags & PSW_W))
			return true;
		if (!(c->psw.sysmask & SM_EXT) && !cpu_io_mask_on(c)) {
			c->state = CPU_STOPPED; /* disabled wait: nothing can end it */
			c->waiting = true;
			return false;
		}
		c->waiting = true;
		wait_for_event(c, io_us);
		c->waiting = false;
	}
}

/* Run until the CPU stops (stop request, disabled wait) or max_insns have
 * been executed (0 = no limit).  Returns the CPU state. */
int cpu_run(struct cpu *c, uint64_t max_insns)
{
	uint64_t limit = max_insns ? c->icount + max_insns : UINT64_MAX;
	c->state = CPU_OPERATING;
	c->waiting = false;
	cpu_update_ctx(c); /* PSW fields or S37X may have been set from outside */
	c->timers_due = true;
	int code = sigsetjmp(c->pgm_jmp, 0);
	if (code && c->blk_end) { /* left a block: the instructions after c->cur did not run */
		const struct dinsn *di = (const struct dinsn *)((const char *)c->cur - offsetof(struct dinsn, in));
		c->icount -= (uint64_t)(c->blk_end - (di + 1));
		if (cpu_fast_defers_ia(di->op)) /* see cpu_fast.c */
			c->psw.ia = di->next;
		c->blk_end = NULL;
	}
	if (code) {
		cpu_interrupt_program(c, code);
	}
	for (;;) {
		if (!cpu_service(c))
			break;
		if (c->psw_invalid) {
			c->psw_invalid = false;
			cpu_set_cur(c, c->psw.ia, 0);
			cpu_interrupt_program(c, PGM_SPECIFICATION);
			continue;
		}
		if (c->icount >= limit)
			break;
		/* A chunk is CHUNK instructions of CPU time, however often the
		 * loop is left for attention within it; when one is used up the
		 * timers and devices get their turn. */
		if (c->icount >= c->chunk_end) {
			c->chunk_end = c->icount + CHUNK;
			c->timers_due = true;
			continue;
		}
		c->icount_end = c->chunk_end < limit ? c->chunk_end : limit;
		/* Program-event recording (per.c) runs its own, slower, loop.  An
		 * LCTL of CR9 sets attention, so the mode is re-evaluated here
		 * before the next instruction; it may also have switched storage-
		 * alteration monitoring without a PSW change. */
		if (__builtin_expect(c->per.sa != cpu_per_sa(c), 0))
			cpu_update_ctx(c);
		if (__builtin_expect(cpu_per_mode(c), 0)) {
			while (c->icount < c->icount_end && !c->attention) {
				c->icount++;
				per_one(c);
			}
		} else if (__builtin_expect(c->trace, 0)) {
			while (c->icount < c->icount_end && !c->attention) {
				c->icount++;
				cpu_one(c, true);
			}
		} else {
			cpu_run_fast(c);
		}
		c->attention = 1;
	}
	return c->state;
}
