#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Finding debug files (kdecode(1), DEBUG FILES): a fake /lib/modules/REL tree under
# --sysroot with real depmod output, debug twins, build-ID paths, .gnu_debuglink,
# compressed modules and debug sections, and a real debuginfod server. The real log
# tests/oopses/debian-6.1-oopsmod.log is decoded each way; its module frames must come
# out as with -m tests/oopses/modules/plain (the module it was provoked with), and a
# wrong choice must show: the other copies of oopsmod in the tree are other builds.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
oopses=$srcdir/tests/oopses
log=$oopses/debian-6.1-oopsmod.log
snaplog=$oopses/debian-6.1-oopsmod-snapshot.log
snap=$oopses/debian-6.1-oopsmod-snapshot.snapshot
rel=6.1.0-56-cloud-amd64
right_id=9ce30f6196524c26ab2250f3d95a1c2ae94f79a2	# modules/plain's build ID
PATH=$PATH:/usr/sbin:/sbin

# the module the logs were provoked with, and two other builds of oopsmod.c
xz -dc "$oopses/modules/plain/oopsmod.ko.xz" >"$tmp/right.ko" || exit 99
xz -dc "$oopses/modules/fs/oopsmod.ko.xz" >"$tmp/other.ko" || exit 99
xz -dc "$oopses/modules/kinds/oopsmod.ko.xz" >"$tmp/third.ko" || exit 99

# decoded LOG ARGS... - kdecode's annotate output (stdout) of LOG, but for the warning
# about the vmlinux, which is missing in each case and names the places looked in;
# -v's account of where it looked in $tmp/err
decoded()
{
	local in=$1
	shift
	"$KDECODE" -v "$@" "$in" 2>"$tmp/err" | grep -v ' => warning: no vmlinux for '
}

# expect NAME GOT_FILE WANT_FILE - the module frames decode the same
expect_same()
{
	cmp -s "$2" "$3" || fail "$1: decoded otherwise: $(diff "$3" "$2" | grep '=>' | head -3)"
}

# uses NAME PATH_RE - -v said it used a file matching PATH_RE for oopsmod
uses()
{
	grep -q "using '$2' for oopsmod" "$tmp/err" ||
		fail "$1: did not use $2: $(grep -E "oopsmod|using" "$tmp/err" | head -5)"
}

decoded "$log" -m "$oopses/modules/plain" >"$tmp/want" 2>/dev/null
decoded "$log" -m "$oopses/modules/fs" >"$tmp/want-other" 2>/dev/null
grep -q 'oopsmod.c:46:2' "$tmp/want" || fail "reference: no poke at oopsmod.c:46:2"
cmp -s "$tmp/want" "$tmp/want-other" && fail "reference: the other build decodes the same"

