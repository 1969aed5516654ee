#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# kdecode in a CI job: -R over a tree of logs, --format=summary --count grouping one
# bug's reports under one title, and --fail-on's exit status 5.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
oopses=$srcdir/tests/oopses

# a CI tree: three copies of one boot's log (one bug, three times) and a panic elsewhere
mkdir -p "$tmp/logs/run1/b" "$tmp/logs/run2" "$tmp/empty"
cp "$oopses/debian-6.1-oopsmod.log" "$tmp/logs/run1/b/console.log"
cp "$oopses/debian-6.1-oopsmod-function-sections.log" "$tmp/logs/run1/console.log"
gzip -c "$oopses/debian-6.1-oopsmod.log" >"$tmp/logs/run2/console.log.gz"
cp "$oopses/debian-6.1-sysrq-crash.log" "$tmp/logs/run2/sysrq.log"
ln -s .. "$tmp/logs/run2/loop"	# a link to a directory: not followed

# kd ARGS... - run kdecode with no debug files to be found; stdout to $tmp/out
kd()
{
	"$KDECODE" --root="$tmp/empty" "$@" >"$tmp/out" 2>"$tmp/err"
	status=$?
}

kd -R -f summary "$tmp/logs"
[ "$status" = 1 ] || fail "-R: exit status $status, want 1 (frames without debug files)"
# name order, depth first: run1/b/console.log, run1/console.log, run2/...
files=$(cut -d: -f1 "$tmp/out" | uniq | sed "s|$tmp/logs/||" | tr '\n' ' ')
[ "$files" = "run1/b/console.log run1/console.log run2/console.log.gz run2/sysrq.log " ] ||
	fail "-R: files read in the wrong order, or a link followed: $files"
[ "$(wc -l <"$tmp/out")" = 22 ] || fail "-R: $(wc -l <"$tmp/out") reports, want 22"

kd -R -f summary --count "$tmp/logs"
cat >"$tmp/want" <<EOF
4	kernel panic: sysrq triggered crash	(first: $tmp/logs/run1/b/console.log:718, panic)
3	BUG: unable to handle kernel NULL pointer dereference in deref_victim	(first: $tmp/logs/run1/b/console.log:378, bug)
3	BUG: unable to handle kernel NULL pointer dereference in outer_with_inline	(first: $tmp/logs/run1/b/console.log:433, bug)
3	BUG: unable to handle kernel NULL pointer dereference in cold_path	(first: $tmp/logs/run1/b/console.log:497, bug)
3	BUG: unable to handle kernel NULL pointer dereference in split_victim	(first: $tmp/logs/run1/b/console.log:561, bug)
3	kernel BUG in bug_path	(first: $tmp/logs/run1/b/console.log:621, kernel-bug)
3	WARNING in warn_path	(first: $tmp/logs/run1/b/console.log:677, warning)
EOF
diff -u "$tmp/want" "$tmp/out" >&2 || fail "--count: the groups differ"

kd -R -f summary --fail-on=null-deref,lockdep "$tmp/logs"
[ "$status" = 5 ] || fail "--fail-on=null-deref: exit status $status, want 5"
kd -R -f json --fail-on=kasan,lockdep "$tmp/logs"
[ "$status" = 1 ] || fail "--fail-on=kasan,lockdep: exit status $status, want 1 (no such report)"
kd -f summary --fail-on=any "$oopses/debian-6.1-sysrq-crash.log"
[ "$status" = 5 ] || fail "--fail-on=any: exit status $status, want 5"
kd --fail-on=kasan,nonsense "$oopses/debian-6.1-sysrq-crash.log"
[ "$status" = 2 ] && grep -q "invalid --fail-on kind 'nonsense'" "$tmp/err" ||
	fail "--fail-on=nonsense: exit status $status, want 2: $(cat "$tmp/err")"
kd --count "$oopses/debian-6.1-sysrq-crash.log"
[ "$status" = 2 ] && grep -q "\-\-count goes with --format=summary" "$tmp/err" ||
	fail "--count without summary: exit status $status, want 2"
kd -f summary "$tmp/logs"
[ "$status" = 3 ] && grep -q "cannot open '$tmp/logs': Is a directory" "$tmp/err" ||
	fail "a directory without -R: exit status $status, want 3"
# an unreadable file and a bug: the read error tells first
kd -R -f summary --fail-on=any "$tmp/logs" "$tmp/no-such.log"
[ "$status" = 3 ] || fail "a missing input with --fail-on: exit status $status, want 3"

finish
