// SPDX-License-Identifier: GPL-2.0-or-later
/* variables.c: the DWARF variable a data address is, from a walk of the compile units
 * (shared with a second process for a vmlinux). */
#include <inttypes.h>
#include <stdatomic.h>
#include <stddef.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <dwarf.h>
#include <elfutils/libdw.h>
#include <elfutils/libdwfl.h>

#include "debug/debuginfo.h"
#include "debug/index.h"
#include "debug/scopes.h"
#include "debug/variables.h"
#include "shared/helper.h"
#include "shared/strbuf.h"
#include "shared/util.h"

struct varlist {
	struct objvar *v;
	size_t n, alloc;
};

static void add_variable(struct varlist *l, Dwarf_Die *die, Dwarf_Addr bias)
{
	Dwarf_Addr address;

	if (!scopes_static_address(die, &address))
		return;
	ARRAY_GROW(l->v, l->n, l->alloc);
	l->v[l->n++] = (struct objvar){ address + bias, dwarf_dieoffset(die) };
}

/* the variables below die; deep: also those inside functions (statics), 32 deep (as
 * scopes_variables() finds them too) */
static void collect_variables(struct varlist *l, Dwarf_Die *parent, Dwarf_Addr bias, bool deep,
			      int depth)
{
	Dwarf_Die die;

	if (dwarf_child(parent, &die) != 0)
		return;
	do {
		int tag = dwarf_tag(&die);
		if (tag == DW_TAG_variable)
			add_variable(l, &die, bias);
		else if (deep && depth < 32 &&
			 (tag == DW_TAG_subprogram || tag == DW_TAG_lexical_block))
			collect_variables(l, &die, bias, deep, depth + 1);
	} while (dwarf_siblingof(&die, &die) == 0);
}

/* by address, then in the order they were found (DIE order): of the variables at one
 * address, variables_choose() takes one, whatever the sort and the units it was made of */
static int cmp_variable(const void *a, const void *b)
{
	const struct objvar *x = a, *y = b;

	if (x->address != y->address)
		return x->address < y->address ? -1 : 1;
	return x->die < y->die ? -1 : x->die > y->die;
}

/* The compile units a data symbol's variable is looked for in first: for each local
 * symbol at its address, the unit of its source file (STT_FILE), as .debug_aranges
 * places the file's first local function. For a global one, the files of the nearest
 * local symbols below and above it in its section: an object file's data lie together,
 * its statics around its globals, in link order, which is also the order of the files
 * in the symbol table; so when few files lie between those two, all of them. The
 * variable at an address is the last, in DIE order, of those there in these units;
 * when none is, the last of all. Both the DWARF's walk and the index (index-write.c)
 * take that one: the symbol table says the same to both. */
#define NEAR_UNITS_MAX 16
/* symbols passed over, each way, looking for a global's neighbours */
#define NEIGHBOURS_MAX 64

struct near_units {
	Dwarf_Off cu[NEAR_UNITS_MAX];	/* their DIEs' offsets */
	size_t n;
};

static bool has_unit(const struct near_units *u, Dwarf_Off cu)
{
	for (size_t i = 0; i < u->n; i++)
		if (u->cu[i] == cu)
			return true;
	return false;
}

/* the unit of o's source file number file + 1 (sym_file_of), into u */
static void add_file_unit(const struct objfile *o, uint32_t file, struct near_units *u)
{
	const struct symfile *sf = &o->sym_files[file - 1];
	Dwarf_Addr bias;
	Dwarf_Die *cu;

	if (!sf->has_text || (cu = dwfl_module_addrdie(o->mod, sf->text, &bias)) == NULL)
		return;
	Dwarf_Off off = dwarf_dieoffset(cu);
	if (!has_unit(u, off) && u->n < NEAR_UNITS_MAX)
		u->cu[u->n++] = off;
}

/* the source file (its number + 1) of the local symbol nearest to o->syms[i] from i on
 * by step (-1 or 1), in section shndx; 0 when none is near */
static uint32_t neighbour_file(const struct objfile *o, size_t i, int step, uint32_t shndx)
{
	for (size_t k = 0; k < NEIGHBOURS_MAX && i < o->n_syms; k++, i += (size_t)step) {
		const struct objsym *s = &o->syms[i];
		if (s->shndx == shndx && o->sym_file_of[s->rank])
			return o->sym_file_of[s->rank];
	}
	return 0;
}

/* the units of the symbols at address (none when o's symbols were not read from its
 * ELF file: its index has its variables) */
