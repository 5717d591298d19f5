# cardipl.s — a self-loading card deck that drives the unit-record devices.
#
# Linked at X'800' and turned into a deck by tools/mkdeck (-o 800) with the
# text cards of tests/cli/card_ipl.sh after it; tests/cli/card_ipl.sh IPLs
# the deck from a 3505 at 00C (ebcdic) with a 1403 at 00E and a 3525 at 00D,
# on s370 and on Hercules 3.13, and compares the printer and punch files.
#
# Every channel program runs by START I/O and TEST I/O polling (all
# interruptions stay disabled); CSW bytes 4-7 (unit status, channel status,
# residual count) of each go to a table, with the data of Sense and Sense ID
# after them.  The program then reads the text cards up to the end of the
# deck, printing (write, space 1) and punching (X'01') each one, and ends
# by printing the table in hexadecimal, four words a line.  GA22-7000
# chapter 13; the command codes are the 1403's, 3505's and 3525's.
# Ends in a disabled wait with IA 0; a program interruption: IA X'DEA'.
        .text
        .macro IO dev, ccw
        la    %r2,\dev
        la    %r3,\ccw
        bal   %r14,doio
        .endm
        .macro DATA from, len            # append data bytes to the table
        mvc   0(\len,%r11),\from
        la    %r11,\len(%r11)
        .endm

start:  mvc   0x68(8),pgmnew
        la    %r11,stat
        # Sense ID and Sense of each device
        IO    0x00C, c_sid
        DATA  buf, 8
        IO    0x00D, c_sid
        DATA  buf, 8
        IO    0x00E, c_sid
        DATA  buf, 8
        IO    0x00C, c_sns
        DATA  buf, 4
        IO    0x00C, c_sns32            # how many sense bytes
        IO    0x00D, c_sns32
        IO    0x00E, c_sns32
        # the printer's carriage
        IO    0x00E, c_skip1            # immediate skip to channel 1
        IO    0x00E, c_w1
        IO    0x00E, c_w2
        IO    0x00E, c_w3
        IO    0x00E, c_over             # write, no space; write, space 1
        IO    0x00E, c_sp               # immediate space 1, 2, 3
        IO    0x00E, c_wsk2             # write, skip to channel 2
        IO    0x00E, c_chain            # two chained writes
        IO    0x00E, c_sk11             # immediate skip to channel 11 (line 55)
        IO    0x00E, c_sp3              # space 3: line 58
        IO    0x00E, c_sp3              # space 3: line 61, channel 12
        IO    0x00E, c_sp1              # line 62
        IO    0x00E, c_sp1              # line 63, channel 9
        IO    0x00E, c_w63              # write, space 1: line 64
        IO    0x00E, c_sk12             # skip to channel 12: next page
        IO    0x00E, c_sk9              # skip to channel 9
        IO    0x00E, c_sp3              # space 3: over the page end
        IO    0x00E, c_sp1
        IO    0x00E, c_wsk1             # write, skip to channel 1
        IO    0x00E, c_w63              # write, space 1: line 2
        IO    0x00E, c_skip1            # immediate skip to channel 1
        IO    0x00E, c_w63
        IO    0x00E, c_wsk1             # write, skip to channel 1 from line 2
        IO    0x00E, c_nsk3             # write no space, skip to channel 3
        IO    0x00E, c_nop
        IO    0x00E, c_bad              # not a printer command
        IO    0x00E, c_sns
        DATA  buf, 4
        # the punch
        IO    0x00D, c_p2               # punch, stacker 2
        IO    0x00D, c_bad
        IO    0x00D, c_sns
        DATA  buf, 4
        # the text cards: print and punch each one until the end of the deck
rdloop: mvi   card,0x40
        mvc   card+1(79),card
        IO    0x00C, c_read
        clc   0x44(2),okstat
        bc    7,rdend
        IO    0x00E, c_prc
        IO    0x00D, c_pch
        b     rdloop
rdend:  IO    0x00C, c_sns
        DATA  buf, 4
        IO    0x00C, c_read             # still not ready
        # print the table
        la    %r5,stat
prloop: cr    %r5,%r11
        bc    10,done
        unpk  line(9),0(5,%r5)
        unpk  line+9(9),4(5,%r5)
        unpk  line+18(9),8(5,%r5)
        unpk  line+27(9),12(5,%r5)
        tr    line(36),hextab-240
        mvi   line+8,0x40
        mvi   line+17,0x40
        mvi   line+26,0x40
        la    %r2,0x00E
        la    %r3,c_line
        bal   %r14,doio1
        la    %r5,16(%r5)
        b     prloop
done:   lpsw  success

# Run the channel program at 0(R3) on device 0(R2); CSW bytes 4-7 to the
# table (X'FFFFFFFF': not operational).  doio1 does not record.
doio:   lr    %r10,%r14
        bal   %r14,doio1
        st    %r4,0(%r11)
        la    %r11,4(%r11)
        br    %r10
doio1:  xc    buf(32),buf
        st    %r3,0x48                  # CAW: key 0
        .long 0x9C002000                # SIO 0(R2)
        bc    8,tio
        bc    4,csw                     # CC 1: CSW stored
        bc    2,doio1                   # CC 2: busy
        l     %r4,ones
        br    %r14
tio:    .long 0x9D002000                # TIO 0(R2)
        bc    2,tio                     # busy: still working
        bc    4,csw
        sr    %r4,%r4                   # CC 0: no status at all
        br    %r14
csw:    l     %r4,0x44
        br    %r14

        .align 8
