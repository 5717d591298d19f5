# direct_fba.sh — `direct` and FBA minidisks (tools/direct.c, cp/dirfmt.h):
# MDISK vaddr 3310|3370 start count in 512-byte blocks (24 bits, stored as
# the low 16 bits in the MDISK and the high 8 in dir_user.mdisk_hi), checked
# by line: blocks 0-1 (IPL record, label) refused, an extent beyond block
# 16777215, a count of 0, a type that is not a disk, a volume used both as
# FBA and as CKD (by an MDISK or by a TDISK/PAGING/SPOOL area); a good
# source is written and the record holds the blocks, high byte included.
. "$(dirname "$0")/lib.sh"
DIRECT=$(dirname "$S370")/tools/direct
[ -x "$DIRECT" ] || { echo "FAIL: no $DIRECT"; exit 1; }

cat > "$T/bad.direct" << 'EOF2'
TDISK TDK001 10 20
USER ALICE ALICE 1M 2M G
 MDISK 19A 3370 100 2000 FBA001 W
 MDISK 19B 3370 1 20 FBA002 W
 MDISK 19C 3370 100 16777200 FBA002 W
 MDISK 19D 3370 100 0 FBA002 W
 MDISK 19E 3215 1 2 XYZ001 W
 MDISK 19F 3350 1 2 FBA001 W
 MDISK 1A0 3370 200000 100000 TDK001 W
 MDISK 1A1 3310 16777216 1 FBA002 W
EOF2
"$DIRECT" check "$T/bad.direct" > "$T/bad.out" 2>&1
expect_rc $? 1 "direct check of bad FBA MDISKs"
B=$T/bad.direct
cat > "$T/want" << EOF2
direct: $B:4: MDISK 19B: FBA blocks 0-1 hold the IPL record and the volume label; start at 2 or later
direct: $B:5: MDISK 19C: blocks 100-16777299 go beyond block 16777215
direct: $B:6: MDISK: expected MDISK vaddr type start count volser R|RR|W|WR|M|MR|MW [rpw [wpw [mpw]]] (FBA: start and count in 512-byte blocks, below 16777216)
direct: $B:7: MDISK 19E: 3215 is not a disk (CKD 2311 2314 3330 3340 3350 3375 3380, FBA 3310 3370)
direct: $B:10: MDISK: expected MDISK vaddr type start count volser R|RR|W|WR|M|MR|MW [rpw [wpw [mpw]]] (FBA: start and count in 512-byte blocks, below 16777216)
direct: $B:3: MDISK 19A: FBA001 is an FBA volume here, but line 8 has a CKD minidisk (3350) on it
direct: $B:9: MDISK 1A0: TDK001 is an FBA volume here, but line 1 puts a CKD area (cylinders) on it
EOF2
cmp -s "$T/want" "$T/bad.out" || { fail "direct's messages"; diff "$T/want" "$T/bad.out"; }

# a good one: written onto a system volume; the user record has the blocks
cat > "$T/good.direct" << 'EOF2'
USER ALICE ALICE 1M 2M G
 MDISK 19A 3370 558000 70000 FBA001 MR
 MDISK 191 3350 11 5 S37U01 MR
EOF2
"$DIRECT" check "$T/good.direct" > "$T/good.out" 2>&1
expect_rc $? 0 "direct check of good FBA MDISKs"
"$(dirname "$S370")/tools/dasd" init "$T/sys.3350" 3350 SYSRES 5 > /dev/null || fail "dasd init"
"$DIRECT" write "$T/good.direct" "$T/sys.3350" > "$T/write.out" 2>&1
expect_rc $? 0 "direct write"
# the record: 19A's MDISK (vaddr 019A, type 3370, start 558000 = X'0883B0': X'83B0' here, X'08' in
# mdisk_hi; count 70000 = X'011170') and its high bytes at the end of the record
python3 - "$T/sys.3350" << 'PY' || fail "the directory record"
import sys
img = open(sys.argv[1], 'rb').read()
md = bytes.fromhex('019a337083b011704642')
at = img.find(md)
assert at > 0, 'no MDISK 19A'
u = img.rfind(b'ALICE   ', 0, at)
assert 0 < at - u < 200, (u, at)
hi = u + 964  # dir_user.mdisk_hi[0]: after the 964 bytes the record had before FBA
assert img[hi:hi + 4] == bytes([0x08, 0x01, 0, 0]), img[hi:hi + 4].hex()
PY
finish
