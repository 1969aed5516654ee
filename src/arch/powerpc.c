// SPDX-License-Identifier: GPL-2.0-or-later
/* powerpc.c: what powerpc prints (arch/powerpc/kernel/process.c, traps.c, mm/fault.c). */
#include <elf.h>

#include "arch/arch.h"

/* show_regs(): "NIP [%016lx] %pS\n", "LR [%016lx] %pS\n"; hand-trimmed reports keep
 * "NIP memcpy_power7+0x400/0x7d0". Before 5.x an interrupt frame in a trace printed
 * "    LR = %pS" under its "--- interrupt:" line */
static const struct arch_label labels[] = {
	{ "NIP ", ARCH_EXACT, 0 }, /* "NIP [c000000008068dfc] .eeh_dev_check_failure+0x27c/0x390" */
	{ "LR [", ARCH_RETURN, ARCH_LABEL_BRACKET | ARCH_LABEL_NEEDS_SYMBOL },
	{ "LR = ", ARCH_RETURN, ARCH_LABEL_NEEDS_SYMBOL },
};

/* show_stack(): "[%016lx] [%016lx] %pS" (the stack pointer, then the return address, the
 * one decoded), " (unreliable)" after the first entry, whose saved LR may be stale */
static const struct arch_mark marks[] = {
	{ ARCH_MARK_SUFFIX, " (unreliable)", true, false, true },
};

/* show_stack(): an exception frame on the stack, "--- interrupt: %lx at %pS\n" with the pc
 * it interrupted (regs->nip, exact); since 5.12 its registers follow, and a bare
 * "--- interrupt: %lx" ends them */
static const struct arch_marker markers[] = {
	{ "--- interrupt: %x at ", NULL, false, ARCH_MARKER_FRAME_EXACT | ARCH_MARKER_DECIDES },
	{ "--- interrupt: %x", NULL, false, ARCH_MARKER_DECIDES | ARCH_MARKER_WHOLE_LINE },
};

/* show_regs(): "GPR%02d: " then REGS_PER_LINE registers (4 on 64-bit, 8 on 32-bit) */
static const struct arch_register_block blocks[] = {
	{ "GPR", 2, "r", 32, false },
};

/* mm/fault.c bad_kernel_fault() / __bad_page_fault(), traps.c die() */
static const struct arch_address_line address_lines[] = {
	{ "Faulting instruction address: 0x", "pc" },
	{ "BUG: Kernel NULL pointer dereference on read at 0x", "address" },
	{ "BUG: Kernel NULL pointer dereference on write at 0x", "address" },
	{ "BUG: Unable to handle kernel data access on read at 0x", "address" },
	{ "BUG: Unable to handle kernel data access on write at 0x", "address" },
	{ "BUG: Unable to handle kernel instruction fetch at 0x", "address" },
	{ "Unable to handle kernel paging request for data at address 0x", "address" },
};

/* show_instructions(): "Instruction dump:", then lines of 8 words "%08x ", the pc's "<%08x> " */
static const struct arch_code_format code = {
	.label = "Instruction dump:", .units = 1u << 4, .open = '<', .close = '>',
	.continues = true, .follows_trace = true,
};

/* jump labels (b / nop), ftrace (bl / nop), feature sections (nop) */
static const char *const patched[] = {
	"bl", "b", "nop", "bla", "ba",
};

/* R_PPC64_ADDR64, R_PPC64_REL64, R_PPC64_TOC, and R_PPC64_ENTRY: module_64.c rewrites an
 * ELFv2 entry's "ld r2,-8(r12); add r2,r2,r12" as "addis r2,r12,X; addi r2,r2,Y" */
static const unsigned int relocs_64[] = { 38, 44, 51, 118 };

const struct arch_ops arch_powerpc = {
	.arch = ARCH_POWERPC,
	.name = "powerpc",
	.elf_machine = EM_PPC64,
	.elf_machine_alt = EM_PPC,
	.address_digits = 16,
	ARCH_TABLE(labels),
	ARCH_TABLE(marks),
	ARCH_TABLE(markers),
	ARCH_TABLE(blocks),
	ARCH_TABLE(address_lines),
	.code = &code,
	ARCH_TABLE(patched),
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_PPC,
	.cs_mode = ARCH_CS_MODE_64 | ARCH_CS_MODE_BIG_ENDIAN, /* 32-bit kernels: ARCH_CS_MODE_32 */
};
