/* vio.c — the virtual machine's I/O: its START I/O and the rest, its
 * channel programs, its IPL.
 *
 * A guest's SIO is a privileged instruction, so it comes to CP (vmrun.c),
 * which finds the virtual device and does the I/O for it:
 *
 *   - the console (CONSOLE 009 3215): there is no real 3215 behind it; CP
 *     reads the guest's CCWs itself, writes each line to the user's
 *     terminal and gives the guest the next line the user types (VM READ);
 *   - a minidisk, or a real device dedicated to the machine: the real device
 *     does the work, so CP translates the guest's channel program into one
 *     the real channel can run (CCW translation, ccwtrans.c: copies of the
 *     CCWs with real data addresses, IDAWs where a data area crosses a page,
 *     a minidisk's cylinders relocated and its extent enforced).  After the
 *     real I/O, the CSW is translated back (the CCW address into the
 *     guest's) and the ending becomes an I/O interruption pending for the
 *     guest.  A PCI interruption of the real program is kept: the guest
 *     finds the PCI bit in the CSW of the ending (the architecture lets a
 *     PCI not yet taken be presented with the ending status).
 *
 * CP waits for the real I/O to end before the guest runs again (no overlap
 * of a guest's I/O with its computing yet).
 */
#include "ccwtrans.h"
#include "lowcore.h"

void vio_put_csw(struct vdev *d, uint8_t key, uint32_t ccw_next, uint8_t unit, uint8_t chan, uint16_t resid)
{
	d->csw[0] = (uint8_t)(key << 4);
	d->csw[1] = (uint8_t)(ccw_next >> 16);
	d->csw[2] = (uint8_t)(ccw_next >> 8);
	d->csw[3] = (uint8_t)ccw_next;
	d->csw[4] = unit;
	d->csw[5] = chan;
	d->csw[6] = (uint8_t)(resid >> 8);
	d->csw[7] = (uint8_t)resid;
	d->int_pending = true;
}

/* ---- the console ---- */

/* A line typed for a guest that was waiting for its console's attention
 * (vio_console_attention), kept for its next Read: one per machine, in
 * v->ahead (heap.c), given back when the Read takes it or the machine goes. */
enum { AHEAD_LEN = 132 };
static struct pool ahead_pool = POOL(char[AHEAD_LEN]);

static bool ahead_take(struct vm *v, char *out)
{
	if (!v->ahead)
		return false;
	memcpy(out, v->ahead, AHEAD_LEN);
	vio_forget(v);
	return true;
}

void vio_forget(struct vm *v)
{
	pool_put(&ahead_pool, v->ahead);
	v->ahead = NULL;
}

/* Walk the console's channel program from CCW address at; stop at a Read
 * that has to wait for the user. */
static void console_run(struct user *u, struct vdev *d, uint8_t key, uint32_t at)
{
	struct vm *v = u->vm;
	for (int n = 0; n < 256; n++) {
		struct gccw c;
		if (!xl_fetch_ccw(v, at, &c)) {
			vio_put_csw(d, key, at + 8, US_CE | US_DE, 0x20, 0); /* program check */
			return;
		}
		if ((c.cmd & 0x0F) == 0x08) { /* TIC */
			at = c.addr;
			continue;
		}
		uint8_t unit = US_CE | US_DE, chan = 0;
		uint16_t resid = 0;
		switch (c.cmd) {
		case 0x01:
		case 0x09: { /* Write (09: with carrier return) */
			uint8_t p[159];
			uint32_t k = c.count < sizeof p ? c.count : sizeof p;
			if (!c.count || !vm_fetch(v, c.addr, p, k)) {
				chan = 0x20;
				break;
			}
			char line[160];
			for (uint32_t n = 0; n < k; n++)
				line[n] = (char)cp_e2a[p[n]];
			line[k] = 0;
			user_printf(u, "%s", line);
			break;
		}
		case 0x0A: { /* Read inquiry: the user's next line */
			d->busy = true;
			d->read_ccw = at;
			d->csw[0] = key; /* kept for the ending */
			v->state = VM_READING;
			char line[132];
			if (ahead_take(v, line)) /* typed already: the attention's line */
				vio_console_input(u, line);
			else if (u->term)
				term_status(u->term);
			return;
		}
		case 0xE4: { /* Sense ID: a 3215, as the real one answers */
			static const uint8_t id[7] = {0xFF, 0x32, 0x15, 0x00, 0x32, 0x15, 0x00};
			uint16_t n = c.count < 7 ? c.count : 7;
			if (n && !vm_store(v, c.addr, id, n)) {
				chan = 0x20;
				break;
			}
			resid = (uint16_t)(c.count - n);
			break;
		}
		case 0x03: /* No operation */
		case 0x0B: /* Audible alarm */
			break;
		case 0x04: { /* Sense: one byte, nothing to report */
			static const uint8_t none = 0;
			if (c.count)
				vm_store(v, c.addr, &none, 1);
			resid = c.count ? (uint16_t)(c.count - 1) : 0;
			break;
		}
		default:
			unit |= US_UC; /* command reject */
			d->sense[0] = 0x80;
		}
		if (chan || (unit & US_UC) || !(c.flags & CCW_CC)) {
			vio_put_csw(d, key, at + 8, unit, chan, resid);
			return;
		}
		at += 8;
	}
	vio_put_csw(d, key, at + 8, US_CE | US_DE, 0x20, 0);
}

