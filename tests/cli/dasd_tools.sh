# dasd_tools.sh — the `dasd` host tool (tools/dasd*.c, docs/tools.md):
# `dasd init` of every CKD type, plain and compressed, and of FBA; `dasd
# check` of what it made (geometry lines, file sizes); `dasd ls` of a fresh
# volume; a data set and a PDS member put on a volume by hand (DSCBs and
# tracks written with dd) read back by `dasd ls` and `dasd cat`; images
# damaged on purpose (truncated, an L2 entry or a track overwritten, a bad
# free-space chain, the opened bit) and what `check` and `check --repair`
# say; bad arguments: exit 2 and a message naming the argument.
. "$(dirname "$0")/lib.sh"
D=$(dirname "$S370")/tools/dasd
[ -x "$D" ] || { echo "FAIL: no $D"; exit 1; }

# poke IMAGE OFFSET HEX: overwrite bytes in place
poke() {
	bin "$T/piece" "$3"
	dd if="$T/piece" of="$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
}
# ebc FILE WIDTH TEXT: TEXT padded with blanks to WIDTH, in EBCDIC
ebc() {
	printf "%-$2s" "$3" | iconv -f ASCII -t IBM037 > "$1"
}
place() { # place IMAGE OFFSET FILE
	dd if="$3" of="$1" bs=1 seek="$2" conv=notrunc 2> /dev/null
}

# ---- init + check of every type: plain (3 cylinders) and zlib/bzip2 (full size) ----
# type family heads trksize full-cylinders
while read -r type fam heads trk full; do
	f=$T/p.$type
	run "init-$type" 0 "$D" init "$f" "$type" V"$heads" 3
	same "$T/init-$type.out" "$f: $type volume V$heads, 3 cylinders of $heads tracks, $trk bytes/track (CKD)"
	[ "$(wc -c < "$f")" -eq $((512 + 3 * heads * trk)) ] || fail "$type: size $(wc -c < "$f")"
	run "check-$type" 0 "$D" check "$f"
	same "$T/check-$type.out" "$f: CKD image, $fam, $heads heads, $trk bytes/track
$fam: 3 cylinders, $((3 * heads)) tracks checked
consistent"
	for c in z bz2; do
		f=$T/$c.$type
		run "init-$c-$type" 0 "$D" init -$c "$f" "$type" Z"$heads"
		run "check-$c-$type" 0 "$D" check -q "$f"
		same "$T/check-$c-$type.out" "consistent"
	done
	run "checkz-$type" 0 "$D" check "$T/z.$type"
	expect_grep "$T/checkz-$type.out" "zlib, $full cylinders, $(((full * heads + 255) / 256)) L1 entries"
	expect_grep "$T/checkz-$type.out" "$((full * heads)) tracks, $heads track images checked"
done << 'EOF'
2311 2311 10 4096 200
2314 2314 20 7680 200
3330 3330 19 13312 404
3330-11 3330 19 13312 808
3340 3340 12 8704 348
3340-2 3340 12 8704 696
3350 3350 30 19456 555
3375 3375 12 35840 959
3380 3380 15 47616 885
3380-E 3380 15 47616 1770
3380-K 3380 15 47616 2655
EOF
run init-a380 0 "$D" init -z -v 2 "$T/a.3380" 3380-K A380 2658 # with the alternates
run check-a380 0 "$D" check -q "$T/a.3380"
run init-fba 0 "$D" init "$T/f.3370" 3370 FBA001 1000
same "$T/init-fba.out" "$T/f.3370: 3370 volume FBA001, 1000 blocks of 512 bytes"
run check-fba 0 "$D" check "$T/f.3370"
same "$T/check-fba.out" "$T/f.3370: FBA image, 1000 blocks of 512 bytes
consistent"
[ "$(wc -c < "$T/f.3370")" -eq 512000 ] || fail "FBA size"

