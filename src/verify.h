/* SPDX-License-Identifier: GPL-2.0-or-later */
/* verify.h: do the debug files match the report? A decoding against another build's files
 * prints confident wrong lines: each check that fails says so in every output format. */
#pragma once

#include <stdint.h>

#include "debug/debuginfo.h"
#include "kdecode.h"
#include "report/report.h"
#include "shared/macro.h"

/* A mismatch between r and its debug files or snapshot: in r's warnings and mismatches
 * (JSON, annotate), on stderr once per report, and counted for EXIT_MISMATCH */
void verify_mismatch(struct kdecode_ctx *ctx, struct report *r, const char *fmt, ...)
	_printf_format_(3, 4) _nonnull_(1, 2, 3);

/* o, a file r was decoded with, against r: vmlinux's linux_banner against the report's
 * release, "#N" build and distribution version, and the build ID it prints; a module's
 * vermagic against the release; both against the snapshot record's build IDs and
 * /proc/version. Once per file and report: later calls do nothing. */
void verify_object(struct kdecode_ctx *ctx, struct report *r, struct objfile *o)
	_nonnull_(1, 2, 3);

/* A frame f looked up as symbol s of o: the build ID it prints ("[mod BUILDID]") against
 * o's; its printed size against s's own, and its offset against s's end, a disagreement
 * marking f suspect (f->suspect says why). Parts of a function (".cold") and the last
 * symbol of a section, whose kallsyms size runs on to the next section's symbol, are
 * judged by the offset only. */
void verify_frame(struct kdecode_ctx *ctx, struct report *r, struct frame *f,
		  const struct objfile *o, const struct objsym *s) _nonnull_(1, 2, 3, 4, 5);

/* The bytes of Code: dump rc against o's at the same place (at is the trapping byte's
 * address in o's layout; kaslr the KASLR offset the report's vmlinux runs at, 0 for none):
 * instructions the kernel patches once loaded (alternatives, ftrace, jump labels, static
 * calls, thunks, IBT: arch_is_patched()), bytes a module's relocations fill in, and
 * absolute addresses moved by KASLR may differ; any other byte names the first offset
 * that differs. */
void verify_code(struct kdecode_ctx *ctx, struct report *r, const struct report_code *rc,
		 struct objfile *o, uint64_t at, uint64_t kaslr) _nonnull_(1, 2, 3, 4);
