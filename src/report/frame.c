// SPDX-License-Identifier: GPL-2.0-or-later
/* frame.c: one stack-frame line (" ? foo+0x1a/0x40 [mod]", "RIP: 0010:...") -> struct frame,
 * with the labels, marks and markers of every architecture's table (src/arch/). */
#include <ctype.h>
#include <stdlib.h>
#include <string.h>

#include "arch/arch.h"
#include "report/frame.h"
#include "shared/firstbyte.h"
#include "shared/util.h"

/* the first architecture whose grammar a line used names it */
static void decide(struct frame *f, enum arch arch)
{
	if (f->arch == ARCH_UNKNOWN)
		f->arch = arch;
}

/* "%x" in a marker's text stands for hex digits: "--- interrupt: %x at " */
static size_t match_pattern(const char *s, const char *pattern)
{
	size_t n = 0;

	for (const char *t = pattern; *t;) {
		if (t[0] == '%' && t[1] == 'x') {
			size_t h = strspn(s + n, "0123456789abcdef");
			if (h == 0)
				return 0;
			n += h;
			t += 2;
		} else if (s[n] == *t) {
			n++;
			t++;
		} else {
			return 0;
		}
	}
	return n;
}

/* One kind of entry (labels, markers) of every architecture, in arch_order()'s order,
 * indexed by their first byte: a line is tried against the few that may start it, in
 * the order a walk of every architecture's table would try them */
struct arch_entry {
	const struct arch_ops *arch;
	const void *entry;
};

struct arch_table {
	atomic_bool is_built;
	struct arch_entry *entries;
	size_t (*count)(const struct arch_ops *);
	const void *(*at)(const struct arch_ops *, size_t);
	const char *(*text)(const void *entry);
	struct firstbyte index;
};

static const char *entry_text(const void *table, size_t i)
{
	const struct arch_table *t = table;

	return t->text(t->entries[i].entry);
}

static void build_arch_table(void *arg)
{
	struct arch_table *t = arg;
	const struct arch_ops *archs[ARCH_COUNT];
	size_t n_archs, n = 0;

	n_archs = arch_order(ARCH_UNKNOWN, archs);
	for (size_t a = 0; a < n_archs; a++)
		n += t->count(archs[a]);
	t->entries = xcalloc(n + 1, sizeof(*t->entries));
	n = 0;
	for (size_t a = 0; a < n_archs; a++)
		for (size_t i = 0; i < t->count(archs[a]); i++)
			t->entries[n++] = (struct arch_entry){ archs[a], t->at(archs[a], i) };
	firstbyte_build(&t->index, t, n, entry_text);
}

/* t's entries, the count() of each architecture's at(), indexed by their text() */
static void arch_table_build(struct arch_table *t)
{
	once(&t->is_built, build_arch_table, t);
}

static size_t label_count(const struct arch_ops *a)
{
	return a->n_labels;
}

static const void *label_at(const struct arch_ops *a, size_t i)
{
	return &a->labels[i];
}

static const char *label_text(const void *entry)
{
	return ((const struct arch_label *)entry)->text;
}

static size_t marker_count(const struct arch_ops *a)
{
	return a->n_markers;
}

static const void *marker_at(const struct arch_ops *a, size_t i)
{
	return &a->markers[i];
}

/* a pattern's literal start: none when it starts with a conversion ("%x ...") */
static const char *marker_text(const void *entry)
{
	const char *text = ((const struct arch_marker *)entry)->text;

	return text[0] == '%' ? "" : text;
}

/* a context marker of any architecture at s: its length (the rest of the line for one
 * that is the whole line), 0 when there is none; *flags gets its enum arch_marker_flag */