# ---- ls of a fresh volume ----
run ls-fresh 0 "$D" ls "$T/p.3350"
same "$T/ls-fresh.out" "volume V30: 3350, 3 cylinders of 30 tracks
data set                                     org recfm lrecl blksize  trks  used extents (cyl/head)
0 data sets
VTOC 0/1-0/29: 29 tracks, 1363 DSCBs, 1361 free
free space: 60 tracks in 1 extent"
run ls-fresh-z 0 "$D" ls "$T/z.3330"
expect_grep "$T/ls-fresh-z.out" "VTOC 0/1-0/18: 18 tracks, 702 DSCBs, 700 free"
expect_grep "$T/ls-fresh-z.out" "free space: 7657 tracks in 1 extent"

# ---- s370 IPLs a fresh volume: IPL1's disabled wait (the device address in the PSW) ----
printf 'ipl 0190\n' > "$T/ipl.rc"
for v in z.3330:3330 p.2314:2314 bz2.3380-K:3380; do
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 %s %s\n' "${v#*:}" "$T/${v%%:*}" > "$T/i.cnf"
	timeout 20 "$S370" -f "$T/i.cnf" --script "$T/ipl.rc" --exit-on-wait < /dev/null > "$T/ipl.out" 2> "$T/ipl.err"
	expect_rc $? 0 "ipl ${v%%:*}"
	same "$T/ipl.out" "PSW=00020190 0000000F"
done
run check-after-ipl 0 "$D" check -q "$T/z.3330"
same "$T/check-after-ipl.out" "consistent"