pgmnew: .long 0x00020000, 0x00000DEA
success: .long 0x00020000, 0x00000000
ones:   .long 0xFFFFFFFF
okstat: .short 0x0C00
        .align 8
c_sid:  .long 0xE4000000+buf
        .short 0x2000, 16               # SLI
c_sns:  .long 0x04000000+buf
        .short 0x2000, 4
c_sns32: .long 0x04000000+buf
        .short 0x2000, 32
c_nsk3: .long 0x01000000+t_ch2
        .short 0x4000, 9
        .long 0x9B000000+buf
        .short 0x0000, 1
c_sk11: .long 0xDB000000+buf
        .short 0x0000, 1
c_sp1:  .long 0x0B000000+buf
        .short 0x0000, 1
c_w63:  .long 0x09000000+t_ch1
        .short 0x0000, 7
c_read: .long 0x02000000+card
        .short 0x0000, 80
c_prc:  .long 0x09000000+card
        .short 0x0000, 80
c_pch:  .long 0x01000000+card
        .short 0x0000, 80
c_p2:   .long 0x41000000+t_p2
        .short 0x0000, 80
c_bad:  .long 0x06000000+buf
        .short 0x2000, 1
c_nop:  .long 0x03000000+buf
        .short 0x0000, 1
c_skip1: .long 0x8B000000+buf
        .short 0x0000, 1
c_w1:   .long 0x09000000+t_w1
        .short 0x0000, 29
c_w2:   .long 0x11000000+t_w2
        .short 0x0000, 14
c_w3:   .long 0x19000000+t_w3
        .short 0x0000, 14
c_over: .long 0x01000000+t_over
        .short 0x4000, 11
        .long 0x09000000+t_under
        .short 0x0000, 11
c_sp:   .long 0x0B000000+buf
        .short 0x4000, 1
        .long 0x13000000+buf
        .short 0x4000, 1
        .long 0x1B000000+buf
        .short 0x4000, 1
        .long 0x09000000+t_after
        .short 0x0000, 22
c_wsk2: .long 0x91000000+t_sk2
        .short 0x0000, 28
c_chain: .long 0x09000000+t_ch1
        .short 0x4000, 9
        .long 0x09000000+t_ch2
        .short 0x0000, 9
c_sk12: .long 0xE3000000+buf
        .short 0x0000, 1
c_sk9:  .long 0xCB000000+buf
        .short 0x0000, 1
c_sp3:  .long 0x1B000000+buf
        .short 0x0000, 1
c_wsk1: .long 0x89000000+t_page
        .short 0x0000, 20
c_line: .long 0x09000000+line
        .short 0x0000, 35

t_w1:   .byte 0xC3,0xC1,0xD9,0xC4,0x40,0xC9,0xD7,0xD3,0x40,0xE3,0xC5,0xE2,0xE3,0x7A,0x40,0xE6,0xD9,0xC9,0xE3,0xC5,0x6B,0x40,0xE2,0xD7,0xC1,0xC3,0xC5,0x40,0xF1
t_w2:   .byte 0xE6,0xD9,0xC9,0xE3,0xC5,0x6B,0x40,0xE2,0xD7,0xC1,0xC3,0xC5,0x40,0xF2
t_w3:   .byte 0xE6,0xD9,0xC9,0xE3,0xC5,0x6B,0x40,0xE2,0xD7,0xC1,0xC3,0xC5,0x40,0xF3
t_over: .byte 0xD6,0xE5,0xC5,0xD9,0xD7,0xD9,0xC9,0xD5,0xE3,0xC5,0xC4
t_under: .byte 0x6D,0x6D,0x6D,0x6D,0x6D,0x6D,0x6D,0x6D,0x6D,0x6D,0x6D
t_after: .byte 0xC1,0xC6,0xE3,0xC5,0xD9,0x40,0xC9,0xD4,0xD4,0xC5,0xC4,0xC9,0xC1,0xE3,0xC5,0x40,0xE2,0xD7,0xC1,0xC3,0xC5,0xE2
t_sk2:  .byte 0xE2,0xD2,0xC9,0xD7,0x40,0xE3,0xD6,0x40,0xC3,0xC8,0xC1,0xD5,0xD5,0xC5,0xD3,0x40,0xF2,0x40,0xC1,0xC6,0xE3,0xC5,0xD9,0x40,0xE3,0xC8,0xC9,0xE2
t_ch1:  .byte 0xC3,0xC8,0xC1,0xC9,0xD5,0xC5,0xC4,0x40,0xF1
t_ch2:  .byte 0xC3,0xC8,0xC1,0xC9,0xD5,0xC5,0xC4,0x40,0xF2
t_page: .byte 0xD5,0xC5,0xE6,0x40,0xD7,0xC1,0xC7,0xC5,0x40,0x4D,0xC3,0xC8,0xC1,0xD5,0xD5,0xC5,0xD3,0x40,0xF1,0x5D
t_p2:   .byte 0xD7,0xE4,0xD5,0xC3,0xC8,0xC5,0xC4,0x40,0xE3,0xD6,0x40,0xE2,0xE3,0xC1,0xC3,0xD2,0xC5,0xD9,0x40,0xF2
        .fill 60,1,0x40
hextab: .byte 0xF0,0xF1,0xF2,0xF3,0xF4,0xF5,0xF6,0xF7,0xF8,0xF9,0xC1,0xC2,0xC3,0xC4,0xC5,0xC6
line:   .fill 36,1,0x40
buf:    .fill 32,1,0
card:   .fill 80,1,0x40
        .align 4
stat:   .fill 512,1,0                   # the table; ends the program
