# The load benchmark's smoke run (bench/load.sh, bench/tnload.c -L,
# tests/guest/echoguest.c): 20 users at TN3270E displays log on to CP, each
# IPLs the echo guest and types lines at it for 4 s (200 ms of think time),
# every answer checked character for character (the line reversed and its
# checksum), while a 21st user's machine loops (CPU-bound, SPIN); then PA1
# stops it and all stay logged on, idle, for 2 s.  The users are USER430-
# USER450 of a directory of 450, more than one cylinder of the system volume
# holds (419): `direct write` goes on over cylinder 3, and CP finds them
# there.  No time is asserted (the suite runs on busy machines): the
# response times and s370's CPU are printed only.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
B=$(dirname "$S370")
for f in "$B/cp/cpnuc.bin" "$B/tests/guest/echoguest.bin" "$B/bench/tnload"; do
	[ -f "$f" ] || { echo "skipped: no $f (the s390x cross-compiler is missing)"; exit 77; }
done
timeout 50 bash "$(dirname "$0")/../../bench/load.sh" -b "$B" -d 4 -I 2 -T 200 -S 1 -f 430 20 > "$T/out" 2> "$T/err"
expect_rc $? 0 "load.sh"
cat "$T/out"
line=$(grep '^load: users=21 ' "$T/out")
[ -n "$line" ] || fail "no tnload line: $(cat "$T/out" "$T/err")"
for want in "spinners=1" "logged_on=21" "ready=21" "wrong=0"; do
	case " $line " in *" $want "*) ;; *) fail "tnload: expected $want: $line" ;; esac
done
answers=$(printf '%s\n' "$line" | sed -n 's/.* answers=\([0-9]*\) .*/\1/p')
[ "${answers:-0}" -ge 20 ] || fail "only ${answers:-0} answers: $line"
grep -q '^load: users=20 spinners=1 p50=[0-9.]*ms p99=[0-9.]*ms max=[0-9.]*ms cpu=[0-9.]*% idle_cpu=[0-9.]*%$' "$T/out" ||
	fail "no summary line: $(cat "$T/out")"
[ -s "$T/err" ] && { echo "--- stderr:"; cat "$T/err"; }
finish
