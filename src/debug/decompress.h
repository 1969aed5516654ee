/* SPDX-License-Identifier: GPL-2.0-or-later */
/* decompress.h: .ko.zst, which libdw (0.188, Debian 12) cannot read, into memory. */
#pragma once

#include <stdbool.h>

#include "shared/macro.h"

/* does libdwfl need us to decompress path first (by its name: .zst) */
bool decompress_is_needed(const char *path) _nonnull_(1);
/* path decompressed into an anonymous file: 0 and *fd (caller closes, at offset 0), or
 * -errno and *why (caller frees). Output stops at DECOMPRESS_MAX bytes: a zstd bomb is
 * refused, not written out. */
#define DECOMPRESS_MAX (1ULL << 30)
int decompress_zstd(const char *path, int *fd, char **why) _must_check_ _nonnull_(1, 2, 3);
