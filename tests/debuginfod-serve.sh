#!/bin/bash
# SPDX-License-Identifier: GPL-2.0-or-later
# Start Debian's own debuginfod server on a free port, serving DIR, and wait until it
# serves every BUILD_ID given; print its URL. Used by tests/find.sh and
# tests/kernel/check-debuginfod.sh; not a test itself.
#
# Usage: debuginfod-serve.sh STATE_DIR DIR BUILD_ID...
# (KDECODE_DEBUGINFOD_ARGS: more options of debuginfod, such as -L to follow links)
#
# STATE_DIR gets its database, its log (debuginfod.log) and its pid (debuginfod.pid):
# stop it with kill "$(cat STATE_DIR/debuginfod.pid)". debuginfod 0.188 has no option to
# bind one address: it listens on every interface, and is asked on 127.0.0.1 only.
# Exit status: 0 serving, 1 it did not start or does not serve a build ID within
# KDECODE_DEBUGINFOD_WAIT seconds (default 300: a 590 MB vmlinux is read whole).

set -u
state=$1 dir=$2
shift 2
wait_s=${KDECODE_DEBUGINFOD_WAIT:-300}

# a port nobody listens on; another process may take it before debuginfod: then retry
free_port()
{
	local port
	while :; do
		port=$((20000 + RANDOM % 40000))
		(exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
	done
}

for attempt in 1 2 3; do
	port=$(free_port)
	rm -f "$state/debuginfod.sqlite"
	# -F: ELF/DWARF files under dir; one scan at start (-t 0), no grooming (-g 0)
	# shellcheck disable=SC2086 # KDECODE_DEBUGINFOD_ARGS: more options, split
	debuginfod -d "$state/debuginfod.sqlite" -p "$port" -F -t 0 -g 0 -c 2 \
		--disable-source-scan ${KDECODE_DEBUGINFOD_ARGS:-} "$dir" >"$state/debuginfod.log" 2>&1 &
	echo $! >"$state/debuginfod.pid"
	sleep 0.5
	kill -0 "$(cat "$state/debuginfod.pid")" 2>/dev/null && break
	[ "$attempt" = 3 ] && { cat "$state/debuginfod.log" >&2; exit 1; }
done
url=http://127.0.0.1:$port
for id; do
	start=$SECONDS
	until curl -sf -o /dev/null "$url/buildid/$id/debuginfo"; do
		if ! kill -0 "$(cat "$state/debuginfod.pid")" 2>/dev/null ||
			[ $((SECONDS - start)) -ge "$wait_s" ]; then
			echo "debuginfod-serve.sh: $url does not serve $id" >&2
			tail -n 20 "$state/debuginfod.log" >&2
			kill "$(cat "$state/debuginfod.pid")" 2>/dev/null
			exit 1
		fi
		sleep 0.2
	done
done
echo "$url"
