/* disasm.c — placeholder until the disassembler lands: mnemonic only. */
#include <stdio.h>

#include "cpu.h"

int cpu_disasm(const uint8_t *b, uint32_t addr, char *out, int outlen)
{
	(void)addr;
	const struct opdef *d = cpu_opdef(b[0], b[1]);
	return snprintf(out, (size_t)outlen, "%s", d->mnem ? d->mnem : "?");
}
