// SPDX-License-Identifier: GPL-2.0-or-later
/* symbols.c: an object's symbol table, as kallsyms would print it: read, sorted by
 * address, and indexed by name. */
#include <pthread.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>
#include <gelf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "debug/debuginfo.h"
#include "debug/index.h"
#include "debug/symbols.h"
#include "shared/pages.h"
#include "shared/strbuf.h"
#include "shared/util.h"

/* a name a symbol is looked up by: its own, or the first len bytes of it (clang LTO's
 * "foo.llvm.123" is "foo" to kallsyms) */
struct symname {
	uint64_t hash;
	uint32_t sym, len;
};

/* a name's hash, eight bytes a step; 32 bits of it, so that the radix sort of the names
 * has three passes to make, not six (two of a vmlinux's 120,000 names share one) */
static uint64_t name_hash(const char *name, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u ^ len, w;

	for (; len >= 8; name += 8, len -= 8) {
		memcpy(&w, name, 8);
		h = (h ^ w) * 0x9e3779b97f4a7c15u;
		h ^= h >> 32;
	}
	w = 0;
	memcpy(&w, name, len);
	h = (h ^ w) * 0x9e3779b97f4a7c15u;
	return (h ^ (h >> 32)) & 0xffffffffu;
}

static int cmp_symname(const struct objfile *o, const struct symname *x,
		       const struct symname *y)
{
	if (x->hash != y->hash)
		return x->hash < y->hash ? -1 : 1;
	int c = memcmp(objsym_name(o, &o->syms[x->sym]), objsym_name(o, &o->syms[y->sym]),
		       x->len < y->len ? x->len : y->len);
	if (c == 0 && x->len != y->len)
		c = x->len < y->len ? -1 : 1;
	return c ? c : x->sym < y->sym ? -1 : x->sym > y->sym;
}

static int cmp_symname_r(const void *a, const void *b, void *o)
{
	return cmp_symname(o, a, b);
}

/* o->by_name by hash, in radix passes of 11 bits (a vmlinux has 150,000 names, which
 * one allocation each and a hash table took a tenth of a decoding from the DWARF to make
 * and free); their symbols need not be known yet */
static void sort_symnames_by_hash(struct objfile *o)
{
	radix_sort_u64(o->by_name, o->n_by_name, sizeof(*o->by_name),
		       offsetof(struct symname, hash));
}

/* o->by_name, sorted by hash, in the order of cmp_symname(): the names that share a hash
 * (a name's symbols: "__func__.0" has 365) by name and symbol, o->syms sorted; then
 * by_name_syms made */
static void finish_shared_hashes(struct objfile *o)
{
	size_t n = o->n_by_name;

	for (size_t i = 0, j; i < n; i = j) {
		for (j = i + 1; j < n && o->by_name[j].hash == o->by_name[i].hash; j++)
			;
		if (j - i > 1)
			qsort_r(o->by_name + i, j - i, sizeof(*o->by_name), cmp_symname_r, o);
	}
	o->by_name_syms = xcalloc(n + 1, sizeof(*o->by_name_syms));
	for (size_t i = 0; i < n; i++)
		o->by_name_syms[i] = o->by_name[i].sym;
}

/* the names' entries, made with their symbols' ranks, given their places among the
 * sorted symbols: at_rank[rank] */
static void rank_to_place(struct objfile *o, const uint32_t *at_rank)
{
	for (size_t i = 0; i < o->n_by_name; i++)
		o->by_name[i].sym = at_rank[o->by_name[i].sym];
}

static void add_symbol_name(struct objfile *o, size_t *alloc, uint32_t sym, const char *name,
			    size_t len)
{
	ARRAY_GROW(o->by_name, o->n_by_name, *alloc);
	o->by_name[o->n_by_name++] = (struct symname){
		.hash = name_hash(name, len), .sym = sym, .len = (uint32_t)len,
	};
}

