/* gstart.S — the start of a bare test guest (tests/guest): a stack, main(),
 * and the two interruption handlers the guest's C code leans on.
 *
 * Loaded at X'1000' by its minidisk's IPL records, BC mode, disabled.
 *   program: the code (old PSW bytes 2-3) goes to G_PGMCODE and the guest
 *            goes on after the instruction (suppression and termination
 *            leave the old PSW there);
 *   I/O:     the CSW goes to G_CSW, G_IODONE is set, and the waiting PSW is
 *            resumed with its wait bit and its I/O masks off (a line the user
 *            types while the guest computes is then NOT ACCEPTED by CP);
 *   external: the code (old PSW bytes 2-3) goes to G_EXTCODE, the same way,
 *            with the external mask off (a timer's condition stays until
 *            the program changes the timer).
 */
	.set	G_PGMCODE, 0x800
	.set	G_CSW, 0x808
	.set	G_IODONE, 0x810
	.set	G_EXTCODE, 0x812

	.section .text.start,"ax"
	.globl	_start
_start:
	larl	%r15,stack_top
	ahi	%r15,-96
	larl	%r1,new_psws
	mvc	104(8,%r0),0(%r1)	/* program new PSW */
	mvc	120(8,%r0),8(%r1)	/* I/O new PSW */
	mvc	88(8,%r0),16(%r1)	/* external new PSW */
	brasl	%r14,main
	larl	%r1,end_psw
	lpsw	0(%r1)

pgm_trap:
	mvc	G_PGMCODE(2),42
	lpsw	40
ext_trap:			/* the timer's condition stays: resume with the external mask off */
	mvc	G_EXTCODE(2),26
	ni	24,0xFE
	ni	25,0xFD
	lpsw	24
io_trap:
	mvc	G_CSW(8),64
	mvi	G_IODONE+1,1		/* a halfword flag */
	ni	57,0xFD
	ni	56,0x01			/* and disabled for I/O again: the guest computes disabled */
	lpsw	56

	.section .rodata
	.align	8
new_psws:
	.long	0x00000000, pgm_trap	/* BC, disabled */
	.long	0x00000000, io_trap
	.long	0x00000000, ext_trap
end_psw:
	.long	0x00020000, 0x00000E0D	/* disabled wait: done */

	.bss
	.align	8
	.space	16384
stack_top:
	.section .note.GNU-stack,"",@progbits
