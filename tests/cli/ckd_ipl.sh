# CKD DASD end to end (issue 6): tests/arch/dev/ckdload.s writes the IPL
# track of a fresh `dasdinit -z` 3350 through channel programs (Write CKD
# of R1 = IPL PSW and CCW, R2 = tests/arch/dev/ckdipl.s, R3 = text), then
# `ipl 0190` runs that program, which reads R3 by Search ID Equal with a
# TIC loop and prints it and a greeting on the 3215-C; the same with an
# uncompressed image.  Hercules' cckdcdsk must accept the written image.
# With Hercules 3.13 installed: Hercules IPLs the image s370 wrote, s370
# IPLs the image Hercules wrote, and tests/arch/dev/ckd_csw.s (a table of
# CSWs, sense bytes and data of 38 channel programs) must give the golden
# table on s370 and the same table on Hercules (on a 3350, and on a 3380)
# except where the channel differs on purpose (docs/devices.md): Hercules
# adds incorrect length to a unit check, to Recalibrate with a count (cases
# 6, 25, where it then stops the chain) and stores count 0 for an invalid
# command (case 14).
# Last, a truncated image is refused by `attach` with the reason and the
# machine runs on.
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
DEV=$DIR/tests/arch/dev

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1 || ! command -v dasdinit >/dev/null 2>&1; then
	echo "skipped: needs binutils-s390x-linux-gnu and dasdinit (hercules)"
	exit 0
fi
asm() { # asm SRC ORIGIN OUT
	s390x-linux-gnu-as -m31 -I "$T" -o "$T/a.o" "$1" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext="$2" -e "$2" -o "$T/a.elf" "$T/a.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/a.elf" "$3" || fail "cannot assemble $1"
}
asm "$DEV/ckdipl.s" 0x800 "$T/ckdipl.bin"
asm "$DEV/ckdload.s" 0 "$T/load.bin"
asm "$DEV/ckd_csw.s" 0 "$T/csw.bin"
printf 'loadcore %s 0\nrestart\n' "$T/load.bin" > "$T/load.rc"
printf 'ipl 0190\n' > "$T/ipl.rc"
conf() { # conf FILE IMAGE
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$2" > "$1"
}

# s370 writes the IPL track and IPLs from it: compressed and plain images
for img in ipl.cckd ipl.ckd; do
	opt=-z
	[ "$img" = ipl.ckd ] && opt=
	(cd "$T" && dasdinit $opt $img 3350 IPL001 > /dev/null 2>&1) || fail "dasdinit $img"
	conf "$T/s.cnf" "$T/$img"
	timeout 20 "$S370" -f "$T/s.cnf" --script "$T/load.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
	expect_rc $? 0 "load $img"
	[ "$(cat "$T/out")" = "PSW=00020000 80000AAA" ] || { fail "load $img ended with $(cat "$T/out")"; cat "$T/err"; }
	timeout 20 "$S370" -f "$T/s.cnf" --script "$T/ipl.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
	expect_rc $? 0 "ipl $img"
	[ "$(cat "$T/out")" = "PSW=00020000 80000000" ] || { fail "ipl $img ended with $(cat "$T/out")"; cat "$T/err"; }
	expect_grep "$T/err" "RECORD 3 OF THE IPL TRACK"
	expect_grep "$T/err" "HELLO FROM CKD IPL"
done
if command -v cckdcdsk >/dev/null 2>&1; then
	cckdcdsk -ro -2 "$T/ipl.cckd" > "$T/cdsk" 2>&1 || fail "cckdcdsk exit status"
	[ -s "$T/cdsk" ] && { fail "cckdcdsk complains"; cat "$T/cdsk"; }
fi

