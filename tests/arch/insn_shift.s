# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_shift.s — shifts: SLL SRL SLA SRA SLDL SRDL SLDA SRDA (amount, CC, overflow,
# specification exception for odd R1), per GA22-7000 chapter 7.
        .set FILEID, 0x04
        .include "insn_head.inc"
        .org 0x200
# ---- SLL SRL: logical single, amount = low 6 bits of the address ------
        l    %r4,w1234
        sll  %r4,4
        CKR  %r4,0x23456780
        la   %r5,0x44                   # 0x44 & 63 = 4
        sll  %r4,0(%r5)
        CKR  %r4,0x34567800
        srl  %r4,8
        CKR  %r4,0x00345678
        srl  %r4,0x7C0+3                # only bits 26-31: 3
        CKR  %r4,0x00068ACF
        srl  %r4,32
        CKR  %r4,0
        l    %r4,w1234
        sll  %r4,63
        CKR  %r4,0
        l    %r4,w1234
        sll  %r4,0
        CKR  %r4,0x12345678
        l    %r4,wneg
        srl  %r4,31                     # logical: zero fill
        CKR  %r4,1

# ---- SRA SLA: arithmetic single, CC -----------------------------------
        l    %r4,wsra
        sra  %r4,4
        CKCC 1
        CKR  %r4,0xF8000001
        sra  %r4,63
        CKCC 1
        CKR  %r4,0xFFFFFFFF
        l    %r4,w1234
        sra  %r4,8
        CKCC 2
        CKR  %r4,0x00123456
        sra  %r4,40
        CKCC 0
        CKR  %r4,0
        la   %r4,1
        sla  %r4,4
        CKCC 2
        CKR  %r4,0x10
        sla  %r4,0
        CKCC 2
        l    %r4,w4000
        sla  %r4,1                      # bit 1 lost: overflow
        CKCC 3
        CKR  %r4,0
        l    %r4,wneg
        sla  %r4,4
        CKCC 1
        CKR  %r4,0xFFFFFFF0
        l    %r4,wc000
        sla  %r4,1
        CKCC 1
        CKR  %r4,0x80000000
        l    %r4,wc000
        sla  %r4,2
        CKCC 3
        CKR  %r4,0x80000000
        l    %r4,w1234
        sla  %r4,40                     # overflow, sign kept
        CKCC 3
        CKR  %r4,0
        sr   %r4,%r4
        sla  %r4,5
        CKCC 0

# ---- SRDL SLDL: logical double ----------------------------------------
        lm   %r2,%r3,dw
        srdl %r2,8
        CKR  %r2,0x00123456
        CKR  %r3,0x789ABCDE
        lm   %r2,%r3,dw
        sldl %r2,4
        CKR  %r2,0x23456789
        CKR  %r3,0xABCDEF00
        lm   %r2,%r3,dw
        sldl %r2,32
        CKR  %r2,0x9ABCDEF0
        CKR  %r3,0
        lm   %r2,%r3,dw
        srdl %r2,36
        CKR  %r2,0
        CKR  %r3,0x01234567
        lm   %r2,%r3,dw
        srdl %r2,0
        CKR  %r2,0x12345678
        CKR  %r3,0x9ABCDEF0

# ---- SRDA SLDA: arithmetic double, CC ---------------------------------
        lm   %r2,%r3,dwneg              # 80000000 00000000
        srda %r2,63
        CKCC 1
        CKR  %r2,-1
        CKR  %r3,-1
        lm   %r2,%r3,dw
        srda %r2,4
        CKCC 2
        CKR  %r2,0x01234567
        CKR  %r3,0x89ABCDEF
        sr   %r2,%r2
        la   %r3,1
        srda %r2,1
        CKCC 0
        CKR  %r3,0
        sr   %r2,%r2
        l    %r3,w4000
        slda %r2,1
        CKCC 2
        CKR  %r2,0
        CKR  %r3,0x80000000
        sr   %r2,%r2
        l    %r3,w4000
        slda %r2,33                     # 2**30 * 2**33 does not fit
        CKCC 3
        CKR  %r2,0
        CKR  %r3,0
        lm   %r2,%r3,dwneg2             # FFFFFFFF 80000000
        slda %r2,32
        CKCC 1
        CKR  %r2,0x80000000
        CKR  %r3,0
        lm   %r2,%r3,dwneg2
        slda %r2,33                     # bit lost differs from sign
        CKCC 3
        CKR  %r2,0x80000000
        CKR  %r3,0
        sr   %r2,%r2
        sr   %r3,%r3
        slda %r2,7
        CKCC 0

# ---- exceptions -------------------------------------------------------
        ARM
        .insn rs,0x8d000000,%r3,%r0,4   # SLDL with odd R1
        CKPGM 6
        ARM
        .insn rs,0x8c000000,%r1,%r0,4   # SRDL with odd R1
        CKPGM 6
        ARM
        .insn rs,0x8e000000,%r5,%r0,4   # SRDA with odd R1
        CKPGM 6
        ARM
        .insn rs,0x8f000000,%r7,%r0,4   # SLDA with odd R1
        CKPGM 6
        l    %r6,spm8                   # fixed-point overflow mask on
        spm  %r6
        l    %r2,w4000
        sr   %r3,%r3
        ARM
        slda %r2,2
        CKCC 3
        CKPGM 8
        CKR  %r2,0
        sr   %r6,%r6
        spm  %r6
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5

        .text 2
        .align 8
dw:     .long 0x12345678, 0x9ABCDEF0
dwneg:  .long 0x80000000, 0
dwneg2: .long 0xFFFFFFFF, 0x80000000
w1234:  .long 0x12345678
wneg:   .long 0xFFFFFFFF
wsra:   .long 0x80000010
w4000:  .long 0x40000000
wc000:  .long 0xC0000000
spm8:   .long 0x08000000
        .include "insn_tail.inc"
