/* start.S — CP's first instructions, its interruption entries, and waiting.
 *
 * The IPL channel program (tools/mksysvol.c) has read the nucleus to X'1000'
 * and loaded the IPL PSW, which points here: BC mode, supervisor state, key
 * 0, every interruption disabled.  Locations 2-3 hold the IPL device.  CP
 * goes into the EC mode at once and stays there (with DAT off: CP's
 * addresses are real ones); the EC mode is what lets it run a virtual
 * machine with DAT on, and what puts every interruption code at a fixed
 * place in page 0.
 *
 * How CP gets control back from then on: each interruption class has a new
 * PSW in page 0 (lowcore.h).  _start puts there PSWs that point at the
 * stubs below.  A stub saves the registers in page 0 (with base register 0:
 * it has no other base yet), moves to the interrupt stack and calls C.
 *
 * CP runs with DAT on, in an address space of its own that maps every
 * address to itself (cpspace.c); the new PSWs have DAT off, and each stub
 * turns it on (TO_CP) once it has saved the registers.
 *
 * Waiting: cp_wait loads a PSW with the wait bit and the I/O and external
 * masks on, whose address is cp_wait's own return.  The CPU stops there
 * until an interruption comes; the stub handles it and resumes the old PSW
 * with the wait bit cleared, so cp_wait returns -- disabled again: CP runs
 * with interruptions off everywhere but in this wait.  With nothing to do the emulated
 * CPU is in the wait state, and the host sleeps.
 */
	.set	LC_IPL, 0
	.set	LC_PGM_OLD, 40
	.set	LC_IO_OLD, 56
	.set	LC_EXT_NEW, 88
	.set	LC_SAVE_IO, 0xC00
	.set	LC_SAVE_PGM, 0xC40
	.set	LC_EXT_OLD, 24
	.set	LC_SAVE_EXT, 0xC80
	.set	LC_PGM_RESUME, 0xD00	/* nonzero: where a program check resumes */
	.set	LC_SVC_OLD, 32
	.set	LC_SAVE_SVC, 0xCC0
	.set	LC_GUEST, 0xD04		/* the struct guest run_guest is running */
	.set	LC_HOST_SAVE, 0xD08	/* CP's registers 6-15 while a guest runs */
	.set	LC_GUEST_PSW, 0xD30	/* the PSW run_guest loads (doubleword) */
	.set	LC_CP_CR1, 0xD38	/* CP's segment table designation, 0 before cp_dat_on */
	.set	LC_SVC_PER, 0xD40	/* a guest SVC's PER code and address (trace.c) */
	.set	LC_MASK, 0xD3C		/* where STOSM/STNSM put the old system mask */
	.set	LC_CP_CR0, 0xD48	/* CP's CR0 while a guest runs with its own translation format */

/* TO_CP old: into CP's address space.  The registers are saved; old is the
 * old PSW.  CR1 still names the guest's table if the guest was running (its
 * PSW in problem state): CP's goes in first.  Then DAT on. */
	.macro	TO_CP old, always=0
	icm	%r1,15,LC_CP_CR1
	jz	99f
	.if	\always == 0
	tm	\old+1,0x01
	jno	98f
	.endif
	lctl	0,0,LC_CP_CR0		/* CP's translation format (a guest's shadow may use 2K pages) */
	lctl	1,1,LC_CP_CR1
	.insn	s,0xb20d0000,0		/* PTLB: no translation of the guest's serves CP */
98:	stosm	LC_MASK,0x04
99:
	.endm

	.section .text.start,"ax"
	.globl	_start
_start:
	/* into EC mode at once: CP's PSWs are all EC from here on, so every
	 * interruption code is where the EC mode puts it (lowcore.h) */
	larl	%r1,ec_start
	lpsw	0(%r1)
in_ec:	larl	%r15,cp_stack_top
	ahi	%r15,-96
	/* clear .bss: MVCL with a second operand of length 0 pads with zeros */
	larl	%r2,__bss_start
	larl	%r3,__bss_end
	sr	%r3,%r2
	sr	%r4,%r4
	sr	%r5,%r5
	mvcl	%r2,%r4
	/* the five new PSWs, external to I/O, are consecutive at 88-127 */
	larl	%r1,new_psws
	mvc	LC_EXT_NEW(40),0(%r1)
	brasl	%r14,cp_main
	lhi	%r2,0xFFF		/* cp_main never returns */
	j	cp_halt

	.text
