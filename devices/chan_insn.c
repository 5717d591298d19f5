/* chan_insn.c — the channel side of the I/O instructions and of the I/O
 * interruption (GA22-7000 "Input/Output Instructions", "I/O Interruptions",
 * figure "Condition-Code Settings for I/O States and Functions").
 *
 * Each device has a nonshared subchannel, so the states that matter are:
 *
 *   subchannel working (SUB_WORKING)       SIO 2  TIO 2  CLRIO 1*  HIO 1'
 *   interruption pending in subchannel     SIO 2  TIO 1* CLRIO 1*  HIO 0
 *   device working (after channel end)     SIO 1' TIO 1' CLRIO 0   HIO 1'
 *   interruption pending in device         SIO 1' TIO 1* CLRIO 0   HIO 1'
 *   available                              SIO 0/1' TIO 0 CLRIO 0  HIO 1'
 *   no such device                         3 for all
 *
 * (* the whole CSW is stored; ' only its status portion, bytes 4-5.)
 * CLEAR I/O performs the CLRIO function only with CR0 bit 0 on (else TIO).
 * HIO/HDV on a working subchannel stop the device at once; the ending is
 * an interruption (see op_halt for incorrect length and chaining).
 * TIO and CLRIO that store a pending CSW clear the interruption condition;
 * SIO to a device with status pending stores busy with that status and
 * clears it.  START I/O FAST RELEASE is executed as START I/O, which the
 * architecture allows.
 *
 * A selector channel (GA22-7000 "Types of Channels") has one subchannel
 * for all its devices and runs each operation in burst mode: from SIO until
 * the channel end of the last command (command chaining included) the
 * channel is working with that device, and then its ending interruption is
 * pending in the channel ("the state AIX does not occur on the selector
 * channel ... leads to the state IIX", "States of the Input/Output
 * System").  Until that interruption is cleared, for any address on the
 * channel:
 *
 *   channel working (burst)            SIO 2  TIO 2  HIO 2  HDV 2  TCH 2
 *   interruption pending in channel    SIO 2  TIO 1* (its device) or 2
 *                                      HIO 0  HDV 0  TCH 1
 *
 * HIO on a channel working in burst mode ignores the device address: the
 * burst ends at once and the channel enters the interruption-pending state
 * with condition code 2, "burst operation terminated" (see selector_halt).
 * HDV does the same when addressed to the working device; to another
 * device it sets condition code 2 and does nothing (the figure allows 1 or
 * 2 there).  The selector channel does not implement the CLRIO function,
 * so CLEAR I/O performs the TIO function on it.  Status that devices hold
 * (attention, a late device end) stays in the device, as on every channel.
 *
 * Interruption priority (ours; the architecture leaves it to the model):
 * the lowest-numbered enabled channel first, and within a channel the
 * condition that arose first; on a selector channel the subchannel's
 * condition comes first, and nothing but the working device's PCI is
 * presented while the channel works in burst mode.
 */
#include <string.h>

#include "chan_int.h"
#include "channel_hook.h"

/* CR0 bit 0: block-multiplexing control */
#define CR0_BLOCK_MPX 0x80000000u

static void lock(struct chan_subsys *cs)
{
	pthread_mutex_lock(&cs->lock);
}
static void unlock(struct chan_subsys *cs)
{
	pthread_mutex_unlock(&cs->lock);
}

static void store_csw(struct cpu *c, const uint8_t csw[8])
{
	memcpy(real_ptr(c, LOC_CSW), csw, 8);
}
/* Only bytes 4-5 (unit and channel status); the rest stays as it was. */
static void store_status(struct cpu *c, uint8_t unit, uint8_t chst)
{
	uint8_t *p = real_ptr(c, LOC_CSW);
	p[4] = unit;
	p[5] = chst;
}

/* Take the interruption condition of d into csw (and clear it). */
static void take_interrupt(struct device *d, uint8_t csw[8])
{
	struct chan_sub *s = &d->sub;
	if (s->state == SUB_PENDING) {
		memcpy(csw, s->csw, 8);
		s->state = SUB_IDLE;
	} else if (s->state == SUB_WORKING && s->pci_pending) {
		chan_build_csw(d, 0, CS_PCI, csw);
		s->pci_pending = false;
	} else {
		memset(csw, 0, 8); /* device status: no operation, key and address 0 */
		csw[4] = s->dev_status;
		s->dev_status = 0;
	}
	chan_pending_update(d);
}

/* The device that holds a selector channel's subchannel (its operation is
 * in progress, or its ending interruption is pending), or NULL: the channel
 * is available, or it is a multiplexer channel. */