# the CSW table on s370 against the golden one
(cd "$T" && dasdinit -z csw.cckd 3350 VOL001 > /dev/null 2>&1 && cp csw.cckd hcsw.cckd)
conf "$T/c.cnf" "$T/csw.cckd"
printf 'loadcore %s 0\nrestart\npause 1\nr 3000.980\nquit\n' "$T/csw.bin" > "$T/csw.rc"
timeout 20 "$S370" -f "$T/c.cnf" --script "$T/csw.rc" < /dev/null > "$T/out" 2>&1
expect_grep "$T/out" "disabled wait state PSW=00020000 80000000"
# address and four words of each line (the character column is dropped)
awk '/^R:/ { sub(/^R:/, ""); print $1, $2, $3, $4, $5 }' "$T/out" > "$T/s370.tab"
diff "$DEV/ckd_csw.expected" "$T/s370.tab" > "$T/d" || { fail "ckd_csw table"; cat "$T/d"; }

if command -v hercules >/dev/null 2>&1; then
	printf 'psw\npause 1\nquit\n' > "$T/quit.rc" # psw: quit may drop the wait message's PSW line
	herc() { # herc CONF COMMANDS... : run Hercules until the disabled wait
		cf=$1
		shift
		printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\n' "$T/hdump.rc" > "$T/herc.rc"
		printf '%s\n' "$@" >> "$T/herc.rc"
		(cd "$T" && HERCULES_RC="$T/herc.rc" timeout -k 5 20 hercules -d -f "$cf" < /dev/null > "$T/herc.out" 2>&1)
	}
	# Hercules IPLs the volume s370 wrote
	cp "$T/quit.rc" "$T/hdump.rc"
	conf "$T/h.cnf" "$T/ipl.cckd"
	herc "$T/h.cnf" "ipl 0190"
	expect_grep "$T/herc.out" "HELLO FROM CKD IPL"
	expect_grep "$T/herc.out" "PSW=00020000 80000000"
	# s370 IPLs a volume Hercules wrote
	(cd "$T" && dasdinit -z hw.cckd 3350 IPL002 > /dev/null 2>&1)
	conf "$T/hw.cnf" "$T/hw.cckd"
	herc "$T/hw.cnf" "loadcore $T/load.bin 0" "restart"
	expect_grep "$T/herc.out" "PSW=00020000 80000AAA"
	timeout 20 "$S370" -f "$T/hw.cnf" --script "$T/ipl.rc" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
	[ "$(cat "$T/out")" = "PSW=00020000 80000000" ] || { fail "ipl of Hercules' volume: $(cat "$T/out")"; cat "$T/err"; }
	expect_grep "$T/err" "HELLO FROM CKD IPL"
	# the CSW table on Hercules
	printf 'r 3000-397F\npause 1\nquit\n' > "$T/hdump.rc" # (pause: quit may cut the dump short)
	conf "$T/hc.cnf" "$T/hcsw.cckd"
	herc "$T/hc.cnf" "loadcore $T/csw.bin 0" "restart"
	sed -n 's/^R:\(........\):K:..=/\1 /p' "$T/herc.out" | awk '{ print $1, $2, $3, $4, $5 }' > "$T/herc.tab"
	[ -s "$T/herc.tab" ] || fail "no table from Hercules"
	# drop incorrect length (X'40' of CSW byte 5, table byte +11) and the
	# three cases where the channels differ, then compare
	norm() { # four lines a case; CSW byte 5 is the 7th digit of word 3 of the first
		awk '{ n = int((NR - 1) / 4); o = (NR - 1) % 4
			if (n == 6 || n == 14 || n == 25) next
			if (o == 0) { i = index("0123456789ABCDEF", substr($4, 7, 1))
				$4 = substr($4, 1, 6) substr("0123012389AB89AB", i, 1) substr($4, 8, 1) }
			print }' "$1"
	}
	norm "$T/herc.tab" > "$T/h.norm"
	norm "$T/s370.tab" > "$T/s.norm"
	diff "$T/h.norm" "$T/s.norm" > "$T/d" || { fail "ckd_csw differs from Hercules"; cat "$T/d"; }
	# the same programs on a 3380 (a 3880 storage control): no golden table,
	# the two machines must agree
	(cd "$T" && dasdinit -z c80.cckd 3380 VOL001 > /dev/null 2>&1 && cp c80.cckd h80.cckd)
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3380 %s\n' "$T/c80.cckd" > "$T/c80.cnf"
	timeout 20 "$S370" -f "$T/c80.cnf" --script "$T/csw.rc" < /dev/null > "$T/out" 2>&1
	awk '/^R:/ { sub(/^R:/, ""); print $1, $2, $3, $4, $5 }' "$T/out" > "$T/s80.tab"
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3380 %s\n' "$T/h80.cckd" > "$T/h80.cnf"
	herc "$T/h80.cnf" "loadcore $T/csw.bin 0" "restart"
	sed -n 's/^R:\(........\):K:..=/\1 /p' "$T/herc.out" | awk '{ print $1, $2, $3, $4, $5 }' > "$T/h80.tab"
	[ -s "$T/h80.tab" ] && [ -s "$T/s80.tab" ] || fail "no 3380 table"
	norm "$T/h80.tab" > "$T/h.norm"
	norm "$T/s80.tab" > "$T/s.norm"
	diff "$T/h.norm" "$T/s.norm" > "$T/d" || { fail "ckd_csw on a 3380 differs from Hercules"; cat "$T/d"; }
