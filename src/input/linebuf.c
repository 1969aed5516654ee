// SPDX-License-Identifier: GPL-2.0-or-later
/* linebuf.c: bytes -> lines, from a file, stdin or a .gz, in bounded memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>
#include <zlib.h>

#include "input/linebuf.h"
#include "shared/util.h"

#define READ_CHUNK 65536

struct linebuf {
	gzFile gz;		/* zlib reads plain files through unchanged */
	char *buf;		/* [start, end) holds bytes not yet returned, and a NUL
				 * at end that stops a scan for the next newline */
	size_t start, end, size;
	char text[LINE_PIECE_MAX + 1];
	int fd;			/* gz's: for linebuf_open_at() */
	unsigned long no;
	bool in_long_line;	/* the last piece returned had continues set */
	bool at_eof;
	bool has_sniffed;
	bool is_binary;
	const char *compression; /* "xz", ... when the input is compressed in a way zlib is not */
	char error[256];
};

int linebuf_open(const char *path, struct linebuf **out)
{
	int fd = streq(path, "-") ? dup(STDIN_FILENO) : open(path, O_RDONLY | O_CLOEXEC);

	if (fd < 0)
		return -errno;
	return linebuf_open_fd(fd, out);
}

int linebuf_open_fd(int fd, struct linebuf **out)
{
	struct stat st;

	if (fstat(fd, &st) == 0 && S_ISDIR(st.st_mode)) {
		close(fd);
		return -EISDIR;
	}
	gzFile gz = gzdopen(fd, "rb"); /* gzclose() closes fd from here on */
	if (gz == NULL) {
		close(fd);
		return -ENOMEM;
	}
	/* zlib reads straight into lb's buffer when asked for twice its own buffer or more,
	 * as fill() asks for about READ_CHUNK: a plain file's bytes are not copied twice */
	gzbuffer(gz, READ_CHUNK / 2);

	struct linebuf *lb = xcalloc(1, sizeof(*lb));
	lb->fd = fd;
	lb->gz = gz;
	lb->size = READ_CHUNK + LINE_PIECE_MAX;
	lb->buf = xmalloc(lb->size + 1);
	lb->buf[0] = '\0';
	*out = lb;
	return 0;
}

int linebuf_open_at(const struct linebuf *lb, const char *path, uint64_t offset,
		    unsigned long line_no, struct linebuf **out)
{
	struct stat ours, theirs;
	unsigned char magic[2];
	int fd = open(path, O_RDONLY | O_CLOEXEC), err;

	if (fd < 0)
		return -errno;
	/* the same file still, and no gzip (whose middle is no place to start); nor bytes
	 * at offset that zlib would take for a gzip stream's start, where lb reads text */
	if (fstat(fd, &theirs) < 0 || fstat(lb->fd, &ours) < 0 || ours.st_dev != theirs.st_dev ||
	    ours.st_ino != theirs.st_ino || !S_ISREG(theirs.st_mode) ||
	    pread(fd, magic, sizeof(magic), 0) != sizeof(magic) ||
	    (magic[0] == 0x1f && magic[1] == 0x8b) ||
	    pread(fd, magic, sizeof(magic), (off_t)offset) != sizeof(magic) ||
	    (magic[0] == 0x1f && magic[1] == 0x8b) || lseek(fd, (off_t)offset, SEEK_SET) < 0) {
		close(fd);
		return -ESTALE;
	}
	if ((err = linebuf_open_fd(fd, out)) < 0)
		return err;
	(*out)->has_sniffed = true;	/* judged by lb, from the start */
	(*out)->no = line_no;
	return 0;
}

void linebuf_free(struct linebuf *lb)
{
	if (lb == NULL)
		return;
	gzclose(lb->gz);
	free(lb->buf);
	free(lb);
}

const char *linebuf_error(const struct linebuf *lb)
{
	return lb->error;
}

bool linebuf_is_binary(const struct linebuf *lb)
{
	return lb->is_binary;
}

const char *linebuf_compression(const struct linebuf *lb)
{
	return lb->compression;
}

/* compressed inputs zlib cannot read: name them rather than call them garbage */
static const struct {
	const char *name;
	unsigned char magic[6];
	size_t len;
} magics[] = {
	{ "xz", { 0xfd, '7', 'z', 'X', 'Z', 0x00 }, 6 },
	{ "zstd", { 0x28, 0xb5, 0x2f, 0xfd }, 4 },
	{ "bzip2", { 'B', 'Z', 'h' }, 3 },
	{ "lz4", { 0x04, 0x22, 0x4d, 0x18 }, 4 },
};

/* logs hold text, escapes, the odd NUL and some UTF-8; an ELF file, random bytes or
 * compressed data are mostly control bytes or invalid UTF-8: judge the first read,
 * which is up to READ_CHUNK bytes */
