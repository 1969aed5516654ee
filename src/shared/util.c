// SPDX-License-Identifier: LGPL-2.1-or-later
/* util.c: allocation that cannot fail, and string/number helpers that know no oopses. */
#include <ctype.h>
#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "util.h"

static void *check(void *p)
{
	if (p == NULL) {
		fputs("kdecode: out of memory\n", stderr);
		abort();
	}
	return p;
}

void *xmalloc(size_t size)
{
	return check(malloc(size ? size : 1));
}

void *xcalloc(size_t n, size_t size)
{
	return check(calloc(n ? n : 1, size ? size : 1));
}

void *xrealloc(void *p, size_t size)
{
	return check(realloc(p, size ? size : 1));
}

void *xreallocarray(void *p, size_t n, size_t size)
{
	return check(reallocarray(p, n ? n : 1, size ? size : 1));
}

char *xstrdup(const char *s)
{
	return check(strdup(s));
}

char *xstrndup(const char *s, size_t n)
{
	return check(strndup(s, n));
}

void *xmemdup(const void *p, size_t n)
{
	char *copy = xmalloc(n + 1);

	if (n)
		memcpy(copy, p, n);
	copy[n] = '\0';
	return copy;
}

char *xvasprintf(const char *fmt, va_list ap)
{
	char *s;

	return check(vasprintf(&s, fmt, ap) < 0 ? NULL : s);
}

char *xasprintf(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	char *s = xvasprintf(fmt, ap);
	va_end(ap);
	return s;
}

static int hexval(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

size_t parse_hex(const char *s, uint64_t *out)
{
	const char *p = s;
	uint64_t v = 0;
	size_t digits = 0;

	if (p[0] == '0' && (p[1] == 'x' || p[1] == 'X') && hexval(p[2]) >= 0)
		p += 2;
	for (; hexval(*p) >= 0; p++, digits++) {
		if (digits >= 16)
			return 0; /* more than 64 bits: not an address we can use */
		v = v << 4 | (uint64_t)hexval(*p);
	}
	if (digits == 0)
		return 0;
	*out = v;
	return (size_t)(p - s);
}

const bool util_ident_chars[256] = {
	['a' ... 'z'] = true, ['A' ... 'Z'] = true, ['0' ... '9'] = true, ['_'] = true,
};

size_t parse_dec(const char *s, uint64_t *out)
{
	const char *p = s;
	uint64_t v = 0;

	for (; *p >= '0' && *p <= '9'; p++) {
		if (v > (UINT64_MAX - 9) / 10)
			return 0;
		v = v * 10 + (uint64_t)(*p - '0');
	}
	if (p == s)
		return 0;
	*out = v;
	return (size_t)(p - s);
}

void hex_encode(const unsigned char *bytes, size_t n, char *out, size_t size)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	for (i = 0; i < n && i * 2 + 2 < size; i++) {
		out[i * 2] = digits[bytes[i] >> 4];
		out[i * 2 + 1] = digits[bytes[i] & 0xf];
	}
	if (size > 0)
		out[i * 2] = '\0';
}

bool is_hex_string(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (hexval(s[i]) < 0)
			return false;
	return len > 0;
}

bool kernel_release_is_valid(const char *s)
{
	size_t n = strspn(s, "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._+~-");

	return n > 0 && n <= 64 && s[n] == '\0' && isalnum((unsigned char)s[0]) &&
	       strstr(s, "..") == NULL;
}

void rtrim(char *s)
{
	size_t n = strlen(s);

	while (n > 0 && isspace((unsigned char)s[n - 1]))
		s[--n] = '\0';
}

bool close_stdout(void)
{
	bool failed = ferror(stdout) != 0;

	if (fclose(stdout) != 0 && !(errno == EBADF && !failed))
		failed = true;
	return !failed;
}

