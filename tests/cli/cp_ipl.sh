# CP's first steps (cp/, docs/cp.md): the system volume that the build makes
# (build/dasd/s37res.3350: `dasd init` and tools/mksysvol.c) IPLs our CP.
# Checked: the IPL channel program loads the nucleus and CP says on the
# operator's console (3215 at 009) where it came from, how much storage it
# found and which devices (by SENSE ID, each listed with its type); it then
# waits enabled (PSW wait bit on, I/O masks on).  A TN3270 client on display
# 00C0 gets CP's logo screen (exact rows, cursor in the user id field); what
# it types in the password field is not displayed; Enter brings CP's answer
# naming the user id (the directory comes later), which CP also logs on the
# console; Clear paints the logo again; display 00C1, connected later, gets
# its own logo when it is switched on (device end).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
need s3270
VOL=$(dirname "$S370")/dasd/s37res.3350
if [ ! -f "$VOL" ]; then
	echo "skipped: no system volume $VOL (the s390x cross-compiler is missing)"
	exit 77
fi
cp "$VOL" "$T/sysres.3350"

mkfifo "$T/op"
for _ in 1 2 3 4 5; do
	PORT=$((20000 + RANDOM % 30000))
	printf 'ARCHMODE S/370\nMAINSIZE 4\nNUMCPU 1\nS37X ON\nCNSLPORT %s\n0009 3215-C\n00C0.2 3270\n0150 3350 %s\n' \
		"$PORT" "$T/sysres.3350" > "$T/t.cnf"
	timeout 50 "$S370" -f "$T/t.cnf" --exit-on-wait < "$T/op" > "$T/out" 2> "$T/err" &
	S370_PID=$!
	exec {OP}> "$T/op"
	for _ in $(seq 50); do
		grep -q "console port" "$T/err" 2>/dev/null && break
		sleep 0.1
	done
	grep -q "console port 127.0.0.1:$PORT " "$T/err" && break
	exec {OP}>&-
	wait $S370_PID
	rm -f "$T/op"
	mkfifo "$T/op"
done
op "ipl 0150"
for _ in $(seq 50); do
	grep -q "CP ready" "$T/err" && break
	sleep 0.1
done
expect_grep "$T/err" "s370 CP 0.1: IPL from 150, 4096K real storage, 4 devices"
expect_grep "$T/err" "  009  3215  console"
expect_grep "$T/err" "  0C0  3278  display"
expect_grep "$T/err" "  0C1  3278  display"
expect_grep "$T/err" "  150  3350  DASD"
expect_grep "$T/err" "CP ready"
op psw
sleep 0.3
grep -q "PSW=FE02" "$T/err" || fail "CP is not in an enabled wait: $(grep PSW= "$T/err")"

s3_start A -model 3278-2
s3 A "Connect(00C0@127.0.0.1:$PORT)" || fail "A: connect"
wait_row A 12 "            s370 CP 0.1 - a System/370 virtual machine system"
expect_rows "4=                    sssss   333333   77777777    000000" \
	"19= Fill in your USERID and PASSWORD and press ENTER" "21= USERID   ===>" "22= PASSWORD ===>" \
	"24=                                                          RUNNING   display 0C0"
s3 A "Query(Cursor)"
[ "$(head -1 "$T/reply")" = "data: 20 16" ] || fail "A: cursor at $(cat "$T/reply"), expected 20 16"
s3 A 'String("ALICE")'
s3 A "Tab"
s3 A 'String("secret")'
screen A
expect_rows "21= USERID   ===>  ALICE" "22= PASSWORD ===>"
s3 A "Enter"
wait_row A 17 " LOGON ALICE: no user directory yet; CP is still being built."
for _ in $(seq 20); do
	grep -q "logon attempt" "$T/err" && break
	sleep 0.1
done
expect_grep "$T/err" "display 0C0: logon attempt by ALICE"
s3 A "Clear"
wait_row A 17 ""
expect_rows "12=            s370 CP 0.1 - a System/370 virtual machine system" "21= USERID   ===>"

s3_start B -model 3278-2
s3 B "Connect(00C1@127.0.0.1:$PORT)" || fail "B: connect"
wait_row B 24 "                                                          RUNNING   display 0C1"
s3_end A
s3_end B
op quit
exec {OP}>&-
wait $S370_PID

# The default system (no -f, HERCULES_RC not set) IPLs CP by itself.
printf 'pause 2\nquit\n' | (unset HERCULES_RC; timeout 20 "$S370") > "$T/dflt" 2>&1
expect_grep "$T/dflt" "> ipl 0150"
expect_grep "$T/dflt" "CP ready"
finish
