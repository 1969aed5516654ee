#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The debug-kernel test: real KASAN, KFENCE, UBSAN and lockdep reports, decoded and checked.
#
# Usage: check-debug.sh KDECODE [OUT_DIR]
#
# run-debug.sh builds (or reuses) the small debug kernel of build-debug-kernel.sh and
# boots it with oopsmod's sanitizer cases.  Each log is decoded with the kernel's
# vmlinux and the module; every report must have its kind, class and title, and its
# guilty frame must be the oopsmod function whose line carries the case's KD: marker,
# decoded to that line.  Prints "check-debug.sh: N checks passed".
#
# KDECODE_KERNEL_REUSE=1 decodes the logs a previous run left in OUT_DIR again, without
# building or booting (the vmlinux stays where that run's cache had it).

set -euo pipefail

# the helpers of the Debian kernel's test: marker, case_report, expect_field,
# expect_guilty, fail (check.sh runs nothing when sourced)
. "$(dirname "$(readlink -f "$0")")/check.sh"

# decode DIR - DIR's log as JSON; every frame must resolve (exit status 0)
decode()
{
	local dir=$1
	"$KDECODE" -f json -k "$vmlinux" -m "$module" "$dir/console.log" >"$dir/decoded.json" ||
		fail "$dir/console.log: kdecode exited with $?"
}

# check_debug DIR - lockdep's circular dependency, then UBSAN, KFENCE and KASAN
check_debug()
{
	local log=$1/console.log json=$1/decoded.json r

	decode "$1"
	ctx=$log
	expect_field "$(cat "$json")" '[.reports[].kind] | join(" ")' \
		"warning ubsan ubsan kfence kasan kasan panic"
	ctx="$log: deadlock" r=$(case_report "$json" "$log" deadlock)
	expect_guilty "$r" warning lockdep "possible deadlock in deadlock_ba" deadlock_ba deadlock
	ctx="$log: ubsan_index" r=$(case_report "$json" "$log" ubsan_index)
	expect_guilty "$r" ubsan ubsan "UBSAN: array-index-out-of-bounds in index_path" \
		index_path ubsan_index
	ctx="$log: ubsan_shift" r=$(case_report "$json" "$log" ubsan_shift)
	expect_guilty "$r" ubsan ubsan "UBSAN: shift-out-of-bounds in shift_path" \
		shift_path ubsan_shift
	ctx="$log: kfence_oob" r=$(case_report "$json" "$log" kfence_oob)
	expect_guilty "$r" kfence kfence "KFENCE: out-of-bounds read in sampled_oob_path" \
		sampled_oob_path kfence_oob
	# before 6.6 KFENCE prints "allocated by task 69 on cpu 0 at 30.820801s:"
	expect_field "$r" '[.stacks[].kind] | join(" ")' "main alloc"
	# the access stack's first frame is the faulting pc, not a return address
	expect_field "$r" '.frames[.guilty].role' ip
	# 6.1 says "use-after-free"; "slab-use-after-free" came with 6.4
	ctx="$log: kasan_uaf" r=$(case_report "$json" "$log" kasan_uaf)
	expect_guilty "$r" kasan kasan "KASAN: use-after-free Read in uaf_read_path" \
		uaf_read_path kasan_uaf
	expect_field "$r" '[.stacks[].kind] | join(" ")' "main alloc free"
	ctx="$log: kasan_oob" r=$(case_report "$json" "$log" kasan_oob)
	expect_guilty "$r" kasan kasan "KASAN: slab-out-of-bounds Write in oob_write_path" \
		oob_write_path kasan_oob
}

# check_debug_irq DIR - lockdep's inconsistent lock state, reported in the timer's softirq
check_debug_irq()
{
	local log=$1/console.log json=$1/decoded.json r

	decode "$1"
	# the sysrq-c panic a second after the lockdep report is a report of its own
	ctx=$log
	expect_field "$(cat "$json")" '[.reports[].kind] | join(" ")' "warning panic"
	ctx="$log: irqlock" r=$(case_report "$json" "$log" irqlock)
	expect_guilty "$r" warning lockdep "inconsistent lock state in irqlock_timer_fn" \
		irqlock_timer_fn irqlock
	expect_field "$r" '[.frames[.guilty].context, .frames[.guilty].reliable] | join(" ")' \
		"irq true"
	# KASLR: every frame of the panic gets its run-time address from "Kernel Offset:"
	ctx="$log: sysrq" r=$(case_report "$json" "$log" sysrq)
	expect_field "$r" '[.frames[] | select(.address == null)] | length' 0
}

main()
{
	[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $kd_prog KDECODE [OUT_DIR]"
	KDECODE=$(readlink -f "$1")
	local out=${2:-${TMPDIR:-/tmp}/kdecode-debug-kernel-test} v ctx=
	[ -x "$KDECODE" ] || die "$KDECODE is not an executable"
	need_pkgs jq

	if [ "${KDECODE_KERNEL_REUSE:-0}" = 1 ]; then
		for v in release vmlinux-path module/oopsmod.ko debug/console.log \
			debug-irq/console.log; do
			[ -s "$out/$v" ] ||
				die "KDECODE_KERNEL_REUSE=1: no $out/$v; run $kd_prog once without it"
		done
		note "reusing the logs of $out"
	else
		"$here/run-debug.sh" "$out" "$CACHE"
	fi
	vmlinux=$(cat "$out/vmlinux-path")
	module=$out/module
	[ -f "$vmlinux" ] || die "$vmlinux missing"

	check_debug "$out/debug"
	check_debug_irq "$out/debug-irq"
	echo "$kd_prog: $checks checks passed on $(cat "$out/release")"
}

main "$@"
