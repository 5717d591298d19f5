# dasd_tools2.sh — more of the `dasd` host tool (tools/dasd_init.c,
# tools/dasd_cckdchk.c; docs/tools.md): `dasd init -m` of a plain CKD
# volume in several files (the names and headers s370 and Hercules look
# for), read back by `dasd check`, `dasd ls`, Hercules' dasdls and dasdcopy
# when installed; its argument errors; and `dasd check` of a CCKD image
# whose header counts Hercules' "imbedded" free space (a track image
# holding more space than its length), which cckdcdsk accepts too; `ls`
# and `cat` of an FBA volume.
. "$(dirname "$0")/lib.sh"
D=$(dirname "$S370")/tools/dasd
[ -x "$D" ] || { echo "FAIL: no $D"; exit 1; }

u32() { od -An -tu4 -j "$2" -N4 "$1" | tr -d ' '; }
u16() { od -An -tu2 -j "$2" -N2 "$1" | tr -d ' '; }
putle() { # putle FILE OFFSET VALUE BYTES: little-endian
	_v=$3 _o=$2 _n=$4
	while [ "$_n" -gt 0 ]; do
		printf "\\$(printf '%03o' $((_v & 255)))" | dd of="$1" bs=1 seek="$_o" conv=notrunc 2> /dev/null
		_v=$((_v >> 8)) _o=$((_o + 1)) _n=$((_n - 1))
	done
}

# ---- multi-file CKD: 10 cylinders of a 3350, at most 3 per file ----
cd "$T" || exit 1
run mf 0 "$D" init -m 3 vol_1.350 3350 MULT01 10
expect_grep "$T/mf.out" "vol_1.350: 3350 volume MULT01, 10 cylinders of 30 tracks, 19456 bytes/track (CKD)"
expect_grep "$T/mf.out" "vol_1.350: 4 files of at most 3 cylinders each"
for f in 1 2 3 4; do [ -f "vol_$f.350" ] || fail "no vol_$f.350"; done
cyl=$((30 * 19456))
[ "$(wc -c < vol_1.350)" -eq $((512 + 3 * cyl)) ] || fail "vol_1.350 size"
[ "$(wc -c < vol_4.350)" -eq $((512 + 1 * cyl)) ] || fail "vol_4.350 size"
# headers: file sequence 1-4, last cylinder 2, 5, 8, and 0 in the last file
for f in 1 2 3 4; do
	seq=$(od -An -tu1 -j 17 -N1 "vol_$f.350" | tr -d ' ')
	hi=$(u16 "vol_$f.350" 18)
	want_hi=$((f * 3 - 1))
	[ "$f" = 4 ] && want_hi=0
	[ "$seq" = "$f" ] && [ "$hi" = "$want_hi" ] || fail "vol_$f.350: file sequence $seq, last cylinder $hi"
done
run mfchk 0 "$D" check vol_1.350
expect_grep "$T/mfchk.out" "3350: 10 cylinders, 300 tracks checked"
expect_grep "$T/mfchk.out" "consistent"
run mfls 0 "$D" ls vol_1.350
expect_grep "$T/mfls.out" "volume MULT01: 3350, 10 cylinders of 30 tracks"
run mfls2 2 "$D" check vol_2.350
expect_grep "$T/mfls2.out" "vol_2.350 is file 2 of a multi-file volume: check the first file"
if command -v dasdls > /dev/null 2>&1; then
	run hls 0 dasdls vol_1.350
	expect_grep "$T/hls.out" "VOLSER=MULT01"
fi
if command -v dasdcopy > /dev/null 2>&1; then
	run hcopy 0 dasdcopy vol_1.350 one.350
	expect_grep "$T/hcopy.out" "10 cylinders successfully written"
