// SPDX-License-Identifier: GPL-2.0-or-later
/* index-write.c: writing the per-build index (index-write.h, index-format.h). The answers
 * are the DWARF path's own: the writer asks debuginfo_locate() at every address where it
 * may change (each line table row, each scope's bounds, each arange's and section's), so
 * decoding with an index prints what decoding without one does. Two processes ask, each
 * at the bounds of its share of the compile units (the second fork()ed: libdw's state
 * may not be shared between threads), and the answers are merged in address order into
 * the very tables that one process asking at every bound would write. */
#include <errno.h>
#include <fcntl.h>
#include <gelf.h>
#include <inttypes.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "debug/index-format.h"
#include "debug/index-write.h"
#include "debug/index.h"
#include "debug/scopes.h"
#include "debug/variables.h"
#include "log.h"
#include "shared/hash.h"
#include "shared/helper.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

/* a run of records interned: where it starts (+ 1, 0 for an empty slot), its length, and
 * its hash, kept so that growing the slots hashes nothing again */
struct run {
	uint32_t at, n, hash;
};

/* a growing table of fixed-size records, deduplicated by content when interned */
struct table {
	unsigned char *data;
	size_t n, alloc, size;	/* records, capacity, record size */
	struct run *slots;	/* open addressing on the runs interned */
	size_t n_slots, n_runs;
};

/* a word at a time: the strings and chains hashed are tens of bytes. The hash decides no
 * byte of the index (what is interned first comes first), only how fast runs are found. */
static uint32_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0x9e3779b97f4a7c15u ^ n, v;

	for (; n >= 8; b += 8, n -= 8) {
		memcpy(&v, b, 8);
		h = (h ^ v) * 0xff51afd7ed558ccdu;
		h ^= h >> 32;
	}
	if (n > 0) {
		v = 0;
		memcpy(&v, b, n);
		h = (h ^ v) * 0xff51afd7ed558ccdu;
	}
	h *= 0xc4ceb9fe1a85ec53u;
	return (uint32_t)(h ^ (h >> 32));
}

/* room for n_recs more records, in one step: where their number is known beforehand,
 * no copying as the table doubles */
static void table_reserve(struct table *t, size_t n_recs)
{
	if (t->n + n_recs > t->alloc) {
		t->alloc = t->n + n_recs;
		t->data = xreallocarray(t->data, t->alloc, t->size);
	}
}

static uint32_t table_append(struct table *t, const void *rec, size_t n_recs)
{
	if (t->n + n_recs > t->alloc) {
		while (t->n + n_recs > t->alloc)
			t->alloc = t->alloc ? t->alloc * 2 : 1024;
		t->data = xreallocarray(t->data, t->alloc, t->size);
	}
	memcpy(t->data + t->n * t->size, rec, n_recs * t->size);
	t->n += n_recs;
	return (uint32_t)(t->n - n_recs);
}

/* the index of a run of n_recs records equal to rec, appended when new */
static uint32_t table_intern(struct table *t, const void *rec, size_t n_recs)
{
	size_t bytes = n_recs * t->size;

	/* at most half of the slots used: a slot per run interned, not per record */
	if (t->n_runs * 2 >= t->n_slots) {
		size_t n_slots = t->n_slots ? t->n_slots * 2 : 4096;
		struct run *slots = xcalloc(n_slots, sizeof(*slots));
		for (size_t i = 0; i < t->n_slots; i++) {
			if (t->slots[i].at == 0)
				continue;
			size_t j = t->slots[i].hash & (n_slots - 1);
			while (slots[j].at)
				j = (j + 1) & (n_slots - 1);
			slots[j] = t->slots[i];
		}
		free(t->slots);
		t->slots = slots;
		t->n_slots = n_slots;
	}
	size_t mask = t->n_slots - 1;
	uint32_t hash = hash_bytes(rec, bytes);
	size_t j = hash & mask;
	for (; t->slots[j].at; j = (j + 1) & mask)
		if (t->slots[j].hash == hash && t->slots[j].n == n_recs &&
		    memcmp(t->data + (t->slots[j].at - 1) * t->size, rec, bytes) == 0)
			return t->slots[j].at - 1;
	uint32_t at = table_append(t, rec, n_recs);
	t->slots[j] = (struct run){ .at = at + 1, .n = (uint32_t)n_recs, .hash = hash };
	t->n_runs++;
	return at;
}

/* pointers to values: libdw's strings are stable, so a pointer seen before is not
 * hashed again */
struct ptr_map {
	const char **ptr;
	uint32_t *val;
	size_t n, n_slots;
};

/* the value of p (not NULL) in m, *is_new when p was not there: its value then the
 * caller's to set */
static uint32_t *ptr_map_find(struct ptr_map *m, const char *p, bool *is_new)
{
	if (m->n * 2 >= m->n_slots) {
		size_t n = m->n_slots ? m->n_slots * 2 : 4096;
		const char **ptr = xcalloc(n, sizeof(*ptr));
		uint32_t *val = xcalloc(n, sizeof(*val));
		for (size_t i = 0; i < m->n_slots; i++) {
			if (m->ptr[i] == NULL)
				continue;
			size_t j = ((uintptr_t)m->ptr[i] * 0x9e3779b97f4a7c15u >> 20) & (n - 1);
			while (ptr[j])
				j = (j + 1) & (n - 1);
			ptr[j] = m->ptr[i];
			val[j] = m->val[i];
		}
		free(m->ptr);
		free(m->val);
		m->ptr = ptr;
		m->val = val;
		m->n_slots = n;
	}
	size_t mask = m->n_slots - 1;
	size_t j = ((uintptr_t)p * 0x9e3779b97f4a7c15u >> 20) & mask;
	for (; m->ptr[j]; j = (j + 1) & mask)
		if (m->ptr[j] == p) {
			*is_new = false;
			return &m->val[j];
		}
	*is_new = true;
	m->ptr[j] = p;
	m->n++;
	return &m->val[j];
}

static void ptr_map_free(struct ptr_map *m)
{
	free(m->ptr);
	free(m->val);
}

