// SPDX-License-Identifier: GPL-2.0-or-later
/* test-report.c: the report parser on real logs: boundaries, kind, title, task, modules, frames. */
#include <string.h>

#include "report/report.h"
#include "unit.h"

/* Excerpts of the qemu console logs of Debian 6.1.0-56-cloud-amd64 (tests/kernel), the
 * reports provoked by the project's test module oopsmod; register dumps, "Code:" lines and
 * some "? " frames are left out. Line numbers in the comments count from 1. */
static const char *const plain[] = {
	"=== kdecode-harness: case null ===",
	"[    3.335514] BUG: kernel NULL pointer dereference, address: 0000000000000000", /* 2 */
	"[    3.335782] #PF: supervisor read access in kernel mode",
	"[    3.335964] #PF: error_code(0x0000) - not-present page",
	"[    3.336088] PGD 22baf067 P4D 22bed067 PUD 22ba4067 PMD 0 ",
	"[    3.336345] Oops: 0000 [#1] PREEMPT SMP NOPTI",
	"[    3.336502] CPU: 0 PID: 109 Comm: sh Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2",
	"[    3.336805] Hardware name: QEMU Standard PC (i440FX + PIIX, 1996), BIOS 1.16.2-debian-1.16.2-1 04/01/2014",
	"[    3.337009] RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]", /* 9 */
	"[    3.337629] RSP: 0018:ff595bd6c05c3a48 EFLAGS: 00000202",
	"[    3.337720] RAX: 0000000000000001 RBX: 0000000000000005 RCX: 0000000000000000",
	"[    3.338687] PKRU: 55555554",
	"[    3.338768] Call Trace:",
	"[    3.339174]  <TASK>",
	"[    3.339293]  trigger_write+0xe8/0x161 [oopsmod]", /* 15 */
	"[    3.339446]  proc_reg_write+0x56/0xa0",
	"[    3.339561]  vfs_write+0xc7/0x3f0", /* 17: a cut log ends here */
	"[    3.339627]  ? do_fcntl+0x577/0x6e0",
	"[    3.339693]  ksys_write+0x6b/0xf0",
	"[    3.339749]  do_syscall_64+0x5d/0x90",
	"[    3.340586]  ? exit_to_user_mode_prepare+0x44/0x240",
	"[    3.340662]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
	"[    3.340845] RIP: 0033:0x47b7a0",
	"[    3.341268] RSP: 002b:00007ffe81cfbb38 EFLAGS: 00000202 ORIG_RAX: 0000000000000001",
	"[    3.341935]  </TASK>", /* 25 */
	"[    3.342042] Modules linked in: oopsmod(OE)",
	"[    3.342221] CR2: 0000000000000000",
	"[    3.342404] ---[ end trace 0000000000000000 ]---",
	"[    3.342493] RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]", /* 29 */
	"[    3.343798] PKRU: 55555554",
	"[    3.343881] note: sh[109] exited with irqs disabled",
	"Killed",
	"=== kdecode-harness: case warn ===",
	"[    7.479364] ------------[ cut here ]------------", /* 34 */
	"[    7.479612] WARNING: CPU: 0 PID: 124 at /tmp/kd/plain/oopsmod.c:78 warn_path+0x14/0x20 [oopsmod]",
	"[    7.479796] Modules linked in: oopsmod(OE)",
	"[    7.479900] CPU: 0 PID: 124 Comm: sh Tainted: G      D    OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2",
	"[    7.480196] RIP: 0010:warn_path+0x14/0x20 [oopsmod]",
	"[    7.481704] Call Trace:",
	"[    7.481761]  <TASK>",
	"[    7.481805]  trigger_write+0x132/0x161 [oopsmod]",
	"[    7.482087]  ? alloc_fd+0xb5/0x150",
	"[    7.482834]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8", /* 43 */
	"[    7.482921] RIP: 0033:0x47b7a0",
	"[    7.483970]  </TASK>",
	"[    7.484044] ---[ end trace 0000000000000000 ]---", /* 46 */
	"=== kdecode-harness: case sysrq ===",
	"[    8.299294] sysrq: Trigger a crash",
	"[    8.299566] Kernel panic - not syncing: sysrq triggered crash",
	"[    8.299967] Kernel Offset: 0xf200000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
};

static const char *const bug[] = {
	"[    6.651440] ------------[ cut here ]------------",
	"[    6.651651] kernel BUG at /tmp/kd/plain/oopsmod.c:73!",
	"[    6.652017] invalid opcode: 0000 [#5] PREEMPT SMP NOPTI",
	"[    6.652115] CPU: 0 PID: 121 Comm: sh Tainted: G      D    OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2",
	"[    6.652500] RIP: 0010:bug_path+0x14/0x20 [oopsmod]", /* 5 */
	"[    6.653898] Call Trace:",
	"[    6.653956]  <TASK>",
	"[    6.653999]  trigger_write+0x13f/0x161 [oopsmod]",
	"[    6.654356]  ? handle_mm_fault+0xdb/0x2d0",
	"[    6.654579]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8", /* 10 */
	"[    6.654677] RIP: 0033:0x47b7a0",
	"[    6.655810]  </TASK>",
	"[    6.655850] Modules linked in: oopsmod(OE)",
	"[    6.656159] ---[ end trace 0000000000000000 ]---",
	"[    6.656239] RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]", /* 15 */
	"[    6.658102] PKRU: 55555554",
	"Segmentation fault",
};

/* panic=-1 and sysrq c from init: no "---[ end Kernel panic", the log simply ends */
static const char *const panic[] = {
	"[    3.244374] sysrq: Trigger a crash",
	"[    3.244688] Kernel panic - not syncing: sysrq triggered crash",
	"[    3.245051] CPU: 0 PID: 1 Comm: init Tainted: G           OE      6.1.0-56-cloud-amd64 #1  Debian 6.1.192-2",
	"[    3.245505] Call Trace:",
	"[    3.245954]  <TASK>",
	"[    3.246077]  dump_stack_lvl+0x44/0x5c",
	"[    3.246320]  panic+0x118/0x2f4",
	"[    3.246384]  ? _printk+0x68/0x83",
	"[    3.246444]  sysrq_handle_crash+0x16/0x20",
	"[    3.246519]  __handle_sysrq.cold+0x44/0x11c",
	"[    3.247109]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8", /* 11 */
	"[    3.247280] RIP: 0033:0x47b7a0",
	"[    3.248494]  </TASK>",
	"[    3.248872] Kernel Offset: 0x2400000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
};

/* Real lines of /work/shared/FORMATS.md, each block from one report (source named). */
static const char *const gpf[] = { /* syz 738, a 6.14 kernel, and FORMATS.md 3.3 trailers */
	"Oops: general protection fault, probably for non-canonical address 0xdffffc0000000004: 0000 [#1] SMP KASAN PTI",
	"KASAN: null-ptr-deref in range [0x0000000000000020-0x0000000000000027]",
	"CPU: 0 UID: 0 PID: 5827 Comm: syz-executor187 Not tainted 6.14.0-syzkaller-12456-gacc4d5ff0b61 #0 PREEMPT(full) ",
	"RIP: 0010:__se_sys_mremap+0x25fa/0x2c00",
	"RSP: 0018:ffffc9000414fb40 EFLAGS: 00010246",
	"Call Trace:",
	" <TASK>",
	" ? __pfx___se_sys_mremap+0x10/0x10",
	" do_syscall_64+0xf3/0x230",
	" entry_SYSCALL_64_after_hwframe+0x77/0x7f", /* 10 */
	"RIP: 0033:0x7f56a8c90369",
	" </TASK>",
	"Modules linked in:",
	"---[ end trace 0000000000000000 ]---",
	"RIP: 0010:__se_sys_mremap+0x25fa/0x2c00", /* 15 */
	"Kernel panic - not syncing: Fatal exception",
	"Kernel Offset: disabled",
	"---[ end Kernel panic - not syncing: Fatal exception ]---",
	"Rebooting in 86400 seconds..",
};

