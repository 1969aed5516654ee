// SPDX-License-Identifier: GPL-2.0-or-later
/* title.c: a report's title, in the words kernel developers search for, the same from one
 * crash of a bug to the next (no PIDs, CPUs, durations, addresses), and its signature. */
#include <ctype.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "report/kinds.h"
#include "report/report.h"
#include "shared/strbuf.h"
#include "shared/util.h"

/* frames after the guilty one that go into the signature */
#define SIGNATURE_CALLERS 4

/* where a headline's details begin: "BUG: foo bar, address: 0..." -> "BUG: foo bar" */
static size_t headline_core(const char *h)
{
	static const char *const cuts[] = { ", ", " at ", " for ", ": 0000 [#", " [#",
					    " (", " - ", ": 0x", " on CPU" };
	size_t n = strlen(h);

	for (size_t i = 0; i < ARRAY_SIZE(cuts); i++) {
		const char *p = strstr(h, cuts[i]);
		if (p && (size_t)(p - h) < n && p > h + 4)
			n = (size_t)(p - h);
	}
	while (n > 0 && (h[n - 1] == ' ' || h[n - 1] == ':' || h[n - 1] == '!' || h[n - 1] == '.'))
		n--;
	return n;
}

/* a free-form message as a title: "+0x1c/0x30" offsets dropped, addresses as ADDR and
 * other numbers as NUM, so that two crashes of one bug read alike */
static void push_normalized(struct strbuf *sb, const char *s, size_t len)
{
	for (size_t i = 0; i < len;) {
		const char *p = s + i;
		size_t n = 0;
		/* "fasync_helper+0x29/0x90": the function stays, its offsets go, and so
		 * does the module %pS names after them ("f+0x80/0x80 [oopsmod]"), as the
		 * titles' functions have none */
		if (*p == '+' && p[1] == '0' && p[2] == 'x') {
			n = 1 + strspn(p + 1, "0123456789abcdefx/");
			size_t mod = i + n + 2 < len && p[n] == ' ' && p[n + 1] == '[' ?
					     strspn(p + n + 2, "abcdefghijklmnopqrstuvwxyz0123456789_-") : 0;
			if (mod && i + n + 2 + mod < len && p[n + 2 + mod] == ']')
				n += 3 + mod;
			i += n > len - i ? len - i : n;
			continue;
		}
		bool is_word_start = i == 0 || !isalnum((unsigned char)s[i - 1]);
		if (is_word_start && p[0] == '0' && p[1] == 'x') {
			n = 2 + strspn(p + 2, "0123456789abcdefABCDEF");
			strbuf_pushstr(sb, "ADDR");
		} else if (is_word_start && strspn(p, "0123456789abcdef") >= 8 &&
			   !isalnum((unsigned char)p[strspn(p, "0123456789abcdef")])) {
			n = strspn(p, "0123456789abcdef");
			strbuf_pushstr(sb, "ADDR");
		} else if (isdigit((unsigned char)*p) && (i == 0 || !isalpha((unsigned char)s[i - 1]) ||
							   s[i - 1] == '-')) {
			n = strspn(p, "0123456789");
			strbuf_pushstr(sb, "NUM");
		} else {
			strbuf_pushchar(sb, *p);
			n = 1;
		}
		i += n > len - i ? len - i : n;
	}
}

/* "Undefined behaviour" (old UBSAN) as its newer names are: "undefined-behaviour" */
static void push_bug_type(struct strbuf *sb, const char *s, size_t len)
{
	bool has_upper = false;

	for (size_t i = 0; i < len; i++)
		has_upper |= isupper((unsigned char)s[i]) != 0;
	for (size_t i = 0; i < len; i++) {
		char c = s[i];
		if (has_upper)
			c = c == ' ' ? '-' : (char)tolower((unsigned char)c);
		strbuf_pushchar(sb, c);
	}
}

