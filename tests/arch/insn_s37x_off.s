# s37x: off
# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_s37x_off.s — with the S/370 instruction extension off (config S37X OFF), every S37X
# opcode of s370/optab.c is an operation exception, as on a real System/370 (DESIGN.md rule 3).
        .set FILEID, 0x0C
        .include "insn_head.inc"
        .org 0x200
# Each S37X opcode is an operation exception when the extension is off;
# the PSW then points past the instruction (length from the opcode bits).
        sr   %r4,%r4
        ARM
        lhi  %r4,1
1:      CKPGM 1
        CKOLD 2, 1b
        ARM
        ahi  %r4,1
        CKPGM 1
        ARM
        mhi  %r4,1
        CKPGM 1
        ARM
        chi  %r4,1
        CKPGM 1
        ARM
        tmh  %r4,1
        CKPGM 1
        ARM
        tml  %r4,1
        CKPGM 1
        ARM
        brc  15,.+4
        CKPGM 1
        ARM
        bras %r4,.+4
        CKPGM 1
        ARM
        brct %r4,.+4
        CKPGM 1
        ARM
        brxh %r4,%r6,.+4
        CKPGM 1
        ARM
        brxle %r4,%r6,.+4
        CKPGM 1
        ARM
        larl %r4,.
2:      CKPGM 1
        CKOLD 3, 2b                     # 6-byte instruction (opcode bits 11)
        ARM
        brcl 15,.+6
        CKPGM 1
        ARM
        brasl %r4,.+6
        CKPGM 1
        ARM
        ms   %r4,zero
        CKPGM 1
        ARM
        msr  %r4,%r5
        CKPGM 1
        ARM
        mlr  %r4,%r6
        CKPGM 1
        ARM
        dlr  %r4,%r6
        CKPGM 1
        ARM
        alcr %r4,%r5
        CKPGM 1
        ARM
        slbr %r4,%r5
        CKPGM 1
        # (IPM: see insn_herc_dev.s, Hercules 3.13 executes it in S/370 mode)
        ARM
        mvst %r4,%r6
        CKPGM 1
        ARM
        clst %r4,%r6
        CKPGM 1
        ARM
        srst %r4,%r6
        CKPGM 1
        CKR  %r4,0                      # nothing was executed
        # the S/370 members of the same opcode groups still work
        stck clk
        CKCC 0
        xc   clk(8),clk
        stap cpuad
        CKM  cpuad,2, 0,0

        .text 2
        .align 8
zero:   .long 0
clk:    .long 0, 0
cpuad:  .short 0
        .include "insn_tail.inc"
