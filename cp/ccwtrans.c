/* ccwtrans.c — CCW translation: a guest's channel program made into one
 * the real channel can run.
 *
 * A channel program names storage by real addresses, and the channel does
 * not use DAT.  The guest's CCWs name *its* real addresses, which are CP's
 * virtual ones: its page n is wherever CP put it (vm.c), and two
 * neighbouring guest pages are in general not neighbours in real storage.
 * So CP never lets the real channel see a guest CCW.  It copies the program
 * into its own storage and, CCW by CCW:
 *
 *   - moves the data address to where that guest storage really is; when
 *     the data area crosses a page boundary, the copy gets the IDA flag and
 *     a list of indirect data address words (IDAWs) that CP writes, one per
 *     2K block (GA22-7000 "Indirect Data Addressing"); a guest's own IDAW
 *     list is translated word by word the same way;
 *   - checks every byte the CCW may touch is the guest's own: if not, the
 *     guest sees the channel program check it would see on a machine of
 *     its size (no data moves at all, where a real channel would have
 *     moved the part before the bad address: the one difference);
 *   - fixes the pages (xlate.fix, vm->fixed): they must not be paged out or
 *     given away until the real I/O is over;
 *   - for a minidisk, relocates the seek arguments (and the home address a
 *     Search Home Address compares) by the minidisk's first cylinder,
 *     refuses a seek beyond its last, turns RECALIBRATE (which would go to
 *     the real cylinder 0) into a seek to the minidisk's cylinder 0, and
 *     lets through only the commands listed in mdisk_command: anything
 *     else, such as DEFINE EXTENT or a diagnostic command whose arguments
 *     could name real cylinders, is rejected;
 *   - for an FBA minidisk (3310, 3370: fba_command), relocates the extent
 *     of Define Extent: see below;
 *   - points a TIC at the copy of its target.
 *
 * An FBA minidisk is blocks start .. start+count-1 of its volume.  Every
 * block a channel program reaches goes through the one Define Extent the
 * device allows it (IBM 3370 reference: a Locate, and so a Read or Write,
 * without one is rejected; a second one is rejected): bytes 4-7, the
 * extent's origin, are the physical block of its first block, 8-11 and
 * 12-15 the first and last block numbers Locate may name.  So CP checks
 * that the extent, blocks origin .. origin+last-first, lies within the
 * minidisk, adds the minidisk's first block to the origin, and on a
 * read-only link makes the file mask "inhibit all writes" (bits 0-1 = 01):
 * a Locate to write is then refused by the device itself with command
 * reject, as a real 3370 refuses it.  An extent beyond the minidisk gets
 * what the device gives one beyond its last block: command reject (unit
 * check, sense byte 0 X'80'), before any CCW runs.  Locate's block numbers
 * are relative to the extent and need nothing.  Read IPL (X'02', block 0 of
 * the volume) is refused; Read Device Characteristics runs, and its block
 * count (bytes 14-17) is then made the minidisk's (xl_after), so a guest
 * learns the size of its minidisk as it would of a whole device.
 *
 * The copies are taken before the I/O starts, so a guest that changes its
 * channel program while it runs (by reading over it, say) changes only its
 * own storage: the real channel runs what CP checked.
 */
#include "ccwtrans.h"

enum { MD_REJECT, MD_DATA, MD_SEEK, MD_HA, MD_SFM, MD_RECAL, MD_WRITE, MD_DX, MD_RDC };

/* What an FBA minidisk lets a guest do.  Write needs a Locate to write,
 * which the extent's file mask governs: no check of CP's here. */
static int fba_command(uint8_t cmd)
{
	switch (cmd) {
	case 0x03: case 0x04: case 0xE4: /* no-operation, sense, sense ID */
	case 0x43: case 0x42: case 0x41: /* locate, read, write */
		return MD_DATA;
	case 0x63:
		return MD_DX;
	case 0x64:
		return MD_RDC;
	default: /* Read IPL among them */
		return MD_REJECT;
	}
}

