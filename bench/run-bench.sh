#!/bin/bash
# run-bench.sh — run the shared CPU mix benchmark on s370 and on Hercules 3.13
# in the same run and print both times and their ratio (see README.md).
#
#   run-bench.sh S370 MIX.s WORKDIR
#
# Both machines get the same treatment: MAINSIZE 2, `loadcore mix.bin 0`,
# `restart`, and the time until the disabled wait; IA 0 is success.
#  - s370: wall time of `s370 --exit-on-wait` (start-up included; it is a
#    few milliseconds).
#  - Hercules: from its "restart key depressed" message to its disabled-wait
#    message, read as they are logged (its ~1 s start-up is left out).
# Environment: HERCULES (default `hercules`), BENCH_TIMEOUT (seconds, 600).
set -u

if [ $# -ne 3 ]; then
	echo "usage: run-bench.sh S370 MIX.s WORKDIR" >&2
	exit 2
fi
s370=$1 src=$2 work=$3
hercules=${HERCULES:-hercules}
timeout_s=${BENCH_TIMEOUT:-600}

if [ ! -f "$src" ]; then
	echo "run-bench: error: benchmark program not found: $src" >&2
	echo "run-bench: it is the shared mix.s (shared/bench/mix.s beside the work tree); it is not copied here" >&2
	exit 1
fi
if [ ! -x "$s370" ]; then
	echo "run-bench: error: s370 program not found: $s370" >&2
	exit 1
fi
mkdir -p "$work" || exit 1
work=$(realpath "$work")

# ---- assemble ----------------------------------------------------------------
for t in s390x-linux-gnu-as s390x-linux-gnu-ld s390x-linux-gnu-objcopy; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "run-bench: error: $t not found (Debian package binutils-s390x-linux-gnu)" >&2
		exit 1
	fi
done
s390x-linux-gnu-as -m31 -o "$work/mix.o" "$src" &&
	s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$work/mix.elf" "$work/mix.o" &&
	s390x-linux-gnu-objcopy -O binary "$work/mix.elf" "$work/mix.bin" || {
	echo "run-bench: error: cannot assemble $src" >&2
	exit 1
}

# Seconds between two $EPOCHREALTIME readings.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# Success is a disabled wait with IA 0.
check_psw() {
	local who=$1 psw=$2
	if [ -z "$psw" ]; then
		echo "run-bench: error: $who did not reach a disabled wait" >&2
		return 1
	fi
	if [ "${psw: -6}" != 000000 ]; then
		echo "run-bench: error: $who ended with PSW=$psw (IA BAD: wrong result, DEA: program interruption)" >&2
		return 1
	fi
}

# ---- s370 --------------------------------------------------------------------
cat >"$work/s370.conf" <<EOF
ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT 0
S37X OFF
EOF
printf 'loadcore %s 0\nrestart\n' "$work/mix.bin" >"$work/s370.script"
echo "run-bench: running mix.s on s370 ..."
t0=$EPOCHREALTIME
timeout -k 5 "$timeout_s" "$s370" -f "$work/s370.conf" --script "$work/s370.script" \
	--exit-on-wait </dev/null >"$work/s370.out" 2>"$work/s370.err"
t1=$EPOCHREALTIME
s370_psw=$(grep -m 1 -o 'PSW=[0-9A-Fa-f]\{8\} [0-9A-Fa-f]\{8\}' "$work/s370.out" | cut -c5-)
if ! check_psw s370 "$s370_psw"; then
	tail -n 5 "$work/s370.err" >&2
	exit 1
fi
s370_s=$(elapsed "$t0" "$t1")
echo "s370_seconds=$s370_s"

# ---- Hercules ----------------------------------------------------------------
if ! command -v "$hercules" >/dev/null 2>&1; then
	echo "hercules_seconds=n/a ($hercules is not installed)"
	exit 0
fi
cat >"$work/herc.conf" <<EOF
ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT 0
0009 3215
EOF
# Hercules in daemon mode reads no commands from stdin: the automatic
# operator quits it on the disabled-wait message.
cat >"$work/herc.rc" <<EOF
hao tgt HHCCP011I
hao cmd quit
loadcore $work/mix.bin 0
restart
EOF
echo "run-bench: running mix.s on Hercules ..."
h0= h1= herc_psw=
: >"$work/herc.out"
while IFS= read -r line; do
	case $line in
	HHCPN038I*) h0=$EPOCHREALTIME ;;
	HHCCP011I*) h1=$EPOCHREALTIME ;;
	esac
	if [ -n "$h1" ] && [ -z "$herc_psw" ] && [[ $line =~ ^[[:space:]]*PSW=([0-9A-Fa-f]{8}\ [0-9A-Fa-f]{8})[[:space:]]*$ ]]; then
		herc_psw=${BASH_REMATCH[1]}
	fi
	printf '%s\n' "$line" >>"$work/herc.out"
done < <(cd "$work" && HERCULES_RC="$work/herc.rc" timeout -k 5 "$timeout_s" \
	"$hercules" -d -f "$work/herc.conf" </dev/null 2>&1)
if [ -z "$h0" ] || ! check_psw Hercules "$herc_psw"; then
	tail -n 5 "$work/herc.out" >&2
	exit 1
fi
herc_s=$(elapsed "$h0" "$h1")
echo "hercules_seconds=$herc_s"
awk -v h="$herc_s" -v s="$s370_s" 'BEGIN {
	if (s > 0) printf "ratio = hercules_seconds / s370_seconds = %.2f\n", h / s
}'
