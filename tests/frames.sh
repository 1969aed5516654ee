#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Frames on the command line (kdecode(1), INPUT): an argument that names no file and
# reads as a frame is decoded as a call trace line, in every format; --frame makes every
# argument one; a file wins over a frame of the same name; an argument that is neither
# is a file that cannot be opened. The module is the real one of tests/oopses; check-index.sh
# and the real-kernel checks cover a vmlinux (check-find.sh).

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
cd "$srcdir/tests/oopses" || exit 99
mods=(--root="$tmp" -m modules/plain)
frame='trigger_write+0xb8/0x161 [oopsmod]'

# run NAME ARGS... - kdecode ARGS into $tmp/NAME.{out,err}, its status in $status
run()
{
	local name=$1
	shift
	status=0
	"$KDECODE" "$@" >"$tmp/$name.out" 2>"$tmp/$name.err" || status=$?
}

run annotate "${mods[@]}" "$frame"
[ "$status" = 0 ] || fail "annotate: exit status $status: $(cat "$tmp/annotate.err")"
printf ' %s\n => trigger_write at /tmp/kd/plain/oopsmod.c:103:3\n' "$frame" >"$tmp/want"
cmp -s "$tmp/want" "$tmp/annotate.out" ||
	fail "annotate: $(diff "$tmp/want" "$tmp/annotate.out")"

run json "${mods[@]}" -f json "$frame" 'deref_victim.constprop.0+0x5/0x10 [oopsmod]'
[ "$status" = 0 ] || fail "json: exit status $status"
if command -v jq >/dev/null; then
	jq -e '.reports | length == 1' "$tmp/json.out" >/dev/null || fail "json: not one report"
	jq -e '.reports[0].source == "(arguments)" and (.reports[0].frames | length == 2)' \
		"$tmp/json.out" >/dev/null || fail "json: not the 2 frames of (arguments)"
	jq -e '.reports[0].frames[0].locations[0] == {"function": "trigger_write",
		"file": "/tmp/kd/plain/oopsmod.c", "line": 103, "column": 3}' "$tmp/json.out" \
		>/dev/null || fail "json: trigger_write's location: $(jq -c '.reports[0].frames[0]' "$tmp/json.out")"
fi

run summary "${mods[@]}" -f summary "$frame"
grep -q '^(arguments):1: backtrace: backtrace in trigger_write (trigger_write+0xb8/0x161 \[oopsmod\] at /tmp/kd/plain/oopsmod.c:103)$' \
	"$tmp/summary.out" || fail "summary: $(cat "$tmp/summary.out")"

# frames first, then the files, whatever their order on the command line
run mixed "${mods[@]}" debian-6.1-oopsmod.log "$frame"
[ "$(head -n1 "$tmp/mixed.out")" = " $frame" ] || fail "mixed: the frame is not first"
grep -q '^\[    4.590839\] BUG: kernel NULL pointer dereference' "$tmp/mixed.out" ||
	fail "mixed: the log was not decoded"

# a file named like a frame is a file; with --frame it is a frame
cp debian-6.1-oopsmod.log "$tmp/trigger_write+0xb8"
(cd "$tmp" && "$KDECODE" --root="$tmp" trigger_write+0xb8) >"$tmp/file-wins.out" 2>/dev/null
grep -q 'BUG: kernel NULL pointer dereference' "$tmp/file-wins.out" ||
	fail "a file named like a frame was not read"
run forced "${mods[@]}" --frame 'deref_victim.constprop.0+0x5/0x10 [oopsmod]'
grep -q '=> deref_victim' "$tmp/forced.out" || fail "--frame: $(cat "$tmp/forced.out" "$tmp/forced.err")"

# neither a file nor a frame: a file that cannot be opened, nothing on stdout
run neither "${mods[@]}" no-such-frame
[ "$status" = 3 ] || fail "neither: exit status $status, want 3"
grep -q "cannot open 'no-such-frame'" "$tmp/neither.err" || fail "neither: $(cat "$tmp/neither.err")"
# a frame of a module that cannot be found: undecoded (exit status 1), said once
run missing --root="$tmp" 'nosuchmod_fn+0x1/0x10 [nosuchmod]'
[ "$status" = 1 ] || fail "missing module: exit status $status, want 1"
finish
