/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kinds.h: the tables of report kinds: how each starts, what it is called, which stack
 * and frame are guilty, and the helper functions a guilty frame is never in. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "shared/macro.h"

/* how the title is made from the first line */
enum title_rule {
	TITLE_FUNCTION,		/* "<title> in F" */
	TITLE_FIXED,		/* "<title>", nothing more */
	TITLE_HEADLINE,		/* the first line itself, numbers as NUM: "kernel panic: ..." */
	TITLE_MESSAGE,		/* the first line up to its details, then " in F" */
	TITLE_CUT,		/* the first line up to "contains", then "<title> in F" */
	TITLE_SANITIZER,	/* "<title><bug type>[ Read|Write] in F": KASAN, KMSAN, ... */
	TITLE_LOCKDEP,		/* lockdep's headline, normalised: "WARNING: bad unlock balance" */
	TITLE_WARNING,		/* "WARNING[: <variant>] in F", the variant from the place */
};

/* which stack holds the guilty frame */
enum guilty_rule {
	GUILTY_IP,		/* the faulting pc, else the first stack */
	GUILTY_NAMED,		/* the function the first line names, else the first stack */
	GUILTY_STACK,		/* the first stack, whatever the first line says */
	GUILTY_LOCK_NEW,	/* circular dependency: the new lock's chain ("-> #0") */
	GUILTY_LOCK_AT,		/* lockdep: where the lock it is about was taken or let go,
				 * its first "..., at: f+0x1/0x2" line */
	GUILTY_SLEEPER,		/* sleeping in atomic context: the call that sleeps, past the
				 * sleep checks, the scheduler and the allocators' core */
	GUILTY_BLOCKED,		/* hung task: the blocked task's stack */
	GUILTY_STALLED,		/* RCU stall or lockup: what the interrupt interrupted */
	GUILTY_RACE,		/* KCSAN: both accesses, "A / B" */
	GUILTY_OPERATION,	/* a stack overflow: the outermost frame past dispatching */
	GUILTY_NONE,		/* the title names no function */
};

enum kind_flag {
	KIND_DIE = 1 << 0,	/* die()'s line: follows a "BUG:"/"Unable to handle" line */
	KIND_FREE_TEXT = 1 << 1, /* any line may be inside, until its last stack or "====" */
	KIND_PRELUDE = 1 << 2,	/* printed just before a BUG() or WARN(), which join it */
	KIND_WEAK = 1 << 3,	/* free text a program may print too: a report only with
				 * the kernel's grammar (a CPU line, a stack) after it */
	KIND_EPILOGUE = 1 << 4,	/* a panic: after another report, it is that one's end */
	KIND_FOLLOWS_ANY = 1 << 5, /* it joins a report still in its header (KASAN's
				    * "null-ptr-deref in range" after a GPF line) */
};

struct report_kind {
	const char *prefix;	/* the message starts with it (after blanks) */
	const char *contains;	/* and holds this too, when not NULL */
	const char *kind;	/* the family: "bug", "warning", "kasan", ... (JSON kind) */
	const char *class;	/* the bug class: "lockdep", "hang", "memory-leak", ... */
	const char *title;	/* see title_rule; "" with TITLE_HEADLINE */
	enum title_rule title_rule;
	enum guilty_rule guilty;
	unsigned int flags;
	const char *last_stack;	/* with KIND_FREE_TEXT: the header of its last stack */
};

/* the kind a report's first line announces, or NULL */
const struct report_kind *kind_match(const char *msg) _nonnull_(1);
/* the kind of a report that has only a stack ("Call Trace:" with nothing before) */
extern const struct report_kind kind_backtrace;
/* every kind id and class, for --fail-on and the man page: NULL-terminated */
extern const char *const kind_names[];
/* true when name is a kind or a class of the table */
bool kind_is_known_name(const char *name) _nonnull_(1);

