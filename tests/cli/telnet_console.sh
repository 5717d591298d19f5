# Telnet consoles (devices/con_telnet.c): a 3215 on CNSLPORT reached by a
# line-mode client played by this script through bash's /dev/tcp, which
# answers the telnet negotiation itself.  tests/arch/dev/io_telnet.s writes a
# prompt, reads a line and writes it back in capitals.  Checked, byte for
# byte: the negotiation, the banner, the prompt, the "no free device" refusal
# of a second client, the console going not ready when its client leaves in
# the middle of a Read, a new client taking the device over (with a terminal
# type naming the device), the echo, and the end of the program.  When
# Hercules 3.13 is installed the same program runs there with the same client.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
SRC=$(dirname "$0")/../arch/dev/io_telnet.s

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1; then
	echo "skipped: binutils-s390x-linux-gnu is not installed"
	finish
fi
s390x-linux-gnu-as -m31 -o "$T/p.o" "$SRC" &&
	s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/p.elf" "$T/p.o" &&
	s390x-linux-gnu-objcopy -O binary "$T/p.elf" "$T/p.bin" || { fail "cannot assemble $SRC"; finish; }

IAC_DO_TTYPE='\xff\xfd\x18'
IAC_WONT_TTYPE='\xff\xfc\x18'
IAC_WILL_TTYPE='\xff\xfb\x18'
IAC_SB_TTYPE_SEND='\xff\xfa\x18\x01\xff\xf0'
sb_ttype_is() { printf '\xff\xfa\x18\x00%s\xff\xf0' "$1"; }

# wait_for FILE TEXT: until FILE holds TEXT (printf escapes), 10 s at most
wait_for() {
	local want
	want=$(printf "$2" | od -An -tx1 | tr -d ' \n')
	for _ in $(seq 100); do
		od -An -tx1 "$1" 2>/dev/null | tr -d ' \n' | grep -q "$want" && return 0
		sleep 0.1
	done
	fail "$1: no $2 in: $(od -c "$1")"
	return 1
}

# same FILE TEXT: FILE holds exactly TEXT (printf escapes)
same() {
	printf "$2" > "$T/want"
	cmp -s "$1" "$T/want" || fail "$1 is $(od -c "$1"), expected $(od -c "$T/want")"
}

