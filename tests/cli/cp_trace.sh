# TRACE (cp/trace.c): the bare guest tests/guest/tracetest.c does what
# TRACE shows at addresses it reports on its console ("ADDR name hhhhhh"),
# and each trace line is checked exactly against them:
#   1 TRACE SVC PRIV IO PROGRAM EXTERNAL RUN: SSM (PRIV), SVC X'0C' and the
#     handler's new PSW, an operation exception (PROG 0001), SIO to the
#     console with its CC and then its I/O interruption with the CSW; QUERY
#     TRACE; EXTERNAL (the interrupt key) reflected with code X'0040';
#   2 TRACE BRANCH: BRCT taken once, J (by PER, successful branching);
#   3 TRACE INSTRUCT: LA, LR, SVC (its PER event comes after the SVC
#     interruption: start.S) and the interruption (INSTRUCT shows those too,
#     as VM/370's), the SVC handler's LPSW, DIAGNOSE;
#   4 TRACE INSTRUCT NORUN: the machine stops after each line until BEGIN;
#   5 the guest's own PER (one instruction-fetch event in its range), alone
#     and under TRACE INSTRUCT: it gets its event, and only that, both times;
#     then an event on its SVC, which follows the SVC interruption (the old
#     PSW is the SVC handler's).
# Then TRACE IO PRINTER while hello370 runs: nothing at the terminal, a
# printer spool file of 8 lines after TRACE END.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup tracetest

start_cp "001F 3215"

line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl 192\r\n' >&3
text "$T/a" "WAITING FOR EXTERNAL" 100
# the addresses the guest reported
addr() { tr -d '\r' < "$T/a" | sed -n "s/^ADDR $1 \([0-9A-F]\{6\}\)$/\1/p" | head -1; }
for n in SSM SVC OP SIO SVCH PGMNEW IONEW EXTNEW BLP BJ BEND I1 I2 I3 I4 N1 N2 N3 G0 G1 G2 GS PGMEC; do
	v=$(addr $n)
	[ -n "$v" ] || fail "the guest did not report ADDR $n"
	eval "A_$n=$v"
done
hex6() { printf '%06X' $((0x$1 + $2)); }
text "$T/a" "TRACE STARTED" 10
text "$T/a" "$A_SSM SSM   80000820" 10
text "$T/a" "*** $(hex6 "$A_SVC" 2) SVC  0C   ==> $A_SVCH" 10
text "$T/a" "$A_SVCH LPSW  82000020" 10
text "$T/a" "*** $(hex6 "$A_OP" 2) PROG 0001 ==> $A_PGMNEW" 10
text "$T/a" "$A_SIO SIO   9C001000 CONS 009 CC 0" 10
tr -d '\r' < "$T/a" | grep -qE "^\*\*\* [0-9A-F]{6} I/O  009  ==> $A_IONEW  CSW [0-9A-F]{8} 0C000000$" ||
	fail "no I/O interruption line for the console's SIO"
