#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The cross-architecture real-kernel test: decode each architecture's console log, check every
# frame against oopsmod.c and the Debian source, and compare the failures with a list.
#
# Usage: check.sh KDECODE [OUT_DIR [ARCH...]]
#        check.sh --logs KDECODE LOG_DIR [ARCH...]
#
# The first form runs run.sh into OUT_DIR (default $TMPDIR/kdecode-xarch-test), unless
# KDECODE_KERNEL_REUSE=1 asks to decode the logs a previous run left there, and checks
# each log with its -dbg vmlinux.  The second checks the logs kept in LOG_DIR
# (tests/oopses/xarch: ARCH.log beside modules/ARCH/oopsmod.ko.xz) with no vmlinux:
# vmlinux frames are then only required to be parsed, and the markers are those of
# LOG_DIR/oopsmod.c, the source the modules were built from.
#
# Every line of a log that names "symbol+0xoff/0xsize" is a frame (frames.awk says which
# addresses are exact and which are return addresses).  Each must be a frame of kdecode's
# JSON (same line), and decode to: for oopsmod, the function and the line marked KD:name in
# oopsmod.c that the case reaches (the call made there, for a return address); for vmlinux,
# the function printed (a return address at +0x0 follows a noreturn call: the function
# before it), and for the functions of a write(2) to /proc and of sysrq-c, the call on the
# line of the Debian source.  Each case's report must name the module function it
# provoked as guilty.  Each faulting case's Code: dump must have its trapping instruction
# decode to the case's fault line (or say why the kernel printed no bytes), and every
# register value decoded to a vmlinux symbol must be that symbol's address in readelf's
# table plus the offset.  An assertion is "ARCH CASE KIND SYMBOL"; those listed in the file
# xfail beside this script are expected to fail (kdecode's per-architecture grammar is
# being written): they print XFAIL, and XPASS once they pass.  Exits 1 on any other
# failure.  Writes OUT_DIR/ARCH/assertions (or LOG_DIR's under $TMPDIR) and prints a
# summary line per architecture.

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

SRC=$here/../oopsmod/oopsmod.c
CACHE=${KDECODE_KERNEL_CACHE:-/var/cache/kdecode-kernel}
XFAIL=$here/xfail

# per case, the module functions it reaches, by their printed symbol without clone
# suffixes: SYMBOL=FUNCTION:MARKER,... (the inline chain, innermost first)
declare -A CASE_FRAMES=(
	[null]="deref_victim=deref_victim:null_fault trigger_write=trigger_write:null_call"
	[inline]="outer_with_inline=poke:inline_fault,outer_with_inline:inline_call
		  trigger_write=trigger_write:inline_outer_call"
	[cold]="cold_path=cold_path:cold_fault trigger_write=trigger_write:cold_call"
	[split]="split_victim=split_victim:split_fault trigger_write=trigger_write:split_call"
	[bug]="bug_path=bug_path:bug trigger_write=trigger_write:bug_call"
	[warn]="warn_path=warn_path:warn trigger_write=trigger_write:warn_call"
	[list]="list_path=list_path:list trigger_write=trigger_write:list_call"
	[refcount]="refcount_path=refcount_path:refcount trigger_write=trigger_write:refcount_call"
	[atomic]="atomic_path=atomic_path:atomic trigger_write=trigger_write:atomic_call"
	[usercopy]="usercopy_path=usercopy_path:usercopy trigger_write=trigger_write:usercopy_call"
	[hung]="hung_path=hung_path:hung trigger_write=trigger_write:hung_call"
)

# the function each case's report must blame
declare -A CASE_GUILTY=(
	[null]=deref_victim [inline]=outer_with_inline [cold]=cold_path [split]=split_victim
	[bug]=bug_path [warn]=warn_path [list]=list_path [refcount]=refcount_path
	[atomic]=atomic_path [usercopy]=usercopy_path [hung]=hung_path
)

