/* vmrun.c — running a virtual machine: trap and emulate.
 *
 * The guest's instructions run on the real CPU, in problem state, with DAT
 * on: its "real" storage is CP's frames, mapped by a segment table and page
 * tables that CP builds at LOGON (vm_map).  So the guest cannot touch CP or
 * another guest, and anything it may not do in problem state — a privileged
 * instruction, which it believes it may issue because its own PSW says
 * supervisor state — ends in a program interruption that comes back to CP
 * as a return from run_guest (start.S).  CP then does on the guest's behalf
 * what the instruction would have done to the virtual machine (simulate),
 * or passes the interruption to the guest as the architecture would have
 * (reflect): it stores the guest's old PSW in the guest's page 0 and loads
 * the guest's new PSW from there.
 *
 * The guest's own PSW (vm->psw, BC or EC mode as the guest chose) is never
 * loaded as it is: vm_real_psw turns it into the real one (EC mode, problem
 * state, DAT on, I/O and external interruptions enabled for CP), and after
 * the guest comes back its condition code, program mask and instruction
 * address go back into vm->psw.
 *
 * What is simulated today: LPSW, SSM, STNSM, STOSM, SIO, TIO, HIO, TCH,
 * STIDP, ISK, SSK, RRB (keys kept per 2K block, not enforced; reference and
 * change bits the real frame's: paging.c), LCTL, STCTL, LRA and PTLB,
 * DIAGNOSE 8 (a CP command), 0C and 60, and the timers: SCKC/STCKC and SPT/STPT give the
 * guest a clock comparator and CPU timer of its own (the CPU timer counts the
 * guest's own time, as in VM/370), and location 80 its interval timer (vtimer.c), whose external interruptions
 * CP reflects when the guest enables them; SCK is told it worked.  Anything else privileged stops the machine
 * with a message.
 *
 * A guest with DAT on (EC mode, PSW bit 5) runs on shadow tables (shadow.c):
 * the real CR1 names CP's shadow of the guest's current address space, its
 * translation exceptions come here and are either filled from the guest's
 * own tables or reflected to it, and the operands of the instructions CP
 * simulates are then guest-virtual addresses, translated by the guest's
 * tables (operand below).
 */
#include "cp.h"
#include "lowcore.h"

/* A guest address as CP's (real) address; 0 when it is outside the
 * virtual machine's storage (n bytes at a). */
uint8_t *vm_addr(struct vm *v, uint32_t a, uint32_t n)
{
	a &= 0xFFFFFF;
	if (!n || a + n > v->pages * 4096u || (a >> 12) != ((a + n - 1) >> 12))
		return NULL;
	/* CP finds the page where the hardware does: in the page table it built;
	 * one not in a frame is brought in first (paging.c) */
	uint16_t e = v->pt[a >> 12];
	if ((e & 0x0008) && (!page_in(v, a >> 12) || ((e = v->pt[a >> 12]) & 0x0008)))
		return NULL;
	return (uint8_t *)(uintptr_t)((uint32_t)(e >> 4) << 12 | (a & 0xFFF));
}

/* Copy n bytes between the guest's storage at a and buf, page by page. */
static bool vm_copy(struct vm *v, uint32_t a, uint8_t *buf, uint32_t n, bool store)
{
	a &= 0xFFFFFF;
	if (a + n > v->pages * 4096u || a + n < a)
		return false;
	while (n) {
		uint32_t k = 4096 - (a & 4095);
		if (k > n)
			k = n;
		uint8_t *p = vm_addr(v, a, k);
		if (store)
			memcpy(p, buf, k);
		else
			memcpy(buf, p, k);
		a += k;
		buf += k;
		n -= k;
	}
	return true;
}

bool vm_fetch(struct vm *v, uint32_t a, void *buf, uint32_t n) { return vm_copy(v, a, buf, n, false); }
bool vm_store(struct vm *v, uint32_t a, const void *buf, uint32_t n) { return vm_copy(v, a, (uint8_t *)buf, n, true); }

