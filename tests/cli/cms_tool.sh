# cms_tool.sh — the `cmsfs` host tool (tools/cmsfs.c, docs/cms-format.md):
# a 3350 volume made by `dasd init` gets a CMS file system on a minidisk of
# cylinders 1-3, and an FBA 3370 one on blocks 16..; text files go in (F
# and V records), `ls` lists them, `cat`/`get` give the exact text back,
# --ebcdic the stored bytes; rename, rm, check; both labels damaged: not a
# CMS disk; the nucleus area: a test program on a CMS minidisk IPLed by the
# machine itself must find its first, middle and last bytes where they
# belong; bad arguments and images: exit 2 and a message naming what was
# wrong.
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/nucprog.inc"
B=$(dirname "$S370")
D=$B/tools/dasd
C=$B/tools/cmsfs
[ -x "$C" ] || { echo "FAIL: no $C"; exit 1; }
# listing FILE: `ls` output without its dates
listing() {
	sed -E 's/ [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$//' "$1"
}

V=$T/v.3350
run init 0 "$D" init "$V" 3350 CMS001 5
X="-x 1,3"
# never formatted: not a CMS disk
run unformatted 1 "$C" "$V" $X ls
same "$T/unformatted.out" "cmsfs: $V: not a CMS disk (its label cannot be read): FORMAT it first (rc 40)"
run format 0 "$C" "$V" $X format mydisk
same "$T/format.out" "$V: CMS file system MYDISK, 360 blocks of 4K"
run empty-ls 0 "$C" "$V" $X ls
[ -s "$T/empty-ls.out" ] && fail "ls of an empty disk: $(cat "$T/empty-ls.out")"

printf 'Hello, CMS!\n  two leading blanks, two trailing  \n\nlower case & symbols: $#@ {}[] <>\nlast line without newline' > "$T/t.txt"
run put-f 0 "$C" "$V" $X put "$T/t.txt" hello text
run put-v 0 "$C" "$V" $X put "$T/t.txt" hello vtext A2 --recfm V
run put-f20 0 "$C" "$V" $X put "$T/t.txt" short data --lrecl 40
run ls 0 "$C" "$V" $X ls
listing "$T/ls.out" > "$T/ls.txt"
same "$T/ls.txt" "HELLO    TEXT     A1 F    80        5      2
HELLO    VTEXT    A2 V    36        5      2
SHORT    DATA     A1 F    40        5      2"
grep -qE ' [0-9]{4}-[0-9]{2}-[0-9]{2} [0-9]{2}:[0-9]{2}:[0-9]{2}$' "$T/ls.out" || fail "ls: no date and time"
# F: trailing blanks trimmed; V: as written (an empty line is a record of one blank)
run cat-f 0 "$C" "$V" $X cat hello text
printf 'Hello, CMS!\n  two leading blanks, two trailing\n\nlower case & symbols: $#@ {}[] <>\nlast line without newline\n' > "$T/want-f"
cmp -s "$T/want-f" "$T/cat-f.out" || { fail "cat F"; cat "$T/cat-f.out"; }
printf 'Hello, CMS!\n  two leading blanks, two trailing  \n \nlower case & symbols: $#@ {}[] <>\nlast line without newline\n' > "$T/want-v"
run cat-v 0 "$C" "$V" $X cat hello vtext
cmp -s "$T/want-v" "$T/cat-v.out" || { fail "cat V"; cat "$T/cat-v.out"; }
run get 0 "$C" "$V" $X get hello vtext "$T/got.txt"
cmp -s "$T/want-v" "$T/got.txt" || fail "get V"
# --ebcdic: the records as stored, 5 x 80 bytes, "Hello" in EBCDIC first
run cat-e 0 "$C" "$V" $X cat hello text --ebcdic
[ "$(wc -c < "$T/cat-e.out")" -eq 400 ] || fail "cat --ebcdic: $(wc -c < "$T/cat-e.out") bytes"
bin "$T/hello.e" "C8 85 93 93 96 6B 40 C3 D4 E2 5A 40 40"
head -c 13 "$T/cat-e.out" | cmp -s - "$T/hello.e" || fail "cat --ebcdic: not the EBCDIC bytes"
# and back in as F 80 records
run put-e 0 "$C" "$V" $X put "$T/cat-e.out" copy text --ebcdic
run cat-copy 0 "$C" "$V" $X cat copy text
cmp -s "$T/want-f" "$T/cat-copy.out" || fail "put --ebcdic"

# a file of many blocks: 3000 numbered lines
seq -f 'line %05g of a file of many blocks' 1 3000 > "$T/big.txt"
run put-big 0 "$C" "$V" $X put "$T/big.txt" big file --recfm v
run cat-big 0 "$C" "$V" $X cat big file
cmp -s "$T/big.txt" "$T/cat-big.out" || fail "big file"

