// SPDX-License-Identifier: GPL-2.0-or-later
/* snapshot.c: module section layout: capture from <root>/proc and /sys, write, read, select. */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "input/linebuf.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

/* ---- reading ---- */

/* a detail line ("section m ...") not right after its module's lines: applied at "end" */
struct pending {
	unsigned long no;
	char *text;
};

struct reader {
	const char *path;
	unsigned long no;	/* line being parsed */
	struct snapshot *cur;
	size_t modules_alloc, symbols_alloc;
	/* reading is linear: detail lines follow their module line, so they are checked
	 * against the last module alone; any other order waits for the index at "end" */
	unsigned long *module_lines;	/* of cur's modules: their "module" lines */
	struct pending *pending;
	size_t n_pending, pending_alloc;
	unsigned long bad_release;	/* the line of cur's release, when it is none */
	size_t n_ends;			/* records read to their end, kept or not */
	char **why;
};

static int fail(struct reader *rd, const char *fmt, ...) _printf_format_(2, 3);
static int fail(struct reader *rd, const char *fmt, ...)
{
	struct strbuf sb = STRBUF_INIT;
	va_list ap;

	strbuf_printf(&sb, "'%s': line %lu: ", rd->path, rd->no);
	va_start(ap, fmt);
	strbuf_vprintf(&sb, fmt, ap);
	va_end(ap);
	*rd->why = strbuf_steal(&sb);
	return -EINVAL;
}

/* split "a b c" in place into at most max words; the last one keeps the rest of the line */
static size_t split(char *s, char **words, size_t max)
{
	size_t n = 0;

	while (*s && n < max) {
		words[n++] = s;
		if (n == max)
			break;
		char *sp = strchr(s, ' ');
		if (sp == NULL)
			break;
		*sp = '\0';
		s = sp + 1;
	}
	return n;
}

static bool parse_address(const char *s, uint64_t *out)
{
	if (s[0] == '0' && s[1] == 'x')
		s += 2;
	size_t n = parse_hex(s, out);
	return n > 0 && n <= 16 && s[n] == '\0';
}

static bool copy_word(char *dst, size_t size, const char *src)
{
	if (strlen(src) >= size)
		return false;
	strcpy(dst, src);
	return true;
}

/* hex, an even number of digits, of one of the sizes ld writes (8 to 64 bytes) */
static bool is_build_id(const char *s)
{
	size_t n = strlen(s);

	return n >= 16 && n <= BUILD_ID_HEX_MAX && n % 2 == 0 && is_hex_string(s, n);
}

static bool is_made_of(const char *s, const char *chars, size_t max)
{
	size_t n = strspn(s, chars);

	return n > 0 && n <= max && s[n] == '\0';
}

#define ALNUM "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"

/* an ELF section name as sysfs lists it (".text.unlikely.cold_path", "__bug_table",
 * ".data..percpu"): printable, and no file name */
static bool is_section_name(const char *s)
{
	if (s[0] != '.' && !is_ident_char(s[0]))
		return false;
	for (const char *p = s; *p; p++)
		if (*p <= ' ' || *p > '~' || *p == '/')
			return false;
	return strlen(s) <= 255;
}

static int add_module(struct reader *rd, char **w, size_t n)
{
	struct snapshot *s = rd->cur;
	struct snapshot_module m = { 0 };

	/* module NAME SIZE STATE BASE TAINT */
	if (n != 6 || !frame_is_valid_module_name(w[1], strlen(w[1])) ||
	    !copy_word(m.name, sizeof(m.name), w[1]) || parse_dec(w[2], &m.size) != strlen(w[2]) ||
	    !copy_word(m.state, sizeof(m.state), w[3]) || !parse_address(w[4], &m.base) ||
	    !copy_word(m.taint, sizeof(m.taint), streq(w[5], "-") ? "" : w[5]))
		return fail(rd, "bad module line: want 'module NAME SIZE STATE BASE TAINT'");
	/* a name twice is found at "end", when the modules are sorted by name */
	size_t alloc = rd->modules_alloc;
	ARRAY_GROW(s->modules, s->n_modules, rd->modules_alloc);
	if (alloc != rd->modules_alloc)
		rd->module_lines = xreallocarray(rd->module_lines, rd->modules_alloc,
						 sizeof(*rd->module_lines));
	rd->module_lines[s->n_modules] = rd->no;
	s->modules[s->n_modules++] = m;
	return 0;
}

