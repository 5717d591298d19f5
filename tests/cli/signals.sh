# --daemon runs without stdin until SIGTERM; SIGTERM and SIGINT shut down cleanly.
. "$(dirname "$0")/lib.sh"

"$S370" --daemon --log "$T/log" > "$T/out" 2>&1 &
pid=$!
sleep 0.5
kill -0 $pid 2>/dev/null || fail "--daemon ended by itself"
kill -TERM $pid
wait $pid
expect_rc $? 0 "SIGTERM"
expect_grep "$T/out" "s370: signal 15: shut down"
expect_grep "$T/log" "s370: signal 15: shut down"

# SIGINT while the CPU runs a loop (restart PSW points at BC 15,0 ... a tight loop
# would need the branch handlers; an enabled wait keeps the CPU thread busy waiting)
bin "$T/ewait.bin" "02020000 00000000"
printf 'loadcore %s\nrestart\n' "$T/ewait.bin" > "$T/run.txt"
"$S370" --daemon --script "$T/run.txt" > "$T/out" 2>&1 &
pid=$!
sleep 0.5
kill -INT $pid
wait $pid
expect_rc $? 0 "SIGINT"
expect_grep "$T/out" "s370: signal 2: shut down"

finish
