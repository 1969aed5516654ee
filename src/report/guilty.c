// SPDX-License-Identifier: GPL-2.0-or-later
/* guilty.c: the frame a bug is in, chosen by its kind's rule (kinds.h): past the
 * reporting machinery and the helpers, in the stack that holds the culprit. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "report/kinds.h"
#include "report/report.h"
#include "shared/strbuf.h"
#include "shared/util.h"

/* "WARNING: CPU: 0 PID: 1 at lib/refcount.c:25 refcount_warn_saturate+0x13d/0x1a0",
 * "WARNING: at mm/x.c:5 foo+0x1/0x2()", 6.16+ "WARNING: mm/x.c:5 at foo+0x1/0x2, CPU#0: ..",
 * "kernel BUG at lib/list_debug.c:53!": the place's file and function, when printed */
/* "lib/refcount.c:25": a source place, its file's length; 0 when it is none */
static size_t place_file(const char *w, size_t len)
{
	const char *colon = memchr(w, ':', len);

	if (colon == NULL || colon == w || !memchr(w, '.', (size_t)(colon - w)) ||
	    colon + 1 >= w + len || colon[1] < '0' || colon[1] > '9')
		return 0;
	return (size_t)(colon - w);
}

static void warning_place(const char *h, char *file, size_t file_size, char *func,
			  size_t func_size)
{
	const char *at = strstr(h, " at ");
	struct frame f;
	struct frame_marker m;
	const char *sym, *place;

	file[0] = func[0] = '\0';
	if (at == NULL)
		return;
	const char *after = at + 4;
	size_t n = place_file(after, strcspn(after, " "));
	if (n) {
		place = after;
		sym = after + strcspn(after, " ");
		sym += strspn(sym, " ");
	} else {
		/* 6.16+: the place before " at ", the function after it */
		place = at;
		while (place > h && place[-1] != ' ')
			place--;
		n = place_file(place, (size_t)(at - place));
		sym = after;
	}
	if (n && n < file_size) {
		memcpy(file, place, n);
		file[n] = '\0';
	}
	if (frame_parse(sym, &f, &m) == FRAME_LINE_FRAME && f.symbol[0])
		frame_base_name(f.symbol, func, func_size);
}

/* what the lines before the WARNING or BUG line, or its place, make of it */
static char *find_variant(const struct report *r)
{
	char file[256], func[KSYM_NAME_LEN];

	if (r->rk->title_rule != TITLE_WARNING || r->headline == NULL)
		return NULL;
	for (size_t i = 0; i < r->n_lines; i++) {
		const char *msg = report_line_message(&r->lines[i]);
		if (r->headline && startswith(msg, r->headline))
			break;
		const char *v = kind_prelude_variant(msg);
		if (v)
			return xstrdup(v);
	}
	warning_place(r->headline, file, sizeof(file), func, sizeof(func));
	const char *v = kind_warning_variant(func[0] ? func : NULL, file[0] ? file : NULL);
	return v ? xstrdup(v) : NULL;
}

/* the frame of the function a report's text names (its first line, a lock's site), so
 * that its file:line is known: a reliable one first, in the order the report printed
 * them (the report's own stack before the ones of its allocation or lock chains) */
static long frame_of(const struct report *r, const char *name)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->n_frames; i++) {
			char base[KSYM_NAME_LEN];
			if (pass == 0 && !r->frames[i].is_reliable)
				continue;
			if (streq(frame_base_name(r->frames[i].symbol, base, sizeof(base)), name))
				return (long)i;
		}
	return -1;
}

/* the function a sanitizer's first line names: "BUG: KASAN: use-after-free in foo+0x1/0x2" */
static bool named_function(const struct report *r, char *buf, size_t size)
{
	struct frame f;
	struct frame_marker m;
	char file[256];

	if (r->headline == NULL)
		return false;
	if (r->rk->title_rule == TITLE_WARNING) {
		warning_place(r->headline, file, sizeof(file), buf, size);
		return buf[0] != '\0';
	}
	const char *in = strstr(r->headline, " in ");
	if (in && frame_parse(in + 4, &f, &m) == FRAME_LINE_FRAME && f.symbol[0]) {
		frame_base_name(f.symbol, buf, size);
		return true;
	}
	return false;
}