static const char *const warn_old[] = { /* bug-hunting.rst, a 4.8 kernel */
	"------------[ cut here ]------------",
	"WARNING: CPU: 1 PID: 28102 at kernel/module.c:1108 module_put+0x57/0x70",
	"Modules linked in: dvb_usb_gp8psk(-) dvb_usb dvb_core nvidia_drm(PO) nvidia_modeset(PO) snd_hda_codec_hdmi nvidia(PO) [last unloaded: rc_core]",
	"CPU: 1 PID: 28102 Comm: rmmod Tainted: P        WC O 4.8.4-build.1 #1",
	"---[ end trace 6ebc60ef3981792f ]---",
};

/* a dump_stack() under journalctl -k: lines of several FORMATS.md sources, one prefix */
static const char *const journal[] = {
	"Jul 07 11:50:28 t35lp54.lnxne.boe kernel: CPU: 3 PID: 3373 Comm: bash Not tainted 5.11 #12 a8c0d47f7051f3e6670ceaea724af66a39c6cec8",
	"Jul 07 11:50:28 t35lp54.lnxne.boe kernel: Call Trace:",
	"Jul 07 11:50:28 t35lp54.lnxne.boe kernel:  dump_stack+0x19/0x1b",
	"Jul 07 11:50:28 t35lp54.lnxne.boe kernel:  do_syscall_64+0x3b/0x90",
	"Jul 07 11:50:28 t35lp54.lnxne.boe kernel: Oops: 0002",
};

static const char *const kasan[] = { /* syz 704 (FORMATS.md 3.13), frames from syz 738 */
	"==================================================================",
	"BUG: KASAN: slab-use-after-free in xas_start+0x1ef/0x7b0",
	"Read of size 8 at addr ffff888077ec2bf8 by task syz-executor.0/6659",
	"Call Trace:",
	" <TASK>",
	" do_syscall_64+0xf3/0x230",
	" </TASK>",
	"",
	"Allocated by task 14764:",
	" entry_SYSCALL_64_after_hwframe+0x77/0x7f", /* 10 */
	"The buggy address belongs to the object at ffff888077ec2540",
	"==================================================================",
	"Disabling lock debugging due to kernel taint",
};

static const char *const endless[] = { "Call Trace:", " vfs_write+0xc7/0x3f0" };

struct want {
	const char *kind, *title;
	unsigned long first, last;
	const char *prefix;		/* of the first line */
	int cpu, pid;
	const char *comm, *tainted, *release, *build_id;
	const char *modules;		/* "name(flags) ...", NULL without a "Modules linked in:" */
	const char *last_unloaded;
	bool has_offset;
	uint64_t offset;
	size_t n_frames;
	/* per frame: 'R' the IP, else the call's context ('T' task, 'I' irq, '-' none),
	 * lower case ('t', 'i', '?') when unreliable; NULL: not checked */
	const char *frames;
	unsigned long last_frame_line;
	const char *top;		/* report_top_frame()'s symbol */
	bool is_truncated;
};

#define NO_TASK -1, -1, NULL, NULL, NULL, NULL
#define TASK_6_1(pid, comm, taint) 0, pid, comm, taint, "6.1.0-56-cloud-amd64", NULL
#define LOG(a) a, ARRAY_SIZE(a)

static const struct {
	const char *name;
	const char *const *lines;
	size_t n_lines;		/* fed */
	size_t repeat;		/* then the last line again, this many times */
	const char *outside;	/* per line fed: 'o' outside every report, 'r' in one */
	size_t n_reports;
	struct want reports[3];
} cases[] = {
	{ "oops, warning, panic", LOG(plain), 0,
	  "o" "rrrrrrrrrrrrrrrrrrrrrrrrrrrrr" "ooo" "rrrrrrrrrrrrr" "oo" "rr", 3, {
	  { "bug", "BUG: unable to handle kernel NULL pointer dereference in deref_victim", 2, 30, "[    3.335514] ",
	    TASK_6_1(109, "sh", "GOE"), "oopsmod(OE)", NULL, false, 0,
	    10, "RTTTtTTtTR", 29, "deref_victim.constprop.0", false },
	  { "warning", "WARNING in warn_path", 34, 46, "[    7.479364] ",
	    TASK_6_1(124, "sh", "GDOE"), "oopsmod(OE)", NULL, false, 0,
	    4, "RTtT", 43, "warn_path", false },
	  { "panic", "kernel panic: sysrq triggered crash", 49, 50, "[    8.299566] ",
	    NO_TASK, NULL, NULL, true, 0xf200000, 0, "", 0, NULL, false } } },
	{ "cut inside the call trace", plain, 17, 0, "orrrrrrrrrrrrrrrr", 1, {
	  { "bug", "BUG: unable to handle kernel NULL pointer dereference in deref_victim", 2, 17, "[    3.335514] ",
	    TASK_6_1(109, "sh", "GOE"), NULL, NULL, false, 0,
	    4, "RTTT", 17, "deref_victim.constprop.0", false } } },
	{ "kernel BUG", LOG(bug), 0, "rrrrrrrrrrrrrrrro", 1, {
	  { "kernel-bug", "kernel BUG in bug_path", 1, 16, "[    6.651440] ",
	    TASK_6_1(121, "sh", "GDOE"), "oopsmod(OE)", NULL, false, 0,
	    5, "RTtTR", 15, "bug_path", false } } },
	{ "panic with a stack", LOG(panic), 0, "orrrrrrrrrrrrr", 1, {
	  { "panic", "kernel panic: sysrq triggered crash", 2, 14, "[    3.244688] ",
	    TASK_6_1(1, "init", "GOE"), NULL, NULL, true, 0x2400000,
	    6, "TTtTTT", 11, "sysrq_handle_crash", false } } },
	/* the panic that follows is the gpf's end, not a report of its own */
	{ "gpf, then panic", LOG(gpf), 0, "rrrrrrrrrrrrrrrrrro", 1, {
	  { "gpf", "general protection fault in mremap", 1, 18, "",
	    0, 5827, "syz-executor187", "", "6.14.0-syzkaller-12456-gacc4d5ff0b61", NULL,
	    "", NULL, true, 0, 5, "RtTTR", 15, "__se_sys_mremap", false } } },
	{ "old warning", LOG(warn_old), 0, "rrrrr", 1, {
	  { "warning", "WARNING in module_put", 1, 5, "",
	    1, 28102, "rmmod", "PWCO", "4.8.4-build.1", NULL,
	    "dvb_usb_gp8psk(-) dvb_usb dvb_core nvidia_drm(PO) nvidia_modeset(PO) snd_hda_codec_hdmi nvidia(PO)",
	    "rc_core", false, 0, 0, "", 0, NULL, false } } },
	{ "journalctl -k backtrace, then an oops", LOG(journal), 0, "rrrrr", 2, {
	  { "backtrace", "backtrace in do_syscall_64", 1, 4,
	    "Jul 07 11:50:28 t35lp54.lnxne.boe kernel: ", 3, 3373, "bash", "", "5.11",
	    "a8c0d47f7051f3e6670ceaea724af66a39c6cec8", NULL, NULL, false, 0,
	    2, "--", 4, "do_syscall_64", false },
	  { "oops", "Oops", 5, 5, "Jul 07 11:50:28 t35lp54.lnxne.boe kernel: ",
	    NO_TASK, NULL, NULL, false, 0, 0, "", 0, NULL, false } } },
	{ "KASAN", LOG(kasan), 0, "orrrrrrrrrrro", 1, {
	  { "kasan", "KASAN: slab-use-after-free Read in xas_start", 2, 12, "",
	    NO_TASK, NULL, NULL, false, 0, 2, "T-", 10, NULL, false } } },
	/* cut once, marked corrupted; the rest of it opens no reports of its own */
	{ "longer than REPORT_MAX_LINES", LOG(endless), REPORT_MAX_LINES, "rr", 1, {
	  { "backtrace", "backtrace in vfs_write", 1, REPORT_MAX_LINES, "",
	    NO_TASK, NULL, NULL, false, 0, REPORT_MAX_LINES - 1, NULL, REPORT_MAX_LINES,
	    "vfs_write", true } } },
};

