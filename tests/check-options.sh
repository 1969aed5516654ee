#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every long option that kdecode --help lists must be documented in the man page and
# completed by the bash, zsh and fish completions, taking an argument where --help
# says it takes one; and the man page and completions must not offer options that
# --help does not list (util-linux tests/ts/misc/checkcompletion.sh).
#
# make check runs it with KDECODE (the built binary) and srcdir (the top source
# directory) set; standalone, it uses ./kdecode and the current directory.
# CHECK_MAN, CHECK_BASH, CHECK_ZSH and CHECK_FISH, when set, name other files to
# check instead of the ones in the tree (to see the test fail on a broken copy).
# Exit status: 0 pass, 1 fail, 99 kdecode --help could not be run.

# shellcheck disable=SC2317 # the extractors are called as "${kind}_options"

KDECODE=${KDECODE:-./kdecode}
srcdir=${srcdir:-.}
man=${CHECK_MAN:-$srcdir/man/kdecode.1.scd}
bash_completion=${CHECK_BASH:-$srcdir/completions/bash/kdecode}
zsh_completion=${CHECK_ZSH:-$srcdir/completions/zsh/_kdecode}
fish_completion=${CHECK_FISH:-$srcdir/completions/fish/kdecode.fish}
me=${0##*/}
n_failed=0

fail()
{
	echo "$me: FAIL: $*" >&2
	n_failed=$((n_failed + 1))
}

# words - the words of stdin, sorted, unique, on one line
words()
{
	sort -u | tr '\n' ' '
}

# has LIST WORD - is WORD one of the words of LIST?
has()
{
	case " $1 " in
	*" $2 "*) return 0 ;;
	esac
	return 1
}

# The option lines of --help: "  -k, --vmlinux=FILE   ..." or "      --root=DIR   ...".
if ! help=$(LC_ALL=C "$KDECODE" --help); then
	echo "$me: cannot run '$KDECODE --help'" >&2
	exit 99
fi
help_opts=$(printf '%s\n' "$help" |
	sed -n 's/^ *\(-[^- ], \)\{0,1\}--\([a-z][a-z0-9-]*\).*/\2/p' | words)
help_arg_opts=$(printf '%s\n' "$help" |
	sed -n 's/^ *\(-[^- ], \)\{0,1\}--\([a-z][a-z0-9-]*\)=.*/\2/p' | words)
if [ -z "$help_opts" ]; then
	echo "$me: no long options found in '$KDECODE --help'" >&2
	exit 99
fi

# Each extractor prints the long options a file offers ("opts") or those it gives an
# argument ("args"), one per line, without the leading "--".

# man page: option headings "*-k*, *--vmlinux*=_FILE_" or "*--root*=_DIR_"
man_options()
{
	sed -n 's/^\(\*-[^-*][^*]*\*, \)\{0,1\}\*--\([a-z][a-z0-9-]*\)\*\(.*\)$/\2 \3/p' "$2" |
		while read -r name rest; do
			case $1:$rest in
			opts:*) echo "$name" ;;
			args:=*) echo "$name" ;;
			esac
		done
}

# bash: the keys of the long -> short map, "['vmlinux']='k'"; arguments: with_arg='...'
bash_options()
{
	if [ "$1" = opts ]; then
		sed -n "s/^[[:space:]]*\['\([a-z][a-z0-9-]*\)'\]=.*/\1/p" "$2"
	else
		sed -n "s/^[[:space:]]*local with_arg='\(.*\)'.*/\1/p" "$2" | tr ' ' '\n' | grep .
	fi
}

# zsh: _arguments specs, "{-k+,--vmlinux=}", "'--root=[", "{-q,--quiet}", "--usage[";
# not exclusion lists "(-k --vmlinux)" nor comments
zsh_options()
{
	grep -v '^[[:space:]]*#' "$2" | grep -o -- '--[a-z][a-z0-9-]*[]}+=[]' |
		while read -r token; do
			name=${token%?}
			name=${name#--}
			case $1:$token in
			opts:*) echo "$name" ;;
			args:*=) echo "$name" ;;
			esac
		done
}

# fish: "complete -c kdecode ... -l vmlinux ..."; an argument: -r, -x or their long names
fish_options()
{
	grep '^[[:space:]]*complete ' "$2" |
		sed -n -E 's/.*(-l|--long-option)[ =]([a-z][a-z0-9-]*)(.*)/\2 \3/p' |
		while read -r name rest; do
			rest=${rest%%" -d "*} # not the description
			case "$1: $rest" in
			opts:*) echo "$name" ;;
			args:*" -r"* | args:*" -x"* | args:*" --require-parameter"* | \
				args:*" --exclusive"*)
				echo "$name" ;;
			esac
		done
}

# check KIND FILE - compare what FILE offers with --help, both ways
check()
{
	kind=$1
	file=$2
	if [ ! -r "$file" ]; then
		fail "$file: cannot be read"
		return
	fi
	opts=$("${kind}_options" opts "$file" | words)
	args=$("${kind}_options" args "$file" | words)

	for opt in $help_opts; do
		if ! has "$opts" "$opt"; then
			fail "--$opt (in kdecode --help) is missing from $file"
		elif has "$help_arg_opts" "$opt" && ! has "$args" "$opt"; then
			fail "--$opt takes an argument, but not in $file"
		elif ! has "$help_arg_opts" "$opt" && has "$args" "$opt"; then
			fail "--$opt takes no argument, but takes one in $file"
		fi
	done
	for opt in $opts; do
		has "$help_opts" "$opt" ||
			fail "--$opt in $file is not an option of kdecode --help"
	done
}

check man "$man"
check bash "$bash_completion"
check zsh "$zsh_completion"
check fish "$fish_completion"

if [ "$n_failed" -ne 0 ]; then
	echo "$me: $n_failed failed (options of kdecode --help: $help_opts)" >&2
	exit 1
fi
echo "$me: man page and completions list every option: $help_opts"
exit 0
