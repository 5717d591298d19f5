/* fuzz_driver.c — the driver program of a fuzz batch, written by a small assembler:
 * it runs the stream records one after the other and stores a snapshot of each stream's
 * end (tools/fuzz370.c has the storage layout).  Everything is addressed absolutely
 * (base 0): driver, variables and literals all lie below X'800'.
 */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include "fuzz370.h"

/* ---- A small assembler for the driver ----------------------------------------------- */

struct asm_ctx {
	uint8_t *mem;
	uint32_t pc;
	uint32_t lit; /* next free literal word */
};

static void emit(struct asm_ctx *a, int n, ...)
{
	va_list ap;
	va_start(ap, n);
	for (int k = 0; k < n; k++)
		a->mem[a->pc++] = (uint8_t)va_arg(ap, int);
	va_end(ap);
}
static void rr(struct asm_ctx *a, int op, int r1, int r2)
{
	emit(a, 2, op, r1 << 4 | r2);
}
static void rx(struct asm_ctx *a, int op, int r1, int x, int b, uint32_t d)
{
	emit(a, 4, op, r1 << 4 | x, b << 4 | (int)(d >> 8 & 15), (int)(d & 255));
}
static void si(struct asm_ctx *a, int op, int i2, int b, uint32_t d)
{
	emit(a, 4, op, i2, b << 4 | (int)(d >> 8 & 15), (int)(d & 255));
}
static void s16(struct asm_ctx *a, int op, int op2, int b, uint32_t d)
{
	emit(a, 4, op, op2, b << 4 | (int)(d >> 8 & 15), (int)(d & 255));
}
static void ss(struct asm_ctx *a, int op, int l, int b1, uint32_t d1, int b2, uint32_t d2)
{
	emit(a, 6, op, l, b1 << 4 | (int)(d1 >> 8 & 15), (int)(d1 & 255), b2 << 4 | (int)(d2 >> 8 & 15),
	     (int)(d2 & 255));
}
static uint32_t literal(struct asm_ctx *a, uint32_t v)
{
	for (uint32_t p = LIT0; p < a->lit; p += 4)
		if (r32(a->mem + p) == v)
			return p;
	if (a->lit + 4 > LIT_END) {
		fprintf(stderr, "fuzz370: literal pool full\n");
		exit(2);
	}
	w32(a->mem + a->lit, v);
	a->lit += 4;
	return a->lit - 4;
}
/* L r,=F'v' */
static void lv(struct asm_ctx *a, int r, uint32_t v)
{
	if (v < 4096)
		rx(a, 0x41, r, 0, 0, v); /* LA */
	else
		rx(a, 0x58, r, 0, 0, literal(a, v));
}

