// SPDX-License-Identifier: GPL-2.0-or-later
/* kdecode.c: main(): options, wiring the stages, and the exit status. */
#include "config.h"

#include <argp.h>
#include <dirent.h>
#include <errno.h>
#include <sched.h>
#include <stdio.h>
#include <stdio_ext.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include "debug/debuginfo.h"
#include "debug/index-write.h"
#include "disasm/disasm.h"
#include "report/kinds.h"
#include "report/reader.h"
#include "kdecode.h"
#include "input/linebuf.h"
#include "jobs.h"
#include "log.h"
#include "render/render.h"
#include "report/report.h"
#include "resolve.h"
#include "shared/hash.h"
#include "shared/strbuf.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"
#include "source.h"

const char *argp_program_version = PACKAGE_STRING;
const char *argp_program_bug_address = PACKAGE_BUGREPORT;

enum {
	OPT_COLOR = 0x100,
	OPT_ROOT,
	OPT_STRIP_PREFIX,
	OPT_FAIL_ON,
	OPT_COUNT,
	OPT_CACHE_DIR,
	OPT_NO_CACHE,
	OPT_FRAME,
	OPT_STYLE,
	OPT_ONLY_REPORTS,
	OPT_SOURCE_URL,
	OPT_RELATIVE_PATHS,
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Input:", 1 },
	{ "recursive", 'R', NULL, 0, "read the files below each directory FILE, in name order",
	  0 },
	{ "frame", OPT_FRAME, NULL, 0,
	  "every FILE is a frame to decode (\"vfs_write+0xc7/0x3f0\"), as faddr2line takes "
	  "it; without it, an argument that names no file and reads as a frame is one", 0 },
	{ "jobs", 'j', "N", 0,
	  "decode N inputs at a time, in N processes (0: one per CPU; default 1); the "
	  "output is the same", 0 },

	{ NULL, 0, NULL, 0, "Debug info:", 2 },
	{ "vmlinux", 'k', "FILE", 0, "the crashed kernel's vmlinux, with debug info", 0 },
	{ "modules", 'm', "DIR", 0,
	  "look for NAME.ko below DIR (repeatable; searched before the release's dirs)", 0 },
	{ "release", 'r', "REL", 0,
	  "use the debug files of kernel release REL (default: the report's, else the "
	  "running kernel's)", 0 },
	{ "sysroot", OPT_ROOT, "DIR", 0,
	  "decode against the root filesystem of another machine, copied or mounted at DIR: "
	  "every system file (debug files, modules.dep, the running release) is looked up "
	  "under DIR instead of /", 0 },
	{ "root", OPT_ROOT, "DIR", 0, "the same as --sysroot (its older name)", 0 },
	{ "snapshot", 's', "FILE", 0,
	  "where the modules' sections were loaded, from kdecode snapshot (repeatable; a "
	  "history picks the record in force at each report's time)", 0 },

	{ "source", 'S', "DIR", 0,
	  "show the source line of each place, from the tree DIR (repeatable: a kernel tree, "
	  "a module's sources, linux-source unpacked)", 0 },
	{ "cache-dir", OPT_CACHE_DIR, "DIR", 0,
	  "read the per-build indexes of kdecode index from DIR (default: "
	  "$XDG_CACHE_HOME/kdecode, else ~/.cache/kdecode)", 0 },
	{ "no-cache", OPT_NO_CACHE, NULL, 0, "read no index: every file's own DWARF", 0 },

