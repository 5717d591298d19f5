#!/usr/bin/env bash
# load.sh — the load benchmark of our CP: N users at TN3270 displays, each
# logged on and typing at an interactive guest in its virtual machine
# (tests/guest/echoguest.c), timed by bench/tnload.c -L.  See bench/README.md.
#
#   bench/load.sh [-b BUILD] [-d SECONDS] [-I SECONDS] [-S SPINNERS] [-T MS] [-m MEGABYTES] [-f FIRST] [-3] [-k] N...
#
#   -b BUILD     the build directory (s370, bench/tnload, tools/, cp/cpnuc.bin,
#                tests/guest/echoguest.bin); default: build beside this script
#   -d SECONDS   the run: users type, think, type (10)
#   -I SECONDS   the idle phase afterwards: all logged on, nothing typed (5)
#   -S SPINNERS  CPU-bound users besides the N (their guests loop) (0)
#   -T MS        mean think time between a user's answer and its next line (1000)
#   -m MEGABYTES the machine's real storage (16: S/370's most)
#   -f FIRST     the users are USER<FIRST> on (the directory still starts at USER001:
#                -f 450 tests a directory of more than one cylinder with few displays)
#   -3           plain TN3270 instead of TN3270E
#   -k           keep the work directory (printed), with the console log
#
# For each N: a system volume of its own (as the build makes
# dasd/s37res.3350: dasd init, mksysvol with CP's nucleus, direct write)
# with a directory of N+SPINNERS users USER001... (password PW001...; each
# 1M, CONSOLE 009, MDISK 192 on cylinder 6, read-only: the echo guest; the
# directory takes cylinder 2, and 3-5 for more than 419 users; paging 10-29),
# s370 with N+SPINNERS 3270s at 0400 upwards (channels 4, 5, ...), IPL of CP,
# then tnload.  Prints tnload's line, then
#     load: users=N p50=... p99=... max=... cpu=...% idle_cpu=...%
# Exit status 1 when a run failed (tnload's reason on stderr, the console log
# kept).
set -u
HERE=$(cd "$(dirname "$0")" && pwd)
B=$HERE/../build SECS=10 IDLE=5 SPIN=0 THINK=1000 MEG=16 E=-e KEEP= FIRST=1
while getopts b:d:I:S:T:m:f:3k opt; do
	case $opt in
	b) B=$OPTARG ;;
	d) SECS=$OPTARG ;;
	I) IDLE=$OPTARG ;;
	S) SPIN=$OPTARG ;;
	T) THINK=$OPTARG ;;
	m) MEG=$OPTARG ;;
	f) FIRST=$OPTARG ;;
	3) E= ;;
	k) KEEP=1 ;;
	*) sed -n '5,20p' "$0" >&2; exit 2 ;;
	esac
