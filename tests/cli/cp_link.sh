# LINK, DETACH, QUERY LINKS (cp/link.c): ALICE links to BOB's minidisk 191
# in VM/370's modes.  RR gives a read link whatever others hold; W is refused
# while BOB (its owner) has it R/W; M asks for BOB's multiple password (none,
# wrong: refused and logged); MR with the password falls back to read; MW
# writes beside him (with a warning); an unknown user, a minidisk he does not
# have, a disk without a read password (GUEST's), an address in use and a
# bad mode are refused by name; one's own disk needs no password.  BOB's
# QUERY LINKS lists ALICE's links; DETACH takes one away.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp


display_connect A 00C0
logon A ALICE ALICE
has A "Virtual machine of 1024K, privilege classes G."
display_connect B 00C1
logon B BOB BOB
has B "Virtual machine of 1024K, privilege classes G."

cmd A "link bob 191 291 rr"
has A "DASD 291 LINKED R/O"
cmd A "q v"
has A "DASD 291 3350 S37U01 R/O 5 CYL ON 151 AT CYL 16"
key A "Clear"
wait_row A 1 ""
cmd A "link bob 191 292 w bobw"
has A "S37LNK104E BOB 191 is linked R/W by another: no W link"
cmd A "link bob 191 292 m"
has A "S37LNK114E Password required: LINK BOB 191 292 M password"
cmd A "link bob 191 292 m wrong"
has A "S37LNK115E Password incorrect"
wait_console "LINK BOB 191 by ALICE: password incorrect"
cmd A "link bob 191 292 mr bobm"
has A "DASD 292 LINKED R/O"
cmd A "link bob 191 293 mw bobm"
has A "S37LNK101W BOB 191 is also linked R/W by another"
has A "DASD 293 LINKED R/W"
cmd A "link zed 191 294"
has A "S37LNK053E ZED not in CP directory"
cmd A "link bob 195 294"
has A "S37LNK040E BOB has no minidisk 195"
key A "Clear"
wait_row A 1 ""
cmd A "link guest 191 294 r"
has A "S37LNK113E GUEST 191 has no read password: no link in mode R"
cmd A "link bob 191 291 rr"
has A "S37LNK022E Device 291 already defined"
cmd A "link bob 191 295 x"
has A "S37LNK021E Invalid mode X (R RR W WR M MR MW)"
cmd A "link alice 191 391 rr"
has A "DASD 391 LINKED R/O"

cmd B "q links"
has B "191 LINKED BY ALICE    AT 291 R/O"
has B "191 LINKED BY ALICE    AT 292 R/O"
has B "191 LINKED BY ALICE    AT 293 R/W"
cmd A "detach 291"
has A "291 DETACHED"
cmd A "detach 291"
has A "S37DTA040E Device 291 does not exist"
key B "Clear"
wait_row B 1 ""
cmd B "q links"
has B "191 LINKED BY ALICE    AT 292 R/O"
screen B
grep -q "AT 291" "$T/screen" && fail "B: 291 is still listed after DETACH"
s3_end A
s3_end B
stop_cp
finish