static bool vdev_fba(const struct vdev *d) { return d->real && dasd_fba(d->real->type); }

/* What a CKD minidisk lets a guest do, by command code (the multitrack bit
 * X'80' of reads and searches changes nothing here: a multitrack operation
 * stops at the end of the cylinder, which is the minidisk's own). */
static int mdisk_command(uint8_t cmd)
{
	switch (cmd) {
	case 0x03: case 0x04: case 0xE4: /* no-operation, sense, sense ID */
		return MD_DATA;
	case 0x07: case 0x0B: case 0x1B: /* seek, seek cylinder, seek head */
		return MD_SEEK;
	case 0x13:
		return MD_RECAL;
	case 0x1F:
		return MD_SFM;
	case 0x39: case 0xB9: /* search home address equal */
		return MD_HA;
	case 0x31: case 0x51: case 0x71: case 0xB1: case 0xD1: case 0xF1: /* search ID equal/high/high-or-equal */
	case 0x29: case 0x49: case 0x69: case 0xA9: case 0xC9: case 0xE9: /* search key ... */
	case 0x06: case 0x86: case 0x0E: case 0x8E: case 0x1E: case 0x9E: /* read data, key and data, CKD */
	case 0x12: case 0x92: case 0x16: case 0x96: case 0x1A: case 0x9A: /* read count, R0, home address */
		return MD_DATA;
	case 0x05: case 0x0D: case 0x1D: case 0x01: case 0x15: case 0x11: /* write data, KD, CKD, special, R0; erase */
		return MD_WRITE;
	default: /* read IPL and write home address among them: not on a minidisk */
		return MD_REJECT;
	}
}

/* A search: its status modifier makes the channel skip the CCW after it. */
static bool is_search(uint8_t cmd) { return (cmd & 0x7F) >= 0x29 && ((cmd & 0x0F) == 0x01 || (cmd & 0x0F) == 0x09); }
/* A device dedicated to the machine takes every command, but one attached
 * read-only (ATTACH ... R/O) no write.  A disk's writes are the CKD write
 * commands and FBA's Write; Define Extent and Locate Record are refused too
 * (an extent's mask could permit writing), and its Set File Mask is made
 * "inhibit all writes", as on a read link.  (A disk's searches look like
 * writes, low bits 01, but only compare.)  Anything else: the write
 * commands by their low bits, and a tape's Write Tape Mark, Erase Gap and
 * Data Security Erase.  An FBA disk attached read-only keeps its Define
 * Extent and Locate (it reads nothing without them): its extent's file mask
 * is made "inhibit all writes", as on a read link (MD_DX). */
static int dedicated_command(const struct vdev *d, uint8_t cmd)
{
	if (d->write)
		return MD_DATA;
	if (d->real && d->real->cls == RDEV_DASD) { /* (the class io.c gave it at IPL) */
		if (dasd_fba(d->real->type) && (cmd == 0x63 || cmd == 0x43))
			return cmd == 0x63 ? MD_DX : MD_DATA; /* FBA: the extent's mask made "inhibit writes" (MD_DX) */
		switch (cmd) {
		case 0x05: case 0x0D: case 0x1D: case 0x01: case 0x15: case 0x11: case 0x19: case 0x41:
			return MD_WRITE;
		case 0x63: case 0x47: case 0x4B:
			return MD_REJECT;
		case 0x1F:
			return MD_SFM;
		default:
			return MD_DATA;
		}
	}
	return (cmd & 0x03) == 0x01 || cmd == 0x1F || cmd == 0x17 || cmd == 0x97 ? MD_WRITE : MD_DATA;
}

static bool is_read(uint8_t cmd) { return (cmd & 3) == 2 || (cmd & 0x0F) == 0x0C || (cmd & 0x0F) == 0x04; }
static bool is_backward(uint8_t cmd) { return (cmd & 0x0F) == 0x0C; }

