#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetch one architecture's newest Debian kernel, the vmlinux of its -dbg package, its headers
# and a static busybox into a cache; print its release.
#
# Usage: fetch.sh ARCH CACHE_DIR
#
# ARCH is a name of the table in lib.sh.  Leaves in CACHE_DIR/ARCH-X:
#   boot/vmlinu[xz]-X          the kernel qemu boots (from linux-image-X)
#   dbg/usr/lib/debug/boot/vmlinux-X   the debug vmlinux, the only file kept of the -dbg
#   hdr/usr/src/linux-headers-X{,-common}  the headers, their Makefile pointed at hdr/,
#                              beside hdr/usr/lib/linux-kbuild-6.1 (the host's kbuild)
#   busybox                    busybox-static of ARCH
#   version                    the Debian version of linux-image-X
#   downloads                  "PACKAGE BYTES" per .deb fetched (they are deleted)
#   .complete                  stamp: all of the above is there
# and prints X as the only line on stdout.  Without network when the stamp is there.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

# resolve_release ARCH FLAVOUR - the X that linux-image-FLAVOUR:ARCH depends on now
resolve_release()
{
	# apt-cache fails on a package its lists lack: an answer too (none)
	# shellcheck disable=SC2046
	{ apt-cache depends $(apt_arch "$1") "linux-image-$2:$1" 2>/dev/null || true; } |
		awk -v f="$2" '!x && sub(/^ *Depends: <?linux-image-/, "") && sub(/(:[a-z0-9]+)?>?$/, "") &&
		     $0 ~ "-" f "$" { x = $0 } END { if (x) print x }'
}

# download DIR PKG - fetch PKG's .deb into DIR/tmp, log its size; print its path ($arch's
# lists)
download()
{
	local dir=$1 pkg=$2 deb

	mkdir -p "$dir/tmp"
	rm -f "$dir/tmp/${pkg%%:*}_"*.deb
	note "downloading $pkg"
	# shellcheck disable=SC2046
	(cd "$dir/tmp" && apt-get download -q $(apt_arch "$arch") "$pkg" 2>&1 |
		grep -v '^W: Download is performed unsandboxed') >&2 || true
	for deb in "$dir/tmp/${pkg%%:*}_"*.deb; do
		[ -f "$deb" ] || return 1
		echo "${pkg%%:*} $(stat -c %s "$deb")" >>"$dir/downloads"
		echo "$deb"
		return 0
	done
}

# unpack DEB DEST [MEMBER...] - extract MEMBER... (all when none) of DEB's data into DEST
unpack()
{
	local deb=$1 dest=$2
	shift 2
	mkdir -p "$dest"
	note "unpacking ${deb##*/} ${*:-(all)}"
	dpkg-deb --fsys-tarfile "$deb" | tar -x -C "$dest" --wildcards "$@"
}

# fetch_image DIR ARCH X - the bootable kernel, and the Debian version
fetch_image()
{
	local dir=$1 deb file
	file=$(xarch_field "$2" kernel)
	[ -f "$dir/boot/$file-$3" ] && [ -s "$dir/version" ] && return 0
	deb=$(download "$dir" "linux-image-$3:$2") || return 1
	dpkg-deb -f "$deb" Version >"$dir/version"
	unpack "$deb" "$dir" "./boot/$file-$3" || return 1
	rm -f "$deb"
}

# fetch_dbg DIR ARCH X - only the vmlinux of the -dbg package (arm64's unpacks to 5 GB)
fetch_dbg()
{
	local dir=$1 deb
	[ -f "$dir/dbg/usr/lib/debug/boot/vmlinux-$3" ] && return 0
	deb=$(download "$dir" "linux-image-$3-dbg:$2") || return 1
	rm -rf "$dir/dbg.tmp"
	unpack "$deb" "$dir/dbg.tmp" "./usr/lib/debug/boot/vmlinux-$3" || return 1
	rm -rf "$dir/dbg"
	mv "$dir/dbg.tmp" "$dir/dbg"
	rm -f "$deb"
}