/* I/O interruption: the device address at 186-187, the CSW at 64. */
io_entry:
	stm	%r0,%r15,LC_SAVE_IO
	TO_CP	LC_IO_OLD
	larl	%r15,int_stack_top
	ahi	%r15,-96
	brasl	%r14,cp_io_interrupt
	tm	LC_IO_OLD+1,0x01	/* problem state: it was the guest */
	jo	exit_io
	lm	%r0,%r15,LC_SAVE_IO
	ni	LC_IO_OLD+1,0xFD	/* off the wait bit: a cp_wait returns */
	lpsw	LC_IO_OLD

/* External interruption: the code at 134-135. */
ext_entry:
	stm	%r0,%r15,LC_SAVE_EXT
	TO_CP	LC_EXT_OLD
	larl	%r15,int_stack_top
	ahi	%r15,-96
	brasl	%r14,cp_ext_interrupt
	tm	LC_EXT_OLD+1,0x01
	jo	exit_ext
	lm	%r0,%r15,LC_SAVE_EXT
	ni	LC_EXT_OLD+1,0xFD	/* off the wait bit: a cp_wait returns */
	lpsw	LC_EXT_OLD

/* Program interruption.  Where start-up code expects one (probing storage) it
 * set LC_PGM_RESUME: the old PSW is pointed there.  Otherwise C reports it. */
pgm_entry:
	/* A PER event in supervisor state can only be a guest's SVC that was
	 * one (CP never turns PER on for itself): the CPU took the SVC, then the
	 * PER interruption with CP's SVC new PSW as the old one.  Keep the PER
	 * code and address for trace.c and go on into svc_entry, the guest's
	 * registers untouched. */
	tm	LC_PGM_OLD+1,0x01
	jo	2f
	tm	143,0x80		/* program interruption code X'80': PER */
	jz	2f
	mvc	LC_SVC_PER(6),150	/* PER code (150), address (152-155) */
	lpsw	LC_PGM_OLD
2:	stm	%r0,%r15,LC_SAVE_PGM
	TO_CP	LC_PGM_OLD,1		/* always: a program check in CP itself is reported, whatever CR1 held */
	tm	LC_PGM_OLD+1,0x01
	jo	exit_pgm
	icm	%r1,15,LC_PGM_RESUME
	jz	1f
	stcm	%r1,7,LC_PGM_OLD+5
	xc	LC_PGM_RESUME(4),LC_PGM_RESUME
	lm	%r0,%r15,LC_SAVE_PGM
	lpsw	LC_PGM_OLD
1:	larl	%r15,int_stack_top
	ahi	%r15,-96
	brasl	%r14,cp_program_check	/* does not return */
	lhi	%r2,0xEEE
	j	cp_halt

/* SVC: only a guest issues one (CP never does). */
svc_entry:
	stm	%r0,%r15,LC_SAVE_SVC
	TO_CP	LC_SVC_OLD
	lhi	%r1,2
	la	%r3,LC_SAVE_SVC
	la	%r4,LC_SVC_OLD
	j	guest_exit

/* ---- running a virtual machine ----
 *
 * int run_guest(struct guest *g) loads the guest's registers and PSW (a
 * real PSW built by vmrun.c: EC mode, problem state, DAT on with the
 * virtual machine's segment table in g->cr1) and lets it run.  The guest
 * comes back to CP only by an interruption: the stubs above see the problem
 * state in the old PSW and come here, where the guest's registers and old
 * PSW are put in *g and run_guest returns, as from a call, the class of
 * interruption: 1 program, 2 SVC, 3 I/O, 4 external.  The I/O and external
 * ones have been handled for CP already (cp_io_interrupt, cp_ext_interrupt).
 * This is trap-and-emulate's "trap": everything the guest may not do itself
 * becomes a return from run_guest. */
	.globl	run_guest
