/* crt0.S — where a CMS program begins, and its SVC 202 (cmsprog.h).
 *
 * CMS calls the program as a C function (cms/module.c): R2 the tokenized
 * PLIST, R3 the extended PLIST, R14 the return, R15 the stack.  _start
 * goes on to cms_prog_start (cmsprog.c), which calls main. */
	.section .text.start,"ax"
	.globl	_start
_start:
	jg	cms_prog_start

/* int cms_svc202(void *plist, uint32_t *r0): SVC 202 with R1 the PLIST.
 * CMS gives back every register as it was but R15, the return code (and
 * R0, which WAITRD sets): R15 is the stack, so it is kept in R13 across. */
	.text
	.globl	cms_svc202
cms_svc202:
	stm	%r6,%r15,24(%r15)
	lr	%r13,%r15
	lr	%r12,%r3
	lr	%r1,%r2
	svc	202
	lr	%r2,%r15
	lr	%r15,%r13
	ltr	%r12,%r12
	jz	1f
	st	%r0,0(%r12)
1:	lm	%r6,%r15,24(%r15)
	br	%r14

	.section .note.GNU-stack,"",@progbits
