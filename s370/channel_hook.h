/* channel_hook.h — what the CPU's I/O instructions ask of the channel subsystem.
 *
 * The S/370 I/O instructions (GA22-7000 "Input/Output Operations") are
 * executed partly by the CPU and partly by the channel.  The CPU side
 * (insn_io.c) only decodes the instruction and sets the condition code; the
 * channel subsystem (devices/) does the rest, including storing the CSW at
 * real location 64 (LOC_CSW) and, for STIDC, the channel ID at 168
 * (LOC_CHANID).  It plugs in by filling cpu.chan and cpu.chan_ctx.
 *
 * Every operation returns the condition code of the instruction:
 *
 *     SIO/SIOF  0 started (SIOF: initiated)   1 CSW stored   2 busy   3 not operational
 *     TIO       0 available   1 CSW stored   2 busy   3 not operational
 *     CLRIO     0 cleared/available   1 CSW stored   2 channel busy   3 not operational
 *     HIO/HDV   0 interruption pending   1 CSW stored   2 burst op. ended   3 not operational
 *     TCH       0 available   1 interruption pending   2 burst mode   3 not operational
 *     STIDC     0 ID stored   1 CSW stored   2 busy   3 not operational
 *
 * A missing operation (NULL pointer), like a missing chan_ops, means not
 * operational: CC 3, nothing stored.
 *
 * Addresses: devaddr is bits 16-31 of the second-operand address (channel in
 * the high byte, device in the low byte); chan is bits 16-23.
 */
#ifndef S370_CHANNEL_HOOK_H
#define S370_CHANNEL_HOOK_H

#include <stdbool.h>
#include <stdint.h>

struct cpu;

struct chan_ops {
	int (*start)(struct cpu *c, uint16_t devaddr, bool is_siof); /* 9C00 SIO, 9C01 SIOF */
	int (*test)(struct cpu *c, uint16_t devaddr);                /* 9D00 TIO */
	int (*halt)(struct cpu *c, uint16_t devaddr, bool is_hdv);   /* 9E00 HIO, 9E01 HDV */
	int (*clear)(struct cpu *c, uint16_t devaddr);               /* 9D01 CLRIO */
	int (*test_channel)(struct cpu *c, uint8_t chan);            /* 9F00 TCH */
	int (*store_channel_id)(struct cpu *c, uint8_t chan);        /* B203 STIDC */
};

#endif
