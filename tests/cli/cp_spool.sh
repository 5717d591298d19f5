# Spooling (cp/spool*.c): ALICE's guest (tests/guest/spooltest.c) punches
# cards on its virtual punch, spooled TO BOB; CLOSE makes them a file in
# BOB's reader, and BOB's guest reads it card by card: the exact cards, then
# unit exception at the end of the file, then an empty reader (unit check,
# intervention required).  QUERY RDR shows the files; PURGE, ORDER, CHANGE,
# TAG and TRANSFER change them as QUERY then shows; DIAGNOSE X'14' reads a
# file block by block; the devices answer wrong use as the real ones do.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
# the directory's spool area (SPOOL volser start count before the first
# USER): direct refuses a second one, and one over the paging area
sed 's/^SPOOL S37RES 30 20$/SPOOL S37RES 25 20\nSPOOL S37RES 45 2/' "$(dirname "$0")/../../dasd-images/user.direct" \
	> "$T/bad.direct"
"$DIRECT" check "$T/bad.direct" > "$T/bad.out" 2>&1 && fail "direct accepted two spool areas"
expect_grep "$T/bad.out" "SPOOL: one spool area only (the first is on line"
expect_grep "$T/bad.out" "SPOOL: S37RES cylinders 25-44 overlap the area of line"
guest_setup spooltest 's/^USER BOB BOB 1M 4M G$/USER BOB BOB 1M 4M G\n MDISK 192 3350 4 1 S37RES RR/'

# line_logon2 USER: a second line-mode terminal (fd 4, what it receives in
# $T/b) logs on as USER, whose password is its user id
line_logon2() {
	exec 4<>/dev/tcp/127.0.0.1/$PORT
	cat <&4 > "$T/b" &
	CAT2=$!
	for _ in $(seq 50); do [ -s "$T/b" ] && break; sleep 0.1; done
	printf '\xff\xfc\x18' >&4
	text "$T/b" "s370 CP 0.1 ONLINE -- enter LOGON userid" 100
	printf 'logon %s\r\n' "$1" >&4
	text "$T/b" "ENTER PASSWORD:" 100
	printf '%s\r\n' "$1" >&4
}
bob() { printf '%s\r\n' "$1" >&4; }
b() { tr -d '\r' < "$T/b"; }
start_cp "$(printf '001E 3215\n001F 3215')"
wait_console "Spool area: S37RES cylinders 30-49, 2400 blocks of 4K, cold start: 0 files"
# BOB and ALICE on line-mode terminals
line_logon2 bob
text "$T/b" "Virtual machine of 1024K, privilege classes G." 100
bob "q rdr"
text "$T/b" "NO RDR FILES" 100
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
# wait_n FILE LINE N: until FILE has the line LINE N times (10 s at most)
wait_n() {
	for _ in $(seq 100); do
		[ "$(tr -d '\r' < "$1" | grep -a -cxF -- "$2")" -ge "$3" ] && return 0
		sleep 0.1
	done
	fail "$1 has the line '$2' fewer than $3 times"
}
say() { printf '%s\r\n' "$1" >&3; }
say "spool punch to bob"
sleep 0.5
say "ipl 192"
text "$T/a" "SPOOLTEST READY" 100
say "punch 3"
text "$T/a" "PUNCHED 3 CARDS" 100
say "#cp close 00d"
text "$T/a" "PUN FILE 0001 TO BOB COPY 01 NOHOLD" 100
text "$T/b" "RDR FILE 0001 SENT FROM ALICE PUN WAS 0001 RECS 0003 CPY 001 A NOHOLD" 100
# a second file, named, and held
say "punch 2 SECOND FILE"
text "$T/a" "PUNCHED 2 CARDS" 100
say "#cp close 00d hold name second deck"
text "$T/a" "PUN FILE 0002 TO BOB COPY 01 HOLD" 100
# the printer's lines wait for the real printer: ALICE's printer queue
say "print"
text "$T/a" "PRINTED 2 LINES" 100
say "#cp close e"
text "$T/a" "PRT FILE 0003 TO SYSTEM COPY 01 NOHOLD" 100
say "#cp query printer"
text "$T/a" "ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME  NAME     TYPE     DIST" 100
for _ in $(seq 50); do grep -aq "0003 A PRT" "$T/a" && break; sleep 0.1; done # (the line after the heading)
tr -d '\r' < "$T/a" | grep -a -qE "^ALICE    0003 A PRT 00000003 01 NONE [0-9]{2}/[0-9]{2} [0-9]{2}:[0-9]{2}                   ALICE$" ||
	fail "QUERY PRINTER: $(tr -d '\r' < "$T/a" | grep -a '0003 A PRT')"
bob "q rdr"
for _ in $(seq 50); do grep -q "0002 A PUN" "$T/b" && break; sleep 0.1; done
b | grep -a -qE "^ALICE    0001 A PUN 00000003 01 NONE [0-9/: ]{11}                   ALICE$" ||
	fail "QUERY RDR: file 1: $(grep '0001 A PUN' "$T/b")"
