/* insn_control.c — control instructions (GA22-7000 "Control Instructions"):
 * PSW masks and loading, storage keys, control registers, DAT, prefixing,
 * CPU identification, SIGNAL PROCESSOR, MONITOR CALL, DIAGNOSE and TEST
 * PROTECTION.  All but MONITOR CALL are privileged; the dispatcher raises the
 * privileged-operation exception for them (optab.c, OPF_PRIV) before the
 * handler runs.
 *
 * Changes that alter what the TLB has cached (storage keys, reference bits,
 * CR0/CR1, the prefix) purge it; changes that may enable a pending
 * interruption set cpu.attention so the run loop looks at the world before
 * the next instruction.
 */
#include "access.h"
#include "ops.h"

static void spec_unless_aligned(struct cpu *c, uint32_t ea, uint32_t align)
{
	if (ea & (align - 1))
		cpu_program_check(c, PGM_SPECIFICATION);
}

/* ---- PSW ---------------------------------------------------------------- */

/* Replace PSW bits 0-7.  Going through the 8-byte PSW image lets
 * cpu_psw_load apply the EC-mode validity rule (bits 0 and 2-4 must be zero),
 * recompute the TLB context (DAT bit) and set attention (interruptions may now
 * be enabled).  An invalid mask is a specification exception recognised early,
 * after the instruction (GA22-7000 "Early Exception Recognition"); when SSM or
 * STOSM introduces it the ILC is 2 (GA22-7000 "Specification Exception"), not
 * the 0 of a PSW loaded by LPSW or an interruption, so it is raised here with
 * the new mask in place and the PSW pointing past the instruction. */
static void set_system_mask(struct cpu *c, uint8_t mask)
{
	uint8_t psw[8];
	cpu_psw_store(c, psw);
	psw[0] = mask;
	if (!cpu_psw_load(c, psw))
		cpu_program_check(c, PGM_SPECIFICATION);
}

/* 80 SSM — Set System Mask [S] */
void op_ssm(struct cpu *c, const struct insn *i)
{
	/* SSM-suppression control, CR0 bit 1: special-operation exception. */
	if (c->cr[0] & CR0_SSM_SUPPRESS)
		cpu_program_check(c, PGM_SPECIAL_OPERATION);
	set_system_mask(c, vfetch8(c, i->ea2));
}

/* 82 LPSW — Load PSW [S] */
void op_lpsw(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 8);
	uint8_t psw[8];
	vfetch_bytes(c, i->ea2, psw, 8);
	cpu_psw_load(c, psw); /* an invalid PSW is loaded; the exception comes early */
}

/* AC STNSM — Store Then And System Mask [SI] */
void op_stnsm(struct cpu *c, const struct insn *i)
{
	uint8_t old = c->psw.sysmask;
	vstore8(c, i->ea1, old);
	set_system_mask(c, old & i->imm8);
}

/* AD STOSM — Store Then Or System Mask [SI] */
void op_stosm(struct cpu *c, const struct insn *i)
{
	uint8_t old = c->psw.sysmask;
	vstore8(c, i->ea1, old);
	set_system_mask(c, old | i->imm8);
}

/* ---- Storage keys ------------------------------------------------------- */

/* The key of the 2K block designated by bits 8-20 of a register.  The
 * address is real (prefixing applies, DAT does not); bits 28-31 must be zero
 * (specification); a block outside storage is an addressing exception.  Keys
 * stay per 2K block: the storage-key 4K-byte-block facility is not installed. */
static uint8_t *block_key(struct cpu *c, uint32_t addr)
{
	if (addr & 0xF)
		cpu_program_check(c, PGM_SPECIFICATION);
	uint32_t aa = real_to_abs(c, addr & 0x00FFF800u);
	if (aa >= c->st->size)
		cpu_program_check(c, PGM_ADDRESSING);
	return &c->st->keys[aa >> BLOCK_SHIFT];
}

/* 08 SSK — Set Storage Key [RR]: bits 24-30 of R1 become ACC, F, R, C. */
void op_ssk(struct cpu *c, const struct insn *i)
{
	*block_key(c, c->gpr[i->r2]) = (uint8_t)(c->gpr[i->r1] & 0xFE);
	cpu_purge_tlb(c); /* the TLB holds key checks and R/C settings */
}