struct writer {
	struct objfile *o;
	struct table strings, sections, symbols, name_keys, name_syms, ranges, locs, scopes,
		vars, range_top;
	uint64_t symbol_strings;
	struct ptr_map seen;	/* strings interned, by libdw's pointer */
	struct disk_scope *chain;	/* a chain being made of the index's strings */
	size_t chain_alloc;
};

static uint32_t intern_string(struct writer *w, const char *s)
{
	bool is_new;
	uint32_t *ref;

	if (s == NULL)
		return NONE;
	ref = ptr_map_find(&w->seen, s, &is_new);
	if (is_new)
		*ref = table_intern(&w->strings, s, strlen(s) + 1);
	return *ref;
}

/* addresses where an answer may change */
struct bounds {
	uint64_t *a;
	size_t n, alloc;
};

static void add_bound(void *data, uint64_t address)
{
	struct bounds *b = data;

	/* an address comes in runs (the rows of one address, a scope starting at a row):
	 * half of a vmlinux's bounds are the last one again, not worth sorting */
	if (b->n > 0 && b->a[b->n - 1] == address)
		return;
	ARRAY_GROW(b->a, b->n, b->alloc);
	b->a[b->n++] = address;
}

/* debuginfo_locate()'s answer, its strings by their numbers in its part (NONE: NULL) and
 * its chain of scopes at chain in the part's scopes */
struct part_loc {
	uint32_t unit, comp_dir, file, error, line, col, chain;
	int32_t n_scopes;
};

/* a bound of a part: where, and the answer there */
struct part_bound {
	uint64_t address, offset;
	uint32_t shndx, loc;
};

/* a variable of a part: where, and what debuginfo_variable_die() says (strings by number;
 * a name NONE when it said nothing) */
struct part_var {
	uint64_t address, offset, die;
	uint32_t shndx, name, type, file, comp_dir, line;
};

/* The answers at the bounds of some compile units, as one process finds them: at each
 * bound (address order, each once) an answer, a new one only where it changes; the
 * chains of scopes (struct disk_scope, strings by number), each once; the units'
 * variables. Strings by number: the index's string table is made of every
 * part at the end, in the order of the ranges, then of the variables, as if one process
 * had asked at every bound and every variable. */
struct part {
	struct table bounds, locs, scopes, vars;	/* a received part's: in map */
	const char **strs;	/* by number: libdw's, the types' (in owned), or in map */
	size_t n_strs, strs_alloc;
	struct ptr_map numbers;	/* libdw's strings: their numbers */
	char **owned;		/* the variables' types, made for the part */
	size_t n_owned, owned_alloc;
	uint32_t *refs;		/* by number: the index's string, NONE until interned */
	uint32_t *chain_refs;	/* by start in scopes: the index's chain, NONE until then */
	void *map;		/* a part received from the second process: what it wrote */
	size_t map_size;
};

#define PART_TABLES 4

/* the tables of p, in the order they are sent */
static void part_tables(struct part *p, struct table *t[PART_TABLES])
{
	t[0] = &p->bounds;
	t[1] = &p->locs;
	t[2] = &p->scopes;
	t[3] = &p->vars;
}

static void part_init(struct part *p)
{
	*p = (struct part){
		.bounds = { .size = sizeof(struct part_bound) },
		.locs = { .size = sizeof(struct part_loc) },
		.scopes = { .size = sizeof(struct disk_scope) },
		.vars = { .size = sizeof(struct part_var) },
	};
}

static void part_free(struct part *p)
{
	struct table *t[PART_TABLES];

	part_tables(p, t);
	for (size_t i = 0; i < PART_TABLES; i++) {
		if (p->map == NULL)
			free(t[i]->data);
		free(t[i]->slots);
	}
	if (p->map)
		munmap(p->map, p->map_size);
	for (size_t i = 0; i < p->n_owned; i++)
		free(p->owned[i]);
	free(p->owned);
	free(p->strs);
	ptr_map_free(&p->numbers);
	free(p->refs);
	free(p->chain_refs);
}

/* LSD radix sort, a byte a pass: millions of bounds, where qsort() took a tenth of the
 * whole build; passes whose byte is the same in every key are skipped */
static void sort_u64(uint64_t *a, size_t n)
{
	uint64_t *tmp = xcalloc(n + 1, sizeof(*tmp)), *from = a, *to = tmp;

	for (unsigned int shift = 0; shift < 64; shift += 8) {
		size_t count[257] = { 0 };
		for (size_t i = 0; i < n; i++)
			count[((from[i] >> shift) & 0xff) + 1]++;
		if (n == 0 || count[((from[0] >> shift) & 0xff) + 1] == n)
			continue;
		for (size_t b = 1; b < 257; b++)
			count[b] += count[b - 1];
		for (size_t i = 0; i < n; i++)
			to[count[(from[i] >> shift) & 0xff]++] = from[i];
		uint64_t *t = from;
		from = to;
		to = t;
	}
	if (from != a)
		memcpy(a, from, n * sizeof(*a));
	free(tmp);
}

/* each section, at its address in libdwfl's terms (a PIE vmlinux's, arm64's, with the
 * bias that libdwfl gives every address of it) */
static void write_sections(struct writer *w, Elf *elf, Dwarf_Addr bias)
{
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	if (elf == NULL || elf_getshdrstrndx(elf, &shstrndx) < 0)
		return;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		GElf_Shdr shdr;
		if (gelf_getshdr(scn, &shdr) == NULL)
			continue;
		struct disk_section d = {
			.name = intern_string(w, elf_strptr(elf, shstrndx, shdr.sh_name)),
			.type = shdr.sh_type,
			.shndx = elf_ndxscn(scn),
			.addr = shdr.sh_addr + bias,
			.size = shdr.sh_size,
			.flags = shdr.sh_flags,
		};
		table_append(&w->sections, &d, 1);
	}
}

struct name_entry {
	const char *name;
	uint32_t sym;
};

static int cmp_name_entry(const void *a, const void *b)
{
	const struct name_entry *x = a, *y = b;
	int c = strcmp(x->name, y->name);

	return c ? c : x->sym < y->sym ? -1 : x->sym > y->sym;
}

