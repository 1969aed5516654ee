#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Inputs at the limits, generated here (never kept in git): a huge log through a pipe, a
# 100 MB line, a million frames, a 10,000-byte Code: line, a million kernel releases, gzip
# bombs and a cut .gz, ELF files that point past their end, DWARF broken midway. Each must
# decode what it can or end with a clear error, in bounded memory: peak RSS, measured with
# GNU time, stays under a generous bound. Times are printed, never checked.
#
# By default the pipe carries 200 MB, the gzip bomb 100 MB of reports (and 200 MB of zeros),
# 200,000 releases; KDECODE_TEST_LIMITS_FULL=1 (.ci/run) makes that 2 GB, 1 GB (1 GB of
# zeros) and 1,000,000. With a sanitized kdecode, sizes shrink and RSS is not checked
# (ASan's shadow memory and quarantine are no measure of kdecode's).

. "${srcdir:-.}/tests/lib.sh"
TIME=/usr/bin/time
"$TIME" -f %M -o /dev/null true 2>/dev/null ||
	{ echo "$test_name: no GNU time (Debian package time)" >&2; exit 77; }
make_tmpdir
root=$tmp/root
report=$srcdir/tests/bad-input/report.in
mkdir -p "$root" || exit 99
n_cases=0

if ldd "$KDECODE" 2>/dev/null | grep -q 'libasan\|libubsan'; then
	sanitized=1 pipe_mb=20 bomb_mb=20 zeros_mb=100 n_releases=20000
elif [ "${KDECODE_TEST_LIMITS_FULL:-0}" = 1 ]; then
	sanitized=0 pipe_mb=2000 bomb_mb=1000 zeros_mb=1000 n_releases=1000000
else
	sanitized=0 pipe_mb=200 bomb_mb=100 zeros_mb=200 n_releases=200000
fi

# kd NAME MAX_MB KDECODE-ARGS... - run kdecode (stdin as given) into $tmp/out, $tmp/err;
# sets $status; checks it did not crash and, unsanitized, that its peak RSS < MAX_MB
kd()
{
	local name=$1 max_mb=$2 rss secs
	shift 2
	n_cases=$((n_cases + 1))
	what=$name
	# a bound on address space too, unsanitized: a leak fails here, not on the machine
	(
		[ "$sanitized" = 1 ] || ulimit -v 4194304
		exec "$TIME" -f '%M %e' -o "$tmp/rss" "$KDECODE" "$@"
	) >"$tmp/out" 2>"$tmp/err"
	status=$?
	read -r rss secs < <(tail -n 1 "$tmp/rss")
	echo "$test_name: $name: peak RSS $((rss / 1024)) MB, ${secs} s, exit status $status"
	if [ "$status" -ge 128 ] || [ "$status" = 99 ] ||
		grep -aq 'AddressSanitizer\|runtime error\|Segmentation\|Assertion' "$tmp/err"; then
		fail "$name: crashed (exit status $status): $(head -c 2000 "$tmp/err")"
	fi
	[ "$sanitized" = 1 ] || [ "$rss" -lt $((max_mb * 1024)) ] ||
		fail "$name: peak RSS $((rss / 1024)) MB, not under $max_mb MB"
}

# want_status ALLOWED - $status is one of ALLOWED ("1" or "1,3")
want_status() { [[ ,$1, == *,$status,* ]] || fail "$what: exit status $status, want $1"; }
# want_err REGEX - stderr matches REGEX
want_err()
{
	grep -aEq -- "$1" "$tmp/err" || fail "$what: stderr lacks /$1/: $(head -c 500 "$tmp/err")"
}
# want_json JQ-EXPR - the JSON output satisfies JQ-EXPR
want_json() { jq -e "$1" "$tmp/out" >/dev/null 2>&1 || fail "$what: not true: $1"; }
# repeat MB - the real report, again and again, MB megabytes of it (the last one cut)
repeat() { yes "$(cat "$report")" | head -c $(($1 * 1000000)); }
# n_reports MB - how many whole reports repeat MB holds
n_reports() { echo $(($1 * 1000000 / $(wc -c <"$report"))); }
# between LO HI - stdout has LO to HI lines
lines_between()
{
	local n
	n=$(wc -l <"$tmp/out")
	[ "$n" -ge "$1" ] && [ "$n" -le "$2" ] || fail "$what: $n lines of output, want $1 to $2"
}

