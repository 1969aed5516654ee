#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Build the oopsmod test module out of tree against linux-headers-X, in a copy of its source.
#
# Usage: build-module.sh SRC_DIR OUT_DIR X [EXTRA_CFLAGS]
#
# X is a Debian kernel release whose linux-headers-X is installed, or the path of a
# configured and built kernel tree (build-debug-kernel.sh's build/).
# SRC_DIR is only read; the build happens in OUT_DIR and leaves
# OUT_DIR/oopsmod.ko.  EXTRA_CFLAGS (e.g. -ffunction-sections) reach the
# module's compile through KCFLAGS.  Quiet unless the build fails.
# KDECODE_KBUILD_ARGS (space-separated) adds make arguments: tests/kernel/xarch/
# cross-builds with them, X the path of another architecture's headers.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

# copy_source SRC OUT - fresh copy of the module source, no stale objects
copy_source()
{
	local src=$1 out=$2

	if [ ! -f "$src/oopsmod.c" ] || [ ! -f "$src/Kbuild" ]; then
		die "$src does not hold oopsmod.c and Kbuild"
	fi
	mkdir -p "$out" || die "cannot create $out"
	rm -rf "${out:?}"/{*.o,*.ko,*.mod,*.mod.c,.*.cmd,modules.order,Module.symvers}
	cp "$src/oopsmod.c" "$src/Kbuild" "$out/" || die "cannot copy $src to $out"
}

# run_make X OUT FLAGS - kbuild the module; show the log tail on failure
run_make()
{
	local x=$1 out=$2 flags=$3 kdir=/usr/src/linux-headers-$1 args

	[ "${x#/}" = "$x" ] || kdir=$x
	[ -f "$kdir/Makefile" ] || die "$kdir missing; run fetch-kernel.sh first"
	read -r -a args <<<"${KDECODE_KBUILD_ARGS:-}"
	if ! make -C "$kdir" M="$out" KCFLAGS="$flags" ${args[@]+"${args[@]}"} modules \
		>"$out/make.log" 2>&1; then
		tail -n 40 "$out/make.log" >&2
		die "building oopsmod for $x failed (full log: $out/make.log)"
	fi
	[ -f "$out/oopsmod.ko" ] || die "make succeeded but left no $out/oopsmod.ko"
}

# check_sections KO FLAGS - with -ffunction-sections, per-function sections must show
check_sections()
{
	local headers

	case " $2 " in
	*" -ffunction-sections "*)
		headers=$(eu-readelf -S "$1") || die "cannot read the sections of $1"
		grep -q '\.text\.trigger_write' <<<"$headers" ||
			die "$1 has no .text.trigger_write section despite -ffunction-sections"
		;;
	esac
}

main()
{
	local src out x flags

	if [ $# -lt 3 ] || [ $# -gt 4 ]; then
		die "usage: $kd_prog SRC_DIR OUT_DIR X [EXTRA_CFLAGS]"
	fi
	src=$(readlink -f "$1")
	mkdir -p "$2" || die "cannot create $2"
	out=$(readlink -f "$2")
	x=$3
	flags=${4:-}

	[ "$src" != "$out" ] || die "OUT_DIR must differ from SRC_DIR"
	need_pkgs make gcc elfutils
	copy_source "$src" "$out"
	run_make "$x" "$out" "$flags"
	check_sections "$out/oopsmod.ko" "$flags"
}

main "$@"