void vio_console_input(struct user *u, const char *line)
{
	struct vm *v = u->vm;
	struct vdev *d = NULL;
	for (int k = 0; k < v->ndev; k++)
		if (v->dev[k].kind == VDEV_CONSOLE && v->dev[k].busy)
			d = &v->dev[k];
	if (!d)
		return;
	sched_interactive(v); /* its user is waiting for the answer */
	struct gccw c;
	uint8_t key = d->csw[0];
	d->busy = false;
	v->state = VM_RUNNING;
	if (!xl_fetch_ccw(v, d->read_ccw, &c)) {
		vio_put_csw(d, key, d->read_ccw + 8, US_CE | US_DE, 0x20, 0);
		return;
	}
	uint8_t p[256];
	uint32_t k = 0, n = (uint32_t)strlen(line);
	for (; k < n && k < c.count && k < sizeof p; k++)
		p[k] = cp_a2e[(uint8_t)line[k]];
	if (!c.count || !vm_store(v, c.addr, p, k)) {
		vio_put_csw(d, key, d->read_ccw + 8, US_CE | US_DE, 0x20, 0);
		return;
	}
	uint8_t chan = (k != c.count && !(c.flags & CCW_SLI)) ? 0x40 : 0; /* incorrect length */
	if (c.flags & CCW_CC && !chan)
		console_run(u, d, key, d->read_ccw + 8);
	else
		vio_put_csw(d, key, d->read_ccw + 8, US_CE | US_DE, chan, (uint16_t)(c.count - k));
	if (u->term)
		term_status(u->term);
}

/* A line typed while the machine runs without a Read on its console: a
 * guest in an enabled wait (an operating system idle, waiting for work --
 * our own CP run as a guest waits so for its operator) gets an attention
 * interruption from its console, as the REQUEST key of a real 3215 gives
 * one, and the line waits for the Read the guest then starts.  So does a
 * guest that computes enabled for the interruption (CMS: HX, HI ...), even
 * when it has just masked it for a moment (v->runs_enabled, vmrun.c): the
 * attention is pending until it enables again.
 * false: the machine is computing disabled, or has its console busy or an interruption pending
 * there; the line is not accepted (user.c). */