static void sniff(struct linebuf *lb, const unsigned char *p, size_t n)
{
	size_t odd = 0;

	lb->has_sniffed = true;
	for (size_t i = 0; i < ARRAY_SIZE(magics); i++) {
		if (n >= magics[i].len && memcmp(p, magics[i].magic, magics[i].len) == 0) {
			lb->compression = magics[i].name;
			lb->is_binary = true;
			return;
		}
	}
	for (size_t i = 0; i < n; i++) {
		if (p[i] >= 0x80) {
			size_t len = utf8_len(p + i, n - i);
			if (len == 0)
				odd++;
			else
				i += len - 1;
		} else if ((p[i] < 0x20 && p[i] != '\t' && p[i] != '\n' && p[i] != '\r' &&
			    p[i] != 0x1b) || p[i] == 0x7f) {
			odd++;
		}
	}
	lb->is_binary = n > 0 && odd * 10 > n * 3;
}

/* gzerror() names the stream "<fd:3>": the caller names the file, so keep only the why */
static void set_gz_error(struct linebuf *lb, int zerr, const char *msg)
{
	if (zerr == Z_ERRNO)
		msg = strerror(errno);
	else if (startswith(msg, "<fd:") && strstr(msg, ">: "))
		msg = strstr(msg, ">: ") + 3;
	if (zerr == Z_BUF_ERROR)	/* "unexpected end of file" */
		snprintf(lb->error, sizeof(lb->error), "gzip data cut short (%s)", msg);
	else
		snprintf(lb->error, sizeof(lb->error), "%s", msg);
}

/* read more bytes after [start, end); 0 at EOF with nothing read, -EIO on error */
static int fill(struct linebuf *lb)
{
	int zerr;

	if (lb->start > 0) {
		memmove(lb->buf, lb->buf + lb->start, lb->end - lb->start);
		lb->end -= lb->start;
		lb->start = 0;
		lb->buf[lb->end] = '\0';
	}
	int n = gzread(lb->gz, lb->buf + lb->end, (unsigned)(lb->size - lb->end));
	if (n < 0) {
		lb->buf[lb->end] = '\0';	/* whatever the failed read left there */
		const char *msg = gzerror(lb->gz, &zerr);
		set_gz_error(lb, zerr, msg);
		return -EIO;
	}
	if (n == 0) {
		/* a gzip stream cut short reads as EOF; gzerror tells it apart */
		const char *msg = gzerror(lb->gz, &zerr);
		if (zerr != Z_OK && zerr != Z_STREAM_END) {
			set_gz_error(lb, zerr, msg);
			return -EIO;
		}
		lb->at_eof = true;
	}
	if (!lb->has_sniffed)
		sniff(lb, (const unsigned char *)lb->buf + lb->end, (size_t)n);
	lb->end += (size_t)n;
	lb->buf[lb->end] = '\0';
	return n;
}

/* copy one piece of n bytes into text, the line ending left out: NUL bytes (if has_nul
 * says there may be some) become spaces */
static void set_text(struct linebuf *lb, struct line *l, size_t n, bool has_nul)
{
	memcpy(lb->text, lb->buf + lb->start, n);
	for (char *p = has_nul ? memchr(lb->text, '\0', n) : NULL; p;
	     p = memchr(p, '\0', n - (size_t)(p - lb->text)))
		*p = ' ';
	lb->text[n] = '\0';
	l->text = lb->text;
	l->len = n;
}

int linebuf_next(struct linebuf *lb, struct line *l)
{
	for (;;) {
		const char *p = lb->buf + lb->start;
		size_t avail = lb->end - lb->start;
		/* one scan finds the newline, and whether a NUL comes before it: the NUL at
		 * end stops it where there is neither */
		const char *stop = strchrnul(p, '\n'), *nl = NULL;
		bool has_nul = stop != lb->buf + lb->end && *stop == '\0';
		size_t len, n;

		if (*stop == '\n')
			nl = stop;
		else if (has_nul)
			nl = memchr(stop, '\n', (size_t)(lb->buf + lb->end - stop));

		if (nl)
			len = (size_t)(nl - p) + 1;
		else if (lb->at_eof && avail > 0)
			len = avail;
		else if (lb->at_eof)
			return 0;
		else if (avail >= LINE_PIECE_MAX + 2)
			len = avail; /* more than a piece, even if "\r\n" comes next */
		else {
			int err = fill(lb);
			if (err < 0)
				return err;
			continue;
		}
		/* the text leaves out "\n" or "\r\n", and a "\r" that ends the input */
		n = len - (nl != NULL);
		if ((nl || lb->at_eof) && n > 0 && p[n - 1] == '\r')
			n--;
		bool continues = n > LINE_PIECE_MAX;
		if (continues)
			len = n = LINE_PIECE_MAX;

		*l = (struct line){
			.raw = p,
			.raw_len = len,
			.is_continuation = lb->in_long_line,
			.continues = continues,
		};
		if (!lb->in_long_line)
			lb->no++;
		l->no = lb->no;
		set_text(lb, l, n, has_nul);
		lb->in_long_line = continues;
		lb->start += len;
		return 1;
	}
}
