/* tracetest.c — a bare guest for CP's TRACE (cp/trace.c): it does each kind
 * of thing TRACE shows, at addresses it reports, so that
 * tests/cli/cp_trace.sh can compare the trace lines with them.
 *
 * On its console (ALICE's line-mode terminal): "ADDR name hhhhhh" for each
 * place, then the phases, each started by DIAGNOSE 8 with a TRACE command
 * and ended by TRACE END:
 *   1 TRACE SVC PRIV IO PROGRAM EXTERNAL RUN: SSM, SVC X'0C', an operation
 *     exception, SIO to the console; then it waits, enabled for external
 *     interruptions, for the interrupt key (the test's EXTERNAL);
 *   2 TRACE BRANCH RUN: BRCT that branches once, a J;
 *   3 TRACE INSTRUCT RUN: LA, LR, SVC X'0D' (a PER event CP sees only after
 *     the SVC interruption: start.S), DIAGNOSE;
 *   4 TRACE INSTRUCT (NORUN at a terminal): LA, LA, DIAGNOSE, each a stop
 *     until the test's BEGIN;
 *   5 its own PER (EC mode, CR9 instruction fetching, CR10 = CR11 = t_g1):
 *     one event, alone and again under TRACE INSTRUCT RUN, when CP's PER
 *     covers all of storage and must give the guest only its own.
 * The blocks of phases 2-4 issue their TRACE commands themselves, so that
 * only their own instructions are traced.
 */
#include <stddef.h>
#include <stdint.h>

#include "gio.h"

/* The traced blocks.  Called as f(cmd1, len1, cmd2, len2): DIAGNOSE 8 with
 * R2/R3 (the TRACE command), the block, DIAGNOSE 8 with R4/R5 (TRACE END). */
extern void t_priv(void), t_branch(uint8_t *, uint32_t, uint8_t *, uint32_t);
extern void t_instr(uint8_t *, uint32_t, uint8_t *, uint32_t),
    t_norun(uint8_t *, uint32_t, uint8_t *, uint32_t);
extern char t_p_ssm[], t_p_svc[], t_p_op[], t_p_sio[], t_svch[], t_b_lp[], t_b_j[], t_b_end[];
extern char t_i1[], t_i2[], t_i3[], t_i4[], t_n1[], t_n2[], t_n3[];
extern void t_gper(const uint32_t *crs);
extern char t_g0[], t_g1[], t_g2[], t_gs[], t_pgmec[];

