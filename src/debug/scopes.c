// SPDX-License-Identifier: GPL-2.0-or-later
/* scopes.c: the inline chain at an address, from a table of each compile unit's function
 * and inlined-call ranges, built once per unit (instead of a DIE walk per address). */
#include <dwarf.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>

#include "debug/debuginfo.h"
#include "debug/scopes.h"
#include "shared/hash.h"
#include "shared/util.h"

/* DIEs nested deeper are not looked into: hostile DWARF must not exhaust the stack */
#define NESTING_MAX 256

struct range {
	Dwarf_Addr lo, hi;
	uint32_t node;
	uint32_t depth;		/* of function scopes: 0 for a subprogram */
};

/* a function at file scope not walked yet: what is in it, when an address asks */
struct pending {
	Dwarf_Off die;
	uint32_t node;
	uint32_t nesting;	/* of its DIE, for NESTING_MAX */
	bool is_walked;
};

struct unit {
	struct scope *nodes;
	long *parents;		/* the function scope each is in, -1 for none */
	Dwarf_Off *node_dies;	/* the DIE of each */
	size_t n_nodes, nodes_alloc;
	struct range *ranges;	/* sorted by lo, then depth */
	size_t n_ranges, ranges_alloc;
	struct scope *chain;	/* scopes_at()'s answer */
	size_t chain_alloc;
	bool is_bad;		/* libdw rejected its DIEs */
	const char *error;	/* why, as libdw said then (dwarf_errmsg()) */
	struct objvar *vars;	/* scopes_variables(), in DIE order, not biased */
	size_t n_vars, vars_alloc;
	bool is_deep;		/* a module's: its variables in functions too */
	/* Decoding walks the functions at file scope first, then the inside of those
	 * holding an address asked for only: a few of a unit's hundreds */
	struct pending *pending;	/* by their DIEs' order; NULL: all walked */
	size_t n_pending, pending_alloc;
	Dwarf_Files *files;
	Dwarf *dwarf;
};

static void unit_free(void *p)
{
	struct unit *u = p;

	free(u->nodes);
	free(u->parents);
	free(u->node_dies);
	free(u->pending);
	free(u->ranges);
	free(u->chain);
	free(u->vars);
	free(u);
}

const char *scopes_die_name(Dwarf_Die *die)
{
	Dwarf_Attribute attr;
	const char *name = dwarf_diename(die);

	if (name == NULL)
		name = dwarf_formstring(dwarf_attr_integrate(die, DW_AT_linkage_name, &attr));
	return name ? name : "??";
}

static long add_node(struct unit *u, Dwarf_Die *die, long parent, bool is_inlined,
		     Dwarf_Files *files)
{
	Dwarf_Attribute attr;
	Dwarf_Word v;
	struct scope s = { .name = scopes_die_name(die), .is_inlined = is_inlined };

	if (is_inlined) {
		if (files && dwarf_formudata(dwarf_attr(die, DW_AT_call_file, &attr), &v) == 0)
			s.call_file = dwarf_filesrc(files, v, NULL, NULL);
		if (dwarf_formudata(dwarf_attr(die, DW_AT_call_line, &attr), &v) == 0)
			s.call_line = (int)v;
		if (dwarf_formudata(dwarf_attr(die, DW_AT_call_column, &attr), &v) == 0)
			s.call_col = (int)v;
	}
	if (u->n_nodes >= u->nodes_alloc) {
		u->nodes_alloc = u->nodes_alloc ? u->nodes_alloc * 2 : 64;
		u->nodes = xreallocarray(u->nodes, u->nodes_alloc, sizeof(*u->nodes));
		u->parents = xreallocarray(u->parents, u->nodes_alloc, sizeof(*u->parents));
		u->node_dies = xreallocarray(u->node_dies, u->nodes_alloc, sizeof(*u->node_dies));
	}
	u->nodes[u->n_nodes] = s;
	u->parents[u->n_nodes] = parent;
	u->node_dies[u->n_nodes] = dwarf_dieoffset(die);
	return (long)u->n_nodes++;
}

static void add_ranges(struct unit *u, Dwarf_Die *die, long node, uint32_t depth)
{
	Dwarf_Addr base, lo, hi;
	ptrdiff_t off = 0;

	while ((off = dwarf_ranges(die, off, &base, &lo, &hi)) > 0) {
		if (hi <= lo)
			continue;
		ARRAY_GROW(u->ranges, u->n_ranges, u->ranges_alloc);
		u->ranges[u->n_ranges++] =
			(struct range){ .lo = lo, .hi = hi, .node = (uint32_t)node, .depth = depth };
	}
}

