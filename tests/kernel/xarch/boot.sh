#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Boot one architecture's Debian kernel from the cache under qemu (TCG) and save its console log.
#
# Usage: boot.sh ARCH KERNEL INITRD OUT_LOG [KERNEL_ARGS]
#
# The machine, CPU, console device and qemu binary come from the table in lib.sh.
# As tests/kernel/boot.sh: the initramfs ends by panicking the kernel, panic=-1 and
# -no-reboot make qemu exit; OUT_LOG gets the console without CRs; fails when qemu
# times out or the log holds no panic.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

BOOT_TIMEOUT=${KDECODE_BOOT_TIMEOUT:-600}

main()
{
	local arch kernel initrd log qemu machine console rc=0

	[ $# -ge 4 ] && [ $# -le 5 ] || die "usage: $kd_prog ARCH KERNEL INITRD OUT_LOG [KERNEL_ARGS]"
	arch=$1 kernel=$2 initrd=$3 log=$4
	[ -f "$kernel" ] || die "$kernel missing; run fetch.sh first"
	[ -f "$initrd" ] || die "initramfs $initrd missing"
	qemu=$(xarch_field "$arch" qemu)
	read -r -a machine <<<"$(xarch_field "$arch" machine)"
	console=$(xarch_field "$arch" console)
	need_pkgs "$(xarch_field "$arch" qemu_pkg)"

	# -nodefaults: the machine still puts its console (pl011, spapr-vty, SCLP, 16550)
	# on the first -serial
	timeout "$BOOT_TIMEOUT" "$qemu" -accel tcg "${machine[@]}" -m 1024 -smp 1 \
		-nodefaults -display none -monitor none -no-reboot \
		-serial "file:$log.raw" -kernel "$kernel" -initrd "$initrd" \
		-append "console=$console panic=-1 loglevel=8${5:+ $5}" \
		</dev/null >"$log.qemu" 2>&1 || rc=$?
	[ -f "$log.raw" ] || die "qemu wrote no console log (see $log.qemu)"
	tr -d '\r' <"$log.raw" >"$log"
	rm -f "$log.raw"

	[ $rc -ne 124 ] || die "qemu timed out after ${BOOT_TIMEOUT}s (log: $log)"
	[ $rc -eq 0 ] || die "qemu failed with status $rc: $(tail -n 1 "$log.qemu")"
	grep -q 'Kernel panic - not syncing: ' "$log" || die "no panic in $log"
	rm -f "$log.qemu"
}

main "$@"
