#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# kdecode snapshot on the fake roots of tests/rootfs/, and kdecode -s decoding the real
# -ffunction-sections log of tests/oopses/ with what it wrote.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
rootfs=$srcdir/tests/rootfs
oopses=$srcdir/tests/oopses
log=$oopses/debian-6.1-oopsmod-function-sections.log
n_cases=0
echo "[    1.000000] tiny" >"$tmp/tiny.log"

check() { n_cases=$((n_cases + 1)); }

# everything the root shows, as tests/rootfs/debian-6.1.expected (the time aside)
check
"$KDECODE" snapshot --root="$rootfs/debian-6.1" >"$tmp/snap" 2>"$tmp/err" ||
	fail "capture: exit status $?: $(cat "$tmp/err")"
grep -q '^captured 20[0-9-]*T[0-9:]*Z$' "$tmp/snap" || fail "capture: no captured time"
grep -v '^captured ' "$tmp/snap" | diff -u "$rootfs/debian-6.1.expected" - ||
	fail "capture: differs from debian-6.1.expected"

# addresses hidden by kptr_restrict: refused, nothing written
check
"$KDECODE" snapshot --root="$rootfs/hidden" -o "$tmp/hidden" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "hidden: exit status $status, want 3"
grep -q "shows module addresses as 0: not root, or kernel.kptr_restrict=2" "$tmp/err" ||
	fail "hidden: message: $(cat "$tmp/err")"
[ -e "$tmp/hidden" ] && fail "hidden: wrote a snapshot anyway"

# a kernel without module support (CONFIG_MODULES=n: no /proc/modules, no
# /sys/module): its own layout is captured, and it says the module part is empty;
# with its addresses hidden too, it is still refused
check
cp -r --no-preserve=mode "$rootfs/debian-6.1" "$tmp/nomod"
rm -r "$tmp/nomod/proc/modules" "$tmp/nomod/sys/module"
"$KDECODE" snapshot --root="$tmp/nomod" >"$tmp/nomod.snap" 2>"$tmp/err" ||
	fail "no modules: exit status $?: $(cat "$tmp/err")"
grep -q "proc/modules' does not exist: a kernel without module support" "$tmp/err" ||
	fail "no modules: message: $(cat "$tmp/err")"
for want in '^release 6.1.0-56-cloud-amd64$' '^build_id [0-9a-f]\{40\}$' '^text 0xffffffff' '^end$'; do
	grep -q "$want" "$tmp/nomod.snap" || fail "no modules: no '$want' in the snapshot"
done
grep -q '^module' "$tmp/nomod.snap" && fail "no modules: the snapshot has modules"
"$KDECODE" -s "$tmp/nomod.snap" "$tmp/tiny.log" >/dev/null 2>"$tmp/err" ||
	fail "no modules: reading it back: exit status $?: $(cat "$tmp/err")"
cp -r --no-preserve=mode "$rootfs/hidden" "$tmp/nomod-hidden"
rm -rf "$tmp/nomod-hidden/proc/modules" "$tmp/nomod-hidden/sys/module"
"$KDECODE" snapshot --root="$tmp/nomod-hidden" -o "$tmp/nomod-hidden.snap" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "no modules, hidden: exit status $status, want 3"
grep -q "no kernel address is visible" "$tmp/err" || fail "no modules, hidden: $(cat "$tmp/err")"
[ -e "$tmp/nomod-hidden.snap" ] && fail "no modules, hidden: wrote a snapshot anyway"

# a root whose osrelease is no release (it names directories): refused, nothing written;
# a history with such a record: the record left out, the others used
check
cp -r --no-preserve=mode "$rootfs/debian-6.1" "$tmp/badroot"
echo "../../../tmp/x" >"$tmp/badroot/proc/sys/kernel/osrelease"
"$KDECODE" snapshot --root="$tmp/badroot" -o "$tmp/bad" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "bad osrelease: exit status $status, want 3"
grep -q "proc/sys/kernel/osrelease' holds no kernel release" "$tmp/err" ||
	fail "bad osrelease: message: $(cat "$tmp/err")"
