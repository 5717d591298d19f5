# Line mode: no panel when stdin or stdout is not a terminal (nor with
# TERM=dumb), plain lines only; the stats command's counters, exact for a
# program whose events are known.
. "$(dirname "$0")/lib.sh"

printf 'MAINSIZE 2\n0009 3215-C\n' > "$T/conf"
# Three PTLBs, an SIO that writes HELLO on 0009, a disabled wait.
cat > "$T/cmds" <<CMDS
r 48=00000400
r 400=09000500 20000005
r 500=C8C5D3D3D6
r 0=0000000000000200
r 200=B20D0000 B20D0000 B20D0000 9C000009 82000218
r 218=000200000000BEEF
restart
pause 0.2
stats
stats x
help stats
quit
CMDS
TERM=xterm "$S370" -f "$T/conf" < "$T/cmds" > "$T/out" 2>&1
expect_rc $? 0 "line mode"
grep -q "$(printf '\033')" "$T/out" && fail "escape sequences in line-mode output"
expect_grep "$T/out" "HELLO"
expect_grep "$T/out" "Virtualization view                   total         /s  (rates over the last"
expect_grep "$T/out" "    02 privileged operation               0        0.0  trapped: trap-and-emulate"
expect_grep "$T/out" "  program                                 0        0.0"
expect_grep "$T/out" "    0009 3215-C                           0        0.0  SIO 1"
expect_grep "$T/out" "  SIO instructions                        1"
# One purge at the initial CPU reset, three PTLBs.
expect_grep "$T/out" "  TLB purges                              4"
expect_grep "$T/out" "  instructions                            5"
expect_grep "$T/out" "stats: expected no operands"
expect_grep "$T/out" "  stats                                        interruptions by class and code"

# An enabled wait: the time shows as wait, not as executing.
bin "$T/ewait.bin" "02020000 00000000"
printf 'loadcore %s\nrestart\npause 0.6\nstats\nquit\n' "$T/ewait.bin" > "$T/cmds2"
"$S370" -f "$T/conf" < "$T/cmds2" > "$T/out2" 2>&1
w=$(awk '/CPU in wait state/ { print $5 }' "$T/out2")
x=$(awk '/CPU executing/ { print $3 }' "$T/out2")
awk -v w="$w" 'BEGIN { exit !(w >= 0.4) }' || { fail "wait time $w s, expected about 0.6"; cat "$T/out2"; }
awk -v x="$x" 'BEGIN { exit !(x <= 0.1) }' || fail "executing $x s in an enabled wait"

# --no-panel and TERM=dumb keep line mode on a terminal too (the panel test
# covers the terminal itself); here: the options are accepted.
printf 'quit\n' | "$S370" -f "$T/conf" --no-panel > "$T/out3" 2>&1
expect_rc $? 0 "--no-panel"
expect_grep "$T/out3" "s370: System/370, 2M"
"$S370" --control > "$T/out4" 2>&1
expect_rc $? 1 "--control without a path"
expect_grep "$T/out4" "s370: --control needs a path"

finish
