# Spool files survive the machine (cp/spool.c's checkpoint and warm start):
# ALICE's guest punches files TO BOB and closes them; one more is still open
# when s370 is killed (kill -9, no shutdown of any kind).  s370 again, IPL:
# CP's warm start finds exactly the closed files (QUERY RDR: each once, the
# same records), BOB's guest reads their exact cards, and the open one is
# gone.  Then SHUTDOWN (which closes the files still open at LOGOFF) and IPL
# once more: the files are there again, none twice, none lost.  A newest
# checkpoint copy damaged on the volume (a torn write) makes the warm start
# take the other copy; both damaged, a cold start.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup spooltest 's/^USER BOB BOB 1M 4M G$/USER BOB BOB 1M 4M G\n MDISK 192 3350 4 1 S37RES RR/'
TERMS="$(printf '001E 3215\n001F 3215')"
say() { printf '%s\r\n' "$1" >&3; }
bob() { printf '%s\r\n' "$1" >&4; }
# bob_logon: BOB on a second line-mode terminal (fd 4, what it receives in $T/b)
bob_logon() {
	exec 4<>/dev/tcp/127.0.0.1/$PORT
	cat <&4 > "$T/b" &
	CAT2=$!
	for _ in $(seq 50); do [ -s "$T/b" ] && break; sleep 0.1; done
	printf '\xff\xfc\x18' >&4
	text "$T/b" "s370 CP 0.1 ONLINE -- enter LOGON userid" 100
	bob "logon bob"
	text "$T/b" "ENTER PASSWORD:" 100
	bob "bob"
	text "$T/b" "Virtual machine of 1024K, privilege classes G." 100
}
bob_close() {
	exec 4>&-
	kill $CAT2 2> /dev/null
	wait $CAT2 2> /dev/null
}
# restart: s370 anew on the same volumes, IPL
restart() {
	exec {OP}>&-
	wait $S370_PID 2> /dev/null
	sleep 0.2
	rm -f "$T/op"
	start_cp "$TERMS"
}
# rdr: the reader files BOB's QUERY RDR listed (id, class, type, records)
rdr() {
	bob "q rdr"
	text "$T/b" "ORIGINID FILE CLASS RECORDS  CPY HOLD DATE  TIME  NAME     TYPE     DIST" 100
	sleep 0.3
	tr -d '\r' < "$T/b" | grep -a -E "^ALICE    [0-9]{4} . (PUN|PRT) " | cut -c10-28
}
# bob_reads FILE: BOB's guest reads until its reader is empty (at most
# three files); the cards must be FILE's
ends() { tr -d '\r' < "$T/b" | grep -a -cE "^(END OF FILE AFTER [0-9]+ CARDS|READER EMPTY: .*)$"; }
bob_reads() {
	local n0 k
	bob "ipl 192"
	text "$T/b" "SPOOLTEST READY" 100
	n0=$(ends)
	for k in 1 2 3; do
		bob "read"
		for _ in $(seq 100); do
			[ "$(ends)" -ge $((n0 + k)) ] && break
			sleep 0.1
		done
		[ "$(tr -d '\r' < "$T/b" | grep -a -c "^READER EMPTY: STATUS 0E SENSE 40$")" -gt 0 ] && break
	done
	tr -d '\r' < "$T/b" | grep -a "^CARD: " > "$T/cards"
	cmp -s "$T/cards" "$1" || fail "BOB's guest read: $(cat "$T/cards")"
	tr -d '\r' < "$T/b" | grep -a -q "^READER EMPTY: STATUS 0E SENSE 40$" || fail "BOB's reader is not empty after"
}
# corrupt OFFSET: one byte of the system volume copy changed
corrupt() {
	local b
	b=$(od -An -tu1 -j "$1" -N1 "$T/sysres.3350" | tr -d ' ')
	printf "\\$(printf '%03o' $(((b + 1) % 256)))" | dd of="$T/sysres.3350" bs=1 seek="$1" conv=notrunc 2> /dev/null
}

