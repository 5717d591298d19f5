# killr.s — the reader of tests/cli/dasd_killloop.sh: for each head t of
# cylinder 1 (30 heads) of the 3350 at 190, reads R1 (Seek, Search ID
# Equal, TIC, Read Data of 1024 bytes) and stores 16 bytes at X'3000' +
# 16*t: the record's first three words (round, write number, head; see
# killw.s) and a flag, 1 when the other 253 words all equal the write
# number, 3 when they do not; flag 2 and the CSW's status word in place of
# the round when the read did not end with channel end, device end, count 0
# (a track never written: no R1, or an end-of-file R1).  Then a disabled
# wait with IA X'AAA'.
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
        sr    %r5,%r5                   # t
        l     %r12,table
loop:   sth   %r5,seek+4
        sth   %r5,sid+2
        lr    %r7,%r5
        sll   %r7,4
        ar    %r7,%r12                  # the result slot
        .long 0x9C000190                # SIO 190
        bc    7,bad
1:      .long 0x9D000190                # TIO 190
        bc    2,1b
        clc   0x44(4),want
        bne   notok
        mvc   0(12,%r7),data
        l     %r9,data+4
        la    %r10,data+12
        la    %r11,DL/4-3
chk:    c     %r9,0(%r10)
        bne   badfill
        la    %r10,4(%r10)
        bct   %r11,chk
        la    %r9,1
        b     flag
badfill: la   %r9,3
        b     flag
notok:  mvc   0(4,%r7),0x44
        la    %r9,2
flag:   st    %r9,12(%r7)
        la    %r5,1(%r5)
        c     %r5,nt
        bl    loop
        lpsw  done
bad:    lpsw  badpsw

        .align 8
done:   .long 0x00020000, 0x00000AAA
badpsw: .long 0x00020000, 0x00000BAD
want:   .byte 0x0C, 0x00, 0x00, 0x00
table:  .long 0x3000
nt:     .long NT
        .align 8
prog:   CCW   0x07, seek, 0x40, 6
srch:   CCW   0x31, sid, 0x40, 5
        CCW   0x08, srch, 0, 0
        CCW   0x06, data, 0, DL
seek:   .short 0, 1, 0
sid:    .short 1, 0                     # CCHH R1
        .byte 1
        .align 4
data:   .fill DL, 1, 0