# vmlinux functions whose every location is checked against the Debian source:
# SYMBOL=FUNCTION@FILE~TEXT|... (innermost first; TEXT is on the line: the call made there)
declare -A VMLINUX_FRAMES=(
	[proc_reg_write]="pde_write@fs/proc/inode.c~write(|proc_reg_write@fs/proc/inode.c~pde_write("
	[vfs_write]="vfs_write@fs/read_write.c~->write("
	[ksys_write]="ksys_write@fs/read_write.c~vfs_write("
	[sysrq_handle_crash]="sysrq_handle_crash@drivers/tty/sysrq.c~panic("
	[__handle_sysrq]="__handle_sysrq@drivers/tty/sysrq.c~handler("
	[write_sysrq_trigger]="write_sysrq_trigger@drivers/tty/sysrq.c~__handle_sysrq("
)
SOURCE_FILES="fs/proc/inode.c fs/read_write.c drivers/tty/sysrq.c"
# entry code that plants its own address as the return address of a call it makes by a
# jump (arm's vector_swi: "badr lr, ret_fast_syscall"): +0x0 is no noreturn call's end
PLANTED="ret_fast_syscall ret_from_fork"

n_pass=0 n_fail=0 n_xfail=0 n_xpass=0 n_skip=0
symtab= symtab_of=

# marker NAME - the line of oopsmod.c that ends in /* KD:NAME */
marker()
{
	local n
	n=$(grep -n "/\* KD:$1 \*/" "$SRC" | cut -d: -f1)
	[ -n "$n" ] || die "no KD:$1 marker in $SRC"
	echo "$n"
}

# base SYMBOL - the function a clone or a split part belongs to
base()
{
	sed -E 's/\.(constprop|isra|part|cold|llvm)(\.[0-9a-z]+)*$//; s/\.(constprop|isra|part|cold)(\.[0-9]+)?//g' <<<"$1"
}

# result ID OK MESSAGE LOGLINE - record one assertion, against the xfail list
result()
{
	local id=$1 ok=$2 msg=$3 text=$4 listed=0 verdict
	grep -qxF "$id" <<<"$xfail_ids" && listed=1
	case $ok$listed in
	10) verdict=PASS n_pass=$((n_pass + 1)) ;;
	11) verdict=XPASS n_xpass=$((n_xpass + 1)) ;;
	00) verdict=FAIL n_fail=$((n_fail + 1)) ;;
	01) verdict=XFAIL n_xfail=$((n_xfail + 1)) ;;
	esac
	printf '%s %s: %s\n\t%s\n' "$verdict" "$id" "$msg" "$text" >>"$assertions"
	[ "$verdict" = FAIL ] && printf '%s: FAIL %s: %s\n\t%s\n' "$kd_prog" "$id" "$msg" "$text" >&2
	return 0
}

# frame LINE - kdecode's frame of log line LINE: "LINE<tab>CHAIN<tab>ERROR", empty if none
frame()
{
	awk -F'\t' -v l="$1" '$1 == l { print; exit }' <<<"$frames"
}

# chain FRAME - "function@file:line" per location, innermost first, one a line; oopsmod.c
# by its basename
chain()
{
	cut -f2 <<<"$1" | tr ' ' '\n' | sed -E '/^$/d; s|@[^:]*/oopsmod\.c:|@oopsmod.c:|'
}

