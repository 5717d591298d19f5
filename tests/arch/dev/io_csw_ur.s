# expect: PSW=00020000 80000000
# device: 000C 3505 cards.txt ascii eof
# device: 000D 3525 punch.txt ascii
# device: 000E 1403 print.txt
# device: 000F 3211 print2.txt
# device: 0010 3505 cards.txt ascii intrq
# io_csw_ur.s — condition codes and CSWs of channel programs on the card
# reader (00C with eof, 010 with intrq), the punch (00D) and the printers
# (00E 1403, 00F 3211), stored as a table so that two machines can be
# compared (tests/cli/io_unitrec.sh runs it on s370 and Hercules 3.13 and
# diffs the table at X'C00'; docs/devices.md explains each difference).  The card file holds two cards, CARD1 and
# CARD2.  Same layout as io_csw.s, 32 bytes a case:
#   +0 SIO CC   +1 TIO CC after it   +2 I/O interruption code (2 bytes)
#   +4 CSW after SIO (or of its interruption)   +12 CSW stored by the TIO
#   +20 first 8 bytes of the data buffer        +28 unused
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, masks off

        .macro CASE n, dev, cawaddr
        la    %r6,0xC00+32*\n
        la    %r8,\dev
        la    %r7,\cawaddr
        bal   %r14,dosio
        .endm

        .org  0x200
start:
        # reader 00C (eof): two cards, then the end of the file
        CASE  0, 0x00C, caw_rd80        # CARD1
        CASE  1, 0x00C, caw_rd40        # CARD2 into 40 bytes: incorrect length
        CASE  2, 0x00C, caw_rd80        # end of file: unit exception
        CASE  3, 0x00C, caw_rd80sli     # no file left: intervention required
        CASE  4, 0x00C, caw_sense4      # its sense
        CASE  5, 0x00C, caw_sid         # Sense ID, SLI
        CASE  6, 0x00C, caw_wr80        # Write to a reader: command reject
        CASE  7, 0x00C, caw_sense1      # its sense (1 byte: incorrect length)
        CASE  8, 0x00C, caw_nop         # no operation
        # reader 010 (intrq): two cards, then intervention required
        CASE  9, 0x010, caw_rd80
        CASE  10, 0x010, caw_feed       # feed (no data): CARD2 passes by
        CASE  11, 0x010, caw_rd80       # end of file: intervention required
        CASE  12, 0x010, caw_sense4
        # punch 00D
        CASE  13, 0x00D, caw_wr80       # a card
        CASE  14, 0x00D, caw_wr40       # 40 bytes: incorrect length
        CASE  15, 0x00D, caw_wr100      # 100 bytes: incorrect length, 20 left
        CASE  16, 0x00D, caw_wr100sli   # the same with SLI
        CASE  17, 0x00D, caw_rd80       # Read on a punch: command reject
        CASE  18, 0x00D, caw_sense1
        CASE  19, 0x00D, caw_sid
        CASE  20, 0x00D, caw_nop
        # printer 00E (1403)
        CASE  21, 0x00E, caw_p1         # write, space 1
        CASE  22, 0x00E, caw_p2         # write 140 bytes: more than a line
        CASE  23, 0x00E, caw_p3         # skip 1, skip 11, space 3, space 3: channel 12
        CASE  24, 0x00E, caw_p4         # space 1 immediate
        CASE  25, 0x00E, caw_rd80       # Read on a printer: command reject
        CASE  26, 0x00E, caw_sense1
        CASE  27, 0x00E, caw_sid
        CASE  28, 0x00E, caw_p5         # skip to channel 9, print, space 1
        # printer 00F (3211)
        CASE  29, 0x00F, caw_sid
        CASE  30, 0x00F, caw_p1
        CASE  31, 0x00F, caw_nop
        lpsw  success

