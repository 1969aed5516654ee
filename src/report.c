// SPDX-License-Identifier: GPL-2.0-or-later
/* report.c: lines -> struct report: boundaries, kind, title, CPU/PID/Comm, taint, modules, frames. */
#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "prefix.h"
#include "report.h"
#include "shared/strbuf.h"
#include "shared/util.h"

/* a "BUG:" line that prints nothing useful for this many lines was no report */
#define HEADER_MAX_OTHER_LINES 60

enum line_class {
	LC_OTHER,
	LC_START,		/* a report's first line ("BUG: ...", "Oops: ...", ...) */
	LC_CUT_HERE,		/* "------------[ cut here ]------------" */
	LC_END_TRACE,		/* "---[ end trace 0000000000000000 ]---" */
	LC_END_PANIC,		/* "---[ end Kernel panic - not syncing: ... ]---" */
	LC_TASK,		/* "CPU: 0 PID: 1 Comm: sh Not tainted 6.1.0-56-cloud-amd64 #1" */
	LC_TRACE_HEADER,	/* "Call Trace:" */
	LC_STACK_HEADER,	/* "Allocated by task 14764:" (KASAN's further stacks) */
	LC_MODULES,		/* "Modules linked in: oopsmod(O) ..." */
	LC_KERNEL_OFFSET,	/* "Kernel Offset: 0x2a000000 from 0xffffffff81000000 ..." */
	LC_STATE,		/* "Code:", registers, "Hardware name:", "#PF:", ... */
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

struct start_line {
	const char *prefix;
	const char *kind;
	bool is_die;		/* printed by die(): follows a "BUG:" line of the same report */
	bool has_free_text;	/* sanitizers: "===" brackets it and any line may be inside */
};

/* every report's first line; the first match wins, so longer prefixes come first */
static const struct start_line starts[] = {
	{ "BUG: KASAN: ", "kasan", false, true },
	{ "BUG: KFENCE: ", "kfence", false, true },
	{ "BUG: KMSAN: ", "kmsan", false, true },
	{ "BUG: KCSAN: ", "kcsan", false, true },
	{ "BUG: ", "bug", false, false },
	{ "kernel BUG at ", "kernel-bug", false, false },
	{ "Oops: ", "oops", true, false },
	{ "general protection fault", "gpf", true, false },
	{ "invalid opcode: ", "invalid-opcode", true, false },
	{ "divide error: ", "divide-error", true, false },
	{ "PANIC: double fault", "double-fault", true, false },
	{ "Internal error: ", "oops", true, false },
	{ "Unable to handle kernel ", "oops", false, false },
	{ "WARNING: ", "warning", false, false },
	{ "Kernel panic - not syncing", "panic", false, false },
	{ "UBSAN: ", "ubsan", false, true },
	{ "watchdog: BUG: soft lockup", "lockup", false, false },
	{ "NMI watchdog: BUG: soft lockup", "lockup", false, false },
	{ "watchdog: Watchdog detected hard LOCKUP", "lockup", false, false },
	{ "NMI watchdog: Watchdog detected hard LOCKUP", "lockup", false, false },
	{ "INFO: task ", "hung-task", false, false },
	{ "rcu: INFO: ", "rcu-stall", false, false },
	{ "INFO: rcu_", "rcu-stall", false, false },
};

static const struct {
	const char *prefix;
	enum line_class class;
} classes[] = {
	{ "------------[ cut here ]------------", LC_CUT_HERE },
	{ "---[ end trace", LC_END_TRACE },
	{ "---[ end Kernel panic", LC_END_PANIC },
	{ "Call Trace:", LC_TRACE_HEADER },
	{ "Call trace:", LC_TRACE_HEADER },
	{ "Modules linked in:", LC_MODULES },
	{ "Kernel Offset:", LC_KERNEL_OFFSET },
	{ "Allocated by task ", LC_STACK_HEADER },
	{ "Freed by task ", LC_STACK_HEADER },
	{ "Last potentially related work creation:", LC_STACK_HEADER },
	{ "Second to last potentially related work creation:", LC_STACK_HEADER },
	{ "Code: ", LC_STATE },
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
	bool has_free_text;
	unsigned int other_lines;	/* unrecognised lines in the header so far */
	size_t lines_alloc, frames_alloc, values_alloc;
};

/* "RAX: dffffc0000000000 RBX: ...", "RSP: 0018:ffffc9000414fb40 EFLAGS: ...", "FS:  0000..." */
static bool is_register_line(const char *s)
{
	size_t n = 0;

	while (isupper((unsigned char)s[n]) || isdigit((unsigned char)s[n]) || s[n] == '_')
		n++;
	if (n < 2 || n > 8 || s[n] != ':' || !isupper((unsigned char)s[0]))
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

static const struct start_line *match_start(const char *msg)
{
	for (size_t i = 0; i < ARRAY_SIZE(starts); i++) {
		if (strncmp(msg, starts[i].prefix, strlen(starts[i].prefix)) != 0)
			continue;
		/* 6.12+: "Oops: general protection fault, ...": the inner line says more */
		if (streq(starts[i].prefix, "Oops: ")) {
			const struct start_line *inner = match_start(msg + STRLEN("Oops: "));
			if (inner)
				return inner;
		}
		return &starts[i];
	}
	return NULL;
}

/* "CPU: 0 PID: 1 Comm: sh" needs both words, or it is a boot message ("CPU: Intel ...") */
static bool is_task_line(const char *msg)
{
	return (startswith(msg, "CPU: ") && strstr(msg, " PID: ") && strstr(msg, " Comm: ")) ||
	       (startswith(msg, "Pid: ") && strstr(msg, ", comm: "));
}

static enum line_class classify(const char *msg, const struct start_line **start, struct frame *f,
				struct frame_marker *m)
{
	const char *s = msg + strspn(msg, " \t");

	if ((*start = match_start(s)))
		return LC_START;
	if (is_task_line(s))
		return LC_TASK;
	for (size_t i = 0; i < ARRAY_SIZE(classes); i++)
		if (strncmp(s, classes[i].prefix, strlen(classes[i].prefix)) == 0)
			return classes[i].class;
	switch (frame_parse(msg, f, m)) {
	case FRAME_LINE_FRAME:
		return LC_FRAME;
	case FRAME_LINE_MARKER:
		return LC_MARKER;
	case FRAME_LINE_NONE:
		break;
	}
	if (is_register_line(s))
		return LC_STATE;
	return LC_OTHER;
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
	free(r->modules);
	free(r->last_unloaded);
	free(r->source);
	free(r->headline);
	free(r->title);
	free(r->comm);
	free(r->tainted);
	free(r->release);
	free(r->vmlinux_build_id);
	free(r);
}

bool report_add_warning(struct report *r, const char *fmt, ...)
{
	va_list ap;

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
static void parse_task_line(struct report *r, const char *msg)
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
	/* the release becomes a directory name below /lib/modules and /usr/lib/debug: one
	 * such as "../../tmp/x" would take the search for debug files anywhere (-r refuses
	 * '/' too); no kernel prints it, so it is no release */
	if (r->release && (strchr(r->release, '/') || streq(r->release, ".") ||
			   streq(r->release, "..")))
		free(TAKE_PTR(r->release));
	/* the last word, when it is 20+ bytes of hex, is the vmlinux build ID */
	const char *last = p + strlen(p);
	while (last > p && last[-1] == ' ')
		last--;
	const char *word = last;
	while (word > p && word[-1] != ' ')
		word--;
	size_t len = (size_t)(last - word);
	if (len >= 40 && len <= BUILD_ID_HEX_MAX && is_hex_string(word, len))
		r->vmlinux_build_id = xstrndup(word, len);
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

/* dump_stack() and the WARN/panic machinery sit on top of every such stack */
static const char *const helper_functions[] = {
	"dump_stack", "dump_stack_lvl", "show_stack", "__warn", "warn_slowpath_fmt",
	"report_bug", "panic", "__dump_stack", "show_trace_log_lvl", "kasan_report",
	"print_report", "print_address_description", "__die", "die", "oops_end",
};

static bool is_helper(const char *symbol)
{
	char base[KSYM_NAME_LEN];

	frame_base_name(symbol, base, sizeof(base));
	for (size_t i = 0; i < ARRAY_SIZE(helper_functions); i++)
		if (streq(base, helper_functions[i]))
			return true;
	return false;
}

const struct frame *report_top_frame(const struct report *r)
{
	for (size_t i = 0; i < r->n_frames; i++)
		if (r->frames[i].role == FRAME_ROLE_IP && r->frames[i].symbol[0])
			return &r->frames[i];
	for (size_t i = 0; i < r->n_frames; i++) {
		const struct frame *f = &r->frames[i];
		if (f->role == FRAME_ROLE_CALL && f->is_reliable && f->symbol[0] &&
		    !is_helper(f->symbol))
			return f;
	}
	return NULL;
}

/* where a headline's details begin: "BUG: kernel NULL pointer dereference, address: 0..." */
static size_t headline_core(const char *h)
{
	static const char *const cuts[] = { ", address", " for address", " at ", ": 0000 [#",
					    " [#", ", probably for", ": 0000" };
	size_t n = strlen(h);

	for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
		const char *p = strstr(h, cuts[i]);
		if (p && (size_t)(p - h) < n)
			n = (size_t)(p - h);
	}
	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == ':' || h[n - 1] == '!'))
		n--;
	/* "Oops: 0002" or "Internal error: Oops: 96000005": the error code says nothing
	 * a title needs, and would split one bug into as many titles as codes */
	size_t code = n;
	while (code > 0 && isxdigit((unsigned char)h[code - 1]))
		code--;
	if (code < n && code >= 2 && h[code - 1] == ' ' && h[code - 2] == ':')
		n = code - 2;
	return n;
}

