// SPDX-License-Identifier: GPL-2.0-or-later
/* test-arch.c: each architecture's frame, register and Code: forms; which addresses are exact. */
#include <elf.h>
#include <string.h>

#include "arch/arch.h"
#include "report/frame.h"
#include "report/registers.h"
#include "report/report.h"
#include "unit.h"

#define N FRAME_LINE_NONE
#define F FRAME_LINE_FRAME
#define M FRAME_LINE_MARKER
#define IP FRAME_ROLE_IP	/* looked up at the address: the pc */
#define RET FRAME_ROLE_CALL	/* looked up at address - 1: a return address */
#define ANY ARCH_UNKNOWN

/* One line per form, written from the kernel's printk formats (the format is in each
 * arch file's comment): what frame_parse() makes of it, and whose grammar it is. */
static const struct {
	const char *msg;
	enum frame_line ret;
	enum arch arch;
	enum frame_role role;
	bool is_link_register, is_reliable;
	const char *symbol;
	uint64_t offset;
	uint64_t address;	/* 0: none printed */
	bool next_is_exact;	/* a marker after which the next frame is the pc */
} frames[] = {
	/* x86_64: show_ip() "RIP: %04x:%pS", printk_stack_address() " %s%pBb" */
	{ "RIP: 0010:deref_victim.constprop.0+0x5/0x13 [oopsmod]", F, ARCH_X86_64, IP, false, true,
	  "deref_victim.constprop.0", 0x5, 0, false },
	{ "RIP  [<ffffffffa0525326>] wdev_priv.part.8+0x4/0x6 [wl]", F, ARCH_X86_64, IP, false,
	  true, "wdev_priv.part.8", 0x4, 0xffffffffa0525326, false },
	{ "IP: [<ffffffff82d4e304>] __memset+0x24/0x30", F, ARCH_X86_64, IP, false, true,
	  "__memset", 0x24, 0xffffffff82d4e304, false },
	{ " trigger_write+0xb8/0x161 [oopsmod]", F, ANY, RET, false, true, "trigger_write", 0xb8,
	  0, false },
	{ " ? do_fault+0x1a7/0x410", F, ANY, RET, false, false, "do_fault", 0x1a7, 0, false },
	{ " <IRQ>", M, ANY, RET, false, true, "", 0, 0, false },
	/* i386: "EIP: %pS" (4.10+), "EIP: 0060:[<%08lx>] EFLAGS: ...", "EIP is at %pS",
	 * old traces " [<%08lx>] %pB" */
	{ "EIP: memcpy+0x10/0x30", F, ARCH_I386, IP, false, true, "memcpy", 0x10, 0, false },
	{ "EIP: 0060:[<c1234567>] EFLAGS: 00010246 CPU: 1", F, ARCH_I386, IP, false, true, "", 0,
	  0xc1234567, false },
	{ "EIP is at do_page_fault+0x1a/0x30", F, ARCH_I386, IP, false, true, "do_page_fault",
	  0x1a, 0, false },
	{ " [<c0123456>] schedule+0x1/0x2", F, ANY, RET, false, true, "schedule", 0x1,
	  0xc0123456, false },
	/* arm64: "pc : %pS", "lr : %pS", " %pSb" and its unwinder source "(P)" */
	{ "pc : deref_victim+0x14/0xde0 [oopsmod]", F, ANY, IP, false, true, "deref_victim", 0x14,
	  0, false },
	{ "lr : trigger_write+0x178/0x1a4 [oopsmod]", F, ARCH_ARM64, RET, true, true,
	  "trigger_write", 0x178, 0, false },
	{ " el1h_64_sync+0x64/0x68 (P)", F, ARCH_ARM64, IP, false, true, "el1h_64_sync", 0x64, 0,
	  false },
	{ " invoke_syscall+0x48/0x114", F, ANY, RET, false, true, "invoke_syscall", 0x48, 0,
	  false },
	{ "Exception stack(0xffff800011d3bd90 to 0xffff800011d3beb0)", M, ANY, RET, false, true, "",
	  0, 0, true },
	/* arm: "PC is at %pS", "LR is at %pS", "[<%08lx>] (%ps) from [<%08lx>] (%pS)",
	 * " %ps from %pS"; "pc : [<%08lx>]    lr : [<%08lx>]    psr: %08lx" */
	{ "PC is at sysrq_handle_crash+0x38/0x44", F, ANY, IP, false, true, "sysrq_handle_crash",
	  0x38, 0, false },
	{ "LR is at __handle_sysrq+0xa0/0x180", F, ANY, RET, true, true, "__handle_sysrq", 0xa0, 0,
	  false },
	{ "[<c0238234>] (sysrq_handle_crash) from [<c02388d4>] (__handle_sysrq+0xa0/0x180)", F,
	  ARCH_ARM, RET, false, true, "__handle_sysrq", 0xa0, 0xc02388d4, false },
	{ " unwind_backtrace from show_stack+0x18/0x1c", F, ARCH_ARM, RET, false, true,
	  "show_stack", 0x18, 0, false },
	/* %ps of a module's function names its module too */
	{ " deref_victim.constprop.0 [oopsmod] from trigger_write+0x138/0x2d4 [oopsmod]", F,
	  ARCH_ARM, RET, false, true, "trigger_write", 0x138, 0, false },
	{ "pc : [<8078e144>]    lr : [<8078e15c>]    psr: 60000013", F, ANY, IP, false, true, "", 0,
	  0x8078e144, false },
	/* powerpc: "NIP [%016lx] %pS", "LR [%016lx] %pS", "[%016lx] [%016lx] %pS" with
	 * " (unreliable)", "--- interrupt: %lx at %pS" */
	{ "NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390", F, ARCH_POWERPC, IP, false,
	  true, ".eeh_dev_check_failure", 0x27c, 0xc000000008068dfc, false },
	{ "LR [c000000008068df8] .eeh_dev_check_failure+0x278/0x390", F, ARCH_POWERPC, RET, true,
	  true, ".eeh_dev_check_failure", 0x278, 0xc000000008068df8, false },
	{ "[c00000003ae5b800] [c00000000135c19c] dump_stack+0x128/0x1cc (unreliable)", F,
	  ARCH_POWERPC, RET, false, false, "dump_stack", 0x128, 0xc00000000135c19c, false },
	{ "[c00000003ae5b8e0] [c000000000a3c2a4] bad_page_fault+0x14/0x30", F, ANY, RET, false,
	  true, "bad_page_fault", 0x14, 0xc000000000a3c2a4, false },
	{ "--- interrupt: 300 at memcpy_power7+0x400/0x7d0", F, ARCH_POWERPC, IP, false, true,
	  "memcpy_power7", 0x400, 0, false },
	{ "--- interrupt: 300", M, ARCH_POWERPC, RET, false, true, "", 0, 0, false },
	/* s390: "Krnl PSW : %px %px (%pSR)", " [<%016lx>] %pSR", "([<%016lx>] %pSR)" */
	{ "Krnl PSW : 0704f00180000000 000003ff8086d03a (will_oops_init+0x3a/0x1000 [will_oops])",
	  F, ARCH_S390, IP, false, true, "will_oops_init", 0x3a, 0x3ff8086d03a, false },
	{ " ([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])", F, ARCH_S390, RET,
	  false, false, "will_oops_init", 0x36, 0x3ff8086d036, false },
	{ " [<0000021761df6538>] btrfs_compress_folios+0x198/0x1a0", F, ANY, RET, false, true,
	  "btrfs_compress_folios", 0x198, 0x21761df6538, false },
	/* riscv: "epc : %pS", " ra : %pS", then the same as numbers (a register line) */
	{ "epc : schedule_tail+0x72/0xb2", F, ARCH_RISCV, IP, false, true, "schedule_tail", 0x72,
	  0, false },
	{ " ra : schedule_tail+0x70/0xb2", F, ARCH_RISCV, RET, true, true, "schedule_tail", 0x70,
	  0, false },
	{ "epc : ffffffff80003f8c ra : ffffffff80003f88 sp : ff2000000010bd30", N, ARCH_RISCV, IP,
	  false, true, "", 0, 0, false },
	{ "[<ffffffff80003f8c>] schedule_tail+0x72/0xb2", F, ANY, RET, false, true,
	  "schedule_tail", 0x72, 0xffffffff80003f8c, false },
	/* mips: "epc   : %0*lx %pS", "ra    : %0*lx %pS", "[<%0*lx>] %pS" */
	{ "epc   : 8ed80668 mt76x02_add_interface+0x6c/0x88 [mt76x02_lib]", F, ARCH_MIPS, IP,
	  false, true, "mt76x02_add_interface", 0x6c, 0x8ed80668, false },
	{ "ra    : 8ed03454 drv_add_interface+0x7c/0x94 [mac80211]", F, ARCH_MIPS, RET, true, true,
	  "drv_add_interface", 0x7c, 0x8ed03454, false },
	{ "[<805e91f0>] __skb_flow_dissect+0x1b0/0x1b50", F, ANY, RET, false, true,
	  "__skb_flow_dissect", 0x1b0, 0x805e91f0, false },
};

