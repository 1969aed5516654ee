#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# run.sh HARNESS SECONDS: build a seed corpus for one harness from the test logs,
# snapshots and fixtures, then fuzz it for SECONDS; exits non-zero when it finds a crash.
#
# Run from the build directory of ./configure CC=clang --enable-fuzzing && make fuzz.
# FUZZ_CORPUS=DIR keeps the corpus (default: a temp dir), FUZZ_ARTIFACTS=DIR gets the
# crashers (default: fuzz-artifacts/HARNESS/), FUZZ_ARGS adds libFuzzer options.

set -u
[ $# -eq 2 ] || { echo "usage: $0 HARNESS SECONDS" >&2; exit 2; }
harness=${1#fuzz-}
seconds=$2
srcdir=$(cd "$(dirname "$0")/../.." && pwd)
bin=${FUZZ_BUILDDIR:-$PWD}/tests/fuzz/fuzz-$harness
[ -x "$bin" ] || { echo "$0: no fuzzer at '$bin': configure --enable-fuzzing, make fuzz" >&2
	exit 2; }

tmp=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-fuzz-seeds.XXXXXX") || exit 2
trap 'rm -rf "$tmp"' EXIT
corpus=${FUZZ_CORPUS:-$tmp/corpus}
artifacts=${FUZZ_ARTIFACTS:-$PWD/fuzz-artifacts/$harness}
seeds=$tmp/seeds
mkdir -p "$corpus" "$artifacts" "$seeds" || exit 2

# logs CHUNK: every test log cut into pieces of CHUNK lines, plain; a few gzipped
logs()
{
	local log
	for log in "$srcdir"/tests/oopses/*.log; do
		split -l "$1" -d -a 3 "$log" "$seeds/${log##*/}."
	done
	for log in $(ls "$seeds" | head -4); do
		gzip -c "$seeds/$log" >"$seeds/$log.gz"
	done
}

case $harness in
input)
	logs 40
	printf 'line\r\nno newline at the end\r' >"$seeds/crlf"
	# fuzz_expand(): one 64 KiB line without a newline; a log chunk over 80 KiB
	printf '\376\000x' >"$seeds/long-line"
	{ printf '\376\020'; head -c 3000 "$seeds/$(ls "$seeds" | head -1)"; } >"$seeds/long-log"
	;;
report)
	logs 120
	# fuzz_expand(): a report start, then frame lines past REPORT_MAX_LINES
	printf '\376\000BUG: kernel NULL pointer dereference, address: 0\nCall Trace:\n\376 f+0x1/0x2 [m]\n' \
		>"$seeds/long-report"
	;;
registers)
	# one file per register, CR2, fault address, Code: or frame line of the logs
	sed -e 's/^\[[ 0-9.]*\] //' "$srcdir"/tests/oopses/*.log |
		grep -E '^(R[A-Z0-9]{2}|E[A-Z]{2}|CR2|x[0-9]+ *|BUG|Code|Unable|RIP| *(\? )?[a-z_])[ :].*' |
		sort -u | head -300 | split -l 1 -d -a 4 - "$seeds/line."
	printf 'x29: ffff800080c9bb10 x28: ffff0000c1e33b00 x27: 0000000000000000 ' \
		>"$seeds/arm64"
	printf ' ? do_fault+0x1a7/0x410 [mod 8e3cc4f2a7e4e6d8d0b5a1b9c2f1e3d4c5b6a7f8]' \
		>"$seeds/build-id"
	;;
snapshot)
	cp "$srcdir"/tests/oopses/*.snapshot "$seeds/"
	cp "$srcdir"/tests/rootfs/*.expected "$seeds/"
	cat "$srcdir"/tests/oopses/*.snapshot >"$seeds/history"
	# a record with --kallsyms lines: one symbol per section, vmlinux's _text, a per-CPU one
	awk '/^end$/ { print "kallsyms 0xffffffff84200000 T _text"
			print "kallsyms 0x0000000000000000 A fixed_percpu_data" }
		{ print }
		/^section / { print "kallsyms " $4 " t " $2 "_" substr($3, 2) " [" $2 "]" }' \
		"$srcdir/tests/oopses/debian-6.1-oopsmod-snapshot.snapshot" >"$seeds/kallsyms"
	gzip -c "$seeds/history" >"$seeds/history.gz"
	;;
resolve)
	${CC:-cc} -g -O1 -ffunction-sections \
		-c "$srcdir/tests/fuzz/fuzzmod.c" -o "$seeds/fuzzmod.ko" || exit 2
	[ -n "${FUZZ_OOPSMOD:-}" ] &&
		xz -dc "$srcdir/tests/oopses/modules/plain/oopsmod.ko.xz" >"$seeds/oopsmod.ko"
	;;
*)
	echo "$0: unknown harness '$harness'" >&2
	exit 2
	;;
esac
# the words the log parsers look for, for the harnesses that read logs
case $harness in
input | report | registers) dict=-dict=$srcdir/tests/fuzz/kernel-log.dict ;;
*) dict= ;;
esac
# the crashers found before, so that the corpus starts where they were
[ -d "$srcdir/tests/fuzz/regressions/fuzz-$harness" ] &&
	cp "$srcdir/tests/fuzz/regressions/fuzz-$harness"/* "$seeds/" 2>/dev/null

# leaks inside libdw that kdecode cannot free (lsan.supp says which)
export LSAN_OPTIONS=suppressions=$srcdir/tests/fuzz/lsan.supp${LSAN_OPTIONS:+:$LSAN_OPTIONS}
before=$(ls "$artifacts" | wc -l)
echo "fuzz-$harness: $(ls "$seeds" | wc -l) seeds, $seconds s, crashes to $artifacts/"
"$bin" -max_total_time="$seconds" -timeout=20 -print_final_stats=1 \
	-artifact_prefix="$artifacts/" $dict ${FUZZ_ARGS:-} "$corpus" "$seeds"
status=$?
if [ "$(ls "$artifacts" | wc -l)" -gt "$before" ]; then
	echo "fuzz-$harness: crashes found: $(ls -t "$artifacts" | tr '\n' ' ')" >&2
	exit 1
fi
exit $status