/* "module_build_id NAME X", "module_srcversion NAME X", "section NAME SEC ADDR" */
static int apply_detail(struct reader *rd, struct snapshot_module *m, char **w, size_t n)
{
	if (streq(w[0], "section")) {
		uint64_t addr;
		if (n != 4 || !is_section_name(w[2]) || !parse_address(w[3], &addr))
			return fail(rd, "bad section line: want 'section MODULE NAME ADDRESS'");
		/* doubled at each power of two: a module may have thousands */
		if ((m->n_sections & (m->n_sections - 1)) == 0)
			m->sections = xreallocarray(m->sections, m->n_sections ? 2 * m->n_sections : 1,
						    sizeof(*m->sections));
		m->sections[m->n_sections++] =
			(struct snapshot_section){ .name = xstrdup(w[2]), .address = addr };
		return 0;
	}
	if (n != 3)
		return fail(rd, "bad %s line", w[0]);
	bool ok = streq(w[0], "module_build_id")
			  ? is_build_id(w[2]) && copy_word(m->build_id, sizeof(m->build_id), w[2])
			  : is_made_of(w[2], ALNUM, sizeof(m->srcversion) - 1) &&
				    copy_word(m->srcversion, sizeof(m->srcversion), w[2]);
	return ok ? 0 : fail(rd, "bad %s line", w[0]);
}

static int no_module(struct reader *rd, const char *key)
{
	return fail(rd, "'%s' of a module with no 'module' line before it", key);
}

static int add_module_detail(struct reader *rd, char **w, size_t n)
{
	struct snapshot *s = rd->cur;

	if (n < 3)
		return no_module(rd, w[0]);
	if (s->n_modules > 0 && streq(s->modules[s->n_modules - 1].name, w[1]))
		return apply_detail(rd, &s->modules[s->n_modules - 1], w, n);
	/* split() cut the line at single spaces: put them back */
	struct strbuf sb = STRBUF_INIT;
	for (size_t i = 0; i < n; i++)
		strbuf_printf(&sb, "%s%s", i ? " " : "", w[i]);
	ARRAY_GROW(rd->pending, rd->n_pending, rd->pending_alloc);
	rd->pending[rd->n_pending++] = (struct pending){ .no = rd->no, .text = strbuf_steal(&sb) };
	return 0;
}

static bool is_named(const struct snapshot_symbol *sym)
{
	/* ".LC2": an assembler's label that modules keep; 'A': absolute, or a per-CPU
	 * offset that is no address */
	return sym->type != 'A' && sym->type != 'a' && !startswith(sym->name, ".L");
}

static int add_symbol(struct reader *rd, char **w, size_t n)
{
	struct snapshot *s = rd->cur;
	struct snapshot_symbol sym = { 0 };

	/* kallsyms ADDR TYPE NAME [MOD] */
	if (n < 4 || !parse_address(w[1], &sym.address) || strlen(w[2]) != 1)
		return fail(rd, "bad kallsyms line: want 'kallsyms ADDRESS TYPE NAME [MODULE]'");
	char *mod = strchr(w[3], ' ');
	if (mod) {
		*mod++ = '\0';
		size_t len = strlen(mod);
		if (len < 3 || mod[0] != '[' || mod[len - 1] != ']' ||
		    !frame_is_valid_module_name(mod + 1, len - 2))
			return fail(rd, "bad module in kallsyms line");
		memcpy(sym.module, mod + 1, len - 2);
	}
	sym.type = w[2][0];
	sym.name = w[3];
	/* no lookup returns one, or stops at one: a run of them would be walked through
	 * at each lookup */
	if (!is_named(&sym))
		return 0;
	sym.name = xstrdup(w[3]);
	ARRAY_GROW(s->symbols, s->n_symbols, rd->symbols_alloc);
	s->symbols[s->n_symbols++] = sym;
	return 0;
}

static int cmp_section(const void *a, const void *b)
{
	return strcmp(((const struct snapshot_section *)a)->name,
		      ((const struct snapshot_section *)b)->name);
}

