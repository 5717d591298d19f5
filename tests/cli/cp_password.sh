# The LOGON password on a line-mode terminal does not show (cp/linemode.c,
# devices/con3215.c: Read, no echo, X'1A'; docs/devices.md).  A telnet
# client played by this script (bash's /dev/tcp) logs on at the 3215 001F:
#  - a client that accepts: after ENTER PASSWORD: the server offers WILL ECHO
#    (RFC 857: the client stops echoing), the client says DO ECHO and types
#    the password; what comes back is the line end alone (CR LF) and WONT
#    ECHO at once: the client echoes again, and the password is nowhere in
#    what the client received.  Other input is the client's to echo: the
#    server offered ECHO once only, and a DO ECHO of the client's own is
#    refused (WONT);
#  - a client that refuses (DONT ECHO): CP says the password will show
#    (S37LGN055W) and takes it as any line; the next LOGON on that session
#    is not even offered ECHO;
#  - the operator's console (the integrated 3215-C) cannot hide it: the
#    same warning there.
# At IPL CP has named the users whose password is still their user id
# (ALICE's was changed for this test).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"

SRC=$(dirname "$0")/../../dasd-images/user.direct
cp "$SRC" "$T/user.direct"
"$DIRECT" passwd "$T/user.direct" ALICE S3CRETPW || fail "direct passwd"
"$DIRECT" write "$T/user.direct" "$T/sysres.3350" > /dev/null || fail "direct write"

CP_NO_USERVOL=1 start_cp "001F 3215"
# at IPL CP names the users whose password is still their user id
wait_console "S37DIR010W Password still the user id: OPERATOR MAINT BOB GUEST"
wait_console "S37DIR011W Change them (direct passwd) before others can reach a terminal"

# hex FILE: the bytes of FILE as one string of hex digits
hex() {
	od -An -v -tx1 "$1" | tr -d ' \n'
}
# count_hex FILE HEX: how often HEX occurs in FILE (at byte boundaries)
count_hex() {
	hex "$1" | sed 's/../& /g' | tr -d '\n' | grep -o -- "$(printf '%s' "$2" | sed 's/../& /g')" | wc -l
}
# lines FILE: its text without CR and the server's option negotiations
lines() {
	tr -d '\r' < "$1" | LC_ALL=C sed 's/\xff[\xfb-\xfe].//g'
}
WILL_ECHO=fffb01
WONT_ECHO=fffc01
WARN="S37LGN055W This terminal cannot hide the password: it shows as you type it"

# 1. a client that lets the server echo
line_connect
text "$T/a" "s370 CP 0.1 ONLINE -- enter LOGON userid"
printf 'logon alice\r\n' >&3
text "$T/a" "ENTER PASSWORD:"
for _ in $(seq 50); do
	[ "$(count_hex "$T/a" $WILL_ECHO)" = 1 ] && break
	sleep 0.1
done
[ "$(count_hex "$T/a" $WILL_ECHO)" = 1 ] || fail "no WILL ECHO after ENTER PASSWORD: $(hex "$T/a")"
printf '\xff\xfd\x01s3cretpw\r\n' >&3 # DO ECHO, then the password
text "$T/a" "Virtual machine of 1024K, privilege classes G."
printf '\xff\xfe\x01' >&3 # DONT ECHO: the answer to WONT ECHO
# what came between WILL ECHO and WONT ECHO: the line end, nothing else
hex "$T/a" | grep -q "${WILL_ECHO}0d0a${WONT_ECHO}" || fail "not WILL ECHO, CR LF, WONT ECHO: $(hex "$T/a")"
printf 'q n\r\n' >&3
text "$T/a" "ALICE    - 01F"
printf '\xff\xfd\x01' >&3 # DO ECHO out of the blue: refused, the client echoes
printf 'q n\r\n' >&3
for _ in $(seq 50); do
	[ "$(lines "$T/a" | grep -c "^ALICE    - 01F")" = 2 ] && break
	sleep 0.1
done
[ "$(count_hex "$T/a" $WILL_ECHO)" = 1 ] || fail "ECHO offered again after the password"
[ "$(count_hex "$T/a" $WONT_ECHO)" = 2 ] || fail "DO ECHO not refused: $(hex "$T/a")"
grep -qi "s3cretpw" "$T/a" && fail "the password was sent to the client"
wait_console "LOGON ALICE USERS = 1  AT 01F"
printf 'logoff\r\n' >&3
wait_console "LOGOFF ALICE"

# 2. the same session refuses: the warning, and the password as a line
printf 'logon alice\r\n' >&3
for _ in $(seq 50); do
	[ "$(count_hex "$T/a" $WILL_ECHO)" = 2 ] && break
	sleep 0.1
done
[ "$(count_hex "$T/a" $WILL_ECHO)" = 2 ] || fail "no WILL ECHO at the second LOGON"
printf '\xff\xfe\x01' >&3 # DONT ECHO
text "$T/a" "$WARN"
printf 's3cretpw\r\n' >&3
for _ in $(seq 50); do # (the second LOGON's line, not the first's again)
	[ "$(grep -c "LOGON ALICE USERS = 1  AT 01F" "$T/err")" = 2 ] && break
	sleep 0.1
done
[ "$(grep -c "LOGON ALICE USERS = 1  AT 01F" "$T/err")" = 2 ] || fail "the second LOGON failed"
printf 'logoff\r\n' >&3
for _ in $(seq 50); do
	[ "$(grep -c "LOGOFF ALICE" "$T/err")" = 2 ] && break
	sleep 0.1
done
# a third LOGON: the refusal is remembered, no offer, the warning at once
printf 'logon alice\r\n' >&3
for _ in $(seq 50); do
	[ "$(lines "$T/a" | grep -cxF -- "$WARN")" = 2 ] && break
	sleep 0.1
done
[ "$(lines "$T/a" | grep -cxF -- "$WARN")" = 2 ] || fail "no warning at the third LOGON"
[ "$(count_hex "$T/a" $WILL_ECHO)" = 2 ] || fail "ECHO offered to a client that refused it"
printf 's3cretpw\r\n' >&3
for _ in $(seq 50); do
	[ "$(grep -c "LOGON ALICE USERS = 1" "$T/err")" = 3 ] && break
	sleep 0.1
done
[ "$(grep -c "LOGON ALICE USERS = 1" "$T/err")" = 3 ] || fail "the third LOGON failed"
line_close

# 3. the operator's console: it cannot hide the password, and says so
op "/logon operator"
wait_console "ENTER PASSWORD:"
wait_console "$WARN"
op "/operator"
wait_console "LOGON OPERATOR USERS ="
stop_cp
finish
