# Tape and FBA channel programs (issue 6): tests/arch/dev/io_tape.s on two
# 3420s, io_tape3480.s on two 3480s and io_fba.s on a 3370 and a 3310 store a table of
# condition codes, CSWs, sense bytes and data at X'8000' (96 bytes a case).
# The table must be the golden one (tests/arch/dev/*.expected) and
# the images written must be as expected.  When Hercules 3.13 is installed
# the same programs run there on the same images: the tables must agree
# except in the cases listed below (docs/devices.md says why), and the
# images written must be the same byte for byte.
#   tape: 0 28 34 a command refused at once: CC 1 and the CSW stored in
#         s370, CC 0 and an interruption in Hercules; 24 Read Backward over
#         a tape mark from the end; 33 Rewind Unload (Hercules: CUE and UC);
#         35 a protected Write (Hercules adds incorrect length)
#   3480: the same, and 28 X'12' (Hercules ends it with status 0, we reject
#         it), 48 51 52 53 commands refused at once (CC 1; and for Assign
#         Hercules takes the 11 bytes first)
#   fba:  4 25 26 30 a rejected Read or Write (Hercules adds incorrect length)
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
command -v s390x-linux-gnu-as > /dev/null 2>&1 || { echo "skipped: binutils-s390x-linux-gnu is not installed"; finish; }

# The images: an empty tape, a tape of one 80-byte block of 'A' and a tape
# mark, two FBA images of 1000 blocks with a VOL1 label in block 1.
setup() {
	: > "$1/t.aws"
	{ printf '\120\000\000\000\240\000'; head -c 80 /dev/zero | tr '\0' 'A'; printf '\000\000\120\000\100\000'; } > "$1/ro.aws"
	for f in f g; do
		head -c 512000 /dev/zero > "$1/$f.fba"
		printf '\345\326\323\361\345\326\323\360\360\361' | dd of="$1/$f.fba" bs=1 seek=512 conv=notrunc 2> /dev/null
	done
}
printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0580 3420 t.aws\n0581 3420 ro.aws ro\n0120 3370 f.fba\n0121 3310 g.fba\n' > "$T/io.cnf"
sed 's/ 3420 / 3480 /' "$T/io.cnf" > "$T/io3480.cnf"

# the table as "ADDRESS WORDS" lines, from s370's or Hercules' r output
s370_tab() { sed -n 's/^R:\(........\)  \(.*\)  \*.*/\1 \2/p' "$1"; }
herc_tab() { sed -n 's/^R:\(........\):K:..=\([0-9A-F ]*[0-9A-F]\) .*/\1 \2/p' "$1"; }
# drop the lines of the cases given (96 bytes, 6 lines each)
drop() {
	pat=
	for k in $1; do
		for l in 0 1 2 3 4 5; do pat="$pat|$(printf %08X $((0x8000 + 96 * k + 16 * l)))"; done
	done
	grep -Ev "^(${pat#|}) "
}

for prog in io_tape io_tape3480 io_fba; do
	src=$DIR/tests/arch/dev/$prog.s
	s390x-linux-gnu-as -m31 -o "$T/$prog.o" "$src" &&
		s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/$prog.elf" "$T/$prog.o" &&
		s390x-linux-gnu-objcopy -O binary "$T/$prog.elf" "$T/$prog.bin" || fail "cannot assemble $src"
	cnf=$T/io.cnf
	case $prog in
	io_tape) n=40 known="0 24 28 33 34 35" ;;
	io_tape3480) n=58 known="24 28 33 34 35 48 51 52 53" cnf=$T/io3480.cnf ;;
	io_fba) n=57 known="4 25 26 30" ;;
	esac
	len=$(printf %X $((96 * n)))
	mkdir "$T/s.$prog" && setup "$T/s.$prog"
	printf 'loadcore %s 0\nrestart\npause 1\nr 8000.%s\nquit\n' "$T/$prog.bin" "$len" > "$T/s.$prog/run.txt"
	(cd "$T/s.$prog" && timeout 20 "$S370" -f "$cnf" --script run.txt < /dev/null > out 2>&1)
	expect_grep "$T/s.$prog/out" "disabled wait state PSW=00020000 80000000"
	s370_tab "$T/s.$prog/out" > "$T/$prog.s370"
	diff "$DIR/tests/arch/dev/$prog.expected" "$T/$prog.s370" > "$T/d" || { fail "$prog table"; cat "$T/d"; }
	if command -v hercules > /dev/null 2>&1; then
		mkdir "$T/h.$prog" && setup "$T/h.$prog"
		printf 'r 8000.%s\nquit\n' "$len" > "$T/h.$prog/dump.rc"
		printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\nloadcore %s 0\nrestart\n' "$T/h.$prog/dump.rc" \
			"$T/$prog.bin" > "$T/h.$prog/herc.rc"
		(cd "$T/h.$prog" && HERCULES_RC="$T/h.$prog/herc.rc" timeout -k 5 30 hercules -d -f "$cnf" \
			< /dev/null > herc.out 2>&1)
		herc_tab "$T/h.$prog/herc.out" > "$T/$prog.herc"
		[ -s "$T/$prog.herc" ] || fail "no table from Hercules ($prog)"
		drop "$known" < "$T/$prog.herc" > "$T/h.same"
		drop "$known" < "$T/$prog.s370" > "$T/s.same"
		diff "$T/h.same" "$T/s.same" > "$T/d" || { fail "$prog differs from Hercules"; cat "$T/d"; }
		for f in t.aws f.fba g.fba; do
			cmp "$T/h.$prog/$f" "$T/s.$prog/$f" > /dev/null || fail "$prog: $f differs from Hercules'"
		done
	fi
done
# the tape written: 80 40 TM 20 TM TM (176 bytes); the protected one untouched
[ "$(wc -c < "$T/s.io_tape/t.aws")" = 176 ] || fail "t.aws is $(wc -c < "$T/s.io_tape/t.aws") bytes"
[ "$(wc -c < "$T/s.io_tape/ro.aws")" = 92 ] || fail "ro.aws was written"
if command -v tapemap > /dev/null 2>&1; then
	tapemap "$T/s.io_tape/t.aws" > "$T/map" 2>&1
	expect_grep "$T/map" "File 1: Blocks=2, block size min=40, max=80"
	expect_grep "$T/map" "File 2: Blocks=1, block size min=20, max=20"
fi
finish
