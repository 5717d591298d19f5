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
 * interruption was pending already (that CSW); 2 while a console Read waits;
 * 3 when Ry is not the virtual console.  Every CCW and data address is checked
 * against the guest's storage (vm_fetch, vm_store: outside it, a channel
 * program check), and the data stream against the screen (display.c).
 */
#include "cp.h"

enum { CHAIN_MAX = 64, DATA_MAX = 4096 };

static struct vdev *console_of(struct vm *v)
{
	for (int k = 0; k < v->ndev; k++)
		if (v->dev[k].kind == VDEV_CONSOLE)
			return &v->dev[k];
	return NULL;
}

void diag58_attention(struct user *u)
{
	struct vdev *d = u->vm ? console_of(u->vm) : NULL;
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

bool diag58(struct user *u, const uint8_t *b, uint8_t ilc)
{
	struct vm *v = u->vm;
	unsigned rx = b[1] >> 4, ry = b[1] & 15;
	uint32_t at = v->g.gpr[rx] & 0xFFFFFF, dev = v->g.gpr[ry];
	struct vdev *d = console_of(v);
	if (!d || dev != d->vaddr) {
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
	if (d->busy) {
		vm_set_cc(v, 2);
		return true;
	}
	static uint8_t data[DATA_MAX];
	uint8_t unit = US_CE | US_DE, chan = 0, sense = 0, csw[8];
	uint16_t resid = 0;
	bool tic = false;
	for (int n = 0;; n++) {
		uint8_t c[8];
		if (n == CHAIN_MAX || (at & 7) || !vm_fetch(v, at, c, 8)) {
			chan = 0x20; /* program check: no CCW there (or a chain without end) */
			break;
		}
		uint8_t cmd = c[0], flags = c[4], ctl = c[5];
		uint32_t addr = (uint32_t)c[1] << 16 | c[2] << 8 | c[3];
		uint16_t count = (uint16_t)(c[6] << 8 | c[7]);
		if ((cmd & 0x0F) == 0x08) { /* TIC, not to another TIC */
			if (tic || n == 0) {
				chan = 0x20;
				break;
			}
			tic = true;
			at = addr;
			continue;
		}
		tic = false;
		if (!count || (flags & 0x04)) { /* a count of zero; IDAWs: CP takes neither here */
			chan = 0x20;
			break;
		}
		int st;
		switch (cmd) {
		case 0x29: /* full-screen write */
			if (ctl & 0x20) {
				st = US_CE | US_DE | US_UC;
				sense = 0x80; /* Write Structured Field: not offered */
				break;
			}
			if (count > DATA_MAX) {
				st = US_CE | US_DE | US_UC;
				sense = 0x01; /* more than CP carries: operation check */
				break;
			}
			if (!vm_fetch(v, addr, data, count)) {
				chan = 0x20;
				st = 0;
				break;
			}
			st = disp_fs_write(u->term, (ctl & 0x80) ? ((ctl & 0x40) ? 0x0D : 0x05) : 0x01, data,
			                   count, (ctl & 0x10) != 0, &sense);
			break;
		case 0x2A: { /* full-screen read */
			uint32_t got;
			st = disp_fs_read(u->term, (ctl & 0x80) ? 0x06 : 0x02, data, sizeof data, &got,
			                  &sense);
			if (st & US_UC)
				break;
			uint32_t k = got < count ? got : count;
			if (k && !vm_store(v, addr, data, k)) {
				chan = 0x20;
				break;
			}
			resid = (uint16_t)(count - k);
			if (got != count && !(flags & CCW_SLI))
				chan = 0x40; /* incorrect length */
			break;
		}
		case 0x19: /* CP's output area */
			if (count > DATA_MAX || !vm_fetch(v, addr, data, count)) {
				chan = 0x20;
				st = 0;
				break;
			}
			st = disp_fs_lines(u->term, ctl, data, count);
			if (st < 0) {
				st = US_CE | US_DE | US_UC;
				sense = u->term ? 0x80 : 0x40;
			}
			break;
		case 0x03: /* no operation */
			st = US_CE | US_DE;
			break;
		default:
			st = US_CE | US_DE | US_UC;
			sense = 0x80; /* command reject */
		}
		if (chan) {
			unit = US_CE | US_DE;
			break;
		}
		unit = (uint8_t)st;
		if ((unit & (US_UC | US_UX)) || !(flags & CCW_CC))
			break;
		at += 8;
	}
	put_csw(csw, at + 8, unit, chan, resid);
	if (unit & US_UC) {
		memset(d->sense, 0, sizeof d->sense);
		d->sense[0] = sense;
	}
	if (chan || (unit & (US_UC | US_UX))) { /* the ending is told now: CSW stored, cc 1 */
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
