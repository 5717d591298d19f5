# dasd_interop.sh — the host tools and Hercules 3.13's, both ways (issue 6):
#  - volumes made by Hercules' dasdinit (CKD, zlib and bzip2 CCKD, FBA) pass
#    `dasd check`; `dasd ls` shows their label (dasdinit writes no VTOC)
#  - volumes made by Hercules' dasdload (data sets from files, CKD and CCKD)
#    are listed by `dasd ls` and printed by `dasd cat` exactly
#  - volumes made by `dasd init` pass `cckdcdsk -3` silently and list with
#    `dasdls`
#  - s370 writes the IPL track (tests/arch/dev/ckdload.s) of a dasdinit
#    volume and of a `dasd init` one: `dasd check` and `cckdcdsk` accept the
#    result; an s370 killed with the image open leaves "needs recovery",
#    which `--repair` turns into an image cckdcdsk accepts with no message
#  - tapes made by hetinit (compressed or not) are mapped by `tape map`
# Skipped (77) without Hercules' tools.
. "$(dirname "$0")/lib.sh"
DIR=$(cd "$(dirname "$0")/../.." && pwd)
S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370")
D=$(dirname "$S370")/tools/dasd
TP=$(dirname "$S370")/tools/tape
for tool in dasdinit dasdload dasdls cckdcdsk hetinit; do
	command -v $tool > /dev/null 2>&1 || { echo "skipped: needs $tool (hercules)"; exit 77; }
done

# cdsk NAME IMAGE [LEVEL]: cckdcdsk -3 (or -LEVEL) says nothing and exits 0.
# (cckdcdsk -3 finds fault with track 1 of every volume `dasdinit -z` makes,
# an R0-only track stored uncompressed: those get level 2.)
cdsk() {
	cckdcdsk -${3:-3} "$2" > "$T/$1.cdsk" 2>&1
	expect_rc $? 0 "cckdcdsk $1"
	[ -s "$T/$1.cdsk" ] && { fail "cckdcdsk complains about $1"; cat "$T/$1.cdsk"; }
}
cd "$T" || exit 1

# ---- dasdinit volumes ----
dasdinit h.ckd 3350 HCKD01 10 > /dev/null 2>&1 || fail "dasdinit h.ckd"
dasdinit -z hz.cckd 3350 HZ0001 > /dev/null 2>&1 || fail "dasdinit -z"
dasdinit -bz2 hb.cckd 3330 HB0001 > /dev/null 2>&1 || fail "dasdinit -bz2"
dasdinit -z h80.cckd 3380 H38001 > /dev/null 2>&1 || fail "dasdinit -z 3380"
dasdinit hf.fba 3370 HF0001 2000 > /dev/null 2>&1 || fail "dasdinit fba"
run h-ckd 0 "$D" check h.ckd
same h-ckd.out "h.ckd: CKD image, 3350, 30 heads, 19456 bytes/track
3350: 10 cylinders, 300 tracks checked
consistent"
run h-z 0 "$D" check hz.cckd
same h-z.out "hz.cckd: CCKD image, 3350, 30 heads, 19456 bytes/track
compressed header: version 0.3.1, zlib, 555 cylinders, 66 L1 entries, size 3678, file 3678 bytes
16650 tracks, 2 track images checked
consistent"
run h-bz2 0 "$D" check -q hb.cckd
same h-bz2.out "consistent"
run h-3380 0 "$D" check -q h80.cckd
same h-3380.out "consistent"
run h-fba 0 "$D" check hf.fba
same h-fba.out "hf.fba: FBA image, 2000 blocks of 512 bytes
consistent"
run h-ls 0 "$D" ls hz.cckd
same h-ls.out "volume HZ0001: 3350, 555 cylinders of 30 tracks
no VTOC: no format-4 DSCB at cyl 0 head 1 record 1"

# ---- dasdload volumes: data sets in EBCDIC ----
{ printf '%-80s' "HELLO WORLD" "SECOND LINE"; } | iconv -f ASCII -t IBM037 > small.ebc
i=1
while [ $i -le 100 ]; do printf '%-80s' "RECORD $i OF THE BIG FILE"; i=$((i + 1)); done |
	iconv -f ASCII -t IBM037 > big.ebc
