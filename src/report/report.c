// SPDX-License-Identifier: GPL-2.0-or-later
/* report.c: lines -> struct report: boundaries, stacks, CPU/PID/Comm, taint, modules, frames. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "disasm/disasm.h"
#include "report/kinds.h"
#include "input/prefix.h"
#include "report/report.h"
#include "shared/strbuf.h"
#include "shared/once.h"
#include "shared/util.h"

/* a "BUG:" line that prints nothing useful for this many lines was no report */
#define HEADER_MAX_OTHER_LINES 60
/* a free-form "WARNING:" or "BUG:" line needs the kernel's grammar within this many lines */
#define WEAK_MAX_LINES 10
/* reports of other tasks or CPUs set aside while one prints (CONFIG_PRINTK_CALLER), and
 * how many lines one waits for its caller before it is closed */
#define PARKED_MAX 4
#define PARKED_MAX_LINES 500

enum line_class {
	LC_OTHER,
	LC_EMPTY,		/* a line with a prefix and no message */
	LC_START,		/* a report's first line ("BUG: ...", "Oops: ...", ...) */
	LC_CUT_HERE,		/* "------------[ cut here ]------------" */
	LC_END_TRACE,		/* "---[ end trace 0000000000000000 ]---" */
	LC_END_PANIC,		/* "---[ end Kernel panic - not syncing: ... ]---" */
	LC_TASK,		/* "CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0-56-cloud-amd64 #1" */
	LC_TRACE_HEADER,	/* "Call Trace:" */
	LC_STACK_HEADER,	/* "Allocated by task 14764:", "-> #0 (&lock){+.+.}:" */
	LC_MODULES,		/* "Modules linked in: oopsmod(O) ..." */
	LC_KERNEL_OFFSET,	/* "Kernel Offset: 0x2a000000 from ..." */
	LC_STATE,		/* "Code:", registers, "Hardware name:", "#PF:", ... */
	LC_GRAMMAR,		/* lock lists, IRQ state, NMI notes: a report's, never opens one */
	LC_SEPARATOR,		/* "=====...": brackets sanitizer reports */
	LC_DECODED,		/* "  => foo at bar.c:12:3": a line kdecode itself added */
	LC_FRAME,
	LC_MARKER,
};

enum phase {
	PHASE_HEADER,		/* before the first call frame */
	PHASE_TRACE,		/* in "Call Trace:" */
	PHASE_AFTER_END,	/* after "---[ end trace": the RIP and registers again */
};

static const struct {
	const char *prefix;
	enum line_class class;
} classes[] = {
	{ "------------[ cut here ]------------", LC_CUT_HERE },
	{ "------------ cut here ------------", LC_CUT_HERE },
	{ "8<--- cut here ---", LC_CUT_HERE },	/* arm */
	{ "---[ end trace", LC_END_TRACE },
	{ "---[ end Kernel panic", LC_END_PANIC },
	{ "Call Trace:", LC_TRACE_HEADER },
	{ "Call trace:", LC_TRACE_HEADER },
	{ "Backtrace:", LC_TRACE_HEADER },	/* arm */
	{ "backtrace:", LC_TRACE_HEADER },	/* kmemleak */
	{ "backtrace (crc ", LC_TRACE_HEADER },	/* kmemleak, 6.6+ */
	{ "Modules linked in:", LC_MODULES },
	{ "Kernel Offset:", LC_KERNEL_OFFSET },
	{ "Hardware name: ", LC_STATE },
	{ "Workqueue: ", LC_STATE },
	{ "#PF: ", LC_STATE },
	{ "PGD ", LC_STATE },
	{ "Stack:", LC_STATE },
	{ "Tainted: [", LC_STATE },	/* 6.11+ legend: "Tainted: [W]=WARN" */
	{ "=====", LC_SEPARATOR },
	{ "=> ", LC_DECODED },
};

struct report_parser {
	char *source;
	struct report *cur;
	enum phase phase;
	const char *context;		/* from the last "<IRQ>"-style marker */
	bool has_die_line;
	bool has_free_text;		/* until last_stack's header, or "====" */
	const char *last_stack;
	bool is_tentative;		/* a weak start not yet followed by kernel grammar */
	bool is_skipping;		/* cur is the rest of a cut report: read, not kept */
	bool next_trace_is_new;		/* "stack backtrace:": the next "Call Trace:" is main */
	bool is_after_trace_header;	/* no frame since "Call trace:" yet */
	bool next_is_exact;		/* the next frame is a pc: the first of a stack header
					 * that says so (KFENCE's access), an interrupted pc
					 * (arm's "Exception stack", s390's breaking event) */
	bool has_pc_slot;		/* next_is_exact if the frame's address is the word */
	uint64_t pc_slot;		/* at this address of the dump being read */
	unsigned int word_size;
	bool has_dumped_pc;		/* that word, once read */
	uint64_t dumped_pc;
	struct registers_state regs;	/* the report's register lines so far */
	unsigned int pc_rewind;		/* arch_trap_rewind() of its die() line */
	unsigned int other_lines;	/* unrecognised lines in the header so far */
	unsigned int pending;		/* unrecognised messages in a row inside a stack */
	unsigned int pending_lines;	/* and their lines */
	size_t lines_alloc, frames_alloc, values_alloc, stacks_alloc, codes_alloc;

	/* the input's, not one report's: kept by swap_state() */
	bool has_last_time;		/* the last line fed had a timestamp: */
	uint64_t last_time_us;		/* this one */
	struct report_parser *parked;	/* PARKED_MAX states of other callers' reports */
	unsigned long parked_since[PARKED_MAX];
	size_t n_parked;
	struct report **ready;		/* closed, in the order they closed */
	size_t n_ready, ready_alloc;
};

/* "RAX: dffffc0000000000 RBX: ...", "RSP: 0018:ffffc9000414fb40 EFLAGS: ...", "FS:  0000...",
 * arm64 "x29: ffff800080c9bb10 x28: ...", "x1 : ffff...", arm "r10: 82c92c74  r9 : 920a1340" */
static bool is_register_line(const char *s)
{
	size_t n = 0;

	while (isalnum((unsigned char)s[n]) || s[n] == '_')
		n++;
	if (n < 2 || n > 8 || !isalpha((unsigned char)s[0]))
		return false;
	if (s[n] == ' ' && s[n + 1] == ':')
		n++;
	if (s[n] != ':')
		return false;
	n++;
	while (s[n] == ' ')
		n++;
	size_t hex = 0;
	while (isxdigit((unsigned char)s[n + hex]))
		hex++;
	return hex >= 4 && (s[n + hex] == ' ' || s[n + hex] == ':' || s[n + hex] == '(' ||
			    s[n + hex] == '\0');
}

/* an old x86 stack dump, " ffff8800458dfa38 ffffffff82d383a9 ffffffff00000000": words of
 * 8 or 16 hex digits and nothing else */
