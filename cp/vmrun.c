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
 * STIDP, ISK, SSK (keys kept per 2K block, not enforced), LCTL, STCTL,
 * DIAGNOSE 8 (a CP command), 0C and 60, and the timers: SCKC/STCKC and SPT/STPT give the
 * guest a clock comparator and CPU timer of its own (the CPU timer runs with
 * the TOD clock, as VM/370's REALTIMER option), whose external interruptions
 * CP reflects when the guest enables them; SCK is told it worked.  Anything else privileged stops the machine
 * with a message.  A guest with DAT on (shadow tables) comes with 8/9.
 */
#include "cp.h"
#include "lowcore.h"

/* A guest address as CP's (real) address; 0 when it is outside the
 * virtual machine's storage (n bytes at a). */
uint8_t *vm_addr(struct vm *v, uint32_t a, uint32_t n)
{
	a &= 0xFFFFFF;
	if (a + n > v->pages * 4096u || a + n < a)
		return NULL;
	return (uint8_t *)(uintptr_t)(v->base + a);
}

static uint32_t get32(const uint8_t *p) { return (uint32_t)p[0] << 24 | p[1] << 16 | p[2] << 8 | p[3]; }
static void put32(uint8_t *p, uint32_t v)
{
	p[0] = (uint8_t)(v >> 24);
	p[1] = (uint8_t)(v >> 16);
	p[2] = (uint8_t)(v >> 8);
	p[3] = (uint8_t)v;
}

static bool ec_mode(const struct vm *v) { return v->psw[1] & 0x08; }
static uint8_t psw_cc(const struct vm *v) { return ec_mode(v) ? (v->psw[2] >> 4) & 3 : (v->psw[4] >> 4) & 3; }
static void set_cc(struct vm *v, uint8_t cc)
{
	if (ec_mode(v))
		v->psw[2] = (uint8_t)((v->psw[2] & 0xCF) | cc << 4);
	else
		v->psw[4] = (uint8_t)((v->psw[4] & 0xCF) | cc << 4);
}
static uint32_t psw_ia(const struct vm *v) { return get32(v->psw + 4) & 0xFFFFFF; }
static void set_ia(struct vm *v, uint32_t ia)
{
	v->psw[5] = (uint8_t)(ia >> 16);
	v->psw[6] = (uint8_t)(ia >> 8);
	v->psw[7] = (uint8_t)ia;
}

/* The translation format of every virtual machine's tables: CR0 bits 8-9
 * (page size: 10 = 4K) and 11-12 (segment size: 00 = 64K).  CP runs with
 * DAT off, so only the guests ever use it. */
void vm_init(void)
{
	uint32_t cr0;
	__asm__ volatile("stctl 0,0,%0" : "=Q"(cr0));
	cr0 = (cr0 & ~0x00F80000u) | 0x00800000u;
	__asm__ volatile("lctl 0,0,%0" : : "Q"(cr0));
}

/* Build the segment and page tables that map the guest's storage: 64K
 * segments, 4K pages (CR0 bits 8-12 = 10000), guest address g at real
 * base + g.  Their frames were taken with the storage (vm.c). */
void vm_map(struct vm *v)
{
	uint32_t nseg = (v->pages + 15) / 16;
	uint8_t *st = (uint8_t *)(uintptr_t)v->tables;
	uint8_t *pt = st + 1024;
	for (uint32_t s = 0; s < nseg; s++) {
		uint8_t *t = pt + 32 * s;
		for (uint32_t p = 0; p < 16; p++) {
			uint32_t page = s * 16 + p;
			uint16_t e = page < v->pages ? (uint16_t)(((v->base >> 12) + page) << 4) : 0x0008;
			t[2 * p] = (uint8_t)(e >> 8);
			t[2 * p + 1] = (uint8_t)e;
		}
		put32(st + 4 * s, 0xF0000000u | (uint32_t)(uintptr_t)t); /* PTL 16 entries */
	}
	v->cr1 = ((nseg + 15) / 16 - 1) << 24 | (uint32_t)(uintptr_t)st; /* STL, STO */
}

/* The real PSW for the guest's PSW. */
static void real_psw(struct vm *v, uint8_t out[8])
{
	uint8_t pm = ec_mode(v) ? v->psw[2] & 0x0F : v->psw[4] & 0x0F;
	out[0] = 0x07; /* DAT, I/O and external enabled: CP's interruptions come */
	out[1] = 0x09; /* EC mode, key 0, problem state */
	out[2] = (uint8_t)(psw_cc(v) << 4 | pm);
	out[3] = 0;
	put32(out + 4, psw_ia(v));
}

/* After the guest comes back: its CC, program mask and address. */
static void from_real(struct vm *v, const uint8_t *r)
{
	set_cc(v, (r[2] >> 4) & 3);
	if (ec_mode(v))
		v->psw[2] = (uint8_t)((v->psw[2] & 0xF0) | (r[2] & 0x0F));
	else
		v->psw[4] = (uint8_t)((v->psw[4] & 0xF0) | (r[2] & 0x0F));
	set_ia(v, get32(r + 4) & 0xFFFFFF);
}

/* Reflect an interruption to the guest: old PSW (with the code in the BC
 * mode, or the code at its EC place) into the guest's page 0 at old_at,
 * new PSW from new_at. */
static void reflect(struct vm *v, uint32_t old_at, uint32_t new_at, uint32_t code_at, uint16_t code, uint8_t ilc)
{
	uint8_t *low = vm_addr(v, 0, 512);
	uint8_t old[8];
	memcpy(old, v->psw, 8);
	if (ec_mode(v)) {
		if (code_at) {
			low[code_at] = (uint8_t)(code >> 8);
			low[code_at + 1] = (uint8_t)code;
			if (ilc)
				low[code_at - 1] = (uint8_t)(ilc << 1 & 0x06);
		}
	} else {
		old[2] = (uint8_t)(code >> 8);
		old[3] = (uint8_t)code;
		old[4] = (uint8_t)((old[4] & 0x3F) | (ilc / 2) << 6);
	}
	memcpy(low + old_at, old, 8);
	memcpy(v->psw, low + new_at, 8);
}

void vm_reflect_program(struct vm *v, uint16_t code, uint8_t ilc)
{
	v->count.pgm++;
	reflect(v, 40, 104, 142, code, ilc);
}

/* An I/O interruption the guest is enabled for, if one is pending. */
static bool io_enabled(const struct vm *v, uint16_t dev)
{
	if (ec_mode(v))
		return (v->psw[0] & 0x02) && (v->cr[2] & (0x80000000u >> (dev >> 8 & 31)));
	unsigned ch = dev >> 8;
	return ch < 6 ? (v->psw[0] & (0x80 >> ch)) : (v->psw[0] & 0x02);
}

/* The external interruption the guest's timers have pending and it is
 * enabled for: X'1004' clock comparator, X'1005' CPU timer; 0: none.  PSW
 * bit 7 and CR0 bits 20 and 21 enable them. */
static uint16_t ext_pending(const struct vm *v)
{
	if (!(v->psw[0] & 0x01))
		return 0;
	uint64_t now = cp_tod();
	if ((v->cr[0] & 0x800) && v->ckc && now >= v->ckc)
		return 0x1004;
	if ((v->cr[0] & 0x400) && (int64_t)(v->cpt - (now - v->cpt_set)) < 0)
		return 0x1005;
	return 0;
}

static bool deliver_ext(struct vm *v)
{
	uint16_t code = ext_pending(v);
	if (!code)
		return false;
	v->count.ext++; /* (a CPU timer stays pending until the guest sets it or masks it, as on a real CPU) */
	uint8_t *low = vm_addr(v, 0, 512);
	if (ec_mode(v)) {
		low[132] = low[133] = 0; /* CPU address */
	}
	reflect(v, 24, 88, 134, code, 0);
	return true;
}

/* When the guest waits for its clock comparator or CPU timer, CP must wake
 * then: a timer of CP's own at the nearest deadline (the loop does the rest). */
static void wake(void *arg)
{
	((struct vm *)arg)->timer_id = -1;
}

static void arm_wakeup(struct vm *v)
{
	if (v->timer_id >= 0 || !(v->psw[0] & 0x01))
		return;
	uint64_t at = ~0ull;
	if ((v->cr[0] & 0x800) && v->ckc)
		at = v->ckc;
	if (v->cr[0] & 0x400) {
		uint64_t t = v->cpt_set + v->cpt;
		if ((int64_t)v->cpt < 0)
			t = v->cpt_set;
		if (t < at)
			at = t;
	}
	if (at != ~0ull)
		v->timer_id = timer_add(cp_ms_until(at), wake, v);
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
		if (ec_mode(v)) {
			low[186] = (uint8_t)(d->vaddr >> 8);
			low[187] = (uint8_t)d->vaddr;
		}
		v->count.io++;
		reflect(v, 56, 120, 0, d->vaddr, 0);
		return true;
	}
	return false;
}

