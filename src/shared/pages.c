// SPDX-License-Identifier: LGPL-2.1-or-later
/* pages.c: giving back the pages of a file's mapping that were read once and are done
 * with. */
#include <inttypes.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
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

bool pages_release_file(const void *start, size_t len)
{
	long size = sysconf(_SC_PAGESIZE);
	uintptr_t page = size > 0 ? (uintptr_t)size : 4096;
	uintptr_t lo = ((uintptr_t)start + page - 1) & ~(page - 1);
	uintptr_t hi = ((uintptr_t)start + len) & ~(page - 1);

	if (len == 0 || (uintptr_t)start + len < (uintptr_t)start || hi <= lo ||
	    !is_file_mapping(lo, hi))
		return false;
	return madvise((void *)lo, hi - lo, MADV_DONTNEED) == 0;
}
