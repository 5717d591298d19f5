# tape_map.sh — `tape map` (tools/tapemap.c, docs/tools.md) on AWS tapes
# written here header by header: a standard-label tape (VOL1, HDR1, HDR2,
# tape mark, data, tape mark, EOF1, EOF2, two tape marks) and an unlabelled
# one with runs of block sizes and a block in two chunks; the exact map of
# each; a truncated image and bad arguments.
. "$(dirname "$0")/lib.sh"
TP=$(dirname "$S370")/tools/tape
[ -x "$TP" ] || { echo "FAIL: no $TP"; exit 1; }

PREV=0
le16() { # two bytes, little-endian, as hex
	printf '%02X%02X' $(($1 & 255)) $(($1 >> 8))
}
hdr() { # hdr FILE LEN FLAGS: append a 6-byte AWS chunk header
	bin "$T/h" "$(le16 "$2") $(le16 "$PREV") $3 00"
	cat "$T/h" >> "$1"
	PREV=$2
}
block() { # block FILE LEN [CHAR]: a whole block of LEN bytes of CHAR
	hdr "$1" "$2" A0
	head -c "$2" /dev/zero | tr '\0' "${3:-A}" >> "$1"
}
label() { # label FILE TEXT: an 80-byte EBCDIC label block
	hdr "$1" 80 A0
	printf '%-80.80s' "$2" | iconv -f ASCII -t IBM037 >> "$1"
}
tm() {
	hdr "$1" 0 40
	PREV=0
}

# ---- a standard-label tape ----
A=$T/sl.aws
: > "$A"
label "$A" "VOL1TAPE01"
label "$A" "$(printf 'HDR1%-17s%-6s%s' MY.DATA.SET TAPE01 00010001)"
label "$A" "HDR2F0080000080"
tm "$A"
block "$A" 800
block "$A" 800
block "$A" 800
block "$A" 400
tm "$A"
label "$A" "$(printf 'EOF1%-17s%-6s%s%-19s%s' MY.DATA.SET TAPE01 00010001 '' 000004)"
label "$A" "EOF2F0080000080"
tm "$A"
tm "$A"
"$TP" map "$A" > "$T/sl.out" 2>&1
expect_rc $? 0 "map sl.aws"
same "$T/sl.out" "$A: AWS tape image
file 1: 3 blocks: 3 x 80
  VOL1 volume TAPE01
  HDR1 MY.DATA.SET, file 0001
  HDR2 recfm F, block 00800, lrecl 00080
tape mark
file 2: 4 blocks: 3 x 800, 1 x 400
tape mark
file 3: 2 blocks: 2 x 80
  EOF1 MY.DATA.SET, file 0001, 000004 blocks
  EOF2 recfm F, block 00800, lrecl 00080
tape mark
tape mark
end of data: 9 blocks (3200 bytes), 4 tape marks"

# ---- unlabelled: runs of sizes, a block in two chunks, no closing tape mark ----
U=$T/nl.aws
: > "$U"
PREV=0
for i in 1 2 3 4 5; do block "$U" 100; done
block "$U" 7
for i in 1 2 3 4 5; do block "$U" 100; done
tm "$U"
hdr "$U" 600 80 # one block of 1000 bytes: 600 ...
head -c 600 /dev/zero >> "$U"
hdr "$U" 400 20 # ... and 400
head -c 400 /dev/zero >> "$U"
block "$U" 1000 B
block "$U" 1
"$TP" map "$U" > "$T/nl.out" 2>&1
expect_rc $? 0 "map nl.aws"
same "$T/nl.out" "$U: AWS tape image
file 1: 11 blocks: 5 x 100, 1 x 7, 5 x 100
tape mark
file 2: 3 blocks: 2 x 1000, 1 x 1
end of data: 14 blocks (3008 bytes), 1 tape mark"

# ---- an empty tape ----
: > "$T/empty.aws"
"$TP" map "$T/empty.aws" > "$T/empty.out" 2>&1
expect_rc $? 0 "map empty"
same "$T/empty.out" "$T/empty.aws: AWS tape image
end of data: 0 blocks (0 bytes), 0 tape marks"

# ---- damaged and bad arguments ----
cp "$A" "$T/cut.aws"
truncate -s 1000 "$T/cut.aws"
"$TP" map "$T/cut.aws" > "$T/cut.out" 2>&1
expect_rc $? 1 "map cut.aws"
same "$T/cut.out" "tape: $T/cut.aws: block header at offset 264: block data runs past the end of the file (truncated)"
cp "$A" "$T/prev.aws"
bin "$T/h" "09"
dd if="$T/h" of="$T/prev.aws" bs=1 seek=88 conv=notrunc 2> /dev/null # second header's previous length
"$TP" map "$T/prev.aws" > "$T/prev.out" 2>&1
expect_rc $? 1 "map prev.aws"
same "$T/prev.out" "tape: $T/prev.aws: block header at offset 86: previous-length field does not match the chunk before"
"$TP" map "$T/none.aws" > "$T/none.out" 2>&1
expect_rc $? 2 "map none"
same "$T/none.out" "tape: $T/none.aws: No such file or directory"
"$TP" list "$A" > "$T/sub.out" 2>&1
expect_rc $? 2 "tape list"
expect_grep "$T/sub.out" "tape: unknown subcommand 'list' (map)"
"$TP" map > "$T/noarg.out" 2>&1
expect_rc $? 2 "tape map without a file"
expect_grep "$T/noarg.out" "tape: map: expected one FILE"
"$TP" --help > "$T/help.out" 2>&1
expect_rc $? 0 "tape --help"
expect_grep "$T/help.out" "usage: tape map FILE"
finish
