/* cpspace.c — CP's own address space: CP runs with DAT on.
 *
 * Every virtual machine runs in an address space CP built for it (vm.c,
 * vmrun.c).  CP has one too: a segment table and page tables that map each
 * virtual address to the same real address (V=R), for all of real storage,
 * with the translation format every machine uses (64K segments, 4K pages:
 * CR0 bits 8-12, set by vm_init).  So CP's pointers are real addresses all
 * the same, which is what a channel program and the guests' tables need,
 * and an address beyond real storage is a translation exception in CP
 * rather than an addressing exception.
 *
 * The switch happens at every entry to CP and every dispatch of a guest
 * (start.S).  The new PSWs keep DAT off: an interruption of a guest finds
 * CR1 still holding the guest's segment table, so the first instructions of
 * a stub run untranslated, load CR1 with CP's table (kept at LC_CP_CR1),
 * and turn DAT on (STOSM).  run_guest turns DAT off before it loads the
 * guest's CR1, then loads the guest's PSW, which turns DAT on again under
 * the guest's table.  While LC_CP_CR1 is zero (start-up, before cp_dat_on)
 * the stubs leave DAT off.
 */
#include "cp.h"
#include "lowcore.h"

enum { SEGMENTS = 256, PAGES = 4096 };
static uint32_t segtab[SEGMENTS] __attribute__((aligned(64)));  /* STO: 64-byte boundary */
static uint16_t pagetab[PAGES] __attribute__((aligned(64)));    /* PTO: 8-byte boundary */

void cp_dat_on(uint32_t storage_bytes)
{
	uint32_t pages = storage_bytes >> 12, nseg = (pages + 15) / 16;
	for (uint32_t p = 0; p < PAGES; p++) /* page p at real page p; invalid beyond real storage */
		pagetab[p] = p < pages ? (uint16_t)(p << 4) : 0x0008;
	for (uint32_t s = 0; s < SEGMENTS; s++)
		segtab[s] = s < nseg ? 0xF0000000u | (uint32_t)(uintptr_t)&pagetab[16 * s] : 0x00000001u;
	uint32_t cr1 = (nseg + 15) / 16 - 1;
	cr1 = cr1 << 24 | (uint32_t)(uintptr_t)segtab;
	LC32(LC_CP_CR1) = cr1;
	static uint8_t mask;
	__asm__ volatile("lctl 1,1,%0\n\t.insn s,0xb20d0000,0\n\tstosm %1,0x04"
	                 : : "Q"(cr1), "Q"(mask) : "memory");
}
