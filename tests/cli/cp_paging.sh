# Paging (cp/paging.c): two users of 4M each on a machine of 4M real storage
# (3.3M of frames for virtual machines) each IPL tests/guest/pagetest.c,
# which fills its storage with a pattern and checks every word, three
# rounds.  Neither machine fits beside the other: CP must take frames from
# one for the other's page faults, write pages to the paging area on the
# system volume and read them back.  Both must see their own storage intact
# ("PAGING: 3 OF 3 OK"), also a record each reads from its minidisk into
# pages paged out meanwhile; INDICATE USER must count page-outs, page-ins and
# the IDAWs of those reads, INDICATE LOAD the system's paging.  And the
# eligible list (cp/sched.c): their working sets do not fit together, so one
# of them must have been held while the other ran its stay.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
# ALICE and BOB both 4M, both with the guest as their 192
guest_setup pagetest 's/^USER ALICE ALICE 1M 4M G/USER ALICE ALICE 4M 4M G/' \
	's/^USER BOB BOB 1M 4M G$/USER BOB BOB 4M 4M G\n MDISK 192 3350 4 1 S37RES RR/'

start_cp "001F 3215"
wait_console "Paging area: S37RES cylinders 10-29, 2400 pages"
# BOB on the operator's console, ALICE on a line-mode terminal
console_logon bob 1
line_logon alice
text "$T/a" "Virtual machine of 4096K, privilege classes G." 100
op "/ipl 192"
printf 'ipl 192\r\n' >&3
text "$T/a" "PAGING TEST: 4096K" 100
for _ in $(seq 400); do
	grep -q "^PAGING: " "$T/a" && grep -q "PAGING: " "$T/err" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep "^PAGING ROUND" | grep -v ": OK$" | while IFS= read -r l; do echo "FAIL: ALICE $l"; done
grep "PAGING ROUND" "$T/err" | grep -v ": OK$" | while IFS= read -r l; do echo "FAIL: BOB $l"; done
text "$T/a" "PAGING: 3 OF 3 OK" 10
wait_console "PAGING: 3 OF 3 OK"
printf 'indicate user\r\n' >&3
for _ in $(seq 50); do grep -q "PAGE-OUTS=" "$T/a" && break; sleep 0.1; done
line=$(tr -d '\r' < "$T/a" | grep "^PAGES: RESIDENT=")
echo "$line"
outs=$(printf '%s\n' "$line" | sed -n 's/.*PAGE-OUTS=\([0-9]*\).*/\1/p')
ins=$(printf '%s\n' "$line" | sed -n 's/.*PAGE-INS=\([0-9]*\).*/\1/p')
[ "${outs:-0}" -gt 0 ] || fail "ALICE's machine never paged out: $line"
[ "${ins:-0}" -gt 0 ] || fail "ALICE's machine never paged in: $line"
# its two reads into pages across X'20000' took IDAWs (and fixed pages)
# the eligible list (cp/sched.c): with both working sets too big for real
# storage together, one machine waited while the other ran its stay
op "/indicate user"
for _ in $(seq 100); do grep -q "^LIST=" "$T/err" && grep -q "^LIST=" "$T/a" && break; sleep 0.1; done
held=$( (tr -d '\r' < "$T/a"; cat "$T/err") | sed -n 's/^LIST=.*, HELD ELIGIBLE \([0-9]*\) TIMES$/\1/p' | awk '{ s += $1 } END { print s + 0 }')
[ "$held" -gt 0 ] || fail "neither machine was held in the eligible list: $( (tr -d '\r' < "$T/a"; cat "$T/err") | grep '^LIST=')"
idaws=$(tr -d '\r' < "$T/a" | sed -n 's/^IDAWS WRITTEN=\([0-9]*\) .*/\1/p')
[ "${idaws:-0}" -ge 4 ] || fail "ALICE's reads across pages wrote ${idaws:-no} IDAWs"
# INDICATE LOAD: the whole system's paging since IPL, both machines stopped now
printf 'indicate load\r\n' >&3
for _ in $(seq 50); do grep -q "PAGING AREA-" "$T/a" && break; sleep 0.1; done
load=$(tr -d '\r' < "$T/a" | grep -E "^CPU-[0-9]{3}% PAGING-[0-9]+/SEC USERS-2 RUNNING-0 Q1-0 Q2-0 OVER [0-9]+\.[0-9]{3} SEC$")
[ -n "$load" ] || fail "no INDICATE LOAD line: $(tr -d '\r' < "$T/a" | grep '^CPU-')"
rate=$(printf '%s\n' "$load" | sed -n 's/.*PAGING-\([0-9]*\)\/SEC.*/\1/p')
[ "${rate:-0}" -gt 0 ] || fail "INDICATE LOAD shows no paging: $load"
area=$(tr -d '\r' < "$T/a" | grep "^STORAGE-")
souts=$(printf '%s\n' "$area" | sed -n 's/.*PAGE-OUTS \([0-9]*\)$/\1/p')
[ "${souts:-0}" -gt "$outs" ] || fail "the system's page-outs ($area) are not more than ALICE's ($outs)"
expect_no_grep "$T/err" "program check"
expect_no_grep "$T/err" "S37PAG0"
line_close
stop_cp
finish
