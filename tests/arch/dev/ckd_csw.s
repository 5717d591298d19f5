# ckd_csw.s — channel programs on the 3350 at 190 (a fresh `dasdinit -z`
# volume), with a table at X'3000' of 64 bytes per case, so that s370 and
# Hercules 3.13 can be compared (tests/cli/ckd_ipl.sh):
#   +0 SIO CC  +1 TIO CC  +6 CSW (of the TIO)  +14 the 24 sense bytes read
#   right after  +38 the first 26 bytes of the buffer at X'2000'.
# Every program runs by START I/O and TEST I/O polling.  The cases: reads
# after Search ID Equal TIC loops (key and data, incorrect length, CKD),
# Read HA and Read Count, Read R0, Read IPL, Recalibrate and Read Multiple
# CKD, no record found, end of cylinder, invalid seek addresses, writes
# without their search, Set File Mask rules, an invalid command, Write CKD
# and reading it back, Read Count and Read Data from index, Sense ID,
# Search Key Equal, Read Track (not on a 3350), Erase, multitrack Read
# Data, end-of-file records, Write HA/R0 under file mask X'C0', Read Multiple
# CKD, Space Count (which Hercules 3.13 rejects), Read HA then Read Data.
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
        CASE  0, p_kd
        CASE  1, p_il
        CASE  2, p_ckd
        CASE  3, p_hacnt
        CASE  4, p_r0
        CASE  5, p_ipl
        CASE  6, p_rmckd
        CASE  7, p_nrf
        CASE  8, p_eoc
        CASE  9, p_bigcyl
        CASE  10, p_bighead
        CASE  11, p_wdnos
        CASE  12, p_mask40
        CASE  13, p_sfm2
        CASE  14, p_bad
        CASE  15, p_wckd
        CASE  16, p_rdback
        CASE  17, p_cntidx
        CASE  18, p_dataidx
        CASE  19, p_sid
        CASE  20, p_skey
        CASE  21, p_rtrk
        CASE  22, p_erase
        CASE  23, p_afterer
        CASE  24, p_mt86
        CASE  25, p_recal
        CASE  26, p_sfm18
        CASE  27, p_cnt03
        CASE  28, p_rd03
        CASE  29, p_m40r1
        CASE  30, p_wr0nm
        CASE  31, p_fmt
        CASE  32, p_fmtrd
        CASE  33, p_skeyeof
        CASE  34, p_rm2
        CASE  35, p_sc1
        CASE  36, p_sc2
        CASE  37, p_rh2
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
seek00: .long 0, 0
seek25: .short 0, 2, 5, 0
s328:   .short 0, 3, 28, 0
s555:   .short 0, 555, 0, 0
s030:   .short 0, 0, 30, 0
seek51: .short 0, 5, 1, 0
id003:  .byte 0,0,0,0,3
id001:  .byte 0,0,0,0,1
id009:  .byte 0,0,0,0,9
id31d9: .byte 0,3,0,0x1D,9
id510:  .byte 0,5,0,1,0
id511:  .byte 0,5,0,1,1
id512:  .byte 0,5,0,1,2
m40:    .byte 0x40
m18:    .byte 0x18
vol1:   .byte 0xE5,0xD6,0xD3,0xF1
        .align 4
rec1:   .byte 0,5,0,1,1,3,0,16, 0xC1,0xC2,0xC3
        .byte 0xF0,0xF1,0xF2,0xF3,0xF4,0xF5,0xF6,0xF7,0xF8,0xF9,0xF0,0xF1,0xF2,0xF3,0xF4,0xF5
rec2:   .byte 0,5,0,1,2,0,0,8, 1,2,3,4,5,6,7,8
        .align 8
p_sense: CCW 0x04, 0x2100, 0x20, 32
p_kd:   CCW 0x07, seek00, 0x40, 6
1:      CCW 0x31, id003, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x0E, 0x2000, 0, 84
p_il:   CCW 0x07, seek00, 0x40, 6
1:      CCW 0x31, id001, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x06, 0x2000, 0, 20
p_ckd:  CCW 0x07, seek00, 0x40, 6
1:      CCW 0x31, id001, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x1E, 0x2000, 0x20, 256
p_hacnt: CCW 0x07, seek00, 0x40, 6
        CCW 0x1A, 0x2000, 0x40, 5
        CCW 0x12, 0x2008, 0x40, 8
        CCW 0x12, 0x2010, 0, 8
p_r0:   CCW 0x07, seek25, 0x40, 6
        CCW 0x16, 0x2000, 0, 16
p_ipl:  CCW 0x02, 0x2000, 0x20, 100
p_rmckd: CCW 0x13, 0, 0x40, 1
        CCW 0x5E, 0x2000, 0x20, 1000
p_nrf:  CCW 0x07, seek00, 0x40, 6
1:      CCW 0x31, id009, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x06, 0x2000, 0, 8
p_eoc:  CCW 0x07, s328, 0x40, 6
1:      CCW 0xB1, id31d9, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x06, 0x2000, 0, 8
p_bigcyl: CCW 0x07, s555, 0, 6
p_bighead: CCW 0x07, s030, 0, 6
p_wdnos: CCW 0x07, seek00, 0x40, 6
        CCW 0x05, 0x2000, 0, 8