bool xl_fetch_ccw(struct vm *v, uint32_t at, struct gccw *c)
{
	uint8_t p[8];
	if ((at & 7) || !vm_fetch(v, at, p, 8))
		return false;
	c->cmd = p[0];
	c->addr = (uint32_t)p[1] << 16 | p[2] << 8 | p[3];
	c->flags = p[4];
	c->count = (uint16_t)(p[6] << 8 | p[7]);
	return true;
}

void xl_begin(struct xlate *x, bool dedicated)
{
	x->n = x->nidaw = x->nfix = 0;
	x->dedicated = dedicated;
	x->dc_cmd = 0;
	x->nrdc = 0;
}

/* Append a CCW of CP's own. */
void xl_own(struct xlate *x, uint8_t cmd, const void *data, uint8_t flags, uint16_t count)
{
	ccw_set(&x->real[x->n], cmd, data, flags, count);
	x->guest[x->n++] = 0;
}

/* Fix the guest page that holds guest address a (once per program). */
static bool fix(struct vm *v, struct xlate *x, uint32_t a)
{
	uint16_t page = (uint16_t)(a >> 12);
	for (int k = x->nfix - 1; k >= 0 && k >= x->nfix - 4; k--) /* the usual case: the same page again */
		if (x->fix[k] == page)
			return true;
	if (x->nfix == XL_MAX_FIX)
		return false;
	x->fix[x->nfix++] = page;
	v->fixed[page]++;
	v->count.fixes++;
	return true;
}

void xl_unfix(struct vm *v, struct xlate *x)
{
	for (int k = 0; k < x->nfix; k++)
		v->fixed[x->fix[k]]--;
	x->nfix = 0;
}

/* The bytes an IDAW naming guest address a covers, count at most: to the
 * end of a's 2K block, or reading backward down to its start. */
static uint32_t block_len(uint32_t a, bool back, uint32_t count)
{
	uint32_t n = back ? (a & 2047) + 1 : 2048 - (a & 2047);
	return n < count ? n : count;
}

/* One IDAW of CP's for the n bytes at guest address a (within one 2K
 * block), which must be the guest's: the real address of a.  Reading
 * backward, a is the block's last byte used, the area lies below it. */
static bool put_idaw(struct vm *v, struct xlate *x, uint32_t a, uint32_t n, bool back)
{
	uint32_t lo = back ? a - n + 1 : a;
	uint8_t *r = vm_addr(v, lo, n);
	if (!r || x->nidaw == XL_MAX_IDAWS || !fix(v, x, lo))
		return false;
	x->idaw[x->nidaw++] = (uint32_t)(uintptr_t)r + (back ? n - 1 : 0);
	v->count.idaws++;
	return true;
}

/* The real data address (and IDA flag) for guest CCW c; false: the guest's
 * program check (an address outside its storage, a bad IDAW). */
static bool data_address(struct vm *v, struct xlate *x, const struct gccw *c, uint32_t *real, uint8_t *flags)
{
	bool back = is_backward(c->cmd);
	uint32_t count = c->count;
	if (!count)
		return false; /* a zero count: the channel's program check */
	if (((c->flags & CCW_SKIP) && is_read(c->cmd)) || c->cmd == 0x03) {
		*real = (uint32_t)(uintptr_t)x->arg[x->n]; /* skipping, or a no-operation: no data moves */
		*flags = (uint8_t)(c->flags & ~0x04);
		return true;
	}
	int first = x->nidaw;
	if (c->flags & 0x04) {
		/* The guest's own IDAWs, word by word: each names one 2K block (or
		 * the part of one), which lies in one page: one IDAW of ours each. */
		uint32_t list = c->addr;
		if (list & 3)
			return false;
		for (uint32_t k = 0; count; k++) {
			uint8_t w[4];
			if (!vm_fetch(v, list + 4 * k, w, 4))
				return false;
			uint32_t a = cp_get32(w);
			if (a & 0xFF000000u || (k && (a & 2047) != (back ? 2047u : 0)))
				return false; /* as the channel checks them (GA22-7000 "Indirect Data Addressing") */
			uint32_t n = block_len(a, back, count);
			if (!put_idaw(v, x, a, n, back))
				return false;
			count -= n;
		}
	} else {
		uint32_t a = c->addr, lo = back ? a - count + 1 : a;
		if (back && a + 1 < count)
			return false;
		uint8_t *r = vm_addr(v, lo, count);
		if (r) { /* within one page: the real address will do */
			if (!fix(v, x, lo))
				return false;
			*real = (uint32_t)(uintptr_t)r + (back ? count - 1 : 0);
			*flags = c->flags;
			return true;
		}
		/* across pages: IDAWs, one per 2K block the area touches */
		while (count) {
			uint32_t n = block_len(a, back, count);
			if (!put_idaw(v, x, a, n, back))
				return false;
			a = back ? a - n : a + n;
			count -= n;
		}
	}
	*real = (uint32_t)(uintptr_t)&x->idaw[first];
	*flags = (uint8_t)(c->flags | 0x04);
	return true;
}

