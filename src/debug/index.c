// SPDX-License-Identifier: GPL-2.0-or-later
/* index.c: the per-build index (index.h). One file per build ID, "<build ID>.kdx":
 *
 *   header (magic, version, byte order, size, build ID, table offsets, CRC-32 of itself)
 *   strings   NUL-terminated, referred to by offset
 *   sections  every section of the file: name, type, flags, size, layout address
 *   symbols   as debuginfo.c keeps them (kallsyms' choice of symbols)
 *   names     vmlinux only: the symbols sorted by name, for lookups without a hash
 *   ranges    (section, offset) -> location: where the answer of debuginfo_locate() changes
 *   locations line, unit and a chain of scopes; scopes: the inline chains
 *   variables (section, offset) -> name, type and declaration
 *
 * Addresses are section-relative, so a module's index serves any snapshot's layout. The
 * answers are the DWARF path's own: the writer asks debuginfo_locate() at every address
 * where it may change (each line table row, each scope's bounds, each arange's and
 * section's), so decoding with an index prints what decoding without one does.
 *
 * An index is untrusted input: the header is checked whole (and against the ELF file's
 * build ID), and every offset and count read later is checked against the file's size. */
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

#include "debug/index.h"
#include "debug/scopes.h"
#include "log.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

#define INDEX_MAGIC "KDECODEX"
#define INDEX_VERSION 3
#define INDEX_BYTE_ORDER 0x01020304u
#define NONE UINT32_MAX

enum table_id {
	T_STRINGS,
	T_SECTIONS,
	T_SYMBOLS,
	T_NAME_KEYS,
	T_NAME_SYMS,
	T_RANGES,
	T_LOCS,
	T_SCOPES,
	T_VARS,
	T_RANGE_TOP,
	T_COUNT
};

/* ranges a block of T_RANGE_TOP: one read a lookup */
#define RANGE_BLOCK 256

enum {
	F_VMLINUX = 1,
	F_DWARF = 2,
};

struct disk_header {
	char magic[8];
	uint32_t version;
	uint32_t byte_order;
	uint64_t size;
	char build_id[BUILD_ID_HEX_MAX + 8];
	uint32_t machine;
	uint32_t flags;
	uint32_t file_ident;	/* objfile's: of the very file it indexes */
	uint32_t reserved;
	uint64_t symbol_strings;	/* the strings below it are the symbols' names */
	struct {
		uint64_t offset, count;
	} tables[T_COUNT];
	uint32_t crc;		/* of the bytes before it */
	uint32_t pad;
};

struct disk_section {
	uint32_t name, type;
	uint64_t shndx, addr, size, flags;
};

/* a symbol is a struct objsym (debuginfo.h), read as it is: its address is vmlinux's, or
 * for a module the offset into its section; its span, vmlinux's only (a module's depends
 * on its layout); its name, into the strings */
_Static_assert(sizeof(struct objsym) == 40, "struct objsym is the index's record");

struct disk_range {
	uint64_t offset;
	uint32_t shndx, loc;
};

struct disk_loc {
	uint32_t unit, comp_dir, file, line, col, scopes, error;
	int32_t n_scopes;
};

struct disk_scope {
	uint32_t name, call_file, call_line, call_col, is_inlined;
};

struct disk_var {
	uint64_t offset;
	uint32_t shndx, name, type, file, comp_dir, line;
};

static const size_t record_size[T_COUNT] = {
	[T_STRINGS] = 1,
	[T_SECTIONS] = sizeof(struct disk_section),
	[T_SYMBOLS] = sizeof(struct objsym),
	[T_NAME_KEYS] = sizeof(uint32_t),
	[T_NAME_SYMS] = sizeof(uint32_t),
	[T_RANGES] = sizeof(struct disk_range),
	[T_LOCS] = sizeof(struct disk_loc),
	[T_SCOPES] = sizeof(struct disk_scope),
	[T_VARS] = sizeof(struct disk_var),
	[T_RANGE_TOP] = sizeof(struct disk_range),
};

/* a section as libdwfl's find_section() sorts and searches them (derelocate.c) */
struct secref {
	uint64_t start, end;	/* end inclusive: a section's limit is inside it */
	const struct disk_section *sec;
};

/* a string read from the index, kept for the objfile's life (debuginfo.h's promise) */
struct read_string {
	uint32_t ref;
	char *s;
};