static void check_frames(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(frames); i++) {
		struct frame f;
		struct frame_marker m;
		enum frame_line ret = frame_parse(frames[i].msg, &f, &m);
		const char *what = frames[i].msg;

		CHECK_INT_EQ(ret, frames[i].ret, "\"%s\"", what);
		CHECK_INT_EQ(f.arch, frames[i].arch, "\"%s\": arch", what);
		if (ret == FRAME_LINE_MARKER)
			CHECK_INT_EQ(m.next_is_exact, frames[i].next_is_exact, "\"%s\"", what);
		if (ret != FRAME_LINE_FRAME)
			continue;
		CHECK_INT_EQ(f.role, frames[i].role, "\"%s\": role", what);
		CHECK_INT_EQ(f.is_link_register, frames[i].is_link_register, "\"%s\"", what);
		CHECK_INT_EQ(f.is_reliable, frames[i].is_reliable, "\"%s\"", what);
		CHECK_STR_EQ(f.symbol, frames[i].symbol, "\"%s\"", what);
		CHECK_INT_EQ(f.offset, frames[i].offset, "\"%s\"", what);
		CHECK_INT_EQ(f.has_address ? f.address : 0, frames[i].address, "\"%s\"", what);
	}
}

/* register lines: the first value's name and number, how many, whose names they are */
static const struct {
	const char *msg;
	size_t n;
	const char *name;
	uint64_t value;
	bool is_address;
	enum arch seen;
} registers[] = {
	{ "RAX: ffffffffffffffda RBX: 0000000000000001 RCX: 00007f9b1e0f4a37", 3, "RAX",
	  0xffffffffffffffda, false, ARCH_X86_64 },
	{ "EAX: 00000000 EBX: f4f8ed00 ECX: c1802a14 EDX: 00000000", 4, "EAX", 0, false,
	  ARCH_I386 },
	{ "CR2: 0000000000000010 CR3: 0000000002820000 CR4: 0000000000751eb0", 1, "CR2", 0x10, true,
	  ANY },
	{ "x29: ffff800080c9bb10 x28: ffff0000c1e33b00 x27: 0000000000000000", 3, "x29",
	  0xffff800080c9bb10, false, ARCH_ARM64 },
	{ "x2 : ffff800008b1e6b4 x1 : ffff8000081e6b48 x0 : 0000000000000000", 3, "x2",
	  0xffff800008b1e6b4, false, ARCH_ARM64 },
	{ "r10: 82c92c74  r9 : 920a1340  r8 : 00000000", 3, "r10", 0x82c92c74, false, ARCH_ARM },
	{ "sp : 977bdd48  ip : 977bdd58  fp : 977bdd74", 2, "ip", 0x977bdd58, false, ARCH_ARM },
	{ "GPR00: c000000000b7a4f4 c00000000a0a7a80 c000000001a8c100 0000000000000000", 4, "r0",
	  0xc000000000b7a4f4, false, ARCH_POWERPC },
	{ "GPR28: c000000002a3b000 0000000000000000 c000000002a3b010 c00000000a0a7c00", 4, "r28",
	  0xc000000002a3b000, false, ARCH_POWERPC },
	{ "Faulting instruction address: 0xc0000000006bbe5c", 1, "pc", 0xc0000000006bbe5c, true,
	  ANY },
	{ "Krnl GPRS: 0000000000000000 000003ff8086d000 0000000000000001 0000000000000000", 4, "r0",
	  0, false, ARCH_S390 },
	{ "Failing address: 0000000a00000000 TEID: 0000000a00000803", 1, "address", 0xa00000000,
	  true, ANY },
	{ " gp : ffffffff81a3e0c8 tp : ff6000000166a000 t0 : 0000000000000000", 3, "gp",
	  0xffffffff81a3e0c8, false, ARCH_RISCV },
	{ " status: 0000000200000120 badaddr: 0000000000000000 cause: 000000000000000d", 1,
	  "badaddr", 0, true, ARCH_RISCV },
	{ "$ 4   : 8e373cd0 803fe4f4 8e372000 8e373c90", 4, "$4", 0x8e373cd0, false, ARCH_MIPS },
	{ "$28   : 8e372000 8e373c78 00000000 8ed03454", 4, "$28", 0x8e372000, false, ARCH_MIPS },
	{ "BadVA : 00000018", 1, "BadVA", 0x18, true, ARCH_MIPS },
	{ "Unable to handle kernel paging request at virtual address fee00001", 1, "address",
	  0xfee00001, true, ANY },
};

