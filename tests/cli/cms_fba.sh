# cms_fba.sh — CMS on an FBA minidisk (issue 11): a 3370 volume made by
# `dasd init` (label in block 1) is attached at 0152; the directory gives
# ALICE blocks 100-2099 of it as 19A (read-write), the same blocks again as
# 19B read-only, and blocks 2100-2899 as 19C.  CP shows them in blocks; CMS
# FORMATs 19A (no layout to write on FBA: 250 blocks of 4K), writes a file
# with the editor, lists and types it exactly, QUERY DISK says 3370; 19B
# (the same disk, read-only) shows the file and refuses a write; the
# neighbour 19C is a disk of its own; after a re-IPL the file is still
# there; and from the host `cmsfs -x 100,2000` finds the file system
# consistent and the file's exact lines.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
FBA=$T/fba.3370
CMSFS=$(dirname "$S370")/tools/cmsfs
"$(dirname "$S370")/tools/dasd" init "$FBA" 3370 FBA001 4000 > /dev/null || fail "dasd init of the FBA volume"
sed -e 's/^USER ALICE ALICE 1M 4M G$/&\n MDISK 19A 3370 100 2000 FBA001 MR\n MDISK 19B 3370 100 2000 FBA001 RR\n MDISK 19C 3370 2100 800 FBA001 W/' \
	"$(dirname "$0")/../../dasd-images/user.direct" > "$T/user.direct"
"$DIRECT" write "$T/user.direct" "$T/sysres.3350" > /dev/null || fail "direct write"
start_cp "0152 3370 $FBA"

cms_ipl A 00C0 ALICE
cms A "cp query virtual"
has A "DASD 19A 3370 FBA001 R/W 2000 BLK ON 152 AT BLK 100"
has A "DASD 19B 3370 FBA001 R/O 2000 BLK ON 152 AT BLK 100"
has A "DASD 19C 3370 FBA001 R/W 800 BLK ON 152 AT BLK 2100"

cms_format A 19A B fbadsk
has A "DMSFOR732I 250 blocks formatted on disk 'B (19A)'"
cms_format A 19C C nextdr
has A "DMSFOR732I 100 blocks formatted on disk 'C (19C)'"
cms A "q disk b"
grep -qE '^FBADSK 19A B  R/W  3370     4096      0 ' "$T/screen" || fail "QUERY DISK B: $(cat "$T/screen")"

cms_clear A
cmd A "xedit fba text b"
has A " NEW FILE"
for l in "first line on a fixed-block disk" "  second, indented" "third and last"; do
	cmd A "input $l"
done
cmd A "file"
has_re A "$READY"
cms A "listfile * * b"
expect_rows "2=FBA      TEXT     B1"
ready A 0
cms A "type fba text b"
expect_rows "2=first line on a fixed-block disk" "3=  second, indented" "4=third and last"
cms A "listfile * * c"
has A "DMSLST002E File not found"
cms A "q disk b"
grep -qE '^FBADSK 19A B  R/W  3370     4096      1 ' "$T/screen" || fail "QUERY DISK B: $(cat "$T/screen")"

# the same minidisk read-only: the file is there, writing is refused
cms A "access 19b d"
cms A "type fba text d"
expect_rows "2=first line on a fixed-block disk"
cms A "q disk d"
grep -qE '^FBADSK 19B D  R/O  3370 ' "$T/screen" || fail "QUERY DISK D: $(cat "$T/screen")"
cms A "copyfile fba text b x text d"
has A "DMSCPY037E Disk 'D' is read-only or not accessed"
ready A 00036
cms A "erase fba text d"
has A "DMSERS037E Disk 'D' is read-only"
ready A 00036

# a re-IPL: the file is still there
cms_clear A
cmd A "cp ipl cms"
has_re A '^s370 CMS 0\.1  [0-9]{2}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}$'
cms A "access 19a b"
cms A "type fba text b"
expect_rows "2=first line on a fixed-block disk" "3=  second, indented" "4=third and last"
stop_cp

# from the host: the same blocks, the same file
"$CMSFS" -r "$FBA" -x 100,2000 check > "$T/check.out" 2>&1 || fail "cmsfs check: $(cat "$T/check.out")"
"$CMSFS" -r "$FBA" -x 100,2000 cat FBA TEXT > "$T/cat.out" 2>&1 || fail "cmsfs cat: $(cat "$T/cat.out")"
printf '%s\n' "first line on a fixed-block disk" "  second, indented" "third and last" > "$T/want"
cmp -s "$T/want" "$T/cat.out" || { fail "cmsfs cat differs"; diff "$T/want" "$T/cat.out"; }
"$CMSFS" -r "$FBA" -x 2100,800 ls > "$T/ls.out" 2>&1
expect_rc $? 0 "cmsfs ls of 19C"
[ -s "$T/ls.out" ] && fail "19C has files: $(cat "$T/ls.out")"
finish
