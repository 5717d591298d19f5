/* pagetest.c — a bare guest that fills its storage and checks it, so that
 * CP must page (tests/cli/cp_paging.sh runs two of them at once in more
 * virtual storage than the machine has real).
 *
 * It asks CP its size (DIAGNOSE X'60'), writes every word from 64K to the
 * end with a value made of its address and a seed, reads them all back,
 * then does it again with other seeds.  One line per round on its console: "PAGING ROUND n: OK" or what was wrong; then
 * "PAGING: n OF n OK" and a disabled wait.
 */
#include <stddef.h>
#include <stdint.h>

#include "../../cp/cp.h"

#define CAW (*(volatile uint32_t *)72)
#define G_CSW ((volatile uint8_t *)0x808)
#define G_IODONE (*(volatile uint16_t *)0x810)
enum { CONS = 0x009, LOW = 0x10000, ROUNDS = 3 };

static int sio(uint16_t dev)
{
	int cc;
	__asm__ volatile(".insn s,0x9c000000,0(%1)\n\tipm %0\n\tsrl %0,28" : "=d"(cc) : "a"((uint32_t)dev) : "cc", "memory");
	return cc;
}

static void wait_io(void)
{
	static volatile uint32_t psw[2] __attribute__((aligned(8)));
	psw[0] = 0xFE020000u; /* BC mode, channels enabled, wait */
	while (!G_IODONE)
		__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:" : : "a"(psw) : "r1", "memory");
}

static void say(const char *fmt, ...) __attribute__((format(printf, 1, 2)));
static void say(const char *fmt, ...)
{
	static char line[120];
	static uint8_t out[120];
	static struct ccw w;
	va_list ap;
	va_start(ap, fmt);
	int n = cp_vformat(line, sizeof line, fmt, ap);
	va_end(ap);
	if (n > (int)sizeof line - 1)
		n = sizeof line - 1;
	cp_to_ebcdic(out, line, (size_t)n);
	ccw_set(&w, 0x09, out, CCW_SLI, (uint16_t)n);
	CAW = (uint32_t)(uintptr_t)&w;
	G_IODONE = 0;
	if (sio(CONS) == 0)
		wait_io();
}

static uint32_t value(uint32_t a, uint32_t seed) { return (a * 2654435761u) ^ seed ^ (a >> 12); }

int main(void)
{
	uint32_t size = 0;
	__asm__ volatile(".insn rs,0x83000000,%0,%%r0,0x60(%%r0)" : "=d"(size) : : "cc");
	say("PAGING TEST: %uK", size / 1024);
	uint32_t ok = 0;
	for (uint32_t round = 1; round <= ROUNDS; round++) {
		uint32_t seed = round * 0x9E3779B9u, bad = 0, first = 0;
		for (uint32_t a = LOW; a < size; a += 4)
			*(volatile uint32_t *)(uintptr_t)a = value(a, seed);
		for (uint32_t a = LOW; a < size; a += 4)
			if (*(volatile uint32_t *)(uintptr_t)a != value(a, seed) && !bad++)
				first = a;
		if (bad)
			say("PAGING ROUND %u: WRONG %u WORDS, FIRST AT %06X", round, bad, first);
		else
			say("PAGING ROUND %u: OK", round);
		ok += !bad;
	}
	say("PAGING: %u OF %u OK", ok, (uint32_t)ROUNDS);
	return 0;
}
