# SPDX-License-Identifier: GPL-2.0-or-later
# Helpers shared by the real-kernel harness scripts; sourced, never run.

kd_prog=${0##*/}
kd_apt_updated=0

die()
{
	echo "$kd_prog: error: $*" >&2
	exit 1
}

# fail MESSAGE - a check of the real-kernel harness failed: say which, and stop
fail()
{
	echo "$kd_prog: FAIL: $*" >&2
	exit 1
}

note()
{
	echo "$kd_prog: $*" >&2
}

# apt_update_once - refresh the package lists, at most once per script run
apt_update_once()
{
	[ "$kd_apt_updated" = 1 ] && return 0
	note "apt-get update"
	apt-get update -qq >&2 || die "apt-get update failed"
	kd_apt_updated=1
}

# pkg_installed PKG - true when dpkg has PKG fully installed
pkg_installed()
{
	[ "$(dpkg-query -W -f='${db:Status-Status}' "$1" 2>/dev/null)" = installed ]
}

# need_pkgs PKG... - install whichever of PKG... is missing (stdout stays clean)
need_pkgs()
{
	local pkg missing=()

	for pkg; do
		pkg_installed "$pkg" || missing+=("$pkg")
	done
	[ ${#missing[@]} -eq 0 ] && return 0

	note "installing ${missing[*]}"
	export DEBIAN_FRONTEND=noninteractive
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 && return 0
	# Empty or stale lists on a fresh machine: refresh and try once more.
	apt_update_once
	apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2 ||
		die "cannot install ${missing[*]}"
}
