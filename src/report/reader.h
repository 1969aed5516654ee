/* SPDX-License-Identifier: GPL-2.0-or-later */
/* reader.h: a log's lines -> its reports and the lines outside them, in their order. With
 * a thread, the lines are read and parsed in a thread of their own, so that decoding one
 * report goes on while the next ones are parsed; without, each is parsed when asked for. */
#pragma once

#include <stdbool.h>

#include "input/linebuf.h"
#include "report/report.h"
#include "shared/macro.h"

struct report_reader;

enum reader_item {
	READER_END,
	READER_LINE,		/* a line outside every report */
	READER_REPORT,		/* a report, which the caller then owns */
};

struct reader_out {
	struct line line;	/* READER_LINE: valid until the next report_reader_next() */
	struct report *report;	/* READER_REPORT */
	bool at_eof;		/* READER_REPORT: it was still open when the input ended */
};

/* the caller's work that may be done ahead of it, in the parse threads, and must be safe
 * to run beside it (and beside itself) */
struct reader_hooks {
	/* by a thread done with its half of the log while the other half is still parsed,
	 * before the caller needs it */
	void (*ahead)(void);
	/* on each report, where it is parsed, before it is handed over: what needs nothing
	 * but the report itself (a report the caller never gets may have had it too) */
	void (*prepare)(struct report *r);
};

/* Reads lb (which the reader does not free) as the log named source. want_lines: hand over
 * the lines outside reports too. threaded: parse in a thread of its own, if one can be
 * started. hooks (or NULL) is the caller's, for as long as rr is. */
struct report_reader *report_reader_start(struct linebuf *lb, const char *source,
					  bool want_lines, bool threaded,
					  const struct reader_hooks *hooks) _nonnull_(1, 2);
enum reader_item report_reader_next(struct report_reader *rr, struct reader_out *out)
	_nonnull_(1, 2);
/* after READER_END, or to give up: 0, or linebuf_next()'s -errno; rr is freed, and lb may
 * be asked about the input again */
int report_reader_end(struct report_reader *rr) _nonnull_(1);