static void check_registers(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(registers); i++) {
		struct registers_state st = { 0 };
		struct value v[VALUES_PER_LINE_MAX];
		size_t n = registers_parse(registers[i].msg, &st, v);
		const char *what = registers[i].msg;

		CHECK_INT_EQ(n, registers[i].n, "\"%s\": count", what);
		CHECK_INT_EQ(st.seen, registers[i].seen, "\"%s\": arch", what);
		if (n == 0)
			continue;
		CHECK_STR_EQ(v[0].name, registers[i].name, "\"%s\"", what);
		CHECK_INT_EQ(v[0].f.address, registers[i].value, "\"%s\"", what);
		CHECK_INT_EQ(v[0].is_address, registers[i].is_address, "\"%s\"", what);
	}

	/* s390: "Krnl GPRS:" and three more lines of four with no label: r4 to r15 */
	struct registers_state st = { 0 };
	struct value v[VALUES_PER_LINE_MAX];
	registers_parse(registers[10].msg, &st, v);
	size_t n = registers_parse("           000003ff8086d036 0000000000000000 "
				   "0000000000000002 000000000119d8b8", &st, v);
	CHECK_INT_EQ(n, 4, "s390 GPRS continued");
	CHECK_STR_EQ(n ? v[0].name : NULL, "r4", "s390 GPRS continued");
	CHECK_INT_EQ(n ? v[0].f.address : 0, 0x3ff8086d036, "s390 GPRS continued");
}