/* The translation format of every address space, CP's and the machines':
 * CR0 bits 8-9 (page size: 10 = 4K) and 11-12 (segment size: 00 = 64K).
 * Then CP's own address space, and DAT on (cpspace.c). */
void vm_init(void)
{
	uint32_t cr0;
	__asm__ volatile("stctl 0,0,%0" : "=Q"(cr0));
	cr0 = (cr0 & ~0x00F80000u) | 0x00800000u;
	__asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
	cp_dat_on(frames_limit() << 12); /* all real storage (frames.c measured it at IPL) */
}

/* Build the segment and page tables that map the guest's storage: 64K
 * segments, 4K pages (CR0 bits 8-12 = 10000).  Each page's entry already
 * holds its frame (vm.c put it there when it took the frame); the entries
 * past the end of the storage, in its last segment, are marked invalid. */
void vm_map(struct vm *v)
{
	uint32_t nseg = (v->pages + 15) / 16;
	uint8_t *st = (uint8_t *)(uintptr_t)v->tables;
	for (uint32_t p = v->pages; p < nseg * 16; p++)
		v->pt[p] = 0x0008; /* page invalid */
	for (uint32_t s = 0; s < (nseg + 15) / 16 * 16; s++) /* PTL 16 entries; past the storage: invalid */
		cp_put32(st + 4 * s, s < nseg ? 0xF0000000u | (uint32_t)(uintptr_t)(v->pt + 16 * s) : 0x00000001u);
	v->cr1 = (nseg ? (nseg + 15) / 16 - 1 : 0) << 24 | (uint32_t)(uintptr_t)st; /* STL, STO */
	__asm__ volatile("ptlb" : : : "memory"); /* no translation made from the old tables may stay */
}

/* The real PSW for the guest's PSW. */
static void real_psw(struct vm *v, uint8_t out[8])
{
	uint8_t pm = vm_ec(v) ? v->psw[2] & 0x0F : v->psw[4] & 0x0F;
	out[0] = 0x07; /* DAT, I/O and external enabled: CP's interruptions come */
	out[1] = 0x09; /* EC mode, key 0, problem state */
	out[2] = (uint8_t)(vm_cc(v) << 4 | pm);
	out[3] = 0;
	cp_put32(out + 4, vm_ia(v));
}

/* After the guest comes back: its CC, program mask and address. */
static void from_real(struct vm *v, const uint8_t *r)
{
	vm_set_cc(v, (r[2] >> 4) & 3);
	if (vm_ec(v))
		v->psw[2] = (uint8_t)((v->psw[2] & 0xF0) | (r[2] & 0x0F));
	else
		v->psw[4] = (uint8_t)((v->psw[4] & 0xF0) | (r[2] & 0x0F));
	vm_set_ia(v, cp_get32(r + 4) & 0xFFFFFF);
}

/* Reflect an interruption to the guest: old PSW (with the code in the BC
 * mode, or the code at its EC place) into the guest's page 0 at old_at,
 * new PSW from new_at. */
void vm_reflect(struct vm *v, uint32_t old_at, uint32_t new_at, uint32_t code_at, uint16_t code, uint8_t ilc)
{
	uint8_t *low = vm_addr(v, 0, 512);
	uint8_t old[8];
	memcpy(old, v->psw, 8);
	if (vm_ec(v)) {
		if (code_at) {
			low[code_at] = (uint8_t)(code >> 8);
			low[code_at + 1] = (uint8_t)code;
			if (ilc)
				low[code_at - 1] = (uint8_t)(ilc & 0x06); /* bits 5-6: the ILC in halfwords, so the byte is the length */
		}
	} else {
		old[2] = (uint8_t)(code >> 8);
		old[3] = (uint8_t)code;
		old[4] = (uint8_t)((old[4] & 0x3F) | (ilc / 2) << 6);
	}
	memcpy(low + old_at, old, 8);
	memcpy(v->psw, low + new_at, 8);
	trace_reflect(v, old_at, code); /* TRACE SVC, PROGRAM, EXTERNAL, I/O (trace.c) */
}

