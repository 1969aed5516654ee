#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# LOG_COMPILER of the unit tests: runs each under $KDECODE_TEST_WRAPPER when set
# (KDECODE_TEST_WRAPPER=valgrind: memory errors and definite leaks fail the test).

case ${KDECODE_TEST_WRAPPER:-} in
"")
	exec "$@"
	;;
valgrind)
	command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 77; }
	exec valgrind --quiet --error-exitcode=99 --leak-check=full \
		--errors-for-leak-kinds=definite "$@"
	;;
*)
	exec $KDECODE_TEST_WRAPPER "$@"
	;;
esac
