# s37x: on
# expect: PSW=00020000 80000000
# diff: skip
# diff-range: 0-FFF
# insn_s37x.s — the S/370 instruction extension (DESIGN.md rule 3): every S37X row of
# s370/optab.c: LHI AHI MHI CHI MS MSR TMH TML BRC BRCL BRAS BRASL BRCT BRXH BRXLE LARL
# MLR DLR ALCR SLBR IPM MVST CLST SRST, as ESA/390 defines them for the 24-bit mode.
# Hercules 3.13 (Debian) has no S37X module (ldmod s37x fails), so no differential
# test; the expected values were checked by running this program on Hercules in
# ESA/390 mode with the PSWs changed to ESA/390 format (EC bit on).
        .set FILEID, 0x0B
        .include "insn_head.inc"
        .org 0x200
# ---- LHI AHI MHI CHI --------------------------------------------------
        l    %r4,ones
        lhi  %r4,-2                     # sign-extended
        CKR  %r4,0xFFFFFFFE
        lhi  %r4,0x7FFF
        CKR  %r4,0x00007FFF
        ahi  %r4,1
        CKCC 2
        CKR  %r4,0x8000
        ahi  %r4,-0x8000
        CKCC 0
        ahi  %r4,-1
        CKCC 1
        CKR  %r4,-1
        l    %r4,maxp
        ahi  %r4,1                      # overflow, mask off
        CKCC 3
        CKR  %r4,0x80000000
        lhi  %r4,300
        mhi  %r4,-300
        CKR  %r4,-90000
        l    %r4,w10000
        mhi  %r4,0x7FFF                 # low 32 bits of the product
        CKR  %r4,0x7FFF0000
        lhi  %r4,5
        chi  %r4,5
        CKCC 0
        chi  %r4,-5
        CKCC 2
        chi  %r4,6
        CKCC 1
        l    %r4,maxn
        chi  %r4,-1
        CKCC 1

# ---- MSR MS -----------------------------------------------------------
        lhi  %r4,-7
        lhi  %r5,6
        ltr  %r6,%r5                    # CC 2 stays
        msr  %r4,%r5
        CKCC 2
        CKR  %r4,-42
        l    %r4,w10000
        msr  %r4,%r4                    # 2**32: low 32 bits zero
        CKR  %r4,0
        l    %r4,w12345
        ms   %r4,w12345                 # 0x12345 ** 2 = 0x14B65F099 -> low 32
        CKR  %r4,0x4B65F099
        lhi  %r4,-1
        ms   %r4,maxn
        CKR  %r4,0x80000000

# ---- TMH TML ----------------------------------------------------------
        l    %r4,tmval                  # A5F0 0F0F
        tmh  %r4,0x0000
        CKCC 0
        tmh  %r4,0xA500
        CKCC 3
        tmh  %r4,0x5A0F
        CKCC 0
        tmh  %r4,0x8001                 # bit 0 one, bit 15 zero: mixed, leftmost 1
        CKCC 2
        tmh  %r4,0x4100                 # bit 1 zero, bit 7 one: mixed, leftmost 0
        CKCC 1
        tml  %r4,0x0F0F
        CKCC 3
        tml  %r4,0xF0F0
        CKCC 0
        tml  %r4,0x1800                 # 0 then 1: leftmost selected zero
        CKCC 1
        tml  %r4,0x0801                 # 1 then ... bit 31 is 1: all ones
        CKCC 3
        tml  %r4,0x0810                 # 1 then 0: leftmost selected one
        CKCC 2

# ---- BRC BRCL BRAS BRASL BRCT -----------------------------------------
        lhi  %r4,1
        ltr  %r4,%r4                    # CC 2
        brc  8,1f                       # not taken
        brc  2,2f                       # taken forward
1:      FAILIF 15
2:      brc  15,4f
3:      FAILIF 15                       # (backward target, reached below)
        brc  15,5f
4:      brc  15,3b+12                   # backward branch past the FAILIF
5:      brcl 13,6f                      # CC 2: not taken
        brcl 2,7f
6:      FAILIF 15
7:      bras %r3,8f
ret1:   FAILIF 15
8:      CKR  %r3,ret1                   # 24-bit link, bits 0-7 zero
        brasl %r3,9f
ret2:   FAILIF 15
9:      CKR  %r3,ret2
        lhi  %r5,3
        lhi  %r6,0
10:     ahi  %r6,1
        brct %r5,10b
        CKR  %r6,3
        CKR  %r5,0
        lhi  %r5,0
        brct %r5,11f                    # 0 - 1 = -1: taken
        FAILIF 15
11:     CKR  %r5,-1