/* the frames as the one-letter code of struct want */
static void frame_code(const struct report *r, char *buf, size_t size)
{
	size_t n = 0;

	for (size_t i = 0; i < r->n_frames && n + 1 < size; i++) {
		const struct frame *f = &r->frames[i];
		char c = f->context == NULL ? '-' : f->context[0] - 'a' + 'A';
		if (f->role == FRAME_ROLE_IP)
			c = 'R';
		else if (!f->is_reliable)
			c = c == '-' ? '?' : c - 'A' + 'a';
		buf[n++] = c;
	}
	buf[n] = '\0';
}

static void module_list(const struct report *r, char *buf, size_t size)
{
	size_t n = 0;

	buf[0] = '\0';
	for (size_t i = 0; i < r->n_modules && n < size; i++) {
		const char *flags = r->modules[i].flags;
		n += (size_t)snprintf(buf + n, size - n, "%s%s%s%s%s", i ? " " : "",
				      r->modules[i].name, flags[0] ? "(" : "", flags,
				      flags[0] ? ")" : "");
	}
}

static void check_report(const char *name, size_t i, const struct report *r, const struct want *w)
{
	char buf[4096];
	const struct frame *top = report_top_frame(r);

	CHECK_STR_EQ(r->source, "unit", "%s #%zu", name, i);
	CHECK_STR_EQ(r->kind, w->kind, "%s #%zu", name, i);
	CHECK_STR_EQ(r->title, w->title, "%s #%zu", name, i);
	CHECK_INT_EQ(r->first_line, w->first, "%s #%zu", name, i);
	CHECK_INT_EQ(r->last_line, w->last, "%s #%zu", name, i);
	CHECK_INT_EQ(r->n_lines, w->last - w->first + 1, "%s #%zu", name, i);
	CHECK_STR_EQ(r->n_lines ? r->lines[0].prefix : NULL, w->prefix, "%s #%zu", name, i);
	CHECK_INT_EQ(r->has_task, w->comm != NULL, "%s #%zu", name, i);
	CHECK_INT_EQ(r->cpu, w->cpu, "%s #%zu", name, i);
	CHECK_INT_EQ(r->pid, w->pid, "%s #%zu", name, i);
	CHECK_STR_EQ(r->comm, w->comm, "%s #%zu", name, i);
	CHECK_STR_EQ(r->tainted, w->tainted, "%s #%zu", name, i);
	CHECK_STR_EQ(r->release, w->release, "%s #%zu", name, i);
	CHECK_STR_EQ(r->vmlinux_build_id, w->build_id, "%s #%zu", name, i);
	module_list(r, buf, sizeof(buf));
	CHECK_STR_EQ(r->has_modules ? buf : NULL, w->modules, "%s #%zu", name, i);
	CHECK_STR_EQ(r->last_unloaded, w->last_unloaded, "%s #%zu", name, i);
	CHECK_INT_EQ(r->has_kernel_offset, w->has_offset, "%s #%zu", name, i);
	CHECK_INT_EQ(r->kernel_offset, w->offset, "%s #%zu", name, i);
	/* every "Kernel Offset: 0x... from 0xffffffff81000000" here is x86_64's */
	CHECK_INT_EQ(r->has_kernel_text, w->has_offset && w->offset != 0, "%s #%zu", name, i);
	if (r->has_kernel_text)
		CHECK_INT_EQ(r->kernel_text, 0xffffffff81000000 + w->offset, "%s #%zu", name, i);
	CHECK_INT_EQ(r->n_frames, w->n_frames, "%s #%zu", name, i);
	frame_code(r, buf, sizeof(buf));
	if (w->frames)
		CHECK_STR_EQ(buf, w->frames, "%s #%zu", name, i);
	CHECK_INT_EQ(r->n_frames ? r->frames[r->n_frames - 1].line : 0, w->last_frame_line,
		     "%s #%zu", name, i);
	CHECK_STR_EQ(top ? top->symbol : NULL, w->top, "%s #%zu", name, i);
	CHECK_INT_EQ(r->is_truncated, w->is_truncated, "%s #%zu", name, i);
	CHECK_INT_EQ(r->n_warnings, w->is_truncated, "%s #%zu", name, i);
	CHECK_INT_EQ(r->corrupted != NULL, w->is_truncated, "%s #%zu: corrupted", name, i);
}

/* the first REPORTS_MAX reports are checked, the others only counted */
#define REPORTS_MAX 4
static void keep(struct report **got, size_t *n, struct report *r)
{
	if (r == NULL)
		return;
	if (*n < REPORTS_MAX)
		got[*n] = r;
	else
		report_free(r);
	(*n)++;
}

/* a NUL inside a report line: the report keeps the line's bytes, all of them, for echoing
 * (a copy up to the NUL with the full length would print heap bytes after it) */
static void check_nul_line(void)
{
	static const char nul_line[] = "\0AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA\n";
	const char *lines[] = { "BUG: kernel NULL pointer dereference, address: 0000000000000010",
				nul_line, "Call Trace:", " foo+0x1/0x2" };
	struct report_parser *rp = report_parser_new("unit");
	struct report *r = NULL, *done;
	bool is_outside;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		size_t len = i == 1 ? sizeof(nul_line) - 1 : strlen(lines[i]);
		struct line l = { .raw = lines[i], .raw_len = len, .text = lines[i], .len = len,
				  .no = i + 1 };
		if (i == 1)
			l.text = " AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"; /* linebuf: NUL -> ' ' */
		report_parser_feed(rp, &l, &done, &is_outside);
		CHECK(done == NULL, "nul line: report closed early at line %zu", i + 1);
		report_free(done);
	}
	r = report_parser_finish(rp);
	CHECK(r && r->n_lines == 4, "nul line: one report of 4 lines");
	if (r && r->n_lines == 4) {
		CHECK_INT_EQ(r->lines[1].raw_len, sizeof(nul_line) - 1, "nul line: length");
		CHECK(memcmp(r->lines[1].raw, nul_line, sizeof(nul_line) - 1) == 0,
		      "nul line: bytes after the NUL");
	}
	report_free(r);
	report_parser_free(rp);
}

/* the CPU: line's release, "#N" build, what a distribution adds, and the build ID, which
 * verify.c compares with the debug files */
