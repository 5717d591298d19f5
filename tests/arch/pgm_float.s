# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# pgm_float.s — the floating-point program interruptions (GA22-7000
# "Floating-Point Instructions" and "Program Interruption"): exponent
# overflow X'0C' (always), exponent underflow X'0D' and significance X'0E'
# (only with their program-mask bits on; else a true zero and no
# interruption), floating-point divide X'0F' (suppressed: the register keeps
# its value), and specification for an FP register other than 0, 2, 4, 6.
# Each interruption is checked for its code, the ILC and the address in the
# old PSW, and the register for the architected result.
        .set FILEID, 0x11
        .include "insn_head.inc"
        .org 0x200
# ---- exponent overflow: completed, characteristic wrapped by 128 --------
        sr   %r0,%r0
        spm  %r0                        # program mask 0
        le   %f0,big                    # X'7F100000' = 16**63 * 1/16
        ARM
        mer  %f0,%f0                    # 16**126: overflows
1:      CKPGM 0x0C
        CKOLD 1,1b
        ste  %f0,res
        CKM  res,4, 0x3D,0x10,0x00,0x00 # .1 x 16**125: char 64+125 = 189, mod 128 = X'3D'
# ---- exponent underflow, masked: true zero, no interruption -------------
        le   %f2,small                  # X'01100000' = 16**-63 * 1/16
        mer  %f2,%f2
        ste  %f2,res
        CKM  res,4, 0,0,0,0
        CKCC 0
# ---- exponent underflow, unmasked: interruption, wrapped characteristic -
        l    %r0,pmunf
        spm  %r0                        # program mask: exponent underflow
        le   %f2,small
        ARM
        mer  %f2,%f2
2:      CKPGM 0x0D
        CKOLD 1,2b
        ste  %f2,res
        CKM  res,4, 0x41,0x10,0x00,0x00 # .1 x 16**-127: char 64-127 = -63, +128 = X'41'
# ---- significance, masked: true zero ------------------------------------
        sr   %r0,%r0
        spm  %r0
        le   %f4,one
        ser  %f4,%f4                    # zero fraction
        ste  %f4,res
        CKM  res,4, 0,0,0,0
        CKCC 0
# ---- significance, unmasked: interruption, characteristic kept ----------
        l    %r0,pmsig
        spm  %r0
        le   %f4,one
        ARM
        ser  %f4,%f4
3:      CKPGM 0x0E
        CKOLD 1,3b
        ste  %f4,res
        CKM  res,4, 0x41,0,0,0
# ---- floating-point divide: suppressed ----------------------------------
        sr   %r0,%r0
        spm  %r0
        le   %f6,one
        le   %f0,zero
        ARM
        der  %f6,%f0
4:      CKPGM 0x0F
        CKOLD 1,4b
        ste  %f6,res
        CKM  res,4, 0x41,0x10,0x00,0x00 # unchanged
# ---- specification: register 1 is not a floating-point register --------
        ARM
        .insn rr,0x3800,%r1,%r0         # LER 1,0
5:      CKPGM 0x06
        CKOLD 1,5b
        ARM
        .insn rx,0x78000000,%r3,one     # LE 3,one
6:      CKPGM 0x06
        CKOLD 2,6b
        .text 1
        .align 4
big:    .long 0x7F100000
small:  .long 0x01100000
one:    .long 0x41100000
zero:   .long 0x00000000
pmunf:  .long 0x02000000
pmsig:  .long 0x01000000
res:    .long 0
        .include "insn_tail.inc"