static bool is_stack_dump_line(const char *s)
{
	size_t words = 0;

	for (;;) {
		s += strspn(s, " ");
		if (*s == '\0')
			return words >= 2;
		size_t n = strspn(s, "0123456789abcdef");
		if ((n != 8 && n != 16) || (s[n] != ' ' && s[n] != '\0'))
			return false;
		s += n;
		words++;
	}
}

/* arm's stack dump after "Stack: (0x977bdd48 to 0x977be000)":
 * "dd40:                   977bdda0 8062eec8 9f576840 8062ed74 9684b8f7 9684b800" */
static bool is_arm_stack_line(const char *s)
{
	size_t n = strspn(s, "0123456789abcdef");

	return n == 4 && s[4] == ':' && s[5] == ' ' && is_stack_dump_line(s + 5 + strspn(s + 5, " ")
										- 1);
}

/* a frame line decoded by syzbot's or decode_stacktrace.sh's symbolizer for a function
 * inlined there: "kzalloc_noprof include/linux/slab.h:1094 [inline]" */
static bool is_decoded_inline(const char *s)
{
	static const char mark[] = " [inline]";
	size_t len = strlen(s), id = 0;

	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t'))
		len--;
	if (len < sizeof(mark) - 1 ||
	    strncmp(s + len - (sizeof(mark) - 1), mark, sizeof(mark) - 1) != 0)
		return false;
	while (is_ident_char(s[id]) || s[id] == '.')
		id++;
	if (id == 0 || s[id] != ' ')
		return false;
	const char *place = s + id + 1;
	size_t n = strcspn(place, " ");
	const char *colon = memchr(place, ':', n);
	return colon && colon + 1 < place + n && isdigit((unsigned char)colon[1]) &&
	       place + n == s + len - (sizeof(mark) - 1);
}

/* "CPU: 0 PID: 1 Comm: sh" needs both words, or it is a boot message ("CPU: Intel ...") */
static bool is_task_line(const char *msg)
{
	return (startswith(msg, "CPU: ") && strstr(msg, " PID: ") && strstr(msg, " Comm: ")) ||
	       (startswith(msg, "Pid: ") && strstr(msg, ", comm: "));
}

struct classified {
	enum line_class class;
	const struct report_kind *kind;		/* LC_START */
	const struct stack_header *stack;	/* LC_STACK_HEADER */
	struct frame f;				/* LC_FRAME */
	struct frame_marker m;			/* LC_FRAME, LC_MARKER */
	bool continues_foreign;			/* LC_OTHER: the next line of a message
						 * of other output, same timestamp */
};

static void classify(const char *msg, struct classified *c)
{
	const char *s = msg + blank_span(msg);

	c->kind = NULL;
	c->stack = NULL;
	if (*s == '\0') {
		c->class = LC_EMPTY;
		return;
	}
	if ((c->kind = kind_match(s))) {
		c->class = LC_START;
		return;
	}
	if (is_task_line(s)) {
		c->class = LC_TASK;
		return;
	}
	if (is_decoded_inline(s)) {
		c->class = LC_DECODED;
		return;
	}
	/* "Code: ...", "Krnl Code:", "Instruction dump:"; s390's "Last Breaking-Event-Address:" */
	if (arch_is_code_line(s) || arch_is_exact_header(s)) {
		c->class = LC_STATE;
		return;
	}
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++) {
		if (startswith(s, classes[i].prefix)) {
			c->class = classes[i].class;
			return;
		}
	}
	if ((c->stack = stack_header_match(s))) {
		c->class = LC_STACK_HEADER;
		return;
	}
	switch (frame_parse(msg, &c->f, &c->m)) {
	case FRAME_LINE_FRAME:
		c->class = LC_FRAME;
		return;
	case FRAME_LINE_MARKER:
		c->class = LC_MARKER;
		return;
	case FRAME_LINE_NONE:
		break;
	}
	if (is_register_line(s) || is_stack_dump_line(s) || is_arm_stack_line(s))
		c->class = LC_STATE;
	else if (kind_is_report_grammar(s))
		c->class = LC_GRAMMAR;
	else
		c->class = LC_OTHER;
}

struct report_parser *report_parser_new(const char *source)
{
	struct report_parser *rp = xcalloc(1, sizeof(*rp));

	rp->source = xstrdup(source);
	return rp;
}

void report_parser_free(struct report_parser *rp)
{
	if (rp == NULL)
		return;
	report_free(rp->cur);
	for (size_t i = 0; i < rp->n_parked; i++)
		report_free(rp->parked[i].cur);
	free(rp->parked);
	for (size_t i = 0; i < rp->n_ready; i++)
		report_free(rp->ready[i]);
	free(rp->ready);
	free(rp->source);
	free(rp);
}

void report_free(struct report *r)
{
	if (r == NULL)
		return;
	for (size_t i = 0; i < r->n_lines; i++) {
		free(r->lines[i].raw);
		free(r->lines[i].prefix);
	}
	for (size_t i = 0; i < r->n_frames; i++)
		frame_release(&r->frames[i]);
	for (size_t i = 0; i < r->n_values; i++)
		value_release(&r->values[i]);
	free(r->values);
	for (size_t i = 0; i < r->n_warnings; i++)
		free(r->warnings[i]);
	free(r->warnings);
	free(r->lines);
	free(r->frames);
	for (size_t i = 0; i < r->n_stacks; i++)
		free(r->stacks[i].header);
	free(r->stacks);
	free(r->variant);
	free(r->guilty_function);
	free(r->modules);
	free(r->last_unloaded);
	free(r->source);
	free(r->headline);
	free(r->title);
	for (size_t i = 0; i < r->n_codes; i++) {
		free(r->codes[i].unreadable);
		disasm_free(r->codes[i].disasm);
	}
	free(r->codes);
	free(r->comm);
	free(r->tainted);
	free(r->release);
	free(r->build);
	free(r->build_extra);
	for (size_t i = 0; i < r->n_mismatches; i++)
		free(r->mismatches[i]);
	free(r->mismatches);
	free(r->verified);
	free(r->vmlinux_build_id);
	free(r->corrupted);
	free(r);
}

bool report_add_warning(struct report *r, const char *fmt, ...)
{
	va_list ap;

	/* bounded: a snapshot of 100,000 modules can disagree with a report 100,000 times */
	if (r->n_warnings > REPORT_MAX_WARNINGS)
		return false;
	if (r->n_warnings == REPORT_MAX_WARNINGS) {
		r->warnings = xreallocarray(r->warnings, r->n_warnings + 1, sizeof(*r->warnings));
		r->warnings[r->n_warnings++] = xasprintf("more than %d warnings: no more are kept",
							 REPORT_MAX_WARNINGS);
		return false;
	}
	va_start(ap, fmt);
	char *msg = xvasprintf(fmt, ap);
	va_end(ap);
	for (size_t i = 0; i < r->n_warnings; i++) {
		if (streq(r->warnings[i], msg)) {
			free(msg);
			return false;
		}
	}
	r->warnings = xreallocarray(r->warnings, r->n_warnings + 1, sizeof(*r->warnings));
	r->warnings[r->n_warnings++] = msg;
	return true;
}

