/* testcpu.h — a small machine for instruction unit tests.
 *
 * tm_new() builds a CPU with 64K of storage in BC mode, problem state off,
 * key 0.  tm_exec() places one instruction at TM_IA, runs exactly that
 * instruction and returns the program-interruption code it caused (0 for
 * none).  The program new PSW is a disabled wait, so an interruption stops
 * the machine right after it is taken.
 */
#ifndef TESTCPU_H
#define TESTCPU_H

#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <cmocka.h>

#include "access.h"

#define TM_IA 0x1000u
#define TM_MEM (64 * 1024)

struct tmach {
	struct storage st;
	struct cpu c;
};

struct tmach *tm_new(void);
void tm_free(struct tmach *t);
/* Run the instruction given as bytes (2, 4 or 6) at TM_IA. */
int tm_exec(struct tmach *t, const uint8_t *insn, int len);
/* Same, instruction given as a hex string such as "1A12" or "5A10 2004". */
int tm_exec_hex(struct tmach *t, const char *hex);
/* Run from the current PSW for at most n instructions; returns pgm code of the
 * last program interruption taken (0 if none). */
int tm_run(struct tmach *t, uint64_t n);
/* Address of storage byte (absolute). */
static inline uint8_t *tm_mem(struct tmach *t, uint32_t a) { return t->st.mem + a; }

#endif
