# Operating CP (cp/cmd_oper.c, cp/acct.c): OPERATOR on the operator's
# console (009), ALICE on a line-mode terminal (01F), scratch 3350s SCR001
# at 0152 (ALICE's minidisk 193 in this copy of the directory) and SCR002
# at 0153.
#   VARY: ALICE (class G) may not; the system volume, T-disk space, a
#     terminal, a device that does not exist are refused; 0152 offline,
#     ALICE's LOGON finds her 193 "not mounted"; online again, it is linked;
#     then VARY OFFLINE 152 is refused (a minidisk link), ATTACH of an
#     offline 0153 is refused, VARY OFFLINE of the attached 0153 is refused.
#   QUERY SYSTEM 152: ALICE's 193 on it; QUERY ALL: every device's state.
#   Accounting: DETACH of the dedicated 0153 makes a type 02 record, ALICE's
#     LOGOFF a type 01 record (user id, the directory's account USERS, the
#     date of her LOGON, connect seconds), both shown by QUERY ACCOUNT.
#   FORCE of a disconnected user; WARNING; SHUTDOWN: everyone warned and
#     logged off, the spool checkpointed, the disabled wait X'D00'.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
"$(dirname "$S370")/tools/dasd" init "$T/scr.3350" 3350 SCR001 5 > /dev/null || fail "dasd init of the scratch volume"
"$(dirname "$S370")/tools/dasd" init "$T/scr2.3350" 3350 SCR002 5 > /dev/null || fail "dasd init of the scratch volume"
sed -e 's/^USER ALICE ALICE 1M 4M G$/USER ALICE ALICE 1M 4M G\n MDISK 193 3350 1 1 SCR001 W/' \
	"$(dirname "$0")/../../dasd-images/user.direct" > "$T/user.direct"
"$DIRECT" write "$T/user.direct" "$T/sysres.3350" > /dev/null || fail "direct write"
start_cp "001F 3215
0152 3350 $T/scr.3350
0153 3350 $T/scr2.3350"

# con_line TEXT: until the operator's console has the line TEXT exactly
con_line() {
	for _ in $(seq 50); do
		grep -qxF -- "$1" "$T/err" && return 0
		sleep 0.1
	done
	fail "the console lacks the line '$1'"
	return 1
}

console_logon operator 1

# ---- VARY ----
op "/vary offline 150"
con_line "S37VRY143E DASD 150 CP owned (the system volume)"
op "/vary offline 009"
con_line "S37VRY027E CONS 009 is a terminal: CP keeps it for LOGON"
op "/vary offline 999"
con_line "S37VRY040E Device 999 does not exist"
op "/vary sideways 151"
con_line "S37VRY026E Operand missing or invalid (VARY ONLINE|OFFLINE raddr)"
op "/vary offline 151"
con_line "S37VRY143E DASD 151 CP owned (T-disk space)"
op "/vary offline 152"
con_line "DASD 152 OFFLINE"
con_line "VARY OFFLINE 152 BY OPERATOR"
op "/vary off 152"
con_line "S37VRY142I DASD 152 already offline"

line_logon alice
text "$T/a" "DASD 193 NOT LINKED; VOLID SCR001 NOT MOUNTED" 100
printf 'vary online 152\r\n' >&3
text "$T/a" "S37CFC002E VARY needs privilege class B" 50
printf 'logoff\r\n' >&3
text "$T/a" "s370 CP 0.1 ONLINE -- enter LOGON userid" 100
line_close
op "/vary online 152"
con_line "DASD 152 ONLINE"
op "/q account"
con_line "1 ACCOUNTING RECORD WAITING"
acct1=$(grep -E "^ACCT 01 ALICE    USERS    " "$T/err" | head -1)
[ -n "$acct1" ] || fail "no accounting record for ALICE's first session"

line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
expect_no_grep "$T/a" "DASD 193 NOT LINKED"
LOGON_DATE=$(tr -d '\r' < "$T/a" | grep -aoE "LOGON AT [0-9:]+ [A-Z]+ [0-9]{2}/[0-9]{2}/[0-9]{2}$" | tail -1 |
	sed 's/.* \([0-9]*\)\/\([0-9]*\)\/\([0-9]*\)$/\1\2\3/')
