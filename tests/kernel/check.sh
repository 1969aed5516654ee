#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The real-kernel test: provoke oopses under qemu, decode them, check every frame against the sources.
#
# Usage: check.sh KDECODE [OUT_DIR]
#
# run.sh boots the current Debian cloud kernel with oopsmod (built plain, with
# -ffunction-sections, once more for a panic of a clean kernel, and once for stalls,
# SLUB debugging and the stack protector). Each log
# is decoded with the kernel's -dbg vmlinux and the module, then frame by frame:
# module frames must name the function and file:line of the KD: marker in
# oopsmod.c; vmlinux frames the function, the file, and a line of the Debian
# source that holds the expected call. Prints "check.sh: N checks passed".
#
# KDECODE_KERNEL_REUSE=1 skips the boot and decodes the logs a previous run left in
# OUT_DIR (what the VM ran, kdecode snapshot included, stays that run's): CI decodes
# them again with a sanitized or valgrind-run kdecode without booting three VMs again.

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"

SRC=$here/oopsmod/oopsmod.c
CACHE=${KDECODE_KERNEL_CACHE:-/var/cache/kdecode-kernel}
checks=0

# vmlinux frames of a write(2) to a /proc file, outermost last: function@file~text
# means the location is in function, in file, on a source line containing text
# (the call made there), so that no line number of the Debian source is written here.
SYSCALL_WRITE=(
	"proc_reg_write=pde_write@fs/proc/inode.c~write(|proc_reg_write@fs/proc/inode.c~pde_write("
	"vfs_write=vfs_write@fs/read_write.c~->write("
	"ksys_write=ksys_write@fs/read_write.c~vfs_write("
	"do_syscall_64=do_syscall_x64@arch/x86/entry/common.c~sys_call|do_syscall_64@arch/x86/entry/common.c~do_syscall_x64("
	"entry_SYSCALL_64_after_hwframe=entry_SYSCALL_64_after_hwframe@arch/x86/entry/entry_64.S~do_syscall_64"
)

# the rest of the sysrq-c panic's stack
SYSRQ_PANIC=(
	"sysrq_handle_crash=sysrq_handle_crash@drivers/tty/sysrq.c~panic("
	"__handle_sysrq.cold=__handle_sysrq@drivers/tty/sysrq.c~handler("
	"write_sysrq_trigger=write_sysrq_trigger@drivers/tty/sysrq.c~__handle_sysrq("
)

# marker NAME - the line of oopsmod.c that ends in /* KD:NAME */
marker()
{
	local n
	n=$(grep -n "/\* KD:$1 \*/" "$SRC" | cut -d: -f1)
	[ -n "$n" ] || die "no KD:$1 marker in $SRC"
	echo "$n"
}

# case_report JSON LOG CASE - the report that follows "=== kdecode-harness: case CASE ==="
case_report()
{
	local start end
	start=$(grep -n "^=== kdecode-harness: case $3 ===" "$2" | cut -d: -f1)
	[ -n "$start" ] || fail "$2: no case $3"
	end=$(awk -v s="$start" 'NR > s && /^=== kdecode-harness: / { print NR; exit }' "$2")
	jq -c --argjson s "$start" --argjson e "${end:-1000000000}" \
		'[.reports[] | select(.first_line > $s and .first_line < $e)] | first' "$1"
}

# locations REPORT ROLE SYMBOL - "function@file:line:col" per location of the first reliable such frame
locations()
{
	jq -r --arg role "$2" --arg sym "$3" '
		[.frames[] | select(.role == $role and .symbol == $sym and .reliable)] | first |
		if . == null then "MISSING" elif .error then "ERROR " + .error
		else .locations[] | "\(.function)@\(.file):\(.line):\(.column)" end' <<<"$1"
}

