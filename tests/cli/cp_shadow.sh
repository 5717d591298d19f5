# Shadow page tables (cp/shadow.c): tests/guest/dattest.c turns DAT on with
# tables of its own and checks translation, its exceptions and their
# addresses, LRA, PTLB after a remapping, two address spaces, privileged
# instructions with virtual operands, 2K pages, 1M segments and the storage
# keys' reference and change bits, all its storage through its tables, the
# timers' operands.  It runs on the bare machine (IPLed from a volume of its
# own), then in two virtual machines of our CP at once, where CP must shadow
# its tables.  Each must print exactly tests/cli/dattest.expected; INDICATE
# USER then shows what the shadows did.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
# ALICE of 4M on a machine of 4M: dattest's last check goes through all its
# storage, so CP must page ALICE's own frames out from under the shadows.
# BOB (2M) runs it at the same time: two machines' shadows, and frames
# going from one machine to the other.
guest_setup dattest 's/^USER ALICE ALICE 1M 4M G/USER ALICE ALICE 4M 4M G/' \
	's/^USER BOB BOB 1M 4M G$/USER BOB BOB 2M 4M G\n MDISK 192 3350 4 1 S37RES RR/'

EXPECTED=$(dirname "$0")/dattest.expected # what dattest prints, line by line

# 1. the bare machine: the program IPLed from a volume of its own
"$(dirname "$S370")/tools/dasd" init "$T/bare.3350" 3350 BARE01 3 > /dev/null || fail "dasd init"
"$(dirname "$S370")/tools/mksysvol" "$T/bare.3350" "$GUEST" > /dev/null || fail "mksysvol"
printf 'ARCHMODE S/370\nMAINSIZE 4\nNUMCPU 1\nS37X ON\n0009 3215-C\n0150 3350 %s\n' "$T/bare.3350" > "$T/bare.cnf"
printf 'ipl 0150\n' | timeout 20 "$S370" -f "$T/bare.cnf" --exit-on-wait > /dev/null 2> "$T/bare.err"
grep -aE "^(DAT|D[0-9][0-9])[ :]" "$T/bare.err" > "$T/bare.out"
diff "$EXPECTED" "$T/bare.out" > "$T/bare.diff" || { fail "the bare machine differs:"; cat "$T/bare.diff"; }

# 2. the same program in ALICE's virtual machine (a line-mode terminal) and
# in BOB's (the operator's console), at once
start_cp "001F 3215"
console_logon bob 1
line_logon alice
text "$T/a" "Virtual machine of 4096K, privilege classes G." 100
op "/ipl 192"
printf 'ipl 192\r\n' >&3
for _ in $(seq 300); do
	tr -d '\r' < "$T/a" | grep -a -q "^DAT: " && grep -q "^DAT: " "$T/err" && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | grep -a -E "^(DAT|D[0-9][0-9])[ :]" > "$T/vm.out"
diff "$EXPECTED" "$T/vm.out" > "$T/vm.diff" || { fail "ALICE's virtual machine differs:"; cat "$T/vm.diff"; }
grep -aE "^(DAT|D[0-9][0-9])[ :]" "$T/err" > "$T/bob.out"
diff "$EXPECTED" "$T/bob.out" > "$T/bob.diff" || { fail "BOB's virtual machine differs:"; cat "$T/bob.diff"; }

# 3. INDICATE USER: spaces made (4K/64K, 2K, 1M, the second space, the big
# one), entries filled at faults, the guest's PTLBs, entries dropped when
# CP took their frames, the guest's own exceptions reflected
printf 'indicate user\r\n' >&3
for _ in $(seq 50); do grep -aq "GUEST TRANSLATION EXCEPTIONS=" "$T/a" && break; sleep 0.1; done
sh=$(tr -d '\r' < "$T/a" | grep -a "^SHADOW TABLES: ")
ex=$(tr -d '\r' < "$T/a" | grep -a "^SHADOW PURGES=")
echo "$sh"
echo "$ex"
made=$(printf '%s\n' "$sh" | sed -n 's/.*(MADE \([0-9]*\),.*/\1/p')
filled=$(printf '%s\n' "$sh" | sed -n 's/.*FILLED=\([0-9]*\)$/\1/p')
purges=$(printf '%s\n' "$ex" | sed -n 's/^SHADOW PURGES=\([0-9]*\),.*/\1/p')
dropped=$(printf '%s\n' "$ex" | sed -n 's/.*DROPPED=\([0-9]*\),.*/\1/p')
refl=$(printf '%s\n' "$ex" | sed -n 's/.*GUEST TRANSLATION EXCEPTIONS=\([0-9]*\)$/\1/p')
[ "${made:-0}" -ge 4 ] || fail "shadow spaces made: ${made:-none} ($sh)"
[ "${filled:-0}" -ge 20 ] || fail "shadow entries filled: ${filled:-none}"
[ "${purges:-0}" -ge 8 ] || fail "PTLBs: ${purges:-none}"
[ "${dropped:-0}" -gt 0 ] || fail "no shadow entry dropped for a frame CP took: ${dropped:-none}"
tr -d '\r' < "$T/a" | grep -a -E "^PAGES: RESIDENT=.*PAGE-OUTS=[1-9]" || fail "ALICE's machine was not paged"
[ "${refl:-0}" -eq 11 ] || fail "guest translation exceptions reflected: ${refl:-none}"
tr -d '\r' < "$T/a" | grep -a -q "LRA=[1-9].*PTLB=[1-9].*RRB=[1-9]" || fail "INDICATE USER does not count LRA, PTLB, RRB"
expect_no_grep "$T/err" "program check"
line_close
stop_cp
finish