struct index {
	const unsigned char *map;
	size_t size;
	int fd;			/* for pread(): the tables looked up at random (locations,
				 * scopes, strings) are read, not mapped, so that each lookup
				 * costs its bytes and not the pages the kernel maps around */
	struct disk_range *top;	/* T_RANGE_TOP, read whole */
	struct disk_range block[RANGE_BLOCK];	/* the last block of ranges read */
	size_t block_at;	/* its first range's index, SIZE_MAX for none */
	struct read_string *read;	/* strings read, sorted by ref */
	size_t n_read, read_alloc;
	const struct disk_header *h;
	const char *strings;
	size_t n_strings;
	const struct disk_section *sections;
	const struct objsym *symbols;
	const uint32_t *name_keys, *name_syms;
	const struct disk_var *vars;
	size_t n[T_COUNT];
	struct secref *refs;	/* the ALLOC sections in o's layout, sorted */
	size_t n_refs;
	uint64_t *starts;	/* by shndx: the section's address in o's layout */
	size_t n_starts;
	struct scope *chain;	/* index_locate()'s answer */
	size_t chain_alloc;
	bool is_damaged;	/* a reference past its table was met: said once */
	const char *path;	/* o's */
	struct kdecode_ctx *ctx;
};

/* --- the cache directory ---------------------------------------------------------------- */

const char *index_cache_dir(struct kdecode_ctx *ctx)
{
	static char *dir;
	const char *base;

	if (ctx->opts.is_without_cache)
		return NULL;
	if (ctx->opts.cache_dir)
		return ctx->opts.cache_dir;
	if (dir)
		return dir;
	if ((base = getenv("XDG_CACHE_HOME")) && base[0] == '/')
		dir = xasprintf("%s/kdecode", base);
	else if ((base = getenv("HOME")) && base[0] == '/')
		dir = xasprintf("%s/.cache/kdecode", base);
	return dir;
}

/* "<dir>/<build ID>-<file ident>.kdx": hex from the ELF file, never report text. The
 * ident keeps apart the files of one build that differ (a stripped one, a damaged copy) */
static char *index_path(const char *dir, const char *build_id, uint32_t ident)
{
	if (!is_hex_string(build_id, strlen(build_id)) || build_id[0] == '\0')
		return NULL;
	return xasprintf("%s/%s-%08" PRIx32 ".kdx", dir, build_id, ident);
}

/* --- reading ---------------------------------------------------------------------------- */

static void damaged(struct index *ix)
{
	if (ix->is_damaged)
		return;
	ix->is_damaged = true;
	WARN(ix->ctx, "'%s': its index holds a reference past its end (damaged): some "
		      "locations are left out; remove the index or run kdecode index again\n",
	     ix->path);
}

/* n bytes at offset off into table t; false (the index said damaged) when they are not
 * all there */
static bool read_table(struct index *ix, enum table_id t, uint64_t off, void *buf, size_t n)
{
	uint64_t at = ix->h->tables[t].offset + off;

	if (off > ix->n[t] * record_size[t] || n > ix->n[t] * record_size[t] - off ||
	    pread(ix->fd, buf, n, (off_t)at) != (ssize_t)n) {
		damaged(ix);
		return false;
	}
	return true;
}

static int cmp_read(const void *key, const void *elem)
{
	uint32_t ref = *(const uint32_t *)key, other = ((const struct read_string *)elem)->ref;

	return ref < other ? -1 : ref > other;
}

/* a string past the symbols' names: read, a chunk at a time up to its NUL (the table
 * ends in one), and kept */
static const char *read_str(struct index *ix, uint32_t ref)
{
	struct read_string *r = ix->n_read ? bsearch(&ref, ix->read, ix->n_read, sizeof(*ix->read),
						     cmp_read)
					   : NULL;
	if (r)
		return r->s;

	size_t size = 128, got = 0;
	char *buf = xmalloc(size);
	for (;;) {
		size_t want = size - got;
		if (want > ix->n_strings - ref - got)
			want = ix->n_strings - ref - got;
		if (want == 0 || !read_table(ix, T_STRINGS, ref + got, buf + got, want)) {
			free(buf);
			return "?";
		}
		char *nul = memchr(buf + got, '\0', want);
		got += want;
		if (nul)
			break;
		size *= 2;
		buf = xrealloc(buf, size);
	}
	size_t at = 0;
	while (at < ix->n_read && ix->read[at].ref < ref)
		at++;
	ARRAY_GROW(ix->read, ix->n_read, ix->read_alloc);
	memmove(ix->read + at + 1, ix->read + at, (ix->n_read - at) * sizeof(*ix->read));
	ix->read[at] = (struct read_string){ ref, buf };
	ix->n_read++;
	return buf;
}

