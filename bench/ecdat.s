# ecdat.s — benchmark workload: EC mode, DAT on, problem state, frequent SVCs,
# key-controlled protection and page-table changes.  Only System/370
# instructions (no S37X), so Hercules 3.13 runs it as it is.
#
# GA22-7000 chapters "Control" (PSW, SSK, LPSW, PTLB), "Dynamic Address
# Translation" (4K/2K pages, 64K segments, page-table entries, LRA) and
# "Interruptions" (SVC and program interruptions, EC-mode fixed locations).
#
# A supervisor (EC mode, key 0, DAT off, supervisor state) runs a problem
# program (EC mode, key 8, DAT on, problem state) ROUNDS times with 4K pages
# and ROUNDS times with 2K pages (both 64K segments), ITERS loop iterations each.
#
# Virtual storage of the problem program (same layout in both formats):
#   X'00000'-X'0FFFF'  segment 0, V=R: low storage, supervisor, problem code
#                      at X'1000' and the tables (all key 0: fetch only)
#   X'10000'-X'17FFF'  8 data pages, real X'40000'-X'47FFF', key 8
#   X'1E000'           fetch-protected page, real X'50000', key 3 with F
#   X'1F000'           "window" page, real X'60000' + gen * X'1000' (gen 0-3),
#                      key 8 while mapped, key 9 while not
#   anything else      invalid
#
# Each iteration (about 30 instructions) issues one SVC 1.  Every 16th SVC
# the supervisor remaps the window to the next frame: it gives the old frame
# key 9 and the new one key 8 (SSK), rewrites the page-table entry (two for
# 2K pages), PTLB, checks the new mapping with LRA, and returns in R0 the
# marker word of the new frame, which the problem program compares with the
# first word of its window.  The problem program also counts its iterations
# in word 4 of the window (so every frame gets stores), and every 64th
# iteration it fetches from the fetch-protected page and stores into its key-0
# code page: both must be protection exceptions (code 4), which the program
# handler counts in R5 and resumes past.
#
# End: disabled wait, IA 0 = success.  Otherwise the IA says what failed:
#   X'B01'  MVC/CLC result in a data page        (problem program, via SVC 15)
#   X'B02'  window does not show the new frame's marker (stale translation)
#   X'B03'  a protection probe did not interrupt
#   X'C01'  LRA of the window after a remap: CC or real address wrong
#   X'C02'  sum of the window iteration counters wrong
#   X'C03'  sum of the values passed by SVC 1 wrong
#   X'C04'  number of protection exceptions wrong
#   X'C05'  a data page's result words wrong
#   X'DEA'  unexpected program interruption    X'DEB' unexpected SVC number
#   X'DE5'  external  X'DE7' machine check  X'DE8' I/O interruption
#
# ITERS (per phase, a multiple of 64) and ROUNDS can be set with
# `as --defsym ITERS=n --defsym ROUNDS=n`; the defaults take 5-10 s on
# Hercules 3.13.
        .ifndef ITERS
        .set  ITERS, 1400000
        .endif
        .ifndef ROUNDS
        .set  ROUNDS, 4
        .endif

        .set  PKEY, 0x80                # problem program's key (SSK operand)
        .set  OLDKEY, 0x90              # key of an unmapped window frame
        .set  FPKEY, 0x38               # key 3, fetch protection
        .set  DATA, 0x40000             # real: 8 data frames
        .set  FPROT, 0x50000            # real: fetch-protected frame
        .set  WIN, 0x60000              # real: 4 window frames
        .set  VDATA, 0x10000            # virtual addresses
        .set  VFPROT, 0x1E000
        .set  VWIN, 0x1F000

        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC mode, IA X'200'
        .org  0x58
        .long 0x000A0000, 0x00000DE5    # external new PSW
        .long 0x00080000, svch          # SVC new PSW: EC, DAT off, key 0
        .long 0x00080000, pgmh          # program new PSW: EC, DAT off, key 0
        .long 0x000A0000, 0x00000DE7    # machine-check new PSW
        .long 0x000A0000, 0x00000DE8    # I/O new PSW

# ---- supervisor: set-up ------------------------------------------------------
        .org  0x200
