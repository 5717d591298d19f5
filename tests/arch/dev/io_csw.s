# expect: PSW=00020000 80000000
# device: 0009 3215-C
# io_csw.s — condition codes and CSWs of channel programs on the integrated
# console at 009, stored as a table so that two machines can be compared
# (tests/cli/io_console.sh runs it on s370 and Hercules 3.13 and diffs the
# table at X'C00').  GA22-7000 chapter 13.  Each case gets 32 bytes:
#   +0 SIO CC   +1 TIO CC after it   +2 I/O interruption code (2 bytes)
#   +4 CSW after SIO (or of its interruption)   +12 CSW stored by the TIO
#   +20 first 8 bytes of the data buffer        +28 unused
# Before each case the CSW at 64 is set to X'AA's, so a CSW stored only in
# part (status portion) shows.  A case that got CC 0 waits for its I/O
# interruption (channel 0 enabled) before the TIO.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, masks off

        .macro CASE n, cawaddr
        la    %r6,0xC00+32*\n
        la    %r7,\cawaddr
        bal   %r14,dosio
        .endm

        .org  0x200
start:  CASE  0, caw_nop
        CASE  1, caw_rej
        CASE  2, caw_sense
        CASE  3, caw_sid
        CASE  4, caw_cnt0
        CASE  5, caw_bits
        CASE  6, caw_odd
        CASE  7, caw_tic1
        CASE  8, caw_tictic
        CASE  9, caw_cd0
        CASE  10, caw_badaddr
        CASE  11, caw_ida
        CASE  12, caw_flags
        CASE  13, caw_inv
        CASE  14, caw_skip
        CASE  15, caw_long
        CASE  16, caw_wr
        # Other instructions, results at X'E40'
        la    %r6,0xE40
        .long 0x9F000000                # TCH channel 0
        bal   %r14,savecc
        .long 0x9F000500                # TCH channel 5
        bal   %r14,savecc
        .long 0x9D00000A                # TIO 00A: no device
        bal   %r14,savecc
        .long 0x9C00000A                # SIO 00A
        bal   %r14,savecc
        mvc   0x40(8),aas
        .long 0x9E000009                # HIO 009, idle
        bal   %r14,savecc
        mvc   0(8,%r6),0x40
        la    %r6,8(%r6)
        .long 0xB2030000                # STIDC channel 0
        bal   %r14,savecc
        mvc   0(4,%r6),0xA8
        lpsw  success

savecc: bc    8,s0
        bc    4,s1
        bc    2,s2
        mvi   0(%r6),3
        b     sx
s2:     mvi   0(%r6),2
        b     sx
s1:     mvi   0(%r6),1
        b     sx
s0:     mvi   0(%r6),0
sx:     la    %r6,1(%r6)
        br    %r14

# SIO with the CAW at 0(R7), results at 0(R6).
dosio:  mvc   0x48(4),0(%r7)
        mvc   0x40(8),aas
        xc    buf(8),buf
        mvi   0(%r6),0xEE
        mvi   1(%r6),0xEE
        .long 0x9C000009                # SIO 009
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
        .long 0x9D000009                # TIO 009
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
buf:    .long 0, 0, 0, 0
hello:  .byte 0xC8,0xC5,0xD3,0xD3,0xD6  # HELLO
        .align 4
idaws:  .long hello
caw_nop:   .long p_nop
caw_rej:   .long p_rej
caw_sense: .long p_sense
caw_sid:   .long p_sid
caw_cnt0:  .long p_cnt0
caw_bits:  .long 0x01000000 + p_nop
caw_odd:   .long p_nop + 4
caw_tic1:  .long p_tic1
caw_tictic: .long p_tictic
caw_cd0:   .long p_cd0
caw_badaddr: .long p_badaddr
caw_ida:   .long p_ida
caw_flags: .long p_flags
caw_inv:   .long p_inv
caw_skip:  .long p_skip
caw_long:  .long p_long
caw_wr:    .long p_wr
        .align 8
p_nop:  .long 0x03000000, 0x00000001
p_rej:  .long 0x07000000 + buf, 0x00000001
p_sense: .long 0x04000000 + buf, 0x00000001
p_sid:  .long 0xE4000000 + buf, 0x20000008
p_cnt0: .long 0x09000000 + hello, 0x00000000
p_tic1: .long 0x08000000 + p_nop, 0x00000000
p_tictic: .long 0x03000000, 0x40000001
        .long 0x08000000 + p_tic1, 0x00000000
p_cd0:  .long 0x09000000 + hello, 0x80000005
        .long 0x09000000 + hello, 0x00000000
p_badaddr: .long 0x09300000, 0x00000005
p_ida:  .long 0x09000000 + idaws, 0x04000005
p_flags: .long 0x09000000 + hello, 0x02000005
p_inv:  .long 0x03000000, 0x40000001
        .long 0x00000000 + hello, 0x00000005
p_skip: .long 0x09000000 + hello, 0x10000005
p_long: .long 0x09000000 + hello, 0x00000003
p_wr:   .long 0x09000000 + hello, 0x40000005
        .long 0x0B000000, 0x00000001
