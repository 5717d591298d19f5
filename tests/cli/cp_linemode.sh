# CP on a line-mode terminal (cp/linemode.c): a 3215 at 001F reached by a
# telnet client that refuses the terminal type (played by this script
# through bash's /dev/tcp).  Checked: CP's greeting when the client
# connects (device end), a line that is not LOGON, LOGON with a wrong
# password, LOGON userid then the password on its own line, the LOGON lines
# (with the minidisk on a volume that is not mounted: NOT LINKED), QUERY VIRTUAL,
# QUERY NAMES naming the 3215, a MSG to oneself, TERMINAL MORE refused on a
# typewriter, LOGOFF and the greeting again; the operator's console logs it.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"

CP_NO_USERVOL=1 start_cp "001F 3215" # no user volume: the minidisk is not linked

# count FILE TEXT: how many lines are TEXT
count() {
	tr -d '\r' < "$1" | grep -cxF -- "$2"
}

line_connect
GREET="s370 CP 0.1 ONLINE -- enter LOGON userid"
text "$T/a" "$GREET"
printf 'hello\r\n' >&3
text "$T/a" "S37LGN001E Enter LOGON userid"
printf 'logon bob\r\n' >&3
text "$T/a" "ENTER PASSWORD:"
printf 'nope\r\n' >&3
text "$T/a" "S37LGN050E LOGON unsuccessful--incorrect password"
[ "$(count "$T/a" "$GREET")" = 2 ] || fail "no greeting after the refusal"
printf 'logon alice\r\n' >&3
sleep 0.3
printf 'alice\r\n' >&3
text "$T/a" "Virtual machine of 1024K, privilege classes G."
tr -d '\r' < "$T/a" | grep -qE "^LOGON AT [0-2][0-9]:[0-5][0-9]:[0-5][0-9] " || fail "no LOGON AT line"
wait_console "LOGON ALICE USERS = 1  AT 01F"
text "$T/a" "DASD 191 NOT LINKED; VOLID S37U01 NOT MOUNTED"
printf 'q v\r\n' >&3
text "$T/a" "CONS 009 3215 ON LINE 01F"
text "$T/a" "DASD 191 3350 S37U01 NOT LINKED"
printf 'q n\r\n' >&3
text "$T/a" "ALICE    - 01F"
printf 'msg alice note to self\r\n' >&3
text "$T/a" "MSG FROM ALICE   : note to self"
printf 'terminal more 5\r\n' >&3
text "$T/a" "S37CTM027E TERMINAL MORE is for a display"
printf 'logoff\r\n' >&3
for _ in $(seq 50); do
	[ "$(count "$T/a" "$GREET")" = 3 ] && break
	sleep 0.1
done
[ "$(count "$T/a" "$GREET")" = 3 ] || fail "no greeting after LOGOFF"
tr -d '\r' < "$T/a" | grep -qE "^LOGOFF AT " || fail "no LOGOFF AT line"
wait_console "LOGOFF ALICE"
line_close
stop_cp
finish
