# cms_stuck_client.sh — a client that stops answering stops nobody else.
# ALICE runs an EXEC that sleeps three seconds, then XEDITs a file; the test
# stops her s3270 (SIGSTOP: the connection stays open, nothing is answered)
# before XEDIT writes its screen and reads the display's buffer back
# (DIAGNOSE X'58', cp/diag58.c).  That Read Buffer can only end when her
# client answers, so CP must go on without it: BOB, at another display,
# gets the answers to his commands all the while.  When ALICE's client runs
# again it answers, XEDIT's screen comes up, and QUIT gives her Ready.
# Then the same again, but her client dies while XEDIT waits for it: she is
# disconnected, her machine runs on (XEDIT, without a display, as the line
# editor), and LOGON finds it.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
CMSFS=$(dirname "$S370")/tools/cmsfs
MD=(-x 11,5) # ALICE's 191: cylinders 11-15 of S37U01 (dasd-images/user.direct)
ST="                                                             "
TIME='^TIME IS [0-9]{2}:[0-9]{2}:[0-9]{2} '

"$CMSFS" "$T/user.3350" "${MD[@]}" format ALICE1 > /dev/null || fail "cmsfs format"
printf "/* LATER EXEC: XEDIT after a pause */\n'CP SLEEP 3 SEC'\n'XEDIT LATER TEST'\n" > "$T/later.exec"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/later.exec" LATER EXEC > /dev/null || fail "cmsfs put LATER"

# a_connect: ALICE's client in plain TN3270 (N:), without TN3270E's
# responses: a write ends as soon as it is sent, and the one thing that
# waits for a stopped client is the Read Buffer
a_connect() {
	s3_start A -model 3278-2
	s3 A "Connect(N:127.0.0.1:$PORT)" || fail "A: connect"
	wait_row A 21 " USERID   ===>"
}

start_cp
a_connect
logon A ALICE ALICE
has_re A "CP READ +ALICE\$"
cms_clear A
cmd A "ipl cms"
has_re A '^s370 CMS 0\.1  [0-9]{2}/[0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}$'
display_connect B 00C1
logon B BOB BOB
has B "${ST}CP READ   BOB"

# read_pending: until the emulator's devlist shows ALICE's display 00C0
# waiting for its client's answer to a Read (10 s at most)
read_pending() {
	for _ in $(seq 20); do
		op "devlist"
		sleep 0.5
		grep -q "^00C0 .*read-pending" "$T/out" "$T/err" 2> /dev/null && return 0
	done
	fail "ALICE's display 00C0 never waited for a Read"
}

# bob_works: three commands of BOB's answered while ALICE's client is stopped
bob_works() {
	for _ in 1 2 3; do
		key B Clear
		cmd B "query time"
		has_re B "$TIME" || return
	done
}

cms_clear A
cmd A "later"
kill -STOP "${S3_PID[A]}"
read_pending # the sleep is over: XEDIT's Read Buffer waits for the client
bob_works
kill -CONT "${S3_PID[A]}"
wait_row A 1 " LATER    TEST     A1  F 80  Trunc=80 Size=0 Line=0 Col=1 Alt=0"
key A "PF(3)"
has_re A "$READY"

# the client dies while XEDIT waits: the machine runs on, disconnected
cms_clear A
cmd A "later"
kill -STOP "${S3_PID[A]}"
read_pending
bob_works
s3_kill A # (SIGKILL kills a stopped process too: the socket closes)
rm -f "$T/A.in" "$T/A.out"
for _ in $(seq 10); do # (until CP has seen the client go)
	key B Clear
	cmd B "query names"
	sleep 0.5
	screen B
	grep -qE "ALICE +- DSC" "$T/screen" && break
done
grep -qE "ALICE +- DSC" "$T/screen" || fail "ALICE not disconnected: $(cat "$T/screen")"
a_connect
logon A ALICE ALICE
has_re A "RECONNECTED AT"
cms A "qquit" # (XEDIT, finding no display, went on as the line editor)
cms A "listfile * exec"
has A "LATER    EXEC     A1"
ready A 0
finish
