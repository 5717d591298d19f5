# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_control.s — control instructions: LPSW (BC/EC) SVC (BC/EC old PSW, ILC, code, under EX)
# MC SSM STNSM STOSM LCTL STCTL SPX STPX STAP STIDP PTLB SIGP DIAG, I/O instructions (CC 3),
# privileged-operation exceptions, per GA22-7000 chapters 4, 6, 10 and 12.
        .set FILEID, 0x0A
        .include "insn_head.inc"
        .org 0x200
        mvc  0x60(8),svcnew             # SVC new PSW -> svch
        lctl 2,2,zero                   # no channel masks in CR2 either

# ---- LPSW: BC mode CC and program mask; EC mode -----------------------
        lpsw bccc2
bcl1:   CKCC 2
        lpsw ecpsw                      # EC mode, CC 1
ecl1:   CKCC 1
        balr %r3,0                      # link information in EC mode
ecl2:   CKR  %r3,0x50000000+ecl2        # ILC 1, CC 1
# ---- SVC in EC mode: old PSW at X'20', ILC/code at X'88' --------------
        svc  0xAB
svcr2:  l    %r6,svcold
        CKR  %r6,0x00080000             # EC mode, key 0, CC 0
        l    %r6,svcold+4
        CKR  %r6,svcr2
        CKM  svcinfo,4, 0x00,0x02,0x00,0xAB
# ---- MC in EC mode ----------------------------------------------------
        lctl 8,8,cr8c0                  # monitor class 0 enabled
        ARM
        mc   0x123,0
        CKPGM 0x40
        CKM  0x94,2, 0x00,0x00
        CKM  0x9C,4, 0x00,0x00,0x01,0x23
        lpsw bcpsw                      # back to BC mode
bcl2:   mc   0x456,1                    # class 1 masked: no interruption
        lctl 8,8,cr8c15
        l    %r5,w100000
        ARM
        mc   0x789(%r5),15              # BC mode, class 15
        CKPGM 0x40
        # (the class and code stored in BC mode are checked by insn_mc_bc.s:
        # Hercules 3.13 stores them only in EC mode)
        ARM
        mc   0,0x10                     # class > 15: specification
        CKPGM 6
        lctl 8,8,zero
        mc   0x123,0                    # all masked
        xc   0x94(2),0x94
        xc   0x9C(4),0x9C

# ---- SVC in BC mode: code and ILC in the old PSW ----------------------
        l    %r7,spm1
        spm  %r7                        # CC 1, mask 0
        svc  0x12
svcr1:  l    %r6,svcold
        CKR  %r6,0x00000012
        l    %r6,svcold+4
        CKR  %r6,0x50000000+svcr1       # ILC 1, CC 1
        la   %r2,0x34
        ex   %r2,svctmpl                # SVC as the target of EX
svcr3:  l    %r6,svcold
        CKR  %r6,0x00000034
        l    %r6,svcold+4
        CKR  %r6,0x80000000+svcr3       # ILC 2 (of EX), CC 0

# ---- SSM STNSM STOSM --------------------------------------------------
        ssm  sm7e                       # channel masks, no external
        stnsm smout,0x00
        CKM  smout,1, 0x7E
        stosm smout,0x42
        CKM  smout,1, 0x00
        stnsm smout,0x40
        CKM  smout,1, 0x42
        stnsm smout,0x00
        CKM  smout,1, 0x40
        stctl 0,0,cr0save
        l    %r6,cr0save
        o    %r6,cr0ssm                 # CR0 bit 1: SSM suppression
        st   %r6,cr0tmp
        lctl 0,0,cr0tmp
        ARM
        ssm  sm7e
        CKPGM 0x13                      # special operation
        lctl 0,0,cr0save
        ssm  zero
        stnsm smout,0xFF
        CKM  smout,1, 0x00

# ---- LCTL STCTL -------------------------------------------------------
        stctl 0,15,crsave
        lctl 8,11,crtest
        stctl 8,11,crout
        CKM  crout,16, 0,0,0xA5,0xA5, 0,0,0,0, 0,0x12,0x34,0x56, 0,0x65,0x43,0x21
        stctl 10,10,crout               # one register
        CKM  crout,4, 0,0x12,0x34,0x56
        mvc  wrap(4),crsave+60          # CR15 CR0 CR1 as they are
        mvc  wrap+4(8),crsave
        lctl 15,2,wrap                  # wraps: CR15 CR0 CR1 CR2
        stctl 2,2,crout
        CKM  crout,4, 0xFF,0xFF,0x00,0x00
        stctl 15,2,crout2
        clc  crout2(16),wrap
        FAILIF 7
        lctl 0,15,crsave                # restore all
        stctl 0,15,crout2
        clc  crout2(64),crsave
        FAILIF 7
        ARM
        lctl 8,8,crtest+2               # not on a word boundary
        CKPGM 6
        ARM
        stctl 8,8,crout+1
        CKPGM 6
        xc   crsave(64),crsave
        xc   crout2(64),crout2
        xc   wrap(12),wrap
        xc   cr0save(4),cr0save
        xc   cr0tmp(4),cr0tmp
        xc   crout(16),crout

