#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Every input under tests/fuzz/regressions/HARNESS/ (crashes the fuzzers found) and each
# harness's seed, replayed through its harness: a crash, abort or sanitizer report fails.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
fuzz=$abs_builddir/tests/fuzz
regressions=$srcdir/tests/fuzz/regressions

# sanitizers, when built with them (--enable-fuzzing): stop at the first report
export ASAN_OPTIONS=${ASAN_OPTIONS:-abort_on_error=1:detect_leaks=1}
export LSAN_OPTIONS=${LSAN_OPTIONS:-suppressions=$srcdir/tests/fuzz/lsan.supp}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
n_inputs=0
# fuzz-index's seed: the index of the fuzzmod.ko built here, and the same cut short
"$KDECODE" index -q --cache-dir="$tmp/index" "$abs_builddir/tests/fuzz/fuzzmod.ko" ||
	fail "kdecode index of fuzzmod.ko failed"
for kdx in "$tmp"/index/*.kdx; do
	head -c 1000 "$kdx" >"$tmp/index/cut"
done
for harness in input report registers snapshot resolve index; do
	bin=$fuzz/fuzz-$harness
	[ -x "$bin" ] || { fail "no harness '$bin'"; continue; }
	inputs=()
	for f in "$regressions/fuzz-$harness"/*; do
		[ -f "$f" ] && inputs+=("$f")
	done
	[ "$harness" = resolve ] && inputs+=("$fuzz/fuzzmod.ko")
	[ "$harness" = index ] && inputs+=("$tmp"/index/*.kdx "$tmp/index/cut")
	[ ${#inputs[@]} -gt 0 ] || continue
	n_inputs=$((n_inputs + ${#inputs[@]}))
	# files, not directories: libFuzzer would fuzz a directory, replay.c reads either
	if ! "$bin" "${inputs[@]}" >"$tmp/out" 2>&1; then
		fail "fuzz-$harness crashed on one of: ${inputs[*]##*/}"
		tail -40 "$tmp/out" >&2
	elif grep -q 'ERROR: AddressSanitizer\|runtime error:\|fuzz assertion failed' "$tmp/out"; then
		fail "fuzz-$harness: sanitizer report: $(grep -m1 'ERROR\|runtime error\|assertion' "$tmp/out")"
	fi
done
[ "$n_inputs" -gt 0 ] || fail "no regression inputs found in '$regressions'"
echo "$n_inputs inputs replayed"
finish
