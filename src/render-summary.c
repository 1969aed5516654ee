// SPDX-License-Identifier: GPL-2.0-or-later
/* render-summary.c: one line per report: where, kind, title, top frame with file:line, module. */
#include "render.h"

/* "crash.log:57: bug: BUG: kernel NULL pointer dereference in deref_victim
 *  (deref_victim.constprop.0+0x5/0x10 [oopsmod] at oopsmod.c:40:5)" */
static void summary_report(struct render *rd, const struct report *r)
{
	const struct frame *top = report_top_frame(r);
	FILE *out = rd->out;

	fprintf(out, "%s:%lu: %s: %s", render_text(rd, r->source), r->first_line, r->kind,
		render_text(rd, r->title));
	if (top) {
		const struct location *loc = render_innermost(top);
		fprintf(out, " (%s%s%s+0x%lx", render_color(rd, COLOR_FUNCTION),
			render_text(rd, top->symbol),
			render_color(rd, COLOR_RESET), (unsigned long)top->offset);
		if (top->has_size)
			fprintf(out, "/0x%lx", (unsigned long)top->size);
		if (top->module[0])
			fprintf(out, " [%s]", top->module);
		if (loc && loc->file)
			fprintf(out, " at %s%s:%u%s", render_color(rd, COLOR_LOCATION),
				render_text(rd, loc->file),
				loc->line, render_color(rd, COLOR_RESET));
		else if (top->error)
			fprintf(out, " at %s??%s", render_color(rd, COLOR_ERROR),
				render_color(rd, COLOR_RESET));
		fputc(')', out);
	}
	fputc('\n', out);
}

static void summary_nothing(struct render *rd)
{
}

static void summary_line(struct render *rd, const struct line *l)
{
}

const struct render_ops render_summary_ops = {
	.begin = summary_nothing,
	.line = summary_line,
	.report = summary_report,
	.end = summary_nothing,
};
