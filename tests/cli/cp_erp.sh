# CP's error recovery (cp/io.c): the user volume's first host write fails
# (faultwrite=1: the image's write ends in EIO, the device in unit check,
# equipment check), while the bare guest tests/guest/isolate.c writes a
# track of its minidisk.  CP runs the channel program again, says so on the
# operator's console, and the guest never sees the fault: its write and
# read-back check passes.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
. "$(dirname "$0")/s3270.inc"
. "$(dirname "$0")/cp.inc"
guest_setup isolate # on cylinder 4 of the system volume, ALICE's minidisk 192

CP_NO_USERVOL=1 start_cp "001F 3215
0151 3350 $T/user.3350 faultwrite=1"
line_logon alice
text "$T/a" "Virtual machine of 1024K, privilege classes G." 100
printf 'ipl 192\r\n' >&3
for _ in $(seq 100); do
	grep -q "^ISOLATION: " "$T/a" && break
	sleep 0.1
done
# the fault came, and went on the second try
wait_console "S37ERP001I DASD 151 S37U01: equipment check, channel program run again (try 2 of 4)"
tr -d '\r' < "$T/a" | grep -q "^T[0-9]* WRITE AND READ BACK 6000 BYTES ACROSS PAGES: OK$" ||
	fail "the guest saw the fault: $(tr -d '\r' < "$T/a" | grep 'WRITE AND READ BACK')"
text "$T/a" "ISOLATION: 41 OF 41 OK" 100
expect_no_grep "$T/err" "S37ERP002E"
expect_no_grep "$T/err" "program check"
line_close
stop_cp
finish