static int cmp_symbol(const void *a, const void *b)
{
	const struct snapshot_symbol *x = a, *y = b;

	return x->address < y->address ? -1 : x->address > y->address;
}

/* module names as the kernel compares them: '-' and '_' are one */
static int cmp_module_name(const char *a, const char *b)
{
	for (;; a++, b++) {
		char x = *a == '-' ? '_' : *a, y = *b == '-' ? '_' : *b;
		if (x != y || x == '\0')
			return (unsigned char)x - (unsigned char)y;
	}
}

/* by name, then in file order: the first of equal names comes first */
static int cmp_module_ptr(const void *a, const void *b)
{
	const struct snapshot_module *x = *(const struct snapshot_module *const *)a;
	const struct snapshot_module *y = *(const struct snapshot_module *const *)b;
	int d = cmp_module_name(x->name, y->name);

	return d ? d : x < y ? -1 : x > y;
}

/* qsort() and bsearch() take no NULL array, even of 0 elements (C11 7.22.5) */
void snapshot_sort(struct snapshot *s)
{
	for (size_t i = 0; i < s->n_modules; i++)
		if (s->modules[i].n_sections > 0)
			qsort(s->modules[i].sections, s->modules[i].n_sections,
			      sizeof(*s->modules[i].sections), cmp_section);
	if (s->n_symbols > 0)
		qsort(s->symbols, s->n_symbols, sizeof(*s->symbols), cmp_symbol);
	free(s->by_name);
	s->by_name = xreallocarray(NULL, s->n_modules, sizeof(*s->by_name));
	for (size_t i = 0; i < s->n_modules; i++)
		s->by_name[i] = &s->modules[i];
	s->n_by_name = s->n_modules;
	if (s->n_modules > 0)
		qsort(s->by_name, s->n_modules, sizeof(*s->by_name), cmp_module_ptr);
}

/* the detail lines that did not follow their module's, now that modules have an index */
static int apply_pending(struct reader *rd)
{
	struct snapshot *s = rd->cur;

	for (size_t i = 0; i < rd->n_pending; i++) {
		char *w[6];
		rd->no = rd->pending[i].no;
		size_t n = split(rd->pending[i].text, w, 6);
		struct snapshot_module *m = (struct snapshot_module *)snapshot_module(s, w[1]);
		if (m == NULL || !streq(m->name, w[1]) ||
		    rd->module_lines[m - s->modules] > rd->no)
			return no_module(rd, w[0]);
		int err = apply_detail(rd, m, w, n);
		if (err < 0)
			return err;
	}
	return 0;
}

static void reader_reset(struct reader *rd)
{
	for (size_t i = 0; i < rd->n_pending; i++)
		free(rd->pending[i].text);
	free(rd->pending);
	free(rd->module_lines);
	rd->pending = NULL;
	rd->module_lines = NULL;
	rd->n_pending = rd->pending_alloc = rd->modules_alloc = rd->symbols_alloc = 0;
}

static void add_warning(struct snapshot_set *set, char *msg)
{
	set->warnings = xreallocarray(set->warnings, set->n_warnings + 1, sizeof(*set->warnings));
	set->warnings[set->n_warnings++] = msg;
}

static int finish_record(struct reader *rd, struct snapshot_set *set)
{
	struct snapshot *s = rd->cur;
	unsigned long end = rd->no;

	snapshot_sort(s);
	for (size_t i = 1; i < s->n_by_name; i++) {
		if (cmp_module_name(s->by_name[i - 1]->name, s->by_name[i]->name) == 0) {
			rd->no = rd->module_lines[s->by_name[i] - s->modules];
			return fail(rd, "module '%s' twice in one record", s->by_name[i]->name);
		}
	}
	int err = apply_pending(rd);
	if (err < 0)
		return err;
	rd->no = end;
	rd->n_ends++;
	if (rd->n_pending > 0)
		snapshot_sort(s);	/* the sections that came late */
	reader_reset(rd);
	if (rd->bad_release) {
		add_warning(set, xasprintf("'%s': line %lu: bad release (want 1 to 64 of "
					   "A-Z a-z 0-9 . _ + ~ -, no '..'); the record of line "
					   "%lu is left out", rd->path, rd->bad_release, s->line));
		snapshot_free(TAKE_PTR(rd->cur));
		return 0;
	}
	set->records = xreallocarray(set->records, set->n + 1, sizeof(*set->records));
	set->records[set->n++] = TAKE_PTR(rd->cur);
	return 0;
}

