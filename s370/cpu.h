/* cpu.h — the state of one System/370 CPU and the interface of the interpreter.
 *
 * Everything the architecture calls "CPU state" lives in struct cpu: the PSW,
 * sixteen general registers, four floating-point registers, sixteen control
 * registers, the prefix register, the timers and the TLB.  Main storage and
 * the storage keys are owned by struct storage (storage.h); the CPU holds a
 * pointer to it.  Nothing here is global: tests build as many machines as they
 * like.
 *
 * The PSW (GA22-7000, "Program-Status Word") has two formats selected by bit 12:
 *
 *   BC mode (bit 12 = 0)                       EC mode (bit 12 = 1)
 *   0-5  channel masks 0-5                     0    0
 *   6    I/O mask (channels 6 and up)          1    PER mask
 *   7    external mask                         2-4  0
 *   8-11 protection key                        5    DAT mode
 *   12   0 (BC)                                6    I/O mask
 *   13   M machine-check mask                  7    external mask
 *   14   W wait state                          8-11 key, 12 = 1, 13 M, 14 W, 15 P
 *   15   P problem state                       16-17 0, 18-19 CC, 20-23 program mask
 *   16-31 interruption code                    24-39 0
 *   32-33 ILC, 34-35 CC, 36-39 program mask    40-63 instruction address
 *   40-63 instruction address
 *
 * We keep the PSW decoded into fields; psw_store()/psw_load() convert.
 */
#ifndef S370_CPU_H
#define S370_CPU_H

#include <pthread.h>
#include <setjmp.h>
#include <stdbool.h>
#include <stdint.h>

#include "storage.h"

/* PSW bits 12-15 as held in psw.flags (the high nibble of byte 1). */
enum {
	PSW_EC = 0x8, /* bit 12: extended-control mode */
	PSW_M = 0x4,  /* bit 13: machine-check mask */
	PSW_W = 0x2,  /* bit 14: wait state */
	PSW_P = 0x1,  /* bit 15: problem state */
};

/* PSW byte 0 (system mask) bits. */
enum {
	SM_PER = 0x40, /* EC bit 1: PER mask */
	SM_DAT = 0x04, /* EC bit 5: DAT mode */
	SM_IO = 0x02,  /* EC bit 6 / BC bit 6: I/O mask */
	SM_EXT = 0x01, /* bit 7: external mask */
};

struct psw {
	uint8_t sysmask;  /* bits 0-7 */
	uint8_t key;      /* bits 8-11, 0..15 */
	uint8_t flags;    /* bits 12-15: PSW_EC|PSW_M|PSW_W|PSW_P */
	uint8_t cc;       /* condition code 0..3 */
	uint8_t pmask;    /* program mask: fixed ovfl, decimal ovfl, exp underflow, significance */
	uint8_t ilc;      /* BC mode bits 32-33 as a byte count: 0, 2, 4 or 6 */
	uint16_t intcode; /* BC mode bits 16-31 */
	uint32_t ia;      /* instruction address, 24 bits */
};

/* Program-mask bits (PSW bits 36-39 BC / 20-23 EC). */
enum { PM_FIXOVF = 8, PM_DECOVF = 4, PM_EXPUNF = 2, PM_SIGNIF = 1 };

/* Program-interruption codes, GA22-7000 "Program Interruption". */
enum pgm_code {
	PGM_OPERATION = 0x01,
	PGM_PRIVILEGED = 0x02,
	PGM_EXECUTE = 0x03,
	PGM_PROTECTION = 0x04,
	PGM_ADDRESSING = 0x05,
	PGM_SPECIFICATION = 0x06,
	PGM_DATA = 0x07,
	PGM_FIXED_OVERFLOW = 0x08,
	PGM_FIXED_DIVIDE = 0x09,
	PGM_DECIMAL_OVERFLOW = 0x0A,
	PGM_DECIMAL_DIVIDE = 0x0B,
	PGM_EXPONENT_OVERFLOW = 0x0C,
	PGM_EXPONENT_UNDERFLOW = 0x0D,
	PGM_SIGNIFICANCE = 0x0E,
	PGM_FLOAT_DIVIDE = 0x0F,
	PGM_SEGMENT_TRANSLATION = 0x10,
	PGM_PAGE_TRANSLATION = 0x11,
	PGM_TRANSLATION_SPEC = 0x12,
	PGM_SPECIAL_OPERATION = 0x13,
	PGM_MONITOR = 0x40,
	PGM_PER = 0x80,
};

