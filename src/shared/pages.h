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

/* A thread that gives back the pages of [start, start + len), as pages_release_file()
 * would, every interval_us microseconds until stopped: for a reading that touches each
 * page of a large mapping once, so that they are not all resident at its end. The pages
 * it reads meanwhile are read back from the file where they were given (never written,
 * they read the same). NULL when the memory is no file's; a releaser with no thread (none
 * could start) only gives them back when stopped. */
struct pages_releaser *pages_releaser_start(const void *start, size_t len,
					    unsigned int interval_us) _nonnull_(1);
/* r's thread stopped, the pages given back a last time, and r freed; nothing for NULL */
void pages_releaser_stop(struct pages_releaser *r);

/* Of a line of /proc/self/maps: true when it is the mapping of a file that holds all of
 * [lo, hi). For the unit tests. */
bool pages_maps_line_holds(const char *line, unsigned long lo, unsigned long hi) _nonnull_(1);
