/* diag14.c — DIAGNOSE X'14': input spool file manipulation.
 *
 * VM/370's way for a program in a virtual machine to read its reader's
 * files without a channel program, a 4K block at a time, and to look at
 * them (System Programmer's Guide, "DIAGNOSE Code X'14'").  Rx holds a
 * buffer address, a copy count or a spool id; Ry (an even register) the
 * reader's address, or a spool id for X'0FFF'; Ry+1 the subcode:
 *
 *   0000  the next block of the reader's file into the 4K page at Rx (the
 *         file is chosen as a Read would choose it, and stays the reader's)
 *   0004  the description of the next printer file in the reader (Rx: 104 bytes)
 *   0008  the same for punch files
 *   000C  the file Rx goes to the front of the reader
 *   0010  the copy count of the open file becomes Rx (1-255)
 *   0014  the open file starts again at its beginning
 *   0018  back one block: that block again into the page at Rx
 *   001C, 0020  monitor files: there are none here (CC 2)
 *   0FFF  Ry a spool id (0: from the start): the description of the user's
 *         next file after it, whatever its kind (Rx: 252 bytes)
 *
 * Condition codes: 0 done, 1 end of file (or no more files), 2 no such
 * file; 3 with Ry+1 4 no such device, 8 not a spooled reader.  An odd Ry, a
 * buffer not on its boundary, a copy count not positive or an unknown
 * subcode is a specification exception; a buffer outside the machine an
 * addressing exception.
 *
 * The blocks are spool.c's, as they are on disk: an 8-byte header (spool
 * id, block number, bytes used, records), then records of a halfword
 * length, the CCW command code that wrote them and their data.  A file's
 * description (our SFBLOK) is 2 bytes spool id, class, device type (P, L,
 * R), flags (X'02' held), queue, 2 bytes copies, 4 bytes records, then in
 * EBCDIC padded with blanks: origin 8, file name 8, type 8, distribution 8,
 * date 12 ("mm/dd hh:mm"), and from byte 68 the tag (136).
 */
#include "cp.h"

enum { DESC = 252 };

static void describe(const struct spool_file *f, uint8_t *out)
{
	memset(out, 0, DESC);
	out[0] = (uint8_t)(f->id >> 8);
	out[1] = (uint8_t)f->id;
	out[2] = cp_a2e[(uint8_t)f->cls];
	out[3] = cp_a2e[(uint8_t)f->devtype];
	out[4] = (uint8_t)(f->flags & (SPF_HOLD | SPF_SYSHOLD));
	out[5] = cp_a2e[(uint8_t)f->queue];
	out[6] = (uint8_t)(f->copies >> 8);
	out[7] = (uint8_t)f->copies;
	cp_put32(out + 8, f->records);
	const char *text[6] = {f->origin, f->fn, f->ft, f->dist, f->date, f->tag};
	const int at[6] = {12, 20, 28, 36, 44, 68}, len[6] = {8, 8, 8, 8, 12, 136};
	for (int k = 0; k < 6; k++) {
		memset(out + at[k], 0x40, (size_t)len[k]);
		for (int j = 0; j < len[k] && text[k][j]; j++)
			out[at[k] + j] = cp_a2e[(uint8_t)text[k][j]];
	}
}

/* A file's block into the guest's page at a: CC 0, or the exception. */
static int give_block(struct vm *v, struct spool_cursor *c, uint32_t a, uint8_t ilc)
{
	static uint8_t page[4096] __attribute__((aligned(8)));
	if (a & 0xFFF) {
		vm_reflect_program(v, 0x06, ilc);
		return -1;
	}
	if (!spool_get_block(c, page))
		return 1;
	if (!vm_store(v, a, page, 4096)) {
		vm_reflect_program(v, 0x05, ilc);
		return -1;
	}
	return 0;
}

/* The user's next reader file after place after: of devtype (0: any). */
static struct spool_file *next_file(struct user *u, uint32_t after, char devtype)
{
	struct spool_file *f = NULL;
	for (int k = 0; k < SPOOL_MAX_FILES; k++) {
		struct spool_file *x = &spool_files[k];
		if (x->id && !(x->flags & SPF_OPEN) && x->queue == 'R' && !strcmp(x->owner, u->id) && x->seq > after &&
		    (!devtype || x->devtype == devtype) && (!f || x->seq < f->seq))
			f = x;
	}
	return f;
}