/* Fixed storage locations (real addresses), GA22-7000 "Assigned Storage Locations". */
enum {
	LOC_RESTART_NEW = 0x00, /* also the IPL PSW */
	LOC_RESTART_OLD = 0x08,
	LOC_EXT_OLD = 0x18,
	LOC_SVC_OLD = 0x20,
	LOC_PGM_OLD = 0x28,
	LOC_MCK_OLD = 0x30,
	LOC_IO_OLD = 0x38,
	LOC_CSW = 0x40,
	LOC_CAW = 0x48,
	LOC_TIMER = 0x50, /* interval timer */
	LOC_EXT_NEW = 0x58,
	LOC_SVC_NEW = 0x60,
	LOC_PGM_NEW = 0x68,
	LOC_MCK_NEW = 0x70,
	LOC_IO_NEW = 0x78,
	LOC_EXT_CPUADDR = 0x84, /* EC: CPU address for external interruptions */
	LOC_EXT_CODE = 0x86,    /* EC: external interruption code */
	LOC_SVC_ILC = 0x89,     /* EC: SVC ILC */
	LOC_SVC_CODE = 0x8A,    /* EC: SVC interruption code */
	LOC_PGM_ILC = 0x8D,     /* EC: program ILC */
	LOC_PGM_CODE = 0x8E,    /* EC: program interruption code */
	LOC_TEA = 0x90,         /* translation-exception address */
	LOC_MON_CLASS = 0x95,
	LOC_PER_CODE = 0x96,
	LOC_PER_ADDR = 0x98,
	LOC_MON_CODE = 0x9C,
	LOC_CHANID = 0xA8,
	LOC_IO_ADDR = 0xBA,     /* EC: I/O device address */
	LOC_MCK_CODE = 0xE8,
};

/* External-interruption codes and their CR0 subclass masks. */
enum {
	EXT_INTERRUPT_KEY = 0x0040,
	EXT_INTERVAL_TIMER = 0x0080,
	EXT_CLOCK_COMPARATOR = 0x1004,
	EXT_CPU_TIMER = 0x1005,
};
enum {
	CR0_LAP = 0x10000000u,        /* bit 3: low-address protection */
	CR0_SSM_SUPPRESS = 0x40000000u, /* bit 1: SSM suppression */
	CR0_TF_MASK = 0x00F80000u,    /* bits 8-12: translation format */
	CR0_CC_MASK = 0x00000800u,    /* bit 20: clock comparator */
	CR0_CPT_MASK = 0x00000400u,   /* bit 21: CPU timer */
	CR0_ITIMER_MASK = 0x00000080u, /* bit 24: interval timer */
	CR0_INTKEY_MASK = 0x00000040u, /* bit 25: interrupt key */
	CR0_EXTSIG_MASK = 0x00000020u, /* bit 26: external signal */
};

/* Program-event recording, CR9 bits 0-3 (per.c); bits 16-31 select GPRs 0-15. */
enum {
	CR9_PER_BRANCH = 0x80000000u, /* successful branching */
	CR9_PER_IFETCH = 0x40000000u, /* instruction fetching */
	CR9_PER_STORE = 0x20000000u,  /* storage alteration */
	CR9_PER_GPR = 0x10000000u,    /* general-register alteration */
	CR9_PER_EVENTS = 0xF0000000u,
};

