# CP under CP: our CP IPLed in a virtual machine of our CP.
#
# BOB's machine (2M) has a copy of the system volume dedicated as its 150.
# IPL 150 brings the inner CP up on BOB's console, which is the inner CP's
# operator console: a line BOB types while the inner CP waits is an
# attention for it, and the line goes to the Read it starts (vio.c).  ALICE
# logs on to the inner CP there and IPLs tests/guest/dattest.c, which turns
# DAT on: the outer CP shadows the inner CP's own V=R address space and
# its guest's, whose tables the inner CP shadows in turn.  The results must
# be those of the bare machine (dattest.expected, as in cp_shadow.sh); both
# CPs' INDICATE USER show their shadows.  Then ALICE talks to hello370 in
# her machine of the inner CP.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
EXPECTED=$(dirname "$0")/dattest.expected
guest_setup dattest 's/^USER BOB BOB 1M 4M G$/USER BOB BOB 2M 4M G\n DEDICATE 150 152/'
cp "$T/sysres.3350" "$T/inner.3350"

# lines RE: how many lines of BOB's terminal match the extended regular expression RE
lines() { tr -d '\r' < "$T/a" | LC_ALL=C sed 's/\xff[\xfb-\xfe].//g' | grep -acxE -- "$1"; }
# to_inner LINE ANSWER: LINE for the inner CP (or its guest), until a line
# matching ANSWER (a regular expression) shows once more.  A line typed while
# the inner CP is not in its wait (it still works on something) is not
# accepted (S37CON009W): it is typed again.
to_inner() {
	local want=$(($(lines "$2") + 1))
	for _ in $(seq 20); do
		local refused=$(grep -ac S37CON009W "$T/a")
		printf '%s\r\n' "$1" >&3
		for _ in $(seq 100); do
			[ "$(lines "$2")" -ge "$want" ] && return 0
			[ "$(grep -ac S37CON009W "$T/a")" -gt "$refused" ] && break
			sleep 0.1
		done
		[ "$(grep -ac S37CON009W "$T/a")" -gt "$refused" ] || break
		sleep 0.2
	done
	fail "the inner CP did not answer '$1' with '$2'"
}

start_cp "001F 3215
0152 3350 $T/inner.3350"
line_logon bob
text "$T/a" "Virtual machine of 2048K, privilege classes G." 100
printf 'ipl 150\r\n' >&3
# the inner CP's start, on BOB's console: its devices are BOB's machine's
text "$T/a" "s370 CP 0.1: IPL from 150, 2048K real storage, 8 devices" 100
text "$T/a" "  150  3350  DASD S37RES"
text "$T/a" "  009  3215  console"
text "$T/a" "Paging area: S37RES cylinders 10-29, 2400 pages"
text "$T/a" "CP ready" 100
# ALICE logs on to the inner CP at its operator's console
to_inner "logon alice" "ENTER PASSWORD:"
to_inner alice "LOGON ALICE USERS = 1  AT 009"
to_inner "ipl 192" "DAT TEST"
for _ in $(seq 300); do
	tr -d '\r' < "$T/a" | grep -a -q "^DAT: " && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -a -E "^(DAT|D[0-9][0-9])[ :]" > "$T/vm.out"
diff "$EXPECTED" "$T/vm.out" > "$T/vm.diff" || { fail "dattest under CP under CP differs:"; cat "$T/vm.diff"; }
text "$T/a" "S37VMS023I Disabled wait state: PSW address 000E0D, code 0000" 50

# the inner CP's INDICATE USER (ALICE's machine), then the outer's (BOB's: #CP)
to_inner "indicate user" "SHADOW PURGES=.*"
printf '#cp indicate user\r\n' >&3
for _ in $(seq 100); do [ "$(tr -d '\r' < "$T/a" | grep -a -c "^SHADOW PURGES=")" -ge 2 ] && break; sleep 0.1; done
tr -d '\r' < "$T/a" | grep -a -E "^(USERID=|SHADOW TABLES|SHADOW PURGES)" > "$T/ind"
cat "$T/ind"
sed -n 1p "$T/ind" | grep -a -q "^USERID=ALICE " || fail "the inner CP's INDICATE USER is not ALICE's"
sed -n 4p "$T/ind" | grep -a -q "^USERID=BOB " || fail "the outer CP's INDICATE USER is not BOB's"
# the inner CP reflected dattest's own exceptions (11, as in cp_shadow.sh)
sed -n 3p "$T/ind" | grep -a -qE "^SHADOW PURGES=[0-9]+, DROPPED=[0-9]+, GUEST TRANSLATION EXCEPTIONS=11$" ||
	fail "inner: $(sed -n 3p "$T/ind")"
# the outer CP shadowed at least the inner CP's space and the inner CP's shadows of dattest's
outer=$(sed -n 5p "$T/ind")
made=$(printf '%s\n' "$outer" | sed -n 's/.*(MADE \([0-9]*\),.*/\1/p')
filled=$(printf '%s\n' "$outer" | sed -n 's/.*FILLED=\([0-9]*\)$/\1/p')
[ "${made:-0}" -ge 2 ] || fail "outer shadow spaces made: ${made:-none} ($outer)"
[ "${filled:-0}" -ge 50 ] || fail "outer shadow entries filled: ${filled:-none} ($outer)"
# and a conversation two levels down: hello370 on the inner CP's 19F reads
# its console (the inner CP's Read of the line BOB's console gives it)
to_inner "ipl 19f" "ENTER A LINE:"
text "$T/a" "HELLO FROM A VIRTUAL MACHINE. TYPE A LINE; TIME ASKS CP; QUIT ENDS."
to_inner "two levels down" "YOU TYPED: two levels down"
to_inner quit "GOODBYE\."
expect_no_grep "$T/err" "program check"
expect_no_grep "$T/a" "not simulated"
line_close
stop_cp
finish