run rename 0 "$C" "$V" $X rename short data long data
run rename-exists 1 "$C" "$V" $X rename long data hello text
same "$T/rename-exists.out" "cmsfs: $V: file HELLO TEXT A already exists (rc 44)"
run rm 0 "$C" "$V" $X rm copy text
run rm-again 1 "$C" "$V" $X rm copy text
same "$T/rm-again.out" "cmsfs: $V: file COPY TEXT A not found (rc 28)"
run cat-none 1 "$C" "$V" $X cat no such
run ls2 0 "$C" "$V" $X ls
listing "$T/ls2.out" > "$T/ls2.txt"
same "$T/ls2.txt" "HELLO    TEXT     A1 F    80        5      2
HELLO    VTEXT    A2 V    36        5      2
LONG     DATA     A1 F    40        5      2
BIG      FILE     A1 V    35     3000     29"
run info 0 "$C" "$V" $X info
same "$T/info.out" "label MYDISK, 360 blocks of 4K, 41 in use, 4 files"
run check 0 "$C" "$V" $X check
same "$T/check.out" "$V: consistent"
run dasd-check 0 "$D" check -q "$V"
# the volume label is outside the minidisk: untouched
run dasd-ls 0 "$D" ls "$V"
expect_grep "$T/dasd-ls.out" "volume CMS001"
# read-only: -r refuses what writes, reads work
run ro-put 2 "$C" -r "$V" $X put "$T/t.txt" x y
same "$T/ro-put.out" "cmsfs: $V: opened read-only (-r): 'put' writes, not done"
run ro-cat 0 "$C" -r "$V" $X cat long data

# both labels damaged (blocks 2 and 3: R3 and R4 of the minidisk's first
# track, cylinder 1 head 0): not a CMS disk any more
TRK=19456
OFF=$((512 + 30 * TRK + 5 + 16 + 2 * 4104 + 8))
printf 'XXXX' | dd of="$V" bs=1 seek=$((OFF + 100)) conv=notrunc 2> /dev/null
run one-label 0 "$C" "$V" $X check
printf 'XXXX' | dd of="$V" bs=1 seek=$((OFF + 4104 + 100)) conv=notrunc 2> /dev/null
run no-label 1 "$C" "$V" $X check
same "$T/no-label.out" "$V: 1 problem; the first: not a CMS disk (no valid label): FORMAT it first"

# ---- CCKD: a compressed 3380, the minidisk cylinders 1-2 (300 blocks) ----
Z=$T/z.3380
run init-z 0 "$D" init -z "$Z" 3380 CMS003
run format-z 0 "$C" "$Z" -x 1,2 format zdisk
same "$T/format-z.out" "$Z: CMS file system ZDISK, 300 blocks of 4K"
run put-z 0 "$C" "$Z" -x 1,2 put "$T/big.txt" big file --recfm v
run cat-z 0 "$C" "$Z" -x 1,2 cat big file
cmp -s "$T/big.txt" "$T/cat-z.out" || fail "CCKD big file"
run check-z 0 "$C" "$Z" -x 1,2 check
run dasd-check-z 0 "$D" check -q "$Z"
same "$T/dasd-check-z.out" "consistent"

# ---- FBA: a 3370 of 4000 blocks, the minidisk blocks 16-3999 ----
F=$T/f.3370
run init-fba 0 "$D" init "$F" 3370 CMS002 4000
run format-fba 0 "$C" "$F" -x 16,3984 format fba1
same "$T/format-fba.out" "$F: CMS file system FBA1, 498 blocks of 4K"
run put-fba 0 "$C" "$F" -x 16,3984 put "$T/big.txt" big file --recfm f --lrecl 40
run cat-fba 0 "$C" "$F" -x 16,3984 cat big file
cmp -s "$T/big.txt" "$T/cat-fba.out" || fail "FBA big file"
run check-fba 0 "$C" "$F" -x 16,3984 check
run nucleus-fba 1 "$C" "$F" -x 16,3984 nucleus "$T/t.txt"
expect_grep "$T/nucleus-fba.out" "an IPL-able disk must be CKD"
run vol1-fba 2 "$C" "$F" format whole
expect_grep "$T/vol1-fba.out" "holds the volume's VOL1 label"

