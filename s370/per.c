/* per.c — program-event recording (GA22-7000 chapter 4, "Program-Event
 * Recording").
 *
 * In the EC mode with PSW bit 1 (the PER mask) on, control register 9 bits
 * 0-3 select four kinds of event:
 *
 *     CR9 bit 0  successful branching        (BC BCR BAL BALR BAS BASR BCT
 *                                             BCTR BXH BXLE; here also the
 *                                             S37X relative branches)
 *     CR9 bit 1  instruction fetching        first byte of the instruction
 *                                             (or of the target of EXECUTE)
 *                                             in the CR10-CR11 area
 *     CR9 bit 2  storage alteration          a store by a logical address
 *                                             into the CR10-CR11 area
 *     CR9 bit 3  general-register alteration a new value placed into a
 *                                             register selected by CR9 bits
 *                                             16-31 (bit 16+n: GPR n), even
 *                                             if it equals the old one
 *
 * The area runs from the starting address (CR10 bits 8-31) up to and
 * including the ending address (CR11 bits 8-31) and wraps from 16,777,215 to
 * 0 when the start is above the end.  It is a virtual (logical) address range
 * when DAT is on, a real one when it is off.
 *
 * Events are reported by a program interruption after the instruction:
 * interruption code X'0080', or X'80' or'ed into the code of a concurrent
 * program exception (e.g. X'0088'); the PER code (the event bits, same
 * positions as in CR9) in bits 0-3 of real location 150 (X'96'), zeros in the
 * rest of 150-151; the PER address, the address of the instruction (of
 * EXECUTE when the instruction is its target), in 153-155 with zeros at 152.
 * The old PSW points to the next instruction (the branch target after a
 * branch), or wherever the concurrent exception leaves it.
 *
 * Rules with other conditions ("Indication of Events Concurrently with Other
 * Interruption Conditions"):
 *   - instruction fetching is indicated whatever the ending of the
 *     instruction, but not when its first halfword could not be fetched;
 *   - branching, storage and register alteration are not indicated when the
 *     operation is suppressed or nullified; they are when it completes
 *     (fixed-point/decimal/exponent overflow, underflow, significance,
 *     monitor event, CVB's fixed-point divide) or is terminated (addressing,
 *     protection, data: "a model may indicate the event if it would have
 *     occurred had the execution been completed");
 *   - MVCL and CLCL: a unit of operation that is nullified does not hide the
 *     events of the units completed before it;
 *   - LOAD PSW and SUPERVISOR CALL: the PER interruption follows the PSW
 *     swap, so the old PSW is the new PSW they introduced; with an invalid
 *     new EC PSW the code is X'0086' and the ILC 0.
 *
 * Design: the fast instruction loop in cpu.c knows nothing of PER.  While
 * cpu_per_mode() holds, cpu_run() runs per_one() instead, which snapshots the
 * registers, checks the fetch event, runs the instruction and then works out
 * the other events.  Storage alteration is seen by the access layer
 * (storage.c calls per_note_store()): while it is monitored no store TLB
 * entries are made (a PER bit in tlb_ctx), so every store takes the slow
 * path.  A few instructions write through host pointers that the slow path
 * only sees the first byte of (the one-block SS moves, MVCL, CS, CDS); their
 * stored ranges are added here from the instruction's fields.
 *
 * Register alteration is exact for the instructions the table below
 * describes (the registers each one writes, conditional on the CC where the
 * architecture says so); in addition any register whose value changed counts.
 * Deviation: EDMK (GR1 written only when significance starts) and DIAGNOSE
 * report GR alteration only when the value changed.
 */
#include "access.h"

enum {
	PERC_BRANCH = 0x80, /* PER code bits = CR9 bits 0-3 shifted to one byte */
	PERC_IFETCH = 0x40,
	PERC_STORE = 0x20,
	PERC_GPR = 0x10,
};

/* ---- The monitored area ------------------------------------------------- */

