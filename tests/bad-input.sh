#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What a user can get wrong, or a log can hold: runs the cases of tests/bad-input/TABLE,
# each giving one clear message naming the file and the problem, and the exit status that
# kdecode(1) documents. The table's header says what its columns mean.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
dir=$srcdir/tests/bad-input
oopses=$srcdir/tests/oopses
gen=$tmp/gen
root=$tmp/root
n_cases=0

# generate - the inputs too big, too random or too binary to keep in git: @gen@/NAME
generate()
{
	mkdir -p "$gen/a/b" "$gen/cut" "$root" || exit 99
	: >"$gen/empty"
	# the ELF header of kdecode itself, then whatever follows it
	head -c 65536 "$KDECODE" >"$gen/binary"
	head -c 100000 /dev/urandom >"$gen/random"
	xz -dc "$oopses/modules/plain/oopsmod.ko.xz" >"$gen/oopsmod.ko" || exit 99
	cp "$gen/oopsmod.ko" "$gen/x.ko"
	head -c 3000 "$KDECODE" >"$gen/vmlinux"
	head -c 20000 "$gen/oopsmod.ko" >"$gen/cut/oopsmod.ko"
	{ head -c 3000000 /dev/zero | tr '\0' x; cat "$dir/report.in"; } >"$gen/long"
}

# expand WORD - WORD with the table's @...@ names replaced
expand()
{
	local w=$1
	w=${w//@in@/$in}
	w=${w//@gen@/$gen}
	w=${w//@root@/$root}
	w=${w//@oopses@/$oopses}
	printf '%s' "$w"
}

# no_control FILE - FILE holds no control byte but TAB and LF, after kdecode's colours
no_control()
{
	local ESC=$'\033'
	! sed "s/$ESC\[[0-9;]*m//g" "$1" | tr -d '\t\n' | LC_ALL=C grep -aq '[[:cntrl:]]'
}

# check WHAT CHECK - one check of the STDOUT column on $tmp/out and $tmp/err
check()
{
	local what=$1 c=$2
	case $c in
	- | full) ;;
	empty) [ -s "$tmp/out" ] && fail "$what: printed something" ;;
	echo)
		# grep -v would add a newline where the input has none at its end
		LC_ALL=C sed '/ => /d' "$tmp/out" | cmp -s - "$in" ||
			fail "$what: the input is not echoed as it came: $(LC_ALL=C sed '/ => /d' \
				"$tmp/out" | cmp - "$in" 2>&1)"
		;;
	escaped) no_control "$tmp/out" || fail "$what: a control byte of the input on stdout" ;;
	"jq "*)
		jq -e "${c#jq }" "$tmp/out" >/dev/null 2>&1 || fail "$what: not true: ${c#jq }"
		;;
	"grep "*)
		grep -aEq -- "${c#grep }" "$tmp/out" || fail "$what: stdout lacks /${c#grep }/"
		;;
	"stderr-lacks "*)
		grep -aEq -- "${c#stderr-lacks }" "$tmp/err" &&
			fail "$what: stderr has /${c#stderr-lacks }/: $(cat -v "$tmp/err")"
		;;
	*) fail "$what: unknown check '$c' in TABLE" ;;
	esac
}

# run_case NAME INPUT ARGS STATUS STDERR STDOUT - one row of TABLE
run_case()
{
	local what=$1 status=$4 pattern=$5 checks=$6 args=() words w got out=$tmp/out c
	n_cases=$((n_cases + 1))
	case $2 in
	-) in=$gen/empty ;;
	@*) in=$(expand "$2") ;;
	*) in=$dir/$2 ;;
	esac
	[ "$3" = - ] || read -r -a words <<<"$3"
	for w in ${words[@]+"${words[@]}"}; do
		args+=("$(expand "$w")")
	done
	if [[ " && $checks && " == *" && full && "* ]]; then
		[ -w /dev/full ] || return 0
		out=/dev/full
	fi
	(cd "$tmp" && exec "$KDECODE" ${args[@]+"${args[@]}"}) <"$in" >"$out" 2>"$tmp/err"
	got=$?
	[[ ,$status, == *,$got,* ]] || fail "$what: exit status $got, want $status"
	[ "$pattern" = - ] || grep -aEq -- "$pattern" "$tmp/err" ||
		fail "$what: stderr lacks /$pattern/: $(cat -v "$tmp/err")"
	[ "$(wc -l <"$tmp/err")" -le 3 ] || fail "$what: more than 3 lines on stderr"
	no_control "$tmp/err" || fail "$what: a control byte on stderr: $(cat -v "$tmp/err")"
	if grep -aq 'Segmentation\|Assertion\|AddressSanitizer\|LeakSanitizer\|runtime error' \
		"$tmp/err"; then
		fail "$what: crashed: $(cat "$tmp/err")"
	fi
	while [ -n "$checks" ]; do
		c=${checks%% && *}
		[ "$c" = "$checks" ] && checks= || checks=${checks#* && }
		check "$what" "$c"
	done
}

generate
sep=$'\x1f'
while IFS= read -r row; do
	case $row in "" | "#"*) continue ;; esac
	row=${row// | /$sep}
	IFS=$sep read -r name input args status stderr stdout <<<"$row"
	[ -n "$stdout" ] || { fail "TABLE: not 6 fields: $row"; continue; }
	stdout=${stdout//$sep/ | }	# the last field keeps its bars: jq 'X | length'
	run_case "$name" "$input" "$args" "$status" "$stderr" "$stdout"
done <"$dir/TABLE"
[ "$n_cases" -gt 20 ] || fail "TABLE: only $n_cases cases"

echo "$test_name: $n_cases cases, $n_failed failed"
finish
