#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# A log file is parsed in a thread of its own beside the decoding (src/report/reader.c)
# where there are two CPUs to run on; on one (taskset), or from a pipe, it is parsed a line
# at a time as before. Both ways must print the same, in every format: every real report
# of tests/oopses/, and one log of 20,000 other lines then all of them four times over, so
# that the lines and reports go through many batches, full ones too, and the queue fills.

. "${srcdir:-.}/tests/lib.sh"
command -v taskset >/dev/null || { echo "$test_name: taskset is not installed" >&2; exit 77; }
[ "$(nproc)" -ge 2 ] || { echo "$test_name: one CPU: only the serial path can run" >&2; exit 77; }
make_tmpdir
cd "$srcdir/tests/oopses" || exit 99
# no index written by the first run and read by the second: its notice would differ
export XDG_CACHE_HOME=$tmp/cache

logs=(*.log xarch/*.log)
# a long run of lines outside any report first: batches that fill up before a report ends them
{
	seq 20000 | sed 's/^/[    1.000000] other output, line /'
	for i in $(seq 4); do cat "${logs[@]}"; done
} > "$tmp/big.log"
cpu0=$(taskset -p $$ | awk '{ print $NF }' | sed 's/[,-].*//')
cpu0=$((16#${cpu0:-1} & -16#${cpu0:-1}))	# the lowest CPU of this shell's mask
one=$(printf '%x' "$cpu0")

# same NAME ARGS... - the output, errors and status of kdecode ARGS on one CPU and on all
same()
{
	local name=$1 rc1=0 rc2=0
	shift
	taskset "$one" "$KDECODE" --no-cache "$@" >"$tmp/one.out" 2>"$tmp/one.err" || rc1=$?
	"$KDECODE" --no-cache "$@" >"$tmp/all.out" 2>"$tmp/all.err" || rc2=$?
	cmp -s "$tmp/one.out" "$tmp/all.out" || fail "$name: another output with a parsing thread"
	cmp -s "$tmp/one.err" "$tmp/all.err" || fail "$name: other messages with a parsing thread"
	[ "$rc1" = "$rc2" ] || fail "$name: exit status $rc1 on one CPU, $rc2 with a thread"
}

# a large file is also cut in two and its halves parsed at once: where its middle falls
# in a report (one of 12,000 frames, cut at 4,000 lines) the second half's parse is
# thrown away and the first reads on
{
	seq 2000 | sed 's/^/[    1.000000] other output, line /'
	echo '[    2.000000] WARNING: CPU: 0 PID: 1 at kernel/fork.c:100 copy_process+0x10/0x20'
	echo '[    2.000000] Call Trace:'
	seq 12000 | sed 's/^/[    2.000000]  vfs_write+0x&\/0x4000/'
	seq 2000 | sed 's/^/[    3.000000] other output, line /'
} > "$tmp/cut-in-report.log"

n=0
for log in "${logs[@]}" "$tmp/cut-in-report.log"; do
	for fmt in annotate json summary; do
		same "$log -f $fmt" -f "$fmt" -m modules/plain "$log"
		n=$((n + 1))
	done
done
for fmt in annotate json summary; do
	same "a long log, -f $fmt" -f "$fmt" -m modules/plain "$tmp/big.log"
	same "a long log, -f $fmt --only-reports" -f "$fmt" --only-reports \
		-m modules/plain "$tmp/big.log"
	n=$((n + 2))
done

# the first half's thread loads capstone once its half is done, for the decoding of the
# second's reports: where it cannot be loaded, each dump still says so, as on one CPU
# (capstone hidden in a mount namespace of this test's own, where one can be made)
{
	seq 60000 | sed 's/^/[    1.000000] other output, line /'
	cat "${logs[@]}"
} > "$tmp/late.log"
capstone=$(ldconfig -p 2>/dev/null | awk '/libcapstone\.so\.[0-9]+ .*x86-64/ { print $NF; exit }')
if [ -n "$capstone" ] && unshare -rm true 2>/dev/null; then
	hidden()
	{
		unshare -rm sh -c 'mount --bind /dev/null "$0" && exec "$@"' "$capstone" "$@"
	}
	hidden taskset "$one" "$KDECODE" --no-cache -m modules/plain "$tmp/late.log" \
		>"$tmp/one.out" 2>"$tmp/one.err"
	hidden "$KDECODE" --no-cache -m modules/plain "$tmp/late.log" >"$tmp/all.out" 2>"$tmp/all.err"
	grep -q 'code: cannot load libcapstone' "$tmp/all.out" ||
		fail "capstone hidden: no dump said it cannot be loaded"
	cmp -s "$tmp/one.out" "$tmp/all.out" || fail "capstone hidden: another output with threads"
	cmp -s "$tmp/one.err" "$tmp/all.err" || fail "capstone hidden: other messages with threads"
	n=$((n + 1))
fi

# the thread is there to be compared with: a file gets one, one CPU or a pipe none. The
# threads are counted against the run on one CPU (a sanitizer's runtime starts its own),
# and no index is written (its second process would count too).
if command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null; then
	# LeakSanitizer cannot run under ptrace
	export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	threads()
	{
		strace -f -e trace=clone,clone3 -o "$tmp/trace" "$@" >/dev/null 2>&1
		grep -c 'clone' "$tmp/trace"
	}
	serial=$(threads taskset "$one" "$KDECODE" --no-cache -m modules/plain "$tmp/big.log")
	[ "$(threads "$KDECODE" --no-cache -m modules/plain "$tmp/big.log")" -gt "$serial" ] ||
		fail "a log file was parsed without a thread"
	stdin_threads=$(threads sh -c "\"\$0\" --no-cache -m modules/plain - < \"\$1\"" "$KDECODE" "$tmp/big.log")
	[ "$stdin_threads" = "$serial" ] ||
		fail "a thread for standard input ($stdin_threads clones, $serial on one CPU)"
	n=$((n + 2))
fi
echo "$test_name: $n checks, $(wc -l <"$tmp/big.log") lines in the large log" >&2
finish
