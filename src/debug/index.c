// SPDX-License-Identifier: GPL-2.0-or-later
/* index.c: reading the per-build index (index.h, index-format.h): checked, mapped, and
 * looked up. Addresses are section-relative, so a module's index serves any snapshot's
 * layout. An index is untrusted input: the header is checked whole (and against the ELF
 * file's build ID and ident), and every offset and count read later is checked against
 * the file's size. */
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
#include "debug/index.h"
#include "debug/scopes.h"
#include "log.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

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

/* pages of the tables read with pread(), kept: a decoding asks for the same few records
 * again and again (1,237 reads of 20 to 36 bytes for the benchmark's log, most of them
 * the same), and a system call each was a sixth of its time. A page is 512 bytes, not
 * the system's 4 KiB: that log reads 310 of them (257 of 4 KiB), and populating the
 * memory that keeps 4 KiB ones (1 MiB) took 0.3 ms before its first lookup */
#define PAGE_SIZE_READ 512
#define PAGES_KEPT 256
/* A batch of logs reads more pages than that: their pages of the same few functions,
 * again and again (a thousand logs of one kernel, 67,000 reads of 458 pages). After
 * PAGES_GROW_AT reads (one log does a few hundred), PAGES_KEPT_MORE are kept. */
#define PAGES_GROW_AT 2048
#define PAGES_KEPT_MORE 4096

/* blocks of ranges kept (4 KiB each; their memory is touched only where one is read):
 * the frames of a batch's logs look up the same functions' ranges again and again, and
 * one block kept took a read for nearly every frame */
#define BLOCKS_KEPT 256

/* a page kept: the file's bytes [no * PAGE_SIZE_READ, + len), in its slot of the pages */
struct page {
	uint64_t no;
	size_t len;		/* 0: none */
};

