#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Rewrite the expected outputs of tests/oopses/ from the current kdecode, after an
# intended change; read `git diff tests/oopses` before committing them.
# Usage: tests/update-expected.sh [KDECODE]  (from the top of the source tree)

KDECODE=$(readlink -f "${1:-${KDECODE:-./kdecode}}") srcdir=$(pwd) UPDATE_EXPECTED=1 \
	exec bash tests/oopses.sh