/* where libdwfl laid out section shndx (its sh_addr in libdwfl's copy of the headers) */
static uint64_t layout_address(const struct writer *w, uint32_t shndx)
{
	const struct disk_section *d = (const struct disk_section *)w->sections.data;

	for (size_t i = 0; i < w->sections.n; i++)
		if (d[i].shndx == shndx)
			return d[i].addr;
	return 0;
}

static void write_symbols(struct writer *w)
{
	const struct objfile *o = w->o;
	uint32_t *order = xcalloc(o->n_syms + 1, sizeof(*order));

	/* a module's in symbol table order (its layout decides the rest), vmlinux's sorted */
	for (size_t i = 0; i < o->n_syms; i++)
		order[i] = (uint32_t)i;
	if (!o->is_vmlinux) {
		uint32_t *by_rank = xcalloc(o->n_syms + 1, sizeof(*by_rank));
		for (size_t i = 0; i < o->n_syms; i++)
			by_rank[o->syms[i].rank] = (uint32_t)i;
		free(order);
		order = by_rank;
	}
	for (size_t k = 0; k < o->n_syms; k++) {
		const struct objsym *s = &o->syms[order[k]];
		struct objsym d = *s;
		d.name = intern_string(w, objsym_name(o, s));
		d.address -= o->is_vmlinux ? 0 : layout_address(w, s->shndx);
		table_append(&w->symbols, &d, 1);
	}
	free(order);
	if (!o->is_vmlinux)
		return;
	/* the names, as debuginfo.c's hash has them: each symbol's, and clang LTO's
	 * "foo.llvm.123" as "foo" too */
	struct name_entry *e = NULL;
	size_t n = 0, alloc = 0;
	for (size_t i = 0; i < o->n_syms; i++) {
		const char *name = objsym_name(o, &o->syms[i]);
		ARRAY_GROW(e, n, alloc);
		e[n++] = (struct name_entry){ name, (uint32_t)i };
		const char *llvm = strstr(name, ".llvm.");
		if (llvm && llvm[6] >= '0' && llvm[6] <= '9') {
			ARRAY_GROW(e, n, alloc);
			e[n++] = (struct name_entry){
				xstrndup(name, (size_t)(llvm - name)),
				(uint32_t)i | 0x80000000u };
		}
	}
	qsort_safe(e, n, sizeof(*e), cmp_name_entry);
	for (size_t i = 0; i < n; i++) {
		uint32_t sym = e[i].sym & 0x7fffffffu;
		uint32_t key = (e[i].sym & 0x80000000u)
				       ? table_intern(&w->strings, e[i].name, strlen(e[i].name) + 1)
				       : intern_string(w, e[i].name);
		table_append(&w->name_keys, &key, 1);
		table_append(&w->name_syms, &sym, 1);
		if (e[i].sym & 0x80000000u)
			free((char *)e[i].name);
	}
	free(e);
}

/* past the last unit's offset: from..UNITS_END are the units from `from` on */
#define UNITS_END ((Dwarf_Off)-1)

/* where debuginfo_locate()'s answer may change, in o's layout: each section's bounds,
 * each row of each unit's line table, each function scope's bounds, each arange's; of
 * the units whose headers are at offsets from..to (the sections with the last units) */
static void collect_bounds(struct writer *w, struct objfile *o, Dwarf_Off from, Dwarf_Off to,
			   struct bounds *b)
{
	const struct disk_section *secs = (const struct disk_section *)w->sections.data;
	for (size_t i = 0; i < w->sections.n && to == UNITS_END; i++) {
		uint64_t start = secs[i].addr;
		if (!(secs[i].flags & SHF_ALLOC))
			continue;
		if (o->place) {
			const struct snapshot_section *ss = snapshot_section(
				o->place, (const char *)w->strings.data + secs[i].name);
			if (ss == NULL)
				continue;
			start = ss->address;
		}
		add_bound(b, start);
		add_bound(b, start + secs[i].size);
	}

	Dwarf_Addr bias;
	Dwarf *dw = dwfl_module_getdwarf(o->mod, &bias);
	Dwarf_Aranges *ar;
	size_t n_ar;

	if (dw == NULL)
		return;
	/* an arange with its unit (the offset of its DIE, just past the unit's header): the
	 * first part takes any before from, the last any after */
	if (dwarf_getaranges(dw, &ar, &n_ar) == 0)
		for (size_t i = 0; i < n_ar; i++) {
			Dwarf_Addr start;
			Dwarf_Word len;
			Dwarf_Off unit;
			if (dwarf_getarangeinfo(dwarf_onearange(ar, i), &start, &len, &unit) == 0 &&
			    (unit > from || from == 0) && (unit < to || to == UNITS_END)) {
				add_bound(b, start + bias);
				add_bound(b, start + bias + len);
			}
		}
	Dwarf_Off off = from, next;
	size_t hsize;
	while (off < to && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;
		Dwarf_Lines *lines;
		size_t n_lines;
		if (dwarf_offdie(dw, off + hsize, &cu)) {
			if (dwarf_getsrclines(&cu, &lines, &n_lines) == 0)
				for (size_t i = 0; i < n_lines; i++) {
					Dwarf_Addr a;
					if (dwarf_lineaddr(dwarf_onesrcline(lines, i), &a) == 0)
						add_bound(b, a + bias);
				}
			scopes_bounds(o, &cu, bias, add_bound, b);
		}
		off = next;
	}
}

/* the number of string s in p (NONE for NULL): libdw's, stable while o is open */
static uint32_t part_string(struct part *p, const char *s)
{
	bool is_new;
	uint32_t *num;

	if (s == NULL)
		return NONE;
	num = ptr_map_find(&p->numbers, s, &is_new);
	if (is_new) {
		ARRAY_GROW(p->strs, p->n_strs, p->strs_alloc);
		*num = (uint32_t)p->n_strs;
		p->strs[p->n_strs++] = s;
	}
	return *num;
}

