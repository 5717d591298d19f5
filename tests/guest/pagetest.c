/* pagetest.c — a bare guest that fills its storage and checks it, so that
 * CP must page (tests/cli/cp_paging.sh runs two of them at once in more
 * virtual storage than the machine has real).
 *
 * It asks CP its size (DIAGNOSE X'60'), writes every word from 64K to the
 * end with a value made of its address and a seed, reads them all back,
 * then does it again with other seeds; from the second round on, first it
 * reads a record of its minidisk into pages the other machine has made CP
 * page out.  One line per round on its console: "PAGING ROUND n: OK" or what was wrong; then
 * "PAGING: n OF n OK" and a disabled wait.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

enum { CONS = 0x009, LOW = 0x10000, ROUNDS = 3 };




static uint32_t value(uint32_t a, uint32_t seed) { return (a * 2654435761u) ^ seed ^ (a >> 12); }

/* Read the IPL record (cylinder 0, head 0, R1: 24 bytes) of the minidisk
 * 192 to buf, which crosses a page boundary; the CSW's status, or -1. */
static int read_ipl_record(uint8_t *buf)
{
	static struct ccw prog[4] __attribute__((aligned(8)));
	static uint8_t seek[6], id[5] = {0, 0, 0, 0, 1};
	ccw_set(&prog[0], 0x07, seek, CCW_CC, 6);
	ccw_set(&prog[1], 0x31, id, CCW_CC, 5);
	ccw_set(&prog[2], 0x08, &prog[1], 0, 1);
	ccw_set(&prog[3], 0x06, buf, 0, 24);
	CAW = (uint32_t)(uintptr_t)prog;
	G_IODONE = 0;
	if (g_sio(0x192))
		return -1;
	g_wait_io();
	return G_CSW[4] << 8 | G_CSW[5];
}

int main(void)
{
	uint32_t size = 0;
	__asm__ volatile(".insn rs,0x83000000,%0,%%r0,0x60(%%r0)" : "=d"(size) : : "cc");
	g_say("PAGING TEST: %uK", size / 1024);
	uint32_t ok = 0;
	for (uint32_t round = 1; round <= ROUNDS; round++) {
		uint32_t seed = round * 0x9E3779B9u, bad = 0, first = 0;
		if (round > 1) {
			/* the pages around X'20000' were written last round, and paged out
			 * since by the other machine: CP must bring them in and fix them
			 * for the channel program, whose data crosses between them.  The
			 * record's CCWs (bytes 8-23) are what the IPL put at 8-23. */
			uint8_t *buf = (uint8_t *)0x1FFF0;
			int st = read_ipl_record(buf);
			bool same = st == 0x0C00;
			for (int k = 8; k < 24; k++)
				same = same && buf[k] == ((volatile uint8_t *)0)[k];
			if (!same)
				g_say("PAGING ROUND %u: WRONG READ INTO PAGED-OUT PAGES, STATUS %04X", round, (uint32_t)st);
			bad += !same;
		}
		for (uint32_t a = LOW; a < size; a += 4)
			*(volatile uint32_t *)(uintptr_t)a = value(a, seed);
		for (uint32_t a = LOW; a < size; a += 4)
			if (*(volatile uint32_t *)(uintptr_t)a != value(a, seed) && !bad++)
				first = a;
		if (first)
			g_say("PAGING ROUND %u: WRONG %u WORDS, FIRST AT %06X", round, bad, first);
		else if (!bad)
			g_say("PAGING ROUND %u: OK", round);
		ok += !bad;
	}
	g_say("PAGING: %u OF %u OK", ok, (uint32_t)ROUNDS);
	return 0;
}
