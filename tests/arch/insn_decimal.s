# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_decimal.s — decimal: CVD CVB PACK UNPK MVO ZAP AP SP CP MP DP SRP (CC, data,
# decimal-overflow and decimal-divide exceptions), per GA22-7000 chapter 8.
        .set FILEID, 0x06
        .include "insn_head.inc"
        .org 0x200
# ---- CVD CVB ----------------------------------------------------------
        la   %r4,1234
        cvd  %r4,dbl
        CKM  dbl,8, 0,0,0,0,0,0x01,0x23,0x4C
        lcr  %r4,%r4
        cvd  %r4,dbl
        CKM  dbl,8, 0,0,0,0,0,0x01,0x23,0x4D
        sr   %r4,%r4
        cvd  %r4,dbl
        CKM  dbl,8, 0,0,0,0,0,0,0,0x0C
        l    %r4,maxp
        cvd  %r4,dbl
        CKM  dbl,8, 0,0,0x02,0x14,0x74,0x83,0x64,0x7C
        l    %r4,maxn
        cvd  %r4,dbl
        CKM  dbl,8, 0,0,0x02,0x14,0x74,0x83,0x64,0x8D
        cvb  %r5,dbl
        CKR  %r5,0x80000000
        cvb  %r5,p1234                  # sign C
        CKR  %r5,1234
        cvb  %r5,p1234f                 # sign F: plus
        CKR  %r5,1234
        cvb  %r5,p1234b                 # sign B: minus
        CKR  %r5,-1234
        ARM
        cvb  %r5,pbad                   # invalid digit
        CKPGM 7
        ARM
        cvb  %r5,pbig                   # 2147483648: too large
        CKPGM 9

# ---- PACK UNPK MVO ----------------------------------------------------
        pack buf(3),zon(4)              # F1 F2 F3 C4
        CKM  buf,3, 0x01,0x23,0x4C
        pack buf(2),zon(4)              # high digit lost, no check
        CKM  buf,2, 0x23,0x4C
        pack buf(4),zon(1)
        CKM  buf,4, 0,0,0,0x1F
        mvc  buf(4),zon
        pack buf(4),buf(4)              # in place
        CKM  buf,4, 0x00,0x01,0x23,0x4C
        xc   buf(8),buf
        unpk buf(5),p123x(3)            # 01 23 4C
        CKM  buf,5, 0xF0,0xF1,0xF2,0xF3,0xC4
        unpk buf(2),p123x(3)
        CKM  buf,2, 0xF3,0xC4
        mvc  buf(3),mvo1                # 77 88 9C
        mvo  buf(3),mvo2(2)             # 12 34
        CKM  buf,3, 0x01,0x23,0x4C
        mvc  buf(3),mvo1
        mvo  buf(2),mvo2(2)             # truncated on the left
        CKM  buf,3, 0x23,0x48,0x9C

# ---- ZAP --------------------------------------------------------------
        zap  buf(4),p123x(3)
        CKCC 2
        CKM  buf,4, 0x00,0x01,0x23,0x4C
        zap  buf(4),mzero(1)            # -0 becomes +0
        CKCC 0
        CKM  buf,4, 0,0,0,0x0C
        zap  buf(2),pneg(2)             # 12 3D
        CKCC 1
        CKM  buf,2, 0x12,0x3D
        zap  buf(1),pneg(2)             # overflow
        CKCC 3
        CKM  buf,1, 0x3D
        ARM
        zap  buf(2),pbad+6(2)           # invalid digit
        CKPGM 7

