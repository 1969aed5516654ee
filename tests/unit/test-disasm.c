// SPDX-License-Identifier: GPL-2.0-or-later
/* test-disasm.c: Code: dumps of every architecture -> instructions, the trapping one, re-sync. */
#include <stdlib.h>

#include "arch/arch.h"
#include "disasm/disasm.h"
#include "report/report.h"
#include "shared/util.h"
#include "unit.h"

#define BY_TABLE 0xffffffffu	/* the mode the architecture's table gives */

static const struct {
	const char *what;
	enum arch arch;		/* the report's */
	const char *lines[5];
	unsigned int mode;
	size_t n_insns;
	size_t start;		/* the re-synced start */
	const char *first;	/* the first instruction's text, NULL for bytes only */
	const char *trap;	/* the trapping instruction's text */
	const char *trap_hex;
} cases[] = {
	/* tests/oopses/debian-6.1-oopsmod.log: deref_victim's "*p += 1" through NULL */
	{ "x86_64 null", ARCH_X86_64,
	  { "Code: 0f 1f 44 00 00 0f 1f 44 00 00 8b 05 cd 1f 00 00 39 f8 74 05 c3 cc cc cc cc 0f "
	    "0b 66 2e 0f 1f 84 00 00 00 00 00 0f 1f 44 00 00 <83> 07 01 c3 cc cc cc cc 0f 1f 00 "
	    "0f 1f 44 00 00 41 54 49 89 f4 55" },
	  BY_TABLE, 24, 0, "nopl (%rax, %rax)", "addl $1, (%rdi)", "83 07 01" },
	/* debian-6.1-sysrq-crash.log, user space: the dump starts inside an instruction */
	{ "x86_64 re-sync", ARCH_X86_64,
	  { "Code: 40 00 48 c7 c2 e0 ff ff ff f7 d8 64 89 02 48 c7 c0 ff ff ff ff eb b7 0f 1f 00 "
	    "80 3d e8 85 16 00 00 74 17 b8 01 00 00 00 0f 05 <48> 3d 00 f0 ff ff 77 58 c3 0f 1f "
	    "80 00 00 00 00 48 83 ec 28 48 89" },
	  BY_TABLE, 17, 2, "movq $-0x20, %rdx", "cmpq $-0x1000, %rax", "48 3d 00 f0 ff ff" },
	/* process_32.c, show_opcodes(): a store through a NULL argument */
	{ "i386", ARCH_I386, { "Code: 55 89 e5 8b 45 08 <c7> 00 00 00 00 00 5d c3" }, BY_TABLE, 6,
	  0, "pushl %ebp", "movl $0, (%eax)", "c7 00 00 00 00 00" },
	{ "x86-16", ARCH_I386, { "Code: b8 00 00 <8e> d8 c3" }, ARCH_CS_MODE_16, 3, 0,
	  "movw $0, %ax", "movw %ax, %ds", "8e d8" },
	/* arm64 (syzkaller report 353): "(%08x)" */
	{ "arm64", ARCH_ARM64, { "Code: 910003fd f9000bf3 aa0003f3 97932e41 (08dffe60) " },
	  BY_TABLE, 5, 0, "mov x29, sp", "ldarb w0, [x19]", "08dffe60" },
	/* arm (syzkaller report 552) */
	{ "arm", ARCH_ARM, { "Code: e0844003 e3c434ff e3c3360f e2433612 (e5c35000) " }, BY_TABLE,
	  5, 0, "add r4, r4, r3", "strb r5, [r3]", "e5c35000" },
	/* thumb, traps.c dump_instr(): halfwords "(%04x)" */
	{ "thumb", ARCH_ARM, { "Code: 4b04 681b b103 (6818) 4770" }, BY_TABLE, 5, 0,
	  "ldr r3, [pc, #0x10]", "ldr r0, [r3]", "6818" },
	/* thumb-2: the dump starts in the second halfword of a 32-bit instruction, one
	 * that is none from there ("e800 f8d3" is no instruction) */
	{ "thumb re-sync", ARCH_ARM, { "Code: e800 f8d3 3000 (6818) 4770" }, BY_TABLE, 4, 2,
	  "ldr.w r3, [r3]", "ldr r0, [r3]", "6818" },
	/* powerpc, show_instructions() */
	{ "powerpc", ARCH_POWERPC,
	  { "Instruction dump:",
	    "7c0802a6 fbe1fff8 f8010010 f821ff71 7c7f1b78 4bfffe2d 60000000 e93f0000",
	    "<e92a0000> 2c290000 41820010 7fe3fb78 4bfffe11 60000000 38210090 e8010010" },
	  BY_TABLE, 16, 0, "mflr r0", "ld r9, 0(r10)", "e92a0000" },
	/* s390, show_code(): '>' at the PSW address */
	{ "s390", ARCH_S390,
	  { "Krnl Code: 000003ff8086d02a: e31020180004\tlg\t%r1,24(%r2)",
	    "           000003ff8086d030: a7f40001\t\tbrc\t15,000003ff8086d032",
	    "          #000003ff8086d034: e31010000004\tlg\t%r1,0(%r1)",
	    "          >000003ff8086d03a: 07fe\t\tbcr\t15,%r14" },
	  BY_TABLE, 4, 0, "lg %r1, 0x18(%r2)", "br %r14", "07fe" },
	/* mips, show_code(): "<%08x>" */
	{ "mips", ARCH_MIPS, { "Code: 02d51821  1060045b  00000000 <8c640000> 3084000f  2c820005" },
	  BY_TABLE, 6, 0, "addu $v1, $s6, $s5", "lw $a0, ($v1)", "8c640000" },
	/* riscv: capstone 4.0.2 has none; 32-bit instructions by their length bits */
	{ "riscv", ARCH_RISCV, { "Code: 8793 0087 b703 0087 (c783) 0007" }, BY_TABLE, 3, 0, NULL,
	  NULL, "c783 0007" },
};

