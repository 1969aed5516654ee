#!/bin/sh
# SPDX-License-Identifier: GPL-2.0-or-later
# Run by the harness's /init after its state dump (KDECODE_INITRD_EXTRA): kdecode itself
# snapshots the layout on the real kernel and prints it between marker lines.

echo 1 >/proc/sys/kernel/printk
echo "=== kdecode-harness: snapshot ==="
/extra/kdecode snapshot
echo "=== kdecode-harness: snapshot status $? ==="
# a history: the first --append writes, the second finds the same layout and does not
mkdir -p /tmp
/extra/kdecode snapshot --append /tmp/history.gz
/extra/kdecode snapshot --append /tmp/history.gz
echo "=== kdecode-harness: history records $(zcat /tmp/history.gz | grep -c '^kdecode-snapshot ') ==="
# the whole of /proc/kallsyms, for decoding with no debug file: gzip, then base64 for the
# console (about 1.4 MB)
/extra/kdecode snapshot --kallsyms -o /tmp/kallsyms.gz
status=$?
echo "=== kdecode-harness: kallsyms snapshot ==="
[ "$status" = 0 ] && base64 /tmp/kallsyms.gz
echo "=== kdecode-harness: kallsyms snapshot status $status ==="
sleep 0.3
echo 8 >/proc/sys/kernel/printk
