// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-report.c: the report parser over a log, then resolution without debug files and
 * every output format. */
#include "fuzz.h"
#include "disasm/disasm.h"
#include "input/linebuf.h"
#include "render/render.h"
#include "report/report.h"
#include "resolve.h"

static const struct render_ops *const formats[] = {
	&render_annotate_ops,
	&render_json_ops,
	&render_summary_ops,
};

/* as kdecode.c's finish_report(), for each format in turn */
static void finish(struct render *rd, struct report *r)
{
	FUZZ_ASSERT(r->n_lines > 0 && r->n_lines <= REPORT_MAX_LINES + 1);
	FUZZ_ASSERT(r->kind != NULL && r->title != NULL);
	/* the release is joined to /lib/modules/: it must not climb out of it */
	FUZZ_ASSERT(r->release == NULL ||
		    (strchr(r->release, '/') == NULL && strcmp(r->release, ".") &&
		     strcmp(r->release, "..")));
	for (size_t i = 0; i < r->n_lines; i++)
		FUZZ_ASSERT(r->lines[i].frame < (long)r->n_frames &&
			    r->lines[i].first_value + r->lines[i].n_values <=
				    r->n_values);
	disasm_report(r);
	resolve_report(rd[0].ctx, r);
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		rd[i].ops->report(&rd[i], r);
		rd[i].n_reports++;
	}
	report_top_frame(r);
	report_free(r);
}

static void decode(const uint8_t *data, size_t size)
{
	struct kdecode_ctx *ctx = fuzz_ctx_new();
	struct render rd[ARRAY_SIZE(formats)];
	struct linebuf *lb;
	struct line l;
	int err;

	/* the first byte's bits: colour (its escapes are written too), input escaped as on a
	 * terminal, --count's grouping of the summary */
	ctx->use_color = size > 0 && data[0] & 1;
	ctx->opts.is_counting = size > 0 && data[0] & 4;
	FUZZ_ASSERT(linebuf_open(fuzz_data_path(data, size), &lb) == 0);
	struct report_parser *rp = report_parser_new("fuzz");
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		rd[i] = (struct render){ .ctx = ctx, .out = fuzz_null(),
					 .escape_input = size > 0 && data[0] & 2 };
		rd[i].ops = formats[i];
		rd[i].ops->begin(&rd[i]);
	}
	/* not stopped by linebuf_is_binary(): binary after the first chunk gets here */
	while ((err = linebuf_next(lb, &l)) > 0) {
		struct report *done;
		bool is_outside;
		report_parser_feed(rp, &l, &done, &is_outside);
		for (; done; done = report_parser_next(rp))
			finish(rd, done);
		for (size_t i = 0; is_outside && i < ARRAY_SIZE(formats); i++)
			if (rd[i].ops->line)
				rd[i].ops->line(&rd[i], &l);
	}
	for (struct report *last; (last = report_parser_finish(rp));)
		finish(rd, last);
	for (size_t i = 0; i < ARRAY_SIZE(formats); i++) {
		rd[i].ops->end(&rd[i]);
		render_release(&rd[i]);
	}
	report_parser_free(rp);
	linebuf_free(lb);
	fuzz_ctx_free(ctx);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t long_size;
	uint8_t *long_data = fuzz_expand(data, size, &long_size);

	decode(data, size);
	if (long_data)
		decode(long_data, long_size);
	free(long_data);
	return 0;
}
