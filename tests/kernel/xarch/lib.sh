# SPDX-License-Identifier: GPL-2.0-or-later
# shellcheck shell=bash
# What the cross-architecture harness knows about each architecture (one table), and its helpers;
# sourced, never run.

. "$(dirname "${BASH_SOURCE[0]}")/../lib.sh"

# One row per architecture, '|' between the fields:
#   name      Debian architecture (dpkg, apt's ARCH qualifier, the cache's ARCH-X names)
#   flavour   the kernel flavour: linux-image-FLAVOUR is the meta package, X ends in it
#   triplet   the GNU type of Debian's cross compiler (gcc-TRIPLET); DEB_HOST_GNU_TYPE
#   qemu      the qemu binary, then its package
#   machine   the qemu options that pick the machine and CPU
#   console   the kernel's console device, the one -serial feeds
#   kernel    the file of linux-image-X that qemu boots
XARCH_TABLE='
arm64   | arm64       | aarch64-linux-gnu     | qemu-system-aarch64 qemu-system-arm | -M virt -cpu max,pauth-impdef=on | ttyAMA0  | vmlinuz
armhf   | armmp       | arm-linux-gnueabihf   | qemu-system-arm qemu-system-arm     | -M virt,highmem=off -cpu cortex-a15 | ttyAMA0 | vmlinuz
ppc64el | powerpc64le | powerpc64le-linux-gnu | qemu-system-ppc64 qemu-system-ppc   | -M pseries,cap-cfpc=broken,cap-sbbc=broken,cap-ibs=broken,cap-ccf-assist=off | hvc0 | vmlinux
s390x   | s390x       | s390x-linux-gnu       | qemu-system-s390x qemu-system-misc  | -M s390-ccw-virtio -cpu max       | ttysclp0 | vmlinuz
i386    | 686         | i686-linux-gnu        | qemu-system-i386 qemu-system-x86    | -cpu max                          | ttyS0    | vmlinuz
'

# every architecture of the table, in its order
XARCH_ALL=$(awk -F'|' 'NF > 1 { gsub(/ /, "", $1); print $1 }' <<<"$XARCH_TABLE" | tr '\n' ' ')
XARCH_ALL=${XARCH_ALL% }

# xarch_field ARCH FIELD - one field of ARCH's row (FIELD: flavour triplet qemu qemu_pkg
# machine console kernel)
xarch_field()
{
	local row
	row=$(awk -F'|' -v a="$1" '{ n = $1; gsub(/ /, "", n) } n == a' <<<"$XARCH_TABLE")
	[ -n "$row" ] || die "unknown architecture $1 (known: $XARCH_ALL)"
	awk -F'|' -v f="$2" '
		function trim(s) { gsub(/^ +| +$/, "", s); return s }
		{ split(trim($4), q, / +/) }
		f == "flavour" { print trim($2) } f == "triplet" { print trim($3) }
		f == "qemu" { print q[1] } f == "qemu_pkg" { print q[2] }
		f == "machine" { print trim($5) } f == "console" { print trim($6) }
		f == "kernel" { print trim($7) }' <<<"$row"
}

# apt_arch ARCH - apt's options to see amd64 and ARCH, without dpkg --add-architecture:
# a foreign architecture whose index fails (the security mirror in the middle of a sync,
# seen for i386, armhf and ppc64el) would make every later plain apt-get update, such as
# tests/kernel/lib.sh's, exit non-zero
apt_arch()
{
	echo "-o APT::Architectures::=amd64 -o APT::Architectures::=$1"
}

# apt_update_arch ARCH - refresh the lists of amd64 and ARCH. An index that fails makes
# apt-get update exit non-zero while the rest is used; a successful one drops the lists
# of the architectures it was not told about, so each architecture refreshes its own
# right before it reads them.
apt_update_arch()
{
	note "apt-get update (amd64, $1)"
	# shellcheck disable=SC2046 # options, split on purpose
	apt-get update -qq $(apt_arch "$1") >&2 ||
		note "apt-get update exited with $?: some index failed; using what it fetched"
}

# xarch_dir CACHE ARCH X - the cache directory of one architecture's kernel
xarch_dir()
{
	echo "$1/$2-$3"
}
