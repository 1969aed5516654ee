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
struct Elf;
struct index;
struct unit;
struct scope;
struct snapshot_module;

/* a symbol; also the record of a vmlinux's index (index.c), read from it as it is */
struct objsym {
	uint64_t address;	/* in the object's own layout (libdwfl places ET_REL sections) */
	uint64_t size;		/* st_size */
	uint64_t span;		/* to the next symbol, as kallsyms measures; 0 when last */
	uint32_t name;		/* where its name is in the objfile's names: objsym_name() */
	uint32_t shndx;		/* its section in the object */
	uint32_t rank;		/* its place among the kept symbols in symbol table order */
	uint32_t is_object;	/* STT_OBJECT: data */
};

/* a source file of the symbol table (STT_FILE): where the text of its first local
 * function is, which tells its compile unit */
struct symfile {
	uint64_t text;
	bool has_text;
};

/* a DWARF variable with a static address (DW_OP_addr) */
struct objvar {
	uint64_t address;	/* where the objfile's symbols are */
	uint64_t die;		/* its DIE's offset in the objfile's Dwarf */
};

struct objfile {
	char *name;		/* "vmlinux" or the module's name */
	char *path;
	int fd;			/* a .ko.zst decompressed into memory, else -1 */
	bool is_vmlinux;
	bool has_dwarf;
	unsigned int machine;	/* its ELF e_machine (EM_X86_64, EM_AARCH64, ...) */
	char build_id[BUILD_ID_HEX_MAX + 1];	/* "" when the file has none */
	uint32_t file_ident;	/* tells it from other files of its build: its index's name */
	struct Dwfl *dwfl;	/* one Dwfl per file: modules never share an address space */
	struct Dwfl_Module *mod;
	const struct snapshot_module *place;	/* sections placed at these addresses, or NULL:
						 * libdwfl's own offline layout */
	struct snapshot_module *own_place;	/* place, when o made it (debuginfo_open_apart) */
	struct objsym *syms;	/* sorted by address; a vmlinux index's own table, mapped */
	size_t n_syms;
	bool is_syms_mapped;	/* syms is not o's to free */
	struct symfile *sym_files;	/* the symbol table's source files (STT_FILE), in order */
	size_t n_sym_files;
	uint32_t *sym_file_of;	/* by rank: a local symbol's file, its number + 1; 0 for a
				 * global (both read from the ELF file only, not an index) */
	const char *sym_names;	/* the symbols' names, NUL-terminated: o's own, one after
				 * another, or the ELF file's .strtab, as mapped */
	size_t n_sym_names;	/* bytes: a name starts below, and ends before the end */
	char *own_names;	/* sym_names, when o made them */
	bool is_names_ranked;	/* sym_names has a name for each symbol, in rank order */
	struct symname *by_name; /* the names, by hash: made when first asked for (a vmlinux
				  * read from its index asks the index's names) */
	uint32_t *by_name_syms;	/* the symbol of each, in the same order */
	size_t n_by_name;
	struct index *index;	/* read from its index (index.h) rather than its DWARF */
	struct objvar *vars;	/* sorted by address; built by debuginfo_variable() */
	size_t n_vars;
	bool has_vars;
	struct var_lookup *var_lookup;	/* variables.c's, for lookups before that walk */
	char *banner;		/* debuginfo_banner(), once read */
	bool has_banner_read;
	char *vermagic;		/* debuginfo_vermagic(), once read */
	bool has_vermagic_read;
	struct hash *scope_units; /* scopes.c's tables, by compile unit */
	bool is_scope_vars;	/* each unit's variables kept with its scopes too */
	struct unit *scope_last;	/* the one last looked up, at this unit offset */
	uint64_t scope_last_offset;
	const void *locate_unit;	/* debuginfo_locate()'s last unit DIE, its name and */
	const char *locate_name, *locate_comp_dir;	/* comp dir (libdw's strings) */
	struct Elf *file_elf;	/* debuginfo_file_elf(), once opened */
	int file_fd;
	bool has_file_elf;
};

/* a symbol's name ("?" when its index is damaged) */
static inline const char *objsym_name(const struct objfile *o, const struct objsym *s)
{
	return s->name < o->n_sym_names ? o->sym_names + s->name : "?";
}

/* The vmlinux for a kernel release (NULL: unknown) and build ID (NULL: unknown), from -k
 * or where find.c finds it (the release's places under --sysroot, the build-ID path,
 * debuginfod). Returns 0, -ENOENT when there is none (frames stay unresolved), or another
 * -errno when a file could not be read; *why then says so, valid until debuginfo_free().
 * Each problem is logged once per run, not once per frame. */
int debuginfo_vmlinux(struct kdecode_ctx *ctx, const char *release, const char *build_id,
		      struct objfile **out, const char **why) _must_check_ _nonnull_(1, 4, 5);
/* The same for a module, by name ("-" and "_" alike) and build ID (NULL: unknown), from
 * -m DIRs, depmod's choice, the release's dirs, the build-ID path and debuginfod.
 * With place (a snapshot's record of it), each section sits where the snapshot saw it
 * and symbols have their runtime addresses; without, libdwfl's offline layout. */