[ -e "$tmp/bad" ] && fail "bad osrelease: wrote a snapshot anyway"
{ sed 's/^release .*/release ..\/..\/x/' "$tmp/snap"; cat "$tmp/snap"; } >"$tmp/bad-history"
"$KDECODE" -s "$tmp/bad-history" "$tmp/tiny.log" >/dev/null 2>"$tmp/err" ||
	fail "bad release -s: exit status $?: $(cat "$tmp/err")"

# -o FILE.gz: gzip, mode 0600
check
"$KDECODE" snapshot --root="$rootfs/debian-6.1" -o "$tmp/snap.gz" || fail "-o: exit status $?"
gzip -t "$tmp/snap.gz" 2>/dev/null || fail "-o snap.gz: not gzip"
[ "$(stat -c %a "$tmp/snap.gz")" = 600 ] || fail "-o: mode $(stat -c %a "$tmp/snap.gz")"

# --append twice: one record; a file that is no history is left alone
check
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/history.gz" || fail "append 1"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" -v --append "$tmp/history.gz" 2>"$tmp/err" ||
	fail "append 2"
grep -q "layout unchanged since the record of line 1" "$tmp/err" || fail "append 2: $(cat "$tmp/err")"
[ "$(zcat "$tmp/history.gz" | grep -c '^kdecode-snapshot ')" = 1 ] || fail "append: records"
cp --no-preserve=mode "$log" "$tmp/not-history"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/not-history" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "append to a log: exit status $status, want 3"
cmp -s "$log" "$tmp/not-history" || fail "append to a log: changed it"

# a link planted where the history goes: nothing written through it, exit status 4 (the
# snapshot could not be written), the file named; -o replaces the link itself
check
mkdir "$tmp/links"
echo "not a history" >"$tmp/links/victim"
chmod 644 "$tmp/links/victim"
ln -s victim "$tmp/links/to-file"
ln -s absent "$tmp/links/dangling"
for link in to-file dangling; do
	"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/links/$link" 2>"$tmp/err"
	status=$?
	[ "$status" = 4 ] || fail "--append $link: exit status $status, want 4"
	grep -q "^kdecode: error: refusing to add to '$tmp/links/$link': it is a symbolic link$" \
		"$tmp/err" || fail "--append $link: message: $(cat "$tmp/err")"
	[ -L "$tmp/links/$link" ] || fail "--append $link: the link is gone"
	"$KDECODE" snapshot --root="$rootfs/debian-6.1" -o "$tmp/links/$link" ||
		fail "-o $link: exit status $?"
	[ -L "$tmp/links/$link" ] && fail "-o $link: still a link"
done
[ "$(cat "$tmp/links/victim")" = "not a history" ] || fail "links: wrote through one"
[ -e "$tmp/links/absent" ] && fail "links: created the dangling link's target"
mkfifo "$tmp/links/fifo"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/links/fifo" 2>"$tmp/err"
status=$?
[ "$status" = 4 ] || fail "--append fifo: exit status $status, want 4"
grep -q "refusing to add to '$tmp/links/fifo': it is not a regular file" "$tmp/err" ||
	fail "--append fifo: message: $(cat "$tmp/err")"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/links/h" || fail "--append h"
cp "$tmp/links/h" "$tmp/links/h.orig"
chmod 666 "$tmp/links/h"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/links/h" 2>"$tmp/err"
status=$?
[ "$status" = 4 ] || fail "--append 0666: exit status $status, want 4"
grep -q "refusing to add to '$tmp/links/h': it is writable by others" "$tmp/err" ||
	fail "--append 0666: message: $(cat "$tmp/err")"
