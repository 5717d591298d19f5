/* chantest.h — a small machine with a channel subsystem, for the channel
 * and device tests: helpers to lay out CCWs, run I/O instructions and read
 * the CSW. */
#ifndef CHANTEST_H
#define CHANTEST_H

#include <stdio.h>
#include <stdlib.h>

#include "channel.h"
#include "chansys.h"
#include "testcpu.h"

struct ctm {
	struct tmach *t;
	struct chan_subsys *cs;
	char out[4096]; /* console lines, each ending in \n */
};

static inline void ctm_print(void *ctx, const char *line)
{
	struct ctm *m = ctx;
	size_t n = strlen(m->out);
	snprintf(m->out + n, sizeof m->out - n, "%s\n", line);
}

static inline struct ctm *ctm_new(void)
{
	struct ctm *m = calloc(1, sizeof *m);
	assert_non_null(m);
	m->t = tm_new();
	m->cs = chan_create(&m->t->c);
	assert_non_null(m->cs);
	chan_set_printer(m->cs, ctm_print, m);
	/* I/O new PSW: disabled wait at X'000IO0', so a test sees the interruption */
	static const uint8_t io_new[8] = {0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0x01, 0x00};
	memcpy(tm_mem(m->t, LOC_IO_NEW), io_new, 8);
	return m;
}

static inline void ctm_free(struct ctm *m)
{
	chan_destroy(m->cs);
	tm_free(m->t);
	free(m);
}

static inline void put_ccw(struct ctm *m, uint32_t a, uint8_t cmd, uint32_t data, uint8_t flags,
                           uint16_t count)
{
	uint8_t *p = tm_mem(m->t, a);
	p[0] = cmd;
	p[1] = (uint8_t)(data >> 16);
	p[2] = (uint8_t)(data >> 8);
	p[3] = (uint8_t)data;
	p[4] = flags;
	p[5] = 0;
	p[6] = (uint8_t)(count >> 8);
	p[7] = (uint8_t)count;
}

static inline void put_caw(struct ctm *m, uint8_t key, uint32_t a)
{
	put32(tm_mem(m->t, LOC_CAW), (uint32_t)key << 28 | a);
}

/* Run one I/O instruction (hex), assert no program interruption, return CC. */
static inline int io_insn(struct ctm *m, const char *hex)
{
	assert_int_equal(tm_exec_hex(m->t, hex), 0);
	return m->t->c.psw.cc;
}

/* The CSW at 64 as "kkaaaaaa uucc nnnn" text. */
static inline const char *csw_text(struct ctm *m)
{
	static char buf[32];
	const uint8_t *p = tm_mem(m->t, LOC_CSW);
	snprintf(buf, sizeof buf, "%02X%02X%02X%02X %02X%02X %02X%02X", p[0], p[1], p[2], p[3], p[4], p[5],
	         p[6], p[7]);
	return buf;
}

static inline void fill_csw(struct ctm *m)
{
	memset(tm_mem(m->t, LOC_CSW), 0xAA, 8);
}

/* Run due device events and posted work now. */
static inline void ctm_service(struct ctm *m)
{
	chan_service(m->cs, UINT64_MAX);
}

#endif