static bool in_area(const struct cpu *c, uint32_t a)
{
	uint32_t s = c->cr[10] & AMASK, e = c->cr[11] & AMASK;
	a &= AMASK;
	return s <= e ? (a >= s && a <= e) : (a >= s || a <= e);
}

/* Two circular ranges meet iff one holds the other's first byte. */
static bool range_in_area(const struct cpu *c, uint32_t va, uint32_t len)
{
	uint32_t s = c->cr[10] & AMASK;
	return len && (((s - va) & AMASK) < len || in_area(c, va));
}

void per_note_store(struct cpu *c, uint32_t va, uint32_t len)
{
	if ((c->cr[9] & CR9_PER_STORE) && range_in_area(c, va, len))
		c->per.code |= PERC_STORE;
}

/* ---- Instruction fields --------------------------------------------------- */

static uint32_t bd_of(const uint32_t *gpr, const uint8_t *h)
{
	unsigned b = h[0] >> 4;
	uint32_t d = (uint32_t)(h[0] & 0x0F) << 8 | h[1];
	return ((b ? gpr[b] : 0) + d) & AMASK;
}

static uint16_t bit(unsigned r)
{
	return (uint16_t)(1u << (r & 15));
}
static uint16_t pair(unsigned r)
{
	return bit(r) | bit(r + 1);
}

/* How each opcode writes general registers (GA22-7000 "General-Register
 * Alteration": any new value placed in a register, explicitly or implicitly
 * designated, counts, even the old one). */
enum gw {
	GW_NONE,
	GW_R1,    /* R1 (for RRE forms the R1 of byte 3) */
	GW_PAIR,  /* R1 and R1+1 */
	GW_LONG,  /* MVCL, CLCL: R1, R1+1, R2, R2+1 on every execution */
	GW_LM,    /* R1 through R3, wrapping from 15 to 0 */
	GW_ICM,   /* R1 unless the mask is zero (nothing is inserted) */
	GW_CS,    /* CS: R1 only when the comparison fails (CC 1) */
	GW_CDS,   /* CDS: R1 and R1+1 only when the comparison fails */
	GW_CC1,   /* SIGP: status in R1 only with CC 1 */
	GW_TRT,   /* TRT: GR1 and GR2 when a nonzero function byte was found */
	GW_GROUP, /* A7, B2, B9, C0: see group_written() */
};

static const uint8_t gpr_kind[256] = {
    [0x05] = GW_R1,    [0x06] = GW_R1,    [0x09] = GW_R1,    [0x0D] = GW_R1,   /* BALR BCTR ISK BASR */
    [0x0E] = GW_LONG,  [0x0F] = GW_LONG,                                       /* MVCL CLCL */
    [0x10] = GW_R1,    [0x11] = GW_R1,    [0x12] = GW_R1,    [0x13] = GW_R1,   /* LPR LNR LTR LCR */
    [0x14] = GW_R1,    [0x16] = GW_R1,    [0x17] = GW_R1,    [0x18] = GW_R1,   /* NR OR XR LR */
    [0x1A] = GW_R1,    [0x1B] = GW_R1,    [0x1E] = GW_R1,    [0x1F] = GW_R1,   /* AR SR ALR SLR */
    [0x1C] = GW_PAIR,  [0x1D] = GW_PAIR,                                       /* MR DR */
    [0x41] = GW_R1,    [0x43] = GW_R1,    [0x45] = GW_R1,    [0x46] = GW_R1,   /* LA IC BAL BCT */
    [0x48] = GW_R1,    [0x4A] = GW_R1,    [0x4B] = GW_R1,    [0x4C] = GW_R1,   /* LH AH SH MH */
    [0x4D] = GW_R1,    [0x4F] = GW_R1,                                         /* BAS CVB */
    [0x54] = GW_R1,    [0x56] = GW_R1,    [0x57] = GW_R1,    [0x58] = GW_R1,   /* N O X L */
    [0x5A] = GW_R1,    [0x5B] = GW_R1,    [0x5E] = GW_R1,    [0x5F] = GW_R1,   /* A S AL SL */
    [0x5C] = GW_PAIR,  [0x5D] = GW_PAIR,                                       /* M D */
    [0x71] = GW_R1,                                                            /* MS */
    [0x84] = GW_R1,    [0x85] = GW_R1,    [0x86] = GW_R1,    [0x87] = GW_R1,   /* BRXH BRXLE BXH BXLE */
    [0x88] = GW_R1,    [0x89] = GW_R1,    [0x8A] = GW_R1,    [0x8B] = GW_R1,   /* SRL SLL SRA SLA */
    [0x8C] = GW_PAIR,  [0x8D] = GW_PAIR,  [0x8E] = GW_PAIR,  [0x8F] = GW_PAIR, /* SRDL SLDL SRDA SLDA */
    [0x98] = GW_LM,    [0xAE] = GW_CC1,   [0xB1] = GW_R1,                      /* LM SIGP LRA */
    [0xBA] = GW_CS,    [0xBB] = GW_CDS,   [0xBF] = GW_ICM,   [0xDD] = GW_TRT,  /* CS CDS ICM TRT */
    [0xA7] = GW_GROUP, [0xB2] = GW_GROUP, [0xB9] = GW_GROUP, [0xC0] = GW_GROUP,
};

