#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What a user can get wrong, or a log can hold: each case gives one clear message naming
# the file and the problem, and the exit status that kdecode(1) documents.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
oopses=$srcdir/tests/oopses
log=$oopses/debian-6.1-oopsmod.log
n_cases=0

# expect STATUS STDERR-REGEX WHAT -- COMMAND... : run it with stdin from $tmp/in
expect()
{
	local status=$1 pattern=$2 what=$3 got
	shift 4
	n_cases=$((n_cases + 1))
	"$@" <"$tmp/in" >"$tmp/out" 2>"$tmp/err"
	got=$?
	[ "$got" = "$status" ] || fail "$what: exit status $got, want $status"
	grep -Eq -- "$pattern" "$tmp/err" || fail "$what: stderr lacks /$pattern/: $(cat "$tmp/err")"
	[ "$(wc -l <"$tmp/err")" -le 3 ] || fail "$what: more than 3 lines on stderr"
	if grep -q 'Segmentation\|Assertion\|AddressSanitizer\|runtime error' "$tmp/err"; then
		fail "$what: crashed: $(cat "$tmp/err")"
	fi
}

# report LINES... : a piece of the real NULL-dereference report, lines FIRST,LAST of $log
piece() { sed -n "$1,$2p" "$log"; }

: >"$tmp/in"
: >"$tmp/empty"
expect 0 "no kernel report in '.*empty'" "empty file" -- "$KDECODE" "$tmp/empty"
expect 0 "no kernel report in '-'" "empty stdin" -- "$KDECODE"
[ -s "$tmp/out" ] && fail "empty stdin: printed something"

# binary data: the ELF header of kdecode itself, then random-looking bytes
head -c 65536 "$KDECODE" >"$tmp/binary"
expect 3 "'.*binary': binary data, not a kernel log" "binary input" -- "$KDECODE" "$tmp/binary"
[ -s "$tmp/out" ] && fail "binary input: echoed on stdout"
head -c 100000 /dev/urandom >"$tmp/random"
expect 3 "'.*random': binary data, not a kernel log" "random bytes" -- "$KDECODE" "$tmp/random"
[ -s "$tmp/out" ] && fail "random bytes: echoed on stdout"
expect 3 "'.*oopsmod.ko.xz': xz-compressed; decompress it first" "xz input" \
	-- "$KDECODE" "$oopses/modules/plain/oopsmod.ko.xz"
[ -s "$tmp/out" ] && fail "xz input: echoed on stdout"

expect 3 "cannot open 'no-such.log': No such file or directory" "missing input" \
	-- "$KDECODE" no-such.log
expect 3 "cannot open '.*': Is a directory" "directory as input" -- "$KDECODE" "$tmp"

# a report cut before its trace, and one cut in the middle of it
piece 378 384 >"$tmp/cut-early"
expect 0 "line 1: report without frames at the end of the input \(truncated\?\)" \
	"report cut before its trace" -- "$KDECODE" --root="$tmp" "$tmp/cut-early"
piece 378 401 >"$tmp/cut-late"
expect 1 "no vmlinux for 6.1.0-56-cloud-amd64" "report cut inside its trace" \
	-- "$KDECODE" --root="$tmp" -m "$oopses/modules/plain" "$tmp/cut-late"
grep -q '=> deref_victim at /tmp/kd/plain/oopsmod.c:41:5' "$tmp/out" ||
	fail "report cut inside its trace: RIP frame not decoded"

# debug files: missing, not ELF, the wrong ELF type, cut short
piece 378 429 >"$tmp/report"
expect 3 "--vmlinux '.*/nothing': No such file or directory" "missing -k" \
	-- "$KDECODE" -k "$tmp/nothing" "$tmp/report"
expect 3 "'.*/report': not an ELF file" "text file as -k" \
	-- "$KDECODE" -k "$tmp/report" "$tmp/report"
xz -dc "$oopses/modules/plain/oopsmod.ko.xz" >"$tmp/oopsmod.ko"
expect 3 "'.*/oopsmod.ko': not a vmlinux \(ELF type 1; a module\?\)" "module as -k" \
	-- "$KDECODE" -k "$tmp/oopsmod.ko" "$tmp/report"
head -c 3000 "$KDECODE" >"$tmp/vmlinux"
expect 3 "'.*/vmlinux': truncated ELF file" "truncated ELF as -k" \
	-- "$KDECODE" -k "$tmp/vmlinux" "$tmp/report"
mkdir "$tmp/cut" && head -c 20000 "$tmp/oopsmod.ko" >"$tmp/cut/oopsmod.ko"
expect 3 "'.*/cut/oopsmod.ko': " "truncated module" \
	-- "$KDECODE" --root="$tmp" -m "$tmp/cut" "$tmp/report"
expect 3 "--modules '.*/nothing': No such file or directory" "missing -m" \
	-- "$KDECODE" -m "$tmp/nothing" "$tmp/report"

# "[../../x]" is no module name: never a path, even where one would lead to a file
mkdir -p "$tmp/a/b" && cp "$tmp/oopsmod.ko" "$tmp/x.ko"
sed 's/\[oopsmod\]$/[..\/..\/x]/' "$tmp/report" >"$tmp/evil"
expect 1 "" "[../../x] module" -- "$KDECODE" --root="$tmp" -m "$tmp/a/b" -f json "$tmp/evil"
jq -e --arg e "'../../x' is not a module name" --argjson n "$(grep -c '\[\.\./\.\./x\]' "$tmp/evil")" \
	'[.reports[0].frames[] | select(.error == $e and .module == null)] | length == $n' \
	"$tmp/out" >/dev/null ||
	fail "[../../x] module: frames not refused"

# NUL bytes, invalid UTF-8 and CRLF inside a report: still valid JSON, still decoded
sed 's/Comm: sh/Comm: s\xff\xfe\x00h/; s/$/\r/' "$tmp/report" >"$tmp/dirty"
expect 1 "" "NUL, invalid UTF-8, CRLF" \
	-- "$KDECODE" --root="$tmp" -m "$oopses/modules/plain" -f json "$tmp/dirty"
jq -e '.reports[0].frames[0].locations[0].line == 41' "$tmp/out" >/dev/null ||
	fail "NUL, invalid UTF-8, CRLF: not decoded into valid JSON"

# a 4 MiB line with no newline: echoed whole, in bounded pieces
head -c 3000000 /dev/zero | tr '\0' 'x' >"$tmp/long"
cat "$tmp/report" >>"$tmp/long"
expect 1 "" "4 MiB line" -- "$KDECODE" --root="$tmp" -m "$oopses/modules/plain" "$tmp/long"
cmp -s <(head -c 3000000 "$tmp/out") <(head -c 3000000 "$tmp/long") ||
	fail "4 MiB line: not echoed as it came"

# usage errors
expect 2 "invalid format 'xml'" "bad --format" -- "$KDECODE" --format=xml
expect 2 "invalid --color 'sometimes'" "bad --color" -- "$KDECODE" --color=sometimes
expect 2 "unrecognized option" "unknown option" -- "$KDECODE" --frobnicate
expect 2 "invalid release '../x'" "bad --release" -- "$KDECODE" -r ../x

# the output cannot be written
if [ -w /dev/full ]; then
	expect 4 "cannot write the output" "full disk" \
		-- sh -c '"$1" --root="$2" "$3" >/dev/full' sh "$KDECODE" "$tmp" "$tmp/report"
fi

echo "$test_name: $n_cases cases, $n_failed failed"
finish