bool report_first_check(struct report *r, const void *key)
{
	for (size_t i = 0; i < r->n_verified; i++)
		if (r->verified[i] == key)
			return false;
	r->verified = xreallocarray(r->verified, r->n_verified + 1, sizeof(*r->verified));
	r->verified[r->n_verified++] = key;
	return true;
}

bool report_add_mismatch(struct report *r, const char *msg)
{
	report_add_warning(r, "%s", msg);
	for (size_t i = 0; i < r->n_mismatches; i++)
		if (streq(r->mismatches[i], msg))
			return false;
	/* counted even when no more are kept: the exit status must still say it */
	if (r->n_mismatches >= REPORT_MAX_WARNINGS)
		return true;
	r->mismatches = xreallocarray(r->mismatches, r->n_mismatches + 1, sizeof(*r->mismatches));
	r->mismatches[r->n_mismatches++] = xstrdup(msg);
	return true;
}

void report_set_corrupted(struct report *r, const char *fmt, ...)
{
	va_list ap;

	if (r->corrupted)
		return;	/* the first reason is the one that explains the rest */
	va_start(ap, fmt);
	r->corrupted = xvasprintf(fmt, ap);
	va_end(ap);
	report_add_warning(r, "report corrupted: %s", r->corrupted);
}

static const char *after(const char *s, const char *word)
{
	const char *p = strstr(s, word);

	return p ? p + strlen(word) : NULL;
}

static char *next_word(const char *s, const char **end)
{
	s += strspn(s, " ");
	size_t n = strcspn(s, " ");
	if (end)
		*end = s + n;
	return n ? xstrndup(s, n) : NULL;
}

/* "CPU: 0 PID: 77 Comm: sh Tainted: G      D    O       6.1.0-56-cloud-amd64 #1"
 * "CPU: 0 UID: 0 PID: 5827 Comm: syz 1 Kdump: loaded Not tainted 6.14.0 #0 PREEMPT(full)"
 * "Pid: 22695, comm: ksoftirqd/2 Not tainted 3.2.5-3.fc16.x86_64 #1" (<= 3.x)
 * Comm holds up to 15 bytes and may contain spaces, so find its end by the taint words. */
static void parse_task_line(struct report *r, const char *msg, unsigned long no)
{
	const char *p, *comm, *end = NULL, *taint = NULL;
	uint64_t v;

	if (r->has_task)
		return; /* a second CPU line in one report belongs to the "NMI backtrace" */
	if ((p = after(msg, "CPU: ")) && parse_dec(p, &v))
		r->cpu = (int)v;
	else
		r->cpu = -1;
	if (((p = after(msg, "PID: ")) || (p = after(msg, "Pid: "))) && parse_dec(p, &v))
		r->pid = (int)v;
	else
		r->pid = -1;
	comm = after(msg, " Comm: ");
	if (comm == NULL)
		comm = after(msg, ", comm: ");
	if (comm == NULL)
		return;
	if ((p = strstr(comm, " Not tainted"))) {
		end = p;
		taint = p + STRLEN(" Not tainted");
		r->tainted = xstrdup("");
	} else if ((p = strstr(comm, " Tainted: "))) {
		struct strbuf flags = STRBUF_INIT;
		end = p;
		for (taint = p + STRLEN(" Tainted: ");
		     isupper((unsigned char)*taint) || *taint == ' ' || *taint == '-'; taint++)
			if (isupper((unsigned char)*taint))
				strbuf_pushchar(&flags, *taint);
		r->tainted = strbuf_steal(&flags);
	} else {
		return;
	}
	if ((p = strstr(comm, " Kdump: loaded")) && p < end)
		end = p;
	r->has_task = true;
	r->comm = xstrndup(comm, (size_t)(end - comm));
	r->release = next_word(taint, &p);
	/* the release becomes part of paths (/lib/modules/REL/...): "../../tmp/x" must not */
	if (r->release && !kernel_release_is_valid(r->release)) {
		report_add_warning(r, "line %lu: invalid kernel release '%s': not used to find "
				   "debug files", no, r->release);
		free(TAKE_PTR(r->release));
		r->has_invalid_release = true;
	}
	/* the last word, when it is 20+ bytes of hex, is the vmlinux build ID */
	const char *last = p + strlen(p);
	while (last > p && last[-1] == ' ')
		last--;
	const char *word = last;
	while (word > p && word[-1] != ' ')
		word--;
	size_t len = (size_t)(last - word);
	if (len >= 40 && len <= BUILD_ID_HEX_MAX && len % 2 == 0 && is_hex_string(word, len)) {
		r->vmlinux_build_id = xstrndup(word, len);
		last = word;
	}
	/* "#1", the first word of the build's version (utsname), then what a distribution
	 * adds ("Debian 6.1.192-2") or 6.14's "PREEMPT(full)" */
	p += strspn(p, " ");
	if (*p == '#' && p < last) {
		size_t n = strcspn(p, " ");
		r->build = xstrndup(p, n < (size_t)(last - p) ? n : (size_t)(last - p));
		p += strlen(r->build);
		p += strspn(p, " ");
		while (last > p && last[-1] == ' ')
			last--;
		if (last > p)
			r->build_extra = xstrndup(p, (size_t)(last - p));
	}
}

/* "Modules linked in: oopsmod(O) ext4 crc16 [last unloaded: foo(O)]" */
static void parse_modules_line(struct report *r, const char *msg)
{
	const char *p = after(msg, "Modules linked in:");

	if (r->has_modules)
		return;
	r->has_modules = true;
	for (;;) {
		p += strspn(p, " ");
		if (*p == '\0')
			break;
		if (startswith(p, "[last unloaded: ")) {
			p += STRLEN("[last unloaded: ");
			size_t n = strcspn(p, "(]");
			free(r->last_unloaded);
			r->last_unloaded = xstrndup(p, n);
			break;
		}
		size_t n = strcspn(p, " (");
		struct report_module mod = { 0 };
		if (frame_is_valid_module_name(p, n))
			memcpy(mod.name, p, n);
		p += n;
		if (*p == '(') {
			size_t f = strcspn(p + 1, ") ");
			if (p[1 + f] == ')' && f < sizeof(mod.flags))
				memcpy(mod.flags, p + 1, f);
			p += 1 + f + (p[1 + f] == ')');
		}
		p += strcspn(p, " ");
		if (mod.name[0] == '\0')
			continue;
		r->modules = xreallocarray(r->modules, r->n_modules + 1, sizeof(*r->modules));
		r->modules[r->n_modules++] = mod;
	}
}