static void check_cases(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *what = cases[i].what;
		struct arch_code c;
		CHECK(arch_code_parse(cases[i].arch, cases[i].lines[0], &c), "%s", what);
		for (size_t j = 1; j < ARRAY_SIZE(cases[i].lines) && cases[i].lines[j]; j++)
			CHECK(arch_code_continue(cases[i].lines[j], &c), "%s line %zu", what, j);
		const struct arch_ops *a = arch_get(c.arch);
		unsigned int mode = cases[i].mode == BY_TABLE ? arch_code_cs_mode(&c) : cases[i].mode;
		struct disasm *d = disasm_code(&c, a->cs_arch, mode, 0);
		CHECK_INT_EQ(d->n_insns, cases[i].n_insns, "%s: instructions", what);
		CHECK_INT_EQ(d->start, cases[i].start, "%s: re-synced start", what);
		CHECK_INT_EQ(d->error != NULL, cases[i].arch == ARCH_RISCV, "%s: error", what);
		const struct insn *first = NULL, *trap = NULL;
		size_t n_trapping = 0, end = 0;
		for (size_t j = 0; j < d->n_insns; j++) {
			const struct insn *in = &d->insns[j];
			CHECK_INT_EQ(in->offset, end, "%s: instruction %zu follows the last", what, j);
			end = in->offset + in->size;
			if (first == NULL && in->offset >= d->start)
				first = in;
			if (in->is_trapping)
				trap = in, n_trapping++;
		}
		CHECK_INT_EQ(end, c.n_bytes, "%s: every byte shown", what);
		CHECK_INT_EQ(n_trapping, 1, "%s: trapping instructions", what);
		CHECK_STR_EQ(first ? first->text : NULL, cases[i].first, "%s: first", what);
		CHECK_STR_EQ(trap ? trap->text : NULL, cases[i].trap, "%s: trapping", what);
		CHECK_STR_EQ(trap ? trap->hex : NULL, cases[i].trap_hex, "%s: trapping bytes", what);
		CHECK_INT_EQ(trap ? trap->offset : 0, c.trap_offset, "%s: at the marker", what);
		disasm_free(d);
	}
}

