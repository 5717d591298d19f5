# dat.s — dynamic address translation in EC mode, all four S/370 translation
# formats (2K/4K pages x 64K/1M segments), GA22-7000 "Dynamic Address
# Translation" and "Program Interruption".
# expect: PSW=000A0000 00000000
# diff-range: 0-40FF
#
# For each format the program loads CR0 (format) and CR1 (segment table),
# purges the TLB, turns DAT on and checks:
#  - a page mapped elsewhere (virtual X'4000' -> real X'3000') by a fetch and
#    by LOAD REAL ADDRESS;
#  - segment-translation exception (segment 1 invalid) and page-translation
#    exception (virtual X'5000' invalid): code X'10'/X'11' at X'8E', ILC 2,
#    the old PSW pointing AT the nullified instruction, and the segment and
#    page index of the address at X'90' (its byte-index bits are
#    unpredictable and are masked);
#  - 2K pages only: translation-specification exception from a page-table
#    entry with bit 14 on: code X'12', suppressed, so the old PSW points PAST
#    the instruction.  (With 4K pages, bits 13-14 of the entry are the
#    extended-real-addressing bits on models that have that facility, as
#    Hercules does: it gives an addressing exception for the X'6000' entry,
#    a model without the facility a translation-specification exception; the
#    test does not choose.  Page X'6000' of the 4K tables is not used.)
#  - with DAT off again, LRA condition codes 1 (segment invalid) and 2 (page
#    invalid).
# Finally a translation-specification exception from an invalid CR0 format
# (bits 8-12 = 11000) met by LRA with DAT off (suppressed).
#
# The handler returns by loading the old PSW with its IA moved past the
# NOINT `bal`, so DAT is on again after an interruption taken with DAT on.
# A failing check: disabled wait, IA X'F000' + case*16 + what (0 no
# interruption, 1 code, 2 ILC, 3 IA, 5 translation-exception address,
# 6 a check made by the case itself).  It clears X'90' after checking so that
# the unpredictable bits do not reach the differential comparison.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC mode, IA X'200'
        .org  0x58
        .long 0x000A0000, 0x00000E58    # external new PSW
        .long 0x000A0000, 0x00000E60    # SVC new PSW
        .long 0x00080000, pgmh          # program new PSW: EC, DAT off, key 0
        .long 0x000A0000, 0x00000E70    # machine-check new PSW
        .long 0x000A0000, 0x00000E78    # I/O new PSW

        # CASE n, code, ilc, nullified, tea-register-or-none
        # then `8:` the faulting instruction, then NOINT.
        .macro CASE n, code, ilc, null, tea
        la    %r13,\n
        la    %r1,\code
        sth   %r1,expcode
        la    %r1,\ilc
        stc   %r1,expilc
        .if \null
        la    %r1,8f
        .else
        la    %r1,9f
        .endif
        st    %r1,expia
        la    %r1,9f+4
        st    %r1,resume
        .ifc  \tea,none
        mvc   exptea(4),minus1
        .else
        st    \tea,exptea
        .endif
        .endm
        .macro NOINT
9:      bal   %r14,noint
        .endm
        .macro CHECKIF m, n             # case-own check: fail n if CC in mask m
        bc    15-(\m),.+12
        la    %r13,\n
        b     own
        .endm

        # FORMAT base-case, descriptor: one translation format.
        # Descriptor: CR0, CR1, TEA mask, segment-1 address.
        .macro FORMAT c, d, ts
        lctl  0,1,\d
        ptlb
        l     %r6,12+\d                 # an address in segment 1
        l     %r7,a5000
        l     %r8,a6000
        l     %r5,a4000
        mvc   teamask(4),8+\d
        stosm oldmask,0x04              # DAT on; code and tables are V=R
        l     %r4,0(%r5)                # virtual X'4000' is real X'3000'
        c     %r4,mark3
        CHECKIF 7, \c
        lra   %r4,0(%r5)
        CHECKIF 7, \c
        c     %r4,a3000
        CHECKIF 7, \c
        CASE  \c+1, 0x10, 2, 1, %r6     # segment-translation: nullified
8:      l     %r4,0(%r6)
        NOINT
        CASE  \c+2, 0x11, 2, 1, %r7     # page-translation: nullified
8:      l     %r4,0(%r7)
        NOINT
        .if \ts
        CASE  \c+3, 0x12, 2, 0, none    # translation specification: suppressed
8:      l     %r4,0(%r8)
        NOINT
        .endif
        stnsm oldmask,0xFB              # DAT off
        lra   %r4,0(%r6)
        CHECKIF 11, \c+4                # CC 1: segment-table entry invalid
        lra   %r4,0(%r7)
        CHECKIF 13, \c+5                # CC 2: page-table entry invalid
        .endm

        .org  0x200
