# The operator's ATTACH and DETACH of real devices (cp/cmd_define.c): a
# scratch 3350 (SCR001 at 0152) is dedicated to ALICE by OPERATOR (class B):
# ALICE (class G) may not ATTACH or DETACH real devices; bad operands, a
# device that does not exist, a user not logged on, the system volume, a
# volume with minidisks linked, a terminal, the operator's console and an
# address in use are refused by name.  Attached, ALICE is told, QUERY
# VIRTUAL and QUERY DASD show it, a second ATTACH is refused, and ALICE's
# guest reads the real volume's label through it (a dedicated device's
# channel program, not relocated).  DETACH FROM takes it away (ALICE is
# told); ALICE's own DETACH and her LOGOFF give it back (the operator's
# console says it is free).  DETACH of several of one's own devices at once.
# Attached R/O, the guest's Write Data is refused (command reject).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
"$(dirname "$S370")/tools/dasd" init "$T/scr.3350" 3350 SCR001 5 > /dev/null || fail "dasd init of the scratch volume"
start_cp "0152 3350 $T/scr.3350"

clr() {
	key "$1" "Clear"
	wait_row "$1" 1 ""
}

display_connect O 00C0
logon O OPERATOR OPERATOR
has O "Virtual machine of 2048K, privilege classes ABCDEFG."
display_connect A 00C1
logon A ALICE ALICE
has A "Virtual machine of 1024K, privilege classes G."

# ---- class G may not; refusals ----
cmd A "attach 152 to alice"
has A "S37CFC002E ATTACH needs privilege class B"
cmd A "detach 152 from alice"
has A "S37CFC002E DETACH raddr FROM userid needs privilege class B"
cmd O "att"
has O "S37CAT021E Real device address missing or invalid"
cmd O "att 152"
has O "S37CAT020E Userid missing or invalid (ATTACH raddr TO userid AS vaddr)"
cmd O "att 999 to alice"
has O "S37CAT040E DEV 999 does not exist"
cmd O "att 152 to zed"
has O "S37CAT045E ZED not logged on"
cmd O "att 150 to alice"
has O "S37CAT123E DASD 150 CP owned (the system volume)"
cmd O "att 151 to alice"
has O "S37CAT123E DASD 151 in use by 1 minidisk link"
cmd O "att 0c1 to alice"
has O "S37CAT123E GRAF 0C1 in use by CP (a terminal for LOGON)"
cmd O "att 009 to alice"
has O "S37CAT123E CONS 009 in use by CP (the operator's console)"
clr O
cmd O "att 152 to alice as 191"
has O "S37CAT120E DASD 152 not attached; ALICE 191 already defined"
cmd O "att 152 to alice as xyz"
has O "S37CAT022E Virtual device address missing or invalid - XYZ"
cmd O "att 152 to alice frob"
has O "S37CAT003E Invalid option - FROB"

# ---- attached ----
cmd O "att 152 to alice as 252"
has O "DASD 152 ATTACHED TO ALICE 252"
has A "DASD 252 ATTACHED"
wait_console "ATTACH 152 TO ALICE 252 BY OPERATOR"
cmd O "att 152 to operator"
has O "S37CAT122E DASD 152 already attached to ALICE"
cmd O "q dasd"
has O "DASD 152 3350 SCR001 ATTACHED TO ALICE 252"
has O "DASD 150 3350 S37RES"
clr A
cmd A "q v"
has A "DEV 152 ATTACHED AS 252"
# ALICE's guest reads the label (R3 of cylinder 0, track 0) of the real volume
clr A
cmd A "store 200 9c000252 9d000252 82000210 00000000 00020000 00000aaa"
cmd A "store 300 07000400 40000006 31000406 40000005 08000308 00000001 06000500 20000050"
cmd A "store 400 00000000 00000000 00000300 00000000"
cmd A "store 48 00000300"
cmd A "store psw 00000000 00000200"
cmd A "begin"
has A "S37VMS023I Disabled wait state: PSW address 000AAA, code 0000"
clr A
cmd A "d 40.8"
has A "000040  00000320 0C000000"
cmd A "d 500.8"
has A "000500  E5D6D3F1 E2C3D9F0"
# attached read-only: the same program with Write Data instead of Read Data
# ends in unit check (command reject), and the label is still there
cmd O "detach 152 from alice"
has A "DASD 252 DETACHED BY OPERATOR"
cmd O "att 152 to alice as 252 r/o"
has O "DASD 152 ATTACHED TO ALICE 252 R/O"
has A "DASD 252 ATTACHED R/O"
clr O
clr A
cmd A "store 318 05000500 00000050"
cmd A "store psw 00000000 00000200"
cmd A "begin"
has A "S37VMS023I Disabled wait state: PSW address 000AAA, code 0000"
clr A
cmd A "d 40.8"
has A "000040  00000308 0E000000"
cmd A "store 318 06000500 20000050"
cmd A "store 500 00000000 00000000"
cmd A "store psw 00000000 00000200"
cmd A "begin"
has A "S37VMS023I Disabled wait state: PSW address 000AAA, code 0000"
clr A
cmd A "d 500.8"
has A "000500  E5D6D3F1 E2C3D9F0"

# ---- DETACH FROM, the user's own DETACH, LOGOFF ----
cmd O "detach 152 from alice"
has O "DASD 152 DETACHED FROM ALICE 252"
has A "DASD 252 DETACHED BY OPERATOR"
wait_console "DETACH 152 FROM ALICE 252 BY OPERATOR"
cmd O "detach 152 from alice"
has O "S37DTA140E DASD 152 not attached to ALICE"
clr O
cmd O "att 152 alice"
has A "DASD 152 ATTACHED"
cmd A "detach 152"
has A "152 DETACHED"
wait_console "DASD 152 FREE: DETACHED BY ALICE"
cmd A "detach 00d 00e"
has A "00D DETACHED"
has A "00E DETACHED"
cmd A "q v"
has A "RDR 00C 2540 CL *"
screen A
grep -q "^PUN 00D" "$T/screen" && fail "A: 00D is still there after DETACH 00D 00E"
cmd O "att 152 to alice"
has A "DASD 152 ATTACHED"
cmd A "logoff"
wait_row A 21 " USERID   ===>"
for _ in $(seq 50); do
	[ "$(grep -c "DASD 152 FREE: DETACHED BY ALICE" "$T/err")" = 2 ] && break
	sleep 0.1
done
[ "$(grep -c "DASD 152 FREE: DETACHED BY ALICE" "$T/err")" = 2 ] || fail "no FREE message at ALICE's LOGOFF"
cmd O "att 152 to *"
has O "DASD 152 ATTACHED"
cmd O "q dasd"
has O "DASD 152 3350 SCR001 ATTACHED TO OPERATOR 152"
s3_end O
s3_end A
stop_cp
finish
