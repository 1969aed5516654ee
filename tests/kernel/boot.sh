#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot kernel X from the cache under qemu (TCG) with an initramfs and save its serial console log.
#
# Usage: boot.sh X CACHE_DIR INITRD OUT_LOG [KERNEL_ARGS [CPUS]]
#
# X is a Debian kernel release in CACHE_DIR, or the absolute path of a kernel
# image (build-debug-kernel.sh's bzImage).
# The initramfs is expected to end by panicking the kernel (with sysrq-c, or
# with its last case); panic=-1 plus -no-reboot then make qemu exit.  OUT_LOG
# gets the console output with the serial line's CRLF turned into LF.  Fails
# when qemu times out or the log lacks a panic.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

BOOT_TIMEOUT=${KDECODE_BOOT_TIMEOUT:-300}

# run_qemu KERNEL INITRD RAW_LOG ERR_LOG KERNEL_ARGS CPUS
run_qemu()
{
	# No "quiet": the full boot log (release, command line) stays in the
	# log like on a real machine; init raises the console loglevel to 8.
	timeout "$BOOT_TIMEOUT" qemu-system-x86_64 \
		-accel tcg -cpu max -m 1024 -smp "$6" \
		-nodefaults -display none -monitor none -no-reboot \
		-serial "file:$3" \
		-kernel "$1" -initrd "$2" \
		-append "console=ttyS0 panic=-1 loglevel=8${5:+ $5}" \
		</dev/null >"$4" 2>&1
}

main()
{
	local x cache initrd log kernel rc=0

	[ $# -ge 4 ] && [ $# -le 6 ] ||
		die "usage: $kd_prog X CACHE_DIR INITRD OUT_LOG [KERNEL_ARGS [CPUS]]"
	x=$1 cache=$2 initrd=$3 log=$4
	kernel=$cache/$x/img/boot/vmlinuz-$x
	[ "${x#/}" = "$x" ] || kernel=$x
	[ -f "$kernel" ] || die "$kernel missing; run fetch-kernel.sh first"
	[ -f "$initrd" ] || die "initramfs $initrd missing"
	need_pkgs qemu-system-x86

	run_qemu "$kernel" "$initrd" "$log.raw" "$log.qemu" "${5:-}" "${6:-1}" || rc=$?
	[ -f "$log.raw" ] || die "qemu wrote no console log (see $log.qemu)"
	tr -d '\r' <"$log.raw" >"$log"
	rm -f "$log.raw"

	[ $rc -ne 124 ] || die "qemu timed out after ${BOOT_TIMEOUT}s (log: $log)"
	[ $rc -eq 0 ] || die "qemu failed with status $rc: $(tail -n 1 "$log.qemu")"
	grep -q 'Kernel panic - not syncing: ' "$log" || die "no panic in $log"
	rm -f "$log.qemu"
}

main "$@"
