# lib.sh — shared by the command-line tests: sourced with the program path in $1.
set -u
S370=$1
# The default system (no -f) would IPL CP by its s370.rc: the tests want the bare machine.
export HERCULES_RC=
T=$(mktemp -d /tmp/s370cli.XXXXXX)
trap 'rm -rf "$T"' EXIT
FAILS=0

fail() {
	echo "FAIL: $*"
	FAILS=$((FAILS + 1))
}

# expect_grep FILE PATTERN (fixed string)
expect_grep() {
	grep -qF -- "$2" "$1" || { fail "$1 lacks: $2"; echo "--- $1:"; cat "$1"; }
}

expect_no_grep() {
	! grep -qF -- "$2" "$1" || fail "$1 has: $2"
}

expect_rc() {
	[ "$1" = "$2" ] || fail "$3: exit status $1, expected $2"
}

# run NAME EXPECTED-RC CMD...: stdout+stderr to $T/NAME.out, status checked
run() {
	_n=$1 _rc=$2
	shift 2
	"$@" > "$T/$_n.out" 2>&1
	expect_rc $? "$_rc" "$_n"
}

# same FILE TEXT: the file is exactly TEXT (and a newline)
same() {
	printf '%s\n' "$2" > "$T/want"
	cmp -s "$T/want" "$1" || { fail "$1 differs"; diff "$T/want" "$1"; }
}

# bin FILE HEX: write the bytes given in hex (blanks allowed).  Plain sh:
# xxd is not in the package list, and dash's printf knows octal escapes only.
bin() {
	_hex=$(printf '%s' "$2" | tr -d ' ')
	: > "$1"
	while [ -n "$_hex" ]; do
		_b=${_hex%"${_hex#??}"}
		_hex=${_hex#??}
		printf "\\$(printf '%03o' "0x$_b")" >> "$1"
	done
}

finish() {
	if [ "$FAILS" -ne 0 ]; then
		echo "$FAILS failure(s)"
		exit 1
	fi
	echo "ok"
	exit 0
}