static int cmp_address(const void *a, const void *b)
{
	const struct objsym *x = a, *y = b;

	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	return x->rank < y->rank ? -1 : x->rank > y->rank;
}

/* kallsyms-style spans of o's sorted symbols: to the next address */
static void set_spans(struct objfile *o)
{
	for (size_t i = 0, next = 0; i < o->n_syms; i++) {
		while (next < o->n_syms && o->syms[next].address <= o->syms[i].address)
			next++;
		o->syms[i].span = next < o->n_syms ? o->syms[next].address - o->syms[i].address : 0;
	}
}

/* o's symbols sorted, with kallsyms-style spans */
static void sort_by_address(struct objfile *o)
{
	bool is_ranked = true;	/* in symbol table order: a stable sort by address is enough */

	for (size_t i = 1; i < o->n_syms && is_ranked; i++)
		is_ranked = o->syms[i - 1].rank < o->syms[i].rank;
	if (is_ranked)
		radix_sort_u64(o->syms, o->n_syms, sizeof(*o->syms),
			       offsetof(struct objsym, address));
	else
		qsort_safe(o->syms, o->n_syms, sizeof(*o->syms), cmp_address);
	set_spans(o);
}

/* sorted, with kallsyms-style spans; the names are indexed again when next asked for */
void symbols_finish(struct objfile *o)
{
	free(o->by_name);
	free(o->by_name_syms);
	o->by_name = NULL;
	o->by_name_syms = NULL;
	o->n_by_name = 0;
	sort_by_address(o);
}

/* by_name's entries for symbol sym named name (len bytes) */
static void add_symbol_names(struct objfile *o, size_t *alloc, uint32_t sym, const char *name,
			     size_t len)
{
	add_symbol_name(o, alloc, sym, name, len);
	/* clang LTO's "foo.llvm.123456" is printed as "foo" by kallsyms (6.x) */
	const char *llvm = memchr(name, '.', len) ? strstr(name, ".llvm.") : NULL;
	if (llvm && llvm[6] >= '0' && llvm[6] <= '9')
		add_symbol_name(o, alloc, sym, name, (size_t)(llvm - name));
}

/* A table of the names begun: room for a name a symbol, but for a few clang LTO ones */
static size_t begin_by_name(struct objfile *o)
{
	size_t alloc = o->n_syms + 8;

	o->by_name = xreallocarray(NULL, alloc, sizeof(*o->by_name));
	o->n_by_name = 0;
	return alloc;
}

/* The names' entries, their symbols by rank: the names read one after another, in the
 * order symbols_read() wrote them, not in the symbols' (address) order (3 MB read at
 * random took 10 ms); the symbols themselves are not read, and may be sorted meanwhile */
static void add_names_by_rank(struct objfile *o, size_t *alloc)
{
	const char *name = o->sym_names;

	for (size_t r = 0; r < o->n_syms; r++) {
		size_t len = strlen(name);
		add_symbol_names(o, alloc, (uint32_t)r, name, len);
		name += len + 1;
	}
}

/* the names' table made from its entries (is_by_rank: their symbols by rank, now by
 * place among the sorted symbols) */
static void finish_by_name(struct objfile *o, bool is_by_rank)
{
	if (is_by_rank) {
		uint32_t *at_rank = xreallocarray(NULL, o->n_syms + 1, sizeof(*at_rank));
		for (size_t i = 0; i < o->n_syms; i++)
			at_rank[o->syms[i].rank] = (uint32_t)i;
		rank_to_place(o, at_rank);
		free(at_rank);
	}
	sort_symnames_by_hash(o);
	finish_shared_hashes(o);
}

/* The symbols by name, made when first asked for: kdecode index does not need them */
static void make_by_name(struct objfile *o)
{
	size_t alloc = begin_by_name(o);

	if (o->is_names_ranked) {
		add_names_by_rank(o, &alloc);
	} else {
		for (size_t i = 0; i < o->n_syms; i++) {
			const char *name = objsym_name(o, &o->syms[i]);
			add_symbol_names(o, &alloc, (uint32_t)i, name, strlen(name));
		}
	}
	finish_by_name(o, o->is_names_ranked);
}

