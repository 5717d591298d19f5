# CMS from a user's chair (issue 11): ALICE logs on at a 3270, IPLs CMS from
# the system disk 190 (accessed as S, read-only), FORMATs her A-disk 191,
# writes two EXECs with the full-screen editor, sees them with LISTFILE and
# TYPE (exact lines), runs one (a DO loop, a CP command, its return code),
# copies, renames and erases files (each return code checked), stops a
# runaway EXEC with HX, and after the operator FORCEs her off, logs on again:
# her files are all there and PROFILE EXEC runs at IPL.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
start_cp

cms_ipl A 00C0 ALICE
has A "DMSACC723I S (190) R/O"
has A "DMSACC112S A (191) is not a CMS disk: FORMAT it first"
cms A "query disk"
expect_rows "2=LABEL  CUU M  STAT  TYPE  BLKSIZE  FILES  BLKS USED-(%)  BLKS LEFT  BLK TOTAL"
grep -qE '^CMS190 190 S  R/O  3350     4096 ' "$T/screen" || fail "QUERY DISK lacks the S-disk: $(cat "$T/screen")"

cms_format A 191 A alice1
has A "DMSFOR732I 600 blocks formatted on disk 'A (191)'"
cms A "q disk a"
grep -qE '^ALICE1 191 A  R/W  3350     4096      0 ' "$T/screen" || fail "QUERY DISK A: $(cat "$T/screen")"
cms A "listfile * * a"
has A "DMSLST002E File not found"
ready A 00028

# ---- the editor: a new file, lines added from the command line, FILE ----
cms_clear A
cmd A "xedit loop exec"
has_re A '^ LOOP     EXEC     A1  V'
has A " NEW FILE"
for l in "/* LOOP EXEC: a loop and a CP command */" "total = 0" "do i = 1 to 5" "  total = total + i" "end" \
	"say 'TOTAL IS' total" "'CP QUERY TIME'" "say 'RC IS' rc" "exit total"; do
	cmd A "input $l"
done
cmd A "file"
has_re A "$READY"
cms_clear A
cmd A "xedit profile exec"
has A " NEW FILE"
cmd A "input say 'HELLO FROM PROFILE EXEC'"
cmd A "file"
has_re A "$READY"

cms A "listfile * exec a"
expect_rows "2=LOOP     EXEC     A1" "3=PROFILE  EXEC     A1"
ready A 0
cms A "type loop exec"
expect_rows "2=/* LOOP EXEC: a loop and a CP command */" "3=total = 0" "4=do i = 1 to 5" "5=  total = total + i" "6=end" \
	"7=say 'TOTAL IS' total" "8='CP QUERY TIME'" "9=say 'RC IS' rc" "10=exit total"
cms A "type loop exec a 3 4"
expect_rows "2=do i = 1 to 5" "3=  total = total + i"
ready A 0
cms A "loop"
expect_rows "2=TOTAL IS 15"
grep -qE '^TIME IS [0-9]{2}:[0-9]{2}:[0-9]{2} ' "$T/screen" || fail "the EXEC's CP QUERY TIME: $(cat "$T/screen")"
expect_rows "4=RC IS 0"
ready A 00015

# ---- copy, rename, erase, state ----
cms A "copyfile loop exec a copy exec a"
ready A 0
cms A "copyfile loop exec a copy exec a"
has_re A "^DMSCPY024E File 'COPY EXEC A1?' already exists"
ready A 00028
cms A "copyfile loop exec a copy exec a (replace"
ready A 0
cms A "rename copy exec a moved exec a"
ready A 0
cms A "state copy exec a"
has A "DMSSTT002E File 'COPY EXEC A' not found"
ready A 00028
cms A "state moved exec *"
ready A 0
cms A "listfile * * a (format"
grep -qE '^MOVED    EXEC     A1 V ' "$T/screen" || fail "LISTFILE (FORMAT: $(cat "$T/screen")"
cms A "erase moved exec a"
ready A 0
cms A "listfile moved exec a"
ready A 00028
cms A "erase nosuch file a"
has A "DMSERS002E File 'NOSUCH FILE A' not found"
cms A "nosuchcmd"
has A "DMSITS001E Unknown CP/CMS command"
ready A -0003

# ---- HX stops a runaway EXEC ----
cms_clear A
cmd A "xedit forever exec"
has A " NEW FILE"
cmd A "input do forever; end"
cmd A "file"
has_re A "$READY"
cms_clear A
cmd A "forever"
sleep 1
cmd A "hx"
has A "CMS"
has_re A "$READY"

# ---- a forced logoff loses nothing ----
console_logon OPERATOR
op "/force alice"
wait_console "USER ALICE FORCED"
cms_gone A
cms_ipl A 00C0 ALICE
has A "HELLO FROM PROFILE EXEC"
cms A "listfile * * a"
expect_rows "2=LOOP     EXEC     A1" "3=PROFILE  EXEC     A1" "4=FOREVER  EXEC     A1"
cms A "type loop exec a 6 6"
expect_rows "2=say 'TOTAL IS' total"
stop_cp
finish