/* PER state of the instruction being executed by per_one() (per.c). */
struct cpu_per {
	bool sa;          /* storage alteration monitored: no store TLB entries (tlb_ctx bit 21) */
	bool insn;        /* an instruction is running under per_one() */
	bool ex_valid;    /* ex[] holds the target of EXECUTE */
	uint8_t code;     /* events seen so far (PER code bits) */
	uint32_t addr;    /* PER address: the instruction, or EXECUTE */
	uint32_t cr9;     /* CR9 when the instruction started */
	uint32_t gpr0[16]; /* registers before the instruction */
	uint8_t bytes[6];  /* the instruction as fetched */
	uint8_t ex[6];     /* the target of EXECUTE, R1 bits or'ed in */
};

/* Pending external conditions (bits in cpu.ext_pending). */
enum {
	EXTP_INTKEY = 1u << 0,
	EXTP_ITIMER = 1u << 1,
	EXTP_CLKCMP = 1u << 2,
	EXTP_CPUTIMER = 1u << 3,
};

/* The decoded instruction: fields of every format, filled once by decode. */
struct insn {
	uint8_t r1;    /* R1 (M1 for BC/BRC), from byte 1 (byte 3 for RRE) */
	uint8_t r2;    /* R2 / X2 / R3 / M3 */
	uint8_t r3;    /* R3 for RS, RSI */
	uint8_t len1;  /* SS: the length byte as coded: L (length-1), or L1 and L2 in its nibbles */
	uint8_t imm8;  /* SI: I2 */
	uint8_t op2;   /* S: byte 1; RRE: second opcode byte; RI/RIL: 4-bit extension */
	uint32_t ea1;  /* effective address of the first operand (SI, SS) */
	uint32_t ea2;  /* effective address of the second operand (RX, RS, S, SS) */
	int32_t imm;   /* RI/RIL/RSI immediate, sign-extended */
	uint32_t addr; /* address of this instruction (for relative branches; the target's under EX) */
	uint8_t ilc;   /* its length in bytes */
};

struct cpu;
struct chan_ops;
struct dinsn;
typedef void op_fn(struct cpu *c, const struct insn *i);

/* Instruction formats. */
/* RXE and RSE: the z900's six-byte RX and RS forms of ESA/390 mode (E3/EB,
 * second opcode byte 5); byte 4 is not looked at (12-bit displacement). */
enum fmt { F_NONE, F_E, F_RR, F_RX, F_RS, F_SI, F_S, F_SS, F_RI, F_RIL, F_RRE, F_RSI, F_RXE, F_RSE };

/* One row of the opcode table. */
struct opdef {
	const char *mnem;
	uint8_t fmt;
	uint8_t flags; /* OPF_* */
	op_fn *fn;
};
enum {
	OPF_S37X = 1, /* part of the S/370 instruction extension (DESIGN.md rule 3) */
	OPF_PRIV = 2, /* privileged: problem state raises PGM_PRIVILEGED before execution */
	OPF_GROUP = 4, /* first byte of a two-byte opcode: see cpu_op_group() */
};

#define TLB_SIZE 1024
struct tlb_entry {
	uint32_t tag;     /* (va >> 11) | cpu.tlb_ctx; 0 = empty */
	uintptr_t addend; /* host address = addend + va */
};

/* CPU run states. */
enum cpu_state { CPU_STOPPED, CPU_OPERATING, CPU_CHECKSTOP };