static void symbol_units(const struct objfile *o, uint64_t address, struct near_units *u)
{
	size_t past = upper_bound_u64(o->syms, o->n_syms, sizeof(*o->syms),
				      offsetof(struct objsym, address), address), first = past;

	u->n = 0;
	if (o->sym_file_of == NULL)
		return;
	while (first > 0 && o->syms[first - 1].address == address)
		first--;
	for (size_t i = first; i < past; i++) {
		const struct objsym *s = &o->syms[i];
		if (o->sym_file_of[s->rank]) {
			add_file_unit(o, o->sym_file_of[s->rank], u);
			continue;
		}
		uint32_t below = first > 0 ? neighbour_file(o, first - 1, -1, s->shndx) : 0;
		uint32_t above = neighbour_file(o, past, 1, s->shndx);
		uint32_t lo = below && (!above || below < above) ? below : above;
		uint32_t hi = below > above ? below : above;
		if (lo && hi - lo < NEAR_UNITS_MAX) {
			for (uint32_t file = lo; file <= hi; file++)
				add_file_unit(o, file, u);
		} else {
			if (lo)
				add_file_unit(o, lo, u);
			if (hi != lo)
				add_file_unit(o, hi, u);
		}
	}
}

/* is the DIE at offset die in one of the units */
static bool is_in_units(Dwarf *dw, uint64_t die, const struct near_units *u)
{
	Dwarf_Die d, cu;

	return u->n > 0 && dwarf_offdie(dw, die, &d) && dwarf_diecu(&d, &cu, NULL, NULL) &&
	       has_unit(u, dwarf_dieoffset(&cu));
}

uint64_t variables_choose(struct objfile *o, uint64_t address, const struct objvar *v,
			  size_t n)
{
	Dwarf_Addr bias;
	Dwarf *dw;
	struct near_units u;

	if (n == 0)
		return 0;
	if (n == 1 || (dw = dwfl_module_getdwarf(o->mod, &bias)) == NULL)
		return v[n - 1].die;
	symbol_units(o, address, &u);
	for (size_t i = n; i-- > 0;)
		if (is_in_units(dw, v[i].die, &u))
			return v[i].die;
	return v[n - 1].die;
}

/* The units of a DWARF, as the offsets of their DIEs, walked in chunks: with a second
 * process, each takes the next chunk not taken from a counter they share, so that both
 * are busy to the end however the units' DIEs are spread (the second half of a vmlinux's
 * are denser: split in two by bytes, one half took twice as long as the other) */
struct units {
	Dwarf_Off *dies;
	size_t n;
	Dwarf_Off size;		/* of .debug_info, as far as its units go */
};

/* units a chunk */
#define UNITS_CHUNK 8

static void list_units(Dwarf *dw, struct units *u)
{
	Dwarf_Off off = 0, next;
	size_t hsize, alloc = 0;

	*u = (struct units){ 0 };
	while (dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		ARRAY_GROW(u->dies, u->n, alloc);
		u->dies[u->n++] = off + hsize;
		off = next;
	}
	u->size = off;
}

/* the variables of chunk c of u's units, into l */
static void chunk_variables(const struct objfile *o, Dwarf *dw, Dwarf_Addr bias,
			    const struct units *u, size_t c, struct varlist *l)
{
	for (size_t i = c * UNITS_CHUNK; i < (c + 1) * UNITS_CHUNK && i < u->n; i++) {
		Dwarf_Die cu;
		if (dwarf_offdie(dw, u->dies[i], &cu))
			collect_variables(l, &cu, bias, !o->is_vmlinux, 0);
	}
}

/* a vmlinux's walk (hundreds of ms) is shared with a second process (shared/helper.h)
 * from this much DWARF on; below it, forking costs more than it saves */
#define VARIABLES_SHARED_FROM (32u << 20)

/* the walk of both processes: what they share, in a MAP_SHARED page */
struct walk {
	atomic_size_t next;	/* the next chunk to take */
};

struct variables_share {
	struct objfile *o;
	Dwarf *dw;
	Dwarf_Addr bias;
	const struct units *u;
	struct walk *walk;
};

/* the next chunk of n not taken, or n */
static size_t take_chunk(struct walk *walk, size_t n)
{
	size_t c = atomic_fetch_add(&walk->next, 1);

	return c < n ? c : n;
}

static size_t n_chunks(const struct units *u)
{
	return (u->n + UNITS_CHUNK - 1) / UNITS_CHUNK;
}

/* in the second process, once its variables are sent: its copy of o, and of libdw's
 * state, closed (a leak checker follows it too) */
static void end_variables(void *arg)
{
	const struct variables_share *sh = arg;

	debuginfo_close(sh->o);
}