/* The first n bytes of guest CCW c's data (a seek argument, a file
 * mask), through its IDAWs when it has the IDA flag. */
static bool fetch_arg(struct vm *v, const struct gccw *c, uint8_t *buf, uint32_t n)
{
	if (!(c->flags & 0x04))
		return vm_fetch(v, c->addr, buf, n);
	uint8_t w[8];
	if ((c->addr & 3) || !vm_fetch(v, c->addr, w, 4))
		return false;
	uint32_t a = cp_get32(w), first = 2048 - (a & 2047);
	if (a & 0xFF000000u)
		return false;
	if (first >= n)
		return vm_fetch(v, a, buf, n);
	if (!vm_fetch(v, c->addr + 4, w + 4, 4)) /* the rest in the next block */
		return false;
	uint32_t b = cp_get32(w + 4);
	return !(b & 0xFF0007FFu) && vm_fetch(v, a, buf, first) && vm_fetch(v, b, buf + first, n - first);
}

bool xl_copy_ccw(struct vm *v, struct vdev *d, uint32_t at, const struct gccw *c, struct xlate *x, bool *sfm,
                 int *why)
{
	if (x->n >= XL_MAX_CCWS - 1) {
		*why = 0x20;
		return false;
	}
	uint8_t cmd = c->cmd, flags = c->flags;
	uint16_t count = c->count;
	uint32_t real = 0;
	/* a CCW reached by data chaining goes on with the command before it (its own is ignored) */
	struct gccw as = *c;
	if (x->dc_cmd)
		as.cmd = x->dc_cmd;
	int kind = x->dedicated ? dedicated_command(d, as.cmd) : vdev_fba(d) ? fba_command(as.cmd) : mdisk_command(as.cmd);
	if (x->dc_cmd && kind != MD_DATA && kind != MD_WRITE)
		kind = MD_REJECT; /* CP relocates a seek argument only when one CCW holds it */
	x->dc_cmd = (c->flags & CCW_CD) ? as.cmd : 0;
	c = &as;
	uint8_t *arg = x->arg[x->n];
	switch (kind) {
	case MD_REJECT:
		*why = 0x80; /* command reject */
		return false;
	case MD_WRITE:
		if (!d->write) {
			*why = 0x80; /* no writing on a read link */
			return false;
		}
		/* fall through */
	case MD_DATA:
	case MD_RDC:
		if (!data_address(v, x, c, &real, &flags)) {
			*why = 0x20;
			return false;
		}
		if (kind == MD_RDC) { /* its block count becomes the minidisk's after the I/O */
			if (x->nrdc == XL_MAX_RDC) {
				*why = 0x80;
				return false;
			}
			x->rdc[x->nrdc].slot = x->n;
			x->rdc[x->nrdc].addr = c->addr;
			x->rdc[x->nrdc].count = c->count;
			x->rdc[x->nrdc++].flags = c->flags;
		}
		break;
	case MD_DX: { /* the extent moved to where the minidisk is, and kept within it */
		if (count < 16) {
			*why = 0x80; /* as the device rejects a short one */
			return false;
		}
		if (!fetch_arg(v, c, arg, 16)) {
			*why = 0x20;
			return false;
		}
		uint32_t origin = cp_get32(arg + 4), first = cp_get32(arg + 8), last = cp_get32(arg + 12);
		if (!x->dedicated) { /* (a whole device attached read-only: its own blocks as they are) */
			if (last < first || origin >= d->count || last - first >= d->count - origin) {
				*why = 0x80; /* beyond the minidisk: as beyond a device, command reject */
				return false;
			}
			origin += d->start;
		}
		for (int b = 0; b < 4; b++)
			arg[4 + b] = (uint8_t)(origin >> (24 - 8 * b));
		if (!d->write) /* bits 0-1 = 01: inhibit all writes */
			arg[0] = (uint8_t)((arg[0] & 0x3F) | 0x40);
		real = (uint32_t)(uintptr_t)arg;
		count = 16;
		flags &= (uint8_t)~0x04;
		*sfm = true; /* the program has its write guard */
		break;
	}
	case MD_SEEK:
	case MD_HA: { /* the cylinder (bytes 2-3 of a seek's BBCCHH, 0-1 of a home address's CCHH) moved */
		unsigned n = kind == MD_SEEK ? 6 : 4, at_cyl = kind == MD_SEEK ? 2 : 0;
		if (count < n || !fetch_arg(v, c, arg, n)) {
			*why = 0x20;
			return false;
		}
		uint32_t cyl = (uint32_t)arg[at_cyl] << 8 | arg[at_cyl + 1];
		if (cyl >= d->count) {
			if (kind == MD_SEEK) {
				*why = 0x84; /* command reject, invalid seek address */
				return false;
			}
			cyl = 0xFFFF - d->start; /* a home address the minidisk cannot have: no match */
		}
		cyl += d->start;
		arg[at_cyl] = (uint8_t)(cyl >> 8);
		arg[at_cyl + 1] = (uint8_t)cyl;
		real = (uint32_t)(uintptr_t)arg;
		count = count < 8 ? count : 8; /* as the guest said (incorrect length stays its own) */
		flags &= (uint8_t)~0x04;       /* CP's copy of the argument is not indirect */
		break;
	}
	case MD_RECAL: /* to the minidisk's cylinder 0, head 0, not the volume's */
		memset(arg, 0, 6);
		arg[2] = (uint8_t)(d->start >> 8);
		arg[3] = (uint8_t)d->start;
		cmd = 0x07;
		real = (uint32_t)(uintptr_t)arg;
		count = 6;
		flags = (uint8_t)((flags & (CCW_CC | CCW_PCI)) | CCW_SLI);
		break;
	case MD_SFM: /* the guest's file mask, with no writing on a read link */
		if (!fetch_arg(v, c, arg, 1)) {
			*why = 0x20;
			return false;
		}
		if (!d->write) /* bits 0-1 = 01: inhibit all writes (11 would permit them all) */
			arg[0] = (uint8_t)((arg[0] & 0x3F) | 0x40);
		real = (uint32_t)(uintptr_t)arg;
		count = 1;
		flags &= (uint8_t)~0x04;
		*sfm = true;
		break;
	}
	ccw_set(&x->real[x->n], cmd, (const void *)(uintptr_t)real, flags, count);
	x->guest[x->n++] = at;
	return true;
}