struct cpu {
	/* Hot state first. */
	struct psw psw;
	uint32_t gpr[17]; /* gpr[16] stays zero: "no register" in decoded addresses (decode.h) */
	uint32_t cr[16];
	uint64_t fpr[4]; /* FPR 0, 2, 4, 6 */
	struct storage *st;
	uint32_t tlb_ctx;        /* key, DAT, purge generation and valid bits merged into TLB tags */
	uint32_t tlb_gen;        /* TLB purge generation, 9 bits (cpu_purge_tlb) */
	bool timers_due;         /* read the host clock at the next service point */
	uint64_t io_us;          /* host us until the next device event, as last asked */
	volatile int attention;  /* nonzero: leave the fast loop and look at the world */
	/* The instruction being executed: its address and length (those of
	 * EX itself when EX runs a target).  The block loop just points this
	 * at the decoded instruction; the slower paths fill in `one`. */
	const struct insn *cur;
	struct insn one;
	const struct dinsn *blk_end; /* running a block (cpu.c run_block): its end, else NULL */
	bool in_execute;
	bool s37x;               /* S37X ON */
	bool trace;              /* instruction trace on */
	uint64_t icount;         /* instructions executed */
	uint64_t icount_end;     /* where the fast loop must stop: chunk end or run limit */
	uint64_t chunk_end;      /* instruction count at which timers and devices are next serviced */
	uint32_t iblk_va;        /* 2K block of the current instruction (X'80000000' = none), see cpu.c */
	uint8_t *iblk_host;      /* its host address */
	uint8_t deny;            /* OPF_* flags that make an opcode fail now (S37X off, problem state) */
	struct iblock *icache;   /* blocks of decoded instructions (icache.c) */
	uintptr_t code_lo;       /* host bytes of the trusted instruction blocks (icache.c): */
	uintptr_t code_n;        /* [code_lo, code_lo + code_n); a store there ends trust */
	uint32_t code_epoch;     /* trust generation: blocks validated in another one are compared again */

	struct tlb_entry tlb_fetch[TLB_SIZE];
	struct tlb_entry tlb_store[TLB_SIZE];

	sigjmp_buf pgm_jmp; /* program exceptions leave the handler by longjmp */
	uint32_t tea;    /* translation-exception address for the pending exception */

	uint32_t prefix;
	uint16_t cpuaddr;
	uint64_t cpuid; /* STIDP value */

	/* Timers (timer.c). TOD and CPU timer in architected format (bit 51 = 1 us). */
	int64_t tod_offset;  /* TOD = host_us * 4096 + tod_offset */
	uint64_t tod_last;   /* last value returned: STCK values are unique and increasing */
	uint64_t clkcmp;
	int64_t cputimer;    /* value at cputimer_host */
	uint64_t cputimer_host; /* host us when cputimer was last set */
	uint64_t itimer_host;   /* host time (1/76800 s units) of last interval-timer update */
	uint32_t ext_pending;   /* EXTP_* */
	uint64_t mck_pending;   /* machine-check interruption code waiting for PSW bit 13 (0: none) */

	/* I/O interrupt hook for the channel subsystem (filled in by devices/). */
	bool (*io_pending)(struct cpu *c);       /* any I/O interruption pending and enabled? */
	bool (*io_interrupt)(struct cpu *c);     /* present one: store CSW and device address */
	void *io_ctx;
	/* Device events (channel subsystem): called at every service point;
	 * returns host microseconds until its next event (UINT64_MAX: none). */
	uint64_t (*io_service)(struct cpu *c);

	/* CPU side of the I/O instructions (channel_hook.h); NULL = no channel
	 * subsystem: every I/O instruction sets CC 3. */
	const struct chan_ops *chan;
	void *chan_ctx;

	/* DIAGNOSE hook: returns false if no feature claims the code (-> specification). */
	bool (*diagnose)(struct cpu *c, const struct insn *i);
	void *diag_ctx;

