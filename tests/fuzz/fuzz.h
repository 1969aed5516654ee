/* SPDX-License-Identifier: GPL-2.0-or-later */
/* fuzz.h: what the harnesses share: the input as a path, a private temp dir, a ctx. */
#pragma once

#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <syslog.h>
#include <unistd.h>

#include "debug/debuginfo.h"
#include "kdecode.h"
#include "shared/hash.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

/* An input "\xfe" N HEAD "\xfe" BODY stands for HEAD, then BODY repeated up to 64 KiB +
 * N KiB in all (no second 0xfe: no HEAD): lines longer than LINE_PIECE_MAX, reads across
 * linebuf's 64 KiB chunks and reports past REPORT_MAX_LINES, which libFuzzer's few-KiB
 * inputs never reach. Returns the expansion (the caller frees it) or NULL. */
static inline uint8_t *fuzz_expand(const uint8_t *data, size_t size, size_t *out_size)
{
	if (size < 3 || size > 65536 || data[0] != 0xfe)
		return NULL;
	const uint8_t *sep = memchr(data + 2, 0xfe, size - 2);
	const uint8_t *body = sep ? sep + 1 : data + 2;
	size_t head_len = sep ? (size_t)(sep - (data + 2)) : 0;
	size_t body_len = size - (size_t)(body - data);
	size_t n = 65536 + (size_t)data[1] * 1024;
	uint8_t *out = malloc(n);

	if (out == NULL)
		abort();
	memcpy(out, data + 2, head_len);
	size_t done = head_len;
	while (body_len > 0 && done + body_len <= n) {
		memcpy(out + done, body, body_len);
		done += body_len;
	}
	*out_size = done;
	return out;
}

/* abort() rather than return: libFuzzer and replay.c both report it as a crash */
#define FUZZ_ASSERT(cond)                                                                \
	do {                                                                             \
		if (!(cond)) {                                                           \
			fprintf(stderr, "%s:%d: fuzz assertion failed: %s\n", __FILE__,  \
				__LINE__, #cond);                                        \
			abort();                                                         \
		}                                                                        \
	} while (0)

/* The stages read paths, not buffers: the input goes into one memfd, reused for every
 * run, reached as /proc/self/fd/N (each open gets its own offset). */
static inline const char *fuzz_data_path(const uint8_t *data, size_t size)
{
	static int fd = -1;
	static char path[64];

	if (fd < 0) {
		fd = memfd_create("kdecode-fuzz", MFD_CLOEXEC);
		FUZZ_ASSERT(fd >= 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	FUZZ_ASSERT(ftruncate(fd, 0) == 0);
	for (size_t done = 0; done < size;) {
		ssize_t n = pwrite(fd, data + done, size - done, (off_t)done);
		FUZZ_ASSERT(n > 0);
		done += (size_t)n;
	}
	return path;
}

static char fuzz_tmpdir_path[64];

static inline void fuzz_tmpdir_remove(void)
{
	char cmd[128];

	/* the dirs hold only what the harness wrote: at most one file per name */
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", fuzz_tmpdir_path);
	if (system(cmd) != 0)
		fprintf(stderr, "cannot remove '%s'\n", fuzz_tmpdir_path);
}

/* a private, initially empty directory, removed at exit: --root and -m point here, so
 * that no run looks at the real /lib/modules or /usr/lib/debug */
static inline const char *fuzz_tmpdir(void)
{
	if (fuzz_tmpdir_path[0])
		return fuzz_tmpdir_path;
	const char *t = getenv("TMPDIR");
	snprintf(fuzz_tmpdir_path, sizeof(fuzz_tmpdir_path), "%s/kdecode-fuzz.XXXXXX",
		 t && t[0] && strlen(t) < 32 ? t : "/tmp");
	FUZZ_ASSERT(mkdtemp(fuzz_tmpdir_path) != NULL);
	atexit(fuzz_tmpdir_remove);
	return fuzz_tmpdir_path;
}

/* write data to path, replacing what was there */
static inline void fuzz_write_file(const char *path, const uint8_t *data, size_t size)
{
	FILE *f = fopen(path, "we");

	FUZZ_ASSERT(f != NULL);
	FUZZ_ASSERT(size == 0 || fwrite(data, 1, size, f) == size);
	FUZZ_ASSERT(fclose(f) == 0);
}

/* every message is formatted, as the real sink would, then dropped */
static inline void fuzz_log(void *data, int priority, const char *fmt, va_list args)
	_printf_format_(3, 0);
static inline void fuzz_log(void *data, int priority, const char *fmt, va_list args)
{
	FILE *null = data;

	vfprintf(null, fmt, args);
}

/* where output and messages go: nowhere, or stderr with KDECODE_FUZZ_VERBOSE=1 set (to
 * see what a replayed input does) */
static inline FILE *fuzz_null(void)
{
	static FILE *null;

	if (null == NULL && getenv("KDECODE_FUZZ_VERBOSE"))
		null = stderr;
	if (null == NULL) {
		null = fopen("/dev/null", "we");
		FUZZ_ASSERT(null != NULL);
	}
	return null;
}

/* a ctx as kdecode.c's main() sets it up, at the most verbose, rooted in an empty dir
 * (no running release: nothing is looked for outside it) */
static inline struct kdecode_ctx *fuzz_ctx_new(void)
{
	struct kdecode_ctx *ctx = xcalloc(1, sizeof(*ctx));

	ctx->log_fn = fuzz_log;
	ctx->log_data = fuzz_null();
	ctx->log_priority = LOG_DEBUG;
	ctx->opts.verbosity = 3;
	ctx->opts.root = fuzz_tmpdir();
	ctx->said = hash_new(NULL);
	return ctx;
}

static inline void fuzz_ctx_free(struct kdecode_ctx *ctx)
{
	debuginfo_free(ctx->debuginfo);
	hash_free(ctx->said);
	if (ctx->snapshots)
		snapshot_set_release(ctx->snapshots);
	free(ctx->snapshots);
	free(ctx->opts.module_dirs);
	free(ctx);
}
