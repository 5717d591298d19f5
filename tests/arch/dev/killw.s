# killw.s — the writer of tests/cli/dasd_killloop.sh: writes track after
# track of cylinder 1 of the 3350 at 190, forever, until the test kills
# s370.  Write number i (0, 1, 2, ...) goes to head t = i mod 30 as record
# R1 (Seek, Search ID Equal R0 with a TIC loop, Write Count Key and Data)
# of 1024 data bytes: the round number (the word at X'F00', set by the
# test), i, t, then i again in the other 253 words.  Each write is started
# by START I/O and waited for by TEST I/O; a CSW other than channel end,
# device end, count 0 ends in a disabled wait with IA X'BAD'.  The host
# counts the writes it completed; `sync` prints that count (docs/dasd.md).
        .text
        .macro CCW cmd, addr, flags, count
        .byte \cmd, 0
        .short \addr
        .byte \flags, 0
        .short \count
        .endm
        .equ  NT, 30
        .equ  DL, 1024
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW
        .org  0x200
start:  la    %r3,prog
        st    %r3,0x48                  # CAW
        sr    %r5,%r5                   # i
        l     %r6,0xF00                 # round
        la    %r12,NT
loop:   sr    %r8,%r8
        lr    %r9,%r5
        dr    %r8,%r12                  # r8 = t = i mod NT
        sth   %r8,seek+4
        sth   %r8,sid+2
        sth   %r8,rec+2
        st    %r6,data
        st    %r5,data+4
        st    %r8,data+8
        la    %r10,data+12
        la    %r11,DL/4-3
fill:   st    %r5,0(%r10)
        la    %r10,4(%r10)
        bct   %r11,fill
        .long 0x9C000190                # SIO 190
        bc    7,bad
1:      .long 0x9D000190                # TIO 190
        bc    2,1b
        clc   0x44(4),want
        bne   bad
        st    %r5,0xF04                 # the last write completed
        la    %r5,1(%r5)
        b     loop
bad:    lpsw  badpsw

        .align 8
badpsw: .long 0x00020000, 0x00000BAD
want:   .byte 0x0C, 0x00, 0x00, 0x00
        .align 8
prog:   CCW   0x07, seek, 0x40, 6
srch:   CCW   0x31, sid, 0x40, 5
        CCW   0x08, srch, 0, 0
        CCW   0x1D, rec, 0, 8+DL
seek:   .short 0, 1, 0                  # cylinder 1, head t
sid:    .short 1, 0                     # CCHH R0
        .byte 0
        .align 4
rec:    .short 1, 0                     # count of R1: CC HH R KL DL
        .byte 1, 0
        .short DL
data:   .fill DL, 1, 0
        .org  0xF00
round:  .long 0
