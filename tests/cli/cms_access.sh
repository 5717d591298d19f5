# CMS disks beyond the A-disk (issue 11): ALICE FORMATs her 191 and writes a
# file; BOB LINKs her 191 read-only as his 291 (CP) and ACCESSes it as C:
# LISTFILE and TYPE see her file, ERASE is refused (read-only, rc 36); as an
# extension of his A-disk (ACCESS 291 B/A) the file is found by a search of A
# alone (STATE fn ft A); QUERY SEARCH shows the order; RELEASE takes it away
# (rc 28 for the same STATE then).  The immediate commands: HT stops an
# EXEC's output and RT brings it back; HI ends the EXEC (the Ready line
# comes); an unknown mode or address is refused with the messages.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
start_cp

cms_ipl A 00C0 ALICE
cms_format A 191 A alice1
cms_clear A
cmd A "xedit shared data"
has A " NEW FILE"
cmd A "input FIRST LINE OF ALICE'S FILE"
cmd A "input second line"
cmd A "file"
has_re A "$READY"

cms_ipl B 00C1 BOB
cms_format B 191 A bob191
cms B "cp link alice 191 291 rr"
ready B 0
cms B "access 291 c"
has B "DMSACC723I C (291) R/O"
cms B "listfile * * c"
expect_rows "2=SHARED   DATA     C1"
cms B "type shared data c"
expect_rows "2=FIRST LINE OF ALICE'S FILE" "3=second line"
cms B "erase shared data c"
has B "DMSERS037E Disk 'C' is read-only"
ready B 00036
cms B "state shared data a"
ready B 00028
cms B "access 291 b/a"
has B "DMSACC723I B (291) R/O, an extension of A"
cms B "state shared data a"
ready B 0
cms B "query search"
expect_rows "2=BOB191 191 A    R/W" "3=ALICE1 291 B/A  R/O"
cms B "release b"
ready B 0
cms B "state shared data a"
ready B 00028
cms B "access 2ff c"
has B "DMSACC113S Disk 2FF does not exist"
cms B "access 291 7"
has B "DMSACC048E Invalid mode '7'"
ready B 00024

# ---- HT, RT, HI while an EXEC runs ----
cms_clear B
cmd B "xedit talk exec"
has B " NEW FILE"
for l in "do i = 1 to 100000" "  if i // 2000 = 0 then say 'TICK' i" "end" "say 'DONE'"; do
	cmd B "input $l"
done
cmd B "file"
has_re B "$READY"
cms_clear B
cmd B "talk"
has_re B "^TICK [0-9]+$"
cmd B "ht"
sleep 1
screen B
before=$(grep -c "^TICK" "$T/screen")
sleep 1
screen B
[ "$(grep -c "^TICK" "$T/screen")" = "$before" ] || fail "HT: the EXEC still writes"
cmd B "rt"
sleep 1
screen B
[ "$(grep -c "^TICK" "$T/screen")" -gt "$before" ] || fail "RT: the EXEC's output did not come back"
cmd B "hi"
has_re B "$READY"
stop_cp
finish
