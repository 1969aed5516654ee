#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# The per-build index (kdecode index, --cache-dir, --no-cache): decoding with an index
# prints what decoding without one prints, byte for byte (stdout, stderr but for the
# notice that indexes were written, exit status), for every real report of tests/oopses/
# and tests/oopses/xarch/ in every format; an index is written once, found again, and a
# damaged one is ignored with a notice and written again; kdecode index's exit statuses.
# The real-kernel checks (tests/kernel/check-index.sh) do the same with a vmlinux.

. "${srcdir:-.}/tests/lib.sh"
make_tmpdir
cache=$tmp/cache
notice="kdecode: indexing [0-9]* debug files\? into '.*', for faster runs later (--no-cache: not)"

# run NAME DIR MODE FORMAT ARGS... - kdecode in DIR on ARGS, into $tmp/NAME.MODE.FORMAT{,.err}
run()
{
	local name=$1 dir=$2 mode=$3 format=$4 cache_args=(--no-cache)
	shift 4
	[ "$mode" = none ] || cache_args=(--cache-dir="$cache")
	(cd "$dir" && "$KDECODE" --root=root "${cache_args[@]}" --format="$format" "$@") \
		>"$tmp/$name.$mode.$format" 2>"$tmp/$name.$mode.$format.err"
	echo "[exit status $?]" >>"$tmp/$name.$mode.$format.err"
}

# same NAME DIR ARGS... - with no index, writing one, then reading it: the same output
n_logs=0
same()
{
	local name=$1 dir=$2 format mode
	shift 2
	n_logs=$((n_logs + 1))
	for format in annotate json summary; do
		for mode in none write read; do
			run "$name" "$dir" $mode $format "$@"
		done
		grep -v "^$notice\$" "$tmp/$name.write.$format.err" >"$tmp/filtered"
		mv "$tmp/filtered" "$tmp/$name.write.$format.err"
		for mode in write read; do
			cmp -s "$tmp/$name.none.$format" "$tmp/$name.$mode.$format" ||
				fail "$name: --format=$format: stdout differs with the index ($mode)"
			cmp -s "$tmp/$name.none.$format.err" "$tmp/$name.$mode.$format.err" ||
				fail "$name: --format=$format: stderr differs with the index ($mode):" \
				     "$(diff "$tmp/$name.none.$format.err" "$tmp/$name.$mode.$format.err")"
		done
		grep -q "^$notice\$" "$tmp/$name.read.$format.err" &&
			fail "$name: --format=$format: an index written again"
	done
}

cd "$srcdir/tests/oopses" || exit 99
for log in *.log; do
	args=()
	[ -f "${log%.log}.args" ] && read -r -a args <"${log%.log}.args"
	same "${log%.log}" . "${args[@]}" "$log"