/* what a stack header line starts: "Call Trace:", "Allocated by task 12:", "-> #0 (...):" */
enum stack_kind {
	STACK_MAIN,		/* the report's own */
	STACK_ALLOC,		/* where the object was allocated */
	STACK_FREE,		/* where it was freed */
	STACK_AUX,		/* other history: work creation, KMSAN origins */
	STACK_LOCK_CHAIN,	/* lockdep: "-> #N (lock):" */
	STACK_OTHER_CPU,	/* "NMI backtrace for cpu 1" */
	STACK_ACCESS,		/* KCSAN: "read to 0x... of 8 bytes by task 1 on cpu 0:" */
	STACK_TASK,		/* "task:syz state:D ..." (hung task, sched_show_task) */
};

struct stack_header {
	const char *prefix;
	const char *suffix;	/* the line ends with it, when not NULL */
	enum stack_kind kind;
	bool is_note;		/* one frame, part of the report's header: the trace is yet
				 * to come ("Preemption disabled at:") */
	bool is_first_exact;	/* its first frame is the faulting pc, from the registers */
};

/* "main", "alloc", "lock-chain", ...: for JSON */
const char *stack_kind_name(enum stack_kind kind);
/* the stack a line starts, or NULL */
const struct stack_header *stack_header_match(const char *msg) _nonnull_(1);

/* lines that belong to a report wherever they stand in it (lock lists, IRQ state,
 * "NMI backtrace for cpu N" notes): never taken for interleaved output */
bool kind_is_report_grammar(const char *msg) _nonnull_(1);

/* the helper families a guilty frame skips, whatever the kind */
unsigned int kind_helper_families(void);
/* a fault in a helper (a retpoline thunk, memcpy): its caller is the culprit even when
 * it is the softirq running a timer ("run_timer_softirq" called a freed callback) */
unsigned int kind_fault_caller_families(void);
/* what GUILTY_SLEEPER skips: an allocation wrapper or the return to user space can
 * be the call that slept */
unsigned int kind_sleeper_families(void);
/* when every frame is some helper: only the reporting machinery and checkers are
 * skipped */
unsigned int kind_last_resort_families(void);
/* true when a guilty frame is never in function (symbol without its suffixes): the
 * reporting machinery, lock and scheduler internals, allocators, string helpers... */
bool kind_is_helper(const char *function, unsigned int families) _nonnull_(1);

/* plumbing that hands work to an operation (syscall entry, VFS, sockets, netlink,
 * receive, faults, timers, workqueues): a stall names the operation, not these */
bool kind_is_dispatch(const char *function) _nonnull_(1);
/* interrupt, softirq and timer entry: what a stall's timer interrupted is past these */
bool kind_is_interrupt(const char *function) _nonnull_(1);
/* a function that spins until other CPUs answer (smp_call_function_single): a stall
 * there is named after it, whatever runs above it */
bool kind_is_cross_cpu_wait(const char *function) _nonnull_(1);
/* the name a title gives function: one name for a syscall whatever its architecture's
 * wrapper ("__x64_sys_exit_group": "sys_exit_group"; "ksys_mount": "mount"), one for
 * the variants of one API ("smp_call_function_many": "smp_call_function") */
void kind_title_name(const char *function, char *buf, size_t size) _nonnull_(1, 2);
/* "__x64_sys_ioctl", "__se_sys_ioctl", "SyS_ioctl": "ioctl"; NULL for no syscall wrapper */
const char *kind_syscall_name(const char *function) _nonnull_(1);

/* "WARNING: CPU: 0 PID: 1 at lib/refcount.c:25 refcount_warn_saturate+0x..": the
 * variant a WARNING's place makes ("refcount bug"), or NULL */
const char *kind_warning_variant(const char *function, const char *file);
/* a line printed just before the WARNING or BUG that names the bug ("refcount_t: ",
 * "ODEBUG: "): the variant, or NULL */
const char *kind_prelude_variant(const char *msg) _nonnull_(1);
