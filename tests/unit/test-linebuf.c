// SPDX-License-Identifier: GPL-2.0-or-later
/* test-linebuf.c: linebuf on temporary files: line endings, NUL, gzip, long lines, binary, errors. */
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "input/linebuf.h"
#include "unit.h"

#define BYTES(s) s, sizeof(s) - 1

struct want {
	const char *text;
	size_t len;
	const char *raw;
	size_t raw_len;
};

#define LINE(t, r) { BYTES(t), BYTES(r) }

/* inputs are real console lines (Debian 6.1 under qemu, tests/kernel) unless they test bytes */
static const struct {
	const char *name;
	const char *input;
	size_t input_len;
	bool gzip;
	size_t cut;		/* bytes cut off the end of the file: a truncated .gz */
	int end;		/* what linebuf_next returns after the last line */
	bool is_binary;
	size_t n;
	struct want lines[3];
	const char *compression;	/* what linebuf_compression() names, or NULL */
} cases[] = {
	{ "LF", BYTES("[    3.338768] Call Trace:\n[    3.339174]  <TASK>\n"), false, 0, 0, false,
	  2, { LINE("[    3.338768] Call Trace:", "[    3.338768] Call Trace:\n"),
	       LINE("[    3.339174]  <TASK>", "[    3.339174]  <TASK>\n") } },
	{ "CRLF", BYTES("[    3.338768] Call Trace:\r\n[    3.339174]  <TASK>\r\n"), false, 0, 0,
	  false, 2, { LINE("[    3.338768] Call Trace:", "[    3.338768] Call Trace:\r\n"),
		      LINE("[    3.339174]  <TASK>", "[    3.339174]  <TASK>\r\n") } },
	{ "no final newline", BYTES("Killed\n[    3.341935]  </TASK>"), false, 0, 0, false, 2,
	  { LINE("Killed", "Killed\n"), LINE("[    3.341935]  </TASK>", "[    3.341935]  </TASK>") } },
	{ "CR at the end", BYTES("Killed\r"), false, 0, 0, false, 1, { LINE("Killed", "Killed\r") } },
	{ "CR inside", BYTES("a\rb\n"), false, 0, 0, false, 1, { LINE("a\rb", "a\rb\n") } },
	{ "NUL", BYTES("[    3.339174]\0 <TASK>\n\0\n"), false, 0, 0, false, 2,
	  { LINE("[    3.339174]  <TASK>", "[    3.339174]\0 <TASK>\n"), LINE(" ", "\0\n") } },
	{ "invalid UTF-8", BYTES("Comm: \xff\xfe\xc3(\n"), false, 0, 0, false, 1,
	  { LINE("Comm: \xff\xfe\xc3(", "Comm: \xff\xfe\xc3(\n") } },
	{ "empty lines", BYTES("\n\r\n"), false, 0, 0, false, 2, { LINE("", "\n"), LINE("", "\r\n") } },
	{ "escapes and tabs", BYTES("\x1b[0m\tKilled\n"), false, 0, 0, false, 1,
	  { LINE("\x1b[0m\tKilled", "\x1b[0m\tKilled\n") } },
	{ "gzip", BYTES("[    3.338768] Call Trace:\r\n[    3.339174]  <TASK>"), true, 0, 0, false,
	  2, { LINE("[    3.338768] Call Trace:", "[    3.338768] Call Trace:\r\n"),
	       LINE("[    3.339174]  <TASK>", "[    3.339174]  <TASK>") } },
	/* the gzip trailer (CRC, size) lost: every line, then an error */
	{ "gzip cut", BYTES("[    3.338768] Call Trace:\n"), true, 8, -EIO, false, 1,
	  { LINE("[    3.338768] Call Trace:", "[    3.338768] Call Trace:\n") } },
	{ "empty", BYTES(""), false, 0, 0, false, 0, { { 0 } } },
	{ "empty gzip", BYTES(""), true, 0, 0, false, 0, { { 0 } } },
	/* compressed in ways zlib does not read: named, and binary */
	{ "xz", BYTES("\xfd" "7zXZ\0\0\x04\xe6"), false, 0, 0, true, 1,
	  { LINE("\xfd" "7zXZ  \x04\xe6", "\xfd" "7zXZ\0\0\x04\xe6") }, "xz" },
	{ "zstd", BYTES("\x28\xb5\x2f\xfd\x04\x58"), false, 0, 0, true, 1,
	  { LINE("\x28\xb5\x2f\xfd\x04\x58", "\x28\xb5\x2f\xfd\x04\x58") }, "zstd" },
	/* UTF-8 is text; as many invalid bytes as that is not */
	{ "UTF-8", BYTES("Comm: \xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xa5\n"), false, 0, 0, false, 1,
	  { LINE("Comm: \xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xa5",
		 "Comm: \xc3\xa9\xe2\x82\xac\xf0\x9f\x92\xa5\n") } },
	{ "invalid bytes", BYTES("Comm: \xa9\x82\xac\xf0\xf0\x92\xa5\n"), false, 0, 0, true, 1,
	  { LINE("Comm: \xa9\x82\xac\xf0\xf0\x92\xa5", "Comm: \xa9\x82\xac\xf0\xf0\x92\xa5\n") } },
	/* the start of an ELF header */
	{ "binary", BYTES("\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0"), false, 0, 0, true, 1,
	  { LINE("\x7f" "ELF\x02\x01\x01         ", "\x7f" "ELF\x02\x01\x01\0\0\0\0\0\0\0\0\0") } },
};

