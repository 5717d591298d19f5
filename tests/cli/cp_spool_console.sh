# cp_spool_console.sh — SPOOL CONSOLE (cp/spool_dev.c): ALICE, at a
# line-mode terminal, spools her console; what she types and what CP
# answers goes into a printer file, which STOP sends to the real printer's
# queue: the operator STARTs the 1403, and its host file holds exactly
# those lines.  Then TO * with CLOSE CONSOLE: a file in her own reader, and
# spooling goes on into a new one; QUERY CONSOLE says where it stands;
# BOB spools his to the operator's reader and disconnects; a message he
# gets while nobody watches is in it when FORCE closes it (5 records).
# The operator PURGEs ALICE's reader file (PURGE userid, class D); ALICE
# may not PURGE the operator's.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
say() { printf '%s\r\n' "$1" >&3; }
start_cp "$(printf '000E 1403 %s\n001F 3215' "$T/print.txt")"
console_logon operator 1
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100

say "query console"
text "$T/a" "CONS 009 STOP CL T TO SYSTEM NOHOLD"
say "spool console start"
say "query userid"
text "$T/a" "ALICE AT S370CP"
say "query console"
text "$T/a" "CONS 009 START CL T TO SYSTEM NOHOLD"
text "$T/a" "CONS FILE 0001 OPEN, 4 RECORDS"
say "spool console stop"
text "$T/a" "PRT FILE 0001 TO SYSTEM COPY 01 NOHOLD"
op "/start 00e"
printf '%s\n' "query userid" "ALICE AT S370CP" "query console" "CONS 009 START CL T TO SYSTEM NOHOLD" \
	"CONS FILE 0001 OPEN, 4 RECORDS" "spool console stop" > "$T/want"
for _ in $(seq 50); do
	[ -s "$T/print.txt" ] && grep -q "spool console stop" "$T/print.txt" && break
	sleep 0.1
done
# (the printer's file: the lines, then the eject at the file's end)
tr -d '\f' < "$T/print.txt" | sed '/^$/d' > "$T/got"
cmp -s "$T/want" "$T/got" || fail "the printed console: $(cat -A "$T/print.txt")"

# to her own reader; CLOSE CONSOLE sends one file and spooling goes on
# (each line waits for the answer before: a line-mode terminal has no type-ahead)
say "spool console start to * class c"
say "query console"
text "$T/a" "CONS 009 START CL C TO ALICE NOHOLD"
text "$T/a" "CONS FILE 0002 OPEN, 2 RECORDS"
say "close console"
text "$T/a" "PRT FILE 0002 TO ALICE COPY 01 NOHOLD"
say "query rdr"
for _ in $(seq 50); do
	grep -q "^ALICE    0002 C PRT 00000004 01 NONE " "$T/a" && break
	sleep 0.1
done
grep -q "^ALICE    0002 C PRT 00000004 01 NONE " "$T/a" || fail "no 4-line console file 0002: $(tr -d '\r' < "$T/a")"
say "query console"
text "$T/a" "CONS FILE 0003 OPEN, 6 RECORDS"

# a disconnected machine's console: BOB's, while he is away, gets a message
line_close
line_logon bob
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
say "spool console start to operator"
say "query console"
text "$T/a" "CONS 009 START CL T TO OPERATOR NOHOLD"
say "disconnect"
wait_console "DISCONNECT BOB"
op "/msg bob are you there"
op "/force bob"
wait_console "DSC LOGOFF AS BOB"
for _ in $(seq 50); do
	grep -qE "RDR FILE [0-9]{4} SENT FROM BOB +PRT WAS [0-9]{4} RECS 0005 CPY 001 T NOHOLD" "$T/err" && break
	sleep 0.1
done
grep -qE "RDR FILE [0-9]{4} SENT FROM BOB +PRT WAS [0-9]{4} RECS 0005 CPY 001 T NOHOLD" "$T/err" ||
	fail "BOB's console file not in the operator's reader: $(grep "RDR FILE" "$T/err")"

# PURGE userid: the spooling operator's (class D), not ALICE's
line_close
line_logon alice
for _ in $(seq 100); do
	grep -aq "RECONNECTED AT" "$T/a" && break
	sleep 0.1
done
say "purge operator rdr all"
text "$T/a" "S37CFC002E PURGE userid needs privilege class D"
op "/purge alice rdr all"
wait_console "0001 FILE PURGED"
say "query rdr"
text "$T/a" "NO RDR FILES"
finish
