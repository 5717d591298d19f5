# The primer, docs/cms.md, followed as a newcomer would (issue 11's "done
# when"): ALICE logs on, IPLs CMS, FORMATs her A-disk (section 4), types a
# memo in XEDIT's input mode and FILEs it (6.1-6.4), LISTFILE and TYPE show it
# (5.2), writes HELLO EXEC and COUNT EXEC and runs them (7.1, 7.2), and sends
# the memo to BOB (8); BOB, in CMS too, sees CP's message, lists his reader
# and RECEIVEs the memo, whose lines TYPE shows exactly; finally ALICE logs
# off from CMS (12).  Each answer checked is the one the primer shows.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
start_cp

# 2-4: log on, IPL CMS, FORMAT
cms_ipl A 00C0 ALICE
has A "DMSACC112S A (191) is not a CMS disk: FORMAT it first"
cms_format A 191 A alice
has A "DMSFOR732I 600 blocks formatted on disk 'A (191)'"
cms A "query disk a"
grep -qE '^ALICE  191 A  R/W  3350     4096      0 ' "$T/screen" || fail "4: QUERY DISK A: $(cat "$T/screen")"

# 6.1-6.4: XEDIT PLAN MEMO, input mode, FILE
cms_clear A
cmd A "xedit plan memo"
has A " NEW FILE"
cmd A "input"
has_re A "Input-mode 1 File$"
s3 A "String(\"Project plan\")"
s3 A "Newline"
s3 A "String(\"Monday: set up the disks\")"
s3 A "Newline"
s3 A "String(\"Tuesday: write the EXEC\")"
s3 A "Newline"
s3 A "String(\"Wednesday: send the plan to Bob\")"
key A Enter
has_re A "^ PLAN     MEMO     A1  V 255  Trunc=255 Size=4 Line=4 "
key A Enter
has_re A "X E D I T  1 File$"
cmd A "file"
has_re A "$READY"

# 5.2: LISTFILE, TYPE
cms A "listfile"
expect_rows "2=PLAN     MEMO     A1"
cms A "listfile * * a (format"
expect_rows "2=FILENAME FILETYPE FM FORMAT LRECL   RECS  BLOCKS" "3=PLAN     MEMO     A1 V        31      4       2"
cms A "type plan memo"
expect_rows "2=Project plan" "3=Monday: set up the disks" "4=Tuesday: write the EXEC" "5=Wednesday: send the plan to Bob"

# 7.1, 7.2: two EXECs
xedit_lines() { # NAME LINE...: a new file from the command line's INPUT, then FILE
	local f=$1
	shift
	cms_clear A
	cmd A "xedit $f"
	has A " NEW FILE"
	for l in "$@"; do cmd A "input $l"; done
	cmd A "file"
	has_re A "$READY"
}
xedit_lines "hello exec" "/* HELLO EXEC: my first EXEC */" "say 'Hello from CMS.'"
cms A "hello"
expect_rows "2=Hello from CMS."
ready A 0
xedit_lines "count exec" "/* COUNT EXEC: count to n (3 if not told) */" "arg n" "if n = '' then n = 3" \
	"do i = 1 to n" "  say 'Line' i 'of' n" "end" "say 'Done.'"
cms A "count 2"
expect_rows "2=Line 1 of 2" "3=Line 2 of 2" "4=Done."
cms A "count x"
expect_rows "2=     4 +++ do i = 1 to n" "3=DMSREX460E Error 41 running COUNT EXEC, line 4: Bad arithmetic conversion"
ready A 20041

# 8: SENDFILE to BOB, who RECEIVEs
cms_ipl B 00C1 BOB
cms_format B 191 A bob
cms_clear B
cms A "sendfile plan memo a to bob"
has A "File 'PLAN MEMO A1' sent to BOB"
has_re B "^RDR FILE [0-9]{4} SENT FROM ALICE +PUN WAS [0-9]{4} RECS [0-9]{4} CPY 001 A NOHOLD"
cms_clear B
cmd B "rdrlist"
wait_row B 1 " RDRLIST   Files: 1"
expect_rows "2= Cmd          ORIGINID FILE CL TYPE  RECORDS HOLD DATE  TIME  NAME     TYPE"
grep -qE '^              ALICE    [0-9]{4} A  PUN +[0-9]+ NONE [0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2} PLAN     MEMO$' \
	"$T/screen" || fail "8: BOB's RDRLIST: $(cat "$T/screen")"
key B "PF(3)"
has_re B "$READY"
cms B "receive"
has B "File 'PLAN MEMO A1' received from ALICE"
cms B "type plan memo"
expect_rows "2=Project plan" "3=Monday: set up the disks" "4=Tuesday: write the EXEC" "5=Wednesday: send the plan to Bob"

# 12: logging off
cms_clear A
cmd A "#cp logoff"
has_re A "^ LOGOFF AT [0-9]{2}:[0-9]{2}:[0-9]{2} "
stop_cp
finish
