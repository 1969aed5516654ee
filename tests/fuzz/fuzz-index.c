// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-index.c: a damaged per-build index (the input; seed: kdecode index of fuzzmod.ko)
 * of the fuzzmod.ko beside the harness, used to decode its frames and values at libdwfl's
 * layout and a snapshot's. The input's header is made to name that fuzzmod.ko, with its
 * size and CRC right (index_fuzz_header()), so that the tables behind it are what is
 * fuzzed: every offset and count read from them must be checked. */
#include <libgen.h>
#include <limits.h>

#include "fuzz-decode.h"
#include "debug/index.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[128], cache[128], index[512], snapshot[160];
	static char build_id[BUILD_ID_HEX_MAX + 1];
	static uint32_t ident;

	if (dir[0] == '\0') {
		/* fuzzmod.ko, built beside the harness (tests/fuzz/), copied into a dir of
		 * its own for -m */
		char self[PATH_MAX], ko[PATH_MAX + 16];
		ssize_t n = readlink("/proc/self/exe", self, sizeof(self) - 1);
		FUZZ_ASSERT(n > 0);
		self[n] = '\0';
		snprintf(ko, sizeof(ko), "%s/fuzzmod.ko", dirname(self));
		snprintf(dir, sizeof(dir), "%s/modules", fuzz_tmpdir());
		snprintf(cache, sizeof(cache), "%s/cache", fuzz_tmpdir());
		FUZZ_ASSERT(mkdir(dir, 0700) == 0 && mkdir(cache, 0700) == 0);
		char *copy = xasprintf("cp '%s' '%s/fuzzmod.ko'", ko, dir);
		FUZZ_ASSERT(system(copy) == 0);
		free(copy);
		snprintf(snapshot, sizeof(snapshot), "%s/layout.snapshot", fuzz_tmpdir());
		fuzz_write_file(snapshot, (const uint8_t *)snapshot_text, strlen(snapshot_text));
		/* the build ID and ident its index is named by */
		struct kdecode_ctx *ctx = fuzz_ctx_new();
		struct objfile *o;
		char *why, *path = xasprintf("%s/fuzzmod.ko", dir);
		FUZZ_ASSERT(debuginfo_open(ctx, path, &o, &why) == 0 && o->build_id[0]);
		snprintf(build_id, sizeof(build_id), "%s", o->build_id);
		ident = o->file_ident;
		debuginfo_close(o);
		free(path);
		fuzz_ctx_free(ctx);
		snprintf(index, sizeof(index), "%s/%s-%08x.kdx", cache, build_id, ident);
	}
	uint8_t *copy = xmemdup(data, size);
	index_fuzz_header(copy, size, build_id, ident);
	fuzz_write_file(index, copy, size);
	free(copy);

	for (int placed = 0; placed < 2; placed++) {
		char *why;
		struct kdecode_ctx *ctx = fuzz_ctx_new();
		push_module_dir(ctx, dir);
		ctx->opts.cache_dir = cache;
		if (placed) {
			ctx->snapshots = xcalloc(1, sizeof(*ctx->snapshots));
			FUZZ_ASSERT(snapshot_read(snapshot, ctx->snapshots, &why) == 0);
		}
		decode(ctx);
		fuzz_ctx_free(ctx);
	}
	return 0;
}