/* Code: lines: unit, bytes, where the trapping unit starts */
static const struct {
	enum arch arch;		/* the report's, when it is known */
	const char *lines[5];
	enum arch code_arch;
	unsigned int unit;
	size_t n_bytes;
	bool has_trap;
	size_t trap_offset;
	uint8_t first, trap;	/* bytes[0], bytes[trap_offset] */
	unsigned int cs_mode;
} codes[] = {
	/* x86 show_opcodes(): "Code: %*ph <%02x> %*ph" */
	{ ANY, { "Code: 48 89 e5 <0f> 0b 5d c3" }, ARCH_X86_64, 1, 7, true, 3, 0x48, 0x0f,
	  ARCH_CS_MODE_64 },
	{ ARCH_I386, { "Code: 89 e5 <0f> 0b" }, ARCH_I386, 1, 4, true, 2, 0x89, 0x0f,
	  ARCH_CS_MODE_32 },
	/* arm64 dump_kernel_instr(): "%08x " and "(%08x) " */
	{ ANY, { "Code: d503201f d2800000 d503233f d50323bf (b9402000)" }, ARCH_ARM64, 4, 20, true,
	  16, 0xd5, 0xb9, ARCH_CS_MODE_ARM | ARCH_CS_MODE_BIG_ENDIAN },
	/* arm dump_instr(): ARM words, or thumb halfwords "(%04x)" */
	{ ARCH_ARM, { "Code: e5933000 e3530000 0a000011 e5932004 (e5823000)" }, ARCH_ARM, 4, 20,
	  true, 16, 0xe5, 0xe5, ARCH_CS_MODE_ARM | ARCH_CS_MODE_BIG_ENDIAN },
	{ ANY, { "Code: 4b04 681b b103 (6818) 4770" }, ARCH_ARM, 2, 10, true, 6, 0x4b, 0x68,
	  ARCH_CS_MODE_THUMB | ARCH_CS_MODE_BIG_ENDIAN },
	/* powerpc show_instructions(): "Instruction dump:", lines of "%08x " with "<%08x> " */
	{ ARCH_POWERPC,
	  { "Instruction dump:",
	    "7c0802a6 fbe1fff8 f8010010 f821ff71 7c7f1b78 4bfffe2d 60000000 e93f0000",
	    "<e92a0000> 2c290000 41820010 7fe3fb78 4bfffe11 60000000 38210090 e8010010" },
	  ARCH_POWERPC, 4, 64, true, 32, 0x7c, 0xe9, ARCH_CS_MODE_64 | ARCH_CS_MODE_BIG_ENDIAN },
	/* words it could not read: "XXXXXXXX" (6.1.0-50-powerpc64le, a module's first page) */
	{ ARCH_POWERPC,
	  { "Instruction dump:",
	    "XXXXXXXX XXXXXXXX XXXXXXXX 000380f8 00000000 3c4c0004 384280f8 7c0802a6",
	    "60000000 3d220000 e9298000 e9290000 <90690010> 4e800020 60420000 000380c8" },
	  ARCH_POWERPC, 4, 52, true, 36, 0x00, 0x90, ARCH_CS_MODE_64 | ARCH_CS_MODE_BIG_ENDIAN },
	{ ARCH_POWERPC,
	  { "Instruction dump:",
	    "60000000 3d220000 e9298000 e9290000 <90690010> 4e800020 XXXXXXXX 000380c8" },
	  ARCH_POWERPC, 4, 24, true, 16, 0x60, 0x90, ARCH_CS_MODE_64 | ARCH_CS_MODE_BIG_ENDIAN },
	/* s390 show_code(): "Krnl Code:", one instruction a line, '#' and '>' */
	{ ARCH_S390,
	  { "Krnl Code: 000003ff8086d02a: e31020180004\tlg\t%r1,24(%r2)",
	    "           000003ff8086d030: a7f40001\t\tbrc\t15,000003ff8086d032",
	    "          #000003ff8086d034: e31010000004\tlg\t%r1,0(%r1)",
	    "          >000003ff8086d03a: 07fe\t\tbcr\t15,%r14" },
	  ARCH_S390, 1, 18, true, 16, 0xe3, 0x07, ARCH_CS_MODE_BIG_ENDIAN },
	/* riscv dump_kernel_instr(): "%04hx " and "(%04hx) " */
	{ ARCH_RISCV, { "Code: 8793 0087 b703 0087 (c783) 0007" }, ARCH_RISCV, 2, 12, true, 8,
	  0x87, 0xc7, 0 },
	/* mips show_code(): " %08x" and "<%08x>" */
	{ ARCH_MIPS, { "Code: 02d51821  1060045b  00000000 <8c640000> 3084000f  2c820005" },
	  ARCH_MIPS, 4, 24, true, 12, 0x02, 0x8c, ARCH_CS_MODE_32 | ARCH_CS_MODE_BIG_ENDIAN },
	/* no bytes: no code */
	{ ANY, { "Code: Unable to access opcode bytes at 0xffffffffc020501a." }, ANY, 0, 0, false,
	  0, 0, 0, 0 },
	{ ANY, { "Code: Bad RIP value." }, ANY, 0, 0, false, 0, 0, 0, 0 },
};

