# A dropped TN3270 connection (devices/con_telnet.c, devices/dev3270.c): the
# echo program of tests/arch/dev/tn3270_echo.s on 00C0-00C1.  Checked: an
# s3270 that dies (kill -9: its socket closes without a goodbye) leaves its
# display powered off for the program (devlist: no client; the program's
# next I/O to it is not executed), a new client asking for the same LU gets
# the display over cleanly and sees the program's next write (the program
# redraws on the device end of the display becoming ready) and works; the
# same again with a client in TN3270 (not TN3270E) mode naming the device
# in its terminal type; the other display runs on throughout.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s390x-linux-gnu-as s3270
assemble "$(dirname "$0")/../arch/dev/tn3270_echo.s"

start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT @PORT@
00C0.2 3270"

# devlist_has DEV TEXT: the device's devlist line contains TEXT (5 s at most)
devlist_has() {
	for _ in $(seq 50); do
		op devlist
		sleep 0.1
		grep "^$1 " "$T/err" | tail -1 | grep -qF "$2" && return 0
	done
	fail "devlist $1: $(grep "^$1 " "$T/err" | tail -1), expected $2"
}

s3_start A -model 3278-2
s3 A "Connect(00C0@127.0.0.1:$PORT)" || fail "A: connect"
wait_row A 1 " S370 TN3270 ECHO"
s3 A 'String("first")'
s3 A Enter
wait_row A 3 " YOU TYPED: FIRST"
s3_start O -model 3278-2
s3 O "Connect(00C1@127.0.0.1:$PORT)" || fail "O: connect"
wait_row O 1 " S370 TN3270 ECHO"
devlist_has 00C0 "tn3270e 127.0.0.1:"
# s3270 asks for BIND-IMAGE, RESPONSES and SYSREQ and settles for RESPONSES:
# the program's writes have each waited for the client's positive response.
devlist_has 00C0 "IBM-3278-2-E responses writes 2 "

# A dies: 00C0 is a display switched off.
s3_kill A
devlist_has 00C0 "tn3270 (no client)"

# B asks for the same LU: the program draws its screen again.
s3_start B -model 3278-2
s3 B "Connect(00C0@127.0.0.1:$PORT)" || fail "B: connect"
wait_row B 1 " S370 TN3270 ECHO"
expect_rows "3= YOU TYPED:" "5= INPUT:"
s3 B 'String("second")'
s3 B Enter
wait_row B 3 " YOU TYPED: SECOND"
devlist_has 00C0 "tn3270e 127.0.0.1:"

# B dies too; C comes back in TN3270 mode (terminal type IBM-3278-2@00C0).
s3_kill B
devlist_has 00C0 "tn3270 (no client)"
s3_start C -model 3278-2 -tn IBM-3278-2@00C0
s3 C "Connect(N:127.0.0.1:$PORT)" || fail "C: connect"
wait_row C 1 " S370 TN3270 ECHO"
s3 C 'String("third")'
s3 C Enter
wait_row C 3 " YOU TYPED: THIRD"
state C
[ "$STATE" = "connected-3270" ] || fail "C: $STATE, expected connected-3270"

# The other display ran on.
s3 O 'String("other")'
s3 O Enter
wait_row O 3 " YOU TYPED: OTHER"

s3_end O
stop_s370 C
s3_end C
expect_no_grep "$T/err" "warning"
finish