static int start_record(struct reader *rd, char **w, size_t n)
{
	uint64_t version;

	if (rd->cur)
		return fail(rd, "a new record before the 'end' of the one at line %lu (truncated?)",
			    rd->cur->line);
	if (n != 2 || parse_dec(w[1], &version) != strlen(w[1]) || version == 0)
		return fail(rd, "bad header: want 'kdecode-snapshot VERSION'");
	if (version > SNAPSHOT_VERSION)
		return fail(rd, "format version %" PRIu64 " is newer than this kdecode reads (%d)",
			    version, SNAPSHOT_VERSION);
	rd->cur = xcalloc(1, sizeof(*rd->cur));
	rd->cur->source = xstrdup(rd->path);
	rd->cur->line = rd->no;
	rd->cur->version = (int)version;
	rd->bad_release = 0;
	reader_reset(rd);
	return 0;
}

/* the keys of one record; a key this kdecode does not know is skipped */
static int parse_line(struct reader *rd, struct snapshot_set *set, char *text)
{
	char *w[6];
	size_t n;
	struct snapshot *s = rd->cur;

	if (text[0] == '\0' || text[0] == '#')
		return 0;
	if (startswith(text, "kdecode-snapshot ")) {
		n = split(text, w, 3);
		return start_record(rd, w, n);
	}
	if (s == NULL)
		return fail(rd, "not a kdecode snapshot (no 'kdecode-snapshot' header before)");
	/* keys are [a-z0-9_]: anything else is damage, not a key of a later version */
	size_t key_len = strspn(text, "abcdefghijklmnopqrstuvwxyz0123456789_");
	if (key_len == 0 || (text[key_len] != ' ' && text[key_len] != '\0'))
		return fail(rd, "not a snapshot line");
	if (streq(text, "end"))
		return finish_record(rd, set);
	if (startswith(text, "version ") || startswith(text, "release ")) {
		char **dst = text[0] == 'v' ? &s->proc_version : &s->release;
		free(*dst);
		*dst = xstrdup(strchr(text, ' ') + 1);
		/* it names directories (/lib/modules/RELEASE): the record is left out at
		 * "end", and the others used */
		if (text[0] == 'r')
			rd->bad_release = kernel_release_is_valid(s->release) ? 0 : rd->no;
		return 0;
	}
	if (startswith(text, "kallsyms ")) {
		n = split(text, w, 4);
		return add_symbol(rd, w, n);
	}
	n = split(text, w, 6);
	if (streq(w[0], "module"))
		return add_module(rd, w, n);
	if (streq(w[0], "module_build_id") || streq(w[0], "module_srcversion") ||
	    streq(w[0], "section"))
		return add_module_detail(rd, w, n);
	if (n != 2)
		return 0;
	if (streq(w[0], "captured"))
		return copy_word(s->captured, sizeof(s->captured), w[1]) ? 0
									: fail(rd, "bad captured time");
	if (streq(w[0], "boot_id"))
		return is_made_of(w[1], "0123456789abcdefABCDEF-", sizeof(s->boot_id) - 1) &&
				       copy_word(s->boot_id, sizeof(s->boot_id), w[1])
			       ? 0
			       : fail(rd, "bad boot_id");
	if (streq(w[0], "build_id"))
		return is_build_id(w[1]) && copy_word(s->build_id, sizeof(s->build_id), w[1])
			       ? 0
			       : fail(rd, "bad build_id");
	if (streq(w[0], "text")) {
		s->has_text = parse_address(w[1], &s->text);
		return s->has_text ? 0 : fail(rd, "bad text address");
	}
	if (streq(w[0], "uptime")) {
		char *end;
		errno = 0;
		s->uptime = strtod(w[1], &end);
		s->has_uptime = errno == 0 && *end == '\0' && s->uptime >= 0;
		return s->has_uptime ? 0 : fail(rd, "bad uptime");
	}
	return 0;
}

/* where reading a file stopped */
struct stop {
	unsigned long no;	/* the line parsed last */
	bool is_cut;		/* it has no newline: the file ends inside it */
	bool is_start_or_end;	/* a "kdecode-snapshot" or "end" line */
};

