#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# How kdecode's time and memory grow with its input: a measurement, not a test (make check
# does not run it; tests/limits.sh checks the bounds).
#
# Usage: tests/growth.sh [KDECODE [LINES...]]     (default: ./kdecode 10000 100000 1000000)
#
# For each size, three logs of that many lines are generated (never kept): the real report
# of tests/bad-input/report.in repeated ("reports"); tiny reports each naming another kernel
# release ("releases"); one report with one frame a line ("frames"). Each is decoded with
# an empty --root (no debug file) and -f summary, and the user+system time and peak RSS
# (GNU time) are printed one line each:
#
#   input           lines    seconds   peak RSS
#   reports         10000       0.03       2 MB
#
# Growth is linear when ten times the lines take about ten times the time and the RSS does
# not grow with them (kdecode decodes each report as it ends and keeps nothing per line).
# Run it on an idle machine; times vary with the load, RSS does not.

set -eu
cd "$(dirname "$0")/.."
KDECODE=$(readlink -f "${1:-./kdecode}")
[ $# -gt 0 ] && shift
[ -x "$KDECODE" ] || { echo "growth.sh: no kdecode at '$KDECODE'" >&2; exit 2; }
[ -x /usr/bin/time ] || { echo "growth.sh: needs GNU time (Debian package time)" >&2; exit 2; }
sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(10000 100000 1000000)
report=tests/bad-input/report.in
tmp=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-growth.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# gen KIND LINES - a log of LINES lines of KIND on stdout
gen()
{
	case $1 in
	reports) yes "$(cat "$report")" | head -n "$2" ;;
	releases)
		awk -v n="$2" 'BEGIN { for (i = 0; i < n / 4; i++)
			printf "BUG: kernel NULL pointer dereference, address: 0000000000000010\n" \
				"CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0-%d-test #1\n" \
				"Call Trace:\n foo+0x1/0x2\n", i }'
		;;
	frames)
		printf 'BUG: kernel NULL pointer dereference, address: 0000000000000010\n'
		printf 'Call Trace:\n'
		awk -v n="$2" 'BEGIN { for (i = 2; i < n; i++) print " foo+0x1/0x2" }'
		;;
	esac
}

printf '%-10s %10s %10s %10s\n' input lines seconds 'peak RSS'
for kind in reports releases frames; do
	for n in "${sizes[@]}"; do
		gen "$kind" "$n" >"$tmp/log"
		/usr/bin/time -f '%U %S %M' -o "$tmp/time" \
			"$KDECODE" --root="$tmp" -q -f summary "$tmp/log" >/dev/null 2>&1 || true
		read -r user sys rss < <(tail -n 1 "$tmp/time")
		awk -v k="$kind" -v n="$n" -v u="$user" -v s="$sys" -v r="$rss" \
			'BEGIN { printf "%-10s %10d %10.2f %7d MB\n", k, n, u + s, r / 1024 }'
	done
done
