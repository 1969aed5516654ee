# SPDX-License-Identifier: GPL-2.0-or-later
# decode_formats DIR NAME ARGS... - "$KDECODE" ARGS in each output format into
# DIR/NAME.{json,annotate,summary}, the JSON run's stderr in DIR/NAME.err; the exit
# statuses, which must agree (else fail), in $status. Sourced by tests/verify.sh and
# tests/kernel/check-verify.sh, which define fail().

decode_formats()
{
	local dir=$1 name=$2 s f
	shift 2
	status=0
	"$KDECODE" -f json "$@" >"$dir/$name.json" 2>"$dir/$name.err" || status=$?
	for f in annotate summary; do
		s=0
		"$KDECODE" -f "$f" "$@" >"$dir/$name.$f" 2>/dev/null || s=$?
		[ "$s" = "$status" ] || fail "$name: -f $f exited with $s, -f json with $status"
	done
}