# a huge log through a pipe: every report decoded as it goes, in constant memory
kd "$pipe_mb MB log on a pipe" 64 --root="$root" -f summary - < <(repeat "$pipe_mb")
want_status 1
lines_between "$(n_reports "$pipe_mb")" $(($(n_reports "$pipe_mb") + 1))

# one line of 100 MB, then the report: the line echoed whole, the report still decoded
long_line() { head -c 100000000 /dev/zero | tr '\0' x; echo; cat "$report"; }
kd "100 MB line" 64 --root="$root" -m "$srcdir/tests/oopses/modules/plain" - < <(long_line)
want_status 1
LC_ALL=C sed '/ => /d' "$tmp/out" | cmp -s - <(long_line) || fail "$what: not echoed as it came"
grep -q ' => deref_victim at .*oopsmod.c:41:' "$tmp/out" || fail "$what: the report not decoded"

# a million frames in one report: one report, cut once and said to be corrupted
frames()
{
	echo "BUG: kernel NULL pointer dereference, address: 0000000000000010"
	echo "CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0-56-cloud-amd64 #1"
	echo "Call Trace:"
	awk 'BEGIN { for (i = 0; i < 1000000; i++) print " foo+0x1/0x2" }'
}
kd "1,000,000 frames" 64 --root="$root" -f json - < <(frames)
want_status 1
# reports, "corrupted", fields named *reason* that say something; one jq run, the JSON is big
got=$(jq -r '"\(.reports | length) \(.reports[0].corrupted) \([.reports[0] | to_entries[] |
	select(.key | test("reason")) | .value | strings | select(length > 0)] | length)"' \
	"$tmp/out" 2>&1)
[ "$got" = "1 true 1" ] ||
	fail "$what: $got: reports, corrupted, reasons; want 1 report, corrupted, with a reason"

# "Code:" with 3,330 bytes, a line of 10,000 bytes: the report still whole and decoded
awk -v b="$(awk 'BEGIN { for (i = 0; i < 3330; i++) printf " %02x", i % 256 }')" \
	'/Code: / && !done { sub(/Code: .*/, "Code:" b); done = 1 } { print }' "$report" \
	>"$tmp/code"
kd "10,000-byte Code: line" 64 --root="$root" -m "$srcdir/tests/oopses/modules/plain" \
	-f json "$tmp/code"
want_status 1
want_json '.reports | length == 1'
want_json '[.reports[0].frames[] | select(.locations[0].line != null)] | length == 3'

# a million kernel releases, one tiny report each: what is kept per release is bounded
releases()
{
	awk -v n="$n_releases" 'BEGIN { for (i = 0; i < n; i++)
		printf "BUG: kernel NULL pointer dereference, address: 0000000000000010\n" \
			"CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0-%d-test #1\nCall Trace:\n" \
			" foo+0x1/0x2\n", i }'
}
kd "$n_releases releases" 100 --root="$root" -q -f summary - < <(releases)
want_status 1
lines_between "$n_releases" "$n_releases"

# gzip bombs: decompressed as a stream, never whole
repeat "$bomb_mb" | gzip -1 >"$tmp/bomb.gz"
kd "$bomb_mb MB of reports in $(($(wc -c <"$tmp/bomb.gz") / 1000)) kB of gzip" 64 \
	--root="$root" -f summary "$tmp/bomb.gz" </dev/null
want_status 1
lines_between "$(n_reports "$bomb_mb")" $(($(n_reports "$bomb_mb") + 1))
head -c $((zeros_mb * 1000000)) /dev/zero | gzip -1 >"$tmp/zeros.gz"
kd "$zeros_mb MB of zeros in gzip" 64 --root="$root" "$tmp/zeros.gz" </dev/null
want_status 3
want_err "'.*zeros.gz': binary data, not a kernel log"
rm -f "$tmp/zeros.gz"

