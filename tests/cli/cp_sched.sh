# The scheduler (cp/sched.c): interactive machines first.  BOB's machine is
# CPU-bound (a branch to itself, stored with STORE and started with BEGIN):
# it never gets a line from its user, so it stays in Q2.  ALICE's runs
# hello370 (IPL 19F): each line she types makes it interactive (Q1), and it
# answers her within its Q1 time, while BOB's loop goes on.  INDICATE USER
# shows each machine's queue, INDICATE LOAD the counts.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp

STATUS="                                                             "
display_connect B 00C1
logon B BOB BOB
has B "${STATUS}CP READ   BOB"
cmd B "store 200 47f00200"
cmd B "store psw 00000000 00000200"
cmd B "begin"
has B "${STATUS}RUNNING   BOB"

display_connect A 00C0
logon A ALICE ALICE
has A "${STATUS}CP READ   ALICE"
cmd A "ipl 19f"
has A "ENTER A LINE:"
for k in 1 2 3; do
	cmd A "line $k"
	has A "YOU TYPED: line $k"
done
has A "${STATUS}VM READ   ALICE"
cmd A "#cp indicate user"
has_re A "^USERID=ALICE DISPATCHED=[0-9]+ TIME SLICES ENDED=[0-9]+ QUEUE=Q1, INTERACTIVE 3 TIMES$"

# the operator sees both machines (class A); BOB's has run long slices, never interactive
console_logon operator 3
op "/indicate user bob"
for _ in $(seq 50); do
	grep -qE "^USERID=BOB DISPATCHED=[0-9]+ TIME SLICES ENDED=[1-9][0-9]* QUEUE=Q2, INTERACTIVE 0 TIMES$" "$T/err" && break
	sleep 0.1
done
grep -qE "^USERID=BOB DISPATCHED=[0-9]+ TIME SLICES ENDED=[1-9][0-9]* QUEUE=Q2, INTERACTIVE 0 TIMES$" "$T/err" ||
	fail "BOB's machine: $(grep '^USERID=BOB' "$T/err")"
# ALICE's machine waits for her next line (not running); BOB's runs, in Q2.
# The first INDICATE LOAD starts an interval in which only BOB's loop runs.
op "/indicate load"
wait_console "PAGING AREA-"
sleep 1
op "/indicate load"
for _ in $(seq 50); do
	grep -qE "^CPU-[0-9]{3}% PAGING-[0-9]+/SEC USERS-3 RUNNING-1 Q1-0 Q2-1 OVER " "$T/err" && break
	sleep 0.1
done
grep -qE "^CPU-[0-9]{3}% PAGING-[0-9]+/SEC USERS-3 RUNNING-1 Q1-0 Q2-1 OVER " "$T/err" ||
	fail "INDICATE LOAD: $(grep '^CPU-' "$T/err")"
# and the CPU is busy: BOB's loop
for _ in $(seq 50); do [ "$(grep -c "^CPU-" "$T/err")" -ge 2 ] && break; sleep 0.1; done
busy=$(grep -E "^CPU-[0-9]{3}%" "$T/err" | tail -1 | sed 's/^CPU-0*\([0-9]*\)%.*/\1/')
[ "${busy:-0}" -ge 50 ] || fail "the CPU was busy ${busy:-?}% with BOB looping"
s3_end A
s3_end B
stop_cp
finish