# ---- bad arguments and images: exit 2, the culprit named ----
run no-args 2 "$C"
expect_grep "$T/no-args.out" "usage: cmsfs"
run help 0 "$C" --help
run unknown-cmd 2 "$C" "$V" $X frobnicate
same "$T/unknown-cmd.out" "cmsfs: unknown command 'frobnicate' (cmsfs --help)"
run unknown-opt 2 "$C" -q "$V" ls
same "$T/unknown-opt.out" "cmsfs: unknown option '-q' (cmsfs --help)"
run bad-x 2 "$C" "$V" -x 1 ls
same "$T/bad-x.out" "cmsfs: -x 1: expected FIRST,COUNT (two numbers, COUNT at least 1)"
run big-x 2 "$C" "$V" -x 3,9 ls
same "$T/big-x.out" "cmsfs: -x 3,9: the volume has cylinders 0-4"
run missing 2 "$C" "$T/nothere" ls
same "$T/missing.out" "cmsfs: $T/nothere: No such file or directory"
printf 'not an image\n' > "$T/junk"
run junk 2 "$C" "$T/junk" ls
same "$T/junk.out" "cmsfs: $T/junk: not a DASD image (no CKD header, and not whole 512-byte blocks)"
run put-nohost 2 "$C" "$F" -x 16,3984 put "$T/nothere" a b
same "$T/put-nohost.out" "cmsfs: $T/nothere: No such file or directory"
run put-long 2 "$C" "$F" -x 16,3984 put "$T/t.txt" a b --lrecl 10
same "$T/put-long.out" "cmsfs: $T/t.txt: line 1 has 11 characters, more than the record length 10"
run put-recfm 2 "$C" "$F" -x 16,3984 put "$T/t.txt" a b --recfm U
same "$T/put-recfm.out" "cmsfs: put: --recfm U: F or V"
run put-lrecl 2 "$C" "$F" -x 16,3984 put "$T/t.txt" a b --lrecl 0
same "$T/put-lrecl.out" "cmsfs: put: --lrecl 0: 1 to 65535"
run put-name 2 "$C" "$F" -x 16,3984 put "$T/t.txt" toolongname b
same "$T/put-name.out" "cmsfs: 'toolongname b A': a file name has 1 to 8 characters"
run put-pattern 2 "$C" "$F" -x 16,3984 put "$T/t.txt" a 'b*'
same "$T/put-pattern.out" "cmsfs: 'a b*': a pattern where one file is meant"
run put-args 2 "$C" "$F" -x 16,3984 put "$T/t.txt"
same "$T/put-args.out" "cmsfs: put: expected HOSTFILE FN FT [FM]"
run format-label 2 "$C" "$F" -x 16,3984 format sevenchr
same "$T/format-label.out" "cmsfs: format: label 'sevenchr': 1 to 6 characters"
run format-2311 2 sh -c "'$D' init '$T/o.2311' 2311 OLD001 2 > /dev/null && '$C' '$T/o.2311' ls"
same "$T/format-2311.out" "cmsfs: $T/o.2311: a 2311; CMS's 4K blocks need a 2314, 3330, 3340, 3350, 3375 or 3380"
# nothing above damaged the FBA disk
run check-fba2 0 "$C" "$F" -x 16,3984 check

# ---- the nucleus area: IPL of a CMS minidisk by the machine ----
if command -v s390x-linux-gnu-as > /dev/null 2>&1; then
	nucprog "$T/prog.bin" # a wait with X'AAA' when its two markers are loaded, else X'BAD'
	I=$T/ipl.3350
	run init-ipl 0 "$D" init -r "$I" 3350 5
	run format-ipl 0 "$C" "$I" format s190
	run put-ipl 0 "$C" "$I" put "$T/t.txt" profile exec
	run nucleus 0 "$C" "$I" nucleus "$T/prog.bin"
	same "$T/nucleus.out" "$I: nucleus of 614400 bytes; IPL loads it at X'10000'"
	run check-ipl 0 "$C" "$I" check
	run cat-ipl 0 "$C" "$I" cat profile exec
	cmp -s "$T/want-f" "$T/cat-ipl.out" || fail "a file beside the nucleus"
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$I" > "$T/s.cnf"
	printf 'ipl 0190\n' > "$T/ipl.rc"
	timeout 20 "$S370" -f "$T/s.cnf" --script "$T/ipl.rc" --exit-on-wait < /dev/null > "$T/ipl.out" 2> "$T/ipl.err"
	expect_rc $? 0 "ipl"
	[ "$(cat "$T/ipl.out")" = "PSW=00020000 80000AAA" ] || { fail "ipl ended with $(cat "$T/ipl.out")"; cat "$T/ipl.err"; }
	run nucleus-big 2 sh -c "head -c 900000 /dev/zero > '$T/huge.bin' && '$C' '$I' nucleus '$T/huge.bin'"
	same "$T/nucleus-big.out" "cmsfs: $T/huge.bin: too large; a nucleus has 1 to 819200 bytes"
fi
finish
