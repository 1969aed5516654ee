/* SPDX-License-Identifier: GPL-2.0-or-later */
/* log.h: messages to the user through ctx->log_fn, and "say it only once" keys. */
#pragma once

#include <stdbool.h>
#include <syslog.h>

#include "kdecode.h"

void kd_log(struct kdecode_ctx *ctx, int priority, const char *fmt, ...)
	_printf_format_(3, 4) _nonnull_(1, 3);
/* "kdecode: warning: message\n", escaped, as the default sink writes it; caller frees */
char *kd_log_format(int priority, const char *fmt, va_list args) _printf_format_(2, 0)
	__attribute__((malloc, returns_nonnull));
/* the default sink: "kdecode: message" on stderr, "warning: " before warnings */
void kd_log_stderr(void *data, int priority, const char *fmt, va_list args)
	_printf_format_(3, 0);
/* true the first time key is seen in this run (warn once per file, not per frame);
 * after KD_SAID_MAX distinct keys, false (and that is said once). The message that
 * follows a true must be the next kd_log_cond() call: with -j, a worker passes key to
 * ctx->once_fn and that message goes with it (see kdecode.h) */
#define KD_SAID_MAX 1000
bool kd_first_time(struct kdecode_ctx *ctx, const char *key) _nonnull_(1, 2);

/* a message left out still ends what kd_first_time() began */
#define kd_log_cond(ctx, prio, ...)                            \
	do {                                                   \
		if ((ctx)->log_priority >= (prio))             \
			kd_log((ctx), (prio), __VA_ARGS__);    \
		else                                           \
			(ctx)->is_once_pending = false;        \
	} while (0)

#define ERR(ctx, ...) kd_log_cond(ctx, LOG_ERR, __VA_ARGS__)
#define WARN(ctx, ...) kd_log_cond(ctx, LOG_WARNING, __VA_ARGS__)
#define NOTICE(ctx, ...) kd_log_cond(ctx, LOG_NOTICE, __VA_ARGS__)
#define INFO(ctx, ...) kd_log_cond(ctx, LOG_INFO, __VA_ARGS__)
#define DBG(ctx, ...) kd_log_cond(ctx, LOG_DEBUG, __VA_ARGS__)