/* symbols_read()'s reading, an entry of the symbol table at a time */
struct collect {
	size_t alloc, files_alloc, of_alloc;
	struct strbuf names;
	uint32_t file;	/* the STT_FILE the local symbols are of: its number + 1 */
};

/* An entry of the symbol table of type type, called name, in section shndx: true when
 * kallsyms would print it. Not what it never prints (is_mapping_symbol(),
 * module_symbol.h): ".LC2", an assembler's local label kept for a relocation, "L0", and
 * arm's, arm64's and riscv's mapping symbols "$a", "$d", "$t", "$x", "$x.12" */
static bool is_printed(const char *name, int type, GElf_Word shndx)
{
	return name != NULL && name[0] != '\0' && !startswith(name, ".L") &&
	       !startswith(name, "L0") && name[0] != '$' && shndx != SHN_UNDEF &&
	       shndx != SHN_ABS && (type == STT_FUNC || type == STT_OBJECT || type == STT_NOTYPE);
}

/* an STT_FILE entry: the local symbols after it are of that file */
static void add_file(struct objfile *o, struct collect *c)
{
	ARRAY_GROW(o->sym_files, o->n_sym_files, c->files_alloc);
	o->sym_files[o->n_sym_files++] = (struct symfile){ 0 };
	c->file = (uint32_t)o->n_sym_files;
}

/* the file of the kept symbol of rank rank, its entry sym at addr: a local one's */
static void set_file_of(struct objfile *o, const struct collect *c, size_t rank,
			const GElf_Sym *sym, GElf_Addr addr)
{
	bool is_local = GELF_ST_BIND(sym->st_info) == STB_LOCAL;

	o->sym_file_of[rank] = is_local ? c->file : 0;
	if (is_local && c->file && GELF_ST_TYPE(sym->st_info) == STT_FUNC &&
	    !o->sym_files[c->file - 1].has_text)
		o->sym_files[c->file - 1] = (struct symfile){ addr, true };
}

/* Entry sym of the symbol table, called name, at addr in o's layout, in section shndx:
 * kept when kallsyms would print it. False when no more can be kept. */
static bool add_symbol(struct objfile *o, struct collect *c, const char *name,
		       const GElf_Sym *sym, GElf_Addr addr, GElf_Word shndx)
{
	int type = GELF_ST_TYPE(sym->st_info);

	if (type == STT_FILE) {
		add_file(o, c);
		return true;
	}
	if (!is_printed(name, type, shndx))
		return true;
	if (c->names.used > UINT32_MAX - KSYM_NAME_LEN)
		return false;	/* 4 GB of names: no kernel's */
	ARRAY_GROW(o->syms, o->n_syms, c->alloc);
	ARRAY_GROW(o->sym_file_of, o->n_syms, c->of_alloc);
	set_file_of(o, c, o->n_syms, sym, addr);
	o->syms[o->n_syms] = (struct objsym){
		.name = (uint32_t)c->names.used,
		.address = addr,
		.size = sym->st_size,
		.shndx = shndx,
		.rank = (uint32_t)o->n_syms,
		.is_object = type == STT_OBJECT,
	};
	o->n_syms++;
	strbuf_pushmem(&c->names, name, strlen(name) + 1);
	return true;
}

/* the symbols as libdwfl gives them: of any file, in any layout */
static void collect_through_libdwfl(struct objfile *o, struct collect *c)
{
	int n = dwfl_module_getsymtab(o->mod);

	for (int i = 0; i < n; i++) {
		GElf_Sym sym;
		GElf_Addr addr;
		GElf_Word shndx;
		const char *name = dwfl_module_getsym_info(o->mod, i, &sym, &addr, &shndx, NULL,
							   NULL);
		if (!add_symbol(o, c, name, &sym, addr, shndx))
			break;
	}
}

