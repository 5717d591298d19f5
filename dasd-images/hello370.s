# hello370.s — a small standalone S/370 program for a virtual machine: the
# build puts it on the system volume's minidisk (MDISK 190 in user.direct),
# so that any user can type `IPL 190` and watch CP run a guest.
#
# It does what every S/370 operating system does, in a few lines: START I/O
# to its console (009) with a channel program, an enabled wait (LPSW) until
# the I/O interruption, and DIAGNOSE 8 to hand CP a command.  Each of those
# is privileged, so in a virtual machine each one traps to CP, which does it
# for the guest (cp/vmrun.c, cp/vio.c).  Text is EBCDIC (.byte lines, the
# words in the comments).
#
# Loaded at X'1000' by the minidisk's IPL records (tools/mksysvol.c
# --minidisk); BC mode, disabled, until it sets its I/O new PSW.
	.text
	.globl	_start
_start:
	basr	%r12,0
base:
	mvc	120(8,%r0),iopsw-base(%r12)	# I/O new PSW: back to doio's caller
	la	%r2,greet-base(%r12)
	bas	%r14,doio-base(%r12)
loop:
	la	%r2,prompt-base(%r12)
	bas	%r14,doio-base(%r12)
	la	%r2,read-base(%r12)
	bas	%r14,doio-base(%r12)
	la	%r5,80(%r0)
	sh	%r5,70(%r0)			# 80 - residual count in the CSW = length typed
	mvc	work-base(4,%r12),buf-base(%r12)	# the first four characters, in capitals
	oc	work-base(4,%r12),blanks-base(%r12)
	clc	work-base(4,%r12),quit-base(%r12)
	be	done-base(%r12)
	clc	work-base(4,%r12),time-base(%r12)
	be	asktime-base(%r12)
	# YOU TYPED: and the line, as one Write
	lr	%r8,%r5				# (MVCL counts its lengths down to 0)
	lr	%r7,%r5
	la	%r6,buf-base(%r12)
	la	%r4,out+11-base(%r12)
	mvcl	%r4,%r6
	la	%r7,11(%r8)
	sth	%r7,echo+6-base(%r12)
	la	%r2,echo-base(%r12)
	bas	%r14,doio-base(%r12)
	b	loop-base(%r12)

asktime:	# DIAGNOSE 8: Rx the command's address, Ry its length
	la	%r2,qtime-base(%r12)
	la	%r3,10(%r0)
	.insn	rs,0x83000000,%r2,%r3,8(%r0)
	b	loop-base(%r12)

done:
	la	%r2,bye-base(%r12)
	bas	%r14,doio-base(%r12)
	lpsw	stop-base(%r12)			# disabled wait: the end

# doio: the channel program at R2 on the console; back when it has ended
doio:
	st	%r2,72(%r0)			# CAW
	.insn	s,0x9c000000,9(%r0)		# SIO 009
	bcr	7,%r14				# not started (cc 1-3): give up on it
	lpsw	wait-base(%r12)			# enabled wait until the I/O interruption
ioret:	br	%r14				# the I/O new PSW comes here: back to the caller

	.align	8
data_in_text:					# (tools/opcheck.c checks no further)
iopsw:	.long	0x00000000, ioret		# BC mode, disabled
wait:	.long	0xFE020000, 0			# channels enabled, wait
stop:	.long	0x00020000, 0x00000E0D		# disabled wait, code X'E0D'
# CCWs: command and data address in one word, then flags (SLI) and count
greet:	.long	0x09000000 + greet_text, 0x20000000 + 67	# Write with carrier return
prompt:	.long	0x09000000 + prompt_text, 0x20000000 + 13
read:	.long	0x0A000000 + buf, 0x20000000 + 80		# Read Inquiry, 80 bytes
echo:	.long	0x09000000 + out, 0x20000000		# count set before use
bye:	.long	0x09000000 + bye_text, 0x20000000 + 8
work:	.long	0
blanks:	.byte	0x40, 0x40, 0x40, 0x40
quit:	.byte	0xD8, 0xE4, 0xC9, 0xE3		# QUIT
time:	.byte	0xE3, 0xC9, 0xD4, 0xC5		# TIME
qtime:	.byte	0xD8, 0xE4, 0xC5, 0xD9, 0xE8, 0x40, 0xE3, 0xC9, 0xD4, 0xC5	# QUERY TIME
# HELLO FROM A VIRTUAL MACHINE. TYPE A LINE; TIME ASKS CP; QUIT ENDS.
greet_text:
	.byte	0xC8, 0xC5, 0xD3, 0xD3, 0xD6, 0x40, 0xC6, 0xD9, 0xD6, 0xD4, 0x40, 0xC1, 0x40, 0xE5, 0xC9, 0xD9
	.byte	0xE3, 0xE4, 0xC1, 0xD3, 0x40, 0xD4, 0xC1, 0xC3, 0xC8, 0xC9, 0xD5, 0xC5, 0x4B, 0x40, 0xE3, 0xE8
	.byte	0xD7, 0xC5, 0x40, 0xC1, 0x40, 0xD3, 0xC9, 0xD5, 0xC5, 0x5E, 0x40, 0xE3, 0xC9, 0xD4, 0xC5, 0x40
	.byte	0xC1, 0xE2, 0xD2, 0xE2, 0x40, 0xC3, 0xD7, 0x5E, 0x40, 0xD8, 0xE4, 0xC9, 0xE3, 0x40, 0xC5, 0xD5
	.byte	0xC4, 0xE2, 0x4B
# ENTER A LINE:
prompt_text:
	.byte	0xC5, 0xD5, 0xE3, 0xC5, 0xD9, 0x40, 0xC1, 0x40, 0xD3, 0xC9, 0xD5, 0xC5, 0x7A
# GOODBYE.
bye_text:
	.byte	0xC7, 0xD6, 0xD6, 0xC4, 0xC2, 0xE8, 0xC5, 0x4B
# YOU TYPED: and the line
out:	.byte	0xE8, 0xD6, 0xE4, 0x40, 0xE3, 0xE8, 0xD7, 0xC5, 0xC4, 0x7A, 0x40
	.space	80
buf:	.space	80
