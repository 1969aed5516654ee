#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Every long option that kdecode --help lists must be documented in the man page and
# completed by the bash, zsh and fish completions, taking an argument where --help
# says it takes one; and the man page and completions must not offer options that
# --help does not list (util-linux tests/ts/misc/checkcompletion.sh). The same for
# the commands "kdecode snapshot" and "kdecode index" and their --help. Each file
# keeps them apart (CMD: snapshot or index):
#
#	          kdecode                          kdecode CMD
#	man       the OPTIONS section              "## Options of kdecode snapshot",
#	                                           "## kdecode index"
#	bash      the function _kdecode            the function _kdecode_CMD
#	zsh       outside any function             the function _kdecode_CMD
#	fish      complete lines without ...       complete lines with the condition
#	          ... "-n __kdecode_CMD"           "-n __kdecode_CMD"
#
# make check runs it with KDECODE (the built binary) and srcdir (the top source
# directory) set; standalone, it uses ./kdecode and the current directory.
# CHECK_MAN, CHECK_BASH, CHECK_ZSH and CHECK_FISH, when set, name other files to
# check instead of the ones in the tree (to see the test fail on a broken copy).
# Exit status: 0 pass, 1 fail, 99 kdecode --help, kdecode snapshot --help or
# kdecode index --help could not be run.

# shellcheck disable=SC2317 # the extractors are called as "${kind}_options"

KDECODE=${KDECODE:-./kdecode}
srcdir=${srcdir:-.}
man=${CHECK_MAN:-$srcdir/man/kdecode.1.scd}
bash_completion=${CHECK_BASH:-$srcdir/completions/bash/kdecode}
zsh_completion=${CHECK_ZSH:-$srcdir/completions/zsh/_kdecode}
fish_completion=${CHECK_FISH:-$srcdir/completions/fish/kdecode.fish}
me=${0##*/}
n_failed=0
# the commands, "kdecode CMD", that have options of their own
commands='snapshot index'

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

# help_options [ARG...] - set help_opts and help_arg_opts to the long options that
# "kdecode ARG... --help" lists, and those of them that take an argument; the option
# lines are "  -k, --vmlinux=FILE   ..." or "      --root=DIR   ..."
help_options()
{
	if ! help=$(LC_ALL=C "$KDECODE" "$@" --help); then
		echo "$me: cannot run '$KDECODE${1:+ $*} --help'" >&2
		exit 99
	fi
	# "Usage: kdecode snapshot [OPTION...]": not the main help, with "snapshot" as a FILE
	case $(printf '%s\n' "$help" | sed -n 1p) in
	"Usage: "*" $*"*) ;;
	*)
		echo "$me: '$KDECODE $* --help' does not give the help of kdecode $*" >&2
		exit 99
		;;
	esac
	help_opts=$(printf '%s\n' "$help" |
		sed -n 's/^ *\(-[^- ], \)\{0,1\}--\([a-z][a-z0-9-]*\).*/\2/p' | words)
	help_arg_opts=$(printf '%s\n' "$help" |
		sed -n 's/^ *\(-[^- ], \)\{0,1\}--\([a-z][a-z0-9-]*\)=.*/\2/p' | words)
	if [ -z "$help_opts" ]; then
		echo "$me: no long options found in '$KDECODE${1:+ $*} --help'" >&2
		exit 99
	fi
}

# Each extractor KIND_options WHAT FILE CMD prints the long options that FILE offers
# for CMD (kdecode: "main", or one of $commands) if WHAT is "opts", or those it gives
# an argument if WHAT is "args", one per line, without the leading "--".

# man page: option headings "*-k*, *--vmlinux*=_FILE_" or "*--root*=_DIR_", in the
# OPTIONS section (up to the next section) or in the subsection "## Options of
# kdecode snapshot" or "## kdecode index" (up to the next heading; the latter may
# also be called "## Options of kdecode index")
man_options()
{
	case $3 in
	snapshot) sed -n '/^## Options of kdecode snapshot[[:space:]]*$/,/^#/p' "$2" ;;
	index) sed -n '/^## \(Options of \)\{0,1\}kdecode index[[:space:]]*$/,/^#/p' "$2" ;;
	*) sed -n '/^# OPTIONS[[:space:]]*$/,/^# /p' "$2" ;;
	esac |
		sed -n 's/^\(\*-[^-*][^*]*\*, \)\{0,1\}\*--\([a-z][a-z0-9-]*\)\*\(.*\)$/\2 \3/p' |
		while read -r name rest; do
			case $1:$rest in
			opts:*) echo "$name" ;;
			args:=*) echo "$name" ;;
			esac
		done
}

