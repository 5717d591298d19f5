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
 * Interruption priority (ours; the architecture leaves it to the model):
 * the lowest-numbered enabled channel first, and within a channel the
 * condition that arose first.
 */
#include <string.h>

#include "chan_int.h"
#include "channel_hook.h"

enum { CHANID_BYTE_MPX = 0x1, CHANID_BLOCK_MPX = 0x2 }; /* STIDC bits 0-3 */
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

/* 9C00 SIO, 9C01 SIOF */
static int op_start(struct cpu *c, uint16_t devnum, bool fast)
{
	(void)fast; /* SIOF: executed as SIO */
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	struct device *d = cs->tab[devnum];
	int cc;
	if (!d) {
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
	int cc = 0;
	if (!d) {
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
 * block-multiplexing control (CR0 bit 0) on; with it off CLEAR I/O performs
 * the TIO function (GA22-7000 "CLEAR I/O").  A working operation is
 * discontinued: its CSW shows the operation as it stood, with unit status
 * zero.  Of the "up to four" later interruption conditions the manual
 * allows for the terminated device, none is presented: the device is reset
 * to available. */
static int op_clear(struct cpu *c, uint16_t devnum)
{
	if (!(c->cr[0] & CR0_BLOCK_MPX))
		return op_test(c, devnum);
	struct chan_subsys *cs = cs_of(c);
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

/* 9E00 HIO, 9E01 HDV: with one device per subchannel they act alike. */
static int op_halt(struct cpu *c, uint16_t devnum, bool hdv)
{
	(void)hdv;
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	struct device *d = cs->tab[devnum];
	int cc = 1;
	if (!d) {
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
			/* Halted before the data area was exhausted or filled:
			 * incorrect length, subject to SLI. */
			bool sli = (s->flags & CCW_SLI) && !(s->flags & CCW_CD);
			if ((s->count || (s->flags & CCW_CD)) && !sli && !s->chan_status)
				s->chan_status |= CS_IL;
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
	for (int k = 0; cc == 0 && k < cs->npend; k++)
		if (cs->pend[k]->devnum >> 8 == ch)
			cc = 1;
	unlock(cs);
	return cc;
}

/* B203 STIDC: the channel ID word at 168: type in bits 0-3, model 0, no
 * I/O extended logout. */
static int op_stidc(struct cpu *c, uint8_t ch)
{
	struct chan_subsys *cs = cs_of(c);
	lock(cs);
	int cc = 3;
	if (channel_exists(cs, ch)) {
		uint32_t type = ch == 0 ? CHANID_BYTE_MPX : CHANID_BLOCK_MPX;
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

static struct device *choose(struct chan_subsys *cs, struct cpu *c)
{
	struct device *best = NULL;
	for (int k = 0; k < cs->npend; k++) {
		struct device *d = cs->pend[k];
		if (!channel_enabled(c, d->devnum >> 8))
			continue;
		if (!best || (d->devnum >> 8) < (best->devnum >> 8) ||
		    ((d->devnum >> 8) == (best->devnum >> 8) && d->sub.pend_seq < best->sub.pend_seq))
			best = d;
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