static const char *str(struct index *ix, uint32_t ref)
{
	if (ref == NONE)
		return NULL;
	if (ref >= ix->n_strings) {
		damaged(ix);
		return "?";
	}
	/* the symbols' names are all read when it is opened: mapped; the rest, read */
	if (ref < ix->h->symbol_strings)
		return ix->strings + ref;	/* the table ends in a NUL: checked when opened */
	return read_str(ix, ref);
}

void index_free(struct index *ix)
{
	if (ix == NULL)
		return;
	if (ix->map)
		munmap((void *)ix->map, ix->size);
	if (ix->fd >= 0)
		close(ix->fd);
	for (size_t i = 0; i < ix->n_read; i++)
		free(ix->read[i].s);
	free(ix->read);
	free(ix->top);
	free(ix->refs);
	free(ix->starts);
	free(ix->chain);
	free(ix);
}

static const char *check_header(const struct disk_header *h, size_t size, const char *build_id,
				uint32_t ident)
{
	if (size < sizeof(*h) || memcmp(h->magic, INDEX_MAGIC, sizeof(h->magic)) != 0)
		return "not a kdecode index";
	if (h->version != INDEX_VERSION || h->byte_order != INDEX_BYTE_ORDER)
		return "another version of the index";
	if (h->crc != (uint32_t)crc32(0, (const Bytef *)h, offsetof(struct disk_header, crc)))
		return "its header's checksum is wrong";
	if (h->size != size)
		return "truncated";
	if (memchr(h->build_id, '\0', sizeof(h->build_id)) == NULL ||
	    !streq(h->build_id, build_id) || h->file_ident != ident)
		return "of another file";
	for (size_t t = 0; t < T_COUNT; t++) {
		uint64_t off = h->tables[t].offset, n = h->tables[t].count;
		if (off % 8 || off < sizeof(*h) || off > size ||
		    n > (size - off) / record_size[t])
			return "a table lies past its end";
	}
	if (h->tables[T_STRINGS].count == 0)
		return "it has no strings";
	if (h->tables[T_NAME_KEYS].count != h->tables[T_NAME_SYMS].count)
		return "its name table is damaged";
	if (h->symbol_strings > h->tables[T_STRINGS].count ||
	    h->tables[T_RANGE_TOP].count !=
		    (h->tables[T_RANGES].count + RANGE_BLOCK - 1) / RANGE_BLOCK)
		return "its tables do not agree";
	return NULL;
}

static int cmp_secref(const void *a, const void *b)
{
	const struct secref *x = a, *y = b;

	if (x->start != y->start)
		return x->start < y->start ? -1 : 1;
	if (x->end != y->end)
		return x->end < y->end ? -1 : 1;
	return x->sec->shndx < y->sec->shndx ? -1 : x->sec->shndx > y->sec->shndx;
}

/* Each section's address in o's layout: vmlinux's own; a module's where the snapshot saw
 * it (0 when not loaded, as libdwfl takes it), or libdwfl's offline layout, recorded */
static void lay_out(struct index *ix, const struct objfile *o)
{
	ix->n_starts = 0;
	for (size_t i = 0; i < ix->n[T_SECTIONS]; i++)
		if (ix->sections[i].shndx < 1 << 20 && ix->sections[i].shndx >= ix->n_starts)
			ix->n_starts = ix->sections[i].shndx + 1;
	ix->starts = xcalloc(ix->n_starts + 1, sizeof(*ix->starts));
	ix->refs = xcalloc(ix->n[T_SECTIONS] + 1, sizeof(*ix->refs));
	for (size_t i = 0; i < ix->n[T_SECTIONS]; i++) {
		const struct disk_section *s = &ix->sections[i];
		uint64_t start = s->addr;
		if (o->place && !o->is_vmlinux && (s->flags & SHF_ALLOC)) {
			const char *name = str(ix, s->name);
			const struct snapshot_section *ss =
				name ? snapshot_section(o->place, name) : NULL;
			start = ss ? ss->address : 0;
		}
		if (s->shndx < ix->n_starts)
			ix->starts[s->shndx] = start;
		if (s->flags & SHF_ALLOC)
			ix->refs[ix->n_refs++] =
				(struct secref){ .start = start, .end = start + s->size, .sec = s };
	}
	qsort_safe(ix->refs, ix->n_refs, sizeof(*ix->refs), cmp_secref);
}

static uint64_t section_start(const struct index *ix, uint32_t shndx)
{
	return shndx < ix->n_starts ? ix->starts[shndx] : 0;
}

/* the symbols, as debuginfo.c's own would be: vmlinux's the index's own table, sorted
 * and measured; a module's placed, then sorted and measured by debuginfo.c */