static struct device *selector_owner(struct chan_subsys *cs, unsigned ch)
{
	if (cs->chtype[ch] != CHAN_SELECTOR)
		return NULL;
	for (unsigned k = 0; k < 256; k++) {
		struct device *d = cs->tab[ch << 8 | k];
		if (d && d->sub.state != SUB_IDLE)
			return d;
	}
	return NULL;
}

/* The selector channel is working in burst mode with owner. */
static bool in_burst(const struct device *owner)
{
	return owner && owner->sub.state == SUB_WORKING;
}

/* 9C00 SIO, 9C01 SIOF */
static int op_start(struct cpu *c, uint16_t devnum, bool fast)
{
	(void)fast; /* SIOF: executed as SIO */
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	struct device *d = cs->tab[devnum];
	int cc;
	if (d)
		d->sios++; /* every SIO addressed to it, as cpu.sio_count */
	if (selector_owner(cs, devnum >> 8)) {
		cc = 2; /* selector channel working or interruption-pending */
	} else if (!d) {
		cc = 3;
	} else if (d->sub.state != SUB_IDLE) {
		cc = 2;
	} else if (d->sub.dev_working || d->sub.dev_status) {
		store_status(c, (uint8_t)(US_BUSY | d->sub.dev_status), 0);
		d->sub.dev_status = 0;
		chan_pending_update(d);
		cc = 1;
	} else {
		struct chan_sub *s = &d->sub;
		uint8_t *caw = real_ptr(c, LOC_CAW);
		memset(s, 0, sizeof *s);
		s->key = caw[0] >> 4;
		s->ccw_addr = (uint32_t)caw[1] << 16 | (uint32_t)caw[2] << 8 | caw[3];
		s->first = true;
		s->state = SUB_WORKING;
		if ((caw[0] & 0x0F) || (s->ccw_addr & 7)) {
			/* invalid CAW format / CCW address specification */
			s->state = SUB_IDLE;
			store_status(c, 0, CS_PGM);
			unlock(cs);
			return 1;
		}
		if (d->ops->start)
			d->ops->start(d);
		chan_exec(d, false);
		cc = 0;
		if (s->state == SUB_PENDING && s->first && (!s->issued || !(s->csw[4] & US_CE))) {
			/* Not initiated (CAW or first-CCW program check: the
			 * status portion only) or rejected in the initial status
			 * (busy, unit check without channel end): condition
			 * code 1 with the CSW.  A command that ended at once with
			 * channel end (immediate, command reject with CE+DE) is
			 * presented as an interruption after condition code 0,
			 * which the architecture allows and Hercules does. */
			if (s->issued)
				store_csw(c, s->csw);
			else
				store_status(c, s->csw[4], s->csw[5]);
			s->state = SUB_IDLE;
			chan_pending_update(d);
			cc = 1;
		}
	}
	unlock(cs);
	return cc;
}

/* 9D00 TIO */
static int op_test(struct cpu *c, uint16_t devnum)
{
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	struct device *d = cs->tab[devnum];
	struct device *owner = selector_owner(cs, devnum >> 8);
	int cc = 0;
	if (owner && (owner != d || in_burst(owner))) {
		cc = 2; /* selector channel busy with (another) device */
	} else if (!d) {
		cc = 3;
	} else if (d->sub.state == SUB_WORKING) {
		cc = 2;
	} else if (d->sub.state == SUB_PENDING || d->sub.dev_status) {
		uint8_t csw[8];
		take_interrupt(d, csw);
		store_csw(c, csw);
		cc = 1;
	} else if (d->sub.dev_working) {
		store_status(c, US_BUSY, 0);
		cc = 1;
	}
	unlock(cs);
	return cc;
}

/* Stop the operation in progress: the device gives its ending status. */
static uint8_t halt_device(struct device *d)
{
	uint8_t st = d->ops->halt ? d->ops->halt(d) : 0;
	chan_cancel(d, NULL);
	return st ? st : (uint8_t)(US_CE | US_DE);
}

/* 9D01 CLRIO.  The CLRIO function is performed only with the
 * block-multiplexing control (CR0 bit 0) on and by a multiplexer channel;
 * with it off, or on a selector channel (which does not implement CLRIO),
 * CLEAR I/O performs the TIO function (GA22-7000 "CLEAR I/O").  A working
 * operation is discontinued: its CSW shows the operation as it stood, with
 * unit status zero.  Of the "up to four" later interruption conditions the manual
 * allows for the terminated device, none is presented: the device is reset
 * to available. */
