/* SPDX-License-Identifier: GPL-2.0-or-later */
/* prefix.h: console, syslog and journal prefixes -> message offset, timestamp, level, caller. */
#pragma once

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

#include "shared/macro.h"

struct prefix {
	size_t len;		/* bytes before the kernel's own message */
	bool has_time;		/* time_us is the kernel's monotonic "[ seconds ]" */
	uint64_t time_us;
	int level;		/* printk level 0-7, -1 when the line does not say */
	char caller[16];	/* "T123" or "C1" with CONFIG_PRINTK_CALLER, else "" */
};

/* Find every prefix at the start of text (they stack: syslog, then "[ts]", ...).
 * Never fails: a line without a prefix gives len 0. */
void prefix_parse(const char *text, struct prefix *p) _nonnull_(1, 2);