/* A write cut short (a crash, a full disk) leaves the last record torn: no 'end', or a
 * line cut in the middle. Only the last record is torn so: an error before the last
 * line, or a second unfinished record, is damage. */
static bool is_torn(const struct reader *rd, const struct stop *st, bool is_last_line)
{
	if (!is_last_line)
		return false;
	if (rd->cur)
		return !st->is_start_or_end;
	return st->is_cut;	/* a header cut short */
}

/* the records of this file go, on an error */
static void drop_records(struct snapshot_set *set, size_t first)
{
	while (set->n > first)
		snapshot_free(set->records[--set->n]);
}

static int read_lines(struct reader *rd, struct linebuf *lb, struct snapshot_set *set,
		      struct stop *st, uint64_t *good_size)
{
	uint64_t size = 0;
	struct line l;
	int err = 0;

	while (err == 0 && linebuf_next(lb, &l) > 0) {
		rd->no = st->no = l.no;
		size += l.raw_len;
		st->is_cut = l.raw_len == 0 || l.raw[l.raw_len - 1] != '\n';
		st->is_start_or_end = false;
		if (l.is_continuation || l.continues || memchr(l.raw, '\0', l.raw_len))
			return fail(rd, "not a kdecode snapshot (binary data or an overlong line)");
		char *text = xstrndup(l.text, l.len);
		st->is_start_or_end = startswith(text, "kdecode-snapshot") || streq(text, "end");
		/* no value holds one, and each would reach a terminal in a message */
		for (const char *p = text; err == 0 && *p; p++)
			if ((unsigned char)*p < ' ' || *p == 0x7f)
				err = fail(rd, "not a snapshot line (control character)");
		if (err < 0) {
			free(text);
			return err;
		}
		err = parse_line(rd, set, text);
		free(text);
		if (err == 0 && rd->cur == NULL)
			*good_size = size;
	}
	return err;
}

int snapshot_read(const char *path, struct snapshot_set *set, char **why)
{
	struct reader rd = { .path = path, .why = why };
	struct stop st = { 0 };
	size_t first = set->n;
	uint64_t good_size = 0;
	struct linebuf *lb;
	struct line l;
	int err = linebuf_open(path, &lb);

	*why = NULL;
	set->torn_line = 0;
	if (err < 0) {
		*why = xasprintf("cannot open snapshot '%s': %s", path, strerror(-err));
		return err;
	}
	err = read_lines(&rd, lb, set, &st, &good_size);
	/* after an error, one more line: is it the last one? */
	bool is_last_line = err == 0 || linebuf_next(lb, &l) == 0;
	if (linebuf_error(lb)[0]) {
		/* a gzip stream cut short ends here too: what it holds cannot be trusted
		 * (linebuf says "gzip data cut short (unexpected end of file)") */
		free(*why);
		*why = xasprintf("cannot read snapshot '%s': %s", path, linebuf_error(lb));
		err = -EIO;
	} else if (is_torn(&rd, &st, is_last_line) && set->n > first) {
		size_t n = set->n - first;
		free(TAKE_PTR(*why));
		set->torn_line = rd.cur ? rd.cur->line : st.no;
		set->good_size = good_size;
		add_warning(set, xasprintf("'%s': line %lu: the last record has no 'end' (torn); "
					   "using the %zu record%s before it", path,
					   set->torn_line, n, n == 1 ? "" : "s"));
		err = 0;
	} else if (err == 0 && rd.cur) {
		err = fail(&rd, "the record of line %lu has no 'end' (truncated?)", rd.cur->line);
	} else if (err == 0 && rd.n_ends == 0) {
		*why = xasprintf("'%s': not a kdecode snapshot (no record in it)", path);
		err = -EINVAL;
	} else if (err == 0 && set->n == first) {
		/* every record was left out (a bad release): nothing of it can be used */
		*why = xasprintf("'%s': no usable record: each was left out", path);
		err = -EINVAL;
	}
	if (err < 0)
		drop_records(set, first);
	snapshot_free(rd.cur);
	reader_reset(&rd);
	linebuf_free(lb);
	return err;
}

/* ---- writing ---- */