static char tmpdir[4096];

/* a new temporary file holding data, gzip-compressed when asked; returns its path.
 * Exit status 99 (a hard error, not a failed check) when it cannot be written. */
static char *write_temp(const char *data, size_t len, bool gzip, size_t cut)
{
	static char path[4200];
	int fd;

	snprintf(path, sizeof(path), "%s/kdecode-linebuf-XXXXXX", tmpdir);
	fd = mkstemp(path);
	if (fd < 0) {
		perror(path);
		exit(99);
	}
	if (gzip) {
		gzFile gz = gzdopen(fd, "wb");
		if (gz == NULL || (len && gzwrite(gz, data, (unsigned)len) != (int)len) ||
		    gzclose(gz) != Z_OK) {
			fprintf(stderr, "%s: gzip failed\n", path);
			exit(99);
		}
		struct stat st;
		if (cut && (stat(path, &st) < 0 || truncate(path, st.st_size - (off_t)cut) < 0)) {
			perror(path);
			exit(99);
		}
	} else {
		if (write(fd, data, len) != (ssize_t)len) {
			perror(path);
			exit(99);
		}
		close(fd);
	}
	return path;
}

static void check_cases(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(cases); i++) {
		const char *name = cases[i].name;
		char *path = write_temp(cases[i].input, cases[i].input_len, cases[i].gzip,
					cases[i].cut);
		struct linebuf *lb;
		struct line l;
		size_t n = 0;
		int r;

		CHECK_INT_EQ(linebuf_open(path, &lb), 0, "%s: %s", name, path);
		while ((r = linebuf_next(lb, &l)) > 0) {
			const struct want *w = &cases[i].lines[n];
			if (n++ >= cases[i].n)
				continue;
			CHECK(l.len == w->len && memcmp(l.text, w->text, w->len) == 0,
			      "%s: line %zu text \"%.*s\"", name, n, (int)l.len, l.text);
			CHECK_INT_EQ(l.text[l.len], '\0', "%s: line %zu", name, n);
			CHECK(l.raw_len == w->raw_len && memcmp(l.raw, w->raw, w->raw_len) == 0,
			      "%s: line %zu raw \"%.*s\"", name, n, (int)l.raw_len, l.raw);
			CHECK_INT_EQ(l.no, n, "%s", name);
			CHECK(!l.continues && !l.is_continuation, "%s: line %zu", name, n);
		}
		CHECK_INT_EQ(r, cases[i].end, "%s", name);
		CHECK_INT_EQ(n, cases[i].n, "%s: lines", name);
		CHECK_INT_EQ(linebuf_is_binary(lb), cases[i].is_binary, "%s", name);
		CHECK_STR_EQ(linebuf_compression(lb), cases[i].compression, "%s", name);
		CHECK((r < 0) == (linebuf_error(lb)[0] != '\0'), "%s: error \"%s\"", name,
		      linebuf_error(lb));
		linebuf_free(lb);
		unlink(path);
	}
}

