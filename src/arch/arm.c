// SPDX-License-Identifier: GPL-2.0-or-later
/* arm.c: what 32-bit arm prints (arch/arm/kernel/process.c __show_regs, traps.c, unwind.c). */
#include <elf.h>

#include "arch/arch.h"

/* __show_regs(): "PC is at %pS\n", "LR is at %pS\n" (arm64 too, up to 4.14):
 * "LR is at gsmld_receive_buf+0xc0/0x15c" */
static const struct arch_label labels[] = {
	{ "PC is at ", ARCH_EXACT, ARCH_LABEL_SHARED },
	{ "LR is at ", ARCH_RETURN, ARCH_LABEL_SHARED | ARCH_LABEL_NEEDS_SYMBOL },
};

/* dump_backtrace_entry(): "[<%08lx>] (%ps) from [<%08lx>] (%pS)" (CONFIG_BACKTRACE_VERBOSE
 * and before 5.x), else " %ps from %pS": the callee, then the caller at its return address */
static const struct arch_mark marks[] = {
	{ ARCH_MARK_FROM, " from ", false, false, true },
};

/* dump_backtrace_entry(): an entry called from the exception entry code is followed by
 * "Exception stack(0x%08lx to 0x%08lx)" and its words, pt_regs. With the ARM unwinder the
 * next entry's caller is the pc it holds (uregs[15]), exact; the frame-pointer unwinder
 * goes on at a return address instead, so the address is checked against the dump */
static const struct arch_marker markers[] = {
	{ "Exception stack(0x", NULL, false, ARCH_MARKER_NEXT_EXACT | ARCH_MARKER_WHOLE_LINE,
	  15 * 4, 4 },
};

/* "r10: 82c92c74  r9 : 920a1340  r8 : 00000000", "sp : 977bdd48  ip : 977bdd58  fp : ..."
 * (not sp; pc and lr are printed as "pc : [<8078e144>]    lr : [<8078e15c>]") */
static const struct arch_register registers[] = {
	{ "r0", false }, { "r1", false }, { "r2", false },  { "r3", false },
	{ "r4", false }, { "r5", false }, { "r6", false },  { "r7", false },
	{ "r8", false }, { "r9", false }, { "r10", false }, { "fp", false },
	{ "ip", false },
};

/* mm/fault.c __do_kernel_fault(): "Unable to handle kernel %s at virtual address %08lx" */
static const struct arch_address_line address_lines[] = {
	{ "Unable to handle kernel paging request at virtual address ", "address" },
	{ "Unable to handle kernel NULL pointer dereference at virtual address ", "address" },
};

/* traps.c dump_instr(): "%sCode: %s\n", ARM words "%08x " or thumb halfwords "%04x ", the
 * pc's in parentheses: "(%0*x) " */
static const struct arch_code_format code = {
	.label = "Code: ", .units = 1u << 2 | 1u << 4, .open = '(', .close = ')',
};

/* jump labels (b / nop), ftrace (bl / nop) */
static const char *const patched[] = {
	"bl", "blx", "b", "b.w", "nop", "nop.w",
};

const struct arch_ops arch_arm = {
	.arch = ARCH_ARM,
	.name = "arm",
	.elf_machine = EM_ARM,
	.address_digits = 8,
	ARCH_TABLE(labels),
	ARCH_TABLE(marks),
	ARCH_TABLE(markers),
	ARCH_TABLE(registers),
	ARCH_TABLE(address_lines),
	.code = &code,
	ARCH_TABLE(patched),
	.cs_arch = ARCH_CS_ARCH_ARM,
	.cs_mode = ARCH_CS_MODE_ARM | ARCH_CS_MODE_BIG_ENDIAN,
	.cs_mode_half = ARCH_CS_MODE_THUMB | ARCH_CS_MODE_BIG_ENDIAN,
};
