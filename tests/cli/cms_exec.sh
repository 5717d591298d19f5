# EXECs in CMS (issue 11) and files between the host and a CMS disk: ALICE's
# 191 is FORMATted and given an EXEC from the host (tools/cmsfs put, ASCII to
# EBCDIC) before CP starts.  In CMS the EXEC runs with an argument and says
# exactly what the language computes: PARSE ARG, stems, DO WHILE, SELECT, a
# recursive PROCEDURE, QUEUE and PULL, CMS commands with their RC (one that
# fails, with its message), ADDRESS CP, USERID(), built-ins, EXIT's value as
# the Ready line's return code; PROFILE EXEC runs at IPL; a file made in
# XEDIT comes back to the host line for line (cmsfs cat, EBCDIC to ASCII),
# and the disk passes cmsfs check after CMS wrote it.  HX gives back the
# storage of the EXEC it ends (four 300K EXECs stopped by HX in a 1M machine,
# then a fifth runs).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
CMSFS=$(dirname "$S370")/tools/cmsfs
MD=(-x 11,5) # ALICE's 191: cylinders 11-15 of S37U01 (dasd-images/user.direct)

"$CMSFS" "$T/user.3350" "${MD[@]}" format ALICE1 > /dev/null || fail "cmsfs format"
cat > "$T/demo.exec" << 'X'
/* DEMO EXEC: the EXEC language in CMS */
parse arg who .
if who = '' then who = 'WORLD'
say 'HELLO,' who
do i = 1 to 3
  sq.i = i * i
end
say 'SQUARES' sq.1 sq.2 sq.3
n = 0
do while n < 10
  n = n + 4
end
say 'WHILE ENDS AT' n
select
  when n > 20 then say 'BIG'
  when n > 10 then say 'MEDIUM'
  otherwise say 'SMALL'
end
call fact 5
say 'FACT 5 IS' result
queue 'from the stack'
pull line
say 'PULLED' line
'STATE DEMO EXEC A'
say 'STATE RC' rc
'STATE NOSUCH FILE A'
say 'NOSUCH RC' rc
address cp 'QUERY USERID'
say 'CP RC' rc
say 'USERID' userid()
say 'WORDS' words('a b c') 'SUBSTR' substr('abcdef', 2, 3) 'LENGTH' length('hello')
exit 7
fact: procedure
  arg k
  if k <= 1 then return 1
  return k * fact(k - 1)
X
printf "say 'PROFILE EXEC HERE'\n" > "$T/profile.exec"
cat > "$T/hog.exec" << 'X'
/* HOG EXEC: some 300K of variables, then a loop that only HX ends */
arg mode
do i = 1 to 2000
  big.i = copies('X', 100) i
end
say 'FILLED' length(big.2000) word(big.2000, 2)
if mode = 'ONCE' then exit 0
do forever
end
X
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/demo.exec" DEMO EXEC --recfm V > /dev/null || fail "cmsfs put DEMO"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/profile.exec" PROFILE EXEC > /dev/null || fail "cmsfs put PROFILE"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/hog.exec" HOG EXEC > /dev/null || fail "cmsfs put HOG"
start_cp

cms_ipl A 00C0 ALICE
has A "PROFILE EXEC HERE"
cms A "demo bob"
expect_rows "2=HELLO, bob" "3=SQUARES 1 4 9" "4=WHILE ENDS AT 12" "5=MEDIUM" "6=FACT 5 IS 120" \
	"7=PULLED FROM THE STACK" "8=STATE RC 0" "9=DMSSTT002E File 'NOSUCH FILE A' not found" "10=NOSUCH RC 28" \
	"11=ALICE AT S370CP" "12=CP RC 0" "13=USERID ALICE" "14=WORDS 3 SUBSTR bcd LENGTH 5"
ready A 00007
cms A "exec demo"
expect_rows "2=HELLO, WORLD"
cms A "listfile * exec a (format"
grep -qE '^DEMO     EXEC     A1 V +83 +36 +2$' "$T/screen" || fail "LISTFILE of DEMO EXEC: $(cat "$T/screen")"

# HX gives an EXEC's storage back: in a 1M machine four runs of HOG, each
# ended by HX, would leave no room for a fifth if they kept theirs
FILLED="FILLED 105 2000"
for _ in 1 2 3 4; do
	cms_clear A
	cmd A "hog"
	has A "$FILLED"
	cmd A "hx"
	has_re A "$READY"
done
cms A "hog once"
has A "$FILLED"
ready A 0

# a file made in CMS, read on the host
cms_clear A
cmd A "xedit notes text"
has A " NEW FILE"
cmd A "input Written in CMS, read on the host."
cmd A "input   indented, lower case: ok"
cmd A "file"
has_re A "$READY"
cms_clear A
cmd A "cp logoff"
has_re A "^ LOGOFF AT "
stop_cp
"$CMSFS" "$T/user.3350" "${MD[@]}" check > "$T/check" 2>&1 || fail "cmsfs check after CMS: $(cat "$T/check")"
"$CMSFS" "$T/user.3350" "${MD[@]}" cat NOTES TEXT > "$T/notes" 2>&1 || fail "cmsfs cat NOTES TEXT"
printf 'Written in CMS, read on the host.\n  indented, lower case: ok\n' > "$T/want"
cmp -s "$T/notes" "$T/want" || fail "NOTES TEXT on the host: $(cat "$T/notes")"
finish