/* "WARNING: CPU: 0 PID: 1 at mm/x.c:5 foo+0x1/0x2 [mod]": the function the line names */
static bool headline_function(const char *h, char *buf, size_t size)
{
	const char *at = strstr(h, " at ");
	struct frame f;
	struct frame_marker m;

	if (at == NULL)
		return false;
	/* 6.16+: "WARNING: fs/jfs/jfs_dmap.c:2867 at dbAdjTree+0x454/0x4e0, CPU#0: ..." */
	const char *sym = at + 4;
	for (int tries = 0; sym && tries < 2; tries++, sym = strchr(sym + 1, ' ')) {
		if (frame_parse(sym, &f, &m) == FRAME_LINE_FRAME && f.symbol[0]) {
			frame_base_name(f.symbol, buf, size);
			return true;
		}
	}
	return false;
}

/* syzkaller-style titles that stay the same from one crash of a bug to the next:
 * "BUG: kernel NULL pointer dereference in deref_victim", "WARNING in warn_victim" */
static char *make_title(const struct report *r)
{
	struct strbuf sb = STRBUF_INIT;
	const struct frame *top = report_top_frame(r);
	char func[KSYM_NAME_LEN] = "";
	const char *h = r->headline ? r->headline : "";

	/* 6.12+ puts "Oops: " before every die() message ("Oops: general protection
	 * fault, ..."): drop it so a bug has one title whatever the kernel */
	if (startswith(h, "Oops: ") && isalpha((unsigned char)h[6]))
		h += 6;

	if (top)
		frame_base_name(top->symbol, func, sizeof(func));
	if (streq(r->kind, "panic") || (streq(r->kind, "backtrace") && !top)) {
		strbuf_pushstr(&sb, h[0] ? h : "backtrace");
		rtrim(sb.buf);
		return strbuf_steal(&sb);
	}
	if (streq(r->kind, "warning") && headline_function(h, func, sizeof(func)))
		strbuf_pushstr(&sb, "WARNING");
	else if (streq(r->kind, "kernel-bug"))
		strbuf_pushstr(&sb, "kernel BUG");
	else if (streq(r->kind, "backtrace"))
		strbuf_pushstr(&sb, "backtrace");
	else if (strstr(h, " in ") && !streq(r->kind, "bug")) {
		/* "BUG: KASAN: slab-use-after-free in xas_start+0x1ef/0x7b0": keep its function */
		const char *in = strstr(h, " in ");
		strbuf_pushmem(&sb, h, (size_t)(in - h));
		func[0] = '\0';
		struct frame f;
		struct frame_marker m;
		if (frame_parse(in + 4, &f, &m) == FRAME_LINE_FRAME && f.symbol[0])
			frame_base_name(f.symbol, func, sizeof(func));
		else
			strbuf_pushstr(&sb, in);
	} else {
		strbuf_pushmem(&sb, h, headline_core(h));
	}
	if (func[0])
		strbuf_printf(&sb, " in %s", func);
	if (sb.used == 0)
		strbuf_pushstr(&sb, r->kind);
	return strbuf_steal(&sb);
}

