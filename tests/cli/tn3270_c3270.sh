# c3270 itself (the interactive client people use), not only s3270: each
# c3270 runs on a pseudo-terminal made by `script` and is driven through
# its -scriptport, which takes the same script commands as s3270.  The echo
# program of tests/arch/dev/tn3270_echo.s writes displays 00C0 and 00C1 (and
# redraws one when a new client takes it over).  Checked, by screen text:
# TN3270E on the first free display (00C0), TN3270E with an LU name (00C1);
# both leave, then TN3270 without E (N: prefix) takes 00C0 and TLS (L:
# prefix, TN3270TLS with a certificate made here) takes 00C1; in each,
# typing a line and Enter gives the program's echo; PF3 ends the program.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s390x-linux-gnu-as s3270 c3270 script openssl
assemble "$(dirname "$0")/../arch/dev/tn3270_echo.s"

make_cert

start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT @PORT@
TN3270TLS @TLSPORT@ $T/cert.pem $T/key.pem
00C0.4 3270"

# c3_start NAME HOST-ARGUMENT [options]: a c3270 on a pseudo-terminal, its
# script port connected as the client NAME of s3270.inc (one socket both ways).
declare -A C3_PID
c3_start() {
	local name=$1 host=$2 sp fd
	shift 2
	for _ in 1 2 3 4 5 6 7 8; do # a script port nothing listens on yet (another test's would answer instead)
		sp=$((PORT + 100 + RANDOM % 1000))
		{ exec {fd}<> "/dev/tcp/127.0.0.1/$sp"; } 2> /dev/null || break
		exec {fd}>&-
	done
	fd=
	TERM=xterm script -qfc "c3270 -scriptport 127.0.0.1:$sp -model 3278-2 $* $host" /dev/null \
		> "$T/$name.tty" 2>&1 &
	C3_PID[$name]=$!
	for _ in $(seq 100); do
		{ exec {fd}<> "/dev/tcp/127.0.0.1/$sp"; } 2> /dev/null && break
		fd=
		sleep 0.1
	done
	[ -n "$fd" ] || { fail "c3270 $name: no script port $sp"; return 1; }
	S3_IN[$name]=$fd
	S3_OUT[$name]=$fd
}

# echo_test NAME TEXT: the program's screen, then TEXT and Enter echoed in capitals
echo_test() {
	wait_row "$1" 1 " S370 TN3270 ECHO" || return
	s3 "$1" "String(\"$2\")"
	s3 "$1" Enter
	wait_row "$1" 3 " YOU TYPED: ${2^^}"
}

c3_start A "127.0.0.1:$PORT"
echo_test A "tn3270e first free"

c3_start B "00C1@127.0.0.1:$PORT"
echo_test B "lu name"
s3 B "Query(LuName)"
[ "$(head -1 "$T/reply")" = "data: 00C1" ] || fail "B: LU name $(cat "$T/reply")"
s3 A Disconnect
s3 B Disconnect

c3_start C "N:127.0.0.1:$PORT"
echo_test C "plain tn3270"
s3 C "Query(Tn3270eOptions)"
[ -z "$(sed -n 's/^data: //p' "$T/reply")" ] || fail "C: TN3270E options with N: $(cat "$T/reply")"

c3_start D "L:127.0.0.1:$TLSPORT" -cafile "$T/cert.pem" -accepthostname localhost
echo_test D "over tls"
s3 D "Query(Tls)"
grep -q "^data: secure" "$T/reply" || fail "D: not secure: $(cat "$T/reply")"

stop_s370 C
for n in A B C D; do
	kill "${C3_PID[$n]}" 2> /dev/null
	wait "${C3_PID[$n]}" 2> /dev/null
done
finish
