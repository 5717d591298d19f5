/* vm.c — the virtual machine a user gets at LOGON, as the directory
 * describes it: storage, and the devices at the addresses the user's
 * programs will use (console, unit record for spooling, minidisks).
 *
 * A minidisk is a range of cylinders on a real volume, named by its volume
 * serial: at LOGON CP finds the volume among the DASD it found at IPL (by
 * the VOL1 label it read from each one).  Running the machine — its
 * privileged instructions trapped and done by CP, its channel programs
 * translated — comes next (docs/cp.md).
 */
#include "cp.h"
#include "dirfmt.h"

/* The machines: each taken from this pool at LOGON, given back at LOGOFF (heap.c). */
static struct pool vm_pool = POOL(struct vm);

static struct vdev *add_dev(struct vm *v, uint16_t vaddr, uint16_t type, enum vdev_kind kind)
{
	static struct vdev spare; /* past VM_MAX_DEV: written, not kept (direct.c limits it) */
	struct vdev *d = v->ndev < VM_MAX_DEV ? &v->dev[v->ndev++] : &spare;
	memset(d, 0, sizeof *d);
	d->vaddr = vaddr;
	d->type = type;
	d->kind = kind;
	return d;
}

/* The machine has pages of storage: its page table entries all invalid
 * (paging.c brings each page in, as zeros, the first time it is touched)
 * but page 0's, which CP keeps in a frame (fixed) since it reflects
 * interruptions there.  False when not even that frame can be had. */
static bool get_storage(struct vm *v, uint32_t pages)
{
	v->pages = pages;
	for (uint32_t p = 0; p < pages; p++)
		v->pt[p] = 0x0008;
	vm_map(v);
	v->fixed[0] = 1;
	return page_in(v, 0);
}

static void free_storage(struct vm *v)
{
	for (uint32_t p = 0; p < v->pages; p++)
		page_release(v, p);
	v->fixed[0] = 0;
	v->pages = 0;
}

/* The frames for the tables of a machine of pages pages (cp.h), cleared,
 * and where each table is in them; false when there are not enough. */
static bool get_tables(struct vm *v, uint32_t pages)
{
	uint32_t nseg = (pages + 15) / 16, st_bytes = (nseg + 15) / 16 * 64;
	uint32_t bytes = st_bytes + 7 * pages, n = (bytes + 4095) / 4096;
	uint32_t t = frames_alloc(n);
	if (!t)
		return false;
	memset((void *)(uintptr_t)t, 0, n * 4096);
	v->tables = t;
	v->ntables = n;
	v->pt = (uint16_t *)(uintptr_t)(t + st_bytes); /* (page tables: 8-byte boundaries, as PTOs need) */
	v->slot = v->pt + pages;
	v->keys = (uint8_t *)(v->slot + pages);
	v->fixed = v->keys + 2 * pages;
	return true;
}

static void free_tables(struct vm *v)
{
	if (v->tables)
		frames_free(v->tables, v->ntables);
	v->tables = v->ntables = 0;
}

struct vm *vm_create(struct user *u, const struct dir_user *dir, const char **why)
{
	struct vm *v = pool_get(&vm_pool);
	if (!v) {
		*why = "S37LGN067E Not enough real storage for your virtual machine now";
		return NULL;
	}
	v->user = u;
	uint32_t pages = (dir->storage_kb + 63) / 64 * 16; /* whole 64K segments */
	if (pages > VM_MAX_PAGES)
		pages = VM_MAX_PAGES;
	if (!get_tables(v, pages) || !get_storage(v, pages)) {
		if (v->tables)
			free_storage(v);
		free_tables(v);
		pool_put(&vm_pool, v);
		*why = "S37LGN067E Not enough real storage for your virtual machine now";
		return NULL;
	}
	v->nkeys = v->pages * 2;
	v->state = VM_STOPPED;
	sched_logon(v); /* share 100, not favored (sched.c) */
	v->timer_id = -1;
	if (dir->console_type)
		add_dev(v, dir->console_vaddr, dir->console_type, VDEV_CONSOLE);
	for (int k = 0; k < dir->n_spool; k++) {
		struct vdev *d = add_dev(v, dir->spool[k].vaddr, dir->spool[k].devtype, VDEV_SPOOL);
		d->spool_kind = dir->spool[k].kind;
		d->spool_class = dir->spool[k].cls;
	}
	for (int k = 0; k < dir->n_mdisk; k++) {
		const struct dir_mdisk *m = &dir->mdisk[k];
		struct vdev *d = add_dev(v, m->vaddr, m->devtype, VDEV_MDISK);
		cp_field(d->volser, m->volser, 6);
		char mode[5];
		cp_field(mode, m->mode, 4);
		d->write = mode[0] == 'W' || mode[0] == 'M';
		d->start = dir_mdisk_start(dir, k);
		d->count = dir_mdisk_count(dir, k);
		d->real = dasd_find_volume(d->volser); /* NULL: user.c says NOT LINKED */
		if (d->real && dasd_fba(d->real->type) != dasd_fba(d->type))
			d->real = NULL; /* an FBA minidisk on a CKD volume, or the reverse: not linked either */
	}
	for (int k = 0; k < dir->n_dedicate; k++) { /* a real device of its own, if it is free */
		struct vdev *d = add_dev(v, dir->dedicate[k].vaddr, 0, VDEV_DEDICATED);
		struct rdev *r = io_find(dir->dedicate[k].raddr);
		d->raddr = dir->dedicate[k].raddr;
		if (r && !r->owner && !define_cp_uses(r)) { /* else NOT OPERATIONAL to the guest */
			d->real = r;
			d->type = r->type;
			d->write = true;
			r->owner = u;
		}
	}
	return v;
}

