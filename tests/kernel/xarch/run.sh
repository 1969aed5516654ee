#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Produce real console logs of other architectures' Debian kernels: fetch, cross-build oopsmod,
# build an initramfs of that architecture, boot under qemu TCG.
#
# Usage: run.sh OUT_DIR [CACHE_DIR] [ARCH...]
#
# ARCH... defaults to $KDECODE_XARCH (space-separated) or every architecture of lib.sh's
# table.  CACHE_DIR defaults to $KDECODE_KERNEL_CACHE or /var/cache/kdecode-kernel.
# Fetches one architecture after another (apt's lock, and its lists: see apt_update_arch),
# then boots at most $KDECODE_XARCH_JOBS (2) guests at once.  Leaves per ARCH in OUT_DIR/ARCH:
#   release, version     the kernel release X and its Debian version
#   vmlinux-path         absolute path of the debug vmlinux
#   oopsmod.ko           the module, cross-built with the kernel's own flags
#   console.log          the console log of the boot: every case of init.sh, then sysrq-c
#   panic.log            the same of a boot with no case: sysrq-c's panic of a clean kernel
#                        prints its stack (after an oops, panic() skips it)
#   seconds              "fetch build boot boot" seconds it took (boots in parallel)

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

# prepare OUT CACHE ARCH - fetch the kernel, build the module and the initramfs
prepare()
{
	local out=$1/$3 cache=$2 arch=$3 x dir start=$SECONDS t_fetch triplet

	mkdir -p "$out"
	x=$("$here/fetch.sh" "$arch" "$cache")
	dir=$(xarch_dir "$cache" "$arch" "$x")
	t_fetch=$((SECONDS - start))
	echo "$x" >"$out/release"
	cp "$dir/version" "$out/version"
	readlink -f "$dir/dbg/usr/lib/debug/boot/vmlinux-$x" >"$out/vmlinux-path"
	echo "$dir/boot/$(xarch_field "$arch" kernel)-$x" >"$out/kernel-path"

	start=$SECONDS
	triplet=$(xarch_field "$arch" triplet)
	need_pkgs "gcc-$triplet"
	KDECODE_KBUILD_ARGS="DEB_BUILD_ARCH=amd64 DEB_HOST_ARCH=$arch DEB_HOST_GNU_TYPE=$triplet" \
		"$here/../build-module.sh" "$here/../oopsmod" "$out/build" \
		"$dir/hdr/usr/src/linux-headers-$x"
	cp "$out/build/oopsmod.ko" "$out/oopsmod.ko"
	KDECODE_BUSYBOX=$dir/busybox "$here/../mkinitramfs.sh" "$out/initrd.gz" "$out/oopsmod.ko"
	echo "$t_fetch $((SECONDS - start))" >"$out/seconds"
}

# boot OUT ARCH LOG [KERNEL_ARGS] - boot one prepared architecture, and time it
boot()
{
	local out=$1/$2 start=$SECONDS

	"$here/boot.sh" "$2" "$(cat "$out/kernel-path")" "$out/initrd.gz" "$out/$3" "${4:-}" ||
		return 1
	echo "$((SECONDS - start))" >"$out/$3.seconds"
	note "$2: booted $(cat "$out/release") for $3 in $((SECONDS - start)) s"
}

main()
{
	local out cache arch arches log args failed=0 jobs=${KDECODE_XARCH_JOBS:-2}

	[ $# -ge 1 ] || die "usage: $kd_prog OUT_DIR [CACHE_DIR] [ARCH...]"
	mkdir -p "$1" || die "cannot create $1"
	out=$(readlink -f "$1")
	cache=${2:-${KDECODE_KERNEL_CACHE:-/var/cache/kdecode-kernel}}
	shift $(($# >= 2 ? 2 : 1))
	arches=${*:-${KDECODE_XARCH:-$XARCH_ALL}}
	mkdir -p "$cache" || die "cannot create cache directory $cache"
	cache=$(readlink -f "$cache")

	for arch in $arches; do
		rm -f "$out/$arch/"{console,panic}.log{,.status,.seconds}
		prepare "$out" "$cache" "$arch"
	done
	# here, not in the parallel boots: apt-get runs would fight over the dpkg lock
	for arch in $arches; do
		need_pkgs "$(xarch_field "$arch" qemu_pkg)"
	done
	# each boot leaves its status in a file: wait -n reports the end of any one job
	for log in console.log panic.log; do
		for arch in $arches; do
			while [ "$(jobs -pr | wc -l)" -ge "$jobs" ]; do
				wait -n || true
			done
			args=
			[ $log = panic.log ] && args=kdecode.cases=none
			{ boot "$out" "$arch" $log $args; echo $? >"$out/$arch/$log.status"; } &
		done
	done
	wait
	for arch in $arches; do
		for log in console.log panic.log; do
			[ "$(cat "$out/$arch/$log.status" 2>/dev/null)" = 0 ] || failed=1
		done
		echo "$(cat "$out/$arch/seconds") $(cat "$out/$arch/console.log.seconds")" \
			"$(cat "$out/$arch/panic.log.seconds")" >"$out/$arch/seconds"
	done
	[ $failed -eq 0 ] || die "booting failed"
}

main "$@"
