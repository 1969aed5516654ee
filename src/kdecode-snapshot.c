// SPDX-License-Identifier: GPL-2.0-or-later
/* kdecode-snapshot.c: the "kdecode snapshot" command: its options, capture, save or append. */
#include "config.h"

#include <argp.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "kdecode.h"
#include "log.h"
#include "shared/util.h"
#include "snapshot/snapshot.h"

enum {
	OPT_APPEND = 0x100,
	OPT_KALLSYMS,
	OPT_ROOT,
};

struct snapshot_opts {
	const char *output;	/* -o FILE, NULL: stdout */
	const char *append;	/* --append FILE */
	const char *root;
	bool with_kallsyms;
	int verbosity;
};

static const struct argp_option options[] = {
	{ NULL, 0, NULL, 0, "Output:", 1 },
	{ "output", 'o', "FILE", 0, "write the snapshot to FILE (FILE.gz: gzip), not stdout", 0 },
	{ "append", OPT_APPEND, "FILE", 0,
	  "add it to the history FILE, unless the layout is the same as in FILE's last record "
	  "of this boot", 0 },
	{ "kallsyms", OPT_KALLSYMS, NULL, 0,
	  "embed /proc/kallsyms, to decode without any debug info", 0 },

	{ NULL, 0, NULL, 0, "Input:", 2 },
	{ "root", OPT_ROOT, "DIR", 0, "read proc/ and sys/ under DIR instead of /", 0 },

	{ NULL, 0, NULL, 0, "Messages:", 3 },
	{ "quiet", 'q', NULL, 0, "print errors only", 0 },
	{ "verbose", 'v', NULL, 0, "say what was recorded", 0 },
	{ NULL }
};

static const char doc[] =
	"Record where the running kernel and every section of every module are loaded, so "
	"that raw addresses in a later oops can be decoded (kdecode -s FILE). Run it as "
	"root, after every module load: the layout changes with each one, and the kernel "
	"keeps it nowhere that survives a crash. The format is kdecode-snapshot(5)."
	"\v"
	"Exit status:\n"
	"  0  recorded (or, with --append, the layout had not changed)\n"
	"  2  usage error\n"
	"  3  the system's layout, or the --append history, could not be read\n"
	"  4  the snapshot could not be written, or --append refused FILE: a symbolic link, "
	"not a regular file, not the caller's, writable by others, or with other hard links";

static error_t parse_opt(int key, char *arg, struct argp_state *state)
{
	struct snapshot_opts *o = state->input;

	switch (key) {
	case 'o':
		o->output = arg;
		break;
	case OPT_APPEND:
		o->append = arg;
		break;
	case OPT_KALLSYMS:
		o->with_kallsyms = true;
		break;
	case OPT_ROOT:
		o->root = arg;
		break;
	case 'q':
		o->verbosity = 0;
		break;
	case 'v':
		o->verbosity++;
		break;
	case ARGP_KEY_ARG:
		argp_error(state, "unexpected argument '%s'", arg);
		break;
	case ARGP_KEY_END:
		if (o->output && o->append)
			argp_error(state, "--output and --append exclude each other");
		break;
	default:
		return ARGP_ERR_UNKNOWN;
	}
	return 0;
}

static const struct argp argp = { options, parse_opt, NULL, doc, NULL, NULL, NULL };

/* where the snapshot goes: stdout, a file, or a history */
static int store(struct kdecode_ctx *ctx, const struct snapshot_opts *o, const struct snapshot *s)
{
	char *why = NULL;
	int err = 0;

	if (o->append) {
		bool is_written;
		unsigned long same_as;
		char *warnings;
		err = snapshot_append(s, o->append, &is_written, &same_as, &warnings, &why);
		for (char *w = warnings, *nl; w && (nl = strchr(w, '\n')); w = nl + 1)
			WARN(ctx, "%.*s\n", (int)(nl - w), w);
		free(warnings);
		if (err == 0 && !is_written)
			INFO(ctx, "'%s': layout unchanged since the record of line %lu\n", o->append,
			     same_as);
		else if (err == 0)
			INFO(ctx, "'%s': record added\n", o->append);
	} else if (o->output) {
		err = snapshot_save(s, o->output, &why);
	} else {
		struct strbuf text = STRBUF_INIT;
		snapshot_format(s, &text);
		fwrite(text.buf, 1, text.used, stdout);
		strbuf_release(&text);
		if (close_stdout())
			return EXIT_DECODED;
		ERR(ctx, "cannot write the snapshot to standard output: %s\n",
		    strerror(errno ? errno : EIO));
		return EXIT_WRITE;
	}
	if (err < 0) {
		ERR(ctx, "%s\n", why);
		free(why);
		/* an existing history that is not one could not be read, not written */
		return err == -EBADMSG ? EXIT_UNREADABLE : EXIT_WRITE;
	}
	return EXIT_DECODED;
}

int kdecode_snapshot_main(struct kdecode_ctx *ctx, int argc, char **argv)
{
	struct snapshot_opts o = { .verbosity = 1 };
	struct snapshot *s;
	char *why = NULL;

	int err = kdecode_parse_command(&argp, argc, argv, &o);
	if (err != 0)
		return EXIT_USAGE;
	ctx->log_priority = kdecode_log_priority(o.verbosity);
	if (snapshot_capture(o.root, o.with_kallsyms, &s, &why) < 0) {
		ERR(ctx, "%s\n", why);
		free(why);
		return EXIT_UNREADABLE;
	}
	if (s->lacks_module_support)
		NOTICE(ctx, "'%s/proc/modules' does not exist: a kernel without module support; "
			    "the snapshot has the kernel's release, build ID and layout, and no "
			    "modules\n", o.root ? o.root : "");
	INFO(ctx, "%s: %zu module%s, %zu symbol%s, kernel text %s\n", s->release, s->n_modules,
	     s->n_modules == 1 ? "" : "s", s->n_symbols, s->n_symbols == 1 ? "" : "s",
	     s->has_text ? "placed" : "hidden");
	int status = store(ctx, &o, s);
	snapshot_free(s);
	return status;
}
