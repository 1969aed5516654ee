// SPDX-License-Identifier: LGPL-2.1-or-later
/* pages.c: giving back the pages of a file's mapping that were read once and are done
 * with. */
#include <errno.h>
#include <inttypes.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <time.h>
#include <unistd.h>

#include "pages.h"

/* "start-end perms offset dev inode path": a file's when it has an inode */
bool pages_maps_line_holds(const char *line, unsigned long lo, unsigned long hi)
{
	unsigned long start, end, inode;
	char perms[8];

	if (sscanf(line, "%lx-%lx %7s %*x %*x:%*x %lu", &start, &end, perms, &inode) != 4)
		return false;
	return start <= lo && hi <= end && inode != 0 && perms[0] == 'r';
}

/* true when [lo, hi) lies in one mapping of a file */
static bool is_file_mapping(unsigned long lo, unsigned long hi)
{
	FILE *maps = fopen("/proc/self/maps", "re");
	char line[4096 + 128];
	bool is_file = false;

	if (maps == NULL)
		return false;
	/* a line longer than the buffer (a long path) is read in pieces: only a piece at
	 * the beginning of a line is looked at */
	bool is_line_start = true;
	while (!is_file && fgets(line, sizeof(line), maps)) {
		if (is_line_start)
			is_file = pages_maps_line_holds(line, lo, hi);
		is_line_start = strchr(line, '\n') != NULL;
	}
	fclose(maps);
	return is_file;
}

/* the whole pages of [start, start + len): false when there are none */
static bool whole_pages(const void *start, size_t len, uintptr_t *lo, uintptr_t *hi)
{
	long size = sysconf(_SC_PAGESIZE);
	uintptr_t page = size > 0 ? (uintptr_t)size : 4096;

	*lo = ((uintptr_t)start + page - 1) & ~(page - 1);
	*hi = ((uintptr_t)start + len) & ~(page - 1);
	return len > 0 && (uintptr_t)start + len >= (uintptr_t)start && *hi > *lo;
}

bool pages_release_file(const void *start, size_t len)
{
	uintptr_t lo, hi;

	if (!whole_pages(start, len, &lo, &hi) || !is_file_mapping(lo, hi))
		return false;
	return madvise((void *)lo, hi - lo, MADV_DONTNEED) == 0;
}

struct pages_releaser {
	uintptr_t lo, hi;
	unsigned int interval_us;
	pthread_mutex_t lock;
	pthread_cond_t stop;
	bool is_stopping, has_thread;
	pthread_t thread;
};

static void *releaser_thread(void *arg)
{
	struct pages_releaser *r = arg;
	struct timespec at;

	pthread_mutex_lock(&r->lock);
	clock_gettime(CLOCK_MONOTONIC, &at);
	while (!r->is_stopping) {
		at.tv_nsec += (long)r->interval_us * 1000;
		at.tv_sec += at.tv_nsec / 1000000000;
		at.tv_nsec %= 1000000000;
		while (!r->is_stopping && pthread_cond_timedwait(&r->stop, &r->lock, &at) != ETIMEDOUT)
			;
		if (r->is_stopping)
			break;
		pthread_mutex_unlock(&r->lock);
		(void)madvise((void *)r->lo, r->hi - r->lo, MADV_DONTNEED);
		pthread_mutex_lock(&r->lock);
	}
	pthread_mutex_unlock(&r->lock);
	return NULL;
}

struct pages_releaser *pages_releaser_start(const void *start, size_t len,
					    unsigned int interval_us)
{
	uintptr_t lo, hi;

	if (!whole_pages(start, len, &lo, &hi) || !is_file_mapping(lo, hi))
		return NULL;
	struct pages_releaser *r = calloc(1, sizeof(*r));
	if (r == NULL)
		return NULL;
	*r = (struct pages_releaser){ .lo = lo, .hi = hi, .interval_us = interval_us };
	pthread_condattr_t attr;
	pthread_condattr_init(&attr);
	pthread_condattr_setclock(&attr, CLOCK_MONOTONIC);
	pthread_cond_init(&r->stop, &attr);
	pthread_condattr_destroy(&attr);
	pthread_mutex_init(&r->lock, NULL);
	r->has_thread = pthread_create(&r->thread, NULL, releaser_thread, r) == 0;
	return r;
}

void pages_releaser_stop(struct pages_releaser *r)
{
	if (r == NULL)
		return;
	if (r->has_thread) {
		pthread_mutex_lock(&r->lock);
		r->is_stopping = true;
		pthread_cond_signal(&r->stop);
		pthread_mutex_unlock(&r->lock);
		pthread_join(r->thread, NULL);
	}
	(void)madvise((void *)r->lo, r->hi - r->lo, MADV_DONTNEED);
	pthread_cond_destroy(&r->stop);
	pthread_mutex_destroy(&r->lock);
	free(r);
}
