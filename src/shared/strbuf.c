// SPDX-License-Identifier: LGPL-2.1-or-later
/* strbuf.c: a growable byte string that stays NUL-terminated. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "strbuf.h"
#include "util.h"

static void reserve(struct strbuf *sb, size_t extra)
{
	size_t need = sb->used + extra + 1;

	if (need <= sb->size)
		return;
	size_t size = sb->size ? sb->size : 64;
	while (size < need)
		size *= 2;
	sb->buf = xrealloc(sb->buf, size);
	sb->size = size;
}

void strbuf_release(struct strbuf *sb)
{
	free(sb->buf);
	*sb = (struct strbuf)STRBUF_INIT;
}

void strbuf_clear(struct strbuf *sb)
{
	sb->used = 0;
	if (sb->buf)
		sb->buf[0] = '\0';
}

const char *strbuf_str(const struct strbuf *sb)
{
	return sb->buf ? sb->buf : "";
}

char *strbuf_steal(struct strbuf *sb)
{
	char *s = sb->buf ? sb->buf : xstrdup("");

	*sb = (struct strbuf)STRBUF_INIT;
	return s;
}

void strbuf_pushmem(struct strbuf *sb, const char *s, size_t len)
{
	reserve(sb, len);
	memcpy(sb->buf + sb->used, s, len);
	sb->used += len;
	sb->buf[sb->used] = '\0';
}

void strbuf_pushchar(struct strbuf *sb, char c)
{
	strbuf_pushmem(sb, &c, 1);
}

bool is_control_byte(unsigned char c)
{
	return (c < 0x20 && c != '\t') || c == 0x7f;
}

void strbuf_push_escaped(struct strbuf *sb, const char *s, size_t len)
{
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < len;) {
		size_t plain = i;
		while (plain < len && !is_control_byte((unsigned char)s[plain]))
			plain++;
		strbuf_pushmem(sb, s + i, plain - i);
		if (plain == len)
			break;
		unsigned char c = (unsigned char)s[plain];
		strbuf_pushmem(sb, (char[4]){ '\\', 'x', hex[c >> 4], hex[c & 15] }, 4);
		i = plain + 1;
	}
}

void strbuf_pushstr(struct strbuf *sb, const char *s)
{
	strbuf_pushmem(sb, s, strlen(s));
}

void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap)
{
	va_list aq;

	va_copy(aq, ap);
	int n = vsnprintf(NULL, 0, fmt, aq);
	va_end(aq);
	if (n < 0)
		return;
	reserve(sb, (size_t)n);
	vsnprintf(sb->buf + sb->used, (size_t)n + 1, fmt, ap);
	sb->used += (size_t)n;
}

void strbuf_printf(struct strbuf *sb, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	strbuf_vprintf(sb, fmt, ap);
	va_end(ap);
}
