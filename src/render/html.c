// SPDX-License-Identifier: GPL-2.0-or-later
/* html.c: --format=html: one self-contained page for many logs, for CI. The reports are
 * grouped by title, most frequent first, each group a <details> that opens on its
 * reports' decoded traces (the guilty frame marked, -S source lines, --source-url
 * links); warnings, and debug files that do not match, are shown in red. Inline CSS,
 * no JavaScript, no network: the page is read as it is, anywhere.
 *
 * Every report's HTML is made when it comes, and kept until end(), which writes the
 * page: so -j (whose workers write their reports' text straight to the output) is no
 * option with it (kdecode.c refuses the pair). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include "render/render.h"
#include "shared/hash.h"
#include "shared/strbuf.h"
#include "shared/util.h"

struct html_report {
	char *html;		/* its <details> */
};

struct html_group {
	char *title, *kind;
	size_t order, count, n_mismatched;
	struct html_report *reports;
	size_t n_reports, alloc;
};

struct html_input {
	char *source, *error;
	size_t n_reports;
};

struct html_state {
	struct hash *by_title;		/* title -> struct html_group */
	struct html_group **groups;	/* in the order first seen */
	size_t n_groups, groups_alloc;
	struct html_input *inputs;
	size_t n_inputs, inputs_alloc;
	size_t n_reports, n_mismatched, n_warned;
};

/* s as HTML text: &, <, >, " escaped; control bytes as "\x1b" (dimmed: they were in the
 * input); bytes that are not UTF-8 as U+FFFD, so that the page is valid */
static void put_escaped(struct strbuf *sb, const char *s, size_t n)
{
	const unsigned char *p = (const unsigned char *)s;
	static const char hex[] = "0123456789abcdef";

	for (size_t i = 0; i < n;) {
		unsigned char c = p[i];
		size_t len = c >= 0x80 ? utf8_len(p + i, n - i) : 1;
		if (c == '&')
			strbuf_pushstr(sb, "&amp;");
		else if (c == '<')
			strbuf_pushstr(sb, "&lt;");
		else if (c == '>')
			strbuf_pushstr(sb, "&gt;");
		else if (c == '"')
			strbuf_pushstr(sb, "&quot;");
		else if (c >= 0x80 && len == 0)
			strbuf_pushstr(sb, "\xef\xbf\xbd");
		else if ((c < 0x20 && c != '\t' && c != '\n') || c == 0x7f)
			strbuf_pushmem(sb, (char[4]){ '\\', 'x', hex[c >> 4], hex[c & 15] }, 4);
		else
			strbuf_pushmem(sb, s + i, len);
		i += len ? len : 1;
	}
}

static void put_text(struct strbuf *sb, const char *s)
{
	put_escaped(sb, s, strlen(s));
}

/* --source-url: "<a href=...>" of TEMPLATE with %{file}, %{line} and %{version} filled
 * in, escaped as an attribute */
static void put_link_open(struct strbuf *sb, const struct render *rd, const struct report *r,
			  const struct location *loc)
{
	const char *t = rd->ctx->opts.source_url;
	struct strbuf url = STRBUF_INIT;
	char version[64] = "";

	/* "Debian 6.1.192-2" after "#1", else the release up to its first '-' */
	const char *deb = r->build_extra ? strstr(r->build_extra, "Debian ") : NULL;
	const char *v = deb ? deb + STRLEN("Debian ") : r->release;
	if (v)
		snprintf(version, sizeof(version), "%.*s", (int)strcspn(v, "-+~ "), v);
	for (const char *p = t; *p;) {
		if (startswith(p, "%{file}")) {
			strbuf_pushstr(&url, loc->file);
			p += STRLEN("%{file}");
		} else if (startswith(p, "%{line}")) {
			strbuf_printf(&url, "%u", loc->line);
			p += STRLEN("%{line}");
		} else if (startswith(p, "%{version}")) {
			strbuf_pushstr(&url, version);
			p += STRLEN("%{version}");
		} else {
			strbuf_pushmem(&url, p++, 1);
		}
	}
	strbuf_pushstr(sb, "<a href=\"");
	put_escaped(sb, url.buf ? url.buf : "", url.used);
	strbuf_pushstr(sb, "\">");
	strbuf_release(&url);
}

static void put_location(struct strbuf *sb, const struct render *rd, const struct report *r,
			 const struct location *loc, bool is_inlined)
{
	strbuf_pushstr(sb, "\n  =&gt; <span class=\"fn\">");
	put_text(sb, loc->function);
	strbuf_pushstr(sb, "</span>");
	if (is_inlined)
		strbuf_pushstr(sb, " (inlined)");
	if (loc->file == NULL) {
		strbuf_pushstr(sb, " at ??");
		return;
	}
	strbuf_pushstr(sb, " at ");
	bool is_link = rd->ctx->opts.source_url && loc->file[0] != '/';
	if (is_link)
		put_link_open(sb, rd, r, loc);
	strbuf_pushstr(sb, "<span class=\"loc\">");
	put_text(sb, loc->file);
	strbuf_printf(sb, ":%u", loc->line);
	if (loc->column)
		strbuf_printf(sb, ":%u", loc->column);
	strbuf_pushstr(sb, "</span>");
	if (is_link)
		strbuf_pushstr(sb, "</a>");
	if (loc->source) {
		strbuf_printf(sb, "\n  <span class=\"src\">%8u | ", loc->line);
		put_text(sb, loc->source);
		strbuf_pushstr(sb, "</span>");
	}
}