/* "Kernel Offset: 0x2a000000 from 0xffffffff81000000 (relocation range: ...)" or "disabled" */
static void parse_kernel_offset(struct report *r, const char *msg)
{
	const char *p = after(msg, "Kernel Offset: ");
	uint64_t v;

	if (p == NULL)
		return;
	if (startswith(p, "disabled")) {
		r->has_kernel_offset = true;
		r->kernel_offset = 0;
	} else if (parse_hex(p, &v)) {
		r->has_kernel_offset = true;
		r->kernel_offset = v;
	}
	/* "Kernel Offset: 0x5c00000 from 0xffffffff81000000 (relocation range: ...)": the
	 * second number is _text's link address (__START_KERNEL) */
	const char *from = after(p, " from 0x");
	uint64_t link;
	if (r->has_kernel_offset && from && parse_hex(from, &link)) {
		r->has_kernel_text = true;
		r->kernel_text = link + r->kernel_offset;
	}
}

/* ---- the parser ---- */

static void reset_state(struct report_parser *rp)
{
	rp->phase = PHASE_HEADER;
	rp->context = NULL;
	rp->has_die_line = rp->has_free_text = rp->is_skipping = rp->is_tentative = false;
	rp->pc_rewind = 0;
	rp->next_trace_is_new = false;
	rp->is_after_trace_header = rp->next_is_exact = false;
	rp->has_pc_slot = rp->has_dumped_pc = false;
	rp->regs = (struct registers_state){ 0 };
	rp->last_stack = NULL;
	rp->other_lines = rp->pending = rp->pending_lines = 0;
	rp->lines_alloc = rp->frames_alloc = rp->values_alloc = rp->stacks_alloc = 0;
	rp->codes_alloc = 0;
}

/* s390: the PSW frames at the Krnl Code's pc are past its monitor call when WARN's (no
 * die() line says so); and the instruction that trapped is the one before the pc, '#' */
static void rewind_to_trap(struct report *r, struct arch_code *c)
{
	unsigned int rewind = arch_code_trap_rewind(c);
	uint64_t pc = c->address + c->trap_offset;
	bool is_past = false;

	if (!c->has_address || !c->has_trap)
		return;
	for (size_t i = 0; i < r->n_frames; i++) {
		struct frame *f = &r->frames[i];
		if (f->role != FRAME_ROLE_IP || !f->has_address || f->address != pc)
			continue;
		if (f->pc_rewind == 0)
			f->pc_rewind = rewind;
		is_past |= c->has_before_trap && f->pc_rewind &&
			   f->pc_rewind == c->trap_offset - c->before_trap_offset;
	}
	if (is_past) {
		c->pc_past_trap = (unsigned int)(c->trap_offset - c->before_trap_offset);
		c->trap_offset = c->before_trap_offset;
	}
}

static struct report *close_report(struct report_parser *rp)
{
	struct report *r = TAKE_PTR(rp->cur);

	/* lines of other output after its last stack line are not its own */
	if (rp->pending_lines && rp->pending_lines < r->n_lines) {
		r->n_trailing = rp->pending_lines;
		r->last_line = r->lines[r->n_lines - rp->pending_lines - 1].no;
	}
	r->is_spurious = rp->is_tentative;
	if (r->rk == NULL)
		r->rk = &kind_backtrace;
	if (r->kind == NULL) {
		r->kind = "unknown"; /* a "cut here", and nothing we know after it */
		r->class = "unknown";
	}
	for (size_t i = 0; i < r->n_codes; i++)
		rewind_to_trap(r, &r->codes[i].code);
	report_find_guilty(r);
	report_make_title(r);
	reset_state(rp);
	return r;
}

/* the end of a report that was cut: nothing of it is kept, its lines were echoed */
static void end_skipping(struct report_parser *rp)
{
	report_free(TAKE_PTR(rp->cur));
	reset_state(rp);
}

/* REPORT_MAX_LINES reached: the report is closed once, marked corrupted, and the rest of
 * it is read (so that its frames open no reports of their own) but kept nowhere */
static struct report *cut_report(struct report_parser *rp)
{
	struct report_parser state = *rp;

	rp->cur->is_truncated = true;
	report_set_corrupted(rp->cur, "cut after %d lines: frames after it are not decoded",
			     REPORT_MAX_LINES);
	rp->pending = rp->pending_lines = 0;
	const struct report_kind *rk = rp->cur->rk;
	const char *kind = rp->cur->kind;
	struct report *r = close_report(rp);
	rp->cur = xcalloc(1, sizeof(*rp->cur));
	rp->cur->rk = rk;
	rp->cur->kind = kind;
	rp->phase = state.phase;
	rp->context = state.context;
	rp->has_die_line = state.has_die_line;
	rp->has_free_text = state.has_free_text;
	rp->last_stack = state.last_stack;
	rp->is_skipping = true;
	return r;
}

static size_t frames_in(const struct report *r, size_t stack)
{
	size_t n = 0;

	for (size_t i = r->n_frames; i-- > 0 && r->frames[i].stack == stack;)
		n++;
	return n;
}

static struct report_stack *current_stack(struct report_parser *rp)
{
	struct report *r = rp->cur;

	/* frames before any header, or after a note's frame: the report's own stack */
	if (r->n_stacks == 0 || (r->stacks[r->n_stacks - 1].is_note &&
				 frames_in(r, r->n_stacks - 1) > 0)) {
		ARRAY_GROW(r->stacks, r->n_stacks, rp->stacks_alloc);
		r->stacks[r->n_stacks++] = (struct report_stack){ .kind = STACK_MAIN };
	}
	return &r->stacks[r->n_stacks - 1];
}

static void new_stack(struct report_parser *rp, enum stack_kind kind, const char *header,
		      unsigned long no)
{
	struct report *r = rp->cur;

	ARRAY_GROW(r->stacks, r->n_stacks, rp->stacks_alloc);
	r->stacks[r->n_stacks++] = (struct report_stack){
		.kind = kind,
		.line = no,
		.header = xstrdup(header),
	};
	rtrim(r->stacks[r->n_stacks - 1].header);
}

/* a note's header seen ("Preemption disabled at:"), and not its frame yet */
static bool is_note_open(const struct report *r)
{
	return r->n_stacks > 0 && r->stacks[r->n_stacks - 1].is_note &&
	       frames_in(r, r->n_stacks - 1) == 0;
}

/* a header seen, and no frame yet: "NMI backtrace for cpu 1" then its CPU line */
static bool is_stack_fresh(const struct report_parser *rp)
{
	const struct report *r = rp->cur;

	return r->n_stacks > 0 && r->stacks[r->n_stacks - 1].header &&
	       frames_in(r, r->n_stacks - 1) == 0;
}

