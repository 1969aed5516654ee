// SPDX-License-Identifier: GPL-2.0-or-later
/* snapshot.c: module section layout: capture from <root>/proc and /sys, write, read, select. */
#include <errno.h>
#include <stdarg.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "linebuf.h"
#include "shared/util.h"
#include "snapshot.h"

/* ---- reading ---- */

struct reader {
	const char *path;
	unsigned long no;	/* line being parsed */
	struct snapshot *cur;
	size_t modules_alloc, symbols_alloc;
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

static struct snapshot_module *find_module(struct snapshot *s, const char *name)
{
	for (size_t i = 0; i < s->n_modules; i++)
		if (streq(s->modules[i].name, name))
			return &s->modules[i];
	return NULL;
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
	if (find_module(s, m.name))
		return fail(rd, "module '%s' twice in one record", m.name);
	ARRAY_GROW(s->modules, s->n_modules, rd->modules_alloc);
	s->modules[s->n_modules++] = m;
	return 0;
}

/* "module_build_id NAME X", "module_srcversion NAME X", "section NAME SEC ADDR" */
static int add_module_detail(struct reader *rd, char **w, size_t n)
{
	struct snapshot_module *m = n >= 3 ? find_module(rd->cur, w[1]) : NULL;

	if (m == NULL)
		return fail(rd, "'%s' of a module with no 'module' line before it", w[0]);
	if (streq(w[0], "section")) {
		uint64_t addr;
		bool is_name = w[2][0] == '.' || is_ident_char(w[2][0]);
		if (n != 4 || !is_name || !parse_address(w[3], &addr))
			return fail(rd, "bad section line: want 'section MODULE NAME ADDRESS'");
		m->sections = xreallocarray(m->sections, m->n_sections + 1, sizeof(*m->sections));
		m->sections[m->n_sections++] =
			(struct snapshot_section){ .name = xstrdup(w[2]), .address = addr };
		return 0;
	}
	if (n != 3)
		return fail(rd, "bad %s line", w[0]);
	bool ok = streq(w[0], "module_build_id")
			  ? is_hex_string(w[2], strlen(w[2])) &&
				    copy_word(m->build_id, sizeof(m->build_id), w[2])
			  : copy_word(m->srcversion, sizeof(m->srcversion), w[2]);
	return ok ? 0 : fail(rd, "bad %s line", w[0]);
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
		if (len < 3 || mod[0] != '[' || mod[len - 1] != ']' || len - 2 >= MODULE_NAME_LEN)
			return fail(rd, "bad module in kallsyms line");
		memcpy(sym.module, mod + 1, len - 2);
	}
	sym.type = w[2][0];
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

void snapshot_sort(struct snapshot *s)
{
	/* qsort(NULL, 0, ...) is undefined: an array never grown is NULL */
	for (size_t i = 0; i < s->n_modules; i++)
		if (s->modules[i].n_sections)
			qsort(s->modules[i].sections, s->modules[i].n_sections,
			      sizeof(*s->modules[i].sections), cmp_section);
	if (s->n_symbols)
		qsort(s->symbols, s->n_symbols, sizeof(*s->symbols), cmp_symbol);
}

static void finish_record(struct reader *rd, struct snapshot_set *set)
{
	struct snapshot *s = TAKE_PTR(rd->cur);

	snapshot_sort(s);
	set->records = xreallocarray(set->records, set->n + 1, sizeof(*set->records));
	set->records[set->n++] = s;
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
	rd->modules_alloc = rd->symbols_alloc = 0;
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
	if (streq(text, "end")) {
		finish_record(rd, set);
		return 0;
	}
	if (startswith(text, "version ") || startswith(text, "release ")) {
		char **dst = text[0] == 'v' ? &s->proc_version : &s->release;
		free(*dst);
		*dst = xstrdup(strchr(text, ' ') + 1);
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
		return copy_word(s->boot_id, sizeof(s->boot_id), w[1]) ? 0 : fail(rd, "bad boot_id");
	if (streq(w[0], "build_id"))
		return is_hex_string(w[1], strlen(w[1])) &&
				       copy_word(s->build_id, sizeof(s->build_id), w[1])
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

int snapshot_read(const char *path, struct snapshot_set *set, char **why)
{
	struct reader rd = { .path = path, .why = why };
	struct linebuf *lb;
	struct line l;
	int err = linebuf_open(path, &lb);

	*why = NULL;
	if (err < 0) {
		*why = xasprintf("cannot open snapshot '%s': %s", path, strerror(-err));
		return err;
	}
	while (err == 0 && linebuf_next(lb, &l) > 0) {
		rd.no = l.no;
		if (l.is_continuation || l.continues || memchr(l.raw, '\0', l.raw_len)) {
			err = fail(&rd, "not a kdecode snapshot (binary data or an overlong line)");
			break;
		}
		char *text = xstrndup(l.text, l.len);
		err = parse_line(&rd, set, text);
		free(text);
	}
	if (err == 0 && linebuf_error(lb)[0]) {
		*why = xasprintf("cannot read snapshot '%s': %s", path, linebuf_error(lb));
		err = -EIO;
	} else if (err == 0 && rd.cur) {
		err = fail(&rd, "the record of line %lu has no 'end' (truncated?)", rd.cur->line);
	} else if (err == 0 && set->n == 0) {
		*why = xasprintf("'%s': not a kdecode snapshot (no record in it)", path);
		err = -EINVAL;
	}
	snapshot_free(rd.cur);
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
	char want[MODULE_NAME_LEN], have[MODULE_NAME_LEN];

	frame_normalize_module_name(name, want, sizeof(want));
	for (size_t i = 0; i < s->n_modules; i++) {
		frame_normalize_module_name(s->modules[i].name, have, sizeof(have));
		if (streq(have, want))
			return &s->modules[i];
	}
	return NULL;
}

const struct snapshot_section *snapshot_section(const struct snapshot_module *m, const char *name)
{
	struct snapshot_section key = { .name = (char *)name };

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

static bool is_named(const struct snapshot_symbol *sym)
{
	/* ".LC2": an assembler's label that modules keep; 'A': absolute, or a per-CPU
	 * offset that is no address */
	return sym->type != 'A' && sym->type != 'a' && !startswith(sym->name, ".L");
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
	free(set->records);
	set->records = NULL;
	set->n = 0;
}