# ---- a data set and a PDS, written by hand into the 3350 volume ----
# VTOC track 1: R1 format 4, R2 format 5, R3 at 5+16+2*148 = 317 (count),
# 325 (key), 369 (data); R4 148 bytes later.  Data: SYS1.TEXT on cyl 1 head
# 0 (track 30), PS FB 80/160; SYS1.PDS on cyl 1 head 1-2 (tracks 31-32), PO
# FB 80/80.  Offsets: 512 + track * 19456.
V=$T/p.3350
T1=$((512 + 19456))
ebc "$T/k" 44 SYS1.TEXT
place "$V" $((T1 + 325)) "$T/k"
#     F1 volser(6)   seq  created  expires  ext
poke "$V" $((T1 + 369)) "F1 E5F3F04040 40 0001 7E0001 000000 01 00 00"
#     DSORG PS, RECFM FB, BLKSIZE 160, LRECL 80; LSTAR 0000 02 ; extent 01 00 0001 0000 - 0001 0000
poke "$V" $((T1 + 369 + 38)) "4000 90 00 00A0 0050"
poke "$V" $((T1 + 369 + 54)) "000002"
poke "$V" $((T1 + 369 + 61)) "01 00 00010000 00010000"
ebc "$T/k" 44 SYS1.PDS
place "$V" $((T1 + 325 + 148)) "$T/k"
poke "$V" $((T1 + 369 + 148)) "F1 E5F3F04040 40 0001 7E0001 000000 01 00 00"
poke "$V" $((T1 + 369 + 148 + 38)) "0200 90 00 0050 0050"
poke "$V" $((T1 + 369 + 148 + 61)) "01 00 00010001 00010002"
# track 30: HA, R0, R1 (two records), R2 (one), R3 end of file, end of track
T30=$((512 + 30 * 19456))
poke "$V" $((T30 + 21)) "0001 0000 01 00 00A0"
{ printf '%-80s' "FIRST RECORD"; printf '%-80s' "SECOND RECORD"; } | iconv -f ASCII -t IBM037 > "$T/d"
place "$V" $((T30 + 29)) "$T/d"
poke "$V" $((T30 + 189)) "0001 0000 02 00 0050"
ebc "$T/d2" 80 "THIRD AND LAST, LOWER case"
place "$V" $((T30 + 197)) "$T/d2"
poke "$V" $((T30 + 277)) "0001 0000 03 00 0000 FFFFFFFFFFFFFFFF"
# track 31: R1 directory block (key FF*8; used 26: MEMBER1 at TTR 000003,
# then the last entry), R2 end of directory, R3 the member, R4 its end
T31=$((512 + 31 * 19456))
poke "$V" $((T31 + 21)) "0001 0001 01 08 0100 FFFFFFFFFFFFFFFF 001A"
ebc "$T/m" 8 MEMBER1
place "$V" $((T31 + 39)) "$T/m"
poke "$V" $((T31 + 47)) "000003 00 FFFFFFFFFFFFFFFF 000000 00"
poke "$V" $((T31 + 293)) "0001 0001 02 00 0000 0001 0001 03 00 0050"
ebc "$T/d3" 80 "IN THE MEMBER"
place "$V" $((T31 + 309)) "$T/d3"
poke "$V" $((T31 + 389)) "0001 0001 04 00 0000 FFFFFFFFFFFFFFFF"
# SYS1.VAR, VB 84/200 on cyl 1 head 3 (track 33): one block of two records
# behind their descriptor words, then end of file
ebc "$T/k" 44 SYS1.VAR
place "$V" $((T1 + 325 + 296)) "$T/k"
poke "$V" $((T1 + 369 + 296)) "F1 E5F3F04040 40 0001 7E0001 000000 01 00 00"
poke "$V" $((T1 + 369 + 296 + 38)) "4000 50 00 00C8 0054"
poke "$V" $((T1 + 369 + 296 + 61)) "01 00 00010003 00010003"
T33=$((512 + 33 * 19456))
poke "$V" $((T33 + 21)) "0001 0003 01 00 001B 001B0000 00090000"
ebc "$T/r1" 5 ALPHA
place "$V" $((T33 + 37)) "$T/r1"
poke "$V" $((T33 + 42)) "000E0000"
ebc "$T/r2" 10 "BETA GAMMA"
place "$V" $((T33 + 46)) "$T/r2"
poke "$V" $((T33 + 56)) "0001 0003 02 00 0000 FFFFFFFFFFFFFFFF"
run check-hand 0 "$D" check -q "$V"
run ls-hand 0 "$D" ls "$V"
same "$T/ls-hand.out" "volume V30: 3350, 3 cylinders of 30 tracks
data set                                     org recfm lrecl blksize  trks  used extents (cyl/head)
SYS1.TEXT                                    PS  FB       80     160     1     1 1/0-1/0
SYS1.PDS                                     PO  FB       80      80     2     0 1/1-1/2
SYS1.VAR                                     PS  VB       84     200     1     0 1/3-1/3
3 data sets
VTOC 0/1-0/29: 29 tracks, 1363 DSCBs, 1358 free
free space: 60 tracks in 1 extent"
run cat-seq 0 "$D" cat "$V" sys1.text
same "$T/cat-seq.out" "FIRST RECORD
SECOND RECORD
THIRD AND LAST, LOWER case"
run cat-var 0 "$D" cat "$V" SYS1.VAR
same "$T/cat-var.out" "ALPHA
BETA GAMMA"
run cat-bin 0 "$D" cat -b "$V" SYS1.TEXT
cat "$T/d" "$T/d2" > "$T/want.bin"
cmp -s "$T/want.bin" "$T/cat-bin.out" || fail "cat -b differs"
run cat-dir 0 "$D" cat "$V" SYS1.PDS
same "$T/cat-dir.out" "MEMBER1"
run cat-mem 0 "$D" cat "$V" 'SYS1.PDS(MEMBER1)'
same "$T/cat-mem.out" "IN THE MEMBER"
run cat-nomem 1 "$D" cat "$V" 'SYS1.PDS(NOPE)'
same "$T/cat-nomem.out" "dasd: cat: no member NOPE in SYS1.PDS"
run cat-nods 1 "$D" cat "$V" SYS1.NONE
same "$T/cat-nods.out" "dasd: cat: no data set SYS1.NONE on volume V30"

