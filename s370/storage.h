/* storage.h — main storage, storage keys, and the operand-access fast path.
 *
 * Main storage is a byte array of up to 16 MB (24-bit addresses).  Each 2K
 * block has a storage key (GA22-7000 "Storage Key"):
 *
 *     bit 0-3 ACC  access-control bits (compared with the PSW key)
 *     bit 4   F    fetch-protection
 *     bit 5   R    reference
 *     bit 6   C    change
 *
 * Address kinds: a *virtual* address goes through DAT when the PSW has it on,
 * giving a *real* address; prefixing turns a real address into an *absolute*
 * one (real 0-4095 <-> prefix area).  Handlers only ever use virtual
 * addresses through the vfetch/vstore functions below.  They look in a small
 * TLB of 2K blocks first; an entry is only made once the access has been
 * proven legal (translation, key, low-address protection) and the reference
 * or change bit set, so a hit needs no further checking.  Anything that would
 * change those outcomes (SSK, RRB, PTLB, LCTL of CR0/CR1, SPX) purges the TLB.
 */
#ifndef S370_STORAGE_H
#define S370_STORAGE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <string.h>

#define AMASK 0x00FFFFFFu /* 24-bit addressing */
#define BLOCK_SHIFT 11     /* storage-key block and TLB granule: 2K */
#define BLOCK_SIZE (1u << BLOCK_SHIFT)

enum { SK_ACC = 0xF0, SK_F = 0x08, SK_R = 0x04, SK_C = 0x02 };

struct storage {
	uint8_t *mem;
	uint32_t size; /* bytes, multiple of 4K */
	uint8_t *keys; /* one per 2K block */
};

int storage_init(struct storage *st, uint32_t size); /* 0 or -1 (no memory) */
void storage_free(struct storage *st);

/* Access types for translation and protection. */
enum acc { ACC_FETCH = 0, ACC_STORE = 1, ACC_IFETCH = 2 };

struct cpu;

/* Slow paths (storage.c): translate, check, set R/C, fill the TLB, or raise
 * the program exception.  Return the host address of va. */
uint8_t *vaddr_slow(struct cpu *c, uint32_t va, enum acc acc);

/* real/absolute helpers: for interruption code, DAT tables and channels. */
uint32_t real_to_abs(const struct cpu *c, uint32_t ra);
bool abs_valid(const struct storage *st, uint32_t aa, uint32_t len);
uint8_t *real_ptr(struct cpu *c, uint32_t ra);        /* addressing exception if invalid */
uint32_t real_fetch32(struct cpu *c, uint32_t ra);
void real_store32(struct cpu *c, uint32_t ra, uint32_t v);
void real_store16(struct cpu *c, uint32_t ra, uint16_t v);
void real_store8(struct cpu *c, uint32_t ra, uint8_t v);

/* Translate a virtual address for LRA-like users without touching keys:
 * returns 0 and the real address, or the program-interruption code. */
int dat_translate(struct cpu *c, uint32_t va, uint32_t *ra, bool for_lra);

static inline uint16_t be16(const uint8_t *p) { return (uint16_t)(p[0] << 8 | p[1]); }
static inline uint32_t be32(const uint8_t *p)
{
	uint32_t v;
	memcpy(&v, p, 4);
	return __builtin_bswap32(v);
}
static inline uint64_t be64(const uint8_t *p)
{
	uint64_t v;
	memcpy(&v, p, 8);
	return __builtin_bswap64(v);
}
static inline void put16(uint8_t *p, uint16_t v) { p[0] = (uint8_t)(v >> 8); p[1] = (uint8_t)v; }
static inline void put32(uint8_t *p, uint32_t v)
{
	v = __builtin_bswap32(v);
	memcpy(p, &v, 4);
}
static inline void put64(uint8_t *p, uint64_t v)
{
	v = __builtin_bswap64(v);
	memcpy(p, &v, 8);
}

#endif
