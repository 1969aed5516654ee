// SPDX-License-Identifier: GPL-2.0-or-later
/* summary.c: one line per report: where, kind, title, top frame with file:line, module. */
#include <stdlib.h>

#include "render/render.h"
#include "shared/hash.h"
#include "shared/util.h"

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
	if (r->n_mismatches)
		fprintf(out, " %s[the debug files do not match: %s]%s", render_color(rd, COLOR_ERROR),
			render_text(rd, r->mismatches[0]), render_color(rd, COLOR_RESET));
	fputc('\n', out);
}

/* --count: the reports of one title, in the order titles were first seen */
struct group {
	char *title;
	char *kind;
	char *first;			/* "crash.log:57" */
	size_t count;
	size_t order;
};

struct groups {
	struct hash *by_title;		/* title -> struct group */
	size_t n;
};

static void group_free(void *p)
{
	struct group *g = p;

	if (g == NULL)
		return;
	free(g->title);
	free(g->kind);
	free(g->first);
	free(g);
}

static void count_report(struct render *rd, const struct render_mark *m)
{
	struct groups *gs = rd->state;
	struct group *g = hash_find(gs->by_title, m->title);

	if (g == NULL) {
		g = xcalloc(1, sizeof(*g));
		g->title = xstrdup(m->title);
		g->kind = xstrdup(m->kind);
		g->first = xasprintf("%s:%lu", m->source, m->first_line);
		g->order = gs->n++;
		hash_add(gs->by_title, m->title, g);
	}
	g->count++;
}

static int cmp_group(const void *a, const void *b)
{
	const struct group *x = *(struct group *const *)a, *y = *(struct group *const *)b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

/* "3	WARNING in warn_path	(first: crash.log:57, warning)": most reports first */
static void print_groups(struct render *rd)
{
	struct groups *gs = rd->state;
	struct group **all = xcalloc(gs->n + 1, sizeof(*all));
	size_t pos = 0, n = 0;
	const char *key;
	void *value;

	while (hash_next(gs->by_title, &pos, &key, &value))
		all[n++] = value;
	qsort_safe(all, n, sizeof(*all), cmp_group);
	for (size_t i = 0; i < n; i++)
		fprintf(rd->out, "%zu\t%s\t(first: %s, %s)\n", all[i]->count,
			render_text(rd, all[i]->title), render_text(rd, all[i]->first),
			all[i]->kind);
	free(all);
}

static void summary_begin(struct render *rd)
{
	if (!rd->ctx->opts.is_counting)
		return;
	struct groups *gs = xcalloc(1, sizeof(*gs));
	gs->by_title = hash_new(group_free);
	rd->state = gs;
}

static void summary_end(struct render *rd)
{
	struct groups *gs = rd->state;

	if (gs == NULL)
		return;
	print_groups(rd);
	hash_free(gs->by_title);
	free(gs);
	rd->state = NULL;
}

static void summary_or_count(struct render *rd, const struct report *r)
{
	struct render_mark m = {
		.source = r->source, .first_line = r->first_line, .kind = r->kind,
		.title = r->title,
	};

	if (rd->ctx->opts.is_counting) {
		/* a -j worker's reports are counted by the parent (summary_joined) */
		if (!rd->is_part)
			count_report(rd, &m);
	} else {
		summary_report(rd, r);
	}
}

static void summary_joined(struct render *rd, const struct render_mark *m)
{
	if (rd->state)
		count_report(rd, m);
}

const struct render_ops render_summary_ops = {
	.begin = summary_begin,
	.line = NULL,	/* the lines outside reports are not its output */
	.report = summary_or_count,
	.input = render_no_input,
	.end = summary_end,
	.joined = summary_joined,
};