static int find_copy(const struct xlate *x, uint32_t at)
{
	for (int k = 0; k < x->n; k++)
		if (x->guest[k] == at && x->real[k].cmd != 0x08)
			return k;
	return -1;
}

/* CCWs are copied in the order the channel could meet them: straight on
 * while chained; a TIC to a CCW already copied points at the copy, a TIC
 * forward is followed later; after a TIC that follows a search, the CCW
 * after the TIC is copied next, since the search's status modifier makes the
 * channel skip the TIC. */
bool xl_translate(struct vm *v, struct vdev *d, uint32_t at, struct xlate *x, bool *sfm, int *why)
{
	int todo_slot[XL_MAX_CCWS];
	uint32_t todo_at[XL_MAX_CCWS];
	int ntodo = 0;
	for (;;) {
		bool searched = false; /* the previous CCW was a chained search */
		for (;;) {
			struct gccw c;
			if (x->n >= XL_MAX_CCWS - 1 || !xl_fetch_ccw(v, at, &c)) {
				*why = 0x20;
				return false;
			}
			if ((c.cmd & 0x0F) == 0x08) { /* TIC */
				int k = find_copy(x, c.addr);
				ccw_set(&x->real[x->n], 0x08, k >= 0 ? &x->real[k] : NULL, 0, 1);
				x->guest[x->n] = at;
				if (k < 0) {
					todo_slot[ntodo] = x->n;
					todo_at[ntodo++] = c.addr;
				}
				x->n++;
				if (!searched)
					break;
				searched = false;
				at += 8;
				continue;
			}
			int k = find_copy(x, at);
			if (k >= 0) { /* a chain into what is copied already */
				ccw_set(&x->real[x->n], 0x08, &x->real[k], 0, 1);
				x->guest[x->n++] = at;
				break;
			}
			if (!xl_copy_ccw(v, d, at, &c, x, sfm, why))
				return false;
			if (!(c.flags & (CCW_CC | CCW_CD)))
				break;
			searched = (c.flags & CCW_CC) && is_search(c.cmd);
			at += 8;
		}
		/* a TIC forward whose target is not copied yet */
		while (ntodo && find_copy(x, todo_at[ntodo - 1]) >= 0) {
			ntodo--;
			ccw_set(&x->real[todo_slot[ntodo]], 0x08, &x->real[find_copy(x, todo_at[ntodo])], 0, 1);
		}
		if (!ntodo)
			return true;
		ntodo--;
		ccw_set(&x->real[todo_slot[ntodo]], 0x08, &x->real[x->n], 0, 1);
		at = todo_at[ntodo];
	}
}

