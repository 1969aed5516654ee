# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers for the test scripts run by make check; sourced, never run.

KDECODE=${KDECODE:-$PWD/kdecode}
srcdir=${srcdir:-$PWD}
test_name=${0##*/}
n_failed=0

# fail MESSAGE - count one failure and say what it was
fail()
{
	echo "$test_name: FAIL: $*" >&2
	n_failed=$((n_failed + 1))
}

# make_tmpdir - a private directory in $tmp, removed at exit
make_tmpdir()
{
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-test.XXXXXX") || exit 99
	trap 'rm -rf "$tmp"' EXIT
}

# finish - exit 0 when every check passed, 1 otherwise (automake's convention)
finish()
{
	if [ "$n_failed" -ne 0 ]; then
		echo "$test_name: $n_failed failed" >&2
		exit 1
	fi
	exit 0
}

[ -x "$KDECODE" ] || { echo "$test_name: no kdecode binary at '$KDECODE'" >&2; exit 99; }
