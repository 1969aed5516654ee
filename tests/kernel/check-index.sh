#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The per-build index of a real vmlinux: decoding with it must print what decoding from
# the DWARF prints, byte for byte, in every format, with the same stderr and exit status.
#
# Usage: check-index.sh KDECODE
#        check-index.sh --xarch KDECODE
#
# Runs on what the real-kernel checks left: check.sh's Debian kernel (its plain, fs,
# panic and stall logs, with their modules, and plain's snapshot), check-debug.sh's
# debug kernel (its two logs) when it ran; with --xarch, each architecture's logs of
# xarch/check.sh. kdecode index writes the indexes of each set's vmlinux and module into
# a fresh cache directory (its time is printed: a measurement, not a check); each log is
# then decoded with --no-cache and with that cache, and every output compared. A
# decoding that writes an index (its notice) means one was missing: a failure too.
# Prints "check-index.sh: N checks passed".

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"
checks=0

. "$here/../formats.sh"

# index NAME FILE... - kdecode index FILE... into $cache, timed
index()
{
	local name=$1 start ms
	shift
	start=$(date +%s%N)
	"$KDECODE" index -q --cache-dir="$cache" "$@" || fail "$name: kdecode index $* failed"
	ms=$((($(date +%s%N) - start) / 1000000))
	echo "$kd_prog: $name: indexed $# files in $ms ms; the cache holds $(du -sh "$cache" | cut -f1)"
}

# same NAME ARGS... - ARGS decoded from the DWARF and from the index: the same
same()
{
	local name=$1 f s
	shift
	decode_formats "$work" "$name.dwarf" --no-cache "$@"
	s=$status
	echo "$s" >"$work/$name.dwarf.status"
	decode_formats "$work" "$name.index" --cache-dir="$cache" "$@"
	[ "$status" = "$s" ] || fail "$name: exit status $status with the index, $s without"
	for f in json annotate summary err; do
		cmp -s "$work/$name.dwarf.$f" "$work/$name.index.$f" ||
			fail "$name: $f differs with the index: $(diff "$work/$name.dwarf.$f" \
				"$work/$name.index.$f" | head -5)"
	done
	checks=$((checks + 5))
}

# alone NAME ARGS... - ARGS decoded from the DWARF (same NAME ran them) once more, with
# every fork() failing: the walk of vmlinux's variables, shared with a second process
# (src/debug/debuginfo.c), is then all done by the first, with the same output. strace
# fails fork's clone(), not the clone3() of threads; and says that there is a fork at all.
alone()
{
	local name=$1 s=0 forks
	shift
	command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null || return 0
	# LeakSanitizer cannot run under ptrace
	local ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
	strace -f -e trace=clone -o "$work/trace" "$KDECODE" -f json --no-cache "$@" \
		>/dev/null 2>&1 || true
	forks=$(grep -c 'clone(' "$work/trace" || true)
	[ "$forks" -gt 0 ] || fail "$name: no second process for the variables of vmlinux"
	strace -f -o /dev/null -e trace=clone -e inject=clone:error=EAGAIN \
		"$KDECODE" -f json --no-cache "$@" >"$work/$name.alone.json" \
		2>"$work/$name.alone.err" || s=$?
	[ "$s" = "$(cat "$work/$name.dwarf.status")" ] ||
		fail "$name: exit status $s with no fork, $(cat "$work/$name.dwarf.status") with one"
	for f in json err; do
		cmp -s "$work/$name.dwarf.$f" "$work/$name.alone.$f" ||
			fail "$name: $f differs with no fork: $(diff "$work/$name.dwarf.$f" \
				"$work/$name.alone.$f" | head -5)"
	done
	checks=$((checks + 3))
}

debian()
{
	local out=${KDECODE_KERNEL_OUT:-${TMPDIR:-/tmp}/kdecode-kernel-test} vmlinux d
	[ -s "$out/vmlinux-path" ] || die "no $out/vmlinux-path: run check.sh first"
	vmlinux=$(cat "$out/vmlinux-path")
	index "Debian $(cat "$out/release")" "$vmlinux" "$out"/{plain,fs,panic,stall}/oopsmod.ko
	for d in plain fs panic stall; do
		[ -s "$out/$d/console.log" ] || die "no $out/$d/console.log: run check.sh first"
		same "$d" -k "$vmlinux" -m "$out/$d" "$out/$d/console.log"
	done
	same plain-snapshot -k "$vmlinux" -m "$out/plain" -s "$out/plain/snapshot" \
		"$out/plain/console.log"
	# the same log with its first R11 holding init_net, as the VM's kallsyms placed it:
	# a variable of net/, in the units past the middle of vmlinux's DWARF, which the
	# second process finds
	local net
	net=$(zcat "$out/plain/kallsyms.gz" |
		awk '$1 == "kallsyms" && $4 == "init_net" { sub("^0x", "", $2); print $2 }')
	[ -n "$net" ] || die "no init_net in $out/plain/kallsyms.gz"
	sed "0,/ R11: [0-9a-f]\{16\}/s// R11: $net/" "$out/plain/console.log" >"$work/late.log"
	same late-variable -k "$vmlinux" -m "$out/plain" -s "$out/plain/snapshot" "$work/late.log"
	grep -q '"variable": {"name": "init_net", "type": "struct net"' \
		"$work/late-variable.dwarf.json" || fail "late-variable: R11 is not init_net"
	alone late-variable -k "$vmlinux" -m "$out/plain" -s "$out/plain/snapshot" "$work/late.log"

	local dbg=${KDECODE_DEBUG_OUT:-${TMPDIR:-/tmp}/kdecode-debug-kernel-test}
	[ -s "$dbg/vmlinux-path" ] && [ -s "$dbg/module/oopsmod.ko" ] || return 0
	vmlinux=$(cat "$dbg/vmlinux-path")
	index "debug kernel" "$vmlinux" "$dbg/module/oopsmod.ko"
	for d in debug debug-irq; do
		[ -s "$dbg/$d/console.log" ] || continue
		same "$d" -k "$vmlinux" -m "$dbg/module" "$dbg/$d/console.log"
	done
}

xarch()
{
	local out=${KDECODE_XARCH_OUT:-${TMPDIR:-/tmp}/kdecode-xarch-test} dir arch vmlinux log
	for dir in "$out"/*/; do
		arch=$(basename "$dir")
		[ -s "$dir/vmlinux-path" ] && [ -s "$dir/oopsmod.ko" ] || continue
		vmlinux=$(cat "$dir/vmlinux-path")
		index "$arch" "$vmlinux" "$dir/oopsmod.ko"
		for log in console.log panic.log; do
			[ -s "$dir/$log" ] && same "$arch-${log%.log}" -k "$vmlinux" -m "$dir" "$dir/$log"
		done
	done
}

main()
{
	local mode=debian
	[ "${1-}" = --xarch ] && { mode=xarch; shift; }
	[ $# = 1 ] || die "usage: $kd_prog [--xarch] KDECODE"
	KDECODE=$(readlink -f "$1")
	work=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-index.XXXXXX")
	trap 'rm -rf "$work"' EXIT
	cache=$work/cache
	$mode
	[ "$checks" -gt 0 ] || fail "nothing was decoded"
	echo "$kd_prog: $checks checks passed"
}

main "$@"
