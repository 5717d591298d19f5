# The virtual 3270 (cp/diag58.c, cp/display.c): the bare guest
# tests/guest/fullscr.c, on ALICE's minidisk 192, first checks that bad
# DIAGNOSE X'58' requests end as documented (F01-F09: cc 3, channel program
# checks for a CCW or data outside its storage, unit check for a data
# stream with an address beyond the screen or an order cut short, X'8E'
# before any Erase/Write).  Then it computes without reading: a line typed
# meanwhile is NOT ACCEPTED (status area) and stays in the input area, and
# Enter sends it once the machine reads (VM READ).  Then its full screen:
# the exact rows it wrote; a name typed in its field comes back echoed; a
# message from BOB takes the display back for CP (the message, RUNNING),
# Clear gives it back to the guest, which writes its screen anew; PA1 gives
# CP READ with the machine stopped, BEGIN and Clear the guest's screen
# again; PF3 ends the full screen (CP's screen comes back) and the guest.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
GUEST=$(dirname "$S370")/tests/guest/fullscr.bin
[ -f "$GUEST" ] || { echo "skipped: no $GUEST"; exit 77; }
SRC=$(dirname "$0")/../../dasd-images/user.direct

"$(dirname "$S370")/tools/mksysvol" --minidisk 4 "$T/sysres.3350" "$GUEST" > /dev/null || fail "mksysvol"
sed 's/^USER ALICE ALICE 1M 4M G$/USER ALICE ALICE 1M 4M G\n MDISK 192 3350 4 1 S37RES RR/' "$SRC" > "$T/user.direct"
"$DIRECT" write "$T/user.direct" "$T/sysres.3350" > /dev/null || fail "direct write"

start_cp
ST="                                                             "

display_connect A 00C0
logon A ALICE ALICE
has A "${ST}CP READ   ALICE"
display_connect B 00C1
logon B BOB BOB
has B "${ST}CP READ   BOB"

key A "Clear"
cmd A "ipl 192"
has A "FULLSCREEN CHECKS: 9 OF 9 OK"
grep -E "^F[0-9]+ " "$T/screen" > "$T/results"
[ "$(wc -l < "$T/results")" = 9 ] || fail "not 9 checks: $(cat "$T/results")"
grep -v ": OK$" "$T/results" | while IFS= read -r line; do echo "FAIL: $line"; done
[ "$(grep -vc ': OK$' "$T/results")" = 0 ] || fail "some DIAGNOSE 58 checks went wrong"

# NOT ACCEPTED: the machine runs and does not read
has A "${ST}RUNNING   ALICE"
cmd A "early line"
has A "${ST}NOT ACCEPTED ALICE"
expect_rows "23=early line"
has A "TYPE A LINE"
has A "${ST}VM READ   ALICE"
expect_rows "23=early line"
key A "Enter"

# the guest's full screen, exactly as it wrote it; Read Modified, Read Buffer
wait_row A 1 " FULLSCREEN DEMO - DIAGNOSE X'58'"
expect_rows "2=" "3= NAME ===>" "4=" "5= ECHO:" "6=" "21=" "22= CONSOLE LINE: early line" "23=" \
	"24= ENTER: ECHO   PF3: END"
s3 A "String(\"alice smith\")"
key A "Enter"
wait_row A 5 " ECHO: YOU TYPED: alice smith"
expect_rows "1= FULLSCREEN DEMO - DIAGNOSE X'58'" "3= NAME ===> alice smith" "7= READ BUFFER: TITLE FOUND"

# a message: CP's screen, until Clear gives the display back
cmd B "msg alice hi there"
has A "MSG FROM BOB     : hi there"
expect_rows "24=${ST}RUNNING   ALICE"
key A "Clear"
wait_row A 1 " FULLSCREEN DEMO - DIAGNOSE X'58'"
expect_rows "3= NAME ===>" "5= ECHO:"
s3 A "String(\"again\")"
key A "Enter"
wait_row A 5 " ECHO: YOU TYPED: again"

# PA1 is CP's: CP READ, the machine stopped; BEGIN, then Clear: the guest's screen
key A "PA(1)"
has A "${ST}CP READ   ALICE"
cmd A "q t"
has_re A "^TIME IS "
expect_rows "24=${ST}CP READ   ALICE"
cmd A "begin"
has A "${ST}RUNNING   ALICE"
key A "Clear"
wait_row A 1 " FULLSCREEN DEMO - DIAGNOSE X'58'"

# PF3: the guest is done; CP's screen again
key A "PF(3)"
has A "FULLSCREEN DONE: 2 ECHOED, 2 REDRAWN"
has A "S37VMS023I Disabled wait state: PSW address 000E0D, code 0000"
has A "${ST}CP READ   ALICE"
cmd A "q n"
has A "ALICE    - 0C0 , BOB      - 0C1"
expect_no_grep "$T/err" "program check"
s3_end A
s3_end B
stop_cp
finish
