#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Debug files that are not the report's kernel's (kdecode(1), Checking debug files): the
# real logs of tests/oopses/ decoded with another build of oopsmod (modules/kinds: other
# code, for 6.1.0-57), with the module of another release, with a frame whose offset runs past its
# function, and with a snapshot that saw another build loaded. Each must be said on
# stderr, in JSON's mismatches, in annotate and in summary, with exit status 6; the
# module the log was made with must not be.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
oopses=$srcdir/tests/oopses
log=$oopses/debian-6.1-oopsmod.log
mkdir -p "$tmp/right" "$tmp/other"
xz -dc "$oopses/modules/plain/oopsmod.ko.xz" >"$tmp/right/oopsmod.ko" || exit 99
xz -dc "$oopses/modules/kinds/oopsmod.ko.xz" >"$tmp/other/oopsmod.ko" || exit 99

. "${srcdir:-.}/tests/formats.sh"

# decode NAME ARGS... - each format into $tmp/NAME.* (tests/formats.sh)
decode()
{
	decode_formats "$tmp" "$@"
}

# said NAME TEXT - the mismatch TEXT (a fixed string) in every format, and status 6
said()
{
	[ "$status" = 6 ] || fail "$1: exit status $status, want 6"
	grep -F "kdecode: warning: " "$tmp/$1.err" | grep -qF "$2" ||
		fail "$1: not on stderr: $2: $(head -3 "$tmp/$1.err")"
	grep -F '"mismatches": [' "$tmp/$1.json" | grep -qF "$2" ||
		fail "$1: not in JSON's mismatches: $2"
	grep -E ' => (warning|suspect): ' "$tmp/$1.annotate" | grep -qF "$2" ||
		fail "$1: not in annotate: $2"
	grep -qF "[the debug files do not match: " "$tmp/$1.summary" ||
		fail "$1: not in summary"
}

# the module the log was made with: no mismatch (1: its vmlinux is missing)
decode right -m "$tmp/right" "$log"
[ "$status" = 1 ] || fail "right module: exit status $status, want 1: $(head -3 "$tmp/right.err")"
grep -q '"mismatches": \[[^]]' "$tmp/right.json" && fail "right module: mismatches"
grep -q 'suspect' "$tmp/right.json" "$tmp/right.annotate" && fail "right module: frames suspect"

# another build: other code
decode other -m "$tmp/other" "$log"
said other "the Code: bytes differ from '$tmp/other/oopsmod.ko' at pc-0x1e (cd in the dump, 48 in the file)"

# the module of another release (vermagic), for the 6.1.0-57 log
decode release -m "$tmp/right" "$oopses/debian-6.1-stalls.log"
said release "'$tmp/right/oopsmod.ko' was built for 6.1.0-56-cloud-amd64 (its vermagic), but the report's kernel is 6.1.0-57-cloud-amd64"

# an offset past the function's end decodes into the next one: suspect
sed 's|trigger_write+0xe8/0x161|trigger_write+0x5c7/0x6f0|' "$log" >"$tmp/past.log"
cmp -s "$log" "$tmp/past.log" && fail "no trigger_write+0xe8/0x161 in $log"
decode past -m "$tmp/right" "$tmp/past.log"
said past "trigger_write+0x5c7 is past the end of trigger_write in '$tmp/right/oopsmod.ko' (0x161 bytes)"
grep -q ' => suspect: trigger_write+0x5c7 is past the end' "$tmp/past.annotate" ||
	fail "past: no suspect line under the frame"

# the report prints another build ID for the module ("[oopsmod ID]",
# CONFIG_STACKTRACE_BUILD_ID) than the file's
wrong_id=0123456789abcdef0123456789abcdef01234567
sed "s/ \[oopsmod\]\$/ [oopsmod $wrong_id]/" "$log" >"$tmp/with-id.log"
grep -q "\[oopsmod $wrong_id\]" "$tmp/with-id.log" || fail "cannot add build IDs to $log"
decode build-id -m "$tmp/right" "$tmp/with-id.log"
said build-id "'$tmp/right/oopsmod.ko' has build ID 9ce30f6196524c26ab2250f3d95a1c2ae94f79a2 but the report's oopsmod has $wrong_id: another build?"

# a snapshot that saw another build loaded
decode snapshot -m "$tmp/other" -s "$oopses/debian-6.1-oopsmod-snapshot.snapshot" \
	"$oopses/debian-6.1-oopsmod-snapshot.log"
said snapshot "'$tmp/other/oopsmod.ko' has build ID "

finish