bool scopes_static_address(Dwarf_Die *die, Dwarf_Addr *address)
{
	Dwarf_Attribute attr;
	Dwarf_Op *ops;
	size_t n;

	if (dwarf_getlocation(dwarf_attr(die, DW_AT_location, &attr), &ops, &n) != 0 || n != 1 ||
	    ops[0].atom != DW_OP_addr)
		return false;
	*address = ops[0].number;
	return true;
}

/* The function scopes under die, in parent at depth; and the variables, where die is
 * var_depth functions and blocks below the unit (-1: where none are looked for), as
 * debuginfo_variable() looks for them: at file scope, and for a module in functions and
 * blocks too, 32 deep. One walk of the DIEs for both: kdecode index wants both of every
 * unit. */
static void walk(struct unit *u, Dwarf_Die *die, long parent, uint32_t depth,
		 Dwarf_Files *files, unsigned int nesting, int var_depth)
{
	Dwarf_Die child;
	int more;

	if (nesting >= NESTING_MAX || dwarf_child(die, &child) != 0)
		return;
	do {
		int tag = dwarf_tag(&child);
		Dwarf_Addr address;
		int child_var_depth = u->is_deep && var_depth >= 0 && var_depth < 32 &&
					      (tag == DW_TAG_subprogram ||
					       tag == DW_TAG_lexical_block)
					      ? var_depth + 1
					      : -1;
		if (tag == DW_TAG_variable && var_depth >= 0 &&
		    scopes_static_address(&child, &address)) {
			ARRAY_GROW(u->vars, u->n_vars, u->vars_alloc);
			u->vars[u->n_vars++] =
				(struct objvar){ .address = address, .die = dwarf_dieoffset(&child) };
		}
		if (tag == DW_TAG_subprogram || tag == DW_TAG_inlined_subroutine ||
		    tag == DW_TAG_entry_point) {
			long node = add_node(u, &child, parent, tag == DW_TAG_inlined_subroutine,
					     files);
			add_ranges(u, &child, node, depth);
			if (depth == 0 && u->pending) {
				ARRAY_GROW(u->pending, u->n_pending, u->pending_alloc);
				u->pending[u->n_pending++] = (struct pending){
					dwarf_dieoffset(&child), (uint32_t)node, nesting + 1, false
				};
			} else {
				walk(u, &child, node, depth + 1, files, nesting + 1,
				     child_var_depth);
			}
		} else if (tag == DW_TAG_lexical_block || tag == DW_TAG_namespace ||
			   tag == DW_TAG_module || tag == DW_TAG_try_block ||
			   tag == DW_TAG_catch_block) {
			walk(u, &child, parent, depth, files, nesting + 1, child_var_depth);
		}
		more = dwarf_siblingof(&child, &child);
	} while (more == 0);
	/* why is said now: libdw's last error is another by the time the unit is asked */
	if (more < 0) {
		u->is_bad = true;
		u->error = dwarf_errmsg(-1);
	}
}

/* by lo, depth, then DIE order: whichever DIEs were walked first */
static int cmp_range(const void *a, const void *b, void *unit)
{
	const struct range *x = a, *y = b;
	const struct unit *u = unit;

	if (x->lo != y->lo)
		return x->lo < y->lo ? -1 : 1;
	if (x->depth != y->depth)
		return x->depth < y->depth ? -1 : 1;
	Dwarf_Off dx = u->node_dies[x->node], dy = u->node_dies[y->node];
	return dx < dy ? -1 : dx > dy;
}

static void sort_ranges(struct unit *u)
{
	if (u->n_ranges > 1)
		qsort_r(u->ranges, u->n_ranges, sizeof(*u->ranges), cmp_range, u);
}

/* the inside of pending function p */
static void walk_pending(struct unit *u, struct pending *p)
{
	Dwarf_Die die;

	p->is_walked = true;
	if (dwarf_offdie(u->dwarf, p->die, &die))
		walk(u, &die, p->node, 1, u->files, p->nesting, -1);
}

/* The insides of the functions at file scope holding pc, before pc is looked up: of
 * those of every function, only theirs can hold it (an inlined call is inside its
 * caller). When none holds pc (a nested function, outside its parent), every one. */
