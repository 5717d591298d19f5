/* interrupt.c — the interruption mechanism (GA22-7000 "Interruptions").
 *
 * An interruption stores the current PSW as the old PSW of its class, stores
 * the interruption code (in the old PSW in BC mode; at fixed locations in EC
 * mode) and loads the new PSW of its class:
 *
 *     class       old PSW   new PSW   EC-mode code
 *     restart        8         0        -
 *     external      24        88       134 (X'86')
 *     SVC           32        96       138 (X'8A'), ILC at 137
 *     program       40       104       142 (X'8E'), ILC at 141
 *     machine chk   48       112       232 (X'E8') 8-byte code
 *     I/O           56       120       186 (X'BA') device address
 */
#include "access.h"

static void count(uint64_t *n) { ++*n; }

void cpu_swap_psw(struct cpu *c, uint32_t old_loc, uint32_t new_loc)
{
	uint8_t old[8];
	cpu_psw_store(c, old);
	uint8_t *o = real_ptr(c, old_loc);
	memcpy(o, old, 8);
	c->st->keys[(o - c->st->mem) >> BLOCK_SHIFT] |= SK_R | SK_C;
	uint8_t newpsw[8];
	memcpy(newpsw, real_ptr(c, new_loc), 8);
	cpu_psw_load(c, newpsw);
}

/* Old-PSW address: nullification points back at the instruction, suppression
 * and completion past it. */
static bool nullifies(int code)
{
	code &= 0x3F;
	return code == PGM_SEGMENT_TRANSLATION || code == PGM_PAGE_TRANSLATION;
}

void cpu_interrupt_program(struct cpu *c, int code)
{
	if (c->per.insn) /* PER events of the instruction join the exception (per.c) */
		code = per_exception(c, code);
	if (c->ifetching) {
		/* Exception in fetching the instruction (GA22-7000 "ILC on
		 * Instruction Fetch Exceptions"): the ILC is 1, 2 or 3 and
		 * tells by how many halfwords the instruction address was
		 * advanced, the model choosing; we advance by one halfword.  A
		 * segment or page translation exception nullifies: the PSW
		 * designates the instruction, the ILC is still nonzero. */
		c->ifetching = false;
		uint32_t ia = cpu_ia_insn(c);
		c->psw.ia = nullifies(code) ? ia : (ia + 2) & AMASK;
		cpu_set_cur(c, ia, 2);
	} else if (nullifies(code)) {
		c->psw.ia = cpu_ia_insn(c);
	}
	c->in_execute = false;
	if ((code & 0x3F) < 0x14)
		count(&c->pgm_count[code & 0x3F]);
	uint8_t ilc = cpu_ilc(c);
	if (c->psw.flags & PSW_EC) {
		real_store8(c, LOC_PGM_ILC, (uint8_t)((ilc / 2) << 1));
		real_store16(c, LOC_PGM_CODE, (uint16_t)code);
	} else {
		c->psw.intcode = (uint16_t)code;
		c->psw.ilc = ilc;
	}
	int base = code & 0x3F;
	if (base == PGM_SEGMENT_TRANSLATION || base == PGM_PAGE_TRANSLATION)
		real_store32(c, LOC_TEA, c->tea & AMASK);
	cpu_swap_psw(c, LOC_PGM_OLD, LOC_PGM_NEW);
}

void cpu_interrupt_svc(struct cpu *c, uint8_t code)
{
	count(&c->svc_count);
	if (c->psw.flags & PSW_EC) {
		real_store8(c, LOC_SVC_ILC, (uint8_t)((cpu_ilc(c) / 2) << 1));
		real_store16(c, LOC_SVC_CODE, code);
	} else {
		c->psw.intcode = code;
		c->psw.ilc = cpu_ilc(c);
	}
	cpu_swap_psw(c, LOC_SVC_OLD, LOC_SVC_NEW);
}

