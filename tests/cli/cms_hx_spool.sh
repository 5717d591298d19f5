# HX in the middle of SENDFILE (issue 11: nothing is lost or half-sent): ALICE
# sends a 20000-record file to BOB and stops it with HX after a moment; BOB's
# reader stays empty (the half-punched deck is purged, not sent) and ALICE's
# punch is hers again: a small file sent next arrives whole, the only file in
# BOB's reader, and RECEIVE makes it exactly.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
CMSFS=$(dirname "$S370")/tools/cmsfs
"$CMSFS" "$T/user.3350" -x 11,5 format ALICE1 > /dev/null || fail "cmsfs format ALICE"
"$CMSFS" "$T/user.3350" -x 16,5 format BOB191 > /dev/null || fail "cmsfs format BOB"
seq -f "RECORD %05g OF A FILE THAT TAKES A WHILE TO SEND" 1 20000 > "$T/big"
printf 'small file\nsecond line\n' > "$T/small"
"$CMSFS" "$T/user.3350" -x 11,5 put "$T/big" BIG DATA > /dev/null || fail "cmsfs put BIG"
"$CMSFS" "$T/user.3350" -x 11,5 put "$T/small" SMALL DATA > /dev/null || fail "cmsfs put SMALL"
start_cp

cms_ipl A 00C0 ALICE
cms_ipl B 00C1 BOB
cms_clear A
cmd A "sendfile big data a to bob"
sleep 0.5
cmd A "hx"
has A "CMS"
has_re A "$READY"
grep -q "sent to BOB" "$T/screen" && fail "SENDFILE ended before HX: the test needs a bigger file"
cms B "cp query rdr"
has B "NO RDR FILES"
cms A "sendfile small data a to bob"
has A "File 'SMALL DATA A1' sent to BOB"
cms B "cp query rdr"
[ "$(grep -c "^ALICE " "$T/screen")" = 1 ] || fail "BOB's reader: $(cat "$T/screen")"
cms B "receive"
has B "File 'SMALL DATA A1' received from ALICE"
cms B "type small data"
expect_rows "2=small file" "3=second line"
stop_cp
finish
