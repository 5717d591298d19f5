# Fair share among CPU-bound machines (cp/sched.c): BOB's and GUEST's
# machines both loop (a branch to itself, stored and started with BEGIN), so
# both are in Q2.  The operator gives BOB SET SHARE 300 (GUEST keeps 100):
# over the next seconds BOB's machine gets about three times GUEST's CPU
# time, as INDICATE USER counts it.  Then SET FAVORED GUEST: GUEST's machine
# goes first and gets nearly all of it.  The figures are ratios of two
# machines sharing one CPU, so a busy host slows both alike; the bounds are
# wide (2 to 4.5 for a share of 3) so that only a scheduler that ignores the
# shares fails.  Bad operands and a class G user are refused.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp

STATUS="                                                             "
spin() { # NAME USER: log on, a loop at 200, BEGIN
	display_connect "$1" "$3"
	logon "$1" "$2" "$2"
	has "$1" "${STATUS}CP READ   $2"
	cmd "$1" "store 200 47f00200"
	cmd "$1" "store psw 00000000 00000200"
	cmd "$1" "begin"
	has "$1" "${STATUS}RUNNING   $2"
}
spin B BOB 00C0
spin G GUEST 00C1

console_logon operator 3

# cpu USER: the CPU time INDICATE USER shows now (ms)
cpu() {
	local n
	n=$(($(grep -c "^CPU TIME=" "$T/err") + 1))
	op "/indicate user $1"
	for _ in $(seq 50); do
		[ "$(grep -c "^CPU TIME=" "$T/err")" -ge "$n" ] && break
		sleep 0.1
	done
	grep "^CPU TIME=" "$T/err" | sed -n "${n}p" | sed 's/^CPU TIME=\([0-9]*\) MS.*/\1/'
}

op "/set share bob 300"
wait_console "SET SHARE BOB 300 BY OPERATOR"
b0=$(cpu bob); g0=$(cpu guest)
sleep 3
b1=$(cpu bob); g1=$(cpu guest)
db=$((b1 - b0)); dg=$((g1 - g0))
echo "share 300:100 -> BOB ${db} ms, GUEST ${dg} ms"
[ "$dg" -gt 0 ] && [ $((db * 10)) -ge $((dg * 20)) ] && [ $((db * 10)) -le $((dg * 45)) ] ||
	fail "SET SHARE BOB 300: BOB ran ${db} ms, GUEST ${dg} ms (expected about 3:1)"
grep -q "^CPU TIME=[0-9]* MS, SHARE=300, PASS=" "$T/err" || fail "INDICATE USER lacks SHARE=300"

op "/set favored guest"
wait_console "SET FAVORED GUEST 100 BY OPERATOR"
b0=$(cpu bob); g0=$(cpu guest)
sleep 2
b1=$(cpu bob); g1=$(cpu guest)
db=$((b1 - b0)); dg=$((g1 - g0))
echo "GUEST favored -> BOB ${db} ms, GUEST ${dg} ms"
[ $((dg)) -ge $((db * 5)) ] || fail "SET FAVORED GUEST: GUEST ran ${dg} ms, BOB ${db} ms"
grep -q "^CPU TIME=[0-9]* MS, SHARE=100, FAVORED 100%, PASS=" "$T/err" || fail "INDICATE USER lacks FAVORED 100%"
op "/set favored guest off"
wait_console "SET FAVORED GUEST OFF BY OPERATOR"

op "/set share bob 0"
wait_console "S37CST026E Operand missing or invalid (SET SHARE BOB 1-10000)"
op "/set favored guest 101"
wait_console "S37CST026E Operand missing or invalid (SET FAVORED GUEST 1-100|OFF)"
op "/set share nobody 5"
wait_console "S37CST045E NOBODY not logged on"
key B "PA(1)"
cmd B "set share bob 500"
has_re B "^S37.*SET SHARE"
s3_end B
s3_end G
stop_cp
finish
