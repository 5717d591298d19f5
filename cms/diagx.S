/* diagx.S — the DIAGNOSE instruction, one small routine per code
 * (diag.c's wrappers call them).  The code is the instruction's
 * displacement, so it cannot be a C variable: each routine has its own.
 *
 *   int cms_diagXX(struct cms_dregs *d): r2-r5 and r15 from d (Rx = r2,
 *   Rx+1 = r3, Ry = r4, Ry+1 = r5), the DIAGNOSE, the registers back into
 *   d; returns the condition code.  r15 is the stack pointer in the C
 *   calling convention, so it is kept in d->save around the instruction.
 */
	.macro	DIAGSTUB code
	.globl	cms_diag\code
cms_diag\code:
	st	%r15,24(%r2)
	lr	%r1,%r2
	lm	%r2,%r5,0(%r1)
	l	%r15,16(%r1)
	.insn	rs,0x83000000,%r2,%r4,0x\code(%r0)
	ipm	%r0
	stm	%r2,%r5,0(%r1)
	st	%r15,16(%r1)
	l	%r15,24(%r1)
	srl	%r0,28
	lr	%r2,%r0
	br	%r14
	.endm

	.text
	DIAGSTUB 08
	DIAGSTUB 0C
	DIAGSTUB 14
	DIAGSTUB 18
	DIAGSTUB 20
	DIAGSTUB 24
	DIAGSTUB 58
	DIAGSTUB 60
	.section .note.GNU-stack,"",@progbits
