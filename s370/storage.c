/* storage.c — main storage, keys, prefixing, protection and the TLB slow path. */
#include <stdlib.h>

#include "access.h"

int storage_init(struct storage *st, uint32_t size)
{
	st->size = size;
	st->mem = calloc(1, size);
	st->keys = calloc(1, (size + BLOCK_SIZE - 1) / BLOCK_SIZE);
	if (!st->mem || !st->keys) {
		storage_free(st);
		return -1;
	}
	return 0;
}

void storage_free(struct storage *st)
{
	free(st->mem);
	free(st->keys);
	st->mem = NULL;
	st->keys = NULL;
	st->size = 0;
}

/* Prefixing (GA22-7000 "Prefixing"): real 0-4095 is absolute prefix..prefix+4095
 * and the prefix area itself appears at absolute 0. */
uint32_t real_to_abs(const struct cpu *c, uint32_t ra)
{
	uint32_t page = ra & 0xFFFFF000u;
	if (page == 0)
		return ra + c->prefix;
	if (page == c->prefix)
		return ra - c->prefix;
	return ra;
}

bool abs_valid(const struct storage *st, uint32_t aa, uint32_t len)
{
	return aa < st->size && len <= st->size - aa;
}

uint8_t *real_ptr(struct cpu *c, uint32_t ra)
{
	uint32_t aa = real_to_abs(c, ra & AMASK);
	if (aa >= c->st->size)
		cpu_program_check(c, PGM_ADDRESSING);
	return c->st->mem + aa;
}

uint32_t real_fetch32(struct cpu *c, uint32_t ra)
{
	uint32_t aa = real_to_abs(c, ra & AMASK);
	if (!abs_valid(c->st, aa, 4))
		cpu_program_check(c, PGM_ADDRESSING);
	return be32(c->st->mem + aa);
}

static uint8_t *real_store_ptr(struct cpu *c, uint32_t ra, uint32_t len)
{
	uint32_t aa = real_to_abs(c, ra & AMASK);
	if (!abs_valid(c->st, aa, len))
		cpu_program_check(c, PGM_ADDRESSING);
	c->st->keys[aa >> BLOCK_SHIFT] |= SK_R | SK_C;
	cpu_distrust_code(c); /* a store around the store path (icache.c) */
	return c->st->mem + aa;
}

void real_store32(struct cpu *c, uint32_t ra, uint32_t v) { put32(real_store_ptr(c, ra, 4), v); }
void real_store16(struct cpu *c, uint32_t ra, uint16_t v) { put16(real_store_ptr(c, ra, 2), v); }
void real_store8(struct cpu *c, uint32_t ra, uint8_t v) { *real_store_ptr(c, ra, 1) = v; }

/* Key-controlled protection (GA22-7000 "Key-Controlled Protection"): a store
 * is allowed when the PSW key is zero or equals the block's access-control
 * bits; a fetch also when the block is not fetch-protected. */
static bool key_allows(uint8_t pswkey, uint8_t skey, enum acc acc)
{
	if (pswkey == 0 || pswkey == (skey >> 4))
		return true;
	return acc != ACC_STORE && !(skey & SK_F);
}

/* The access checks for one byte, in the architected order: translation,
 * low-address protection, addressing, key-controlled protection.  Returns
 * the absolute address or leaves by the program exception. */
static uint32_t vaddr_check(struct cpu *c, uint32_t va, enum acc acc)
{
	uint32_t ra = va;
	if (cpu_dat_on(c)) {
		int code = dat_translate(c, va, &ra, false);
		if (code) {
			c->tea = va;
			cpu_program_check(c, code);
		}
	}
	/* Low-address protection: stores to effective addresses 0-511. */
	if (acc == ACC_STORE && (c->cr[0] & CR0_LAP) && va < 512)
		cpu_program_check(c, PGM_PROTECTION);
	uint32_t aa = real_to_abs(c, ra);
	if (aa >= c->st->size)
		cpu_program_check(c, PGM_ADDRESSING);
	if (!key_allows(c->psw.key, c->st->keys[aa >> BLOCK_SHIFT], acc))
		cpu_program_check(c, PGM_PROTECTION);
	return aa;
}

