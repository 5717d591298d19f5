/* start.S — the first instructions of CMS after `IPL CMS`, its
 * interruption handlers, and the few things C cannot say.
 *
 * The IPL records of the system disk load the nucleus at X'10000' and
 * start it here in the BC mode, disabled, key 0 (docs/cms-format.md).
 *
 * Storage:   X'0'-X'1FF'   the PSWs and the CSW (the architecture's)
 *            X'200'-X'2FF' register save areas of the handlers below, the
 *                          PSW an SVC 202 returns by
 *            X'1000'-X'FFFF' the stack (it grows down from X'10000')
 *            X'10000'-     the nucleus; after it, free storage (heap.c)
 *
 * CMS runs enabled for I/O interruptions (BC mode, all channel masks): a
 * line the user types while a command computes arrives as an attention
 * from the console (HX, HI, HT, RT: con.c).  Each I/O interruption is
 * handed to C (cms_io_interrupt) on a small stack of its own and the
 * interrupted program resumed; a wait for I/O (cms_wait) is an enabled
 * wait whose resumption clears the wait bit.
 *
 * A program check in CMS code is an abend: cms_abend prints it and goes
 * back to the command loop (main.c).  CMS runs with external
 * interruptions masked (it sets no timer); should one be taken, it is
 * ignored.
 */
	.set	SAVE_IO, 0x200		/* 16 registers of the interrupted program */
	.set	SAVE_PGM, 0x240
	.set	STACK_TOP, 0x10000

	.section .text.start,"ax"
	.globl	_start
_start:
	larl	%r15,_start		/* the stack: X'10000' down */
	ahi	%r15,-96
	/* BSS: the IPL loaded the image only (objcopy -O binary ends at .data) */
	larl	%r2,__bss_start
	larl	%r3,_end
1:	clr	%r2,%r3
	jnl	2f
	mvi	0(%r2),0
	ahi	%r2,1
	j	1b
2:	larl	%r1,new_psws
	mvc	88(8,%r0),0(%r1)	/* external new PSW */
	mvc	96(8,%r0),8(%r1)	/* SVC new PSW */
	mvc	104(8,%r0),16(%r1)	/* program new PSW */
	mvc	112(8,%r0),24(%r1)	/* machine-check new PSW */
	mvc	120(8,%r0),32(%r1)	/* I/O new PSW */
	larl	%r1,run_psw		/* enabled from here on */
	lpsw	0(%r1)
running:
	brasl	%r14,cms_main
	larl	%r1,end_psw		/* (cms_main does not return) */
	lpsw	0(%r1)

/* I/O: cms_io_interrupt(device, csw) on the interruption stack. */
io_trap:
	stm	%r0,%r15,SAVE_IO
	larl	%r15,int_stack_top
	ahi	%r15,-96
	lh	%r2,58			/* the device: the old PSW's bytes 2-3 (BC mode) */
	lhi	%r3,64			/* the CSW */
	brasl	%r14,cms_io_interrupt
	lm	%r0,%r15,SAVE_IO
	ni	57,0xFD			/* out of a wait: resume after it */
	lpsw	56

/* External: ignored (the timer is not used; CP's EXTERNAL key). */
ext_trap:
	lpsw	24

/* SVC 202: a program (a MODULE, module.c) asks CMS for something, R1
 * its parameter list.  The handler's frame goes on the program's stack
 * (R15, the s390 ABI's: programs run on CMS's stack, X'1000'-X'FFFF'):
 * the program's 16 registers and the SVC old PSW, which cms_svc may
 * change (the return code in R15, R0, the address to go back to).  Then
 * back, disabled while the PSW is put where LPSW finds it without a base
 * register.  Any other SVC, or one whose R15 is no stack, is an abend. */
	.set	SVC_PSW, 0x280
svc_trap:
	stm	%r0,%r15,SAVE_PGM
	lh	%r2,34			/* the SVC number (BC mode: old PSW bytes 2-3) */
	chi	%r2,202
	jne	svc_bad
	l	%r1,SAVE_PGM+60		/* the program's stack */
	chi	%r1,0x2000
	jl	svc_bad
	lhi	%r0,1
	sll	%r0,16			/* STACK_TOP */
	clr	%r1,%r0
	jh	svc_bad
	ahi	%r1,-(96+72+8)
	lhi	%r0,-8
	nr	%r1,%r0
	mvc	96(64,%r1),SAVE_PGM	/* struct cms_svc_frame: the registers, */
	mvc	160(8,%r1),32		/* ... the old PSW */
	lr	%r15,%r1
	la	%r2,96(%r15)
	larl	%r1,run_psw		/* enabled: the command may read, HX may come */
	ssm	0(%r1)
	brasl	%r14,cms_svc
	stnsm	SVC_PSW,0x00		/* disabled */
	mvc	SVC_PSW(8),160(%r15)
	lm	%r0,%r15,96(%r15)
	lpsw	SVC_PSW