chmod 600 "$tmp/links/h"
ln "$tmp/links/h" "$tmp/links/h2"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/links/h" 2>"$tmp/err"
status=$?
[ "$status" = 4 ] || fail "--append hard link: exit status $status, want 4"
rm "$tmp/links/h2"
if [ "$(id -u)" = 0 ]; then
	chown 65534 "$tmp/links/h"
	"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/links/h" 2>"$tmp/err"
	status=$?
	[ "$status" = 4 ] || fail "--append not ours: exit status $status, want 4"
	grep -q "refusing to add to '$tmp/links/h': it is owned by another user" "$tmp/err" ||
		fail "--append not ours: message: $(cat "$tmp/err")"
fi
cmp -s "$tmp/links/h" "$tmp/links/h.orig" || fail "--append: changed a refused history"

# four --append at once, as udev starts them, 25 times each, every layout new: each run
# adds its record whole, in turn (flock); none is lost or cut into another. To a .gz, with
# 3,000 symbols: zlib writes such a record in several pieces, which interleave unlocked.
check
for i in 0 1 2 3; do
	cp -r --no-preserve=mode "$rootfs/debian-6.1" "$tmp/root$i"
	awk -v i=$i 'BEGIN { for (k = 0; k < 3000; k++)
		printf "ffffffff8%07x T sym_%d_%x_%d\n", k * 64, i, k * 7919 % 65521, k }' \
		>>"$tmp/root$i/proc/kallsyms"
done
busy()
{
	hist=$1 n=$2
	shift 2
	for i in 0 1 2 3; do
		(
			for j in $(seq 0 $((n - 1))); do
				printf 'oopsmod 16384 0 - Live 0xffffffffc%07x (OE)\n' \
					$(((i * n + j) * 65536)) >"$tmp/root$i/proc/modules"
				"$KDECODE" snapshot --root="$tmp/root$i" "$@" --append "$hist" ||
					echo "append $i.$j: exit status $?"
			done
		) >"$tmp/busy$i.err" 2>&1 &
	done
	wait
	cat "$tmp/busy"[0-3].err | grep -q . &&
		fail "busy: $(cat "$tmp/busy"[0-3].err | head -c 300)"
	if [ "${hist%.gz}" = "$hist" ]; then cat "$hist"; else zcat "$hist"; fi >"$tmp/busy.txt"
	[ "$(grep -c '^kdecode-snapshot ' "$tmp/busy.txt")" = $((4 * n)) ] ||
		fail "busy ${hist##*/}: $(grep -c '^kdecode-snapshot ' "$tmp/busy.txt") records"
	[ "$(grep '^module ' "$tmp/busy.txt" | sort -u | wc -l)" = $((4 * n)) ] ||
		fail "busy ${hist##*/}: layouts lost or doubled"
	"$KDECODE" -s "$hist" "$tmp/tiny.log" >/dev/null 2>"$tmp/err" ||
		fail "busy ${hist##*/}: -s: exit status $?: $(cat "$tmp/err")"
	grep -v "no kernel report in" "$tmp/err" | grep -q . &&
		fail "busy ${hist##*/}: -s: $(head -c 300 "$tmp/err")"
}
busy "$tmp/busy" 25
busy "$tmp/busy.gz" 10 --kallsyms

# decoding with it: module frames at their run-time addresses, raw ones decoded
check
sed 's/^\(\[[^]]*\]\)  trigger_write+0xe8\/0xef0 \[oopsmod\]$/\1  [<ffffffffc02051f8>] /' \
	"$log" >"$tmp/raw.log"
grep -q 'ffffffffc02051f8' "$tmp/raw.log" || fail "cannot build raw.log"
(cd "$oopses" && "$KDECODE" --root=root -m modules/fs -s "$tmp/snap.gz" -f json \
	"$tmp/raw.log" >"$tmp/raw.json" 2>"$tmp/err")
jq -e '.reports[0].frames[0] | .address == "0xffffffffc02050c5" and
	.section == ".text.deref_victim.constprop.0" and .locations[0].line == 41' \
	"$tmp/raw.json" >/dev/null || fail "-s: RIP frame not placed"
