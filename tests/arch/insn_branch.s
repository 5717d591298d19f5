# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_branch.s — branching: BC BCR BAL BALR BAS BASR BCT BCTR BXH BXLE EX
# (BC-mode link information, EX modification and exceptions), per GA22-7000 chapter 7.
        .set FILEID, 0x03
        .include "insn_head.inc"
        .org 0x200
# ---- BC BCR: every mask against every CC -------------------------------
# For cc = 0..3 set the CC with SPM, then BC with each mask m must branch
# exactly when bit (8>>cc) of m is one.  r6 counts branches taken; the
# expected total is 8 per CC (each CC bit is set in 8 of the 16 masks).
        la   %r8,3                      # CC loop: 3,2,1,0
ccloop: lr   %r7,%r8
        sll  %r7,28                     # CC into bits 2-3 for SPM
        sr   %r6,%r6
        la   %r9,15                     # mask loop: 15..0
mloop:  lr   %r10,%r9
        sll  %r10,4                     # mask into the M1 field
        spm  %r7
        ex   %r10,bctmpl                # BC m,taken
        b    ntaken
taken:  la   %r6,1(%r6)
ntaken: s    %r9,one
        bc   10,mloop
        lr   %r0,%r6
        CKR  %r0,8
        s    %r8,one
        bc   10,ccloop
        sr   %r7,%r7
        spm  %r7
        bc   7,ccbad                    # CC 0: masks 1-7 must not branch
        bc   8,cc0ok
ccbad:  FAILIF 15
cc0ok:  bcr  15,%r0                     # R2 = 0: no branch
        la   %r4,bcr1
        bcr  0,%r4                      # mask 0: no branch
        bcr  15,%r4
        FAILIF 15
bcr1:   la   %r4,bcr2
        bcr  8,%r4                      # CC 0: taken
        FAILIF 15
bcr2:   la   %r4,bcr3
        bcr  7,%r4                      # not taken
        b    bcr4
bcr3:   FAILIF 15
bcr4:

# ---- BALR BAL (BC mode link information) ------------------------------
        l    %r7,spm2                   # CC 2, program mask 0
        spm  %r7
        la   %r4,bal1
        balr %r3,%r4
ret1:   FAILIF 15
bal1:   CKR  %r3,0x60000000+ret1        # ILC 1, CC 2, mask 0
        balr %r3,0                      # no branch, link stored
ret2:   CKR  %r3,0x40000000+ret2        # CC 0 from the CLC of CKR
        l    %r7,spm1f                  # CC 1, mask X'F'
        spm  %r7
        bal  %r3,bal2
ret3:   FAILIF 15
bal2:   sr   %r7,%r7
        spm  %r7
        CKR  %r3,0x9F000000+ret3        # ILC 2, CC 1, mask F
        la   %r4,bal3
        balr %r4,%r4                    # branch to the old R2 value
ret4:   FAILIF 15
bal3:   CKR  %r4,0x40000000+ret4
        la   %r4,bal4
        bal  %r4,0(%r4)
ret5:   FAILIF 15
bal4:   CKR  %r4,0x80000000+ret5

# ---- BASR BAS (no ILC/CC in the link) ---------------------------------
        l    %r7,spm1f
        spm  %r7
        la   %r4,bas1
        basr %r3,%r4
ret6:   FAILIF 15
bas1:   sr   %r7,%r7
        spm  %r7
        CKR  %r3,ret6
        basr %r3,0
ret7:   CKR  %r3,ret7
        bas  %r3,bas2
ret8:   FAILIF 15
bas2:   CKR  %r3,ret8
        la   %r4,bas3
        basr %r4,%r4
ret9:   FAILIF 15
bas3:   CKR  %r4,ret9

# ---- BCT BCTR ---------------------------------------------------------
        la   %r5,3
        sr   %r6,%r6
bct1:   la   %r6,1(%r6)
        bct  %r5,bct1
        CKR  %r5,0
        CKR  %r6,3
        la   %r5,4
        la   %r4,bct2
        sr   %r6,%r6
bct2:   la   %r6,1(%r6)
        bctr %r5,%r4
        CKR  %r6,4
        CKR  %r5,0
        sr   %r5,%r5
        bctr %r5,0                      # 0 - 1, no branch
        CKR  %r5,-1
        la   %r5,1
        bct  %r5,bctbad                 # 1 - 1 = 0: no branch
        b    bct3
bctbad: FAILIF 15
bct3:   l    %r5,maxn
        bct  %r5,bct4                   # wraps to 7FFFFFFF, no overflow
        FAILIF 15