	{ NULL, 0, NULL, 0, "Output:", 3 },
	{ "format", 'f', "FORMAT", 0,
	  "annotate (default), json, summary, or html (one page for many logs, for CI)", 0 },
	{ "source-url", OPT_SOURCE_URL, "TEMPLATE", 0,
	  "with --format=html: link each source place to TEMPLATE, with %{file}, %{line} and "
	  "%{version} filled in", 0 },
	{ "color", OPT_COLOR, "WHEN", 0, "colour the output: auto (default), always, never", 0 },
	{ "strip-prefix", OPT_STRIP_PREFIX, "DIR", 0,
	  "remove DIR/ from source file names (repeatable)", 0 },
	{ "relative-paths", OPT_RELATIVE_PATHS, NULL, 0,
	  "source file names relative to their source tree, none absolute (after the "
	  "kernel tree's linux-VERSION/, or an out-of-tree module's directory)", 0 },
	{ "style", OPT_STYLE, "STYLE", 0,
	  "with --format=annotate: below (default: a frame's decoding on lines under it) or "
	  "inline (appended to it, as decode_stacktrace.sh and syzbot print it)", 0 },
	{ "only-reports", OPT_ONLY_REPORTS, NULL, 0,
	  "with --format=annotate: the reports only, not the rest of the log", 0 },
	{ "count", OPT_COUNT, NULL, 0,
	  "with --format=summary: one line per distinct title, with its number of reports", 0 },
	{ "fail-on", OPT_FAIL_ON, "KINDS", 0,
	  "exit with status 5 when a report of one of KINDS is found (kinds or classes, "
	  "comma-separated, or any)", 0 },
	{ "quiet", 'q', NULL, 0, "print errors only, no warnings", 0 },
	{ "verbose", 'v', NULL, 0,
	  "say which files are used, show ELF sections; twice: debug messages", 0 },
	{ NULL }
};

static const char doc[] =
	"Decode Linux kernel oopses, BUGs, WARNINGs, panics and backtraces: map each "
	"frame to its function, section, module and source file:line:column, with "
	"inlined functions. Reads each FILE (plain or gzip), or standard input when "
	"there is none or FILE is -."
	"\v"
	"Debug files are looked for in this order (-v says where, and what was chosen): "
	"-k and -m; the release's places (/usr/lib/debug/boot/vmlinux-REL, ..., and for a "
	"module the file depmod chose in /lib/modules/REL, or its twin under "
	"/usr/lib/debug/lib/modules/REL); /usr/lib/debug/.build-id/; debuginfod "
	"($DEBUGINFOD_URLS), by the build IDs of the report or snapshot.\n\n"
	"Exit status:\n"
	"  0  decoded (whether or not there were reports)\n"
	"  1  some frames could not be resolved\n"
	"  2  usage error\n"
	"  3  an input or debug file could not be read (or, with -j, decoded)\n"
	"  4  the output could not be written\n"
	"  5  a report of a kind --fail-on names was found\n"
	"  6  decoded, but the debug files or snapshot are not the report's kernel's\n\n"
	"kdecode snapshot records where the kernel and its modules are loaded, for -s: "
	"see kdecode snapshot --help. kdecode index indexes debug files once, for faster "
	"decoding: see kdecode index --help.";

static void push_arg(const char ***array, size_t *n, const char *arg)
{
	*array = xreallocarray(*array, *n + 1, sizeof(**array));
	(*array)[(*n)++] = arg;
}

/* "kasan,lockdep" or "any": every word a kind or class kdecode knows */
static void check_fail_on(struct argp_state *state, const char *arg)
{
	if (streq(arg, "any"))
		return;
	for (const char *p = arg; *p;) {
		size_t n = strcspn(p, ",");
		char *word = xstrndup(p, n);
		bool ok = n > 0 && kind_is_known_name(word);
		if (!ok) {
			argp_error(state, "invalid --fail-on kind '%s': use any, or some of %s", word,
				   "bug, warning, kasan, lockdep, hang, ... (kdecode(1), Reports)");
			free(word);
			return;
		}
		free(word);
		p += n + (p[n] == ',');
	}
}

/* does --fail-on name this report's kind or class? */
static bool is_failing(const struct kdecode_opts *o, const struct report *r)
{
	if (o->fail_on == NULL)
		return false;
	if (streq(o->fail_on, "any"))
		return true;
	for (const char *p = o->fail_on; *p;) {
		size_t n = strcspn(p, ",");
		if ((strlen(r->kind) == n && strncmp(p, r->kind, n) == 0) ||
		    (strlen(r->class) == n && strncmp(p, r->class, n) == 0))
			return true;
		p += n + (p[n] == ',');
	}
	return false;
}

