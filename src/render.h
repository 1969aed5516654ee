/* SPDX-License-Identifier: GPL-2.0-or-later */
/* render.h: the output formats (annotate, json, summary); the only stages that write to stdout. */
#pragma once

#include <stdio.h>

#include "kdecode.h"
#include "linebuf.h"
#include "report.h"

struct render {
	struct kdecode_ctx *ctx;
	FILE *out;
	const struct render_ops *ops;
	size_t n_reports;		/* rendered so far */
};

struct render_ops {
	void (*begin)(struct render *rd);
	/* a line outside every report, in input order (annotate echoes it) */
	void (*line)(struct render *rd, const struct line *l);
	/* a complete, resolved report, in input order */
	void (*report)(struct render *rd, const struct report *r);
	void (*end)(struct render *rd);
};

extern const struct render_ops render_annotate_ops;
extern const struct render_ops render_json_ops;
extern const struct render_ops render_summary_ops;

/* ANSI colours, or "" when colour is off */
enum render_color { COLOR_FUNCTION, COLOR_LOCATION, COLOR_ERROR, COLOR_DIM, COLOR_RESET };
const char *render_color(const struct render *rd, enum render_color c) _nonnull_(1);
/* the location a one-line summary names: the innermost, or NULL */
const struct location *render_innermost(const struct frame *f) _nonnull_(1);