cat > load.ctl << 'EOF'
LOAD01 3350 5
SYS1.SMALL SEQ small.ebc TRK 2 1 0 PS FB 80 800
SYS1.BIG SEQ big.ebc CYL 1 0 0 PS FB 80 3120
USER.LIB EMPTY TRK 5 0 5 PO FB 80 800
EOF
for z in "" -z -bz2; do
	f=load$z.ckd
	dasdload $z load.ctl $f > dasdload.log 2>&1 || { fail "dasdload $z"; cat dasdload.log; }
	run "check$z" 0 "$D" check -q $f
	same "check$z.out" "consistent"
	run "ls$z" 0 "$D" ls $f
	expect_grep "ls$z.out" "volume LOAD01: 3350"
	sed 1d "ls$z.out" > "ls$z.body"
	same "ls$z.body" "data set                                     org recfm lrecl blksize  trks  used extents (cyl/head)
SYS1.SMALL                                   PS  FB       80     800     2     1 0/1-0/2
SYS1.BIG                                     PS  FB       80    3120    30     1 1/0-1/29
USER.LIB                                     PO  FB       80     800     5     1 2/0-2/4
3 data sets
VTOC 2/5-2/5: 1 track, 47 DSCBs, 42 free
free space: not recorded (DOS VTOC bit in DS4VTOCI)"
	run "cat$z" 0 "$D" cat $f SYS1.SMALL
	same "cat$z.out" "HELLO WORLD
SECOND LINE"
	run "catbig$z" 0 "$D" cat $f SYS1.BIG
	[ "$(wc -l < "catbig$z.out")" -eq 100 ] || fail "SYS1.BIG: $(wc -l < "catbig$z.out") lines"
	[ "$(sed -n 100p "catbig$z.out")" = "RECORD 100 OF THE BIG FILE" ] || fail "SYS1.BIG record 100"
	run "catb$z" 0 "$D" cat -b $f SYS1.BIG
	cmp -s big.ebc "catb$z.out" || fail "cat -b SYS1.BIG differs"
	run "catpds$z" 0 "$D" cat $f USER.LIB
	[ -s "catpds$z.out" ] && fail "members listed in an empty PDS"
done

# ---- our volumes in Hercules' tools ----
"$D" init -z oz.cckd 3350 OURZ01 > /dev/null || fail "dasd init -z"
"$D" init -bz2 ob.cckd 3330-11 OURB01 > /dev/null || fail "dasd init -bz2"
"$D" init -z o40.cckd 3340 OUR340 > /dev/null || fail "dasd init -z 3340"
"$D" init o80.ckd 3380 OUR380 20 > /dev/null || fail "dasd init 3380"
for f in oz.cckd ob.cckd o40.cckd; do cdsk $f $f; done
for f in oz.cckd ob.cckd o40.cckd o80.ckd; do
	dasdls $f > "$f.dasdls" 2> "$f.dasdls.err"
	expect_rc $? 0 "dasdls $f"
	expect_grep "$f.dasdls" "$f: VOLSER=OUR"
	expect_no_grep "$f.dasdls.err" "not found"
done

# ---- s370 writes into dasdinit and dasd init volumes ----
if command -v s390x-linux-gnu-as > /dev/null 2>&1; then
	DEV=$DIR/tests/arch/dev
	asm() { # asm SRC ORIGIN OUT
		s390x-linux-gnu-as -m31 -I "$T" -o a.o "$1" &&
			s390x-linux-gnu-ld -m elf_s390 -Ttext="$2" -e "$2" -o a.elf a.o &&
			s390x-linux-gnu-objcopy -O binary a.elf "$3" || fail "cannot assemble $1"
	}
	asm "$DEV/ckdipl.s" 0x800 ckdipl.bin
	asm "$DEV/ckdload.s" 0 load.bin
	printf 'loadcore %s 0\nrestart\n' "$T/load.bin" > load.rc
	for f in hb3350.cckd oz.cckd ou.ckd; do
		case $f in
		hb3350.cckd) dasdinit -bz2 $f 3350 HB3350 > /dev/null 2>&1 ;;
		ou.ckd) "$D" init $f 3350 OURU01 20 > /dev/null ;;
		esac
		printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$T/$f" > s.cnf
		timeout 20 "$S370" -f s.cnf --script load.rc --exit-on-wait < /dev/null > s.out 2> s.err
		expect_rc $? 0 "s370 writes $f"
		[ "$(cat s.out)" = "PSW=00020000 80000AAA" ] || { fail "s370 on $f ended with $(cat s.out)"; cat s.err; }
		run "s-$f" 0 "$D" check -q $f
		same "s-$f.out" "consistent"
		case $f in
		hb*) cdsk "s-$f" $f 2 ;;
		*.cckd) cdsk "s-$f" $f ;;
		esac
	done
	# killed while the image is open: needs recovery, then --repair
	"$D" init -z k.cckd 3350 KILL01 > /dev/null
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$T/k.cckd" > k.cnf
	printf 'loadcore %s 0\nrestart\npause 20\n' "$T/load.bin" > kill.rc
	"$S370" -f k.cnf --script kill.rc < /dev/null > k.out 2>&1 &
	pid=$!
	n=0
	while [ $n -lt 50 ] && ! grep -q "disabled wait\|PSW" k.out 2> /dev/null; do
		sleep 0.1
		n=$((n + 1))
	done
	sleep 0.3
	kill -9 $pid
	wait $pid 2> /dev/null
	run kill 0 "$D" check -q k.cckd
	same kill.out "needs recovery: not closed (the opened bit is on), its free space is stale
