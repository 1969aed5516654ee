/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* hash.h: a string-keyed hash table (open addressing) of void * values. */
#pragma once

#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

struct hash;

/* free_value, when not NULL, is called on every value at hash_free() and on replace */
struct hash *hash_new(void (*free_value)(void *value));
void hash_free(struct hash *h);
/* keys are copied; an existing key has its value replaced */
void hash_add(struct hash *h, const char *key, void *value) _nonnull_(1, 2);
/* the value stored for key, or NULL when absent */
void *hash_find(const struct hash *h, const char *key) _nonnull_(1, 2);
bool hash_contains(const struct hash *h, const char *key) _nonnull_(1, 2);
size_t hash_count(const struct hash *h) _nonnull_(1);

/* iteration in no particular order: start with *pos = 0 */
bool hash_next(const struct hash *h, size_t *pos, const char **key, void **value);