static struct report *close_report(struct report_parser *rp)
{
	struct report *r = TAKE_PTR(rp->cur);

	if (r->kind == NULL)
		r->kind = "unknown"; /* a "cut here" and nothing we know after it */
	r->title = make_title(r);
	rp->phase = PHASE_HEADER;
	rp->context = NULL;
	rp->has_die_line = rp->has_free_text = false;
	rp->other_lines = 0;
	rp->lines_alloc = rp->frames_alloc = rp->values_alloc = 0;
	return r;
}

static bool is_followup(const struct report_parser *rp, const struct start_line *start)
{
	if (rp->cur->kind == NULL) /* "cut here", then the WARNING or kernel BUG line */
		return true;
	/* "BUG: kernel NULL pointer dereference" ... "Oops: 0002 [#1] SMP PTI" */
	return start->is_die && !rp->has_die_line && rp->phase == PHASE_HEADER;
}

/* does the open report take this line, or does the line end it? */
static bool accepts(const struct report_parser *rp, enum line_class class,
		    const struct start_line *start, const struct frame *f)
{
	switch (class) {
	case LC_START:
		return is_followup(rp, start);
	case LC_CUT_HERE:
		return false;
	case LC_TASK:
		return rp->phase == PHASE_HEADER;
	case LC_KERNEL_OFFSET:
	case LC_STATE:
	case LC_END_PANIC:
	case LC_DECODED:
		return true;
	case LC_SEPARATOR:
		return rp->has_free_text;
	case LC_FRAME:
		return f->role == FRAME_ROLE_IP || rp->phase != PHASE_AFTER_END;
	case LC_TRACE_HEADER:
	case LC_STACK_HEADER:
	case LC_MODULES:
	case LC_END_TRACE:
	case LC_MARKER:
		return rp->phase != PHASE_AFTER_END;
	case LC_OTHER:
		if (rp->phase == PHASE_HEADER)
			return rp->other_lines < HEADER_MAX_OTHER_LINES;
		return rp->phase == PHASE_TRACE && rp->has_free_text;
	}
	return false;
}

