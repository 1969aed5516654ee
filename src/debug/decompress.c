// SPDX-License-Identifier: GPL-2.0-or-later
/* decompress.c: .ko.zst, which libdw (0.188, Debian 12) cannot read, into memory. */
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/mman.h>
#include <unistd.h>
#include <zstd.h>

#include "debug/decompress.h"
#include "shared/util.h"

bool decompress_is_needed(const char *path)
{
	size_t n = strlen(path);

	return n > 4 && streq(path + n - 4, ".zst");
}

/* in -> out, stream by stream (a .zst may hold several frames) */
static int inflate(FILE *in, int out, const char *path, char **why)
{
	size_t in_size = ZSTD_DStreamInSize(), out_size = ZSTD_DStreamOutSize();
	char *ibuf = xmalloc(in_size), *obuf = xmalloc(out_size);
	ZSTD_DCtx *z = ZSTD_createDCtx();
	unsigned long long total = 0;
	size_t n, ret = 1;
	int err = 0;

	while (err == 0 && (n = fread(ibuf, 1, in_size, in)) > 0) {
		ZSTD_inBuffer ib = { ibuf, n, 0 };
		while (err == 0 && ib.pos < ib.size) {
			ZSTD_outBuffer ob = { obuf, out_size, 0 };
			ret = ZSTD_decompressStream(z, &ob, &ib);
			if (ZSTD_isError(ret)) {
				err = -EBADMSG;
				*why = xasprintf("'%s': corrupt zstd data: %s", path,
						 ZSTD_getErrorName(ret));
			} else if ((total += ob.pos) > DECOMPRESS_MAX) {
				err = -EFBIG;
				*why = xasprintf("'%s': decompresses to more than %llu MiB: no module",
						 path, DECOMPRESS_MAX >> 20);
			} else if ((err = write_all(out, obuf, ob.pos)) < 0) {
				*why = xasprintf("'%s': cannot decompress: %s", path, strerror(-err));
			}
		}
	}
	if (err == 0 && ferror(in)) {
		err = -EIO;
		*why = xasprintf("cannot read '%s': %s", path, strerror(errno));
	} else if (err == 0 && ret != 0) {
		/* the last frame did not end: a copy cut short */
		err = -EBADMSG;
		*why = xasprintf("'%s': truncated zstd data", path);
	}
	ZSTD_freeDCtx(z);
	free(ibuf);
	free(obuf);
	return err;
}

int decompress_zstd(const char *path, int *fd, char **why)
{
	FILE *in = fopen(path, "rbe");
	int err;

	if (in == NULL) {
		err = -errno;
		*why = xasprintf("cannot open '%s': %s", path, strerror(errno));
		return err;
	}
	int out = memfd_create("kdecode-zstd", MFD_CLOEXEC);
	if (out < 0) {
		err = -errno;
		*why = xasprintf("'%s': cannot decompress: %s", path, strerror(errno));
		fclose(in);
		return err;
	}
	err = inflate(in, out, path, why);
	fclose(in);
	if (err == 0 && lseek(out, 0, SEEK_SET) < 0) {
		err = -errno;
		*why = xasprintf("'%s': cannot decompress: %s", path, strerror(errno));
	}
	if (err < 0) {
		close(out);
		return err;
	}
	*fd = out;
	return 0;
}
