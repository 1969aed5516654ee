/* SPDX-License-Identifier: GPL-2.0-or-later */
/* index-write.h: writing the per-build indexes (index.h) from the DWARF, for kdecode index
 * and after a decoding. */
#pragma once

#include <stddef.h>

#include "debug/debuginfo.h"
#include "kdecode.h"

/* Write the index of o (opened from its DWARF, with a build ID) into dir, through a
 * temporary file renamed into place. Returns 0 or -errno, *why then saying why. */
int index_write(struct kdecode_ctx *ctx, struct objfile *o, const char *dir, char **why)
	_nonnull_(1, 2, 3, 4);
/* dir and its parents, made as needed: 0 or -errno */
int index_make_dir(const char *dir) _nonnull_(1);
/* Write the index of each of paths (sorted and made unique here) that has none in the
 * cache directory, for the runs to come: a notice says how many, -v names each, and a
 * directory that cannot be written is said only with -v. None with --no-cache. */
void index_write_missing(struct kdecode_ctx *ctx, char **paths, size_t n) _nonnull_(1);
