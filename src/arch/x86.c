// SPDX-License-Identifier: GPL-2.0-or-later
/* x86.c: what x86_64 and i386 print (arch/x86/kernel/dumpstack.c, process_64.c, process_32.c). */
#include <elf.h>

#include "arch/arch.h"

/* show_ip() / show_iret_regs(): "%sRIP: %04x:%pS\n" (4.10+), the faulting instruction */
static const struct arch_label x86_64_labels[] = {
	{ "RIP: ", ARCH_EXACT, ARCH_LABEL_SELECTOR }, /* "RIP: 0010:deref_victim+0x5/0x13 [m]" */
	{ "RIP  ", ARCH_EXACT, 0 },	/* <= 4.9: "RIP  [<ffffffffa0525326>] f+0x4/0x6 [wl]" */
	{ "IP: ", ARCH_EXACT, 0 },	/* <= 4.8: "IP: [<ffffffff82d4e304>] __memset+0x24/0x30" */
};

/* process_32.c __show_regs(): "EIP: %pS" (4.10+), older "EIP: 0060:[<c1234567>] EFLAGS:" and
 * "EIP is at f+0x1/0x2" */
static const struct arch_label i386_labels[] = {
	{ "EIP: ", ARCH_EXACT, ARCH_LABEL_SELECTOR },
	{ "EIP is at ", ARCH_EXACT, 0 },
};

/* printk_stack_address(): " %s%pBb\n", "? " when the unwinder only found it on the stack;
 * <= 4.8 " [<%p>] %s%pB\n" puts it after the address */
static const struct arch_mark marks[] = {
	{ ARCH_MARK_AFTER_ADDRESS, "? ", true, false, false },
};

/* show_trace_log_lvl(): the stack each part of a trace is on, " <IRQ>" ... " </IRQ>" */
static const struct arch_marker markers[] = {
	{ "<TASK>", "task", false, 0 },	/* 5.16+ */
	{ "</TASK>", NULL, true, 0 },
	{ "<IRQ>", "irq", false, 0 },
	{ "</IRQ>", NULL, true, 0 },
	{ "<SOFTIRQ>", "softirq", false, 0 },
	{ "</SOFTIRQ>", NULL, true, 0 },
	{ "<NMI>", "nmi", false, 0 },
	{ "</NMI>", NULL, true, 0 },
	{ "<#DF>", "double-fault", false, 0 },
	{ "</#DF>", NULL, true, 0 },
	{ "<#MC>", "machine-check", false, 0 },
	{ "</#MC>", NULL, true, 0 },
	{ "<#DB>", "debug", false, 0 },
	{ "</#DB>", NULL, true, 0 },
	/* old kernels: " <EOI> " ends an IRQ stack, " <<EOE>> " an exception stack */
	{ "<EOI>", NULL, true, 0 },
	{ "<<EOE>>", NULL, true, 0 },
	{ "<EOE>", NULL, true, 0 },
};

/* __show_regs(): "RAX: %016lx RBX: %016lx RCX: %016lx"; not RSP (the stack), the segment
 * bases, control registers other than CR2, or EFLAGS */
static const struct arch_register x86_64_registers[] = {
	{ "RAX", false }, { "RBX", false }, { "RCX", false }, { "RDX", false },
	{ "RSI", false }, { "RDI", false }, { "RBP", false }, { "R08", false },
	{ "R09", false }, { "R10", false }, { "R11", false }, { "R12", false },
	{ "R13", false }, { "R14", false }, { "R15", false },
	/* "CR2: ffffffffc0204fe2 CR3: 0000000002820000 CR4: 0000000000751eb0": the fault */
	{ "CR2", true },
};

/* "EAX: 00000000 EBX: f4f8ed00 ECX: c1802a14 EDX: 00000000" */
static const struct arch_register i386_registers[] = {
	{ "EAX", false }, { "EBX", false }, { "ECX", false }, { "EDX", false },
	{ "ESI", false }, { "EDI", false }, { "EBP", false }, { "CR2", true },
};

/* fault.c: page_fault_oops(), show_fault_oops(); dumpstack.c show_opcodes() */
static const struct arch_address_line address_lines[] = {
	/* since 5.10: the RIP - 42 the "Code:" bytes would start at */
	{ "Code: Unable to access opcode bytes at 0x", "opcodes" },
	{ "Code: Unable to access opcode bytes at RIP 0x", "opcodes" },
	{ "BUG: unable to handle page fault for address: ", "address" },
	{ "BUG: kernel NULL pointer dereference, address: ", "address" },
	{ "BUG: unable to handle kernel paging request at ", "address" },
	{ "BUG: unable to handle kernel NULL pointer dereference at ", "address" },
};

/* show_opcodes(): "%sCode: %*ph <%02x> %*ph\n", 42 bytes before the pc, 21 from it */
static const struct arch_code_format code = {
	.label = "Code: ", .units = 1u << 1, .open = '<', .close = '>',
};

/* alternatives (SMAP's clac/stac, fences, "rep movsb" for a call), ftrace, static calls,
 * jump labels, retpolines and return thunks (a call or jmp), IBT sealing (endbr) */
static const char *const patched[] = {
	"call*", "jmp*", "nop*", "endbr*", "int3", "ret*", "clac", "stac", "lfence", "mfence",
	"sfence", "rep*",
};

/* R_X86_64_64 (i386 has none of 8 bytes) */
static const unsigned int relocs_64[] = { 1 };

const struct arch_ops arch_x86_64 = {
	.arch = ARCH_X86_64,
	.name = "x86_64",
	.elf_machine = EM_X86_64,
	.address_digits = 16,
	.labels = x86_64_labels,
	.n_labels = ARRAY_SIZE(x86_64_labels),
	ARCH_TABLE(marks),
	ARCH_TABLE(markers),
	.registers = x86_64_registers,
	.n_registers = ARRAY_SIZE(x86_64_registers),
	ARCH_TABLE(address_lines),
	.code = &code,
	ARCH_TABLE(patched),
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_X86,
	.cs_mode = ARCH_CS_MODE_64,
};

const struct arch_ops arch_i386 = {
	.arch = ARCH_I386,
	.name = "i386",
	.elf_machine = EM_386,
	.address_digits = 8,
	.labels = i386_labels,
	.n_labels = ARRAY_SIZE(i386_labels),
	ARCH_TABLE(marks),
	ARCH_TABLE(markers),
	.registers = i386_registers,
	.n_registers = ARRAY_SIZE(i386_registers),
	ARCH_TABLE(address_lines),
	.code = &code,
	ARCH_TABLE(patched),
	ARCH_TABLE(relocs_64),
	.cs_arch = ARCH_CS_ARCH_X86,
	.cs_mode = ARCH_CS_MODE_32,
};
