# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_fixed.s — fixed-point binary arithmetic: LR LTR LCR LPR LNR AR SR ALR SLR CR MR DR
# L LH ST STH LA LM STM A AH S SH AL SL C CH M MH D SPM, with overflow, divide and
# specification exceptions, per GA22-7000 chapter 7 (General Instructions).
        .set FILEID, 0x01
        .include "insn_head.inc"
        .org 0x200
# ---- RR loads: LR LTR LCR LPR LNR -------------------------------------
        l    %r2,w1234
        lr   %r3,%r2
        CKR  %r3,0x12345678
        ltr  %r3,%r3
        CKCC 2
        sr   %r4,%r4
        ltr  %r5,%r4
        CKCC 0
        CKR  %r5,0
        l    %r4,wm5
        ltr  %r5,%r4
        CKCC 1
        CKR  %r5,-5
        la   %r4,5
        lcr  %r5,%r4
        CKCC 1
        CKR  %r5,-5
        lcr  %r6,%r5
        CKCC 2
        CKR  %r6,5
        sr   %r4,%r4
        lcr  %r5,%r4
        CKCC 0
        l    %r4,wmaxn
        lcr  %r5,%r4
        CKCC 3
        CKR  %r5,0x80000000
        l    %r4,wm5
        lpr  %r5,%r4
        CKCC 2
        CKR  %r5,5
        lpr  %r6,%r5
        CKCC 2
        CKR  %r6,5
        l    %r4,wmaxn
        lpr  %r5,%r4
        CKCC 3
        CKR  %r5,0x80000000
        sr   %r4,%r4
        lpr  %r5,%r4
        CKCC 0
        la   %r4,5
        lnr  %r5,%r4
        CKCC 1
        CKR  %r5,-5
        lnr  %r6,%r5
        CKCC 1
        CKR  %r6,-5
        sr   %r4,%r4
        lnr  %r5,%r4
        CKCC 0
        l    %r4,wmaxn
        lnr  %r5,%r4
        CKCC 1
        CKR  %r5,0x80000000

# ---- AR SR A S AH SH: CC and overflow (mask off) ----------------------
        l    %r4,wmaxp
        la   %r5,1
        ar   %r4,%r5
        CKCC 3
        CKR  %r4,0x80000000
        la   %r4,5
        l    %r5,wm5
        ar   %r4,%r5
        CKCC 0
        l    %r4,wm3
        la   %r5,1
        ar   %r4,%r5
        CKCC 1
        CKR  %r4,-2
        la   %r4,2
        a    %r4,w3
        CKCC 2
        CKR  %r4,5
        l    %r4,wmaxn
        a    %r4,wmaxn
        CKCC 3
        CKR  %r4,0
        la   %r4,5
        la   %r5,3
        sr   %r4,%r5
        CKCC 2
        CKR  %r4,2
        l    %r4,wmaxn
        la   %r5,1
        sr   %r4,%r5
        CKCC 3
        CKR  %r4,0x7FFFFFFF
        la   %r4,3
        s    %r4,w3
        CKCC 0
        CKR  %r4,0
        s    %r4,w3
        CKCC 1
        CKR  %r4,-3
        la   %r4,10
        ah   %r4,hm2                    # halfword sign-extended
        CKCC 2
        CKR  %r4,8
        l    %r4,wmaxp
        ah   %r4,h1
        CKCC 3
        CKR  %r4,0x80000000
        la   %r4,10
        sh   %r4,hm2
        CKCC 2
        CKR  %r4,12
        l    %r4,wmaxn
        sh   %r4,h1
        CKCC 3
        CKR  %r4,0x7FFFFFFF