/* 09 ISK — Insert Storage Key [RR].  EC mode: the 7-bit key into bits 24-30,
 * bit 31 zero.  BC mode: ACC and F into bits 24-28, bits 29-31 zero.  Bits
 * 0-23 of R1 are unchanged in both modes. */
void op_isk(struct cpu *c, const struct insn *i)
{
	uint8_t key = *block_key(c, c->gpr[i->r2]);
	key &= cpu_ec_mode(c) ? (SK_ACC | SK_F | SK_R | SK_C) : (SK_ACC | SK_F);
	c->gpr[i->r1] = (c->gpr[i->r1] & 0xFFFFFF00u) | key;
}

/* B213 RRB — Reset Reference Bit [S]: CC = 2*R + C, then R = 0.  The operand
 * address is real; bits 21-31 are ignored. */
void op_rrb(struct cpu *c, const struct insn *i)
{
	uint32_t aa = real_to_abs(c, i->ea2 & 0x00FFF800u);
	if (aa >= c->st->size)
		cpu_program_check(c, PGM_ADDRESSING);
	uint8_t *key = &c->st->keys[aa >> BLOCK_SHIFT];
	cpu_set_cc(c, (*key & SK_R ? 2 : 0) | (*key & SK_C ? 1 : 0));
	*key &= (uint8_t)~SK_R;
	cpu_purge_tlb(c); /* a cached block would not set R again */
}

/* ---- Control registers and DAT ------------------------------------------ */

static int cr_count(const struct insn *i)
{
	return ((i->r3 - i->r1) & 15) + 1;
}

/* B7 LCTL — Load Control [RS]: CR R1 through R3, wrapping from 15 to 0. */
void op_lctl(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 4);
	int n = cr_count(i);
	vcheck(c, i->ea2, 4u * (uint32_t)n, ACC_FETCH); /* suppress before any CR changes */
	uint32_t cr0 = c->cr[0], cr1 = c->cr[1];
	for (int k = 0; k < n; k++)
		c->cr[(i->r1 + k) & 15] = vfetch32(c, i->ea2 + 4u * (uint32_t)k);
	/* CR0 (translation format, low-address protection) and CR1 (segment
	 * table) decide what the TLB has cached. */
	if (c->cr[0] != cr0 || c->cr[1] != cr1)
		cpu_purge_tlb(c);
	c->attention = 1; /* subclass and channel masks may enable an interruption */
}

/* B6 STCTL — Store Control [RS] */
void op_stctl(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 4);
	int n = cr_count(i);
	vcheck(c, i->ea2, 4u * (uint32_t)n, ACC_STORE);
	for (int k = 0; k < n; k++)
		vstore32(c, i->ea2 + 4u * (uint32_t)k, c->cr[(i->r1 + k) & 15]);
}

/* B20D PTLB — Purge TLB [S] */
void op_ptlb(struct cpu *c, const struct insn *i)
{
	(void)i;
	cpu_purge_tlb(c);
}

/* dat.c, dat_translate(for_lra): *ra bit 0 set = a table length was exceeded. */
enum { LRA_LENGTH = 0x80000000u };

/* B1 LRA — Load Real Address [RX].  Translation with CR0 and CR1 whatever the
 * PSW's mode and DAT bit, without the TLB.  CC 0: R1 = real address.  CC 1:
 * segment-table entry invalid; CC 2: page-table entry invalid; CC 3: segment-
 * or page-table length exceeded; in those cases R1 = real address of the
 * entry concerned.  Bits 0-7 of R1 are zero.  Translation-specification and
 * addressing (table outside storage) are exceptions, not condition codes. */
void op_lra(struct cpu *c, const struct insn *i)
{
	uint32_t ra = 0;
	int code = dat_translate(c, i->ea2, &ra, true);
	int cc = 0;
	if (code == PGM_SEGMENT_TRANSLATION)
		cc = ra & LRA_LENGTH ? 3 : 1;
	else if (code == PGM_PAGE_TRANSLATION)
		cc = ra & LRA_LENGTH ? 3 : 2;
	else if (code)
		cpu_program_check(c, code);
	c->gpr[i->r1] = ra & AMASK;
	cpu_set_cc(c, cc);
}

