// SPDX-License-Identifier: GPL-2.0-or-later
/* test-frame.c: frame_parse() on real frame, marker and non-frame lines; module and base names. */
#include <string.h>

#include "report/frame.h"
#include "unit.h"

#define N FRAME_LINE_NONE
#define F FRAME_LINE_FRAME
#define M FRAME_LINE_MARKER
#define IP FRAME_ROLE_IP
#define CALL FRAME_ROLE_CALL
#define NOSYM "", false, 0, false, 0	/* symbol, has_offset, offset, has_size, size */
#define NOADDR false, 0
#define NOMOD "", "", ""		/* module, module_build_id, bad_module */
#define NOMARK false, false, NULL	/* marker present, is_end, context */

/* Messages (prefix already stripped) from the qemu console logs of Debian 6.1.0-56-cloud-amd64
 * (tests/kernel, module oopsmod) and from /work/shared/FORMATS.md 3.4-3.6 and 3.14. */
static const struct {
	const char *msg;
	enum frame_line ret;
	enum frame_role role;
	bool is_reliable, is_user;
	const char *symbol;
	bool has_offset;
	uint64_t offset;
	bool has_size;
	uint64_t size;
	bool has_address;
	uint64_t address;
	const char *module, *build_id, *bad_module;
	bool has_marker, marker_is_end;
	const char *context;
} cases[] = {
	/* x86_64, 6.1 */
	{ " trigger_write+0xe8/0x161 [oopsmod]", F, CALL, true, false,
	  "trigger_write", true, 0xe8, true, 0x161, NOADDR, "oopsmod", "", "", NOMARK },
	{ " trigger_write+0xe8/0xef0 [oopsmod]", F, CALL, true, false,
	  "trigger_write", true, 0xe8, true, 0xef0, NOADDR, "oopsmod", "", "", NOMARK },
	{ " ? do_fcntl+0x577/0x6e0", F, CALL, false, false,
	  "do_fcntl", true, 0x577, true, 0x6e0, NOADDR, NOMOD, NOMARK },
	{ " trigger_write.cold+0xb/0x3f [oopsmod]", F, CALL, true, false,
	  "trigger_write.cold", true, 0xb, true, 0x3f, NOADDR, "oopsmod", "", "", NOMARK },
	{ " __handle_sysrq.cold+0x44/0x11c", F, CALL, true, false,
	  "__handle_sysrq.cold", true, 0x44, true, 0x11c, NOADDR, NOMOD, NOMARK },
	{ " entry_SYSCALL_64_after_hwframe+0x6e/0xd8", F, CALL, true, false,
	  "entry_SYSCALL_64_after_hwframe", true, 0x6e, true, 0xd8, NOADDR, NOMOD, NOMARK },
	{ "RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]", F, IP, true, false,
	  "deref_victim.constprop.0", true, 0x5, true, 0x10, NOADDR, "oopsmod", "", "", NOMARK },
	{ "RIP: 0010:cold_path+0xc/0x14 [oopsmod]", F, IP, true, false,
	  "cold_path", true, 0xc, true, 0x14, NOADDR, "oopsmod", "", "", NOMARK },
	{ "RIP: 0033:0x47b7a0", F, IP, true, true, NOSYM, true, 0x47b7a0, NOMOD, NOMARK },
	{ " <TASK>", M, CALL, true, false, NOSYM, NOADDR, NOMOD, true, false, "task" },
	{ " </TASK>", M, CALL, true, false, NOSYM, NOADDR, NOMOD, true, true, NULL },
	/* x86_64, other kernels */
	{ "RIP: 0010:__se_sys_mremap+0x25fa/0x2c00", F, IP, true, false,
	  "__se_sys_mremap", true, 0x25fa, true, 0x2c00, NOADDR, NOMOD, NOMARK },
	{ "RIP: 0033:0x7f56a8c90369", F, IP, true, true, NOSYM, true, 0x7f56a8c90369, NOMOD, NOMARK },
	{ " ? __pfx___se_sys_mremap+0x10/0x10", F, CALL, false, false,
	  "__pfx___se_sys_mremap", true, 0x10, true, 0x10, NOADDR, NOMOD, NOMARK },
	{ " kmalloc_oob_right+0xac/0xc3 [test_kasan]", F, CALL, true, false,
	  "kmalloc_oob_right", true, 0xac, true, 0xc3, NOADDR, "test_kasan", "", "", NOMARK },
	{ " lkdtm_WARNING+0x28/0x30 [lkdtm 6c2215028606bda50de823490723dc4bc5bf46f9]", F, CALL,
	  true, false, "lkdtm_WARNING", true, 0x28, true, 0x30, NOADDR, "lkdtm",
	  "6c2215028606bda50de823490723dc4bc5bf46f9", "", NOMARK },
	{ " rcu_torture_fwd_prog.cold+0x3b/0xee [rcutorture 6754ed9afe4685f50ef7fade6309181c73794538]",
	  F, CALL, true, false, "rcu_torture_fwd_prog.cold", true, 0x3b, true, 0xee, NOADDR,
	  "rcutorture", "6754ed9afe4685f50ef7fade6309181c73794538", "", NOMARK },
	{ " md_alloc+0xa32/0x1190 drivers/md/md.c:5707", F, CALL, true, false,
	  "md_alloc", true, 0xa32, true, 0x1190, NOADDR, NOMOD, NOMARK },
	{ " <IRQ>", M, CALL, true, false, NOSYM, NOADDR, NOMOD, true, false, "irq" },
	{ " </IRQ>", M, CALL, true, false, NOSYM, NOADDR, NOMOD, true, true, NULL },
	{ " <NMI>", M, CALL, true, false, NOSYM, NOADDR, NOMOD, true, false, "nmi" },
	{ " <#DF>", M, CALL, true, false, NOSYM, NOADDR, NOMOD, true, false, "double-fault" },
	/* x86_64, old: "[<addr>]" first, "? " after it, markers on the frame's line */
	{ "RIP: 0010:[<ffffffff82d4e304>]  [<ffffffff82d4e304>] __memset+0x24/0x30", F, IP, true,
	  false, "__memset", true, 0x24, true, 0x30, true, 0xffffffff82d4e304, NOMOD, NOMARK },
	{ "RIP  [<ffffffffa0525326>] wdev_priv.part.8+0x4/0x6 [wl]", F, IP, true, false,
	  "wdev_priv.part.8", true, 0x4, true, 0x6, true, 0xffffffffa0525326, "wl", "", "", NOMARK },
	{ "IP: [<ffffffff82d4e304>] __memset+0x24/0x30", F, IP, true, false,
	  "__memset", true, 0x24, true, 0x30, true, 0xffffffff82d4e304, NOMOD, NOMARK },
	{ " [<ffffffffa0522544>] wl_cfg80211_scan+0x3f4/0x480 [wl]", F, CALL, true, false,
	  "wl_cfg80211_scan", true, 0x3f4, true, 0x480, true, 0xffffffffa0522544, "wl", "", "",
	  NOMARK },
	{ " [<ffffffffa026ec78>] ? nl80211_trigger_scan+0xf8/0x610 [cfg80211]", F, CALL, false,
	  false, "nl80211_trigger_scan", true, 0xf8, true, 0x610, true, 0xffffffffa026ec78,
	  "cfg80211", "", "", NOMARK },
	{ " <IRQ>  [<ffffffff81584ca7>] ip_local_deliver+0x47/0x80", F, CALL, true, false,
	  "ip_local_deliver", true, 0x47, true, 0x80, true, 0xffffffff81584ca7, NOMOD,
	  true, false, "irq" },
	{ " <EOI>  [<ffffffff81010d64>] ? _raw_spin_unlock_irqrestore+0x64/0x80", F, CALL, false,
	  false, "_raw_spin_unlock_irqrestore", true, 0x64, true, 0x80, true, 0xffffffff81010d64,
	  NOMOD, true, true, NULL },
	{ " <NMI>  [<ffffffff81656735>] dump_stack+0x19/0x1b", F, CALL, true, false,
	  "dump_stack", true, 0x19, true, 0x1b, true, 0xffffffff81656735, NOMOD, true, false, "nmi" },
	{ " [<ffffffff8802c8e9>] :jbd:log_wait_commit+0xa3/0xf5", F, CALL, true, false,
	  "log_wait_commit", true, 0xa3, true, 0xf5, true, 0xffffffff8802c8e9, "jbd", "", "",
	  NOMARK },
	{ " [<c013b0be>] ? 0xc013b0be", F, CALL, false, false, NOSYM, true, 0xc013b0be, NOMOD,
	  NOMARK },
	{ "[<ffffffe00008c762>] schedule_tail+0x72/0xb2", F, CALL, true, false,
	  "schedule_tail", true, 0x72, true, 0xb2, true, 0xffffffe00008c762, NOMOD, NOMARK },
	{ "generic_get_mtrr+0x11e/0x140() (Not tainted)", F, CALL, true, false,
	  "generic_get_mtrr", true, 0x11e, true, 0x140, NOADDR, NOMOD, NOMARK },
	/* i386 */
	{ "EIP: 0060:[<c04ac80f>] EFLAGS: 00010046 CPU: 1", F, IP, true, false, NOSYM,
	  true, 0xc04ac80f, NOMOD, NOMARK },
	{ "EIP is at __remove_from_page_cache+0x4d/0xab", F, IP, true, false,
	  "__remove_from_page_cache", true, 0x4d, true, 0xab, NOADDR, NOMOD, NOMARK },
	{ "EIP: [<c04ac80f>] __remove_from_page_cache+0x4d/0xab SS:ESP 0068:d6959e28", F, IP, true,
	  false, "__remove_from_page_cache", true, 0x4d, true, 0xab, true, 0xc04ac80f, NOMOD,
	  NOMARK },
	/* compiler suffixes and odd "[...]" (not from a log: what the kernel could print) */
	{ " foo.isra.0+0x1/0x2", F, CALL, true, false, "foo.isra.0", true, 1, true, 2, NOADDR,
	  NOMOD, NOMARK },
	{ " foo.llvm.123+0x1/0x2 [mod]", F, CALL, true, false, "foo.llvm.123", true, 1, true, 2,
	  NOADDR, "mod", "", "", NOMARK },
	{ " foo+0x1/0x2 [../../x]", F, CALL, true, false, "foo", true, 1, true, 2, NOADDR,
	  "", "", "../../x", NOMARK },
	{ " foo+0x1/0x2 [mod zz]", F, CALL, true, false, "foo", true, 1, true, 2, NOADDR,
	  "mod", "", "", NOMARK },
	/* other architectures (FORMATS.md 3.7-3.12) */
	{ "pc : __hwasan_check_x0_67043363+0x4/0x30", F, IP, true, false,
	  "__hwasan_check_x0_67043363", true, 4, true, 0x30, NOADDR, NOMOD, NOMARK },
	{ "PC is at _snd_timer_stop.constprop.9+0x184/0x2b0", F, IP, true, false,
	  "_snd_timer_stop.constprop.9", true, 0x184, true, 0x2b0, NOADDR, NOMOD, NOMARK },
	/* arm: the caller, at the return address: "(callee) from [<lr>] (caller+off/size)" */
	{ "[<8078e15c>] (io_serial_out) from [<8078fba0>] (serial8250_do_set_ldisc+0x10c/0x114)",
	  F, CALL, true, false, "serial8250_do_set_ldisc", true, 0x10c, true, 0x114, true,
	  0x8078fba0, NOMOD, NOMARK },
	{ " unwind_backtrace from show_stack+0x18/0x1c", F, CALL, true, false, "show_stack", true,
	  0x18, true, 0x1c, NOADDR, NOMOD, NOMARK },
	{ "[<c02f671c>] (_raw_spin_lock_irqsave+0x48/0x5c) from [<bf054120>] (mxs_mmc_enable_sdio_irq+0x18/0xdc [mxs_mmc])",
	  F, CALL, true, false, "mxs_mmc_enable_sdio_irq", true, 0x18, true, 0xdc, true,
	  0xbf054120, "mxs_mmc", "", "", NOMARK },
	/* powerpc: "[sp] [ip] f+off/size", unreliable marked after; BE ELFv1 dot names */
	{ "[c00000003ae5b800] [c00000000135c19c] dump_stack+0x128/0x1cc (unreliable)", F, CALL,
	  false, false, "dump_stack", true, 0x128, true, 0x1cc, true, 0xc00000000135c19c, NOMOD,
	  NOMARK },
	{ "[c000000049a87710] [c0000000000286fc] __switch_to+0x43c/0x6d0", F, CALL, true, false,
	  "__switch_to", true, 0x43c, true, 0x6d0, true, 0xc0000000000286fc, NOMOD, NOMARK },
	{ "NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390", F, IP, true, false,
	  ".eeh_dev_check_failure", true, 0x27c, true, 0x390, true, 0xc000000008068dfc, NOMOD,
	  NOMARK },
	/* s390: parenthesised entries are unsure; the PSW's address then its symbol */
	{ "([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])", F, CALL, false, false,
	  "will_oops_init", true, 0x36, true, 0x1000, true, 0x3ff8086d036, "will_oops", "", "",
	  NOMARK },
	{ "Krnl PSW : 0704f00180000000 000003ff8086d03a (will_oops_init+0x3a/0x1000 [will_oops])",
	  F, IP, true, false, "will_oops_init", true, 0x3a, true, 0x1000, true, 0x3ff8086d03a,
	  "will_oops", "", "", NOMARK },
	/* the link register: a return address outside any trace; no symbol, no frame */
	{ "LR is at gsmld_receive_buf+0xc0/0x15c", F, CALL, true, false, "gsmld_receive_buf",
	  true, 0xc0, true, 0x15c, NOADDR, NOMOD, NOMARK },
	{ "lr : vgic_get_irq+0x7c/0x3d4", F, CALL, true, false, "vgic_get_irq", true, 0x7c, true,
	  0x3d4, NOADDR, NOMOD, NOMARK },
	{ "lr : [<8078e144>]    psr: 20000093", N, CALL, true, false, NOSYM, true, 0x8078e144,
	  NOMOD, NOMARK },
	/* riscv, mips */
	{ "epc : schedule_tail+0x72/0xb2", F, IP, true, false, "schedule_tail", true, 0x72, true,
	  0xb2, NOADDR, NOMOD, NOMARK },
	{ "epc   : 8ed80668 mt76x02_add_interface+0x6c/0x88 [mt76x02_lib]", F, IP, true, false,
	  "mt76x02_add_interface", true, 0x6c, true, 0x88, true, 0x8ed80668, "mt76x02_lib", "",
	  "", NOMARK },
	/* not frames */
	/* an old x86 raw stack dump: words, no symbol */
	{ " ffff8800458dfa38 ffffffff82d383a9 ffffffff00000000 fffffbfff1097248", N, CALL, true,
	  false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "[1] foo+0x1/0x2", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	/* base64 of a snapshot on the console (tests/kernel/hook.sh) */
	{ "aJkbosePXy0J0ZFnfIwQYemsaJ4R4BPcAhD0EKv5PewyXo0B+0xFB6ZGLseTVRZvXjrpkYmFSs2S", N, CALL,
	  true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "foo+0x1c/0x30x", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "Call Trace:", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "RSP: 0018:ff595bd6c05c3a48 EFLAGS: 00000202", N, CALL, true, false, NOSYM, NOADDR,
	  NOMOD, NOMARK },
	{ "RAX: 0000000000000001 RBX: 0000000000000005 RCX: 0000000000000000", N, CALL, true,
	  false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "CR2: 0000000000000000", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "Code: 0f 1f 44 00 00 0f 1f 44 00 00 8b 05 cd 1f 00 00 39 f8 74 05 c3 cc cc cc cc 0f 0b",
	  N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "Code: Bad RIP value.", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "Modules linked in: oopsmod(OE)", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "---[ end trace 0000000000000000 ]---", N, CALL, true, false, NOSYM, NOADDR, NOMOD,
	  NOMARK },
	{ "BUG: kernel NULL pointer dereference, address: 0000000000000000", N, CALL, true, false,
	  NOSYM, NOADDR, NOMOD, NOMARK },
	{ "oopsmod 16384 0 - Live 0xffffffffc037f000 (OE)", N, CALL, true, false, NOSYM, NOADDR,
	  NOMOD, NOMARK },
	{ " RSP <ffff8801243fb958>", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "hardirqs last  enabled at (737): [<00000000f841f3b4>] __up_console_sem+0x8c/0xc0", N,
	  CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
	{ "", N, CALL, true, false, NOSYM, NOADDR, NOMOD, NOMARK },
};

static void check_frames(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *msg = cases[i].msg;
		struct frame f;
		struct frame_marker m;
		enum frame_line ret = frame_parse(msg, &f, &m);

		CHECK_INT_EQ(ret, cases[i].ret, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.role, cases[i].role, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.is_reliable, cases[i].is_reliable, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.is_user, cases[i].is_user, "case %zu \"%s\"", i, msg);
		CHECK_STR_EQ(f.symbol, cases[i].symbol, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.has_offset, cases[i].has_offset, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.offset, cases[i].offset, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.has_size, cases[i].has_size, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.size, cases[i].size, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.has_address, cases[i].has_address, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(f.address, cases[i].address, "case %zu \"%s\"", i, msg);
		CHECK_STR_EQ(f.module, cases[i].module, "case %zu \"%s\"", i, msg);
		CHECK_STR_EQ(f.module_build_id, cases[i].build_id, "case %zu \"%s\"", i, msg);
		CHECK_STR_EQ(f.bad_module, cases[i].bad_module, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(m.present, cases[i].has_marker, "case %zu \"%s\"", i, msg);
		CHECK_INT_EQ(m.is_end, cases[i].marker_is_end, "case %zu \"%s\"", i, msg);
		CHECK_STR_EQ(m.context, cases[i].context, "case %zu \"%s\"", i, msg);
	}
}

#define NAME55 "a234567890123456789012345678901234567890123456789012345"

static const struct {
	const char *name;
	size_t len;		/* what the caller passes: names are cut out of longer text */
	bool is_valid;
} module_names[] = {
	{ "oopsmod", 7, true },
	{ "test_kasan", 10, true },
	{ "nvidia-drm", 10, true },
	{ "oopsmod(OE)", 7, true },
	{ "oopsmod(OE)", 11, false },
	{ "lkdtm 6c2215028606bda50de823490723dc4bc5bf46f9", 5, true },
	{ "lkdtm 6c2215028606bda50de823490723dc4bc5bf46f9", 46, false },
	{ "../../x", 7, false },
	{ "oopsmod.ko", 10, false },
	{ "", 0, false },
	{ NAME55, 55, true },
	{ NAME55 "6", 56, false },
};

static const struct {
	const char *symbol;
	size_t size;
	const char *base;
} base_names[] = {
	{ "trigger_write.cold", KSYM_NAME_LEN, "trigger_write" },
	{ "deref_victim.constprop.0", KSYM_NAME_LEN, "deref_victim" },
	{ "wdev_priv.part.8", KSYM_NAME_LEN, "wdev_priv" },
	{ "foo.isra.7.part.3", KSYM_NAME_LEN, "foo" },
	{ "foo.llvm.123", KSYM_NAME_LEN, "foo" },
	{ "__pfx___se_sys_mremap", KSYM_NAME_LEN, "__pfx___se_sys_mremap" },
	{ "do_syscall_64", KSYM_NAME_LEN, "do_syscall_64" },
	{ "", KSYM_NAME_LEN, "" },
	{ "trigger_write.cold", 8, "trigger" },
	{ "trigger_write", 1, "" },
};

int main(void)
{
	char buf[KSYM_NAME_LEN];

	check_frames();
	for (size_t i = 0; i < ARRAY_SIZE(module_names); i++)
		CHECK_INT_EQ(frame_is_valid_module_name(module_names[i].name, module_names[i].len),
			     module_names[i].is_valid, "module name %zu \"%.*s\"", i,
			     (int)module_names[i].len, module_names[i].name);
	for (size_t i = 0; i < ARRAY_SIZE(base_names); i++) {
		memset(buf, 'x', sizeof(buf));
		const char *got = frame_base_name(base_names[i].symbol, buf, base_names[i].size);
		CHECK(got == buf, "base name %zu: not the buffer", i);
		CHECK_STR_EQ(buf, base_names[i].base, "base name %zu \"%s\" size %zu", i,
			     base_names[i].symbol, base_names[i].size);
	}
	printf("test-frame: %zu frame lines, %zu module names, %zu base names\n",
	       ARRAY_SIZE(cases), ARRAY_SIZE(module_names), ARRAY_SIZE(base_names));
	return unit_exit();
}
