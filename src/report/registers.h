/* SPDX-License-Identifier: GPL-2.0-or-later */
/* registers.h: register lines ("RSI: ffffffffc02060df RDI: ..."), CR2 and the fault and
 * opcode addresses of a report -> struct value, the numbers that may be addresses. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "report/frame.h"
#include "shared/macro.h"

#define VALUE_NAME_LEN 16
/* no register line holds more: "R13: ... R14: ... R15: ..." */
#define VALUES_PER_LINE_MAX 8

struct value {
	char name[VALUE_NAME_LEN];	/* "RSI", "CR2", "opcodes", "address" */
	bool is_address;		/* printed as an address (CR2, "at 0x..."), not a
					 * register that may hold anything */
	struct frame f;			/* f.line and f.address as read; resolve_report()
					 * decodes it as a bare address, f.role IP */

	/* filled by resolve_report() */
	bool is_shown;			/* in vmlinux or a module (f says where, or f.error
					 * why not further), or an address in neither */
	bool is_data;			/* in a section that is not code */
	char *string;			/* the C string holding it, in a .rodata.str section */
	size_t string_offset;		/* where in that string the value points */
	char *variable;			/* the DWARF variable a data symbol is, or NULL */
	char *variable_type;		/* "struct list_head", "int[4]", or NULL */
	char *variable_file;		/* where it is declared, or NULL */
	unsigned int variable_line;
};

/* what one line leaves for the next: the report's architecture, and a block of registers
 * that goes on with no label (s390's "Krnl GPRS:"); zeroed at a report's start */
struct registers_state {
	enum arch arch;		/* the report's: its register names are tried first */
	enum arch seen;		/* set by each line: the architecture only whose register
				 * names it printed, or ARCH_UNKNOWN */
	const struct arch_register_block *block; /* open block, or NULL */
	unsigned int next;	/* the number of its next register */
};

/* The values msg (the text after the log prefix) prints, at most VALUES_PER_LINE_MAX,
 * into out, read with every architecture's register tables (src/arch/); returns how
 * many. No allocation; f.line is left to the caller. */
size_t registers_parse(const char *msg, struct registers_state *st, struct value *out)
	_nonnull_(1, 2, 3);
/* free what resolve_report() put in v (not v itself) */
void value_release(struct value *v);
