/* io.c — real devices: finding them, running channel programs, and taking
 * their interruptions.
 *
 * CP talks to a device the way any S/370 program does (GA22-7000, "Input/
 * Output Operations"): it puts the address of a channel program (a list of
 * CCWs) in the CAW at location 72 and issues START I/O with the device
 * address.  The condition code says whether the channel took it.  When the
 * device is done it presents an I/O interruption: the CPU stores the CSW at
 * 64 (unit and channel status), the device address at 186 and the old PSW at
 * 56, and loads the I/O new PSW, which leads to cp_io_interrupt below.
 *
 * A device can also interrupt when nobody asked: a 3270 whose user pressed
 * Enter presents attention, one that was switched on (a client connected)
 * device end.  Those are kept in rdev.pending for the main loop.
 */
#include "cp.h"
#include "lowcore.h"

enum { RDEV_MAX = 1024 };
struct rdev cp_rdevs[RDEV_MAX];
int cp_nrdevs;
static struct rdev *by_addr[4096]; /* device address → device; NULL: not ours */

/* The devices with status for the main loop, in the order it came: a ring
 * in which each device is at most once (rdev.queued), so the main loop
 * looks at those only, not at all five hundred displays each time round. */
static struct rdev *pending_q[RDEV_MAX];
static uint32_t pq_head, pq_n;

static void note_pending(struct rdev *d, uint8_t st)
{
	d->pending |= st;
	if (!d->queued && pq_n < RDEV_MAX) {
		d->queued = true;
		pending_q[(pq_head + pq_n++) % RDEV_MAX] = d;
	}
}

struct rdev *io_next_pending(void)
{
	while (pq_n) {
		struct rdev *d = pending_q[pq_head];
		pq_head = (pq_head + 1) % RDEV_MAX;
		pq_n--;
		d->queued = false;
		if (d->pending)
			return d;
	}
	return NULL;
}

/* START I/O, TEST I/O: the assembler has no S/370 I/O mnemonics, hence .insn.
 * The condition code comes back through IPM. */
static int sio(uint16_t addr)
{
	int cc;
	__asm__ volatile(".insn s,0x9c000000,0(%1)\n\tipm %0\n\tsrl %0,28"
	                 : "=d"(cc)
	                 : "a"((uint32_t)addr)
	                 : "cc", "memory");
	return cc;
}

struct rdev *io_find(uint16_t addr)
{
	return by_addr[addr & 0xFFF];
}

/* The I/O new PSW comes here (start.S), interruptions disabled. */
void cp_io_interrupt(void)
{
	uint16_t addr = LC16(LC_IO_ADDR);
	uint8_t unit = LC8(LC_CSW + 4), chan = LC8(LC_CSW + 5);
	struct rdev *d = by_addr[addr & 0xFFF];
	if (!d)
		return; /* a device CP does not know: nothing to do */
	if (!d->busy) {
		/* unsolicited, or the ending of a program io_start started: for
		 * the main loop, with the CSW of an ending (its residual count) */
		if ((unit & (US_CE | US_UC)) || chan)
			for (int k = 0; k < 8; k++)
				d->csw[k] = LC8(LC_CSW + k);
		note_pending(d, unit);
		return;
	}
	if (unit & US_ATTN) /* a 3270 user pressed a key while CP wrote: not ours to end */
		note_pending(d, US_ATTN);
	d->unit |= unit & (uint8_t)~US_ATTN;
	d->chan |= chan;
	for (int k = 0; k < 8; k++)
		d->csw[k] = LC8(LC_CSW + k);
	/* The channel program is over at device end, or at channel end with an
	 * error (a channel program check ends it without device end). */
	if ((unit & US_DE) || ((unit & US_CE) && (chan || (unit & US_UC))))
		d->busy = false;
}

/* Start prog on d and wait for its end.  -1: not operational. */
static int run_raw(struct rdev *d, const struct ccw *prog)
{
	LC32(LC_CAW) = (uint32_t)(uintptr_t)prog; /* protection key 0 */
	int cc;
	for (int tries = 0;; tries++) {
		d->unit = d->chan = 0;
		d->busy = true;
		cc = sio(d->addr);
		/* cc 1 with only attention (and device end): status the device
		 * had pending, given to us instead of starting; keep it, retry */
		uint8_t st = LC8(LC_CSW + 4);
		if (cc != 1 || tries == 3 || (st & ~(US_ATTN | US_DE)) || !st)
			break;
		note_pending(d, st);
	}
	switch (cc) {
	case 0: /* started: the ending comes as an interruption */
		while (d->busy)
			cp_wait();
		break;
	case 1: /* the CSW was stored: the device refused, or had status pending */
		d->busy = false;
		d->unit = LC8(LC_CSW + 4);
		d->chan = LC8(LC_CSW + 5);
		for (int k = 0; k < 8; k++)
			d->csw[k] = LC8(LC_CSW + k);
		break;
	case 2:
		d->busy = false;
		d->unit = US_BUSY;
		break;
	default:
		d->busy = false;
		return -1;
	}
	return d->unit;
}