/* no bytes: the kernel's reason instead */
static void check_unreadable(void)
{
	static const char *const lines[] = {
		"Code: Unable to access opcode bytes at 0xffffffffc0269fe2.",
		"Code: Unable to access opcode bytes at RIP 0x7f0a1b2c3d4e.",
		"Code: Bad RIP value.",
		"Code: bad PC value",
	};
	struct arch_code c;

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++) {
		const char *why = arch_code_unreadable(lines[i]);
		CHECK(!arch_code_parse(ARCH_UNKNOWN, lines[i], &c), "%s", lines[i]);
		CHECK_STR_EQ(why, lines[i] + strlen("Code: "), "%s", lines[i]);
		struct disasm *d = disasm_unreadable(ARCH_X86_64, why ? why : "");
		CHECK(d->n_insns == 0 && d->error && strstr(d->error, lines[i] + 6), "%s", lines[i]);
		disasm_free(d);
	}
	CHECK(arch_code_unreadable("Code: 48 89 e5 <0f> 0b") == NULL, "a dump with bytes");
}

/* bytes that decode to nothing, and a dump cut in its last instruction */
static void check_bad(void)
{
	struct arch_code c;

	CHECK(arch_code_parse(ARCH_ARM64, "Code: ffffffff d503201f (d503201f) 1234", &c) ||
		      arch_code_parse(ARCH_ARM64, "Code: ffffffff d503201f (d503201f)", &c),
	      "arm64 with a bad word");
	struct disasm *d = disasm_code(&c, ARCH_CS_ARCH_ARM64, arch_code_cs_mode(&c), 0);
	CHECK(d->n_insns >= 3 && d->insns[0].text == NULL, "a bad word has no text");
	disasm_free(d);
	CHECK(arch_code_parse(ARCH_X86_64, "Code: 90 <0f> 0b 48 8b", &c), "x86 cut");
	d = disasm_code(&c, ARCH_CS_ARCH_X86, ARCH_CS_MODE_64, 0);
	CHECK_INT_EQ(d->n_insns, 3, "x86 cut: nop, ud2, the cut one");
	CHECK(d->n_insns == 3 && d->insns[2].text == NULL && d->insns[2].size == 2, "x86 cut");
	disasm_free(d);
}

static const struct report_code *first_code(const struct report *r)
{
	return r && r->n_codes ? &r->codes[0] : NULL;
}

/* lines -> the one report they make, disassembled */
static struct report *parse(const char *const *lines, size_t n)
{
	struct report_parser *rp = report_parser_new("unit");
	struct report *done, *r = NULL;
	bool is_outside;

	for (size_t i = 0; i < n; i++) {
		struct line l = { .raw = lines[i], .raw_len = strlen(lines[i]), .text = lines[i],
				  .len = strlen(lines[i]), .no = i + 1 };
		report_parser_feed(rp, &l, &done, &is_outside);
		if (done && r == NULL)
			r = done;
		else
			report_free(done);
	}
	for (struct report *last; (last = report_parser_finish(rp));)
		if (r == NULL)
			r = last;
		else
			report_free(last);
	report_parser_free(rp);
	if (r)
		disasm_report(r);
	return r;
}

/* powerpc's dump split by another CPU's line (CONFIG_PRINTK_CALLER): one dump, whose pc
 * is NIP's, so that each instruction has its address */