# ---- AP SP CP ---------------------------------------------------------
        zap  buf(3),p123x+1(2)          # 234C
        ap   buf(3),p877(2)             # 234 + 877 = 1111
        CKCC 2
        CKM  buf,3, 0x01,0x11,0x1C
        sp   buf(3),p2222(3)            # 1111 - 2222 = -1111
        CKCC 1
        CKM  buf,3, 0x01,0x11,0x1D
        ap   buf(3),p1111(3)            # -1111 + 1111 = +0
        CKCC 0
        CKM  buf,3, 0,0,0x0C
        zap  buf(2),p999(2)
        ap   buf(2),p1(1)               # 999 + 1: overflow, 000
        CKCC 3
        CKM  buf,2, 0x00,0x0C
        zap  buf(2),p999(2)
        sp   buf(2),p999(2)
        CKCC 0
        CKM  buf,2, 0x00,0x0C
        cp   p999(2),p1(1)
        CKCC 2
        cp   p1(1),p999(2)
        CKCC 1
        cp   mzero(1),pzero(1)          # -0 = +0
        CKCC 0
        cp   pneg(2),p1(1)
        CKCC 1
        ARM
        ap   buf(2),bsign(1)            # invalid sign
        CKPGM 7
        ARM
        cp   buf(2),bsign(1)
        CKPGM 7

# ---- MP DP ------------------------------------------------------------
        zap  buf(4),p123x+1(2)          # 00 00 23 4C (234)
        mp   buf(4),m4(1)               # * -4 = -936
        CKM  buf,4, 0x00,0x00,0x93,0x6D
        zap  buf(5),p999(2)
        mp   buf(5),p999(2)             # 998001
        CKM  buf,5, 0x00,0x09,0x98,0x00,0x1C
        ARM
        mp   buf(5),p999(2)             # not enough leading zeros
        CKPGM 7
        ARM
        mp   buf(2),p999(2)             # L2 >= L1
1:      CKPGM 6
        CKOLD 3, 1b
        zap  buf(4),p123x(3)            # 1234
        dp   buf(4),p4(1)               # 1234 / 4 = 308 r 2
        CKM  buf,4, 0x00,0x30,0x8C,0x2C
        zap  buf(4),pneg(2)             # -123
        dp   buf(4),p4(1)               # -30 r -3
        CKM  buf,4, 0x00,0x03,0x0D,0x3D
        zap  buf(4),pneg(2)
        dp   buf(4),m4(1)               # -123 / -4 = +30 r -3
        CKM  buf,4, 0x00,0x03,0x0C,0x3D
        zap  buf(4),pneg(2)
        ARM
        dp   buf(4),pzero(1)            # divide by zero
        CKPGM 11
        zap  buf(4),p1234567(4)
        ARM
        dp   buf(4),p1(1)               # quotient too large
        CKPGM 11

# ---- SRP --------------------------------------------------------------
        zap  buf(4),p12345(3)
        srp  buf(4),2,0                 # left 2
        CKCC 2
        CKM  buf,4, 0x12,0x34,0x50,0x0C
        srp  buf(4),61,5                # right 3, round 5: 1234500 -> 1235
        CKCC 2
        CKM  buf,4, 0x00,0x01,0x23,0x5C
        srp  buf(4),63,0                # right 1, no rounding: 123
        CKCC 2
        CKM  buf,4, 0x00,0x00,0x12,0x3C
        srp  buf(4),5,0                 # 12300000 does not fit: overflow
        CKCC 3
        CKM  buf,4, 0x23,0x00,0x00,0x0C
        zap  buf(2),pneg(2)
        srp  buf(2),62,5                # -123 -> -1 (rounded)
        CKCC 1
        CKM  buf,2, 0x00,0x1D
        zap  buf(2),pneg(2)
        srp  buf(2),32,0                # right 32 digits, all gone: -0 -> +0
        CKCC 0
        CKM  buf,2, 0x00,0x0C

