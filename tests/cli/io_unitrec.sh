# Channel programs on the unit-record devices: tests/arch/dev/io_csw_ur.s runs
# Read, Feed, Write, Sense, Sense ID, NOP, carriage commands and rejected
# commands on two 3505 readers (eof and intrq), a 3525 punch, a 1403 and a
# 3211, and stores each condition code and CSW in a table.  The table must be
# the golden one (io_csw_ur.expected), and the punch and printer files the
# ones below.  When Hercules 3.13 is installed the same program runs there:
# its table must agree except in the lines listed in $known, each explained
# in docs/devices.md ("Where s370 and Hercules 3.13 differ"), and its files
# must be the same byte for byte.
. "$(dirname "$0")/lib.sh"
SRC=$(dirname "$0")/../arch/dev/io_csw_ur.s
GOLD=$(dirname "$0")/../arch/dev/io_csw_ur.expected

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1; then
	echo "skipped: binutils-s390x-linux-gnu is not installed"
	finish
fi
s390x-linux-gnu-as -m31 -o "$T/p.o" "$SRC" &&
	s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/p.elf" "$T/p.o" &&
	s390x-linux-gnu-objcopy -O binary "$T/p.elf" "$T/p.bin" || fail "cannot assemble $SRC"

# run DIR COMMAND...: a fresh card file and empty outputs in DIR, the
# configuration naming them by absolute path, then COMMAND in DIR.
conf() {
	printf 'CARD1\nCARD2\n' > "$1/cards.txt"
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n' > "$1/io.cnf"
	printf '000C 3505 %s/cards.txt ascii eof\n000D 3525 %s/punch.txt ascii\n' "$1" "$1" >> "$1/io.cnf"
	printf '000E 1403 %s/print.txt\n000F 3211 %s/print2.txt\n' "$1" "$1" >> "$1/io.cnf"
	printf '0010 3505 %s/cards.txt ascii intrq\n' "$1" >> "$1/io.cnf"
}

mkdir "$T/s"
conf "$T/s"
printf 'loadcore %s 0\nrestart\npause 1\nr C00.400\nquit\n' "$T/p.bin" > "$T/s/run.txt"
(cd "$T/s" && timeout 10 "$S370" -f io.cnf --script run.txt < /dev/null > out 2>&1)
expect_grep "$T/s/out" "disabled wait state PSW=00020000 80000000"
# "R:00000C00  xxxxxxxx xxxxxxxx xxxxxxxx xxxxxxxx  *...*": address and 4 words
sed -n 's/^R:\(........\)  \(.\{35\}\).*/\1 \2/p' "$T/s/out" > "$T/s.tab"
diff "$GOLD" "$T/s.tab" > "$T/d" || { fail "io_csw_ur table"; cat "$T/d"; }

# The punch: four cards, PUNCHED CARD on each (short ones padded).
for k in 1 2 3 4; do echo "PUNCHED CARD"; done > "$T/punch.want"
cmp "$T/punch.want" "$T/s/punch.txt" || fail "punch file"
# The 1403: HELLO, HELLO (the 140-byte line), a new page, down to line 63
# (channel 9: 62 line feeds), HELLO there.  The 3211: HELLO.
{ printf 'HELLO\nHELLO\n\f'; i=0; while [ $i -lt 62 ]; do printf '\n'; i=$((i + 1)); done; printf 'HELLO\n'; } \
	> "$T/print.want"
cmp "$T/print.want" "$T/s/print.txt" || { fail "printer file"; cat -A "$T/s/print.txt"; }
printf 'HELLO\n' > "$T/print2.want"
cmp "$T/print2.want" "$T/s/print2.txt" || fail "3211 printer file"

if command -v hercules >/dev/null 2>&1; then
	mkdir "$T/h"
	conf "$T/h"
	printf 'r C00.400\npause 1\nquit\n' > "$T/h/dump.rc" # (pause: quit may cut the dump short)
	printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\nloadcore %s 0\nrestart\n' "$T/h/dump.rc" "$T/p.bin" \
		> "$T/h/herc.rc"
	(cd "$T/h" && HERCULES_RC="$T/h/herc.rc" timeout -k 5 20 hercules -d -f io.cnf \
		< /dev/null > herc.out 2>&1)
	# "R:00000C00:K:06=xxxxxxxx xxxxxxxx xxxxxxxx xxxxxxxx  ....": the same
	sed -n 's/^R:\(........\):K:..=\(.\{35\}\).*/\1 \2/p' "$T/h/herc.out" > "$T/h.tab"
	[ -s "$T/h.tab" ] || fail "no table from Hercules"
	# C40 C60 CC0-D00: reader with eof at and after the end of file;
	# D40-D90: Feed; DC0: a short punch card; E20 F20: command reject;
	# EC0: a print line longer than the printer's; EE0: channel 12.
	known='^0000(0C40|0C60|0CC0|0CE0|0CF0|0D00|0D40|0D60|0D70|0D90|0DC0|0E20|0EC0|0EE0|0F20) '
	grep -Ev "$known" "$T/h.tab" > "$T/h.same"
	grep -Ev "$known" "$T/s.tab" > "$T/s.same"
	diff "$T/s.same" "$T/h.same" > "$T/d" || { fail "io_csw_ur differs from Hercules"; cat "$T/d"; }
	for f in punch.txt print.txt print2.txt; do
		cmp "$T/s/$f" "$T/h/$f" || fail "$f differs from Hercules"
	done
fi
finish