/* may this line begin a report? A bare stack ("Call Trace:", a CPU line, a symbolic
 * frame) is a backtrace of its own: dump_stack(), or a report whose start was lost */
static bool opens(enum line_class class, const struct frame *f)
{
	switch (class) {
	case LC_START:
	case LC_CUT_HERE:
	case LC_TASK:
	case LC_TRACE_HEADER:
		return true;
	case LC_FRAME:
		return f->symbol[0] && !f->is_user;
	default:
		return false;
	}
}

static void open_report(struct report_parser *rp, const struct line *l,
			const struct prefix *pfx)
{
	struct report *r = xcalloc(1, sizeof(*r));

	r->source = xstrdup(rp->source);
	r->first_line = l->no;
	r->has_time = pfx->has_time;
	r->time_us = pfx->time_us;
	r->cpu = r->pid = -1;
	rp->cur = r;
}

static long add_frame(struct report_parser *rp, const struct frame *f, unsigned long no)
{
	struct report *r = rp->cur;

	ARRAY_GROW(r->frames, r->n_frames, rp->frames_alloc);
	r->frames[r->n_frames] = *f;
	r->frames[r->n_frames].line = no;
	if (f->role == FRAME_ROLE_CALL)
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
	size_t n = registers_parse(msg, v);
	for (size_t i = 0; i < n; i++) {
		ARRAY_GROW(r->values, r->n_values, rp->values_alloc);
		v[i].f.line = no;
		r->values[r->n_values++] = v[i];
	}
	return n;
}

