/* SPDX-License-Identifier: GPL-2.0-or-later */
/* linebuf.h: bytes -> lines, from a file, stdin or a .gz, in bounded memory. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/macro.h"

/* printk lines are at most 1 KiB; anything longer is cut into pieces of this size */
#define LINE_PIECE_MAX 16384

struct line {
	const char *raw;	/* bytes as read, newline included when there was one */
	size_t raw_len;
	const char *text;	/* for parsing: no CR/LF, NUL bytes turned into spaces */
	size_t len;
	unsigned long no;	/* 1-based line number in its input */
	bool is_continuation;	/* a later piece of a line longer than LINE_PIECE_MAX */
	bool continues;		/* the next piece belongs to this same line */
};

struct linebuf;

/* path "-" is stdin; gzip input is recognised by its magic, not its name.
 * Returns 0 or -errno; the caller frees with linebuf_free(). */
int linebuf_open(const char *path, struct linebuf **out) _must_check_ _nonnull_(1, 2);
/* the same for fd, which it takes (closed by linebuf_free(), or on an error) */
int linebuf_open_fd(int fd, struct linebuf **out) _must_check_ _nonnull_(2);
/* Another reader of the regular file at path, which lb reads too, from offset (the start
 * of a line, line_no lines into it): the input is not judged text or binary again. 0, or
 * -errno; -ESTALE when path is no longer lb's file, or is gzip. */
int linebuf_open_at(const struct linebuf *lb, const char *path, uint64_t offset,
		    unsigned long line_no, struct linebuf **out) _must_check_ _nonnull_(1, 2, 5);
/* 1 with *l filled (valid until the next call), 0 at the end, -errno on a read error;
 * linebuf_error() then says what went wrong */
int linebuf_next(struct linebuf *lb, struct line *l) _must_check_ _nonnull_(1, 2);
const char *linebuf_error(const struct linebuf *lb) _nonnull_(1);
/* true when the start of the input is mostly control bytes: no log at all */
bool linebuf_is_binary(const struct linebuf *lb) _nonnull_(1);
/* "xz", "zstd", "bzip2" or "lz4" when the input is compressed in a way only its own
 * tool reads (it is then binary too), else NULL */
const char *linebuf_compression(const struct linebuf *lb) _nonnull_(1);
void linebuf_free(struct linebuf *lb);