text "$T/a" "PHASE 1 SIO" 10
text "$T/a" "PHASE 1 PROGRAM CODE 0001" 10
printf '#cp query trace\r\n' >&3
text "$T/a" "TRACE SVC PROGRAM EXTERNAL IO PRIV TERMINAL RUN" 50
printf '#cp external\r\n' >&3
text "$T/a" "EXTERNAL 0040 TAKEN" 100
tr -d '\r' < "$T/a" | grep -qE "^\*\*\* [0-9A-F]{6} EXT  0040 ==> $A_EXTNEW$" || fail "no EXT 0040 trace line"
text "$T/a" "TRACE ENDED" 10
# 2: branches
text "$T/a" "PHASE 2 DONE" 100
text "$T/a" "$A_BLP BRCT  A7160000 ==> $A_BLP" 10
text "$T/a" "$A_BJ BRC   A7F40004 ==> $A_BEND" 10
[ "$(tr -d '\r' < "$T/a" | grep -c "^$A_BLP BRCT")" = 1 ] || fail "BRCT traced other than once"
# 3: every instruction, the SVC among them
text "$T/a" "PHASE 3 DONE" 100
text "$T/a" "$A_I1 LA    41100003" 10
text "$T/a" "$A_I2 LR    1801" 10
text "$T/a" "$A_I3 SVC   0A0D" 10
text "$T/a" "*** $(hex6 "$A_I3" 2) SVC  0D   ==> $A_SVCH" 10
text "$T/a" "$A_I4 DIAG  83450008" 10
[ "$(tr -d '\r' < "$T/a" | grep -c "^$A_SVCH LPSW  82000020$")" = 2 ] || fail "the SVC handler's LPSW: not traced in phase 3"
# 4: NORUN: one instruction per BEGIN
text "$T/a" "$A_N1 LA    41100005" 100
sleep 0.5
expect_no_grep "$T/a" "$A_N2 LA"
printf 'begin\r\n' >&3
text "$T/a" "$A_N2 LA    41100006" 50
sleep 0.3
expect_no_grep "$T/a" "$A_N3 DIAG"
printf 'begin\r\n' >&3
text "$T/a" "$A_N3 DIAG  83450008" 50
sleep 0.3
expect_no_grep "$T/a" "PHASE 4 DONE"
printf 'begin\r\n' >&3
text "$T/a" "PHASE 4 DONE" 50
# 5: the guest's own PER, alone, then with CP's
text "$T/a" "GUEST PER 0: 1 EVENT CODE 0080 PER 40 AT $A_G1 OLD PSW $A_G2" 50
text "$T/a" "GUEST PER 1: 1 EVENT CODE 0080 PER 40 AT $A_G1 OLD PSW $A_G2" 50
text "$T/a" "GUEST PER 2: 1 EVENT CODE 0080 PER 40 AT $A_GS OLD PSW $A_SVCH" 50
text "$T/a" "$A_G0 LA    41100007" 10
text "$T/a" "$A_G1 LA    41100008" 10
text "$T/a" "$A_G2 LA    41100009" 10
text "$T/a" "*** $A_G2 PROG 0080 ==> $A_PGMEC" 10
# (pass 2 is traced too: the SVC's interruption, then its PER event from the SVC handler's address)
text "$T/a" "*** $A_SVCH PROG 0080 ==> $A_PGMEC" 10
[ "$(tr -d '\r' < "$T/a" | grep -ac "PROG 0080")" = 2 ] || fail "the guest's PER events: reflected other than twice under TRACE"
tr -d '\r' < "$T/a" | grep -a -A1 "^\*\*\* $(hex6 "$A_GS" 2) SVC  0E   ==> $A_SVCH$" | tail -1 |
	grep -qx "\*\*\* $A_SVCH PROG 0080 ==> $A_PGMEC" || fail "the SVC's PER event does not follow its interruption"
printf 'query trace\r\n' >&3
text "$T/a" "NO TRACE IN EFFECT" 50
printf 'trace nonsense\r\n' >&3
text "$T/a" "S37TRC003E Invalid option - NONSENSE" 50
printf 'trace end\r\n' >&3
text "$T/a" "S37TRC004W No trace in effect" 50
# TRACE PRINTER: the lines go to a printer spool file, closed by TRACE END
io_lines() { tr -d '\r' < "$T/a" | grep -ac "CONS 009 CC 0"; }
N_IO=$(io_lines)
printf 'trace io printer\r\n' >&3
text "$T/a" "TRACE STARTED" 50
printf 'ipl 19f\r\n' >&3
text "$T/a" "ENTER A LINE:" 100
printf 'quit\r\n' >&3
text "$T/a" "GOODBYE." 100
[ "$(io_lines)" = "$N_IO" ] || fail "TRACE PRINTER: trace lines at the terminal"
printf 'trace end\r\n' >&3
text "$T/a" "TRACE ENDED" 50
printf 'query prt\r\n' >&3
text "$T/a" "ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME  NAME     TYPE     DIST" 50
# hello370's four console programs: each an SIO line and an I/O interruption line
tr -d '\r' < "$T/a" | grep -qE "^ALICE    0001 A PRT 00000008 01 NONE " || fail "no printer file of 8 trace lines"
expect_no_grep "$T/err" "program check"
line_close
stop_cp
finish