/* the second process: the chunks it takes; how many variables, then the variables */
static bool send_variables(int fd, void *arg)
{
	const struct variables_share *sh = arg;
	struct varlist l = { 0 };
	size_t c, n = n_chunks(sh->u);

	while ((c = take_chunk(sh->walk, n)) < n)
		chunk_variables(sh->o, sh->dw, sh->bias, sh->u, c, &l);
	bool ok = write_all(fd, &l.n, sizeof(l.n)) == 0 &&
		  write_all(fd, l.v, l.n * sizeof(*l.v)) == 0;
	free(l.v);
	return ok;
}

/* the second process's variables, after l's: false when they are not all there */
static bool receive_variables(int fd, struct varlist *l)
{
	struct stat st;
	size_t n;

	if (fstat(fd, &st) < 0 || pread(fd, &n, sizeof(n), 0) != (ssize_t)sizeof(n) ||
	    (uint64_t)st.st_size != sizeof(n) + (uint64_t)n * sizeof(*l->v))
		return false;
	if (n == 0)
		return true;
	l->v = xreallocarray(l->v, l->n + n, sizeof(*l->v));
	l->alloc = l->n + n;
	if (pread(fd, l->v + l->n, n * sizeof(*l->v), sizeof(n)) !=
	    (ssize_t)(n * sizeof(*l->v)))
		return false;
	l->n += n;
	return true;
}

/* The walk of a DWARF's units for its variables: with 32 MiB of it or more, shared out
 * between this process and a second one */
struct variable_walk {
	struct units u;
	struct walk *walk;	/* MAP_FAILED: not shared */
	struct helper helper;
};

static struct variable_walk *start_variable_walk(struct objfile *o, Dwarf *dw,
						 Dwarf_Addr bias)
{
	struct variable_walk *vw = xcalloc(1, sizeof(*vw));

	vw->helper.pid = -1;
	vw->walk = MAP_FAILED;
	list_units(dw, &vw->u);
	if (vw->u.size >= VARIABLES_SHARED_FROM && n_chunks(&vw->u) > 1)
		vw->walk = mmap(NULL, sizeof(*vw->walk), PROT_READ | PROT_WRITE,
				MAP_SHARED | MAP_ANONYMOUS, -1, 0);
	if (vw->walk != MAP_FAILED) {
		atomic_init(&vw->walk->next, 0);
		struct variables_share share = { o, dw, bias, &vw->u, vw->walk };
		helper_start(&vw->helper, "kdecode-variables", send_variables, end_variables,
			     &share);
	}
	return vw;
}

/* vw done with (its second process killed if still there) */
static void drop_variable_walk(struct variable_walk *vw)
{
	if (vw == NULL)
		return;
	helper_stop(&vw->helper);
	if (vw->walk != MAP_FAILED)
		munmap(vw->walk, sizeof(*vw->walk));
	free(vw->u.dies);
	free(vw);
}

/* the variables of every unit, sorted (the order they were found in does not matter):
 * a large DWARF's chunks of units shared out between this process and a second one,
 * whose failure leaves the chunks it took to this one */
static void all_variables(struct objfile *o, Dwarf *dw, Dwarf_Addr bias, struct varlist *l)
{
	struct variable_walk *vw = start_variable_walk(o, dw, bias);
	size_t c, n = n_chunks(&vw->u);

	/* the chunks this process took; then, with no second process or a failed one,
	 * every other chunk (a test fails fork() to come this way) */
	bool *mine = xcalloc(n ? n : 1, sizeof(*mine)), is_whole = false;
	if (vw->helper.pid >= 0) {
		while ((c = take_chunk(vw->walk, n)) < n) {
			chunk_variables(o, dw, bias, &vw->u, c, l);
			mine[c] = true;
		}
		size_t found = l->n;
		is_whole = helper_wait(&vw->helper) && receive_variables(vw->helper.fd, l);
		if (!is_whole)
			l->n = found;
		helper_reap(&vw->helper);
	}
	for (c = 0; c < n && !is_whole; c++)
		if (!mine[c])
			chunk_variables(o, dw, bias, &vw->u, c, l);
	free(mine);
	drop_variable_walk(vw);
	qsort_safe(l->v, l->n, sizeof(*l->v), cmp_variable);
}

size_t debuginfo_unit_variables(struct objfile *o, uint64_t from, uint64_t to,
				struct objvar **vars)
{
	Dwarf_Addr bias;
	Dwarf *dw = o->has_dwarf && !o->index ? dwfl_module_getdwarf(o->mod, &bias) : NULL;
	struct varlist l = { 0 };
	Dwarf_Off off = from, next;
	size_t hsize, n = 0;

