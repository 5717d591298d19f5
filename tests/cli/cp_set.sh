# SET and SLEEP (cp/cmd_set.c, cp/user.c, cp/display.c): ALICE at one
# display, OPERATOR (classes A-G: WARNING) at the other.  QUERY SET shows
# VM/370's defaults; SET MSG OFF makes a MSG from OPERATOR not arrive (the
# sender is told why), SET MSG ON lets the next one in; SET WNG the same for
# WARNING; SET EMSG CODE shows only an error's code, TEXT only its text, OFF
# nothing; SET TIMER REAL; bad operands are refused by name; SET PF5 (IMMED)
# enters its text at once, SET PF6 DELAYED puts it in the input area, QUERY PF
# lists them, SET PF5 alone clears it.  SET RUN ON: PA1 from VM READ gives a
# CP READ while the machine goes on (after QUERY TIME it is VM READ again and
# the guest takes the next line); RUN OFF: PA1 stops it until BEGIN.  SLEEP
# 2 SEC sleeps (status SLEEP) and wakes by itself; SLEEP without a time
# until Enter; #CP SLEEP from VM READ wakes to CP READ; messages arrive
# while asleep.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
start_cp
ST="                                                             "

display_connect A 00C0
logon A ALICE ALICE
has A "${ST}CP READ   ALICE"
display_connect B 00C1
logon B OPERATOR OPERATOR
has B "${ST}CP READ   OPERATOR"

# clear: the screen starts empty, so that rows can be counted
clr() {
	key "$1" "Clear"
	wait_row "$1" 1 ""
}

clr A
cmd A "query set"
has A "MSG ON, WNG ON, EMSG ON, RUN OFF, TIMER ON"

# MSG and WNG
cmd A "set msg off"
cmd B "msg alice first"
has B "S37MSG057W ALICE not receiving; MSG OFF"
cmd A "set msg on"
cmd B "msg alice second"
has A "MSG FROM OPERATOR: second"
grep -q "first" "$T/screen" && fail "A got the message sent while MSG OFF"
cmd A "set wng off"
cmd B "warning alice careful"
has B "S37MSG057W ALICE not receiving; WNG OFF"
cmd A "set wng on"
cmd B "warning alice mind the gap"
has A "WARNING FROM OPERATOR: mind the gap"
grep -q "careful" "$T/screen" && fail "A got the warning sent while WNG OFF"

# EMSG
clr A
cmd A "set emsg code"
cmd A "frob"
cmd A "set emsg text"
cmd A "frob"
cmd A "set emsg off"
cmd A "frob"
cmd A "set emsg on"
cmd A "frob"
has A "S37CFC001E ?CP: FROB"
expect_rows "1=set emsg code" "2=frob" "3=S37CFC001E" "4=set emsg text" "5=frob" "6=?CP: FROB" "7=set emsg off" \
	"8=frob" "9=set emsg on" "10=frob" "11=S37CFC001E ?CP: FROB" "12="

# TIMER, bad operands
clr A
cmd A "set timer real"
cmd A "q set"
has A "MSG ON, WNG ON, EMSG ON, RUN OFF, TIMER REAL"
cmd A "set msg maybe"
has A "S37CST026E Operand missing or invalid (SET MSG ON|OFF)"
cmd A "set emsg loud"
has A "S37CST026E Operand missing or invalid (SET EMSG ON|CODE|TEXT|OFF)"
cmd A "set frob on"
has A "S37CST003E Invalid option - FROB"
cmd A "set pf25 q t"
has A "S37CST003E Invalid option - PF25"
cmd A "set"
has A "S37CST026E Operand missing or invalid (SET MSG|WNG|EMSG|RUN|TIMER|PFnn ...)"
cmd A "sleep 5 weeks"
has A "S37CSL026E Operand missing or invalid (SLEEP n SEC|MIN|HR, n 0-99)"

# PF keys
clr A
cmd A "set pf5 q users"
cmd A "set pf06 delayed q names"
cmd A "q pf"
has A "PF06 DELAYED q names"
expect_rows "4=PF05 IMMED q users" "5=PF06 DELAYED q names"
key A "PF(5)"
has A "002 USERS, 000 DSC"
expect_rows "6=q users" "7=002 USERS, 000 DSC"
key A "PF(6)"
wait_row A 23 "q names"
key A "Enter"
has A "ALICE    - 0C0 , OPERATOR - 0C1"
expect_rows "8=q names" "23="
cmd A "set pf5"
cmd A "q pf5"
has A "PF05 UNDEFINED"
key A "PF(5)"
key A "PF(7)"
cmd A "q n"
has A "ALICE    - 0C0 , OPERATOR - 0C1"
expect_rows "12=PF05 UNDEFINED" "13=q n"

# RUN: hello370 reads; PA1 with RUN ON keeps it going
clr A
cmd A "ipl 19f"
has A "ENTER A LINE:"
has A "${ST}VM READ   ALICE"
cmd A "#cp set run on"
key A "PA(1)"
has A "${ST}CP READ   ALICE"
cmd A "q t"
has_re A "^TIME IS "
has A "${ST}VM READ   ALICE"
cmd A "hello"
has A "YOU TYPED: hello"
cmd A "#cp q set"
has A "MSG ON, WNG ON, EMSG ON, RUN ON, TIMER REAL"
expect_rows "24=${ST}VM READ   ALICE"
cmd A "#cp set run off"
key A "PA(1)"
has A "${ST}CP READ   ALICE"
cmd A "q t"
sleep 0.5
has A "${ST}CP READ   ALICE"
cmd A "begin"
has A "${ST}VM READ   ALICE"

# SLEEP
clr A
cmd A "#cp sleep"
has A "${ST}SLEEP     ALICE"
cmd B "msg alice wake up"
has A "MSG FROM OPERATOR: wake up"
expect_rows "24=${ST}SLEEP     ALICE"
key A "Enter"
has A "${ST}CP READ   ALICE"
cmd A "begin"
has A "${ST}VM READ   ALICE"
cmd A "#cp sleep 2 sec"
has A "${ST}SLEEP     ALICE"
T0=$(date +%s%N)
wait_row A 24 "${ST}CP READ   ALICE"
T1=$(date +%s%N)
MS=$(((T1 - T0) / 1000000))
[ "$MS" -ge 1000 ] && [ "$MS" -le 4000 ] || fail "SLEEP 2 SEC woke after $MS ms"
cmd A "sleep 1 sec"
has A "${ST}SLEEP     ALICE"
wait_row A 24 "${ST}CP READ   ALICE"

cmd A "logoff"
wait_row A 21 " USERID   ===>"
s3_end A
s3_end B
stop_cp
finish