/* debuginfo_locate()'s answer at each of the n bounds (sorted, each once), into p */
static void locate_part(struct part *p, struct objfile *o, const uint64_t *bounds, size_t n)
{
	struct disk_scope *chain = NULL;
	size_t chain_alloc = 0, n_last_chain = 0;
	uint32_t last_chain = 0;

	table_reserve(&p->bounds, n);
	table_reserve(&p->locs, n);
	for (size_t i = 0; i < n; i++) {
		struct objsection sec;
		struct objloc loc;
		if (!debuginfo_section(o, bounds[i], &sec))
			continue;
		debuginfo_locate(o, bounds[i], &loc);
		struct part_loc pl = {
			.unit = part_string(p, loc.unit),
			.comp_dir = part_string(p, loc.comp_dir),
			.file = part_string(p, loc.file),
			.line = (uint32_t)loc.line,
			.col = (uint32_t)loc.col,
			.n_scopes = loc.n_scopes,
			.error = part_string(p, loc.error),
		};
		if (loc.n_scopes > 0) {
			size_t n_scopes = (size_t)loc.n_scopes;
			if (n_scopes > chain_alloc) {
				chain_alloc = n_scopes;
				chain = xreallocarray(chain, chain_alloc, sizeof(*chain));
			}
			for (size_t k = 0; k < n_scopes; k++)
				chain[k] = (struct disk_scope){
					.name = part_string(p, loc.scopes[k].name),
					.call_file = part_string(p, loc.scopes[k].call_file),
					.call_line = (uint32_t)loc.scopes[k].call_line,
					.call_col = (uint32_t)loc.scopes[k].call_col,
					.is_inlined = loc.scopes[k].is_inlined,
				};
			/* the chain goes on over most bounds (a function's lines), and comes
			 * back after an inlined call's: interned here, each is made of the
			 * index's strings once in the merge */
			if (n_last_chain != n_scopes ||
			    memcmp((struct disk_scope *)p->scopes.data + last_chain, chain,
				   n_scopes * sizeof(*chain)) != 0) {
				last_chain = table_intern(&p->scopes, chain, n_scopes);
				n_last_chain = n_scopes;
			}
			pl.chain = last_chain;
		}
		/* so does the answer */
		if (p->locs.n == 0 ||
		    memcmp((struct part_loc *)p->locs.data + p->locs.n - 1, &pl, sizeof(pl)) != 0)
			table_append(&p->locs, &pl, 1);
		struct part_bound pb = {
			.address = bounds[i],
			.offset = sec.offset,
			.shndx = (uint32_t)sec.shndx,
			.loc = (uint32_t)(p->locs.n - 1),
		};
		table_append(&p->bounds, &pb, 1);
	}
	free(chain);
}

/* the part of the units from..to: their bounds, and the answers there */
static void make_part(struct writer *w, struct objfile *o, Dwarf_Off from, Dwarf_Off to,
		      struct part *p)
{
	struct bounds b = { 0 };

	collect_bounds(w, o, from, to, &b);
	sort_u64(b.a, b.n);
	size_t n = 0;
	for (size_t i = 0; i < b.n; i++)
		if (n == 0 || b.a[i] != b.a[n - 1])
			b.a[n++] = b.a[i];
	locate_part(p, o, b.a, n);
	free(b.a);
}

/* the variables of the units from..to, into p */
static void part_variables(struct part *p, struct objfile *o, Dwarf_Off from, Dwarf_Off to)
{
	struct objvar *vars;
	size_t n = debuginfo_unit_variables(o, from, to, &vars);

	table_reserve(&p->vars, n);
	for (size_t i = 0; i < n; i++) {
		struct objsection sec;
		struct objvariable v;
		if (!debuginfo_section(o, vars[i].address, &sec))
			continue;
		struct part_var pv = {
			.address = vars[i].address,
			.offset = sec.offset,
			.die = vars[i].die,
			.shndx = (uint32_t)sec.shndx,
			.name = NONE,
			.type = NONE,
			.file = NONE,
			.comp_dir = NONE,
		};
		/* what is said of it, or that nothing is: the other part's variable at that
		 * address is not the one taken either way */
		if (debuginfo_variable_die(o, vars[i].die, &v)) {
			/* a type is made for each variable: kept, its pointer is no other's */
			if (v.type) {
				ARRAY_GROW(p->owned, p->n_owned, p->owned_alloc);
				p->owned[p->n_owned++] = v.type;
			}
			pv.name = part_string(p, v.name);
			pv.type = part_string(p, v.type);
			pv.file = part_string(p, v.file);
			pv.comp_dir = part_string(p, v.comp_dir);
			pv.line = v.line;
		}
		table_append(&p->vars, &pv, 1);
	}
	free(vars);
}

/* the share of the units, in percent, that the second process takes: the first writes
 * the symbols meanwhile, and then merges */
#define HELPER_SHARE 58

/* A part as the second process sends it: this header, its tables (part_tables()), each
 * padded to 8 bytes (their records are read where they are), and its strings one after
 * another, NUL-terminated, in their numbers' order. The header comes last: a part cut
 * short has none. */
struct part_header {
	char magic[8];
	uint64_t n[PART_TABLES], n_strs, str_bytes;
};

#define PART_MAGIC "KDXPART"

/* the bytes of n records of t, padded */
static size_t part_table_bytes(const struct table *t, size_t n)
{
	return (n * t->size + 7) & ~(size_t)7;
}

static int send_part(int fd, struct part *p)
{
	struct part_header h = { .magic = PART_MAGIC, .n_strs = p->n_strs };
	struct table *t[PART_TABLES];
	struct strbuf sb = STRBUF_INIT;
	int err = 0;

	part_tables(p, t);
	for (size_t i = 0; i < p->n_strs; i++)
		strbuf_pushmem(&sb, p->strs[i], strlen(p->strs[i]) + 1);
	h.str_bytes = sb.used;
	if (lseek(fd, sizeof(h), SEEK_SET) < 0)
		err = -errno;
	for (size_t i = 0; i < PART_TABLES && err == 0; i++) {
		static const char zeros[8];
		h.n[i] = t[i]->n;
		err = write_all(fd, t[i]->data, t[i]->n * t[i]->size);
		if (err == 0)
			err = write_all(fd, zeros,
					part_table_bytes(t[i], t[i]->n) - t[i]->n * t[i]->size);
	}
	if (err == 0 && (err = write_all(fd, sb.buf, sb.used)) == 0 &&
	    pwrite(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h))
		err = -EIO;
	strbuf_release(&sb);
	return err;
}

