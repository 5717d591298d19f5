# CP's DIAGNOSE interface (cp/diag.c, cp/diag_io.c): the bare guest
# tests/guest/diagtest.c, on a minidisk of its own (192), calls CP with each
# code CP offers and checks the answers — X'00' (extended identification),
# X'08' (a CP command, its response in a buffer, completion codes, overflow),
# X'10' (released pages read as zeros), X'18' and X'20' (synchronous I/O on
# a read/write minidisk of two cylinders, 194: a track written and read back
# with exact data, VM/370's CC and R15 for each kind of error, the CSW at 64,
# the sense kept, no interruption afterwards), X'24' (device type and
# features), X'5C' (message editing under each SET EMSG) — and that bad
# operands are the specification or addressing exception.  One line per
# check on its console (a line-mode terminal: every line is kept), then a
# total; then DIAGNOSE 8 with no command leaves it in CP READ until BEGIN, and
# INDICATE USER counts the DIAGNOSEs by code.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
# The guest on cylinder 4 of the system volume, minidisk 192 of ALICE; her
# 194 is cylinders 28-29 of the user volume (the temporary-disk area shrunk
# to 23-27 in this copy, so that nothing else is there).
guest_setup diagtest 's/\(MDISK 192 3350 4 1 S37RES RR\)$/\1\n MDISK 194 3350 28 2 S37U01 W/' \
	's/^TDISK S37U01 23 7$/TDISK S37U01 23 5/'

start_cp "001F 3215"

line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl 192\r\n' >&3
text "$T/a" "DIAGNOSE CHECKS BEGIN" 100
for _ in $(seq 150); do
	grep -q "^DIAGNOSE: " "$T/a" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -E "^D[0-9]+ " > "$T/results"
N=$(wc -l < "$T/results")
[ "$N" = 54 ] || fail "$N checks reported, not 54"
grep -v ": OK$" "$T/results" | while IFS= read -r line; do echo "FAIL: $line"; done
[ "$(grep -vc ': OK$' "$T/results")" = 0 ] || fail "some DIAGNOSEs did not answer as they must"
text "$T/a" "DIAGNOSE: $N OF $N OK" 100
# DIAGNOSE 8 without a buffer: the response went to the terminal
text "$T/a" "ALICE AT S370CP" 10
# then DIAGNOSE 8 with Ry zero: CP READ, until BEGIN
sleep 0.5
expect_no_grep "$T/a" "RESUMED AFTER CP READ"
printf 'begin\r\n' >&3
text "$T/a" "RESUMED AFTER CP READ" 100
text "$T/a" "S37VMS023I Disabled wait state: PSW address 000E0D, code 0000" 100
printf 'indicate user\r\n' >&3
text "$T/a" "DIAGNOSE BY CODE: 00=4 08=15 10=4 18=15 20=8 24=6 5C=4" 100
printf 'q n\r\n' >&3
text "$T/a" "ALICE    - 01F" 100
expect_no_grep "$T/err" "program check"
cat "$T/results"
line_close
stop_cp
finish
