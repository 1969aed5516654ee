// SPDX-License-Identifier: GPL-2.0-or-later
/* debuginfod.c: fetch debug files by build ID from the servers of $DEBUGINFOD_URLS. */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <elfutils/debuginfod.h>

#include "debug/debuginfod.h"
#include "log.h"
#include "shared/dlib.h"
#include "shared/util.h"

/* libdebuginfod is opened only when DEBUGINFOD_URLS names a server, as libdwfl does:
 * linked in, its libcurl and TLS libraries would read their configuration at every
 * start, for every log (tests/hostile-strace.sh) */
static __typeof__(&debuginfod_begin) sym_debuginfod_begin;
static __typeof__(&debuginfod_end) sym_debuginfod_end;
static __typeof__(&debuginfod_find_debuginfo) sym_debuginfod_find_debuginfo;
static __typeof__(&debuginfod_set_progressfn) sym_debuginfod_set_progressfn;
static __typeof__(&debuginfod_set_verbose_fd) sym_debuginfod_set_verbose_fd;

static const struct dlib_sym debuginfod_syms[] = {
	DLIB_SYM(debuginfod_begin), DLIB_SYM(debuginfod_end),
	DLIB_SYM(debuginfod_find_debuginfo), DLIB_SYM(debuginfod_set_progressfn),
	DLIB_SYM(debuginfod_set_verbose_fd),
};

static struct dlib libdebuginfod = DLIB_INIT("libdebuginfod.so.1", "libdebuginfod1",
					     debuginfod_syms);

struct kd_debuginfod {
	struct kdecode_ctx *ctx;
	debuginfod_client *client;
	const char *what;	/* the file being fetched, for the progress line */
	bool is_progress_shown;	/* a progress line is on the terminal: clear it */
};

/* the fetch under way (one client a run, one fetch at a time): its progress callback
 * gets no pointer of ours */
static struct kd_debuginfod *fetching;

/* "kdecode: downloading vmlinux from debuginfod: 12345/280000 KiB", over itself */
static int progress(debuginfod_client *client, long done, long total)
{
	struct kd_debuginfod *d = fetching;

	if (d == NULL)
		return 0;
	if (total > 0)
		fprintf(stderr, "\rkdecode: downloading %s from debuginfod: %ld/%ld KiB", d->what,
			done >> 10, total >> 10);
	else
		fprintf(stderr, "\rkdecode: downloading %s from debuginfod: %ld KiB", d->what,
			done >> 10);
	d->is_progress_shown = true;
	return 0;	/* go on */
}

struct kd_debuginfod *kd_debuginfod_new(struct kdecode_ctx *ctx, char **why)
{
	const char *urls = getenv("DEBUGINFOD_URLS");

	if (urls == NULL || urls[strspn(urls, " \t")] == '\0') {
		*why = xstrdup("debuginfod: DEBUGINFOD_URLS is not set");
		return NULL;
	}
	const char *cannot;
	if (!dlib_load(&libdebuginfod, &cannot)) {
		*why = xasprintf("debuginfod: %s", cannot);
		return NULL;
	}
	debuginfod_client *client = sym_debuginfod_begin();
	if (client == NULL) {
		*why = xasprintf("debuginfod: cannot start its client: %s", strerror(errno));
		return NULL;
	}
	struct kd_debuginfod *d = xcalloc(1, sizeof(*d));
	d->ctx = ctx;
	d->client = client;
	/* as debuginfod-find -v: its own account of each request with -vv */
	if (ctx->log_priority >= LOG_DEBUG)
		sym_debuginfod_set_verbose_fd(client, STDERR_FILENO);
	/* a 280 MB vmlinux takes a while: say so, where someone watches */
	if (ctx->log_priority >= LOG_NOTICE && isatty(STDERR_FILENO))
		sym_debuginfod_set_progressfn(client, progress);
	return d;
}

void kd_debuginfod_free(struct kd_debuginfod *d)
{
	if (d == NULL)
		return;
	sym_debuginfod_end(d->client);
	/* not dlclose()d, as libdwfl does not: libcurl's global state would be left
	 * unreachable (a leak to LeakSanitizer), and libdwfl may hold the library too */
	free(d);
}

int kd_debuginfod_fetch(struct kd_debuginfod *d, const char *build_id, const char *what,
			char **path, char **why)
{
	char *got = NULL;

	d->what = what;
	fetching = d;
	int fd = sym_debuginfod_find_debuginfo(d->client, (const unsigned char *)build_id, 0,
					       &got);
	fetching = NULL;
	if (d->is_progress_shown) {
		fputs("\r\033[K", stderr);
		d->is_progress_shown = false;
	}
	if (fd < 0) {
		const char *urls = getenv("DEBUGINFOD_URLS");
		/* -ENOENT: every server answered, none has it (404) */
		const char *timeout = getenv("DEBUGINFOD_TIMEOUT");
		if (fd == -ENOENT)
			*why = xasprintf("debuginfod (%s) has no debug file of build ID %s", urls,
					 build_id);
		else if (fd == -ETIME)	/* curl's timeout: the server took too long */
			*why = xasprintf("debuginfod (%s): no answer for build ID %s within "
					 "DEBUGINFOD_TIMEOUT (%s s)", urls, build_id,
					 timeout ? timeout : "90");
		else
			*why = xasprintf("debuginfod (%s): cannot fetch build ID %s: %s", urls,
					 build_id, strerror(-fd));
		free(got);
		return fd;
	}
	close(fd);
	*path = got;
	return 0;
}