start_cp "$TERMS"
wait_console "cold start: 0 files"
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
say "spool punch to bob"
say "ipl 192"
text "$T/a" "SPOOLTEST READY" 100
say "punch 3 FIRST"
text "$T/a" "PUNCHED 3 CARDS" 100
say "#cp close d"
text "$T/a" "PUN FILE 0001 TO BOB COPY 01 NOHOLD" 100
say "punch 10 SECOND"
text "$T/a" "PUNCHED 10 CARDS" 100
say "#cp close d"
text "$T/a" "PUN FILE 0002 TO BOB COPY 01 NOHOLD" 100
say "punch 2 NEVER CLOSED"
text "$T/a" "PUNCHED 2 CARDS" 100
line_close
# the machine stops dead: no LOGOFF, no SHUTDOWN, no flush
# (S370_PID is timeout's: s370 is its child; disowned, the shell does not report the kill)
disown $S370_PID
kill -9 $(ps -o pid= --ppid $S370_PID) || fail "no s370 to kill"
while kill -0 $S370_PID 2> /dev/null; do sleep 0.05; done
restart
wait_console "Spool area: S37RES cylinders 30-49, 2400 blocks of 4K, warm start: 2 files"
bob_logon
rdr > "$T/rdr"
printf '0001 A PUN 00000003\n0002 A PUN 00000010\n' > "$T/want"
cmp -s "$T/rdr" "$T/want" || fail "after kill -9, BOB's reader: $(cat "$T/rdr")"
{
	for k in 1 2 3; do echo "CARD: FIRST 0$k"; done
	for k in 01 02 03 04 05 06 07 08 09 10; do echo "CARD: SECOND $k"; done
} > "$T/want"
bob_reads "$T/want"
expect_no_grep "$T/b" "NEVER CLOSED"
bob "#cp logoff"
text "$T/b" "s370 CP 0.1 ONLINE -- enter LOGON userid" 100
bob_close
# files again: one closed, one left open at SHUTDOWN (LOGOFF closes it)
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
say "spool punch to bob"
say "ipl 192"
text "$T/a" "SPOOLTEST READY" 100
say "punch 4 THIRD"
text "$T/a" "PUNCHED 4 CARDS" 100
say "#cp close d"
text "$T/a" "PUN FILE 0003 TO BOB COPY 01 NOHOLD" 100
say "punch 1 CLOSED AT LOGOFF"
text "$T/a" "PUNCHED 1 CARDS" 100
console_logon operator
op "/shutdown"
wait_console "SYSTEM SHUTDOWN COMPLETE"
line_close
restart
wait_console "Spool area: S37RES cylinders 30-49, 2400 blocks of 4K, warm start: 2 files"
bob_logon
rdr > "$T/rdr"
printf '0003 A PUN 00000004\n0004 A PUN 00000001\n' > "$T/want"
cmp -s "$T/rdr" "$T/want" || fail "after SHUTDOWN, BOB's reader: $(cat "$T/rdr")"
# A checkpoint copy cut short: BOB purges file 4 (a checkpoint without it),
# the machine stops, and that newest copy is damaged on the volume as a
# write torn by a stop would leave it.  The warm start must take the other
# copy, one change older: file 4 is back.
bob "purge rdr 4"
text "$T/b" "0001 FILE PURGED" 100
bob_close
stop_cp
# the copies: "S37SPCK1" at the start of a record beyond cylinder 30 (the
# image: a 512-byte header, then 19456 bytes a track, 30 tracks a cylinder);
# the sequence number is the word at +16
newest=-1 seq=-1
for off in $(LC_ALL=C grep -obUa "S37SPCK1" "$T/sysres.3350" | cut -d: -f1); do
	[ "$off" -ge "$AREA" ] || continue
	s=$(od -An -tu1 -j $((off + 16)) -N4 "$T/sysres.3350" | awk '{print $1 * 16777216 + $2 * 65536 + $3 * 256 + $4}')
	[ "$s" -gt "$seq" ] && { seq=$s; newest=$off; }
done
[ "$newest" -ge 0 ] || fail "no checkpoint on the volume"
corrupt $((newest + 200))
restart
wait_console "Spool area: S37RES cylinders 30-49, 2400 blocks of 4K, warm start: 2 files"
bob_logon
{
	for k in 1 2 3 4; do echo "CARD: THIRD 0$k"; done
	echo "CARD: CLOSED AT LOGOFF 01"
} > "$T/want"
bob_reads "$T/want"
bob_close
expect_no_grep "$T/err" "program check"
expect_no_grep "$T/err" "S37SPL09"
stop_cp
# both copies damaged: nothing to trust, a cold start
for off in $(LC_ALL=C grep -obUa "S37SPCK1" "$T/sysres.3350" | cut -d: -f1); do
	[ "$off" -ge "$AREA" ] && corrupt "$off"
done
restart
wait_console "Spool area: S37RES cylinders 30-49, 2400 blocks of 4K, cold start: 0 files"
stop_cp
finish
