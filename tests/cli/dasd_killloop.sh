# Crash safety of DASD images (docs/dasd.md "Crash safety"): rounds of
# s370 running tests/arch/dev/killw.s, which writes record R1 of the 30
# tracks of cylinder 1 of a 3350 over and over (write i: head i mod 30,
# the round number, i, the head, then i in every other word), while the
# script types `sync` every 0.1 s; s370 is killed with SIGKILL at a random
# instant.  Then:
#   - the image as the kill left it: `dasd check` says consistent (a CCKD
#     file "needs recovery": its opened bit is on), and Hercules' `cckdcdsk
#     -f -ro -3` finds no damage (only the stale free space of an image that
#     was not closed);
#   - s370 attaches it again (recovering a CCKD file) and runs
#     tests/arch/dev/killr.s, which reads the 30 records: each must be whole
#     (its words all the same write number), and hold the last write to its
#     track that was acknowledged before the last completed `sync` ("sync:
#     0190 durable, N track writes": writes 0..N-1), or a later one.  On the
#     plain CKD image (tracks written in place) one record may be torn: the
#     one the kill interrupted, which must be the newest write of all
#     (docs/dasd.md "Crash safety");
#   - after that clean detach, `dasd check` says just "consistent" and
#     cckdcdsk -3 is silent.
# The rounds take turns on a CCKD image, a plain CKD image and a CCKD base
# with a shadow file (sf=).  ROUNDS (default 5) sets the count:
# bench/killloop.sh runs 100.
# First, fault injection: with S370_FAULT_WRITE=K, tests/arch/dev/ckdload.s
# (three Write CKD on track 0) meets a failing K-th host write: on a CCKD
# image writes 1-10 belong to the three track writes (the opened bit, then
# image, header size and L2 entry of each), so the program sees a unit
# check (its CSW check ends in IA X'BAD') and the console names the track;
# 11 and 12 are the sync at the end.  On a plain image writes 1-3 are the
# three tracks.  Each time the image checks consistent, and a run without
# the fault then writes it and IPLs from it.
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
DASD=$(dirname "$S370")/tools/dasd
DEV=$DIR/tests/arch/dev
ROUNDS=${ROUNDS:-5}
NT=30

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1 || ! command -v dasdinit >/dev/null 2>&1; then
	echo "skipped: needs binutils-s390x-linux-gnu and dasdinit (hercules)"
	exit 77
fi
[ -x "$DASD" ] || DASD=
command -v cckdcdsk >/dev/null 2>&1 && CDSK=cckdcdsk || CDSK=
asm() { # asm SRC OUT
	s390x-linux-gnu-as -m31 -o "$T/a.o" "$1" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/a.elf" "$T/a.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/a.elf" "$2" || fail "cannot assemble $1"
}
asm "$DEV/killw.s" "$T/w.bin"
asm "$DEV/killr.s" "$T/r.bin"
(cd "$T" && dasdinit -z k.cckd 3350 KILL01 20 && dasdinit k.ckd 3350 KILL02 20 && dasdinit -z b.cckd 3350 KILL03 20) \
	> /dev/null 2>&1 || fail "dasdinit"
cp "$T/b.cckd" "$T/b.orig"
PID=
trap 'if [ -n "$PID" ]; then kill -9 $PID 2>/dev/null; fi; rm -rf "$T"' EXIT


