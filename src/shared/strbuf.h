/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* strbuf.h: a growable byte string that stays NUL-terminated. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "macro.h"

struct strbuf {
	char *buf;
	size_t used;
	size_t size;
};

#define STRBUF_INIT { NULL, 0, 0 }

void strbuf_release(struct strbuf *sb);
void strbuf_clear(struct strbuf *sb);
/* the string so far; "" for an empty buffer, valid until the next change */
const char *strbuf_str(const struct strbuf *sb);
/* the buffer, handed to the caller (who frees it); the strbuf is left empty */
char *strbuf_steal(struct strbuf *sb);
void strbuf_pushmem(struct strbuf *sb, const char *s, size_t len) _nonnull_(1);
void strbuf_pushchar(struct strbuf *sb, char c) _nonnull_(1);
/* control characters: C0 bytes other than TAB, and DEL (what a terminal acts on) */
bool is_control_byte(unsigned char c);
/* len bytes with each control character shown as "\x1b", as less and journalctl do */
void strbuf_push_escaped(struct strbuf *sb, const char *s, size_t len) _nonnull_(1);
void strbuf_pushstr(struct strbuf *sb, const char *s) _nonnull_(1, 2);
void strbuf_printf(struct strbuf *sb, const char *fmt, ...) _printf_format_(2, 3);
void strbuf_vprintf(struct strbuf *sb, const char *fmt, va_list ap) _printf_format_(2, 0);
