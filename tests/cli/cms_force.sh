# An abrupt logoff never damages a CMS disk (issue 11): ALICE's EXEC copies a
# 3000-record file over and over (COPYFILE ... (REPLACE), and the operator
# FORCEs her off in the middle of it, twice, at different moments.  Each
# time, after CP has shut down, `cmsfs check` finds her disk consistent and
# the copy on it is whole: the old copy or the new one, record for record
# the original (cmsfs cat).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
CMSFS=$(dirname "$S370")/tools/cmsfs
MD=(-x 11,5)

"$CMSFS" "$T/user.3350" "${MD[@]}" format ALICE1 > /dev/null || fail "cmsfs format"
seq -f "RECORD %05g OF THE BIG FILE, WITH SOME TEXT TO MAKE IT LONGER" 1 3000 > "$T/big"
printf "do i = 1 to 10000\n  'COPYFILE BIG DATA A COPY DATA A (REPLACE'\nend\n" > "$T/loop"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/big" BIG DATA > /dev/null || fail "cmsfs put BIG"
"$CMSFS" "$T/user.3350" "${MD[@]}" put "$T/loop" LOOP EXEC > /dev/null || fail "cmsfs put LOOP"

for delay in 1.3 2.1; do
	start_cp
	console_logon OPERATOR
	cms_ipl A 00C0 ALICE
	cms_clear A
	cmd A "loop"
	sleep "$delay"
	op "/force alice"
	wait_console "USER ALICE FORCED"
	cms_gone A
	stop_cp
	rm -f "$T/op"
	"$CMSFS" "$T/user.3350" "${MD[@]}" check > "$T/check" 2>&1 || fail "after FORCE at ${delay}s: $(cat "$T/check")"
	if "$CMSFS" "$T/user.3350" "${MD[@]}" cat COPY DATA > "$T/copy" 2> "$T/cerr"; then
		cmp -s "$T/copy" "$T/big" || fail "after FORCE at ${delay}s: COPY DATA is not BIG DATA ($(wc -l < "$T/copy") lines)"
	else
		grep -q "not found" "$T/cerr" || fail "cmsfs cat COPY DATA: $(cat "$T/cerr")"
	fi
done
"$CMSFS" "$T/user.3350" "${MD[@]}" ls > "$T/ls"
grep -q "^COPY     DATA" "$T/ls" || fail "no copy was ever made: $(cat "$T/ls")"
finish
