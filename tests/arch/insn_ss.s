# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_ss.s — storage-to-storage logical: MVC MVN MVZ NC OC XC CLC TR TRT MVCIN
# (overlap, 256-byte operands, addressing exceptions), per GA22-7000 chapter 7.
        .set FILEID, 0x05
        .include "insn_head.inc"
        .org 0x200
# ---- MVC: plain, 256 bytes, overlap (byte at a time) ------------------
        mvc  buf(8),src
        CKM  buf,9, 0xC1,0xC2,0xC3,0xC4,0xC5,0xC6,0xC7,0xC8,0x00
        mvi  buf,0x5C
        mvc  buf+1(7),buf               # one-byte propagation
        CKM  buf,9, 0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x5C,0x00
        mvc  buf(8),src
        mvc  buf+2(6),buf               # overlap by 2: pattern repeats
        CKM  buf,8, 0xC1,0xC2,0xC1,0xC2,0xC1,0xC2,0xC1,0xC2
        mvc  buf(8),src
        mvc  buf(7),buf+1               # destination left of source
        CKM  buf,8, 0xC2,0xC3,0xC4,0xC5,0xC6,0xC7,0xC8,0xC8
        la   %r4,big
        mvi  0(%r4),0x11
        mvc  1(255,%r4),0(%r4)          # fill 256 bytes
        mvi  255(%r4),0x22
        mvc  256(256,%r4),0(%r4)        # 256-byte move
        CKM  big+256,1, 0x11
        CKM  big+510,3, 0x11,0x22,0x00
        clc  big(256),big+256
        CKCC 0

# ---- MVN MVZ ----------------------------------------------------------
        mvc  buf(4),zon                 # F1 F2 F3 C4
        mvn  buf(3),num                 # 0A 0B 0C ..
        CKM  buf,4, 0xFA,0xFB,0xFC,0xC4
        mvz  buf(4),num                 # zones 0 0 0 5
        CKM  buf,4, 0x0A,0x0B,0x0C,0x54
        mvc  buf(4),zon
        mvn  buf+1(3),buf               # overlap: byte at a time
        CKM  buf,4, 0xF1,0xF1,0xF1,0xC1

# ---- NC OC XC ---------------------------------------------------------
        mvc  buf(4),pat                 # F0 0F FF 00
        nc   buf(4),msk                 # 3C 3C 3C 3C
        CKCC 1
        CKM  buf,4, 0x30,0x0C,0x3C,0x00
        nc   buf(2),zero
        CKCC 0
        CKM  buf,4, 0x00,0x00,0x3C,0x00
        oc   buf(4),pat
        CKCC 1
        CKM  buf,4, 0xF0,0x0F,0xFF,0x00
        oc   buf+3(1),zero
        CKCC 0
        xc   buf(4),msk
        CKCC 1
        CKM  buf,4, 0xCC,0x33,0xC3,0x3C
        xc   buf(4),buf                 # clear
        CKCC 0
        CKM  buf,4, 0,0,0,0
        mvc  buf(8),src
        xc   buf+1(4),buf               # overlapping XC: byte at a time
        CKM  buf,6, 0xC1,0x03,0xC0,0x04,0xC1,0xC6

# ---- CLC --------------------------------------------------------------
        clc  src(8),src
        CKCC 0
        clc  src(8),src+1               # C1 < C2
        CKCC 1
        clc  src+1(1),src
        CKCC 2
        clc  pat(1),msk                 # F0 > 3C (unsigned)
        CKCC 2
        clc  hi2(2),hi2+2               # 80 00 vs 7F FF
        CKCC 2
        clc  big(256),big+1             # 11 = 11 ... 11 < 22 at offset 254
        CKCC 1

# ---- TR ---------------------------------------------------------------
        mvc  buf(6),trin                # 00 01 02 FF 7F 03
        tr   buf(6),trtab
        CKM  buf,6, 0x40,0x41,0x42,0x3F,0xBF,0x43

# ---- TRT --------------------------------------------------------------
        l    %r1,ones
        l    %r2,ones
        trt  scan(8),trttab             # first nonzero at scan+3
        CKCC 1
        CKR  %r1,0xFF000000+scan+3      # bits 0-7 unchanged
        CKR  %r2,0xFFFFFF07             # only bits 24-31 changed
        sr   %r1,%r1
        sr   %r2,%r2
        trt  scan(3),trttab             # all zero
        CKCC 0
        CKR  %r1,0
        CKR  %r2,0
        trt  scan+4(4),trttab           # nonzero at the last byte
        CKCC 2
        CKR  %r1,scan+7
        CKR  %r2,0x0B

# ---- MVCIN ------------------------------------------------------------
        xc   buf(8),buf
        mvcin buf(5),src+4              # D2 addresses the rightmost byte
        CKM  buf,6, 0xC5,0xC4,0xC3,0xC2,0xC1,0x00
        mvcin buf+6(1),src
        CKM  buf+6,2, 0xC1,0x00

# ---- access exceptions ------------------------------------------------
        l    %r5,badadr                 # beyond the 2M of storage
        ARM
        mvc  0(4,%r5),src
        CKPGM 5
        ARM
        clc  src(4),0(%r5)
        CKPGM 5
        ARM
        tr   buf(1),0(%r5)
        CKPGM 5
        sr   %r1,%r1
        sr   %r2,%r2
        sr   %r4,%r4
        sr   %r5,%r5

        .text 2
        .align 8
src:    .byte 0xC1,0xC2,0xC3,0xC4,0xC5,0xC6,0xC7,0xC8
zon:    .byte 0xF1,0xF2,0xF3,0xC4
num:    .byte 0x0A,0x0B,0x0C,0x5D
pat:    .byte 0xF0,0x0F,0xFF,0x00
msk:    .byte 0x3C,0x3C,0x3C,0x3C
zero:   .byte 0,0,0,0
hi2:    .byte 0x80,0x00,0x7F,0xFF
trin:   .byte 0x00,0x01,0x02,0xFF,0x7F,0x03
ones:   .long 0xFFFFFFFF
badadr: .long 0x00FFFF00
scan:   .byte 1,2,3,4,5,6,7,8
buf:    .fill 16,1,0
        .align 8
trtab:                                  # trtab[i] = i + 0x40 (mod 256)
        .irp i,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        .irp j,0,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15
        .byte (\i*16+\j+0x40)&0xFF
        .endr
        .endr
trttab: .fill 4,1,0                     # nonzero for bytes 4 and 8
        .byte 0x07
        .fill 3,1,0
        .byte 0x0B
        .fill 247,1,0
big:    .fill 512,1,0
        .include "insn_tail.inc"
