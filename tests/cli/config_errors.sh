# A bad configuration line: FILE:LINE: message on stderr, exit status 1.
. "$(dirname "$0")/lib.sh"

check() { # CONFIG-TEXT EXPECTED-MESSAGE
	printf '%b' "$1" > "$T/c.cnf"
	timeout 10 "$S370" -f "$T/c.cnf" < /dev/null > "$T/out" 2> "$T/err"
	expect_rc $? 1 "$1"
	expect_grep "$T/err" "$2"
}

check 'ARCHMODE ESA/390\n' "$T/c.cnf:1: ARCHMODE ESA/390 is not supported: s370 emulates System/370 only"
check '# comment\narchmode z/Arch\n' "$T/c.cnf:2: ARCHMODE z/Arch is not supported: s370 emulates System/370 only"
check 'MAINSIZE 64\n' "$T/c.cnf:1: MAINSIZE 64: expected a number of megabytes from 1 to 16"
check '\n\nNUMCPU 2\n' "$T/c.cnf:3: NUMCPU 2: s370 emulates one CPU: expected 1"
check 'CPUSERIAL XYZ\n' "$T/c.cnf:1: CPUSERIAL XYZ: expected 1 to 6 hexadecimal digits"
check 'BOGUS 1\n' "$T/c.cnf:1: unknown statement BOGUS"
check '0009\n' "$T/c.cnf:1: device 0009: expected a device type after the address"
check 'INCLUDE missing.cnf\n' "$T/c.cnf:1: INCLUDE missing.cnf: No such file or directory"
check 'S37X \001\n' "$T/c.cnf:1: expected text, found control character X'01' in column 6"

# a missing file
timeout 10 "$S370" -f "$T/none.cnf" < /dev/null > "$T/out" 2> "$T/err"
expect_rc $? 1 "missing file"
expect_grep "$T/err" "$T/none.cnf: No such file or directory"

# random bytes: an error, never a crash
head -c 4096 /dev/urandom > "$T/c.cnf"
timeout 10 "$S370" -f "$T/c.cnf" < /dev/null > "$T/out" 2> "$T/err"
expect_rc $? 1 "random bytes"

# bad options
timeout 10 "$S370" --bogus < /dev/null > "$T/out" 2> "$T/err"
expect_rc $? 1 "--bogus"
expect_grep "$T/err" "s370: unknown option --bogus"

finish
