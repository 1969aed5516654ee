/* SPDX-License-Identifier: GPL-2.0-or-later */
/* arch.h: what each architecture prints, as tables: frames, registers, markers, Code: lines. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/macro.h"

/* Adding an architecture: a value here, a src/arch/NAME.c holding its struct arch_ops,
 * and a line in arch.c's list (as elfutils' backends/ has one NAME_init.c each). */
enum arch {
	ARCH_UNKNOWN,		/* no architecture-specific line seen, no debug file read */
	ARCH_X86_64,
	ARCH_I386,
	ARCH_ARM64,
	ARCH_ARM,
	ARCH_POWERPC,
	ARCH_S390,
	ARCH_RISCV,
	ARCH_MIPS,
	ARCH_COUNT,
};

/* How an address a line prints is looked up */
enum arch_lookup {
	ARCH_RETURN,		/* a return address: look up address - 1, the call */
	ARCH_EXACT,		/* the pc itself (the faulting or interrupted instruction) */
};

enum arch_label_flag {
	ARCH_LABEL_SELECTOR = 1 << 0,	 /* a "0010:" code segment selector may follow */
	ARCH_LABEL_BRACKET = 1 << 1,	 /* the label's last byte, "[", is the address's own */
	ARCH_LABEL_NEEDS_SYMBOL = 1 << 2, /* without a symbol it is a register line */
	ARCH_LABEL_SHARED = 1 << 3,	 /* another architecture prints it too: decides nothing */
	ARCH_LABEL_WORDS = 1 << 4,	 /* bare address words may come before the symbol */
};

/* A frame line that starts with a register's name: "RIP: 0010:f+0x5/0x13", "lr : f+0x1c/0x30" */
struct arch_label {
	const char *text;
	enum arch_lookup lookup;	/* EXACT: the pc; RETURN: a link register */
	unsigned int flags;		/* enum arch_label_flag */
};

enum arch_mark_place {
	ARCH_MARK_OPEN,		/* before the entry's first address: s390 "([<...>] f+0x1/0x2)" */
	ARCH_MARK_AFTER_ADDRESS, /* between the addresses and the symbol: x86 "? " */
	ARCH_MARK_SUFFIX,	/* after the symbol and module: powerpc " (unreliable)" */
	ARCH_MARK_FROM,		/* arm "(callee) from [<...>] (caller+0x1/0x2)": the caller is
				 * the frame, "callee from caller+0x1/0x2" since 5.x */
};

/* How a call-trace entry of one architecture differs from " [<addr>] f+0x1/0x2 [mod]" */
struct arch_mark {
	enum arch_mark_place place;
	const char *text;
	bool is_unreliable;	/* the unwinder was not sure of it */
	bool is_exact;		/* it names the pc, not a return address */
	bool decides;		/* only this architecture prints it */
};

enum arch_marker_flag {
	ARCH_MARKER_NEXT_EXACT = 1 << 0, /* the next frame is the interrupted pc, exact */
	ARCH_MARKER_FRAME_EXACT = 1 << 1, /* a frame follows on the line: the interrupted pc */
	ARCH_MARKER_DECIDES = 1 << 2,	  /* only this architecture prints it */
	ARCH_MARKER_WHOLE_LINE = 1 << 3,  /* it is the line ("Exception stack(" starts one) */
};

/* A context marker: "<IRQ>" ... "</IRQ>", arm's "Exception stack(0x... to 0x...)", powerpc's
 * "--- interrupt: 300 at f+0x1/0x2". In text, "%x" stands for hex digits. */
struct arch_marker {
	const char *text;
	const char *context;	/* the stack the frames after it are on; NULL for none */
	bool is_end;		/* ends the context ("</IRQ>") */
	unsigned int flags;	/* enum arch_marker_flag */
	/* ARCH_MARKER_NEXT_EXACT: the text ends in "0x" and the address of a dump of
	 * pt_regs: the pc is the word pc_slot bytes into it, of word_size bytes */
	unsigned int pc_slot, word_size;
};

/* A register, named on its line ("RSI: ffffffffc02060df") or by its place in a block */
struct arch_register {
	const char *name;
	bool is_address;	/* printed as an address the fault was at (CR2, BadVA) */
};

/* Registers printed as blocks: "GPR08: v8 v9 v10 v11" (powerpc), "$ 8   : ..." (mips),
 * "Krnl GPRS: v0 v1 v2 v3" and three more lines of 4 with no label (s390) */