static int op_clear(struct cpu *c, uint16_t devnum)
{
	struct chan_subsys *cs = cs_of(c);
	/* chtype is set before the machine runs: read without the lock */
	if (!(c->cr[0] & CR0_BLOCK_MPX) || cs->chtype[devnum >> 8] == CHAN_SELECTOR)
		return op_test(c, devnum);
	lock(cs);
	struct device *d = cs->tab[devnum];
	int cc = 0;
	if (!d) {
		cc = 3;
	} else if (d->sub.state == SUB_WORKING) {
		/* Discontinue: the CSW shows the operation as it stood. */
		struct chan_sub *s = &d->sub;
		halt_device(d);
		uint8_t csw[8];
		chan_build_csw(d, 0, (uint8_t)(s->chan_status | (s->pci_pending ? CS_PCI : 0)), csw);
		s->pci_pending = false;
		s->wait_de = false;
		s->state = SUB_IDLE;
		chan_pending_update(d);
		store_csw(c, csw);
		cc = 1;
	} else if (d->sub.state == SUB_PENDING) {
		uint8_t csw[8];
		take_interrupt(d, csw);
		store_csw(c, csw);
		cc = 1;
	}
	unlock(cs);
	return cc;
}

/* A halted command that had not used up its count (or had data chaining
 * to come) ends with incorrect length, subject to SLI (GA22-7000
 * "Termination by HALT I/O or HALT DEVICE"). */
static void halt_length(struct chan_sub *s)
{
	bool sli = (s->flags & CCW_SLI) && !(s->flags & CCW_CD);
	if ((s->count || (s->flags & CCW_CD)) && !sli && !s->chan_status)
		s->chan_status |= CS_IL;
}

/* HALT I/O on a selector channel working in burst mode (or HALT DEVICE to
 * the working device): data transfer ends, the device is disconnected, and
 * the channel and subchannel enter the interruption-pending state without
 * waiting for status from the device (GA22-7000 "HALT I/O").  That first
 * interruption condition has the key, the CCW address, the residual count
 * and the channel status, and unit status zero.  The channel end the device
 * then signals ("channel end after HALT I/O on selector channel": zeros in
 * key, address, count and channel status) and its device end follow as the
 * device's own status; a channel end already given to a chain waiting for
 * device end is not presented again.  Command chaining is suppressed. */
static void selector_halt(struct device *d)
{
	struct chan_sub *s = &d->sub;
	uint8_t st = halt_device(d);
	if (s->wait_de) {
		st = (uint8_t)(st & ~US_CE);
	} else {
		halt_length(s);
		st |= US_CE;
	}
	chan_end_program(d, 0);
	s->dev_status |= st;
	s->dev_working = !(st & US_DE);
	chan_pending_update(d);
}

/* 9E00 HIO, 9E01 HDV: with one device per subchannel they act alike; on a
 * selector channel see the table at the top. */
static int op_halt(struct cpu *c, uint16_t devnum, bool hdv)
{
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	struct device *d = cs->tab[devnum];
	struct device *owner = selector_owner(cs, devnum >> 8);
	int cc = 1;
	if (in_burst(owner)) {
		/* HIO: the address is ignored, the burst ends.  HDV to another
		 * device: the channel is working, nothing is done. */
		if (!hdv || owner == d)
			selector_halt(owner);
		cc = 2;
	} else if (owner && owner != d) {
		cc = 0; /* interruption pending in the channel for another device */
	} else if (!d) {
		cc = 3;
	} else if (d->sub.state == SUB_PENDING) {
		cc = 0;
	} else if (d->sub.state == SUB_WORKING) {
		/* The device is told to stop and ends at once; the ending comes as
		 * an interruption (GA22-7000 "Termination by HALT I/O or HALT
		 * DEVICE"), command chaining suppressed. */
		struct chan_sub *s = &d->sub;
		uint8_t st = halt_device(d);
		if (s->wait_de) {
			/* Channel end already given, chaining waited for device end:
			 * channel end is not made available, device end is. */
			st = (uint8_t)((st & ~US_CE) | US_DE);
		} else {
			halt_length(s); /* halted before the data area was used up */
			st |= US_CE;
		}
		chan_end_program(d, st);
		store_status(c, 0, 0);
	} else {
		if (d->sub.dev_working) {
			uint8_t st = halt_device(d);
			d->sub.dev_working = false;
			d->sub.dev_status |= (uint8_t)(st & ~US_CE);
			chan_pending_update(d);
		}
		store_status(c, 0, 0);
	}
	unlock(cs);
	return cc;
}

static bool channel_exists(struct chan_subsys *cs, uint8_t ch)
{
	for (int k = 0; k < 256; k++)
		if (cs->tab[ch << 8 | k])
			return true;
	return false;
}