jq -e '.reports[0].frames[1] | .symbol == "trigger_write" and .module == "oopsmod" and
	.locations[0].line == 101' "$tmp/raw.json" >/dev/null || fail "-s: raw frame not decoded"
jq -e '.reports[0].warnings | map(select(test("snapshot"))) | length == 0' "$tmp/raw.json" \
	>/dev/null || fail "-s: unexpected warnings: $(jq -c '.reports[0].warnings' "$tmp/raw.json")"

# no debug file at all, but --kallsyms: symbol+offset [module] as ksymoops gave them, for
# raw frames and register values; a string in .rodata.str1.1 is no symbol's
check
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --kallsyms -o "$tmp/ksnap" ||
	fail "--kallsyms: exit status $?"
sed 's/^\(\[[^]]*\]\)  vfs_write+0xc7\/0x3f0$/\1  [<ffffffff86f4d497>] /' "$tmp/raw.log" \
	>"$tmp/raw2.log"
grep -q 'ffffffff86f4d497' "$tmp/raw2.log" || fail "cannot build raw2.log"
mkdir "$tmp/empty"
"$KDECODE" --root="$tmp/empty" -s "$tmp/ksnap" -f json "$tmp/raw2.log" >"$tmp/k.json" 2>/dev/null
jq -e '.reports[0].frames[1] | .symbol == "trigger_write" and .offset == "0xe8" and
	.module == "oopsmod" and .object == null and .error == null' "$tmp/k.json" >/dev/null ||
	fail "--kallsyms: module frame: $(jq -c '.reports[0].frames[1]' "$tmp/k.json")"
jq -e '.reports[0].frames[3] | .symbol == "vfs_write" and .offset == "0xc7" and
	.module == null and .error == null' "$tmp/k.json" >/dev/null ||
	fail "--kallsyms: vmlinux frame: $(jq -c '.reports[0].frames[3]' "$tmp/k.json")"
jq -e '[.reports[0].values[] | select(.name == "RSI")][0] | .symbol == null and
	.module == "oopsmod" and .section == ".rodata.str1.1" and .section_offset == "0x27"' \
	"$tmp/k.json" >/dev/null ||
	fail "--kallsyms: RSI: $(jq -c '.reports[0].values' "$tmp/k.json")"
"$KDECODE" --root="$tmp/empty" -s "$tmp/ksnap" "$tmp/raw2.log" 2>/dev/null |
	grep -q '^\[    3.733083\]  => trigger_write+0xe8/0x[0-9a-f]* \[oopsmod\] (kallsyms)$' ||
	fail "--kallsyms: annotate does not say where the name came from"

# a damaged -s file stops the run before any output
check
head -c 300 "$tmp/snap" >"$tmp/cut"
"$KDECODE" -s "$tmp/cut" "$log" >"$tmp/out" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "cut -s: exit status $status, want 3"
grep -q "has no 'end' (truncated?)" "$tmp/err" || fail "cut -s: message: $(cat "$tmp/err")"
[ -s "$tmp/out" ] && fail "cut -s: printed output"

# a history whose last write was cut short: -s uses the 99 records before it; --append
# cuts the torn record off, says so, and adds its own after the 99
check
sed 's/^boot_id .*/boot_id 0e6f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/' "$tmp/snap" >"$tmp/other-boot"
for i in $(seq 100); do cat "$tmp/other-boot"; done | head -c -200 >"$tmp/torn"
cp "$tmp/torn" "$tmp/torn.orig"
"$KDECODE" -s "$tmp/torn" "$tmp/tiny.log" >/dev/null 2>"$tmp/err" ||
	fail "torn -s: exit status $?: $(cat "$tmp/err")"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/torn" 2>"$tmp/err" ||
	fail "torn --append: exit status $?: $(cat "$tmp/err")"
grep -q "^kdecode: warning: '$tmp/torn': line [0-9]*: the last record had no 'end' (torn): cut it off, after the 99 good records$" \
	"$tmp/err" || fail "torn --append: message: $(cat "$tmp/err")"