# fetch_headers DIR ARCH X - the headers and their -common, made to build from DIR/hdr
fetch_headers()
{
	local dir=$1 arch=$2 x=$3 deb common hdr=$1/hdr
	[ -f "$hdr/usr/src/linux-headers-$x/Makefile" ] && return 0
	rm -rf "$hdr"
	deb=$(download "$dir" "linux-headers-$x:$arch") || return 1
	unpack "$deb" "$hdr" './usr/src/*' || return 1
	common=$(dpkg-deb -f "$deb" Depends | grep -o 'linux-headers-[^ ,]*-common' | sed -n 1p)
	rm -f "$deb"
	[ -n "$common" ] || { note "linux-headers-$x names no -common package"; return 1; }
	deb=$(download "$dir" "$common") || return 1
	unpack "$deb" "$hdr" './usr/src/*' || return 1
	rm -f "$deb"
	# their scripts and tools links are relative (../../lib/linux-kbuild-6.1), the include
	# of the -common Makefile absolute: both must land in hdr/, not in /usr
	mkdir -p "$hdr/usr/lib"
	ln -sfn /usr/lib/linux-kbuild-6.1 "$hdr/usr/lib/linux-kbuild-6.1"
	sed -i "s|^include /usr/src/|include $hdr/usr/src/|" "$hdr/usr/src/linux-headers-$x/Makefile"
}

# fetch_busybox DIR ARCH
fetch_busybox()
{
	local dir=$1 deb
	[ -x "$dir/busybox" ] && return 0
	deb=$(download "$dir" "busybox-static:$2") || return 1
	rm -rf "$dir/bb"
	unpack "$deb" "$dir/bb" ./bin/busybox || return 1
	mv "$dir/bb/bin/busybox" "$dir/busybox"
	rm -rf "$dir/bb" "$deb"
}

# fetch_all DIR ARCH X
fetch_all()
{
	mkdir -p "$1"
	fetch_image "$@" && fetch_busybox "$@" && fetch_headers "$@" && fetch_dbg "$@" || return 1
	rm -rf "$1/tmp"
	touch "$1/.complete"
}

# newest_cached CACHE ARCH - the newest release of ARCH the cache holds complete
newest_cached()
{
	local d
	for d in "$1/$2"-*/.complete; do
		[ -e "$d" ] && d=${d%/.complete} && echo "${d##*/"$2"-}"
	done | sort -V | tail -n 1
}

main()
{
	local cache flavour x dir

	[ $# -eq 2 ] || die "usage: $kd_prog ARCH CACHE_DIR"
	arch=$1
	flavour=$(xarch_field "$arch" flavour)
	mkdir -p "$2" || die "cannot create cache directory $2"
	cache=$(readlink -f "$2")

	# the lists of the last run may be another architecture's, or stale: refresh them
	# (KDECODE_XARCH_OFFLINE=1: the newest release the cache holds, no network)
	x=
	if [ "${KDECODE_XARCH_OFFLINE:-0}" != 1 ]; then
		apt_update_arch "$arch"
		x=$(resolve_release "$arch" "$flavour")
	fi
	if [ -z "$x" ]; then
		x=$(newest_cached "$cache" "$arch")
		[ -n "$x" ] && note "$arch: apt names no release; using the cached $x"
	fi
	[ -n "$x" ] || die "cannot resolve the kernel release of linux-image-$flavour:$arch"
	dir=$(xarch_dir "$cache" "$arch" "$x")
	if [ ! -e "$dir/.complete" ]; then
		fetch_all "$dir" "$arch" "$x" || die "cannot fetch the $arch kernel $x into $dir"
	fi
	need_pkgs linux-kbuild-6.1
	echo "$x"
}

main "$@"