static void fill_symbols(struct index *ix, struct objfile *o)
{
	o->n_syms = ix->n[T_SYMBOLS];
	o->sym_names = ix->strings;
	o->n_sym_names = ix->h->symbol_strings;
	if (o->is_vmlinux) {
		o->syms = (struct objsym *)ix->symbols;
		o->is_syms_mapped = true;
		return;
	}
	o->syms = xcalloc(o->n_syms + 1, sizeof(*o->syms));
	for (size_t i = 0; i < o->n_syms; i++) {
		o->syms[i] = ix->symbols[i];
		o->syms[i].address += section_start(ix, ix->symbols[i].shndx);
		o->syms[i].span = 0;
	}
}

bool index_load(struct kdecode_ctx *ctx, struct objfile *o, const char *build_id, char **why)
{
	const char *dir = index_cache_dir(ctx);
	char *path = dir ? index_path(dir, build_id, o->file_ident) : NULL;
	/* O_NONBLOCK: a FIFO put there must not hang the run (and is no regular file) */
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK) : -1;
	struct stat st = { 0 };

	*why = NULL;
	if (fd < 0) {
		free(path);
		return false;
	}
	struct index *ix = xcalloc(1, sizeof(*ix));
	ix->ctx = ctx;
	ix->path = o->path;
	ix->fd = -1;
	ix->block_at = SIZE_MAX;
	const char *bad = NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size <= 0 ||
	    (uint64_t)st.st_size > SIZE_MAX)
		bad = st.st_size == 0 ? "empty" : "not a regular file";
	else {
		ix->size = (size_t)st.st_size;
		void *map = mmap(NULL, ix->size, PROT_READ, MAP_PRIVATE, fd, 0);
		if (map == MAP_FAILED)
			bad = "cannot be mapped";
		else
			ix->map = map;
		/* lookups are binary searches: pages around each one would be mapped for
		 * nothing, and counted in the peak RSS */
		if (map != MAP_FAILED)
			madvise(map, ix->size, MADV_RANDOM);
	}
	ix->fd = fd;
	if (bad == NULL)
		bad = check_header((const struct disk_header *)ix->map, ix->size, build_id,
				   o->file_ident);
	if (bad == NULL) {
		const struct disk_header *h = (const struct disk_header *)ix->map;
		if (ix->map[h->tables[T_STRINGS].offset + h->tables[T_STRINGS].count - 1] != '\0')
			bad = "its strings do not end";
	}
	if (bad) {
		*why = xasprintf("'%s': %s: ignored", path, bad);
		free(path);
		index_free(ix);
		return false;
	}
	free(path);
	ix->h = (const struct disk_header *)ix->map;
	for (size_t t = 0; t < T_COUNT; t++)
		ix->n[t] = ix->h->tables[t].count;
#define TABLE(t) ((const void *)(ix->map + ix->h->tables[t].offset))
	ix->strings = TABLE(T_STRINGS);
	ix->n_strings = ix->n[T_STRINGS];
	ix->sections = TABLE(T_SECTIONS);
	ix->symbols = TABLE(T_SYMBOLS);
	ix->name_keys = TABLE(T_NAME_KEYS);
	ix->name_syms = TABLE(T_NAME_SYMS);
	ix->vars = TABLE(T_VARS);
#undef TABLE
	ix->top = xcalloc(ix->n[T_RANGE_TOP] + 1, sizeof(*ix->top));
	if (!read_table(ix, T_RANGE_TOP, 0, ix->top, ix->n[T_RANGE_TOP] * sizeof(*ix->top)))
		ix->n[T_RANGE_TOP] = 0;
	o->index = ix;
	o->machine = ix->h->machine;
	o->has_dwarf = (ix->h->flags & F_DWARF) != 0;
	snprintf(o->build_id, sizeof(o->build_id), "%s", build_id);
	lay_out(ix, o);
	fill_symbols(ix, o);
	return true;
}

bool index_section(const struct index *ix, uint64_t address, struct objsection *s)
{
	size_t l = 0, u = ix->n_refs;

	while (l < u) {
		size_t mid = (l + u) / 2;
		const struct secref *r = &ix->refs[mid];
		if (address < r->start) {
			u = mid;
		} else if (address > r->end) {
			l = mid + 1;
		} else {
			if (address == r->end && mid + 1 < ix->n_refs &&
			    address == ix->refs[mid + 1].start)
				r = &ix->refs[++mid];
			*s = (struct objsection){
				.name = str((struct index *)ix, r->sec->name),
				.shndx = r->sec->shndx,
				.start = r->start,
				.offset = address - r->start,
				.flags = r->sec->flags,
				.type = r->sec->type,
			};
			return true;
		}
	}
	return false;
}