/* the part the second process wrote into fd, checked whole (nothing in it is trusted to
 * be within bounds): 0, or -1 when it is no sound part */
static int receive_part(int fd, struct part *p)
{
	struct stat st;
	struct part_header h;
	struct table *t[PART_TABLES];

	part_init(p);
	part_tables(p, t);
	if (fstat(fd, &st) < 0 || (size_t)st.st_size < sizeof(h) ||
	    pread(fd, &h, sizeof(h), 0) != (ssize_t)sizeof(h) ||
	    memcmp(h.magic, PART_MAGIC, sizeof(h.magic)) != 0)
		return -1;
	size_t size = (size_t)st.st_size, rest = size - sizeof(h), want = h.str_bytes;
	if (h.n_strs >= NONE || h.n_strs > rest || h.str_bytes > rest)
		return -1;
	for (size_t i = 0; i < PART_TABLES; i++) {
		if (h.n[i] >= NONE || h.n[i] > rest / t[i]->size)
			return -1;
		want += part_table_bytes(t[i], h.n[i]);
	}
	if (want != rest)
		return -1;
	p->map = mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0);
	if (p->map == MAP_FAILED) {
		p->map = NULL;
		return -1;
	}
	p->map_size = size;
	unsigned char *at = (unsigned char *)p->map + sizeof(h);
	for (size_t i = 0; i < PART_TABLES; i++) {
		t[i]->data = at;
		t[i]->n = h.n[i];
		at += part_table_bytes(t[i], h.n[i]);
	}
	const char *str = (const char *)at, *end = str + h.str_bytes;
	p->strs = xcalloc(h.n_strs + 1, sizeof(*p->strs));
	for (p->n_strs = 0; p->n_strs < h.n_strs; p->n_strs++) {
		const char *nul = memchr(str, '\0', (size_t)(end - str));
		if (nul == NULL)
			return -1;
		p->strs[p->n_strs] = str;
		str = nul + 1;
	}
	if (str != end)
		return -1;
#define STRING_OK(n) ((n) == NONE || (n) < h.n_strs)
	const struct disk_scope *sc = (const struct disk_scope *)p->scopes.data;
	for (size_t i = 0; i < p->scopes.n; i++)
		if (!STRING_OK(sc[i].name) || !STRING_OK(sc[i].call_file))
			return -1;
	const struct part_loc *pl = (const struct part_loc *)p->locs.data;
	for (size_t i = 0; i < p->locs.n; i++)
		if (!STRING_OK(pl[i].unit) || !STRING_OK(pl[i].comp_dir) ||
		    !STRING_OK(pl[i].file) || !STRING_OK(pl[i].error) ||
		    (pl[i].n_scopes > 0 && ((uint64_t)pl[i].chain + (uint64_t)pl[i].n_scopes >
					    p->scopes.n)))
			return -1;
	const struct part_var *v = (const struct part_var *)p->vars.data;
	for (size_t i = 0; i < p->vars.n; i++)
		if (!STRING_OK(v[i].name) || !STRING_OK(v[i].type) || !STRING_OK(v[i].file) ||
		    !STRING_OK(v[i].comp_dir) || (i > 0 && v[i].address <= v[i - 1].address))
			return -1;
#undef STRING_OK
	const struct part_bound *pb = (const struct part_bound *)p->bounds.data;
	for (size_t i = 0; i < p->bounds.n; i++)
		if (pb[i].loc >= p->locs.n || (i > 0 && pb[i].address <= pb[i - 1].address))
			return -1;
	return 0;
}

/* the second process's share: the part of the units from `from` on, made with the libdw
 * and libdwfl state of the parent's, as it was at fork() (see shared/helper.h) */
struct share {
	struct writer *w;
	struct objfile *o;
	Dwarf_Off from;
	struct part p;
};

static bool make_share(int fd, void *arg)
{
	struct share *sh = arg;

	part_init(&sh->p);
	make_part(sh->w, sh->o, sh->from, UNITS_END, &sh->p);
	part_variables(&sh->p, sh->o, sh->from, UNITS_END);
	return send_part(fd, &sh->p) == 0;
}

/* in the second process, once its part is sent */
static void end_share(void *arg)
{
	struct share *sh = arg;

	part_free(&sh->p);
	/* its copy of o, and of libdw's state (a leak checker follows it too) */
	debuginfo_close(sh->o);
}

/* the second process's part, into p, once it says it is whole: false when it failed
 * (nothing then in p, and it is reaped) */
static bool receive_helper(struct helper *h, struct part *p)
{
	part_init(p);
	if (helper_wait(h) && receive_part(h->fd, p) == 0)
		return true;
	part_free(p);
	part_init(p);
	helper_reap(h);
	return false;
}

/* where the second process's units start: about share percent of .debug_info's bytes
 * are past it; of two units or more, the first at least is the first process's and the
 * last the second's */
static Dwarf_Off split_units(struct objfile *o, unsigned int share)
{
	Dwarf_Addr bias;
	Dwarf *dw = dwfl_module_getdwarf(o->mod, &bias);
	Dwarf_Off off = 0, next, last = 0;
	size_t hsize;

	if (dw == NULL)
		return 0;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		last = off;
		off = next;
	}
	Dwarf_Off want = off / 100 * (100 - share);
	off = 0;
	while (off < last && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		off = next;
		if (off > want)
			break;
	}
	return off;
}

/* the index's string for string number n of p: interned at its first use */
static uint32_t merged_string(struct writer *w, struct part *p, uint32_t n)
{
	if (n == NONE)
		return NONE;
	if (p->refs[n] == NONE)
		p->refs[n] = table_intern(&w->strings, p->strs[n], strlen(p->strs[n]) + 1);
	return p->refs[n];
}

/* pl of p as the index has it: its strings and its chain interned at their first use,
 * in the order the ranges are written, whichever part they come from */
