#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# -j N: a batch of the logs of tests/oopses/ (files, gzip, a tree with -R, stdin, a
# missing and a binary input) decoded with -j 2 and -j 3 must give exactly what -j 1
# gives, stdout, stderr and exit status, in every format; a worker that is killed is an
# error naming its input, not a hang; a worker with much to write does not deadlock.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
oopses=$srcdir/tests/oopses

# the batch: every log, plain and compressed, twice over in a tree
mkdir -p "$tmp/tree/a/b" "$tmp/tree/c"
logs=()
for log in "$oopses"/*.log; do
	name=${log##*/}
	logs+=("$log")
	cp "$log" "$tmp/tree/a/$name"
	gzip -c "$log" >"$tmp/tree/c/$name.gz"
done
cp "$oopses/debian-6.1-oopsmod.log" "$tmp/tree/a/b/again.log"
printf 'no report here\n' >"$tmp/tree/a/b/quiet.log"
head -c 4096 /dev/urandom >"$tmp/binary.dat"
stdin_log=$oopses/debian-6.1-sysrq-crash.log
# the debug files of the oopsmod logs, and a snapshot that fits only some reports:
# warnings given once per run, others per report. Not every log's module: the others'
# say their debug files do not match, and make the exit status 6 (from the workers too)
debug=(--root="$oopses/root" -m "$oopses/modules/plain" -m "$oopses/modules/kinds"
	-s "$oopses/debian-6.1-oopsmod-snapshot.snapshot")

# kd OUT ARGS... - run kdecode on stdin_log; stdout, stderr and status in $tmp/OUT.*
kd()
{
	local out=$1
	shift
	timeout 300 "$KDECODE" "${debug[@]}" "$@" <"$stdin_log" \
		>"$tmp/$out.out" 2>"$tmp/$out.err"
	echo "$?" >"$tmp/$out.status"
}

# compare NAME ARGS... - -j 2, -j 3 (and -j 0) against -j 1, for ARGS
compare()
{
	local name=$1 j
	shift
	kd "$name.1" -j 1 "$@"
	[ -s "$tmp/$name.1.out" ] || [ -s "$tmp/$name.1.err" ] ||
		fail "$name: -j 1 wrote nothing: $(cat "$tmp/$name.1.status")"
	for j in 2 3 0; do
		kd "$name.$j" -j "$j" "$@"
		for part in status out err; do
			cmp -s "$tmp/$name.1.$part" "$tmp/$name.$j.$part" && continue
			fail "$name: -j $j: $part differs from -j 1"
			diff -u "$tmp/$name.1.$part" "$tmp/$name.$j.$part" | head -20 >&2
		done
	done
}

# want_status NAME STATUS - what -j 1 (so all of them) exited with
want_status()
{
	local got
	got=$(cat "$tmp/$1.1.status")
	[ "$got" = "$2" ] || fail "$1: exit status $got, want $2: $(head -3 "$tmp/$1.1.err")"
}

for format in annotate json summary; do
	compare "$format" -f "$format" "${logs[@]}" - -R "$tmp/tree"
	want_status "$format" 6
	compare "$format-fail" -f "$format" --fail-on=bug "${logs[@]}" -R "$tmp/tree"
	want_status "$format-fail" 5
	compare "$format-missing" -f "$format" --fail-on=any "${logs[@]}" "$tmp/no-such.log" \
		-R "$tmp/tree" "$tmp/binary.dat"
	want_status "$format-missing" 3
done
compare count -f summary --count -R "$tmp/tree" "${logs[@]}" -
want_status count 6
compare count-fail -f summary --count --fail-on=any -R "$tmp/tree" "${logs[@]}"
want_status count-fail 5
compare verbose -v -v -R "$tmp/tree" "${logs[@]}"
compare quiet -q -f json -R "$tmp/tree" "${logs[@]}"
compare color --color=always -f summary -R "$tmp/tree" "${logs[@]}"
# stdin twice: the second '-' reads what the first left, nothing
compare stdin -f summary - "${logs[@]}" -

# one pipe as standard input and /dev/stdin: read by one worker, in order, as by one
# process: all of it the first time, nothing the second. The pipe is fed in pieces,
# so that two workers reading it would each get some.
split -n 4 "$stdin_log" "$tmp/piece."
for j in 1 2 3; do
	for piece in "$tmp"/piece.*; do sleep 0.2; cat "$piece"; done | "$KDECODE" "${debug[@]}" -f summary -j "$j" - /dev/stdin \
		"${logs[@]}" - >"$tmp/pipe.$j.out" 2>"$tmp/pipe.$j.err"
	echo "$?" >>"$tmp/pipe.$j.out"
	[ "$j" = 1 ] || cmp -s "$tmp/pipe.1.out" "$tmp/pipe.$j.out" ||
		fail "a pipe on stdin: -j $j: stdout or status differs from -j 1"
	[ "$j" = 1 ] || cmp -s "$tmp/pipe.1.err" "$tmp/pipe.$j.err" ||
		fail "a pipe on stdin: -j $j: stderr differs from -j 1"