#define GP_CODE (*(volatile uint16_t *)0x830)  /* t_pgmec: the EC program interruption's code, */
#define GP_EVENT (*(volatile uint8_t *)0x832)  /* its PER code, */
#define GP_ADDR (*(volatile uint32_t *)0x834)  /* its PER address, */
#define GP_COUNT (*(volatile uint32_t *)0x838) /* how many there were, */
#define GP_OLD (*(volatile uint32_t *)0x83C)   /* the old PSW's address */
__asm__(".text\n"
        "	.globl t_priv, t_p_ssm, t_p_svc, t_p_op, t_p_sio, t_svch\n"
        "t_priv:\n"
        "	lhi	%r1,9\n"
        "t_p_ssm:	.insn s,0x80000000,0x820(%r0)\n" /* SSM: the mask at X'820' (zero: disabled) */
        "t_p_svc:	svc	12\n"
        "t_p_op:	.short	0\n"                 /* operation exception */
        "t_p_sio:	.insn s,0x9c000000,0(%r1)\n" /* SIO 009 */
        "	br	%r14\n"
        "t_svch:	lpsw	32\n" /* the SVC handler: back */
        "	.globl t_branch, t_b_lp, t_b_j, t_b_end\n"
        "t_branch:\n"
        "	.insn rs,0x83000000,%r2,%r3,8(%r0)\n"
        "	la	%r1,2\n"
        "t_b_lp:	brct	%r1,t_b_lp\n" /* branches once */
        "t_b_j:	j	t_b_end\n"
        "	.long	0x47000000\n"
        "t_b_end:	.insn rs,0x83000000,%r4,%r5,8(%r0)\n"
        "	br	%r14\n"
        "	.globl t_instr, t_i1, t_i2, t_i3, t_i4\n"
        "t_instr:\n"
        "	.insn rs,0x83000000,%r2,%r3,8(%r0)\n"
        "t_i1:	la	%r1,3\n"
        "t_i2:	lr	%r0,%r1\n"
        "t_i3:	svc	13\n"
        "t_i4:	.insn rs,0x83000000,%r4,%r5,8(%r0)\n"
        "	br	%r14\n"
        "	.globl t_norun, t_n1, t_n2, t_n3\n"
        "t_norun:\n"
        "	.insn rs,0x83000000,%r2,%r3,8(%r0)\n"
        "t_n1:	la	%r1,5\n"
        "t_n2:	la	%r1,6\n"
        "t_n3:	.insn rs,0x83000000,%r4,%r5,8(%r0)\n"
        "	br	%r14\n"
        /* the guest's own PER: CR9-CR11 from 0(r2), into the EC mode with
         * PSW bit 1 on, three instructions, back to the BC mode at r14 */
        "	.globl t_gper, t_g0, t_g1, t_g2, t_pgmec\n"
        "t_gper:	.insn rs,0xb7000000,%r9,%r11,0(%r2)\n" /* LCTL 9,11 */
        "	larl	%r1,t_gpsw\n"
        "	lpsw	0(%r1)\n"
        "t_g0:	la	%r1,7\n"
        "t_g1:	la	%r1,8\n" /* the one instruction in its range */
        "t_g2:	la	%r1,9\n"
        "t_gs:	svc	14\n" /* its event comes after the SVC interruption */
        "	larl	%r1,t_gbc\n"
        "	la	%r14,0(%r14)\n"
        "	st	%r14,4(%r1)\n"
        "	lpsw	0(%r1)\n"
        "t_pgmec:	mvc	0x830(2,%r0),142(%r0)\n" /* EC program handler: code, */
        "	mvc	0x832(1,%r0),150(%r0)\n"         /* PER code, */
        "	mvc	0x834(4,%r0),152(%r0)\n"         /* PER address, */
        "	mvc	0x83c(4,%r0),44(%r0)\n"          /* the old PSW's address, */
        "	l	%r1,0x838(%r0)\n"
        "	ahi	%r1,1\n"
        "	st	%r1,0x838(%r0)\n" /* how many */
        "	lpsw	40\n"
        "	.data\n"
        "	.align	8\n"
        "t_gpsw:	.long	0x40080000, t_g0\n" /* EC mode, PER mask on, disabled */
        "t_gbc:	.long	0x00000000, 0\n"
        "	.text\n");

static uint8_t cmd1[64], cmd2[64];

static uint32_t ebcdic(uint8_t *out, const char *s)
{
	uint32_t n = (uint32_t)strlen(s);
	cp_to_ebcdic(out, s, n);
	return n;
}

/* DIAGNOSE 8: a CP command. */
static void cp(const char *s)
{
	uint32_t n = ebcdic(cmd1, s); /* (before the register variables: a call would clobber them) */
	register uint32_t r2 __asm__("r2") = (uint32_t)(uintptr_t)cmd1;
	register uint32_t r3 __asm__("r3") = n;
	__asm__ volatile(".insn rs,0x83000000,%0,%1,8(%%r0)" : "+d"(r2), "+d"(r3) : : "cc", "memory");
}

static void addr(const char *name, const void *p)
{
	g_say("ADDR %s %06X", name, (uint32_t)(uintptr_t)p & 0xFFFFFF);
}

static void wait_external(void)
{
	static volatile uint32_t psw[2] __attribute__((aligned(8)));
	psw[0] = 0x01020000u; /* BC mode, external interruptions enabled, the wait bit */
	while (G_EXTCODE != 0x0040)
		__asm__ volatile("larl %%r1,1f\n\tst %%r1,4(%0)\n\tlpsw 0(%0)\n1:"
		                 :
		                 : "a"(psw)
		                 : "r1", "memory");
}

