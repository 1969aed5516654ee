// SPDX-License-Identifier: GPL-2.0-or-later
/* riscv.c: what riscv prints (arch/riscv/kernel/process.c __show_regs, traps.c, stacktrace.c). */
#include <elf.h>

#include "arch/arch.h"

/* __show_regs(): "epc : %pS\n", " ra : %pS\n", then the same as numbers on a register line
 * ("epc : ffffffff80003f8c ra : ..."), which has no symbol */
static const struct arch_label labels[] = {
	{ "epc : ", ARCH_EXACT, 0 },	/* "epc : schedule_tail+0x72/0xb2" */
	{ "ra : ", ARCH_RETURN, ARCH_LABEL_NEEDS_SYMBOL }, /* " ra : schedule_tail+0x70/0xb2" */
};

/* __show_regs(): " gp : %016lx tp : %016lx t0 : %016lx", ..., " status: %016lx badaddr:
 * %016lx cause: %016lx" (not sp; epc and ra are frames) */
static const struct arch_register registers[] = {
	{ "gp", false },  { "tp", false },  { "t0", false },	  { "t1", false },
	{ "t2", false },  { "s0", false },  { "s1", false },	  { "a0", false },
	{ "a1", false },  { "a2", false },  { "a3", false },	  { "a4", false },
	{ "a5", false },  { "a6", false },  { "a7", false },	  { "s2", false },
	{ "s3", false },  { "s4", false },  { "s5", false },	  { "s6", false },
	{ "s7", false },  { "s8", false },  { "s9", false },	  { "s10", false },
	{ "s11", false }, { "t3", false },  { "t4", false },	  { "t5", false },
	{ "t6", false },  { "badaddr", true },
};

/* mm/fault.c die_kernel_fault(): "Unable to handle kernel %s at virtual address " REG_FMT */
static const struct arch_address_line address_lines[] = {
	{ "Unable to handle kernel paging request at virtual address ", "address" },
	{ "Unable to handle kernel NULL pointer dereference at virtual address ", "address" },
};

/* traps.c dump_kernel_instr(): "%sCode: %s\n", halfwords "%04hx " and the pc's "(%04hx) " */
static const struct arch_code_format code = {
	.label = "Code: ", .units = 1u << 2, .open = '(', .close = ')',
};

/* R_RISCV_64 (capstone 4.0.2 decodes no riscv: its dumps are not compared) */
static const unsigned int relocs_64[] = { 2 };

const struct arch_ops arch_riscv = {
	.arch = ARCH_RISCV,
	.name = "riscv",
	.elf_machine = EM_RISCV,
	.address_digits = 16,
	ARCH_TABLE(labels),
	ARCH_TABLE(registers),
	ARCH_TABLE(address_lines),
	.code = &code,
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_NONE,	/* capstone 4.0.2 has no riscv */
};