static size_t parse_marker(const char *s, struct frame *f, struct frame_marker *m,
			   unsigned int *flags)
{
	static struct arch_table markers = {
		.count = marker_count, .at = marker_at, .text = marker_text,
	};
	const uint16_t *cand;

	arch_table_build(&markers);
	for (size_t j = 0, n_cand = firstbyte_candidates(&markers.index, s, &cand); j < n_cand; j++) {
		const struct arch_ops *arch = markers.entries[cand[j]].arch;
		const struct arch_marker *mk = markers.entries[cand[j]].entry;
		{
			size_t n = match_pattern(s, mk->text);
			uint64_t start;
			/* arm's "Exception stack(0x%08lx", arm64's "(0x%016lx": by its width */
			if (n == 0 || (mk->pc_slot && parse_hex(s + n, &start) !=
							      arch->address_digits))
				continue;
			m->present = true;
			m->is_end = mk->is_end;
			m->context = mk->context;
			m->next_is_exact |= (mk->flags & ARCH_MARKER_NEXT_EXACT) != 0;
			if (mk->pc_slot) {
				m->has_pc_slot = true;
				m->pc_slot = start + mk->pc_slot;
				m->word_size = mk->word_size;
			}
			if (mk->flags & ARCH_MARKER_DECIDES)
				decide(f, arch->arch);
			*flags = mk->flags;
			return mk->flags & ARCH_MARKER_WHOLE_LINE ? strlen(s) : n;
		}
	}
	return 0;
}

/* The marks of place found at p (ARCH_MARK_SUFFIX: anywhere in p), applied to f; returns
 * the length of the one at p's start */
static size_t apply_marks(enum arch_mark_place place, const char *p, struct frame *f)
{
	const struct arch_ops *archs[ARCH_COUNT];
	size_t n_archs = arch_order(ARCH_UNKNOWN, archs);

	for (size_t a = 0; a < n_archs; a++) {
		for (size_t i = 0; i < archs[a]->n_marks; i++) {
			const struct arch_mark *mk = &archs[a]->marks[i];
			if (mk->place != place ||
			    (place == ARCH_MARK_SUFFIX ? strstr(p, mk->text) == NULL
						       : !startswith(p, mk->text)))
				continue;
			size_t n = strlen(mk->text);
			/* s390's "(" opens an entry only before its address: "([<" */
			if (place == ARCH_MARK_OPEN && p[n] != '[')
				continue;
			if (mk->is_unreliable)
				f->is_reliable = false;
			if (mk->is_exact) {
				f->role = FRAME_ROLE_IP;
				f->is_link_register = false;
			}
			if (mk->decides)
				decide(f, archs[a]->arch);
			if (place != ARCH_MARK_SUFFIX)
				return n;
		}
	}
	return 0;
}

bool frame_is_valid_module_name(const char *name, size_t len)
{
	if (len == 0 || len >= MODULE_NAME_LEN)
		return false;
	for (size_t i = 0; i < len; i++)
		if (!is_ident_char(name[i]) && name[i] != '-')
			return false;
	return true;
}

static bool is_symbol_char(char c)
{
	return is_ident_char(c) || c == '.' || c == '$';
}

/* "[<ffffffffc0355005>]", powerpc's "[c000000049a87530]": the length, 0 when absent */
static size_t parse_bracket_address(const char *s, uint64_t *addr)
{
	size_t n;

	if (s[0] != '[')
		return 0;	/* before s[1]: s may be "" */
	bool has_angle = s[1] == '<';
	n = parse_hex(s + 1 + has_angle, addr);
	/* powerpc prints 8 or 16 digits, never fewer: "[1]" is no address */
	if (n == 0 || (!has_angle && n != 8 && n != 16))
		return 0;
	if (has_angle && s[2 + n] != '>')
		return 0;
	if (s[1 + 2 * has_angle + n] != ']')
		return 0;
	return n + 2 + 2 * has_angle;
}

/* " [oopsmod]" or " [lkdtm 6c2215028606bda50de823490723dc4bc5bf46f9]" */
static size_t parse_module(const char *s, struct frame *f)
{
	const char *p = s + blank_span(s);

	if (*p != '[')
		return 0;
	const char *close = strchr(p, ']');
	if (close == NULL)
		return 0;
	const char *name = p + 1;
	size_t len = strcspn(name, " ]");
	if (!frame_is_valid_module_name(name, len)) {
		size_t keep = (size_t)(close - name) < sizeof(f->bad_module) - 1
				      ? (size_t)(close - name)
				      : sizeof(f->bad_module) - 1;
		memcpy(f->bad_module, name, keep);
		f->bad_module[keep] = '\0';
		return (size_t)(close + 1 - s);
	}
	memcpy(f->module, name, len);
	f->module[len] = '\0';
	const char *id = name + len;
	if (*id == ' ') {
		id++;
		size_t idlen = (size_t)(close - id);
		if (idlen > 0 && idlen % 2 == 0 && idlen <= BUILD_ID_HEX_MAX &&
		    is_hex_string(id, idlen)) {
			memcpy(f->module_build_id, id, idlen);
			f->module_build_id[idlen] = '\0';
		}
	}
	return (size_t)(close + 1 - s);
}

