# TN3270 over TLS (TN3270TLS, devices/tel_tls.c): the echo program of
# tests/arch/dev/tn3270_echo.s on displays 00C0-00C2, reached by s3270 with
# the L: prefix on the TLS port, checking the server's certificate (a
# self-signed one made here with the openssl CLI) against -cafile (s3270
# 4.1 matches DNS names only, hence -accepthostname localhost).
# Checked, by screen text: the program's screen and an echo over TLS, a
# TN3270E client asking for LU 00C2 over TLS (the connection screen), a plain
# client on the plain port at the same time, a plain telnet client on the TLS
# port told in plain text that the port speaks TLS and disconnected while
# the TLS sessions run on, a client that is not TLS and sends garbage, and a
# TLS port whose key does not match its certificate (a warning, no TLS port,
# the plain port serving).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s390x-linux-gnu-as s3270 openssl
assemble "$(dirname "$0")/../arch/dev/tn3270_echo.s"

make_cert

start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT @PORT@
TN3270TLS @TLSPORT@ $T/cert.pem $T/key.pem
00C0.3 3270"
expect_grep "$T/err" "s370: TLS port 127.0.0.1:$TLSPORT for tn3270 clients"

# A: TLS, TN3270E, the first free display (00C0): the program's screen.
s3_start A -model 3278-2 -cafile "$T/cert.pem" -accepthostname localhost
s3 A "Connect(L:127.0.0.1:$TLSPORT)" || fail "A: connect over TLS: $(cat "$T/reply")"
wait_row A 1 " S370 TN3270 ECHO"
expect_rows "3= YOU TYPED:" "5= INPUT:"
s3 A "Query(Tls)"
grep -q "^data: secure" "$T/reply" || fail "A: not secure: $(cat "$T/reply")"
s3 A 'String("over tls")'
s3 A Enter
wait_row A 3 " YOU TYPED: OVER TLS"

# B: TLS with an LU name: 00C2, which the program never writes.
s3_start B -model 3278-2 -cafile "$T/cert.pem" -accepthostname localhost
s3 B "Connect(L:00C2@127.0.0.1:$TLSPORT)" || fail "B: connect: $(cat "$T/reply")"
wait_row B 1 " s370: connected to 3270 display device 00C2"
s3 B "Query(LuName)"
[ "$(head -1 "$T/reply")" = "data: 00C2" ] || fail "B: LU name $(cat "$T/reply")"

# C: a plain tn3270 client on the plain port at the same time gets 00C1.
s3_start C -model 3278-2
s3 C "Connect(127.0.0.1:$PORT)" || fail "C: connect: $(cat "$T/reply")"
wait_row C 1 " S370 TN3270 ECHO"

# A plain telnet client on the TLS port: told so, disconnected.
exec 4<>/dev/tcp/127.0.0.1/$TLSPORT
cat <&4 > "$T/plain" &
CAT=$!
printf '\xff\xfb\x18' >&4
wait $CAT
exec 4>&-
printf 's370: this port speaks TLS only (tn3270 clients: the L: prefix, c3270 L:host:port); connection closed\r\n' \
	> "$T/want"
cmp -s "$T/plain" "$T/want" || fail "plain client on the TLS port got $(od -c "$T/plain")"
# A client that starts like TLS and then sends garbage: the handshake fails.
exec 4<>/dev/tcp/127.0.0.1/$TLSPORT
cat <&4 > "$T/garbage" &
CAT=$!
printf '\x16\x03\x01\x00\x05garbagegarbage' >&4
wait $CAT
exec 4>&-
[ ! -s "$T/garbage" ] || [ "$(head -c 1 "$T/garbage" | od -An -tx1 | tr -d ' ')" = 15 ] ||
	fail "garbage client got $(od -c "$T/garbage")"

# The TLS sessions ran on.
s3 A 'String("still here")'
s3 A Enter
wait_row A 3 " YOU TYPED: STILL HERE"
state B
[ "$STATE" = "connected-tn3270e" ] || fail "B: state $STATE after the bad clients"
op devlist
for _ in $(seq 50); do grep -q "^00C0 " "$T/err" && break; sleep 0.1; done
grep "^00C0 " "$T/err" | grep -q "tn3270e/tls 127.0.0.1:[0-9]* IBM-3278-2-E responses " ||
	fail "devlist: $(grep '^00C' "$T/err")"
grep "^00C1 " "$T/err" | grep -q "tn3270e 127.0.0.1:[0-9]* IBM-3278-2-E responses " ||
	fail "devlist: $(grep '^00C' "$T/err")"

s3_end B
s3_end C
stop_s370 A
s3_end A
expect_no_grep "$T/err" "warning"

# A key that is not the certificate's: a warning, no TLS port; the plain
# port serves on (and with none, there is no listener at all).
openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -days 2 -subj "/CN=x" \
	-keyout "$T/other.pem" -out "$T/othercert.pem" 2> /dev/null
printf 'ARCHMODE S/370\nMAINSIZE 2\nCNSLPORT %s\nTN3270TLS %s %s %s\n00C0 3270\n' \
	"$PORT" "$TLSPORT" "$T/cert.pem" "$T/other.pem" > "$T/bad.cnf"
printf 'pause 2\nquit\n' | timeout 10 "$S370" -f "$T/bad.cnf" > "$T/bad.out" 2>&1 &
BAD=$!
for _ in $(seq 50); do
	grep -q "console port" "$T/bad.out" && break
	sleep 0.1
done
s3_start D -model 3278-2
s3 D "Connect(127.0.0.1:$PORT)" || fail "D: connect to the plain port: $(cat "$T/reply")"
wait_row D 1 " s370: connected to 3270 display device 00C0"
s3_end D
wait $BAD
expect_grep "$T/bad.out" "s370: warning: TLS key $T/other.pem: "
expect_grep "$T/bad.out" "s370: console port 127.0.0.1:$PORT for telnet consoles and tn3270 clients"
expect_no_grep "$T/bad.out" "TLS port"
sed -i "s/^CNSLPORT .*/CNSLPORT 0/" "$T/bad.cnf"
printf 'quit\n' | timeout 10 "$S370" -f "$T/bad.cnf" > "$T/bad.out" 2>&1
expect_grep "$T/bad.out" "s370: warning: TLS key $T/other.pem: "
expect_no_grep "$T/bad.out" "console port"
finish