start:  lpsw  suppsw                    # EC mode, DAT off, supervisor, key 0
sup:    l     %r2,adata                 # clear real X'40000'-X'63FFF'
        l     %r3,clearlen
        sr    %r4,%r4
        sr    %r5,%r5                   # no source, pad X'00'
        mvcl  %r2,%r4
        l     %r2,adata                 # storage keys, one SSK per 2K block
        la    %r3,PKEY
        la    %r4,16                    # data frames: key 8
1:      .insn rr,0x0800,%r3,%r2         # SSK
        la    %r2,2048(%r2)
        bct   %r4,1b
        l     %r2,afprot                # fetch-protected frame: key 3 + F
        la    %r3,FPKEY
        .insn rr,0x0800,%r3,%r2         # SSK
        la    %r2,2048(%r2)
        .insn rr,0x0800,%r3,%r2         # SSK
        l     %r2,awin                  # window frames: key 9 (frame 0 is
        la    %r3,OLDKEY                # given key 8 below)
        la    %r4,8
1:      .insn rr,0x0800,%r3,%r2         # SSK
        la    %r2,2048(%r2)
        bct   %r4,1b
        l     %r2,awin                  # window frames: marker words
        l     %r3,winmark
        la    %r4,4
1:      st    %r3,0(%r2)
        ah    %r3,h1                    # (not LA: 24-bit result)
        a     %r2,a4k
        bct   %r4,1b
        l     %r2,adata                 # data pages: the operands
        la    %r4,8
1:      mvc   0(8,%r2),dinit
        a     %r2,a4k
        bct   %r4,1b
        l     %r3,awin                  # map window frame 0 with key 8
        la    %r4,PKEY
        .insn rr,0x0800,%r4,%r3         # SSK
        la    %r3,2048(%r3)
        .insn rr,0x0800,%r4,%r3         # SSK

# ---- supervisor: the rounds ----------------------------------------------------
        l     %r8,rounds
round:  la    %r2,desc4k
        bal   %r7,phase
        la    %r2,desc2k
        bal   %r7,phase
        bct   %r8,round

# ---- supervisor: final checks ------------------------------------------------
        l     %r3,iters                 # iterations in all = 2 * ROUNDS * ITERS
        sll   %r3,1
        m     %r2,rounds                # R3 = low word
        l     %r4,awin                  # = sum of the 4 window counters
        sr    %r5,%r5
        la    %r6,4
1:      al    %r5,4(%r4)
        a     %r4,a4k
        bct   %r6,1b
        clr   %r5,%r3
        la    %r15,0xC02
        bc    7,fail
        l     %r3,iters                 # sum of the SVC 1 values:
        lr    %r5,%r3                   # ROUNDS * ITERS * (ITERS + 1),
        la    %r5,1(%r5)                # modulo 2**32
        mr    %r4,%r3
        m     %r4,rounds
        cl    %r5,svcsum
        la    %r15,0xC03
        bc    7,fail
        l     %r3,iters                 # protection exceptions:
        srl   %r3,6                     # ITERS/64 * 2 probes * 2 formats
        sll   %r3,2                     # * ROUNDS
        m     %r2,rounds
        cl    %r3,pgmcnt
        la    %r15,0xC04
        bc    7,fail
        l     %r2,adata                 # data pages: word 2 = word 0 + word 1,
        la    %r4,8                     # byte 24 = byte 3
1:      clc   8(4,%r2),dsum
        la    %r15,0xC05
        bc    7,fail
        cli   24(%r2),0x78
        bc    7,fail
        a     %r2,a4k
        bct   %r4,1b
        lpsw  success

# Run one phase: R2 -> descriptor (CR0, CR1, window PTE address, PTE count),
# R7 return.  Maps the current window frame in that format's page table,
# runs the problem program, and returns when it issues SVC 3.
phase:  lctl  0,1,0(%r2)
        mvc   curpte(8),8(%r2)
        l     %r3,curframe
        bal   %r6,setpte
        ptlb                            # the format and the tables changed
        stm   %r0,%r15,supsave
        lpsw  probpsw
phase3: lm    %r0,%r15,supsave          # from SVC 3
        br    %r7

# Window page-table entries for real frame R3: 1 entry (4K) or 2 (2K pages,
# the second for frame + X'800').  An entry holds real-address bits 8-19 (4K)
# or 8-20 (2K) in its bits 0-11 / 0-12: the address shifted right 8 in both
# formats.  Uses R3-R5, returns by R6.
setpte: srl   %r3,8
        l     %r4,curpte
        l     %r5,curnpte
