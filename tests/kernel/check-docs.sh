#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The commands the documentation shows must work as written: every kdecode command of
# README's examples and of kdecode(1)'s EXAMPLES runs, on the real kernel's files
# check.sh left, in a directory laid out as the examples assume (vmlinux, modules/,
# crash.log, logs/, snapshot), with the system paths they name moved into it
# (/var/lib/kdecode, /var/cache/kdecode, /mnt, the release's debug files) and dmesg and
# journalctl replaced by that crash.log. Each must end with a status that means it
# decoded: 0, 1 (frames left undecoded: a command without -k finds no debug files
# here) or 5 (--fail-on found its kind). kdecode snapshot reads this machine's /proc,
# so this runs as root, as check.sh does.
#
# Usage: check-docs.sh KDECODE [OUT_DIR]. Prints "check-docs.sh: N commands passed".

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"
top=$(readlink -f "$here/../..")

# the commands: README's indented example lines, kdecode(1)'s EXAMPLES blocks; a line
# ending in '\' goes on on the next; comments after '#' dropped; transcripts ("$ "),
# builds and the benchmark are not examples of use
commands()
{
	{
		awk '/^    / { sub(/^    /, ""); print }' "$top/README"
		awk '/^# EXAMPLES/ { on = 1; next } /^# / { on = 0 }
			on && /^```/ { inb = !inb; next } on && inb { print }' "$top/man/kdecode.1.scd"
	} | awk '{ line = line $0 } /\\$/ { sub(/\\$/, "", line); next } { print line; line = "" }' |
		sed -e 's/  \+# .*$//' -e 's/^[[:space:]]*//' -e 's/[[:space:]]\+/ /g' |
		grep -E '^(kdecode|dmesg|journalctl|install -d)' | sort -u
}

main()
{
	[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $kd_prog KDECODE [OUT_DIR]"
	KDECODE=$(readlink -f "$1")
	local out=${2:-${TMPDIR:-/tmp}/kdecode-kernel-test} vmlinux release n=0 cmd status
	for f in release vmlinux-path plain/console.log plain/snapshot plain/oopsmod.ko \
		fs/console.log panic/console.log; do
		[ -s "$out/$f" ] || die "no $out/$f: run check.sh first"
	done
	vmlinux=$(cat "$out/vmlinux-path")
	release=$(cat "$out/release")
	work=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-docs.XXXXXX")
	trap 'rm -rf "$work"' EXIT

	# the layout the examples assume
	ln -s "$vmlinux" "$work/vmlinux"
	mkdir -p "$work/modules" "$work/logs" "$work/bin" "$work/mnt/usr/lib/debug/boot"
	cp "$out/plain/oopsmod.ko" "$out/plain/oopsmod.c" "$work/modules/"
	cp "$out/plain/console.log" "$work/crash.log"
	cp "$out/plain/snapshot" "$work/snapshot"
	cp "$out/plain/console.log" "$work/logs/plain.txt"
	cp "$out/fs/console.log" "$work/logs/fs.txt"
	gzip -c "$out/panic/console.log" >"$work/logs/panic.gz"
	ln -s "$vmlinux" "$work/mnt/usr/lib/debug/boot/vmlinux-$release"
	# kdecode on PATH, reading no cache but the examples' own
	{
		printf '#!/bin/bash\n'
		printf 'case ${1-} in\n'
		printf 'index) shift; exec %q index --cache-dir=%q "$@" ;;\n' "$KDECODE" "$work/cache"
		printf 'snapshot) exec %q "$@" ;;\n' "$KDECODE"
		printf '*) exec %q --cache-dir=%q "$@" ;;\nesac\n' "$KDECODE" "$work/cache"
	} >"$work/bin/kdecode"
	chmod +x "$work/bin/kdecode"

	while IFS= read -r cmd; do
		local run=$cmd
		run=${run//'dmesg |'/'cat crash.log |'}
		run=${run//'journalctl -k -b -1 |'/'cat crash.log |'}
		run=${run//'/var/lib/kdecode'/"$work/var-lib-kdecode"}
		run=${run//'/var/cache/kdecode'/"$work/var-cache-kdecode"}
		run=${run//'/usr/lib/debug/boot/vmlinux-$(uname -r)'/"$work/vmlinux"}
		run=${run//'/usr/lib/debug/lib/modules/$(uname -r)'/"$work/modules"}
		run=${run//'~/src/linux'/"$work/modules"}
		run=${run//'--root=/mnt'/"--root=$work/mnt"}
		run=${run//'-r 6.1.0-56-cloud-amd64'/"-r $release"}
		status=0
		(cd "$work" && PATH=$work/bin:$PATH bash -o pipefail -c "$run") \
			>"$work/out" 2>"$work/err" || status=$?
		case $status in
		0 | 1 | 5) ;;
		*) fail "'$cmd' (run as '$run'): exit status $status: $(head -n3 "$work/err")" ;;
		esac
		n=$((n + 1))
	done < <(commands)
	[ "$n" -ge 15 ] || fail "only $n commands found in README and kdecode(1) EXAMPLES"
	echo "$kd_prog: $n commands passed"
}

main "$@"