/* The S37X two-byte opcodes (RI, RIL: R1 in byte 1; RRE: R1, R2 in byte 3). */
static uint16_t group_written(const uint8_t *b, int cc)
{
	unsigned r1 = b[1] >> 4, x = b[1] & 15, e1 = b[3] >> 4, e2 = b[3] & 15;
	switch (b[0] << 8 | (b[0] == 0xA7 || b[0] == 0xC0 ? x : b[1])) {
	case 0xA705: /* BRAS */
	case 0xA706: /* BRCT */
	case 0xA708: /* LHI */
	case 0xA70A: /* AHI */
	case 0xA70C: /* MHI */
	case 0xC000: /* LARL */
	case 0xC005: /* BRASL */
		return bit(r1);
	case 0xB222: /* IPM */
	case 0xB252: /* MSR */
	case 0xB998: /* ALCR */
	case 0xB999: /* SLBR */
		return bit(e1);
	case 0xB996: /* MLR */
	case 0xB997: /* DLR */
		return pair(e1);
	case 0xB255: /* MVST: CC 1 R1; CC 3 R1 and R2 */
		return cc == 1 ? bit(e1) : cc == 3 ? bit(e1) | bit(e2) : 0;
	case 0xB25D: /* CLST: both unless equal */
		return cc ? bit(e1) | bit(e2) : 0;
	case 0xB25E: /* SRST: CC 1 R1, CC 3 R2 */
		return cc == 1 ? bit(e1) : cc == 3 ? bit(e2) : 0;
	}
	return 0;
}

/* Registers (bit n = GPR n) the instruction b placed a value into, given
 * the resulting CC. */
static uint16_t gpr_written(const uint8_t *b, int cc)
{
	unsigned r1 = b[1] >> 4, r2 = b[1] & 15; /* R1 and R2/R3/M3 */
	switch (gpr_kind[b[0]]) {
	case GW_R1:
		return bit(r1);
	case GW_PAIR:
		return pair(r1);
	case GW_LONG:
		return pair(r1) | pair(r2);
	case GW_LM: {
		uint16_t m = bit(r1);
		for (unsigned r = r1; r != r2; r = (r + 1) & 15)
			m |= bit(r + 1);
		return m;
	}
	case GW_ICM:
		return r2 ? bit(r1) : 0;
	case GW_CS:
		return cc == 1 ? bit(r1) : 0;
	case GW_CDS:
		return cc == 1 ? pair(r1) : 0;
	case GW_CC1:
		return cc == 1 ? bit(r1) : 0;
	case GW_TRT:
		return cc ? bit(1) | bit(2) : 0;
	case GW_GROUP:
		return group_written(b, cc);
	}
	return 0;
}

