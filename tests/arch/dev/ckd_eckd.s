# ckd_eckd.s — Define Extent, Locate Record and Read Track on the 3380 at
# 190 (a fresh `dasdinit -z` volume), in the table format of ckd_csw.s (64
# bytes per case at X'3000': +0 SIO CC, +1 TIO CC, +6 CSW, +14 the 24 sense
# bytes read right after, +38 the first 26 bytes of the buffer at X'2000'),
# so that s370 and Hercules 3.13 can be compared (tests/cli/ckd_eckd.sh).
# The cases:
#   0 DE, LR Read Tracks (HA) count 2 at 0/14, two Read Tracks: the second is cyl 1 head 0
#   1 DE, LR Read Tracks (HA) at 0/0, Read Track: R0 R1 ...
#   2 DE, LR Read Tracks after R2 of 0/0, Read Track: R3 first
#   3 DE, Read Track without LR: reject (message 2)
#   4 LR without DE: reject (message 2)
#   5 DE, LR Read Tracks, Read Data: reject (message 2)
#   6 DE of 1/0-1/1, LR at 1/2: file protected
#   7 DE, LR Read Data on R1 of 0/0, Read Data: IPL1 data
#   8 DE, DE: reject (message 2)
#   9 DE, Set File Mask: reject (message 2)
#  10 DE, LR Write Track (0B): reject (message 4)
#  11 DE, LR Read Tracks count 1, two Read Tracks: the second rejected
# Ends in a disabled wait with IA 0.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW
        .macro CCW cmd, addr, flags, count
        .byte \cmd, 0
        .short \addr
        .byte \flags, 0
        .short \count
        .endm
        .macro CASE n, prog
        la    %r7,\prog
        bal   %r14,docase
        .endm
        .org  0x200
start:  l     %r6,c3000
        l     %r12,c2000
        CASE  0, p_rt2
        CASE  1, p_rt0
        CASE  2, p_rtr2
        CASE  3, p_rtno
        CASE  4, p_lrno
        CASE  5, p_rtrd
        CASE  6, p_ext
        CASE  7, p_lrrd
        CASE  8, p_de2
        CASE  9, p_desfm
        CASE  10, p_lrbad
        CASE  11, p_rt3
        lpsw  done

# run the program at 0(R7); results at 0(R6)
docase: xc    0(256,%r12),0(%r12)
        st    %r7,0x48
        .long 0x9C000190               # SIO 190
        bal   %r15,savecc
        .long 0x9D000190               # TIO 190
        bc    2,.-4
        bal   %r15,savecc
        mvc   4(8,%r6),0x40
        mvc   36(28,%r6),0(%r12)
        la    %r7,p_sense
        st    %r7,0x48
        .long 0x9C000190
        .long 0x9D000190
        bc    2,.-4
        mvc   12(24,%r6),0x100(%r12)
        la    %r6,62(%r6)
        br    %r14
savecc: la    %r1,0
        bc    8,1f
        la    %r1,1
        bc    4,1f
        la    %r1,2
        bc    2,1f
        la    %r1,3
1:      stc   %r1,0(%r6)
        la    %r6,1(%r6)
        br    %r15
c3000:  .long 0x3000
c2000:  .long 0x2000
        .align 8
done:   .long 0x00020000, 0x00000000

        .align 8
# Define Extent: mask, global attributes (X'C0': Hercules 3.13 rejects
# others; s370 does not check), blocksize, reserved, first and last CCHH
de_all: .byte 0,0xC0,0,0,0,0,0,0
        .short 0,0,884,14
de_1:   .byte 0,0xC0,0,0,0,0,0,0
        .short 1,0,1,1
# Locate Record: op, aux, 0, count, seek CCHH, search CCHHR, sector, TLF
lr_rt2: .byte 0x4C,0,0,2
        .short 0,14,0,14
        .byte 0,0,0,0
lr_rt0: .byte 0x4C,0,0,1
        .short 0,0,0,0
        .byte 0,0,0,0
lr_rtr2: .byte 0x0C,0,0,1
        .short 0,0,0,0
        .byte 2,0,0,0
lr_ext: .byte 0x4C,0,0,1
        .short 1,2,1,2
        .byte 0,0,0,0
lr_rd:  .byte 0x06,0,0,1
        .short 0,0,0,0
        .byte 1,0,0,0
lr_bad: .byte 0x0B,0,0,1
        .short 0,0,0,0
        .byte 0,0,0,0
m00:    .byte 0
        .align 8
p_sense: CCW 0x04, 0x2100, 0x20, 32
p_rt2:  CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_rt2, 0x40, 16
        CCW 0xDE, 0x2000, 0x60, 256
        CCW 0xDE, 0x2000, 0x20, 256
p_rt0:  CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_rt0, 0x40, 16
        CCW 0xDE, 0x2000, 0x20, 256
p_rtr2: CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_rtr2, 0x40, 16
        CCW 0xDE, 0x2000, 0x20, 256
p_rtno: CCW 0x63, de_all, 0x40, 16
        CCW 0xDE, 0x2000, 0x20, 256
p_lrno: CCW 0x47, lr_rt0, 0x40, 16
        CCW 0xDE, 0x2000, 0x20, 256
p_rtrd: CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_rt0, 0x40, 16
        CCW 0x06, 0x2000, 0x20, 256
p_ext:  CCW 0x63, de_1, 0x40, 16
        CCW 0x47, lr_ext, 0x40, 16
        CCW 0xDE, 0x2000, 0x20, 256
p_lrrd: CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_rd, 0x40, 16
        CCW 0x06, 0x2000, 0x20, 256
p_de2:  CCW 0x63, de_all, 0x40, 16
        CCW 0x63, de_all, 0x00, 16
p_desfm: CCW 0x63, de_all, 0x40, 16
        CCW 0x1F, m00, 0x00, 1
p_lrbad: CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_bad, 0x40, 16
        CCW 0xDE, 0x2000, 0x20, 256
p_rt3:  CCW 0x63, de_all, 0x40, 16
        CCW 0x47, lr_rt0, 0x40, 16
        CCW 0xDE, 0x2000, 0x60, 256
        CCW 0xDE, 0x2000, 0x20, 256
