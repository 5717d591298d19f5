# Logging on to CP (cp/user.c, cp/userdir.c, cp/cmd.c, tools/direct.c).
# The user directory: `direct check` accepts dasd-images/user.direct and
# names the file and line of each bad statement; `direct passwd` changes a
# password in a copy of the source and `direct write` puts it on the copy of
# the system volume, where CP reads it at the next LOGON (the old password
# no longer works, the new one does).  Then two users at two displays:
# unknown user, NOLOG user and wrong password refused, each answered 2 s
# late and logged on the operator's console; LOGON (password in
# lower case accepted) gives the console screen: the LOGON line, the virtual
# machine's size and classes, CP READ with the user id in the status area;
# QUERY NAMES / USERS / TIME / VIRTUAL (storage, console, spool devices,
# the minidisk on the user volume) / DASD (volume serials); MSG between the users; an unknown command;
# DISCONNECT (the user stays, DSC), a MSG to a disconnected user, LOGON
# again reconnects; a second LOGON of a connected user is refused; a client
# that drops leaves its user disconnected when the next client connects; a
# full output area: MORE..., HOLDING, PA2, TERMINAL MORE 1 clearing by
# itself; a virtual machine bigger than the free real storage refused;
# LOGOFF.  The operator's console logs LOGON, LOGOFF, DISCONNECT.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
SRC=$(dirname "$0")/../../dasd-images/user.direct

# ---- the directory tool ----
"$DIRECT" check "$SRC" > "$T/d.out" 2>&1
expect_rc $? 0 "direct check"
expect_grep "$T/d.out" "6 users, no errors"
printf 'USER A1 PW 1M 4M G\n CONSOLE 009 3215\nUSER A1 PW 1M 4M G\n MDISK 191 3350 1 X VOL001 W\nUSER B2 PW 8M 4M Z\nLINK\nFROB 1\n' > "$T/bad.direct"
"$DIRECT" check "$T/bad.direct" > "$T/d.out" 2>&1
expect_rc $? 1 "direct check of a bad source"
expect_grep "$T/d.out" "direct: $T/bad.direct:3: USER: A1 is defined twice"
expect_grep "$T/d.out" "direct: $T/bad.direct:4: MDISK: expected MDISK vaddr type start count volser"
expect_grep "$T/d.out" "direct: $T/bad.direct:5: USER B2: the maximum storage 4M is less than the storage 8M"
expect_grep "$T/d.out" "direct: $T/bad.direct:5: USER B2: privilege class 'Z' (expected A-G)"
expect_grep "$T/d.out" "direct: $T/bad.direct:6: LINK: expected LINK userid vaddr vaddr mode"
expect_grep "$T/d.out" "direct: $T/bad.direct:7: unknown statement FROB"
cp "$T/sysres.3350" "$T/before.3350"
"$DIRECT" write "$T/bad.direct" "$T/sysres.3350" > "$T/d.out" 2>&1
expect_rc $? 1 "direct write of a bad source"
cmp -s "$T/sysres.3350" "$T/before.3350" || fail "a bad source changed the volume"
cp "$SRC" "$T/user.direct"
"$DIRECT" passwd "$T/user.direct" BOB NEWPW > "$T/d.out" 2>&1
expect_rc $? 0 "direct passwd"
grep -q "^USER BOB NEWPW 1M 4M G" "$T/user.direct" || fail "passwd did not change BOB: $(grep BOB "$T/user.direct")"
"$DIRECT" add "$T/user.direct" CAROL CAROLPW 2M > "$T/d.out" 2>&1
expect_rc $? 0 "direct add"
"$DIRECT" add "$T/user.direct" CAROL X 2M > "$T/d.out" 2>&1
expect_rc $? 1 "direct add of an existing user"
"$DIRECT" write "$T/user.direct" "$T/sysres.3350" > "$T/d.out" 2>&1
expect_rc $? 0 "direct write"
expect_grep "$T/d.out" "7 users on cylinder 2"

start_cp "00C2 3270"



display_connect A 00C0
logon A ZED PW
wait_row A 17 " S37LGN053E ZED not in CP directory"
logon A NOBODY NOLOG
wait_row A 17 " S37LGN050E LOGON unsuccessful--incorrect password"
T0=$(date +%s%N)
logon A BOB BOB
wait_row A 17 " S37LGN050E LOGON unsuccessful--incorrect password"
T1=$(date +%s%N)
[ $(((T1 - T0) / 1000000)) -ge 1500 ] || fail "a refused LOGON was answered after $(((T1 - T0) / 1000000)) ms, not 2 s"
wait_console "LOGON BOB at 0C0: password incorrect"
wait_console "LOGON ZED at 0C0: not in the directory"
logon A alice alice
has A "Virtual machine of 1024K, privilege classes G."
grep -qE "^LOGON AT [0-2][0-9]:[0-5][0-9]:[0-5][0-9] (MON|TUES|WEDNES|THURS|FRI|SATUR|SUN)DAY [01][0-9]/[0-3][0-9]/[0-9][0-9]$" \
	"$T/screen" || fail "A: no LOGON AT line: $(head -2 "$T/screen")"