# A free port: the listener's message says whether the bind worked.
start_s370() {
	for _ in 1 2 3 4 5; do
		PORT=$((20000 + RANDOM % 30000))
		printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT %s\n0009 3215\n' "$PORT" > "$T/t.cnf"
		printf 'loadcore %s 0\nrestart\n' "$T/p.bin" > "$T/run.txt"
		timeout 30 "$S370" -f "$T/t.cnf" --script "$T/run.txt" --exit-on-wait < /dev/null \
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

start_s370

# Client A: refuses the terminal type; it gets device 0009 and the prompt.
exec 3<>/dev/tcp/127.0.0.1/$PORT
cat <&3 > "$T/a" &
CAT_A=$!
wait_for "$T/a" "$IAC_DO_TTYPE"
printf "$IAC_WONT_TTYPE" >&3
wait_for "$T/a" 'Enter input for console device 0009\r\n'
same "$T/a" "${IAC_DO_TTYPE}s370: connected to 3215 console device 0009\r\nTYPE A LINE\r\nEnter input for console device 0009\r\n"

# Client B: no device is free.
exec 4<>/dev/tcp/127.0.0.1/$PORT
cat <&4 > "$T/b" &
CAT_B=$!
wait_for "$T/b" "$IAC_DO_TTYPE"
printf "$IAC_WONT_TTYPE" >&4
wait $CAT_B # the server closes the connection
same "$T/b" "${IAC_DO_TTYPE}s370: no 3215 or 1052 console device is free for you; connection closed\r\n"
exec 4>&-

# Client A leaves during the Read: the program sees unit check and retries.
exec 3>&-
kill $CAT_A 2>/dev/null
wait $CAT_A 2>/dev/null

# Client C: a terminal type naming the device; then the echo.
exec 5<>/dev/tcp/127.0.0.1/$PORT
cat <&5 > "$T/c" &
CAT_C=$!
wait_for "$T/c" "$IAC_DO_TTYPE"
printf "$IAC_WILL_TTYPE" >&5
wait_for "$T/c" "$IAC_SB_TTYPE_SEND"
sb_ttype_is "ansi@0009" >&5
wait_for "$T/c" 'Enter input for console device 0009\r\n'
printf 'hello, World [x]\r\n' >&5
wait $CAT_C # the program ends, s370 exits, the session closes
same "$T/c" "${IAC_DO_TTYPE}${IAC_SB_TTYPE_SEND}s370: connected to 3215 console device 0009\r\nTYPE A LINE\r\nEnter input for console device 0009\r\nHELLO, WORLD [X]\r\n"
exec 5>&-
wait $S370_PID
expect_rc $? 0 "s370"
[ "$(cat "$T/out")" = "PSW=00020000 80000000" ] || fail "io_telnet ended with $(cat "$T/out")"
expect_no_grep "$T/err" "warning"

# SIGTERM with a client connected: the session is closed, s370 exits 0.
timeout 20 "$S370" -f "$T/t.cnf" < <(sleep 20) > "$T/out2" 2>&1 &
S370_PID=$!
for _ in $(seq 50); do
	grep -q "console port" "$T/out2" 2>/dev/null && break
	sleep 0.1
done
exec 3<>/dev/tcp/127.0.0.1/$PORT
cat <&3 > "$T/d" &
CAT_D=$!
wait_for "$T/d" "$IAC_DO_TTYPE"
printf "$IAC_WONT_TTYPE" >&3
wait_for "$T/d" 's370: connected to 3215 console device 0009\r\n'
kill -TERM $S370_PID
wait $S370_PID
expect_rc $? 0 "SIGTERM"
wait $CAT_D # EOF: the server closed the session
exec 3>&-
expect_grep "$T/out2" "s370: signal 15: shut down"

# Device operands: Hercules' [noprompt] [group|*] [ip [mask]].
printf 'MAINSIZE 1\nCNSLPORT 0\n0009 3215 noprompt GRP1 127.0.0.1 255.0.0.0\n001F 1052 * 10.0.0.1\n' \
	> "$T/ok.cnf"
printf 'devlist\nquit\n' | timeout 10 "$S370" -f "$T/ok.cnf" > "$T/out" 2>&1
expect_rc $? 0 "operands"
expect_grep "$T/out" "0009 3215     telnet (no client) lines out 0 in 0"
expect_grep "$T/out" "001F 1052     telnet (no client) lines out 0 in 0"
expect_no_grep "$T/out" "console port"
printf 'MAINSIZE 1\n0009 3215 10.0.0.1 255.0.0.0 extra\n' > "$T/bad.cnf"
timeout 10 "$S370" -f "$T/bad.cnf" < /dev/null > "$T/out" 2>&1
expect_rc $? 1 "bad operand"
expect_grep "$T/out" "device 0009 3215: unexpected operand extra"
printf 'MAINSIZE 1\n0009 1052 no-such-group\n' > "$T/bad.cnf"
timeout 10 "$S370" -f "$T/bad.cnf" < /dev/null > "$T/out" 2>&1
expect_rc $? 1 "bad group"
expect_grep "$T/out" "device 0009 1052: bad operand no-such-group"

# Hercules 3.13 runs the same program with a client that answers its
# terminal-type question (it waits for one); its texts differ (see
# docs/devices.md), the echo must not.
if command -v hercules >/dev/null 2>&1; then
	printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\nloadcore %s 0\nrestart\n' "$T/quit.rc" "$T/p.bin" \
		> "$T/herc.rc"
	printf 'psw\npause 1\nquit\n' > "$T/quit.rc" # psw: quit may drop the wait message's PSW line
	(cd "$T" && HERCULES_RC="$T/herc.rc" timeout -k 5 30 hercules -d -f "$T/t.cnf" \
		< /dev/null > "$T/herc.out" 2>&1) &
	HERC=$!
	for _ in $(seq 100); do
		grep -q "Waiting for console connection" "$T/herc.out" 2>/dev/null && break
		sleep 0.1
	done
	exec 6<>/dev/tcp/127.0.0.1/$PORT
	cat <&6 > "$T/h" &
	CAT_H=$!
	wait_for "$T/h" "$IAC_DO_TTYPE"
	printf "$IAC_WILL_TTYPE" >&6
	wait_for "$T/h" "$IAC_SB_TTYPE_SEND"
	sb_ttype_is "ansi" >&6
	wait_for "$T/h" 'Enter input for console device 0009'
	printf 'hello, World [x]\r\n' >&6
	wait_for "$T/h" 'HELLO, WORLD [X]\r\n'
	exec 6>&-
	wait $HERC
	kill $CAT_H 2>/dev/null
	expect_grep "$T/herc.out" "PSW=00020000 80000000"
fi

finish
