/* icache.c — blocks of decoded instructions.
 *
 * Straight-line code is decoded once into a block of up to IB_MAX
 * instructions and then run from that array (cpu.c, run_block).  Stepping
 * through an array means the address of the next instruction no longer
 * waits on loading and decoding the current one from storage: on a modern
 * host that chain of dependent loads, not the work of the instructions, was
 * what limited the speed of the plain fetch-decode-execute loop.
 *
 * A block ends at an unconditional transfer (BR, B, BAL, BAS, SVC, LPSW, EX
 * and the relative forms), at the end of its 2K storage block, or after
 * IB_MAX instructions.  A conditional branch that is taken, an interruption
 * or anything that wants attention leaves a block early.
 *
 * Blocks are found by address and used only while storage still holds the
 * bytes they were decoded from.  So new code at an address, another address
 * space or a changed key never needs an invalidation; a block whose bytes
 * changed is simply decoded again.
 *
 * Comparing the bytes on every entry would cost more than a short block
 * saves, so blocks are trusted: the CPU keeps the host range that holds the
 * blocks it has compared since its trust generation (cpu.code_epoch) began,
 * and every store through the store path into that range (access.h,
 * code_store_check) starts a new generation - as does anything that may
 * write storage around the store path: a service point (interruptions,
 * channel data, the operator) and the I/O instructions.  A block compared
 * in the current generation, at the same host address, is used as it is.
 * A store into the running block also ends it after the storing
 * instruction, so the next instruction is fetched afresh, as GA22-7000
 * requires of a program that modifies its own instruction stream.
 */
#include <stdlib.h>

#include "icache.h"

struct iblock *icache_new(void)
{
	struct iblock *ic = calloc(IB_COUNT, sizeof *ic);
	if (ic)
		for (int k = 0; k < IB_COUNT; k++)
			ic[k].ia = IB_EMPTY;
	return ic;
}

/* Does the instruction always leave the sequential path? */
static bool ends_block(const uint8_t *b)
{
	uint8_t m = b[1] >> 4, x = b[1] & 0x0F;
	switch (b[0]) {
	case 0x07: return m == 15 && x;   /* BCR 15,R2 (BR) */
	case 0x47: return m == 15;        /* BC 15 (B) */
	case 0x05: case 0x0D: return x;   /* BALR, BASR with R2 */
	case 0x45: case 0x4D:             /* BAL, BAS */
	case 0x0A: case 0x82: case 0x44:  /* SVC, LPSW, EX */
		return true;
	case 0xA7: case 0xC0:             /* BRAS/BRASL, BRC/BRCL 15 */
		return x == 5 || (x == 4 && m == 15);
	default: return false;
	}
}

enum { TRUST_SPAN = 4096 }; /* the trusted range stays this small, or stores into data would hit it */

/* Trust blk from now on: widen the trusted range to its bytes, or begin a
 * new generation with it alone when the range would grow too wide. */
static struct iblock *trust(struct cpu *c, struct iblock *blk, const uint8_t *host)
{
	uintptr_t lo = (uintptr_t)host, hi = lo + blk->nbytes;
	if (c->code_n) {
		uintptr_t clo = c->code_lo, chi = clo + c->code_n;
		if (clo < lo)
			lo = clo;
		if (chi > hi)
			hi = chi;
		if (hi - lo > TRUST_SPAN) {
			cpu_distrust_code(c);
			lo = (uintptr_t)host;
			hi = lo + blk->nbytes;
		}
	}
	c->code_lo = lo;
	c->code_n = hi - lo;
	blk->epoch = c->code_epoch;
	blk->host = host;
	return blk;
}

struct iblock *icache_block(struct cpu *c, uint32_t ia, const uint8_t *host, uint32_t room)
{
	struct iblock *blk = &c->icache[(ia >> 1) & (IB_COUNT - 1)];
	if (blk->ia == ia) {
		if (blk->epoch == c->code_epoch && blk->host == host && c->code_n)
			return blk;
		if (memcmp(blk->raw, host, blk->nbytes) == 0)
			return trust(c, blk, host);
	}
	uint32_t n = 0, off = 0;
	while (n < IB_MAX && off + 6 <= room) {
		const uint8_t *b = host + off;
		const struct opdef *d = cpu_opdef_at(b);
		decode_pre(d, b, (ia + off) & AMASK, &blk->di[n]);
		off += blk->di[n].in.ilc;
		n++;
		if (ends_block(b) || d->fmt == F_NONE)
			break;
	}
	if (n == 0) {
		blk->ia = IB_EMPTY;
		return NULL;
	}
	blk->di[n].op = DI_END;
	blk->ia = ia;
	blk->n = n;
	blk->nbytes = off;
	memcpy(blk->raw, host, off);
	return trust(c, blk, host);
}
