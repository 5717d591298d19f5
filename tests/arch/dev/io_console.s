# expect: PSW=00020000 80000000
# device: 0009 3215-C
# io_console.s — the integrated console through channel programs: START I/O of a
# Write (X'09') of "HELLO FROM S370" to device 009, an enabled wait for the I/O
# interruption, its CSW (CE+DE, CCW address + 8, count 0) and interruption code;
# then a command-chained Write, Write, No-operation with one interruption at the
# end, and TEST I/O finding the device available.  GA22-7000 chapter 13.
#
# Needs a 3215-C (or 1052-C) at 009, so it lives outside tests/arch's glob:
# tests/cli/io_console.sh runs it on s370 and, when installed, on Hercules 3.13.
# A failing check loads a disabled wait with IA X'F0n' (n = check number);
# an unexpected program interruption one with IA X'DEA'.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC, key 0, IA X'200'
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, all masks off

        .org  0x200
start:  mvc   0x48(4),caw1              # CAW: key 0, first program
        .long 0x9C000009                # SIO X'009' (not in GNU as)
        bc    7,fail1                   # CC 0: started
        lpsw  waitio                    # enabled wait, channel 0 mask on
back1:  clc   0x3A(2),devaddr           # interruption code: the device address
        bc    7,fail2
        clc   0x40(8),csw1              # key 0, CCW1+8, CE DE, count 0
        bc    7,fail3

        mvc   0x48(4),caw2              # chained: write, write, NOP
        la    %r5,back2
        .long 0x9C000009                # SIO X'009' (not in GNU as)
        bc    7,fail4
        lpsw  waitio
back2:  clc   0x40(8),csw2              # one interruption, at the NOP
        bc    7,fail5
        .long 0x9D000009                # TIO X'009'
        bc    7,fail6                   # CC 0: available, nothing pending
        lpsw  success

# I/O interruption: continue where the program waits (R5, or back1).
iohdl:  ltr   %r5,%r5
        bcr   7,%r5
        b     back1

fail1:  lpsw  f1
fail2:  lpsw  f2
fail3:  lpsw  f3
fail4:  lpsw  f4
fail5:  lpsw  f5
fail6:  lpsw  f6

        .align 8
waitio: .long 0x80020000, 0x00000000    # BC, channel 0 mask, wait
success: .long 0x00020000, 0x00000000   # disabled wait, IA 0 = success
f1:     .long 0x00020000, 0x00000F01
f2:     .long 0x00020000, 0x00000F02
f3:     .long 0x00020000, 0x00000F03
f4:     .long 0x00020000, 0x00000F04
f5:     .long 0x00020000, 0x00000F05
f6:     .long 0x00020000, 0x00000F06
caw1:   .long ccw1
caw2:   .long ccw2
devaddr: .short 0x0009
        .align 8
csw1:   .long ccw1+8
        .short 0x0C00, 0x0000
csw2:   .long ccw2+24
        .short 0x0C00, 0x0001
ccw1:   .long 0x09000000 + hello        # write, automatic carrier return
        .short 0x0000, hellolen         # flags 0, count
ccw2:   .long 0x09000000 + line2
        .short 0x4000, line2len         # command chaining
        .long 0x09000000 + line3
        .short 0x4000, line3len
        .long 0x03000000
        .short 0x0000, 1                # no operation
# EBCDIC text
hello:  .byte 0xC8,0xC5,0xD3,0xD3,0xD6,0x40,0xC6,0xD9,0xD6,0xD4,0x40,0xE2,0xF3,0xF7,0xF0
        .set  hellolen, . - hello       # HELLO FROM S370
line2:  .byte 0xC3,0xC8,0xC1,0xC9,0xD5,0xC5,0xC4,0x40,0xF1
        .set  line2len, . - line2       # CHAINED 1
line3:  .byte 0xC3,0xC8,0xC1,0xC9,0xD5,0xC5,0xC4,0x40,0xF2
        .set  line3len, . - line3       # CHAINED 2