/* the section of elf of type type (the first), and its header */
static Elf_Scn *section_of_type(Elf *elf, GElf_Word type, GElf_Shdr *shdr)
{
	Elf_Scn *scn = NULL;

	while ((scn = elf_nextscn(elf, scn)) != NULL)
		if (gelf_getshdr(scn, shdr) && shdr->sh_type == type)
			return scn;
	return NULL;
}

/* A vmlinux's .symtab, read straight (without libdwfl's look at each entry's section
 * header: half of the reading's 11 ms for 115,000 symbols) */
struct symtab_view {
	Elf_Data *syms, *names;
	bool is_host_order;	/* the file's byte order is this machine's */
};

/* True when o's symbols may be read straight from its .symtab, into *view: only where
 * libdwfl would give each entry's own value, as read. That is a 64-bit ET_EXEC (or
 * ET_DYN: arm64's) at its link-time addresses (bias 0), on an architecture whose symbol
 * values are addresses (no ppc64 function descriptors, no Thumb or microMIPS bit), whose
 * symbol table is libdwfl's own (the same count: no second table merged in, not a
 * separate debug file's) with no extended section numbers. kdecode index reads through
 * libdwfl always: check-index.sh compares the two on every kernel it has. Every call
 * into libelf and libdwfl the reading needs is made here: what is left is reading
 * memory. */
static bool symtab_view(struct objfile *o, struct symtab_view *view)
{
	Dwarf_Addr bias;
	Elf *elf = dwfl_module_getelf(o->mod, &bias);
	GElf_Ehdr ehdr;
	GElf_Shdr shdr, str_shdr;
	Elf_Scn *scn;

	if (!o->is_vmlinux || elf == NULL || bias != 0 || gelf_getehdr(elf, &ehdr) == NULL ||
	    ehdr.e_ident[EI_CLASS] != ELFCLASS64 ||
	    (ehdr.e_type != ET_EXEC && ehdr.e_type != ET_DYN))
		return false;
	switch (ehdr.e_machine) {
	case EM_X86_64:
	case EM_AARCH64:
	case EM_S390:
	case EM_RISCV:
		break;
	default:
		return false;
	}
	view->is_host_order = ehdr.e_ident[EI_DATA] == (__BYTE_ORDER__ == __ORDER_LITTLE_ENDIAN__
								? ELFDATA2LSB
								: ELFDATA2MSB);
	return (scn = section_of_type(elf, SHT_SYMTAB, &shdr)) != NULL &&
	       section_of_type(elf, SHT_SYMTAB_SHNDX, &str_shdr) == NULL &&
	       shdr.sh_entsize == sizeof(Elf64_Sym) &&
	       (view->syms = elf_getdata(scn, NULL)) != NULL &&
	       view->syms->d_size / sizeof(Elf64_Sym) ==
		       (size_t)dwfl_module_getsymtab(o->mod) &&
	       (view->names = elf_getdata(elf_getscn(elf, shdr.sh_link), NULL)) != NULL &&
	       view->names->d_size != 0 &&
	       ((const char *)view->names->d_buf)[view->names->d_size - 1] == '\0';
}

/* symbols from which their sort is worth a thread of its own: a vmlinux's 115,000, not
 * a module's few hundred (a thread costs more than sorting them) */
#define SORT_THREAD_FROM 16384

/* A kept symbol of a view's table, as its first reading found it: its address, and
 * where it is (laid out as radix_sort_u64() sorts elements themselves) */
struct view_key {
	uint64_t address;
	uint64_t where;	/* its entry in the table << 32 | its rank among those kept */
};

/* the second reading of a view, in a thread of its own for a vmlinux */
struct view_placing {
	struct objfile *o;
	const struct symtab_view *view;
	struct view_key *keys;	/* o->n_syms, by rank */
	uint32_t *at_rank;	/* made: the place among the sorted symbols of each rank */
};

