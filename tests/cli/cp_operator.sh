# The operator's commands and privilege classes (cp/cmd.c): ALICE (class G)
# may not FORCE or MSG ALL; OPERATOR (classes A-G) sends MSG ALL and a
# WARNING, FORCEs ALICE off (her display shows the logo again, the console
# logs it), and SHUTDOWN logs everyone off and stops CP in its disabled wait
# X'D00' (s370 --exit-on-wait then prints that PSW and ends).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp


display_connect O 00C0
logon O OPERATOR OPERATOR
has O "Virtual machine of 2048K, privilege classes ABCDEFG."
display_connect A 00C1
logon A ALICE ALICE
has A "Virtual machine of 1024K, privilege classes G."

cmd A "force operator"
has A "S37CFC002E FORCE needs privilege class A"
cmd A "msg all hi"
has A "S37CFC002E MSG ALL needs privilege class AB"
cmd A "shutdown"
has A "S37CFC002E SHUTDOWN needs privilege class A"
cmd O "msg all hello, everyone"
has A "MSG FROM OPERATOR: hello, everyone"
cmd O "warning alice save your work"
has A "WARNING FROM OPERATOR: save your work"
cmd O "force alice"
has O "USER ALICE FORCED"
wait_row A 21 " USERID   ===>"
screen A
grep -q "^ LOGOFF AT " "$T/screen" || fail "A: no LOGOFF AT line after FORCE"
wait_console "FORCE ALICE BY OPERATOR"
logon A ALICE ALICE
has A "Virtual machine of 1024K, privilege classes G."
cmd O "shutdown"
wait_console "SYSTEM SHUTDOWN COMPLETE"
wait_row A 21 " USERID   ===>"
for _ in $(seq 50); do
	grep -q "PSW=" "$T/out" && break
	sleep 0.1
done
[ "$(cat "$T/out")" = "PSW=000A0000 00000D00" ] || fail "after SHUTDOWN: $(cat "$T/out")"
s3_end O
s3_end A
exec {OP}>&-
wait $S370_PID
finish
