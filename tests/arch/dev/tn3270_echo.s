# expect: PSW=00020000 80000000
# device: 00C0.2 3270 (displays reached by TN3270 clients on CNSLPORT)
# tn3270_echo.s — a program for two local 3270 displays, 00C0 and 00C1,
# each with its own operator: on each, Erase/Write a screen with a title, a
# "YOU TYPED:" line and one input field; on an attention (the operator
# pressed Enter, a PF or PA key, Clear) Read Modified from that display and
# Erase/Write its screen again with the field's text in capitals after "YOU
# TYPED:".  PF3 on either display ends the program in a disabled wait with
# IA 0.  GA22-7000 chapter 13; the data stream per GA23-0059 (WCC, SBA, SF,
# IC).
#
# Screen (24 x 80): row 1 " S370 TN3270 ECHO", row 3 " YOU TYPED: text",
# row 5 " INPUT: " and an unprotected field of 32 columns (328-359).
#
# The program keeps two flags per display: "draw" (set at the start and by a
# device end alone: a client connected, the display became ready) and
# "attention".  Every I/O interruption sets the flags of the display that
# the I/O old PSW names (BC mode: bits 16-31, the device address), also
# while a channel program on the other display is waiting for its channel
# end, so nothing is lost.  A display that is not ready (unit check: no
# client) is left alone until its device end.
#
# tests/cli/tn3270.sh runs it with s3270.
# An unexpected program interruption loads a disabled wait with IA X'DEA'.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC, key 0, IA X'200'
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, all masks off

        .org  0x200
start:  la    %r6,main                  # where a failed channel program sends us
main:   la    %r12,0                    # display index: 0 = 00C0, 1 = 00C1
mloop:  la    %r11,0xC0(%r12)           # its device address
        la    %r1,draw(%r12)
        cli   0(%r1),0
        bc    8,noredr
        mvi   0(%r1),0                  # draw: the first screen
        la    %r1,attn(%r12)
        mvi   0(%r1),0
        mvc   0x48(4),cawi
        bal   %r7,doio
        b     main
noredr: la    %r1,attn(%r12)
        cli   0(%r1),0
        bc    8,nxtdev
        mvi   0(%r1),0
        b     echo
nxtdev: la    %r12,1(%r12)
        la    %r9,2
        cr    %r12,%r9
        bc    4,mloop
        clc   draw(4),zeros             # anything noted meanwhile?
        bc    7,main
        la    %r5,gotmain               # wait for the next interruption
        lpsw  waitio
gotmain: bal  %r8,note
        b     main

# Attention on display R11: Read Modified, echo the field in capitals.
echo:   mvc   0x48(4),cawr
        bal   %r7,doio
        la    %r3,256
        sh    %r3,0x46                  # length = 256 - residual count
        cli   buf,0xF3                  # PF3: the end
        bc    8,done
        # the field's text: AID, cursor (2), SBA (3), then the text
        la    %r9,6
        sr    %r3,%r9
        bc    12,empty                  # nothing typed (or a short read)
        cli   buf+3,0x11
        bc    7,empty
        la    %r4,buf+6
        lr    %r9,%r3
up1:    cli   0(%r4),0x81               # a-i, j-r, s-z -> capitals
        bc    4,next
        cli   0(%r4),0x89
        bc    12,cap
        cli   0(%r4),0x91
        bc    4,next
        cli   0(%r4),0x99
        bc    12,cap
        cli   0(%r4),0xA2
        bc    4,next
        cli   0(%r4),0xA9
        bc    2,next
cap:    oi    0(%r4),0x40
next:   la    %r4,1(%r4)
        bct   %r9,up1
        la    %r4,buf+6
        b     write
empty:  la    %r4,blank                 # one blank: a CCW count is never 0
        la    %r3,1
write:  stcm  %r4,7,ccwt+1              # the text's address and length
        sth   %r3,ccwt+6
        mvc   0x48(4),cawe
        bal   %r7,doio
        b     main
done:   lpsw  success