# check_module CASE KIND SYM OFFSET FRAME - a frame of oopsmod against the case's markers
check_module()
{
	local kase=$1 kind=$2 sym=$3 off=$4 f=$5 b entry want=() got=() i
	b=$(base "$sym")
	mapfile -t got < <(chain "$f")
	entry=
	if [ "$kind" != breaking ] && { [ "$kind" != lr ] || [ "$b" != "$pc_base" ]; }; then
		for i in ${CASE_FRAMES[$kase]:-}; do
			[ "${i%%=*}" = "$b" ] && entry=${i#*=}
		done
	fi
	case $kind:$off in
	pc:0x0 | trace-pc:0x0 | warn-at:0x0)
		# s390's PSW points past a trap (BUG's and WARN's "mc"), maybe at the next
		# function: the trap is still the case's own
		entry=${CASE_FRAMES[$kase]%% *} entry=${entry#*=}
		;;
	esac
	if [ -z "$entry" ]; then
		# a branch, or a function this case does not mark: the function printed
		[[ ${got[-1]:-} == "$b@oopsmod.c:"* ]] && return 0
		echo "decodes to '${got[*]:-nothing}', want $b in oopsmod.c"
		return 1
	fi
	IFS=, read -r -a want <<<"$entry"
	for i in "${!want[@]}"; do
		want[$i]=${want[$i]%%:*}@oopsmod.c:$(marker "${want[$i]#*:}")
	done
	# one marker: the outermost location (inlined helpers below it may differ)
	if [ ${#want[@]} -eq 1 ]; then
		[ "${got[-1]:-}" = "${want[0]}" ] && return 0
	elif [ "${got[*]}" = "${want[*]}" ]; then
		return 0
	fi
	echo "decodes to '${got[*]:-nothing}', want '${want[*]}'"
	return 1
}

# check_vmlinux KIND SYM OFFSET FRAME - a frame of vmlinux
check_vmlinux()
{
	local kind=$1 sym=$2 off=$3 f=$4 b want=() got=() i file line w
	b=$(base "$sym")
	mapfile -t got < <(chain "$f")
	[ ${#got[@]} -gt 0 ] || { echo "no location: $(cut -f3 <<<"$f")"; return 1; }
	if [ "$off" = 0x0 ] && [ "$kind" = trace ] && [[ " $PLANTED " != *" $b "* ]]; then
		# after a noreturn call, the return address is the next function's first byte:
		# arm64's "sysrq_reset_seq_param_set+0x0/0xa0" is sysrq_handle_crash's panic()
		if [ "${got[-1]%%@*}" = "$b" ]; then
			echo "decodes to '${got[*]}': a return address at +0x0 is in the function before $sym"
			return 1
		fi
		b=${got[-1]%%@*}
	fi
	if [ -z "${VMLINUX_FRAMES[$b]:-}" ] || [ -z "$src" ]; then
		[ "${got[-1]%%@*}" = "$b" ] && return 0
		echo "decodes to '${got[*]}', want the outermost function $b"
		return 1
	fi
	IFS='|' read -r -a want <<<"${VMLINUX_FRAMES[$b]}"
	# s390's vfs_write is "inlined" into itself in its DWARF (eu-addr2line says so too):
	# the outer of two locations of one function adds nothing
	for ((i = ${#got[@]} - 1; i > 0; i--)); do
		[ "${got[$i]%%@*}" = "${got[$((i - 1))]%%@*}" ] && unset "got[$i]"
	done
	got=("${got[@]}")
	if [ ${#got[@]} -ne ${#want[@]} ]; then
		echo "decodes to '${got[*]}', want ${want[*]%%~*} (${#want[@]} locations)"
		return 1
	fi
	for i in "${!want[@]}"; do
		w=${want[$i]} file=${got[$i]#*@} line=${file##*:} file=${file%:*}
		if [ "${got[$i]%%@*}@$file" != "${w%%~*}" ] ||
			! grep -qF -- "${w#*~}" <<<"$(sed -n "${line}p" "$src/$file")"; then
			echo "decodes to '${got[*]}', want ${want[*]}; $file:$line is" \
				"'$(sed -n "${line}p" "$src/$file" 2>/dev/null | sed 's/^[\t ]*//')'"
			return 1
		fi
	done
}

# check_frames ARCH LOG - every frame line of LOG
check_frames()
{
	local arch=$1 log=$2 lineno kase kind sym off mod f msg ok text pc_base=
	while read -r lineno kase kind sym off mod; do
		case $kase in boot | state) continue ;; esac
		[ "$kind" = pc ] || [ "$kind" = warn-at ] && pc_base=$(base "$sym")
		text=$(sed -n "${lineno}p" "$log")
		if [ "$kind" = unreliable ]; then
			n_skip=$((n_skip + 1))
			continue
		fi
		f=$(frame "$lineno")
		ok=1 msg=ok
		if [ -z "$f" ] && [ "$kind" = warn-at ]; then
			# the line a WARN prints its pc on, beside the pc line: decoded if kdecode
			# reads it (the x86_64 check does not ask for it either)
			n_skip=$((n_skip + 1))
			continue
		elif [ -z "$f" ]; then
			ok=0 msg="line $lineno is no frame of kdecode's"
		elif [ "$mod" != - ]; then
			msg=$(check_module "$kase" "$kind" "$sym" "$off" "$f") || ok=0
		elif [ -n "$vmlinux" ]; then
			msg=$(check_vmlinux "$kind" "$sym" "$off" "$f") || ok=0
		fi
		result "$arch $kase $kind $sym" $ok "${msg:-ok}" "$lineno: $text"
	done < <(awk -f "$here/frames.awk" "$log")
}

# check_reports ARCH LOG - each case's report blames the function it provoked
check_reports()
{
	local arch=$1 log=$2 c start end r got
	for c in "${!CASE_GUILTY[@]}"; do
		start=$(grep -n "^=== kdecode-harness: case $c ===" "$log" | cut -d: -f1 || true)
		[ -n "$start" ] || continue
		end=$(awk -v s="$start" 'NR > s && /^=== kdecode-harness: / { print NR; exit }' "$log")
		# (no grep -q in a pipe: its early exit is a SIGPIPE, a failure under pipefail)
		if ! grep -q '+0x[0-9a-f]*/0x' <<<"$(sed -n "$((start + 1)),${end:-\$}p" "$log")"; then
			# e.g. no "scheduling while atomic" without CONFIG_PREEMPT_COUNT
			echo "SKIP $arch $c report: the kernel printed no report" >>"$assertions"
			n_skip=$((n_skip + 1))
			continue
		fi
		r=$(jq -c --argjson s "$start" --argjson e "${end:-1000000000}" \
			'[.reports[] | select(.first_line > $s and .first_line < $e)] | first' <<<"$json")
		got=$(jq -r '.guilty_function // "none"' <<<"$r")
		if [ "$got" = "${CASE_GUILTY[$c]}" ]; then
			result "$arch $c report guilty" 1 ok "$(jq -r '.title // ""' <<<"$r")"
		else
			result "$arch $c report guilty" 0 "guilty function '$got', want ${CASE_GUILTY[$c]}" \
				"$(jq -r '.title // "no report"' <<<"$r")"
		fi
	done
}

# case_lines CASE LOG - "START END" of CASE's part of LOG (END empty for the last), or nothing
case_lines()
{
	local start end
	start=$(grep -n "^=== kdecode-harness: case $1 ===" "$2" | cut -d: -f1 || true)
	[ -n "$start" ] || return 0
	end=$(awk -v s="$start" 'NR > s && /^=== kdecode-harness: / { print NR; exit }' "$2")
	echo "$start ${end:-1000000000}"
}

# check_code ARCH LOG - the trapping instruction of each faulting case's Code: dump decodes
# to the line that faulted (the first function:marker of CASE_FRAMES); its text is
# capstone's, or its bytes when capstone knows no such instruction (s390's "mc")
check_code()
{
	local arch=$1 log=$2 c range r trap want entry
	for c in null inline cold split bug warn; do
		range=$(case_lines "$c" "$log")
		[ -n "$range" ] || continue
		# arm's WARN calls warn_slowpath_fmt: no registers, no dump
		if ! grep -qE '(Code|Krnl Code|Instruction dump):' \
			<<<"$(sed -n "${range% *},${range#* }p" "$log")"; then
			echo "SKIP $arch $c code: the kernel printed no dump" >>"$assertions"
			n_skip=$((n_skip + 1))
			continue
		fi
		r=$(jq -c --argjson s "${range% *}" --argjson e "${range#* }" \
			'[.reports[] | select(.first_line > $s and .first_line < $e)] | first' <<<"$json")
		trap=$(jq -r '[.code.instructions[]? | select(.trapping)] | first // {} |
			"\(.text // .bytes // "none" | gsub(" "; "_")) \((.location.locations // [])[0] |
			"\(.function)@\(.file):\(.line)")"' <<<"$r" |
			sed -E 's|@[^:]*/oopsmod\.c:|@oopsmod.c:|')
		# "Code: Unable to access opcode bytes at ...": said, not disassembled
		if grep -q 'Code: Unable to access' <<<"$(sed -n "${range% *},${range#* }p" "$log")"; then
			trap=$(jq -r '.code.error // "none"' <<<"$r")
			result "$arch $c code unreadable" "$([[ $trap == *Unable* ]] && echo 1 || echo 0)" \
				"code error '$trap'" "$(jq -r '.title // "no report"' <<<"$r")"
			continue
		fi
		entry=${CASE_FRAMES[$c]%% *}
		entry=${entry#*=}
		entry=${entry%%,*}
		want="${entry%%:*}@oopsmod.c:$(marker "${entry#*:}")"
		if [ "${trap##* }" = "$want" ] && [ "${trap% *}" != none ]; then
			result "$arch $c code trapping" 1 ok "$trap"
		else
			result "$arch $c code trapping" 0 "trapping instruction '$trap', want one at $want" \
				"$(jq -r '.title // "no report"' <<<"$r")"
		fi
	done
}

# check_values ARCH - every register value decoded to a vmlinux symbol is that symbol's
# address as readelf reads it (any architecture's ELF), plus the offset printed, plus the
# report's KASLR offset
check_values()
{
	local arch=$1 line name value sym off koff a ok
	[ -n "$vmlinux" ] || return 0
	if [ "$symtab_of" != "$vmlinux" ]; then
		symtab=$(readelf -sW "$vmlinux" | awk 'NF >= 8 { print $NF, $2 }')
		symtab_of=$vmlinux
	fi
	while IFS=$'\t' read -r line name value sym off koff; do
		ok=0
		for a in $(awk -v s="$sym" '$1 == s { print $2 }' <<<"$symtab"); do
			[ $((0x$a + off + koff)) -eq $((value)) ] && ok=1
		done
		result "$arch values $name $sym" $ok \
			"$(if [ $ok = 1 ]; then echo ok; else echo "$value is not $sym+$off"; fi)" \
			"$line: $(sed -n "${line}p" "$log")"
	done < <(jq -r '.reports[] | (.kernel_offset // "0x0") as $k | .values[] |
		select(.symbol != null and .module == null and .offset != null) |
		[.line, .name, .value, .symbol, .offset, $k] | @tsv' <<<"$json")
}

# check_arch ARCH LOG MODULE_DIR VMLINUX|"" SOURCE_DIR|"" ASSERTIONS - one architecture
check_arch()
{
	local arch=$1 log=$2 moddir=$3 status=0 args=() out ok
	vmlinux=$4 src=$5 assertions=$6
	[ -n "$vmlinux" ] && args=(-k "$vmlinux")
	json=$("$KDECODE" -f json "${args[@]}" -m "$moddir" "$log" 2>/dev/null) || status=$?
	case $status in
	0 | 1) ;;
	*) die "$log: kdecode exited with $status" ;;
	esac
	frames=$(jq -r '.reports[].frames[] | [.line, (.locations // [] |
		map("\(.function)@\(.file):\(.line)") | join(" ")), (.error // "")] | @tsv' <<<"$json")
	# annotate: the input, plus decodings (exit status 1: some frame unresolved)
	out=$("$KDECODE" "${args[@]}" -m "$moddir" "$log" 2>/dev/null) || true
	grep -v '^\[[^]]*\]  => ' <<<"$out" | grep -v '^ *=> ' | cmp -s - "$log" && ok=1 || ok=0
	result "$arch all annotate $(case $log in *panic*) echo panic ;; *) echo main ;; esac)" $ok "annotate output is the input plus ' => ' lines" "$log"
	check_frames "$arch" "$log"
	check_reports "$arch" "$log"
	check_code "$arch" "$log"
	check_values "$arch"
}

# summarize ARCH - one line of counts for ARCH
summarize()
{
	local a=$1 f
	f=$(awk -v a="$1" '$2 == a && $3 != "all" && $3 != "values" && $4 != "report" &&
		$4 != "code" { n[$1]++ }
		END { printf "%d frames checked: %d right, %d wrong (%d of them listed in xfail)",
			n["PASS"] + n["FAIL"] + n["XFAIL"] + n["XPASS"], n["PASS"] + n["XPASS"],
			n["FAIL"] + n["XFAIL"], n["XFAIL"] }' "$assertions")
	echo "$kd_prog: $a: $f; $(grep -c '^SKIP .* report:' "$assertions" || true) reports not printed;" \
		"$(grep -Ec "^(PASS|FAIL|XFAIL|XPASS) $a [a-z]+ report guilty" "$assertions" || true)" \
		"reports' guilty functions, $(grep -Ec "^(PASS|FAIL|XFAIL|XPASS) $a [a-z]+ code " \
		"$assertions" || true) trapping instructions and $(grep -Ec \
		"^(PASS|FAIL|XFAIL|XPASS) $a values " "$assertions" || true) register values checked"
}

main_logs()
{
	local dir arch moddir log
	dir=$(readlink -f "$1")
	shift
	[ -f "$dir/oopsmod.c" ] && SRC=$dir/oopsmod.c
	# global, for the EXIT trap
	tmp=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-xarch-logs.XXXXXX")
	trap 'rm -rf "$tmp"' EXIT
	# shellcheck disable=SC2048 # names, split on purpose
	for arch in ${*:-$XARCH_ALL}; do
		[ -f "$dir/$arch.log" ] || continue
		moddir=$tmp/$arch
		mkdir -p "$moddir"
		xz -dc "$dir/modules/$arch/oopsmod.ko.xz" >"$moddir/oopsmod.ko"
		: >"$tmp/$arch.assertions"
		for log in "$dir/$arch.log" "$dir/$arch-panic.log"; do
			[ -f "$log" ] || continue
			check_arch "$arch" "$log" "$moddir" "" "" "$tmp/$arch.assertions"
		done
		assertions=$tmp/$arch.assertions summarize "$arch"
	done
}

main_vm()
{
	local out=$1 arch x log
	shift
	need_pkgs jq xz-utils
	if [ "${KDECODE_KERNEL_REUSE:-0}" = 1 ]; then
		note "reusing the logs of $out"
	else
		"$here/run.sh" "$out" "$CACHE" "$@"
	fi
	# shellcheck disable=SC2048
	for arch in ${*:-${KDECODE_XARCH:-$XARCH_ALL}}; do
		[ -s "$out/$arch/console.log" ] || die "no $out/$arch/console.log"
		x=$(cat "$out/$arch/release")
		# shellcheck disable=SC2086 # a list of files
		src=$(KDECODE_SOURCE_VERSION=$(cat "$out/$arch/version") \
			"$here/../fetch-source.sh" "$CACHE" "$x" $SOURCE_FILES)
		: >"$out/$arch/assertions"
		for log in console.log panic.log; do
			check_arch "$arch" "$out/$arch/$log" "$out/$arch" \
				"$(cat "$out/$arch/vmlinux-path")" "$src" "$out/$arch/assertions"
		done
		assertions=$out/$arch/assertions summarize "$arch"
	done
}

main()
{
	local logs=0
	[ "${1:-}" = --logs ] && logs=1 && shift
	[ $# -ge 1 ] || die "usage: $kd_prog [--logs] KDECODE [OUT_DIR|LOG_DIR [ARCH...]]"
	KDECODE=$(readlink -f "$1")
	[ -x "$KDECODE" ] || die "$KDECODE is not an executable"
	shift
	xfail_ids=$(sed 's/#.*//; s/[ \t]*$//' "$XFAIL" | grep -v '^$' || true)
	if [ $logs = 1 ]; then
		[ $# -ge 1 ] || die "usage: $kd_prog --logs KDECODE LOG_DIR [ARCH...]"
		main_logs "$@"
	else
		main_vm "${1:-${TMPDIR:-/tmp}/kdecode-xarch-test}" "${@:2}"
	fi
	echo "$kd_prog: $n_pass passed, $n_xfail failed as listed in xfail, $n_xpass passed" \
		"though listed (XPASS: remove them from xfail), $n_fail failed, $n_skip skipped"
	[ $n_fail -eq 0 ]
}

main "$@"