b | grep -a -qE "^ALICE    0002 A PUN 00000002 01 USER [0-9/: ]{11} SECOND   DECK     ALICE$" ||
	fail "QUERY RDR: file 2: $(grep '0002 A PUN' "$T/b")"
# BOB's guest reads the first file, card by card; the held one stays
bob "ipl 192"
text "$T/b" "SPOOLTEST READY" 100
bob "read"
text "$T/b" "END OF FILE AFTER 3 CARDS" 100
b | grep -a "^CARD: " > "$T/cards"
printf 'CARD: SPOOLTEST CARD 01\nCARD: SPOOLTEST CARD 02\nCARD: SPOOLTEST CARD 03\n' > "$T/want"
cmp -s "$T/cards" "$T/want" || fail "BOB read: $(cat "$T/cards")"
bob "read"
text "$T/b" "READER EMPTY: STATUS 0E SENSE 40" 100
# the file read is gone, the held one is there
bob "#cp q files"
text "$T/b" "FILES: 0001 RDR, 0000 PRT, 0000 PUN" 100
# CHANGE: the held file is released, and class B; the reader reads class * (all)
bob "#cp change rdr 2 nohold class b"
text "$T/b" "0001 FILE CHANGED" 100
bob "#cp q rdr"
for _ in $(seq 50); do grep -q "0002 B PUN 00000002 01 NONE" "$T/b" && break; sleep 0.1; done
b | grep -a -qE "^ALICE    0002 B PUN 00000002 01 NONE [0-9/: ]{11} SECOND   DECK     ALICE$" ||
	fail "after CHANGE: $(grep '0002 . PUN' "$T/b" | tail -1)"
# three more files from ALICE: 4, 5, 6; ORDER puts 6 and 5 before 2 and 4
for k in 4 5 6; do
	say "punch 1 FILE $k"
	wait_n "$T/a" "PUNCHED 1 CARDS" $((k - 3))
	say "#cp close d"
	text "$T/a" "PUN FILE 000$k TO BOB COPY 01 NOHOLD" 100
done
bob "#cp order rdr 6 5"
sleep 0.5
bob "#cp q rdr"
for _ in $(seq 50); do [ "$(grep -c ' PUN 0000000' "$T/b")" -ge 7 ] && break; sleep 0.1; done
b | grep -a -E "^ALICE    000[0-9] . PUN" | tail -4 | cut -c10-13 | tr '\n' ' ' > "$T/order"
[ "$(cat "$T/order")" = "0006 0005 0002 0004 " ] || fail "ORDER: the reader holds $(cat "$T/order")"
# PURGE of a file that is not BOB's, then of 5
bob "#cp purge rdr 3 5"
text "$T/b" "S37SPL042E RDR file 0003 does not exist" 100
text "$T/b" "0001 FILE PURGED" 100
# TAG, TRANSFER of 4 back to ALICE's reader
bob "#cp tag file 4 hello from bob"
sleep 0.5
bob "#cp tag query file 4"
text "$T/b" "hello from bob" 100
bob "#cp transfer rdr 4 to alice"
text "$T/b" "0001 FILE TRANSFERRED" 100
text "$T/a" "RDR FILE 0004 TRANSFERRED FROM BOB RDR RECS 0001 CPY 001 A NOHOLD" 100
say "#cp q rdr"
for _ in $(seq 50); do tr -d '\r' < "$T/a" | grep -a -q "0004 A PUN" && break; sleep 0.1; done
tr -d '\r' < "$T/a" | grep -a -qE "^ALICE    0004 A PUN 00000001 01 NONE [0-9/: ]{11}                   ALICE$" ||
	fail "ALICE's reader: $(tr -d '\r' < "$T/a" | grep -a '0004 A PUN')"
