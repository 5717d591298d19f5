# cms_spool.sh — CMS's spool commands (cms/cmd_spool*.c, docs/cms-spool.md)
# between two users who IPL CMS from the system disk 190: ALICE (a
# line-mode terminal) FORMATs her 191 and makes a file of variable records
# from one of 190's; SENDFILE puts it in BOB's reader (a 3270), where QUERY
# RDR and RDRLIST show it; BOB RECEIVEs it from RDRLIST's full screen and
# TYPE shows its exact lines, LISTFILE the same format, length and count as
# ALICE's.  A second copy is refused without REPLACE and stays in the
# reader; with REPLACE it is taken.  PUNCH then READCARD make the file again
# from cards (named by PUNCH's :READ card); PRINT reaches the printer's
# spool queue (QUERY PRT).  Wrong input gets VM/370's messages and codes.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
C=$(dirname "$S370")/tools/cmsfs
# (the build makes 190 a CMS disk, with the nucleus, when it has the nucleus: cp/CMakeLists.txt)
if ! "$C" -r "$VOL" -x 50,6 info > /dev/null 2>&1; then
	echo "skipped: the system volume's 190 is no CMS disk (a build without the CMS nucleus)"
	exit 77
fi
HELPSRC=$(dirname "$0")/../../cms/help/RELEASE.help
[ -f "$HELPSRC" ] || { echo "skipped: no $HELPSRC"; exit 77; }
line1=$(sed -n 1p "$HELPSRC" | sed 's/ *$//')
line3=$(sed -n 3p "$HELPSRC" | sed 's/ *$//')
nlines=$(wc -l < "$HELPSRC")

# a: ALICE's line-mode terminal; alice CMD: a line to it
alice() { printf '%s\r\n' "$1" >&3; }
# ready N: until ALICE's output has N Ready lines (R; or R(rc);), 10 s at most
ready() {
	for _ in $(seq 100); do
		[ "$(tr -d '\r' < "$T/a" | grep -acE '^R(\([-0-9]+\))?; ')" -ge "$1" ] && return 0
		sleep 0.1
	done
	fail "ALICE: fewer than $1 Ready lines"
	tr -d '\r' < "$T/a" | tail -20
}
# a_wait REGEX: until ALICE's output has a line matching REGEX (10 s at most)
a_wait() {
	for _ in $(seq 100); do
		tr -d '\r' < "$T/a" | grep -qaE -- "$1" && return 0
		sleep 0.1
	done
	fail "ALICE's terminal lacks /$1/"
	tr -d '\r' < "$T/a" | tail -5
}
NR=0
# a_cmd CMD: ALICE's command, until its Ready line; its output (with the
# Ready line) in $T/part
a_cmd() {
	LASTCMD=$1
	alice "$1"
	NR=$((NR + 1))
	ready $NR
	tr -d '\r' < "$T/a" | awk -v n=$NR '{ if (f == n - 1) print } /^R(\([-0-9]+\))?; / { f++ }' > "$T/part"
}
# last TEXT / last_re REGEX: the last command's output has that line
last() { grep -qxF -- "$1" "$T/part" || { fail "ALICE's $LASTCMD lacks: $1"; cat "$T/part"; }; }
last_re() { grep -qE -- "$1" "$T/part" || { fail "ALICE's $LASTCMD lacks /$1/"; cat "$T/part"; }; }

start_cp "001F 3215"
display_connect B 00C0
logon B BOB BOB
has B "Virtual machine of 1024K, privilege classes G."
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100

# both IPL CMS and FORMAT their 191
alice "ipl 190"
text "$T/a" "DMSACC112S A (191) is not a CMS disk: FORMAT it first" 100
alice "format 191 a"
a_wait '^DMSFOR603R '
alice "yes"
a_wait '^DMSFOR605R '

a_cmd "alice1"
last "DMSFOR732I 600 blocks formatted on disk 'A (191)'"
cmd B "ipl 190"
has B "DMSACC112S A (191) is not a CMS disk: FORMAT it first"
cmd B "format 191 a"
has_re B "^DMSFOR603R "
cmd B "yes"
has_re B "^DMSFOR605R "
cmd B "bob191"
has B "DMSFOR732I 600 blocks formatted on disk 'A (191)'"
key B Clear

# ALICE's file: RELEASE HELPCMS of 190, its records variable (blanks dropped)
a_cmd "copyfile release helpcms s plan memo a (recfm v"
a_cmd "listfile plan memo a (format"
fmt=$(grep -a '^PLAN     MEMO     A1 V ' "$T/part")
[ -n "$fmt" ] || fail "ALICE's PLAN MEMO is not listed as V: $(cat "$T/part")"
a_cmd "sendfile plan memo a to bob"
last "File 'PLAN MEMO A1' sent to BOB"
last_re '^PUN FILE [0-9]{4} TO BOB COPY 01 NOHOLD$'
id1=$(grep -aoE '^PUN FILE [0-9]{4}' "$T/part" | cut -c10-13)
has_re B "^RDR FILE $id1 SENT FROM ALICE PUN WAS $id1 RECS [0-9]{4} CPY 001 A NOHOLD$"
a_cmd "sendfile plan memo a to bob"
id2=$(grep -aoE '^PUN FILE [0-9]{4}' "$T/part" | cut -c10-13)
has_re B "^RDR FILE $id2 SENT FROM ALICE PUN"
cmd B "cp query rdr"
has_re B "^ALICE    $id1 A PUN [0-9]{8} 01 NONE [0-9/]{5} [0-9:]{5} PLAN     MEMO     ALICE$"
has_re B "^ALICE    $id2 A PUN [0-9]{8} 01 NONE [0-9/]{5} [0-9:]{5} PLAN     MEMO     ALICE$"
key B Clear

