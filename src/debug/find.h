/* SPDX-License-Identifier: GPL-2.0-or-later */
/* find.h: where a kernel's vmlinux and modules are: options, the release's places, depmod's
 * choice, build-ID paths and debuginfod, in that order, each step said with -v. */
#pragma once

#include "kdecode.h"

struct finder;

/* one per run (the debuginfo cache's); frees nothing it did not make */
struct finder *finder_new(struct kdecode_ctx *ctx) _nonnull_(1);
void finder_free(struct finder *f);

/* The vmlinux of release (NULL: unknown) or of build_id (hex, NULL or "": unknown): -m
 * DIR/vmlinux, the release's places under --sysroot, <sysroot>/usr/lib/debug/.build-id/,
 * debuginfod. Returns the path (caller frees) or NULL; *why then says where it looked
 * (caller frees). -k is the caller's. */
char *find_vmlinux_path(struct kdecode_ctx *ctx, struct finder *f, const char *release,
			const char *build_id, char **why) _must_check_ _nonnull_(1, 2, 5);
/* The same for module name ("-" and "_" alike): -m DIRs, depmod's choice in
 * <sysroot>/lib/modules/REL and its /usr/lib/debug twin, a search of those directories,
 * the build-ID path, debuginfod */
char *find_module_path(struct kdecode_ctx *ctx, struct finder *f, const char *release,
		  const char *name, const char *build_id, char **why)
	_must_check_ _nonnull_(1, 2, 4, 6);
/* is a build ID fit for a path: 2 to BUILD_ID_HEX_MAX lower-case hex digits, even */
bool find_build_id_is_valid(const char *build_id);
