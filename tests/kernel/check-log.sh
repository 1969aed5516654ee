#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Check that a harness console log holds the module state dump and one complete report per case.
#
# Usage: check-log.sh CONSOLE_LOG [--function-sections|--panic-only|--cases=LIST]
#
# With --function-sections the sections dump must list per-function
# .text.* sections; with --panic-only the log holds no case but the sysrq
# panic, which must then show its stack; with --cases=LIST (comma-separated)
# the log holds those cases instead of the default ones, and the last one
# panics the kernel.  Prints nothing and exits 0 when the log is complete.

set -euo pipefail

. "$(dirname "$(readlink -f "$0")")/lib.sh"

CASES="hung atomic refcount null inline cold split bug warn list usercopy"
MARK="=== kdecode-harness:"

# part LOG NAME - the lines after marker NAME, up to the next marker
part()
{
	awk -v start="$MARK $2 ===" -v mark="$MARK" '
		$0 == start { on = 1; next }
		index($0, mark) == 1 { on = 0 }
		on' "$1"
}

# trace_frames TEXT - the call trace lines of the report in TEXT
trace_frames()
{
	awk '/Call Trace:/ { on = 1; next } /<\/TASK>/ { on = 0 } on' <<<"$1"
}

check_sections()
{
	local log=$1 want_fs=$2 modules sections n

	modules=$(part "$log" /proc/modules)
	sections=$(part "$log" "sections oopsmod")
	grep -q '^oopsmod [0-9]* .* 0x[0-9a-f]*' <<<"$modules" ||
		die "$log: no oopsmod line in the /proc/modules dump"
	grep -Eq '^\.text(\.[^ ]*)? 0x[0-9a-f]+$' <<<"$sections" ||
		die "$log: no .text section in the sections dump"
	grep -qxF "$MARK end ===" "$log" || die "$log: sections dump not terminated"
	[ "$want_fs" = 1 ] || return 0
	n=$(grep -c '^\.text\.[^ ]* 0x' <<<"$sections" || true)
	[ "$n" -ge 5 ] || die "$log: only $n .text.* sections despite -ffunction-sections"
}

check_case()
{
	local log=$1 w=$2 text frames

	text=$(part "$log" "case $w")
	[ -n "$text" ] || die "$log: case $w missing or empty"
	grep -Eq 'BUG:|Oops|WARNING:|kernel BUG|invalid opcode|INFO: task|INFO: .* stall|^(\[[ 0-9.]*\] )?BUG |Kernel panic' <<<"$text" ||
		die "$log: case $w produced no report"
	frames=$(trace_frames "$text")
	grep -q '\[oopsmod\]' <<<"$frames" ||
		die "$log: case $w has no [oopsmod] frame in its call trace"
	if [ "$w" = split ]; then
		grep -q 'trigger_write\.cold+0x' <<<"$frames" ||
			die "$log: case split has no trigger_write.cold frame"
	fi
}

check_sysrq()
{
	local log=$1 text

	text=$(part "$log" "case sysrq")
	grep -q 'Kernel panic - not syncing: sysrq triggered crash' <<<"$text" ||
		die "$log: no sysrq panic"
	grep -q 'Kernel Offset: ' <<<"$text" || die "$log: no Kernel Offset line"
	[ "${2:-0}" = 1 ] || return 0
	grep -q 'Call Trace:' <<<"$text" || die "$log: the panic of a clean kernel has no stack"
}

main()
{
	local log want_fs=0 panic_only=0 w cases=$CASES last=

	if [ $# -lt 1 ] || [ $# -gt 2 ]; then
		die "usage: $kd_prog CONSOLE_LOG [--function-sections|--panic-only|--cases=LIST]"
	fi
	log=$1
	case ${2:-} in
	--function-sections) want_fs=1 ;;
	--panic-only) panic_only=1 ;;
	--cases=*) cases=${2#--cases=} cases=${cases//,/ } last=${cases##* } ;;
	esac
	[ -f "$log" ] || die "$log does not exist"

	check_sections "$log" "$want_fs"
	[ "$panic_only" = 1 ] || for w in $cases; do
		check_case "$log" "$w"
	done
	if [ -n "$last" ]; then
		# the last case panicked: no sysrq case follows
		grep -q 'Kernel panic - not syncing: ' <<<"$(part "$log" "case $last")" ||
			die "$log: the last case, $last, did not panic"
		grep -q 'Kernel Offset: ' <<<"$(part "$log" "case $last")" ||
			die "$log: no Kernel Offset line"
		return 0
	fi
	check_sysrq "$log" "$panic_only"
}

main "$@"
