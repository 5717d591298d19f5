# io_smc.s — a channel program overwrites code the CPU has already run
# (tests/cli/io_smc.sh).  The subroutine SUB (LA 5,1; BR 14) is called 16
# times, so that its instructions are decoded and trusted by the block cache
# (s370/icache.c); then a 3505 at 00C reads one binary card over SUB: the
# card holds LA 5,2; BR 14.  The next call must run the new instructions
# (GA22-7000: storage changed by a channel is seen by later instruction
# fetches).  Success: disabled wait IA 0; X'BAD' SUB returned the old value
# (or the read failed), X'DEA' a program interruption.
        .text
        .macro CCW cmd, addr, flags, count
        .byte \cmd, 0
        .short \addr
        .byte \flags, 0
        .short \count
        .endm
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW
        .org  0x200
start:  la    %r3,prog
        st    %r3,0x48                  # CAW
        la    %r6,16
1:      bal   %r14,sub                  # run SUB until it is a trusted block
        bct   %r6,1b
        c     %r5,one
        bne   bad
        .long 0x9C00000C                # SIO 00C: read the card over SUB
        bc    7,bad
2:      .long 0x9D00000C                # TIO 00C until the read is done
        bc    2,2b
        clc   0x44(4),want              # channel end, device end, count 0
        bne   bad
        bal   %r14,sub                  # SUB's new instructions
        c     %r5,two
        bne   bad
        lpsw  done
bad:    lpsw  badpsw
        .align 8
done:   .long 0x00020000, 0x00000000
badpsw: .long 0x00020000, 0x00000BAD
one:    .long 1
two:    .long 2
want:   .byte 0x0C, 0x00, 0x00, 0x00
        .align 8
prog:   CCW   0x02, sub, 0x00, 80       # Read one card into SUB
        .org  0x600
sub:    la    %r5,1
        br    %r14
        .fill 74, 1, 0
