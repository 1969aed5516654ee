/* SPDX-License-Identifier: LGPL-2.1-or-later */
/* macro.h: attributes, cleanup helpers and small macros shared by every stage. */
#pragma once

#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

#define _must_check_ __attribute__((warn_unused_result))
#define _nonnull_(...) __attribute__((nonnull(__VA_ARGS__)))
#define _printf_format_(a, b) __attribute__((format(printf, a, b)))
#define _unused_ __attribute__((unused))
#define _cleanup_(x) __attribute__((cleanup(x)))

#define ARRAY_SIZE(a) (sizeof(a) / sizeof((a)[0]))
#define STRLEN(s) (sizeof(s) - 1)
/* a macro's value as a string literal: STRINGIFY(CS_API_MAJOR) is "4" */
#define STRINGIFY_(x) #x
#define STRINGIFY(x) STRINGIFY_(x)

static inline void freep(void *p)
{
	free(*(void **)p);
}
#define _cleanup_free_ _cleanup_(freep)

/* hand a pointer over to someone else: the cleanup then sees NULL */
#define TAKE_PTR(p)                          \
	({                                   \
		__typeof__(p) _ptr_ = (p);   \
		(p) = NULL;                  \
		_ptr_;                       \
	})

#define streq(a, b) (strcmp((a), (b)) == 0)

/* any prefix, literal or not (a literal's strlen() is folded at compile time) */
static inline bool startswith(const char *s, const char *prefix)
{
	/* the first two bytes first: most lines are tried against prefixes they do not
	 * start, or only start as many others do ("BUG", "WARNING") */
	if (prefix[0] == '\0')
		return true;
	if (prefix[1] == '\0')
		return s[0] == prefix[0];
	return s[0] == prefix[0] && s[1] == prefix[1] &&
	       strncmp(s + 2, prefix + 2, strlen(prefix + 2)) == 0;
}