bool vio_console_attention(struct user *u, const char *line)
{
	struct vm *v = u->vm;
	struct vdev *d = vm_console(v);
	/* The machine waits, or computes enabled for its console's
	 * interruptions (CMS, which then reads the line: HX, HI ...). A guest
	 * that computes disabled cannot take the attention: NOT ACCEPTED. */
	if (!d)
		return false;
	unsigned chan = d->vaddr >> 8;
	bool ec = v->psw[1] & 0x08;
	bool enabled = (v->psw[0] & (ec || chan >= 6 ? 0x02 : 0x80 >> chan)) != 0;
	if (d->busy || d->int_pending || !((v->psw[1] & 0x02) || enabled || v->runs_enabled))
		return false;
	if (v->ahead || !(v->ahead = pool_get(&ahead_pool)))
		return false; /* (one line at a time: the one before still waits) */
	size_t n = strlen(line);
	if (n > AHEAD_LEN - 1)
		n = AHEAD_LEN - 1;
	memcpy(v->ahead, line, n);
	v->ahead[n] = 0;
	spool_console_line(u, v->ahead); /* SPOOL CONSOLE START: what was typed too */
	vio_put_csw(d, 0, 0, US_ATTN, 0, 0);
	sched_interactive(v);
	return true;
}

/* ---- minidisks and dedicated devices: the real device does the work ---- */

static struct xlate xl; /* one at a time: CP waits for the real I/O to end */

/* The guest's program could not be translated: it ends as the channel or
 * the device would have ended it (why: X'20' program check, X'8x' command
 * reject, X'84' a seek beyond the minidisk). */
static void refuse(struct vdev *d, uint8_t key, uint32_t at, int why)
{
	if (why & 0x80) {
		memset(d->sense, 0, sizeof d->sense);
		d->sense[0] = 0x80;
		if (!d->real || !dasd_fba(d->real->type)) /* (a CKD's format 0 message; FBA sense has none) */
			d->sense[7] = (uint8_t)(why & 0x04 ? 0x04 : 0x02);
		vio_put_csw(d, key, at + 8, US_CE | US_DE | US_UC, 0, 0);
	} else {
		vio_put_csw(d, key, at + 8, US_CE | US_DE, (uint8_t)why, 0);
	}
}

/* The real ending becomes the guest's CSW. */
static void finish(struct vm *v, struct vdev *d, uint8_t key, int st)
{
	if (st < 0) {
		vio_put_csw(d, key, 0, US_CE | US_DE | US_UC, 0, 0);
		d->sense[0] = 0x40; /* intervention required */
		return;
	}
	const uint8_t *rc = d->real->csw;
	uint32_t real_next = (uint32_t)rc[1] << 16 | rc[2] << 8 | rc[3];
	uint32_t guest_next = xl_guest_next(&xl, real_next);
	if (d->kind == VDEV_MDISK)
		xl_after(v, d, &xl, real_next); /* before xl_unfix: the pages are still where they were */
	if (st & US_UC)
		memcpy(d->sense, d->real->sense, sizeof d->sense);
	vio_put_csw(d, key, guest_next, (uint8_t)st, d->real->chan, (uint16_t)(rc[6] << 8 | rc[7]));
}

static void real_run(struct user *u, struct vdev *d, uint8_t key, uint32_t at)
{
	struct vm *v = u->vm;
	struct gccw first;
	if (d->kind == VDEV_MDISK && xl_fetch_ccw(v, at, &first) && first.cmd == 0x04 && !(first.flags & CCW_CC)) {
		/* Sense: the bytes CP kept from the last unit check */
		uint16_t n = first.count < 24 ? first.count : 24;
		if (!vm_store(v, first.addr, d->sense, n)) {
			vio_put_csw(d, key, at + 8, US_CE | US_DE, 0x20, 0);
			return;
		}
		memset(d->sense, 0, sizeof d->sense);
		vio_put_csw(d, key, at + 8, US_CE | US_DE, 0, (uint16_t)(first.count - n));
		return;
	}
	static uint8_t inhibit = 0x40; /* Set File Mask: inhibit all writes */
	bool sfm = false;
	int why = 0;
	/* a minidisk, or a disk attached read-only: slot 0 is CP's, a
	 * no-operation, or the Set File Mask that keeps a read-only one so */
	bool guarded = d->kind == VDEV_MDISK || (!d->write && d->real->cls == RDEV_DASD);
	xl_begin(&xl, d->kind == VDEV_DEDICATED);
	if (guarded)
		xl_own(&xl, 0x03, NULL, CCW_CC | CCW_SLI, 1);
	bool ok = xl_translate(v, d, at, &xl, &sfm, &why);
	/* (an FBA disk has no Set File Mask: its Define Extent carries the mask, ccwtrans.c) */
	if (ok && guarded && !d->write && !sfm && !dasd_fba(d->real->type)) /* a read link: the real device refuses writes too */
		ccw_set(&xl.real[0], 0x1F, &inhibit, CCW_CC, 1);
	if (!ok) {
		xl_unfix(v, &xl);
		refuse(d, key, at, why);
		return;
	}
	v->count.ccws += (uint32_t)xl.n - guarded;
	/* slot 0 runs only when it is CP's Set File Mask */
	bool skip0 = guarded && xl.real[0].cmd == 0x03;
	trace_ccws(u, d, &xl, skip0); /* TRACE CCW: the translation, as it happens (trace.c) */
	int st = io_run(d->real, skip0 ? &xl.real[1] : xl.real);
	finish(v, d, key, st);
	trace_csw(u, d);
	xl_unfix(v, &xl);
}

