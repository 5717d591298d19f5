# The ncurses panel, driven under tmux: keys sent with send-keys, the screen
# read with capture-pane.  Skipped (77) without tmux.
. "$(dirname "$0")/lib.sh"
command -v tmux > /dev/null || { echo "tmux not installed: skipped"; exit 77; }

S370=$(cd "$(dirname "$S370")" && pwd)/$(basename "$S370") # the pane starts in $T
TM="tmux -S $T/tmux.sock"
trap '$TM kill-server 2> /dev/null; rm -rf "$T"' EXIT
cat > "$T/conf" <<CNF
MAINSIZE 2
0009 3215-C
000C 3505
CNF
# The program's exit status lands in a file; the pane stays for a last look.
$TM -f /dev/null new-session -d -x 100 -y 32 -s panel \
	"cd $T && TERM=screen '$S370' -f conf --log log; echo EXIT=\$? > rc; sleep 60"

PANE=panel
screen() { $TM capture-pane -p -t $PANE > "$T/screen"; }
# wait_for TEXT: until the screen shows TEXT (5 s at most)
wait_for() {
	for i in $(seq 50); do
		screen
		grep -qF -- "$1" "$T/screen" && return 0
		sleep 0.1
	done
	fail "the screen never showed: $1"
	cat "$T/screen"
	return 1
}
keys() { $TM send-keys -t $PANE "$@"; }
type_line() { $TM send-keys -t $PANE -l "$1"; $TM send-keys -t $PANE Enter; }

# The first frame: status line, registers, devices, log, command line.
wait_for "s370  STOPPED" || finish
expect_grep "$T/screen" "PSW=00000000 00000000  instr 0"
expect_grep "$T/screen" " GR00=00000000 GR01=00000000 GR02=00000000 GR03=00000000"
expect_grep "$T/screen" "-- Devices: state and image or session"
expect_grep "$T/screen" " 0009 3215-C "
expect_grep "$T/screen" " 000C 3505 "
expect_grep "$T/screen" "s370: System/370, 2M main storage"
expect_grep "$T/screen" "F1 help F2 regs F3 view F5 start F6 stop"
[ "$(tail -n 1 "$T/screen")" = "==>" ] || fail "last line is not the command line: $(tail -n 1 "$T/screen")"

# The integrated console's output appears in the log: a program writes
# HELLO on 0009 and loads a disabled-wait PSW.
type_line "r 48=00000400"
type_line "r 400=09000500 20000005"
type_line "r 500=C8C5D3D3D6"
type_line "r 0=0000000000000200"
type_line "r 200=9C000009 82000210"
type_line "r 210=000200000000BEEF"
type_line "restart"
wait_for "s370  DISABLED WAIT PSW=00020000 8000BEEF"
expect_grep "$T/screen" "HELLO"
expect_grep "$T/screen" "CPU0000: disabled wait state PSW=00020000 8000BEEF"

# Tab completes a command name; a prefix of several lists them.
keys -l "devl"; keys Tab
wait_for "==> devlist"
keys C-u; keys -l "dev"; keys Tab
wait_for "devlist devinit"
keys C-u
# History: Up brings back the last line entered.
keys Up
wait_for "==> restart"
keys C-u

# The virtualization view: a problem-state loop that traps a privileged
# operation (SSM) and calls SVC 5, each handler returning by LPSW.
type_line "r 0=0001000000000220"
type_line "r 68=0000000000000300"
type_line "r 60=0000000000000308"
type_line "r 220=80000210 0A0547F00220"
type_line "r 300=82000028"
type_line "r 308=82000020"
keys F7 # restart key
wait_for "s370  RUNNING"
keys F3
wait_for "-- Virtualization view"
sleep 1.2
screen
priv=$(awk '/02 privileged operation/ { print $4 }' "$T/screen")
[ -n "$priv" ] && [ "$priv" -gt 1000 ] || { fail "privileged operations $priv, expected > 1000"; cat "$T/screen"; }
expect_grep "$T/screen" "trapped: trap-and-emulate"
grep -q "  SVC  *[1-9][0-9]*  *[1-9]" "$T/screen" || fail "no SVCs counted with a rate"
grep -q " 0\.000 MIPS" "$T/screen" && fail "MIPS still 0 while running"
keys F6 # stop
wait_for "s370  STOPPED"
wait_for "CPU0000: stopped"