done
shift $((OPTIND - 1))
[ $# -gt 0 ] || { echo "load.sh: which N? (e.g. bench/load.sh 50 200 500)" >&2; exit 2; }
S370=$B/s370 TNLOAD=$B/bench/tnload DIRECT=$B/tools/direct MKSYSVOL=$B/tools/mksysvol DASD=$B/tools/dasd
NUC=$B/cp/cpnuc.bin GUEST=$B/tests/guest/echoguest.bin
for f in "$S370" "$TNLOAD" "$DIRECT" "$MKSYSVOL" "$DASD" "$NUC" "$GUEST"; do
	[ -e "$f" ] || { echo "load.sh: $f is missing (build first: cmake --build $B)" >&2; exit 2; }
done
T=$(mktemp -d /tmp/cpload.XXXXXX)
S370_PID= TNL_PID=
cleanup() {
	[ -n "$TNL_PID" ] && kill "$TNL_PID" 2>/dev/null
	[ -n "$S370_PID" ] && kill "$S370_PID" 2>/dev/null && wait "$S370_PID" 2>/dev/null
	if [ -n "$KEEP" ]; then echo "load.sh: work directory $T" >&2; else rm -rf "$T"; fi
}
trap cleanup EXIT
trap 'exit 130' INT TERM
rc=0

# directory USERS: the directory source for USER001..USERnnn
directory() {
	printf '* the load benchmark'"'"'s users (bench/load.sh)\nPAGING S37RES 10 20\n'
	printf 'USER OPERATOR OPERATOR 2M 16M ABCDEFG\n CONSOLE 009 3215\n'
	for k in $(seq "$1"); do
		printf 'USER USER%03d PW%03d 1M 1M G\n CONSOLE 009 3215\n MDISK 192 3350 6 1 S37RES RR\n' "$k" "$k"
	done
}

for N in "$@"; do
	USERS=$((N + SPIN))
	[ "$(ulimit -Sn)" -ge $((USERS * 2 + 64)) ] || ulimit -Sn $((USERS * 2 + 64)) 2>/dev/null
	directory $((FIRST + USERS - 1)) > "$T/user.direct"
	{ "$DASD" init -f "$T/sysres.3350" 3350 S37RES 30 && "$MKSYSVOL" "$T/sysres.3350" "$NUC" &&
		"$DIRECT" write "$T/user.direct" "$T/sysres.3350" &&
		"$MKSYSVOL" --minidisk 6 "$T/sysres.3350" "$GUEST"; } > "$T/vol.out" 2>&1 ||
		{ echo "load.sh: the system volume for $USERS users: $(cat "$T/vol.out")" >&2; exit 1; }
	# the displays: 0400 upwards, at most 256 a channel
	DEVS=
	left=$USERS ch=4
	while [ "$left" -gt 0 ]; do
		take=$((left > 256 ? 256 : left))
		DEVS="$DEVS$(printf '%02X00.%d 3270' "$ch" "$take")"$'\n'
		left=$((left - take)) ch=$((ch + 1))
	done
	started=
	for _ in 1 2 3 4 5; do
		PORT=$((20000 + RANDOM % 30000))
		{
			printf 'ARCHMODE S/370\nMAINSIZE %s\nNUMCPU 1\nS37X ON\nCNSLPORT %s\nTN3270MAX %d\n' "$MEG" "$PORT" \
				$((USERS + 8))
			printf '0009 3215-C\n0150 3350 %s\n%s' "$T/sysres.3350" "$DEVS"
		} > "$T/t.cnf"
		rm -f "$T/op"
		mkfifo "$T/op"
		"$S370" -f "$T/t.cnf" --exit-on-wait < "$T/op" > "$T/out" 2> "$T/err" &
		S370_PID=$!
		exec {OP}> "$T/op"
		for _ in $(seq 50); do
			grep -q "console port" "$T/err" 2>/dev/null && break
			sleep 0.1
		done
		grep -q "console port 127.0.0.1:$PORT " "$T/err" && { started=1; break; }
		exec {OP}>&-
		wait "$S370_PID"
		S370_PID=
	done
	[ -n "$started" ] || { echo "load.sh: s370 did not start: $(cat "$T/err")" >&2; exit 1; }
	echo "ipl 0150" >&$OP
	for _ in $(seq 300); do
		grep -q "CP ready" "$T/err" && break
		sleep 0.1
	done
	grep -q "CP ready" "$T/err" || { echo "load.sh: CP did not come up; its console:" >&2; cat "$T/err" >&2; KEEP=1; exit 1; }
	"$TNLOAD" -L -p "$PORT" -n "$USERS" -S "$SPIN" -d "$SECS" -I "$IDLE" -T "$THINK" -P "$S370_PID" -f "$FIRST" $E \
		> "$T/tnload.out" 2> "$T/tnload.err" &
	TNL_PID=$!
	wait $TNL_PID
	trc=$?
	TNL_PID=
	cat "$T/tnload.out"
	if [ $trc -ne 0 ]; then
		rc=1 KEEP=1
		cat "$T/tnload.err" >&2
	fi
	# the summary line: users=N, the response times, the CPU
	sed -n 's/^load: .*\(p50=[^ ]*\) \(p99=[^ ]*\) \(max=[^ ]*\).*\(cpu=[^ ]*\) \(idle_cpu=[^ ]*\)$/\1 \2 \3 \4 \5/p' \
		"$T/tnload.out" | sed "s/^/load: users=$N spinners=$SPIN /"
	echo quit >&$OP
	exec {OP}>&-
	wait "$S370_PID"
	S370_PID=
	grep -q "PSW=" "$T/out" && { echo "load.sh: CP stopped: $(cat "$T/out")" >&2; rc=1 KEEP=1; }
done
exit $rc