int debuginfo_module(struct kdecode_ctx *ctx, const char *release, const char *name,
		     const char *build_id, const struct snapshot_module *place,
		     struct objfile **out, const char **why) _must_check_ _nonnull_(1, 3, 6, 7);
/* The vmlinux (ET_EXEC or ET_DYN) or module (ET_REL) at path, from its own DWARF (no
 * index) and in libdwfl's layout, for kdecode index; closed by debuginfo_close(). Returns
 * 0 or -errno, *why (the caller's to free) then saying why. */
int debuginfo_open(struct kdecode_ctx *ctx, const char *path, struct objfile **out, char **why)
	_must_check_ _nonnull_(1, 2, 3, 4);
void debuginfo_close(struct objfile *o);
/* Is path (-k) a vmlinux that can be read: 0, or -errno and *why (the caller's to free),
 * before any input is read rather than once the output is written */
int debuginfo_check_vmlinux(const char *path, char **why) _nonnull_(1, 2);
/* A module's twin, opened as debuginfo_open() does but with each section placed apart
 * from the others (a gap after each): there, the end of a section is no other's start,
 * as in most snapshots' layouts; index.c asks it what a placed module's sections hold */
int debuginfo_open_apart(struct kdecode_ctx *ctx, const struct objfile *o,
			 struct objfile **out, char **why) _must_check_ _nonnull_(1, 2, 3, 4);
/* every symbol called name, as indices into o->syms; *idx is valid until debuginfo_free() */
size_t debuginfo_symbols(struct objfile *o, const char *name, const uint32_t **idx)
	_nonnull_(1, 2, 3);
/* The symbol of section shndx that holds address, the section starting at section_start:
 * the last one at or below it, as kallsyms counts (a data object only up to its size);
 * NULL when the section has none there (a string in .rodata.str1.1) */
const struct objsym *debuginfo_symbol_in(const struct objfile *o, uint64_t address,
					 uint64_t section_start, uint32_t shndx) _nonnull_(1);
/* a section of an object, and where an address is in it */
struct objsection {
	const char *name;	/* valid until debuginfo_free() */
	size_t shndx;
	uint64_t start;		/* its address in o's layout (vmlinux: sh_addr) */
	uint64_t offset;	/* of the address looked up, into it */
	uint64_t flags;		/* sh_flags */
	uint32_t type;		/* sh_type */
};

/* The section of o holding address (in o's layout), into *s; false when none does */
bool debuginfo_section(const struct objfile *o, uint64_t address, struct objsection *s)
	_nonnull_(1, 3);

/* what the debug info says of an address; strings valid until debuginfo_free() */
struct objloc {
	const char *unit;	/* its compile unit's name, NULL when no unit holds it */
	const char *comp_dir;	/* the unit's DW_AT_comp_dir, or NULL */
	const char *file;	/* of its line table row, NULL when there is none */
	int line, col;
	/* the function scopes holding it, innermost first (scopes.h): 0 when no function
	 * DIE does (assembly), -1 when libdw rejects the unit's DIEs (error says why) */
	int n_scopes;
	const struct scope *scopes;	/* valid until the next call */
	const char *error;
};

/* the line, unit and inline chain at pc (in o's layout) */
void debuginfo_locate(struct objfile *o, uint64_t pc, struct objloc *loc) _nonnull_(1, 3);

/* the bytes of o's file at address (in o's layout), as far as the section holding it
 * goes (*avail of them); NULL when no section with bytes in the file holds it */
const char *debuginfo_bytes(struct objfile *o, uint64_t address, size_t *avail)
	_nonnull_(1, 3);
/* vmlinux's linux_banner ("Linux version 6.1.0-57-cloud-amd64 (...) #1 SMP ... Debian
 * 6.1.192-3 (2026-04-01)"), without its newline; NULL when the file has none to read (a
 * separate debug file holds no .rodata) */
const char *debuginfo_banner(struct objfile *o) _nonnull_(1);
/* a module's "vermagic=" from .modinfo ("6.1.0-57-cloud-amd64 SMP preempt mod_unload
 * modversions"), or NULL */
const char *debuginfo_vermagic(struct objfile *o) _nonnull_(1);
/* o's file as it is on disk (decompressed), or NULL: libdwfl relocates the sections of a
 * module it lays out, and drops the relocations it applied; this one has them all */
struct Elf *debuginfo_file_elf(struct objfile *o) _nonnull_(1);
/* Up to size bytes of o's code or data at address (in o's layout) into buf, as the file
 * holds them (a module's not relocated), as far as the section holding address goes;
 * *ndx and *offset say which section and where in it. Returns how many were read: 0 when
 * no section with bytes in the file holds address (a separate debug file's are
 * SHT_NOBITS). */
size_t debuginfo_read(struct objfile *o, uint64_t address, void *buf, size_t size,
		      size_t *ndx, uint64_t *offset) _nonnull_(1, 3, 5, 6);
/* The paths of the files this run read from their DWARF, with a build ID, each build
 * once, into *paths (the caller's to free, each and all); returns how many */
size_t debuginfo_unindexed(struct kdecode_ctx *ctx, char ***paths) _nonnull_(1, 2);
void debuginfo_free(struct debuginfo *di);
