# Default passwords: `direct defaults IMAGE [SOURCE]` names the users of a
# system volume's directory whose password is still the shipped one (the
# user id, or what SOURCE gives them), and `./run check` (the check ./run
# makes before it starts s370: tools/check_exposure.sh, no set-up, no build)
# refuses a configuration that listens beyond 127.0.0.1 while any is left,
# naming the users and the `direct passwd` commands; on 127.0.0.1 it lets it
# be.  The volume is a copy of the one the build made.
[ -n "${BASH_VERSION:-}" ] || exec bash "$0" "$@"
. "$(dirname "$0")/lib.sh"
BUILD=$(cd "$(dirname "$S370")" && pwd)
TOP=$(cd "$(dirname "$0")/../.." && pwd)
DIRECT=$BUILD/tools/direct
VOL=$BUILD/dasd/s37res.3350
if [ ! -f "$VOL" ]; then
	echo "skipped: no system volume $VOL (the s390x cross-compiler is missing)"
	exit 77
fi
cp "$VOL" "$T/sys.3350"
cp "$TOP/dasd-images/user.direct" "$T/user.direct"

# defaults: the shipped directory, every user that can log on
"$DIRECT" defaults "$T/sys.3350" > "$T/out" 2> "$T/err"
expect_rc $? 1 "defaults on the shipped directory"
[ "$(tr '\n' ' ' < "$T/out")" = "OPERATOR MAINT ALICE BOB GUEST " ] || fail "defaults: $(cat "$T/out")"
[ -s "$T/err" ] && fail "defaults wrote on stderr: $(cat "$T/err")"

# BOB changes his: the others are left
"$DIRECT" passwd "$T/user.direct" BOB BOBS0WN > /dev/null || fail "passwd BOB"
"$DIRECT" write "$T/user.direct" "$T/sys.3350" > /dev/null || fail "write"
"$DIRECT" defaults "$T/sys.3350" > "$T/out"
expect_rc $? 1 "defaults after BOB's change"
[ "$(tr '\n' ' ' < "$T/out")" = "OPERATOR MAINT ALICE GUEST " ] || fail "after passwd BOB: $(cat "$T/out")"
# ... unless the shipped text named is one that gave BOB that password
"$DIRECT" defaults "$T/sys.3350" "$T/user.direct" > "$T/out"
expect_rc $? 1 "defaults against a source"
[ "$(tr '\n' ' ' < "$T/out")" = "OPERATOR MAINT ALICE BOB GUEST " ] || fail "with SOURCE: $(cat "$T/out")"

# the guard: listening on every interface with defaults left is refused
printf 'ARCHMODE S/370\nCNSLPORT 0.0.0.0:3270\n0009 3215-C\n0150 3350 %s\n0151 3350 %s\n' \
	"$T/sys.3350" "$BUILD/dasd/s37u01.3350" > "$T/open.cnf"
(cd "$TOP" && S370_BUILD=$BUILD ./run check -f "$T/open.cnf") > "$T/out" 2> "$T/err"
expect_rc $? 1 "./run check of an open system with default passwords"
expect_grep "$T/err" "run: refused: $T/open.cnf listens on 0.0.0.0:3270 (CNSLPORT), beyond this machine,"
expect_grep "$T/err" "run:   OPERATOR MAINT ALICE GUEST"
for u in OPERATOR MAINT ALICE GUEST; do
	expect_grep "$T/err" "  $DIRECT passwd SOURCE $u NEWPASSWORD"
done
expect_grep "$T/err" "  $DIRECT write SOURCE $T/sys.3350"
expect_no_grep "$T/err" "passwd SOURCE BOB"
[ -s "$T/out" ] && fail "./run check wrote on stdout: $(cat "$T/out")"
# the same through INCLUDE and a DEFSYM symbol, and for IPv6's every interface
printf 'DEFSYM HOST [::]\nCNSLPORT $(HOST):3270\n' > "$T/net.inc"
printf 'INCLUDE net.inc\n0150 3350 %s\n' "$T/sys.3350" > "$T/inc.cnf"
(cd "$TOP" && S370_BUILD=$BUILD ./run check -f "$T/inc.cnf") 2> "$T/err"
expect_rc $? 1 "./run check through INCLUDE"
expect_grep "$T/err" "listens on [::]:3270 (CNSLPORT)"
# TN3270TLS on an interface counts as well
printf 'CNSLPORT 3270\nTN3270TLS 192.0.2.1:9923 c.pem k.pem\n0150 3350 %s\n' "$T/sys.3350" > "$T/tls.cnf"
(cd "$TOP" && S370_BUILD=$BUILD ./run check -f "$T/tls.cnf") 2> "$T/err"
expect_rc $? 1 "./run check of a TLS port on an interface"
expect_grep "$T/err" "listens on 192.0.2.1:9923 (TN3270TLS)"

# the same volume on the loopback only (the default), or no port: allowed
for port in 3270 127.0.0.1:3270 '[::1]:3270' 0; do
	printf 'CNSLPORT %s\n0150 3350 %s\n' "$port" "$T/sys.3350" > "$T/lo.cnf"
	(cd "$TOP" && S370_BUILD=$BUILD ./run check -f "$T/lo.cnf") > "$T/out" 2>&1
	expect_rc $? 0 "./run check with CNSLPORT $port"
done

# the build's own volume: the commands name dasd-images/user.direct
printf 'CNSLPORT 0.0.0.0:3270\n0150 3350 %s\n' "$VOL" > "$T/own.cnf"
(cd "$TOP" && S370_BUILD=$BUILD ./run check -f "$T/own.cnf") 2> "$T/err"
expect_rc $? 1 "./run check of the build's volume"
expect_grep "$T/err" "  $DIRECT passwd dasd-images/user.direct OPERATOR NEWPASSWORD"
expect_grep "$T/err" "run: then ./run again: the build writes dasd-images/user.direct onto $VOL."

# every password changed: no defaults, and the open system may start
for u in OPERATOR MAINT ALICE GUEST; do
	"$DIRECT" passwd "$T/user.direct" $u "${u:0:3}X9Z" > /dev/null || fail "passwd $u"
done
"$DIRECT" write "$T/user.direct" "$T/sys.3350" > /dev/null || fail "write"
"$DIRECT" defaults "$T/sys.3350" > "$T/out"
expect_rc $? 0 "defaults after every change"
[ -s "$T/out" ] && fail "defaults after every change: $(cat "$T/out")"
(cd "$TOP" && S370_BUILD=$BUILD ./run check -f "$T/open.cnf") > "$T/out" 2>&1
expect_rc $? 0 "./run check of an open system without default passwords"

# errors: a volume without a directory, a missing source, usage
"$DIRECT" defaults "$BUILD/dasd/s37u01.3350" > "$T/out" 2> "$T/err"
expect_rc $? 2 "defaults on a volume without a directory"
expect_grep "$T/err" "direct: $BUILD/dasd/s37u01.3350: no user directory on cylinder 2"
"$DIRECT" defaults "$T/sys.3350" "$T/nonesuch" > "$T/out" 2> "$T/err"
expect_rc $? 2 "defaults with a missing source"
expect_grep "$T/err" "direct: $T/nonesuch: No such file or directory"
"$DIRECT" defaults > /dev/null 2> "$T/err"
expect_rc $? 2 "defaults without an image"
expect_grep "$T/err" "direct defaults IMAGE [SOURCE]"
finish
