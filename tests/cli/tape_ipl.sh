# IPL from tape (issue 6): an AWS tape whose first block is the 24-byte IPL
# record (PSW, then a Read of the second block at X'400' and a NOP); the
# program in that block writes a 16-byte block and a tape mark on a second
# drive, waits for the end with TEST I/O and loads a disabled-wait PSW
# 00020000 00C0FFEE (shown with the LPSW's ILC: 80C0FFEE).  The same tape
# converted to HET (zlib) by Hercules' hetupd IPLs too.  The tape written must list with Hercules' tapemap, and
# when Hercules 3.13 is installed the same IPL runs there and writes the
# same image byte for byte.  Then a damaged image is refused at attach.
. "$(dirname "$0")/lib.sh"

# AWS block header: length and previous length (little-endian), flags
hdr() { printf "\\$(printf %03o $(($1 & 255)))\\$(printf %03o $(($1 >> 8)))"; printf "\\$(printf %03o $(($2 & 255)))\\$(printf %03o $(($2 >> 8)))"; printf "\\$(printf %03o $3)\\000"; }
hex() { for b in $(echo "$1" | sed 's/ //g; s/../& /g'); do printf "\\$(printf %03o 0x$b)"; done; }
{
	hdr 24 0 160
	hex '00000000 00000400 02000400 60000080 03000000 20000001'
	hdr 128 24 160
	hex '41100440 50100048 9C000581 9D000581 4720040C 82000418 00020000 80C0FFEE'
	hex '00000000 00000000 00000000 00000000 00000000 00000000 00000000 00000000'
	hex '01000460 40000010 1F000000 20000001 00000000 00000000 00000000 00000000'
	hex 'E2F3F7F0 40E3C1D7 C540C2D3 D6C3D25A 00000000 00000000 00000000 00000000'
	hdr 0 128 64
} > "$T/ipl.aws"
[ "$(wc -c < "$T/ipl.aws")" = 170 ] || fail "the test tape is $(wc -c < "$T/ipl.aws") bytes"

printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0580 3420 ipl.aws ro\n0581 3420 out.aws\n' \
	> "$T/aws.cnf"
sed 's/ipl\.aws/ipl.het/' "$T/aws.cnf" > "$T/het.cnf"
for kind in aws het; do
	[ $kind = het ] && { command -v hetupd >/dev/null 2>&1 || continue; }
	mkdir "$T/$kind" && cp "$T/ipl.aws" "$T/$kind/"
	if [ $kind = het ]; then
		(cd "$T/het" && hetupd -z ipl.aws ipl.het > /dev/null 2>&1) || fail "hetupd"
	fi
	printf 'ipl 0580\n' > "$T/$kind/rc"
	(cd "$T/$kind" && timeout 10 "$S370" -f "$T/$kind.cnf" --script rc --exit-on-wait < /dev/null > out 2> err)
	expect_rc $? 0 "tape IPL ($kind)"
	[ "$(cat "$T/$kind/out")" = "PSW=00020000 80C0FFEE" ] || { fail "tape IPL ($kind) ended with $(cat "$T/$kind/out")"; cat "$T/$kind/err"; }
	# the tape written: 16 + 6 + 6 bytes, header 10 00 00 00 A0 00
	[ "$(od -An -tx1 -N6 "$T/$kind/out.aws" | tr -d ' ')" = "10000000a000" ] || fail "out.aws header ($kind)"
	[ "$(wc -c < "$T/$kind/out.aws")" = 28 ] || fail "out.aws size ($kind)"
done
if command -v tapemap >/dev/null 2>&1; then
	tapemap "$T/aws/out.aws" > "$T/map" 2>&1
	expect_grep "$T/map" "File 1: Blocks=1, block size min=16, max=16"
fi
if command -v hercules >/dev/null 2>&1; then
	mkdir "$T/h" && cp "$T/ipl.aws" "$T/h/" && : > "$T/h/out.aws" # Hercules does not create it
	printf 'psw\npause 1\nquit\n' > "$T/h/quit.rc" # psw: quit may drop the wait message's PSW line
	printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\nipl 0580\n' "$T/h/quit.rc" > "$T/h/herc.rc"
	(cd "$T/h" && HERCULES_RC="$T/h/herc.rc" timeout -k 5 20 hercules -d -f "$T/aws.cnf" < /dev/null > herc.out 2>&1)
	expect_grep "$T/h/herc.out" "PSW=00020000 80C0FFEE"
	cmp "$T/h/out.aws" "$T/aws/out.aws" > /dev/null || fail "the tape written differs from Hercules'"
fi

# A damaged image is refused at attach with the reason; the machine runs on.
head -c 100 "$T/ipl.aws" > "$T/bad.aws"
printf 'attach 0582 3420 bad.aws\ndevlist\nquit\n' > "$T/rc2"
(cd "$T" && timeout 10 "$S370" -f "$T/aws.cnf" --script rc2 < /dev/null > out2 2>&1)
expect_grep "$T/out2" "block header at offset 30: block data runs past the end of the file (truncated)"
expect_grep "$T/out2" "0581 3420"
finish