/* lines of LINE_PIECE_MAX bytes and more: pieces of LINE_PIECE_MAX, then the rest */
static const struct {
	size_t len;		/* of the long line, newline excluded */
	const char *eol;	/* NULL: the line ends the file */
	size_t pieces;
	size_t last;		/* text length of the last piece */
} longs[] = {
	{ LINE_PIECE_MAX - 1, "\n", 1, LINE_PIECE_MAX - 1 },
	{ LINE_PIECE_MAX, "\n", 1, LINE_PIECE_MAX },
	{ LINE_PIECE_MAX - 1, "\r\n", 1, LINE_PIECE_MAX - 1 },
	{ LINE_PIECE_MAX + 1, "\n", 2, 1 },
	{ 2 * LINE_PIECE_MAX + 100, "\n", 3, 100 },
	{ 5 * LINE_PIECE_MAX + 7, "\r\n", 6, 7 },
	{ 3 * LINE_PIECE_MAX + 1, NULL, 4, 1 },
	{ 2 * LINE_PIECE_MAX, NULL, 2, LINE_PIECE_MAX },
};

static void check_long_lines(void)
{
	for (size_t i = 0; i < ARRAY_SIZE(longs); i++) {
		size_t len = longs[i].len, eol = longs[i].eol ? strlen(longs[i].eol) : 0;
		const char *next = longs[i].eol ? "Killed\n" : "";
		char *data = malloc(len + eol + 32);
		struct linebuf *lb;
		struct line l;
		size_t pieces = 0, total = 0;
		int r;

		memset(data, 'a', len);
		memcpy(data + len, longs[i].eol ? longs[i].eol : "", eol);
		strcpy(data + len + eol, next);
		char *path = write_temp(data, len + eol + strlen(next), false, 0);
		CHECK_INT_EQ(linebuf_open(path, &lb), 0, "long %zu", i);
		while ((r = linebuf_next(lb, &l)) > 0 && l.no == 1) {
			pieces++;
			total += l.raw_len;
			CHECK_INT_EQ(l.is_continuation, pieces > 1, "long %zu piece %zu", i, pieces);
			CHECK_INT_EQ(l.continues, pieces < longs[i].pieces, "long %zu piece %zu", i,
				     pieces);
			if (pieces < longs[i].pieces)
				CHECK_INT_EQ(l.len, LINE_PIECE_MAX, "long %zu piece %zu", i, pieces);
			else
				CHECK_INT_EQ(l.len, longs[i].last, "long %zu piece %zu", i, pieces);
			CHECK(strspn(l.text, "a") == l.len, "long %zu piece %zu", i, pieces);
		}
		CHECK_INT_EQ(pieces, longs[i].pieces, "long %zu", i);
		CHECK_INT_EQ(total, len + eol, "long %zu: raw bytes", i);
		CHECK_INT_EQ(r, longs[i].eol ? 1 : 0, "long %zu: the next line", i);
		if (r == 1) {
			CHECK_STR_EQ(l.text, "Killed", "long %zu: the next line", i);
			CHECK_INT_EQ(l.no, 2, "long %zu: the next line", i);
			CHECK(!l.is_continuation && !l.continues, "long %zu: the next line", i);
		}
		linebuf_free(lb);
		unlink(path);
		free(data);
	}
}

static void check_open_errors(void)
{
	static const struct {
		const char *path;
		int ret;
	} opens[] = {
		{ "/nonexistent/kdecode-unit.log", -ENOENT },
		{ tmpdir, -EISDIR },
	};
	struct linebuf *lb = NULL;

	for (size_t i = 0; i < ARRAY_SIZE(opens); i++)
		CHECK_INT_EQ(linebuf_open(opens[i].path, &lb), opens[i].ret, "%s", opens[i].path);
	CHECK(lb == NULL, "a failed open set *out");
}

int main(void)
{
	const char *t = getenv("TMPDIR");

	snprintf(tmpdir, sizeof(tmpdir), "%s", t && *t ? t : "/tmp");
	check_cases();
	check_long_lines();
	check_open_errors();
	printf("test-linebuf: %zu inputs, %zu long lines, 2 open errors\n", ARRAY_SIZE(cases),
	       ARRAY_SIZE(longs));
	return unit_exit();
}
