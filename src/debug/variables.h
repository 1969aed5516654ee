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
struct variable_walk;

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
 * not found there): the first call indexes the file, which takes 0.3 s for a 590 MB
 * vmlinux (none with an index: index.h). */
bool debuginfo_variable(struct objfile *o, uint64_t address, struct objvariable *v)
	_nonnull_(1, 3);
/* The variables that debuginfo_variable() finds (o from its DWARF, its scopes walked
 * with their variables: scopes_keep_variables()), of the compile units whose headers
 * are at offsets from..to (UINT64_MAX: to the end) only, an address once with the DIE
 * it takes there (of the units' variables at that address, the last in DIE order):
 * into *vars, sorted by address (the caller frees it); returns how many. The same
 * address in two spans of units: the later span's DIE is the one taken. */
size_t debuginfo_unit_variables(struct objfile *o, uint64_t from, uint64_t to,
				struct objvar **vars) _nonnull_(1, 4);
/* what debuginfo_variable() says of the variable whose DIE is at offset die (0: none) */
bool debuginfo_variable_die(struct objfile *o, uint64_t die, struct objvariable *v)
	_nonnull_(1, 3);
/* A vmlinux read from its DWARF for a report with values: its walk for variables begun
 * in a second process as soon as it is opened (variables_begin_walk()); that walk
 * dropped, its process killed if still there, when the file is closed (NULL: none) */
void variables_begin_walk(struct kdecode_ctx *ctx, struct objfile *o) _nonnull_(1, 2);
void variables_drop_walk(struct variable_walk *vw);
