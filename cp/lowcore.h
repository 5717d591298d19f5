/* lowcore.h — page 0 of real storage: the locations the architecture assigns
 * (GA22-7000, "Assigned Storage Locations") and the words CP keeps there.
 *
 * When an interruption happens the CPU stores the current PSW as the "old"
 * PSW of its class and loads the class's "new" PSW: that is how control
 * comes to CP.  CP runs in the EC mode, where the interruption code has its
 * own place in page 0 (134, 138, 142, 186); in the BC mode it would be in
 * the old PSW (bits 16-31).
 *
 * CP's own words are at X'C00' up: the interrupt stubs in start.S save the
 * registers there with base register 0, before they have any other base.
 */
#ifndef CP_LOWCORE_H
#define CP_LOWCORE_H

#include <stdint.h>

enum {
	LC_IPL_PSW = 0,      /* IPL PSW; its bytes 2-3 hold the IPL device (BC mode) */
	LC_EXT_OLD = 24,     /* external old PSW */
	LC_SVC_OLD = 32,     /* supervisor-call old PSW */
	LC_PGM_OLD = 40,     /* program old PSW */
	LC_MCK_OLD = 48,     /* machine-check old PSW */
	LC_IO_OLD = 56,      /* I/O old PSW: bytes 2-3 the device address */
	LC_CSW = 64,         /* channel status word of the last I/O interruption or SIO/TIO cc 1 */
	LC_CAW = 72,         /* channel address word: key and address of the first CCW */
	LC_TIMER = 80,       /* interval timer */
	LC_EXT_NEW = 88,
	LC_SVC_NEW = 96,
	LC_PGM_NEW = 104,
	LC_MCK_NEW = 112,
	LC_IO_NEW = 120,
	LC_EXT_CODE = 134,   /* EC mode: external interruption code */
	LC_SVC_ILC = 137,    /* EC mode: SVC: instruction length (bits 5-6) */
	LC_SVC_CODE = 138,
	LC_PGM_ILC = 141,    /* EC mode: program: instruction length (bits 5-6) */
	LC_PGM_CODE = 142,   /* EC mode: program interruption code */
	LC_TEA = 144,        /* translation-exception address */
	LC_IO_ADDR = 186,    /* EC mode: I/O address */

	LC_SAVE_IO = 0xC00,  /* 16 registers at each interruption (start.S) */
	LC_SAVE_PGM = 0xC40,
	LC_SAVE_EXT = 0xC80,
	LC_SAVE_SVC = 0xCC0,
	LC_CP_CR1 = 0xD38,   /* CP's own segment table designation (cpspace.c; start.S) */
	LC_CP_CR0 = 0xD48,   /* CP's CR0 while a guest runs: a shadow of 2K pages changes the real one (start.S) */
};

#define LC8(a) (*(volatile uint8_t *)(uintptr_t)(a))
#define LC16(a) (*(volatile uint16_t *)(uintptr_t)(a))
#define LC32(a) (*(volatile uint32_t *)(uintptr_t)(a))

#endif
