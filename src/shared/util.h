/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* util.h: allocation that cannot fail, and string/number helpers that know no oopses. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <stdlib.h>

#include "macro.h"

/* allocation failures abort with a message: there is nothing sensible to decode without memory */
void *xmalloc(size_t size) __attribute__((malloc, returns_nonnull));
void *xcalloc(size_t n, size_t size) __attribute__((malloc, returns_nonnull));
void *xrealloc(void *p, size_t size) __attribute__((returns_nonnull));
void *xreallocarray(void *p, size_t n, size_t size) __attribute__((returns_nonnull));
char *xstrdup(const char *s) __attribute__((malloc, returns_nonnull)) _nonnull_(1);
char *xstrndup(const char *s, size_t n) __attribute__((malloc, returns_nonnull)) _nonnull_(1);
/* n bytes, NUL bytes included, plus a terminating NUL: for input that may hold NULs,
 * where xstrndup() would stop early */
void *xmemdup(const void *p, size_t n) __attribute__((malloc, returns_nonnull));
char *xasprintf(const char *fmt, ...) __attribute__((malloc, returns_nonnull)) _printf_format_(1, 2);
char *xvasprintf(const char *fmt, va_list ap) __attribute__((malloc, returns_nonnull))
	_printf_format_(1, 0);

/* grow *array so that it holds at least n + 1 elements of elem_size */
#define ARRAY_GROW(array, n, alloc)                                                     \
	do {                                                                            \
		if ((n) >= (alloc)) {                                                   \
			(alloc) = (alloc) ? (alloc) * 2 : 8;                            \
			(array) = xreallocarray((array), (alloc), sizeof(*(array)));     \
		}                                                                       \
	} while (0)

/* parse "0x1c" or "1c" (hex): returns bytes consumed, 0 when there is no hex digit */
size_t parse_hex(const char *s, uint64_t *out) _nonnull_(1, 2);
/* parse decimal digits: returns bytes consumed, 0 when there is none */
size_t parse_dec(const char *s, uint64_t *out) _nonnull_(1, 2);
/* [A-Za-z0-9_], in the C locale whatever the user's: symbols are ASCII */
extern const bool util_ident_chars[256];
static inline bool is_ident_char(char c)
{
	return util_ident_chars[(unsigned char)c];
}
/* the spaces and tabs s starts with, as strspn(s, " \t") counts them, without a call:
 * the runs that begin a line's message are short or none */
static inline size_t blank_span(const char *s)
{
	size_t n = 0;

	while (s[n] == ' ' || s[n] == '\t')
		n++;
	return n;
}
/* a string of hex digits of exactly len characters */
bool is_hex_string(const char *s, size_t len) _nonnull_(1);
/* n bytes as lowercase hex ("9ce30f61..."), as many as out holds with its NUL */
void hex_encode(const unsigned char *bytes, size_t n, char *out, size_t size) _nonnull_(3);
/* a kernel release as "uname -r" prints it, and safe as a path component: 1 to 64 of
 * [A-Za-z0-9._+~-], starting with a letter or digit, no ".." ("6.1.0-56-cloud-amd64") */
bool kernel_release_is_valid(const char *s) _nonnull_(1);
/* the length of the valid UTF-8 sequence at s (at most n bytes, n > 0), 0 if invalid */
size_t utf8_len(const unsigned char *s, size_t n) _nonnull_(1);
/* trim ASCII whitespace from the end, in place */
void rtrim(char *s) _nonnull_(1);
/* util-linux closestream: a full disk shows up only when stdout is flushed; false then */
bool close_stdout(void);
/* all n bytes of buf to fd, however many write()s it takes (buf may be NULL when n is
 * 0): 0, or -errno */
int write_all(int fd, const void *buf, size_t n);
/* qsort() that accepts an empty array: qsort(NULL, 0, ...) is undefined (UBSan says so) */
static inline void qsort_safe(void *base, size_t n, size_t size,
			      int (*cmp)(const void *, const void *))
{
	if (n > 1)
		qsort(base, n, size, cmp);
}

/* An array of n elements of size bytes sorted by the uint64_t at field_offset in each,
 * stably (those of one key stay in their order): 11 bits of the keys a pass, least
 * significant first, the bits they all share skipped. Elements of a key and eight bytes
 * (the key first) are sorted themselves; larger ones by their keys, then moved in place
 * a cycle of the permutation at a time. Ten times faster than qsort() for a vmlinux's
 * 150,000 symbols. */
void radix_sort_u64(void *base, size_t n, size_t size, size_t field_offset);

/* In an array of n elements of size bytes, sorted by the uint64_t at field_offset in each:
 * the index of the first whose field is above key (n when none is) */
size_t upper_bound_u64(const void *base, size_t n, size_t size, size_t field_offset,
		       uint64_t key);