/* -j 0 */
static unsigned int online_cpus(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n < 1 ? 1 : n > JOBS_MAX ? JOBS_MAX : (unsigned int)n;
}

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct kdecode_opts *o = state->input;

	switch (key) {
	case 'k':
		o->vmlinux = arg;
		break;
	case 'm':
		push_arg(&o->module_dirs, &o->n_module_dirs, arg);
		break;
	case 'r':
		if (!kernel_release_is_valid(arg))
			argp_error(state, "invalid release '%s': want [A-Za-z0-9._+~-], no '..'",
				   arg);
		o->release = arg;
		break;
	case OPT_ROOT:
		o->root = arg;
		break;
	case 's':
		push_arg(&o->snapshots, &o->n_snapshots, arg);
		break;
	case 'f':
		if (streq(arg, "annotate"))
			o->format = FORMAT_ANNOTATE;
		else if (streq(arg, "json"))
			o->format = FORMAT_JSON;
		else if (streq(arg, "summary"))
			o->format = FORMAT_SUMMARY;
		else if (streq(arg, "html"))
			o->format = FORMAT_HTML;
		else
			argp_error(state, "invalid format '%s': use annotate, json, summary or html",
				   arg);
		break;
	case OPT_COLOR:
		if (streq(arg, "auto"))
			o->color = COLOR_AUTO;
		else if (streq(arg, "always"))
			o->color = COLOR_ALWAYS;
		else if (streq(arg, "never"))
			o->color = COLOR_NEVER;
		else
			argp_error(state, "invalid --color '%s': use auto, always or never", arg);
		break;
	case OPT_STRIP_PREFIX:
		push_arg(&o->strip_prefixes, &o->n_strip_prefixes, arg);
		break;
	case 'R':
		o->is_recursive = true;
		break;
	case OPT_COUNT:
		o->is_counting = true;
		break;
	case 'S':
		push_arg(&o->source_dirs, &o->n_source_dirs, arg);
		break;
	case OPT_CACHE_DIR:
		o->cache_dir = arg;
		break;
	case OPT_NO_CACHE:
		o->is_without_cache = true;
		break;
	case OPT_FRAME:
		o->is_frames = true;
		break;
	case OPT_STYLE:
		if (streq(arg, "below"))
			o->style = STYLE_BELOW;
		else if (streq(arg, "inline"))
			o->style = STYLE_INLINE;
		else
			argp_error(state, "invalid --style '%s': use below or inline", arg);
		break;
	case OPT_ONLY_REPORTS:
		o->is_only_reports = true;
		break;
	case OPT_SOURCE_URL:
		o->source_url = arg;
		break;
	case OPT_RELATIVE_PATHS:
		o->has_relative_paths = true;
		break;
	case OPT_FAIL_ON:
		check_fail_on(state, arg);
		o->fail_on = arg;
		break;
	case 'j': {
		uint64_t n;
		size_t used = parse_dec(arg, &n);
		if (used == 0 || arg[used] != '\0' || n > JOBS_MAX)
			argp_error(state, "invalid --jobs '%s': use a number from 1 to %d, or 0 "
				   "for one per CPU", arg, JOBS_MAX);
		else
			o->n_jobs = n ? (unsigned int)n : online_cpus();
		break;
	}
	case ARGP_KEY_END:
		if (o->is_counting && o->format != FORMAT_SUMMARY)
			argp_error(state, "--count goes with --format=summary");
		if ((o->style != STYLE_BELOW || o->is_only_reports) &&
		    o->format != FORMAT_ANNOTATE)
			argp_error(state, "--style and --only-reports go with --format=annotate");
		if (o->source_url && o->format != FORMAT_HTML)
			argp_error(state, "--source-url goes with --format=html");
		/* the page is written at the end, from every report: one process makes it */
		if (o->format == FORMAT_HTML && o->n_jobs > 1)
			argp_error(state, "--format=html decodes in one process: no -j");
		break;
	case 'q':
		o->verbosity = 0;
		break;
	case 'v':
		o->verbosity++;
		break;
	case ARGP_KEY_ARG:
		push_arg(&o->files, &o->n_files, arg);
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, "[FILE...]", doc, NULL, NULL, NULL };

struct kdecode_ctx *kdecode_ctx_new(void)
{
	struct kdecode_ctx *ctx = xcalloc(1, sizeof(*ctx));

