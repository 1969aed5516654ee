/* SPDX-License-Identifier: GPL-2.0-or-later */
/* disasm.h: a report's Code: bytes -> instructions (capstone), the trapping one marked. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "report/frame.h"
#include "shared/macro.h"

/* one instruction of the dump, or bytes that are none: the tail of one cut at the dump's
 * start, one cut at its end, or bytes capstone does not decode (text NULL) */
struct insn {
	size_t offset;		/* into the Code: bytes */
	size_t size;
	char *hex;		/* its bytes as the Code: line printed them: "48 c7 47 10",
				 * "b9402000" */
	char *text;		/* "movq $0, 0x10(%rdi)", or NULL: not decoded */
	bool is_trapping;	/* it starts at the trapping unit (the pc) */
	/* filled by resolve_report() once the pc is placed: where.address (has_address)
	 * and, from the debug files, symbol+offset, module and the inline chain */
	struct frame where;
};

struct disasm {
	enum arch arch;		/* whose Code: format it was */
	const char *mode;	/* "x86-64", "thumb", ...: static */
	struct insn *insns;
	size_t n_insns, insns_alloc;
	size_t start;		/* the first decoded instruction's offset: bytes before it
				 * were re-synced past (an instruction cut at the start) */
	char *error;		/* why there are no instructions, or NULL */
};

/* Disassemble c with capstone's cs_arch isa and cs_mode mode (arch.h's ARCH_CS_*). With a trapping
 * unit, the bytes before it are decoded from the first offset at which an instruction
 * boundary falls exactly on it (scripts/decodecode's re-sync), the rest from it.
 * Returns a disasm the caller frees with disasm_free(), never NULL; its error says why
 * it holds no instructions (riscv: capstone 4.0.2 has none; libcapstone cannot be
 * loaded), only the bytes are shown then.
 * base is the address of the first byte, for branch targets (0: offsets into the dump). */
struct disasm *disasm_code(const struct arch_code *c, int isa, unsigned int mode,
			    uint64_t base) _nonnull_(1);
/* A Code: line with no bytes: "Unable to access opcode bytes at 0x...", "Bad RIP value."
 * (what the kernel said, copied) */
struct disasm *disasm_unreadable(enum arch arch, const char *why) _nonnull_(2);
void disasm_free(struct disasm *d);
/* the dumps disasm_code() keeps for the next of the same bytes forgotten: at exit, once
 * no thread decodes */
void disasm_forget(void);

struct report;
struct report_code;
/* rc's dump with other bytes in its place (n of them, at most ARCH_CODE_MAX: a file's code
 * where the dump was read, and past its end), decoded as the dump is; NULL when the dump
 * has no architecture */
struct disasm *disasm_in_place(const struct report_code *rc, const uint8_t *bytes, size_t n)
	_nonnull_(1, 2);
/* each of r's Code: dumps' disasm (from its code or unreadable), in the mode its
 * table gives (src/arch/); NULL when it has none. Those made already are kept: the
 * reader's threads may have made them (they need nothing but r). None for a spurious
 * report, which is only echoed. */
void disasm_report(struct report *r) _nonnull_(1);
/* capstone loaded now, by a thread with nothing else to do, ahead of the first Code: dump
 * (which says what could not be loaded, as it would have) */
void disasm_preload(void);
