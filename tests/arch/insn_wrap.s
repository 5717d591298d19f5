# expect: PSW=00020000 80000000
# mainsize: 16
# diff-range: 0-FFF
# insn_wrap.s — storage operands that cross X'FFFFFF' wrap to 0 (GA22-7000 chapter 3, "Address
# Arithmetic"): MVC CLC XC ST L STM LM LA MVCL CLCL TR TRT AP ZAP UNPK MVCIN.  Needs 16M.
        .set FILEID, 0x0F
        .include "insn_head.inc"
        .org 0x200
# Operands that cross the top of 24-bit storage wrap to address 0
# (GA22-7000 "Address Arithmetic": addresses are computed modulo 2**24 and
# a storage operand that extends past X'FFFFFF' continues at 0).  Needs 16M
# of storage so that every address is valid.
        .macro CKMR r, d, len, bytes:vararg   # fail unless d(len,r) == bytes
        .text 1
lit\@:  .byte \bytes
        .text 0
        clc  \d(\len,\r),lit\@
        FAILIF 7
        .endm
        l    %r5,top2                   # X'FFFFFE'
        l    %r6,top16                  # X'FFFFF0'

# ---- MVC CLC XC across the wrap -----------------------------------------
        mvc  0(4,%r5),abcd
        CKMR %r5,0,2, 0xC1,0xC2
        CKM  0,2, 0xC3,0xC4
        clc  0(4,%r5),abcd              # compare across the wrap
        CKCC 0
        clc  0(4,%r5),abce
        CKCC 1
        mvc  buf(4),0(%r5)              # source across the wrap
        CKM  buf,4, 0xC1,0xC2,0xC3,0xC4
        xc   0(4,%r5),0(%r5)
        CKMR %r5,0,2, 0,0
        CKM  0,2, 0,0

# ---- ST L STM LM across the wrap ----------------------------------------
        l    %r2,w1234
        st   %r2,0(%r5)
        CKMR %r5,0,2, 0x12,0x34
        CKM  0,2, 0x56,0x78
        l    %r3,0(%r5)
        CKR  %r3,0x12345678
        lm   %r2,%r3,dw
        stm  %r2,%r3,12(%r6)            # X'FFFFFC'..X'000003'
        CKMR %r6,12,4, 0x11,0x22,0x33,0x44
        CKM  0,4, 0x55,0x66,0x77,0x88
        sr   %r2,%r2
        sr   %r3,%r3
        lm   %r2,%r3,12(%r6)
        CKR  %r2,0x11223344
        CKR  %r3,0x55667788
        la   %r7,0x10(%r6)              # LA wraps too
        CKR  %r7,0

# ---- MVCL CLCL across the wrap ------------------------------------------
        lr   %r2,%r6                    # X'FFFFF0', 32 bytes
        la   %r3,32
        la   %r4,pat                    # 4 bytes, then pad X'5C'
        l    %r5,pad4
        mvcl %r2,%r4
        CKCC 2
        CKR  %r2,0x10                   # wrapped
        CKR  %r3,0
        CKMR %r6,0,4, 0xF1,0xF2,0xF3,0xF4
        CKMR %r6,4,12, 0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C
        CKM  0,17, 0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x00
        lr   %r2,%r6                    # compare it back
        la   %r3,32
        la   %r4,pat
        l    %r5,pad4
        clcl %r2,%r4
        CKCC 0
        CKR  %r2,0x10
        CKR  %r4,pat+4
        lr   %r2,%r6
        la   %r3,32
        sr   %r4,%r4
        l    %r5,pad5d                  # pad X'5D': F1 < 5D? no, F1 > 5D
        clcl %r2,%r4
        CKCC 2
        CKR  %r2,0xFFFFF0
        mvi  0x08,0x00                  # a difference after the wrap
        lr   %r2,%r6
        la   %r3,32
        la   %r4,pat
        l    %r5,pad4
        clcl %r2,%r4
        CKCC 1
        CKR  %r2,8
        CKR  %r3,8
        xc   0(16),0

# ---- TR TRT with the table across the wrap ------------------------------
        l    %r8,tabtop                 # table at X'FFFF80'
        mvc  0(128,%r8),tabhi           # entries 00-7F: X'A0'..
        mvc  0(128),tablo               # entries 80-FF at 0..7F: X'B0'..
        mvc  buf(4),trin                # 00 7F 80 FF
        tr   buf(4),0(%r8)
        CKM  buf,4, 0xA0,0xA7,0xB0,0xB7
        l    %r1,ones
        sr   %r2,%r2
        trt  trin2(4),0(%r8)            # first nonzero function byte
        CKCC 1
        CKR  %r1,0xFF000000+trin2+1
        CKR  %r2,0xB0
        xc   0(128),0

# ---- decimal and MVCIN across the wrap ----------------------------------
        l    %r5,top2
        mvc  0(3,%r5),dec1              # 00 12 3C at FFFFFE FFFFFF 0
        ap   0(3,%r5),dec2(2)           # + 877
        CKCC 2
        CKMR %r5,0,2, 0x01,0x00
        CKM  0,1, 0x0C
        zap  buf(3),0(3,%r5)
        CKM  buf,3, 0x01,0x00,0x0C
        # (UNPK with the source across the wrap: insn_herc_dev.s, Hercules
        # 3.13 does not wrap the address of the rightmost source byte)
        mvcin buf(3),0(%r0)             # source X'FFFFFE'..0, right to left
        CKM  buf,3, 0x0C,0x00,0x01
        xc   0(2,%r5),0(%r5)
        xc   0(8),0
        sr   %r1,%r1
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6
        sr   %r7,%r7
        sr   %r8,%r8

        .text 2
        .align 8
dw:     .long 0x11223344, 0x55667788
top2:   .long 0x00FFFFFE
top16:  .long 0x00FFFFF0
tabtop: .long 0x00FFFF80
ones:   .long 0xFFFFFFFF
w1234:  .long 0x12345678
pad4:   .long 0x5C000004
pad5d:  .long 0x5D000000
abcd:   .byte 0xC1,0xC2,0xC3,0xC4
abce:   .byte 0xC1,0xC2,0xC3,0xC5
pat:    .byte 0xF1,0xF2,0xF3,0xF4
trin:   .byte 0x00,0x7F,0x80,0xFF
trin2:  .byte 0x01,0x80,0x00,0x00
dec1:   .byte 0x00,0x12,0x3C
dec2:   .byte 0x87,0x7C
tabhi:  .byte 0xA0,0,0,0,0,0,0,0, 0,0,0,0,0,0,0,0
        .fill 111,1,0
        .byte 0xA7
tablo:  .byte 0xB0
        .fill 126,1,0
        .byte 0xB7
        .align 8
buf:    .fill 16,1,0
        .include "insn_tail.inc"