	ctx->log_fn = kd_log_stderr;
	ctx->log_priority = LOG_NOTICE;
	ctx->opts.verbosity = 1;
	ctx->opts.n_jobs = 1;
	ctx->said = hash_new(NULL);
	return ctx;
}

void kdecode_ctx_free(struct kdecode_ctx *ctx)
{
	if (ctx == NULL)
		return;
	debuginfo_free(ctx->debuginfo);
	hash_free(ctx->said);
	free(ctx->running_release);
	free(ctx->opts.module_dirs);
	free(ctx->opts.strip_prefixes);
	free(ctx->opts.snapshots);
	free(ctx->opts.source_dirs);
	source_free(ctx);
	for (size_t i = 0; i < ctx->n_unindexed; i++)
		free(ctx->unindexed[i]);
	free(ctx->unindexed);
	if (ctx->snapshots)
		snapshot_set_release(ctx->snapshots);
	free(ctx->snapshots);
	free(ctx->opts.files);
	free(ctx);
}

/* uname -r, or the release of the system mounted at --root */
static char *running_release(const struct kdecode_opts *o)
{
	struct utsname u;

	if (o->root && o->root[0]) {
		struct strbuf path = STRBUF_INIT;
		strbuf_printf(&path, "%s/proc/sys/kernel/osrelease", o->root);
		FILE *f = fopen(strbuf_str(&path), "re");
		strbuf_release(&path);
		char buf[256];
		if (f && fgets(buf, sizeof(buf), f)) {
			fclose(f);
			rtrim(buf);
			return kernel_release_is_valid(buf) ? xstrdup(buf) : NULL;
		}
		if (f)
			fclose(f);
		return NULL;
	}
	return uname(&u) == 0 ? xstrdup(u.release) : NULL;
}

static bool want_color(enum kd_color c)
{
	const char *term = getenv("TERM");

	if (c != COLOR_AUTO)
		return c == COLOR_ALWAYS;
	const char *no_color = getenv("NO_COLOR");

	/* no-color.org: NO_COLOR set to a non-empty value */
	return isatty(STDOUT_FILENO) && (no_color == NULL || no_color[0] == '\0') && term &&
	       !streq(term, "dumb");
}

/* a "WARNING:" line that had none of the kernel's grammar after it: its lines go out
 * as any other line outside a report */
static void echo_report_lines(struct render *rd, const struct report *r)
{
	for (size_t i = 0; i < r->n_lines; i++) {
		const struct report_line *rl = &r->lines[i];
		struct line l = { .raw = rl->raw, .raw_len = rl->raw_len, .no = rl->no };
		if (rd->ops->line)
			rd->ops->line(rd, &l);
	}
}

static void finish_report(struct render *rd, struct report *r, bool at_eof)
{
	struct kdecode_ctx *ctx = rd->ctx;

	if (r->is_spurious) {
		echo_report_lines(rd, r);
		report_free(r);
		return;
	}

	/* what the parser found wrong (an invalid release, a report cut short) */
	for (size_t i = 0; i < r->n_warnings; i++) {
		char *msg = xasprintf("'%s': %s", r->source, r->warnings[i]);
		if (kd_first_time(ctx, msg))
			WARN(ctx, "%s\n", msg);
		free(msg);
	}
	/* a report still in its trace when the input ends was cut short */
	if (at_eof && r->n_frames == 0 && !streq(r->kind, "panic")) {
		report_add_warning(r, "report without frames at the end of the input (truncated?)");
		WARN(ctx, "'%s': line %lu: report without frames at the end of the input "
			  "(truncated?)\n", r->source, r->first_line);
	}
	disasm_report(r);
	resolve_report(ctx, r);
	source_lines(ctx, r);
	if (is_failing(&ctx->opts, r))
		ctx->n_failing++;
	rd->ops->report(rd, r);
	rd->n_reports++;
	ctx->n_reports++;
	report_free(r);
}

/* an input that could not be read (whole or in part): said, counted for the exit
 * status, and the first such message kept for the output (JSON "inputs") */
static void input_failed(struct kdecode_ctx *ctx, char **error, char *msg)
{
	ERR(ctx, "%s\n", msg);
	ctx->n_unreadable++;
	if (*error == NULL)
		*error = msg;
	else
		free(msg);
}