/* "stack backtrace:" ends lockdep's free text, kmemleak's "backtrace:" its own */
static void check_last_stack(struct report_parser *rp, const char *s)
{
	if (rp->has_free_text && rp->last_stack && startswith(s, rp->last_stack))
		rp->has_free_text = false;
}

/* the calls a stack has shown so far, not counting arm64's "lr :" (no trace's) */
static size_t traced_calls(const struct report *r, size_t stack)
{
	size_t n = 0;

	for (size_t i = r->n_frames; i-- > 0 && r->frames[i].stack == stack;)
		n += r->frames[i].role == FRAME_ROLE_CALL && !r->frames[i].is_link_register;
	return n;
}

/* "Call Trace:": the stack its header opened, or the RIP's; else a stack of its own, as
 * after a header's frames: SLUB's "Freed in f+0x1/0x2 age=..." history, then dump_stack() */
static void trace_header(struct report_parser *rp, const char *s, unsigned long no)
{
	struct report_stack *st = current_stack(rp);
	size_t index = rp->cur->n_stacks - 1;

	/* after a header's own calls too: a lockdep chain ("-> #2 (&rq->lock):") of a
	 * report cut before "stack backtrace:" */
	if (st->has_trace_header || traced_calls(rp->cur, index)) {
		new_stack(rp, STACK_MAIN, s, no);
		st = current_stack(rp);
	}
	st->has_trace_header = true;
	check_last_stack(rp, s);
}

static bool is_followup(const struct report_parser *rp, const struct report_kind *k)
{
	const struct report_kind *cur = rp->cur->rk;

	if (rp->phase != PHASE_HEADER)
		return false;
	if (cur == NULL) /* "cut here", then the WARNING or kernel BUG line */
		return true;
	/* "BUG: kernel NULL pointer dereference" ... "Oops: 0002 [#1] SMP PTI" */
	if ((k->flags & KIND_DIE) && !rp->has_die_line)
		return true;
	/* "list_del corruption. ..." then "kernel BUG at lib/list_debug.c:53!" */
	if (cur->flags & KIND_PRELUDE)
		return true;
	return (k->flags & KIND_FOLLOWS_ANY) != 0;
}

/* a line only the kernel prints: a weak start ("WARNING: foo") becomes a report */
static bool confirms(const struct classified *c)
{
	switch (c->class) {
	case LC_START:
		return !(c->kind->flags & KIND_WEAK);
	case LC_TASK:
	case LC_TRACE_HEADER:
	case LC_STACK_HEADER:
	case LC_MODULES:
	case LC_STATE:
	case LC_END_TRACE:
	case LC_MARKER:
		return true;
	case LC_FRAME:
		return c->f.symbol[0] != '\0' && !c->f.is_user;
	default:
		return false;
	}
}

/* does the open report take this line, or does the line end it? */
static bool accepts(struct report_parser *rp, const struct classified *c)
{
	if (rp->is_tentative && rp->cur->n_lines >= WEAK_MAX_LINES && !confirms(c))
		return false;
	switch (c->class) {
	case LC_START:
		if (is_followup(rp, c->kind))
			return true;
		/* "Kernel panic - not syncing: Fatal exception" ends the report before it,
		 * unless other output came between them */
		return (c->kind->flags & KIND_EPILOGUE) && rp->cur->rk && !rp->is_tentative &&
		       rp->pending == 0;
	case LC_CUT_HERE:
		/* "list_del corruption. ..." is followed by the BUG()'s "cut here" */
		return rp->phase == PHASE_HEADER && rp->cur->rk &&
		       (rp->cur->rk->flags & KIND_PRELUDE);
	case LC_TASK:
		return rp->phase == PHASE_HEADER || rp->has_free_text || is_stack_fresh(rp);
	case LC_KERNEL_OFFSET:
	case LC_STATE:
	case LC_END_PANIC:
	case LC_DECODED:
	case LC_GRAMMAR:
	case LC_EMPTY:
		return true;
	case LC_SEPARATOR:
		return rp->has_free_text;
	case LC_FRAME:
		return c->f.role == FRAME_ROLE_IP || rp->phase != PHASE_AFTER_END;
	case LC_TRACE_HEADER:
	case LC_STACK_HEADER:
	case LC_MODULES:
	case LC_END_TRACE:
	case LC_MARKER:
		return rp->phase != PHASE_AFTER_END;
	case LC_OTHER:
		if (rp->has_free_text)
			return true;
		if (rp->phase == PHASE_HEADER)
			return rp->other_lines < HEADER_MAX_OTHER_LINES;
		/* another CPU's line inside a stack: the report goes on after it */
		return rp->phase == PHASE_TRACE &&
		       (c->continues_foreign || rp->pending < REPORT_MAX_FOREIGN);
	}
	return false;
}

/* may this line begin a report? A bare stack ("Call Trace:", a CPU line, a symbolic
 * frame) is a backtrace of its own: dump_stack(), or a report whose start was lost */
/* the classes that open a report; may_open() has a check for each */
static bool opens(const struct classified *c)
{
	switch (c->class) {
	case LC_START:
	case LC_CUT_HERE:
	case LC_TASK:
	case LC_TRACE_HEADER:
	case LC_STACK_HEADER:
		return true;
	case LC_FRAME:
		return c->f.symbol[0] && !c->f.is_user;
	default:
		return false;
	}
}

static void open_report(struct report_parser *rp, const struct line *l,
			const struct prefix *pfx, const struct classified *c)
{
	struct report *r = xcalloc(1, sizeof(*r));

	r->source = xstrdup(rp->source);
	r->first_line = l->no;
	r->has_time = pfx->has_time;
	r->time_us = pfx->time_us;
	r->cpu = r->pid = -1;
	r->guilty = -1;
	r->last_pc = -1;
	memcpy(r->caller, pfx->caller, sizeof(r->caller));
	rp->cur = r;
	rp->is_tentative = c->class == LC_CUT_HERE ||
			   (c->class == LC_START && (c->kind->flags & KIND_WEAK));
}

/* the first line that only one architecture prints names the report's */
static void note_arch(struct report *r, enum arch arch)
{
	if (r->arch == ARCH_UNKNOWN && arch != ARCH_UNKNOWN)
		r->arch = r->report_arch = arch;
}

/* arm64's "Call trace:" starts at regs->pc: its first entry is "pc :" again, the faulting
 * instruction and not a return address */
static bool is_pc_again(const struct report *r, const struct frame *f)
{
	if (!arch_has_pc_first_in_trace(r->arch) || !f->has_offset)
		return false;
	for (size_t i = r->n_frames; i-- > 0;) {
		const struct frame *pc = &r->frames[i];
		if (pc->role != FRAME_ROLE_IP)
			continue;
		return pc->has_offset && pc->offset == f->offset && streq(pc->symbol, f->symbol) &&
		       streq(pc->module, f->module);
	}
	return false;
}

