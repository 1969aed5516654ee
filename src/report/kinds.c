// SPDX-License-Identifier: GPL-2.0-or-later
/* kinds.c: the tables of report kinds, stack headers, WARNING places and the helper
 * functions a guilty frame is never in, written from the kernel's own printk formats. */
#include <fnmatch.h>
#include <stdio.h>
#include <string.h>

#include "report/kinds.h"
#include "shared/firstbyte.h"
#include "shared/util.h"

/* the families of helpers a guilty frame skips; every rule skips SKIP_ALWAYS */
enum skip_family {
	SKIP_REPORT = 1 << 0,	/* dump_stack, __warn, panic, die: printing the report */
	SKIP_FAULT = 1 << 1,	/* exception entry and fault handling */
	SKIP_SANITIZER = 1 << 2, /* KASAN, KMSAN, KCSAN, KFENCE, UBSAN runtime, kcov */
	SKIP_STRING = 1 << 3,	/* mem*, str*, user copies: the bug is their caller's */
	SKIP_CHECKER = 1 << 4,	/* list, refcount, debugobjects, usercopy, fortify checks */
	SKIP_LOCKDEP = 1 << 5,	/* lockdep's own machinery */
	SKIP_LOCK = 1 << 6,	/* taking and waiting for locks */
	SKIP_SCHED = 1 << 7,	/* sleeping: the scheduler and wait primitives */
	SKIP_IRQ = 1 << 8,	/* interrupt, softirq and timer entry */
	SKIP_ALLOC = 1 << 9,	/* allocators */
	SKIP_FREE = 1 << 10,	/* freeing */
	SKIP_LIBRARY = 1 << 12,	/* generic data structures and formatting: rbtree, xarray,
				 * kobject, sysfs, vsprintf */
	SKIP_SLAB = 1 << 14,	/* the slab, page and vmalloc allocators themselves (not
				 * wrappers such as __alloc_skb that pass a caller's gfp) */
	SKIP_ENTRY = 1 << 13,	/* syscall and exception entry and exit, thread starts */
	SKIP_DISPATCH = 1 << 11, /* plumbing that calls the operation: syscall entry and
				  * multiplexers, VFS, socket, netlink, receive, fault,
				  * timer, softirq, workqueue and task-work dispatch */
};
#define SKIP_ALWAYS (SKIP_REPORT | SKIP_FAULT | SKIP_SANITIZER | SKIP_STRING | SKIP_CHECKER | \
		     SKIP_LOCKDEP | SKIP_LOCK | SKIP_SCHED | SKIP_IRQ | SKIP_ALLOC | SKIP_FREE | \
		     SKIP_LIBRARY | SKIP_ENTRY)

#define FREE KIND_FREE_TEXT
#define LOCKDEP_END "stack backtrace:"

/*
 * Every report's first line. The first match wins: longer prefixes first. A title's
 * wording is the one kernel developers search for (syzbot's, and the mailing lists'):
 * "KASAN: slab-use-after-free Read in foo", "possible deadlock in foo".
 */
