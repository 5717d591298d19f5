/* decode.c — out-of-line entries to the decoder in decode.h. */
#include "decode.h"

void decode_invalid(struct cpu *c, const struct insn *i)
{
	(void)i;
	cpu_program_check(c, PGM_OPERATION);
}

void cpu_decode(struct cpu *c, const struct opdef *d, const uint8_t *b, struct insn *i)
{
	struct dinsn di;
	decode_pre(d, b, 0, &di);
	decode_ea(c, &di);
	*i = di.in;
}