static void check_codes(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(codes); i++) {
		struct arch_code c;
		bool is_code = arch_code_parse(codes[i].arch, codes[i].lines[0], &c);

		CHECK_INT_EQ(is_code, codes[i].code_arch != ANY, "code %zu", i);
		for (size_t j = 1; j < ARRAY_SIZE(codes[i].lines) && codes[i].lines[j]; j++)
			CHECK(arch_code_continue(codes[i].lines[j], &c), "code %zu line %zu", i, j);
		CHECK(!arch_code_continue("---[ end trace 0000000000000000 ]---", &c) && !c.is_open,
		      "code %zu: other output ends it", i);
		if (!is_code)
			continue;
		CHECK_INT_EQ(c.arch, codes[i].code_arch, "code %zu: arch", i);
		CHECK_INT_EQ(c.unit, codes[i].unit, "code %zu: unit", i);
		CHECK_INT_EQ(c.n_bytes, codes[i].n_bytes, "code %zu: bytes", i);
		CHECK_INT_EQ(c.has_trap, codes[i].has_trap, "code %zu", i);
		CHECK_INT_EQ(c.trap_offset, codes[i].trap_offset, "code %zu: trap", i);
		CHECK_INT_EQ(c.bytes[0], codes[i].first, "code %zu: first byte", i);
		CHECK_INT_EQ(c.bytes[c.trap_offset], codes[i].trap, "code %zu: trapping byte", i);
		CHECK_INT_EQ(arch_code_cs_mode(&c), codes[i].cs_mode, "code %zu: capstone mode", i);
	}
}