/* one input, line by line: lines outside reports go straight out, a report is
 * buffered until it ends, then resolved and rendered */
static void decode_lines(struct render *rd, const char *path, struct linebuf *lb,
			 bool is_threaded);

/* A file is parsed in a thread of its own beside the decoding, where there is a CPU for
 * it: not for a pipe (its lines are decoded as they come), nor in a -j worker (the
 * workers have the CPUs) */
static bool is_worth_a_thread(const struct render *rd, const char *path)
{
	struct stat st;
	cpu_set_t cpus;

	/* the CPUs it may run on (taskset, cgroups), without reading /sys */
	return !rd->is_part && !streq(path, "-") && stat(path, &st) == 0 && S_ISREG(st.st_mode) &&
	       sched_getaffinity(0, sizeof(cpus), &cpus) == 0 && CPU_COUNT(&cpus) > 1;
}

static void decode_file(struct render *rd, const char *path)
{
	struct kdecode_ctx *ctx = rd->ctx;
	struct linebuf *lb;
	char *error = NULL;
	int err = linebuf_open(path, &lb);

	if (err < 0) {
		input_failed(ctx, &error, xasprintf("cannot open '%s': %s", path, strerror(-err)));
		rd->ops->input(rd, path, error, 0);
		free(error);
		return;
	}
	decode_lines(rd, path, lb, is_worth_a_thread(rd, path));
}

/* the lines of lb, named path in messages and reports; lb is freed */
static void decode_lines(struct render *rd, const char *path, struct linebuf *lb,
			 bool is_threaded)
{
	struct kdecode_ctx *ctx = rd->ctx;
	size_t reports_before = rd->n_reports;
	char *error = NULL;
	struct reader_out out;
	enum reader_item item;
	/* the disassembler's loading (1-2 ms of relocations) is done while the log's
	 * second half is parsed, rather than at its first Code: line; and each report's
	 * Code: lines are disassembled as it is parsed (they need nothing else), beside the
	 * decoding of the report before */
	static const struct reader_hooks hooks = {
		.ahead = disasm_preload,
		.prepare = disasm_report,
	};
	struct report_reader *rr = report_reader_start(
		lb, path, rd->ops->line && !ctx->opts.is_only_reports, is_threaded, &hooks);

	while ((item = report_reader_next(rr, &out)) != READER_END)
		if (item == READER_REPORT)
			finish_report(rd, out.report, out.at_eof);
		else
			rd->ops->line(rd, &out.line);
	int err = report_reader_end(rr);
	if (err < 0)
		input_failed(ctx, &error,
			     streq(path, "-") ? xasprintf("cannot read standard input: %s",
							  linebuf_error(lb))
					      : xasprintf("cannot read '%s': %s", path,
							  linebuf_error(lb)));
	if (linebuf_compression(lb))
		input_failed(ctx, &error,
			     xasprintf("'%s': %s-compressed; decompress it first (kdecode reads "
				       "text and gzip)", path, linebuf_compression(lb)));
	else if (linebuf_is_binary(lb))
		input_failed(ctx, &error, xasprintf("'%s': binary data, not a kernel log", path));
	else if (rd->n_reports == reports_before && err == 0)
		NOTICE(ctx, "no kernel report in '%s'\n", path);
	rd->ops->input(rd, path, error, rd->n_reports - reports_before);
	free(error);
	linebuf_free(lb);
}

struct path_list {
	char **paths;
	size_t n, alloc;
};

/* "ffffffff8134d496": an address as addr2line takes one, 8 or 16 hex digits */
static bool is_bare_address(const char *arg)
{
	size_t n = strlen(arg);

	return (n == 8 || n == 16) && is_hex_string(arg, n);
}

/* an argument that is a frame ("vfs_write+0xc7/0x3f0", "[<ffffffff8134d496>]",
 * "trigger_write+0xb8/0x161 [oopsmod]"), not a file: it names none, and reads as one */