static void add_line(struct report_parser *rp, const struct line *l, const struct prefix *pfx,
		     long frame, size_t n_values)
{
	struct report *r = rp->cur;
	/* raw may hold NUL bytes: all raw_len of them are echoed, xstrndup would stop */
	char *raw = xmalloc(l->raw_len + 1);

	memcpy(raw, l->raw, l->raw_len);
	raw[l->raw_len] = '\0';
	ARRAY_GROW(r->lines, r->n_lines, rp->lines_alloc);
	r->lines[r->n_lines++] = (struct report_line){
		.raw = raw,
		.raw_len = l->raw_len,
		.prefix = xstrndup(l->text, pfx->len),
		.no = l->no,
		.frame = frame,
		.first_value = r->n_values - n_values,
		.n_values = n_values,
	};
	r->last_line = l->no;
}

/* apply a line the report took; true when the line completes the report */
static bool apply(struct report_parser *rp, enum line_class class, const struct start_line *start,
		  const char *msg, const struct frame *f, const struct frame_marker *m, long *frame)
{
	struct report *r = rp->cur;
	const char *s = msg + strspn(msg, " \t");

	*frame = -1;
	switch (class) {
	case LC_START:
		if (r->kind == NULL || r->headline == NULL) {
			r->kind = start->kind;
			r->headline = xstrdup(s);
			rtrim(r->headline);
		}
		rp->has_die_line |= start->is_die;
		rp->has_free_text |= start->has_free_text;
		break;
	case LC_CUT_HERE:
		break;
	case LC_TASK:
		if (r->kind == NULL)
			r->kind = "backtrace";
		parse_task_line(r, s);
		break;
	case LC_TRACE_HEADER:
	case LC_STACK_HEADER:
		if (r->kind == NULL)
			r->kind = "backtrace";
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
		if (m->present)
			rp->context = m->is_end ? NULL : m->context;
		if (class == LC_MARKER || (f->role == FRAME_ROLE_CALL && r->kind == NULL))
			r->kind = r->kind ? r->kind : "backtrace";
		if (class == LC_MARKER || f->role == FRAME_ROLE_CALL)
			rp->phase = PHASE_TRACE;
		if (class == LC_FRAME && !f->is_user)
			*frame = add_frame(rp, f, 0);
		break;
	case LC_OTHER:
		if (rp->phase == PHASE_HEADER)
			rp->other_lines++;
		break;
	case LC_STATE:
	case LC_DECODED:
		break;
	}
	return false;
}

void report_parser_feed(struct report_parser *rp, const struct line *l, struct report **done,
			bool *is_outside)
{
	const struct start_line *start = NULL;
	struct frame f;
	struct frame_marker m;
	struct prefix pfx;

	*done = NULL;
	*is_outside = true;
	/* a line longer than LINE_PIECE_MAX is no printk line: it ends a report */
	if (l->is_continuation || l->continues) {
		if (!l->is_continuation && rp->cur)
			*done = close_report(rp);
		return;
	}
	prefix_parse(l->text, &pfx);
	const char *msg = l->text + pfx.len;
	enum line_class class = classify(msg, &start, &f, &m);

	if (rp->cur && (!accepts(rp, class, start, &f) || rp->cur->n_lines >= REPORT_MAX_LINES)) {
		if (rp->cur->n_lines >= REPORT_MAX_LINES) {
			rp->cur->is_truncated = true;
			report_add_warning(rp->cur, "report cut after %d lines", REPORT_MAX_LINES);
		}
		*done = close_report(rp);
	}
	if (rp->cur == NULL) {
		if (!opens(class, &f))
			return;
		open_report(rp, l, &pfx);
	}
	long frame;
	bool complete = apply(rp, class, start, msg, &f, &m, &frame);
	if (frame >= 0)
		rp->cur->frames[frame].line = l->no;
	add_line(rp, l, &pfx, frame, add_values(rp, class, msg, l->no));
	*is_outside = false;
	if (complete && *done == NULL)
		*done = close_report(rp);
}

struct report *report_parser_finish(struct report_parser *rp)
{
	return rp->cur ? close_report(rp) : NULL;
}