static void merged_loc(struct writer *w, struct part *p, const struct part_loc *pl,
		       struct disk_loc *d)
{
	*d = (struct disk_loc){ 0 };
	d->unit = merged_string(w, p, pl->unit);
	d->comp_dir = merged_string(w, p, pl->comp_dir);
	d->file = merged_string(w, p, pl->file);
	d->line = pl->line;
	d->col = pl->col;
	d->n_scopes = pl->n_scopes;
	d->error = merged_string(w, p, pl->error);
	if (pl->n_scopes <= 0)
		return;
	if (p->chain_refs[pl->chain] == NONE) {
		size_t n = (size_t)pl->n_scopes;
		const struct disk_scope *from = (const struct disk_scope *)p->scopes.data + pl->chain;
		if (n > w->chain_alloc) {
			w->chain_alloc = n;
			w->chain = xreallocarray(w->chain, n, sizeof(*w->chain));
		}
		for (size_t k = 0; k < n; k++) {
			w->chain[k] = from[k];
			w->chain[k].name = merged_string(w, p, from[k].name);
			w->chain[k].call_file = merged_string(w, p, from[k].call_file);
		}
		p->chain_refs[pl->chain] = table_intern(&w->scopes, w->chain, n);
	}
	d->scopes = p->chain_refs[pl->chain];
}

/* the ranges of the parts, in address order (an address in two, once): a new range where
 * the answer or the section changes. The strings and chains come out as one process
 * asking at every bound in address order would intern them. */
static void write_ranges(struct writer *w, struct part *parts, size_t n_parts)
{
	size_t at[2] = { 0 };
	const struct part_loc *last_pl = NULL;
	struct disk_loc d = { 0 };

	size_t n_bounds = 0, n_scopes = 0;
	for (size_t k = 0; k < n_parts; k++) {
		struct part *p = &parts[k];
		n_bounds += p->bounds.n;
		n_scopes += p->scopes.n;
		p->refs = xcalloc(p->n_strs + 1, sizeof(*p->refs));
		memset(p->refs, 0xff, p->n_strs * sizeof(*p->refs));
		p->chain_refs = xcalloc(p->scopes.n + 1, sizeof(*p->chain_refs));
		memset(p->chain_refs, 0xff, p->scopes.n * sizeof(*p->chain_refs));
	}
	/* no more ranges than bounds, nor scopes than the parts have */
	table_reserve(&w->ranges, n_bounds);
	table_reserve(&w->locs, n_bounds);
	table_reserve(&w->scopes, n_scopes);
	for (;;) {
		const struct part_bound *pb[2] = { NULL, NULL };
		size_t k;
		for (k = 0; k < n_parts; k++)
			if (at[k] < parts[k].bounds.n)
				pb[k] = (const struct part_bound *)parts[k].bounds.data + at[k];
		if (pb[0] == NULL && pb[1] == NULL)
			break;
		k = pb[1] == NULL || (pb[0] && pb[0]->address <= pb[1]->address) ? 0 : 1;
		if (k == 0 && pb[1] && pb[1]->address == pb[0]->address)
			at[1]++;	/* the same answer: asked in both */
		at[k]++;
		struct part *p = &parts[k];
		const struct part_loc *pl = (const struct part_loc *)p->locs.data + pb[k]->loc;
		if (pl != last_pl)
			merged_loc(w, p, pl, &d);
		last_pl = pl;
		/* the same answer goes on; else a new one (few answers come back later: they
		 * are not looked for, which took a sixth of the whole build) */
		struct disk_range *last = w->ranges.n ? (struct disk_range *)w->ranges.data +
							       w->ranges.n - 1
						      : NULL;
		if (last && last->shndx == pb[k]->shndx &&
		    memcmp((struct disk_loc *)w->locs.data + last->loc, &d, sizeof(d)) == 0)
			continue;
		uint32_t l = table_append(&w->locs, &d, 1);
		struct disk_range r = { .offset = pb[k]->offset, .shndx = pb[k]->shndx, .loc = l };
		table_append(&w->ranges, &r, 1);
	}
}

static int cmp_range_key(const void *a, const void *b)
{
	const struct disk_range *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static int cmp_var_key(const void *a, const void *b)
{
	const struct disk_var *x = a, *y = b;

	if (x->shndx != y->shndx)
		return x->shndx < y->shndx ? -1 : 1;
	return x->offset < y->offset ? -1 : x->offset > y->offset;
}

static bool is_sorted(const struct table *t, int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < t->n; i++)
		if (cmp(t->data + (i - 1) * t->size, t->data + i * t->size) > 0)
			return false;
	return true;
}

/* Ranges or variables (their shndx at shndx_at) by section, then offset. They come in
 * address order, which is mostly section order already, and each section's in offset
 * order (a section is one stretch of addresses): a stable counting sort by section then
 * sorts them (no two have the same key: the result is qsort()'s), in a tenth of its time
 * for a vmlinux's million ranges. Checked: qsort() when it did not. */
static void sort_by_section(struct table *t, size_t shndx_at,
			    int (*cmp)(const void *, const void *))
{
	uint32_t shndx, max = 0;

	if (is_sorted(t, cmp))
		return;
	for (size_t i = 0; i < t->n; i++) {
		memcpy(&shndx, t->data + i * t->size + shndx_at, sizeof(shndx));
		max = shndx > max ? shndx : max;
	}
	if (max < (1u << 24)) {
		size_t *start = xcalloc((size_t)max + 2, sizeof(*start));
		unsigned char *sorted = xreallocarray(NULL, t->n, t->size);
		for (size_t i = 0; i < t->n; i++) {
			memcpy(&shndx, t->data + i * t->size + shndx_at, sizeof(shndx));
			start[shndx + 1]++;
		}
		for (size_t k = 1; k <= (size_t)max + 1; k++)
			start[k] += start[k - 1];
		for (size_t i = 0; i < t->n; i++) {
			memcpy(&shndx, t->data + i * t->size + shndx_at, sizeof(shndx));
			memcpy(sorted + start[shndx]++ * t->size, t->data + i * t->size, t->size);
		}
		free(start);
		free(t->data);
		t->data = sorted;
		t->alloc = t->n;
		if (is_sorted(t, cmp))
			return;
	}
	qsort(t->data, t->n, t->size, cmp);
}

