# dasdread.s — sequential read throughput of a 3350 through CCW chains
# (issue 6: "sequential read throughput of a 3350 image through a CCW
# chain"), for bench/run-bench.sh.
#
# The 3350 at 0190 (an image made fresh by dasdinit for each machine; the
# directive below asks run-bench.sh for it) gets one full-track record R1
# of 19,069 bytes (the 3350's largest, GA26-1638 "3350 Track Capacity") on
# each track of cylinders 1 to NCYL: Seek, Search ID Equal R0 with a TIC
# loop, Write Count Key and Data.  Then ROUNDS passes read them all back in
# order, track by track: Seek, Search ID Equal R1, TIC, Read Data.  Each
# channel program is started by START I/O and waited for by TEST I/O; the
# CSW must be channel end + device end with count 0, and each track's first
# data word must be its own number.  Success: disabled wait IA 0; X'BAD' a
# CSW that is not clean, X'BAE' wrong data, X'DEA' a program interruption.
#
# run-bench.sh reads the next line: the 3350 with NCYL+1 cylinders.
# bench-dasd: 0190 3350 11
        .ifndef NCYL
        .set  NCYL, 10
        .endif
        .ifndef ROUNDS
        .set  ROUNDS, 2000
        .endif
        .equ  NT, 30                    # tracks per cylinder
        .equ  DL, 19069                 # bytes per record
        .text
        .macro CCW cmd, addr, flags, count
        .byte \cmd, 0
        .short \addr
        .byte \flags, 0
        .short \count
        .endm
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW
        .org  0x200
# Everything the code names lies below 4096 (addressed without a base
# register) except the read buffer, reached through R10.
start:  l     %r10,bufad
# ---- write phase: R1 on every track, its number in the first word ----
        la    %r3,wprog
        st    %r3,0x48                  # CAW
        la    %r5,1                     # cylinder
wcyl:   sr    %r6,%r6                   # head
wtrk:   sth   %r5,wseek+2
        sth   %r6,wseek+4
        sth   %r5,wsid
        sth   %r6,wsid+2
        sth   %r5,rec
        sth   %r6,rec+2
        lr    %r7,%r5
        mh    %r7,h30
        ar    %r7,%r6
        st    %r7,data                  # the track's number
        bal   %r14,sio
        la    %r6,1(%r6)
        ch    %r6,h30
        bl    wtrk
        la    %r5,1(%r5)
        ch    %r5,hlast
        bl    wcyl
# ---- read phase: ROUNDS passes over all of them ----------------------
        la    %r3,rprog
        st    %r3,0x48
        l     %r9,rounds
round:  la    %r5,1
rcyl:   sr    %r6,%r6
rtrk:   sth   %r5,rseek+2
        sth   %r6,rseek+4
        sth   %r5,rsid
        sth   %r6,rsid+2
        bal   %r14,sio
        lr    %r7,%r5
        mh    %r7,h30
        ar    %r7,%r6
        c     %r7,0(%r10)
        bne   wrong
        la    %r6,1(%r6)
        ch    %r6,h30
        bl    rtrk
        la    %r5,1(%r5)
        ch    %r5,hlast
        bl    rcyl
        bct   %r9,round
        lpsw  done
# START I/O on 0190, TEST I/O until it is done, check the CSW.
sio:    .long 0x9C000190                # SIO 190
        bc    7,bad
1:      .long 0x9D000190                # TIO 190
        bc    2,1b
        clc   0x44(4),want
        bne   bad
        br    %r14
bad:    lpsw  badpsw
wrong:  lpsw  wrongpsw
        .align 8
done:   .long 0x00020000, 0x00000000
badpsw: .long 0x00020000, 0x00000BAD
wrongpsw: .long 0x00020000, 0x00000BAE
want:   .byte 0x0C, 0x00, 0x00, 0x00
bufad:  .long buf
rounds: .long ROUNDS
h30:    .short NT
hlast:  .short NCYL+1
        .align 8
wprog:  CCW   0x07, wseek, 0x40, 6      # Seek
wsrch:  CCW   0x31, wsid, 0x40, 5       # Search ID Equal (R0)
        CCW   0x08, wsrch, 0, 0         # TIC back until found
        CCW   0x1D, rec, 0, 8+DL        # Write Count Key and Data
rprog:  CCW   0x07, rseek, 0x40, 6      # Seek
rsrch:  CCW   0x31, rsid, 0x40, 5       # Search ID Equal (R1)
        CCW   0x08, rsrch, 0, 0         # TIC back until found
        CCW   0x06, buf, 0, DL          # Read Data
wseek:  .short 0, 0, 0                  # BB CC HH
wsid:   .short 0, 0                     # CC HH, R0
        .byte 0
rseek:  .short 0, 0, 0
rsid:   .short 0, 0                     # CC HH, R1
        .byte 1
        .align 4
rec:    .short 0, 0                     # count of R1: CC HH R KL DL
        .byte 1, 0
        .short DL
data:   .fill DL, 1, 0xC4
        .align 4
buf:    .fill DL, 1, 0