# bash: the keys of the long -> short map, "['vmlinux']='k'"; arguments: with_arg='...';
# in the function _kdecode, or _kdecode_CMD (from "NAME()" to the next "}" line)
bash_options()
{
	if [ "$3" = main ]; then
		function=_kdecode
	else
		function=_kdecode_$3
	fi
	if [ "$1" = opts ]; then
		sed -n "/^$function()/,/^}/s/^[[:space:]]*\['\([a-z][a-z0-9-]*\)'\]=.*/\1/p" "$2"
	else
		sed -n "/^$function()/,/^}/s/^[[:space:]]*local with_arg='\(.*\)'.*/\1/p" "$2" |
			tr ' ' '\n' | grep .
	fi
}

# zsh: _arguments specs, "{-k+,--vmlinux=}", "'--root=[", "{-q,--quiet}", "--usage[";
# not exclusion lists "(-k --vmlinux)" nor comments; kdecode's outside any function
# (from a line ending in "NAME()" to the next "}" line), kdecode CMD's in the
# function _kdecode_CMD
zsh_options()
{
	if [ "$3" = main ]; then
		sed '/()[[:space:]]*$/,/^}/d' "$2"
	else
		sed -n "/_kdecode_$3()[[:space:]]*\$/,/^}/p" "$2"
	fi | grep -v '^[[:space:]]*#' | grep -o -- '--[a-z][a-z0-9-]*[]}+=[]' |
		while read -r token; do
			name=${token%?}
			name=${name#--}
			case $1:$token in
			opts:*) echo "$name" ;;
			args:*=) echo "$name" ;;
			esac
		done
}

# fish: "complete -c kdecode ... -l vmlinux ..."; an argument: -r, -x or their long names;
# kdecode CMD's have the condition "-n __kdecode_CMD", kdecode's none of these
fish_options()
{
	if [ "$3" = main ]; then
		names=$(echo "$commands" | tr ' ' '|')
		grep '^[[:space:]]*complete ' "$2" |
			grep -v -E -e "(-n|--condition)[ =]['\"]?__kdecode_($names)([ '\"]|\$)"
	else
		grep '^[[:space:]]*complete ' "$2" |
			grep -E -e "(-n|--condition)[ =]['\"]?__kdecode_$3([ '\"]|\$)"
	fi |
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

# check KIND FILE CMD - compare what FILE offers for CMD with its --help (help_opts,
# help_arg_opts), both ways
check()
{
	kind=$1
	file=$2
	if [ "$3" = main ]; then
		command=kdecode
	else
		command="kdecode $3"
	fi
	if [ ! -r "$file" ]; then
		fail "$file: cannot be read"
		return
	fi
	opts=$("${kind}_options" opts "$file" "$3" | words)
	args=$("${kind}_options" args "$file" "$3" | words)

	for opt in $help_opts; do
		if ! has "$opts" "$opt"; then
			fail "--$opt (in $command --help) is missing from $file"
		elif has "$help_arg_opts" "$opt" && ! has "$args" "$opt"; then
			fail "--$opt of $command takes an argument, but not in $file"
		elif ! has "$help_arg_opts" "$opt" && has "$args" "$opt"; then
			fail "--$opt of $command takes no argument, but takes one in $file"
		fi
	done
	for opt in $opts; do
		has "$help_opts" "$opt" ||
			fail "--$opt in $file is not an option of $command --help"
	done
}

# check_all CMD - the man page and the three completions against CMD's --help
check_all()
{
	check man "$man" "$1"
	check bash "$bash_completion" "$1"
	check zsh "$zsh_completion" "$1"
	check fish "$fish_completion" "$1"
}

help_options
main_opts=${help_opts% }
check_all main

help_options snapshot
snapshot_opts=${help_opts% }
check_all snapshot

help_options index
index_opts=${help_opts% }
check_all index

if [ "$n_failed" -ne 0 ]; then
	echo "$me: $n_failed failed (options of kdecode --help: $main_opts;" \
		"of kdecode snapshot --help: $snapshot_opts;" \
		"of kdecode index --help: $index_opts)" >&2
	exit 1
fi
echo "$me: man page and completions list every option of kdecode: $main_opts;" \
	"of kdecode snapshot: $snapshot_opts; of kdecode index: $index_opts"
exit 0
