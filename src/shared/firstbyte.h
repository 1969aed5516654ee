/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* firstbyte.h: a table of prefixes indexed by their first byte, so that a line is tried
 * against the few entries it can match instead of all of them, in the table's order. */
#pragma once

#include <stddef.h>
#include <stdint.h>

#include "macro.h"
#include "once.h"

struct firstbyte {
	atomic_bool is_built;
	uint16_t start[257];	/* entries of first byte b: order[start[b] .. start[b + 1]) */
	uint16_t *order;	/* table indices; an empty prefix's under every byte */
};

void firstbyte_index(struct firstbyte *x, const void *table, size_t n,
		     const char *(*prefix)(const void *table, size_t i)) _nonnull_(1, 4);
/* Index the n prefixes prefix(table, i) (n < 65536), once: later calls do nothing */
static inline void firstbyte_build(struct firstbyte *x, const void *table, size_t n,
				   const char *(*prefix)(const void *table, size_t i))
{
	if (!atomic_load_explicit(&x->is_built, memory_order_acquire))
		firstbyte_index(x, table, n, prefix);
}
/* the table indices whose prefix may start s, in table order, and how many */
static inline size_t firstbyte_candidates(const struct firstbyte *x, const char *s,
					  const uint16_t **out)
{
	unsigned char c = (unsigned char)s[0];

	*out = x->order + x->start[c];
	return (size_t)(x->start[c + 1] - x->start[c]);
}
void firstbyte_free(struct firstbyte *x) _nonnull_(1);