# ---- BRXH BRXLE -------------------------------------------------------
        lhi  %r2,0                      # index
        lhi  %r4,4                      # increment
        lhi  %r5,12                     # limit
        lhi  %r6,0
12:     ahi  %r6,1
        brxle %r2,%r4,12b
        CKR  %r6,4
        CKR  %r2,16
        lhi  %r2,12
        lhi  %r4,-4
        lhi  %r5,0
        lhi  %r6,0
13:     ahi  %r6,1
        brxh %r2,%r4,13b
        CKR  %r6,3
        CKR  %r2,0
        lhi  %r2,1
        lhi  %r5,3                      # odd R3: increment = comparand
        brxh %r2,%r5,14f
        FAILIF 15
14:     CKR  %r2,4

# ---- LARL -------------------------------------------------------------
        larl %r4,larlt
        CKR  %r4,larlt
        larl %r4,.                      # its own address
15:     CKR  %r4,15b-6

# ---- relative instructions as the target of EX ----------------------------
# The branch or LARL address is relative to the target instruction, the
# BRAS link address is the instruction after the EX (ESA/390 EXECUTE).
        ex   %r0,brctmpl                # BRC 15 -> xtgt1 -> back to 17
        FAILIF 15
17:     ex   %r0,larltmpl
        CKR  %r4,larlt
        lhi  %r3,0
        ex   %r0,brastmpl               # BRAS %r3 -> xtgt2 -> back to 18
18:     CKR  %r3,18b
        lhi  %r5,0x30                   # R1 field: LHI %r3
        ex   %r5,lhitmpl
        CKR  %r3,-7

# ---- MLR DLR ----------------------------------------------------------
        l    %r3,ones
        l    %r5,ones
        mlr  %r2,%r5                    # unsigned: FFFFFFFE 00000001
        CKR  %r2,0xFFFFFFFE
        CKR  %r3,0x00000001
        lhi  %r3,-1
        lhi  %r5,2
        mlr  %r2,%r5
        CKR  %r2,1
        CKR  %r3,0xFFFFFFFE
        lhi  %r2,1                      # 1 FFFFFFFE / 3 (unsigned)
        lhi  %r5,3
        dlr  %r2,%r5                    # 0x1FFFFFFFE / 3 = 0xAAAAAAAA r 0
        CKR  %r2,0
        CKR  %r3,0xAAAAAAAA
        lhi  %r2,0
        lhi  %r3,100
        lhi  %r5,7
        dlr  %r2,%r5
        CKR  %r2,2
        CKR  %r3,14
        lhi  %r2,1
        lhi  %r3,0
        lhi  %r5,1
        ARM
        dlr  %r2,%r5                    # quotient 2**32: too large
        CKPGM 9
        lhi  %r5,0
        ARM
        dlr  %r2,%r5                    # divide by zero
16:     CKPGM 9
        CKOLD 2, 16b
        ARM
        .insn rre,0xb9960000,%r3,%r5    # MLR with odd R1
        CKPGM 6

# ---- ALCR SLBR --------------------------------------------------------
        lhi  %r4,1
        alr  %r4,%r4                    # CC 1: no carry
        lhi  %r4,5
        lhi  %r5,6
        alcr %r4,%r5                    # 5 + 6 + 0
        CKCC 1
        CKR  %r4,11
        l    %r6,ones
        alr  %r6,%r6                    # carry: CC 3
        lhi  %r4,5
        alcr %r4,%r5                    # 5 + 6 + 1
        CKCC 1
        CKR  %r4,12
        l    %r4,ones
        lhi  %r5,0
        l    %r6,ones
        alr  %r6,%r6                    # carry
        alcr %r4,%r5                    # FFFFFFFF + 0 + 1 = 0, carry
        CKCC 2
        CKR  %r4,0
        lhi  %r4,0
        l    %r6,ones
        lhi  %r7,1
        alr  %r6,%r7                    # zero with carry: CC 2
        alcr %r4,%r5                    # 0 + 0 + 1 (carry from CC 2)
        CKCC 1
        CKR  %r4,1
        # SLBR: borrow is "CC 0 or 1" of the previous logical operation
        lhi  %r4,3
        slr  %r4,%r4                    # CC 2: no borrow
        lhi  %r4,10
        lhi  %r5,3
        slbr %r4,%r5                    # 10 - 3 - 0
        CKCC 3
        CKR  %r4,7
        lhi  %r6,1
        lhi  %r7,2
        slr  %r6,%r7                    # CC 1: borrow
        slbr %r4,%r5                    # 7 - 3 - 1
        CKCC 3
        CKR  %r4,3
        lhi  %r4,3
        slr  %r6,%r7                    # (r6 = -1 - 2): CC 3, no borrow
        slbr %r4,%r5                    # 3 - 3 - 0 = 0
        CKCC 2
        CKR  %r4,0
        lhi  %r4,3
        lhi  %r6,1
        slr  %r6,%r7                    # CC 1: borrow
        slbr %r4,%r5                    # 3 - 3 - 1 = -1, borrow
        CKCC 1
        CKR  %r4,-1

