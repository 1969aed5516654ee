/* SPDX-License-Identifier: GPL-2.0-or-later */
/* variables.h: the DWARF variable a data address is (name, type, declaration), from a
 * walk of an object's compile units. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/macro.h"

struct kdecode_ctx;
struct objfile;
struct objvar;

/* a DWARF variable with a static address */
struct objvariable {
	const char *name;	/* valid until debuginfo_free() */
	char *type;		/* "struct list_head", "const char *": the caller's to free */
	const char *file;	/* where it is declared, or NULL */
	const char *comp_dir;	/* its unit's DW_AT_comp_dir, or NULL */
	unsigned int line;
};

/* The variable at address (a data symbol's, in o's layout) into *v; false when none.
 * Modules are searched whole, vmlinux only at file scope (a static inside a function is
 * not found there). It is looked for in the few units its symbols point to first
 * (variables_choose()); when it is not there, in every unit, which takes 0.3 s of CPU
 * for a 590 MB vmlinux, shared with a second process (none with an index: index.h). */
bool debuginfo_variable(struct objfile *o, uint64_t address, struct objvariable *v)
	_nonnull_(1, 3);
/* The variables that debuginfo_variable() finds (o from its DWARF, its scopes walked
 * with their variables: scopes_keep_variables()), of the compile units whose headers
 * are at offsets from..to (UINT64_MAX: to the end) only, an address once with the DIE
 * variables_choose() takes of the units' variables there: into *vars, sorted by
 * address (the caller frees it); returns how many. The same address in two spans of
 * units: variables_choose() of the two spans' DIEs. */
size_t debuginfo_unit_variables(struct objfile *o, uint64_t from, uint64_t to,
				struct objvar **vars) _nonnull_(1, 4);
/* what debuginfo_variable() says of the variable whose DIE is at offset die (0: none) */
bool debuginfo_variable_die(struct objfile *o, uint64_t die, struct objvariable *v)
	_nonnull_(1, 3);
/* Of the n variables at address (in o's layout: their DIEs, in DIE order), the one taken:
 * the last of those in the units the address's symbols point to (their source files',
 * or for a global symbol its neighbours'), else the last; 0 when n is 0. Of a symbol's
 * own variable and a zero-sized neighbour's at the same address, the symbol's is then
 * likelier. */
uint64_t variables_choose(struct objfile *o, uint64_t address, const struct objvar *v,
			  size_t n) _nonnull_(1);
/* o's variables and lookups, at its end */
void variables_free(struct objfile *o) _nonnull_(1);
