# ckd_eckd.sh — Define Extent, Locate Record and Read Track on a 3380
# (devices/ckd.c, docs/dasd.md "Commands"): tests/arch/dev/ckd_eckd.s runs
# twelve channel programs on a fresh `dasdinit -z` volume and stores, per
# program, the condition codes, the CSW, the sense bytes and the start of
# the data (the table format of ckd_csw.s).  s370 must give the golden
# table tests/arch/dev/ckd_eckd.expected; with Hercules 3.13 installed, it
# must give the same table but where the two differ on purpose: Hercules
# takes a second Define Extent (case 8; SA22-1025 rejects it, message 2),
# takes Locate Record Write Track (case 10; s370 has no Write Track:
# message 4), and adds incorrect length to a unit check (case 9).
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
DEV=$DIR/tests/arch/dev

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1 || ! command -v dasdinit >/dev/null 2>&1; then
	echo "skipped: needs binutils-s390x-linux-gnu and dasdinit (hercules)"
	exit 77
fi
s390x-linux-gnu-as -m31 -o "$T/a.o" "$DEV/ckd_eckd.s" &&
	s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/a.elf" "$T/a.o" &&
	s390x-linux-gnu-objcopy -O binary "$T/a.elf" "$T/eckd.bin" || { fail "cannot assemble ckd_eckd.s"; finish; }
conf() { # conf FILE IMAGE
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3380 %s\n' "$2" > "$1"
}
(cd "$T" && dasdinit -z s.cckd 3380 VOL001 > /dev/null 2>&1 && cp s.cckd h.cckd) || fail "dasdinit"
conf "$T/s.cnf" "$T/s.cckd"
printf 'loadcore %s 0\nrestart\npause 1\nr 3000.300\nquit\n' "$T/eckd.bin" > "$T/s.rc"
timeout 20 "$S370" -f "$T/s.cnf" --script "$T/s.rc" < /dev/null > "$T/out" 2>&1
expect_grep "$T/out" "disabled wait state PSW=00020000 80000000"
awk '/^R:/ { sub(/^R:/, ""); print $1, $2, $3, $4, $5 }' "$T/out" > "$T/s.tab"
diff "$DEV/ckd_eckd.expected" "$T/s.tab" > "$T/d" || { fail "ckd_eckd table"; cat "$T/d"; }

if command -v hercules >/dev/null 2>&1; then
	printf 'r 3000-32FF\npause 1\nquit\n' > "$T/hdump.rc" # (pause: quit may cut the dump short)
	printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\nloadcore %s 0\nrestart\n' "$T/hdump.rc" \
		"$T/eckd.bin" > "$T/herc.rc"
	conf "$T/h.cnf" "$T/h.cckd"
	(cd "$T" && HERCULES_RC="$T/herc.rc" timeout -k 5 20 hercules -d -f "$T/h.cnf" < /dev/null > "$T/herc.out" 2>&1)
	sed -n 's/^R:\(........\):K:..=/\1 /p' "$T/herc.out" | awk '{ print $1, $2, $3, $4, $5 }' > "$T/h.tab"
	[ -s "$T/h.tab" ] || fail "no table from Hercules"
	norm() { # four lines a case; drop cases 8, 9 and 10
		awk '{ n = int((NR - 1) / 4); if (n == 8 || n == 9 || n == 10) next; print }' "$1"
	}
	norm "$T/h.tab" > "$T/h.norm"
	norm "$T/s.tab" > "$T/s.norm"
	diff "$T/h.norm" "$T/s.norm" > "$T/d" || { fail "ckd_eckd differs from Hercules"; cat "$T/d"; }
fi
finish
