// SPDX-License-Identifier: GPL-2.0-or-later
/* test-prefix.c: prefix_parse() on real log lines: where the message starts, time, level, caller. */
#include <string.h>

#include "input/prefix.h"
#include "unit.h"

#define NO_TIME false, 0

/* Lines from /work/shared/FORMATS.md 3.1 (sources given there) and from the qemu console
 * logs of Debian 6.1.0-56-cloud-amd64 (tests/kernel); "format only" rows of FORMATS.md
 * carry a real message from those logs. */
static const struct {
	const char *line;
	const char *msg;	/* what is left after the prefix: the line's tail */
	bool has_time;
	uint64_t time_us;
	int level;
	const char *caller;
} cases[] = {
	/* console: the kernel's own "[ts] " */
	{ "[    3.335514] BUG: kernel NULL pointer dereference, address: 0000000000000000",
	  "BUG: kernel NULL pointer dereference, address: 0000000000000000", true, 3335514, -1, "" },
	{ "[    0.000000] Command line: console=ttyS0 panic=-1 loglevel=8",
	  "Command line: console=ttyS0 panic=-1 loglevel=8", true, 0, -1, "" },
	{ "[    3.339293]  trigger_write+0xe8/0x161 [oopsmod]", " trigger_write+0xe8/0x161 [oopsmod]",
	  true, 3339293, -1, "" },
	{ "[    3.339627]  ? do_fcntl+0x577/0x6e0", " ? do_fcntl+0x577/0x6e0", true, 3339627, -1, "" },
	{ "[    3.339174]  <TASK>", " <TASK>", true, 3339174, -1, "" },
	{ "[    3.337009] RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]",
	  "RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]", true, 3337009, -1, "" },
	{ "[    3.336088] PGD 22baf067 P4D 22bed067 PUD 22ba4067 PMD 0 ",
	  "PGD 22baf067 P4D 22bed067 PUD 22ba4067 PMD 0 ", true, 3336088, -1, "" },
	{ "[    3.343881] note: sh[109] exited with irqs disabled",
	  "note: sh[109] exited with irqs disabled", true, 3343881, -1, "" },
	{ "[    8.299294] sysrq: Trigger a crash", "sysrq: Trigger a crash", true, 8299294, -1, "" },
	{ "[  772.918915] BUG: unable to handle kernel paging request at ffff88002bde1e40",
	  "BUG: unable to handle kernel paging request at ffff88002bde1e40", true, 772918915, -1,
	  "" },
	{ "[    2.279506] oopsmod: loading out-of-tree module taints kernel.",
	  "oopsmod: loading out-of-tree module taints kernel.", true, 2279506, -1, "" },
	/* CONFIG_PRINTK_CALLER, padded and not */
	{ "[ 8455.020911][ T6560] Unable to handle kernel paging request at virtual address efff800000000137",
	  "Unable to handle kernel paging request at virtual address efff800000000137", true,
	  8455020911ULL, -1, "T6560" },
	{ "[ 2494.429575][T17591] #PF: supervisor read access in kernel mode",
	  "#PF: supervisor read access in kernel mode", true, 2494429575ULL, -1, "T17591" },
	/* already decoded by the 0-day bot: spaces squeezed */
	{ "[ 0.486494][ T0] ? __die_body (arch/x86/kernel/dumpstack.c:478)",
	  "? __die_body (arch/x86/kernel/dumpstack.c:478)", true, 486494, -1, "T0" },
	/* dmesg -x, then util-linux's "[ts] [ T0] " with a space between the brackets */
	{ "kern  :warn  : [    3.078160] [      T0] RIP: 0010:__free_reserved_area+0xd3/0xf0",
	  "RIP: 0010:__free_reserved_area+0xd3/0xf0", true, 3078160, 4, "T0" },
	/* dmesg -r, /proc/kmsg, pstore */
	{ "<6>[   85.501187] WARNING: foo", "WARNING: foo", true, 85501187, 6, "" },
	{ "<4> Call Trace:", " Call Trace:", NO_TIME, 4, "" },
	{ "<4> [<f88e11c7>] radeon_cp_resume+0x7d/0xbc [radeon]",
	  " [<f88e11c7>] radeon_cp_resume+0x7d/0xbc [radeon]", NO_TIME, 4, "" },
	/* dmesg -T and --time-format iso (format only) */
	{ "[Tue Nov 21 12:00:00 2023] Call Trace:", "Call Trace:", NO_TIME, -1, "" },
	{ "2013-06-13T22:11:00,123456+0100 Call Trace:", "Call Trace:", NO_TIME, -1, "" },
	/* syslog, alone and with a kept "[ts]" */
	{ "Jun 26 04:25:00 v01d kernel: [ 2087.364764] RIP:", "RIP:", true, 2087364764ULL, -1, "" },
	{ "Aug 29 09:51:01 blizard kernel: Oops: 0002", "Oops: 0002", NO_TIME, -1, "" },
	{ "May  6 12:56:50 box user.warn kernel: EIP: 0060:[<f11e171d>] EFLAGS: 00010246 CPU: 1",
	  "EIP: 0060:[<f11e171d>] EFLAGS: 00010246 CPU: 1", NO_TIME, -1, "" },
	{ "Aug 25 16:00:39 192.168.2.9 OpenWrt_Huiskamer kernel: [  261.362617] epc   : 80108aac __kmalloc_track_caller+0x148/0x228",
	  "epc   : 80108aac __kmalloc_track_caller+0x148/0x228", true, 261362617, -1, "" },
	{ "2010-02-22T09:24:08.156534-08:00 gnu-4 kernel: Call Trace:", "Call Trace:", NO_TIME, -1,
	  "" },
	/* journalctl -k, and -o short-monotonic (format only) */
	{ "Jul 07 11:50:28 t35lp54.lnxne.boe kernel: Call Trace:", "Call Trace:", NO_TIME, -1, "" },
	{ "Sep 21 11:33:20 ishitatsuyuki-ryzen kernel:  do_syscall_64+0x3b/0x90",
	  " do_syscall_64+0x3b/0x90", NO_TIME, -1, "" },
	{ "[    3.338768] debian kernel: Call Trace:", "Call Trace:", true, 3338768, -1, "" },
	/* /dev/kmsg and extended netconsole */
	{ "6,1093,4096000,-,caller=T1;nvidia 0000:3b:00.0: enabling device (0000 -> 0003)",
	  "nvidia 0000:3b:00.0: enabling device (0000 -> 0003)", true, 4096000, 6, "T1" },
	{ "4,1508,12767657146,-;Call Trace:", "Call Trace:", true, 12767657146ULL, 4, "" },
	{ "4,1509,12767657146,-,ncfrag=0/986;Modules linked in: nfnetlink_queue",
	  "Modules linked in: nfnetlink_queue", true, 12767657146ULL, 4, "" },
	/* syz-manager */
	{ "2018/01/09 14:28:48 BUG: memory leak", "BUG: memory leak", NO_TIME, -1, "" },
	/* no prefix at all: harness and shell output in the console logs */
	{ "oopsmod 16384 0 - Live 0xffffffffc037f000 (OE)",
	  "oopsmod 16384 0 - Live 0xffffffffc037f000 (OE)", NO_TIME, -1, "" },
	{ "=== kdecode-harness: case null ===", "=== kdecode-harness: case null ===", NO_TIME, -1,
	  "" },
	{ "Killed", "Killed", NO_TIME, -1, "" },
	{ ".text.unlikely 0xffffffffc037f1d1", ".text.unlikely 0xffffffffc037f1d1", NO_TIME, -1,
	  "" },
	{ "", "", NO_TIME, -1, "" },
	{ " SUBSYSTEM=pci", " SUBSYSTEM=pci", NO_TIME, -1, "" },	/* a /dev/kmsg dictionary line */
	/* near misses: none of these starts with a prefix */
	{ "[<ffffffffc0355005>] foo+0x5/0x10 [mod]", "[<ffffffffc0355005>] foo+0x5/0x10 [mod]",
	  NO_TIME, -1, "" },
	{ "[<ffffffe00008c762>] schedule_tail+0x72/0xb2", "[<ffffffe00008c762>] schedule_tail+0x72/0xb2",
	  NO_TIME, -1, "" },
	{ "[   12.3", "[   12.3", NO_TIME, -1, "" },
	{ "[    3.337009", "[    3.337009", NO_TIME, -1, "" },
	{ "<IRQ>", "<IRQ>", NO_TIME, -1, "" },
	{ " </IRQ>", " </IRQ>", NO_TIME, -1, "" },
	{ "[T123] foo", "[T123] foo", NO_TIME, -1, "" },
	{ "RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]",
	  "RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]", NO_TIME, -1, "" },
	{ "CPU: 0 PID: 109 Comm: sh Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2",
	  "CPU: 0 PID: 109 Comm: sh Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2",
	  NO_TIME, -1, "" },
	{ "#PF: error_code(0x0000) - not-present page", "#PF: error_code(0x0000) - not-present page",
	  NO_TIME, -1, "" },
	/* a syslog line torn by console output (syz 706), and the printk overflow marker */
	{ "Sep 23 02:31[   69.295771][ T2742] ALSA: seq fatal error: cannot create timer (-22)",
	  "Sep 23 02:31[   69.295771][ T2742] ALSA: seq fatal error: cannot create timer (-22)",
	  NO_TIME, -1, "" },
	/* text glued before the timestamp (syzkaller's logs), a mail's quoting, a paste */
	{ "** 93 printk messages dropped ** [  322.962139] BUG: KASAN: use-after-free",
	  "BUG: KASAN: use-after-free", true, 322962139, -1, "" },
	{ "syzkaller login: [   35.184476] BUG: using __this_cpu_read() in preemptible",
	  "BUG: using __this_cpu_read() in preemptible", true, 35184476, -1, "" },
	{ "syzkaller login: Unable to handle kernel paging request at virtual address fc14ef08",
	  "Unable to handle kernel paging request at virtual address fc14ef08", NO_TIME, -1, "" },
	{ "debian login: ", "debian login: ", NO_TIME, -1, "" },
	{ "> [  215.672008]  [<000002482f7ee55e>] vfio_remove_dma+0xde/0xf0 [vfio]",
	  " [<000002482f7ee55e>] vfio_remove_dma+0xde/0xf0 [vfio]", true, 215672008, -1, "" },
	{ "> > >    [    4.591884] RIP: 0010:outer_with_inline+0xc/0x20 [oopsmod]",
	  "RIP: 0010:outer_with_inline+0xc/0x20 [oopsmod]", true, 4591884, -1, "" },
	{ ">ffff888077ec2b80: fb fb fb fb", ">ffff888077ec2b80: fb fb fb fb", NO_TIME, -1, "" },
	{ "a message with [   12.345678] in it", "a message with [   12.345678] in it", NO_TIME,
	  -1, "" },
	/* syslog lines of other programs, and a kernel message that mentions "kernel:" */
	{ "Nov 21 12:00:00 host systemd[1]: Started Journal Service.",
	  "Nov 21 12:00:00 host systemd[1]: Started Journal Service.", NO_TIME, -1, "" },
	{ "[    0.000000] Kernel command line: console=ttyS0 panic=-1 loglevel=8",
	  "Kernel command line: console=ttyS0 panic=-1 loglevel=8", true, 0, -1, "" },
};

int main(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *line = cases[i].line;
		size_t want_len = strlen(line) - strlen(cases[i].msg);
		struct prefix p;

		/* the table itself: msg must be the tail of line */
		CHECK(strcmp(line + want_len, cases[i].msg) == 0, "case %zu: bad table row", i);
		prefix_parse(line, &p);
		CHECK_STR_EQ(line + p.len, cases[i].msg, "case %zu \"%s\"", i, line);
		CHECK_INT_EQ(p.has_time, cases[i].has_time, "case %zu \"%s\"", i, line);
		if (cases[i].has_time)
			CHECK_INT_EQ(p.time_us, cases[i].time_us, "case %zu \"%s\"", i, line);
		CHECK_INT_EQ(p.level, cases[i].level, "case %zu \"%s\"", i, line);
		CHECK_STR_EQ(p.caller, cases[i].caller, "case %zu \"%s\"", i, line);
	}
	printf("test-prefix: %zu cases\n", ARRAY_SIZE(cases));
	return unit_exit();
}
