/* insnvec.h — table-driven vectors for the general-instruction unit tests
 * (test_fixed.c, test_logical.c, test_shift.c, test_s37x.c, test_branch.c).
 *
 * A vector runs one instruction on a fresh test machine with GPR 2-5 and the
 * fullword at VEC_MEM preset, then checks the program-interruption code,
 * GPR 2 and 3, the condition code and (optionally) the fullword at VEC_MEM.
 * When an interruption was taken the CC is read from the old PSW, and the old
 * PSW must point past the instruction with its ILC (no instruction here
 * nullifies).  Unless the vector gives the starting CC (setcc), the CC is
 * preset to a value other than the expected one, so an instruction that
 * forgets to set it fails; CC_KEEP expects the CC to be left as it was.
 */
#ifndef INSNVEC_H
#define INSNVEC_H

#include <stdio.h>

#include "testcpu.h"

#define VEC_MEM 0x800u
#define CC_KEEP (-1)

struct vec {
	const char *hex; /* the instruction */
	uint32_t g[4];   /* GPR 2-5 before */
	uint32_t mem;    /* fullword at VEC_MEM before */
	uint8_t pmask;   /* program mask before */
	uint32_t x2, x3; /* GPR 2, 3 after */
	int cc;          /* CC after, or CC_KEEP */
	int pgm;         /* program-interruption code, 0 for none */
	bool chkmem;     /* also check the fullword at VEC_MEM ... */
	uint32_t memx;   /* ... against this */
	bool setcc;      /* start with CC = ccin (for instructions that read it) */
	uint8_t ccin;
};

/* CC and instruction address as the program saw them: from the old PSW when
 * an interruption was taken, else from the current PSW. */
static inline int vec_cc(struct tmach *t, int pgm)
{
	return pgm ? (tm_mem(t, LOC_PGM_OLD)[4] >> 4) & 3 : t->c.psw.cc;
}

static inline int vec_len(const char *hex)
{
	unsigned v = 0;
	sscanf(hex, "%2x", &v);
	return cpu_insn_length((uint8_t)v);
}

static inline void vec_run(const struct vec *v, size_t n)
{
	for (size_t k = 0; k < n; k++, v++) {
		struct tmach *t = tm_new();
		for (int r = 0; r < 4; r++)
			t->c.gpr[2 + r] = v->g[r];
		put32(tm_mem(t, VEC_MEM), v->mem);
		t->c.psw.pmask = v->pmask;
		int want_cc = v->cc == CC_KEEP ? 2 : v->cc;
		t->c.psw.cc = (uint8_t)(v->cc == CC_KEEP ? 2 : (v->cc + 1) & 3);
		if (v->setcc) {
			t->c.psw.cc = v->ccin;
			if (v->cc == CC_KEEP)
				want_cc = v->ccin;
		}
		int pgm = tm_exec_hex(t, v->hex);
		int cc = vec_cc(t, pgm);
		uint32_t mem = be32(tm_mem(t, VEC_MEM));
		bool ok = pgm == v->pgm && t->c.gpr[2] == v->x2 && t->c.gpr[3] == v->x3 && cc == want_cc &&
		          (!v->chkmem || mem == v->memx);
		if (pgm) {
			const uint8_t *old = tm_mem(t, LOC_PGM_OLD);
			int len = vec_len(v->hex);
			ok = ok && (be32(old + 4) & AMASK) == TM_IA + (uint32_t)len && old[4] >> 6 == len / 2;
		}
		if (!ok) {
			print_error("vector %zu (%s): pgm %d want %d, r2 %08X want %08X, "
			            "r3 %08X want %08X, cc %d want %d, mem %08X\n",
			            k, v->hex, pgm, v->pgm, t->c.gpr[2], v->x2, t->c.gpr[3], v->x3, cc,
			            want_cc, mem);
			tm_free(t);
			fail();
		}
		tm_free(t);
	}
}

#define VEC_RUN(table) vec_run(table, sizeof(table) / sizeof(table)[0])

/* Branch vectors: GPR 2-5, CC and program mask before; the PSW address and
 * GPR 2, 3 after.  No interruption may occur and the CC must not change. */
struct bvec {
	const char *hex;
	uint32_t g[4];   /* GPR 2-5 before */
	int cc;          /* CC before */
	uint8_t pmask;   /* program mask before */
	uint32_t ia;     /* PSW instruction address after */
	uint32_t x2, x3; /* GPR 2, 3 after */
};

static inline void bvec_run(const struct bvec *v, size_t n)
{
	for (size_t k = 0; k < n; k++, v++) {
		struct tmach *t = tm_new();
		for (int r = 0; r < 4; r++)
			t->c.gpr[2 + r] = v->g[r];
		t->c.psw.cc = (uint8_t)v->cc;
		t->c.psw.pmask = v->pmask;
		int pgm = tm_exec_hex(t, v->hex);
		if (pgm || t->c.psw.ia != v->ia || t->c.gpr[2] != v->x2 || t->c.gpr[3] != v->x3 ||
		    t->c.psw.cc != v->cc) {
			print_error("vector %zu (%s): pgm %d, ia %06X want %06X, r2 %08X want %08X, "
			            "r3 %08X want %08X, cc %d\n",
			            k, v->hex, pgm, t->c.psw.ia, v->ia, t->c.gpr[2], v->x2, t->c.gpr[3],
			            v->x3, t->c.psw.cc);
			tm_free(t);
			fail();
		}
		tm_free(t);
	}
}
#define BVEC_RUN(table) bvec_run(table, sizeof(table) / sizeof(table)[0])

#endif