static bool is_candidate(const struct frame *f, unsigned int families, bool want_reliable)
{
	char base[KSYM_NAME_LEN];

	if (f->symbol[0] == '\0' || f->is_user || (want_reliable && !f->is_reliable))
		return false;
	/* a return address at a function's first byte follows a call that does not return
	 * ("(panic) from (print_tainted+0x0/0xa0)"): the caller is another function. One at
	 * its end is %pB's, which looked up the address - 1 and printed the offset + 1: the
	 * noreturn call was that function's last instruction, and it is the caller
	 * ("__stack_chk_fail+0x10/0x10" then "stackprot_path+0x80/0x80") */
	if (f->role == FRAME_ROLE_CALL && f->has_offset && f->offset == 0)
		return false;
	frame_base_name(f->symbol, base, sizeof(base));
	return base[0] && !kind_is_helper(base, families);
}

/* the first frame of stack that is no helper: reliable ones first */
static long first_in_stack(const struct report *r, size_t stack, unsigned int families)
{
	for (int pass = 0; pass < 2; pass++)
		for (size_t i = 0; i < r->n_frames; i++)
			if (r->frames[i].stack == stack &&
			    is_candidate(&r->frames[i], families, pass == 0))
				return (long)i;
	return -1;
}

/* the first stack of one of kinds (in order of preference) that has a guilty frame */
static long first_in_kinds(const struct report *r, const enum stack_kind *kinds, size_t n,
			   unsigned int families)
{
	for (size_t k = 0; k < n; k++)
		for (size_t s = 0; s < r->n_stacks; s++) {
			if (r->stacks[s].kind != kinds[k])
				continue;
			long g = first_in_stack(r, s, families);
			if (g >= 0)
				return g;
		}
	return -1;
}

static long main_stack(const struct report *r, unsigned int families)
{
	static const enum stack_kind main_kinds[] = { STACK_MAIN, STACK_TASK, STACK_OTHER_CPU,
						      STACK_AUX };

	return first_in_kinds(r, main_kinds, ARRAY_SIZE(main_kinds), families);
}

/* the faulting pc, when it is no helper; else the stack it was in */
static long from_ip(const struct report *r, unsigned int families)
{
	for (size_t i = 0; i < r->n_frames; i++) {
		const struct frame *f = &r->frames[i];
		if (f->role != FRAME_ROLE_IP || f->is_user || f->symbol[0] == '\0' ||
		    r->stacks[f->stack].kind != STACK_MAIN)
			continue;
		if (is_candidate(f, families, false))
			return (long)i;
		long g = first_in_stack(r, f->stack, kind_fault_caller_families());
		if (g >= 0)
			return g;
		break;
	}
	return main_stack(r, families);
}

/* lockdep's circular dependency: the chain of the lock being taken, "-> #0 (...):" */
static long from_new_lock(const struct report *r, unsigned int families)
{
	for (size_t s = 0; s < r->n_stacks; s++)
		if (r->stacks[s].kind == STACK_LOCK_CHAIN && r->stacks[s].header &&
		    startswith(r->stacks[s].header, "-> #0 "))
			return first_in_stack(r, s, families);
	return -1;
}

/* A stall names the operation the CPU was in when the timer fired, not the leaf it
 * happened to be at: from the interrupted pc outwards, in that context, the function
 * that the innermost dispatching plumbing (syscall entry, VFS, receive, timers) ran.
 * A function that waits for other CPUs is the stall's own name. With no dispatching
 * in sight, the outermost function of the context */