static void check_interleaved(void)
{
	static const char *const lines[] = {
		"[   10.000000][  T100] BUG: Kernel NULL pointer dereference on read at 0x00000000",
		"[   10.000002][  T100] Oops: Kernel access of bad area, sig: 11 [#1]",
		"[   10.000004][  T100] NIP [c000000000a0b0e0] f+0x20/0x40",
		"[   10.000005][  T100] LR [c000000000a0b0c0] g+0x10/0x40",
		"[   10.000006][  T100] Call Trace:",
		"[   10.000007][  T100] [c00000000fe3fb60] [c000000000123456] h+0x56/0x100",
		"[   10.000009][  T100] Instruction dump:",
		"[   10.000010][  T100] 7c0802a6 fbe1fff8 f8010010 f821ff71 7c7f1b78 4bfffe2d "
		"60000000 e93f0000",
		"[   10.000011][    C1] random: crng init done",
		"[   10.000012][  T100] <e92a0000> 2c290000 41820010 7fe3fb78 4bfffe11 60000000 "
		"38210090 e8010010",
		"[   10.000013][  T100] ---[ end trace 0000000000000000 ]---",
	};
	struct report *r = parse(lines, ARRAY_SIZE(lines));

	const struct report_code *rc = first_code(r);
	CHECK(rc && rc->disasm, "interleaved: a dump");
	if (rc && rc->disasm) {
		CHECK_INT_EQ(rc->code.n_bytes, 64, "interleaved: both lines");
		CHECK_INT_EQ(rc->last_line, 10, "interleaved: shown after its last line");
		CHECK_INT_EQ(rc->disasm->n_insns, 16, "interleaved: instructions");
		CHECK(rc->pc >= 0 && r->frames[rc->pc].address == 0xc000000000a0b0e0,
		      "interleaved: NIP is the pc");
	}
	report_free(r);

	static const char *const unreadable[] = {
		"BUG: kernel NULL pointer dereference, address: 0000000000000010",
		"RIP: 0010:outer_with_inline+0xc/0x20 [oopsmod]",
		"Code: Unable to access opcode bytes at 0xffffffffc0269fe2.",
		"Call Trace:",
		" trigger_write+0xb8/0x161 [oopsmod]",
	};
	r = parse(unreadable, ARRAY_SIZE(unreadable));
	rc = first_code(r);
	CHECK(rc && rc->disasm && rc->disasm->n_insns == 0 && rc->disasm->error &&
		      strstr(rc->disasm->error, "0xffffffffc0269fe2"),
	      "unreadable: no instructions, and why");
	report_free(r);
}

/* the trapping instruction's text in dump i, or "" */
static const char *trap_text(const struct report *r, size_t i)
{
	const struct disasm *d = r && i < r->n_codes ? r->codes[i].disasm : NULL;

	for (size_t j = 0; d && j < d->n_insns; j++)
		if (d->insns[j].is_trapping)
			return d->insns[j].text;
	return "";
}

