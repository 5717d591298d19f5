# Console commands from stdin: register and storage displays, errors, --log,
# EOF = quit.
. "$(dirname "$0")/lib.sh"

bin "$T/data.bin" "C8859393 96404040 F1F2F3"
cat > "$T/cmds" <<CMDS
gpr 3=12345678
gpr
cr
loadcore $T/data.bin 100
r 100.B
r 200=CAFE
r 200.2
r 1000000
r 100-zz
psw ia=1000 key=5
psw
frobnicate
maxrates
savecore $T/save.bin 100 10A
CMDS
timeout 10 "$S370" --log "$T/log" < "$T/cmds" > "$T/out" 2>&1
expect_rc $? 0 "console"
for f in "$T/out" "$T/log"; do
	expect_grep "$f" "GR00=00000000 GR01=00000000 GR02=00000000 GR03=12345678"
	expect_grep "$f" "GR12=00000000 GR13=00000000 GR14=00000000 GR15=00000000"
	expect_grep "$f" "CR00=000000E0 CR01=00000000 CR02=FFFFFFFF CR03=00000000"
	expect_grep "$f" "R:00000100  C8859393 96404040 F1F2F3             *Hello   123*"
	expect_grep "$f" "R:00000200  CAFE                                 *..*"
	expect_grep "$f" "r: address 1000000 is beyond main storage (16M)"
	expect_grep "$f" "r: zz is not a hexadecimal address"
	expect_grep "$f" "PSW=00500000 00001000"
	expect_grep "$f" "frobnicate: unknown command (help lists them)"
	expect_grep "$f" "MIPS"
done
cmp -s "$T/save.bin" "$T/data.bin" || fail "savecore did not write the loaded bytes"

# help lists every command
echo help | timeout 10 "$S370" > "$T/out" 2>&1
for c in start stop restart ipl psw gpr cr fpr r v loadcore savecore pause script maxrates t+ t- ext sysreset sysclear archmode devlist help quit exit; do
	grep -q "^  $c " "$T/out" || fail "help lacks $c"
done

# ipl without channels
echo 'ipl 0190' | timeout 10 "$S370" > "$T/out" 2>&1
expect_grep "$T/out" "ipl: no device 0190"

finish
