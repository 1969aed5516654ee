// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-resolve.c: a damaged fuzzmod.ko (the input; seed: fuzzmod.c built with -g) found
 * with -m and resolved with libdwfl, at libdwfl's offline layout and a snapshot's. */
#include "fuzz-decode.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	static char dir[128], ko[160], snapshot[160];

	if (dir[0] == '\0') {
		snprintf(dir, sizeof(dir), "%s/modules", fuzz_tmpdir());
		FUZZ_ASSERT(mkdir(dir, 0700) == 0);
		snprintf(ko, sizeof(ko), "%s/fuzzmod.ko", dir);
		snprintf(snapshot, sizeof(snapshot), "%s/layout.snapshot", fuzz_tmpdir());
		fuzz_write_file(snapshot, (const uint8_t *)snapshot_text,
				strlen(snapshot_text));
	}
	fuzz_write_file(ko, data, size);

	/* libdwfl's own layout: sections one after another from 0 */
	struct kdecode_ctx *ctx = fuzz_ctx_new();
	push_module_dir(ctx, dir);
	decode(ctx);
	fuzz_ctx_free(ctx);

	/* at the snapshot's addresses: register values into code, data and strings */
	char *why;
	ctx = fuzz_ctx_new();
	push_module_dir(ctx, dir);
	ctx->snapshots = xcalloc(1, sizeof(*ctx->snapshots));
	FUZZ_ASSERT(snapshot_read(snapshot, ctx->snapshots, &why) == 0);
	decode(ctx);
	fuzz_ctx_free(ctx);
	return 0;
}
