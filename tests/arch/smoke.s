# smoke.s — the smallest useful architecture test: a few instructions and
# storage results, then the success wait.  Exercises the harness itself.
# expect: PSW=00020000 80000000
# diff-range: 0-3FF
#
# Loaded at 0 (see README.md); addresses below X'1000' are used with base 0.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC, key 0, IA X'200'
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait, IA X'DEA'

        .org  0x200
start:  la    %r1,5
        la    %r2,7
        ar    %r1,%r2                   # 12, CC 2
        bc    13,fail1                  # not CC 2 -> fail
        st    %r1,result
        l     %r3,result
        c     %r3,twelve
        bc    7,fail2
        mvc   copy(8),pattern
        clc   copy(8),pattern
        bc    7,fail3
        lpsw  success

fail1:  lpsw  f1
fail2:  lpsw  f2
fail3:  lpsw  f3

        .align 8
success: .long 0x00020000, 0x00000000  # disabled wait, IA 0 = success
f1:     .long 0x00020000, 0x00000F01
f2:     .long 0x00020000, 0x00000F02
f3:     .long 0x00020000, 0x00000F03
twelve: .long 12
result: .long 0
pattern: .byte 1,2,3,4,5,6,7,8
copy:   .space 8
