// SPDX-License-Identifier: LGPL-2.1-or-later
/* once.c: tables built on first use, under one lock. */
#include <pthread.h>

#include "once.h"

/* recursive: building a table may build the ones it is made of */
static pthread_mutex_t lock = PTHREAD_RECURSIVE_MUTEX_INITIALIZER_NP;

void once_run(atomic_bool *done, void (*build)(void *arg), void *arg)
{
	pthread_mutex_lock(&lock);
	if (!atomic_load_explicit(done, memory_order_relaxed)) {
		build(arg);
		atomic_store_explicit(done, true, memory_order_release);
	}
	pthread_mutex_unlock(&lock);
}