fi

# track capacity (tests/arch/dev/ckd_cap.s): records of KL+DL bytes written
# until track overrun; the Read Multiple CKD after it tells how many fit.
# Golden counts (Hercules 3.13 takes as many: the track image must fit its
# slot), and with Hercules installed the same run there.
for c in "3350 0 1000 19" "3330 8 100 114" "2314 8 100 65" "3380 8 1000 46"; do
	set -- $c
	s390x-linux-gnu-as -m31 --defsym KL=$2 --defsym DL=$3 -o "$T/a.o" "$DEV/ckd_cap.s" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/a.elf" "$T/a.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/a.elf" "$T/cap.bin" || fail "cannot assemble ckd_cap.s"
	(cd "$T" && rm -f cap.cckd && dasdinit -z cap.cckd $1 CAP001 > /dev/null 2>&1 && cp cap.cckd hcap.cckd)
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 %s %s\n' $1 "$T/cap.cckd" > "$T/cap.cnf"
	printf 'loadcore %s 0\nrestart\npause 0.5\nr 300.10\nquit\n' "$T/cap.bin" > "$T/cap.rc"
	got=$(timeout 20 "$S370" -f "$T/cap.cnf" --script "$T/cap.rc" < /dev/null 2>&1 | awk '/^R:00000300/ { print $5 }')
	n=$(( (65535 - 0x$(echo "${got:-0000FFFF}" | cut -c5-8)) / (8 + $2 + $3) ))
	[ "$n" = "$4" ] || fail "$1 KL=$2 DL=$3: $n records on a track, expected $4"
	if command -v hercules >/dev/null 2>&1; then
		printf 'r 300.10\npause 1\nquit\n' > "$T/hdump.rc"
		printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 %s %s\n' $1 "$T/hcap.cckd" > "$T/hcap.cnf"
		for _ in 1 2 3; do # (on a busy machine Hercules' operator rule can miss the wait: run it again)
			herc "$T/hcap.cnf" "loadcore $T/cap.bin 0" "restart"
			hgot=$(sed -n 's/^R:00000300:K:..=//p' "$T/herc.out" | awk '{ print $4 }')
			[ -n "$hgot" ] && break
		done
		[ "$hgot" = "$got" ] || fail "$1 KL=$2 DL=$3: Read Multiple CKD CSW $got, Hercules $hgot"
	fi
done

# a truncated image: attach refuses it with the reason; the machine runs on
head -c 2000 "$T/ipl.cckd" > "$T/trunc.cckd"
printf 'attach 0191 3350 %s\nattach 0192 3350 %s ro\ndevlist\nquit\n' "$T/trunc.cckd" "$T/ipl.cckd" > "$T/a.rc"
timeout 20 "$S370" -f "$T/s.cnf" --script "$T/a.rc" < /dev/null > "$T/out" 2>&1
expect_rc $? 0 "attach errors"
expect_grep "$T/out" "trunc.cckd: truncated: the file has 2000 bytes"
expect_grep "$T/out" "0192 3350     "
finish