/* in a table sorted by (shndx, offset): the index of the last entry at or below key,
 * n when there is none */
#define LAST_AT_OR_BELOW(array, n, key_shndx, key_offset)                                      \
	({                                                                                     \
		size_t lo_ = 0, hi_ = (n);                                                     \
		while (lo_ < hi_) {                                                            \
			size_t mid_ = lo_ + (hi_ - lo_) / 2;                                   \
			if ((array)[mid_].shndx < (key_shndx) ||                               \
			    ((array)[mid_].shndx == (key_shndx) &&                             \
			     (array)[mid_].offset <= (key_offset)))                            \
				lo_ = mid_ + 1;                                                \
			else                                                                   \
				hi_ = mid_;                                                    \
		}                                                                              \
		lo_ > 0 ? lo_ - 1 : (n);                                                       \
	})

/* the range holding (shndx, offset): its top entry, then its block, read */
static const struct disk_range *find_range(struct index *ix, uint32_t shndx, uint64_t offset)
{
	size_t n_top = ix->n[T_RANGE_TOP];
	size_t b = LAST_AT_OR_BELOW(ix->top, n_top, shndx, offset);

	if (b >= n_top)
		return NULL;
	size_t first = b * RANGE_BLOCK, n = ix->n[T_RANGES] - first;
	if (n > RANGE_BLOCK)
		n = RANGE_BLOCK;
	if (ix->block_at != first) {
		ix->block_at = SIZE_MAX;
		if (!read_table(ix, T_RANGES, first * sizeof(struct disk_range), ix->block,
				n * sizeof(struct disk_range)))
			return NULL;
		ix->block_at = first;
	}
	size_t i = LAST_AT_OR_BELOW(ix->block, n, shndx, offset);
	return i < n && ix->block[i].shndx == shndx ? &ix->block[i] : NULL;
}

/* chains longer are damage: a scope nests no deeper in DWARF that libdw reads */
#define CHAIN_MAX 4096

void index_locate(struct index *ix, uint64_t pc, struct objloc *loc)
{
	struct objsection sec;
	struct disk_loc d;

	*loc = (struct objloc){ 0 };
	if (!index_section(ix, pc, &sec))
		return;
	const struct disk_range *r = find_range(ix, (uint32_t)sec.shndx, sec.offset);
	if (r == NULL ||
	    !read_table(ix, T_LOCS, (uint64_t)r->loc * sizeof(d), &d, sizeof(d)))
		return;
	loc->unit = str(ix, d.unit);
	loc->comp_dir = str(ix, d.comp_dir);
	loc->file = str(ix, d.file);
	loc->line = (int)d.line;
	loc->col = (int)d.col;
	loc->error = str(ix, d.error);
	loc->n_scopes = d.n_scopes;
	if (d.n_scopes <= 0)
		return;
	if (d.n_scopes > CHAIN_MAX) {
		damaged(ix);
		loc->n_scopes = 0;
		return;
	}
	size_t n = (size_t)d.n_scopes;
	struct disk_scope *chain = xcalloc(n, sizeof(*chain));
	if (!read_table(ix, T_SCOPES, (uint64_t)d.scopes * sizeof(*chain), chain,
			n * sizeof(*chain))) {
		free(chain);
		loc->n_scopes = 0;
		return;
	}
	if (n > ix->chain_alloc) {
		ix->chain_alloc = n;
		ix->chain = xreallocarray(ix->chain, ix->chain_alloc, sizeof(*ix->chain));
	}
	for (size_t k = 0; k < n; k++) {
		const char *name = str(ix, chain[k].name);
		ix->chain[k] = (struct scope){
			.name = name ? name : "??",
			.is_inlined = chain[k].is_inlined != 0,
			.call_file = str(ix, chain[k].call_file),
			.call_line = (int)chain[k].call_line,
			.call_col = (int)chain[k].call_col,
		};
	}
	free(chain);
	loc->scopes = ix->chain;
}

bool index_variable(struct index *ix, uint64_t address, struct objvariable *v)
{
	struct objsection sec;

	*v = (struct objvariable){ 0 };
	if (!index_section(ix, address, &sec))
		return false;
	size_t i = LAST_AT_OR_BELOW(ix->vars, ix->n[T_VARS], sec.shndx, sec.offset);
	if (i >= ix->n[T_VARS] || ix->vars[i].shndx != sec.shndx ||
	    ix->vars[i].offset != sec.offset)
		return false;
	const struct disk_var *d = &ix->vars[i];
	const char *type = str(ix, d->type);
	v->name = str(ix, d->name);
	if (v->name == NULL)
		v->name = "??";
	v->type = type ? xstrdup(type) : NULL;
	v->file = str(ix, d->file);
	v->comp_dir = str(ix, d->comp_dir);
	v->line = d->line;
	return true;
}