# BOB's guest reads the rest in order: 6, then 2 (class B, a reader of class *)
bob "read"
text "$T/b" "CARD: FILE 6 01" 100
text "$T/b" "END OF FILE AFTER 1 CARDS" 100
bob "read"
text "$T/b" "CARD: SECOND FILE 02" 100
text "$T/b" "END OF FILE AFTER 2 CARDS" 100
# DIAGNOSE X'14': ALICE's guest reads file 4 block by block
say "diag"
text "$T/a" "DIAG CARD: FILE 4 01" 100
text "$T/a" "DIAG END CC 1 AFTER 1 RECORDS" 100
say "#cp close rdr"
sleep 0.5
say "diag"
text "$T/a" "DIAG NO FILE" 100
# COPY, files to oneself (TO *), DIAGNOSE X'14''s other subcodes
say "#cp spool punch to * copy 2"
sleep 0.5
say "punch 2 SELF A"
wait_n "$T/a" "PUNCHED 2 CARDS" 2
say "#cp close d"
text "$T/a" "PUN FILE 0007 TO ALICE COPY 02 NOHOLD" 100
say "#cp spool punch copy 1"
sleep 0.5
say "punch 1 SELF B"
wait_n "$T/a" "PUNCHED 1 CARDS" 4
say "#cp close d"
text "$T/a" "PUN FILE 0008 TO ALICE COPY 01 NOHOLD" 100
say "diagx"
text "$T/a" "DIAG 0FFF: FILE 0007 CLASS A TYPE P RECS 2 FROM ALICE" 100
text "$T/a" "DIAG 0FFF: FILE 0008 CLASS A TYPE P RECS 1 FROM ALICE" 100
text "$T/a" "DIAG 0FFF: 2 FILES, THEN CC 1" 100
text "$T/a" "DIAG 000C: CC 0, FIRST NOW 0008 (WAS 0007)" 100
text "$T/a" "DIAG 0014 0018: CC 0 0 0 1, SELF B 01 / SELF B 01 / SELF B 01" 100
text "$T/a" "DIAG 0010: CC 0" 100
# CLOSE HOLD keeps the file DIAGNOSE read, now of 3 copies, held, first
say "#cp close rdr hold"
sleep 0.5
say "#cp q rdr"
for _ in $(seq 50); do tr -d '\r' < "$T/a" | grep -a -q "0007 A PUN 00000002 02" && break; sleep 0.1; done
tr -d '\r' < "$T/a" | grep -a -E "^ALICE    000[78] A PUN" | cut -c10-36 | tail -2 > "$T/q"
printf '0008 A PUN 00000001 03 USER\n0007 A PUN 00000002 02 NONE\n' > "$T/want"
cmp -s "$T/q" "$T/want" || fail "ALICE's reader after DIAGNOSE X'14': $(cat "$T/q")"
# SPOOL READER CONT: both files in one, with no end of file between
say "#cp change rdr 8 nohold"
text "$T/a" "0001 FILE CHANGED" 100
say "#cp spool rdr cont"
sleep 0.5
say "read"
text "$T/a" "END OF FILE AFTER 3 CARDS" 100
tr -d '\r' < "$T/a" | grep -a "^CARD: " > "$T/cards"
printf 'CARD: SELF B 01\nCARD: SELF A 01\nCARD: SELF A 02\n' > "$T/want"
cmp -s "$T/cards" "$T/want" || fail "SPOOL RDR CONT read: $(cat "$T/cards")"
# SPOOL PRINTER FOR BOB: the file waits for the real printer, in BOB's name
say "#cp spool prt for bob"
sleep 0.5
say "#cp tag dev e for the printer room"
sleep 0.5
say "#cp tag query dev e"
text "$T/a" "for the printer room" 100
say "print"
wait_n "$T/a" "PRINTED 2 LINES" 2
say "#cp close e"
text "$T/a" "PRT FILE 0009 FOR BOB COPY 01 NOHOLD" 100
say "#cp tag query file 9"
wait_n "$T/a" "for the printer room" 2
bob "#cp q prt"
for _ in $(seq 50); do grep -q "0009 A PRT" "$T/b" && break; sleep 0.1; done
b | grep -a -qE "^ALICE    0009 A PRT 00000003 01 NONE " || fail "BOB's printer queue: $(grep 'A PRT' "$T/b")"
# wrong use
say "checks"
for _ in $(seq 100); do grep -q "SPOOL CHECKS: " "$T/a" && break; sleep 0.1; done
tr -d '\r' < "$T/a" | grep -a -E "^S[0-9]{2} " | grep -a -v ": OK$" | while IFS= read -r l; do echo "FAIL: $l"; done
text "$T/a" "SPOOL CHECKS: 9 OF 9 OK" 10
# commands wrong
say "#cp spool punch class"
text "$T/a" "S37SPL003E Invalid option - CLASS" 100
say "#cp spool 00f cont"
text "$T/a" "S37SPL040E Dev 00F does not exist or is not a spooled device" 100
say "#cp spool punch to nobodyx"
text "$T/a" "S37SPL053E NOBODYX not in CP directory" 100
say "#cp purge rdr 77"
text "$T/a" "S37SPL042E RDR file 0077 does not exist" 100
# DETACH closes the punch's open file (the checks' two short cards)
say "#cp detach d"
text "$T/a" "PUN FILE 0010 TO ALICE COPY 01 NOHOLD" 100
text "$T/a" "00D DETACHED" 100
say "#cp q rdr"
for _ in $(seq 50); do tr -d '\r' < "$T/a" | grep -a -q "0010 A PUN" && break; sleep 0.1; done
tr -d '\r' < "$T/a" | grep -a -qE "^ALICE    0010 A PUN 00000002 01 NONE " || fail "the file DETACH closed is not in ALICE's reader"
expect_no_grep "$T/err" "program check"
expect_no_grep "$T/err" "S37SPL09"
[ -n "${SPOOL_DEBUG:-}" ] && cp "$T/err" "$T/b" "$T/a" "$SPOOL_DEBUG"
line_close
exec 4>&-
kill $CAT2 2> /dev/null
wait $CAT2 2> /dev/null
stop_cp
finish
