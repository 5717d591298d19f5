# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_edit.s — editing: ED EDMK (fill, digit selector, significance starter, field
# separator, message bytes, sign handling, CC, EDMK mark), per GA22-7000 chapter 8.
        .set FILEID, 0x07
        .include "insn_head.inc"
        .org 0x200
# ---- ED ---------------------------------------------------------------
        mvc  buf(10),pat1               # fill, d d , d ss d . d d
        ed   buf(10),src1               # 00 12 34 5C
        CKCC 2
        CKM  buf,10, 0x40,0x40,0x40,0x40,0xF1,0xF2,0xF3,0x4B,0xF4,0xF5
        mvc  buf(10),pat2               # fill d ss d . d d blank C R
        ed   buf(10),src2               # 01 23 4D
        CKCC 1
        CKM  buf,10, 0x40,0x40,0xF1,0xF2,0x4B,0xF3,0xF4,0x40,0xC3,0xD9
        mvc  buf(10),pat2
        ed   buf(10),src2p              # 01 23 4C: CR blanked
        CKCC 2
        CKM  buf,10, 0x40,0x40,0xF1,0xF2,0x4B,0xF3,0xF4,0x40,0x40,0x40
        mvc  buf(7),pat3                # fill d d ss . d d
        ed   buf(7),src3                # 00 00 0C
        CKCC 0
        CKM  buf,7, 0x40,0x40,0x40,0x40,0x4B,0xF0,0xF0
        mvc  buf(7),pat4                # * d d fs d d d
        ed   buf(7),src4                # 12 03 4C
        CKCC 2
        CKM  buf,7, 0x5C,0xF1,0xF2,0x5C,0x5C,0xF3,0xF4
        mvc  buf(7),pat4
        ed   buf(7),src5                # 12 00 0D: last field zero
        CKCC 0
        CKM  buf,7, 0x5C,0xF1,0xF2,0x5C,0x5C,0x5C,0x5C
        mvc  buf(4),pat5                # fill d d fs: ends with a separator
        ed   buf(4),src6                # 12
        CKCC 0
        CKM  buf,4, 0x40,0xF1,0xF2,0x40
        mvc  buf(3),pat6                # fill d d
        ARM
        ed   buf(3),srcbad              # sign code as a digit: data exception
        CKPGM 7

# ---- EDMK -------------------------------------------------------------
        l    %r1,ones
        mvc  buf(10),pat1
        edmk buf(10),src1
        CKCC 2
        CKR  %r1,0xFF000000+buf+4       # first significant digit
        CKM  buf,10, 0x40,0x40,0x40,0x40,0xF1,0xF2,0xF3,0x4B,0xF4,0xF5
        l    %r1,ones
        mvc  buf(7),pat3
        edmk buf(7),src3                # significance forced: R1 unchanged
        CKCC 0
        CKR  %r1,0xFFFFFFFF
        sr   %r1,%r1
        mvc  buf(10),pat2
        edmk buf(10),src2
        CKCC 1
        CKR  %r1,buf+2
        sr   %r1,%r1
        mvc  buf(7),pat3
        edmk buf(7),src7                # 00 00 1C: digit after the starter
        CKCC 2
        CKR  %r1,0                      # S already on: not a new mark
        CKM  buf,7, 0x40,0x40,0x40,0x40,0x4B,0xF0,0xF1
        sr   %r1,%r1

        .text 2
        .align 8
ones:   .long 0xFFFFFFFF
pat1:   .byte 0x40,0x20,0x20,0x6B,0x20,0x21,0x20,0x4B,0x20,0x20
pat2:   .byte 0x40,0x20,0x21,0x20,0x4B,0x20,0x20,0x40,0xC3,0xD9
pat3:   .byte 0x40,0x20,0x20,0x21,0x4B,0x20,0x20
pat4:   .byte 0x5C,0x20,0x20,0x22,0x20,0x20,0x20
pat5:   .byte 0x40,0x20,0x20,0x22
pat6:   .byte 0x40,0x20,0x20
src1:   .byte 0x00,0x12,0x34,0x5C
src2:   .byte 0x01,0x23,0x4D
src2p:  .byte 0x01,0x23,0x4C
src3:   .byte 0x00,0x00,0x0C
src4:   .byte 0x12,0x03,0x4C
src5:   .byte 0x12,0x00,0x0D
src6:   .byte 0x12
src7:   .byte 0x00,0x00,0x1C
srcbad: .byte 0xA1
        .align 8
buf:    .fill 16,1,0
        .include "insn_tail.inc"