/* ---- Prefix, CPU address, CPU identity ---------------------------------- */

enum { PREFIX_MASK = 0x00FFF000u }; /* prefix register bits 8-19 */

/* B210 SPX — Set Prefix [S] */
void op_spx(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 4);
	uint32_t p = vfetch32(c, i->ea2) & PREFIX_MASK;
	if (!abs_valid(c->st, p, 4096))
		cpu_program_check(c, PGM_ADDRESSING);
	c->prefix = p;
	cpu_purge_tlb(c); /* real page 0 and the old and new prefix areas move */
	c->attention = 1; /* the interval timer at real 80 moves too */
}

/* B211 STPX — Store Prefix [S] */
void op_stpx(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 4);
	vstore32(c, i->ea2, c->prefix & PREFIX_MASK);
}

/* B212 STAP — Store CPU Address [S] */
void op_stap(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 2);
	vstore16(c, i->ea2, c->cpuaddr);
}

/* B202 STIDP — Store CPU ID [S] */
void op_stidp(struct cpu *c, const struct insn *i)
{
	spec_unless_aligned(c, i->ea2, 8);
	vstore64(c, i->ea2, c->cpuid);
}

/* ---- SIGNAL PROCESSOR --------------------------------------------------- */

/* Order codes, bits 24-31 of the second-operand address (GA22-7000 "CPU
 * Signaling and Response"). */
enum {
	SIGP_SENSE = 0x01,
	SIGP_EXTERNAL_CALL = 0x02,
	SIGP_EMERGENCY_SIGNAL = 0x03,
	SIGP_START = 0x04,
	SIGP_STOP = 0x05,
	SIGP_RESTART = 0x06,
	SIGP_INITIAL_PROGRAM_RESET = 0x07,
	SIGP_PROGRAM_RESET = 0x08,
	SIGP_STOP_AND_STORE_STATUS = 0x09,
	SIGP_INITIAL_MICROPROGRAM_LOAD = 0x0A,
	SIGP_INITIAL_CPU_RESET = 0x0B,
	SIGP_CPU_RESET = 0x0C,
};
/* Status bits stored in R1 with CC 1. */
enum { SIGP_STATUS_INVALID_ORDER = 0x00000002u /* bit 30 */ };

static void real_store64(struct cpu *c, uint32_t ra, uint64_t v)
{
	real_store32(c, ra, (uint32_t)(v >> 32));
	real_store32(c, ra + 4, (uint32_t)v);
}

/* Store status (GA22-7000 "Store Status") into the assigned locations of the
 * prefix area: 216 CPU timer, 224 clock comparator, 256 current PSW, 264
 * prefix, 352 floating-point registers, 384 general registers, 448 control
 * registers. */
static void store_status(struct cpu *c)
{
	real_store64(c, 216, (uint64_t)timer_cputimer(c));
	real_store64(c, 224, c->clkcmp);
	uint8_t psw[8];
	cpu_psw_store(c, psw);
	real_store64(c, 256, be64(psw));
	real_store32(c, 264, c->prefix & PREFIX_MASK);
	for (int k = 0; k < 4; k++)
		real_store64(c, 352 + 8u * (uint32_t)k, c->fpr[k]);
	for (int k = 0; k < 16; k++) {
		real_store32(c, 384 + 4u * (uint32_t)k, c->gpr[k]);
		real_store32(c, 448 + 4u * (uint32_t)k, c->cr[k]);
	}
}

static void stop_self(struct cpu *c)
{
	c->stop_request = true; /* takes effect at the end of this instruction */
	c->attention = 1;
}

/* AE SIGP — Signal Processor [RS].  R3 bits 16-31: CPU address; R1: status.
 *
 * The machine has one CPU.  An order to any other address finds no CPU:
 * CC 3 (not operational).  Orders to our own address (which the
 * architecture allows) are carried out for sense (our status is all zeros:
 * CC 0), start (we are operating: no effect), stop, restart, stop and store
 * status, CPU reset and initial CPU reset.  External call and emergency
 * signal would need external-interruption conditions this CPU does not keep
 * (codes 1202/1201), and the program resets and IMPL would need an I/O-system
 * reset: for now these, like unassigned codes, answer "invalid order"
 * (status bit 30, CC 1). */
