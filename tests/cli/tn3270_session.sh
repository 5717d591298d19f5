# TN3270 sessions (devices/con_telnet.c): the session limit (TN3270MAX),
# the telnet probe (TN3270PROBE), the idle timeout (TN3270IDLE) and the
# connection screen from a logo file (LOGOFILE), with the echo program of
# tests/arch/dev/tn3270_echo.s on 00C0-00C2 and a 3215 on one CNSLPORT.
# Checked: TCP keepalive on the server's sockets (CONKPALV, seen with ss); the logo file's screen with its substitutions on a display the
# program does not write; the client over the limit told so in plain text;
# a silent line-mode client probed with DO TIMING-MARK and dropped when it
# does not answer; s3270, which answers probes, kept; an operator who types
# kept while an idle one is told on the screen and disconnected, and its
# display then powered off for the program (devlist: no client).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s390x-linux-gnu-as s3270
assemble "$(dirname "$0")/../arch/dev/tn3270_echo.s"

cat > "$T/logo.txt" <<'LOGO'
@ALIGN CENTER
Welcome to s370
@NL
@ALIGN NONE
@SBA 4,10
Display $(CCUU) ($(CUU)), LU $(LUNAME), type $(DEVTYPE)
@SF HP
@SBA 6,0
Client $(PEER)
@ALIGN RIGHT
right
LOGO

start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT @PORT@
TN3270MAX 3
CONKPALV (7,2,3)
TN3270PROBE 2
TN3270IDLE 6
LOGOFILE $T/logo.txt
0009 3215
00C0.3 3270"

# A: the program's screen on 00C0.
s3_start A -model 3278-2
s3 A "Connect(127.0.0.1:$PORT)" || fail "A: connect"
wait_row A 1 " S370 TN3270 ECHO"
# TCP keepalive on the server's end of the connection (ss shows its timer).
if command -v ss >/dev/null 2>&1; then
	for _ in $(seq 20); do
		ss -tno state established "( sport = :$PORT )" > "$T/ss"
		grep -q "timer:(keepalive," "$T/ss" && break
		sleep 0.1 # (a retransmission timer shows while data is unacknowledged)
	done
	grep -q "timer:(keepalive," "$T/ss" || fail "no keepalive timer: $(cat "$T/ss")"
fi
# B: 00C2, never written by the program: the logo.
s3_start B -model 3278-2
s3 B "Connect(00C2@127.0.0.1:$PORT)" || fail "B: connect"
wait_row B 1 "                                Welcome to s370"
s3 B "Query(LocalEncryption)" # (any command: let the screen settle)
screen B
BPORT=$(sed -n 's/^Client 127\.0\.0\.1:\([0-9]*\)$/\1/p' "$T/screen")
expect_rows 2= 3= 4= "5=          Display 00C2 (0C2), LU 00C2, type 3270" 6= \
	"7=Client 127.0.0.1:$BPORT" "8=                                                                           right"
[ -n "$BPORT" ] || fail "B: no client address on the logo: $(cat "$T/screen")"

# L: a line-mode client takes the 3215, then stays silent.
exec 5<>/dev/tcp/127.0.0.1/$PORT
cat <&5 > "$T/l" &
CAT_L=$!
printf '\xff\xfc\x18' >&5
for _ in $(seq 50); do
	grep -q "console device 0009" "$T/l" && break
	sleep 0.1
done
# Three sessions: the fourth client is told so and disconnected.
exec 4<>/dev/tcp/127.0.0.1/$PORT
cat <&4 > "$T/over"
exec 4>&-
printf 's370: too many sessions (at most 3); connection closed\r\n' > "$T/want"
cmp -s "$T/over" "$T/want" || fail "fourth client got $(od -c "$T/over")"
# L does not answer the probe: dropped after four quiet seconds.
wait $CAT_L
exec 5>&-
printf '\xff\xfd\x18s370: connected to 3215 console device 0009\r\n\xff\xfd\x06' > "$T/want"
cmp -s "$T/l" "$T/want" || fail "silent client got $(od -c "$T/l")"

# A types now and then and stays; B says nothing and is closed at 6 s.
for k in 1 2 3 4 5 6 7; do
	s3 A "String(\"tick $k\")"
	s3 A Enter
	wait_row A 3 " YOU TYPED: TICK $k"
	sleep 0.8
done
wait_state B not-connected
screen B
expect_rows "1= s370: session closed after 6 seconds without input"
state A
[ "$STATE" = "connected-tn3270e" ] || fail "A: $STATE"
op devlist
for _ in $(seq 50); do grep -q "^00C2 " "$T/err" && break; sleep 0.1; done
grep "^00C2 " "$T/err" | grep -q "tn3270 (no client)" || fail "devlist: $(grep '^00C' "$T/err")"
grep "^00C0 " "$T/err" | grep -q "tn3270e 127.0.0.1:" || fail "devlist: $(grep '^00C' "$T/err")"

s3_end B
stop_s370 A
s3_end A
expect_no_grep "$T/err" "warning"
finish