[ "$(grep -c '^kdecode-snapshot ' "$tmp/torn")" = 100 ] || fail "torn --append: records"
[ "$(grep -c '^end$' "$tmp/torn")" = 100 ] || fail "torn --append: ends"
cmp -s -n "$(($(wc -c <"$tmp/other-boot") * 99))" "$tmp/torn" "$tmp/torn.orig" ||
	fail "torn --append: changed the good records"
"$KDECODE" -s "$tmp/torn" "$tmp/tiny.log" >/dev/null 2>"$tmp/err" ||
	fail "torn, repaired -s: exit status $?: $(cat "$tmp/err")"

# a whole gzip stream of a torn text is not repaired in place: refused, left alone
check
head -c -200 "$tmp/other-boot" | cat "$tmp/other-boot" - | gzip >"$tmp/torn.gz"
cp "$tmp/torn.gz" "$tmp/torn.gz.orig"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/torn.gz" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "torn.gz --append: exit status $status, want 3"
grep -q "the last record has no .end. (torn); a gzip history is not repaired" "$tmp/err" &&
	! grep -q "cut it off" "$tmp/err" ||
	fail "torn.gz --append: message: $(cat "$tmp/err")"
cmp -s "$tmp/torn.gz" "$tmp/torn.gz.orig" || fail "torn.gz --append: changed it"

# a gzip history cut short cannot be read (exit status 3, not 4), and is left alone
check
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/cut.gz" || fail "cut.gz: append"
sed 's/^boot_id .*/boot_id 0e6f1a2b-3c4d-4e5f-8a9b-0c1d2e3f4a5b/' "$tmp/snap" | gzip >>"$tmp/cut.gz"
truncate -s -20 "$tmp/cut.gz"
cp "$tmp/cut.gz" "$tmp/cut.gz.orig"
"$KDECODE" snapshot --root="$rootfs/debian-6.1" --append "$tmp/cut.gz" 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "cut.gz --append: exit status $status, want 3"
grep -q "cannot read snapshot '$tmp/cut.gz': gzip data cut short (unexpected end of file)" \
	"$tmp/err" || fail "cut.gz --append: message: $(cat "$tmp/err")"
cmp -s "$tmp/cut.gz" "$tmp/cut.gz.orig" || fail "cut.gz --append: changed it"
"$KDECODE" -s "$tmp/cut.gz" "$tmp/tiny.log" >/dev/null 2>"$tmp/err"
status=$?
[ "$status" = 3 ] || fail "cut.gz -s: exit status $status, want 3"

# 100,000 modules (a hostile or absurd file) read in linear time: each detail line is
# checked against its module's line, not searched for among all of them (36 s before);
# half the modules have their sections after all the module lines, found through the index
check
awk -v n=100000 'BEGIN {
	print "kdecode-snapshot 1"
	print "release 6.1.0-56-cloud-amd64"
	for (i = 0; i < n; i++) {
		printf "module m-%d 16384 Live 0xffffffff%08x -\n", i, 3221225472 + i * 4096
		if (i % 2)
			printf "module_build_id m-%d %040x\nsection m-%d .text 0xffffffff%08x\n",
				i, i, i, 3221225472 + i * 4096
	}
	for (i = 0; i < n; i += 2)
		printf "section m-%d .text 0xffffffff%08x\n", i, 3221225472 + i * 4096
	print "end"
}' >"$tmp/many"
for i in 0 1 99999; do
	grep -q "^section m-$i .text" "$tmp/many" || fail "cannot build many"
done
"$KDECODE" -s "$tmp/many" "$tmp/tiny.log" >/dev/null 2>"$tmp/err" ||
	fail "100,000 modules: exit status $?: $(head -c 300 "$tmp/err")"
grep -v "no kernel report in" "$tmp/err" | grep -q . &&
	fail "100,000 modules: $(head -c 300 "$tmp/err")"

echo "$test_name: $n_cases cases, $n_failed failed"
finish
