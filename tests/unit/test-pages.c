// SPDX-License-Identifier: GPL-2.0-or-later
/* test-pages.c: pages_release_file() and a pages_releaser give back the pages of a file's
 * mapping, which read the same meanwhile and after, and never touch other memory
 * (malloc's would read back as zeros). */
#include <fcntl.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>

#include "shared/pages.h"
#include "unit.h"

#define NPAGES 8

/* /proc/self/pagemap's bit 63 for the page at p: mapped in this process; -1 when it
 * cannot be read */
static int is_present(const void *p, long page)
{
	int fd = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
	uint64_t entry;
	off_t at = (off_t)((uintptr_t)p / (uintptr_t)page * sizeof(entry));

	if (fd < 0)
		return -1;
	ssize_t n = pread(fd, &entry, sizeof(entry), at);
	close(fd);
	return n == (ssize_t)sizeof(entry) ? (int)(entry >> 63) : -1;
}

static void fill(unsigned char *p, size_t n)
{
	for (size_t i = 0; i < n; i++)
		p[i] = (unsigned char)(i * 7 + 3);
}

static size_t count_wrong(const unsigned char *p, size_t n)
{
	size_t wrong = 0;

	for (size_t i = 0; i < n; i++)
		wrong += p[i] != (unsigned char)(i * 7 + 3);
	return wrong;
}

static void check_maps_lines(void)
{
	static const struct {
		const char *line;
		unsigned long lo, hi;
		bool holds;
	} cases[] = {
		{ "7f0000000000-7f0000010000 r--p 00001000 fd:01 1234 /usr/lib/debug/vmlinux\n",
		  0x7f0000001000, 0x7f0000010000, true },
		{ "7f0000000000-7f0000010000 rw-p 00000000 08:02 99 /tmp/x (deleted)\n",
		  0x7f0000000000, 0x7f0000001000, true },
		/* anonymous: malloc's, a decompressed file's */
		{ "7f0000000000-7f0000010000 rw-p 00000000 00:00 0 \n", 0x7f0000001000,
		  0x7f0000002000, false },
		{ "7f0000000000-7f0000010000 rw-p 00000000 00:00 0 [heap]\n", 0x7f0000001000,
		  0x7f0000002000, false },
		/* not all of the range in the mapping */
		{ "7f0000000000-7f0000010000 r--p 00000000 fd:01 1234 /f\n", 0x7f000000f000,
		  0x7f0000011000, false },
		{ "7f0000000000-7f0000010000 r--p 00000000 fd:01 1234 /f\n", 0x7effffff0000,
		  0x7f0000001000, false },
		{ "7f0000000000-7f0000010000 ---p 00000000 fd:01 1234 /f\n", 0x7f0000001000,
		  0x7f0000002000, false },
		{ "garbage\n", 0, 1, false },
		{ "", 0, 1, false },
	};

	for (size_t i = 0; i < sizeof(cases) / sizeof(cases[0]); i++)
		CHECK(pages_maps_line_holds(cases[i].line, cases[i].lo, cases[i].hi) ==
			      cases[i].holds,
		      "line %zu", i);
}

static void check_file(long page)
{
	const char *tmpdir = getenv("TMPDIR");
	char path[4096];
	snprintf(path, sizeof(path), "%s/kdecode-test-pages-XXXXXX",
		 tmpdir && *tmpdir ? tmpdir : "/tmp");
	int fd = mkstemp(path);
	size_t len = (size_t)page * NPAGES;
	unsigned char *bytes = malloc(len);

	CHECK(fd >= 0 && bytes, "a temporary file");
	if (fd < 0 || bytes == NULL) {
		free(bytes);
		return;
	}
	unlink(path);
	fill(bytes, len);
	CHECK(write(fd, bytes, len) == (ssize_t)len, "writing it");
	unsigned char *map = mmap(NULL, len, PROT_READ, MAP_PRIVATE, fd, 0);
	close(fd);
	CHECK(map != MAP_FAILED, "mapping it");
	if (map == MAP_FAILED) {
		free(bytes);
		return;
	}
	CHECK_INT_EQ(count_wrong(map, len), 0, "the mapping read");
	/* the pages inside [map + 1, map + len - 1): all but the first and the last */
	CHECK(pages_release_file(map + 1, len - 2), "the pages given back");
	int first = is_present(map, page), middle = is_present(map + page * 3, page);
	if (first >= 0 && middle >= 0) {
		CHECK_INT_EQ(first, 1, "the partly covered first page kept");
		CHECK_INT_EQ(middle, 0, "a page given back");
	}
	CHECK_INT_EQ(count_wrong(map, len), 0, "the mapping read again");
	CHECK(!pages_release_file(map + 1, 10), "less than a page: nothing given");

	/* a releaser while the mapping is read: it reads the same throughout, and is given
	 * back at the end */
	struct pages_releaser *r = pages_releaser_start(map, len, 100);
	CHECK(r != NULL, "a releaser for a file's mapping");
	size_t wrong = 0;
	for (int round = 0; round < 2000; round++)
		wrong += count_wrong(map, len);
	pages_releaser_stop(r);
	CHECK_INT_EQ(wrong, 0, "the mapping read while given back");
	middle = is_present(map + page * 3, page);
	if (middle >= 0)
		CHECK_INT_EQ(middle, 0, "a page given back once the releaser stopped");
	CHECK_INT_EQ(count_wrong(map, len), 0, "the mapping read after the releaser");
	CHECK(!pages_release_file(map, 0), "nothing asked");
	munmap(map, len);
	free(bytes);
}

/* anonymous memory would come back as zeros: it must be refused, untouched */
static void check_anonymous(long page)
{
	size_t len = (size_t)page * NPAGES;
	unsigned char *heap = malloc(len * 2);
	unsigned char *anon = mmap(NULL, len, PROT_READ | PROT_WRITE, MAP_PRIVATE | MAP_ANONYMOUS,
				   -1, 0);

	CHECK(heap && anon != MAP_FAILED, "memory");
	if (heap == NULL || anon == MAP_FAILED) {
		free(heap);
		return;
	}
	fill(heap, len * 2);
	fill(anon, len);
	CHECK(!pages_release_file(heap, len * 2), "malloc's memory refused");
	CHECK(!pages_release_file(anon, len), "an anonymous mapping refused");
	CHECK(pages_releaser_start(heap, len * 2, 100) == NULL, "no releaser for malloc's memory");
	CHECK(pages_releaser_start(anon, len, 100) == NULL, "no releaser for an anonymous mapping");
	pages_releaser_stop(NULL);
	CHECK_INT_EQ(count_wrong(heap, len * 2), 0, "malloc's memory as it was");
	CHECK_INT_EQ(count_wrong(anon, len), 0, "the anonymous mapping as it was");
	munmap(anon, len);
	free(heap);
}

int main(void)
{
	long page = sysconf(_SC_PAGESIZE);

	check_maps_lines();
	check_file(page > 0 ? page : 4096);
	check_anonymous(page > 0 ? page : 4096);
	return unit_exit();
}
