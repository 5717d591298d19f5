/* diag_io.c — DIAGNOSE X'18' and X'20': synchronous I/O for a guest that
 * knows it runs under CP.
 *
 * Instead of START I/O and an I/O interruption later, the guest hands CP a
 * channel program and gets the instruction back when the program has ended,
 * with the outcome in the condition code and R15; no interruption is made
 * (VM/370 System Programmer's Guide, DIAGNOSE codes X'18' and X'20').  CP
 * runs the program as it runs a START I/O's (vio_start: the CCWs copied and
 * translated), then takes the ending for itself.  The CSW of the ending is
 * also stored at the guest's location 64, as VM/370 returns it on an I/O
 * error; the sense bytes of a unit check are kept for the guest's SENSE.
 *
 * X'18' standard DASD I/O (CMS's disk interface): Rx the minidisk, Ry the
 *   CCW string (doubleword), R15 how many Read or Write CCWs it has (1-15).
 *   The string has VM/370's shape, one group per record:
 *       Seek (or Seek Head, same cylinder), [Set Sector], Search ID Equal,
 *       TIC back to the search, Read Data (06) or Write Data (05),
 *   the groups command-chained.  CP checks it before it runs:
 *     cc 1: R15 1 no such device, 2 not a CKD disk (FBA minidisks use
 *           X'20', as VM/370 offered X'18' for CKD only), 3 a write on a read-only
 *           link, 4 a cylinder beyond the minidisk, 5 busy or an
 *           interruption pending;
 *     cc 2: R15 5 the string not on a doubleword (or not in storage), 6 a
 *           seek or search argument outside storage, 7 a CCW not of the
 *           shape above, 8 a count of zero, 9 a count above 4096, 10 a
 *           buffer outside storage, 11 R15 not 1-15 or too small, 12 a Seek
 *           Head to another cylinder;
 *     cc 3: R15 13 the I/O ended in error (CSW at 64, sense kept).
 *   (VM/370 R6 allowed 2048 bytes a record; VM/SP 4096, which we follow so
 *   that 4K CMS blocks fit.)
 *
 * X'20' general I/O: Rx the virtual device, Ry the channel program (its
 *   high byte's first four bits the protection key, as a CAW's).
 *     cc 1: R15 1 no such device (or a dedicated one), 5 busy or an
 *           interruption pending;
 *     cc 2: R15 2 unit exception, 3 incorrect length;
 *     cc 3: R15 13 an I/O error or a device it does not serve (the console
 *           and spooled devices): Ry's two right bytes get sense bytes 0-1.
 */
#include "ccwtrans.h"

enum { CC_OK, CC_AVAIL, CC_CCW, CC_IOERR };
enum { CMD_SEEK = 0x07, CMD_SEEK_HEAD = 0x1B, CMD_SET_SECTOR = 0x23, CMD_SEARCH_ID_EQ = 0x31, CMD_TIC = 0x08,
       CMD_READ_DATA = 0x06, CMD_WRITE_DATA = 0x05 };
enum { DIAG18_MAX_COUNT = 4096 };

static void finish(struct vm *v, int cc, int r15)
{
	if (cc != CC_OK)
		v->g.gpr[15] = (uint32_t)r15;
	vm_set_cc(v, (uint8_t)cc);
}

static struct vdev *device(struct vm *v, uint32_t addr)
{
	return addr <= 0xFFF ? vm_dev(v, (uint16_t)addr) : NULL;
}

/* Run the program at at on d and take its ending: no interruption for the
 * guest.  The CSW goes to the guest's location 64. */
static const uint8_t *run(struct user *u, struct vdev *d, uint8_t key, uint32_t at)
{
	vio_start(u, d, key, at);
	d->int_pending = false;
	vm_store(u->vm, 64, d->csw, 8);
	return d->csw;
}

/* ---- X'18' ---- */

/* Check the CCW string at at against VM/370's shape, with max_rw Read or
 * Write CCWs at most: 0 (and *writes: it writes), or cc << 8 | R15. */