static bool is_frame_arg(const struct kdecode_opts *o, const char *arg)
{
	struct frame f;
	struct frame_marker m;
	struct stat st;

	if (o->is_frames)
		return true;
	if (streq(arg, "-") || stat(arg, &st) == 0)
		return false;
	return is_bare_address(arg) || frame_parse(arg, &f, &m) == FRAME_LINE_FRAME;
}

/* The frame arguments, as the call trace they were copied from: one input, named
 * "(arguments)", decoded before the files. Bare addresses are vmlinux's link-time ones
 * (addr2line's and faddr2line's): "Kernel Offset: disabled" says so to the parser. */
static void decode_frames(struct render *rd, const struct path_list *frames)
{
	struct strbuf text = STRBUF_INIT;
	int fd = memfd_create("kdecode-frames", MFD_CLOEXEC);
	struct linebuf *lb;

	if (frames->n == 0)
		return;
	strbuf_pushstr(&text, "Call Trace:\n");
	for (size_t i = 0; i < frames->n; i++)
		strbuf_printf(&text, is_bare_address(frames->paths[i]) ? " [<%s>]\n" : " %s\n",
			      frames->paths[i]);
	strbuf_pushstr(&text, "Kernel Offset: disabled\n");
	if (fd < 0 || write(fd, text.buf, text.used) != (ssize_t)text.used ||
	    lseek(fd, 0, SEEK_SET) < 0 || linebuf_open_fd(fd, &lb) < 0) {
		ERR(rd->ctx, "cannot hold the frames of the command line: %s\n", strerror(errno));
		rd->ctx->n_unreadable++;
		if (fd >= 0)
			close(fd);
		strbuf_release(&text);
		return;
	}
	strbuf_release(&text);
	rd->is_frames = true;
	decode_lines(rd, "(arguments)", lb, false);
	rd->is_frames = false;
}

static int cmp_name(const void *a, const void *b)
{
	return strcmp(*(char *const *)a, *(char *const *)b);
}

/* -R: the regular files below dir, in name order, depth first; links to directories
 * are not followed (no loops), a link to a file is read */
static void add_tree(struct kdecode_ctx *ctx, const char *dir, unsigned int depth,
		     struct path_list *out)
{
	struct path_list names = { 0 };
	DIR *d = depth < 64 ? opendir(dir) : NULL;
	struct dirent *de;

	if (d == NULL) {
		ERR(ctx, "cannot read directory '%s': %s\n", dir,
		    depth < 64 ? strerror(errno) : "nested too deep");
		ctx->n_unreadable++;
		return;
	}
	while ((de = readdir(d))) {
		if (streq(de->d_name, ".") || streq(de->d_name, ".."))
			continue;
		ARRAY_GROW(names.paths, names.n, names.alloc);
		names.paths[names.n++] = xasprintf("%s/%s", dir, de->d_name);
	}
	closedir(d);
	qsort_safe(names.paths, names.n, sizeof(*names.paths), cmp_name);
	for (size_t i = 0; i < names.n; i++) {
		struct stat st;
		char *path = names.paths[i];
		if (lstat(path, &st) == 0 && S_ISDIR(st.st_mode)) {
			add_tree(ctx, path, depth + 1, out);
			free(path);
		} else if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) {
			ARRAY_GROW(out->paths, out->n, out->alloc);
			out->paths[out->n++] = path;
		} else {
			free(path);
		}
	}
	free(names.paths);
}

/* the inputs: FILE... as given, or with -R the files below each directory */
static void list_inputs(struct kdecode_ctx *ctx, struct path_list *out,
			struct path_list *frames)
{
	const struct kdecode_opts *o = &ctx->opts;
	struct stat st;

	for (size_t i = 0; i < o->n_files; i++) {
		if (is_frame_arg(o, o->files[i])) {
			ARRAY_GROW(frames->paths, frames->n, frames->alloc);
			frames->paths[frames->n++] = xstrdup(o->files[i]);
			continue;
		}
		if (o->is_recursive && stat(o->files[i], &st) == 0 && S_ISDIR(st.st_mode)) {
			add_tree(ctx, o->files[i], 0, out);
			continue;
		}
		ARRAY_GROW(out->paths, out->n, out->alloc);
		out->paths[out->n++] = xstrdup(o->files[i]);
	}
	/* no argument at all: standard input; only frames: nothing more */
	if (o->n_files == 0) {
		ARRAY_GROW(out->paths, out->n, out->alloc);
		out->paths[out->n++] = xstrdup("-");
	}
}

