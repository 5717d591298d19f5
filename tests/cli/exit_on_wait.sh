# --exit-on-wait: a 16-byte program whose restart PSW is a disabled wait; the
# run ends with exactly the PSW line on stdout and exit status 0.
. "$(dirname "$0")/lib.sh"

# restart new PSW at 0: BC mode, all masks off, wait bit, IA X'000BAD'
bin "$T/wait.bin" "00020000 00000BAD 00000000 00000000"
printf 'loadcore %s\nrestart\n' "$T/wait.bin" > "$T/run.txt"

# from a script; stdin at EOF does not end the run
timeout 10 "$S370" --exit-on-wait --script "$T/run.txt" < /dev/null > "$T/out" 2> "$T/err"
expect_rc $? 0 "script"
[ "$(cat "$T/out")" = "PSW=00020000 00000BAD" ] || fail "stdout is not exactly the PSW: $(cat "$T/out")"
expect_grep "$T/err" "loadcore: 16 bytes loaded at 00000000"

# from stdin, with a log
timeout 10 "$S370" --exit-on-wait --log "$T/log" < "$T/run.txt" > "$T/out" 2> "$T/err"
expect_rc $? 0 "stdin"
[ "$(cat "$T/out")" = "PSW=00020000 00000BAD" ] || fail "stdin: stdout is $(cat "$T/out")"
expect_grep "$T/log" "loadcore: 16 bytes loaded"
expect_grep "$T/log" "PSW=00020000 00000BAD"

# psw + start instead of restart: an EC-mode disabled wait
printf 'psw cmwp=A ia=123456\nstart\n' > "$T/run2.txt"
timeout 10 "$S370" --exit-on-wait --script "$T/run2.txt" < /dev/null > "$T/out" 2> "$T/err"
expect_rc $? 0 "psw start"
[ "$(cat "$T/out")" = "PSW=000A0000 00123456" ] || fail "psw start: stdout is $(cat "$T/out")"

# without --exit-on-wait the disabled wait is reported and the program goes on
printf 'loadcore %s\nrestart\npause 0.3\ngpr\nquit\n' "$T/wait.bin" > "$T/run3.txt"
timeout 10 "$S370" --script "$T/run3.txt" < /dev/null > "$T/out" 2>&1
expect_rc $? 0 "no exit-on-wait"
expect_grep "$T/out" "CPU0000: disabled wait state PSW=00020000 00000BAD"
expect_grep "$T/out" "GR00=00000000 GR01=00000000 GR02=00000000 GR03=00000000"

finish