struct vdev *vm_dev(struct vm *v, uint16_t vaddr)
{
	for (int k = 0; k < v->ndev; k++)
		if (v->dev[k].vaddr == vaddr)
			return &v->dev[k];
	return NULL;
}

struct vdev *vm_console(struct vm *v)
{
	for (int k = 0; k < v->ndev; k++)
		if (v->dev[k].kind == VDEV_CONSOLE)
			return &v->dev[k];
	return NULL;
}

void vm_destroy(struct vm *v)
{
	if (v)
		vio_forget(v);
	if (v && v->timer_id >= 0)
		timer_cancel(v->timer_id);
	if (v)
		sched_logoff(v); /* out of the dispatch list (sched.c) */
	if (v && v->tables) {
		free_storage(v);
		free_tables(v);
	}
	pool_put(&vm_pool, v);
}

/* QUERY VIRTUAL: the machine as the user's programs will see it, and what
 * CP has done for it (trap and emulate, made visible). */
void vm_query(struct user *u, struct vm *v)
{
	user_printf(u, "STORAGE = %uK", v->pages * 4);
	user_printf(u, "SIMULATED %u PRIVILEGED INSTRUCTIONS IN %u DISPATCHES", v->privops, v->instructions);
	for (int k = 0; k < v->ndev; k++) {
		const struct vdev *d = &v->dev[k];
		switch (d->kind) {
		case VDEV_CONSOLE:
			if (u->term)
				user_printf(u, "CONS %03X %04X ON %s %03X", d->vaddr, d->type,
				            u->term->ops->set_more ? "DISP" : "LINE", term_addr(u->term));
			else
				user_printf(u, "CONS %03X %04X DISCONNECTED", d->vaddr, d->type);
			break;
		case VDEV_SPOOL:
			if (d->spool_kind == 'G') { /* DEFINE GRAF: no one has dialed to it */
				user_printf(u, "GRAF %03X %04X NOT DIALED", d->vaddr, d->type);
				break;
			}
			user_printf(u, "%s %03X %04X CL %c", d->spool_kind == 'P' ? "PUN" : d->spool_kind == 'L' ? "PRT" : "RDR",
			            d->vaddr, d->type, d->spool_class ? d->spool_class : 'A');
			break;
		case VDEV_MDISK:
			if (d->real) { /* an FBA minidisk's extent in blocks, as its MDISK statement gives it */
				const char *unit = dasd_fba(d->type) ? "BLK" : "CYL";
				user_printf(u, "DASD %03X %04X %s R/%c %u %s ON %03X AT %s %u", d->vaddr, d->type,
				            d->tdisk ? "T-DISK" : d->volser, d->write ? 'W' : 'O', d->count, unit, d->real->addr,
				            unit, d->start);
			} else
				user_printf(u, "DASD %03X %04X %s NOT LINKED", d->vaddr, d->type, d->volser);
			break;
		case VDEV_DEDICATED:
			user_printf(u, "DEV %03X ATTACHED AS %03X", d->raddr, d->vaddr);
			break;
		}
	}
}

