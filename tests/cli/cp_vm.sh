# A virtual machine runs (cp/vmrun.c, cp/vio.c): ALICE logs on and IPLs the
# minidisk 19F (hello370, dasd-images/hello370.s, on cylinder 3 of the system
# volume).  Its START I/O, its enabled wait (LPSW) and DIAGNOSE 8 are
# privileged, so each traps to CP, which does it for the guest: the console
# shows the guest's greeting and prompt (its channel program's Writes), the
# status is VM READ while the guest's Read waits, a typed line comes back
# echoed by the guest, TIME makes the guest give CP the command QUERY TIME,
# PA1 stops the machine (CP READ) and BEGIN lets it go on, #CP runs a CP
# command from VM READ, and QUIT ends in the guest's disabled wait, which CP
# reports.  Meanwhile BOB runs the same program in his own machine.
# INDICATE USER counts what CP did: 20 privileged instructions simulated by
# kind, 9 I/O interruptions reflected, 9 console channel programs (the IPL's
# own channel programs, translated for the minidisk, are CP's, not counted).
# DISPLAY shows the stopped guest's PSW, registers and storage, STORE
# changes them, SYSTEM CLEAR resets the machine and clears its storage.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp

STATUS="                                                             "

display_connect A 00C0
logon A ALICE ALICE
has A "${STATUS}CP READ   ALICE"
cmd A "q v"
has A "DASD 19F 3350 S37RES R/O 1 CYL ON 150 AT CYL 3"
key A "Clear"
wait_row A 1 ""
cmd A "ipl 19f"
has A "HELLO FROM A VIRTUAL MACHINE. TYPE A LINE; TIME ASKS CP; QUIT ENDS."
has A "ENTER A LINE:"
has A "${STATUS}VM READ   ALICE"
# BOB, at the other display, runs the same program in his own machine meanwhile.
display_connect B 00C1
logon B BOB BOB
has B "${STATUS}CP READ   BOB"
cmd B "ipl 19f"
has B "${STATUS}VM READ   BOB"
cmd B "from bob"
has B "YOU TYPED: from bob"
cmd A "hello, world"
has A "YOU TYPED: hello, world"
wait_row A 6 "ENTER A LINE:"
expect_rows "1=ipl 19f" "3=ENTER A LINE:" "4=hello, world" "5=YOU TYPED: hello, world" "6=ENTER A LINE:"
cmd A "time"
for _ in $(seq 50); do
	screen A
	grep -qE "^TIME IS [0-2][0-9]:[0-5][0-9]:[0-5][0-9] " "$T/screen" && break
	sleep 0.1
done
wait_row A 9 "ENTER A LINE:"
expect_rows "7=time"
grep -qE "^TIME IS [0-2][0-9]:[0-5][0-9]:[0-5][0-9] " "$T/screen" || fail "no TIME IS from the guest's DIAGNOSE 8"
key A "PA(1)"
has A "${STATUS}CP READ   ALICE"
cmd A "q n"
has A "ALICE    - 0C0 , BOB      - 0C1"
cmd A "begin"
has A "${STATUS}VM READ   ALICE"
cmd A "#cp q u"
has A "002 USERS, 000 DSC"
cmd A "quit"
has A "GOODBYE."
has A "S37VMS023I Disabled wait state: PSW address 000E0D, code 0000"
has A "${STATUS}CP READ   ALICE"
# DISPLAY, STORE, SYSTEM on the stopped machine
key A "Clear"
wait_row A 1 ""
cmd A "d psw"
has A "PSW = 00020000 00000E0D"
cmd A "d g12"
has A "GPR 12 = 00001002"
cmd A "d 1000.8"
has A "001000  0DC0D207 0078C096"
cmd A "store 2000 cafe0001 2"
has A "STORE COMPLETE"
cmd A "d 2000-2007"
has A "002000  CAFE0001 00000002"
cmd A "d 100000"
has A "S37CDS160E Address 100000 beyond the machine (1024K)"
cmd A "store g3 1234"
cmd A "d g"
for _ in $(seq 50); do
	screen A
	grep -qE "^GPR  0 = [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8} 00001234$" "$T/screen" && break
	sleep 0.1
done
grep -qE "^GPR  0 = [0-9A-F]{8} [0-9A-F]{8} [0-9A-F]{8} 00001234$" "$T/screen" || fail "STORE G3: $(grep 'GPR  0' "$T/screen")"
key A "Clear"
wait_row A 1 ""
cmd A "store psw 00080000 00001000"
cmd A "d psw"
has A "PSW = 00080000 00001000"
cmd A "system clear"
has A "STORAGE CLEARED - SYSTEM RESET"
cmd A "d 1000.4"
has A "001000  00000000"
cmd A "d psw"
has A "PSW = 00000000 00000000"
cmd A "begin"
has A "S37CBE001E Nothing to begin: IPL first"
# 20 traps: 9 SIO, 10 LPSW (a wait after each, and the last), 1 DIAGNOSE
key A "Clear"
wait_row A 1 ""
cmd A "q v"
for _ in $(seq 50); do
	screen A
	grep -qE "^SIMULATED 20 PRIVILEGED INSTRUCTIONS IN [0-9]+ DISPATCHES$" "$T/screen" && break
	sleep 0.1
done
grep -qE "^SIMULATED 20 PRIVILEGED INSTRUCTIONS IN [0-9]+ DISPATCHES$" "$T/screen" ||
	fail "QUERY VIRTUAL: $(grep SIMULATED "$T/screen")"
key A "Clear"
wait_row A 1 ""
cmd A "indicate user"
has A "PRIVILEGED INSTRUCTIONS SIMULATED=20: LPSW=10 SIO=9 DIAG=1"
has A "INTERRUPTIONS REFLECTED: PROGRAM=0 SVC=0 I/O=9 EXTERNAL=0"
has A "CHANNEL PROGRAMS: CONSOLE=9 MINIDISK=0, CCWS TRANSLATED=0"
cmd A "q userid"
has A "ALICE AT S370CP"
# BOB's machine went on reading meanwhile; INDICATE of another user needs class A or E
has B "${STATUS}VM READ   BOB"
cmd B "#cp indicate user alice"
has B "S37CIN002E INDICATE USER of another user needs privilege class A or E"
cmd B "#cp q n"
has B "ALICE    - 0C0 , BOB      - 0C1"
s3_end B
cmd A "logoff"
wait_row A 21 " USERID   ===>"
s3_end A
expect_no_grep "$T/err" "program check"
stop_cp
finish
