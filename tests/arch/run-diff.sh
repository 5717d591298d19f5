#!/bin/bash
# run-diff.sh — run one architecture test program on s370 and on Hercules and
# compare the end state: PSW, GR0-15, CR0-15 and a storage range.
#
#   run-diff.sh S370 PROGRAM.s PROGRAM.bin
#
# Exit 0 = same end state, 1 = different (the differences are printed),
# 77 = skipped (hercules not installed, or the program needs S37X, which
# Hercules 3.13 does not have).  Bash and awk only.
#
# How each machine is driven:
#  - Hercules 3.13 in daemon mode (-d) does not read commands from stdin, so
#    its start-up script (HERCULES_RC) sets a Hercules Automatic Operator rule
#    that fires on the disabled-wait message and runs a second script with the
#    dump commands; the harness stops Hercules once the dump is in its log.
#    The run takes about one second.
#  - s370 reads console commands from stdin: it runs behind two FIFOs, we wait
#    for its "disabled wait state PSW=" line, then send the dump commands.
# Both outputs are reduced to one canonical text (see canon below) and diffed.
#
# Environment: HERCULES (default `hercules`), DIFF_TIMEOUT (seconds, 60),
# DIFF_HERC_TIMEOUT (seconds for one Hercules attempt, 15),
# DIFF_KEEP=1 keeps the work directory and prints its name.
set -u