static long stalled_operation(const struct report *r, size_t stack, unsigned int families)
{
	size_t first = SIZE_MAX, last;
	const char *context = NULL;
	bool has_context = false, past_report = false;

	/* where the timer interrupted: the pc it printed, or (arm, older kernels) the
	 * first frame past the reporting machinery and the interrupt's own frames */
	for (size_t i = 0; i < r->n_frames && first == SIZE_MAX; i++) {
		const struct frame *f = &r->frames[i];
		if (f->stack == stack && f->role == FRAME_ROLE_IP && !f->is_user && f->symbol[0])
			first = i;
	}
	for (size_t i = 0; i < r->n_frames && first == SIZE_MAX; i++) {
		const struct frame *f = &r->frames[i];
		char base[KSYM_NAME_LEN];
		if (f->stack != stack || f->is_user || !f->is_reliable || !f->symbol[0])
			continue;
		frame_base_name(f->symbol, base, sizeof(base));
		if (kind_is_interrupt(base))
			past_report = true;
		else if (past_report && !kind_is_helper(base, kind_last_resort_families()))
			first = i;
	}
	if (first == SIZE_MAX)
		return -1;
	last = first;
	for (size_t i = first + 1; i < r->n_frames; i++) {
		const struct frame *f = &r->frames[i];
		if (f->stack != stack)
			continue;
		if (f->is_user)
			break;
		if (f->role != FRAME_ROLE_IP) {
			if (!has_context) {
				context = f->context;
				has_context = true;
			} else if (context != f->context) {
				break;	/* "</IRQ>": the interrupted context ends */
			}
		}
		last = i;
	}
	/* the last candidate seen: the callee of the next dispatcher, or in the end the
	 * outermost function of the context */
	long callee = -1, dispatcher = -1;
	for (size_t i = first; i <= last; i++) {
		const struct frame *f = &r->frames[i];
		char base[KSYM_NAME_LEN];
		if (f->stack != stack || f->symbol[0] == '\0' || !f->is_reliable)
			continue;
		frame_base_name(f->symbol, base, sizeof(base));
		if (kind_is_cross_cpu_wait(base))
			return (long)i;
		if (kind_is_dispatch(base)) {
			if (callee >= 0)
				return callee;
			/* a dispatcher that was itself running: the operation's own name */
			if (dispatcher < 0 && !kind_is_helper(base, families))
				dispatcher = (long)i;
			continue;
		}
		if (is_candidate(f, families, true))
			callee = (long)i;
	}
	return callee >= 0 ? callee : dispatcher;
}

/* lockdep names the lock's site in its first lock line: "... is trying to release
 * lock (&lock) at:", " #0: ffff888 (&pipe->mutex/1){+.+.}, at: pipe_lock+0x5b/0x70",
 * "... takes: ffff888 (&ctx->lock){+.?.}-{2:2}, at: io_file_data_ref_zero+0x75/0x470" */
static bool lock_site(const struct report *r, char *buf, size_t size, unsigned int families)
{
	for (size_t i = 0; i < r->n_lines; i++) {
		const char *msg = report_line_message(&r->lines[i]);
		const char *at = strstr(msg, " at: ");
		struct frame f;
		struct frame_marker m;
		if (at == NULL)
			continue;
		if (startswith(msg, "stack backtrace:"))
			return false;
		if (frame_parse(at + 5, &f, &m) != FRAME_LINE_FRAME || !f.symbol[0])
			continue;
		/* the first lock line names the lock the report is about; later ones are
		 * other locks held */
		frame_base_name(f.symbol, buf, size);
		return !kind_is_helper(buf, families);
	}
	return false;
}

/* a stack overflow: the operation whose recursion ran out of stack, the outermost frame
 * of the report's own stack past dispatching (syscall entry, netlink, workqueues) */
static long outermost_operation(const struct report *r, unsigned int families)
{
	for (size_t s = 0; s < r->n_stacks; s++) {
		if (r->stacks[s].kind != STACK_MAIN)
			continue;
		for (size_t i = r->n_frames; i-- > 0;) {
			const struct frame *f = &r->frames[i];
			char base[KSYM_NAME_LEN];
			/* a pc the report prints again after its trace is no caller */
			if (f->stack != s || f->role != FRAME_ROLE_CALL ||
			    !is_candidate(f, families, true))
				continue;
			if (!kind_is_dispatch(frame_base_name(f->symbol, base, sizeof(base))))
				return (long)i;
		}
	}
	return -1;
}

