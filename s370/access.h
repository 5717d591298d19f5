/* access.h — operand access through the TLB (see storage.h for the model).
 *
 * Every function takes a virtual address (wrapped to 24 bits here) and either
 * returns/stores the value or leaves the instruction through
 * cpu_program_check() with the architected exception.  Multi-byte operands
 * need no alignment (S/370 byte-oriented operands); one that straddles a 2K
 * block takes the slow path byte by byte, so a fault on the second block is
 * recognised before anything is stored.
 */
#ifndef S370_ACCESS_H
#define S370_ACCESS_H

#include "cpu.h"

#define TLB_INDEX(va) (((va) >> BLOCK_SHIFT) & (TLB_SIZE - 1))

static inline uint8_t *tlb_lookup(struct cpu *c, struct tlb_entry *tlb, uint32_t va)
{
	struct tlb_entry *e = &tlb[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == ((va >> BLOCK_SHIFT) | c->tlb_ctx), 1))
		return (uint8_t *)(e->addend + va);
	return NULL;
}

/* The tag an entry holds for the block of address a under the current
 * context.  Looking up the entry of an operand's first byte with the tag of
 * its last byte checks, in the same compare, that the operand does not
 * cross into the next 2K block: that block's tag lives in another entry
 * (and an operand that wraps past 16M has a tag no entry holds). */
static inline uint32_t tlb_tag(const struct cpu *c, uint32_t a)
{
	return (a >> BLOCK_SHIFT) | c->tlb_ctx;
}

/* Whether host bytes [p, p+len) overlap the trusted instruction bytes
 * [code_lo, code_lo + code_n) (icache.c): one unsigned compare; with nothing
 * trusted code_n is 0 and they never do. */
static inline bool code_overlaps(const struct cpu *c, const uint8_t *p, uint32_t len)
{
	return (uintptr_t)p + len - 1 - c->code_lo < c->code_n + len - 1;
}

/* A store into the bytes of a trusted instruction block ends the trust in all
 * of them and the running block after the current instruction. */
static inline void code_store_check(struct cpu *c, const uint8_t *p, uint32_t len)
{
	if (__builtin_expect(code_overlaps(c, p, len), 0)) {
		cpu_distrust_code(c);
		c->attention = 1;
	}
}

/* Host address of one byte; acc is ACC_FETCH, ACC_STORE or ACC_IFETCH. */
static inline uint8_t *vptr(struct cpu *c, uint32_t va, enum acc acc)
{
	va &= AMASK;
	uint8_t *p = tlb_lookup(c, acc == ACC_STORE ? c->tlb_store : c->tlb_fetch, va);
	if (!p)
		p = vaddr_slow(c, va, acc);
	if (acc == ACC_STORE)
		code_store_check(c, p, 1);
	return p;
}

/* Host address of len bytes (1..2048) at va if they lie in one block; else NULL
 * after checking that every byte is accessible (so the caller can go byte-wise). */
uint8_t *vrange_slow(struct cpu *c, uint32_t va, uint32_t len, enum acc acc);
static inline uint8_t *vrange(struct cpu *c, uint32_t va, uint32_t len, enum acc acc)
{
	va &= AMASK;
	if ((va & (BLOCK_SIZE - 1)) + len <= BLOCK_SIZE) {
		uint8_t *p = tlb_lookup(c, acc == ACC_STORE ? c->tlb_store : c->tlb_fetch, va);
		if (!p)
			p = vaddr_slow(c, va, acc);
		if (acc == ACC_STORE)
			code_store_check(c, p, len);
		return p;
	}
	return vrange_slow(c, va, len, acc);
}

/* The host address of len bytes (1..2048) at va when they lie in one 2K
 * block already in the TLB for this access and, for a store, outside the
 * trusted code (icache.c); else NULL, and nothing has happened: the caller
 * then goes its general way (vrange), which raises any exception.  For the
 * short paths of the commonest storage-to-storage instructions, which must
 * stay small enough to be inlined into the block loop (cpu_fast.c). */
