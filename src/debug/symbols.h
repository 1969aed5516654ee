/* SPDX-License-Identifier: GPL-2.0-or-later */
/* symbols.h: an object's symbol table, as kallsyms would print it: read from its ELF
 * file, sorted by address, and indexed by name (debuginfo_symbols(),
 * debuginfo_symbol_in() in debuginfo.h look them up). */
#pragma once

#include <stdbool.h>

#include "shared/macro.h"

struct objfile;

/* o's symbols from its ELF file into o->syms and o->sym_names: every named function,
 * object and asm label, sorted by address, with kallsyms-style spans. Decoding
 * (is_decoding), a vmlinux's are read straight from its .symtab where that gives what
 * libdwfl gives, and those of a file with many (a vmlinux) are indexed by name too (the
 * first frame asks them), while other threads sort them and have libdw read
 * .debug_aranges (the first address asks it). */
void symbols_read(struct objfile *o, bool is_decoding) _nonnull_(1);
/* o's symbols sorted by address, with kallsyms-style spans; their names are indexed
 * again when next asked for */
void symbols_finish(struct objfile *o) _nonnull_(1);