/* ---- the instructions ---- */

int vio_instruction(struct user *u, uint8_t op, uint16_t dev)
{
	struct vm *v = u->vm;
	if (op == 0x9F) /* TEST CHANNEL: our channels are always available */
		return 0;
	struct vdev *d = vm_dev(v, dev & 0xFFF);
	if (!d || ((d->kind == VDEV_MDISK || d->kind == VDEV_DEDICATED) && !d->real) ||
	    (d->kind == VDEV_SPOOL && d->spool_kind == 'G'))
		return 3; /* not operational */
	uint8_t *low = vm_addr(v, 0, 512);
	if (d->int_pending && op != 0x9E) { /* status pending: it goes into the CSW */
		memcpy(low + 64, d->csw, 8);
		d->int_pending = false;
		return 1;
	}
	switch (op) {
	case 0x9D: /* TIO */
		return d->busy || d->fs_io ? 2 : 0;
	case 0x9E: /* HIO: a Read that waits is ended */
		if (d->busy) {
			d->busy = false;
			v->state = VM_RUNNING;
			memset(low + 64, 0, 8);
			low[68] = US_CE | US_DE;
			return 1;
		}
		return 1;
	}
	if (d->busy || d->fs_io)
		return 2;
	uint32_t caw = (uint32_t)low[72] << 24 | low[73] << 16 | low[74] << 8 | low[75];
	uint8_t key = (uint8_t)(caw >> 28);
	uint32_t at = caw & 0xFFFFFF;
	struct gccw first;
	if (!xl_fetch_ccw(v, at, &first) || (first.cmd & 0x0F) == 0x08) {
		/* the CAW's CCW address is invalid (or the first CCW a TIC): a
		 * program check found when the I/O starts: cc 1, the CSW stored */
		memset(low + 64, 0, 8);
		low[64] = (uint8_t)(key << 4);
		low[69] = 0x20;
		return 1;
	}
	vio_start(u, d, key, at);
	return 0;
}

void vio_start(struct user *u, struct vdev *d, uint8_t key, uint32_t at)
{
	if (d->kind == VDEV_CONSOLE) {
		u->vm->count.cons_progs++;
		console_run(u, d, key, at);
	} else if (d->kind == VDEV_SPOOL) { /* a reader, punch or printer: spool_dev.c */
		spool_dev_run(u, d, key, at);
	} else {
		u->vm->count.mdisk_progs++;
		real_run(u, d, key, at);
	}
}

/* CP's own start of an IPL chain: read the 24 bytes of record 1 of the
 * minidisk's cylinder 0, head 0 into buf (its counts say cylinder 0). */
static void ipl_record(struct xlate *x, const struct vdev *d, void *buf, uint8_t flags)
{
	static uint8_t seek[6], search[5];
	xl_begin(x, d->kind == VDEV_DEDICATED);
	dasd_read_ccws(x->real, seek, search, d->start, 0, 0, 1, buf, 24, flags);
	for (int k = 0; k < 4; k++)
		x->guest[k] = 0;
	x->n = 4;
}

/* IPL vaddr: the architected IPL of a minidisk, done by CP: read 24 bytes
 * of record 1 (cylinder 0, head 0) to location 0, go on with the CCWs that
 * were read to 8 and 16, then load the PSW at 0. */