void snapshot_format(const struct snapshot *s, struct strbuf *sb)
{
	strbuf_printf(sb, "kdecode-snapshot %d\n", SNAPSHOT_VERSION);
	if (s->captured[0])
		strbuf_printf(sb, "captured %s\n", s->captured);
	if (s->has_uptime)
		strbuf_printf(sb, "uptime %.2f\n", s->uptime);
	if (s->boot_id[0])
		strbuf_printf(sb, "boot_id %s\n", s->boot_id);
	if (s->release)
		strbuf_printf(sb, "release %s\n", s->release);
	if (s->proc_version)
		strbuf_printf(sb, "version %s\n", s->proc_version);
	if (s->build_id[0])
		strbuf_printf(sb, "build_id %s\n", s->build_id);
	if (s->has_text)
		strbuf_printf(sb, "text 0x%016" PRIx64 "\n", s->text);
	for (size_t i = 0; i < s->n_modules; i++) {
		const struct snapshot_module *m = &s->modules[i];
		strbuf_printf(sb, "module %s %" PRIu64 " %s 0x%016" PRIx64 " %s\n", m->name, m->size,
			      m->state, m->base, m->taint[0] ? m->taint : "-");
		if (m->build_id[0])
			strbuf_printf(sb, "module_build_id %s %s\n", m->name, m->build_id);
		if (m->srcversion[0])
			strbuf_printf(sb, "module_srcversion %s %s\n", m->name, m->srcversion);
		for (size_t j = 0; j < m->n_sections; j++)
			strbuf_printf(sb, "section %s %s 0x%016" PRIx64 "\n", m->name,
				      m->sections[j].name, m->sections[j].address);
	}
	for (size_t i = 0; i < s->n_symbols; i++) {
		const struct snapshot_symbol *sym = &s->symbols[i];
		strbuf_printf(sb, "kallsyms 0x%016" PRIx64 " %c %s", sym->address, sym->type,
			      sym->name);
		if (sym->module[0])
			strbuf_printf(sb, " [%s]", sym->module);
		strbuf_pushchar(sb, '\n');
	}
	strbuf_pushstr(sb, "end\n");
}

/* ---- comparing and choosing ---- */

static bool same_module(const struct snapshot_module *a, const struct snapshot_module *b)
{
	if (!streq(a->name, b->name) || a->base != b->base || a->size != b->size ||
	    !streq(a->build_id, b->build_id) || a->n_sections != b->n_sections)
		return false;
	for (size_t i = 0; i < a->n_sections; i++)
		if (a->sections[i].address != b->sections[i].address ||
		    !streq(a->sections[i].name, b->sections[i].name))
			return false;
	return true;
}

bool snapshot_same_layout(const struct snapshot *a, const struct snapshot *b)
{
	if (a->has_text != b->has_text || a->text != b->text || a->n_modules != b->n_modules ||
	    !streq(a->build_id, b->build_id))
		return false;
	for (size_t i = 0; i < a->n_modules; i++)
		if (!same_module(&a->modules[i], &b->modules[i]))
			return false;
	return true;
}

const struct snapshot *snapshot_last_of_boot(const struct snapshot_set *set, const char *boot_id)
{
	for (size_t i = set->n; i-- > 0;)
		if (streq(set->records[i]->boot_id, boot_id))
			return set->records[i];
	return NULL;
}

static bool is_of_release(const struct snapshot *s, const char *release)
{
	return release == NULL || (s->release && streq(s->release, release));
}

const struct snapshot *snapshot_select(const struct snapshot_set *set, const char *release,
				       const uint64_t *text, bool has_time, double time)
{
	const struct snapshot *newest = NULL;

	/* the newest boot of that release: its last record names it; of those whose kernel
	 * sits where the report says, when it says (a release is booted many times, KASLR
	 * puts it elsewhere each time) */
	for (size_t i = set->n; text && i-- > 0 && newest == NULL;)
		if (is_of_release(set->records[i], release) && set->records[i]->has_text &&
		    set->records[i]->text == *text)
			newest = set->records[i];
	for (size_t i = set->n; i-- > 0 && newest == NULL;)
		if (is_of_release(set->records[i], release))
			newest = set->records[i];
	if (newest == NULL)
		return NULL;

	const struct snapshot *first = NULL, *best = NULL;
	for (size_t i = 0; i < set->n; i++) {
		const struct snapshot *s = set->records[i];
		if (!streq(s->boot_id, newest->boot_id) || !is_of_release(s, release))
			continue;
		if (first == NULL)
			first = s;
		if (has_time && s->has_uptime && s->uptime <= time)
			best = s;
	}
	if (!has_time)
		return newest;
	return best ? best : first;
}