size_t index_symbols(const struct index *ix, const char *name, const uint32_t **idx)
{
	struct index *mix = (struct index *)ix;
	size_t n = ix->n[T_NAME_KEYS], lo = 0, hi = n;

	while (lo < hi) {	/* the first key not below name */
		size_t mid = lo + (hi - lo) / 2;
		const char *k = str(mix, ix->name_keys[mid]);
		if (k && strcmp(k, name) < 0)
			lo = mid + 1;
		else
			hi = mid;
	}
	size_t end = lo;
	while (end < n && ix->name_syms[end] < ix->n[T_SYMBOLS]) {
		const char *k = str(mix, ix->name_keys[end]);
		if (k == NULL || !streq(k, name))
			break;
		end++;
	}
	*idx = ix->name_syms + lo;
	return end - lo;
}

void index_fuzz_header(void *data, size_t size, const char *build_id, uint32_t ident)
{
	struct disk_header *h = data;

	if (size < sizeof(*h))
		return;
	memset(h->build_id, 0, sizeof(h->build_id));
	snprintf(h->build_id, sizeof(h->build_id), "%s", build_id);
	h->file_ident = ident;
	h->size = size;
	h->crc = (uint32_t)crc32(0, (const Bytef *)h, offsetof(struct disk_header, crc));
}

/* --- writing ---------------------------------------------------------------------------- */

/* a growing table of fixed-size records, deduplicated by content when interned */
struct table {
	unsigned char *data;
	size_t n, alloc, size;	/* records, capacity, record size */
	uint32_t *slots;	/* open addressing: record index + 1, 0 for empty */
	size_t n_slots;
};

static uint64_t hash_bytes(const void *p, size_t n)
{
	const unsigned char *b = p;
	uint64_t h = 0xcbf29ce484222325u;

	for (size_t i = 0; i < n; i++)
		h = (h ^ b[i]) * 0x100000001b3u;
	return h ^ (h >> 29);
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

	/* two words a slot, at most half of them used */
	if (t->n_slots == 0 || (t->n + n_recs) * 4 > t->n_slots) {
		size_t n_slots = t->n_slots ? t->n_slots * 2 : 4096;
		while ((t->n + n_recs) * 4 > n_slots)
			n_slots *= 2;
		uint32_t *old = t->slots;
		size_t n_old = t->n_slots;
		t->slots = xcalloc(n_slots, sizeof(*t->slots));
		t->n_slots = n_slots;
		/* only run starts were slotted: they are found again by their own hashes,
		 * which need their lengths; keep them beside (a run's length is in its slot) */
		for (size_t i = 0; i < n_old; i += 2) {
			if (old[i] == 0)
				continue;
			const unsigned char *r = t->data + (old[i] - 1) * t->size;
			size_t j = hash_bytes(r, old[i + 1] * t->size) & (n_slots / 2 - 1);
			while (t->slots[2 * j])
				j = (j + 1) & (n_slots / 2 - 1);
			t->slots[2 * j] = old[i];
			t->slots[2 * j + 1] = old[i + 1];
		}
		free(old);
	}
	size_t mask = t->n_slots / 2 - 1;
	size_t j = hash_bytes(rec, bytes) & mask;
	for (; t->slots[2 * j]; j = (j + 1) & mask)
		if (t->slots[2 * j + 1] == n_recs &&
		    memcmp(t->data + (t->slots[2 * j] - 1) * t->size, rec, bytes) == 0)
			return t->slots[2 * j] - 1;
	uint32_t at = table_append(t, rec, n_recs);
	t->slots[2 * j] = at + 1;
	t->slots[2 * j + 1] = (uint32_t)n_recs;
	return at;
}

struct writer {
	struct objfile *o;
	struct table strings, sections, symbols, name_keys, name_syms, ranges, locs, scopes,
		vars, range_top;
	uint64_t symbol_strings;
	/* libdw's strings are stable: a pointer seen before is not hashed again */
	const char **seen_ptr;
	uint32_t *seen_ref;
	size_t n_seen_slots, n_seen;
	uint64_t *bounds;
	size_t n_bounds, bounds_alloc;
	struct disk_scope *last_chain;	/* the last chain interned, at last_chain_at */
	size_t n_last_chain;
	uint32_t last_chain_at;
};