if [ $# -ne 3 ]; then
	echo "usage: run-diff.sh S370 PROGRAM.s PROGRAM.bin" >&2
	exit 2
fi
s370=$(realpath "$1") src=$2 bin=$3
name=$(basename "$src" .s)
hercules=${HERCULES:-hercules}
timeout_s=${DIFF_TIMEOUT:-60}
# One Hercules attempt: the programs take about a second, so one still
# running after this is hung (seen under heavy load) and is tried again.
herc_s=${DIFF_HERC_TIMEOUT:-15}

if ! command -v "$hercules" >/dev/null 2>&1; then
	echo "$name: SKIP: $hercules is not installed"
	exit 77
fi

directive() { sed -n "s/^#[[:space:]]*$1:[[:space:]]*//p" "$src" | head -n 1 | tr -d '\r'; }
s37x=$(directive s37x)
if [ "${s37x,,}" = on ]; then
	echo "$name: SKIP: the program needs S37X, which Hercules 3.13 lacks"
	exit 77
fi
if [ "$(directive diff)" = skip ]; then
	echo "$name: SKIP: the program says '# diff: skip' (see its header for why)"
	exit 77
fi
range=$(directive diff-range)
range=${range:-0-1FFF}
# Storage that legitimately differs: the interval timer at X'50' always, plus
# the ranges a program lists in `# diff-ignore:` lines (clock values etc.).
ignore="50-53 $(sed -n 's/^#[[:space:]]*diff-ignore:[[:space:]]*//p' "$src" | tr '\n\r' '  ')"
mainsize=$(directive mainsize)

for f in "$s370" "$bin"; do
	if [ ! -e "$f" ]; then
		echo "$name: missing $f" >&2
		exit 1
	fi
done
binabs=$(realpath "$bin")

work=$(mktemp -d "${TMPDIR:-/tmp}/diff-$name.XXXXXX")
if [ "${DIFF_KEEP:-0}" = 1 ]; then
	echo "$name: work directory $work"
else
	trap 'rm -rf "$work"' EXIT
fi

# Hercules shows at most 999 lines per `r` command: ask in 4K pieces.
rlo=$((16#${range%-*})) rhi=$((16#${range#*-}))
dumpcmds=$(printf 'gpr\ncr\n'
	for ((a = rlo; a <= rhi; a += 4096)); do
		e=$((a + 4095 < rhi ? a + 4095 : rhi))
		printf 'r %X-%X\n' $a $e
	done)

# ---- Hercules -------------------------------------------------------------
cat >"$work/herc.conf" <<EOF
ARCHMODE S/370
MAINSIZE ${mainsize:-2}
NUMCPU 1
CNSLPORT 0
0009 3215
EOF
printf '%s\n' "$dumpcmds" >"$work/herc-dump.rc"
cat >"$work/herc.rc" <<EOF
hao tgt HHCCP011I
hao cmd script $work/herc-dump.rc
loadcore $binabs 0
restart
EOF
# A Hercules run is tried again (up to three times) when it is not a result:
#  - now and then Hercules ends during start-up when the machine is busy (its
#    log then holds nothing but the shutdown messages);
#  - its Automatic Operator thread starts asynchronously and, rarely, begins
#    reading the log only after the disabled-wait message went by, so the dump
#    script never fires: a wait with no "Firing" two seconds later is retried.
# Its `quit` may drop log lines still on their way to stdout, so instead we
# watch the log for the last storage line of the dump, then stop Hercules
# (SIGTERM; it sometimes hangs in its shutdown, then SIGKILL a second later).
lastline=$(printf "%08X" $((16#${range#*-} & ~15)))
for attempt in 1 2 3; do
	: >"$work/herc.out"
	(cd "$work" && HERCULES_RC="$work/herc.rc" exec timeout -k 1 "$herc_s" \
		"$hercules" -d -f "$work/herc.conf" </dev/null >"$work/herc.out" 2>&1) &
	herc_pid=$!
	waited_at=
	while kill -0 "$herc_pid" 2>/dev/null && ! grep -q "R:$lastline" "$work/herc.out"; do
		if [ -z "$waited_at" ] && grep -q "HHCCP011I CPU" "$work/herc.out"; then
			waited_at=$SECONDS
		fi
		if [ -n "$waited_at" ] && [ $((SECONDS - waited_at)) -ge 2 ] &&
			! grep -q "HHCAO003I" "$work/herc.out"; then
			break # the dump script did not fire
		fi
		sleep 0.1
	done
	kill "$herc_pid" 2>/dev/null
	wait "$herc_pid" 2>/dev/null
	grep -q "R:$lastline" "$work/herc.out" && break
done

# ---- s370 -----------------------------------------------------------------
cat >"$work/s370.conf" <<EOF
ARCHMODE S/370
MAINSIZE ${mainsize:-2}
NUMCPU 1
CNSLPORT 0
S37X OFF
EOF
printf 'loadcore %s 0\nrestart\n' "$binabs" >"$work/s370.script"
mkfifo "$work/to-s370" "$work/from-s370"
(cd "$work" && exec timeout -k 5 "$timeout_s" "$s370" -f "$work/s370.conf" \
	--script "$work/s370.script" <"$work/to-s370" >"$work/from-s370" 2>"$work/s370.err") &
s370_pid=$!
exec {s370_in}>"$work/to-s370" {s370_out}<"$work/from-s370"
: >"$work/s370.out"
deadline=$((SECONDS + timeout_s))
sent=0
while [ $SECONDS -lt $deadline ] && IFS= read -r -t "$timeout_s" line <&"$s370_out"; do
	printf '%s\n' "$line" >>"$work/s370.out"
	if [ $sent = 0 ] && [[ $line == *"disabled wait state PSW="* ]]; then
		printf '%s\nquit\n' "$dumpcmds" >&"$s370_in"
		sent=1
	fi
	[ $sent = 1 ] && [[ $line == "R:$lastline"* ]] && break
done
# Drain what is left, then make sure the coprocess ends.
while IFS= read -r -t 2 line <&"$s370_out"; do printf '%s\n' "$line" >>"$work/s370.out"; done
exec {s370_in}>&- {s370_out}<&-
kill "$s370_pid" 2>/dev/null
wait "$s370_pid" 2>/dev/null

# ---- canonical form ---------------------------------------------------------
# PSW hhhhhhhh hhhhhhhh / GRnn hhhhhhhh / CRnn hhhhhhhh / M aaaaaa w w w w
# s370: the PSW is on its "disabled wait state" line; registers and storage
# follow the dump commands in order.
# Hercules: the wait PSW follows HHCCP011I, but it is written by the CPU thread
# while the dump script's output is written by another, and the two
# interleave at any write boundary: the PSW has been seen in the middle of the
# CR lines.  So after HHCCP011I the "PSW=h h" text is taken from wherever it
# appears and cut out of its line, and registers and storage are read from
# the first GR00= after HHCCP011I on (the program-check trace before the
# wait prints GR and R: lines too), each field wherever it sits in a line.
canon() {
	awk -v ignore="$ignore" -v which="$1" '
	function hex(s,  i, v) {
		v = 0; s = toupper(s)
		for (i = 1; i <= length(s); i++) v = v * 16 + index("0123456789ABCDEF", substr(s, i, 1)) - 1
		return v
	}
	function ignored(a,  k) {
		for (k = 1; k <= nign; k++) if (a + 3 >= lo[k] && a <= hi[k]) return 1
		return 0
	}
	BEGIN {
		n = split(ignore, r, /[ ,]+/)
		for (k = 1; k <= n; k++) if (r[k] != "") {
			split(r[k], ab, "-"); nign++
			lo[nign] = hex(ab[1]); hi[nign] = (ab[2] == "" ? lo[nign] : hex(ab[2]))
		}
		waited = (which == "s370"); armed = waited
	}
	which == "herc" && /HHCCP011I CPU[0-9A-Fa-f]+: Disabled wait/ { waited = 1; next }
	which == "s370" && /disabled wait state PSW=/ && !psw {
		match($0, /PSW=[0-9A-Fa-f]+ [0-9A-Fa-f]+/); psw = substr($0, RSTART + 4, RLENGTH - 4); next
	}
	which == "herc" && waited && !psw && match($0, /PSW=[0-9A-Fa-f]+ [0-9A-Fa-f]+/) {
		psw = substr($0, RSTART + 4, RLENGTH - 4)
		$0 = substr($0, 1, RSTART - 1) " " substr($0, RSTART + RLENGTH)
	}
	waited && /GR00=/ { armed = 1 }
	!armed { next }
	/(GR|CR)[0-9][0-9]=/ {
		for (f = 1; f <= NF; f++) if ($f ~ /^(GR|CR)[0-9][0-9]=[0-9A-Fa-f]+$/) {
			reg[substr($f, 1, 4)] = toupper(substr($f, 6))
		}
		next
	}
	match($0, /R:[0-9A-Fa-f]+/) {
		line = substr($0, RSTART + 2); a = hex(substr(line, 1, 8)); rest = substr(line, 9)
		sub(/^:K:[0-9A-Fa-f]+=/, " ", rest)
		nw = split(rest, w, /[ \t]+/); out = ""; got = 0
		for (f = 1; f <= nw && got < 4; f++) if (w[f] ~ /^[0-9A-Fa-f]+$/ && length(w[f]) == 8) {
			out = out " " (ignored(a + 4 * got) ? "--------" : toupper(w[f])); got++
		}
		mem[a] = out; if (!(a in seen)) { seen[a] = 1; order[++nm] = a }
	}
	END {
		printf "PSW %s\n", (psw == "" ? "none" : toupper(psw))
		for (k = 0; k < 16; k++) { t = sprintf("GR%02d", k); printf "%s %s\n", t, (t in reg ? reg[t] : "none") }
		for (k = 0; k < 16; k++) { t = sprintf("CR%02d", k); printf "%s %s\n", t, (t in reg ? reg[t] : "none") }
		for (k = 1; k <= nm; k++) printf "M %06X%s\n", order[k], mem[order[k]]
	}' "$2"
}
canon herc "$work/herc.out" >"$work/herc.canon"
canon s370 "$work/s370.out" >"$work/s370.canon"

if grep -q '^PSW none' "$work/herc.canon"; then
	echo "$name: FAIL: Hercules did not reach a disabled wait"
	tail -n 20 "$work/herc.out"
	exit 1
fi
if ! grep -q '^M ' "$work/herc.canon"; then
	echo "$name: FAIL: no storage dump from Hercules"
	tail -n 20 "$work/herc.out"
	exit 1
fi
if diff -u --label hercules --label s370 "$work/herc.canon" "$work/s370.canon" >"$work/diff"; then
	echo "$name: same end state on Hercules and s370 ($(sed -n 's/^PSW /PSW=/p' "$work/herc.canon"))"
	exit 0
fi
echo "$name: FAIL: end state differs (- Hercules, + s370)"
head -n 80 "$work/diff"
if grep -q '^PSW none' "$work/s370.canon"; then
	echo "--- s370 output"; tail -n 20 "$work/s370.out"
	echo "--- s370 stderr"; tail -n 20 "$work/s370.err"
fi
exit 1
