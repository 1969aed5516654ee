#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the gzip'ed initramfs that loads oopsmod, dumps its state and provokes every report.
#
# Usage: mkinitramfs.sh OUT_CPIO_GZ MODULE_KO [EXTRA_FILE...]
#
# The image holds a static busybox, /init (see init.sh beside this script),
# the module as /oopsmod.ko and each EXTRA_FILE as /extra/BASENAME.  Dynamic
# ELF extras bring along the libraries ldd lists and the dynamic loader, at
# their host paths.  No root needed: cpio records every file as 0:0.
# KDECODE_BUSYBOX names another static busybox, e.g. another architecture's
# (tests/kernel/xarch/); its applets are the host's busybox-static's, the same
# Debian version.

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

# add_busybox ROOT - static busybox plus one symlink per applet in /bin
add_busybox()
{
	local root=$1 applet bb=${KDECODE_BUSYBOX:-/bin/busybox}

	[ -x /bin/busybox ] || die "/bin/busybox missing (busybox-static)"
	[ -f "$bb" ] || die "$bb missing"
	mkdir -p "$root/bin"
	cp "$bb" "$root/bin/busybox"
	chmod 0755 "$root/bin/busybox"
	for applet in $(/bin/busybox --list); do
		[ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
	done
}

# is_elf FILE
is_elf()
{
	[ "$(head -c 4 "$1" | od -An -tx1 | tr -d ' \n')" = 7f454c46 ]
}

# add_libs ROOT FILE - copy the shared objects a dynamic ELF FILE needs
add_libs()
{
	local root=$1 file=$2 lib out

	# ldd fails on static executables; they need nothing.
	out=$(ldd "$file" 2>/dev/null) || return 0
	for lib in $(echo "$out" | grep -o '/[^ ]*'); do
		[ -e "$lib" ] || die "$file needs $lib, which does not exist"
		mkdir -p "$root$(dirname "$lib")"
		cp -L "$lib" "$root$lib"
	done
}

# add_extras ROOT FILE... - copy extra files to /extra, with their libraries
add_extras()
{
	local root=$1 f
	shift

	mkdir -p "$root/extra"
	for f; do
		[ -f "$f" ] || die "extra file $f does not exist"
		cp -L "$f" "$root/extra/"
		if [ -x "$f" ] && is_elf "$f"; then
			add_libs "$root" "$f"
		fi
	done
}

# pack ROOT OUT - write ROOT as a gzip'ed newc cpio, everything owned by root
pack()
{
	(cd "$1" && find . | LC_ALL=C sort |
		cpio -o -H newc --owner=0:0 --quiet) | gzip -9 >"$2.tmp" ||
		die "cannot write $2"
	mv "$2.tmp" "$2"
}

main()
{
	local out ko

	[ $# -ge 2 ] || die "usage: $kd_prog OUT_CPIO_GZ MODULE_KO [EXTRA_FILE...]"
	out=$1
	ko=$2
	shift 2
	[ -f "$ko" ] || die "module $ko does not exist"
	need_pkgs busybox-static cpio

	# Global, so the EXIT trap still sees it after main returns.
	root=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-initramfs.XXXXXX")
	trap 'rm -rf "$root"' EXIT
	chmod 0755 "$root"
	mkdir -p "$root"/{dev,proc,sys,tmp}
	add_busybox "$root"
	install -m 0755 "$here/init.sh" "$root/init"
	cp "$ko" "$root/oopsmod.ko"
	add_extras "$root" "$@"
	pack "$root" "$out"
}

main "$@"