/* ---- simulation of privileged instructions ---- */

const char *const vm_op_names[VM_OPS] = {"LPSW", "SSM",   "STNSM", "STOSM", "SIO",   "TIO", "HIO",   "TCH",
                                         "STIDP", "ISK", "SSK",   "LCTL",  "STCTL", "DIAG", "TIMER", "OTHER"};

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
		return b[1] == 0x02 ? VMOP_STIDP : (b[1] >= 0x04 && b[1] <= 0x09) ? VMOP_TIMER : VMOP_OTHER;
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

/* Stop the machine: CP READ, with a message. */
static void stop(struct user *u, const char *fmt, uint32_t a, uint32_t b)
{
	char msg[100];
	cp_format(msg, sizeof msg, fmt, a, b);
	user_printf(u, "%s", msg);
	u->vm->state = VM_STOPPED;
}

/* DIAGNOSE codes other than 8 (VM/370's conventions: the code in the
 * displacement, Rx and Ry in the R1 and R3 fields):
 *   X'0C' pseudo timer: 32 bytes at Rx (doubleword): date MM/DD/YY and time
 *         HH:MM:SS in EBCDIC, then the virtual and the total CPU time in
 *         microseconds (both the TOD time the machine ran: CP's own time
 *         for it is not counted apart yet);
 *   X'60' the virtual machine's storage size in bytes into Rx.
 * Others: specification exception, as VM/370 answers an unknown code. */
