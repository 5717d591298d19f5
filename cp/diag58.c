/* diag58.c — DIAGNOSE X'58', the 3270 virtual console interface: how a
 * program in a virtual machine (an editor, say) owns its user's display as
 * a full screen, as VM/370 offered it (System Programmer's Guide, "DIAGNOSE
 * Code X'58'").
 *
 * Rx holds the address of a CCW (of a chain, by command chaining), Ry the
 * virtual console's device address, right-justified.  The CCWs are the
 * virtual console's, with a control byte in the CCW's byte 5:
 *
 *   X'29'  a full-screen write: CONTROL X'80' Erase/Write, X'C0' Erase/Write
 *          Alternate, else Write; X'10' added to an Erase/Write makes PA1 the
 *          guest's key (otherwise PA1 stays CP's: CP READ).  The data is the
 *          3270 data stream: the WCC, orders, text.  (Write Structured Field,
 *          X'20', is not offered: command reject.)
 *   X'2A'  a full-screen read: CONTROL X'80' Read Modified, else Read Buffer
 *   X'19'  CP's own output area: CONTROL X'FF' clears it, X'FE' brings CP's
 *          screen back (the guest is done with its full screen), else the data
 *          are lines of text put in the output area from row CONTROL & X'3F'
 *   X'03'  no operation
 *
 * An Erase/Write puts the display in full-screen mode: the guest's screen,
 * as it wrote it, and each key the user presses (Enter, a PF key, Clear, PA2)
 * an attention interruption for the guest, which answers with a Read
 * Modified.  CP takes the display back for its own screen whenever it has
 * something for the user — a message, a line the guest writes on its
 * console the ordinary way, PA1, the machine stopping or reading its console.
 * Then the guest's full-screen I/O ends with unit status X'8E' (attention,
 * channel end, device end, unit check): the screen is CP's.  When the user
 * has read CP's screen and the machine runs, Enter on an empty line, PA2 or
 * Clear gives the display back and the guest an attention (display.c), so
 * that it reads, learns (X'8E'), and writes its screen anew by Erase/Write.
 *
 * Endings, as for START I/O: condition code 0 and an I/O interruption with
 * channel end and device end when all went well; condition code 1 with the
 * CSW stored at 64 when it did not (unit check: its sense byte 0 by a Sense
 * CCW through START I/O; program check; incorrect length) or when an
 * interruption was pending already (that CSW); 2 while a console Read waits
 * or the chain before is still under way; 3 when Ry is not the virtual
 * console.  Every CCW and data address is checked against the guest's
 * storage (vm_fetch, vm_store: outside it, a channel program check), and the
 * data stream against the screen (display.c).
 *
 * CP does not wait for the display.  A write over TN3270E ends when the
 * client has answered it, a Read Buffer (or a Read Modified with no
 * attention's record kept) when the client has sent its screen: a client
 * that stops answering would stop CP, and every user with it, if CP waited.
 * So a CCW that needs the display is started there (display.c), DIAGNOSE
 * gives condition code 0 at once, the machine runs on (it normally waits for
 * its interruption), and CP serves everyone else; when the display ends it,
 * diag58_io_end goes on with the chain, and its ending -- an error too, then
 * -- is the I/O interruption.  Meanwhile the console is busy (condition code
 * 2 to another DIAGNOSE X'58', START I/O and TEST I/O).  The chain's place
 * is kept in the console's struct vdev (fs_at ...).  A machine reset forgets
 * the chain (disp_fs_cancel); a user who leaves the display gets its ending
 * at once: unit check, intervention required.
 */
#include "cp.h"

enum { CHAIN_MAX = 64, DATA_MAX = 4096 };

void diag58_attention(struct user *u)
{
	struct vdev *d = u->vm ? vm_console(u->vm) : NULL;
	if (!d)
		return;
	if (d->int_pending) { /* with the status not yet taken */
		d->csw[4] |= US_ATTN;
		return;
	}
	memset(d->csw, 0, sizeof d->csw);
	d->csw[4] = US_ATTN;
	d->int_pending = true;
}

