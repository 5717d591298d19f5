/* icache.h — blocks of decoded instructions (see icache.c). */
#ifndef S370_ICACHE_H
#define S370_ICACHE_H

#include "decode.h"

enum {
	IB_MAX = 32,              /* instructions in a block */
	IB_BYTES = IB_MAX * 6,    /* the most storage one block can cover */
	IB_COUNT = 512,           /* blocks in the cache (direct-mapped) */
};
#define IB_EMPTY 0xFFFFFFFFu /* no 24-bit address: the slot is unused */

struct iblock {
	uint32_t ia;     /* address of the first instruction */
	uint32_t epoch;  /* cpu.code_epoch when its bytes were last found unchanged */
	const uint8_t *host; /* where they were then */
	uint32_t nbytes; /* bytes of storage decoded */
	uint32_t n;      /* instructions */
	uint8_t raw[IB_BYTES];  /* those bytes, as they were when decoded */
	struct dinsn di[IB_MAX + 1]; /* the instructions, then an entry whose op is DI_END */
};

struct iblock *icache_new(void);
/* The block of instructions at ia whose bytes are at host, with room bytes
 * readable before the end of the 2K storage block; NULL if not even one
 * instruction fits. */
struct iblock *icache_block(struct cpu *c, uint32_t ia, const uint8_t *host, uint32_t room);

#endif
