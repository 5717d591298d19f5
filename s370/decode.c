/* decode.c — out-of-line entry to the decoder in decode.h (for the disassembler and tools). */
#include "decode.h"

void cpu_decode(struct cpu *c, const struct opdef *d, const uint8_t *b, struct insn *i)
{
	decode_insn(c, d, b, i);
}