/* a path given on the command line that cannot be used stops the run before any
 * output, rather than leaving every frame unresolved */
static bool check_path(struct kdecode_ctx *ctx, const char *opt, const char *path,
		       bool want_dir)
{
	struct stat st;

	if (stat(path, &st) < 0) {
		ERR(ctx, "%s '%s': %s\n", opt, path, strerror(errno));
		return false;
	}
	if (want_dir && !S_ISDIR(st.st_mode)) {
		ERR(ctx, "%s '%s': not a directory\n", opt, path);
		return false;
	}
	if (!want_dir && S_ISDIR(st.st_mode)) {
		ERR(ctx, "%s '%s': a directory, not a vmlinux file\n", opt, path);
		return false;
	}
	return true;
}

static bool check_paths(struct kdecode_ctx *ctx)
{
	const struct kdecode_opts *o = &ctx->opts;
	bool ok = true;

	if (o->vmlinux && check_path(ctx, "--vmlinux", o->vmlinux, false)) {
		char *why;
		if (debuginfo_check_vmlinux(o->vmlinux, &why) < 0) {
			ERR(ctx, "%s\n", why);
			ok = false;
		}
		free(why);
	} else if (o->vmlinux) {
		ok = false;
	}
	if (o->root)
		ok &= check_path(ctx, "--sysroot", o->root, true);
	for (size_t i = 0; i < o->n_module_dirs; i++)
		ok &= check_path(ctx, "--modules", o->module_dirs[i], true);
	for (size_t i = 0; i < o->n_source_dirs; i++)
		ok &= check_path(ctx, "--source", o->source_dirs[i], true);
	return ok;
}

/* every -s file before any input: a damaged one stops the run (exit status 3) */
static bool read_snapshots(struct kdecode_ctx *ctx)
{
	if (ctx->opts.n_snapshots == 0)
		return true;
	ctx->snapshots = xcalloc(1, sizeof(*ctx->snapshots));
	for (size_t i = 0; i < ctx->opts.n_snapshots; i++) {
		char *why;
		size_t seen = ctx->snapshots->n_warnings;
		if (snapshot_read(ctx->opts.snapshots[i], ctx->snapshots, &why) < 0) {
			ERR(ctx, "%s\n", why);
			free(why);
			return false;
		}
		/* a torn last record, a record with a bad release: left out, not fatal */
		for (size_t j = seen; j < ctx->snapshots->n_warnings; j++)
			WARN(ctx, "%s\n", ctx->snapshots->warnings[j]);
	}
	return true;
}

/* After the output, which is not kept waiting for them: the indexes of the files read
 * from their DWARF, by this process or by its workers (-j), which said which */
static void write_indexes(struct kdecode_ctx *ctx)
{
	char **paths;
	size_t n = debuginfo_unindexed(ctx, &paths);

	paths = xreallocarray(paths, n + ctx->n_unindexed + 1, sizeof(*paths));
	for (size_t i = 0; i < ctx->n_unindexed; i++)
		paths[n++] = TAKE_PTR(ctx->unindexed[i]);
	/* what decoding holds is not needed any more: only what indexing takes */
	debuginfo_free(ctx->debuginfo);
	ctx->debuginfo = NULL;
	index_write_missing(ctx, paths, n);
	for (size_t i = 0; i < n; i++)
		free(paths[i]);
	free(paths);
}

int kdecode_parse_command(const struct argp *command, int argc, char **argv, void *input)
{
	char *name = xasprintf("%s %s", program_invocation_short_name, argv[0]);
	char *saved = argv[0];

	argv[0] = name;
	int err = argp_parse(command, argc, argv, 0, NULL, input);
	argv[0] = saved;
	free(name);
	return err;
}

int kdecode_log_priority(int verbosity)
{
	return verbosity <= 0 ? LOG_ERR : verbosity == 1 ? LOG_NOTICE : LOG_INFO;
}

