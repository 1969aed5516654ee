// SPDX-License-Identifier: GPL-2.0-or-later
/* render-annotate.c: the input echoed as it came, each frame line followed by its decoding. */
#include <inttypes.h>
#include <string.h>

#include "render.h"

static void annotate_line(struct render *rd, const struct line *l)
{
	fwrite(l->raw, 1, l->raw_len, rd->out);
}

static void put_place(struct render *rd, const struct location *loc)
{
	if (loc->file == NULL) {
		fputs(" at ??", rd->out);
		return;
	}
	fprintf(rd->out, " at %s%s:%u", render_color(rd, COLOR_LOCATION), loc->file, loc->line);
	if (loc->column)
		fprintf(rd->out, ":%u", loc->column);
	fputs(render_color(rd, COLOR_RESET), rd->out);
}

/* the added lines end as the input's do: a CRLF log stays CRLF */
static const char *line_end(const struct report_line *rl)
{
	return rl->raw_len >= 2 && rl->raw[rl->raw_len - 2] == '\r' ? "\r\n" : "\n";
}

/* "[    4.07] RIP: 0010:deref_victim.constprop.0+0x5/0x10 [oopsmod]" is followed by
 * "[    4.07]  => deref_victim at oopsmod.c:40:5": one line per function of the inline
 * chain, innermost first, with the line's own prefix so the log still sorts and greps */
static void put_decoding(struct render *rd, const struct report_line *rl, const struct frame *f)
{
	const char *fn = render_color(rd, COLOR_FUNCTION), *off = render_color(rd, COLOR_RESET);
	bool verbose = rd->ctx->opts.verbosity > 1;
	const char *eol = line_end(rl);

	/* a missing vmlinux or .ko was warned about once; the line already says what is
	 * known (symbol, module), so "?? (no vmlinux found)" under each frame is noise */
	if (f->error && f->lacks_debug_file && !verbose)
		return;
	if (f->error) {
		fprintf(rd->out, "%s => %s?? (%s)%s%s", rl->prefix, render_color(rd, COLOR_ERROR),
			f->error, off, eol);
		return;
	}
	for (size_t i = 0; i < f->n_locations; i++) {
		const struct location *loc = &f->locations[i];
		bool is_inlined = i + 1 < f->n_locations;
		fprintf(rd->out, "%s => %s%s%s%s", rl->prefix, fn, loc->function, off,
			is_inlined ? " (inlined)" : "");
		put_place(rd, loc);
		if (!is_inlined && verbose && f->has_section)
			fprintf(rd->out, " %s[%s+0x%" PRIx64 "]%s", render_color(rd, COLOR_DIM),
				f->section, f->section_offset, off);
		fputs(eol, rd->out);
	}
	if (f->n_locations == 0 && f->has_section)
		fprintf(rd->out, "%s => %s%s%s [%s+0x%" PRIx64 "] (no debug info)%s", rl->prefix,
			fn, f->symbol, off, f->section, f->section_offset, eol);
}

static void annotate_report(struct render *rd, const struct report *r)
{
	for (size_t i = 0; i < r->n_lines; i++) {
		const struct report_line *rl = &r->lines[i];
		fwrite(rl->raw, 1, rl->raw_len, rd->out);
		if (rl->frame < 0)
			continue;
		if (rl->raw_len == 0 || rl->raw[rl->raw_len - 1] != '\n')
			fputs(line_end(rl), rd->out);
		put_decoding(rd, rl, &r->frames[rl->frame]);
	}
	const struct report_line *last = &r->lines[r->n_lines - 1];
	for (size_t i = 0; i < r->n_warnings && rd->ctx->opts.verbosity > 1; i++)
		fprintf(rd->out, "%s => warning: %s%s", last->prefix, r->warnings[i],
			line_end(last));
}

static void annotate_nothing(struct render *rd)
{
}

const struct render_ops render_annotate_ops = {
	.begin = annotate_nothing,
	.line = annotate_line,
	.report = annotate_report,
	.end = annotate_nothing,
};
