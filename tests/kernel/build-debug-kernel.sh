#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the small debug kernel (KASAN, KFENCE, UBSAN, lockdep) from Debian's linux-source, cached.
#
# Usage: build-debug-kernel.sh [CACHE_DIR]
#
# CACHE_DIR defaults to $KDECODE_KERNEL_CACHE or /var/cache/kdecode-kernel.
# Unpacks the newest linux-source-6.1 .deb found there (downloads the current
# one when there is none), configures allnoconfig plus debug.config (beside
# this script) and builds it with $KDECODE_KERNEL_JOBS (default 2) jobs in
#   CACHE_DIR/debug-SOURCE_VERSION-CONFIG_HASH/
# which then holds bzImage, vmlinux (full DWARF 5), release (the kernel
# release) and build/, the configured and built tree that external modules
# build against (make -C DIR/build M=...).  Prints that directory.  A finished
# build is reused as it is; an unfinished one (no "done" file) is started over.
# A new build removes the others (2 GB each: an older source or fragment).

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

FRAGMENT=$here/debug.config
SERIES=6.1

# source_deb CACHE - the newest linux-source-SERIES .deb of CACHE, downloaded if none
source_deb()
{
	local cache=$1 deb best=

	for deb in "$cache"/linux-source-"$SERIES"_*_all.deb; do
		[ -f "$deb" ] || continue
		if [ -z "$best" ] || dpkg --compare-versions "$(deb_version "$deb")" gt \
			"$(deb_version "$best")"; then
			best=$deb
		fi
	done
	if [ -z "$best" ]; then
		note "downloading linux-source-$SERIES"
		(cd "$cache" && apt-get download -q "linux-source-$SERIES" >&2) ||
			die "cannot download linux-source-$SERIES"
		for best in "$cache"/linux-source-"$SERIES"_*_all.deb; do
			[ -f "$best" ] || die "apt-get download left no linux-source-$SERIES .deb"
		done
	fi
	echo "$best"
}

deb_version()
{
	dpkg-deb -f "$1" Version
}

# unpack DEB DIR - the kernel tree of a linux-source .deb into DIR
unpack()
{
	mkdir -p "$2"
	dpkg-deb --fsys-tarfile "$1" | tar -xO "./usr/src/linux-source-$SERIES.tar.xz" |
		tar -xJ -C "$2" --strip-components=1 || die "cannot unpack $1"
}

# configure TREE - allnoconfig plus the fragment; every value the fragment asks for
# must have made it (a dependency it lacks would silently drop one)
configure()
{
	local tree=$1 line sym

	(cd "$tree" && ARCH=x86_64 scripts/kconfig/merge_config.sh -n /dev/null "$FRAGMENT") \
		>"$tree/../config.log" 2>&1 || {
		tail -n 20 "$tree/../config.log" >&2
		die "configuring the debug kernel failed"
	}
	while read -r line; do
		case $line in
		CONFIG_*=*)
			sym=${line%%=*}
			grep -qxF "$line" "$tree/.config" && continue
			;;
		"# CONFIG_"*" is not set")
			sym=${line#\# }
			sym=${sym%% *}
			grep -q "^$sym=" "$tree/.config" || continue
			;;
		*) continue ;;
		esac
		die "debug.config asks for '$line', the kernel's .config has" \
			"'$(grep "^$sym=\|^# $sym " "$tree/.config" || echo nothing)'"
	done <"$FRAGMENT"
}

# build TREE JOBS - vmlinux, bzImage and Module.symvers; the log tail on failure
build()
{
	local tree=$1 jobs=$2

	if ! make -C "$tree" ARCH=x86_64 -j"$jobs" >"$tree/../build.log" 2>&1; then
		tail -n 40 "$tree/../build.log" >&2
		die "building the debug kernel failed (full log: $tree/../build.log)"
	fi
	for f in vmlinux arch/x86/boot/bzImage Module.symvers; do
		[ -f "$tree/$f" ] || die "the build left no $tree/$f"
	done
}

main()
{
	local cache deb version hash dir old start=$SECONDS

	[ $# -le 1 ] || die "usage: $kd_prog [CACHE_DIR]"
	cache=${1:-${KDECODE_KERNEL_CACHE:-/var/cache/kdecode-kernel}}
	mkdir -p "$cache" || die "cannot create $cache"
	cache=$(readlink -f "$cache")
	[ -f "$FRAGMENT" ] || die "$FRAGMENT missing"

	need_pkgs xz-utils
	deb=$(source_deb "$cache")
	version=$(deb_version "$deb")
	hash=$(sha256sum "$FRAGMENT" | cut -c 1-12)
	dir=$cache/debug-$version-$hash
	if [ -f "$dir/done" ]; then
		echo "$dir"
		return 0
	fi

	need_pkgs make gcc bc bison flex libelf-dev libssl-dev
	note "building the debug kernel from linux-source-$SERIES $version in $dir"
	rm -rf "$dir"
	unpack "$deb" "$dir/build"
	configure "$dir/build"
	build "$dir/build" "${KDECODE_KERNEL_JOBS:-2}"
	ln -s build/vmlinux "$dir/vmlinux"
	ln -s build/arch/x86/boot/bzImage "$dir/bzImage"
	make -s -C "$dir/build" ARCH=x86_64 kernelrelease >"$dir/release"
	touch "$dir/done"
	for old in "$cache"/debug-*; do
		[ "$old" = "$dir" ] || [ ! -d "$old" ] || { note "removing $old"; rm -rf "$old"; }
	done
	note "debug kernel $(cat "$dir/release") built in $((SECONDS - start))s"
	echo "$dir"
}

main "$@"
