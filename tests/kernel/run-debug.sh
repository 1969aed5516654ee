#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Produce real sanitizer reports: build (or reuse) the debug kernel, build oopsmod for it, boot it.
#
# Usage: run-debug.sh OUT_DIR [CACHE_DIR]
#
# CACHE_DIR defaults to $KDECODE_KERNEL_CACHE or /var/cache/kdecode-kernel; the
# debug kernel is built there by build-debug-kernel.sh.  Each variant boots the
# kernel once with the harness's initramfs (mkinitramfs.sh, init.sh), picking its
# cases with kdecode.cases=: lockdep reports once per boot and a KASAN report's
# taint turns it off too, so each lockdep case has a boot of its own, before any
# KASAN case.  The variants boot in parallel.
#
# Leaves in OUT_DIR:
#   release                 the debug kernel's release
#   vmlinux-path            absolute path of its vmlinux
#   module/oopsmod.ko       the module, built against the debug kernel's tree
#   debug/console.log       lockdep's circular dependency, then UBSAN, KFENCE, KASAN
#   debug-irq/console.log   lockdep's inconsistent lock state

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

VARIANTS="debug debug-irq"

# variant_cases NAME - the cases one boot provokes, in order
variant_cases()
{
	case $1 in
	debug) echo "deadlock,ubsan_index,ubsan_shift,kfence_oob,kasan_uaf,kasan_oob" ;;
	debug-irq) echo "irqlock" ;;
	*) die "unknown debug variant $1" ;;
	esac
}

main()
{
	local out cache dir v pid pids=() failed=0 start=$SECONDS

	if [ $# -lt 1 ] || [ $# -gt 2 ]; then
		die "usage: $kd_prog OUT_DIR [CACHE_DIR]"
	fi
	mkdir -p "$1" || die "cannot create $1"
	out=$(readlink -f "$1")
	cache=${2:-${KDECODE_KERNEL_CACHE:-/var/cache/kdecode-kernel}}

	dir=$("$here/build-debug-kernel.sh" "$cache")
	cp "$dir/release" "$out/release"
	readlink -f "$dir/vmlinux" >"$out/vmlinux-path"
	"$here/build-module.sh" "$here/oopsmod" "$out/module" "$dir/build"
	for v in $VARIANTS; do
		mkdir -p "$out/$v"
		"$here/mkinitramfs.sh" "$out/$v/initrd.gz" "$out/module/oopsmod.ko"
	done
	# kasan_multi_shot: KASAN reports more than its first bug; a short KFENCE sampling
	# interval lets the kfence_oob case find a sampled object soon; 2 CPUs, as SMP has
	for v in $VARIANTS; do
		"$here/boot.sh" "$dir/bzImage" "$cache" "$out/$v/initrd.gz" "$out/$v/console.log" \
			"kdecode.cases=$(variant_cases "$v") kasan_multi_shot kfence.sample_interval=10" \
			2 &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || failed=1
	done
	[ $failed -eq 0 ] || die "booting the debug kernel failed"
	# every case ran, and init got to its final sysrq-c
	for v in $VARIANTS; do
		grep -q 'Kernel panic - not syncing: sysrq triggered crash' "$out/$v/console.log" ||
			die "$out/$v/console.log: no sysrq panic"
	done
	note "logs of $(cat "$out/release") in $out/{${VARIANTS// /,}}/console.log" \
		"($((SECONDS - start))s)"
}

main "$@"
