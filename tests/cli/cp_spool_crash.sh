# The spool checkpoint under fire (cp/spool.c): ALICE's guest punches file
# after file TO BOB, each closed at once (DIAGNOSE 8 CLOSE D), so that CP
# writes a checkpoint every few milliseconds; s370 is killed (kill -9) in
# the middle of that, at whatever point it has reached.  After IPL the warm
# start must find every file whose CLOSE was answered (and perhaps more,
# whose answers were still on their way), each complete (five cards), none
# twice, the ids without a gap; the last one's cards exact.  Then the same volume
# takes new files and a second warm start.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup spooltest 's/^USER BOB BOB 1M 4M G$/USER BOB BOB 1M 4M G\n MDISK 192 3350 4 1 S37RES RR/'
say() { printf '%s\r\n' "$1" >&3; }
closed() { tr -d '\r' < "$T/a" | grep -a -cE "^PUN FILE [0-9]{4} TO BOB COPY 01 NOHOLD$"; }

start_cp "001F 3215"
wait_console "cold start: 0 files"
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
say "spool punch to bob"
say "ipl 192"
text "$T/a" "SPOOLTEST READY" 100
say "loop 400"
for _ in $(seq 300); do [ "$(closed)" -ge 25 ] && break; sleep 0.02; done
# (S370_PID is timeout's: s370 is its child; disowned, the shell does not report the kill)
disown $S370_PID
kill -9 $(ps -o pid= --ppid $S370_PID) || fail "no s370 to kill"
while kill -0 $S370_PID 2> /dev/null; do sleep 0.05; done
K0=$(closed)
[ "$K0" -ge 25 ] || fail "only $K0 files were closed before the kill"
grep -q "LOOP DONE" "$T/a" && fail "the loop ended before the kill: no crash in the middle"
line_close
exec {OP}>&-
rm -f "$T/op"
start_cp "001F 3215"
wait_console "Spool area: S37RES cylinders 30-49"
N=$(sed -n 's/^Spool area: .*, warm start: \([0-9]*\) files$/\1/p' "$T/err")
[ -n "$N" ] || fail "no warm start: $(grep 'Spool area' "$T/err")"
# every CLOSE answered before the kill is there; more may be (their answers
# were still on the way to the terminal); not all 400 (the kill came first)
[ "${N:-0}" -ge "$K0" ] && [ "${N:-0}" -lt 400 ] || fail "warm start with $N files; $K0 CLOSEs were answered"
echo "killed after $K0 answered CLOSEs; warm start: $N files"
line_logon bob
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
say "q rdr"
for _ in $(seq 100); do
	[ "$(tr -d '\r' < "$T/a" | grep -a -c ' A PUN ')" -ge "${N:-1}" ] && break
	sleep 0.05
done
sleep 0.2
tr -d '\r' < "$T/a" | grep -a -E "^ALICE    [0-9]{4} A PUN " | cut -c10-28 > "$T/rdr"
for k in $(seq "${N:-0}"); do printf '%04d A PUN 00000005\n' "$k"; done > "$T/want"
cmp -s "$T/rdr" "$T/want" || fail "BOB's reader after the crash ($N files): $(head -3 "$T/rdr") ... $(tail -2 "$T/rdr")"
# the last file, card by card
say "order rdr ${N:-1}"
sleep 0.3
say "ipl 192"
text "$T/a" "SPOOLTEST READY" 100
say "read"
text "$T/a" "END OF FILE AFTER 5 CARDS" 100
tr -d '\r' < "$T/a" | grep -a "^CARD: " > "$T/cards"
for k in 1 2 3 4 5; do printf 'CARD: LOOP %04d 0%d\n' "${N:-0}" "$k"; done > "$T/want"
cmp -s "$T/cards" "$T/want" || fail "the last file's cards: $(cat "$T/cards")"
# the volume goes on: one more file, then SHUTDOWN and a second warm start
say "#cp spool punch to bob"
sleep 0.3
say "punch 2 AFTER"
text "$T/a" "PUNCHED 2 CARDS" 100
say "#cp close d"
text "$T/a" "PUN FILE $(printf '%04d' $((N + 1))) TO BOB COPY 01 NOHOLD" 100
say "#cp logoff"
wait_console "LOGOFF BOB"
line_close
console_logon operator
op "/shutdown"
wait_console "SYSTEM SHUTDOWN COMPLETE"
exec {OP}>&-
wait $S370_PID 2> /dev/null
rm -f "$T/op"
start_cp "001F 3215"
wait_console "Spool area: S37RES cylinders 30-49, 2400 blocks of 4K, warm start: $N files"
expect_no_grep "$T/err" "S37SPL09"
stop_cp
finish
