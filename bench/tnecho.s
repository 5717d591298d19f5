# tnecho.s — the guest side of the TN3270 load benchmark (bench/tnload.c):
# any number of local 3270 displays, each with its own client.  Every
# I/O interruption names its device (BC mode: the I/O old PSW's bits
# 16-31, at X'3A'); its unit status (X'44') decides:
#   device end alone   a client connected (the display became ready):
#                      Erase/Write a small screen, keyboard restored;
#   attention          the operator pressed a key: Read Modified chained
#                      to a Write that puts "OK" at the top and restores
#                      the keyboard (the client's round trip ends there);
#   anything else      (the end of one of those programs, unit check of a
#                      display with no client): nothing.
# START I/O that finds the device busy or with status (CC 2, 1) is tried
# again; CC 3 is left alone.  The program never ends: the benchmark stops
# s370.  GA22-7000 chapter 13; the data streams per GA23-0059.
        .text
        .org  0
        .long 0x00000000, 0x00000200    # restart new PSW: BC, key 0, IA X'200'
        .org  0x68
        .long 0x00020000, 0x00000DEA    # program new PSW: disabled wait X'DEA'
        .org  0x78
        .long 0x00000000, iohdl         # I/O new PSW: BC, all masks off

        .org  0x200
start:  lpsw  waitio                    # wait for the first client

iohdl:  lh    %r11,0x3A                 # the device
        tm    0x44,0x80                 # attention: echo
        bc    1,echo
        cli   0x44,0x04                 # device end alone: draw
        bc    8,draw
        lpsw  waitio
echo:   mvc   0x48(4),cawe
        b     sio
draw:   mvc   0x48(4),cawd
sio:    .long 0x9C00B000                # SIO 0(R11) (not in GNU as)
        bc    6,sio                     # CC 1 or 2: again
        lpsw  waitio

        .align 8
waitio: .long 0xFE020000, 0x00000000    # BC, every channel mask, wait
cawd:   .long ccwd
cawe:   .long ccwr
        .align 8
ccwd:   .long 0x05000000 + scr          # Erase/Write the screen
        .short 0x0000, scrlen
ccwr:   .long 0x06000000 + buf          # Read Modified, command chained, SLI
        .short 0x6000, 256
        .long 0x01000000 + ok           # Write "OK"
        .short 0x0000, oklen
scr:    .byte 0xC3                      # WCC: restore keyboard, reset MDT
        .byte 0x11,0x40,0x40, 0x1D,0x60 # SBA 0, SF protected
        .byte 0xE3,0xD5,0xD3,0xD6,0xC1,0xC4     # TNLOAD
        .byte 0x11,0xC1,0x50, 0x1D,0x40, 0x13   # SBA 80, SF unprotected, IC
        .set  scrlen, . - scr
ok:     .byte 0xC3, 0x11,0x40,0xC8, 0xD6,0xD2   # WCC, SBA 8, OK
        .set  oklen, . - ok
buf:    .space 256