/* Error recovery, the little CP does: a disk that ends a channel program
 * with equipment check, data check or overrun (sense byte 0 X'10', X'08',
 * X'04': a transient fault of the device or the medium, as far as CP can
 * tell) gets the same program again, up to IO_TRIES times in all, each try
 * logged on the operator's console; a fault that stays is reported there
 * and to the caller.  The programs CP runs can be run again from the start:
 * they seek and search before they read or write, and a CCW translation's
 * copy does not change when the guest's storage does.  Anything else (a
 * record not found, a command the device rejects) is the program's own
 * result and goes back at once. */
enum { IO_TRIES = 4 };

int io_run(struct rdev *d, const struct ccw *prog)
{
	for (int tries = 1;; tries++) {
		int st = run_raw(d, prog);
		if (st <= 0 || !(st & US_UC))
			return st;
		/* unit check: the sense bytes say why */
		static struct ccw sense;
		uint8_t csw[8], chan = d->chan;
		memcpy(csw, d->csw, 8); /* the ending's CSW and status, not the Sense's */
		ccw_set(&sense, 0x04, d->sense, CCW_SLI, sizeof d->sense);
		memset(d->sense, 0, sizeof d->sense);
		run_raw(d, &sense);
		memcpy(d->csw, csw, 8);
		d->unit = (uint8_t)st;
		d->chan = chan;
		uint8_t s0 = d->sense[0];
		if (d->cls != RDEV_DASD || !(s0 & 0x1C))
			return st;
		const char *what = s0 & 0x10 ? "equipment check" : s0 & 0x08 ? "data check" : "overrun";
		if (tries == IO_TRIES) {
			con_printf("S37ERP002E DASD %03X %s: %s not recovered in %d tries, sense %02X%02X%02X%02X", d->addr,
			           d->volser, what, tries, s0, d->sense[1], d->sense[2], d->sense[3]);
			return st;
		}
		con_printf("S37ERP001I DASD %03X %s: %s, channel program run again (try %d of %d)", d->addr, d->volser,
		           what, tries + 1, IO_TRIES);
	}
}

/* Start prog on d and return at once: for a Read that waits for a person
 * (linemode.c's password).  Its ending comes as status in d->pending, as
 * unsolicited status does (d->busy stays false: CP's other I/O to d meanwhile
 * finds the device busy); the caller tells it apart by channel end.  0:
 * started; otherwise the status the device gave instead (cc 1), US_BUSY, or
 * -1 not operational. */
int io_start(struct rdev *d, const struct ccw *prog)
{
	for (int tries = 0; tries < 4; tries++) {
		LC32(LC_CAW) = (uint32_t)(uintptr_t)prog;
		d->busy = false;
		int cc = sio(d->addr);
		if (cc != 1)
			return cc == 0 ? 0 : cc == 2 ? US_BUSY : -1;
		uint8_t st = LC8(LC_CSW + 4);
		if ((st & ~(US_ATTN | US_DE)) || !st)
			return st; /* refused */
		note_pending(d, st); /* status it had pending, for the main loop: try again */
	}
	return US_BUSY;
}

static enum rdev_class classify(uint16_t type)
{
	switch (type) {
	case 0x3215: case 0x1052:
		return RDEV_CONSOLE;
	case 0x3277: case 0x3278: case 0x3279:
		return RDEV_DISPLAY;
	case 0x2311: case 0x2314: case 0x3330: case 0x3340: case 0x3350: case 0x3375: case 0x3380:
	case 0x3310: case 0x3370:
		return RDEV_DASD;
	case 0x3420: case 0x3480:
		return RDEV_TAPE;
	case 0x2540: case 0x3505:
		return RDEV_READER;
	case 0x3525:
		return RDEV_PUNCH;
	case 0x1403: case 0x3211:
		return RDEV_PRINTER;
	default:
		return type ? RDEV_OTHER : RDEV_NONE;
	}
}

/* Find the devices: SENSE ID to every address.  Not operational (cc 3) means
 * no device; otherwise bytes 4-5 of the answer are the device type. */
void io_probe(void)
{
	static uint8_t id[8];
	static struct ccw c;
	ccw_set(&c, 0xE4, id, CCW_SLI, 7);
	for (unsigned a = 0; a < 4096 && cp_nrdevs < RDEV_MAX; a++) {
		struct rdev *d = &cp_rdevs[cp_nrdevs];
		memset(d, 0, sizeof *d);
		d->addr = (uint16_t)a;
		by_addr[a] = d;
		memset(id, 0, sizeof id);
		int st = run_raw(d, &c);
		if (st < 0) {
			by_addr[a] = NULL;
			continue;
		}
		if (!(st & US_UC) && id[0] == 0xFF) {
			d->type = (uint16_t)(id[4] << 8 | id[5]);
			d->model = id[6];
		}
		d->cls = classify(d->type);
		d->pending = 0;
		d->queued = false;
		cp_nrdevs++;
	}
}
