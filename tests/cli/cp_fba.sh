# FBA minidisks (cp/ccwtrans.c, cp/diag_io.c, cp/diag.c, cp/dasd.c): a 3370
# volume made by `dasd init` (CP finds it by the label in block 1) holds
# ALICE's minidisks 1A0 (blocks 100-199), 1A1 (200-299) and 1A2 (100-199
# again, read-only); the bare guest tests/guest/fbatest.c checks Read Device
# Characteristics (the minidisk's 100 blocks), its blocks where they lie,
# extents beyond the minidisk refused with command reject, a write and its
# read-back, a write on the read link refused by the device (file mask
# forced), Read IPL refused, DIAGNOSE X'20' (and X'18' refused, X'24' codes).
# Afterwards the host finds the block written at 105 and blocks 99 and 200
# unchanged; QUERY VIRTUAL shows the extents in blocks, LINK links one, and
# IPL of an FBA minidisk is refused; an FBA MDISK on a CKD volume (CKD002)
# is not linked at LOGON, nor by LINK.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup fbatest 's/ MDISK 192 3350 4 1 S37RES RR$/&\n MDISK 1A0 3370 100 100 FBA001 MW\n MDISK 1A1 3370 200 100 FBA001 MW\n MDISK 1A2 3370 100 100 FBA001 RR\n MDISK 1A3 3370 100 100 CKD002 RR/'
FBA=$T/fba.3370
"$(dirname "$S370")/tools/dasd" init "$FBA" 3370 FBA001 1000 > /dev/null || fail "dasd init of the FBA volume"
for b in 100 105 199 200; do
	printf 'BLK%05d' "$b" | dd of="$FBA" bs=512 seek="$b" conv=notrunc 2> /dev/null
done
printf 'BLK00099' | dd of="$FBA" bs=512 seek=99 conv=notrunc 2> /dev/null
cp "$FBA" "$T/before"
"$(dirname "$S370")/tools/dasd" init "$T/ckd.3350" 3350 CKD002 3 > /dev/null || fail "dasd init of a CKD volume"

start_cp "001F 3215
0152 3370 $FBA
0153 3350 $T/ckd.3350"
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
text "$T/a" "DASD 1A3 NOT LINKED; VOLID CKD002 IS CKD" 100
printf 'q v\r\n' >&3
text "$T/a" "DASD 1A0 3370 FBA001 R/W 100 BLK ON 152 AT BLK 100" 100
text "$T/a" "DASD 1A2 3370 FBA001 R/O 100 BLK ON 152 AT BLK 100" 100
printf 'ipl 1a0\r\n' >&3
text "$T/a" "S37IPL044E Device 1A0 is an FBA disk; CP IPLs CKD disks only" 100
printf 'link alice 1a0 2a0 rr\r\n' >&3
text "$T/a" "DASD 2A0 LINKED R/O" 100
printf 'link alice 1a3 2a3 rr\r\n' >&3
text "$T/a" "S37LNK042E Volume CKD002 is CKD, minidisk 1A3 FBA" 100
printf 'q v\r\n' >&3
text "$T/a" "DASD 2A0 3370 FBA001 R/O 100 BLK ON 152 AT BLK 100" 100
printf 'ipl 192\r\n' >&3
text "$T/a" "FBA CHECKS BEGIN" 100
for _ in $(seq 100); do
	grep -q "^FBA: " "$T/a" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -E "^F[0-9]+ " > "$T/results"
N=$(wc -l < "$T/results")
[ "$N" -eq 21 ] || fail "$N checks reported, 21 expected"
grep -v ": OK$" "$T/results" | while IFS= read -r line; do echo "FAIL: $line"; done
text "$T/a" "FBA: $N OF $N OK" 100
cat "$T/results"
line_close
stop_cp
# block 105 (the guest's 5) written; every other block as it was
python3 - "$T/before" "$FBA" <<'PY' || fail "the volume's blocks"
import sys
a = open(sys.argv[1], 'rb').read()
b = open(sys.argv[2], 'rb').read()
bad = [k for k in range(len(a) // 512) if (a[k*512:k*512+512] != b[k*512:k*512+512]) != (k == 105)]
assert len(a) == len(b) and not bad, bad
assert b[105*512:106*512] == b'\x5a' * 512
PY
finish
