#!/usr/bin/env bash
# tnload.sh — the TN3270 load benchmark: s370 with N displays running
# bench/tnecho.s, and bench/tnload.c's N clients pressing Enter for a while.
#
#   tnload.sh S370 TNLOAD TNECHO.BIN "N..." SECONDS [tnload options: -e, -T MS]
#
# Prints one line per N (see tnload.c); exit status 1 if a run failed.
set -u
S370=$1 TNLOAD=$2 BIN=$3 COUNTS=$4 SECS=$5
shift 5
T=$(mktemp -d /tmp/tnload.XXXXXX)
trap 'rm -rf "$T"' EXIT
rc=0
for N in $COUNTS; do
	[ "$(ulimit -Sn)" -ge $((N * 2 + 64)) ] || ulimit -Sn $((N * 2 + 64)) 2>/dev/null
	for _ in 1 2 3 4 5; do
		PORT=$((20000 + RANDOM % 30000))
		printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT %s\nTN3270MAX %d\n0100.%d 3270\n' \
			"$PORT" $((N + 8)) "$N" > "$T/t.cnf"
		printf 'loadcore %s 0\nrestart\n' "$BIN" > "$T/run.txt"
		"$S370" -f "$T/t.cnf" --script "$T/run.txt" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err" &
		PID=$!
		for _ in $(seq 50); do
			grep -q "console port" "$T/err" 2>/dev/null && break
			sleep 0.1
		done
		grep -q "console port 127.0.0.1:$PORT " "$T/err" && break
		kill $PID 2>/dev/null
		wait $PID 2>/dev/null
	done
	printf 'N=%-4d ' "$N"
	"$TNLOAD" -p "$PORT" -n "$N" -d "$SECS" -P "$PID" "$@" || rc=1
	kill $PID 2>/dev/null
	wait $PID 2>/dev/null
	grep -q "PSW=" "$T/out" && { echo "tnload: the program ended: $(cat "$T/out")"; rc=1; }
done
exit $rc
