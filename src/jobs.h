/* SPDX-License-Identifier: GPL-2.0-or-later */
/* jobs.h: -j: decode inputs in worker processes; write their output in input order. */
#pragma once

#include <stddef.h>

#include "render/render.h"

/* the most -j takes: one pipe and one process each */
#define JOBS_MAX 1024

/* how kdecode.c decodes one input through rd: its lines, reports and rd->ops->input() */
typedef void (*jobs_decode_fn)(struct render *rd, const char *path);

/* Decode paths[0..n) in n_jobs worker processes (at most n are started), and write
 * through rd, already begun and not yet ended, what decode() of each path in turn
 * would have written: the same stdout, the same stderr messages (once-only ones once),
 * in input order; what the workers counted is added to rd->ctx's counts. Every "-"
 * goes to one worker, which reads standard input in order, and so do the inputs
 * naming one FIFO or device. A worker that dies is an
 * error naming the input it had (counted in n_unreadable, and that input's error for
 * rd->ops->input()); its later inputs are decoded in this process, as are all of them
 * when no worker can be started. */
void jobs_run(struct render *rd, char *const *paths, size_t n, unsigned int n_jobs,
	      jobs_decode_fn decode) _nonnull_(1, 2, 5);
