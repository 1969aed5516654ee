#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Output styles of --format=annotate on a real report (tests/oopses): --style=inline puts
# each frame's place on its line and each inlined function on a line before it, as
# decode_stacktrace.sh and syzbot do; --only-reports leaves out the log's other lines;
# both go with annotate only.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
cd "$srcdir/tests/oopses" || exit 99
log=debian-6.1-oopsmod.log
args=(--root="$tmp" -m modules/plain "$log")

"$KDECODE" --style=inline "${args[@]}" >"$tmp/inline" 2>/dev/null
"$KDECODE" --style=inline --only-reports "${args[@]}" >"$tmp/inline-only" 2>/dev/null
"$KDECODE" --only-reports "${args[@]}" >"$tmp/only" 2>/dev/null
"$KDECODE" "${args[@]}" >"$tmp/below" 2>/dev/null

# has FILE REGEX WHAT / lacks FILE REGEX WHAT
has()
{
	grep -Eq -- "$2" "$1" || fail "$3: no line matching '$2' in $(basename "$1")"
}
lacks()
{
	grep -Eq -- "$2" "$1" && fail "$3: a line matching '$2' in $(basename "$1")"
}

# the call trace frame and the pc of the NULL dereference, with an inlined function
has "$tmp/inline" '^\[    4\.593866\]  trigger_write\+0xb8/0x161 \[oopsmod\] /tmp/kd/plain/oopsmod\.c:103$' \
	"inline: a call trace frame"
has "$tmp/inline" '^\[    4\.591884\]  poke /tmp/kd/plain/oopsmod\.c:46 \[inline\]$' \
	"inline: the inlined function before its frame"
has "$tmp/inline" '^\[    4\.591884\] RIP: 0010:outer_with_inline\+0xc/0x20 \[oopsmod\] /tmp/kd/plain/oopsmod\.c:53$' \
	"inline: the pc's frame"
lacks "$tmp/inline" '^\[[ 0-9.]+\]  => (trigger_write|outer_with_inline|poke|guilty)' \
	"inline: a frame's decoding under it"
has "$tmp/inline" '=> pc: ' "inline: the Code: dump is still decoded"
# the whole log, or only its reports: the same report lines, fewer other lines
[ "$(wc -l <"$tmp/inline-only")" -lt "$(wc -l <"$tmp/inline")" ] ||
	fail "--only-reports: not fewer lines"
lacks "$tmp/only" 'Linux version' "--only-reports: a boot line"
has "$tmp/only" '=> trigger_write at /tmp/kd/plain/oopsmod\.c:103:3' "--only-reports: a decoding"
[ "$(grep -c ' => ' "$tmp/only")" = "$(grep -c ' => ' "$tmp/below")" ] ||
	fail "--only-reports: not every decoding of the whole log's"
# the lines it keeps are the whole log's, in order
grep -Fxv -f "$tmp/below" "$tmp/only" >"$tmp/extra" && fail "--only-reports: lines not in the whole log's: $(head -n2 "$tmp/extra")"

# --relative-paths: no absolute source path, in every format, and the same places
xargs=(--root="$tmp" -m xarch/modules/arm64 --relative-paths xarch/arm64.log)
"$KDECODE" "${xargs[@]}" >"$tmp/rel.annotate" 2>/dev/null
"$KDECODE" -f summary "${xargs[@]}" >"$tmp/rel.summary" 2>/dev/null
lacks "$tmp/rel.annotate" ' => .* at /' "--relative-paths: an absolute path in annotate"
has "$tmp/rel.annotate" '=> refcount_inc \(inlined\) at include/linux/refcount\.h:[0-9]+:[0-9]+$' \
	"--relative-paths: a kernel header after its linux-headers-* tree"
has "$tmp/rel.annotate" '=> hung_path at oopsmod\.c:171:2$' \
	"--relative-paths: the module's file after its build directory"
lacks "$tmp/rel.summary" ' at /' "--relative-paths: an absolute path in summary"
if command -v jq >/dev/null; then
	"$KDECODE" -f json "${xargs[@]}" 2>/dev/null |
		jq -e '[.reports[].frames[].locations[].file // "" | startswith("/")] | any | not' \
			>/dev/null || fail "--relative-paths: an absolute path in json"
fi

for f in json summary; do
	"$KDECODE" -f "$f" --style=inline "${args[@]}" >/dev/null 2>"$tmp/err"
	[ $? = 2 ] || fail "-f $f --style=inline: not a usage error"
	"$KDECODE" -f "$f" --only-reports "${args[@]}" >/dev/null 2>"$tmp/err"
	[ $? = 2 ] || fail "-f $f --only-reports: not a usage error"
done
"$KDECODE" --style=sideways "${args[@]}" >/dev/null 2>"$tmp/err"
[ $? = 2 ] && grep -q "invalid --style 'sideways'" "$tmp/err" || fail "--style=sideways: $(cat "$tmp/err")"
finish
