# expect: PSW=00020000 80000000
# s37x: off
# mainsize: 16
# diff: skip
# diff-range: 0-FFF
# insn_herc_dev.s — checks where Hercules 3.13 departs from GA22-7000, so this program is not
# compared with Hercules (and fails there at check X'0E0020'): MC stores class and code in
# the BC mode; SPX ignores operand bits 0-7 and 20-31; LRA checks the page-table length;
# IPM is not a System/370 instruction (S37X off: operation exception); UNPK wraps its
# second operand at X'FFFFFF'.
        .set FILEID, 0x0E
        .include "insn_head.inc"
        .org 0x200
# ---- MC in the BC mode stores the class and code (GA22-7000-10, "Monitor
# Event": "The monitor event can occur in both the EC and BC modes ... The
# format of the information stored at these locations is the same in the
# EC and BC modes").  Hercules 3.13 stores them only in the EC mode.
        lctl 8,8,cr8c15
        l    %r5,w100000
        ARM
        mc   0x789(%r5),15
        CKPGM 0x40
        CKM  0x94,2, 0x00,0x0F
        CKM  0x9C,4, 0x00,0x10,0x07,0x89
        lctl 8,8,zero
        xc   0x94(2),0x94
        xc   0x9C(4),0x9C

# ---- SPX uses bits 8-19 of the operand; bits 0-7 and 20-31 are ignored
# (GA22-7000, SET PREFIX).  Hercules 3.13 takes more bits and raises an
# addressing exception for this operand.
        l    %r2,w3000                  # copy page 0 to absolute 3000
        l    %r3,w1000
        sr   %r4,%r4
        l    %r5,w1000
        mvcl %r2,%r4
        spx  pfxval                     # X'FF003FFF': prefix 3000
        stpx pfx                        # (into the copy at 3000+pfx)
        CKM  pfx,4, 0x00,0x00,0x30,0x00
        spx  zero
        l    %r2,w3000                  # clear the copy
        l    %r3,w1000
        sr   %r5,%r5
        mvcl %r2,%r4
        xc   pfx(4),pfx

# ---- LRA: a page index beyond the page-table length (STE bits 0-3) gives
# CC 3 (GA22-7000, LOAD REAL ADDRESS and "Page-Table Lookup").  Hercules
# 3.13 does not check the length.
        stctl 0,1,crsave
        l    %r6,crsave
        n    %r6,cr0tfm
        o    %r6,cr0fmt                 # 4K pages, 64K segments
        st   %r6,cr0tmp
        lctl 0,0,cr0tmp
        lctl 1,1,cr1val
        l    %r5,w2000
        lra  %r2,0(%r5)                 # page 2, PTL 1
        CKCC 3
        lctl 0,1,crsave
        xc   crsave(8),crsave
        xc   cr0tmp(4),cr0tmp

# ---- IPM (B222) is not a System/370 instruction (it came with 370-XA and
# is absent from GA22-7000); it is an S37X row of optab.c, so with S37X off
# it is an operation exception.  Hercules 3.13 executes it in S/370 mode.
        l    %r4,ones
        ARM
        ipm  %r4
        CKPGM 1
        CKR  %r4,0xFFFFFFFF

# ---- UNPK with the second operand across X'FFFFFF': it continues at 0
# (GA22-7000 chapter 3, "Address Arithmetic"; needs 16M).  Hercules 3.13
# adds L2 to the address of operand 2 without wrapping it.
        l    %r5,top2
        mvc  0(3,%r5),dec1000           # 01 00 0C at FFFFFE FFFFFF 0
        unpk buf(5),0(3,%r5)
        CKM  buf,5, 0xF0,0xF1,0xF0,0xF0,0xC0
        xc   0(2,%r5),0(%r5)
        xc   0(1),0
        xc   buf(5),buf
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6

        .text 2
        .align 8
zero:   .long 0
ones:   .long 0xFFFFFFFF
top2:   .long 0x00FFFFFE
dec1000: .byte 0x01,0x00,0x0C
        .align 8
buf:    .fill 8,1,0
cr8c15: .long 0x00000001
w100000: .long 0x00100000
w1000:  .long 0x1000
w2000:  .long 0x2000
w3000:  .long 0x3000
pfxval: .long 0xFF003FFF
pfx:    .long 0
cr0tfm: .long 0xFF07FFFF
cr0fmt: .long 0x00800000
cr1val: .long stab
cr0tmp: .long 0
crsave: .long 0, 0
        .align 64
stab:   .long 0x10000000+pt0            # PTL 1: pages 0-1
        .fill 15,4,1
pt0:    .short 0x0050, 0x0008, 0x0060, 0x0070   # pages 2-3 valid, beyond PTL
        .include "insn_tail.inc"
