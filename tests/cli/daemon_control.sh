# --daemon with --control: commands through the control socket (s370 --send),
# their output back on the connection and in the --log file; quit shuts down
# cleanly (the printer file complete, the socket removed) before --send returns.
. "$(dirname "$0")/lib.sh"

cat > "$T/conf" <<CNF
MAINSIZE 2
0009 3215-C
000E 1403 $T/print.txt
CNF
S="$T/ctl"
"$S370" -f "$T/conf" --daemon --log "$T/log" --control "$S" < /dev/null > "$T/out" 2>&1 &
pid=$!
for i in $(seq 50); do [ -S "$S" ] && break; sleep 0.1; done
[ -S "$S" ] || { fail "no control socket $S"; cat "$T/out"; finish; }
expect_grep "$T/out" "s370: control socket $S"

# A command's output comes back on the connection.
"$S370" --send "$S" devlist > "$T/r1"
expect_rc $? 0 "--send devlist"
expect_grep "$T/r1" "> devlist"
expect_grep "$T/r1" "0009 3215-C"
expect_grep "$T/r1" "000E 1403"
expect_no_grep "$T/r1" "s370: System/370"   # only what ran meanwhile

# Several commands, one connection, in order; errors are reported, not fatal.
"$S370" --send "$S" "bogus" "loadparm abc" > "$T/r2"
expect_grep "$T/r2" "bogus: unknown command"
expect_grep "$T/r2" "LOADPARM=ABC"

# Commands from stdin: a program that traps a privileged operation and an
# SVC in problem state, forever (the teaching view's counters), and a line
# printed on 000E by a channel program.
cat > "$T/cmds" <<CMDS
r 48=00000400
r 400=09000500 20000005
r 500=C8C5D3D3D6
r 0=0000000000000200
r 68=0000000000000300
r 60=0000000000000308
r 200=9C00000E 82000218
r 218=0001000000000220
r 220=80000210 0A0547F00220
r 300=82000028
r 308=82000020
restart
pause 0.3
stop
stats
CMDS
"$S370" --send "$S" < "$T/cmds" > "$T/r3"
expect_grep "$T/r3" "CPU0000: stopped"
expect_grep "$T/r3" "Virtualization view"
# Every loop pass traps once (02) and calls SVC once: equal counts, or the
# privileged operation one ahead when the stop came between them.
priv=$(awk '/02 privileged operation/ { print $4 }' "$T/r3")
svc=$(awk '$1 == "SVC" { print $2 }' "$T/r3")
[ -n "$priv" ] && [ "$priv" -gt 1000 ] || fail "privileged-operation count $priv, expected > 1000"
[ -n "$svc" ] && { [ "$priv" = "$svc" ] || [ "$priv" = "$((svc + 1))" ]; } ||
	fail "privileged operations $priv and SVCs $svc differ"
expect_grep "$T/r3" "  000E 1403 "
expect_grep "$T/log" "> stats"

# A second s370 cannot take a live socket; other files are refused too.
# (Their configuration has no printer: opening print.txt would empty it.)
printf 'MAINSIZE 1\n0009 3215-C\n' > "$T/conf2"
"$S370" -f "$T/conf2" --daemon --control "$S" < /dev/null > "$T/out2" 2>&1
expect_rc $? 1 "second daemon on a live socket"
expect_grep "$T/out2" "another program is listening there"
: > "$T/plain"
"$S370" -f "$T/conf2" --daemon --control "$T/plain" < /dev/null > "$T/out3" 2>&1
expect_rc $? 1 "--control on a regular file"
expect_grep "$T/out3" "exists and is not a socket"
"$S370" --send "$T/nothere" devlist > "$T/out4" 2>&1
expect_rc $? 1 "--send to no socket"
expect_grep "$T/out4" "s370: --send $T/nothere"

# quit: --send returns once the machine is down, the printer file complete.
"$S370" --send "$S" quit > "$T/r4"
expect_rc $? 0 "--send quit"
expect_grep "$T/r4" "s370: shut down: images synced, sessions closed"
kill -0 $pid 2>/dev/null && { sleep 1; kill -0 $pid 2>/dev/null && fail "s370 still runs after quit"; }
wait $pid
expect_rc $? 0 "daemon exit status"
expect_grep "$T/print.txt" "HELLO"
[ -e "$S" ] && fail "control socket left behind"

# A socket left by an s370 that died is taken over.
"$S370" -f "$T/conf" --daemon --control "$S" < /dev/null > "$T/out5" 2>&1 &
pid=$!
for i in $(seq 50); do [ -S "$S" ] && break; sleep 0.1; done
kill -9 $pid; wait $pid 2>/dev/null
[ -S "$S" ] || fail "no stale socket to test with"
"$S370" -f "$T/conf" --daemon --control "$S" < /dev/null > "$T/out6" 2>&1 &
pid=$!
for i in $(seq 50); do grep -q "control socket" "$T/out6" && break; sleep 0.1; done
echo quit | "$S370" --send "$S" > "$T/r5"
wait $pid
expect_rc $? 0 "daemon on a stale socket"
expect_grep "$T/r5" "shut down"

finish
