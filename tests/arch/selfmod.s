# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# selfmod.s — a program that stores into its own instruction stream.  The
# emulator runs straight-line code from blocks of decoded instructions
# (s370/icache.c); these checks make sure a store into an instruction is
# seen by the next fetch of that instruction (GA22-7000: instructions are
# fetched after the stores of preceding instructions): the patched
# instruction in the same block, one patched in a loop between two
# executions, and one patched by MVC and by ST.
        .set FILEID, 0x10
        .include "insn_head.inc"
        .org 0x200
# ---- MVI into the next instruction of the same straight-line block ------
        mvi  p1+3,5                     # LA 1,0 becomes LA 1,5
p1:     la   %r1,0
        CKR  %r1,5
# ---- a loop whose body is patched between iterations --------------------
        la   %r3,3                      # three passes
        sr   %r4,%r4
loop:
p2:     la   %r5,1                      # patched to LA 5,2 then LA 5,3
        ar   %r4,%r5
        ic   %r6,p2+3
        la   %r6,1(%r6)
        stc  %r6,p2+3
        bct  %r3,loop
        CKR  %r4,6                      # 1 + 2 + 3
# ---- MVC over a whole instruction, then ST over one ---------------------
        mvc  p3(4),newla                # LA 7,0 becomes LA 7,77
p3:     la   %r7,0
        CKR  %r7,77
        l    %r8,newla2
        st   %r8,p4                     # LA 8,0 becomes LA 8,99
p4:     la   %r8,0
        CKR  %r8,99
# ---- a patched branch mask: NOP becomes branch --------------------------
        mvi  p5+1,0xF0                  # BC 0 becomes BC 15
p5:     bc   0,skip
        b    fail
skip:
        .text 1                         # the new instruction images
        .align 4
newla:  la   %r7,77
newla2: la   %r8,99
        .include "insn_tail.inc"