static long add_frame(struct report_parser *rp, const struct frame *f)
{
	struct report *r = rp->cur;
	/* the dump's pc, not a return address the frame-pointer unwinder went on at */
	bool is_dumped_pc = !rp->has_pc_slot ||
			    (rp->has_dumped_pc && f->has_address && f->address == rp->dumped_pc);
	bool is_exact = f->role == FRAME_ROLE_CALL && f->is_reliable &&
			((rp->next_is_exact && is_dumped_pc) ||
			 (rp->is_after_trace_header && is_pc_again(r, f)));

	rp->next_is_exact = rp->is_after_trace_header = false;
	rp->has_pc_slot = rp->has_dumped_pc = false;
	current_stack(rp);
	ARRAY_GROW(r->frames, r->n_frames, rp->frames_alloc);
	r->frames[r->n_frames] = *f;
	if (is_exact) {
		r->frames[r->n_frames].role = FRAME_ROLE_IP;
		r->frames[r->n_frames].is_link_register = false;
	}
	if (r->frames[r->n_frames].role == FRAME_ROLE_IP)
		r->frames[r->n_frames].pc_rewind = rp->pc_rewind;
	r->frames[r->n_frames].stack = (unsigned int)(r->n_stacks - 1);
	if (r->frames[r->n_frames].role == FRAME_ROLE_CALL)
		r->frames[r->n_frames].context = rp->context;
	return (long)r->n_frames++;
}

/* the values a line prints ("RSI: ffffffffc02060df"), kept for resolve_report() */
static size_t add_values(struct report_parser *rp, enum line_class class, const char *msg,
			 unsigned long no)
{
	struct report *r = rp->cur;
	struct value v[VALUES_PER_LINE_MAX];

	/* arm64's "x1 : ffff8000081e6b48" is no x86 register line: LC_OTHER */
	if (class != LC_STATE && class != LC_START && class != LC_OTHER)
		return 0;
	rp->regs.arch = r->arch;
	size_t n = registers_parse(msg, &rp->regs, v);
	note_arch(r, rp->regs.seen);
	for (size_t i = 0; i < n; i++) {
		ARRAY_GROW(r->values, r->n_values, rp->values_alloc);
		v[i].f.line = no;
		r->values[r->n_values++] = v[i];
	}
	return n;
}

static void add_line(struct report_parser *rp, const struct line *l, const struct prefix *pfx,
		     long frame, size_t n_values, bool is_foreign)
{
	struct report *r = rp->cur;

	ARRAY_GROW(r->lines, r->n_lines, rp->lines_alloc);
	r->lines[r->n_lines++] = (struct report_line){
		.raw = xmemdup(l->raw, l->raw_len),	/* may hold NULs */
		.raw_len = l->raw_len,
		.prefix = xstrndup(l->text, pfx->len),
		.no = l->no,
		.frame = frame,
		.first_value = r->n_values - n_values,
		.n_values = n_values,
		.is_foreign = is_foreign,
	};
	if (!is_foreign && rp->pending == 0)
		r->last_line = l->no;
}

/* a stack with no report line before it: dump_stack(), or a report whose start was lost */
static void as_backtrace(struct report *r)
{
	if (r->rk)
		return;
	r->rk = &kind_backtrace;
	r->kind = r->class = "backtrace";
}

/* a trace of the report's own: calls, not only the pc and arm64's "lr :" */
static bool has_main_trace(const struct report *r)
{
	for (size_t i = 0; i < r->n_frames; i++)
		if (r->stacks[r->frames[i].stack].kind == STACK_MAIN &&
		    r->frames[i].role == FRAME_ROLE_CALL && !r->frames[i].is_link_register)
			return true;
	return false;
}

/* a report's first line, or one that joins it */
static void apply_start(struct report_parser *rp, const struct report_kind *k, const char *s,
			unsigned long no)
{
	struct report *r = rp->cur;

	if (r->rk == NULL) {
		r->rk = k;
		r->kind = k->kind;
		r->class = k->class;
		free(r->headline);
		r->headline = xstrdup(s);
		rtrim(r->headline);
	} else if (k->flags & KIND_EPILOGUE) {
		/* the panic's own stack follows: the report's, when it printed none itself
		 * (panic_on_warn stops "scheduling while atomic" before its dump_stack) */
		new_stack(rp, has_main_trace(r) ? STACK_AUX : STACK_MAIN, s, no);
	}
	rp->has_die_line |= (k->flags & KIND_DIE) != 0;
	if (k->flags & KIND_FREE_TEXT) {
		rp->has_free_text = true;
		if (rp->last_stack == NULL)
			rp->last_stack = k->last_stack;
	}
}

/* The frame that names the pc at frames[pc]: itself, or when it is a bare address (arm's
 * "pc : [<bf000628>]") the "PC is at deref_victim+0x8/0x18" of the same registers before
 * it, past the link register's lines */
static long named_pc(const struct report *r, long pc)
{
	for (long i = pc; i >= 0 && !r->frames[pc].symbol[0]; i--) {
		const struct frame *f = &r->frames[i];
		if (f->role == FRAME_ROLE_CALL && !f->is_link_register)
			break;
		if (f->role == FRAME_ROLE_IP && f->symbol[0])
			return i;
	}
	return pc;
}

/* A new Code: dump at line no, around the last pc printed before it (the first since the
 * last dump where the dump follows the trace); its code is left to the caller */
static struct report_code *add_code(struct report_parser *rp, unsigned long no)
{
	struct report *r = rp->cur;
	long pc = r->is_last_pc_user ? -1 : r->last_pc;

	ARRAY_GROW(r->codes, r->n_codes, rp->codes_alloc);
	struct report_code *rc = &r->codes[r->n_codes++];
	*rc = (struct report_code){ .last_line = no };
	rc->is_user_pc = r->is_last_pc_user && r->last_user_pc;
	rc->is_compat = r->is_last_pc_compat;
	rc->has_pc_address = rc->is_user_pc || (pc >= 0 && r->frames[pc].has_address);
	rc->pc_address = rc->is_user_pc ? r->last_user_pc : pc >= 0 ? r->frames[pc].address : 0;
	rc->pc = pc >= 0 ? named_pc(r, pc) : -1;
	/* each pc has one dump */
	r->last_pc = -1;
	r->is_last_pc_user = r->is_last_pc_compat = false;
	return rc;
}

