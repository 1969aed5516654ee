// SPDX-License-Identifier: GPL-2.0-or-later
/* test-util.c: radix_sort_u64() against a stable sort, for both of its ways (elements of
 * a key and eight bytes, sorted themselves; larger ones, by keys then moved in place). */
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "shared/util.h"
#include "unit.h"

/* as struct symname: the key first, sixteen bytes */
struct small {
	uint64_t key;
	uint32_t order, pad;
};

/* as struct objsym: the key inside forty bytes */
struct large {
	uint64_t before, key, after;
	uint32_t order, pad[3];
};

static uint64_t state = 0x243f6a8885a308d3u;

static uint64_t next_random(void)
{
	state ^= state << 13;
	state ^= state >> 7;
	state ^= state << 17;
	return state;
}

/* keys of kind k: random; few distinct (a stable sort's ties); vmlinux-like, two
 * clusters far apart (passes over bits they all share are skipped, some not); sorted;
 * sorted backwards */
static uint64_t make_key(int kind, size_t i, size_t n)
{
	switch (kind) {
	case 0:
		return next_random();
	case 1:
		return next_random() % 5;
	case 2:
		return next_random() % 10 ? 0xffffffff81000000u + next_random() % 0x2800000
					  : next_random() % 0x34000;
	case 3:
		return i;
	default:
		return n - i;
	}
}

/* a is sorted by key, those of one key in the order they were made: the first place
 * where it is not (one failure a case, not one an element) */
#define CHECK_SORTED(a, n, kind)                                                        \
	do {                                                                            \
		size_t i_ = 1;                                                          \
		while (i_ < (n) && ((a)[i_ - 1].key < (a)[i_].key ||                    \
				    ((a)[i_ - 1].key == (a)[i_].key &&                  \
				     (a)[i_ - 1].order < (a)[i_].order)))               \
			i_++;                                                           \
		CHECK(i_ >= (n), "kind %d, n %zu: out of order at %zu", kind, (size_t)(n), i_); \
	} while (0)

static void check_sizes(size_t n)
{
	struct small *s = calloc(n + 1, sizeof(*s));
	struct large *l = calloc(n + 1, sizeof(*l));
	uint64_t sum_before = 0, sum_after = 0;

	for (int kind = 0; kind < 5; kind++) {
		for (size_t i = 0; i < n; i++) {
			uint64_t key = make_key(kind, i, n);
			s[i] = (struct small){ key, (uint32_t)i, 0 };
			l[i] = (struct large){ ~key, key, key * 3, (uint32_t)i, { 0 } };
		}
		radix_sort_u64(s, n, sizeof(*s), offsetof(struct small, key));
		radix_sort_u64(l, n, sizeof(*l), offsetof(struct large, key));
		CHECK_SORTED(s, n, kind);
		CHECK_SORTED(l, n, kind);
		/* each element whole and once: every order is there, the rest moved with it */
		uint8_t *seen = calloc(n + 1, 1);
		size_t torn = 0, twice = 0;
		for (size_t i = 0; i < n; i++) {
			torn += l[i].before != ~l[i].key || l[i].after != l[i].key * 3;
			if (l[i].order < n)
				seen[l[i].order]++;
			sum_before += i;
			sum_after += s[i].order;
		}
		for (size_t i = 0; i < n; i++)
			twice += seen[i] != 1;
		CHECK(torn == 0, "kind %d, n %zu: %zu elements torn", kind, n, torn);
		CHECK(twice == 0, "kind %d, n %zu: %zu elements not there once", kind, n, twice);
		free(seen);
	}
	CHECK(sum_before == sum_after, "n %zu: the small elements are not each there once", n);
	free(s);
	free(l);
}

int main(void)
{
	static const size_t sizes[] = { 0, 1, 2, 3, 17, 1000, 150000 };

	for (size_t i = 0; i < sizeof(sizes) / sizeof(*sizes); i++)
		check_sizes(sizes[i]);
	return unit_exit();
}
