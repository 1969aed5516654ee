/* SPDX-License-Identifier: GPL-2.0-or-later */
/* debuginfod.h: fetch debug files by build ID from the servers of $DEBUGINFOD_URLS. */
#pragma once

#include "kdecode.h"

struct kd_debuginfod;

/* NULL when $DEBUGINFOD_URLS names no server (*why says so; caller frees) */
struct kd_debuginfod *kd_debuginfod_new(struct kdecode_ctx *ctx, char **why)
	_nonnull_(1, 2);
void kd_debuginfod_free(struct kd_debuginfod *d);
/* The debug file of build_id (valid hex), what names it in messages ("vmlinux",
 * "oopsmod"): 0 and *path (in the client's cache; caller frees), or -errno and *why
 * (caller frees). Honours DEBUGINFOD_CACHE_PATH and DEBUGINFOD_TIMEOUT; on a terminal
 * shows the download's progress. */
int kd_debuginfod_fetch(struct kd_debuginfod *d, const char *build_id, const char *what,
			char **path, char **why) _must_check_ _nonnull_(1, 2, 3, 4, 5);