# SIO to device R8 with the CAW at 0(R7), results at 0(R6).
dosio:  mvc   0x48(4),0(%r7)
        mvc   0x40(8),aas
        xc    buf(8),buf
        mvi   0(%r6),0xEE
        mvi   1(%r6),0xEE
        .long 0x9C008000                # SIO 0(R8)
        bc    8,cc0
        bc    4,cc1
        bc    2,cc2
        mvi   0(%r6),3
        b     dotio
cc2:    mvi   0(%r6),2
        b     dotio
cc1:    mvi   0(%r6),1
        mvc   4(8,%r6),0x40
        b     dotio
cc0:    mvi   0(%r6),0
        la    %r5,gotio
        lpsw  waitio
gotio:  mvc   4(8,%r6),0x40
        mvc   2(2,%r6),0x3A
dotio:  mvc   0x40(8),aas
        .long 0x9D008000                # TIO 0(R8)
        bc    8,t0
        bc    4,t1
        mvi   1(%r6),2
        b     tx
t0:     mvi   1(%r6),0
        b     tx
t1:     mvi   1(%r6),1
        mvc   12(8,%r6),0x40
tx:     mvc   20(8,%r6),buf
        br    %r14

iohdl:  br    %r5

        .align 8
waitio: .long 0x80020000, 0x00000000    # BC, channel 0 mask, wait
success: .long 0x00020000, 0x00000000
aas:    .long 0xAAAAAAAA, 0xAAAAAAAA
card:   .byte 0xD7,0xE4,0xD5,0xC3,0xC8,0xC5,0xC4,0x40,0xC3,0xC1,0xD9,0xC4 # PUNCHED CARD
        .fill 100, 1, 0x40
line:   .byte 0xC8,0xC5,0xD3,0xD3,0xD6  # HELLO
        .fill 140, 1, 0x40
        .align 4
caw_rd80:    .long p_rd80
caw_rd40:    .long p_rd40
caw_rd80sli: .long p_rd80sli
caw_sense4:  .long p_sense4
caw_sense1:  .long p_sense1
caw_sid:     .long p_sid
caw_wr80:    .long p_wr80
caw_wr40:    .long p_wr40
caw_wr100:   .long p_wr100
caw_wr100sli: .long p_wr100sli
caw_nop:     .long p_nop
caw_feed:    .long p_feed
caw_p1:      .long p_p1
caw_p2:      .long p_p2
caw_p3:      .long p_p3
caw_p4:      .long p_p4
caw_p5:      .long p_p5
        .align 8
p_rd80:   .long 0x02000000 + buf, 0x00000050
p_rd40:   .long 0x02000000 + buf, 0x00000028
p_rd80sli: .long 0x02000000 + buf, 0x20000050
p_sense4: .long 0x04000000 + buf, 0x00000004
p_sense1: .long 0x04000000 + buf, 0x00000001
p_sid:    .long 0xE4000000 + buf, 0x20000008
p_wr80:   .long 0x01000000 + card, 0x00000050
p_wr40:   .long 0x01000000 + card, 0x00000028
p_wr100:  .long 0x01000000 + card, 0x00000064
p_wr100sli: .long 0x01000000 + card, 0x20000064
p_nop:    .long 0x03000000, 0x00000001
p_feed:   .long 0x23000000, 0x00000001
p_p1:     .long 0x09000000 + line, 0x00000005
p_p2:     .long 0x09000000 + line, 0x0000008C
p_p3:     .long 0x8B000000, 0x40000001      # skip to channel 1
          .long 0xDB000000, 0x40000001      # skip to channel 11 (line 55)
          .long 0x1B000000, 0x40000001      # space 3 (line 58)
          .long 0x1B000000, 0x00000001      # space 3 (line 61: channel 12)
p_p4:     .long 0x0B000000, 0x00000001
p_p5:     .long 0xCB000000, 0x40000001      # skip to channel 9 (line 63)
          .long 0x09000000 + line, 0x00000005
        .align 8
buf:    .fill 256, 1, 0