run_guest:
	stm	%r6,%r15,LC_HOST_SAVE
	st	%r2,LC_GUEST
	stnsm	LC_MASK,0xFB		/* DAT off (V=R: the next instruction is the same) ... */
	stctl	0,0,LC_CP_CR0		/* CP's CR0, which the stubs put back (TO_CP) */
	lctl	0,0,76(%r2)		/* the guest's: CP's with the shadow's page size (vmrun.c) */
	lctl	1,1,72(%r2)		/* ... before the virtual machine's segment table goes in */
	.insn	s,0xb20d0000,0		/* PTLB: no translation of another machine stays */
	mvc	LC_GUEST_PSW(8),64(%r2)
	lm	%r0,%r15,0(%r2)
	lpsw	LC_GUEST_PSW

exit_pgm:
	lhi	%r1,1
	la	%r3,LC_SAVE_PGM
	la	%r4,LC_PGM_OLD
	j	guest_exit
exit_io:
	lhi	%r1,3
	la	%r3,LC_SAVE_IO
	la	%r4,LC_IO_OLD
	j	guest_exit
exit_ext:
	lhi	%r1,4
	la	%r3,LC_SAVE_EXT
	la	%r4,LC_EXT_OLD
guest_exit:			/* r1 reason, r3 the saved registers, r4 the old PSW */
	l	%r2,LC_GUEST
	mvc	0(64,%r2),0(%r3)
	mvc	64(8,%r2),0(%r4)
	lr	%r2,%r1
	lm	%r6,%r15,LC_HOST_SAVE
	br	%r14

/* void cp_wait(void) */
	.globl	cp_wait
cp_wait:
	larl	%r1,1f
	larl	%r2,wait_psw
	st	%r1,4(%r2)
	stnsm	LC_MASK,0xFF		/* the system mask as it is: DAT on or (start-up) off */
	ni	LC_MASK,0x04
	oi	LC_MASK,0x03		/* with I/O and external enabled */
	mvc	0(1,%r2),LC_MASK
	lpsw	0(%r2)
	/* The interruption's stub resumed the wait PSW without its wait bit:
	 * I/O and external still enabled.  CP runs disabled (its device
	 * queue, pools and timers are shared with the interruption handlers,
	 * which may only come here), so off they go before returning. */
1:	larl	%r1,wait_mask
	stnsm	0(%r1),0xFC
	br	%r14

/* void cp_halt(uint32_t code): disabled wait, the code in the PSW's address */
	.globl	cp_halt
cp_halt:
	larl	%r1,halt_psw
	st	%r2,4(%r1)
	lpsw	0(%r1)

/* uint32_t cp_storage_size(void): touch one byte of every 64K until an
 * addressing exception; the first address that fails is the size. */
	.globl	cp_storage_size
cp_storage_size:
	larl	%r1,2f
	st	%r1,LC_PGM_RESUME
	sr	%r2,%r2
	lhi	%r3,1
	sll	%r3,16			/* 64K */
	lhi	%r4,256
	sll	%r4,16			/* 16M: the most a 24-bit address reaches */
1:	ic	%r0,0(%r2)
	ar	%r2,%r3
	cr	%r2,%r4
	jl	1b
2:	xc	LC_PGM_RESUME(4),LC_PGM_RESUME
	br	%r14

	.section .rodata
	.align	8
ec_start:
	.long	0x00080000, in_ec	/* EC mode, disabled, key 0 */
new_psws:				/* EC mode (byte 1 X'08'), supervisor, DAT off */
	.long	0x00080000, ext_entry	/* external */
	.long	0x00080000, svc_entry	/* SVC (from a guest) */
	.long	0x00080000, pgm_entry	/* program */
	.long	0x000A0000, 0x00000E04	/* machine check: stop */
	.long	0x00080000, io_entry	/* I/O */

	.data
	.align	8
wait_psw:
	.long	0x030A0000, 0		/* EC: I/O (channels by CR2) and external enabled; wait */
halt_psw:
	.long	0x000A0000, 0		/* EC: disabled wait */
wait_mask:
	.byte	0			/* (cp_wait: STNSM's place for the mask it changes) */

	.bss
	.align	8
	.globl	cp_stack_bottom
cp_stack_bottom:
	.space	16384
	.globl	cp_stack_top
cp_stack_top:
	.space	4096
int_stack_top:

	.section .note.GNU-stack,"",@progbits
