# expect: PSW=000A0000 00000000
# diff-range: 80-FFF
# per.s — program-event recording (GA22-7000 chapter 4, "Program-Event Recording"): the four
# events (successful branching, instruction fetching, storage alteration, general-register
# alteration), the CR10-CR11 area with wrap-around, the CR9 register mask, EXECUTE, LPSW and
# SVC, and PER together with fixed-point overflow, decimal overflow, fixed-point divide and
# the monitor event.  Runs in EC mode; every check arms the program-interruption handler,
# loads CR9-CR11, turns the PER mask on with STOSM and runs one instruction.  The handler
# records the code (X'8E'), the PER code and address (X'96'-X'9B') and the old PSW, and
# resumes with the PER mask off.
#
# Validated on Hercules 3.13, which differs from GA22-7000 in three points that this program
# therefore leaves out (tests/unit/test_per.c checks them on s370): it indicates no general-
# register alteration at all; it indicates storage alteration for COMPARE AND SWAP when the
# comparison fails and nothing is stored ("considered to alter the second-operand location only
# when storing actually occurs"); and it drops the events of LPSW and SVC when the new PSW has
# the PER mask off.  Here the new PSWs of LPSW and SVC keep the PER mask on.
        .set FILEID, 0x20
        .text
        .org 0
        .long 0x00000000, 0x00000200      # restart new PSW: BC mode, IA X'200'
        .org 0x58
        .long 0x000A0000, 0x00000E58      # external new PSW: disabled wait E58
        .long 0x40080000, svch            # SVC new PSW: EC, PER on
        .long 0x00080000, pgmh            # program new PSW: EC, PER off
        .long 0x000A0000, 0x00000E70      # machine-check new PSW
        .long 0x000A0000, 0x00000E78      # I/O new PSW

# Checks.  A failing check loads a disabled wait whose IA is
# FILEID<<16 | check-number<<4.  An unexpected program interruption
# loads a disabled wait with IA X'DE0000' | code<<4.
        .set chk, 0
        .macro FAILIF m                   # fail when CC matches mask m
        .set chk, chk+1
        bc   15-(\m),.+12
        la   %r1,chk
        b    fail
        .endm
        .macro CKR r, v                   # fail unless register r == v
        .text 1
        .align 4
lit\@:  .long \v
        .text 0
        c    \r,lit\@
        FAILIF 7
        .endm
        .macro CKPGM code                 # fail unless the interruption code is code
        .text 1
        .align 2
lit\@:  .short \code
        .text 0
        clc  pgmcode(2),lit\@
        FAILIF 7
        .endm
        .macro PER cr9, start, end        # arm, load CR9-CR11, PER mask on
        .text 1
        .align 4
lit\@:  .long \cr9, \start, \end
        .text 0
        la   %r11,lit\@
        bal  %r10,arm
        stosm smout,0x40
        .endm
        .macro NOPER loc=smout            # PER mask off; no interruption may have happened
        stnsm \loc,0xBF
        mvi  pgmarm,0
        CKPGM 0
        .endm
        .macro CKEV code, pc, addr, next  # interruption code, PER code, PER address, old IA
        .set chk, chk+1
        .text 1
        .align 2
lit\@:  .short \code
        .byte \pc, 0
        .long \addr, \next
        .text 0
        la   %r12,chk
        la   %r11,lit\@
        bal  %r10,ckev
        .endm

        .org 0x200
        lpsw ecmode                     # EC mode, PER off, DAT off
ec:     lctl 2,2,zero

# ---- instruction fetching: the area, wrap-around -----------------------
        la   %r2,7
        PER  0x40000000, c1, c1
c1:     lr   %r1,%r2                    # event; the instruction is completed
        CKEV 0x80, 0x40, c1, c1+2
        CKR  %r1,7
        PER  0x40000000, c1+1, c1+1     # an area holding only a later byte
        lr   %r1,%r2
        NOPER
        PER  0x40000000, 0x1F0000, 0x1F0010
        lr   %r1,%r2
        NOPER
        PER  0x40000000, 0xFFF000, c2   # start above end: wraps through 0
