// SPDX-License-Identifier: GPL-2.0-or-later
/* source.c: -S DIR: the source line of each location, as gdb's list would show it.
 *
 * A location's file is what the debug info says, shortened by resolve.c: relative to the
 * kernel tree ("fs/read_write.c"), or absolute where it was built out of tree
 * ("/tmp/kd/plain/oopsmod.c"). It is looked for below each DIR in order: the path itself
 * when relative, then each of its tails ("kd/plain/oopsmod.c", "plain/oopsmod.c",
 * "oopsmod.c"), so that a build directory's prefix needs no naming. A path with a ".."
 * component is never looked for: the debug info is no reason to read outside DIR. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "shared/hash.h"
#include "shared/util.h"
#include "source.h"

/* a source file larger is not read: no C file is */
#define SOURCE_FILE_MAX (16 << 20)
/* the tails of a path tried: deeper build directories are not looked through */
#define TAILS_MAX 16

struct source_file {
	char *text;
	size_t size;
	size_t *starts;		/* the offset of each line */
	size_t n_lines;
};

static void source_file_free(void *p)
{
	struct source_file *f = p;

	if (f == NULL)
		return;
	free(f->text);
	free(f->starts);
	free(f);
}

/* the whole of path, when it is a regular file of a sane size */
static struct source_file *read_file(const char *path)
{
	int fd = open(path, O_RDONLY | O_CLOEXEC | O_NONBLOCK);
	struct stat st;

	if (fd < 0)
		return NULL;
	if (fstat(fd, &st) < 0 || !S_ISREG(st.st_mode) || st.st_size > SOURCE_FILE_MAX) {
		close(fd);
		return NULL;
	}
	struct source_file *f = xcalloc(1, sizeof(*f));
	f->text = xmalloc((size_t)st.st_size + 1);
	while (f->size < (size_t)st.st_size) {
		ssize_t n = read(fd, f->text + f->size, (size_t)st.st_size - f->size);
		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		f->size += (size_t)n;
	}
	close(fd);
	f->text[f->size] = '\0';
	size_t alloc = 0;
	for (size_t at = 0; at < f->size;) {
		ARRAY_GROW(f->starts, f->n_lines, alloc);
		f->starts[f->n_lines++] = at;
		const char *nl = memchr(f->text + at, '\n', f->size - at);
		at = nl ? (size_t)(nl - f->text) + 1 : f->size;
	}
	return f;
}

static bool has_dotdot(const char *path)
{
	for (const char *p = path; (p = strstr(p, "..")); p += 2)
		if ((p == path || p[-1] == '/') && (p[2] == '/' || p[2] == '\0'))
			return true;
	return false;
}

/* file below one of the -S directories: the first of its candidates that is there */
static struct source_file *find_file(const struct kdecode_opts *o, const char *file)
{
	if (has_dotdot(file))
		return NULL;
	for (size_t d = 0; d < o->n_source_dirs; d++) {
		const char *tail = file;
		for (int i = 0; tail && i < TAILS_MAX; i++) {
			while (*tail == '/')
				tail++;
			if (*tail == '\0')
				break;
			char *path = xasprintf("%s/%s", o->source_dirs[d], tail);
			struct source_file *f = read_file(path);
			free(path);
			if (f)
				return f;
			tail = strchr(tail, '/');
		}
	}
	return NULL;
}

static const struct source_file *get_file(struct kdecode_ctx *ctx, const char *file)
{
	if (ctx->sources == NULL)
		ctx->sources = hash_new(source_file_free);
	else if (hash_contains(ctx->sources, file))
		return hash_find(ctx->sources, file);
	struct source_file *f = find_file(&ctx->opts, file);
	hash_add(ctx->sources, file, f);	/* NULL too: not looked for again */
	return f;
}

static void add_lines(struct kdecode_ctx *ctx, struct frame *f)
{
	for (size_t i = 0; i < f->n_locations; i++) {
		struct location *l = &f->locations[i];
		const struct source_file *sf = l->file && l->line ? get_file(ctx, l->file) : NULL;
		if (sf == NULL || l->line > sf->n_lines)
			continue;
		size_t start = sf->starts[l->line - 1];
		const char *nl = memchr(sf->text + start, '\n', sf->size - start);
		size_t len = nl ? (size_t)(nl - sf->text) - start : sf->size - start;
		if (len > 0 && sf->text[start + len - 1] == '\r')
			len--;
		free(l->source);
		l->source = xmemdup(sf->text + start, len);
	}
}

void source_lines(struct kdecode_ctx *ctx, struct report *r)
{
	if (ctx->opts.n_source_dirs == 0)
		return;
	for (size_t i = 0; i < r->n_frames; i++)
		add_lines(ctx, &r->frames[i]);
	for (size_t i = 0; i < r->n_values; i++)
		add_lines(ctx, &r->values[i].f);
}

void source_free(struct kdecode_ctx *ctx)
{
	hash_free(ctx->sources);
	ctx->sources = NULL;
}
