/* SPDX-License-Identifier: GPL-2.0-or-later */
/* frame.h: one stack-frame line (" ? foo+0x1a/0x40 [mod]", "RIP: 0010:...") -> struct frame. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "shared/macro.h"

#define KSYM_NAME_LEN 512	/* the kernel's own limit since 6.1 (Rust names) */
#define MODULE_NAME_LEN 56	/* 64 - sizeof(unsigned long) */
#define BUILD_ID_HEX_MAX 128	/* BUILD_ID_SIZE_MAX (64) bytes as hex */

enum frame_role {
	FRAME_ROLE_IP,		/* the faulting instruction: look up the address itself */
	FRAME_ROLE_CALL,	/* a return address: look up the call before it */
};

/* what the resolver found; strings are owned by the frame (frame_release()) */
struct location {
	char *function;		/* innermost first; the last one is the symbol's function */
	char *file;		/* NULL when the line table has nothing */
	unsigned int line;
	unsigned int column;
	char *source;		/* its line's text (-S), or NULL */
};

struct frame {
	unsigned long line;		/* 1-based line number in its input */
	enum frame_role role;
	enum arch arch;			/* the architecture whose grammar the line used (a
					 * label, mark or marker only it prints), or
					 * ARCH_UNKNOWN */
	const char *context;		/* "task", "irq", "softirq", "nmi", ... or NULL */
	unsigned int stack;		/* index into its report's stacks */
	bool is_reliable;		/* no "? " in front */
	bool is_user;			/* "RIP: 0033:...": user space, not decoded */
	bool is_compat;			/* "RIP: 0023:...": a 32-bit task's (__USER32_CS) */
	bool is_link_register;		/* "lr : f+0x1/0x2": a return address, in no trace */
	unsigned int pc_rewind;		/* a pc this many bytes past its instruction (s390's
					 * program checks the kernel does not rewind) */
	bool has_offset, has_size, has_address;
	char symbol[KSYM_NAME_LEN];	/* "" for a raw address */
	uint64_t offset;
	uint64_t size;			/* from kallsyms: may be wrong, only a hint */
	uint64_t address;		/* printed ("[<ffffffff...>]") or derived */
	char module[MODULE_NAME_LEN];	/* "" for vmlinux */
	char module_build_id[BUILD_ID_HEX_MAX + 1];
	char bad_module[MODULE_NAME_LEN]; /* a "[...]" that is no module name, kept to report it */

	/* filled by resolve_frame() */
	char *section;			/* ELF section of the address, e.g. ".text.unlikely" */
	uint64_t section_offset;
	bool has_section;
	bool has_symbol_address;
	uint64_t symbol_address;	/* where the object file puts the symbol, for -v */
	char *object;			/* the file the frame was looked up in */
	struct location *locations;
	size_t n_locations;
	char *error;			/* why it could not be resolved; NULL when it was */
	char *suspect;			/* why its decoding may be wrong though it was made
					 * (sizes disagree with the debug file's), or NULL */
	bool lacks_debug_file;		/* error is only "no vmlinux/NAME.ko found", warned once */
	bool is_from_kallsyms;		/* no debug file: symbol and module from a snapshot's
					 * kallsyms (kallsyms_type: 't', 'D', ...) */
	char kallsyms_type;
};

/* a context marker ("<IRQ>", "</TASK>") seen on a line, alone or before a frame */
struct frame_marker {
	bool present;
	bool is_end;
	const char *context;		/* for start markers: "irq", "task", ... */
	bool next_is_exact;		/* the next frame is the pc an exception interrupted */
	bool has_pc_slot;		/* when its address is the word at pc_slot of the
					 * dump that follows (arm's "Exception stack(...)") */
	uint64_t pc_slot;
	unsigned int word_size;
};

enum frame_line {
	FRAME_LINE_NONE,		/* not a frame line */
	FRAME_LINE_FRAME,		/* *f is filled; *m may be too */
	FRAME_LINE_MARKER,		/* only a context marker */
};

/* false when msg cannot be a frame line (it has neither an address in brackets nor a
 * "0x"): frame_parse() would not say FRAME_LINE_FRAME, and need not be asked */
bool frame_may_be(const char *msg) _nonnull_(1);
/* Parse msg (the text after the log prefix). No DWARF, no allocation: fills *f with
 * role, reliability, symbol/offset/size, module and address as printed. */
enum frame_line frame_parse(const char *msg, struct frame *f, struct frame_marker *m)
	_nonnull_(1, 2, 3);
/* true when name is a module name the kernel could print ([A-Za-z0-9_-]) */
bool frame_is_valid_module_name(const char *name, size_t len) _nonnull_(1);
/* "nf_conntrack-netlink" and "nf_conntrack_netlink" are one module: '-' as '_', into buf */
void frame_normalize_module_name(const char *name, char *buf, size_t size) _nonnull_(1, 2);
/* "trigger_write.cold" -> "trigger_write": compiler suffixes off, into buf */
const char *frame_base_name(const char *symbol, char *buf, size_t size) _nonnull_(1, 2);
/* free what resolve_frame() put in f (not f itself) */
void frame_release(struct frame *f);