static void interrupt_external(struct cpu *c, uint16_t code)
{
	count(&c->ext_count);
	if (c->psw.flags & PSW_EC)
		real_store16(c, LOC_EXT_CODE, code);
	else
		c->psw.intcode = code;
	cpu_swap_psw(c, LOC_EXT_OLD, LOC_EXT_NEW);
}

void cpu_interrupt_restart(struct cpu *c)
{
	cpu_swap_psw(c, LOC_RESTART_OLD, LOC_RESTART_NEW);
	c->state = CPU_OPERATING;
}

/* Machine checks (GA22-7000 "Machine-Check Handling"), minimal: the emulator
 * detects no malfunctions of its own, but a host failure that the guest
 * should hear about (or a test) reports a repressible condition here.  It
 * stays pending until the PSW machine-check mask (bit 13) allows it; the
 * interruption stores the 8-byte machine-check interruption code at X'E8'. */
void cpu_machine_check(struct cpu *c, uint64_t mcic)
{
	__atomic_fetch_or(&c->mck_pending, mcic ? mcic : 1, __ATOMIC_SEQ_CST);
	cpu_wake(c);
}

static void interrupt_machine_check(struct cpu *c)
{
	uint64_t mcic = __atomic_exchange_n(&c->mck_pending, 0, __ATOMIC_SEQ_CST);
	put64(real_ptr(c, LOC_MCK_CODE), mcic);
	if (!(c->psw.flags & PSW_EC))
		c->psw.intcode = 0;
	cpu_swap_psw(c, LOC_MCK_OLD, LOC_MCK_NEW);
}

/* External conditions with their CR0 subclass masks, in priority order
 * (GA22-7000-4, "External Interruption"): first the set of the interval
 * timer and the interrupt key (and external signals), whose pending requests
 * are indicated together in one interruption code and cleared by it; then,
 * one at a time, the clock comparator and the CPU timer, which stay pending
 * while their condition lasts. */
static const struct {
	uint32_t pending, cr0mask;
	uint16_t code;
} ext_set[] = {
    {EXTP_ITIMER, CR0_ITIMER_MASK, EXT_INTERVAL_TIMER},
    {EXTP_INTKEY, CR0_INTKEY_MASK, EXT_INTERRUPT_KEY},
}, ext_sources[] = {
    {EXTP_CLKCMP, CR0_CC_MASK, EXT_CLOCK_COMPARATOR},
    {EXTP_CPUTIMER, CR0_CPT_MASK, EXT_CPU_TIMER},
};

/* Take the highest-priority pending interruption that the PSW and control
 * registers allow.  Program and SVC interruptions are taken where they arise;
 * here: repressible machine check, external, then I/O. */
bool cpu_interrupt_pending(struct cpu *c)
{
	if (c->mck_pending && (c->psw.flags & PSW_M)) {
		interrupt_machine_check(c);
		return true;
	}
	if ((c->psw.sysmask & SM_EXT) && c->ext_pending) {
		uint16_t code = 0;
		for (size_t k = 0; k < sizeof ext_set / sizeof ext_set[0]; k++)
			if ((c->ext_pending & ext_set[k].pending) && (c->cr[0] & ext_set[k].cr0mask)) {
				__atomic_fetch_and(&c->ext_pending, ~ext_set[k].pending, __ATOMIC_SEQ_CST);
				code |= ext_set[k].code;
			}
		if (code) {
			interrupt_external(c, code);
			return true;
		}
		for (size_t k = 0; k < sizeof ext_sources / sizeof ext_sources[0]; k++) {
			if ((c->ext_pending & ext_sources[k].pending) && (c->cr[0] & ext_sources[k].cr0mask)) {
				interrupt_external(c, ext_sources[k].code);
				return true;
			}
		}
	}
	if (cpu_io_mask_on(c) && c->io_pending && c->io_pending(c)) {
		/* io_pending may race with TIO/CLRIO taking the condition:
		 * count only an interruption actually taken. */
		if (!c->io_interrupt(c))
			return false;
		count(&c->io_count);
		return true;
	}
	return false;
}
