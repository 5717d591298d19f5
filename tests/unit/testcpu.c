/* testcpu.c — see testcpu.h. */
#include "testcpu.h"

#include <stdio.h>
#include <stdlib.h>

static const uint8_t pgm_new_wait[8] = {0x00, 0x02, 0x00, 0x00, 0x00, 0x00, 0xDE, 0xAD};

struct tmach *tm_new(void)
{
	struct tmach *t = calloc(1, sizeof *t);
	assert_non_null(t);
	assert_int_equal(storage_init(&t->st, TM_MEM), 0);
	cpu_init(&t->c, &t->st);
	t->c.s37x = true;
	memcpy(t->st.mem + LOC_PGM_NEW, pgm_new_wait, 8);
	t->c.psw.ia = TM_IA;
	return t;
}

void tm_free(struct tmach *t)
{
	storage_free(&t->st);
	cpu_free(&t->c);
	free(t);
}

static int last_pgm_code(struct tmach *t, uint64_t before)
{
	uint64_t after = 0;
	for (int k = 0; k < 0x14; k++)
		after += t->c.pgm_count[k];
	if (after == before)
		return 0;
	uint8_t *old = t->st.mem + LOC_PGM_OLD;
	if (old[1] & 0x08) /* EC-mode old PSW: code at 142 */
		return be16(t->st.mem + LOC_PGM_CODE);
	return be16(old + 2);
}

static uint64_t pgm_total(struct tmach *t)
{
	uint64_t n = 0;
	for (int k = 0; k < 0x14; k++)
		n += t->c.pgm_count[k];
	return n;
}

int tm_run(struct tmach *t, uint64_t n)
{
	uint64_t before = pgm_total(t);
	cpu_run(&t->c, n);
	return last_pgm_code(t, before);
}

int tm_exec(struct tmach *t, const uint8_t *insn, int len)
{
	memcpy(t->st.mem + TM_IA, insn, (size_t)len);
	t->c.psw.ia = TM_IA;
	t->c.psw.flags &= (uint8_t)~PSW_W;
	return tm_run(t, 1);
}

int tm_exec_hex(struct tmach *t, const char *hex)
{
	uint8_t b[6];
	int n = 0;
	for (const char *p = hex; *p && n < 6;) {
		if (*p == ' ') {
			p++;
			continue;
		}
		unsigned v;
		sscanf(p, "%2x", &v);
		b[n++] = (uint8_t)v;
		p += 2;
	}
	return tm_exec(t, b, n);
}