/* "func+0x1c/0x30": returns the length, 0 when it is not one */
static size_t parse_symbol(const char *s, struct frame *f)
{
	size_t n = 0, h;

	while (is_symbol_char(s[n]))
		n++;
	if (n == 0 || n >= sizeof(f->symbol) || s[n] != '+')
		return 0;
	uint64_t offset, size = 0;
	size_t len = n;
	if (s[n + 1] != '0' || s[n + 2] != 'x' || !(h = parse_hex(s + n + 1, &offset)))
		return 0;
	n += 1 + h;
	bool has_size = s[n] == '/' && (h = parse_hex(s + n + 1, &size));
	if (has_size)
		n += 1 + h;
	/* the frame ends here, or goes on after a space or with "()": a base64 line
	 * "...XyoXo0B+0xFB6ZGLseTV..." is no frame */
	if (s[n] != '\0' && s[n] != ' ' && s[n] != '\t' && s[n] != '(' && s[n] != ')' &&
	    s[n] != '\n')
		return 0;
	memcpy(f->symbol, s, len);
	f->symbol[len] = '\0';
	f->offset = offset;
	f->has_offset = true;
	f->size = size;
	f->has_size = has_size;
	return n;
}

/* mips "epc   : 8ed80668 f+0x6c/0x88", s390 "Krnl PSW : 0704f00180000000 000003ff8086d03a
 * (f+0x3a/0x1000)": bare address words of 8 or 16 digits before the symbol */
static size_t parse_bare_words(const char *s, uint64_t *addr)
{
	size_t total = 0;

	for (;;) {
		uint64_t v;
		size_t n = parse_hex(s + total, &v);
		if ((n != 8 && n != 16) || s[total + n] != ' ')
			return total;
		*addr = v;
		total += n + blank_span(s + total + n);
	}
}

/* "(io_serial_out) from [<8078fba0>] (serial8250_do_set_ldisc+0x10c/0x114)", since 4.x also
 * "unwind_backtrace from show_stack+0x18/0x1c" (sep " from "): the callee, then its caller
 * at the return address. The line is the caller's frame; returns where it starts, or s */
static const char *callee_end(const char *s, const char *sep)
{
	const char *p = s + (*s == '(');
	size_t n = 0;

	while (is_symbol_char(p[n]))
		n++;
	if (n == 0)
		return s;
	p += n;
	if (*s == '(') {
		/* 2.6-3.x print the callee's offsets too: "(_raw_spin_lock_irqsave+0x48/0x5c)" */
		p += strspn(p, "+/x0123456789abcdef");
		if (*p != ')')
			return s;
		p++;
	}
	/* a module's callee: "deref_victim.constprop.0 [oopsmod] from trigger_write+0x1/0x2" */
	if (p[0] == ' ' && p[1] == '[') {
		size_t m = strspn(p + 2, "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ"
					 "0123456789_- ");
		if (m == 0 || m > MODULE_NAME_LEN + BUILD_ID_HEX_MAX || p[2 + m] != ']')
			return s;
		p += 3 + m;
	}
	return startswith(p, sep) ? p + strlen(sep) : s;
}

/* the caller's part of a line that names the callee first (ARCH_MARK_FROM), or s */
static const char *skip_callee(const char *s, struct frame *f)
{
	const struct arch_ops *archs[ARCH_COUNT];
	size_t n_archs = arch_order(ARCH_UNKNOWN, archs);

	for (size_t a = 0; a < n_archs; a++) {
		for (size_t i = 0; i < archs[a]->n_marks; i++) {
			const struct arch_mark *mk = &archs[a]->marks[i];
			const char *caller =
				mk->place == ARCH_MARK_FROM ? callee_end(s, mk->text) : s;
			if (caller == s)
				continue;
			if (mk->decides)
				decide(f, archs[a]->arch);
			return caller;
		}
	}
	return s;
}

