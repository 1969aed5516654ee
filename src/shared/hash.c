// SPDX-License-Identifier: LGPL-2.1-or-later
/* hash.c: a string-keyed hash table (open addressing, linear probing) of void * values. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "hash.h"
#include "util.h"

struct entry {
	char *key;
	void *value;
	uint32_t hash;
};

struct hash {
	struct entry *entries;
	size_t size; /* a power of two */
	size_t count;
	void (*free_value)(void *value);
};

/* FNV-1a: short keys (symbol and module names), no adversary worth a keyed hash */
static uint32_t hash_str(const char *s)
{
	uint32_t h = 2166136261u;

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

struct hash *hash_new(void (*free_value)(void *value))
{
	struct hash *h = xcalloc(1, sizeof(*h));

	h->size = 16;
	h->entries = xcalloc(h->size, sizeof(*h->entries));
	h->free_value = free_value;
	return h;
}

void hash_free(struct hash *h)
{
	if (h == NULL)
		return;
	for (size_t i = 0; i < h->size; i++) {
		if (h->entries[i].key == NULL)
			continue;
		free(h->entries[i].key);
		if (h->free_value)
			h->free_value(h->entries[i].value);
	}
	free(h->entries);
	free(h);
}

static struct entry *slot(const struct hash *h, const char *key, uint32_t hv)
{
	size_t mask = h->size - 1;

	for (size_t i = hv & mask;; i = (i + 1) & mask) {
		struct entry *e = &h->entries[i];
		if (e->key == NULL || (e->hash == hv && streq(e->key, key)))
			return e;
	}
}

static void grow(struct hash *h)
{
	struct entry *old = h->entries;
	size_t old_size = h->size;

	h->size *= 2;
	h->entries = xcalloc(h->size, sizeof(*h->entries));
	for (size_t i = 0; i < old_size; i++)
		if (old[i].key)
			*slot(h, old[i].key, old[i].hash) = old[i];
	free(old);
}

void hash_add(struct hash *h, const char *key, void *value)
{
	if ((h->count + 1) * 4 > h->size * 3)
		grow(h);
	uint32_t hv = hash_str(key);
	struct entry *e = slot(h, key, hv);
	if (e->key) {
		if (h->free_value && e->value != value)
			h->free_value(e->value);
		e->value = value;
		return;
	}
	e->key = xstrdup(key);
	e->value = value;
	e->hash = hv;
	h->count++;
}

void *hash_find(const struct hash *h, const char *key)
{
	const struct entry *e = slot(h, key, hash_str(key));

	return e->key ? e->value : NULL;
}

bool hash_contains(const struct hash *h, const char *key)
{
	return slot(h, key, hash_str(key))->key != NULL;
}

size_t hash_count(const struct hash *h)
{
	return h->count;
}

bool hash_next(const struct hash *h, size_t *pos, const char **key, void **value)
{
	for (; *pos < h->size; (*pos)++) {
		const struct entry *e = &h->entries[*pos];
		if (e->key == NULL)
			continue;
		(*pos)++;
		if (key)
			*key = e->key;
		if (value)
			*value = e->value;
		return true;
	}
	return false;
}
