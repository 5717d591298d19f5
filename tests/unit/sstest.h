/* sstest.h — helpers for the storage-to-storage, decimal and interlocked
 * instruction tests (test_ss.c, test_long.c, test_decimal.c, test_packed.c,
 * test_edit.c, test_sync.c).
 *
 * Storage contents are written and checked as hex strings ("C1C2 C3"), so a
 * table row reads like a storage dump.  st_exec() presets the CC to a value
 * chosen by the caller, runs one instruction at TM_IA and returns the
 * program-interruption code; st_cc() gives the CC the program saw (from the
 * old PSW when an interruption was taken).
 *
 * s370core is a static archive and optab.c refers to the handlers weakly, so
 * each test names one handler of every object file it needs (see
 * insnvec.h); the anchors are listed in each test file.
 */
#ifndef SSTEST_H
#define SSTEST_H

#include <stdio.h>
#include <string.h>

#include "testcpu.h"

static inline size_t st_hex(uint8_t *out, size_t max, const char *hex)
{
	size_t n = 0;
	for (const char *p = hex; *p && p[1] && n < max;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		unsigned v;
		if (sscanf(p, "%2x", &v) != 1)
			fail_msg("bad hex string \"%s\"", hex);
		out[n++] = (uint8_t)v;
		p += 2;
	}
	return n;
}

/* Store hex bytes at absolute address a. */
static inline void st_put(struct tmach *t, uint32_t a, const char *hex)
{
	uint8_t b[512];
	size_t n = st_hex(b, sizeof b, hex);
	memcpy(tm_mem(t, a), b, n);
}

/* Fill n bytes at a with v. */
static inline void st_fill(struct tmach *t, uint32_t a, uint8_t v, uint32_t n)
{
	memset(tm_mem(t, a), v, n);
}

/* Check storage at a against hex; the message names the case. */
static inline void st_expect(struct tmach *t, uint32_t a, const char *hex, const char *what)
{
	uint8_t b[512];
	size_t n = st_hex(b, sizeof b, hex);
	if (memcmp(tm_mem(t, a), b, n) != 0) {
		char got[1100];
		size_t k, o = 0;
		for (k = 0; k < n && o + 3 < sizeof got; k++)
			o += (size_t)snprintf(got + o, sizeof got - o, "%02X", *tm_mem(t, a + (uint32_t)k));
		fail_msg("%s: storage at %06X is %s, expected %s", what, a, got, hex);
	}
}

static inline int st_cc(struct tmach *t, int pgm)
{
	return pgm ? (tm_mem(t, LOC_PGM_OLD)[4] >> 4) & 3 : t->c.psw.cc;
}

/* Instruction address in the old program PSW (BC mode). */
static inline uint32_t st_old_ia(struct tmach *t)
{
	return be32(tm_mem(t, LOC_PGM_OLD + 4)) & AMASK;
}

static inline int st_exec(struct tmach *t, const char *insn, int cc_preset)
{
	t->c.psw.cc = (uint8_t)cc_preset;
	return tm_exec_hex(t, insn);
}

/* Give the 2K block at a the storage key (access bits in the high nibble). */
static inline void st_key(struct tmach *t, uint32_t a, uint8_t key)
{
	t->st.keys[a >> BLOCK_SHIFT] = key;
	cpu_purge_tlb(&t->c);
}

static inline void st_psw_key(struct tmach *t, uint8_t key)
{
	t->c.psw.key = key;
	cpu_update_ctx(&t->c);
}

/* A CC preset different from the expected one (so a handler that forgets to
 * set the CC fails). */
static inline int st_other_cc(int cc)
{
	return cc == 3 ? 0 : 3;
}

#endif