struct index {
	const unsigned char *map;
	size_t size;
	int fd;			/* for pread(): the tables looked up at random (locations,
				 * scopes, strings) are read, not mapped, so that each lookup
				 * costs its bytes and not the pages the kernel maps around */
	struct page *pages;	/* n_pages, by page number modulo, allocated when first read */
	unsigned char *page_bytes;	/* theirs: a page of memory each, mapped at once */
	bool are_pages_mapped;	/* else from malloc(): more of them, or where mmap() failed */
	size_t n_page_reads;	/* how many pages were read into them */
	size_t n_pages;		/* PAGES_KEPT, or fewer for a smaller file */
	struct disk_range *top;	/* T_RANGE_TOP, read whole */
	struct disk_range (*blocks)[RANGE_BLOCK];	/* blocks of ranges kept, by their
							 * number modulo BLOCKS_KEPT */
	size_t blocks_at[BLOCKS_KEPT];	/* each one's first range's index, SIZE_MAX for none */
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
char *index_path(const char *dir, const char *build_id, uint32_t ident)
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

/* the pages kept, as many as the file has up to PAGES_KEPT: their memory populated by
 * one mmap() rather than a page fault at each first read into one (a decoding reads into
 * most of them) */
static void keep_pages(struct index *ix)
{
	size_t n = (ix->size + PAGE_SIZE_READ - 1) / PAGE_SIZE_READ;
	void *p;

	ix->n_pages = n < PAGES_KEPT ? n : PAGES_KEPT;
	p = mmap(NULL, ix->n_pages * PAGE_SIZE_READ, PROT_READ | PROT_WRITE,
		 MAP_PRIVATE | MAP_ANONYMOUS | MAP_POPULATE, -1, 0);
	ix->are_pages_mapped = p != MAP_FAILED;
	ix->page_bytes = ix->are_pages_mapped ? p : xmalloc(ix->n_pages * PAGE_SIZE_READ);
	ix->pages = xcalloc(ix->n_pages, sizeof(*ix->pages));
}

static void free_pages(struct index *ix)
{
	free(ix->pages);
	if (ix->are_pages_mapped)
		munmap(ix->page_bytes, ix->n_pages * PAGE_SIZE_READ);
	else
		free(ix->page_bytes);
}

/* PAGES_KEPT_MORE pages kept (as many as the file has), those kept already with them;
 * this memory is touched where a page is read only: no mmap() populates it */
static void keep_more_pages(struct index *ix)
{
	size_t n = (ix->size + PAGE_SIZE_READ - 1) / PAGE_SIZE_READ;
	struct index old = *ix;

	if (n <= ix->n_pages)
		return;	/* the whole file is kept already */
	ix->n_pages = n < PAGES_KEPT_MORE ? n : PAGES_KEPT_MORE;
	ix->page_bytes = xreallocarray(NULL, ix->n_pages, PAGE_SIZE_READ);
	ix->are_pages_mapped = false;
	ix->pages = xcalloc(ix->n_pages, sizeof(*ix->pages));
	for (size_t i = 0; i < old.n_pages; i++) {
		const struct page *pg = &old.pages[i];
		if (pg->len == 0)
			continue;
		size_t slot = (size_t)(pg->no % ix->n_pages);
		ix->pages[slot] = *pg;
		memcpy(ix->page_bytes + slot * PAGE_SIZE_READ,
		       old.page_bytes + i * PAGE_SIZE_READ, pg->len);
	}
	free_pages(&old);
}

/* n bytes of the file at at, read straight into buf: false when they are not all there */
static bool read_whole(const struct index *ix, uint64_t at, unsigned char *buf, size_t n)
{
	while (n > 0) {
		ssize_t got = pread(ix->fd, buf, n, (off_t)at);
		if (got < 0 && errno == EINTR)
			continue;
		if (got <= 0)
			return false;
		buf += got;
		at += (uint64_t)got;
		n -= (size_t)got;
	}
	return true;
}

/* n bytes of the file at at, through the pages kept: false when they are not all there */
static bool read_bytes(struct index *ix, uint64_t at, unsigned char *buf, size_t n)
{
	/* a block of ranges (4 KiB) or a whole table (the range top: 190 KB for a vmlinux)
	 * in one read, and not through the pages kept, which it would push out */
	if (n >= 4 * PAGE_SIZE_READ)
		return read_whole(ix, at, buf, n);
	if (ix->pages == NULL)
		keep_pages(ix);
	while (n > 0) {
		uint64_t no = at / PAGE_SIZE_READ;
		size_t in = (size_t)(at % PAGE_SIZE_READ);
		size_t slot = (size_t)(no % ix->n_pages);
		struct page *pg = &ix->pages[slot];
		unsigned char *bytes = ix->page_bytes + slot * PAGE_SIZE_READ;
		if (pg->len == 0 || pg->no != no) {
			if (++ix->n_page_reads == PAGES_GROW_AT) {
				keep_more_pages(ix);
				continue;	/* its slot is another now */
			}
			ssize_t got = pread(ix->fd, bytes, PAGE_SIZE_READ,
					    (off_t)(no * PAGE_SIZE_READ));
			pg->len = got > 0 ? (size_t)got : 0;
			pg->no = no;
		}
		if (in >= pg->len)
			return false;
		size_t take = pg->len - in < n ? pg->len - in : n;
		memcpy(buf, bytes + in, take);
		buf += take;
		at += take;
		n -= take;
	}
	return true;
}

/* n bytes at offset off into table t; false (the index said damaged) when they are not
 * all there */
static bool read_table(struct index *ix, enum table_id t, uint64_t off, void *buf, size_t n)
{
	uint64_t at = ix->h->tables[t].offset + off;

	if (off > ix->n[t] * index_record_size[t] || n > ix->n[t] * index_record_size[t] - off ||
	    !read_bytes(ix, at, buf, n)) {
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
	free_pages(ix);
	free(ix->blocks);
	free(ix->top);
	free(ix->refs);
	free(ix->starts);
	free(ix->chain);
	free(ix);
}

const char *index_check_header(const struct disk_header *h, size_t size,
			       const char *build_id, uint32_t ident)
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
		    n > (size - off) / index_record_size[t])
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
	for (size_t i = 0; i < BLOCKS_KEPT; i++)
		ix->blocks_at[i] = SIZE_MAX;
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
		bad = index_check_header((const struct disk_header *)ix->map, ix->size, build_id,
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
	size_t slot = b % BLOCKS_KEPT;
	if (ix->blocks == NULL)
		ix->blocks = xreallocarray(NULL, BLOCKS_KEPT, sizeof(*ix->blocks));
	struct disk_range *block = ix->blocks[slot];
	if (ix->blocks_at[slot] != first) {
		ix->blocks_at[slot] = SIZE_MAX;
		if (!read_table(ix, T_RANGES, first * sizeof(struct disk_range), block,
				n * sizeof(struct disk_range)))
			return NULL;
		ix->blocks_at[slot] = first;
	}
	size_t i = LAST_AT_OR_BELOW(block, n, shndx, offset);
	return i < n && block[i].shndx == shndx ? &block[i] : NULL;
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

bool index_is_there(const char *dir, const char *build_id, uint32_t ident)
{
	char *path = index_path(dir, build_id, ident);
	int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
	struct disk_header h;
	struct stat st;
	bool ok = fd >= 0 && fstat(fd, &st) == 0 && pread(fd, &h, sizeof(h), 0) == sizeof(h) &&
		  index_check_header(&h, (size_t)st.st_size, build_id, ident) == NULL;

	if (fd >= 0)
		close(fd);
	free(path);
	return ok;
}