# a .gz cut short: an error naming the file (not "<fd:3>")
rm -f "$tmp/bomb.gz"
repeat 20 | gzip -1 | head -c 300000 >"$tmp/cut.gz"
kd "cut .gz" 64 --root="$root" -f summary "$tmp/cut.gz" </dev/null
want_status 3
want_err "'[^']*/cut\.gz'"
grep -q '<fd:' "$tmp/err" && fail "$what: names a file descriptor: $(cat "$tmp/err")"

# ELF files pointing past their end
# poke FILE OFFSET SIZE VALUE - write VALUE as SIZE little-endian bytes at OFFSET
poke()
{
	local i out=
	for ((i = 0; i < $3; i++)); do
		out+=$(printf '\\%03o' $((($4 >> (8 * i)) & 255)))
	done
	printf "$out" | dd of="$1" bs=1 seek="$2" conv=notrunc status=none
}
ko=$tmp/oopsmod.ko
xz -dc "$srcdir/tests/oopses/modules/plain/oopsmod.ko.xz" >"$ko" || exit 99
shoff=$(readelf -h "$ko" | awk '/Start of section headers/ { print $5 }')
# "  [34] .debug_info  PROGBITS  0000000000000000 000dc0 011b3f 00 ..."
read -r di_index _ _ _ di_offset di_size _ < <(readelf -S -W "$ko" |
	sed -n 's/^ *\[ *\([0-9]*\)\] \(\.debug_info \)/\1 \2/p')
[ -n "$shoff" ] && [ -n "$di_size" ] || { echo "$test_name: cannot read $ko" >&2; exit 99; }
di_offset=$((16#$di_offset)) di_size=$((16#$di_size))
# the CU header: 11 bytes in DWARF 4, 12 in DWARF 5 (its version, 2 bytes after the length)
dwarf_version=$(od -An -tu2 -j $((di_offset + 4)) -N 2 "$ko" | tr -d ' ')
mkdir -p "$tmp/shoff" "$tmp/secoff" "$tmp/dwarf-middle" "$tmp/dwarf-first-DIE"

# a vmlinux (ET_EXEC) whose section header table lies past the end
cp "$ko" "$tmp/vmlinux"
poke "$tmp/vmlinux" 16 2 2
poke "$tmp/vmlinux" 40 8 $((0x7fffffff00))
kd "-k: section headers past the end" 64 --root="$root" -k "$tmp/vmlinux" "$report"
want_status 3
want_err "'[^']*/vmlinux': "
# the same in a module found with -m
cp "$ko" "$tmp/shoff/oopsmod.ko"
poke "$tmp/shoff/oopsmod.ko" 40 8 $((0x7fffffff00))
kd "-m: section headers past the end" 64 --root="$root" -m "$tmp/shoff" "$report"
want_status 3
want_err "'[^']*/shoff/oopsmod.ko': "
# a module whose .debug_info section lies past the end
cp "$ko" "$tmp/secoff/oopsmod.ko"
poke "$tmp/secoff/oopsmod.ko" $((shoff + di_index * 64 + 24)) 8 $((0x7fffffff00))
kd "-m: .debug_info past the end" 64 --root="$root" -m "$tmp/secoff" "$report"
want_status 1,3
want_err "'[^']*/secoff/oopsmod.ko'"

# DWARF that libdw rejects midway: .debug_info overwritten with 0xff from its middle, and
# from its first DIE; a clear error, or the symbols without what the DWARF would add
for d in middle first-DIE; do
	cp "$ko" "$tmp/dwarf-$d/oopsmod.ko"
	at=$((di_offset + (dwarf_version >= 5 ? 12 : 11)))
	[ "$d" = middle ] && at=$((di_offset + di_size / 2))
	head -c $((di_offset + di_size - at)) /dev/zero | tr '\0' '\377' |
		dd of="$tmp/dwarf-$d/oopsmod.ko" bs=1 seek="$at" conv=notrunc status=none
	kd "-m: .debug_info broken from its $d" 64 --root="$root" -m "$tmp/dwarf-$d" \
		-f json "$report"
	want_status 1,3
	if [ "$status" = 3 ]; then
		want_err "'[^']*/dwarf-$d/oopsmod.ko'"
	else
		want_json '.reports[0].frames[0].symbol == "deref_victim.constprop.0"'
	fi
done

echo "$test_name: $n_cases cases, $n_failed failed"
finish
