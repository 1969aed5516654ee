// SPDX-License-Identifier: GPL-2.0-or-later
/* replay.c: main() for builds without libFuzzer: each file argument, or each file of a
 * directory argument, is passed once to LLVMFuzzerTestOneInput. */
#include <dirent.h>
#include <errno.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rbe");
	uint8_t *data = NULL;
	size_t size = 0, alloc = 0;

	if (f == NULL) {
		fprintf(stderr, "cannot open '%s': %s\n", path, strerror(errno));
		return -1;
	}
	for (;;) {
		if (size == alloc) {
			alloc = alloc ? alloc * 2 : 65536;
			data = realloc(data, alloc);
			if (data == NULL) {
				fprintf(stderr, "out of memory reading '%s'\n", path);
				exit(1);
			}
		}
		size_t n = fread(data + size, 1, alloc - size, f);
		if (n == 0)
			break;
		size += n;
	}
	int err = ferror(f);
	fclose(f);
	if (err) {
		fprintf(stderr, "cannot read '%s'\n", path);
		free(data);
		return -1;
	}
	/* an exact-size copy: a read past the end of the input is caught under ASan */
	uint8_t *exact = malloc(size ? size : 1);
	if (exact == NULL)
		exit(1);
	memcpy(exact, data, size);
	free(data);
	fprintf(stderr, "replaying '%s' (%zu bytes)\n", path, size);
	LLVMFuzzerTestOneInput(exact, size);
	free(exact);
	return 0;
}

/* the files of dir in name order, not its subdirectories */
static int run_dir(const char *dir)
{
	struct dirent **names;
	int n = scandir(dir, &names, NULL, alphasort), failed = 0;

	if (n < 0) {
		fprintf(stderr, "cannot read '%s': %s\n", dir, strerror(errno));
		return -1;
	}
	for (int i = 0; i < n; i++) {
		char path[4096];
		struct stat st;
		snprintf(path, sizeof(path), "%s/%s", dir, names[i]->d_name);
		if (names[i]->d_name[0] != '.' && stat(path, &st) == 0 &&
		    S_ISREG(st.st_mode) && run_file(path) < 0)
			failed = -1;
		free(names[i]);
	}
	free(names);
	return failed;
}

int main(int argc, char *argv[])
{
	int status = 0;

	for (int i = 1; i < argc; i++) {
		struct stat st;
		if (stat(argv[i], &st) < 0) {
			fprintf(stderr, "cannot open '%s': %s\n", argv[i],
				strerror(errno));
			status = 1;
			continue;
		}
		if ((S_ISDIR(st.st_mode) ? run_dir(argv[i]) : run_file(argv[i])) < 0)
			status = 1;
	}
	return status;
}