# --- depmod's choice: updates/ (a DKMS build) over kernel/ and extra/ ----------------
root=$tmp/root
mods=$root/lib/modules/$rel
if command -v depmod >/dev/null; then
	mkdir -p "$mods/kernel/drivers/misc" "$mods/extra" "$mods/updates/dkms"
	cp "$tmp/other.ko" "$mods/kernel/drivers/misc/oopsmod.ko"
	cp "$tmp/third.ko" "$mods/extra/oopsmod.ko"
	cp "$tmp/right.ko" "$mods/updates/dkms/oopsmod.ko"
	# and a stale debug copy of another build, which used to win over updates/
	mkdir -p "$root/usr/lib/debug/lib/modules/$rel/kernel/drivers/misc"
	cp "$tmp/other.ko" "$root/usr/lib/debug/lib/modules/$rel/kernel/drivers/misc/oopsmod.ko"
	depmod -b "$root" "$rel" 2>/dev/null || fail "depmod -b failed"
	grep -q '^updates/dkms/oopsmod.ko:' "$mods/modules.dep" || fail "depmod did not pick updates/"
	decoded "$log" --sysroot="$root" >"$tmp/got"
	uses "depmod updates" "$mods/updates/dkms/oopsmod.ko"
	grep -q "depmod chose '$mods/updates/dkms/oopsmod.ko'" "$tmp/err" ||
		fail "depmod updates: -v does not say depmod's choice"
	expect_same "depmod updates" "$tmp/got" "$tmp/want"

	# depmod.d's "search" puts extra/ first: depmod picks it, and so does kdecode
	mkdir -p "$root/etc/depmod.d"
	echo "search extra updates built-in" >"$root/etc/depmod.d/order.conf"
	depmod -b "$root" -C "$root/etc/depmod.d" "$rel" 2>/dev/null || fail "depmod -C failed"
	grep -q '^extra/oopsmod.ko:' "$mods/modules.dep" || fail "depmod.d: depmod did not pick extra/"
	decoded "$log" --sysroot="$root" >"$tmp/got"
	uses "depmod.d extra" "$mods/extra/oopsmod.ko"
	cmp -s "$tmp/got" "$tmp/want" && fail "depmod.d extra: decoded as the updates/ build"

	# the chosen module's debug twin, at the same path under /usr/lib/debug, replaces
	# a stripped module; the stale kernel/ twin does not
	depmod -b "$root" "$rel" 2>/dev/null
	strip --strip-debug -o "$mods/updates/dkms/oopsmod.ko" "$tmp/right.ko"
	decoded "$log" --sysroot="$root" >"$tmp/got"
	grep -q ' => .*oopsmod.c:' "$tmp/got" && fail "stripped: source lines without debug info"
	mkdir -p "$root/usr/lib/debug/lib/modules/$rel/updates/dkms"
	cp "$tmp/right.ko" "$root/usr/lib/debug/lib/modules/$rel/updates/dkms/oopsmod.ko"
	decoded "$log" --sysroot="$root" >"$tmp/got"
	uses "debug twin" "$root/usr/lib/debug/lib/modules/$rel/updates/dkms/oopsmod.ko"
	expect_same "debug twin" "$tmp/got" "$tmp/want"

	# no modules.dep (depmod never ran): the search, updates/ first
	rm "$mods"/modules.*
	rm -r "$root/usr/lib/debug/lib/modules/$rel/updates"
	cp "$tmp/right.ko" "$mods/updates/dkms/oopsmod.ko"
	decoded "$log" --sysroot="$root" >"$tmp/got"
	grep -q "no '$mods/modules.dep.bin' (depmod -a not run)" "$tmp/err" ||
		fail "no modules.dep: -v does not say so: $(head -3 "$tmp/err")"
	uses "no modules.dep" "$mods/updates/dkms/oopsmod.ko"
	expect_same "no modules.dep" "$tmp/got" "$tmp/want"
else
	echo "$test_name: no depmod (Debian package kmod): its cases are left out" >&2
fi

# --- --sysroot: a path leading out of it is not used ------------------------------
mkdir -p "$tmp/escape/lib/modules/$rel/updates"
ln -s "$tmp/right.ko" "$tmp/escape/lib/modules/$rel/updates/oopsmod.ko"
decoded "$log" --sysroot="$tmp/escape" >"$tmp/got"
grep -q "using .* for oopsmod" "$tmp/err" && fail "escape: used a file outside --sysroot"
grep -q "leads out of --sysroot" "$tmp/err" || fail "escape: -v does not say why"

