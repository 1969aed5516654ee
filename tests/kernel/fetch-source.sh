#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Unpack a few files of the Debian kernel source matching a -dbg package, to check decoded lines.
#
# Usage: fetch-source.sh CACHE_DIR X FILE...
#
# Downloads linux-source-M.N at the version of linux-image-X-dbg into CACHE_DIR,
# unpacks FILE... (paths in the kernel tree) under CACHE_DIR/X/src and prints
# that directory.  Cached: a second run with the same files is instant.
# KDECODE_SOURCE_VERSION gives the Debian version instead of apt-cache (which may
# lack another architecture's lists): tests/kernel/xarch/ knows it from its cache.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

main()
{
	[ $# -ge 3 ] || die "usage: $kd_prog CACHE_DIR X FILE..."
	local cache=$1 x=$2 src=$1/$2/src version series deb f missing=()
	shift 2

	for f; do
		[ -f "$src/$f" ] || missing+=("$f")
	done
	if [ ${#missing[@]} -gt 0 ]; then
		need_pkgs xz-utils
		version=${KDECODE_SOURCE_VERSION:-$(apt-cache show "linux-image-$x-dbg" |
			sed -n 's/^Version: //p' | head -n 1)}
		[ -n "$version" ] || die "apt knows no linux-image-$x-dbg"
		series=${x%%-*}			# 6.1.0-56-cloud-amd64 -> 6.1.0
		series=${series%.*}		# -> 6.1
		deb=linux-source-${series}_${version}_all.deb
		if [ ! -f "$cache/$deb" ]; then
			note "downloading linux-source-$series $version"
			(cd "$cache" && apt-get download -q "linux-source-$series=$version" >&2) ||
				die "cannot download linux-source-$series=$version"
		fi
		mkdir -p "$src"
		dpkg-deb --fsys-tarfile "$cache/$deb" |
			tar -xO "./usr/src/linux-source-$series.tar.xz" |
			tar -xJ -C "$src" --strip-components=1 \
				"${missing[@]/#/linux-source-$series/}" ||
			die "cannot unpack ${missing[*]} from $deb"
	fi
	echo "$src"
}

main "$@"
