/* insn_io.c — the CPU side of the S/370 I/O instructions (GA22-7000
 * "Input/Output Operations", "Input/Output Instructions").
 *
 * All are privileged S-format instructions (the dispatcher checks that).
 * The second-operand address is not used to address storage: bits 16-31
 * name the device (channel in bits 16-23, device in bits 24-31), bits 16-23
 * alone the channel for TCH and STIDC.  Bit 15 of the instruction (the low
 * bit of the second opcode byte) selects the variant that shares the
 * opcode: SIOF, CLRIO, HDV; bits 8-14 are ignored.
 *
 * The work is the channel subsystem's (channel_hook.h).  With none attached
 * every device and channel is not operational: condition code 3.
 */
#include "access.h"
#include "channel_hook.h"
#include "ops.h"

static uint16_t dev_address(const struct insn *i)
{
	return (uint16_t)(i->ea2 & 0xFFFF);
}
static uint8_t chan_address(const struct insn *i)
{
	return (uint8_t)(i->ea2 >> 8);
}
static bool bit15(const struct insn *i)
{
	return i->op2 & 1;
}

/* 9C SIO/SIOF — Start I/O / Start I/O Fast Release [S] */
void op_sio(struct cpu *c, const struct insn *i)
{
	const struct chan_ops *ch = c->chan;
	cpu_distrust_code(c); /* the channel stores CSWs and data directly */
	c->sio_count++;
	cpu_set_cc(c, ch && ch->start ? ch->start(c, dev_address(i), bit15(i)) : 3);
}

/* 9D TIO/CLRIO — Test I/O / Clear I/O [S] */
void op_tio(struct cpu *c, const struct insn *i)
{
	const struct chan_ops *ch = c->chan;
	cpu_distrust_code(c); /* the channel stores CSWs and data directly */
	int cc = 3;
	if (ch && bit15(i) && ch->clear)
		cc = ch->clear(c, dev_address(i));
	else if (ch && !bit15(i) && ch->test)
		cc = ch->test(c, dev_address(i));
	cpu_set_cc(c, cc);
}

/* 9E HIO/HDV — Halt I/O / Halt Device [S] */
void op_hio(struct cpu *c, const struct insn *i)
{
	const struct chan_ops *ch = c->chan;
	cpu_distrust_code(c); /* the channel stores CSWs and data directly */
	cpu_set_cc(c, ch && ch->halt ? ch->halt(c, dev_address(i), bit15(i)) : 3);
}

/* 9F TCH — Test Channel [S] */
void op_tch(struct cpu *c, const struct insn *i)
{
	const struct chan_ops *ch = c->chan;
	cpu_distrust_code(c); /* the channel stores CSWs and data directly */
	cpu_set_cc(c, ch && ch->test_channel ? ch->test_channel(c, chan_address(i)) : 3);
}

/* B203 STIDC — Store Channel ID [S]: the channel stores its ID word at 168. */
void op_stidc(struct cpu *c, const struct insn *i)
{
	const struct chan_ops *ch = c->chan;
	cpu_distrust_code(c); /* the channel stores CSWs and data directly */
	cpu_set_cc(c, ch && ch->store_channel_id ? ch->store_channel_id(c, chan_address(i)) : 3);
}
