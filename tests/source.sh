#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -S DIR: the source line of each place, from a real report of the arm64 kernel
# (tests/oopses/xarch), whose module was built from tests/oopses/xarch/oopsmod.c in a
# build directory of its own (/tmp/kdecode-xarch-test/arm64/build): the build prefix is
# not named, a tail of the path is found below DIR. Every line of the test module that
# a case reaches carries a "KD:" comment: each place in it must show one.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
cd "$srcdir/tests/oopses" || exit 99
args=(--root="$tmp" -m xarch/modules/arm64 xarch/arm64.log)

"$KDECODE" -S xarch "${args[@]}" >"$tmp/annotate" 2>"$tmp/err"
[ $? -le 1 ] || fail "annotate: exit status $?: $(cat "$tmp/err")"
printf '%s\n' '[    8.177706]  => hung_path at /tmp/kdecode-xarch-test/arm64/build/oopsmod.c:171:2' \
	'[    8.177706]       171 | 	schedule_timeout(4 * HZ); /* KD:hung */' \
	'[    8.177706]           | 	^' >"$tmp/want"
grep -F -A2 -x "$(head -n1 "$tmp/want")" "$tmp/annotate" | head -n3 >"$tmp/got"
cmp -s "$tmp/want" "$tmp/got" || fail "annotate: hung_path's place: $(diff "$tmp/want" "$tmp/got")"

if command -v jq >/dev/null; then
	"$KDECODE" -S xarch -f json "${args[@]}" >"$tmp/json" 2>/dev/null
	n=$(jq '[.reports[].frames[].locations[] | select(.file // "" | endswith("/oopsmod.c"))] | length' "$tmp/json")
	[ "$n" -gt 10 ] || fail "json: only $n places in oopsmod.c"
	bad=$(jq -r '.reports[].frames[].locations[] | select(.file // "" | endswith("/oopsmod.c"))
		| select((.source // "") | test("KD:") | not) | "\(.function) \(.line): \(.source)"' "$tmp/json")
	[ -z "$bad" ] || fail "json: places in oopsmod.c without their KD: line: $(head -n3 <<<"$bad")"
	# a place whose file is not below DIR (the kernel headers): null
	jq -e '[.reports[].frames[].locations[] | select(.file // "" | endswith("refcount.h"))
		| .source == null] | all' "$tmp/json" >/dev/null || fail "json: refcount.h has a source"
	# without -S, no "source" key at all: the document of version 1 as it was
	"$KDECODE" -f json "${args[@]}" >"$tmp/plain.json" 2>/dev/null
	jq -e '[.reports[].frames[].locations[] | has("source")] | any | not' "$tmp/plain.json" \
		>/dev/null || fail "json without -S: a source key"
fi

# a DIR that holds nothing: no source lines, the same decoding otherwise
"$KDECODE" -S "$tmp" "${args[@]}" >"$tmp/empty" 2>/dev/null
"$KDECODE" "${args[@]}" >"$tmp/none" 2>/dev/null
cmp -s "$tmp/empty" "$tmp/none" || fail "-S with no sources changed the output"
# not a directory: refused before any input (exit status 3)
"$KDECODE" -S "$tmp/no-such-dir" "${args[@]}" >"$tmp/out" 2>"$tmp/err"
[ $? = 3 ] && [ ! -s "$tmp/out" ] && grep -q -- "--source '$tmp/no-such-dir'" "$tmp/err" ||
	fail "-S no-such-dir: $(cat "$tmp/err")"
finish
