# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_sync.s — TS CS CDS: CC, store/load on compare, alignment and register
# specification exceptions, per GA22-7000 chapter 7.
        .set FILEID, 0x09
        .include "insn_head.inc"
        .org 0x200
# ---- TS ---------------------------------------------------------------
        mvi  lock,0x00
        ts   lock
        CKCC 0
        CKM  lock,1, 0xFF
        ts   lock
        CKCC 1
        CKM  lock,1, 0xFF
        mvi  lock,0x7F                  # only the leftmost bit sets the CC
        ts   lock
        CKCC 0
        CKM  lock,1, 0xFF
        mvi  lock,0x80
        ts   lock
        CKCC 1
        la   %r4,lock
        mvi  lock,0
        ts   0(%r4)
        CKCC 0

# ---- CS ---------------------------------------------------------------
        l    %r2,old
        l    %r3,new
        cs   %r2,%r3,word               # equal: store R3
        CKCC 0
        CKR  %r2,0x11111111
        l    %r5,word
        CKR  %r5,0x22222222
        cs   %r2,%r3,word               # unequal: load R1
        CKCC 1
        CKR  %r2,0x22222222
        l    %r5,word
        CKR  %r5,0x22222222
        cs   %r2,%r2,word               # equal, R1 = R3
        CKCC 0
        ARM
        cs   %r2,%r3,word+2             # not on a word boundary
        CKPGM 6
        CKR  %r2,0x22222222             # unchanged

# ---- CDS --------------------------------------------------------------
        lm   %r2,%r3,dold
        lm   %r4,%r5,dnew
        cds  %r2,%r4,dword              # equal: store R3, R3+1
        CKCC 0
        CKR  %r2,0x01010101
        CKR  %r3,0x02020202
        lm   %r6,%r7,dword
        CKR  %r6,0x0A0A0A0A
        CKR  %r7,0x0B0B0B0B
        cds  %r2,%r4,dword              # unequal: load R1, R1+1
        CKCC 1
        CKR  %r2,0x0A0A0A0A
        CKR  %r3,0x0B0B0B0B
        lm   %r2,%r3,dold
        l    %r2,dnew                   # first word equal, second not
        cds  %r2,%r4,dword
        CKCC 1
        CKR  %r2,0x0A0A0A0A
        CKR  %r3,0x0B0B0B0B
        lm   %r6,%r7,dword
        CKR  %r7,0x0B0B0B0B             # not stored
        ARM
        cds  %r2,%r4,dword+4            # not on a doubleword boundary
        CKPGM 6
        ARM
        .insn rs,0xbb000000,%r3,%r4,dword   # odd R1
        CKPGM 6
        ARM
        .insn rs,0xbb000000,%r2,%r5,dword   # odd R3
        CKPGM 6
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6
        sr   %r7,%r7

        .text 2
        .align 8
dword:  .long 0x01010101, 0x02020202
dold:   .long 0x01010101, 0x02020202
dnew:   .long 0x0A0A0A0A, 0x0B0B0B0B
word:   .long 0x11111111
old:    .long 0x11111111
new:    .long 0x22222222
lock:   .byte 0
        .include "insn_tail.inc"