bct4:   CKR  %r5,0x7FFFFFFF

# ---- BXH BXLE ---------------------------------------------------------
        # BXLE with even R3: increment r4, compare r5
        sr   %r2,%r2                    # index
        la   %r4,4                      # increment
        la   %r5,12                     # limit
        sr   %r6,%r6
bx1:    la   %r6,1(%r6)
        bxle %r2,%r4,bx1                # 0,4,8,12 -> 4 passes
        CKR  %r6,4
        CKR  %r2,16
        # BXH with negative increment
        la   %r2,12
        l    %r4,m4                     # increment -4
        sr   %r5,%r5                    # compare value 0
        sr   %r6,%r6
bx2:    la   %r6,1(%r6)
        bxh  %r2,%r4,bx2                # 12 -> 8,4,0: passes 3 (branch while > 0)
        CKR  %r6,3
        CKR  %r2,0
        # odd R3: the increment is also the comparand
        la   %r2,1
        la   %r5,3
        bxh  %r2,%r5,bx3                # 1+3 = 4 > 3: branch
        FAILIF 15
bx3:    CKR  %r2,4
        bxle %r2,%r5,bxbad              # 7 > 3: no branch
        b    bx4
bxbad:  FAILIF 15
bx4:    CKR  %r2,7
        # R1 = R3: the sum also changes the comparand (compared with
        # the comparand before the addition, PoO)
        la   %r4,5
        la   %r5,100
        bxle %r4,%r4,bx5                # 5+5 = 10 <= 100: branch
        FAILIF 15
bx5:    CKR  %r4,10
        la   %r4,6
        la   %r5,11
        bxh  %r4,%r4,bx6                # 12 > 11 (old r5): branch
        FAILIF 15
bx6:    CKR  %r4,12
        # R1 = R3+1 (odd R1 = comparand): comparand is the old R1 value
        la   %r4,1
        la   %r5,5
        bxle %r5,%r4,bx7                # r5 = 6, compared with old r5 5: no branch
        b    bx8
bx7:    FAILIF 15
bx8:    CKR  %r5,6

# ---- EX ---------------------------------------------------------------
        la   %r2,3                      # length 4
        ex   %r2,mvctmpl                # MVC work(0),src -> 4 bytes
        CKM  work,6, 0xC1,0xC2,0xC3,0xC4,0x00,0x00
        sr   %r2,%r2
        ex   %r2,mvctmpl                # R1 = 0: no modification, 1 byte
        CKM  work,6, 0xC1,0xC2,0xC3,0xC4,0x00,0x00
        l    %r2,hi5                    # only bits 24-31 of R1 are used
        ex   %r2,mvctmpl
        CKM  work,8, 0xC1,0xC2,0xC3,0xC4,0xC5,0xC6,0x00,0x00
        xc   work(8),work
        la   %r2,0xF0
        ex   %r2,litmpl                 # LA r1 <- LA r15
        CKR  %r15,0x123
        sr   %r15,%r15
        ex   %r0,tmtmpl                 # CC from the executed TM
        CKCC 3
        l    %r7,spm2
        spm  %r7
        la   %r4,exbal
        ex   %r0,baltmpl                # executed BALR r3,r4
exret:  FAILIF 15
exbal:  sr   %r7,%r7
        spm  %r7
        CKR  %r3,0xA0000000+exret      # ILC of EX (2), CC 2
        ARM
        ex   %r0,extmpl                 # target is EX: execute exception
1:      CKPGM 3
        CKOLD 2, 1b                     # ILC and IA of the first EX
        ARM
        ex   %r0,bctmpl+1               # odd target: specification
        CKPGM 6
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6
        sr   %r7,%r7
        sr   %r8,%r8
        sr   %r9,%r9
        sr   %r10,%r10

        .text 2
        .align 8
bctmpl: bc   0,taken
mvctmpl: mvc work(1),src
litmpl: la   %r0,0x123
tmtmpl: tm   tmbyte,0xFF
baltmpl: balr %r3,%r4
extmpl: ex   %r0,litmpl
spm2:   .long 0x20000000
spm1f:  .long 0x1F000000
one:    .long 1
maxn:   .long 0x80000000
m4:     .long -4
hi5:    .long 0xFFFFFF05
tmbyte: .byte 0xFF
src:    .byte 0xC1,0xC2,0xC3,0xC4,0xC5,0xC6,0xC7,0xC8
        .align 8
work:   .fill 16,1,0
        .include "insn_tail.inc"
