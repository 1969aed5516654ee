// SPDX-License-Identifier: GPL-2.0-or-later
/* render.c: what the output formats share: colours and the choice of the location to name. */
#include <string.h>

#include "render/render.h"

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

static bool has_control(const char *s, size_t len)
{
	for (size_t i = 0; i < len; i++)
		if (is_control_byte((unsigned char)s[i]))
			return true;
	return false;
}

const char *render_text(struct render *rd, const char *s)
{
	size_t len = strlen(s);

	if (!has_control(s, len))
		return s;
	struct strbuf *sb = &rd->text[rd->next_text++ % RENDER_TEXT_SLOTS];
	strbuf_clear(sb);
	strbuf_push_escaped(sb, s, len);
	return strbuf_str(sb);
}

void render_input(struct render *rd, const char *s, size_t len)
{
	size_t body = len;

	if (body > 0 && s[body - 1] == '\n')
		body--;
	if (body > 0 && s[body - 1] == '\r' && body < len)
		body--;
	if (!rd->escape_input || !has_control(s, body)) {
		fwrite(s, 1, len, rd->out);
		return;
	}
	struct strbuf *sb = &rd->text[rd->next_text++ % RENDER_TEXT_SLOTS];
	strbuf_clear(sb);
	strbuf_push_escaped(sb, s, body);
	strbuf_pushmem(sb, s + body, len - body);
	fwrite(sb->buf, 1, sb->used, rd->out);
}

void render_release(struct render *rd)
{
	for (size_t i = 0; i < RENDER_TEXT_SLOTS; i++)
		strbuf_release(&rd->text[i]);
}

void render_no_input(struct render *rd, const char *source, const char *error,
		     size_t n_reports)
{
}

void render_no_join(struct render *rd, const struct render_mark *m)
{
}
