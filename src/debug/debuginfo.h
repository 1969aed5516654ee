/* SPDX-License-Identifier: GPL-2.0-or-later */
/* debuginfo.h: find and open vmlinux and .ko files (paths, build IDs) and index their symbols. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "report/frame.h"
#include "kdecode.h"

struct Dwfl;
struct Dwfl_Module;
struct snapshot_module;

struct objsym {
	const char *name;	/* libelf's string: valid until debuginfo_free() */
	uint64_t address;	/* in the object's own layout (libdwfl places ET_REL sections) */
	uint64_t size;		/* st_size */
	uint64_t span;		/* to the next symbol, as kallsyms measures; 0 when last */
	uint32_t shndx;		/* its section in the object */
	bool is_object;		/* STT_OBJECT: data */
};

/* a DWARF variable with a static address (DW_OP_addr) */
struct objvar {
	uint64_t address;	/* where the objfile's symbols are */
	uint64_t die;		/* its DIE's offset in the objfile's Dwarf */
};

struct objfile {
	char *name;		/* "vmlinux" or the module's name */
	char *path;
	bool is_vmlinux;
	bool has_dwarf;
	unsigned int machine;	/* its ELF e_machine (EM_X86_64, EM_AARCH64, ...) */
	char build_id[BUILD_ID_HEX_MAX + 1];	/* "" when the file has none */
	struct Dwfl *dwfl;	/* one Dwfl per file: modules never share an address space */
	struct Dwfl_Module *mod;
	const struct snapshot_module *place;	/* sections placed at these addresses, or NULL:
						 * libdwfl's own offline layout */
	struct objsym *syms;	/* sorted by address */
	size_t n_syms;
	struct hash *by_name;	/* name -> struct symlist */
	struct objvar *vars;	/* sorted by address; built by debuginfo_variable() */
	size_t n_vars;
	bool has_vars;
};

/* The vmlinux for a kernel release (NULL: unknown), from -k or the usual places under
 * --root. Returns 0, -ENOENT when there is none (frames stay unresolved), or another
 * -errno when a file could not be read; *why then says so, valid until debuginfo_free().
 * Each problem is logged once per run, not once per frame. */
int debuginfo_vmlinux(struct kdecode_ctx *ctx, const char *release, struct objfile **out,
		      const char **why) _must_check_ _nonnull_(1, 3, 4);
/* The same for a module, by name ("-" and "_" alike), from -m DIRs and the release's dirs.
 * With place (a snapshot's record of it), each section sits where the snapshot saw it
 * and symbols have their runtime addresses; without, libdwfl's offline layout. */
int debuginfo_module(struct kdecode_ctx *ctx, const char *release, const char *name,
		     const struct snapshot_module *place, struct objfile **out, const char **why)
	_must_check_ _nonnull_(1, 3, 5, 6);
/* every symbol called name, as indices into o->syms; *idx is valid until debuginfo_free() */
size_t debuginfo_symbols(const struct objfile *o, const char *name, const size_t **idx)
	_nonnull_(1, 2, 3);
/* The symbol of section shndx that holds address, the section starting at section_start:
 * the last one at or below it, as kallsyms counts (a data object only up to its size);
 * NULL when the section has none there (a string in .rodata.str1.1) */
const struct objsym *debuginfo_symbol_in(const struct objfile *o, uint64_t address,
					 uint64_t section_start, uint32_t shndx) _nonnull_(1);
/* The DIE offset of the variable at address, 0 when none. Modules are searched whole,
 * vmlinux only at file scope (a static inside a function is not found there): the first
 * call indexes the file, which takes 0.6 s for a 590 MB vmlinux. */
uint64_t debuginfo_variable(struct objfile *o, uint64_t address) _nonnull_(1);
void debuginfo_free(struct debuginfo *di);