# ---- IPM --------------------------------------------------------------
        l    %r6,spm2a                  # CC 2, program mask A
        spm  %r6
        l    %r4,ones
        ipm  %r4
        CKR  %r4,0x2AFFFFFF             # bits 0-1 zero
        lhi  %r6,0
        spm  %r6
        lhi  %r4,0
        ipm  %r4                        # CC 0 from... SPM: CC 0
        CKR  %r4,0

# ---- MVST -------------------------------------------------------------
        lhi  %r0,0                      # end character X'00'
        la   %r4,buf
        la   %r5,str1                   # "ABC",0
        mvst %r4,%r5
        CKCC 1
        CKR  %r4,buf+3                  # the end character in operand 1
        CKR  %r5,str1                   # R2 unchanged
        CKM  buf,5, 0xC1,0xC2,0xC3,0x00,0xEE
        lhi  %r0,0xC3                   # end character "C"
        la   %r4,buf+8
        la   %r5,str1
        mvst %r4,%r5
        CKCC 1
        CKR  %r4,buf+10
        CKM  buf+8,4, 0xC1,0xC2,0xC3,0xEE
        l    %r0,badend                 # GR0 bits 0-23 not zero
        ARM
        mvst %r4,%r5
        CKPGM 6

# ---- CLST -------------------------------------------------------------
        lhi  %r0,0
        la   %r4,str1
        la   %r5,str1b                  # equal strings
        clst %r4,%r5
        CKCC 0
        CKR  %r4,str1
        CKR  %r5,str1b
        la   %r4,str1
        la   %r5,str2                   # "ABD": op1 low at offset 2
        clst %r4,%r5
        CKCC 1
        CKR  %r4,str1+2
        CKR  %r5,str2+2
        la   %r4,str2
        la   %r5,str1
        clst %r4,%r5
        CKCC 2
        CKR  %r4,str2+2
        CKR  %r5,str1+2
        la   %r4,str3                   # "AB": ends first, so low
        la   %r5,str1
        clst %r4,%r5
        CKCC 1
        CKR  %r4,str3+2
        CKR  %r5,str1+2
        la   %r4,str1
        la   %r5,str3
        clst %r4,%r5
        CKCC 2

# ---- SRST -------------------------------------------------------------
        lhi  %r0,0xC3                   # search for "C"
        la   %r4,str1+8                 # end of the second operand
        la   %r5,str1
        srst %r4,%r5
        CKCC 1
        CKR  %r4,str1+2                 # address of the character
        CKR  %r5,str1
        lhi  %r0,0xC9                   # "I": not present
        la   %r4,str1+4
        la   %r5,str1
        srst %r4,%r5
        CKCC 2
        CKR  %r4,str1+4
        CKR  %r5,str1
        la   %r4,str1                   # empty operand (end = start)
        srst %r4,%r5
        CKCC 2
        l    %r0,badend
        ARM
        srst %r4,%r5
        CKPGM 6
        lhi  %r0,0
        lhi  %r2,0
        lhi  %r3,0
        lhi  %r4,0
        lhi  %r5,0
        lhi  %r6,0
        lhi  %r7,0

        .text 2
brctmpl: brc 15,xtgt1
xtgt1:  b    17b
larltmpl: larl %r4,larlt
brastmpl: bras %r3,xtgt2
xtgt2:  b    18b
lhitmpl: lhi %r0,-7
        .align 8
ones:   .long 0xFFFFFFFF
maxp:   .long 0x7FFFFFFF
maxn:   .long 0x80000000
w10000: .long 0x00010000
w12345: .long 0x00012345
tmval:  .long 0xA5F00F0F
spm2a:  .long 0x2A000000
badend: .long 0x00000100
larlt:  .long 0
str1:   .byte 0xC1,0xC2,0xC3,0x00,0xC5,0xC6,0xC7,0xC8
str1b:  .byte 0xC1,0xC2,0xC3,0x00
str2:   .byte 0xC1,0xC2,0xC4,0x00
str3:   .byte 0xC1,0xC2,0x00,0x00
buf:    .fill 16,1,0xEE
        .include "insn_tail.inc"
