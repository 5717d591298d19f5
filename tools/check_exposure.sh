#!/usr/bin/env bash
# check_exposure.sh — may ./run start this configuration?  Not while it
# listens beyond this machine and a user of its system volume still has the
# password the shipped directory gave it (dasd-images/user.direct: every
# user's password is its user id).
#
#   tools/check_exposure.sh BUILD [s370 options]
#
# BUILD is the build directory (build/: its s370.cnf is the configuration
# when the options give no -f, its tools/direct compares the passwords).
# The configuration's CNSLPORT and TN3270TLS say where s370 listens
# (docs/devices.md, docs/tn3270.md); an address other than 127.x.x.x or ::1
# reaches beyond this machine.  Then every CKD image of the configuration
# that holds a user directory is asked `direct defaults IMAGE`.  Exit 0: the
# system may start; 1: it may not, and why, with the commands that change
# the passwords, is on stderr.  The emulator itself knows nothing of CP or
# its directory (DESIGN.md rule 1): this is the packaging's guard.
set -u
BUILD=${1:?usage: check_exposure.sh BUILD [s370 options]}
shift
DIRECT=$BUILD/tools/direct
CONF=$BUILD/s370.cnf
while [ $# -gt 0 ]; do
	case "$1" in
	-f | --config) CONF=${2:-}; shift ;;
	esac
	shift
done
[ -f "$CONF" ] || exit 0 # s370 will say what is wrong with it

declare -A SYM
LISTEN=() # "[host:]port STATEMENT" of every listening socket
IMAGES=()
CNSL="127.0.0.1:3270" # Hercules' default CNSLPORT
TLS=""

# $(NAME) as s370 substitutes it: DEFSYM symbols, then the environment
subst() {
	local s=$1 out="" name
	while [[ $s == *'$('*')'* ]]; do
		out+=${s%%'$('*}
		s=${s#*'$('}
		name=${s%%')'*}
		s=${s#*')'}
		[[ $name =~ ^[A-Za-z_][A-Za-z0-9_]*$ ]] || continue
		if [ -n "${SYM[$name]+x}" ]; then out+=${SYM[$name]}; else out+=${!name:-}; fi
	done
	printf '%s' "$out$s"
}

# host of "host:port" or "port" (then 127.0.0.1), brackets gone
host_of() {
	case "$1" in
	*:*) local h=${1%:*}; h=${h#[}; printf '%s' "${h%]}" ;;
	*) printf '127.0.0.1' ;;
	esac
}
port_of() {
	printf '%s' "${1##*:}"
}

read_conf() { # FILE [DEPTH]
	local file=$1 depth=${2:-0} line w
	[ "$depth" -gt 8 ] && return
	while IFS= read -r line || [ -n "$line" ]; do
		line=${line%%#*}
		read -ra w <<< "$(subst "$line")"
		[ ${#w[@]} -eq 0 ] && continue
		case "${w[0]^^}" in
		\**) ;;
		CNSLPORT) CNSL=${w[1]:-} ;;
		TN3270TLS) TLS=${w[1]:-} ;;
		DEFSYM) # DEFSYM name value (in quotes or not)
			local v=${w[2]:-}
			v=${v#[\"\']}
			[ -n "${w[1]:-}" ] && SYM[${w[1]}]=${v%[\"\']}
			;;
		INCLUDE)
			local inc=${w[1]:-}
			[ -f "$inc" ] || [ "${inc#/}" != "$inc" ] || inc=$(dirname "$file")/$inc
			[ -f "$inc" ] && read_conf "$inc" $((depth + 1))
			;;
		*)
			# a device statement: ADDR TYPE FILE ...; CKD types carry a directory
			case "${w[1]:-}" in
			2311 | 2314 | 3330 | 3340 | 3350 | 3375 | 3380 | 3390) [ -n "${w[2]:-}" ] && IMAGES+=("${w[2]}") ;;
			esac
			;;
		esac
	done < "$file"
}
read_conf "$CONF"

[ -n "$CNSL" ] && [ "$(port_of "$CNSL")" != 0 ] && LISTEN+=("$CNSL CNSLPORT")
[ -n "$TLS" ] && LISTEN+=("$TLS TN3270TLS")
EXPOSED=()
for l in "${LISTEN[@]+"${LISTEN[@]}"}"; do
	a=${l% *}
	h=$(host_of "$a")
	case "${h#::ffff:}" in
	127.* | ::1 | 0:0:0:0:0:0:0:1) ;;
	*:*) EXPOSED+=("[$h]:$(port_of "$a") (${l##* })") ;;
	*) EXPOSED+=("$h:$(port_of "$a") (${l##* })") ;;
	esac
done
[ ${#EXPOSED[@]} -eq 0 ] && exit 0

if [ ! -x "$DIRECT" ]; then
	echo "run: $DIRECT is missing: cannot check the passwords of a system that listens on ${EXPOSED[*]}" >&2
	exit 1
fi
refused=0
for img in "${IMAGES[@]+"${IMAGES[@]}"}"; do
	users=$("$DIRECT" defaults "$img" 2> /dev/null)
	[ $? -eq 1 ] || continue
	refused=1
	{
		echo "run: refused: $CONF listens on ${EXPOSED[*]}, beyond this machine,"
		echo "run: and these users of the directory on $img still have the password they were shipped with"
		echo "run: (their user id), so anyone who reaches the port can log on as them:"
		echo "run:   $(echo $users)"
		echo "run: Change each one, for example:"
		if [ "$img" -ef "$BUILD/dasd/s37res.3350" ]; then
			for u in $users; do
				echo "  $DIRECT passwd dasd-images/user.direct $u NEWPASSWORD"
			done
			echo "run: then ./run again: the build writes dasd-images/user.direct onto $img."
		else
			for u in $users; do
				echo "  $DIRECT passwd SOURCE $u NEWPASSWORD"
			done
			echo "  $DIRECT write SOURCE $img"
			echo "run: where SOURCE is the directory source that $img was written from."
		fi
		echo "run: (Or listen on 127.0.0.1 only: CNSLPORT 3270.)"
	} >&2
done
exit $refused