[ -n "$LOGON_DATE" ] || fail "no LOGON AT line"
op "/vary offline 152"
con_line "S37VRY143E DASD 152 in use by 1 minidisk link"
op "/q system 152"
con_line "ALICE    193"
op "/q system 153"
con_line "DASD 153 SCR002 NO USERS"
op "/vary offline 153"
con_line "DASD 153 OFFLINE"
op "/attach 153 to alice as 253"
con_line "S37CAT123E DASD 153 offline"
op "/vary online 153"
con_line "DASD 153 ONLINE"
op "/attach 153 to alice as 253"
text "$T/a" "DASD 253 ATTACHED" 50
op "/vary offline 153"
con_line "S37VRY143E DASD 153 attached to ALICE"
op "/q system 153"
con_line "DASD 153 ATTACHED TO ALICE"
op "/q all"
con_line "DASD 150 3350 S37RES CP owned (the system volume)"
con_line "DASD 151 3350 S37U01 in use by 1 minidisk link"
con_line "DASD 152 3350 SCR001 in use by 1 minidisk link"
con_line "DASD 153 3350 SCR002 ATTACHED TO ALICE"
con_line "CONS 009 3215 LOGON AS OPERATOR"
con_line "CONS 01F 3215 LOGON AS ALICE"
con_line "GRAF 0C0 3278 FREE"
printf 'q all\r\n' >&3
text "$T/a" "S37CFC002E QUERY ALL needs privilege class B" 50
printf 'q account\r\n' >&3
text "$T/a" "S37CFC002E QUERY ACCOUNT needs privilege class A" 50

# ---- accounting: a dedicated device, then the session ----
sleep 1.2
op "/detach 153 from alice"
text "$T/a" "DASD 253 DETACHED BY OPERATOR" 50
printf 'logoff\r\n' >&3
text "$T/a" "s370 CP 0.1 ONLINE -- enter LOGON userid" 100
line_close
op "/q account"
con_line "3 ACCOUNTING RECORDS WAITING"
rec02=$(grep -E "^ACCT 02 ALICE    USERS    " "$T/err" | tail -1)
[[ "$rec02" =~ ^ACCT\ 02\ ALICE\ \ \ \ USERS\ \ \ \ ([0-9]{6})[0-9]{6}\ SECONDS=([0-9]+)\ CLASS=04\ TYPE=08\ MODEL=00$ ]] ||
	fail "the type 02 record: '$rec02'"
[ "${BASH_REMATCH[1]:-}" = "$LOGON_DATE" ] || fail "type 02 record date ${BASH_REMATCH[1]:-} is not $LOGON_DATE"
[ "${BASH_REMATCH[2]:-0}" -ge 1 ] && [ "${BASH_REMATCH[2]:-99}" -le 20 ] || fail "attached seconds: ${BASH_REMATCH[2]:-}"
rec01=$(grep -E "^ACCT 01 ALICE    USERS    " "$T/err" | tail -1)
[[ "$rec01" =~ ^ACCT\ 01\ ALICE\ \ \ \ USERS\ \ \ \ ([0-9]{6})[0-9]{6}\ CONNECT=([0-9]+)\ CPU=0\ VCPU=0\ PAGE-IN=0\ PAGE-OUT=0\ SIO=0\ PUN=0\ PRT=0\ RDR=0$ ]] ||
	fail "the type 01 record: '$rec01'"
[ "${BASH_REMATCH[1]:-}" = "$LOGON_DATE" ] || fail "type 01 record date ${BASH_REMATCH[1]:-} is not $LOGON_DATE"
[ "${BASH_REMATCH[2]:-0}" -ge 1 ] && [ "${BASH_REMATCH[2]:-99}" -le 20 ] || fail "connect seconds: ${BASH_REMATCH[2]:-}"
[ "$rec01" != "$acct1" ] || fail "the second session's record is the first's"

# ---- FORCE of a disconnected user, WARNING, SHUTDOWN ----
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'disconnect\r\n' >&3
wait_console "DISCONNECT ALICE"
line_close
op "/force alice"
con_line "USER ALICE FORCED (DISCONNECTED)"
con_line "DSC LOGOFF AS ALICE    USERS = 001 FORCED"
op "/q account"
con_line "4 ACCOUNTING RECORDS WAITING"
op "/force alice"
con_line "S37CFR045E ALICE not logged on"

line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
op "/warning alice the system goes down"
text "$T/a" "WARNING FROM OPERATOR: the system goes down" 50
op "/shutdown"
text "$T/a" "SYSTEM SHUTDOWN BY OPERATOR" 50
con_line "S37SHU001I 2 users logged off"
con_line "S37SHU004W 6 accounting records not retrieved are lost"
con_line "SYSTEM SHUTDOWN COMPLETE"
line_close
exec {OP}>&-
wait $S370_PID
[ "$(cat "$T/out")" = "PSW=000A0000 00000D00" ] || fail "after SHUTDOWN: $(cat "$T/out")"
expect_no_grep "$T/err" "program check"
finish