c2:     lr   %r1,%r2
        CKEV 0x80, 0x40, c2, c2+2
        PER  0x40000000, 0xFFF000, 0x100
        lr   %r1,%r2
        NOPER
        PER  0x40000000, 0xFF000000+c3, 0xFF000000+c3   # CR10/CR11 bits 0-7 ignored
c3:     lr   %r1,%r2
        CKEV 0x80, 0x40, c3, c3+2

# ---- storage alteration -------------------------------------------------
        PER  0x20000000, sa+3, sa+3
c4:     st   %r1,sa                     # last byte of the word in the area
        CKEV 0x80, 0x20, c4, c4+4
        PER  0x20000000, sa+4, sa+7
        st   %r1,sa                     # just below the area
        NOPER
        PER  0x20000000, sa+15, sa+15
c5:     mvc  sa(16),sb                  # last byte of the operand
        CKEV 0x80, 0x20, c5, c5+6
        PER  0x20000000, sa, sa+15
        stcm %r1,0,sa                   # mask 0: no alteration
        NOPER
        PER  0x20000000, sa+8, sa+3     # wrapped: all but sa+4..sa+7
        st   %r1,sa+4
        NOPER sa+4
        PER  0x20000000, sa+8, sa+3
c6:     st   %r1,sa
        CKEV 0x80, 0x20, c6, c6+4
        PER  0x20000000, sa, sa+15
        l    %r1,sa                     # a fetch alters nothing
        NOPER
        xc   sa(4),sa                   # CS: unequal stores nothing
        la   %r3,1
        cs   %r3,%r2,sa                 # unequal: R3 = 0 (not monitored, see above)
        st   %r3,sa+4                   # CS set R3 to the word: now they are equal
        PER  0x20000000, sa+4, sa+7
c7:     cs   %r3,%r2,sa+4               # equal: stored
        CKEV 0x80, 0x20, c7, c7+4

# ---- general-register alteration ---------------------------------------
        PER  0x10007FFF, 0, 0           # all but GR0
        st   %r0,sa                     # no register altered
        NOPER

# ---- successful branching ----------------------------------------------
        PER  0x80000000, 0, 0
c10:    bc   15,c10t
        la   %r1,0xBB
        b    fail
c10t:   CKEV 0x80, 0x80, c10, c10t
        PER  0x80000000, 0, 0
        bc   0,fail
        NOPER
        la   %r7,c11n
        PER  0x80000000, 0, 0
c11:    bcr  15,%r7                     # to the next instruction: still a branch
c11n:   CKEV 0x80, 0x80, c11, c11n
        PER  0x80000000, 0, 0
        bcr  15,%r0                     # R2 = 0: no branch
        balr %r14,%r0
        NOPER
        la   %r3,2
        PER  0x80000000, 0, 0
c12:    bct  %r3,c12t
        la   %r1,0xBC
        b    fail
c12t:   CKEV 0x80, 0x80, c12, c12t
        PER  0x80000000, 0, 0
        bct  %r3,fail                   # count 1 -> 0: no branch
        NOPER
        la   %r4,1
        la   %r6,1
        la   %r7,1
        PER  0x80000000, 0, 0
c13:    bxh  %r4,%r6,c13t               # 2 > 1
        la   %r1,0xBD
        b    fail
c13t:   CKEV 0x80, 0x80, c13, c13t
        PER  0xC0000000, c14, c14       # branch + fetch
c14:    bal  %r14,c14t
c14t:   CKEV 0x80, 0xC0, c14, c14t

# ---- EXECUTE, LPSW, SVC ------------------------------------------------
        PER  0x40000000, ext, ext+1     # the target in the area; PER address = EX
c15:    ex   0,ext
        CKEV 0x80, 0x40, c15, c15+4
        PER  0x80000000, 0, 0
c16:    ex   0,exbc
        la   %r1,0xBE
        b    fail
c16t:   CKEV 0x80, 0x80, c16, c16t
        PER  0x80000000, 0, 0           # LPSW is not a branch
        lpsw lpsw1
l1:     NOPER
        PER  0x40000000, c17, c17       # ... but its fetch event follows it