/* Store byte off of guest CCW data area (addr, flags as the guest gave
 * them: through its IDAWs when it has the IDA flag; forward only). */
static void store_byte(struct vm *v, uint32_t addr, uint8_t flags, uint32_t off, uint8_t b)
{
	if (!(flags & 0x04)) {
		vm_store(v, addr + off, &b, 1);
		return;
	}
	uint8_t w[4];
	if (!vm_fetch(v, addr, w, 4))
		return;
	uint32_t a = cp_get32(w), first = 2048 - (a & 2047);
	if (off >= first) {
		if (!vm_fetch(v, addr + 4, w, 4))
			return;
		a = cp_get32(w);
		off -= first;
	}
	vm_store(v, (a & 0xFFFFFF) + off, &b, 1);
}

void xl_after(struct vm *v, const struct vdev *d, const struct xlate *x, uint32_t real_next)
{
	if (!x->nrdc)
		return;
	int last = -1; /* the copy the channel ran last */
	for (int k = 0; k < x->n; k++)
		if ((uint32_t)(uintptr_t)&x->real[k] + 8 == real_next)
			last = k;
	for (int r = 0; r < x->nrdc; r++) {
		if (x->rdc[r].slot > last)
			continue; /* it did not run */
		/* bytes 14-17: the blocks of the device, here of the minidisk */
		for (uint32_t b = 0; b < 4 && 14 + b < x->rdc[r].count; b++)
			store_byte(v, x->rdc[r].addr, x->rdc[r].flags, 14 + b, (uint8_t)(d->count >> (24 - 8 * b)));
	}
}

uint32_t xl_guest_next(const struct xlate *x, uint32_t real_next)
{
	for (int k = 0; k < x->n; k++)
		if ((uint32_t)(uintptr_t)&x->real[k] + 8 == real_next)
			return x->guest[k] ? x->guest[k] + 8 : 0;
	return 0;
}
