#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Finding the real kernel's debug files without -k or -m: through a copied root with
# depmod output and a build-ID path, and from Debian's own debuginfod server.
#
# Usage: check-find.sh KDECODE [OUT_DIR]
#
# Runs after check.sh, on the logs and snapshots it left in OUT_DIR (plain/console.log,
# the VM's plain/snapshot: the Debian kernel prints no build IDs, the snapshot has
# them). Each way, every frame must decode as with -k vmlinux -m plain/ -s snapshot
# (the JSON compared whole, but for the files' paths): a root under --sysroot with
# lib/modules/REL/updates/oopsmod.ko indexed by depmod -b and the -dbg vmlinux at
# usr/lib/debug/.build-id/xx/yyyy.debug (another build in its release's place passed
# over), and there oopsmod.c rebuilt with other code
# in kernel/ and extra/, depmod's choice used either way; an empty root with nothing but DEBUGINFOD_URLS
# (and an empty DEBUGINFOD_CACHE_PATH) naming a debuginfod serving the vmlinux and
# the module; and that server stopped: a warning naming it, at once.
# Prints "check-find.sh: N checks passed" and the debuginfod timings.

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"
checks=0
server=

# same_as_reference NAME JSON - every report and frame as the -k/-m decoding
same_as_reference()
{
	local strip='del(.. | .object?) | del(.inputs)'
	jq -S "$strip" "$2" >"$2.cmp"
	cmp -s "$work/reference.cmp" "$2.cmp" ||
		fail "$1: decoded otherwise than with -k/-m: $(diff "$work/reference.cmp" "$2.cmp" | head -8)"
	[ "$(jq '[.reports[].frames[] | select(.error)] | length' "$2")" = 0 ] ||
		fail "$1: frames left undecoded"
	checks=$((checks + 1))
}