int main(void)
{
	static struct ccw w __attribute__((aligned(8)));
	static uint8_t text[16];
	*(volatile uint32_t *)80 = 0x7FFFFFFF; /* no interval timer interruption for a long time */
	*(volatile uint32_t *)96 = 0;          /* the SVC new PSW: t_svch, BC, disabled */
	*(volatile uint32_t *)100 = (uint32_t)(uintptr_t)t_svch;
	*(volatile uint8_t *)0x820 = 0;
	g_say("TRACETEST BEGINS");
	addr("SSM", t_p_ssm);
	addr("SVC", t_p_svc);
	addr("OP", t_p_op);
	addr("SIO", t_p_sio);
	addr("SVCH", t_svch);
	addr("PGMNEW", (void *)(uintptr_t) * (volatile uint32_t *)108);
	addr("IONEW", (void *)(uintptr_t) * (volatile uint32_t *)124);
	addr("EXTNEW", (void *)(uintptr_t) * (volatile uint32_t *)92);
	addr("BLP", t_b_lp);
	addr("BJ", t_b_j);
	addr("BEND", t_b_end);
	addr("I1", t_i1);
	addr("I2", t_i2);
	addr("I3", t_i3);
	addr("I4", t_i4);
	addr("N1", t_n1);
	addr("N2", t_n2);
	addr("N3", t_n3);
	addr("G0", t_g0);
	addr("G1", t_g1);
	addr("G2", t_g2);
	addr("GS", t_gs);
	addr("PGMEC", t_pgmec);

	/* 1: interruptions reflected, privileged instructions simulated */
	ccw_set(&w, 0x09, text, CCW_SLI, (uint16_t)ebcdic(text, "PHASE 1 SIO"));
	CAW = (uint32_t)(uintptr_t)&w;
	G_IODONE = 0;
	G_PGMCODE = 0;
	cp("TRACE SVC PRIV IO PROGRAM EXTERNAL RUN");
	t_priv();
	g_wait_io();
	g_say("PHASE 1 PROGRAM CODE %04X", G_PGMCODE);
	g_say("WAITING FOR EXTERNAL");
	wait_external();
	cp("TRACE END");
	g_say("EXTERNAL %04X TAKEN", G_EXTCODE);

	/* 2-4: instructions and branches, by PER */
	t_branch(cmd1, ebcdic(cmd1, "TRACE BRANCH RUN"), cmd2, ebcdic(cmd2, "TRACE END"));
	g_say("PHASE 2 DONE");
	t_instr(cmd1, ebcdic(cmd1, "TRACE INSTRUCT RUN"), cmd2, ebcdic(cmd2, "TRACE END"));
	g_say("PHASE 3 DONE");
	t_norun(cmd1, ebcdic(cmd1, "TRACE INSTRUCT"), cmd2, ebcdic(cmd2, "TRACE END"));
	g_say("PHASE 4 DONE");

	/* 5: the guest's own PER, alone and under TRACE INSTRUCT: one event, at
	 * t_g1; then one at its SVC t_gs, which comes after the SVC interruption
	 * (the old PSW is the SVC new PSW, at t_svch) */
	static uint32_t crs[3];
	crs[0] = 0x40000000u; /* CR9: instruction fetching */
	crs[1] = crs[2] = (uint32_t)(uintptr_t)t_g1;
	*(volatile uint32_t *)104 = 0x00080000u; /* program new PSW: EC mode, t_pgmec */
	*(volatile uint32_t *)108 = (uint32_t)(uintptr_t)t_pgmec;
	*(volatile uint32_t *)96 = 0x00080000u; /* SVC new PSW: EC mode too */
	for (int pass = 0; pass < 3; pass++) {
		if (pass == 2)
			crs[1] = crs[2] = (uint32_t)(uintptr_t)t_gs;
		GP_CODE = 0;
		GP_EVENT = 0;
		GP_ADDR = 0;
		GP_COUNT = 0;
		GP_OLD = 0;
		if (pass)
			cp("TRACE INSTRUCT RUN");
		t_gper(crs);
		if (pass)
			cp("TRACE END");
		g_say("GUEST PER %u: %u EVENT CODE %04X PER %02X AT %06X OLD PSW %06X", pass, GP_COUNT,
		      GP_CODE, GP_EVENT, GP_ADDR & 0xFFFFFF, GP_OLD & 0xFFFFFF);
	}
	return 0;
}