static uint32_t intern_string(struct writer *w, const char *s)
{
	if (s == NULL)
		return NONE;
	if (w->n_seen * 2 >= w->n_seen_slots) {
		size_t n = w->n_seen_slots ? w->n_seen_slots * 2 : 4096;
		const char **ptr = xcalloc(n, sizeof(*ptr));
		uint32_t *ref = xcalloc(n, sizeof(*ref));
		for (size_t i = 0; i < w->n_seen_slots; i++) {
			if (w->seen_ptr[i] == NULL)
				continue;
			size_t j = ((uintptr_t)w->seen_ptr[i] * 0x9e3779b97f4a7c15u >> 20) & (n - 1);
			while (ptr[j])
				j = (j + 1) & (n - 1);
			ptr[j] = w->seen_ptr[i];
			ref[j] = w->seen_ref[i];
		}
		free(w->seen_ptr);
		free(w->seen_ref);
		w->seen_ptr = ptr;
		w->seen_ref = ref;
		w->n_seen_slots = n;
	}
	size_t mask = w->n_seen_slots - 1;
	size_t j = ((uintptr_t)s * 0x9e3779b97f4a7c15u >> 20) & mask;
	for (; w->seen_ptr[j]; j = (j + 1) & mask)
		if (w->seen_ptr[j] == s)
			return w->seen_ref[j];
	uint32_t ref = table_intern(&w->strings, s, strlen(s) + 1);
	w->seen_ptr[j] = s;
	w->seen_ref[j] = ref;
	w->n_seen++;
	return ref;
}

static void add_bound(void *data, uint64_t address)
{
	struct writer *w = data;

	ARRAY_GROW(w->bounds, w->n_bounds, w->bounds_alloc);
	w->bounds[w->n_bounds++] = address;
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

/* where debuginfo_locate()'s answer may change, in o's layout: each section's bounds,
 * each row of each unit's line table, each function scope's bounds, each arange's */
static void collect_bounds(struct writer *w, struct objfile *o)
{
	const struct disk_section *secs = (const struct disk_section *)w->sections.data;
	for (size_t i = 0; i < w->sections.n; i++) {
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
		add_bound(w, start);
		add_bound(w, start + secs[i].size);
	}

	Dwarf_Addr bias;
	Dwarf *dw = dwfl_module_getdwarf(o->mod, &bias);
	Dwarf_Aranges *ar;
	size_t n_ar;

	if (dw == NULL)
		return;
	if (dwarf_getaranges(dw, &ar, &n_ar) == 0)
		for (size_t i = 0; i < n_ar; i++) {
			Dwarf_Addr start;
			Dwarf_Word len;
			if (dwarf_getarangeinfo(dwarf_onearange(ar, i), &start, &len, NULL) == 0) {
				add_bound(w, start + bias);
				add_bound(w, start + bias + len);
			}
		}
	Dwarf_Off off = 0, next;
	size_t hsize;
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;
		Dwarf_Lines *lines;
		size_t n_lines;
		if (dwarf_offdie(dw, off + hsize, &cu)) {
			if (dwarf_getsrclines(&cu, &lines, &n_lines) == 0)
				for (size_t i = 0; i < n_lines; i++) {
					Dwarf_Addr a;
					if (dwarf_lineaddr(dwarf_onesrcline(lines, i), &a) == 0)
						add_bound(w, a + bias);
				}
			scopes_bounds(o, &cu, bias, add_bound, w);
		}
		off = next;
	}
}

