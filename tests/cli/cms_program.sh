# cms_program.sh — CMS programs (MODULE files, cms/module.c): the sample
# HELLO MODULE on the system disk greets and asks CMS for QUERY DISK A by
# SVC 202; PROGA, built from tests/cms/prog/proga.c and put on ALICE's
# A-disk by tools/cmsfs, shows its arguments, its address constants
# relocated, commands' return codes, RDBUF of a file and WRBUF of another
# (read back with TYPE), WAITRD of a line the user types, and its return
# code on the Ready line; CRASH abends four times and its 300K are given
# back each time; SPIN computes until HX; a file that is no module is
# refused, named.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
CMSFS=$(dirname "$S370")/tools/cmsfs
PROGS=$(dirname "$S370")/tests/cms
MD=(-x 11,5) # ALICE's 191: cylinders 11-15 of S37U01 (dasd-images/user.direct)
[ -f "$PROGS/cmsprog_proga.elf" ] || { echo "skipped: no $PROGS/cmsprog_proga.elf"; exit 77; }

"$CMSFS" "$T/user.3350" "${MD[@]}" format ALICE1 > /dev/null || fail "cmsfs format"
for p in proga crash spin; do
	"$CMSFS" "$T/user.3350" "${MD[@]}" module "$PROGS/cmsprog_$p.elf" "$p" > /dev/null || fail "cmsfs module $p"
done
printf 'first line\nsecond line\nthird, last\n' > "$T/input.data"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/input.data" INPUT DATA > /dev/null || fail "cmsfs put INPUT DATA"
printf 'not a program\n' > "$T/bogus"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/bogus" BOGUS MODULE > /dev/null || fail "cmsfs put BOGUS MODULE"
# a bad ELF is refused by the tool, named
"$CMSFS" "$T/user.3350" "${MD[@]}" module "$T/bogus" BAD > "$T/bad" 2>&1 && fail "cmsfs module took a text file"
grep -q "not an ELF file" "$T/bad" || fail "cmsfs module: $(cat "$T/bad")"

start_cp
cms_ipl A 00C0 ALICE

cms A "hello alice Bob"
expect_rows "2=Hello, alice!" "3=Hello, Bob!" \
	"4=LABEL  CUU M  STAT  TYPE  BLKSIZE  FILES  BLKS USED-(%)  BLKS LEFT  BLK TOTAL"
grep -qE "^ALICE1 191 A  R/W  3350     4096      5 " "$T/screen" || fail "HELLO: no QUERY DISK A: $(cat "$T/screen")"
ready A 0

cms_clear A
cmd A "proga one Two"
has A "TYPE A LINE:"
expect_rows "1=proga one Two" "2=ARGS 3:" "3= proga" "4= one" "5= Two" "6=LINE proga,one,Two" \
	"7=COLOURS RED GREEN BLUE COUNTER 42 ZEROS 0" "8=DMSSTT002E File 'NOSUCH FILE *' not found" \
	"9=STATE RC 0 28" "10=READ 3 RECORDS, RC 12: first line" "11=FINIS RC 0" "12=NOSUCH RC 1"
cmd A "Typed In Mixed Case"
has A "GOT 19: Typed In Mixed Case"
has_re A '^R\(00007\); T='
cms A "type output data a"
expect_rows "2=FIRST LINE" "3=SECOND LINE" "4=THIRD, LAST"
cms A "listfile output data a (format"
grep -qE "^OUTPUT +DATA +A1 V +11 +3 " "$T/screen" || fail "OUTPUT DATA not V 11, 3 records: $(cat "$T/screen")"

# an abend gives the program's storage back: 4 x 300K in a 1M machine
for _ in 1 2 3 4; do
	cms A "crash"
	has A "CRASHING"
	has_re A "^DMSABN148T SYSTEM ABEND 0C9 CALLED FROM [0-9A-F]{6}$"
	has_re A '^R\(00256\); T='
done

cms_clear A
cmd A "spin"
has A "SPINNING"
sleep 1
cmd A "hx"
has_re A "$READY"

# CP sees each SVC 202 (TRACE SVC): HELLO's TYPLIN and its QUERY DISK
cms A "cp trace svc run"
cms A "hello world"
[ "$(grep -cE '^\*\*\* [0-9A-F]{6} SVC  CA   ==> [0-9A-F]{6}$' "$T/screen")" = 2 ] ||
	fail "TRACE SVC: not two SVC 202s: $(cat "$T/screen")"
cms A "cp trace svc off"

# CP's CCW translation as it happens (TRACE CCW): TYPE reads INPUT DATA by
# DIAGNOSE X'18'; each seek to ALICE's cylinder c goes to S37U01's 11 + c,
# the 4K read into her storage gets an IDAW list (its pages are frames
# anywhere), and the CSW comes back with her CCW address
cms A "cp trace ccw run"
cms A "type input data a"
grep -E "^(CCW|ARG|IDAL|CSW) " "$T/screen" > "$T/ccws"
grep -qE "^CCW  [0-9A-F]{6}  07 [0-9A-F]{6} 40 0006  =>  07 [0-9A-F]{6} 40 0006$" "$T/ccws" ||
	fail "TRACE CCW: no seek: $(cat "$T/screen")"
grep -qE "^ARG  00000000000[0-9A-F]  =>  0000000B000[0-9A-F]$" "$T/ccws" ||
	fail "TRACE CCW: no seek moved to cylinder 11: $(cat "$T/ccws")"
grep -qE "^CCW  [0-9A-F]{6}  06 [0-9A-F]{6} 00 1000  =>  06 [0-9A-F]{6} 04 1000$" "$T/ccws" ||
	fail "TRACE CCW: the 4K read not given IDAWs: $(cat "$T/ccws")"
grep -qE "^IDAL [0-9A-F]{6} [0-9A-F]{6}" "$T/ccws" || fail "TRACE CCW: no IDAL: $(cat "$T/ccws")"
grep -qE "^CSW  191  REAL [0-9A-F]{8} 0C000000  =>  [0-9A-F]{8} 0C000000$" "$T/ccws" ||
	fail "TRACE CCW: no CSW: $(cat "$T/ccws")"
cms A "cp trace ccw off"

cms A "help hello"
expect_rows "2=HELLO name ...                                    a sample program"

cms A "bogus"
has A "DMSMOD104S BOGUS MODULE A1 is not a module: RECFM F, LRECL 1024 expected"
finish
