# cms_ipl.sh — a CMS disk's nucleus area IPLed through CP (cp/vio.c vm_ipl,
# the IPL records of cms/fs_ipl.c run by CP's CCW translation for a
# minidisk): `cmsfs` formats ALICE's 191 (cylinders 11-15 of the user
# volume S37U01), puts a file on it and a 600K test program in its nucleus
# area (two cylinders: a Seek for each); ALICE logs on and IPLs 191.  The
# program, at X'10000', checks a marker in the middle (cylinder 0) and in
# the last word (cylinder 1) of what was loaded and stops in a disabled
# wait: at X'AAA' when both are there.  The file beside it is intact.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/nucprog.inc"
C=$(dirname "$S370")/tools/cmsfs
command -v s390x-linux-gnu-as > /dev/null 2>&1 || { echo "skipped: no s390x-linux-gnu-as"; exit 77; }
nucprog "$T/prog.bin"
printf 'PROFILE EXEC BESIDE THE NUCLEUS\n' > "$T/p.txt"
U="$T/user.3350"
"$C" "$U" -x 11,5 format alice > /dev/null || fail "cmsfs format"
"$C" "$U" -x 11,5 put "$T/p.txt" profile exec > /dev/null || fail "cmsfs put"
"$C" "$U" -x 11,5 nucleus "$T/prog.bin" > /dev/null || fail "cmsfs nucleus"

start_cp "001F 3215"
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl 191\r\n' >&3
text "$T/a" "S37VMS023I Disabled wait state: PSW address 000AAA, code 0000" 100
line_close
kill $S370_PID 2> /dev/null
wait $S370_PID 2> /dev/null
"$C" "$U" -x 11,5 check > "$T/check" 2>&1 || fail "check: $(cat "$T/check")"
"$C" "$U" -x 11,5 cat profile exec > "$T/cat" 2>&1
cmp -s "$T/p.txt" "$T/cat" || fail "the file beside the nucleus: $(cat "$T/cat")"
finish