/* a report's lines, each frame followed by its decoding, the guilty one marked */
static void put_trace(struct strbuf *sb, const struct render *rd, const struct report *r)
{
	strbuf_pushstr(sb, "<pre>");
	for (size_t i = 0; i < r->n_lines; i++) {
		const struct report_line *rl = &r->lines[i];
		size_t len = rl->raw_len;
		while (len > 0 && (rl->raw[len - 1] == '\n' || rl->raw[len - 1] == '\r'))
			len--;
		bool is_guilty = rl->frame >= 0 && rl->frame == r->guilty;
		if (i)
			strbuf_pushstr(sb, "\n");
		strbuf_pushstr(sb, is_guilty ? "<mark>" : "");
		put_escaped(sb, rl->raw, len);
		strbuf_pushstr(sb, is_guilty ? "</mark>" : "");
		if (rl->frame < 0)
			continue;
		const struct frame *f = &r->frames[rl->frame];
		if (f->error && !f->lacks_debug_file) {
			strbuf_pushstr(sb, "\n  =&gt; <span class=\"err\">?? (");
			put_text(sb, f->error);
			strbuf_pushstr(sb, ")</span>");
		}
		for (size_t k = 0; !f->error && k < f->n_locations; k++)
			put_location(sb, rd, r, &f->locations[k], k + 1 < f->n_locations);
	}
	strbuf_pushstr(sb, "</pre>\n");
}

static struct html_group *group_of(struct html_state *st, const struct report *r)
{
	struct html_group *g = hash_find(st->by_title, r->title);

	if (g)
		return g;
	g = xcalloc(1, sizeof(*g));
	g->title = xstrdup(r->title);
	g->kind = xstrdup(r->kind);
	g->order = st->n_groups;
	hash_add(st->by_title, r->title, g);
	ARRAY_GROW(st->groups, st->n_groups, st->groups_alloc);
	st->groups[st->n_groups++] = g;
	return g;
}

static void html_report(struct render *rd, const struct report *r)
{
	struct html_state *st = rd->state;
	struct html_group *g = group_of(st, r);
	struct strbuf sb = STRBUF_INIT;

	strbuf_pushstr(&sb, "<details><summary>");
	put_text(&sb, r->source);
	strbuf_printf(&sb, ":%lu", r->first_line);
	if (r->release) {
		strbuf_pushstr(&sb, ", ");
		put_text(&sb, r->release);
	}
	if (r->n_mismatches)
		strbuf_pushstr(&sb, " <span class=\"bad\">the debug files do not match</span>");
	else if (r->corrupted)
		strbuf_pushstr(&sb, " <span class=\"bad\">corrupted</span>");
	strbuf_pushstr(&sb, "</summary>\n");
	if (r->n_warnings) {
		strbuf_pushstr(&sb, "<ul class=\"warn\">");
		for (size_t i = 0; i < r->n_warnings; i++) {
			strbuf_pushstr(&sb, "<li>");
			put_text(&sb, r->warnings[i]);
			strbuf_pushstr(&sb, "</li>");
		}
		strbuf_pushstr(&sb, "</ul>\n");
	}
	put_trace(&sb, rd, r);
	strbuf_pushstr(&sb, "</details>\n");

	ARRAY_GROW(g->reports, g->n_reports, g->alloc);
	g->reports[g->n_reports++] = (struct html_report){ strbuf_steal(&sb) };
	g->count++;
	g->n_mismatched += r->n_mismatches > 0;
	st->n_reports++;
	st->n_mismatched += r->n_mismatches > 0;
	st->n_warned += r->n_warnings > 0;
}

static void html_input(struct render *rd, const char *source, const char *error,
		       size_t n_reports)
{
	struct html_state *st = rd->state;

	ARRAY_GROW(st->inputs, st->n_inputs, st->inputs_alloc);
	st->inputs[st->n_inputs++] = (struct html_input){
		.source = xstrdup(source),
		.error = error ? xstrdup(error) : NULL,
		.n_reports = n_reports,
	};
}

static void group_free(void *p)
{
	struct html_group *g = p;

	for (size_t i = 0; i < g->n_reports; i++)
		free(g->reports[i].html);
	free(g->reports);
	free(g->title);
	free(g->kind);
	free(g);
}

static void html_begin(struct render *rd)
{
	struct html_state *st = xcalloc(1, sizeof(*st));

	st->by_title = hash_new(group_free);
	rd->state = st;
}