static bool diagnose(struct user *u, const uint8_t *b, uint8_t ilc)
{
	struct vm *v = u->vm;
	uint32_t code = (uint32_t)(b[2] & 0x0F) << 8 | b[3];
	unsigned rx = b[1] >> 4;
	switch (code) {
	case 0x0C: {
		uint32_t a = v->g.gpr[rx] & 0xFFFFFF;
		uint8_t *p = vm_addr(v, a, 32);
		if (!p || (a & 7)) {
			vm_reflect_program(v, p ? 0x06 : 0x05, ilc);
			return true;
		}
		struct cp_time t;
		cp_time(&t);
		char text[20];
		cp_format(text, sizeof text, "%02u/%02u/%02u%02u:%02u:%02u", t.month, t.day, t.year % 100, t.hour, t.min,
		          t.sec);
		cp_to_ebcdic(p, text, 16);
		uint64_t us = v->cpu_tod >> 12; /* the time it ran, in microseconds */
		for (int k = 7; k >= 0; k--, us >>= 8)
			p[16 + k] = p[24 + k] = (uint8_t)us;
		return true;
	}
	case 0x60:
		v->g.gpr[rx] = v->pages * 4096u;
		return true;
	}
	vm_reflect_program(v, 0x06, ilc); /* a code CP does not offer */
	return true;
}

/* The privileged instruction at ia (ilc bytes) in the guest, which is in
 * supervisor state: do it.  Returns false when the machine was stopped. */