static void check_elf(void)
{
	static const struct {
		unsigned int machine;
		enum arch arch;
		const char *name;
	} machines[] = {
		{ EM_X86_64, ARCH_X86_64, "x86_64" }, { EM_386, ARCH_I386, "i386" },
		{ EM_AARCH64, ARCH_ARM64, "arm64" },  { EM_ARM, ARCH_ARM, "arm" },
		{ EM_PPC64, ARCH_POWERPC, "powerpc" }, { EM_PPC, ARCH_POWERPC, "powerpc" },
		{ EM_S390, ARCH_S390, "s390" },	      { EM_RISCV, ARCH_RISCV, "riscv" },
		{ EM_MIPS, ARCH_MIPS, "mips" },	      { EM_SPARCV9, ARCH_UNKNOWN, NULL },
		{ 0, ARCH_UNKNOWN, NULL },
	};

	for (size_t i = 0; i < ARRAY_SIZE(machines); i++) {
		enum arch arch = arch_from_elf(machines[i].machine);
		CHECK_INT_EQ(arch, machines[i].arch, "e_machine %u", machines[i].machine);
		CHECK_STR_EQ(arch_name(arch), machines[i].name, "e_machine %u",
			     machines[i].machine);
	}
}

/* whole reports: the architecture their lines say, and the frames looked up exactly
 * (the pc) against those looked up one byte back (return addresses), in order */
