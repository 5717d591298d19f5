# An IPL from a card deck (issue 5): tests/arch/dev/cardipl.s, made into a
# self-loading deck by tools/mkdeck with three text cards after it, IPLs
# from a 3505 at 00C and prints on a 1403 at 00E and punches on a 3525 at
# 00D.  The printer file must be the golden tests/arch/dev/cardipl.prt (as
# `cat -A | uniq -c`) and the punch file the stacker-2 card and the three
# text cards.  When Hercules 3.13 is installed the same deck runs there;
# its files must be the same byte for byte except the two differences that
# s370 makes on purpose (docs/devices.md): unit exception when spacing
# onto the channel 12 and channel 9 lines (0D000001 where Hercules has
# 0C000001), and no incorrect length on a Read that finds no card
# (0E000050 where Hercules has 0E400050).  Then device statements that are
# errors and devinit of the reader.  The run is
# repeated and ended by SIGTERM: both files must be complete.
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
SRC=$DIR/tests/arch/dev/cardipl.s

if command -v s390x-linux-gnu-as >/dev/null 2>&1; then
	MKDECK=$(dirname "$S370")/tools/mkdeck
	if [ ! -x "$MKDECK" ]; then
		MKDECK=$T/mkdeck
		cc -std=c11 -O2 -o "$MKDECK" "$DIR/tools/mkdeck.c" || fail "cannot build tools/mkdeck.c"
	fi
	s390x-linux-gnu-as -m31 -o "$T/c.o" "$SRC" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext=0x800 -e 0x800 -o "$T/c.elf" "$T/c.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/c.elf" "$T/c.bin" || fail "cannot assemble $SRC"
	cat > "$T/text.txt" <<'TEXT'
FIRST TEXT CARD
  second card, lower case & symbols: $#@!%
THIRD CARD WITH A VERY LONG LINE THAT GOES ON BEYOND EIGHTY COLUMNS ............ CUT HERE
TEXT
	"$MKDECK" -o 800 "$T/c.bin" "$T/text.txt" > "$T/deck.bin" || fail "mkdeck"
	mkdir "$T/s" "$T/h"
	cp "$T/deck.bin" "$T/s/" && cp "$T/deck.bin" "$T/h/"
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n000C 3505 deck.bin ebcdic\n000D 3525 punch.bin ebcdic\n000E 1403 out.txt\n' > "$T/conf"
	printf 'ipl 00C\n' > "$T/s/rc"
	(cd "$T/s" && timeout 20 "$S370" -f "$T/conf" --script rc --exit-on-wait < /dev/null > out 2> err)
	expect_rc $? 0 "card IPL"
	[ "$(cat "$T/s/out")" = "PSW=00020000 80000000" ] || fail "card IPL ended with $(cat "$T/s/out")"
	cat -A "$T/s/out.txt" | uniq -c > "$T/s/prt"
	diff "$DIR/tests/arch/dev/cardipl.prt" "$T/s/prt" > "$T/d" || { fail "printer file"; cat "$T/d"; }
	# the punch: "PUNCHED TO STACKER 2" then the three text cards of the deck
	bin "$T/p2" "D7E4D5C3C8C5C440E3D640E2E3C1C3D2C5D940F2"
	printf '%060d' 0 | tr 0 '\100' >> "$T/p2"
	tail -c 240 "$T/deck.bin" >> "$T/p2"
	cmp "$T/p2" "$T/s/punch.bin" || fail "punch file"
	# the same run ended by SIGTERM while the CPU waits: the files are complete
	mkdir "$T/t" && cp "$T/deck.bin" "$T/t/"
	(cd "$T/t" && exec timeout 20 "$S370" -f "$T/conf" --script "$T/s/rc" --daemon < /dev/null > out 2>&1) &
	pid=$!
	sleep 1
	kill -TERM $pid
	wait $pid
	expect_rc $? 0 "SIGTERM"
	cmp "$T/s/out.txt" "$T/t/out.txt" || fail "printer file after SIGTERM"
	cmp "$T/s/punch.bin" "$T/t/punch.bin" || fail "punch file after SIGTERM"
	if command -v hercules >/dev/null 2>&1; then
		printf 'ipl 00C\npause 3\nquit\n' > "$T/h/rc"
		(cd "$T/h" && HERCULES_RC=rc timeout -k 5 20 hercules -d -f "$T/conf" < /dev/null > herc.out 2>&1)
		expect_grep "$T/h/herc.out" "PSW=00020000 80000000"
		sed 's/^0D000001 0C000001 0D000001 0C000000/0C000001 0C000001 0C000001 0C000000/; s/0E000050/0E400050/g' \
			"$T/s/out.txt" > "$T/s/as-herc.txt"
		cmp "$T/h/out.txt" "$T/s/as-herc.txt" || { fail "printer file differs from Hercules"; diff "$T/h/out.txt" "$T/s/out.txt"; }
		cmp "$T/h/punch.bin" "$T/s/punch.bin" || fail "punch file differs from Hercules"
	fi
else
	echo "skipped the card IPL: binutils-s390x-linux-gnu is not installed"
fi

# Device statements that are errors name the option; devinit loads cards.
cd "$T"
printf 'MAINSIZE 1\n000E 1403 p.txt bogus\n' > bad1.cnf
timeout 10 "$S370" -f bad1.cnf < /dev/null > out 2>&1
expect_rc $? 1 "bad printer option"
expect_grep out "bad1.cnf:2: device 000E 1403: unknown option bogus"
printf 'MAINSIZE 1\n000E 1403 p.txt fcb=1,2,3\n' > bad2.cnf
timeout 10 "$S370" -f bad2.cnf < /dev/null > out 2>&1
expect_rc $? 1 "bad fcb"
expect_grep out "bad2.cnf:2: device 000E 1403: bad option fcb=1,2,3"
printf 'MAINSIZE 1\n000C 3505 nosuch.txt\n' > bad3.cnf
timeout 10 "$S370" -f bad3.cnf < /dev/null > out 2>&1
expect_rc $? 1 "missing reader file"
expect_grep out "bad3.cnf:2: device 000C 3505: cannot open nosuch.txt"
printf 'MAINSIZE 1\n000D 3525 q.txt ascii crlf\n000F 3525 q2.txt bogus\n' > bad4.cnf
timeout 10 "$S370" -f bad4.cnf < /dev/null > out 2>&1
expect_rc $? 1 "bad punch option"
expect_grep out "bad4.cnf:3: device 000F 3525: unknown option bogus (expected ascii, ebcdic, crlf or noclear)"

printf 'card one\n' > a.txt
printf 'MAINSIZE 1\n000C 3505 *\n000E 1403 p.txt\n' > good.cnf
printf 'devlist\ndevinit 000C a.txt eof\ndevlist\nquit\n' > cmds
timeout 10 "$S370" -f good.cnf < cmds > out 2>&1
expect_rc $? 0 "devinit"
expect_grep out "000C 3505"
expect_grep out "* intrq empty, cards 0"
expect_grep out "devinit: 000C initialized"
expect_grep out "a.txt [1/1] eof cards 0"

finish