/* Did the branch instruction b (completed) branch? */
static bool branched(const uint8_t *b, const uint32_t *pre, const uint32_t *post, int cc)
{
	unsigned r1 = b[1] >> 4, r2 = b[1] & 15;
	bool mask = (r1 >> (3 - cc)) & 1; /* BC-style M1 against the CC */
	switch (b[0]) {
	case 0x07:
		return r2 && mask; /* BCR */
	case 0x47:
		return mask; /* BC */
	case 0x05:
	case 0x0D:
		return r2 != 0; /* BALR BASR */
	case 0x45:
	case 0x4D:
		return true; /* BAL BAS */
	case 0x06:
		return r2 && post[r1] != 0; /* BCTR */
	case 0x46:
		return post[r1] != 0; /* BCT */
	case 0x84:
	case 0x86: /* BRXH BXH */
		return (int32_t)post[r1] > (int32_t)pre[r2 | 1];
	case 0x85:
	case 0x87: /* BRXLE BXLE */
		return (int32_t)post[r1] <= (int32_t)pre[r2 | 1];
	case 0xA7:
		switch (r2) {
		case 0x4:
			return mask; /* BRC */
		case 0x5:
			return true; /* BRAS */
		case 0x6:
			return post[r1] != 0; /* BRCT */
		}
		return false;
	case 0xC0:
		return r2 == 0x4 ? mask : r2 == 0x5; /* BRCL BRASL */
	}
	return false;
}

/* Stores that storage.c saw only the first byte of: add their whole range. */
static void note_direct_stores(struct cpu *c, const uint8_t *b, const uint32_t *pre, const uint32_t *post,
                               int cc)
{
	switch (b[0]) {
	case 0xD1:
	case 0xD2:
	case 0xD3:
	case 0xD4:
	case 0xD6:
	case 0xD7:
	case 0xDC:
		per_note_store(c, bd_of(pre, b + 2), (uint32_t)b[1] + 1u); /* MVN MVC MVZ NC OC XC TR */
		break;
	case 0x0E: { /* MVCL: the bytes moved so far */
		unsigned r1 = b[1] >> 4;
		uint32_t moved = ((pre[r1 + 1] & AMASK) - (post[r1 + 1] & AMASK)) & AMASK;
		per_note_store(c, pre[r1] & AMASK, moved);
		break;
	}
	case 0xBA:
	case 0xBB: /* CS CDS: the operand is stored only on equality */
		if (cc == 0)
			per_note_store(c, bd_of(pre, b + 2), b[0] == 0xBA ? 4 : 8);
		else
			c->per.code &= (uint8_t)~PERC_STORE;
		break;
	}
}

/* ---- Events of one instruction ------------------------------------------- */

enum ending { END_COMPLETED, END_TERMINATED, END_SUPPRESSED };

/* How an instruction ended with program exception code (0 = none). */
static enum ending ending_of(int code, uint8_t op)
{
	switch (code) {
	case 0:
	case PGM_FIXED_OVERFLOW:
	case PGM_DECIMAL_OVERFLOW:
	case PGM_EXPONENT_OVERFLOW:
	case PGM_EXPONENT_UNDERFLOW:
	case PGM_SIGNIFICANCE:
	case PGM_MONITOR:
		return END_COMPLETED;
	case PGM_FIXED_DIVIDE: /* CVB completes; the divides are suppressed */
		return op == 0x4F ? END_COMPLETED : END_SUPPRESSED;
	case PGM_PROTECTION:
	case PGM_ADDRESSING:
	case PGM_DATA:
		return END_TERMINATED;
	default: /* operation, privileged, execute, specification, divides,
	          * translation: suppressed or nullified */
		return END_SUPPRESSED;
	}
}

