/* fuzz370.h — shared by the parts of the differential fuzzer (tools/fuzz370.c explains
 * the whole): the storage layout of a batch, the description of a stream, and the
 * functions of fuzz_driver.c (the driver program), fuzz_gen.c (random streams) and
 * fuzz_known.c (documented divergences).
 */
#ifndef FUZZ370_H
#define FUZZ370_H

#include <stdbool.h>
#include <stdint.h>
#include <stdio.h>

#include "cpu.h"

/* ---- Layout ------------------------------------------------------------------------- */

enum {
	MAIN_SIZE = 8 << 20,
	SNAP = 0x200, /* snapshot: GRs 200, old PSW 240, tag 248, FPR 250, CR 270, info 2B0, keys 2C8 */
	SNAP_LEN = 0xD0,
	HDR = 0x300, /* header copy: PSW 300, GR 310, FPR 350, CR 370, keys 3B0, code address 3D0 */
	HDR_LEN = 0xE0,
	V_RECPTR = 0x3E0,
	V_RESPTR = 0x3E4,
	V_COUNT = 0x3E8,
	DRIVER = 0x400,
	DRIVER_END = 0x780,
	LIT0 = 0x780,
	LIT_END = 0x7F8,  /* literals: word constants used by the driver */
	WAIT_PSW = 0x7F8, /* the disabled wait that ends a batch */
	CODE_V = 0x800,   /* virtual (and DAT-off real) address of a stream's code */
	CODE_LEN = 0x100,
	DATA_R = 0x2000,
	DATA_LEN = 0x1000,
	TABLES_R = 0x3000,
	TABLES_LEN = 0xC00,
	RECORDS = 0x10000,
	/* Record: PSW 0, GR 10, FPR 50, CR 70, keys B0 (blocks 0-31), code real address D0,
	 * code 100, data 200, tables 1200. */
	REC_CODE = 0x100,
	REC_DATA = 0x200,
	REC_TABLES = 0x1200,
	REC_SIZE = 0x1E00,
	SLOT_SIZE = 0x1100, /* snapshot (D0 used of 100) + data area */
	RES_HDR = 0x100,    /* results area header: "DONE" and the count */
};

static inline uint32_t results_start(int n)
{
	return (RECORDS + (uint32_t)n * REC_SIZE + 0xFFF) & ~0xFFFu;
}
static inline uint32_t results_end(int n)
{
	return results_start(n) + RES_HDR + (uint32_t)n * SLOT_SIZE;
}

extern bool opt_s37x; /* --s37x: streams may use the S/370 instruction extension */
/* --all: also generate what is known to diverge for a reason already documented in
 * docs/divergences.md (so the default run shows only new divergences): access
 * exceptions in instruction fetch (fetch-protected code block, invalid or bad page-table
 * entry for the code page: D1), short page tables (H2), RRB and ISK in the EC mode
 * (reference bits, M1), IPM with S37X off (H3). */
extern bool opt_all;

/* ---- Big-endian storage helpers ----------------------------------------------------- */

static inline void w16(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 8);
	p[1] = (uint8_t)v;
}
static inline void w32(uint8_t *p, uint32_t v)
{
	w16(p, v >> 16);
	w16(p + 2, v);
}
static inline uint32_t r32(const uint8_t *p)
{
	return (uint32_t)p[0] << 24 | (uint32_t)p[1] << 16 | (uint32_t)p[2] << 8 | p[3];
}

/* ---- Streams ------------------------------------------------------------------------ */

enum { MAX_INSN = 24, MAX_EXT = 4, NCELL = DATA_LEN / 16 };

/* What a 16-byte cell of the data area holds, so that operands can be aimed at it. */
enum cell { C_RANDOM, C_ZERO, C_PACKED, C_ZONED, C_HFP, C_EDIT, C_INT, C_TEXT };

/* How a branch instruction's target is written once the stream is laid out. */
enum fix { FX_NONE, FX_D2, FX_LA, FX_REL16, FX_REL32, FX_EX };

struct gi {
	uint8_t b[6];
	int len;
	enum fix fix;
	int target;  /* instruction index (n = the final SVC), or EX target number */
	bool paired; /* an RR branch whose register an LA just set: never a branch target */
};

struct stream {
	uint64_t seed;
	bool ec, dat, problem;
	int key, pfmt; /* pfmt bit 0: 4K pages, bit 1: 1M segments */
	uint32_t vd;   /* virtual address of the data area */
	uint32_t code_real;
	uint32_t gr[16], cr[16];
	uint64_t fpr[4];
	uint16_t ptrmask;                 /* registers holding pointers into the data area */
	uint8_t cell[NCELL], plen[NCELL]; /* cell kinds, packed length */
	uint8_t keys[32];
	uint8_t data[DATA_LEN], tables[TABLES_LEN];
	struct gi in[MAX_INSN], ext[MAX_EXT];
	int n, next;
	uint8_t psw[8];
	uint8_t code[CODE_LEN];
	uint32_t off[MAX_INSN + 1], extoff[MAX_EXT];
};

/* fuzz_driver.c: the driver and new PSWs of a batch of n streams into mem. */
void fz_build_driver(uint8_t *mem, int n);

/* fuzz_gen.c */
void fz_init(void);                                /* the opcode table to draw from */
void fz_generate(struct stream *s, uint64_t seed); /* the stream of this seed */
void fz_write_record(const struct stream *s, uint8_t *rec);
void fz_show(const struct stream *s, FILE *f); /* environment and disassembly */

/* Offsets in a result slot (the snapshot the driver stores, then the data area). */
enum { S_GR = 0x00, S_PSW = 0x40, S_TAG = 0x48, S_INFO = 0xB0, S_KEYS = 0xC8, S_DATA = 0x100 };

/* fuzz_known.c: the labels of the documented divergences that explain every difference
 * between the two slots of stream s, or NULL. */
const char *fz_known(const struct stream *s, const uint8_t *ours, const uint8_t *herc, char *buf, size_t n);

#endif