c17:    lpsw lpsw2
l2:     CKEV 0x80, 0x40, c17, l2
        xc   svcold(8),svcold
        PER  0x40000000, c18, c18
c18:    svc  9                          # SVC interruption first, then PER
        CKEV 0x80, 0x40, c18, svch
        clc  svcold+4(4),lsvc
        FAILIF 7

# ---- with other program-interruption conditions ------------------------
        l    %r1,pm8                    # program mask: fixed-point and decimal overflow
        spm  %r1
        l    %r1,max
        la   %r2,1
        PER  0x40000000, c19, c19
c19:    ar   %r1,%r2                    # completed
        CKEV 0x88, 0x40, c19, c19+2
        PER  0x20000000, pa, pa+1
c20:    ap   pa(2),pb(2)                # 999 + 1: completed, stored
        CKEV 0x8A, 0x20, c20, c20+6
        PER  0x5000FFFF, c21, c21       # divide by zero: suppressed, no GR event
c21:    d    %r2,zero
        CKEV 0x89, 0x40, c21, c21+4
        lctl 8,8,mcmask                 # monitor class 1 enabled
        PER  0x40000000, c22, c22
c22:    mc   0x123,1
        CKEV 0xC0, 0x40, c22, c22+4
        clc  0x94(2),mcls
        FAILIF 7
        clc  0x9C(4),mcode
        FAILIF 7

# ---- end of checks: success -------------------------------------------
        xc   pgmold(8),pgmold
        lpsw okpsw

fail:   sll  %r1,4                        # r1 = check number
        o    %r1,fileid
        st   %r1,failpsw+4
        lpsw failpsw

# arm: r11 -> CR9-CR11 values.  Arms the handler and loads the registers.
arm:    mvi  pgmarm,1
        xc   pgmcode(2),pgmcode
        xc   perinfo(6),perinfo
        lctl 9,11,0(%r11)
        br   %r10
# ckev: r11 -> expected code(2), PER code(2), PER address(4), old IA(4); r12 = check.
ckev:   clc  pgmcode(2),0(%r11)
        bc   7,ckfail
        clc  perinfo(6),2(%r11)
        bc   7,ckfail
        clc  pgmold+4(4),8(%r11)
        bc   7,ckfail
        br   %r10
ckfail: lr   %r1,%r12
        b    fail

# Program-interruption handler: records the code, the PER code and address
# and the old PSW, and resumes at the old PSW with the PER mask off.
pgmh:   mvc  pgmold(8),0x28
        mvc  pgmcode(2),0x8e
        mvc  perinfo(6),0x96
        cli  pgmarm,1
        bc   7,pgmbad
        mvi  pgmarm,0
        ni   pgmold,0xBF
        lpsw pgmold
pgmbad: lh   %r1,pgmcode
        sll  %r1,4
        o    %r1,dea
        st   %r1,badpsw+4
        lpsw badpsw

# SVC handler: returns with the PER mask off.
svch:   mvc  svcold(8),0x20
        ni   0x20,0xBF
        lpsw 0x20

ext:    lr   %r1,%r2
exbc:   bc   15,c16t
        .align 8
ecmode: .long 0x00080000, ec
lpsw1:  .long 0x00080000, l1
lpsw2:  .long 0x40080000, l2
okpsw:  .long 0x000A0000, 0
failpsw: .long 0x000A0000, 0
badpsw: .long 0x000A0000, 0
pgmold: .long 0, 0
svcold: .long 0, 0
zero:   .long 0
zero3:  .long 0, 0, 0
fileid: .long FILEID<<16
dea:    .long 0x00DE0000
pm8:    .long 0x0C000000
max:    .long 0x7FFFFFFF
mcmask: .long 0x00004000
mcode:  .long 0x00000123
lsvc:   .long c18+2
mcls:   .short 0x0001
pgmcode: .short 0
pgmarm: .byte 0
smout:  .byte 0
perinfo: .fill 6,1,0
        .align 8
sa:     .fill 16,1,0
sb:     .fill 16,1,0x5A
pa:     .byte 0x99, 0x9C
pb:     .byte 0x00, 0x1C
