/* gio.h — what the bare test guests (the .c files of tests/guest) share: the places in
 * page 0 that gstart.S's interruption handlers fill, START I/O, waiting for
 * an I/O interruption, and a line on the console (009). */
#ifndef GUEST_GIO_H
#define GUEST_GIO_H

#include <stdint.h>

#include "../../cp/cp.h"

#define G_PGMCODE (*(volatile uint16_t *)0x800) /* a program interruption's code (gstart.S) */
#define G_CSW ((volatile uint8_t *)0x808)       /* the CSW of the last I/O interruption */
#define G_IODONE (*(volatile uint16_t *)0x810)  /* set by the I/O interruption handler */
#define G_EXTCODE (*(volatile uint16_t *)0x812) /* the old PSW's bytes 2-3 (the code in the BC mode) */
#define CAW (*(volatile uint32_t *)72)

enum { G_CONS = 0x009 };

int g_sio(uint16_t dev);                        /* START I/O: the condition code */
void g_wait_io(void);                           /* an enabled wait (channels) until G_IODONE */
int g_start(uint16_t dev, const struct ccw *p); /* CAW, G_IODONE cleared, SIO, the end awaited if started: the CC */
void g_say(const char *fmt, ...) __attribute__((format(printf, 1, 2))); /* a line on the console */

#endif