/* 9F00 TCH */
static int op_tch(struct cpu *c, uint8_t ch)
{
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	int cc = channel_exists(cs, ch) ? 0 : 3;
	if (cc == 0 && in_burst(selector_owner(cs, ch)))
		cc = 2; /* working in burst mode */
	for (int k = 0; cc == 0 && k < cs->npend; k++)
		if (cs->pend[k]->devnum >> 8 == ch)
			cc = 1;
	unlock(cs);
	return cc;
}

/* B203 STIDC: the channel ID word at 168: type in bits 0-3 (0000 selector,
 * 0001 byte multiplexer, 0010 block multiplexer), model 0 in bits 4-15, no
 * I/O extended logout (length 0 in bits 16-31). */
static int op_stidc(struct cpu *c, uint8_t ch)
{
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	int cc = 3;
	if (channel_exists(cs, ch)) {
		uint32_t type = cs->chtype[ch]; /* enum chan_type is the type field */
		real_store32(c, LOC_CHANID, type << 28);
		cc = 0;
	}
	unlock(cs);
	return cc;
}

/* ---- interruptions ---- */

/* Channel masks: BC mode PSW bits 0-5 for channels 0-5, bit 6 for the
 * others; EC mode PSW bit 6 and CR2 bit n for channel n (0-31). */
static bool channel_enabled(const struct cpu *c, unsigned ch)
{
	if (c->psw.flags & PSW_EC)
		return (c->psw.sysmask & SM_IO) && (ch > 31 || (c->cr[2] & (0x80000000u >> ch)));
	return ch < 6 ? (c->psw.sysmask & (0x80 >> ch)) != 0 : (c->psw.sysmask & SM_IO) != 0;
}

/* Order of d's condition within its channel: 0 first, 1 after; -1 when it
 * cannot be presented now (a selector channel working with another device
 * accepts no status from d). */
static int channel_rank(struct chan_subsys *cs, const struct device *d)
{
	if (cs->chtype[d->devnum >> 8] != CHAN_SELECTOR)
		return 0;
	struct device *owner = selector_owner(cs, d->devnum >> 8);
	if (owner == d)
		return 0;
	return in_burst(owner) ? -1 : 1;
}

static struct device *choose(struct chan_subsys *cs, struct cpu *c)
{
	struct device *best = NULL;
	int best_rank = 0;
	for (int k = 0; k < cs->npend; k++) {
		struct device *d = cs->pend[k];
		unsigned ch = d->devnum >> 8;
		if (!channel_enabled(c, ch))
			continue;
		int rank = channel_rank(cs, d);
		if (rank < 0)
			continue;
		unsigned bch = best ? best->devnum >> 8 : 0;
		if (!best || ch < bch ||
		    (ch == bch &&
		     (rank < best_rank || (rank == best_rank && d->sub.pend_seq < best->sub.pend_seq)))) {
			best = d;
			best_rank = rank;
		}
	}
	return best;
}

static bool io_pending(struct cpu *c)
{
	struct chan_subsys *cs = c->io_ctx;
	if (!__atomic_load_n(&cs->npend_hint, __ATOMIC_ACQUIRE))
		return false;
	lock(cs);
	bool any = choose(cs, c) != NULL;
	unlock(cs);
	return any;
}

/* Store the CSW at 64 and the device address (BC: old PSW bits 16-31; EC:
 * locations 186-187), then swap the I/O PSWs. */
static bool io_interrupt(struct cpu *c)
{
	struct chan_subsys *cs = c->io_ctx;
	lock(cs);
	struct device *d = choose(cs, c);
	if (!d) {
		unlock(cs);
		return false;
	}
	uint8_t csw[8];
	take_interrupt(d, csw);
	d->io_interrupts++;
	uint16_t devnum = d->devnum;
	unlock(cs);
	store_csw(c, csw);
	if (c->psw.flags & PSW_EC)
		real_store16(c, LOC_IO_ADDR, devnum);
	else
		c->psw.intcode = devnum;
	cpu_swap_psw(c, LOC_IO_OLD, LOC_IO_NEW);
	return true;
}

static uint64_t io_service(struct cpu *c)
{
	return chan_service(c->io_ctx, timer_host_us());
}

static const struct chan_ops chan_ops = {
    .start = op_start,
    .test = op_test,
    .halt = op_halt,
    .clear = op_clear,
    .test_channel = op_tch,
    .store_channel_id = op_stidc,
};

void chan_install(struct chan_subsys *cs)
{
	struct cpu *c = cs->cpu;
	c->chan = &chan_ops;
	c->chan_ctx = cs;
	c->io_ctx = cs;
	c->io_pending = io_pending;
	c->io_interrupt = io_interrupt;
	c->io_service = io_service;
}
