# expect: PSW=00020000 80000000
# device: 0009 3215 (telnet console on CNSLPORT)
# io_telnet.s — a console program for a 3215 reached over telnet: write the
# prompt "TYPE A LINE" (X'09', write with carrier return), read a line (X'0A'
# with SLI, at most 128 bytes), write it back with the lower-case letters made
# capitals, and end in a disabled wait with IA 0.  GA22-7000 chapter 13.
#
# While no client is connected the console is not ready: START I/O ends with
# unit check (condition code 1 with the CSW stored, or an interruption with
# unit check, as another machine may report it).  The program then waits a
# moment and starts again from the prompt, so it runs whether the client comes
# before or after it, and a client that goes away during the Read is followed
# by the next one.  Status without channel end (the device end of "became
# ready", attention) is ignored.
#
# tests/cli/telnet_console.sh runs it on s370 and, when installed, on Hercules.
# An unexpected program interruption loads a disabled wait with IA X'DEA'.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC, key 0, IA X'200'
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, all masks off

        .org  0x200
start:  mvc   0x48(4),cawp              # the prompt
        la    %r6,start                 # where a not-ready console sends us
        bal   %r7,doio
        mvc   0x48(4),cawr              # read the line
        bal   %r7,doio
        la    %r3,128
        sh    %r3,0x46                  # length = 128 - residual count
        ltr   %r3,%r3
        bc    2,upper                   # an empty line is echoed as one blank
        mvi   buf,0x40
        la    %r3,1
upper:  la    %r4,buf                   # a-i, j-r, s-z: X'81'-X'89', X'91'-X'99',
        lr    %r8,%r3                   # X'A2'-X'A9'; capitals are 40 higher
up1:    cli   0(%r4),0x81
        bc    4,next
        cli   0(%r4),0x89
        bc    12,cap
        cli   0(%r4),0x91
        bc    4,next
        cli   0(%r4),0x99
        bc    12,cap
        cli   0(%r4),0xA2
        bc    4,next
        cli   0(%r4),0xA9
        bc    2,next
cap:    oi    0(%r4),0x40
next:   la    %r4,1(%r4)
        bct   %r8,up1
        sth   %r3,ccwe+6                # write it back
        mvc   0x48(4),cawe
        bal   %r7,doio
        lpsw  success

# Run the channel program at the CAW on 009 and wait for its channel end.
# Return by R7 when it ended without unit check; otherwise pause and go to R6.
doio:   .long 0x9C000009                # SIO X'009' (not in GNU as)
        bc    7,retry                   # CC 1 (CSW stored), 2, 3: try again
wait:   la    %r5,gotint
        lpsw  waitio                    # enabled wait, channel 0 mask on
gotint: tm    0x44,0x02                 # unit check: not ready
        bc    1,retry
        tm    0x44,0x08                 # channel end: our program is over
        bc    8,wait                    # only device end or attention: wait on
        br    %r7
retry:  l     %r9,pause
pause1: bct   %r9,pause1
        br    %r6

# I/O interruption: continue at R5 (disabled, the CSW at 64).
iohdl:  br    %r5

        .align 8
waitio: .long 0x80020000, 0x00000000    # BC, channel 0 mask, wait
success: .long 0x00020000, 0x00000000   # disabled wait, IA 0 = success
pause:  .long 0x00400000                # about 4M branches between tries
cawp:   .long ccwp
cawr:   .long ccwr
cawe:   .long ccwe
        .align 8
ccwp:   .long 0x09000000 + prompt       # write, automatic carrier return
        .short 0x0000, promptlen
ccwr:   .long 0x0A000000 + buf          # read inquiry, SLI
        .short 0x2000, 128
ccwe:   .long 0x09000000 + buf          # write the capitals (count set above)
        .short 0x0000, 0
prompt: .byte 0xE3,0xE8,0xD7,0xC5,0x40,0xC1,0x40,0xD3,0xC9,0xD5,0xC5
        .set  promptlen, . - prompt     # TYPE A LINE
buf:    .space 128