# --- build IDs: the report's "[oopsmod ID]", the snapshot's -------------------------
empty=$tmp/empty
mkdir -p "$empty"
bid=$tmp/bid/usr/lib/debug/.build-id/${right_id:0:2}
mkdir -p "$bid"
cp "$tmp/right.ko" "$bid/${right_id:2}.debug"
sed "s/ \[oopsmod\]\$/ [oopsmod $right_id]/" "$log" >"$tmp/with-id.log"
grep -q "\[oopsmod $right_id\]" "$tmp/with-id.log" || fail "cannot add build IDs to the log"
decoded "$tmp/with-id.log" -m "$oopses/modules/plain" >"$tmp/want-id" 2>/dev/null
decoded "$tmp/with-id.log" --sysroot="$tmp/bid" >"$tmp/got"
uses "report build ID" "$bid/${right_id:2}.debug"
expect_same "report build ID" "$tmp/got" "$tmp/want-id"
decoded "$snaplog" -m "$oopses/modules/plain" -s "$snap" >"$tmp/want-snap" 2>/dev/null
decoded "$snaplog" --sysroot="$tmp/bid" -s "$snap" >"$tmp/got"
uses "snapshot build ID" "$bid/${right_id:2}.debug"
expect_same "snapshot build ID" "$tmp/got" "$tmp/want-snap"
# another build in the release's place: passed over for the build ID's file
mkdir -p "$tmp/bid/lib/modules/$rel/kernel"
cp "$tmp/other.ko" "$tmp/bid/lib/modules/$rel/kernel/oopsmod.ko"
decoded "$tmp/with-id.log" --sysroot="$tmp/bid" >"$tmp/got"
uses "other build in place" "$bid/${right_id:2}.debug"
grep -q "oopsmod: '$tmp/bid/lib/modules/$rel/kernel/oopsmod.ko' has build ID [0-9a-f]*, not $right_id: looking further" \
	"$tmp/err" || fail "other build in place: -v does not say it was passed over"
expect_same "other build in place" "$tmp/got" "$tmp/want-id"
rm -r "$tmp/bid/lib"
# no build ID known: not looked up by one
decoded "$log" --sysroot="$tmp/bid" >"$tmp/got"
grep -q "using .* for oopsmod" "$tmp/err" && fail "no build ID: found a module anyway"

# --- .gnu_debuglink: a stripped module and its debug file beside it ----------------
mkdir -p "$tmp/link"
objcopy --only-keep-debug "$tmp/right.ko" "$tmp/link/oopsmod.ko.debug"
objcopy --strip-debug --add-gnu-debuglink="$tmp/link/oopsmod.ko.debug" "$tmp/right.ko" \
	"$tmp/link/oopsmod.ko"
decoded "$log" -m "$tmp/link" >"$tmp/got"
grep -q "with the debug info of '.*oopsmod.ko.debug'" "$tmp/err" ||
	fail "debuglink: -v does not name the debug file: $(grep using "$tmp/err")"
expect_same "debuglink" "$tmp/got" "$tmp/want"

# --- compressed modules and compressed debug sections ------------------------------
for z in gz xz zst; do
	if [ $z = zst ] && ! command -v zstd >/dev/null; then
		echo "$test_name: no zstd (Debian package zstd): .ko.zst is left out" >&2
		continue
	fi
	mkdir -p "$tmp/$z"
	case $z in
	gz) gzip -c "$tmp/right.ko" >"$tmp/$z/oopsmod.ko.gz" ;;
	xz) xz -c "$tmp/right.ko" >"$tmp/$z/oopsmod.ko.xz" ;;
	zst) zstd -q -c "$tmp/right.ko" >"$tmp/$z/oopsmod.ko.zst" ;;
	esac || fail "cannot make oopsmod.ko.$z"
	decoded "$log" -m "$tmp/$z" >"$tmp/got"
	uses ".ko.$z" "$tmp/$z/oopsmod.ko.$z"
	expect_same ".ko.$z" "$tmp/got" "$tmp/want"
done
mkdir -p "$tmp/shf"
objcopy --compress-debug-sections=zlib-gabi "$tmp/right.ko" "$tmp/shf/oopsmod.ko"
readelf -S "$tmp/shf/oopsmod.ko" | grep -A1 '\.debug_info' | grep -q ' C ' ||
	fail "SHF_COMPRESSED: objcopy did not compress .debug_info"