static void put_csw(uint8_t csw[8], uint32_t next, uint8_t unit, uint8_t chan, uint16_t resid)
{
	csw[0] = 0;
	csw[1] = (uint8_t)(next >> 16);
	csw[2] = (uint8_t)(next >> 8);
	csw[3] = (uint8_t)next;
	csw[4] = unit;
	csw[5] = chan;
	csw[6] = (uint8_t)(resid >> 8);
	csw[7] = (uint8_t)resid;
}

/* How a chain ended: the CSW's unit and channel status and residual count,
 * and sense byte 0 after a unit check. */
struct ending {
	uint8_t unit, chan, sense;
	uint16_t resid;
};

/* A read's data went to the guest: got bytes at in for the CCW under way. */
static void read_done(struct vm *v, struct vdev *d, const uint8_t *in, uint32_t got, struct ending *e)
{
	uint32_t k = got < d->fs_count ? got : d->fs_count;
	if (k && !vm_store(v, d->fs_addr, in, k)) {
		e->chan = 0x20;
		return;
	}
	e->resid = (uint16_t)(d->fs_count - k);
	if (got != d->fs_count && !(d->fs_flags & CCW_SLI))
		e->chan = 0x40; /* incorrect length */
}

/* Whether the chain goes on after the CCW that ended as e says. */
static bool chain_goes_on(const struct vdev *d, const struct ending *e)
{
	return !e->chan && !(e->unit & (US_UC | US_UX)) && (d->fs_flags & CCW_CC);
}

/* Run the chain from the CCW at d->fs_at until it ends (false, e filled in)
 * or a CCW went to the display (true: its ending comes to diag58_io_end). */
static bool run_chain(struct user *u, struct vdev *d, struct ending *e)
{
	struct vm *v = u->vm;
	static uint8_t data[DATA_MAX];
	bool tic = false;
	for (;; d->fs_n++) {
		uint8_t c[8];
		*e = (struct ending){.unit = US_CE | US_DE};
		if (d->fs_n == CHAIN_MAX || (d->fs_at & 7) || !vm_fetch(v, d->fs_at, c, 8)) {
			e->chan = 0x20; /* program check: no CCW there (or a chain without end) */
			return false;
		}
		uint8_t cmd = c[0], ctl = c[5];
		d->fs_cmd = cmd;
		d->fs_flags = c[4];
		d->fs_addr = (uint32_t)c[1] << 16 | c[2] << 8 | c[3];
		d->fs_count = (uint16_t)(c[6] << 8 | c[7]);
		if ((cmd & 0x0F) == 0x08) { /* TIC, not to another TIC */
			if (tic || d->fs_n == 0) {
				e->chan = 0x20;
				return false;
			}
			tic = true;
			d->fs_at = d->fs_addr;
			continue;
		}
		tic = false;
		if (!d->fs_count || (d->fs_flags & 0x04)) { /* a count of zero; IDAWs: CP takes neither here */
			e->chan = 0x20;
			return false;
		}
		int st;
		switch (cmd) {
		case 0x29: /* full-screen write */
			if (ctl & 0x20) {
				st = US_CE | US_DE | US_UC;
				e->sense = 0x80; /* Write Structured Field: not offered */
				break;
			}
			if (d->fs_count > DATA_MAX) {
				st = US_CE | US_DE | US_UC;
				e->sense = 0x01; /* more than CP carries: operation check */
				break;
			}
			if (!vm_fetch(v, d->fs_addr, data, d->fs_count)) {
				e->chan = 0x20;
				return false;
			}
			st = disp_fs_write(u->term, (ctl & 0x80) ? ((ctl & 0x40) ? 0x0D : 0x05) : 0x01, data,
			                   d->fs_count, (ctl & 0x10) != 0, &e->sense);
			break;
		case 0x2A: { /* full-screen read */
			uint32_t got;
			st = disp_fs_read(u->term, (ctl & 0x80) ? 0x06 : 0x02, data, sizeof data, &got, &e->sense);
			if (st != FS_LATER && !(st & US_UC))
				read_done(v, d, data, got, e);
			break;
		}
		case 0x19: /* CP's output area */
			if (d->fs_count > DATA_MAX || !vm_fetch(v, d->fs_addr, data, d->fs_count)) {
				e->chan = 0x20;
				return false;
			}
			st = disp_fs_lines(u->term, ctl, data, d->fs_count);
			if (st < 0) {
				st = US_CE | US_DE | US_UC;
				e->sense = u->term ? 0x80 : 0x40;
			}
			break;
		case 0x03: /* no operation */
			st = US_CE | US_DE;
			break;
		default:
			st = US_CE | US_DE | US_UC;
			e->sense = 0x80; /* command reject */
		}
		if (st == FS_LATER)
			return true;
		if (!e->chan)
			e->unit = (uint8_t)st;
		if (!chain_goes_on(d, e))
			return false;
		d->fs_at += 8;
	}
}

