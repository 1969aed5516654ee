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
	# a Code: dump of each architecture's format, after its pc line (the logs are x86)
	printf 'Internal error: Oops: 96000006 [#1] SMP\npc : f+0x10/0x20 [m]\n%s\n' \
		'Code: 910003fd f9000bf3 aa0003f3 97932e41 (08dffe60)' >"$seeds/code-arm64"
	printf 'Internal error: Oops: 17 [#1] ARM\nPC is at f+0x10/0x20\n%s\n%s\n' \
		'Code: e0844003 e3c434ff e3c3360f e2433612 (e5c35000)' \
		'Code: e800 f8d3 3000 (6818) 4770' >"$seeds/code-arm"
	printf 'BUG: Kernel NULL pointer dereference on read at 0x00000000\n%s\n%s\n%s\n%s\n' \
		'NIP [c000000000a0b0c0] f+0x20/0x40' 'Instruction dump:' \
		'7c0802a6 fbe1fff8 f8010010 f821ff71 7c7f1b78 4bfffe2d 60000000 e93f0000' \
		'<e92a0000> 2c290000 41820010 7fe3fb78 4bfffe11 60000000 38210090 e8010010' \
		>"$seeds/code-powerpc"
	printf 'Oops: 0004 ilc:3 [#1] SMP\n%s\n%s\n%s\n%s\n' \
		'Krnl PSW : 0704f00180000000 000003ff8086d03a (f+0x3a/0x1000 [m])' \
		'Krnl Code: 000003ff8086d02a: e31020180004\tlg\t%%r1,24(%%r2)' \
		'          #000003ff8086d034: e31010000004\tlg\t%%r1,0(%%r1)' \
		'          >000003ff8086d03a: 07fe\t\tbcr\t15,%%r14' >"$seeds/code-s390"
	printf 'Unable to handle kernel paging request at virtual address 00000000\n%s\n%s\n' \
		'epc   : 8ed80668 f+0x6c/0x88 [m]' \
		'Code: 02d51821  1060045b  00000000 <8c640000> 3084000f  2c820005' >"$seeds/code-mips"
	printf 'Unable to handle kernel NULL pointer dereference at virtual address 0\n%s\n%s\n' \
		'epc : f+0x72/0xb2' 'Code: 8793 0087 b703 0087 (c783) 0007' >"$seeds/code-riscv"
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
index)
	# the index of the fuzzmod.ko beside the harness, as kdecode index writes it
	"${FUZZ_BUILDDIR:-$PWD}/kdecode" index -q --cache-dir="$tmp/ix" \
		"${FUZZ_BUILDDIR:-$PWD}/tests/fuzz/fuzzmod.ko" || exit 2
	cp "$tmp"/ix/*.kdx "$seeds/"
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
