# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_long.s — MVCL and CLCL: padding, CC, register updates, destructive overlap,
# zero lengths, specification exceptions, per GA22-7000 chapter 7.
        .set FILEID, 0x08
        .include "insn_head.inc"
        .org 0x200
# ---- MVCL -------------------------------------------------------------
        la   %r2,buf                    # R1: destination, length 8
        la   %r3,8
        la   %r4,src                    # R2: source, length 3, pad X'40'
        l    %r5,pad3
        mvcl %r2,%r4
        CKCC 2                          # first operand longer
        CKM  buf,9, 0xC1,0xC2,0xC3,0x40,0x40,0x40,0x40,0x40,0x00
        CKR  %r2,buf+8
        CKR  %r3,0
        CKR  %r4,src+3
        CKR  %r5,0x40000000             # pad kept, length 0
        la   %r2,buf
        la   %r3,4
        la   %r4,src
        la   %r5,6
        mvcl %r2,%r4
        CKCC 1                          # first operand shorter
        CKM  buf,5, 0xC1,0xC2,0xC3,0xC4,0x40
        CKR  %r2,buf+4
        CKR  %r3,0
        CKR  %r4,src+4
        CKR  %r5,2
        la   %r2,buf
        la   %r3,8
        la   %r4,src
        la   %r5,8
        mvcl %r2,%r4
        CKCC 0
        CKM  buf,8, 0xC1,0xC2,0xC3,0xC4,0xC5,0xC6,0xC7,0xC8
        # zero lengths: no movement
        la   %r2,buf
        sr   %r3,%r3
        la   %r4,src
        la   %r5,5
        mvcl %r2,%r4
        CKCC 1
        CKR  %r2,buf
        CKR  %r4,src
        CKR  %r5,5
        sr   %r5,%r5
        mvcl %r2,%r4
        CKCC 0
        # clear 1024 bytes with the pad (source length 0)
        la   %r2,big
        l    %r3,l1024
        sr   %r4,%r4
        l    %r5,padee
        mvcl %r2,%r4
        CKCC 2
        CKR  %r2,big+1024
        CKR  %r3,0
        CKM  big,2, 0xEE,0xEE
        CKM  big+1022,3, 0xEE,0xEE,0x00
        # move the cleared block 1 byte right is destructive overlap: CC 3,
        # nothing moved, registers unchanged
        la   %r2,big+1
        l    %r3,l1024
        la   %r4,big
        l    %r5,l1024
        mvcl %r2,%r4
        CKCC 3
        CKR  %r2,big+1
        CKR  %r3,1024
        CKR  %r4,big
        CKR  %r5,1024
        CKM  big+1024,1, 0x00
        # overlap to the left is not destructive
        mvc  buf(8),src
        la   %r2,buf
        la   %r3,6
        la   %r4,buf+2
        la   %r5,6
        mvcl %r2,%r4
        CKCC 0
        CKM  buf,8, 0xC3,0xC4,0xC5,0xC6,0xC7,0xC8,0xC7,0xC8
        # operand 1 starting right of operand 2 but beyond the bytes moved
        mvc  buf(8),src
        la   %r2,buf+4
        la   %r3,4
        la   %r4,buf
        la   %r5,4
        mvcl %r2,%r4
        CKCC 0
        CKM  buf,8, 0xC1,0xC2,0xC3,0xC4,0xC1,0xC2,0xC3,0xC4
        # 5 bytes moved from buf to buf+4: byte buf+4 is used as source
        # after it was stored into: destructive
        mvc  buf(8),src
        la   %r2,buf+4
        la   %r3,5
        la   %r4,buf
        la   %r5,5
        mvcl %r2,%r4
        CKCC 3
        # bits 0-7 of the address registers are ignored
        l    %r2,hibuf                  # X'FF' << 24 | buf
        la   %r3,2
        l    %r4,hisrc
        la   %r5,2
        mvcl %r2,%r4
        CKCC 0
        CKM  buf,2, 0xC1,0xC2
        la   %r6,buf+2                  # only bits 8-31 checked here
        clm  %r6,7,ahi2+1
        clm  %r2,7,ahi2+1
        FAILIF 7
        ARM
        .insn rr,0x0e00,%r3,%r4         # odd R1
        CKPGM 6
        ARM
        .insn rr,0x0e00,%r2,%r5         # odd R2
        CKPGM 6

# ---- CLCL -------------------------------------------------------------
        la   %r2,abcd
        la   %r3,4
        la   %r4,abcd
        l    %r5,padd3                  # "ABC" padded with "D"
        clcl %r2,%r4
        CKCC 0
        CKR  %r2,abcd+4
        CKR  %r3,0
        CKR  %r4,abcd+3
        CKR  %r5,0xC4000000
        la   %r2,abce
        la   %r3,4
        la   %r4,abcd
        l    %r5,padd3
        clcl %r2,%r4
        CKCC 2                          # E > pad D
        CKR  %r2,abce+3
        CKR  %r3,1
        CKR  %r4,abcd+3
        CKR  %r5,0xC4000000
        la   %r2,abxd
        la   %r3,4
        la   %r4,abcd
        la   %r5,4
        clcl %r2,%r4
        CKCC 2
        CKR  %r2,abxd+2
        CKR  %r3,2
        CKR  %r4,abcd+2
        CKR  %r5,2
        clcl %r4,%r2                    # reversed, from the unequal byte
        CKCC 1
        CKR  %r2,abxd+2
        CKR  %r4,abcd+2
        la   %r2,abcd
        la   %r3,2
        la   %r4,abcd
        l    %r5,pada4                  # "ABCD" vs "AB" padded with "A"
        clcl %r2,%r4
        CKCC 1                          # pad A < C: op1 (pad side) low
        CKR  %r2,abcd+2
        CKR  %r3,0
        CKR  %r4,abcd+2
        CKR  %r5,0xC1000002
        sr   %r3,%r3
        sr   %r5,%r5
        clcl %r2,%r4                    # both lengths zero
        CKCC 0
        la   %r2,big                    # 1024 x EE vs pad EE
        l    %r3,l1024
        sr   %r4,%r4
        l    %r5,padee
        clcl %r2,%r4
        CKCC 0
        CKR  %r3,0
        ARM
        .insn rr,0x0f00,%r1,%r4         # odd R1
        CKPGM 6
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6

        .text 2
        .align 8
pad3:   .long 0x40000003
padee:  .long 0xEE000000
padd3:  .long 0xC4000003
pada4:  .long 0xC1000004
l1024:  .long 1024
hibuf:  .long 0xFF000000+buf
hisrc:  .long 0x80000000+src
ahi2:   .long buf+2
src:    .byte 0xC1,0xC2,0xC3,0xC4,0xC5,0xC6,0xC7,0xC8
abcd:   .byte 0xC1,0xC2,0xC3,0xC4
abce:   .byte 0xC1,0xC2,0xC3,0xC5
abxd:   .byte 0xC1,0xC2,0xE7,0xC4
        .align 8
buf:    .fill 16,1,0
big:    .fill 1032,1,0
        .include "insn_tail.inc"
