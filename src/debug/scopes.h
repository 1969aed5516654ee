/* SPDX-License-Identifier: GPL-2.0-or-later */
/* scopes.h: the inline chain at an address, from a table of each compile unit's function
 * and inlined-call ranges, built once per unit (instead of a DIE walk per address). */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <elfutils/libdw.h>

#include "shared/macro.h"

struct objfile;
struct objvar;

/* one function of a chain */
struct scope {
	const char *name;	/* libdw's string: valid until the objfile is freed */
	bool is_inlined;	/* a DW_TAG_inlined_subroutine: called from the next one */
	const char *call_file;	/* where the next one calls it, NULL when not known */
	int call_line, call_col;
};

/* The function scopes holding pc (an address in cu's own terms: the module's minus its
 * bias) in compile unit cu of o, innermost first, into *chain (valid until the next call).
 * Returns how many: 0 when no function DIE holds pc (assembly), -1 when libdw rejects the
 * unit's DIEs (*error then says why, as libdw said when the unit was read: whatever was
 * asked in between, in whichever process). */
int scopes_at(struct objfile *o, Dwarf_Die *cu, Dwarf_Addr pc, const struct scope **chain,
	      const char **error) _nonnull_(1, 2, 4, 5);
/* a DIE's name, or its linkage name, or "??" */
const char *scopes_die_name(Dwarf_Die *die) _nonnull_(1);
/* each bound (lo and hi, plus bias) of each function scope of compile unit cu, to add:
 * where scopes_at()'s answer may change (index.c) */
void scopes_bounds(struct objfile *o, Dwarf_Die *cu, Dwarf_Addr bias,
		   void (*add)(void *data, uint64_t address), void *data) _nonnull_(1, 2, 4);
/* From now on, the walk of each unit of o for its scopes keeps its variables too (for
 * scopes_variables()); the tables made before are dropped. Decoding does not: a
 * variable's location is parsed into libdw's tables, which it need not grow. */
void scopes_keep_variables(struct objfile *o) _nonnull_(1);
/* the variables with a static address of compile unit cu of o, in DIE order, as
 * debuginfo_variable() finds them (their addresses in cu's own terms): those at file
 * scope, and for a module those in functions too; found as the unit's scopes are, in
 * the same walk, once scopes_keep_variables() has been called (none before). Valid
 * until scopes_free(). */
size_t scopes_variables(struct objfile *o, Dwarf_Die *cu, const struct objvar **vars)
	_nonnull_(1, 2, 3);
/* die's location, when it is one static address (DW_OP_addr): a variable
 * debuginfo_variable() finds */
bool scopes_static_address(Dwarf_Die *die, Dwarf_Addr *address) _nonnull_(1, 2);
/* the tables of o, at its end */
void scopes_free(struct objfile *o) _nonnull_(1);
