#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Decode every real report in tests/oopses/ and compare stdout and stderr exactly with
# what is expected (see tests/oopses/README). With UPDATE_EXPECTED=1, rewrite those
# files instead (tests/update-expected.sh).

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
cd "$srcdir/tests/oopses" || exit 99

# decode NAME FORMAT - run kdecode on NAME.log into $tmp/NAME.FORMAT{,.err}
decode()
{
	local name=$1 format=$2 args=()

	[ -f "$name.args" ] && read -r -a args <"$name.args"
	"$KDECODE" --root=root --format="$format" "${args[@]}" "$name.log" \
		>"$tmp/$name.$format" 2>"$tmp/$name.$format.err"
	echo "[exit status $?]" >>"$tmp/$name.$format.err"
}

# same EXPECTED GOT WHAT - compare, showing the difference
same()
{
	if [ "${UPDATE_EXPECTED:-0}" = 1 ] && [ "${1#"$tmp"}" = "$1" ]; then
		cp "$2" "$1" && echo "$test_name: wrote $1"
		return
	fi
	diff -u "$1" "$2" >"$tmp/diff" || { fail "$3"; cat "$tmp/diff" >&2; }
}

check_log()
{
	local name=${1%.log} format args=()

	for format in annotate json summary; do
		decode "$name" "$format"
		[ "$format" = annotate ] && same "$name.stderr" "$tmp/$name.annotate.err" \
			"$name: stderr and exit status"
		[ "$format" != annotate ] && same "$tmp/$name.annotate.err" "$tmp/$name.$format.err" \
			"$name: --format=$format: stderr or exit status differ from annotate"
		same "$name.$format" "$tmp/$name.$format" "$name: --format=$format"
	done
	if command -v jq >/dev/null && ! jq -e '.version == 1' "$tmp/$name.json" >/dev/null; then
		fail "$name: --format=json: not a JSON document of version 1"
	fi

	# the same log on stdin, compressed: the same annotated output
	[ -f "$name.args" ] && read -r -a args <"$name.args"
	gzip -c "$name.log" | "$KDECODE" --root=root "${args[@]}" - >"$tmp/stdin" 2>/dev/null
	same "$tmp/$name.annotate" "$tmp/stdin" "$name: gzip on stdin differs from the file"
}

n=0
for log in *.log; do
	check_log "$log"
	n=$((n + 1))
done
[ "$n" -gt 0 ] || fail "no tests/oopses/*.log found"
echo "$test_name: $n logs, $n_failed failed"
finish
