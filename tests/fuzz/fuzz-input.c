// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzz-input.c: the line reader, plain and gzip, and the prefix parser on every line. */
#include <zlib.h>

#include "fuzz.h"
#include "input/linebuf.h"
#include "input/prefix.h"
#include "shared/strbuf.h"

/* every line as a record: number, flags, text and raw bytes; checks what the stages after
 * it rely on */
static void read_lines(const char *path, struct strbuf *sb, bool *is_binary)
{
	struct linebuf *lb;
	struct line l;
	int err;

	FUZZ_ASSERT(linebuf_open(path, &lb) == 0);
	/* kdecode stops at binary data; a log with binary past its first chunk goes on */
	while ((err = linebuf_next(lb, &l)) > 0) {
		struct prefix p;
		FUZZ_ASSERT(l.text[l.len] == '\0' && strlen(l.text) == l.len);
		FUZZ_ASSERT(l.len <= LINE_PIECE_MAX && l.len <= l.raw_len);
		FUZZ_ASSERT(memchr(l.text, '\n', l.len) == NULL);
		prefix_parse(l.text, &p);
		FUZZ_ASSERT(p.len <= l.len);
		FUZZ_ASSERT(p.level >= -1 && p.level <= 7);
		FUZZ_ASSERT(memchr(p.caller, '\0', sizeof(p.caller)) != NULL);
		strbuf_printf(sb, "%lu %d%d %zu:", l.no, l.is_continuation, l.continues,
			      l.len);
		strbuf_pushmem(sb, l.text, l.len);
		strbuf_pushmem(sb, l.raw, l.raw_len);
	}
	if (err < 0)
		strbuf_printf(sb, "error %s", linebuf_error(lb));
	*is_binary = linebuf_is_binary(lb);
	linebuf_free(lb);
}

/* the same bytes gzip-compressed, into a second memfd */
static const char *gzip_path(const uint8_t *data, size_t size)
{
	static char path[64];
	static int fd = -1;

	if (fd < 0) {
		fd = memfd_create("kdecode-fuzz-gz", MFD_CLOEXEC);
		FUZZ_ASSERT(fd >= 0);
		snprintf(path, sizeof(path), "/proc/self/fd/%d", fd);
	}
	/* the dup shares the offset: back to 0, or the last run leaves a hole of NULs */
	FUZZ_ASSERT(ftruncate(fd, 0) == 0 && lseek(fd, 0, SEEK_SET) == 0);
	gzFile gz = gzdopen(dup(fd), "wb1");
	FUZZ_ASSERT(gz != NULL);
	FUZZ_ASSERT(size == 0 || gzwrite(gz, data, (unsigned)size) == (int)size);
	FUZZ_ASSERT(gzclose(gz) == Z_OK);
	return path;
}

static void check(const uint8_t *data, size_t size)
{
	struct strbuf plain = STRBUF_INIT, gz = STRBUF_INIT;
	bool plain_binary, gz_binary;

	read_lines(fuzz_data_path(data, size), &plain, &plain_binary);
	/* data that is gzip already was decompressed above: compressing it again says
	 * nothing new */
	if (size < 2 || data[0] != 0x1f || data[1] != 0x8b) {
		read_lines(gzip_path(data, size), &gz, &gz_binary);
		if (plain.used != gz.used ||
		    memcmp(strbuf_str(&plain), strbuf_str(&gz), plain.used) != 0)
			fprintf(stderr, "plain:\n%s\ngzip:\n%s\n", strbuf_str(&plain),
				strbuf_str(&gz));
		FUZZ_ASSERT(plain.used == gz.used &&
			    memcmp(strbuf_str(&plain), strbuf_str(&gz), plain.used) == 0);
		FUZZ_ASSERT(plain_binary == gz_binary);
	}
	strbuf_release(&plain);
	strbuf_release(&gz);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	size_t long_size;
	uint8_t *long_data;

	if (size > 1 << 20)
		return 0;
	check(data, size);
	long_data = fuzz_expand(data, size, &long_size);
	if (long_data)
		check(long_data, long_size);
	free(long_data);
	return 0;
}