# ---- SPX STPX ---------------------------------------------------------
        stpx pfx
        CKM  pfx,4, 0,0,0,0
        l    %r2,w3000                  # copy page 0 to absolute 3000
        l    %r3,w1000
        sr   %r4,%r4
        l    %r5,w1000
        mvcl %r2,%r4
        mvi  marker,0x11
        spx  pfxval                     # prefix 3000
        stpx pfx
        CKM  pfx,4, 0x00,0x00,0x30,0x00
        mvi  marker,0xAB                # real marker -> absolute 3000+marker
        CKM  marker,1, 0xAB
        l    %r5,w3000
        cli  marker(%r5),0x11           # real 3000+marker -> absolute marker
        FAILIF 7
        spx  zero
        stpx pfx
        CKM  pfx,4, 0,0,0,0
        CKM  marker,1, 0x11
        cli  marker(%r5),0xAB
        FAILIF 7
        ARM
        spx  pfxval+2                   # not on a word boundary
        CKPGM 6
        ARM
        spx  pfxbad                     # prefix area not in storage
        CKPGM 5
        stpx pfx
        CKM  pfx,4, 0,0,0,0
        mvi  marker,0
        l    %r2,w3000                  # clear the copy
        l    %r3,w1000
        sr   %r5,%r5
        mvcl %r2,%r4

# ---- STAP STIDP PTLB SIGP ---------------------------------------------
        mvc  cpuad(2),ones
        stap cpuad
        CKM  cpuad,2, 0x00,0x00
        ARM
        stap cpuad+1
        CKPGM 6
        mvc  cpuid(8),ones
        stidp cpuid
        clc  cpuid(8),ones
        FAILIF 8                        # something was stored
        ARM
        stidp cpuid+4
        CKPGM 6
        xc   cpuid(8),cpuid
        ptlb
        la   %r3,1                      # CPU address 1: not configured
        sr   %r6,%r6
        sigp %r6,%r3,1                  # sense
        CKCC 3
        la   %r3,0x55
        sigp %r6,%r3,5                  # stop
        CKCC 3

# ---- I/O instructions: no such channel/device: CC 3 -------------------
        .insn s,0x9c000000,0x0E80       # SIO
        CKCC 3
        .insn s,0x9c000000,0x0000       # SIO: channel 0 device 00
        CKCC 3
        .insn s,0x9c000000,0x01FF       # SIO: channel 1
        CKCC 3
        .insn s,0x9c010000,0x0E80       # SIOF
        CKCC 3
        .insn s,0x9d000000,0x0E80       # TIO
        CKCC 3
        .insn s,0x9d010000,0x0E80       # CLRIO
        CKCC 3
        .insn s,0x9e000000,0x0E80       # HIO
        CKCC 3
        .insn s,0x9e010000,0x0E80       # HDV
        CKCC 3
        .insn s,0x9f000000,0x0E00       # TCH
        CKCC 3
        .insn s,0xb2030000,0x0E00       # STIDC
        CKCC 3

# ---- privileged operations in the problem state -----------------------
        lpsw probpsw
prob:   ARM
        .insn rr,0x0800,%r0,%r2         # SSK
1:      CKPGM 2
        CKOLD 1, 1b
        CKM  pgmold,2, 0x00,0x01        # old PSW in the problem state
        ARM
        .insn s,0x9c000000,0x0E80       # SIO
        CKPGM 2
        ARM
        lctl 8,8,zero
        CKPGM 2
        ARM
        ssm  zero
        CKPGM 2
        ARM
        lpsw okpsw
        CKPGM 2
        ARM
        ptlb
        CKPGM 2
        ARM
        diag %r0,%r0,0                  # DIAGNOSE: model-dependent, but privileged
        CKPGM 2
        ARM
        sigp %r6,%r3,1
        CKPGM 2
        ARM
        .insn s,0xb2030000,0x0E00       # STIDC
        CKPGM 2
        stck clk                        # not privileged
        xc   clk(8),clk
        ARM
        mc   0,0                        # not privileged (masked)
        CKPGM 0
        mvi  pgmarm,0
        svc  0xFF                       # back to the supervisor state
        stap cpuad                      # privileged: must not interrupt
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6
        sr   %r7,%r7

        .text 2
# SVC handler: keeps the old PSW and X'88'; SVC X'FF' returns in the
# supervisor state.
svch:   mvc  svcold(8),0x20
        mvc  svcinfo(4),0x88
        mvc  svccode(2),0x22            # BC mode: code in the old PSW
        tm   0x21,0x08
        bc   8,1f
        mvc  svccode(2),0x8A            # EC mode: code at X'8A'
1:      cli  svccode+1,0xFF
        bc   7,2f
        ni   0x21,0xFE                  # clear the problem-state bit
2:      lpsw 0x20
svctmpl: svc 0
        .align 8
svcnew: .long 0x00000000, svch
bccc2:  .long 0x00000000, 0x20000000+bcl1
ecpsw:  .long 0x00081000, ecl1
bcpsw:  .long 0x00000000, bcl2
probpsw: .long 0x00010000, prob
svcold: .long 0, 0
svcinfo: .long 0
svccode: .short 0
        .align 4
zero:   .long 0
ones:   .long 0xFFFFFFFF, 0xFFFFFFFF
spm1:   .long 0x10000000
cr8c0:  .long 0x00008000
cr8c15: .long 0x00000001
w100000: .long 0x00100000
w3000:  .long 0x3000
w1000:  .long 0x1000
pfxval: .long 0x00003000
pfxbad: .long 0x00FFF000
cr0ssm: .long 0x40000000
cr0save: .long 0
cr0tmp: .long 0
crtest: .long 0x0000A5A5, 0, 0x00123456, 0x00654321
wrap:   .long 0, 0, 0, 0xFFFF0000       # CR15 CR0 CR1 CR2
crout:  .fill 16,1,0
        .align 8
crsave: .fill 64,1,0
crout2: .fill 64,1,0
pfx:    .long 0
cpuad:  .short 0
        .align 8
cpuid:  .fill 8,1,0
clk:    .fill 8,1,0
smout:  .byte 0
marker: .byte 0
sm7e:   .byte 0x7E
        .include "insn_tail.inc"