/* which pc a dump is around */
static void check_pc(void)
{
	/* 6.1.0-50-powerpc64le: the dump follows the trace, whose exception frame prints
	 * user space's NIP; the dump is the first NIP's */
	static const char *const powerpc[] = {
		"BUG: Kernel NULL pointer dereference on read at 0x00000000",
		"Oops: Kernel access of bad area, sig: 11 [#1]",
		"NIP:  c008000000360ad8 LR: c008000000360eb8 CTR: c0000000007e89f0",
		"NIP [c008000000360ad8] deref_victim.constprop.0+0x8/0x28 [oopsmod]",
		"LR [c008000000360eb8] trigger_write+0x150/0x360 [oopsmod]",
		"Call Trace:",
		"[c00000000478f9d0] [c008000000360de4] trigger_write+0x7c/0x360 [oopsmod] (unreliable)",
		"[c00000000478fe10] [c00000000000c0f0] system_call_vectored_common+0xf0/0x280",
		"--- interrupt: 3000 at 0x100c4180",
		"NIP:  00000000100c4180 LR: 00000000100c4180 CTR: 0000000000000000",
		"NIP [00000000100c4180] 0x100c4180",
		"LR [00000000100c4180] 0x100c4180",
		"--- interrupt: 3000",
		"Instruction dump:",
		"7c0802a6 f8010010 f821ffe1 4bfffecd 38210020 e8010010 7c0803a6 4bffff4c ",
		"60000000 60420000 7c0802a6 60000000 <81230000> 39290001 91230000 4e800020 ",
		"---[ end trace 0000000000000000 ]---",
	};
	struct report *r = parse(powerpc, ARRAY_SIZE(powerpc));
	const struct report_code *rc = first_code(r);
	CHECK(rc && rc->pc >= 0 && rc->has_pc_address && rc->pc_address == 0xc008000000360ad8,
	      "powerpc: the dump after the trace is the first NIP's");
	CHECK_STR_EQ(trap_text(r, 0), "lwz r9, 0(r3)", "powerpc: trapping instruction");
	report_free(r);

	/* 6.1.0-50-armmp: "pc : [<...>]" is a bare address; "PC is at" names it */
	static const char *const arm[] = {
		"Unhandled fault: page domain fault (0x01b) at 0x00000000",
		"Internal error: : 1b [#1] SMP ARM",
		"PC is at deref_victim.constprop.0+0x8/0x18 [oopsmod]",
		"LR is at trigger_write+0x138/0x2d4 [oopsmod]",
		"pc : [<bf000628>]    lr : [<bf0009a0>]    psr: 20000013",
		"Code: e12fff1e e3a00000 e12fff1e e3a03000 (e5933000) ",
		" deref_victim.constprop.0 [oopsmod] from trigger_write+0x138/0x2d4 [oopsmod]",
	};
	r = parse(arm, ARRAY_SIZE(arm));
	rc = first_code(r);
	CHECK(rc && rc->pc >= 0 && streq(r->frames[rc->pc].symbol, "deref_victim.constprop.0") &&
		      rc->has_pc_address && rc->pc_address == 0xbf000628,
	      "arm: the dump's pc is named by \"PC is at\", placed by \"pc :\"");
	report_free(r);

	/* syzkaller report 675: a 32-bit task on x86_64 */
	static const char *const compat[] = {
		"INFO: task syz-executor:11163 blocked for more than 143 seconds.",
		"Call Trace:",
		" schedule+0x1/0x2",
		"RIP: 0023:0xf7421509",
		"Code: 00 51 52 55 89 e5 0f 34 cd 80 <5d> 5a 59 c3 90 90 90 90",
	};
	r = parse(compat, ARRAY_SIZE(compat));
	CHECK_STR_EQ(trap_text(r, 0), "popl %ebp", "compat: i386 code");
	report_free(r);

	/* syzkaller report 675: the kernel's dump, then the 32-bit task's: each its own */
	static const char *const both[] = {
		"kernel BUG at drivers/scsi/sg.c:1:",
		"invalid opcode: 0000 [#1] PREEMPT SMP KASAN",
		"RIP: 0010:sg_scsi_ioctl+0x1/0x2",
		"Code: 48 89 e5 <0f> 0b 5d c3",
		"Call Trace:",
		" __x64_sys_ioctl+0x1/0x2",
		"RIP: 0023:0xf7421509",
		"Code: 00 51 52 55 89 e5 0f 34 cd 80 <5d> 5a 59 c3 90 90 90 90",
		"RSP: 002b:00000000f60c25cc EFLAGS: 00000296 ORIG_RAX: 0000000000000036",
	};
	r = parse(both, ARRAY_SIZE(both));
	CHECK_INT_EQ(r ? r->n_codes : 0, 2, "two dumps");
	CHECK_STR_EQ(trap_text(r, 0), "ud2", "two dumps: the kernel's");
	CHECK_STR_EQ(trap_text(r, 1), "popl %ebp", "two dumps: the task's, as i386");
	CHECK(r && r->n_codes == 2 && r->codes[1].is_user_pc && r->codes[1].pc_address == 0xf7421509 &&
		      r->codes[0].pc >= 0 && !r->codes[0].is_compat,
	      "two dumps: each around its own pc");
	report_free(r);
}

int main(void)
{
	check_interleaved();
	check_pc();
	check_cases();
	check_unreadable();
	check_bad();
	return unit_exit();
}