/* The PER code for the instruction that just ended with exception code. */
static uint8_t events(struct cpu *c, int code)
{
	struct cpu_per *p = &c->per;
	const uint8_t *b = p->ex_valid ? p->ex : p->bytes;
	int cc = c->psw.cc;
	uint16_t changed = 0;
	for (unsigned r = 0; r < 16; r++)
		if (c->gpr[r] != p->gpr0[r])
			changed |= bit(r);
	uint16_t gprs = 0;
	uint8_t ev = p->code & (PERC_IFETCH | PERC_STORE);
	enum ending end = ending_of(code, b[0]);
	bool interruptible = b[0] == 0x0E || b[0] == 0x0F;
	if (end != END_SUPPRESSED) {
		note_direct_stores(c, b, p->gpr0, c->gpr, cc);
		ev = p->code & (PERC_IFETCH | PERC_STORE);
		gprs = changed | gpr_written(b, cc);
		if (code == 0 && branched(b, p->gpr0, c->gpr, cc))
			ev |= PERC_BRANCH;
	} else if (interruptible && changed) {
		/* Units completed before the nullified one keep their events. */
		ev &= (uint8_t)~PERC_STORE;
		note_direct_stores(c, b, p->gpr0, c->gpr, cc);
		ev |= p->code & PERC_STORE;
		gprs = gpr_written(b, cc);
	} else {
		ev &= PERC_IFETCH;
	}
	/* CR9 bit 16+n selects GPR n. */
	uint16_t sel = 0;
	for (unsigned r = 0; r < 16; r++)
		if (p->cr9 & (0x8000u >> r))
			sel |= bit(r);
	if (gprs & sel)
		ev |= PERC_GPR;
	return ev & (uint8_t)(p->cr9 >> 24);
}

/* Locations 150-155: PER code, zeros, PER address. */
static void store_ident(struct cpu *c, uint8_t ev)
{
	real_store8(c, LOC_PER_CODE, ev);
	real_store8(c, LOC_PER_CODE + 1, 0);
	real_store32(c, LOC_PER_ADDR, c->per.addr & AMASK);
}

/* EXECUTE found its target (cpu_dispatch): remember its bytes, and the
 * fetching event for the target's first byte. */
void per_execute_target(struct cpu *c, const uint8_t *b, uint32_t addr)
{
	memcpy(c->per.ex, b, 6);
	c->per.ex_valid = true;
	if ((c->per.cr9 & CR9_PER_IFETCH) && in_area(c, addr))
		c->per.code |= PERC_IFETCH;
}

/* From cpu_interrupt_program(): a program exception ended an instruction run
 * by per_one().  Returns the interruption code with X'80' added when PER
 * events accompany it. */
int per_exception(struct cpu *c, int code)
{
	c->per.insn = false;
	if (c->ifetching) /* the instruction could not be fetched: no event */
		return code;
	uint8_t ev = events(c, code);
	if (!ev)
		return code;
	store_ident(c, ev);
	return code | PGM_PER;
}

/* One instruction with program-event recording. */
void per_one(struct cpu *c)
{
	struct cpu_per *p = &c->per;
	uint32_t ia = c->psw.ia;
	cpu_set_cur(c, ia, 0);
	p->addr = ia;
	p->cr9 = c->cr[9];
	p->code = 0;
	p->ex_valid = false;
	memcpy(p->gpr0, c->gpr, sizeof p->gpr0);
	p->insn = true;
	uint8_t buf[6];
	const uint8_t *b = cpu_fetch(c, ia, buf);
	memcpy(p->bytes, b, 6); /* the instruction may store over itself */
	if (c->trace)
		cpu_trace_insn(c, b, ia);
	if ((p->cr9 & CR9_PER_IFETCH) && in_area(c, ia))
		p->code |= PERC_IFETCH;
	uint8_t ilc = (uint8_t)cpu_insn_length(b[0]);
	c->one.ilc = ilc;
	c->psw.ia = (ia + ilc) & AMASK;
	cpu_dispatch(c, b, ia);
	p->insn = false;
	uint8_t ev = events(c, 0);
	if (!ev)
		return;
	store_ident(c, ev);
	int code = PGM_PER;
	if (c->psw_invalid) {
		/* LPSW/SVC introduced an invalid EC PSW: both conditions, ILC 0. */
		c->psw_invalid = false;
		cpu_set_cur(c, c->cur->addr, 0);
		code |= PGM_SPECIFICATION;
	}
	cpu_interrupt_program(c, code);
}