static void write_ranges(struct writer *w, struct objfile *o)
{

	sort_u64(w->bounds, w->n_bounds);
	for (size_t i = 0; i < w->n_bounds; i++) {
		struct objsection sec;
		struct objloc loc;
		if ((i > 0 && w->bounds[i] == w->bounds[i - 1]) ||
		    !debuginfo_section(o, w->bounds[i], &sec))
			continue;
		debuginfo_locate(o, w->bounds[i], &loc);
		struct disk_loc d = {
			.unit = intern_string(w, loc.unit),
			.comp_dir = intern_string(w, loc.comp_dir),
			.file = intern_string(w, loc.file),
			.line = (uint32_t)loc.line,
			.col = (uint32_t)loc.col,
			.n_scopes = loc.n_scopes,
			.error = intern_string(w, loc.error),
			.scopes = 0,
		};
		if (loc.n_scopes > 0) {
			struct disk_scope *chain = xcalloc((size_t)loc.n_scopes, sizeof(*chain));
			for (int k = 0; k < loc.n_scopes; k++)
				chain[k] = (struct disk_scope){
					.name = intern_string(w, loc.scopes[k].name),
					.call_file = intern_string(w, loc.scopes[k].call_file),
					.call_line = (uint32_t)loc.scopes[k].call_line,
					.call_col = (uint32_t)loc.scopes[k].call_col,
					.is_inlined = loc.scopes[k].is_inlined,
				};
			/* the chain goes on over most bounds (a function's lines): no hashing */
			if (w->last_chain && w->n_last_chain == (size_t)loc.n_scopes &&
			    memcmp(w->last_chain, chain, (size_t)loc.n_scopes * sizeof(*chain)) == 0) {
				d.scopes = w->last_chain_at;
				free(chain);
			} else {
				d.scopes = table_intern(&w->scopes, chain, (size_t)loc.n_scopes);
				free(w->last_chain);
				w->last_chain = chain;
				w->n_last_chain = (size_t)loc.n_scopes;
				w->last_chain_at = d.scopes;
			}
		}
		/* the same answer goes on; else a new one (few answers come back later: they
		 * are not looked for, which took a sixth of the whole build) */
		struct disk_range *last = w->ranges.n ? (struct disk_range *)w->ranges.data +
							       w->ranges.n - 1
						      : NULL;
		if (last && last->shndx == sec.shndx &&
		    memcmp((struct disk_loc *)w->locs.data + last->loc, &d, sizeof(d)) == 0)
			continue;
		uint32_t l = table_append(&w->locs, &d, 1);
		struct disk_range r = { .offset = sec.offset, .shndx = (uint32_t)sec.shndx, .loc = l };
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

/* vmlinux's ranges come in address order, which is mostly section order already */
static void sort_unless_sorted(struct table *t, int (*cmp)(const void *, const void *))
{
	for (size_t i = 1; i < t->n; i++)
		if (cmp(t->data + (i - 1) * t->size, t->data + i * t->size) > 0) {
			qsort(t->data, t->n, t->size, cmp);
			return;
		}
}

static void write_variables(struct writer *w, struct objfile *o)
{
	struct objvariable v;

	debuginfo_variable(o, 0, &v);	/* collects them */
	free(v.type);
	for (size_t i = 0; i < o->n_vars; i++) {
		struct objsection sec;
		uint64_t a = o->vars[i].address;
		if ((i > 0 && o->vars[i - 1].address == a) || !debuginfo_section(o, a, &sec) ||
		    !debuginfo_variable(o, a, &v))
			continue;
		struct disk_var d = {
			.offset = sec.offset,
			.shndx = (uint32_t)sec.shndx,
			.name = intern_string(w, v.name),
			.type = v.type ? table_intern(&w->strings, v.type, strlen(v.type) + 1)
				       : NONE,
			.file = intern_string(w, v.file),
			.comp_dir = intern_string(w, v.comp_dir),
			.line = v.line,
		};
		free(v.type);
		table_append(&w->vars, &d, 1);
	}
	sort_unless_sorted(&w->vars, cmp_var_key);
}

static int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t k = write(fd, p, n);
		if (k < 0)
			return -errno;
		p += k;
		n -= (size_t)k;
	}
	return 0;
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
	write_symbols(&w);
	w.symbol_strings = w.strings.n;
	/* a module's sections are placed where a snapshot says: what is at a section's end
	 * is asked where no other section starts there (libdwfl's own layout packs them) */
	struct objfile *apart = NULL;
	if (o->has_dwarf && !o->is_vmlinux && (err = debuginfo_open_apart(ctx, o, &apart, why)) < 0)
		goto out;
	if (o->has_dwarf) {
		struct objfile *at = apart ? apart : o;
		collect_bounds(&w, at);
		write_ranges(&w, at);
		sort_unless_sorted(&w.ranges, cmp_range_key);
		for (size_t i = 0; i < w.ranges.n; i += RANGE_BLOCK)
			table_append(&w.range_top, w.ranges.data + i * w.ranges.size, 1);
		write_variables(&w, at);
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
	free(w.seen_ptr);
	free(w.seen_ref);
	free(w.last_chain);
	free(w.bounds);
	if (lock >= 0)
		close(lock);	/* the lock file stays: removing it would race the next */
	if (err == 0)
		INFO(ctx, "'%s': indexed into '%s'\n", o->path, path);
	free(path);
	return err;
}

bool index_is_there(struct kdecode_ctx *ctx, const char *dir, const char *build_id,
		    uint32_t ident)
{
	char *path = index_path(dir, build_id, ident);
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	struct disk_header h;
	struct stat st;
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && pread(fd, &h, sizeof(h), 0) == sizeof(h) &&
		  check_header(&h, (size_t)st.st_size, build_id, ident) == NULL;

	(void)ctx;
	if (fd >= 0)
		close(fd);
	free(path);
	return ok;
}
