# The real unit record devices under CP (cp/spool_real.c): ALICE's guest
# prints and punches; the files wait in the printer's and the punch's queues
# until the operator STARTs the devices, which then write them (the host
# files of the 1403 and the 3525 hold exactly those lines and cards).
# Decks in the real 3505 begin with an ID card and become files in that
# user's reader: one read at START, one loaded later with devinit (device
# end); a deck without an ID card is flushed.  DRAIN stops a device: a file
# closed after it waits in the queue.  Without a spool area there is no
# spooling, and CP says so.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup spooltest
# wait_n FILE LINE N: until FILE has the line LINE N times (10 s at most)
wait_n() {
	for _ in $(seq 100); do
		[ "$(tr -d '\r' < "$1" | grep -a -cxF -- "$2")" -ge "$3" ] && return 0
		sleep 0.1
	done
	fail "$1 has the line '$2' fewer than $3 times"
}
say() { printf '%s\r\n' "$1" >&3; }
printf 'ID BOB\nFIRST REAL CARD\nSECOND REAL CARD\n' > "$T/deck1.txt"
start_cp "$(printf '000C 3505 %s ascii eof\n000D 3525 %s ascii\n000E 1403 %s\n001F 3215' \
	"$T/deck1.txt" "$T/punch.txt" "$T/print.txt")"
console_logon operator 1
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
say "ipl 192"
text "$T/a" "SPOOLTEST READY" 100
say "print"
text "$T/a" "PRINTED 2 LINES" 100
say "punch 2 TO THE REAL PUNCH"
text "$T/a" "PUNCHED 2 CARDS" 100
say "#cp close e"
text "$T/a" "PRT FILE 0001 TO SYSTEM COPY 01 NOHOLD" 100
say "#cp close d"
text "$T/a" "PUN FILE 0002 TO SYSTEM COPY 01 NOHOLD" 100
# drained at IPL: nothing written yet
sleep 0.3
[ -s "$T/print.txt" ] && fail "the printer printed before START"
op "/start 00e"
wait_console "PRT 00E STARTED"
wait_console "PRT 00E OUTPUT OF ALICE FILE 0001 RECDS 0003 COPY 01 A PRT"
printf 'PRINTED LINE 1\nPRINTED LINE 2\n\n\f' > "$T/print.want"
sleep 0.3
cmp -s "$T/print.want" "$T/print.txt" || fail "the printer's file: $(cat -A "$T/print.txt")"
op "/start 00d"
wait_console "PUN 00D OUTPUT OF ALICE FILE 0002 RECDS 0002 COPY 01 A PUN"
printf 'TO THE REAL PUNCH 01\nTO THE REAL PUNCH 02\n' > "$T/punch.want"
sleep 0.3
cmp -s "$T/punch.want" "$T/punch.txt" || fail "the punch's file: $(cat -A "$T/punch.txt")"
# the files are gone from the queues
say "#cp q files"
text "$T/a" "FILES: 0000 RDR, 0000 PRT, 0000 PUN" 100
# the deck in the reader: BOB's, at START
op "/start 00c"
wait_console "RDR 00C INPUT FOR BOB FILE 0003 RECDS 0002"
# a deck for ALICE, loaded while CP runs: device end, read at once
printf 'ID ALICE\nTHIRD REAL CARD\n' > "$T/deck2.txt"
op "devinit 000C $T/deck2.txt ascii eof"
wait_console "RDR 00C INPUT FOR ALICE FILE 0004 RECDS 0001"
text "$T/a" "RDR FILE 0004 FROM SYSTEM RDR RECS 0001 CPY 001 A NOHOLD" 100
say "read"
text "$T/a" "CARD: THIRD REAL CARD" 100
text "$T/a" "END OF FILE AFTER 1 CARDS" 100
# a deck without its ID card
printf 'HELLO THERE\nMORE\n' > "$T/deck3.txt"
op "devinit 000C $T/deck3.txt ascii eof"
wait_console "S37SPL073E RDR 00C: the deck's first card is not ID userid of a user in the directory (it reads HELLO THERE): the deck is flushed"
# BOB's file is in his reader (he is not logged on)
op "/q rdr all"
wait_console "BOB      SYSTEM   0003 A RDR 00000002 01 NONE"
# DRAIN: the next file waits
op "/drain 00e"
wait_console "PRT 00E DRAINED"
say "print"
wait_n "$T/a" "PRINTED 2 LINES" 2
say "#cp close e"
text "$T/a" "PRT FILE 0005 TO SYSTEM COPY 01 NOHOLD" 100
say "#cp q prt"
for _ in $(seq 50); do tr -d '\r' < "$T/a" | grep -a -q "0005 A PRT" && break; sleep 0.1; done
tr -d '\r' < "$T/a" | grep -a -qE "^ALICE    0005 A PRT 00000003 01 NONE " || fail "the file after DRAIN is not queued"
cmp -s "$T/print.want" "$T/print.txt" || fail "the drained printer printed: $(cat -A "$T/print.txt")"
# START and DRAIN are the operator's
say "#cp start 00e"
text "$T/a" "S37CFC002E START needs privilege class AD" 100
expect_no_grep "$T/err" "program check"
expect_no_grep "$T/err" "S37SPL09"
expect_no_grep "$T/err" "S37SPL071E"
line_close
stop_cp
# a directory without a spool area: no spooling, said at IPL and by the commands
sed '/^SPOOL S37RES/d' "$T/user.direct" > "$T/nospool.direct"
"$DIRECT" write "$T/nospool.direct" "$T/sysres.3350" > /dev/null || fail "direct write"
rm -f "$T/op"
start_cp
wait_console "S37SPL000W No SPOOL area in the directory: no spooling"
console_logon operator 1
op "/q rdr"
wait_console "S37SPL001E No spooling: the system has no spool area"
op "/spool punch to alice"
wait_console "S37SPL001E No spooling: the system has no spool area"
stop_cp
finish
