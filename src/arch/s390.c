// SPDX-License-Identifier: GPL-2.0-or-later
/* s390.c: what s390 prints (arch/s390/kernel/dumpstack.c, traps.c, dis.c show_code). */
#include <elf.h>

#include "arch/arch.h"

/* show_registers(): "%s PSW : %px %px" and, in the kernel, " (%pSR)": the mask, then the
 * address of the next instruction to run */
static const struct arch_label labels[] = {
	/* "Krnl PSW : 0704f00180000000 000003ff8086d03a (will_oops_init+0x3a/0x1000 [m])" */
	{ "Krnl PSW : ", ARCH_EXACT, ARCH_LABEL_WORDS },
};

/* show_stack(): " [<%016lx>] %pSR \n", or "([<%016lx>] %pSR)\n" when the unwinder is unsure */
static const struct arch_mark marks[] = {
	{ ARCH_MARK_OPEN, "(", true, false, true },
};

/* show_last_breaking_event(): the address of the last branch taken, printed as a trace
 * entry on the next line: " [<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops]" */
static const char *const exact_headers[] = {
	"Last Breaking-Event-Address:",
};

/* show_registers(): "%s GPRS: " and 4 registers a line, 16 in all */
static const struct arch_register_block blocks[] = {
	{ "Krnl GPRS:", 0, "r", 16, true },
};

/* mm/fault.c dump_fault_info(): "Failing address: %016lx TEID: %016lx" */
static const struct arch_address_line address_lines[] = {
	{ "Failing address: ", "address" },
};

/* dis.c show_code(): "Krnl Code:" and one instruction a line, "%px: " and its bytes,
 * '>' before the PSW address, '#' before the instruction that ends there */
static const struct arch_code_format code = {
	.label = "Krnl Code:", .continues = true, .is_addressed = true,
};

unsigned int arch_trap_rewind(const char *msg)
{
	static const char oops[] = "Oops";
	const char *colon = strstr(msg, ": ");

	/* "%s: %04x ilc:%d [#%d] " */
	if (colon == NULL || colon == msg || strspn(colon + 2, "0123456789abcdef") != 4 ||
	    !startswith(colon + 6, " ilc:") || colon[11] < '1' || colon[11] > '3' ||
	    !startswith(colon + 12, " [#"))
		return 0;
	if ((size_t)(colon - msg) == sizeof(oops) - 1 && startswith(msg, oops))
		return 0;
	/* die() prints int_code >> 17: the length in halfwords */
	return 2 * (unsigned int)(colon[11] - '0');
}

/* BUG() and WARN() are a monitor call, "mc 0,0" (opcode 0xaf), after which the PSW points
 * to the next instruction; show_code() marks the one that ends there '#' */
unsigned int arch_code_trap_rewind(const struct arch_code *c)
{
	if (c->arch != ARCH_S390 || !c->has_trap || !c->has_before_trap ||
	    c->before_trap_offset >= c->trap_offset || c->before_trap_offset >= c->n_bytes ||
	    c->bytes[c->before_trap_offset] != 0xaf)
		return 0;
	return (unsigned int)(c->trap_offset - c->before_trap_offset);
}

/* jump labels and ftrace (brcl 0 / brcl 15 "jg", brasl), alternatives (nops) */
static const char *const patched[] = {
	"brasl", "brcl", "jg*", "nop*", "bcr", "j",
};

/* R_390_64, R_390_PC64 */
static const unsigned int relocs_64[] = { 22, 23 };

const struct arch_ops arch_s390 = {
	.arch = ARCH_S390,
	.name = "s390",
	.elf_machine = EM_S390,
	.address_digits = 16,
	ARCH_TABLE(labels),
	ARCH_TABLE(marks),
	ARCH_TABLE(exact_headers),
	ARCH_TABLE(blocks),
	ARCH_TABLE(address_lines),
	/* show_stack() of the pt_regs: the unwinder's first entry is the PSW address */
	.has_pc_first_in_trace = true,
	.code = &code,
	ARCH_TABLE(patched),
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_SYSZ,
	.cs_mode = ARCH_CS_MODE_BIG_ENDIAN,
};
