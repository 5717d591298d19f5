# cms_xedit.sh — CMS's editors on the whole system (issue 11): ALICE at a
# 3270 (an s3270 client) IPLs CMS, formats her A-disk, creates a file in
# XEDIT's full screen (input mode, prefix commands, typing over a line,
# CHANGE, QUIT refused), sees the screen come back after CP took the display
# for a message, FILEs it, TYPEs it, runs TYPE and XEDIT on it from
# FILELIST; BOB on a line-mode terminal edits the same way (XEDIT there is
# the line editor, EDIT's prompts).
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
. "$(dirname "$0")/cms.inc"
XS="                                                              X E D I T  1 File"
SCALE="       |...+....1....+....2....+....3....+....4....+....5....+....6....+....7..."
# part FILE TEXT: until the line-mode terminal's output holds TEXT somewhere (10 s at most)
part() {
	for _ in $(seq 100); do
		tr -d '\r' < "$1" | grep -qF -- "$2" && return 0
		sleep 0.1
	done
	fail "the terminal lacks '$2'; it has: $(tr -d '\r' < "$1")"
	return 1
}

start_cp "001F 3215"
cms_ipl A 00C0 ALICE
cms_format A 191 A alice1
cms_clear A
cmd A "xedit test data"
wait_row A 1 " TEST     DATA     A1  F 80  Trunc=80 Size=0 Line=0 Col=1 Alt=0"
expect_rows "2= NEW FILE" "13= ===== * * * Top of File * * *" "14=$SCALE" "15= ===== * * * End of File * * *" \
	"23= ====>" "24=$XS"

# input mode: lines after the current one, Enter with nothing ends it
cmd A "input"
wait_row A 24 "                                                              Input-mode 1 File"
s3 A "String(\"hello world\")"
s3 A "Newline"
s3 A "String(\"second line\")"
key A Enter
wait_row A 1 " TEST     DATA     A1  F 80  Trunc=80 Size=2 Line=2 Col=1 Alt=1"
expect_rows "11= ===== * * * Top of File * * *" "12= ===== hello world" "13= ===== second line"
key A Enter
wait_row A 24 "$XS"

# a prefix command (" duplicates) and a line typed over
s3 A "MoveCursor(12,1)"
s3 A "String(\"\\\"\")"
s3 A "MoveCursor(11,7)"
s3 A "String(\"HELLO\")"
key A Enter
wait_row A 15 " ===== second line"
expect_rows "12= ===== HELLO world" "13= ===== second line" "14=$SCALE" "16= ===== * * * End of File * * *"

# CHANGE on every line to the end; QUIT refused
cmd A "top"
wait_row A 13 " ===== * * * Top of File * * *"
cmd A "c/second/2nd/ * *"
wait_row A 2 " DMSXED517I 2 occurrence(s) changed on 2 line(s)"
key A "PF(3)"
wait_row A 2 " DMSXED577E File has been changed; type QQUIT to quit anyway"

# CP takes the display for a message; Clear gives the editor its screen back
console_logon operator
op "/msg alice lunch is ready"
has_re A "MSG FROM OPERATOR: lunch is ready"
key A Clear
wait_row A 24 "$XS"
expect_rows "1= TEST     DATA     A1  F 80  Trunc=80 Size=3 Line=3 Col=1 Alt=1" "13= ===== 2nd line"

# the ring: XEDIT of another file while editing; QUIT of it comes back
cmd A "xedit second data"
wait_row A 1 " SECOND   DATA     A1  F 80  Trunc=80 Size=0 Line=0 Col=1 Alt=0"
expect_rows "2= NEW FILE" "24=                                                             X E D I T  2 Files"
cmd A "input in the second file"
wait_row A 1 " SECOND   DATA     A1  F 80  Trunc=80 Size=1 Line=1 Col=1 Alt=1"
cmd A "xedit test data"
wait_row A 1 " TEST     DATA     A1  F 80  Trunc=80 Size=3 Line=3 Col=1 Alt=1"
cmd A "x second data"
wait_row A 1 " SECOND   DATA     A1  F 80  Trunc=80 Size=1 Line=1 Col=1 Alt=1"
cmd A "xedit nosuch"
wait_row A 2 " DMSXED054E Incomplete fileid specified: XEDIT fn ft fm (fm may be left out)"
cmd A "file"
wait_row A 1 " TEST     DATA     A1  F 80  Trunc=80 Size=3 Line=3 Col=1 Alt=1"
expect_rows "24=$XS"
cmd A "file"
has_re A "$READY"
cms A "type second data"
expect_rows "2=in the second file"
cms A "erase second data"
cms A "type test data"
grep -A3 -xF "type test data" "$T/screen" > "$T/typed"
printf 'type test data\nHELLO world\n2nd line\n2nd line\n' | cmp -s - "$T/typed" || fail "TYPE: $(cat "$T/typed")"

# FILELIST: TYPE typed in the command column
cmd A "filelist"
wait_row A 2 " Cmd          Filename Filetype Fm Format Lrecl Records Blocks Date     Time"
has_re A "^ +TEST +DATA +A1 F +80 +3 "
s3 A "MoveCursor(2,1)"
s3 A "String(\"type\")"
key A Enter
has A "HELLO world"
key A Clear
wait_row A 2 " Cmd          Filename Filetype Fm Format Lrecl Records Blocks Date     Time"
# X in the command column: XEDIT on its own screen, then FILELIST's again
s3 A "MoveCursor(2,1)"
s3 A "String(\"x\")"
key A Enter
wait_row A 1 " TEST     DATA     A1  F 80  Trunc=80 Size=3 Line=0 Col=1 Alt=0"
cmd A "qquit"
wait_row A 2 " Cmd          Filename Filetype Fm Format Lrecl Records Blocks Date     Time"
key A "PF(3)"
has_re A "$READY"

# BOB on a line-mode terminal: XEDIT is the line editor there
line_logon bob
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl cms\r\n' >&3
part "$T/a" "s370 CMS"
printf 'format 191 a\r\n' >&3
part "$T/a" "Continue? (YES|NO)"
printf 'yes\r\n' >&3
part "$T/a" "DMSFOR605R Enter disk label:"
printf 'bob191\r\n' >&3
part "$T/a" "blocks formatted"
sleep 0.5
printf 'xedit memo script\r\n' >&3
part "$T/a" "EDIT:"
for l in "" "Dear Alice," "the file is in your reader." "" "top" "next" "c/Alice/Ann/" "file" \
	"type memo script"; do
	printf '%s\r\n' "$l" >&3
	sleep 0.3
done
for _ in $(seq 100); do
	[ "$(tr -d '\r' < "$T/a" | sed -n '/^NEW FILE$/,$p' | grep -c '^R; T=')" = 2 ] && break
	sleep 0.1
done
tr -d '\r' < "$T/a" | sed -n '/^NEW FILE$/,$p' | sed 's/^R; T=.*/R;/' > "$T/bob"
printf '%s\n' "NEW FILE" "EDIT:" "INPUT:" "EDIT:" "TOF:" "Dear Alice," "Dear Ann," "R;" "Dear Ann," \
	"the file is in your reader." "R;" | cmp -s - "$T/bob" || fail "BOB's EDIT session: $(cat "$T/bob")"
line_close

expect_no_grep "$T/err" "program check"
s3_end A
stop_cp
finish
