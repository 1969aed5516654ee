// SPDX-License-Identifier: LGPL-2.1-or-later
/* firstbyte.c: a table of prefixes indexed by their first byte. */
#include <stdlib.h>

#include "firstbyte.h"
#include "util.h"

void firstbyte_index(struct firstbyte *x, const void *table, size_t n,
		     const char *(*prefix)(const void *table, size_t i))
{
	size_t count[256] = { 0 }, at[256], total = 0;

	/* an empty prefix may start any line: it is a candidate under every byte */
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)prefix(table, i)[0];
		for (size_t b = 0; b < 256; b++)
			count[b] += c == '\0' || b == c;
	}
	for (size_t b = 0; b < 256; b++) {
		x->start[b] = (uint16_t)total;
		at[b] = total;
		total += count[b];
	}
	x->start[256] = (uint16_t)total;
	x->order = xcalloc(total + 1, sizeof(*x->order));
	for (size_t i = 0; i < n; i++) {
		unsigned char c = (unsigned char)prefix(table, i)[0];
		for (size_t b = 0; b < 256; b++)
			if (c == '\0' || b == c)
				x->order[at[b]++] = (uint16_t)i;
	}
	x->is_built = true;
}

void firstbyte_free(struct firstbyte *x)
{
	free(x->order);
	x->order = NULL;
	x->is_built = false;
}
