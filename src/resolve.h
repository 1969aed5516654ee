/* SPDX-License-Identifier: GPL-2.0-or-later */
/* resolve.h: frame -> symbol, section, module and source locations with the inline chain. */
#pragma once

#include "kdecode.h"
#include "report/report.h"

/* Resolve every frame of r in place (frame.locations, .section, .error) against the
 * vmlinux and modules of the report's kernel, its values, and the instructions of its
 * Code: dumps (their disasm, from disasm_report(): their address and place). Problems
 * land in frame.error, in r->warnings and, once per file, in the log; nothing here fails
 * as a whole. */
void resolve_report(struct kdecode_ctx *ctx, struct report *r) _nonnull_(1, 2);
/* the kernel release used for r: -r, else the report's own, else the running one */
const char *resolve_release(const struct kdecode_ctx *ctx, const struct report *r)
	_nonnull_(1, 2);