# ---- ALR SLR AL SL: logical CC ----------------------------------------
        sr   %r4,%r4
        sr   %r5,%r5
        alr  %r4,%r5
        CKCC 0
        la   %r4,1
        la   %r5,2
        alr  %r4,%r5
        CKCC 1
        CKR  %r4,3
        l    %r4,wffff
        la   %r5,1
        alr  %r4,%r5
        CKCC 2
        CKR  %r4,0
        l    %r4,wffff
        al   %r4,w3
        CKCC 3
        CKR  %r4,2
        la   %r4,5
        la   %r5,3
        slr  %r4,%r5
        CKCC 3
        CKR  %r4,2
        la   %r4,3
        slr  %r4,%r5
        CKCC 2
        CKR  %r4,0
        la   %r4,3
        sl   %r4,w5
        CKCC 1
        CKR  %r4,-2
        sr   %r4,%r4
        sl   %r4,wzero                  # 0 - 0: carry, zero
        CKCC 2

# ---- CR C CH ----------------------------------------------------------
        la   %r4,1
        la   %r5,2
        cr   %r4,%r5
        CKCC 1
        cr   %r5,%r4
        CKCC 2
        cr   %r4,%r4
        CKCC 0
        l    %r4,wm3
        c    %r4,w3                     # signed: -3 < 3
        CKCC 1
        c    %r4,wm3
        CKCC 0
        l    %r4,wmaxp
        c    %r4,wmaxn
        CKCC 2
        l    %r4,wm3
        ch   %r4,hm2
        CKCC 1
        la   %r4,1
        ch   %r4,hm2
        CKCC 2
        l    %r4,wm5
        ch   %r4,hm5
        CKCC 0

# ---- L LH ST STH LA, unaligned operands -------------------------------
        l    %r6,w1234+1                # S/370: no alignment needed
        CKR  %r6,0x345678AB
        lh   %r6,h8001
        CKR  %r6,0xFFFF8001
        lh   %r6,h7fff
        CKR  %r6,0x00007FFF
        l    %r6,w1234
        st   %r6,work+1
        CKM  work,6, 0x00,0x12,0x34,0x56,0x78,0x00
        sth  %r6,work+2
        CKM  work,6, 0x00,0x12,0x56,0x78,0x78,0x00
        xc   work(8),work
        l    %r7,wffff
        la   %r6,0xFFF(%r7)             # 24-bit address arithmetic
        CKR  %r6,0x00000FFE
        la   %r8,0x10
        la   %r6,0x20(%r7,%r8)
        CKR  %r6,0x0000002F
        la   %r6,0x123
        CKR  %r6,0x123
        la   %r6,0(%r0,%r0)
        CKR  %r6,0

# ---- LM STM with wraparound -------------------------------------------
        lm   %r14,%r1,quad              # r14 r15 r0 r1
        CKR  %r14,0x11111111
        CKR  %r15,0x22222222
        CKR  %r0,0x33333333
        CKR  %r1,0x44444444
        stm  %r15,%r0,work
        CKM  work,8, 0x22,0x22,0x22,0x22,0x33,0x33,0x33,0x33
        stm  %r0,%r0,work+9
        CKM  work+8,6, 0x00,0x33,0x33,0x33,0x33,0x00
        xc   work(16),work
        sr   %r14,%r14
        sr   %r15,%r15
        sr   %r0,%r0

# ---- MR M MH ----------------------------------------------------------
        l    %r3,w10000
        lr   %r5,%r3
        mr   %r2,%r5
        CKR  %r2,1
        CKR  %r3,0
        l    %r3,wm3
        la   %r5,7
        mr   %r2,%r5
        CKR  %r2,-1
        CKR  %r3,-21
        l    %r3,wmaxp
        m    %r2,wmaxp                  # (2**31-1)**2 = 3FFFFFFF 00000001
        CKR  %r2,0x3FFFFFFF
        CKR  %r3,0x00000001
        l    %r3,wmaxn
        m    %r2,wmaxn                  # (-2**31)**2 = 40000000 00000000
        CKR  %r2,0x40000000
        CKR  %r3,0
        la   %r3,1000
        mh   %r3,hm2
        CKR  %r3,-2000
        l    %r3,w10000
        mh   %r3,h8001                  # 0x10000 * -32767, low 32 bits
        CKR  %r3,0x80010000

