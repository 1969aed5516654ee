// SPDX-License-Identifier: GPL-2.0-or-later
/* mips.c: what mips prints (arch/mips/kernel/traps.c __show_regs, show_code, show_backtrace). */
#include <elf.h>

#include "arch/arch.h"

/* __show_regs(): "epc   : %0*lx %pS\n", "ra    : %0*lx %pS\n": the value, then the symbol */
static const struct arch_label labels[] = {
	/* "epc   : 8ed80668 mt76x02_add_interface+0x6c/0x88 [mt76x02_lib]" */
	{ "epc   : ", ARCH_EXACT, ARCH_LABEL_WORDS },
	{ "ra    : ", ARCH_RETURN, ARCH_LABEL_WORDS | ARCH_LABEL_NEEDS_SYMBOL },
};

/* __show_regs(): "$%2d   :" then 4 registers " %0*lx" a line, $0 to $31 */
static const struct arch_register_block blocks[] = {
	{ "$", 2, "$", 32, false },
};

/* "BadVA : %0*lx": the address of the fault (not Hi, Lo, Status, Cause) */
static const struct arch_register registers[] = {
	{ "BadVA", true },
};

/* show_code(): "Code:" then words " %08x" (microMIPS halfwords " %04x"), the pc's "<%08x>" */
static const struct arch_code_format code = {
	.label = "Code: ", .units = 1u << 2 | 1u << 4, .open = '<', .close = '>',
};

/* jump labels (b / nop), ftrace (jal / nop) */
static const char *const patched[] = {
	"jal", "j", "b", "nop",
};

/* R_MIPS_64 */
static const unsigned int relocs_64[] = { 18 };

const struct arch_ops arch_mips = {
	.arch = ARCH_MIPS,
	.name = "mips",
	.elf_machine = EM_MIPS,
	.address_digits = 8,
	ARCH_TABLE(labels),
	ARCH_TABLE(blocks),
	ARCH_TABLE(registers),
	.code = &code,
	ARCH_TABLE(patched),
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_MIPS,
	.cs_mode = ARCH_CS_MODE_32 | ARCH_CS_MODE_BIG_ENDIAN, /* 64-bit kernels: ARCH_CS_MODE_64 */
	.cs_mode_half = ARCH_CS_MODE_MICRO | ARCH_CS_MODE_32 | ARCH_CS_MODE_BIG_ENDIAN,
};