/* the variables of the parts (of o's units), in address order, their strings interned
 * after the ranges'; of an address in both, the one variables_choose() takes of the two */
static void write_variables(struct writer *w, struct objfile *o, struct part *parts,
			    size_t n_parts)
{
	size_t at[2] = { 0 };

	for (size_t k = 0; k < n_parts; k++)
		table_reserve(&w->vars, parts[k].vars.n);
	for (;;) {
		const struct part_var *pv[2] = { NULL, NULL };
		size_t k;
		for (k = 0; k < n_parts; k++)
			if (at[k] < parts[k].vars.n)
				pv[k] = (const struct part_var *)parts[k].vars.data + at[k];
		if (pv[0] == NULL && pv[1] == NULL)
			break;
		k = pv[0] == NULL || (pv[1] && pv[1]->address <= pv[0]->address) ? 1 : 0;
		if (k == 1 && pv[0] && pv[0]->address == pv[1]->address) {
			/* the first part's units come first in DIE order */
			struct objvar both[2] = { { pv[0]->address, pv[0]->die },
						  { pv[1]->address, pv[1]->die } };
			if (variables_choose(o, pv[0]->address, both, 2) == pv[0]->die)
				k = 0;
			at[1 - k]++;
		}
		at[k]++;
		if (pv[k]->name == NONE)
			continue;
		struct part *p = &parts[k];
		struct disk_var d = {
			.offset = pv[k]->offset,
			.shndx = pv[k]->shndx,
			.name = merged_string(w, p, pv[k]->name),
			.type = merged_string(w, p, pv[k]->type),
			.file = merged_string(w, p, pv[k]->file),
			.comp_dir = merged_string(w, p, pv[k]->comp_dir),
			.line = pv[k]->line,
		};
		table_append(&w->vars, &d, 1);
	}
	sort_by_section(&w->vars, offsetof(struct disk_var, shndx), cmp_var_key);
}

static int write_file(struct writer *w, const char *dir, const char *path, char **why)
{
	struct table *tables[T_COUNT] = {
		&w->strings, &w->sections, &w->symbols, &w->name_keys, &w->name_syms,
		&w->ranges,  &w->locs,	   &w->scopes,	&w->vars,      &w->range_top,
	};
	struct disk_header h = { .version = INDEX_VERSION, .byte_order = INDEX_BYTE_ORDER };
	static const char zeros[8];
	uint64_t off = sizeof(h);

	memcpy(h.magic, INDEX_MAGIC, sizeof(h.magic));
	snprintf(h.build_id, sizeof(h.build_id), "%s", w->o->build_id);
	h.machine = w->o->machine;
	h.flags = (w->o->is_vmlinux ? F_VMLINUX : 0) | (w->o->has_dwarf ? F_DWARF : 0);
	h.file_ident = w->o->file_ident;
	h.symbol_strings = w->symbol_strings;
	for (size_t t = 0; t < T_COUNT; t++) {
		off = (off + 7) & ~(uint64_t)7;
		h.tables[t].offset = off;
		h.tables[t].count = tables[t]->n;
		off += tables[t]->n * tables[t]->size;
	}
	h.size = off;
	h.crc = (uint32_t)crc32(0, (const Bytef *)&h, offsetof(struct disk_header, crc));

	char *tmp = xasprintf("%s/.%s.XXXXXX", dir, w->o->build_id);	/* the same dir: rename */
	int fd = mkstemp(tmp), err = 0;
	if (fd < 0) {
		err = -errno;
		*why = xasprintf("cannot write an index in '%s': %s", dir, strerror(errno));
		free(tmp);
		return err;
	}
	uint64_t at = sizeof(h);
	err = write_all(fd, &h, sizeof(h));
	for (size_t t = 0; t < T_COUNT && err == 0; t++) {
		if (h.tables[t].offset > at)
			err = write_all(fd, zeros, (size_t)(h.tables[t].offset - at));
		if (err == 0)
			err = write_all(fd, tables[t]->data, tables[t]->n * tables[t]->size);
		at = h.tables[t].offset + tables[t]->n * tables[t]->size;
	}
	/* readable by whoever may read the cache directory, as the debug files are */
	if (err == 0 && fchmod(fd, 0644) < 0)
		err = -errno;
	if (close(fd) < 0 && err == 0)
		err = -errno;
	if (err == 0 && rename(tmp, path) < 0)
		err = -errno;
	if (err < 0) {
		*why = xasprintf("cannot write '%s': %s", path, strerror(-err));
		unlink(tmp);
	}
	free(tmp);
	return err;
}

int index_make_dir(const char *dir)
{
	if (mkdir(dir, 0755) == 0 || errno == EEXIST)
		return 0;
	if (errno != ENOENT)
		return -errno;
	/* its parent first: only those missing are made (or even looked at) */
	char *parent = xstrdup(dir), *slash = strrchr(parent, '/');
	int err = -ENOENT;
	if (slash && slash > parent) {
		*slash = '\0';
		err = index_make_dir(parent);
	}
	free(parent);
	if (err == 0 && mkdir(dir, 0755) < 0 && errno != EEXIST)
		err = -errno;
	return err;
}

