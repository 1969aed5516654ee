/* SPDX-License-Identifier: GPL-2.0-or-later */
/* report.h: lines -> struct report: boundaries, kind, title, CPU/PID/Comm, taint, modules, frames. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "arch/arch.h"
#include "report/frame.h"
#include "report/kinds.h"
#include "input/linebuf.h"
#include "report/registers.h"
#include "shared/macro.h"

/* more lines than this and a report is cut: no kernel report is that long */
#define REPORT_MAX_LINES 4000
/* warnings kept per report; past them, one says that more were left out */
#define REPORT_MAX_WARNINGS 100
/* other output tolerated inside a stack before the report is taken to have ended */
#define REPORT_MAX_FOREIGN 2

struct report_line {
	char *raw;		/* bytes as read, for echoing */
	size_t raw_len;
	char *prefix;		/* the log prefix, repeated on the lines kdecode adds */
	unsigned long no;
	long frame;		/* index into report.frames, -1 for none */
	size_t first_value;	/* the line's values: report.values[first_value...] */
	size_t n_values;
	bool is_foreign;	/* another task's or CPU's output, inside the report */
};

/* one stack of a report: its own, where the object was allocated and freed, a lock
 * chain, another CPU's; frames name theirs by index */
struct report_stack {
	enum stack_kind kind;
	unsigned long line;	/* of its header, 0 for the stack that has none */
	char *header;		/* "Allocated by task 14764:", or NULL */
	bool has_trace_header;	/* a "Call Trace:" line of its own was seen */
	bool is_note;		/* one frame the header names ("Preemption disabled at:") */
};

struct report_module {
	char name[MODULE_NAME_LEN];
	char flags[16];		/* "O", "OE", "+" (loading), "-" (unloading), or "" */
};

/* A Code: dump and the pc it is around */
struct report_code {
	struct arch_code code;		/* parsed (not disassembled) */
	char *unreadable;		/* the line held no bytes: why, as printed ("Unable to
					 * access opcode bytes at 0x..."), or NULL */
	unsigned long last_line;	/* of the dump: it may go on over lines */
	/* the pc the dump is around, the last one printed before it ("RIP:", "pc :",
	 * "NIP", "Krnl PSW"): an index into frames, or -1 with is_user_pc when that pc was
	 * user space's ("RIP: 0033:0x47b7a0", not a frame), or -1 for none */
	long pc;
	bool is_user_pc;
	bool is_compat;			/* a 32-bit task's ("RIP: 0023:") */
	bool has_pc_address;		/* the pc's address, printed on its line or another
					 * of the same registers ("pc : [<bf000628>]") */
	uint64_t pc_address;
	struct disasm *disasm;		/* its instructions (disasm_report()), or NULL */
};

struct report {
	char *source;			/* file name, or "-" */
	unsigned long first_line, last_line;
	bool has_time;			/* the first line's "[ seconds ]" */
	uint64_t time_us;
	const struct snapshot *snapshot; /* the layout record in force, or NULL (resolve) */
	const struct report_kind *rk;	/* what its first line announced (kinds.c) */
	const char *kind;		/* "bug", "oops", "warning", "panic", ... (static) */
	const char *class;		/* "lockdep", "hang", "memory-leak", ... (static) */
	char *headline;			/* the first line's message, as printed */
	char *title;			/* "BUG: unable to handle kernel NULL pointer
					 * dereference in deref_victim" */
	char *variant;			/* "WARNING: refcount bug": what a prelude or the
					 * WARNING's place made of it, or NULL */
	long guilty;			/* index into frames of the frame the bug is in, or -1 */
	char *guilty_function;		/* its function, or the one the first line names */
	char signature[17];		/* hex: kind, guilty function and the next callers */
	char caller[16];		/* the first line's caller id ("T123"), or "" */

	bool has_task;			/* the "CPU: 0 PID: 1 Comm: sh ..." line was seen */
	int cpu, pid;
	char *comm;
	char *tainted;			/* taint letters ("GO"), "" for "Not tainted" */
	char *release;			/* "6.1.0-56-cloud-amd64", or NULL */
	char *build;			/* "#1": the first word of its utsname version */
	char *build_extra;		/* after it: "Debian 6.1.192-2", or NULL */
	bool has_invalid_release;	/* it named one that cannot be a release: not used */
	char *vmlinux_build_id;		/* CONFIG_STACKTRACE_BUILD_ID, or NULL */