/* A program computing in its own code when the user typed: the I/O
 * handler made its resumption come here, disabled (cms_module_attn), the
 * program's PSW kept in cms_prog_psw.  Its registers go on its stack as
 * at an SVC 202, cms_prog_poll reads the line (HX ends the program
 * there), and the program goes on where it was. */
	.set	POLL_PSW, 0x288
	.globl	cms_poll_trampoline
cms_poll_trampoline:
	stm	%r0,%r15,SAVE_PGM
	l	%r1,SAVE_PGM+60
	ahi	%r1,-(96+72+8)
	lhi	%r0,-8
	nr	%r1,%r0
	mvc	96(64,%r1),SAVE_PGM
	larl	%r2,cms_prog_psw
	mvc	160(8,%r1),0(%r2)
	lr	%r15,%r1
	larl	%r1,run_psw
	ssm	0(%r1)
	brasl	%r14,cms_prog_poll
	stnsm	POLL_PSW,0x00
	mvc	POLL_PSW(8),160(%r15)
	lm	%r0,%r15,96(%r15)
	lpsw	POLL_PSW
svc_bad:
	lh	%r2,34
	ahi	%r2,4096		/* told apart from a program check's code */
	lhi	%r3,32			/* the SVC old PSW */
	j	abend
/* Program check: an abend, back to the command loop. */
pgm_trap:
	stm	%r0,%r15,SAVE_PGM
	lh	%r2,42			/* the interruption code (BC mode: old PSW bytes 2-3) */
	lhi	%r3,40			/* the program old PSW */
abend:
	larl	%r15,_start		/* a fresh stack */
	ahi	%r15,-96
	larl	%r1,run_psw		/* enabled again, as the command loop runs */
	ssm	0(%r1)
	brasl	%r14,cms_abend		/* (does not return) */

mck_trap:
	larl	%r1,mck_psw
	lpsw	0(%r1)

/* void cms_wait(void): an enabled wait until an I/O interruption has been
 * handled.  Call it disabled (cms_disable) after checking that what you
 * wait for has not come: the wait PSW enables and waits in one step. */
	.text
	.globl	cms_wait
cms_wait:
	larl	%r1,wait_psw
	lpsw	0(%r1)
wait_resume:
	br	%r14

/* int cms_run_prog(uint32_t entry, void *plist, void *eplist): a program
 * called as a C function (R2 the PLIST, R3 the EPLIST, R14 the return, R15
 * the stack) and, as VM/370 called one, with R1 the PLIST and R0 the
 * EPLIST.  Its return code comes back in R2. */
	.globl	cms_run_prog
cms_run_prog:
	stm	%r6,%r15,24(%r15)
	lr	%r6,%r15
	ahi	%r15,-96
	st	%r6,0(%r15)		/* the back chain */
	lr	%r5,%r2
	lr	%r2,%r3
	lr	%r1,%r3
	lr	%r3,%r4
	lr	%r0,%r4
	basr	%r14,%r5
	lm	%r6,%r15,96+24(%r15)
	br	%r14

/* uint8_t cms_disable(void): I/O off; the old system mask, for cms_enable. */
	.globl	cms_disable
cms_disable:
	ahi	%r15,-8
	stnsm	0(%r15),0x00
	lhi	%r2,0
	ic	%r2,0(%r15)
	ahi	%r15,8
	br	%r14
/* void cms_enable(uint8_t mask): the system mask back. */
	.globl	cms_enable
cms_enable:
	ahi	%r15,-8
	stc	%r2,0(%r15)
	ssm	0(%r15)
	ahi	%r15,8
	br	%r14

/* int cms_setjmp(struct cms_jmp *j) / void cms_longjmp(struct cms_jmp *j, int v):
 * registers 6-15 kept (the ABI's callee-saved ones, the stack, the return). */
	.globl	cms_setjmp
cms_setjmp:
	stm	%r6,%r15,0(%r2)
	lhi	%r2,0
	br	%r14
	.globl	cms_longjmp
cms_longjmp:
	lr	%r1,%r2
	lr	%r2,%r3
	lm	%r6,%r15,0(%r1)
	br	%r14

	.data
	.align	8
	.globl	cms_prog_psw
cms_prog_psw:
	.long	0, 0

	.section .rodata
	.align	8
new_psws:
	.long	0x00000000, ext_trap	/* BC mode, disabled, key 0 */
	.long	0x00000000, svc_trap
	.long	0x00000000, pgm_trap
	.long	0x00000000, mck_trap
	.long	0x00000000, io_trap
run_psw:
	.long	0xFE000000, running	/* BC mode, every channel enabled */
wait_psw:
	.long	0xFE020000, wait_resume	/* the same, waiting */
end_psw:
	.long	0x00020000, 0x00000E0D
mck_psw:
	.long	0x00020000, 0x00000C4C	/* machine check: a disabled wait, X'C4C' */

	.bss
	.align	8
	.space	4096
int_stack_top:
	.section .note.GNU-stack,"",@progbits
