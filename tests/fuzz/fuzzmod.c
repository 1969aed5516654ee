// SPDX-License-Identifier: GPL-2.0-or-later
/* fuzzmod.c: a tiny module-like ET_REL object, the seed fuzz-resolve mutates; built with
 * cc -g -O1 -ffunction-sections -c fuzzmod.c (Makefile.am, run.sh). */

struct fuzz_state {
	int count;
	const char *name;
	int values[4];
};

struct fuzz_state fuzz_state = { 1, "fuzzmod", { 1, 2, 3, 4 } };
static const char *fuzz_message = "fuzzmod: a string in .rodata.str";

__attribute__((noinline)) int fuzz_victim(int *p)
{
	return *p + fuzz_state.count;
}

static inline __attribute__((always_inline)) int fuzz_inlined(int *p, int n)
{
	return fuzz_victim(p) * n;
}

__attribute__((noinline, cold)) int fuzz_cold_path(int n)
{
	fuzz_state.values[n & 3] = n;
	return fuzz_message[n & 7];
}

__attribute__((noinline)) int fuzz_entry(int *p, int n)
{
	if (n > 100)
		return fuzz_cold_path(n);
	return fuzz_inlined(p, n) + fuzz_state.values[n & 3];
}
