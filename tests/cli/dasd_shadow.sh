# Shadow files (docs/dasd.md "Shadow files") on the s370 console, and both
# ways with Hercules 3.13:
#   - s370 with `0190 3350 base.cckd sf=sh_*.cckd` runs tests/arch/dev/
#     ckdload.s (it writes the IPL track): shadow 1 is made at attach and
#     takes the writes, the base stays byte for byte; sfd, sf+, sync and sfc
#     answer with the lines the docs give; `ipl 0190` reads the IPL track
#     through the chain;
#   - Hercules IPLs the same base and shadows (it reads s370's shadow file);
#   - sf- nomerge drops shadow 2, sf- merges shadow 1 into the base, which
#     then IPLs alone, on s370 and on Hercules; cckdcdsk accepts each file;
#   - Hercules makes a shadow (sf+0190) and writes the IPL track into it;
#     s370 IPLs from Hercules' base and shadow without changing either;
#   - a plain CKD base with ro: sf- refuses to merge into it without force.
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
DEV=$DIR/tests/arch/dev

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1 || ! command -v dasdinit >/dev/null 2>&1; then
	echo "skipped: needs binutils-s390x-linux-gnu and dasdinit (hercules)"
	exit 77
fi
asm() { # asm SRC ORIGIN OUT
	s390x-linux-gnu-as -m31 -I "$T" -o "$T/a.o" "$1" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext="$2" -e "$2" -o "$T/a.elf" "$T/a.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/a.elf" "$3" || fail "cannot assemble $1"
}
asm "$DEV/ckdipl.s" 0x800 "$T/ckdipl.bin"
asm "$DEV/ckdload.s" 0 "$T/load.bin"
conf() { # conf FILE OPERANDS...
	f=$1
	shift
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$*" > "$f"
}
s370_ipl() { # s370_ipl CONF WHAT: IPL from 0190, which must greet
	printf 'ipl 0190\n' > "$T/ipl.rc"
	timeout 20 "$S370" -f "$1" --script "$T/ipl.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
	[ "$(cat "$T/out")" = "PSW=00020000 80000000" ] || { fail "$2: ipl ended with $(cat "$T/out")"; cat "$T/err"; }
	expect_grep "$T/err" "HELLO FROM CKD IPL"
}
cdsk() { # cdsk FILE: Hercules' cckdcdsk -3 finds nothing to say
	command -v cckdcdsk > /dev/null 2>&1 || return 0
	cckdcdsk -ro -3 "$1" 2>&1 | grep -v 'HHCCU30[01]I\|HHCCU500W\|trk\[1\] offset 0xe41 len 29' > "$T/cdsk"
	[ -s "$T/cdsk" ] && { fail "cckdcdsk $1"; cat "$T/cdsk"; }
}

(cd "$T" && dasdinit -z base.cckd 3350 SHD001 > /dev/null 2>&1 && cp base.cckd base.orig) || fail "dasdinit"
conf "$T/s.cnf" "$T/base.cckd" "sf=$T/sh_*.cckd"
printf 'loadcore %s 0\nrestart\npause 0.5\nsfd 0190\nsf+ 0190\nsfd 190\nsync\nsfc 0190\nquit\n' "$T/load.bin" > "$T/w.rc"
timeout 20 "$S370" -f "$T/s.cnf" --script "$T/w.rc" < /dev/null > "$T/out" 2>&1
expect_rc $? 0 "s370 writing through a shadow"
expect_grep "$T/out" "disabled wait state PSW=00020000 80000AAA"
expect_grep "$T/out" "0190 [0] $T/base.cckd ro, 3678 bytes, 0 free in 0 spaces, 2 tracks stored"
expect_grep "$T/out" "0190 [1] $T/sh_1.cckd rw, "
expect_grep "$T/out" ", 1 tracks"
expect_grep "$T/out" "sf+: 0190: shadow file [2] $T/sh_2.cckd added"
expect_grep "$T/out" "0190 [1] $T/sh_1.cckd ro, "
expect_grep "$T/out" "0190 [2] $T/sh_2.cckd rw, 1288 bytes, 0 free in 0 spaces, 0 tracks"
expect_grep "$T/out" "sync: 0190 durable, 3 track writes since attach"
expect_grep "$T/out" "sfc: 0190: $T/sh_2.cckd compressed: 1288 bytes, was 1288"
cmp -s "$T/base.cckd" "$T/base.orig" || fail "the base changed under its shadow"
[ -f "$T/sh_1.cckd" ] && [ -f "$T/sh_2.cckd" ] || fail "shadow files missing"
cdsk "$T/sh_1.cckd"
cdsk "$T/sh_2.cckd"
s370_ipl "$T/s.cnf" "base and shadows"