int index_write(struct kdecode_ctx *ctx, struct objfile *o, const char *dir, char **why)
{
	char *path = index_path(dir, o->build_id, o->file_ident);
	int err;

	*why = NULL;
	if (o->index || o->mod == NULL) {
		free(path);
		*why = xasprintf("'%s': already read from an index", o->path);
		return -EINVAL;
	}
	if (path == NULL) {
		*why = xasprintf("'%s': no build ID to name its index by", o->path);
		return -EINVAL;
	}
	if ((err = index_make_dir(dir)) < 0) {
		*why = xasprintf("cannot make the directory '%s': %s", dir, strerror(-err));
		free(path);
		return err;
	}
	/* one writer per build: a run that finds another writing leaves it to it */
	char *lock_path = xasprintf("%s/.%s-%08" PRIx32 ".lock", dir, o->build_id, o->file_ident);
	int lock = open(lock_path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
	free(lock_path);
	if (lock >= 0 && flock(lock, LOCK_EX | LOCK_NB) < 0) {
		close(lock);
		free(path);
		return 0;
	}
	struct writer w = {
		.o = o,
		.strings = { .size = 1 },
		.sections = { .size = sizeof(struct disk_section) },
		.symbols = { .size = sizeof(struct objsym) },
		.name_keys = { .size = sizeof(uint32_t) },
		.name_syms = { .size = sizeof(uint32_t) },
		.ranges = { .size = sizeof(struct disk_range) },
		.locs = { .size = sizeof(struct disk_loc) },
		.scopes = { .size = sizeof(struct disk_scope) },
		.vars = { .size = sizeof(struct disk_var) },
		.range_top = { .size = sizeof(struct disk_range) },
	};
	Dwarf_Addr bias;
	table_intern(&w.strings, "", 1);
	Elf *elf = dwfl_module_getelf(o->mod, &bias);
	write_sections(&w, elf, bias);
	/* a module's sections are placed where a snapshot says: what is at a section's end
	 * is asked where no other section starts there (libdwfl's own layout packs them) */
	struct objfile *apart = NULL, *at = o;
	if (o->has_dwarf && !o->is_vmlinux && (err = debuginfo_open_apart(ctx, o, &apart, why)) < 0)
		goto out;
	/* the DWARF's answers in two processes, each of the units of its part of the file;
	 * the symbols meanwhile here */
	Dwarf_Off split = 0;
	struct helper helper = { .pid = -1 };
	struct share share;
	if (o->has_dwarf) {
		at = apart ? apart : o;
		scopes_keep_variables(at);	/* found in the walk for the bounds */
		split = split_units(at, HELPER_SHARE);
		share = (struct share){ .w = &w, .o = at, .from = split };
		helper_start(&helper, "kdecode-index", make_share, end_share, &share);
	}
	write_symbols(&w);
	w.symbol_strings = w.strings.n;
	if (o->has_dwarf) {
		struct part parts[2];
		part_init(&parts[0]);
		part_init(&parts[1]);
		make_part(&w, at, 0, split, &parts[0]);
		part_variables(&parts[0], at, 0, split);
		bool is_started = helper.pid >= 0;
		if (!is_started || !receive_helper(&helper, &parts[1])) {
			INFO(ctx, "'%s': the second process %s: its units done in this one\n",
			     o->path, is_started ? "failed" : "could not be started");
			make_part(&w, at, split, UNITS_END, &parts[1]);
			part_variables(&parts[1], at, split, UNITS_END);
		}
		write_ranges(&w, parts, 2);
		write_variables(&w, at, parts, 2);
		part_free(&parts[0]);
		part_free(&parts[1]);
		helper_reap(&helper);	/* ended meanwhile */
		sort_by_section(&w.ranges, offsetof(struct disk_range, shndx), cmp_range_key);
		for (size_t i = 0; i < w.ranges.n; i += RANGE_BLOCK)
			table_append(&w.range_top, w.ranges.data + i * w.ranges.size, 1);
	}
	scopes_free(o);	/* every unit's: far more than decoding keeps */
	err = write_file(&w, dir, path, why);
out:
	debuginfo_close(apart);
	struct table *all[] = { &w.strings, &w.sections, &w.symbols, &w.name_keys, &w.name_syms,
				&w.ranges,  &w.locs,	 &w.scopes,  &w.vars,	   &w.range_top };
	for (size_t t = 0; t < sizeof(all) / sizeof(all[0]); t++) {
		free(all[t]->data);
		free(all[t]->slots);
	}
	ptr_map_free(&w.seen);
	free(w.chain);
	if (lock >= 0)
		close(lock);	/* the lock file stays: removing it would race the next */
	if (err == 0)
		INFO(ctx, "'%s': indexed into '%s'\n", o->path, path);
	free(path);
	return err;
}

static int cmp_path(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

void index_write_missing(struct kdecode_ctx *ctx, char **paths, size_t n)
{
	const char *dir = index_cache_dir(ctx);
	struct objfile **todo = xcalloc(n + 1, sizeof(*todo));
	size_t n_todo = 0;
	char key[BUILD_ID_HEX_MAX + 16];

	if (dir == NULL || n == 0) {
		free(todo);
		return;
	}
	/* in one order whatever the order of opening, or the worker (-j) that opened them */
	qsort(paths, n, sizeof(*paths), cmp_path);
	struct hash *ids = hash_new(NULL);
	for (size_t i = 0; i < n; i++) {
		struct objfile *o;
		char *why;
		if ((i > 0 && streq(paths[i], paths[i - 1])) ||
		    debuginfo_open(ctx, paths[i], &o, &why) < 0) {
			free(i > 0 && streq(paths[i], paths[i - 1]) ? NULL : why);
			continue;
		}
		snprintf(key, sizeof(key), "%s-%08" PRIx32, o->build_id, o->file_ident);
		if (!o->has_dwarf || !o->build_id[0] || hash_contains(ids, key) ||
		    index_is_there(dir, o->build_id, o->file_ident)) {
			debuginfo_close(o);
			continue;
		}
		hash_add(ids, key, NULL);
		todo[n_todo++] = o;
	}
	hash_free(ids);
	int err = n_todo ? index_make_dir(dir) : 0;
	if (err < 0)
		INFO(ctx, "no index written: cannot make the directory '%s': %s\n", dir,
		     strerror(-err));
	else if (n_todo)
		NOTICE(ctx, "indexing %zu debug file%s into '%s', for faster runs later "
			    "(--no-cache: not)\n", n_todo, n_todo == 1 ? "" : "s", dir);
	for (size_t i = 0; i < n_todo; i++) {
		char *why = NULL;
		if (err == 0 && index_write(ctx, todo[i], dir, &why) < 0)
			INFO(ctx, "%s\n", why);
		free(why);
		debuginfo_close(todo[i]);
	}
	free(todo);
}
