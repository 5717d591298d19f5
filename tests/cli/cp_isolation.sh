# Isolation of virtual machines (cp/vmrun.c, cp/vio.c): the bare guest
# tests/guest/isolate.c, on a minidisk of its own (192), tries to reach
# storage and disk that are not its own — CCWs and TICs beyond its storage, a
# CAW beyond it, TIC to TIC, an endless channel program, a channel program
# that reads over its own next CCW, bad IDAWs (and data across pages, with IDAWs of CP's and its own), seeks past its minidisks' extents, RECALIBRATE, writes on a
# read-only link, Write HA and Read IPL on a minidisk, a device it does not
# have, loads, stores, LPSW, ISK and SSK beyond its storage, an unaligned
# LPSW, a DIAGNOSE CP does not offer, DIAGNOSE 8 with its text beyond the
# machine, LCTL of the segment-table register —
# and checks that each ends as the architecture says it ends in a machine of
# its size with its devices.  It writes a line per attack on its console (a
# line-mode terminal here, so every line is kept), then a total; CP must go
# on serving (QUERY NAMES afterwards).  Then the guest checks its own
# timers: SCKC/STCKC, SPT/STPT, and the clock comparator's and CPU timer's
# external interruptions reflected into it, DIAGNOSE 60 and 0C, the system
# mask instructions, LCTL/STCTL (V01-V09).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup isolate # on cylinder 4 of the system volume, ALICE's minidisk 192

start_cp "001F 3215"

line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl 192\r\n' >&3
text "$T/a" "ISOLATION CHECKS BEGIN" 100
for _ in $(seq 100); do
	grep -q "^ISOLATION: " "$T/a" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -E "^T[0-9]+ " > "$T/results"
N=$(wc -l < "$T/results")
[ "$N" -ge 30 ] || fail "only $N attacks reported"
grep -v ": OK$" "$T/results" | while IFS= read -r line; do echo "FAIL: $line"; done
[ "$(grep -vc ': OK$' "$T/results")" = 0 ] || fail "some attacks did not end as they must"
text "$T/a" "ISOLATION: $N OF $N OK" 100
# then the machine's own timers: SCKC/STCKC, SPT/STPT, and their interruptions
for _ in $(seq 100); do
	grep -q "^MACHINE: " "$T/a" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -E "^V[0-9]+ " > "$T/vresults"
grep -v ": OK$" "$T/vresults" | while IFS= read -r line; do echo "FAIL: $line"; done
text "$T/a" "MACHINE: 9 OF 9 OK" 100
text "$T/a" "S37VMS023I Disabled wait state: PSW address 000E0D, code 0000" 100
printf 'q n\r\n' >&3
text "$T/a" "ALICE    - 01F" 100
expect_no_grep "$T/err" "program check"
cat "$T/results" "$T/vresults"
line_close
stop_cp
finish