/* "KASAN: slab-use-after-free Read in foo": the bug type, and KASAN's access */
static void sanitizer_title(const struct report *r, struct strbuf *sb)
{
	const char *h = r->headline + strlen(r->rk->prefix);
	const char *in = strstr(h, " in ");
	size_t type = in ? (size_t)(in - h) : headline_core(h);

	strbuf_pushstr(sb, r->rk->title);
	/* "double-free or invalid-free" (before 5.x told them apart): an invalid free */
	if (type == STRLEN("double-free or invalid-free") &&
	    startswith(h, "double-free or invalid-free"))
		h += STRLEN("double-free or "), type -= STRLEN("double-free or ");
	push_bug_type(sb, h, type);
	if (!streq(r->kind, "kasan"))
		return;
	/* "Read of size 8 at addr ffff888077ec2bf8 by task syz-executor.0/6659", with tags
	 * "Read at addr f1ff000004e1d670 by task ..." */
	for (size_t i = 0; i < r->n_lines; i++) {
		const char *msg = report_line_message(&r->lines[i]);
		for (int w = 0; w < 2; w++) {
			const char *word = w ? "Write " : "Read ";
			if (startswith(msg, word) && (startswith(msg + strlen(word), "of size ") ||
						      startswith(msg + strlen(word), "at addr "))) {
				strbuf_printf(sb, " %.*s", (int)strlen(word) - 1, word);
				return;
			}
		}
	}
}

/* "WARNING: possible circular locking dependency detected" -> "possible deadlock",
 * "[ BUG: bad unlock balance detected! ]" -> "BUG: bad unlock balance" */
static void lockdep_title(const struct report *r, struct strbuf *sb)
{
	static const char *const deadlocks[] = { "possible circular locking dependency",
						 "possible recursive locking",
						 "possible irq lock inversion dependency",
						 " lock order detected" };
	const char *h = r->headline;
	size_t n = strlen(h);

	for (size_t i = 0; i < ARRAY_SIZE(deadlocks); i++) {
		if (strstr(h, deadlocks[i])) {
			strbuf_pushstr(sb, "possible deadlock");
			return;
		}
	}
	if (strstr(h, "inconsistent lock state")) {
		strbuf_pushstr(sb, "inconsistent lock state");
		return;
	}
	if (startswith(h, "[ ")) {
		h += 2;
		n -= 2;
	}
	while (n > 0 && strchr(" ]!.", h[n - 1]))
		n--;
	if (n > STRLEN(" detected") && strncmp(h + n - STRLEN(" detected"), " detected",
					       STRLEN(" detected")) == 0)
		n -= STRLEN(" detected");
	/* "[ BUG: Nested lock was not taken ]" (old) reads "nested" since 4.x */
	size_t colon = n > 2 && memchr(h, ':', n) ? (size_t)((const char *)memchr(h, ':', n) - h) : 0;
	bool lower_next = colon && colon + 2 < n && h[colon + 1] == ' ' &&
			  isupper((unsigned char)h[colon + 2]) && islower((unsigned char)h[colon + 3]);
	/* "WARNING: syz-executor/123 still has locks held": the task is no part of it */
	for (size_t i = 0; i < n;) {
		size_t w = strcspn(h + i, " ");
		const char *slash = memchr(h + i, '/', w < n - i ? w : n - i);
		if (slash && isdigit((unsigned char)slash[1]) && i + w < n) {
			i += w + 1;
			continue;
		}
		size_t start = sb->used;
		strbuf_pushmem(sb, h + i, w < n - i ? w : n - i);
		if (lower_next && i == colon + 2)
			sb->buf[start] = (char)tolower((unsigned char)sb->buf[start]);
		i += w;
		if (i < n)
			strbuf_pushchar(sb, h[i++]);
	}
}

/* the headline, or what follows the kind's marker in it, as a title */
static void headline_title(const struct report *r, struct strbuf *sb)
{
	const struct report_kind *k = r->rk;
	const char *h = r->headline;

	strbuf_pushstr(sb, k->title);
	if (k->title[0] && k->contains && strstr(h, k->contains))
		h = strstr(h, k->contains) + strlen(k->contains);
	else if (k->title[0])
		h += strlen(k->prefix);
	/* a message that names the function itself ("stack-protector: ... in: foo+0x..")
	 * keeps all of it; one a stack explains is cut at its details */
	size_t n = k->title_rule == TITLE_HEADLINE ? strlen(h) : headline_core(h);
	while (n > 0 && isspace((unsigned char)h[n - 1]))
		n--;
	push_normalized(sb, h, n);
}