static void check_build_words(void)
{
	static const struct {
		const char *line;
		const char *release, *build, *extra, *build_id;
	} lines[] = {
		{ "CPU: 0 PID: 109 Comm: sh Tainted: G           OE      6.1.0-56-cloud-amd64 #1  "
		  "Debian 6.1.192-2", "6.1.0-56-cloud-amd64", "#1", "Debian 6.1.192-2", NULL },
		{ "CPU: 0 UID: 0 PID: 5827 Comm: syz 1 Not tainted 6.14.0 #0 PREEMPT(full) ",
		  "6.14.0", "#0", "PREEMPT(full)", NULL },
		{ "CPU: 1 PID: 7 Comm: kworker/1:0 Not tainted 6.1.0 #3 "
		  "0123456789abcdef0123456789abcdef01234567", "6.1.0", "#3", NULL,
		  "0123456789abcdef0123456789abcdef01234567" },
		{ "CPU: 1 PID: 7 Comm: x Not tainted 6.1.0", "6.1.0", NULL, NULL, NULL },
		{ "CPU: 1 PID: 7 Comm: x Not tainted 6.1.0 SMP #2", "6.1.0", NULL, NULL, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		const char *text[] = { "BUG: kernel NULL pointer dereference, address: 0000000000000010",
				       lines[i].line, "Call Trace:", " foo+0x1/0x2" };
		struct report_parser *rp = report_parser_new("unit");
		struct report *done, *r;
		bool is_outside;
		for (size_t j = 0; j < ARRAY_SIZE(text); j++) {
			struct line l = { .raw = text[j], .raw_len = strlen(text[j]), .text = text[j],
					  .len = strlen(text[j]), .no = j + 1 };
			report_parser_feed(rp, &l, &done, &is_outside);
			report_free(done);
		}
		r = report_parser_finish(rp);
		CHECK_STR_EQ(r ? r->release : NULL, lines[i].release, "%s", lines[i].line);
		CHECK_STR_EQ(r ? r->build : NULL, lines[i].build, "%s", lines[i].line);
		CHECK_STR_EQ(r ? r->build_extra : NULL, lines[i].extra, "%s", lines[i].line);
		CHECK_STR_EQ(r ? r->vmlinux_build_id : NULL, lines[i].build_id, "%s", lines[i].line);
		report_free(r);
		report_parser_free(rp);
	}
}

/* kinds, titles, guilty frames and boundaries of report kinds, one report each: lines in
 * the kernel's formats (FORMATS.md 3.13, syz 0/138/157/183/269), trimmed */
static const char *const lockdep_circular[] = {
	"======================================================",
	"WARNING: possible circular locking dependency detected",
	"4.15.0+ #221 Not tainted",
	"------------------------------------------------------",
	"syz-executor5/5807 is trying to acquire lock:",
	" (sk_lock-AF_INET){+.+.}, at: [<0000000046bbd7df>] do_ip_setsockopt.isra.12+0x1d9/0x3210",
	"",
	"but task is already holding lock:",
	"the existing dependency chain (in reverse order) is:",
	"-> #1 (rtnl_mutex){+.+.}:",
	"       __mutex_lock+0x16f/0x1a80",
	"       rtnl_lock+0x17/0x20",
	"-> #0 (sk_lock-AF_INET){+.+.}:",
	"       lock_acquire+0x1d5/0x580",
	"       lock_sock_nested+0xc2/0x110",
	"       do_ip_setsockopt.isra.12+0x1d9/0x3210",
	"       ip_setsockopt+0x3a/0xa0",
	"other info that might help us debug this:",
	"       CPU0                    CPU1",
	"  lock(rtnl_mutex);",
	" *** DEADLOCK ***",
	"1 lock held by syz-executor5/5807:",
	" #0:  (rtnl_mutex){+.+.}, at: [<00000000366b10e7>] rtnl_lock+0x17/0x20",
	"stack backtrace:",
	"CPU: 0 PID: 5807 Comm: syz-executor5 Not tainted 4.15.0+ #221",
	"Call Trace:",
	" dump_stack+0x194/0x257",
	" __lock_acquire+0x2d4a/0x3e00",
	" lock_acquire+0x1d5/0x580",
	" lock_sock_nested+0xc2/0x110",
	" do_ip_setsockopt.isra.12+0x1d9/0x3210",
	" entry_SYSCALL_64_fastpath+0x29/0xa0",
	"a line after it",
};

static const char *const hung[] = {
	"INFO: task syz-executor1:12659 blocked for more than 120 seconds.",
	"      Not tainted 4.15.0+ #1",
	"\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.",
	"task:syz-executor1   state:D stack:0     pid:12659 ppid:4139 flags:0x00000004",
	"Call Trace:",
	" __schedule+0x8eb/0x2060",
	" schedule+0xf5/0x430",
	" schedule_preempt_disabled+0x10/0x20",
	" __mutex_lock+0xaad/0x1a80",
	" mutex_lock_nested+0x16/0x20",
	" rtnl_lock+0x17/0x20",
	" dev_ioctl+0x1a3/0xb60",
	"",
	"Showing all locks held in the system:",
	"2 locks held by khungtaskd/868:",
	" #0:  (rcu_read_lock){....}, at: [<00000000f9f1b0b9>] check_hung_uninterruptible_tasks+0x28/0x940",
	"NMI backtrace for cpu 1",
	"CPU: 1 PID: 868 Comm: khungtaskd Not tainted 4.15.0+ #1",
	"Call Trace:",
	" dump_stack+0x194/0x257",
	" nmi_cpu_backtrace+0x1d2/0x210",
	" watchdog+0x90c/0xd60",
	" kthread+0x33c/0x400",
	"Kernel panic - not syncing: hung_task: blocked tasks",
	"CPU: 1 PID: 868 Comm: khungtaskd Not tainted 4.15.0+ #1",
	"Call Trace:",
	" dump_stack+0x194/0x257",
	" panic+0x1e4/0x41c",
	" watchdog+0x91d/0xd60",
	"Kernel Offset: disabled",
};

static const char *const refcount[] = {
	"------------[ cut here ]------------",
	"refcount_t: underflow; use-after-free.",
	"WARNING: CPU: 1 PID: 3697 at lib/refcount.c:28 refcount_warn_saturate+0x13c/0x174",
	"Modules linked in:",
	"CPU: 1 PID: 3697 Comm: syz-executor Not tainted 5.10.0 #1",
	"RIP: 0010:refcount_warn_saturate+0x13c/0x174",
	"Call Trace:",
	" l2tp_session_register+0x8f/0x100",
	" l2tp_nl_cmd_session_create+0x2c1/0x380",
	"---[ end trace 0000000000000000 ]---",
};

static const char *const list_corruption[] = {
	"list_del corruption. prev->next should be 00000000bc6553ca, but was 0000000038fa8131",
	"------------[ cut here ]------------",
	"kernel BUG at lib/list_debug.c:53!",
	"invalid opcode: 0000 [#1] SMP KASAN",
	"CPU: 0 PID: 123 Comm: syz Not tainted 4.14.0+ #1",
	"RIP: 0010:__list_del_entry_valid+0xef/0x150",
	"Call Trace:",
	" __dev_remove_pack+0x16b/0x310",
	" packet_release+0x2a4/0xc00",
	"---[ end trace 0000000000000000 ]---",
};

static const char *const userspace_warning[] = {
	"[   72.159680] WARNING: /etc/ssh/moduli does not exist, using fixed modulus",
	"[   72.160000] sshd: started",
	"[   72.160001] Starting OpenBSD Secure Shell server: sshd.",
	"[   72.160002] a", "[   72.160003] b", "[   72.160004] c", "[   72.160005] d",
	"[   72.160006] e", "[   72.160007] f", "[   72.160008] g", "[   72.160009] h",
};

/* a driver's line from another CPU inside the stack: the report goes on, corrupted */
static const char *const interleaved[] = {
	"general protection fault: 0000 [#1] SMP KASAN",
	"CPU: 0 PID: 1 Comm: sh Not tainted 5.0.0 #1",
	"RIP: 0010:ucma_close+0x1b/0x300",
	"Call Trace:",
	" __fput+0x2df/0x8c0",
	"xt_TCPMSS: Only works on TCP SYN packets",
	" task_work_run+0x14a/0x1c0",
	" exit_to_usermode_loop+0x273/0x2c0",
	"---[ end trace 0000000000000000 ]---",
};

/* with CONFIG_PRINTK_CALLER the other task's line is known for what it is */
static const char *const interleaved_caller[] = {
	"[   36.1][ T5807] general protection fault: 0000 [#1] SMP KASAN",
	"[   36.2][ T5807] CPU: 0 PID: 5807 Comm: sh Not tainted 5.0.0 #1",
	"[   36.3][ T5807] RIP: 0010:ucma_close+0x1b/0x300",
	"[   36.4][ T5807] Call Trace:",
	"[   36.5][ T5807]  __fput+0x2df/0x8c0",
	"[   36.6][    C1] xt_TCPMSS: Only works on TCP SYN packets",
	"[   36.7][    C1] xt_TCPMSS: Only works on TCP SYN packets",
	"[   36.8][    C1] xt_TCPMSS: Only works on TCP SYN packets",
	"[   36.9][ T5807]  task_work_run+0x14a/0x1c0",
	"[   37.0][ T5807] ---[ end trace 0000000000000000 ]---",
};

/* sched_show_task() before 4.x prints "comm state saved-pc free pid ppid flags": the
 * blocked task's stack starts there; console_lock() and down() only wait */
static const char *const hung_old[] = {
	"INFO: task init:2293 blocked for more than 120 seconds.",
	"      Not tainted 4.4.132+ #53",
	"\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\" disables this message.",
	"init            D ffff88008ad8f5b0     0  2293      1 0x00000000",
	" ffff88008ad8f5b0 ffff8800b5584ee8 ffff8800b5584ef8 1ffff100115b1eaa",
	"Call Trace:",
	" [<ffffffff82a9df9c>] schedule+0x7c/0x1b0",
	" [<ffffffff82aae624>] schedule_timeout+0x3d4/0x690",
	" [<ffffffff82aab9b0>] __down+0x130/0x250",
	" [<ffffffff81201a13>] down+0x63/0x80",
	" [<ffffffff81226da1>] console_lock+0x31/0x80",
	" [<ffffffff8122c341>] console_device+0x21/0xc0",
	" [<ffffffff81ecd220>] tty_open+0x8b0/0xee0",
	" [<ffffffff815560be>] chrdev_open+0x22e/0x570",
};

/* a self-detected stall: the stalled CPU is the one its per-CPU line names (1), and
 * of its interrupted stack the operation the innermost dispatcher (receive) ran */
static const char *const rcu_self[] = {
	"[  351.648071][    C1] rcu: INFO: rcu_preempt self-detected stall on CPU",
	"[  351.654925][    C1] rcu: \t1-...!: (10499 ticks this GP) idle=63a/1/0x4000000000000002 softirq=10978/10978 fqs=0 ",
	"[  351.665511][    C1] \t(t=10501 jiffies g=10601 q=227)",
	"[  351.808040][    C1] Sending NMI from CPU 1 to CPUs 0:",
	"[  351.815225][    C1] NMI backtrace for cpu 0",
	"[  351.815230][    C1] CPU: 0 PID: 10344 Comm: syz-executor933 Not tainted 5.3.0-rc8+ #0",
	"[  351.815240][    C1] RIP: 0010:hhf_dequeue+0x552/0xa20",
	"[  351.815309][    C1] Call Trace:",
	"[  351.815315][    C1]  __qdisc_run+0x1e7/0x19d0",
	"[  351.815667][    C1]  do_exit+0x13ab/0x2e50",
	"[  351.815741][    C1] NMI backtrace for cpu 1",
	"[  352.590657][    C1] CPU: 1 PID: 10345 Comm: syz-executor933 Not tainted 5.3.0-rc8+ #0",
	"[  352.590660][    C1] Call Trace:",
	"[  352.590661][    C1]  <IRQ>",
	"[  352.590662][    C1]  dump_stack+0x172/0x1f0",
	"[  352.590663][    C1]  nmi_cpu_backtrace.cold+0x70/0xb2",
	"[  352.590664][    C1]  rcu_dump_cpu_stacks+0x183/0x1cf",
	"[  352.590665][    C1]  rcu_sched_clock_irq.cold+0x4dd/0xc13",
	"[  352.590666][    C1]  update_process_times+0x32/0x80",
	"[  352.590667][    C1]  hrtimer_interrupt+0x314/0x770",
	"[  352.590668][    C1]  smp_apic_timer_interrupt+0x160/0x610",
	"[  352.590669][    C1]  apic_timer_interrupt+0xf/0x20",
	"[  352.590670][    C1]  </IRQ>",
	"[  352.590671][    C1] RIP: 0010:native_queued_spin_lock_slowpath+0x132/0x9f0",
	"[  352.590672][    C1]  _raw_spin_lock+0x20e/0x2e0",
	"[  352.590673][    C1]  __xfrm_policy_check+0x19e/0x2300",
	"[  352.590674][    C1]  ip6_input_finish+0x1288/0x17b0",
	"[  352.590675][    C1]  ipv6_rcv+0xf45/0x1fc0",
	"[  352.590676][    C1]  __netif_receive_skb_core+0x1a52/0x3480",
	"[  352.590677][    C1]  netif_receive_skb+0xae/0x390",
	"[  352.590678][    C1]  tun_get_user+0x299b/0x3b50",
	"[  352.590679][    C1]  tun_chr_write_iter+0xb9/0x160",
	"[  352.590680][    C1]  do_iter_readv_writev+0x55c/0x830",
	"[  352.590681][    C1]  __x64_sys_writev+0x26/0x30",
	"[  352.590682][    C1]  do_syscall_64+0xfd/0x6a0",
	"[  352.590683][    C1]  entry_SYSCALL_64_after_hwframe+0x49/0xbe",
};

/* a soft lockup that waits for other CPUs is named after the wait */
static const char *const lockup_ipi[] = {
	"watchdog: BUG: soft lockup - CPU#1 stuck for 123s! [syz-executor1:24793]",
	"Modules linked in:",
	"CPU: 1 PID: 24793 Comm: syz-executor1 Not tainted 4.16.0+ #1",
	"RIP: 0010:csd_lock_wait+0x6f/0x300",
	"Call Trace:",
	" smp_call_function_single+0x363/0x500",
	" smp_call_function_many+0x672/0xe30",
	" on_each_cpu_cond+0x335/0x420",
	" invalidate_bh_lrus+0x54/0x60",
	" __blkdev_put+0x44b/0xcc0",
	" blkdev_close+0xa6/0xf0",
	" __fput+0x458/0xa30",
};

/* a stall in a syscall's own code is named after the syscall, not its wrapper */
static const char *const stall_syscall[] = {
	"INFO: rcu_sched self-detected stall on CPU",
	"\t0-....: (1 GPs behind) idle=222/1/4611686018427387906 softirq=196202/196203 fqs=31202 ",
	"NMI backtrace for cpu 0",
	"Call Trace:",
	" <IRQ>",
	" dump_stack+0x1a7/0x27d",
	" rcu_check_callbacks+0x21b/0xae0",
	" apic_timer_interrupt+0xf/0x20",
	" </IRQ>",
	"RIP: 0010:_raw_spin_unlock_irq+0x54/0x90",
	" do_exit+0x13ab/0x2e50",
	" do_group_exit+0x135/0x360",
	" __x64_sys_exit_group+0x44/0x50",
	" do_syscall_64+0xfd/0x6a0",
	" entry_SYSCALL_64_after_hwframe+0x49/0xbe",
};

/* panic_on_warn: the panic prints the stack; "Preemption disabled at:" is a note */
static const char *const atomic_panic[] = {
	"[ 2500.529878][T12771] BUG: scheduling while atomic: syz-executor.1/12771/0x00000002",
	"[ 2500.537844][T12771] no locks held by syz-executor.1/12771.",
	"[ 2500.543497][T12771] Modules linked in:",
	"[ 2500.547558][T12771] Preemption disabled at:",
	"[ 2500.547572][T12771] [<ffffffff812b2934>] kernel_fpu_begin_mask+0x64/0x260",
	"[ 2500.558965][T12771] Kernel panic - not syncing: scheduling while atomic",
	"[ 2500.565901][T12771] CPU: 0 PID: 12771 Comm: syz-executor.1 Not tainted 5.14.0-rc6-syzkaller #0",
	"[ 2500.588127][T12771] Call Trace:",
	"[ 2500.588128][T12771]  dump_stack_lvl+0xcd/0x134",
	"[ 2500.592949][T12771]  panic+0x306/0x73d",
	"[ 2500.622673][T12771]  __schedule_bug.cold+0x10c/0x143",
	"[ 2500.627802][T12771]  __schedule+0x1a07/0x26f0",
	"[ 2500.649224][T12771]  schedule+0xd3/0x270",
	"[ 2500.653313][T12771]  exit_to_user_mode_prepare+0x14a/0x290",
	"[ 2500.658963][T12771]  syscall_exit_to_user_mode+0x19/0x60",
	"[ 2500.664437][T12771]  do_syscall_64+0x42/0xb0",
};

/* an allocation that may sleep: the wrapper that passed the caller's gfp is named */
static const char *const sleeping_alloc[] = {
	"BUG: sleeping function called from invalid context at include/linux/sched/mm.h:201",
	"in_atomic(): 0, irqs_disabled(): 0, non_block: 0, pid: 22160, name: syz-executor.1",
	"Preemption disabled at:",
	"[<ffffffff8709e980>] __dev_queue_xmit+0x1f0/0x2e30",
	"CPU: 1 PID: 22160 Comm: syz-executor.1 Not tainted 5.12.0-next-20210504-syzkaller #0",
	"Call Trace:",
	" dump_stack+0x141/0x1d7",
	" ___might_sleep.cold+0x1f1/0x237",
	" kmem_cache_alloc_node+0x33d/0x3e0",
	" __alloc_skb+0x20b/0x340",
	" netlink_ack+0x1ed/0xaa0",
	" netlink_rcv_skb+0x33d/0x420",
};

/* the lock line names an allocator: the stack names the lock's taker */
static const char *const inconsistent[] = {
	"================================",
	"WARNING: inconsistent lock state",
	"5.15.0-rc2-syzkaller #0 Not tainted",
	"--------------------------------",
	"inconsistent {SOFTIRQ-ON-W} -> {IN-SOFTIRQ-W} usage.",
	"ksoftirqd/1/19 [HC0[0]:SC1[3]:HE1:SE0] takes:",
	"ffffffff8c9dd960 (fs_reclaim){+.?.}-{0:0}, at: kmem_cache_alloc_node+0x46/0x340",
	"{SOFTIRQ-ON-W} state was registered at:",
	"  lock_acquire+0x19f/0x4d0",
	"  fs_reclaim_acquire+0x77/0x110",
	"  kmem_cache_alloc_trace+0x42/0x310",
	"  wq_numa_init+0x122/0x49f",
	"6 locks held by ksoftirqd/1/19:",
	" #4: ffff88806f912620 (k-slock-AF_INET6/1){+.-.}-{2:2}, at: tcp_v6_rcv+0x3317/0x4470",
	"",
	"stack backtrace:",
	"CPU: 1 PID: 19 Comm: ksoftirqd/1 Not tainted 5.15.0-rc2-syzkaller #0",
	"Call Trace:",
	" dump_stack_lvl+0x1dc/0x2d8",
	" print_usage_bug+0xa6d/0xea0",
	" mark_lock+0x168c/0x1e00",
	" __lock_acquire+0xc36/0x2b00",
	" lock_acquire+0x19f/0x4d0",
	" fs_reclaim_acquire+0x77/0x110",
	" kmem_cache_alloc_node+0x46/0x340",
	" __alloc_skb+0xd8/0x580",
};

/* a circular dependency cut before "stack backtrace:": its "Call Trace:" is a stack
 * of its own, not more of the "-> #2" chain */
static const char *const circular_cut[] = {
	"WARNING: possible circular locking dependency detected",
	"4.15.0+ #6 Not tainted",
	"------------------------------------------------------",
	"syz-executor.2/31457 is trying to acquire lock:",
	"ffffffff8600aef8 ((console_sem).lock){-.-.}, at: down_trylock+0x13/0x70",
	"",
	"the existing dependency chain (in reverse order) is:",
	"",
	"-> #2 (&rq->lock){-.-.}:",
	"       _raw_spin_lock+0x2b/0x40",
	"       task_fork_fair+0x41/0x3c0",
	"       sched_fork+0x505/0xd70",
	"Call Trace:",
	" dump_stack+0x175/0x1dd",
	" print_circular_bug.cold+0x162/0x171",
	" __lock_acquire+0x2522/0x5470",
	" lock_acquire+0x1d8/0x770",
	" _raw_spin_lock_irqsave+0x92/0xd0",
	" down_trylock+0x13/0x70",
	" __down_trylock_console_sem+0xa8/0x210",
	" vprintk_emit+0x2c2/0x770",
	" printk+0xba/0xed",
	" tick_handler.cold+0x8c/0x258",
};

/* the stall variant of tests/kernel (Debian 6.1.0-57-cloud-amd64 under qemu, oopsmod's
 * softlockup, rcustall, slab and stackprot cases; register dumps and "Code:" lines left
 * out): a stall is named for the write handler its spin was called from, SLUB's report
 * for the free that found its redzone written, the stack protector's panic for the
 * function that called __stack_chk_fail() */
static const char *const soft_lockup[] = {
	"[   40.803325] watchdog: BUG: soft lockup - CPU#1 stuck for 3s! [sh:136]",
	"[   40.803654] Modules linked in: oopsmod(OE)",
	"[   40.803983] CPU: 1 PID: 136 Comm: sh Tainted: G           OE      6.1.0-57-cloud-amd64 #1  Debian 6.1.192-3",
	"[   40.804585] RIP: 0010:softlockup_path+0x6d/0x90 [oopsmod]",
	"[   40.805055] Call Trace:",
	"[   40.805055]  <TASK>",
	"[   40.805055]  vmcases_write+0x1e/0x80 [oopsmod]",
	"[   40.805055]  trigger_write+0x1ec/0x218 [oopsmod]",
	"[   40.805055]  proc_reg_write+0x56/0xa0",
	"[   40.805055]  vfs_write+0xc7/0x3f0",
	"[   40.805055]  ksys_write+0x6b/0xf0",
	"[   40.805055]  do_syscall_64+0x5d/0x90",
	"[   40.805055]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
	"[   40.805055] RIP: 0033:0x47b7a0",
	"[   40.805055]  </TASK>",
};

static const char *const rcu_stall[] = {
	"[   44.648906] rcu: INFO: rcu_preempt self-detected stall on CPU",
	"[   44.648906] rcu: \t0-....: (732 ticks this GP) idle=6a54/1/0x4000000000000000 softirq=576/576 fqs=350",
	"[   44.648906] \t(t=750 jiffies g=9 q=21 ncpus=2)",
	"[   44.648906] CPU: 0 PID: 139 Comm: sh Tainted: G           OEL     6.1.0-57-cloud-amd64 #1  Debian 6.1.192-3",
	"[   44.648906] RIP: 0010:rcustall_path+0x62/0x90 [oopsmod]",
	"[   44.652983] Call Trace:",
	"[   44.652983]  <TASK>",
	"[   44.652983]  vmcases_write+0x41/0x80 [oopsmod]",
	"[   44.652983]  trigger_write+0x1ec/0x218 [oopsmod]",
	"[   44.652983]  proc_reg_write+0x56/0xa0",
	"[   44.652983]  vfs_write+0xc7/0x3f0",
	"[   44.652983]  ksys_write+0x6b/0xf0",
	"[   44.652983]  do_syscall_64+0x5d/0x90",
	"[   44.652983]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
	"[   44.652983] RIP: 0033:0x47b7a0",
	"[   44.652983]  </TASK>",
};

static const char *const slab_redzone[] = {
	"[   47.526921] =============================================================================",
	"[   47.527238] BUG kmalloc-32 (Tainted: G           OEL    ): Right Redzone overwritten",
	"[   47.527488] -----------------------------------------------------------------------------",
	"[   47.527488] ",
	"[   47.527738] 0xff3349d52124f7c0-0xff3349d52124f7c0 @offset=1984. First byte 0x42 instead of 0xcc",
	"[   47.528086] Allocated in slab_path+0x1b/0x50 [oopsmod] age=0 cpu=0 pid=142",
	"[   47.528338]  kmalloc_trace+0x26/0x90",
	"[   47.528457]  slab_path+0x1b/0x50 [oopsmod]",
	"[   47.528559]  vmcases_write+0x75/0x80 [oopsmod]",
	"[   47.528661]  trigger_write+0x1ec/0x218 [oopsmod]",
	"[   47.528953]  proc_reg_write+0x56/0xa0",
	"[   47.529048]  vfs_write+0xc7/0x3f0",
	"[   47.529089]  ksys_write+0x6b/0xf0",
	"[   47.529089]  do_syscall_64+0x5d/0x90",
	"[   47.529089]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
	"[   47.529089] Freed in __vunmap+0x2d4/0x340 age=0 cpu=0 pid=52",
	"[   47.529089]  free_work+0x21/0x30",
	"[   47.529089]  process_one_work+0x1c7/0x380",
	"[   47.529089]  worker_thread+0x4d/0x380",
	"[   47.529089]  kthread+0xda/0x100",
	"[   47.529089]  ret_from_fork+0x22/0x30",
	"[   47.529089] Slab 0xffe8b3ff408493c0 objects=25 used=7 fp=0xff3349d52124fa20 flags=0xfffffc0000200(slab|node=0|zone=1|lastcpupid=0x1fffff)",
	"[   47.529089] Object 0xff3349d52124f7a0 @offset=1952 fp=0x0000000000000000",
	"[   47.529089] ",
	"[   47.529089] Redzone  ff3349d52124f780: cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc  ................",
	"[   47.529089] Redzone  ff3349d52124f790: cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc cc  ................",
	"[   47.529089] Redzone  ff3349d52124f7c0: 42 cc cc cc cc cc cc cc                          B.......",
	"[   47.529089] CPU: 0 PID: 142 Comm: sh Tainted: G           OEL     6.1.0-57-cloud-amd64 #1  Debian 6.1.192-3",
	"[   47.529089] Call Trace:",
	"[   47.529089]  <TASK>",
	"[   47.529089]  dump_stack_lvl+0x44/0x5c",
	"[   47.529089]  check_bytes_and_report.cold+0x6d/0x97",
	"[   47.529089]  check_object+0x1a1/0x280",
	"[   47.529089]  free_to_partial_list+0x19b/0x4f0",
	"[   47.529089]  ? slab_path+0x33/0x50 [oopsmod]",
	"[   47.529089]  slab_path+0x33/0x50 [oopsmod]",
	"[   47.529089]  vmcases_write+0x75/0x80 [oopsmod]",
	"[   47.529089]  trigger_write+0x1ec/0x218 [oopsmod]",
	"[   47.529089]  proc_reg_write+0x56/0xa0",
	"[   47.529089]  vfs_write+0xc7/0x3f0",
	"[   47.529089]  ksys_write+0x6b/0xf0",
	"[   47.529089]  do_syscall_64+0x5d/0x90",
	"[   47.529089]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
	"[   47.529089] RIP: 0033:0x47b7a0",
	"[   47.529089]  </TASK>",
	"[   47.529089] Disabling lock debugging due to kernel taint",
	"[   47.529089] FIX kmalloc-32: Restoring Right Redzone 0xff3349d52124f7c0-0xff3349d52124f7c0=0xcc",
	"[   47.529089] FIX kmalloc-32: Object at 0xff3349d52124f7a0 not freed",
};

static const char *const stack_protector[] = {
	"[   48.389921] Kernel panic - not syncing: stack-protector: Kernel stack is corrupted in: stackprot_path+0x80/0x80 [oopsmod]",
	"[   48.390298] CPU: 0 PID: 145 Comm: sh Tainted: G    B      OEL     6.1.0-57-cloud-amd64 #1  Debian 6.1.192-3",
	"[   48.390696] Call Trace:",
	"[   48.390769]  <TASK>",
	"[   48.390904]  dump_stack_lvl+0x44/0x5c",
	"[   48.391018]  panic+0x118/0x2f4",
	"[   48.391100]  ? stackprot_path+0x80/0x80 [oopsmod]",
	"[   48.391218]  __stack_chk_fail+0x10/0x10",
	"[   48.391307]  stackprot_path+0x80/0x80 [oopsmod]",
	"[   48.391416]  vmcases_write+0x6e/0x80 [oopsmod]",
	"[   48.391521]  trigger_write+0x1ec/0x218 [oopsmod]",
	"[   48.391630]  proc_reg_write+0x56/0xa0",
	"[   48.391719]  vfs_write+0xc7/0x3f0",
	"[   48.391892]  ksys_write+0x6b/0xf0",
	"[   48.391971]  do_syscall_64+0x5d/0x90",
	"[   48.392546]  entry_SYSCALL_64_after_hwframe+0x6e/0xd8",
	"[   48.392663] RIP: 0033:0x47b7a0",
	"[   48.393162]  </TASK>",
	"[   48.393162] Kernel Offset: 0xd400000 from 0xffffffff81000000 (relocation range: 0xffffffff80000000-0xffffffffbfffffff)",
};

/* kmemleak since 6.6: "backtrace (crc ...):", and a symbolizer's inlined frames */
static const char *const leak_inline[] = {
	"BUG: memory leak",
	"unreferenced object 0xffff8882d78c9ea0 (size 96):",
	"  comm \"syz.0.23\", pid 5988, jiffies 4294941388",
	"  hex dump (first 32 bytes):",
	"    df 82 95 86 ff ff ff ff a8 9e 8c d7 82 88 ff ff  ................",
	"  backtrace (crc c9a1c131):",
	"    kmemleak_alloc_recursive include/linux/kmemleak.h:44 [inline]",
	"    slab_post_alloc_hook mm/slub.c:4951 [inline]",
	"    __kmalloc_cache_noprof+0x42f/0x5e0 mm/slub.c:5719",
	"    kzalloc_noprof include/linux/slab.h:1094 [inline]",
	"    lookup_or_create_module_kobject+0x57/0x110 kernel/params.c:764",
	"    module_add_driver+0x13c/0x1e0 drivers/base/module.c:46",
};

/* arm: the fault line, then die()'s "Internal error" joins it */
static const char *const arm_unhandled[] = {
	"Unhandled fault: page domain fault (0x81b) at 0x00001044",
	"pgd = 74561366",
	"Internal error: : 81b [#1] SMP ARM",
	"Modules linked in:",
	"CPU: 0 PID: 22499 Comm: syz-executor1 Not tainted 4.17.0-rc1+ #11",
	"PC is at memset+0x30/0xa8",
	"LR is at   (null)",
	"Backtrace:",
	"[<80b10c70>] (memset) from [<8062eec8>] (n_tty_set_termios+0x154/0x3c4)",
	"[<8062eec8>] (n_tty_set_termios) from [<80632588>] (tty_set_termios+0x1bc/0x230)",
};

/* two tasks' reports printed at once: each keeps its own lines, so KASAN's stack is
 * whole (without them, the GPF's lines would cut it) */
static const char *const two_callers[] = {
	"[ 2348.757430][ T1533] ==================================================================",
	"[ 2348.763145][ T1560] kasan: GPF could be caused by NULL-ptr deref or user memory access",
	"[ 2348.763191][ T1560] general protection fault: 0000 [#1] PREEMPT SMP KASAN",
	"[ 2348.771271][ T1533] BUG: KASAN: null-ptr-deref in refcount_sub_and_test_checked+0x87/0x200",
	"[ 2348.779316][ T1560] CPU: 0 PID: 1560 Comm: syz-executor.2 Not tainted 5.2.0-rc1+ #26",
	"[ 2348.786230][ T1533] Read of size 4 at addr 00000000000000c8 by task syz-executor.2/1533",
	"[ 2348.802504][ T1533] CPU: 1 PID: 1533 Comm: syz-executor.2 Not tainted 5.2.0-rc1+ #26",
	"[ 2348.810663][ T1560] RIP: 0010:refcount_sub_and_test_checked+0x8e/0x200",
	"[ 2348.830900][ T1533] Call Trace:",
	"[ 2348.847633][ T1533]  dump_stack+0x172/0x1f0",
	"[ 2348.894905][ T1533]  __kasan_report.cold+0x5/0x40",
	"[ 2348.934699][ T1533]  kasan_report+0x12/0x20",
	"[ 2348.986303][ T1560] Call Trace:",
	"[ 2348.986304][ T1560]  refcount_dec_and_test_checked+0x1b/0x20",
	"[ 2348.986305][ T1533]  refcount_sub_and_test_checked+0x87/0x200",
	"[ 2348.986306][ T1560]  x25_connect+0x8d8/0xea0",
	"[ 2348.986307][ T1533]  refcount_dec_and_test_checked+0x1b/0x20",
	"[ 2348.986308][ T1560]  __sys_connect+0x266/0x330",
	"[ 2348.986309][ T1533]  x25_connect+0x8d8/0xea0",
	"[ 2348.986310][ T1560] ---[ end trace 0000000000000001 ]---",
	"[ 2348.986311][ T1533]  __sys_connect+0x266/0x330",
};

static const struct {
	const char *name;
	const char *const *lines;
	size_t n_lines;
	size_t n_reports;	/* real ones: a spurious report is counted apart */
	const char *kind, *class, *title, *guilty_function;
	bool is_corrupted;
	unsigned long last_line;
} titled[] = {
	{ "lockdep circular", LOG(lockdep_circular), 1, "warning", "lockdep",
	  "possible deadlock in do_ip_setsockopt", "do_ip_setsockopt", false, 32 },
	{ "hung task", LOG(hung), 1, "hung-task", "hang", "INFO: task hung in rtnl_lock",
	  "rtnl_lock", false, 30 },
	{ "refcount", LOG(refcount), 1, "warning", "warning",
	  "WARNING: refcount bug in l2tp_session_register", "l2tp_session_register", false, 10 },
	{ "list corruption", LOG(list_corruption), 1, "bug", "corrupted-list",
	  "BUG: corrupted list in __dev_remove_pack", "__dev_remove_pack", false, 10 },
	{ "userspace WARNING", LOG(userspace_warning), 0, NULL, NULL, NULL, NULL, false, 0 },
	{ "interleaved", LOG(interleaved), 1, "gpf", "gpf", "general protection fault in ucma_close",
	  "ucma_close", true, 9 },
	{ "interleaved, caller ids", LOG(interleaved_caller), 1, "gpf", "gpf",
	  "general protection fault in ucma_close", "ucma_close", false, 10 },
	{ "hung task, old task line", LOG(hung_old), 1, "hung-task", "hang",
	  "INFO: task hung in console_device", "console_device", false, 14 },
	{ "RCU stall, self-detected", LOG(rcu_self), 1, "rcu-stall", "hang",
	  "INFO: rcu detected stall in ipv6_rcv", "ipv6_rcv", false, 36 },
	{ "soft lockup in a cross-CPU call", LOG(lockup_ipi), 1, "lockup", "hang",
	  "BUG: soft lockup in smp_call_function", "smp_call_function", false, 12 },
	{ "scheduling while atomic, panic_on_warn", LOG(atomic_panic), 1, "bug", "atomic-sleep",
	  "BUG: scheduling while atomic in exit_to_user_mode_prepare",
	  "exit_to_user_mode_prepare", false, 16 },
	{ "sleeping allocation", LOG(sleeping_alloc), 1, "bug", "atomic-sleep",
	  "BUG: sleeping function called from invalid context in __alloc_skb", "__alloc_skb",
	  false, 12 },
	{ "inconsistent lock state", LOG(inconsistent), 1, "warning", "lockdep",
	  "inconsistent lock state in fs_reclaim_acquire", "fs_reclaim_acquire", false, 26 },
	{ "circular dependency, cut", LOG(circular_cut), 1, "warning", "lockdep",
	  "possible deadlock in tick_handler", "tick_handler", false, 23 },
	{ "memory leak, inlined frames", LOG(leak_inline), 1, "bug", "memory-leak",
	  "memory leak in lookup_or_create_module_kobject", "lookup_or_create_module_kobject",
	  false, 12 },
	{ "arm unhandled fault", LOG(arm_unhandled), 1, "oops", "oops",
	  "Unhandled fault in n_tty_set_termios", "n_tty_set_termios", false, 10 },
	{ "two callers at once", LOG(two_callers), 2, "kasan", "kasan",
	  "KASAN: null-ptr-deref Read in x25_connect", "x25_connect", false, 21 },
	{ "RCU stall in a syscall", LOG(stall_syscall), 1, "rcu-stall", "hang",
	  "INFO: rcu detected stall in sys_exit_group", "sys_exit_group", false, 15 },
	{ "soft lockup", LOG(soft_lockup), 1, "lockup", "hang",
	  "BUG: soft lockup in trigger_write", "trigger_write", false, 15 },
	{ "rcu stall", LOG(rcu_stall), 1, "rcu-stall", "hang",
	  "INFO: rcu detected stall in trigger_write", "trigger_write", false, 16 },
	{ "slub redzone", LOG(slab_redzone), 1, "bug", "slab-corruption",
	  "BUG: Right Redzone overwritten in slab_path", "slab_path", false, 46 },
	{ "stack protector", LOG(stack_protector), 1, "panic", "panic",
	  "kernel panic: stack-protector: Kernel stack is corrupted in: stackprot_path",
	  "stackprot_path", false, 19 },
};

static void check_titles(void)
{
	for (size_t c = 0; c < ARRAY_SIZE(titled); c++) {
		struct report_parser *rp = report_parser_new("unit");
		struct report *first = NULL, *done;
		size_t n = 0, n_spurious = 0;
		bool is_outside;

		for (size_t i = 0; i <= titled[c].n_lines; i++) {
			struct line l = { .no = i + 1 };
			if (i < titled[c].n_lines) {
				l.raw = l.text = titled[c].lines[i];
				l.raw_len = l.len = strlen(l.text);
				report_parser_feed(rp, &l, &done, &is_outside);
			} else {
				done = report_parser_finish(rp);
			}
			for (; done; done = i < titled[c].n_lines ? report_parser_next(rp)
								   : report_parser_finish(rp)) {
				if (done->is_spurious)
					n_spurious++;
				else if (n++ == 0)
					first = TAKE_PTR(done);
				report_free(done);
			}
		}
		const char *name = titled[c].name;
		CHECK_INT_EQ(n, titled[c].n_reports, "%s: reports", name);
		CHECK_INT_EQ(n_spurious, titled[c].n_reports ? 0 : 1, "%s: spurious", name);
		if (first) {
			CHECK_STR_EQ(first->kind, titled[c].kind, "%s", name);
			CHECK_STR_EQ(first->class, titled[c].class, "%s", name);
			CHECK_STR_EQ(first->title, titled[c].title, "%s", name);
			CHECK_STR_EQ(first->guilty_function, titled[c].guilty_function, "%s", name);
			CHECK_INT_EQ(first->corrupted != NULL, titled[c].is_corrupted, "%s: corrupted",
				     name);
			CHECK_INT_EQ(first->last_line, titled[c].last_line, "%s: last line", name);
			CHECK(strlen(first->signature) == 16, "%s: signature", name);
		}
		report_free(first);
		report_parser_free(rp);
	}
}

int main(void)
{
	check_nul_line();
	check_build_words();
	check_titles();
	for (size_t c = 0; c < ARRAY_SIZE(cases); c++) {
		struct report_parser *rp = report_parser_new("unit");
		struct report *got[REPORTS_MAX] = { NULL };
		size_t n = 0, n_lines = cases[c].n_lines;
		char outside[64] = "";

		for (size_t i = 0; i < n_lines + cases[c].repeat; i++) {
			const char *text = cases[c].lines[i < n_lines ? i : n_lines - 1];
			struct line l = { .raw = text, .raw_len = strlen(text), .text = text,
					  .len = strlen(text), .no = i + 1 };
			struct report *done;
			bool is_outside;

			report_parser_feed(rp, &l, &done, &is_outside);
			for (; done; done = report_parser_next(rp))
				keep(got, &n, done);
			if (i < n_lines && i + 1 < sizeof(outside))
				outside[i] = is_outside ? 'o' : 'r';
		}
		for (struct report *last; (last = report_parser_finish(rp));)
			keep(got, &n, last);
		CHECK_STR_EQ(outside, cases[c].outside, "%s", cases[c].name);
		CHECK_INT_EQ(n, cases[c].n_reports, "%s: reports", cases[c].name);
		for (size_t i = 0; i < n && i < cases[c].n_reports; i++)
			check_report(cases[c].name, i, got[i], &cases[c].reports[i]);
		for (size_t i = 0; i < n && i < REPORTS_MAX; i++)
			report_free(got[i]);
		report_parser_free(rp);
	}
	printf("test-report: %zu logs\n", ARRAY_SIZE(cases));
	return unit_exit();
}