void vm_reflect_program(struct vm *v, uint16_t code, uint8_t ilc)
{
	v->count.pgm++;
	vm_reflect(v, 40, 104, 142, code, ilc);
}

/* A guest that computes with I/O interruptions enabled (CMS) takes a typed
 * line as an attention even at a moment it has them off for a few
 * instructions (around a START I/O); one that only enables in its waits
 * (the bare test guests) is NOT ACCEPTED while it computes (vio.c). */
static void note_enabled(struct vm *v)
{
	bool io = vm_ec(v) ? (v->psw[0] & 0x02) : (v->psw[0] & 0xFE);
	if (io && !(v->psw[1] & 0x02))
		v->runs_enabled = true;
}

/* An I/O interruption the guest is enabled for, if one is pending. */
static bool io_enabled(const struct vm *v, uint16_t dev)
{
	if (vm_ec(v))
		return (v->psw[0] & 0x02) && (v->cr[2] & (0x80000000u >> (dev >> 8 & 31)));
	unsigned ch = dev >> 8;
	return ch < 6 ? (v->psw[0] & (0x80 >> ch)) : (v->psw[0] & 0x02);
}

static bool deliver_ext(struct vm *v)
{
	uint16_t code = vtimer_take(v);
	if (!code)
		return false;
	v->count.ext++; /* (a CPU timer stays pending until the guest sets it or masks it, as on a real CPU) */
	uint8_t *low = vm_addr(v, 0, 512);
	if (vm_ec(v)) {
		low[132] = low[133] = 0; /* CPU address */
	}
	vm_reflect(v, 24, 88, 134, code, 0);
	return true;
}

bool vm_deliver_io(struct vm *v)
{
	for (int k = 0; k < v->ndev; k++) {
		struct vdev *d = &v->dev[k];
		if (!d->int_pending || !io_enabled(v, d->vaddr))
			continue;
		d->int_pending = false;
		uint8_t *low = vm_addr(v, 0, 512);
		memcpy(low + 64, d->csw, 8);
		if (vm_ec(v)) {
			low[186] = (uint8_t)(d->vaddr >> 8);
			low[187] = (uint8_t)d->vaddr;
		}
		v->count.io++;
		vm_reflect(v, 56, 120, 0, d->vaddr, 0);
		return true;
	}
	return false;
}

/* ---- simulation of privileged instructions ---- */

const char *const vm_op_names[VM_OPS] = {"LPSW", "SSM",   "STNSM", "STOSM", "SIO",   "TIO", "HIO",   "TCH",
                                         "STIDP", "ISK", "SSK",   "LCTL",  "STCTL", "DIAG", "TIMER", "LRA",
                                         "PTLB", "RRB", "OTHER"};

static int op_index(const uint8_t *b)
{
	switch (b[0]) {
	case 0x82: return VMOP_LPSW;
	case 0x80: return VMOP_SSM;
	case 0xAC: return VMOP_STNSM;
	case 0xAD: return VMOP_STOSM;
	case 0x9C: return VMOP_SIO;
	case 0x9D: return VMOP_TIO;
	case 0x9E: return VMOP_HIO;
	case 0x9F: return VMOP_TCH;
	case 0xB2:
		return b[1] == 0x02   ? VMOP_STIDP
		       : b[1] == 0x0D ? VMOP_PTLB
		       : b[1] == 0x13 ? VMOP_RRB
		       : (b[1] >= 0x04 && b[1] <= 0x09) ? VMOP_TIMER
		                                         : VMOP_OTHER;
	case 0xB1: return VMOP_LRA;
	case 0x09: return VMOP_ISK;
	case 0x08: return VMOP_SSK;
	case 0xB7: return VMOP_LCTL;
	case 0xB6: return VMOP_STCTL;
	case 0x83: return VMOP_DIAG;
	default: return VMOP_OTHER;
	}
}

