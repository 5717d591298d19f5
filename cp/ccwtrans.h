/* ccwtrans.h — CCW translation (ccwtrans.c), shared by vio.c. */
#ifndef CP_CCWTRANS_H
#define CP_CCWTRANS_H
#include "cp.h"

enum { XL_MAX_CCWS = 256, XL_MAX_IDAWS = 2048, XL_MAX_FIX = 1024, XL_MAX_RDC = 8 };

/* A guest's channel program as the real channel will run it. */
struct xlate {
	struct ccw real[XL_MAX_CCWS];     /* the copies, in CP's storage */
	uint32_t guest[XL_MAX_CCWS];      /* the guest address of each copy (0: a CCW of CP's own) */
	uint8_t arg[XL_MAX_CCWS][16];     /* CP's copies of seek arguments, file masks, FBA extents */
	uint32_t idaw[XL_MAX_IDAWS];      /* IDAWs CP wrote: real addresses */
	uint16_t fix[XL_MAX_FIX];         /* the guest pages fixed while it runs */
	int n, nidaw, nfix;
	bool dedicated;                   /* a dedicated device: no relocation, every command */
	uint8_t dc_cmd;                   /* data chaining: the command the chain goes on with, else 0 */
	int nrdc;                         /* FBA Read Device Characteristics, patched after the I/O (xl_after): */
	struct {
		int slot;                     /* its copy */
		uint32_t addr;                /* the guest's data address (or IDAW list) */
		uint16_t count;
		uint8_t flags;
	} rdc[XL_MAX_RDC];
};

/* The guest CCW, as fetched. */
struct gccw {
	uint8_t cmd, flags;
	uint32_t addr;
	uint16_t count;
};

bool xl_fetch_ccw(struct vm *v, uint32_t at, struct gccw *c);
void xl_begin(struct xlate *x, bool dedicated);
void xl_own(struct xlate *x, uint8_t cmd, const void *data, uint8_t flags, uint16_t count);
/* Translate one CCW (not a TIC) at guest address at into the next slot.
 * False, and *why (X'20' program check, X'8x' command reject, X'84' beyond
 * the extent), when it cannot run. */
bool xl_copy_ccw(struct vm *v, struct vdev *d, uint32_t at, const struct gccw *c, struct xlate *x, bool *sfm,
                 int *why);
/* The whole program from at (TICs followed): same answers. */
bool xl_translate(struct vm *v, struct vdev *d, uint32_t at, struct xlate *x, bool *sfm, int *why);
/* The guest's CCW address for the real CSW's (the copy after the last one run). */
uint32_t xl_guest_next(const struct xlate *x, uint32_t real_next);
void xl_unfix(struct vm *v, struct xlate *x);  /* the I/O is over: the pages are free to move again */
/* The I/O is over (the real CSW's CCW address real_next): an FBA minidisk's
 * Read Device Characteristics that ran get the minidisk's block count. */
void xl_after(struct vm *v, const struct vdev *d, const struct xlate *x, uint32_t real_next);

/* TRACE CCW (trace.c): the program as the guest wrote it and as the real
 * channel runs it, from slot from; after the I/O, the real CSW and the
 * guest's. */
void trace_ccws(struct user *u, const struct vdev *d, const struct xlate *x, int from);
void trace_csw(struct user *u, const struct vdev *d);

#endif
