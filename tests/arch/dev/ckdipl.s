# ckdipl.s — a program IPLed from a 3350: tests/cli/ckd_ipl.sh writes it as
# record 2 of cylinder 0 track 0 (ckdload.s writes the disk), and record 1
# holds the IPL PSW and the CCW that reads record 2 to X'800'.  It checks
# that the IPL stored the device address (X'0190') in the IPL PSW's
# interruption code (GA22-7000 "Initial Program Loading": bytes 2-3 of a
# BC-mode PSW), reads record 3 of the same track by Seek, Search ID Equal
# with a TIC loop and Read Data, prints that record's text and a greeting
# on the 3215-C at 009 by START I/O and TEST I/O polling, and ends in a
# disabled wait with IA 0 (IA X'BAD' when a check fails; program
# interruption: X'DEA').  Linked at X'800'.
        .text
        .macro CCW cmd, addr, flags, count
        .byte \cmd, 0
        .short \addr
        .byte \flags, 0
        .short \count
        .endm
start:  mvc   0x68(8),pgmnew
        clc   2(2,0),devaddr            # the IPL device address
        bne   bad
        la    %r2,0x190
        la    %r3,c_rd3
        bal   %r14,doio
        clc   0x44(4),want_ok           # CE+DE, count 0
        bne   bad
        la    %r2,0x009
        la    %r3,c_prt1
        bal   %r14,doio
        la    %r3,c_prt2
        bal   %r14,doio
        lpsw  done

# START I/O of the program at 0(R3) on the device in R2, TEST I/O until
# the device is no longer busy; the CSW is at X'40'.
doio:   st    %r3,0x48
        .long 0x9C002000                # SIO 0(R2)
        bc    7,bad
1:      .long 0x9D002000                # TIO 0(R2)
        bc    2,1b
        br    %r14
bad:    lpsw  badpsw

        .align 8
done:   .long 0x00020000, 0x00000000
badpsw: .long 0x00020000, 0x00000BAD
pgmnew: .long 0x00020000, 0x00000DEA
devaddr: .short 0x0190
want_ok: .byte 0x0C, 0x00, 0x00, 0x00
        .align 8
c_rd3:  CCW   0x07, seek, 0x40, 6
c_s3:   CCW   0x31, id3, 0x40, 5
        CCW   0x08, c_s3, 0, 0
        CCW   0x06, text3, 0, 40
c_prt1: CCW   0x09, text3, 0, 40
c_prt2: CCW   0x09, hello, 0, 20
        .align 8
seek:   .short 0, 0, 0
id3:    .byte 0, 0, 0, 0, 3
hello:  .byte 0xC8,0xC5,0xD3,0xD3,0xD6,0x40,0xC6,0xD9,0xD6,0xD4  # HELLO FROM
        .byte 0x40,0xC3,0xD2,0xC4,0x40,0xC9,0xD7,0xD3,0x40,0x40  #  CKD IPL
text3:  .fill 40, 1, 0