if command -v hercules > /dev/null 2>&1; then
	printf 'psw\npause 1\nquit\n' > "$T/hdump.rc" # psw: quit may drop the wait message's PSW line
	herc() { # herc CONF COMMANDS...: Hercules until the disabled wait
		cf=$1
		shift
		printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\n' "$T/hdump.rc" > "$T/herc.rc"
		printf '%s\n' "$@" >> "$T/herc.rc"
		(cd "$T" && HERCULES_RC="$T/herc.rc" timeout -k 5 20 hercules -d -f "$cf" < /dev/null > "$T/herc.out" 2>&1)
	}
	cp "$T/sh_1.cckd" "$T/sh_1.keep"
	cp "$T/sh_2.cckd" "$T/sh_2.keep"
	herc "$T/s.cnf" "ipl 0190"
	expect_grep "$T/herc.out" "HELLO FROM CKD IPL"
	expect_grep "$T/herc.out" "PSW=00020000 80000000"
	cp "$T/sh_1.keep" "$T/sh_1.cckd"
	cp "$T/sh_2.keep" "$T/sh_2.cckd"
fi

# back down the chain: drop shadow 2, merge shadow 1 into the base
printf 'sf- 0190 nomerge\nsf- 0190\nsfd 0190\nsf- 0190\nquit\n' > "$T/m.rc"
timeout 20 "$S370" -f "$T/s.cnf" --script "$T/m.rc" < /dev/null > "$T/out" 2>&1
expect_grep "$T/out" "sf-: 0190: shadow file [2] $T/sh_2.cckd removed: its tracks dropped"
expect_grep "$T/out" "sf-: 0190: shadow file [1] $T/sh_1.cckd removed: 1 tracks merged"
expect_grep "$T/out" "0190 [0] $T/base.cckd rw, "
expect_grep "$T/out" "sf-: 0190: no shadow file to remove"
[ -f "$T/sh_1.cckd" ] || [ -f "$T/sh_2.cckd" ] && fail "shadow files left after sf-"
cdsk "$T/base.cckd"
conf "$T/b.cnf" "$T/base.cckd"
s370_ipl "$T/b.cnf" "the merged base"
if command -v hercules > /dev/null 2>&1; then
	herc "$T/b.cnf" "ipl 0190"
	expect_grep "$T/herc.out" "HELLO FROM CKD IPL"

	# Hercules writes into a shadow of its own; s370 IPLs from it
	(cd "$T" && dasdinit -z hb.cckd 3350 SHD002 > /dev/null 2>&1 && cp hb.cckd hb.orig)
	conf "$T/h.cnf" "$T/hb.cckd" "sf=$T/hs_*.cckd"
	herc "$T/h.cnf" "sf+0190" "pause 1" "loadcore $T/load.bin 0" "restart"
	expect_grep "$T/herc.out" "PSW=00020000 80000AAA"
	cmp -s "$T/hb.cckd" "$T/hb.orig" || fail "Hercules wrote its base"
	[ -f "$T/hs_1.cckd" ] || fail "Hercules made no shadow"
	cp "$T/hs_1.cckd" "$T/hs_1.keep"
	s370_ipl "$T/h.cnf" "Hercules' shadow"
	cmp -s "$T/hs_1.cckd" "$T/hs_1.keep" || fail "s370 changed Hercules' shadow by reading it"
fi

# ro on a plain CKD base: merging into it needs force
(cd "$T" && dasdinit p.ckd 3350 SHD003 20 > /dev/null 2>&1 && cp p.ckd p.orig)
conf "$T/p.cnf" "$T/p.ckd" ro "sf=$T/ps*.ck"
printf 'loadcore %s 0\nrestart\npause 0.5\nsf- 0190\nquit\n' "$T/load.bin" > "$T/p.rc"
timeout 20 "$S370" -f "$T/p.cnf" --script "$T/p.rc" < /dev/null > "$T/out" 2>&1
expect_grep "$T/out" "disabled wait state PSW=00020000 80000AAA"
expect_grep "$T/out" "sf-: 0190: the base $T/p.ckd is attached read-only (ro): sf- ... force merges into it"
cmp -s "$T/p.ckd" "$T/p.orig" || fail "the ro base changed"
s370_ipl "$T/p.cnf" "a plain base with a shadow"
printf 'sf- 0190 force\nquit\n' > "$T/p.rc"
timeout 20 "$S370" -f "$T/p.cnf" --script "$T/p.rc" < /dev/null > "$T/out" 2>&1
expect_grep "$T/out" "sf-: 0190: shadow file [1] $T/ps1.ck removed: 1 tracks merged"
conf "$T/p2.cnf" "$T/p.ckd"
s370_ipl "$T/p2.cnf" "the plain base after the merge"
finish
