#!/bin/bash
# run-arch.sh — run one architecture test program on s370 and check its end PSW.
#
#   run-arch.sh S370 PROGRAM.s PROGRAM.bin
#
# The program is loaded at 0 and started by `restart`; s370 runs with
# --exit-on-wait and prints `PSW=hhhhhhhh hhhhhhhh` when the CPU enters a
# disabled wait.  The expected end PSW is the `# expect: PSW=...` comment of
# PROGRAM.s (see README.md); without one, any disabled wait with IA 0 passes.
# Exit 0 = pass, 1 = fail.
set -u

if [ $# -ne 3 ]; then
	echo "usage: run-arch.sh S370 PROGRAM.s PROGRAM.bin" >&2
	exit 2
fi
s370=$1 src=$2 bin=$3
name=$(basename "$src" .s)
timeout_s=${ARCH_TIMEOUT:-60}

# Directives from the program's comment lines.
directive() { sed -n "s/^#[[:space:]]*$1:[[:space:]]*//p" "$src" | head -n 1 | tr -d '\r'; }
expect=$(directive expect)
s37x=$(directive s37x)
mainsize=$(directive mainsize)

for f in "$s370" "$bin"; do
	if [ ! -e "$f" ]; then
		echo "$name: missing $f" >&2
		exit 1
	fi
done

work=$(mktemp -d "${TMPDIR:-/tmp}/arch-$name.XXXXXX")
trap 'rm -rf "$work"' EXIT

case ${s37x,,} in
on) s37x=ON ;;
*) s37x=OFF ;;
esac
cat >"$work/s370.conf" <<EOF
ARCHMODE S/370
MAINSIZE ${mainsize:-2}
NUMCPU 1
CNSLPORT 0
S37X $s37x
EOF
printf 'loadcore %s 0\nrestart\n' "$(realpath "$bin")" >"$work/run.script"

timeout -k 5 "$timeout_s" "$s370" -f "$work/s370.conf" --script "$work/run.script" \
	--exit-on-wait </dev/null >"$work/out" 2>"$work/err"
rc=$?
got=$(grep -m 1 -o '^PSW=[0-9A-Fa-f]\{8\} [0-9A-Fa-f]\{8\}' "$work/out" | tr a-f A-F)

if [ -z "$got" ]; then
	echo "$name: FAIL: no end PSW (exit status $rc$([ $rc = 124 ] && echo ', timed out'))"
	echo "--- stdout"; tail -n 20 "$work/out"
	echo "--- stderr"; tail -n 20 "$work/err"
	exit 1
fi

if [ -n "$expect" ]; then
	expect=$(echo "$expect" | tr a-f A-F)
	if [ "$got" = "$expect" ]; then
		echo "$name: pass ($got)"
		exit 0
	fi
	echo "$name: FAIL: end $got, expected $expect"
else
	# No expectation given: a disabled wait (bit 14) with IA 0 is success.
	ia=$((16#${got: -6}))
	w=$((16#${got:4:4} & 16#0002))
	if [ $ia -eq 0 ] && [ $w -ne 0 ]; then
		echo "$name: pass ($got)"
		exit 0
	fi
	echo "$name: FAIL: end $got, expected a disabled wait with IA 0"
fi
[ "${got: -6}" != 000000 ] && printf '%s: the failing check is IA X%s%s%s (see the program source)\n' "$name" "'" "${got: -6}" "'"
tail -n 20 "$work/err" >&2
exit 1