static uint32_t ea(struct vm *v, const uint8_t *b, bool rx)
{
	uint32_t x = rx ? b[1] & 0x0F : 0, base = b[2] >> 4, d = (uint32_t)(b[2] & 0x0F) << 8 | b[3];
	return ((x ? v->g.gpr[x] : 0) + (base ? v->g.gpr[base] : 0) + d) & 0xFFFFFF;
}

/* The guest's DAT is on: its addresses are virtual (shadow.c). */
static bool dat_on(const struct vm *v) { return vm_ec(v) && (v->psw[0] & 0x04); }

/* A translation exception (or the addressing exception of a table outside
 * the machine) for the guest, as its own DAT would have made it: segment and
 * page translation nullify (the PSW back at the instruction, the address at
 * 144: GA22-7000 "Translation-Exception Address"), the others suppress.  The
 * guest's IA is past the instruction (ilc bytes) when this is called. */
static void dat_exception(struct vm *v, int code, uint32_t va, uint8_t ilc)
{
	if (code == 0x10 || code == 0x11) {
		uint8_t tea[4];
		cp_put32(tea, va & 0xFFFFFF);
		vm_store(v, 144, tea, 4);
		vm_set_ia(v, vm_ia(v) - ilc);
		v->count.pgm++;
		vm_reflect(v, 40, 104, 142, (uint16_t)code, ilc);
		return;
	}
	vm_reflect_program(v, (uint16_t)code, ilc);
}

/* The operand of n bytes (64 at most) at a, a virtual address when the
 * guest's DAT is on, copied from or to buf.  Every byte is translated before
 * any is stored (an exception leaves storage as it was); false when an
 * exception was reflected instead. */
static bool operand(struct vm *v, uint32_t a, void *buf, uint32_t n, bool store, uint8_t ilc)
{
	a &= 0xFFFFFF;
	if (!dat_on(v)) {
		if (store ? vm_store(v, a, buf, n) : vm_fetch(v, a, buf, n))
			return true;
		vm_reflect_program(v, 0x05, ilc);
		return false;
	}
	/* two pieces at most: 64 bytes cross no more than one 2K boundary */
	uint32_t split = ((a >> 11) + 1) << 11, len[2], ra[2], va[2] = {a, split & 0xFFFFFF};
	len[0] = a + n > split ? split - a : n;
	len[1] = n - len[0];
	for (int k = 0; k < 2 && len[k]; k++) {
		int code = shadow_translate(v, va[k], &ra[k], false);
		if (!code && ra[k] + len[k] > v->pages * 4096u)
			code = 0x05;
		if (code) {
			dat_exception(v, code, va[k], ilc);
			return false;
		}
	}
	uint8_t *p = buf;
	for (int k = 0; k < 2 && len[k]; k++) {
		if (store)
			vm_store(v, ra[k], p, len[k]);
		else
			vm_fetch(v, ra[k], p, len[k]);
		p += len[k];
	}
	return true;
}

/* Stop the machine: CP READ, with a message. */
void vm_stop(struct user *u, const char *fmt, uint32_t a, uint32_t b)
{
	char msg[100];
	cp_format(msg, sizeof msg, fmt, a, b);
	user_printf(u, "%s", msg);
	u->vm->state = VM_STOPPED;
}

/* The privileged instruction at ia (ilc bytes) in the guest, which is in
 * supervisor state: do it.  Returns false when the machine was stopped. */