1:      sth   %r3,0(%r4)
        la    %r3,8(%r3)                # + X'800' >> 8
        la    %r4,2(%r4)
        bct   %r5,1b
        br    %r6

fail:   st    %r15,failpsw+4            # R15 = the IA to show
        lpsw  failpsw

# ---- SVC interruption handler (EC, DAT off, key 0) ---------------------------
# SVC 1: R1 = a value to add to svcsum; returns R0 = marker of the window
#        frame mapped now (after a remap every 16th call).
# SVC 3: end of the phase.   SVC 15: failure, R15 = the IA to show.
svch:   stm   %r2,%r7,svsave
        lh    %r2,0x8A                  # interruption code
        ch    %r2,h1
        bc    7,svcn1
        l     %r3,svcsum
        alr   %r3,%r1
        st    %r3,svcsum
        l     %r3,svccnt
        la    %r3,1(%r3)
        st    %r3,svccnt
        n     %r3,fifteen
        bc    7,1f
        bal   %r7,remap
1:      l     %r0,curmark
        lm    %r2,%r7,svsave
        lpsw  0x20
svcn1:  ch    %r2,h3
        bc    8,phase3
        ch    %r2,h15
        bc    8,fail
        la    %r15,0xDEB
        b     fail

# Remap the window to the next frame (R7 return; uses R2-R6).
remap:  l     %r2,curframe              # old frame: key 9
        la    %r4,OLDKEY
        .insn rr,0x0800,%r4,%r2         # SSK
        la    %r2,2048(%r2)
        .insn rr,0x0800,%r4,%r2         # SSK
        l     %r2,curgen                # next generation, 0-3
        la    %r2,1(%r2)
        n     %r2,three
        st    %r2,curgen
        lr    %r3,%r2
        a     %r3,winmark
        st    %r3,curmark
        sll   %r2,12
        a     %r2,awin
        st    %r2,curframe
        la    %r4,PKEY                  # new frame: key 8
        .insn rr,0x0800,%r4,%r2         # SSK
        la    %r3,2048(%r2)
        .insn rr,0x0800,%r4,%r3         # SSK
        lr    %r3,%r2
        bal   %r6,setpte
        ptlb
        l     %r3,avwin                 # translation with the new entry
        lra   %r4,0(%r3)
        la    %r15,0xC01
        bc    7,fail
        cl    %r4,curframe
        bc    7,fail
        br    %r7

# ---- program interruption handler (EC, DAT off, key 0) -----------------------
# Expected only: a protection exception (code 4) at one of the two probes;
# it counts it in R5 (the problem program's) and in pgmcnt and resumes at
# the next instruction (the old PSW points past the suppressed one).
pgmh:   stm   %r1,%r2,pgsave
        clc   0x8E(2),h4
        bc    7,pgbad
        l     %r1,0x2C
        n     %r1,iamask
        c     %r1,aprobe1
        bc    8,1f
        c     %r1,aprobe2
        bc    7,pgbad
1:      la    %r5,1(%r5)
        l     %r1,pgmcnt
        la    %r1,1(%r1)
        st    %r1,pgmcnt
        lm    %r1,%r2,pgsave
        lpsw  0x28
pgbad:  la    %r15,0xDEA
        b     fail

# ---- supervisor data -----------------------------------------------------------
        .align 8
suppsw: .long 0x00080000, sup           # EC, DAT off, key 0, supervisor
probpsw: .long 0x04890000, pentry       # EC, DAT on, key 8, problem state
success: .long 0x000A0000, 0x00000000
failpsw: .long 0x000A0000, 0
        # descriptors: CR0, CR1, address of the window PTE, PTE count
desc4k: .long 0x00800000, seg4k, pt4k1 + 2 * 15, 1
desc2k: .long 0x00400000, seg2k, pt2k1 + 2 * 30, 2
curpte: .long 0
curnpte: .long 0
curframe: .long WIN
curgen: .long 0
curmark: .long 0x57494E30               # "WIN0"
winmark: .long 0x57494E30
svcsum: .long 0
svccnt: .long 0
pgmcnt: .long 0
iters:  .long ITERS
rounds: .long ROUNDS
adata:  .long DATA
afprot: .long FPROT
awin:   .long WIN
avwin:  .long VWIN
a4k:    .long 0x1000
clearlen: .long WIN + 0x4000 - DATA
iamask: .long 0x00FFFFFF
fifteen: .long 15
three:  .long 3
aprobe1: .long probe1
aprobe2: .long probe2
dinit:  .long 0x12345678, 0x00010001
dsum:   .long 0x12355679
h1:     .short 1
h3:     .short 3
h4:     .short 4
h15:    .short 15
        .align 8
