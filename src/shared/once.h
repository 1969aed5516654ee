/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* once.h: a table built on its first use, once, even when two threads use it first at the
 * same time (a log is parsed in a thread of its own while its reports are decoded). */
#pragma once

#include <stdatomic.h>
#include <stdbool.h>

#include "macro.h"

/* run build(arg) unless *done; it may itself build another table */
void once_run(atomic_bool *done, void (*build)(void *arg), void *arg) _nonnull_(1, 2);

static inline void once(atomic_bool *done, void (*build)(void *arg), void *arg)
{
	if (!atomic_load_explicit(done, memory_order_acquire))
		once_run(done, build, arg);
}