static void parse_addresses(const char **p, struct frame *f)
{
	uint64_t addr;
	size_t n;

	while ((n = parse_bracket_address(*p, &addr))) {
		f->address = addr;
		f->has_address = true;
		*p += n;
		*p += blank_span(*p);
	}
}

/* Everything after the label and markers: marks, addresses, ":mod:", symbol, [module].
 * has_words: bare address words may come before the symbol (ARCH_LABEL_WORDS). */
static bool parse_body(const char *s, struct frame *f, bool has_words)
{
	const char *p = s;
	size_t n;
	uint64_t addr;

	/* s390: "([<000003ff8086d036>] will_oops_init+0x36/0x1000 [will_oops])" is unsure */
	p += apply_marks(ARCH_MARK_OPEN, p, f);
	parse_addresses(&p, f);
	const char *caller = skip_callee(p, f);
	if (caller != p) {
		p = caller;
		parse_addresses(&p, f);
	}
	/* x86: " ? do_fault+0x1a7/0x410", " [<ffffffff8107a4b3>] ? f+0x13/0x20" */
	p += apply_marks(ARCH_MARK_AFTER_ADDRESS, p, f);
	/* " [<ffffffff8802c8e9>] :jbd:log_wait_commit+0xa3/0xf5" (2.6.18) */
	if (p[0] == ':') {
		size_t len = strcspn(p + 1, ":");
		if (p[1 + len] == ':' && frame_is_valid_module_name(p + 1, len)) {
			memcpy(f->module, p + 1, len);
			f->module[len] = '\0';
			p += len + 2;
		}
	}
	const char *words = p;
	if (has_words && (n = parse_bare_words(p, &addr)))
		p += n;
	/* arm and s390 put the symbol in parentheses: "(serial8250_do_set_ldisc+0x10c/0x114)" */
	bool is_paren = p[0] == '(' && p[1] != ')';
	if ((n = parse_symbol(p + is_paren, f))) {
		if (words != p) {
			f->address = addr;
			f->has_address = true;
		}
		p += is_paren + n;
		if (*p == '(' && p[1] == ')') /* "foo+0x11e/0x140()" (2.6 WARNING) */
			p += 2;
		p += parse_module(p, f);
		/* powerpc "[c00000003ae5b800] [c00000000135c19c] dump_stack+0x128/0x1cc
		 * (unreliable)", arm64 " el1h_64_sync_handler+0x38/0x90 (P)" */
		apply_marks(ARCH_MARK_SUFFIX, p, f);
		return true;
	}
	p = words;
	/* a bare " 0xffffffffc0355005" (%pB of an address kallsyms does not know) */
	if (p[0] == '0' && p[1] == 'x' && (n = parse_hex(p, &addr)) &&
	    (p[n] == '\0' || p[n] == ' ')) {
		f->address = addr;
		f->has_address = true;
		return true;
	}
	return f->has_address && (*p == '\0' || f->role == FRAME_ROLE_IP);
}

/* A label of any architecture at s ("RIP: 0010:", "lr : "): it, with its length (and the
 * selector's) in *len; NULL when there is none */
static const struct arch_label *parse_label(const char *s, struct frame *f, size_t *len)
{
	static struct arch_table labels = {
		.count = label_count, .at = label_at, .text = label_text,
	};
	const uint16_t *cand;

	arch_table_build(&labels);
	for (size_t j = 0, n_cand = firstbyte_candidates(&labels.index, s, &cand); j < n_cand; j++) {
		const struct arch_ops *arch = labels.entries[cand[j]].arch;
		const struct arch_label *l = labels.entries[cand[j]].entry;
		{
			if (!startswith(s, l->text))
				continue;
			size_t n = strlen(l->text);
			/* "LR [": the bracket is the address's own */
			n -= (l->flags & ARCH_LABEL_BRACKET) != 0;
			n += blank_span(s + n);
			/* "0010:" kernel, "0033:" / "0023:" / "002b:" user space */
			if ((l->flags & ARCH_LABEL_SELECTOR) && is_hex_string(s + n, 4) &&
			    s[n + 4] == ':') {
				uint64_t cs;
				parse_hex(s + n, &cs);
				f->is_user = (cs & 3) == 3;
				/* x86_64's __USER32_CS: "RIP" is x86_64's label only */
				f->is_compat = cs == 0x23;
				n += 5;
			}
			if (!(l->flags & ARCH_LABEL_SHARED))
				decide(f, arch->arch);
			*len = n;
			return l;
		}
	}
	return NULL;
}

