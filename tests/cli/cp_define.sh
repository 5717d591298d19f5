# DEFINE (cp/cmd_define.c) and temporary disks (cp/tdisk.c, the TDISK
# statement of tools/direct.c).
#
# `direct check` refuses bad TDISK statements by line: one over cylinder 0,
# a malformed one, one after a USER, one over an MDISK.  Then on the running
# system ALICE (1M, at most 4M): DEFINE STORAGE beyond her maximum is
# refused, within it the running machine gets the new size and is reset
# (CP READ, PSW zero; QUERY VIRTUAL shows the size);
# spooled devices, a GRAF, a new address for a device (DEFINE vaddr AS), and
# the refusals of a used address, a missing device, a second console, bad
# operands, a T-disk type with no space and more cylinders than the space
# has.
#
# That a T-disk never shows what a previous user left there is proved by
# two users and a real channel program: ALICE defines a T-disk (QUERY VIRTUAL:
# cylinder 23 of S37U01), and a tiny guest, stored with STORE and started
# with BEGIN, writes R1 (16 known bytes) after R0 and reads it back; she
# DETACHes it.  BOB then defines a T-disk and gets the same cylinder 23, and
# the same read finds no record (unit check, his buffer untouched), while
# his own write and read work.  QUERY DASD shows the space and what is free;
# LOGOFF gives ALICE's cylinders back.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"

# ---- the TDISK statement ----
printf 'TDISK S37U01 0 3\nTDISK S37U01 20 3\nTDISK VOL 5\nUSER A1 PW 1M 4M G\n MDISK 191 3350 21 2 S37U01 W\nTDISK S37U01 40 2\n' > "$T/td.direct"
"$DIRECT" check "$T/td.direct" > "$T/d.out" 2>&1
expect_rc $? 1 "direct check of bad TDISK statements"
expect_grep "$T/d.out" "direct: $T/td.direct:1: TDISK: cylinder 0 holds the volume label; start at 1 or later"
expect_grep "$T/d.out" "direct: $T/td.direct:2: TDISK: S37U01 cylinders 20-22 overlap MDISK 191 of A1"
expect_grep "$T/d.out" "direct: $T/td.direct:3: TDISK: expected TDISK volser start count (cylinders)"
expect_grep "$T/d.out" "direct: $T/td.direct:6: TDISK: a statement of the system: it goes before the first USER"

start_cp

# clr NAME: clear the output area (a screen in MORE... takes a Clear per page)
clr() {
	for _ in 1 2 3; do
		key "$1" "Clear"
		sleep 0.2
		screen "$1"
		[ -z "$(sed -n 1p "$T/screen" | tr -d ' ')" ] && return 0
	done
	wait_row "$1" 1 ""
}
# guest NAME CAW: the tiny guest, its channel program at CAW, run to its
# disabled wait.  At 200: SIO 1A0, TIO 1A0 (the ending's CSW to 40), LPSW of
# a disabled wait.  CCWs at 300: Seek 0, Search ID Equal R0, TIC, Write CKD
# R1 (count at 410, 16 bytes of data at 418); at 320: Seek 0, Search ID
# Equal R1, TIC, Read Data 16 bytes to 500.
guest() {
	clr "$1"
	cmd "$1" "store 200 9c0001a0 9d0001a0 82000210 00000000 00020000 00000aaa"
	cmd "$1" "store 300 07000400 40000006 31000406 40000005 08000308 00000001 1d000410 00000018"
	cmd "$1" "store 320 07000400 40000006 31000430 40000005 08000328 00000001 06000500 20000010"
	cmd "$1" "store 400 00000000 00000000 00000000 00000000 00000000 01000010 deadbeef cafef00d"
	cmd "$1" "store 420 01234567 89abcdef 00000000 00000000 00000000 01000000"
	cmd "$1" "store 48 $2"
	cmd "$1" "store psw 00000000 00000200"
	cmd "$1" "begin"
	has "$1" "S37VMS023I Disabled wait state: PSW address 000AAA, code 0000"
	clr "$1"
}

STATUS="                                                             "
display_connect A 00C0
logon A ALICE ALICE
has A "Virtual machine of 1024K, privilege classes G."

# ---- DEFINE STORAGE ----
cmd A "define storage 8m"
has A "S37CDF094E Storage exceeds allowed maximum (4096K)"
cmd A "def stor 12x"
has A "S37CDF026E Operand missing or invalid (DEFINE STORAGE nnnnnK|nnM)"
# from a running machine (hello370 waits in its Read): reset, CP READ
cmd A "ipl 19f"
has A "${STATUS}VM READ   ALICE"
cmd A "#cp def stor 2m"
has A "STORAGE = 2048K"
has A "${STATUS}CP READ   ALICE"
cmd A "d psw"
has A "PSW = 00000000 00000000"
cmd A "q v"
has A "STORAGE = 2048K"
clr A

