# pgm_codes.s — the program interruptions a BC-mode program can reach, each
# checked for its interruption code, ILC and instruction address in the old
# PSW at X'28' (GA22-7000, "Program Interruption" and "Program-Status Word").
# expect: PSW=00020000 80000000
#
# Every case stores what it expects (code, ILC, address of the next
# instruction), then executes the faulting instruction.  The program-new PSW
# leads to `pgmh`, which compares the old PSW with the expectation and resumes
# 4 bytes past the expected address (skipping the `bal` that reports "no
# interruption").  A failing check ends in a disabled wait with IA
# X'F000' + case*16 + what: 0 no interruption, 1 code, 2 ILC, 3 IA,
# 4 a state check made by the case itself.
# All suppressed, terminated and completed operations leave the old PSW
# pointing past the instruction; these are all such cases.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC, key 0, IA X'200'
        .org  0x58
        .long 0x00020000, 0x00000E58    # external new PSW: not expected
        .long 0x00020000, 0x00000E60    # SVC new PSW: not expected
        .long 0x00000000, pgmh          # program new PSW: handler, supervisor, key 0
        .long 0x00020000, 0x00000E70    # machine-check new PSW
        .long 0x00020000, 0x00000E78    # I/O new PSW

        # CASE n, code, ilc: record the expectation; the faulting instruction
        # follows, then label 9 (the address the old PSW must hold).
        .macro CASE n, code, ilc
        la    %r13,\n
        la    %r1,\code
        sth   %r1,expcode
        la    %r1,\ilc
        stc   %r1,expilc
        la    %r1,9f
        st    %r1,expia
        .endm
        .macro NOINT                    # reached only if no interruption happened
9:      bal   %r14,noint
        .endm

        .org  0x200
start:
        # 1. Operation: opcode X'00' is not assigned.  ILC 1.
        CASE  1, 0x01, 1
        .short 0x0000
        NOINT

        # 2. Privileged operation: SSM in the problem state.  ILC 2.
        CASE  2, 0x02, 2
        lpsw  probpsw
prob:   ssm   sysmask0
        NOINT
        tm    0x29,0x01                 # old PSW had the problem-state bit
        bc    14,case2bad

        # 3. Execute: the target of EX is another EX.  ILC 2 (of the EX).
        CASE  3, 0x03, 2
        ex    0,exex
        NOINT

        # 4. Protection: store into a block with key 5 under PSW key 3.
        l     %r5,blk1800
        la    %r6,0x50                  # key 5, no fetch protection
        .insn rr,0x0800,%r6,%r5         # SSK 6,5
        CASE  4, 0x04, 2
        lpsw  key3psw                   # key 3 from here: the CASE stores come first
key3:   st    %r6,0(%r5)
        NOINT
        la    %r6,0
        .insn rr,0x0800,%r6,%r5         # SSK: key 0 again

        # 5. Addressing: X'300000' is beyond the 2M of MAINSIZE 2.
        l     %r5,beyond
        CASE  5, 0x05, 2
        l     %r6,0(%r5)
        NOINT

        # 6a. Specification: D with an odd R1 (needs an even-odd pair).
        CASE  6, 0x06, 2
        .insn rx,0x5D000000,%r3,one     # D 3,ONE (gas refuses an odd pair)
        NOINT
        # 6b. Specification: LPSW from an address not on a doubleword boundary.
        CASE  7, 0x06, 2
        lpsw  okpsw+4
        NOINT

        # 7. Data: AP with invalid digits in the second operand.  ILC 3.
        CASE  8, 0x07, 3
        ap    pk1(2),pkbad(2)
        NOINT

        # 8. Fixed-point overflow: A with the fixed-point-overflow mask on.
        l     %r1,pmfix
        spm   %r1
        l     %r4,maxint
        CASE  9, 0x08, 2
        a     %r4,one
        NOINT
        c     %r4,minint                # completed: result wrapped
        bc    7,case9bad

        # 9. Fixed-point divide: DR by zero.  ILC 1.
        la    %r2,0
        la    %r3,7
        la    %r4,0
        CASE  10, 0x09, 1
        dr    %r2,%r4
        NOINT

        # 10. Decimal overflow: AP 9 + 1 into one byte, mask on.
        l     %r1,pmdec
        spm   %r1
        mvi   pkov,0x9C
        CASE  11, 0x0A, 3
        ap    pkov(1),pk1(2)
        NOINT
        cli   pkov,0x0C                 # completed: 10 truncated to 0, sign +
        bc    7,case11bad

        # 11. Decimal divide: DP by zero.
        CASE  12, 0x0B, 3
        dp    pkdvd(4),pkzero(1)
        NOINT

        lpsw  success

case2bad:  la %r13,2
        b     state
case9bad:  la %r13,9
        b     state
case11bad: la %r13,11
state:  la    %r2,4
        b     fail

# The program-interruption handler (supervisor state, key 0, program mask 0).
# It uses R1-R3: the cases keep nothing there across an interruption.
pgmh:   lh    %r1,0x2A                  # interruption code
        ch    %r1,expcode
        la    %r2,1
        bc    7,fail
        sr    %r1,%r1
        ic    %r1,0x2C                  # ILC in bits 0-1
        srl   %r1,6
        clm   %r1,1,expilc
        la    %r2,2
        bc    7,fail
        l     %r1,0x2C
        n     %r1,iamask
        c     %r1,expia
        la    %r2,3
        bc    7,fail
        l     %r1,expia
        b     4(%r1)                    # resume past the NOINT bal

noint:  la    %r2,0
fail:   lr    %r3,%r13
        sll   %r3,4
        ar    %r3,%r2
        a     %r3,failbase
        st    %r3,failpsw+4
        lpsw  failpsw

        .align 8
success: .long 0x00020000, 0x00000000
failpsw: .long 0x00020000, 0
okpsw:  .long 0x00020000, 0x00000F00
probpsw: .long 0x00010000, prob         # problem state, key 0
key3psw: .long 0x00300000, key3         # supervisor, key 3
exex:   ex    0,exex
        .align 4
expia:  .long 0
expcode: .short 0
expilc: .byte 0
sysmask0: .byte 0
iamask: .long 0x00FFFFFF
failbase: .long 0xF000
blk1800: .long 0x1800
beyond: .long 0x300000
one:    .long 1
maxint: .long 0x7FFFFFFF
minint: .long 0x80000000
pmfix:  .long 0x08000000                # SPM: fixed-point-overflow mask
pmdec:  .long 0x04000000                # SPM: decimal-overflow mask
pk1:    .byte 0x00,0x1C                 # +1
pkbad:  .byte 0xAA,0xAC                 # invalid digits
pkov:   .byte 0x9C
pkdvd:  .byte 0x00,0x00,0x12,0x3C       # +123
pkzero: .byte 0x0C