start:  lpsw  ecpsw                     # EC mode, DAT off
ec:     FORMAT 0x10, fmt4k64k, 0
        FORMAT 0x20, fmt4k1m, 0
        FORMAT 0x30, fmt2k64k, 1
        FORMAT 0x40, fmt2k1m, 1

        lctl  0,0,badcr0                # bits 8-12 = 11000: no such format
        l     %r5,a4000
        CASE  0x50, 0x12, 2, 0, none
8:      lra   %r4,0(%r5)
        NOINT
        lpsw  success

own:    la    %r2,6
        b     fail

# Program-interruption handler: EC mode, DAT off.  Uses R1-R3.
pgmh:   lh    %r1,0x8E                  # interruption code
        ch    %r1,expcode
        la    %r2,1
        bc    7,fail
        sr    %r1,%r1
        ic    %r1,0x8D                  # ILC in bits 5-6
        srl   %r1,1
        n     %r1,three
        clm   %r1,1,expilc
        la    %r2,2
        bc    7,fail
        l     %r1,0x2C                  # EC: bits 40-63 are the IA
        n     %r1,iamask
        c     %r1,expia
        la    %r2,3
        bc    7,fail
        clc   exptea(4),minus1
        bc    8,1f
        l     %r1,0x90
        n     %r1,teamask
        c     %r1,exptea
        la    %r2,5
        bc    7,fail
        xc    0x90(4),0x90
1:      mvc   0x2D(3),resume+1          # resume past NOINT, in the old state
        lpsw  0x28

noint:  la    %r2,0
fail:   lr    %r3,%r13
        sll   %r3,4
        ar    %r3,%r2
        a     %r3,failbase
        st    %r3,failpsw+4
        lpsw  failpsw

        .align 8
ecpsw:  .long 0x00080000, ec            # EC, DAT off, supervisor, key 0
success: .long 0x000A0000, 0x00000000
failpsw: .long 0x000A0000, 0
        # descriptors: CR0, CR1, TEA mask, an address in segment 1
fmt4k64k: .long 0x00800000, 0x00001000, 0xFFFFF000, 0x010000
fmt4k1m:  .long 0x00900000, 0x00001040, 0xFFFFF000, 0x100000
fmt2k64k: .long 0x00400000, 0x00001080, 0xFFFFF800, 0x010000
fmt2k1m:  .long 0x00500000, 0x000010C0, 0xFFFFF800, 0x100000
badcr0: .long 0x00C00000
expia:  .long 0
resume: .long 0
exptea: .long 0
teamask: .long 0
expcode: .short 0
expilc: .byte 0
oldmask: .byte 0
        .align 4
iamask: .long 0x00FFFFFF
minus1: .long 0xFFFFFFFF
three:  .long 3
failbase: .long 0xF000
a3000:  .long 0x3000
a4000:  .long 0x4000
a5000:  .long 0x5000
a6000:  .long 0x6000
mark3:  .ascii "MRK3"

# Translation tables.  Segment tables: 16 entries (CR1 STL 0); segment 0
# valid, the rest invalid (bit 31).  Segment-table entry: PTL in bits 0-3,
# page-table origin in bits 8-28.
        .org  0x1000
        .macro SEGTAB pte
        .long \pte
        .rept 15
        .long 0x00000001
        .endr
        .endm
        SEGTAB 0xF0001100               # 4K/64K: PTL 15 = 16 entries
        SEGTAB 0x00001140               # 4K/1M:  PTL 0 = 16 entries
        SEGTAB 0xF0001180               # 2K/64K: PTL 15 = 32 entries
        SEGTAB 0x000011C0               # 2K/1M:  PTL 0 = 32 entries

# Page tables.  4K entry: frame in bits 0-11, invalid bit 12, bits 13-14
# must be zero.  2K entry: frame in bits 0-12, invalid bit 13, bit 14 must
# be zero.
        .macro PT4K
        .short 0x0000, 0x0010, 0x0020, 0x0030   # X'0000'-X'3FFF': V=R
        .short 0x0030                   # X'4000' -> real X'3000'
        .short 0x0008                   # X'5000': invalid
        .short 0x0064                   # X'6000': bit 13 on
        .rept 9
        .short 0x0008
        .endr
        .endm
        .macro PT2K
        .short 0x0000, 0x0008, 0x0010, 0x0018, 0x0020, 0x0028, 0x0030, 0x0038
        .short 0x0030, 0x0038           # X'4000'-X'4FFF' -> real X'3000'-X'3FFF'
        .short 0x0004, 0x0004           # X'5000'-X'5FFF': invalid
        .short 0x0062                   # X'6000': bit 14 on
        .rept 19
        .short 0x0004
        .endr
        .endm
        .org  0x1100
        PT4K
        .org  0x1140
        PT4K
        .org  0x1180
        PT2K
        .org  0x11C0
        PT2K

        .org  0x3000
        .ascii "MRK3"
        .org  0x4000
        .ascii "MRK4"