expect_rows "24=                                                             CP READ   ALICE"
wait_console "LOGON ALICE USERS = 1  AT 0C0"

display_connect B 00C1
logon B BOB NEWPW
has B "Virtual machine of 1024K, privilege classes G."
wait_console "LOGON BOB USERS = 2  AT 0C1"

cmd A "q n"
has A "ALICE    - 0C0 , BOB      - 0C1"
cmd A "q v"
has A "STORAGE = 1024K"
expect_rows "7=SIMULATED 0 PRIVILEGED INSTRUCTIONS IN 0 DISPATCHES" "8=CONS 009 3215 ON DISP 0C0" "9=RDR 00C 2540 CL *" "10=PUN 00D 2540 CL A" "11=PRT 00E 1403 CL A" \
	"12=DASD 190 3350 S37RES R/O 6 CYL ON 150 AT CYL 50" "13=DASD 19F 3350 S37RES R/O 1 CYL ON 150 AT CYL 3" \
	"14=DASD 191 3350 S37U01 R/W 5 CYL ON 151 AT CYL 11"
cmd A "q dasd"
has A "DASD 151 3350 S37U01"
expect_rows "16=DASD 150 3350 S37RES"
key A "Clear"
wait_row A 1 ""
cmd A "msg bob Hello, Bob"
has B "MSG FROM ALICE   : Hello, Bob"
cmd B "query users"
has B "002 USERS, 000 DSC"
cmd B "q time"
has_re B "^TIME IS [0-2][0-9]:[0-5][0-9]:[0-5][0-9] [A-Z]+DAY [01][0-9]/[0-3][0-9]/[0-9][0-9]$"
cmd A "frob 1 2"
has A "S37CFC001E ?CP: FROB"
cmd A "msg operator hello operator"
wait_console "MSG FROM ALICE   : hello operator"

cmd B "disc"
wait_row B 21 " USERID   ===>"
screen B
grep -q "^ DISCONNECT AT " "$T/screen" || fail "B: no DISCONNECT AT line on the logo"
wait_console "DISCONNECT BOB"
cmd A "q n"
has A "ALICE    - 0C0 , BOB      - DSC"
cmd A "m bob are you there"
has A "S37MSG057W BOB not receiving; disconnected"
logon B bob newpw
wait_row B 24 "                                                             CP READ   BOB"
screen B
grep -q "^RECONNECTED AT " "$T/screen" || fail "B: no RECONNECTED AT line"
grep -q "^Virtual machine of" "$T/screen" && fail "B: a reconnect is not a new LOGON"
wait_console "RECONNECT BOB AT 0C1"

# B's client drops; the next client on 0C1 finds the logo, BOB disconnected.
s3_end B
display_connect D 00C1
cmd A "q n"
has A "ALICE    - 0C0 , BOB      - DSC"
logon D ALICE ALICE
wait_row D 17 " S37LGN054E Already logged on at display 0C0"
# 4M of storage on a 4M machine that already holds two users of 1M: CP gives
# frames as pages are touched and pages out when they run short (paging.c)
logon D MAINT MAINT
has D "                                                             CP READ   MAINT"
cmd D "logoff"
wait_row D 21 " USERID   ===>"

# The output area fills: MORE..., then HOLDING (Enter on an empty line), PA2
# shows what waited; with TERMINAL MORE 1 the full screen clears by itself.
cmd A "clear-me"
key A "Clear"
wait_row A 1 ""
for k in $(seq 11); do cmd A "q t"; done
has A "                                                             CP READ   ALICE"
cmd A "q u"
has A "                                                             MORE...   ALICE"
key A "Enter"
has A "                                                             HOLDING   ALICE"
sleep 1
has A "                                                             HOLDING   ALICE"
key A "PA(2)"
wait_row A 1 "q u"
expect_rows "2=002 USERS, 001 DSC" "3=" "24=                                                             CP READ   ALICE"
cmd A "terminal more 1"
cmd A "terminal less 1"
has A "S37CTM026E Operand missing or invalid (TERMINAL MORE 0-255)"
for k in $(seq 8); do cmd A "q t"; done # 21 lines
cmd A "q n"                               # its answer is the 23rd
has A "                                                             MORE...   ALICE"
wait_row A 1 "ALICE    - 0C0 , BOB      - DSC"
expect_rows "24=                                                             CP READ   ALICE"

# BOB's client goes without a word (killed at CP READ): CP has not seen it
# go, but BOB's LOGON at another display finds 0C1 without a client and
# takes him back there.
logon D BOB newpw
wait_row D 24 "                                                             CP READ   BOB"
s3_kill D
display_connect E 00C2
logon E BOB newpw
wait_row E 24 "                                                             CP READ   BOB"
screen E
grep -q "^RECONNECTED AT " "$T/screen" || fail "E: BOB not taken back: $(cat "$T/screen")"
wait_console "RECONNECT BOB AT 0C2"
s3_end E

cmd A "logoff"
wait_row A 21 " USERID   ===>"
screen A
grep -q "^ LOGOFF AT " "$T/screen" || fail "A: no LOGOFF AT line on the logo"
wait_console "LOGOFF ALICE"
s3_end A
stop_cp
finish
