/* SPDX-License-Identifier: GPL-2.0-or-later */
/* index.h: the per-build index, a file per build ID holding what decoding needs of a
 * vmlinux or .ko (symbols, sections, line table, inline chains, variables), section-relative
 * so that it serves every load address; read instead of the DWARF (index.c). It is written
 * by index-write.c; its format is index-format.h. */
#pragma once

#include <stdbool.h>
#include <stdint.h>

#include "debug/debuginfo.h"
#include "debug/variables.h"
#include "kdecode.h"

struct index;
struct snapshot_module;

/* the directory of the indexes: --cache-dir, else $XDG_CACHE_HOME/kdecode, else
 * ~/.cache/kdecode; NULL with --no-cache or when none can be named. Valid until ctx ends. */
const char *index_cache_dir(struct kdecode_ctx *ctx) _nonnull_(1);

/* The index of the file with build_id (hex), for o (its name, path and place already set):
 * fills o's symbols, machine and has_dwarf and returns true. False when there is none, or
 * when it cannot be trusted (damaged, another version, another build): then *why says so
 * (a notice), else NULL. */
bool index_load(struct kdecode_ctx *ctx, struct objfile *o, const char *build_id, char **why)
	_nonnull_(1, 2, 3, 4);
/* a sound index of build_id and file ident is in dir already (another run wrote it) */
bool index_is_there(const char *dir, const char *build_id, uint32_t ident) _nonnull_(1, 2);
/* For the fuzzer (tests/fuzz/fuzz-index.c): make the header of the size bytes at data
 * name build_id and ident, say its size, and carry the CRC that matches, so that what
 * lies behind the header is what gets tested */
void index_fuzz_header(void *data, size_t size, const char *build_id, uint32_t ident)
	_nonnull_(1, 3);
void index_free(struct index *ix);

/* debuginfo.h's lookups, answered from the index */
bool index_section(const struct index *ix, uint64_t address, struct objsection *s)
	_nonnull_(1, 3);
void index_locate(struct index *ix, uint64_t pc, struct objloc *loc) _nonnull_(1, 3);
bool index_variable(struct index *ix, uint64_t address, struct objvariable *v) _nonnull_(1, 3);
/* symbols by name, as debuginfo_symbols() (vmlinux: from the index's name table) */
size_t index_symbols(const struct index *ix, const char *name, const uint32_t **idx)
	_nonnull_(1, 2, 3);
