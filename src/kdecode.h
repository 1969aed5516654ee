/* SPDX-License-Identifier: GPL-2.0-or-later */
/* kdecode.h: the context every stage receives: options, the log sink, caches, outcome. */
#pragma once

#include <stdarg.h>
#include <stdbool.h>
#include <stddef.h>

#include "shared/macro.h"

enum kd_format {
	FORMAT_ANNOTATE,
	FORMAT_JSON,
	FORMAT_SUMMARY,
	FORMAT_HTML,
};

enum kd_color {
	COLOR_AUTO,
	COLOR_ALWAYS,
	COLOR_NEVER,
};

/* filled by kdecode.c's argp parser; strings point into argv */
/* --style */
enum kd_style {
	STYLE_BELOW,	/* " => f at file:line:col" lines under each frame line */
	STYLE_INLINE,	/* appended to the frame line, inlined functions on lines before */
};

struct kdecode_opts {
	const char *vmlinux;		/* -k: one vmlinux for every report */
	const char **module_dirs;	/* -m, searched in order */
	size_t n_module_dirs;
	const char *release;		/* -r: overrides the report's and the running one */
	const char *root;		/* --root: system files are looked up under it ("" = /) */
	const char **snapshots;		/* -s: layout snapshots or histories */
	size_t n_snapshots;
	const char **strip_prefixes;	/* --strip-prefix */
	size_t n_strip_prefixes;
	enum kd_format format;
	enum kd_color color;
	int verbosity;			/* 0 with -q, 1 by default, 2+ with -v */
	const char **files;		/* FILE... ("-" = stdin); none = stdin */
	size_t n_files;
	bool is_recursive;		/* -R: a directory FILE stands for the files below it */
	const char *fail_on;		/* --fail-on: "kasan,lockdep", "any", or NULL */
	bool is_counting;		/* --count: one summary line per distinct title */
	unsigned int n_jobs;		/* -j: worker processes, 1 for none (-j 0: one per CPU) */
	const char *source_url;		/* --source-url: a source browser's TEMPLATE (html) */
	const char **source_dirs;	/* -S: source trees, searched in order */
	size_t n_source_dirs;
	const char *cache_dir;		/* --cache-dir: where the per-build indexes are */
	bool is_without_cache;		/* --no-cache: no index is read or written */
	bool is_frames;			/* --frame: every FILE is a frame to decode */
	bool is_only_reports;		/* --only-reports: no line outside a report */
	bool has_relative_paths;	/* --relative-paths: no absolute source path */
	enum kd_style style;		/* --style: where annotate puts a frame's decoding */
};

struct argp;
struct debuginfo;
struct hash;
struct snapshot_set;

typedef void (*kd_log_fn)(void *data, int priority, const char *fmt, va_list args);

struct kdecode_ctx {
	struct kdecode_opts opts;
	kd_log_fn log_fn;
	void *log_data;
	int log_priority;		/* messages above it (LOG_DEBUG > LOG_ERR) are dropped */
	bool use_color;
	char *running_release;		/* uname -r, or <root>/proc/sys/kernel/osrelease */
	struct debuginfo *debuginfo;	/* owned: vmlinux and module caches */
	struct snapshot_set *snapshots;	/* owned: every record of every -s file */
	struct hash *sources;		/* owned: -S files read, by location file (source.c) */
	struct hash *said;		/* keys of messages already given once */
	bool is_said_full;		/* KD_SAID_MAX of them: no more are given */
	/* -j, in a worker (jobs.c): kd_first_time() passes each key new to this worker
	 * to once_fn(log_data, key) and says yes; the parent, which knows every earlier
	 * input's keys, then gives or drops the message that follows (the next log call,
	 * made or left out: is_once_pending until then) */
	void (*once_fn)(void *data, const char *key);
	bool is_once_pending;

	/* outcome: counts the stages keep, kdecode.c turns them into the exit status */
	size_t n_reports;
	size_t n_frames;
	size_t n_unresolved;		/* frames that carry an error */
	size_t n_unreadable;		/* inputs or debug files that could not be read */
	size_t n_failing;		/* reports of a kind --fail-on names */
	size_t n_mismatched;		/* warnings that the debug files or snapshot are
					 * not the report's kernel's (verify.c) */
	char **unindexed;		/* -j: files the workers read from their DWARF */
	size_t n_unindexed;
};

/* the exit status of every command, as kdecode(1) documents it */
enum exit_status {
	EXIT_DECODED = 0,
	EXIT_UNRESOLVED = 1,
	EXIT_USAGE = 2,
	EXIT_UNREADABLE = 3,
	EXIT_WRITE = 4,
	EXIT_FAIL_ON = 5,	/* a report of a kind --fail-on names was found */
	EXIT_MISMATCH = 6,	/* decoded, but the debug files do not match the report */
};

struct kdecode_ctx *kdecode_ctx_new(void);
void kdecode_ctx_free(struct kdecode_ctx *ctx);
/* A command's options ("kdecode snapshot ...": argv[0] is "snapshot"), parsed with its
 * argp as "kdecode snapshot" in --help and in errors: argp_parse()'s result */
int kdecode_parse_command(const struct argp *argp, int argc, char **argv, void *input);
/* the log priority of a command's -q (verbosity 0), default (1) and -v (2 and more) */
int kdecode_log_priority(int verbosity);
/* "kdecode snapshot ...": argv[0] is "snapshot"; returns the exit status */
int kdecode_snapshot_main(struct kdecode_ctx *ctx, int argc, char **argv);
/* "kdecode index ...": argv[0] is "index"; returns the exit status */
int kdecode_index_main(struct kdecode_ctx *ctx, int argc, char **argv);