void diag14(struct user *u, unsigned rx, unsigned ry, uint8_t ilc)
{
	struct vm *v = u->vm;
	if (ry & 1) {
		vm_reflect_program(v, 0x06, ilc);
		return;
	}
	uint32_t sub = v->g.gpr[ry + 1], x = v->g.gpr[rx];
	static uint8_t desc[DESC];
	int cc = 0;
	if (sub == 0x0FFF) { /* the next file after spool id Ry */
		uint32_t after = 0;
		if (v->g.gpr[ry]) {
			struct spool_file *f = spool_find((uint16_t)v->g.gpr[ry]);
			if (!f || v->g.gpr[ry] > 9999 || f->queue != 'R' || strcmp(f->owner, u->id)) {
				vm_set_cc(v, 2);
				return;
			}
			after = f->seq;
		}
		struct spool_file *f = next_file(u, after, 0);
		if (!f) {
			vm_set_cc(v, 1);
			return;
		}
		describe(f, desc);
		if (!vm_store(v, x & 0xFFFFFF, desc, DESC)) {
			vm_reflect_program(v, 0x05, ilc);
			return;
		}
		vm_set_cc(v, 0);
		return;
	}
	struct vdev *d = vm_dev(v, (uint16_t)(v->g.gpr[ry] & 0xFFF));
	if (!d || v->g.gpr[ry] > 0xFFF) {
		v->g.gpr[ry + 1] = 4;
		vm_set_cc(v, 3);
		return;
	}
	if (d->kind != VDEV_SPOOL || d->spool_kind != 'R' || !spool_ready()) {
		v->g.gpr[ry + 1] = 8;
		vm_set_cc(v, 3);
		return;
	}
	struct spool_dev *s = spool_dev_of(v, d->vaddr, true);
	struct spool_cursor *c = spool_dev_cursor(u, d, sub == 0x0000);
	switch (sub) {
	case 0x0000: /* the next block */
		if (!c) {
			cc = 2;
			break;
		}
		cc = give_block(v, c, x & 0xFFFFFF, ilc);
		if (cc == 1 && s) { /* the end of the file: CONT goes on with the next */
			bool cont, hold, nf, fr;
			int copies;
			const char *to;
			spool_dev_get(s, &cont, &hold, &copies, &to, &fr, &nf);
			if (cont) {
				spool_dev_reader_done(s, hold);
				c = spool_dev_cursor(u, d, true);
				cc = c ? give_block(v, c, x & 0xFFFFFF, ilc) : 1;
			}
		}
		break;
	case 0x0004: /* the next printer or punch file's description */
	case 0x0008: {
		if ((x & 7) || ((x & 0xFFF) + 104 > 4096)) {
			vm_reflect_program(v, 0x06, ilc);
			return;
		}
		uint32_t *after = s ? spool_dev_diag_after(s) : NULL;
		if (!after) {
			cc = 2;
			break;
		}
		struct spool_file *f = next_file(u, *after, sub == 4 ? 'L' : 'P');
		if (!f) {
			cc = *after ? 1 : 2;
			*after = 0;
			break;
		}
		*after = f->seq;
		describe(f, desc);
		if (!vm_store(v, x & 0xFFFFFF, desc, 104)) {
			vm_reflect_program(v, 0x05, ilc);
			return;
		}
		break;
	}
	case 0x000C: { /* a file to the front */
		struct spool_file *f = x <= 9999 ? spool_find((uint16_t)x) : NULL;
		if (!f || f->queue != 'R' || strcmp(f->owner, u->id) || (f->flags & SPF_OPEN))
			cc = 2;
		else
			spool_to_front(f);
		break;
	}
	case 0x0010: /* copies of the open file */
		if ((int32_t)x <= 0) {
			vm_reflect_program(v, 0x06, ilc);
			return;
		}
		if (!c) {
			cc = 2;
			break;
		}
		c->f->copies = (uint16_t)(x > 255 ? x % 256 : x);
		spool_checkpoint();
		break;
	case 0x0014: /* from the beginning */
		if (!c) {
			cc = 2;
			break;
		}
		c->block = 0;
		c->off = c->recno = 0;
		break;
	case 0x0018: { /* back one block */
		if (!c) {
			cc = 2;
			break;
		}
		/* which block of the file the reader is at (0: none yet), then the
		 * cursor after the one before the block to give */
		static uint8_t scratch[4096] __attribute__((aligned(8)));
		struct spool_cursor w = {c->f, 0, 0, 0};
		uint32_t at = 0;
		while (c->block && w.block != c->block && spool_get_block(&w, scratch))
			at++;
		uint32_t give = at >= 2 ? at - 1 : 1;
		struct spool_cursor p = {c->f, 0, 0, 0};
		for (uint32_t k = 1; k < give; k++)
			spool_get_block(&p, scratch);
		*c = p;
		cc = give_block(v, c, x & 0xFFFFFF, ilc);
		if (cc == 0 && at <= 1)
			cc = 1; /* it was at the first block already */
		break;
	}
	case 0x001C:
	case 0x0020: /* monitor files: none */
		cc = 2;
		break;
	default:
		vm_reflect_program(v, 0x06, ilc);
		return;
	}
	if (cc >= 0)
		vm_set_cc(v, (uint8_t)cc);
}