/* The driver; see the header comment.  Everything is addressed absolutely (base 0). */
void fz_build_driver(uint8_t *mem, int n)
{
	struct asm_ctx a = {mem, DRIVER, LIT0};
	uint32_t res0 = results_start(n);
	w32(mem + V_RECPTR, RECORDS);
	w32(mem + V_RESPTR, res0 + RES_HDR);
	w32(mem + V_COUNT, (uint32_t)n);

	uint32_t next = a.pc;
	rx(&a, 0xB7, 0, 0, 0, literal(&a, 0)); /* LCTL 0,0,=F'0': no LAP for the driver */
	rx(&a, 0x58, 5, 0, 0, V_COUNT);        /* L 5,COUNT */
	rr(&a, 0x12, 5, 5);                    /* LTR 5,5 */
	uint32_t bz = a.pc;
	rx(&a, 0x47, 8, 0, 0, 0); /* BZ FINISH (patched) */
	/* Every storage key up to the end of the results: key 0, fetch protection.  Only the
	 * first 64K unless the record asks for all (the previous stream could have run SSK). */
	rx(&a, 0x58, 7, 0, 0, V_RECPTR); /* L 7,RECPTR */
	rr(&a, 0x1B, 2, 2);              /* SR 2,2 */
	lv(&a, 4, 2048);
	lv(&a, 5, RECORDS - 1);
	rx(&a, 0x41, 6, 0, 0, 0x08); /* LA 6,X'08' */
	si(&a, 0x95, 0, 7, 0xD4);    /* CLI X'D4'(7),0 */
	uint32_t bfew = a.pc;
	rx(&a, 0x47, 8, 0, 0, 0); /* BE KLOOP */
	lv(&a, 5, results_end(n) - 1);
	uint32_t kloop = a.pc;
	w16(mem + bfew + 2, kloop);
	rr(&a, 0x08, 6, 2);           /* SSK 6,2 */
	rx(&a, 0x87, 2, 4, 0, kloop); /* BXLE 2,4,KLOOP */
	/* Zero 800-1FFF, then the code, data and tables. */
	lv(&a, 8, 0x800);
	lv(&a, 9, 0x1800);
	rr(&a, 0x1B, 10, 10);
	rr(&a, 0x1B, 11, 11);
	rr(&a, 0x0E, 8, 10);                           /* MVCL 8,10 */
	rx(&a, 0x58, 8, 0, 7, 0xD0);                   /* L 8,X'D0'(7) */
	ss(&a, 0xD2, CODE_LEN - 1, 8, 0, 7, REC_CODE); /* MVC 0(256,8),X'100'(7) */
	lv(&a, 8, DATA_R);
	lv(&a, 9, DATA_LEN);
	rx(&a, 0x41, 10, 0, 7, REC_DATA); /* LA 10,X'200'(7) */
	rr(&a, 0x18, 11, 9);
	rr(&a, 0x0E, 8, 10);
	lv(&a, 8, TABLES_R);
	lv(&a, 9, TABLES_LEN);
	lv(&a, 10, REC_TABLES);
	rr(&a, 0x1A, 10, 7);
	rr(&a, 0x18, 11, 9);
	rr(&a, 0x0E, 8, 10);
	ss(&a, 0xD2, HDR_LEN - 1, 0, HDR, 7, 0); /* MVC HDR(224),0(7) */
	/* Keys of blocks 0-31 from the header. */
	rr(&a, 0x1B, 2, 2);
	rr(&a, 0x1B, 3, 3);
	rr(&a, 0x1B, 6, 6);
	uint32_t kl2 = a.pc;
	rx(&a, 0x43, 6, 3, 0, HDR + 0xB0);      /* IC 6,KEYS(3) */
	rr(&a, 0x08, 6, 2);                     /* SSK 6,2 */
	rx(&a, 0x41, 2, 0, 2, 2048);            /* can't: D max 4095 -> LA 2,2048(2) is fine */
	rx(&a, 0x41, 3, 0, 3, 1);               /* LA 3,1(3) */
	rx(&a, 0x59, 3, 0, 0, literal(&a, 32)); /* C 3,=F'32' */
	rx(&a, 0x47, 4, 0, 0, kl2);             /* BL KL2 */
	lv(&a, 8, REC_SIZE);
	rr(&a, 0x1A, 7, 8);
	rx(&a, 0x50, 7, 0, 0, V_RECPTR);    /* ST 7,RECPTR */
	ss(&a, 0xD7, 23, 0, 0x88, 0, 0x88); /* XC X'88'(24),X'88' */
	rx(&a, 0xB7, 0, 15, 0, HDR + 0x70); /* LCTL 0,15,CRS */
	s16(&a, 0xB2, 0x0D, 0, 0);          /* PTLB */
	for (int f = 0; f < 4; f++)
		rx(&a, 0x68, 2 * f, 0, 0, HDR + 0x50 + 8 * (uint32_t)f); /* LD */
	rx(&a, 0x98, 0, 15, 0, HDR + 0x10);                              /* LM 0,15,GRS */
	s16(&a, 0x82, 0x00, 0, HDR);                                     /* LPSW PSW */

	/* SVC and program handlers. */
	uint32_t svch = a.pc;
	rx(&a, 0x90, 0, 15, 0, SNAP);             /* STM 0,15,SNAP */
	ss(&a, 0xD2, 7, 0, SNAP + 0x40, 0, 0x20); /* MVC OLDPSW,X'20' */
	si(&a, 0x92, 1, 0, SNAP + 0x4B);          /* MVI TAG+3,1 */
	uint32_t bcommon = a.pc;
	rx(&a, 0x47, 15, 0, 0, 0);
	uint32_t pgmh = a.pc;
	rx(&a, 0x90, 0, 15, 0, SNAP);
	ss(&a, 0xD2, 7, 0, SNAP + 0x40, 0, 0x28);
	si(&a, 0x92, 2, 0, SNAP + 0x4B);
	uint32_t common = a.pc;
	w16(mem + bcommon + 2, common);
	for (int f = 0; f < 4; f++)
		rx(&a, 0x60, 2 * f, 0, 0, SNAP + 0x50 + 8 * (uint32_t)f); /* STD */
	rx(&a, 0xB6, 0, 15, 0, SNAP + 0x70);                              /* STCTL 0,15,CRS */
	rx(&a, 0xB7, 0, 0, 0, literal(&a, 0));                            /* LCTL 0,0,=F'0' */
	ss(&a, 0xD2, 23, 0, SNAP + 0xB0, 0, 0x88);                        /* MVC INFO(24),X'88' */
	for (int k = 0; k < 2; k++) {
		lv(&a, 2, DATA_R + 2048 * (uint32_t)k);
		rr(&a, 0x1B, 6, 6);
		rr(&a, 0x09, 6, 2);                               /* ISK 6,2 */
		rx(&a, 0x54, 6, 0, 0, literal(&a, 0xFA));         /* N 6,=X'FA': reference bit off */
		rx(&a, 0x42, 6, 0, 0, SNAP + 0xC8 + (uint32_t)k); /* STC */
	}
	rx(&a, 0x58, 3, 0, 0, V_RESPTR);           /* L 3,RESPTR */
	ss(&a, 0xD2, SNAP_LEN - 1, 3, 0, 0, SNAP); /* MVC 0(208,3),SNAP */
	rx(&a, 0x41, 8, 0, 3, 0x100);              /* LA 8,X'100'(3) */
	lv(&a, 9, DATA_LEN);
	lv(&a, 10, DATA_R);
	rr(&a, 0x18, 11, 9);
	rr(&a, 0x0E, 8, 10); /* MVCL 8,10 */
	lv(&a, 8, SLOT_SIZE);
	rr(&a, 0x1A, 3, 8);
	rx(&a, 0x50, 3, 0, 0, V_RESPTR);
	rx(&a, 0x58, 5, 0, 0, V_COUNT);
	rr(&a, 0x06, 5, 0); /* BCTR 5,0 */
	rx(&a, 0x50, 5, 0, 0, V_COUNT);
	rx(&a, 0x47, 15, 0, 0, next);
	uint32_t finish = a.pc;
	w16(mem + bz + 2, finish);
	lv(&a, 3, res0);
	rx(&a, 0x58, 4, 0, 0, literal(&a, 0xC4D6D5C5)); /* "DONE" */
	rx(&a, 0x50, 4, 0, 3, 0);
	rx(&a, 0x41, 4, 0, 0, (uint32_t)n & 0xFFF);
	rx(&a, 0x50, 4, 0, 3, 4);
	s16(&a, 0x82, 0, 0, WAIT_PSW); /* LPSW WAIT */
	if (a.pc > DRIVER_END) {
		fprintf(stderr, "fuzz370: driver too large\n");
		exit(2);
	}
	w32(mem + WAIT_PSW, 0x000A0000), w32(mem + WAIT_PSW + 4, 0);

	/* New PSWs (EC mode, key 0, everything masked). */
	w32(mem + 0x00, 0x00080000), w32(mem + 0x04, DRIVER);
	w32(mem + 0x58, 0x000A0000), w32(mem + 0x5C, 0xE58);
	w32(mem + 0x60, 0x00080000), w32(mem + 0x64, svch);
	w32(mem + 0x68, 0x00080000), w32(mem + 0x6C, pgmh);
	w32(mem + 0x70, 0x000A0000), w32(mem + 0x74, 0xE70);
	w32(mem + 0x78, 0x000A0000), w32(mem + 0x7C, 0xE78);
}
