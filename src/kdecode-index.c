// SPDX-License-Identifier: GPL-2.0-or-later
/* kdecode-index.c: the "kdecode index" command: write the per-build index of each vmlinux
 * and .ko named (or found below a directory named) into the cache directory. */
#include "config.h"

#include <argp.h>
#include <dirent.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

#include "debug/debuginfo.h"
#include "debug/index-write.h"
#include "debug/index.h"
#include "kdecode.h"
#include "log.h"
#include "shared/util.h"

enum {
	OPT_CACHE_DIR = 0x100,
};

/* directories nested deeper are not looked into (a loop of bind mounts) */
#define DEPTH_MAX 16

static const struct argp_option options[] = {
	{ "cache-dir", OPT_CACHE_DIR, "DIR", 0,
	  "write the indexes into DIR (default: $XDG_CACHE_HOME/kdecode, else "
	  "~/.cache/kdecode)", 0 },
	{ "quiet", 'q', NULL, 0, "print errors only", 0 },
	{ "verbose", 'v', NULL, 0, "say which index each file went to", 0 },
	{ NULL }
};

static const char doc[] =
	"Index each vmlinux and kernel module FILE (a DIR: every .ko below it) once, so that "
	"decoding with it reads a small file instead of its DWARF: kdecode uses the index of "
	"a file's build ID from the cache directory by itself, and prints the same as without "
	"one."
	"\v"
	"Exit status:\n"
	"  0  every file was indexed\n"
	"  2  usage error\n"
	"  3  a file could not be read, or has no build ID to name its index by\n"
	"  4  an index could not be written";

struct index_opts {
	const char *cache_dir;
	int verbosity;
	char **files;
	size_t n_files;
};

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct index_opts *o = state->input;

	switch (key) {
	case OPT_CACHE_DIR:
		o->cache_dir = arg;
		break;
	case 'q':
		o->verbosity = 0;
		break;
	case 'v':
		o->verbosity++;
		break;
	case ARGP_KEY_ARG:
		o->files = xreallocarray(o->files, o->n_files + 1, sizeof(*o->files));
		o->files[o->n_files++] = arg;
		break;
	case ARGP_KEY_END:
		if (o->n_files == 0)
			argp_error(state, "name the vmlinux and .ko files (or directories) to index");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, "FILE...", doc, NULL, NULL, NULL };

static bool is_module_file(const char *name)
{
	static const char *const suffixes[] = { ".ko", ".ko.xz", ".ko.gz", ".ko.zst" };
	size_t n = strlen(name);

	for (size_t i = 0; i < sizeof(suffixes) / sizeof(suffixes[0]); i++) {
		size_t k = strlen(suffixes[i]);
		if (n > k && streq(name + n - k, suffixes[i]))
			return true;
	}
	return false;
}

/* the worst exit status so far */
static int worse(int a, int b)
{
	return a > b ? a : b;
}

static int index_file(struct kdecode_ctx *ctx, const char *path, const char *dir)
{
	struct objfile *o;
	char *why;
	int err = debuginfo_open(ctx, path, &o, &why);

	if (err < 0) {
		ERR(ctx, "%s\n", why);
		free(why);
		return EXIT_UNREADABLE;
	}
	if (!o->build_id[0]) {
		ERR(ctx, "'%s': no build ID to name its index by\n", path);
		debuginfo_close(o);
		return EXIT_UNREADABLE;
	}
	err = index_write(ctx, o, dir, &why);
	debuginfo_close(o);
	if (err < 0) {
		ERR(ctx, "%s\n", why);
		free(why);
		return EXIT_WRITE;
	}
	return EXIT_DECODED;
}

static int index_tree(struct kdecode_ctx *ctx, const char *path, const char *dir, int depth)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		ERR(ctx, "cannot read '%s': %s\n", path, strerror(errno));
		return EXIT_UNREADABLE;
	}
	if (!S_ISDIR(st.st_mode))
		return index_file(ctx, path, dir);
	if (depth >= DEPTH_MAX)
		return EXIT_DECODED;

	struct dirent **entries;
	int n = scandir(path, &entries, NULL, alphasort), status = EXIT_DECODED;
	if (n < 0) {
		ERR(ctx, "cannot read the directory '%s': %s\n", path, strerror(errno));
		return EXIT_UNREADABLE;
	}
	for (int i = 0; i < n; i++) {
		const char *name = entries[i]->d_name;
		char *sub = xasprintf("%s/%s", path, name);
		struct stat sst;
		if (name[0] != '.' && lstat(sub, &sst) == 0 &&
		    (S_ISDIR(sst.st_mode) || (S_ISREG(sst.st_mode) && is_module_file(name))))
			status = worse(status, index_tree(ctx, sub, dir, depth + 1));
		free(sub);
		free(entries[i]);
	}
	free(entries);
	return status;
}

int kdecode_index_main(struct kdecode_ctx *ctx, int argc, char **argv)
{
	struct index_opts o = { .verbosity = 1 };

	int err = kdecode_parse_command(&argp, argc, argv, &o);
	if (err != 0) {
		free(o.files);
		return EXIT_USAGE;
	}
	ctx->log_priority = kdecode_log_priority(o.verbosity);
	ctx->opts.cache_dir = o.cache_dir;
	const char *dir = index_cache_dir(ctx);
	int status = EXIT_DECODED;
	if (dir == NULL) {
		ERR(ctx, "no cache directory: set XDG_CACHE_HOME or HOME, or use --cache-dir\n");
		status = EXIT_USAGE;
	}
	for (size_t i = 0; dir && i < o.n_files; i++)
		status = worse(status, index_tree(ctx, o.files[i], dir, 0));
	free(o.files);
	return status;
}
