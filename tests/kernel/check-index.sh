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

# forks NAME ARGS... - how many fork()s decoding ARGS from the DWARF makes, "" when
# strace cannot tell. strace sees fork's clone(), not the clone3() of threads.
forks()
{
	local name=$1
	shift
	command -v strace >/dev/null && strace -f -o /dev/null true 2>/dev/null || return 0
	# LeakSanitizer cannot run under ptrace
	local ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
	strace -f -e trace=clone -o "$work/$name.trace" "$KDECODE" -f json --no-cache "$@" \
		>/dev/null 2>&1 || true
	grep -c 'clone(' "$work/$name.trace" || true
}

# alone NAME ARGS... - ARGS decoded from the DWARF (same NAME ran them) once more, with
# every fork() failing: the walk of vmlinux's variables, shared with a second process
# (src/debug/variables.c), is then all done by the first, with the same output; and
# says that there is a fork at all.
alone()
{
	local name=$1 s=0 n
	shift
	n=$(forks "$name" "$@")
	[ -n "$n" ] || return 0
	[ "$n" -gt 0 ] || fail "$name: no second process for the variables of vmlinux"
	local ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
	export ASAN_OPTIONS
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

# register NAME SYMBOL OUT - the plain log with its first R11 holding SYMBOL, as the VM's
# kallsyms placed it, decoded (same NAME) from the DWARF and the index; its variable
# must be SYMBOL's
register()
{
	local name=$1 sym=$2 out=$3 address
	address=$(zcat "$out/plain/kallsyms.gz" |
		awk -v s="$sym" '$1 == "kallsyms" && $4 == s { sub("^0x", "", $2); print $2 }')
	[ -n "$address" ] || die "no $sym in $out/plain/kallsyms.gz"
	sed "0,/ R11: [0-9a-f]\{16\}/s// R11: $address/" "$out/plain/console.log" \
		>"$work/$name.log"
	same "$name" -k "$vmlinux" -m "$out/plain" -s "$out/plain/snapshot" "$work/$name.log"
	grep -q "\"variable\": {\"name\": \"$sym\"" "$work/$name.dwarf.json" ||
		fail "$name: R11 is not $sym"
}

# many_functions VMLINUX - hung-task reports of 30 frames each, one frame in each 25th
# function of VMLINUX's symbol table (1,500 of them for Debian's), at an offset into it
many_functions()
{
	readelf -sW "$1" | awk '$4 == "FUNC" && $3 > 16 && $8 !~ /\./ {
		if (++n % 25) next
		if (k++ % 30 == 0) {
			if (k > 1)
				print " </TASK>"
			print "INFO: task sh:126 blocked for more than 120 seconds."
			print "task:sh              state:D stack:0     pid:126   ppid:1      flags:0x00000002"
			print "Call Trace:"
			print " <TASK>"
		}
		printf " ? %s+0x%x/0x%x\n", $8, ($3 * 7 + k) % $3, $3
	}
	END { print " </TASK>" }'
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
	# a frame in each of 1,500 functions: the index's pages read are more than one log
	# reads, and more of them are kept then (src/debug/index.c)
	many_functions "$vmlinux" >"$work/many-functions.log"
	[ "$(grep -c '^ ? ' "$work/many-functions.log")" -gt 1000 ] ||
		die "many-functions: no 1,000 functions in $vmlinux"
	same many-functions -k "$vmlinux" "$work/many-functions.log"
	# a global whose neighbours in .data are statics of its own file: found in their
	# compile unit, with no walk of every unit (no second process)
	register near-variable init_net "$out"
	local n
	n=$(forks near-variable -k "$vmlinux" -m "$out/plain" -s "$out/plain/snapshot" \
		"$work/near-variable.log")
	[ "${n:-0}" = 0 ] || fail "near-variable: init_net took the walk of every unit"
	# a global in .rodata among other files' symbols, of a unit past the middle of
	# vmlinux's DWARF: the walk of every unit, whose second process finds it
	register far-variable wol_mode_names "$out"
	grep -q '"type": "const char\[8\]\[32\]"' "$work/far-variable.dwarf.json" ||
		fail "far-variable: wol_mode_names is not const char[8][32]"
	alone far-variable -k "$vmlinux" -m "$out/plain" -s "$out/plain/snapshot" \
		"$work/far-variable.log"
	# a global defined in kernel/trace/bpf_trace.c, and __weak in kernel/bpf/core.c,
	# both DIEs at its address: the one of the unit its neighbours point to, not the
	# later one in DIE order (the __weak twin, as kdecode took before)
	register weak-variable bpf_snprintf_btf_proto "$out"
	grep -q '"name": "bpf_snprintf_btf_proto", "type": "const struct bpf_func_proto", "file": "kernel/trace/bpf_trace.c"' \
		"$work/weak-variable.dwarf.json" ||
		fail "weak-variable: bpf_snprintf_btf_proto is not bpf_trace.c's"

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
