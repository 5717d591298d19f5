/* chan_ipl.c — the channel part of initial program loading (GA22-7000
 * "Initial Program Loading").
 *
 * After system reset the channel reads from the IPL device as if a CCW at
 * location 0 had said: Read (X'02'), data address 0, count 24, command
 * chaining and SLI, key 0.  Those 24 bytes are the IPL PSW and two CCWs;
 * chaining goes on with the CCW at 8 (the status modifier skips to 16 as
 * usual).  The IPL succeeds when the chain ends with nothing but channel
 * end, device end and status modifier; a device end that comes after
 * channel end is an ordinary I/O interruption condition.  Then the I/O
 * address goes where the IPL PSW's mode says: bytes 2-3 of location 0 (the
 * BC-mode interruption code), or locations 186-187 for an EC-mode PSW,
 * whose bytes 2-3 must stay zero.  On failure nothing is stored.
 *
 * LOADPARM: System/370 defines no load parameter and no place for one (it
 * came with the ESA/390 service processor), so, as Hercules does in S/370
 * mode, the value is kept for display and not stored in guest storage.
 */
#include <string.h>
#include <time.h>

#include "chan_int.h"
#include "machine.h"

enum { IPL_TIMEOUT_US = 30 * 1000000 };

static bool working(struct chan_subsys *cs, struct device *d)
{
	pthread_mutex_lock(&cs->lock);
	bool w = d->sub.state == SUB_WORKING;
	pthread_mutex_unlock(&cs->lock);
	return w;
}

int chan_ipl(struct chan_subsys *cs, uint16_t devnum, char *err, size_t errlen)
{
	pthread_mutex_lock(&cs->lock);
	struct device *d = cs->tab[devnum];
	if (!d) {
		pthread_mutex_unlock(&cs->lock);
		snprintf(err, errlen, "no device %04X", devnum);
		return -1;
	}
	struct chan_sub *s = &d->sub;
	memset(s, 0, sizeof *s);
	s->state = SUB_WORKING;
	s->ipl = true;
	s->first = true;
	s->cmd = 0x02;
	s->flags = CCW_CC | CCW_SLI;
	s->count = 24;
	s->data = 0;
	s->ccw_addr = 8;
	if (d->ops->start)
		d->ops->start(d);
	chan_exec(d, true);
	pthread_mutex_unlock(&cs->lock);

	uint64_t t0 = timer_host_us();
	while (working(cs, d)) {
		uint64_t now = timer_host_us();
		uint64_t next = chan_service(cs, now);
		if (now - t0 > IPL_TIMEOUT_US) {
			snprintf(err, errlen, "device %04X: the IPL channel program did not end", devnum);
			return -1;
		}
		if (next > 10000)
			next = 10000;
		struct timespec ts = {0, (long)next * 1000};
		if (next)
			nanosleep(&ts, NULL);
	}

	pthread_mutex_lock(&cs->lock);
	uint8_t csw[8];
	memcpy(csw, s->csw, 8);
	s->state = SUB_IDLE;
	chan_pending_update(d);
	int rc = 0;
	if ((csw[4] & ~(US_CE | US_DE | US_SM)) || csw[5]) {
		snprintf(err, errlen, "device %04X: IPL failed, CSW %02X%02X%02X%02X %02X%02X%02X%02X",
		         devnum, csw[0], csw[1], csw[2], csw[3], csw[4], csw[5], csw[6], csw[7]);
		rc = -1;
	} else {
		uint8_t *mem = cs->cpu->st->mem; /* prefix is 0 after reset: real = absolute */
		if (mem[1] & 0x08)
			put16(mem + LOC_IO_ADDR, devnum);
		else
			put16(mem + 2, devnum);
	}
	pthread_mutex_unlock(&cs->lock);
	return rc;
}

static int ipl_hook(struct machine *m, uint16_t devnum, const char *loadparm, char *err, size_t errlen)
{
	(void)loadparm; /* see above */
	return chan_ipl(m->ipl_ctx, devnum, err, errlen);
}

static void reset_hook(struct machine *m)
{
	chan_reset(m->ipl_ctx);
}

void chan_machine_hooks(struct chan_subsys *cs, struct machine *m)
{
	m->ipl = ipl_hook;
	m->ipl_ctx = cs;
	m->io_reset = reset_hook;
}