/* INDICATE USER: what CP has done for a virtual machine, counted. */
void vm_indicate(struct user *u, struct user *of)
{
	struct vm *v = of->vm;
	user_printf(u, "USERID=%s DISPATCHED=%u TIME SLICES ENDED=%u QUEUE=Q%u, INTERACTIVE %u TIMES", of->id,
	            v->instructions, v->count.slices, v->queue == 1 ? 1 : 2, v->count.to_q1);
	char line[160];
	int n = cp_format(line, sizeof line, "PRIVILEGED INSTRUCTIONS SIMULATED=%u:", v->privops);
	for (int k = 0; k < VM_OPS; k++)
		if (v->count.op[k] && n < (int)sizeof line)
			n += cp_format(line + n, sizeof line - (size_t)n, " %s=%u", vm_op_names[k], v->count.op[k]);
	user_printf(u, "%s", line);
	user_printf(u, "INTERRUPTIONS REFLECTED: PROGRAM=%u SVC=%u I/O=%u EXTERNAL=%u", v->count.pgm, v->count.svc,
	            v->count.io, v->count.ext);
	user_printf(u, "CHANNEL PROGRAMS: CONSOLE=%u MINIDISK=%u, CCWS TRANSLATED=%u", v->count.cons_progs,
	            v->count.mdisk_progs, v->count.ccws);
	user_printf(u, "IDAWS WRITTEN=%u (DATA SPLIT AT PAGE BOUNDARIES), PAGES FIXED FOR I/O=%u", v->count.idaws,
	            v->count.fixes);
	uint32_t resident = 0;
	for (uint32_t p = 0; p < v->pages; p++)
		resident += !(v->pt[p] & 0x0008);
	user_printf(u, "PAGES: RESIDENT=%u OF %u, PAGE FAULTS=%u, PAGE-INS=%u, PAGE-OUTS=%u", resident, v->pages,
	            v->count.faults, v->count.pageins, v->count.pageouts);
	sched_indicate(u, v); /* CPU time, share (sched.c) */
	diag_indicate(u, v);
	shadow_indicate(u, v); /* shadow.c: a guest with DAT on */
}

/* The machine's reset (SYSTEM RESET, and CLEAR with its storage zeroed;
 * every IPL clears): stopped, PSW zero, control registers as after a
 * reset, no I/O pending or in progress, keys zero. */
void vm_reset(struct vm *v, bool clear)
{
	for (uint32_t k = 1; clear && k < v->pages; k++)
		page_release(v, k); /* zeros again, without a frame */
	if (clear)
		memset(vm_addr(v, 0, 4096), 0, 4096);
	shadow_purge(v); /* a CPU reset purges the TLB: the shadow tables too (shadow.c) */
	memset(v->psw, 0, sizeof v->psw);
	v->runs_enabled = false;
	memset(v->cr, 0, sizeof v->cr);
	v->cr[0] = 0xE0;
	v->cr[2] = 0xFFFFFFFFu;
	v->cr[14] = 0xC2000000u;
	v->cr[15] = 0x200;
	memset(v->keys, 0, v->nkeys);
	for (int k = 0; k < v->ndev; k++) {
		v->dev[k].int_pending = false;
		v->dev[k].busy = false;
		v->dev[k].fs_io = false;
	}
	if (v->user && v->user->term)
		disp_fs_cancel(v->user->term); /* its full-screen I/O under way ends for no one */
	v->state = v->resume = VM_STOPPED;
	vtimer_reset(v);
}

/* DEFINE STORAGE: the old storage goes (a fixed page cannot: CP runs a
 * machine's I/O to its end before it runs anything else, so none is fixed
 * here), the new is taken and cleared, and the machine is reset.  When
 * real storage is short, the machine keeps the size it had. */
bool vm_define_storage(struct vm *v, uint32_t kb, const char **why)
{
	uint32_t pages = (kb + 63) / 64 * 16, old = v->pages;
	if (!pages || pages > VM_MAX_PAGES) {
		*why = "S37CDF095E Storage size must be from 64K to 16M";
		return false;
	}
	free_storage(v);
	free_tables(v);
	if (!get_tables(v, pages) || !get_storage(v, pages)) {
		if (v->tables)
			free_storage(v);
		free_tables(v);
		get_tables(v, old); /* the frames just given back are there to take again */
		get_storage(v, old);
		*why = "S37CDF067E Not enough real storage for that size now";
		return false;
	}
	v->nkeys = v->pages * 2;
	vm_reset(v, false);
	return true;
}
