# keys.s — storage keys: SET STORAGE KEY, INSERT STORAGE KEY (BC and EC
# form), RESET REFERENCE BIT, the reference and change bits, and key-
# controlled fetch and store protection (GA22-7000, "Protection" and
# "Storage Key", and the SSK/ISK/RRB instruction descriptions).
# expect: PSW=000A0000 00000000
# diff-range: 0-2FFF
#
# Storage key (bits 24-30 of the SSK/ISK register): ACC 24-27, F 28,
# R 29, C 30.  Blocks used: A = X'2000' and B = X'2800' (2K each); no
# instruction lives there, so only the test's own operands reference them.
# A failing check ends in a disabled wait at X'F000' + case*16 + what
# (0 no interruption, 1 code, 2 ILC, 3 IA, 6 a check made by the case).
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC mode, IA X'200'
        .org  0x58
        .long 0x000A0000, 0x00000E58    # external new PSW
        .long 0x000A0000, 0x00000E60    # SVC new PSW
        .long 0x00080000, pgmh          # program new PSW: EC, key 0
        .long 0x000A0000, 0x00000E70    # machine-check new PSW
        .long 0x000A0000, 0x00000E78    # I/O new PSW

        .macro CASE n, code, ilc        # then the instruction, then NOINT
        la    %r13,\n
        la    %r1,\code
        sth   %r1,expcode
        la    %r1,\ilc
        stc   %r1,expilc
        la    %r1,9f
        st    %r1,expia
        .endm
        .macro NOINT
9:      bal   %r14,noint
        .endm
        .macro CKREG n, r, v            # case n: fail unless register r == word v
        la    %r13,\n
        c     \r,\v
        bc    7,own
        .endm
        .macro CKCC n, cc               # case n: fail unless CC == cc
        la    %r13,\n
        bc    15-(8>>(\cc)),own
        .endm
        .macro SSK r1, r2
        .insn rr,0x0800,\r1,\r2
        .endm
        .macro ISK r1, r2
        .insn rr,0x0900,\r1,\r2
        .endm
        .macro RRB addr
        .insn s,0xB2130000,\addr
        .endm

        .org  0x200
start:  l     %r5,blka
        l     %r6,blkb
        # 1. BC mode: ISK gives ACC and F in bits 24-28, zeros in 29-31,
        #    and leaves bits 0-23 alone.
        la    %r2,0x5E                  # key 5, F, R, C
        SSK   %r2,%r5
        l     %r3,ones
        ISK   %r3,%r5
        CKREG 1, %r3, bcisk
        lpsw  ecpsw
        # 2. EC mode: all seven bits.
ec:     l     %r3,ones
        ISK   %r3,%r5
        CKREG 2, %r3, ecisk
        # 3. Reference and change bits.
        la    %r2,0x58                  # key 5, F, R=0, C=0
        SSK   %r2,%r5
        la    %r2,0x50                  # block B: key 5, no fetch protection
        SSK   %r2,%r6
        sr    %r3,%r3
        ISK   %r3,%r5
        CKREG 3, %r3, k58
        l     %r4,0(%r5)                # key 0 fetch: sets R
        sr    %r3,%r3
        ISK   %r3,%r5
        CKREG 4, %r3, k5c
        RRB   0(%r5)                    # CC 2: R one, C zero; R reset
        CKCC  5, 2
        sr    %r3,%r3
        ISK   %r3,%r5
        CKREG 6, %r3, k58
        st    %r4,0(%r5)                # store: sets R and C
        sr    %r3,%r3
        ISK   %r3,%r5
        CKREG 7, %r3, k5e
        RRB   0(%r5)                    # CC 3
        CKCC  8, 3
        RRB   0(%r5)                    # CC 1: change bit stays
        CKCC  9, 1
        sr    %r3,%r3
        ISK   %r3,%r5
        CKREG 10, %r3, k5a
        # SSK with the address in bits 8-20 only: bits 0-7 and 21-27 ignored.
        l     %r7,blkaodd               # X'FF0027F0' designates block X'2000'
        la    %r2,0x50
        SSK   %r2,%r7
        sr    %r3,%r3
        ISK   %r3,%r5
        CKREG 11, %r3, k50

        # 4. Protection.  Block A: key 5, fetch-protected; block B: key 5.
        la    %r2,0x58
        SSK   %r2,%r5
        CASE  12, 0x04, 2               # key 3 fetch from block A
        lpsw  key3psw
key3a:  l     %r4,0(%r5)
        NOINT
        CASE  13, 0x04, 2               # key 3 store into block B
        lpsw  key3psw2
key3b:  st    %r4,0(%r6)
        NOINT
        lpsw  key3psw3                  # key 3 fetch from block B: allowed
key3c:  l     %r4,0(%r6)
        lpsw  key0psw
key0a:  lpsw  key5psw                   # key 5: store and fetch block A
key5a:  mvc   0(4,%r5),marker
        l     %r4,0(%r5)
        lpsw  key0psw2
key0b:  CKREG 14, %r4, marker
        CASE  15, 0x04, 3               # MVC key 3: the fetch from A fails
        lpsw  key3psw4
key3d:  mvc   0x100(4,%r6),0(%r5)
        NOINT
        clc   0x100(4,%r6),zero         # nothing was stored
        la    %r13,16
        bc    7,own
        # Keys back to 0 for the end state.
        sr    %r2,%r2
        SSK   %r2,%r5
        SSK   %r2,%r6
        lpsw  success

own:    la    %r2,6
        b     fail

# Program-interruption handler: EC mode, key 0.  Uses R1-R3 and resumes
# past the NOINT `bal` in its own state (supervisor, key 0).
pgmh:   lh    %r1,0x8E
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
        l     %r1,0x2C
        n     %r1,iamask
        c     %r1,expia
        la    %r2,3
        bc    7,fail
        l     %r1,expia
        b     4(%r1)

noint:  la    %r2,0
fail:   lr    %r3,%r13
        sll   %r3,4
        ar    %r3,%r2
        a     %r3,failbase
        st    %r3,failpsw+4
        lpsw  failpsw

        .align 8
ecpsw:  .long 0x00080000, ec            # EC, key 0
key0psw: .long 0x00080000, key0a
key0psw2: .long 0x00080000, key0b
key3psw: .long 0x00380000, key3a        # EC, key 3
key3psw2: .long 0x00380000, key3b
key3psw3: .long 0x00380000, key3c
key3psw4: .long 0x00380000, key3d
key5psw: .long 0x00580000, key5a        # EC, key 5
success: .long 0x000A0000, 0x00000000
failpsw: .long 0x000A0000, 0
expia:  .long 0
expcode: .short 0
expilc: .byte 0
        .align 4
iamask: .long 0x00FFFFFF
three:  .long 3
failbase: .long 0xF000
blka:   .long 0x2000
blkb:   .long 0x2800
blkaodd: .long 0xFF0027F0
ones:   .long 0xAAAAAAFF
bcisk:  .long 0xAAAAAA58                # BC: ACC 5, F; bits 29-31 zero
ecisk:  .long 0xAAAAAA5E                # EC: ACC 5, F, R, C; bit 31 zero
k50:    .long 0x50
k58:    .long 0x58
k5a:    .long 0x5A
k5c:    .long 0x5C
k5e:    .long 0x5E
zero:   .long 0
marker: .ascii "KEY5"