	bool has_modules;		/* a "Modules linked in:" line was seen */
	struct report_module *modules;
	size_t n_modules;
	char *last_unloaded;

	bool has_kernel_offset;		/* "Kernel Offset: 0x2a000000 from ..." or "disabled" */
	uint64_t kernel_offset;
	bool has_kernel_text;		/* the same line's "from 0xffffffff81000000" + offset: */
	uint64_t kernel_text;		/* where _text was, to tell boots apart */

	enum arch arch;			/* from the debug files' ELF machine when one was
					 * read (resolve), else the first line only one
					 * architecture prints; ARCH_UNKNOWN when neither */
	enum arch report_arch;		/* the one the report's grammar said, or unknown */
	bool is_arch_from_debug_file;
	struct report_code *codes;	/* its Code: dumps, in order */
	size_t n_codes;
	long last_pc;			/* while parsing: the last pc line, as a code's pc */
	bool is_last_pc_user;
	bool is_last_pc_compat;
	uint64_t last_user_pc;

	struct frame *frames;
	size_t n_frames;
	struct report_stack *stacks;
	size_t n_stacks;
	struct value *values;		/* register values, CR2, fault and opcode addresses */
	size_t n_values;
	struct report_line *lines;
	size_t n_lines;
	size_t n_trailing;		/* the last lines are not its own: echoed after it */
	bool is_spurious;		/* a "WARNING:" with no kernel grammar: no report */
	char **warnings;		/* said about this report, for every output format */
	size_t n_warnings;
	char **mismatches;		/* of those, what says its debug files or snapshot
					 * are not its kernel's */
	size_t n_mismatches;
	const void **verified;		/* the debug files checked against it (verify.c) */
	size_t n_verified;
	bool is_truncated;		/* cut at REPORT_MAX_LINES */
	char *corrupted;		/* why frames may be missing or mixed, or NULL */
};

struct disasm;
struct report_parser;
struct snapshot;

/* source names the input in reports ("-" for stdin); copied */
struct report_parser *report_parser_new(const char *source) _nonnull_(1);
void report_parser_free(struct report_parser *rp);
/* Feed the next line. A report that is complete comes back in *done (the caller frees
 * it with report_free()) and must be handled first; then *is_outside says whether the line
 * itself lies outside every report (echo it now) or went into the next one. Reports come
 * back in the order they end: take the others with report_parser_next(). */
void report_parser_feed(struct report_parser *rp, const struct line *l, struct report **done,
			bool *is_outside) _nonnull_(1, 2, 3, 4);
/* another report that is complete, after feed's *done, or NULL */
struct report *report_parser_next(struct report_parser *rp) _nonnull_(1);
/* at the end of the input: the reports still open or waiting, one per call, then NULL */
struct report *report_parser_finish(struct report_parser *rp) _nonnull_(1);
/* true when no report is open or set aside, nor closed and not taken: the lines that
 * follow parse as they would with a new parser */
bool report_parser_is_idle(const struct report_parser *rp) _nonnull_(1);

void report_free(struct report *r);
/* false when the report already had this warning */
bool report_add_warning(struct report *r, const char *fmt, ...) _printf_format_(2, 3);
/* the same, for a warning that the debug files or snapshot do not match r (also kept in
 * r->mismatches): true when it is new */
bool report_add_mismatch(struct report *r, const char *msg) _nonnull_(1, 2);
/* true the first time key (a debug file) is asked about for r */
bool report_first_check(struct report *r, const void *key) _nonnull_(1, 2);
/* mark r corrupted (once: the first reason stays), with a warning saying why */
void report_set_corrupted(struct report *r, const char *fmt, ...) _printf_format_(2, 3);
/* a line's message: past its log prefix and leading blanks (up to a NUL it may hold) */
const char *report_line_message(const struct report_line *l) _nonnull_(1);
/* the guilty frame, or NULL */
const struct frame *report_top_frame(const struct report *r) _nonnull_(1);

/* guilty.c: choose r->guilty and r->guilty_function by the kind's rule */
void report_find_guilty(struct report *r) _nonnull_(1);
/* title.c: r->title and r->signature, from the kind, the first line and the guilty frame */
void report_make_title(struct report *r) _nonnull_(1);
