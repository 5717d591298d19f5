/* cpu_fast.c — the fast loop: blocks of decoded instructions (icache.c), the
 * commonest instructions run inline.
 *
 * cpu_run() (cpu.c) calls cpu_run_fast() for a run of instructions when
 * neither PER nor the trace is on.  It takes the block of decoded
 * instructions at the PSW's address and steps through it until the block
 * ends, a branch or an interruption leaves it, a store wants attention, or
 * the run is used up; instructions the cache does not cover (one that
 * crosses a 2K block) go through cpu_one().
 *
 * Within a block the instructions are threaded: each one ends by jumping
 * straight to the code for the next (GCC's labels as values, behind a table
 * indexed by the first opcode byte).  The commonest opcodes have their own
 * label, where only the addresses their format has are formed and the
 * opcode table's handler is called by name, which the compiler inlines
 * (the build uses link-time optimization).  So they cost no indirect call,
 * no call frame, no unused address and no test they cannot need: only the
 * branches look whether they left the sequence, only the stores whether
 * they hit trusted code.  Every other opcode goes the table's way (label
 * `other`, decode_run in decode.h).  None of the inlined opcodes is
 * privileged or S37X, so no check is skipped.  A missing one is only slower.
 */
#include "access.h"
#include "decode.h"
#include "icache.h"
#include "ops.h"

/* The inlined opcodes: E(opcode, label, handler, format, kind).  The
 * format says which addresses to form (RS ones go as RX: their X2 is "no
 * register", decode.h); the kind, what may end the block after it:
 *   PLAIN   nothing: on to the next instruction;
 *   STORE   a store into trusted code (icache.c) wants attention;
 *   BRANCH  the PSW no longer points to the next instruction. */
#define HOT_OPS(E)                                                                                     \
	E(0x05, BALR, op_balr, RR, BRANCH) E(0x06, BCTR, op_bctr, RR, BRANCH)                                 \
	E(0x07, BCR, op_bcr, RR, BRANCH)   E(0x12, LTR, op_ltr, RR, PLAIN)                                    \
	E(0x14, NR, op_nr, RR, PLAIN)      E(0x15, CLR, op_clr, RR, PLAIN)                                    \
	E(0x16, OR, op_or, RR, PLAIN)      E(0x17, XR, op_xr, RR, PLAIN)                                      \
	E(0x18, LR, op_lr, RR, PLAIN)      E(0x19, CR, op_cr, RR, PLAIN)                                      \
	E(0x1A, AR, op_ar, RR, PLAIN)      E(0x1B, SR, op_sr, RR, PLAIN)                                      \
	E(0x1E, ALR, op_alr, RR, PLAIN)    E(0x1F, SLR, op_slr, RR, PLAIN)                                    \
	E(0x40, STH, op_sth, RX, STORE)    E(0x41, LA, op_la, RX, PLAIN)                                      \
	E(0x42, STC, op_stc, RX, STORE)    E(0x43, IC, op_ic, RX, PLAIN)                                      \
	E(0x45, BAL, op_bal, RX, BRANCH)   E(0x46, BCT, op_bct, RX, BRANCH)                                   \
	E(0x47, BC, op_bc, RX, BRANCH)     E(0x48, LH, op_lh, RX, PLAIN)                                      \
	E(0x49, CH, op_ch, RX, PLAIN)      E(0x4A, AH, op_ah, RX, PLAIN)                                      \
	E(0x4B, SH, op_sh, RX, PLAIN)      E(0x50, ST, op_st, RX, STORE)                                      \
	E(0x54, N, op_n, RX, PLAIN)        E(0x55, CL, op_cl, RX, PLAIN)                                      \
	E(0x56, O, op_o, RX, PLAIN)        E(0x57, X, op_x, RX, PLAIN)                                        \
	E(0x58, L, op_l, RX, PLAIN)        E(0x59, C, op_c, RX, PLAIN)                                        \
	E(0x5A, A, op_a, RX, PLAIN)        E(0x5B, S, op_s, RX, PLAIN)                                        \
	E(0x5E, AL, op_al, RX, PLAIN)      E(0x5F, SL, op_sl, RX, PLAIN)                                      \
	E(0x88, SRL, op_srl, RX, PLAIN)    E(0x89, SLL, op_sll, RX, PLAIN)                                    \
	E(0x8A, SRA, op_sra, RX, PLAIN)    E(0x8B, SLA, op_sla, RX, PLAIN)                                    \
	E(0x90, STM, op_stm, RX, STORE)    E(0x98, LM, op_lm, RX, PLAIN)                                      \
	E(0xBE, STCM, op_stcm, RX, STORE)  E(0xBF, ICM, op_icm, RX, PLAIN)                                    \
	E(0x91, TM, op_tm, SI, PLAIN)      E(0x92, MVI, op_mvi, SI, STORE)                                    \
	E(0x94, NI, op_ni, SI, STORE)      E(0x95, CLI, op_cli, SI, PLAIN)                                    \
	E(0x96, OI, op_oi, SI, STORE)                                                                         \
	E(0xD2, MVC, op_mvc, SS, STORE)    E(0xD4, NC, op_nc, SS, STORE)                                      \
	E(0xD5, CLC, op_clc, SS, PLAIN)    E(0xD6, OC, op_oc, SS, STORE)                                      \
	E(0xD7, XC, op_xc, SS, STORE)      E(0xDC, TR, op_tr, SS, STORE)