# ---- 31-digit operands (16-byte fields, 8-byte multiplier/divisor) ----
        mvc  buf(16),mpa                # 123456789012345
        mp   buf(16),mpb(8)             # * 987654321098765
        CKM  buf,16, 0x01,0x21,0x93,0x26,0x31,0x13,0x70,0x21,0x07,0x13,0x59,0x54,0x92,0x53,0x92,0x5C
        ap   buf(16),p7(1)
        CKCC 2
        dp   buf(16),mpb(8)             # quotient 123456789012345, remainder 7
        CKM  buf,16, 0x12,0x34,0x56,0x78,0x90,0x12,0x34,0x5C, 0,0,0,0,0,0,0,0x7C
        mvc  buf(16),dvd
        mvi  buf+15,0x2D                # negative dividend
        dp   buf(16),mpb(8)
        CKM  buf,16, 0x12,0x34,0x56,0x78,0x90,0x12,0x34,0x5D, 0,0,0,0,0,0,0,0x7D
        zap  buf(16),big(16)            # 31 nines
        ap   buf(16),p1(1)              # overflow: 0, CC 3
        CKCC 3
        CKM  buf,16, 0,0,0,0,0,0,0,0,0,0,0,0,0,0,0,0x0C
        sp   buf(16),big(16)
        CKCC 1
        cp   buf(16),big(16)
        CKCC 1
        zap  buf(16),big(16)
        ap   buf(16),buf(16)            # same field: 2 * (10**31 - 1), overflow
        CKCC 3
        CKM  buf+14,2, 0x99,0x8C
        zap  buf(16),mpa(16)
        ap   buf(16),buf(16)            # 246913578024690
        CKCC 2
        CKM  buf+8,8, 0x24,0x69,0x13,0x57,0x80,0x24,0x69,0x0C

# ---- decimal overflow with the program mask bit set -------------------
        l    %r6,spm4
        spm  %r6
        zap  buf(2),p999(2)
        ARM
        ap   buf(2),p1(1)
        CKCC 3
        CKPGM 10
        CKM  buf,2, 0x00,0x0C
        sr   %r6,%r6
        spm  %r6
        sr   %r4,%r4
        sr   %r5,%r5
        xc   dbl(8),dbl

        .text 2
        .align 8
dbl:    .fill 8,1,0
p1234:  .byte 0,0,0,0,0,0x01,0x23,0x4C
p1234f: .byte 0,0,0,0,0,0x01,0x23,0x4F
p1234b: .byte 0,0,0,0,0,0x01,0x23,0x4B
pbad:   .byte 0,0,0,0,0,0x01,0x2A,0x4C
pbig:   .byte 0,0,0x02,0x14,0x74,0x83,0x64,0x8C
maxp:   .long 0x7FFFFFFF
maxn:   .long 0x80000000
spm4:   .long 0x04000000
zon:    .byte 0xF1,0xF2,0xF3,0xC4
p123x:  .byte 0x01,0x23,0x4C
mvo1:   .byte 0x77,0x88,0x9C
mvo2:   .byte 0x12,0x34
mzero:  .byte 0x0D
pzero:  .byte 0x0C
pneg:   .byte 0x12,0x3D
p877:   .byte 0x87,0x7C
p2222:  .byte 0x02,0x22,0x2C
p1111:  .byte 0x01,0x11,0x1C
p999:   .byte 0x99,0x9C
p1:     .byte 0x1C
p4:     .byte 0x4C
m4:     .byte 0x4D
bsign:  .byte 0x15
p12345: .byte 0x12,0x34,0x5C
p1234567: .byte 0x12,0x34,0x56,0x7C
mpa:    .byte 0,0,0,0,0,0,0,0,0x12,0x34,0x56,0x78,0x90,0x12,0x34,0x5C
mpb:    .byte 0x98,0x76,0x54,0x32,0x10,0x98,0x76,0x5C
dvd:    .byte 0x01,0x21,0x93,0x26,0x31,0x13,0x70,0x21,0x07,0x13,0x59,0x54,0x92,0x53,0x93,0x2C
big:    .byte 0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x99,0x9C
p7:     .byte 0x7C
        .align 8
buf:    .fill 16,1,0
        .include "insn_tail.inc"