supsave: .space 64
svsave: .space 24
pgsave: .space 8

# ---- problem program (key 8, problem state, DAT on) ----------------------------
# R8 data base, R9 iteration count, R10 window, R11 data page of this
# iteration, R12 base, R13 fetch-protected page.
        .org  0x1000
pentry: balr  %r12,0
pbase:  l     %r9,piters-pbase(%r12)
        l     %r8,pvdata-pbase(%r12)
        l     %r10,pvwin-pbase(%r12)
        l     %r13,pvfprot-pbase(%r12)
ploop:  lr    %r4,%r9                   # data page (R9 mod 8)
        n     %r4,pseven-pbase(%r12)
        sll   %r4,12
        la    %r11,0(%r4,%r8)
        l     %r1,0(%r11)
        a     %r1,4(%r11)
        st    %r1,8(%r11)
        lr    %r2,%r1
        sll   %r2,2
        ar    %r2,%r1
        n     %r2,pmask-pbase(%r12)
        sth   %r2,12(%r11)
        mvc   16(8,%r11),0(%r11)
        clc   16(8,%r11),0(%r11)
        bc    7,pbad1-pbase(%r12)
        l     %r3,4(%r10)               # count in the window frame
        la    %r3,1(%r3)
        st    %r3,4(%r10)
        lr    %r1,%r9
        svc   1
        c     %r0,0(%r10)               # the frame mapped now?
        bc    7,pbad2-pbase(%r12)
        ic    %r4,3(%r11)
        stc   %r4,24(%r11)
        lr    %r4,%r9
        n     %r4,p63-pbase(%r12)
        bc    7,pnext-pbase(%r12)
        sr    %r5,%r5                   # every 64th: two protection probes
        l     %r6,0(%r13)               # fetch-protected: program check
probe1: st    %r6,pkey0-pbase(%r12)     # key 0 page: program check
probe2: c     %r5,ptwo-pbase(%r12)
        bc    7,pbad3-pbase(%r12)
pnext:  bct   %r9,ploop-pbase(%r12)
        svc   3
pbad1:  la    %r15,0xB01
        svc   15
pbad2:  la    %r15,0xB02
        svc   15
pbad3:  la    %r15,0xB03
        svc   15
        .align 4
piters: .long ITERS
pvdata: .long VDATA
pvwin:  .long VWIN
pvfprot: .long VFPROT
pseven: .long 7
pmask:  .long 0x0000FFFF
p63:    .long 63
ptwo:   .long 2
pkey0:  .long 0

# ---- translation tables ------------------------------------------------------
# Segment tables (CR1: length 0 = 16 entries, origin): segments 0 and 1
# valid, PTL 15 (16 entries of 4K pages or 32 of 2K pages), the rest invalid
# (bit 31).  Page-table entries: real address >> 8; invalid bit X'0008' (4K)
# or X'0004' (2K).
        .org  0x2000
seg4k:  .long 0xF0000000 + pt4k0, 0xF0000000 + pt4k1
        .rept 14
        .long 0x00000001
        .endr
seg2k:  .long 0xF0000000 + pt2k0, 0xF0000000 + pt2k1
        .rept 14
        .long 0x00000001
        .endr
        .org  0x2100
pt4k0:  .set  i, 0                      # segment 0: V=R
        .rept 16
        .short i << 4
        .set  i, i + 1
        .endr
pt4k1:  .set  i, 0                      # segment 1
        .rept 8
        .short (DATA >> 8) + (i << 4)
        .set  i, i + 1
        .endr
        .rept 6
        .short 0x0008
        .endr
        .short FPROT >> 8
        .short WIN >> 8                 # rewritten by the supervisor
        .org  0x2200
pt2k0:  .set  i, 0
        .rept 32
        .short i << 3
        .set  i, i + 1
        .endr
pt2k1:  .set  i, 0
        .rept 16
        .short (DATA >> 8) + (i << 3)
        .set  i, i + 1
        .endr
        .rept 12
        .short 0x0004
        .endr
        .short FPROT >> 8, (FPROT >> 8) + 8
        .short WIN >> 8, (WIN >> 8) + 8
        .org  0x2300
