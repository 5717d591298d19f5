/* device.h — the I/O device model: what a device is and the ops it provides.
 *
 * A device plugs in through one `struct dev_ops` (designated initializers)
 * and is reached only through its device number (channel in the high byte,
 * unit in the low byte: "009" is channel 0, unit X'09').  The channel
 * subsystem (channel.h, GA22-7000 "Input/Output Operations") owns the
 * subchannel state kept in `struct device`; the device owns its `priv`.
 *
 * The contract, in one place:
 *
 *  1. Everything a device does runs with the channel-subsystem lock held,
 *     on whichever thread holds it (normally the CPU thread).  A device never
 *     blocks and never sleeps; it never takes the lock itself.  Work that
 *     arrives on another thread (a telnet client, the operator typing on the
 *     console) is handed over with chan_post(), the one call that may be
 *     made without the lock.
 *
 *  2. ops->ccw(d, cmd) executes one command (the channel has already
 *     handled TIC, the CCW flags, the invalid command codes xxxx0000 and the
 *     zero count).  The device moves data with chan_read()/chan_write() and
 *     then either
 *        returns its ending unit status at once (normally US_CE|US_DE;
 *        US_CE|US_DE|US_UC after setting sense bytes for a command reject),
 *     or
 *        returns DEV_LATER after chan_schedule()-ing an event; the event
 *        (or a posted input) moves the data and calls chan_end(d, status).
 *     Status with US_CE but without US_DE means "device end follows": the
 *     device calls chan_end(d, US_DE) when it is ready again.
 *     Status without US_CE at the first command (US_UC, US_BUSY) is
 *     "initial status": the command was not executed.
 *
 *  3. The channel decides incorrect length, chaining, PCI, program and
 *     protection checks and builds every CSW.  A device never writes
 *     storage itself.
 *
 *  4. Unsolicited status (attention, the device end of "became ready")
 *     goes through chan_unsolicited(d, status).
 *
 *  5. ops->halt(d) stops the current operation at once (HIO, HDV, CLRIO,
 *     system reset): cancel your events and return the ending status the
 *     device presents (0 is taken as US_CE|US_DE).
 */
#ifndef DEVICES_DEVICE_H
#define DEVICES_DEVICE_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

struct device;
struct chan_subsys;

/* Unit status, CSW byte 4 (GA22-7000 "Unit Status Conditions"). */
enum {
	US_ATTN = 0x80, /* bit 32 attention: the device wants the program's attention */
	US_SM = 0x40,   /* bit 33 status modifier: with DE on chaining, skip the next CCW */
	US_CUE = 0x20,  /* bit 34 control unit end */
	US_BUSY = 0x10, /* bit 35 busy: cannot execute, or status pending */
	US_CE = 0x08,   /* bit 36 channel end: the channel part of the operation is over */
	US_DE = 0x04,   /* bit 37 device end: the device has finished */
	US_UC = 0x02,   /* bit 38 unit check: see the sense bytes */
	US_UE = 0x01,   /* bit 39 unit exception: end of file, end of form */
};

/* Channel status, CSW byte 5 (GA22-7000 "Channel Status Conditions"). */
enum {
	CS_PCI = 0x80,   /* bit 40 program-controlled interruption */
	CS_IL = 0x40,    /* bit 41 incorrect length */
	CS_PGM = 0x20,   /* bit 42 program check */
	CS_PROT = 0x10,  /* bit 43 protection check */
	CS_CDC = 0x08,   /* bit 44 channel data check */
	CS_CCC = 0x04,   /* bit 45 channel control check */
	CS_ICC = 0x02,   /* bit 46 interface control check */
	CS_CHAIN = 0x01, /* bit 47 chaining check */
};

/* Common sense byte 0 bits (device manuals; "Sense" in GA22-7000). */
enum {
	SNS0_CMDREJ = 0x80,  /* command reject */
	SNS0_INTREQ = 0x40,  /* intervention required */
	SNS0_BUSOUT = 0x20,  /* bus-out check */
	SNS0_EQUIP = 0x10,   /* equipment check */
	SNS0_DATA = 0x08,    /* data check */
	SNS0_OVERRUN = 0x04, /* overrun */
};

/* Returned by ops->ccw: the device ends the command later with chan_end(). */
#define DEV_LATER (-1)

