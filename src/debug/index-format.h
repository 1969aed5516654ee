/* SPDX-License-Identifier: GPL-2.0-or-later */
/* index-format.h: the per-build index on disk, which index.c reads and index-write.c
 * writes. One file per build, "<build ID>-<file ident>.kdx":
 *
 *   header (magic, version, byte order, size, build ID, table offsets, CRC-32 of itself)
 *   strings   NUL-terminated, referred to by offset
 *   sections  every section of the file: name, type, flags, size, layout address
 *   symbols   struct objsym, as debuginfo.c keeps them (kallsyms' choice of symbols)
 *   names     vmlinux only: the symbols sorted by name, for lookups without a hash
 *   ranges    (section, offset) -> location: where the answer of debuginfo_locate() changes
 *   locations line, unit and a chain of scopes; scopes: the inline chains
 *   variables (section, offset) -> name, type and declaration
 *   range top every RANGE_BLOCKth range, read whole: one read of a block a lookup */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "debug/debuginfo.h"

#define INDEX_MAGIC "KDECODEX"
#define INDEX_VERSION 5
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

static const size_t index_record_size[T_COUNT] = {
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

/* "<dir>/<build ID>-<file ident>.kdx", or NULL when build_id is no hex; the caller frees */
char *index_path(const char *dir, const char *build_id, uint32_t ident) _nonnull_(1, 2);
/* why h (of a file of size bytes) is no sound index of that build and file, or NULL */
const char *index_check_header(const struct disk_header *h, size_t size,
			       const char *build_id, uint32_t ident) _nonnull_(1, 3);