int vm_ipl(struct user *u, uint16_t vaddr, char *msg, size_t size)
{
	struct vm *v = u->vm;
	struct vdev *d = vm_dev(v, vaddr);
	/* (a disk of its own too: DEDICATE or ATTACH, as our CP run as a guest needs) */
	if (!d || !d->real || !(d->kind == VDEV_MDISK || (d->kind == VDEV_DEDICATED && d->real->cls == RDEV_DASD))) {
		cp_format(msg, size, "S37IPL040E Device %03X not a linked minidisk; IPL not done", vaddr);
		return -1;
	}
	if (dasd_fba(d->real->type)) {
		cp_format(msg, size, "S37IPL044E Device %03X is an FBA disk; CP IPLs CKD disks only", vaddr);
		return -1;
	}
	vm_reset(v, true);
	struct xlate *x = &xl;
	static uint8_t scratch[24];
	ipl_record(x, d, vm_addr(v, 0, 24), CCW_SLI);
	int st = io_run(d->real, x->real);
	if (st < 0 || (st & US_UC) || d->real->chan) {
		cp_format(msg, size, "S37IPL041E IPL %03X: the IPL record cannot be read (status %02X%02X)", vaddr,
		          st < 0 ? 0xFF : st, d->real->chan);
		return -1;
	}
	/* The rest of the IPL chain, from the CCW at 8, right after the same
	 * record.  An IPL chain reads its own continuation (IPL1's CCW reads
	 * IPL2, and its TIC goes there), so it runs in two steps: the CCW at 8
	 * alone, then, from where the TIC at 16 points (or from 16), the rest,
	 * translated once it is in storage.  Both steps position the disk
	 * themselves (the second starts with the guest's own Seek). */
	struct gccw c1, c2;
	bool sfm = false;
	int why = 0;
	if (!xl_fetch_ccw(v, 8, &c1)) {
		cp_format(msg, size, "S37IPL042E IPL %03X: no CCW at 8 in the IPL record", vaddr);
		return -1;
	}
	ipl_record(x, d, scratch, CCW_CC | CCW_SLI);
	struct gccw one = c1;
	one.flags &= (uint8_t)~(CCW_CC | CCW_CD);
	if ((c1.cmd & 0x0F) == 0x08 || !xl_copy_ccw(v, d, 8, &one, x, &sfm, &why)) {
		xl_unfix(v, x);
		cp_format(msg, size, "S37IPL042E IPL %03X: its channel program cannot be run (%02X)", vaddr, why);
		return -1;
	}
	st = io_run(d->real, x->real);
	xl_unfix(v, x);
	if (st >= 0 && !(st & (US_UC | US_UX)) && !d->real->chan && (c1.flags & CCW_CC) && xl_fetch_ccw(v, 16, &c2)) {
		uint32_t from = (c2.cmd & 0x0F) == 0x08 ? c2.addr : 16;
		xl_begin(x, d->kind == VDEV_DEDICATED);
		if (!xl_translate(v, d, from, x, &sfm, &why)) {
			xl_unfix(v, x);
			cp_format(msg, size, "S37IPL042E IPL %03X: its channel program cannot be run (%02X)", vaddr, why);
			return -1;
		}
		st = io_run(d->real, x->real);
		xl_unfix(v, x);
	}
	if (st < 0 || (st & (US_UC | US_UX)) || d->real->chan) {
		cp_format(msg, size, "S37IPL043E IPL %03X: unit status %02X channel %02X sense %02X", vaddr,
		          st < 0 ? 0xFF : st, d->real->chan, d->real->sense[0]);
		return -1;
	}
	uint8_t *p0 = vm_addr(v, 0, 8);
	memcpy(v->psw, p0, 8);
	p0[2] = (uint8_t)(vaddr >> 8); /* the IPL device, where the BC mode wants it */
	p0[3] = (uint8_t)vaddr;
	if (!(v->psw[1] & 0x08)) {
		v->psw[2] = p0[2];
		v->psw[3] = p0[3];
	}
	memset(&v->g, 0, sizeof v->g);
	v->state = VM_RUNNING;
	return 0;
}