static bool simulate(struct user *u, uint32_t ia, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint8_t b[6];
	if (dat_on(v)) {
		vm_set_ia(v, ia + ilc); /* (operand takes an exception back to the instruction) */
		if (!operand(v, ia, b, ilc, false, ilc))
			return true;
	} else if (!vm_fetch(v, ia, b, ilc)) {
		vm_stop(u, "S37VMS020E Instruction at %06X outside the virtual machine", ia, 0);
		return false;
	}
	uint8_t op = b[0];
	v->count.op[op_index(b)]++;
	trace_priv(u, ia, b); /* TRACE PRIV (trace.c) */
	switch (op) {
	case 0x82: { /* LPSW */
		uint32_t a = ea(v, b, false);
		uint8_t p[8];
		if (a & 7) {
			vm_reflect_program(v, 0x06, ilc);
			return true;
		}
		if (operand(v, a, p, 8, false, ilc))
			memcpy(v->psw, p, 8);
		note_enabled(v);
		return true;
	}
	case 0x80: { /* SSM */
		uint8_t m;
		if (operand(v, ea(v, b, false), &m, 1, false, ilc))
			v->psw[0] = m;
		note_enabled(v);
		return true;
	}
	case 0xAC: /* STNSM */
	case 0xAD: { /* STOSM */
		uint8_t m = v->psw[0];
		if (operand(v, ea(v, b, false), &m, 1, true, ilc))
			v->psw[0] = op == 0xAC ? v->psw[0] & b[1] : v->psw[0] | b[1];
		note_enabled(v);
		return true;
	}
	case 0x9C: case 0x9D: case 0x9E: case 0x9F: { /* SIO/SIOF, TIO/CLRIO, HIO/HDV, TCH */
		uint32_t a = ea(v, b, false);
		vm_set_cc(v, trace_io(u, ia, b, (uint8_t)vio_instruction(u, op, a & 0xFFFF))); /* TRACE IO (trace.c) */
		return true;
	}
	case 0xB2:
		if (b[1] >= 0x04 && b[1] <= 0x09 && b[1] != 0x05) { /* the timers: virtual ones */
			uint32_t va = ea(v, b, false), ra;
			if (!dat_on(v) || (va & 7))
				return vtimer_simulate(u, b, ilc);
			/* vtimer.c takes the operand (a doubleword: one page) as a real
			 * address: it gets the translation, in register 1 for the call */
			int code = shadow_translate(v, va, &ra, false);
			if (!code && ra + 8 > v->pages * 4096u)
				code = 0x05;
			if (code) {
				dat_exception(v, code, va, ilc);
				return true;
			}
			const uint8_t real[4] = {b[0], b[1], 0x10, 0x00}; /* D2(B2) = 0(1) */
			uint32_t r1 = v->g.gpr[1];
			v->g.gpr[1] = ra;
			bool ok = vtimer_simulate(u, real, ilc);
			v->g.gpr[1] = r1;
			return ok;
		}
		if (b[1] == 0x02) { /* STIDP: version X'FF' says "a virtual machine" */
			static const uint8_t id[8] = {0xFF, 0x00, 0x00, 0x01, 0x01, 0x45, 0x00, 0x00};
			uint32_t a = ea(v, b, false);
			if (a & 7)
				vm_reflect_program(v, 0x06, ilc);
			else
				operand(v, a, (void *)id, 8, true, ilc);
			return true;
		}
		if (b[1] == 0x12) { /* STAP: a virtual machine has one CPU, address 0 */
			static const uint8_t zero[2];
			if (ea(v, b, false) & 1)
				vm_reflect_program(v, 0x06, ilc);
			else
				operand(v, ea(v, b, false), (void *)zero, 2, true, ilc);
			return true;
		}
		if (b[1] == 0x0D) { /* PTLB: the shadows hold translations, as a TLB does */
			shadow_purge(v);
			return true;
		}
		if (b[1] == 0x13) { /* RRB: the guest's reference bit of a 2K block (a real address) */
			uint32_t a = ea(v, b, false);
			if ((a >> 11) >= v->nkeys)
				vm_reflect_program(v, 0x05, ilc);
			else
				vm_set_cc(v, page_rrb(v, a >> 11));
			return true;
		}
		break;
	case 0xB1: { /* LRA: the guest's own tables, whatever its DAT bit (GA22-7000 "LOAD REAL ADDRESS") */
		uint32_t ra = 0;
		int code = shadow_translate(v, ea(v, b, true), &ra, true), cc = 0;
		if (code == 0x10 || code == 0x11)
			cc = ra & 0x80000000u ? 3 : code == 0x10 ? 1 : 2;
		else if (code) {
			vm_reflect_program(v, (uint16_t)code, ilc);
			return true;
		}
		v->g.gpr[b[1] >> 4] = ra & 0xFFFFFF;
		vm_set_cc(v, (uint8_t)cc);
		return true;
	}
	case 0x09: /* ISK */
	case 0x08: { /* SSK: the guest's keys, one per 2K block, kept by CP */
		uint32_t a = v->g.gpr[b[1] & 15] & 0xFFFFFF;
		if ((a >> 11) >= v->nkeys) {
			vm_reflect_program(v, 0x05, ilc); /* beyond its storage: addressing */
			return true;
		}
		if (op == 0x09) /* EC mode: the 7-bit key; BC mode: access key and fetch bit */
			v->g.gpr[b[1] >> 4] = (v->g.gpr[b[1] >> 4] & 0xFFFFFF00u) |
			                      (page_key(v, a >> 11) & (vm_ec(v) ? 0xFE : 0xF8));
		else
			page_set_key(v, a >> 11, (uint8_t)(v->g.gpr[b[1] >> 4] & 0xFE));
		return true;
	}
	case 0xB7: case 0xB6: { /* LCTL, STCTL */
		unsigned r1 = b[1] >> 4, r3 = b[1] & 15;
		uint32_t a = ea(v, b, false), n = ((r3 - r1) & 15) + 1;
		uint8_t p[64];
		if (a & 3) {
			vm_reflect_program(v, 0x06, ilc);
			return true;
		}
		if (op == 0xB7 && !operand(v, a, p, 4 * n, false, ilc))
			return true;
		for (unsigned k = 0; k < n; k++) {
			if (op == 0xB7)
				v->cr[(r1 + k) & 15] = cp_get32(p + 4 * k);
			else
				cp_put32(p + 4 * k, v->cr[(r1 + k) & 15]);
		}
		if (op == 0xB6)
			operand(v, a, p, 4 * n, true, ilc);
		return true;
	}
	case 0x83: /* DIAGNOSE: the guest's call to CP (diag.c) */
		return diag_execute(u, b, ilc);
	}
	vm_stop(u, "S37VMS021E Privileged instruction at %06X not simulated (opcode %04X); virtual machine stopped", ia,
	     (uint32_t)(b[0] << 8 | b[1]));
	return false;
}