consistent, needs recovery (dasd check --repair)"
	run kill-repair 0 "$D" check -q --repair k.cckd
	expect_grep kill-repair.out "repaired: free space rebuilt"
	run kill-after 0 "$D" check -q k.cckd
	same kill-after.out "consistent"
	cdsk kill k.cckd
	# a shadow file (sf=) takes the writes; both files check
	"$D" init -z sb.cckd 3350 SHAD01 > /dev/null
	cp sb.cckd sb.orig
	printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s sf=%s\n' \
		"$T/sb.cckd" "$T/sb_*.cckd" > sf.cnf
	timeout 20 "$S370" -f sf.cnf --script load.rc --exit-on-wait < /dev/null > s.out 2> s.err
	[ "$(cat s.out)" = "PSW=00020000 80000AAA" ] || { fail "s370 with sf= ended with $(cat s.out)"; cat s.err; }
	cmp -s sb.cckd sb.orig || fail "the base under the shadow changed"
	run shadow 0 "$D" check sb_1.cckd
	same shadow.out "sb_1.cckd: CCKD shadow image, 3350, 30 heads, 19456 bytes/track
compressed header: version 0.3.1, zlib, 555 cylinders, 66 L1 entries, size 3790, file 3790 bytes
16650 tracks, 1 track image checked
consistent"
	cdsk shadow sb_1.cckd
	# Hercules writes the IPL track of `dasd init` volumes (its CCKD free
	# space is a FREE_BLK table): `dasd check` accepts what it leaves
	if command -v hercules > /dev/null 2>&1; then
		printf 'psw\npause 1\nquit\n' > hquit.rc # psw: quit may drop the wait message's PSW line
		"$D" init hw.ckd 3350 HWC001 20 > /dev/null || fail "dasd init hw.ckd"
		"$D" init -z hw.cckd 3350 HWZ001 > /dev/null || fail "dasd init hw.cckd"
		for f in hw.cckd hw.ckd; do
			printf 'ARCHMODE S/370\nMAINSIZE 2\nNUMCPU 1\nCNSLPORT 0\n0009 3215-C\n0190 3350 %s\n' "$T/$f" > h.cnf
			printf 'hao tgt HHCCP011I\nhao cmd script %s\npause 1\nloadcore %s 0\nrestart\n' \
				"$T/hquit.rc" "$T/load.bin" > herc.rc
			HERCULES_RC="$T/herc.rc" timeout -k 5 20 hercules -d -f h.cnf < /dev/null > herc.out 2>&1
			expect_grep herc.out "PSW=00020000 80000AAA"
			run "herc-$f" 0 "$D" check -q $f
			same "herc-$f.out" "consistent"
		done
	fi
else
	echo "note: no s390x assembler: s370 writes not tested"
fi

# ---- hetinit tapes ----
hetinit t.het TAPE01 > /dev/null 2>&1 || fail "hetinit"
hetinit -d td.het TAPE02 > /dev/null 2>&1 || fail "hetinit -d"
run het 0 "$TP" map t.het
same het.out "t.het: HET tape image
file 1: 2 blocks: 2 x 80
  VOL1 volume TAPE01
  HDR1 00000000000000000, file 0000
tape mark
end of data: 2 blocks (160 bytes), 1 tape mark"
cp td.het td.aws
run aws 0 "$TP" map td.aws
same aws.out "td.aws: AWS tape image
file 1: 2 blocks: 2 x 80
  VOL1 volume TAPE02
  HDR1 00000000000000000, file 0000
tape mark
end of data: 2 blocks (160 bytes), 1 tape mark"
finish