/* the CPUs an RCU stall names in its per-CPU lines, "\t1-...!: (10499 ticks this GP)"
 * ("%d-%c%c%c%c: "), as a mask of the first 64 */
static uint64_t stalled_cpus(const struct report *r)
{
	uint64_t mask = 0;

	for (size_t i = 0; i < r->n_lines; i++) {
		const char *msg = report_line_message(&r->lines[i]);
		msg += blank_span(msg);
		if (startswith(msg, "rcu: "))
			msg += strlen("rcu: ");
		msg += blank_span(msg);
		size_t n = strspn(msg, "0123456789");
		if (n == 0 || n > 4 || msg[n] != '-' || strnlen(msg + n + 1, 5) < 5 ||
		    msg[n + 5] != ':')
			continue;
		unsigned long cpu = strtoul(msg, NULL, 10);
		if (cpu < 64)
			mask |= UINT64_C(1) << cpu;
	}
	return mask;
}

/* "NMI backtrace for cpu 3": is it one of mask's CPUs */
static bool is_stalled_cpu_stack(const struct report *r, size_t s, uint64_t mask)
{
	const char *h = r->stacks[s].header;
	static const char prefix[] = "NMI backtrace for cpu ";

	if (r->stacks[s].kind != STACK_OTHER_CPU || h == NULL || !startswith(h, prefix))
		return false;
	h += strlen(prefix);
	if (*h < '0' || *h > '9')
		return false;
	unsigned long cpu = strtoul(h, NULL, 10);
	return cpu < 64 && (mask & (UINT64_C(1) << cpu));
}

/* an RCU stall or a lockup: the CPU that stalled. The CPUs its per-CPU lines name,
 * when their NMI backtraces are there; "self-detected": the reporting CPU; else the
 * CPUs it asked with an NMI, then the tasks it names */
static long from_stalled(const struct report *r, unsigned int families)
{
	static const enum stack_kind self[] = { STACK_MAIN, STACK_OTHER_CPU, STACK_TASK };
	static const enum stack_kind others[] = { STACK_OTHER_CPU, STACK_TASK, STACK_MAIN };
	bool is_self = r->headline && !strstr(r->headline, "detected stalls on");
	const enum stack_kind *order = is_self ? self : others;
	uint64_t mask = stalled_cpus(r);

	for (size_t s = 0; mask && s < r->n_stacks; s++)
		if (is_stalled_cpu_stack(r, s, mask)) {
			long g = stalled_operation(r, s, families);
			if (g >= 0)
				return g;
		}
	for (size_t k = 0; k < ARRAY_SIZE(self); k++)
		for (size_t s = 0; s < r->n_stacks; s++) {
			if (r->stacks[s].kind != order[k])
				continue;
			long g = stalled_operation(r, s, families);
			if (g >= 0)
				return g;
		}
	return first_in_kinds(r, order, ARRAY_SIZE(self), families);
}

/* KCSAN: "data-race in A / B", each side from its access's stack when the kernel's
 * choice is a helper */
static char *race_functions(const struct report *r, unsigned int families, long *guilty)
{
	char side[2][KSYM_NAME_LEN] = { "", "" };
	const char *in = r->headline ? strstr(r->headline, " in ") : NULL;
	size_t access = 0;

	if (in) {
		const char *slash = strstr(in + 4, " / ");
		struct frame f;
		struct frame_marker m;
		if (frame_parse(in + 4, &f, &m) == FRAME_LINE_FRAME)
			frame_base_name(f.symbol, side[0], sizeof(side[0]));
		if (slash && frame_parse(slash + 3, &f, &m) == FRAME_LINE_FRAME)
			frame_base_name(f.symbol, side[1], sizeof(side[1]));
	}
	for (size_t s = 0; s < r->n_stacks && access < 2; s++) {
		if (r->stacks[s].kind != STACK_ACCESS)
			continue;
		long g = first_in_stack(r, s, families);
		if (g >= 0 && access == 0)
			*guilty = g;
		if (g >= 0 && (side[access][0] == '\0' || kind_is_helper(side[access], families)))
			frame_base_name(r->frames[g].symbol, side[access], sizeof(side[access]));
		access++;
	}
	if (side[0][0] == '\0')
		return NULL;
	char a[KSYM_NAME_LEN], b[KSYM_NAME_LEN];
	kind_title_name(side[0], a, sizeof(a));
	kind_title_name(side[1], b, sizeof(b));
	return b[0] ? xasprintf("%s / %s", a, b) : xstrdup(a);
}