static const struct report_kind kinds[] = {
	/* sanitizers: "BUG: KASAN: slab-use-after-free in xas_start+0x1ef/0x7b0" */
	{ "BUG: KASAN: ", NULL, "kasan", "kasan", "KASAN: ", TITLE_SANITIZER, GUILTY_NAMED, FREE },
	{ "BUG: KMSAN: ", NULL, "kmsan", "kmsan", "KMSAN: ", TITLE_SANITIZER, GUILTY_NAMED, FREE },
	{ "BUG: KCSAN: ", NULL, "kcsan", "kcsan", "KCSAN: ", TITLE_SANITIZER, GUILTY_RACE, FREE },
	{ "BUG: KFENCE: ", NULL, "kfence", "kfence", "KFENCE: ", TITLE_SANITIZER, GUILTY_NAMED,
	  FREE },
	/* "UBSAN: array-index-out-of-bounds in drivers/x.c:263:56": a place, not a function */
	{ "UBSAN: ", NULL, "ubsan", "ubsan", "UBSAN: ", TITLE_SANITIZER, GUILTY_STACK, FREE },
	/* after a GPF: "KASAN: null-ptr-deref in range [0x0000000000000020-0x...27]" */
	{ "KASAN: ", " in range [", "kasan", "kasan", "", TITLE_FIXED, GUILTY_IP,
	  KIND_FOLLOWS_ANY },

	/* lockdep, between "=====" lines; before 4.10 the headline was in "[ ... ]" */
	{ "WARNING: possible circular locking dependency detected", NULL, "warning", "lockdep",
	  "", TITLE_LOCKDEP, GUILTY_LOCK_NEW, FREE, LOCKDEP_END },
	{ "[ INFO: possible circular locking dependency detected ]", NULL, "warning", "lockdep",
	  "", TITLE_LOCKDEP, GUILTY_LOCK_NEW, FREE, LOCKDEP_END },
	{ "WARNING: ", " lock order detected", "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_NEW, FREE, LOCKDEP_END },
	{ "[ INFO: ", " lock order detected", "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_NEW, FREE, LOCKDEP_END },
	{ "WARNING: possible ", " detected", "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ INFO: possible ", " detected ]", "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "WARNING: inconsistent lock state", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ INFO: inconsistent lock state ]", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "WARNING: bad unlock balance detected!", NULL, "warning", "lockdep", "",
	  TITLE_LOCKDEP, GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ BUG: bad unlock balance detected! ]", NULL, "bug", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "WARNING: held lock freed!", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ BUG: held lock freed! ]", NULL, "bug", "lockdep", "", TITLE_LOCKDEP, GUILTY_LOCK_AT,
	  FREE, LOCKDEP_END },
	{ "WARNING: lock held when returning to user space!", NULL, "warning", "lockdep", "",
	  TITLE_LOCKDEP, GUILTY_LOCK_AT, FREE },
	{ "[ BUG: lock held when returning to user space! ]", NULL, "bug", "lockdep", "",
	  TITLE_LOCKDEP, GUILTY_LOCK_AT, FREE },
	/* "WARNING: syz-executor/123 still has locks held!": the task is no part of it */
	{ "WARNING: ", " still has locks held!", "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ BUG: ", " still has locks held! ]", "bug", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "BUG: ", " still has locks held!", "bug", "lockdep", "", TITLE_LOCKDEP, GUILTY_LOCK_AT,
	  FREE, LOCKDEP_END },
	{ "WARNING: Nested lock was not taken", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "WARNING: nested lock was not taken", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ BUG: Nested lock was not taken ]", NULL, "bug", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "WARNING: suspicious RCU usage", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_STACK, FREE, LOCKDEP_END },
	{ "[ INFO: suspicious RCU usage. ]", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_STACK, FREE, LOCKDEP_END },
	{ "INFO: suspicious RCU usage", NULL, "warning", "lockdep", "", TITLE_LOCKDEP,
	  GUILTY_STACK, FREE, LOCKDEP_END },
	/* a lock taken where its kind may not be (a sleeping lock under a spinlock): the
	 * stack's taker; the old bracketed form is the one titled "locking bug" */
	{ "[ BUG: Invalid wait context ]", NULL, "bug", "lockdep", "WARNING: locking bug",
	  TITLE_FUNCTION, GUILTY_STACK, FREE, LOCKDEP_END },
	{ "BUG: Invalid wait context", NULL, "bug", "lockdep", "", TITLE_LOCKDEP, GUILTY_STACK,
	  FREE, LOCKDEP_END },
	/* any other lockdep headline: "[ BUG: bad contention detected! ]" */
	{ "[ BUG: ", " ]", "bug", "lockdep", "", TITLE_LOCKDEP, GUILTY_LOCK_AT, FREE, LOCKDEP_END },
	{ "[ INFO: ", " ]", "warning", "lockdep", "", TITLE_LOCKDEP, GUILTY_LOCK_AT, FREE,
	  LOCKDEP_END },
	{ "INFO: trying to register non-static key", NULL, "warning", "lockdep",
	  "INFO: trying to register non-static key", TITLE_FUNCTION, GUILTY_STACK, 0 },
	{ "BUG: MAX_", " too low!", "bug", "lockdep", "", TITLE_HEADLINE, GUILTY_NONE, 0 },
	{ "BUG: looking up invalid subclass", NULL, "bug", "lockdep",
	  "BUG: looking up invalid subclass", TITLE_FUNCTION, GUILTY_STACK, 0 },

	/* hangs */
	{ "INFO: task ", " blocked for more than ", "hung-task", "hang", "INFO: task hung",
	  TITLE_FUNCTION, GUILTY_BLOCKED, 0 },
	{ "INFO: task ", " can't die for more than ", "hung-task", "hang",
	  "INFO: task can't die", TITLE_FUNCTION, GUILTY_BLOCKED, 0 },
	{ "rcu: INFO: ", " stall", "rcu-stall", "hang", "INFO: rcu detected stall",
	  TITLE_FUNCTION, GUILTY_STALLED, 0 },
	{ "INFO: rcu_", " stall", "rcu-stall", "hang", "INFO: rcu detected stall",
	  TITLE_FUNCTION, GUILTY_STALLED, 0 },
	{ "watchdog: BUG: soft lockup", NULL, "lockup", "hang", "BUG: soft lockup",
	  TITLE_FUNCTION, GUILTY_STALLED, 0 },
	{ "NMI watchdog: BUG: soft lockup", NULL, "lockup", "hang", "BUG: soft lockup",
	  TITLE_FUNCTION, GUILTY_STALLED, 0 },
	{ "BUG: soft lockup", NULL, "lockup", "hang", "BUG: soft lockup", TITLE_FUNCTION,
	  GUILTY_STALLED, 0 },
	{ "watchdog: ", "Watchdog detected hard LOCKUP", "lockup", "hang", "BUG: hard lockup",
	  TITLE_FUNCTION, GUILTY_STALLED, 0 },
	{ "NMI watchdog: Watchdog detected hard LOCKUP", NULL, "lockup", "hang",
	  "BUG: hard lockup", TITLE_FUNCTION, GUILTY_STALLED, 0 },
	{ "BUG: workqueue lockup", NULL, "bug", "hang", "BUG: workqueue lockup", TITLE_FIXED,
	  GUILTY_NONE, 0 },
	/* filp_close() of a file whose count already dropped to zero (before 4.15) */
	{ "VFS: Close: file count is 0", NULL, "bug", "use-after-free",
	  "VFS: Close: file count is zero (use-after-free)", TITLE_FIXED, GUILTY_NONE, 0 },

	/* sleeping where one must not */
	{ "BUG: sleeping function called from invalid context", NULL, "bug", "atomic-sleep",
	  "BUG: sleeping function called from invalid context", TITLE_FUNCTION, GUILTY_SLEEPER,
	  0 },
	{ "BUG: scheduling while atomic", NULL, "bug", "atomic-sleep",
	  "BUG: scheduling while atomic", TITLE_FUNCTION, GUILTY_SLEEPER, 0 },
	/* "BUG: using smp_processor_id() in preemptible [00000000] code: syz/1" */
	{ "BUG: using ", " in preemptible", "bug", "atomic-sleep", " in preemptible code",
	  TITLE_CUT, GUILTY_STACK, 0 },
	/* "BUG: spinlock recursion on CPU#0, syz/5", "BUG: rwlock wrong owner on CPU#1" */
	{ "BUG: spinlock ", " on CPU#", "bug", "lockdep", "", TITLE_CUT, GUILTY_STACK, 0 },
	{ "BUG: rwlock ", " on CPU#", "bug", "lockdep", "", TITLE_CUT, GUILTY_STACK, 0 },

	/* memory */
	{ "BUG: memory leak", NULL, "bug", "memory-leak", "memory leak", TITLE_FUNCTION,
	  GUILTY_STACK, KIND_PRELUDE },
	{ "unreferenced object 0x", NULL, "bug", "memory-leak", "memory leak", TITLE_FUNCTION,
	  GUILTY_STACK, FREE | KIND_FOLLOWS_ANY, "backtrace" },
	{ "BUG: Bad page state", " in process ", "bug", "bad-page", "", TITLE_CUT,
	  GUILTY_STACK, 0 },
	{ "BUG: Bad page map", " in process ", "bug", "bad-page", "", TITLE_CUT, GUILTY_STACK,
	  0 },
	{ "BUG: Bad rss-counter state", NULL, "bug", "bad-page", "BUG: Bad rss-counter state",
	  TITLE_FIXED, GUILTY_NONE, KIND_WEAK },
	/* SLUB's slab_bug(): "BUG kmalloc-64 (Not tainted): Poison overwritten", then the
	 * object's history ("Allocated in f+0x1/0x2 age=0 cpu=0 pid=1", before 5.14 "INFO:
	 * Allocated in ..." and its frames), its bytes, and dump_stack() of the check that
	 * found it: the stack the bug is named from */
	{ "BUG ", "): ", "bug", "slab-corruption", "BUG: ", TITLE_MESSAGE, GUILTY_STACK, FREE,
	  "Call " },
	/* a stack overflow is the deep recursion's: the operation that started it */
	{ "BUG: TASK stack guard page was hit", NULL, "bug", "stack-overflow",
	  "BUG: stack guard page was hit", TITLE_FUNCTION, GUILTY_OPERATION, 0 },
	{ "BUG: stack guard page was hit", NULL, "bug", "stack-overflow",
	  "BUG: stack guard page was hit", TITLE_FUNCTION, GUILTY_OPERATION, 0 },
	/* arm64's overflow: its panic "kernel stack overflow" follows with the stack */
	{ "Insufficient stack space to handle exception!", NULL, "bug", "stack-overflow",
	  "kernel stack overflow", TITLE_FUNCTION, GUILTY_OPERATION, 0 },
	/* printed before the BUG() or WARN() that follows and joins them */
	{ "list_add corruption", NULL, "bug", "corrupted-list", "BUG: corrupted list",
	  TITLE_FUNCTION, GUILTY_IP, KIND_PRELUDE },
	{ "list_del corruption", NULL, "bug", "corrupted-list", "BUG: corrupted list",
	  TITLE_FUNCTION, GUILTY_IP, KIND_PRELUDE },
	{ "usercopy: Kernel memory ", NULL, "bug", "usercopy", "BUG: bad usercopy",
	  TITLE_FUNCTION, GUILTY_IP, KIND_PRELUDE },

	/* faults: x86 since 5.1, then the older and other architectures' words */
	{ "BUG: kernel NULL pointer dereference", NULL, "bug", "null-deref",
	  "BUG: unable to handle kernel NULL pointer dereference", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "BUG: unable to handle kernel NULL pointer dereference", NULL, "bug", "null-deref",
	  "BUG: unable to handle kernel NULL pointer dereference", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "BUG: Kernel NULL pointer dereference", NULL, "bug", "null-deref",
	  "BUG: unable to handle kernel NULL pointer dereference", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "BUG: unable to handle ", NULL, "bug", "page-fault",
	  "BUG: unable to handle kernel paging request", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "BUG: Unable to handle kernel ", NULL, "bug", "page-fault",
	  "BUG: unable to handle kernel paging request", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "Unable to handle kernel NULL pointer dereference", NULL, "oops", "null-deref",
	  "BUG: unable to handle kernel NULL pointer dereference", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "Unable to handle kernel ", NULL, "oops", "page-fault",
	  "BUG: unable to handle kernel paging request", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "CPU ", " Unable to handle kernel paging request", "oops", "page-fault",
	  "BUG: unable to handle kernel paging request", TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "general protection fault", NULL, "gpf", "gpf", "general protection fault",
	  TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "kernel BUG at ", NULL, "kernel-bug", "kernel-bug", "kernel BUG", TITLE_WARNING,
	  GUILTY_IP, 0 },
	{ "invalid opcode: ", NULL, "invalid-opcode", "kernel-bug", "invalid opcode",
	  TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "divide error: ", NULL, "divide-error", "divide-error", "divide error",
	  TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "divide_error: ", NULL, "divide-error", "divide-error", "divide error",
	  TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "int3: ", NULL, "oops", "int3", "int3", TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "stack segment: ", NULL, "oops", "stack-segment", "stack segment fault",
	  TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "PANIC: double fault", NULL, "double-fault", "double-fault", "PANIC: double fault",
	  TITLE_FUNCTION, GUILTY_IP, 0 },
	{ "Oops: ", NULL, "oops", "oops", "Oops", TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "Oops [#", NULL, "oops", "oops", "Oops", TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "Oops[#", NULL, "oops", "oops", "Oops", TITLE_FUNCTION, GUILTY_IP, KIND_DIE },
	{ "Internal error: ", NULL, "oops", "oops", "Internal error", TITLE_FUNCTION, GUILTY_IP,
	  KIND_DIE },
	/* arm's fault line: die()'s "Internal error: ..." follows and joins it */
	{ "Unhandled fault: ", NULL, "oops", "oops", "Unhandled fault", TITLE_FUNCTION,
	  GUILTY_IP, 0 },
	{ "Alignment trap: ", NULL, "oops", "oops", "Alignment trap", TITLE_FUNCTION, GUILTY_IP,
	  KIND_DIE },

	/* the x86 frame-pointer unwinder: "WARNING: kernel stack regs at %p in %s:%d has bad
	 * 'bp' value %p", "WARNING: kernel stack frame pointer at %p in %s:%d has bad value %p" */
	{ "WARNING: kernel stack regs at ", NULL, "warning", "warning",
	  "WARNING: kernel stack regs has bad 'bp' value", TITLE_FIXED, GUILTY_STACK, 0 },
	{ "WARNING: kernel stack frame pointer at ", NULL, "warning", "warning",
	  "WARNING: kernel stack frame pointer has bad value", TITLE_FIXED, GUILTY_STACK, 0 },
	/* WARN(): "WARNING: CPU: 0 PID: 1 at mm/x.c:5 foo+0x1/0x2", 2.6-3.x "WARNING: at
	 * mm/x.c:5 foo+0x1/0x2()", 6.16+ "WARNING: mm/x.c:5 at foo+0x1/0x2, CPU#0: sh/1" */
	{ "WARNING: CPU: ", NULL, "warning", "warning", "WARNING", TITLE_WARNING, GUILTY_NAMED,
	  0 },
	{ "WARNING: at ", NULL, "warning", "warning", "WARNING", TITLE_WARNING, GUILTY_NAMED,
	  0 },
	{ "WARNING: ", " at ", "warning", "warning", "WARNING", TITLE_WARNING, GUILTY_NAMED,
	  KIND_WEAK },
	{ "WARNING: ", NULL, "warning", "warning", "", TITLE_HEADLINE, GUILTY_STACK, KIND_WEAK },

	/* panics: after another report they are its end; alone, a report */
	{ "Kernel panic - not syncing: corrupted stack end", NULL, "panic", "stack-overflow",
	  "kernel panic: corrupted stack end", TITLE_FUNCTION, GUILTY_OPERATION, KIND_EPILOGUE },
	{ "Kernel panic - not syncing: kernel stack overflow", NULL, "panic", "stack-overflow",
	  "kernel stack overflow", TITLE_FUNCTION, GUILTY_OPERATION, KIND_EPILOGUE },
	{ "Kernel panic - not syncing: ", NULL, "panic", "panic", "kernel panic: ",
	  TITLE_HEADLINE, GUILTY_STACK, KIND_EPILOGUE },
	{ "Kernel panic: ", NULL, "panic", "panic", "kernel panic: ", TITLE_HEADLINE,
	  GUILTY_STACK, KIND_EPILOGUE },

	/* the OOM killer: a kind, not a bug */
	{ "Out of memory: ", NULL, "oom", "oom", "Out of memory", TITLE_FIXED, GUILTY_NONE,
	  KIND_WEAK },
	{ "Out of memory and no killable processes", NULL, "oom", "oom", "Out of memory",
	  TITLE_FIXED, GUILTY_NONE, 0 },

	/* "BUG: unable to ..." and its like, whatever follows "BUG: " */
	{ "BUG: ", NULL, "bug", "bug", "", TITLE_MESSAGE, GUILTY_STACK, KIND_WEAK },
};

const struct report_kind kind_backtrace = {
	"", NULL, "backtrace", "backtrace", "backtrace", TITLE_FUNCTION, GUILTY_STACK, 0,
};

const char *const kind_names[] = {
	"bug", "warning", "kasan", "kmsan", "kcsan", "kfence", "ubsan", "gpf", "oops",
	"kernel-bug", "invalid-opcode", "divide-error", "double-fault", "panic", "lockup",
	"hung-task", "rcu-stall", "oom", "backtrace",
	/* classes */
	"lockdep", "hang", "atomic-sleep", "memory-leak", "bad-page", "slab-corruption",
	"stack-overflow", "corrupted-list", "usercopy", "null-deref", "page-fault", "int3",
	"stack-segment", "refcount", "odebug",
	NULL,
};

static bool matches(const struct report_kind *k, const char *msg)
{
	return startswith(msg, k->prefix) && (k->contains == NULL || strstr(msg, k->contains));
}

static const char *kind_prefix(const void *table, size_t i)
{
	return ((const struct report_kind *)table)[i].prefix;
}

const struct report_kind *kind_match(const char *msg)
{
	static struct firstbyte index;
	const uint16_t *cand;

	firstbyte_build(&index, kinds, ARRAY_SIZE(kinds), kind_prefix);
	for (size_t j = 0, n = firstbyte_candidates(&index, msg, &cand); j < n; j++) {
		size_t i = cand[j];
		if (!matches(&kinds[i], msg))
			continue;
		/* 6.12+: "Oops: general protection fault, ...": the inner line says more */
		if (streq(kinds[i].prefix, "Oops: ")) {
			const struct report_kind *inner = kind_match(msg + STRLEN("Oops: "));
			if (inner)
				return inner;
		}
		return &kinds[i];
	}
	return NULL;
}

bool kind_is_known_name(const char *name)
{
	for (size_t i = 0; kind_names[i]; i++)
		if (streq(kind_names[i], name))
			return true;
	return false;
}

/* ---- stacks ---- */

static const struct stack_header stack_headers[] = {
	{ "Allocated by task ", NULL, STACK_ALLOC },
	{ "Freed by task ", NULL, STACK_FREE },
	{ "Last potentially related work creation:", NULL, STACK_AUX },
	{ "Second to last potentially related work creation:", NULL, STACK_AUX },
	{ "Last call_rcu():", NULL, STACK_AUX },
	{ "Second to last call_rcu():", NULL, STACK_AUX },
	{ "Uninit was stored to memory at:", NULL, STACK_AUX },
	{ "Uninit was created at:", NULL, STACK_AUX },
	/* "BUG: scheduling while atomic": where preemption was turned off, a frame line */
	{ "Preemption disabled at:", NULL, STACK_AUX, true },
	/* KFENCE: "kfence-#69 [0x...-0x..., size=424, cache=kmalloc-512] allocated by task 9:",
	 * before 6.6 on a line of its own: "allocated by task 69 on cpu 0 at 30.820801s:" */
	{ "kfence-#", " allocated by task ", STACK_ALLOC },
	{ "allocated by task ", ":", STACK_ALLOC },
	{ "freed by task ", NULL, STACK_FREE },
	/* SLUB's print_track(): "Allocated in kmalloc_trace+0x26/0x90 age=0 cpu=0 pid=141" */
	{ "Allocated in ", " age=", STACK_ALLOC },
	{ "Freed in ", " age=", STACK_FREE },
	{ "INFO: Allocated in ", " age=", STACK_ALLOC },
	{ "INFO: Freed in ", " age=", STACK_FREE },
	/* KFENCE's access, a fault: "Out-of-bounds read at 0x... (32B right of kfence-#23):",
	 * its first frame the pc the fault's registers hold ("Corrupted memory at" and
	 * "Invalid free of" come from kfree(), whose stack has return addresses only) */
	{ "Out-of-bounds read at ", ":", STACK_MAIN, false, true },
	{ "Out-of-bounds write at ", ":", STACK_MAIN, false, true },
	{ "Use-after-free read at ", ":", STACK_MAIN, false, true },
	{ "Use-after-free write at ", ":", STACK_MAIN, false, true },
	{ "Invalid read at ", ":", STACK_MAIN, false, true },
	{ "Invalid write at ", ":", STACK_MAIN, false, true },
	/* lockdep: "-> #0 (&q->elevator_lock){+.+.}-{4:4}:" */
	{ "-> #", ":", STACK_LOCK_CHAIN },
	{ "NMI backtrace for cpu ", NULL, STACK_OTHER_CPU },
	/* "task:udevd state:D stack:0 pid:5612 ...", older "syz  D12048 18224  2776 0x0" */
	{ "task:", " state:", STACK_TASK },
	/* KCSAN: "read to 0xffffffff85a7f140 of 8 bytes by task 1082 on cpu 7:" */
	{ "read to 0x", ":", STACK_ACCESS },
	{ "write to 0x", ":", STACK_ACCESS },
	{ "read-write to 0x", ":", STACK_ACCESS },
	{ "read (marked) to 0x", ":", STACK_ACCESS },
	{ "write (marked) to 0x", ":", STACK_ACCESS },
	{ "read-write (marked) to 0x", ":", STACK_ACCESS },
	{ "race at unknown origin, with ", ":", STACK_ACCESS },
	{ "stack backtrace:", NULL, STACK_MAIN },
};

static bool ends_with(const char *s, const char *suffix)
{
	size_t n = strlen(s), m = strlen(suffix);

	while (n > 0 && (s[n - 1] == ' ' || s[n - 1] == '\t'))
		n--;
	return n >= m && strncmp(s + n - m, suffix, m) == 0;
}

const char *stack_kind_name(enum stack_kind kind)
{
	static const char *const names[] = {
		[STACK_MAIN] = "main",		 [STACK_ALLOC] = "alloc",
		[STACK_FREE] = "free",		 [STACK_AUX] = "aux",
		[STACK_LOCK_CHAIN] = "lock-chain", [STACK_OTHER_CPU] = "other-cpu",
		[STACK_ACCESS] = "access",	 [STACK_TASK] = "task",
	};

	return kind < ARRAY_SIZE(names) && names[kind] ? names[kind] : "main";
}

/* sched_show_task() before 5.10: "%-15.15s %c" comm and state, then " running task "
 * or the free stack, pid, ppid, flags: "syz-executor0   D23560  4393   4370 0x00000004" */
static bool is_old_task_line(const char *msg)
{
	static const char states[] = "RSDTtXZPIKWN";
	size_t len = strnlen(msg, 17);

	if (len < 17 || msg[15] != ' ' || msg[0] == ' ' || !strchr(states, msg[16]) ||
	    msg[16] == '\0')
		return false;
	const char *s = msg + 17;
	if (startswith(s, "  running task "))
		s += strlen("  running task ");
	/* before 4.x, the saved pc: "init            D ffff88008ad8f5b0     0  2293 ..." */
	else if (s[0] == ' ' && strspn(s + 1, "0123456789abcdef") >= 8 &&
		 s[1 + strspn(s + 1, "0123456789abcdef")] == ' ')
		s += 1 + strspn(s + 1, "0123456789abcdef");
	size_t numbers = 0;
	for (;;) {
		s += strspn(s, " ");
		if (startswith(s, "0x"))
			return numbers >= 2 && strspn(s + 2, "0123456789abcdef") >= 8;
		size_t n = strspn(s, "0123456789");
		if (n == 0)
			return false;
		s += n;
		numbers++;
	}
}

static const char *header_prefix(const void *table, size_t i)
{
	return ((const struct stack_header *)table)[i].prefix;
}

const struct stack_header *stack_header_match(const char *msg)
{
	static const struct stack_header old_task = { "", NULL, STACK_TASK };

	static struct firstbyte index;
	const uint16_t *cand;

	if (is_old_task_line(msg))
		return &old_task;
	firstbyte_build(&index, stack_headers, ARRAY_SIZE(stack_headers), header_prefix);
	for (size_t j = 0, n = firstbyte_candidates(&index, msg, &cand); j < n; j++) {
		const struct stack_header *h = &stack_headers[cand[j]];
		if (!startswith(msg, h->prefix))
			continue;
		if (h->suffix && h->suffix[0] == ':' && !ends_with(msg, h->suffix))
			continue;
		if (h->suffix && h->suffix[0] != ':' && !strstr(msg, h->suffix))
			continue;
		return h;
	}
	return NULL;
}

/* lines a report prints between its stacks: lock lists, IRQ-state notes, NMI notes */
static const char *const grammar_prefixes[] = {
	"Showing all locks held in the system:", "Sending NMI from CPU ", "NMI backtrace for cpu ",
	"irq event stamp:", "hardirqs last ", "softirqs last ", "other info that might help",
	"Possible unsafe locking scenario", "*** DEADLOCK ***", "Chain exists of:",
	"the existing dependency chain", "but task is already holding lock:",
	"which lock already depends on the new lock", "no locks held by ", "=============",
	"-----------", "INFO: lockdep is turned off", "rcu: ", "(detected by ", "(t=",
	"Tasks blocked on level-", "rcu_preempt kthread", "rcu_sched kthread",
	"\"echo 0 > /proc/sys/kernel/hung_task_timeout_secs\"", "Not tainted ", "Tainted: ",
	"Reported by Kernel Concurrency Sanitizer on:", "value changed: ",
	"The buggy address ", "Memory state around the buggy address:", "page dumped because",
	"Disabling lock debugging due to kernel taint", "lockdep_rcu_suspicious",
	"stack backtrace:", "RIP: ", "Code: ", "Kernel Offset:", "Dumping ftrace buffer:",
	"Rebooting in ", "CPU features:", "Memory Limit:",
};

static const char *string_at(const void *table, size_t i)
{
	return ((const char *const *)table)[i];
}

bool kind_is_report_grammar(const char *msg)
{
	static struct firstbyte index;
	const uint16_t *cand;

	firstbyte_build(&index, grammar_prefixes, ARRAY_SIZE(grammar_prefixes), string_at);
	for (size_t j = 0, n = firstbyte_candidates(&index, msg, &cand); j < n; j++)
		if (startswith(msg, grammar_prefixes[cand[j]]))
			return true;
	/* " #0: ffff888...(&mm->mmap_lock){++++}-{3:3}, at: f+0x1/0x2", "1 lock held by x/1:" */
	if (msg[0] == '#' && msg[1] >= '0' && msg[1] <= '9')
		return true;
	if (strstr(msg, " held by ") && (strstr(msg, " lock held by ") ||
					  strstr(msg, " locks held by ")))
		return true;
	return false;
}

/* ---- helper functions ---- */

/* "name": exactly; "name*": the prefix */
static const struct helper {
	const char *pattern;
	unsigned int family;
} helpers[] = {
	/* printing the report */
	{ "dump_stack*", SKIP_REPORT }, { "__dump_stack", SKIP_REPORT },
	{ "show_stack*", SKIP_REPORT }, { "show_trace_log_lvl", SKIP_REPORT },
	{ "show_regs*", SKIP_REPORT }, { "__show_regs", SKIP_REPORT },
	{ "sched_show_task", SKIP_REPORT }, { "_sched_show_task", SKIP_REPORT },
	{ "dump_backtrace*", SKIP_REPORT }, { "unwind_backtrace", SKIP_REPORT },
	{ "arch_stack_walk", SKIP_REPORT }, { "stack_trace_save*", SKIP_REPORT },
	{ "save_stack*", SKIP_REPORT }, { "__save_stack_trace", SKIP_REPORT },
	{ "save_trace", SKIP_REPORT }, { "print_stack_trace", SKIP_REPORT },
	{ "stack_trace_print", SKIP_REPORT }, { "__warn*", SKIP_REPORT },
	{ "warn_slowpath*", SKIP_REPORT }, { "warn_alloc", SKIP_REPORT },
	{ "report_bug*", SKIP_REPORT }, { "__report_bug", SKIP_REPORT },
	{ "fixup_bug", SKIP_REPORT }, { "handle_bug", SKIP_REPORT },
	{ "bug_handler", SKIP_REPORT }, { "panic", SKIP_REPORT }, { "__panic", SKIP_REPORT }, { "panic_*", SKIP_REPORT },
	{ "vpanic", SKIP_REPORT }, { "check_panic_on_warn", SKIP_REPORT },
	{ "die", SKIP_REPORT }, { "__die*", SKIP_REPORT }, { "die_body", SKIP_REPORT },
	{ "oops_*", SKIP_REPORT }, { "bust_spinlocks", SKIP_REPORT },
	{ "nmi_cpu_backtrace*", SKIP_REPORT }, { "nmi_trigger_cpumask_backtrace", SKIP_REPORT },
	{ "arch_trigger_cpumask_backtrace", SKIP_REPORT },
	{ "trigger_all_cpu_backtrace", SKIP_REPORT }, { "trigger_single_cpu_backtrace", SKIP_REPORT },
	{ "rcu_dump_cpu_stacks", SKIP_REPORT }, { "print_cpu_stall*", SKIP_REPORT },
	{ "dump_cpu_task", SKIP_REPORT }, { "rcu_print_detail_task_stall*", SKIP_REPORT },
	{ "rcu_print_task_stall*", SKIP_REPORT }, { "rcu_check_gp_start_stall", SKIP_REPORT },
	{ "print_other_cpu_stall", SKIP_REPORT }, { "check_cpu_stall", SKIP_REPORT },
	{ "rcu_check_gp_kthread_starvation", SKIP_REPORT },
	{ "watchdog_timer_fn", SKIP_REPORT }, { "watchdog_overflow_callback", SKIP_REPORT },
	{ "watchdog_hardlockup_check", SKIP_REPORT },
	{ "check_hung_task*", SKIP_REPORT }, { "check_hung_uninterruptible_tasks", SKIP_REPORT },
	{ "watchdog", SKIP_REPORT }, { "debug_show_all_locks", SKIP_REPORT },
	{ "__schedule_bug", SKIP_REPORT }, { "schedule_debug*", SKIP_REPORT },
	{ "printk*", SKIP_REPORT }, { "vprintk*", SKIP_REPORT }, { "_printk", SKIP_REPORT },
	{ "console_unlock", SKIP_REPORT }, { "dump_page", SKIP_REPORT },
	{ "__dump_page", SKIP_REPORT }, { "bad_page", SKIP_REPORT }, { "print_bad_pte", SKIP_REPORT },
	{ "free_pages_check*", SKIP_REPORT }, { "free_page_is_bad*", SKIP_REPORT },
	{ "check_new_page*", SKIP_REPORT }, { "free_tail_page_prepare", SKIP_REPORT },
	{ "kmemleak_alloc*", SKIP_REPORT | SKIP_ALLOC },
	/* exception entry, fault handling */
	{ "asm_exc_*", SKIP_FAULT }, { "exc_*", SKIP_FAULT }, { "do_error_trap", SKIP_FAULT },
	{ "do_trap*", SKIP_FAULT }, { "do_invalid_op", SKIP_FAULT }, { "invalid_op", SKIP_FAULT },
	{ "do_int3*", SKIP_FAULT }, { "int3", SKIP_FAULT }, { "do_divide_error", SKIP_FAULT },
	{ "divide_error", SKIP_FAULT }, { "do_general_protection", SKIP_FAULT },
	{ "general_protection", SKIP_FAULT }, { "do_double_fault", SKIP_FAULT },
	{ "double_fault", SKIP_FAULT }, { "do_stack_segment", SKIP_FAULT },
	{ "handle_stack_overflow", SKIP_FAULT }, { "page_fault*", SKIP_FAULT },
	{ "do_page_fault", SKIP_FAULT }, { "__do_page_fault", SKIP_FAULT },
	{ "do_user_addr_fault", SKIP_FAULT }, { "do_kern_addr_fault", SKIP_FAULT },
	{ "handle_page_fault", SKIP_FAULT }, { "no_context", SKIP_FAULT },
	{ "__bad_area*", SKIP_FAULT }, { "bad_area*", SKIP_FAULT },
	{ "kernelmode_fixup_or_oops*", SKIP_FAULT }, { "spurious_kernel_fault", SKIP_FAULT },
	{ "do_translation_fault", SKIP_FAULT }, { "do_mem_abort", SKIP_FAULT },
	{ "do_bad_area", SKIP_FAULT }, { "__do_kernel_fault", SKIP_FAULT },
	{ "die_kernel_fault", SKIP_FAULT }, { "do_DataAbort", SKIP_FAULT },
	{ "do_PrefetchAbort", SKIP_FAULT }, { "__dabt_svc", SKIP_FAULT },
	{ "__pabt_svc", SKIP_FAULT }, { "__und_svc*", SKIP_FAULT }, { "do_undefinstr", SKIP_FAULT },
	{ "do_alignment*", SKIP_FAULT }, { "do_sea", SKIP_FAULT }, { "do_debug_exception", SKIP_FAULT },
	{ "call_break_hook", SKIP_FAULT }, { "brk_handler", SKIP_FAULT },
	{ "bug_brk_handler", SKIP_FAULT }, { "el1_*", SKIP_FAULT }, { "el1h_64_sync*", SKIP_FAULT },
	{ "el1_sync*", SKIP_FAULT }, { "arm64_notify_die", SKIP_FAULT },
	{ "do_sp_pc_abort", SKIP_FAULT }, { "handle_exception", SKIP_FAULT },
	{ "do_trap_break", SKIP_FAULT }, { "do_trap_insn_illegal", SKIP_FAULT },
	{ "do_page_fault_*", SKIP_FAULT }, { "math_error", SKIP_FAULT },
	{ "fixup_exception", SKIP_FAULT }, { "ex_handler_*", SKIP_FAULT },
	{ "program_check_exception", SKIP_FAULT }, { "do_program_check", SKIP_FAULT },
	/* sanitizers and coverage */
	{ "kasan_*", SKIP_SANITIZER }, { "__kasan_*", SKIP_SANITIZER },
	{ "check_memory_region*", SKIP_SANITIZER }, { "__asan_*", SKIP_SANITIZER },
	{ "asan_*", SKIP_SANITIZER }, { "__hwasan_*", SKIP_SANITIZER },
	{ "check_region_inline", SKIP_SANITIZER }, { "print_address_description*", SKIP_SANITIZER },
	{ "print_report", SKIP_SANITIZER }, { "describe_object*", SKIP_SANITIZER },
	{ "print_trailer", SKIP_SANITIZER }, { "object_err", SKIP_SANITIZER },
	{ "kmsan_*", SKIP_SANITIZER }, { "__kmsan_*", SKIP_SANITIZER },
	{ "__msan_*", SKIP_SANITIZER }, { "kcsan_*", SKIP_SANITIZER },
	{ "__kcsan_*", SKIP_SANITIZER }, { "__tsan_*", SKIP_SANITIZER },
	{ "kfence_*", SKIP_SANITIZER }, { "__kfence_*", SKIP_SANITIZER },
	{ "ubsan_*", SKIP_SANITIZER }, { "__ubsan_*", SKIP_SANITIZER },
	{ "handle_overflow", SKIP_SANITIZER }, { "handle_null_ptr_deref", SKIP_SANITIZER },
	{ "handle_misaligned_access", SKIP_SANITIZER }, { "handle_object_size_mismatch", SKIP_SANITIZER },
	{ "__sanitizer_*", SKIP_SANITIZER }, { "write_comp_data", SKIP_SANITIZER },
	{ "check_kcov_mode", SKIP_SANITIZER }, { "__x86_indirect_thunk_*", SKIP_SANITIZER },
	{ "__x86_return_thunk", SKIP_SANITIZER },
	/* the bug is the caller's */
	{ "memcpy*", SKIP_STRING }, { "memmove*", SKIP_STRING }, { "memset*", SKIP_STRING },
	{ "memcmp", SKIP_STRING }, { "memchr*", SKIP_STRING }, { "memscan", SKIP_STRING },
	{ "__memcpy*", SKIP_STRING }, { "__memmove*", SKIP_STRING }, { "__memset*", SKIP_STRING },
	{ "bcmp", SKIP_STRING }, { "strlen", SKIP_STRING }, { "strnlen", SKIP_STRING },
	{ "strcmp", SKIP_STRING }, { "strncmp", SKIP_STRING }, { "strcasecmp", SKIP_STRING },
	{ "strncasecmp", SKIP_STRING }, { "strcpy", SKIP_STRING }, { "strncpy", SKIP_STRING },
	{ "strlcpy", SKIP_STRING }, { "strscpy*", SKIP_STRING }, { "sized_strscpy", SKIP_STRING },
	{ "strcat", SKIP_STRING }, { "strncat", SKIP_STRING }, { "strlcat", SKIP_STRING },
	{ "strchr", SKIP_STRING }, { "strnchr", SKIP_STRING }, { "strrchr", SKIP_STRING },
	{ "strstr", SKIP_STRING }, { "strnstr", SKIP_STRING }, { "strsep", SKIP_STRING },
	{ "strspn", SKIP_STRING }, { "strcspn", SKIP_STRING }, { "strpbrk", SKIP_STRING },
	{ "__strlen*", SKIP_STRING }, { "__strnlen*", SKIP_STRING }, { "kmemdup_nul", SKIP_STRING },
	{ "copy_user_*", SKIP_STRING }, { "copy_to_user*", SKIP_STRING },
	{ "copy_from_user*", SKIP_STRING }, { "_copy_to_user", SKIP_STRING },
	{ "_copy_from_user", SKIP_STRING }, { "__copy_*", SKIP_STRING },
	{ "raw_copy_*", SKIP_STRING }, { "copyin", SKIP_STRING }, { "copyout", SKIP_STRING },
	{ "rep_movs_alternative", SKIP_STRING }, { "rep_stos_alternative", SKIP_STRING },
	{ "copy_page*", SKIP_STRING }, { "clear_user", SKIP_STRING },
	{ "__clear_user", SKIP_STRING }, { "csum_partial_copy*", SKIP_STRING },
	{ "__get_user_*", SKIP_STRING }, { "__put_user_*", SKIP_STRING },
	{ "get_user", SKIP_STRING }, { "put_user", SKIP_STRING },
	{ "__read_once_size", SKIP_STRING }, { "__write_once_size", SKIP_STRING },
	{ "copy_to_iter", SKIP_STRING }, { "_copy_to_iter", SKIP_STRING },
	{ "copy_from_iter*", SKIP_STRING }, { "_copy_from_iter*", SKIP_STRING },
	{ "iterate_*", SKIP_STRING }, { "__iterate_*", SKIP_STRING },
	{ "copyin_*", SKIP_STRING }, { "copyout_*", SKIP_STRING },
	/* checkers: what they found is their caller's */
	{ "fortify_panic", SKIP_CHECKER }, { "__fortify_*", SKIP_CHECKER },
	{ "__list_*", SKIP_CHECKER }, { "list_del*", SKIP_CHECKER },
	{ "list_add*", SKIP_CHECKER }, { "list_move*", SKIP_CHECKER },
	{ "list_replace*", SKIP_CHECKER }, { "hlist_*", SKIP_CHECKER },
	{ "__hlist_*", SKIP_CHECKER }, { "refcount_warn_saturate", SKIP_CHECKER },
	{ "refcount_inc*", SKIP_CHECKER }, { "refcount_dec*", SKIP_CHECKER },
	{ "refcount_add*", SKIP_CHECKER }, { "refcount_sub*", SKIP_CHECKER },
	{ "__refcount_*", SKIP_CHECKER }, { "debug_object*", SKIP_CHECKER },
	{ "__debug_object*", SKIP_CHECKER }, { "debug_print_object", SKIP_CHECKER },
	{ "debug_check_no_obj_freed", SKIP_CHECKER }, { "__debug_check_no_obj_freed", SKIP_CHECKER },
	{ "debug_check_no_locks_freed", SKIP_CHECKER }, { "debug_check_no_locks_held", SKIP_CHECKER },
	{ "check_object_size", SKIP_CHECKER }, { "__check_object_size*", SKIP_CHECKER },
	{ "check_heap_object", SKIP_CHECKER }, { "__check_heap_object", SKIP_CHECKER },
	{ "check_stack_object", SKIP_CHECKER }, { "usercopy_abort", SKIP_CHECKER },
	{ "usercopy_warn", SKIP_CHECKER }, { "__check_object_size", SKIP_CHECKER },
	{ "check_copy_size", SKIP_CHECKER }, { "check_preemption_disabled", SKIP_CHECKER },
	{ "debug_smp_processor_id", SKIP_CHECKER }, { "__this_cpu_preempt_check", SKIP_CHECKER },
	/* lockdep */
	{ "lock_acquire*", SKIP_LOCKDEP }, { "lock_release", SKIP_LOCKDEP },
	{ "lock_acquired", SKIP_LOCKDEP }, { "lock_contended", SKIP_LOCKDEP },
	{ "__lock_acquire*", SKIP_LOCKDEP }, { "__lock_release", SKIP_LOCKDEP },
	{ "lock_is_held*", SKIP_LOCKDEP }, { "lockdep_*", SKIP_LOCKDEP },
	{ "__lockdep_*", SKIP_LOCKDEP }, { "validate_chain", SKIP_LOCKDEP },
	{ "check_noncircular", SKIP_LOCKDEP }, { "check_prev_add*", SKIP_LOCKDEP },
	{ "check_prevs_add", SKIP_LOCKDEP }, { "check_irq_usage", SKIP_LOCKDEP },
	{ "check_deadlock", SKIP_LOCKDEP }, { "check_flags*", SKIP_LOCKDEP },
	{ "check_chain_key", SKIP_LOCKDEP }, { "check_wait_context", SKIP_LOCKDEP },
	{ "check_usage*", SKIP_LOCKDEP }, { "mark_lock*", SKIP_LOCKDEP },
	{ "mark_usage", SKIP_LOCKDEP }, { "mark_held_locks", SKIP_LOCKDEP },
	{ "mark_irqflags", SKIP_LOCKDEP }, { "register_lock_class", SKIP_LOCKDEP },
	{ "look_up_lock_class", SKIP_LOCKDEP }, { "print_*_bug*", SKIP_LOCKDEP },
	{ "print_lock*", SKIP_LOCKDEP }, { "print_held_locks*", SKIP_LOCKDEP },
	{ "print_irqtrace_events", SKIP_LOCKDEP }, { "print_shortest_lock_dependencies*", SKIP_LOCKDEP },
	{ "print_bad_irq_dependency", SKIP_LOCKDEP }, { "print_deadlock_bug", SKIP_LOCKDEP },
	{ "valid_state", SKIP_LOCKDEP }, { "find_usage_*", SKIP_LOCKDEP },
	{ "__bfs*", SKIP_LOCKDEP }, { "add_chain_cache", SKIP_LOCKDEP },
	{ "hlock_class", SKIP_LOCKDEP }, { "debug_lockdep_rcu_enabled", SKIP_LOCKDEP },
	{ "trace_hardirqs_*", SKIP_LOCKDEP }, { "trace_softirqs_*", SKIP_LOCKDEP },
	{ "__trace_hardirqs_*", SKIP_LOCKDEP }, { "rcu_lock_acquire", SKIP_LOCKDEP },
	{ "rcu_lock_release", SKIP_LOCKDEP }, { "rcu_read_lock_held*", SKIP_LOCKDEP },
	{ "rcu_read_lock_sched_held", SKIP_LOCKDEP }, { "rcu_read_lock_bh_held", SKIP_LOCKDEP },
	{ "debug_locks_off", SKIP_LOCKDEP }, { "__debug_locks_off", SKIP_LOCKDEP },
	{ "spin_dump", SKIP_LOCKDEP }, { "spin_bug", SKIP_LOCKDEP }, { "rwlock_bug", SKIP_LOCKDEP },
	{ "debug_spin_*", SKIP_LOCKDEP }, { "debug_write_*", SKIP_LOCKDEP },
	{ "debug_read_*", SKIP_LOCKDEP }, { "debug_mutex_*", SKIP_LOCKDEP },
	{ "__might_sleep", SKIP_LOCKDEP }, { "___might_sleep", SKIP_LOCKDEP },
	{ "__might_resched", SKIP_LOCKDEP }, { "__might_fault", SKIP_LOCKDEP },
	{ "might_fault", SKIP_LOCKDEP }, { "might_sleep", SKIP_LOCKDEP },
	{ "__cant_sleep", SKIP_LOCKDEP }, { "__cant_migrate", SKIP_LOCKDEP },
	/* taking locks */
	{ "_raw_*", SKIP_LOCK }, { "__raw_*", SKIP_LOCK }, { "do_raw_*", SKIP_LOCK },
	{ "queued_*", SKIP_LOCK }, { "native_queued_*", SKIP_LOCK }, { "__pv_queued_*", SKIP_LOCK },
	{ "pv_queued_*", SKIP_LOCK }, { "spin_lock*", SKIP_LOCK }, { "spin_unlock*", SKIP_LOCK },
	{ "read_lock*", SKIP_LOCK }, { "write_lock*", SKIP_LOCK }, { "arch_spin_*", SKIP_LOCK },
	{ "mutex_lock*", SKIP_LOCK }, { "__mutex_lock*", SKIP_LOCK },
	{ "mutex_unlock*", SKIP_LOCK }, { "__mutex_unlock*", SKIP_LOCK },
	{ "mutex_trylock*", SKIP_LOCK }, { "mutex_optimistic_spin", SKIP_LOCK },
	{ "down", SKIP_LOCK }, { "down_*", SKIP_LOCK }, { "__down", SKIP_LOCK },
	{ "__down_*", SKIP_LOCK },
	{ "up", SKIP_LOCK }, { "up_*", SKIP_LOCK }, { "__up", SKIP_LOCK }, { "__up_*", SKIP_LOCK },
	{ "rwsem_*", SKIP_LOCK }, { "__rwsem_*", SKIP_LOCK }, { "percpu_down_*", SKIP_LOCK },
	{ "percpu_up_*", SKIP_LOCK }, { "__percpu_down_*", SKIP_LOCK },
	{ "percpu_rwsem_*", SKIP_LOCK }, { "rt_mutex_*", SKIP_LOCK }, { "__rt_mutex_*", SKIP_LOCK },
	{ "rt_spin_*", SKIP_LOCK }, { "ww_mutex_*", SKIP_LOCK }, { "__ww_mutex_*", SKIP_LOCK },
	{ "lock_sock*", SKIP_LOCK }, { "__lock_sock*", SKIP_LOCK }, { "release_sock", SKIP_LOCK },
	{ "console_lock", SKIP_LOCK }, { "console_trylock", SKIP_LOCK },
	{ "ldsem_down_*", SKIP_LOCK }, { "__ldsem_down_*", SKIP_LOCK },
	{ "tty_ldisc_lock*", SKIP_LOCK }, { "lockref_*", SKIP_LOCK },
	{ "unlock_page*", SKIP_LOCK }, { "folio_unlock*", SKIP_LOCK },
	{ "rt_read_*", SKIP_LOCK }, { "rt_write_*", SKIP_LOCK }, { "_atomic_dec_and_*lock*", SKIP_LOCK },
	{ "atomic_dec_and_*lock*", SKIP_LOCK }, { "refcount_dec_and_*lock*", SKIP_LOCK },
	{ "rcu_read_lock*", SKIP_LOCK }, { "rcu_read_unlock*", SKIP_LOCK },
	{ "__rcu_read_lock", SKIP_LOCK }, { "__rcu_read_unlock", SKIP_LOCK },
	{ "local_bh_*", SKIP_LOCK }, { "__local_bh_*", SKIP_LOCK },
	{ "lock_timer_base", SKIP_LOCK }, { "seqcount_*", SKIP_LOCK },
	{ "csd_lock_wait*", SKIP_LOCK }, { "smp_call_function*", SKIP_LOCK },
	{ "on_each_cpu*", SKIP_LOCK }, { "stop_machine*", SKIP_LOCK },
	{ "kthread_park", SKIP_LOCK },
	/* sleeping */
	{ "schedule", SKIP_SCHED }, { "__schedule", SKIP_SCHED }, { "schedule_*", SKIP_SCHED },
	{ "io_schedule*", SKIP_SCHED }, { "preempt_schedule*", SKIP_SCHED },
	{ "__cond_resched*", SKIP_SCHED }, { "_cond_resched", SKIP_SCHED },
	{ "context_switch", SKIP_SCHED }, { "__switch_to*", SKIP_SCHED },
	{ "switch_to*", SKIP_SCHED }, { "finish_task_switch*", SKIP_SCHED },
	{ "do_nanosleep", SKIP_SCHED }, { "hrtimer_nanosleep", SKIP_SCHED },
	{ "__wait_on_bit*", SKIP_SCHED }, { "out_of_line_wait_on_bit*", SKIP_SCHED },
	{ "wait_on_page_bit*", SKIP_SCHED }, { "folio_wait_*", SKIP_SCHED },
	{ "__folio_lock*", SKIP_SCHED }, { "folio_lock*", SKIP_SCHED },
	{ "__lock_page*", SKIP_SCHED }, { "lock_page*", SKIP_SCHED }, { "bit_wait*", SKIP_SCHED },
	{ "wait_for_completion*", SKIP_SCHED }, { "__wait_for_common", SKIP_SCHED },
	{ "wait_for_common*", SKIP_SCHED }, { "do_wait_for_common", SKIP_SCHED },
	/* not synchronize_rcu(), rtnl_lock(): a task hung there names the culprit */
	{ "__wait_rcu_gp", SKIP_SCHED },
	{ "wait_rcu_gp", SKIP_SCHED }, { "__flush_work", SKIP_SCHED }, { "flush_work", SKIP_SCHED },
	{ "__flush_workqueue", SKIP_SCHED }, { "flush_workqueue", SKIP_SCHED },
	{ "drain_workqueue", SKIP_SCHED }, { "__cancel_work_timer", SKIP_SCHED },
	{ "cancel_work_sync", SKIP_SCHED }, { "cancel_delayed_work_sync", SKIP_SCHED },
	{ "wait_woken", SKIP_SCHED }, { "prepare_to_wait*", SKIP_SCHED },
	{ "finish_wait", SKIP_SCHED }, { "__wait_event*", SKIP_SCHED },
	{ "wait_event*", SKIP_SCHED }, { "kthread_stop", SKIP_SCHED },
	{ "msleep*", SKIP_SCHED }, { "usleep_range*", SKIP_SCHED }, { "ssleep", SKIP_SCHED },
	{ "freezer_*", SKIP_SCHED }, { "__refrigerator", SKIP_SCHED },
	{ "do_wait", SKIP_SCHED }, { "pipe_wait*", SKIP_SCHED },
	/* interrupts, softirqs and timers */
	{ "sysvec_*", SKIP_IRQ }, { "__sysvec_*", SKIP_IRQ }, { "asm_sysvec_*", SKIP_IRQ },
	{ "asm_common_interrupt", SKIP_IRQ }, { "common_interrupt", SKIP_IRQ },
	{ "irq_exit*", SKIP_IRQ }, { "__irq_exit_rcu", SKIP_IRQ }, { "irq_enter*", SKIP_IRQ },
	{ "do_softirq*", SKIP_IRQ }, { "__do_softirq", SKIP_IRQ }, { "handle_softirqs", SKIP_IRQ },
	{ "invoke_softirq", SKIP_IRQ }, { "run_ksoftirqd", SKIP_IRQ },
	{ "__local_bh_enable_ip", SKIP_IRQ }, { "apic_timer_interrupt", SKIP_IRQ },
	{ "smp_apic_timer_interrupt", SKIP_IRQ }, { "local_apic_timer_interrupt", SKIP_IRQ },
	{ "hrtimer_interrupt", SKIP_IRQ }, { "__hrtimer_run_queues", SKIP_IRQ },
	{ "__run_hrtimer", SKIP_IRQ }, { "hrtimer_run_queues", SKIP_IRQ },
	{ "tick_sched_*", SKIP_IRQ }, { "tick_nohz_*", SKIP_IRQ },
	{ "tick_handle_periodic", SKIP_IRQ }, { "tick_periodic", SKIP_IRQ },
	{ "update_process_times", SKIP_IRQ }, { "rcu_sched_clock_irq", SKIP_IRQ },
	{ "rcu_pending", SKIP_IRQ }, { "rcu_check_callbacks", SKIP_IRQ },
	{ "rcu_core*", SKIP_IRQ }, { "rcu_do_batch", SKIP_IRQ }, { "rcu_process_callbacks", SKIP_IRQ },
	{ "nmi_*", SKIP_IRQ }, { "default_do_nmi", SKIP_IRQ }, { "do_nmi", SKIP_IRQ },
	{ "asm_exc_nmi", SKIP_IRQ }, { "exc_nmi", SKIP_IRQ }, { "end_repeat_nmi", SKIP_IRQ },
	{ "ret_from_intr", SKIP_IRQ }, { "retint_*", SKIP_IRQ }, { "restore_regs_and_*", SKIP_IRQ },
	{ "el1_interrupt", SKIP_IRQ }, { "el1h_64_irq*", SKIP_IRQ }, { "el1_irq", SKIP_IRQ },
	{ "el0_interrupt", SKIP_IRQ }, { "gic_handle_irq", SKIP_IRQ },
	{ "handle_domain_irq", SKIP_IRQ }, { "__handle_domain_irq", SKIP_IRQ },
	{ "generic_handle_*", SKIP_IRQ }, { "handle_irq*", SKIP_IRQ }, { "__handle_irq*", SKIP_IRQ },
	{ "handle_fasteoi_irq", SKIP_IRQ }, { "handle_edge_irq", SKIP_IRQ },
	{ "handle_percpu_devid_irq", SKIP_IRQ }, { "call_timer_fn", SKIP_IRQ },
	{ "run_timer_softirq", SKIP_IRQ }, { "__run_timers", SKIP_IRQ }, { "expire_timers", SKIP_IRQ },
	{ "__run_timer_base", SKIP_IRQ }, { "run_timer_base", SKIP_IRQ },
	{ "softlockup_fn", SKIP_IRQ }, { "touch_softlockup_watchdog", SKIP_IRQ },
	{ "arch_timer_handler_*", SKIP_IRQ }, { "timer_interrupt", SKIP_IRQ },
	{ "do_IRQ", SKIP_IRQ }, { "__do_IRQ", SKIP_IRQ }, { "call_on_irq_stack", SKIP_IRQ },
	{ "do_interrupt_handler", SKIP_IRQ }, { "__irq_svc", SKIP_IRQ },
	{ "flush_smp_call_function_*", SKIP_IRQ }, { "__flush_smp_call_function_queue", SKIP_IRQ },
	{ "generic_smp_call_function_*", SKIP_IRQ },
	/* allocating */
	{ "kmalloc*", SKIP_ALLOC | SKIP_SLAB }, { "__kmalloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "___kmalloc*", SKIP_ALLOC | SKIP_SLAB }, { "kmem_cache_alloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "__kmem_cache_alloc*", SKIP_ALLOC | SKIP_SLAB }, { "kmem_cache_zalloc", SKIP_ALLOC | SKIP_SLAB },
	{ "kzalloc*", SKIP_ALLOC | SKIP_SLAB }, { "kcalloc*", SKIP_ALLOC | SKIP_SLAB }, { "krealloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "__krealloc*", SKIP_ALLOC | SKIP_SLAB }, { "kvmalloc*", SKIP_ALLOC | SKIP_SLAB }, { "kvzalloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "__kvmalloc*", SKIP_ALLOC | SKIP_SLAB }, { "kvcalloc*", SKIP_ALLOC | SKIP_SLAB }, { "kvrealloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "kmemdup*", SKIP_ALLOC }, { "kstrdup*", SKIP_ALLOC }, { "kstrndup", SKIP_ALLOC },
	{ "vmalloc*", SKIP_ALLOC | SKIP_SLAB }, { "__vmalloc*", SKIP_ALLOC | SKIP_SLAB }, { "vzalloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "alloc_pages*", SKIP_ALLOC | SKIP_SLAB }, { "__alloc_pages*", SKIP_ALLOC | SKIP_SLAB },
	{ "alloc_page*", SKIP_ALLOC | SKIP_SLAB }, { "folio_alloc*", SKIP_ALLOC | SKIP_SLAB }, { "__folio_alloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "slab_alloc*", SKIP_ALLOC | SKIP_SLAB }, { "__slab_alloc*", SKIP_ALLOC | SKIP_SLAB },
	{ "___slab_alloc", SKIP_ALLOC | SKIP_SLAB }, { "slab_post_alloc_hook", SKIP_ALLOC | SKIP_SLAB },
	{ "alloc_slab_page", SKIP_ALLOC | SKIP_SLAB }, { "allocate_slab", SKIP_ALLOC | SKIP_SLAB }, { "new_slab", SKIP_ALLOC | SKIP_SLAB },
	{ "__do_kmalloc_node", SKIP_ALLOC | SKIP_SLAB }, { "__get_vm_area*", SKIP_ALLOC },
	{ "get_vm_area*", SKIP_ALLOC }, { "alloc_vmap_area", SKIP_ALLOC },
	{ "__get_free_pages", SKIP_ALLOC | SKIP_SLAB }, { "get_zeroed_page", SKIP_ALLOC | SKIP_SLAB },
	{ "pcpu_alloc*", SKIP_ALLOC }, { "__alloc_percpu*", SKIP_ALLOC },
	{ "alloc_percpu*", SKIP_ALLOC }, { "mempool_alloc*", SKIP_ALLOC },
	{ "kmalloc_reserve", SKIP_ALLOC }, { "__kmalloc_reserve", SKIP_ALLOC },
	{ "__alloc_skb", SKIP_ALLOC }, { "alloc_skb*", SKIP_ALLOC }, { "__netdev_alloc_skb*", SKIP_ALLOC },
	{ "netdev_alloc_skb*", SKIP_ALLOC }, { "__napi_alloc_skb", SKIP_ALLOC },
	{ "napi_alloc_skb", SKIP_ALLOC }, { "alloc_inode", SKIP_ALLOC }, { "pcpu_*", SKIP_ALLOC }, { "post_alloc_hook", SKIP_ALLOC | SKIP_SLAB }, { "prep_new_page", SKIP_ALLOC | SKIP_SLAB },
	{ "get_page_from_freelist", SKIP_ALLOC | SKIP_SLAB }, { "create_object*", SKIP_ALLOC | SKIP_REPORT },
	{ "kmemleak_*", SKIP_ALLOC | SKIP_REPORT }, { "__kmemleak_*", SKIP_ALLOC | SKIP_REPORT },
	/* dispatching to the operation that runs: a stall is that operation's */
	{ "entry_SYSCALL*", SKIP_DISPATCH | SKIP_ENTRY }, { "entry_SYSENTER*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "entry_INT80*", SKIP_DISPATCH | SKIP_ENTRY }, { "do_syscall_*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "do_fast_syscall_*", SKIP_DISPATCH | SKIP_ENTRY }, { "__do_fast_syscall_*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "do_int80_syscall_*", SKIP_DISPATCH | SKIP_ENTRY }, { "syscall_exit_*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "exit_to_user*", SKIP_DISPATCH | SKIP_ENTRY }, { "exit_to_usermode_loop", SKIP_DISPATCH | SKIP_ENTRY },
	{ "prepare_exit_to_usermode", SKIP_DISPATCH | SKIP_ENTRY }, { "ret_from_fork*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "el0_svc*", SKIP_DISPATCH | SKIP_ENTRY }, { "el0t_64_sync*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "el0_sync*", SKIP_DISPATCH | SKIP_ENTRY }, { "do_el0_svc*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "invoke_syscall", SKIP_DISPATCH | SKIP_ENTRY }, { "__invoke_syscall", SKIP_DISPATCH | SKIP_ENTRY },
	{ "vector_swi", SKIP_DISPATCH | SKIP_ENTRY }, { "ret_fast_syscall", SKIP_DISPATCH | SKIP_ENTRY },
	{ "system_call*", SKIP_DISPATCH | SKIP_ENTRY }, { "sysenter_dispatch", SKIP_DISPATCH | SKIP_ENTRY },
	{ "ia32_sysenter_target", SKIP_DISPATCH | SKIP_ENTRY }, { "ia32_do_call", SKIP_DISPATCH | SKIP_ENTRY },
	{ "cstar_dispatch", SKIP_DISPATCH | SKIP_ENTRY }, { "tracesys*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "int_ret_from_sys_call", SKIP_DISPATCH | SKIP_ENTRY }, { "ret_from_syscall", SKIP_DISPATCH | SKIP_ENTRY },
	{ "do_vfs_ioctl", SKIP_DISPATCH }, { "vfs_ioctl", SKIP_DISPATCH },
	{ "vfs_read", SKIP_DISPATCH }, { "vfs_write", SKIP_DISPATCH },
	{ "__vfs_read", SKIP_DISPATCH }, { "__vfs_write", SKIP_DISPATCH },
	{ "new_sync_read", SKIP_DISPATCH }, { "new_sync_write", SKIP_DISPATCH },
	{ "do_iter_*", SKIP_DISPATCH }, { "vfs_iter_*", SKIP_DISPATCH },
	{ "vfs_readv", SKIP_DISPATCH }, { "vfs_writev", SKIP_DISPATCH },
	{ "do_readv", SKIP_DISPATCH }, { "do_writev", SKIP_DISPATCH },
	{ "do_loop_readv_writev", SKIP_DISPATCH }, { "do_splice*", SKIP_DISPATCH },
	{ "do_sendfile", SKIP_DISPATCH }, { "call_read_iter", SKIP_DISPATCH },
	{ "call_write_iter", SKIP_DISPATCH }, { "do_sys_open*", SKIP_DISPATCH },
	{ "do_filp_open", SKIP_DISPATCH }, { "path_openat", SKIP_DISPATCH },
	{ "vfs_open", SKIP_DISPATCH }, { "do_dentry_open", SKIP_DISPATCH },
	{ "__fput", SKIP_DISPATCH }, { "____fput", SKIP_DISPATCH }, { "delayed_fput", SKIP_DISPATCH },
	{ "task_work_run", SKIP_DISPATCH }, { "sock_sendmsg*", SKIP_DISPATCH },
	{ "sock_recvmsg*", SKIP_DISPATCH }, { "__sock_sendmsg", SKIP_DISPATCH },
	{ "____sys_sendmsg", SKIP_DISPATCH }, { "___sys_sendmsg", SKIP_DISPATCH },
	{ "__sys_sendmsg*", SKIP_DISPATCH }, { "____sys_recvmsg", SKIP_DISPATCH },
	{ "___sys_recvmsg", SKIP_DISPATCH }, { "__sys_recvmsg*", SKIP_DISPATCH },
	{ "__sys_sendto", SKIP_DISPATCH }, { "__sys_recvfrom", SKIP_DISPATCH },
	{ "__sys_setsockopt", SKIP_DISPATCH }, { "__sys_getsockopt", SKIP_DISPATCH },
	{ "sock_common_setsockopt", SKIP_DISPATCH }, { "sock_common_getsockopt", SKIP_DISPATCH },
	{ "sock_setsockopt", SKIP_DISPATCH }, { "do_sock_setsockopt", SKIP_DISPATCH },
	{ "do_sock_getsockopt", SKIP_DISPATCH }, { "sock_ioctl", SKIP_DISPATCH },
	{ "sock_do_ioctl", SKIP_DISPATCH }, { "sock_write_iter", SKIP_DISPATCH },
	{ "sock_read_iter", SKIP_DISPATCH }, { "netlink_rcv_skb", SKIP_DISPATCH },
	{ "netlink_unicast*", SKIP_DISPATCH }, { "netlink_sendmsg", SKIP_DISPATCH },
	{ "nfnetlink_rcv*", SKIP_DISPATCH }, { "rtnetlink_rcv*", SKIP_DISPATCH },
	{ "genl_rcv*", SKIP_DISPATCH }, { "genl_family_rcv_msg*", SKIP_DISPATCH },
	{ "__netif_receive_skb*", SKIP_DISPATCH }, { "netif_receive_skb*", SKIP_DISPATCH },
	{ "process_backlog", SKIP_DISPATCH }, { "net_rx_action", SKIP_DISPATCH },
	{ "__napi_poll", SKIP_DISPATCH }, { "napi_poll", SKIP_DISPATCH },
	{ "handle_mm_fault", SKIP_DISPATCH }, { "__handle_mm_fault", SKIP_DISPATCH },
	{ "__do_fault", SKIP_DISPATCH }, { "do_fault", SKIP_DISPATCH },
	{ "do_read_fault", SKIP_DISPATCH }, { "do_shared_fault", SKIP_DISPATCH },
	{ "do_cow_fault", SKIP_DISPATCH }, { "handle_pte_fault", SKIP_DISPATCH },
	{ "do_mmap*", SKIP_DISPATCH }, { "mmap_region", SKIP_DISPATCH },
	{ "__mmap_region", SKIP_DISPATCH }, { "vm_mmap_pgoff", SKIP_DISPATCH },
	{ "call_timer_fn", SKIP_DISPATCH }, { "process_one_work", SKIP_DISPATCH },
	{ "process_scheduled_works", SKIP_DISPATCH }, { "worker_thread", SKIP_DISPATCH | SKIP_ENTRY },
	{ "kthread", SKIP_DISPATCH | SKIP_ENTRY }, { "smpboot_thread_fn", SKIP_DISPATCH | SKIP_ENTRY },
	{ "tasklet_action*", SKIP_DISPATCH }, { "notifier_call_chain", SKIP_DISPATCH },
	{ "blocking_notifier_call_chain", SKIP_DISPATCH }, { "raw_notifier_call_chain", SKIP_DISPATCH },
	{ "call_netdevice_notifiers*", SKIP_DISPATCH }, { "do_signal", SKIP_DISPATCH | SKIP_ENTRY },
	{ "get_signal", SKIP_DISPATCH | SKIP_ENTRY }, { "arch_do_signal*", SKIP_DISPATCH | SKIP_ENTRY },
	{ "syscall_return_slowpath", SKIP_DISPATCH | SKIP_ENTRY }, { "__prepare_exit_to_usermode", SKIP_DISPATCH | SKIP_ENTRY },
	/* procfs, sysfs (kernfs) and debugfs pass a file operation on to their users' */
	{ "proc_reg_*", SKIP_DISPATCH }, { "kernfs_fop_*", SKIP_DISPATCH },
	{ "full_proxy_*", SKIP_DISPATCH }, { "seq_read", SKIP_DISPATCH },
	{ "seq_read_iter", SKIP_DISPATCH },
	{ "asm_call_irq_on_stack", SKIP_DISPATCH }, { "asm_call_on_stack", SKIP_DISPATCH },
	{ "call_on_stack", SKIP_DISPATCH }, { "run_on_irqstack_cond", SKIP_DISPATCH },
	/* generic library code: the bug is its caller's */
	{ "rb_erase*", SKIP_LIBRARY }, { "rb_insert_*", SKIP_LIBRARY }, { "rb_next*", SKIP_LIBRARY },
	{ "rb_prev", SKIP_LIBRARY }, { "rb_first*", SKIP_LIBRARY }, { "rb_last", SKIP_LIBRARY },
	{ "rb_replace_node*", SKIP_LIBRARY }, { "__rb_erase_color", SKIP_LIBRARY },
	{ "__rb_insert*", SKIP_LIBRARY }, { "__rb_rotate_set_parents", SKIP_LIBRARY },
	{ "xas_*", SKIP_LIBRARY },
	{ "xa_*", SKIP_LIBRARY }, { "__xa_*", SKIP_LIBRARY }, { "idr_*", SKIP_LIBRARY },
	{ "ida_*", SKIP_LIBRARY }, { "radix_tree_*", SKIP_LIBRARY }, { "kobject_*", SKIP_LIBRARY },
	{ "kobj_*", SKIP_LIBRARY }, { "sysfs_*", SKIP_LIBRARY }, { "add_uevent_var", SKIP_LIBRARY },
	{ "kobject_uevent*", SKIP_LIBRARY }, { "klist_*", SKIP_LIBRARY },
	{ "vsnprintf", SKIP_LIBRARY }, { "vscnprintf", SKIP_LIBRARY }, { "vsprintf", SKIP_LIBRARY },
	{ "snprintf", SKIP_LIBRARY }, { "scnprintf", SKIP_LIBRARY }, { "sprintf", SKIP_LIBRARY },
	{ "kvasprintf*", SKIP_LIBRARY }, { "kasprintf", SKIP_LIBRARY }, { "string", SKIP_LIBRARY },
	{ "string_nocheck", SKIP_LIBRARY }, { "hex_string", SKIP_LIBRARY },
	{ "pointer", SKIP_LIBRARY }, { "number", SKIP_LIBRARY }, { "format_decode", SKIP_LIBRARY },
	{ "hex_dump_to_buffer", SKIP_LIBRARY }, { "print_hex_dump*", SKIP_LIBRARY },
	{ "read_word_at_a_time", SKIP_LIBRARY }, { "ref_tracker_*", SKIP_LIBRARY },
	{ "walk_stackframe", SKIP_REPORT }, { "stack_trace_consume_entry", SKIP_REPORT },
	{ "arch_stack_walk*", SKIP_REPORT }, { "do_tag_check_fault", SKIP_FAULT },
	{ "task_rq_lock", SKIP_LOCK }, { "__task_rq_lock", SKIP_LOCK },
	/* core APIs that check their caller's use of them: driver core, workqueues, the
	 * page allocator, inode and buffer helpers */
	{ "device_add", SKIP_LIBRARY }, { "device_del", SKIP_LIBRARY },
	{ "device_unregister", SKIP_LIBRARY }, { "device_remove_file", SKIP_LIBRARY },
	{ "device_create_file", SKIP_LIBRARY }, { "put_device", SKIP_LIBRARY },
	{ "get_device", SKIP_LIBRARY }, { "get_device_parent", SKIP_LIBRARY },
	{ "destroy_workqueue", SKIP_LIBRARY }, { "device_destroy", SKIP_LIBRARY },
	{ "dev_vprintk_emit", SKIP_LIBRARY }, { "dev_printk*", SKIP_LIBRARY },
	{ "__dev_printk", SKIP_LIBRARY }, { "_dev_printk", SKIP_LIBRARY },
	{ "_dev_info", SKIP_LIBRARY }, { "_dev_err", SKIP_LIBRARY }, { "_dev_warn", SKIP_LIBRARY },
	{ "_dev_notice", SKIP_LIBRARY }, { "_dev_crit", SKIP_LIBRARY },
	{ "_dev_alert", SKIP_LIBRARY }, { "_dev_emerg", SKIP_LIBRARY },
	/* the USB core's URB calls act on the driver's URB */
	{ "usb_submit_urb", SKIP_LIBRARY }, { "usb_kill_urb", SKIP_LIBRARY },
	{ "usb_kill_anchored_urbs", SKIP_LIBRARY }, { "usb_unlink_urb", SKIP_LIBRARY },
	{ "usb_poison_urb", SKIP_LIBRARY }, { "usb_poison_anchored_urbs", SKIP_LIBRARY },
	/* the page cache's truncation walks the file system's pages */
	{ "find_lock_entries", SKIP_LIBRARY }, { "find_get_entries", SKIP_LIBRARY },
	{ "truncate_inode_pages*", SKIP_LIBRARY },
	/* tracepoints and retpolines: never the bug's own code */
	{ "perf_trace_*", SKIP_REPORT }, { "trace_event_raw_event_*", SKIP_REPORT },
	{ "__traceiter_*", SKIP_REPORT }, { "__bpf_trace_*", SKIP_REPORT },
	{ "__x86_indirect_call_thunk_*", SKIP_ENTRY }, { "__x86_indirect_jump_thunk_*", SKIP_ENTRY },
	/* initializers that debugobjects checks (ODEBUG): the bug is their caller's */
	{ "init_timer_key", SKIP_CHECKER }, { "__init_timer*", SKIP_CHECKER },
	{ "hrtimer_init*", SKIP_CHECKER }, { "__hrtimer_init*", SKIP_CHECKER },
	{ "__init_work", SKIP_CHECKER }, { "init_rcu_head*", SKIP_CHECKER },
	/* the timer API acts on the caller's timer */
	{ "del_timer*", SKIP_LIBRARY }, { "timer_delete*", SKIP_LIBRARY },
	{ "try_to_del_timer_sync", SKIP_LIBRARY }, { "__try_to_del_timer_sync", SKIP_LIBRARY },
	{ "mod_timer*", SKIP_LIBRARY }, { "__mod_timer", SKIP_LIBRARY }, { "add_timer*", SKIP_LIBRARY }, { "device_release", SKIP_LIBRARY },
	{ "va_format*", SKIP_LIBRARY }, { "insert_work", SKIP_LIBRARY },
	{ "__queue_work", SKIP_LIBRARY }, { "queue_work_on", SKIP_LIBRARY },
	{ "__queue_delayed_work", SKIP_LIBRARY }, { "queue_delayed_work_on", SKIP_LIBRARY },
	{ "mod_delayed_work_on", SKIP_LIBRARY }, { "drop_nlink", SKIP_LIBRARY },
	{ "clear_nlink", SKIP_LIBRARY }, { "iput", SKIP_LIBRARY }, { "inc_nlink", SKIP_LIBRARY },
	{ "kmem_cache_destroy", SKIP_LIBRARY },
	{ "__sock_queue_rcv_skb", SKIP_LIBRARY }, { "sock_queue_rcv_skb*", SKIP_LIBRARY },
	{ "crc32*", SKIP_LIBRARY }, { "__crc32*", SKIP_LIBRARY },
	/* "bpf_prog_array_copy_to_user": copying out to user space for its caller */
	{ "*copy_to_user*", SKIP_STRING }, { "*copy_from_user*", SKIP_STRING },
	/* procfs registration, which warns about its caller's entry */
	{ "proc_register", SKIP_CHECKER }, { "proc_create*", SKIP_CHECKER },
	{ "proc_mkdir*", SKIP_CHECKER }, { "proc_symlink", SKIP_CHECKER },
	/* fault injection failing an allocation on purpose */
	{ "should_fail*", SKIP_ALLOC }, { "__should_fail*", SKIP_ALLOC },
	{ "usb_alloc_urb", SKIP_ALLOC }, { "usb_alloc_coherent", SKIP_ALLOC },
	{ "free_percpu*", SKIP_FREE },
	{ "__netlink_dump_start", SKIP_DISPATCH }, { "netlink_dump*", SKIP_DISPATCH },
	{ "mark_buffer_dirty", SKIP_LIBRARY }, { "dump_header", SKIP_REPORT },
	{ "__alloc_frozen_pages*", SKIP_ALLOC | SKIP_SLAB }, { "alloc_frozen_pages*", SKIP_ALLOC | SKIP_SLAB },
	{ "free_large_kmalloc", SKIP_FREE }, { "skb_panic", SKIP_CHECKER },
	{ "skb_over_panic", SKIP_CHECKER }, { "skb_under_panic", SKIP_CHECKER },
	{ "skb_pull", SKIP_CHECKER }, { "skb_put", SKIP_CHECKER }, { "skb_push", SKIP_CHECKER },
	{ "__phys_addr", SKIP_CHECKER }, { "assertfail", SKIP_REPORT },
	/* the stack protector's panic: the function whose canary it found overwritten
	 * called it */
	{ "__stack_chk_fail", SKIP_CHECKER },
	/* SLUB's debugging checks (slub_debug=FZPU): they found the bug of the code that
	 * allocates or frees */
	{ "check_bytes_and_report", SKIP_CHECKER }, { "check_object", SKIP_CHECKER },
	{ "check_slab", SKIP_CHECKER }, { "check_pad_bytes", SKIP_CHECKER },
	{ "slab_pad_check", SKIP_CHECKER }, { "check_valid_pointer", SKIP_CHECKER },
	{ "on_freelist", SKIP_CHECKER }, { "free_debug_processing", SKIP_CHECKER },
	{ "alloc_debug_processing", SKIP_CHECKER }, { "free_consistency_checks", SKIP_CHECKER },
	{ "alloc_consistency_checks", SKIP_CHECKER }, { "slab_err", SKIP_CHECKER },
	{ "slab_bug", SKIP_CHECKER }, { "freelist_corrupted", SKIP_CHECKER },
	{ "free_to_partial_list", SKIP_FREE }, { "___cache_free", SKIP_FREE },
	{ "__cache_free", SKIP_FREE },
	{ "osq_lock", SKIP_LOCK }, { "dev_alloc_skb", SKIP_ALLOC },
	{ "*apic_timer_interrupt*", SKIP_IRQ }, { "rcu_gp_*", SKIP_IRQ },
	{ "do_group_exit", SKIP_DISPATCH | SKIP_ENTRY }, { "do_exit", SKIP_DISPATCH | SKIP_ENTRY },
	{ "blkdev_ioctl", SKIP_DISPATCH }, { "compat_blkdev_ioctl", SKIP_DISPATCH },
	{ "*_compat_ioctl", SKIP_DISPATCH },
	{ "do_compat_writev", SKIP_DISPATCH }, { "do_compat_readv", SKIP_DISPATCH },
	{ "__virt_to_phys*", SKIP_LIBRARY }, { "virt_to_phys*", SKIP_LIBRARY },
	/* section markers, not functions: "_stext+0x12c/0x2b4" is code kallsyms cannot name */
	{ "_stext", SKIP_ENTRY }, { "_text", SKIP_ENTRY }, { "_etext", SKIP_ENTRY },
	/* freeing */
	{ "kfree*", SKIP_FREE }, { "__kfree_skb", SKIP_FREE }, { "kfree_skb*", SKIP_FREE },
	{ "consume_skb", SKIP_FREE }, { "skb_release_*", SKIP_FREE }, { "__free_pages_ok", SKIP_FREE },
	{ "free_unref_page*", SKIP_FREE }, { "kmem_cache_free*", SKIP_FREE },
	{ "__kmem_cache_free*", SKIP_FREE }, { "slab_free*", SKIP_FREE }, { "__slab_free", SKIP_FREE },
	{ "do_slab_free", SKIP_FREE }, { "kvfree*", SKIP_FREE }, { "vfree*", SKIP_FREE },
	{ "__vfree*", SKIP_FREE }, { "free_pages*", SKIP_FREE }, { "__free_pages*", SKIP_FREE },
};

/* every family, for every kind: the guilty frame is the first one that is no machinery.
 * What makes rules differ is which stack they look in (and a stall's dispatching) */
unsigned int kind_helper_families(void)
{
	return SKIP_ALWAYS;
}

unsigned int kind_fault_caller_families(void)
{
	return SKIP_ALWAYS & ~SKIP_IRQ;
}

unsigned int kind_sleeper_families(void)
{
	return SKIP_REPORT | SKIP_FAULT | SKIP_SANITIZER | SKIP_LOCKDEP | SKIP_SCHED | SKIP_IRQ |
	       SKIP_LOCK | SKIP_SLAB | SKIP_FREE;
}

unsigned int kind_last_resort_families(void)
{
	return SKIP_REPORT | SKIP_SANITIZER | SKIP_LOCKDEP | SKIP_CHECKER;
}

static bool pattern_matches(const char *pattern, const char *name);

/* syscalls that only pass a call on to a file's, socket's or memory's own operation */
static const char *const multiplexers[] = {
	"ioctl", "read", "write", "readv", "writev", "pread64", "pwrite64", "preadv", "pwritev",
	"preadv2", "pwritev2", "sendmsg", "sendmmsg", "sendto", "recvmsg", "recvfrom",
	"setsockopt", "getsockopt", "splice", "sendfile64", "sendfile", "close", "close_range",
	"mmap", "mmap_pgoff", "openat", "open", "compat_ioctl", "exit", "exit_group",
};

/* "__x64_sys_ioctl", "__se_sys_ioctl", "SyS_ioctl", "ksys_ioctl": the syscall's name */
const char *kind_syscall_name(const char *function)
{
	static const char *const wrappers[] = {
		"__x64_sys_", "__ia32_sys_", "__ia32_compat_sys_", "__x64_compat_sys_",
		"__arm64_sys_", "__arm64_compat_sys_", "__riscv_sys_", "__s390x_sys_",
		"__s390_sys_", "__se_sys_", "__do_sys_", "__se_compat_sys_",
		"__do_compat_sys_", "compat_sys_", "compat_SyS_", "C_SYSC_", "SyS_", "SYSC_", "sys_",
		"ksys_", "__sys_",
	};

	for (size_t i = 0; i < ARRAY_SIZE(wrappers); i++)
		if (startswith(function, wrappers[i]) && function[strlen(wrappers[i])])
			return function + strlen(wrappers[i]);
	return NULL;
}

static bool is_multiplexer(const char *function)
{
	const char *name = kind_syscall_name(function);

	for (size_t i = 0; name && i < ARRAY_SIZE(multiplexers); i++)
		if (streq(name, multiplexers[i]))
			return true;
	return false;
}

bool kind_is_dispatch(const char *function)
{
	return kind_is_helper(function, SKIP_DISPATCH) || is_multiplexer(function);
}

bool kind_is_interrupt(const char *function)
{
	return kind_is_helper(function, SKIP_IRQ);
}

bool kind_is_cross_cpu_wait(const char *function)
{
	static const char *const waits[] = { "smp_call_function*" };

	for (size_t i = 0; i < ARRAY_SIZE(waits); i++)
		if (pattern_matches(waits[i], function))
			return true;
	return false;
}

void kind_title_name(const char *function, char *buf, size_t size)
{
	/* prefix, what replaces it: the architecture's entry wrapper is the syscall
	 * ("sys_exit_group"); the inner helpers are the operation itself ("mremap") */
	static const struct {
		const char *prefix, *with;
	} wrappers[] = {
		{ "__x64_sys_", "sys_" }, { "__ia32_sys_", "sys_" }, { "__arm64_sys_", "sys_" },
		{ "__riscv_sys_", "sys_" }, { "__s390x_sys_", "sys_" }, { "__s390_sys_", "sys_" },
		{ "__x64_compat_sys_", "compat_sys_" }, { "__ia32_compat_sys_", "compat_sys_" },
		{ "__arm64_compat_sys_", "compat_sys_" }, { "SyS_", "" },
		{ "__se_sys_", "" }, { "__do_sys_", "" }, { "SYSC_", "" },
		{ "__se_compat_sys_", "" }, { "__do_compat_sys_", "" }, { "compat_SyS_", "" },
		{ "C_SYSC_", "" }, { "ksys_", "" }, { "sys_", "" },
	};
	/* the variants of one API, by their common name */
	static const struct {
		const char *pattern, *name;
	} families[] = {
		{ "smp_call_function_*", "smp_call_function" },
		{ "synchronize_rcu_*", "synchronize_rcu" }, { "synchronize_srcu*", "synchronize_rcu" },
		{ "__synchronize_srcu", "synchronize_rcu" }, { "synchronize_sched*", "synchronize_rcu" },
	};

	for (size_t i = 0; i < ARRAY_SIZE(families); i++)
		if (pattern_matches(families[i].pattern, function)) {
			snprintf(buf, size, "%s", families[i].name);
			return;
		}
	for (size_t i = 0; i < ARRAY_SIZE(wrappers); i++) {
		size_t n = strlen(wrappers[i].prefix);
		if (strncmp(function, wrappers[i].prefix, n) == 0 && function[n]) {
			snprintf(buf, size, "%s%s", wrappers[i].with, function + n);
			return;
		}
	}
	snprintf(buf, size, "%s", function);
}

/* shell patterns: "refcount_inc*", "print_*_bug*"; most are a name or a name's prefix,
 * told without fnmatch() */
static bool pattern_matches(const char *pattern, const char *name)
{
	size_t literal = strcspn(pattern, "*?[\\");

	if (strncmp(pattern, name, literal) != 0)
		return false;
	if (pattern[literal] == '\0')
		return name[literal] == '\0';
	if (pattern[literal] == '*' && pattern[literal + 1] == '\0')
		return true;
	return fnmatch(pattern, name, 0) == 0;
}

/* a helper's pattern by its first byte: one that starts with a wildcard may match a
 * name that starts with any (firstbyte's empty prefix) */
static const char *helper_first(const void *table, size_t i)
{
	const char *pattern = ((const struct helper *)table)[i].pattern;

	return pattern[0] && strchr("*?[\\", pattern[0]) ? "" : pattern;
}

bool kind_is_helper(const char *function, unsigned int families)
{
	static struct firstbyte index;
	const uint16_t *cand;

	/* 400-odd patterns, asked about each frame of a report several times over */
	firstbyte_build(&index, helpers, ARRAY_SIZE(helpers), helper_first);
	for (size_t j = 0, n = firstbyte_candidates(&index, function, &cand); j < n; j++)
		if ((helpers[cand[j]].family & families) &&
		    pattern_matches(helpers[cand[j]].pattern, function))
			return true;
	return false;
}

/* ---- WARNING and BUG variants ---- */

/* "WARNING: CPU: 0 PID: 1 at lib/refcount.c:25 refcount_warn_saturate+0x13d/0x1a0":
 * the place's file (or function) says what kind of bug it is */
static const struct {
	const char *file;	/* the place's file starts with it, or NULL */
	const char *function;	/* the WARNING's function matches it, or NULL */
	const char *variant;
} places[] = {
	{ "lib/refcount.c", NULL, "WARNING: refcount bug" },
	{ NULL, "refcount_warn_saturate", "WARNING: refcount bug" },
	{ "lib/debugobjects.c", NULL, "WARNING: ODEBUG bug" },
	{ NULL, "debug_print_object", "WARNING: ODEBUG bug" },
	{ "lib/list_debug.c", NULL, "BUG: corrupted list" },
	{ NULL, "__list_*_valid*", "BUG: corrupted list" },
	{ "mm/usercopy.c", NULL, "BUG: bad usercopy" },
	{ NULL, "usercopy_abort", "BUG: bad usercopy" },
	{ NULL, "usercopy_warn", "BUG: bad usercopy" },
	{ "kernel/locking/", NULL, "WARNING: locking bug" },
	{ NULL, "kmalloc_slab", "WARNING: kmalloc bug" },
	{ NULL, "kvmalloc_node*", "WARNING: kmalloc bug" },
	{ NULL, "__kvmalloc_node*", "WARNING: kmalloc bug" },
	{ NULL, "__vmalloc_node_range*", "WARNING: zero-size vmalloc" },
	{ "lib/kobject.c", NULL, "WARNING: kobject bug" },
	{ "fs/proc/generic.c", NULL, "WARNING: proc registration bug" },
};

const char *kind_warning_variant(const char *function, const char *file)
{
	for (size_t i = 0; i < ARRAY_SIZE(places); i++) {
		if (places[i].file && (file == NULL || !startswith(file, places[i].file)))
			continue;
		if (places[i].function && (function == NULL ||
					   !pattern_matches(places[i].function, function)))
			continue;
		return places[i].variant;
	}
	return NULL;
}

/* printed inside "cut here", before the WARNING line: "refcount_t: underflow; ..." */
static const struct {
	const char *prefix;
	const char *variant;
} preludes[] = {
	{ "refcount_t: ", "WARNING: refcount bug" },
	{ "ODEBUG: ", "WARNING: ODEBUG bug" },
	{ "list_add corruption", "BUG: corrupted list" },
	{ "list_del corruption", "BUG: corrupted list" },
	{ "usercopy: ", "BUG: bad usercopy" },
	{ "DEBUG_LOCKS_WARN_ON(", "WARNING: locking bug" },
};

const char *kind_prelude_variant(const char *msg)
{
	for (size_t i = 0; i < ARRAY_SIZE(preludes); i++)
		if (startswith(msg, preludes[i].prefix))
			return preludes[i].variant;
	return NULL;
}