	/* the units' scopes are walked for the index: their variables are found there */
	while (dw && off < to && dwarf_nextcu(dw, off, &next, &hsize, NULL, NULL, NULL) == 0) {
		Dwarf_Die cu;
		const struct objvar *v;
		size_t n_v = dwarf_offdie(dw, off + hsize, &cu) ? scopes_variables(o, &cu, &v) : 0;
		for (size_t i = 0; i < n_v; i++) {
			ARRAY_GROW(l.v, l.n, l.alloc);
			l.v[l.n++] = (struct objvar){ v[i].address + bias, v[i].die };
		}
		off = next;
	}
	qsort_safe(l.v, l.n, sizeof(*l.v), cmp_variable);
	for (size_t i = 0, j; i < l.n; i = j) {
		for (j = i + 1; j < l.n && l.v[j].address == l.v[i].address; j++)
			;
		uint64_t die = variables_choose(o, l.v[i].address, l.v + i, j - i);
		l.v[n++] = (struct objvar){ l.v[i].address, die };
	}
	*vars = l.v;
	return n;
}

/* dimensions of an array named, at most */
#define ARRAY_DIMENSIONS_MAX 8

/* does array's element type begin with qualifier tag (DW_TAG_const_type, ...) */
static bool has_qualifier(Dwarf_Die *array, int tag)
{
	Dwarf_Attribute attr;
	Dwarf_Die element;

	return dwarf_formref_die(dwarf_attr_integrate(array, DW_AT_type, &attr), &element) &&
	       dwarf_tag(&element) == tag;
}

/* "struct list_head", "const char *", "int[4]": a variable's type, as C spells it */
static void type_name(Dwarf_Die *die, struct strbuf *sb, int depth)
{
	Dwarf_Attribute attr;
	Dwarf_Die type;
	bool has_type = dwarf_formref_die(dwarf_attr_integrate(die, DW_AT_type, &attr), &type);
	const char *name = dwarf_diename(die);

	if (depth > 8) {
		strbuf_pushstr(sb, "...");
		return;
	}
	switch (dwarf_tag(die)) {
	case DW_TAG_structure_type:
		strbuf_printf(sb, "struct %s", name ? name : "(anonymous)");
		return;
	case DW_TAG_union_type:
		strbuf_printf(sb, "union %s", name ? name : "(anonymous)");
		return;
	case DW_TAG_enumeration_type:
		strbuf_printf(sb, "enum %s", name ? name : "(anonymous)");
		return;
	case DW_TAG_pointer_type:
		if (has_type)
			type_name(&type, sb, depth + 1);
		else
			strbuf_pushstr(sb, "void");
		strbuf_pushstr(sb, " *");
		return;
	case DW_TAG_const_type:
	case DW_TAG_volatile_type:
		/* "const char[133]": GCC qualifies a const array and its elements both */
		if (has_type && dwarf_tag(&type) == DW_TAG_array_type &&
		    has_qualifier(&type, dwarf_tag(die))) {
			type_name(&type, sb, depth + 1);
			return;
		}
		strbuf_pushstr(sb, dwarf_tag(die) == DW_TAG_const_type ? "const " : "volatile ");
		if (has_type)
			type_name(&type, sb, depth + 1);
		else
			strbuf_pushstr(sb, "void");
		return;
	case DW_TAG_array_type: {
		/* a dimension a subrange: "char[8][32]" */
		Dwarf_Die sub;
		int n = 0, children = 0;
		if (has_type)
			type_name(&type, sb, depth + 1);
		if (dwarf_child(die, &sub) == 0) {
			do {
				Dwarf_Word count = 0;
				if (dwarf_tag(&sub) != DW_TAG_subrange_type)
					continue;
				n++;
				if (dwarf_formudata(dwarf_attr(&sub, DW_AT_count, &attr), &count) == 0 ||
				    (dwarf_formudata(dwarf_attr(&sub, DW_AT_upper_bound, &attr),
						     &count) == 0 && ++count))
					strbuf_printf(sb, "[%" PRIu64 "]", (uint64_t)count);
				else
					strbuf_pushstr(sb, "[]");
			} while (++children < ARRAY_DIMENSIONS_MAX && dwarf_siblingof(&sub, &sub) == 0);
		}
		if (n == 0)
			strbuf_pushstr(sb, "[]");
		return;
	}
	default:
		strbuf_pushstr(sb, name ? name : "?");
	}
}