struct arch_register_block {
	const char *label;	/* "GPR", "$", "Krnl GPRS:" */
	unsigned int index_width; /* digits of the first register's number after the label, 0
				   * when the label says none (it starts at 0) */
	const char *name_prefix; /* "r": the values are named "r0", "r1", ... */
	unsigned int count;	/* registers in all */
	bool continues;		/* lines with no label go on with the next registers */
};

/* A line that prints one address after a fixed text: the fault address, the pc */
struct arch_address_line {
	const char *text;
	const char *name;	/* "address", "opcodes", "pc" */
};

/* The Code: line. Each unit is printed as a hex number: its bytes are kept in that order
 * (most significant first), which is the order capstone reads in big-endian mode */
struct arch_code_format {
	const char *label;	/* "Code: ", "Krnl Code:", "Instruction dump:" */
	unsigned int units;	/* unit sizes allowed, bytes, as a mask: 1 << 1 | 1 << 4 */
	char open, close;	/* around the trapping unit: '<' '>', '(' ')' */
	bool continues;		/* the bytes go on on the next lines (powerpc, s390) */
	bool is_addressed;	/* s390: "#000003ff8086d034: a7f40001\tbrc ...", one
				 * instruction a line with its address; '>' marks the pc,
				 * '#' the instruction that ends at it */
	bool follows_trace;	/* printed after the call trace, whose exception frames
				 * print pcs of their own (powerpc): the dump is the first
				 * pc's, not the last one's */
};

/* capstone 4.0.2's numbers (cs_arch, cs_mode), kept here so that the arch tables need no
 * capstone header; the disassembler checks them against <capstone/capstone.h> */
enum {
	ARCH_CS_ARCH_ARM = 0,
	ARCH_CS_ARCH_ARM64 = 1,
	ARCH_CS_ARCH_MIPS = 2,
	ARCH_CS_ARCH_X86 = 3,
	ARCH_CS_ARCH_PPC = 4,
	ARCH_CS_ARCH_SYSZ = 6,
	ARCH_CS_ARCH_NONE = -1,	/* capstone 4.0.2 has none (riscv: 5.0) */
};
#define ARCH_CS_MODE_ARM 0u
#define ARCH_CS_MODE_16 (1u << 1)
#define ARCH_CS_MODE_32 (1u << 2)
#define ARCH_CS_MODE_64 (1u << 3)
#define ARCH_CS_MODE_THUMB (1u << 4)
#define ARCH_CS_MODE_MICRO (1u << 4)
#define ARCH_CS_MODE_BIG_ENDIAN (1u << 31)

struct arch_ops {
	enum arch arch;
	const char *name;	/* "x86_64", "arm64": JSON's "arch" */
	uint16_t elf_machine;	/* EM_X86_64 ... */
	uint16_t elf_machine_alt; /* EM_PPC besides EM_PPC64; 0 for none */
	unsigned int address_digits; /* hex digits of a kernel address: 16, or 8 */

	const struct arch_label *labels;
	size_t n_labels;
	const struct arch_mark *marks;
	size_t n_marks;
	const struct arch_marker *markers;
	size_t n_markers;
	/* a call trace's first entry is the pc when it repeats the pc line's symbol+offset
	 * (arm64: the unwinder starts at regs->pc; s390: at the PSW address) */
	bool has_pc_first_in_trace;
	/* a header after which the next frame is exact: s390 "Last Breaking-Event-Address:"
	 * (the address of the last branch taken, not a return address) */
	const char *const *exact_headers;
	size_t n_exact_headers;

	const struct arch_register *registers;
	size_t n_registers;
	const struct arch_register_block *blocks;
	size_t n_blocks;
	const struct arch_address_line *address_lines;
	size_t n_address_lines;

	const struct arch_code_format *code;
	/* instructions the kernel may patch once loaded, by capstone's mnemonic ("nop*" is
	 * a prefix): calls and jumps (ftrace, static calls, jump labels, thunks), nops
	 * (alternatives, jump labels), endbr (IBT sealing); a dump may differ there from
	 * the file's code */
	const char *const *patched;
	size_t n_patched;
	/* relocation types that write 8 bytes; the others write 4 (a field, or a whole
	 * instruction word) */
	const unsigned int *relocs_64;
	size_t n_relocs_64;
	int cs_arch;		/* ARCH_CS_ARCH_* */
	unsigned int cs_mode;	/* for the Code: line's units (word units: big-endian) */
	unsigned int cs_mode_half; /* for 2-byte units: thumb, microMIPS; 0 for none */
};

#define ARCH_TABLE(t) .t = t, .n_##t = ARRAY_SIZE(t)

extern const struct arch_ops arch_x86_64, arch_i386, arch_arm64, arch_arm, arch_powerpc,
	arch_s390, arch_riscv, arch_mips;

