#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Debug files that are not the crashed kernel's must be said to be, in every format, with
# exit status 6; the right ones must not.
#
# Usage: check-verify.sh KDECODE [OUT_DIR]
#
# Runs after check.sh and check-find.sh, on what they left in OUT_DIR: the real log of
# the Debian kernel (plain/console.log), its -dbg vmlinux, module and snapshot, and
# find/rebuilt/oopsmod.ko, the test module built again from other code (deref_victim
# grown by a statement). Three decodings:
# - the right files: exit status 0, no mismatch, no frame suspect;
# - another Debian kernel version's vmlinux: tests/oopses/debian-6.1-oopsmod.log, from
#   6.1.0-56, with the cached -dbg vmlinux of the release check.sh boots: its
#   linux_banner names another release;
# - the rebuilt module for the log it did not make: the printed size of deref_victim,
#   the Code: bytes of the null case, and (with the snapshot) the build ID disagree.
# Each mismatch must be on stderr, in JSON's "mismatches" (and "warnings"), under the
# report in annotate and on its line in summary. Prints "check-verify.sh: N checks
# passed".

set -euo pipefail

here=$(dirname "$(readlink -f "$0")")
. "$here/lib.sh"
checks=0

. "$here/../formats.sh"

# decode NAME ARGS... - each format into $work/NAME.* (tests/formats.sh)
decode()
{
	decode_formats "$work" "$@"
}

# said NAME PATTERN - the mismatch PATTERN (an extended regex) in every format of NAME
said()
{
	local name=$1 pattern=$2
	grep -Eq "kdecode: warning: .*$pattern" "$work/$name.err" ||
		fail "$name: not on stderr: $pattern: $(head -3 "$work/$name.err")"
	jq -e --arg p "$pattern" '[.reports[].mismatches[] | select(test($p))] | length > 0' \
		"$work/$name.json" >/dev/null || fail "$name: not in JSON's mismatches: $pattern"
	jq -e --arg p "$pattern" '[.reports[].warnings[] | select(test($p))] | length > 0' \
		"$work/$name.json" >/dev/null || fail "$name: not in JSON's warnings: $pattern"
	grep -Eq " => (warning|suspect): .*$pattern" "$work/$name.annotate" ||
		fail "$name: not in annotate: $pattern"
	checks=$((checks + 4))
}

main()
{
	[ $# -ge 1 ] && [ $# -le 2 ] || die "usage: $kd_prog KDECODE [OUT_DIR]"
	KDECODE=$(readlink -f "$1")
	local out=${2:-${TMPDIR:-/tmp}/kdecode-kernel-test} x vmlinux log snap old
	# global, for the EXIT trap
	need_pkgs jq
	for f in release vmlinux-path plain/console.log plain/snapshot plain/oopsmod.ko \
		find/rebuilt/oopsmod.ko; do
		[ -s "$out/$f" ] || die "no $out/$f: run check.sh and check-find.sh first"
	done
	x=$(cat "$out/release")
	vmlinux=$(cat "$out/vmlinux-path")
	log=$out/plain/console.log
	snap=$out/plain/snapshot
	old=$here/../oopses/debian-6.1-oopsmod.log
	oldmods=$(mktemp -d "${TMPDIR:-/tmp}/kdecode-verify.XXXXXX")
	trap 'rm -rf "$oldmods"' EXIT
	xz -dc "$here/../oopses/modules/plain/oopsmod.ko.xz" >"$oldmods/oopsmod.ko"
	work=$out/verify
	rm -rf "$work"
	mkdir -p "$work/rebuilt"
	cp "$out/find/rebuilt/oopsmod.ko" "$work/rebuilt/"

	# the right files
	decode right -k "$vmlinux" -m "$out/plain" -s "$snap" "$log"
	[ "$status" = 0 ] || fail "right files: exit status $status, want 0: $(head -3 "$work/right.err")"
	[ "$(jq '[.reports[].mismatches[]] | length' "$work/right.json")" = 0 ] ||
		fail "right files: mismatches: $(jq -c '[.reports[].mismatches[]][:3]' "$work/right.json")"
	[ "$(jq '[.reports[].frames[] | select(.suspect)] | length' "$work/right.json")" = 0 ] ||
		fail "right files: suspect frames"
	grep -q 'do not match' "$work/right.summary" && fail "right files: summary says no match"
	checks=$((checks + 4))

	# another Debian kernel version's vmlinux
	grep -q ' 6\.1\.0-56-cloud-amd64 ' "$old" || die "$old is no 6.1.0-56 log"
	[ "$x" != 6.1.0-56-cloud-amd64 ] || die "check.sh booted 6.1.0-56: no other version"
	decode release -k "$vmlinux" -m "$oldmods" "$old"
	[ "$status" = 6 ] || fail "another release: exit status $status, want 6"
	said release "is $x \\(its linux_banner\\), but the report's kernel is 6\\.1\\.0-56-cloud-amd64"
	grep -q '\[the debug files do not match: ' "$work/release.summary" ||
		fail "another release: summary does not say it"

	# the module rebuilt from other code, for the log it did not make
	decode module -k "$vmlinux" -m "$work/rebuilt" "$log"
	[ "$status" = 6 ] || fail "rebuilt module: exit status $status, want 6"
	said module "deref_victim[.a-z0-9]* is printed 0x[0-9a-f]+ bytes long, but is 0x[0-9a-f]+ in"
	said module "the Code: bytes differ from '$work/rebuilt/oopsmod.ko' at pc[-+]0x[0-9a-f]+"
	jq -e '[.reports[].frames[] | select(.suspect and (.symbol | startswith("deref_victim")))]
		| length > 0' "$work/module.json" >/dev/null || fail "rebuilt module: no frame suspect"
	decode module-snapshot -k "$vmlinux" -m "$work/rebuilt" -s "$snap" "$log"
	[ "$status" = 6 ] || fail "rebuilt module, snapshot: exit status $status, want 6"
	said module-snapshot "oopsmod.ko' has build ID [0-9a-f]+ but the snapshot record of"
	checks=$((checks + 4))
	echo "$kd_prog: $checks checks passed on $x"
}

main "$@"
