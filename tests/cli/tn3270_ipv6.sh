# TN3270 over IPv6 (devices/con_telnet.c): CNSLPORT with an IPv6 address,
# s3270 connecting over ::1, and the IP filter of the display statement
# (ADDR 3270 [group] [ip [mask]]) for IPv6 clients and for IPv4 clients
# that reach a dual-stack port ("[::]", where they arrive as ::ffff:a.b.c.d).
# The echo program of tests/arch/dev/tn3270_echo.s writes 00C0 and 00C1;
# 00C2-00C5 show the connection screen.  Checked, by screen text and
# devlist: the console line naming [::]:port, the program's screen and an
# echo over ::1, LU 00C2 (filter ::1) over ::1, LU 00C3 (filter 2001:db8::/32)
# refused to ::1, LU 00C4 (filter 127.0.0.1) refused to ::1 and given to an
# IPv4 client through the dual-stack port, LU 00C5 (filter ::1 with the mask
# ffff:ffff::) given to ::1; then a second machine on [::1] alone, which an
# IPv4 client cannot reach.  Skipped (77) when the host has no IPv6 loopback.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s390x-linux-gnu-as s3270
if ! grep -qi '^0\{31\}1 .* lo$' /proc/net/if_inet6 2>/dev/null; then
	echo "skipped: no IPv6 loopback (::1) on this host"
	exit 77
fi
assemble "$(dirname "$0")/../arch/dev/tn3270_echo.s"

start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT [::]:@PORT@
00C0.2 3270
00C2 3270 * ::1
00C3 3270 * 2001:db8:: 32
00C4 3270 * 127.0.0.1
00C5 3270 * ::1 ffff:ffff::"
expect_grep "$T/err" "s370: console port [::]:$PORT for telnet consoles and tn3270 clients"

# A: over ::1, the first free display (00C0): the program's screen, an echo.
s3_start A -model 3278-2
s3 A "Connect([::1]:$PORT)" || fail "A: connect over ::1: $(cat "$T/reply")"
wait_row A 1 " S370 TN3270 ECHO"
s3 A 'String("over ipv6")'
s3 A Enter
wait_row A 3 " YOU TYPED: OVER IPV6"

# B: LU 00C2, kept for ::1.
s3_start B -model 3278-2
s3 B "Connect(00C2@[::1]:$PORT)" || fail "B: connect: $(cat "$T/reply")"
wait_row B 1 " s370: connected to 3270 display device 00C2"

# C: LU 00C3 (2001:db8::/32) and LU 00C4 (127.0.0.1) are not for ::1.
s3_start C -model 3278-2
for lu in 00C3 00C4; do
	s3 C "Connect($lu@[::1]:$PORT)" # refused in the negotiation: disconnected
	wait_state C not-connected
	s3 C Disconnect
done

# D: an IPv4 client on the dual-stack port gets 00C4 (filter 127.0.0.1).
s3_start D -model 3278-2
s3 D "Connect(00C4@127.0.0.1:$PORT)" || fail "D: connect over IPv4: $(cat "$T/reply")"
wait_row D 1 " s370: connected to 3270 display device 00C4"

# E: 00C5, ::1 under the mask ffff:ffff:: (an IPv6 address as the mask).
s3 C "Connect(00C5@[::1]:$PORT)" || fail "C: connect to 00C5: $(cat "$T/reply")"
wait_row C 1 " s370: connected to 3270 display device 00C5"

op devlist
for _ in $(seq 50); do grep -q "^00C4 " "$T/err" && break; sleep 0.1; done
grep "^00C0 " "$T/err" | grep -q "\[::1\]:[0-9]* IBM-3278-2-E" || fail "devlist 00C0: $(grep '^00C' "$T/err")"
grep "^00C4 " "$T/err" | grep -q " 127\.0\.0\.1:[0-9]* IBM-3278-2-E" ||
	fail "devlist 00C4 (an IPv4 client shown as IPv4): $(grep '^00C' "$T/err")"

s3_end B
s3_end C
s3_end D
stop_s370 A
s3_end A
expect_no_grep "$T/err" "warning"

# [::1] alone: IPv6 loopback clients only.
rm -f "$T/op"
start_s370 "ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT [::1]:@PORT@
00C0.2 3270"
expect_grep "$T/err" "s370: console port [::1]:$PORT for telnet consoles and tn3270 clients"
s3_start F -model 3278-2
s3 F "Connect([::1]:$PORT)" || fail "F: connect over ::1: $(cat "$T/reply")"
wait_row F 1 " S370 TN3270 ECHO"
if (exec 3<>"/dev/tcp/127.0.0.1/$PORT") 2>/dev/null; then
	fail "an IPv4 client reached the port bound to [::1]"
fi
stop_s370 F
s3_end F
finish
