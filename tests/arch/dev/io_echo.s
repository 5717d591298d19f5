# expect: PSW=00020000 80000000
# device: 0009 3215-C
# io_echo.s — a Read (X'0A') on the integrated console at 009 that waits for
# the operator's "/text" line while the CPU is in an enabled wait, then a
# Write (X'09') of what was read: the line comes back on the console.
# tests/cli/io_console.sh types the line.  A failing check ends in a
# disabled wait with IA X'F0n'.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, masks off

        .org  0x200
start:  mvc   0x48(4),cawr
        la    %r5,gotread
        .long 0x9C000009                # SIO 009: read
        bc    7,fail1
        lpsw  waitio
gotread: clc  0x44(2),cede              # CE DE, no incorrect length (SLI)
        bc    7,fail2
        lh    %r2,count                 # bytes read = 80 - residual
        sh    %r2,0x46
        sth   %r2,ccww+6
        mvc   0x48(4),caww
        la    %r5,gotwrite
        .long 0x9C000009                # SIO 009: write it back
        bc    7,fail3
        lpsw  waitio
gotwrite: clc 0x44(2),cede
        bc    7,fail4
        lpsw  success

iohdl:  br    %r5
fail1:  lpsw  f1
fail2:  lpsw  f2
fail3:  lpsw  f3
fail4:  lpsw  f4

        .align 8
waitio: .long 0x80020000, 0x00000000    # BC, channel 0 mask, wait
success: .long 0x00020000, 0x00000000
f1:     .long 0x00020000, 0x00000F01
f2:     .long 0x00020000, 0x00000F02
f3:     .long 0x00020000, 0x00000F03
f4:     .long 0x00020000, 0x00000F04
cawr:   .long ccwr
caww:   .long ccww
cede:   .short 0x0C00
count:  .short 80
        .align 8
ccwr:   .long 0x0A000000 + buf, 0x20000050    # read, SLI, 80
ccww:   .long 0x09000000 + buf, 0x00000000    # write, count set above
buf:    .space 80
