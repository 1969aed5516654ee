#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# What a hostile log can make kdecode touch: every input of tests/bad-input/ and every
# real report of tests/oopses/, decoded under strace. kdecode must execute nothing (one
# execve: itself) and name no path but those of the allow-list in allowed(): the dynamic
# loader's, the input, the paths given with -k/-m/-s, /proc/self/, and what lies under
# --root. Every path argument of a file syscall (strace's %file: open, openat, access,
# stat, readlink ...) counts, whether the call succeeded or not: probing a path that a
# release or module name like "../../x" leads to is the bug, even where nothing is there.

. "${srcdir:-.}/tests/lib.sh"
command -v strace >/dev/null || { echo "$test_name: strace is not installed" >&2; exit 77; }
make_tmpdir
root=$tmp/root
# the per-build indexes: named by the build IDs of the debug files, never by the input
export XDG_CACHE_HOME=$tmp/cache
mkdir -p "$root" "$tmp/mods" || exit 99
# LeakSanitizer cannot run under ptrace; a debuginfod server would be asked for files
export ASAN_OPTIONS=${ASAN_OPTIONS:+$ASAN_OPTIONS:}detect_leaks=0
unset DEBUGINFOD_URLS
strace -o /dev/null true 2>/dev/null || { echo "$test_name: strace cannot trace here" >&2; exit 77; }
n_runs=0

# allowed CALL PATH GIVEN... - PATH (absolute, normalized) is one kdecode may name in this
# run: GIVEN are the input and the -k/-m/-s paths (a path, or anything below it)
allowed()
{
	local call=$1 p=$2 g
	shift 2
	case $p in
	/etc/ld.so.cache | /etc/ld.so.preload) return 0 ;;	# the dynamic loader
	# shared libraries, where the loader looks for them (glibc-hwcaps/... tries too)
	/lib/*/lib*.so* | /lib64/lib*.so* | /usr/lib/*/lib*.so* | /usr/lib64/lib*.so*) return 0 ;;
	# its own /proc/PID (libdwfl finds the path of an fd in /proc/self/fd/N)
	/proc/self | /proc/self/* | "/proc/$pid" | "/proc/$pid"/*) return 0 ;;
	# glibc's malloc, making an arena for the thread that parses a log file
	/proc/sys/vm/overcommit_memory) return 0 ;;
	"$root" | "$root"/*) return 0 ;;
	"$XDG_CACHE_HOME" | "$XDG_CACHE_HOME"/kdecode | "$XDG_CACHE_HOME"/kdecode/[0-9a-f]*.kdx) return 0 ;;
	"$XDG_CACHE_HOME"/kdecode/.[0-9a-f]*) return 0 ;;	# its lock and temporary files
	esac
	for g in "$root" "$@"; do
		case $p in "$g" | "$g"/*) return 0 ;; esac
		# realpath(3) reads each directory on the way to a path (and /proc on the
		# way to /proc/self)
		[ "$call" = readlink ] && [[ $g/ == "$p"/* || $p == /proc ]] && return 0
	done
	return 1
}

# paths TRACE - "syscall path" per path a file syscall named (dirfd-relative ones joined
# to the directory strace -y shows), relative ones still relative
paths()
{
	# "1234  openat(AT_FDCWD</cwd>, "path", ..." or "1234  newfstatat(3</dir>, "path", ..."
	local re='^[0-9]\+ \+\([a-z0-9_]\+\)(\([0-9]\+<\([^>]*\)>, \)\?\(AT_FDCWD[^,]*, \)\?"\([^"]*\)".*'
	sed -n "s/$re/\\1 \\3|\\5/p" "$1" |
		while read -r call p; do
			case $p in
			*"|") ;;	# fstat(fd, ""): no path
			"|"*) echo "$call ${p#|}" ;;
			*) echo "$call ${p%%|*}/${p#*|}" ;;
			esac
		done
}

# traced DIR WHAT KDECODE-ARGS... - run kdecode in DIR under strace, check what it named;
# the paths of KDECODE-ARGS after -k, -m, -s and the last one (the input) are allowed
traced()
{
	local dir=$1 what=$2 given=() prev= a call p n
	shift 2
	n_runs=$((n_runs + 1))
	for a; do
		case $prev in -k | -m | -s) given+=("$(cd "$dir" && realpath -m -s -- "$a")") ;; esac
		prev=$a
	done
	given+=("$(cd "$dir" && realpath -m -s -- "${!#}")")
	(cd "$dir" && exec strace -f -y -s 4096 -e trace=%file -o "$tmp/trace" \
		"$KDECODE" "$@") >/dev/null 2>"$tmp/err"
	[ -s "$tmp/trace" ] || { fail "$what: no strace output: $(cat "$tmp/err")"; return; }
	# a sanitizer report: that is the failure; its symbolizer then reads debug files
	if grep -q 'AddressSanitizer\|LeakSanitizer\|runtime error' "$tmp/err"; then
		fail "$what: $(grep -m1 'AddressSanitizer\|LeakSanitizer\|runtime error' "$tmp/err")"
		return
	fi
	n=$(grep -c '^[0-9]\+ \+execve\(at\)\?(' "$tmp/trace")
	pid=$(sed -n '1s/^\([0-9]*\) .*/\1/p' "$tmp/trace")
	[ "$n" = 1 ] || fail "$what: $n execve calls: $(grep 'execve' "$tmp/trace")"
	while read -r call p; do
		[ "$call" = execve ] && continue
		p=$(cd "$dir" && realpath -m -s -- "$p")
		allowed "$call" "$p" "${given[@]}" || fail "$what: $call '$p'"
	done < <(paths "$tmp/trace")
}

# the hostile inputs and the real reports, with nothing but an empty --root
for f in "$srcdir"/tests/bad-input/*.in "$srcdir"/tests/oopses/*.log; do
	traced "$tmp" "${f#"$srcdir"/}" --root="$root" "$f"
done
# the real reports with their -m and -s (tests/oopses/*.args, relative to tests/oopses)
for f in "$srcdir"/tests/oopses/*.args; do
	read -r -a args <"$f"
	traced "$srcdir/tests/oopses" "${f#"$srcdir"/} with its args" --root="$root" \
		"${args[@]}" "$(basename "${f%.args}").log"
done
# -k and -m naming directories of their own: a module as -k is refused, -m is searched
xz -dc "$srcdir/tests/oopses/modules/plain/oopsmod.ko.xz" >"$tmp/mods/oopsmod.ko" || exit 99
traced "$tmp" "-m DIR" --root="$root" -m "$tmp/mods" "$srcdir/tests/bad-input/module-path.in"
traced "$tmp" "-k FILE" --root="$root" -k "$tmp/mods/oopsmod.ko" -m "$tmp/mods" \
	"$srcdir/tests/bad-input/report.in"

echo "$test_name: $n_runs runs, $n_failed failed"
finish
