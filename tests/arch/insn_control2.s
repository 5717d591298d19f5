# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_control2.s — control instructions, part 2: STCK SCK SCKC STCKC SPT STPT LRA SSK ISK RRB
# TPROT (BC/EC ISK, R/C bits, key-controlled protection), per GA22-7000 chapters 3, 4 and 10.
        .set FILEID, 0x0D
        .include "insn_head.inc"
        .org 0x200
# ---- STCK SCK ---------------------------------------------------------
        stck clk1
        CKCC 0                          # clock in the set state
        stck clk2
        CKCC 0
        clc  clk2(8),clk1               # successive values increase
        FAILIF 13
        sck  todval
        CKCC 0
        stck clk1
        CKCC 0
        clc  clk1(8),todval             # not below the value set
        FAILIF 4
        clc  clk1(3),todval             # and only microseconds later
        FAILIF 7
        ARM
        sck  todval+4                   # not on a doubleword boundary
        CKPGM 6
        ARM
        stck clk1+4                     # STCK has no alignment rule
        CKPGM 0
        mvi  pgmarm,0

# ---- SCKC STCKC -------------------------------------------------------
        sckc ccval
        stckc clk2
        CKM  clk2,8, 0x76,0x54,0x32,0x10,0x12,0x34,0x50,0x00
        ARM
        sckc ccval+4
        CKPGM 6
        ARM
        stckc clk2+2
        CKPGM 6

# ---- SPT STPT ---------------------------------------------------------
        spt  cptval
        stpt clk2
        clc  clk2(8),cptval             # the CPU timer counts down
        FAILIF 2
        clc  clk2(3),cptval
        FAILIF 7
        ARM
        spt  cptval+4
        CKPGM 6
        ARM
        stpt clk2+1
        CKPGM 6
        xc   clk1(16),clk1

# ---- LRA --------------------------------------------------------------
        stctl 0,1,crsave
        l    %r6,crsave
        n    %r6,cr0tfm                 # clear the translation format
        st   %r6,cr0tmp
        lctl 0,0,cr0tmp                 # bits 8-12 zero: invalid format
        ARM
        lra  %r2,0x123
        CKPGM 0x12                      # translation specification
        o    %r6,cr0fmt                 # 4K pages, 64K segments
        st   %r6,cr0tmp
        lctl 0,0,cr0tmp
        lctl 1,1,cr1val                 # STL 0 (16 entries), STO stab
        l    %r2,ones
        lra  %r2,0x123                  # segment 0, page 0 -> frame 5000
        CKCC 0
        CKR  %r2,0x00005123
        l    %r5,w1000
        lra  %r2,0x0FF(%r5)             # page 1: invalid PTE
        CKCC 2
        CKR  %r2,pt0+2
        l    %r5,w10000
        lra  %r2,0(%r5)                 # segment 1: invalid STE
        CKCC 1
        CKR  %r2,stab+4
        # (page index beyond the page-table length: see insn_herc_dev.s,
        # Hercules 3.13 does not check it)
        l    %r5,w100000
        lra  %r2,0(%r5)                 # segment 16 beyond the table length
        CKCC 3
        lctl 0,1,crsave
        xc   crsave(8),crsave
        xc   cr0tmp(4),cr0tmp

# ---- SSK ISK RRB ------------------------------------------------------
        l    %r5,w4000                  # the 2K block at 4000
        la   %r4,0x36                   # key 3, F 0, R 1, C 1
        .insn rr,0x0800,%r4,%r5         # SSK
        l    %r6,ones
        .insn rr,0x0900,%r6,%r5         # ISK, BC mode: bits 29-31 zero
        CKR  %r6,0xFFFFFF30
        lpsw ecpsw
ec1:    l    %r6,ones
        .insn rr,0x0900,%r6,%r5         # ISK, EC mode: 7-bit key
        CKR  %r6,0xFFFFFF36
        lpsw bcpsw