static const struct {
	const char *name;
	const char *lines[14];
	enum arch arch;
	const char *roles;	/* one letter a frame: 'i' exact, 'c' return address */
} reports[] = {
	{ "arm64: the first Call trace entry repeats pc",
	  { "Internal error: Oops: 0000000096000006 [#1] SMP",
	    "pc : deref_victim+0x14/0xde0 [oopsmod]", "lr : trigger_write+0x178/0x1a4 [oopsmod]",
	    "x29: ffff80000a2b3c80 x28: ffff0000c1e33b00 x27: 0000000000000000", "Call trace:",
	    " deref_victim+0x14/0xde0 [oopsmod]", " trigger_write+0x178/0x1a4 [oopsmod]",
	    " vfs_write+0xc8/0x2b0" },
	  ARCH_ARM64, "icicc" },
	{ "arm: after an Exception stack, the interrupted pc",
	  { "Internal error: Oops: 805 [#1] SMP ARM", "PC is at sysrq_handle_crash+0x38/0x44",
	    "LR is at __handle_sysrq+0xa0/0x180", "r10: 82c92c74  r9 : 920a1340  r8 : 00000000",
	    "Backtrace:",
	    "[<c0008544>] (do_DataAbort+0x38/0x98) from [<c000e2d8>] (__dabt_svc+0x38/0x60)",
	    "Exception stack(0xde4cfe78 to 0xde4cfec0)",
	    "fe60:                                                       00000000 00000001",
	    "fea0: 00000000 de4cfed4 de4cfec8 de4cfec0 c02388c4 c0238234 60000013 ffffffff",
	    "[<c000e2d8>] (__dabt_svc+0x38/0x60) from [<c0238234>] (sysrq_handle_crash+0x38/0x44)",
	    "[<c0238234>] (sysrq_handle_crash) from [<c02388d4>] (__handle_sysrq+0xa0/0x180)" },
	  ARCH_ARM, "iccic" },
	{ "arm: the frame-pointer unwinder goes on at a return address, not the dumped pc",
	  { "Internal error: Oops: 805 [#1] SMP ARM", "PC is at sysrq_handle_crash+0x38/0x44",
	    "[<80803784>] (call_with_stack) from [<80200b84>] (__irq_svc+0x84/0xac)",
	    "Exception stack(0xdf9a1e30 to 0xdf9a1e78)",
	    "1e60: df9a1ea8 df9a1e80 802992b0 816fcbb0 60000013 ffffffff",
	    "[<8029928c>] (add_wait_queue) from [<802489ec>] (do_wait+0x54/0x348)" },
	  ARCH_ARM, "icc" },
	{ "s390: the breaking-event address is no return address",
	  { "Oops: 0004 ilc:3 [#1] SMP",
	    "Krnl PSW : 0704f00180000000 000003ff8086d03a (will_oops_init+0x3a/0x1000 [will_oops])",
	    "Call Trace:", " ([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])",
	    "  [<0000000000100226>] do_one_initcall+0x46/0x1e8", "Last Breaking-Event-Address:",
	    " [<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops]" },
	  ARCH_S390, "icci" },
	{ "powerpc: NIP, LR, and the pc an interrupt interrupted",
	  { "Oops: Kernel access of bad area, sig: 11 [#1]",
	    "NIP [c0000000006bbe5c] memcpy_power7+0x400/0x7d0",
	    "LR [c0000000006bbe40] memcpy_power7+0x3e4/0x7d0", "Call Trace:",
	    "[c00000003ae5b800] [c00000000135c19c] dump_stack+0x128/0x1cc (unreliable)",
	    "--- interrupt: 300 at memcpy_power7+0x400/0x7d0",
	    "[c00000003ae5b8e0] [c000000000a3c2a4] bad_page_fault+0x14/0x30" },
	  ARCH_POWERPC, "iccic" },
	{ "riscv: epc exact, ra a return address",
	  { "Oops [#1]", "epc : schedule_tail+0x72/0xb2", " ra : schedule_tail+0x70/0xb2",
	    "epc : ffffffff80003f8c ra : ffffffff80003f88 sp : ff2000000010bd30", "Call Trace:",
	    "[<ffffffff80003f8c>] schedule_tail+0x72/0xb2",
	    "[<ffffffff80003f88>] ret_from_exception+0x0/0x16" },
	  ARCH_RISCV, "iccc" },
	{ "mips: epc exact, ra a return address",
	  { "Oops[#1]:", "$ 0   : 00000000 00000001 ffffffff fffffffe",
	    "epc   : 8ed80668 mt76x02_add_interface+0x6c/0x88 [mt76x02_lib]",
	    "ra    : 8ed03454 drv_add_interface+0x7c/0x94 [mac80211]", "Call Trace:",
	    "[<805e91f0>] __skb_flow_dissect+0x1b0/0x1b50" },
	  ARCH_MIPS, "icc" },
	{ "x86_64: RIP exact, the trace return addresses",
	  { "BUG: kernel NULL pointer dereference, address: 0000000000000010",
	    "RIP: 0010:outer_with_inline+0xc/0x20 [oopsmod]", "Call Trace:", " <TASK>",
	    " trigger_write+0xb8/0x161 [oopsmod]", " vfs_write+0xc7/0x3f0", " </TASK>" },
	  ARCH_X86_64, "icc" },
	{ "i386: EIP exact",
	  { "BUG: unable to handle kernel NULL pointer dereference at 00000010",
	    "EIP: 0060:[<c1234567>] EFLAGS: 00010246 CPU: 1", "EIP is at do_page_fault+0x1a/0x30",
	    "EAX: 00000000 EBX: f4f8ed00 ECX: c1802a14 EDX: 00000000", "Call Trace:",
	    " [<c0123456>] schedule+0x1/0x2" },
	  ARCH_I386, "iic" },
};