/* Whether the machine has something to do: not in its wait state, or an
 * I/O interruption it is enabled for is pending.  A wait state with every
 * interruption disabled can never end: the machine is stopped. */
bool vm_runnable(struct user *u)
{
	struct vm *v = u->vm;
	if (!(v->psw[1] & 0x02))
		return true;
	for (int k = 0; k < v->ndev; k++)
		if (v->dev[k].int_pending && io_enabled(v, v->dev[k].vaddr))
			return true;
	if (vtimer_pending(v))
		return true;
	vtimer_arm(v);
	bool io = vm_ec(v) ? v->psw[0] & 0x02 : v->psw[0] & 0xFE;
	bool ext = v->psw[0] & 0x01;
	if (!io && !ext) {
		vm_stop(u, "S37VMS023I Disabled wait state: PSW address %06X, code %04X", vm_ia(v),
		     (uint32_t)(v->psw[2] << 8 | v->psw[3]));
		if (u->term)
			term_status(u->term);
	}
	return false;
}

/* One turn of a virtual machine: run it until it comes back, then deal
 * with why.  Returns false when the machine can no longer run. */
bool vm_run(struct user *u)
{
	struct vm *v = u->vm;
	if (!deliver_ext(v))
		vm_deliver_io(v);
	if (v->psw[1] & 0x02) /* the guest's wait state: nothing to run */
		return false;
	bool dat = dat_on(v);
	real_psw(v, v->g.psw);
	v->g.cr1 = dat ? shadow_cr1(v) : v->cr1;
	if (!v->g.cr1) {
		vm_stop(u, "S37SHD001E No storage for shadow tables: virtual machine stopped (PSW address %06X)", vm_ia(v), 0);
		return false;
	}
	/* the real CR0 is CP's; a guest with 2K pages needs shadows of 2K pages
	 * (a 2K page is half a frame), so the page size (bits 8-9) is the guest's */
	uint32_t cr0;
	__asm__ volatile("stctl 0,0,%0" : "=Q"(cr0));
	v->g.cr0 = dat && shadow_two_k(v) ? (cr0 & ~0x00C00000u) | 0x00400000u : cr0;
	if (!trace_dispatch(u)) /* TRACE INSTRUCT, BRANCH, the guest's own PER (trace.c); false: stopped */
		return false;
	/* a time slice: the CPU timer makes an external interruption when it
	 * goes negative (CR0 bit 21), so a looping guest still gives CP back
	 * the CPU (10 ms: bit 51 is a microsecond) */
	uint64_t slice = vtimer_slice(v);
	__asm__ volatile("spt %0" : : "Q"(slice));
	uint64_t t0 = cp_tod();
	int why = run_guest(&v->g);
	uint64_t ran = cp_tod() - t0;
	vtimer_ran(v, ran);
	sched_ran(v, ran);
	from_real(v, v->g.psw);
	v->instructions++; /* turns: dispatches of the machine */
	if (why == 1) { /* program interruption */
		uint16_t code = LC16(LC_PGM_CODE);
		uint8_t ilc = (uint8_t)(LC8(LC_PGM_ILC) & 0x06);
		uint32_t tea = LC32(LC_TEA) & 0xFFF000;
		if ((code & 0x80) && !(code = trace_per(u, code, ilc))) /* a PER event (trace.c) */
			return true;
		if (dat && ((code & 0xFF) == 0x10 || (code & 0xFF) == 0x11)) {
			/* the shadow lacks the translation: the guest's tables give it,
			 * or the guest's own exception (shadow.c) */
			uint32_t va = LC32(LC_TEA) & 0xFFFFFF;
			int r = shadow_fault(v, va);
			if (r < 0) {
				vm_stop(u, "S37PAG021E No frame for a page at %06X: virtual machine stopped", va, 0);
				return false;
			}
			if (r) {
				vm_set_ia(v, vm_ia(v) + ilc); /* (the real exception nullified: dat_exception expects it past) */
				dat_exception(v, r, va, ilc);
			}
		} else if ((code & 0xFF) == 0x11 && tea < v->pages * 4096u) {
			/* a page of its storage not in a frame: a page fault.  The
			 * instruction was nullified; with the page in, it runs again */
			v->count.faults++;
			if (!page_in(v, tea >> 12)) {
				vm_stop(u, "S37PAG021E No frame for page %06X: virtual machine stopped", tea, 0);
				return false;
			}
		} else if ((code & 0xFF) == 0x10 || (code & 0xFF) == 0x11) {
			/* beyond the guest's storage: an addressing exception to it (which
			 * suppresses: past the instruction, where translation left it) */
			vm_set_ia(v, vm_ia(v) + ilc);
			vm_reflect_program(v, 0x05, ilc);
		} else if ((code & 0xFF) == 0x02 && !(v->psw[1] & 0x01)) {
			v->privops++;
			return simulate(u, (vm_ia(v) - ilc) & 0xFFFFFF, ilc);
		} else {
			vm_reflect_program(v, code, ilc);
		}
	} else if (why == 2) { /* SVC */
		v->count.svc++;
		vm_reflect(v, 32, 96, 138, LC16(LC_SVC_CODE), (uint8_t)(LC8(LC_SVC_ILC) & 0x06));
	} else if (why == 4 && LC16(LC_EXT_CODE) == 0x1005) {
		v->count.slices++; /* its time slice ended: another machine's turn */
	}
	return true;
}