/* entry i of view's table (in the host's order: libelf's data is, whatever the file's) */
static void view_entry(const struct symtab_view *view, size_t i, Elf64_Sym *sym)
{
	memcpy(sym, (const char *)view->syms->d_buf + i * sizeof(*sym), sizeof(*sym));
}

/* The first reading of view's table, in table order: the keys of the symbols kallsyms
 * would print (by rank, into keys: room for every entry), their files, and the entries
 * of their names (hashed here, where each is read anyway) */
static void view_keys(struct objfile *o, const struct symtab_view *view,
		      struct view_key *keys, size_t *names_alloc)
{
	struct collect c = { 0 };
	size_t n = view->syms->d_size / sizeof(Elf64_Sym);
	const char *names = view->names->d_buf;

	for (size_t i = 0; i < n && i <= UINT32_MAX; i++) {
		Elf64_Sym sym;
		view_entry(view, i, &sym);
		int type = ELF64_ST_TYPE(sym.st_info);
		if (type == STT_FILE) {
			add_file(o, &c);
			continue;
		}
		const char *name = sym.st_name < view->names->d_size ? names + sym.st_name : NULL;
		if (!is_printed(name, type, sym.st_shndx))
			continue;
		size_t rank = o->n_syms++;
		keys[rank] = (struct view_key){ sym.st_value, (uint64_t)i << 32 | rank };
		set_file_of(o, &c, rank, &sym, sym.st_value);
		add_symbol_names(o, names_alloc, (uint32_t)rank, name, strlen(name));
	}
}

/* The second reading: the keys sorted by address (stably: by rank where they tie), and
 * the symbols written in that order from their entries, never moved after; with
 * kallsyms-style spans. Only memory is read: libdw may read the aranges meanwhile. */
static void *view_place(void *arg)
{
	struct view_placing *vp = arg;
	struct objfile *o = vp->o;

	radix_sort_u64(vp->keys, o->n_syms, sizeof(*vp->keys), 0);
	o->syms = xreallocarray(NULL, o->n_syms + 1, sizeof(*o->syms));
	for (size_t at = 0; at < o->n_syms; at++) {
		uint32_t rank = (uint32_t)vp->keys[at].where;
		Elf64_Sym sym;
		view_entry(vp->view, vp->keys[at].where >> 32, &sym);
		o->syms[at] = (struct objsym){
			.name = sym.st_name,
			.address = sym.st_value,
			.size = sym.st_size,
			.shndx = sym.st_shndx,
			.rank = rank,
			.is_object = ELF64_ST_TYPE(sym.st_info) == STT_OBJECT,
		};
		vp->at_rank[rank] = (uint32_t)at;
	}
	set_spans(o);
	return NULL;
}

/* The symbols of view, sorted and indexed by name: each entry of the table read where
 * it is, once in order and once in the symbols' address order, and their names the
 * table's own (which stay mapped in place of a copy). A second thread sorts the symbols
 * while this one sorts the names. The table's pages are given back then (5 MB of a
 * vmlinux, resident otherwise while libdw reads the aranges): only where they are the
 * file's, in the host's byte order (libelf may have converted another in place, which
 * the file's pages would undo). */
