#!/bin/bash
# run-bench.sh — run benchmark workloads on s370 and on Hercules 3.13 in the
# same run and print, for each, both times and their ratio (see README.md).
#
#   run-bench.sh S370 WORKDIR PROGRAM.s...
#
# Each PROGRAM.s is a bare S/370 program: assembled, linked at 0, loaded by
# `loadcore NAME.bin 0`, started by `restart`; a disabled wait with IA 0 is
# success.  Both machines get the same treatment (MAINSIZE 2, S/370, one CPU)
# and are timed the same way: from the echo of the `restart` command to the
# report of the disabled wait, read from the program's output as it comes.
#  - s370 (`--exit-on-wait`): from its "> restart" echo to its "PSW=..." line
#    (its start-up, a few milliseconds, is left out).
#  - Hercules (`-d`): from its restart message HHCPN038I to its disabled-wait
#    message HHCCP011I (its start-up of about one second is left out).
#    OSTAILOR QUIET, so that it does not log each program interruption.
# Each machine runs each program BENCH_REPEAT times, one run after the other,
# never two at once, alternating the machines; the minimum of each is shown.
# Output: a `host:` line, then per program
#   NAME: s370_seconds=S hercules_seconds=H ratio=H/S
# Environment: HERCULES (default `hercules`), BENCH_TIMEOUT (seconds per run,
# 600), BENCH_REPEAT (runs per machine and program, 3).
set -u

if [ $# -lt 3 ]; then
	echo "usage: run-bench.sh S370 WORKDIR PROGRAM.s..." >&2
	exit 2
fi
s370=$1 work=$2
shift 2
hercules=${HERCULES:-hercules}
timeout_s=${BENCH_TIMEOUT:-600}
repeat=${BENCH_REPEAT:-3}

if [ ! -x "$s370" ]; then
	echo "run-bench: error: s370 program not found: $s370" >&2
	exit 1
fi
mkdir -p "$work" || exit 1
work=$(realpath "$work")
for t in s390x-linux-gnu-as s390x-linux-gnu-ld s390x-linux-gnu-objcopy; do
	if ! command -v $t >/dev/null 2>&1; then
		echo "run-bench: error: $t not found (Debian package binutils-s390x-linux-gnu)" >&2
		exit 1
	fi
done
have_hercules=1
command -v "$hercules" >/dev/null 2>&1 || have_hercules=0

# ---- helpers -------------------------------------------------------------------
# Seconds between two $EPOCHREALTIME readings.
elapsed() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.3f", b - a }'; }
# The smaller of two times ("" = none yet).
minimum() { if [ -z "$1" ]; then echo "$2"; else awk -v a="$1" -v b="$2" 'BEGIN { print (b < a) ? b : a }'; fi; }
# Success is a disabled wait with IA 0.
check_psw() {
	local who=$1 psw=$2
	if [ -z "$psw" ]; then
		echo "run-bench: error: $who did not reach a disabled wait" >&2
		return 1
	fi
	if [ "${psw: -6}" != 000000 ]; then
		echo "run-bench: error: $who ended with PSW=$psw (see the program's header for its IA)" >&2
		return 1
	fi
}
psw_re='^[[:space:]]*PSW=([0-9A-Fa-f]{8} [0-9A-Fa-f]{8})[[:space:]]*$'

cat >"$work/s370.conf" <<EOF
ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT 0
S37X OFF
EOF
cat >"$work/herc.conf" <<EOF
ARCHMODE S/370
MAINSIZE 2
NUMCPU 1
CNSLPORT 0
OSTAILOR QUIET
0009 3215
EOF

# run_s370 BIN LOG CONF: sets run_s (seconds) or returns 1.
run_s370() {
	local bin=$1 log=$2 conf=$3 t0='' t1='' psw='' line
	printf 'loadcore %s 0\nrestart\n' "$bin" >"$log.script"
	: >"$log"
	while IFS= read -r line; do
		[ "$line" = "> restart" ] && t0=$EPOCHREALTIME
		if [ -z "$psw" ] && [[ $line =~ $psw_re ]]; then
			t1=$EPOCHREALTIME
			psw=${BASH_REMATCH[1]}
		fi
		printf '%s\n' "$line" >>"$log"
	done < <(timeout -k 5 "$timeout_s" "$s370" -f "$conf" --script "$log.script" \
		--exit-on-wait </dev/null 2>&1)
	if [ -z "$t0" ] || ! check_psw s370 "$psw"; then
		tail -n 5 "$log" >&2
		return 1
	fi
	run_s=$(elapsed "$t0" "$t1")
}

# run_hercules BIN LOG CONF: sets run_s (seconds) or returns 1.
run_hercules() {
	local bin=$1 log=$2 conf=$3 t0='' t1='' psw='' line fd pid
	# Hercules in daemon mode reads no commands from stdin.  Its own `quit`
	# may drop log lines still on their way out (the wait PSW among them),
	# so the automatic operator shows the PSW again with `psw` and we stop
	# Hercules (SIGTERM, SIGKILL 5 s later) once a PSW line has been read.
	printf 'hao tgt HHCCP011I\nhao cmd psw\nloadcore %s 0\nrestart\n' "$bin" >"$log.rc"
	: >"$log"
	exec {fd}< <(cd "$work" && HERCULES_RC="$log.rc" exec timeout -k 5 "$timeout_s" \
		"$hercules" -d -f "$conf" </dev/null 2>&1)
	pid=$!
	while IFS= read -r line <&"$fd"; do
		case $line in
		HHCPN038I*) t0=$EPOCHREALTIME ;;
		HHCCP011I*) t1=$EPOCHREALTIME ;;
		esac
		if [ -n "$t1" ] && [ -z "$psw" ] && [[ $line =~ $psw_re ]]; then
			psw=${BASH_REMATCH[1]}
			kill "$pid" 2>/dev/null
		fi
		printf '%s\n' "$line" >>"$log"
	done
	exec {fd}<&-
	if [ -z "$t0" ] || [ -z "$t1" ] || ! check_psw Hercules "$psw"; then
		tail -n 5 "$log" >&2
		return 1
	fi
	run_s=$(elapsed "$t0" "$t1")
}