	enum cpu_state state;
	volatile bool stop_request;
	volatile bool restart_request;
	bool exit_on_wait;   /* --exit-on-wait: disabled wait ends the run */
	bool waiting;        /* currently in an enabled wait */
	bool psw_invalid;    /* a PSW with invalid bits was loaded: spec. exception before next fetch */
	bool ifetching;      /* exception arises in instruction fetch (ILC 0) */
	pthread_mutex_t wake_lock; /* other threads wake a waiting CPU through cpu_wake() */
	pthread_cond_t wake_cond;
	uint64_t wait_us;          /* host time spent in the wait state */
	uint64_t wait_since;       /* host time the current wait began, 0 = none (operator panel) */
	uint64_t pgm_count[0x14];  /* program interruptions taken, by code (teaching view) */
	uint64_t svc_count, ext_count, io_count;
	uint64_t sio_count;        /* SIO/SIOF executed (maxrates) */
	uint64_t tlb_purges;       /* TLB purges, explicit (PTLB) and implied (teaching view) */
	uint64_t dat_walks;        /* table walks by dat_translate(): TLB misses, LRA (teaching view) */
	uint32_t tracemax;   /* trace lines left before tracing switches itself off (0 = unlimited) */
	void (*trace_out)(struct cpu *c, const char *line);
	void *trace_ctx;

	struct cpu_per per; /* program-event recording (per.c) */
};

/* Address and length of the current instruction (cpu.cur). */
static inline uint32_t cpu_ia_insn(const struct cpu *c) { return c->cur->addr; }
static inline uint8_t cpu_ilc(const struct cpu *c) { return c->cur->ilc; }
/* Make the current instruction one known only by address and length (ILC 0
 * for an exception before an instruction began). */
static inline void cpu_set_cur(struct cpu *c, uint32_t addr, uint8_t ilc)
{
	c->one.addr = addr;
	c->one.ilc = ilc;
	c->cur = &c->one;
}

/* cpu.c */
void cpu_init(struct cpu *c, struct storage *st); /* aborts if the instruction cache cannot be allocated */
void cpu_free(struct cpu *c);
void cpu_reset(struct cpu *c);        /* CPU reset */
void cpu_initial_reset(struct cpu *c); /* initial CPU reset: also CRs, PSW, prefix, timers */
int cpu_run(struct cpu *c, uint64_t max_insns); /* run until stop/disabled wait or max; returns CPU_* */
void cpu_purge_tlb(struct cpu *c);
void cpu_update_ctx(struct cpu *c);
void cpu_wake(struct cpu *c);  /* any thread: make the CPU look at its state now */
/* Storage may have changed behind the store path (channel, operator): blocks
 * of decoded instructions must compare their bytes again (icache.c). */
static inline void cpu_distrust_code(struct cpu *c)
{
	c->code_epoch++;
	c->code_n = 0;
}
_Noreturn void cpu_program_check(struct cpu *c, int code);
void cpu_psw_store(const struct cpu *c, uint8_t out[8]);
bool cpu_psw_load(struct cpu *c, const uint8_t in[8]); /* false: invalid (spec. exception due) */
void cpu_psw_current(const struct cpu *c, uint8_t out[8]); /* for display: BC ILC = last insn */

/* Condition-code helpers used by many handlers. */
static inline void cpu_set_cc(struct cpu *c, int cc) { c->psw.cc = (uint8_t)cc; }
static inline bool cpu_problem_state(const struct cpu *c) { return c->psw.flags & PSW_P; }
static inline bool cpu_ec_mode(const struct cpu *c) { return c->psw.flags & PSW_EC; }
/* Can any I/O interruption be taken?  BC mode: a channel mask, PSW bits
 * 0-6; EC mode: PSW bit 6 (CR2 then selects channels: devices/chan_insn.c). */
static inline bool cpu_io_mask_on(const struct cpu *c)
{
	return (c->psw.flags & PSW_EC) ? (c->psw.sysmask & SM_IO) != 0 : (c->psw.sysmask & 0xFE) != 0;
}
static inline bool cpu_dat_on(const struct cpu *c)
{
	return (c->psw.flags & PSW_EC) && (c->psw.sysmask & SM_DAT);
}

/* PER: EC mode, PSW bit 1 and at least one event selected in CR9.  Only
 * then does cpu_run() use the (slower) per_one() path. */