bc1:    l    %r7,w4800                  # the other 2K block of the page
        sr   %r6,%r6
        .insn rr,0x0900,%r6,%r7
        CKR  %r6,0
        .insn s,0xb2130000,0(%r5)       # RRB: R 1, C 1
        CKCC 3
        .insn s,0xb2130000,0x7FF(%r5)   # same block: R 0, C 1
        CKCC 1
        la   %r4,0x30
        .insn rr,0x0800,%r4,%r5         # key 3, R 0, C 0
        .insn s,0xb2130000,0(%r5)
        CKCC 0
        cli  0(%r5),0                   # a fetch sets R
        .insn s,0xb2130000,0(%r5)
        CKCC 2
        mvi  0x10(%r5),0                # a store sets R and C
        .insn s,0xb2130000,0(%r5)
        CKCC 3
        .insn s,0xb2130000,0(%r5)
        CKCC 1
        l    %r6,w4001
        ARM
        .insn rr,0x0800,%r4,%r6         # R2 bits 28-31 not zero
        CKPGM 6
        ARM
        .insn rr,0x0900,%r4,%r6
        CKPGM 6

# ---- TPROT ------------------------------------------------------------
        la   %r4,0x30                   # key 3, not fetch-protected
        .insn rr,0x0800,%r4,%r5
        tprot 0(%r5),0x30               # matching key
        CKCC 0
        tprot 0(%r5),0x50               # other key: fetch only
        CKCC 1
        tprot 0(%r5),0x00               # key 0
        CKCC 0
        la   %r4,0x38                   # key 3, fetch-protected
        .insn rr,0x0800,%r4,%r5
        tprot 0x123(%r5),0x50
        CKCC 2
        tprot 0(%r5),0x30
        CKCC 0
        tprot 0(%r7),0x50               # block 4800 has key 0
        CKCC 1
# key-controlled protection as seen by instructions
        ARM
        lpsw pk5a                        # PSW key 5
k5a:    mvi  0(%r5),5                   # store: protection exception
        lpsw pk0a
k0a:    CKPGM 4
        cli  0(%r5),0x00
        FAILIF 7
        ARM
        lpsw pk5b
k5b:    cli  0(%r5),0                   # fetch-protected block
        lpsw pk0b
k0b:    CKPGM 4
        lpsw pk3a                        # PSW key 3 matches
k3a:    mvi  0(%r5),3
        lpsw pk0c
k0c:    cli  0(%r5),0x03
        FAILIF 7
        mvi  0(%r5),0
        sr   %r4,%r4
        .insn rr,0x0800,%r4,%r5         # back to key 0
        .insn s,0xb2130000,0(%r5)
        .insn s,0xb2130000,0(%r5)
        sr   %r2,%r2
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6
        sr   %r7,%r7

        .text 2
        .align 8
todval: .long 0x12345600, 0x00000000
ccval:  .long 0x76543210, 0x12345000
cptval: .long 0x12345678, 0x00000000
clk1:   .long 0, 0
clk2:   .long 0, 0
ecpsw:  .long 0x00080000, ec1
bcpsw:  .long 0x00000000, bc1
pk5a:   .long 0x00500000, k5a
pk5b:   .long 0x00500000, k5b
pk3a:   .long 0x00300000, k3a
pk0a:   .long 0x00000000, k0a
pk0b:   .long 0x00000000, k0b
pk0c:   .long 0x00000000, k0c
ones:   .long 0xFFFFFFFF
w1000:  .long 0x1000
w2000:  .long 0x2000
w4000:  .long 0x4000
w4001:  .long 0x4001
w4800:  .long 0x4800
w10000: .long 0x10000
w100000: .long 0x100000
cr0tfm: .long 0xFF07FFFF
cr0fmt: .long 0x00800000
cr1val: .long stab                      # STL 0, STO stab
cr0tmp: .long 0
crsave: .long 0, 0
        .align 64
stab:   .long 0x10000000+pt0            # PTL 1: pages 0-1
        .fill 15,4,1                    # segments 1-15 invalid
pt0:    .short 0x0050, 0x0008           # page 0 -> 5000, page 1 invalid
        .include "insn_tail.inc"
