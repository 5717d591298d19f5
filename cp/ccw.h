/* ccw.h — the channel command word and the unit status bits (Principles of
 * Operation, "Channel-Command Word", "Unit Status"): what every S/370
 * program that starts I/O needs, CP (cp.h) and CMS (cms/nucleus.h) alike. */
#ifndef CP_CCW_H
#define CP_CCW_H

#include <stdint.h>

struct ccw {
	uint8_t cmd;
	uint8_t addr[3];
	uint8_t flags;
	uint8_t zero;
	uint16_t count;
} __attribute__((aligned(8)));
enum { CCW_CD = 0x80, CCW_CC = 0x40, CCW_SLI = 0x20, CCW_SKIP = 0x10, CCW_PCI = 0x08 };
/* unit status (CSW byte 4) */
enum { US_ATTN = 0x80, US_SM = 0x40, US_CUE = 0x20, US_BUSY = 0x10, US_CE = 0x08, US_DE = 0x04,
       US_UC = 0x02, US_UX = 0x01 };

static inline void ccw_set(struct ccw *c, uint8_t cmd, const void *addr, uint8_t flags, uint16_t count)
{
	uint32_t a = (uint32_t)(uintptr_t)addr;
	c->cmd = cmd;
	c->addr[0] = (uint8_t)(a >> 16);
	c->addr[1] = (uint8_t)(a >> 8);
	c->addr[2] = (uint8_t)a;
	c->flags = flags;
	c->zero = 0;
	c->count = count;
}

#endif
