#!/bin/bash
# run-fuzz.sh — differential fuzzing of the s370 CPU against Hercules 3.13.
#
#   run-fuzz.sh [-k BATCHES] [-n STREAMS] [-s SEED] [-o] [--all] S370 FUZZ370 [WORKDIR]
#
# Runs BATCHES batches of STREAMS random instruction streams each (seeds SEED,
# SEED+1, ... consecutively; batch b starts at SEED + b*STREAMS), every batch on
# both machines: our `s370` and `hercules`.  fuzz370 (tools/fuzz370.c) writes
# each batch as one bare program and compares the two result areas afterwards.
# Prints one summary line per batch, the details of every unexplained
# divergence (stream seed, environment, disassembly, what differs), then a total.
# Divergences documented in docs/divergences.md are counted as "known".
#   -o      stop at the first batch with a failure
#   --all   pass --all to fuzz370 (also generate the already-documented cases)
# Exit status: 0 all streams agree or are known, 1 an unexplained divergence,
# 77 hercules is not installed (skip), 2 usage or set-up error.
# To look at one stream again: FUZZ370 show SEED.
set -u

K=10 N=500 SEED=1 STOP=0 ALL=
while [ $# -gt 0 ]; do
	case $1 in
	-k) K=$2; shift 2 ;;
	-n) N=$2; shift 2 ;;
	-s) SEED=$2; shift 2 ;;
	-o) STOP=1; shift ;;
	--all) ALL=--all; shift ;;
	-*) echo "run-fuzz.sh: unknown option $1" >&2; exit 2 ;;
	*) break ;;
	esac
done
if [ $# -lt 2 ]; then
	echo "usage: run-fuzz.sh [-k BATCHES] [-n STREAMS] [-s SEED] [-o] [--all] S370 FUZZ370 [WORKDIR]" >&2
	exit 2
fi
S370=$1 FUZZ=$2 WORK=${3:-}
HERC=$(command -v hercules) || { echo "run-fuzz.sh: hercules not installed: skipped"; exit 77; }
[ -x "$S370" ] && [ -x "$FUZZ" ] || { echo "run-fuzz.sh: $S370 or $FUZZ is not executable" >&2; exit 2; }
if [ -z "$WORK" ]; then
	WORK=$(mktemp -d "${TMPDIR:-/tmp}/fuzz370.XXXXXX") || exit 2
	trap 'rm -rf "$WORK"' EXIT
fi
mkdir -p "$WORK" && cd "$WORK" || exit 2
rm -f known.all

# Both machines: S/370, 8M (addresses 8M-16M raise addressing exceptions), one
# CPU; Hercules with no program-check messages (OSTAILOR QUIET) and a printer as
# its only device (a console would listen on a TCP port); ours with S37X off,
# since Debian's Hercules 3.13 has no S37X module.
cat > ours.cnf <<EOF
ARCHMODE S/370
MAINSIZE 8
NUMCPU 1
S37X OFF
EOF
cat > herc.cnf <<EOF
ARCHMODE S/370
MAINSIZE 8
NUMCPU 1
CPUMODEL 3033
OSTAILOR QUIET
000E 1403 /dev/null
EOF

read -r RSTART REND < <("$FUZZ" layout "$N") || exit 2

# run_one MACHINE SECONDS: run batch.bin, save the results area to MACHINE.res.
# A batch normally ends within a fraction of a second; the pause is what each
# console offers for waiting (Hercules refuses savecore while the CPU runs, and
# the comparison reports a batch that did not reach its end).
run_one() {
	rm -f "$1.res"
	local cmds="loadcore batch.bin 0
restart
pause $2
savecore $1.res $RSTART $REND
quit"
	if [ "$1" = ours ]; then
		printf '%s\n' "$cmds" | "$S370" -f ours.cnf > ours.log 2>&1
	else
		printf '%s\n' "$cmds" > herc.rc
		HERCULES_RC=herc.rc "$HERC" -f herc.cnf -d < /dev/null > herc.log 2>&1
	fi
}

total_pass=0 total_known=0 total_fail=0 bad_batches=0
for ((b = 0; b < K; b++)); do
	bseed=$((SEED + b * N))
	"$FUZZ" $ALL gen "$bseed" "$N" batch.bin || exit 2
	for t in 1 5; do
		run_one ours "$t" & run_one herc "$t" & wait
		[ -s ours.res ] && [ -s herc.res ] && break
	done
	if [ ! -s ours.res ] || [ ! -s herc.res ]; then
		echo "FAIL batch $bseed: no results (ours: $(tail -1 ours.log); hercules: $(grep -m1 savecore herc.log))"
		total_fail=$((total_fail + N)) bad_batches=$((bad_batches + 1))
		[ $STOP = 1 ] && break
		continue
	fi
	"$FUZZ" $ALL diff "$bseed" "$N" ours.res herc.res > diff.out
	rc=$?
	grep -v '^KNOWN ' diff.out
	grep '^KNOWN ' diff.out >> known.all
	# The last line: "batch S: P passed, K known, F failed".
	read -r p k f < <(awk 'END { print $3, $5, $7 }' diff.out)
	total_pass=$((total_pass + ${p:-0})) total_known=$((total_known + ${k:-0}))
	total_fail=$((total_fail + ${f:-0}))
	if [ $rc -ne 0 ]; then
		bad_batches=$((bad_batches + 1))
		[ $STOP = 1 ] && break
	fi
done
# Known divergences by label (docs/divergences.md), then the total.
if [ -s known.all ]; then
	awk '{ sub(/^KNOWN stream [0-9]+: /, ""); n = split($0, l, "; "); for (i = 1; i <= n; i++) c[l[i]]++ }
		END { for (k in c) printf "known: %6d  %s\n", c[k], k }' known.all | sort -k3
fi
echo "fuzz: $((total_pass + total_known + total_fail)) streams: $total_pass passed, $total_known known, $total_fail failed"
[ $total_fail -eq 0 ] && [ $bad_batches -eq 0 ]
