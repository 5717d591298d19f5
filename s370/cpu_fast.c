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
 * `other`, decode_run in decode.h).  None of the inlined opcodes is privileged or
 * S37X, so no check is skipped.  A missing opcode is only slower.
 */
#include "access.h"
#include "decode.h"
#include "icache.h"
#include "ops.h"

static inline void ea1(const struct cpu *c, struct dinsn *di)
{
	di->in.ea1 = (c->gpr[di->b1] + di->d1) & AMASK;
}
static inline void ea2(const struct cpu *c, struct dinsn *di)
{
	di->in.ea2 = (c->gpr[di->x2] + c->gpr[di->b2] + di->d2) & AMASK;
}

/* Before an instruction: it is the current one, and the PSW points past it
 * (GA22-7000 "Instruction Execution": the updated instruction address). */
#define BEGIN (c->cur = &di->in, c->psw.ia = di->next)
/* After it: on to the next in the block, or out when the block is done. */
#define NEXT                        \
	do {                        \
		if (++di == end)    \
			goto done;  \
		goto *label[di->op]; \
	} while (0)
/* Labels by format: the handler and what may end the block after it. */
#define RR(fn) BEGIN; fn(c, &di->in); NEXT
#define RX(fn) BEGIN; ea2(c, di); fn(c, &di->in); NEXT
#define SI(fn) BEGIN; ea1(c, di); fn(c, &di->in); NEXT
#define SS(fn) BEGIN; ea1(c, di); ea2(c, di); fn(c, &di->in); NEXT
#define BRANCH  if (c->psw.ia != di->next) goto left; NEXT
#define STORE   if (c->attention) goto left; NEXT
#define RR_B(fn) BEGIN; fn(c, &di->in); BRANCH
#define RX_B(fn) BEGIN; ea2(c, di); fn(c, &di->in); BRANCH
#define RX_S(fn) BEGIN; ea2(c, di); fn(c, &di->in); STORE
#define SI_S(fn) BEGIN; ea1(c, di); fn(c, &di->in); STORE
#define SS_S(fn) BEGIN; ea1(c, di); ea2(c, di); fn(c, &di->in); STORE

void cpu_run_fast(struct cpu *c)
{
	/* Every opcode to `other`, then the inlined ones to their own label. */
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Woverride-init"
	static const void *const label[256] = {
	    [0 ... 255] = &&other,
	    [0x05] = &&BALR, [0x06] = &&BCTR, [0x07] = &&BCR,  [0x12] = &&LTR,  [0x14] = &&NR,
	    [0x15] = &&CLR,  [0x16] = &&OR,   [0x17] = &&XR,   [0x18] = &&LR,   [0x19] = &&CR,
	    [0x1A] = &&AR,   [0x1B] = &&SR,   [0x1E] = &&ALR,  [0x1F] = &&SLR,
	    [0x40] = &&STH,  [0x41] = &&LA,   [0x42] = &&STC,  [0x43] = &&IC,   [0x45] = &&BAL,
	    [0x46] = &&BCT,  [0x47] = &&BC,   [0x48] = &&LH,   [0x49] = &&CH,   [0x4A] = &&AH,
	    [0x4B] = &&SH,   [0x50] = &&ST,   [0x54] = &&N,    [0x55] = &&CL,   [0x56] = &&O,
	    [0x57] = &&X,    [0x58] = &&L,    [0x59] = &&C,    [0x5A] = &&A,    [0x5B] = &&S,
	    [0x5E] = &&AL,   [0x5F] = &&SL,
	    [0x88] = &&SRL,  [0x89] = &&SLL,  [0x8A] = &&SRA,  [0x8B] = &&SLA,  [0x90] = &&STM,
	    [0x98] = &&LM,   [0xBE] = &&STCM, [0xBF] = &&ICM,
	    [0x91] = &&TM,   [0x92] = &&MVI,  [0x94] = &&NI,   [0x95] = &&CLI,  [0x96] = &&OI,
	    [0xD2] = &&MVC,  [0xD4] = &&NC,   [0xD5] = &&CLC,  [0xD6] = &&OC,   [0xD7] = &&XC,
	    [0xDC] = &&TR,
	};
#pragma GCC diagnostic pop
	struct dinsn *di, *end;

	while (c->icount < c->icount_end && !c->attention) {
		uint32_t ia = c->psw.ia;
		uint32_t off = ia - c->iblk_va;
		if (__builtin_expect(off < BLOCK_SIZE && !(ia & 1), 1)) {
			const uint8_t *host = c->iblk_host + off;
			struct iblock *blk = icache_block(c, ia, host, BLOCK_SIZE - off);
			if (blk) {
				uint64_t room = c->icount_end - c->icount;
				di = blk->di;
				end = di + (blk->n < room ? blk->n : (uint32_t)room);
				/* Counted in advance, the unrun rest taken off when
				 * the block is left early; a program check does that
				 * from c->blk_end (cpu_run). */
				c->icount += (uint64_t)(end - di);
				c->blk_end = end;
				goto *label[di->op];
			}
		}
		c->icount++;
		cpu_one(c, false);
		continue;

	/* The block's instructions.  RS ones go as RX: their X2 is "no
	 * register" (decode.h). */
BALR: RR_B(op_balr); BCTR: RR_B(op_bctr); BCR: RR_B(op_bcr);
LTR: RR(op_ltr); NR: RR(op_nr); CLR: RR(op_clr); OR: RR(op_or); XR: RR(op_xr);
LR: RR(op_lr); CR: RR(op_cr); AR: RR(op_ar); SR: RR(op_sr); ALR: RR(op_alr); SLR: RR(op_slr);
STH: RX_S(op_sth); LA: RX(op_la); STC: RX_S(op_stc); IC: RX(op_ic); BAL: RX_B(op_bal);
BCT: RX_B(op_bct); BC: RX_B(op_bc); LH: RX(op_lh); CH: RX(op_ch); AH: RX(op_ah);
SH: RX(op_sh); ST: RX_S(op_st); N: RX(op_n); CL: RX(op_cl); O: RX(op_o); X: RX(op_x);
L: RX(op_l); C: RX(op_c); A: RX(op_a); S: RX(op_s); AL: RX(op_al); SL: RX(op_sl);
SRL: RX(op_srl); SLL: RX(op_sll); SRA: RX(op_sra); SLA: RX(op_sla); STM: RX_S(op_stm);
LM: RX(op_lm); STCM: RX_S(op_stcm); ICM: RX(op_icm);
TM: SI(op_tm); MVI: SI_S(op_mvi); NI: SI_S(op_ni); CLI: SI(op_cli); OI: SI_S(op_oi);
MVC: SS_S(op_mvc); NC: SS_S(op_nc); CLC: SS(op_clc); OC: SS_S(op_oc); XC: SS_S(op_xc);
TR: SS_S(op_tr);
other:
		BEGIN;
		decode_run(c, di);
		if (c->psw.ia != di->next || c->attention)
			goto left;
		NEXT;
left:
		di++;
done:
		c->icount -= (uint64_t)(end - di);
		c->blk_end = NULL;
	}
}
