/* chansys.h — the channel subsystem as the machine and the operator see it:
 * creation, the device table, configuration, I/O system reset, IPL, the
 * integrated console's input and the device list.
 *
 * Channel types (GA22-7000 "Types of Channels", reported by STORE CHANNEL
 * ID).  By default channel 0 is a byte-multiplexer channel and channels
 * 1-255 are block-multiplexer channels; the CHANNEL statement (our own, not
 * Hercules') makes any channel a selector channel or changes its type.  A
 * channel exists (TCH and STIDC answer for it) when at least one device is
 * attached on it.
 *
 * On the multiplexer channels every device has a subchannel of its own
 * (nonshared), and no operation holds the channel in burst mode across an
 * instruction, so HALT I/O there never finds a burst operation.  A selector
 * channel has one subchannel for all its devices and works in burst mode:
 * from START I/O until the channel end of the last command, and then while
 * the ending interruption waits, the channel belongs to that one device
 * (chan_insn.c has the condition codes this gives).
 */
#ifndef DEVICES_CHANSYS_H
#define DEVICES_CHANSYS_H

#include <stdio.h>

#include "config.h"
#include "cpu.h"
#include "device.h"

struct chan_subsys;
struct machine;

/* Build a channel subsystem for this CPU and plug it into cpu.chan,
 * cpu.io_pending/io_interrupt and cpu.io_service.  NULL: no memory. */
struct chan_subsys *chan_create(struct cpu *c);
void chan_destroy(struct chan_subsys *cs); /* closes every device; unplugs */

/* Console output of integrated devices: print(ctx, line). */
void chan_set_printer(struct chan_subsys *cs, void (*print)(void *ctx, const char *line), void *ctx);
/* CODEPAGE: "037", "1047", "default", or Hercules' "819/1047" form.  0 or -1. */
int chan_set_codepage(struct chan_subsys *cs, const char *name, char *err, size_t errlen);

/* The device table.  0, or -1 with a reason in err. */
int chan_attach(struct chan_subsys *cs, uint16_t devnum, const char *type, int argc, char **argv, char *err,
                size_t errlen);
/* The same with ops given (tests, devices not in dev_types). */
int chan_attach_ops(struct chan_subsys *cs, uint16_t devnum, const struct dev_ops *ops, const char *type,
                    int argc, char **argv, char *err, size_t errlen);
int chan_detach(struct chan_subsys *cs, uint16_t devnum, char *err, size_t errlen);
int chan_devinit(struct chan_subsys *cs, uint16_t devnum, int argc, char **argv, char *err, size_t errlen);

/* Channel types; the values are the type field of the STIDC channel ID
 * word, bits 0-3 (GA22-7000 "STORE CHANNEL ID"). */
enum chan_type { CHAN_SELECTOR = 0, CHAN_BYTE_MPX = 1, CHAN_BLOCK_MPX = 2 };
/* Set the type of channel ch (0-255) before its devices work. */
void chan_set_type(struct chan_subsys *cs, unsigned ch, enum chan_type type);
enum chan_type chan_get_type(struct chan_subsys *cs, unsigned ch);

/* Apply cfg's CHANNEL statements, then attach every device statement of cfg; errors are printed to msg as
 * "FILE:LINE: device ADDR TYPE: reason".  0, or -1 after the first error. */
int chan_configure(struct chan_subsys *cs, const struct config *cfg, FILE *msg);

/* I/O system reset (part of system reset): every operation ends, every
 * pending interruption and device status is cleared. */
void chan_reset(struct chan_subsys *cs);

/* The channel part of IPL (GA22-7000 "Initial Program Loading"), after
 * system reset: the implied Read IPL CCW and its chain on devnum, then the
 * I/O address stored with the IPL PSW.  0, or -1 with a reason. */
int chan_ipl(struct chan_subsys *cs, uint16_t devnum, char *err, size_t errlen);

/* Plug chan_ipl and chan_reset into the machine's hooks. */
void chan_machine_hooks(struct chan_subsys *cs, struct machine *m);

/* A "/text" line typed by the operator (text without the '/').  0, or -1
 * when no integrated console exists. */
int chan_console_line(struct chan_subsys *cs, const char *text);

/* Device list lines: "0009 3215-C  ...state...". */
void chan_devlist(struct chan_subsys *cs, void (*out)(void *ctx, const char *line), void *ctx);

/* One device as the operator panel shows it (chan_devinfo_each). */
struct chan_devinfo {
	uint16_t devnum;
	char type[16];
	char query[200];   /* the device's own state line (image, session), may be "" */
	const char *state; /* "busy", "interruption-pending", "device-working" or "" */
	uint64_t sios, io_interrupts;
};
/* fn(ctx, info) for every device, in device-number order, under the lock:
 * fn must not call back into the channel subsystem. */
void chan_devinfo_each(struct chan_subsys *cs, void (*fn)(void *ctx, const struct chan_devinfo *di), void *ctx);

/* fn(d, ctx) for every device, in device-number order, under the lock
 * (operator commands that act on devices: sync, sf+ ...). */
void chan_each_device(struct chan_subsys *cs, void (*fn)(struct device *d, void *ctx), void *ctx);

/* Run what is due: posted work and events up to host time now_us.  Returns
 * microseconds until the next event (UINT64_MAX: none).  Takes the lock;
 * any thread may call it (the command loop does while the CPU is stopped). */
uint64_t chan_service(struct chan_subsys *cs, uint64_t now_us);

#endif