/* The chain ended as e says: its CSW, its sense byte. */
static void chain_csw(struct vdev *d, const struct ending *e, uint8_t csw[8])
{
	put_csw(csw, d->fs_at + 8, e->chan ? US_CE | US_DE : e->unit, e->chan, e->resid);
	if (!e->chan && (e->unit & US_UC)) {
		memset(d->sense, 0, sizeof d->sense);
		d->sense[0] = e->sense;
	}
}

bool diag58(struct user *u, const uint8_t *b, uint8_t ilc)
{
	struct vm *v = u->vm;
	unsigned rx = b[1] >> 4, ry = b[1] & 15;
	struct vdev *d = vm_console(v);
	if (!d || v->g.gpr[ry] != d->vaddr) {
		vm_set_cc(v, 3); /* not the virtual console */
		return true;
	}
	if (d->int_pending) { /* status pending: it goes into the CSW, as START I/O stores it */
		d->int_pending = false;
		if (!vm_store(v, 64, d->csw, 8))
			vm_reflect_program(v, 0x05, ilc);
		else
			vm_set_cc(v, 1);
		return true;
	}
	if (d->busy || d->fs_io) {
		vm_set_cc(v, 2);
		return true;
	}
	d->fs_at = v->g.gpr[rx] & 0xFFFFFF;
	d->fs_n = 0;
	struct ending e;
	if (run_chain(u, d, &e)) { /* the display has it: the ending comes as an interruption */
		d->fs_io = true;
		vm_set_cc(v, 0);
		return true;
	}
	uint8_t csw[8];
	chain_csw(d, &e, csw);
	if (e.chan || (e.unit & (US_UC | US_UX))) { /* the ending is told now: CSW stored, cc 1 */
		if (!vm_store(v, 64, csw, 8)) {
			vm_reflect_program(v, 0x05, ilc);
			return true;
		}
		vm_set_cc(v, 1);
		return true;
	}
	memcpy(d->csw, csw, 8); /* channel end and device end: an interruption for the guest */
	d->int_pending = true;
	vm_set_cc(v, 0);
	return true;
}

/* The display ended the CCW the chain waited for.  The chain goes on from
 * the next CCW if the flags say so; its ending, whatever it is, is an I/O
 * interruption now (condition code 0 was given when it started), with an
 * attention that came meanwhile in the same status. */
void diag58_io_end(struct user *u, int st, uint8_t sense, const uint8_t *in, uint32_t got)
{
	struct vdev *d = u->vm ? vm_console(u->vm) : NULL;
	if (!d || !d->fs_io)
		return; /* (the machine was reset meanwhile) */
	struct ending e = {.unit = (uint8_t)st, .sense = sense};
	if (d->fs_cmd == 0x2A && in && !(st & US_UC))
		read_done(u->vm, d, in, got, &e);
	if (chain_goes_on(d, &e)) {
		d->fs_at += 8;
		d->fs_n++;
		if (run_chain(u, d, &e))
			return; /* the next CCW went to the display */
	}
	d->fs_io = false;
	uint8_t attn = d->int_pending ? d->csw[4] & US_ATTN : 0; /* an attention not yet taken */
	chain_csw(d, &e, d->csw);
	d->csw[4] |= attn;
	d->int_pending = true;
}
