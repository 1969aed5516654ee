/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* pages.h: giving back the pages of a file's mapping that were read once and are done
 * with, so that they no longer count in the resident set. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

/* The whole pages of [start, start + len), unmapped from this process when they all lie
 * in one mapping of a file, which reads them back from the file (its page cache) if they
 * are touched again. Memory of any other kind (malloc's, a decompressed file's) is left
 * as it is, as is a mapping the process may have written to: only a mapping it never
 * writes may be given, since written pages would revert to the file's. False when
 * nothing was given back. */
bool pages_release_file(const void *start, size_t len) _nonnull_(1);

/* Of a line of /proc/self/maps: true when it is the mapping of a file that holds all of
 * [lo, hi). For the unit tests. */
bool pages_maps_line_holds(const char *line, unsigned long lo, unsigned long hi) _nonnull_(1);
