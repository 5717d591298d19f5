/* panel_stats.h — what the machine counts, as the operator panel, the
 * `stats` command and `maxrates` show it.
 *
 * Every number here is an architectural event the machine sees (DESIGN.md
 * rule 1: the host program knows nothing of CP or CMS): program
 * interruptions by code, SVC, external and I/O interruptions, SIOs, TLB
 * purges, DAT table walks, time in the wait state.  A program that runs
 * other programs under trap-and-emulate (a control program running virtual
 * machines in problem state) shows itself as a stream of privileged-operation
 * interruptions (code 02): every privileged instruction a virtual machine
 * issues traps to it, and it emulates the instruction.
 *
 * The counters are plain increments on the CPU's slow paths (interrupt.c,
 * dat.c, cpu_purge_tlb, devices/chan_insn.c); a snapshot reads them without
 * stopping the CPU, so a snapshot of a running machine is a sample, not an
 * instant.
 */
#ifndef S370_PANEL_STATS_H
#define S370_PANEL_STATS_H

#include <stdbool.h>
#include <stdint.h>

struct machine;

/* MIPS and SIO/s: instructions (and SIOs) over wall-clock time, waits
 * included -- the measure bench/ uses, shared by maxrates and the panel. */
struct panel_rate_mark {
	uint64_t icount, sio, us;
};
void panel_rate_mark(struct machine *m, struct panel_rate_mark *r);
void panel_rates(const struct panel_rate_mark *from, const struct panel_rate_mark *to, double *mips,
                 double *siops);

enum { PANEL_PGM_CODES = 0x14, PANEL_MAX_DEVS = 64 };

struct panel_dev_count {
	uint16_t devnum;
	char type[16];
	uint64_t sios, io_interrupts;
};

struct panel_counts {
	uint64_t us;       /* host time of the snapshot */
	uint64_t start_us; /* host time the machine was built */
	uint64_t icount, sio;
	uint64_t pgm[PANEL_PGM_CODES]; /* program interruptions by code */
	uint64_t svc, ext, io;         /* interruptions by class */
	uint64_t tlb_purges, dat_walks;
	uint64_t wait_us; /* in the wait state (part of run_us) */
	uint64_t run_us;  /* inside cpu_run(): operating, waits included */
	bool running;
	int ndevs; /* devices with any SIO or I/O interruption, by number */
	struct panel_dev_count devs[PANEL_MAX_DEVS];
};

/* Take a snapshot (m->start_us and zeroes when never taken). */
void panel_counts_take(struct machine *m, struct panel_counts *c);
void panel_counts_start(struct machine *m, struct panel_counts *c); /* the machine's start: all zero */

/* The virtualization view: counts since the start and rates per second
 * between prev and now, one line at a time to out(ctx, line).  Lines that
 * begin with a non-blank are headings.  Returns the number of lines. */
int panel_stats_lines(const struct panel_counts *prev, const struct panel_counts *now,
                      void (*out)(void *ctx, const char *line), void *ctx);

/* A short name of a program-interruption code ("privileged operation"). */
const char *panel_pgm_name(int code);

#endif