# ---- a volume in two files (cylinders 0-1, then 2): checked and listed from the first ----
CYL=583680
head -c 512 "$V" > "$T/mf1.3350"
poke "$T/mf1.3350" 17 "01 01 00"                  # file 1, last cylinder 1
tail -c +513 "$V" | head -c $((2 * CYL)) >> "$T/mf1.3350"
head -c 512 "$V" > "$T/mf2.3350"
poke "$T/mf2.3350" 17 "02 00 00"                  # file 2, the last
tail -c +$((513 + 2 * CYL)) "$V" >> "$T/mf2.3350"
run mf-check 0 "$D" check "$T/mf1.3350"
same "$T/mf-check.out" "$T/mf1.3350: CKD image, 3350, 30 heads, 19456 bytes/track
3350: 3 cylinders, 90 tracks checked
consistent"
run mf-cat 0 "$D" cat "$T/mf1.3350" SYS1.TEXT
same "$T/mf-cat.out" "FIRST RECORD
SECOND RECORD
THIRD AND LAST, LOWER case"
run mf-second 2 "$D" check "$T/mf2.3350"
same "$T/mf-second.out" "dasd: $T/mf2.3350 is file 2 of a multi-file volume: check the first file"
truncate -s 100000 "$T/mf2.3350"
run mf-cut 1 "$D" check -q "$T/mf1.3350"
same "$T/mf-cut.out" "damaged: $T/mf2.3350: truncated: 100000 bytes is not a whole number of cylinders (583680 bytes each after the 512-byte header; the last has 99488)
damaged: 1 problem"

# ---- damage ----
cp "$T/p.3350" "$T/cut.3350"
truncate -s 1000000 "$T/cut.3350"
run dmg-cut 1 "$D" check "$T/cut.3350"
expect_grep "$T/dmg-cut.out" "damaged: $T/cut.3350: truncated: 1000000 bytes is not a whole number of cylinders (583680 bytes each after the 512-byte header; the last has 415808)"
expect_grep "$T/dmg-cut.out" "damaged: 1 problem"
cp "$T/p.3350" "$T/trk.3350"
poke "$T/trk.3350" $((512 + 40 * 19456 + 5)) "0000 0001 05"
run dmg-trk 1 "$D" check -q "$T/trk.3350"
same "$T/dmg-trk.out" "damaged: track 40 (cyl 1 head 10): the first record is not R0
damaged: 1 problem"
poke "$T/trk.3350" $((512 + 40 * 19456 + 5)) "0001 000A 00 00 FFFF"
run dmg-trk2 1 "$D" check -q "$T/trk.3350"
same "$T/dmg-trk2.out" "damaged: track 40 (cyl 1 head 10): a record runs past the end of the track (no end-of-track marker)
damaged: 1 problem"
# compressed 3350: L1 table at 1024 (66 entries), the L2 table at 1288, track 0's entry first
Z=$T/z.3350
cp "$Z" "$T/l2.3350"
poke "$T/l2.3350" 1288 "FFFFFF00"
run dmg-l2 1 "$D" check -q "$T/l2.3350"
expect_grep "$T/dmg-l2.out" "damaged: track 0: its image at offset 16777215"
expect_grep "$T/dmg-l2.out" "is outside the data (1288 to"
cp "$Z" "$T/l1.3350"
poke "$T/l1.3350" 1024 "00800000"
run dmg-l1 1 "$D" check -q "$T/l1.3350"
expect_grep "$T/dmg-l1.out" "damaged: L1 entry 0 (tracks 0-255): its L2 table at offset 32768 is outside the data"
cp "$Z" "$T/ov.3350"
poke "$T/ov.3350" $((1288 + 8)) "08050000" # track 1's image onto the L2 table
run dmg-ov 1 "$D" check -q "$T/ov.3350"
expect_grep "$T/dmg-ov.out" "overlaps L2 table 0 (offset 1288)"
cp "$Z" "$T/zc.3350"
sz=$(wc -c < "$Z")
truncate -s $((sz - 10)) "$T/zc.3350"
run dmg-zcut 1 "$D" check -q "$T/zc.3350"
expect_grep "$T/dmg-zcut.out" "damaged: truncated: the header says $sz bytes, the file has $((sz - 10))"
cp "$Z" "$T/fr.3350"
poke "$T/fr.3350" $((512 + 20)) "10000000" # a free space at 16 (inside the headers)
run dmg-free 1 "$D" check -q "$T/fr.3350"
expect_grep "$T/dmg-free.out" "damaged: free space chain: entry 1 at offset 16 is out of order or outside the data"
# bytes flipped in a compressed track image
cp "$T/z.3340" "$T/bits.3340"
poke "$T/bits.3340" $((1024 + 4 * 17 + 2048 + 12)) "DEADBEEF"
run dmg-bits 1 "$D" check -q "$T/bits.3340"
expect_grep "$T/dmg-bits.out" "damaged: track 0: its image at offset $((1024 + 4 * 17 + 2048))"

