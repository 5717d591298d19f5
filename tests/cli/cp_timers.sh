# The virtual machine's timers (cp/vtimer.c): the bare guest
# tests/guest/timers.c, on a minidisk of its own (192), checks its clock
# comparator, CPU timer and interval timer and their external interruptions
# as GA22-7000 and VM/370 define them for a virtual machine — the CPU timer
# and (SET TIMER ON) the interval timer count only the machine's own time,
# not its waits; the interval timer's X'0080' waits for CR0 bit 24 and is
# taken once; the codes in the BC and EC modes' places; the priority of
# requests that are pending together — one line per check, then a total.
# Then it asks CP for SET TIMER REAL and OFF (DIAGNOSE 8) and checks those.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup timers # on cylinder 4 of the system volume, ALICE's minidisk 192

start_cp "001F 3215"

line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl 192\r\n' >&3
text "$T/a" "TIMER CHECKS BEGIN" 100
for _ in $(seq 300); do
	grep -q "^SET TIMER: " "$T/a" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -E "^[TR][0-9]+ " > "$T/results"
cat "$T/results"

# every check, by name
i=0
while IFS= read -r name; do
	i=$((i + 1))
	text "$T/a" "$(printf 'T%02d %s: OK' "$i" "$name")" 10
done <<'EOF'
STCKC GIVES WHAT SCKC SET
STPT GIVES WHAT SPT SET, LESS ITS RUN
STPT OF A NEGATIVE CPU TIMER
CPU TIMER COUNTS DOWN WHILE THE MACHINE RUNS
CPU TIMER STANDS STILL IN A WAIT
INTERVAL TIMER STANDS STILL IN A WAIT
INTERVAL TIMER COUNTS THE TIME THE MACHINE RUNS
INTERVAL TIMER INTERRUPTION
NO INTERVAL TIMER INTERRUPTION WITH CR0 BIT 24 OFF
PENDING, IT COMES WHEN CR0 BIT 24 IS SET
THE REQUEST IS TAKEN ONCE
CLOCK COMPARATOR, BC MODE: CODE IN THE OLD PSW
CLOCK COMPARATOR, EC MODE: CODE AT 134
CPU TIMER INTERRUPTS THE LOOPING MACHINE
PRIORITY: INTERVAL TIMER, CLOCK COMPARATOR, CPU TIMER
EOF
[ "$(grep -c '^T' "$T/results")" = 15 ] || fail "expected 15 T lines"
text "$T/a" "TIMERS: 15 OF 15 OK" 10

# SET TIMER REAL and OFF (the guest's DIAGNOSE 8), and SET TIMER ON again
text "$T/a" "R01 INTERVAL TIMER COUNTS A WAIT UNDER SET TIMER REAL: OK" 10
text "$T/a" "R02 INTERVAL TIMER WAKES A WAITING MACHINE UNDER REAL: OK" 10
text "$T/a" "R03 INTERVAL TIMER STANDS STILL UNDER SET TIMER OFF: OK" 10
[ "$(grep -c '^R' "$T/results")" = 3 ] || fail "expected 3 R lines"
text "$T/a" "SET TIMER: 3 OF 3 OK" 10
text "$T/a" "S37VMS023I Disabled wait state: PSW address 000E0D, code 0000" 100
printf 'q n\r\n' >&3
text "$T/a" "ALICE    - 01F" 100
expect_no_grep "$T/err" "program check"
line_close
stop_cp
finish
