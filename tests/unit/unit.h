/* SPDX-License-Identifier: GPL-2.0-or-later */
/* unit.h: CHECK macros that report and count failures, and the exit code they lead to. */
#pragma once

#include <stdint.h>
#include <stdio.h>
#include <string.h>

static unsigned int unit_failures;

#define UNIT_FAIL(what, fmt, ...)                                                        \
	do {                                                                             \
		fprintf(stderr, "%s:%d: failed: %s: " fmt "\n", __FILE__, __LINE__, what, \
			##__VA_ARGS__);                                                  \
		unit_failures++;                                                         \
	} while (0)

/* fmt says which case failed: the table rows share one CHECK line */
#define CHECK(cond, fmt, ...)                                 \
	do {                                                  \
		if (!(cond))                                  \
			UNIT_FAIL(#cond, fmt, ##__VA_ARGS__); \
	} while (0)

/* NULL is a value of its own here: it equals only NULL */
#define CHECK_STR_EQ(got, expected, fmt, ...)                                               \
	do {                                                                                \
		const char *unit_g_ = (got), *unit_e_ = (expected);                         \
		if (unit_g_ == NULL || unit_e_ == NULL ? unit_g_ != unit_e_                 \
						       : strcmp(unit_g_, unit_e_) != 0)     \
			UNIT_FAIL(#got, fmt ": expected \"%s\", got \"%s\"", ##__VA_ARGS__, \
				  unit_e_ ? unit_e_ : "(null)", unit_g_ ? unit_g_ : "(null)"); \
	} while (0)

#define CHECK_INT_EQ(got, expected, fmt, ...)                                                \
	do {                                                                                 \
		intmax_t unit_g_ = (intmax_t)(got), unit_e_ = (intmax_t)(expected);          \
		if (unit_g_ != unit_e_)                                                      \
			UNIT_FAIL(#got, fmt ": expected %jd (%#jx), got %jd (%#jx)",         \
				  ##__VA_ARGS__, unit_e_, (uintmax_t)unit_e_, unit_g_,       \
				  (uintmax_t)unit_g_);                                       \
	} while (0)

/* 0 when every check passed, 1 otherwise (77, a skip, is for tests that cannot run) */
static inline int unit_exit(void)
{
	if (unit_failures)
		fprintf(stderr, "%u check(s) failed\n", unit_failures);
	return unit_failures ? 1 : 0;
}
