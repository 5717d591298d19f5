# A good configuration with the usual Hercules statements; the default
# configuration beside the executable; built-in defaults.
. "$(dirname "$0")/lib.sh"

cat > "$T/good.cnf" <<CNF
# Hercules-style configuration
ARCHMODE S/370
MAINSIZE 2            # megabytes
NUMCPU 1
CPUSERIAL 012345
CPUMODEL 3148
CPUVERID FD
CNSLPORT 3270
PANRATE 50
LOADPARM vm
DEFSYM DASD "$T"
0009 3215
00C0.2 3270
0190-0191 3330 \$(DASD)/vm.\$(CUU)
CNF
# the two 3330 volumes: a CKD header and 404 empty cylinders (sparse files)
for cuu in 190 191; do
	{ printf 'CKD_P370\023\000\000\000\000\064\000\000\060'; head -c 495 /dev/zero; } > "$T/vm.$cuu"
	truncate -s $((512 + 404 * 19 * 13312)) "$T/vm.$cuu"
done
printf 'archmode\ndevlist\nr 1FFFF0\nr 200000\nloadparm\n' |
	timeout 10 "$S370" -f "$T/good.cnf" > "$T/out" 2>&1
expect_rc $? 0 "good config"
expect_grep "$T/out" "s370: configuration $T/good.cnf"
expect_grep "$T/out" "$T/good.cnf:9: warning: PANRATE is accepted but has no effect in s370"
expect_grep "$T/out" "0009 3215     telnet (no client) lines out 0 in 0" # a telnet console (CNSLPORT)
expect_grep "$T/out" "2M main storage"
expect_grep "$T/out" "CPU ID FD01234531480000"
expect_grep "$T/out" "ARCHMODE S/370"
expect_grep "$T/out" "00C1 3270"
expect_grep "$T/out" "0191 3330     $T/vm.191 [404 cyls]"
expect_grep "$T/out" "R:001FFFF0  00000000 00000000 00000000 00000000  *................*"
expect_grep "$T/out" "r: address 200000 is beyond main storage (2M)"
expect_grep "$T/out" "LOADPARM=VM"

# No -f: built-in defaults when no s370.cnf sits beside the program.
mkdir "$T/bin"
cp "$S370" "$T/bin/s370"
echo quit | timeout 10 "$T/bin/s370" > "$T/out" 2>&1
expect_rc $? 0 "defaults"
expect_grep "$T/out" "s370: no configuration file, built-in defaults (MAINSIZE 16, S37X ON, ARCHMODE S/370)"
expect_grep "$T/out" "16M main storage, S37X ON"

# ... and s370.cnf beside it when there is one.
printf 'MAINSIZE 4\nS37X OFF\n' > "$T/bin/s370.cnf"
echo quit | timeout 10 "$T/bin/s370" > "$T/out" 2>&1
expect_rc $? 0 "s370.cnf"
expect_grep "$T/out" "s370: configuration $T/bin/s370.cnf"
expect_grep "$T/out" "4M main storage, S37X OFF"

finish
