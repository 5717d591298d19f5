# A Hercules 3.13 configuration is accepted unchanged (issue 5): a typical
# hobbyist VM/370 configuration with the usual system statements, consoles,
# 3270s, unit-record devices with options s370 does not emulate (reader and
# printer sockdev, printer rawcc) and device types it does not emulate yet.
# s370 must start, print one warning per option or type it leaves out (the
# line, the device and what is not emulated) and nothing else, and list every
# device in devlist.  DASD statements whose image files do not exist are run
# in a second configuration: today their types are "not yet emulated"
# (a warning); once DASD support lands a missing image is an error naming the
# file.  Either is accepted there, but nothing else.
. "$(dirname "$0")/lib.sh"

mkdir "$T/io"
printf 'CARD\n' > "$T/io/cards.txt"
cat > "$T/vm370.cnf" <<'CNF'
#
# Hercules configuration for VM/370 Release 6
#
CPUSERIAL 012345
CPUMODEL  3148
MAINSIZE  16
XPNDSIZE  0
CNSLPORT  0              # 3270 in real life; 0 keeps the test off the network
NUMCPU    1
MAXCPU    1
LOADPARM  0120....
SYSEPOCH  1900
YROFFSET  -28
TZOFFSET  +0000
PANRATE   SLOW
ARCHMODE  S/370
DIAG8CMD  ENABLE
OSTAILOR  VM
ECPSVM    NO
HTTPPORT  8081
CODEPAGE  default
TIMERINT  50
DEVTMAX   0

# .-----------------------Device number
# |     .-----------------Device type
# |     |       .---------File name and parameters
# V     V       V
# Consoles
0009    3215-C  / noprompt
001F    3215    noprompt
0020.4  3270
00C0    3270    GROUP1
00C1    3270    GROUP1 127.0.0.1
# Unit record
000C    3505    localhost:3505 sockdev ascii trunc eof
000D    3525    io/punch.txt ascii
000E    1403    io/print.txt crlf
000F    3211    io/print2.txt fcbcheck rawcc
0010    1403    localhost:1404 sockdev
0011    3505    io/cards.txt ascii intrq
0012    2501    io/cards.txt
0013    1442    io/cards.txt
0014    3287
# Tapes
0480    3420    *
0481    3480    *
# Channel-to-channel
0E40    3088    CTCT 30880 192.168.1.2 30880 2048
CNF
printf 'devlist\nquit\n' > "$T/run.txt"
(cd "$T" && timeout 10 "$S370" -f vm370.cnf --script run.txt < /dev/null > out 2>&1)
# the messages of the start, before the first command's echo "> devlist"
sed '/^> /,$d' "$T/out" > "$T/err"
expect_rc $? 0 "the VM/370 configuration"
# the options s370 does not emulate: one warning each, naming it
expect_grep "$T/err" "vm370.cnf:36: warning: device 000C 3505: option sockdev is not emulated: the hopper is empty"
expect_grep "$T/err" "vm370.cnf:39: warning: device 000F 3211: option rawcc is not emulated"
expect_grep "$T/err" "vm370.cnf:40: warning: device 0010 1403: option sockdev is not emulated: the output is discarded"
expect_grep "$T/err" "vm370.cnf:7: warning: XPNDSIZE is accepted but has no effect in s370"
# nothing but warnings and the start-up lines
grep -Ev '^vm370\.cnf:[0-9]+: warning: |^s370: ' "$T/err" > "$T/other"
[ -s "$T/other" ] && { fail "unexpected messages"; cat "$T/other"; }
expect_grep "$T/err" "CPU ID 0001234531480000"
# every device is listed: emulated ones with their state, the others "not yet emulated"
for dev in "0009 3215-C" "001F 3215" "0020 3270" "0023 3270" "00C0 3270" "00C1 3270" "000C 3505" \
	"000D 3525" "000E 1403" "000F 3211" "0010 1403" "0011 3505" "0012 2501" "0013 1442" "0014 3287" \
	"0480 3420" "0481 3480" "0E40 3088"; do
	grep -q "^$dev " "$T/out" || fail "devlist lacks $dev"
done
# a type not yet emulated is named in a warning and marked in devlist
for dev in 0012 0013 0014 0E40; do
	if grep -q "^$dev .*(not yet emulated)" "$T/out"; then
		grep -q "warning: device type .* is not yet emulated: $dev not attached" "$T/err" ||
			fail "no warning for $dev"
	fi
done
# the emulated unit-record devices work on their files
expect_grep "$T/out" "000D 3525     io/punch.txt ascii"
expect_grep "$T/out" "000E 1403     io/print.txt crlf"
expect_grep "$T/out" "0011 3505     io/cards.txt [1/1] ascii intrq"
[ -f "$T/io/punch.txt" ] && [ -f "$T/io/print.txt" ] || fail "punch or printer file not created"
[ -e "$T/localhost:1404" ] && fail "a file was created for the socket printer"

# DASD with image files that do not exist yet.
cat > "$T/dasd.cnf" <<'CNF'
ARCHMODE  S/370
MAINSIZE  16
CNSLPORT  0
0009      3215-C
0230      3330    dasd/vm6res.330
0231      3350    dasd/vm6pag.350 sf=dasd/shadow_*.350
0190      3380    dasd/cms.380 ro
0300      3310    dasd/fba.310
CNF
(cd "$T" && timeout 10 "$S370" -f dasd.cnf --script run.txt < /dev/null > derr 2>&1)
rc=$?
# each line in turn: a warning (type not yet emulated), or the error naming its
# image, which ends the configuration (s370 exits 1)
err=0
for l in "5 3330 0230 dasd/vm6res.330" "6 3350 0231 dasd/vm6pag.350" "7 3380 0190 dasd/cms.380" \
	"8 3310 0300 dasd/fba.310"; do
	set -- $l
	if grep -qF "dasd.cnf:$1: warning: device type $2 is not yet emulated: $3 not attached" "$T/derr"; then
		continue
	fi
	grep -q "^dasd.cnf:$1: .*$4" "$T/derr" || { fail "line $1: neither warning nor error naming $4"; cat "$T/derr"; }
	err=1
	break
done
if [ $err = 1 ]; then
	[ "$rc" != 0 ] || fail "a missing DASD image must be an error"
else
	expect_rc $rc 0 "the DASD configuration with DASD not yet emulated"
fi
finish