static int check_string(struct vm *v, const struct vdev *d, uint32_t at, uint32_t max_rw, bool *writes)
{
	int first_cyl = -1;
	uint32_t rw = 0;
	for (;;) {
		struct gccw c;
		uint8_t arg[6];
		if (!xl_fetch_ccw(v, at, &c))
			return CC_CCW << 8 | 5;
		if (c.cmd == CMD_SEEK || c.cmd == CMD_SEEK_HEAD) {
			if (c.count < 6 || !vm_fetch(v, c.addr, arg, 6))
				return CC_CCW << 8 | 6;
			int cyl = arg[2] << 8 | arg[3];
			if (first_cyl < 0 && c.cmd == CMD_SEEK_HEAD)
				return CC_CCW << 8 | 7;
			if (first_cyl >= 0 && cyl != first_cyl)
				return CC_CCW << 8 | 12;
			if ((uint32_t)cyl >= d->count)
				return CC_AVAIL << 8 | 4;
			first_cyl = cyl;
			if (!(c.flags & CCW_CC) || !xl_fetch_ccw(v, at += 8, &c))
				return CC_CCW << 8 | 7;
		} else if (first_cyl < 0) {
			return CC_CCW << 8 | 7; /* it starts with a seek */
		}
		if (c.cmd == CMD_SET_SECTOR) {
			if (!vm_fetch(v, c.addr, arg, 1))
				return CC_CCW << 8 | 6;
			if (!(c.flags & CCW_CC) || !xl_fetch_ccw(v, at += 8, &c))
				return CC_CCW << 8 | 7;
		}
		uint32_t search = at;
		if (c.cmd != CMD_SEARCH_ID_EQ || !(c.flags & CCW_CC))
			return CC_CCW << 8 | 7;
		if (!vm_fetch(v, c.addr, arg, 5))
			return CC_CCW << 8 | 6;
		if (!xl_fetch_ccw(v, at += 8, &c) || c.cmd != CMD_TIC || c.addr != search)
			return CC_CCW << 8 | 7;
		if (!xl_fetch_ccw(v, at += 8, &c) || (c.cmd != CMD_READ_DATA && c.cmd != CMD_WRITE_DATA))
			return CC_CCW << 8 | 7;
		if (c.count == 0)
			return CC_CCW << 8 | 8;
		if (c.count > DIAG18_MAX_COUNT)
			return CC_CCW << 8 | 9;
		uint8_t probe;
		if (!vm_fetch(v, c.addr, &probe, 1) || !vm_fetch(v, c.addr + c.count - 1u, &probe, 1))
			return CC_CCW << 8 | 10;
		*writes = *writes || c.cmd == CMD_WRITE_DATA;
		if (++rw > max_rw)
			return CC_CCW << 8 | 11;
		if (!(c.flags & CCW_CC))
			return 0;
		at += 8;
	}
}

/* The outcome: cc << 8 | R15. */
static int dasd_io(struct user *u, struct vm *v, struct vdev *d, uint32_t at, uint32_t n)
{
	if (!d || (d->kind == VDEV_MDISK && !d->real))
		return CC_AVAIL << 8 | 1;
	if (d->kind != VDEV_MDISK || dasd_fba(d->real->type))
		return CC_AVAIL << 8 | 2; /* (an FBA minidisk too: X'18' is CKD's; X'20' serves FBA) */
	if (d->busy || d->int_pending)
		return CC_AVAIL << 8 | 5;
	if (at & 7)
		return CC_CCW << 8 | 5;
	if (n < 1 || n > 15)
		return CC_CCW << 8 | 11;
	bool writes = false;
	int why = check_string(v, d, at, n, &writes);
	if (why)
		return why;
	if (writes && !d->write)
		return CC_AVAIL << 8 | 3;
	const uint8_t *csw = run(u, d, 0, at);
	if ((csw[4] & (US_UC | US_UX)) || csw[5])
		return CC_IOERR << 8 | 13;
	return CC_OK << 8;
}

void diag_dasd_io(struct user *u, unsigned rx, unsigned ry)
{
	struct vm *v = u->vm;
	int out = dasd_io(u, v, device(v, v->g.gpr[rx]), v->g.gpr[ry] & 0xFFFFFF, v->g.gpr[15]);
	finish(v, out >> 8, out & 0xFF);
}

/* ---- X'20' ---- */

static int general_io(struct user *u, struct vm *v, struct vdev *d, unsigned ry)
{
	uint32_t at = v->g.gpr[ry] & 0xFFFFFF;
	uint8_t key = (uint8_t)(v->g.gpr[ry] >> 28);
	if (!d || d->kind == VDEV_DEDICATED || (d->kind == VDEV_MDISK && !d->real))
		return CC_AVAIL << 8 | 1;
	if (d->kind != VDEV_MDISK) /* the console waits for its user; spooling is not there yet */
		return CC_IOERR << 8 | 13;
	if (d->busy || d->int_pending)
		return CC_AVAIL << 8 | 5;
	struct gccw first;
	if (!xl_fetch_ccw(v, at, &first) || (first.cmd & 0x0F) == CMD_TIC) {
		/* the program's address is not a CCW the channel can fetch: a
		 * program check before anything ran */
		uint8_t csw[8] = {(uint8_t)(key << 4), 0, 0, 0, 0, 0x20, 0, 0};
		vm_store(v, 64, csw, 8);
		v->g.gpr[ry] &= 0xFFFF0000u;
		return CC_IOERR << 8 | 13;
	}
	const uint8_t *csw = run(u, d, key, at);
	uint8_t unit = csw[4], chan = csw[5];
	if ((unit & US_UC) || (chan & ~0x40)) {
		v->g.gpr[ry] = (v->g.gpr[ry] & 0xFFFF0000u) |
		               ((unit & US_UC) ? (uint32_t)d->sense[0] << 8 | d->sense[1] : 0);
		return CC_IOERR << 8 | 13;
	}
	if (unit & US_UX)
		return CC_CCW << 8 | 2;
	if (chan & 0x40)
		return CC_CCW << 8 | 3;
	return CC_OK << 8;
}

void diag_general_io(struct user *u, unsigned rx, unsigned ry)
{
	struct vm *v = u->vm;
	int out = general_io(u, v, device(v, v->g.gpr[rx]), ry);
	finish(v, out >> 8, out & 0xFF);
}
