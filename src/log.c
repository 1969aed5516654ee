// SPDX-License-Identifier: GPL-2.0-or-later
/* log.c: messages to the user through ctx->log_fn, and "say it only once" keys. */
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "shared/hash.h"
#include "shared/strbuf.h"
#include "shared/util.h"
#include "log.h"

char *kd_log_format(int priority, const char *fmt, va_list args)
{
	const char *what = "";

	if (priority <= LOG_ERR)
		what = "error: ";
	else if (priority == LOG_WARNING)
		what = "warning: ";
	/* messages quote input (a release, a module name, a path): never let its escapes
	 * reach the terminal; the message's own newline stays */
	char *msg = xvasprintf(fmt, args);
	size_t len = strlen(msg), body = len && msg[len - 1] == '\n' ? len - 1 : len;
	struct strbuf sb = STRBUF_INIT;
	strbuf_pushstr(&sb, "kdecode: ");
	strbuf_pushstr(&sb, what);
	strbuf_push_escaped(&sb, msg, body);
	strbuf_pushmem(&sb, msg + body, len - body);
	free(msg);
	return strbuf_steal(&sb);
}

void kd_log_stderr(void *data, int priority, const char *fmt, va_list args)
{
	char *msg = kd_log_format(priority, fmt, args);

	fputs(msg, stderr);
	free(msg);
}

void kd_log(struct kdecode_ctx *ctx, int priority, const char *fmt, ...)
{
	va_list ap;

	if (ctx->log_fn == NULL)
		return;
	va_start(ap, fmt);
	ctx->log_fn(ctx->log_data, priority, fmt, ap);
	va_end(ap);
}

bool kd_first_time(struct kdecode_ctx *ctx, const char *key)
{
	if (hash_contains(ctx->said, key))
		return false;
	if (ctx->once_fn) {
		/* a -j worker: the parent, which has seen the keys of every input before
		 * this one, decides whether the message that follows is given; a key goes
		 * to it once per worker (or, past KD_SAID_MAX, each time: bounded memory) */
		if (hash_count(ctx->said) < KD_SAID_MAX)
			hash_add(ctx->said, key, NULL);
		ctx->once_fn(ctx->log_data, key);
		ctx->is_once_pending = true;
		return true;
	}
	/* bounded: a log can make as many distinct messages as it has lines */
	if (hash_count(ctx->said) >= KD_SAID_MAX) {
		if (!ctx->is_said_full)
			WARN(ctx, "more than %d distinct messages: no more are shown\n",
			     KD_SAID_MAX);
		ctx->is_said_full = true;
		return false;
	}
	hash_add(ctx->said, key, NULL);
	return true;
}
