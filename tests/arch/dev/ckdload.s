# ckdload.s — writes the IPL track of the 3350 at 190 for tests/cli/ckd_ipl.sh:
# Seek to cylinder 0 head 0, Search ID Equal on R0 (TIC loop), then Write
# Count Key and Data of R1 (the IPL PSW and the CCW that reads R2 to
# X'800'), R2 (the program ckdipl.bin, included from the directory given
# with -I) and R3 (40 bytes of text), command-chained; the records after R0
# that dasdinit wrote are erased by the first Write CKD.  Loaded at 0 and
# started by restart.  Ends in a disabled wait with IA X'AAA' (X'BAD' when
# the CSW is not channel end, device end, count 0).
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
start:  la    %r3,prog
        st    %r3,0x48
        .long 0x9C000190                # SIO 190
        bc    7,bad
1:      .long 0x9D000190                # TIO 190
        bc    2,1b
        clc   0x44(4),want
        bne   bad
        lpsw  done
bad:    lpsw  badpsw

        .align 8
done:   .long 0x00020000, 0x00000AAA
badpsw: .long 0x00020000, 0x00000BAD
want:   .byte 0x0C, 0x00, 0x00, 0x00
        .align 8
prog:   CCW   0x07, seek, 0x40, 6
srch:   CCW   0x31, id0, 0x40, 5
        CCW   0x08, srch, 0, 0
        CCW   0x1D, rec1, 0x40, 8+24
        CCW   0x1D, rec2, 0x40, 8+(ipl_end-ipl_bin)
        CCW   0x1D, rec3, 0, 8+40
seek:   .short 0, 0, 0
id0:    .byte 0, 0, 0, 0, 0
        .align 8
rec1:   .byte 0, 0, 0, 0, 1, 0
        .short 24
        .long 0x00000000, 0x00000800    # IPL PSW: BC mode, disabled, IA X'800'
        CCW   0x06, 0x800, 0x20, ipl_end-ipl_bin   # Read Data of R2
        .long 0, 0
rec2:   .byte 0, 0, 0, 0, 2, 0
        .short ipl_end-ipl_bin
ipl_bin: .incbin "ckdipl.bin"
ipl_end:
rec3:   .byte 0, 0, 0, 0, 3, 0
        .short 40
        # "RECORD 3 OF THE IPL TRACK" in EBCDIC, blank-padded to 40
        .byte 0xD9,0xC5,0xC3,0xD6,0xD9,0xC4,0x40,0xF3,0x40,0xD6,0xC6,0x40
        .byte 0xE3,0xC8,0xC5,0x40,0xC9,0xD7,0xD3,0x40,0xE3,0xD9,0xC1,0xC3,0xD2
        .fill 15, 1, 0x40
