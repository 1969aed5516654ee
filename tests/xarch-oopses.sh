#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The real reports of other architectures' Debian kernels in tests/oopses/xarch/: every module
# frame decodes to its KD: marker (no vmlinux here), except the failures listed in
# tests/kernel/xarch/xfail; see tests/kernel/xarch/check.sh --logs.

. "${srcdir:-.}/tests/lib.sh"

for tool in jq xz; do
	command -v "$tool" >/dev/null || { echo "$test_name: no $tool: skipped"; exit 77; }
done
make_tmpdir
TMPDIR=$tmp "$srcdir/tests/kernel/xarch/check.sh" --logs "$KDECODE" "$srcdir/tests/oopses/xarch" ||
	fail "tests/kernel/xarch/check.sh --logs failed"
finish
