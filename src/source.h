/* SPDX-License-Identifier: GPL-2.0-or-later */
/* source.h: -S: the source line of each decoded location, from the trees the user named. */
#pragma once

#include "kdecode.h"
#include "report/report.h"

/* Each location of r's frames and values, whose file is found below one of the -S
 * directories, gets its line's text (location.source). Nothing without -S. */
void source_lines(struct kdecode_ctx *ctx, struct report *r) _nonnull_(1, 2);
/* the files read, at the end of the run */
void source_free(struct kdecode_ctx *ctx) _nonnull_(1);