done
grep -q "^-:" "$tmp/pipe.1.out" || fail "a pipe on stdin: no report from '-'"

grep -q "cannot open '$tmp/no-such.log'" "$tmp/annotate-missing.2.err" ||
	fail "-j 2: no error for the missing input"
grep -q "no vmlinux for 6.1.0-56-cloud-amd64" "$tmp/annotate.1.err" ||
	fail "no warning for the missing vmlinux: the batch does not test messages given once"
[ "$(grep -c "no vmlinux for 6.1.0-56-cloud-amd64" "$tmp/annotate.3.err")" = 1 ] ||
	fail "-j 3: the missing vmlinux is not warned about once"
if command -v jq >/dev/null; then
	jq -e '.inputs | length > 20' "$tmp/json.2.out" >/dev/null ||
		fail "-j 2: --format=json: no document, or its inputs are missing"
fi

# -j takes 0 to 1024
for bad in -1 x 1025 '' 2x; do
	kd bad -j "$bad" "${logs[0]}"
	[ "$(cat "$tmp/bad.status")" = 2 ] && grep -q "invalid --jobs" "$tmp/bad.err" ||
		fail "-j '$bad': exit status $(cat "$tmp/bad.status"), want 2"
done

# much to write: workers block on full pipes while the parent writes the inputs
# before theirs; nothing deadlocks
for i in $(seq 20); do cat "${logs[@]}"; done >"$tmp/big.log"
kd big.1 -j 1 "$tmp/big.log" "$tmp/big.log" "${logs[@]}" "$tmp/big.log"
kd big.2 -j 2 "$tmp/big.log" "$tmp/big.log" "${logs[@]}" "$tmp/big.log"
status=$(cat "$tmp/big.2.status")
[ "$status" = 6 ] || fail "big: -j 2: exit status $status, want 6"
cmp -s "$tmp/big.1.out" "$tmp/big.2.out" || fail "big: -j 2: stdout differs from -j 1"

# a reader that goes away: kdecode and its workers end (SIGPIPE), nothing hangs
timeout 120 "$KDECODE" "${debug[@]}" -j 2 "$tmp/big.log" "${logs[@]}" "$tmp/big.log" 2>/dev/null |
	head -1 >/dev/null 2>&1
status=${PIPESTATUS[0]}
[ "$status" = 141 ] || fail "a closed pipe on stdout: exit status $status, want 141 (SIGPIPE)"
# SIGCHLD ignored where kdecode was started (not through timeout, which handles it):
# the workers still end cleanly
(trap '' CHLD && exec "$KDECODE" "${debug[@]}" -j 2 -f summary "${logs[@]}") \
	>/dev/null 2>"$tmp/chld.err"
status=$?
[ "$status" = 6 ] || fail "SIGCHLD ignored: exit status $status, want 6: $(cat "$tmp/chld.err")"

# a worker killed while it decodes stdin (a FIFO nobody writes to): an error naming
# the input, exit status 3, the other inputs decoded all the same, no hang
if command -v pgrep >/dev/null && mkfifo "$tmp/fifo"; then
	exec 3<>"$tmp/fifo"
	timeout 120 "$KDECODE" "${debug[@]}" -f json -j 2 - "${logs[@]}" \
		<"$tmp/fifo" >"$tmp/kill.out" 2>"$tmp/kill.err" 3>&- &
	pid=$!
	# the worker reading standard input (a child of kdecode, the child of timeout):
	# it has the FIFO open twice, as 0 and a dup of it
	worker=
	for i in $(seq 200); do
		for child in $(pgrep -P "$(pgrep -P "$pid")" 2>/dev/null); do
			n=0
			for fd in /proc/"$child"/fd/*; do
				[ "$(readlink "$fd")" = "$tmp/fifo" ] && n=$((n + 1))
			done
			[ "$n" -ge 2 ] && worker=$child
		done
		[ -n "$worker" ] && break
		sleep 0.1
	done
	[ -n "$worker" ] && kill -KILL "$worker"
	wait "$pid"
	status=$?
	exec 3>&-
	[ "$status" = 3 ] || fail "killed worker: exit status $status, want 3"
	grep -q "cannot decode '-': its worker process (-j) was killed by signal 9" \
		"$tmp/kill.err" || fail "killed worker: no error naming '-': $(cat "$tmp/kill.err")"
	kd kill-want -j 1 -f json "${logs[@]}"
	if command -v jq >/dev/null; then
		jq -e '.inputs[0].error | test("killed by signal 9")' "$tmp/kill.out" >/dev/null ||
			fail "killed worker: the json inputs do not say why '-' was not decoded"
		[ "$(jq -c .reports "$tmp/kill.out")" = "$(jq -c .reports "$tmp/kill-want.out")" ] ||
			fail "killed worker: the other inputs' reports differ from -j 1"
	fi
fi

finish