p_mask40: CCW 0x1F, m40, 0x40, 1
        CCW 0x07, seek51, 0x40, 6
1:      CCW 0x31, id510, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x05, 0x2000, 0, 8
p_sfm2: CCW 0x1F, m40, 0x40, 1
        CCW 0x1F, m40, 0, 1
p_bad:  CCW 0x27, 0x2000, 0, 1
p_wckd: CCW 0x07, seek51, 0x40, 6
1:      CCW 0x31, id510, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x1D, rec1, 0x40, 27
        CCW 0x1D, rec2, 0, 16
p_rdback: CCW 0x07, seek51, 0x40, 6
1:      CCW 0x31, id511, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x0E, 0x2000, 0x40, 19
        CCW 0x1E, 0x2020, 0x20, 100
p_cntidx: CCW 0x07, seek00, 0x40, 6
        CCW 0x12, 0x2000, 0, 8
p_dataidx: CCW 0x07, seek00, 0x40, 6
        CCW 0x06, 0x2000, 0x20, 256
p_sid:  CCW 0xE4, 0x2000, 0x20, 32
p_skey: CCW 0x07, seek00, 0x40, 6
1:      CCW 0x29, vol1, 0x40, 4
        CCW 0x08, 1b, 0, 0
        CCW 0x06, 0x2000, 0x20, 256
p_rtrk: CCW 0x07, seek00, 0x40, 6
        CCW 0xDE, 0x2000, 0x20, 1000
p_erase: CCW 0x07, seek51, 0x40, 6
1:      CCW 0x31, id511, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x11, rec2, 0x20, 16
p_afterer: CCW 0x07, seek51, 0x40, 6
1:      CCW 0x31, id512, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x06, 0x2000, 0x20, 8
p_mt86: CCW 0x07, s328, 0x40, 6
        CCW 0x86, 0x2000, 0x20, 8
p_recal: CCW 0x13, 0, 0x40, 1
        CCW 0x1A, 0x2000, 0, 5
p_sfm18: CCW 0x1F, m18, 0x40, 1
        CCW 0x07, seek00, 0, 6
p_cnt03: CCW 0x07, s003, 0x40, 6
        CCW 0x12, 0x2000, 0x20, 8
p_rd03: CCW 0x07, s003, 0x40, 6
        CCW 0x06, 0x2000, 0x20, 8
s003:   .short 0, 0, 3, 0
p_m40r1: CCW 0x1F, m40, 0x40, 1
        CCW 0x07, seek00, 0x40, 6
1:      CCW 0x31, id001, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x05, 0x2000, 0, 24
p_wr0nm: CCW 0x07, s052, 0x40, 6
1:      CCW 0x39, ha052, 0x40, 4
        CCW 0x08, 1b, 0, 0
        CCW 0x15, r0060, 0, 16
p_fmt:  CCW 0x1F, mC0, 0x40, 1
        CCW 0x07, s060, 0x40, 6
        CCW 0x19, ha060, 0x40, 5
        CCW 0x15, r0060, 0x40, 16
        CCW 0x1D, r1060, 0x40, 12
        CCW 0x1D, r2060, 0, 8
p_fmtrd: CCW 0x07, s060, 0x40, 6
        CCW 0x16, 0x2000, 0x40, 16
        CCW 0x1E, 0x2010, 0x40, 12
        CCW 0x1E, 0x2020, 0x20, 8
p_skeyeof: CCW 0x07, s060, 0x40, 6
        CCW 0x12, 0x2000, 0x40, 8
        CCW 0x12, 0x2008, 0x40, 8
        CCW 0x06, 0x2010, 0x20, 8
        .align 2
s052:   .short 0, 5, 2, 0
s060:   .short 0, 6, 0, 0
ha052:  .short 5, 2
ha060:  .byte 0
        .byte 0, 6, 0, 0
mC0:    .byte 0xC0
        .align 2
r0060:  .byte 0,6,0,0,0,0,0,8, 0,0,0,0,0,0,0,0
r1060:  .byte 0,6,0,0,1,0,0,4, 0xD1,0xD2,0xD3,0xD4
r2060:  .byte 0,6,0,0,2,0,0,0
        .align 8
p_rm2:  CCW 0x07, seek00, 0x40, 6
        CCW 0x5E, 0x2000, 0x20, 1000
p_sc1:  CCW 0x07, seek00, 0x40, 6
1:      CCW 0x31, id001, 0x40, 5
        CCW 0x08, 1b, 0, 0
        CCW 0x0F, scarg, 0x40, 3
        CCW 0x12, 0x2000, 0, 8
p_sc2:  CCW 0x07, seek00, 0x40, 6
        CCW 0x0F, scarg, 0x40, 3
        CCW 0x12, 0x2000, 0, 8
p_rh2:  CCW 0x07, seek00, 0x40, 6
        CCW 0x1A, 0x2000, 0x40, 5
        CCW 0x06, 0x2008, 0x20, 8
scarg:  .byte 4, 0, 0x90
