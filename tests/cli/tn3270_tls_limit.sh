# The session limit (TN3270MAX) on the TLS port (devices/con_telnet.c): a
# TLS client over the limit reads the same plain-text refusal a client of
# the plain port reads, inside TLS after the handshake, and is disconnected;
# it is not a session (the limit is not used up by it).  With TN3270MAX 1
# and s3270 A on display 00C0 over TLS: `openssl s_client` on the TLS port
# reads exactly "s370: too many sessions (at most 1); connection closed"
# CR LF and sees the connection close; a plain client on the plain port
# reads the same words in the clear; A runs on (an echo); when A has gone,
# s3270 B over TLS gets a display.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s390x-linux-gnu-as s3270 openssl timeout
assemble "$(dirname "$0")/../arch/dev/tn3270_echo.s"

make_cert

start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT @PORT@
TN3270TLS @TLSPORT@ $T/cert.pem $T/key.pem
TN3270MAX 1
00C0.2 3270"
expect_grep "$T/err" "s370: TLS port 127.0.0.1:$TLSPORT for tn3270 clients"

s3_start A -model 3278-2 -cafile "$T/cert.pem" -accepthostname localhost
s3 A "Connect(L:127.0.0.1:$TLSPORT)" || fail "A: connect over TLS: $(cat "$T/reply")"
wait_row A 1 " S370 TN3270 ECHO"

printf 's370: too many sessions (at most 1); connection closed\r\n' > "$T/want"
# Over the limit on the TLS port: the words inside TLS, then the end.
# (-quiet: only what the server sent on stdout; it waits for the close.)
timeout 10 openssl s_client -quiet -connect "127.0.0.1:$TLSPORT" -CAfile "$T/cert.pem" \
	< /dev/null > "$T/tls.out" 2> "$T/tls.err"
RC=$?
[ $RC -ne 124 ] || fail "the TLS client over the limit was not disconnected"
cmp -s "$T/tls.out" "$T/want" ||
	fail "TLS client over the limit got $(od -c "$T/tls.out" | head -5); stderr $(cat "$T/tls.err")"
# The same on the plain port, in the clear.
exec 4<>"/dev/tcp/127.0.0.1/$PORT"
timeout 10 cat <&4 > "$T/plain"
exec 4>&-
cmp -s "$T/plain" "$T/want" || fail "plain client over the limit got $(od -c "$T/plain" | head -5)"

# A ran on; when it has gone, a new TLS client is served.
s3 A 'String("still here")'
s3 A Enter
wait_row A 3 " YOU TYPED: STILL HERE"
s3_end A
sleep 0.3
s3_start B -model 3278-2 -cafile "$T/cert.pem" -accepthostname localhost
s3 B "Connect(L:127.0.0.1:$TLSPORT)" || fail "B: connect over TLS: $(cat "$T/reply")"
wait_row B 1 " S370 TN3270 ECHO"
stop_s370 B
s3_end B
expect_no_grep "$T/err" "warning"
finish
