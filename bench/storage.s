# storage.s — benchmark workload: storage-to-storage instructions, each result
# checked: MVC (8 and 256 bytes, and the one-byte-overlap ripple), MVCL of
# 2-3 KB into 4 KB with padding, CLC, CLCL (equal with padding, and unequal at
# a moving byte), TR, TRT, ED, with CVD/PACK/CVB to check the edited digits.
# BC mode, DAT off, key 0; only System/370 instructions (no S37X).
# GA22-7000 chapter "General Instructions" (MOVE, MOVE LONG, COMPARE LOGICAL,
# COMPARE LOGICAL LONG, TRANSLATE, TRANSLATE AND TEST) and chapter "Decimal
# Instructions" (EDIT, PACK, CONVERT TO DECIMAL/BINARY).
#
# Storage (real): SRC X'10000' 4 KB of pseudo-random bytes; DST X'12000'
# 4 KB for MVC/TR and X'13000' 4 KB for MVCL/CLCL; SCAN X'14000' 256 bytes of X'C1' with one X'40' at a position that
# moves with the iteration count; RIPPLE X'14100' 256 bytes.
#
# End: disabled wait, IA 0 = success.  Otherwise the IA says what failed:
#   X'B01' MVC 8 / CLC        X'B02' MVC 256 / CLC
#   X'B03' MVCL: CC or registers   X'B04' CLCL equal (with padding)
#   X'B05' CLCL unequal: CC or address of the difference
#   X'B06' TR (twice = identity) / CLC    X'B07' TRT: CC, address or function byte
#   X'B08' MVC ripple                X'B09' ED / PACK / CVB of the counter
#   X'B0A' ED of a fixed field: CC or result
#   X'DEA' program interruption, X'DEB' SVC, X'DE5' external,
#   X'DE7' machine check, X'DE8' I/O
#
# ITERS can be set with `as --defsym ITERS=n`; the default takes 5-10 s on
# Hercules 3.13.
        .ifndef ITERS
        .set  ITERS, 300000
        .endif

        .set  SRC, 0x10000
        .set  DST, 0x12000
        .set  SCAN, 0x14000
        .set  RIPPLE, 0x14100

        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC mode, IA X'200'
        .org  0x58
        .long 0x00020000, 0x00000DE5    # external new PSW
        .long 0x00020000, 0x00000DEB    # SVC new PSW
        .long 0x00020000, 0x00000DEA    # program new PSW
        .long 0x00020000, 0x00000DE7    # machine-check new PSW
        .long 0x00020000, 0x00000DE8    # I/O new PSW

# ---- set-up --------------------------------------------------------------------
        .org  0x200
start:  l     %r10,asrc                 # SRC: x = x * 69069 + 1, high byte
        lr    %r4,%r10
        l     %r3,seed
        l     %r6,a4k
1:      m     %r2,k69069
        al    %r3,one
        stcm  %r3,8,0(%r4)
        la    %r4,1(%r4)
        bct   %r6,1b
        sr    %r3,%r3                   # TRTAB: T(i) = i XOR X'5A'
        la    %r6,256
1:      lr    %r2,%r3
        x     %r2,k5a
        stc   %r2,trtab(%r3)
        la    %r3,1(%r3)
        bct   %r6,1b
        xc    trttab(256),trttab        # TRTTAB: only X'40' is a stop
        mvi   trttab+0x40,0x04
        l     %r8,ascan                 # SCAN: all X'C1'
        mvi   0(%r8),0xC1
        mvc   1(255,%r8),0(%r8)
        l     %r11,adst                 # R12: the MVCL/CLCL area
        l     %r12,adst2
        l     %r7,aripple
        l     %r9,iters

