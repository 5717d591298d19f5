/* decode.c — the handler of unassigned opcodes, named by decode_pre(). */
#include "decode.h"

void decode_invalid(struct cpu *c, const struct insn *i)
{
	(void)i;
	cpu_program_check(c, PGM_OPERATION);
}