/* "Code: ...", and the headers after which the next frame is exact */
static void apply_state(struct report_parser *rp, const char *s, unsigned long no)
{
	struct report *r = rp->cur;
	struct arch_code code;
	const char *why;

	if (rp->has_pc_slot && !rp->has_dumped_pc)
		rp->has_dumped_pc = arch_dump_word(s, rp->pc_slot, rp->word_size, &rp->dumped_pc);
	if (arch_is_exact_header(s)) {
		rp->next_is_exact = true;
	} else if (arch_code_parse(r->arch, s, &code)) {
		struct report_code *rc = add_code(rp, no);
		rc->code = code;
		rc->code.line = no;
	} else if ((why = arch_code_unreadable(s))) {
		struct report_code *rc = add_code(rp, no);
		rc->code.line = no;
		rc->unreadable = xstrdup(why);
		rtrim(rc->unreadable);
	}
}

/* apply a line the report took; true when the line completes the report */
static bool apply(struct report_parser *rp, const struct classified *c, const char *msg,
		  unsigned long no, long *frame)
{
	struct report *r = rp->cur;
	const char *s = msg + blank_span(msg);

	*frame = -1;
	if (confirms(c))
		rp->is_tentative = false;
	if (arch_trap_rewind(s))
		rp->pc_rewind = arch_trap_rewind(s);
	if (c->class != LC_OTHER && c->class != LC_EMPTY && rp->pending) {
		/* lines of other output, then this report's again */
		if (c->class == LC_FRAME && !r->caller[0])
			report_set_corrupted(r, "other output inside its stack before line %lu: "
					     "frames may be mixed", no);
		rp->pending = rp->pending_lines = 0;
	}
	switch (c->class) {
	case LC_START:
		apply_start(rp, c->kind, s, no);
		break;
	case LC_TASK:
		as_backtrace(r);
		parse_task_line(r, s, no);
		break;
	case LC_TRACE_HEADER:
		as_backtrace(r);
		trace_header(rp, s, no);
		rp->phase = PHASE_TRACE;
		rp->context = NULL;
		rp->is_after_trace_header = true;
		break;
	case LC_STACK_HEADER:
		as_backtrace(r);
		new_stack(rp, c->stack->kind, s, no);
		r->stacks[r->n_stacks - 1].is_note = c->stack->is_note;
		rp->next_is_exact = c->stack->is_first_exact;
		check_last_stack(rp, s);
		if (!c->stack->is_note)
			rp->phase = PHASE_TRACE;
		rp->context = NULL;
		break;
	case LC_MODULES:
		parse_modules_line(r, s);
		break;
	case LC_KERNEL_OFFSET:
		parse_kernel_offset(r, s);
		break;
	case LC_END_TRACE:
		rp->phase = PHASE_AFTER_END;
		break;
	case LC_END_PANIC:
		return true;
	case LC_SEPARATOR:
		return rp->phase != PHASE_HEADER;
	case LC_MARKER:
	case LC_FRAME:
		note_arch(r, c->f.arch);
		if (c->m.present)
			rp->context = c->m.is_end ? NULL : c->m.context;
		rp->next_is_exact |= c->m.next_is_exact;
		if (c->m.has_pc_slot) {
			rp->has_pc_slot = true;
			rp->has_dumped_pc = false;
			rp->pc_slot = c->m.pc_slot;
			rp->word_size = c->m.word_size;
		}
		if (c->class == LC_MARKER || c->f.role == FRAME_ROLE_CALL)
			as_backtrace(r);
		/* the link register stands with the registers, before any trace */
		if (c->class == LC_MARKER || (c->f.role == FRAME_ROLE_CALL && !c->f.is_link_register &&
					      !is_note_open(r)))
			rp->phase = rp->phase == PHASE_AFTER_END ? PHASE_AFTER_END : PHASE_TRACE;
		if (c->class == LC_FRAME && !c->f.is_user && !rp->is_skipping)
			*frame = add_frame(rp, &c->f);
		if (c->class == LC_FRAME && c->f.role == FRAME_ROLE_IP && !rp->is_skipping &&
		    !(r->last_pc >= 0 && arch_code_follows_trace(r->arch))) {
			r->last_pc = *frame;
			r->is_last_pc_user = c->f.is_user;
			r->is_last_pc_compat = c->f.is_compat;
			r->last_user_pc = c->f.address;
		}
		break;
	case LC_OTHER:
		if (rp->phase == PHASE_HEADER)
			rp->other_lines++;
		else if (rp->phase == PHASE_TRACE && !rp->has_free_text) {
			rp->pending += !c->continues_foreign;
			rp->pending_lines++;
		}
		break;
	case LC_STATE:
		apply_state(rp, s, no);
		break;
	case LC_CUT_HERE:
	case LC_GRAMMAR:
	case LC_DECODED:
	case LC_EMPTY:
		break;
	}
	return false;
}

static void push_ready(struct report_parser *rp, struct report *r)
{
	if (r == NULL)
		return;
	ARRAY_GROW(rp->ready, rp->n_ready, rp->ready_alloc);
	rp->ready[rp->n_ready++] = r;
}

static struct report *take_ready(struct report_parser *rp)
{
	if (rp->n_ready == 0)
		return NULL;
	struct report *r = rp->ready[0];
	memmove(rp->ready, rp->ready + 1, --rp->n_ready * sizeof(*rp->ready));
	return r;
}

/* exchange the open report and its parsing state with another's; what belongs to the
 * input (its source, the last timestamp, the parked and closed reports) stays */
static void swap_state(struct report_parser *rp, struct report_parser *other)
{
	struct report_parser keep = *rp;

	*rp = *other;
	*other = keep;
	rp->source = keep.source;
	rp->has_last_time = keep.has_last_time;
	rp->last_time_us = keep.last_time_us;
	rp->parked = keep.parked;
	memcpy(rp->parked_since, keep.parked_since, sizeof(rp->parked_since));
	rp->n_parked = keep.n_parked;
	rp->ready = keep.ready;
	rp->n_ready = keep.n_ready;
	rp->ready_alloc = keep.ready_alloc;
}

/* the open report ends: closed and queued, or (the rest of a cut one) dropped */
static void end_report(struct report_parser *rp)
{
	if (rp->is_skipping)
		end_skipping(rp);
	else
		push_ready(rp, close_report(rp));
}

/* close the parked report i */
static void close_parked(struct report_parser *rp, size_t i)
{
	swap_state(rp, &rp->parked[i]);
	end_report(rp);
	swap_state(rp, &rp->parked[i]);
	rp->n_parked--;
	memmove(rp->parked + i, rp->parked + i + 1, (rp->n_parked - i) * sizeof(*rp->parked));
	memmove(rp->parked_since + i, rp->parked_since + i + 1,
		(rp->n_parked - i) * sizeof(*rp->parked_since));
}

/* With CONFIG_PRINTK_CALLER, two tasks' reports can print at once, line by line
 * ("[T1533] BUG: KASAN: ..." amid "[T1560] general protection fault ..."). A line of
 * another caller that starts a report, or continues one set aside, sets the open
 * report aside and takes up that caller's: each report keeps its own lines. */
