#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Produce real oops console logs: fetch the kernel, build oopsmod two ways, boot each under qemu.
#
# Usage: run.sh OUT_DIR [CACHE_DIR]
#
# CACHE_DIR defaults to $KDECODE_KERNEL_CACHE or /var/cache/kdecode-kernel.
# $KDECODE_INITRD_EXTRA (space-separated paths) adds files to /extra in
# the initramfs; /extra/hook.sh, if given, runs after the state dump.
#
# Leaves in OUT_DIR:
#   release              the kernel release X
#   vmlinux-path         absolute path of the debug vmlinux
#   modules-dir          absolute path of the debug modules directory
#   plain/oopsmod.ko     module built with the kernel's own flags
#   plain/console.log    console log of booting with it
#   fs/oopsmod.ko        module built with -ffunction-sections
#   fs/console.log       console log of booting with it
#   panic/, stall/       the same for a sysrq panic of a clean kernel, and for the
#                        stalls, slab corruption and stack-protector panic

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

VARIANTS="plain fs panic stall"

# variant_flags NAME - extra compiler flags of a build variant
variant_flags()
{
	case $1 in
	plain | panic | stall) echo "" ;;
	fs) echo "-ffunction-sections" ;;
	*) die "unknown build variant $1" ;;
	esac
}

# variant_args NAME - extra kernel command line of a build variant
variant_args()
{
	case $1 in
	panic) echo "kdecode.cases=none" ;;
	# the stalls' thresholds at their minimum (soft lockups' is set by init.sh), and
	# SLUB's checks on the one cache the slab case corrupts
	stall) echo "kdecode.cases=softlockup,rcustall,slab,stackprot" \
		"rcupdate.rcu_cpu_stall_timeout=3 slub_debug=FZPU,kmalloc-32" ;;
	*) echo "" ;;
	esac
}

# variant_cpus NAME - the CPUs of a build variant's VM: an RCU stall needs a second CPU
# to start the grace period the first one holds up
variant_cpus()
{
	case $1 in
	stall) echo 2 ;;
	*) echo 1 ;;
	esac
}

# variant_check NAME - check-log.sh options of a build variant
variant_check()
{
	case $1 in
	fs) echo "--function-sections" ;;
	panic) echo "--panic-only" ;;
	stall) echo "--cases=softlockup,rcustall,slab,stackprot" ;;
	*) echo "" ;;
	esac
}

# write_paths OUT CACHE X - record where the kernel and its debug info live
write_paths()
{
	local out=$1 dbg=$2/$3/dbg/usr/lib/debug x=$3

	[ -f "$dbg/boot/vmlinux-$x" ] || die "$dbg/boot/vmlinux-$x missing"
	[ -d "$dbg/lib/modules/$x" ] || die "$dbg/lib/modules/$x missing"
	echo "$x" >"$out/release"
	readlink -f "$dbg/boot/vmlinux-$x" >"$out/vmlinux-path"
	readlink -f "$dbg/lib/modules/$x" >"$out/modules-dir"
}

# prepare OUT X NAME - build the module and initramfs of one variant
prepare()
{
	local dir=$1/$3 x=$2 extra

	read -r -a extra <<<"${KDECODE_INITRD_EXTRA:-}"
	"$here/build-module.sh" "$here/oopsmod" "$dir" "$x" "$(variant_flags "$3")"
	"$here/mkinitramfs.sh" "$dir/initrd.gz" "$dir/oopsmod.ko" ${extra[@]+"${extra[@]}"}
}

# boot_all OUT CACHE X - boot every variant in parallel, then check the logs
boot_all()
{
	local out=$1 cache=$2 x=$3 v pid pids=() failed=0

	# Install here: parallel apt-get runs would fight over the dpkg lock.
	need_pkgs qemu-system-x86
	for v in $VARIANTS; do
		"$here/boot.sh" "$x" "$cache" "$out/$v/initrd.gz" "$out/$v/console.log" \
			"$(variant_args "$v")" "$(variant_cpus "$v")" &
		pids+=($!)
	done
	for pid in "${pids[@]}"; do
		wait "$pid" || failed=1
	done
	[ $failed -eq 0 ] || die "booting failed"

	for v in $VARIANTS; do
		# shellcheck disable=SC2046 # an empty option must vanish
		"$here/check-log.sh" "$out/$v/console.log" $(variant_check "$v")
	done
}

main()
{
	local out cache x v start=$SECONDS

	if [ $# -lt 1 ] || [ $# -gt 2 ]; then
		die "usage: $kd_prog OUT_DIR [CACHE_DIR]"
	fi
	mkdir -p "$1" || die "cannot create $1"
	out=$(readlink -f "$1")
	cache=${2:-${KDECODE_KERNEL_CACHE:-/var/cache/kdecode-kernel}}
	mkdir -p "$cache" || die "cannot create cache directory $cache"
	cache=$(readlink -f "$cache")

	x=$("$here/fetch-kernel.sh" "$cache")
	write_paths "$out" "$cache" "$x"
	for v in $VARIANTS; do
		prepare "$out" "$x" "$v"
	done
	boot_all "$out" "$cache" "$x"
	note "logs of $x in $out/{${VARIANTS// /,}}/console.log ($((SECONDS - start))s)"
}

main "$@"