# dasd_ok FILE WANT [OR]: `dasd check` exits 0 and its last line is WANT (or OR)
dasd_ok() {
	[ -n "$DASD" ] || return 0
	"$DASD" check "$1" > "$T/chk" 2>&1
	rc=$?
	last=$(tail -n 1 "$T/chk")
	[ $rc = 0 ] && { [ "$last" = "$2" ] || [ "$last" = "${3:-}" ]; } ||
		{ fail "round $r: dasd check $1: status $rc, \"$last\""; cat "$T/chk"; }
}
# cdsk_ok FILE OPTS: cckdcdsk finds no damage.  Not damage: its note on
# track 1 (HA, R0, end of track, as dasdinit writes it) and, with -f after a
# kill, the stale header and free space of a file that was not closed.
cdsk_ok() {
	[ -n "$CDSK" ] || return 0
	$CDSK $2 "$1" > "$T/cdsk.all" 2>&1
	grep -v 'trk\[1\] offset 0x[0-9a-f]* len 29 validation error\|trk\[1\] recovered offset 0x[0-9a-f]* len 29' "$T/cdsk.all" |
		grep -v 'HHCCU300I .* [01] trk images recovered\|HHCCU500W' > "$T/cdsk"
	case $2 in -f*) grep -v 'HHCCU502W\|HHCCU601W .*cdevhdr inconsistencies\|HHCCU610W' "$T/cdsk" > "$T/cdsk2"
		mv "$T/cdsk2" "$T/cdsk" ;; esac
	[ -s "$T/cdsk" ] && { fail "round $r: cckdcdsk $2 $1"; cat "$T/cdsk.all"; }
}

asm0() { # asm0 SRC ORIGIN OUT
	s390x-linux-gnu-as -m31 -I "$T" -o "$T/a.o" "$1" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext="$2" -e "$2" -o "$T/a.elf" "$T/a.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/a.elf" "$3" || fail "cannot assemble $1"
}
asm0 "$DEV/ckdipl.s" 0x800 "$T/ckdipl.bin"
asm0 "$DEV/ckdload.s" 0 "$T/load.bin"
printf 'loadcore %s 0\nrestart\n' "$T/load.bin" > "$T/l.rc"
printf 'ipl 0190\n' > "$T/ipl.rc"
for img in f.cckd f.ckd; do
	k=0
	while [ $k -lt 12 ]; do
		k=$((k + 1))
		rm -f "$T/$img"
		(cd "$T" && if [ $img = f.cckd ]; then dasdinit -z $img 3350 FAULT1 20; else dasdinit $img 3350 FAULT2 20; fi) > /dev/null 2>&1
		printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$T/$img" > "$T/f.cnf"
		S370_FAULT_WRITE=$k timeout 20 "$S370" -f "$T/f.cnf" --script "$T/l.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
		want=80000AAA
		{ [ $img = f.cckd ] && [ $k -le 10 ]; } || { [ $img = f.ckd ] && [ $k -le 3 ]; } && want=80000BAD
		[ "$(cat "$T/out")" = "PSW=00020000 $want" ] || { fail "$img, write $k fails: $(cat "$T/out"), expected $want"; cat "$T/err"; }
		[ $want = 80000BAD ] && expect_grep "$T/err" "0190: $T/$img: track 0:"
		r="fault $k"
		dasd_ok "$T/$img" "consistent" "consistent, needs recovery (dasd check --repair)"
		[ $img = f.cckd ] && cdsk_ok "$T/$img" "-f -ro -3"
		timeout 20 "$S370" -f "$T/f.cnf" --script "$T/l.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
		[ "$(cat "$T/out")" = "PSW=00020000 80000AAA" ] || fail "$img after fault $k: written with $(cat "$T/out")"
		timeout 20 "$S370" -f "$T/f.cnf" --script "$T/ipl.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
		expect_grep "$T/err" "HELLO FROM CKD IPL"
	done
done

