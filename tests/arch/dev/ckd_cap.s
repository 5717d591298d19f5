# ckd_cap.s — track capacity on the CKD device at 190 (tests/cli/ckd_ipl.sh
# assembles it with --defsym KL=key length, DL=data length): Seek to
# cylinder 1 head 0, Search ID Equal on R0, then 120 Write CKD commands of
# R1, R2, ... (count data-chained to the data at X'10000') until one ends
# in unit check, track overrun; its CSW goes to X'300'.  Then Read Multiple
# CKD of the track into X'10000' (count 65535): its CSW, at X'308', tells
# how many records the track took.  Ends in a disabled wait with IA 0.
        .text
        .macro CCW cmd, addr, flags, count, hi=0
        .byte \cmd, \hi
        .short \addr
        .byte \flags, 0
        .short \count
        .endm
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW
        .org  0x200
start:  la    %r3,write
        bal   %r14,doio
        mvc   0x300(8),0x40
        la    %r3,readm
        bal   %r14,doio
        mvc   0x308(8),0x40
        lpsw  done
doio:   st    %r3,0x48
        .long 0x9C000190                # SIO 190
1:      .long 0x9D000190                # TIO 190
        bc    2,1b
        br    %r14
        .align 8
done:   .long 0x00020000, 0
readm:  CCW   0x07, seek, 0x40, 6
        CCW   0x5E, 0, 0x20, 0xFFFF, 1
write:  CCW   0x07, seek, 0x40, 6
srch:   CCW   0x31, id0, 0x40, 5
        CCW   0x08, srch, 0, 0
        .set  r, 1
        .rept 120
        CCW   0x1D, cnts+(r-1)*(8+KL), 0xC0, 8+KL
        CCW   0x00, 0, 0x40, DL, 1
        .set  r, r+1
        .endr
        CCW   0x03, 0, 0x20, 1
seek:   .short 0, 1, 0, 0
id0:    .byte 0, 1, 0, 0, 0
cnts:
        .set  r, 1
        .rept 120
        .byte 0, 1, 0, 0, r, KL
        .short DL
        .fill KL, 1, 0xC1
        .set  r, r+1
        .endr
