# A channel program overwrites instructions the CPU has already decoded:
# tests/arch/dev/io_smc.s runs a subroutine 16 times, reads a binary card
# over it through a 3505, and calls it again: the new instructions must run
# (the block cache, s370/icache.c, must compare its bytes again after I/O).
# The card holds LA 5,2; BR 14 and zeros.  Success is the disabled wait
# with IA 0; IA X'BAD' means the old code ran.
. "$(dirname "$0")/lib.sh"
SRC=$(dirname "$0")/../arch/dev/io_smc.s

if ! command -v s390x-linux-gnu-as >/dev/null 2>&1; then
	echo "skipped: binutils-s390x-linux-gnu is not installed"
	finish
fi
s390x-linux-gnu-as -m31 -o "$T/p.o" "$SRC" &&
	s390x-linux-gnu-ld -m elf_s390 -Ttext=0 -e 0 -o "$T/p.elf" "$T/p.o" &&
	s390x-linux-gnu-objcopy -O binary "$T/p.elf" "$T/p.bin" || fail "cannot assemble $SRC"

zeros=$(printf '%0148d' 0)
bin "$T/card.bin" "4150000207FE$zeros"
printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n000C 3505 %s ebcdic\n' "$T/card.bin" > "$T/smc.cnf"
printf 'loadcore %s 0\nrestart\n' "$T/p.bin" > "$T/run.txt"
timeout 20 "$S370" -f "$T/smc.cnf" --script "$T/run.txt" --exit-on-wait < /dev/null > "$T/out" 2> "$T/err"
expect_rc $? 0 "s370"
[ "$(cat "$T/out")" = "PSW=00020000 80000000" ] || { fail "io_smc ended with $(cat "$T/out")"; cat "$T/err"; }
finish
