// SPDX-License-Identifier: GPL-2.0-or-later
/* test-dlib.c: dlib_load() on zlib: loaded, a soname that is not there, a symbol that is not. */
#include <string.h>
#include <zlib.h>

#include "shared/dlib.h"
#include "unit.h"

/* in no library: its entry must make the load fail */
void kdecode_no_such_function(void);

static __typeof__(&zlibVersion) sym_zlibVersion;
static __typeof__(&crc32) sym_crc32;
static __typeof__(&kdecode_no_such_function) sym_kdecode_no_such_function;

static const struct dlib_sym zlib_syms[] = { DLIB_SYM(zlibVersion), DLIB_SYM(crc32) };
static const struct dlib_sym missing_syms[] = {
	DLIB_SYM(zlibVersion), DLIB_SYM(kdecode_no_such_function), DLIB_SYM(crc32),
};

/* static, as in use: their failures are kept for the process */
static struct dlib zlib = DLIB_INIT("libz.so.1", "zlib1g", zlib_syms);
static struct dlib no_soname = DLIB_INIT("libkdecode-no-such.so.0", "kdecode-no-such",
					 zlib_syms);
static struct dlib no_symbol = DLIB_INIT("libz.so.1", "zlib1g", missing_syms);

#define HAS(s, part) ((s) != NULL && strstr((s), (part)) != NULL)

int main(void)
{
	const char *why = "unset", *again = "unset";

	/* a soname that is not installed: the one line says which and what to install,
	 * then dlerror()'s "libkdecode-no-such.so.0: cannot open shared object file: ..." */
	CHECK(!dlib_load(&no_soname, &why), "no soname: loaded");
	CHECK(HAS(why, "cannot load libkdecode-no-such.so.0 (install the Debian package "
		       "kdecode-no-such): libkdecode-no-such.so.0: "), "no soname: \"%s\"", why);
	CHECK(why && why == strstr(why, "cannot load "), "no soname: \"%s\"", why);
	CHECK(why && strchr(why, '\n') == NULL, "no soname: not one line: \"%s\"", why);
	CHECK(sym_zlibVersion == NULL && sym_crc32 == NULL, "no soname: a symbol set");
	/* remembered: the same reason, not another attempt */
	CHECK(!dlib_load(&no_soname, &again), "no soname, again: loaded");
	CHECK(again == why, "no soname, again: tried again (\"%s\")", again);

	/* the library is there, a symbol is not: dlerror() names it; none is left set */
	CHECK(!dlib_load(&no_symbol, &why), "no symbol: loaded");
	CHECK(why && why == strstr(why, "cannot load libz.so.1 (install the Debian package "
					 "zlib1g): "), "no symbol: \"%s\"", why);
	CHECK(HAS(why, "kdecode_no_such_function"), "no symbol: \"%s\"", why);
	CHECK(why && strchr(why, '\n') == NULL, "no symbol: not one line: \"%s\"", why);
	CHECK(sym_zlibVersion == NULL && sym_crc32 == NULL &&
		      sym_kdecode_no_such_function == NULL, "no symbol: a symbol left set");
	CHECK(!dlib_load(&no_symbol, &again) && again == why, "no symbol, again");

	/* loaded: every pointer set, callable with its prototype */
	CHECK(dlib_load(&zlib, &why), "zlib: not loaded: %s", why);
	CHECK_STR_EQ(why, NULL, "zlib: a reason");
	if (sym_zlibVersion && sym_crc32) {
		CHECK_STR_EQ(sym_zlibVersion(), zlibVersion(), "zlib: zlibVersion()");
		CHECK_INT_EQ(sym_crc32(0, (const Bytef *)"abc", 3), 0x352441c2,
			     "zlib: crc32(\"abc\")");
	}
	CHECK(dlib_load(&zlib, &why) && why == NULL, "zlib, again");
	return unit_exit();
}