# RDRLIST's full screen: a row a file; RECEIVE / on the first, PURGE / (CP's
# PURGE RDR) on the second, one Enter; Enter after their output, PF3
cmd B "rdrlist"
has B " RDRLIST   Files: 2"
has_re B "^ +ALICE    $id1 A  PUN +[0-9]+ NONE [0-9/]{5} [0-9:]{5} PLAN     MEMO$"
has_re B "^ +ALICE    $id2 A  PUN +[0-9]+ NONE [0-9/]{5} [0-9:]{5} PLAN     MEMO$"
s3 B "MoveCursor(2,1)"
s3 B 'String("receive /")'
s3 B "MoveCursor(3,1)"
s3 B 'String("purge /")'
s3 B "Enter"
has B "File 'PLAN MEMO A1' received from ALICE"
has B "0001 FILE PURGED"
s3 B "Enter"
has B " RDRLIST   Files: 0"
s3 B "PF(3)"
has_re B "^R; T="
key B Clear
cmd B "listfile plan memo a (format"
has B "$fmt"
cmd B "type plan memo a 1 3"
has B "$line1"
has B "$line3"
key B Clear

# a second copy: refused without REPLACE (the reader keeps it), taken with it
a_cmd "sendfile plan memo a bob"
has_re B "^RDR FILE [0-9]{4} SENT FROM ALICE PUN"
cmd B "receive"
has B "DMSRCV024E File 'PLAN MEMO A1' already exists; specify REPLACE"
has_re B '^R\(00028\); '
cmd B "cp query rdr"
has_re B "^ALICE    [0-9]{4} A PUN [0-9]{8} 01 NONE .* PLAN     MEMO     ALICE$"
key B Clear
cmd B "receive * = = a (replace"
has B "File 'PLAN MEMO A1' received from ALICE"
cmd B "cp query rdr"
has B "NO RDR FILES"
cmd B "receive"
has B "DMSRCV702E No file in your reader"
key B Clear

# PUNCH to her own reader, READCARD * names the file by the :READ card
a_cmd "cp spool punch to *"
a_cmd "punch plan memo a"
last_re '^PUN FILE [0-9]{4} TO ALICE COPY 01 NOHOLD$'
# (RDRLIST on a typewriter terminal: a line a file; PEEK leaves the file there)
a_cmd "rdrlist"
last "ORIGINID FILE CL TYPE  RECORDS HOLD DATE  TIME  NAME     TYPE"
last_re "^ALICE    [0-9]{4} A  PUN +$((nlines + 1)) NONE [0-9/]{5} [0-9:]{5} PLAN     MEMO$"
a_cmd "peek (for 2"
last_re "^Reader file [0-9]{4} from ALICE: PUN PLAN, $((nlines + 1)) records$"
last_re "^:READ  PLAN     MEMO     A1 ALICE1 [0-9/]{8}  [0-9:]{5}$"
last "$line1"
[ "$(wc -l < "$T/part")" = 4 ] || fail "PEEK (FOR 2 showed more than 2 records: $(cat "$T/part")"
a_cmd "disk load"
last_re "^DMSDSK078E Reader file [0-9]{4} is not a DISK DUMP deck \\(READCARD reads it\\)$"
last_re '^R\(00008\); '
a_cmd "erase plan memo a"
a_cmd "readcard *"
last_re "^File 'PLAN MEMO A1' created from reader file [0-9]{4} \\($nlines records\\)$"
a_cmd "type plan memo a 1 1"
last "$line1"
a_cmd "listfile plan memo a (format"
last_re "^PLAN     MEMO     A1 F +80 +$nlines +[0-9]+$"

# DISK DUMP to her reader; DISK LOAD refuses to replace, then replaces
a_cmd "disk dump plan memo a"
last_re '^PUN FILE [0-9]{4} TO ALICE COPY 01 NOHOLD$'
a_cmd "disk load"
last "DMSDSK024E File 'PLAN MEMO A1' already exists; specify REPLACE"
a_cmd "disk load * * b"
last "DMSDSK037E Disk 'B' is read-only or not accessed"
a_cmd "disk load (replace"
last "File 'PLAN MEMO A1' received from ALICE"
a_cmd "cp spool punch off"

# PRINT: a file in the printer queue, a line a record
a_cmd "print plan memo a"
last_re '^PRT FILE [0-9]{4} TO SYSTEM COPY 01 NOHOLD$'
a_cmd "cp query prt"
last_re "^ALICE    [0-9]{4} A PRT $(printf '%08u' "$nlines") 01 NONE .* PLAN     MEMO     ALICE$"

# wrong input
a_cmd "sendfile nofile x a bob"
last "DMSSND002E File 'NOFILE X A' not found"
last_re '^R\(00028\); '
a_cmd "sendfile plan memo a zork"
last "DMSSND046E File 'PLAN MEMO A1' not sent to ZORK"
a_cmd "punch plan memo a (bogus"
last "DMSPUN003E Invalid option 'BOGUS'"
last_re '^R\(00024\); '
a_cmd "print no such a"
last "DMSPRT002E File 'NO SUCH A' not found"
a_cmd "readcard *"
last "DMSRDC702E No file in your reader"
a_cmd "disk load"
last "DMSDSK702E No file in your reader"

line_close
s3_end B
expect_no_grep "$T/err" "program check"
stop_cp
finish