main()
{
	[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $kd_prog KDECODE [OUT_DIR]"
	KDECODE=$(readlink -f "$1")
	local out=${2:-${TMPDIR:-/tmp}/kdecode-kernel-test} x vmlinux log snap vid mid start
	need_pkgs jq debuginfod curl kmod bsdutils
	for f in release vmlinux-path plain/console.log plain/snapshot plain/oopsmod.ko; do
		[ -s "$out/$f" ] || die "no $out/$f: run check.sh first"
	done
	x=$(cat "$out/release")
	vmlinux=$(cat "$out/vmlinux-path")
	log=$out/plain/console.log
	snap=$out/plain/snapshot
	vid=$(awk '$1 == "build_id" { print $2 }' "$snap")
	mid=$(awk '$1 == "module_build_id" && $2 == "oopsmod" { print $3 }' "$snap")
	[ -n "$vid" ] && [ -n "$mid" ] || die "$snap has no build IDs"
	work=$out/find
	rm -rf "$work"
	mkdir -p "$work/empty" "$work/cache" "$work/srv/files" "$work/srv/state"

	"$KDECODE" -f json -k "$vmlinux" -m "$out/plain" -s "$snap" "$log" >"$work/reference.json" ||
		fail "reference: kdecode exited with $?"
	jq -S 'del(.. | .object?) | del(.inputs)' "$work/reference.json" >"$work/reference.cmp"
	[ "$(jq '[.reports[].frames[]] | length' "$work/reference.json")" -gt 100 ] ||
		fail "reference: too few frames"

	# a copied root: depmod's choice, and the vmlinux by its build ID (a hard link: the
	# same file system as the cache, or a copy)
	local root=$work/root
	mkdir -p "$root/lib/modules/$x/updates" "$root/usr/lib/debug/.build-id/${vid:0:2}"
	cp "$out/plain/oopsmod.ko" "$root/lib/modules/$x/updates/"
	ln "$vmlinux" "$root/usr/lib/debug/.build-id/${vid:0:2}/${vid:2}.debug" 2>/dev/null ||
		cp "$vmlinux" "$root/usr/lib/debug/.build-id/${vid:0:2}/${vid:2}.debug"
	depmod -b "$root" "$x" 2>/dev/null || fail "depmod -b failed"
	# and in the release's place, another build (any ELF file with a build ID): passed
	# over for the snapshot's build ID
	mkdir -p "$root/usr/lib/debug/boot"
	cp "$out/plain/oopsmod.ko" "$root/usr/lib/debug/boot/vmlinux-$x"
	"$KDECODE" -v -f json --sysroot="$root" -s "$snap" "$log" >"$work/sysroot.json" \
		2>"$work/sysroot.err" || fail "--sysroot: kdecode exited with $?: $(tail -3 "$work/sysroot.err")"
	grep -q "oopsmod: depmod chose '$root/lib/modules/$x/updates/oopsmod.ko'" "$work/sysroot.err" ||
		fail "--sysroot: not depmod's choice: $(grep oopsmod "$work/sysroot.err")"
	grep -q "vmlinux: build ID $vid: '$root/usr/lib/debug/.build-id/" "$work/sysroot.err" ||
		fail "--sysroot: vmlinux not by build ID: $(grep vmlinux "$work/sysroot.err")"
	grep -q "vmlinux: '$root/usr/lib/debug/boot/vmlinux-$x' has build ID [0-9a-f]*, not $vid: looking further" \
		"$work/sysroot.err" || fail "--sysroot: another build in the release's place not passed over"
	rm "$root/usr/lib/debug/boot/vmlinux-$x"
	same_as_reference "--sysroot" "$work/sysroot.json"

	# depmod's choice among real builds: oopsmod.c rebuilt with other code (a line
	# more at the top, a changed statement) in kernel/ and extra/; the module that ran
	# in updates/ is used; put first by depmod.d, a rebuilt one shows in the decoding
	mkdir -p "$work/rebuilt-src"
	# (deref_victim grows: check-verify.sh uses this build as the wrong module)
	{ echo "/* rebuilt by check-find.sh: other lines, other code */"; sed \
		's|\*p += delta; /\* KD:null_fault \*/|*p += delta + 1; p[1] = delta; /* KD:null_fault */|' \
		"$here/oopsmod/oopsmod.c"; } >"$work/rebuilt-src/oopsmod.c"
	cp "$here/oopsmod/Kbuild" "$work/rebuilt-src/"
	cmp -s "$work/rebuilt-src/oopsmod.c" "$here/oopsmod/oopsmod.c" && fail "no rebuilt source"
	"$here/build-module.sh" "$work/rebuilt-src" "$work/rebuilt" "$x"
	mkdir -p "$root/lib/modules/$x/kernel/drivers/misc" "$root/lib/modules/$x/extra"
	cp "$work/rebuilt/oopsmod.ko" "$root/lib/modules/$x/kernel/drivers/misc/"
	cp "$work/rebuilt/oopsmod.ko" "$root/lib/modules/$x/extra/"
	depmod -b "$root" "$x" 2>/dev/null || fail "depmod -b failed"
	"$KDECODE" -f json --sysroot="$root" -s "$snap" "$log" >"$work/depmod.json" 2>/dev/null ||
		fail "depmod: kdecode exited with $?"
	same_as_reference "depmod's updates/" "$work/depmod.json"
	mkdir -p "$root/etc/depmod.d"
	echo "search built-in extra updates" >"$root/etc/depmod.d/order.conf"
	depmod -b "$root" -C "$root/etc/depmod.d" "$x" 2>/dev/null || fail "depmod -C failed"
	grep -q '^kernel/drivers/misc/oopsmod.ko:' "$root/lib/modules/$x/modules.dep" ||
		fail "depmod.d: depmod did not pick kernel/"
	# used, and said not to be the module that ran (exit status 6)
	local status=0
	"$KDECODE" -f json --sysroot="$root" -s "$snap" "$log" >"$work/depmod-d.json" \
		2>/dev/null || status=$?
	[ "$status" = 6 ] || fail "depmod.d: exit status $status, want 6 (debug files do not match)"
	jq -e '[.reports[].mismatches[] | select(test("kernel/drivers/misc/oopsmod.ko.* has build ID"))]
		| length > 0' "$work/depmod-d.json" >/dev/null ||
		fail "depmod.d: the rebuilt module is not the one used, or not said to be another build"
	checks=$((checks + 1))

	# debuginfod, serving the -dbg vmlinux and the module (symbolic links: -L)
	ln -s "$vmlinux" "$work/srv/files/vmlinux-$x"
	ln -s "$out/plain/oopsmod.ko" "$work/srv/files/oopsmod.ko"
	start=$SECONDS
	local url
	url=$(KDECODE_DEBUGINFOD_ARGS=-L bash "$here/../debuginfod-serve.sh" "$work/srv/state" \
		"$work/srv/files" "$vid" "$mid") || fail "debuginfod did not serve the files"
	server=$(cat "$work/srv/state/debuginfod.pid")
	trap '[ -z "$server" ] || kill "$server" 2>/dev/null || true' EXIT
	note "debuginfod indexed the vmlinux in $((SECONDS - start)) s"
	start=$SECONDS
	env DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$work/cache" \
		"$KDECODE" -v -f json --sysroot="$work/empty" -s "$snap" "$log" \
		>"$work/debuginfod.json" 2>"$work/debuginfod.err" ||
		fail "debuginfod: kdecode exited with $?: $(grep -v '^kdecode: [a-z]*:' "$work/debuginfod.err" | tail -3)"
	note "decoding through debuginfod (downloading $(du -sh "$work/cache" | cut -f1)) took $((SECONDS - start)) s"
	grep -q "vmlinux: debuginfod gave '$work/cache/$vid/debuginfo'" "$work/debuginfod.err" ||
		fail "debuginfod: vmlinux not from it: $(grep vmlinux "$work/debuginfod.err")"
	grep -q "oopsmod: debuginfod gave '$work/cache/$mid/debuginfo'" "$work/debuginfod.err" ||
		fail "debuginfod: oopsmod not from it"
	same_as_reference "debuginfod" "$work/debuginfod.json"
	# again, from the cache
	start=$SECONDS
	env DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$work/cache" \
		"$KDECODE" -f json --sysroot="$work/empty" -s "$snap" "$log" >"$work/cached.json" ||
		fail "debuginfod, cached: kdecode exited with $?"
	note "decoding again from the debuginfod cache took $((SECONDS - start)) s"
	same_as_reference "debuginfod cache" "$work/cached.json"

	# the download's progress: on a terminal (script(1) gives it one), not in a file
	grep -q "downloading" "$work/debuginfod.err" && fail "progress shown on a file"
	rm -rf "${work:?}/cache"/*
	env DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$work/cache" script -qec \
		"'$KDECODE' --sysroot='$work/empty' -s '$snap' '$log' >/dev/null" /dev/null |
		tr '\r' '\n' >"$work/terminal.err"
	grep -q "^kdecode: downloading vmlinux from debuginfod: [0-9]*/[0-9]* KiB" \
		"$work/terminal.err" || fail "no progress on a terminal: $(head -c 300 "$work/terminal.err")"
	checks=$((checks + 2))

	# stopped: no hang, a warning naming the server; the frames stay undecoded (status 1)
	kill "$server"
	while kill -0 "$server" 2>/dev/null; do sleep 0.1; done
	rm -rf "${work:?}/cache"/*
	start=$SECONDS
	status=0
	env DEBUGINFOD_URLS="$url" DEBUGINFOD_CACHE_PATH="$work/cache" \
		"$KDECODE" -f json --sysroot="$work/empty" -s "$snap" "$log" >/dev/null \
		2>"$work/stopped.err" || status=$?
	[ "$status" = 1 ] || fail "stopped: exit status $status, want 1"
	[ $((SECONDS - start)) -le 10 ] || fail "stopped: took $((SECONDS - start)) s"
	grep -q "debuginfod ($url): cannot fetch build ID .*: Connection refused" "$work/stopped.err" ||
		fail "stopped: $(cat "$work/stopped.err")"
	checks=$((checks + 1))
	rm -rf "${work:?}/cache" "$root"	# 600 MB of copies
	echo "$kd_prog: $checks checks passed on $x"
}

main "$@"