/* Command-code classes by the low bits (GA22-7000 "Command Code"). */
static inline bool ccw_is_write(uint8_t cmd)
{
	return (cmd & 3) == 1;
}
static inline bool ccw_is_read(uint8_t cmd)
{
	return (cmd & 3) == 2;
}
static inline bool ccw_is_control(uint8_t cmd)
{
	return (cmd & 3) == 3;
}
static inline bool ccw_is_sense(uint8_t cmd)
{
	return (cmd & 0x0F) == 4;
}
static inline bool ccw_is_read_backward(uint8_t cmd)
{
	return (cmd & 0x0F) == 0x0C;
}

struct dev_ops {
	const char *const *types; /* NULL-terminated type names claimed ("3215-C", "1052-C") */
	const char *desc;         /* one line for help */
	/* Build the device from its statement's operands (type already
	 * matched, d->type set).  0, or -1 with a reason in err.  Called again
	 * by devinit on a fresh struct device; on success the old one is closed.
	 * A success that leaves text in err is a warning (a Hercules option
	 * accepted but not emulated), which the caller prints; err starts empty. */
	int (*init)(struct device *d, int argc, char **argv, char *err, size_t errlen);
	void (*close)(struct device *d);           /* flush and free priv (detach, shutdown) */
	void (*start)(struct device *d);           /* optional: SIO accepted, a channel program begins */
	int (*ccw)(struct device *d, uint8_t cmd); /* unit status, or DEV_LATER */
	uint8_t (*halt)(struct device *d);         /* optional: stop now, return ending status */
	void (*reset)(struct device *d);           /* optional: I/O system reset */
	/* optional: one line of state for devlist ("IO[3] /tmp/cards.txt eof") */
	void (*query)(struct device *d, char *buf, size_t n);
};

/* The subchannel: the channel's record of one device's operation.  Owned by
 * devices/chan_*.c; devices read it only through channel.h. */
enum sub_state { SUB_IDLE, SUB_WORKING, SUB_PENDING };
struct chan_sub {
	uint8_t state;       /* enum sub_state */
	bool dev_working;    /* channel end given, device end still to come */
	bool wait_de;        /* command chaining waits for device end */
	bool first;          /* executing the first command of the program */
	bool issued;         /* a command has been given to the device */
	bool immediate;      /* the current command has moved no data */
	bool want_more;      /* the device asked for more data than the count held */
	bool ipl;            /* this program is the IPL read */
	bool pci_pending;    /* a PCI interruption condition waits */
	uint8_t key;         /* protection key from the CAW */
	uint8_t cmd, flags;  /* current CCW */
	uint16_t count;      /* residual count of the current CCW */
	uint32_t data;       /* next data address (absolute) */
	uint32_t ccw_addr;   /* address of the current CCW + 8 */
	uint32_t idaw_next;  /* IDA: address of the next IDAW */
	uint32_t idaw_left;  /* IDA: bytes left in the current IDAW's block */
	uint8_t chan_status; /* CS_* gathered during the operation */
	uint8_t csw[8];      /* the CSW of the pending interruption */
	uint8_t dev_status;  /* device-level status pending (attention, late device end) */
	uint64_t pend_seq;   /* order in which the interruption became pending */
};

struct device {
	uint16_t devnum;
	char type[16]; /* the type as configured, e.g. "3215-C" */
	const struct dev_ops *ops;
	struct chan_subsys *cs;
	void *priv;       /* the device's own state */
	uint16_t devtype; /* e.g. 0x3215, for Sense ID */
	uint8_t devmodel;
	uint8_t sense[32];   /* the device's sense bytes (ops fill, dev_sense() sends) */
	uint8_t sense_len;   /* basic sense length (1 for the 3215) */
	uint8_t senseid[16]; /* Sense ID data (dev_sense_id() sends); 0 length = none */
	uint8_t senseid_len;
	struct chan_sub sub; /* channel-owned */
	uint64_t sios;          /* SIO/SIOF addressed to it, any CC (operator panel) */
	uint64_t io_interrupts; /* I/O interruptions presented for it (operator panel) */
};

/* Helpers that devices may call from ops->ccw (devices/device.c). */
int dev_sense(struct device *d);    /* X'04': send sense[0..sense_len-1], then clear it */
int dev_sense_id(struct device *d); /* X'E4': send senseid; command reject when none */
int dev_reject(struct device *d);   /* set command reject: returns CE|DE|UC */
/* Fill senseid with the usual FF tttt mm layout (control unit = device). */
void dev_set_senseid(struct device *d, uint16_t type, uint8_t model);

/* The device types compiled in (devices/devtypes.c), NULL-terminated. */
extern const struct dev_ops *const dev_types[];
const struct dev_ops *dev_find_type(const char *type);
/* A Hercules type not emulated yet (accepted in a configuration with a warning). */
bool dev_type_pending(const char *type);

#endif