# the opened bit (killed emulator): consistent, needs recovery; --repair
cp "$Z" "$T/op.3350"
poke "$T/op.3350" 515 "C1"
run op 0 "$D" check -q "$T/op.3350"
same "$T/op.out" "needs recovery: not closed (the opened bit is on), its free space is stale
consistent, needs recovery (dasd check --repair)"
printf 'XXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXXX' >> "$T/op.3350" # a partly written track at the end
run op-repair 0 "$D" check -q --repair "$T/op.3350"
same "$T/op-repair.out" "needs recovery: not closed (the opened bit is on), its free space is stale
repaired: free space rebuilt (0 spaces, 0 bytes), file size $sz, opened bit off
consistent"
cmp -s "$Z" "$T/op.3350" || fail "repair did not restore the image"

# ---- bad arguments ----
run bad-type 2 "$D" init "$T/n1" 3390 VOL001
same "$T/bad-type.out" "dasd: init: unknown device type '3390' (2311, 2314, 3330, 3330-11, 3340, 3340-2, 3350, 3375, 3380, 3380-E, 3380-K, 3310, 3370)"
run bad-volser 2 "$D" init "$T/n1" 3350 TOOLONG7
same "$T/bad-volser.out" "dasd: init: bad volser 'TOOLONG7': 1 to 6 letters, digits, @, #, \$ or -"
run bad-cyls 2 "$D" init "$T/n1" 3350 VOL001 561
same "$T/bad-cyls.out" "dasd: init: cylinders '561' out of range (1-560 for a 3350)"
run bad-cyls0 2 "$D" init "$T/n1" 3330 VOL001 0
same "$T/bad-cyls0.out" "dasd: init: cylinders '0' out of range (1-411 for a 3330)"
[ -e "$T/n1" ] && fail "a refused init left a file"
run exists 2 "$D" init "$T/p.3350" 3350 VOL001
same "$T/exists.out" "dasd: init: $T/p.3350: File exists (-f replaces it)"
run force 0 "$D" init -f "$T/p.2311" 2311 NEW 2
run missing 2 "$D" check "$T/nothere"
same "$T/missing.out" "dasd: $T/nothere: No such file or directory"
printf 'not an image\n' > "$T/text"
run notimg 1 "$D" check "$T/text"
expect_grep "$T/notimg.out" "dasd: $T/text: not a DASD image"
run notimg-ls 1 "$D" ls "$T/text"
same "$T/notimg-ls.out" "dasd: $T/text: not a CKD image (no CKD_P370 or CKD_C370 header)"
run nosub 2 "$D" frobnicate
expect_grep "$T/nosub.out" "dasd: unknown subcommand 'frobnicate'"
run noargs 2 "$D" ls
same "$T/noargs.out" "dasd: ls: expected one FILE  (dasd --help)"
run help 0 "$D" --help
expect_grep "$T/help.out" "usage: dasd init"
run badopt 2 "$D" check --frob "$V"
same "$T/badopt.out" "dasd: check: unknown option '--frob'"
run zfba 2 "$D" init -z "$T/n2" 3370 VOL001
expect_grep "$T/zfba.out" "compressed FBA images are not supported"
finish
