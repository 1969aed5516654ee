// SPDX-License-Identifier: GPL-2.0-or-later
/* debuginfod.c: fetch debug files by build ID from the servers of $DEBUGINFOD_URLS. */
#include <dlfcn.h>
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <elfutils/debuginfod.h>

#include "debug/debuginfod.h"
#include "log.h"
#include "shared/util.h"

/* libdebuginfod is opened only when DEBUGINFOD_URLS names a server, as libdwfl does:
 * linked in, its libcurl and TLS libraries would read their configuration at every
 * start, for every log (tests/hostile-strace.sh) */
struct client_fns {
	void *handle;
	debuginfod_client *(*begin)(void);
	void (*end)(debuginfod_client *);
	int (*find_debuginfo)(debuginfod_client *, const unsigned char *, int, char **);
	void (*set_progressfn)(debuginfod_client *, debuginfod_progressfn_t);
	void (*set_verbose_fd)(debuginfod_client *, int);
};

struct kd_debuginfod {
	struct kdecode_ctx *ctx;
	struct client_fns fn;
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

#define LOAD(fn, name) ((fn)->name = dlsym((fn)->handle, "debuginfod_" #name)) != NULL

static bool load(struct client_fns *fn)
{
	return LOAD(fn, begin) && LOAD(fn, end) && LOAD(fn, find_debuginfo) &&
	       LOAD(fn, set_progressfn) && LOAD(fn, set_verbose_fd);
}

struct kd_debuginfod *kd_debuginfod_new(struct kdecode_ctx *ctx, char **why)
{
	const char *urls = getenv("DEBUGINFOD_URLS");

	if (urls == NULL || urls[strspn(urls, " \t")] == '\0') {
		*why = xstrdup("debuginfod: DEBUGINFOD_URLS is not set");
		return NULL;
	}
	struct client_fns fn = {
		.handle = dlopen("libdebuginfod.so.1", RTLD_LAZY | RTLD_NODELETE),
	};
	if (fn.handle == NULL || !load(&fn)) {
		*why = xasprintf("debuginfod: cannot load libdebuginfod.so.1 (install the Debian "
				 "package libdebuginfod1): %s", dlerror());
		if (fn.handle)
			dlclose(fn.handle);
		return NULL;
	}
	debuginfod_client *client = fn.begin();
	if (client == NULL) {
		*why = xasprintf("debuginfod: cannot start its client: %s", strerror(errno));
		dlclose(fn.handle);
		return NULL;
	}
	struct kd_debuginfod *d = xcalloc(1, sizeof(*d));
	d->ctx = ctx;
	d->fn = fn;
	d->client = client;
	/* as debuginfod-find -v: its own account of each request with -vv */
	if (ctx->log_priority >= LOG_DEBUG)
		fn.set_verbose_fd(client, STDERR_FILENO);
	/* a 280 MB vmlinux takes a while: say so, where someone watches */
	if (ctx->log_priority >= LOG_NOTICE && isatty(STDERR_FILENO))
		fn.set_progressfn(client, progress);
	return d;
}

void kd_debuginfod_free(struct kd_debuginfod *d)
{
	if (d == NULL)
		return;
	d->fn.end(d->client);
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
	int fd = d->fn.find_debuginfo(d->client, (const unsigned char *)build_id, 0, &got);
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