int main(int argc, char *argv[])
{
	struct kdecode_ctx *ctx = kdecode_ctx_new();

	argp_err_exit_status = EXIT_USAGE;
	/* "kdecode: unrecognized option", as every other message begins, not "./kdecode:" */
	argv[0] = program_invocation_short_name;
	if (argc > 1 && streq(argv[1], "snapshot")) {
		int status = kdecode_snapshot_main(ctx, argc - 1, argv + 1);
		kdecode_ctx_free(ctx);
		return status;
	}
	if (argc > 1 && streq(argv[1], "index")) {
		int status = kdecode_index_main(ctx, argc - 1, argv + 1);
		kdecode_ctx_free(ctx);
		return status;
	}
	if (argp_parse(&argp, argc, argv, 0, NULL, &ctx->opts) != 0) {
		kdecode_ctx_free(ctx);
		return EXIT_USAGE;
	}
	ctx->log_priority = ctx->opts.verbosity == 0   ? LOG_ERR
			    : ctx->opts.verbosity == 1 ? LOG_NOTICE
			    : ctx->opts.verbosity == 2 ? LOG_INFO
						       : LOG_DEBUG;
	if (!check_paths(ctx) || !read_snapshots(ctx)) {
		kdecode_ctx_free(ctx);
		return EXIT_UNREADABLE;
	}
	ctx->use_color = want_color(ctx->opts.color);
	ctx->running_release = running_release(&ctx->opts);

	struct render rd = { .ctx = ctx, .out = stdout };
	/* the output is written by this thread alone (report/reader.c's writes nothing): no
	 * lock taken for each of its thousands of small writes */
	__fsetlocking(stdout, FSETLOCKING_BYCALLER);
	/* to a file or a pipe, in writes of 64 KiB rather than of the 4 KiB block: a JSON
	 * document of a few reports is then a handful of writes (a terminal keeps its line
	 * buffering). glibc takes a size only with a buffer, which must outlive the stream */
	static char out_buffer[1 << 16];
	if (!isatty(STDOUT_FILENO))
		setvbuf(stdout, out_buffer, _IOFBF, sizeof(out_buffer));
	/* a terminal acts on escapes in the input, and so does less -R under forced colour */
	rd.escape_input = isatty(STDOUT_FILENO) || ctx->opts.color == COLOR_ALWAYS;
	switch (ctx->opts.format) {
	case FORMAT_ANNOTATE:
		rd.ops = &render_annotate_ops;
		break;
	case FORMAT_JSON:
		rd.ops = &render_json_ops;
		break;
	case FORMAT_SUMMARY:
		rd.ops = &render_summary_ops;
		break;
	case FORMAT_HTML:
		rd.ops = &render_html_ops;
		break;
	}
	struct path_list inputs = { 0 }, frames = { 0 };
	list_inputs(ctx, &inputs, &frames);

	rd.ops->begin(&rd);
	decode_frames(&rd, &frames);
	for (size_t i = 0; i < frames.n; i++)
		free(frames.paths[i]);
	free(frames.paths);
	if (ctx->opts.n_jobs > 1 && inputs.n > 1)
		jobs_run(&rd, inputs.paths, inputs.n, ctx->opts.n_jobs, decode_file);
	else
		for (size_t i = 0; i < inputs.n; i++)
			decode_file(&rd, inputs.paths[i]);
	for (size_t i = 0; i < inputs.n; i++)
		free(inputs.paths[i]);
	free(inputs.paths);
	rd.ops->end(&rd);
	render_release(&rd);

	int status = EXIT_DECODED;
	bool is_written = close_stdout();
	int write_errno = errno ? errno : EIO;
	write_indexes(ctx);
	if (!is_written) {
		ERR(ctx, "cannot write the output: %s\n", strerror(write_errno));
		status = EXIT_WRITE;
	} else if (ctx->n_unreadable) {
		status = EXIT_UNREADABLE;
	} else if (ctx->n_failing) {
		status = EXIT_FAIL_ON;
	} else if (ctx->n_mismatched) {
		status = EXIT_MISMATCH;
	} else if (ctx->n_unresolved) {
		status = EXIT_UNRESOLVED;
	}
	disasm_forget();
	kdecode_ctx_free(ctx);
	return status;
}
