// SPDX-License-Identifier: GPL-2.0-or-later
/* arm64.c: what arm64 prints (arch/arm64/kernel/process.c __show_regs, traps.c, stacktrace.c). */
#include <elf.h>

#include "arch/arch.h"

/* __show_regs() since 4.15: "pc : %pS\n", "lr : %pS\n"; before, "pc : [<%016llx>] lr :
 * [<%016llx>] pstate: %08llx" (a register line, no symbol: arm prints it too) */
static const struct arch_label labels[] = {
	{ "pc : ", ARCH_EXACT, ARCH_LABEL_SHARED }, /* "pc : __hwasan_check_x0_67043363+0x4/0x30" */
	{ "lr : ", ARCH_RETURN, ARCH_LABEL_NEEDS_SYMBOL }, /* "lr : vgic_get_irq+0x7c/0x3d4" */
};

/* dump_backtrace_entry() since 6.13: " %pSb (%s)" with the unwinder's source: P = the pc of
 * pt_regs (exact), L = the lr of pt_regs, C caller, T task, F ftrace, K kretprobe */
static const struct arch_mark marks[] = {
	{ ARCH_MARK_SUFFIX, " (P)", false, true, true },
};

/* <= 4.x dump_backtrace(): after an exception entry, "Exception stack(0x%p to 0x%p)" and
 * pt_regs as 64-bit words; the unwinder goes on at the pc it holds (after regs[31], sp) */
static const struct arch_marker markers[] = {
	{ "Exception stack(0x", NULL, false, ARCH_MARKER_NEXT_EXACT | ARCH_MARKER_WHOLE_LINE,
	  32 * 8, 8 },
};

/* "x29: ffff800080c9bb10 x28: ffff0000c1e33b00", "x1 : ffff8000081e6b48" (x30 is lr) */
static const struct arch_register registers[] = {
	{ "x0", false },  { "x1", false },  { "x2", false },  { "x3", false },
	{ "x4", false },  { "x5", false },  { "x6", false },  { "x7", false },
	{ "x8", false },  { "x9", false },  { "x10", false }, { "x11", false },
	{ "x12", false }, { "x13", false }, { "x14", false }, { "x15", false },
	{ "x16", false }, { "x17", false }, { "x18", false }, { "x19", false },
	{ "x20", false }, { "x21", false }, { "x22", false }, { "x23", false },
	{ "x24", false }, { "x25", false }, { "x26", false }, { "x27", false },
	{ "x28", false }, { "x29", false },
};

/* mm/fault.c die_kernel_fault(): "Unable to handle kernel %s at virtual address %016lx" */
static const struct arch_address_line address_lines[] = {
	{ "Unable to handle kernel paging request at virtual address ", "address" },
	{ "Unable to handle kernel NULL pointer dereference at virtual address ", "address" },
	{ "Unable to handle kernel access to user memory without uaccess routines at "
	  "virtual address ", "address" },
};

/* traps.c dump_kernel_instr(): "%sCode: %s\n", words "%08x " and the pc's "(%08x) " */
static const struct arch_code_format code = {
	.label = "Code: ", .units = 1u << 4, .open = '(', .close = ')',
};

/* alternatives and jump labels (b / nop), ftrace (bl / nop), pointer authentication */
static const char *const patched[] = {
	"bl", "b", "nop", "bti", "hint", "paciasp", "autiasp",
};

/* R_AARCH64_ABS64, R_AARCH64_PREL64 */
static const unsigned int relocs_64[] = { 257, 260 };

const struct arch_ops arch_arm64 = {
	.arch = ARCH_ARM64,
	.name = "arm64",
	.elf_machine = EM_AARCH64,
	.address_digits = 16,
	ARCH_TABLE(labels),
	ARCH_TABLE(marks),
	ARCH_TABLE(markers),
	/* the unwinder starts at regs->pc: the trace's first entry repeats "pc :" */
	.has_pc_first_in_trace = true,
	ARCH_TABLE(registers),
	ARCH_TABLE(address_lines),
	.code = &code,
	ARCH_TABLE(patched),
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_ARM64,
	.cs_mode = ARCH_CS_MODE_ARM | ARCH_CS_MODE_BIG_ENDIAN,
};