/* PLAIN and STORE instructions leave the PSW's instruction address alone:
 * nothing they do reads it, and it is brought up to date when the block is
 * left (or by cpu_run() after a program check, see cpu_fast_defers_ia).
 * BRANCH instructions and all others set it before they run. */
enum { DEFERS_PLAIN = 1, DEFERS_STORE = 1, DEFERS_BRANCH = 0 };
#define DEFERS(op, label, fn, fmt, kind) [op] = DEFERS_##kind,
static const bool defers_ia[DI_END + 1] = {HOT_OPS(DEFERS)};

bool cpu_fast_defers_ia(unsigned op)
{
	return op <= DI_END && defers_ia[op];
}

static inline void ea1(const struct cpu *c, struct dinsn *di)
{
	di->in.ea1 = (c->gpr[di->b1] + di->d1) & AMASK;
}
static inline void ea2(const struct cpu *c, struct dinsn *di)
{
	di->in.ea2 = (c->gpr[di->x2] + c->gpr[di->b2] + di->d2) & AMASK;
}

/* Before an instruction: it is the current one; a branch also finds the
 * PSW pointing past it (GA22-7000 "Instruction Execution"). */
#define ENTER_PLAIN c->cur = &di->in
#define ENTER_STORE c->cur = &di->in
#define ENTER_BRANCH c->cur = &di->in, c->psw.ia = di->next
#define EA_RR
#define EA_RX ea2(c, di)
#define EA_SI ea1(c, di)
#define EA_SS ea1(c, di), ea2(c, di)
/* After it: on to the next instruction (the block's end is an entry of its
 * own, DI_END, whose label is `done`), or out. */
#define NEXT goto *label[(++di)->op]
#define LEAVE_PLAIN NEXT
#define LEAVE_STORE                             \
	if (c->attention) {                     \
		c->psw.ia = di->next;           \
		goto left;                      \
	}                                       \
	NEXT
#define LEAVE_BRANCH                   \
	if (c->psw.ia != di->next)     \
		goto left;             \
	NEXT
#define BODY(op, lbl, fn, fmt, kind) \
	lbl:                         \
	ENTER_##kind;                \
	EA_##fmt;                    \
	fn(c, &di->in);              \
	LEAVE_##kind;
#define LABEL(op, lbl, fn, fmt, kind) [op] = &&lbl,

void cpu_run_fast(struct cpu *c)
{
	/* Every opcode to `other`, then the inlined ones to their own label. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const label[DI_END + 1] = {
	    [0 ... DI_END - 1] = &&other,
	    HOT_OPS(LABEL)
	    [DI_END] = &&done,
	};
#pragma GCC diagnostic pop
	struct dinsn *di;

	while (c->icount < c->icount_end && !c->attention) {
		uint32_t ia = c->psw.ia;
		uint32_t off = ia - c->iblk_va;
		if (__builtin_expect(off < BLOCK_SIZE && !(ia & 1), 1)) {
			const uint8_t *host = c->iblk_host + off;
			struct iblock *blk = icache_block(c, ia, host, BLOCK_SIZE - off);
			/* A whole block fits in what is left of the run (else
			 * the run ends instruction by instruction, below).  It
			 * is counted in advance and the unrun rest taken off
			 * when it is left early; after a program check cpu_run()
			 * does that from c->blk_end. */
			if (blk && blk->n <= c->icount_end - c->icount) {
				di = blk->di;
				c->icount += blk->n;
				c->blk_end = di + blk->n;
				goto *label[di->op];
			}
		}
		c->icount++;
		cpu_one(c, false);
		continue;

		HOT_OPS(BODY)
other:
		c->cur = &di->in;
		c->psw.ia = di->next;
		decode_run(c, di);
		if (c->psw.ia != di->next || c->attention)
			goto left;
		NEXT;
left:
		c->icount -= (uint64_t)(c->blk_end - (di + 1));
		c->blk_end = NULL;
		continue;
done:
		c->psw.ia = di[-1].next;
		c->blk_end = NULL;
	}
}