# ---- DR D -------------------------------------------------------------
        sr   %r2,%r2
        la   %r3,100
        la   %r5,7
        dr   %r2,%r5
        CKR  %r2,2
        CKR  %r3,14
        l    %r2,wffff
        l    %r3,wm100
        dr   %r2,%r5                    # -100 / 7 = -14 rem -2
        CKR  %r2,-2
        CKR  %r3,-14
        sr   %r2,%r2
        la   %r3,100
        d    %r2,wm5                    # 100 / -5 = -20 rem 0
        CKR  %r2,0
        CKR  %r3,-20
        l    %r2,wffff
        l    %r3,wm100
        d    %r2,wm3                    # -100 / -3 = 33 rem -1
        CKR  %r2,-1
        CKR  %r3,33
        l    %r2,wffff
        l    %r3,wmaxn
        d    %r2,wmaxn                  # -2**31 / -2**31 = 1 rem 0
        CKR  %r2,0
        CKR  %r3,1

# ---- program interruptions: divide, specification, overflow ----------
        la   %r2,1
        la   %r3,5
        sr   %r5,%r5
        ARM
        dr   %r2,%r5                    # divide by zero
1:      CKPGM 9
        CKOLD 1, 1b                     # suppressed: IA past the DR, ILC 1
        CKR  %r2,1                      # operands unchanged
        CKR  %r3,5
        la   %r2,1
        sr   %r3,%r3
        ARM
        d    %r2,wone                   # quotient 2**32: too large
2:      CKPGM 9
        CKOLD 2, 2b
        CKR  %r2,1
        CKR  %r3,0
        ARM
        .insn rr,0x1c00,%r3,%r5         # MR with odd R1
        CKPGM 6
        ARM
        .insn rx,0x5d000000,%r3,wone    # D with odd R1
        CKPGM 6
        ARM
        .insn rx,0x5c000000,%r1,wone    # M with odd R1
        CKPGM 6
        # fixed-point overflow with the program mask bit set (SPM)
        l    %r6,spmw                   # CC 1, mask 8 (fixed-point overflow)
        spm  %r6
        CKCC 1
        l    %r4,wmaxp
        ARM
        a    %r4,wone
        CKCC 3                          # result and CC set, then interrupted
        CKPGM 8
        CKR  %r4,0x80000000
        ARM
        lcr  %r5,%r4
        CKCC 3
        CKPGM 8
        ARM
        sla  %r4,1
        CKCC 3
        CKPGM 8
        la   %r4,1
        ar   %r4,%r4                    # no overflow: no interruption
        CKCC 2
        CKR  %r4,2
        sr   %r6,%r6
        spm  %r6                        # mask off again, CC 0
        CKCC 0
        ltr  %r4,%r4
        CKCC 2
        l    %r4,wmaxp
        a    %r4,wone                   # masked: no interruption
        CKCC 3
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6
        sr   %r7,%r7
        sr   %r8,%r8

        .text 2
        .align 8
w1234:  .long 0x12345678, 0xABCDEF01
wm5:    .long -5
wm3:    .long -3
w3:     .long 3
w5:     .long 5
wone:   .long 1
wzero:  .long 0
wm100:  .long -100
wmaxp:  .long 0x7FFFFFFF
wmaxn:  .long 0x80000000
wffff:  .long 0xFFFFFFFF
w10000: .long 0x00010000
spmw:   .long 0x18000000
quad:   .long 0x11111111, 0x22222222, 0x33333333, 0x44444444
h1:     .short 1
hm2:    .short -2
hm5:    .short -5
h8001:  .short 0x8001
h7fff:  .short 0x7FFF
        .align 8
work:   .fill 32,1,0
        .include "insn_tail.inc"