/* the ops of arch, NULL for ARCH_UNKNOWN */
const struct arch_ops *arch_get(enum arch arch);
/* "x86_64", ..., or NULL for ARCH_UNKNOWN */
const char *arch_name(enum arch arch);
/* the architecture of an ELF file's e_machine, ARCH_UNKNOWN for another */
enum arch arch_from_elf(unsigned int machine);
/* The architectures in the order a line's grammar is tried, into out: arch first (when
 * known), then the others as listed in arch.c. Returns how many (ARCH_COUNT - 1). */
size_t arch_order(enum arch arch, const struct arch_ops *out[ARCH_COUNT]) _nonnull_(2);
/* true when msg starts with the label of any architecture's Code: dump */
bool arch_is_code_line(const char *msg) _nonnull_(1);
/* true when msg is a header after which the next frame is exact (s390's
 * "Last Breaking-Event-Address:") */
bool arch_is_exact_header(const char *msg) _nonnull_(1);
/* A stack dump line ("7d00: 00000001 80f645a8 ...", the low 16 bits of its first word's
 * address, then 32 bytes in words of word_size, blanks for those before the dump): the
 * word at address into *value, false when the line does not hold it */
bool arch_dump_word(const char *msg, uint64_t address, unsigned int word_size, uint64_t *value)
	_nonnull_(1, 4);
/* true when text (capstone's "mnemonic operands") is an instruction arch patches at run
 * time (arch_ops.patched) */
bool arch_is_patched(enum arch arch, const char *text);
/* how many bytes a relocation of type writes in arch's ELF files: 8 or 4 */
unsigned int arch_reloc_size(enum arch arch, unsigned int type);
/* true when arch's Code: dump is printed after the call trace (powerpc) */
bool arch_code_follows_trace(enum arch arch);
/* true when arch's call trace starts with the pc (arm64) */
bool arch_has_pc_first_in_trace(enum arch arch);
/* s390's die() line, "monitor event: 0040 ilc:2 [#5] SMP": how many bytes past the
 * trapping instruction the PSW points (its instruction length, printed in halfwords); 0
 * for any other line and for "Oops", a fault the kernel rewound the PSW of itself */
unsigned int arch_trap_rewind(const char *msg) _nonnull_(1);

/* the parsed Code: line(s): bytes as printed, and where the trapping unit starts */
#define ARCH_CODE_MAX 256
struct arch_code {
	enum arch arch;		/* whose grammar read it */
	uint8_t bytes[ARCH_CODE_MAX];
	size_t n_bytes;
	unsigned int unit;	/* 1, 2 or 4 bytes */
	bool has_trap;
	size_t trap_offset;	/* the pc: "<0f>", "(b9402000)", s390 '>' */
	bool has_before_trap;	/* s390 '#': the instruction that ends at the pc */
	unsigned int pc_past_trap; /* s390: the pc is this far past trap_offset, the
				    * instruction that trapped (its '#') */
	size_t before_trap_offset;
	bool has_address;	/* s390 prints each instruction's address */
	uint64_t address;	/* of bytes[0] */
	bool is_open;		/* a format that continues, and no line ended it yet */
	bool is_cut;		/* a unit after the pc's could not be read: none after it */
	unsigned long line;	/* of its first line (set by the caller) */
};

/* Read a Code: line (with format of any architecture, arch's first) into *c, which
 * it resets. Returns true when msg is one. "Code: Unable to access opcode bytes at ..."
 * and "Code: Bad RIP value." are none: they hold no bytes. */
bool arch_code_parse(enum arch arch, const char *msg, struct arch_code *c) _nonnull_(2, 3);
/* While c->is_open: the next line of the same Code: dump; false when msg is none (it
 * closes c). */
bool arch_code_continue(const char *msg, struct arch_code *c) _nonnull_(1, 2);
/* "Code: Unable to access opcode bytes at 0x...", "Code: Bad RIP value.", "Code: bad PC
 * value": a Code: line that holds no bytes, and why; the text after "Code: " (in msg),
 * or NULL for another line */
const char *arch_code_unreadable(const char *msg) _nonnull_(1);
/* s390's Krnl Code: with a monitor call (BUG, WARN) marked '#' before the PSW: how many
 * bytes past it the PSW points; 0 for any other dump.  WARN prints no die() line to say. */
unsigned int arch_code_trap_rewind(const struct arch_code *c) _nonnull_(1);
/* the unit sizes and mode for capstone: cs_mode_half for 2-byte units when there is one */
unsigned int arch_code_cs_mode(const struct arch_code *c) _nonnull_(1);
