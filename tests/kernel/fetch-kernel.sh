#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Fetch and unpack the current Debian cloud kernel and its debug symbols into a cache; print its release.
#
# Usage: fetch-kernel.sh CACHE_DIR
#
# Leaves CACHE_DIR/X/img (linux-image-X), CACHE_DIR/X/dbg (linux-image-X-dbg)
# and the stamp CACHE_DIR/X/.complete, installs linux-headers-X, and prints X
# as the only line on stdout.  Cheap when everything is already there.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

# resolve_release - the X that linux-image-cloud-amd64 currently depends on
resolve_release()
{
	# Reads all input (no early exit), so pipefail cannot trip on SIGPIPE.
	apt-cache depends linux-image-cloud-amd64 2>/dev/null |
		awk '!x && sub(/^ *Depends: <?linux-image-/, "") && sub(/>?$/, "") &&
		     /-cloud-amd64$/ { x = $0 } END { if (x) print x }'
}

# key_files X DIR - the files whose presence shows DIR/img and DIR/dbg are usable
key_files()
{
	echo "$2/img/boot/vmlinuz-$1"
	echo "$2/dbg/usr/lib/debug/boot/vmlinux-$1"
}

# is_complete X DIR
is_complete()
{
	local f

	[ -e "$2/.complete" ] || return 1
	for f in $(key_files "$1" "$2"); do
		[ -e "$f" ] || return 1
	done
}

# migrate_legacy X CACHE - adopt CACHE/{img,dbg,*.deb} from the old flat layout
migrate_legacy()
{
	local x=$1 cache=$2 dir=$2/$1 deb

	mkdir -p "$dir"
	if [ -e "$cache/img/boot/vmlinuz-$x" ] && [ ! -e "$dir/img" ]; then
		mv "$cache/img" "$dir/img"
	fi
	if [ -e "$cache/dbg/usr/lib/debug/boot/vmlinux-$x" ] && [ ! -e "$dir/dbg" ]; then
		mv "$cache/dbg" "$dir/dbg"
	fi
	for deb in "$cache/linux-image-${x}_"*.deb "$cache/linux-image-$x-dbg_"*.deb; do
		[ -e "$deb" ] && mv "$deb" "$dir/"
	done
	return 0
}

# find_deb DIR PKG - path of a downloaded PKG .deb in DIR, if any
find_deb()
{
	local deb

	for deb in "$1/$2_"*.deb; do
		[ -e "$deb" ] && echo "$deb" && return 0
	done
	return 0
}

# fetch_one DIR PKG SUB - make sure DIR/SUB holds the unpacked PKG
fetch_one()
{
	local dir=$1 pkg=$2 sub=$3 deb

	deb=$(find_deb "$dir" "$pkg")
	# A finished extraction is renamed into place, so SUB alone means done.
	[ -z "$deb" ] && [ -d "$dir/$sub" ] && return 0

	if [ -z "$deb" ]; then
		note "downloading $pkg"
		(cd "$dir" && apt-get download -q "$pkg") >&2 || return 1
		deb=$(find_deb "$dir" "$pkg")
		[ -n "$deb" ] || return 1
	fi

	note "unpacking ${deb##*/}"
	rm -rf "$dir/$sub.tmp"
	if ! dpkg-deb -x "$deb" "$dir/$sub.tmp"; then
		rm -rf "$dir/$sub.tmp" "$deb"
		return 1
	fi
	rm -rf "${dir:?}/$sub"
	mv "$dir/$sub.tmp" "$dir/$sub"
	rm -f "$deb"
}

# fetch_release X DIR - download and unpack whatever DIR still lacks
fetch_release()
{
	local x=$1 dir=$2 f

	mkdir -p "$dir"
	fetch_one "$dir" "linux-image-$x" img || return 1
	fetch_one "$dir" "linux-image-$x-dbg" dbg || return 1
	for f in $(key_files "$x" "$dir"); do
		[ -e "$f" ] || { note "missing $f after unpacking"; return 1; }
	done
	touch "$dir/.complete"
}

main()
{
	local cache x

	[ $# -eq 1 ] || die "usage: $kd_prog CACHE_DIR"
	mkdir -p "$1" || die "cannot create cache directory $1"
	cache=$(readlink -f "$1")

	x=$(resolve_release)
	if [ -z "$x" ]; then
		apt_update_once
		x=$(resolve_release)
	fi
	[ -n "$x" ] || die "cannot resolve the kernel release of linux-image-cloud-amd64"

	if ! is_complete "$x" "$cache/$x"; then
		migrate_legacy "$x" "$cache"
		if ! fetch_release "$x" "$cache/$x"; then
			# Stale package lists name files the mirror no longer has.
			apt_update_once
			x=$(resolve_release)
			[ -n "$x" ] || die "cannot resolve the kernel release after apt-get update"
			fetch_release "$x" "$cache/$x" ||
				die "cannot fetch linux-image-$x and linux-image-$x-dbg into $cache/$x"
		fi
	fi

	need_pkgs "linux-headers-$x"
	[ -d "/usr/src/linux-headers-$x" ] || die "/usr/src/linux-headers-$x missing after install"
	echo "$x"
}

main "$@"