/* most reports first; of as many, the first seen */
static int cmp_group(const void *a, const void *b)
{
	const struct html_group *x = *(struct html_group *const *)a;
	const struct html_group *y = *(struct html_group *const *)b;

	if (x->count != y->count)
		return x->count > y->count ? -1 : 1;
	return x->order < y->order ? -1 : x->order > y->order;
}

static const char style[] =
	"body{font-family:sans-serif;margin:1.5em;color:#222}"
	"h1{font-size:1.4em}h2{font-size:1.1em;margin:1.2em 0 .3em}"
	"table{border-collapse:collapse}td,th{padding:.2em .6em;border-bottom:1px solid #ddd;"
	"text-align:left;vertical-align:top}td.n{text-align:right;font-weight:bold}"
	".kind{color:#555;font-size:.9em}.bad,.err{color:#b00;font-weight:bold}"
	".warn{color:#b00}"
	"pre{background:#f6f6f6;padding:.6em;overflow-x:auto;font-size:.85em}"
	"mark{background:#ffe08a}.fn{font-weight:bold}.loc{color:#060}.src{color:#555}"
	"summary{cursor:pointer;font-family:monospace}"
	"section{border-left:4px solid #ccc;padding-left:.8em;margin-bottom:1em}"
	"section.bad{border-left-color:#b00}";

static void html_end(struct render *rd)
{
	struct html_state *st = rd->state;
	FILE *out = rd->out;
	struct strbuf sb = STRBUF_INIT;

	qsort_safe(st->groups, st->n_groups, sizeof(*st->groups), cmp_group);
	strbuf_printf(&sb, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
			   "<title>kdecode: %zu report%s, %zu distinct</title>\n<style>%s</style>\n"
			   "</head>\n<body>\n",
		      st->n_reports, st->n_reports == 1 ? "" : "s", st->n_groups, style);
	strbuf_printf(&sb, "<h1>%zu report%s, %zu distinct, in %zu input%s</h1>\n",
		      st->n_reports, st->n_reports == 1 ? "" : "s", st->n_groups, st->n_inputs,
		      st->n_inputs == 1 ? "" : "s");
	if (st->n_mismatched)
		strbuf_printf(&sb, "<p class=\"bad\">%zu report%s decoded with debug files that are "
				   "not their kernel's: their lines may be wrong.</p>\n",
			      st->n_mismatched, st->n_mismatched == 1 ? "" : "s");
	if (st->n_groups) {
		strbuf_pushstr(&sb, "<table>\n<tr><th>reports</th><th>title</th><th>kind</th></tr>\n");
		for (size_t i = 0; i < st->n_groups; i++) {
			const struct html_group *g = st->groups[i];
			strbuf_printf(&sb, "<tr><td class=\"n\">%zu</td><td><a href=\"#g%zu\">",
				      g->count, i + 1);
			put_text(&sb, g->title);
			strbuf_pushstr(&sb, "</a></td><td class=\"kind\">");
			put_text(&sb, g->kind);
			strbuf_pushstr(&sb, "</td></tr>\n");
		}
		strbuf_pushstr(&sb, "</table>\n");
	}
	fwrite(sb.buf, 1, sb.used, out);
	for (size_t i = 0; i < st->n_groups; i++) {
		const struct html_group *g = st->groups[i];
		strbuf_clear(&sb);
		strbuf_printf(&sb, "<section id=\"g%zu\"%s>\n<h2>%zu &times; ", i + 1,
			      g->n_mismatched ? " class=\"bad\"" : "", g->count);
		put_text(&sb, g->title);
		strbuf_pushstr(&sb, " <span class=\"kind\">");
		put_text(&sb, g->kind);
		strbuf_pushstr(&sb, "</span></h2>\n");
		fwrite(sb.buf, 1, sb.used, out);
		for (size_t k = 0; k < g->n_reports; k++)
			fputs(g->reports[k].html, out);
		fputs("</section>\n", out);
	}
	strbuf_clear(&sb);
	strbuf_pushstr(&sb, "<h2>Inputs</h2>\n<ul>\n");
	for (size_t i = 0; i < st->n_inputs; i++) {
		const struct html_input *in = &st->inputs[i];
		strbuf_pushstr(&sb, "<li>");
		put_text(&sb, in->source);
		strbuf_printf(&sb, ": %zu report%s", in->n_reports, in->n_reports == 1 ? "" : "s");
		if (in->error) {
			strbuf_pushstr(&sb, " <span class=\"bad\">");
			put_text(&sb, in->error);
			strbuf_pushstr(&sb, "</span>");
		}
		strbuf_pushstr(&sb, "</li>\n");
		free(in->source);
		free(in->error);
	}
	strbuf_pushstr(&sb, "</ul>\n</body>\n</html>\n");
	fwrite(sb.buf, 1, sb.used, out);
	strbuf_release(&sb);
	hash_free(st->by_title);
	free(st->groups);
	free(st->inputs);
	free(st);
	rd->state = NULL;
}

const struct render_ops render_html_ops = {
	.begin = html_begin,
	.line = NULL,	/* the lines outside reports are not its output */
	.report = html_report,
	.input = html_input,
	.end = html_end,
	.joined = render_no_join,
};