decoded "$log" -m "$tmp/shf" >"$tmp/got"
expect_same "SHF_COMPRESSED" "$tmp/got" "$tmp/want"
# a .ko.zst cut short: an error naming it, exit status 3
if [ -e "$tmp/zst/oopsmod.ko.zst" ]; then
	mkdir -p "$tmp/cut"
	head -c 20000 "$tmp/zst/oopsmod.ko.zst" >"$tmp/cut/oopsmod.ko.zst"
	"$KDECODE" -m "$tmp/cut" "$log" >/dev/null 2>"$tmp/err"
	status=$?
	[ "$status" = 3 ] || fail "cut .ko.zst: exit status $status, want 3"
	grep -q "oopsmod.ko.zst': truncated zstd data" "$tmp/err" ||
		fail "cut .ko.zst: $(cat "$tmp/err")"
fi

# --- debuginfod: a real server, by the snapshot's build IDs -----------------------
if command -v debuginfod >/dev/null && command -v curl >/dev/null; then
	mkdir -p "$tmp/srv/files" "$tmp/srv/state" "$tmp/cache"
	cp "$tmp/right.ko" "$tmp/srv/files/oopsmod.ko"
	start=$SECONDS
	if url=$(bash "$srcdir/tests/debuginfod-serve.sh" "$tmp/srv/state" "$tmp/srv/files" \
		"$right_id"); then
		server=$(cat "$tmp/srv/state/debuginfod.pid")
		trap 'kill $server 2>/dev/null; rm -rf "$tmp"' EXIT
		DEBUGINFOD_URLS=$url DEBUGINFOD_CACHE_PATH=$tmp/cache \
			decoded "$snaplog" --sysroot="$empty" -s "$snap" >"$tmp/got"
		uses "debuginfod" "$tmp/cache/$right_id/debuginfo"
		expect_same "debuginfod" "$tmp/got" "$tmp/want-snap"
		# stopped: a clear error, at once
		kill "$server"
		while kill -0 "$server" 2>/dev/null; do sleep 0.1; done
		rm -rf "$tmp/cache"/*
		DEBUGINFOD_URLS=$url DEBUGINFOD_CACHE_PATH=$tmp/cache \
			decoded "$snaplog" --sysroot="$empty" -s "$snap" >/dev/null
		grep -q "warning: no oopsmod.ko in .*debuginfod ($url): cannot fetch build ID $right_id: Connection refused" \
			"$tmp/err" || fail "debuginfod stopped: $(grep warning "$tmp/err")"
		echo "$test_name: debuginfod cases took $((SECONDS - start)) s" >&2
	else
		fail "debuginfod did not start"
	fi
	# a server that takes connections and never answers: one timeout (with the
	# client's retries), not one per build ID
	if command -v python3 >/dev/null; then
		python3 -c 'import socket, sys, time
s = socket.socket(); s.bind(("127.0.0.1", 0)); s.listen(16)
print(s.getsockname()[1], flush=True); time.sleep(120)' >"$tmp/silent.port" &
		silent=$!
		until [ -s "$tmp/silent.port" ]; do sleep 0.1; done
		start=$SECONDS
		DEBUGINFOD_URLS=http://127.0.0.1:$(cat "$tmp/silent.port") \
		DEBUGINFOD_CACHE_PATH=$tmp/cache DEBUGINFOD_TIMEOUT=1 DEBUGINFOD_RETRY_LIMIT=1 \
			decoded "$snaplog" --sysroot="$empty" -s "$snap" >/dev/null
		took=$((SECONDS - start))
		kill "$silent"
		grep -q "no answer for build ID $right_id within DEBUGINFOD_TIMEOUT (1 s)" "$tmp/err" ||
			fail "silent debuginfod: $(grep warning "$tmp/err")"
		grep -q "debuginfod: not asked again after" "$tmp/err" ||
			fail "silent debuginfod: asked again for the vmlinux"
		[ "$took" -le 6 ] || fail "silent debuginfod: took $took s for a 1 s timeout"
	fi
else
	echo "$test_name: no debuginfod or curl (Debian packages debuginfod, curl): its cases are left out" >&2
fi

finish
