# TN3270 on the console port (devices/dev3270.c, tn3270/): local 3270
# displays 00C0-00C2 and a 3215 on one CNSLPORT, reached by the real client
# s3270 driven through its script commands.  tests/arch/dev/tn3270_echo.s
# draws a screen on 00C0 and 00C1 (title, "YOU TYPED:", an input field),
# and on an attention from either reads modified and draws that screen again
# with the typed text in capitals; PF3 ends it.  Checked, with the exact
# screen text: the connection screen of a display the program does not write
# (TN3270E, LU name 00C2), the program's screen on the first free display
# (TN3270E, no LU name), Enter, PF1 and Clear, two operators typing at once
# on 00C0 and 00C1 (LU name 00C1), a client asking for an
# LU in use (rejected), the plain-text refusal of a TN3270 client when no
# display is free, a line-mode client getting the 3215 on the same port, a
# new client (TN3270, not TN3270E: terminal type IBM-3278-2@00C0) taking 00C0
# over after the first one left (the program redraws on device end), and the
# end of the program by PF3.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
SRC=$(dirname "$0")/../arch/dev/tn3270_echo.s

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1; then
	echo "skipped: binutils-s390x-linux-gnu is not installed"
	finish
fi
if ! command -v s3270 >/dev/null 2>&1; then
	echo "skipped: s3270 is not installed"
	finish
fi
s390x-linux-gnu-as -m31 -o "$T/p.o" "$SRC" &&
	s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/p.elf" "$T/p.o" &&
	s390x-linux-gnu-objcopy -O binary "$T/p.elf" "$T/p.bin" || { fail "cannot assemble $SRC"; finish; }

start_s370() {
	for _ in 1 2 3 4 5; do
		PORT=$((20000 + RANDOM % 30000))
		printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT %s\n0009 3215\n00C0.3 3270\n' "$PORT" \
			> "$T/t.cnf"
		printf 'loadcore %s 0\nrestart\n' "$T/p.bin" > "$T/run.txt"
		timeout 50 "$S370" -f "$T/t.cnf" --script "$T/run.txt" --exit-on-wait < /dev/null \
			> "$T/out" 2> "$T/err" &
		S370_PID=$!
		for _ in $(seq 50); do
			grep -q "console port" "$T/err" 2>/dev/null && break
			sleep 0.1
		done
		grep -q "console port 127.0.0.1:$PORT " "$T/err" && return 0
		wait $S370_PID
	done
	fail "no console port"
	cat "$T/err"
	finish
}

# ---- s3270 clients: each reads script commands from a FIFO ----

# s3_start NAME [options]: start an s3270; fds S3_NAME_IN/OUT talk to it
declare -A S3_IN S3_OUT S3_PID
s3_start() {
	local name=$1 fin fout
	shift
	mkfifo "$T/$name.in" "$T/$name.out"
	s3270 "$@" < "$T/$name.in" > "$T/$name.out" 2>&1 &
	S3_PID[$name]=$!
	exec {fin}> "$T/$name.in"
	exec {fout}< "$T/$name.out"
	S3_IN[$name]=$fin
	S3_OUT[$name]=$fout
}

# s3 NAME COMMAND: run one script command; its output lines go to $T/reply.
# 0 when s3270 says ok.
s3() {
	: > "$T/reply"
	echo "$2" >&"${S3_IN[$1]}"
	local line
	while IFS= read -r -t 10 line <&"${S3_OUT[$1]}"; do
		case "$line" in
		ok) return 0 ;;
		error) return 1 ;;
		esac
		echo "$line" >> "$T/reply"
	done
	return 2
}

# s3_end NAME: Quit, close the pipes
s3_end() {
	s3 "$1" Quit
	exec {S3_IN[$1]}>&- {S3_OUT[$1]}<&-
	wait "${S3_PID[$1]}" 2>/dev/null
}

# screen NAME: the screen's rows (trailing blanks removed) in $T/screen
screen() {
	s3 "$1" Ascii
	sed -n 's/^data: //p' "$T/reply" | sed 's/ *$//' > "$T/screen"
}

# row N: the screen's row N (1-24)
row() {
	sed -n "${1}p" "$T/screen"
}

# wait_row NAME N TEXT: until row N is exactly TEXT (10 s at most)
wait_row() {
	for _ in $(seq 100); do
		screen "$1"
		[ "$(row "$2")" = "$3" ] && return 0
		sleep 0.1
	done
	fail "client $1: row $2 is '$(row "$2")', expected '$3'"
	cat "$T/screen"
	return 1
}

# expect_rows ROW=TEXT...: the screen's rows, exactly
expect_rows() {
	local r
	for r in "$@"; do
		[ "$(row "${r%%=*}")" = "${r#*=}" ] ||
			fail "row ${r%%=*} is '$(row "${r%%=*}")', expected '${r#*=}'"
	done
}

start_s370

