# CP's first steps (cp/, docs/cp.md): the system volume that the build makes
# (build/dasd/s37res.3350: `dasd init` and tools/mksysvol.c) IPLs our CP.
# Checked: the IPL channel program loads the nucleus and CP says on the
# operator's console (3215 at 009) where it came from, how much storage it
# found and which devices (by SENSE ID, each listed with its type); it then
# waits enabled (PSW wait bit on, I/O masks on).  A TN3270 client on display
# 00C0 gets CP's logo screen (exact rows, cursor in the user id field); what
# it types in the password field is not displayed; Enter with a wrong
# password brings CP's refusal (on the screen and the console; logging on
# itself is cp_logon.sh); Clear paints the logo again; display 00C1,
# connected later, gets its own logo when it is switched on (device end).
# The operator logs on at the operator's console (/ lines) and types a CP
# command there.  Last, the default system (no -f) IPLs CP by itself.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp
expect_grep "$T/err" "s370 CP 0.1: IPL from 150, 4096K real storage, 5 devices"
expect_grep "$T/err" "  009  3215  console"
expect_grep "$T/err" "  0C0  3278  display"
expect_grep "$T/err" "  0C1  3278  display"
expect_grep "$T/err" "  150  3350  DASD S37RES"
expect_grep "$T/err" "  151  3350  DASD S37U01"
grep -qE "^[0-9]+K of real storage in [0-9]+ frames for virtual machines$" "$T/err" || fail "no frames line"
expect_grep "$T/err" "CP ready"
op psw
sleep 0.3
# an enabled wait, with DAT on: CP runs in an address space of its own (cp/cpspace.c)
grep -q "PSW=070A" "$T/err" || fail "CP is not in an enabled wait with DAT on: $(grep PSW= "$T/err")"

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
wait_row A 17 " S37LGN050E LOGON unsuccessful--incorrect password"
wait_console "LOGON ALICE at 0C0: password incorrect"
s3 A "Clear"
wait_row A 17 ""
expect_rows "12=            s370 CP 0.1 - a System/370 virtual machine system" "21= USERID   ===>"

s3_start B -model 3278-2
s3 B "Connect(00C1@127.0.0.1:$PORT)" || fail "B: connect"
wait_row B 24 "                                                          RUNNING   display 0C1"
s3_end A
s3_end B
# The operator's console is a terminal too: LOGON there, a CP command.
console_logon operator 1
op "/q n"
wait_console "OPERATOR - 009"
# CR1 names CP's own segment table (STL 3: 4M of real storage, 64 segments
# of 64K)
op "cr"
wait_console "CR01=03"
stop_cp

# The default system (no -f, HERCULES_RC not set) IPLs CP by itself.
printf 'pause 2\nquit\n' | (unset HERCULES_RC; timeout 20 "$S370") > "$T/dflt" 2>&1
expect_grep "$T/dflt" "> ipl 0150"
expect_grep "$T/dflt" "CP ready"
finish