done
# the other architectures' reports with their modules (tests/kernel/xarch/check.sh --logs)
for log in xarch/*.log; do
	arch=$(basename "${log%.log}")
	arch=${arch%-panic}
	[ -d "xarch/modules/$arch" ] || continue
	same "xarch-$(basename "${log%.log}")" . -m "xarch/modules/$arch" "$log"
done
[ "$n_logs" -gt 0 ] || fail "no logs decoded"
n_indexes=$(find "$cache" -name '*.kdx' | wc -l)
[ "$n_indexes" -gt 0 ] || fail "no index written into $cache"
echo "$test_name: $n_logs logs the same with and without their $n_indexes indexes"

# --- damage: each is ignored with a notice naming it, and written again ----------------
log=debian-6.1-oopsmod.log
read -r -a args <debian-6.1-oopsmod.args
run ref . none annotate "${args[@]}" "$log"
index=$(find "$cache" -name '*.kdx' -newer "$tmp/ref.none.annotate" | head -n1)
rm -f "$cache"/*.kdx
run first . write annotate "${args[@]}" "$log"
index=$(ls -t "$cache"/*.kdx | head -n1)
[ -n "$index" ] || fail "no index written for $log"

# damage HOW WANT - damage the index by HOW (a command on $index), then decode: the
# notice WANT, the same output, and the index written again
damage()
{
	local how=$1 want=$2
	cp "$index" "$tmp/good.kdx"
	eval "$how"
	run damaged . read annotate "${args[@]}" "$log"
	grep -q "^kdecode: '$index': $want: ignored\$" "$tmp/damaged.read.annotate.err" ||
		fail "$how: no notice '$want': $(head -n3 "$tmp/damaged.read.annotate.err")"
	cmp -s "$tmp/ref.none.annotate" "$tmp/damaged.read.annotate" ||
		fail "$how: the output differs"
	cmp -s "$tmp/good.kdx" "$index" || fail "$how: the index was not written again"
	cp "$tmp/good.kdx" "$index"
}
damage 'truncate -s 1000 "$index"' "truncated"
damage 'truncate -s 10 "$index"' "not a kdecode index"
damage 'printf X | dd of="$index" bs=1 seek=40 conv=notrunc status=none' \
	"its header's checksum is wrong"
damage 'printf "\x7f" | dd of="$index" bs=1 seek=8 conv=notrunc status=none' \
	"another version of the index"
damage ': > "$index"' "empty"

# damage past the header (not checked by its CRC): every reference is checked, so the
# decoding goes on, whatever it prints, and says the index is damaged
size=$(stat -c %s "$index")
for at in 400 $((size / 3)) $((size / 2)) $((size - 100)); do
	cp "$tmp/good.kdx" "$index"
	head -c 64 /dev/urandom | dd of="$index" bs=1 seek="$at" conv=notrunc status=none
	(cd . && "$KDECODE" --root=root --cache-dir="$cache" "${args[@]}" "$log") \
		>/dev/null 2>"$tmp/err"
	status=$?
	[ "$status" -le 6 ] || fail "bytes damaged at $at: exit status $status: $(tail -n3 "$tmp/err")"
done
cp "$tmp/good.kdx" "$index"

# --- kdecode index -----------------------------------------------------------------------
# expect STATUS MESSAGE ARGS... - kdecode index ARGS exits STATUS, stderr matching MESSAGE
expect()
{
	local want=$1 msg=$2
	shift 2
	"$KDECODE" index "$@" >"$tmp/out" 2>"$tmp/err"
	local status=$?
	[ "$status" = "$want" ] || fail "kdecode index $*: exit status $status, want $want: $(cat "$tmp/err")"
	grep -q -- "$msg" "$tmp/err" || fail "kdecode index $*: stderr lacks '$msg': $(cat "$tmp/err")"
}
expect 2 "name the vmlinux and .ko files" --cache-dir="$tmp/ix"
expect 3 "cannot read '$tmp/none'" --cache-dir="$tmp/ix" "$tmp/none"
expect 3 "not an ELF file" --cache-dir="$tmp/ix" "$srcdir/tests/oopses/$log"
touch "$tmp/file"
expect 4 "cannot make the directory '$tmp/file/ix'" --cache-dir="$tmp/file/ix" modules/plain
expect 0 "indexed into '$tmp/ix/" -v --cache-dir="$tmp/ix" modules/plain modules/fs
[ "$(find "$tmp/ix" -name '*.kdx' | wc -l)" = 2 ] || fail "kdecode index modules/plain modules/fs: not 2 indexes"
# what kdecode index wrote is what a decoding reads: nothing is written again
run byindex . write annotate "${args[@]}" "$log"
sed -i "s|$tmp/ix|$cache|" "$tmp/byindex.write.annotate.err"
rm -rf "$cache" && mv "$tmp/ix" "$cache"
run byindex . read annotate "${args[@]}" "$log"
grep -q "^kdecode: indexing" "$tmp/byindex.read.annotate.err" &&
	fail "an index of kdecode index was written again by a decoding"
cmp -s "$tmp/ref.none.annotate" "$tmp/byindex.read.annotate" ||
	fail "decoding with kdecode index's index differs"
finish