# Run the channel program at the CAW on display R11 and wait for its channel
# end.  Return by R7 when it ended without unit check; otherwise go to R6.
doio:   .long 0x9C00B000                # SIO 0(R11) (not in GNU as)
        bc    8,wait
        bc    2,doio                    # CC 2: busy, try again
        bc    1,fail                    # CC 3: not operational
        lr    %r9,%r11                  # CC 1: the CSW is the device's status:
        bal   %r8,noted                 # note it as if interrupted
        tm    0x44,0x02                 # unit check: not ready
        bc    1,fail
        b     doio                      # other status cleared: start again
wait:   la    %r5,gotint
        lpsw  waitio                    # enabled wait, channel 0 mask on
gotint: bal   %r8,note                  # the flags of whichever display
        ch    %r11,0x3A                 # ours?
        bc    7,wait
        tm    0x44,0x02                 # unit check: not ready
        bc    1,fail
        tm    0x44,0x08                 # channel end: our program is over
        bc    8,wait                    # only device end or attention: wait on
        br    %r7
fail:   br    %r6

# Note an interruption's status in the flags of its display (device address
# at 0x3A, the status at 0x44); noted: the device address is in R9 already
# (a CSW stored by SIO).  Return by R8.
note:   lh    %r9,0x3A
noted:  la    %r10,0xC0
        sr    %r9,%r10                  # index = device - X'C0'
        la    %r10,1
        clr   %r9,%r10
        bc    2,note9                   # not one of ours
        tm    0x44,0x80                 # attention
        bc    8,note3
        la    %r1,attn(%r9)
        mvi   0(%r1),1
note3:  tm    0x44,0x04                 # device end without channel end:
        bc    8,note9                   # the display became ready
        tm    0x44,0x08
        bc    1,note9
        la    %r1,draw(%r9)             # became ready: draw its screen
        mvi   0(%r1),1
note9:  br    %r8

# I/O interruption: continue at R5 (disabled, the CSW at 64).
iohdl:  br    %r5

        .align 8
waitio: .long 0x80020000, 0x00000000    # BC, channel 0 mask, wait
success: .long 0x00020000, 0x00000000   # disabled wait, IA 0 = success
pause:  .long 0x00400000                # about 4M branches between tries
cawi:   .long ccwi
cawr:   .long ccwr
cawe:   .long ccwe
        .align 8
ccwi:   .long 0x05000000 + scra         # Erase/Write: head, data chained to
        .short 0x8000, scralen
        .long 0x00000000 + scrc         # the input line
        .short 0x0000, scrclen
ccwr:   .long 0x06000000 + buf          # Read Modified, SLI
        .short 0x2000, 256
ccwe:   .long 0x05000000 + scra         # Erase/Write: head,
        .short 0x8000, scralen
ccwt:   .long 0x00000000                # the text (address, count set above),
        .short 0x8000, 0
        .long 0x00000000 + scrc         # the input line
        .short 0x0000, scrclen
scra:   .byte 0xC3                      # WCC: restore keyboard, reset MDT
        .byte 0x11,0x40,0x40, 0x1D,0x60 # SBA 0, SF protected
        .byte 0xE2,0xF3,0xF7,0xF0,0x40,0xE3,0xD5,0xF3,0xF2,0xF7,0xF0,0x40,0xC5,0xC3,0xC8,0xD6
        .byte 0x11,0xC2,0x60, 0x1D,0x60 # SBA 160 (row 3), SF protected
        .byte 0xE8,0xD6,0xE4,0x40,0xE3,0xE8,0xD7,0xC5,0xC4,0x7A,0x40   # YOU TYPED:
        .set  scralen, . - scra
scrc:   .byte 0x11,0xC5,0x40, 0x1D,0x60 # SBA 320 (row 5), SF protected
        .byte 0xC9,0xD5,0xD7,0xE4,0xE3,0x7A                            # INPUT:
        .byte 0x1D,0x40, 0x13           # SF unprotected (327), IC: 328
        .byte 0x11,0xC5,0xE8, 0x1D,0x60 # SBA 360, SF protected: the field ends
        .set  scrclen, . - scrc
blank:  .byte 0x40
draw:   .byte 1,1                       # draw the first screen on both
attn:   .byte 0,0
zeros:  .long 0
buf:    .space 256