static inline bool cpu_per_mode(const struct cpu *c)
{
	return (c->psw.flags & PSW_EC) && (c->psw.sysmask & SM_PER) && (c->cr[9] & CR9_PER_EVENTS);
}
static inline bool cpu_per_sa(const struct cpu *c)
{
	return cpu_per_mode(c) && (c->cr[9] & CR9_PER_STORE);
}

/* Privileged-operation check for handlers flagged OPF_PRIV is done by the
 * dispatcher; handlers that are semi-privileged call this. */
static inline void cpu_privileged(struct cpu *c)
{
	if (cpu_problem_state(c))
		cpu_program_check(c, PGM_PRIVILEGED);
}

/* optab.c */
extern const struct opdef cpu_op_primary[256];
const struct opdef *cpu_op_group(uint8_t op, uint8_t b1);
static inline const struct opdef *cpu_opdef(uint8_t op, uint8_t b1) /* b1: byte 1 */
{
	const struct opdef *d = &cpu_op_primary[op];
	return __builtin_expect(d->flags & OPF_GROUP, 0) ? cpu_op_group(op, b1) : d;
}
/* The row for the instruction at b (its bytes readable): E3 and EB name
 * their operation in byte 5, the other groups in byte 1. */
static inline const struct opdef *cpu_opdef_at(const uint8_t *b)
{
	return cpu_opdef(b[0], (b[0] & 0xF7) == 0xE3 ? b[5] : b[1]);
}
int cpu_insn_length(uint8_t op);                           /* 2, 4 or 6 from the two high bits */


/* cpu.c: decode and run one instruction whose bytes are in hand (EX uses this). */
void cpu_dispatch(struct cpu *c, const uint8_t *bytes, uint32_t addr);
/* cpu.c: fetch the instruction at ia (buf: room for one that crosses a block). */
const uint8_t *cpu_fetch(struct cpu *c, uint32_t ia, uint8_t buf[6]);
void cpu_trace_insn(struct cpu *c, const uint8_t *b, uint32_t ia); /* one trace line */
/* cpu.c: fetch, decode and run one instruction (with a trace line if trace). */
void cpu_one(struct cpu *c, bool trace);
/* cpu_fast.c: run until c->icount_end or attention, from decoded blocks. */
void cpu_run_fast(struct cpu *c);
/* cpu_fast.c: does the block loop leave psw.ia behind while running op? */
bool cpu_fast_defers_ia(unsigned op);

/* per.c: program-event recording */
void per_one(struct cpu *c);                                   /* one instruction, PER on */
int per_exception(struct cpu *c, int code);                    /* events joining an exception */
void per_note_store(struct cpu *c, uint32_t va, uint32_t len); /* storage.c: a store by va */
void per_execute_target(struct cpu *c, const uint8_t *b, uint32_t addr); /* EX's target */

/* interrupt.c */
void cpu_interrupt_program(struct cpu *c, int code);
void cpu_interrupt_svc(struct cpu *c, uint8_t code);
void cpu_interrupt_restart(struct cpu *c);
bool cpu_interrupt_pending(struct cpu *c); /* take one pending enabled interrupt; true if taken */
void cpu_machine_check(struct cpu *c, uint64_t mcic); /* any thread: make a machine check pending */
void cpu_swap_psw(struct cpu *c, uint32_t old_loc, uint32_t new_loc);

/* timer.c */
uint64_t timer_host_us(void);
uint64_t timer_tod(struct cpu *c);
void timer_set_tod(struct cpu *c, uint64_t tod);
int64_t timer_cputimer(struct cpu *c);
void timer_set_cputimer(struct cpu *c, int64_t v);
void timer_update(struct cpu *c);        /* advance interval timer, raise pending conditions */
uint64_t timer_next_event_us(struct cpu *c); /* host us until the earliest timer event */

/* disasm.c */
int cpu_disasm(const uint8_t *b, uint32_t addr, char *out, int outlen);

#endif