static bool simulate(struct user *u, uint32_t ia, uint8_t ilc)
{
	struct vm *v = u->vm;
	const uint8_t *b = vm_addr(v, ia, ilc);
	if (!b) {
		stop(u, "S37VMS020E Instruction at %06X outside the virtual machine", ia, 0);
		return false;
	}
	uint8_t op = b[0];
	v->count.op[op_index(b)]++;
	switch (op) {
	case 0x82: { /* LPSW */
		uint32_t a = ea(v, b, false);
		const uint8_t *p = vm_addr(v, a, 8);
		if (a & 7 || !p) {
			vm_reflect_program(v, a & 7 ? 0x06 : 0x05, ilc);
			return true;
		}
		memcpy(v->psw, p, 8);
		return true;
	}
	case 0x80: { /* SSM */
		const uint8_t *p = vm_addr(v, ea(v, b, false), 1);
		if (!p) {
			vm_reflect_program(v, 0x05, ilc);
			return true;
		}
		v->psw[0] = *p;
		return true;
	}
	case 0xAC: /* STNSM */
	case 0xAD: { /* STOSM */
		uint8_t *p = vm_addr(v, ea(v, b, false), 1);
		if (!p) {
			vm_reflect_program(v, 0x05, ilc);
			return true;
		}
		*p = v->psw[0];
		v->psw[0] = op == 0xAC ? v->psw[0] & b[1] : v->psw[0] | b[1];
		return true;
	}
	case 0x9C: case 0x9D: case 0x9E: case 0x9F: { /* SIO/SIOF, TIO/CLRIO, HIO/HDV, TCH */
		uint32_t a = ea(v, b, false);
		set_cc(v, (uint8_t)vio_instruction(u, op, a & 0xFFFF));
		return true;
	}
	case 0xB2:
		if (b[1] >= 0x04 && b[1] <= 0x09 && b[1] != 0x05) { /* the timers: virtual ones */
			uint8_t *p = vm_addr(v, ea(v, b, false), 8);
			if (!p || (ea(v, b, false) & 7)) {
				vm_reflect_program(v, p ? 0x06 : 0x05, ilc);
				return true;
			}
			uint64_t x = 0;
			for (int k = 0; k < 8; k++)
				x = x << 8 | p[k];
			uint64_t now = cp_tod();
			switch (b[1]) {
			case 0x04: /* SCK: the guest may not set the real clock; it is told it did */
				set_cc(v, 0);
				break;
			case 0x06: /* SCKC */
				v->ckc = x;
				break;
			case 0x07: /* STCKC */
				x = v->ckc;
				break;
			case 0x08: /* SPT: decrements with the TOD clock from now on */
				v->cpt = x;
				v->cpt_set = now;
				break;
			case 0x09: /* STPT */
				x = v->cpt - (now - v->cpt_set);
				break;
			}
			if (b[1] == 0x07 || b[1] == 0x09)
				for (int k = 7; k >= 0; k--, x >>= 8)
					p[k] = (uint8_t)x;
			return true;
		}
		if (b[1] == 0x02) { /* STIDP: version X'FF' says "a virtual machine" */
			uint8_t *p = vm_addr(v, ea(v, b, false), 8);
			if (!p) {
				vm_reflect_program(v, 0x05, ilc);
				return true;
			}
			static const uint8_t id[8] = {0xFF, 0x00, 0x00, 0x01, 0x01, 0x45, 0x00, 0x00};
			memcpy(p, id, 8);
			return true;
		}
		break;
	case 0x09: /* ISK */
	case 0x08: { /* SSK: the guest's keys, one per 2K block, kept by CP */
		uint32_t a = v->g.gpr[b[1] & 15] & 0xFFFFFF;
		if ((a >> 11) >= v->nkeys) {
			vm_reflect_program(v, 0x05, ilc); /* beyond its storage: addressing */
			return true;
		}
		if (op == 0x09)
			v->g.gpr[b[1] >> 4] = (v->g.gpr[b[1] >> 4] & 0xFFFFFF00u) | v->keys[a >> 11];
		else
			v->keys[a >> 11] = (uint8_t)(v->g.gpr[b[1] >> 4] & 0xFE);
		return true;
	}
	case 0xB7: case 0xB6: { /* LCTL, STCTL */
		unsigned r1 = b[1] >> 4, r3 = b[1] & 15;
		uint32_t a = ea(v, b, false);
		for (unsigned r = r1, n = 0;; r = (r + 1) & 15, n++) {
			uint8_t *p = vm_addr(v, a + 4 * n, 4);
			if (!p) {
				vm_reflect_program(v, 0x05, ilc);
				return true;
			}
			if (op == 0xB7)
				v->cr[r] = get32(p);
			else
				put32(p, v->cr[r]);
			if (r == r3)
				break;
		}
		return true;
	}
	case 0x83: /* DIAGNOSE: code in the displacement; 8 = a CP command (Rx text, Ry length) */
		if (((uint32_t)(b[2] & 0x0F) << 8 | b[3]) == 8) {
			uint32_t rx = v->g.gpr[b[1] >> 4] & 0xFFFFFF, len = v->g.gpr[b[1] & 15] & 0xFF;
			const uint8_t *p = vm_addr(v, rx, len);
			if (!p) { /* the command's text is not in the machine */
				vm_reflect_program(v, 0x05, ilc);
				return true;
			}
			char line[132];
			uint32_t n = 0;
			for (; p && n < len && n + 1 < sizeof line; n++)
				line[n] = (char)cp_e2a[p[n]];
			line[n] = 0;
			cmd_execute(u, line);
			set_cc(v, 0);
			return true;
		}
		return diagnose(u, b, ilc);
	}
	stop(u, "S37VMS021E Privileged instruction at %06X not simulated (opcode %04X); virtual machine stopped", ia,
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
	if (ext_pending(v))
		return true;
	arm_wakeup(v);
	bool io = ec_mode(v) ? v->psw[0] & 0x02 : v->psw[0] & 0xFE;
	bool ext = v->psw[0] & 0x01;
	if (!io && !ext) {
		stop(u, "S37VMS023I Disabled wait state: PSW address %06X, code %04X", psw_ia(v),
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
	if (ec_mode(v) && (v->psw[0] & 0x04)) {
		stop(u, "S37VMS022E Virtual machine with DAT on: not supported yet (PSW address %06X)", psw_ia(v), 0);
		return false;
	}
	real_psw(v, v->g.psw);
	v->g.cr1 = v->cr1;
	/* a time slice: the CPU timer makes an external interruption when it
	 * goes negative (CR0 bit 21), so a looping guest still gives CP back
	 * the CPU (10 ms: bit 51 is a microsecond) */
	uint64_t slice = (uint64_t)10000 << 12;
	__asm__ volatile("spt %0" : : "Q"(slice));
	uint64_t t0 = cp_tod();
	int why = run_guest(&v->g);
	v->cpu_tod += cp_tod() - t0;
	from_real(v, v->g.psw);
	v->instructions++; /* turns: dispatches of the machine */
	if (why == 1) { /* program interruption */
		uint16_t code = LC16(LC_PGM_CODE);
		uint8_t ilc = (uint8_t)(LC8(LC_PGM_ILC) & 0x06);
		if ((code & 0xFF) == 0x10 || (code & 0xFF) == 0x11) {
			/* beyond the guest's storage: an addressing exception to it (which
			 * suppresses: past the instruction, where translation left it) */
			set_ia(v, psw_ia(v) + ilc);
			vm_reflect_program(v, 0x05, ilc);
		} else if ((code & 0xFF) == 0x02 && !(v->psw[1] & 0x01)) {
			v->privops++;
			return simulate(u, (psw_ia(v) - ilc) & 0xFFFFFF, ilc);
		} else {
			vm_reflect_program(v, code, ilc);
		}
	} else if (why == 2) { /* SVC */
		v->count.svc++;
		reflect(v, 32, 96, 138, LC16(LC_SVC_CODE), (uint8_t)(LC8(LC_SVC_ILC) & 0x06));
	} else if (why == 4 && LC16(LC_EXT_CODE) == 0x1005) {
		v->count.slices++; /* its time slice ended: another machine's turn */
	}
	return true;
}