static void read_view(struct objfile *o, const struct symtab_view *view)
{
	size_t n = view->syms->d_size / sizeof(Elf64_Sym);
	size_t names_alloc = n + 8;
	struct view_placing vp = {
		.o = o, .view = view, .keys = xreallocarray(NULL, n + 1, sizeof(*vp.keys)),
	};

	o->sym_file_of = xreallocarray(NULL, n + 1, sizeof(*o->sym_file_of));
	o->by_name = xreallocarray(NULL, names_alloc, sizeof(*o->by_name));
	o->n_by_name = 0;
	view_keys(o, view, vp.keys, &names_alloc);
	o->sym_names = view->names->d_buf;
	o->n_sym_names = view->names->d_size;

	vp.at_rank = xreallocarray(NULL, o->n_syms + 1, sizeof(*vp.at_rank));
	pthread_t thread;
	bool is_threaded = o->n_syms >= SORT_THREAD_FROM &&
			   pthread_create(&thread, NULL, view_place, &vp) == 0;
	if (!is_threaded)
		view_place(&vp);
	sort_symnames_by_hash(o);
	if (is_threaded)
		pthread_join(thread, NULL);
	rank_to_place(o, vp.at_rank);
	finish_shared_hashes(o);
	free(vp.at_rank);
	free(vp.keys);
	if (view->is_host_order)
		pages_release_file(view->syms->d_buf, view->syms->d_size);
}

/* libdw's table of .debug_aranges, which the first address decoded needs, read in a
 * thread of its own while o's symbols are read. To place each range at its unit's first
 * DIE, libdw reads the header of every unit, and the kernel maps 64 KiB around each
 * (fault-around): 100 MB of the 6.1 x86_64 vmlinux's 560, of which decoding needs the
 * few units asked for. Those pages are given back every millisecond as the reading goes
 * (its peak RSS was 125 MiB with them, as eu-addr2line's; 45 without), and read back
 * from the page cache where touched again. */
struct aranges_job {
	Dwarf *dw;
	const void *info;	/* .debug_info as mapped from the file, when it may be given */
	size_t info_len;
	pthread_t thread;
	bool is_threaded;
};

static void read_aranges(struct aranges_job *job)
{
	Dwarf_Aranges *aranges;
	size_t n;
	struct pages_releaser *releaser =
		job->info ? pages_releaser_start(job->info, job->info_len, 1000) : NULL;

	(void)dwarf_getaranges(job->dw, &aranges, &n);
	pages_releaser_stop(releaser);
}

static void *aranges_thread(void *arg)
{
	read_aranges(arg);
	return NULL;
}

/* job for o's DWARF (its dw NULL when o has none): .debug_info's pages are given back
 * only where libdw's data is the file's own, as mapped (pages.c checks the mapping is a
 * file's): not a section libdwfl relocates in place (ET_REL) or that libelf
 * decompressed */
static void aranges_job_begin(struct aranges_job *job, struct objfile *o)
{
	Dwarf_Addr bias;
	Dwarf *dw = o->has_dwarf ? dwfl_module_getdwarf(o->mod, &bias) : NULL;
	Elf *elf = dw ? dwarf_getelf(dw) : NULL;
	GElf_Ehdr ehdr;
	GElf_Shdr shdr;
	size_t shstrndx;
	Elf_Scn *scn = NULL;

	*job = (struct aranges_job){ .dw = dw };
	if (elf == NULL || gelf_getehdr(elf, &ehdr) == NULL || ehdr.e_type == ET_REL ||
	    elf_getshdrstrndx(elf, &shstrndx) != 0)
		return;
	while ((scn = elf_nextscn(elf, scn)) != NULL) {
		const char *name = gelf_getshdr(scn, &shdr) ? elf_strptr(elf, shstrndx, shdr.sh_name)
							    : NULL;
		if (name == NULL || strcmp(name, ".debug_info") != 0)
			continue;
		Elf_Data *data = shdr.sh_flags & SHF_COMPRESSED ? NULL : elf_getdata(scn, NULL);
		if (data && data->d_buf) {
			job->info = data->d_buf;
			job->info_len = data->d_size;
		}
		break;
	}
}

/* the symbols sorted in a thread of their own: o->syms, which nothing else touches
 * meanwhile */
static void *sort_thread(void *arg)
{
	sort_by_address(arg);
	return NULL;
}

/* o's symbols sorted, and their names indexed, which the first frame asks for: the names'
 * entries made here (from the names alone) while a second thread sorts the symbols, and
 * libdw's .debug_aranges read here first unless a thread reads them already */
