#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# /init of the harness initramfs: load oopsmod, dump its state, provoke every report, then panic.
#
# Everything goes to /dev/console (ttyS0).  Lines of the form
# "=== kdecode-harness: ... ===" delimit the parts of the log:
#   /proc/modules, sections oopsmod, end    the module state after insmod
#   case WORD                               one provoked report follows
#   case sysrq                              the final sysrq-c panic follows

export PATH=/bin

mount -t proc proc /proc
mount -t sysfs sysfs /sys
mount -t devtmpfs devtmpfs /dev
exec </dev/console >/dev/console 2>&1

# Each word runs in a child shell; an oops kills only that child.
# "kdecode.cases=none" (or a comma-separated list) on the kernel command line
# picks fewer: with none, sysrq-c panics a clean kernel, which then prints
# its stack (after an oops, the "died" taint makes panic() skip it).
# hung comes first: after an oops (taint D) the kernel reports no hung task.
# The stall variant of run.sh picks softlockup,rcustall,slab,stackprot: the last
# panics, so it ends the list and the boot.
CASES="hung atomic refcount null inline cold split bug warn list usercopy"
for arg in $(cat /proc/cmdline); do
	case $arg in
	kdecode.cases=none) CASES= ;;
	kdecode.cases=*) CASES=$(echo "${arg#kdecode.cases=}" | tr , ' ') ;;
	esac
done
SECTIONS=/sys/module/oopsmod/sections

say()
{
	echo "=== kdecode-harness: $* ==="
}

# drain - give the UART time to send what we wrote.  The kernel prints its
# console messages directly, bypassing the tty buffer, so a message issued
# while our output is still queued could land in the middle of our lines.
drain()
{
	sleep 0.3
}

dump_state()
{
	say /proc/modules
	cat /proc/modules
	say sections oopsmod
	# Like "ls -a" without . and ..: hidden sections (.text, ...) too.
	for p in "$SECTIONS"/.* "$SECTIONS"/*; do
		f=${p##*/}
		case $f in .|..) continue ;; esac
		[ -f "$p" ] && echo "$f $(cat "$p")"
	done
	say end
}

# prepare WORD - the kernel settings case WORD needs, made before it runs
prepare()
{
	case $1 in
	softlockup)
		# its spin is reported after 2 * watchdog_thresh s (and a second's
		# rounding); not as an RCU stall too, in case the variant shortened
		# rcupdate.rcu_cpu_stall_timeout
		echo 1 >/sys/module/rcupdate/parameters/rcu_cpu_stall_suppress
		echo 1 >/proc/sys/kernel/watchdog_thresh
		;;
	rcustall)
		# its 5 s spin: an RCU stall after rcu_cpu_stall_timeout, no soft lockup
		echo 10 >/proc/sys/kernel/watchdog_thresh
		echo 0 >/sys/module/rcupdate/parameters/rcu_cpu_stall_suppress
		;;
	esac
}

echo 0 >/proc/sys/kernel/kptr_restrict
echo 8 >/proc/sys/kernel/printk
# the "hung" case blocks for 4 s: report it after 1, once (only where it runs: a task
# waiting out another case's stall is no hung task to report)
case " $CASES " in
*" hung "*)
	echo 1 >/proc/sys/kernel/hung_task_warnings
	echo 1 >/proc/sys/kernel/hung_task_timeout_secs
	;;
esac
insmod /oopsmod.ko || echo "kdecode-harness: insmod /oopsmod.ko failed"

# Only emergencies on the console while dumping, so nothing cuts into it.
drain
echo 1 >/proc/sys/kernel/printk
dump_state
drain
echo 8 >/proc/sys/kernel/printk

if [ -f /extra/hook.sh ]; then
	sh /extra/hook.sh
	drain
fi

for w in $CASES; do
	prepare "$w"
	say "case $w"
	drain
	sh -c "echo $w >/proc/oopsmod"
	sleep 0.5
done

say "case sysrq"
drain
echo c >/proc/sysrq-trigger

# Not reached when sysrq-c panics; exiting init panics the kernel anyway.
say "sysrq-trigger returned"
sleep 1
