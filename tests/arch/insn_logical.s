# expect: PSW=00020000 80000000
# diff-range: 0-FFF
# insn_logical.s — logical instructions: NR OR XR CLR N O X CL NI OI XI CLI TM MVI
# IC STC ICM STCM CLM, per GA22-7000 chapter 7 (General Instructions).
        .set FILEID, 0x02
        .include "insn_head.inc"
        .org 0x200
# ---- NR OR XR N O X ---------------------------------------------------
        l    %r2,pat1                   # F0F0F0F0
        l    %r3,pat2                   # 0FF00FF0
        lr   %r4,%r2
        nr   %r4,%r3
        CKCC 1
        CKR  %r4,0x00F000F0
        lr   %r4,%r2
        n    %r4,pat3                   # 0F0F0F0F
        CKCC 0
        CKR  %r4,0
        lr   %r4,%r2
        or   %r4,%r3
        CKCC 1
        CKR  %r4,0xFFF0FFF0
        sr   %r4,%r4
        o    %r4,zero
        CKCC 0
        lr   %r4,%r2
        o    %r4,pat3
        CKCC 1
        CKR  %r4,0xFFFFFFFF
        lr   %r4,%r2
        xr   %r4,%r3
        CKCC 1
        CKR  %r4,0xFF00FF00
        xr   %r4,%r4
        CKCC 0
        CKR  %r4,0
        lr   %r4,%r2
        x    %r4,pat1
        CKCC 0
        lr   %r4,%r2
        x    %r4,pat2
        CKCC 1
        CKR  %r4,0xFF00FF00

# ---- CLR CL (unsigned) ------------------------------------------------
        la   %r4,1
        l    %r5,ones
        clr  %r4,%r5
        CKCC 1
        clr  %r5,%r4
        CKCC 2
        clr  %r5,%r5
        CKCC 0
        cl   %r4,ones
        CKCC 1
        cl   %r5,pat1
        CKCC 2
        l    %r6,pat1
        cl   %r6,pat1
        CKCC 0

# ---- SI: MVI NI OI XI CLI TM ------------------------------------------
        mvi  byte,0x5A
        CKM  byte,1, 0x5A
        ni   byte,0x0F
        CKCC 1
        CKM  byte,1, 0x0A
        ni   byte,0xF0
        CKCC 0
        CKM  byte,1, 0x00
        oi   byte,0x00
        CKCC 0
        oi   byte,0x81
        CKCC 1
        CKM  byte,1, 0x81
        xi   byte,0xFF
        CKCC 1
        CKM  byte,1, 0x7E
        xi   byte,0x7E
        CKCC 0
        CKM  byte,1, 0x00
        mvi  byte,0x80
        cli  byte,0x80
        CKCC 0
        cli  byte,0x7F                  # unsigned: X'80' high
        CKCC 2
        cli  byte,0x81
        CKCC 1
        mvi  byte,0xA5                  # 1010 0101
        tm   byte,0x00
        CKCC 0
        tm   byte,0x5A
        CKCC 0
        tm   byte,0xA5
        CKCC 3
        tm   byte,0x21
        CKCC 3
        tm   byte,0x30
        CKCC 1
        tm   byte,0xFF
        CKCC 1

# ---- IC STC ICM STCM CLM ----------------------------------------------
        l    %r4,pat1
        ic   %r4,bytes+2                # only bits 24-31 change
        CKR  %r4,0xF0F0F033
        stc  %r4,byte
        CKM  byte,1, 0x33
        l    %r4,pat1
        icm  %r4,0b1010,bytes           # bytes 11 22 -> positions 0 and 2
        CKCC 2
        CKR  %r4,0x11F022F0
        icm  %r4,0b0101,bytes+4         # 80 00
        CKCC 1
        CKR  %r4,0x11802200
        icm  %r4,0b0011,zero
        CKCC 0
        CKR  %r4,0x11800000
        icm  %r4,0b0000,bytes           # mask 0: nothing, CC 0
        CKCC 0
        CKR  %r4,0x11800000
        l    %r5,ones
        icm  %r5,0b1111,bytes           # like L, CC 2
        CKCC 2
        CKR  %r5,0x11223344
        icm  %r5,0b0001,bytes+4
        CKCC 1
        CKR  %r5,0x11223380
        l    %r4,pat4                   # 01 02 03 04
        stcm %r4,0b1010,work
        stcm %r4,0b0101,work+2
        stcm %r4,0b0000,work+4          # stores nothing
        stcm %r4,0b1111,work+5
        CKM  work,10, 1,3,2,4,0,1,2,3,4,0
        xc   work(16),work
        clm  %r4,0b1010,cmp13           # 01 03 vs 01 03
        CKCC 0
        clm  %r4,0b0101,cmp13           # 02 04 vs 01 03
        CKCC 2
        clm  %r4,0b0011,cmp13+2         # 03 04 vs 05 06
        CKCC 1
        clm  %r4,0b0000,cmp13           # mask 0: CC 0
        CKCC 0
        l    %r5,ones
        clm  %r5,0b1000,cmp13+4         # FF vs 05
        CKCC 2
        sr   %r2,%r2
        sr   %r3,%r3
        sr   %r4,%r4
        sr   %r5,%r5
        sr   %r6,%r6

        .text 2
        .align 8
pat1:   .long 0xF0F0F0F0
pat2:   .long 0x0FF00FF0
pat3:   .long 0x0F0F0F0F
pat4:   .long 0x01020304
ones:   .long 0xFFFFFFFF
zero:   .long 0
bytes:  .byte 0x11,0x22,0x33,0x44,0x80,0x00,0,0
cmp13:  .byte 0x01,0x03,0x05,0x06,0x05,0,0,0
byte:   .byte 0,0,0,0
        .align 8
work:   .fill 16,1,0
        .include "insn_tail.inc"