static void push_function(const struct report *r, struct strbuf *sb)
{
	const char *h = r->headline ? r->headline : "";

	if (r->guilty_function == NULL)
		return;
	strbuf_printf(sb, " in %s", r->guilty_function);
	/* before 4.13 KASAN had no access line: "... in foo at addr ffff8801cbeda574" */
	if (streq(r->kind, "kasan") && strstr(h, " at addr ") && !strstr(sb->buf, " Read") &&
	    !strstr(sb->buf, " Write"))
		strbuf_pushstr(sb, " at addr ADDR");
}

static void make_title(const struct report *r, struct strbuf *sb)
{
	const struct report_kind *k = r->rk;
	const char *h = r->headline ? r->headline : "";

	switch (k->title_rule) {
	case TITLE_FUNCTION:
		/* " in preemptible": the title is the headline up to it */
		if (k->title[0] == ' ' && strstr(h, k->title))
			strbuf_pushmem(sb, h, (size_t)(strstr(h, k->title) - h));
		else
			strbuf_pushstr(sb, k->title);
		break;
	case TITLE_FIXED:
		strbuf_pushstr(sb, k->title[0] ? k->title : h);
		return;
	case TITLE_HEADLINE:
		headline_title(r, sb);
		return;
	case TITLE_MESSAGE:
		headline_title(r, sb);
		break;
	case TITLE_CUT:
		strbuf_pushmem(sb, h, strstr(h, k->contains) ? (size_t)(strstr(h, k->contains) - h)
							   : strlen(h));
		strbuf_pushstr(sb, k->title);
		break;
	case TITLE_SANITIZER:
		sanitizer_title(r, sb);
		break;
	case TITLE_LOCKDEP:
		lockdep_title(r, sb);
		break;
	case TITLE_WARNING:
		strbuf_pushstr(sb, r->variant ? r->variant : k->title);
		break;
	}
	push_function(r, sb);
}

/* FNV-1a, 64 bits */
static uint64_t hash_str(uint64_t h, const char *s)
{
	for (; *s; s++) {
		h ^= (unsigned char)*s;
		h *= 0x100000001b3ULL;
	}
	return h * 0x100000001b3ULL;	/* a separator */
}

/* kind, the guilty function and the next callers' names (no offsets): two crashes of one
 * bug whose titles collide with other bugs' still group apart */
static void make_signature(struct report *r)
{
	uint64_t h = hash_str(0xcbf29ce484222325ULL, r->class);

	h = hash_str(h, r->title);
	if (r->guilty >= 0) {
		unsigned int stack = r->frames[r->guilty].stack;
		size_t n = 0;
		for (size_t i = (size_t)r->guilty + 1; i < r->n_frames && n < SIGNATURE_CALLERS;
		     i++) {
			const struct frame *f = &r->frames[i];
			char base[KSYM_NAME_LEN];
			if (f->stack != stack || !f->is_reliable || !f->symbol[0])
				continue;
			h = hash_str(h, frame_base_name(f->symbol, base, sizeof(base)));
			n++;
		}
	}
	snprintf(r->signature, sizeof(r->signature), "%016" PRIx64, h);
}

void report_make_title(struct report *r)
{
	struct strbuf sb = STRBUF_INIT;

	if (r->headline == NULL || r->rk == &kind_backtrace) {
		strbuf_pushstr(&sb, "backtrace");
		push_function(r, &sb);
	} else {
		make_title(r, &sb);
	}
	if (sb.used == 0)
		strbuf_pushstr(&sb, r->kind);
	free(r->title);
	r->title = strbuf_steal(&sb);
	make_signature(r);
}