static void sort_decoding(struct objfile *o, struct aranges_job *aranges)
{
	pthread_t thread;
	bool is_sorting = o->is_names_ranked && pthread_create(&thread, NULL, sort_thread, o) == 0;

	if (!is_sorting)
		symbols_finish(o);
	if (aranges->dw && !aranges->is_threaded)
		read_aranges(aranges);
	if (!is_sorting)
		return;
	size_t alloc = begin_by_name(o);
	add_names_by_rank(o, &alloc);
	pthread_join(thread, NULL);
	finish_by_name(o, true);
}

void symbols_read(struct objfile *o, bool is_decoding)
{
	struct collect c = { .names = STRBUF_INIT };
	struct symtab_view view;
	struct aranges_job aranges = { 0 };

	/* the aranges' thread only while this one reads memory: libdw, libdwfl and libelf
	 * are not asked to work on one file from two threads */
	if (is_decoding && symtab_view(o, &view)) {
		aranges_job_begin(&aranges, o);
		aranges.is_threaded = aranges.dw && pthread_create(&aranges.thread, NULL,
								   aranges_thread, &aranges) == 0;
		read_view(o, &view);
		if (aranges.dw && !aranges.is_threaded)
			read_aranges(&aranges);
		else if (aranges.is_threaded)
			pthread_join(aranges.thread, NULL);
		return;
	}
	collect_through_libdwfl(o, &c);
	o->n_sym_names = c.names.used;
	o->sym_names = o->own_names = strbuf_steal(&c.names);
	o->is_names_ranked = true;

	if (!is_decoding || o->n_syms < SORT_THREAD_FROM) {
		symbols_finish(o);
	} else {
		if (aranges.dw == NULL)
			aranges_job_begin(&aranges, o);
		sort_decoding(o, &aranges);
	}
}

size_t debuginfo_symbols(struct objfile *o, const char *name, const uint32_t **idx)
{
	/* a vmlinux's index has a table of the names; a module's has its symbols only */
	if (o->index && o->is_vmlinux)
		return index_symbols(o->index, name, idx);
	if (o->by_name == NULL)
		make_by_name(o);

	size_t len = strlen(name), lo = 0, hi = o->n_by_name;
	uint64_t h = name_hash(name, len);

	while (lo < hi) {	/* the first of this hash */
		size_t mid = lo + (hi - lo) / 2;
		if (o->by_name[mid].hash < h)
			lo = mid + 1;
		else
			hi = mid;
	}
	/* those of the name among those of its hash: together, in symbol order */
	size_t first = o->n_by_name, n = 0;
	for (size_t i = lo; i < o->n_by_name && o->by_name[i].hash == h; i++) {
		const struct symname *sn = &o->by_name[i];
		if (sn->len == len && memcmp(objsym_name(o, &o->syms[sn->sym]), name, len) == 0) {
			if (n++ == 0)
				first = i;
		} else if (n > 0) {
			break;
		}
	}
	*idx = o->by_name_syms + first;
	return n;
}

const struct objsym *debuginfo_symbol_in(const struct objfile *o, uint64_t address,
					 uint64_t section_start, uint32_t shndx)
{
	const struct objsym *best = NULL;
	size_t lo = upper_bound_u64(o->syms, o->n_syms, sizeof(*o->syms),
				    offsetof(struct objsym, address), address);

	/* a placed module's sections may interleave: other sections' symbols are skipped;
	 * of those at one address, a sized one is preferred over an alias label */
	for (size_t i = lo; i-- > 0 && o->syms[i].address >= section_start;) {
		const struct objsym *c = &o->syms[i];
		if (c->shndx != shndx)
			continue;
		if (best && c->address != best->address)
			break;
		if (best == NULL || c->size > best->size)
			best = c;
	}
	if (best && best->is_object && best->size > 0 && address - best->address >= best->size)
		return NULL;	/* past the object: padding or an unnamed neighbour */
	return best;
}