/* a '[' or a "0x" in p */
static bool has_address_mark(const char *p)
{
	/* two scans of the line at most, where a strchr() for each 'x' was many */
	return strchr(p, '[') || strstr(p, "0x");
}

bool frame_may_be(const char *msg)
{
	return has_address_mark(msg + blank_span(msg));
}

enum frame_line frame_parse(const char *msg, struct frame *f, struct frame_marker *m)
{
	const char *p = msg;
	const struct arch_label *l;
	unsigned int flags = 0;
	size_t n;

	*m = (struct frame_marker){ 0 };
	memset(f, 0, sizeof(*f));
	f->role = FRAME_ROLE_CALL;
	f->is_reliable = true;

	p += blank_span(p);
	/* every frame prints an address in brackets or a "0x" (its offset, a bare address):
	 * most lines of a log have neither, and are only looked at for a marker */
	bool may_be_frame = has_address_mark(p);
	if ((l = parse_label(p, f, &n))) {
		/* the pc, or a link register: a return address, in no trace */
		f->role = l->lookup == ARCH_EXACT ? FRAME_ROLE_IP : FRAME_ROLE_CALL;
		f->is_link_register = l->lookup == ARCH_RETURN;
		if (!may_be_frame || !parse_body(p + n, f, l->flags & ARCH_LABEL_WORDS))
			return FRAME_LINE_NONE;	/* a register line tells the architecture */
		/* "lr : [<8078e144>]    psr: ..." names no function: a register line */
		return f->symbol[0] || !(l->flags & ARCH_LABEL_NEEDS_SYMBOL) ? FRAME_LINE_FRAME
									     : FRAME_LINE_NONE;
	}
	/* " <IRQ>  [<ffffffff81584ca7>] ip_local_deliver+0x47/0x80" (old, marker + frame);
	 * powerpc's "--- interrupt: 300 at f+0x1/0x2" names the pc it interrupted */
	while ((n = parse_marker(p, f, m, &flags))) {
		p += n;
		p += blank_span(p);
		if (flags & ARCH_MARKER_FRAME_EXACT) {
			f->role = FRAME_ROLE_IP;
			break;
		}
	}
	if (*p == '\0' || !may_be_frame)
		return m->present && *p == '\0' ? FRAME_LINE_MARKER : FRAME_LINE_NONE;
	return parse_body(p, f, false) ? FRAME_LINE_FRAME : FRAME_LINE_NONE;
}

/* compiler-made names: "foo.constprop.0", "foo.isra.7.part.3", "foo.cold", "foo.llvm.123" */
const char *frame_base_name(const char *symbol, char *buf, size_t size)
{
	/* powerpc ELFv1 names its function entry points ".eeh_dev_check_failure" */
	if (symbol[0] == '.')
		symbol++;
	size_t n = strcspn(symbol, ".");

	if (n >= size)
		n = size - 1;
	memcpy(buf, symbol, n);
	buf[n] = '\0';
	return buf;
}

void frame_release(struct frame *f)
{
	if (f == NULL)
		return;
	for (size_t i = 0; i < f->n_locations; i++) {
		free(f->locations[i].function);
		free(f->locations[i].file);
		free(f->locations[i].source);
	}
	free(f->locations);
	free(f->section);
	free(f->object);
	free(f->error);
	free(f->suspect);
	f->locations = NULL;
	f->n_locations = 0;
	f->section = f->object = f->error = f->suspect = NULL;
}

void frame_normalize_module_name(const char *name, char *buf, size_t size)
{
	size_t i;

	for (i = 0; name[i] && i + 1 < size; i++)
		buf[i] = name[i] == '-' ? '_' : name[i];
	buf[i] = '\0';
}