static void walk_holding(struct unit *u, Dwarf_Addr pc)
{
	bool is_held = false, is_new = false;
	size_t n_before = u->n_ranges;

	if (u->pending == NULL)
		return;
	for (size_t i = 0; i < n_before; i++) {
		const struct range *r = &u->ranges[i];
		if (r->depth != 0 || r->lo > pc || pc >= r->hi)
			continue;
		is_held = true;
		/* the pending of that node: by DIE order, as node order */
		size_t lo = 0, hi = u->n_pending;
		while (lo < hi) {
			size_t mid = lo + (hi - lo) / 2;
			if (u->pending[mid].node < r->node)
				lo = mid + 1;
			else
				hi = mid;
		}
		if (lo < u->n_pending && u->pending[lo].node == r->node &&
		    !u->pending[lo].is_walked) {
			walk_pending(u, &u->pending[lo]);
			is_new = true;
		}
	}
	if (!is_held) {
		for (size_t i = 0; i < u->n_pending; i++)
			if (!u->pending[i].is_walked)
				walk_pending(u, &u->pending[i]);
		free(u->pending);
		u->pending = NULL;
		is_new = true;
	}
	if (is_new)
		sort_ranges(u);
}

static struct unit *get_unit(struct objfile *o, Dwarf_Die *cu)
{
	char key[32];
	struct unit *u;
	Dwarf_Files *files;
	uint64_t off = dwarf_dieoffset(cu);

	/* the unit of the last lookup, most often this one's: no key to format and find */
	if (o->scope_last && o->scope_last_offset == off)
		return o->scope_last;
	snprintf(key, sizeof(key), "%" PRIx64, off);
	if (o->scope_units == NULL)
		o->scope_units = hash_new(unit_free);
	else if ((u = hash_find(o->scope_units, key))) {
		o->scope_last = u;
		o->scope_last_offset = off;
		return u;
	}
	u = xcalloc(1, sizeof(*u));
	if (dwarf_getsrcfiles(cu, &files, NULL) != 0)
		files = NULL;
	u->is_deep = !o->is_vmlinux;
	u->files = files;
	u->dwarf = dwarf_cu_getdwarf(cu->cu);
	/* kdecode index wants every function's scopes and variables: all walked at once */
	if (!o->is_scope_vars)
		u->pending = xreallocarray(NULL, u->pending_alloc = 64, sizeof(*u->pending));
	walk(u, cu, -1, 0, files, 0, o->is_scope_vars ? 0 : -1);
	sort_ranges(u);
	hash_add(o->scope_units, key, u);
	o->scope_last = u;
	o->scope_last_offset = off;
	return u;
}

int scopes_at(struct objfile *o, Dwarf_Die *cu, Dwarf_Addr pc, const struct scope **chain,
	      const char **error)
{
	struct unit *u = get_unit(o, cu);
	long best = -1;

	walk_holding(u, pc);
	size_t lo = 0, hi = u->n_ranges;
	if (u->is_bad && u->n_ranges == 0) {
		*error = u->error;
		return -1;
	}
	/* the ranges that start at or before pc: of those holding it, the deepest, looked for
	 * back to the subprogram holding it (an inlined call starts inside its caller) */
	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		if (u->ranges[mid].lo <= pc)
			lo = mid + 1;
		else
			hi = mid;
	}
	for (size_t i = lo; i-- > 0;) {
		const struct range *r = &u->ranges[i];
		if (pc >= r->hi)
			continue;
		if (best < 0 || r->depth > u->ranges[best].depth)
			best = (long)i;
		if (r->depth == 0)
			break;
	}
	size_t n = 0;
	for (long node = best >= 0 ? (long)u->ranges[best].node : -1; node >= 0;
	     node = u->parents[node]) {
		ARRAY_GROW(u->chain, n, u->chain_alloc);
		u->chain[n++] = u->nodes[node];
		if (!u->nodes[node].is_inlined)
			break;
	}
	*chain = u->chain;
	return (int)n;
}

void scopes_free(struct objfile *o)
{
	hash_free(o->scope_units);
	o->scope_units = NULL;
	o->scope_last = NULL;
}

void scopes_keep_variables(struct objfile *o)
{
	if (o->is_scope_vars)
		return;
	scopes_free(o);
	o->is_scope_vars = true;
}

size_t scopes_variables(struct objfile *o, Dwarf_Die *cu, const struct objvar **vars)
{
	const struct unit *u = get_unit(o, cu);

	*vars = u->vars;
	return u->n_vars;
}

void scopes_bounds(struct objfile *o, Dwarf_Die *cu, Dwarf_Addr bias,
		   void (*add)(void *data, uint64_t address), void *data)
{
	const struct unit *u = get_unit(o, cu);

	for (size_t i = 0; i < u->n_ranges; i++) {
		add(data, u->ranges[i].lo + bias);
		add(data, u->ranges[i].hi + bias);
	}
}