# ---- devices ----
cmd A "define rdr 10c"
has A "RDR 10C DEFINED"
cmd A "def punch 10d"
has A "PUN 10D DEFINED"
cmd A "def prt 10e"
has A "PRT 10E DEFINED"
cmd A "def graf 0c5"
has A "GRAF 0C5 DEFINED"
cmd A "def 10c as 20c"
has A "RDR 20C DEFINED"
cmd A "def 10c 30c"
has A "S37CDF040E DEV 10C does not exist"
cmd A "def console 01f"
has A "S37CDF092E DEV 01F not defined; the console is 009"
cmd A "def reader 00c"
has A "S37CDF092E DEV 00C not defined; DEV 00C already defined"
cmd A "def 20c as 00d"
has A "S37CDF092E DEV 00D not defined; DEV 00D already defined"
cmd A "def frob 1"
has A "S37CDF003E Invalid option - FROB"
cmd A "def rdr xyz"
has A "S37CDF022E Virtual device address missing or invalid - XYZ"
clr A
cmd A "def"
has A "S37CDF026E Operand missing or invalid"
cmd A "def t3350 1a0 cyl x"
has A "S37CDF026E Operand missing or invalid (DEFINE T3350 vaddr CYL n)"
cmd A "def t3330 1a0 cyl 1"
has A "S37CDF091E DASD 1A0 not defined; temp space not available"
cmd A "def t3350 1a0 cyl 8"
has A "S37CDF091E DASD 1A0 not defined; temp space not available"
cmd A "q v"
has A "RDR 20C 2540 CL *"
has A "PUN 10D 2540 CL A"
has A "PRT 10E 1403 CL A"
has A "GRAF 0C5 3270 NOT DIALED"
clr A

# ---- a T-disk, written and read by ALICE's guest ----
cmd A "define t3350 as 1a0 cyl 2"
has A "DASD 1A0 DEFINED"
cmd A "q v"
has A "DASD 1A0 3350 T-DISK R/W 2 CYL ON 151 AT CYL 23"
cmd A "store 500 eeeeeeee eeeeeeee eeeeeeee eeeeeeee"
guest A 00000300
cmd A "d 40.8"
has A "000040  00000320 0C000000"
guest A 00000320
cmd A "d 40.8"
has A "000040  00000340 0C000000"
cmd A "d 500.10"
has A "000500  DEADBEEF CAFEF00D 01234567 89ABCDEF"
cmd A "detach 1a0"
has A "1A0 DETACHED"

# ---- BOB's T-disk: the same cylinder, nothing of ALICE's ----
display_connect B 00C1
logon B BOB BOB
has B "Virtual machine of 1024K, privilege classes G."
cmd B "def t3350 1a0 cyl 1"
has B "DASD 1A0 DEFINED"
cmd B "q v"
has B "DASD 1A0 3350 T-DISK R/W 1 CYL ON 151 AT CYL 23"
cmd B "store 500 eeeeeeee eeeeeeee eeeeeeee eeeeeeee"
guest B 00000320
cmd B "d 40.8"
has_re B "^000040  00000330 0E0000"
cmd B "d 500.10"
has B "000500  EEEEEEEE EEEEEEEE EEEEEEEE EEEEEEEE"
guest B 00000300
cmd B "d 40.8"
has B "000040  00000320 0C000000"
guest B 00000320
cmd B "d 500.10"
has B "000500  DEADBEEF CAFEF00D 01234567 89ABCDEF"

# ---- the space: what is free, and LOGOFF gives it back ----
clr A
cmd A "def t3350 1a1 cyl 6"
has A "DASD 1A1 DEFINED"
cmd A "q v"
has A "DASD 1A1 3350 T-DISK R/W 6 CYL ON 151 AT CYL 24"
cmd A "def t3350 1a2 cyl 1"
has A "S37CDF091E DASD 1A2 not defined; temp space not available"
clr B
cmd B "q dasd"
has B "DASD 151 3350 S37U01"
has B "T-DISK SPACE S37U01 CYL 23-29 ON 151: 0 CYL FREE"
cmd A "logoff"
wait_row A 21 " USERID   ===>"
cmd B "q dasd"
has B "T-DISK SPACE S37U01 CYL 23-29 ON 151: 6 CYL FREE"
s3_end A
s3_end B
stop_cp
finish