/* the guilty function as titles name it */
static char *title_name(const char *function)
{
	char buf[KSYM_NAME_LEN];

	kind_title_name(function, buf, sizeof(buf));
	return xstrdup(buf);
}

/* The function frame g's instruction is in.  A pc past a trap that ends its function
 * (s390's PSW after BUG()'s monitor call) is printed as the next one, "atomic_path+0x0/0x50":
 * then it is the function whose printed extent holds the trap, when a frame of the same
 * object shows one (s390's Last Breaking-Event-Address), else the printed one. */
static const char *trap_function(const struct report *r, long g)
{
	const struct frame *f = &r->frames[g];

	if (!f->has_offset || f->offset >= f->pc_rewind || !f->has_address ||
	    f->address < f->pc_rewind)
		return f->symbol;
	uint64_t trap = f->address - f->pc_rewind;
	for (size_t i = 0; i < r->n_frames; i++) {
		const struct frame *o = &r->frames[i];
		if (!o->has_address || !o->has_offset || !o->has_size || !o->symbol[0] ||
		    o->address < o->offset || !streq(o->module, f->module))
			continue;
		uint64_t start = o->address - o->offset;
		if (trap >= start && trap - start < o->size)
			return o->symbol;
	}
	return f->symbol;
}

void report_find_guilty(struct report *r)
{
	char name[KSYM_NAME_LEN];
	long g = -1;

	r->variant = find_variant(r);
	unsigned int families = kind_helper_families();
	switch (r->rk->guilty) {
	case GUILTY_NONE:
		return;
	case GUILTY_RACE:
		r->guilty_function = race_functions(r, families, &r->guilty);
		return;
	case GUILTY_NAMED:
		/* the sanitizer names the function whose own access was bad: interrupt
		 * plumbing such as __run_timers can be it */
		if (named_function(r, name, sizeof(name)) &&
		    !kind_is_helper(name, kind_fault_caller_families())) {
			r->guilty_function = title_name(name);
			r->guilty = frame_of(r, name);
			return;
		}
		g = from_ip(r, families);
		/* nothing better in the stack: the function the first line names, after all */
		if (g < 0 && named_function(r, name, sizeof(name))) {
			r->guilty_function = title_name(name);
			return;
		}
		break;
	case GUILTY_IP:
		g = from_ip(r, families);
		break;
	case GUILTY_STACK:
		g = main_stack(r, families);
		break;
	case GUILTY_SLEEPER:
		g = main_stack(r, kind_sleeper_families());
		break;
	case GUILTY_LOCK_NEW:
		g = from_new_lock(r, families);
		if (g < 0)
			g = main_stack(r, families);
		break;
	case GUILTY_LOCK_AT:
		if (lock_site(r, name, sizeof(name), families)) {
			r->guilty_function = title_name(name);
			r->guilty = frame_of(r, name);
			return;
		}
		g = main_stack(r, families);
		break;
	case GUILTY_BLOCKED: {
		static const enum stack_kind blocked[] = { STACK_TASK, STACK_MAIN };
		g = first_in_kinds(r, blocked, ARRAY_SIZE(blocked), families);
		break;
	}
	case GUILTY_STALLED:
		g = from_stalled(r, families);
		break;
	case GUILTY_OPERATION:
		g = outermost_operation(r, families);
		if (g < 0)
			g = main_stack(r, families);
		break;
	}
	/* a stack of helpers only: the first that is not the reporting machinery */
	if (g < 0 && r->rk->guilty != GUILTY_NAMED)
		g = main_stack(r, kind_last_resort_families());
	if (g < 0)
		return;
	r->guilty = g;
	frame_base_name(trap_function(r, g), name, sizeof(name));
	r->guilty_function = title_name(name);
}