# Client A asks for LU 00C2, which the program never writes: the connection screen.
s3_start A -model 3278-2
s3 A "Connect(00C2@127.0.0.1:$PORT)" || fail "A: connect"
wait_row A 1 " s370: connected to 3270 display device 00C2"
expect_rows 2= "3= Waiting for the system to write to this display." 4=
s3 A "Query(LuName)"
[ "$(head -1 "$T/reply")" = "data: 00C2" ] || fail "A: LU name $(cat "$T/reply"), expected 00C2"

# Client B takes the first free display, 00C0: the program's screen.
s3_start B -model 3278-2
s3 B "Connect(127.0.0.1:$PORT)" || fail "B: connect"
wait_row B 1 " S370 TN3270 ECHO"
expect_rows 2= "3= YOU TYPED:" 4= "5= INPUT:" 6=
s3 B "Query(Cursor)"
[ "$(head -1 "$T/reply")" = "data: 4 8" ] || fail "B: cursor at $(cat "$T/reply"), expected row 4 col 8 (0-origin)"

# Enter: the text comes back in capitals; the field is empty again.
s3 B 'String("hello, World [1]")' || fail "B: String"
s3 B Enter || fail "B: Enter"
wait_row B 3 " YOU TYPED: HELLO, WORLD [1]"
expect_rows "1= S370 TN3270 ECHO" "5= INPUT:"
# PF1 reads the field too.
s3 B 'String("pf key")'
s3 B "PF(1)"
wait_row B 3 " YOU TYPED: PF KEY"
# Clear: a short read (the AID alone); the program draws an empty echo.
s3 B Clear
wait_row B 1 " S370 TN3270 ECHO"
expect_rows "3= YOU TYPED:" "5= INPUT:"

# Client F on 00C1: two operators at once, each sees its own text.
s3_start F -model 3278-3
s3 F "Connect(00C1@127.0.0.1:$PORT)" || fail "F: connect"
wait_row F 1 " S370 TN3270 ECHO"
s3 F 'String("on c1")'
s3 B 'String("on c0")'
s3 F Enter
s3 B Enter
wait_row F 3 " YOU TYPED: ON C1"
wait_row B 3 " YOU TYPED: ON C0"
# A client asking for an LU in use (s3270 sends it as the terminal type's
# "@00C0" suffix too) is refused before 3270 mode and disconnected.
s3_start E -model 3278-2
s3 E "Connect(00C0@127.0.0.1:$PORT)"
s3 E "Wait(3,3270Mode)" && fail "E: reached 3270 mode on an LU in use"
s3 E "Query(ConnectionState)"
[ "$(head -1 "$T/reply")" = "data: not-connected" ] || fail "E: $(cat "$T/reply")"
s3_end E

# Another 3270 client while A, B and F hold the three displays: none is
# free, told in plain text.
exec 4<>/dev/tcp/127.0.0.1/$PORT
cat <&4 > "$T/c" &
CAT_C=$!
sleep 0.3
printf '\xff\xfb\x18' >&4
sleep 0.3
printf '\xff\xfa\x18\x00IBM-3278-2\xff\xf0' >&4
wait $CAT_C
exec 4>&-
printf '\xff\xfd\x18\xff\xfa\x18\x01\xff\xf0s370: no 3270 display device is free for you; connection closed\r\n' \
	> "$T/want"
cmp -s "$T/c" "$T/want" || fail "refused client got $(od -c "$T/c")"

s3 F Disconnect
s3_end F

# A line-mode client on the same port gets the 3215.
exec 5<>/dev/tcp/127.0.0.1/$PORT
cat <&5 > "$T/l" &
CAT_L=$!
sleep 0.3
printf '\xff\xfc\x18' >&5
for _ in $(seq 50); do
	grep -q "console device 0009" "$T/l" && break
	sleep 0.1
done
exec 5>&-
kill $CAT_L 2>/dev/null
wait $CAT_L 2>/dev/null
printf '\xff\xfd\x18s370: connected to 3215 console device 0009\r\n' > "$T/want"
cmp -s "$T/l" "$T/want" || fail "line-mode client got $(od -c "$T/l")"

# B leaves; D takes 00C0 over and the program draws its screen again.
s3 B Disconnect
s3_end B
s3_start D -model 3278-2 -tn IBM-3278-2@00C0
s3 D "Connect(N:127.0.0.1:$PORT)" || fail "D: connect: $(cat "$T/reply")"
wait_row D 1 " S370 TN3270 ECHO"
expect_rows "3= YOU TYPED:" "5= INPUT:"
s3 D 'String("again")'
s3 D Enter
wait_row D 3 " YOU TYPED: AGAIN"

# PF3 ends the program; s370 exits.
s3 D "PF(3)"
wait $S370_PID
expect_rc $? 0 "s370"
[ "$(cat "$T/out")" = "PSW=00020000 80000000" ] || fail "tn3270_echo ended with $(cat "$T/out")"
expect_no_grep "$T/err" "warning"
s3_end D
s3_end A

finish