fi
# a later file that exists: refused, nothing left behind; -f replaces
rm -f vol_?.350
: > vol_3.350
run mfex 2 "$D" init -m 3 vol_1.350 3350 MULT01 10
expect_grep "$T/mfex.out" "vol_3.350: File exists (-f replaces it)"
[ ! -f vol_1.350 ] && [ ! -f vol_2.350 ] && [ -f vol_3.350 ] || fail "init -m cleanup: $(ls vol_*)"
run mff 0 "$D" init -f -m 3 vol_1.350 3350 MULT01 10
[ "$(wc -c < vol_3.350)" -eq $((512 + 3 * cyl)) ] || fail "vol_3.350 not replaced"
# the default: Hercules' 2 GB per file, one file for every type here
run one 0 "$D" init x.330 3330 ONE001 4
expect_no_grep "$T/one.out" "files of"
[ "$(od -An -tu1 -j 17 -N1 x.330 | tr -d ' ')" = 0 ] || fail "x.330: file sequence not 0"
# bad -m
run bad1 2 "$D" init -m 0 y_1.350 3350 BAD001 10
expect_grep "$T/bad1.out" "cylinders per file '0' out of range (1-3679 for a 3350)"
run bad2 2 "$D" init -z -m 3 y_1.350 3350 BAD001 10
expect_grep "$T/bad2.out" "-m (cylinders per file) is for plain CKD volumes only"
run bad3 2 "$D" init -m 1 y_1.350 3350 BAD001 30
expect_grep "$T/bad3.out" "30 cylinders of 1 per file need more than 27 files"
[ ! -f y_1.350 ] || fail "y_1.350 made"

# ---- CCKD with imbedded free space ----
run im 0 "$D" init -z im.cckd 3350 IMB001 5
N=40
size=$(u32 im.cckd 524)
L2=$(u32 im.cckd 1024)
# the L2 entry of the track image that ends the file
ent=$(od -An -tu4 -w8 -v -j "$L2" -N 2048 im.cckd |
	awk -v s="$size" '$1 > 0 && $1 + int($2 / 65536) == s { print NR - 1 }')
[ -n "$ent" ] || fail "no track image ends im.cckd"
eo=$((L2 + 8 * ent))
sz=$(u16 im.cckd $((eo + 6)))
head -c $N /dev/zero >> im.cckd
putle im.cckd $((eo + 6)) $((sz + N)) 2    # L2 size: 40 bytes more than the image's length
putle im.cckd 524 $((size + N)) 4          # file size
putle im.cckd 536 $(($(u32 im.cckd 536) + N)) 4 # free_total counts them
putle im.cckd 548 $(($(u32 im.cckd 548) + N)) 4 # and free_imbed
run imchk 0 "$D" check im.cckd
expect_grep "$T/imchk.out" "consistent"
if command -v cckdcdsk > /dev/null 2>&1; then
	run imcdsk 0 cckdcdsk -ro -3 im.cckd
	[ ! -s "$T/imcdsk.out" ] || { fail "cckdcdsk on im.cckd"; cat "$T/imcdsk.out"; }
fi
# a free_total that counts them twice is still damage
putle im.cckd 536 $(($(u32 im.cckd 536) + N)) 4
run imbad 1 "$D" check -q im.cckd
expect_grep "$T/imbad.out" "free space: the header counts 0 spaces of 80 bytes, the chain has 0 of 0 (and track images leave 40 bytes unused)"
# ---- FBA: ls gives the label, cat says it cannot ----
run fba 0 "$D" init f.fba 3370 FBA001 2000
run fbals 0 "$D" ls f.fba
printf 'volume FBA001: FBA, 2000 blocks of 512 bytes\nno VTOC: dasd lists the VTOCs of CKD volumes only\n' > want
cmp -s want "$T/fbals.out" || { fail "ls f.fba"; cat "$T/fbals.out"; }
run fbacat 1 "$D" cat f.fba SYS1.X
expect_grep "$T/fbacat.out" "cat: f.fba is an FBA volume (FBA001): dasd reads data sets of CKD volumes only"
finish
