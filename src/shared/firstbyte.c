// SPDX-License-Identifier: LGPL-2.1-or-later
/* firstbyte.c: a table of prefixes indexed by their first byte. */
#include <stdlib.h>

#include "firstbyte.h"
#include "util.h"

struct build {
	struct firstbyte *x;
	const void *table;
	size_t n;
	const char *(*prefix)(const void *table, size_t i);
};

static void build(void *arg)
{
	const struct build *b = arg;
	struct firstbyte *x = b->x;
	size_t count[256] = { 0 }, at[256], n_empty = 0, total = 0;

	/* an empty prefix may start any line: it is a candidate under every byte */
	for (size_t i = 0; i < b->n; i++) {
		unsigned char c = (unsigned char)b->prefix(b->table, i)[0];
		if (c == '\0')
			n_empty++;
		else
			count[c]++;
	}
	for (size_t c = 0; c < 256; c++) {
		x->start[c] = (uint16_t)total;
		at[c] = total;
		total += count[c] + n_empty;
	}
	x->start[256] = (uint16_t)total;
	x->order = xcalloc(total + 1, sizeof(*x->order));
	/* in table order under each byte */
	for (size_t i = 0; i < b->n; i++) {
		unsigned char c = (unsigned char)b->prefix(b->table, i)[0];
		if (c != '\0')
			x->order[at[c]++] = (uint16_t)i;
		else
			for (size_t d = 0; d < 256; d++)
				x->order[at[d]++] = (uint16_t)i;
	}
}

void firstbyte_index(struct firstbyte *x, const void *table, size_t n,
		     const char *(*prefix)(const void *table, size_t i))
{
	struct build b = { x, table, n, prefix };

	once(&x->is_built, build, &b);
}

void firstbyte_free(struct firstbyte *x)
{
	free(x->order);
	x->order = NULL;
	atomic_store(&x->is_built, false);
}