# F2 cycles the registers: control registers, then floating point.
keys F2
wait_for "CR00=000000E0 CR01=00000000 CR02=FFFFFFFF"
keys F2
wait_for "FPR0=0000000000000000 FPR2=0000000000000000"

# ^F searches the log; the match is shown with its line number.
keys C-f; keys -l "System/370"; keys Enter
wait_for 'search: "System/370" at line 2 of'
keys Escape
wait_for "F1 help F2 regs"

# A smaller terminal: the frame follows the new size.
$TM resize-window -t p -x 70 -y 20
wait_for "s370  STOPPED"
[ "$(wc -l < "$T/screen")" -le 20 ] || fail "more than 20 lines after the resize"
[ "$(tail -n 1 "$T/screen")" = "==>" ] || fail "no command line after the resize"

# F10 proposes quit; Enter runs it: clean exit, everything in --log.
keys F10
wait_for "==> quit"
keys Enter
for i in $(seq 50); do [ -e "$T/rc" ] && break; sleep 0.1; done
[ "$(cat "$T/rc" 2>/dev/null)" = "EXIT=0" ] || fail "exit: $(cat "$T/rc" 2>/dev/null)"
expect_grep "$T/log" "> restart"
expect_grep "$T/log" "HELLO"
expect_grep "$T/log" "> quit"

# The panel with a control socket: a command sent from outside shows in the
# log; quit from outside ends the panel and --send returns after shutdown.
rm -f "$T/rc"
$TM new-session -d -x 100 -y 32 -s ctl \
	"cd $T && TERM=screen '$S370' -f conf --control ctl; echo EXIT=\$? > rc; sleep 60"
PANE=ctl
wait_for "s370  STOPPED"
for i in $(seq 50); do [ -S "$T/ctl" ] && break; sleep 0.1; done
"$S370" --send "$T/ctl" "loadparm pan" > "$T/sent"
expect_grep "$T/sent" "LOADPARM=PAN"
wait_for "> loadparm pan"
expect_grep "$T/screen" "LOADPARM=PAN"
"$S370" --send "$T/ctl" quit > "$T/sent"
expect_grep "$T/sent" "s370: shut down: images synced, sessions closed"
for i in $(seq 50); do [ -e "$T/rc" ] && break; sleep 0.1; done
[ "$(cat "$T/rc" 2>/dev/null)" = "EXIT=0" ] || fail "exit after quit by --send: $(cat "$T/rc" 2>/dev/null)"

# SIGTERM ends the panel and shuts down cleanly.
rm -f "$T/rc"
$TM new-session -d -x 100 -y 32 -s sig \
	"cd $T && TERM=screen sh -c 'echo \$\$ > pid; exec \"\$0\" -f conf' '$S370'; echo EXIT=\$? > rc; sleep 60"
PANE=sig
wait_for "s370  STOPPED"
kill -TERM "$(cat "$T/pid")"
for i in $(seq 50); do [ -e "$T/rc" ] && break; sleep 0.1; done
[ "$(cat "$T/rc" 2>/dev/null)" = "EXIT=0" ] || fail "exit after SIGTERM: $(cat "$T/rc" 2>/dev/null)"
wait_for "s370: signal 15: shut down"

# On a terminal, --no-panel and TERM=dumb mean line mode: plain lines, no frame.
for how in "TERM=screen '$S370' -f conf --no-panel" "TERM=dumb '$S370' -f conf"; do
	$TM kill-session -t line 2> /dev/null
	$TM new-session -d -x 80 -y 24 -s line "cd $T && $how; sleep 60"
	PANE=line
	wait_for "s370: System/370, 2M main storage"
	expect_no_grep "$T/screen" "==>"
	expect_no_grep "$T/screen" "F1 help"
	type_line "loadparm xyz"
	wait_for "LOADPARM=XYZ"
	type_line "quit"
done

finish