size_t upper_bound_u64(const void *base, size_t n, size_t size, size_t field_offset,
		       uint64_t key)
{
	size_t lo = 0, hi = n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;
		uint64_t v;
		memcpy(&v, (const char *)base + mid * size + field_offset, sizeof(v));
		if (v <= key)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

/* a key and the element it came from (or, sorted in place, the rest of the element) */
struct radix_key {
	uint64_t key, index;
};

/* the passes of radix_sort_u64(): 11 bits of the keys each */
#define RADIX_BITS 11
#define RADIX_PASSES ((64 + RADIX_BITS - 1) / RADIX_BITS)

/* from sorted by key, stably, through to; returns the one the result is in */
static struct radix_key *radix_passes(struct radix_key *from, struct radix_key *to, size_t n)
{
	size_t (*count)[1u << RADIX_BITS] = xcalloc(RADIX_PASSES, sizeof(*count));
	const uint64_t mask = (1u << RADIX_BITS) - 1;

	for (size_t i = 0; i < n; i++)
		for (unsigned int p = 0; p < RADIX_PASSES; p++)
			count[p][(from[i].key >> (p * RADIX_BITS)) & mask]++;
	for (unsigned int p = 0; p < RADIX_PASSES; p++) {
		unsigned int shift = p * RADIX_BITS;
		size_t *c = count[p], at = 0;
		if (c[(from[0].key >> shift) & mask] == n)
			continue;	/* bits every key shares */
		for (size_t b = 0; b <= mask; b++) {
			size_t k = c[b];
			c[b] = at;
			at += k;
		}
		for (size_t i = 0; i < n; i++)
			to[c[(from[i].key >> shift) & mask]++] = from[i];
		struct radix_key *t = from;
		from = to;
		to = t;
	}
	free(count);
	return from;
}

void radix_sort_u64(void *base, size_t n, size_t size, size_t field_offset)
{
	if (n < 2)
		return;
	struct radix_key *to = xreallocarray(NULL, n, sizeof(*to));
	if (size == sizeof(struct radix_key) && field_offset == 0) {
		/* the elements themselves: moved a pass at a time */
		struct radix_key *sorted = radix_passes(base, to, n);
		if (sorted != base)
			memcpy(base, sorted, n * size);
		free(to);
		return;
	}
	struct radix_key *keys = xreallocarray(NULL, n, sizeof(*keys));
	for (size_t i = 0; i < n; i++) {
		memcpy(&keys[i].key, (const char *)base + i * size + field_offset, sizeof(uint64_t));
		keys[i].index = i;
	}
	struct radix_key *from = radix_passes(keys, to, n);
	/* the elements in their keys' order, moved in place a cycle of the permutation at a
	 * time (a copy of a vmlinux's symbols is 6 MB of fresh pages to fault in) */
	char *at = base, *held = xmalloc(size);
	for (size_t i = 0; i < n; i++) {
		if (from[i].index == i)
			continue;
		memcpy(held, at + i * size, size);
		size_t j = i;
		while (from[j].index != i) {
			size_t k = from[j].index;
			memcpy(at + j * size, at + k * size, size);
			from[j].index = j;
			j = k;
		}
		memcpy(at + j * size, held, size);
		from[j].index = j;
	}
	free(held);
	free(keys);
	free(to);
}

/* the length of the valid UTF-8 sequence at s (at most n bytes), 0 if invalid */
size_t utf8_len(const unsigned char *s, size_t n)
{
	size_t len;
	uint32_t cp;

	if (s[0] < 0x80)
		return 1;
	if ((s[0] & 0xe0) == 0xc0)
		len = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, cp = s[0] & 0x07;
	else
		return 0;
	if (len > n)
		return 0;
	for (size_t i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80)
			return 0;
		cp = cp << 6 | (s[i] & 0x3f);
	}
	/* overlong forms, surrogates and beyond U+10FFFF are invalid too */
	if ((len == 2 && cp < 0x80) || (len == 3 && cp < 0x800) || (len == 4 && cp < 0x10000) ||
	    (cp >= 0xd800 && cp <= 0xdfff) || cp > 0x10ffff)
		return 0;
	return len;
}

int write_all(int fd, const void *buf, size_t n)
{
	const char *p = buf;

	while (n > 0) {
		ssize_t w = write(fd, p, n);
		if (w < 0 && errno == EINTR)
			continue;
		if (w < 0)
			return -errno;
		p += w;
		n -= (size_t)w;
	}
	return 0;
}