# expect_module REPORT ROLE SYMBOL FUNCTION:MARKER... - inline chain, innermost first
expect_module()
{
	local report=$1 role=$2 sym=$3 want=() got i
	shift 3
	for i; do
		want+=("${i%%:*}@oopsmod.c:$(marker "${i#*:}")")
	done
	mapfile -t got < <(locations "$report" "$role" "$sym")
	[ ${#got[@]} -eq ${#want[@]} ] ||
		fail "$ctx: $role $sym: ${#got[@]} locations (${got[*]}), want ${want[*]}"
	for i in "${!want[@]}"; do
		# drop the column and the directory the module was built in
		local g=${got[$i]%:*}
		g=${g%%@*}@${g##*/}
		[ "$g" = "${want[$i]}" ] || fail "$ctx: $role $sym: got ${got[$i]}, want ${want[$i]}"
		[[ ${got[$i]##*:} =~ ^[0-9]+$ ]] || fail "$ctx: $role $sym: no column in ${got[$i]}"
		checks=$((checks + 1))
	done
}

# expect_vmlinux REPORT "SYMBOL=FUNC@FILE~TEXT|..." - see SYSCALL_WRITE
expect_vmlinux()
{
	local report=$1 sym=${2%%=*} want got i w file line
	IFS='|' read -r -a want <<<"${2#*=}"
	mapfile -t got < <(locations "$report" call "$sym")
	[ ${#got[@]} -eq ${#want[@]} ] ||
		fail "$ctx: $sym: ${#got[@]} locations (${got[*]}), want ${#want[@]}"
	for i in "${!want[@]}"; do
		w=${want[$i]}
		file=${got[$i]#*@}
		line=${file#*:}
		line=${line%%:*}
		file=${file%%:*}
		[ "${got[$i]%%@*}@$file" = "${w%%~*}" ] ||
			fail "$ctx: $sym: got ${got[$i]}, want ${w%%~*}"
		grep -qF -- "${w#*~}" <<<"$(sed -n "${line}p" "$src/$file")" ||
			fail "$ctx: $sym: $file:$line is '$(sed -n "${line}p" "$src/$file")'," \
				"not a call of ${w#*~}"
		checks=$((checks + 1))
	done
}

expect_field()
{
	local got
	got=$(jq -r "$2" <<<"$1")
	[ "$got" = "$3" ] || fail "$ctx: $2 is '$got', want '$3'"
	checks=$((checks + 1))
}

# expect_guilty REPORT KIND CLASS TITLE FUNCTION MARKER - the report's kind, class and
# title, and its guilty frame: FUNCTION, decoded to the line of oopsmod.c marked MARKER
expect_guilty()
{
	local report=$1 got want
	expect_field "$report" .kind "$2"
	expect_field "$report" .class "$3"
	expect_field "$report" .title "$4"
	expect_field "$report" .guilty_function "$5"
	got=$(jq -r '.frames[.guilty] | .locations[-1] | "\(.function)@\(.line)"' <<<"$report")
	want="$5@$(marker "$6")"
	[ "$got" = "$want" ] || fail "$ctx: guilty frame at $got, want $want"
	checks=$((checks + 1))
}

# expect_trapping REPORT FUNCTION MARKER REGEX - the Code: dump's one trapping instruction:
# its text matches REGEX, and it decodes to FUNCTION at the line of oopsmod.c marked MARKER
expect_trapping()
{
	local got want
	expect_field "$1" '[.code.instructions[] | select(.trapping)] | length' 1
	got=$(jq -r '.code.instructions[] | select(.trapping) | .text' <<<"$1")
	[[ $got =~ $4 ]] || fail "$ctx: trapping instruction '$got', want one matching $4"
	got=$(jq -r '.code.instructions[] | select(.trapping) | .location.locations[0] |
		"\(.function)@\(.line)"' <<<"$1")
	want="$2@$(marker "$3")"
	[ "$got" = "$want" ] || fail "$ctx: trapping instruction at $got, want $want"
	checks=$((checks + 2))
}

expect_syscall_write()
{
	local f
	for f in "${SYSCALL_WRITE[@]}"; do
		expect_vmlinux "$1" "$f"
	done
}

# check_cases DIR - the six oopsmod reports of one build
check_cases()
{
	local dir=$1 json=$1/decoded.json log=$1/console.log r

	"$KDECODE" -f json -k "$vmlinux" -m "$dir" "$log" >"$json" ||
		fail "$log: kdecode exited with $?"
	expect_field "$(cat "$json")" '.reports | length' 12

	ctx="$log: null" r=$(case_report "$json" "$log" null)
	expect_field "$r" .title "BUG: unable to handle kernel NULL pointer dereference in deref_victim"
	expect_module "$r" ip deref_victim.constprop.0 deref_victim:null_fault
	expect_module "$r" call trigger_write trigger_write:null_call
	expect_syscall_write "$r"
	# "*p += delta" through NULL: an add (or a load) with the pointer's register as memory
	expect_trapping "$r" deref_victim null_fault '^(add|mov)[lq]? .*\(%r[a-z0-9]+\)$'

	ctx="$log: inline" r=$(case_report "$json" "$log" inline)
	expect_module "$r" ip outer_with_inline poke:inline_fault outer_with_inline:inline_call
	expect_module "$r" call trigger_write trigger_write:inline_outer_call
	expect_syscall_write "$r"

	ctx="$log: cold" r=$(case_report "$json" "$log" cold)
	expect_module "$r" ip cold_path cold_path:cold_fault
	expect_field "$r" '.frames[0].section | startswith(".text.unlikely")' true
	expect_module "$r" call trigger_write.cold trigger_write:cold_call

	ctx="$log: split" r=$(case_report "$json" "$log" split)
	expect_module "$r" ip split_victim split_victim:split_fault
	expect_module "$r" call trigger_write.cold trigger_write:split_call
	expect_syscall_write "$r"

	ctx="$log: bug" r=$(case_report "$json" "$log" bug)
	expect_field "$r" .kind kernel-bug
	expect_field "$r" .title "kernel BUG in bug_path"
	expect_module "$r" ip bug_path bug_path:bug
	expect_module "$r" call trigger_write trigger_write:bug_call

	ctx="$log: warn" r=$(case_report "$json" "$log" warn)
	expect_field "$r" .kind warning
	expect_field "$r" .title "WARNING in warn_path"
	expect_module "$r" ip warn_path warn_path:warn
	expect_module "$r" call trigger_write trigger_write:warn_call

	# the report kinds, titles and guilty frames of real reports of this kernel
	ctx="$log: list" r=$(case_report "$json" "$log" list)
	expect_guilty "$r" bug corrupted-list "BUG: corrupted list in list_path" list_path list
	ctx="$log: refcount" r=$(case_report "$json" "$log" refcount)
	expect_guilty "$r" warning warning "WARNING: refcount bug in refcount_path" refcount_path \
		refcount
	ctx="$log: atomic" r=$(case_report "$json" "$log" atomic)
	expect_guilty "$r" bug atomic-sleep "BUG: scheduling while atomic in atomic_path" \
		atomic_path atomic
	ctx="$log: usercopy" r=$(case_report "$json" "$log" usercopy)
	expect_guilty "$r" bug usercopy "BUG: bad usercopy in usercopy_path" usercopy_path usercopy
	ctx="$log: hung" r=$(case_report "$json" "$log" hung)
	expect_guilty "$r" hung-task hang "INFO: task hung in hung_path" hung_path hung
	expect_syscall_write "$r"
}

# expect_at REPORT STACK ROLE SYMBOL FUNCTION MARKER - the first frame of a stack of kind
# STACK with that role and symbol is, outermost, FUNCTION at the line marked MARKER
# (what it inlined may differ from one run to the next: a spin's pc is in cpu_relax() or not)
expect_at()
{
	local got want
	got=$(jq -r --arg stack "$2" --arg role "$3" --arg sym "$4" '. as $r |
		[.frames[] | select($r.stacks[.stack].kind == $stack and .role == $role and
			.symbol == $sym)] | first | .locations[-1] // {} |
		"\(.function)@\(.file | tostring | split("/") | last):\(.line)"' <<<"$1")
	want="$5@oopsmod.c:$(marker "$6")"
	[ "$got" = "$want" ] || fail "$ctx: $2 $3 $4: got $got, want $want"
	checks=$((checks + 1))
}

# check_stall DIR - the stalls, a SLUB report and the stack protector's panic (the stall
# variant): kind, title and guilty frame, and the frames that say where the bug was
check_stall()
{
	local dir=$1 json=$1/decoded.json log=$1/console.log r c

	"$KDECODE" -f json -k "$vmlinux" -m "$dir" "$log" >"$json" ||
		fail "$log: kdecode exited with $?"
	expect_field "$(cat "$json")" '.reports | length' 4

	# a stall is named for the operation its CPU was in (guilty.c), not the leaf the
	# timer found: the write handler that called the spinner; the spinner is the RIP
	ctx="$log: softlockup" r=$(case_report "$json" "$log" softlockup)
	expect_guilty "$r" lockup hang "BUG: soft lockup in trigger_write" trigger_write \
		vmcases_call
	expect_at "$r" main ip softlockup_path softlockup_path softlockup
	ctx="$log: rcustall" r=$(case_report "$json" "$log" rcustall)
	expect_guilty "$r" rcu-stall hang "INFO: rcu detected stall in trigger_write" \
		trigger_write vmcases_call
	# self-detected, the stalled CPU's own stack; else an NMI backtrace of it
	c=$(jq -r '[.stacks[] | select(.kind != "main")] | first | .kind // "main"' <<<"$r")
	expect_at "$r" "$c" ip rcustall_path rcustall_path rcustall
	for c in softlockup rcustall; do
		ctx="$log: $c" r=$(case_report "$json" "$log" $c)
		expect_module "$r" call vmcases_write vmcases_write:${c}_call
		expect_module "$r" call trigger_write trigger_write:vmcases_call
		expect_syscall_write "$r"
	done

	# SLUB: where the object was allocated, then the free that found its redzone written
	ctx="$log: slab" r=$(case_report "$json" "$log" slab)
	expect_guilty "$r" bug slab-corruption "BUG: Right Redzone overwritten in slab_path" \
		slab_path slab
	expect_field "$r" '[.stacks[].kind] | join(" ")' "alloc free main"
	expect_at "$r" alloc call slab_path slab_path slab_alloc
	expect_at "$r" main call slab_path slab_path slab

	# the stack protector: the function whose canary was overwritten called
	# __stack_chk_fail(), at its end; its return address is the function's size
	ctx="$log: stackprot" r=$(case_report "$json" "$log" stackprot)
	expect_guilty "$r" panic panic \
		"kernel panic: stack-protector: Kernel stack is corrupted in: stackprot_path" \
		stackprot_path stackprot
	expect_module "$r" call vmcases_write vmcases_write:stackprot_call
	expect_syscall_write "$r"
}

# check_panic DIR - the panic of a clean kernel: its stack, and addresses from "Kernel Offset:"
check_panic()
{
	local log=$1/console.log json=$1/decoded.json r f

	"$KDECODE" -f json -k "$vmlinux" -m "$1" "$log" >"$json" ||
		fail "$log: kdecode exited with $?"
	ctx="$log: sysrq" r=$(case_report "$json" "$log" sysrq)
	expect_field "$r" .kind panic
	expect_field "$r" .title "kernel panic: sysrq triggered crash"
	for f in "${SYSRQ_PANIC[@]}" "${SYSCALL_WRITE[@]}"; do
		expect_vmlinux "$r" "$f"
	done
	# vmlinux's linker script merges .text.unlikely into .text, unlike a module's
	expect_field "$r" '[.frames[] | select(.symbol == "__handle_sysrq.cold")][0].section' .text
	# every frame's run-time address is its link address + the offset printed
	expect_field "$r" '[.frames[] | select(.address == null)] | length' 0
}

# snapshot_of LOG - the snapshot kdecode printed on the console inside the VM
snapshot_of()
{
	awk '/^=== kdecode-harness: snapshot ===/ { on = 1; next }
		/^=== kdecode-harness: snapshot status/ { exit } on' "$1" | tr -d '\r'
}

# check_snapshot DIR - "kdecode snapshot" run on the real kernel: what it saw, and raw
# addresses decoded with it as the symbolic frames are
check_snapshot()
{
	local dir=$1 log=$1/console.log snap=$1/snapshot json=$1/snapshot.json r addr sec
	ctx="$log: snapshot"

	grep -q '^=== kdecode-harness: snapshot status 0 ===' "$log" ||
		fail "kdecode snapshot failed in the VM: $(grep 'snapshot status' "$log")"
	grep -q '^=== kdecode-harness: history records 1 ===' "$log" ||
		fail "--append twice did not keep one record: $(grep 'history records' "$log")"
	snapshot_of "$log" >"$snap"
	# what /proc/modules and the sections dump of init.sh showed, the snapshot has
	base=$(awk '/^oopsmod / { print $6 }' "$log" | head -1)
	grep -q "^module oopsmod [0-9]* Live $base OE\$" "$snap" ||
		fail "snapshot lacks 'module oopsmod ... Live $base OE': $(grep '^module ' "$snap")"
	awk '/sections oopsmod ===/ { on = 1; next } /^=== / { on = 0 } on { print $1, $2 }' \
		"$log" | tr -d '\r' | while read -r sec addr; do
		grep -q "^section oopsmod $sec $addr\$" "$snap" || fail "snapshot lacks $sec at $addr"
	done
	grep -q '^text 0xffffffff' "$snap" || fail "snapshot has no runtime _text"
	grep -q '^module_build_id oopsmod [0-9a-f]\{40\}$' "$snap" || fail "no module build ID"
	checks=$((checks + 6))

	# module frames get their run-time address; the same address, raw, decodes the same
	"$KDECODE" -f json -k "$vmlinux" -m "$dir" -s "$snap" "$log" >"$json" ||
		fail "$log: kdecode -s exited with $?"
	r=$(case_report "$json" "$log" null)
	addr=$(jq -r '[.frames[] | select(.symbol == "trigger_write")][0].address' <<<"$r")
	[[ $addr == 0xffffffffc* ]] || fail "trigger_write has no run-time address: $addr"
	# placed by the snapshot, the dump's instructions have run-time addresses too
	local pc
	pc=$(jq -r '.code.instructions[] | select(.trapping) | .address' <<<"$r")
	[[ $pc == 0xffffffffc* ]] || fail "the trapping instruction has no address: $pc"
	checks=$((checks + 1))
	sec=$(awk '$3 == ".init.text" { print $4 }' "$snap")
	[ -n "$sec" ] || fail "snapshot has no .init.text of oopsmod"
	# the report as an old kernel prints it: "[<address>]" where "trigger_write+0xe8" was,
	# and a return address into init code, which is freed by then
	sed -n "$(jq .first_line <<<"$r"),$(jq .last_line <<<"$r")p" "$log" |
		sed "s/^\(\[[^]]*\]\)  trigger_write+.*/\1  [<${addr#0x}>] \n\1  [<$(printf %x $((sec + 16)))>] /" \
		>"$dir/raw.log"
	[ "$(grep -c '\[<' "$dir/raw.log")" = 2 ] || fail "cannot build $dir/raw.log"
	local status=0
	"$KDECODE" -f json -k "$vmlinux" -m "$dir" -s "$snap" "$dir/raw.log" >"$dir/raw.json" ||
		status=$?
	[ "$status" = 1 ] || fail "$dir/raw.log: exit status $status, want 1 (the freed init frame)"
	r=$(jq -c '.reports[0]' "$dir/raw.json")
	expect_module "$r" ip deref_victim.constprop.0 deref_victim:null_fault
	expect_module "$r" call trigger_write trigger_write:null_call
	expect_field "$r" '[.frames[] | select(.symbol == null)][0].error' \
		"in freed .init.text of oopsmod (freed when it finished loading)"
	expect_field "$r" .warnings '[]'
}

# declares LINE NAME - LINE names NAME, or makes it with a macro's token pasting:
# "_DEFINE_PRINTKRB(printk_rb_static, ..." defines _printk_rb_static_descs
declares()
{
	local w
	for w in $(tr -c 'A-Za-z0-9_' ' ' <<<"$1"); do
		[ "$w" = "$2" ] && return 0
		[ ${#w} -ge 6 ] && [[ $2 == *"$w"* ]] && return 0
	done
	return 1
}

# check_values DIR JSON - register values of the -s decoding of DIR's log: the RSI of
# each case points at the end of the case's name in oopsmod, as sysfs_streq() left it;
# the opcode address is 42 bytes before the RIP's; vmlinux variables are declared where
# the Debian source says
check_values()
{
	local dir=$1 json=$2 c r rip want var file line name
	for c in null inline cold bug warn; do
		ctx="$dir/console.log: $c: values"
		grep -q "sysfs_streq(word, \"$c\")" "$SRC" || fail "no sysfs_streq(word, \"$c\") in $SRC"
		r=$(case_report "$json" "$dir/console.log" "$c")
		expect_field "$r" '[.values[] | select(.name == "RSI")][0] |
			"\(.module) \(.section) \(.string)+\(.string_offset) \(.data)"' \
			"oopsmod .rodata.str1.1 $c+${#c} true"
	done
	# outer_with_inline is the module's first function: 42 bytes before its fault is
	# unmapped, so the opcodes cannot be read and reading them faults again (CR2)
	for c in inline cold; do
		ctx="$dir/console.log: $c: opcodes"
		r=$(case_report "$json" "$dir/console.log" "$c")
		[ "$c" = cold ] && ! grep -q '"opcodes"' <<<"$r" && continue
		rip=$(jq -r '[.frames[] | select(.role == "ip")][0].address' <<<"$r")
		[[ $rip == 0x* ]] || fail "$ctx: the RIP frame has no address"
		want=$(printf '0x%x' $((rip - 42)))
		expect_field "$r" '[.values[] | select(.name == "opcodes")][0].value' "$want"
		expect_field "$r" '[.values[] | select(.name == "CR2")][0].value' "$want"
	done
	jq -r '[.reports[].values[] | select(.module == null and .variable.file != null) |
		"\(.variable.name) \(.variable.file) \(.variable.line)"] | unique[]' "$json" |
		while read -r name file line; do
			ctx="$dir/console.log: variable $name"
			var=$("$here/fetch-source.sh" "$CACHE" "$x" "$file")/$file
			declares "$(sed -n "${line}p" "$var")" "$name" ||
				fail "$ctx: $file:$line is '$(sed -n "${line}p" "$var")'"
			echo "$name"
		done >"$dir/variables"
	[ -s "$dir/variables" ] || fail "$dir: no register value decoded to a vmlinux variable"
	checks=$((checks + $(wc -l <"$dir/variables")))
}

# check_kallsyms DIR - the VM's "kdecode snapshot --kallsyms", with no debug file at all:
# bare addresses get the symbol, offset and size the kernel itself printed
check_kallsyms()
{
	local dir=$1 log=$1/console.log ks=$1/kallsyms.gz r vfs addr
	ctx="$log: kallsyms"
	grep -q '^=== kdecode-harness: kallsyms snapshot status 0 ===' "$log" ||
		fail "kdecode snapshot --kallsyms failed: $(grep 'kallsyms snapshot status' "$log")"
	awk '/^=== kdecode-harness: kallsyms snapshot ===/ { on = 1; next }
		/^=== kdecode-harness: kallsyms snapshot status/ { exit } on' "$log" |
		tr -d '\r' | base64 -d >"$ks" || fail "the kallsyms snapshot does not decode"
	vfs=$(zcat "$ks" | awk '$1 == "kallsyms" && $3 == "T" && $4 == "vfs_write" { print $2 }')
	[[ $vfs == 0xffffffff* ]] || fail "no vfs_write in the kallsyms snapshot"
	addr=$(printf '%x' $((vfs + 0xc7)))
	grep -q '  vfs_write+0xc7/0x3f0$' "$dir/raw.log" || fail "raw.log has no vfs_write+0xc7/0x3f0"
	sed "s/^\(\[[^]]*\]\)  vfs_write+0xc7\/0x3f0\$/\1  [<$addr>] /" "$dir/raw.log" \
		>"$dir/raw-kallsyms.log"
	mkdir -p "$dir/empty"
	# exit status 1: the frames printed as symbols need the debug files to go further
	local status=0
	"$KDECODE" -f json --root="$dir/empty" -s "$ks" "$dir/raw-kallsyms.log" \
		>"$dir/kallsyms.json" 2>/dev/null || status=$?
	[ "$status" = 1 ] || fail "$ctx: exit status $status, want 1"
	r=$(jq -c '.reports[0]' "$dir/kallsyms.json")
	# the sizes too: kallsyms is what the kernel measured them with
	expect_field "$r" '[.frames[] | select(.symbol == "trigger_write")][0] |
		"\(.offset)/\(.size) \(.module) \(.object) \(.error)"' \
		"$(sed -n '/^=== kdecode-harness: case null ===/,$p' "$log" |
			grep -o 'trigger_write+0x[0-9a-f]*/0x[0-9a-f]*' | head -1 |
			sed 's/trigger_write+//') oopsmod null null"
	expect_field "$r" '[.frames[] | select(.symbol == "vfs_write")][0] |
		"\(.offset)/\(.size) \(.module) \(.error)"' "0xc7/0x3f0 null null"
	expect_field "$r" '[.frames[] | select(.symbol == null)][0].error' \
		"in freed .init.text of oopsmod (freed when it finished loading)"
}

# check_annotate DIR - the default format says the same in text
check_annotate()
{
	local out
	out=$("$KDECODE" -k "$vmlinux" -m "$1" "$1/console.log") ||
		fail "$1/console.log: kdecode (annotate) exited with $?"
	grep -q " => poke (inlined) at .*/oopsmod.c:$(marker inline_fault):" <<<"$out" ||
		fail "$1: annotate output lacks the inlined poke"
	grep -q " => pde_write (inlined) at fs/proc/inode.c:" <<<"$out" ||
		fail "$1: annotate output lacks the inlined pde_write"
	cmp -s <(grep -v ' => ' <<<"$out") "$1/console.log" ||
		fail "$1: annotate output is not the input plus ' => ' lines"
	checks=$((checks + 3))
}

main()
{
	[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $kd_prog KDECODE [OUT_DIR]"
	KDECODE=$(readlink -f "$1")
	local out=${2:-${TMPDIR:-/tmp}/kdecode-kernel-test} x v ctx=
	[ -x "$KDECODE" ] || die "$KDECODE is not an executable"
	need_pkgs jq

	if [ "${KDECODE_KERNEL_REUSE:-0}" = 1 ]; then
		for v in release vmlinux-path plain/console.log fs/console.log panic/console.log \
			stall/console.log; do
			[ -s "$out/$v" ] || die "KDECODE_KERNEL_REUSE=1: no $out/$v; run check.sh once without it"
		done
		note "reusing the logs of $out"
	else
		KDECODE_INITRD_EXTRA="$KDECODE $here/hook.sh" "$here/run.sh" "$out" "$CACHE"
	fi
	x=$(cat "$out/release")
	vmlinux=$(cat "$out/vmlinux-path")
	src=$("$here/fetch-source.sh" "$CACHE" "$x" fs/proc/inode.c fs/read_write.c \
		arch/x86/entry/common.c arch/x86/entry/entry_64.S drivers/tty/sysrq.c)

	for v in plain fs; do
		check_cases "$out/$v"
		check_annotate "$out/$v"
		check_snapshot "$out/$v"
		check_values "$out/$v" "$out/$v/snapshot.json"
		check_kallsyms "$out/$v"
	done
	check_panic "$out/panic"
	check_stall "$out/stall"
	echo "$kd_prog: $checks checks passed on $x"
}

# sourced (check-debug.sh uses the helpers above): define, run nothing
[ "${BASH_SOURCE[0]}" != "$0" ] || main "$@"
