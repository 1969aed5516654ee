// SPDX-License-Identifier: GPL-2.0-or-later
/* render.c: what the output formats share: colours and the choice of the location to name. */
#include "render.h"

const char *render_color(const struct render *rd, enum render_color c)
{
	static const char *const codes[] = {
		[COLOR_FUNCTION] = "\033[1m",
		[COLOR_LOCATION] = "\033[32m",
		[COLOR_ERROR] = "\033[31m",
		[COLOR_DIM] = "\033[2m",
		[COLOR_RESET] = "\033[0m",
	};

	return rd->ctx->use_color ? codes[c] : "";
}

const struct location *render_innermost(const struct frame *f)
{
	return f->n_locations ? &f->locations[0] : NULL;
}
