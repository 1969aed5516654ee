/* SPDX-License-Identifier: GPL-2.0-or-later */
/* render.h: the output formats (annotate, json, summary); the only stages that write to stdout. */
#pragma once

#include <stdio.h>

#include "kdecode.h"
#include "input/linebuf.h"
#include "report/report.h"
#include "shared/strbuf.h"

/* strings render_text() may hand out at once: the most one output line needs */
#define RENDER_TEXT_SLOTS 8

struct render {
	struct kdecode_ctx *ctx;
	FILE *out;
	const struct render_ops *ops;
	size_t n_reports;		/* rendered so far */
	/* a terminal, or forced colour (less -R): control characters of echoed input lines
	 * are shown as "\x1b", so only kdecode's own colours reach it */
	bool escape_input;
	/* -j: a worker's render (jobs.c). Its begin(), input() and end() are the parent's,
	 * and report() writes the report's own text only: json no comma before it,
	 * summary --count nothing, since the parent counts (joined()) */
	bool is_part;
	/* the frames of the command line (kdecode.c): annotate echoes them, and not the
	 * call trace header and "Kernel Offset:" line made around them */
	bool is_frames;
	struct strbuf text[RENDER_TEXT_SLOTS];
	unsigned int next_text;
	void *state;			/* the format's own, from begin() to end() */
};

/* -j: what the parent learns of each report a worker rendered */
struct render_mark {
	const char *source;
	unsigned long first_line;
	const char *kind;
	const char *title;
};

struct render_ops {
	void (*begin)(struct render *rd);
	/* a line outside every report, in input order (annotate echoes it); NULL: none is
	 * wanted, and none is kept for it */
	void (*line)(struct render *rd, const struct line *l);
	/* a complete, resolved report, in input order */
	void (*report)(struct render *rd, const struct report *r);
	/* an input read to its end (n_reports from it), or given up on: error says why */
	void (*input)(struct render *rd, const char *source, const char *error, size_t n_reports);
	void (*end)(struct render *rd);
	/* -j, in the parent: a report a worker rendered (its text comes next), in input
	 * order: what the format keeps across reports (json's comma, --count's groups) */
	void (*joined)(struct render *rd, const struct render_mark *m);
};

extern const struct render_ops render_annotate_ops;
extern const struct render_ops render_json_ops;
extern const struct render_ops render_summary_ops;
extern const struct render_ops render_html_ops;

/* for the formats that keep nothing across reports */
void render_no_join(struct render *rd, const struct render_mark *m);
/* for the formats that say nothing of a single input */
void render_no_input(struct render *rd, const char *source, const char *error,
		     size_t n_reports);

/* ANSI colours, or "" when colour is off */
enum render_color { COLOR_FUNCTION, COLOR_LOCATION, COLOR_ERROR, COLOR_DIM, COLOR_RESET };
const char *render_color(const struct render *rd, enum render_color c) _nonnull_(1);
/* text kdecode writes that holds input or debug-file strings, ready to print: s itself,
 * or when s holds a control character (whatever the output), an escaped copy valid for
 * the next RENDER_TEXT_SLOTS - 1 calls */
const char *render_text(struct render *rd, const char *s) _nonnull_(1, 2);
/* a line of the input, escaped when rd->escape_input; its "\n" or "\r\n" stays */
void render_input(struct render *rd, const char *s, size_t len) _nonnull_(1, 2);
void render_release(struct render *rd) _nonnull_(1);
/* the location a one-line summary names: the innermost, or NULL */
const struct location *render_innermost(const struct frame *f) _nonnull_(1);