void op_sigp(struct cpu *c, const struct insn *i)
{
	uint16_t addr = (uint16_t)c->gpr[i->r3];
	uint8_t order = (uint8_t)i->ea2;
	if (addr != c->cpuaddr) {
		cpu_set_cc(c, 3);
		return;
	}
	switch (order) {
	case SIGP_SENSE:
	case SIGP_START:
		break;
	case SIGP_STOP:
		stop_self(c);
		break;
	case SIGP_RESTART:
		c->restart_request = true;
		c->attention = 1;
		break;
	case SIGP_STOP_AND_STORE_STATUS:
		store_status(c);
		stop_self(c);
		break;
	case SIGP_CPU_RESET:
		cpu_reset(c);
		stop_self(c);
		break;
	case SIGP_INITIAL_CPU_RESET:
		cpu_initial_reset(c);
		stop_self(c);
		break;
	default:
		c->gpr[i->r1] = SIGP_STATUS_INVALID_ORDER;
		cpu_set_cc(c, 1);
		return;
	}
	cpu_set_cc(c, 0);
}

/* ---- MONITOR CALL, DIAGNOSE, TEST PROTECTION ---------------------------- */

/* AF MC — Monitor Call [SI].  I2 bits 0-3 must be zero; bits 4-7 are the
 * class, enabled by CR8 bit 16+class.  An enabled event stores the class at
 * 148-149 and the monitor code (the first-operand address) at 156-159 and
 * causes a program interruption; the operation is completed. */
void op_mc(struct cpu *c, const struct insn *i)
{
	if (i->imm8 & 0xF0)
		cpu_program_check(c, PGM_SPECIFICATION);
	unsigned cls = i->imm8 & 0x0F;
	if (!(c->cr[8] & (0x8000u >> cls)))
		return;
	real_store8(c, LOC_MON_CLASS - 1, 0);
	real_store8(c, LOC_MON_CLASS, (uint8_t)cls);
	real_store32(c, LOC_MON_CODE, i->ea1 & AMASK);
	cpu_program_check(c, PGM_MONITOR);
}

/* 83 DIAG — Diagnose [RS].  Its function is model-dependent on System/370
 * (GA22-7000 "DIAGNOSE"); here a feature registered in cpu.diagnose (a VM
 * interface, DIAG8CMD, ...) may claim the code; one that nobody claims is a
 * specification exception. */
void op_diag(struct cpu *c, const struct insn *i)
{
	if (c->diagnose && c->diagnose(c, i))
		return;
	cpu_program_check(c, PGM_SPECIFICATION);
}

/* E501 TPROT — Test Protection [SSE].  Tests the first-operand address with
 * the access key in bits 24-27 of the second-operand address, taking key-
 * controlled and low-address protection into account.  CC 0: fetch and store
 * permitted; 1: fetch only; 2: neither; 3: translation not available (DAT on
 * and a segment- or page-translation condition).  Storage and its reference
 * and change bits are not touched. */
void op_tprot(struct cpu *c, const struct insn *i)
{
	uint32_t va = i->ea1 & AMASK, ra = va;
	if (cpu_dat_on(c)) {
		int code = dat_translate(c, va, &ra, false);
		if (code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION) {
			cpu_set_cc(c, 3);
			return;
		}
		if (code)
			cpu_program_check(c, code);
	}
	uint32_t aa = real_to_abs(c, ra);
	if (aa >= c->st->size)
		cpu_program_check(c, PGM_ADDRESSING);
	uint8_t skey = c->st->keys[aa >> BLOCK_SHIFT];
	uint8_t key = (uint8_t)((i->ea2 >> 4) & 0xF);
	bool match = key == 0 || key == skey >> 4;
	bool fetch = match || !(skey & SK_F);
	bool store = match && !((c->cr[0] & CR0_LAP) && va < 512);
	cpu_set_cc(c, store ? 0 : fetch ? 1 : 2);
}
