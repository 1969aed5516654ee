/* SPDX-License-Identifier: GPL-2.0-or-later */
/* symbols.h: an object's symbol table, as kallsyms would print it: read from its ELF
 * file, sorted by address, and indexed by name (debuginfo_symbols(),
 * debuginfo_symbol_in() in debuginfo.h look them up). */
#pragma once

#include <stdbool.h>

#include "shared/macro.h"

struct objfile;

/* o's symbols from its ELF file, in symbol table order, into o->syms and o->sym_names:
 * every named function, object and asm label. Decoding (is_decoding), a vmlinux's are
 * read straight from its .symtab where that gives what libdwfl gives. */
void symbols_collect(struct objfile *o, bool is_decoding) _nonnull_(1);
/* o's symbols sorted by address, with kallsyms-style spans; their names are indexed
 * again when next asked for */
void symbols_finish(struct objfile *o) _nonnull_(1);
/* symbols_finish(); decoding (is_decoding) a file read from its DWARF with many
 * symbols (a vmlinux), its names are indexed too (the first frame asks them) and libdw
 * reads .debug_aranges (the first address asks it), both in this thread while a second
 * one sorts the symbols */
void symbols_sort(struct objfile *o, bool is_decoding) _nonnull_(1);