/* Looked for in its symbol's units first: a walk of a few units, where the walk of every
 * unit takes 0.3 s of CPU for a vmlinux. After this many such walks, the walk of every
 * unit costs less than more of them. */
#define UNIT_WALKS_MAX 32

/* the variables found in their symbols' units, before the walk of every unit (if ever) */
struct var_lookup {
	struct objvar *found;	/* their DIEs, by address, in the order asked */
	size_t n_found, found_alloc;
	size_t n_walks;
};

void variables_free(struct objfile *o)
{
	free(o->vars);
	o->vars = NULL;
	o->n_vars = 0;
	if (o->var_lookup) {
		free(o->var_lookup->found);
		free(o->var_lookup);
		o->var_lookup = NULL;
	}
}

/* the variable at address in units u: the last there in DIE order, 0 when none is */
static uint64_t unit_variable_die(const struct objfile *o, Dwarf *dw, Dwarf_Addr bias,
				  uint64_t address, const struct near_units *u)
{
	struct varlist l = { 0 };
	uint64_t die = 0;

	for (size_t i = 0; i < u->n; i++) {
		Dwarf_Die cu;
		if (dwarf_offdie(dw, u->cu[i], &cu))
			collect_variables(&l, &cu, bias, !o->is_vmlinux, 0);
	}
	for (size_t i = 0; i < l.n; i++)
		if (l.v[i].address == address && l.v[i].die > die)
			die = l.v[i].die;
	free(l.v);
	return die;
}

/* the DIE offset of the variable at address, 0 when none: from its symbol's units when
 * it is there (as variables_choose() would take it), else from the walk of every unit */
static uint64_t variable_die(struct objfile *o, uint64_t address)
{
	Dwarf_Addr bias;
	Dwarf *dw = o->has_dwarf ? dwfl_module_getdwarf(o->mod, &bias) : NULL;
	struct near_units u;

	if (dw == NULL)
		return 0;
	if (!o->has_vars) {
		if (o->var_lookup == NULL)
			o->var_lookup = xcalloc(1, sizeof(*o->var_lookup));
		struct var_lookup *vl = o->var_lookup;
		for (size_t i = 0; i < vl->n_found; i++)
			if (vl->found[i].address == address)
				return vl->found[i].die;
		uint64_t die = 0;
		if (vl->n_walks < UNIT_WALKS_MAX) {
			symbol_units(o, address, &u);
			vl->n_walks += u.n > 0;
			die = unit_variable_die(o, dw, bias, address, &u);
		}
		if (die) {
			ARRAY_GROW(vl->found, vl->n_found, vl->found_alloc);
			vl->found[vl->n_found++] = (struct objvar){ address, die };
			return die;
		}
		struct varlist l = { 0 };
		o->has_vars = true;
		all_variables(o, dw, bias, &l);
		o->vars = l.v;
		o->n_vars = l.n;
	}
	size_t past = upper_bound_u64(o->vars, o->n_vars, sizeof(*o->vars),
				      offsetof(struct objvar, address), address), first = past;
	while (first > 0 && o->vars[first - 1].address == address)
		first--;
	return first < past ? variables_choose(o, address, o->vars + first, past - first) : 0;
}

bool debuginfo_variable(struct objfile *o, uint64_t address, struct objvariable *v)
{
	if (o->index)
		return index_variable(o->index, address, v);
	return debuginfo_variable_die(o, variable_die(o, address), v);
}

bool debuginfo_variable_die(struct objfile *o, uint64_t off, struct objvariable *v)
{
	Dwarf_Addr bias;
	Dwarf *dw = off && o->has_dwarf && !o->index ? dwfl_module_getdwarf(o->mod, &bias) : NULL;
	Dwarf_Die die, cu, type;
	Dwarf_Attribute attr;
	int line = 0;

	*v = (struct objvariable){ 0 };
	if (dw == NULL || dwarf_offdie(dw, off, &die) == NULL)
		return false;
	v->name = scopes_die_name(&die);
	if (dwarf_formref_die(dwarf_attr_integrate(&die, DW_AT_type, &attr), &type)) {
		struct strbuf sb = STRBUF_INIT;
		type_name(&type, &sb, 0);
		v->type = strbuf_steal(&sb);
	}
	v->file = dwarf_decl_file(&die);
	if (v->file && dwarf_diecu(&die, &cu, NULL, NULL)) {
		v->comp_dir = dwarf_formstring(dwarf_attr(&cu, DW_AT_comp_dir, &attr));
		if (dwarf_decl_line(&die, &line) == 0 && line > 0)
			v->line = (unsigned int)line;
	} else {
		v->file = NULL;
	}
	return true;
}