static inline uint8_t *vrange_quick(struct cpu *c, uint32_t va, uint32_t len, enum acc acc)
{
	va &= AMASK;
	const struct tlb_entry *e = &(acc == ACC_STORE ? c->tlb_store : c->tlb_fetch)[TLB_INDEX(va)];
	if (e->tag != tlb_tag(c, va + len - 1))
		return NULL;
	uint8_t *p = (uint8_t *)(e->addend + va);
	if (acc == ACC_STORE && code_overlaps(c, p, len))
		return NULL;
	return p;
}

static inline uint8_t vfetch8(struct cpu *c, uint32_t va) { return *vptr(c, va, ACC_FETCH); }
static inline void vstore8(struct cpu *c, uint32_t va, uint8_t v) { *vptr(c, va, ACC_STORE) = v; }

uint64_t vfetch_n_slow(struct cpu *c, uint32_t va, int n);
void vstore_n_slow(struct cpu *c, uint32_t va, uint64_t v, int n);

static inline uint16_t vfetch16(struct cpu *c, uint32_t va)
{
	va &= AMASK;
	const struct tlb_entry *e = &c->tlb_fetch[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == tlb_tag(c, va + 1), 1))
		return be16((const uint8_t *)(e->addend + va));
	return (uint16_t)vfetch_n_slow(c, va, 2);
}
static inline uint32_t vfetch32(struct cpu *c, uint32_t va)
{
	va &= AMASK;
	const struct tlb_entry *e = &c->tlb_fetch[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == tlb_tag(c, va + 3), 1))
		return be32((const uint8_t *)(e->addend + va));
	return (uint32_t)vfetch_n_slow(c, va, 4);
}
static inline uint64_t vfetch64(struct cpu *c, uint32_t va)
{
	va &= AMASK;
	const struct tlb_entry *e = &c->tlb_fetch[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == tlb_tag(c, va + 7), 1))
		return be64((const uint8_t *)(e->addend + va));
	return vfetch_n_slow(c, va, 8);
}
static inline void vstore16(struct cpu *c, uint32_t va, uint16_t v)
{
	va &= AMASK;
	const struct tlb_entry *e = &c->tlb_store[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == tlb_tag(c, va + 1), 1)) {
		uint8_t *p = (uint8_t *)(e->addend + va);
		code_store_check(c, p, 2);
		put16(p, v);
	} else {
		vstore_n_slow(c, va, v, 2);
	}
}
static inline void vstore32(struct cpu *c, uint32_t va, uint32_t v)
{
	va &= AMASK;
	const struct tlb_entry *e = &c->tlb_store[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == tlb_tag(c, va + 3), 1)) {
		uint8_t *p = (uint8_t *)(e->addend + va);
		code_store_check(c, p, 4);
		put32(p, v);
	} else {
		vstore_n_slow(c, va, v, 4);
	}
}
static inline void vstore64(struct cpu *c, uint32_t va, uint64_t v)
{
	va &= AMASK;
	const struct tlb_entry *e = &c->tlb_store[TLB_INDEX(va)];
	if (__builtin_expect(e->tag == tlb_tag(c, va + 7), 1)) {
		uint8_t *p = (uint8_t *)(e->addend + va);
		code_store_check(c, p, 8);
		put64(p, v);
	} else {
		vstore_n_slow(c, va, v, 8);
	}
}

/* Check that len bytes (len >= 1, may wrap at 16M) are accessible, raising the
 * exception for the first inaccessible byte.  SS instructions call this for
 * each operand before changing anything. */
void vcheck(struct cpu *c, uint32_t va, uint32_t len, enum acc acc);

/* Byte-wise moves between guest and host buffers (len <= 256 typically). */
void vfetch_bytes(struct cpu *c, uint32_t va, uint8_t *buf, uint32_t len);
void vstore_bytes(struct cpu *c, uint32_t va, const uint8_t *buf, uint32_t len);

#endif