/* The whole check for one byte; on success the reference (and for a store
 * the change) bit is set and the TLB entry for its block is made. */
uint8_t *vaddr_slow(struct cpu *c, uint32_t va, enum acc acc)
{
	va &= AMASK;
	uint32_t aa = vaddr_check(c, va, acc);
	bool lap = acc == ACC_STORE && (c->cr[0] & CR0_LAP);
	uint8_t *key = &c->st->keys[aa >> BLOCK_SHIFT];
	*key |= acc == ACC_STORE ? SK_R | SK_C : SK_R;

	/* PER storage alteration (per.c): every store is seen here, none cached. */
	bool per_store = acc == ACC_STORE && c->per.sa;
	if (per_store)
		per_note_store(c, va, 1);

	/* Cache the block unless low-address protection must see every store to it. */
	if (!(lap && (va >> BLOCK_SHIFT) == 0) && !per_store) {
		struct tlb_entry *tlb = acc == ACC_STORE ? c->tlb_store : c->tlb_fetch;
		struct tlb_entry *e = &tlb[TLB_INDEX(va)];
		uint32_t vblock = va & ~(BLOCK_SIZE - 1);
		uint32_t ablock = aa & ~(BLOCK_SIZE - 1);
		e->tag = (va >> BLOCK_SHIFT) | c->tlb_ctx;
		e->addend = (uintptr_t)(c->st->mem + ablock) - vblock;
	}
	return c->st->mem + aa;
}

void vcheck(struct cpu *c, uint32_t va, uint32_t len, enum acc acc)
{
	/* One probe per 2K block touched, in ascending address order. */
	va &= AMASK;
	if (acc == ACC_STORE && c->per.sa) /* PER: the operand is about to be stored */
		per_note_store(c, va, len);
	while (len) {
		/* A store operand is only probed: its change bits are set, and
		 * its TLB entries made, by the stores themselves, so an operation
		 * suppressed after this check (a data exception, say) leaves
		 * them as they were. */
		if (acc != ACC_STORE)
			(void)vptr(c, va, acc);
		else if (!tlb_lookup(c, c->tlb_store, va))
			(void)vaddr_check(c, va, acc);
		uint32_t chunk = BLOCK_SIZE - (va & (BLOCK_SIZE - 1));
		if (chunk >= len)
			break;
		len -= chunk;
		va = (va + chunk) & AMASK;
	}
}

uint8_t *vrange_slow(struct cpu *c, uint32_t va, uint32_t len, enum acc acc)
{
	vcheck(c, va, len, acc);
	return NULL;
}

uint64_t vfetch_n_slow(struct cpu *c, uint32_t va, int n)
{
	vcheck(c, va, (uint32_t)n, ACC_FETCH);
	uint64_t v = 0;
	for (int k = 0; k < n; k++)
		v = v << 8 | *vptr(c, va + (uint32_t)k, ACC_FETCH);
	return v;
}

void vstore_n_slow(struct cpu *c, uint32_t va, uint64_t v, int n)
{
	vcheck(c, va, (uint32_t)n, ACC_STORE);
	for (int k = n - 1; k >= 0; k--, v >>= 8)
		*vptr(c, va + (uint32_t)k, ACC_STORE) = (uint8_t)v;
}

void vfetch_bytes(struct cpu *c, uint32_t va, uint8_t *buf, uint32_t len)
{
	if (!len)
		return;
	uint8_t *p = vrange(c, va, len, ACC_FETCH);
	if (p) {
		memcpy(buf, p, len);
		return;
	}
	for (uint32_t k = 0; k < len; k++)
		buf[k] = *vptr(c, va + k, ACC_FETCH);
}

void vstore_bytes(struct cpu *c, uint32_t va, const uint8_t *buf, uint32_t len)
{
	if (!len)
		return;
	if (c->per.sa) /* PER: vrange() reports only the first byte */
		per_note_store(c, va, len);
	uint8_t *p = vrange(c, va, len, ACC_STORE);
	if (p) {
		memcpy(p, buf, len);
		return;
	}
	for (uint32_t k = 0; k < len; k++)
		*vptr(c, va + k, ACC_STORE) = buf[k];
}
