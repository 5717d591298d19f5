# timers.s — external interruptions from the interval timer (X'50'), the
# clock comparator and the CPU timer, first in BC mode then in EC mode
# (GA22-7000, "Timing" and "External Interruption").
# expect: PSW=000A0000 00000000
# diff-ignore: 800-83F
#
# Each case enables exactly one subclass in CR0 (interval timer bit 24,
# clock comparator bit 20, CPU timer bit 21), arms the timer about 10 ms
# ahead, and loads an enabled wait PSW whose IA is the continuation.  The
# external-new PSW leads to a handler that checks the interruption code
# (BC mode: old-PSW bits 16-31 at X'1A'; EC mode: X'86', with the CPU
# address at X'84') and the mode of the old PSW, then branches to the
# continuation.  The continuation checks the timer really passed its
# point: interval timer and CPU timer negative, TOD clock past the
# comparator.  A missing interruption leaves the CPU waiting: the harness
# times out.  Failing check: disabled wait at X'F000' + case*16 + what
# (1 code, 2 old-PSW mode, 6 a check made by the case).
# The interval timer word is set to a large positive value in the image so
# that no interval-timer interruption becomes pending before the test arms
# it.  Clock values (X'800'-X'83F') differ between machines by nature.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC mode, IA X'200'
        .org  0x50
        .long 0x7FFFFF00                # interval timer: far from negative
        .org  0x58
        .long 0x00000000, exth_bc       # external new PSW (BC until phase 2)
        .long 0x00020000, 0x00000E60    # SVC new PSW
        .long 0x00020000, 0x00000E68    # program new PSW
        .long 0x00020000, 0x00000E70    # machine-check new PSW
        .long 0x00020000, 0x00000E78    # I/O new PSW

        .macro FAILIF m, n, what        # fail (n, what) when CC is in mask m
        bc    15-(\m),.+16
        la    %r13,\n
        la    %r2,\what
        b     fail
        .endm

        # WAITFOR n, code, cr0, waitpsw: enable one subclass and wait.
        .macro WAITFOR n, code, cr0, waitpsw
        la    %r13,\n
        la    %r1,0
        ic    %r1,\code
        sll   %r1,8
        ic    %r1,\code+1
        sth   %r1,expcode
        lctl  0,0,\cr0
        lpsw  \waitpsw
        .endm

        # PHASE base-case, wait PSW template (its IA is replaced).
        .macro PHASE c, wait
        # interval timer: X'300' units of bit 23 = 10 ms
        mvc   0x50(4),itshort
        mvc   waitpsw(8),\wait
        la    %r1,1f
        stcm  %r1,7,waitpsw+5
        WAITFOR \c+1, ext_it, cr0it, waitpsw
1:      lctl  0,0,cr0none
        l     %r1,0x50                  # the timer went negative
        ltr   %r1,%r1
        FAILIF 10, \c+1, 6
        mvc   0x50(4),itlong

        # clock comparator: TOD now + 10 ms
        stck  tod
        lm    %r2,%r3,tod
        al    %r3,delta
        bc    12,2f                     # no carry out of the low word
        al    %r2,one
2:      stm   %r2,%r3,ckc
        sr    %r2,%r2                   # no clock values left in registers
        sr    %r3,%r3
        sckc  ckc
        mvc   waitpsw(8),\wait
        la    %r1,3f
        stcm  %r1,7,waitpsw+5
        WAITFOR \c+2, ext_cc, cr0cc, waitpsw
3:      lctl  0,0,cr0none
        stck  tod2
        clc   tod2(8),ckc               # the clock is past the comparator
        FAILIF 4, \c+2, 6
        sckc  maxval

        # CPU timer: 10 ms
        spt   ptshort
        mvc   waitpsw(8),\wait
        la    %r1,4f
        stcm  %r1,7,waitpsw+5
        WAITFOR \c+3, ext_pt, cr0pt, waitpsw
4:      lctl  0,0,cr0none
        stpt  ptval
        tm    ptval,0x80                # the CPU timer went negative
        FAILIF 14, \c+3, 6
        spt   ptlong
        .endm

        .org  0x200
start:  lctl  0,0,cr0none
        # Take an interval-timer interruption left pending from before the
        # restart (the timer word may have gone negative then; GA22-7000:
        # the condition stays pending until taken), if there is one.
        mvc   0x50(4),itlong
        la    %r13,0x0F
        mvc   expcode(2),ext_it
        lctl  0,0,cr0it
        stosm mask,0x01
        bcr   0,0
        stnsm mask,0xFE
        lctl  0,0,cr0none
        mvi   mask,0                    # its value tells whether one was pending
        PHASE 0x10, waitbc
        mvc   0x58(8),extnew_ec         # external interruptions in EC mode
        lpsw  ecpsw
ec:     PHASE 0x20, waitec
        lpsw  success

# External-interruption handlers: check the code and the old PSW's mode,
# then continue at the old PSW's IA in the handler's (disabled) state.
exth_bc: lh   %r1,0x1A                  # BC: code in old-PSW bits 16-31
        ch    %r1,expcode
        la    %r2,1
        bc    7,fail
        tm    0x19,0x08                 # old PSW is BC mode
        la    %r2,2
        bc    1,fail
        b     resume
exth_ec: lh   %r1,0x86                  # EC: code at X'86'
        ch    %r1,expcode
        la    %r2,1
        bc    7,fail
        lh    %r1,0x84                  # CPU address 0
        ltr   %r1,%r1
        bc    7,fail
        tm    0x19,0x08                 # old PSW is EC mode
        la    %r2,2
        bc    14,fail
resume: l     %r1,0x1C
        n     %r1,iamask
        br    %r1

fail:   lr    %r3,%r13
        sll   %r3,4
        ar    %r3,%r2
        a     %r3,failbase
        st    %r3,failpsw+4
        lpsw  failpsw

        .align 8
waitbc: .long 0x01020000, 0             # BC: external mask, wait
waitec: .long 0x010A0000, 0             # EC: external mask, wait
extnew_ec: .long 0x00080000, exth_ec
ecpsw:  .long 0x00080000, ec
success: .long 0x000A0000, 0x00000000
failpsw: .long 0x000A0000, 0
maxval: .long 0xFFFFFFFF, 0xFFFFFFFF
ptshort: .long 0x00000000, 0x02710000   # 10000 us (bit 51 = 1 us)
ptlong: .long 0x7FFFFFFF, 0xFFFFFFFF
cr0none: .long 0x00000000
cr0it:  .long 0x00000080                # bit 24: interval timer
cr0cc:  .long 0x00000800                # bit 20: clock comparator
cr0pt:  .long 0x00000400                # bit 21: CPU timer
itshort: .long 0x00000300               # 3 x 1/300 s
itlong: .long 0x7FFFFF00
delta:  .long 0x02710000                # 10 ms in TOD units
one:    .long 1
iamask: .long 0x00FFFFFF
failbase: .long 0xF000
ext_it: .short 0x0080
ext_cc: .short 0x1004
ext_pt: .short 0x1005
expcode: .short 0
mask:   .byte 0

        .org  0x800                     # clock values: not compared
        .align 8
waitpsw: .long 0, 0
tod:    .long 0, 0
tod2:   .long 0, 0
ckc:    .long 0, 0
ptval:  .long 0, 0
