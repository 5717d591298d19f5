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
 * bytes they were decoded from: icache_block() compares them on every
 * entry.  So new code at an address, another address space or a changed
 * key never needs an invalidation; a block whose bytes changed is simply
 * decoded again.  A store into the running block itself is caught by the
 * store path (access.h, code_store_check) and ends the block after the
 * storing instruction, so the next instruction is fetched afresh, as
 * GA22-7000 requires of a program that modifies its own instruction stream.
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

struct iblock *icache_block(struct cpu *c, uint32_t ia, const uint8_t *host, uint32_t room)
{
	struct iblock *blk = &c->icache[(ia >> 1) & (IB_COUNT - 1)];
	if (blk->ia == ia && memcmp(blk->raw, host, blk->nbytes) == 0)
		return blk;
	uint32_t n = 0, off = 0;
	while (n < IB_MAX && off + 6 <= room) {
		const uint8_t *b = host + off;
		const struct opdef *d = cpu_opdef(b[0], b[1]);
		decode_pre(d, b, (ia + off) & AMASK, &blk->di[n]);
		off += blk->di[n].ilc;
		n++;
		if (ends_block(b) || d->fmt == F_NONE)
			break;
	}
	if (n == 0) {
		blk->ia = IB_EMPTY;
		return NULL;
	}
	blk->ia = ia;
	blk->n = n;
	blk->nbytes = off;
	memcpy(blk->raw, host, off);
	return blk;
}