static void follow_caller(struct report_parser *rp, const struct classified *c,
			  const struct prefix *pfx, unsigned long no)
{
	size_t i;

	for (i = 0; i < rp->n_parked;)
		if (rp->parked_since[i] + PARKED_MAX_LINES < no)
			close_parked(rp, i);
		else
			i++;
	if (rp->cur == NULL || rp->is_skipping || !pfx->caller[0] || !rp->cur->caller[0] ||
	    streq(rp->cur->caller, pfx->caller))
		return;
	for (i = 0; i < rp->n_parked && !streq(rp->parked[i].cur->caller, pfx->caller); i++)
		;
	if (i == rp->n_parked && c->class != LC_START && c->class != LC_CUT_HERE)
		return;
	if (rp->parked == NULL)
		rp->parked = xcalloc(PARKED_MAX, sizeof(*rp->parked));
	if (i < rp->n_parked) {
		/* take that caller's back, and set this one aside in its place */
		swap_state(rp, &rp->parked[i]);
		rp->parked_since[i] = no;
		return;
	}
	if (rp->n_parked == PARKED_MAX)
		close_parked(rp, 0);
	struct report_parser fresh = { 0 };
	swap_state(rp, &fresh);
	rp->parked[rp->n_parked] = fresh;
	rp->parked_since[rp->n_parked++] = no;
	reset_state(rp);
}

/* Outside every report, a line matters only if it opens one: the checks of the classes
 * that do, first. A line none of them matches is other output, however classify() would
 * have named it; one that matches is classified in full, where an earlier check may
 * still take it (a decoded "[inline]" line is no frame). */
static bool opening_first[256];		/* first bytes of classes[]' that open one */
static atomic_bool is_opening_first_built;

static void build_opening_first(void *arg)
{
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (classes[i].class == LC_CUT_HERE || classes[i].class == LC_TRACE_HEADER)
			opening_first[(unsigned char)classes[i].prefix[0]] = true;
}

static bool may_open(const char *msg)
{
	const char *s = msg + blank_span(msg);
	struct frame f;
	struct frame_marker m;

	if (*s == '\0')
		return false;
	if (kind_match(s) || is_task_line(s) || stack_header_match(s))
		return true;
	once(&is_opening_first_built, build_opening_first, NULL);
	for (size_t i = 0; opening_first[(unsigned char)s[0]] && i < ARRAY_SIZE(classes); i++)
		if ((classes[i].class == LC_CUT_HERE || classes[i].class == LC_TRACE_HEADER) &&
		    startswith(s, classes[i].prefix))
			return true;
	return frame_may_be(msg) && frame_parse(msg, &f, &m) == FRAME_LINE_FRAME && f.symbol[0] &&
	       !f.is_user;
}

void report_parser_feed(struct report_parser *rp, const struct line *l, struct report **done,
			bool *is_outside)
{
	struct classified c;
	struct prefix pfx;

	*is_outside = true;
	/* a line longer than LINE_PIECE_MAX is no printk line: it ends a report */
	if (l->is_continuation || l->continues) {
		if (!l->is_continuation && rp->cur)
			end_report(rp);
		*done = take_ready(rp);
		return;
	}
	prefix_parse(l->text, &pfx);
	const char *msg = l->text + pfx.len;
	if (rp->cur == NULL && rp->n_parked == 0 && !may_open(msg)) {
		rp->has_last_time = pfx.has_time;
		rp->last_time_us = pfx.time_us;
		*done = take_ready(rp);
		return;
	}
	classify(msg, &c);
	/* the words of a Code: dump that goes on after its first line (powerpc, s390); with
	 * CONFIG_PRINTK_CALLER, another task's or CPU's line between them ends nothing */
	bool is_other_caller = rp->cur && rp->cur->caller[0] && pfx.caller[0] &&
			       !streq(rp->cur->caller, pfx.caller);
	struct report_code *open = rp->cur && rp->cur->n_codes
					   ? &rp->cur->codes[rp->cur->n_codes - 1] : NULL;
	if (open && open->code.is_open && !is_other_caller &&
	    arch_code_continue(msg, &open->code)) {
		c.class = LC_STATE;
		open->last_line = l->no;
	}
	/* "sctp: [Deprecated]: ... deprecated.", then "Use struct ... instead" at the same
	 * time: one message of other output, however many lines */
	c.continues_foreign = c.class == LC_OTHER && rp->pending > 0 && pfx.has_time &&
			      rp->has_last_time && pfx.time_us == rp->last_time_us;
	rp->has_last_time = pfx.has_time;
	rp->last_time_us = pfx.time_us;
	follow_caller(rp, &c, &pfx, l->no);
	/* with CONFIG_PRINTK_CALLER, a line of another task or CPU is told apart */
	bool is_foreign = rp->cur && c.class == LC_OTHER && !rp->has_free_text &&
			  rp->phase != PHASE_HEADER && rp->cur->caller[0] && pfx.caller[0] &&
			  !streq(rp->cur->caller, pfx.caller);

	if (rp->cur && !is_foreign && !accepts(rp, &c))
		end_report(rp);
	else if (rp->cur && !rp->is_skipping && rp->cur->n_lines >= REPORT_MAX_LINES)
		push_ready(rp, cut_report(rp));
	if (rp->cur == NULL) {
		if (opens(&c))
			open_report(rp, l, &pfx, &c);
		else
			goto out;
	}
	long frame = -1;
	bool complete = is_foreign ? false : apply(rp, &c, msg, l->no, &frame);
	if (rp->is_skipping) {
		if (complete)
			end_skipping(rp);
		goto out;	/* echoed as a line outside every report */
	}
	if (frame >= 0)
		rp->cur->frames[frame].line = l->no;
	add_line(rp, l, &pfx, frame, is_foreign ? 0 : add_values(rp, c.class, msg, l->no),
		 is_foreign);
	*is_outside = false;
	if (complete)
		end_report(rp);
out:
	*done = take_ready(rp);
}

bool report_parser_is_idle(const struct report_parser *rp)
{
	return rp->cur == NULL && rp->n_parked == 0 && rp->n_ready == 0;
}

struct report *report_parser_next(struct report_parser *rp)
{
	return take_ready(rp);
}

struct report *report_parser_finish(struct report_parser *rp)
{
	if (rp->cur)
		end_report(rp);
	while (rp->n_parked)
		close_parked(rp, 0);
	return take_ready(rp);
}

const char *report_line_message(const struct report_line *l)
{
	const char *msg = l->raw + strlen(l->prefix);

	return msg + blank_span(msg);
}

const struct frame *report_top_frame(const struct report *r)
{
	return r->guilty >= 0 ? &r->frames[r->guilty] : NULL;
}