# ---- host ----------------------------------------------------------------------
cpu=$(sed -n 's/^model name[[:space:]]*:[[:space:]]*//p' /proc/cpuinfo 2>/dev/null | head -n 1)
cores=$(grep -c '^processor' /proc/cpuinfo 2>/dev/null)
echo "host: cpu=\"${cpu:-unknown}\" cores=${cores:-?} (times: minimum of $repeat runs each)"

# ---- the workloads -------------------------------------------------------------
status=0
for src in "$@"; do
	name=$(basename "$src" .s)
	if [ ! -f "$src" ]; then
		echo "run-bench: error: $name: program not found: $src" >&2
		status=1
		continue
	fi
	bin=$work/$name.bin
	failed=0
	if ! { s390x-linux-gnu-as -m31 -o "$work/$name.o" "$src" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$work/$name.elf" "$work/$name.o" &&
		s390x-linux-gnu-objcopy -O binary "$work/$name.elf" "$bin"; }; then
		echo "run-bench: error: $name: cannot assemble $src" >&2
		status=1
		continue
	fi
	# DASD the program asks for ("# bench-dasd: ADDR TYPE CYLINDERS"): a fresh
	# image for each machine, made by Hercules' dasdinit so that both start
	# from the same bytes.
	cp "$work/s370.conf" "$work/$name.s370.conf"
	cp "$work/herc.conf" "$work/$name.herc.conf"
	while read -r addr type cyls; do
		[ -n "$addr" ] || continue
		for m in s370 herc; do
			img=$work/$name.$addr.$m.$type
			rm -f "$img"
			if ! dasdinit "$img" "$type" BENCH "$cyls" >"$img.log" 2>&1; then
				echo "run-bench: error: $name: dasdinit $type $cyls failed (see $img.log)" >&2
				failed=1
			fi
			echo "$addr $type $img" >>"$work/$name.$m.conf"
		done
	done < <(sed -n 's/^#[[:space:]]*bench-dasd:[[:space:]]*\([0-9A-Fa-f]\{3,4\} [0-9A-Za-z-]* [0-9]*\)[[:space:]]*$/\1/p' "$src")
	s_min='' h_min='' failed=${failed:-0}
	for ((k = 1; k <= repeat && failed == 0; k++)); do
		echo "run-bench: $name: run $k of $repeat on s370 ..." >&2
		if ! run_s370 "$bin" "$work/$name.s370.log" "$work/$name.s370.conf"; then
			failed=1
			break
		fi
		s_min=$(minimum "$s_min" "$run_s")
		[ $have_hercules = 1 ] || continue
		echo "run-bench: $name: run $k of $repeat on Hercules ..." >&2
		if ! run_hercules "$bin" "$work/$name.herc.log" "$work/$name.herc.conf"; then
			failed=1
			break
		fi
		h_min=$(minimum "$h_min" "$run_s")
	done
	if [ $failed = 1 ]; then
		echo "$name: FAILED (logs in $work)"
		status=1
		continue
	fi
	if [ $have_hercules = 0 ]; then
		echo "$name: s370_seconds=$s_min hercules_seconds=n/a ratio=n/a ($hercules is not installed)"
		continue
	fi
	ratio=$(awk -v h="$h_min" -v s="$s_min" 'BEGIN { if (s > 0) printf "%.2f", h / s; else print "inf" }')
	echo "$name: s370_seconds=$s_min hercules_seconds=$h_min ratio=$ratio"
done
exit $status