const struct snapshot_module *snapshot_module(const struct snapshot *s, const char *name)
{
	if (s->by_name == NULL || s->n_by_name != s->n_modules) {
		/* not sorted (yet): in file order */
		for (size_t i = 0; i < s->n_modules; i++)
			if (cmp_module_name(s->modules[i].name, name) == 0)
				return &s->modules[i];
		return NULL;
	}
	/* the first of its name */
	size_t lo = 0, hi = s->n_by_name;
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (cmp_module_name(s->by_name[mid]->name, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	if (lo < s->n_by_name && cmp_module_name(s->by_name[lo]->name, name) == 0)
		return s->by_name[lo];
	return NULL;
}

const struct snapshot_section *snapshot_section(const struct snapshot_module *m, const char *name)
{
	struct snapshot_section key = { .name = (char *)name };

	if (m->n_sections == 0)
		return NULL;
	return bsearch(&key, m->sections, m->n_sections, sizeof(*m->sections), cmp_section);
}

/* The kernel measures a module function up to the next symbol or the end of the module's
 * text, whichever comes first (find_kallsyms_symbol()): the end of text is where the
 * first section above it that holds no code starts. size 0: no next symbol. */
static uint64_t module_text_bound(const struct snapshot_module *m, uint64_t address,
				  uint64_t size)
{
	for (size_t i = 0; i < m->n_sections; i++) {
		const struct snapshot_section *sec = &m->sections[i];
		if (sec->address <= address || strstr(sec->name, "text"))
			continue;
		if (size == 0 || sec->address - address < size)
			size = sec->address - address;
	}
	return size;
}

const struct snapshot_symbol *snapshot_symbol_at(const struct snapshot *s, uint64_t address,
						 uint64_t *size)
{
	size_t lo = upper_bound_u64(s->symbols, s->n_symbols, sizeof(*s->symbols),
				    offsetof(struct snapshot_symbol, address), address);
	size_t i = lo;
	while (i > 0 && !is_named(&s->symbols[i - 1]))
		i--;
	if (i == 0)
		return NULL;
	const struct snapshot_symbol *sym = &s->symbols[i - 1];
	const struct snapshot_symbol *next = NULL;
	for (size_t j = lo; j < s->n_symbols && next == NULL; j++)
		if (is_named(&s->symbols[j]) && s->symbols[j].address > sym->address)
			next = &s->symbols[j];
	const struct snapshot_module *m = sym->module[0] ? snapshot_module(s, sym->module) : NULL;
	if (sym->module[0]) {
		if (m == NULL || (address - m->base >= m->size &&
				  (next == NULL || !streq(next->module, sym->module))))
			return NULL;
	} else if (next == NULL || next->module[0] ||
		   next->address - sym->address > SNAPSHOT_SYMBOL_GAP_MAX) {
		return NULL;
	}
	*size = next && streq(next->module, sym->module) ? next->address - sym->address : 0;
	if (m && (sym->type == 't' || sym->type == 'T'))
		*size = module_text_bound(m, sym->address, *size);
	return sym;
}

void snapshot_free(struct snapshot *s)
{
	if (s == NULL)
		return;
	for (size_t i = 0; i < s->n_modules; i++) {
		for (size_t j = 0; j < s->modules[i].n_sections; j++)
			free(s->modules[i].sections[j].name);
		free(s->modules[i].sections);
	}
	for (size_t i = 0; i < s->n_symbols; i++)
		free(s->symbols[i].name);
	free(s->modules);
	free(s->by_name);
	free(s->symbols);
	free(s->source);
	free(s->release);
	free(s->proc_version);
	free(s);
}

void snapshot_set_release(struct snapshot_set *set)
{
	for (size_t i = 0; i < set->n; i++)
		snapshot_free(set->records[i]);
	for (size_t i = 0; i < set->n_warnings; i++)
		free(set->warnings[i]);
	free(set->records);
	free(set->warnings);
	*set = (struct snapshot_set){ 0 };
}