# ---- the loop ------------------------------------------------------------------
loop:   mvc   0(8,%r11),0(%r10)         # MVC short
        mvc   8(8,%r11),8(%r10)
        clc   0(16,%r11),0(%r10)
        la    %r15,0xB01
        bc    7,fail
        mvc   0(256,%r11),0(%r10)       # MVC 256
        mvc   256(256,%r11),256(%r10)
        mvc   512(256,%r11),512(%r10)
        clc   256(256,%r11),256(%r10)
        la    %r15,0xB02
        bc    7,fail
        clc   512(256,%r11),512(%r10)
        bc    7,fail
        clc   0(256,%r11),256(%r11)     # different data: must differ
        bc    8,fail

        lr    %r2,%r12                  # MVCL: 4096 bytes from 2048-3071
        l     %r3,a4k                   # source bytes, pad X'A5'
        lr    %r4,%r10
        lr    %r6,%r9
        n     %r6,k1023
        a     %r6,a2k
        lr    %r5,%r6
        o     %r5,pada5
        mvcl  %r2,%r4
        la    %r15,0xB03
        bc    13,fail                   # CC 2: first operand longer
        ltr   %r3,%r3
        bc    7,fail
        l     %r1,a4k
        ar    %r1,%r12
        cr    %r2,%r1
        bc    7,fail
        la    %r1,0(%r6,%r10)
        cr    %r4,%r1
        bc    7,fail
        clm   %r5,8,pada5               # pad kept, length 0
        bc    7,fail
        n     %r5,k24
        bc    7,fail

        lr    %r2,%r12                  # CLCL: the same, equal with padding
        l     %r3,a4k
        lr    %r4,%r10
        lr    %r5,%r6
        o     %r5,pada5
        clcl  %r2,%r4
        la    %r15,0xB04
        bc    7,fail
        ltr   %r3,%r3
        bc    7,fail

        lr    %r1,%r9                   # CLCL unequal at a moving byte
        n     %r1,k2047
        la    %r1,0(%r1,%r12)
        xi    0(%r1),0xFF
        lr    %r2,%r12
        l     %r3,a4k
        lr    %r4,%r10
        lr    %r5,%r6
        o     %r5,pada5
        clcl  %r2,%r4
        la    %r15,0xB05
        bc    8,fail
        cr    %r2,%r1
        bc    7,fail
        xi    0(%r1),0xFF

        tr    0(256,%r11),trtab         # TR twice (XOR X'5A') = identity
        clc   0(256,%r11),0(%r10)
        la    %r15,0xB06
        bc    8,fail
        tr    0(256,%r11),trtab
        clc   0(256,%r11),0(%r10)
        bc    7,fail

        lr    %r3,%r9                   # TRT: stop at a moving X'40'
        n     %r3,k255
        la    %r3,0(%r3,%r8)
        mvi   0(%r3),0x40
        sr    %r2,%r2
        sr    %r1,%r1
        trt   0(256,%r8),trttab
        la    %r15,0xB07
        bc    8,fail
        cr    %r1,%r3
        bc    7,fail
        c     %r2,four
        bc    7,fail
        mvi   0(%r3),0xC1

        stc   %r9,0(%r7)                # MVC one byte to the right: ripple
        mvc   1(255,%r7),0(%r7)
        clc   0(255,%r7),1(%r7)
        la    %r15,0xB08
        bc    7,fail
        clm   %r9,1,255(%r7)
        bc    7,fail

        cvd   %r9,dec                   # ED of the counter, fill X'F0':
        mvc   out(12),pat1              # zoned digits, packed again
        ed    out(12),dec+2
        la    %r15,0xB09
        bc    13,fail                   # CC 2: positive
        pack  dec2(8),out+1(11)
        cvb   %r4,dec2
        cr    %r4,%r9
        bc    7,fail

        mvc   out2(14),pat2             # ED of -1234567 with separators
        ed    out2(14),pk5
        la    %r15,0xB0A
        bc    11,fail                   # CC 1: negative
        clc   out2(14),exp2
        bc    7,fail

        bct   %r9,loop
        lpsw  done

fail:   st    %r15,failpsw+4            # R15 = the IA to show
        lpsw  failpsw

# ---- data ----------------------------------------------------------------------
        .align 8
done:   .long 0x00020000, 0x00000000
failpsw: .long 0x00020000, 0
dec:    .quad 0
dec2:   .quad 0
iters:  .long ITERS
asrc:   .long SRC
adst:   .long DST
adst2:  .long DST + 0x1000
ascan:  .long SCAN
aripple: .long RIPPLE
seed:   .long 0x3C6EF372
k69069: .long 69069
one:    .long 1
four:   .long 4
k5a:    .long 0x5A
k255:   .long 255
k1023:  .long 1023
k2047:  .long 2047
a2k:    .long 2048
a4k:    .long 4096
k24:    .long 0x00FFFFFF
pada5:  .long 0xA5000000
pat1:   .byte 0xF0                      # fill '0', 11 digit selectors
        .rept 11
        .byte 0x20
        .endr
pat2:   .byte 0x40, 0x20, 0x20, 0x6B, 0x20, 0x20, 0x20, 0x6B
        .byte 0x20, 0x21, 0x4B, 0x20, 0x20, 0x60
pk5:    .byte 0x00, 0x12, 0x34, 0x56, 0x7D     # -001234567
exp2:   .byte 0x40, 0x40, 0x40, 0x40, 0xF1, 0xF2, 0xF3, 0x6B   # "    123,45.67-"
        .byte 0xF4, 0xF5, 0x4B, 0xF6, 0xF7, 0x60
out:    .space 12
out2:   .space 14
        .align 256
trtab:  .space 256
trttab: .space 256