static void check_reports(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(reports); i++) {
		struct report_parser *rp = report_parser_new("unit");
		struct report *r, *done;
		bool is_outside;
		char roles[16] = "";

		for (size_t j = 0; j < ARRAY_SIZE(reports[i].lines) && reports[i].lines[j]; j++) {
			const char *text = reports[i].lines[j];
			struct line l = { .raw = text, .raw_len = strlen(text), .text = text,
					  .len = strlen(text), .no = j + 1 };
			report_parser_feed(rp, &l, &done, &is_outside);
			CHECK(done == NULL, "%s: closed at line %zu", reports[i].name, j + 1);
			report_free(done);
		}
		r = report_parser_finish(rp);
		CHECK(r != NULL, "%s: no report", reports[i].name);
		for (size_t k = 0; r && k < r->n_frames && k + 1 < sizeof(roles); k++)
			roles[k] = r->frames[k].role == FRAME_ROLE_IP ? 'i' : 'c';
		CHECK_STR_EQ(roles, reports[i].roles, "%s: frames", reports[i].name);
		CHECK_INT_EQ(r ? r->arch : ANY, reports[i].arch, "%s: arch", reports[i].name);
		report_free(r);
		report_parser_free(rp);
	}
}

/* s390's die() line: "%s: %04x ilc:%d [#%d] " */
static void check_trap_rewind(void)
{
	static const struct {
		const char *line;
		unsigned int rewind;
	} lines[] = {
		{ "monitor event: 0040 ilc:2 [#5] SMP ", 4 },	/* mc 0,0: 4 bytes */
		{ "illegal operation: 0001 ilc:3 [#1] PREEMPT SMP", 6 },
		{ "illegal operation: 0001 ilc:1 [#1] PREEMPT SMP", 2 },
		{ "monitor event: 0040 ilc:4 [#5] SMP ", 0 },	/* no s390 instruction */
		{ "Oops: 0004 ilc:3 [#1] SMP ", 0 },	/* a fault: the kernel rewound it */
		{ "monitor event: 0040 ilc:9 [#5] SMP ", 0 },
		{ "monitor event: 040 ilc:2 [#5] SMP ", 0 },
		{ "WARNING: CPU: 0 PID: 129 at oopsmod.c:119 warn_path+0x14/0x20", 0 },
		{ ": 0040 ilc:2 [#5]", 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(lines); i++)
		CHECK_INT_EQ(arch_trap_rewind(lines[i].line), lines[i].rewind, "%s", lines[i].line);
}

/* s390's Krnl Code: a monitor call marked '#' (WARN prints no die() line) */
static void check_code_trap_rewind(void)
{
	static const struct {
		const char *lines[3];
		unsigned int rewind;
	} dumps[] = {
		{ { "Krnl Code: 000003ff7fd025c2: 07fe\t\tbcr\t15,%r14",
		    "           #000003ff7fd025c4: af000000\t\tmc\t0,0",
		    "           >000003ff7fd025c8: 07fe\t\tbcr\t15,%r14" }, 4 },
		/* a fault: the '#' instruction is no monitor call */
		{ { "Krnl Code: 000003ff8086d02a: e31020180004\tlg\t%r1,24(%r2)",
		    "           #000003ff8086d030: e31010000004\tlg\t%r1,0(%r1)",
		    "           >000003ff8086d036: 07fe\t\tbcr\t15,%r14" }, 0 },
		/* no '#' */
		{ { "Krnl Code: 000003ff7fd025c2: 07fe\t\tbcr\t15,%r14",
		    "           >000003ff7fd025c4: af000000\t\tmc\t0,0",
		    "            000003ff7fd025c8: 07fe\t\tbcr\t15,%r14" }, 0 },
	};

	for (size_t i = 0; i < ARRAY_SIZE(dumps); i++) {
		struct arch_code c;
		CHECK(arch_code_parse(ARCH_S390, dumps[i].lines[0], &c), "dump %zu", i);
		for (size_t l = 1; l < 3; l++)
			CHECK(arch_code_continue(dumps[i].lines[l], &c), "dump %zu line %zu", i, l);
		CHECK_INT_EQ(arch_code_trap_rewind(&c), dumps[i].rewind, "dump %zu", i);
	}
}

int main(void)
{
	check_trap_rewind();
	check_code_trap_rewind();
	check_frames();
	check_registers();
	check_codes();
	check_elf();
	check_reports();
	printf("test-arch: %zu frame lines, %zu register lines, %zu Code: dumps, %zu reports\n",
	       ARRAY_SIZE(frames), ARRAY_SIZE(registers), ARRAY_SIZE(codes), ARRAY_SIZE(reports));
	return unit_exit();
}