r=0
while [ $r -lt "$ROUNDS" ]; do
	r=$((r + 1))
	case $((r % 3)) in
	1) img=k.cckd opts= ;;
	2) img=k.ckd opts= ;;
	0) img=b.cckd opts="sf=$T/b_*.cckd" ;;
	esac
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s %s\n' "$T/$img" "$opts" > "$T/k.cnf"
	{
		printf 'loadcore %s 0\nr F00=%08X\nrestart\n' "$T/w.bin" $r
		i=0
		while [ $i -lt 60 ]; do printf 'pause 0.1\nsync\n'; i=$((i + 1)); done
	} > "$T/w.rc"
	"$S370" -f "$T/k.cnf" --script "$T/w.rc" --daemon < /dev/null > "$T/w.out" 2>&1 &
	PID=$!
	# the kill: 0.25 to 1.25 s after the start
	sleep "$(awk -v s="$$$r" 'BEGIN { srand(s); printf "%.3f", 0.25 + rand() }')"
	kill -9 $PID
	wait $PID 2>/dev/null
	PID=
	grep -q "disabled wait state" "$T/w.out" && fail "round $r: the writer saw a bad CSW"
	n=$(sed -n 's/^sync: 0190 durable, \([0-9]*\) track writes since attach$/\1/p' "$T/w.out" | tail -n 1)
	n=${n:-0}

	# the image as the kill left it
	case $img in
	k.cckd) # killed between a sync and the next write, the file is clean
		dasd_ok "$T/$img" "consistent, needs recovery (dasd check --repair)" "consistent"
		cdsk_ok "$T/$img" "-f -ro -3" ;;
	k.ckd) dasd_ok "$T/$img" "consistent" ;;
	b.cckd) cmp -s "$T/b.cckd" "$T/b.orig" || fail "round $r: the base under the shadow changed"
		cdsk_ok "$T/b_1.cckd" "-f -ro -3" ;;
	esac

	# read it back after a new attach
	printf 'loadcore %s 0\nrestart\npause 0.5\nr 3000.1E0\nquit\n' "$T/r.bin" > "$T/r.rc"
	timeout 20 "$S370" -f "$T/k.cnf" --script "$T/r.rc" < /dev/null > "$T/r.out" 2>&1
	expect_rc $? 0 "round $r: reader"
	expect_grep "$T/r.out" "disabled wait state PSW=00020000 80000AAA"
	awk -v R=$r -v N="$n" -v NT=$NT -v img=$img '
		function hex(s,  v, k) { v = 0; for (k = 1; k <= length(s); k++) v = v * 16 + index("0123456789ABCDEF", substr(s, k, 1)) - 1; return v }
		/^R:0000[3-4]/ {
			t = (hex(substr($1, 3)) - 12288) / 16
			rr = hex($2); i = hex($3); h = hex($4); flag = hex($5)
			seen[t] = 1
			need = N > t ? N - 1 - (N - 1 - t) % NT : -1   # the last acknowledged write to head t
			if (flag == 3) { torn++; torn_t = t; torn_i = i; torn_ok = h == t && i % NT == t && rr == R; next }
			if (flag == 1 && i > maxi) maxi = i
			if (flag == 2 && need >= 0) { print img " head " t ": no record, write " need " was acknowledged"; bad++ }
			else if (flag == 1 && (h != t || i % NT != t || rr > R)) { print img " head " t ": record of head " h ", write " i ", round " rr; bad++ }
			else if (flag == 1 && need >= 0 && (rr != R || i < need)) { print img " head " t ": write " i " of round " rr ", but write " need " of round " R " was acknowledged"; bad++ }
			else if (flag != 1 && flag != 2) { print img " head " t ": flag " flag; bad++ }
		}
		END { for (t = 0; t < NT; t++) if (!seen[t]) { print img " head " t ": not read"; bad++ }
		      # a plain CKD track is written in place: the write the kill
		      # interrupted may be torn (docs/dasd.md), that one alone
		      if (torn && (img != "k.ckd" || torn > 1 || !torn_ok || torn_i <= maxi)) { print img " head " torn_t ": a torn record (write " torn_i ", " torn " torn, the last whole write " maxi ")"; bad++ }
		      if (torn && !bad) print "round " R ": the write in flight, " torn_i " (head " torn_t "), was torn by the kill"
		      exit (bad > 0) }' "$T/r.out" > "$T/verify" || { fail "round $r ($img, $n writes acknowledged)"; cat "$T/verify"; }
	grep 'was torn' "$T/verify"

	# after the clean detach
	case $img in
	k.cckd) dasd_ok "$T/$img" "consistent"
		cdsk_ok "$T/$img" "-ro -3" ;;
	k.ckd) dasd_ok "$T/$img" "consistent" ;;
	b.cckd) cdsk_ok "$T/b_1.cckd" "-ro -3" ;;
	esac
done
finish
